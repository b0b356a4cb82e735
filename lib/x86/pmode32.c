// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmode32.c: the GDT and IDT of the legacy protected-mode trip and its C
 * side (see pmode32.h; Intel SDM vol. 3A 3.4.5 segment descriptors, 5.8.3
 * call gates, 7.2.5 task-gate descriptor, 6.11 IDT descriptors).
 * Loading FS and GS clears their bases (vol. 3A 3.4.4), so the FS_BASE
 * and GS_BASE MSRs are kept around the trip; TR is loaded again from the
 * saved selector (its busy bit cleared first, vol. 2B LTR); CR0 is written
 * back, since a task switch sets CR0.TS (vol. 3A 2.5).
 */
#include <libtest.h>
#include <x86/desc.h>
#include <x86/pmode32.h>
#include <x86/processor.h>
#include <x86/segdesc.h>

#define IDT_VECTORS 32
#define VECTOR_CODE_SIZE 16
#define INT_GATE32 0x8e /* P, DPL0, 32-bit interrupt gate */

u64 pm32_gdt[PM32_SLOT0 / 8 + PM32_SLOTS] __aligned(16);
u64 pm32_idt[IDT_VECTORS] __aligned(16);
struct pm32_stop pm32_stop_area;
u32 pm32_entry_eip, pm32_entry_eax;
extern char pm32_vectors[];
void pm32_enter(void);

u64 pm32_make_gate(u16 sel, u32 offset, u8 access, u8 count)
{
	return (offset & 0xffff) | ((u64)sel << 16) |
	       ((u64)(count & 0x1f) << 32) | ((u64)access << 40) |
	       ((u64)(offset >> 16) << 48);
}

u16 pm32_gdt_set(unsigned int slot, u64 desc)
{
	assert(slot < PM32_SLOTS);
	pm32_gdt[PM32_SLOT0 / 8 + slot] = desc;
	return PM32_SLOT0 + slot * 8;
}

u64 pm32_gdt_get(unsigned int slot)
{
	assert(slot < PM32_SLOTS);
	return *(volatile u64 *)&pm32_gdt[PM32_SLOT0 / 8 + slot];
}

static void pm32_tables(void)
{
	u8 data = SEG_P | SEG_S | SEG_DATA_RW | SEG_ACCESSED;
	u8 code = SEG_P | SEG_S | SEG_CODE_XR | SEG_ACCESSED;

	pm32_gdt[0] = 0;
	pm32_gdt[PM32_CS / 8] = segdesc_make(0, 0xfffff, code, SEG_G | SEG_DB);
	pm32_gdt[PM32_DS / 8] = segdesc_make(0, 0xfffff, data, SEG_G | SEG_DB);
	pm32_gdt[PM32_CS3 / 8] =
		segdesc_make(0, 0xfffff, code | SEG_DPL(3), SEG_G | SEG_DB);
	pm32_gdt[PM32_DS3 / 8] =
		segdesc_make(0, 0xfffff, data | SEG_DPL(3), SEG_G | SEG_DB);
	for (unsigned int v = 0; v < IDT_VECTORS; v++)
		pm32_idt[v] = pm32_make_gate(
			PM32_CS, (u32)(u64)pm32_vectors + v * VECTOR_CODE_SIZE,
			INT_GATE32, 0);
}

struct pm32_stop pm32_run(const void *entry, u32 arg)
{
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE), cr0 = read_cr0();
	struct desc_ptr gdtr;
	u16 tr, ldtr;
	u64 *tss_desc;

	assert((u64)entry < (1ULL << 32));
	/* Clearing CR0.PG with CR4.PCIDE = 1 is #GP (SDM vol. 3A 2.5). */
	assert(!(read_cr4() & X86_CR4_PCIDE));
	pm32_tables();
	asm volatile("sgdt %0; str %1; sldt %2"
		     : "=m"(gdtr), "=rm"(tr), "=rm"(ldtr));
	memset(&pm32_stop_area, 0, sizeof(pm32_stop_area));
	pm32_entry_eip = (u32)(u64)entry;
	pm32_entry_eax = arg;
	pm32_enter();
	tss_desc = (u64 *)(gdtr.base + (tr & ~7));
	*tss_desc &= ~(1ULL << 41);
	ltr(tr);
	asm volatile("lldt %0" : : "rm"(ldtr));
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
	write_cr0(cr0);
	pm32_stop_area.raised = !(pm32_stop_area.vector == 6 &&
				  pm32_stop_area.eip == (u32)(u64)pm32_land);
	return pm32_stop_area;
}
