// SPDX-License-Identifier: GPL-2.0-only
/*
 * invalid.c: encodings that raise #UD in 64-bit mode, one row each, with
 * the saved RIP at the instruction (Intel SDM vol. 2A 2.5 and appendix A
 * opcode map: "i64" opcodes invalid in 64-bit mode, "LOCK" prefix rules in
 * vol. 2A LOCK, UD0/UD1/UD2 in vol. 2B UD; vol. 2B MOV: a move to CS is
 * #UD; vol. 2A 2.3.12 / VEX.* with CR4.OSXSAVE = 0; instruction pages for
 * instructions of features the CPUID does not enumerate; AMD APM vol. 3
 * 1.2.5 and appendix A). A row whose feature is enumerated is a SKIP.
 * Each row runs at CPL0 (invalid.ROW) and at CPL3 (invalid_user.ROW).
 */
#include "segmentation.h"

#define UD_ROW(name, bytes) "ud_" name ": " bytes "\n jmp ring_land\n"

extern char ud_daa[], ud_das[], ud_aaa[], ud_aas[], ud_aam[], ud_aad[];
extern char ud_salc[], ud_into[], ud_lock_nop[], ud_lock_mov[];
extern char ud_lock_add_reg[], ud_lock_cmpxchg_reg[], ud_lock_lfence[];
extern char ud_mov_cs[], ud_ud0[], ud_ud1[], ud_ud2[], ud_0f04[];
extern char ud_0f0a[], ud_vzeroupper[], ud_rdtscp[], ud_rdpid[];
extern char ud_movbe[], ud_stac[];

/* clang-format off */
asm(".pushsection .text\n"
    UD_ROW("daa", ".byte 0x27")
    UD_ROW("das", ".byte 0x2f")
    UD_ROW("aaa", ".byte 0x37")
    UD_ROW("aas", ".byte 0x3f")
    UD_ROW("aam", ".byte 0xd4, 0x0a")
    UD_ROW("aad", ".byte 0xd5, 0x0a")
    UD_ROW("salc", ".byte 0xd6")
    UD_ROW("into", ".byte 0xce")
    UD_ROW("lock_nop", ".byte 0xf0, 0x90")
    UD_ROW("lock_mov", ".byte 0xf0, 0x89, 0x04, 0x24") /* mov %eax, (%rsp) */
    UD_ROW("lock_add_reg", ".byte 0xf0, 0x01, 0xc0") /* add %eax, %eax */
    UD_ROW("lock_cmpxchg_reg", ".byte 0xf0, 0x0f, 0xb1, 0xc8") /* cmpxchg %ecx, %eax */
    UD_ROW("lock_lfence", ".byte 0xf0, 0x0f, 0xae, 0xe8")
    UD_ROW("mov_cs", ".byte 0x8e, 0xc8") /* mov %eax, %cs */
    UD_ROW("ud0", ".byte 0x0f, 0xff, 0xc0")
    UD_ROW("ud1", ".byte 0x0f, 0xb9, 0xc0")
    UD_ROW("ud2", ".byte 0x0f, 0x0b")
    UD_ROW("0f04", ".byte 0x0f, 0x04")
    UD_ROW("0f0a", ".byte 0x0f, 0x0a")
    UD_ROW("vzeroupper", ".byte 0xc5, 0xf8, 0x77")
    UD_ROW("rdtscp", ".byte 0x0f, 0x01, 0xf9")
    UD_ROW("rdpid", ".byte 0xf3, 0x0f, 0xc7, 0xf8") /* rdpid %rax */
    UD_ROW("movbe", ".byte 0x0f, 0x38, 0xf0, 0x04, 0x24") /* movbe (%rsp), %eax */
    UD_ROW("stac", ".byte 0x0f, 0x01, 0xcb")
    ".popsection");
/* clang-format on */

enum ud_cond { ALWAYS, NO_OSXSAVE, ABSENT };

struct ud_row {
	const char *name;
	const char *code;
	enum ud_cond cond;
	struct x86_feature feature; /* ABSENT: #UD when not enumerated */
};

/* clang-format off */
static const struct ud_row ud_rows[] = {
	{"daa", ud_daa, ALWAYS, {0}},
	{"das", ud_das, ALWAYS, {0}},
	{"aaa", ud_aaa, ALWAYS, {0}},
	{"aas", ud_aas, ALWAYS, {0}},
	{"aam", ud_aam, ALWAYS, {0}},
	{"aad", ud_aad, ALWAYS, {0}},
	{"salc", ud_salc, ALWAYS, {0}},
	{"into", ud_into, ALWAYS, {0}},
	{"lock_nop", ud_lock_nop, ALWAYS, {0}},
	{"lock_mov", ud_lock_mov, ALWAYS, {0}},
	{"lock_add_reg", ud_lock_add_reg, ALWAYS, {0}},
	{"lock_cmpxchg_reg", ud_lock_cmpxchg_reg, ALWAYS, {0}},
	{"lock_lfence", ud_lock_lfence, ALWAYS, {0}},
	{"mov_cs", ud_mov_cs, ALWAYS, {0}},
	{"ud0", ud_ud0, ALWAYS, {0}},
	{"ud1", ud_ud1, ALWAYS, {0}},
	{"ud2", ud_ud2, ALWAYS, {0}},
	{"0f04", ud_0f04, ALWAYS, {0}},
	{"0f0a", ud_0f0a, ALWAYS, {0}},
	{"vzeroupper", ud_vzeroupper, NO_OSXSAVE, {0}},
	{"rdtscp", ud_rdtscp, ABSENT, {0x80000001, 0, CPUID_EDX, 27, "rdtscp"}},
	{"rdpid", ud_rdpid, ABSENT, {7, 0, CPUID_ECX, 22, "rdpid"}},
	{"movbe", ud_movbe, ABSENT, {1, 0, CPUID_ECX, 22, "movbe"}},
	{"stac", ud_stac, ABSENT, {7, 0, CPUID_EBX, 20, "smap"}},
};
/* clang-format on */

static void check_ud(const struct ud_row *r, enum seg_mode mode)
{
	struct ring_stop st;

	if (r->cond == NO_OSXSAVE && (read_cr4() & X86_CR4_OSXSAVE))
		return report_skip("CR4.OSXSAVE = 1: VEX is valid");
	if (r->cond == ABSENT && cpu_has(r->feature))
		return report_skip("%s enumerated: the instruction is valid",
				   r->feature.name);
	st = seg_run(mode, r->code, 0, 0);
	report_fault(st.fault, FAULT_UD, "CPL%u: %s", mode == SEG_U64 ? 3 : 0,
		     r->name);
	report_eq(st.regs.rip, (u64)r->code, "RIP saved is the instruction's");
}

TEST_VARIANTS(invalid, ud_rows, .fixture = &seg_env)
{
	check_ud(variant, SEG_K64);
}

TEST_VARIANTS(invalid_user, ud_rows, .fixture = &seg_env)
{
	check_ud(variant, SEG_U64);
}
