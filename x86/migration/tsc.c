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
#include <x86/apic.h>

/* TSC ticks per APIC timer tick, before and after, may differ this much. */
#define RATE_TOLERANCE_PCT 2
#define RATE_WINDOW_US 200000
/* A migration pauses the VM for milliseconds; a jump by this is a defect. */
#define MAX_JUMP_S 60

/*
 * One (TSC, APIC timer current count) pair read close together: a pair
 * whose two TSC reads are more than 50 us apart (the vCPU was preempted)
 * is read again.
 */
static bool clock_pair(u64 *tsc, u32 *count)
{
	for (int i = 0; i < 100; i++) {
		u64 a = rdtsc();
		u32 c = apic_read(APIC_TMCCT);
		u64 b = rdtsc();

		if (b - a < us_to_tsc(50)) {
			*tsc = a + (b - a) / 2;
			*count = c;
			return true;
		}
	}
	return false;
}

/*
 * The TSC rate as TSC ticks per 1000 APIC timer ticks (divide by 1, masked
 * one-shot) over RATE_WINDOW_US: both count a fixed clock (SDM vol. 3A
 * 11.5.4, vol. 3B 18.17), so the ratio is the same machine's before and
 * after a migration. 0 when no close pair could be read.
 */
static u64 tsc_per_ktick(void)
{
	u64 t0, t1;
	u32 c0, c1;
	bool ok;

	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	apic_write(APIC_TDCR, 0xb);
	apic_write(APIC_TMICT, 0xffffffff);
	ok = clock_pair(&t0, &c0);
	udelay(RATE_WINDOW_US);
	ok = ok && clock_pair(&t1, &c1);
	apic_write(APIC_TMICT, 0);
	if (!ok || c0 <= c1)
		return 0;
	return (t1 - t0) * 1000 / (c0 - c1);
}

TEST_CASE(monotonic_and_rate, .features = CPU_FEATURES(X86_FEATURE_APIC))
{
	u64 before, after, t0, t1, diff;

	apic_init_cpu();
	before = tsc_per_ktick();
	if (!before)
		return report_skip(
			"the vCPU was preempted at every clock read");
	t0 = rdtsc();
	if (!migrate_or_skip())
		return;
	t1 = rdtsc();
	report(t1 > t0,
	       "TSC after migration (%#lx) is above the TSC before "
	       "(%#lx) (SDM vol. 3B 18.17)",
	       t1, t0);
	report(t1 - t0 < tsc_khz() * 1000 * MAX_JUMP_S,
	       "TSC advanced %lu ms across the migration (< %d s)",
	       (t1 - t0) / tsc_khz(), MAX_JUMP_S);
	after = tsc_per_ktick();
	diff = after > before ? after - before : before - after;
	report_info(
		"TSC ticks per 1000 APIC timer ticks: %lu before, %lu after",
		before, after);
	report(after && diff * 100 <= before * RATE_TOLERANCE_PCT,
	       "TSC rate (against the APIC timer) after migration within %d%% "
	       "of the rate before",
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
		report_eq(
			aux, 0x1234,
			"RDTSCP returns IA32_TSC_AUX written before migration");
	}
	wrmsr(MSR_TSC_AUX, old);
}
