// SPDX-License-Identifier: GPL-2.0-only
/*
 * sprs: special purpose registers of a pseries guest (Power ISA v3.0B).
 * Book III 4.4.4 mtspr/mfspr: read/write round trips of the registers a
 * supervisor program owns (SPRG0-3 4.3.8, SRR0/SRR1 7.2.1, DAR 7.5.3,
 * DSISR 7.5.3, CTR and LR Book I 2.3, XER Book I 3.2.2), the width of a
 * 32-bit SPR (mtspr takes RS[32:63], mfspr zero-extends), SPRG3's
 * problem-state alias (SPR 259), privileged SPRs and instructions from
 * problem state (privileged instruction type program interrupt, 7.5.9),
 * undefined SPR numbers (4.4.4: no-op in supervisor state; 0, 4, 5, 6 and
 * unprivileged numbers raise the hypervisor emulation assistance
 * interrupt, which a PAPR hypervisor reflects as an illegal instruction
 * program interrupt), and SPR values kept across a decrementer interrupt
 * and H_CEDE (LoPAPR 1.1 14.11.3.1); FSCR gating problem-state access to
 * TAR and DSCR (4.3.5, 7.5.19); MSR[HV] out of reach of mtmsrd and rfid
 * (4.2.1, 4.4.1, 4.4.4).
 */
#include <libtest.h>
#include <powerpc/processor.h>
#include <powerpc/fault.h>
#include <powerpc/hcall.h>
#include <powerpc/usermode.h>

#define PATTERN 0x0123456789abcdecULL
#define SPR_TAR 815
#define SPR_VRSAVE 256
#define SPR_AMR 29 /* privileged number */
#define SPR_DSCR_USER 3
#define FSCR_DSCR BIT(2) /* bit 61, interruption cause 2 */
#define FSCR_TAR BIT(8) /* bit 55, interruption cause 8 */
#define FSCR_IC(fscr) ((fscr) >> 56)

/* Writes V to SPR, reads it back and restores the old value, in one asm. */
#define spr_round_trip(spr, v)                                  \
	({                                                      \
		u64 old_, got_;                                 \
		asm volatile("mfspr %0, %2\n\tmtspr %2, %3\n\t" \
			     "mfspr %1, %2\n\tmtspr %2, %0"     \
			     : "=&r"(old_), "=&r"(got_)         \
			     : "i"(spr), "r"((u64)(v))          \
			     : "memory");                       \
		got_;                                           \
	})

#define ROUND_TRIP_FN(fn, spr)                 \
	static u64 fn(u64 v)                   \
	{                                      \
		return spr_round_trip(spr, v); \
	}

ROUND_TRIP_FN(rt_sprg0, SPR_SPRG0)
ROUND_TRIP_FN(rt_sprg3, SPR_SPRG3)
ROUND_TRIP_FN(rt_srr0, SPR_SRR0)
ROUND_TRIP_FN(rt_srr1, SPR_SRR1)
ROUND_TRIP_FN(rt_dar, SPR_DAR)
ROUND_TRIP_FN(rt_dsisr, SPR_DSISR)
ROUND_TRIP_FN(rt_ctr, SPR_CTR)
ROUND_TRIP_FN(rt_lr, SPR_LR)
ROUND_TRIP_FN(rt_tar, SPR_TAR)
ROUND_TRIP_FN(rt_amr, SPR_AMR)
ROUND_TRIP_FN(rt_vrsave, SPR_VRSAVE)

