// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/system: instructions on segment and control registers with a
 * memory operand (Intel SDM vol. 2B MOV to and from a segment register,
 * with its descriptor checks; SMSW and LMSW, CR0[15:0]).
 */
#include "emulator.h"
#include <x86/testdev.h>

/* clang-format off: the cases below are tables, one row per line. */

/*
 * MOV to and from a segment register with a memory operand (SDM vol. 2B
 * MOV): a store writes the 16-bit selector whatever the operand size (66H,
 * REX.W); a load of DS ES SS checks the descriptor: #GP(selector) for an
 * index beyond the GDT limit, a system descriptor or RPL > DPL; a null
 * selector loads into ES at CPL0; MOV to CS is #UD. The guest runs with
 * CS = 0x08 and DS = ES = SS = 0x10; USER_DS (0x23) is a DPL3 data
 * segment, 0x38 the TSS (lib/x86/desc.h). Rows that load put 0x10 back
 * from the second half of the buffer.
 */
TEST_CASE(mov_sreg)
{
	emu_table_begin();
	EMU_ROW("movw %ds, (%r8)", MEM(M0), TO_MEM(0x1122334455660010));
	EMU_ROW("movw %ss, 2(%r8)", MEM(M0), TO_MEM(0x1122334400107788));
	EMU_ROW("movw %cs, 6(%r8)", MEM(M0), TO_MEM(0x0008334455667788));
	EMU_ROW("movw %es, 14(%r8)", MEM2(M0, M1),
		TO_MEM2(M0, 0x0010bbccddeeff00));
	EMU_ROW(".byte 0x49, 0x8c, 0x18 /* movq %ds, (%r8) */", MEM(M0),
		TO_MEM(0x1122334455660010));
	EMU_ROW(".byte 0x66, 0x41, 0x8c, 0x58, 0x03 /* movw %ds, 3(%r8) */",
		MEM(M0), TO_MEM(0x1122330010667788));
	EMU_ROW("movw (%r8), %es; movw %es, 2(%r8); movw 8(%r8), %es",
		MEM2(0x1122334455660023, 0x99aabbccddee0010),
		TO_MEM2(0x1122334400230023, 0x99aabbccddee0010));
	EMU_ROW("movw (%r8), %es; movw %es, 2(%r8); movw 8(%r8), %es",
		MEM2(0x1122334455660000, 0x99aabbccddee0010),
		TO_MEM2(0x1122334400000000, 0x99aabbccddee0010));
	EMU_ROW("movw 1(%r8), %ds; movw %ds, 4(%r8); movw 8(%r8), %ds",
		MEM2(0x1122334455002388, 0x99aabbccddee0010),
		TO_MEM2(0x1122002355002388, 0x99aabbccddee0010));
	EMU_ROW("movw (%r8), %ss; movw %ss, 2(%r8)", MEM(0x1122334455660010),
		TO_MEM(0x1122334400100010));
	EMU_ROW("movw (%r8), %es", MEM(0x112233445566fff8),
		FAULTS(FAULT_GP(0xfff8)));
	EMU_ROW("movw (%r8), %es", MEM(0x1122334455660013),
		FAULTS(FAULT_GP(0x10)));
	EMU_ROW("movw (%r8), %ds", MEM(0x1122334455660038),
		FAULTS(FAULT_GP(0x38)));
	EMU_ROW(".byte 0x41, 0x8e, 0x08 /* movw (%r8), %cs */",
		MEM(0x1122334455660008), FAULTS(FAULT_UD));
	emu_table_end();
}

/*
 * SMSW stores CR0[15:0] to a 16-bit memory operand; LMSW loads CR0[3:0]
 * (PE MP EM TS) from one, and cannot clear PE (SDM vol. 2B LMSW, SMSW).
 */
TEST_CASE(smsw_lmsw)
{
	u64 cr0 = read_cr0();
	u8 *bufs[2] = {alloc_page(), testdev_mmio()};
	const char *names[2] = {"RAM", "MMIO"};

	for (int i = 0; i < 2; i++) {
		volatile u64 *p;
		u64 v;

		if (!bufs[i]) {
			report_skip("MMIO: %s", testdev_absent_reason());
			continue;
		}
		p = (volatile u64 *)(bufs[i] + 0x200);
		*p = M0;
		asm volatile("smsw (%0)" : : "r"(p) : "memory");
		report_eq(*p, (M0 & ~0xffffULL) | (cr0 & 0xffff),
			  "%s: SMSW m16 stores CR0[15:0] and nothing more",
			  names[i]);
		/* PE=0 TS=1 MP=0 EM=0; bit 5 (NE) clear must not matter. */
		*p = 0xffd8;
		asm volatile("lmsw (%0)" : : "r"(p) : "memory");
		v = read_cr0();
		write_cr0(cr0);
		report_eq(v, (cr0 & ~0xeULL) | X86_CR0_TS | X86_CR0_PE,
			  "%s: LMSW m16 sets TS, clears MP, keeps PE and NE",
			  names[i]);
	}
	free_page(bufs[0]);
}

/* clang-format on */
