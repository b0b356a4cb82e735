/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tsc.h: time for bounded waits. The TSC rate is measured once against
 * channel 2 of the 8254 PIT (Intel 8254 data sheet: mode 0 "interrupt on
 * terminal count", 1.193182 MHz input; port 0x61 bit 0 gates channel 2,
 * bit 5 reads its output), then the TSC (Intel SDM vol. 3B 18.17) counts
 * microseconds.
 */
#ifndef HV_X86_TSC_H
#define HV_X86_TSC_H

#include <types.h>
#include <x86/processor.h>

/* TSC ticks per millisecond (measured on first use, about 10 ms). */
u64 tsc_khz(void);

static inline u64 us_to_tsc(u64 us)
{
	return us * tsc_khz() / 1000;
}

static inline u64 tsc_to_us(u64 ticks)
{
	return ticks * 1000 / tsc_khz();
}

void udelay(u64 us);

/*
 * Evaluates COND until it is true or US microseconds have passed; the
 * value is COND's last value. For waits that must never hang.
 */
#define wait_until(cond, us)                                \
	({                                                  \
		u64 __end = rdtsc() + us_to_tsc(us);        \
		bool __ok;                                  \
		while (!(__ok = (cond)) && rdtsc() < __end) \
			cpu_relax();                        \
		__ok;                                       \
	})

#endif
