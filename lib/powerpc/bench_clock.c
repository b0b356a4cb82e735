// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_clock.c: the ppc64 counter of lib/bench.h, the time base (Power
 * ISA 3.0B Book II 5.2, read with mftb after isync), at the rate of the
 * first CPU node's timebase-frequency property (LoPAR C.6.2.1; 512 MHz
 * on QEMU's pseries).
 */
#include <libtest.h>
#include <bench.h>
#include <libfdt.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>

u64 bench_clock(void)
{
	asm volatile("isync" ::: "memory");
	return mftb();
}

u64 bench_clock_khz(void)
{
	static u32 hz;
	int node;

	if (!hz) {
		node = fdt_node_offset_by_prop_value(
			dt_fdt(), -1, "device_type", "cpu", sizeof("cpu"));
		if (node < 0 || dt_u32(node, "timebase-frequency", 0, &hz))
			return 0;
	}
	return hz / 1000;
}

const char *bench_clock_name(void)
{
	return "timebase";
}
