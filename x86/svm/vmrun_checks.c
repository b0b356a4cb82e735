// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmrun_checks.c: VMRUN's consistency checks (AMD APM vol. 2 15.5.1
 * "Canonicalization and Consistency Checks", and 15.20 for illegal event
 * injection). Each row makes one guest-state condition illegal, which
 * must end VMRUN with VMEXIT_INVALID (exit code -1) before L2 runs, and
 * sets a legal value at the boundary of the same rule, with which L2 must
 * run to its end. VMEXIT_INVALID is -1 in the 64-bit EXITCODE (appendix
 * C table C-1): its two halves are checked apart, so a VMM that writes
 * only 32 bits still shows which checks it makes.
 */
#include "svmtest.h"

SVM_ENV;

#define CR0_NW BIT(29)
#define CR0_CD BIT(30)

#define CTRL(f) (offsetof(struct vmcb, control.f))
#define SAVE(f) (offsetof(struct vmcb, save.f))

static const struct check_row {
	const char *name;
	size_t off; /* of the field in struct vmcb */
	u8 size; /* 2, 4 or 8 bytes */
	u64 bad_set, bad_clear; /* the illegal value: (v | set) & ~clear */
	u64 ok_set, ok_clear; /* the legal boundary value */
	bool bad_at_maxphy; /* illegal value: the last page below MAXPHYADDR */
} rows[] = {
#define ROW(n, f, sz, bs, bc, os, oc, ...)                                 \
	{                                                                  \
		.name = n, .off = f, .size = sz, .bad_set = bs,            \
		.bad_clear = bc, .ok_set = os, .ok_clear = oc, __VA_ARGS__ \
	}
	ROW("efer_svme_clear", SAVE(efer), 8, 0, EFER_SVME, EFER_SCE, 0),
	ROW("cr0_nw_without_cd", SAVE(cr0), 8, CR0_NW, CR0_CD, CR0_CD | CR0_NW,
	    0),
	ROW("cr0_bit32", SAVE(cr0), 8, BIT(32), 0, X86_CR0_AM, 0),
	ROW("cr0_bit63", SAVE(cr0), 8, BIT(63), 0, X86_CR0_AM, 0),
	ROW("cr3_bit52", SAVE(cr3), 8, BIT(52), 0, BIT(3) | BIT(4), 0),
	ROW("cr3_bit63", SAVE(cr3), 8, BIT(63), 0, BIT(3) | BIT(4), 0),
	ROW("cr4_bit32", SAVE(cr4), 8, BIT(32), 0, X86_CR4_DE, 0),
	ROW("cr4_bit63", SAVE(cr4), 8, BIT(63), 0, X86_CR4_DE, 0),
	ROW("dr6_bit32", SAVE(dr6), 8, BIT(32), 0, 0xffffffff, 0),
	ROW("dr7_bit32", SAVE(dr7), 8, BIT(32), 0, 0xffff0000, 0),
	ROW("efer_bit63", SAVE(efer), 8, BIT(63), 0, EFER_SCE, 0),
	ROW("lme_pg_without_pae", SAVE(cr4), 8, 0, X86_CR4_PAE, 0, 0),
	ROW("lme_pg_without_pe", SAVE(cr0), 8, 0, X86_CR0_PE, 0, 0),
	/* Packed attributes: bit 9 is L, bit 10 is D/B. */
	ROW("cs_l_and_d", SAVE(cs.attr), 2, BIT(10), 0, 0, BIT(10)),
	ROW("vmrun_intercept_clear", CTRL(intercept_misc2), 4, 0,
	    INTERCEPT_VMRUN, 0, 0),
	ROW("asid_zero", CTRL(asid), 4, 0, ~0ULL, 0, 0),
	/* 15.20: TYPE 1 is reserved; TYPE 3 (exception) with vector 2. */
	ROW("eventinj_type1", CTRL(event_inj), 8,
	    EVT_VALID | (1ULL << EVT_TYPE_SHIFT) | UD_VECTOR, 0,
	    EVT_VALID | EVT_TYPE_EXCEPTION | UD_VECTOR, 0),
	ROW("eventinj_exception_vector2", CTRL(event_inj), 8,
	    EVT_VALID | EVT_TYPE_EXCEPTION | NMI_VECTOR, 0,
	    EVT_VALID | EVT_TYPE_EXCEPTION | UD_VECTOR, 0),
	ROW("msrpm_beyond_maxphyaddr", CTRL(msrpm_base_pa), 8, 0, ~0ULL, 0, 0,
	    .bad_at_maxphy = true),
	ROW("iopm_beyond_maxphyaddr", CTRL(iopm_base_pa), 8, 0, ~0ULL, 0, 0,
	    .bad_at_maxphy = true),
#undef ROW
};

static void edit(size_t off, u8 size, u64 set, u64 clear)
{
	u8 *p = (u8 *)vcpu.vmcb + off;
	u64 v = 0;

	memcpy(&v, p, size);
	v = (v | set) & ~clear;
	memcpy(p, &v, size);
}

/*
 * Every exception and shutdown exit, so a VMM that runs bad state fails;
 * L2's own IDT takes the legal injected events (15.20: an injected event
 * is not checked against the intercepts).
 */
static void reset_vcpu(void)
{
	struct vmcb_control *c = &vcpu.vmcb->control;

	svm_vcpu_reset(&vcpu, svm_l2_nop, NULL);
	svm_l2_idt(&vcpu);
	c->intercept_exceptions = ~0U;
	c->intercept_misc1 |=
		INTERCEPT_SHUTDOWN | INTERCEPT_MSR_PROT | INTERCEPT_IOIO_PROT;
}

TEST_VARIANTS(consistency, rows, .fixture = &svm_env)
{
	struct svm_exit e;

	reset_vcpu();
	edit(variant->off, variant->size, variant->bad_set, variant->bad_clear);
	if (variant->bad_at_maxphy)
		edit(variant->off, 8, (1ULL << cpu_phys_bits()) - PAGE_SIZE, 0);
	e = svm_run(&vcpu);
	report_eq((u32)e.code, (u32)SVM_EXIT_INVALID,
		  "illegal %s: VMEXIT_INVALID", variant->name);
	report_eq(e.code >> 32, 0xffffffff,
		  "EXITCODE[63:32] of VMEXIT_INVALID (-1) all ones");

	reset_vcpu();
	edit(variant->off, variant->size, variant->ok_set, variant->ok_clear);
	check_runs_to_end("legal boundary value");
}
