/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * acpi.h: the few ACPI tables hvtest reads (ACPI 6.5: 5.2.5 RSDP, 5.2.7
 * RSDT, 5.2.8 XSDT, 5.2.12 MADT with its Processor Local APIC, I/O APIC,
 * Interrupt Source Override and Processor Local x2APIC structures).
 */
#ifndef HV_X86_ACPI_H
#define HV_X86_ACPI_H

#include <types.h>

/* The table with signature SIG ("APIC", "FACP", ...), or NULL. */
const void *acpi_find_table(const char *sig);

/*
 * The APIC IDs of the enabled processors listed in the MADT, in table
 * order, into IDS (at most MAX). Returns how many, 0 without a MADT.
 */
unsigned int acpi_madt_apic_ids(u32 *ids, unsigned int max);

struct acpi_ioapic {
	u8 id;
	u32 address;
	u32 gsi_base;
};

/* The first I/O APIC of the MADT; false without one. */
bool acpi_madt_ioapic(struct acpi_ioapic *out);

/*
 * The GSI that ISA IRQ IRQ is wired to, with its polarity and trigger
 * from an Interrupt Source Override (MPS INTI flags: bits 1:0 polarity,
 * 3:2 trigger); IRQ itself, flags 0 (bus default: edge, active high)
 * without one.
 */
u32 acpi_isa_irq_to_gsi(u8 irq, u16 *flags);

#endif
