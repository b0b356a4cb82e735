// SPDX-License-Identifier: GPL-2.0-only
/*
 * pcid: process-context identifiers and INVPCID. CR4.PCIDE can be set only
 * when enumerated and with CR3[11:0] = 0; CR3 reserved bits and bit 63;
 * with PCIDE = 1, MOV to CR3 with bit 63 = 0 drops the new PCID's
 * translations, bit 63 is never stored, and translations of one PCID are
 * never used under another; INVPCID types 0 to 3 and its #UD and #GP(0)
 * conditions. Whether a translation survives where the architecture
 * allows it (MOV to CR3 with bit 63 = 1) is information only.
 *
 * Intel SDM vol. 3A 2.5 (CR4.PCIDE), 4.5.2 and table 4-12/4-13 (CR3 with
 * PCIDE = 0 and 1: bits 63:M reserved), 4.10.1 (PCIDs: "MOV to CR4 #GP if
 * setting PCIDE with CR3[11:0] != 0", not outside IA-32e mode), 4.10.2.4
 * (only translations of the current PCID are used), 4.10.4.1 (MOV to CR3
 * invalidation, bit 63); vol. 2B MOV to CR3/CR4, INVPCID (#UD without
 * CPUID.(EAX=07H,ECX=0):EBX.INVPCID; #GP(0) at CPL > 0, type > 3,
 * descriptor bits 63:12 set, PCID != 0 for types 0 and 1 with PCIDE = 0,
 * non-canonical address for type 0); AMD APM vol. 2 5.5.1.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/paging.h>
#include <x86/insn_watch.h>
#include <x86/pgtest.h>
#include <x86/usermode.h>

#define CR3_NOFLUSH BIT(63)
#define USER_CODE_VA (PGTEST_USER_TEXT + 2 * PAGE_SIZE)

/* CPL3 code: INVPCID type 2 with the descriptor at RDI. */
extern char pcid_user_page[];
asm(".pushsection .text.pcid_user, \"ax\"\n\t"
    ".balign 4096\n"
    "pcid_user_page:\n\t"
    "mov $2, %eax\n\t"
    "invpcid (%rdi), %rax\n\t"
    "ret\n\t"
    ".balign 4096\n\t"
    ".popsection");

struct invpcid_desc {
	u64 pcid;
	u64 addr;
} __aligned(16);

static u64 root; /* tlbtest_pt's root: CR3 with PCID 0 */

/* The TLB tests' fixture, plus the CPL3 INVPCID page at USER_CODE_VA. */
static bool pcid_env_enter(void)
{
	struct page_table *pt = tlbtest_tables();

	if (!root) {
		pt_map(pt, USER_CODE_VA, (u64)pcid_user_page, PT_LEVEL_4K,
		       PT_US);
		root = (u64)pt->root;
	}
	return tlbtest_enter();
}

TEST_FIXTURE(pcid_env, pcid_env_enter, pgtest_leave);

static struct fault mov_cr3(u64 v)
{
	return fault_probe("mov %0, %%cr3", : : "r"(v) : "memory");
}

static struct fault mov_cr4(u64 v)
{
	return fault_probe("mov %0, %%cr4", : : "r"(v) : "memory");
}

static struct fault invpcid(u64 type, u64 pcid, u64 addr)
{
	struct invpcid_desc d = {pcid, addr};

	return fault_probe("invpcid %0, %1", : : "m"(d), "r"(type) : "memory");
}

TEST_CASE(cr4_pcide, .fixture = &pcid_env)
{
	u64 cr4;

	cr4 = read_cr4();
	if (!cpu_has(X86_FEATURE_PCID)) {
		report_fault(mov_cr4(cr4 | X86_CR4_PCIDE), FAULT_GP(0),
			     "CR4.PCIDE is reserved without CPUID.1:ECX.PCID");
		report(!(read_cr4() & X86_CR4_PCIDE), "CR4.PCIDE stays 0");
		return;
	}
	write_cr3(root | 0x001);
	report_fault(mov_cr4(cr4 | X86_CR4_PCIDE), FAULT_GP(0),
		     "setting CR4.PCIDE with CR3[11:0]=0x001");
	write_cr3(root | PT_PWT);
	report_fault(mov_cr4(cr4 | X86_CR4_PCIDE), FAULT_GP(0),
		     "setting CR4.PCIDE with CR3[11:0]=0x008 (PWT)");
	report(!(read_cr4() & X86_CR4_PCIDE), "CR4.PCIDE still 0");
	write_cr3(root);
	report_fault(mov_cr4(cr4 | X86_CR4_PCIDE), FAULT_NONE,
		     "setting CR4.PCIDE with CR3[11:0]=0");
	report(read_cr4() & X86_CR4_PCIDE, "CR4.PCIDE reads back as 1");
	write_cr3(root | 5);
	report_fault(mov_cr4(cr4), FAULT_NONE,
		     "clearing CR4.PCIDE with PCID 5 current");
	report_info("not checked: #GP when setting CR4.PCIDE outside IA-32e "
		    "mode (this guest never leaves it)");
}

/*
 * On a spare CPU, watched from this one (lib/x86/insn_watch.h): QEMU 7.2
 * TCG loops on this MOV, which is then a FAIL that says so, not a hang.
 */
static void cr3_reserved_bit(u64 set, const char *what)
{
	struct cr_flip t = cr_flip_elsewhere(3, set);

	report_fault(t.f, FAULT_GP(0), "%s", what);
	if (!t.f.stuck)
		report_eq(t.after, t.before, "%s: CR3 unchanged", what);
}

