// SPDX-License-Identifier: GPL-2.0-only
/*
 * ept.c: EPT tables on the page-table object (Intel SDM vol. 3C 29.3.2
 * EPT translation mechanism and entry formats; 25.6.11 EPTP).
 */
#include <libtest.h>
#include <alloc.h>
#include <x86/vmx/ept.h>

void ept_init(struct page_table *ept)
{
	ept->root = alloc_page();
	ept->levels = 4;
	assert(ept->root);
}

void ept_map(struct page_table *ept, u64 gpa, u64 hpa, int level, u64 perms)
{
	u64 *e = pt_walk(ept, gpa, level, true);

	assert(e && !(hpa & (pt_level_size(level) - 1)));
	*e = hpa | perms | EPT_MT_WB << EPT_MT_SHIFT |
	     (level > PT_LEVEL_4K ? EPT_LARGE : 0);
}

void ept_identity(struct page_table *ept, u64 size)
{
	for (u64 a = 0; a < size; a += pt_level_size(PT_LEVEL_2M))
		ept_map(ept, a, a, PT_LEVEL_2M, EPT_RWX);
}

void ept_set_4k(struct page_table *ept, u64 gpa, u64 perms)
{
	u64 big = pt_level_size(PT_LEVEL_2M);
	u64 *pde = pt_walk(ept, gpa, PT_LEVEL_2M, false);

	if (pde && (*pde & EPT_LARGE)) {
		u64 base = gpa & ~(big - 1);
		u64 *pt = alloc_page();

		assert(pt);
		for (unsigned int i = 0; i < 512; i++)
			pt[i] = (base + i * PAGE_SIZE) | EPT_RWX |
				EPT_MT_WB << EPT_MT_SHIFT;
		*pde = (u64)pt | EPT_RWX;
	}
	ept_map(ept, gpa & ~(PAGE_SIZE - 1), gpa & ~(PAGE_SIZE - 1),
		PT_LEVEL_4K, perms);
}

u64 ept_pointer(const struct page_table *ept)
{
	return (u64)ept->root | EPTP_PWL4 | EPTP_WB;
}
