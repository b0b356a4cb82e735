// SPDX-License-Identifier: GPL-2.0-only
/*
 * farxfer.c: far transfers beyond CPL0/CPL3 and 64-bit code: call gates to
 * CPL1 and CPL2 with the stack from TSS.RSP1/RSP2, far JMP to conforming
 * code (the CPL does not change, CS.RPL becomes the CPL), and far JMP,
 * CALL and RET between compatibility mode and 64-bit mode, far CALL from
 * compatibility mode through 64-bit call gates (Intel SDM vol.
 * 3A 5.8.1 direct calls and jumps to conforming and non-conforming code,
 * 5.8.5 and 5.8.5.1 stack switching, 5.8.3.1; vol. 2A CALL and JMP
 * "Operation", vol. 2B RET; AMD APM vol. 2 4.11.1 and 4.11.2).
 */
#include "segmentation.h"

extern char fx_lcall[], fx_after_lcall[], fx_ljmp[], fx_lret[];
extern char fx_ljmp32[], fx_lcall32[], fx_after_lcall32[];
extern char fx_lcall32_ind[], fx_after_lcall32_ind[];

_Static_assert(USER_CS == 0x2b, "fx_ljmp32 and fx_lcall32 encode USER_CS");

asm(".pushsection .text\n"
    /* m16:32 at RSI */
    "fx_lcall: lcall *(%rsi)\n"
    "fx_after_lcall: jmp ring_land\n"
    "fx_ljmp: ljmp *(%rsi)\n"
    "fx_lret: lretq\n"
    ".code32\n"
    "fx_ljmp32: ljmp $0x2b, $ring_land\n"
    "fx_lcall32: lcall $0x2b, $ring_land\n"
    "fx_after_lcall32: jmp ring_land\n"
    /* m16:32 at ESI, read through DS := SS (valid at either CPL) */
    "fx_lcall32_ind: push %ss\n pop %ds\n lcall *(%esi)\n"
    "fx_after_lcall32_ind: jmp ring_land\n"
    ".code64\n"
    ".popsection");

#define GATE_SLOT 8 /* and 9 */
#define CODE_SLOT 10

static struct ring_stop far_to(enum seg_mode mode, const void *code, u16 sel)
{
	static u32 farptr[2];

	farptr[0] = (u32)(u64)ring_land;
	farptr[1] = sel;
	return seg_run(mode, code, 0, (u64)farptr);
}

/*
 * CPL3 -> CPL1 and CPL2 through a DPL3 64-bit call gate to a 64-bit code
 * segment of that DPL: the stack is TSS.RSPn, SS a null selector with
 * RPL n, CS.RPL n, and four quadwords pushed (SDM vol. 3A 5.8.5.1).
 */
TEST_CASE(call_gate_inner_rings, .fixture = &seg_env)
{
	static u8 *stacks;
	u64 g[2];

	if (!stacks) {
		stacks = alloc_pages(1);
		assert(stacks);
	}
	for (unsigned int cpl = 1; cpl <= 2; cpl++) {
		u64 top = (u64)stacks + cpl * PAGE_SIZE;
		u64 old = tss_set_rsp(smp_id(), cpl, top);
		u16 code = segdesc_gdt_set(
			CODE_SLOT,
			segdesc_make(0, 0xfffff,
				     SEG_P | SEG_S | SEG_DPL(cpl) | SEG_CODE_XR,
				     SEG_G | SEG_L));
		u16 gate;
		struct ring_stop st;

		segdesc_make_gate(g, code, (u64)ring_land,
				  SEG_P | SEG_DPL(3) | SYS_CALL_GATE64, 0);
		segdesc_gdt_set(GATE_SLOT + 1, g[1]);
		gate = segdesc_gdt_set(GATE_SLOT, g[0]);
		st = far_to(SEG_U64, fx_lcall, gate | 3);
		tss_set_rsp(smp_id(), cpl, old);
		if (!report_fault(st.fault, FAULT_NONE,
				  "CALL FAR from CPL3 to CPL%u", cpl))
			continue;
		report_eq(st.regs.cs, code | cpl, "CPL%u: CS.RPL = %u", cpl,
			  cpl);
		report_eq(st.regs.ss, cpl, "CPL%u: SS null with RPL %u", cpl,
			  cpl);
		report_eq(st.regs.rsp, top - 32, "CPL%u: RSP = TSS.RSP%u - 32",
			  cpl, cpl);
		report_eq(*(u64 *)(top - 32), (u64)fx_after_lcall,
			  "CPL%u: pushed return RIP", cpl);
	}
}

/*
 * Far JMP to a conforming code segment: allowed when DPL <= CPL, the CPL
 * is kept and CS.RPL is set to it; a conforming segment with DPL > CPL is
 * #GP(selector), so is a non-conforming one with DPL != CPL (SDM vol. 3A
 * 5.8.1.1 and 5.8.1.2, vol. 2A JMP).
 */
TEST_CASE(conforming_jmp, .fixture = &seg_env)
{
	u16 conf0 = segdesc_gdt_set(
		CODE_SLOT, segdesc_make(0, 0xfffff,
					SEG_P | SEG_S | SEG_DPL(0) |
						SEG_CODE_XR | SEG_CODE_CONF,
					SEG_G | SEG_L));
	u16 conf3 = segdesc_gdt_set(
		CODE_SLOT + 1, segdesc_make(0, 0xfffff,
					    SEG_P | SEG_S | SEG_DPL(3) |
						    SEG_CODE_XR | SEG_CODE_CONF,
					    SEG_G | SEG_L));
	struct ring_stop st;

	st = far_to(SEG_U64, fx_ljmp, conf0);
	if (report_fault(st.fault, FAULT_NONE,
			 "JMP FAR from CPL3 to conforming DPL0 code %#x",
			 conf0))
		report_eq(st.regs.cs, conf0 | 3, "CPL stays 3: CS = %#x",
			  conf0 | 3);
	st = far_to(SEG_K64, fx_ljmp, conf3);
	report_fault(st.fault, FAULT_GP(conf3),
		     "JMP FAR from CPL0 to conforming DPL3 code %#x", conf3);
	st = far_to(SEG_U64, fx_ljmp, KERNEL_CS | 3);
	report_fault(st.fault, FAULT_GP(KERNEL_CS),
		     "JMP FAR from CPL3 to non-conforming DPL0 code");
}