static const struct spr_row {
	const char *name;
	u64 (*round_trip)(u64 v);
	u64 holds; /* the bits the register holds */
	u64 ignored; /* bits not compared */
	const char *rule;
} spr_rows[] = {
	{"SPRG0", rt_sprg0, ~0ULL, 0, "4.3.8: 64-bit"},
	{"SPRG3", rt_sprg3, ~0ULL, 0, "4.3.8: 64-bit"},
	/* rfid uses SRR0[0:61] (4.4.1): only those bits are compared. */
	{"SRR0", rt_srr0, ~0ULL, 3, "7.2.1: 64-bit, bits 0:61 compared"},
	{"SRR1", rt_srr1, ~0ULL, 0, "7.2.1: 64-bit"},
	{"DAR", rt_dar, ~0ULL, 0, "7.5.3: 64-bit"},
	{"DSISR", rt_dsisr, 0xffffffffULL, 0,
	 "4.4.4: 32-bit SPR, mtspr takes RS[32:63], mfspr zero-extends"},
	{"CTR", rt_ctr, ~0ULL, 0, "Book I 2.3.3: 64-bit"},
	{"LR", rt_lr, ~0ULL, 0, "Book I 2.3.2: 64-bit"},
	/* bctar ignores TAR[62:63] (Book I 2.4): only bits 0:61 compared. */
	{"TAR", rt_tar, ~0ULL, 3, "Book I 2.3.4: 64-bit, bits 0:61 compared"},
	/* AMR written and restored in one asm: real mode ignores it. */
	{"AMR", rt_amr, ~0ULL, 0, "Book III 5.7.13.1: 64-bit"},
	{"VRSAVE", rt_vrsave, 0xffffffffULL, 0,
	 "Book I 6.3.3: 32-bit SPR, mfspr zero-extends"},
};

TEST_VARIANTS(round_trip, spr_rows)
{
	const u64 values[] = {PATTERN, ~PATTERN};

	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		u64 v = values[i];

		report_eq(variant->round_trip(v) & ~variant->ignored,
			  v & variant->holds & ~variant->ignored,
			  "%s written %#llx (%s)", variant->name,
			  (unsigned long long)v, variant->rule);
	}
}

/*
 * XER (Book I 3.2.2; v3.0 adds OV32 and CA32): SO, OV, CA, OV32, CA32 and
 * the byte count (bits 57:63) keep what is written; reserved bits written
 * as 0 read as 0 (Book I 1.3.3).
 */
#define XER_SO BIT(31)
#define XER_OV BIT(30)
#define XER_CA BIT(29)
#define XER_OV32 BIT(19)
#define XER_CA32 BIT(18)
#define XER_COUNT 0x7fULL

TEST_CASE(xer_fields)
{
	bool v3 = PVR_VER(mfspr(SPR_PVR)) >= PVR_POWER9;
	u64 fields = XER_SO | XER_OV | XER_CA | XER_COUNT |
		     (v3 ? XER_OV32 | XER_CA32 : 0);
	const u64 values[] = {fields, XER_SO | XER_CA | 0x25, XER_OV | 0x5a, 0};

	for (size_t i = 0; i < ARRAY_SIZE(values); i++)
		report_eq(spr_round_trip(SPR_XER, values[i]), values[i],
			  "XER written %#llx reads back (ISA v3.0%s)",
			  (unsigned long long)values[i],
			  v3 ? ": OV32, CA32 defined" : "");
}

/* SPRG3 written through SPR 275 is what SPR 259 reads (4.3.8). */
TEST_CASE(sprg3_alias)
{
	u64 old = mfspr(SPR_SPRG3);

	mtspr(SPR_SPRG3, PATTERN);
	report_eq(mfspr(SPR_SPRG3_RO), PATTERN, "SPR 259 reads SPRG3");
	mtspr(SPR_SPRG3, old);
}

/* What a problem-state function saw, for the supervisor to report. */
struct user_probe {
	const char *what;
	struct fault expected;
	struct fault got;
};

#define PRIV FAULT_PROGRAM(SRR1_PROG_PRIV)
#define ILLEGAL FAULT_PROGRAM(SRR1_PROG_ILLEGAL)

