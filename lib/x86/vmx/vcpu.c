// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcpu.c: VMX operation, the VMCS filled with L1's state, vmx_run() and
 * its typed exit, MSR/I/O bitmaps and VPIDs (Intel SDM vol. 3C 24.7-24.8
 * enabling and entering VMX operation, 25.4 guest-state area, 25.5
 * host-state area, 25.6.4 I/O bitmaps, 25.6.9 MSR bitmaps, 25.9 VM-exit
 * information, 27.2-27.3 entry checks, 29.1 VPIDs).
 */
#include <libtest.h>
#include <alloc.h>
#include <string.h>
#include <stdio.h>
#include <x86/processor.h>
#include <x86/vmx/vcpu.h>

u64 vmx_enter(struct vmx_gprs *g);
extern char vmx_host_rip[];

/* The CPUID and MSR part: the same for every case, found once. */
static const char *find_absent_reason(void)
{
	static char why[96];

	if (!cpu_has(X86_FEATURE_VMX)) {
		snprintf(why, sizeof(why),
			 "vmx not enumerated (CPUID.(EAX=0x1,ECX=0):ECX[5]) on "
			 "this %s CPU",
			 cpu_vendor());
		return why;
	}
	if (!cpu_is_intel())
		return "VMX is an Intel architecture; the CPU vendor is not "
		       "Intel";
	return NULL;
}

const char *vmx_absent_reason(void)
{
	static bool found;
	static const char *cpu_reason;
	u64 fc;

	if (!found) {
		cpu_reason = find_absent_reason();
		found = true;
	}
	if (cpu_reason)
		return cpu_reason;
	if (rdmsr_safe(MSR_IA32_FEATURE_CONTROL, &fc).raised)
		return "IA32_FEATURE_CONTROL (0x3a) raises #GP on RDMSR";
	if ((fc & FEATURE_CONTROL_LOCK) &&
	    !(fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX))
		return "IA32_FEATURE_CONTROL is locked with VMXON outside SMX "
		       "disabled";
	return NULL;
}

void vmx_prepare_cpu(void)
{
	const struct vmx_caps *c = vmx_caps();
	u64 fc = rdmsr(MSR_IA32_FEATURE_CONTROL);

	if (!(fc & FEATURE_CONTROL_LOCK))
		wrmsr(MSR_IA32_FEATURE_CONTROL,
		      fc | FEATURE_CONTROL_LOCK |
			      FEATURE_CONTROL_VMX_OUTSIDE_SMX);
	write_cr0((read_cr0() | c->cr0_fixed0) & c->cr0_fixed1);
	write_cr4(((read_cr4() | c->cr4_fixed0) & c->cr4_fixed1) |
		  X86_CR4_VMXE);
}

void *vmx_alloc_region(void)
{
	u32 *p = alloc_page();

	assert(p);
	p[0] = vmx_caps()->revision;
	return p;
}

static bool step(struct vmx_result r, const char *what)
{
	if (vmx_result_equal(r, VMX_OK))
		return true;
	return report_vmx(r, VMX_OK, "%s", what);
}

bool vmx_vcpu_init(struct vmx_vcpu *v)
{
	if (!v->vmxon_region) {
		v->vmxon_region = vmx_alloc_region();
		v->vmcs = vmx_alloc_region();
	}
	nested_set_exit_insn(NESTED_EXIT_VMCALL);
	vmx_prepare_cpu();
	if (!step(vmxon(vmx_pa(v->vmxon_region)), "VMXON"))
		return false;
	v->on = true;
	if (!step(vmclear(vmx_pa(v->vmcs)), "VMCLEAR") ||
	    !step(vmptrld(vmx_pa(v->vmcs)), "VMPTRLD"))
		return false;
	vmcs_init_state(v);
	return true;
}

void vmx_vmcs_reset(struct vmx_vcpu *v)
{
	char buf[96];
	struct vmx_result r = vmclear(vmx_pa(v->vmcs));

	if (vmx_result_equal(r, VMX_OK))
		r = vmptrld(vmx_pa(v->vmcs));
	if (!vmx_result_equal(r, VMX_OK))
		test_crash("VMCS reset: %s",
			   vmx_result_str(r, buf, sizeof(buf)));
	vmcs_init_state(v);
}

