// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioapic.c: I/O APIC register access (see ioapic.h). The window is two
 * 32-bit registers: software writes an index to IOREGSEL, then reads or
 * writes IOWIN (82093AA data sheet 3.0, table 2). Both must be accessed
 * with 32-bit loads and stores; the MMIO lies in the uncached top GiB of
 * the boot page tables. Callers do not share the window between CPUs.
 */
#include <libtest.h>
#include <x86/acpi.h>
#include <x86/ioapic.h>

#define IOAPIC_IOREGSEL 0x00
#define IOAPIC_IOWIN 0x10
#define IOAPIC_EOI 0x40

static struct acpi_ioapic madt;
static bool found;

static volatile u32 *reg(u32 offset)
{
	return (volatile u32 *)((u64)madt.address + offset);
}

bool ioapic_init(void)
{
	if (!found)
		found = acpi_madt_ioapic(&madt);
	return found;
}

u8 ioapic_madt_id(void)
{
	return madt.id;
}

u32 ioapic_gsi_base(void)
{
	return madt.gsi_base;
}

u32 ioapic_read(u8 index)
{
	*reg(IOAPIC_IOREGSEL) = index;
	return *reg(IOAPIC_IOWIN);
}

void ioapic_write(u8 index, u32 val)
{
	*reg(IOAPIC_IOREGSEL) = index;
	*reg(IOAPIC_IOWIN) = val;
}

u8 ioapic_version(void)
{
	return IOAPIC_VER_VERSION(ioapic_read(IOAPIC_REG_VER));
}

unsigned int ioapic_pins(void)
{
	return IOAPIC_VER_MAX_RTE(ioapic_read(IOAPIC_REG_VER)) + 1;
}

u64 ioapic_read_rte(unsigned int pin)
{
	u32 lo = ioapic_read(IOAPIC_REG_RTE(pin));
	u32 hi = ioapic_read(IOAPIC_REG_RTE(pin) + 1);

	return lo | ((u64)hi << 32);
}

void ioapic_write_rte(unsigned int pin, u64 rte)
{
	ioapic_write(IOAPIC_REG_RTE(pin) + 1, rte >> 32);
	ioapic_write(IOAPIC_REG_RTE(pin), (u32)rte);
}

void ioapic_mask(unsigned int pin, bool masked)
{
	u32 lo = ioapic_read(IOAPIC_REG_RTE(pin));

	if (masked)
		lo |= IOAPIC_RTE_MASKED;
	else
		lo &= ~IOAPIC_RTE_MASKED;
	ioapic_write(IOAPIC_REG_RTE(pin), lo);
}

int ioapic_gsi_pin(u32 gsi)
{
	if (gsi < madt.gsi_base || gsi - madt.gsi_base >= ioapic_pins())
		return -1;
	return gsi - madt.gsi_base;
}

void ioapic_eoi(u8 vector)
{
	*reg(IOAPIC_EOI) = vector;
}
