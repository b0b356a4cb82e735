// SPDX-License-Identifier: GPL-2.0-only
/*
 * seg_load.c: loads of DS, ES, FS, GS and SS in IA-32e mode, one row per
 * selector x descriptor x CPL: the fault each load raises (Intel SDM vol.
 * 2B MOV "Operation" and "64-Bit Mode Exceptions", vol. 3A 5.5-5.7
 * privilege checks on data and stack segments; AMD APM vol. 3 MOV(Sreg)),
 * what LAR, LSL, VERR and VERW report for the same selector (SDM vol. 2A
 * LAR and LSL, vol. 2B VERR/VERW; vol. 3A table 3-2 for the system types
 * valid in IA-32e mode), and the accessed bit a load sets (vol. 3A
 * 3.4.5.1). Null SS: allowed in 64-bit mode at CPL < 3 with RPL = CPL,
 * #GP(0) otherwise and in compatibility mode (SDM vol. 3A 5.7 and the MOV
 * page; AMD APM vol. 2 4.5.3 and 4.12). An access through a null DS is
 * #GP(0) in compatibility mode only (SDM vol. 3A 3.4.2, 3.4.4).
 */
#include "segmentation.h"

/* The code each row runs: the selector is in DI. */
extern char seg_mov_ds[], seg_mov_es[], seg_mov_fs[], seg_mov_gs[];
extern char seg_mov_ss[], seg_mov_ss32[], seg_lfs[], seg_lss[];
extern char seg_readback[];

asm(".pushsection .text\n"
    "seg_mov_ds: mov %di, %ds\n jmp ring_land\n"
    "seg_mov_es: mov %di, %es\n jmp ring_land\n"
    "seg_mov_fs: mov %di, %fs\n jmp ring_land\n"
    "seg_mov_gs: mov %di, %gs\n jmp ring_land\n"
    "seg_mov_ss: mov %di, %ss\n jmp ring_land\n"
    /* LFS/LSS m16:32 at RSI: offset, then the selector. */
    "seg_lfs: lfs (%rsi), %eax\n jmp ring_land\n"
    "seg_lss: lss (%rsi), %esp\n jmp ring_land\n"
    /*
     * LAR into EAX (ZF in R8), LSL into EDX (R9), VERR (R10), VERW (R11);
     * EAX and EDX start at a value no descriptor gives.
     */
    "seg_readback:\n"
    " xor %r8d, %r8d\n xor %r9d, %r9d\n xor %r10d, %r10d\n xor %r11d, %r11d\n"
    " mov $0xdeadbeef, %eax\n lar %di, %eax\n setz %r8b\n"
    " mov $0xdeadbeef, %edx\n lsl %di, %edx\n setz %r9b\n"
    " verr %di\n setz %r10b\n"
    " verw %di\n setz %r11b\n"
    " jmp ring_land\n"
    ".code32\n"
    "seg_mov_ss32: movl %edi, %ss\n jmp ring_land\n"
    ".code64\n"
    ".popsection");

/*
 * GP_0_INTEL: #GP(0) by the SDM's rule for a null SS with RPL != CPL at
 * CPL < 3 (vol. 3A 6.15 "#GP", vol. 2B MOV); the AMD APM (vol. 3 MOV(Sreg))
 * states no such rule, so on other vendors the outcome is only shown.
 */
enum load_result { OK, GP_SEL, GP_0, GP_0_INTEL, NP_SEL, SS_SEL };
enum sel_kind { IN_GDT, IN_LDT, NULL_SEL, PAST_GDT, PAST_LDT };

#define RB_LAR 1
#define RB_LSL 2
#define RB_VERR 4
#define RB_VERW 8
#define RB_ALL (RB_LAR | RB_LSL | RB_VERR | RB_VERW)

struct load_row {
	const char *name;
	unsigned int cpl;
	u8 access; /* the descriptor's byte 5; SEG_S clear: 16-byte system */
	u8 flags; /* G, D/B, L nibble */
	u32 limit;
	enum sel_kind kind;
	unsigned int rpl;
	enum load_result data; /* MOV to DS/ES/FS/GS, LFS */
	enum load_result ss; /* MOV to SS, LSS */
	u8 readback; /* RB_*: which of LAR, LSL, VERR, VERW set ZF */
};

