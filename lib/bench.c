// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench.c: the statistics and output of lib/bench.h. Percentiles are the
 * nearest-rank values of the sorted samples (sample ceil(q * n) - 1).
 */
#include <libtest.h>
#include <bench.h>

static u64 overhead;
static bool overhead_known;

/* Shell sort (gaps 3h+1): few instructions for a thousand samples. */
static void sort_u64(u64 *v, unsigned int n)
{
	unsigned int gap = 1;

	while (gap < n / 3)
		gap = 3 * gap + 1;
	for (; gap; gap /= 3) {
		for (unsigned int i = gap; i < n; i++) {
			u64 t = v[i];
			unsigned int j = i;

			for (; j >= gap && v[j - gap] > t; j -= gap)
				v[j] = v[j - gap];
			v[j] = t;
		}
	}
}

static u64 rank(const u64 *sorted, unsigned int n, unsigned int pct)
{
	unsigned int k = (pct * n + 99) / 100;

	return sorted[k ? k - 1 : 0];
}

static u64 net(u64 ticks)
{
	return ticks > overhead ? ticks - overhead : 0;
}

static u64 to_ns(u64 ticks)
{
	u64 khz = bench_clock_khz();

	return khz ? ticks * 1000000 / khz : 0;
}

/* Times N runs of OP into SAMPLES; returns how many went backwards. */
static unsigned int sample(bench_fn op, void *data, u64 *samples,
			   unsigned int *n)
{
	unsigned int backwards = 0, kept = 0;

	for (unsigned int i = 0; i < BENCH_WARMUP; i++)
		op(data);
	for (unsigned int i = 0; i < BENCH_ITERATIONS; i++) {
		u64 t0 = bench_clock(), t1;

		op(data);
		t1 = bench_clock();
		if (t1 < t0)
			backwards++;
		else
			samples[kept++] = t1 - t0;
	}
	*n = kept;
	return backwards;
}

static void nothing(void *data)
{
	asm volatile("" ::"r"(data) : "memory");
}

/* The median cost of timing an empty operation, measured once. */
static void measure_overhead(u64 *samples)
{
	unsigned int n;

	if (overhead_known)
		return;
	sample(nothing, NULL, samples, &n);
	sort_u64(samples, n);
	overhead = n ? rank(samples, n, 50) : 0;
	overhead_known = true;
}

void bench_report(const char *name, u64 *samples, unsigned int n,
		  unsigned int backwards)
{
	u64 p10, p50, p90, p99;

	sort_u64(samples, n);
	if (!n) {
		report(false,
		       "%s: the %s counter went backwards in every "
		       "sample",
		       name, bench_clock_name());
		return;
	}
	p10 = net(rank(samples, n, 10));
	p50 = net(rank(samples, n, 50));
	p90 = net(rank(samples, n, 90));
	p99 = net(rank(samples, n, 99));
	report_info("bench %s: median %llu ticks (%llu ns), p10 %llu, p90 "
		    "%llu, p99 %llu ticks of %s, %u samples",
		    name, (unsigned long long)p50,
		    (unsigned long long)to_ns(p50), (unsigned long long)p10,
		    (unsigned long long)p90, (unsigned long long)p99,
		    bench_clock_name(), n);
	report_eq(backwards, 0,
		  "%s: %u samples, the %s counter never went "
		  "backwards",
		  name, n + backwards, bench_clock_name());
	printf("      ---\n"
	       "      bench:\n"
	       "        name: %s\n"
	       "        clock: %s\n"
	       "        clock_khz: %llu\n"
	       "        samples: %u\n"
	       "        warmup: %u\n"
	       "        overhead: %llu\n"
	       "        min: %llu\n"
	       "        p10: %llu\n"
	       "        median: %llu\n"
	       "        p90: %llu\n"
	       "        p99: %llu\n"
	       "        max: %llu\n"
	       "        median_ns: %llu\n"
	       "        p10_ns: %llu\n"
	       "        p90_ns: %llu\n"
	       "        p99_ns: %llu\n"
	       "      ...\n",
	       name, bench_clock_name(), (unsigned long long)bench_clock_khz(),
	       n, BENCH_WARMUP, (unsigned long long)overhead,
	       (unsigned long long)net(samples[0]), (unsigned long long)p10,
	       (unsigned long long)p50, (unsigned long long)p90,
	       (unsigned long long)p99, (unsigned long long)net(samples[n - 1]),
	       (unsigned long long)to_ns(p50), (unsigned long long)to_ns(p10),
	       (unsigned long long)to_ns(p90), (unsigned long long)to_ns(p99));
}

void bench_run(const char *name, bench_fn op, void *data)
{
	u64 *samples = malloc(BENCH_ITERATIONS * sizeof(*samples));
	unsigned int n, backwards;

	assert(samples);
	measure_overhead(samples);
	backwards = sample(op, data, samples, &n);
	bench_report(name, samples, n, backwards);
	free(samples);
}
