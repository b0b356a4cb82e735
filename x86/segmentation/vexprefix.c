// SPDX-License-Identifier: GPL-2.0-only
/*
 * vexprefix.c: prefixes that make a VEX-encoded instruction #UD in 64-bit
 * mode, one row each (Intel SDM vol. 2A 2.3.2 "VEX and the LOCK prefix",
 * 2.3.3 "VEX and the 66H, F2H, and F3H prefixes", 2.3.4 "VEX and the REX
 * prefix": any of them before VEX is #UD; AMD APM vol. 3 "VEX and XOP
 * Prefixes"). VZEROUPPER is the instruction: with CR4.OSXSAVE = 1 and
 * XCR0 enabling SSE and AVX state it is valid, and each row first runs it
 * alone (no fault) so that only the prefix can explain the #UD. The rows
 * use the 2-byte (C5) and 3-byte (C4) forms, at CPL0 and at CPL3.
 */
#include "segmentation.h"

#define FEATURE_AVX X86_FEATURE(1, 0, ECX, 28, "avx")
#define XCR0_X87_SSE_AVX 0x7ULL
/* XCR0 after RESET (SDM vol. 1 13.3); nothing else in this test sets it. */
#define XCR0_RESET 0x1ULL

#define VEX_ROW(name, bytes) "vx_" name ": " bytes "\n jmp ring_land\n"
#define VZU2 "0xc5, 0xf8, 0x77" /* VEX.128.0F.WIG 77 */
#define VZU3 "0xc4, 0xe1, 0x78, 0x77" /* the same in the 3-byte form */

extern char vx_plain2[], vx_plain3[], vx_lock2[], vx_66_2[], vx_f2_2[];
extern char vx_f3_2[], vx_rex2[], vx_rexw2[], vx_lock3[], vx_66_3[];
extern char vx_rex3[], vx_rexb3[];

/* clang-format off */
asm(".pushsection .text\n"
    VEX_ROW("plain2", ".byte " VZU2)
    VEX_ROW("plain3", ".byte " VZU3)
    VEX_ROW("lock2", ".byte 0xf0, " VZU2)
    VEX_ROW("66_2", ".byte 0x66, " VZU2)
    VEX_ROW("f2_2", ".byte 0xf2, " VZU2)
    VEX_ROW("f3_2", ".byte 0xf3, " VZU2)
    VEX_ROW("rex2", ".byte 0x40, " VZU2)
    VEX_ROW("rexw2", ".byte 0x48, " VZU2)
    VEX_ROW("lock3", ".byte 0xf0, " VZU3)
    VEX_ROW("66_3", ".byte 0x66, " VZU3)
    VEX_ROW("rex3", ".byte 0x40, " VZU3)
    VEX_ROW("rexb3", ".byte 0x41, " VZU3)
    ".popsection");
/* clang-format on */

struct vex_row {
	const char *name;
	const char *code;
	const char *plain; /* the same VEX form without the prefix */
};

/* clang-format off */
static const struct vex_row vex_rows[] = {
	{"lock_c5", vx_lock2, vx_plain2},
	{"opsize_c5", vx_66_2, vx_plain2},
	{"repne_c5", vx_f2_2, vx_plain2},
	{"rep_c5", vx_f3_2, vx_plain2},
	{"rex_c5", vx_rex2, vx_plain2},
	{"rex_w_c5", vx_rexw2, vx_plain2},
	{"lock_c4", vx_lock3, vx_plain3},
	{"opsize_c4", vx_66_3, vx_plain3},
	{"rex_c4", vx_rex3, vx_plain3},
	{"rex_b_c4", vx_rexb3, vx_plain3},
};
/* clang-format on */

static void check_vex(const struct vex_row *r, enum seg_mode mode)
{
	unsigned int cpl = mode == SEG_U64 ? 3 : 0;
	u64 cr4 = read_cr4();
	struct ring_stop st;

	if ((cpuid_count(0xd, 0).a & XCR0_X87_SSE_AVX) != XCR0_X87_SSE_AVX)
		return report_skip("XCR0 cannot enable SSE and AVX state");
	write_cr4(cr4 | X86_CR4_OSXSAVE);
	xsetbv(0, XCR0_X87_SSE_AVX);
	st = seg_run(mode, r->plain, 0, 0);
	report_fault(st.fault, FAULT_NONE, "CPL%u: VZEROUPPER without a prefix",
		     cpl);
	st = seg_run(mode, r->code, 0, 0);
	if (report_fault(st.fault, FAULT_UD, "CPL%u: %s", cpl, r->name))
		report_eq(st.regs.rip, (u64)r->code,
			  "RIP saved is the prefix's");
	xsetbv(0, XCR0_RESET);
	write_cr4(cr4);
}

TEST_VARIANTS(vex_prefix, vex_rows, .fixture = &seg_env,
	      .features = CPU_FEATURES(X86_FEATURE_XSAVE, FEATURE_AVX))
{
	check_vex(variant, SEG_K64);
}

TEST_VARIANTS(vex_prefix_user, vex_rows, .fixture = &seg_env,
	      .features = CPU_FEATURES(X86_FEATURE_XSAVE, FEATURE_AVX))
{
	check_vex(variant, SEG_U64);
}
