// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: round-trip cost of operations a hypervisor intercepts for an
 * s390x guest, in TOD clock units (lib/bench.h; docs/performance.md):
 * DIAGNOSE 0x44, the voluntary time-slice end (z/VM CP Programming
 * Services, DIAGNOSE code X'44'; intercepted by KVM and QEMU), and SIGNAL
 * PROCESSOR SENSE to the CPU itself (Principles of Operation SA22-7832-12
 * 4-78 "Sense": condition code 0 or 1 for an operating CPU). A benchmark
 * never fails on a figure.
 */
#include <libtest.h>
#include <bench.h>
#include <s390x/processor.h>
#include <s390x/sigp.h>

static void op_diag44(void *data)
{
	asm volatile("diag 0,0,0x44" ::: "memory");
}

TEST_CASE(diag44)
{
	bench_run("diag_0x44", op_diag44, NULL);
}

static void op_sigp_sense(void *addr)
{
	sigp((u16)(uintptr_t)addr, SIGP_SENSE, 0, NULL);
}

TEST_CASE(sigp_sense_self)
{
	u16 self = stap();
	int cc = sigp(self, SIGP_SENSE, 0, NULL);

	if (!report(cc == SIGP_CC_ACCEPTED || cc == SIGP_CC_STATUS_STORED,
		    "SIGP SENSE to itself: condition code %d", cc))
		return;
	bench_run("sigp_sense_self", op_sigp_sense, (void *)(uintptr_t)self);
}
