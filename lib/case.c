// SPDX-License-Identifier: GPL-2.0-only
/*
 * case.c: runs one case (libtest.h): its requirements (accelerator, CPU
 * count, CPU features through the arch hooks of arch_hooks.h) become a
 * SKIP naming the first one not met; then the fixture's setup, the body
 * (with its variant row) and, whenever setup succeeded, the teardown.
 * Output follows docs/output-protocol.md.
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <smp.h>
#include "case_internal.h"
#include "report_internal.h"

const char *case_variant_name(const struct test_case *tc, unsigned int row)
{
	const char *base = tc->variants;

	return *(const char *const *)(base + row * tc->variant_size +
				      tc->variant_name);
}

static const void *case_variant(const struct test_case *tc, unsigned int row)
{
	const char *base = tc->variants;

	return base + row * tc->variant_size;
}

void case_full_name(const struct test_case *tc, unsigned int row, char *buf,
		    size_t size)
{
	if (tc->run_variant)
		snprintf(buf, size, "%s.%s", tc->name,
			 case_variant_name(tc, row));
	else
		snprintf(buf, size, "%s", tc->name);
}

/* True when WORD is one of the blank-separated words of LIST. */
static bool listed(const char *list, const char *word)
{
	size_t len = strlen(word);

	while (*list) {
		size_t n;

		list += strspn(list, " ");
		n = strcspn(list, " ");
		if (n == len && !strncmp(list, word, len))
			return true;
		list += n;
	}
	return false;
}

/* The requirements of TC; false after a SKIP naming the first one not met. */
static bool requirements_met(const struct test_case *tc)
{
	const char *accel = tc->accel ? arch_accelerator() : NULL;
	char why[160];

	if (accel && !listed(tc->accel, accel)) {
		report_skip("needs accelerator %s, the guest runs on %s",
			    tc->accel, accel);
		return false;
	}
	if (tc->min_cpus && !need_cpus(tc->min_cpus))
		return false;
	if (tc->features &&
	    arch_features_missing(tc->features, why, sizeof(why))) {
		report_skip("%s", why);
		return false;
	}
	return true;
}

void case_run(const struct test_case *tc, unsigned int row)
{
	const struct test_fixture *fx = tc->fixture;

	if (!requirements_met(tc))
		return;
	if (fx && !fx->setup()) {
		if (!report_case_points())
			report(false,
			       "fixture %s: setup failed and said nothing",
			       fx->name);
		return;
	}
	if (tc->run_variant)
		tc->run_variant(case_variant(tc, row));
	else
		tc->fn();
	if (fx && fx->teardown) {
		report_prefix_reset();
		fx->teardown();
	}
}

__attribute__((weak)) const char *arch_accelerator(void)
{
	return NULL;
}

__attribute__((weak)) bool arch_features_missing(const struct arch_features *f,
						 char *buf, size_t size)
{
	test_crash("a case on %s declares .features, but this arch has no "
		   "CPU feature lookup (arch_hooks.h: arch_features_missing)",
		   HV_ARCH);
}
