// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/mov: data transfer through the MOV family (Intel SDM vol. 2B
 * MOV, MOVZX, MOVSX/MOVSXD, MOVBE), MOV with a moffs operand (A0-A3) and
 * XLAT: widths, offsets that straddle the two halves of the buffer, zero-
 * and sign-extension; none of them affects a flag.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/* MOV, MOVZX, MOVSX, MOVSXD, MOVBE: SDM vol. 2B; no flag is affected. */
TEST_CASE(mov)
{
	emu_table_begin();
	/* Stores of each size, aligned and straddling the two halves. */
	EMU_ROW("movb %bl, (%r8)", MEM(M0), RBX(RB), FL(FL_CF | FL_ZF),
		TO_MEM(0x11223344556677a8));
	EMU_ROW("movw %bx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x112233445566a7a8));
	EMU_ROW("movl %ebx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a5a6a7a8));
	EMU_ROW("movq %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_SF | FL_OF),
		TO_MEM(RB));
	EMU_ROW("movl %ebx, 3(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0x11a5a6a7a8667788, M1));
	EMU_ROW("movq %rbx, 5(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0xa6a7a84455667788, 0x99aabba1a2a3a4a5));
	EMU_ROW("movw %bx, 7(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0xa822334455667788, 0x99aabbccddeeffa7));
	EMU_ROW("movb $0x5a, (%r8)", MEM(M0), TO_MEM(0x112233445566775a));
	EMU_ROW("movw $0x1234, 2(%r8)", MEM(M0), TO_MEM(0x1122334412347788));
	EMU_ROW("movl $0x89abcdef, (%r8)", MEM(M0), TO_MEM(0x1122334489abcdef));
	EMU_ROW("movq $-2, (%r8)", MEM(M0), TO_MEM(0xfffffffffffffffe));
	EMU_ROW("movq $0x7fffffff, 8(%r8)", MEM2(M0, M1),
		TO_MEM2(M0, 0x7fffffff));
	/* Loads: 8/16-bit keep the rest of the register, 32-bit zero-extends. */
	EMU_ROW("movb (%r8), %bl", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a6a788));
	EMU_ROW("movw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a67788));
	EMU_ROW("movl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x55667788));
	EMU_ROW("movq (%r8), %rbx", MEM(M0), RBX(RB), FL(FL_PF), TO_RBX(M0));
	EMU_ROW("movq 5(%r8), %rbx", MEM2(M0, M1), TO_RBX(0xccddeeff00112233));
	EMU_ROW("movw 14(%r8), %cx", MEM2(M0, M1), RCX(RB),
		TO_RCX(0xa1a2a3a4a5a699aa));
	/* MOVZX and MOVSX (SDM vol. 2B), MOVSXD (REX.W 63 /r). */
	EMU_ROW("movzbl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x88));
	EMU_ROW("movzwl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x7788));
	EMU_ROW("movzbq 7(%r8), %rbx", MEM(M0), RBX(RB), TO_RBX(0x11));
	EMU_ROW("movzwq 6(%r8), %rbx", MEM(M0), RBX(RB), TO_RBX(0x1122));
	EMU_ROW("movzbw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a60088));
	EMU_ROW("movsbw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a6ff88));
	EMU_ROW("movsbl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0xffffff88));
	EMU_ROW("movsbq (%r8), %rbx", MEM(M0), TO_RBX(0xffffffffffffff88));
	EMU_ROW("movswl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x7788));
	EMU_ROW("movswq 8(%r8), %rbx", MEM2(M0, M1),
		TO_RBX(0xffffffffffffff00));
	EMU_ROW("movslq 4(%r8), %rbx", MEM(M0), RBX(RB), TO_RBX(0x11223344));
	EMU_ROW("movslq 12(%r8), %rbx", MEM2(M0, M1),
		TO_RBX(0xffffffff99aabbcc));
	/* MOVBE (SDM vol. 2B): byte-swapped load or store. */
	EMU_ROW("movbe (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x88776655),
		NEED(NEED_MOVBE));
	EMU_ROW("movbe (%r8), %rbx", MEM(M0), TO_RBX(0x8877665544332211),
		NEED(NEED_MOVBE));
	EMU_ROW("movbe (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a68877), NEED(NEED_MOVBE));
	EMU_ROW("movbe %ebx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a8a7a6a5), NEED(NEED_MOVBE));
	EMU_ROW("movbe %rbx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0xa8a7a6a5a4a3a2a1), NEED(NEED_MOVBE));
	EMU_ROW("movbe %bx, 1(%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x1122334455a8a788), NEED(NEED_MOVBE));
	emu_table_end();
}

/*
 * MOV with moffs (A0-A3, SDM vol. 2B MOV): the address is the instruction's
 * offset (64 bits; 32 with 67H) plus the segment base, here FS.base = the
 * buffer. XLAT (vol. 2B): AL := [RBX + zero-extended AL] (EBX with 67H).
 * No flag is affected.
 */
TEST_CASE(moffs_xlat)
{
	emu_table_begin();
	EMU_ROW("movabsb %fs:3, %al", MEM(M0), RAX(RB), FS_BUF,
		TO_RAX(0xa1a2a3a4a5a6a755));
	EMU_ROW("movabsw %fs:6, %ax", MEM(M0), RAX(RB), FS_BUF,
		TO_RAX(0xa1a2a3a4a5a61122));
	EMU_ROW("movabsl %fs:4, %eax", MEM(M0), RAX(RB), FS_BUF,
		TO_RAX(0x11223344));
	EMU_ROW("movabsq %fs:5, %rax", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_RAX(0xccddeeff00112233));
	EMU_ROW("addr32 movabsl %fs:9, %eax", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_RAX(0xccddeeff));
	EMU_ROW("movabsb %al, %fs:1", MEM(M0), RAX(RB), FS_BUF,
		TO_MEM(0x112233445566a888));
	EMU_ROW("movabsw %ax, %fs:9", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, 0x99aabbccdda7a800));
	EMU_ROW("movabsl %eax, %fs:12", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, 0xa5a6a7a8ddeeff00));
	EMU_ROW("movabsq %rax, %fs:8", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, RB));
	EMU_ROW("movabsq %rax, %fs:4", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(0xa5a6a7a855667788, 0x99aabbcca1a2a3a4));
	EMU_ROW("addr32 movabsb %al, %fs:15", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, 0xa8aabbccddeeff00));
	/* XLAT */
	EMU_ROW("xlat %fs:(%rbx)", MEM(M0), RAX(0xa1a2a3a4a5a6a705), FS_BUF,
		TO_RAX(0xa1a2a3a4a5a6a733));
	EMU_ROW("xlat %fs:(%rbx)", MEM2(M0, M1), RAX(0xa1a2a3a4a5a6a70b),
		RBX(2), FS_BUF, TO_RAX(0xa1a2a3a4a5a6a7bb));
	EMU_ROW("xlat %fs:(%rbx)", MEM(M0), RAX(0xa1a2a3a4a5a6a780), RBX(-0x79),
		FS_BUF, TO_RAX(0xa1a2a3a4a5a6a711));
	EMU_ROW(".byte 0x64, 0x48, 0xd7", MEM2(M0, M1), RAX(0xa1a2a3a4a5a6a70a),
		FS_BUF, TO_RAX(0xa1a2a3a4a5a6a7ee));
	EMU_ROW("addr32 xlat %fs:(%ebx)", MEM2(M0, M1), RAX(0xa1a2a3a4a5a6a70e),
		RBX(0xffffffff00000001), FS_BUF, TO_RAX(0xa1a2a3a4a5a6a799));
	emu_table_end();
}

/* clang-format on */
