// SPDX-License-Identifier: GPL-2.0-only
/*
 * string.c: memory and string functions, C11 7.24 (strnlen: POSIX).
 * Byte loops, except that memset and memcpy move aligned 8-byte words
 * once the destination (and, for memcpy, the source) is aligned: no
 * unaligned access (arm64 builds with -mstrict-align), no reads past the
 * bytes the standard lets a function look at. A hypervisor that emulates
 * guest instructions one at a time (kvm_pvm runs a ring-0 guest that way)
 * spends most of a guest's run zeroing pages byte by byte otherwise; on
 * x86_64 the words of memset, memcpy, mem_find_other and mem_find_word go
 * by one REP STOSQ, REP MOVSQ, REPE SCASQ and REPNE SCASQ, a short memcpy
 * by one REP MOVSB, memcmp by REPE CMPSQ then REPE CMPSB, and memchr and
 * strlen by one REPNE SCASB (Intel SDM vol. 2B; the direction flag is
 * clear: the entry code and every exception entry leave it so, SysV ABI
 * 3.2.1).
 * mem_find_other and mem_find_word are ours: the first byte that differs
 * from a value (a page's "is it still zero" check), the first aligned
 * word equal to one (a signature's search). Comparisons are done on the
 * bytes as unsigned char, as 7.24.4 requires.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define WORD sizeof(uint64_t)

/* An 8-byte word that may alias any object, as the char loops do. */
typedef uint64_t __attribute__((may_alias)) word_t;

static int misaligned(const void *p)
{
	return (uintptr_t)p & (WORD - 1);
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

#ifdef __x86_64__
	/* Short copies, most of printf's, by one REP MOVSB. */
	if (n < 64) {
		asm volatile("rep movsb"
			     : "+D"(d), "+S"(s), "+c"(n)
			     :
			     : "memory");
		return dst;
	}
#endif
	if (misaligned(d) == misaligned(s)) {
		while (n && misaligned(d)) {
			*d++ = *s++;
			n--;
		}
#ifdef __x86_64__
		if (n >= WORD) {
			size_t words = n / WORD;

			n -= words * WORD;
			asm volatile("rep movsq"
				     : "+D"(d), "+S"(s), "+c"(words)
				     :
				     : "memory");
		}
#endif
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d - (uintptr_t)s >= n) {
		/* dst below src (the difference wraps) or past its end */
		while (n--)
			*d++ = *s++;
	} else {
		/* dst starts inside src: copy backwards */
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	uint64_t pattern = 0x0101010101010101ULL * (unsigned char)c;

	while (n && misaligned(p)) {
		*p++ = (unsigned char)c;
		n--;
	}
#ifdef __x86_64__
	/* One instruction however long: kvm_pvm emulates each one. */
	if (n >= WORD) {
		size_t words = n / WORD;

		n -= words * WORD;
		asm volatile("rep stosq"
			     : "+D"(p), "+c"(words)
			     : "a"(pattern)
			     : "memory");
	}
#endif
	for (; n >= WORD; n -= WORD, p += WORD)
		*(word_t *)p = pattern;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

#ifdef __x86_64__
	bool equal;

	/* RSI and RDI stop past the first pair that differs. */
	if (n >= WORD) {
		size_t words = n / WORD;

		asm volatile("repe cmpsq"
			     : "+S"(p), "+D"(q), "+c"(words), "=@ccz"(equal)
			     :
			     : "memory");
		/* Bytes left, or the word that differs, byte by byte. */
		if (equal) {
			n %= WORD;
		} else {
			p -= WORD;
			q -= WORD;
			n = WORD;
		}
	}
	if (n) {
		asm volatile("repe cmpsb"
			     : "+S"(p), "+D"(q), "+c"(n), "=@ccz"(equal)
			     :
			     : "memory");
		return equal ? 0 : p[-1] - q[-1];
	}
#else
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
#endif
	return 0;
}

void *mem_find_other(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	uint64_t pattern = 0x0101010101010101ULL * (unsigned char)c;

	for (; n && misaligned(p); n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
#ifdef __x86_64__
	if (n >= WORD) {
		size_t words = n / WORD;
		const unsigned char *q = p;
		bool equal;

		asm volatile("repe scasq"
			     : "+D"(q), "+c"(words), "=@ccz"(equal)
			     : "a"(pattern)
			     : "memory");
		/* RDI is past the word that stopped the scan. */
		if (!equal)
			q -= WORD;
		n -= q - p;
		p = q;
	}
#endif
	for (; n >= WORD && *(const word_t *)p == pattern; n -= WORD, p += WORD)
		;
	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *mem_find_word(const void *s, uint64_t w, size_t n)
{
	const word_t *p = s;

#ifdef __x86_64__
	if (n >= WORD) {
		size_t words = n / WORD;
		bool found;

		/* RDI stops past the first word equal to RAX. */
		asm volatile("repne scasq"
			     : "+D"(p), "+c"(words), "=@ccz"(found)
			     : "a"(w)
			     : "memory");
		return found ? (void *)(p - 1) : NULL;
	}
#endif
	for (; n >= WORD; n -= WORD, p++)
		if (*p == w)
			return (void *)p;
	return NULL;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

#ifdef __x86_64__
	if (n) {
		bool found;

		/* RDI stops past the first byte equal to AL. */
		asm volatile("repne scasb"
			     : "+D"(p), "+c"(n), "=@ccz"(found)
			     : "a"(c)
			     : "memory");
		return found ? (void *)(p - 1) : NULL;
	}
#endif
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

#ifdef __x86_64__
	size_t left = SIZE_MAX;

	/* RDI stops past the NUL. */
	asm volatile("repne scasb" : "+D"(p), "+c"(left) : "a"(0) : "memory");
	return p - s - 1;
#else
	while (*p)
		p++;
	return p - s;
#endif
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++)
		if (*p != *q || !*p)
			return *p - *q;
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* C11 7.24.5.6: length of the prefix of s made only of bytes in accept. */
size_t strspn(const char *s, const char *accept)
{
	size_t n = 0;

	while (s[n] && strchr(accept, s[n]))
		n++;
	return n;
}

/* C11 7.24.5.3: length of the prefix of s with no byte from reject. */
size_t strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	while (s[n] && !strchr(reject, s[n]))
		n++;
	return n;
}
