// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/stack: stack instructions with a memory operand or a stack in
 * the buffer (Intel SDM vol. 2B PUSH, POP, LEAVE; vol. 2A ENTER, nesting
 * levels 0 and 1).
 */
#include "emulator.h"

/* clang-format off: the cases below are tables, one row per line. */

/* PUSH and POP with a memory operand (SDM vol. 2B), 64- and 16-bit. */
TEST_CASE(push_pop)
{
	emu_table_begin();
	EMU_ROW("pushq (%r8); popq %rbx", MEM(M0), TO_RBX(M0));
	EMU_ROW("pushq %rbx; popq (%r8)", MEM(M0), RBX(RB), TO_MEM(RB));
	EMU_ROW("pushq 8(%r8); popq (%r8)", MEM2(M0, M1), TO_MEM2(M1, M1));
	EMU_ROW("pushw (%r8); popw %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a67788));
	EMU_ROW("pushw %bx; popw 2(%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a7a87788));
	EMU_ROW("pushq 3(%r8); popq 8(%r8)", MEM2(M0, M1),
		TO_MEM2(M0, 0xeeff001122334455));
	emu_table_end();
}

/*
 * ENTER and LEAVE (SDM vol. 2A ENTER, vol. 2B LEAVE) with the stack in the
 * buffer (STACK: RSP = buffer + 16). ENTER size, 0 pushes RBP, sets RBP to
 * the new RSP and subtracts size from RSP (nesting level 1: enter_nested).
 * LEAVE sets RSP to RBP and pops RBP. RSI and RDI record RSP and RBP in
 * between, as offsets into the buffer.
 */
TEST_CASE(enter_leave)
{
	emu_table_begin();
	EMU_ROW("enter $0, $0; movq %rsp, %rsi; movq %rbp, %rdi; leave",
		MEM2(M0, M1), STACK(RB), REL, TO_MEM2(M0, RB), TO_RSI(8),
		TO_RDI(8));
	EMU_ROW("enter $8, $0; movq %rsp, %rsi; movq %rbp, %rdi; leave",
		MEM2(M0, M1), STACK(RB), REL, TO_MEM2(M0, RB), TO_RSI(0),
		TO_RDI(8));
	EMU_ROW("enter $0x108, $0; movq %rsp, %rsi; movq %rbp, %rdi; leave",
		MEM2(M0, M1), STACK(RB), REL, TO_MEM2(M0, RB), TO_RSI(-0x100),
		TO_RDI(8));
	EMU_ROW("leave; movq %rsp, %rsi", MEM2(M0, M1), STACK_AT(8), REL,
		TO_RSI(16), TO_RBP(M1));
	emu_table_end();
}

/*
 * ENTER with nesting level 1 also pushes the new frame pointer (SDM vol. 2A
 * ENTER Operation: Push(FrameTemp)); the row pops it into RSI and pushes
 * RBX in its place. A hypervisor that cannot emulate a nesting level may
 * stop the VM (kvm_pvm: KVM internal error), so this case runs from a cfg
 * entry of its own.
 */
TEST_CASE(enter_nested)
{
	emu_table_begin();
	EMU_ROW("enter $0, $1; popq %rsi; pushq %rbx; movq %rsp, %rdi; leave",
		MEM2(M0, M1), RBX(0x5a5a5a5a5a5a5a5a), STACK(RB), REL,
		TO_MEM2(0x5a5a5a5a5a5a5a5a, RB), TO_RSI(8), TO_RDI(0));
	emu_table_end();
}

/* clang-format on */
