// SPDX-License-Identifier: GPL-2.0-only
/*
 * enable.c: enabling SVM (AMD APM vol. 2 15.4 "Enabling SVM", 15.30.1
 * VM_CR) and the exceptions of the SVM instructions (APM vol. 3 VMRUN,
 * VMLOAD, VMSAVE, STGI, CLGI, INVLPGA, SKINIT: #UD with EFER.SVME = 0,
 * #GP(0) at CPL > 0 and for a VMCB address beyond the physical address
 * width or not 4 KiB aligned).
 */
#include "svmtest.h"
#include <x86/usermode.h>

SVM_ENV;

#define CPUID_SKINIT X86_FEATURE(0x80000001, 0, ECX, 12, "skinit")

static u64 probe_pa;

static struct fault do_vmrun(void)
{
	return svm_probe_vmrun(probe_pa);
}

static struct fault do_vmload(void)
{
	return svm_probe_vmload(probe_pa);
}

static struct fault do_vmsave(void)
{
	return svm_probe_vmsave(probe_pa);
}

static struct fault do_stgi(void)
{
	return svm_probe_stgi();
}

static struct fault do_clgi(void)
{
	return svm_probe_clgi();
}

static struct fault do_invlpga(void)
{
	return svm_probe_invlpga(0, 1);
}

static struct fault do_skinit(void)
{
	return svm_probe_skinit(probe_pa);
}

/* The same instructions as CPL3 functions (usermode_call_fn calls them). */
asm(".pushsection .text\n"
    "cpl3_vmrun: xor %eax, %eax; vmrun %rax; ret\n"
    "cpl3_vmload: xor %eax, %eax; vmload %rax; ret\n"
    "cpl3_vmsave: xor %eax, %eax; vmsave %rax; ret\n"
    "cpl3_stgi: stgi; ret\n"
    "cpl3_clgi: clgi; ret\n"
    "cpl3_invlpga: xor %eax, %eax; mov $1, %ecx; invlpga %rax, %ecx; ret\n"
    "cpl3_skinit: xor %eax, %eax; skinit %eax; ret\n"
    ".popsection");
extern char cpl3_vmrun[], cpl3_vmload[], cpl3_vmsave[], cpl3_stgi[],
	cpl3_clgi[], cpl3_invlpga[], cpl3_skinit[];

static const struct svm_insn {
	const char *name;
	struct fault (*probe)(void);
	const char *cpl3;
} insns[] = {
	{"VMRUN", do_vmrun, cpl3_vmrun},
	{"VMLOAD", do_vmload, cpl3_vmload},
	{"VMSAVE", do_vmsave, cpl3_vmsave},
	{"STGI", do_stgi, cpl3_stgi},
	{"CLGI", do_clgi, cpl3_clgi},
	{"INVLPGA", do_invlpga, cpl3_invlpga},
	{"SKINIT", do_skinit, cpl3_skinit},
};

/*
 * APM vol. 3, each instruction's exceptions: #UD when EFER.SVME = 0
 * (SKINIT: only when CPUID Fn8000_0001_ECX[SKINIT] = 0 too).
 */
TEST_VARIANTS(svme_clear_ud, insns, .fixture = &svm_env)
{
	if (variant->probe == do_skinit && cpu_has(CPUID_SKINIT))
		return report_skip(
			"SKINIT enumerated: it may run with SVME = 0");
	probe_pa = (u64)vcpu.vmcb;
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) & ~EFER_SVME);
	report_fault(variant->probe(), FAULT_UD, "%s with EFER.SVME = 0",
		     variant->name);
}

/* APM vol. 3: #GP(0) when CPL is not 0 (EFER.SVME = 1). */
TEST_VARIANTS(cpl3_gp, insns, .fixture = &svm_env)
{
	u64 stack_top, old_cr3;
	struct fault f;

	if (variant->probe == do_skinit && !cpu_has(CPUID_SKINIT))
		return report_skip(
			"SKINIT not enumerated "
			"(CPUID.(EAX=0x80000001,ECX=0):ECX[12]): #UD");
	old_cr3 = pt_switch(usermode_flat_tables(&stack_top));
	f = usermode_call((u64)usermode_text, usermode_call_fn,
			  (u64)variant->cpl3, 0, stack_top, NULL);
	write_cr3(old_cr3);
	report_fault(f, FAULT_GP(0), "%s at CPL3", variant->name);
}

/*
 * APM vol. 3 VMRUN, VMLOAD, VMSAVE: #GP(0) when rAX is beyond the
 * physical address width or not aligned on a 4 KiB boundary.
 */
