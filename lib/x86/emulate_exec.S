/*
 * emulate_exec.S: run one table row's instruction stub with the general
 * registers and RFLAGS taken from, and stored back into, a struct
 * emu_state (emulate_table.h). RFLAGS is loaded with POPFQ and saved with
 * PUSHFQ (Intel SDM vol. 2B POPF/PUSHF; vol. 1 3.4.3 EFLAGS); DF is
 * cleared afterwards for the C code (System V ABI).
 *
 * void emu_exec(struct emu_state *s, u64 base, const void *stub):
 * R8 = BASE (the operand buffer) while the stub runs; the stub ends in RET.
 */
#define S_RAX 0
#define S_RBX 8
#define S_RCX 16
#define S_RDX 24
#define S_RSI 32
#define S_RDI 40
#define S_RFLAGS 48

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
	push %rdi			/* the state, at -48(%rbp) */
	mov %rsi, %r8
	mov %rdx, %r11
	pushq S_RFLAGS(%rdi)
	mov S_RAX(%rdi), %rax
	mov S_RBX(%rdi), %rbx
	mov S_RCX(%rdi), %rcx
	mov S_RDX(%rdi), %rdx
	mov S_RSI(%rdi), %rsi
	mov S_RDI(%rdi), %rdi
	popfq
	call *%r11
	pushfq
	push %rdi
	mov -48(%rbp), %rdi
	popq S_RDI(%rdi)
	popq S_RFLAGS(%rdi)
	cld
	mov %rax, S_RAX(%rdi)
	mov %rbx, S_RBX(%rdi)
	mov %rcx, S_RCX(%rdi)
	mov %rdx, S_RDX(%rdi)
	mov %rsi, S_RSI(%rdi)
	lea -40(%rbp), %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	ret