static struct user_probe user_probes[] = {
	{.what = "mfmsr", .expected = PRIV},
	{.what = "mtmsrd L=1", .expected = PRIV},
	{.what = "mfspr SRR0 (26)", .expected = PRIV},
	{.what = "mtspr SPRG0 (272)", .expected = PRIV},
	{.what = "mfspr SPRG3 (275)", .expected = PRIV},
	{.what = "mfspr DEC (22)", .expected = PRIV},
	{.what = "mfspr PVR (287)", .expected = PRIV},
	{.what = "mtspr DSISR (18)", .expected = PRIV},
	{.what = "mfspr undefined privileged SPR 30", .expected = PRIV},
	{.what = "mfspr undefined SPR 2", .expected = ILLEGAL},
	{.what = "mtspr undefined SPR 2", .expected = ILLEGAL},
	{.what = "mfspr SPR 0", .expected = ILLEGAL},
	{.what = "mfspr LR (8)", .expected = FAULT_NONE},
	{.what = "mtspr CTR (9)", .expected = FAULT_NONE},
	{.what = "mfspr XER (1)", .expected = FAULT_NONE},
	{.what = "mfspr TB (268)", .expected = FAULT_NONE},
	{.what = "mfspr SPRG3 (259)", .expected = FAULT_NONE},
};

static u64 user_sprg3;

static u64 user_spr_probes(u64 unused)
{
	struct user_probe *p = user_probes;
	u64 v = 0;

	(p++)->got = fault_probe("mfmsr %0", : "=r"(v));
	(p++)->got = fault_probe("mtmsrd %0, 1", : : "r"(0ULL));
	(p++)->got = fault_probe("mfspr %0, 26", : "=r"(v));
	(p++)->got = fault_probe("mtspr 272, %0", : : "r"(v));
	(p++)->got = fault_probe("mfspr %0, 275", : "=r"(v));
	(p++)->got = fault_probe("mfspr %0, 22", : "=r"(v));
	(p++)->got = fault_probe("mfspr %0, 287", : "=r"(v));
	(p++)->got = fault_probe("mtspr 18, %0", : : "r"(v));
	(p++)->got = fault_probe("mfspr %0, 30", : "+r"(v));
	(p++)->got = fault_probe("mfspr %0, 2", : "+r"(v));
	(p++)->got = fault_probe("mtspr 2, %0", : : "r"(v));
	(p++)->got = fault_probe("mfspr %0, 0", : "+r"(v));
	(p++)->got = fault_probe("mfspr %0, 8", : "=r"(v));
	(p++)->got = fault_probe("mtspr 9, %0", : : "r"(v) : "ctr");
	(p++)->got = fault_probe("mfspr %0, 1", : "=r"(v));
	(p++)->got = fault_probe("mfspr %0, 268", : "=r"(v));
	(p++)->got = fault_probe("mfspr %0, 259", : "=r"(user_sprg3));
	assert(p == user_probes + ARRAY_SIZE(user_probes));
	return 1;
}

/*
 * From problem state: privileged SPRs and instructions raise a privileged
 * instruction type program interrupt (4.4.4, 7.5.9); undefined SPR
 * numbers raise one too when privileged (SPR bit 0x10), an illegal
 * instruction one when not or when 0, 4, 5, 6 (4.4.4, the hypervisor
 * emulation assistance interrupt as a PAPR partition sees it); the
 * problem-state SPRs raise nothing, and SPR 259 reads SPRG3.
 */
TEST_CASE(problem_state)
{
	u64 old = mfspr(SPR_SPRG3);
	const char *why;
	bool ok;
	u64 ret;

	mtspr(SPR_SPRG3, PATTERN);
	ret = ppc_user_call(user_spr_probes, 0, &ok, &why);
	mtspr(SPR_SPRG3, old);
	if (!ok)
		return report_skip("no problem state: %s", why);
	report_eq(ret, 1, "problem-state function returned");
	for (size_t i = 0; i < ARRAY_SIZE(user_probes); i++)
		report_fault(user_probes[i].got, user_probes[i].expected,
			     "problem state: %s", user_probes[i].what);
	report_eq(user_sprg3, PATTERN, "SPR 259 in problem state reads SPRG3");
}

/*
 * Undefined SPR numbers in supervisor state (4.4.4 with LPCR[EVIRT] = 0):
 * no-op (RT unchanged, nothing raised) except SPRs 0, 4, 5 and 6, which
 * raise the hypervisor emulation assistance interrupt (an illegal
 * instruction program interrupt in the partition).
 */
