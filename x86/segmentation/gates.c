// SPDX-License-Identifier: GPL-2.0-only
/*
 * gates.c: far CALL and JMP through 64-bit call gates, far RET and IRET
 * within and across privilege levels, IRET to compatibility mode (Intel
 * SDM vol. 3A 5.8.3.1 IA-32e mode call gates, 5.8.5 stack switching and
 * 5.8.5.1 in IA-32e mode, 5.8.6 returning from a called procedure; vol.
 * 2A CALL and JMP "Operation" (CALL-GATE) and "64-Bit Mode Exceptions",
 * vol. 2B RET (far) and IRET; AMD APM vol. 2 4.11.2 and 4.8.3).
 */
#include "segmentation.h"

extern char gate_lcall[], gate_ljmp[], gate_lret[], gate_iret[];
extern char gate_after_lcall[], gate_read_ds[];

asm(".pushsection .text\n"
    /* m16:32 at RSI; through a gate the offset is the gate's. */
    "gate_lcall: lcall *(%rsi)\n"
    "gate_after_lcall: jmp ring_land\n"
    "gate_ljmp: ljmp *(%rsi)\n"
    /* RSP points at the frame the case built. */
    "gate_lret: lretq\n"
    "gate_iret: iretq\n"
    "gate_read_ds: mov %ds, %eax\n jmp ring_land\n"
    ".popsection");

#define GATE_SLOT 4 /* and 5: the gate's upper half */

static u16 gate_install(u16 target_cs, u64 offset, u8 access)
{
	u64 g[2];

	segdesc_make_gate(g, target_cs, offset, access, 0);
	segdesc_gdt_set(GATE_SLOT + 1, g[1]);
	return segdesc_gdt_set(GATE_SLOT, g[0]);
}

static struct ring_stop far_through(enum seg_mode mode, const void *code,
				    u16 sel)
{
	static u32 farptr[2];

	farptr[0] = 0x12345678; /* ignored for a gate */
	farptr[1] = sel;
	return seg_run(mode, code, 0, (u64)farptr);
}

/*
 * CPL3 -> CPL0 through a DPL3 gate: the new stack comes from TSS.RSP0,
 * SS becomes null with RPL 0, and the old SS, RSP, CS and the return RIP
 * are pushed as quadwords (SDM vol. 3A 5.8.5.1 and figure 5-10; vol. 2A
 * CALL "CALL-GATE ... MORE-PRIVILEGE", IA-32e mode).
 */
TEST_CASE(call_gate_to_cpl0, .fixture = &seg_env)
{
	u16 gate = gate_install(KERNEL_CS, (u64)ring_land,
				SEG_P | SEG_DPL(3) | SYS_CALL_GATE64);
	struct ring_stop st = far_through(SEG_U64, gate_lcall, gate | 3);
	u64 *frame = (u64 *)st.regs.rsp;

	if (!report_fault(st.fault, FAULT_NONE, "CALL FAR through gate %#x",
			  gate | 3))
		return;
	report_eq(st.regs.cs, KERNEL_CS, "CS from the gate");
	report_eq(st.regs.ss, 0, "SS is null with RPL 0");
	report_eq(st.regs.rsp, ring_rsp0_top() - 32,
		  "RSP = TSS.RSP0 - 32 (four quadwords pushed)");
	report_eq(frame[0], (u64)gate_after_lcall, "pushed return RIP");
	report_eq(frame[1], USER_CS, "pushed CS");
	report_eq(frame[2], seg_user_stack(), "pushed RSP");
	report_eq(frame[3], USER_DS, "pushed SS");
}

/* CPL0 -> CPL0: no stack switch, CS and RIP pushed (SDM vol. 3A 5.8.5). */
TEST_CASE(call_gate_same_cpl, .fixture = &seg_env)
{
	u16 gate = gate_install(KERNEL_CS, (u64)ring_land,
				SEG_P | SEG_DPL(0) | SYS_CALL_GATE64);
	struct ring_stop st = far_through(SEG_K64, gate_lcall, gate);
	u64 *frame = (u64 *)st.regs.rsp;

	if (!report_fault(st.fault, FAULT_NONE, "CALL FAR through gate %#x",
			  gate))
		return;
	report_eq(st.regs.ss, KERNEL_DS, "SS kept");
	report_eq(st.regs.rsp, seg_kernel_stack() - 16, "RSP - 16");
	report_eq(frame[0], (u64)gate_after_lcall, "pushed return RIP");
	report_eq(frame[1], KERNEL_CS, "pushed CS");
}

