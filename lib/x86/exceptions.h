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

/* Prints "# backtrace:" from RIP along the frame-pointer chain at RBP. */
void print_backtrace_from(u64 rip, u64 rbp);

#endif
