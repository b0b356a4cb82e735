// SPDX-License-Identifier: GPL-2.0-only
/* abort.c: abort() and failed assert(): backtrace, then "Bail out!" (a crash). */
#include <libtest.h>
#include <arch_hooks.h>

void abort(void)
{
	arch_print_backtrace();
	test_crash("abort() called");
}

void assert_failed(const char *expr, const char *file, int line)
{
	arch_print_backtrace();
	test_crash("assertion failed at %s:%d: %s", file, line, expr);
}
