// SPDX-License-Identifier: GPL-2.0-only
/*
 * insn_watch.c: the timer ticks of insn_watch.h. The period is 2^20
 * timer clocks at divide-by-1 (TDCR 1011b, Intel SDM vol. 3A 11.5.4
 * figure 11-10): about 1 ms at the 1 GHz timer clock that QEMU and KVM
 * give, longer at a slower one; the TSC bounds the time given up on.
 * Each tick is acknowledged by EOI (11.8.5). Per CPU: every CPU may watch
 * its own probe. insn_watch_elsewhere() is the watch from another CPU,
 * by the TSC alone, for a hypervisor that takes no interrupt in the loop.
 */
#include <libtest.h>
#include <smp.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/insn_watch.h>
#include <x86/processor.h>
#include <x86/tsc.h>

#define WATCH_VECTOR 0xec
#define WATCH_PERIOD (1U << 20)
#define TDCR_DIV1 0xb
/* From the mailbox to the instruction: a few calls, however loaded. */
#define REACH_US 5000000

struct watch {
	u64 site; /* the instruction the last ticks found, or 0 */
	u64 since; /* TSC at the first of them */
	unsigned int ticks;
};

static struct watch watches[SMP_MAX_CPUS];

static void tick(struct ex_regs *regs)
{
	struct watch *w = &watches[smp_id()];
	const struct fault_site *s = fault_site_at(regs->rip);

	apic_eoi();
	if (!s) {
		w->site = 0;
		return;
	}
	if (w->site != s->insn) {
		*w = (struct watch){.site = s->insn, .since = rdtsc()};
		return;
	}
	if (++w->ticks < INSN_WATCH_TICKS ||
	    rdtsc() - w->since < us_to_tsc(INSN_WATCH_US))
		return;
	fault_record(FAULT_STUCK);
	regs->rip = s->resume;
	w->site = 0;
}

void insn_watch_begin(void)
{
	watches[smp_id()] = (struct watch){0};
	if (!(apic_read(APIC_SVR) & APIC_SVR_ENABLE))
		apic_init_cpu();
	irq_register(WATCH_VECTOR, tick);
	apic_write(APIC_TDCR, TDCR_DIV1);
	apic_write(APIC_LVTT, APIC_TIMER_PERIODIC | WATCH_VECTOR);
	apic_write(APIC_TMICT, WATCH_PERIOD);
	irq_enable();
}

void insn_watch_end(void)
{
	irq_disable();
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	/* A tick that came in meanwhile stays pending: no handler for it. */
	if (apic_vec_bit(APIC_IRR, WATCH_VECTOR))
		irq_window(0);
	irq_register(WATCH_VECTOR, NULL);
}

/*
 * One watch on another CPU at a time, in static storage: a CPU given up
 * on may still write to it.
 */
static struct {
	void (*fn)(void *data);
	void *data;
	u64 arrived; /* TSC when FN reached its instruction, 0 before */
	bool done;
} other;

void insn_watch_arrive(void)
{
	__atomic_store_n(&other.arrived, rdtsc(), __ATOMIC_RELEASE);
}

static void run_other(void *unused)
{
	other.fn(other.data);
	__atomic_store_n(&other.done, true, __ATOMIC_RELEASE);
}

/* CPUs left looping on an instruction: never given work again. */
static u64 lost;

static unsigned int spare_cpu(void)
{
	for (unsigned int c = 0; c < nr_cpus() && c < 64; c++)
		if (c != smp_id() && !(lost & BIT(c)))
			return c;
	return nr_cpus();
}

bool insn_watch_elsewhere(void (*fn)(void *data), void *data)
{
	unsigned int cpu = spare_cpu();
	u64 t0, arrived;

	if (cpu >= nr_cpus()) {
		fn(data);
		return true;
	}
	other.fn = fn;
	other.data = data;
	other.arrived = 0;
	other.done = false;
	/* Returns once the CPU runs (a first start waits for it). */
	on_cpu_async(cpu, run_other, NULL);
	t0 = rdtsc();
	while (!__atomic_load_n(&other.done, __ATOMIC_ACQUIRE)) {
		arrived = __atomic_load_n(&other.arrived, __ATOMIC_ACQUIRE);
		if (arrived &&
		    rdtsc() - arrived > us_to_tsc(INSN_WATCH_OTHER_US)) {
			lost |= BIT(cpu);
			return false;
		}
		if (!arrived && rdtsc() - t0 > us_to_tsc(REACH_US))
			test_crash("cpu %u did not reach the watched "
				   "instruction within %u ms",
				   cpu, REACH_US / 1000);
		cpu_relax();
	}
	return true;
}

static u64 read_cr(unsigned int cr)
{
	switch (cr) {
	case 0:
		return read_cr0();
	case 3:
		return read_cr3();
	case 4:
		return read_cr4();
	default:
		return read_cr8();
	}
}

static struct fault write_cr_safe(unsigned int cr, u64 v)
{
	switch (cr) {
	case 0:
		return fault_probe("mov %0, %%cr0", : : "r"(v) : "memory");
	case 3:
		return fault_probe("mov %0, %%cr3", : : "r"(v) : "memory");
	case 4:
		return fault_probe("mov %0, %%cr4", : : "r"(v) : "memory");
	default:
		return fault_probe("mov %0, %%cr8", : : "r"(v) : "memory");
	}
}

static struct {
	unsigned int cr;
	u64 flip;
	struct cr_flip r;
} flip_try;

static void try_flip(void *unused)
{
	unsigned int cr = flip_try.cr;

	flip_try.r.before = read_cr(cr);
	insn_watch_arrive();
	flip_try.r.f = write_cr_safe(cr, flip_try.r.before ^ flip_try.flip);
	flip_try.r.after = read_cr(cr);
	if (flip_try.r.after != flip_try.r.before)
		write_cr_safe(cr, flip_try.r.before);
}

struct cr_flip cr_flip_elsewhere(unsigned int cr, u64 flip)
{
	flip_try.cr = cr;
	flip_try.flip = flip;
	if (!insn_watch_elsewhere(try_flip, NULL))
		return (struct cr_flip){.f = FAULT_STUCK_OTHER_CPU};
	return flip_try.r;
}
