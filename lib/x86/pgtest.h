/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pgtest.h: the scaffolding paging tests share (access, smap, smep, pku,
 * pcid, tlb, reserved): a page table of the test's own with low memory
 * identity-mapped for the supervisor, the CPL3 helper page and a user
 * stack; entering it with the paging controls saved and leaving it with
 * them restored (what a fixture's setup and teardown call); one access
 * (read, write or instruction fetch, at CPL0 or CPL3) that reports the
 * exception it raised instead of crashing; and the fixture of the TLB
 * tests (tlb, pcid): one linear address whose PTE a case points at one of
 * two marked pages.
 *
 * Intel SDM vol. 3A 2.5 (CR0, CR4), 4.5 (4-level and 5-level paging),
 * 4.5.2 and 4.10.1 (CR3 with CR4.PCIDE = 1), 4.6.1 (supervisor- and
 * user-mode accesses), 4.7 (page-fault error code, figure 4-12), 4.10.4
 * (TLB invalidation); AMD APM vol. 2 5.3 and 8.4.2.
 */
#ifndef HV_X86_PGTEST_H
#define HV_X86_PGTEST_H

#include <libtest.h>
#include <x86/fault.h>
#include <x86/paging.h>

/* PML4 slot 1 is left empty for the test's own mappings. */
#define PGTEST_BASE (1ULL << 39)
/* PML4 slot 2: the CPL3 helper page (usermode.h) and a stack above it. */
#define PGTEST_USER_TEXT (2ULL << 39)
#define PGTEST_USER_STACK_TOP (PGTEST_USER_TEXT + 2 * PAGE_SIZE)
/* Identity-mapped with supervisor-only 2 MiB pages: all the allocator has. */
#define PGTEST_LOW_SIZE (3ULL << 30)

/* The byte a fetch executes: RET, so a completed fetch comes back. */
#define PGTEST_RET_INSN 0xc3

enum pg_access { PG_READ, PG_WRITE, PG_FETCH };

/*
 * Builds PT as described above (it does not load it: pt_switch() does).
 * The tables of PML4 slot 1 are created by the test with pt_map().
 */
void pgtest_init(struct page_table *pt);

/*
 * Saves CR0, CR3, CR4 and IA32_EFER, then loads PT. pgtest_leave() puts
 * them back whatever the case changed: CR3 first to PCID 0 of the current
 * table (when CR4.PCIDE = 1), then CR4, IA32_EFER, CR0 and CR3, and clears
 * EFLAGS.AC. One level only: every enter is followed by one leave.
 */
void pgtest_enter(const struct page_table *pt);
void pgtest_leave(void);

/*
 * Makes one access to VA: a byte read, a byte write of PGTEST_RET_INSN, or
 * an instruction fetch by CALL (VA must hold PGTEST_RET_INSN), at CPL0 or,
 * with USER, at CPL3 through usermode_call(). Returns the exception raised
 * (CR2 is left as the fault set it) or FAULT_NONE.
 */
struct fault pgtest_access(u64 va, enum pg_access acc, bool user);

/* "read", "write", "fetch". */
const char *pgtest_access_name(enum pg_access acc);

/*
 * TLB tests: TLBTEST_VA (4 KiB PTE in tlbtest_pt, built on first use by
 * tlbtest_tables()) maps tlbtest_page_a, which holds TLBTEST_MARK_A, or
 * tlbtest_page_b, which holds TLBTEST_MARK_B. The fixture tlbtest_env
 * enters the table (pgtest_enter) with the PTE on page A, read-write, and
 * leaves it after the case.
 */
#define TLBTEST_VA PGTEST_BASE
#define TLBTEST_MARK_A 0xaaaaaaaa00000001ULL
#define TLBTEST_MARK_B 0xbbbbbbbb00000002ULL

extern struct page_table tlbtest_pt;
extern u64 *tlbtest_page_a, *tlbtest_page_b;
extern const struct test_fixture tlbtest_env;

struct page_table *tlbtest_tables(void);
/* tlbtest_env's setup (its teardown is pgtest_leave), for a fixture on top. */
bool tlbtest_enter(void);
/* Points the PTE of TLBTEST_VA at PAGE with P and FLAGS, no invalidation. */
void tlbtest_set_pte(u64 *page, u64 flags);
/* The quadword at TLBTEST_VA through whatever translation the CPU uses. */
u64 tlbtest_read(void);
/* "old" (mark A), "new" (mark B) or "neither", for information lines. */
const char *tlbtest_mark_name(u64 v);

#endif
