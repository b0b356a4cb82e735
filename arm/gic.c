// SPDX-License-Identifier: GPL-2.0-only
/*
 * gic: interrupt delivery through the GIC, run once with GICv2 and once
 * with GICv3 (machine option gic-version=2/3). IHI 0069 (GICv3) and IHI
 * 0048B (GICv2): SGI generation to a target list, to all but self (4.3.15
 * GICD_SGIR / 12.2.23 ICC_SGI1R_EL1.IRM); the acknowledged INTID and, on
 * v2, the source CPU (4.4.4 GICC_IAR); pending and active state (4.1.2
 * state machine, 12.9.x ISPENDR/ISACTIVER); priority masking (PMR) and
 * running priority with preemption (4.4.6 GICC_RPR, 12.2.19 ICC_RPR_EL1);
 * the spurious INTID 1023 when nothing is pending (2.2.1); EOImode = 1
 * split between priority drop and deactivation (4.4.5, 12.2.10
 * ICC_EOIR1_EL1, 12.2.7 ICC_DIR_EL1); SPIs set pending by software and
 * routed to a CPU; and SGI storms between all CPUs without a lost
 * interrupt. Every wait is bounded: a lost interrupt fails with the INTID
 * and CPU that expected it.
 */
#include <libtest.h>
#include <smp.h>
#include <arm64/processor.h>
#include <arm64/exceptions.h>
#include <arm64/gic.h>
#include <arm64/timer.h>

#define WAIT_MS 1000
#define SETTLE_MS 20
#define STORM_ROUNDS 200
#define MAX_IRQ 1024

static unsigned int hits[SMP_MAX_CPUS][MAX_IRQ];
static unsigned int sources[SMP_MAX_CPUS][GIC_NR_SGIS];
static unsigned int spurious[SMP_MAX_CPUS];
static int stop_listening;
static int listening;

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar();
	u32 irq = gic_iar_irqnr(iar);
	unsigned int cpu = smp_processor_id();

	if (irq == GIC_SPURIOUS) {
		__atomic_fetch_add(&spurious[cpu], 1, __ATOMIC_RELAXED);
		return;
	}
	if (irq < GIC_NR_SGIS)
		sources[cpu][irq] = gic_iar_source(iar);
	if (irq < MAX_IRQ)
		__atomic_fetch_add(&hits[cpu][irq], 1, __ATOMIC_RELEASE);
	gic_write_eoir(iar);
}

static unsigned int count(unsigned int cpu, unsigned int irq)
{
	return __atomic_load_n(&hits[cpu][irq], __ATOMIC_ACQUIRE);
}

static void reset_counts(void)
{
	memset(hits, 0, sizeof(hits));
	memset(spurious, 0, sizeof(spurious));
}

static void delay_ms(u64 ms)
{
	u64 end = read_cntvct() + ms_to_ticks(ms);

	while (read_cntvct() < end)
		cpu_relax();
}

/* Waits until CPU has taken IRQ at least N times; false after WAIT_MS. */
static bool wait_count(unsigned int cpu, unsigned int irq, unsigned int n)
{
	u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);

	while (count(cpu, irq) < n)
		if (read_cntvct() > deadline)
			return false;
	return true;
}

static void listen(void *data)
{
	local_irq_enable();
	__atomic_fetch_add(&listening, 1, __ATOMIC_ACQ_REL);
	while (!__atomic_load_n(&stop_listening, __ATOMIC_ACQUIRE))
		asm volatile("wfe");
	local_irq_disable();
}

static void start_listeners(void)
{
	arm64_set_handler(EL1H_IRQ, irq_handler);
	__atomic_store_n(&stop_listening, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&listening, 0, __ATOMIC_RELEASE);
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++)
		on_cpu_async(cpu, listen, NULL);
	/* A CPU that starts now resets its SGIs: send only once all listen. */
	while (__atomic_load_n(&listening, __ATOMIC_ACQUIRE) <
	       (int)nr_cpus() - 1)
		cpu_relax();
}

static void stop_listeners(void)
{
	__atomic_store_n(&stop_listening, 1, __ATOMIC_RELEASE);
	dsb(ish);
	asm volatile("sev");
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++)
		smp_wait_idle(cpu);
	arm64_set_handler(EL1H_IRQ, NULL);
}

static bool need_gic(void)
{
	if (gic_version())
		return true;
	report_skip("no GIC in the device tree");
	return false;
}