#define P SEG_P
#define S SEG_S
#define D(n) SEG_DPL(n)
#define RW SEG_DATA_RW
#define XR SEG_CODE_XR
#define CONF SEG_CODE_CONF
#define G SEG_G
#define DB SEG_DB
#define FLAT 0xfffff

/*
 * Expected results from SDM vol. 2B MOV (64-bit mode): DS/ES/FS/GS take
 * null; a data or readable code segment with RPL <= DPL and CPL <= DPL
 * unless conforming; #NP when not present. SS takes a writable data
 * segment with RPL = DPL = CPL, #SS when not present. LAR/LSL/VERR/VERW
 * check no P bit; LAR takes LDT, 64-bit TSS and call gate, LSL takes LDT
 * and TSS (SDM vol. 2A LAR/LSL, IA-32e mode lists).
 */
/* clang-format off */
static const struct load_row load_rows[] = {
	{"k_data_rw", 0, P | S | D(0) | RW, G | DB, FLAT, IN_GDT, 0, OK, OK, RB_ALL},
	{"k_data_rw_rpl3", 0, P | S | D(0) | RW, G | DB, FLAT, IN_GDT, 3, GP_SEL, GP_SEL, 0},
	{"k_data_rw_dpl3", 0, P | S | D(3) | RW, G | DB, FLAT, IN_GDT, 0, OK, GP_SEL, RB_ALL},
	{"k_data_ro", 0, P | S | D(0), G | DB, FLAT, IN_GDT, 0, OK, GP_SEL, RB_LAR | RB_LSL | RB_VERR},
	{"k_data_rw_np", 0, S | D(0) | RW, G | DB, FLAT, IN_GDT, 0, NP_SEL, SS_SEL, RB_ALL},
	{"k_data_rw_down", 0, P | S | D(0) | RW | SEG_DATA_DOWN, DB, 0xfff, IN_GDT, 0, OK, OK, RB_ALL},
	{"k_data_limit_bytes", 0, P | S | D(0) | RW, 0, 0x1234, IN_GDT, 0, OK, OK, RB_ALL},
	{"k_data_limit_pages", 0, P | S | D(0) | RW, G, 0x12, IN_GDT, 0, OK, OK, RB_ALL},
	{"k_code_x", 0, P | S | D(0) | SEG_CODE_X, G | DB, FLAT, IN_GDT, 0, GP_SEL, GP_SEL, RB_LAR | RB_LSL},
	{"k_code_xr", 0, P | S | D(0) | XR, G | DB, FLAT, IN_GDT, 0, OK, GP_SEL, RB_LAR | RB_LSL | RB_VERR},
	{"k_code_xr_conf_dpl3", 0, P | S | D(3) | XR | CONF, G | DB, FLAT, IN_GDT, 0, OK, GP_SEL, RB_LAR | RB_LSL | RB_VERR},
	{"k_sys_ldt", 0, P | D(0) | SYS_LDT, 0, 0xfff, IN_GDT, 0, GP_SEL, GP_SEL, RB_LAR | RB_LSL},
	{"k_sys_tss64", 0, P | D(0) | SYS_TSS64, 0, 0x67, IN_GDT, 0, GP_SEL, GP_SEL, RB_LAR | RB_LSL},
	{"k_sys_tss64_busy", 0, P | D(0) | SYS_TSS64_BUSY, 0, 0x67, IN_GDT, 0, GP_SEL, GP_SEL, RB_LAR | RB_LSL},
	{"k_sys_call_gate", 0, P | D(0) | SYS_CALL_GATE64, 0, 0, IN_GDT, 0, GP_SEL, GP_SEL, RB_LAR},
	{"k_sys_int_gate", 0, P | D(0) | SYS_INT_GATE64, 0, 0, IN_GDT, 0, GP_SEL, GP_SEL, 0},
	{"k_sys_tss16", 0, P | D(0) | 0x1, 0, 0x2b, IN_GDT, 0, GP_SEL, GP_SEL, 0},
	{"k_null_rpl0", 0, 0, 0, 0, NULL_SEL, 0, OK, OK, 0},
	{"k_null_rpl3", 0, 0, 0, 0, NULL_SEL, 3, OK, GP_0_INTEL, 0},
	{"k_past_gdt", 0, 0, 0, 0, PAST_GDT, 0, GP_SEL, GP_SEL, 0},
	{"k_ldt_data_rw", 0, P | S | D(0) | RW, G | DB, FLAT, IN_LDT, 0, OK, OK, RB_ALL},
	{"k_ldt_code_x", 0, P | S | D(0) | SEG_CODE_X, G | DB, FLAT, IN_LDT, 0, GP_SEL, GP_SEL, RB_LAR | RB_LSL},
	{"k_past_ldt", 0, 0, 0, 0, PAST_LDT, 0, GP_SEL, GP_SEL, 0},
	{"u_data_rw", 3, P | S | D(3) | RW, G | DB, FLAT, IN_GDT, 3, OK, OK, RB_ALL},
	{"u_data_rw_rpl0", 3, P | S | D(3) | RW, G | DB, FLAT, IN_GDT, 0, OK, GP_SEL, RB_ALL},
	{"u_data_rw_dpl0", 3, P | S | D(0) | RW, G | DB, FLAT, IN_GDT, 3, GP_SEL, GP_SEL, 0},
	{"u_data_ro", 3, P | S | D(3), G | DB, FLAT, IN_GDT, 3, OK, GP_SEL, RB_LAR | RB_LSL | RB_VERR},
	{"u_data_rw_np", 3, S | D(3) | RW, G | DB, FLAT, IN_GDT, 3, NP_SEL, SS_SEL, RB_ALL},
	{"u_code_xr", 3, P | S | D(3) | XR, G | DB, FLAT, IN_GDT, 3, OK, GP_SEL, RB_LAR | RB_LSL | RB_VERR},
	{"u_code_xr_dpl0", 3, P | S | D(0) | XR, G | DB, FLAT, IN_GDT, 3, GP_SEL, GP_SEL, 0},
	{"u_code_xr_conf_dpl0", 3, P | S | D(0) | XR | CONF, G | DB, FLAT, IN_GDT, 3, OK, GP_SEL, RB_LAR | RB_LSL | RB_VERR},
	{"u_sys_call_gate_dpl3", 3, P | D(3) | SYS_CALL_GATE64, 0, 0, IN_GDT, 3, GP_SEL, GP_SEL, RB_LAR},
	{"u_sys_tss64_dpl0", 3, P | D(0) | SYS_TSS64, 0, 0x67, IN_GDT, 3, GP_SEL, GP_SEL, 0},
	{"u_null_rpl3", 3, 0, 0, 0, NULL_SEL, 3, OK, GP_0, 0},
	{"u_null_rpl0", 3, 0, 0, 0, NULL_SEL, 0, OK, GP_0, 0},
	{"u_past_gdt", 3, 0, 0, 0, PAST_GDT, 3, GP_SEL, GP_SEL, 0},
	{"u_ldt_data_rw", 3, P | S | D(3) | RW, G | DB, FLAT, IN_LDT, 3, OK, OK, RB_ALL},
};
/* clang-format on */

