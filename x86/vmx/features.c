// SPDX-License-Identifier: GPL-2.0-only
/*
 * features.c: VMX features a processor may offer, each a SKIP when the
 * capability MSRs say it is absent (Intel SDM vol. 3C 25.10 and 26.10
 * VMCS shadowing with the VMREAD/VMWRITE bitmaps, 30.1-30.2 APIC-access
 * VM exits and their qualification, 30.1.2 TPR shadow and TPR threshold,
 * 27.2.1.2 its entry check, 30.5 virtualizing MSR-based APIC accesses
 * (virtualize x2APIC mode), 29.3.6 page-modification logging, 26.5.6.3
 * EPTP switching with VMFUNC and its checks (26.5.6, 27.2.1.1), 26.2
 * NMI exiting, 26.1.3 INVPCID, MONITOR and MWAIT exiting).
 */
#include "vmx.h"
#include <x86/apic.h>

static bool need_proc2(unsigned int bit, const char *what)
{
	if (vmx_ctl_may_set(VMX_CTL_PROC2, bit))
		return true;
	report_skip("%s not offered (PROCBASED_CTLS2 bit %u)", what, bit);
	return false;
}

static void l2_shadow(struct l2_guest *l2)
{
	u64 v;

	asm volatile("vmread %1, %0"
		     : "=r"(v)
		     : "r"((u64)VMCS_GUEST_RIP)
		     : "cc");
	l2_record(l2, v);
	asm volatile("vmwrite %0, %1"
		     :
		     : "r"(0x5678ULL), "r"((u64)VMCS_GUEST_RSP)
		     : "cc");
	l2_record(l2, 1);
	asm volatile("vmread %1, %0"
		     : "=r"(v)
		     : "r"((u64)VMCS_GUEST_CR3)
		     : "cc");
	l2_record(l2, v);
}

static void bitmap_set(u8 *map, u32 enc)
{
	map[(enc & 0x7fff) / 8] |= 1 << (enc % 8);
}

/*
 * 25.10, 26.10 (VMCS shadowing): in L2, VMREAD/VMWRITE of a field whose
 * bit is clear in the VMREAD/VMWRITE bitmap access the shadow VMCS the
 * link pointer names, without an exit; a set bit exits. 25.2, 31.3:
 * VMPTRLD of a shadow VMCS (indicator bit 31) works with VMCS shadowing;
 * 27.1: VMLAUNCH with a shadow VMCS current is VMfailInvalid. 27.3.1.5:
 * the link pointer must name a shadow VMCS (qualification 4).
 */
TEST_CASE(vmcs_shadowing_25_10, .fixture = &vmx_env)
{
	u32 *shadow = vmx_alloc_region();
	u8 *rbm = alloc_page(), *wbm = alloc_page();
	struct vmx_exit e;
	u64 v;

	if (!need_proc2(14, "VMCS shadowing"))
		return;
	shadow[0] |= BIT(31);
	report_vmx(vmclear(vmx_pa(shadow)), VMX_OK,
		   "VMCLEAR of the shadow VMCS");
	report_vmx(vmptrld(vmx_pa(shadow)), VMX_OK, "VMPTRLD of a shadow VMCS");
	report_vmx(vmwrite_r(VMCS_GUEST_RIP, 0x1234), VMX_OK,
		   "VMWRITE to the shadow VMCS");
	vcpu.gprs.launched = 0;
	e = vmx_run(&vcpu, NULL);
	report_vmx(e.insn, VMX_FAIL_INV, "VMLAUNCH of a shadow VMCS");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK,
		   "back to the ordinary VMCS");

	bitmap_set(rbm, VMCS_GUEST_CR3);
	vmcs_set_proc2(PROC2_SHADOW_VMCS);
	vmcs_write(VMCS_VMREAD_BITMAP, vmx_pa(rbm));
	vmcs_write(VMCS_VMWRITE_BITMAP, vmx_pa(wbm));
	vmcs_write(VMCS_LINK_PTR, vmx_pa(vcpu.vmxon_region));
	e = vmx_run(&vcpu, l2_shadow);
	check_entry_fail(&e, EXIT_REASON_BAD_GUEST, 4);

	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_SHADOW_VMCS);
	vmcs_write(VMCS_VMREAD_BITMAP, vmx_pa(rbm));
	vmcs_write(VMCS_VMWRITE_BITMAP, vmx_pa(wbm));
	vmcs_write(VMCS_LINK_PTR, vmx_pa(shadow));
	e = vmx_run(&vcpu, l2_shadow);
	check_exit(&e, EXIT_REASON_VMREAD);
	report_eq(vcpu.l2.results->count, 2,
		  "VMREAD and VMWRITE with clear bits did not exit");
	report_eq(vcpu.l2.results->value[0], 0x1234,
		  "VMREAD read the shadow VMCS");
	report_vmx(vmptrld(vmx_pa(shadow)), VMX_OK,
		   "VMPTRLD of the shadow VMCS");
	report_vmx(vmread_r(VMCS_GUEST_RSP, &v), VMX_OK, "VMREAD");
	report_eq(v, 0x5678, "L2's VMWRITE went to the shadow VMCS");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK,
		   "back to the ordinary VMCS");
}

