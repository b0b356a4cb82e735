/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * testdev.h: QEMU's ISA test device, -device pc-testdev (QEMU source
 * hw/misc/pc-testdev.c): a 64 KiB MMIO window that stores what is written
 * like RAM but is not RAM, so every guest access to it leaves the CPU and is
 * emulated by the hypervisor (KVM decodes the instruction in its emulator,
 * TCG takes its slow I/O path); and I/O ports that keep the last value
 * written.
 *
 *	port 0xe0-0xe3	a 32-bit data latch; an access of N bytes at 0xe0 + K
 *			reads or writes bytes K..K+N-1 of it
 *	port 0xe8-0xeb	the same latch, split by QEMU into byte accesses
 *	MMIO 0xff000000	64 KiB of device storage (accesses wider than 4 bytes
 *			are split by QEMU into 4-byte ones)
 *
 * The boot page tables (entry.S) map the MMIO window uncached at its
 * physical address, so testdev_mmio() is usable as a pointer at once.
 */
#ifndef HV_X86_TESTDEV_H
#define HV_X86_TESTDEV_H

#include <types.h>

#define TESTDEV_MMIO_BASE 0xff000000UL
#define TESTDEV_MMIO_SIZE 0x10000UL
#define TESTDEV_PORT 0xe0
#define TESTDEV_PORT_BYTE 0xe8

/*
 * True when pc-testdev answers: its port latch and its MMIO window both
 * read back a pattern written to them. The result is cached.
 */
bool testdev_present(void);

/* The MMIO window, or NULL without the device. */
void *testdev_mmio(void);

/* "-device pc-testdev missing (...)": the SKIP reason when absent. */
const char *testdev_absent_reason(void);

#endif
