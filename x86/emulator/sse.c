// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/sse: SSE loads and stores with a memory operand (Intel SDM vol.
 * 2B MOVDQA, MOVDQU, MOVUPS, MOVAPS, MOVNTDQ, MOVQ, MOVD, MOVNTI, MOVSS),
 * and the alignment #GP(0) of MOVDQA and MOVAPS.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * SSE loads and stores with an MMIO operand (SDM vol. 2B MOVDQA, MOVDQU,
 * MOVUPS, MOVAPS, MOVQ, MOVD, MOVNTI, MOVSS): MOVDQA/MOVAPS #GP(0) when
 * the operand is not 16-byte aligned.
 */
#define XMM0_FROM_RBX_RCX \
	"movq %rbx, %xmm0; movq %rcx, %xmm1; punpcklqdq %xmm1, %xmm0; "
#define RAX_RBX_FROM_XMM0 \
	"; movq %xmm0, %rax; psrldq $8, %xmm0; movq %xmm0, %rbx"
TEST_CASE(sse)
{
	emu_table_begin();
	EMU_ROW(XMM0_FROM_RBX_RCX "movdqu %xmm0, (%r8)", MEM2(M0, M1), RBX(RB),
		RCX(0xc1c2c3c4c5c6c7c8), TO_MEM2(RB, 0xc1c2c3c4c5c6c7c8));
	EMU_ROW(XMM0_FROM_RBX_RCX "movdqa %xmm0, (%r8)", MEM2(M0, M1), RBX(RB),
		RCX(1), TO_MEM2(RB, 1));
	EMU_ROW(XMM0_FROM_RBX_RCX "movups %xmm0, (%r8)", MEM2(M0, M1), RBX(2),
		RCX(RB), TO_MEM2(2, RB));
	EMU_ROW(XMM0_FROM_RBX_RCX "movntdq %xmm0, (%r8)", MEM2(M0, M1), RBX(3),
		RCX(4), TO_MEM2(3, 4));
	EMU_ROW("movdqu (%r8), %xmm0" RAX_RBX_FROM_XMM0, MEM2(M0, M1),
		TO_RAX(M0), TO_RBX(M1));
	EMU_ROW("movdqa (%r8), %xmm0" RAX_RBX_FROM_XMM0, MEM2(M0, M1),
		TO_RAX(M0), TO_RBX(M1));
	EMU_ROW("movaps (%r8), %xmm0" RAX_RBX_FROM_XMM0, MEM2(M0, M1),
		TO_RAX(M0), TO_RBX(M1));
	EMU_ROW("movq 3(%r8), %xmm0; movq %xmm0, %rax", MEM2(M0, M1),
		TO_RAX(0xeeff001122334455));
	EMU_ROW("movd 4(%r8), %xmm0; movq %xmm0, %rax", MEM2(M0, M1), RAX(-1),
		TO_RAX(0x11223344));
	EMU_ROW("movq %rbx, %xmm0; movq %xmm0, 8(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(M0, RB));
	EMU_ROW("movd %ebx, %xmm0; movss %xmm0, 4(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0xa5a6a7a855667788, M1));
	EMU_ROW("movnti %rbx, 8(%r8)", MEM2(M0, M1), RBX(RB), TO_MEM2(M0, RB));
	EMU_ROW("movdqa 8(%r8), %xmm0", MEM2(M0, M1), FAULTS(FAULT_GP(0)));
	EMU_ROW("movaps %xmm0, 8(%r8)", MEM2(M0, M1), FAULTS(FAULT_GP(0)));
	emu_table_end();
}

/* clang-format on */
