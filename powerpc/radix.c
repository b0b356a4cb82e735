// SPDX-License-Identifier: GPL-2.0-only
/*
 * radix: the radix tree MMU of a pseries partition after
 * ibm,client-architecture-support (LoPAPR B.6.2.3, option vector 5
 * byte 24; H_REGISTER_PROC_TBL), with the radix_mmu object. Power ISA
 * v3.0B Book III 5.7 (Radix Tree Translation): 4 KiB, 64 KiB, 2 MiB and
 * 1 GiB leaves translate their whole page; an invalid entry raises a data
 * storage interrupt with DSISR[33] (7.5.3), an access the EAA bits do not
 * permit one with DSISR[36] (and [38] for a store), DAR = EA; a
 * privileged page (EAA bit 0) refuses problem-state access; a fetch from
 * a page without execute permission raises an instruction storage
 * interrupt with SRR1[35] (7.5.5); tlbiel and tlbie (Book III 5.9.3,
 * process scope) remove a stale translation; a load sets R and a store
 * sets C in the PTE.
 */
#include <libtest.h>
#include <alloc.h>
#include <powerpc/processor.h>
#include <powerpc/fault.h>
#include <powerpc/hcall.h>
#include <powerpc/radix_mmu.h>
#include <powerpc/probe.h>

/* Test addresses far above RAM: only our entries map them. */
#define EA_BASE 0x4000000000ULL /* 256 GiB */
#define EA_A (EA_BASE + 0x1000)
#define EA_B (EA_BASE + 0x2000)
#define EA_UNMAPPED (EA_BASE + 0x3000)
#define EA_64K (EA_BASE + 0x200000)
#define EA_2M (EA_BASE + 0x400000)
#define EA_1G (EA_BASE + 0x40000000)
#define RWX (RPTE_READ | RPTE_RW | RPTE_EXEC)
#define RC (RPTE_R | RPTE_C)

#define DSISR_ALL ~0U
#define SRR1_ISI_NOEXEC BIT(28) /* bit 35 */

static u64 *page_a, *page_b;

static bool radix_enter(void)
{
	const char *why;

	if (!radix_mmu_setup(&why)) {
		report_skip("%s", why);
		return false;
	}
	page_a = alloc_page();
	page_b = alloc_page();
	page_a[0] = 0xaaaa0000aaaa0000ULL;
	page_b[0] = 0xbbbb0000bbbb0000ULL;
	return true;
}

static void radix_leave(void)
{
	radix_unmap(EA_A, SZ_4K);
	radix_unmap(EA_B, SZ_4K);
	radix_tlbiel_page(EA_A);
	radix_tlbiel_page(EA_B);
	free_page(page_a);
	free_page(page_b);
}

TEST_FIXTURE(radix, radix_enter, radix_leave);

/* LoPAPR B.6.2.3: the negotiated vector 5 names radix. */
TEST_CASE(negotiate)
{
	const struct cas_result *r = radix_cas(false);
	const char *why;

	if (!r->radix_offered)
		return report_skip(
			"no radix in ibm,arch-vec-5-platform-support");
	report_eq(r->status, H_SUCCESS, "client-architecture-support");
	report(r->radix, "ibm,architecture-vec-5 byte 24 selects radix");
	report(radix_mmu_setup(&why), "radix MMU set up");
	report_eq(radix_register_status(), H_SUCCESS,
		  "H_REGISTER_PROC_TBL radix, GTSE");
}

TEST_CASE(translate_4k, .fixture = &radix)
{
	u64 v = 0;

	radix_map(EA_A, (u64)page_a, SZ_4K, RC | RWX);
	report_fault(ppc_probe_load(EA_A, &v), FAULT_NONE,
		     "load through the mapping");
	report_eq(v, page_a[0], "reads the real page");
	report_fault(ppc_probe_store(EA_A + 8, 0x1234), FAULT_NONE,
		     "store through it");
	report_eq(page_a[1], 0x1234, "writes the real page");
}

/*
 * A leaf of SIZE at EA maps the SIZE-aligned real block holding BUF:
 * offsets in it translate, the next SIZE block has no entry.
 */
