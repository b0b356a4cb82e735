// SPDX-License-Identifier: GPL-2.0-only
/*
 * ept.c: EPT tables on the page-table object (Intel SDM vol. 3C 29.3.2
 * EPT translation mechanism and entry formats; 25.6.11 EPTP; vol. 3D A.10
 * EPT_VPID_CAP bits 16 and 17, the 2-MiB and 1-GiB page sizes offered).
 */
#include <libtest.h>
#include <alloc.h>
#include <x86/vmx/caps.h>
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

int ept_identity_level(void)
{
	return vmx_caps()->ept_vpid & EPT_CAP_1G ? PT_LEVEL_1G : PT_LEVEL_2M;
}

void ept_identity(struct page_table *ept, u64 size)
{
	int level = ept_identity_level();

	for (u64 a = 0; a < size; a += pt_level_size(level))
		ept_map(ept, a, a, level, EPT_RWX);
}

/* A copy of the table at LEVEL and of every table below it. */
static u64 *copy_table(const u64 *src, int level)
{
	u64 *dst = alloc_page();

	assert(dst);
	for (unsigned int i = 0; i < 512; i++)
		dst[i] = src[i];
	if (level == PT_LEVEL_4K)
		return dst;
	for (unsigned int i = 0; i < 512; i++)
		if ((dst[i] & EPT_RWX) && !(dst[i] & EPT_LARGE))
			dst[i] = (u64)copy_table((u64 *)(dst[i] & PT_ADDR_MASK),
						 level - 1) |
				 (dst[i] & ~PT_ADDR_MASK);
	return dst;
}

void ept_clone(struct page_table *dst, const struct page_table *src)
{
	dst->levels = src->levels;
	dst->root = copy_table(src->root, src->levels);
}

void ept_identity_4g(struct page_table *ept)
{
	static struct page_table model;

	if (!model.root) {
		ept_init(&model);
		ept_identity(&model, 4ULL << 30);
	}
	ept_clone(ept, &model);
}

void ept_split(struct page_table *ept, u64 gpa, int level)
{
	for (int l = ept->levels - 1; l > level; l--) {
		u64 *e = pt_walk(ept, gpa, l, false);
		u64 *t, keep;

		if (!e || !(*e & EPT_LARGE))
			continue;
		t = alloc_page();
		assert(t);
		keep = *e & ~PT_ADDR_MASK & ~(EPT_A | EPT_D);
		if (l - 1 == PT_LEVEL_4K)
			keep &= ~EPT_LARGE;
		for (unsigned int i = 0; i < 512; i++)
			t[i] = ((*e & PT_ADDR_MASK) +
				i * pt_level_size(l - 1)) |
			       keep;
		*e = (u64)t | EPT_RWX;
	}
}

void ept_set_4k(struct page_table *ept, u64 gpa, u64 perms)
{
	ept_split(ept, gpa, PT_LEVEL_4K);
	ept_map(ept, gpa & ~(PAGE_SIZE - 1), gpa & ~(PAGE_SIZE - 1),
		PT_LEVEL_4K, perms);
}

u64 ept_pointer(const struct page_table *ept)
{
	return (u64)ept->root | EPTP_PWL4 | EPTP_WB;
}
