/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmode32_entry.S: 64-bit mode -> compatibility mode -> paging off and
 * EFER.LME = 0 (legacy protected mode) -> the 32-bit code, and back at
 * pm32_land or at an exception: the runtime's GDT again, EFER.LME = 1 and
 * paging on (IA-32e mode, compatibility mode), a far JMP to 64-bit code
 * (Intel SDM vol. 3A 10.8.5 initializing IA-32e mode, 10.8.5.4 leaving
 * it; 6.12.1 the stack frame of an interrupt gate with and without a
 * privilege change). CR3 and CR4 are left as they are. See pmode32.h.
 */
#include <x86/desc.h>
#include <x86/pmode32.h>
#include <x86/asm_callee.h>

#define MSR_EFER 0xc0000080
#define EFER_LME 0x100
#define CR0_PG 0x80000000

/* struct pm32_stop */
#define ST_VECTOR 0
#define ST_ERROR 4
#define ST_EIP 8
#define ST_CS 12
#define ST_EFLAGS 16
#define ST_ESP 20
#define ST_SS 24
#define ST_EAX 28
#define ST_EBX 32
#define ST_ECX 36
#define ST_EDX 40
#define ST_ESI 44
#define ST_EDI 48

#define STACK_SIZE 4096

	.data
	.balign 8
pm32_gdtr:
	.word PM32_SLOT0 + PM32_SLOTS * 8 - 1
	.quad pm32_gdt
pm32_idtr:
	.word 32 * 8 - 1
	.quad pm32_idt
saved_gdtr:
	.word 0
	.quad 0
saved_idtr:
	.word 0
	.quad 0
saved_rsp:
	.quad 0

	.bss
	.balign 16
pm32_stack:
	.skip STACK_SIZE
pm32_stack_top:

	.text
	.code64
	.globl pm32_enter
pm32_enter:
	push_callee_saved
	pushfq
	cli
	mov %rsp, saved_rsp(%rip)
	sgdt saved_gdtr(%rip)
	sidt saved_idtr(%rip)
	pushq $KERNEL_CS32
	lea pm32_compat(%rip), %rax
	push %rax
	lretq

	.code32
pm32_compat:
	mov $KERNEL_DS, %ax
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
	lgdt pm32_gdtr
	lidt pm32_idtr
	ljmp $PM32_CS, $pm32_legacy
pm32_legacy:
	mov $PM32_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	mov %ax, %ss
	mov $pm32_stack_top, %esp
	mov pm32_entry_eax, %eax
	xor %ebx, %ebx
	xor %ecx, %ecx
	xor %edx, %edx
	xor %esi, %esi
	xor %edi, %edi
	xor %ebp, %ebp
	jmp *pm32_entry_eip

	.globl pm32_land
pm32_land:
	ud2

/* 16 bytes of entry code per vector; a dummy error code where there is none. */
	.balign 16
	.globl pm32_vectors
pm32_vectors:
	.irp v, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.balign 16
	.if (\v == 8) || (\v == 10) || (\v == 11) || (\v == 12) || \
		(\v == 13) || (\v == 14) || (\v == 17) || (\v == 21)
	pushl $\v
	.else
	pushl $0
	pushl $\v
	.endif
	jmp pm32_common
	.endr

pm32_common:
	mov %eax, %ss:pm32_stop_area + ST_EAX
	mov %ebx, %ss:pm32_stop_area + ST_EBX
	mov %ecx, %ss:pm32_stop_area + ST_ECX
	mov %edx, %ss:pm32_stop_area + ST_EDX
	mov %esi, %ss:pm32_stop_area + ST_ESI
	mov %edi, %ss:pm32_stop_area + ST_EDI
	popl %ss:pm32_stop_area + ST_VECTOR
	popl %ss:pm32_stop_area + ST_ERROR
	popl %ss:pm32_stop_area + ST_EIP
	popl %ss:pm32_stop_area + ST_CS
	popl %ss:pm32_stop_area + ST_EFLAGS
	testl $3, %ss:pm32_stop_area + ST_CS
	jnz 1f
	mov %esp, %ss:pm32_stop_area + ST_ESP
	mov %ss, %ss:pm32_stop_area + ST_SS
	jmp pm32_exit
1:	popl %ss:pm32_stop_area + ST_ESP
	popl %ss:pm32_stop_area + ST_SS

pm32_exit:
	mov $PM32_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $pm32_stack_top, %esp
	lgdt saved_gdtr
	mov $KERNEL_DS, %ax
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
	ljmp $KERNEL_CS, $pm32_back64

	.code64
pm32_back64:
	lgdt saved_gdtr(%rip)
	lidt saved_idtr(%rip)
	mov $KERNEL_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	mov saved_rsp(%rip), %rsp
	popfq
	pop_callee_saved
	ret
