// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmu: the PMUv3 as advertised (Arm ARM D11 "The Performance Monitors
 * Extension": D13.2.28 ID_AA64DFR0_EL1.PMUVer, D13.11 PMCR_EL0 (N, E, C,
 * P), PMCCNTR_EL0 and PMCCFILTR_EL0, PMCNTENSET_EL0, PMCEID0_EL0 common
 * events, PMEVTYPER<n>_EL0/PMEVCNTR<n>_EL0 via PMSELR_EL0/PMXEV*; event
 * numbers from D11.11 "PMU events": 0x08 INST_RETIRED, 0x11 CPU_CYCLES).
 * Without a PMU every case is skipped with the reason.
 *
 * overflow: D11.5 "Counter overflow" / PMOVSSET_EL0, PMOVSCLR_EL0 (bit 31
 * the cycle counter, bit n event counter n, bits [30:N] RAZ/WI): an
 * unsigned overflow sets the counter's bit; PMOVSSET writes of 1 set, PMOVSCLR
 * writes of 1 clear, writes of 0 do nothing. PMCR_EL0.LC selects whether the
 * cycle counter overflows out of bit 31 (0) or bit 63 (1). The overflow
 * interrupt request (pseudocode CheckForPMUOverflow) is asserted, as a level,
 * while PMCR_EL0.E and, for some counter, PMINTENSET_EL1 and PMOVSSET_EL0 are
 * 1. Its INTID is the device tree's /pmu interrupt (binding arm,pmu.yaml);
 * without one, INTID 23, the PPI the Arm Base System Architecture (BSA)
 * assigns to the PMU.
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/exceptions.h>
#include <arm64/gic.h>
#include <arm64/timer.h>

#define PMCR_E BIT(0)
#define PMCR_P BIT(1)
#define PMCR_C BIT(2)
#define PMCR_LC BIT(6)
#define PMCR_N(v) (((v) >> 11) & 0x1f)
#define PMCNTEN_C BIT(31)
#define PMCR_LP BIT(7)
#define PMOVS_C BIT(31)
#define EV_SW_INCR 0x00
#define EV_INST_RETIRED 0x08
#define EV_CPU_CYCLES 0x11
#define LOOPS 10000

/* Some PMUv3: PMUVer 1 to 0xe (0 none, 0xf an IMPLEMENTATION DEFINED PMU). */
#define PMUV3 ID_FEATURE(ID_AA64DFR0, 8, 0x1, 0xe, "PMUVer")

static void loop(void)
{
	for (unsigned int i = 0; i < LOOPS; i++)
		asm volatile("nop");
}

TEST_CASE(pmcr, .features = CPU_FEATURES(PMUV3))
{
	u64 pmcr;

	pmcr = read_sysreg(pmcr_el0);
	report_info("PMCR_EL0=%#llx: %u event counters, IMP %#llx",
		    (unsigned long long)pmcr, (unsigned int)PMCR_N(pmcr),
		    (unsigned long long)(pmcr >> 24) & 0xff);
	report(PMCR_N(pmcr) <= 31, "PMCR.N <= 31 (%u)",
	       (unsigned int)PMCR_N(pmcr));
	write_sysreg(pmcr | PMCR_E, pmcr_el0);
	isb();
	report(read_sysreg(pmcr_el0) & PMCR_E, "PMCR.E writable: reads back 1");
	write_sysreg(pmcr & ~PMCR_E, pmcr_el0);
	isb();
	report(!(read_sysreg(pmcr_el0) & PMCR_E), "PMCR.E reads back 0");
	report(!(read_sysreg(pmcr_el0) & (PMCR_P | PMCR_C)),
	       "PMCR.P and PMCR.C (write-only reset bits) read as zero");
}

