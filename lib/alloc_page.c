// SPDX-License-Identifier: GPL-2.0-only
/*
 * alloc_page.c: physical page allocator over one contiguous range. A bitmap
 * (one bit a page, kept at the start of the range) records used pages;
 * alloc_pages(order) looks for a free, size-aligned run of 2^order pages.
 */
#include <libtest.h>

static u64 *bitmap;
static phys_addr_t base;
static size_t nr_pages, nr_free, hint;

static bool page_used(size_t i)
{
	return bitmap[i / 64] & BIT(i % 64);
}

static void mark(size_t first, size_t count, bool used)
{
	for (size_t i = first; i < first + count; i++) {
		if (used)
			bitmap[i / 64] |= BIT(i % 64);
		else
			bitmap[i / 64] &= ~BIT(i % 64);
	}
	nr_free += used ? -count : count;
}

void page_alloc_init(phys_addr_t start, phys_addr_t end)
{
	size_t map_pages;

	start = ALIGN_UP(start, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	assert(end > start + 2 * PAGE_SIZE);
	nr_pages = (end - start) / PAGE_SIZE;
	map_pages = ALIGN_UP((nr_pages + 7) / 8, PAGE_SIZE) / PAGE_SIZE;
	bitmap = (u64 *)(uintptr_t)start;
	memset(bitmap, 0, map_pages * PAGE_SIZE);
	base = start;
	nr_free = nr_pages;
	mark(0, map_pages, true);
	hint = map_pages;
}

static bool run_free(size_t first, size_t count)
{
	for (size_t i = first; i < first + count; i++)
		if (page_used(i))
			return false;
	return true;
}

void *alloc_pages(unsigned int order)
{
	size_t count = 1UL << order;
	/* Alignment is of the physical address, not of the bitmap index. */
	size_t align = count;
	size_t first = ALIGN_UP(base / PAGE_SIZE, align) - base / PAGE_SIZE;
	void *p;

	if (order == 0 && hint < nr_pages && !page_used(hint))
		first = hint;
	for (; first + count <= nr_pages; first += align) {
		if (run_free(first, count))
			break;
	}
	if (first + count > nr_pages)
		return NULL;
	mark(first, count, true);
	if (order == 0)
		hint = first + 1;
	p = (void *)(uintptr_t)(base + first * PAGE_SIZE);
	memset(p, 0, count * PAGE_SIZE);
	return p;
}

void free_pages(void *p, unsigned int order)
{
	size_t first = ((uintptr_t)p - base) / PAGE_SIZE;
	size_t count = 1UL << order;

	assert(((uintptr_t)p & (PAGE_SIZE - 1)) == 0);
	assert((uintptr_t)p >= base && first + count <= nr_pages);
	for (size_t i = first; i < first + count; i++)
		assert(page_used(i));
	mark(first, count, false);
	if (first < hint)
		hint = first;
}

void *alloc_page(void)
{
	return alloc_pages(0);
}

void free_page(void *p)
{
	free_pages(p, 0);
}

size_t free_page_count(void)
{
	return nr_free;
}
