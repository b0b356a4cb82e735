// SPDX-License-Identifier: GPL-2.0-only
/*
 * stack_chk.c: the two symbols of GCC's stack protector (GCC manual,
 * -fstack-protector) that Debian's libfdt.a references: a guard value and
 * the function called when a function's canary was overwritten. Our own
 * code is built with -fno-stack-protector.
 */
#include <libtest.h>
#include <arch_hooks.h>

uintptr_t __stack_chk_guard = 0x2f8c6e4b95d3a7e1ULL;

void __noreturn __stack_chk_fail(void);

void __stack_chk_fail(void)
{
	arch_print_backtrace();
	test_crash("stack protector: a stack canary was overwritten");
}
