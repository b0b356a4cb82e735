// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp.c: the arch-neutral half of smp.h. Each CPU has a mailbox whose
 * state moves OFFLINE -> IDLE <-> BUSY; the function and its argument are
 * published before the state becomes BUSY (release) and read after it is
 * seen (acquire), so the data a caller set up is visible to FN.
 */
#include <libtest.h>
#include <smp.h>

enum { CPU_OFFLINE, CPU_IDLE, CPU_BUSY };

struct mailbox {
	int state;
	smp_fn_t fn;
	void *data;
};

static struct mailbox mbox[SMP_MAX_CPUS];

static int state(unsigned int cpu)
{
	return __atomic_load_n(&mbox[cpu].state, __ATOMIC_ACQUIRE);
}

static bool move(unsigned int cpu, int from, int to)
{
	return __atomic_compare_exchange_n(&mbox[cpu].state, &from, to, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

unsigned int nr_cpus(void)
{
	return arch_nr_cpus();
}

unsigned int smp_processor_id(void)
{
	return arch_smp_processor_id();
}

bool cpu_idle(unsigned int cpu)
{
	return cpu == smp_processor_id() ? false : state(cpu) != CPU_BUSY;
}

bool cpu_online(unsigned int cpu)
{
	return cpu == smp_processor_id() || state(cpu) != CPU_OFFLINE;
}

void smp_wait_idle(unsigned int cpu)
{
	while (state(cpu) == CPU_BUSY)
		arch_cpu_wait();
}

void on_cpu_async(unsigned int cpu, smp_fn_t fn, void *data)
{
	assert(cpu < nr_cpus() && cpu < SMP_MAX_CPUS);
	assert(cpu != smp_processor_id());
	for (;;) {
		smp_wait_idle(cpu);
		mbox[cpu].fn = fn;
		mbox[cpu].data = data;
		if (move(cpu, CPU_IDLE, CPU_BUSY)) {
			arch_cpu_kick();
			return;
		}
		if (move(cpu, CPU_OFFLINE, CPU_BUSY)) {
			arch_cpu_start(cpu);
			return;
		}
	}
}

void on_cpu(unsigned int cpu, smp_fn_t fn, void *data)
{
	if (cpu == smp_processor_id()) {
		fn(data);
		return;
	}
	on_cpu_async(cpu, fn, data);
	smp_wait_idle(cpu);
}

void on_cpus(smp_fn_t fn, void *data)
{
	unsigned int self = smp_processor_id();

	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		if (cpu != self)
			on_cpu_async(cpu, fn, data);
	fn(data);
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		if (cpu != self)
			smp_wait_idle(cpu);
}

void smp_secondary_loop(void)
{
	unsigned int cpu = smp_processor_id();
	struct mailbox *m = &mbox[cpu];

	/* Started by on_cpu_async() (BUSY already) or by the arch (OFFLINE). */
	move(cpu, CPU_OFFLINE, CPU_IDLE);
	arch_cpu_kick();
	for (;;) {
		while (state(cpu) != CPU_BUSY)
			arch_cpu_wait();
		m->fn(m->data);
		__atomic_store_n(&m->state, CPU_IDLE, __ATOMIC_RELEASE);
		arch_cpu_kick();
	}
}

void smp_cpu_offline(void)
{
	__atomic_store_n(&mbox[smp_processor_id()].state, CPU_OFFLINE,
			 __ATOMIC_RELEASE);
	arch_cpu_kick();
}

/* Uniprocessor defaults for an arch without SMP support. */
__attribute__((weak)) unsigned int arch_nr_cpus(void)
{
	return 1;
}

__attribute__((weak)) unsigned int arch_smp_processor_id(void)
{
	return 0;
}

__attribute__((weak)) void arch_cpu_start(unsigned int cpu)
{
	test_crash("cpu %u: this arch cannot start CPUs", cpu);
}

__attribute__((weak)) void arch_cpu_wait(void)
{
}

__attribute__((weak)) void arch_cpu_kick(void)
{
}

bool need_cpus(unsigned int n)
{
	if (nr_cpus() >= n)
		return true;
	report_skip("needs %u CPUs, the VM has %u", n, nr_cpus());
	return false;
}
