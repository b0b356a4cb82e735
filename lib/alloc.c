// SPDX-License-Identifier: GPL-2.0-only
/*
 * alloc.c: the heap (malloc, calloc, memalign, free) on top of the page
 * allocator. Blocks carry a 16-byte header; free blocks sit on an
 * address-ordered list and merge with free neighbours. The heap grows by
 * the smallest power-of-two run of pages that fits a request: a guest
 * touches few pages, which matters where the first touch of a page is
 * expensive (shadow paging).
 */
#include <libtest.h>

#define HDR_SIZE 16UL
#define MIN_BLOCK 32UL
#define BLOCK_MAGIC 0x68766d616c6c6f63ULL /* "hvmalloc" */

struct block {
	size_t size; /* header included */
	union {
		struct block *next; /* free: next free block by address */
		u64 magic; /* allocated: BLOCK_MAGIC */
	};
};

static struct block *free_list;

static void insert_free(struct block *b)
{
	struct block **pp = &free_list, *prev = NULL;

	while (*pp && *pp < b) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	b->next = *pp;
	*pp = b;
	if (b->next && (char *)b + b->size == (char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (prev && (char *)prev + prev->size == (char *)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

static bool grow(size_t need)
{
	unsigned int order = 0;
	struct block *b;

	while ((PAGE_SIZE << order) < need)
		order++;
	b = alloc_pages(order);
	if (!b)
		return false;
	b->size = PAGE_SIZE << order;
	insert_free(b);
	return true;
}

/* Carves SIZE bytes (header included) at an address whose payload is ALIGN-aligned. */
static void *carve(size_t size, size_t align)
{
	for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
		struct block *b = *pp;
		uintptr_t start = (uintptr_t)b;
		uintptr_t payload = ALIGN_UP(start + HDR_SIZE, align);
		size_t lead = payload - HDR_SIZE - start;

		/* A leading gap must be big enough to stay a free block. */
		while (lead && lead < MIN_BLOCK) {
			payload += align;
			lead += align;
		}
		if (lead + size > b->size)
			continue;
		*pp = b->next;
		if (b->size - lead - size >= MIN_BLOCK) {
			struct block *tail =
				(void *)(payload - HDR_SIZE + size);

			tail->size = b->size - lead - size;
			insert_free(tail);
		} else {
			size = b->size - lead;
		}
		if (lead) {
			b->size = lead;
			insert_free(b);
		}
		b = (void *)(payload - HDR_SIZE);
		b->size = size;
		b->magic = BLOCK_MAGIC;
		return (void *)payload;
	}
	return NULL;
}

void *memalign(size_t alignment, size_t size)
{
	size_t need;
	void *p;

	if (alignment < HDR_SIZE)
		alignment = HDR_SIZE;
	assert((alignment & (alignment - 1)) == 0);
	need = MAX(ALIGN_UP(size, HDR_SIZE) + HDR_SIZE, MIN_BLOCK);
	if (need < size)
		return NULL;
	p = carve(need, alignment);
	if (!p && grow(need + alignment + MIN_BLOCK))
		p = carve(need, alignment);
	return p;
}

void *malloc(size_t size)
{
	return memalign(HDR_SIZE, size);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t total = nmemb * size;
	void *p;

	if (size && total / size != nmemb)
		return NULL;
	p = malloc(total);
	if (p)
		memset(p, 0, total);
	return p;
}

void free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)((char *)p - HDR_SIZE);
	if (b->magic != BLOCK_MAGIC)
		test_crash(
			"free(%p): not a block from malloc (heap corrupted?)",
			p);
	insert_free(b);
}
