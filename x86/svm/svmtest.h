/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svmtest.h: what the files of the svm test share (svm.c describes the
 * test): the vCPU, the fixture that enables SVM around each case, and the
 * L2 bodies more than one file runs.
 */
#ifndef HV_X86_SVM_SVMTEST_H
#define HV_X86_SVM_SVMTEST_H

#include <libtest.h>
#include <string.h>
#include <x86/processor.h>
#include <x86/svm/svm.h>

extern struct svm_vcpu vcpu;

/*
 * Fixture halves: SKIP where SVM cannot be used (svm_unavailable()), else
 * EFER.SVME = 1, VM_HSAVE_PA set and vcpu reset to run svm_l2_nop; the
 * teardown sets GIF (STGI) and restores EFER and VM_HSAVE_PA.
 */
bool svm_env_enter(void);
void svm_env_leave(void);
#define SVM_ENV                                                      \
	TEST_FIXTURE_UNLESS(svm_env, svm_unavailable, svm_env_enter, \
			    svm_env_leave)

/* An L2 body that returns at once (L2 ends with its final VMMCALL). */
void svm_l2_nop(struct l2_guest *l2);

/*
 * Runs vcpu and checks that it reached the end of its L2 function with
 * nothing but l2_exit()s on the way; false (after a failed report) if not.
 */
bool svm_check_runs_to_end(const char *what);
#define check_runs_to_end(what) report_here(svm_check_runs_to_end(what))

#endif