#define SLOT 2 /* the row's descriptor (system descriptors take SLOT + 1 too) */

/* Installs the row's descriptor; returns the selector with the row's RPL. */
static u16 install(const struct load_row *r)
{
	u64 sys[2];

	switch (r->kind) {
	case IN_GDT:
		if (r->access & SEG_S)
			return segdesc_gdt_set(SLOT, segdesc_make(0, r->limit,
								  r->access,
								  r->flags)) |
			       r->rpl;
		segdesc_make_sys(sys, 0x100000, r->limit, r->access);
		segdesc_gdt_set(SLOT + 1, sys[1]);
		return segdesc_gdt_set(SLOT, sys[0]) | r->rpl;
	case IN_LDT:
		return segdesc_ldt_set(
			       SLOT,
			       segdesc_make(0, r->limit, r->access, r->flags)) |
		       r->rpl;
	case NULL_SEL:
		return r->rpl;
	case PAST_GDT:
		return segdesc_gdt_beyond() | r->rpl;
	case PAST_LDT:
		return segdesc_ldt_beyond() | r->rpl;
	}
	return 0;
}

static struct fault expected_fault(enum load_result e, u16 sel)
{
	switch (e) {
	case OK:
		return FAULT_NONE;
	case GP_SEL:
		return FAULT(GP_VECTOR, sel & ~3);
	case GP_0:
	case GP_0_INTEL:
		return FAULT(GP_VECTOR, 0);
	case NP_SEL:
		return FAULT(NP_VECTOR, sel & ~3);
	case SS_SEL:
		return FAULT(SS_VECTOR, sel & ~3);
	}
	return FAULT_NONE;
}

