// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmxon.c: entering and leaving VMX operation (Intel SDM vol. 3C 24.7
 * enabling and entering VMX operation, 24.8 restrictions (fixed CR0/CR4
 * bits at VMXON and for MOV to CR in VMX operation), vol. 2C/3C 31.3
 * VMXON and VMXOFF operation: CR4.VMXE, CPL, IA32_FEATURE_CONTROL, the
 * VMXON pointer's alignment, width and revision identifier, VMXON in VMX
 * root operation, VMXOFF outside VMX operation).
 */
#include "vmx.h"
#include <x86/usermode.h>
#include <x86/paging.h>

/* 31.3 VMXON: #UD when CR4.VMXE = 0; VMXOFF and VMCLEAR too (24.7). */
TEST_CASE(vmxe_31_3, .fixture = &vmx_cpu)
{
	void *r = vmx_alloc_region();

	vmx_prepare_cpu();
	write_cr4(read_cr4() & ~X86_CR4_VMXE);
	report_vmx(vmxon(vmx_pa(r)), VMX_RAISES(FAULT_UD), "VMXON, CR4.VMXE=0");
	report_vmx(vmxoff(), VMX_RAISES(FAULT_UD), "VMXOFF, CR4.VMXE=0");
	report_vmx(vmclear(vmx_pa(r)), VMX_RAISES(FAULT_UD),
		   "VMCLEAR, CR4.VMXE=0");
	write_cr4(read_cr4() | X86_CR4_VMXE);
	report_vmx(vmxoff(), VMX_RAISES(FAULT_UD),
		   "VMXOFF outside VMX operation, CR4.VMXE=1");
	report_vmx(vmptrld(vmx_pa(r)), VMX_RAISES(FAULT_UD),
		   "VMPTRLD outside VMX operation");
	report_vmx(vmxon(vmx_pa(r)), VMX_OK, "VMXON, CR4.VMXE=1");
	report_vmx(vmxoff(), VMX_OK, "VMXOFF");
}

/* 24.8, 31.3 VMXON: CR0 bits fixed to 1 (CR0.NE here) must be 1: #GP(0). */
TEST_CASE(fixed_cr0_24_8, .fixture = &vmx_cpu)
{
	void *r = vmx_alloc_region();

	if (!(vmx_caps()->cr0_fixed0 & X86_CR0_NE))
		return report_skip("IA32_VMX_CR0_FIXED0 lets CR0.NE be 0");
	vmx_prepare_cpu();
	write_cr0(read_cr0() & ~X86_CR0_NE);
	report_vmx(vmxon(vmx_pa(r)), VMX_RAISES(FAULT_GP(0)),
		   "VMXON with CR0.NE=0");
	write_cr0(read_cr0() | X86_CR0_NE);
	report_vmx(vmxon(vmx_pa(r)), VMX_OK, "VMXON with CR0.NE=1");
	report_vmx(vmxoff(), VMX_OK, "VMXOFF");
	report(read_cr4() & X86_CR4_VMXE, "CR4.VMXE stays 1 after VMXOFF");
}

/*
 * 24.7: VMXON needs IA32_FEATURE_CONTROL locked with VMXON outside SMX
 * enabled, else #GP(0); once locked, WRMSR to it is #GP(0).
 */
TEST_CASE(feature_control_24_7, .fixture = &vmx_cpu)
{
	void *r = vmx_alloc_region();
	u64 fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
	u64 want = FEATURE_CONTROL_LOCK | FEATURE_CONTROL_VMX_OUTSIDE_SMX;

	write_cr4(read_cr4() | X86_CR4_VMXE);
	if (!(fc & FEATURE_CONTROL_LOCK)) {
		report_vmx(vmxon(vmx_pa(r)), VMX_RAISES(FAULT_GP(0)),
			   "VMXON with IA32_FEATURE_CONTROL unlocked");
		report_fault(wrmsr_safe(MSR_IA32_FEATURE_CONTROL, fc | want),
			     FAULT_NONE, "lock with VMXON outside SMX enabled");
	} else {
		report_info("firmware locked IA32_FEATURE_CONTROL (%#lx)", fc);
	}
	fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
	report_eq(fc & want, want, "IA32_FEATURE_CONTROL locked and enabled");
	report_fault(wrmsr_safe(MSR_IA32_FEATURE_CONTROL, fc), FAULT_GP(0),
		     "WRMSR of the locked MSR raises #GP(0)");
	vmx_prepare_cpu();
	report_vmx(vmxon(vmx_pa(r)), VMX_OK, "VMXON");
	report_vmx(vmxoff(), VMX_OK, "VMXOFF");
}

/*
 * 31.3 VMXON: VMfailInvalid for a pointer not 4-KiB aligned, beyond the
 * physical-address width, or to a region whose revision identifier is not
 * IA32_VMX_BASIC[30:0]. In VMX root operation: VMfailInvalid without a
 * current VMCS, VMfailValid(15) with one.
 */
