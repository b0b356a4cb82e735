// SPDX-License-Identifier: GPL-2.0-only
/*
 * usermode.c: problem-state calls (usermode.h, user_entry.S). The function
 * returns with "sc" (Power ISA v3.0 Book III 7.5.14: system call
 * interrupt, SRR0 = the address after the sc, SRR1[PR] = 1); our system
 * call handler recognises the trampoline's sc and resumes the supervisor
 * side with the MSR it had. Any other system call from problem state
 * without a fault site is unexpected and ends the test. Once the radix
 * MMU object is active (radix_mmu.h), its identity map serves instead of
 * the hashed page table.
 */
#include <libtest.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/hash_mmu.h>
#include <powerpc/radix_mmu.h>
#include <powerpc/usermode.h>

extern char ppc_user_sc_end[], ppc_user_resume[];
extern u64 ppc_user_sp;
u64 ppc_user_enter(u64 fn, u64 arg, u64 msr);

/* The largest positive 32-bit decrementer value: seconds away. */
#define DEC_FAR 0x7fffffffULL

static u64 supervisor_msr;

static void user_return(struct pt_regs *regs)
{
	if (!(regs->msr & MSR_PR) || regs->nip != (u64)ppc_user_sc_end) {
		print_backtrace_from(regs->nip, regs->gpr[1]);
		test_crash("unexpected system call at nip=%#llx srr1=%#llx",
			   (unsigned long long)regs->nip,
			   (unsigned long long)regs->msr);
	}
	regs->nip = (u64)ppc_user_resume;
	regs->msr = supervisor_msr;
	regs->gpr[1] = ppc_user_sp;
}

u64 ppc_user_call(user_fn_t fn, u64 arg, bool *ok, const char **why)
{
	bool hash = !radix_mmu_active();
	exception_handler_t old;
	u64 ret;

	*ok = !hash || hash_mmu_setup(why);
	if (!*ok)
		return 0;
	supervisor_msr = mfmsr();
	old = ppc_set_handler(VEC_SYSCALL, user_return);
	mtspr(SPR_DEC, DEC_FAR);
	if (hash)
		hash_segment_on();
	ret = ppc_user_enter((u64)fn, arg,
			     supervisor_msr | MSR_PR | MSR_IR | MSR_DR |
				     MSR_EE);
	if (hash)
		hash_segment_off();
	ppc_set_handler(VEC_SYSCALL, old);
	return ret;
}
