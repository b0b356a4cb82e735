// SPDX-License-Identifier: GPL-2.0-only
/*
 * nested_svm.c: nested SVM state across migration, with the test as the
 * L1 hypervisor (AMD APM vol. 2 chapter 15; library lib/x86/svm/,
 * docs/nested-svm.md). nested_svm_between_vmruns migrates with L2 parked
 * between two VMRUNs; nested_svm_l2_live runs L2 in short slices while
 * the runner migrates the VM (migrate_point_busy()), so the migration
 * falls between or inside VMRUN / #VMEXIT pairs, with EFER.SVME,
 * VM_HSAVE_PA, GIF and L2's state live. Each slice L2 counts in a register, reads the TSC and
 * a page the nested page table remaps, then executes an intercepted
 * CPUID, an RDMSR the MSR permission map intercepts and its VMMCALL.
 *
 * The state items checked and the rules that define them: EFER.SVME
 * (15.4), the VM_HSAVE_PA MSR (15.30.4) with the host state VMRUN saves
 * there (15.5.1), the CPUID intercept (15.9, exit code 72h,
 * appendix C), the MSR permission map (15.11, exit code 7Ch, EXITINFO1 0
 * for RDMSR), TSC_OFFSET added to RDTSC in the guest (VMCB control area,
 * appendix B table B-1), nested paging (15.25), L2's registers (its loop
 * counter; #VMEXIT saves L2's state and VMRUN loads it, 15.5). QEMU's migration
 * documentation (docs/devel/migration) requires the destination to carry
 * on with all the state the source had: none of these may change. GIF
 * (15.17) is live too (svm_run() clears it around VMRUN) but is not
 * checked on its own: L1 sets it again after each VMRUN.
 */
#include "migration.h"
#include <alloc.h>
#include <x86/processor.h>
#include <x86/msr.h>
#include <x86/svm/svm.h>

#define SLICE_ITERS 20000ULL
#define L2_TSC_OFFSET (1ULL << 44)
#define L2_MSR MSR_IA32_PAT
#define CPUID_LEN 2 /* 0f a2 */
#define RDMSR_LEN 2 /* 0f 32 */
#define WORD_SOURCE 0xa5a5a5a5a5a5a5a5ULL
#define WORD_TARGET 0x5a5a5a5a5a5a5a5aULL

/* What L2 leaves for L1 at the end of each slice. */
struct l2_slice_out {
	volatile u64 count;
	volatile u64 tsc;
	volatile u64 word;
};

/* One slice as L1 saw it. */
struct slice {
	u64 exit[3]; /* CPUID, RDMSR, VMMCALL expected */
	u64 msr_info1;
	u64 count, tsc, word;
	u64 tsc_before, tsc_after;
};

/* What the slices run during the migration found. */
struct slice_log {
	unsigned int slices, bad_exit, bad_count, bad_tsc, bad_word;
	u64 first_bad_exit, first_bad_count, first_want_count;
};

static struct svm_vcpu svcpu;
static struct l2_slice_out out;
static u64 *word_gpa; /* the page L2 reads; NPT maps it to target_page */
static u64 *target_page;
static bool use_npt;
static u64 slices_run;
static struct slice_log slog;

static void l2_counter(struct l2_guest *l2)
{
	u64 n = 0, i;

	for (;;) {
		for (i = 0; i < SLICE_ITERS; i++)
			asm volatile("inc %0" : "+r"(n));
		out.count = n;
		out.tsc = rdtsc();
		out.word = *(volatile u64 *)word_gpa;
		cpuid(1);
		rdmsr(L2_MSR);
		l2_exit();
	}
}

/* Runs one slice of L2, resuming past each exit as a hypervisor would. */
static struct slice run_slice(void)
{
	static const unsigned int len[3] = {CPUID_LEN, RDMSR_LEN,
					    L2_EXIT_INSN_LEN};
	struct slice s = {};
	struct svm_exit e;
	int i;

	s.tsc_before = rdtsc();
	for (i = 0; i < 3; i++) {
		e = svm_run(&svcpu);
		s.exit[i] = e.code;
		if (i == 1)
			s.msr_info1 = e.info1;
		svm_skip(&svcpu, len[i]);
	}
	s.tsc_after = rdtsc();
	s.count = out.count;
	s.tsc = out.tsc;
	s.word = out.word;
	slices_run++;
	return s;
}

static u64 want_word(void)
{
	return use_npt ? WORD_TARGET : WORD_SOURCE;
}

static bool tsc_in_slice(const struct slice *s)
{
	return s->tsc >= s->tsc_before + L2_TSC_OFFSET &&
	       s->tsc <= s->tsc_after + L2_TSC_OFFSET;
}

/* migrate_point_busy() callback: one slice, judged later. */
static void slice_busy(void *arg)
{
	struct slice s = run_slice();
	const u64 want[3] = {SVM_EXIT_CPUID, SVM_EXIT_MSR, SVM_EXIT_VMMCALL};
	int i;

	slog.slices++;
	for (i = 0; i < 3; i++) {
		if (s.exit[i] != want[i]) {
			if (!slog.bad_exit++)
				slog.first_bad_exit = s.exit[i];
			break;
		}
	}
	if (s.count != slices_run * SLICE_ITERS) {
		if (!slog.bad_count++) {
			slog.first_bad_count = s.count;
			slog.first_want_count = slices_run * SLICE_ITERS;
		}
		/* Judge the following slices against what L2 says. */
		slices_run = s.count / SLICE_ITERS;
	}
	if (!tsc_in_slice(&s))
		slog.bad_tsc++;
	if (s.word != want_word())
		slog.bad_word++;
}

