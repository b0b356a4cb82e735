// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmu.c: translation table sets (struct page_table) and the boot identity
 * map for mmu.h (Arm ARM D8.3.1 table and block descriptors: a level 1
 * block maps 1 GiB, level 2 2 MiB, level 3 entries 4 KiB pages; D8.14
 * (break-before-make) for changing a live entry; D7.5 cache maintenance:
 * tables and data written with the MMU off are invalidated from the data
 * cache before the MMU turns on, so the first cacheable access sees
 * memory).
 *
 * Tables of every set come from one static pool (the MMU is on before the
 * page allocator exists), then from alloc_page().
 */
#include <libtest.h>
#include <arm64/processor.h>
#include <arm64/mmu.h>

#define PT_ENTRIES 512
#define POOL_PAGES 64
#define VA_BITS 48

#define MAIR_VALUE                                                        \
	((0x00ULL << (8 * MT_DEVICE_nGnRnE)) |                            \
	 (0x04ULL << (8 * MT_DEVICE_nGnRE)) |                             \
	 (0x44ULL << (8 * MT_NORMAL_NC)) | (0xffULL << (8 * MT_NORMAL)) | \
	 (0x0cULL << (8 * MT_DEVICE_GRE)))

#define TCR_T0SZ(bits) (64ULL - (bits))
#define TCR_IRGN0_WBWA (1ULL << 8)
#define TCR_ORGN0_WBWA (1ULL << 10)
#define TCR_SH0_INNER (3ULL << 12)
#define TCR_TG0_4K (0ULL << 14)
#define TCR_EPD1 BIT(23)
#define TCR_IPS_SHIFT 32
#define PARANGE_48 5

static u64 pool[POOL_PAGES][PT_ENTRIES] __aligned(PAGE_SIZE);
static unsigned int pool_used;
static bool allocator_ready;
static u64 tcr;
static bool mmu_on;

struct page_table mmu_idmap;

static u64 *new_table(void)
{
	u64 *t = NULL;

	if (pool_used < POOL_PAGES)
		t = pool[pool_used++];
	else if (allocator_ready)
		t = alloc_page();
	if (!t)
		test_crash("mmu: out of page-table pages");
	for (int i = 0; i < PT_ENTRIES; i++)
		t[i] = 0;
	return t;
}

void mmu_page_allocator_ready(void)
{
	allocator_ready = true;
}

static unsigned int index_of(u64 va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (3 - level))) & (PT_ENTRIES - 1);
}

static bool is_table(u64 desc)
{
	return (desc & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE);
}

static void write_entry(u64 *p, u64 v)
{
	*(volatile u64 *)p = v;
	if (mmu_on)
		dsb(ishst);
}

void pt_init(struct page_table *pt)
{
	pt->root = new_table();
}

u64 *pt_walk(struct page_table *pt, u64 va, int level, bool create)
{
	u64 *table = pt->root;

	assert(level >= 0 && level <= 3);
	for (int l = 0; l < level; l++) {
		u64 *e = &table[index_of(va, l)];

		if (!(*e & PTE_VALID)) {
			if (!create)
				return NULL;
			write_entry(e,
				    (u64)new_table() | PTE_VALID | PTE_TABLE);
		} else if (!is_table(*e)) {
			return NULL;
		}
		table = (u64 *)(*e & PTE_ADDR_MASK);
	}
	return &table[index_of(va, level)];
}

void pt_map(struct page_table *pt, u64 va, u64 pa, int level, u64 prot)
{
	u64 desc = pa | prot | PTE_VALID | (level == 3 ? PTE_TABLE : 0);
	u64 *e;

	assert(level >= 1 && level <= 3);
	assert(!((va | pa) & (pt_level_size(level) - 1)));
	e = pt_walk(pt, va, level, true);
	if (!e)
		test_crash("mmu: %#llx lies in a block above level %d",
			   (unsigned long long)va, level);
	if ((*e & PTE_VALID) && *e != desc)
		test_crash("mmu: %#llx already mapped (%#llx)",
			   (unsigned long long)va, (unsigned long long)*e);
	write_entry(e, desc);
}

/*
 * Maps [VA, VA + SIZE) below TABLE, an entry at LEVEL: a block where one
 * fits and the entry is free, else through the next level's table.
 */
