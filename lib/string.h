/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * string.h: the string and memory functions of the guest libc.
 * Semantics follow C11 7.24 (string handling); strnlen follows POSIX.
 * The compiler may emit calls to memcpy, memmove, memset and memcmp on
 * its own (structure copies, zero-initialisers), so these must always be
 * linked in.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
/* Not C11: the first of the n bytes at s that is not c, or NULL. */
void *mem_find_other(const void *s, int c, size_t n);
/*
 * Not C11: the first 8-byte word equal to w among the n / 8 words at s
 * (8-byte aligned), or NULL.
 */
void *mem_find_word(const void *s, uint64_t w, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);

#endif
