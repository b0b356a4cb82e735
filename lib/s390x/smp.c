// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp.c: the s390x hooks of smp.h. CPUs are the SCLP's CPU entries in
 * order (sclp.h; the boot CPU first). A CPU is started with SIGNAL
 * PROCESSOR (sigp.h; SA22-7832 chapter 4, "Signal-Processor Orders"):
 * SET PREFIX to an 8 KiB prefix area of its own whose new PSWs are those
 * of the boot CPU and whose restart new PSW leads to secondary_entry
 * (entry.S), then RESTART. Waiting CPUs spin; the index of a CPU is kept
 * in its lowcore. exit() (exit.c) stops every CPU with SIGP STOP.
 */
#include <libtest.h>
#include <smp.h>
#include <s390x/processor.h>
#include <s390x/exceptions.h>
#include <s390x/sclp.h>
#include <s390x/sigp.h>

#define CPU_STACK_ORDER 2 /* 16 KiB */
#define SIGP_BUSY_RETRIES 1000000

void __noreturn s390x_secondary(void);

unsigned int arch_nr_cpus(void)
{
	return MIN(MAX(sclp_info.nr_cpus, 1U), (unsigned int)SMP_MAX_CPUS);
}

unsigned int arch_smp_processor_id(void)
{
	return *(volatile u32 *)LC_SW_CPU_INDEX;
}

/* Sends ORDER to CPU, retrying while it is busy; the condition code. */
int sigp_retry(unsigned int cpu, u8 order, u64 param)
{
	int cc, tries = 0;

	do {
		cc = sigp(sclp_info.cpu_addr[cpu], order, param, NULL);
	} while (cc == SIGP_CC_BUSY && ++tries < SIGP_BUSY_RETRIES);
	return cc;
}

void arch_cpu_start(unsigned int cpu)
{
	u8 *lowcore = alloc_pages(1);
	u8 *stack = alloc_pages(CPU_STACK_ORDER);
	volatile struct psw *restart;
	int cc;

	if (!lowcore || !stack)
		test_crash("cpu %u: no memory for its prefix area and stack",
			   cpu);
	interrupts_init((u64)lowcore);
	restart = (volatile struct psw *)(lowcore + LC_RESTART_NEW_PSW);
	restart->addr = (u64)secondary_entry;
	*(u32 *)(lowcore + LC_SW_CPU_INDEX) = cpu;
	*(u64 *)(lowcore + LC_SW_STACK) =
		(u64)stack + (PAGE_SIZE << CPU_STACK_ORDER);
	cc = sigp_retry(cpu, SIGP_SET_PREFIX, (u64)lowcore);
	if (cc == SIGP_CC_ACCEPTED)
		cc = sigp_retry(cpu, SIGP_RESTART, 0);
	if (cc != SIGP_CC_ACCEPTED)
		test_crash("cpu %u (address %u): SIGP SET PREFIX/RESTART cc %d",
			   cpu, sclp_info.cpu_addr[cpu], cc);
}

void s390x_secondary(void)
{
	lctlg(0, stctg(0) | CR0_SERVICE_SIGNAL);
	smp_secondary_loop();
}

void arch_cpu_wait(void)
{
	cpu_relax();
}