void vmx_vcpu_fini(struct vmx_vcpu *v)
{
	/* Outside VMX operation VMXOFF is #UD, which the probe absorbs. */
	vmxoff();
	v->on = false;
	write_cr4(read_cr4() & ~X86_CR4_VMXE);
}

u64 vmcs_read(u32 enc)
{
	char buf[96];
	struct vmx_result r;
	u64 val;

	r = vmread_r(enc, &val);
	if (!vmx_result_equal(r, VMX_OK))
		test_crash("VMREAD %#x: %s", enc,
			   vmx_result_str(r, buf, sizeof(buf)));
	return val;
}

void vmcs_write(u32 enc, u64 val)
{
	char buf[96];
	struct vmx_result r = vmwrite_r(enc, val);

	if (!vmx_result_equal(r, VMX_OK))
		test_crash("VMWRITE %#x <- %#lx: %s", enc, val,
			   vmx_result_str(r, buf, sizeof(buf)));
}

void vmcs_set_proc2(u64 bits)
{
	vmcs_set(VMCS_PROC_CTLS, PROC_SECONDARY);
	vmcs_set(VMCS_PROC_CTLS2, bits);
}

/* The packed 12-bit attributes (nested.h) as VMX access rights (25.4.1). */
static u32 seg_ar(const struct nested_seg *s)
{
	if (!s->attr)
		return VMX_AR_UNUSABLE;
	return (s->attr & 0xff) | (u32)(s->attr & 0xf00) << 4;
}

static void guest_seg(u32 sel_enc, const struct nested_seg *s)
{
	/* Selector, limit, AR and base fields are in parallel tables. */
	u32 i = (sel_enc - VMCS_GUEST_ES) / 2;

	vmcs_write(sel_enc, s->sel);
	vmcs_write(VMCS_GUEST_ES_LIMIT + 2 * i, s->limit);
	vmcs_write(VMCS_GUEST_ES_AR + 2 * i, seg_ar(s));
	vmcs_write(VMCS_GUEST_ES_BASE + 2 * i, s->base);
}

/* Zeroes a page (if any) a quadword at a time. */
static void clear_page(void *page)
{
	u64 *q = page;

	for (unsigned int i = 0; q && i < PAGE_SIZE / 8; i++)
		q[i] = 0;
}