static void check_large(u64 ea, u64 size, u64 *buf, const char *name)
{
	u64 block = (u64)buf & ~(size - 1), off = (u64)buf - block, v = 0;

	buf[0] = 0x1a2b3c4d00000000ULL | size;
	radix_map(ea, block, size, RC | RWX);
	report_fault(ppc_probe_load(ea + off, &v), FAULT_NONE,
		     "%s: load at +%#llx", name, (unsigned long long)off);
	report_eq(v, buf[0], "%s: reads the real block at the same offset",
		  name);
	report_fault(ppc_probe_store(ea + off + 8, size), FAULT_NONE,
		     "%s: store", name);
	report_eq(buf[1], size, "%s: reaches the real block", name);
	report_fault(ppc_probe_load(ea + size, &v),
		     FAULT_DSI(DSISR_NOTFOUND, DSISR_ALL, ea + size),
		     "%s: the next block has no entry, DSISR[33]", name);
	radix_unmap(ea, size);
	radix_tlbie_page(ea + off);
}

TEST_CASE(page_64k, .fixture = &radix)
{
	u64 *big = alloc_pages(4);

	if (!big)
		return report_skip("no 64 KiB of contiguous memory");
	check_large(EA_64K, SZ_64K, big + 0x9000 / 8, "64 KiB");
	free_pages(big, 4);
}

TEST_CASE(page_2m, .fixture = &radix)
{
	check_large(EA_2M, SZ_2M, page_a, "2 MiB");
}

TEST_CASE(page_1g, .fixture = &radix)
{
	check_large(EA_1G, SZ_1G, page_a, "1 GiB");
}

TEST_CASE(not_present, .fixture = &radix)
{
	u64 v = 0;

	report_fault(ppc_probe_load(EA_UNMAPPED, &v),
		     FAULT_DSI(DSISR_NOTFOUND, DSISR_ALL, EA_UNMAPPED),
		     "load with no entry: DSISR[33], DAR = EA");
	report_fault(ppc_probe_store(EA_UNMAPPED + 0x10, 1),
		     FAULT_DSI(DSISR_NOTFOUND | DSISR_STORE, DSISR_ALL,
			       EA_UNMAPPED + 0x10),
		     "store with no entry: DSISR[33, 38]");
}

TEST_CASE(protection, .fixture = &radix)
{
	u64 v = 0;

	radix_map(EA_A, (u64)page_a, SZ_4K, RC | RPTE_READ);
	report_fault(ppc_probe_load(EA_A, &v), FAULT_NONE,
		     "load from a read-only page");
	report_fault(ppc_probe_store(EA_A + 0x20, 1),
		     FAULT_DSI(DSISR_PROTFAULT | DSISR_STORE, DSISR_ALL,
			       EA_A + 0x20),
		     "store to a read-only page: DSISR[36, 38]");
	report_eq(page_a[4], 0, "and nothing is stored");
	radix_map(EA_B, (u64)page_b, SZ_4K, RC | RPTE_EXEC);
	report_fault(ppc_probe_load(EA_B, &v),
		     FAULT_DSI(DSISR_PROTFAULT, DSISR_ALL, EA_B),
		     "load from an execute-only page: DSISR[36]");
}

/* A stale translation goes with tlbiel, then with tlbie. */
TEST_CASE(invalidation, .fixture = &radix)
{
	u64 v = 0;

	radix_map(EA_A, (u64)page_a, SZ_4K, RC | RWX);
	ppc_probe_load(EA_A, &v);
	report_eq(v, page_a[0], "EA maps page A");
	radix_map(EA_A, (u64)page_b, SZ_4K, RC | RWX);
	radix_tlbiel_page(EA_A);
	ppc_probe_load(EA_A, &v);
	report_eq(v, page_b[0], "after tlbiel EA maps page B");
	radix_unmap(EA_A, SZ_4K);
	radix_tlbie_page(EA_A);
	report_fault(ppc_probe_load(EA_A, &v),
		     FAULT_DSI(DSISR_NOTFOUND, DSISR_ALL, EA_A),
		     "after tlbie no stale translation");
}

