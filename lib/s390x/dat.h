/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dat.h: dynamic address translation tables as an object (SA22-7832
 * chapter 3, "Dynamic Address Translation": "Translation Tables", entry
 * formats; "Enhanced-DAT"). A struct dat is one address space whose root
 * is a region-third table (ASCE designation type 01, table length 3:
 * 2048 entries of 2 GiB, 4 TiB in all); its segment and page tables are
 * allocated on demand, every entry invalid until mapped. 4 KiB pages
 * always, 1 MiB segment frames with EDAT-1 and 2 GiB region frames with
 * EDAT-2 (facilities 8 and 78; CR0 bit 40 enables them). dat_enable()
 * loads the ASCE into CR1 (primary space) and sets PSW bit 5;
 * interruption handlers still run with DAT off (real addresses).
 *
 *	dat_init(&d);
 *	dat_map_identity(&d, sclp_info.memory_size);
 *	dat_map_page(&d, 0x40000000, (u64)page);
 *	*dat_pte(&d, 0x40000000) |= PTE_INVALID;
 */
#ifndef HV_S390X_DAT_H
#define HV_S390X_DAT_H

#include <types.h>

/* Region-table entries (first, second, third) and the ASCE. */
#define REGION_INVALID 0x20ULL /* bit 58 */
#define REGION_TT_THIRD 0x04ULL /* bits 60-61: 01 */
#define REGION_FC 0x400ULL /* bit 53: region frame (EDAT-2) */
#define ASCE_DT_REGION_THIRD 0x04ULL /* bits 60-61 */
#define TABLE_LENGTH_MAX 0x03ULL /* bits 62-63: 4 x 512 entries */
/* Segment-table entries. */
#define SEGMENT_FC 0x400ULL /* bit 53: segment frame (EDAT-1) */
#define SEGMENT_PROTECT 0x200ULL /* bit 54 */
#define SEGMENT_INVALID 0x20ULL /* bit 58 */
/* Page-table entries. */
#define PTE_INVALID 0x400ULL /* bit 53 */
#define PTE_PROTECT 0x200ULL /* bit 54 */
/* CR0 bit 40: enhanced-DAT enablement. */
#define CR0_EDAT 0x0000000000800000ULL

#define REGION3_SIZE (1ULL << 31)
#define SEGMENT_SIZE (1ULL << 20)

struct dat {
	u64 *region3; /* 2048 entries */
	u64 asce;
};

/* An empty address space: every region-third entry invalid. */
void dat_init(struct dat *d);
/* Maps 4 KiB VA to real PA (adding segment and page tables as needed). */
void dat_map_page(struct dat *d, u64 va, u64 pa);
/* Maps [0, LEN) to itself with 4 KiB pages. */
void dat_map_identity(struct dat *d, u64 len);
/* EDAT-1: maps the 1 MiB segment at VA to the frame at PA. */
void dat_map_segment(struct dat *d, u64 va, u64 pa);
/* EDAT-2: maps the 2 GiB region at VA to the frame at PA. */
void dat_map_region(struct dat *d, u64 va, u64 pa);
/* The entries that translate VA, or NULL where the level is missing. */
u64 *dat_rtte(struct dat *d, u64 va);
u64 *dat_ste(struct dat *d, u64 va);
u64 *dat_pte(struct dat *d, u64 va);
/* CR1 = the ASCE, PSW bit 5 on; dat_disable() turns it off. */
void dat_enable(struct dat *d);
void dat_disable(void);
/* PURGE TLB: after changing entries of a space in use. */
static inline void ptlb(void)
{
	asm volatile("ptlb" : : : "memory");
}

#endif
