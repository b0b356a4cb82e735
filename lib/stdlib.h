/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stdlib.h: general utilities of the guest libc (C11 7.22).
 *
 * Numeric conversion (C11 7.22.1.4, strtol.c): bases 0 and 2..36, with
 * leading white space, an optional sign and, for base 0 or 16, an
 * optional 0x/0X prefix; base 0 picks octal for a leading 0.  *endptr is
 * set past the last digit used, or to nptr when there are no digits
 * (or the base is invalid).
 * An out-of-range value clamps to the type's limit (LONG_MAX, ULONG_MAX,
 * ...).  There is no errno: a caller that must tell ULONG_MAX from an
 * overflow compares the result with the limit and checks the digits.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

long strtol(const char *restrict nptr, char **restrict endptr, int base);
long long strtoll(const char *restrict nptr, char **restrict endptr, int base);
unsigned long strtoul(const char *restrict nptr, char **restrict endptr,
		      int base);
unsigned long long strtoull(const char *restrict nptr, char **restrict endptr,
			    int base);

/* Memory management and program termination (C11 7.22.3, 7.22.4). */
#include <alloc.h>

/* Stops the VM; STATUS reaches the VMM (lib/<arch>/exit.c). */
void exit(int status) __attribute__((noreturn));
/* Backtrace, then ends the test as a crash (abort.c). */
void abort(void) __attribute__((noreturn));

#endif
