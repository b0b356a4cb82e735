// SPDX-License-Identifier: GPL-2.0-only
/*
 * la57.c: the C side of the paging-mode switch (see la57.h); the trip
 * itself is la57_entry.S, which keeps the general registers in memory
 * because their upper halves are undefined after a stay in compatibility
 * mode (SDM vol. 1 3.4.1.1). FS.base and GS.base are written back from
 * their MSRs afterwards, as realmode.c does: compatibility mode uses only
 * their low 32 bits (SDM vol. 3A 3.4.4), so the trip does not rely on the
 * upper halves surviving it.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/la57.h>

void la57_switch(u32 cr3, u32 cr4);

static u64 saved_cr3;

static void switch_mode(u64 cr3, u64 cr4)
{
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);
	u64 sp;

	asm volatile("mov %%rsp, %0" : "=r"(sp));
	/* The 32-bit leg runs on this stack and loads CR3 as 32 bits. */
	assert(sp < BIT(32) && cr3 < BIT(32) && cr4 < BIT(32));
	/* Clearing CR0.PG with CR4.PCIDE = 1 is #GP(0) (SDM vol. 2B MOV). */
	assert(!(cr4 & X86_CR4_PCIDE));
	la57_switch(cr3, cr4);
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
}

void la57_enable(struct page_table *pt)
{
	u64 cr4 = read_cr4();

	assert(cpu_has(X86_FEATURE_LA57) && !(cr4 & X86_CR4_LA57));
	saved_cr3 = read_cr3();
	pt->root = alloc_page();
	assert(pt->root);
	pt->levels = 5;
	pt->root[0] = (saved_cr3 & PT_ADDR_MASK) | PT_TABLE_FLAGS;
	switch_mode((u64)pt->root, cr4 | X86_CR4_LA57);
}

void la57_disable(void)
{
	u64 cr4 = read_cr4();

	assert(cr4 & X86_CR4_LA57);
	switch_mode(saved_cr3, cr4 & ~X86_CR4_LA57);
}
