/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usermode.h: run a function at CPL3 and come back to CPL0 with its return
 * value or the exception it raised (Intel SDM vol. 3A 6.12.1 privilege
 * changes on exceptions and interrupts, 6.14.2 64-bit mode stack frame,
 * 7.7 TSS.RSP0; vol. 2A IRET; AMD APM vol. 2 8.9.3).
 *
 * The CPL3 code lives in one page-aligned page, usermode_text, written in
 * position-independent assembly. The caller maps that page user-accessible
 * (US=1 at every level, not execute-disabled) at some address TEXT_VA and
 * gives a user-accessible writable stack. The page's helpers take their
 * arguments in RDI and RSI and return in RAX, like C functions:
 *
 *	u64 v;
 *	struct fault f = usermode_call(text_va, usermode_read_byte, addr, 0,
 *				       user_stack_top, &v);
 *
 * The function returns to a UD2 at a known address in usermode_text: that
 * #UD means "returned". Any other exception at CPL3 (#DE, #BP, #OF, #BR,
 * #UD, #NP, #SS, #GP, #PF, #AC) is recorded instead. Either way the
 * handler rewrites the exception frame so that IRET resumes usermode_call()
 * at CPL0 on its own stack. (UD2 rather than INT n through a DPL-3 gate
 * keeps the way back independent of software-interrupt delivery, which is
 * not what callers test.) Exceptions taken at CPL3 use a stack this
 * library puts in TSS.RSP0. CR2 still holds the address of a #PF when
 * usermode_call() returns. Boot CPU only.
 */
#ifndef HV_X86_USERMODE_H
#define HV_X86_USERMODE_H

#include <types.h>
#include <x86/fault.h>

/* The page of CPL3 code, [usermode_text, usermode_text + 4096). */
extern char usermode_text[];
/* u8 (u8 *addr): loads a byte. */
extern char usermode_read_byte[];
/* void (u8 *addr, u8 val): stores a byte. */
extern char usermode_write_byte[];
/* void (void (*fn)(void)): calls FN, i.e. fetches an instruction there. */
extern char usermode_call_fn[];

/* Where SYM of usermode_text is when the page is mapped at TEXT_VA. */
static inline u64 usermode_addr(u64 text_va, const void *sym)
{
	return text_va + ((const char *)sym - usermode_text);
}

/*
 * Calls FN (a symbol in usermode_text) at CPL3 with RDI = ARG1, RSI = ARG2
 * and RSP = STACK_TOP. Returns FAULT_NONE and stores RAX in *RET (when RET
 * is not NULL), or returns the exception FN raised.
 */
struct fault usermode_call(u64 text_va, const void *fn, u64 arg1, u64 arg2,
			   u64 stack_top, u64 *ret);

struct page_table;

/*
 * A table set for CPL3 calls that need no more than "everything is user":
 * the first 4 GiB identity-mapped with US = 1 (the top GiB, where the
 * devices are, uncached), built once; *STACK_TOP gets the top of a user
 * stack. The caller switches to the tables (and back) itself.
 */
struct page_table *usermode_flat_tables(u64 *stack_top);

#endif
