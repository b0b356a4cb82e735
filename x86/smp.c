// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp: multiprocessor basics on x86: every CPU the MADT lists comes up
 * through INIT-SIPI-SIPI with the APIC ID the MADT gave it (Intel SDM vol.
 * 3A 9.4, 11.4.6 local APIC ID; ACPI 6.5 5.2.12), runs functions on
 * request with its own stack and TSS, answers fixed IPIs (SDM 11.6), and
 * locked RMW instructions keep a spinlock exclusive under contention
 * (SDM 9.1.2.2 locked atomic operations). The spinlock case runs until
 * lock_contention acquisitions (guest option, 64 by default) found the
 * lock held, or for lock_ms milliseconds (500): a fixed round count
 * proves nothing where the CPUs never overlapped (TCG on a busy host runs
 * one vCPU's rounds while the other waits for a host CPU) and costs
 * seconds where every instruction is emulated (kvm_pvm). A run without
 * any contended acquisition is a SKIP. The smp_lock_stress entry asks
 * for far more, on four CPUs.
 */
#include <libtest.h>
#include <smp.h>
#include <spinlock.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define IPI_VECTOR 0x40
#define IPI_WAIT_US 500000
#define LOCK_CONTENTION 64
#define LOCK_MS 500

static u32 seen_apic_id[SMP_MAX_CPUS];
static unsigned int seen_cpu[SMP_MAX_CPUS];
static u64 seen_rsp[SMP_MAX_CPUS];
static u16 seen_tr[SMP_MAX_CPUS];

static void whoami(void *data)
{
	unsigned int cpu = smp_processor_id();
	u16 tr;

	asm volatile("str %0" : "=rm"(tr));
	seen_apic_id[cpu] = apic_id();
	seen_cpu[cpu] = cpu;
	seen_rsp[cpu] = (u64)__builtin_frame_address(0);
	seen_tr[cpu] = tr;
}

TEST_CASE(bring_up)
{
	unsigned int n = nr_cpus();

	report_info("%u CPUs, APIC IDs from the MADT", n);
	if (!need_cpus(2))
		return;
	for (unsigned int c = 0; c < n; c++)
		seen_cpu[c] = ~0U;
	on_cpus(whoami, NULL);
	for (unsigned int c = 0; c < n; c++) {
		report_prefix_pushf("cpu %u", c);
		report(cpu_online(c), "online");
		report_eq(seen_cpu[c], c, "ran the function as itself");
		report_eq(seen_apic_id[c], cpu_apic_id(c),
			  "APIC ID matches the MADT");
		report_eq(seen_tr[c], TSS_SEL_BASE + 16 * c, "has its own TSS");
		for (unsigned int o = 0; o < c; o++)
			if (seen_rsp[o] / 16384 == seen_rsp[c] / 16384)
				report(false, "shares a stack with cpu %u", o);
		report_prefix_pop();
	}
}

static void bump(void *data)
{
	__atomic_fetch_add((unsigned int *)data, 1 + smp_processor_id(),
			   __ATOMIC_RELAXED);
}

TEST_CASE(on_cpu_round_trip)
{
	unsigned int sum = 0, expect = 0, n = nr_cpus();

	if (!need_cpus(2))
		return;
	for (int round = 0; round < 50; round++)
		for (unsigned int c = 0; c < n; c++)
			on_cpu(c, bump, &sum);
	for (unsigned int c = 0; c < n; c++)
		expect += 50 * (1 + c);
	report_eq(sum, expect, "50 synchronous calls on each CPU all ran");
}

static volatile bool ipi_stop;

/* Waits with interrupts on until told to stop. */
static void ipi_target(void *data)
{
	irq_enable();
	while (!ipi_stop)
		cpu_relax();
	irq_disable();
}

TEST_CASE(ipi_round_trip)
{
	unsigned int n = nr_cpus();

	if (!need_cpus(2))
		return;
	irq_counts_clear();
	irq_count_vector(IPI_VECTOR);
	ipi_stop = false;
	for (unsigned int c = 1; c < n; c++)
		on_cpu_async(c, ipi_target, NULL);
	udelay(1000);
	for (unsigned int c = 1; c < n; c++) {
		for (unsigned int i = 1; i <= 10; i++) {
			apic_icr_write(cpu_apic_id(c),
				       APIC_DM_FIXED | IPI_VECTOR);
			if (!wait_until(irq_count(c, IPI_VECTOR) >= i,
					IPI_WAIT_US))
				break;
		}
		report_eq(irq_count(c, IPI_VECTOR), 10,
			  "cpu %u took vector %#x once per fixed IPI", c,
			  IPI_VECTOR);
	}
	ipi_stop = true;
	for (unsigned int c = 1; c < n; c++)
		smp_wait_idle(c);
	irq_register(IPI_VECTOR, NULL);
}

static u64 *percpu_slot[SMP_MAX_CPUS];

static void percpu_write(void *data)
{
	unsigned int cpu = smp_processor_id();

	percpu_slot[cpu] = malloc(sizeof(u64));
	*percpu_slot[cpu] = 0x1000 + cpu;
}

static void percpu_check(void *data)
{
	unsigned int cpu = smp_processor_id();
	bool *ok = data;

	ok[cpu] = *percpu_slot[cpu] == 0x1000 + cpu && smp_id() == cpu;
}

TEST_CASE(percpu)
{
	bool ok[SMP_MAX_CPUS] = {false};
	unsigned int n = nr_cpus();

	if (!need_cpus(2))
		return;
	for (unsigned int c = 0; c < n; c++)
		on_cpu(c, percpu_write, NULL);
	on_cpus(percpu_check, ok);
	for (unsigned int c = 0; c < n; c++) {
		report(ok[c], "cpu %u reads back its own data and index", c);
		free(percpu_slot[c]);
	}
}

static struct spinlock lock = SPINLOCK_INIT;
static u64 shared_counter;
static unsigned int in_lock;
static bool lock_broken;
static u64 lock_end_tsc, lock_contention;
static u64 contended[SMP_MAX_CPUS], rounds_done[SMP_MAX_CPUS];
static unsigned int arrived;
static bool lock_stop;

static u64 contended_total(void)
{
	u64 n = 0;

	for (unsigned int c = 0; c < nr_cpus(); c++)
		n += __atomic_load_n(&contended[c], __ATOMIC_RELAXED);
	return n;
}

/*
 * A non-atomic read-modify-write of shared data, inside the lock. The
 * CPUs start together (on_cpus() reaches them one after the other); CPU
 * 0 says when enough acquisitions were contended.
 */
static void contend(void *data)
{
	unsigned int cpu = smp_processor_id();
	u64 i;

	__atomic_fetch_add(&arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < nr_cpus())
		cpu_relax();
	for (i = 0; !__atomic_load_n(&lock_stop, __ATOMIC_RELAXED); i++) {
		if (!spin_trylock(&lock)) {
			__atomic_store_n(&contended[cpu], contended[cpu] + 1,
					 __ATOMIC_RELAXED);
			spin_lock(&lock);
		}
		if (__atomic_fetch_add(&in_lock, 1, __ATOMIC_RELAXED))
			lock_broken = true;
		shared_counter = *(volatile u64 *)&shared_counter + 1;
		__atomic_fetch_sub(&in_lock, 1, __ATOMIC_RELAXED);
		spin_unlock(&lock);
		if (!cpu && (contended_total() >= lock_contention ||
			     rdtsc() >= lock_end_tsc))
			__atomic_store_n(&lock_stop, true, __ATOMIC_RELAXED);
	}
	rounds_done[cpu] = i;
}

TEST_CASE(spinlock)
{
	u64 rounds = 0;

	if (!need_cpus(2))
		return;
	lock_contention = arg_get_u64("lock_contention", LOCK_CONTENTION);
	lock_end_tsc =
		rdtsc() + us_to_tsc(arg_get_u64("lock_ms", LOCK_MS) * 1000);
	shared_counter = 0;
	lock_broken = false;
	lock_stop = false;
	arrived = 0;
	memset(contended, 0, sizeof(contended));
	on_cpus(contend, NULL);
	for (unsigned int c = 0; c < nr_cpus(); c++)
		rounds += rounds_done[c];
	report_info("%llu rounds on %u CPUs, %llu found the lock held "
		    "(asked for %llu)",
		    (unsigned long long)rounds, nr_cpus(),
		    (unsigned long long)contended_total(),
		    (unsigned long long)lock_contention);
	if (!contended_total())
		return report_skip("no acquisition found the lock held: the "
				   "CPUs never contended");
	report(!lock_broken, "never two CPUs inside the lock");
	report_eq(shared_counter, rounds, "no increment lost under contention");
}
