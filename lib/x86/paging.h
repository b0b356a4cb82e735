/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * paging.h: build and switch 4-level (and, when the guest runs with
 * CR4.LA57 (la57.h), 5-level) page tables with 4 KiB, 2 MiB and 1 GiB
 * pages (Intel SDM vol. 3A 4.5 4-level and 5-level paging, tables 4-15 to
 * 4-20 entry formats, 4.10.4.1 INVLPG; AMD APM vol. 2 5.3 long-mode page
 * translation).
 *
 * Levels are numbered as in the SDM walk: 1 is the PTE (4 KiB page), 2 the
 * PDE (2 MiB page when PS=1), 3 the PDPTE (1 GiB page when PS=1), 4 the
 * PML4E, 5 the PML5E. Tables come from alloc_page(), so a table's virtual
 * address is its physical address.
 */
#ifndef HV_X86_PAGING_H
#define HV_X86_PAGING_H

#include <types.h>

#define PT_P BIT(0)
#define PT_RW BIT(1)
#define PT_US BIT(2)
#define PT_PWT BIT(3)
#define PT_PCD BIT(4)
#define PT_A BIT(5)
#define PT_D BIT(6) /* leaf entries only; ignored in non-leaf ones */
#define PT_PS BIT(7) /* PDE and PDPTE: maps a page */
#define PT_G BIT(8)
#define PT_NX BIT(63) /* reserved unless IA32_EFER.NXE = 1 */
#define PT_PKEY_SHIFT 59 /* leaf bits 62:59 with CR4.PKE = 1 */
#define PT_PKEY_MASK (0xfULL << PT_PKEY_SHIFT)
#define PT_ADDR_MASK 0x000ffffffffff000ULL

#define PT_LEVEL_4K 1
#define PT_LEVEL_2M 2
#define PT_LEVEL_1G 3

/* Flags of the tables pt_walk() creates: the leaf decides access rights. */
#define PT_TABLE_FLAGS (PT_P | PT_RW | PT_US)

struct page_table {
	u64 *root;
	int levels; /* 4 or 5 */
};

/* Bytes mapped by one entry at LEVEL. */
static inline u64 pt_level_size(int level)
{
	return 1ULL << (12 + 9 * (level - 1));
}

static inline unsigned int pt_index(u64 va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

static inline void invlpg(u64 va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* An empty table with the paging mode the CPU is in (CR4.LA57). */
void pt_init(struct page_table *pt);

/*
 * The entry at LEVEL that translates VA. With CREATE, missing tables above
 * it are allocated and linked with PT_TABLE_FLAGS. NULL when a table is
 * missing (without CREATE) or a page at a higher level maps VA.
 */
u64 *pt_walk(struct page_table *pt, u64 va, int level, bool create);

/* Maps the page of size pt_level_size(LEVEL) at VA to PA, then INVLPG. */
void pt_map(struct page_table *pt, u64 va, u64 pa, int level, u64 flags);
/* Maps [VA, VA + SIZE) to PA with pages of LEVEL; all three aligned. */
void pt_map_range(struct page_table *pt, u64 va, u64 pa, u64 size, int level,
		  u64 flags);
/* Clears the entry at LEVEL for VA (it must exist), then INVLPG. */
void pt_unmap(struct page_table *pt, u64 va, int level);
/* Sets then clears flag bits of the entry at LEVEL for VA, then INVLPG. */
void pt_update(struct page_table *pt, u64 va, int level, u64 set, u64 clear);

/*
 * Loads PT into CR3 and returns the previous CR3 (flushes non-global TLB
 * entries, SDM 4.10.4.1). PT must map the running code, stack and data at
 * the addresses they have now, e.g. with pt_map_range() of low memory.
 */
u64 pt_switch(const struct page_table *pt);

#endif