TEST_CASE(cycle_counter, .features = CPU_FEATURES(PMUV3))
{
	u64 before, after;

	write_sysreg(0, pmccfiltr_el0); /* count at EL1 */
	write_sysreg(PMCNTEN_C, pmcntenset_el0);
	write_sysreg(PMCR_E | PMCR_C | PMCR_LC, pmcr_el0);
	isb();
	before = read_sysreg(pmccntr_el0);
	loop();
	isb();
	after = read_sysreg(pmccntr_el0);
	report(after > before, "PMCCNTR counts at EL1 (%llu -> %llu)",
	       (unsigned long long)before, (unsigned long long)after);
	write_sysreg(0, pmcr_el0);
	isb();
	before = read_sysreg(pmccntr_el0);
	loop();
	isb();
	report_eq(read_sysreg(pmccntr_el0), before,
		  "PMCR.E = 0: PMCCNTR stops");
	write_sysreg(PMCNTEN_C, pmcntenclr_el0);
}

static u64 count_event(unsigned int event)
{
	u64 v;

	write_sysreg(0, pmselr_el0);
	isb();
	write_sysreg(event, pmxevtyper_el0); /* filters 0: count at EL1 */
	write_sysreg(0, pmxevcntr_el0);
	write_sysreg(BIT(0), pmcntenset_el0);
	write_sysreg(PMCR_E, pmcr_el0);
	isb();
	loop();
	isb();
	write_sysreg(0, pmcr_el0);
	isb();
	v = read_sysreg(pmxevcntr_el0);
	write_sysreg(BIT(0), pmcntenclr_el0);
	return v;
}

TEST_CASE(event_counters, .features = CPU_FEATURES(PMUV3))
{
	u64 ceid = read_sysreg(pmceid0_el0);
	u64 n;

	if (!PMCR_N(read_sysreg(pmcr_el0)))
		return report_skip("PMCR.N = 0: no event counters");
	report_info("PMCEID0_EL0=%#llx", (unsigned long long)ceid);
	if (ceid & BIT(EV_INST_RETIRED)) {
		n = count_event(EV_INST_RETIRED);
		report(n >= LOOPS && n < 100 * LOOPS,
		       "INST_RETIRED advertised: a %u-iteration loop retires "
		       ">= %u (%llu)",
		       LOOPS, LOOPS, (unsigned long long)n);
	} else {
		report_skip("INST_RETIRED not advertised in PMCEID0");
	}
	if (ceid & BIT(EV_CPU_CYCLES)) {
		n = count_event(EV_CPU_CYCLES);
		report(n > 0, "CPU_CYCLES advertised: counts (%llu)",
		       (unsigned long long)n);
	} else {
		report_skip("CPU_CYCLES not advertised in PMCEID0");
	}
}

#define PMU_BSA_INTID 23
#define DT_PPI 1
#define WAIT_MS 1000

/* Counter bits of PMOVS*, PMINTEN*, PMCNTEN*: C and the N event counters. */
static u64 counter_mask(void)
{
	return PMOVS_C | (BIT(PMCR_N(read_sysreg(pmcr_el0))) - 1);
}

/* Every counter stopped, no overflow, no interrupt enabled. */
static void pmu_quiesce(void)
{
	write_sysreg(0, pmcr_el0);
	write_sysreg(0xffffffff, pmcntenclr_el0);
	write_sysreg(0xffffffff, pmintenclr_el1);
	write_sysreg(0xffffffff, pmovsclr_el0);
	isb();
}

static unsigned int pmu_intid(void)
{
	int node = dt_find_compatible("arm,armv8-pmuv3");
	u32 type, num;

	if (node < 0) {
		report_info("no arm,armv8-pmuv3 node: INTID %u (BSA PMU PPI)",
			    PMU_BSA_INTID);
		return PMU_BSA_INTID;
	}
	if (dt_u32(node, "interrupts", 0, &type) ||
	    dt_u32(node, "interrupts", 1, &num))
		return 0;
	if (type != DT_PPI) {
		report_info("/pmu interrupt is not a PPI (type %u)", type);
		return 0;
	}
	report_info("/pmu interrupt: PPI %u, INTID %u", num, num + 16);
	return num + 16;
}

