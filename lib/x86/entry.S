/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S: multiboot1 entry (Multiboot Specification 0.6.96 sections 3.1
 * and 3.2: EAX = 0x2BADB002, EBX = boot information, flat 32-bit protected
 * mode, paging off). Enters long mode (Intel SDM vol. 3A 10.8.5
 * "Initializing IA-32e Mode") on page tables the assembler builds (the
 * first 4 GiB identity-mapped with 2 MiB pages, the top GiB, where MMIO
 * lives, uncached), then clears .bss and calls x86_boot(). It notes the
 * TSC (Intel SDM vol. 3B 18.17) at entry, in long mode and after the
 * .bss for the boot profile (setup.c). The 32-bit part
 * is kept to a few instructions: some hypervisors (kvm_pvm) emulate every
 * instruction until paging is on, at about a millisecond per loop pass.
 */
#include <x86/desc.h>

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000002		/* bit 1: memory information */

#define PTE_P 0x1
#define PTE_RW 0x2
#define PTE_PWT 0x8
#define PTE_PCD 0x10
#define PTE_PS 0x80

	.section .multiboot, "a"
	.balign 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .text.boot, "ax"
	.code32
	.globl _start
_start:
	cli
	mov %eax, mb_magic
	mov %ebx, mb_info
	rdtsc
	mov %eax, boot_tsc
	mov %edx, boot_tsc + 4

	mov %cr4, %eax
	or $0x20, %eax			/* CR4.PAE */
	mov %eax, %cr4
	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx		/* IA32_EFER */
	rdmsr
	or $0x100, %eax			/* EFER.LME */
	wrmsr
	mov %cr0, %eax
	or $0x80000001, %eax		/* CR0.PG | CR0.PE */
	mov %eax, %cr0
	lgdt gdt_boot_ptr
	ljmp $KERNEL_CS, $start64

	.code64
start64:
	mov $KERNEL_DS, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	cld
	rdtsc
	mov %eax, boot_tsc + 8
	mov %edx, boot_tsc + 12
	mov $__bss_start, %rdi
	mov $__bss_end, %rcx
	sub %rdi, %rcx
	shr $3, %rcx			/* guest.lds aligns both ends to 8 */
	xor %eax, %eax
	rep stosq
	rdtsc
	mov %eax, boot_tsc + 16
	mov %edx, boot_tsc + 20
	mov $boot_stack_top, %rsp
	xor %ebp, %ebp
	call x86_boot
4:	hlt
	jmp 4b

	.data
	.balign 8
gdt_boot_ptr:				/* the segments below the TSS slots */
	.word TSS_SEL_BASE - 1
	.long gdt
	.globl mb_magic, mb_info
mb_magic:
	.long 0
mb_info:
	.long 0
	.balign 8
	.globl boot_tsc
boot_tsc:				/* at entry, in long mode, after .bss */
	.quad 0, 0, 0

	.balign 4096
	.globl boot_pml4
boot_pml4:
	.quad boot_pdpt + PTE_P + PTE_RW
	.fill 511, 8, 0
boot_pdpt:
	i = 0
	.rept 4
	.quad boot_pd + i * 4096 + PTE_P + PTE_RW
	i = i + 1
	.endr
	.fill 508, 8, 0
boot_pd:
	i = 0
	.rept 2048
	.if i < 1536
	.quad (i << 21) + PTE_P + PTE_RW + PTE_PS
	.else
	.quad (i << 21) + PTE_P + PTE_RW + PTE_PS + PTE_PCD + PTE_PWT
	.endif
	i = i + 1
	.endr

	.section .bss.noinit, "aw", @nobits
	.balign 16
	.globl boot_stack_top
boot_stack:
	.skip 16384
boot_stack_top:
