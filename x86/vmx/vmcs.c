// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmcs.c: the VMCS lifecycle and the VM-instruction errors a test can
 * provoke (Intel SDM vol. 3C 25.1 VMCS states and launch state, 25.2 VMCS
 * region and revision identifier, 25.11.2 field encoding: 64-bit "high"
 * accesses, 25.11.1 software use of the VMCS, 31.3 VMCLEAR, VMPTRLD,
 * VMPTRST, VMREAD, VMWRITE, VMLAUNCH, VMRESUME, VMCALL; 31.4 table 31-1
 * VM-instruction error numbers 1-6, 9-13, 26).
 */
#include "vmx.h"

/* 31.3 VMPTRST: the current-VMCS pointer; FFFFFFFF_FFFFFFFFH after VMCLEAR. */
TEST_CASE(vmptrst_31_3, .fixture = &vmx_env)
{
	u64 pa = 0, v;

	report_vmx(vmptrst(&pa), VMX_OK, "VMPTRST");
	report_eq(pa, vmx_pa(vcpu.vmcs), "VMPTRST stores the current VMCS");
	report_vmx(vmclear(vmx_pa(vcpu.vmcs)), VMX_OK, "VMCLEAR of it");
	report_vmx(vmptrst(&pa), VMX_OK, "VMPTRST after VMCLEAR");
	report_eq(pa, ~0ULL, "no current VMCS after VMCLEAR of it");
	report_vmx(vmread_r(VMCS_GUEST_RIP, &v), VMX_FAIL_INV,
		   "VMREAD without a current VMCS");
	report_vmx(vmwrite_r(VMCS_GUEST_RIP, 0), VMX_FAIL_INV,
		   "VMWRITE without a current VMCS");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK, "VMPTRLD again");
	report_vmx(vmptrst(&pa), VMX_OK, "VMPTRST");
	report_eq(pa, vmx_pa(vcpu.vmcs), "current VMCS is back");
}

/* 31.3 VMCLEAR, VMPTRLD: operand checks and errors 2, 3, 9, 10, 11. */
TEST_CASE(pointers_31_3, .fixture = &vmx_env)
{
	u64 bad_width = BIT(cpu_phys_bits());
	u32 *other = vmx_alloc_region();
	u64 pa;

	report_vmx(vmclear(vmx_pa(other) + 4), VMX_FAIL(VMXERR_VMCLEAR_ADDR),
		   "VMCLEAR of an unaligned address");
	report_vmx(vmclear(bad_width), VMX_FAIL(VMXERR_VMCLEAR_ADDR),
		   "VMCLEAR beyond the physical-address width");
	report_vmx(vmclear(vmx_pa(vcpu.vmxon_region)),
		   VMX_FAIL(VMXERR_VMCLEAR_VMXON),
		   "VMCLEAR of the VMXON pointer");
	report_vmx(vmptrld(vmx_pa(other) + 4), VMX_FAIL(VMXERR_VMPTRLD_ADDR),
		   "VMPTRLD of an unaligned address");
	report_vmx(vmptrld(bad_width), VMX_FAIL(VMXERR_VMPTRLD_ADDR),
		   "VMPTRLD beyond the physical-address width");
	report_vmx(vmptrld(vmx_pa(vcpu.vmxon_region)),
		   VMX_FAIL(VMXERR_VMPTRLD_VMXON),
		   "VMPTRLD of the VMXON pointer");
	other[0] = vmx_caps()->revision ^ 2;
	report_vmx(vmptrld(vmx_pa(other)), VMX_FAIL(VMXERR_VMPTRLD_REVISION),
		   "VMPTRLD with a wrong revision identifier");
	/* 25.2: bit 31 of the first word is the shadow-VMCS indicator. */
	other[0] = vmx_caps()->revision | BIT(31);
	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 14))
		report_vmx(vmptrld(vmx_pa(other)),
			   VMX_FAIL(VMXERR_VMPTRLD_REVISION),
			   "VMPTRLD of a shadow VMCS without VMCS shadowing");
	other[0] = vmx_caps()->revision;
	report_vmx(vmptrld(vmx_pa(other)), VMX_OK, "VMPTRLD of a good region");
	vmptrst(&pa);
	report_eq(pa, vmx_pa(other), "it is the current VMCS");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK, "back to the first");
}

