// SPDX-License-Identifier: GPL-2.0-only
/*
 * case.c: runs one case (libtest.h). Its requirements (accelerator, CPU
 * count, CPU features through the arch hooks of arch_hooks.h, what its
 * fixture's unmet() names) are checked first: the first one not met is
 * the case's SKIP reason, and testmain.c prints the case as one SKIP
 * point without a subtest. Otherwise the fixture's setup, the body (with
 * its variant row) and, whenever setup succeeded, the teardown. Output
 * follows docs/output-protocol.md.
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

/* Appends the start of S that fits to BUF (LEN bytes used, SIZE in all). */
static size_t append(char *buf, size_t len, size_t size, const char *s)
{
	size_t n = MIN(strlen(s), size - 1 - len);

	memcpy(buf + len, s, n);
	buf[len + n] = 0;
	return len + n;
}

/*
 * "case" or "case.row", cut to SIZE as snprintf would: built for every
 * row of every case at start-up, where snprintf's hundreds of
 * instructions a name are emulated one by one under kvm_pvm.
 */
void case_full_name(const struct test_case *tc, unsigned int row, char *buf,
		    size_t size)
{
	size_t len = append(buf, 0, size, tc->name);

	if (tc->run_variant) {
		len = append(buf, len, size, ".");
		append(buf, len, size, case_variant_name(tc, row));
	}
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

bool case_unmet(const struct test_case *tc, char *why, size_t size)
{
	const char *accel = tc->accel ? arch_accelerator() : NULL;

	if (accel && !listed(tc->accel, accel)) {
		snprintf(why, size,
			 "needs accelerator %s, the guest runs on %s",
			 tc->accel, accel);
		return true;
	}
	if (tc->min_cpus && nr_cpus() < tc->min_cpus) {
		snprintf(why, size, "needs %u CPUs, the VM has %u",
			 tc->min_cpus, nr_cpus());
		return true;
	}
	if (tc->features && arch_features_missing(tc->features, why, size))
		return true;
	if (tc->fixture && tc->fixture->unmet) {
		const char *r = tc->fixture->unmet();

		if (r) {
			snprintf(why, size, "%s", r);
			return true;
		}
	}
	return false;
}

void case_run(const struct test_case *tc, unsigned int row)
{
	const struct test_fixture *fx = tc->fixture;

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
