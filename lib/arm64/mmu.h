/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmu.h: stage-1 translation for the EL1&0 regime with the 4 KiB granule
 * and 48-bit virtual addresses (four levels, 0-3) through TTBR0_EL1 (Arm
 * ARM D8 "The AArch64 Virtual Memory System Architecture": D8.3
 * descriptor formats, D8.4 access permissions, D8.5 memory attributes and
 * MAIR, D8.2 TCR_EL1 granule and VA size, D8.14 break-before-make).
 *
 * A struct page_table is one set of translation tables: a level 0 table
 * and the tables, blocks and pages below it. Any number may exist; the
 * pt_* calls work on the one they are given and pt_switch() installs one
 * in TTBR0_EL1. The runtime boots on mmu_idmap, which identity-maps RAM
 * as Normal write-back memory and the devices it uses as Device-nGnRE,
 * execute-never. The mmu_* calls act on the CPU's MMU, not on a table.
 *
 * Levels are numbered as in the Arm ARM: a level 1 block maps 1 GiB, a
 * level 2 block 2 MiB, a level 3 page 4 KiB; level 0 entries are tables.
 * Tables come from a static pool (the MMU is on before the page allocator
 * exists), then from alloc_page(), so a table's virtual address is its
 * physical address.
 */
#ifndef HV_ARM64_MMU_H
#define HV_ARM64_MMU_H

#include <types.h>

/* MAIR_EL1 attribute indices (values in mmu.c). */
#define MT_DEVICE_nGnRnE 0
#define MT_DEVICE_nGnRE 1
#define MT_NORMAL_NC 2
#define MT_NORMAL 3
#define MT_DEVICE_GRE 4

#define PTE_VALID BIT(0)
#define PTE_TABLE BIT(1) /* levels 0-2: table; level 3: page */
#define PTE_ATTRIDX(i) ((u64)(i) << 2)
#define PTE_ATTRIDX_MASK (7ULL << 2)
#define PTE_AP_EL0 BIT(6) /* AP[1]: EL0 access */
#define PTE_AP_RO BIT(7) /* AP[2]: read-only */
#define PTE_SH_INNER (3ULL << 8)
#define PTE_AF BIT(10)
#define PTE_NG BIT(11)
#define PTE_PXN BIT(53)
#define PTE_UXN BIT(54)
#define PTE_ADDR_MASK GENMASK(47, 12)

#define PROT_NORMAL (PTE_ATTRIDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)
#define PROT_DEVICE (PTE_ATTRIDX(MT_DEVICE_nGnRE) | PTE_AF | PTE_PXN | PTE_UXN)

struct page_table {
	u64 *root; /* the level 0 table */
};

/* The identity map every CPU runs on unless a test switches. */
extern struct page_table mmu_idmap;

/* Bytes mapped by one entry at LEVEL (0-3). */
static inline u64 pt_level_size(int level)
{
	return 1ULL << (PAGE_SHIFT + 9 * (3 - level));
}

/* An empty table set. */
void pt_init(struct page_table *pt);

/*
 * The entry at LEVEL (0-3) that translates VA. With CREATE, missing tables
 * above it are allocated and linked. NULL when a table is missing (without
 * CREATE) or a block at a higher level maps VA.
 */
u64 *pt_walk(struct page_table *pt, u64 va, int level, bool create);

/*
 * Maps the LEVEL (1-3) block or page at VA to PA with PROT (PTE_* bits),
 * both aligned to its size. The entry must be invalid or hold that
 * mapping already. No TLB maintenance (see mmu_flush_va()).
 */
void pt_map(struct page_table *pt, u64 va, u64 pa, int level, u64 prot);
/*
 * Maps the pages of [VA, VA + SIZE) to PA with PROT, with blocks where
 * they fit; a part mapped the same way already is left as it is.
 */
void pt_map_range(struct page_table *pt, u64 va, u64 pa, u64 size, u64 prot);
/*
 * Replaces the LEVEL (0-3) entry of VA with DESC (table, block, page or
 * invalid), break-before-make, and invalidates VA in the TLBs; the tables
 * above that level must exist.
 */
void pt_set_entry(struct page_table *pt, u64 va, int level, u64 desc);
/* pt_set_entry() with the entry's SET bits set and CLEAR bits cleared. */
void pt_update(struct page_table *pt, u64 va, int level, u64 set, u64 clear);
/* pt_set_entry() with an invalid descriptor. */
void pt_unmap(struct page_table *pt, u64 va, int level);

/*
 * Loads PT into this CPU's TTBR0_EL1, invalidates its EL1&0 TLB entries
 * and returns the previous TTBR0_EL1. PT must map the running code, stack
 * and data at the addresses they have now.
 */
u64 pt_switch(const struct page_table *pt);

/* Values the secondary CPUs load before turning their MMU on (mmu_idmap). */
struct mmu_regs {
	u64 mair, tcr, ttbr0, sctlr;
};

/* Builds mmu_idmap for the image and the device tree and turns the MMU on. */
void mmu_early_init(u64 image_start, u64 image_end, u64 fdt, u64 fdt_size);
void mmu_get_regs(struct mmu_regs *r);
/* Lets the table allocator fall back to alloc_page() once the pool is used. */
void mmu_page_allocator_ready(void);
/* Invalidates VA, every ASID, in the TLBs of the inner shareable domain. */
void mmu_flush_va(u64 va);

/* Address translation by the CPU (AT S1E1R/W): PAR_EL1 as read (D13.2.94). */
u64 mmu_at_read(u64 va);
u64 mmu_at_write(u64 va);

#endif