TEST_CASE(undefined_spr)
{
	u64 v = PATTERN;
	struct fault f;

	f = fault_probe("mfspr %0, 30", : "+r"(v));
	report_fault(f, FAULT_NONE, "mfspr SPR 30: no-op");
	report_eq(v, PATTERN, "mfspr SPR 30 leaves RT unchanged");
	f = fault_probe("mtspr 30, %0", : : "r"(v));
	report_fault(f, FAULT_NONE, "mtspr SPR 30: no-op");
	f = fault_probe("mfspr %0, 2", : "+r"(v));
	report_fault(f, FAULT_NONE, "mfspr SPR 2: no-op");
	report_eq(v, PATTERN, "mfspr SPR 2 leaves RT unchanged");
	f = fault_probe("mfspr %0, 0", : "+r"(v));
	report_fault(f, ILLEGAL, "mfspr SPR 0");
	f = fault_probe("mtspr 0, %0", : : "r"(v));
	report_fault(f, ILLEGAL, "mtspr SPR 0");
	f = fault_probe("mfspr %0, 4", : "+r"(v));
	report_fault(f, ILLEGAL, "mfspr SPR 4");
	f = fault_probe("mfspr %0, 5", : "+r"(v));
	report_fault(f, ILLEGAL, "mfspr SPR 5");
	f = fault_probe("mtspr 6, %0", : : "r"(v));
	report_fault(f, ILLEGAL, "mtspr SPR 6");
}

/*
 * A hypervisor SPR (HSRR0, 314) is out of a partition's reach (4.4.4):
 * whether mtspr/mfspr are no-ops or raise a privileged instruction
 * interrupt, what is written must not read back.
 */
TEST_CASE(hypervisor_spr)
{
	u64 v = 0;
	struct fault w, r;
	char buf[96];

	w = fault_probe("mtspr %1, %0", : : "r"(PATTERN), "i"(SPR_HSRR0));
	r = fault_probe("mfspr %0, %1", : "+r"(v) : "i"(SPR_HSRR0));
	report(!w.raised || fault_equal(w, PRIV),
	       "mtspr HSRR0: no-op or privileged (%s)",
	       fault_str(w, buf, sizeof(buf)));
	report(!r.raised || fault_equal(r, PRIV),
	       "mfspr HSRR0: no-op or privileged (%s)",
	       fault_str(r, buf, sizeof(buf)));
	report(v != PATTERN,
	       "HSRR0 written from supervisor does not read back");
}

/* Lets a decrementer interrupt through once: DEC back to far ahead. */
static unsigned int dec_hits;

static void dec_handler(struct pt_regs *regs)
{
	dec_hits++;
	mtspr(SPR_DEC, 0x7fffffffULL);
}

/*
 * Supervisor SPRs keep their values across a decrementer interrupt taken
 * after H_CEDE (LoPAPR 1.1 14.11.3.1: the processor waits with MSR[EE]
 * set until an interrupt is pending); the hypervisor's own use of the
 * processor must not show through.
 */
TEST_CASE(preserved_across_cede)
{
	exception_handler_t old = ppc_set_handler(VEC_DECREMENTER, dec_handler);
	u64 saved[3] = {mfspr(SPR_SPRG0), mfspr(SPR_SPRG3), mfspr(SPR_DAR)};
	u64 msr = mfmsr();
	u64 got[3];
	long rc;

	dec_hits = 0;
	mtspr(SPR_SPRG0, PATTERN);
	mtspr(SPR_SPRG3, ~PATTERN);
	mtspr(SPR_DAR, PATTERN ^ 0xff00);
	mtspr(SPR_DEC, 512000ULL);
	rc = hcall(H_CEDE, 0, 0, 0, 0);
	mtmsrd(msr | MSR_EE);
	for (int i = 0; i < 1000000 && !dec_hits; i++)
		cpu_relax();
	mtmsrd(msr);
	got[0] = mfspr(SPR_SPRG0);
	got[1] = mfspr(SPR_SPRG3);
	got[2] = mfspr(SPR_DAR);
	mtspr(SPR_SPRG0, saved[0]);
	mtspr(SPR_SPRG3, saved[1]);
	mtspr(SPR_DAR, saved[2]);
	ppc_set_handler(VEC_DECREMENTER, old);
	report_eq(rc, H_SUCCESS, "H_CEDE returns H_SUCCESS");
	report_eq(dec_hits, 1, "one decrementer interrupt");
	report_eq(got[0], PATTERN, "SPRG0 kept");
	report_eq(got[1], ~PATTERN, "SPRG3 kept");
	report_eq(got[2], PATTERN ^ 0xff00, "DAR kept");
}