void vmcs_init_state(struct vmx_vcpu *v)
{
	const struct vmx_caps *c = vmx_caps();
	struct nested_cpu_state s;

	nested_capture(&s);
	memset(&v->gprs, 0, sizeof(v->gprs));

	vmcs_write(VMCS_PIN_CTLS, vmx_ctl_value(VMX_CTL_PIN, 0));
	vmcs_write(VMCS_PROC_CTLS, vmx_ctl_value(VMX_CTL_PROC, 0));
	if (c->ctl[VMX_CTL_PROC].allowed1 & PROC_SECONDARY)
		vmcs_write(VMCS_PROC_CTLS2, vmx_ctl_value(VMX_CTL_PROC2, 0));
	vmcs_write(VMCS_EXIT_CTLS, vmx_ctl_value(VMX_CTL_EXIT, EXIT_HOST_64));
	vmcs_write(VMCS_ENTRY_CTLS,
		   vmx_ctl_value(VMX_CTL_ENTRY, ENTRY_GUEST_64));
	vmcs_write(VMCS_EXCEPTION_BITMAP, 0);
	vmcs_write(VMCS_PF_ERR_MASK, 0);
	vmcs_write(VMCS_PF_ERR_MATCH, 0);
	vmcs_write(VMCS_CR3_TARGET_COUNT, 0);
	vmcs_write(VMCS_EXIT_MSR_STORE_COUNT, 0);
	vmcs_write(VMCS_EXIT_MSR_LOAD_COUNT, 0);
	vmcs_write(VMCS_ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write(VMCS_ENTRY_INTR_INFO, 0);
	vmcs_write(VMCS_CR0_MASK, 0);
	vmcs_write(VMCS_CR4_MASK, 0);
	vmcs_write(VMCS_TSC_OFFSET, 0);
	if (v->bitmaps_dirty) {
		clear_page(v->msr_bitmap);
		clear_page(v->io_bitmap_a);
		clear_page(v->io_bitmap_b);
		v->bitmaps_dirty = false;
	}

	/* Host: L1 as it runs now (25.5); RSP is set by vmx_enter. */
	vmcs_write(VMCS_HOST_CR0, s.cr0);
	vmcs_write(VMCS_HOST_CR3, s.cr3);
	vmcs_write(VMCS_HOST_CR4, s.cr4);
	vmcs_write(VMCS_HOST_CS, s.cs.sel);
	vmcs_write(VMCS_HOST_SS, s.ss.sel);
	vmcs_write(VMCS_HOST_DS, s.ds.sel);
	vmcs_write(VMCS_HOST_ES, s.es.sel);
	vmcs_write(VMCS_HOST_FS, s.fs.sel);
	vmcs_write(VMCS_HOST_GS, s.gs.sel);
	vmcs_write(VMCS_HOST_TR, s.tr.sel);
	vmcs_write(VMCS_HOST_FS_BASE, s.fs.base);
	vmcs_write(VMCS_HOST_GS_BASE, s.gs.base);
	vmcs_write(VMCS_HOST_TR_BASE, s.tr.base);
	vmcs_write(VMCS_HOST_GDTR_BASE, s.gdt_base);
	vmcs_write(VMCS_HOST_IDTR_BASE, s.idt_base);
	vmcs_write(VMCS_HOST_SYSENTER_CS, 0);
	vmcs_write(VMCS_HOST_SYSENTER_ESP, 0);
	vmcs_write(VMCS_HOST_SYSENTER_EIP, 0);
	vmcs_write(VMCS_HOST_RIP, (u64)vmx_host_rip);

	/* Guest: L1's state, so that L2 runs L1's code (25.4). */
	vmcs_write(VMCS_GUEST_CR0, s.cr0);
	vmcs_write(VMCS_GUEST_CR3, s.cr3);
	vmcs_write(VMCS_GUEST_CR4, s.cr4);
	vmcs_write(VMCS_CR0_SHADOW, s.cr0);
	vmcs_write(VMCS_CR4_SHADOW, s.cr4);
	vmcs_write(VMCS_GUEST_DR7, 0x400);
	vmcs_write(VMCS_GUEST_DEBUGCTL, 0);
	vmcs_write(VMCS_GUEST_RFLAGS, 0x2);
	vmcs_write(VMCS_GUEST_RSP, 0);
	vmcs_write(VMCS_GUEST_RIP, 0);
	guest_seg(VMCS_GUEST_ES, &s.es);
	guest_seg(VMCS_GUEST_CS, &s.cs);
	guest_seg(VMCS_GUEST_SS, &s.ss);
	guest_seg(VMCS_GUEST_DS, &s.ds);
	guest_seg(VMCS_GUEST_FS, &s.fs);
	guest_seg(VMCS_GUEST_GS, &s.gs);
	guest_seg(VMCS_GUEST_LDTR, &s.ldtr);
	guest_seg(VMCS_GUEST_TR, &s.tr);
	vmcs_write(VMCS_GUEST_GDTR_BASE, s.gdt_base);
	vmcs_write(VMCS_GUEST_GDTR_LIMIT, s.gdt_limit);
	vmcs_write(VMCS_GUEST_IDTR_BASE, s.idt_base);
	vmcs_write(VMCS_GUEST_IDTR_LIMIT, s.idt_limit);
	vmcs_write(VMCS_GUEST_SYSENTER_CS, 0);
	vmcs_write(VMCS_GUEST_SYSENTER_ESP, 0);
	vmcs_write(VMCS_GUEST_SYSENTER_EIP, 0);
	vmcs_write(VMCS_GUEST_INTR_STATE, 0);
	vmcs_write(VMCS_GUEST_ACTIVITY, 0);
	vmcs_write(VMCS_GUEST_PENDING_DBG, 0);
	vmcs_write(VMCS_LINK_PTR, ~0ULL);
}

static u32 read32(u32 enc)
{
	return (u32)vmcs_read(enc);
}

struct vmx_exit vmx_run(struct vmx_vcpu *v, l2_fn_t fn)
{
	struct vmx_exit e = {.insn = VMX_OK};
	struct fault none = FAULT_NONE;
	u64 fl;

	if (fn) {
		l2_init(&v->l2, fn, NULL);
		vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
		vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&v->l2));
	}
	e.vmlaunch = !v->gprs.launched;
	fl = vmx_enter(&v->gprs);
	if (fl) {
		e.insn = vmx_result_from(fl, none);
		return e;
	}
	e.reason = read32(VMCS_EXIT_REASON);
	e.basic = e.reason & 0xffff;
	e.entry_failure = e.reason & EXIT_REASON_ENTRY_FAIL;
	e.qual = vmcs_read(VMCS_EXIT_QUAL);
	e.gla = vmcs_read(VMCS_GUEST_LINEAR_ADDR);
	e.gpa = vmcs_read(VMCS_GUEST_PHYS_ADDR);
	e.intr_info = read32(VMCS_EXIT_INTR_INFO);
	e.intr_err = read32(VMCS_EXIT_INTR_ERR);
	e.idt_info = read32(VMCS_IDT_VEC_INFO);
	e.idt_err = read32(VMCS_IDT_VEC_ERR);
	e.insn_len = read32(VMCS_EXIT_INSN_LEN);
	e.insn_info = read32(VMCS_EXIT_INSN_INFO);
	/* 31.3 VMLAUNCH: the VMCS is launched only when entry succeeded. */
	if (!e.entry_failure)
		v->gprs.launched = 1;
	return e;
}