static void l2_apic_page(struct l2_guest *l2)
{
	volatile u32 *p = l2->arg;

	l2_record(l2, p[0x80 / 4]);
	p[0x300 / 4] = 0;
}

/*
 * 30.1, 30.4 (APIC-access VM exits): with "virtualize APIC accesses" an
 * access to the APIC-access page exits (reason 44); the qualification
 * holds the page offset (bits 11:0) and the access type (bits 15:12: 0
 * linear read, 1 linear write); L2 repeats the access until L1 skips it.
 */
TEST_CASE(apic_access_30_4, .fixture = &vmx_env)
{
	u8 *page = alloc_page();
	struct vmx_exit e;

	if (!need_proc2(0, "virtualize APIC accesses"))
		return;
	vmcs_set_proc2(PROC2_VAPIC_ACCESS);
	vmcs_write(VMCS_APIC_ACCESS_ADDR, vmx_pa(page));
	l2_init(&vcpu.l2, l2_apic_page, page);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_APIC_ACCESS);
	report_eq(e.qual & 0xffff, 0x0080, "read of offset 0x80: type 0");
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_APIC_ACCESS);
	report_eq(e.qual & 0xffff, 0x0080,
		  "resumed without emulation: the read again");
	vcpu.gprs.rax = 0;
	vmx_skip_insn(&e);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_APIC_ACCESS);
	report_eq(e.qual & 0xffff, 0x1300, "write of offset 0x300: type 1");
}

static void l2_apic_regs(struct l2_guest *l2)
{
	volatile u32 *p = l2->arg;

	l2_record(l2, p[0x30 / 4]);
	l2_record(l2, p[0x80 / 4]);
	l2_record(l2, p[0x390 / 4]);
}

/*
 * 30.4.2 (virtualizing reads from the APIC-access page): with
 * APIC-register virtualization, a read of a virtualized register (version
 * 30H, TPR 80H, ...) returns the virtual-APIC page's value without an
 * exit; the current count (390H) is not virtualized: APIC-access exit.
 */
TEST_CASE(apic_reg_virt_30_4_2, .fixture = &vmx_env)
{
	u32 *vapic = alloc_page();
	u8 *page = alloc_page();
	struct vmx_exit e;

	if (!need_proc2(0, "virtualize APIC accesses") ||
	    !need_proc2(8, "APIC-register virtualization"))
		return;
	vapic[0x30 / 4] = 0x12345678;
	vapic[0x80 / 4] = 0x40;
	vmcs_set(VMCS_PROC_CTLS, PROC_TPR_SHADOW);
	vmcs_write(VMCS_VAPIC_ADDR, vmx_pa(vapic));
	vmcs_set_proc2(PROC2_VAPIC_ACCESS | PROC2_APIC_REG_VIRT);
	vmcs_write(VMCS_APIC_ACCESS_ADDR, vmx_pa(page));
	l2_init(&vcpu.l2, l2_apic_regs, page);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_APIC_ACCESS);
	report_eq(e.qual & 0xffff, 0x0390, "read of 390H: type 0, offset 390H");
	report_eq(vcpu.l2.results->count, 2, "two virtualized reads");
	report_eq(vcpu.l2.results->value[0], 0x12345678,
		  "version (30H) from the virtual-APIC page");
	report_eq(vcpu.l2.results->value[1], 0x40, "TPR (80H) from VTPR");
}

static void l2_x2apic_msrs(struct l2_guest *l2)
{
	l2_record(l2, rdmsr(0x808));
	l2_record(l2, rdmsr(0x803));
	l2_record(l2, rdmsr(0x802));
	wrmsr(0x808, 0x30);
	l2_record(l2, rdmsr(0x808));
}