TEST_CASE(vmxon_pointer_31_3, .fixture = &vmx_cpu)
{
	u32 *r = vmx_alloc_region();
	u64 pa = vmx_pa(r);

	vmx_prepare_cpu();
	report_vmx(vmxon(pa + 0x800), VMX_FAIL_INV,
		   "pointer not 4-KiB aligned");
	report_vmx(vmxon(BIT(cpu_phys_bits())), VMX_FAIL_INV,
		   "pointer at bit %u, beyond the physical-address width",
		   cpu_phys_bits());
	r[0] = vmx_caps()->revision ^ 1;
	report_vmx(vmxon(pa), VMX_FAIL_INV, "revision identifier %#x", r[0]);
	r[0] = vmx_caps()->revision | BIT(31);
	report_vmx(vmxon(pa), VMX_FAIL_INV,
		   "revision identifier with bit 31 set");
	r[0] = vmx_caps()->revision;
	report_vmx(vmxon(pa), VMX_OK, "VMXON with the right revision");
	report_vmx(vmxon(pa), VMX_FAIL_INV,
		   "VMXON in VMX root operation, no current VMCS");
	report_vmx(vmptrld(vmx_pa(vmx_alloc_region())), VMX_OK, "VMPTRLD");
	report_vmx(vmxon(pa), VMX_FAIL(VMXERR_VMXON_ROOT),
		   "VMXON in VMX root operation, with a current VMCS");
	/* 31.3 VMXOFF: succeeds when dual-monitor treatment is not active. */
	report_vmx(vmxoff(), VMX_OK, "VMXOFF, dual-monitor treatment off");
	report_vmx(vmxoff(), VMX_RAISES(FAULT_UD), "VMXOFF after VMXOFF");
}

asm(".pushsection .text\n"
    "cpl3_vmxon:\n\t"
    "sub $8, %rsp\n\t"
    "vmxon (%rsp)\n\t"
    "add $8, %rsp\n\t"
    "ret\n"
    "cpl3_vmxoff:\n\t"
    "vmxoff\n\t"
    "ret\n"
    ".popsection");
extern char cpl3_vmxon[], cpl3_vmxoff[];

static struct fault at_cpl3(const char *fn)
{
	struct fault f;
	u64 stack_top, old_cr3;

	old_cr3 = pt_switch(usermode_flat_tables(&stack_top));
	f = usermode_call((u64)usermode_text, usermode_call_fn, (u64)fn, 0,
			  stack_top, NULL);
	write_cr3(old_cr3);
	return f;
}

/* 31.3 VMXON, VMXOFF: #GP(0) at CPL > 0 (with CR4.VMXE = 1). */
TEST_CASE(cpl3_31_3, .fixture = &vmx_cpu)
{
	u64 cr4 = read_cr4();

	vmx_prepare_cpu();
	write_cr4(read_cr4() & ~(X86_CR4_SMEP | X86_CR4_SMAP));
	report_fault(at_cpl3(cpl3_vmxon), FAULT_GP(0), "VMXON at CPL3");
	report_vmx(vmxon(vmx_pa(vmx_alloc_region())), VMX_OK, "VMXON at CPL0");
	report_fault(at_cpl3(cpl3_vmxoff), FAULT_GP(0),
		     "VMXOFF at CPL3 in VMX operation");
	report_vmx(vmxoff(), VMX_OK, "VMXOFF at CPL0");
	write_cr4(cr4 | X86_CR4_VMXE);
}

/*
 * 24.8: in VMX operation, MOV to CR0 clearing a bit fixed to 1 there
 * (IA32_VMX_CR0_FIXED0: NE here) and MOV to CR4 clearing VMXE are #GP(0),
 * and the register keeps its value.
 */
TEST_CASE(fixed_bits_in_vmx_24_8, .fixture = &vmx_env)
{
	u64 cr0 = read_cr0(), cr4 = read_cr4();
	struct fault f;

	f = fault_probe("mov %0, %%cr4",
			:
			: "r"(cr4 & ~X86_CR4_VMXE)
			: "memory");
	report_fault(f, FAULT_GP(0), "MOV to CR4 clearing VMXE");
	report_eq(read_cr4(), cr4, "CR4 unchanged");
	if (!(vmx_caps()->cr0_fixed0 & X86_CR0_NE))
		return report_skip("IA32_VMX_CR0_FIXED0 lets CR0.NE be 0");
	f = fault_probe("mov %0, %%cr0", : : "r"(cr0 & ~X86_CR0_NE) : "memory");
	report_fault(f, FAULT_GP(0), "MOV to CR0 clearing NE");
	report_eq(read_cr0(), cr0, "CR0 unchanged");
}
