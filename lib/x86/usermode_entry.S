/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usermode_entry.S: the switch to CPL3 by IRET and back (Intel SDM vol. 2A
 * IRET, vol. 3A 6.14.2 64-bit mode stack frame), and the page of CPL3
 * helpers described in usermode.h.
 */
#include <x86/desc.h>
#include <x86/asm_callee.h>

	.text
/*
 * u64 usermode_enter(u64 entry, u64 arg1, u64 arg2, u64 fn, u64 user_rsp):
 * saves the callee-saved registers and the stack pointer, then IRETs to
 * ENTRY at CPL3 with interrupts off. A handler (usermode.c) comes back to
 * usermode_resume at CPL0 on the saved stack with the result in RAX.
 * The IRET to CPL3 may load DS and ES with null selectors (SDM vol. 2A
 * IRET: a data segment whose DPL is below the new CPL), and nothing on
 * the way back reloads them: usermode_resume does, so the caller finds
 * the segment registers the runtime set up (entry.S).
 */
	.globl usermode_enter
usermode_enter:
	push_callee_saved
	mov %rsp, usermode_kernel_rsp(%rip)
	pushq $USER_DS
	push %r8
	pushq $0x2
	pushq $USER_CS
	push %rdi
	mov %rsi, %rdi
	mov %rdx, %rsi
	mov %rcx, %rdx
	iretq

	.globl usermode_resume
usermode_resume:
	mov $KERNEL_DS, %ecx
	mov %ecx, %ds
	mov %ecx, %es
	pop_callee_saved
	ret

	.bss
	.balign 8
	.globl usermode_kernel_rsp
usermode_kernel_rsp:
	.skip 8

/* CPL3 code: position independent, one page. */
	.text
	.balign 4096
	.globl usermode_text
usermode_text:
	.globl usermode_trampoline
usermode_trampoline:		/* RDI, RSI: arguments; RDX: function */
	call *%rdx
	.globl usermode_return
usermode_return:		/* the #UD here means "returned" */
	ud2

	.globl usermode_read_byte
usermode_read_byte:
	movzbl (%rdi), %eax
	ret

	.globl usermode_write_byte
usermode_write_byte:
	mov %sil, (%rdi)
	ret

	.globl usermode_call_fn
usermode_call_fn:
	call *%rdi
	ret
	.balign 4096
