/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmode32.h: run 32-bit code in legacy protected mode (IA-32e mode off,
 * paging off) and come back to 64-bit mode (Intel SDM vol. 3A 10.8.5.4
 * leaving IA-32e mode, 10.8.5 re-entering it; 3.4.5 descriptors, 5.8.3
 * 32-bit call gates, 7.2.2 32-bit TSS descriptor, 7.2.5 task gate; 6.11
 * 32-bit IDT gates).
 *
 * pm32_run() switches to a GDT of its own: null, a flat 32-bit code and
 * data segment at DPL0 (PM32_CS, PM32_DS) and at DPL3 (PM32_CS3,
 * PM32_DS3), then PM32_SLOTS free entries; and an IDT of 32 interrupt
 * gates that record the exception. It jumps to ENTRY at CPL0 with EAX =
 * ARG, flat segments, interrupts off and ESP at a stack of its own. The
 * code ends by jumping to pm32_land (a UD2) or at its first exception;
 * the stop comes back in struct pm32_stop. Code, data and stacks are used
 * at their (identity-mapped, below 4 GiB) addresses; stacks must be flat
 * (the handler stores through SS). TR is the runtime's 64-bit TSS until
 * the code loads a 32-bit one (needed before any CPL3 code). GDTR, IDTR,
 * TR, LDTR, CR0, FS.base and GS.base are restored. CR4.PCIDE must be 0. Boot
 * CPU only.
 */
#ifndef HV_X86_PMODE32_H
#define HV_X86_PMODE32_H

#define PM32_CS 0x08
#define PM32_DS 0x10
#define PM32_CS3 0x1b
#define PM32_DS3 0x23
#define PM32_SLOT0 0x28 /* selector of the first free slot */
#define PM32_SLOTS 8

#ifndef __ASSEMBLY__
#include <types.h>

/* Layout known to pmode32_entry.S. */
struct pm32_stop {
	u32 vector, error_code, eip, cs, eflags, esp, ss;
	u32 eax, ebx, ecx, edx, esi, edi;
	bool raised; /* false when it reached pm32_land */
};

/* The UD2 to jump to when done. */
extern char pm32_land[];
/*
 * The IDT (32 gates), built again by every pm32_run(): the 32-bit code may
 * replace a gate for the rest of its run.
 */
extern u64 pm32_idt[32];

/* A 32-bit call gate (COUNT parameters) or a task gate (SEL: the TSS). */
u64 pm32_make_gate(u16 sel, u32 offset, u8 access, u8 count);
/* Writes free slot SLOT of the GDT; returns its selector (RPL 0). */
u16 pm32_gdt_set(unsigned int slot, u64 desc);
u64 pm32_gdt_get(unsigned int slot);

struct pm32_stop pm32_run(const void *entry, u32 arg);
#endif

#endif
