/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_internal.h: the parts of report.c that only the case runner
 * (testmain.c, case.c) and args.c use.
 */
#ifndef HV_REPORT_INTERNAL_H
#define HV_REPORT_INTERNAL_H

#include <stdarg.h>
#include <libtest.h>

/* End-marker status values (docs/output-protocol.md). */
#define TEST_STATUS_PASS 0
#define TEST_STATUS_FAIL 1
#define TEST_STATUS_USAGE 2
#define TEST_STATUS_CRASH 3

/*
 * Case number INDEX, NAME, not run for REASON (a requirement not met):
 * one SKIP point, no subtest.
 */
void report_case_skipped(unsigned int index, const char *name,
			 const char *reason);
/* Opens case TC as the subtest NAME (NAME.ROW for a variant). */
void report_case_begin(const struct test_case *tc, const char *name);
/* Test points the open case has printed so far. */
unsigned int report_case_points(void);
/* Drops the prefixes a body left pushed (before its fixture's teardown). */
void report_prefix_reset(void);
void report_case_end(unsigned int index);
int report_run_end(unsigned int cases);
void report_end_marker(int status);
void __noreturn test_bail(int status, const char *fmt, va_list ap);
/* A bad guest command line: "Bail out!" with end-marker status 2. */
void __noreturn test_usage_error(const char *fmt, ...) __printf(1, 2);

#endif
