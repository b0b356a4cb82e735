// SPDX-License-Identifier: GPL-2.0-only
/*
 * pgtest.c: paging-test scaffolding (see pgtest.h). A supervisor fetch is
 * a CALL to a RET byte; when the fetch faults, a #PF handler completes the
 * CALL's return itself (SDM vol. 3A 6.14.2 frame: RIP and RSP of the
 * faulting fetch, whose return address is on the stack). Leaving a test's
 * table goes through PCID 0 before CR4 is restored: CR4.PCIDE may be
 * cleared with any PCID current (SDM vol. 2B MOV to CR4), but CR3[11:0]
 * then reads as PWT and PCD (SDM 4.5.2).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/usermode.h>
#include <x86/pgtest.h>

void pgtest_init(struct page_table *pt)
{
	void *stack = alloc_page();

	assert(stack);
	pt_init(pt);
	pt_map_range(pt, 0, 0, PGTEST_LOW_SIZE, PT_LEVEL_2M, PT_RW);
	pt_map(pt, PGTEST_USER_TEXT, (u64)usermode_text, PT_LEVEL_4K, PT_US);
	pt_map(pt, PGTEST_USER_TEXT + PAGE_SIZE, (u64)stack, PT_LEVEL_4K,
	       PT_US | PT_RW);
}

static struct {
	u64 cr0, cr3, cr4, efer;
} saved;

void pgtest_enter(const struct page_table *pt)
{
	saved.cr0 = read_cr0();
	saved.cr4 = read_cr4();
	saved.efer = rdmsr(MSR_EFER);
	saved.cr3 = pt_switch(pt);
}

void pgtest_leave(void)
{
	write_rflags(read_rflags() & ~X86_EFLAGS_AC);
	if (read_cr4() & X86_CR4_PCIDE)
		write_cr3(read_cr3() & PT_ADDR_MASK);
	if (read_cr4() != saved.cr4)
		write_cr4(saved.cr4);
	if (rdmsr(MSR_EFER) != saved.efer)
		wrmsr(MSR_EFER, saved.efer);
	if (read_cr0() != saved.cr0)
		write_cr0(saved.cr0);
	write_cr3(saved.cr3);
}

static u64 fetch_va;
static struct fault fetch_fault;

static void fetch_pf(struct ex_regs *regs)
{
	if (regs->rip != fetch_va)
		test_crash(
			"#PF(%#lx) at rip=%#lx cr2=%#lx, not the fetch at %#lx",
			regs->error_code, regs->rip, read_cr2(), fetch_va);
	fetch_fault = FAULT(PF_VECTOR, (u32)regs->error_code);
	regs->rip = *(u64 *)regs->rsp;
	regs->rsp += 8;
}

static struct fault supervisor_fetch(u64 va)
{
	exception_handler_t old;

	fetch_va = va;
	fetch_fault = FAULT_NONE;
	old = x86_set_handler(PF_VECTOR, fetch_pf);
	asm volatile("call *%0" : : "r"(va) : "memory");
	x86_set_handler(PF_VECTOR, old);
	return fetch_fault;
}

struct fault pgtest_access(u64 va, enum pg_access acc, bool user)
{
	static const void *const user_fn[] = {
		[PG_READ] = usermode_read_byte,
		[PG_WRITE] = usermode_write_byte,
		[PG_FETCH] = usermode_call_fn,
	};
	u64 v;

	if (user)
		return usermode_call(PGTEST_USER_TEXT, user_fn[acc], va,
				     PGTEST_RET_INSN, PGTEST_USER_STACK_TOP,
				     NULL);
	switch (acc) {
	case PG_READ:
		return fault_probe("movzbl (%1), %k0",
				   : "=r"(v)
				   : "r"(va)
				   : "memory");
	case PG_WRITE:
		return fault_probe("movb %1, (%0)",
				   :
				   : "r"(va), "q"((u8)PGTEST_RET_INSN)
				   : "memory");
	default:
		return supervisor_fetch(va);
	}
}

const char *pgtest_access_name(enum pg_access acc)
{
	static const char *const names[] = {"read", "write", "fetch"};

	return names[acc];
}

struct page_table tlbtest_pt;
u64 *tlbtest_page_a, *tlbtest_page_b;

struct page_table *tlbtest_tables(void)
{
	if (tlbtest_pt.root)
		return &tlbtest_pt;
	pgtest_init(&tlbtest_pt);
	tlbtest_page_a = alloc_page();
	tlbtest_page_b = alloc_page();
	assert(tlbtest_page_a && tlbtest_page_b);
	*tlbtest_page_a = TLBTEST_MARK_A;
	*tlbtest_page_b = TLBTEST_MARK_B;
	pt_map(&tlbtest_pt, TLBTEST_VA, (u64)tlbtest_page_a, PT_LEVEL_4K,
	       PT_RW);
	return &tlbtest_pt;
}

void tlbtest_set_pte(u64 *page, u64 flags)
{
	*pt_walk(&tlbtest_pt, TLBTEST_VA, PT_LEVEL_4K, false) =
		(u64)page | PT_P | flags;
}

bool tlbtest_enter(void)
{
	tlbtest_tables();
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	pgtest_enter(&tlbtest_pt);
	return true;
}

const struct test_fixture tlbtest_env = {.name = "tlbtest_env",
					 .setup = tlbtest_enter,
					 .teardown = pgtest_leave};

u64 tlbtest_read(void)
{
	return *(volatile u64 *)TLBTEST_VA;
}

const char *tlbtest_mark_name(u64 v)
{
	return v == TLBTEST_MARK_A   ? "old"
	       : v == TLBTEST_MARK_B ? "new"
				     : "neither";
}
