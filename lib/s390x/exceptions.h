/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.h: the interruption entry of the s390x runtime. Every class
 * (restart, external, supervisor call, program, machine check, I/O;
 * SA22-7832 chapter 6) has a new PSW into entry.S, which saves the
 * general registers and the old PSW as struct pt_regs on the interrupted
 * stack and calls s390x_interrupt(). The handler API has the shape every
 * arch follows (docs/porting.md): a program interruption at a fault site
 * (fault.h) and a service signal (sclp.c) are handled first; anything
 * else goes to the handler installed for its class; with none, it is
 * unexpected: register dump, backtrace, "Bail out!".
 */
#ifndef HV_S390X_EXCEPTIONS_H
#define HV_S390X_EXCEPTIONS_H

#include <types.h>
#include <s390x/processor.h>

struct pt_regs {
	u64 gprs[16];
	struct psw psw; /* the old PSW; the handler may change it */
	u32 code; /* interruption code (program, external, SVC) */
	u32 ilc; /* instruction length in bytes (program, SVC) */
	u64 param; /* TEID, external or I/O parameter, MCIC */
	u64 kind; /* INT_* */
};

_Static_assert(__builtin_offsetof(struct pt_regs, psw) == REGS_PSW, "pt_regs");
_Static_assert(sizeof(struct pt_regs) == REGS_SIZE, "pt_regs");

typedef void (*exception_handler_t)(struct pt_regs *regs);

/*
 * Installs FN for the interruption class KIND (INT_*) on every CPU (NULL:
 * unexpected again); returns the old one. FN sees the interruption code,
 * ILC and parameter in REGS and returns to regs->psw.
 */
exception_handler_t s390x_set_handler(unsigned int kind,
				      exception_handler_t fn);

/* Sets the new PSWs of the lowcore at LOWCORE to the entry.S handlers. */
void interrupts_init(u64 lowcore);
/* Where a CPU started by SIGP RESTART begins (entry.S, smp.c). */
extern char secondary_entry[];

/* Prints "# backtrace:" from an interrupted context. */
void print_backtrace_from(u64 pc, u64 r14, u64 sp);

#endif