/* Checks that exactly the CPUs in TARGETS took SGI once (others: never). */
static void check_targets(u64 targets, unsigned int sgi, const char *how)
{
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		if (targets & BIT(cpu)) {
			wait_count(cpu, sgi, 1);
			report_eq(count(cpu, sgi), 1,
				  "%s: cpu %u took SGI %u once", how, cpu, sgi);
		}
	}
	delay_ms(SETTLE_MS);
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		if (!(targets & BIT(cpu)))
			report_eq(
				count(cpu, sgi), 0,
				"%s: cpu %u (not a target) did not take SGI %u",
				how, cpu, sgi);
}

TEST_CASE(sgi_self)
{
	if (!need_gic())
		return;
	reset_counts();
	arm64_set_handler(EL1H_IRQ, irq_handler);
	local_irq_enable();
	gic_send_sgi(0, 1);
	wait_count(0, 1, 1);
	local_irq_disable();
	arm64_set_handler(EL1H_IRQ, NULL);
	report_eq(count(0, 1), 1, "SGI 1 to self taken once, INTID 1");
	if (gic_version() == 2)
		report_eq(sources[0][1], gic_v2_cpu_if(0),
			  "v2: GICC_IAR.CPUID is our own interface");
	report_eq(spurious[0], 0, "no spurious acknowledge");
}

TEST_CASE(sgi_targets)
{
	unsigned int n = nr_cpus();
	u64 all = BIT(n) - 1;
	u64 odd = 0;

	if (!need_gic())
		return;
	if (n < 2)
		return report_skip("needs 2 CPUs");
	for (unsigned int cpu = 1; cpu < n; cpu += 2)
		odd |= BIT(cpu);
	reset_counts();
	start_listeners();
	local_irq_enable();
	gic_send_sgi(n - 1, 2);
	check_targets(BIT(n - 1), 2, "one target");
	gic_send_sgi_mask(odd | 1, 3);
	check_targets(odd | 1, 3, "target list");
	gic_send_sgi_others(4);
	check_targets(all & ~1ULL, 4, "all but self");
	local_irq_disable();
	stop_listeners();
	if (gic_version() == 2)
		report_eq(sources[n - 1][2], gic_v2_cpu_if(0),
			  "v2: cpu %u sees cpu 0's interface as GICC_IAR.CPUID",
			  n - 1);
}

/* Acknowledges with IRQs masked at PSTATE; 1023 when nothing comes in WAIT_MS. */
static u32 poll_ack(void)
{
	u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);
	u32 iar;

	do {
		iar = gic_read_iar();
	} while (gic_iar_irqnr(iar) == GIC_SPURIOUS &&
		 read_cntvct() < deadline);
	return iar;
}

static bool wait_pending(unsigned int irq)
{
	u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);

	while (!gic_irq_pending(irq))
		if (read_cntvct() > deadline)
			return false;
	return true;
}

TEST_CASE(active_pending)
{
	const unsigned int sgi = 5;
	u32 iar;

	if (!need_gic())
		return;
	gic_irq_set_priority(sgi, 0x80);
	report(!gic_irq_pending(sgi) && !gic_irq_active(sgi),
	       "SGI %u inactive to start with", sgi);
	gic_send_sgi(0, sgi);
	report(wait_pending(sgi), "SGI %u pending after it is sent", sgi);
	report(!gic_irq_active(sgi), "not active before acknowledge");
	iar = poll_ack();
	report_eq(gic_iar_irqnr(iar), sgi, "acknowledge returns INTID %u", sgi);
	report(!gic_irq_pending(sgi), "not pending after acknowledge");
	report(gic_irq_active(sgi), "active after acknowledge");
	report_eq(gic_read_rpr(), 0x80, "running priority is the SGI's");
	gic_write_eoir(iar);
	report(!gic_irq_active(sgi), "inactive after EOI");
	report_eq(gic_read_rpr(), 0xff, "idle running priority after EOI");
	gic_irq_set_priority(sgi, GIC_DEFAULT_PRIO);
}

