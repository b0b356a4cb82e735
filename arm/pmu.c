/*
 * pmu: the PMUv3 as advertised (Arm ARM D11 "The Performance Monitors
 * Extension": D13.2.28 ID_AA64DFR0_EL1.PMUVer, D13.11 PMCR_EL0 (N, E, C,
 * P), PMCCNTR_EL0 and PMCCFILTR_EL0, PMCNTENSET_EL0, PMCEID0_EL0 common
 * events, PMEVTYPER<n>_EL0/PMEVCNTR<n>_EL0 via PMSELR_EL0/PMXEV*; event
 * numbers from D11.11 "PMU events": 0x08 INST_RETIRED, 0x11 CPU_CYCLES).
 * Without a PMU every case is skipped with the reason.
 */
#include <libtest.h>
#include <arm64/processor.h>

#define PMCR_E BIT(0)
#define PMCR_P BIT(1)
#define PMCR_C BIT(2)
#define PMCR_LC BIT(6)
#define PMCR_N(v) (((v) >> 11) & 0x1f)
#define PMCNTEN_C BIT(31)
#define EV_INST_RETIRED 0x08
#define EV_CPU_CYCLES 0x11
#define LOOPS 10000

static bool have_pmu(void)
{
	unsigned int ver = id_field(read_sysreg(id_aa64dfr0_el1), 8);

	if (ver == 0 || ver == 0xf) {
		report_skip("no PMUv3: ID_AA64DFR0_EL1.PMUVer = %#x", ver);
		return false;
	}
	return true;
}

static void loop(void)
{
	for (unsigned int i = 0; i < LOOPS; i++)
		asm volatile("nop");
}

TEST_CASE(pmcr)
{
	u64 pmcr;

	if (!have_pmu())
		return;
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

TEST_CASE(cycle_counter)
{
	u64 before, after;

	if (!have_pmu())
		return;
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

TEST_CASE(event_counters)
{
	u64 ceid = read_sysreg(pmceid0_el0);
	u64 n;

	if (!have_pmu())
		return;
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