/* EAA bit 0 (privileged): no problem-state access; supervisor may. */
TEST_CASE(privileged_page, .fixture = &radix)
{
	const char *why;
	u64 v = 0;
	struct fault user_faults[3];
	u64 user_value = 0, scratch = 0;
	bool ok;

	radix_map(EA_A, (u64)page_a, SZ_4K, RC | RPTE_PRIV | RWX);
	radix_map(EA_B, (u64)page_b, SZ_4K, RC | RWX);
	radix_tlbiel_page(EA_A);
	radix_tlbiel_page(EA_B);
	report_fault(ppc_probe_load(EA_A, &v), FAULT_NONE,
		     "supervisor load from a privileged page");
	user_faults[0] =
		ppc_user_probe(PPC_USER_LOAD, EA_A, &scratch, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	user_faults[1] =
		ppc_user_probe(PPC_USER_LOAD, EA_B, &user_value, &ok, &why);
	user_faults[2] =
		ppc_user_probe(PPC_USER_STORE, EA_B + 8, &scratch, &ok, &why);
	report_fault(user_faults[0],
		     FAULT_DSI(DSISR_PROTFAULT, DSISR_ALL, EA_A),
		     "problem-state load from a privileged page: DSISR[36]");
	report_fault(user_faults[1], FAULT_NONE,
		     "problem-state load from a user page");
	report_eq(user_value, page_b[0], "reads the page");
	report_fault(user_faults[2], FAULT_NONE,
		     "problem-state store to a user read/write page");
}

#define BLR 0x4e800020U

/* 7.5.5: a fetch from a page without EAA execute permission. */
TEST_CASE(execute, .fixture = &radix)
{
	const char *why;
	struct fault user_faults[2];
	bool ok;

	*(u32 *)page_a = BLR;
	*(u32 *)page_b = BLR;
	sync_icache((u64)page_a, (u64)page_a + 4);
	sync_icache((u64)page_b, (u64)page_b + 4);
	radix_map(EA_A, (u64)page_a, SZ_4K, RC | RWX);
	radix_map(EA_B, (u64)page_b, SZ_4K, RC | RPTE_READ | RPTE_RW);
	radix_tlbiel_page(EA_A);
	radix_tlbiel_page(EA_B);
	user_faults[0] = ppc_user_probe(PPC_USER_FETCH, EA_A, NULL, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	user_faults[1] = ppc_user_probe(PPC_USER_FETCH, EA_B, NULL, &ok, &why);
	report_fault(user_faults[0], FAULT_NONE,
		     "branch to an executable page and back");
	report_fault(user_faults[1],
		     ((struct fault){.raised = true,
				     .vector = VEC_ISI,
				     .srr1 = SRR1_ISI_NOEXEC,
				     .srr1_mask = GENMASK(30, 27)}),
		     "fetch from a page without execute: ISI, SRR1[35]");
}

/*
 * Reference and change recording (Book III 5.7, radix PTE bits 55 and
 * 56, as 5.7.8 states them for the hashed table): a load sets R and
 * leaves C clear, a store sets C.
 */
TEST_CASE(reference_change, .fixture = &radix)
{
	u64 v = 0, r0, r1, r2;

	radix_map(EA_A, (u64)page_a, SZ_4K, RWX);
	radix_tlbiel_page(EA_A);
	r0 = radix_read_pte(EA_A, SZ_4K);
	report_fault(ppc_probe_load(EA_A, &v), FAULT_NONE,
		     "load from a page, R = C = 0");
	r1 = radix_read_pte(EA_A, SZ_4K);
	report_fault(ppc_probe_store(EA_A, v), FAULT_NONE, "store to it");
	r2 = radix_read_pte(EA_A, SZ_4K);
	report_eq(r0 & RC, 0, "R and C clear when mapped");
	report_eq(r1 & RC, RPTE_R, "a load sets R only");
	report_eq(r2 & RC, RC, "a store sets C");
}
