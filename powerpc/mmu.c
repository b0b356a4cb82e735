// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmu: hashed page table translation of a pseries guest (Power ISA v3.0B
 * Book III 5.7; LoPAPR 1.1 14.5.4.1 H_ENTER/H_REMOVE/H_READ), with the
 * hash_mmu object. A mapped page translates to its real page; an address
 * with no entry raises a data storage interrupt with DSISR[33] (5.7.7.3,
 * 7.5.3), a store to a read-only page one with DSISR[36, 38] (5.7.9.2),
 * DAR = EA; the reference and change bits are set by the accesses
 * (5.7.8) and H_CLEAR_REF/H_CLEAR_MOD clear them; H_PROTECT and H_REMOVE
 * invalidate the translation (no stale TLB entry) and a new entry for the
 * same address takes effect; in problem state the
 * key-1 column of the PP table applies (5.7.9.2, Table 9); instruction
 * fetch from a no-execute page or an unmapped one raises an instruction
 * storage interrupt with SRR1[35] or SRR1[33] (7.5.5); a 64 KiB page
 * translates whole (5.7.7, ibm,segment-page-sizes).
 */
#include <libtest.h>
#include <alloc.h>
#include <powerpc/processor.h>
#include <powerpc/fault.h>
#include <powerpc/hcall.h>
#include <powerpc/rtas.h>
#include <powerpc/hash_mmu.h>
#include <powerpc/probe.h>

/* Test addresses in segment 0, above RAM: only our entries map them. */
#define EA_A 0x0f000000ULL
#define EA_B 0x0f001000ULL
#define EA_UNMAPPED 0x0f002000ULL

#define DSISR_ALL ~0U
/* SRR1 33:36 and 42:47 are 0 for a data storage interrupt (7.5.3). */
#define SRR1_INT_BITS (GENMASK(30, 27) | GENMASK(21, 16))
#define DSI_AT(dsisr_, mask_, dar_)                               \
	({                                                        \
		struct fault f_ = FAULT_DSI(dsisr_, mask_, dar_); \
		f_.srr1_mask = SRR1_INT_BITS;                     \
		f_;                                               \
	})
#define SRR1_ISI_NOTFOUND BIT(30) /* bit 33 */
#define SRR1_ISI_NOEXEC BIT(28) /* bit 35 */

static u64 *page_a, *page_b;

static bool mapped_enter(void)
{
	const char *why;

	if (!hash_mmu_setup(&why)) {
		report_skip("%s", why);
		return false;
	}
	page_a = alloc_page();
	page_b = alloc_page();
	page_a[0] = 0xaaaa0000aaaa0000ULL;
	page_b[0] = 0xbbbb0000bbbb0000ULL;
	hash_segment_on();
	return true;
}

static void mapped_leave(void)
{
	hash_unmap(EA_A);
	hash_unmap(EA_B);
	hash_segment_off();
	free_page(page_a);
	free_page(page_b);
}

TEST_FIXTURE(mapped, mapped_enter, mapped_leave);

TEST_CASE(translate, .fixture = &mapped)
{
	u64 v = 0;

	report_eq(hash_map(EA_A, (u64)page_a, HPTE_PP_RW), H_SUCCESS,
		  "H_ENTER EA %#llx -> RA %p", EA_A, page_a);
	report_fault(ppc_probe_load(EA_A, &v), FAULT_NONE,
		     "load through the mapping");
	report_eq(v, page_a[0], "reads the real page");
	report_fault(ppc_probe_store(EA_A + 8, 0x1234), FAULT_NONE,
		     "store through it");
	report_eq(page_a[1], 0x1234, "writes the real page");
}

TEST_CASE(not_found, .fixture = &mapped)
{
	u64 v = 0;

	report_fault(ppc_probe_load(EA_UNMAPPED, &v),
		     DSI_AT(DSISR_NOTFOUND, DSISR_ALL, EA_UNMAPPED),
		     "load with no entry: DSISR[33], DAR = EA");
	report_fault(ppc_probe_store(EA_UNMAPPED + 0x10, 1),
		     DSI_AT(DSISR_NOTFOUND | DSISR_STORE, DSISR_ALL,
			    EA_UNMAPPED + 0x10),
		     "store with no entry: DSISR[33, 38]");
}

