/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault.h: run one instruction and learn which exception it raised, if any,
 * without crashing the test. fault_probe(INSN, OPERANDS) takes the
 * instruction text and the operand part of an inline asm statement
 * (starting with ':'); the instruction's address is registered as a fault
 * site, and an exception there (or, for the traps #DB, #BP and #OF, just
 * after it) is recorded and execution resumes after the instruction.
 *
 *	struct fault f = fault_probe("wrmsr", : : "c"(msr), "a"(lo), "d"(hi));
 *	report_fault(f, FAULT_GP(0), "reserved bit raises #GP");
 *
 * Exception vectors and error codes: Intel SDM vol. 3A 6.3.1 table 6-1.
 */
#ifndef HV_X86_FAULT_H
#define HV_X86_FAULT_H

#include <types.h>
#include <fault_site.h>
#include <x86/exceptions.h>

#define DE_VECTOR 0
#define DB_VECTOR 1
#define NMI_VECTOR 2
#define BP_VECTOR 3
#define OF_VECTOR 4
#define BR_VECTOR 5
#define UD_VECTOR 6
#define NM_VECTOR 7
#define DF_VECTOR 8
#define TS_VECTOR 10
#define NP_VECTOR 11
#define SS_VECTOR 12
#define GP_VECTOR 13
#define PF_VECTOR 14
#define MF_VECTOR 16
#define AC_VECTOR 17
#define MC_VECTOR 18
#define XM_VECTOR 19

/* #PF error code bits (SDM vol. 3A 4.7, figure 4-12). */
#define PFERR_P BIT(0)
#define PFERR_W BIT(1)
#define PFERR_U BIT(2)
#define PFERR_RSVD BIT(3)
#define PFERR_I BIT(4)
#define PFERR_PK BIT(5)

struct fault {
	bool raised;
	u8 vector;
	u32 error_code;
	u8 stuck; /* never completed (insn_watch.h): how it was seen */
};

/* struct fault's stuck: raised is set too. */
enum { STUCK_TICKS = 1, STUCK_OTHER_CPU };

#define FAULT_NONE ((struct fault){.raised = false})
#define FAULT(vec, ec) \
	((struct fault){.raised = true, .vector = (vec), .error_code = (ec)})
#define FAULT_UD FAULT(UD_VECTOR, 0)
#define FAULT_DE FAULT(DE_VECTOR, 0)
#define FAULT_GP(ec) FAULT(GP_VECTOR, (ec))
#define FAULT_PF(ec) FAULT(PF_VECTOR, (ec))
#define FAULT_STUCK ((struct fault){.raised = true, .stuck = STUCK_TICKS})
#define FAULT_STUCK_OTHER_CPU \
	((struct fault){.raised = true, .stuck = STUCK_OTHER_CPU})

/* True when both raised nothing, or raised the same vector and error code. */
bool fault_equal(struct fault a, struct fault b);
/* "#GP(0x0)", "#UD", "no exception" into BUF. */
const char *fault_str(struct fault f, char *buf, size_t size);
const char *exception_mnemonic(unsigned int vector);

#endif