struct gate_row {
	const char *name;
	enum seg_mode mode;
	const char *insn; /* "call" or "jmp" */
	u16 target_cs;
	u64 offset; /* 0: ring_land */
	u8 access;
	u32 upper; /* bits 12:8 of the gate's fourth dword: must be 0 */
	unsigned int rpl;
	enum { E_GATE, E_TARGET, E_ZERO, E_NP_GATE } fault;
};

/*
 * SDM vol. 2A CALL and JMP, "64-Bit Mode Exceptions": #GP(gate selector)
 * for gate DPL < CPL or < RPL and for a non-zero upper type; #NP(gate
 * selector) when not present; #GP(code selector) when the target is not
 * a 64-bit code segment (L = 1, D = 0), when its DPL > CPL, and for JMP
 * when a non-conforming target's DPL != CPL; #GP(0) for a non-canonical
 * target offset.
 */
/* clang-format off */
static const struct gate_row gate_rows[] = {
	{"dpl0_from_cpl3", SEG_U64, "call", KERNEL_CS, 0, SEG_P | SEG_DPL(0) | SYS_CALL_GATE64, 0, 3, E_GATE},
	{"rpl3_above_dpl0", SEG_K64, "call", KERNEL_CS, 0, SEG_P | SEG_DPL(0) | SYS_CALL_GATE64, 0, 3, E_GATE},
	{"not_present", SEG_U64, "call", KERNEL_CS, 0, SEG_DPL(3) | SYS_CALL_GATE64, 0, 3, E_NP_GATE},
	{"upper_type", SEG_U64, "call", KERNEL_CS, 0, SEG_P | SEG_DPL(3) | SYS_CALL_GATE64, 0xc, 3, E_GATE},
	{"target_data", SEG_U64, "call", KERNEL_DS, 0, SEG_P | SEG_DPL(3) | SYS_CALL_GATE64, 0, 3, E_TARGET},
	{"target_compat_cs", SEG_U64, "call", KERNEL_CS32, 0, SEG_P | SEG_DPL(3) | SYS_CALL_GATE64, 0, 3, E_TARGET},
	{"target_dpl3_from_cpl0", SEG_K64, "call", USER_CS, 0, SEG_P | SEG_DPL(0) | SYS_CALL_GATE64, 0, 0, E_TARGET},
	{"jmp_to_cpl0", SEG_U64, "jmp", KERNEL_CS, 0, SEG_P | SEG_DPL(3) | SYS_CALL_GATE64, 0, 3, E_TARGET},
	{"noncanonical_call", SEG_U64, "call", KERNEL_CS, NONCANON, SEG_P | SEG_DPL(3) | SYS_CALL_GATE64, 0, 3, E_ZERO},
	{"noncanonical_jmp", SEG_K64, "jmp", KERNEL_CS, NONCANON_HI, SEG_P | SEG_DPL(0) | SYS_CALL_GATE64, 0, 0, E_ZERO},
	{"wrong_type_int_gate", SEG_U64, "call", KERNEL_CS, 0, SEG_P | SEG_DPL(3) | SYS_INT_GATE64, 0, 3, E_GATE},
};
/* clang-format on */

TEST_VARIANTS(gate_fault, gate_rows, .fixture = &seg_env)
{
	bool call = !strcmp(variant->insn, "call");
	u64 g[2];
	u16 gate, want;
	struct ring_stop st;
	struct fault expect;

	segdesc_make_gate(g, variant->target_cs,
			  variant->offset ? variant->offset : (u64)ring_land,
			  variant->access, 0);
	g[1] |= (u64)variant->upper << 40;
	segdesc_gdt_set(GATE_SLOT + 1, g[1]);
	gate = segdesc_gdt_set(GATE_SLOT, g[0]);
	st = far_through(variant->mode, call ? gate_lcall : gate_ljmp,
			 gate | variant->rpl);
	switch (variant->fault) {
	case E_GATE:
		want = gate;
		break;
	case E_TARGET:
		want = variant->target_cs & ~3;
		break;
	default:
		want = 0;
	}
	expect = variant->fault == E_NP_GATE ? FAULT(NP_VECTOR, gate)
					     : FAULT_GP(want);
	report_fault(st.fault, expect, "far %s through %#x", variant->insn,
		     gate | variant->rpl);
	/* A fault on the instruction: CS and RIP of the CALL/JMP (SDM 6.5). */
	if (st.fault.raised)
		report_eq(st.regs.rip, (u64)(call ? gate_lcall : gate_ljmp),
			  "RIP saved is the instruction's");
}

