// SPDX-License-Identifier: GPL-2.0-only
/*
 * dat.c: the DAT table object of dat.h. Index fields of a 64-bit virtual
 * address (SA22-7832 chapter 3, "Translation Tables"): region third bits
 * 22-32, segment bits 33-43, page bits 44-51. Region and segment tables
 * of length 3 are 16 KiB (2048 entries); a page table is 2 KiB (256
 * entries, here one per 4 KiB page).
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/dat.h>

#define TABLE_ENTRIES 2048
#define PT_ENTRIES 256
#define TABLE_ORDER 2 /* 16 KiB */

static unsigned int rtx(u64 va)
{
	return va >> 31 & 0x7ff;
}

static unsigned int sx(u64 va)
{
	return va >> 20 & 0x7ff;
}

static unsigned int px(u64 va)
{
	return va >> 12 & 0xff;
}

static u64 *new_table(u64 invalid)
{
	u64 *t = alloc_pages(TABLE_ORDER);

	if (!t)
		test_crash("dat: no memory for a translation table");
	for (int i = 0; i < TABLE_ENTRIES; i++)
		t[i] = invalid;
	return t;
}

void dat_init(struct dat *d)
{
	d->region3 = new_table(REGION_INVALID | REGION_TT_THIRD);
	d->asce = (u64)d->region3 | ASCE_DT_REGION_THIRD | TABLE_LENGTH_MAX;
}

u64 *dat_rtte(struct dat *d, u64 va)
{
	if (va >> 42)
		return NULL;
	return &d->region3[rtx(va)];
}

u64 *dat_ste(struct dat *d, u64 va)
{
	u64 *r = dat_rtte(d, va);

	if (!r || (*r & (REGION_INVALID | REGION_FC)))
		return NULL;
	return (u64 *)(*r & ~0xfffULL) + sx(va);
}

u64 *dat_pte(struct dat *d, u64 va)
{
	u64 *s = dat_ste(d, va);

	if (!s || (*s & (SEGMENT_INVALID | SEGMENT_FC)))
		return NULL;
	return (u64 *)(*s & ~0x7ffULL) + px(va);
}

static u64 *segment_table(struct dat *d, u64 va)
{
	u64 *r = dat_rtte(d, va);

	assert(r);
	if (*r & REGION_INVALID)
		*r = (u64)new_table(SEGMENT_INVALID) | REGION_TT_THIRD |
		     TABLE_LENGTH_MAX;
	return (u64 *)(*r & ~0xfffULL);
}

void dat_map_page(struct dat *d, u64 va, u64 pa)
{
	u64 *s = segment_table(d, va) + sx(va);
	u64 *pt;

	if (*s & (SEGMENT_INVALID | SEGMENT_FC)) {
		pt = alloc_page();
		if (!pt)
			test_crash("dat: no memory for a page table");
		for (int i = 0; i < PT_ENTRIES; i++)
			pt[i] = PTE_INVALID;
		*s = (u64)pt;
	}
	pt = (u64 *)(*s & ~0x7ffULL);
	pt[px(va)] = (pa & ~0xfffULL);
}

void dat_map_identity(struct dat *d, u64 len)
{
	for (u64 a = 0; a < len; a += PAGE_SIZE)
		dat_map_page(d, a, a);
}

void dat_map_segment(struct dat *d, u64 va, u64 pa)
{
	segment_table(d, va)[sx(va)] = (pa & ~(SEGMENT_SIZE - 1)) | SEGMENT_FC;
}

void dat_map_region(struct dat *d, u64 va, u64 pa)
{
	u64 *r = dat_rtte(d, va);

	assert(r);
	*r = (pa & ~(REGION3_SIZE - 1)) | REGION_FC | REGION_TT_THIRD;
}

void dat_enable(struct dat *d)
{
	lctlg(1, d->asce);
	ptlb();
	asm volatile("stosm 0(%0),0x04" : : "a"(&(u8){0}) : "memory");
}

void dat_disable(void)
{
	asm volatile("stnsm 0(%0),0xfb" : : "a"(&(u8){0}) : "memory");
}
