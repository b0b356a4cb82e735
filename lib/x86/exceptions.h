/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.h: per-vector handlers and backtraces for x86 guests. The
 * handler API has the shape every arch follows (docs/porting.md): an
 * exception at a fault site (fault.h) is recorded first; any other
 * exception or interrupt goes to the handler installed for its vector
 * (Intel SDM vol. 3A 6.3.1 table 6-1; 32-255 are interrupts); with none,
 * it is unexpected and ends the test as a crash.
 */
#ifndef HV_X86_EXCEPTIONS_H
#define HV_X86_EXCEPTIONS_H

#include <x86/desc.h>

typedef void (*exception_handler_t)(struct ex_regs *regs);

/* Installs FN for VECTOR (NULL: unexpected again); returns the old one. */
exception_handler_t x86_set_handler(unsigned int vector,
				    exception_handler_t fn);

/*
 * Installs FN for every exception vector in MASK (bit N: vector N, 0-31)
 * and keeps the old handlers in SAVED, indexed by vector; the restore puts
 * them back. A loop inside, not a call per vector: code that leaves CPL0
 * takes over the vectors at every call.
 */
void x86_take_vectors(u32 mask, exception_handler_t fn,
		      exception_handler_t saved[32]);
void x86_restore_vectors(u32 mask, exception_handler_t const saved[32]);

/*
 * FN takes the exceptions in MASK (bit N: vector N) raised at CPL3, before
 * any handler of the vector; x86_cpl3_handler(0, NULL) ends it. Code that
 * enters CPL3 again and again sets one pointer, not a handler per vector.
 */
void x86_cpl3_handler(u32 mask, exception_handler_t fn);

/* Prints "# backtrace:" from RIP along the frame-pointer chain at RBP. */
void print_backtrace_from(u64 rip, u64 rbp);

#endif
