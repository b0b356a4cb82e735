// SPDX-License-Identifier: GPL-2.0-only
/*
 * segdesc.c: descriptors and a scratch GDT and LDT (see segdesc.h; Intel
 * SDM vol. 3A 3.4.5 figure 3-8 code and data descriptors, 3.5.1 GDTR and
 * LDTR, 5.8.3.1 figure 5-9 64-bit call gate, 6.14.1 figure 6-8 64-bit
 * IDT gate, 7.2.3 figure 7-4 16-byte system descriptors).
 */
#include <libtest.h>
#include <x86/desc.h>
#include <x86/processor.h>
#include <x86/segdesc.h>

#define GDT_MAX_ORIG 256 /* entries of the runtime's GDT we can copy */

/* [runtime GDT][LDT descriptor, 2 entries][SEGDESC_SLOTS free] */
static u64 gdt_copy[GDT_MAX_ORIG + 2 + SEGDESC_SLOTS] __aligned(16);
static u64 ldt[SEGDESC_LDT_SLOTS] __aligned(16);
static unsigned int orig_entries;
static struct desc_ptr saved_gdtr;

u64 segdesc_make(u32 base, u32 limit, u8 access, u8 flags)
{
	return (limit & 0xffff) | ((u64)(base & 0xffffff) << 16) |
	       ((u64)access << 40) | ((u64)((limit >> 16) & 0xf) << 48) |
	       ((u64)(flags & 0xf) << 52) | ((u64)(base >> 24) << 56);
}

void segdesc_make_sys(u64 out[2], u64 base, u32 limit, u8 access)
{
	out[0] = segdesc_make((u32)base, limit, access, 0);
	out[1] = base >> 32;
}

void segdesc_make_gate(u64 out[2], u16 sel, u64 offset, u8 access, u8 ist)
{
	out[0] = (offset & 0xffff) | ((u64)sel << 16) | ((u64)(ist & 7) << 32) |
		 ((u64)access << 40) | (((offset >> 16) & 0xffff) << 48);
	out[1] = offset >> 32; /* bits 12:8 of the high dword: type 0 */
}

void segdesc_enter(void)
{
	struct desc_ptr gdtr;
	u64 ldt_desc[2];

	asm volatile("sgdt %0" : "=m"(saved_gdtr));
	orig_entries = (saved_gdtr.limit + 1) / 8;
	assert(orig_entries <= GDT_MAX_ORIG);
	memset(gdt_copy, 0, sizeof(gdt_copy));
	memset(ldt, 0, sizeof(ldt));
	memcpy(gdt_copy, (void *)saved_gdtr.base, orig_entries * 8);
	segdesc_make_sys(ldt_desc, (u64)ldt, sizeof(ldt) - 1, SEG_P | SYS_LDT);
	gdt_copy[orig_entries] = ldt_desc[0];
	gdt_copy[orig_entries + 1] = ldt_desc[1];
	gdtr.base = (u64)gdt_copy;
	gdtr.limit = (orig_entries + 2 + SEGDESC_SLOTS) * 8 - 1;
	lgdt(&gdtr);
	asm volatile("lldt %0" : : "rm"(segdesc_ldt_selector()));
}

void segdesc_leave(void)
{
	asm volatile("lldt %0" : : "rm"((u16)0));
	lgdt(&saved_gdtr);
}

u16 segdesc_gdt_set(unsigned int slot, u64 desc)
{
	assert(slot < SEGDESC_SLOTS);
	gdt_copy[orig_entries + 2 + slot] = desc;
	return (orig_entries + 2 + slot) * 8;
}

u64 segdesc_gdt_get(unsigned int slot)
{
	assert(slot < SEGDESC_SLOTS);
	return *(volatile u64 *)&gdt_copy[orig_entries + 2 + slot];
}

u16 segdesc_ldt_set(unsigned int slot, u64 desc)
{
	assert(slot < SEGDESC_LDT_SLOTS);
	ldt[slot] = desc;
	return slot * 8 | SEL_TI;
}

u16 segdesc_gdt_beyond(void)
{
	return (orig_entries + 2 + SEGDESC_SLOTS) * 8;
}

u16 segdesc_ldt_beyond(void)
{
	return SEGDESC_LDT_SLOTS * 8 | SEL_TI;
}

u16 segdesc_ldt_selector(void)
{
	return orig_entries * 8;
}

u64 segdesc_gdt_base(void)
{
	return (u64)gdt_copy;
}
