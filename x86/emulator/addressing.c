// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/addressing: how the emulator forms an address (Intel SDM vol.
 * 2A 2.1.1 prefixes, 2.2.1 REX; vol. 1 3.3.7 canonical addresses): segment
 * overrides and FS/GS bases, the 67H address size, 66H against REX.W, and
 * non-canonical addresses (vol. 3A 6.15: #GP(0), #SS(0)).
 */
#include "emulator.h"

#define FAULT_SS0 FAULT(SS_VECTOR, 0)

/* clang-format off: the cases below are tables, one row per line. */

/*
 * Prefixes (SDM vol. 2A 2.1.1, 2.2.1; vol. 1 3.3.7.1): in 64-bit mode FS
 * and GS overrides add their base, the other segment overrides are
 * ignored; 67H makes the address 32 bits wide (wrapping modulo 2^32) and
 * string instructions use ESI/EDI/ECX; REX.W wins over 66H. The test sets
 * FS.base = 8 and GS.base = 4 around the rows.
 */
TEST_CASE(prefixes)
{
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);

	wrmsr(MSR_FS_BASE, 8);
	wrmsr(MSR_GS_BASE, 4);
	emu_table_begin();
	EMU_ROW("movl %fs:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0xddeeff00));
	EMU_ROW("movq %rbx, %fs:(%r8)", MEM2(M0, M1), RBX(RB), TO_MEM2(M0, RB));
	EMU_ROW("addl %ebx, %fs:4(%r8)", MEM2(M0, M1), RBX(1),
		TO_MEM2(M0, 0x99aabbcdddeeff00), TO_FL(FL_SF));
	EMU_ROW("movl %gs:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x11223344));
	EMU_ROW("movl %ds:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movl %es:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movl %ss:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movl %cs:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movsb %fs:(%rsi), %es:(%rdi)", MEM2(M0, M1), REL, RSI(0),
		RDI(0), TO_MEM2(0x1122334455667700, M1), TO_RSI(1), TO_RDI(1));
	EMU_ROW("movl 1(%r8d,%ebx,1), %eax", MEM2(M0, M1), RBX(0xffffffff),
		RAX(-1), TO_RAX(0x55667788));
	EMU_ROW(".byte 0x66; movq %rbx, (%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(RB, M1));
	EMU_ROW(".byte 0x66; addq %rbx, (%r8)", MEM2(M0, M1), RBX(1),
		TO_MEM2(0x1122334455667789, M1), TO_FL(0));
	emu_table_end();
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
}

/*
 * Non-canonical addresses (SDM vol. 1 3.3.7.1; vol. 3A 6.15 #GP and #SS):
 * #GP(0), or #SS(0) when the address uses RSP or RBP as base; nothing is
 * written and no register changes.
 */
TEST_CASE(noncanonical)
{
	emu_table_begin();
	EMU_ROW("movl (%r8,%rbx), %eax", MEM(M0), RBX(NONCANON),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("movl %eax, (%r8,%rbx)", MEM(M0), RBX(NONCANON), RAX(1),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("addl %eax, (%r8,%rbx)", MEM(M0), RBX(NONCANON), RAX(1),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("movl (%rsp,%rbx), %eax", MEM(M0), RBX(NONCANON),
		FAULTS(FAULT_SS0));
	EMU_ROW("movl (%rbp,%rbx), %eax", MEM(M0), RBX(NONCANON),
		FAULTS(FAULT_SS0));
	EMU_ROW("movsb", MEM(M0), REL, RSI(0), RDI(NONCANON),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("movsq", MEM(M0), REL, RSI(NONCANON), RDI(0),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("rep stosb", MEM(M0), REL, RDI(NONCANON), RCX(4),
		FAULTS(FAULT_GP(0)));
	emu_table_end();
}

/* clang-format on */
