// SPDX-License-Identifier: GPL-2.0-only
/*
 * signals.c: the SMI and INIT intercepts (AMD APM vol. 2 15.22.2 table
 * 15-14 and 15.21.8 table 15-12: #VMEXIT(SMI) / #VMEXIT(INIT) with the
 * signal still pending; exit codes 0x62, 0x63 in appendix C), and INIT
 * held while GIF = 0 (15.17 table 15-10). L2 sends itself the signal
 * through its local APIC (ICR delivery mode SMI or INIT, destination its
 * own APIC ID; APM vol. 2 16.5 interprocessor interrupts) with the
 * intercept set, and L1 expects the matching #VMEXIT. GIF is 0 after #VMEXIT (15.17) and
 * the case leaves it 0 (svm_run_gif_clear()): the signal the exit left
 * pending is never taken by L1, which has no SMM handler and must not be
 * reset. So each case runs last and alone, in an entry of its own
 * (svm_smi_intercept, svm_init_intercept, svm_gif_holds_init), without the svm fixture whose
 * teardown sets GIF.
 */
#include "svmtest.h"
#include <x86/apic.h>

static void l2_send_signal(struct l2_guest *l2)
{
	apic_icr_write(apic_id(), (u32)(u64)l2->arg | APIC_LEVEL_ASSERT);
	for (int i = 0; i < 100000; i++)
		asm volatile("pause");
}

static const struct signal_row {
	const char *name;
	u32 delivery_mode;
	u64 intercept;
	u64 exit_code;
} signal_rows[] = {
	{"SMI", APIC_DM_SMI, INTERCEPT_SMI, SVM_EXIT_SMI},
	{"INIT", APIC_DM_INIT, INTERCEPT_INIT, SVM_EXIT_INIT},
};

TEST_VARIANTS(signal_intercept, signal_rows)
{
	const char *why = svm_unavailable();
	struct svm_exit e;

	if (why)
		return report_skip("%s", why);
	apic_init_cpu();
	svm_enable();
	svm_vcpu_reset(&vcpu, l2_send_signal,
		       (void *)(u64)variant->delivery_mode);
	svm_l2_idt(&vcpu);
	vcpu.vmcb->control.intercept_misc1 |= variant->intercept;
	vcpu.vmcb->control.intercept_exceptions = ~0U;
	e = svm_run_gif_clear(&vcpu);
	report_eq(e.code, variant->exit_code, "%s from L2's APIC exits",
		  variant->name);
	report(!vcpu.l2.done, "L2 had not finished");
}

/*
 * 15.17 table 15-10, 15.21.8 table 15-12: with GIF = 0 an INIT is held
 * pending until GIF = 1: L1 sends itself one after
 * CLGI and goes on running (no reset) to the end of the guest.
 */
static volatile unsigned int spins;

TEST_CASE(gif_holds_init)
{
	const char *why = svm_unavailable();

	if (why)
		return report_skip("%s", why);
	apic_init_cpu();
	svm_enable();
	svm_clgi();
	apic_icr_write(apic_id(), APIC_DM_INIT | APIC_LEVEL_ASSERT);
	for (spins = 0; spins < 100000; spins++)
		asm volatile("pause");
	report_eq(spins, 100000, "L1 runs on after an INIT with GIF = 0");
}