static const struct bad_pa {
	const char *name;
	bool beyond; /* else misaligned */
} bad_pas[] = {
	{"beyond_maxphyaddr", true},
	{"unaligned", false},
};

TEST_VARIANTS(vmcb_address_gp, bad_pas, .fixture = &svm_env)
{
	static struct fault (*const probes[])(void) = {do_vmrun, do_vmload,
						       do_vmsave};
	static const char *const names[] = {"VMRUN", "VMLOAD", "VMSAVE"};

	probe_pa = variant->beyond ? 1ULL << cpu_phys_bits()
				   : (u64)vcpu.vmcb + 0x800;
	for (size_t i = 0; i < ARRAY_SIZE(probes); i++)
		report_fault(probes[i](), FAULT_GP(0), "%s rAX=%#lx", names[i],
			     probe_pa);
}

/*
 * 15.4: EFER.SVME can be set once SVM is enumerated and not disabled;
 * 15.30.1: VM_CR is readable, and with VM_CR.LOCK = 0 setting
 * VM_CR.SVMDIS makes a WRMSR setting EFER.SVME raise #GP.
 */
TEST_CASE(vm_cr_svmdis, .fixture = &svm_env)
{
	u64 vm_cr, efer = rdmsr(MSR_EFER);

	report(efer & EFER_SVME, "EFER.SVME reads back 1");
	if (!report_fault(rdmsr_safe(MSR_VM_CR, &vm_cr), FAULT_NONE,
			  "RDMSR VM_CR"))
		return;
	if (vm_cr & VM_CR_LOCK)
		return report_skip("VM_CR.LOCK is set: SVMDIS cannot change");
	wrmsr(MSR_EFER, efer & ~EFER_SVME);
	if (report_fault(wrmsr_safe(MSR_VM_CR, vm_cr | VM_CR_SVMDIS),
			 FAULT_NONE, "set VM_CR.SVMDIS")) {
		report_eq(rdmsr(MSR_VM_CR) & VM_CR_SVMDIS, VM_CR_SVMDIS,
			  "VM_CR.SVMDIS reads back 1");
		report_fault(wrmsr_safe(MSR_EFER, efer | EFER_SVME),
			     FAULT_GP(0), "EFER.SVME = 1 with VM_CR.SVMDIS");
		wrmsr(MSR_VM_CR, vm_cr);
	}
	report_fault(wrmsr_safe(MSR_EFER, efer | EFER_SVME), FAULT_NONE,
		     "EFER.SVME = 1 with SVMDIS clear again");
}

/*
 * 15.30.1: "When this bit [LOCK] is set, writes to LOCK and SVMDIS are
 * silently ignored. When this bit is clear, VM_CR bits 3 and 4 can be
 * written." The case sets LOCK (with EFER.SVME = 0: setting SVMDIS while
 * SVME = 1 is #GP regardless of LOCK), then writes SVMDIS = 1 and
 * LOCK = 0: no fault, neither bit changes, and EFER.SVME can still be
 * set. LOCK stays set until reset (only SVM_KEY clears it), so the case
 * runs in an entry of its own (svm_vm_cr_lock).
 */
TEST_CASE(vm_cr_lock, .fixture = &svm_env)
{
	u64 vm_cr, efer = rdmsr(MSR_EFER);

	if (!report_fault(rdmsr_safe(MSR_VM_CR, &vm_cr), FAULT_NONE,
			  "RDMSR VM_CR"))
		return;
	wrmsr(MSR_EFER, efer & ~EFER_SVME);
	if (!(vm_cr & VM_CR_LOCK)) {
		report_fault(wrmsr_safe(MSR_VM_CR, vm_cr | VM_CR_LOCK),
			     FAULT_NONE, "set VM_CR.LOCK while clear");
		vm_cr = rdmsr(MSR_VM_CR);
		if (!report_eq(vm_cr & VM_CR_LOCK, VM_CR_LOCK,
			       "VM_CR.LOCK reads back 1"))
			goto out;
	}
	report_fault(wrmsr_safe(MSR_VM_CR, vm_cr | VM_CR_SVMDIS), FAULT_NONE,
		     "write setting SVMDIS under LOCK: silently ignored");
	report_fault(wrmsr_safe(MSR_VM_CR, vm_cr & ~VM_CR_LOCK), FAULT_NONE,
		     "write clearing LOCK: silently ignored");
	report_eq(rdmsr(MSR_VM_CR) & (VM_CR_SVMDIS | VM_CR_LOCK), VM_CR_LOCK,
		  "LOCK still 1, SVMDIS still 0");
out:
	report_fault(wrmsr_safe(MSR_EFER, efer | EFER_SVME), FAULT_NONE,
		     "EFER.SVME = 1 allowed");
}