static void setup_vcpu(void)
{
	u64 *pte;

	word_gpa = alloc_page();
	target_page = alloc_page();
	*word_gpa = WORD_SOURCE;
	*target_page = WORD_TARGET;
	svm_vcpu_reset(&svcpu, l2_counter, NULL);
	svcpu.vmcb->control.intercept_misc1 |=
		INTERCEPT_CPUID | INTERCEPT_MSR_PROT;
	svm_msrpm_set(&svcpu, L2_MSR, true, false);
	svcpu.vmcb->control.tsc_offset = L2_TSC_OFFSET;
	/* Exceptions exit, so a broken L2 is a wrong exit code, not a lost VM. */
	svcpu.vmcb->control.intercept_exceptions = ~0U;
	use_npt = cpu_has(X86_FEATURE_NPT);
	if (use_npt) {
		svm_npt_enable(&svcpu);
		pte = svm_npt_pte(&svcpu, (u64)word_gpa);
		*pte = (*pte & ~PT_ADDR_MASK) | (u64)target_page;
	}
	slices_run = 0;
	slog = (struct slice_log){};
}

/* The checks of one slice run after the migration, each reported. */
static void check_slice(const char *when)
{
	struct slice s = run_slice();

	report_eq(s.exit[0], SVM_EXIT_CPUID,
		  "%s: CPUID in L2 exits (15.9, code 72h)", when);
	report_eq(s.exit[1], SVM_EXIT_MSR,
		  "%s: RDMSR %#x in the MSR map exits (15.11, code 7Ch)", when,
		  L2_MSR);
	report_eq(s.msr_info1, 0, "%s: EXITINFO1 0 for RDMSR (15.11)", when);
	report_eq(s.exit[2], SVM_EXIT_VMMCALL,
		  "%s: VMRUN enters L2, which ends its slice with VMMCALL",
		  when);
	report_eq(s.count, slices_run * SLICE_ITERS,
		  "%s: L2's counter resumes where it left off (%lu slices)",
		  when, slices_run);
	report(tsc_in_slice(&s),
	       "%s: L2's TSC %#lx is L1's [%#lx, %#lx] + TSC_OFFSET %#llx "
	       "(table B-1)",
	       when, s.tsc, s.tsc_before, s.tsc_after, L2_TSC_OFFSET);
	report_eq(s.word, want_word(), "%s: L2 reads %s page (%s)", when,
		  use_npt ? "the NPT's target" : "its own",
		  use_npt ? "15.25" : "no NPT offered");
}

/* The checks of the SVM state L1 set up, on the destination. */
static void check_l1_state(u64 hsave_set)
{
	report(rdmsr(MSR_EFER) & EFER_SVME, "EFER.SVME still set (15.4)");
	report_eq(rdmsr(MSR_VM_HSAVE_PA), hsave_set,
		  "VM_HSAVE_PA kept (15.30.4)");
}

/*
 * Enables SVM and runs one slice; false (after a SKIP) where SVM cannot be
 * used. *EFER and *HSAVE get what end_case() restores, *HSAVE_SET the
 * VM_HSAVE_PA in use.
 */
static bool begin_case(u64 *efer, u64 *hsave, u64 *hsave_set)
{
	const char *why = svm_unavailable();

	if (why) {
		report_skip("%s", why);
		return false;
	}
	*efer = rdmsr(MSR_EFER);
	*hsave = rdmsr(MSR_VM_HSAVE_PA);
	svm_enable();
	*hsave_set = rdmsr(MSR_VM_HSAVE_PA);
	setup_vcpu();
	check_slice("before migration");
	return true;
}

static void end_case(u64 efer, u64 hsave)
{
	svm_stgi();
	wrmsr(MSR_VM_HSAVE_PA, hsave);
	wrmsr(MSR_EFER, efer);
}

/*
 * Migration between two VMRUNs: L2 is parked in the middle of its loop,
 * its state in the VMCB and its registers in L1's memory, while L1 runs
 * with EFER.SVME = 1, GIF = 1 and VM_HSAVE_PA set.
 */
TEST_CASE(nested_svm_between_vmruns)
{
	u64 efer, hsave, hsave_set;

	if (!begin_case(&efer, &hsave, &hsave_set))
		return;
	if (migrate_or_skip()) {
		check_l1_state(hsave_set);
		check_slice("after migration");
	}
	end_case(efer, hsave);
}

/*
 * Migration while L2 runs: L1 runs slice after slice while the runner
 * transfers the VM, so the source most likely stops inside L2 (guest
 * mode, L1's state in the host save area, 15.5.1) or between the CLGI
 * and STGI around a VMRUN (GIF = 0, 15.17); L2 and L1 then carry on on
 * the destination.
 */
TEST_CASE(nested_svm_l2_live)
{
	u64 efer, hsave, hsave_set;

	if (!begin_case(&efer, &hsave, &hsave_set))
		return;
	if (!migrate_point_busy(slice_busy, NULL)) {
		report_skip("not migrated: %s", migrate_reason());
	} else {
		check_l1_state(hsave_set);
		report_info("%u L2 slices ran during the migration",
			    slog.slices);
		report_eq(slog.bad_exit, 0,
			  "slices with a wrong exit during the migration "
			  "(first: %#lx)",
			  slog.first_bad_exit);
		report_eq(slog.bad_count, 0,
			  "slices whose L2 counter jumped (first: %lu, "
			  "expected %lu)",
			  slog.first_bad_count, slog.first_want_count);
		report_eq(slog.bad_tsc, 0,
			  "slices whose L2 TSC missed TSC_OFFSET");
		report_eq(slog.bad_word, 0,
			  "slices where L2 read the wrong page");
		check_slice("after migration");
	}
	end_case(efer, hsave);
}
