// SPDX-License-Identifier: GPL-2.0-only
/*
 * strtol.c: strtol, strtoll, strtoul, strtoull, C11 7.22.1.4.
 * One scanner produces the magnitude, the sign and an overflow flag;
 * each function then applies its own range (7.22.1.4p8: clamp to the
 * limit) and, for the unsigned ones, negates in the return type as
 * 7.22.1.4p5 says.  No errno is set (see stdlib.h).
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>

/*
 * gcc's <limits.h> needs a C library's limits.h behind it under -nostdinc,
 * so take the limits from the compiler's predefined macros instead.
 */
#define ULLONG_MAX ((unsigned long long)-1)
#define ULONG_MAX ((unsigned long)-1)
#define LLONG_MAX __LONG_LONG_MAX__
#define LONG_MAX __LONG_MAX__

struct scan {
	unsigned long long mag; /* magnitude, meaningless on overflow */
	bool neg;
	bool overflow; /* magnitude exceeds ULLONG_MAX */
};

static int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;
}

static struct scan scan_number(const char *nptr, char **endptr, int base)
{
	struct scan r = {0, false, false};
	const char *s = nptr, *digits;
	int d;

	while (isspace(*s))
		s++;
	if (*s == '+' || *s == '-')
		r.neg = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && tolower(s[1]) == 'x' &&
	    isxdigit(s[2])) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}

	digits = s;
	if (base >= 2 && base <= 36) {
		for (; (d = digit_value(*s)) < base; s++) {
			if (r.mag > (ULLONG_MAX - d) / base)
				r.overflow = true;
			else
				r.mag = r.mag * base + d;
		}
	}
	if (endptr)
		*endptr = (char *)(s == digits ? nptr : s);
	return r;
}

/*
 * Range [-max - 1, max]: a magnitude of exactly max + 1 is the minimum
 * itself when negative, so it shares the clamping branch.
 */
static long long to_signed(struct scan r, long long max)
{
	if (r.overflow || r.mag > (unsigned long long)max)
		return r.neg ? -max - 1 : max;
	return r.neg ? -(long long)r.mag : (long long)r.mag;
}

long strtol(const char *restrict nptr, char **restrict endptr, int base)
{
	return to_signed(scan_number(nptr, endptr, base), LONG_MAX);
}

long long strtoll(const char *restrict nptr, char **restrict endptr, int base)
{
	return to_signed(scan_number(nptr, endptr, base), LLONG_MAX);
}

unsigned long strtoul(const char *restrict nptr, char **restrict endptr,
		      int base)
{
	struct scan r = scan_number(nptr, endptr, base);

	if (r.overflow || r.mag > ULONG_MAX)
		return ULONG_MAX;
	return r.neg ? -(unsigned long)r.mag : (unsigned long)r.mag;
}

unsigned long long strtoull(const char *restrict nptr, char **restrict endptr,
			    int base)
{
	struct scan r = scan_number(nptr, endptr, base);

	if (r.overflow)
		return ULLONG_MAX;
	return r.neg ? -r.mag : r.mag;
}