/* Waits up to MS ms for any of BITS in PMOVSSET_EL0; returns PMOVSSET_EL0. */
static u64 wait_overflow(u64 bits, unsigned int ms)
{
	u64 deadline = read_cntvct() + ms_to_ticks(ms);
	u64 ovs;

	do {
		isb();
		ovs = read_sysreg(pmovsset_el0);
	} while (!(ovs & bits) && read_cntvct() < deadline);
	return ovs;
}

static void pmovs_write_semantics(void)
{
	u64 mask = counter_mask();

	write_sysreg(~0ULL, pmovsset_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0), mask,
		  "PMOVSSET all ones: implemented counters' bits set, [30:N] "
		  "RAZ/WI and [63:32] RES0");
	report_eq(read_sysreg(pmovsclr_el0), mask,
		  "PMOVSCLR reads the same status");
	write_sysreg(0, pmovsclr_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0), mask,
		  "PMOVSCLR write of 0: nothing cleared");
	write_sysreg(PMOVS_C, pmovsclr_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0), mask & ~PMOVS_C,
		  "PMOVSCLR write of bit 31: only C cleared");
	write_sysreg(0, pmovsset_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0), mask & ~PMOVS_C,
		  "PMOVSSET write of 0: nothing set");
	write_sysreg(PMOVS_C, pmovsset_el0);
	write_sysreg(mask & ~PMOVS_C, pmovsclr_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0), PMOVS_C,
		  "PMOVSCLR write of the event counters' bits: only C left");
	write_sysreg(mask, pmovsclr_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0), 0, "PMOVSCLR write of all: clear");
}

/* Runs the cycle counter from START with PMCR_EL0.LC = LC until it overflows
 * or MS ms pass; returns PMOVSSET_EL0. PMINTENSET_EL1 stays as it is. */
static u64 run_cycle_counter(u64 start, bool lc, unsigned int ms)
{
	u64 ovs;

	write_sysreg(0, pmccfiltr_el0); /* count at EL0 and EL1 */
	write_sysreg(start, pmccntr_el0);
	write_sysreg(PMCNTEN_C, pmcntenset_el0);
	write_sysreg(PMCR_E | (lc ? PMCR_LC : 0), pmcr_el0);
	isb();
	ovs = wait_overflow(PMOVS_C, ms);
	/* Stopped by PMCNTENCLR: PMCR.E stays 1, as the interrupt needs. */
	write_sysreg(PMCNTEN_C, pmcntenclr_el0);
	isb();
	return ovs;
}

static void cycle_overflow(unsigned int intid)
{
	u64 ovs, cnt;

	/* 64-bit: from 2^64 - 2^16 (65536 cycles to go). */
	ovs = run_cycle_counter(-0x10000ULL, true, WAIT_MS);
	cnt = read_sysreg(pmccntr_el0);
	report_eq(ovs & PMOVS_C, PMOVS_C,
		  "PMCR.LC 1: PMCCNTR wraps past 2^64: PMOVSSET.C set");
	report(cnt < 0x100000000ULL,
	       "and PMCCNTR wrapped to a small value "
	       "(%#llx)",
	       (unsigned long long)cnt);
	report(!gic_irq_pending(intid),
	       "PMCR.E 1, PMINTENSET.C clear: INTID %u not pending", intid);
	write_sysreg(0, pmcr_el0);
	write_sysreg(PMOVS_C, pmovsclr_el0);
	isb();
	report_eq(read_sysreg(pmovsset_el0) & PMOVS_C, 0,
		  "PMOVSCLR write of bit 31 clears C");

	/* LC 1: passing 2^32 is not an overflow. */
	write_sysreg(PMCR_LC, pmcr_el0);
	isb();
	if (!(read_sysreg(pmcr_el0) & PMCR_LC)) {
		report_skip("PMCR.LC reads 0 after writing 1");
	} else {
		u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);

		write_sysreg(0, pmccfiltr_el0);
		write_sysreg(0xffff0000ULL, pmccntr_el0);
		write_sysreg(PMCNTEN_C, pmcntenset_el0);
		write_sysreg(PMCR_E | PMCR_LC, pmcr_el0);
		isb();
		do {
			isb();
			cnt = read_sysreg(pmccntr_el0);
		} while (cnt < 0x100010000ULL && read_cntvct() < deadline);
		write_sysreg(PMCR_LC, pmcr_el0);
		isb();
		if (report(cnt >= 0x100010000ULL,
			   "PMCR.LC 1: PMCCNTR counts past 2^32 (%#llx)",
			   (unsigned long long)cnt))
			report_eq(read_sysreg(pmovsset_el0) & PMOVS_C, 0,
				  "PMCR.LC 1: passing 2^32 is no overflow");
	}

	/* LC 0: overflow out of PMCCNTR[31:0] (RES1 without AArch32). */
	write_sysreg(0, pmcr_el0);
	isb();
	if (read_sysreg(pmcr_el0) & PMCR_LC) {
		report_skip("PMCR.LC is RES1 here (AArch32 not implemented): "
			    "no 32-bit cycle counter overflow");
		return;
	}
	ovs = run_cycle_counter(0xffff0000ULL, false, WAIT_MS);
	report_eq(ovs & PMOVS_C, PMOVS_C,
		  "PMCR.LC 0: PMCCNTR[31:0] wraps: PMOVSSET.C set");
	write_sysreg(PMOVS_C, pmovsclr_el0);
	isb();
}

