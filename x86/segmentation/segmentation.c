// SPDX-License-Identifier: GPL-2.0-only
/*
 * segmentation: segment loads, descriptor checks, gates, far transfers,
 * canonical-address rules and the fast system-call instructions of IA-32e
 * mode (Intel SDM vol. 3A ch. 3, 5, 6, 7 and the vol. 2 instruction pages;
 * AMD APM vol. 2 ch. 4, 6 and vol. 3). One file per theme: seg_load.c has
 * MOV/LFS/LSS to the segment registers over selector x descriptor x CPL
 * rows, LAR/LSL/VERR/VERW, the accessed bit and null SS; gates.c 64-bit
 * call gates, far RET and IRET across privilege levels, exception stacks
 * and IDT gate offsets; farxfer.c CPL1/CPL2, conforming code and
 * compatibility-mode far transfers; tables.c LLDT and LTR; fastcall.c
 * SYSCALL/SYSRET, SYSENTER/SYSEXIT and SWAPGS by the guest's vendor;
 * canonical.c non-canonical branch targets and linear bases; privilege.c
 * IOPL, CR4.TSD, CR4.UMIP and TSC_AUX at CPL3; iobitmap.c the TSS I/O
 * permission bit map; invalid.c a #UD table; vexprefix.c prefixes before
 * VEX that are #UD; legacy.c 32-bit call gates and task switches in
 * legacy protected mode.
 * This file holds the fixture they share (segmentation.h);
 * docs/segmentation.md says what is covered and what is not.
 */
#include "segmentation.h"
#include <x86/paging.h>
#include <x86/usermode.h>

#define KSTACK_PAGES 4
/*
 * Kept free above the CPL0 stack top, so that a store to (%rsp) that a VMM
 * wrongly executes (invalid.lock_mov) stays inside the allocation.
 */
#define KSTACK_SLACK 64

static u64 old_cr3;
static u64 user_top;
static u8 *kstack;

static bool seg_env_enter(void)
{
	if (!kstack) {
		kstack = alloc_pages(2);
		assert(kstack);
	}
	old_cr3 = pt_switch(usermode_flat_tables(&user_top));
	segdesc_enter();
	return true;
}

static void seg_env_leave(void)
{
	segdesc_leave();
	write_cr3(old_cr3);
}

const struct test_fixture seg_env = {
	.name = "seg_env", .setup = seg_env_enter, .teardown = seg_env_leave};

u64 seg_kernel_stack(void)
{
	return (u64)kstack + KSTACK_PAGES * PAGE_SIZE - KSTACK_SLACK;
}

u64 seg_user_stack(void)
{
	return user_top;
}

struct ring_stop seg_run(enum seg_mode mode, const void *code, u64 rdi, u64 rsi)
{
	static const u16 cs[] = {KERNEL_CS, USER_CS, KERNEL_CS32, USER_CS32};
	bool user = mode == SEG_U64 || mode == SEG_U32;
	struct ring_start s = {
		.rdi = rdi,
		.rsi = rsi,
		.rip = (u64)code,
		.cs = cs[mode],
		.rflags = 0x2,
		.rsp = user ? seg_user_stack() : seg_kernel_stack(),
		.ss = user ? USER_DS : KERNEL_DS,
	};

	return ring_run(&s);
}