/* 31.3 VMCALL: in VMX root operation, VMfailValid(1). */
TEST_CASE(vmcall_root_31_3, .fixture = &vmx_env)
{
	report_vmx(vmcall_root(), VMX_FAIL(VMXERR_VMCALL_ROOT),
		   "VMCALL in VMX root operation");
}

/*
 * 31.3 VMREAD/VMWRITE: an encoding the processor does not support is
 * VMfailValid(12); 25.11.2: bits 31:15 and 9 of an encoding are reserved.
 */
TEST_CASE(unsupported_field_31_3, .fixture = &vmx_env)
{
	static const u32 bad[] = {0x0001, 0x7fff,  0x6c7e, 0x4001,
				  0x8000, 0x10000, 0x0a00};
	u64 v;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		report_vmx(vmread_r(bad[i], &v),
			   VMX_FAIL(VMXERR_FIELD_UNSUPPORTED), "VMREAD %#x",
			   bad[i]);
		report_vmx(vmwrite_r(bad[i], 0),
			   VMX_FAIL(VMXERR_FIELD_UNSUPPORTED), "VMWRITE %#x",
			   bad[i]);
	}
}

/*
 * 31.3 VMWRITE: a read-only field (VM-exit information, 25.9) is
 * VMfailValid(13) unless IA32_VMX_MISC[29] allows VMWRITE to any field.
 */
TEST_CASE(read_only_31_3, .fixture = &vmx_env)
{
	bool any = vmx_caps()->vmwrite_any;
	unsigned int n = 0;

	report_info("IA32_VMX_MISC[29] (VMWRITE to any field): %d", any);
	for (unsigned int i = 0; i < vmcs_nr_fields; i++) {
		const struct vmcs_field *f = &vmcs_fields[i];
		u64 v;

		if (!f->read_only)
			continue;
		n++;
		report_vmx(vmwrite_r(f->enc, 0x1234),
			   any ? VMX_OK : VMX_FAIL(VMXERR_VMWRITE_RO),
			   "VMWRITE %s (%#x)", f->name, f->enc);
		report_vmx(vmread_r(f->enc, &v), VMX_OK, "VMREAD %s", f->name);
		if (any)
			report_eq(v, 0x1234, "%s holds what was written",
				  f->name);
	}
	report(n >= 7, "the table has %u read-only fields", n);
}

/*
 * 25.11.2: a 64-bit field's high half (access type 1) is bits 63:32;
 * 31.3 VMWRITE: a field narrower than the operand keeps its low bits, and
 * VMREAD zero-extends.
 */
TEST_CASE(widths_25_11_2, .fixture = &vmx_env)
{
	u64 v;

	vmcs_write(VMCS_TSC_OFFSET, 0x1122334455667788ULL);
	report_vmx(vmread_r(VMCS_TSC_OFFSET | VMCS_ENC_HIGH, &v), VMX_OK,
		   "VMREAD of the high half");
	report_eq(v, 0x11223344, "high half is bits 63:32");
	report_vmx(vmwrite_r(VMCS_TSC_OFFSET | VMCS_ENC_HIGH, 0xaabbccdd99ULL),
		   VMX_OK, "VMWRITE of the high half");
	report_eq(vmcs_read(VMCS_TSC_OFFSET), 0xbbccdd9955667788ULL,
		  "VMWRITE high sets bits 63:32 from the low 32 bits");
	vmcs_write(VMCS_GUEST_ES, 0xffff1238);
	report_eq(vmcs_read(VMCS_GUEST_ES), 0x1238, "16-bit field truncates");
	vmcs_write(VMCS_EXCEPTION_BITMAP, 0x123456789abcdef0ULL);
	report_eq(vmcs_read(VMCS_EXCEPTION_BITMAP), 0x9abcdef0,
		  "32-bit field truncates");
	report_vmx(vmread_r(VMCS_GUEST_RIP | VMCS_ENC_HIGH, &v),
		   VMX_FAIL(VMXERR_FIELD_UNSUPPORTED),
		   "access type 1 of a natural-width field");
	vmcs_write(VMCS_EXCEPTION_BITMAP, 0);
}