/* Event counter 0 counts EVENT from START (PMEVTYPER0 filters 0: EL0, EL1). */
static void event_counter_start(unsigned int event, u64 start)
{
	write_sysreg(event, pmevtyper0_el0);
	write_sysreg(start, pmevcntr0_el0);
	write_sysreg(BIT(0), pmcntenset_el0);
	write_sysreg(PMCR_E, pmcr_el0);
	isb();
}

static void event_overflow(unsigned int intid)
{
	u64 ceid = read_sysreg(pmceid0_el0);
	u64 ovs, cnt;

	if (!(ceid & BIT(EV_SW_INCR))) {
		report_skip("SW_INCR not advertised in PMCEID0 (%#llx)",
			    (unsigned long long)ceid);
	} else {
		event_counter_start(EV_SW_INCR, 0xffffffff);
		write_sysreg(BIT(0), pmswinc_el0);
		isb();
		ovs = read_sysreg(pmovsset_el0);
		cnt = read_sysreg(pmevcntr0_el0);
		report_eq(
			cnt & 0xffffffff, 0,
			"SW_INCR from 0xffffffff: PMEVCNTR0[31:0] wraps to 0");
		report_eq(ovs & counter_mask(), BIT(0),
			  "and PMOVSSET bit 0 (only) is set");
		report(!gic_irq_pending(intid),
		       "PMCR.E 1, PMINTENSET bit 0 clear: INTID %u not pending",
		       intid);
		write_sysreg(0, pmcr_el0);
		isb();
		write_sysreg(BIT(0), pmovsclr_el0);
		isb();
		report_eq(read_sysreg(pmovsset_el0), 0,
			  "PMOVSCLR write of bit 0 clears it");
	}
	if (!(ceid & BIT(EV_CPU_CYCLES)))
		return report_skip("CPU_CYCLES not advertised in PMCEID0");
	event_counter_start(EV_CPU_CYCLES, 0xffff0000);
	ovs = wait_overflow(BIT(0), WAIT_MS);
	write_sysreg(0, pmcr_el0);
	isb();
	report_eq(ovs & counter_mask(), BIT(0),
		  "CPU_CYCLES from 0xffff0000: PMOVSSET bit 0 set within %u ms",
		  WAIT_MS);
	write_sysreg(BIT(0), pmovsclr_el0);
	write_sysreg(BIT(0), pmcntenclr_el0);
	isb();
}

static volatile u32 irq_intid;
static volatile u64 irq_ovs;
static volatile unsigned int irq_count;

