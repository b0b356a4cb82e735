// SPDX-License-Identifier: GPL-2.0-only
/*
 * testdev.c: finding QEMU's pc-testdev (see testdev.h). Without the device
 * an ISA port read returns all ones and the MMIO window is unassigned
 * memory, so a pattern written to each must read back for the device to
 * count as present (Intel SDM vol. 2A IN, vol. 2B OUT).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/testdev.h>

#define PROBE_PORT_VAL 0x5aa5c33cU
#define PROBE_MMIO_OFF (TESTDEV_MMIO_SIZE - 8)
#define PROBE_MMIO_VAL 0x0123456789abcdefULL

static int present = -1;
static const char *reason = "";

static bool probe(void)
{
	volatile u64 *mmio = (u64 *)(TESTDEV_MMIO_BASE + PROBE_MMIO_OFF);
	u32 port;
	u64 mem;

	outl(TESTDEV_PORT, PROBE_PORT_VAL);
	port = inl(TESTDEV_PORT);
	if (port != PROBE_PORT_VAL) {
		reason = "-device pc-testdev missing: port 0xe0 does not latch";
		return false;
	}
	*mmio = PROBE_MMIO_VAL;
	mem = *mmio;
	*mmio = 0;
	if (mem != PROBE_MMIO_VAL) {
		reason = "-device pc-testdev missing: MMIO at 0xff000000 does "
			 "not store";
		return false;
	}
	return true;
}

bool testdev_present(void)
{
	if (present < 0)
		present = probe();
	return present;
}

void *testdev_mmio(void)
{
	return testdev_present() ? (void *)TESTDEV_MMIO_BASE : NULL;
}

const char *testdev_absent_reason(void)
{
	testdev_present();
	return reason;
}
