// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp.c: the ppc64 hooks of lib/smp.h through RTAS (LoPAPR 1.1 7.3.9:
 * query-cpu-stopped-state, start-cpu with the real address to start at
 * and r3, stop-self on the CPU itself). A CPU knows its index by the
 * stack it runs on (each secondary gets its own; interrupts and problem
 * state run on the interrupted stack), so no SPR a test may change is
 * spent on it. Idle CPUs poll their mailbox (no wake-up event is needed).
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>
#include <powerpc/rtas.h>
#include <powerpc/smp.h>

#define STACK_ORDER 2
#define START_TIMEOUT_TICKS (5ULL * 512000000)

extern char ppc_secondary_entry[];

static unsigned int ncpus = 1;
static u64 servers[SMP_MAX_CPUS];
static struct ppc_cpu_boot boot[SMP_MAX_CPUS];

void ppc_secondary(struct ppc_cpu_boot *b);

void smp_init(void)
{
	int n = dt_cpus(servers, SMP_MAX_CPUS);

	/* QEMU and KVM start the first /cpus node's CPU. */
	ncpus = n > 0 ? n : 1;
}

unsigned int arch_nr_cpus(void)
{
	return ncpus;
}

unsigned int arch_smp_processor_id(void)
{
	u64 sp;

	asm volatile("mr %0, 1" : "=r"(sp));
	for (unsigned int i = 1; i < ncpus; i++)
		if (sp < boot[i].stack_top &&
		    sp >= boot[i].stack_top - (PAGE_SIZE << STACK_ORDER))
			return i;
	return 0;
}

u64 cpu_server(unsigned int cpu)
{
	assert(cpu < ncpus);
	return servers[cpu];
}

int cpu_stopped_state(u64 server)
{
	u32 arg = (u32)server, state = 0;
	int st = rtas_call(rtas_token("query-cpu-stopped-state"), 1, &arg, 2,
			   &state);

	return st ? st : (int)state;
}

void arch_cpu_start(unsigned int cpu)
{
	struct ppc_cpu_boot *b = &boot[cpu];
	u64 t0 = mftb();
	u32 args[3];
	int st;

	while ((st = cpu_stopped_state(servers[cpu])) != CPU_STATE_STOPPED) {
		if (st < 0 || mftb() - t0 > START_TIMEOUT_TICKS)
			test_crash("cpu %u (server %#llx) not stopped: %d", cpu,
				   (unsigned long long)servers[cpu], st);
		cpu_relax();
	}
	if (!b->stack_top) {
		u8 *stack = alloc_pages(STACK_ORDER);

		assert(stack);
		b->stack_top = (u64)stack + (PAGE_SIZE << STACK_ORDER);
	}
	b->cpu = cpu;
	args[0] = (u32)servers[cpu];
	args[1] = (u32)(u64)ppc_secondary_entry;
	args[2] = (u32)(u64)b;
	asm volatile("sync" ::: "memory");
	st = rtas_call(rtas_token("start-cpu"), 3, args, 1, NULL);
	if (st)
		test_crash("RTAS start-cpu of cpu %u (server %#llx): %d", cpu,
			   (unsigned long long)servers[cpu], st);
}

void arch_cpu_wait(void)
{
	cpu_relax();
}

void arch_cpu_kick(void)
{
	asm volatile("sync" ::: "memory");
}

void ppc_secondary(struct ppc_cpu_boot *b)
{
	mtspr(SPR_DEC, 0x7fffffffULL);
	assert(smp_processor_id() == b->cpu);
	smp_secondary_loop();
}

void cpu_stop_self(void)
{
	mtmsrd(mfmsr() & ~MSR_EE);
	smp_cpu_offline();
	int st = rtas_call(rtas_token("stop-self"), 0, NULL, 1, NULL);

	test_crash("RTAS stop-self returned (status %d) on cpu %u", st,
		   smp_processor_id());
}
