/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ring_entry.S: the IRET into the code ring_run() starts and the way back
 * (see ring.h; Intel SDM vol. 2A IRET, vol. 3A 6.14.2 64-bit mode stack
 * frame).
 */
#include <x86/desc.h>
#include <x86/asm_callee.h>

#define R_RAX 0
#define R_RBX 8
#define R_RCX 16
#define R_RDX 24
#define R_RSI 32
#define R_RDI 40
#define R_R8 48
#define R_R9 56
#define R_R10 64
#define R_R11 72
#define R_RIP 80
#define R_CS 88
#define R_RFLAGS 96
#define R_RSP 104
#define R_SS 112

	.text
/* void ring_enter(const struct ring_start *s) */
	.globl ring_enter
ring_enter:
	push_callee_saved
	mov %rsp, ring_kernel_rsp(%rip)
	pushq R_SS(%rdi)
	pushq R_RSP(%rdi)
	pushq R_RFLAGS(%rdi)
	pushq R_CS(%rdi)
	pushq R_RIP(%rdi)
	mov R_RAX(%rdi), %rax
	mov R_RBX(%rdi), %rbx
	mov R_RCX(%rdi), %rcx
	mov R_RDX(%rdi), %rdx
	mov R_RSI(%rdi), %rsi
	mov R_R8(%rdi), %r8
	mov R_R9(%rdi), %r9
	mov R_R10(%rdi), %r10
	mov R_R11(%rdi), %r11
	mov R_RDI(%rdi), %rdi
	iretq

	.globl ring_resume
ring_resume:
	mov $KERNEL_DS, %ecx
	mov %ecx, %ds
	mov %ecx, %es
	mov %ecx, %fs
	mov %ecx, %gs
	pop_callee_saved
	ret

	.globl ring_land
ring_land:
	ud2

	.bss
	.balign 8
	.globl ring_kernel_rsp
ring_kernel_rsp:
	.skip 8
