// SPDX-License-Identifier: GPL-2.0-only
/*
 * memory.c: guest RAM content survives migration. QEMU docs, "Migration
 * framework" (docs/devel/migration): the whole of guest RAM is sent, and
 * pages written during the transfer are sent again.
 */
#include "migration.h"

#define ORDER 8 /* 1 MiB of 4 KiB pages */
#define WORDS ((4096UL << ORDER) / sizeof(u64))

TEST_CASE(ram_pattern)
{
	u64 *buf = alloc_pages(ORDER);
	u64 seed = rand_u64(), bad = 0, first = WORDS;

	if (!buf)
		return report_skip("cannot allocate %lu KiB", 4UL << ORDER);
	rand_init(seed);
	for (unsigned long i = 0; i < WORDS; i++)
		buf[i] = rand_u64();
	if (!migrate_or_skip())
		goto out;
	rand_init(seed);
	for (unsigned long i = 0; i < WORDS; i++) {
		if (buf[i] != rand_u64()) {
			bad++;
			if (first == WORDS)
				first = i;
		}
	}
	report_eq(bad, 0, "words of a %lu KiB random pattern unchanged",
		  4UL << ORDER);
	if (bad)
		report_info("first changed word at byte offset %#lx",
			    first * sizeof(u64));
out:
	free_pages(buf, ORDER);
}
