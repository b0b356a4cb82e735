// SPDX-License-Identifier: GPL-2.0-only
/*
 * case_demo.c: guest-side cases for tests/lib/test_cases.c, built with the
 * guest's flags against lib/libtest.h and run on the host by the case
 * runner (lib/testmain.c, lib/case.c, lib/report.c). Each case exercises
 * one rule of the case API (libtest.h: fixtures, requirements, variants,
 * report_here); the host side checks the TAP they produce against
 * docs/output-protocol.md. This file also plays the arch: CPU count,
 * accelerator and CPU features come from the guest options cpus=,
 * accel= and missing=.
 */
#include <libtest.h>
#include <arch_hooks.h>

/* What mk/guest.mk generates for a guest: the test's name. */
const char hv_test_name[] = "case_demo";

/* The arch's feature list: a name, missing when it is the option missing=. */
struct arch_features {
	const char *name;
};

unsigned int arch_nr_cpus(void)
{
	return arg_get_u64("cpus", 1);
}

const char *arch_accelerator(void)
{
	return arg_get("accel");
}

bool arch_features_missing(const struct arch_features *f, char *buf,
			   size_t size)
{
	const char *missing = arg_get("missing");

	if (!missing || strcmp(missing, f->name))
		return false;
	snprintf(buf, size, "%s not enumerated", f->name);
	return true;
}

/* True between env's setup and its teardown: what a body may rely on. */
static bool env_ready;

static bool env_setup(void)
{
	report_info("env setup");
	env_ready = true;
	return true;
}

static void env_teardown(void)
{
	report_info("env teardown");
	env_ready = false;
}

TEST_FIXTURE(env, env_setup, env_teardown);

static unsigned int checking_setups;

static bool checking_setup(void)
{
	checking_setups++;
	return true;
}

/* Teardown follows the one setup of its case. */
static void checking_teardown(void)
{
	report(checking_setups == 1, "teardown check");
}

TEST_FIXTURE(checking, checking_setup, checking_teardown);

static bool refusing_setup(void)
{
	report_skip("setup refuses");
	return false;
}

static void refusing_teardown(void)
{
	report(false, "teardown after a refused setup");
}

TEST_FIXTURE(refusing, refusing_setup, refusing_teardown);

static bool silent_setup(void)
{
	return false;
}

TEST_FIXTURE(silent, silent_setup, NULL);

TEST_CASE(passes, .fixture = &env)
{
	report(env_ready, "body");
}

TEST_CASE(fails_early, .fixture = &env)
{
	if (!report(false, "first check"))
		return;
	report(false, "never reached");
}

TEST_CASE(skips_in_body, .fixture = &env)
{
	report_skip("body skips");
}

TEST_CASE(prefix_left, .fixture = &checking)
{
	report_prefix_push("left");
	report(checking_setups == 1, "in body");
}

TEST_CASE(setup_skips, .fixture = &refusing)
{
	report(false, "body after a refused setup");
}

TEST_CASE(setup_silent, .fixture = &silent)
{
	report(false, "body after a failed setup");
}

TEST_CASE(needs_cpus, .fixture = &env, .min_cpus = 4)
{
	report(nr_cpus() >= 4, "four CPUs");
}

TEST_CASE(needs_widget, .fixture = &env,
	  .features = &(const struct arch_features){"widget"})
{
	report(!arg_get("missing"), "widget present");
}

TEST_CASE(needs_kvm, .fixture = &env, .accel = "kvm hvf")
{
	report(!arch_accelerator() || strstr("kvm hvf", arch_accelerator()),
	       "accelerator allowed or unknown");
}

static const struct row {
	const char *name;
	u64 value;
} rows[] = {
	{"one", 1},
	{"two", 2},
	{"three-3", 3},
};

TEST_VARIANTS(table, rows, .fixture = &env)
{
	report_eq(variant->value, variant - rows + 1, "row %s value",
		  variant->name);
}

/* report_here: the lines the host side expects in the diagnostics. */
static int helper_line, nested_line, own_line;

/* Runs STMT and notes its line in VAR. */
#define AT_LINE(var, stmt)      \
	do {                    \
		var = __LINE__; \
		stmt;           \
	} while (0)

static bool helper(u64 v)
{
	return report_eq(v, 1, "helper sees %lu", (unsigned long)v);
}

#define check_helper(v) report_here(helper(v))

static void outer_helper(void)
{
	check_helper(3);
}

#define check_outer() report_here(outer_helper())

TEST_CASE(helper_site)
{
	bool ok;

	AT_LINE(helper_line, ok = check_helper(2));
	report(!ok, "report_here passes the helper's value through");
	AT_LINE(nested_line, check_outer());
	AT_LINE(own_line, report(false, "own line"));
	report_info("lines %d %d %d", helper_line, nested_line, own_line);
}

/* A fixture that needs the option gadget=: without it, a SKIP before setup. */
static const char *gadget_unmet(void)
{
	return arg_get("gadget") ? NULL : "no gadget (option gadget=)";
}

TEST_FIXTURE_UNLESS(gadget, gadget_unmet, env_setup, env_teardown);

/* The body runs after the setup, and only when unmet() said nothing. */
TEST_CASE(needs_gadget, .fixture = &gadget)
{
	report(env_ready && arg_get("gadget"),
	       "body after setup, with the gadget");
}

/*
 * TAP escapes in a point's text ('#', '\\', a newline) and YAML escapes
 * in a failure's values ('"', '\\', a newline, a control byte). The first
 * point passes when its text holds the three bytes to escape; the second
 * compares two values that differ, so it fails and prints both.
 */
TEST_CASE(escapes)
{
	static const char text[] = "hash # back \\ new\nline";
	static const char want[] = "q\"b\\n\n\001", got[] = "plain";

	report(strchr(text, '#') && strchr(text, '\\') && strchr(text, '\n'),
	       "%s", text);
	report_cmp(!strcmp(want, got), want, got, "values escaped");
}
