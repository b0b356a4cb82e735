// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/xchg: exchanges and compare-exchanges (Intel SDM vol. 2A/2C
 * XCHG, CMPXCHG, CMPXCHG8B/CMPXCHG16B, XADD) with and without LOCK, and
 * LOCK where it is not allowed (vol. 2A LOCK: #UD).
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * XCHG, CMPXCHG, CMPXCHG8B/16B, XADD (SDM vol. 2A/2C). CMPXCHG compares
 * the accumulator with the destination and sets the flags as CMP does; on
 * failure the accumulator receives the destination (a 32-bit write
 * zero-extends). CMPXCHG8B sets only ZF. XADD sets the flags as ADD. LOCK on an
 * instruction that does not allow it, or without a memory destination, is
 * #UD (SDM vol. 2A LOCK).
 */
TEST_CASE(xchg)
{
	emu_table_begin();
	EMU_ROW("xchgb %bl, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344556677a8), TO_RBX(0xa1a2a3a4a5a6a788));
	EMU_ROW("xchgw %bx, 1(%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x1122334455a7a888), TO_RBX(0xa1a2a3a4a5a66677));
	EMU_ROW("xchgl %ebx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a5a6a7a8), TO_RBX(0x55667788));
	EMU_ROW("xchgq %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_CF), TO_MEM(RB),
		TO_RBX(M0));
	EMU_ROW("xchgq (%r8), %rbx", MEM2(M0, M1), RBX(RB), TO_MEM2(RB, M1),
		TO_RBX(M0));
	EMU_ROW("cmpxchgb %bl, (%r8)", MEM(M0), RAX(0x88), RBX(RB),
		TO_MEM(0x11223344556677a8), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("cmpxchgl %ebx, (%r8)", MEM(M0), RAX(0x55667788), RBX(RB),
		TO_MEM(0x11223344a5a6a7a8), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("cmpxchgl %ebx, (%r8)", MEM(M0), RAX(0xdead000055667789),
		RBX(RB), TO_RAX(0x55667788), TO_FL(0));
	EMU_ROW("cmpxchgq %rbx, (%r8)", MEM(M0), RAX(0), RBX(RB), TO_RAX(M0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("lock cmpxchgw %bx, (%r8)", MEM(M0), RAX(0x7788), RBX(RB),
		TO_MEM(0x112233445566a7a8), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("lock cmpxchgq %rbx, 8(%r8)", MEM2(M0, M1), RAX(M1), RBX(RB),
		TO_MEM2(M0, RB), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("cmpxchg8b (%r8)", MEM2(M0, M1), RDX(0x11223344),
		RAX(0x55667788), RCX(0xc1c2c3c4), RBX(0xb1b2b3b4), FL(FL_CF),
		TO_MEM2(0xc1c2c3c4b1b2b3b4, M1), TO_FL(FL_CF | FL_ZF));
	EMU_ROW("cmpxchg8b (%r8)", MEM2(M0, M1), RDX(0xffffffff00000000),
		RAX(0xffffffff00000000), RCX(0xc1c2c3c4), RBX(0xb1b2b3b4),
		FL(FL_ZF | FL_SF), TO_RDX(0x11223344), TO_RAX(0x55667788),
		TO_FL(FL_SF));
	EMU_ROW("lock cmpxchg8b 8(%r8)", MEM2(M0, M1), RDX(0x99aabbcc),
		RAX(0xddeeff00), RCX(0xc1c2c3c4), RBX(0xb1b2b3b4),
		TO_MEM2(M0, 0xc1c2c3c4b1b2b3b4), TO_FL(FL_ZF));
	EMU_ROW("xaddb %bl, (%r8)", MEM(M0), RBX(0x78),
		TO_MEM(0x1122334455667700), TO_RBX(0x88),
		TO_FL(FL_CF | FL_ZF | FL_PF | FL_AF));
	EMU_ROW("xaddl %ebx, (%r8)", MEM(M0), RBX(0xaa998878),
		TO_MEM(0x1122334400000000), TO_RBX(0x55667788),
		TO_FL(FL_CF | FL_ZF | FL_PF | FL_AF));
	EMU_ROW("lock xaddq %rbx, (%r8)", MEM(M0), RBX(1),
		TO_MEM(0x1122334455667789), TO_RBX(M0), TO_FL(0));
	EMU_ROW(".byte 0xf0; movl %ebx, (%r8)", MEM(M0), RBX(RB),
		FAULTS(FAULT_UD));
	EMU_ROW(".byte 0xf0; addl (%r8), %ebx", MEM(M0), RBX(RB),
		FAULTS(FAULT_UD));
	emu_table_end();
}

/*
 * CMPXCHG16B (SDM vol. 2A CMPXCHG8B/CMPXCHG16B): compares RDX:RAX with
 * m128, stores RCX:RBX on success, loads RDX:RAX on failure, sets only
 * ZF; #GP(0) when m128 is not 16-byte aligned. A case of its own: a
 * hypervisor that cannot emulate it may stop the VM (run it from its own
 * cfg entry).
 */
TEST_CASE(cmpxchg16b)
{
	emu_table_begin();
	EMU_ROW("cmpxchg16b (%r8)", MEM2(M0, M1), RDX(M1), RAX(M0),
		RCX(0xc1c2c3c4c5c6c7c8), RBX(RB),
		TO_MEM2(RB, 0xc1c2c3c4c5c6c7c8), TO_FL(FL_ZF), NEED(NEED_CX16));
	EMU_ROW("lock cmpxchg16b (%r8)", MEM2(M0, M1), RDX(M1), RAX(M1),
		RCX(0xc1c2c3c4c5c6c7c8), RBX(RB), FL(FL_ZF | FL_OF), TO_RDX(M1),
		TO_RAX(M0), TO_FL(FL_OF), NEED(NEED_CX16));
	EMU_ROW("cmpxchg16b 8(%r8)", MEM2(M0, M1), RDX(M1), RAX(M0), RCX(1),
		RBX(2), FAULTS(FAULT_GP(0)), NEED(NEED_CX16));
	emu_table_end();
}

/* clang-format on */
