/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault.h: run one instruction and learn which program interruption it
 * raised, if any, without crashing the test. fault_probe(INSN, OPERANDS)
 * takes the instruction text and the operand part of an inline asm
 * statement (starting with ':'); the instruction's address is registered
 * as a fault site (fault_site.h). A program interruption whose old PSW
 * points at the site (nullification) or just after it (suppression,
 * termination, completion) is recorded: interruption code, instruction
 * length and, for the codes that store one, the translation-exception
 * identification; execution resumes after the instruction.
 *
 *	struct fault f = fault_probe(".word 0", );
 *	report_fault(f, FAULT_PGM(PGM_OPERATION, 2), "opcode 00");
 *
 * SA22-7832 chapter 6, "Program-Interruption Conditions" (codes, ILC) and
 * "Exception-Recognition Order"; the interruption code and ILC are at real
 * locations 0x8c-0x8f, the TEID at 0xa8.
 */
#ifndef HV_S390X_FAULT_H
#define HV_S390X_FAULT_H

#include <types.h>
#include <fault_site.h>
#include <s390x/exceptions.h>

/* Program-interruption codes. */
#define PGM_OPERATION 0x0001
#define PGM_PRIVILEGED_OP 0x0002
#define PGM_EXECUTE 0x0003
#define PGM_PROTECTION 0x0004
#define PGM_ADDRESSING 0x0005
#define PGM_SPECIFICATION 0x0006
#define PGM_DATA 0x0007
#define PGM_SEGMENT_TRANS 0x0010
#define PGM_PAGE_TRANS 0x0011
#define PGM_TRANS_SPEC 0x0012
#define PGM_SPECIAL_OP 0x0013
#define PGM_OPERAND 0x0015
#define PGM_ASCE_TYPE 0x0038
#define PGM_REGION_FIRST_TRANS 0x0039
#define PGM_REGION_SECOND_TRANS 0x003a
#define PGM_REGION_THIRD_TRANS 0x003b
/*
 * The exception proper: the code without the flags for a concurrent PER
 * event (0x80) and a transaction abort (0x200).
 */
#define PGM_CODE_MASK 0xfd7f

/* Where the old PSW points (struct fault.psw_at). */
#define FAULT_PSW_ANY 0 /* expected: either */
#define FAULT_PSW_AT 1 /* at the instruction: nullified */
#define FAULT_PSW_AFTER 2 /* after it: suppressed, terminated, completed */

struct fault {
	bool raised;
	u16 code; /* program-interruption code */
	u8 ilc; /* instruction length in bytes; expected: 0 = any */
	u8 psw_at; /* FAULT_PSW_*; expected: FAULT_PSW_ANY = either */
	bool teid_valid; /* actual: stored; expected: must match */
	u64 teid;
};

#define FAULT_NONE ((struct fault){.raised = false})
/* Program interruption CODE on an instruction of ILC bytes (0: any). */
#define FAULT_PGM(code_, ilc_) \
	((struct fault){.raised = true, .code = (code_), .ilc = (ilc_)})
/* The same, the operation nullified: the old PSW names the instruction. */
#define FAULT_PGM_NULLIFIED(code_, ilc_) \
	((struct fault){.raised = true,  \
			.code = (code_), \
			.ilc = (ilc_),   \
			.psw_at = FAULT_PSW_AT})
/* The same, suppressed (or terminated): the old PSW is past it. */
#define FAULT_PGM_SUPPRESSED(code_, ilc_) \
	((struct fault){.raised = true,   \
			.code = (code_),  \
			.ilc = (ilc_),    \
			.psw_at = FAULT_PSW_AFTER})

/* True when ACTUAL matches what EXPECTED asks for. */
bool fault_equal(struct fault actual, struct fault expected);
/* "PIC 0x5 (addressing) ILC 6", "no exception". */
const char *fault_str(struct fault f, char *buf, size_t size);
/* "operation", "addressing", ..., "other". */
const char *pgm_name(unsigned int code);

#endif
