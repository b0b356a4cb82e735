// SPDX-License-Identifier: GPL-2.0-only
/*
 * dirty.c: pages the guest writes while a live migration transfers its RAM
 * arrive with their last content. QEMU docs, "Migration framework"
 * (docs/devel/migration): precopy migration keeps the guest running, tracks
 * the pages it dirties and sends them again until what is left fits the
 * downtime, so the destination's RAM equals the source's at the switch. A
 * page whose last write is missing on the destination is a lost write.
 *
 * The guest keeps rewriting a region of several MiB, one page each
 * millisecond (a new generation of a per-page pattern each time, recorded
 * in a table that is itself dirtied), from its migration request until the
 * runner's answer (migrate_point_busy()). The entry lowers QMP
 * max-bandwidth (migrate_bandwidth) so that the transfer lasts seconds and
 * takes several dirty-page passes; the runner logs them (dirty-sync-count).
 *
 * dirty_pages_cr3_reload does the same with a CR3 reload (Intel SDM vol. 3A
 * 4.10.4.1: it invalidates the TLB's non-global entries) before each page
 * write: a control that tells a VMM losing writes made through translations
 * cached before a dirty-log pass from one losing them anyway.
 */
#include "migration.h"
#include <x86/processor.h>
#include <x86/tsc.h>

#define ORDER 11 /* 8 MiB of 4 KiB pages */
#define PAGES (1UL << ORDER)
#define WORDS_PER_PAGE (4096 / sizeof(u64))
#define US_PER_WRITE 1000

struct dirtier {
	u64 *base;
	u64 seed;
	u64 next_tsc;
	u64 interval;
	unsigned long cursor;
	unsigned long writes;
	unsigned long writes_transferring;
	bool reload_cr3;
	u32 gen[PAGES];
};

static struct dirtier dirtier;

static u64 pattern(const struct dirtier *d, unsigned long page, u32 gen,
		   unsigned long word)
{
	u64 x = ((u64)page << 40) ^ ((u64)gen << 12) ^ word ^ d->seed;

	x *= 0x9e3779b97f4a7c15ULL;
	return x ^ (x >> 29);
}

static void write_page(struct dirtier *d, unsigned long page)
{
	u64 *p = d->base + page * WORDS_PER_PAGE;
	u32 gen = ++d->gen[page];

	for (unsigned long w = 0; w < WORDS_PER_PAGE; w++)
		p[w] = pattern(d, page, gen, w);
}

/*
 * Called between console polls: rewrites the next page when its
 * millisecond has come. After a stall (the vCPU was descheduled) the
 * schedule restarts from now instead of writing a burst.
 */
static void dirty_some(void *arg)
{
	struct dirtier *d = arg;
	u64 now = rdtsc();

	if (now < d->next_tsc)
		return;
	d->next_tsc += d->interval;
	if (now > d->next_tsc + 16 * d->interval)
		d->next_tsc = now + d->interval;
	if (d->reload_cr3)
		write_cr3(read_cr3());
	write_page(d, d->cursor);
	d->cursor = (d->cursor + 1) % PAGES;
	d->writes++;
	if (migrate_transferring())
		d->writes_transferring++;
}

static void dirty_during_transfer(bool reload_cr3)
{
	struct dirtier *d = &dirtier;
	unsigned long bad = 0, first = PAGES;
	bool migrated;

	d->base = alloc_pages(ORDER);
	if (!d->base)
		return report_skip("cannot allocate %lu KiB", 4 * PAGES);
	d->reload_cr3 = reload_cr3;
	d->seed = rand_u64();
	d->cursor = 0;
	d->writes = 0;
	d->writes_transferring = 0;
	for (unsigned long i = 0; i < PAGES; i++) {
		d->gen[i] = 0;
		write_page(d, i);
	}
	d->interval = us_to_tsc(US_PER_WRITE);
	d->next_tsc = rdtsc() + d->interval;
	migrated = migrate_point_busy(dirty_some, d);
	if (!migrated) {
		report_skip("not migrated: %s", migrate_reason());
		goto out;
	}
	report_info("%lu page writes while waiting, %lu of them after the "
		    "runner started the transfer (%lu KiB)",
		    d->writes, d->writes_transferring,
		    d->writes_transferring * 4);
	report(d->writes_transferring > 0,
	       "the guest ran and wrote pages during the live transfer");
	for (unsigned long i = 0; i < PAGES; i++) {
		const u64 *p = d->base + i * WORDS_PER_PAGE;

		for (unsigned long w = 0; w < WORDS_PER_PAGE; w++) {
			if (p[w] != pattern(d, i, d->gen[i], w)) {
				bad++;
				if (first == PAGES)
					first = i;
				break;
			}
		}
	}
	report_eq(bad, 0,
		  "pages of the %lu KiB region that lost their last write",
		  4 * PAGES);
	if (bad)
		report_info(
			"first stale page %lu: generation %u expected, "
			"word 0 is %s",
			first, d->gen[first],
			d->base[first * WORDS_PER_PAGE] ==
					pattern(d, first, d->gen[first] + 1, 0)
				? "generation + 1: the table update was lost"
				: "neither it nor the next");
out:
	free_pages(d->base, ORDER);
}

TEST_CASE(dirty_pages_during_transfer)
{
	dirty_during_transfer(false);
}

TEST_CASE(dirty_pages_cr3_reload)
{
	dirty_during_transfer(true);
}