/*
 * 30.5 (virtualizing MSR-based APIC accesses): with "virtualize x2APIC
 * mode" and APIC-register virtualization, RDMSR of the x2APIC MSRs 808H
 * (TPR), 803H (version) and 802H (ID) reads the virtual-APIC page at
 * offset (MSR & FFH) << 4 and WRMSR of 808H writes VTPR, without exits
 * (the MSR bitmap is clear). 27.2.1.1: "virtualize x2APIC mode" needs
 * "use TPR shadow" and excludes "virtualize APIC accesses" (VMfailValid
 * 7).
 */
TEST_CASE(x2apic_virt_30_5, .fixture = &vmx_env)
{
	u32 *vapic = alloc_page();
	u8 *page = alloc_page();
	struct vmx_exit e;

	if (!need_proc2(4, "virtualize x2APIC mode") ||
	    !need_proc2(8, "APIC-register virtualization"))
		return;
	if (!vmx_ctl_may_set(VMX_CTL_PROC, 21))
		return report_skip("TPR shadow not offered");
	vapic[0x20 / 4] = 0x0a000000;
	vapic[0x30 / 4] = 0x00050014;
	vapic[0x80 / 4] = 0x50;
	vmcs_set_proc2(PROC2_VIRT_X2APIC);
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "virtualize x2APIC mode without use TPR shadow");
	vmcs_set(VMCS_PROC_CTLS, PROC_TPR_SHADOW);
	vmcs_write(VMCS_VAPIC_ADDR, vmx_pa(vapic));
	if (vmx_ctl_may_set(VMX_CTL_PROC2, 0)) {
		vmcs_set_proc2(PROC2_VAPIC_ACCESS);
		vmcs_write(VMCS_APIC_ACCESS_ADDR, vmx_pa(page));
		e = vmx_run(&vcpu, l2_nothing);
		report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
			   "virtualize x2APIC mode and APIC accesses");
		vmcs_clear(VMCS_PROC_CTLS2, PROC2_VAPIC_ACCESS);
	}
	vmcs_set_proc2(PROC2_APIC_REG_VIRT);
	vmx_msr_intercept(&vcpu, 0x808, false, false);
	e = vmx_run(&vcpu, l2_x2apic_msrs);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->count, 4, "four MSR reads, no exit");
	report_eq(vcpu.l2.results->value[0], 0x50, "RDMSR 808H: VTPR");
	report_eq(vcpu.l2.results->value[1], 0x00050014,
		  "RDMSR 803H: virtual version (30H)");
	report_eq(vcpu.l2.results->value[2], 0x0a000000,
		  "RDMSR 802H: virtual ID (20H)");
	report_eq(vapic[0x80 / 4], 0x30, "WRMSR 808H wrote VTPR");
	report_eq(vcpu.l2.results->value[3], 0x30, "RDMSR 808H reads it back");
}

static void l2_rdmsr_arg(struct l2_guest *l2)
{
	l2_record(l2, rdmsr((u32)(u64)l2->arg));
}

static void l2_wrmsr_tpr_high(struct l2_guest *l2)
{
	wrmsr(0x808, 0x100);
	l2_record(l2, 1);
}

/* Runs FN(ARG) in "virtualize x2APIC mode" with #GP in the bitmap. */
static struct vmx_exit x2apic_run(u32 *vapic, u64 proc2, l2_fn_t fn, void *arg)
{
	vmx_vmcs_reset(&vcpu);
	vmcs_set(VMCS_PROC_CTLS, PROC_TPR_SHADOW);
	vmcs_write(VMCS_VAPIC_ADDR, vmx_pa(vapic));
	vmcs_set_proc2(PROC2_VIRT_X2APIC | proc2);
	vmx_msr_intercept(&vcpu, 0x808, false, false);
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(GP_VECTOR));
	l2_init(&vcpu.l2, fn, arg);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	return vmx_run(&vcpu, NULL);
}

/*
 * 30.5: with APIC-register virtualization every RDMSR of 800H-8FFH reads
 * the 8 bytes at (ECX & FFH) << 4 of the virtual-APIC page, even the
 * current count (839H) and even with the local APIC not in x2APIC mode.
 * Without it only 808H is virtualized: with L1's APIC not in x2APIC mode,
 * RDMSR 803H operates normally, #GP(0). TPR virtualization of WRMSR 808H
 * takes #GP(0) when bits 63:8 are not 0.
 */
