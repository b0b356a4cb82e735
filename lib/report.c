// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c: the report vocabulary and the TAP version 14 stream of
 * docs/output-protocol.md (one subtest per case, YAML diagnostics on
 * failures, SKIP/TODO directives, "Bail out!" and the hvtest-end marker),
 * and the report location of check helpers (report_here).
 */
#include <libtest.h>
#include <console.h>
#include <arch_hooks.h>
#include "case_internal.h"
#include "report_internal.h"

#define PREFIX_DEPTH 16
#define MSG_MAX 512

struct case_tally {
	unsigned int points;
	unsigned int fail;
	unsigned int skip;
	unsigned int xfail;
	unsigned int xpass;
	char skip_reason[160];
};

struct run_tally {
	unsigned int pass;
	unsigned int fail;
	unsigned int skip;
	unsigned int xfail;
	unsigned int xpass;
};

static char prefix[256];
static size_t prefix_len[PREFIX_DEPTH];
static int prefix_depth;
static struct case_tally tally;
static struct run_tally run;
static const struct test_case *cur_case;
static char cur_name[CASE_NAME_MAX];
static bool bailing;
/* The outermost report_here() in progress; FILE is NULL when none is. */
static struct report_site helper_site;

const struct test_case *current_test_case(void)
{
	return cur_case;
}

struct report_site report_site_enter(const char *file, int line)
{
	struct report_site outer = helper_site;

	if (!helper_site.file)
		helper_site = (struct report_site){file, line};
	return outer;
}

void report_site_leave(const struct report_site *outer)
{
	helper_site = *outer;
}

void report_prefix_push(const char *p)
{
	report_prefix_pushf("%s", p);
}

void report_prefix_pushf(const char *fmt, ...)
{
	size_t len = strlen(prefix);
	va_list ap;

	assert(prefix_depth < PREFIX_DEPTH);
	prefix_len[prefix_depth++] = len;
	va_start(ap, fmt);
	vsnprintf(prefix + len, sizeof(prefix) - len, fmt, ap);
	va_end(ap);
	len = strlen(prefix);
	snprintf(prefix + len, sizeof(prefix) - len, ": ");
}

void report_prefix_pop(void)
{
	assert(prefix_depth > 0);
	prefix[prefix_len[--prefix_depth]] = '\0';
}

void report_prefix_reset(void)
{
	prefix[0] = '\0';
	prefix_depth = 0;
}

/*
 * A test point's line, and a failure's YAML block, are built in one
 * buffer and written with one console write; runs of plain bytes are
 * found and copied by string instructions. Where every guest instruction
 * is emulated (kvm_pvm), a call or a loop iteration per character is
 * most of a test's cost.
 */
struct line {
	char buf[256];
	size_t len;
};

static void line_flush(struct line *l)
{
	if (l->len)
		console_write(l->buf, l->len);
	l->len = 0;
}

static void line_write(struct line *l, const char *s, size_t n)
{
	while (n) {
		size_t k = MIN(n, sizeof(l->buf) - l->len);

		if (!k) {
			line_flush(l);
			continue;
		}
		memcpy(l->buf + l->len, s, k);
		l->len += k;
		s += k;
		n -= k;
	}
}

/* The bytes of S (N of them) before the first one in SPECIAL. */
static size_t plain_run(const char *s, size_t n, const char *special)
{
	for (; *special; special++) {
		const char *p = memchr(s, *special, n);

		if (p)
			n = p - s;
	}
	return n;
}

/* TAP 14: with ESCAPE, '#' and '\\' get a backslash and a newline is a space. */
static void line_put(struct line *l, const char *s, bool escape)
{
	size_t n = strlen(s), k;

	for (; n; s++, n--) {
		k = escape ? plain_run(s, n, "#\\\n") : n;
		line_write(l, s, k);
		s += k;
		n -= k;
		if (!n)
			break;
		if (*s == '\n')
			line_write(l, " ", 1);
		else
			line_write(l, *s == '#' ? "\\#" : "\\\\", 2);
	}
}

/* A YAML double-quoted scalar. */
static void line_put_yaml(struct line *l, const char *s)
{
	const char *run = s;
	char esc[5];

	line_write(l, "\"", 1);
	for (;; s++) {
		unsigned char c = *s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		line_write(l, run, s - run);
		if (!c)
			break;
		if (c == '\n')
			line_write(l, "\\n", 2);
		else if (c == '"' || c == '\\')
			line_write(l, (char[]){'\\', c}, 2);
		else
			line_write(l, esc,
				   snprintf(esc, sizeof(esc), "\\x%02x", c));
		run = s + 1;
	}
	line_write(l, "\"", 1);
}

static void emit_point(bool ok, const char *msg, const char *directive,
		       const char *reason)
{
	struct line l;

	tally.points++;
	l.len = snprintf(l.buf, sizeof(l.buf), "    %s %u",
			 ok ? "ok" : "not ok", tally.points);
	if (prefix[0] || (msg && msg[0])) {
		line_put(&l, " - ", false);
		line_put(&l, prefix, true);
		line_put(&l, msg ? msg : "", true);
	}
	if (directive) {
		line_put(&l, " # ", false);
		line_put(&l, directive, false);
		line_put(&l, " ", false);
		line_put(&l, reason, false);
	}
	line_put(&l, "\n", false);
	line_flush(&l);
}