void vmx_skip_insn(const struct vmx_exit *e)
{
	vmcs_write(VMCS_GUEST_RIP, vmcs_read(VMCS_GUEST_RIP) + e->insn_len);
}

bool vmx_run_to_end(struct vmx_vcpu *v)
{
	for (int i = 0; i < 1000 && !v->l2.done; i++) {
		struct vmx_exit e = vmx_run(v, NULL);

		if (!vmx_result_equal(e.insn, VMX_OK) || e.entry_failure ||
		    e.basic != EXIT_REASON_VMCALL)
			return false;
		if (!v->l2.done)
			vmx_skip_insn(&e);
	}
	return v->l2.done;
}

static const char *const reason_names[] = {
	[0] = "exception or NMI",
	[1] = "external interrupt",
	[2] = "triple fault",
	[3] = "INIT signal",
	[4] = "SIPI",
	[7] = "interrupt window",
	[8] = "NMI window",
	[9] = "task switch",
	[10] = "CPUID",
	[11] = "GETSEC",
	[12] = "HLT",
	[13] = "INVD",
	[14] = "INVLPG",
	[15] = "RDPMC",
	[16] = "RDTSC",
	[17] = "RSM",
	[18] = "VMCALL",
	[19] = "VMCLEAR",
	[20] = "VMLAUNCH",
	[21] = "VMPTRLD",
	[22] = "VMPTRST",
	[23] = "VMREAD",
	[24] = "VMRESUME",
	[25] = "VMWRITE",
	[26] = "VMXOFF",
	[27] = "VMXON",
	[28] = "control-register access",
	[29] = "MOV DR",
	[30] = "I/O instruction",
	[31] = "RDMSR",
	[32] = "WRMSR",
	[33] = "invalid guest state",
	[34] = "MSR loading",
	[36] = "MWAIT",
	[37] = "monitor trap flag",
	[39] = "MONITOR",
	[40] = "PAUSE",
	[41] = "machine-check event",
	[43] = "TPR below threshold",
	[44] = "APIC access",
	[45] = "virtualized EOI",
	[46] = "GDTR/IDTR access",
	[47] = "LDTR/TR access",
	[48] = "EPT violation",
	[49] = "EPT misconfiguration",
	[50] = "INVEPT",
	[51] = "RDTSCP",
	[52] = "preemption timer",
	[53] = "INVVPID",
	[54] = "WBINVD",
	[55] = "XSETBV",
	[56] = "APIC write",
	[57] = "RDRAND",
	[58] = "INVPCID",
	[59] = "VMFUNC",
	[61] = "RDSEED",
	[62] = "page-modification log full",
};

