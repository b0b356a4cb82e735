// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmu: the performance monitor of a pseries guest (Power ISA v3.0B Book
 * III chapter 9). PMC5 counts instructions completed and PMC6 cycles
 * (9.4.1) while MMCR0[FC], [FC56] and the state's freeze bit (FCS in
 * supervisor, FCP in problem state; 9.4.4) are 0; a PMC going negative
 * with MMCR0[PMCjCE] and [PMAE] set raises a performance monitor
 * interrupt (7.5.13) once MSR[EE] = 1, sets MMCR0[PMAO] and clears
 * [PMAE], and with [FCECE] freezes the counters (9.4.4).
 */
#include <libtest.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/usermode.h>

#define SPR_CTRL_W 152
#define SPR_PMC5 791
#define SPR_PMC6 792
#define SPR_MMCR0 795
#define CTRL_RUN BIT(0)

/* MMCR0 bits (9.4.4), big-endian bit numbers of the 64-bit register. */
#define MMCR0_FC BIT(31) /* 32 */
#define MMCR0_FCS BIT(30) /* 33 */
#define MMCR0_FCP BIT(29) /* 34 */
#define MMCR0_PMAE BIT(26) /* 37 */
#define MMCR0_FCECE BIT(25) /* 38 */
#define MMCR0_PMCJCE BIT(14) /* 49 */
#define MMCR0_PMAO BIT(7) /* 56 */
#define MMCR0_FC56 BIT(4) /* 59 */

#define LOOPS 2000

static u64 saved_mmcr0, saved_msr;

static bool pmu_enter(void)
{
	u64 pvr = mfspr(SPR_PVR);

	if (PVR_VER(pvr) < PVR_POWER8E) {
		report_skip("MMCR0/PMC5-6 as in ISA 2.07 need POWER8 or later "
			    "(PVR %#llx)",
			    (unsigned long long)pvr);
		return false;
	}
	saved_msr = mfmsr();
	saved_mmcr0 = mfspr(SPR_MMCR0);
	mtspr(SPR_MMCR0, MMCR0_FC);
	mtspr(SPR_CTRL_W, CTRL_RUN);
	mtspr(SPR_PMC5, 0);
	mtspr(SPR_PMC6, 0);
	return true;
}

static void pmu_leave(void)
{
	mtspr(SPR_MMCR0, saved_mmcr0 | MMCR0_FC);
	mtmsrd(saved_msr);
}

TEST_FIXTURE(pmu, pmu_enter, pmu_leave);

static u64 spin(u64 n)
{
	for (u64 i = 0; i < n; i++)
		asm volatile("nop" ::: "memory");
	return n;
}

/* Counts a loop with MMCR0 = MMCR0_VAL; PMC5 and PMC6 after. */
static void count(u64 mmcr0, u64 *pmc5, u64 *pmc6)
{
	mtspr(SPR_PMC5, 0);
	mtspr(SPR_PMC6, 0);
	mtspr(SPR_MMCR0, mmcr0);
	spin(LOOPS);
	mtspr(SPR_MMCR0, MMCR0_FC);
	*pmc5 = mfspr(SPR_PMC5);
	*pmc6 = mfspr(SPR_PMC6);
}

TEST_CASE(counting, .fixture = &pmu)
{
	u64 i, c;

	count(0, &i, &c);
	report(i >= LOOPS && i < 100 * LOOPS,
	       "PMC5 counts the loop's instructions (%llu for %d iterations)",
	       (unsigned long long)i, LOOPS);
	report(c > 0, "PMC6 counts cycles (%llu)", (unsigned long long)c);
}

TEST_CASE(freeze, .fixture = &pmu)
{
	u64 i, c;

	count(MMCR0_FC, &i, &c);
	report_eq(i, 0, "MMCR0[FC]: PMC5 frozen");
	report_eq(c, 0, "MMCR0[FC]: PMC6 frozen");
	count(MMCR0_FC56, &i, &c);
	report_eq(i, 0, "MMCR0[FC56]: PMC5 frozen");
	report_eq(c, 0, "MMCR0[FC56]: PMC6 frozen");
	count(MMCR0_FCS, &i, &c);
	report_eq(i, 0, "MMCR0[FCS] in supervisor state: PMC5 frozen");
	count(MMCR0_FCP, &i, &c);
	report(i >= LOOPS, "MMCR0[FCP] in supervisor state: PMC5 counts (%llu)",
	       (unsigned long long)i);
}

static u64 user_spin(u64 n)
{
	return spin(n);
}

/* Problem state: FCP freezes, FCS does not. */
TEST_CASE(problem_state, .fixture = &pmu)
{
	const char *why;
	bool ok;
	u64 fcp, fcs;

	/* The first call sets up the page table: not part of the count. */
	ppc_user_call(user_spin, 1, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	mtspr(SPR_PMC5, 0);
	mtspr(SPR_MMCR0, MMCR0_FCP);
	ppc_user_call(user_spin, LOOPS, &ok, &why);
	mtspr(SPR_MMCR0, MMCR0_FC);
	fcp = mfspr(SPR_PMC5);
	mtspr(SPR_PMC5, 0);
	mtspr(SPR_MMCR0, MMCR0_FCS);
	ppc_user_call(user_spin, LOOPS, &ok, &why);
	mtspr(SPR_MMCR0, MMCR0_FC);
	fcs = mfspr(SPR_PMC5);
	report(fcs >= LOOPS,
	       "MMCR0[FCS]: problem-state instructions counted (%llu)",
	       (unsigned long long)fcs);
	report(fcp < LOOPS,
	       "MMCR0[FCP]: problem-state loop not counted (%llu, only the "
	       "supervisor part of the call)",
	       (unsigned long long)fcp);
}

static volatile unsigned int pm_hits;
static volatile u64 pm_mmcr0;

static void perfmon_handler(struct pt_regs *regs)
{
	pm_mmcr0 = mfspr(SPR_MMCR0);
	pm_hits++;
	mtspr(SPR_MMCR0, MMCR0_FC);
}

TEST_CASE(overflow, .fixture = &pmu)
{
	exception_handler_t old = ppc_set_handler(VEC_PERFMON, perfmon_handler);
	u64 msr = mfmsr();

	pm_hits = 0;
	mtspr(SPR_PMC5, 0x80000000ULL - 500);
	mtspr(SPR_MMCR0, MMCR0_PMAE | MMCR0_PMCJCE | MMCR0_FCECE);
	mtmsrd(msr | MSR_EE);
	spin(LOOPS);
	mtmsrd(msr);
	mtspr(SPR_MMCR0, MMCR0_FC);
	ppc_set_handler(VEC_PERFMON, old);
	report_eq(pm_hits, 1,
		  "PMC5 going negative: one performance monitor interrupt");
	report_eq(pm_mmcr0 & (MMCR0_PMAO | MMCR0_PMAE | MMCR0_FC),
		  MMCR0_PMAO | MMCR0_FC,
		  "MMCR0: PMAO set, PMAE cleared, FC set (FCECE)");
}
