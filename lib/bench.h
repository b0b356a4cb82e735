/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench.h: timing of short guest operations (docs/performance.md). An
 * operation runs BENCH_WARMUP times untimed, then BENCH_ITERATIONS times,
 * each run timed alone by the arch's free-running counter; the figures
 * are the median, p10, p90 and p99 of the samples, less the counter's own
 * cost (the median of timing an empty operation). A benchmark never fails
 * on a figure: its one check is that the counter never went backwards.
 * Output: a "# bench" comment, one test point and a YAML block
 * (docs/output-protocol.md) that the runner collects (--bench-json).
 */
#ifndef HV_BENCH_H
#define HV_BENCH_H

#include <types.h>

#define BENCH_ITERATIONS 1000
#define BENCH_WARMUP 100

typedef void (*bench_fn)(void *data);

/* Times OP(DATA) and reports it as NAME (a [a-z0-9_]+ word). */
void bench_run(const char *name, bench_fn op, void *data);

/*
 * Reports N samples (counter ticks) timed by the caller, for operations
 * that cannot be timed as one call (a round trip between CPUs); SAMPLES
 * is sorted in place. BACKWARDS counts samples whose end came before
 * their start (left out of SAMPLES).
 */
void bench_report(const char *name, u64 *samples, unsigned int n,
		  unsigned int backwards);

/* Per arch: the counter, its rate and its name (lib/<arch>/bench_clock.c). */
u64 bench_clock(void);
u64 bench_clock_khz(void);
const char *bench_clock_name(void);

#endif