/*
 * Between compatibility mode and 64-bit mode at CPL3: a direct far JMP
 * (ptr16:32, valid outside 64-bit mode) loads a 64-bit CS; a direct far
 * CALL pushes the 32-bit return EIP and CS (operand size 32) (SDM vol. 2A
 * CALL and JMP).
 */
TEST_CASE(compat_far, .fixture = &seg_env)
{
	struct ring_stop st;
	u32 *pushed;

	st = seg_run(SEG_U32, fx_ljmp32, 0, 0);
	if (report_fault(st.fault, FAULT_NONE, "JMP FAR ptr16:32 to %#x",
			 USER_CS))
		report_eq(st.regs.cs, USER_CS, "64-bit CS loaded");
	st = seg_run(SEG_U32, fx_lcall32, 0, 0);
	pushed = (u32 *)st.regs.rsp;
	if (report_fault(st.fault, FAULT_NONE, "CALL FAR ptr16:32 to %#x",
			 USER_CS)) {
		report_eq(st.regs.cs, USER_CS, "64-bit CS loaded");
		report_eq(st.regs.rsp, seg_user_stack() - 8,
			  "two doublewords pushed");
		report_eq(pushed[0], (u32)(u64)fx_after_lcall32,
			  "pushed return EIP");
		report_eq(pushed[1] & 0xffff, USER_CS32, "pushed CS");
	}
}

/*
 * A far RET from 64-bit CPL0 to a 32-bit CS at CPL3 enters compatibility
 * mode and pops RSP and SS as quadwords (SDM vol. 2B RET, REX.W).
 */
TEST_CASE(far_ret_compat, .fixture = &seg_env)
{
	u64 ret_frame[4] = {(u64)ring_land, USER_CS32, seg_user_stack() - 16,
			    USER_DS};
	u64 top = seg_kernel_stack() - 64;
	struct ring_start s = {
		.rip = (u64)fx_lret,
		.cs = KERNEL_CS,
		.rflags = 0x2,
		.rsp = top,
		.ss = KERNEL_DS,
	};
	struct ring_stop st;

	memcpy((void *)top, ret_frame, sizeof(ret_frame));
	st = ring_run(&s);
	if (report_fault(st.fault, FAULT_NONE,
			 "RET FAR from 64-bit CPL0 to %#x", USER_CS32)) {
		report_eq(st.regs.cs, USER_CS32, "compatibility-mode CS");
		report_eq(st.regs.rsp, seg_user_stack() - 16, "RSP popped");
	}
}

/*
 * A far CALL in compatibility mode through a 64-bit call gate (IA-32e mode
 * has only 64-bit gates; the target is 64-bit code): from CPL3 the new
 * stack is TSS.RSP0 with a null SS and SS, RSP, CS and the return address
 * (the EIP after the CALL, zero-extended) are pushed as quadwords; at
 * CPL0 no stack switch and CS and RIP pushed as quadwords (SDM vol. 3A
 * 5.8.3.1, 5.8.5.1; vol. 2A CALL, CALL-GATE with IA32_EFER.LMA = 1).
 */
static void compat_gate_call(bool user)
{
	u64 g[2], *frame;
	u16 gate;
	struct ring_stop st;

	segdesc_make_gate(g, KERNEL_CS, (u64)ring_land,
			  SEG_P | SEG_DPL(user ? 3 : 0) | SYS_CALL_GATE64, 0);
	segdesc_gdt_set(GATE_SLOT + 1, g[1]);
	gate = segdesc_gdt_set(GATE_SLOT, g[0]) | (user ? 3 : 0);
	st = far_to(user ? SEG_U32 : SEG_K32, fx_lcall32_ind, gate);
	frame = (u64 *)st.regs.rsp;
	if (!report_fault(st.fault, FAULT_NONE,
			  "CPL%u compatibility mode: CALL FAR through gate %#x",
			  user ? 3 : 0, gate))
		return;
	report_eq(st.regs.cs, KERNEL_CS, "64-bit CS from the gate");
	report_eq(frame[0], (u64)fx_after_lcall32_ind,
		  "return EIP pushed as a quadword");
	report_eq(frame[1], user ? USER_CS32 : KERNEL_CS32, "CS pushed");
	if (user) {
		report_eq(st.regs.ss, 0, "SS is null with RPL 0");
		report_eq(st.regs.rsp, ring_rsp0_top() - 32,
			  "RSP = TSS.RSP0 - 32 (four quadwords)");
		report_eq(frame[2], seg_user_stack(), "pushed RSP");
		report_eq(frame[3], USER_DS, "pushed SS");
	} else {
		report_eq(st.regs.ss, KERNEL_DS, "SS kept");
		report_eq(st.regs.rsp, seg_kernel_stack() - 16,
			  "RSP - 16 (two quadwords)");
	}
}

TEST_CASE(compat_call_gate, .fixture = &seg_env)
{
	compat_gate_call(true);
}

TEST_CASE(compat_call_gate_cpl0, .fixture = &seg_env)
{
	compat_gate_call(false);
}
