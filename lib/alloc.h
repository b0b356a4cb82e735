/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc.h: physical page allocator and heap. Memory is identity-mapped, so
 * a pointer is also the physical address. Pages come back zeroed.
 */
#ifndef HV_ALLOC_H
#define HV_ALLOC_H

#include <types.h>

/* Hands [start, end) to the page allocator; called once by arch setup. */
void page_alloc_init(phys_addr_t start, phys_addr_t end);

/* 2^order contiguous zeroed pages aligned to their size, or NULL. */
void *alloc_pages(unsigned int order);
void free_pages(void *p, unsigned int order);
void *alloc_page(void);
void free_page(void *p);
/* Pages not allocated, for leak checks. */
size_t free_page_count(void);

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *memalign(size_t alignment, size_t size);
void free(void *p);

#endif
