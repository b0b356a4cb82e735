/*
 * testmain.c: the test binary's main loop. Collects the TEST_CASE records
 * of the .test_cases section, applies the case=GLOB[,!GLOB...] filters, runs
 * each selected case as a TAP subtest and ends with the plan and the
 * hvtest-end marker (docs/output-protocol.md).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <glob.h>
#include "report_internal.h"

extern const struct test_case __test_cases_start[], __test_cases_end[];

/* The binary's name, from the build (mk/guest.mk generates it per binary). */
extern const char hv_test_name[];

/*
 * GLOBS is a comma-separated list; "!GLOB" excludes. A case runs when it
 * matches no exclusion and matches an inclusion (or there is none).
 */
static bool selected(const struct test_case *tc, const char *globs)
{
	bool any_include = false, included = false;
	char one[64];

	if (!globs)
		return true;
	while (*globs) {
		size_t len = strcspn(globs, ",");
		bool exclude = *globs == '!';

		snprintf(one, sizeof(one), "%.*s", (int)(len - exclude),
			 globs + exclude);
		if (exclude && glob_match(one, tc->name))
			return false;
		if (!exclude) {
			any_include = true;
			included |= glob_match(one, tc->name);
		}
		globs += len;
		if (*globs == ',')
			globs++;
	}
	return included || !any_include;
}

/* Every case= option is a filter the case must pass. */
static bool selected_by_all(const struct test_case *tc)
{
	const char *globs;

	for (int i = 0; (globs = arg_get_nth("case", i)); i++)
		if (!selected(tc, globs))
			return false;
	return true;
}

/* "'a,!b' and 'c'" for the usage error. */
static const char *all_filters(void)
{
	static char buf[256];
	const char *globs;
	size_t len = 0;

	for (int i = 0; (globs = arg_get_nth("case", i)) && len < sizeof(buf);
	     i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s'%s'",
				i ? " and " : "", globs);
	return buf;
}

/* Definition order: the linker may place the records in any order. */
static void sort_by_line(const struct test_case **v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		const struct test_case *t = v[i];
		unsigned int j = i;

		for (; j > 0 && v[j - 1]->line > t->line; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

void libtest_main(const char *cmdline)
{
	unsigned int total = __test_cases_end - __test_cases_start;
	const struct test_case **run = calloc(total + 1, sizeof(*run));
	const char *globs;
	unsigned int n = 0;
	u64 seed;

	assert(run);
	printf("TAP version 14\n");
	args_parse(cmdline);
	seed = arg_get_u64("seed", arch_entropy() & 0xffffffffULL);
	rand_init(seed);
	globs = arg_get("case");
	printf("# hvtest %s (%s) seed=%llu cmdline=\"%s\"\n", hv_test_name,
	       HV_ARCH, (unsigned long long)seed, cmdline);

	for (unsigned int i = 0; i < total; i++)
		if (selected_by_all(&__test_cases_start[i]))
			run[n++] = &__test_cases_start[i];
	if (!n && globs)
		test_usage_error("no case passes the case= filters %s",
				 all_filters());
	if (!n)
		test_usage_error("this test has no cases");
	sort_by_line(run, n);
	for (unsigned int i = 0; i < n; i++) {
		report_case_begin(run[i]);
		run[i]->fn();
		report_case_end(i + 1);
	}
	args_warn_unused();
	exit(report_run_end(n));
}