static enum seg_mode mode_of(unsigned int cpl)
{
	return cpl ? SEG_U64 : SEG_K64;
}

/* The accessed bit after a load that succeeded (SDM vol. 3A 3.4.5.1). */
static void check_accessed(const struct load_row *r, const char *what)
{
	if (r->kind != IN_GDT)
		return;
	report((segdesc_gdt_get(SLOT) >> 40) & SEG_ACCESSED,
	       "%s sets the accessed bit of the descriptor", what);
}

static void load_one(const struct load_row *r, const char *what,
		     const void *code, enum load_result e)
{
	u16 sel = install(r);
	u32 farptr[2] = {0, sel};
	struct ring_stop st;

	/* LSS also loads RSP: give it the stack the row runs on. */
	if (code == seg_lss)
		farptr[0] = r->cpl ? seg_user_stack() : seg_kernel_stack();
	st = seg_run(mode_of(r->cpl), code, sel, (u64)farptr);
	if (e == GP_0_INTEL && !cpu_is_intel()) {
		char buf[32];

		report_info("CPL%u %s %#x on %s: %s (the SDM's #GP(0) is "
			    "Intel's rule)",
			    r->cpl, what, sel, cpu_vendor(),
			    fault_str(st.fault, buf, sizeof(buf)));
		return;
	}
	if (report_fault(st.fault, expected_fault(e, sel), "CPL%u %s %#x",
			 r->cpl, what, sel) &&
	    !st.fault.raised)
		check_accessed(r, what);
}

/* SDM vol. 2A LAR: bits 23:8 of the second dword, masked by 00FxFF00H. */
static u32 lar_value(const struct load_row *r)
{
	return (segdesc_make(0, r->limit, r->access, r->flags) >> 32) &
	       0x00f0ff00;
}

/* SDM vol. 2A LSL: the limit scaled by G (byte or 4-KByte granular). */
static u32 lsl_value(const struct load_row *r)
{
	return r->flags & SEG_G ? (r->limit << 12) | 0xfff : r->limit;
}

static void check_readback(const struct load_row *r)
{
	u16 sel = install(r);
	struct ring_stop st = seg_run(mode_of(r->cpl), seg_readback, sel, 0);
	u8 got;

	if (!report_fault(st.fault, FAULT_NONE, "CPL%u LAR/LSL/VERR/VERW %#x",
			  r->cpl, sel))
		return;
	got = (st.regs.r8 ? RB_LAR : 0) | (st.regs.r9 ? RB_LSL : 0) |
	      (st.regs.r10 ? RB_VERR : 0) | (st.regs.r11 ? RB_VERW : 0);
	report_eq(got, r->readback,
		  "ZF of LAR 1, LSL 2, VERR 4, VERW 8 for %#x", sel);
	if (got & r->readback & RB_LAR)
		report_eq((u32)st.regs.rax & 0x00f0ff00, lar_value(r),
			  "LAR access rights");
	if (got & r->readback & RB_LSL)
		report_eq((u32)st.regs.rdx, lsl_value(r), "LSL limit");
}

