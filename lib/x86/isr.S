/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * isr.S: one 16-byte entry stub per IDT vector, and the common path that
 * saves the general registers as struct ex_regs and calls
 * x86_exception_entry() (Intel SDM vol. 3A 6.14.2 64-bit mode stack frame;
 * 6.15 lists which exceptions push an error code).
 */
	.text
	.balign 16
	.globl isr_stubs
isr_stubs:
	vec = 0
	.rept 256
	.balign 16
	/* #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX push an error code. */
	.if vec != 8 && (vec < 10 || vec > 14) && vec != 17 && vec != 21 && vec != 29 && vec != 30
	push $0
	.endif
	push $vec
	jmp isr_common
	vec = vec + 1
	.endr

isr_common:
	push %r15
	push %r14
	push %r13
	push %r12
	push %r11
	push %r10
	push %r9
	push %r8
	push %rbp
	push %rdi
	push %rsi
	push %rdx
	push %rcx
	push %rbx
	push %rax
	cld
	mov %rsp, %rdi
	call x86_exception_entry
	pop %rax
	pop %rbx
	pop %rcx
	pop %rdx
	pop %rsi
	pop %rdi
	pop %rbp
	pop %r8
	pop %r9
	pop %r10
	pop %r11
	pop %r12
	pop %r13
	pop %r14
	pop %r15
	add $16, %rsp
	iretq
