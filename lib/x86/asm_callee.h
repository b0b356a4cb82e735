/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm_callee.h: for assembly files (.S) that switch stacks or modes and
 * come back into C: push and pop of the registers a C caller expects to
 * survive the call (System V AMD64 ABI 3.2.1: RBX, RBP, R12-R15).
 */
#ifndef HV_X86_ASM_CALLEE_H
#define HV_X86_ASM_CALLEE_H

#ifdef __ASSEMBLY__
/* Assembler macros, not C: */
/* clang-format off */
.macro push_callee_saved
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
.endm

.macro pop_callee_saved
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
.endm
/* clang-format on */
#endif

#endif
