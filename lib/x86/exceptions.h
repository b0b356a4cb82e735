/* exceptions.h: per-vector handlers and backtraces for x86 guests. */
#ifndef HV_X86_EXCEPTIONS_H
#define HV_X86_EXCEPTIONS_H

#include <x86/desc.h>

typedef void (*exception_handler_t)(struct ex_regs *regs);

/* Installs FN for VECTOR (NULL: unexpected again); returns the old one. */
exception_handler_t handle_exception(unsigned int vector,
				     exception_handler_t fn);

/* Prints "# backtrace:" from RIP along the frame-pointer chain at RBP. */
void print_backtrace_from(u64 rip, u64 rbp);

#endif