TEST_VARIANTS(load, load_rows, .fixture = &seg_env)
{
	load_one(variant, "MOV DS", seg_mov_ds, variant->data);
	load_one(variant, "MOV ES", seg_mov_es, variant->data);
	load_one(variant, "MOV FS", seg_mov_fs, variant->data);
	load_one(variant, "MOV GS", seg_mov_gs, variant->data);
	load_one(variant, "LFS", seg_lfs, variant->data);
	load_one(variant, "MOV SS", seg_mov_ss, variant->ss);
	load_one(variant, "LSS", seg_lss, variant->ss);
}

TEST_VARIANTS(readback, load_rows, .fixture = &seg_env)
{
	check_readback(variant);
}

/*
 * Null SS in compatibility mode is #GP(0) at every CPL (SDM vol. 2B MOV
 * "Compatibility Mode Exceptions" via protected mode: "If an attempt is
 * made to load SS with a null selector"); a valid SS loads.
 */
TEST_CASE(null_ss_compat, .fixture = &seg_env)
{
	struct ring_stop st;

	st = seg_run(SEG_K32, seg_mov_ss32, 0, 0);
	report_fault(st.fault, FAULT_GP(0), "CPL0 compatibility mode: null SS");
	st = seg_run(SEG_U32, seg_mov_ss32, 3, 0);
	report_fault(st.fault, FAULT_GP(0), "CPL3 compatibility mode: null SS");
	st = seg_run(SEG_K32, seg_mov_ss32, KERNEL_DS, 0);
	report_fault(st.fault, FAULT_NONE, "CPL0 compatibility mode: SS %#x",
		     KERNEL_DS);
	st = seg_run(SEG_U32, seg_mov_ss32, USER_DS, 0);
	report_fault(st.fault, FAULT_NONE, "CPL3 compatibility mode: SS %#x",
		     USER_DS);
}

/*
 * LDS and LES are invalid in 64-bit mode (SDM vol. 2A LDS/LES: "64-bit
 * mode: Invalid"; the bytes C4/C5 are VEX prefixes there). Their place in
 * compatibility mode: LDS loads like MOV DS.
 */
extern char seg_lds32[];
asm(".pushsection .text\n.code32\n"
    /* through SS: the IRET to CPL3 left DS null (SDM vol. 2B IRET) */
    "seg_lds32: lds %ss:(%esi), %eax\n jmp ring_land\n"
    ".code64\n.popsection");

TEST_CASE(lds_compat, .fixture = &seg_env)
{
	static u32 farptr[2];
	struct ring_stop st;

	farptr[1] = KERNEL_DS | 3;
	st = seg_run(SEG_U32, seg_lds32, 0, (u64)farptr);
	report_fault(st.fault, FAULT_GP(KERNEL_DS),
		     "CPL3 compatibility mode: LDS of a DPL0 data segment");
	farptr[1] = USER_DS;
	st = seg_run(SEG_U32, seg_lds32, 0, (u64)farptr);
	report_fault(st.fault, FAULT_NONE,
		     "CPL3 compatibility mode: LDS of %#x", USER_DS);
}

extern char hs_fs64[], hs_ds64[], hs_ds32[];
asm(".pushsection .text\n"
    "hs_fs64: mov %di, %fs\n mov %fs:(%rsi), %eax\n jmp ring_land\n"
    "hs_ds64: mov %di, %ds\n mov (%rsi), %eax\n jmp ring_land\n"
    ".code32\n"
    "hs_ds32: movl %edi, %ds\n movl (%esi), %eax\n jmp ring_land\n"
    ".code64\n"
    ".popsection");

static u32 cells[4] __aligned(16) = {0x11111111, 0x22222222, 0x33333333,
				     0x44444444};

