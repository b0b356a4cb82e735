// SPDX-License-Identifier: GPL-2.0-only
/*
 * harness: a guest that misbehaves on purpose so that the harness check
 * (tests/harness/check.py) can assert the runner's verdict for each kind of
 * outcome. The guest option mode=NAME picks the behaviour; see the table
 * in tests/harness/unittests.cfg. Not part of the conformance suite.
 */
#include <libtest.h>
#include <x86/processor.h>

static void spin_forever(void)
{
	irq_disable();
	for (;;)
		asm volatile("hlt");
}

static void triple_fault(void)
{
	struct desc_ptr empty = {0, 0};

	/* With an empty IDT every exception escalates to a triple fault. */
	lidt(&empty);
	asm volatile("ud2");
}

static void garbage(void)
{
	for (u64 i = 0; i < 200; i++)
		printf("%016lx \x01\x7f not TAP at all ok not ok 1..x\n",
		       rand_u64());
	printf("    ok 1 - dangling\n# Subtest: half\n");
	exit(0);
}

TEST_CASE(run)
{
	const char *mode = arg_get("mode");

	if (!mode)
		return report_skip("no mode= given");
	if (!strcmp(mode, "pass")) {
		report(arg_positional_count() == 0, "no positional arguments");
	} else if (!strcmp(mode, "fail")) {
		report_eq(1 + 1, 3, "one plus one is three");
	} else if (!strcmp(mode, "skip")) {
		report_skip("skipped on purpose");
	} else if (!strcmp(mode, "xfail")) {
		report_xfail(true, false, "known failure on purpose");
	} else if (!strcmp(mode, "hang")) {
		spin_forever();
	} else if (!strcmp(mode, "triple")) {
		triple_fault();
	} else if (!strcmp(mode, "exception")) {
		asm volatile("ud2");
	} else if (!strcmp(mode, "garbage")) {
		garbage();
	} else if (!strcmp(mode, "flood")) {
		for (;;)
			printf("flooding the console with output, forever\n");
	} else if (!strcmp(mode, "abort")) {
		abort();
	} else if (!strcmp(mode, "hostile")) {
		/* Clear screen, home, a bidi override, U+FFFE, a title change. */
		report(false, "hostile \x1b[2J\x1b[1;1H\xe2\x80\xae desc "
			      "\xef\xbf\xbe \x1b]0;owned\x07 end");
	} else if (!strcmp(mode, "noend")) {
		printf("    ok 1 - passes\n    1..1\nok 1 - run\n1..1\n");
		exit(0);
	} else {
		report(false, "unknown mode '%s'", mode);
	}
}