TEST_CASE(protection, .fixture = &mapped)
{
	u64 v = 0;

	hash_map(EA_A, (u64)page_a, HPTE_PP_RO);
	report_fault(ppc_probe_load(EA_A, &v), FAULT_NONE,
		     "load from a read-only page");
	report_fault(
		ppc_probe_store(EA_A + 0x20, 1),
		DSI_AT(DSISR_PROTFAULT | DSISR_STORE, DSISR_ALL, EA_A + 0x20),
		"store to a read-only page: DSISR[36, 38]");
	report_eq(page_a[4], 0, "and nothing is stored");
}

TEST_CASE(reference_change, .fixture = &mapped)
{
	u64 v = 0, r0, r1, r2;

	hash_map(EA_A, (u64)page_a, HPTE_PP_RW);
	r0 = hash_read_pte(EA_A);
	ppc_probe_load(EA_A, &v);
	r1 = hash_read_pte(EA_A);
	ppc_probe_store(EA_A, v);
	r2 = hash_read_pte(EA_A);
	report_eq(r0 & (HPTE_R_R | HPTE_R_C), 0, "R and C clear when entered");
	report_eq(r1 & (HPTE_R_R | HPTE_R_C), HPTE_R_R, "a load sets R only");
	report_eq(r2 & (HPTE_R_R | HPTE_R_C), HPTE_R_R | HPTE_R_C,
		  "a store sets C");
}

/*
 * LoPAPR 14.5.4.1.5, 14.5.4.1.6: H_CLEAR_MOD and H_CLEAR_REF, of the
 * hcall-pft function set (Table 14.2), clear C and R.
 */
TEST_CASE(clear_reference_change, .fixture = &mapped)
{
	u64 v = 0, old = 0;

	if (!hypertas_offers("hcall-pft"))
		return report_skip("hcall-pft not in ibm,hypertas-functions");
	hash_map(EA_A, (u64)page_a, HPTE_PP_RW);
	ppc_probe_load(EA_A, &v);
	ppc_probe_store(EA_A, v);
	report_eq(hash_clear_mod(EA_A, &old), H_SUCCESS, "H_CLEAR_MOD");
	report_eq(old & HPTE_R_C, HPTE_R_C, "returns the entry with C set");
	report_eq(hash_read_pte(EA_A) & HPTE_R_C, 0, "C is clear");
	report_eq(hash_clear_ref(EA_A, &old), H_SUCCESS, "H_CLEAR_REF");
	report_eq(old & HPTE_R_R, HPTE_R_R, "returns the entry with R set");
	report_eq(hash_read_pte(EA_A) & HPTE_R_R, 0, "R is clear");
	ppc_probe_store(EA_A, v);
	report_eq(hash_read_pte(EA_A) & (HPTE_R_R | HPTE_R_C),
		  HPTE_R_R | HPTE_R_C, "a store sets R and C again");
}

/*
 * LoPAPR 14.5.4.1.3: H_PROTECT changes PP and invalidates the old
 * translation: a store that went through before faults after it.
 */
TEST_CASE(protect, .fixture = &mapped)
{
	hash_map(EA_A, (u64)page_a, HPTE_PP_RW);
	report_fault(ppc_probe_store(EA_A + 0x30, 5), FAULT_NONE,
		     "store to a RW page");
	report_eq(hash_protect(EA_A, HPTE_PP_RO), H_SUCCESS,
		  "H_PROTECT to read-only");
	report_fault(
		ppc_probe_store(EA_A + 0x30, 6),
		DSI_AT(DSISR_PROTFAULT | DSISR_STORE, DSISR_ALL, EA_A + 0x30),
		"the same store now: DSISR[36, 38]");
	report_eq(page_a[6], 5, "memory keeps the first store");
}

TEST_CASE(invalidation, .fixture = &mapped)
{
	u64 v = 0;

	hash_map(EA_A, (u64)page_a, HPTE_PP_RW);
	ppc_probe_load(EA_A, &v);
	report_eq(v, page_a[0], "EA maps page A");
	report_eq(hash_unmap(EA_A), H_SUCCESS, "H_REMOVE");
	report_fault(ppc_probe_load(EA_A, &v),
		     DSI_AT(DSISR_NOTFOUND, DSISR_ALL, EA_A),
		     "no stale translation after H_REMOVE");
	hash_map(EA_A, (u64)page_b, HPTE_PP_RW);
	ppc_probe_load(EA_A, &v);
	report_eq(v, page_b[0], "the new entry maps page B");
}

