/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hash_mmu.h: the hashed page table MMU object of a pseries guest (Power ISA
 * v3.0 Book III 5.7.7 segment lookup and SLB, 5.7.7.1-5.7.7.3 hashed page
 * table search, 5.7.9 storage protection; LoPAPR 1.1 14.5.4.1 H_ENTER,
 * H_REMOVE, H_READ, H_PROTECT, H_CLEAR_MOD, H_CLEAR_REF: the only way a PAPR
 * partition writes its page table). PAPR starts a partition in hashed page
 * table mode (the radix process table needs ibm,client-architecture-support
 * first), so this is the MMU every CPU model here offers.
 *
 * Segment 0 (EA 0 to 256 MiB, our VSID, Ks = 0, Kp = 1, 4 KiB pages)
 * covers the RAM the guest runs in; segment 1 (256 to 512 MiB) has 64 KiB
 * pages. hash_mmu_setup() maps the image identity, 4 KiB pages, read/write for
 * both keys (the page table is the partition's and stays mapped); tests map
 * and unmap their own pages with the protection they need, and turn the
 * segment on and off around relocated code (hash_segment_on/off: an SLB
 * entry is per CPU state).
 */
#ifndef HV_POWERPC_HASH_MMU_H
#define HV_POWERPC_HASH_MMU_H

#include <types.h>

/* Doubleword 1 of a page table entry (5.7.7.2, Figure 22). */
#define HPTE_R_R BIT(8) /* referenced */
#define HPTE_R_C BIT(7) /* changed */
#define HPTE_R_M BIT(4) /* memory coherence (WIMG = 0010 for RAM) */
#define HPTE_R_N BIT(2) /* no-execute */
/* PP0 || PP (5.7.9.2, Table 9): key 0 (supervisor), key 1 (problem). */
#define HPTE_PP_RW_NONE 0x0 /* supervisor read/write, problem no access */
#define HPTE_PP_RW_RO 0x1 /* supervisor read/write, problem read-only */
#define HPTE_PP_RW 0x2 /* read/write for both */
#define HPTE_PP_RO 0x3 /* read-only for both */

#define HASH_SEGMENT_SIZE (256ULL << 20)

/*
 * Reads the page table size (ibm,pft-size), maps the image identity.
 * False, with the reason in *why, when the partition offers no hashed
 * page table.
 */
bool hash_mmu_setup(const char **why);
/*
 * Maps the page at EA (4 KiB in segment 0, 64 KiB in segment 1) to RA
 * with PROT = HPTE_PP_* | HPTE_R_N; the H_ENTER status.
 */
long hash_map(u64 ea, u64 ra, u64 prot);
/* Removes the mapping of EA (H_REMOVE invalidates the TLB); the status. */
long hash_unmap(u64 ea);
/* Doubleword 1 of EA's page table entry (H_READ), 0 when unmapped. */
u64 hash_read_pte(u64 ea);
/*
 * Changes EA's PP bits and N to PROT (H_PROTECT, which invalidates the
 * old translation); the status.
 */
long hash_protect(u64 ea, u64 prot);
/*
 * Clears C (H_CLEAR_MOD) or R (H_CLEAR_REF) of EA's entry; the status,
 * with doubleword 1 as it was in *old.
 */
long hash_clear_mod(u64 ea, u64 *old);
long hash_clear_ref(u64 ea, u64 *old);
/* Loads and removes this CPU's SLB entries for segments 0 and 1. */
void hash_segment_on(void);
void hash_segment_off(void);

#endif
