// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_clock.c: the s390x counter of lib/bench.h, the TOD clock read by
 * STORE CLOCK (z/Architecture Principles of Operation, SA22-7832-12,
 * 4-37 "TOD Clock": bit 51 steps once a microsecond, so 4096 units a
 * microsecond).
 */
#include <libtest.h>
#include <bench.h>
#include <s390x/processor.h>

u64 bench_clock(void)
{
	return stck();
}

u64 bench_clock_khz(void)
{
	return TOD_PER_USEC * 1000;
}

const char *bench_clock_name(void)
{
	return "tod";
}
