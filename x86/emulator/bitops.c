// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/bitops: bit tests and scans with a memory operand (Intel SDM
 * vol. 2A BT BTS BTR BTC BSF BSR; AMD APM vol. 3 for ZF after BT*): bit
 * offsets that address other bytes of the bit string, LOCK.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * BT BTS BTR BTC (SDM vol. 2A): with a register bit offset the operand is
 * a bit string starting at the memory address, so offsets beyond the
 * operand's width, and negative ones, address other bytes; an immediate
 * offset is taken modulo the width. CF receives the bit; OF SF AF PF are
 * undefined (ZF too on AMD, APM vol. 3). BSF/BSR set ZF only.
 */
#define BT_M0 0x8000000080000f0fULL
#define BT_M1 0x10ULL
#define BT_UNDEF UNDEF(FL_OF | FL_SF | FL_ZF | FL_AF | FL_PF)
TEST_CASE(bitops)
{
	emu_table_begin();
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(3), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(68), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(67), FL(FL_CF),
		TO_FL(0), BT_UNDEF);
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(35), FL(FL_CF),
		TO_FL(0), BT_UNDEF);
	EMU_ROW("btl $35, (%r8)", MEM2(BT_M0, BT_M1), TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("btl %ebx, 8(%r8)", MEM2(BT_M0, BT_M1), RBX(0xffffffdf),
		TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("btq %rbx, (%r8)", MEM2(BT_M0, BT_M1), RBX(63), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btw %bx, (%r8)", MEM2(BT_M0, BT_M1), RBX(68), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btsl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(69), FL(FL_CF),
		TO_MEM2(BT_M0, 0x30), TO_FL(0), BT_UNDEF);
	EMU_ROW("btrq %rbx, (%r8)", MEM2(BT_M0, BT_M1), RBX(68),
		TO_MEM2(BT_M0, 0), TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("btcw %bx, (%r8)", MEM2(BT_M0, BT_M1), RBX(17),
		TO_MEM2(0x8000000080020f0f, BT_M1), TO_FL(0), BT_UNDEF);
	EMU_ROW("btsq %rbx, 8(%r8)", MEM2(BT_M0, BT_M1), RBX(-1), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btrl $4, 8(%r8)", MEM2(BT_M0, BT_M1), TO_MEM2(BT_M0, 0),
		TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("lock btsl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(100),
		TO_MEM2(BT_M0, 0x1000000010), TO_FL(0), BT_UNDEF);
	EMU_ROW("lock btcl $31, (%r8)", MEM2(BT_M0, BT_M1),
		TO_MEM2(0x8000000000000f0f, BT_M1), TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("lock btrq %rbx, (%r8)", MEM2(BT_M0, BT_M1), RBX(127), TO_FL(0),
		BT_UNDEF);
	EMU_ROW("bsfq (%r8), %rbx", MEM2(BT_M0, BT_M1), RBX(RB), FL(FL_ZF),
		TO_RBX(0), TO_FL(0),
		UNDEF(FL_CF | FL_OF | FL_SF | FL_AF | FL_PF));
	EMU_ROW("bsrq (%r8), %rbx", MEM2(BT_M0, BT_M1), RBX(RB), TO_RBX(63),
		TO_FL(0), UNDEF(FL_CF | FL_OF | FL_SF | FL_AF | FL_PF));
	EMU_ROW("bsfw 8(%r8), %bx", MEM2(BT_M0, BT_M1), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a60004), TO_FL(0),
		UNDEF(FL_CF | FL_OF | FL_SF | FL_AF | FL_PF));
	emu_table_end();
}

/* clang-format on */
