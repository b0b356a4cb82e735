// SPDX-License-Identifier: GPL-2.0-only
/*
 * smep: supervisor-mode execution prevention, the rules x86/access.c does
 * not isolate: CR4.SMEP only settable when enumerated; a supervisor fetch
 * from a user-mode page faults with I set in the error code (also with
 * IA32_EFER.NXE = 0), while user fetches, supervisor fetches from
 * supervisor pages and supervisor data reads of user pages are unaffected,
 * and EFLAGS.AC does not matter.
 *
 * Intel SDM vol. 3A 2.5 (CR4.SMEP; reserved CR4 bits), 4.6.1 (with
 * CR4.SMEP = 1 instructions may not be fetched from any user-mode address
 * in supervisor mode), 4.7 (error code I: set for a fetch when CR4.SMEP =
 * 1 or IA32_EFER.NXE = 1); vol. 2B MOV to CR4 (#GP(0) on a reserved bit);
 * AMD APM vol. 2 5.6.5 and 8.4.2 (I defined only with EFER.NXE = 1).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/cr4_probe.h>
#include <x86/paging.h>
#include <x86/pgtest.h>

#define USER_VA PGTEST_BASE

static struct page_table pt;
static u8 *code_page; /* a RET, mapped user-accessible at USER_VA */
static u8 *sup_code; /* a RET in identity-mapped supervisor memory */

/* The test's tables (built once), entered with the paging controls saved. */
static bool smep_env_enter(void)
{
	if (!pt.root) {
		pgtest_init(&pt);
		code_page = alloc_page();
		assert(code_page);
		code_page[0] = PGTEST_RET_INSN;
		sup_code = alloc_page();
		assert(sup_code);
		sup_code[0] = PGTEST_RET_INSN;
		pt_map(&pt, USER_VA, (u64)code_page, PT_LEVEL_4K,
		       PT_RW | PT_US);
	}
	pgtest_enter(&pt);
	return true;
}

TEST_FIXTURE(smep_env, smep_env_enter, pgtest_leave);

static void set_smep(bool on)
{
	u64 cr4 = read_cr4();

	write_cr4(on ? cr4 | X86_CR4_SMEP : cr4 & ~X86_CR4_SMEP);
}

/* SDM vol. 3A 2.5: with SMEP enumerated, CR4.SMEP can be set. */
TEST_CASE(cr4_bit, .features = CPU_FEATURES(X86_FEATURE_SMEP))
{
	report_here(cr4_probe_settable(X86_CR4_SMEP, "SMEP", "SMEP"));
}

/* Without it the bit is reserved; entries of its own run this probe. */
TEST_CASE(cr4_bit_reserved)
{
	report_here(cr4_probe_reserved(X86_CR4_SMEP, X86_FEATURE_SMEP, "SMEP",
				       "SMEP", "CPUID.7.0:EBX.SMEP"));
}

TEST_CASE(supervisor_fetch, .fixture = &smep_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMEP))
{
	bool amd = cpu_is_amd();
	struct fault f;

	report_fault(pgtest_access(USER_VA, PG_FETCH, false), FAULT_NONE,
		     "CR4.SMEP=0: supervisor fetch from a user page works");
	set_smep(true);
	if (cpu_has(X86_FEATURE_NX))
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr2(0);
	report_fault(pgtest_access(USER_VA, PG_FETCH, false),
		     FAULT_PF(PFERR_P | PFERR_I),
		     "CR4.SMEP=1: supervisor fetch from a user page faults");
	report_eq(read_cr2(), USER_VA, "CR2 is the fetched address");

	/* SDM 4.7: I is set for any fetch while CR4.SMEP = 1. */
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) & ~EFER_NXE);
	f = pgtest_access(USER_VA, PG_FETCH, false);
	if (amd && f.raised && f.vector == PF_VECTOR)
		f.error_code |= PFERR_I; /* APM 8.4.2: I undefined, NXE = 0 */
	report_fault(f, FAULT_PF(PFERR_P | PFERR_I),
		     "EFER.NXE=0: the fault still has I set%s",
		     amd ? " (not checked: AMD defines I only with NXE=1)"
			 : "");

	/* EFLAGS.AC relaxes SMAP for data, never SMEP for fetches. */
	asm volatile("pushf; orq %0, (%%rsp); popf"
		     :
		     : "i"(X86_EFLAGS_AC)
		     : "memory", "cc");
	f = pgtest_access(USER_VA, PG_FETCH, false);
	asm volatile("pushf; andq %0, (%%rsp); popf"
		     :
		     : "i"(~X86_EFLAGS_AC)
		     : "memory", "cc");
	if (amd && f.raised && f.vector == PF_VECTOR)
		f.error_code |= PFERR_I;
	report_fault(f, FAULT_PF(PFERR_P | PFERR_I),
		     "EFLAGS.AC=1 does not lift SMEP");
}

/* What SMEP leaves alone (SDM 4.6.1: it restricts supervisor fetches). */
TEST_CASE(unaffected, .fixture = &smep_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMEP))
{
	write_cr4((read_cr4() | X86_CR4_SMEP) & ~X86_CR4_SMAP);
	report_fault(pgtest_access(USER_VA, PG_FETCH, true), FAULT_NONE,
		     "user fetch from a user page");
	report_fault(pgtest_access((u64)sup_code, PG_FETCH, false), FAULT_NONE,
		     "supervisor fetch from a supervisor page");
	report_fault(pgtest_access(USER_VA, PG_READ, false), FAULT_NONE,
		     "supervisor read of a user page (CR4.SMAP=0)");
}
