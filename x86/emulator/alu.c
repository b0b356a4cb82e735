// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/alu: integer arithmetic and logic with a memory operand (Intel
 * SDM vol. 2A/2B ADD ADC SUB SBB AND OR XOR CMP TEST INC DEC NEG NOT, IMUL
 * MUL DIV IDIV): results, the status flags each sets (vol. 1 3.4.3 EFLAGS)
 * or leaves undefined, LOCK, and #DE.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * ADD ADC SUB SBB AND OR XOR CMP TEST INC DEC NEG NOT with a memory
 * operand (SDM vol. 2A/2B): OF SF ZF AF PF CF from the result; AND, OR,
 * XOR and TEST clear OF and CF and leave AF undefined; INC and DEC keep
 * CF; NOT affects no flag. Values: each width's largest positive number
 * plus one, smallest negative minus one, all-ones plus one, and two
 * patterns with carry in; the rest of the 8 bytes must not change.
 */
TEST_CASE(alu)
{
	emu_table_begin();
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_AF | FL_SF | FL_OF));
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(FL_CF | FL_OF));
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x7fffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0x0), TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(FL_CF | FL_OF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x7fffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0x0), TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7e), TO_FL(FL_PF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5afe), TO_FL(FL_SF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5acf),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7ffe), TO_FL(0));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a8001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5afffe), TO_FL(FL_SF));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a8acf),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a80000001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5afffffffe), TO_FL(FL_SF));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a02468acf),
		TO_FL(FL_CF | FL_PF | FL_AF));
	EMU_ROW("subq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7ffffffffffffffe), TO_FL(0));
	EMU_ROW("subq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x8000000000000001),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("subq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xfffffffffffffffe), TO_FL(FL_SF));
	EMU_ROW("subq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x13579bde02468acf),
		TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7e), TO_FL(FL_PF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5afe), TO_FL(FL_SF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5ace),
		TO_FL(FL_CF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7ffe), TO_FL(0));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a8001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5afffe), TO_FL(FL_SF));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a8ace),
		TO_FL(FL_CF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a80000001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5afffffffe), TO_FL(FL_SF));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a02468ace), TO_FL(FL_CF | FL_AF));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7ffffffffffffffe), TO_FL(0));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x8000000000000001),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xfffffffffffffffe), TO_FL(FL_SF));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x13579bde02468ace),
		TO_FL(FL_AF | FL_OF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a01), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a01), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a8000), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a80000000), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x1), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0x1), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7fffffffffffffff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xffffffffffffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7e), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5afe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7ffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5afffe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5afffffffe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7ffffffffffffffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x7fffffffffffffff),
		TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xfffffffffffffffe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_FL(FL_PF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1), TO_FL(0));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_FL(0));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_FL(FL_CF | FL_PF | FL_AF));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_FL(0));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF),
		TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("addb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff68),
		TO_FL(FL_CF));
	EMU_ROW("addl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0x3254768), TO_FL(FL_CF));
	EMU_ROW("subb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff88),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("subl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0x21436588),
		TO_FL(FL_CF | FL_PF));
	EMU_ROW("andb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff70), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("andl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0x10305070), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("orb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xfffffffffffffff8),
		TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("orl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0xf2f4f6f8), TO_FL(FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff88),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0xe2c4a688),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("cmpb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("cmpl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_FL(FL_CF | FL_PF));
	EMU_ROW("addq $-1, (%r8)", MEM(0x80000001), TO_MEM(0x80000000),
		TO_FL(FL_CF | FL_PF | FL_AF));
	EMU_ROW("addl $2147483647, (%r8)", MEM(0x5a5a5a5a80000001),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("subw $32768, (%r8)", MEM(0x5a5a5a5a5a5a0001),
		TO_MEM(0x5a5a5a5a5a5a8001), TO_FL(FL_CF | FL_SF | FL_OF));
	EMU_ROW("andq $-256, (%r8)", MEM(0x80000001), TO_MEM(0x80000000),
		TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orb $129, (%r8)", MEM(0x5a5a5a5a5a5a5a7e),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorl $-1, (%r8)", MEM(0x5a5a5a5a80000001),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("cmpq $-2147483648, (%r8)", MEM(0x80000001), TO_FL(FL_CF));
	EMU_ROW("adcl $0, (%r8)", MEM(0x5a5a5a5a80000001), FL(FL_CF),
		TO_MEM(0x5a5a5a5a80000002), TO_FL(FL_SF));
	EMU_ROW("incb (%r8)", MEM(0x5a5a5a5a5a5a5aff), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incb (%r8)", MEM(0x5a5a5a5a5a5a5a7f),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_AF | FL_SF | FL_OF));
	EMU_ROW("decb (%r8)", MEM(0x5a5a5a5a5a5a5a00), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a5aff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decb (%r8)", MEM(0x5a5a5a5a5a5a5a80),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(FL_AF | FL_OF));
	EMU_ROW("negb (%r8)", MEM(0x5a5a5a5a5a5a5a00),
		TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negb (%r8)", MEM(0x5a5a5a5a5a5a5a80),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_CF | FL_SF | FL_OF));
	EMU_ROW("negb (%r8)", MEM(0x5a5a5a5a5a5a5a01),
		TO_MEM(0x5a5a5a5a5a5a5aff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notb (%r8)", MEM(0x5a5a5a5a5a5a5aef),
		FL(FL_CF | FL_ZF | FL_OF), TO_MEM(0x5a5a5a5a5a5a5a10),
		TO_FL(FL_CF | FL_ZF | FL_OF));
	EMU_ROW("incw (%r8)", MEM(0x5a5a5a5a5a5affff), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incw (%r8)", MEM(0x5a5a5a5a5a5a7fff),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("decw (%r8)", MEM(0x5a5a5a5a5a5a0000), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5affff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decw (%r8)", MEM(0x5a5a5a5a5a5a8000),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("negw (%r8)", MEM(0x5a5a5a5a5a5a0000),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negw (%r8)", MEM(0x5a5a5a5a5a5a8000),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("negw (%r8)", MEM(0x5a5a5a5a5a5a0001),
		TO_MEM(0x5a5a5a5a5a5affff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notw (%r8)", MEM(0x5a5a5a5a5a5acdef),
		FL(FL_CF | FL_ZF | FL_OF), TO_MEM(0x5a5a5a5a5a5a3210),
		TO_FL(FL_CF | FL_ZF | FL_OF));
	EMU_ROW("incl (%r8)", MEM(0x5a5a5a5affffffff), FL(FL_CF),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incl (%r8)", MEM(0x5a5a5a5a7fffffff),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("decl (%r8)", MEM(0x5a5a5a5a00000000), FL(FL_CF),
		TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decl (%r8)", MEM(0x5a5a5a5a80000000),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("negl (%r8)", MEM(0x5a5a5a5a00000000),
		TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negl (%r8)", MEM(0x5a5a5a5a80000000),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("negl (%r8)", MEM(0x5a5a5a5a00000001),
		TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notl (%r8)", MEM(0x5a5a5a5a89abcdef),
		FL(FL_CF | FL_ZF | FL_OF), TO_MEM(0x5a5a5a5a76543210),
		TO_FL(FL_CF | FL_ZF | FL_OF));
	EMU_ROW("incq (%r8)", MEM(0xffffffffffffffff), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incq (%r8)", MEM(0x7fffffffffffffff),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("decq (%r8)", MEM(0x0), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decq (%r8)", MEM(0x8000000000000000),
		TO_MEM(0x7fffffffffffffff), TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("negq (%r8)", MEM(0x0), TO_MEM(0x0), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negq (%r8)", MEM(0x8000000000000000),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("negq (%r8)", MEM(0x1), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notq (%r8)", MEM(0x123456789abcdef), FL(FL_CF | FL_ZF | FL_OF),
		TO_MEM(0xfedcba9876543210), TO_FL(FL_CF | FL_ZF | FL_OF));
	/* LOCK (SDM vol. 2A LOCK): the same results, atomically. */
	EMU_ROW("lock addl %ebx, (%r8)", MEM(0x5a5a5a5a89abcdef),
		RBX(0x76543210), TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_PF | FL_SF));
	EMU_ROW("lock adcq %rbx, (%r8)", MEM(0x123456789abcdef),
		RBX(0xfedcba9876543210), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("lock subw %bx, (%r8)", MEM(0x5a5a5a5a5a5acdef), RBX(0x3210),
		TO_MEM(0x5a5a5a5a5a5a9bdf), TO_FL(FL_SF));
	EMU_ROW("lock sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aef), RBX(0x10),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5ade), TO_FL(FL_PF | FL_SF));
	EMU_ROW("lock andq %rbx, (%r8)", MEM(0x123456789abcdef),
		RBX(0xfedcba9876543210), TO_MEM(0x0), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("lock orl %ebx, (%r8)", MEM(0x5a5a5a5a89abcdef),
		RBX(0x76543210), TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("lock xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5acdef), RBX(0x3210),
		TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("lock incq (%r8)", MEM(0x8000000000000000),
		TO_MEM(0x8000000000000001), TO_FL(FL_SF));
	EMU_ROW("lock decl (%r8)", MEM(0x5a5a5a5a00000000),
		TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_AF | FL_SF));
	EMU_ROW("lock negw (%r8)", MEM(0x5a5a5a5a5a5a0000),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("lock notb (%r8)", MEM(0x5a5a5a5a5a5a5a80),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(0));
	emu_table_end();
}

/*
 * IMUL (SDM vol. 2A), MUL, DIV, IDIV (vol. 2A/2B) with a memory source.
 * One-operand IMUL and MUL write AX, DX:AX, EDX:EAX (zero-extended to
 * RDX:RAX) or RDX:RAX and set CF = OF = 1 when the upper half is
 * significant; two- and three-operand IMUL truncate to the destination and
 * set CF = OF = 1 when the product does not fit. SF ZF AF PF are undefined
 * after all of them, and every status flag after DIV and IDIV. DIV and
 * IDIV raise #DE for a zero divisor and for a quotient that does not fit
 * (IDIV: outside -2^(n-1) .. 2^(n-1) - 1), leaving every register as it was.
 */
TEST_CASE(muldiv)
{
	emu_table_begin();
	/* IMUL r/m: one operand. */
	EMU_ROW("imulb (%r8)", MEM(M0), RAX(RB), TO_RAX(0xa1a2a3a4a5a62940),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulb 1(%r8)", MEM(M0), RAX(0xa1a2a3a4a5a6a701),
		FL(FL_CF | FL_OF), TO_RAX(0xa1a2a3a4a5a60077), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulw (%r8)", MEM(M0), RAX(RB), RDX(RB),
		TO_RAX(0xa1a2a3a4a5a62940), TO_RDX(0xa1a2a3a4a5a6d6c0),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull 4(%r8)", MEM(M0), RAX(RB), RDX(RB), TO_RAX(0x9ffb00a0),
		TO_RDX(0xf9f3ff2c), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(RB),
		TO_RAX(0xc1e9328ce7305800), TO_RDX(0x25b8a0efb604ede5),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq (%r8)", MEM(M0), RAX(2), RDX(RB), FL(FL_CF | FL_OF),
		TO_RAX(0x22446688aaccef10), TO_RDX(0), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* IMUL r, r/m: two operands. */
	EMU_ROW("imulw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a62940), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x0d682940),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull (%r8), %ebx", MEM(M0), RBX(0xffffffff00000001),
		FL(FL_CF | FL_OF), TO_RBX(0x55667788), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq 8(%r8), %rbx", MEM2(M0, M1), RBX(RB),
		TO_RBX(0xc1e9328ce7305800), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* IMUL r, r/m, imm: three operands. */
	EMU_ROW("imulw $-3, (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a69968), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull $0x10, (%r8), %ebx", MEM(M0), RBX(RB),
		TO_RBX(0x56677880), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull $-2, 12(%r8), %ecx", MEM2(M0, M1), RCX(RB),
		TO_RCX(0xccaa8868), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq $-1, 8(%r8), %rbx", MEM2(M0, M1), RBX(RB),
		FL(FL_CF | FL_OF), TO_RBX(0x6655443322110100), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq $0x7fffffff, (%r8), %rbx", MEM(M0), RBX(RB),
		TO_RBX(0x1991087faa998878), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* MUL r/m. */
	EMU_ROW("mulb (%r8)", MEM(M0), RAX(RB), TO_RAX(0xa1a2a3a4a5a65940),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulb 7(%r8)", MEM(M0), RAX(0xa1a2a3a4a5a6a702),
		FL(FL_CF | FL_OF), TO_RAX(0xa1a2a3a4a5a60022), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulw 2(%r8)", MEM(M0), RAX(RB), RDX(RB),
		TO_RAX(0xa1a2a3a4a5a694f0), TO_RDX(0xa1a2a3a4a5a637ed),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mull 4(%r8)", MEM(M0), RAX(RB), RDX(RB), TO_RAX(0x9ffb00a0),
		TO_RDX(0x0b163270), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(RB),
		TO_RAX(0xc1e9328ce7305800), TO_RDX(0x61060061399a948d),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulq (%r8)", MEM(M0), RAX(1), RDX(RB), FL(FL_CF | FL_OF),
		TO_RAX(M0), TO_RDX(0), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* DIV r/m. */
	EMU_ROW("divb (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a61234),
		TO_RAX(0xa1a2a3a4a5a62422), UNDEF(FL_STATUS));
	EMU_ROW("divw (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a65678),
		RDX(0xa1a2a3a4a5a61234), TO_RAX(0xa1a2a3a4a5a626fd),
		TO_RDX(0xa1a2a3a4a5a60510), UNDEF(FL_STATUS));
	EMU_ROW("divl (%r8)", MEM(M0), RAX(0xa1a2a3a49abcdef0),
		RDX(0xa1a2a3a412345678), TO_RAX(0x36920e72), TO_RDX(0x1d023460),
		UNDEF(FL_STATUS));
	EMU_ROW("divq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(0x123456789abcdef0),
		TO_RAX(0x1e53d8c0ab42e63c), TO_RDX(0x2e6d74492a88e3a8),
		UNDEF(FL_STATUS));
	EMU_ROW("divb (%r8)", MEM(0x1122334455667700), RAX(RB),
		FAULTS(FAULT_DE));
	EMU_ROW("divl (%r8)", MEM(0x1122334400000000), RAX(RB), RDX(RB),
		FAULTS(FAULT_DE));
	EMU_ROW("divq 8(%r8)", MEM2(M0, 0), RAX(RB), RDX(RB), FAULTS(FAULT_DE));
	EMU_ROW("divw 2(%r8)", MEM(M0), RAX(RB), RDX(0x5566), FAULTS(FAULT_DE));
	EMU_ROW("divq (%r8)", MEM(M0), RAX(RB), RDX(M0), FAULTS(FAULT_DE));
	/* IDIV r/m: the quotient rounds towards 0, the remainder has the
	 * dividend's sign. */
	EMU_ROW("idivb (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a6edcc),
		TO_RAX(0xa1a2a3a4a5a69c26), UNDEF(FL_STATUS));
	EMU_ROW("idivb (%r8)", MEM(0x1122334455667702), RAX(0xa1a2a3a4a5a6ff00),
		TO_RAX(0xa1a2a3a4a5a60080), UNDEF(FL_STATUS));
	EMU_ROW("idivl 4(%r8)", MEM(M0), RAX(0x87654321),
		RDX(0xfffffffffedcba98), TO_RAX(0xef000001), TO_RDX(0xfa430fdd),
		UNDEF(FL_STATUS));
	EMU_ROW("idivq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(0x0123456789abcdef),
		TO_RAX(0xfd275891ffaa46b1), TO_RDX(0x3719e69983ae58a8),
		UNDEF(FL_STATUS));
	EMU_ROW("idivq 8(%r8)", MEM2(M0, M1), RAX(0x0123456789abcdef), RDX(-1),
		TO_RAX(2), TO_RDX(0xcdcdcdcdcdcdcfef), UNDEF(FL_STATUS));
	EMU_ROW("idivb (%r8)", MEM(0x1122334455667702), RAX(0xa1a2a3a4a5a60100),
		FAULTS(FAULT_DE));
	EMU_ROW("idivw (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a60000),
		RDX(0xa1a2a3a4a5a68000), FAULTS(FAULT_DE));
	EMU_ROW("idivq (%r8)", MEM(-1), RAX(0x8000000000000000), RDX(-1),
		FAULTS(FAULT_DE));
	EMU_ROW("idivl (%r8)", MEM(0x1122334400000000), RAX(RB), RDX(RB),
		FAULTS(FAULT_DE));
	emu_table_end();
}

/* clang-format on */
