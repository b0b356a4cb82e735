// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: round-trip cost of an hcall for a ppc64 pseries guest, in time
 * base ticks (lib/bench.h; docs/performance.md): an hcall with a token
 * PAPR does not define (the hypervisor's dispatch and an error return;
 * the code is printed), and H_SET_MODE setting the interrupt endianness
 * the guest already runs with (LoPAPR 1.1 14.5.4.3.12, resource 4).
 * A benchmark never fails on a figure.
 */
#include <libtest.h>
#include <bench.h>
#include <powerpc/hcall.h>

#define H_UNDEFINED_TOKEN 0x3fc /* a multiple of 4 PAPR leaves undefined */

static void op_null_hcall(void *data)
{
	hcall(H_UNDEFINED_TOKEN, 0, 0, 0, 0);
}

TEST_CASE(null_hcall)
{
	report_info("hcall %#x returns %ld", H_UNDEFINED_TOKEN,
		    hcall(H_UNDEFINED_TOKEN, 0, 0, 0, 0));
	bench_run("hcall_undefined", op_null_hcall, NULL);
}

static void op_set_mode(void *data)
{
	hcall(H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE, H_SET_MODE_RESOURCE_LE, 0,
	      0);
}

TEST_CASE(set_mode)
{
	if (!report_eq(hcall(H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE,
			     H_SET_MODE_RESOURCE_LE, 0, 0),
		       H_SUCCESS, "H_SET_MODE little-endian interrupts"))
		return;
	bench_run("hcall_set_mode_le", op_set_mode, NULL);
}
