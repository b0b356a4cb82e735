/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * emulate_table.h: table-driven instruction cases. Each row is one
 * instruction (assembler text) with its input state (registers, RFLAGS, 16
 * bytes of memory at R8) and the state the architecture requires after it
 * (Intel SDM vol. 2 instruction reference "Operation" and "Flags Affected";
 * AMD APM vol. 3). The row runs on every target of emulate_table.c:
 *
 *	RAM	the operand in ordinary RAM: executed by the CPU under KVM
 *	MMIO	the operand in pc-testdev's MMIO window: every access exits
 *		and the hypervisor's instruction emulator performs it
 *	FEP	KVM's forced-emulation prefix (UD2 + "kvm") in front of the
 *		instruction, operand in RAM: emulated without MMIO
 *
 * and each target's outcome is compared with the row. A mismatch is one
 * failing assertion "TARGET: INSN [inputs]" with the expected and actual
 * values of the fields that differ. docs/emulator-tests.md explains how to
 * add a row.
 *
 *	EMU_ROW("addb %bl, (%r8)", MEM(0x7f), RBX(1),
 *		TO_MEM(0x80), TO_FL(SF | OF | AF));
 *
 * Registers the row does not name as outputs must keep their input value;
 * so must the second 8 bytes of the buffer unless TO_MEM2 names them.
 * Flags are compared exactly (CF, PF, AF, ZF, SF, OF, DF) except those in
 * UNDEF(), which the instruction leaves undefined.
 */
#ifndef HV_X86_EMULATE_TABLE_H
#define HV_X86_EMULATE_TABLE_H

#include <types.h>
#include <x86/fault.h>

#define FL_CF BIT(0)
#define FL_PF BIT(2)
#define FL_AF BIT(4)
#define FL_ZF BIT(6)
#define FL_SF BIT(7)
#define FL_DF BIT(10)
#define FL_OF BIT(11)
#define FL_STATUS (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* The layout is known to emulate_exec.S. */
struct emu_state {
	u64 rax, rbx, rcx, rdx, rsi, rdi;
	u64 rflags;
	u64 mem[2];
	u64 rbp, rsp; /* STACK rows only */
};

struct emu_outputs {
	bool rax, rbx, rcx, rdx, rsi, rdi, rflags, mem, rbp;
};

enum emu_need { NEED_NONE, NEED_MOVBE, NEED_CX16 };

struct emu_row {
	const char *insn;
	const void *stub; /* insn; ret */
	const void *fep_stub; /* UD2 "kvm" insn; ret */
	struct emu_state in, out;
	struct emu_outputs set; /* which fields of out apply */
	u64 undef; /* flags the instruction leaves undefined */
	bool rel; /* RSI and RDI are offsets from R8 (in and out) */
	bool stack; /* RSP = R8 + 16 and RBP = in.rbp while the row runs */
	bool rbp_rel; /* STACK rows: RBP = R8 + in.rbp at the start */
	bool fs_buf; /* FS.base = R8 while the row runs */
	struct fault fault; /* expected exception, FAULT_NONE by default */
	enum emu_need need;
	const char *file; /* where the row is, for its failure */
	int line;
};

/* Inputs. */
#define MEM(v) .in.mem = {(v)}
#define MEM2(a, b) .in.mem = {(a), (b)}
#define RAX(v) .in.rax = (v)
#define RBX(v) .in.rbx = (v)
#define RCX(v) .in.rcx = (v)
#define RDX(v) .in.rdx = (v)
#define RSI(v) .in.rsi = (v)
#define RDI(v) .in.rdi = (v)
#define FL(v) .in.rflags = (v)
#define REL .rel = true
/*
 * STACK(v): the instruction runs with RSP = R8 + 16 (the stub's return
 * address sits just above the buffer, so pushes land in it) and RBP = v;
 * STACK_AT(off) gives RBP = R8 + off instead. RBP after the row is
 * compared with TO_RBP(v), or with its value at the start. The row must
 * leave RSP at R8 + 16 for the stub's RET, and raise no exception.
 */