TEST_CASE(x2apic_msr_rules_30_5, .fixture = &vmx_env)
{
	u32 *vapic = alloc_page();
	struct vmx_exit e;

	if (!need_proc2(4, "virtualize x2APIC mode") ||
	    !need_proc2(8, "APIC-register virtualization"))
		return;
	if (!vmx_ctl_may_set(VMX_CTL_PROC, 21))
		return report_skip("TPR shadow not offered");
	if (apic_mode() == APIC_MODE_X2APIC)
		return report_skip("L1's APIC is in x2APIC mode: those MSRs "
				   "exist");
	vapic[0x390 / 4] = 0x1234;
	vapic[0x394 / 4] = 0x5678;
	e = x2apic_run(vapic, PROC2_APIC_REG_VIRT, l2_rdmsr_arg,
		       (void *)0x839UL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->value[0], 0x567800001234ULL,
		  "RDMSR 839H: bytes 397H:390H of the virtual-APIC page");
	e = x2apic_run(vapic, 0, l2_rdmsr_arg, (void *)0x803UL);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(GP_VECTOR, INTR_TYPE_HW_EXC, true),
		  "RDMSR 803H without APIC-register virtualization: #GP");
	report_eq(e.intr_err, 0, "error code 0");
	e = x2apic_run(vapic, 0, l2_rdmsr_arg, (void *)0x808UL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->count, 1,
		  "RDMSR 808H is virtualized without it");
	e = x2apic_run(vapic, 0, l2_wrmsr_tpr_high, NULL);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(GP_VECTOR, INTR_TYPE_HW_EXC, true),
		  "WRMSR 808H with bit 8 set: #GP");
	report_eq(vapic[0x80 / 4], 0, "VTPR unchanged");
}

static void l2_tpr(struct l2_guest *l2)
{
	u64 v;

	asm volatile("mov %0, %%cr8" : : "r"(7ULL) : "memory");
	asm volatile("mov %%cr8, %0" : "=r"(v));
	l2_record(l2, v);
	asm volatile("mov %0, %%cr8" : : "r"(3ULL) : "memory");
	l2_record(l2, 1);
}

/*
 * 30.1.2, 30.3 (TPR shadow): MOV to CR8 writes VTPR (virtual-APIC page
 * offset 80H, bits 7:4) without an exit, MOV from CR8 reads it; a write
 * that takes VTPR[7:4] below the TPR threshold exits (reason 43) after
 * the instruction. 27.2.1.2: a threshold above VTPR[7:4] fails entry
 * with VMfailValid(7).
 */
TEST_CASE(tpr_shadow_30_1_2, .fixture = &vmx_env)
{
	u8 *vapic = alloc_page();
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC, 21))
		return report_skip("TPR shadow not offered");
	vmcs_set(VMCS_PROC_CTLS, PROC_TPR_SHADOW);
	vmcs_write(VMCS_VAPIC_ADDR, vmx_pa(vapic));
	vmcs_write(VMCS_TPR_THRESHOLD, 5);
	e = vmx_run(&vcpu, l2_tpr);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "threshold 5 above VTPR[7:4] = 0");
	vapic[0x80] = 0x50;
	e = vmx_run(&vcpu, l2_tpr);
	check_exit(&e, EXIT_REASON_TPR_BELOW);
	report_eq(vapic[0x80], 0x30, "VTPR holds 3 << 4");
	report_eq(vcpu.l2.results->value[0], 7, "MOV from CR8 reads VTPR[7:4]");
	report_eq(vcpu.l2.results->count, 1, "the exit comes after the MOV");
	e = vmx_run(&vcpu, NULL);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "VMRESUME with the threshold still above VTPR[7:4]");
	vmcs_write(VMCS_TPR_THRESHOLD, 3);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->count, 2, "threshold 3: L2 goes on");
}

static void l2_write_two(struct l2_guest *l2)
{
	u8 *p = l2->arg;

	p[0] = 1;
	p[PAGE_SIZE] = 2;
	p[2 * PAGE_SIZE] = 3;
}

/* Sets the accessed and dirty flags of every entry of a table tree. */
static void mark_dirty(u64 *table, int level)
{
	for (unsigned int i = 0; i < 512; i++) {
		if (!(table[i] & EPT_RWX))
			continue;
		table[i] |= EPT_A | EPT_D;
		if (level > PT_LEVEL_4K && !(table[i] & EPT_LARGE))
			mark_dirty((u64 *)(table[i] & PT_ADDR_MASK), level - 1);
	}
}

/*
 * 29.3.6 (page-modification logging): with EPT A/D flags, a write that
 * sets an EPT dirty flag logs the 4-KiB guest-physical page at the PML
 * index, which then decrements; with the index past 0 (FFFFH) the next
 * such write exits with reason 62 instead.
 */
