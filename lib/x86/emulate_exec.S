/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * emulate_exec.S: run one table row's instruction stub with the general
 * registers and RFLAGS taken from, and stored back into, a struct
 * emu_state (emulate_table.h). RFLAGS is loaded with POPFQ and saved with
 * PUSHFQ (Intel SDM vol. 2B POPF/PUSHF; vol. 1 3.4.3 EFLAGS); DF is
 * cleared afterwards for the C code (System V ABI).
 *
 * void emu_exec(struct emu_state *s, u64 base, const void *stub):
 * R8 = BASE (the operand buffer) while the stub runs; the stub ends in RET.
 * When s->rsp is not 0 the stub is called on that stack (its CALL pushes
 * the return address just below s->rsp) with RBP = s->rbp, for rows whose
 * instruction uses the stack (ENTER, LEAVE); RBP and RSP after the stub's
 * RET are stored back. Otherwise the stub runs on this function's stack.
 */
#define S_RAX 0
#define S_RBX 8
#define S_RCX 16
#define S_RDX 24
#define S_RSI 32
#define S_RDI 40
#define S_RFLAGS 48
#define S_RBP 72
#define S_RSP 80

	.text
	.globl emu_exec
emu_exec:
	push %rbp
	mov %rsp, %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi
	mov %rsi, %r8
	mov %rdx, %r11
	mov %rdi, %r12			/* the state */
	mov %rsp, %r13			/* this frame's stack */
	mov %rsp, %r14			/* RSP for the stub's CALL */
	mov %rbp, %r15			/* RBP for the stub */
	cmpq $0, S_RSP(%rdi)
	je 1f
	mov S_RSP(%rdi), %r14
	mov S_RBP(%rdi), %r15
1:	pushq S_RFLAGS(%rdi)
	mov S_RAX(%rdi), %rax
	mov S_RBX(%rdi), %rbx
	mov S_RCX(%rdi), %rcx
	mov S_RDX(%rdi), %rdx
	mov S_RSI(%rdi), %rsi
	mov S_RDI(%rdi), %rdi
	popfq
	mov %r14, %rsp
	mov %r15, %rbp
	call *%r11
	mov %rbp, %r15			/* MOV changes no flag */
	mov %rsp, %r14
	mov %r13, %rsp
	pushfq
	push %rdi
	mov %r12, %rdi
	popq S_RDI(%rdi)
	popq S_RFLAGS(%rdi)
	cld
	mov %rax, S_RAX(%rdi)
	mov %rbx, S_RBX(%rdi)
	mov %rcx, S_RCX(%rdi)
	mov %rdx, S_RDX(%rdi)
	mov %rsi, S_RSI(%rdi)
	mov %r15, S_RBP(%rdi)
	mov %r14, S_RSP(%rdi)
	lea 8(%r13), %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
