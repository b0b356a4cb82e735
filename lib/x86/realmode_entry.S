/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * realmode_entry.S: 64-bit mode -> compatibility mode -> paging off and
 * EFER.LME=0 (32-bit protected mode) -> 16-bit protected mode -> CR0.PE=0
 * (real mode), the snippet, and back by the reverse path (Intel SDM vol.
 * 3A 10.8.5 and 10.8.5.4 entering and leaving IA-32e mode, 10.9.2
 * switching to real-address mode: a 16-bit segment with a 64 KiB limit is
 * loaded first; vol. 2A LIDT for the real-mode IVT). CR3 and CR4 are left
 * as they are: re-enabling paging with EFER.LME=1 re-enters IA-32e mode
 * on the same tables. See realmode.h.
 */
#include <x86/desc.h>
#include <x86/asm_callee.h>

#define TRAMP_BASE 0x8000
#define TRAMP_SEG 0x0800
#define REGS 0xf00		/* struct realmode_regs, CS-relative */
#define R_EAX (REGS + 0)
#define R_EBX (REGS + 4)
#define R_ECX (REGS + 8)
#define R_EDX (REGS + 12)
#define R_ESI (REGS + 16)
#define R_EDI (REGS + 20)
#define R_EBP (REGS + 24)
#define R_EFLAGS (REGS + 28)
#define R_DS (REGS + 32)
#define R_ES (REGS + 34)
#define R_SP (REGS + 36)
#define R_CS (REGS + 38)
#define SNIPPET 0x1000
#define STACK_TOP 0x3000

/* Selectors of the trip's own GDT. */
#define SEL_CODE64 0x08
#define SEL_DATA 0x10
#define SEL_CODE32 0x18
#define SEL_CODE16 0x20
#define SEL_DATA16 0x28

#define MSR_EFER 0xc0000080
#define EFER_LME 0x100
#define CR0_PE 0x1
#define CR0_PG 0x80000000

	.data
	.balign 16
rm_gdt:
	.quad 0
	.quad 0x00af9b000000ffff	/* 64-bit code */
	.quad 0x00cf93000000ffff	/* flat data */
	.quad 0x00cf9b000000ffff	/* 32-bit code */
	.quad 0x00009b008000ffff	/* 16-bit code, base 0x8000, limit 64 KiB */
	.quad 0x000093008000ffff	/* 16-bit data, base 0x8000, limit 64 KiB */
rm_gdt_end:
	.balign 8
rm_gdtr:
	.word rm_gdt_end - rm_gdt - 1
	.quad rm_gdt
rm_saved_gdtr:
	.word 0
	.quad 0
rm_saved_idtr:
	.word 0
	.quad 0
rm_saved_rsp:
	.quad 0

	.text
	.code64
	.globl realmode_enter
realmode_enter:
	push_callee_saved
	pushfq
	cli
	mov %rsp, rm_saved_rsp(%rip)
	sgdt rm_saved_gdtr(%rip)
	sidt rm_saved_idtr(%rip)
	lgdt rm_gdtr(%rip)
	pushq $SEL_CODE32
	lea rm_compat(%rip), %rax
	push %rax
	lretq

	.code32
rm_compat:
	mov $SEL_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %cr0, %eax
	and $~CR0_PG, %eax
	mov %eax, %cr0
	mov $MSR_EFER, %ecx
	rdmsr
	and $~EFER_LME, %eax
	wrmsr
	ljmp $SEL_CODE16, $0

rm_back32:
	mov $SEL_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	mov %cr0, %eax
	or $CR0_PG, %eax
	mov %eax, %cr0
	ljmp $SEL_CODE64, $rm_back64

	.code64
rm_back64:
	lgdt rm_saved_gdtr(%rip)
	lidt rm_saved_idtr(%rip)
	mov $KERNEL_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	pushq $KERNEL_CS
	lea 1f(%rip), %rax
	push %rax
	lretq
1:	mov rm_saved_rsp(%rip), %rsp
	popfq
	pop_callee_saved
	ret

/* Copied to TRAMP_BASE; offset 0 is entered in 16-bit protected mode. */
	.section .rodata
	.code16
	.globl realmode_tramp, realmode_tramp_end
realmode_tramp:
	mov $SEL_DATA16, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	mov %cr0, %eax
	and $~CR0_PE, %eax
	mov %eax, %cr0
	ljmp $TRAMP_SEG, $(rm_real - realmode_tramp)
rm_real:
	mov $TRAMP_SEG, %ax
	mov %ax, %ss
	mov $STACK_TOP, %sp
	xor %ax, %ax
	mov %ax, %fs
	mov %ax, %gs
	lidt %cs:(rm_ivt - realmode_tramp)
	mov %cs:R_DS, %ds
	mov %cs:R_ES, %es
	pushl %cs:R_EFLAGS
	popfl
	mov %cs:R_EAX, %eax
	mov %cs:R_EBX, %ebx
	mov %cs:R_ECX, %ecx
	mov %cs:R_EDX, %edx
	mov %cs:R_ESI, %esi
	mov %cs:R_EDI, %edi
	mov %cs:R_EBP, %ebp
	call *%cs:(rm_snippet - realmode_tramp)
	pushfl
	popl %cs:R_EFLAGS
	cli
	cld
	mov %eax, %cs:R_EAX
	mov %ebx, %cs:R_EBX
	mov %ecx, %cs:R_ECX
	mov %edx, %cs:R_EDX
	mov %esi, %cs:R_ESI
	mov %edi, %cs:R_EDI
	mov %ebp, %cs:R_EBP
	mov %ds, %cs:R_DS
	mov %es, %cs:R_ES
	mov %sp, %cs:R_SP
	mov %cs, %cs:R_CS
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	ljmpl $SEL_CODE32, $rm_back32
rm_ivt:
	.word 0x3ff
	.long 0
rm_snippet:
	.word SNIPPET
realmode_tramp_end:
	.code64
