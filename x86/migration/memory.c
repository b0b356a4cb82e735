// SPDX-License-Identifier: GPL-2.0-only
/*
 * memory.c: guest RAM content survives migration. QEMU docs, "Migration
 * framework" (docs/devel/migration): the whole of guest RAM is sent, and
 * pages written during the transfer are sent again.
 */
#include "migration.h"

#define ORDER 8 /* 1 MiB of 4 KiB pages */
#define PAGES (1UL << ORDER)
#define PAGE_WORDS (PAGE_SIZE / sizeof(u64))

/* One page of random words, each page of the buffer tagged in word 0. */
static u64 page_pattern[PAGE_WORDS];

static void pattern_make(u64 seed)
{
	rand_init(seed);
	for (unsigned long i = 0; i < PAGE_WORDS; i++)
		page_pattern[i] = rand_u64();
}

/*
 * Every page holds the random page with its index (and the seed) in word
 * 0: a page sent to the wrong place, sent stale or as a zero page, or a
 * changed word shows. One page is made word by word and copied, not the
 * whole 1 MiB: where every guest instruction is emulated (kvm_pvm), a
 * word-by-word pattern of 1 MiB took seconds each way.
 */
TEST_CASE(ram_pattern)
{
	u64 *buf = alloc_pages(ORDER);
	u64 seed = rand_u64(), bad = 0, first = PAGES;

	if (!buf)
		return report_skip("cannot allocate %lu KiB", 4UL << ORDER);
	pattern_make(seed);
	for (unsigned long p = 0; p < PAGES; p++) {
		u64 *page = buf + p * PAGE_WORDS;

		memcpy(page, page_pattern, PAGE_SIZE);
		page[0] = seed ^ p;
	}
	if (!migrate_or_skip())
		goto out;
	pattern_make(seed);
	for (unsigned long p = 0; p < PAGES; p++) {
		const u64 *page = buf + p * PAGE_WORDS;

		if (page[0] != (seed ^ p) || memcmp(page + 1, page_pattern + 1,
						    PAGE_SIZE - sizeof(u64))) {
			bad++;
			if (first == PAGES)
				first = p;
		}
	}
	report_eq(bad, 0, "pages of a %lu KiB random pattern unchanged",
		  4UL << ORDER);
	if (bad)
		report_info("first changed page at byte offset %#lx",
			    first * PAGE_SIZE);
out:
	free_pages(buf, ORDER);
}
