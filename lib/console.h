/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * console.h: the console hooks the arch-neutral library needs.  Each
 * arch implements console_write() and console_getchar() for its console
 * (16550 on x86, PL011 on arm64, hcall vty on ppc64, SCLP on s390x);
 * printf, puts and putchar (printf.c) write only through it.
 */
#ifndef _CONSOLE_H
#define _CONSOLE_H

#include <stddef.h>

/*
 * Write the len bytes at s to the console, in order, before returning.
 * The bytes are not NUL-terminated; "\n" is passed through as is, so a
 * console that needs "\r\n" adds the "\r" itself.  Must work before any
 * other library initialisation and from exception handlers.
 */
void console_write(const char *s, size_t len);

/*
 * The next byte received on the console's input, or -1 when none is
 * pending.  Never waits (lib/migrate.c polls it for the runner's replies).
 */
int console_getchar(void);

#endif
