// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsc.c: the time-stamp counter across migration. Intel SDM vol. 3B
 * 18.17: the TSC increments monotonically (and, with the invariant TSC,
 * at a constant rate); 18.17.3 IA32_TSC_ADJUST tracks writes to the TSC;
 * vol. 4 table 2-2 and vol. 2B RDTSCP: IA32_TSC_AUX holds the value
 * RDTSCP returns in ECX. A migrated VM is the same machine, so none of
 * these may jump back, change rate or lose a value.
 */
#include "migration.h"
#include <x86/processor.h>
#include <x86/msr.h>
#include <x86/tsc.h>

#define RATE_SAMPLES 5
/* The rate measured against the PIT, before and after, may differ this much. */
#define RATE_TOLERANCE_PCT 5
/* A migration pauses the VM for milliseconds; a jump by this is a defect. */
#define MAX_JUMP_S 60

static u64 median_khz(void)
{
	u64 s[RATE_SAMPLES];

	for (int i = 0; i < RATE_SAMPLES; i++) {
		u64 v = tsc_khz_measure();
		int j = i;

		for (; j > 0 && s[j - 1] > v; j--)
			s[j] = s[j - 1];
		s[j] = v;
	}
	return s[RATE_SAMPLES / 2];
}

TEST_CASE(monotonic_and_rate)
{
	u64 before_khz = median_khz(), after_khz, t0, t1, diff;

	t0 = rdtsc();
	if (!migrate_or_skip())
		return;
	t1 = rdtsc();
	report(t1 > t0, "TSC after migration (%#lx) is above the TSC before "
			"(%#lx) (SDM vol. 3B 18.17)", t1, t0);
	report(t1 - t0 < before_khz * 1000 * MAX_JUMP_S,
	       "TSC advanced %lu ms across the migration (< %d s)",
	       (t1 - t0) / before_khz, MAX_JUMP_S);
	after_khz = median_khz();
	diff = after_khz > before_khz ? after_khz - before_khz :
					before_khz - after_khz;
	report_info("TSC rate %lu kHz before, %lu kHz after", before_khz,
		    after_khz);
	report(diff * 100 <= before_khz * RATE_TOLERANCE_PCT,
	       "TSC rate after migration within %d%% of the rate before",
	       RATE_TOLERANCE_PCT);
}

TEST_CASE(tsc_adjust, .features = CPU_FEATURES(X86_FEATURE_TSC_ADJUST))
{
	u64 old = rdmsr(MSR_IA32_TSC_ADJUST), want = old + 0x100000;

	wrmsr(MSR_IA32_TSC_ADJUST, want);
	if (migrate_or_skip())
		report_eq(rdmsr(MSR_IA32_TSC_ADJUST), want,
			  "IA32_TSC_ADJUST keeps the value written (18.17.3)");
	wrmsr(MSR_IA32_TSC_ADJUST, old);
}

TEST_CASE(tsc_aux_rdtscp, .features = CPU_FEATURES(X86_FEATURE_RDTSCP))
{
	u64 old = rdmsr(MSR_TSC_AUX);
	u32 aux;

	wrmsr(MSR_TSC_AUX, 0x1234);
	if (migrate_or_skip()) {
		asm volatile("rdtscp" : "=c"(aux) : : "rax", "rdx");
		report_eq(aux, 0x1234,
			  "RDTSCP returns IA32_TSC_AUX written before migration");
	}
	wrmsr(MSR_TSC_AUX, old);
}