TEST_CASE(pml_29_3_6, .fixture = &vmx_env)
{
	static struct page_table pml_ept;
	u64 *log = alloc_page();
	u8 *pages = alloc_pages(2);
	struct vmx_exit e;

	if (!need_proc2(17, "page-modification logging") ||
	    !need_proc2(1, "EPT"))
		return;
	if (!(vmx_caps()->ept_vpid & EPT_CAP_AD))
		return report_skip("EPT accessed and dirty flags not offered");
	ept_identity_4g(&pml_ept);
	for (int i = 0; i < 3; i++)
		ept_set_4k(&pml_ept, vmx_pa(pages) + i * PAGE_SIZE, EPT_RWX);
	/* Everything dirty already but the three pages. */
	mark_dirty(pml_ept.root, pml_ept.levels);
	for (int i = 0; i < 3; i++)
		*pt_walk(&pml_ept, vmx_pa(pages) + i * PAGE_SIZE, PT_LEVEL_4K,
			 false) &= ~EPT_D;
	vmcs_set_proc2(PROC2_EPT | PROC2_PML);
	vmcs_write(VMCS_EPTP, ept_pointer(&pml_ept) | EPTP_AD);
	vmcs_write(VMCS_PML_ADDR, vmx_pa(log));
	vmcs_write(VMCS_PML_INDEX, 1);
	l2_init(&vcpu.l2, l2_write_two, pages);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_PML_FULL);
	report_eq(log[1], vmx_pa(pages), "entry 1: the first page");
	report_eq(log[0], vmx_pa(pages) + PAGE_SIZE,
		  "entry 0: the second page");
	report_eq(vmcs_read(VMCS_PML_INDEX), 0xffff, "index past 0");
	vmcs_write(VMCS_PML_INDEX, 511);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(log[511], vmx_pa(pages) + 2 * PAGE_SIZE,
		  "after L1 emptied the log: entry 511, the third page");
	report_eq(vmcs_read(VMCS_PML_INDEX), 510, "index 510");
}

static void l2_vmfunc(struct l2_guest *l2)
{
	asm volatile("vmfunc" : : "a"(0), "c"(1) : "memory");
	l2_record(l2, 1);
	asm volatile("vmfunc" : : "a"(0), "c"(512) : "memory");
	l2_record(l2, 2);
}

/*
 * 26.5.6.3 (EPTP switching): VMFUNC with EAX = 0 loads the EPTP from
 * entry ECX of the EPTP list without an exit; an index above 511 exits
 * (reason 59).
 */
TEST_CASE(eptp_switching_26_5_6_3, .fixture = &vmx_env)
{
	static struct page_table a, b;
	u64 *list = alloc_page();
	struct vmx_exit e;

	if (!need_proc2(13, "VM functions") || !need_proc2(1, "EPT"))
		return;
	if (!(vmx_caps()->vmfunc & 1))
		return report_skip(
			"EPTP switching not offered (IA32_VMX_VMFUNC[0])");
	ept_identity_4g(&a);
	ept_identity_4g(&b);
	list[0] = ept_pointer(&a);
	list[1] = ept_pointer(&b);
	vmcs_set_proc2(PROC2_EPT | PROC2_VMFUNC);
	vmcs_write(VMCS_EPTP, list[0]);
	vmcs_write(VMCS_VMFUNC_CTLS, 1);
	vmcs_write(VMCS_EPTP_LIST, vmx_pa(list));
	e = vmx_run(&vcpu, l2_vmfunc);
	check_exit(&e, EXIT_REASON_VMFUNC);
	report_eq(vcpu.l2.results->count, 1,
		  "index 1 switched without an exit");
	report_eq(vmcs_read(VMCS_EPTP), list[1], "the EPTP is entry 1");
	report_eq(vcpu.gprs.rcx, 512, "index 512 exits");
}

static void l2_vmfunc_arg(struct l2_guest *l2)
{
	u64 eax = (u64)l2->arg >> 32, ecx = (u32)(u64)l2->arg;

	asm volatile("vmfunc" : : "a"(eax), "c"(ecx) : "memory");
	l2_record(l2, 1);
}