/* Fields that exist only with a feature: its control (appendix B notes). */
static const struct {
	u32 enc;
	enum vmx_ctl ctl;
	unsigned int bit;
} field_needs[] = {
	{VMCS_VPID, VMX_CTL_PROC2, 5},
	{VMCS_GUEST_INTR_STATUS, VMX_CTL_PROC2, 9},
	{VMCS_EOI_EXIT0, VMX_CTL_PROC2, 9},
	{VMCS_EOI_EXIT1, VMX_CTL_PROC2, 9},
	{VMCS_EOI_EXIT2, VMX_CTL_PROC2, 9},
	{VMCS_EOI_EXIT3, VMX_CTL_PROC2, 9},
	{VMCS_PML_INDEX, VMX_CTL_PROC2, 17},
	{VMCS_PML_ADDR, VMX_CTL_PROC2, 17},
	{VMCS_APIC_ACCESS_ADDR, VMX_CTL_PROC2, 0},
	{VMCS_VMFUNC_CTLS, VMX_CTL_PROC2, 13},
	{VMCS_EPTP, VMX_CTL_PROC2, 1},
	{VMCS_EPTP_LIST, VMX_CTL_PROC2, 13},
	{VMCS_VMREAD_BITMAP, VMX_CTL_PROC2, 14},
	{VMCS_VMWRITE_BITMAP, VMX_CTL_PROC2, 14},
	{VMCS_EPTP_INDEX, VMX_CTL_PROC2, 18},
	{VMCS_VE_INFO_ADDR, VMX_CTL_PROC2, 18},
	{VMCS_TSC_MULTIPLIER, VMX_CTL_PROC2, 25},
	{VMCS_PLE_GAP, VMX_CTL_PROC2, 10},
	{VMCS_PLE_WINDOW, VMX_CTL_PROC2, 10},
	{VMCS_GUEST_PHYS_ADDR, VMX_CTL_PROC2, 1},
	{VMCS_PROC_CTLS2, VMX_CTL_PROC, 31},
	{VMCS_VAPIC_ADDR, VMX_CTL_PROC, 21},
	{VMCS_TPR_THRESHOLD, VMX_CTL_PROC, 21},
	{VMCS_PREEMPT_TIMER, VMX_CTL_PIN, 6},
	{VMCS_GUEST_PAT, VMX_CTL_ENTRY, 14},
	{VMCS_HOST_PAT, VMX_CTL_EXIT, 19},
	{VMCS_GUEST_EFER, VMX_CTL_ENTRY, 15},
	{VMCS_HOST_EFER, VMX_CTL_EXIT, 21},
};

static bool field_offered(u32 enc)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(field_needs); i++)
		if (field_needs[i].enc == enc)
			return vmx_ctl_may_set(field_needs[i].ctl,
					       field_needs[i].bit);
	return true;
}

/*
 * 25.11.2, appendix B: every field of the table that the processor's
 * controls say exists reads, and writes unless it is read-only; its index
 * is at most VMCS_ENUM[9:1] (A.9).
 */
TEST_CASE(field_table_25_11, .fixture = &vmx_env)
{
	unsigned int bad = 0, n = 0;

	for (unsigned int i = 0; i < vmcs_nr_fields; i++) {
		const struct vmcs_field *f = &vmcs_fields[i];
		struct vmx_result r;
		u64 v;

		if (!field_offered(f->enc))
			continue;
		n++;
		r = vmread_r(f->enc, &v);
		if (!vmx_result_equal(r, VMX_OK)) {
			report_vmx(r, VMX_OK, "VMREAD %s", f->name);
			bad++;
			continue;
		}
		if (f->read_only)
			continue;
		r = vmwrite_r(f->enc, v);
		if (!vmx_result_equal(r, VMX_OK)) {
			report_vmx(r, VMX_OK, "VMWRITE %s", f->name);
			bad++;
		}
		if (vmcs_field_index(f->enc) > vmx_caps()->max_field_index) {
			report(false, "%s index %u above VMCS_ENUM's %u",
			       f->name, vmcs_field_index(f->enc),
			       vmx_caps()->max_field_index);
			bad++;
		}
	}
	report_eq(bad, 0, "%u of %u fields offered, all read and write", n,
		  vmcs_nr_fields);
}

/*
 * 25.1, 31.3: VMLAUNCH needs a clear VMCS (else error 4), VMRESUME a
 * launched one (else error 5); VMCLEAR makes it clear again.
 */