static void pmu_irq(struct pt_regs *regs)
{
	u32 iar = gic_read_iar();

	if (gic_iar_irqnr(iar) == GIC_SPURIOUS)
		return;
	irq_intid = gic_iar_irqnr(iar);
	irq_ovs = read_sysreg(pmovsset_el0);
	/* A level: clear the overflow status before the end of interrupt. */
	write_sysreg(irq_ovs, pmovsclr_el0);
	isb();
	irq_count++;
	gic_write_eoir(iar);
}

/*
 * Enables the interrupt for the counters in BITS, calls START (which makes
 * one of them overflow) and waits WAIT_MS for the interrupt.
 */
static void overflow_irq(unsigned int intid, u64 bits, void (*start)(void),
			 const char *what)
{
	unsigned int cpu = smp_processor_id();
	u64 deadline;
	bool pending;

	irq_intid = GIC_SPURIOUS;
	irq_ovs = 0;
	irq_count = 0;
	arm64_set_handler(EL1H_IRQ, pmu_irq);
	gic_irq_enable(intid);
	write_sysreg(bits, pmintenset_el1);
	isb();
	local_irq_enable();
	start();
	deadline = read_cntvct() + ms_to_ticks(WAIT_MS);
	while (!irq_count && read_cntvct() < deadline)
		cpu_relax();
	local_irq_disable();
	/* PMCR.E and PMINTENSET still 1: only PMOVSCLR lowered the level. */
	pending = gic_irq_pending(intid);
	pmu_quiesce();
	gic_irq_disable(intid);
	arm64_set_handler(EL1H_IRQ, NULL);
	if (!report(irq_count,
		    "%s: PMU interrupt INTID %u taken on cpu %u "
		    "within %u ms",
		    what, intid, cpu, WAIT_MS))
		return;
	report_eq(irq_intid, intid, "%s: acknowledged INTID is the PMU's",
		  what);
	report_eq(irq_ovs & bits, bits, "%s: PMOVSSET shows the overflow",
		  what);
	report(!pending,
	       "%s: PMOVSCLR in the handler: INTID %u no longer pending", what,
	       intid);
}

static void start_cycle(void)
{
	write_sysreg(0, pmccfiltr_el0);
	write_sysreg(-0x10000ULL, pmccntr_el0);
	write_sysreg(PMCNTEN_C, pmcntenset_el0);
	write_sysreg(PMCR_E | PMCR_LC, pmcr_el0);
	isb();
}

static void start_sw_incr(void)
{
	event_counter_start(EV_SW_INCR, 0xffffffff);
	write_sysreg(BIT(0), pmswinc_el0);
	isb();
}

static void start_pmovsset(void)
{
	write_sysreg(PMCR_E, pmcr_el0);
	write_sysreg(PMOVS_C, pmovsset_el0);
	isb();
}

TEST_CASE(overflow, .features = CPU_FEATURES(PMUV3))
{
	unsigned int intid;
	bool events;

	events = PMCR_N(read_sysreg(pmcr_el0)) > 0;
	pmu_quiesce();
	report_prefix_push("PMOVS");
	pmovs_write_semantics();
	report_prefix_pop();
	if (!gic_version())
		return report_skip("no GIC in the device tree: overflow "
				   "interrupt not checked");
	intid = pmu_intid();
	if (!intid)
		return report_skip("/pmu has no usable PPI in the device tree");
	gic_irq_disable(intid);

	report_prefix_push("cycle counter");
	cycle_overflow(intid);
	pmu_quiesce();
	report_prefix_pop();
	report_prefix_push("event counter");
	if (events)
		event_overflow(intid);
	else
		report_skip("PMCR.N = 0: no event counters");
	pmu_quiesce();
	report_prefix_pop();

	report_prefix_push("interrupt");
	overflow_irq(intid, PMOVS_C, start_pmovsset,
		     "PMOVSSET.C written with PMINTENSET.C");
	overflow_irq(intid, PMOVS_C, start_cycle, "PMCCNTR 64-bit overflow");
	if (events && (read_sysreg(pmceid0_el0) & BIT(EV_SW_INCR)))
		overflow_irq(intid, BIT(0), start_sw_incr,
			     "event counter 0 SW_INCR overflow");
	report_prefix_pop();
}
