// SPDX-License-Identifier: GPL-2.0-only
/*
 * irq.c: interrupt handler registration and the counting handler (see
 * irq.h). The counts live in memory allocated on first use so that tests
 * without interrupts do not touch it.
 */
#include <libtest.h>
#include <smp.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/tsc.h>

#define ORDER_LEN 16

struct irq_stats {
	unsigned int count[256];
	unsigned int n;
	u8 order[ORDER_LEN];
};

static struct irq_stats *stats;

irq_handler_t irq_register(unsigned int vector, irq_handler_t fn)
{
	assert(vector >= IRQ_FIRST_VECTOR && vector < 256);
	return x86_set_handler(vector, fn);
}

static void count_handler(struct ex_regs *regs)
{
	struct irq_stats *s = &stats[smp_id()];
	unsigned int n = __atomic_fetch_add(&s->n, 1, __ATOMIC_RELAXED);

	if (n < ORDER_LEN)
		s->order[n] = regs->vector;
	__atomic_fetch_add(&s->count[regs->vector], 1, __ATOMIC_RELEASE);
	apic_eoi();
}

void irq_counts_clear(void)
{
	if (!stats) {
		/* The CPUs of this VM only: each is a KiB to zero. */
		stats = calloc(nr_cpus(), sizeof(*stats));
		assert(stats);
	}
	for (unsigned int c = 0; c < nr_cpus(); c++)
		memset(&stats[c], 0, sizeof(stats[c]));
}

void irq_count_vector(unsigned int vector)
{
	if (!stats)
		irq_counts_clear();
	irq_register(vector, count_handler);
}

unsigned int irq_count(unsigned int cpu, unsigned int vector)
{
	return __atomic_load_n(&stats[cpu].count[vector], __ATOMIC_ACQUIRE);
}

int irq_order(unsigned int cpu, unsigned int n)
{
	return n < MIN(stats[cpu].n, ORDER_LEN) ? stats[cpu].order[n] : -1;
}

static volatile bool listeners_stop;

static void listen(void *data)
{
	irq_enable();
	while (!listeners_stop)
		cpu_relax();
	irq_disable();
}

void irq_listeners_start(void)
{
	listeners_stop = false;
	for (unsigned int c = 1; c < nr_cpus(); c++)
		on_cpu_async(c, listen, NULL);
	/* Let the targets reach their enabled loop. */
	udelay(1000);
}

void irq_listeners_stop(void)
{
	listeners_stop = true;
	for (unsigned int c = 1; c < nr_cpus(); c++)
		smp_wait_idle(c);
}

void irq_window(u64 us)
{
	irq_enable();
	udelay(us);
	irq_disable();
}

bool irq_wait_count(unsigned int cpu, unsigned int vector, unsigned int n,
		    u64 us)
{
	bool ok;

	irq_enable();
	ok = wait_until(irq_count(cpu, vector) >= n, us);
	irq_disable();
	return ok;
}
