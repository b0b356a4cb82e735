/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libtest.h: what a test file includes. Test cases (TEST_CASE) with their
 * fixtures, requirements and variants (TEST_VARIANTS), the report
 * vocabulary (report, report_eq, report_skip, report_xfail, report_info,
 * report_prefix_push/pop), check helpers that report their caller's line
 * (report_here) and the rest of the guest runtime. The output is TAP
 * version 14 as described in docs/output-protocol.md; docs/writing-tests.md
 * shows the API at work.
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

/*
 * A fixture: the environment some cases run in. SETUP prepares it before
 * each of those cases; it returns false when it cannot, after saying why
 * with report_skip() (the case is a SKIP) or a failed report() (a FAIL).
 * TEARDOWN, when not NULL, undoes it after every body whose setup
 * succeeded, whether the body passed, failed, skipped or returned early,
 * so that no case sees what an earlier one left behind. Either may report:
 * their reports belong to the case.
 */
struct test_fixture {
	const char *name;
	bool (*setup)(void);
	void (*teardown)(void);
	/*
	 * Optional: what every case of the fixture needs from the machine
	 * (NULL when it is there, else why not). A case whose fixture says
	 * why is a SKIP with that reason before it starts, printed as one
	 * point without a subtest, as for the .features of a case.
	 */
	const char *(*unmet)(void);
};

#define TEST_FIXTURE(id, setup_fn, teardown_fn) \
	static const struct test_fixture id = { \
		.name = #id, .setup = setup_fn, .teardown = teardown_fn}
#define TEST_FIXTURE_UNLESS(id, unmet_fn, setup_fn, teardown_fn)        \
	static const struct test_fixture id = {.name = #id,             \
					       .setup = setup_fn,       \
					       .teardown = teardown_fn, \
					       .unmet = unmet_fn}

/* An arch's list of CPU features, built with its CPU_FEATURES(). */
struct arch_features;

/*
 * One case, as TEST_CASE() and TEST_VARIANTS() record it. The options a
 * case may declare after its name:
 *
 *	.fixture = &FIXTURE	runs the case inside FIXTURE
 *	.min_cpus = N		SKIP unless the VM has N CPUs
 *	.features = CPU_FEATURES(F, ...)
 *				SKIP unless the CPU has every feature F (up to
 *				four): x86 X86_FEATURE_*, arm64 ID_FEATURE()
 *	.accel = "kvm tcg"	SKIP when the guest can tell its accelerator
 *				and it is not one of these
 *
 * Requirements are checked in this order before the fixture's setup; the
 * first one not met becomes the case's SKIP with a reason naming it.
 */
struct test_case {
	const char *name;
	const char *file;
	int line;
	void (*fn)(void);
	/* TEST_VARIANTS: FN is NULL, RUN_VARIANT takes a row of the table. */
	void (*run_variant)(const void *variant);
	const void *variants;
	unsigned int nr_variants;
	size_t variant_size;
	size_t variant_name; /* offset of the row's const char *name */
	const struct test_fixture *fixture;
	unsigned int min_cpus;
	const char *accel;
	const struct arch_features *features;
};

#define TEST_CASE_RECORD(id)                         \
	static const struct test_case test_case_##id \
		__attribute__((used, section(".test_cases"), aligned(8)))

/*
 * TEST_CASE(name[, options]) { ... } defines one case. Cases run in the
 * order of their definition; the guest option case=GLOB (or -c GLOB)
 * selects.
 */
#define TEST_CASE(id, ...)                               \
	static void test_case_fn_##id(void);             \
	TEST_CASE_RECORD(id) = {.name = #id,             \
				.file = __FILE__,        \
				.line = __LINE__,        \
				.fn = test_case_fn_##id, \
				__VA_ARGS__};            \
	static void test_case_fn_##id(void)

/*
 * TEST_VARIANTS(name, table[, options]) { ... } runs its body once per row
 * of TABLE, a static array of structs with a "const char *name" member;
 * the body sees its row as "variant", a pointer to const. Each row is a
 * case of its own named NAME.ROW (in TAP, the selection and the reports):
 * case=NAME.ROW selects one row, case=NAME all of them. Row names match
 * [A-Za-z0-9_-]+. The options apply to every row.
 */
#define TEST_VARIANTS(id, table, ...)                                       \
	static void test_case_fn_##id(const typeof((table)[0]) *variant);   \
	static void test_case_row_##id(const void *variant)                 \
	{                                                                   \
		test_case_fn_##id(variant);                                 \
	}                                                                   \
	TEST_CASE_RECORD(id) = {.name = #id,                                \
				.file = __FILE__,                           \
				.line = __LINE__,                           \
				.run_variant = test_case_row_##id,          \
				.variants = (table),                        \
				.nr_variants = ARRAY_SIZE(table),           \
				.variant_size = sizeof((table)[0]),         \
				.variant_name =                             \
					offsetof(typeof((table)[0]), name), \
				__VA_ARGS__};                               \
	static void test_case_fn_##id(const typeof((table)[0]) *variant)

/*
 * Every report_* macro records the caller's file and line (inside
 * report_here(), the line that called the helper: see below).
 */
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

/*
 * Check helpers: functions that make reports for the test calling them.
 * Called through report_here(), usually in the macro that names the
 * helper, their reports carry the caller's file:line instead of the
 * helper's own, so a failure points at the check that failed:
 *
 *	static void round_trip(u32 msr, u64 val)
 *	{
 *		wrmsr(msr, val);
 *		report_eq(rdmsr(msr), val, "MSR %#x reads back", msr);
 *	}
 *	#define check_round_trip(msr, val) report_here(round_trip(msr, val))
 *
 * While report_here(EXPR) runs EXPR, every report takes the location of
 * the outermost report_here() in progress, so helpers may call helpers
 * (directly or through their macros). Its value is EXPR's.
 */
struct report_site {
	const char *file;
	int line;
};

struct report_site report_site_enter(const char *file, int line);
void report_site_leave(const struct report_site *outer);

#define report_here(expr)                                              \
	({                                                             \
		const struct report_site report_site_outer             \
			__attribute__((cleanup(report_site_leave))) =  \
				report_site_enter(__FILE__, __LINE__); \
		expr;                                                  \
	})

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
