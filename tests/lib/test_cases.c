// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_cases.c: host unit tests of the guest case runner (lib/testmain.c,
 * lib/case.c, lib/report.c, with lib/args.c, lib/glob.c, lib/smp.c and
 * the libc), built with an hvt_ prefix on every symbol (see Makefile). The
 * cases of case_demo.c run in a child process per guest command line; the
 * TAP they print is checked against docs/output-protocol.md and the rules
 * of the case API in lib/libtest.h: fixture setup and teardown around
 * every body (teardown also after a failed or early-returning body, never
 * after a refused setup), requirements as SKIPs with a reason and without
 * setup, variant rows as cases NAME.ROW that case= selects one by one,
 * and report_here() locations.
 *
 * Prints one "ok"/"not ok" line per check, then "N passed, N failed".
 */
#include <stdarg.h>
#include <stdbool.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap_check.h"

/* The library under test, renamed. */
void hvt_libtest_main(const char *cmdline) __attribute__((noreturn));

/* The arch hooks the library needs on the host. */
void hvt_console_write(const char *s, size_t len);
void hvt_exit(int status) __attribute__((noreturn));
void *hvt_calloc(size_t n, size_t size);
uint64_t hvt_arch_entropy(void);
void hvt_arch_print_backtrace(void);

void hvt_console_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
}

void hvt_exit(int status)
{
	fflush(stdout);
	_exit(status);
}

void *hvt_calloc(size_t n, size_t size)
{
	return calloc(n, size);
}

uint64_t hvt_arch_entropy(void)
{
	return 1;
}

void hvt_arch_print_backtrace(void)
{
}

struct run {
	int status;
	char out[65536];
};

/* Runs the demo's cases with CMDLINE in a child; its output and exit status. */
static void run_guest(struct run *r, const char *cmdline)
{
	size_t len = 0;
	ssize_t n;
	int fd[2], st;
	pid_t pid;

	fflush(stdout);
	if (pipe(fd) || (pid = fork()) < 0) {
		perror("pipe/fork");
		exit(2);
	}
	if (!pid) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		hvt_libtest_main(cmdline);
	}
	close(fd[1]);
	while (len < sizeof(r->out) - 1 &&
	       (n = read(fd[0], r->out + len, sizeof(r->out) - 1 - len)) > 0)
		len += n;
	r->out[len] = '\0';
	close(fd[0]);
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * The lines of case NAME: from "# Subtest: NAME" to its top-level
 * "ok"/"not ok" line, or "" when the case did not run.
 */
static const char *case_text(const struct run *r, const char *name)
{
	static char buf[8192];
	const char *start, *line, *end;
	char head[128];

	snprintf(head, sizeof(head), "# Subtest: %s\n", name);
	start = strstr(r->out, head);
	buf[0] = '\0';
	if (!start)
		return buf;
	for (line = start + strlen(head); *line; line = end) {
		bool last = !strncmp(line, "ok ", 3) ||
			    !strncmp(line, "not ok ", 7);

		end = strchr(line, '\n');
		end = end ? end + 1 : line + strlen(line);
		if (last) {
			line = end;
			break;
		}
	}
	snprintf(buf, sizeof(buf), "%.*s", (int)(line - start), start);
	return buf;
}

static bool has(const char *text, const char *what)
{
	return strstr(text, what) != NULL;
}

static int count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)); p++)
		n++;
	return n;
}

/*
 * Case NAME of R prints WANT and, unless ABSENT is NULL, not ABSENT; a
 * failure shows the case's TAP.
 */
static void expect_case(const struct run *r, const char *name, const char *want,
			const char *absent, const char *what)
{
	const char *t = case_text(r, name);

	if (!check(has(t, want) && !(absent && has(t, absent)), "%s: %s", name,
		   what))
		printf("# ---\n%s# ---\n", t);
}

/* A case not run for a requirement: one top-level SKIP point, no subtest. */
static void expect_skipped(const struct run *r, const char *name,
			   const char *want, const char *what)
{
	char head[128];

	snprintf(head, sizeof(head), "# Subtest: %s\n", name);
	if (!check(has(r->out, want) && !has(r->out, head), "%s: %s", name,
		   what))
		printf("# ---\n%s# ---\n", r->out);
}

static void test_fixtures(void)
{
	static struct run r;

	run_guest(&r, "");
	check(r.status == 1, "a run with failed cases exits with status 1 (%d)",
	      r.status);
	check(has(r.out, "\n1..15\n"),
	      "15 cases: 12 TEST_CASEs, a table of 3 rows");
	check(has(r.out, "# hvtest-end status=1 pass=7 fail=4 skip=4 "),
	      "end marker counts");
	expect_case(&r, "passes",
		    "    # env setup\n    ok 1 - body\n    # env teardown\n"
		    "    1..1\nok 1 - passes\n",
		    NULL, "setup, body, teardown in order");
	expect_case(&r, "fails_early",
		    "    not ok 1 - first check\n      ---\n", "never reached",
		    "a failed check, then the body returns");
	expect_case(&r, "fails_early",
		    "      ...\n    # env teardown\n    1..1\n"
		    "not ok 2 - fails_early\n",
		    NULL, "teardown after a failed body that returned early");
	expect_case(&r, "skips_in_body",
		    "    ok 1 # SKIP body skips\n    # env teardown\n    1..1\n"
		    "ok 3 - skips_in_body # SKIP body skips\n",
		    NULL, "teardown after a skipping body, which is a SKIP");
	expect_case(&r, "prefix_left",
		    "    ok 1 - left: in body\n    ok 2 - teardown check\n",
		    NULL, "teardown reports without the prefix the body left");
	expect_case(&r, "setup_skips",
		    "    ok 1 # SKIP setup refuses\n    1..1\n"
		    "ok 5 - setup_skips # SKIP setup refuses\n",
		    "after a refused setup",
		    "setup's report_skip: SKIP, no body, no teardown");
	expect_case(&r, "setup_silent",
		    "    not ok 1 - fixture silent: setup failed and said "
		    "nothing\n",
		    "body after", "a setup that fails silently: FAIL, no body");
}

