// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_clock.c: the arm64 counter of lib/bench.h, the virtual count
 * CNTVCT_EL0 read after an ISB (Arm ARM DDI 0487 D11.2: reads of the
 * counter may occur out of order without it), at the rate CNTFRQ_EL0
 * gives.
 */
#include <libtest.h>
#include <bench.h>
#include <arm64/processor.h>
#include <arm64/timer.h>

u64 bench_clock(void)
{
	asm volatile("isb" ::: "memory");
	return read_cntvct();
}

u64 bench_clock_khz(void)
{
	return timer_freq() / 1000;
}

const char *bench_clock_name(void)
{
	return "cntvct";
}
