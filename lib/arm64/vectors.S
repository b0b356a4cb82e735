/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vectors.S: the EL1 exception vector table (Arm ARM D1.10.2 "Exception
 * vectors": 16 entries of 0x80 bytes at VBAR_EL1, 2 KiB aligned; current
 * EL with SP_EL0, current EL with SP_ELx, lower EL AArch64, lower EL
 * AArch32; each Synchronous, IRQ, FIQ, SError). Every entry saves x0-x30,
 * the interrupted SP, ELR, SPSR, ESR and FAR as a struct pt_regs
 * (exceptions.h), calls arm64_exception_entry(regs, index) and returns
 * with ERET to the (possibly changed) ELR and SPSR.
 */
#include <arm64/asm-offsets.h>

.macro ventry idx
	.balign 0x80
	sub sp, sp, #REGS_SIZE
	stp x0, x1, [sp, #0]
	mov x0, #\idx
	b exception_common
.endm

	.text
	.balign 2048
	.globl vectors
vectors:
	ventry 0
	ventry 1
	ventry 2
	ventry 3
	ventry 4
	ventry 5
	ventry 6
	ventry 7
	ventry 8
	ventry 9
	ventry 10
	ventry 11
	ventry 12
	ventry 13
	ventry 14
	ventry 15

exception_common:
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	stp x16, x17, [sp, #128]
	stp x18, x19, [sp, #144]
	stp x20, x21, [sp, #160]
	stp x22, x23, [sp, #176]
	stp x24, x25, [sp, #192]
	stp x26, x27, [sp, #208]
	stp x28, x29, [sp, #224]
	add x1, sp, #REGS_SIZE
	stp x30, x1, [sp, #240]
	mrs x1, elr_el1
	mrs x2, spsr_el1
	stp x1, x2, [sp, #REGS_ELR]
	mrs x1, esr_el1
	mrs x2, far_el1
	stp x1, x2, [sp, #REGS_ESR]
	mov x1, x0
	mov x0, sp
	bl arm64_exception_entry
	ldp x1, x2, [sp, #REGS_ELR]
	msr elr_el1, x1
	msr spsr_el1, x2
	ldp x2, x3, [sp, #16]
	ldp x4, x5, [sp, #32]
	ldp x6, x7, [sp, #48]
	ldp x8, x9, [sp, #64]
	ldp x10, x11, [sp, #80]
	ldp x12, x13, [sp, #96]
	ldp x14, x15, [sp, #112]
	ldp x16, x17, [sp, #128]
	ldp x18, x19, [sp, #144]
	ldp x20, x21, [sp, #160]
	ldp x22, x23, [sp, #176]
	ldp x24, x25, [sp, #192]
	ldp x26, x27, [sp, #208]
	ldp x28, x29, [sp, #224]
	ldr x30, [sp, #240]
	ldp x0, x1, [sp, #0]
	add sp, sp, #REGS_SIZE
	eret
