/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vectors.S: interrupt entry (Power ISA v3.0 Book III 7.2-7.5). An
 * interrupt in real mode goes to its vector offset from real address 0
 * with SRR0/SRR1 set, MSR[IR, DR, EE, RI] cleared and MSR[LE] =
 * LPCR[ILE] (set through H_SET_MODE at boot, setup.c). Each stub below is
 * copied to its vector by install_vectors(); the smallest vectors are 32
 * bytes apart (0xf20, 0xf40, 0xf60), so a stub is at most 8 instructions.
 * It saves r1 in SPRG1, builds a frame below the interrupted stack's
 * protected zone, saves r3, loads the vector number and branches
 * (absolute, AA=1) to exc_common, which saves the rest into struct
 * pt_regs (asm-offsets.h), calls ppc_exception(regs) with the ELFv2
 * environment, restores everything and returns with rfid.
 */
#include <powerpc/asm-offsets.h>

.macro vector_stub vec
	.section .text.vector_stubs, "ax"
	.balign 32
9:	mtspr 273, 1
	addi 1, 1, -EXC_STACK_DROP
	std 3, STACK_FRAME_MIN + REGS_GPR(3)(1)
	li 3, \vec
	ba exc_common
	.section .vector_stubs, "a"
	.quad \vec, 9b
	.previous
.endm

	vector_stub 0x100
	vector_stub 0x200
	vector_stub 0x300
	vector_stub 0x380
	vector_stub 0x400
	vector_stub 0x480
	vector_stub 0x500
	vector_stub 0x600
	vector_stub 0x700
	vector_stub 0x800
	vector_stub 0x900
	vector_stub 0xa00
	vector_stub 0xc00
	vector_stub 0xd00
	vector_stub 0xf00
	vector_stub 0xf20
	vector_stub 0xf40
	vector_stub 0xf60

/*
 * The system reset entry registered with ibm,nmi-register (LoPAPR
 * firmware-assisted NMI): the 0x100 vector code's work, run where it is linked
 * and reported as VEC_FWNMI_SRESET so a test tells the two entries apart.
 */
	.text
	.globl ppc_fwnmi_sreset
	.balign 32
ppc_fwnmi_sreset:
	mtspr 273, 1
	addi 1, 1, -EXC_STACK_DROP
	std 3, STACK_FRAME_MIN + REGS_GPR(3)(1)
	li 3, 0xfe0			/* VEC_FWNMI_SRESET, exceptions.h */
	ba exc_common

#define R(n) STACK_FRAME_MIN + REGS_GPR(n)(1)
#define S(f) STACK_FRAME_MIN + f(1)

	.text
	.globl exc_common
exc_common:
	std 0, R(0)
	mfspr 0, 273
	std 0, R(1)
	std 0, 0(1)			/* back chain */
	std 2, R(2)
	.irp n, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	std \n, R(\n)
	.endr
	std 3, S(REGS_VECTOR)
	mfsrr0 0
	std 0, S(REGS_NIP)
	mfsrr1 0
	std 0, S(REGS_MSR)
	mflr 0
	std 0, S(REGS_LR)
	mfctr 0
	std 0, S(REGS_CTR)
	mfcr 0
	std 0, S(REGS_CR)
	mfxer 0
	std 0, S(REGS_XER)
	mfdar 0
	std 0, S(REGS_DAR)
	mfdsisr 0
	std 0, S(REGS_DSISR)

	lis 2, .TOC.@ha
	addi 2, 2, .TOC.@l
	addi 3, 1, STACK_FRAME_MIN
	bl ppc_exception
	nop

	ld 0, S(REGS_NIP)
	mtsrr0 0
	ld 0, S(REGS_MSR)
	mtsrr1 0
	ld 0, S(REGS_LR)
	mtlr 0
	ld 0, S(REGS_CTR)
	mtctr 0
	ld 0, S(REGS_CR)
	mtcr 0
	ld 0, S(REGS_XER)
	mtxer 0
	ld 0, R(0)
	ld 2, R(2)
	.irp n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld \n, R(\n)
	.endr
	ld 1, R(1)
	rfid
