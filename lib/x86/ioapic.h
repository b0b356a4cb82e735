/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ioapic.h: the first I/O APIC of the MADT (ACPI 6.5 5.2.12.3), reached
 * through its index/data window (Intel 82093AA I/O APIC data sheet 3.0:
 * IOREGSEL at offset 0x00, IOWIN at 0x10; 3.2 registers IOAPICID,
 * IOAPICVER, IOAPICARB and the 64-bit redirection table entries
 * IOREDTBL[n] at indices 0x10 + 2n, 0x11 + 2n). I/O APICs of version
 * 0x20 and later (Intel ICH/PCH I/O APIC) add the directed EOI register
 * at offset 0x40: writing a vector there clears Remote IRR of the
 * level-triggered entries with that vector.
 */
#ifndef HV_X86_IOAPIC_H
#define HV_X86_IOAPIC_H

#include <types.h>

#define IOAPIC_REG_ID 0x00
#define IOAPIC_REG_VER 0x01
#define IOAPIC_REG_ARB 0x02
#define IOAPIC_REG_RTE(pin) (0x10 + 2 * (pin))

/* IOAPICID and IOAPICARB: ID in bits 27:24. */
#define IOAPIC_ID_SHIFT 24
#define IOAPIC_ID_MASK 0xfU
/* IOAPICVER: version in bits 7:0, maximum redirection entry in 23:16. */
#define IOAPIC_VER_VERSION(v) ((v)&0xff)
#define IOAPIC_VER_MAX_RTE(v) (((v) >> 16) & 0xff)

/* Redirection table entry fields (82093AA 3.2.4). */
#define IOAPIC_RTE_VECTOR(v) ((u64)(v)&0xff)
#define IOAPIC_RTE_DM_FIXED (0ULL << 8)
#define IOAPIC_RTE_DM_LOWEST (1ULL << 8)
#define IOAPIC_RTE_DEST_LOGICAL BIT(11)
#define IOAPIC_RTE_DELIVS BIT(12) /* read-only */
#define IOAPIC_RTE_ACTIVE_LOW BIT(13)
#define IOAPIC_RTE_REMOTE_IRR BIT(14) /* read-only */
#define IOAPIC_RTE_LEVEL BIT(15)
#define IOAPIC_RTE_MASKED BIT(16)
#define IOAPIC_RTE_RESERVED GENMASK(55, 17)
#define IOAPIC_RTE_DEST(d) ((u64)((d)&0xff) << 56)

/* Version from which the directed EOI register exists. */
#define IOAPIC_VERSION_EOI 0x20

/*
 * Finds the I/O APIC in the MADT. False without one; the other calls
 * need a successful ioapic_init().
 */
bool ioapic_init(void);
/* The I/O APIC's ID and first GSI as the MADT lists them. */
u8 ioapic_madt_id(void);
u32 ioapic_gsi_base(void);

u32 ioapic_read(u8 index);
void ioapic_write(u8 index, u32 val);

u8 ioapic_version(void);
/* Number of redirection entries (maximum redirection entry + 1). */
unsigned int ioapic_pins(void);

u64 ioapic_read_rte(unsigned int pin);
/* Writes the high half first, then the low one (which may unmask). */
void ioapic_write_rte(unsigned int pin, u64 rte);
void ioapic_mask(unsigned int pin, bool masked);

/* The pin of GSI, or -1 when this I/O APIC does not serve it. */
int ioapic_gsi_pin(u32 gsi);

/* Directed EOI of VECTOR (version >= IOAPIC_VERSION_EOI only). */
void ioapic_eoi(u8 vector);

#endif
