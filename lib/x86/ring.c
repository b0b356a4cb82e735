// SPDX-License-Identifier: GPL-2.0-only
/*
 * ring.c: run code at a chosen CS, SS and CPL and catch where it stops (see
 * ring.h). Every exception vector but NMI, #DF and #MC is taken over for
 * the call; the handler keeps the frame (SDM vol. 3A 6.14.2) and rewrites
 * it so that its IRET lands in ring_resume at CPL0 (SDM vol. 2A IRET:
 * return to the same privilege level pops SS:RSP in 64-bit mode).
 */
#include <libtest.h>
#include <x86/exceptions.h>
#include <x86/processor.h>
#include <x86/ring.h>

#define RSP0_ORDER 2 /* 16 KiB for exceptions taken from CPL3 */

extern char ring_resume[];
extern u64 ring_kernel_rsp;
void ring_enter(const struct ring_start *s);

/* Every exception vector but NMI, #DF and #MC. */
#define TAKEN \
	(0xffffffffU & ~(BIT(NMI_VECTOR) | BIT(DF_VECTOR) | BIT(MC_VECTOR)))

static exception_handler_t saved[32];
static struct ring_stop stop;
static u64 kernel_rflags;
static u8 *rsp0_stack;

static void ring_handler(struct ex_regs *regs)
{
	stop.regs = *regs;
	stop.frame = (u64)regs;
	if (regs->vector == UD_VECTOR && regs->rip == (u64)ring_land)
		stop.fault = FAULT_NONE;
	else
		stop.fault = FAULT(regs->vector, (u32)regs->error_code);
	regs->rip = (u64)ring_resume;
	regs->cs = KERNEL_CS;
	regs->ss = KERNEL_DS;
	regs->rsp = ring_kernel_rsp;
	regs->rflags = kernel_rflags;
}

u64 ring_rsp0_top(void)
{
	if (!rsp0_stack) {
		rsp0_stack = alloc_pages(RSP0_ORDER);
		assert(rsp0_stack);
	}
	return (u64)rsp0_stack + (PAGE_SIZE << RSP0_ORDER);
}

struct ring_stop ring_run(const struct ring_start *start)
{
	u64 old_rsp0 = tss_set_rsp(smp_id(), 0, ring_rsp0_top());

	x86_take_vectors(TAKEN, ring_handler, saved);
	memset(&stop, 0, sizeof(stop));
	kernel_rflags = read_rflags();
	ring_enter(start);
	x86_restore_vectors(TAKEN, saved);
	tss_set_rsp(smp_id(), 0, old_rsp0);
	return stop;
}
