/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault.h: run one instruction and learn which interrupt it raised, if
 * any, without crashing the test. fault_probe(INSN, OPERANDS) takes the
 * instruction text and the operand part of an inline asm statement
 * (starting with ':'); the instruction's address is registered as a fault
 * site. A synchronous interrupt whose SRR0 is that address (or, for
 * "sc", the address after it; for an instruction storage interrupt at a
 * branch target, LR after it) is recorded with SRR1, DAR for data
 * storage, data segment and alignment interrupts, and DSISR for data
 * storage interrupts, and execution resumes after the instruction. The
 * runtime runs in real mode; fault_probe_relocated() turns data
 * relocation on around the instruction, and, the SLB being empty (and
 * the partition in hashed page table mode, as PAPR starts it before
 * ibm,client-architecture-support), a data access then raises a data
 * segment interrupt.
 *
 *	struct fault f = fault_probe(".long 0", :);
 *	report_fault(f, FAULT_PROGRAM(SRR1_PROG_ILLEGAL), "illegal");
 *
 * Power ISA v3.0 Book III 7.5: vectors and what each sets in SRR1 (7.5.9
 * program interrupt reasons), DAR and DSISR (7.5.3 data storage, 7.5.4
 * data segment, 7.5.8 alignment); 5.7.6 segment lookup in the SLB. An
 * expected fault names the SRR1 and DSISR bits it cares about (masks)
 * and whether DAR must match.
 */
#ifndef HV_POWERPC_FAULT_H
#define HV_POWERPC_FAULT_H

#include <types.h>
#include <fault_site.h>
#include <powerpc/exceptions.h>

struct fault {
	bool raised;
	bool dar_valid; /* actual: DAR is set; expected: DAR must match */
	u32 vector;
	u64 srr1;
	u64 srr1_mask; /* expected: the SRR1 bits compared */
	u32 dsisr;
	u32 dsisr_mask; /* expected: the DSISR bits compared */
	u64 dar;
};

#define FAULT_NONE ((struct fault){.raised = false})
/* Any interrupt at VEC, whatever SRR1 says. */
#define FAULT_VECTOR(vec) ((struct fault){.raised = true, .vector = (vec)})
/* Program interrupt with exactly the REASON bits of SRR1 43:46. */
#define FAULT_PROGRAM(reason)                  \
	((struct fault){.raised = true,        \
			.vector = VEC_PROGRAM, \
			.srr1 = (reason),      \
			.srr1_mask = SRR1_PROG_MASK})
/* Data storage interrupt: DSISR bits (under MASK) and the address. */
#define FAULT_DSI(dsisr_, mask_, dar_)         \
	((struct fault){.raised = true,        \
			.vector = VEC_DSI,     \
			.dsisr = (dsisr_),     \
			.dsisr_mask = (mask_), \
			.dar_valid = true,     \
			.dar = (dar_)})

/*
 * fault_probe() with data relocation on (MSR[DR] = 1) around INSN only;
 * r0 is kept in SPRG2 while the MSR is changed (Book III 5.4.4 mtmsrd,
 * context synchronised by isync).
 */
#define DR_ON                                                     \
	"mtspr 274, 0\n\tmfmsr 0\n\tori 0, 0, 16\n\tmtmsrd 0\n\t" \
	"isync\n\tmfspr 0, 274\n\t"
#define DR_OFF                                                         \
	"mtspr 274, 0\n\tmfmsr 0\n\tori 0, 0, 16\n\txori 0, 0, 16\n\t" \
	"mtmsrd 0\n\tisync\n\tmfspr 0, 274\n\t"
#define fault_probe_relocated(insn, ...)                                 \
	({                                                               \
		fault_clear();                                           \
		asm volatile(DR_ON FAULT_SITE(insn) DR_OFF __VA_ARGS__); \
		fault_take();                                            \
	})

/* Data segment interrupt (no SLB entry for the address): DAR. */
#define FAULT_DSEG(dar_)                    \
	((struct fault){.raised = true,     \
			.vector = VEC_DSEG, \
			.dar_valid = true,  \
			.dar = (dar_)})

/* True when ACTUAL matches what EXPECTED asks for. */
bool fault_equal(struct fault actual, struct fault expected);
/* "0x700 (program) SRR1 0x...", "no exception". */
const char *fault_str(struct fault f, char *buf, size_t size);

#endif
