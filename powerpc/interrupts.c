// SPDX-License-Identifier: GPL-2.0-only
/*
 * interrupts: interrupt delivery to a pseries guest (Power ISA v3.0B Book
 * III chapter 7). Program interrupts and their SRR1 reason bits (7.5.9:
 * illegal instruction, trap taken and not taken, privileged instruction,
 * a hypervisor-privileged instruction from supervisor state), with SRR1
 * holding the interrupted MSR (7.2.1, 7.5) and 0 in its other interrupt
 * bits; alignment (7.5.8: load and reserve not aligned, DAR = EA);
 * floating-point, vector and VSX unavailable (7.5.10, 7.5.17, 7.5.18);
 * facility unavailable for scv with FSCR[SCV] = 0 (7.5.19, FSCR[IC] 12);
 * the decrementer (7.5.11 and 6.5: an exception when DEC[0] goes from 0
 * to 1, held while MSR[EE] = 0, taken once it is set, SRR0 = the next
 * instruction, 7.5.11 and 4.4.4 mtmsrd); single-step trace (4.2.1 SE,
 * 7.5.15: after the first instruction, SRR0 the next); system call from
 * supervisor and problem state (7.5.14: SRR0 after the sc, SRR1 33:36 and
 * 42:47 zero).
 */
#include <libtest.h>
#include <powerpc/processor.h>
#include <powerpc/fault.h>
#include <powerpc/usermode.h>

/* SRR1 bits 33:36 and 42:47 are the interrupt's own; the rest is MSR. */
#define SRR1_INT_BITS (GENMASK(30, 27) | GENMASK(21, 16))
/* The MSR bits an interrupt saves in SRR1 (7.5: 0:32, 37:41, 48:63). */
#define SRR1_MSR_BITS (~SRR1_INT_BITS & ~GENMASK(26, 22))

/*
 * VEC with SRR1 33:36 and 42:47 zero, as alignment (7.5.8), the
 * unavailable interrupts (7.5.10, 7.5.17-7.5.19) and system call set them.
 */
#define FAULT_PLAIN(vec)                 \
	((struct fault){.raised = true,  \
			.vector = (vec), \
			.srr1 = 0,       \
			.srr1_mask = SRR1_INT_BITS})

/* A program interrupt with exactly REASON among SRR1's interrupt bits. */
#define FAULT_PROGRAM_ONLY(reason)             \
	((struct fault){.raised = true,        \
			.vector = VEC_PROGRAM, \
			.srr1 = (reason),      \
			.srr1_mask = SRR1_INT_BITS})

static u64 saved_msr;

static bool msr_saved_enter(void)
{
	saved_msr = mfmsr();
	return true;
}

static void msr_saved_leave(void)
{
	mtmsrd(saved_msr);
}

TEST_FIXTURE(msr_saved, msr_saved_enter, msr_saved_leave);

/* 7.5.9: the reason bits, and SRR1 keeps the MSR of the interrupted code. */
TEST_CASE(program_reasons)
{
	u64 a = 5, b = 5, c = 6;
	struct fault f;

	f = fault_probe(".long 0");
	report_fault(f, FAULT_PROGRAM_ONLY(SRR1_PROG_ILLEGAL),
		     "primary opcode 0: illegal instruction only");
	report_eq(f.srr1 & SRR1_MSR_BITS, mfmsr() & SRR1_MSR_BITS,
		  "SRR1 holds the interrupted MSR");
	f = fault_probe("tw 4, %0, %1", : : "r"(a), "r"(b));
	report_fault(f, FAULT_PROGRAM_ONLY(SRR1_PROG_TRAP),
		     "tw EQ with equal operands: trap");
	f = fault_probe("tw 4, %0, %1", : : "r"(a), "r"(c));
	report_fault(f, FAULT_NONE, "tw EQ with different operands: none");
	f = fault_probe("td 8, %0, %1", : : "r"(c), "r"(a));
	report_fault(f, FAULT_PROGRAM_ONLY(SRR1_PROG_TRAP),
		     "td GT (6 > 5): trap");
	f = fault_probe("td 16, %0, %1", : : "r"(c), "r"(a));
	report_fault(f, FAULT_NONE, "td LT (6 < 5): none");
	f = fault_probe("twi 1, %0, -1", : : "r"(1ULL));
	report_fault(f, FAULT_NONE, "twi LGT (1 >u 0xffffffff false): none");
	f = fault_probe("twi 2, %0, -1", : : "r"(1ULL));
	report_fault(f, FAULT_PROGRAM_ONLY(SRR1_PROG_TRAP),
		     "twi LLT (1 <u 0xffffffff): trap");
	f = fault_probe("tdi 2, %0, 2", : : "r"(1ULL));
	report_fault(f, FAULT_PROGRAM_ONLY(SRR1_PROG_TRAP),
		     "tdi LLT (1 <u 2): trap");
	f = fault_probe("hrfid");
	report_fault(f, FAULT_PROGRAM_ONLY(SRR1_PROG_PRIV),
		     "hrfid in supervisor state: privileged instruction");
}

static struct fault user_faults[3];

static u64 user_interrupts(u64 unused)
{
	user_faults[0] = fault_probe("mtmsrd %0, 1", : : "r"(0ULL));
	user_faults[1] = fault_probe("sc");
	user_faults[2] = fault_probe("trap");
	return 0;
}

/* From problem state: SRR1[PR] = 1 with the reason (7.5.9, 7.5.14). */
TEST_CASE(problem_state)
{
	const char *why;
	bool ok;

	ppc_user_call(user_interrupts, 0, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	report_fault(user_faults[0], FAULT_PROGRAM_ONLY(SRR1_PROG_PRIV),
		     "mtmsrd in problem state: privileged instruction");
	report_eq(user_faults[0].srr1 & (MSR_PR | MSR_IR | MSR_DR | MSR_EE),
		  MSR_PR | MSR_IR | MSR_DR | MSR_EE,
		  "SRR1[PR, IR, DR, EE] = 1 (4.2.1: PR sets IR, DR, EE)");
	report_fault(user_faults[1],
		     ((struct fault){.raised = true,
				     .vector = VEC_SYSCALL,
				     .srr1 = 0,
				     .srr1_mask = SRR1_INT_BITS}),
		     "sc in problem state: system call, SRR1 33:36, 42:47 = 0");
	report(user_faults[1].srr1 & MSR_PR, "system call SRR1[PR] = 1");
	report_fault(user_faults[2], FAULT_PROGRAM_ONLY(SRR1_PROG_TRAP),
		     "trap in problem state");
}

/* 7.5.14: sc from supervisor state. */
TEST_CASE(system_call)
{
	struct fault f = fault_probe("sc");

	report_fault(f,
		     ((struct fault){.raised = true,
				     .vector = VEC_SYSCALL,
				     .srr1 = 0,
				     .srr1_mask = SRR1_INT_BITS}),
		     "sc: system call, SRR0 after it, SRR1 33:36, 42:47 = 0");
	report(!(f.srr1 & MSR_PR), "SRR1[PR] = 0");
}

/* 7.5.8: lwarx, ldarx and stwcx. need naturally aligned operands. */
TEST_CASE(alignment)
{
	static u64 buf[4] __attribute__((aligned(16)));
	u64 ea = (u64)buf + 2, v = 0;
	struct fault f;

	f = fault_probe("lwarx %0, 0, %1", : "=r"(v) : "r"(ea) : "memory");
	report_fault(f,
		     ((struct fault){.raised = true,
				     .vector = VEC_ALIGNMENT,
				     .srr1_mask = SRR1_INT_BITS,
				     .dar_valid = true,
				     .dar = ea}),
		     "lwarx at +2: alignment, DAR = EA");
	f = fault_probe("ldarx %0, 0, %1", : "=r"(v) : "r"(ea + 2) : "memory");
	report_fault(f,
		     ((struct fault){.raised = true,
				     .vector = VEC_ALIGNMENT,
				     .srr1_mask = SRR1_INT_BITS,
				     .dar_valid = true,
				     .dar = ea + 2}),
		     "ldarx at +4: alignment, DAR = EA");
	f = fault_probe("stwcx. %0, 0, %1",
			:
			: "r"(v), "r"(ea)
			: "memory", "cr0");
	report_fault(f,
		     ((struct fault){.raised = true,
				     .vector = VEC_ALIGNMENT,
				     .srr1_mask = SRR1_INT_BITS,
				     .dar_valid = true,
				     .dar = ea}),
		     "stwcx. at +2: alignment, DAR = EA");
	f = fault_probe("lwarx %0, 0, %1", : "=r"(v) : "r"(buf) : "memory");
	report_fault(f, FAULT_NONE, "lwarx aligned: none");
}

/*
 * 7.5.10, 7.5.17, 7.5.18: with MSR[FP], MSR[VEC] or MSR[VSX] = 0 the
 * instructions of the facility raise its unavailable interrupt; with the
 * bit set, nothing.
 */
TEST_CASE(facility_unavailable_msr, .fixture = &msr_saved)
{
	static u64 slot[2] __attribute__((aligned(16)));
	u64 msr = mfmsr() & ~(MSR_FP | MSR_VEC | MSR_VSX);
	struct fault f;

	mtmsrd(msr);
	f = fault_probe("lfd 0, 0(%0)", : : "b"(slot) : "memory");
	report_fault(f, FAULT_PLAIN(VEC_FP_UNAVAIL), "lfd with MSR[FP] = 0");
	f = fault_probe(".long 0x10000000"); /* vaddubm v0, v0, v0 */
	report_fault(f, FAULT_PLAIN(VEC_VMX_UNAVAIL),
		     "vaddubm with MSR[VEC] = 0");
	f = fault_probe(".long 0xf0000490"); /* xxlor vs0, vs0, vs0 */
	report_fault(f, FAULT_PLAIN(VEC_VSX_UNAVAIL),
		     "xxlor with MSR[VSX] = 0");
	mtmsrd(msr | MSR_FP | MSR_VEC | MSR_VSX);
	f = fault_probe("lfd 0, 0(%0)", : : "b"(slot) : "memory");
	report_fault(f, FAULT_NONE, "lfd with MSR[FP] = 1");
	f = fault_probe(".long 0x10000000");
	report_fault(f, FAULT_NONE, "vaddubm with MSR[VEC] = 1");
	f = fault_probe(".long 0xf0000490");
	report_fault(f, FAULT_NONE, "xxlor with MSR[VSX] = 1");
}

#define FSCR_SCV BIT(12) /* bit 51 */
#define FSCR_IC(fscr) ((fscr) >> 56)
#define FSCR_IC_SCV 12

static u64 saved_fscr;

static bool fscr_saved_enter(void)
{
	if (PVR_VER(mfspr(SPR_PVR)) < PVR_POWER9) {
		report_skip("scv is ISA v3.0 (POWER9 and later); PVR %#llx",
			    (unsigned long long)mfspr(SPR_PVR));
		return false;
	}
	saved_fscr = mfspr(SPR_FSCR);
	return true;
}

static void fscr_saved_leave(void)
{
	mtspr(SPR_FSCR, saved_fscr);
}

TEST_FIXTURE(fscr_saved, fscr_saved_enter, fscr_saved_leave);

/* 7.5.19 and 4.3.5 (FSCR): scv with FSCR[SCV] = 0, FSCR[IC] = 12. */
TEST_CASE(scv_disabled, .fixture = &fscr_saved)
{
	struct fault f;

	mtspr(SPR_FSCR, saved_fscr & ~FSCR_SCV);
	f = fault_probe(".long 0x44000001"); /* scv 0 */
	report_fault(f, FAULT_PLAIN(VEC_FAC_UNAVAIL),
		     "scv with FSCR[SCV] = 0: facility unavailable");
	report_eq(FSCR_IC(mfspr(SPR_FSCR)), FSCR_IC_SCV, "FSCR[IC] names scv");
}

static unsigned int dec_hits;
static u64 dec_srr0, dec_srr1;

static void dec_handler(struct pt_regs *regs)
{
	dec_hits++;
	dec_srr0 = regs->nip;
	dec_srr1 = regs->msr;
	mtspr(SPR_DEC, 0x7fffffffULL);
}

static exception_handler_t old_dec;

/*
 * DEC is let run 10 ms past zero before MSR[EE] is set: the subject here
 * is EE gating and SRR0, not how soon a hypervisor notices the underflow
 * (QEMU's timer can trail a DEC that already reads negative); dec_oneshot
 * in the timebase test bounds that.
 */
#define DEC_SETTLE 5120000

static bool dec_enter(void)
{
	saved_msr = mfmsr();
	mtspr(SPR_DEC, 0x7fffffffULL);
	dec_hits = 0;
	old_dec = ppc_set_handler(VEC_DECREMENTER, dec_handler);
	return true;
}

static void dec_leave(void)
{
	mtmsrd(saved_msr);
	mtspr(SPR_DEC, 0x7fffffffULL);
	ppc_set_handler(VEC_DECREMENTER, old_dec);
}

TEST_FIXTURE(dec_armed, dec_enter, dec_leave);

/*
 * 6.5 and 7.5.11: DEC going negative with MSR[EE] = 0 makes an exception
 * that waits; setting MSR[EE] takes it at once, with SRR1[EE] = 1 and the
 * interrupt bits of SRR1 zero. A positive DEC raises nothing.
 */
TEST_CASE(decrementer_ee, .fixture = &dec_armed)
{
	u64 msr = mfmsr() & ~MSR_EE;
	u64 t0, next;
	bool neg = false;

	mtmsrd(msr);
	mtspr(SPR_DEC, 1000);
	t0 = mftb();
	while (!neg && mftb() - t0 < 512000000ULL)
		neg = (s32)mfspr(SPR_DEC) < -DEC_SETTLE;
	report(neg, "DEC went negative (and on for 10 ms)");
	report_eq(dec_hits, 0, "no interrupt while MSR[EE] = 0");
	/* Taken right after the mtmsrd that sets EE: SRR0 is the next one. */
	asm volatile("lis %0, 1f@ha\n\taddi %0, %0, 1f@l\n\t"
		     "mtmsrd %1\n1:\tnop"
		     : "=&b"(next)
		     : "r"(msr | MSR_EE)
		     : "memory");
	mtmsrd(msr);
	report_eq(dec_hits, 1, "taken once MSR[EE] = 1");
	report_eq(dec_srr0, next, "SRR0 = the instruction after the mtmsrd");
	report_eq(dec_srr1 & (SRR1_INT_BITS | MSR_EE), MSR_EE,
		  "SRR1[EE] = 1, interrupt bits 0");
	dec_hits = 0;
	mtspr(SPR_DEC, 0x7fffffffULL);
	mtmsrd(msr | MSR_EE);
	t0 = mftb();
	while (mftb() - t0 < 5120000ULL)
		cpu_relax();
	mtmsrd(msr);
	report_eq(dec_hits, 0, "positive DEC: no interrupt in 10 ms");
}

static volatile unsigned int trace_hits;
static volatile u64 trace_srr0;

static void trace_handler(struct pt_regs *regs)
{
	trace_hits++;
	trace_srr0 = regs->nip;
	regs->msr &= ~MSR_SE;
}

/*
 * 4.2.1 (MSR[SE]) and 7.5.15: with single-step on, the first instruction
 * that completes after the mtmsrd setting it raises a trace interrupt,
 * SRR0 = the next instruction; the handler turns SE off in SRR1.
 */
TEST_CASE(single_step, .fixture = &msr_saved)
{
	exception_handler_t old = ppc_set_handler(VEC_TRACE, trace_handler);
	u64 counter = 0, after_addi;

	trace_hits = 0;
	asm volatile("lis %1, 2f@ha\n\taddi %1, %1, 2f@l\n\t"
		     "mtmsrd %2\n\t"
		     "addi %0, %0, 1\n"
		     "2:\tnop"
		     : "+r"(counter), "=&b"(after_addi)
		     : "r"(mfmsr() | MSR_SE)
		     : "memory");
	ppc_set_handler(VEC_TRACE, old);
	report_eq(trace_hits, 1, "one trace interrupt");
	report_eq(trace_srr0, after_addi,
		  "SRR0 = the instruction after the first one stepped");
	report_eq(counter, 1, "the stepped instruction ran once");
	report_eq(mfmsr() & MSR_SE, 0, "single-step off again");
}