TEST_CASE(priority_mask)
{
	const unsigned int sgi = 6;
	u32 iar;

	if (!need_gic())
		return;
	gic_irq_set_priority(sgi, 0x80);
	gic_write_pmr(0x80);
	report_eq(gic_read_pmr(), 0x80, "PMR reads back 0x80");
	gic_send_sgi(0, sgi);
	wait_pending(sgi);
	iar = gic_read_iar();
	report_eq(gic_iar_irqnr(iar), GIC_SPURIOUS,
		  "priority 0x80 not above PMR 0x80: masked (1023)");
	report(gic_irq_pending(sgi), "still pending while masked");
	gic_write_pmr(0x90);
	iar = poll_ack();
	report_eq(gic_iar_irqnr(iar), sgi, "PMR 0x90 unmasks priority 0x80");
	gic_write_eoir(iar);
	gic_write_pmr(0xff);
	gic_irq_set_priority(sgi, GIC_DEFAULT_PRIO);
}

TEST_CASE(running_priority)
{
	const unsigned int lo = 7, hi = 8, lower = 9;
	u32 iar_lo, iar_hi, iar;

	if (!need_gic())
		return;
	gic_irq_set_priority(lo, 0xa0);
	gic_irq_set_priority(hi, 0x80);
	gic_irq_set_priority(lower, 0xc0);
	report_eq(gic_read_rpr(), 0xff, "idle running priority 0xff");
	gic_send_sgi(0, lo);
	iar_lo = poll_ack();
	report_eq(gic_iar_irqnr(iar_lo), lo, "acknowledge SGI %u (0xa0)", lo);
	report_eq(gic_read_rpr(), 0xa0, "running priority 0xa0");
	gic_send_sgi(0, lower);
	wait_pending(lower);
	report_eq(gic_iar_irqnr(gic_read_iar()), GIC_SPURIOUS,
		  "SGI %u (0xc0) does not preempt 0xa0: 1023", lower);
	gic_send_sgi(0, hi);
	iar_hi = poll_ack();
	report_eq(gic_iar_irqnr(iar_hi), hi, "SGI %u (0x80) preempts 0xa0", hi);
	report_eq(gic_read_rpr(), 0x80, "running priority 0x80");
	gic_write_eoir(iar_hi);
	report_eq(gic_read_rpr(), 0xa0, "EOI of 0x80: back to 0xa0");
	gic_write_eoir(iar_lo);
	report_eq(gic_read_rpr(), 0xff, "EOI of 0xa0: idle");
	iar = poll_ack();
	report_eq(gic_iar_irqnr(iar), lower, "then SGI %u (0xc0) is taken",
		  lower);
	gic_write_eoir(iar);
	for (unsigned int s = lo; s <= lower; s++)
		gic_irq_set_priority(s, GIC_DEFAULT_PRIO);
}

TEST_CASE(spurious)
{
	if (!need_gic())
		return;
	for (int i = 0; i < 3; i++)
		report_eq(gic_iar_irqnr(gic_read_iar()), GIC_SPURIOUS,
			  "nothing pending: acknowledge returns 1023 (try %d)",
			  i);
	report_eq(gic_read_rpr(), 0xff, "running priority stays idle");
}

TEST_CASE(eoimode_split)
{
	const unsigned int sgi = 10;
	u32 iar;

	if (!need_gic())
		return;
	gic_set_eoimode(true);
	gic_irq_set_priority(sgi, 0x80);
	gic_send_sgi(0, sgi);
	iar = poll_ack();
	report_eq(gic_iar_irqnr(iar), sgi, "acknowledge SGI %u", sgi);
	gic_write_eoir(iar);
	report_eq(gic_read_rpr(), 0xff, "EOImode 1: EOI drops the priority");
	report(gic_irq_active(sgi), "EOImode 1: still active after EOI");
	gic_send_sgi(0, sgi);
	wait_pending(sgi);
	report_eq(gic_iar_irqnr(gic_read_iar()), GIC_SPURIOUS,
		  "active SGI sent again is not acknowledged (1023)");
	gic_write_dir(iar);
	report(!gic_irq_active(sgi) || gic_irq_pending(sgi), "DIR deactivates");
	iar = poll_ack();
	report_eq(gic_iar_irqnr(iar), sgi,
		  "the pending one is taken after DIR");
	gic_write_eoir(iar);
	gic_write_dir(iar);
	report(!gic_irq_active(sgi), "inactive after EOI and DIR");
	gic_set_eoimode(false);
	gic_irq_set_priority(sgi, GIC_DEFAULT_PRIO);
}

