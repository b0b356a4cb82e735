// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/shift: shifts and rotates with a memory destination (Intel SDM
 * vol. 2B SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD): count masking,
 * counts of 0, 1, the width and beyond, and the flags each defines.
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/*
 * SHL/SAL SHR SAR ROL ROR RCL RCR (SDM vol. 2B "RCL/RCR/ROL/ROR", "SAL/SAR/
 * SHL/SHR"): the count is masked to 5 bits (6 with REX.W); a masked count
 * of 0 changes nothing; OF is defined only for a masked count of 1; shifts
 * leave AF undefined and, for SHL and SHR, CF when the count reaches the
 * width; rotates change only CF and OF; RCL and RCR of 8 and 16 bits
 * rotate by the count modulo 9 and 17. Counts 0, 1, width - 1, width, and
 * 33 (65 with REX.W), which masks to 1.
 */
TEST_CASE(shift)
{
	emu_table_begin();
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a86), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_CF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shlb (%r8)", MEM(0x5a5a5a5a5a5a5ac3),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a86), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("shlb $33, (%r8)", MEM(0x5a5a5a5a5a5a5ac3),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a86), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8000), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shlw (%r8)", MEM(0x5a5a5a5a5a5a0003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shlw $33, (%r8)", MEM(0x5a5a5a5a5a5a0003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000000), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shll (%r8)", MEM(0x5a5a5a5a00000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shll $33, (%r8)", MEM(0x5a5a5a5a00000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000006), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000000), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlq (%r8)", MEM(0xc000000000000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000006), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("shlq $65, (%r8)", MEM(0xc000000000000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000006), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a40), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a01), TO_FL(0), UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shrb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a40), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a40), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shrw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x4000000000000040), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF), TO_MEM(0x1),
		TO_FL(0), UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x4000000000000040), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x4000000000000040), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("sarb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xffffffffffffffff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("sarq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0081),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rolw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("roll (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("roll $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0081),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103), TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF),
		UNDEF(FL_OF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ae0),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5ac020),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5ac0000020),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcll (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcll $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xe000000000000020),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a07),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0206),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000206),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x207), TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF),
		UNDEF(FL_OF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	emu_table_end();
}

/*
 * SHLD and SHRD with a memory destination (SDM vol. 2B): the count is
 * masked to 5 bits (6 with REX.W); a masked count of 0 changes nothing,
 * flags included. Otherwise CF is the last bit shifted out of the
 * destination, SF ZF PF follow the result, AF is undefined, OF is the sign
 * change for a count of 1 and undefined beyond. A 16-bit count of 16 is
 * defined (the result is the source); 17 to 31 leave the result undefined
 * and have no row. Counts 0, 1, width - 1, width (32 and 64 mask to 0)
 * and width + 1 (33 and 65 mask to 1), in CL and as an immediate.
 */
TEST_CASE(shiftd)
{
	emu_table_begin();
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x112233445566ef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0xf),
		FL(FL_STATUS), TO_MEM(0x11223344556653d4), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x10),
		FL(FL_STATUS), TO_MEM(0x112233445566a7a8), TO_FL(FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x112233445566ef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x11223344aaccef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1f),
		FL(FL_STATUS), TO_MEM(0x1122334452d353d4), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x11223344aaccef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x22446688aaccef11), TO_FL(FL_PF),
		UNDEF(FL_AF));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x3f),
		FL(FL_STATUS), TO_MEM(0x50d151d252d353d4), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x40),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x41),
		FL(FL_STATUS), TO_MEM(0x22446688aaccef11), TO_FL(FL_PF),
		UNDEF(FL_AF));
	EMU_ROW("shldl $8, %ebx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x11223344667788a5), TO_FL(FL_CF | FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldq $65, %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x22446688aaccef11), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shldw $1, %bx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x112233445566ef11), TO_FL(FL_PF | FL_SF | FL_OF),
		UNDEF(FL_AF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x1122334455663bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0xf),
		FL(FL_STATUS), TO_MEM(0x1122334455664f50), TO_FL(FL_CF | FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x10),
		FL(FL_STATUS), TO_MEM(0x112233445566a7a8), TO_FL(FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x1122334455663bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x112233442ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1f),
		FL(FL_STATUS), TO_MEM(0x112233444b4d4f50), TO_FL(FL_CF | FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x112233442ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x089119a22ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x3f),
		FL(FL_STATUS), TO_MEM(0x434547494b4d4f50), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x40),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x41),
		FL(FL_STATUS), TO_MEM(0x089119a22ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdl $8, %ebx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x11223344a8556677), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdq $65, %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x089119a22ab33bc4), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("shrdw $1, %bx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x1122334455663bc4), TO_FL(0), UNDEF(FL_AF));
	emu_table_end();
}

/* clang-format on */
