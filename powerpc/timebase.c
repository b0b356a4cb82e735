// SPDX-License-Identifier: GPL-2.0-only
/*
 * timebase: the time base and decrementer of a pseries guest (Power ISA
 * v3.0B Book II 5.2 and Book III 6.2-6.5). The time base never goes back
 * and TBU is its upper half; a partition cannot write it (TBL/TBU for
 * writing are hypervisor SPRs, 6.2.1); it counts at the device tree's
 * timebase-frequency (LoPAPR 1.1 C.6.1.1), checked against RTAS
 * get-time-of-day seconds; the decrementer counts down at the same rate
 * (6.5) and a one-shot decrementer interrupt comes no earlier than the
 * value written (7.5.11).
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/fault.h>
#include <powerpc/rtas.h>

#define DEC_FAR 0x7fffffffULL
#define S64_MAX_VALUE 0x7fffffffffffffffLL

static u32 tb_freq(void)
{
	int cpus = fdt_path_offset(dt_fdt(), "/cpus");
	int cpu = cpus < 0 ? cpus : fdt_first_subnode(dt_fdt(), cpus);
	u32 f = 0;

	if (cpu < 0 || dt_u32(cpu, "timebase-frequency", 0, &f))
		return 0;
	return f;
}

TEST_CASE(monotonic)
{
	u64 prev = mftb(), backwards = 0, upper_bad = 0;

	for (int i = 0; i < 100000; i++) {
		u64 t = mftb();

		backwards += t < prev;
		prev = t;
	}
	for (int i = 0; i < 1000; i++) {
		u64 lo = mftb(), hi = mfspr(SPR_TBU), lo2 = mftb();

		upper_bad += hi != lo >> 32 && hi != lo2 >> 32;
	}
	report_eq(backwards, 0, "100000 reads never go back");
	report_eq(upper_bad, 0, "TBU is the upper half of the time base");
}

/* 6.2.1: TBL and TBU for writing (284, 285) are hypervisor resources. */
TEST_CASE(not_writable)
{
	u64 before = mftb(), after;
	struct fault f;
	char buf[80];

	f = fault_probe("mtspr %1, %0", : : "r"(0ULL), "i"(SPR_TBL_W));
	after = mftb();
	report(!f.raised || fault_equal(f, FAULT_PROGRAM(SRR1_PROG_PRIV)),
	       "mtspr TBL: no-op or privileged (%s)",
	       fault_str(f, buf, sizeof(buf)));
	report(after >= before, "the time base did not go back (%#llx, %#llx)",
	       (unsigned long long)before, (unsigned long long)after);
}

static int tod_second(u32 tok)
{
	u32 v[7];

	if (rtas_call(tok, 0, NULL, 8, v))
		return -1;
	return (int)v[5];
}

/* The time base advances timebase-frequency ticks per RTAS second. */
TEST_CASE(frequency)
{
	u32 tok = rtas_token("get-time-of-day");
	u32 freq = tb_freq();
	u64 t0 = 0, t1 = 0, start = mftb();
	int s0, s;

	report(freq != 0, "timebase-frequency %u Hz in the device tree", freq);
	if (!freq || tok == RTAS_UNKNOWN_TOKEN)
		return report_skip("no timebase-frequency or get-time-of-day");
	s0 = tod_second(tok);
	while ((s = tod_second(tok)) == s0 && mftb() - start < 4ULL * freq)
		;
	t0 = mftb();
	s0 = s;
	while ((s = tod_second(tok)) == s0 && mftb() - start < 4ULL * freq)
		;
	t1 = mftb();
	report(t1 - t0 > freq / 10 * 9 && t1 - t0 < freq / 10 * 11,
	       "one RTAS second is %llu ticks (timebase-frequency %u, +-10%%)",
	       (unsigned long long)(t1 - t0), freq);
}

/*
 * 6.5: DEC decrements at the time base frequency. Each round reads DEC,
 * TB, TB, DEC, so DEC's fall is at least the TB interval; by how much it
 * exceeds it depends on what runs between the reads (a host may preempt
 * the vCPU there), so the smallest excess of 10 rounds is bounded.
 */
TEST_CASE(dec_rate)
{
	u64 msr = mfmsr();
	s64 least_excess = S64_MAX_VALUE;
	unsigned int short_rounds = 0;

	mtmsrd(msr & ~MSR_EE);
	for (int i = 0; i < 10; i++) {
		s64 d0, d1, excess;
		u64 t0, t1;

		mtspr(SPR_DEC, DEC_FAR);
		d0 = (s32)mfspr(SPR_DEC);
		t0 = mftb();
		while (mftb() - t0 < 500000)
			cpu_relax();
		t1 = mftb();
		d1 = (s32)mfspr(SPR_DEC);
		excess = (d0 - d1) - (s64)(t1 - t0);
		short_rounds += excess < 0;
		least_excess = MIN(least_excess, excess);
	}
	mtspr(SPR_DEC, DEC_FAR);
	mtmsrd(msr);
	report_eq(short_rounds, 0,
		  "DEC never falls less than the time base ticks between");
	report(least_excess < 50000,
	       "and in the best of 10 rounds no more than 50000 ticks more "
	       "(%lld)",
	       (long long)least_excess);
}

static volatile u64 dec_tb;
static volatile unsigned int dec_hits;

static void dec_handler(struct pt_regs *regs)
{
	dec_tb = mftb();
	dec_hits++;
	mtspr(SPR_DEC, DEC_FAR);
}

/* 6.5, 7.5.11: an interrupt N + 1 ticks after DEC = N, not before. */
TEST_CASE(dec_oneshot)
{
	exception_handler_t old = ppc_set_handler(VEC_DECREMENTER, dec_handler);
	u32 freq = tb_freq() ? tb_freq() : 512000000;
	u64 n = freq / 1000, msr = mfmsr(), t0;

	dec_hits = 0;
	mtmsrd(msr & ~MSR_EE);
	t0 = mftb();
	mtspr(SPR_DEC, n);
	mtmsrd(msr | MSR_EE);
	while (!dec_hits && mftb() - t0 < 4ULL * freq)
		cpu_relax();
	mtmsrd(msr);
	mtspr(SPR_DEC, DEC_FAR);
	ppc_set_handler(VEC_DECREMENTER, old);
	report_eq(dec_hits, 1, "one decrementer interrupt for DEC = %llu",
		  (unsigned long long)n);
	report(dec_tb - t0 >= n, "not before %llu ticks (after %llu)",
	       (unsigned long long)n, (unsigned long long)(dec_tb - t0));
	report(dec_tb - t0 < n + freq / 2,
	       "within half a second of its time (after %llu ticks)",
	       (unsigned long long)(dec_tb - t0));
}