#define STACK(v) .stack = true, .in.rbp = (v)
#define STACK_AT(off) .stack = true, .rbp_rel = true, .in.rbp = (off)
/* FS.base = R8 while the row runs: moffs and XLAT address the buffer. */
#define FS_BUF .fs_buf = true
#define NEED(n) .need = (n)

/* Outputs. */
#define TO_MEM(v) .out.mem = {(v)}, .set.mem = true
#define TO_MEM2(a, b) .out.mem = {(a), (b)}, .set.mem = true
#define TO_RAX(v) .out.rax = (v), .set.rax = true
#define TO_RBX(v) .out.rbx = (v), .set.rbx = true
#define TO_RCX(v) .out.rcx = (v), .set.rcx = true
#define TO_RDX(v) .out.rdx = (v), .set.rdx = true
#define TO_RSI(v) .out.rsi = (v), .set.rsi = true
#define TO_RDI(v) .out.rdi = (v), .set.rdi = true
#define TO_FL(v) .out.rflags = (v), .set.rflags = true
#define TO_RBP(v) .out.rbp = (v), .set.rbp = true /* STACK rows */
#define UNDEF(m) .undef = (m)
#define FAULTS(f) .fault = (f)

/*
 * EMU_ROW(TEXT, fields...) emits two stubs for the instruction TEXT into
 * .text (plain, and with the forced-emulation prefix), registers it as a
 * fault site in both (fault.h), and checks the row on every target. Use
 * it inside a TEST_CASE between emu_table_begin() and emu_table_end().
 * __COUNTER__ gives each row's stubs unique local symbols; a failure
 * names the row's file and line.
 */
#define EMU_ROW(text, ...) EMU_ROW_(__COUNTER__, text, __VA_ARGS__)
#define EMU_ROW_(id, text, ...) EMU_ROW__(id, text, __VA_ARGS__)
/* One assembler line per source line; clang-format would join them. */
/* clang-format off */
#define EMU_ROW__(id, text, ...)                                               \
	do {                                                                   \
		extern const char emu_stub_##id[], emu_fep_##id[];             \
		static const struct emu_row emu_row_ = {                       \
			.insn = text,                                          \
			.stub = emu_stub_##id,                                 \
			.fep_stub = emu_fep_##id,                              \
			.file = __FILE__,                                      \
			.line = __LINE__,                                      \
			__VA_ARGS__                                            \
		};                                                             \
		asm(".pushsection .text.emu_stubs, \"ax\"\n"                   \
		    "emu_stub_" #id ":\n\t"                                    \
		    FAULT_SITE(text)                                           \
		    "ret\n"                                                    \
		    "emu_fep_" #id ":\n\t"                                     \
		    "7772: .byte 0x0f, 0x0b\n\t"                               \
		    ".ascii \"kvm\"\n\t"                                       \
		    FAULT_SITE(text)                                           \
		    "ret\n\t"                                                  \
		    ".pushsection .fault_sites, \"a\"\n\t"                     \
		    ".balign 8\n\t"                                            \
		    ".quad 7772b, 7771b\n\t"                                   \
		    ".popsection\n\t"                                          \
		    ".popsection\n");                                          \
		emu_check(&emu_row_);                                          \
	} while (0)
/* clang-format on */

/*
 * Prepares the targets (RAM always; MMIO with pc-testdev; FEP when the
 * prefix is enabled) and resets the per-target row counts.
 */
void emu_table_begin(void);
/* One passing assertion per target whose rows all matched. */
void emu_table_end(void);
void emu_check(const struct emu_row *row);

/* Run STUB with S as the registers and BASE in R8 (emulate_exec.S). */
void emu_exec(struct emu_state *s, u64 base, const void *stub);

/* True when KVM's forced-emulation prefix executes instead of #UD. */
/* The fault of one NOP behind KVM's forced-emulation prefix (#UD: disabled). */
struct fault emu_fep_probe(void);
bool emu_fep_enabled(void);

/* "CF,ZF" (or "-") for the status flags and DF in FL. */
const char *emu_flags_str(u64 fl, char *buf, size_t size);

#endif
