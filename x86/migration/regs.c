// SPDX-License-Identifier: GPL-2.0-only
/*
 * regs.c: register state across migration. SSE registers XMM0-XMM15 and
 * MXCSR (Intel SDM vol. 1 10.2, 10.2.3), AVX registers YMM0-YMM15 (vol. 1
 * 14.1, enabled by CR4.OSXSAVE and XCR0 bits 0-2, 13.3), x87 data
 * registers and control word (vol. 1 8.1; SSE2 and the FPU are part of
 * every 64-bit CPU), debug registers DR0-DR3 and DR7 (vol. 3B 18.2), and
 * the control registers CR0, CR3, CR4 (vol. 3A 2.5). The values are the
 * guest's own; a migration may not change them.
 */
#include "migration.h"
#include <x86/processor.h>

#define NR_XMM 16
/* M(n) for each of the 16 vector registers: asm names them literally. */
#define FOR_EACH_VREG(M) \
	M(0);            \
	M(1);            \
	M(2);            \
	M(3);            \
	M(4);            \
	M(5);            \
	M(6);            \
	M(7);            \
	M(8);            \
	M(9);            \
	M(10);           \
	M(11);           \
	M(12);           \
	M(13);           \
	M(14);           \
	M(15)

static u8 xmm_out[NR_XMM][16] __attribute__((aligned(16)));
static u8 xmm_in[NR_XMM][16] __attribute__((aligned(16)));

/*
 * Loads xmm_out into XMM0-15 and MXCSR, asks for the migration with the
 * registers live (no code touches them on the way: the library is built
 * without SSE), then stores them into xmm_in.
 */
static bool migrate_with_xmm(u32 mxcsr, u32 *mxcsr_after)
{
	bool migrated;

#define LOAD(n) asm volatile("movdqa %0, %%xmm" #n : : "m"(xmm_out[n]))
#define STORE(n) asm volatile("movdqa %%xmm" #n ", %0" : "=m"(xmm_in[n]))
	FOR_EACH_VREG(LOAD);
	asm volatile("ldmxcsr %0" : : "m"(mxcsr));
	migrated = migrate_point();
	asm volatile("stmxcsr %0" : "=m"(*mxcsr_after));
	FOR_EACH_VREG(STORE);
#undef LOAD
#undef STORE
	return migrated;
}

TEST_CASE(sse_registers)
{
	/* Round toward zero, all exceptions masked, DAZ off (10.2.3). */
	u32 mxcsr = 0x7f80, mxcsr_after = 0, bad = 0;

	for (int r = 0; r < NR_XMM; r++)
		for (int b = 0; b < 16; b++)
			xmm_out[r][b] = (u8)(r * 16 + b + 1);
	memset(xmm_in, 0, sizeof(xmm_in));
	if (!migrate_with_xmm(mxcsr, &mxcsr_after))
		return report_skip("not migrated: %s", migrate_reason());
	for (int r = 0; r < NR_XMM; r++)
		if (memcmp(xmm_in[r], xmm_out[r], 16)) {
			bad++;
			report_info("XMM%d changed", r);
		}
	report_eq(bad, 0, "XMM0-XMM15 hold their values");
	report_eq(mxcsr_after, mxcsr, "MXCSR holds its value");
}

/* XCR0 bits 0-2: x87, SSE and AVX state (SDM vol. 1 13.3). */
#define XCR0_X87_SSE_AVX 0x7

static u8 ymm_out[NR_XMM][32] __attribute__((aligned(32)));
static u8 ymm_in[NR_XMM][32] __attribute__((aligned(32)));

static bool migrate_with_ymm(void)
{
	bool migrated;

#define LOAD(n) asm volatile("vmovdqa %0, %%ymm" #n : : "m"(ymm_out[n]))
#define STORE(n) asm volatile("vmovdqa %%ymm" #n ", %0" : "=m"(ymm_in[n]))
	FOR_EACH_VREG(LOAD);
	migrated = migrate_point();
	FOR_EACH_VREG(STORE);
#undef LOAD
#undef STORE
	return migrated;
}

