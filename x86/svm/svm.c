// SPDX-License-Identifier: GPL-2.0-only
/*
 * svm: AMD SVM conformance, with the test as the L1 hypervisor (AMD APM
 * vol. 2 chapter 15; the SVM instructions in vol. 3). One file per theme:
 * enable.c (15.4 enabling, 15.30.1 VM_CR, #UD/#GP of the instructions),
 * vmrun_checks.c (15.5.1 consistency checks, table-driven), intercepts.c
 * (15.8 to 15.14: instruction, exception, MSR and I/O intercepts with
 * their EXITINFO and next RIP), inject.c (15.20 event injection, 15.21
 * virtual interrupts, GIF), state.c (15.5.1 state switched by VMRUN and
 * #VMEXIT, VMLOAD/VMSAVE, TSC offset, clean bits, TLB_CONTROL), npt.c
 * (15.25 nested paging, ASIDs), nmi.c (NMI delivery and blocking
 * around VMRUN and #VMEXIT, 15.21.9, 15.20) and signals.c (SMI and INIT
 * intercepts, INIT held by GIF = 0; 15.21.8, 15.22.2, 15.17). This file
 * holds the fixture and helpers the others share (svmtest.h); the library
 * is lib/x86/svm/ (docs/nested-svm.md).
 */
#include "svmtest.h"

struct svm_vcpu vcpu;
static u64 saved_efer, saved_hsave;

void svm_l2_nop(struct l2_guest *l2)
{
}

bool svm_env_enter(void)
{
	const char *why = svm_unavailable();

	if (why) {
		report_skip("%s", why);
		return false;
	}
	saved_efer = rdmsr(MSR_EFER);
	saved_hsave = rdmsr(MSR_VM_HSAVE_PA);
	svm_enable();
	svm_vcpu_reset(&vcpu, svm_l2_nop, NULL);
	return true;
}

void svm_env_leave(void)
{
	/* GIF = 1 again (a case may leave it clear); STGI needs SVME. */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	svm_stgi();
	wrmsr(MSR_VM_HSAVE_PA, saved_hsave);
	wrmsr(MSR_EFER, saved_efer);
}

bool svm_check_runs_to_end(const char *what)
{
	struct svm_exit e = svm_run_to_end(&vcpu);

	return report_eq(e.code, SVM_EXIT_VMMCALL, "%s: L2 runs to its end",
			 what) &&
	       report(vcpu.l2.done, "%s: L2 function returned", what);
}

SVM_ENV;

/* 15.5: VMRUN enters L2 and #VMEXIT on an intercepted VMMCALL returns. */
TEST_CASE(vmrun_vmmcall_round_trip, .fixture = &svm_env)
{
	check_runs_to_end("L1 state in the VMCB");
}
