/*
 * pgtest.h: the scaffolding paging tests share (smap, smep, pku, pcid, tlb,
 * reserved): a 4-level page table of the test's own with low memory
 * identity-mapped for the supervisor, the CPL3 helper page and a user
 * stack, and one access (read, write or instruction fetch, at CPL0 or
 * CPL3) that reports the exception it raised instead of crashing.
 *
 * Intel SDM vol. 3A 4.5 (4-level paging), 4.6.1 (supervisor- and user-mode
 * accesses), 4.7 (page-fault error code, figure 4-12); AMD APM vol. 2 5.3
 * and 8.4.2.
 */
#ifndef HV_X86_PGTEST_H
#define HV_X86_PGTEST_H

#include <types.h>
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
 * Makes one access to VA: a byte read, a byte write of PGTEST_RET_INSN, or
 * an instruction fetch by CALL (VA must hold PGTEST_RET_INSN), at CPL0 or,
 * with USER, at CPL3 through usermode_call(). Returns the exception raised
 * (CR2 is left as the fault set it) or FAULT_NONE.
 */
struct fault pgtest_access(u64 va, enum pg_access acc, bool user);

/* "read", "write", "fetch". */
const char *pgtest_access_name(enum pg_access acc);

#endif
