// SPDX-License-Identifier: GPL-2.0-only
/*
 * usermode.c: run code at CPL3 (see usermode.h). The way back to CPL0 is an
 * exception through an IDT gate (SDM vol. 3A 6.12.1); its handler rewrites the
 * saved frame (RIP, CS, RFLAGS, RSP, SS; SDM vol. 3A 6.14.2) so that the
 * handler's IRET lands in usermode_resume at CPL0. The stack for the
 * privilege change comes from TSS.RSP0 (SDM vol. 3A 6.12.1, 8.7 64-bit
 * TSS: RSP0 at byte offset 4), found through GDTR and TR.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/usermode.h>
#include <x86/paging.h>

#define KSTACK_ORDER 2 /* 16 KiB for handlers entered from CPL3 */

extern char usermode_trampoline[], usermode_return[], usermode_resume[];
extern u64 usermode_kernel_rsp;
u64 usermode_enter(u64 entry, u64 arg1, u64 arg2, u64 fn, u64 user_rsp);

#define VECTORS                                                              \
	(BIT(DE_VECTOR) | BIT(BP_VECTOR) | BIT(OF_VECTOR) | BIT(BR_VECTOR) | \
	 BIT(UD_VECTOR) | BIT(NP_VECTOR) | BIT(SS_VECTOR) | BIT(GP_VECTOR) | \
	 BIT(PF_VECTOR) | BIT(AC_VECTOR))

static struct fault user_fault;
static u64 kernel_rflags;
static u64 return_va; /* usermode_return as mapped */

static void set_tss_rsp0(u64 rsp0)
{
	struct desc_ptr gdtr;
	u16 tr;
	u64 lo, hi, base;

	asm volatile("sgdt %0" : "=m"(gdtr));
	asm volatile("str %0" : "=rm"(tr));
	lo = *(u64 *)(gdtr.base + (tr & ~7));
	hi = *(u64 *)(gdtr.base + (tr & ~7) + 8);
	base = ((lo >> 16) & 0xffffff) | (((lo >> 56) & 0xff) << 24) |
	       ((hi & 0xffffffff) << 32);
	memcpy((void *)(base + 4), &rsp0, sizeof(rsp0));
}

/* Back to CPL0 in usermode_call() with RAX = VAL. */
static void resume_kernel(struct ex_regs *regs, u64 val)
{
	regs->rax = val;
	regs->rip = (u64)usermode_resume;
	regs->cs = KERNEL_CS;
	regs->ss = KERNEL_DS;
	regs->rsp = usermode_kernel_rsp;
	regs->rflags = kernel_rflags;
}

/* Exceptions at CPL3 only: at CPL0 the vectors' own handlers run. */
static void usermode_handler(struct ex_regs *regs)
{
	if (regs->vector != UD_VECTOR || regs->rip != return_va)
		user_fault = FAULT(regs->vector, (u32)regs->error_code);
	resume_kernel(regs, regs->rax);
}

struct fault usermode_call(u64 text_va, const void *fn, u64 arg1, u64 arg2,
			   u64 stack_top, u64 *ret)
{
	static void *kstack;
	u64 val;

	if (!kstack) {
		kstack = alloc_pages(KSTACK_ORDER);
		assert(kstack);
		set_tss_rsp0((u64)kstack + (PAGE_SIZE << KSTACK_ORDER));
	}
	return_va = usermode_addr(text_va, usermode_return);
	x86_cpl3_handler(VECTORS, usermode_handler);
	user_fault = FAULT_NONE;
	kernel_rflags = read_rflags();
	val = usermode_enter(usermode_addr(text_va, usermode_trampoline), arg1,
			     arg2, usermode_addr(text_va, fn), stack_top);
	x86_cpl3_handler(0, NULL);
	if (!user_fault.raised && ret)
		*ret = val;
	return user_fault;
}

struct page_table *usermode_flat_tables(u64 *stack_top)
{
	static struct page_table pt;
	static u8 *stack;

	if (!stack) {
		pt_init(&pt);
		pt_map_range(&pt, 0, 0, 3ULL << 30, PT_LEVEL_2M, PT_RW | PT_US);
		pt_map_range(&pt, 3ULL << 30, 3ULL << 30, 1ULL << 30,
			     PT_LEVEL_2M, PT_RW | PT_US | PT_PCD | PT_PWT);
		stack = alloc_pages(1);
		assert(stack);
	}
	*stack_top = (u64)stack + 2 * PAGE_SIZE;
	return &pt;
}