static struct fault fscr_fault;

static u64 user_tar(u64 unused)
{
	u64 v;

	fscr_fault = fault_probe("mfspr %0, 815", : "=r"(v));
	return 0;
}

static u64 user_dscr(u64 unused)
{
	u64 v;

	fscr_fault = fault_probe("mfspr %0, 3", : "=r"(v));
	return 0;
}

static u64 saved_fscr;

static bool fscr_enter(void)
{
	if (PVR_VER(mfspr(SPR_PVR)) < PVR_POWER8E) {
		report_skip("FSCR is ISA 2.07 (POWER8 and later)");
		return false;
	}
	saved_fscr = mfspr(SPR_FSCR);
	return true;
}

static void fscr_leave(void)
{
	mtspr(SPR_FSCR, saved_fscr);
}

TEST_FIXTURE(fscr_saved, fscr_enter, fscr_leave);

static const struct fscr_row {
	const char *name;
	u64 enable;
	unsigned int cause;
	user_fn_t probe;
} fscr_rows[] = {
	{"TAR", FSCR_TAR, 8, user_tar},
	{"DSCR", FSCR_DSCR, 2, user_dscr},
};

/*
 * FSCR (Book III 4.3.5) gates problem-state access to a facility: with
 * its bit 0, mfspr raises a facility unavailable interrupt (7.5.19) with
 * FSCR[IC] naming the facility; with it 1, nothing.
 */
TEST_VARIANTS(fscr_gates, fscr_rows, .fixture = &fscr_saved)
{
	const char *why;
	bool ok;

	mtspr(SPR_FSCR, saved_fscr & ~variant->enable);
	ppc_user_call(variant->probe, 0, &ok, &why);
	if (!ok)
		return report_skip("no problem state: %s", why);
	report_fault(fscr_fault, FAULT_VECTOR(VEC_FAC_UNAVAIL),
		     "problem-state mfspr %s with FSCR[%s] = 0", variant->name,
		     variant->name);
	report_eq(FSCR_IC(mfspr(SPR_FSCR)), variant->cause,
		  "FSCR[IC] = %u (%s)", variant->cause, variant->name);
	mtspr(SPR_FSCR, saved_fscr | variant->enable);
	ppc_user_call(variant->probe, 0, &ok, &why);
	report_fault(fscr_fault, FAULT_NONE, "with FSCR[%s] = 1: no interrupt",
		     variant->name);
}

/*
 * MSR[HV] (4.2.1) cannot be set from a partition: mtmsrd (4.4.4) leaves
 * it, and rfid (4.4.1) does not take it from SRR1 outside hypervisor
 * state.
 */
TEST_CASE(msr_hv_kept)
{
	u64 msr = mfmsr(), after_mtmsrd, after_rfid;

	asm volatile("mtmsrd %1\n\tisync\n\tmfmsr %0"
		     : "=r"(after_mtmsrd)
		     : "r"(msr | MSR_HV)
		     : "memory");
	asm volatile("lis %0, 1f@ha\n\taddi %0, %0, 1f@l\n\t"
		     "mtsrr0 %0\n\tmtsrr1 %1\n\trfid\n"
		     "1:\tmfmsr %0"
		     : "=&b"(after_rfid)
		     : "r"(msr | MSR_HV)
		     : "memory");
	mtmsrd(msr);
	report_eq(after_mtmsrd & MSR_HV, 0, "mtmsrd with HV set: MSR[HV] = 0");
	report_eq(after_rfid & MSR_HV, 0,
		  "rfid with SRR1[HV] set: MSR[HV] = 0");
	report_eq(after_rfid & ~MSR_HV, msr & ~MSR_HV,
		  "rfid restores the other MSR bits from SRR1");
}
