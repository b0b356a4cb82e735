/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57_entry.S: void la57_switch(u32 cr3, u32 cr4). From 64-bit mode a far
 * return enters 32-bit compatibility mode; there CR0.PG = 0 leaves IA-32e
 * mode (IA32_EFER.LMA becomes 0, LME stays 1), CR4 and then CR3 are
 * written (CR4.LA57 may change now: SDM vol. 3A 4.1.1, 4.1.2), CR0.PG = 1
 * activates IA-32e mode again with the paging mode CR4.LA57 selects, and
 * a far jump to the 64-bit code segment completes the return (SDM vol. 3A
 * 10.8.5 initializing IA-32e mode, 10.8.5.4 leaving it; vol. 2B MOV to
 * CR0/CR3/CR4). The code and the stack are identity-mapped below 4 GiB, so
 * the instructions right after each paging change are fetched at the same
 * addresses. Registers the 32-bit leg cannot preserve (the upper halves,
 * R8-R15: SDM vol. 1 3.4.1.1) are saved in memory; see la57.h.
 */
#include <x86/desc.h>
#include <x86/asm_callee.h>

#define CR0_PG 0x80000000

	.data
	.balign 8
la57_saved_rsp:
	.quad 0
la57_new_cr3:
	.long 0
la57_new_cr4:
	.long 0

	.text
	.code64
	.globl la57_switch
la57_switch:
	push_callee_saved
	pushfq
	cli
	mov %edi, la57_new_cr3(%rip)
	mov %esi, la57_new_cr4(%rip)
	mov %rsp, la57_saved_rsp(%rip)
	pushq $KERNEL_CS32
	lea la57_compat(%rip), %rax
	push %rax
	lretq

	.code32
la57_compat:
	mov $KERNEL_DS, %ax		/* DS may be null after a CPL3 trip */
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %cr0, %eax
	and $~CR0_PG, %eax
	mov %eax, %cr0
	mov la57_new_cr4, %edx
	mov %edx, %cr4
	mov la57_new_cr3, %edx
	mov %edx, %cr3
	or $CR0_PG, %eax
	mov %eax, %cr0
	ljmp $KERNEL_CS, $la57_back64

	.code64
la57_back64:
	mov la57_saved_rsp(%rip), %rsp
	popfq
	pop_callee_saved
	ret
