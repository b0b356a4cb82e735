/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S: VMLAUNCH/VMRESUME with L2's general-purpose registers, and the
 * host RIP where VM exits land (Intel SDM vol. 3C 27 VM entries: only RSP,
 * RIP and RFLAGS come from the VMCS; 28.5 host state loaded on exit: RSP
 * and RIP from the VMCS, the other registers as L2 left them).
 *
 * u64 vmx_enter(struct vmx_gprs *g): 0 after a VM exit (or an entry
 * failure that behaves as one), else RFLAGS & (CF | ZF) of the failed
 * instruction. g->launched selects VMRESUME.
 */
#include <x86/asm_callee.h>

#define G_RAX 0
#define G_RBX 8
#define G_RCX 16
#define G_RDX 24
#define G_RSI 32
#define G_RDI 40
#define G_RBP 48
#define G_R8 56
#define G_R9 64
#define G_R10 72
#define G_R11 80
#define G_R12 88
#define G_R13 96
#define G_R14 104
#define G_R15 112
#define G_LAUNCHED 120
#define VMCS_HOST_RSP 0x6c14

	.text
	.globl vmx_enter
vmx_enter:
	push_callee_saved
	push %rdi
	mov $VMCS_HOST_RSP, %rax
	vmwrite %rsp, %rax
	jbe 2f
	cmpq $0, G_LAUNCHED(%rdi)
	mov G_RAX(%rdi), %rax
	mov G_RBX(%rdi), %rbx
	mov G_RCX(%rdi), %rcx
	mov G_RDX(%rdi), %rdx
	mov G_RSI(%rdi), %rsi
	mov G_RBP(%rdi), %rbp
	mov G_R8(%rdi), %r8
	mov G_R9(%rdi), %r9
	mov G_R10(%rdi), %r10
	mov G_R11(%rdi), %r11
	mov G_R12(%rdi), %r12
	mov G_R13(%rdi), %r13
	mov G_R14(%rdi), %r14
	mov G_R15(%rdi), %r15
	mov G_RDI(%rdi), %rdi
	jne 1f
	vmlaunch
	jmp 2f
1:	vmresume
2:	pushf
	pop %rax
	and $0x41, %rax
	pop %rdi
	jmp 3f

	.globl vmx_host_rip
vmx_host_rip:
	push %rdi
	mov 8(%rsp), %rdi
	mov %rax, G_RAX(%rdi)
	mov %rbx, G_RBX(%rdi)
	mov %rcx, G_RCX(%rdi)
	mov %rdx, G_RDX(%rdi)
	mov %rsi, G_RSI(%rdi)
	mov %rbp, G_RBP(%rdi)
	mov %r8, G_R8(%rdi)
	mov %r9, G_R9(%rdi)
	mov %r10, G_R10(%rdi)
	mov %r11, G_R11(%rdi)
	mov %r12, G_R12(%rdi)
	mov %r13, G_R13(%rdi)
	mov %r14, G_R14(%rdi)
	mov %r15, G_R15(%rdi)
	popq G_RDI(%rdi)
	pop %rdi
	xor %eax, %eax
3:	pop_callee_saved
	ret
