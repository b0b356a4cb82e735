/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trampoline.S: where an application processor starts. A SIPI with vector
 * V starts it in real mode at CS = V << 8, IP = 0 (Intel SDM vol. 3A
 * 9.4.3, 11.6.1). The 16-bit part, copied to TRAMPOLINE_BASE by smp.c,
 * loads the image's GDT and enters protected mode (SDM 10.9.1); the
 * 32-bit part enables PAE, loads the boot CPU's CR3 and EFER (LME) and
 * turns paging on, which activates IA-32e mode (SDM 10.8.5); the 64-bit
 * part takes the stack smp.c prepared and calls ap_main(). The 32-bit
 * part is short: kvm_pvm emulates every instruction until paging is on.
 */
#include <x86/desc.h>
#include <x86/smp.h>

#define MSR_EFER 0xc0000080

	.section .rodata
	.code16
	.globl trampoline_start, trampoline_end
trampoline_start:
	cli
	mov %cs, %ax
	mov %ax, %ds
	lgdtl tr_gdtr - trampoline_start
	mov %cr0, %eax
	or $1, %eax			/* CR0.PE */
	mov %eax, %cr0
	ljmpl $KERNEL_CS32, $ap_start32
	.balign 8
tr_gdtr:
	.word TSS_SEL_BASE + 16 * MAX_CPUS - 1
	.long gdt
trampoline_end:

	.text
	.code32
ap_start32:
	mov $KERNEL_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %cr4, %eax
	or $0x20, %eax			/* CR4.PAE */
	mov %eax, %cr4
	mov ap_cr3, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	mov ap_efer, %eax
	xor %edx, %edx
	wrmsr
	mov %cr0, %eax
	or $0x80000001, %eax		/* CR0.PG | CR0.PE */
	mov %eax, %cr0
	ljmp $KERNEL_CS, $ap_start64

	.code64
ap_start64:
	mov $KERNEL_DS, %ax
	mov %ax, %fs
	mov %ax, %gs
	mov ap_stack_top(%rip), %rsp
	xor %ebp, %ebp
	call ap_main
1:	hlt
	jmp 1b
