/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tap_check.h: the host test programs' own TAP: check() prints one
 * "ok"/"not ok" line per check, check_summary() the plan and
 * "N passed, N failed" and the exit status. Included by test_libc.c and
 * test_cases.c (host programs, not guest code).
 */
#ifndef HV_TESTS_TAP_CHECK_H
#define HV_TESTS_TAP_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

static int passed, failed;

static bool check(bool cond, const char *fmt, ...) PRINTF_LIKE(2, 3);
static bool check(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (cond)
		passed++;
	else
		failed++;
	printf("%sok %d - ", cond ? "" : "not ", passed + failed);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return cond;
}

static int check_summary(void)
{
	printf("1..%d\n%d passed, %d failed\n", passed + failed, passed,
	       failed);
	return failed ? 1 : 0;
}

#endif
