/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * segdesc.h: build segment and gate descriptors and install them for a
 * while in a scratch copy of the GDT and in a small LDT (Intel SDM vol. 3A
 * 3.4.2 segment selectors, 3.4.5 segment descriptors and figure 3-8,
 * 3.5 system descriptor types and table 3-2, 5.8.3.1 64-bit call gates
 * and figure 5-9, 7.2.3 TSS descriptor in 64-bit mode; AMD APM vol. 2
 * 4.8 long-mode segment descriptors).
 *
 * segdesc_enter() switches GDTR to a copy of the current GDT followed by
 * SEGDESC_SLOTS free entries and loads LDTR with an LDT of SEGDESC_LDT_SLOTS
 * free entries; segdesc_leave() puts the original GDTR back and clears
 * LDTR. The selectors of the runtime (desc.h) keep their meaning in the
 * copy. Boot CPU only.
 */
#ifndef HV_X86_SEGDESC_H
#define HV_X86_SEGDESC_H

#include <types.h>

/* The access byte (descriptor bits 47:40): P, DPL, S and the type. */
#define SEG_P 0x80
#define SEG_DPL(n) ((n) << 5)
#define SEG_S 0x10 /* code or data; clear for system descriptors */
#define SEG_DATA_R 0x0 /* data types: read-only */
#define SEG_DATA_RW 0x2
#define SEG_DATA_DOWN 0x4 /* expand-down */
#define SEG_CODE_X 0x8 /* code types: execute-only */
#define SEG_CODE_XR 0xa
#define SEG_CODE_CONF 0x4 /* conforming */
#define SEG_ACCESSED 0x1
/* System types in IA-32e mode (SDM vol. 3A table 3-2). */
#define SYS_LDT 0x2
#define SYS_TSS64 0x9
#define SYS_TSS64_BUSY 0xb
#define SYS_CALL_GATE64 0xc
#define SYS_INT_GATE64 0xe
#define SYS_TRAP_GATE64 0xf

/* The flags nibble (descriptor bits 55:52): G, D/B, L, AVL. */
#define SEG_G 0x8
#define SEG_DB 0x4
#define SEG_L 0x2

#define SEGDESC_SLOTS 16
#define SEGDESC_LDT_SLOTS 8

#define SEL_RPL(n) (n)
#define SEL_TI 0x4

/* An 8-byte code or data descriptor (SDM vol. 3A figure 3-8). */
u64 segdesc_make(u32 base, u32 limit, u8 access, u8 flags);
/*
 * A 16-byte system descriptor of IA-32e mode (LDT, TSS: SDM vol. 3A figure
 * 7-4): the low and high quadwords.
 */
void segdesc_make_sys(u64 out[2], u64 base, u32 limit, u8 access);
/*
 * A 64-bit call, interrupt or trap gate (SDM vol. 3A figures 5-9 and 6-8):
 * target SEL:OFFSET, access byte ACCESS, IST index (interrupt and trap
 * gates; 0 otherwise).
 */
void segdesc_make_gate(u64 out[2], u16 sel, u64 offset, u8 access, u8 ist);

void segdesc_enter(void);
void segdesc_leave(void);
/* Writes free GDT slot SLOT (0 to SEGDESC_SLOTS - 1); returns its selector (RPL 0). */
u16 segdesc_gdt_set(unsigned int slot, u64 desc);
/* The descriptor in free GDT slot SLOT as memory holds it now. */
u64 segdesc_gdt_get(unsigned int slot);
/* Writes free LDT slot SLOT; returns its selector (TI = 1, RPL 0). */
u16 segdesc_ldt_set(unsigned int slot, u64 desc);
/* A selector whose index is the first past the GDT limit (RPL 0). */
u16 segdesc_gdt_beyond(void);
/* A selector whose index is the first past the LDT limit (TI = 1, RPL 0). */
u16 segdesc_ldt_beyond(void);
/* The LDT's selector in the GDT copy. */
u16 segdesc_ldt_selector(void);
/* GDTR as the copy has it. */
u64 segdesc_gdt_base(void);

#endif
