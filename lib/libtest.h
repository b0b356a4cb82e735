/*
 * libtest.h: what a test file includes. Test cases (TEST_CASE), the report
 * vocabulary (report, report_eq, report_skip, report_xfail, report_info,
 * report_prefix_push/pop) and the rest of the guest runtime. The output is
 * TAP version 14 as described in docs/output-protocol.md.
 */
#ifndef HV_LIBTEST_H
#define HV_LIBTEST_H

#include <stdarg.h>
#include <types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <args.h>
#include <rand.h>
#include <alloc.h>
#include <assert.h>

struct test_case {
	const char *name;
	void (*fn)(void);
	const char *file;
	int line;
};

/*
 * TEST_CASE(name) { ... } defines one case. Cases run in the order of their
 * definition in the file; the guest option case=GLOB (or -c GLOB) selects.
 */
#define TEST_CASE(name)                                                       \
	static void test_case_fn_##name(void);                                \
	static const struct test_case test_case_##name                        \
		__attribute__((used, section(".test_cases"), aligned(8))) = { \
			#name, test_case_fn_##name, __FILE__, __LINE__};      \
	static void test_case_fn_##name(void)

/* Every report_* macro records the caller's file and line. */
#define report(cond, fmt, ...) \
	report_at(__FILE__, __LINE__, (cond), fmt, ##__VA_ARGS__)
#define report_eq(actual, expected, fmt, ...)                                 \
	report_eq_at(__FILE__, __LINE__, (u64)(actual), (u64)(expected), fmt, \
		     ##__VA_ARGS__)
#define report_cmp(pass, expected_str, actual_str, fmt, ...)      \
	report_cmp_at(__FILE__, __LINE__, (pass), (expected_str), \
		      (actual_str), fmt, ##__VA_ARGS__)
#define report_group(checked, failed, fmt, ...)                       \
	report_group_at(__FILE__, __LINE__, (checked), (failed), fmt, \
			##__VA_ARGS__)
#define report_xfail(xfail, cond, fmt, ...) \
	report_xfail_at(__FILE__, __LINE__, (xfail), (cond), fmt, ##__VA_ARGS__)

bool report_at(const char *file, int line, bool pass, const char *fmt, ...)
	__printf(4, 5);
bool report_eq_at(const char *file, int line, u64 actual, u64 expected,
		  const char *fmt, ...) __printf(5, 6);
bool report_cmp_at(const char *file, int line, bool pass, const char *expected,
		   const char *actual, const char *fmt, ...) __printf(6, 7);
bool report_xfail_at(const char *file, int line, bool xfail, bool pass,
		     const char *fmt, ...) __printf(5, 6);
/*
 * For a group of CHECKED checks whose failures (FAILED of them) the caller
 * reported one by one, e.g. rows of a table: one passing test point
 * standing for the group when none failed, nothing otherwise. It keeps
 * the output short where every passing line costs a VM exit.
 */
void report_group_at(const char *file, int line, unsigned int checked,
		     unsigned int failed, const char *fmt, ...) __printf(5, 6);
void report_skip(const char *fmt, ...) __printf(1, 2);
void report_info(const char *fmt, ...) __printf(1, 2);
void report_prefix_push(const char *prefix);
void report_prefix_pushf(const char *fmt, ...) __printf(1, 2);
void report_prefix_pop(void);

/* The case being run, or NULL outside cases. */
const struct test_case *current_test_case(void);

/*
 * End the test at once as a crash: prints "Bail out! <reason>" and the end
 * marker, then exits. Used for unexpected exceptions, abort() and assert().
 */
void __noreturn test_crash(const char *fmt, ...) __printf(1, 2);

/*
 * Runs the selected cases of this binary and exits; called by each arch's
 * startup once the console, memory and command line are set up.
 */
void __noreturn libtest_main(const char *cmdline);

#endif