TEST_CASE(launch_state_25_1, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vcpu.gprs.launched = 1;
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_VMRESUME_NOT_LAUNCHED),
		   "VMRESUME of a clear VMCS");
	vcpu.gprs.launched = 0;
	e = vmx_run(&vcpu, l2_nothing);
	check_exit(&e, EXIT_REASON_VMCALL);
	vcpu.gprs.launched = 0;
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_VMLAUNCH_NOT_CLEAR),
		   "VMLAUNCH of a launched VMCS");
	vcpu.gprs.launched = 1;
	e = vmx_run(&vcpu, l2_nothing);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_vmx(vmclear(vmx_pa(vcpu.vmcs)), VMX_OK, "VMCLEAR");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK, "VMPTRLD");
	vcpu.gprs.launched = 1;
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_VMRESUME_NOT_LAUNCHED),
		   "VMRESUME after VMCLEAR");
	vcpu.gprs.launched = 0;
	e = vmx_run(&vcpu, l2_nothing);
	check_exit(&e, EXIT_REASON_VMCALL);
}

/*
 * 31.4 table 31-1, error 6: "VMRESUME after VMXOFF (VMXOFF and VMXON
 * between VMLAUNCH and VMRESUME)". The VMCS is launched, then L1 leaves
 * VMX operation without VMCLEAR and enters it again; VMXON leaves no
 * current VMCS (31.3 VMXON), so VMRESUME first is VMfailInvalid; after
 * VMPTRLD of the same VMCS, VMRESUME is VMfailValid(6).
 */
TEST_CASE(vmresume_after_vmxoff_31_4, .fixture = &vmx_env)
{
	struct vmx_exit e;

	e = vmx_run(&vcpu, l2_nothing);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_vmx(vmxoff(), VMX_OK, "VMXOFF with the VMCS launched");
	report_vmx(vmxon(vmx_pa(vcpu.vmxon_region)), VMX_OK, "VMXON again");
	e = vmx_run(&vcpu, NULL);
	report_vmx(e.insn, VMX_FAIL_INV, "VMRESUME with no current VMCS");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK,
		   "VMPTRLD of the launched VMCS");
	e = vmx_run(&vcpu, l2_nothing);
	report_eq(e.vmlaunch, false, "vmx_run chose VMRESUME");
	report_vmx(e.insn, VMX_FAIL(VMXERR_VMRESUME_AFTER_VMXOFF),
		   "VMRESUME after VMXOFF and VMXON");
}

/* 31.3 VMLAUNCH: blocking by MOV SS is VMfailValid(26). */
TEST_CASE(mov_ss_31_3, .fixture = &vmx_env)
{
	u64 fl = 0;

	l2_init(&vcpu.l2, l2_nothing, NULL);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	vmcs_write(VMCS_HOST_RSP, 0);
	asm volatile("mov %%ss, %%ax\n\t"
		     "mov %%ax, %%ss\n\t"
		     "vmlaunch\n\t"
		     "pushf\n\t"
		     "pop %0"
		     : "=r"(fl)
		     :
		     : "rax", "cc", "memory");
	report_vmx(vmx_result_from(fl, FAULT_NONE),
		   VMX_FAIL(VMXERR_ENTRY_MOV_SS),
		   "VMLAUNCH right after MOV SS");
}

/*
 * 25.11.1, 31.3 VMXOFF: leaving VMX operation keeps the VMCS in memory;
 * after VMXON, VMPTRLD makes it current with the data written before.
 */
TEST_CASE(vmxoff_keeps_state_31_3, .fixture = &vmx_env)
{
	struct vmx_exit e = vmx_run(&vcpu, l2_nothing);

	check_exit(&e, EXIT_REASON_VMCALL);
	vmcs_write(VMCS_GUEST_RIP, 0x1234);
	report_vmx(vmxoff(), VMX_OK, "VMXOFF with a current VMCS");
	report_vmx(vmxon(vmx_pa(vcpu.vmxon_region)), VMX_OK, "VMXON");
	report_vmx(vmptrld(vmx_pa(vcpu.vmcs)), VMX_OK, "VMPTRLD");
	report_eq(vmcs_read(VMCS_GUEST_RIP), 0x1234,
		  "the VMCS keeps its data across VMXOFF");
}
