// SPDX-License-Identifier: GPL-2.0-only
/*
 * la57: 5-level paging controls. With 4-level paging (how this runtime
 * boots): CR4.LA57 cannot change in IA-32e mode and addresses are
 * canonical at 48 bits, whether or not LA57 is enumerated. Where LA57 is
 * enumerated the test then switches to 5-level paging (lib/x86/la57.h:
 * out of IA-32e mode, CR4.LA57 = 1, back) and checks canonicality at 57
 * bits: #GP(0) for a data reference, #SS(0) for one through RSP, normal
 * translation through PML5 entries other than 0 for addresses that only
 * 4-level paging finds non-canonical; WRMSR of linear-address MSRs checks
 * the CPU's maximum width; CR4.LA57 still cannot change while IA-32e mode
 * is active.
 *
 * Intel SDM vol. 3A 2.5 (CR4.LA57), 4.1.1 and 4.1.2 ("CR4.LA57 cannot be
 * modified while IA-32e mode is active": MOV to CR4 #GP(0)), 4.5 (5-level
 * paging: linear address bits 56:48 select the PML5 entry), 3.3.7.1
 * (canonical addresses: bits 63:47 or, with LA57, 63:56 equal), 6.15
 * (interrupt 12 #SS(0) for a non-canonical reference through the SS
 * segment, interrupt 13 #GP(0) for other data references); vol. 2B MOV to
 * CR4, WRMSR (#GP(0) when a linear-address MSR is written a value that is
 * not canonical at the maximum linear-address width); AMD APM vol. 2 5.3.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/insn_watch.h>
#include <x86/la57.h>
#include <x86/paging.h>

#define MAGIC 0x5a5a123456789abcULL

/* Canonical at 57 bits, not at 48: PML5 indices 255 and 256. */
static const u64 wide_addrs[] = {
	0x00ff800000000000ULL,
	0xff00000000000000ULL,
};

/* Not canonical at 57 bits: bits 63:57 differ from bit 56. */
static const u64 bad57_addrs[] = {
	0x0100000000000000ULL, /* bit 56 without sign extension */
	0xfe00000000000000ULL, /* bits 63:57 set, bit 56 clear */
	0x8000000000000000ULL,
};

/*
 * SDM vol. 2B MOV to CR4: changing CR4.LA57 in IA-32e mode raises #GP(0).
 * Without LA57 enumerated the bit is reserved, which some hypervisors
 * livelock on: that probe is cr4_toggle_reserved, in entries of its own.
 */
/* On a spare CPU, watched from this one (lib/x86/insn_watch.h). */
static void toggle_probe(const char *what)
{
	struct cr_flip t = cr_flip_elsewhere(4, X86_CR4_LA57);

	report_fault(t.f, FAULT_GP(0), "%s", what);
	if (!t.f.stuck)
		report_eq(t.after, t.before, "CR4 unchanged");
}

TEST_CASE(cr4_toggle, .features = CPU_FEATURES(X86_FEATURE_LA57))
{
	report_info("CR4.LA57=%d", !!(read_cr4() & X86_CR4_LA57));
	toggle_probe("changing CR4.LA57 in IA-32e mode");
}

TEST_CASE(cr4_toggle_reserved)
{
	if (cpu_has(X86_FEATURE_LA57))
		return report_skip(
			"LA57 is enumerated: CR4.LA57 is not reserved here");
	toggle_probe("setting the reserved CR4.LA57 (LA57 not enumerated)");
}

static struct fault load(u64 addr, u64 *val)
{
	return fault_probe("mov (%1), %0", : "=r"(*val) : "r"(addr) : "memory");
}

TEST_CASE(canonical_48)
{
	static const u64 addrs[] = {
		0x0000800000000000ULL, /* bit 47 without sign extension */
		0x00ff800000000000ULL, /* canonical at 57 bits, not at 48 */
		0xff00000000000000ULL, /* canonical at 57 bits, not at 48 */
	};
	u64 v;

	if (read_cr4() & X86_CR4_LA57)
		return report_skip("the guest runs with 5-level paging");
	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++)
		report_fault(load(addrs[i], &v), FAULT_GP(0),
			     "4-level paging: read of %#lx", addrs[i]);
}

static struct page_table pt5;

/* 5-level paging for one case (the cases declare LA57 as a requirement). */
static bool five_level_enter(void)
{
	la57_enable(&pt5);
	report(read_cr4() & X86_CR4_LA57, "CR4.LA57=1 after the switch");
	return true;
}

static void five_level_leave(void)
{
	la57_disable();
	report(!(read_cr4() & X86_CR4_LA57), "CR4.LA57=0 after switching back");
}

