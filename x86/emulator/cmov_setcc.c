// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/cmov_setcc: conditional moves and stores (Intel SDM vol. 2A
 * CMOVcc, vol. 2B SETcc): the source is read and may fault whatever the
 * condition; a false 32-bit CMOVcc still clears the destination's upper
 * half.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * CMOVcc (SDM vol. 2A): the source is read whatever the condition, so a
 * faulting source faults even when the condition is false; with a false
 * condition a 32-bit destination still has bits 63:32 cleared (Operation:
 * "ELSE IF OperandSize = 32 and IA-32e mode active THEN DEST[63:32] := 0"),
 * a 16- or 64-bit one is unchanged. SETcc (vol. 2B) stores 1 or 0 to a
 * byte. Neither changes a flag.
 */
TEST_CASE(cmov_setcc)
{
	emu_table_begin();
	EMU_ROW("cmovzl (%r8), %ebx", MEM(M0), RBX(RB), FL(FL_ZF),
		TO_RBX(0x55667788));
	EMU_ROW("cmovzl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0xa5a6a7a8));
	EMU_ROW("cmovnzw 2(%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a65566));
	EMU_ROW("cmovnzw 2(%r8), %bx", MEM(M0), RBX(RB), FL(FL_ZF));
	EMU_ROW("cmovgq 8(%r8), %rbx", MEM2(M0, M1), RBX(RB), FL(FL_SF | FL_OF),
		TO_RBX(M1));
	EMU_ROW("cmovgq 8(%r8), %rbx", MEM2(M0, M1), RBX(RB), FL(FL_SF));
	EMU_ROW("cmovbq 3(%r8), %rcx", MEM2(M0, M1), RCX(RB), FL(FL_CF),
		TO_RCX(0xeeff001122334455));
	EMU_ROW("cmovaq (%r8), %rcx", MEM(M0), RCX(RB), FL(FL_CF));
	EMU_ROW("cmovpl 4(%r8), %eax", MEM(M0), RAX(RB), FL(FL_PF),
		TO_RAX(0x11223344));
	EMU_ROW("cmovol 4(%r8), %eax", MEM(M0), RAX(RB), TO_RAX(0xa5a6a7a8));
	EMU_ROW("cmovlel 6(%r8), %edx", MEM2(M0, M1), RDX(RB), FL(FL_SF),
		TO_RDX(0xff001122));
	EMU_ROW("cmovsq (%r8), %rdx", MEM(M0), RDX(RB), FL(FL_OF));
	/* A non-canonical source: #GP(0) whether or not the move happens. */
	EMU_ROW("cmovzl (%r8,%rbx), %eax", MEM(M0), RAX(RB), RBX(NONCANON),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("cmovzl (%r8,%rbx), %eax", MEM(M0), RAX(RB), RBX(NONCANON),
		FL(FL_ZF), FAULTS(FAULT_GP(0)));
	EMU_ROW("cmovnzq (%r8,%rbx), %rax", MEM(M0), RAX(RB), RBX(NONCANON),
		FL(FL_ZF), FAULTS(FAULT_GP(0)));
	EMU_ROW("cmovcw (%r8,%rbx), %ax", MEM(M0), RAX(RB), RBX(NONCANON),
		FAULTS(FAULT_GP(0)));
	/* SETcc r/m8. */
	EMU_ROW("setz (%r8)", MEM(M0), FL(FL_ZF), TO_MEM(0x1122334455667701));
	EMU_ROW("setz (%r8)", MEM(M0), TO_MEM(0x1122334455667700));
	EMU_ROW("setnz 3(%r8)", MEM(M0), TO_MEM(0x1122334401667788));
	EMU_ROW("setb 7(%r8)", MEM(M0), FL(FL_CF), TO_MEM(0x0122334455667788));
	EMU_ROW("setbe 8(%r8)", MEM2(M0, M1), FL(FL_ZF),
		TO_MEM2(M0, 0x99aabbccddeeff01));
	EMU_ROW("seta (%r8)", MEM(M0), FL(FL_ZF), TO_MEM(0x1122334455667700));
	EMU_ROW("setl 1(%r8)", MEM(M0), FL(FL_SF), TO_MEM(0x1122334455660188));
	EMU_ROW("setge 1(%r8)", MEM(M0), FL(FL_SF | FL_OF),
		TO_MEM(0x1122334455660188));
	EMU_ROW("setle 2(%r8)", MEM(M0), FL(FL_OF), TO_MEM(0x1122334455017788));
	EMU_ROW("setg 2(%r8)", MEM(M0), FL(FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x1122334455007788));
	EMU_ROW("setp 15(%r8)", MEM2(M0, M1), FL(FL_PF),
		TO_MEM2(M0, 0x01aabbccddeeff00));
	EMU_ROW("setns 4(%r8)", MEM(M0), FL(FL_SF), TO_MEM(0x1122330055667788));
	EMU_ROW("setno 5(%r8)", MEM(M0), FL(FL_OF), TO_MEM(0x1122004455667788));
	EMU_ROW("sets 6(%r8)", MEM(M0), FL(FL_SF), TO_MEM(0x1101334455667788));
	emu_table_end();
}

/* clang-format on */
