// SPDX-License-Identifier: GPL-2.0-only
/*
 * testmain.c: the test binary's main loop. Collects the TEST_CASE and
 * TEST_VARIANTS records of the .test_cases section (one case per variant
 * row), applies the case=GLOB[,!GLOB...] filters, runs each selected case
 * as a TAP subtest (case.c) and ends with the plan and the hvtest-end
 * marker (docs/output-protocol.md).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <ctype.h>
#include <glob.h>
#include "case_internal.h"
#include "report_internal.h"

/* One case to run: a record, and the row of its table for variants. */
struct run_item {
	const struct test_case *tc;
	unsigned int row;
	char name[CASE_NAME_MAX];
};

extern const struct test_case __test_cases_start[], __test_cases_end[];

/* The binary's name, from the build (mk/guest.mk generates it per binary). */
extern const char hv_test_name[];

/* A glob names a variant row by its full name or by its case's name. */
static bool matches(const char *glob, const struct run_item *it)
{
	return glob_match(glob, it->name) || glob_match(glob, it->tc->name);
}

/*
 * The case= options, parsed once: each is a comma-separated list of globs
 * ("!GLOB" excludes), a group of its own. A case runs when, for every
 * group, it matches no exclusion and matches an inclusion (or the group
 * has none).
 */
#define MAX_GLOBS 128

static struct case_glob {
	char text[64];
	bool exclude;
	unsigned int group;
} filters[MAX_GLOBS];
static unsigned int nr_filters, nr_groups;

static void parse_filters(void)
{
	const char *list;

	for (unsigned int g = 0; (list = arg_get_nth("case", g)); g++) {
		nr_groups = g + 1;
		while (*list) {
			size_t len = strcspn(list, ",");
			struct case_glob *f = &filters[nr_filters];

			if (nr_filters == MAX_GLOBS)
				test_usage_error("more than %d case= globs",
						 MAX_GLOBS);
			nr_filters++;
			f->exclude = *list == '!';
			f->group = g;
			snprintf(f->text, sizeof(f->text), "%.*s",
				 (int)(len - f->exclude), list + f->exclude);
			list += len;
			if (*list == ',')
				list++;
		}
	}
}

static bool selected_by_all(const struct run_item *it)
{
	for (unsigned int g = 0; g < nr_groups; g++) {
		bool any_include = false, included = false;

		for (unsigned int i = 0; i < nr_filters; i++) {
			const struct case_glob *f = &filters[i];

			if (f->group != g)
				continue;
			if (f->exclude && matches(f->text, it))
				return false;
			if (!f->exclude) {
				any_include = true;
				included = included || matches(f->text, it);
			}
		}
		if (any_include && !included)
			return false;
	}
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

static bool defined_after(const struct test_case *a, const struct test_case *b)
{
	int by_file;

	/* One file's __FILE__ is one string: most comparisons end here. */
	if (a->file == b->file)
		return a->line > b->line;
	by_file = strcmp(a->file, b->file);
	return by_file ? by_file > 0 : a->line > b->line;
}

/* Definition order, by file then line: the linker may place them anywhere. */
static void sort_by_definition(const struct test_case **v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		const struct test_case *t = v[i];
		unsigned int j = i;

		for (; j > 0 && defined_after(v[j - 1], t); j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static bool valid_row_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return false;
	return true;
}

/* Cases TC stands for: one, or a TEST_VARIANTS case's rows. */
static unsigned int rows_of(const struct test_case *tc)
{
	return tc->run_variant ? tc->nr_variants : 1;
}

/*
 * Row names must be usable in TAP, selections and expectations: checked
 * for the cases that run (two rows of one name are both selected or
 * neither), as the check is quadratic in a table's rows.
 */
static void check_rows(const struct test_case *tc)
{
	for (unsigned int r = 0; tc->run_variant && r < tc->nr_variants; r++) {
		const char *name = case_variant_name(tc, r);

		if (!name || !valid_row_name(name))
			test_crash("case %s: variant row %u is named '%s', not "
				   "[A-Za-z0-9_-]+",
				   tc->name, r, name ? name : "(null)");
		for (unsigned int q = 0; q < r; q++)
			if (case_variant_name(tc, q)[0] == name[0] &&
			    !strcmp(case_variant_name(tc, q), name))
				test_crash("case %s: two variant rows named %s",
					   tc->name, name);
	}
}

/* The names case= can select, for a filter that selected none. */
static void list_cases(const struct test_case **cases, unsigned int total)
{
	char name[sizeof(((struct run_item *)0)->name)];

	printf("# the cases of this test:\n");
	for (unsigned int i = 0; i < total; i++)
		for (unsigned int r = 0; r < rows_of(cases[i]); r++) {
			case_full_name(cases[i], r, name, sizeof(name));
			printf("#   %s\n", name);
		}
}

__attribute__((weak)) void arch_cpu_identity(char *buf, size_t size)
{
	buf[0] = 0;
}

__attribute__((weak)) void arch_profile_print(void)
{
}

void libtest_main(const char *cmdline)
{
	unsigned int total = __test_cases_end - __test_cases_start;
	const struct test_case **cases = calloc(total + 1, sizeof(*cases));
	struct run_item *run;
	const char *globs;
	unsigned int n = 0, items = 0;
	char identity[96];
	u64 seed;

	assert(cases);
	printf("TAP version 14\n");
	args_parse(cmdline);
	seed = arg_get_u64("seed", arch_entropy() & 0xffffffffULL);
	rand_init(seed);
	globs = arg_get("case");
	parse_filters();
	printf("# hvtest %s (%s) seed=%llu cmdline=\"%s\"\n", hv_test_name,
	       HV_ARCH, (unsigned long long)seed, cmdline);
	arch_cpu_identity(identity, sizeof(identity));
	if (identity[0])
		printf("# hvtest-cpu %s\n", identity);

	for (unsigned int i = 0; i < total; i++) {
		cases[i] = &__test_cases_start[i];
		if (cases[i]->run_variant && !cases[i]->nr_variants)
			test_crash("case %s: empty variant table",
				   cases[i]->name);
		items += rows_of(cases[i]);
	}
	sort_by_definition(cases, total);
	run = calloc(items + 1, sizeof(*run));
	assert(run);
	for (unsigned int i = 0; i < total; i++) {
		unsigned int before = n;

		for (unsigned int r = 0; r < rows_of(cases[i]); r++) {
			struct run_item *it = &run[n];

			it->tc = cases[i];
			it->row = r;
			case_full_name(it->tc, r, it->name, sizeof(it->name));
			n += selected_by_all(it);
		}
		if (n > before)
			check_rows(cases[i]);
	}
	if (!n && globs) {
		list_cases(cases, total);
		test_usage_error("no case passes the case= filters %s",
				 all_filters());
	}
	if (!n)
		test_usage_error("this test has no cases");
	for (unsigned int i = 0; i < n; i++) {
		char why[160];

		if (case_unmet(run[i].tc, why, sizeof(why))) {
			report_case_skipped(i + 1, run[i].name, why);
			continue;
		}
		report_case_begin(run[i].tc, run[i].name);
		case_run(run[i].tc, run[i].row);
		report_case_end(i + 1);
	}
	if (arg_get("profile"))
		arch_profile_print();
	args_warn_unused();
	exit(report_run_end(n));
}