/* Builds a far-return or IRET frame at the top of the stack for MODE. */
static struct ring_stop frame_return(enum seg_mode mode, const void *code,
				     const u64 *frame, int n)
{
	bool user = mode == SEG_U64;
	u64 top = (user ? seg_user_stack() : seg_kernel_stack()) - 64;
	struct ring_start s = {
		.rip = (u64)code,
		.cs = user ? USER_CS : KERNEL_CS,
		.rflags = 0x2,
		.rsp = top,
		.ss = user ? USER_DS : KERNEL_DS,
	};

	memcpy((void *)top, frame, n * sizeof(u64));
	return ring_run(&s);
}

/*
 * RET far to an outer level pops RIP, CS, RSP and SS (SDM vol. 2B RET
 * "RETURN-TO-OUTER-PRIVILEGE-LEVEL"); to an inner level it is #GP(CS
 * selector) ("IF return code segment selector RPL < CPL").
 */
TEST_CASE(far_ret, .fixture = &seg_env)
{
	u64 out[4] = {(u64)ring_land, USER_CS, seg_user_stack() - 8, USER_DS};
	u64 in[2] = {(u64)ring_land, KERNEL_CS};
	struct ring_stop st;

	st = frame_return(SEG_K64, gate_lret, out, 4);
	if (report_fault(st.fault, FAULT_NONE, "RETF from CPL0 to CPL3")) {
		report_eq(st.regs.cs, USER_CS, "CS");
		report_eq(st.regs.ss, USER_DS, "SS");
		report_eq(st.regs.rsp, seg_user_stack() - 8, "RSP");
	}
	st = frame_return(SEG_U64, gate_lret, in, 2);
	report_fault(st.fault, FAULT_GP(KERNEL_CS), "RETF from CPL3 to CPL0");
	out[3] = 0;
	st = frame_return(SEG_K64, gate_lret, out, 4);
	report_fault(st.fault, FAULT_GP(0), "RETF to CPL3 with a null SS");
}

/*
 * IRET (SDM vol. 2B IRET "RETURN-TO-OUTER-PRIVILEGE-LEVEL" and
 * "IA-32e-MODE"): to CPL3 in compatibility mode, where a data segment
 * register whose DPL is below the new CPL becomes null, to CPL3 with an SS whose
 * RPL differs from the CS RPL (#GP(SS selector)), with a null SS at CPL3
 * (#GP(0)), and from CPL3 to CPL0 (#GP(CS selector)).
 */
TEST_CASE(iret, .fixture = &seg_env)
{
	u64 compat[5] = {(u64)gate_read_ds, USER_CS32, 0x2,
			 seg_user_stack() - 8, USER_DS};
	u64 bad_ss[5] = {(u64)ring_land, USER_CS, 0x2, seg_user_stack(),
			 KERNEL_DS};
	u64 null_ss[5] = {(u64)ring_land, USER_CS, 0x2, seg_user_stack(), 0};
	u64 inner[5] = {(u64)ring_land, KERNEL_CS, 0x2, seg_kernel_stack(),
			KERNEL_DS};
	struct ring_stop st;

	st = frame_return(SEG_K64, gate_iret, compat, 5);
	if (report_fault(st.fault, FAULT_NONE,
			 "IRET to CPL3 compatibility mode")) {
		report_eq(st.regs.cs, USER_CS32, "CS");
		report_eq(st.regs.rsp, seg_user_stack() - 8, "RSP");
		report_eq(st.regs.rax & 0xffff, 0,
			  "DS (%#x, DPL0) made null on the way to CPL3",
			  KERNEL_DS);
	}
	st = frame_return(SEG_K64, gate_iret, bad_ss, 5);
	report_fault(st.fault, FAULT_GP(KERNEL_DS), "IRET to CPL3 with SS %#x",
		     KERNEL_DS);
	st = frame_return(SEG_K64, gate_iret, null_ss, 5);
	report_fault(st.fault, FAULT_GP(0), "IRET to CPL3 with a null SS");
	st = frame_return(SEG_U64, gate_iret, inner, 5);
	report_fault(st.fault, FAULT_GP(KERNEL_CS), "IRET from CPL3 to CPL0");
}

