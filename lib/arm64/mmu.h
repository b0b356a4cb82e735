/*
 * mmu.h: stage-1 EL1&0 translation with the 4 KiB granule and 48-bit
 * virtual addresses (four levels, 0-3) through TTBR0_EL1 (Arm ARM D8
 * "The AArch64 Virtual Memory System Architecture": D8.3 descriptor
 * formats, D8.4 access permissions, D8.5 memory attributes and MAIR,
 * D8.2 TCR_EL1 granule and VA size). RAM is identity-mapped as Normal
 * write-back memory, devices as Device-nGnRE, execute-never.
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

/* Values the secondary CPUs load before turning their MMU on. */
struct mmu_regs {
	u64 mair, tcr, ttbr0, sctlr;
};

/* Builds the tables for the image and the device tree and turns the MMU on. */
void mmu_early_init(u64 image_start, u64 image_end, u64 fdt, u64 fdt_size);
void mmu_get_regs(struct mmu_regs *r);
/* Lets the table allocator fall back to alloc_page() once the pool is used. */
void mmu_page_allocator_ready(void);

/* Maps [va, va + size) to pa with PROT (PTE_* bits), with blocks where they fit. */
void mmu_map(u64 va, u64 pa, u64 size, u64 prot);
/* Maps one 4 KiB page (a level 3 entry) to pa with PROT. */
void mmu_map_page(u64 va, u64 pa, u64 prot);
/* The leaf entry for va and its level, or NULL when no table reaches it. */
u64 *mmu_leaf(u64 va, int *level);
/* Replaces the level 3 entry of va (break-before-make) and flushes the TLB. */
void mmu_set_pte(u64 va, u64 pte);
/*
 * Replaces the level LEVEL (0-3) entry of va with DESC, table, block or
 * invalid, the same way; the tables above that level must exist.
 */
void mmu_set_entry(u64 va, int level, u64 desc);
void mmu_flush_va(u64 va);

/* Address translation by the CPU (AT S1E1R/W): PAR_EL1 as read (D13.2.94). */
u64 mmu_at_read(u64 va);
u64 mmu_at_write(u64 va);

#endif
