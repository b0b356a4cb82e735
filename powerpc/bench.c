// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: round-trip cost of an hcall for a ppc64 pseries guest, in time
 * base ticks (lib/bench.h; docs/performance.md): an hcall with a token
 * PAPR does not define (the hypervisor's dispatch and an error return;
 * the code is printed), H_SET_MODE setting the interrupt endianness the
 * guest already runs with (LoPAPR 1.1 14.5.4.3.12, resource 4), and
 * H_CEDE (LoPAPR 1.1, the Shared Processor LPAR hcalls: the processor
 * waits, MSR[EE] set, until an interrupt) woken by the decrementer (Power ISA 3.0B Book III
 * 6.5.11: an exception exists while DEC bit 0 is 1).
 * A benchmark never fails on a figure.
 */
#include <libtest.h>
#include <bench.h>
#include <powerpc/exceptions.h>
#include <powerpc/hcall.h>
#include <powerpc/processor.h>

#define H_UNDEFINED_TOKEN 0x3fc /* a multiple of 4 PAPR leaves undefined */
#define H_CEDE 0xe0
#define SPR_DEC 22
#define DEC_FAR 0x7fffffffUL /* positive: no decrementer exception */

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

static volatile unsigned int decs;

static void dec_handler(struct pt_regs *regs)
{
	mtspr(SPR_DEC, DEC_FAR);
	decs++;
}

/* Arms the decrementer one tick ahead and cedes until it fires. */
static void op_cede(void *data)
{
	unsigned int before = decs;

	mtspr(SPR_DEC, 1);
	while (decs == before)
		hcall(H_CEDE, 0, 0, 0, 0);
	/* mtmsrd L=1 sets EE and RI only: EE off again, RI on. */
	asm volatile("mtmsrd %0, 1" : : "r"((u64)MSR_RI) : "memory");
}

TEST_CASE(cede_decrementer)
{
	exception_handler_t old = ppc_set_handler(VEC_DECREMENTER, dec_handler);
	unsigned int before = decs;

	op_cede(NULL);
	if (report_eq(decs - before, 1,
		      "H_CEDE returns after one decrementer interrupt"))
		bench_run("cede_decrementer_wakeup", op_cede, NULL);
	mtspr(SPR_DEC, DEC_FAR);
	ppc_set_handler(VEC_DECREMENTER, old);
}