/* 5.7.9.2: PP 000 is no access and PP 001 read-only for key 1. */
TEST_CASE(problem_state_keys, .fixture = &mapped)
{
	const char *why;
	struct fault user_faults[3];
	u64 user_value = 0, scratch = 0;
	bool ok;

	hash_map(EA_A, (u64)page_a, HPTE_PP_RW_NONE);
	hash_map(EA_B, (u64)page_b, HPTE_PP_RW_RO);
	user_faults[0] =
		ppc_user_probe(PPC_USER_LOAD, EA_A, &scratch, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	user_faults[1] =
		ppc_user_probe(PPC_USER_LOAD, EA_B, &user_value, &ok, &why);
	user_faults[2] =
		ppc_user_probe(PPC_USER_STORE, EA_B, &scratch, &ok, &why);
	report_fault(user_faults[0], DSI_AT(DSISR_PROTFAULT, DSISR_ALL, EA_A),
		     "problem-state load, PP 000: DSISR[36]");
	report_fault(user_faults[1], FAULT_NONE, "problem-state load, PP 001");
	report_eq(user_value, page_b[0], "reads the page");
	report_fault(user_faults[2],
		     DSI_AT(DSISR_PROTFAULT | DSISR_STORE, DSISR_ALL, EA_B),
		     "problem-state store, PP 001: DSISR[36, 38]");
}

#define BLR 0x4e800020U

/* 7.5.5: fetch from an N = 1 page and from an unmapped address. */
TEST_CASE(execute, .fixture = &mapped)
{
	const char *why;
	struct fault user_faults[3];
	bool ok;

	*(u32 *)page_a = BLR;
	*(u32 *)page_b = BLR;
	sync_icache((u64)page_a, (u64)page_a + 4);
	sync_icache((u64)page_b, (u64)page_b + 4);
	hash_map(EA_A, (u64)page_a, HPTE_PP_RW);
	hash_map(EA_B, (u64)page_b, HPTE_PP_RW | HPTE_R_N);
	user_faults[0] = ppc_user_probe(PPC_USER_FETCH, EA_A, NULL, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	user_faults[1] = ppc_user_probe(PPC_USER_FETCH, EA_B, NULL, &ok, &why);
	user_faults[2] =
		ppc_user_probe(PPC_USER_FETCH, EA_UNMAPPED, NULL, &ok, &why);
	report_fault(user_faults[0], FAULT_NONE,
		     "branch to an executable page and back");
	report_fault(user_faults[1],
		     ((struct fault){.raised = true,
				     .vector = VEC_ISI,
				     .srr1 = SRR1_ISI_NOEXEC,
				     .srr1_mask = GENMASK(30, 27)}),
		     "fetch from a no-execute page: ISI, SRR1[35]");
	report_fault(user_faults[2],
		     ((struct fault){.raised = true,
				     .vector = VEC_ISI,
				     .srr1 = SRR1_ISI_NOTFOUND,
				     .srr1_mask = GENMASK(30, 27)}),
		     "fetch with no entry: ISI, SRR1[33]");
}

#define EA_64K 0x1f000000ULL /* segment 1: 64 KiB pages */
#define SIZE_64K 0x10000ULL

/*
 * 5.7.7 with a 64 KiB base page size: one entry translates all 64 KiB,
 * the next 64 KiB has none.
 */
TEST_CASE(page_64k, .fixture = &mapped)
{
	u64 *big = alloc_pages(4), v = 0, rc;

	if (!big)
		return report_skip("no 64 KiB of contiguous memory");
	big[0] = 0x6464000000000000ULL;
	big[0x8000 / 8] = 0x6464000080000000ULL;
	big[0xfff8 / 8] = 0x646400000000fff8ULL;
	rc = hash_map(EA_64K, (u64)big, HPTE_PP_RW);
	report_eq(rc, H_SUCCESS, "H_ENTER of a 64 KiB page");
	if (rc == H_SUCCESS) {
		ppc_probe_load(EA_64K + 0x8000, &v);
		report_eq(v, big[0x8000 / 8], "offset 0x8000 translates");
		ppc_probe_load(EA_64K + 0xfff8, &v);
		report_eq(v, big[0xfff8 / 8], "offset 0xfff8 translates");
		report_fault(ppc_probe_store(EA_64K + 0x4000, 0x4000),
			     FAULT_NONE, "store at offset 0x4000");
		report_eq(big[0x4000 / 8], 0x4000, "reaches the real page");
		report_fault(
			ppc_probe_load(EA_64K + SIZE_64K, &v),
			DSI_AT(DSISR_NOTFOUND, DSISR_ALL, EA_64K + SIZE_64K),
			"the next 64 KiB: no entry, DSISR[33]");
		hash_unmap(EA_64K);
	}
	free_pages(big, 4);
}