extern char isr_stubs[]; /* the runtime's IDT entry points, 16 bytes each */

static void ud_gate(void *offset, int ist)
{
	idt_set_gate(UD_VECTOR, offset, 0, ist);
}

/* Where the frame of a stop ends: the quadword after its SS slot. */
static u64 frame_end(const struct ring_stop *st)
{
	return st->frame + sizeof(struct ex_regs);
}

/*
 * The stack an exception is delivered on in IA-32e mode (SDM vol. 3A
 * 6.14.2: the new RSP is aligned down to 16 bytes before the frame is
 * pushed; 6.14.5: a gate with a non-zero IST index switches to TSS.ISTn at
 * any CPL; 6.12.1 and 8.7: otherwise from CPL3 the stack is TSS.RSP0).
 */
TEST_CASE(interrupt_stack, .fixture = &seg_env)
{
	static u8 *ist_stack;
	u64 ist_top, old_ist;
	struct ring_start s = {
		.rip = (u64)ring_land,
		.cs = KERNEL_CS,
		.rflags = 0x2,
		.rsp = seg_kernel_stack() - 72, /* 8 bytes off alignment */
		.ss = KERNEL_DS,
	};
	struct ring_stop st;

	if (!ist_stack) {
		ist_stack = alloc_page();
		assert(ist_stack);
	}
	ist_top = (u64)ist_stack + PAGE_SIZE;
	st = ring_run(&s);
	report_eq(frame_end(&st), s.rsp & ~0xfULL,
		  "CPL0: frame ends at RSP aligned down to 16");
	report_eq(st.regs.rsp, s.rsp, "CPL0: saved RSP is the unaligned one");
	st = seg_run(SEG_U64, ring_land, 0, 0);
	report_eq(frame_end(&st), ring_rsp0_top(),
		  "CPL3: frame ends at TSS.RSP0");
	old_ist = tss_set_ist(smp_id(), 5, ist_top);
	ud_gate(isr_stubs + 16 * UD_VECTOR, 5);
	st = ring_run(&s);
	report_eq(frame_end(&st), ist_top,
		  "CPL0, IST 5: frame ends at TSS.IST5");
	st = seg_run(SEG_U64, ring_land, 0, 0);
	report_eq(frame_end(&st), ist_top,
		  "CPL3, IST 5: frame ends at TSS.IST5");
	ud_gate(isr_stubs + 16 * UD_VECTOR, 0);
	tss_set_ist(smp_id(), 5, old_ist);
}

/*
 * Delivery through a 64-bit interrupt gate whose offset is not canonical
 * is #GP (SDM vol. 2A INT n "64-Bit Mode Exceptions": #GP(0) for a
 * non-canonical instruction pointer in the gate; later editions write
 * #GP(EXT), EXT = 1 for an exception), taken for the instruction whose
 * #UD was being delivered.
 */
TEST_CASE(idt_noncanonical, .fixture = &seg_env)
{
	struct ring_stop st;

	ud_gate((void *)NONCANON_HI, 0);
	st = seg_run(SEG_K64, ring_land, 0, 0);
	ud_gate(isr_stubs + 16 * UD_VECTOR, 0);
	report(st.fault.raised && st.fault.vector == GP_VECTOR &&
		       (st.fault.error_code & ~1U) == 0,
	       "#UD through a gate at %#llx: #GP(0) or #GP(EXT) (got vector "
	       "%u, error code %#x)",
	       NONCANON_HI, st.fault.raised ? st.fault.vector : 0,
	       st.fault.error_code);
	report_eq(st.regs.rip, (u64)ring_land, "RIP saved is the UD2's");
}

/*
 * In 64-bit mode IRET may return to 64-bit CPL0 with a null SS whose RPL
 * is the new CPL (SDM vol. 2B IRET "IA-32e-MODE": #GP(0) for a null SS
 * only for a return to CPL3 or to compatibility mode); SS keeps the null
 * selector.
 */
TEST_CASE(iret_null_ss, .fixture = &seg_env)
{
	u64 frame[5] = {(u64)ring_land, KERNEL_CS, 0x2, seg_kernel_stack() - 8,
			0};
	struct ring_stop st;

	st = frame_return(SEG_K64, gate_iret, frame, 5);
	if (report_fault(st.fault, FAULT_NONE,
			 "IRET to 64-bit CPL0 with a null SS"))
		report_eq(st.regs.ss, 0, "SS is the null selector");
}
