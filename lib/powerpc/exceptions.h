/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.h: interrupt vectors of Power ISA v3.0 Book III 7.5 (real
 * mode offsets, Figure 70) that a guest under a hypervisor can take, the
 * registers saved on one (SRR0/SRR1: 7.2.1; DAR/DSISR: 7.5.3) and the
 * handler API, of the shape every arch follows (docs/porting.md): an
 * interrupt at a fault site (fault.h) is recorded first; any other goes
 * to the handler installed for its vector; with none, it is unexpected
 * and ends the test as a crash.
 */
#ifndef HV_POWERPC_EXCEPTIONS_H
#define HV_POWERPC_EXCEPTIONS_H

#include <types.h>

#define VEC_SYSTEM_RESET 0x100
#define VEC_MACHINE_CHECK 0x200
#define VEC_DSI 0x300
#define VEC_DSEG 0x380
#define VEC_ISI 0x400
#define VEC_ISEG 0x480
#define VEC_EXTERNAL 0x500
#define VEC_ALIGNMENT 0x600
#define VEC_PROGRAM 0x700
#define VEC_FP_UNAVAIL 0x800
#define VEC_DECREMENTER 0x900
#define VEC_DOORBELL 0xa00
#define VEC_SYSCALL 0xc00
#define VEC_TRACE 0xd00
#define VEC_PERFMON 0xf00
#define VEC_VMX_UNAVAIL 0xf20
#define VEC_VSX_UNAVAIL 0xf40
#define VEC_FAC_UNAVAIL 0xf60
/*
 * Not an architected offset: a system reset that came in through
 * ppc_fwnmi_sreset (vectors.S), the ibm,nmi-register entry.
 */
#define VEC_FWNMI_SRESET 0xfe0

/* Program interrupt reasons in SRR1 (7.5.9). */
#define SRR1_PROG_FPE BIT(20) /* bit 43: FP enabled exception */
#define SRR1_PROG_ILLEGAL BIT(19) /* bit 44: illegal instruction */
#define SRR1_PROG_PRIV BIT(18) /* bit 45: privileged instruction */
#define SRR1_PROG_TRAP BIT(17) /* bit 46: trap */
#define SRR1_PROG_MASK \
	(SRR1_PROG_FPE | SRR1_PROG_ILLEGAL | SRR1_PROG_PRIV | SRR1_PROG_TRAP)

/* DSISR bits of a data storage interrupt (7.5.3). */
#define DSISR_NOTFOUND BIT(30) /* bit 33: no translation */
#define DSISR_PROTFAULT BIT(27) /* bit 36: storage protection */
#define DSISR_STORE BIT(25) /* bit 38: the access was a store */

struct pt_regs {
	u64 gpr[32];
	u64 nip; /* SRR0 */
	u64 msr; /* SRR1 */
	u64 lr;
	u64 ctr;
	u64 cr;
	u64 xer;
	u64 dar;
	u64 dsisr;
	u64 vector;
	u64 pad;
};

/* Vector offsets are multiples of this, below VEC_LIMIT. */
#define VEC_ALIGN 0x20
extern char ppc_fwnmi_sreset[];
#define VEC_LIMIT 0x1000

typedef void (*exception_handler_t)(struct pt_regs *regs);

/*
 * Installs FN for the interrupt at vector offset KIND (VEC_*; NULL:
 * unexpected again); returns the old one. FN returns to regs->nip with
 * regs->msr, as SRR0 and SRR1.
 */
exception_handler_t ppc_set_handler(unsigned int kind, exception_handler_t fn);

/* "program", "data storage", ... for a vector offset. */
const char *vector_name(unsigned int vector);
/* Copies the vector stubs to their real-mode offsets (setup). */
void install_vectors(void);
void print_backtrace_from(u64 pc, u64 sp);

#endif
