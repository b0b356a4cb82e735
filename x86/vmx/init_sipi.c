// SPDX-License-Identifier: GPL-2.0-only
/*
 * init_sipi.c: INIT and SIPI in VMX non-root operation, sent by a second
 * CPU (Intel SDM vol. 3C 26.2: an INIT signal causes a VM exit, reason 3;
 * a SIPI in the wait-for-SIPI activity state causes one, reason 4, with
 * the SIPI vector as qualification (28.2.1); 24.8: INIT is blocked in VMX
 * root operation; A.6: MISC[8] offers wait-for-SIPI). Needs 2 CPUs; its
 * own entry, so that a lost signal costs one short TIMEOUT.
 */
#include "vmx.h"
#include <smp.h>
#include <x86/apic.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define SIPI_VECTOR 0x12

static volatile int stage;
static volatile bool init_sent;
static u32 bsp_apic;

static void wait_stage(int s)
{
	for (u64 i = 0; i < 100000000 && stage < s; i++)
		asm volatile("pause");
}

/* CPU 1: INIT at stage 1, SIPIs at stage 2 until the BSP moves on. */
static void signaller(void *data)
{
	wait_stage(1);
	if (stage != 1)
		return;
	/* Stage 1 is set by L2 itself: the BSP is in VMX non-root now. */
	apic_icr_write(bsp_apic, APIC_DM_INIT | APIC_LEVEL_ASSERT);
	init_sent = true;
	wait_stage(2);
	for (int i = 0; i < 1000 && stage == 2; i++) {
		apic_icr_write(bsp_apic, APIC_DM_STARTUP | SIPI_VECTOR);
		udelay(1000);
	}
}

/* L2: lets CPU 1 send its INIT, then spins a while after it was sent. */
static void l2_wait_init(struct l2_guest *l2)
{
	u64 after = 0;

	stage = 1;
	for (u64 i = 0; i < 100000000 && after < 1000000; i++)
		if (init_sent)
			after++;
	l2_record(l2, init_sent);
}

TEST_CASE(init_sipi_26_2, .fixture = &vmx_env, .min_cpus = 2)
{
	struct vmx_exit e;

	if (!(vmx_caps()->misc & BIT(8)))
		return report_skip(
			"wait-for-SIPI not offered (IA32_VMX_MISC[8])");
	bsp_apic = apic_id();
	stage = 0;
	init_sent = false;
	on_cpu_async(1, signaller, NULL);
	e = vmx_run(&vcpu, l2_wait_init);
	check_exit(&e, EXIT_REASON_INIT);
	report_eq(vcpu.l2.results->count, 0,
		  "the exit came before L2 ended its wait");
	vmcs_write(VMCS_GUEST_ACTIVITY, 3);
	stage = 2;
	e = vmx_run(&vcpu, NULL);
	stage = 3;
	check_exit(&e, EXIT_REASON_SIPI);
	report_eq(e.qual, SIPI_VECTOR, "qualification: the SIPI vector");
	smp_wait_idle(1);
}
