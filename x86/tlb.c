// SPDX-License-Identifier: GPL-2.0-only
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

/* A stale read is allowed (SDM 4.10.4.2): information only. */
static void info_before(const char *after)
{
	report_info("before %s the %s mapping was used (either is allowed)",
		    after, tlbtest_mark_name(tlbtest_read()));
}

TEST_CASE(invlpg, .fixture = &tlbtest_env)
{
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A, "the mapping is used");
	tlbtest_set_pte(tlbtest_page_b, PT_RW);
	info_before("INVLPG");
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "after INVLPG the new mapping is used");
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A,
		  "and again after a second change");
}

TEST_CASE(mov_cr3, .fixture = &tlbtest_env)
{
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A,
		  "the non-global mapping is used");
	tlbtest_set_pte(tlbtest_page_b, PT_RW);
	info_before("MOV to CR3");
	write_cr3(read_cr3());
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "after MOV to CR3 the new non-global mapping is used");
}

TEST_CASE(global, .fixture = &tlbtest_env,
	  .features = CPU_FEATURES(X86_FEATURE_PGE))
{
	write_cr4(read_cr4() | X86_CR4_PGE);
	tlbtest_set_pte(tlbtest_page_a, PT_RW | PT_G);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A, "the global mapping is used");
	tlbtest_set_pte(tlbtest_page_b, PT_RW | PT_G);
	write_cr3(read_cr3());
	report_info("after MOV to CR3 the %s global mapping was used "
		    "(old: it survived, allowed not required)",
		    tlbtest_mark_name(tlbtest_read()));
	write_cr4(read_cr4() & ~X86_CR4_PGE);
	write_cr4(read_cr4() | X86_CR4_PGE);
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "after CR4.PGE toggling the new global mapping is used");

	tlbtest_set_pte(tlbtest_page_a, PT_RW | PT_G);
	info_before("INVLPG of the global page");
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A,
		  "INVLPG invalidates the global translation of its page");
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
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
