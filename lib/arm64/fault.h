/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault.h: run one instruction and learn which synchronous exception it
 * raised, if any, without crashing the test. fault_probe(INSN, OPERANDS)
 * takes the instruction text and the operand part of an inline asm
 * statement (starting with ':'); the instruction's address is registered
 * as a fault site. An exception taken there is recorded (ESR_EL1, and
 * FAR_EL1 where the architecture defines it) and execution resumes after
 * the instruction. An instruction abort taken at the target of a BLR/BR
 * at a fault site, with LR pointing after the site, is recorded too and
 * resumes at LR: that is how a test checks execute permissions.
 *
 *	struct fault f = fault_probe("ldr %0, [%1]", : "=r"(v) : "r"(p));
 *	report_fault(f, FAULT_DABT(FSC_TRANS(3), false, (u64)p), "unmapped");
 *
 * ESR_EL1 and FAR_EL1: Arm ARM D13.2.37 and D13.2.40 (EC values are in
 * exceptions.h). An expected fault names the ESR bits it cares about
 * (esr_mask) and whether FAR must match.
 */
#ifndef HV_ARM64_FAULT_H
#define HV_ARM64_FAULT_H

#include <types.h>
#include <fault_site.h>
#include <arm64/exceptions.h>

struct fault {
	bool raised;
	bool far_valid; /* actual: FAR is defined; expected: FAR must match */
	u32 esr;
	u32 esr_mask; /* expected: the ESR bits compared */
	u64 far;
};

#define FAULT_NONE ((struct fault){.raised = false})
#define FAULT_ESR(esr_, mask_) \
	((struct fault){.raised = true, .esr = (esr_), .esr_mask = (mask_)})
#define FAULT_EC(ec) FAULT_ESR((u32)(ec) << ESR_EC_SHIFT, ESR_EC_MASK)
/* An UNDEFINED instruction (EC 0x00, "Unknown reason"). */
#define FAULT_UNDEF FAULT_EC(EC_UNKNOWN)
/* Data abort taken at EL1: fault status code, write-not-read, address. */
#define FAULT_DABT(fsc, wnr, far_)                                            \
	((struct fault){.raised = true,                                       \
			.far_valid = true,                                    \
			.esr = ((u32)EC_DABT_CUR << ESR_EC_SHIFT) | (fsc) |   \
			       ((wnr) ? ESR_ISS_WNR : 0),                     \
			.esr_mask =                                           \
				ESR_EC_MASK | ESR_ISS_WNR | ESR_ISS_FSC_MASK, \
			.far = (far_)})
/* Instruction abort taken at EL1. */
#define FAULT_IABT(fsc, far_)                                              \
	((struct fault){.raised = true,                                    \
			.far_valid = true,                                 \
			.esr = ((u32)EC_IABT_CUR << ESR_EC_SHIFT) | (fsc), \
			.esr_mask = ESR_EC_MASK | ESR_ISS_FSC_MASK,        \
			.far = (far_)})

/* True when ACTUAL matches what EXPECTED asks for. */
bool fault_equal(struct fault actual, struct fault expected);
/* "EC 0x25 (data abort) ESR 0x96000007 FAR 0x1000", "no exception". */
const char *fault_str(struct fault f, char *buf, size_t size);

#endif