TEST_CASE(avx_registers,
	  .features = CPU_FEATURES(X86_FEATURE_XSAVE, X86_FEATURE_AVX))
{
	u64 cr4 = read_cr4(), xcr0;
	unsigned int bad = 0;
	bool migrated;

	if (!(cpuid_count(0xd, 0).a & 0x4))
		return report_skip("XCR0 cannot enable AVX state "
				   "(CPUID.(EAX=0DH,ECX=0):EAX[2] clear)");
	write_cr4(cr4 | X86_CR4_OSXSAVE);
	xcr0 = xgetbv(0);
	xsetbv(0, xcr0 | XCR0_X87_SSE_AVX);
	for (int r = 0; r < NR_XMM; r++)
		for (int b = 0; b < 32; b++)
			ymm_out[r][b] = (u8)(0xa0 ^ (r * 32 + b));
	memset(ymm_in, 0, sizeof(ymm_in));
	migrated = migrate_with_ymm();
	xsetbv(0, xcr0);
	write_cr4(cr4);
	if (!migrated)
		return report_skip("not migrated: %s", migrate_reason());
	for (int r = 0; r < NR_XMM; r++)
		if (memcmp(ymm_in[r], ymm_out[r], 32)) {
			bad++;
			report_info("YMM%d changed (upper half %s)", r,
				    memcmp(ymm_in[r] + 16, ymm_out[r] + 16, 16)
					    ? "differs"
					    : "same");
		}
	report_eq(bad, 0, "YMM0-YMM15 hold all 256 bits");
}

TEST_CASE(x87_registers)
{
	/* Control word: all exceptions masked, double precision, round down. */
	u16 fcw = 0x067f, fcw_after = 0;
	u64 out[2] = {0x4000c90fdaa22168ULL, 0xc0049abcdef01234ULL};
	u64 in[2] = {0, 0};
	bool migrated;

	asm volatile("fninit; fldcw %0; fildll %1; fildll %2"
		     :
		     : "m"(fcw), "m"(out[0]), "m"(out[1]));
	migrated = migrate_point();
	asm volatile("fnstcw %0; fistpll %1; fistpll %2"
		     : "=m"(fcw_after), "=m"(in[1]), "=m"(in[0]));
	asm volatile("fninit");
	if (!migrated)
		return report_skip("not migrated: %s", migrate_reason());
	report_eq(in[0], out[0], "ST(1) holds its integer value");
	report_eq(in[1], out[1], "ST(0) holds its integer value");
	report_eq(fcw_after, fcw, "FPU control word holds its value");
}

TEST_CASE(debug_registers)
{
	/* Breakpoint addresses and kinds set, every enable bit clear. */
	u64 want[4] = {0x1000, 0x2008, 0x300c, 0x4000};
	u64 dr7 = 0xd5e70000ULL | BIT(10), old7 = read_dr7();
	u64 got[4];

	write_dr7(BIT(10));
	write_dr0(want[0]);
	write_dr1(want[1]);
	write_dr2(want[2]);
	write_dr3(want[3]);
	write_dr7(dr7);
	if (migrate_or_skip()) {
		got[0] = read_dr0();
		got[1] = read_dr1();
		got[2] = read_dr2();
		got[3] = read_dr3();
		for (int i = 0; i < 4; i++)
			report_eq(got[i], want[i], "DR%d holds its address", i);
		report_eq(read_dr7(), dr7, "DR7 holds its kinds and lengths");
	}
	write_dr7(old7);
}

TEST_CASE(control_registers)
{
	u64 cr0 = read_cr0(), cr3 = read_cr3(), cr4 = read_cr4();

	if (!migrate_or_skip())
		return;
	report_eq(read_cr0(), cr0, "CR0 unchanged");
	report_eq(read_cr3(), cr3, "CR3 unchanged");
	report_eq(read_cr4(), cr4,
		  "CR4 unchanged (features the guest enabled)");
}