/*
 * The hidden part of a segment register, seen through accesses (SDM vol.
 * 3A 3.4.3 and 3.4.4, 5.3 limit checking, 3.4.5.1 expand-down): in 64-bit
 * mode the FS base comes from the descriptor and the DS base is taken as
 * 0; in compatibility mode the DS base is added and the limit checked, an
 * expand-down segment allowing only offsets above its limit; an access
 * outside the limit is #GP(0).
 */
TEST_CASE(hidden_state, .fixture = &seg_env)
{
	u32 base = (u32)(u64)cells;
	u16 flat = segdesc_gdt_set(
		SLOT, segdesc_make(base, 0xfffff, P | S | D(0) | RW, G | DB));
	u16 small = segdesc_gdt_set(
		SLOT + 1, segdesc_make(base, 0xb, P | S | D(0) | RW, DB));
	u16 down = segdesc_gdt_set(
		SLOT + 2, segdesc_make(base - 0x1000, 0xfff,
				       P | S | D(0) | RW | SEG_DATA_DOWN, DB));
	struct ring_stop st;

	st = seg_run(SEG_K64, hs_fs64, flat, 4);
	if (report_fault(st.fault, FAULT_NONE, "64-bit: read FS:4"))
		report_eq((u32)st.regs.rax, cells[1],
			  "64-bit: FS base from the descriptor");
	st = seg_run(SEG_K64, hs_ds64, flat, (u64)&cells[2]);
	if (report_fault(st.fault, FAULT_NONE, "64-bit: read DS:&cells[2]"))
		report_eq((u32)st.regs.rax, cells[2],
			  "64-bit: DS base taken as 0");
	st = seg_run(SEG_K32, hs_ds32, small, 4);
	if (report_fault(st.fault, FAULT_NONE,
			 "compatibility: read DS:4, limit 0xb"))
		report_eq((u32)st.regs.rax, cells[1],
			  "compatibility: DS base added");
	st = seg_run(SEG_K32, hs_ds32, small, 0xc);
	report_fault(st.fault, FAULT_GP(0),
		     "compatibility: read DS:0xc past limit 0xb");
	st = seg_run(SEG_K32, hs_ds32, down, 0x1000);
	if (report_fault(st.fault, FAULT_NONE,
			 "compatibility: expand-down, read above the limit"))
		report_eq((u32)st.regs.rax, cells[0],
			  "compatibility: expand-down base added");
	st = seg_run(SEG_K32, hs_ds32, down, 0x800);
	report_fault(st.fault, FAULT_GP(0),
		     "compatibility: expand-down, read at or below the limit");
}

/*
 * A null selector loads into DS at any CPL; an access through it is
 * #GP(0) in compatibility mode (SDM vol. 3A 3.4.2 null segment selector;
 * vol. 2B MOV, protected-mode and compatibility-mode exceptions: "#GP(0)
 * if the DS, ES, FS, or GS register is used to access memory and it
 * contains a NULL segment selector") but allowed in 64-bit mode (vol. 3A
 * 3.4.4: no null check on DS, ES, FS, GS accesses in 64-bit mode).
 */
TEST_CASE(null_ds_access, .fixture = &seg_env)
{
	static const enum seg_mode modes[] = {SEG_K32, SEG_U32, SEG_K64,
					      SEG_U64};
	static const char *const names[] = {"CPL0 compatibility",
					    "CPL3 compatibility", "CPL0 64-bit",
					    "CPL3 64-bit"};

	for (unsigned int i = 0; i < 4; i++) {
		bool compat = modes[i] == SEG_K32 || modes[i] == SEG_U32;
		struct ring_stop st =
			seg_run(modes[i], compat ? hs_ds32 : hs_ds64, 0,
				(u64)&cells[0]);

		if (compat) {
			if (report_fault(st.fault, FAULT_GP(0),
					 "%s: read through a null DS",
					 names[i]))
				report_eq(st.regs.rip, (u64)hs_ds32 + 2,
					  "RIP saved is the read's");
		} else if (report_fault(st.fault, FAULT_NONE,
					"%s: read through a null DS",
					names[i])) {
			report_eq((u32)st.regs.rax, cells[0],
				  "%s: the value read", names[i]);
		}
	}
}