static void emit_diag(const char *file, int line, const char *expected,
		      const char *actual)
{
	struct line l = {.len = 0};
	char num[16];

	if (helper_site.file) {
		file = helper_site.file;
		line = helper_site.line;
	}
	snprintf(num, sizeof(num), "%d", line);
	line_put(&l, "      ---\n      file: ", false);
	line_put(&l, file, false);
	line_put(&l, "\n      line: ", false);
	line_put(&l, num, false);
	if (expected) {
		line_put(&l, "\n      expected: ", false);
		line_put_yaml(&l, expected);
		line_put(&l, "\n      actual: ", false);
		line_put_yaml(&l, actual);
	}
	line_put(&l, "\n      ...\n", false);
	line_flush(&l);
}

static void check_in_case(const char *file, int line)
{
	if (!cur_case)
		test_crash("report called outside a test case at %s:%d", file,
			   line);
}

static bool report_va(const char *file, int line, bool pass,
		      const char *expected, const char *actual, const char *fmt,
		      va_list ap)
{
	char msg[MSG_MAX];

	check_in_case(file, line);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	emit_point(pass, msg, NULL, NULL);
	if (!pass) {
		tally.fail++;
		emit_diag(file, line, expected, actual);
	}
	return pass;
}

bool report_at(const char *file, int line, bool pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_va(file, line, pass, NULL, NULL, fmt, ap);
	va_end(ap);
	return pass;
}

bool report_cmp_at(const char *file, int line, bool pass, const char *expected,
		   const char *actual, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_va(file, line, pass, expected, actual, fmt, ap);
	va_end(ap);
	return pass;
}

bool report_eq_at(const char *file, int line, u64 actual, u64 expected,
		  const char *fmt, ...)
{
	char exp_s[40] = "", act_s[40] = "";
	bool pass = actual == expected;
	va_list ap;

	/* A passing check prints no values: nothing to format. */
	if (!pass) {
		snprintf(exp_s, sizeof(exp_s), "%#llx",
			 (unsigned long long)expected);
		snprintf(act_s, sizeof(act_s), "%#llx",
			 (unsigned long long)actual);
	}
	va_start(ap, fmt);
	report_va(file, line, pass, exp_s, act_s, fmt, ap);
	va_end(ap);
	return pass;
}

void report_group_at(const char *file, int line, unsigned int checked,
		     unsigned int failed, const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;

	check_in_case(file, line);
	if (!checked || failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	emit_point(true, msg, NULL, NULL);
}

bool report_xfail_at(const char *file, int line, bool xfail, bool pass,
		     const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;

	if (!xfail) {
		va_start(ap, fmt);
		report_va(file, line, pass, NULL, NULL, fmt, ap);
		va_end(ap);
		return pass;
	}
	check_in_case(file, line);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	emit_point(pass, msg, "TODO", "known failure declared by the test");
	if (pass)
		tally.xpass++;
	else
		tally.xfail++;
	return pass;
}

void report_skip(const char *fmt, ...)
{
	char reason[MSG_MAX];
	va_list ap;

	check_in_case(__FILE__, __LINE__);
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	for (char *c = reason; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (!tally.skip)
		snprintf(tally.skip_reason, sizeof(tally.skip_reason), "%s",
			 reason);
	tally.skip++;
	emit_point(true, NULL, "SKIP", reason);
}

void report_info(const char *fmt, ...)
{
	char msg[MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("%s# %s\n", cur_case ? "    " : "", msg);
}

void report_case_begin(const struct test_case *tc, const char *name)
{
	memset(&tally, 0, sizeof(tally));
	report_prefix_reset();
	helper_site.file = NULL;
	cur_case = tc;
	snprintf(cur_name, sizeof(cur_name), "%s", name);
	printf("# Subtest: %s\n", cur_name);
}

unsigned int report_case_points(void)
{
	return tally.points;
}

void report_case_end(unsigned int index)
{
	const struct test_case *tc = cur_case;
	bool failed;

	if (!tally.points) {
		prefix[0] = '\0';
		emit_point(false,
			   "case reported nothing (a case must check or skip)",
			   NULL, NULL);
		tally.fail++;
		emit_diag(tc->file, tc->line, NULL, NULL);
	}
	printf("    1..%u\n", tally.points);
	failed = tally.fail > 0;
	printf("%s %u - %s", failed ? "not ok" : "ok", index, cur_name);
	if (failed)
		run.fail++;
	else if (tally.xpass)
		run.xpass++;
	else if (tally.xfail)
		run.xfail++;
	else if (tally.skip == tally.points) {
		run.skip++;
		printf(" # SKIP %s", tally.skip_reason);
	} else {
		run.pass++;
	}
	putchar('\n');
	cur_case = NULL;
}

void report_case_skipped(unsigned int index, const char *name,
			 const char *reason)
{
	run.skip++;
	printf("ok %u - %s # SKIP %s\n", index, name, reason);
}

int report_run_end(unsigned int cases)
{
	int status = (run.fail || run.xpass) ? 1 : 0;

	printf("1..%u\n", cases);
	report_end_marker(status);
	return status;
}

void report_end_marker(int status)
{
	printf("# hvtest-end status=%d pass=%u fail=%u skip=%u xfail=%u "
	       "xpass=%u\n",
	       status, run.pass, run.fail, run.skip, run.xfail, run.xpass);
}

void test_bail(int status, const char *fmt, va_list ap)
{
	char msg[MSG_MAX];

	if (bailing)
		exit(status);
	bailing = true;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	printf("Bail out! %s", msg);
	if (cur_case)
		printf(" (case %s)", cur_name);
	putchar('\n');
	report_end_marker(status);
	exit(status);
}

void test_crash(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	test_bail(TEST_STATUS_CRASH, fmt, ap);
}

void test_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	test_bail(TEST_STATUS_USAGE, fmt, ap);
}
