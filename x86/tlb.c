/*
 * tlb: what the architecture requires of TLB invalidation. After INVLPG
 * the new mapping of the page is used; MOV to CR3 drops non-global
 * translations; toggling CR4.PGE drops global ones too; INVLPG drops a
 * global translation of its page; INVLPG of a non-canonical address is a
 * no-op. Whether a stale translation is still used before the
 * invalidation is left open by the architecture (a TLB may or may not
 * hold it), so it is only reported as information.
 *
 * Intel SDM vol. 3A 4.10.2 (TLBs: caching is allowed, never required),
 * 4.10.2.4 (global pages), 4.10.4.1 (operations that invalidate: INVLPG,
 * MOV to CR3, MOV to CR4 changing PGE), 4.10.4.2 (stale translations
 * before invalidation); vol. 2A INVLPG ("in 64-bit mode, if the memory
 * address is in non-canonical form, INVLPG is the same as a NOP"); AMD
 * APM vol. 2 5.5.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/paging.h>
#include <x86/pgtest.h>

#define X86_FEATURE_PGE X86_FEATURE(1, 0, EDX, 13, "pge")
#define VA PGTEST_BASE
#define MARK_A 0xaaaaaaaa00000001ULL
#define MARK_B 0xbbbbbbbb00000002ULL

static struct page_table pt;
static u64 *page_a, *page_b;
static u64 orig_cr3, orig_cr4;

static void setup(void)
{
	if (!pt.root) {
		pgtest_init(&pt);
		page_a = alloc_page();
		page_b = alloc_page();
		assert(page_a && page_b);
		*page_a = MARK_A;
		*page_b = MARK_B;
		pt_map(&pt, VA, (u64)page_a, PT_LEVEL_4K, PT_RW);
	}
	orig_cr4 = read_cr4();
	orig_cr3 = pt_switch(&pt);
}

static void teardown(void)
{
	write_cr4(orig_cr4);
	write_cr3(orig_cr3);
}

static u64 read_va(void)
{
	return *(volatile u64 *)VA;
}

/* Points the PTE of VA at PAGE with FLAGS, without invalidating. */
static void set_pte(u64 *page, u64 flags)
{
	*pt_walk(&pt, VA, PT_LEVEL_4K, false) = (u64)page | PT_P | flags;
}

static const char *mark_name(u64 v)
{
	return v == MARK_A ? "old" : v == MARK_B ? "new" : "neither";
}

/* A stale read is allowed (SDM 4.10.4.2): information only. */
static void info_before(const char *after)
{
	report_info("before %s the %s mapping was used (either is allowed)",
		    after, mark_name(read_va()));
}

TEST_CASE(invlpg)
{
	setup();
	set_pte(page_a, PT_RW);
	invlpg(VA);
	report_eq(read_va(), MARK_A, "the mapping is used");
	set_pte(page_b, PT_RW);
	info_before("INVLPG");
	invlpg(VA);
	report_eq(read_va(), MARK_B, "after INVLPG the new mapping is used");
	set_pte(page_a, PT_RW);
	invlpg(VA);
	report_eq(read_va(), MARK_A, "and again after a second change");
	teardown();
}

TEST_CASE(mov_cr3)
{
	setup();
	set_pte(page_a, PT_RW);
	invlpg(VA);
	report_eq(read_va(), MARK_A, "the non-global mapping is used");
	set_pte(page_b, PT_RW);
	info_before("MOV to CR3");
	write_cr3(read_cr3());
	report_eq(read_va(), MARK_B,
		  "after MOV to CR3 the new non-global mapping is used");
	teardown();
}

TEST_CASE(global)
{
	if (!cpu_has(X86_FEATURE_PGE))
		return report_skip("PGE not enumerated (CPUID.1:EDX.PGE)");
	setup();
	write_cr4(read_cr4() | X86_CR4_PGE);
	set_pte(page_a, PT_RW | PT_G);
	invlpg(VA);
	report_eq(read_va(), MARK_A, "the global mapping is used");
	set_pte(page_b, PT_RW | PT_G);
	write_cr3(read_cr3());
	report_info("after MOV to CR3 the %s global mapping was used "
		    "(old: it survived, allowed not required)",
		    mark_name(read_va()));
	write_cr4(read_cr4() & ~X86_CR4_PGE);
	write_cr4(read_cr4() | X86_CR4_PGE);
	report_eq(read_va(), MARK_B,
		  "after CR4.PGE toggling the new global mapping is used");

	set_pte(page_a, PT_RW | PT_G);
	info_before("INVLPG of the global page");
	invlpg(VA);
	report_eq(read_va(), MARK_A,
		  "INVLPG invalidates the global translation of its page");
	set_pte(page_a, PT_RW);
	invlpg(VA);
	teardown();
}

TEST_CASE(invlpg_noncanonical)
{
	static const u64 addrs[] = {
		0x8000000000000000ULL,
		0x0000800000000000ULL,
		0x00ff800000000000ULL,
		0xfff7ffffffff0000ULL,
	};
	unsigned int bits = (read_cr4() & X86_CR4_LA57) ? 57 : 48;

	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
		if (is_canonical(addrs[i], bits))
			continue;
		report_fault(fault_probe("invlpg (%0)",
					 :
					 : "r"(addrs[i])
					 : "memory"),
			     FAULT_NONE, "INVLPG %#lx (non-canonical) is a NOP",
			     addrs[i]);
	}
}
