// SPDX-License-Identifier: GPL-2.0-only
/*
 * paging.c: page-table builder (Intel SDM vol. 3A 4.5 4-level and 5-level
 * paging, tables 4-15 to 4-20; 4.10.4.1 TLB invalidation by INVLPG and
 * MOV to CR3; AMD APM vol. 2 5.3).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/paging.h>

void pt_init(struct page_table *pt)
{
	pt->root = alloc_page();
	assert(pt->root);
	pt->levels = (read_cr4() & X86_CR4_LA57) ? 5 : 4;
}

u64 *pt_walk(struct page_table *pt, u64 va, int level, bool create)
{
	u64 *table = pt->root;

	assert(level >= 1 && level <= pt->levels);
	for (int l = pt->levels; l > level; l--) {
		u64 *e = &table[pt_index(va, l)];

		if (!(*e & PT_P)) {
			u64 *next;

			if (!create)
				return NULL;
			next = alloc_page();
			assert(next);
			*e = (u64)next | PT_TABLE_FLAGS;
		} else if (l <= PT_LEVEL_1G && (*e & PT_PS)) {
			return NULL;
		}
		table = (u64 *)(*e & PT_ADDR_MASK);
	}
	return &table[pt_index(va, level)];
}

/* The bits of a leaf at LEVEL besides its address. */
static u64 leaf_bits(int level, u64 flags)
{
	return flags | PT_P | (level > PT_LEVEL_4K ? PT_PS : 0);
}

static u64 leaf_entry(u64 pa, int level, u64 flags)
{
	assert(!(pa & (pt_level_size(level) - 1)));
	return pa | leaf_bits(level, flags);
}

void pt_map(struct page_table *pt, u64 va, u64 pa, int level, u64 flags)
{
	u64 *e = pt_walk(pt, va, level, true);

	assert(e);
	*e = leaf_entry(pa, level, flags);
	invlpg(va);
}

/*
 * One walk per table, not per entry, the alignment checked once, and
 * INVLPG only where PT is the table in use (a table not in CR3 has
 * nothing in the TLB to flush until MOV to CR3 loads it, SDM 4.10.4.1):
 * mapping 4 GiB by 2 MiB pages was 2048 walks, 2048 INVLPGs and 35k
 * instructions, each emulated where the hypervisor runs a ring-0 guest
 * that way (kvm_pvm).
 */
void pt_map_range(struct page_table *pt, u64 va, u64 pa, u64 size, int level,
		  u64 flags)
{
	u64 step = pt_level_size(level), off = 0,
	    bits = leaf_bits(level, flags);
	bool live = (read_cr3() & PT_ADDR_MASK) == (u64)pt->root;

	assert(!((va | pa | size) & (step - 1)));
	while (off < size) {
		u64 *e = pt_walk(pt, va + off, level, true), *end;

		assert(e);
		end = e - pt_index(va + off, level) + 512;
		if (live) {
			for (; e < end && off < size; e++, off += step) {
				*e = (pa + off) | bits;
				invlpg(va + off);
			}
			continue;
		}
		for (; e < end && off < size; e++, off += step)
			*e = (pa + off) | bits;
	}
}

void pt_unmap(struct page_table *pt, u64 va, int level)
{
	u64 *e = pt_walk(pt, va, level, false);

	assert(e);
	*e = 0;
	invlpg(va);
}

void pt_update(struct page_table *pt, u64 va, int level, u64 set, u64 clear)
{
	u64 *e = pt_walk(pt, va, level, false);

	assert(e);
	*e = (*e | set) & ~clear;
	invlpg(va);
}

u64 pt_switch(const struct page_table *pt)
{
	u64 old = read_cr3();

	/* CR4.LA57 cannot change in IA-32e mode (SDM 4.1.1, MOV to CR4 #GP). */
	assert(pt->levels == ((read_cr4() & X86_CR4_LA57) ? 5 : 4));
	write_cr3((u64)pt->root);
	return old;
}
