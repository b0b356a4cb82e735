// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/string: string instructions (Intel SDM vol. 2B MOVS STOS LODS
 * CMPS SCAS, REP/REPE/REPNE; vol. 1 7.3.9): element sizes, both
 * directions, RCX counting, REPE/REPNE termination, overlapping copies.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * MOVS STOS LODS CMPS SCAS, with REP/REPE/REPNE, in both directions (SDM
 * vol. 2B; vol. 1 7.3.9): RSI and RDI move by the element size, backwards
 * with DF=1; RCX counts down; REPE/REPNE stop on ZF; RCX=0 does nothing.
 * An overlapping REP MOVSB copies element by element. RSI and RDI are
 * offsets in the buffer.
 */
TEST_CASE(string)
{
	emu_table_begin();
	EMU_ROW("movsb", MEM2(M0, M1), REL, RSI(0), RDI(8),
		TO_MEM2(M0, 0x99aabbccddeeff88), TO_RSI(1), TO_RDI(9));
	EMU_ROW("movsw", MEM2(M0, M1), REL, RSI(2), RDI(10), FL(FL_DF),
		TO_MEM2(M0, 0x99aabbcc5566ff00), TO_RSI(0), TO_RDI(8));
	EMU_ROW("movsl", MEM2(M0, M1), REL, RSI(0), RDI(12),
		TO_MEM2(M0, 0x55667788ddeeff00), TO_RSI(4), TO_RDI(16));
	EMU_ROW("movsq", MEM2(M0, M1), REL, RSI(8), RDI(0), TO_MEM2(M1, M1),
		TO_RSI(16), TO_RDI(8));
	EMU_ROW("rep movsb", MEM2(M0, M1), REL, RSI(0), RDI(8), RCX(8),
		TO_MEM2(M0, M0), TO_RSI(8), TO_RDI(16), TO_RCX(0));
	EMU_ROW("rep movsb", MEM2(M0, M1), REL, RSI(0), RDI(1), RCX(4),
		TO_MEM2(0x1122338888888888, M1), TO_RSI(4), TO_RDI(5),
		TO_RCX(0));
	EMU_ROW("rep movsw", MEM2(M0, M1), REL, RSI(6), RDI(14), RCX(4),
		FL(FL_DF), TO_MEM2(M0, M0), TO_RSI(-2), TO_RDI(6), TO_RCX(0));
	EMU_ROW("rep movsq", MEM2(M0, M1), REL, RSI(0), RDI(8), RCX(0));
	EMU_ROW("rep stosb", MEM2(M0, M1), REL, RDI(13), RAX(0x5a), RCX(3),
		TO_MEM2(M0, 0x5a5a5accddeeff00), TO_RDI(16), TO_RCX(0));
	EMU_ROW("rep stosl", MEM2(M0, M1), REL, RDI(0), RAX(0xdeadbeef), RCX(4),
		TO_MEM2(0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef), TO_RDI(16),
		TO_RCX(0));
	EMU_ROW("rep stosq", MEM2(M0, M1), REL, RDI(8), RAX(RB), RCX(2),
		FL(FL_DF), TO_MEM2(RB, RB), TO_RDI(-8), TO_RCX(0));
	EMU_ROW("stosw", MEM2(M0, M1), REL, RDI(6), RAX(0xabcd),
		TO_MEM2(0xabcd334455667788, M1), TO_RDI(8));
	EMU_ROW("lodsb", MEM2(M0, M1), REL, RSI(7), RAX(-1),
		TO_RAX(0xffffffffffffff11), TO_RSI(8));
	EMU_ROW("lodsl", MEM2(M0, M1), REL, RSI(8), RAX(-1), TO_RAX(0xddeeff00),
		TO_RSI(12));
	EMU_ROW("lodsq", MEM2(M0, M1), REL, RSI(8), FL(FL_DF), TO_RAX(M1),
		TO_RSI(0));
	EMU_ROW("cmpsb", MEM2(M0, M1), REL, RSI(0), RDI(8),
		TO_FL(FL_SF | FL_PF), TO_RSI(1), TO_RDI(9));
	EMU_ROW("repe cmpsb", MEM2(M0, 0x1122ff4455667788), REL, RSI(0), RDI(8),
		RCX(8), TO_FL(FL_CF | FL_AF), TO_RSI(6), TO_RDI(14), TO_RCX(2));
	EMU_ROW("repe cmpsb", MEM2(M0, M1), REL, RSI(0), RDI(8), RCX(0),
		FL(FL_CF | FL_ZF));
	EMU_ROW("repne scasb", MEM2(M0, M1), REL, RDI(0), RAX(0x44), RCX(16),
		TO_FL(FL_ZF | FL_PF), TO_RDI(5), TO_RCX(11));
	EMU_ROW("repe scasw", MEM2(M0, M1), REL, RDI(0), RAX(0x7788), RCX(4),
		TO_FL(FL_PF), TO_RDI(4), TO_RCX(2));
	EMU_ROW("repne scasl", MEM2(M0, M1), REL, RDI(12), RAX(0x55667788),
		RCX(4), FL(FL_DF), TO_FL(FL_DF | FL_ZF | FL_PF), TO_RDI(-4),
		TO_RCX(0));
	EMU_ROW("addr32 rep stosb", MEM2(M0, M1), REL, RDI(8), RAX(0x77),
		RCX(2), TO_MEM2(M0, 0x99aabbccddee7777), TO_RDI(10), TO_RCX(0));
	emu_table_end();
}

/* clang-format on */