TEST_FIXTURE(five_level, five_level_enter, five_level_leave);

/*
 * A load with RSP as the base register references the SS segment, so a
 * non-canonical address must raise #SS(0), not #GP(0) (SDM 6.15). RSP
 * itself stays valid; the index register carries the distance.
 */
static struct fault stack_load(u64 addr)
{
	u64 v, idx;

	fault_clear();
	asm volatile("mov %%rsp, %1\n\t"
		     "neg %1\n\t"
		     "add %2, %1\n\t" FAULT_SITE("mov (%%rsp,%1), %0")
		     : "=&r"(v), "=&r"(idx)
		     : "r"(addr)
		     : "memory");
	return fault_take();
}

TEST_CASE(canonical_57, .fixture = &five_level,
	  .features = CPU_FEATURES(X86_FEATURE_LA57))
{
	u64 *data, v;

	for (size_t i = 0; i < ARRAY_SIZE(bad57_addrs); i++) {
		report_fault(load(bad57_addrs[i], &v), FAULT_GP(0),
			     "5-level paging: non-canonical read of %#lx",
			     bad57_addrs[i]);
		report_fault(stack_load(bad57_addrs[i]), FAULT(SS_VECTOR, 0),
			     "5-level paging: non-canonical read of %#lx "
			     "through RSP",
			     bad57_addrs[i]);
	}

	data = alloc_page();
	assert(data);
	for (size_t i = 0; i < ARRAY_SIZE(wide_addrs); i++) {
		u64 va = wide_addrs[i];

		pt_map(&pt5, va, (u64)data, PT_LEVEL_4K, PT_RW);
		data[0] = MAGIC + i;
		v = 0;
		report_fault(load(va, &v), FAULT_NONE,
			     "5-level paging: read of %#lx (PML5 entry %u)", va,
			     pt_index(va, 5));
		report_eq(v, MAGIC + i, "%#lx reads the page it maps", va);
		report_fault(stack_load(va), FAULT_NONE,
			     "5-level paging: read of %#lx through RSP", va);
		pt_unmap(&pt5, va, PT_LEVEL_4K);
	}

	/* Canonical but unmapped: the walk, not the canonical check, faults. */
	write_cr2(0);
	report_fault(load(0x0080000000000000ULL, &v), FAULT_PF(0),
		     "5-level paging: read of 0x80000000000000 (PML5 entry "
		     "128 not present) raises #PF");
	report_eq(read_cr2(), 0x0080000000000000ULL, "CR2 holds the address");
	free_page(data);
}

/* SDM 4.1.1: still no change of CR4.LA57 in IA-32e mode, now from 1. */
TEST_CASE(cr4_toggle_la57, .fixture = &five_level,
	  .features = CPU_FEATURES(X86_FEATURE_LA57))
{
	u64 cr4;

	cr4 = read_cr4();
	report_fault(fault_probe("mov %0, %%cr4",
				 :
				 : "r"(cr4 & ~X86_CR4_LA57)),
		     FAULT_GP(0), "clearing CR4.LA57 in IA-32e mode");
	report_eq(read_cr4(), cr4, "CR4 unchanged");
}

/*
 * WRMSR of an MSR holding a linear address checks canonicality at the
 * CPU's maximum linear-address width (57 with LA57), not at the width of
 * the paging mode in use (SDM vol. 2B WRMSR, vol. 3A 4.1.1).
 */
TEST_CASE(msr_width, .fixture = &five_level,
	  .features = CPU_FEATURES(X86_FEATURE_LA57))
{
	static const struct {
		u32 index;
		const char *name;
	} msrs[] = {
		{MSR_FS_BASE, "FS_BASE"},
		{MSR_GS_BASE, "GS_BASE"},
		{MSR_KERNEL_GS_BASE, "KERNEL_GS_BASE"},
		{MSR_LSTAR, "LSTAR"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(msrs); i++) {
		u32 msr = msrs[i].index;
		u64 old = rdmsr(msr);

		for (size_t j = 0; j < ARRAY_SIZE(wide_addrs); j++) {
			report_fault(wrmsr_safe(msr, wide_addrs[j]), FAULT_NONE,
				     "%s: write %#lx (canonical at 57 bits)",
				     msrs[i].name, wide_addrs[j]);
			report_eq(rdmsr(msr), wide_addrs[j], "%s reads back",
				  msrs[i].name);
		}
		for (size_t j = 0; j < ARRAY_SIZE(bad57_addrs); j++)
			report_fault(
				wrmsr_safe(msr, bad57_addrs[j]), FAULT_GP(0),
				"%s: write %#lx (not canonical at 57 bits)",
				msrs[i].name, bad57_addrs[j]);
		wrmsr(msr, old);
	}
}