const char *vmx_exit_reason_name(u32 basic)
{
	if (basic < ARRAY_SIZE(reason_names) && reason_names[basic])
		return reason_names[basic];
	return "unknown";
}

static void exit_str(const struct vmx_exit *e, char *buf, size_t size)
{
	char r[96];

	if (!vmx_result_equal(e->insn, VMX_OK))
		snprintf(buf, size, "%s: %s",
			 e->vmlaunch ? "VMLAUNCH" : "VMRESUME",
			 vmx_result_str(e->insn, r, sizeof(r)));
	else
		snprintf(buf, size, "%s%u (%s), qualification %#lx",
			 e->entry_failure ? "entry failure " : "exit ",
			 e->basic, vmx_exit_reason_name(e->basic), e->qual);
}

void check_exit_fn(const struct vmx_exit *e, u32 reason)
{
	char exp[128], act[160];

	snprintf(exp, sizeof(exp), "exit %u (%s)", reason,
		 vmx_exit_reason_name(reason));
	exit_str(e, act, sizeof(act));
	report_cmp(vmx_result_equal(e->insn, VMX_OK) && !e->entry_failure &&
			   e->basic == reason,
		   exp, act, "exit reason %s", vmx_exit_reason_name(reason));
}

void check_entry_fail_fn(const struct vmx_exit *e, u32 reason, u64 qual)
{
	char exp[128], act[160];

	snprintf(exp, sizeof(exp), "entry failure %u (%s), qualification %#lx",
		 reason, vmx_exit_reason_name(reason), qual);
	exit_str(e, act, sizeof(act));
	report_cmp(vmx_result_equal(e->insn, VMX_OK) && e->entry_failure &&
			   e->basic == reason && e->qual == qual,
		   exp, act, "VM-entry failure, reason %u", reason);
}

void vmx_msr_intercept(struct vmx_vcpu *v, u32 msr, bool read, bool write)
{
	/* 25.6.9: read low, read high, write low, write high; 1 KiB each. */
	u32 base = msr >= 0xc0000000 ? 1024 : 0;
	u32 bit = msr & 0x1fff;

	if (!v->msr_bitmap)
		v->msr_bitmap = alloc_page();
	assert(v->msr_bitmap &&
	       (msr <= 0x1fff || (msr >= 0xc0000000 && msr <= 0xc0001fff)));
	v->bitmaps_dirty = true;
	if (read)
		v->msr_bitmap[base + bit / 8] |= 1 << (bit % 8);
	else
		v->msr_bitmap[base + bit / 8] &= ~(1 << (bit % 8));
	if (write)
		v->msr_bitmap[2048 + base + bit / 8] |= 1 << (bit % 8);
	else
		v->msr_bitmap[2048 + base + bit / 8] &= ~(1 << (bit % 8));
	vmcs_write(VMCS_MSR_BITMAP, vmx_pa(v->msr_bitmap));
	vmcs_set(VMCS_PROC_CTLS, PROC_MSR_BITMAPS);
}

void vmx_io_intercept(struct vmx_vcpu *v, u16 port, bool on)
{
	/* 25.6.4: bitmap A holds ports 0-7FFFh, B 8000h-FFFFh. */
	u8 *map;
	u16 bit = port & 0x7fff;

	if (!v->io_bitmap_a) {
		v->io_bitmap_a = alloc_page();
		v->io_bitmap_b = alloc_page();
		assert(v->io_bitmap_a && v->io_bitmap_b);
	}
	map = port & 0x8000 ? v->io_bitmap_b : v->io_bitmap_a;
	v->bitmaps_dirty = true;
	if (on)
		map[bit / 8] |= 1 << (bit % 8);
	else
		map[bit / 8] &= ~(1 << (bit % 8));
	vmcs_write(VMCS_IO_BITMAP_A, vmx_pa(v->io_bitmap_a));
	vmcs_write(VMCS_IO_BITMAP_B, vmx_pa(v->io_bitmap_b));
	vmcs_set(VMCS_PROC_CTLS, PROC_IO_BITMAPS);
}

u16 vpid_alloc(void)
{
	static u16 next = 1;

	return next++;
}
