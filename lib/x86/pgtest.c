/*
 * pgtest.c: paging-test scaffolding (see pgtest.h). A supervisor fetch is
 * a CALL to a RET byte; when the fetch faults, a #PF handler completes the
 * CALL's return itself (SDM vol. 3A 6.14.2 frame: RIP and RSP of the
 * faulting fetch, whose return address is on the stack).
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