static void map_range(u64 *table, int level, u64 va, u64 pa, u64 size, u64 prot)
{
	u64 block = pt_level_size(level);

	while (size) {
		u64 *e = &table[index_of(va, level)];
		u64 step = MIN(size, block - (va & (block - 1)));
		bool fits = !(va & (block - 1)) && !(pa & (block - 1)) &&
			    size >= block;

		if (level == 3) {
			u64 v = pa | prot | PTE_VALID | PTE_TABLE;

			if ((*e & PTE_VALID) && *e != v)
				test_crash("mmu: %#llx already mapped (%#llx)",
					   (unsigned long long)va,
					   (unsigned long long)*e);
			write_entry(e, v);
		} else if (!(*e & PTE_VALID) && fits && level >= 1) {
			write_entry(e, pa | prot | PTE_VALID);
		} else if (is_table(*e)) {
			map_range((u64 *)(*e & PTE_ADDR_MASK), level + 1, va,
				  pa, step, prot);
		} else if (!(*e & PTE_VALID)) {
			u64 *t = new_table();

			write_entry(e, (u64)t | PTE_VALID | PTE_TABLE);
			map_range(t, level + 1, va, pa, step, prot);
		} else if (!fits || *e != (pa | prot | PTE_VALID)) {
			test_crash("mmu: %#llx lies in a block (%#llx) that "
				   "would have to be split",
				   (unsigned long long)va,
				   (unsigned long long)*e);
		}
		va += step;
		pa += step;
		size -= step;
	}
}

void pt_map_range(struct page_table *pt, u64 va, u64 pa, u64 size, u64 prot)
{
	u64 end = ALIGN_UP(va + size, PAGE_SIZE);

	va = ALIGN_DOWN(va, PAGE_SIZE);
	pa = ALIGN_DOWN(pa, PAGE_SIZE);
	map_range(pt->root, 0, va, pa, end - va, prot);
}

void mmu_flush_va(u64 va)
{
	dsb(ishst);
	asm volatile("tlbi vaae1is, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

static u64 *existing_entry(struct page_table *pt, u64 va, int level)
{
	u64 *e = pt_walk(pt, va, level, false);

	if (!e)
		test_crash("mmu: no table maps %#llx down to level %d",
			   (unsigned long long)va, level);
	return e;
}

/* Break-before-make (D8.14): invalid, TLB invalidation, then the new one. */
static void replace_entry(u64 *e, u64 va, u64 desc)
{
	write_entry(e, 0);
	mmu_flush_va(va);
	write_entry(e, desc);
	mmu_flush_va(va);
}

void pt_set_entry(struct page_table *pt, u64 va, int level, u64 desc)
{
	replace_entry(existing_entry(pt, va, level), va, desc);
}

void pt_update(struct page_table *pt, u64 va, int level, u64 set, u64 clear)
{
	u64 *e = existing_entry(pt, va, level);

	replace_entry(e, va, (*e | set) & ~clear);
}

void pt_unmap(struct page_table *pt, u64 va, int level)
{
	pt_set_entry(pt, va, level, 0);
}

/*
 * TTBR0_EL1 is per CPU and our entries are global (nG = 0): after the
 * switch, TLBI VMALLE1 drops what this CPU cached from the previous set.
 */
u64 pt_switch(const struct page_table *pt)
{
	u64 old = read_sysreg(ttbr0_el1);

	dsb(ishst);
	write_sysreg((u64)pt->root, ttbr0_el1);
	isb();
	asm volatile("tlbi vmalle1" : : : "memory");
	dsb(nsh);
	isb();
	return old;
}

u64 mmu_at_read(u64 va)
{
	asm volatile("at s1e1r, %0" : : "r"(va) : "memory");
	isb();
	return read_sysreg(par_el1);
}

u64 mmu_at_write(u64 va)
{
	asm volatile("at s1e1w, %0" : : "r"(va) : "memory");
	isb();
	return read_sysreg(par_el1);
}

static void dcache_inval_range(u64 start, u64 end)
{
	u64 line = 4U << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (u64 a = ALIGN_DOWN(start, line); a < end; a += line)
		asm volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb(sy);
}

void mmu_get_regs(struct mmu_regs *r)
{
	r->mair = MAIR_VALUE;
	r->tcr = tcr;
	r->ttbr0 = (u64)mmu_idmap.root;
	r->sctlr = SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA;
}

/* The 2 MiB blocks around [start, start + size). */
static void idmap_blocks(u64 start, u64 size)
{
	u64 first = ALIGN_DOWN(start, pt_level_size(2));
	u64 end = ALIGN_UP(start + size, pt_level_size(2));

	pt_map_range(&mmu_idmap, first, first, end - first, PROT_NORMAL);
}

void mmu_early_init(u64 image_start, u64 image_end, u64 fdt, u64 fdt_size)
{
	u64 pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	struct mmu_regs r;

	tcr = TCR_T0SZ(VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
	      TCR_SH0_INNER | TCR_TG0_4K | TCR_EPD1 |
	      (MIN(pa_range, (u64)PARANGE_48) << TCR_IPS_SHIFT);
	pt_init(&mmu_idmap);
	idmap_blocks(image_start, image_end - image_start);
	idmap_blocks(fdt, fdt_size);

	mmu_get_regs(&r);
	dcache_inval_range(image_start, image_end);
	dcache_inval_range(fdt, fdt + fdt_size);
	write_sysreg(r.mair, mair_el1);
	write_sysreg(r.tcr, tcr_el1);
	pt_switch(&mmu_idmap);
	write_sysreg(r.sctlr, sctlr_el1);
	isb();
	mmu_on = true;
}
