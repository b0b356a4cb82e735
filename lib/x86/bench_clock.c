// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_clock.c: the x86 counter of lib/bench.h, the TSC (Intel SDM vol.
 * 3B 18.17), read after LFENCE so that earlier instructions have
 * completed (SDM vol. 2B RDTSC), at the rate tsc.c measures.
 */
#include <libtest.h>
#include <bench.h>
#include <x86/processor.h>
#include <x86/tsc.h>

u64 bench_clock(void)
{
	asm volatile("lfence" ::: "memory");
	return rdtsc();
}

u64 bench_clock_khz(void)
{
	return tsc_khz();
}

const char *bench_clock_name(void)
{
	return "tsc";
}
