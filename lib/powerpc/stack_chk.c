// SPDX-License-Identifier: GPL-2.0-only
/*
 * stack_chk.c: GCC's stack protector as Debian's libfdt.a uses it on
 * ppc64: the canary is the doubleword at r13 - 0x7010 (ELFv2 ABI 3.7.2:
 * the thread control block below the thread pointer; entry.S points r13
 * here) and a changed canary calls __stack_chk_fail. Our own code is
 * built with -fno-stack-protector.
 */
#include <libtest.h>
#include <arch_hooks.h>

u64 ppc_stack_guard = 0x2f8c6e4b95d3a700ULL;

void __noreturn __stack_chk_fail(void);

void __stack_chk_fail(void)
{
	arch_print_backtrace();
	test_crash("stack protector: a stack canary was overwritten");
}
