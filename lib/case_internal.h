/* SPDX-License-Identifier: GPL-2.0-only */
/* case_internal.h: the case runner of case.c, for testmain.c. */
#ifndef HV_CASE_INTERNAL_H
#define HV_CASE_INTERNAL_H

#include <libtest.h>

/* Room for "NAME.ROW". */
#define CASE_NAME_MAX 96

/* The name of row ROW of a TEST_VARIANTS case. */
const char *case_variant_name(const struct test_case *tc, unsigned int row);
/* "NAME", or "NAME.ROW" for row ROW of a TEST_VARIANTS case, into BUF. */
void case_full_name(const struct test_case *tc, unsigned int row, char *buf,
		    size_t size);
/*
 * True when a requirement of TC (accelerator, CPU count, CPU features,
 * its fixture's unmet()) is not met; WHY (SIZE bytes) then names the
 * first.
 */
bool case_unmet(const struct test_case *tc, char *why, size_t size);
/*
 * Runs TC (row ROW of its table for a TEST_VARIANTS case), whose
 * requirements are met, between report_case_begin() and
 * report_case_end(): fixture setup, body, teardown.
 */
void case_run(const struct test_case *tc, unsigned int row);

#endif