TEST_CASE(spi)
{
	unsigned int spi = gic_nr_irqs() - 1;
	unsigned int n = nr_cpus();

	if (!need_gic())
		return;
	if (spi < GIC_FIRST_SPI)
		return report_skip("no SPIs");
	reset_counts();
	start_listeners();
	local_irq_enable();
	gic_spi_set_edge(spi, true);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		gic_spi_route(spi, cpu);
		gic_irq_enable(spi);
		gic_irq_set_pending(spi);
		wait_count(cpu, spi, 1);
		report_eq(count(cpu, spi), 1,
			  "SPI %u routed to cpu %u taken there", spi, cpu);
		gic_irq_disable(spi);
	}
	delay_ms(SETTLE_MS);
	for (unsigned int cpu = 0; cpu < n; cpu++)
		report_eq(count(cpu, spi), 1, "cpu %u took SPI %u exactly once",
			  cpu, spi);
	local_irq_disable();
	stop_listeners();
}

struct storm {
	unsigned int ncpus; /* senders: one SGI INTID each */
	unsigned int rounds;
	int failed_src, failed_dst, failed_round;
};

static struct storm storm;

/* Sends SGI <self> to each other CPU in turn, waiting for each delivery. */
static void storm_cpu(void *data)
{
	unsigned int me = smp_processor_id();
	unsigned int n = storm.ncpus;

	local_irq_enable();
	for (unsigned int r = 1; me < n && r <= storm.rounds; r++) {
		for (unsigned int dst = 0; dst < n; dst++) {
			/* After a loss, stop rather than wait out every round. */
			if (dst == me || __atomic_load_n(&storm.failed_src,
							 __ATOMIC_ACQUIRE) >= 0)
				continue;
			gic_send_sgi(dst, me);
			if (!wait_count(dst, me, r) &&
			    __atomic_load_n(&storm.failed_src,
					    __ATOMIC_RELAXED) < 0) {
				storm.failed_dst = dst;
				storm.failed_round = r;
				__atomic_store_n(&storm.failed_src, me,
						 __ATOMIC_RELEASE);
			}
		}
	}
	/* Keep taking interrupts until everyone is done. */
	__atomic_fetch_add(&stop_listening, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&stop_listening, __ATOMIC_ACQUIRE) <
	       (int)nr_cpus())
		cpu_relax();
	local_irq_disable();
}

TEST_CASE(ipi_storm)
{
	unsigned int n = nr_cpus();
	bool all = true;

	if (!need_gic())
		return;
	if (n < 2)
		return report_skip("needs 2 CPUs");
	n = MIN(n, GIC_NR_SGIS);
	reset_counts();
	storm.ncpus = n;
	storm.rounds = arg_get_u64("storm_rounds", STORM_ROUNDS);
	storm.failed_src = -1;
	/* Every CPU up (its SGIs reset) before anyone sends. */
	start_listeners();
	stop_listeners();
	arm64_set_handler(EL1H_IRQ, irq_handler);
	__atomic_store_n(&stop_listening, 0, __ATOMIC_RELEASE);
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++)
		on_cpu_async(cpu, storm_cpu, NULL);
	storm_cpu(NULL);
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++)
		smp_wait_idle(cpu);
	arm64_set_handler(EL1H_IRQ, NULL);
	if (storm.failed_src >= 0)
		report(false,
		       "cpu %d did not take SGI %d from cpu %d (round %d of "
		       "%u)",
		       storm.failed_dst, storm.failed_src, storm.failed_src,
		       storm.failed_round, storm.rounds);
	for (unsigned int dst = 0; dst < n; dst++)
		for (unsigned int src = 0; src < n; src++)
			if (src != dst && count(dst, src) != storm.rounds)
				all = report_eq(count(dst, src), storm.rounds,
						"cpu %u took SGI %u (from cpu "
						"%u) every time",
						dst, src, src);
	report(all, "%u CPUs x %u rounds: every SGI delivered exactly once", n,
	       storm.rounds);
	for (unsigned int dst = 0; gic_version() == 2 && dst < n; dst++)
		for (unsigned int src = 0; src < n; src++)
			if (src != dst &&
			    sources[dst][src] != gic_v2_cpu_if(src))
				report_eq(sources[dst][src], gic_v2_cpu_if(src),
					  "v2: cpu %u: GICC_IAR.CPUID of SGI "
					  "%u names cpu %u",
					  dst, src, src);
}