static void test_requirements(void)
{
	static struct run r;

	run_guest(&r, "");
	expect_skipped(
		&r, "needs_cpus",
		"\nok 7 - needs_cpus # SKIP needs 4 CPUs, the VM has 1\n",
		".min_cpus not met: SKIP naming it, no subtest, no setup");
	expect_case(&r, "needs_widget", "ok 1 - widget present\n", NULL,
		    ".features met: runs");
	expect_case(&r, "needs_kvm", "ok 1 - accelerator allowed or unknown\n",
		    NULL, ".accel, accelerator unknown: runs");

	run_guest(&r, "cpus=4 missing=widget accel=tcg");
	expect_case(&r, "needs_cpus", "ok 1 - four CPUs\n", NULL,
		    ".min_cpus met: runs");
	expect_skipped(&r, "needs_widget",
		       "\nok 8 - needs_widget # SKIP widget not enumerated\n",
		       ".features: the arch's reason, no subtest, no setup");
	expect_skipped(
		&r, "needs_kvm",
		" - needs_kvm # SKIP needs accelerator kvm hvf, the guest "
		"runs on tcg\n",
		".accel not listed: SKIP naming it, no subtest, no setup");

	expect_skipped(
		&r, "needs_gadget",
		"\nok 14 - needs_gadget # SKIP no gadget (option gadget=)\n",
		"fixture unmet(): SKIP naming it, no subtest, no setup");

	run_guest(&r, "gadget=1 case=needs_gadget");
	expect_case(&r, "needs_gadget",
		    "    # env setup\n    ok 1 - body after setup, with the "
		    "gadget\n",
		    NULL, "fixture unmet() says nothing: setup, body");

	run_guest(&r, "accel=hvf case=needs_kvm");
	expect_case(&r, "needs_kvm", "ok 1 - accelerator allowed or unknown\n",
		    NULL, ".accel listed as the second word: runs");
}

static void test_variants(void)
{
	static struct run r;

	run_guest(&r, "");
	expect_case(&r, "table.one",
		    "    # env setup\n    ok 1 - row one value\n"
		    "    # env teardown\n    1..1\nok 10 - table.one\n",
		    NULL, "a row is a case of its own, in the fixture");
	expect_case(&r, "table.three-3",
		    "    ok 1 - row three-3 value\n    # env teardown\n"
		    "    1..1\nok 12 - table.three-3\n",
		    NULL, "each row gets its own table entry");

	run_guest(&r, "case=table.two");
	check(r.status == 0 && has(r.out, "\n1..1\n") &&
		      has(r.out, "ok 1 - table.two\n") &&
		      count(r.out, "# Subtest:") == 1,
	      "case=table.two runs that row alone");
	run_guest(&r, "case=table");
	check(count(r.out, "# Subtest: table.") == 3 && has(r.out, "\n1..3\n"),
	      "case=table runs every row");
	run_guest(&r, "case=t*,!table.one -c !*3");
	check(count(r.out, "# Subtest:") == 1 &&
		      has(r.out, "ok 1 - table.two\n"),
	      "globs and exclusions apply to row names");
	run_guest(&r, "case=table.four");
	check(r.status == 2 && has(r.out, "Bail out! no case passes"),
	      "an unknown row is a usage error");
}

static void test_report_here(void)
{
	static struct run r;
	int helper = 0, nested = 0, own = 0;
	const char *lines;
	char want[PATH_MAX + 128];

	run_guest(&r, "case=helper_site");
	lines = strstr(r.out, "# lines ");
	check(lines && sscanf(lines, "# lines %d %d %d", &helper, &nested,
			      &own) == 3,
	      "the demo prints the lines of its checks");
	snprintf(want, sizeof(want),
		 "    not ok 1 - helper sees 2\n      ---\n"
		 "      file: %s\n      line: %d\n",
		 DEMO_FILE, helper);
	expect_case(&r, "helper_site", want, NULL,
		    "a helper's failure names its caller's file and line");
	expect_case(
		&r, "helper_site",
		"    ok 2 - report_here passes the helper's value through\n",
		NULL, "report_here's value is the helper's");
	snprintf(want, sizeof(want),
		 "    not ok 3 - helper sees 3\n      ---\n"
		 "      file: %s\n      line: %d\n",
		 DEMO_FILE, nested);
	expect_case(&r, "helper_site", want, NULL,
		    "a helper called by a helper: the outermost caller's line");
	snprintf(want, sizeof(want),
		 "    not ok 4 - own line\n      ---\n"
		 "      file: %s\n      line: %d\n",
		 DEMO_FILE, own);
	expect_case(&r, "helper_site", want, NULL,
		    "after the helpers, a report names its own line again");
}

static void test_escapes(void)
{
	static struct run r;

	run_guest(&r, "case=escapes");
	expect_case(&r, "escapes", "    ok 1 - hash \\# back \\\\ new line\n",
		    NULL, "'#' and '\\' escaped, a newline a space (TAP 14)");
	expect_case(&r, "escapes",
		    "      expected: \"q\\\"b\\\\n\\n\\x01\"\n"
		    "      actual: \"plain\"\n      ...\n",
		    NULL, "YAML double-quoted values with escapes");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_fixtures();
	test_requirements();
	test_variants();
	test_report_here();
	test_escapes();
	return check_summary();
}
