/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stdio.h: formatted output of the guest libc, C11 7.21.6 (printf
 * family) and 7.21.7 (putchar, puts), with no FILE streams: printf,
 * vprintf, puts and putchar go to the console (console.h).
 *
 * Conversions: d i u o x X c s p %, flags - 0 + space #, width and
 * precision (also as *), length modifiers hh h l ll z j t.  %p prints
 * "0x" and lowercase hex, NULL included; a NULL %s prints "(null)",
 * cut by the precision like any string.  There is no floating point and
 * no %n; an unknown conversion is printed as written.  Return values are
 * the number of characters produced (for vsnprintf: that would have been
 * written had size been big enough), as C99 specifies, or -1 when that
 * number does not fit in an int.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap) __attribute__((format(printf, 3, 0)));
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));

int vprintf(const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int puts(const char *s);
int putchar(int c);

#endif
