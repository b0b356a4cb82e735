/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * radix_mmu.h: the radix tree MMU object of a pseries guest (Power ISA
 * v3.0B Book III 5.7: the process table, Radix Tree Translation, the
 * radix page table entry with its EAA protection bits; LoPAPR
 * ibm,client-architecture-support option vector 5 bytes 23, 24 and 26,
 * and H_REGISTER_PROC_TBL). PAPR starts a partition in hashed page table
 * mode: radix_cas() negotiates radix (and, when asked, the XIVE
 * exploitation mode) through QEMU's KVMPPC_H_CAS hypercall, the entry
 * SLOF's ibm,client-architecture-support method uses (QEMU
 * docs/specs/ppc-spapr-hcalls); radix_mmu_setup() then registers a
 * process table whose entry 0 (PIDR = 0, quadrants 0 and 3) roots a
 * 4-level tree for 52-bit effective addresses (13, 9, 9, 9 index bits):
 * leaves at level 2 are 1 GiB pages, at level 3 2 MiB pages, at level 4
 * 4 KiB pages, or 64 KiB pages in a 32-entry level-4 table. The RAM the
 * image lives in is mapped identity (2 MiB pages, read/write/execute for
 * both privilege levels, R and C set), so relocation can be turned on.
 * The tables are big-endian whatever MSR[LE] is.
 */
#ifndef HV_POWERPC_RADIX_MMU_H
#define HV_POWERPC_RADIX_MMU_H

#include <types.h>

/* Radix PTE (Book III 5.7, bit numbers of the 64-bit entry). */
#define RPTE_V BIT(63) /* valid */
#define RPTE_L BIT(62) /* leaf */
#define RPTE_R BIT(8) /* bit 55: referenced */
#define RPTE_C BIT(7) /* bit 56: changed */
#define RPTE_PRIV BIT(3) /* bit 60: privileged access only */
#define RPTE_READ BIT(2) /* bit 61 */
#define RPTE_RW BIT(1) /* bit 62: read and write */
#define RPTE_EXEC BIT(0) /* bit 63 */
#define RPTE_RPN_MASK 0x01fffffffffff000ULL /* bits 7:51 */

#define SZ_4K (1ULL << 12)
#define SZ_64K (1ULL << 16)
#define SZ_2M (1ULL << 21)
#define SZ_1G (1ULL << 30)

/* Option vector 5 results of the negotiation (LoPAPR B.6.2.3). */
struct cas_result {
	long status; /* KVMPPC_H_CAS */
	bool radix_offered; /* ibm,arch-vec-5-platform-support byte 24 */
	bool xive_offered; /* byte 23 */
	bool radix; /* /chosen ibm,architecture-vec-5 after the call */
	bool xive;
	/* The device tree QEMU returned (kept), NULL when there is none. */
	const void *fdt;
};

/*
 * Negotiates radix (and XIVE exploitation when WANT_XIVE) once; later
 * calls return the first result. The call is made only when the
 * platform offers radix (asking for an unoffered mode ends QEMU).
 */
const struct cas_result *radix_cas(bool want_xive);
/*
 * CAS, the process table (H_REGISTER_PROC_TBL: radix, GTSE) and the
 * identity map; false with the reason in *why when radix is not offered.
 */
bool radix_mmu_setup(const char **why);
/* True once radix_mmu_setup() has succeeded. */
bool radix_mmu_active(void);
/* The status of the H_REGISTER_PROC_TBL call radix_mmu_setup() made. */
long radix_register_status(void);
/*
 * Maps the SIZE page (SZ_4K, SZ_64K, SZ_2M, SZ_1G) at EA to RA with
 * FLAGS (RPTE_R/C/PRIV/READ/RW/EXEC); replaces any leaf there. The
 * caller invalidates the old translation (radix_invalidate()).
 */
void radix_map(u64 ea, u64 ra, u64 size, u64 flags);
/* Clears EA's leaf (V = 0); the caller invalidates. */
void radix_unmap(u64 ea, u64 size);
/* The leaf for EA in CPU order, 0 when there is none. */
u64 radix_read_pte(u64 ea, u64 size);
/* tlbiel of EA's 4 KiB page, PID 0, process scope, then ptesync. */
void radix_tlbiel_page(u64 ea);
/* tlbie of EA's page (4 KiB AP), process scope PID 0, eieio tlbsync ptesync. */
void radix_tlbie_page(u64 ea);

#endif
