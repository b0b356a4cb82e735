/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * user_entry.S: problem-state entry and return (usermode.c). ppc_user_enter
 * (fn, arg, msr) saves the nonvolatile registers (ELFv2 ABI 2.2.1.1) in
 * its frame and the frame's address in ppc_user_sp, then rfid (Power ISA
 * v3.0 Book III 4.4.1) to ppc_user_tramp with MSR = msr, which calls fn
 * (r12 = its entry, ABI 2.3.2.1) with arg and then executes "sc" (Book III
 * 7.5.14: SRR0 = the address after it). The system call handler of
 * usermode.c sends the interrupt's return to ppc_user_resume in
 * supervisor state with r1 = ppc_user_sp and r3 = fn's result.
 */
#include <powerpc/asm-offsets.h>

#define NV_SLOTS 20 /* r14-r31, r2, CR */
#define UFRAME (STACK_FRAME_MIN + NV_SLOTS * 8)
#define SLOT(n) (STACK_FRAME_MIN + (n) * 8)

	.text
	.globl ppc_user_enter, ppc_user_sc_end, ppc_user_resume
ppc_user_enter:
	mflr 0
	std 0, 16(1)
	stdu 1, -UFRAME(1)
	.irp n, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	std \n, SLOT(\n - 14)(1)
	.endr
	std 2, SLOT(18)(1)
	mfcr 0
	std 0, SLOT(19)(1)
	lis 6, ppc_user_sp@ha
	std 1, ppc_user_sp@l(6)
	mtctr 3
	mr 12, 3
	mr 3, 4
	lis 6, ppc_user_tramp@ha
	addi 6, 6, ppc_user_tramp@l
	mtsrr0 6
	mtsrr1 5
	rfid

ppc_user_tramp:
	bctrl
	sc
ppc_user_sc_end:
	b ppc_user_sc_end

ppc_user_resume:
	.irp n, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld \n, SLOT(\n - 14)(1)
	.endr
	ld 2, SLOT(18)(1)
	ld 0, SLOT(19)(1)
	mtcr 0
	addi 1, 1, UFRAME
	ld 0, 16(1)
	mtlr 0
	blr

	.section .bss
	.balign 8
	.globl ppc_user_sp
ppc_user_sp:
	.space 8
