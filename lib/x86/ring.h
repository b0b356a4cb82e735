/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ring.h: start code in any mode and at any privilege level and learn where
 * it stopped (Intel SDM vol. 2A IRET, vol. 3A 6.12.1 privilege changes on
 * exceptions, 6.14.2 64-bit mode stack frame, 8.7 TSS.RSP0; AMD APM vol. 2
 * 8.9.3).
 *
 * ring_run() loads the general registers of START and IRETs to
 * START.cs:rip with START.rflags and START.ss:rsp: CPL0 or CPL3, 64-bit or
 * compatibility mode (CS decides). The code runs until it raises an
 * exception; jumping to ring_land (a UD2, valid in every mode) is the way
 * to say "done". Either way the exception's frame and the general
 * registers at that point come back in struct ring_stop, and execution
 * resumes in ring_run() at CPL0 on its own stack with the runtime's data
 * segments. Exceptions at CPL3 arrive on a stack this library puts in
 * TSS.RSP0 for the call. The code and its stacks must be mapped for the
 * CPL they run at (usermode_flat_tables() maps everything user). NMI,
 * #DF and #MC keep their handlers. Boot CPU only.
 */
#ifndef HV_X86_RING_H
#define HV_X86_RING_H

#include <types.h>
#include <x86/desc.h>
#include <x86/fault.h>

struct ring_start {
	u64 rax, rbx, rcx, rdx, rsi, rdi, r8, r9, r10, r11;
	u64 rip, cs, rflags, rsp, ss;
};

struct ring_stop {
	struct fault fault; /* FAULT_NONE when it reached ring_land */
	struct ex_regs regs; /* the frame and registers at the stop */
	u64 frame; /* where the frame was: regs.ss is its last quadword */
};

/* The UD2 to jump to when done, in every mode. */
extern char ring_land[];

struct ring_stop ring_run(const struct ring_start *start);

/* The top of the stack TSS.RSP0 points to during ring_run(). */
u64 ring_rsp0_top(void);

#endif