/* A VMCS with EPTP switching on LIST, then L2 runs VMFUNC(EAX, ECX). */
static struct vmx_exit vmfunc_run(u64 *list, u64 ctls, u32 eax, u32 ecx)
{
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_EPT | PROC2_VMFUNC);
	vmcs_write(VMCS_EPTP, list[0]);
	vmcs_write(VMCS_VMFUNC_CTLS, ctls);
	vmcs_write(VMCS_EPTP_LIST, vmx_pa(list));
	l2_init(&vcpu.l2, l2_vmfunc_arg, (void *)((u64)eax << 32 | ecx));
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	return vmx_run(&vcpu, NULL);
}

/*
 * 26.5.6.3 (EPTP switching), 26.5.6 and 27.2.1.1: an EPTP-list entry that
 * is not a valid EPTP (memory type 7) exits (reason 59) and leaves the
 * EPTP alone; a valid one switches without an exit and, where #VE is
 * offered, sets the EPTP-index field to ECX; a function whose VM-function
 * control is 0 exits; with "enable VM functions" 0 VMFUNC is #UD. At
 * entry, a VM-function control IA32_VMX_VMFUNC does not allow, or an
 * EPTP-list address with bits 11:0 set, is VMfailValid(7).
 */
TEST_CASE(eptp_switching_checks_26_5_6, .fixture = &vmx_env)
{
	static struct page_table a, b;
	u64 *list = alloc_page();
	u64 bad_fn = ~vmx_caps()->vmfunc & GENMASK(63, 1);
	struct vmx_exit e;

	if (!need_proc2(13, "VM functions") || !need_proc2(1, "EPT"))
		return;
	if (!(vmx_caps()->vmfunc & 1))
		return report_skip(
			"EPTP switching not offered (IA32_VMX_VMFUNC[0])");
	ept_identity_4g(&a);
	ept_identity_4g(&b);
	list[0] = ept_pointer(&a);
	list[1] = (ept_pointer(&b) & ~7ULL) | 7;
	list[2] = ept_pointer(&b);

	e = vmfunc_run(list, 1, 0, 1);
	check_exit(&e, EXIT_REASON_VMFUNC);
	report_eq(vmcs_read(VMCS_EPTP), list[0],
		  "entry 1 (memory type 7) left the EPTP alone");
	report_eq(vcpu.gprs.rcx, 1, "ECX 1 at the exit");

	e = vmfunc_run(list, 1, 0, 2);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->count, 1, "entry 2 switched without exit");
	report_eq(vmcs_read(VMCS_EPTP), list[2], "the EPTP is entry 2");
	if (vmx_ctl_may_set(VMX_CTL_PROC2, 18))
		report_eq(vmcs_read(VMCS_EPTP_INDEX), 2, "EPTP index 2");

	e = vmfunc_run(list, 1, 1, 0);
	check_exit(&e, EXIT_REASON_VMFUNC);
	report_eq(vcpu.gprs.rax, 1, "function 1 (control 0) exits");

	e = vmfunc_run(list, 0, 0, 2);
	check_exit(&e, EXIT_REASON_VMFUNC);
	report_eq(vmcs_read(VMCS_EPTP), list[0],
		  "EPTP switching control 0: exit, EPTP unchanged");

	vmx_vmcs_reset(&vcpu);
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(UD_VECTOR));
	l2_init(&vcpu.l2, l2_vmfunc_arg, NULL);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info & 0x7ff, INTR_TYPE_HW_EXC << 8 | UD_VECTOR,
		  "enable VM functions 0: VMFUNC is #UD");

	if (bad_fn) {
		e = vmfunc_run(list, 1 | (bad_fn & -bad_fn), 0, 2);
		report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
			   "VM-function control %#lx not allowed",
			   bad_fn & -bad_fn);
	}
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_EPT | PROC2_VMFUNC);
	vmcs_write(VMCS_EPTP, list[0]);
	vmcs_write(VMCS_VMFUNC_CTLS, 1);
	vmcs_write(VMCS_EPTP_LIST, vmx_pa(list) | 8);
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "EPTP-list address with bit 3 set");
}

static void l2_self_nmi(struct l2_guest *l2)
{
	apic_self_nmi();
	l2_record(l2, 1);
}

/* 26.2: with NMI exiting an NMI in L2 exits (reason 0, type NMI, vector 2). */
TEST_CASE(nmi_exiting_26_2, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (apic_mode() == APIC_MODE_DISABLED)
		return report_skip("the local APIC is disabled");
	vmcs_set(VMCS_PIN_CTLS, PIN_NMI);
	e = vmx_run(&vcpu, l2_self_nmi);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(NMI_VECTOR, INTR_TYPE_NMI, false),
		  "NMI: vector 2, type 2, valid");
}
