// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsc.c: TSC rate from PIT channel 2 (see tsc.h). Channel 2 is the one
 * whose gate software controls (port 0x61 bit 0) and whose output it can
 * read (port 0x61 bit 5) without an interrupt.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/tsc.h>

#define PIT_HZ 1193182
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20
#define CALIBRATE_MS 10
#define POLL_LIMIT 10000000

static u64 khz;

static u64 measure(void)
{
	u16 count = PIT_HZ / (1000 / CALIBRATE_MS);
	u64 t0, t1;
	long i;

	outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	outb(PIT_MODE, 0xb0); /* channel 2, lobyte/hibyte, mode 0, binary */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8); /* OUT2 goes low, counting starts */
	t0 = rdtsc();
	for (i = 0; i < POLL_LIMIT && !(inb(PORT_B) & PORT_B_OUT2); i++)
		;
	t1 = rdtsc();
	if (i == POLL_LIMIT)
		test_crash(
			"PIT channel 2 output never rose: no TSC calibration");
	return (t1 - t0) / CALIBRATE_MS;
}

u64 tsc_khz(void)
{
	u64 k = __atomic_load_n(&khz, __ATOMIC_RELAXED);

	if (!k) {
		k = measure();
		__atomic_store_n(&khz, k, __ATOMIC_RELAXED);
	}
	return k;
}

void udelay(u64 us)
{
	u64 end = rdtsc() + us_to_tsc(us);

	while (rdtsc() < end)
		cpu_relax();
}
