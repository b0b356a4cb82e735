// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_libc.c: host unit tests of the guest libc (lib/string.c,
 * lib/strtol.c, lib/printf.c), built with an hvt_ prefix on every symbol
 * (see Makefile) and checked against the host C library, which follows
 * C11 7.21.6.1 (printf), 7.22.1.4 (strtol) and 7.24 (string.h).  Where
 * the standard leaves a case undefined, the expected output is the one
 * documented in lib/stdio.h or lib/stdlib.h.
 *
 * Prints one "ok"/"not ok" line per check, then "N passed, N failed".
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap_check.h"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The library under test, renamed. */
void *hvt_memcpy(void *dst, const void *src, size_t n);
void *hvt_memmove(void *dst, const void *src, size_t n);
void *hvt_memset(void *s, int c, size_t n);
int hvt_memcmp(const void *a, const void *b, size_t n);
void *hvt_memchr(const void *s, int c, size_t n);
void *hvt_mem_find_other(const void *s, int c, size_t n);
void *hvt_mem_find_word(const void *s, uint64_t w, size_t n);
size_t hvt_strlen(const char *s);
size_t hvt_strnlen(const char *s, size_t maxlen);
int hvt_strcmp(const char *a, const char *b);
int hvt_strncmp(const char *a, const char *b, size_t n);
char *hvt_strchr(const char *s, int c);
char *hvt_strrchr(const char *s, int c);
char *hvt_strstr(const char *haystack, const char *needle);
char *hvt_strcpy(char *dst, const char *src);
char *hvt_strncpy(char *dst, const char *src, size_t n);
char *hvt_strcat(char *dst, const char *src);
size_t hvt_strspn(const char *s, const char *accept);
size_t hvt_strcspn(const char *s, const char *reject);
long hvt_strtol(const char *nptr, char **endptr, int base);
long long hvt_strtoll(const char *nptr, char **endptr, int base);
unsigned long hvt_strtoul(const char *nptr, char **endptr, int base);
unsigned long long hvt_strtoull(const char *nptr, char **endptr, int base);
int hvt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	PRINTF_LIKE(3, 0);
int hvt_snprintf(char *buf, size_t size, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
int hvt_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int hvt_puts(const char *s);
int hvt_putchar(int c);

/* ---- reporting ---- */

/* Failures within a loop: print the first few, then one check line. */
struct group {
	const char *name;
	long runs, bad;
};

static bool group_case(struct group *g, bool cond, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
static bool group_case(struct group *g, bool cond, const char *fmt, ...)
{
	va_list ap;

	g->runs++;
	if (cond)
		return true;
	if (g->bad++ < 10) {
		printf("# %s: ", g->name);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
	}
	return false;
}

static void group_end(struct group *g)
{
	check(g->bad == 0 && g->runs > 0, "%s (%ld cases, %ld bad)", g->name,
	      g->runs, g->bad);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Deterministic generator, so failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Output of our snprintf and of glibc's. */
static char ours[8192], ref[8192];

/* ---- console capture for printf/puts/putchar ---- */

static char captured[1 << 16];
static size_t captured_len, writes, max_write;

void hvt_console_write(const char *s, size_t len)
{
	if (len > max_write)
		max_write = len;
	writes++;
	if (captured_len + len <= sizeof(captured)) {
		memcpy(captured + captured_len, s, len);
		captured_len += len;
	}
}

static void capture_reset(void)
{
	captured_len = writes = max_write = 0;
}

/* ---- string.h ---- */

static void test_memcpy(void)
{
	struct group g = {.name = "memcpy offsets x lengths"};
	unsigned char src[64], dst[80], ref[80];
	size_t so, d, n, i;
	void *ret;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	for (so = 0; so < 8; so++)
		for (d = 0; d < 8; d++)
			for (n = 0; n <= 48; n++) {
				memset(dst, 0xa5, sizeof(dst));
				memset(ref, 0xa5, sizeof(ref));
				memcpy(ref + d, src + so, n);
				ret = hvt_memcpy(dst + d, src + so, n);
				group_case(
					&g,
					ret == dst + d &&
						!memcmp(dst, ref, sizeof(dst)),
					"src+%zu dst+%zu n=%zu", so, d, n);
			}
	group_end(&g);
}

static void test_memmove(void)
{
	struct group g = {.name = "memmove overlapping, both directions"};
	unsigned char buf[96], ref[96], tmp[96];
	size_t so, d, n, i;
	void *ret;

	for (so = 0; so < 32; so++)
		for (d = 0; d < 32; d++)
			for (n = 0; n <= 40; n++) {
				for (i = 0; i < sizeof(buf); i++)
					buf[i] = ref[i] = (unsigned char)i;
				memcpy(tmp, ref + so, n);
				memcpy(ref + d, tmp, n);
				ret = hvt_memmove(buf + d, buf + so, n);
				group_case(
					&g,
					ret == buf + d &&
						!memcmp(buf, ref, sizeof(buf)),
					"src+%zu dst+%zu n=%zu", so, d, n);
			}
	group_end(&g);
}

static void test_memset(void)
{
	struct group g = {.name = "memset offsets x lengths x values"};
	static const int values[] = {0, 1, 0x7f, 0x80, 0xff, 0x1ff, -1, -128};
	unsigned char buf[80], ref[80];
	size_t o, n, v;
	void *ret;

	for (v = 0; v < ARRAY_SIZE(values); v++)
		for (o = 0; o < 8; o++)
			for (n = 0; n <= 64; n++) {
				memset(buf, 0x3c, sizeof(buf));
				memset(ref, 0x3c, sizeof(ref));
				memset(ref + o, values[v], n);
				ret = hvt_memset(buf + o, values[v], n);
				group_case(
					&g,
					ret == buf + o &&
						!memcmp(buf, ref, sizeof(buf)),
					"+%zu n=%zu c=%d", o, n, values[v]);
			}
	group_end(&g);
}

/* The reference: the first byte that is not c. */
static void *find_other_ref(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

typedef void *(*scan_fn)(const void *s, int c, size_t n);

/*
 * A byte scan (OURS against REF) for C at every offset 0-7 and length
 * 0-72: the N bytes hold FILL but the one AT holds MARK (at == n: none),
 * and the byte past the end holds PAST, which must not be seen.
 */
static void scan_positions(struct group *g, scan_fn ours, scan_fn ref, int c,
			   unsigned char fill, unsigned char mark,
			   unsigned char past)
{
	unsigned char buf[96];

	for (size_t o = 0; o < 8; o++)
		for (size_t n = 0; n <= 72; n++)
			for (size_t at = 0; at <= n; at++) {
				memset(buf, fill, sizeof(buf));
				if (at < n)
					buf[o + at] = mark;
				buf[o + n] = past;
				group_case(g,
					   ours(buf + o, c, n) ==
						   ref(buf + o, c, n),
					   "+%zu n=%zu at=%zu c=%d", o, n, at,
					   c);
			}
}

static void test_mem_find_other(void)
{
	struct group g = {.name = "mem_find_other offsets x lengths x where"};
	static const int values[] = {0, 0xa5, -1};

	for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
		unsigned char c = (unsigned char)values[v];

		scan_positions(&g, hvt_mem_find_other, find_other_ref,
			       values[v], c, c ^ 0x10, c ^ 0x01);
	}
	group_end(&g);
}

static void test_memcmp_positions(void)
{
	struct group g = {.name = "memcmp offsets x lengths x where x order"};
	unsigned char a[96], b[96];
	size_t o, n, at;
	int d;

	for (o = 0; o < 8; o++)
		for (n = 0; n <= 72; n++)
			/* at == n: equal; otherwise b is above or below a there */
			for (at = 0; at <= n; at++)
				for (d = -1; d <= 1; d += 2) {
					memset(a, 0x80, sizeof(a));
					memset(b, 0x80, sizeof(b));
					if (at < n)
						b[o + at] =
							(unsigned char)(0x80 +
									d * 0x7f);
					b[o +
					  n] = 0; /* past the end: not compared */
					group_case(
						&g,
						sign(hvt_memcmp(a + o, b + o,
								n)) ==
							sign(memcmp(a + o,
								    b + o, n)),
						"+%zu n=%zu at=%zu d=%d", o, n,
						at, d);
				}
	group_end(&g);
}

static void test_memchr_positions(void)
{
	struct group g = {.name = "memchr offsets x lengths x where vs glibc"};
	static const int values[] = {'R', 0, -1, 0x100 + 'R'};

	for (size_t v = 0; v < ARRAY_SIZE(values); v++) {
		unsigned char c = (unsigned char)values[v];

		scan_positions(&g, hvt_memchr, memchr, values[v], 0x5a, c, c);
	}
	group_end(&g);
}

/*
 * mem_find_word: the word in every aligned slot, with every length (a
 * partial last word is not looked at), and an equal word one past the
 * end that must not be found.
 */
static void test_mem_find_word(void)
{
	struct group g = {.name = "mem_find_word lengths x where"};
	static const uint64_t w = 0x2052545020445352ULL;
	uint64_t buf[12];
	size_t n, at;

	for (n = 0; n <= 8 * 10 + 7; n++)
		/* at == n / 8: not among the whole words */
		for (at = 0; at <= n / 8; at++) {
			memset(buf, 0x52, sizeof(buf));
			if (at < n / 8)
				buf[at] = w;
			buf[n / 8] = w;
			group_case(&g,
				   hvt_mem_find_word(buf, w, n) ==
					   (at < n / 8 ? &buf[at] : NULL),
				   "n=%zu at=%zu", n, at);
		}
	group_end(&g);
}

static void test_memcmp_memchr(void)
{
	const unsigned char a[] = {1, 2, 0x80, 0, 5};
	const unsigned char b[] = {1, 2, 0x01, 0, 5};
	const unsigned char c[] = "abc\xff"
				  "def";

	check(hvt_memcmp(a, b, 0) == 0, "memcmp n=0 is 0");
	check(hvt_memcmp(a, b, 2) == 0, "memcmp equal prefix");
	check(hvt_memcmp(a, b, 5) > 0, "memcmp compares as unsigned char (>)");
	check(hvt_memcmp(b, a, 5) < 0, "memcmp compares as unsigned char (<)");
	check(hvt_memcmp(a, a, 5) == 0, "memcmp equal");
	check(hvt_memcmp("a\0b", "a\0c", 3) < 0, "memcmp does not stop at NUL");

	check(hvt_memchr(c, 'c', 7) == c + 2, "memchr finds");
	check(hvt_memchr(c, 'c', 2) == NULL, "memchr respects n");
	check(hvt_memchr(c, 'a', 0) == NULL, "memchr n=0");
	check(hvt_memchr(c, 0x100 + 'b', 7) == c + 1,
	      "memchr converts c to unsigned char");
	check(hvt_memchr(c, -1, 7) == c + 3, "memchr c=-1 finds 0xff");
	check(hvt_memchr(c, 0, 8) == c + 7, "memchr finds NUL");
	check(hvt_memchr(c, 'z', 8) == NULL, "memchr not found");
}

static const char *const strings[] = {
	"",	"a",	    "b",	   "ab",    "abc",    "abd",
	"abcd", "aab",	    "hello world", "hello", "hello!", "\x80",
	"\x7f", "\xff\x01", "a\xe9z",	   "aa",
};

static void test_str_compare(void)
{
	struct group g = {.name = "strcmp/strncmp sign vs glibc"};
	const char *a, *b;
	size_t i, j, n;

	for (i = 0; i < ARRAY_SIZE(strings); i++)
		for (j = 0; j < ARRAY_SIZE(strings); j++) {
			a = strings[i];
			b = strings[j];
			group_case(&g,
				   sign(hvt_strcmp(a, b)) == sign(strcmp(a, b)),
				   "strcmp(\"%s\", \"%s\")", a, b);
			for (n = 0; n < 14; n++)
				group_case(&g,
					   sign(hvt_strncmp(a, b, n)) ==
						   sign(strncmp(a, b, n)),
					   "strncmp(\"%s\", \"%s\", %zu)", a, b,
					   n);
		}
	group_end(&g);
}

static void test_str_search(void)
{
	struct group g = {.name = "strlen/strnlen/str[r]chr/strstr/str[c]spn"};
	static const int chars[] = {'a',  'b',	      'z',  'l',
				    'o',  '!',	      0,    0x80,
				    0xe9, (char)0xe9, 0xff, 0x100 + 'a'};
	size_t i, j, n;

	for (i = 0; i < ARRAY_SIZE(strings); i++) {
		const char *s = strings[i];

		group_case(&g, hvt_strlen(s) == strlen(s), "strlen(\"%s\")", s);
		for (n = 0; n < 14; n++)
			group_case(&g, hvt_strnlen(s, n) == strnlen(s, n),
				   "strnlen(\"%s\", %zu)", s, n);
		for (j = 0; j < ARRAY_SIZE(chars); j++) {
			group_case(&g,
				   hvt_strchr(s, chars[j]) ==
					   strchr(s, chars[j]),
				   "strchr(\"%s\", %#x)", s, chars[j]);
			group_case(&g,
				   hvt_strrchr(s, chars[j]) ==
					   strrchr(s, chars[j]),
				   "strrchr(\"%s\", %#x)", s, chars[j]);
		}
		for (j = 0; j < ARRAY_SIZE(strings); j++) {
			const char *t = strings[j];

			group_case(&g, hvt_strstr(s, t) == strstr(s, t),
				   "strstr(\"%s\", \"%s\")", s, t);
			group_case(&g, hvt_strspn(s, t) == strspn(s, t),
				   "strspn(\"%s\", \"%s\")", s, t);
			group_case(&g, hvt_strcspn(s, t) == strcspn(s, t),
				   "strcspn(\"%s\", \"%s\")", s, t);
		}
	}
	group_end(&g);

	check(hvt_strchr(strings[4], 0) == strings[4] + 3,
	      "strchr finds the terminator");
	check(hvt_strnlen("abc", (size_t)-1) == 3, "strnlen huge maxlen");
	check(hvt_strstr("aaab", "aab") != NULL, "strstr after partial match");
}

static void test_str_search_random(void)
{
	struct group g = {.name = "random strings: search and compare"};
	char hay[24], needle[5];
	size_t i, len, nlen;

	for (i = 0; i < 20000; i++) {
		len = rng() % (sizeof(hay) - 1);
		nlen = rng() % (sizeof(needle) - 1);
		for (size_t k = 0; k < len; k++)
			hay[k] = "abc"[rng() % 3];
		hay[len] = '\0';
		for (size_t k = 0; k < nlen; k++)
			needle[k] = "abc"[rng() % 3];
		needle[nlen] = '\0';
		group_case(&g, hvt_strstr(hay, needle) == strstr(hay, needle),
			   "strstr(\"%s\", \"%s\")", hay, needle);
		group_case(&g,
			   hvt_strchr(hay, needle[0]) == strchr(hay, needle[0]),
			   "strchr(\"%s\", %d)", hay, needle[0]);
		group_case(&g,
			   hvt_strrchr(hay, needle[0]) ==
				   strrchr(hay, needle[0]),
			   "strrchr(\"%s\", %d)", hay, needle[0]);
		group_case(&g,
			   sign(hvt_strcmp(hay, needle)) ==
				   sign(strcmp(hay, needle)),
			   "strcmp(\"%s\", \"%s\")", hay, needle);
		group_case(&g, hvt_strspn(hay, needle) == strspn(hay, needle),
			   "strspn(\"%s\", \"%s\")", hay, needle);
		group_case(&g, hvt_strcspn(hay, needle) == strcspn(hay, needle),
			   "strcspn(\"%s\", \"%s\")", hay, needle);
	}
	group_end(&g);
}

static void test_str_copy(void)
{
	char buf[16], ref[16];

	memset(buf, 'x', sizeof(buf));
	check(hvt_strcpy(buf, "hello") == buf && !memcmp(buf, "hello\0xx", 8),
	      "strcpy copies the terminator and nothing more");
	check(hvt_strcpy(buf, "") == buf && buf[0] == '\0' && buf[1] == 'e',
	      "strcpy empty");

	memset(buf, 'x', sizeof(buf));
	check(hvt_strncpy(buf, "abc", 8) == buf &&
		      !memcmp(buf, "abc\0\0\0\0\0xx", 10),
	      "strncpy pads with NULs up to n");
	memset(buf, 'x', sizeof(buf));
	check(hvt_strncpy(buf, "abcdef", 3) == buf && !memcmp(buf, "abcx", 4),
	      "strncpy truncates without a terminator");
	memset(buf, 'x', sizeof(buf));
	check(hvt_strncpy(buf, "abc", 0) == buf && buf[0] == 'x',
	      "strncpy n=0");

	memset(buf, 'x', sizeof(buf));
	strcpy(buf, "foo");
	memcpy(ref, buf, sizeof(ref));
	strcat(ref, "bar");
	check(hvt_strcat(buf, "bar") == buf && !memcmp(buf, ref, sizeof(buf)),
	      "strcat appends");
	check(hvt_strcat(buf, "") == buf && !strcmp(buf, "foobar"),
	      "strcat empty source");
	buf[0] = '\0';
	check(hvt_strcat(buf, "z") == buf && !strcmp(buf, "z"),
	      "strcat to empty string");
}

/*
 * Functions bounded by a length must not look past it: the buffer below
 * has no terminator, and the sanitizer build traps any over-read.
 */
static void test_no_overread(void)
{
	char *p = malloc(5), dst[8];

	if (!p)
		abort();
	memcpy(p, "abcde", 5);
	check(hvt_strnlen(p, 5) == 5, "strnlen stops at maxlen");
	check(hvt_memchr(p, 'z', 5) == NULL, "memchr stops at n");
	check(hvt_strncmp(p, "abcdeX", 5) == 0, "strncmp stops at n");
	check(hvt_memcmp(p, "abcdeX", 5) == 0, "memcmp stops at n");
	check(hvt_strncpy(dst, p, 5) == dst && !memcmp(dst, "abcde", 5),
	      "strncpy stops at n");
	check(hvt_snprintf(ours, sizeof(ours), "%.5s|%.3s", p, p) == 9 &&
		      !strcmp(ours, "abcde|abc"),
	      "%%.Ns stops at the precision");
	free(p);
}

/* ---- stdlib.h: strtol family ---- */

static const char *const numbers[] = {
	"",
	" ",
	"  +",
	"-",
	"+",
	"- 5",
	"+-5",
	"0",
	"-0",
	"+0",
	"00",
	"07",
	"08",
	"09",
	"010",
	"0x",
	"0X",
	"0x1",
	"0X1f",
	"0xg",
	"0x 1",
	"-0x10",
	"+0x10",
	"0x0x1",
	"1x",
	"12abc",
	"  42",
	"\t\n\v\f\r-42 ",
	"z",
	"Z",
	"zz",
	"10",
	"101",
	"777",
	"1e9",
	"abc",
	"ABC",
	"-abc",
	"fF",
	"0b101",
	"2147483647",
	"2147483648",
	"-2147483648",
	"-2147483649",
	"4294967295",
	"4294967296",
	"-4294967295",
	"-4294967296",
	"9223372036854775807",
	"9223372036854775808",
	"9223372036854775809",
	"-9223372036854775807",
	"-9223372036854775808",
	"-9223372036854775809",
	"18446744073709551615",
	"18446744073709551616",
	"-18446744073709551615",
	"-18446744073709551616",
	"99999999999999999999999999999999999",
	"-99999999999999999999999999999999999",
	"0xffffffffffffffff",
	"0x10000000000000000",
	"-0xffffffffffffffff",
	"0x8000000000000000",
	"-0x8000000000000000",
	"-0x8000000000000001",
	"0x7fffffffffffffff",
	"1777777777777777777777",
	"2000000000000000000000",
	"01777777777777777777777",
	"02000000000000000000000",
	"3w5e11264sgsf",
	"3w5e11264sgsg",
	"-3w5e11264sgsg",
	"1111111111111111111111111111111111111111111111111111111111111111",
	"11111111111111111111111111111111111111111111111111111111111111111",
};

static void compare_strto(struct group *g, const char *s, int base)
{
	unsigned long long ull1, ull2;
	unsigned long ul1, ul2;
	long long ll1, ll2;
	long l1, l2;
	char *e1, *e2;

	l1 = hvt_strtol(s, &e1, base);
	l2 = strtol(s, &e2, base);
	group_case(g, l1 == l2 && e1 == e2,
		   "strtol(\"%s\", %d): %ld end %td,"
		   " glibc %ld end %td",
		   s, base, l1, e1 - s, l2, e2 - s);
	ll1 = hvt_strtoll(s, &e1, base);
	ll2 = strtoll(s, &e2, base);
	group_case(g, ll1 == ll2 && e1 == e2,
		   "strtoll(\"%s\", %d): %lld end "
		   "%td, glibc %lld end %td",
		   s, base, ll1, e1 - s, ll2, e2 - s);
	ul1 = hvt_strtoul(s, &e1, base);
	ul2 = strtoul(s, &e2, base);
	group_case(g, ul1 == ul2 && e1 == e2,
		   "strtoul(\"%s\", %d): %lu end "
		   "%td, glibc %lu end %td",
		   s, base, ul1, e1 - s, ul2, e2 - s);
	ull1 = hvt_strtoull(s, &e1, base);
	ull2 = strtoull(s, &e2, base);
	group_case(g, ull1 == ull2 && e1 == e2,
		   "strtoull(\"%s\", %d): %llu "
		   "end %td, glibc %llu end %td",
		   s, base, ull1, e1 - s, ull2, e2 - s);
}

static const int bases[] = {0, 2, 8, 10, 16, 36, 3, 7, 35};

static void test_strto(void)
{
	struct group g = {.name = "strto[u]l[l] table x bases vs glibc"};
	struct group r = {.name = "strto[u]l[l] random strings vs glibc"};
	static const char alphabet[] = " +-00001789afgxXzZ";
	char s[28];
	size_t i, j, len;
	char *end;

	for (i = 0; i < ARRAY_SIZE(numbers); i++)
		for (j = 0; j < ARRAY_SIZE(bases); j++)
			compare_strto(&g, numbers[i], bases[j]);
	group_end(&g);

	for (i = 0; i < 40000; i++) {
		len = rng() % (sizeof(s) - 1);
		for (j = 0; j < len; j++)
			s[j] = alphabet[rng() % (sizeof(alphabet) - 1)];
		s[len] = '\0';
		compare_strto(&r, s, bases[rng() % ARRAY_SIZE(bases)]);
	}
	group_end(&r);

	check(hvt_strtoul("0x1f", NULL, 0) == 31, "strtoul endptr may be NULL");
	check(hvt_strtol(" -0x7fffffffffffffff", NULL, 16) == -LONG_MAX,
	      "strtol base 16 with sign and prefix");
	check(hvt_strtoul("-1", &end, 10) == (unsigned long)-1 && *end == '\0',
	      "strtoul negates in the unsigned type");
	end = NULL;
	check(hvt_strtol("  12", &end, 1) == 0 && end && !strcmp(end, "  12"),
	      "strtol invalid base 1 converts nothing, endptr = nptr");
	end = NULL;
	check(hvt_strtoull("12", &end, 37) == 0 && end && !strcmp(end, "12"),
	      "strtoull invalid base 37 converts nothing, endptr = nptr");
}

/* ---- stdio.h: printf family ---- */

/* Compare hvt_snprintf and glibc snprintf on the same arguments. */
#define CMP(...)                                                      \
	compare_printf(#__VA_ARGS__,                                  \
		       hvt_snprintf(ours, sizeof(ours), __VA_ARGS__), \
		       snprintf(ref, sizeof(ref), __VA_ARGS__))

static void compare_printf(const char *args, int n_ours, int n_ref)
{
	if (!check(n_ours == n_ref && !memcmp(ours, ref, n_ref + 1),
		   "snprintf(%s)", args))
		printf("#   ours %d \"%s\"\n#  glibc %d \"%s\"\n", n_ours, ours,
		       n_ref, ref);
}

/*
 * The same for formats that gcc's -Wformat rightly calls odd (a 0 flag
 * that the standard says to ignore, repeated flags): no format attribute.
 */
static void compare_odd(const char *fmt, ...)
{
	va_list ap, ap2;
	int n1, n2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n1 = hvt_vsnprintf(ours, sizeof(ours), fmt, ap);
	n2 = vsnprintf(ref, sizeof(ref), fmt, ap2);
	va_end(ap2);
	va_end(ap);
	compare_printf(fmt, n1, n2);
}

/* Compare hvt_snprintf with a fixed expectation (our documented choice). */
#define EXPECT(want, ...)                 \
	expect_printf(want, #__VA_ARGS__, \
		      hvt_snprintf(ours, sizeof(ours), __VA_ARGS__))

static void expect_printf(const char *want, const char *args, int n)
{
	if (!check(n == (int)strlen(want) && !strcmp(ours, want),
		   "snprintf(%s) is \"%s\"", args, want))
		printf("#   got %d \"%s\"\n", n, ours);
}

/* Hidden from the compiler, which would warn about a NULL %s. */
static const char *volatile null_str;

/* The same for formats outside the standard, again unchecked by gcc. */
static void expect_odd(const char *want, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hvt_vsnprintf(ours, sizeof(ours), fmt, ap);
	va_end(ap);
	expect_printf(want, fmt, n);
}

static void test_printf_table(void)
{
	int x = 0;

	CMP("plain text");
	CMP("%%");
	CMP("a%%b%%%%c");
	CMP("%d %i %u", 42, -42, 42u);
	CMP("%d %d %d", 0, 2147483647, -2147483647 - 1);
	CMP("%u %x %X %o", 4294967295u, 4294967295u, 0xabcdefu, 4294967295u);
	CMP("%5d|%-5d|%05d|%+d|% d|%+5d|%-+5d|% 05d", 42, 42, 42, 42, 42, 42,
	    42, 42);
	CMP("%5d|%-5d|%05d|%+d|% d|%+05d", -42, -42, -42, -42, -42, -42);
	CMP("%.0d|%.0x|%.0o|%#.0x|%#.0o|%5.0d|%-5.0u|", 0, 0u, 0u, 0u, 0u, 0,
	    0u);
	CMP("%.3d|%.3d|%-8.3d|%+.3d|% .5d", 7, -7, -7, 7, 7);
	compare_odd("%08.3d|%08.3d|%-08d|%-08.3x", 7, -7, 7, 7u);
	CMP("%#x|%#X|%#o|%#x|%#o|%#08x|%#-8x|%#.5x|%#.5o", 255u, 255u, 8u, 0u,
	    0u, 255u, 255u, 255u, 8u);
	CMP("%hhd %hhu %hhx %hd %hu %hx", 300, 300, -1, 70000, 70000, -1);
	CMP("%ld %lu %lx %lo", -1L, (unsigned long)-1, (unsigned long)-1,
	    (unsigned long)-1);
	CMP("%lld %llu %llx", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
	CMP("%zu %zx %zd", (size_t)-1, (size_t)4096, (ptrdiff_t)-5);
	CMP("%jd %ju %jx", (intmax_t)-123456789012345LL, (uintmax_t)-1,
	    (uintmax_t)0xfeed);
	CMP("%td %tx", (ptrdiff_t)-77, (ptrdiff_t)0x77);
	CMP("%c%c%c", 'a', 'b', 'c');
	CMP("%5c|%-5c|%c", 'x', 'y', 0x141);
	CMP("%s|%10s|%-10s|%.2s|%10.2s|%-10.2s|%.0s|%.10s", "abc", "abc", "abc",
	    "abc", "abc", "abc", "abc", "abc");
	CMP("%s", "");
	CMP("%*d|%-*d|%*d|%.*d|%.*d|%*.*d", 6, 1, 6, 2, -6, 3, 4, 5, -4, 6, 8,
	    3, 7);
	CMP("%*s|%.*s|%-*.*s|", 4, "ab", 1, "xyz", 6, 2, "pqrs");
	CMP("%.*s", -1, "negative precision is ignored");
	CMP("%p %p", (void *)0x1234, (void *)~(uintptr_t)0);
	CMP("%20p|%-20p|", (void *)0xdeadbeef, (void *)0xdeadbeef);
	CMP("%d%s%x%c%%%u", 1, "two", 3u, '4', 5u);
	compare_odd("%-+08.3d|%0-8d|", 12, 12);
	compare_odd("%000000005d|%--5d|%++d|%  d|%+ d|% +d", 1, 2, 3, 4, 5, 6);
	CMP("%099d", 1);
	CMP("%.99d", -1);

	EXPECT("(null)", "%s", null_str);
	EXPECT("[    (null)]", "[%10s]", null_str);
	EXPECT("(nu", "%.3s", null_str);
	EXPECT("0x0", "%p", NULL);
	EXPECT("  0x0", "%5p", NULL);
	EXPECT("0x1f", "%p", (void *)0x1f);
	expect_odd("%y", "%y", 0);
	expect_odd("a%-5yb", "a%-5yb", 0);
	expect_odd("trailing %", "trailing %", 0);
	expect_odd("cut %-08", "cut %-08", 0);
	expect_odd("cut %5l", "cut %5l", 0);
	expect_odd("%n", "%n", &x);
	check(x == 0, "%%n writes nothing");
}

static const long long int_values[] = {
	0,
	1,
	-1,
	7,
	8,
	9,
	10,
	15,
	16,
	42,
	-42,
	127,
	128,
	-128,
	-129,
	255,
	256,
	32767,
	32768,
	-32768,
	-32769,
	65535,
	65536,
	2147483647LL,
	2147483648LL,
	-2147483648LL,
	-2147483649LL,
	4294967295LL,
	4294967296LL,
	0x123456789abcdefLL,
	01234567012345670LL,
	9223372036854775807LL,
	-9223372036854775807LL - 1,
	-1000000000000LL,
};

/* One generated case: same return value and same bytes, NUL included. */
static void compare_fmt(struct group *g, const char *fmt, int n1, int n2)
{
	group_case(g, n1 == n2 && !memcmp(ours, ref, n2 + 1),
		   "\"%s\": ours %d \"%s\", glibc %d \"%s\"", fmt, n1, ours, n2,
		   ref);
}

#define COMPARE(g, fmt, ...)                                            \
	compare_fmt(g, fmt,                                             \
		    hvt_snprintf(ours, sizeof(ours), fmt, __VA_ARGS__), \
		    snprintf(ref, sizeof(ref), fmt, __VA_ARGS__))

/*
 * Format one generated integer conversion with both implementations.
 * The argument is passed with the type the length modifier expects.
 */
static void compare_int(struct group *g, const char *fmt, const char *len,
			bool is_signed, long long v)
{
	if (!strcmp(len, "l"))
		COMPARE(g, fmt, (long)v);
	else if (!strcmp(len, "ll"))
		COMPARE(g, fmt, v);
	else if (!strcmp(len, "z") || !strcmp(len, "t"))
		COMPARE(g, fmt, (ptrdiff_t)v);
	else if (!strcmp(len, "j"))
		COMPARE(g, fmt, (intmax_t)v);
	else if (is_signed)
		COMPARE(g, fmt, (int)v);
	else
		COMPARE(g, fmt, (unsigned int)v);
}

/* Odometer over a combination index: the next digit, in base n. */
static size_t pick(size_t *k, size_t n)
{
	size_t digit = *k % n;

	*k /= n;
	return digit;
}

static void test_printf_generated_ints(void)
{
	struct group g = {.name = "generated integer conversions vs glibc"};
	static const char convs[] = "diuxXo", flag_chars[] = "-0+ #";
	static const char *const lens[] = {"",	 "hh", "h", "l",
					   "ll", "z",  "j", "t"};
	static const char *const widths[] = {"", "1", "3", "8", "24"};
	static const char *const precs[] = {"",	  ".",	".0", ".1",
					    ".3", ".8", ".24"};
	size_t combos = 6 * 32 * ARRAY_SIZE(lens) * ARRAY_SIZE(widths) *
			ARRAY_SIZE(precs);
	const char *len, *width, *prec;
	char fmt[32], flags[8], conv;
	size_t i, k, f, b, v, nf;
	bool is_signed;

	for (i = 0; i < combos; i++) {
		k = i;
		conv = convs[pick(&k, 6)];
		f = pick(&k, 32);
		len = lens[pick(&k, ARRAY_SIZE(lens))];
		width = widths[pick(&k, ARRAY_SIZE(widths))];
		prec = precs[pick(&k, ARRAY_SIZE(precs))];
		is_signed = conv == 'd' || conv == 'i';
		/* # is undefined for d, i and u */
		if ((f & 16) && (is_signed || conv == 'u'))
			continue;
		for (nf = 0, b = 0; b < 5; b++)
			if (f & (1u << b))
				flags[nf++] = flag_chars[b];
		flags[nf] = '\0';
		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags, width, prec,
			 len, conv);
		for (v = 0; v < ARRAY_SIZE(int_values); v++)
			compare_int(&g, fmt, len, is_signed, int_values[v]);
	}
	group_end(&g);
}

static void test_printf_generated_star(void)
{
	struct group g = {.name = "generated * width/precision vs glibc"};
	static const int stars[] = {-30, -5, -1, 0, 1, 2, 5, 30};
	static const char *const fmts[] = {"[%*.*s]",  "[%-*.*s]", "[%*.*d]",
					   "[%-*.*x]", "[%0*.*o]", "[%+*.*i]"};
	static const char *const strs[] = {"", "a", "hello", "hello, world"};
	static const int ints[] = {0, 1, -77, 123456};
	size_t i, k, f, a,
		n = ARRAY_SIZE(stars) * ARRAY_SIZE(stars) * ARRAY_SIZE(fmts) *
		    4;
	int w, p;

	for (i = 0; i < n; i++) {
		k = i;
		w = stars[pick(&k, ARRAY_SIZE(stars))];
		p = stars[pick(&k, ARRAY_SIZE(stars))];
		f = pick(&k, ARRAY_SIZE(fmts));
		a = pick(&k, 4);
		if (f < 2)
			COMPARE(&g, fmts[f], w, p, strs[a]);
		else
			COMPARE(&g, fmts[f], w, p, ints[a]);
	}
	group_end(&g);
}

static void test_printf_generated_other(void)
{
	struct group g = {.name = "generated %s %c %p vs glibc"};
	static const char *const flags[] = {"", "-"};
	static const char *const widths[] = {"", "0", "1", "5", "20"};
	static const char *const precs[] = {"", ".", ".0", ".1", ".5", ".20"};
	static const char *const strs[] = {"", "a", "hello", "hello, world!",
					   "\xff\x80"};
	static const int chars[] = {'a', ' ', 0xff, 0x100 + 'q', -1};
	static const uintptr_t ptrs[] = {1, 0xdeadbeef, (uintptr_t)-1,
					 0x7fffffff0000, 0x80};
	const char *flag, *width, *prec;
	size_t i, k, a, n = 2 * ARRAY_SIZE(widths) * ARRAY_SIZE(precs) * 5;
	char fmt[32];

	for (i = 0; i < n; i++) {
		k = i;
		flag = flags[pick(&k, 2)];
		width = widths[pick(&k, ARRAY_SIZE(widths))];
		prec = precs[pick(&k, ARRAY_SIZE(precs))];
		a = pick(&k, 5);
		snprintf(fmt, sizeof(fmt), "[%%%s%s%ss]", flag, width, prec);
		COMPARE(&g, fmt, strs[a]);
		if (*prec)
			continue; /* precision is undefined for %c, %p */
		snprintf(fmt, sizeof(fmt), "[%%%s%sc]", flag, width);
		COMPARE(&g, fmt, chars[a]);
		snprintf(fmt, sizeof(fmt), "[%%%s%sp]", flag, width);
		COMPARE(&g, fmt, (void *)ptrs[a]);
	}
	group_case(&g,
		   hvt_snprintf(ours, sizeof(ours), "a%cb", 0) == 3 &&
			   !memcmp(ours, "a\0b", 4),
		   "%%c with NUL counts it");
	group_end(&g);
}

static void test_printf_truncation(void)
{
	struct group g = {.name = "snprintf truncation and return value"};
	static const char *const fmt = "%s-%d-%#x-%5c|";
	char buf[64];
	size_t size;
	int n, full;

	full = snprintf(ref, sizeof(ref), fmt, "hello", -123, 0xbeefu, 'z');
	for (size = 0; size < (size_t)full + 4; size++) {
		memset(buf, 0x5a, sizeof(buf));
		n = hvt_snprintf(buf + 1, size, fmt, "hello", -123, 0xbeefu,
				 'z');
		group_case(&g, n == full, "size %zu: returned %d, want %d",
			   size, n, full);
		group_case(&g, buf[0] == 0x5a && buf[size + 1] == 0x5a,
			   "size %zu: wrote outside the buffer", size);
		if (size > 0) {
			size_t kept = size - 1 < (size_t)full ? size - 1
							      : (size_t)full;

			group_case(&g,
				   !memcmp(buf + 1, ref, kept) &&
					   buf[1 + kept] == '\0',
				   "size %zu: \"%s\"", size, buf + 1);
		}
	}
	group_case(&g, hvt_snprintf(NULL, 0, "%d%s", 12345, "abc") == 8,
		   "size 0 with a NULL buffer");
	memset(buf, 0x5a, sizeof(buf));
	n = hvt_snprintf(buf, 1, "%s", "anything");
	group_case(&g, n == 8 && buf[0] == '\0' && buf[1] == 0x5a,
		   "size 1 stores only the NUL");
	group_end(&g);
}

static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...)
	PRINTF_LIKE(3, 4);
static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = hvt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_printf_console(void)
{
	static char big[20000], want[30000];
	int n, i;

	check(call_vsnprintf(ours, sizeof(ours), "%d-%s", 7, "seven") == 7 &&
		      !strcmp(ours, "7-seven"),
	      "vsnprintf via va_list");

	capture_reset();
	n = hvt_printf("hello %s %d\n", "world", 42);
	check(n == 15 && captured_len == 15 &&
		      !memcmp(captured, "hello world 42\n", 15),
	      "printf writes through console_write");

	for (i = 0; i < (int)sizeof(big) - 1; i++)
		big[i] = 'a' + i % 26;
	capture_reset();
	n = hvt_printf("<%s>%5000d|%-3000x|", big, -1, 0xabcu);
	snprintf(want, sizeof(want), "<%s>%5000d|%-3000x|", big, -1, 0xabcu);
	check(n == (int)strlen(want) && captured_len == strlen(want) &&
		      !memcmp(captured, want, captured_len),
	      "printf of %d characters arrives whole, in order", n);
	check(max_write > 0 && max_write <= 256 && writes > 100,
	      "printf output is chunked (%zu writes, largest %zu)", writes,
	      max_write);

	capture_reset();
	check(hvt_printf("%s", "") == 0 && captured_len == 0,
	      "printf of nothing writes nothing");

	capture_reset();
	check(hvt_puts("line") >= 0 && captured_len == 5 &&
		      !memcmp(captured, "line\n", 5),
	      "puts appends a newline");

	capture_reset();
	check(hvt_putchar(0x141) == 0x41 && hvt_putchar(0xff) == 0xff &&
		      captured_len == 2 && !memcmp(captured, "A\xff", 2),
	      "putchar converts to unsigned char and returns it");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);

	test_memcpy();
	test_memmove();
	test_memset();
	test_mem_find_other();
	test_memchr_positions();
	test_mem_find_word();
	test_memcmp_memchr();
	test_memcmp_positions();
	test_str_compare();
	test_str_search();
	test_str_search_random();
	test_str_copy();
	test_no_overread();
	test_strto();
	test_printf_table();
	test_printf_generated_ints();
	test_printf_generated_star();
	test_printf_generated_other();
	test_printf_truncation();
	test_printf_console();

	return check_summary();
}