/* CR3 bits 63:MAXPHYADDR are reserved with PCIDE = 0 (SDM table 4-12). */
TEST_CASE(cr3_reserved)
{
	unsigned int m = cpu_phys_bits();
	char what[40];

	cr3_reserved_bit(BIT(63), "CR3 bit 63 with CR4.PCIDE=0");
	if (m < 52) {
		snprintf(what, sizeof(what), "CR3 bit %u (MAXPHYADDR)", m);
		cr3_reserved_bit(BIT(m), what);
	}
}

TEST_CASE(pcid_switch, .fixture = &pcid_env,
	  .features = CPU_FEATURES(X86_FEATURE_PCID))
{
	struct fault f;

	write_cr4(read_cr4() | X86_CR4_PCIDE);
	write_cr3(root | 1);
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A,
		  "PCID 1: the mapping is used");

	tlbtest_set_pte(tlbtest_page_b, PT_RW);
	write_cr3(root | 1);
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "MOV to CR3 with bit 63=0 drops PCID 1's translations");

	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	f = mov_cr3(root | 1 | CR3_NOFLUSH);
	report_fault(f, FAULT_NONE, "MOV to CR3 with bit 63=1");
	report_eq(read_cr3(), root | 1, "bit 63 is not stored in CR3");
	report_info("after MOV to CR3 with bit 63=1 the %s mapping was used "
		    "(either is allowed)",
		    tlbtest_mark_name(tlbtest_read()));
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A,
		  "after INVLPG the new mapping is used");

	/* PCID 2 never uses PCID 1's translation (SDM 4.10.2.4). */
	tlbtest_set_pte(tlbtest_page_b, PT_RW);
	write_cr3(root | 2 | CR3_NOFLUSH);
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "PCID 2 does not use PCID 1's translation");
}

TEST_CASE(invpcid_faults, .fixture = &pcid_env)
{
	struct fault f;

	if (!cpu_has(X86_FEATURE_INVPCID)) {
		report_fault(invpcid(2, 0, 0), FAULT_UD,
			     "INVPCID without CPUID.7.0:EBX.INVPCID");
		return;
	}
	report_fault(invpcid(0, 0, TLBTEST_VA), FAULT_NONE, "type 0, PCID 0");
	report_fault(invpcid(1, 0, 0), FAULT_NONE, "type 1, PCID 0");
	report_fault(invpcid(2, 0, 0), FAULT_NONE, "type 2");
	report_fault(invpcid(3, 0, 0), FAULT_NONE, "type 3");
	report_fault(invpcid(4, 0, 0), FAULT_GP(0), "type 4");
	report_fault(invpcid(1ULL << 32, 0, 0), FAULT_GP(0), "type 1 << 32");
	for (int t = 0; t <= 3; t++)
		report_fault(invpcid(t, BIT(12), TLBTEST_VA), FAULT_GP(0),
			     "type %d, descriptor bit 12 set", t);
	report_fault(invpcid(0, 0, 0x8000000000000000ULL), FAULT_GP(0),
		     "type 0, non-canonical address");
	report_fault(invpcid(0, 1, TLBTEST_VA), FAULT_GP(0),
		     "type 0, PCID 1 with CR4.PCIDE=0");
	report_fault(invpcid(1, 1, 0), FAULT_GP(0),
		     "type 1, PCID 1 with CR4.PCIDE=0");
	f = usermode_call(PGTEST_USER_TEXT, usermode_call_fn, USER_CODE_VA, 0,
			  PGTEST_USER_STACK_TOP, NULL);
	report_fault(f, FAULT_GP(0), "INVPCID at CPL3");
	if (cpu_has(X86_FEATURE_PCID)) {
		write_cr4(read_cr4() | X86_CR4_PCIDE);
		report_fault(invpcid(0, 1, TLBTEST_VA), FAULT_NONE,
			     "type 0, PCID 1 with CR4.PCIDE=1");
		report_fault(invpcid(1, 0xfff, 0), FAULT_NONE,
			     "type 1, PCID 0xfff with CR4.PCIDE=1");
	}
}

/* Each type drops what it must (SDM vol. 2B INVPCID, 4.10.4.1). */
TEST_CASE(invpcid_types, .fixture = &pcid_env,
	  .features = CPU_FEATURES(X86_FEATURE_INVPCID, X86_FEATURE_PCID))
{
	write_cr4(read_cr4() | X86_CR4_PCIDE | X86_CR4_PGE);
	write_cr3(root | 3);
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A,
		  "PCID 3: the mapping is used");

	tlbtest_set_pte(tlbtest_page_b, PT_RW);
	invpcid(0, 3, TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_B, "type 0 (address, PCID 3)");
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invpcid(1, 3, 0);
	report_eq(tlbtest_read(), TLBTEST_MARK_A, "type 1 (PCID 3)");
	tlbtest_set_pte(tlbtest_page_b, PT_RW);
	invpcid(3, 0, 0);
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "type 3 (all PCIDs, non-global)");
	tlbtest_set_pte(tlbtest_page_a, PT_RW | PT_G);
	invlpg(TLBTEST_VA);
	report_eq(tlbtest_read(), TLBTEST_MARK_A, "a global mapping is used");
	tlbtest_set_pte(tlbtest_page_b, PT_RW | PT_G);
	invpcid(3, 0, 0);
	report_info("after type 3 the %s global mapping was used (either is "
		    "allowed)",
		    tlbtest_mark_name(tlbtest_read()));
	invpcid(2, 0, 0);
	report_eq(tlbtest_read(), TLBTEST_MARK_B,
		  "type 2 (all PCIDs, including global)");
	tlbtest_set_pte(tlbtest_page_a, PT_RW);
	invlpg(TLBTEST_VA);
}
