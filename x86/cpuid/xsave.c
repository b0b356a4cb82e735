// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/xsave: the XSAVE feature set against what CPUID.0xD advertises
 * (Intel SDM vol. 1 ch. 13; vol. 2A CPUID leaf 0DH; vol. 2D XGETBV,
 * XSETBV, XSAVE, XSAVEOPT, XSAVEC, XSAVES, XRSTOR, XRSTORS; AMD APM vol. 2
 * 11.5). Cases:
 *
 *	xsave_leaves	  leaf 0xD alone: x87 and SSE supported, sizes and
 *			  offsets of the user components, supervisor
 *			  components marked, invalid sub-leaves zero
 *	xsave_sizes	  leaf 0xD.0:EBX and 0xD.1:EBX follow XCR0 (13.2)
 *	xsave_xsetbv	  XCR0 rules (13.3): reserved bits, x87 clear, AVX
 *			  without SSE, partial AVX-512 and MPX and AMX pairs,
 *			  invalid XCRs, #UD with CR4.OSXSAVE clear, XGETBV(1)
 *	xsave_xrstor_rules  the header and alignment checks of XRSTOR[S]
 *	xsave_round_trip.ROW  a distinct byte pattern per component loaded
 *			  with XRSTOR, saved with the row's instruction into
 *			  the layout CPUID gives (standard or compacted,
 *			  13.4), restored with the matching instruction and
 *			  saved again; XINUSE through XGETBV(1) where offered;
 *			  not advertised: #UD
 *	xsave_xss	  IA32_XSS takes exactly the supervisor components
 *			  leaf 0xD.1 enumerates (13.3)
 *	xsave_isolation	  each CPU keeps its own x87 and SSE state
 *			  (FXSAVE/FXRSTOR, vol. 1 10.5)
 *	xsave_isolation_avx  each CPU keeps its own AVX state (YMM upper
 *			  halves, 13.5.3), loaded with XRSTOR and saved with
 *			  XSAVE after every CPU has loaded its own
 *	xsave_isolation_avx512  likewise the AVX-512 state (opmask,
 *			  ZMM_Hi256, Hi16_ZMM, 13.5.5) where XCR0 supports it
 *
 * The patterns cover the components whose contents have no reserved bits
 * the processor checks: x87, SSE, AVX, the AVX-512 triple and PKRU. MPX
 * and AMX are left out of XCR0 for the round trips.
 */
#include "cpuid.h"
#include <alloc.h>
#include <smp.h>

#define XFEATURE_X87 0
#define XFEATURE_SSE 1
#define XFEATURE_AVX 2
#define XFEATURE_BNDREGS 3
#define XFEATURE_BNDCSR 4
#define XFEATURE_OPMASK 5
#define XFEATURE_ZMM_HI256 6
#define XFEATURE_HI16_ZMM 7
#define XFEATURE_PKRU 9
#define XFEATURE_TILECFG 17
#define XFEATURE_TILEDATA 18

#define XMASK_LEGACY (BIT(XFEATURE_X87) | BIT(XFEATURE_SSE))
#define XMASK_AVX512                                      \
	(BIT(XFEATURE_OPMASK) | BIT(XFEATURE_ZMM_HI256) | \
	 BIT(XFEATURE_HI16_ZMM))
#define XMASK_PATTERNED \
	(XMASK_LEGACY | BIT(XFEATURE_AVX) | XMASK_AVX512 | BIT(XFEATURE_PKRU))

/* The legacy region, the header and the extended region (SDM 13.4). */
#define XSAVE_LEGACY_SIZE 512
#define XSAVE_HDR_SIZE 64
#define XSAVE_EXT_START (XSAVE_LEGACY_SIZE + XSAVE_HDR_SIZE)
#define XCOMP_BV_COMPACT BIT(63)
#define MXCSR_OFFSET 24
#define MXCSR_PATTERN 0x5f80 /* RC = 10b, exceptions masked */
#define MXCSR_INIT 0x1f80
#define AREA_ORDER 2 /* 16 KiB: every patterned component fits */
#define CANARY 0xcc
#define CANARY_LEN 256

static u8 *area_src, *area_dst, *area_chk, *area_init;
static u64 saved_cr4, saved_xcr0;

static u64 xcr0_supported(void)
{
	struct cpuid r = cpuid_count(0xd, 0);

	return r.a | (u64)r.d << 32;
}

static u64 xss_supported(void)
{
	struct cpuid r = cpuid_count(0xd, 1);

	return r.c | (u64)r.d << 32;
}

static struct fault xsetbv_safe(u32 index, u64 val)
{
	return fault_probe("xsetbv",
			   :
			   : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index)
			   : "memory");
}

static struct fault xgetbv_safe(u32 index, u64 *val)
{
	u32 lo = 0, hi = 0;
	struct fault f;

	f = fault_probe("xgetbv", : "+a"(lo), "+d"(hi) : "c"(index));
	*val = lo | (u64)hi << 32;
	return f;
}

enum xop { OP_XSAVE, OP_XSAVEOPT, OP_XSAVEC, OP_XSAVES, OP_XRSTOR, OP_XRSTORS };

/* One XSAVE-family instruction on AREA with RFBM in EDX:EAX. */
static struct fault xop(enum xop op, void *area, u64 rfbm)
{
	u32 lo = rfbm, hi = rfbm >> 32;

	switch (op) {
	case OP_XSAVE:
		return fault_probe("xsave64 (%0)",
				   :
				   : "r"(area), "a"(lo), "d"(hi)
				   : "memory");
	case OP_XSAVEOPT:
		return fault_probe("xsaveopt64 (%0)",
				   :
				   : "r"(area), "a"(lo), "d"(hi)
				   : "memory");
	case OP_XSAVEC:
		return fault_probe("xsavec64 (%0)",
				   :
				   : "r"(area), "a"(lo), "d"(hi)
				   : "memory");
	case OP_XSAVES:
		return fault_probe("xsaves64 (%0)",
				   :
				   : "r"(area), "a"(lo), "d"(hi)
				   : "memory");
	case OP_XRSTOR:
		return fault_probe("xrstor64 (%0)",
				   :
				   : "r"(area), "a"(lo), "d"(hi)
				   : "memory");
	case OP_XRSTORS:
		return fault_probe("xrstors64 (%0)",
				   :
				   : "r"(area), "a"(lo), "d"(hi)
				   : "memory");
	}
	return FAULT_NONE;
}

static u64 *hdr_xstate_bv(u8 *area)
{
	return (u64 *)(area + XSAVE_LEGACY_SIZE);
}

static u64 *hdr_xcomp_bv(u8 *area)
{
	return (u64 *)(area + XSAVE_LEGACY_SIZE + 8);
}

/* The OR of the header's bytes 63:16, which XRSTOR needs zero. */
static u64 header_rest(u8 *area)
{
	u64 *h = (u64 *)(area + XSAVE_LEGACY_SIZE);

	return h[2] | h[3] | h[4] | h[5] | h[6] | h[7];
}

/* Standard-format offset of component I (CPUID.(0xD,I):EBX). */
static u32 std_offset(unsigned int i)
{
	return cpuid_count(0xd, i).b;
}

static u32 comp_size(unsigned int i)
{
	return cpuid_count(0xd, i).a;
}

/*
 * Compacted format (SDM 13.4.3): the components of XCOMP_BV from 2 up,
 * in order, each after the previous one, aligned to 64 bytes when
 * CPUID.(0xD,i):ECX[1] says so. Returns the offset of component I, or
 * with I = 64 the size of the whole area.
 */
static u32 compact_offset(u64 xcomp, unsigned int i)
{
	u32 at = XSAVE_EXT_START;

	for (unsigned int j = 2; j < 63; j++) {
		if (!(xcomp & BIT(j)))
			continue;
		if (cpuid_count(0xd, j).c & BIT(1))
			at = ALIGN_UP(at, 64U);
		if (j == i)
			return at;
		at += comp_size(j);
	}
	return at;
}

/* The end of the standard-format area holding the components of MASK. */
static u32 std_size(u64 mask)
{
	u32 end = XSAVE_EXT_START;

	for (unsigned int i = 2; i < 63; i++)
		if (mask & BIT(i))
			end = MAX(end, std_offset(i) + comp_size(i));
	return end;
}

/* Byte J of component I's pattern: a mix of both, distinct per component. */
static u8 pattern_byte(unsigned int i, unsigned int j)
{
	u32 x = (i + 1) << 16 | j;

	x ^= x >> 7;
	x *= 0x2545f491u;
	x ^= x >> 15;
	return (u8)(x >> 8);
}

/*
 * The bytes of component I that carry state, as [start, end) pairs
 * relative to its offset: for x87 FCW, FSW, the abridged FTW and the
 * 10-byte registers ST0-ST7 (FOP, FIP and FDP are not saved by every
 * processor, APM vol. 2 11.5.4); for SSE MXCSR and XMM0-XMM15; PKRU's
 * 4 bytes (SDM 13.5.7); the whole component otherwise.
 */
static unsigned int comp_ranges(unsigned int i, u32 ranges[][2])
{
	unsigned int n = 0;

	switch (i) {
	case XFEATURE_X87:
		ranges[n][0] = 0;
		ranges[n++][1] = 5;
		for (unsigned int r = 0; r < 8; r++) {
			ranges[n][0] = 32 + r * 16;
			ranges[n++][1] = 32 + r * 16 + 10;
		}
		return n;
	case XFEATURE_SSE:
		ranges[n][0] = MXCSR_OFFSET;
		ranges[n++][1] = MXCSR_OFFSET + 4;
		ranges[n][0] = 160;
		ranges[n++][1] = 416;
		return n;
	case XFEATURE_PKRU:
		ranges[0][0] = 0;
		ranges[0][1] = 4;
		return 1;
	default:
		ranges[0][0] = 0;
		ranges[0][1] = comp_size(i);
		return 1;
	}
}

static void put_pattern(u8 *base, unsigned int i)
{
	u32 ranges[10][2];
	unsigned int n = comp_ranges(i, ranges);

	for (unsigned int r = 0; r < n; r++)
		for (u32 j = ranges[r][0]; j < ranges[r][1]; j++)
			base[j] = pattern_byte(i, j);
	if (i == XFEATURE_X87) {
		*(u16 *)base = 0x027f; /* FCW: 53-bit precision, masked */
		*(u16 *)(base + 2) = 0; /* FSW */
		base[4] = 0xff; /* every register valid */
	} else if (i == XFEATURE_SSE) {
		*(u32 *)(base + MXCSR_OFFSET) = MXCSR_PATTERN;
	}
}

/*
 * Checks component I at BASE against put_pattern()'s bytes: one check
 * naming the first differing byte.
 */
static void check_pattern(const u8 *base, unsigned int i, const char *what)
{
	u8 legacy[XSAVE_LEGACY_SIZE];
	u32 ranges[10][2];
	unsigned int n = comp_ranges(i, ranges);
	char exp[48] = "the pattern", act[48] = "the pattern";
	bool same = true;

	if (i <= XFEATURE_SSE) {
		memset(legacy, 0, sizeof(legacy));
		put_pattern(legacy, i);
	}
	for (unsigned int r = 0; r < n && same; r++) {
		for (u32 j = ranges[r][0]; j < ranges[r][1]; j++) {
			u8 w = i <= XFEATURE_SSE ? legacy[j]
						 : pattern_byte(i, j);

			if (base[j] == w)
				continue;
			snprintf(exp, sizeof(exp), "the pattern (byte %u %#x)",
				 j, w);
			snprintf(act, sizeof(act), "byte %u %#x", j, base[j]);
			same = false;
			break;
		}
	}
	report_cmp(same, exp, act, "%s: component %u holds its pattern", what,
		   i);
}

/* The standard-format area with every component of MASK patterned. */
static void build_pattern_area(u8 *area, u64 mask)
{
	memset(area, 0, PAGE_SIZE << AREA_ORDER);
	for (unsigned int i = 0; i < 63; i++) {
		if (!(mask & BIT(i)))
			continue;
		put_pattern(i < 2 ? area : area + std_offset(i), i);
	}
	*hdr_xstate_bv(area) = mask;
}

/* Every user component to its initial configuration (SDM 13.6). */
static void xstate_init(void)
{
	memset(area_init, 0, XSAVE_EXT_START);
	*(u32 *)(area_init + MXCSR_OFFSET) = MXCSR_INIT;
	xop(OP_XRSTOR, area_init, ~0ULL);
}

/* The components the round trips pattern: supported and in the list. */
static u64 patterned_mask(void)
{
	u64 sup = xcr0_supported() & XMASK_PATTERNED;

	if ((sup & XMASK_AVX512) != XMASK_AVX512)
		sup &= ~XMASK_AVX512;
	return sup;
}

/* CR4.OSXSAVE on, XCR0 = every patterned component; put back after. */
static bool xsave_env_enter(void)
{
	if (!cpu_has(X86_FEATURE_XSAVE))
		return report_skip("XSAVE not enumerated (CPUID.1:ECX[26])"),
		       false;
	if (!area_src) {
		area_src = alloc_pages(AREA_ORDER);
		area_dst = alloc_pages(AREA_ORDER);
		area_chk = alloc_pages(AREA_ORDER);
		area_init = alloc_pages(AREA_ORDER);
	}
	/* XCR0[1:0] = 11b is valid wherever XSAVE is (SDM 13.2, 13.3). */
	if (!report_eq(xcr0_supported() & XMASK_LEGACY, (u64)XMASK_LEGACY,
		       "XSAVE enumerated: CPUID.0xD.0:EAX[1:0] (x87, SSE)"))
		return false;
	saved_cr4 = read_cr4();
	write_cr4(saved_cr4 | X86_CR4_OSXSAVE);
	saved_xcr0 = xgetbv(0);
	xsetbv(0, patterned_mask());
	return true;
}

static void xsave_env_leave(void)
{
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xsetbv(0, patterned_mask());
	xstate_init();
	xsetbv(0, saved_xcr0);
	write_cr4(saved_cr4);
}

TEST_FIXTURE(xsave_env, xsave_env_enter, xsave_env_leave);

/* Architectural sizes of the user components (SDM 13.5). */
static u32 known_size(unsigned int i)
{
	switch (i) {
	case XFEATURE_AVX:
		return 256;
	case XFEATURE_OPMASK:
		return 64;
	case XFEATURE_ZMM_HI256:
		return 512;
	case XFEATURE_HI16_ZMM:
		return 1024;
	case XFEATURE_PKRU:
		return 8;
	}
	return 0;
}

/*
 * SDM vol. 2A CPUID leaf 0DH and vol. 1 13.2: EDX:EAX of sub-leaf 0 is
 * the XCR0 supported mask with bits 0 and 1 set; ECX the size of the
 * area for every supported user component; sub-leaf i (i >= 2) gives the
 * size and standard offset of user component i with ECX[0] = 0, and of
 * supervisor component i (leaf 0xD.1 ECX:EDX) the size, offset 0 and
 * ECX[0] = 1; a sub-leaf of an unsupported component is all zero.
 */
TEST_CASE(xsave_leaves, .features = CPU_FEATURES(X86_FEATURE_XSAVE))
{
	u64 user = xcr0_supported(), sup = xss_supported();
	u32 max_end = XSAVE_EXT_START;

	report_info("XCR0 supported %#lx, IA32_XSS supported %#lx", user, sup);
	report_eq(user & XMASK_LEGACY, (u64)XMASK_LEGACY,
		  "CPUID.0xD.0:EAX[1:0]: x87 and SSE supported (SDM 13.2)");
	report_eq(user & sup, 0ULL,
		  "no component is both user (0xD.0) and supervisor (0xD.1)");
	for (unsigned int i = 2; i < 63; i++) {
		struct cpuid r = cpuid_count(0xd, i);

		if (user & BIT(i)) {
			report_prefix_pushf("user component %u", i);
			report(r.a && r.b >= XSAVE_EXT_START,
			       "size %#x non-zero, offset %#x past the header",
			       r.a, r.b);
			report_eq(r.c & BIT(0), 0U, "ECX[0] = 0 (XCR0)");
			if (known_size(i))
				report_eq(r.a, known_size(i),
					  "architectural size (SDM 13.5)");
			report_prefix_pop();
			max_end = MAX(max_end, r.a + r.b);
		} else if (sup & BIT(i)) {
			report_prefix_pushf("supervisor component %u", i);
			report(r.a != 0, "size %#x non-zero", r.a);
			report_eq(r.b, 0U, "EBX (offset) = 0");
			report_eq(r.c & BIT(0), 1U, "ECX[0] = 1 (IA32_XSS)");
			report_prefix_pop();
		} else if (r.a || r.b || r.c || r.d) {
			report_cmp(
				false, "0 0 0 0", "non-zero",
				"sub-leaf %u of an unsupported component "
				"is all zero (EAX %#x EBX %#x ECX %#x EDX %#x)",
				i, r.a, r.b, r.c, r.d);
		}
	}
	report_eq(cpuid_count(0xd, 0).c, max_end,
		  "CPUID.0xD.0:ECX: the area for every supported component");
}

/*
 * SDM vol. 2A CPUID leaf 0DH: sub-leaf 0 EBX is the size of the area for
 * the components enabled in XCR0; with XSAVES, sub-leaf 1 EBX the size of
 * the compacted area for XCR0 | IA32_XSS (IA32_XSS is 0 here).
 */
TEST_CASE(xsave_sizes, .fixture = &xsave_env)
{
	u64 all = patterned_mask();

	xsetbv(0, XMASK_LEGACY);
	report_eq(cpuid_count(0xd, 0).b, (u32)XSAVE_EXT_START,
		  "XCR0 = x87|SSE: CPUID.0xD.0:EBX is legacy region + header");
	xsetbv(0, all);
	report_eq(cpuid_count(0xd, 0).b, std_size(all),
		  "XCR0 = %#lx: CPUID.0xD.0:EBX ends at the last component",
		  all);
	if (!cpu_has(X86_FEATURE_XSAVES))
		return report_skip("XSAVES not enumerated: sub-leaf 1 EBX "
				   "is not defined");
	wrmsr(MSR_IA32_XSS, 0);
	report_eq(cpuid_count(0xd, 1).b,
		  compact_offset(all | XCOMP_BV_COMPACT, 64),
		  "XCR0 = %#lx, XSS = 0: CPUID.0xD.1:EBX is the compacted size",
		  all);
}

/* The lowest bit from 2 up that MASK does not set. */
static unsigned int lowest_clear(u64 mask)
{
	unsigned int b = 2;

	while (b < 63 && (mask & BIT(b)))
		b++;
	return b;
}

struct xcr0_bad {
	const char *what;
	u64 value;
	u64 needs; /* supported components the rule is about */
};

/*
 * SDM vol. 2D XSETBV "Protected Mode Exceptions" and vol. 1 13.3: #GP(0)
 * for bits XCR0 does not support, for XCR0[0] = 0, XCR0[2:1] = 10b, the
 * AVX-512 bits not all equal or set without AVX, BNDREGS and BNDCSR
 * different, TILECFG and TILEDATA different; #GP(0) for an invalid XCR;
 * XCR0 keeps its value. #UD for XSETBV and XGETBV with CR4.OSXSAVE = 0,
 * and CPUID.1:ECX.OSXSAVE[27] follows CR4.OSXSAVE. XGETBV(1) is #GP(0)
 * unless CPUID.(0xD,1):EAX[2], and then returns XCR0 & XINUSE.
 */
TEST_CASE(xsave_xsetbv, .fixture = &xsave_env)
{
	u64 sup = xcr0_supported(), good = patterned_mask(), v;
	const u64 leg = XMASK_LEGACY;
	unsigned int reserved = lowest_clear(sup);
	const struct xcr0_bad bad[] = {
		{"x87 clear", good & ~BIT(XFEATURE_X87), 0},
		{"AVX without SSE", BIT(XFEATURE_X87) | BIT(XFEATURE_AVX),
		 BIT(XFEATURE_AVX)},
		{"opmask alone of the AVX-512 triple",
		 leg | BIT(XFEATURE_AVX) | BIT(XFEATURE_OPMASK), XMASK_AVX512},
		{"AVX-512 without AVX", leg | XMASK_AVX512,
		 XMASK_AVX512 | BIT(XFEATURE_AVX)},
		{"BNDREGS without BNDCSR", leg | BIT(XFEATURE_BNDREGS),
		 BIT(XFEATURE_BNDREGS) | BIT(XFEATURE_BNDCSR)},
		{"TILECFG without TILEDATA", leg | BIT(XFEATURE_TILECFG),
		 BIT(XFEATURE_TILECFG) | BIT(XFEATURE_TILEDATA)},
		{"lowest unsupported bit", leg | BIT(reserved), 0},
		{"bit 63", leg | BIT(63), 0},
	};

	report_fault(xsetbv_safe(0, good), FAULT_NONE,
		     "XCR0 = %#lx (supported) is accepted", good);
	report_eq(xgetbv(0), good, "XCR0 reads back");
	for (size_t k = 0; k < ARRAY_SIZE(bad); k++) {
		if ((sup & bad[k].needs) != bad[k].needs)
			continue;
		report_fault(xsetbv_safe(0, bad[k].value), FAULT_GP(0),
			     "XSETBV XCR0 = %#lx (%s)", bad[k].value,
			     bad[k].what);
	}
	report_fault(xsetbv_safe(2, XMASK_LEGACY), FAULT_GP(0),
		     "XSETBV of XCR 2 (invalid)");
	report_fault(xgetbv_safe(2, &v), FAULT_GP(0),
		     "XGETBV of XCR 2 (invalid)");
	report_eq(xgetbv(0), good, "XCR0 unchanged by the refused writes");
	report_eq(cpuid(1).c & BIT(27), BIT(27),
		  "CPUID.1:ECX.OSXSAVE = 1 with CR4.OSXSAVE = 1");

	if (cpu_has(X86_FEATURE_XGETBV1)) {
		if (report_fault(xgetbv_safe(1, &v), FAULT_NONE,
				 "XGETBV(1) executes (XINUSE offered)"))
			report_eq(v & ~good, 0ULL,
				  "XGETBV(1) is within XCR0 (XCR0 & XINUSE)");
	} else {
		report_fault(xgetbv_safe(1, &v), FAULT_GP(0),
			     "XGETBV(1) without CPUID.(0xD,1):EAX[2]");
	}

	write_cr4(read_cr4() & ~X86_CR4_OSXSAVE);
	report_eq(cpuid(1).c & BIT(27), 0U,
		  "CPUID.1:ECX.OSXSAVE = 0 with CR4.OSXSAVE = 0");
	report_fault(xgetbv_safe(0, &v), FAULT_UD,
		     "XGETBV with CR4.OSXSAVE = 0");
	report_fault(xsetbv_safe(0, good), FAULT_UD,
		     "XSETBV with CR4.OSXSAVE = 0");
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
}

/*
 * SDM vol. 2D XRSTOR and XRSTORS "Protected Mode Exceptions": #GP(0) for
 * an area not aligned on 64 bytes (XSAVE likewise), in the standard form
 * for XSTATE_BV bits XCR0 does not set and for non-zero header bytes
 * 63:16 (23:8 without XSAVEC), for MXCSR reserved bits; in the compacted
 * form for XSTATE_BV bits XCOMP_BV does not set, and without XSAVEC for
 * the compacted form at all; XRSTORS for the standard form.
 */
TEST_CASE(xsave_xrstor_rules, .fixture = &xsave_env)
{
	u64 good = patterned_mask();
	unsigned int off = lowest_clear(good);
	u8 *a = area_src;

	build_pattern_area(a, good);
	report_fault(xop(OP_XRSTOR, a, ~0ULL), FAULT_NONE,
		     "XRSTOR of a well-formed area");
	report_fault(xop(OP_XRSTOR, a + 16, ~0ULL), FAULT_GP(0),
		     "XRSTOR of an area aligned on 16 bytes");
	report_fault(xop(OP_XSAVE, area_dst + 16, ~0ULL), FAULT_GP(0),
		     "XSAVE to an area aligned on 16 bytes");

	*hdr_xstate_bv(a) = good | BIT(off);
	report_fault(xop(OP_XRSTOR, a, ~0ULL), FAULT_GP(0),
		     "XRSTOR with XSTATE_BV[%u] set and XCR0[%u] clear", off,
		     off);
	*hdr_xstate_bv(a) = good;

	a[XSAVE_LEGACY_SIZE + 16] = 1;
	report_fault(xop(OP_XRSTOR, a, ~0ULL), FAULT_GP(0),
		     "XRSTOR with header byte 16 non-zero");
	a[XSAVE_LEGACY_SIZE + 16] = 0;

	*(u32 *)(a + MXCSR_OFFSET) = MXCSR_PATTERN | BIT(31);
	report_fault(xop(OP_XRSTOR, a, ~0ULL), FAULT_GP(0),
		     "XRSTOR with MXCSR bit 31 (reserved) set");
	*(u32 *)(a + MXCSR_OFFSET) = MXCSR_PATTERN;

	*hdr_xstate_bv(a) = XMASK_LEGACY;
	*hdr_xcomp_bv(a) = XCOMP_BV_COMPACT | BIT(XFEATURE_X87);
	if (cpu_has(X86_FEATURE_XSAVEC))
		report_fault(xop(OP_XRSTOR, a, ~0ULL), FAULT_GP(0),
			     "compacted XRSTOR with XSTATE_BV[1] set and "
			     "XCOMP_BV[1] clear");
	else
		report_fault(xop(OP_XRSTOR, a, ~0ULL), FAULT_GP(0),
			     "compacted XRSTOR without XSAVEC");
	*hdr_xcomp_bv(a) = 0;
	if (cpu_has(X86_FEATURE_XSAVES))
		report_fault(xop(OP_XRSTORS, a, ~0ULL), FAULT_GP(0),
			     "XRSTORS of the standard form");
}

struct xsave_row {
	const char *name;
	struct x86_feature feature;
	enum xop save, restore;
	bool compacted;
	const char *rule;
};

/* clang-format off */
static const struct xsave_row xsave_rows[] = {
	{"xsave", X86_FEATURE_XSAVE, OP_XSAVE, OP_XRSTOR, false, "SDM vol. 2D XSAVE; vol. 1 13.7"},
	{"xsaveopt", X86_FEATURE_XSAVEOPT, OP_XSAVEOPT, OP_XRSTOR, false, "SDM vol. 2D XSAVEOPT; vol. 1 13.9"},
	{"xsavec", X86_FEATURE_XSAVEC, OP_XSAVEC, OP_XRSTOR, true, "SDM vol. 2D XSAVEC; vol. 1 13.10"},
	{"xsaves", X86_FEATURE_XSAVES, OP_XSAVES, OP_XRSTORS, true, "SDM vol. 2D XSAVES, XRSTORS; vol. 1 13.11, 13.12"},
};
/* clang-format on */

static u32 comp_offset(const struct xsave_row *r, u64 xcomp, unsigned int i)
{
	if (i < 2)
		return 0;
	return r->compacted ? compact_offset(xcomp, i) : std_offset(i);
}

static void check_area(const struct xsave_row *r, u8 *area, u64 mask, u64 xcomp,
		       const char *what)
{
	for (unsigned int i = 0; i < 63; i++)
		if (mask & BIT(i))
			check_pattern(area + comp_offset(r, xcomp, i), i, what);
}

/*
 * Load a pattern per component with XRSTOR (every component then holds
 * non-initial values, so XINUSE is 1 for each, SDM 13.6); save with the
 * row's instruction: XSTATE_BV = RFBM & XINUSE, XCOMP_BV 0 (standard, not
 * written) or bit 63 | RFBM & (XCR0 | XSS) (compacted), each component at
 * the offset CPUID gives, nothing written past the size CPUID gives;
 * put every component back to its initial configuration, restore from the
 * saved area with the matching instruction and save with XSAVE again.
 */
TEST_VARIANTS(xsave_round_trip, xsave_rows, .fixture = &xsave_env)
{
	const struct xsave_row *r = variant;
	u64 mask = patterned_mask(), xcomp = 0, inuse;
	u32 size;

	/* "FEATURE: advertised" lines feed the capability table. */
	report_info("%s: %s", r->feature.name,
		    cpu_has(r->feature) ? "advertised" : "not advertised");
	if (!cpu_has(r->feature)) {
		report_fault(xop(r->save, area_dst, ~0ULL), FAULT_UD,
			     "%s not advertised: #UD (%s)", r->name, r->rule);
		return;
	}
	if (r->save == OP_XSAVES)
		wrmsr(MSR_IA32_XSS, 0);
	if (r->compacted)
		xcomp = XCOMP_BV_COMPACT | mask;
	size = r->compacted ? compact_offset(xcomp, 64) : cpuid_count(0xd, 0).b;
	report_info("XCR0 %#lx, area %u bytes", mask, size);

	build_pattern_area(area_src, mask);
	if (!report_fault(xop(OP_XRSTOR, area_src, ~0ULL), FAULT_NONE,
			  "XRSTOR loads the patterns"))
		return;
	if (cpu_has(X86_FEATURE_XGETBV1) &&
	    report_fault(xgetbv_safe(1, &inuse), FAULT_NONE, "XGETBV(1)"))
		report_eq(
			inuse & mask, mask,
			"XINUSE: every patterned component in use (SDM 13.6)");

	memset(area_dst, 0, size);
	memset(area_dst + size, CANARY, CANARY_LEN);
	if (!report_fault(xop(r->save, area_dst, ~0ULL), FAULT_NONE,
			  "%s executes (%s)", r->name, r->rule))
		return;
	report_eq(*hdr_xstate_bv(area_dst), mask,
		  "%s: XSTATE_BV = RFBM & XINUSE", r->name);
	report_eq(*hdr_xcomp_bv(area_dst), xcomp, "%s: XCOMP_BV", r->name);
	report_eq(header_rest(area_dst), 0ULL,
		  "%s: header bytes 63:16 stay zero (XRSTOR requires it)",
		  r->name);
	check_area(r, area_dst, mask, xcomp, r->name);
	for (u32 j = 0; j < CANARY_LEN; j++) {
		if (area_dst[size + j] == CANARY)
			continue;
		report_eq(area_dst[size + j], CANARY,
			  "%s writes nothing past byte %u (byte %u)", r->name,
			  size, size + j);
		break;
	}

	xstate_init();
	if (!report_fault(xop(r->restore, area_dst, ~0ULL), FAULT_NONE,
			  "%s restores the saved area",
			  r->restore == OP_XRSTOR ? "XRSTOR" : "XRSTORS"))
		return;
	memset(area_chk, 0, PAGE_SIZE << AREA_ORDER);
	xop(OP_XSAVE, area_chk, ~0ULL);
	check_area(&xsave_rows[0], area_chk, mask, 0, "after the restore");
}

/*
 * SDM vol. 1 13.3 and vol. 4 table 2-2 IA32_XSS (0xDA0): a bit IA32_XSS
 * does not support (0xD.1 ECX:EDX; bit 0 never, x87 is a user component)
 * is #GP(0) on WRMSR; the supported ones are accepted and read back.
 */
TEST_CASE(xsave_xss, .fixture = &xsave_env,
	  .features = CPU_FEATURES(X86_FEATURE_XSAVES))
{
	u64 sup = xss_supported(), v = ~0ULL;
	unsigned int reserved = lowest_clear(sup | XMASK_PATTERNED);

	report_info("IA32_XSS supported %#lx", sup);
	report_fault(wrmsr_safe(MSR_IA32_XSS, 0), FAULT_NONE, "XSS = 0");
	if (report_fault(rdmsr_safe(MSR_IA32_XSS, &v), FAULT_NONE, "XSS read"))
		report_eq(v, 0ULL, "XSS reads back 0");
	report_fault(wrmsr_safe(MSR_IA32_XSS, BIT(XFEATURE_X87)), FAULT_GP(0),
		     "XSS bit 0 (x87, a user component)");
	report_fault(wrmsr_safe(MSR_IA32_XSS, BIT(reserved)), FAULT_GP(0),
		     "XSS bit %u (not a supervisor component)", reserved);
	if (sup) {
		if (report_fault(wrmsr_safe(MSR_IA32_XSS, sup), FAULT_NONE,
				 "XSS = %#lx (supported)", sup))
			report_eq(rdmsr(MSR_IA32_XSS), sup, "XSS reads back");
	}
	wrmsr(MSR_IA32_XSS, 0);
}

static u8 fx_in[SMP_MAX_CPUS][XSAVE_LEGACY_SIZE] __aligned(16);
static u8 fx_out[SMP_MAX_CPUS][XSAVE_LEGACY_SIZE] __aligned(16);
static u8 fx_init[XSAVE_LEGACY_SIZE] __aligned(16);

/* The x87 and SSE bytes of CPU's image: a pattern of its own. */
static void fx_fill(u8 *area, unsigned int cpu)
{
	u32 ranges[2][10][2];
	unsigned int n[2] = {comp_ranges(XFEATURE_X87, ranges[0]),
			     comp_ranges(XFEATURE_SSE, ranges[1])};

	memset(area, 0, XSAVE_LEGACY_SIZE);
	for (unsigned int c = 0; c < 2; c++)
		for (unsigned int r = 0; r < n[c]; r++)
			for (u32 j = ranges[c][r][0]; j < ranges[c][r][1]; j++)
				area[j] = pattern_byte(16 + cpu, j);
	*(u16 *)area = 0x027f;
	*(u16 *)(area + 2) = 0;
	area[4] = 0xff;
	*(u32 *)(area + MXCSR_OFFSET) = MXCSR_INIT | (cpu & 3) << 13;
}

static void fx_load(void *data)
{
	asm volatile("fxrstor64 (%0)"
		     :
		     : "r"(data ? data : fx_in[smp_processor_id()])
		     : "memory");
}

static void fx_save(void *data)
{
	asm volatile("fxsave64 (%0)"
		     :
		     : "r"(fx_out[smp_processor_id()])
		     : "memory");
}

/*
 * Every logical processor has its own x87 and SSE registers (SDM vol. 3A
 * "Multiple-Processor Management", the architectural state of each
 * logical processor; vol. 1 10.5 FXSAVE/FXRSTOR): each CPU loads a
 * pattern of its own, and after all have loaded, each saves its own.
 */
TEST_CASE(xsave_isolation, .min_cpus = 2)
{
	unsigned int n = nr_cpus();

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		fx_fill(fx_in[cpu], cpu);
		on_cpu(cpu, fx_load, NULL);
	}
	for (unsigned int cpu = 0; cpu < n; cpu++)
		on_cpu(cpu, fx_save, NULL);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		u32 ranges[2][10][2];
		unsigned int nr[2] = {comp_ranges(XFEATURE_X87, ranges[0]),
				      comp_ranges(XFEATURE_SSE, ranges[1])};
		int at = -1;

		for (unsigned int c = 0; c < 2 && at < 0; c++)
			for (unsigned int r = 0; r < nr[c] && at < 0; r++)
				for (u32 j = ranges[c][r][0];
				     j < ranges[c][r][1] && at < 0; j++)
					if (fx_out[cpu][j] != fx_in[cpu][j])
						at = j;
		report_eq(at, -1,
			  "CPU %u keeps its x87/SSE state (first differing "
			  "byte, -1 for none)",
			  cpu);
	}
	*(u16 *)fx_init = 0x037f;
	*(u32 *)(fx_init + MXCSR_OFFSET) = MXCSR_INIT;
	for (unsigned int cpu = 0; cpu < n; cpu++)
		on_cpu(cpu, fx_load, fx_init);
}

static u8 *iso_in[SMP_MAX_CPUS], *iso_out[SMP_MAX_CPUS];
static u64 iso_cr4[SMP_MAX_CPUS], iso_xcr0[SMP_MAX_CPUS];
static struct fault iso_fault[SMP_MAX_CPUS];
static u64 iso_rfbm;

static void iso_enter_cpu(void *data)
{
	unsigned int cpu = smp_processor_id();

	iso_cr4[cpu] = read_cr4();
	write_cr4(iso_cr4[cpu] | X86_CR4_OSXSAVE);
	iso_xcr0[cpu] = xgetbv(0);
	xsetbv(0, patterned_mask());
}

static void iso_leave_cpu(void *data)
{
	unsigned int cpu = smp_processor_id();

	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xsetbv(0, patterned_mask());
	xstate_init();
	xsetbv(0, iso_xcr0[cpu]);
	write_cr4(iso_cr4[cpu]);
}

/*
 * xsave_env on every CPU (the boot CPU's by xsave_env, the others here),
 * after a SKIP when XCR0 cannot enable every component of MASK.
 */
static bool xsave_cpus_enter(u64 mask, const char *what)
{
	if (cpu_has(X86_FEATURE_XSAVE) && (patterned_mask() & mask) != mask)
		return report_skip("XCR0 cannot enable the %s state (%#lx): "
				   "CPUID.(0xD,0) EDX:EAX is %#lx",
				   what, mask, xcr0_supported()),
		       false;
	if (!xsave_env_enter())
		return false;
	iso_rfbm = mask;
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		if (!iso_in[cpu]) {
			iso_in[cpu] = alloc_pages(AREA_ORDER);
			iso_out[cpu] = alloc_pages(AREA_ORDER);
		}
		if (cpu != smp_processor_id())
			on_cpu(cpu, iso_enter_cpu, NULL);
	}
	return true;
}

static void xsave_cpus_leave(void)
{
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		if (cpu != smp_processor_id())
			on_cpu(cpu, iso_leave_cpu, NULL);
	xsave_env_leave();
}

static bool xsave_cpus_avx_enter(void)
{
	return xsave_cpus_enter(BIT(XFEATURE_AVX), "AVX");
}

static bool xsave_cpus_avx512_enter(void)
{
	return xsave_cpus_enter(XMASK_AVX512, "AVX-512");
}

TEST_FIXTURE(xsave_cpus_avx, xsave_cpus_avx_enter, xsave_cpus_leave);
TEST_FIXTURE(xsave_cpus_avx512, xsave_cpus_avx512_enter, xsave_cpus_leave);

static void iso_load(void *data)
{
	unsigned int cpu = smp_processor_id();

	iso_fault[cpu] = xop(OP_XRSTOR, iso_in[cpu], iso_rfbm);
}

static void iso_save(void *data)
{
	unsigned int cpu = smp_processor_id();

	memset(iso_out[cpu], 0, std_size(iso_rfbm));
	iso_fault[cpu] = xop(OP_XSAVE, iso_out[cpu], iso_rfbm);
}

/* CPU's standard-format image: a pattern per component of its own. */
static void iso_fill(unsigned int cpu)
{
	u8 *area = iso_in[cpu];

	memset(area, 0, std_size(iso_rfbm));
	/* XRSTOR loads MXCSR when RFBM[2] is set (SDM 13.8.1). */
	*(u32 *)(area + MXCSR_OFFSET) = MXCSR_INIT;
	for (unsigned int i = 2; i < 63; i++) {
		if (!(iso_rfbm & BIT(i)))
			continue;
		for (u32 j = 0; j < comp_size(i); j++)
			area[std_offset(i) + j] =
				pattern_byte(32 + cpu * 8 + i, j);
	}
	*hdr_xstate_bv(area) = iso_rfbm;
}

/*
 * Component I of what CPU saved against what it loaded: one check naming
 * the CPU, the component and the first differing byte, and whose pattern
 * the component holds instead when it is another CPU's.
 */
static void iso_check(unsigned int cpu, unsigned int i, const char *name)
{
	u32 off = std_offset(i), size = comp_size(i), j = 0;
	const u8 *got = iso_out[cpu] + off, *want = iso_in[cpu] + off;
	char exp[48] = "its pattern", act[64] = "its pattern", whose[24] = "";

	while (j < size && got[j] == want[j])
		j++;
	if (j < size) {
		for (unsigned int k = 0; k < nr_cpus(); k++)
			if (k != cpu && !memcmp(got, iso_in[k] + off, size))
				snprintf(whose, sizeof(whose),
					 " (CPU %u's pattern)", k);
		snprintf(exp, sizeof(exp), "its pattern (byte %u %#x)", j,
			 want[j]);
		snprintf(act, sizeof(act), "byte %u %#x%s", j, got[j], whose);
	}
	report_cmp(j == size, exp, act,
		   "CPU %u keeps its own component %u (%s)", cpu, i, name);
}

static const char *const iso_names[8] = {
	[XFEATURE_AVX] = "AVX, YMM_Hi128",
	[XFEATURE_OPMASK] = "opmask",
	[XFEATURE_ZMM_HI256] = "ZMM_Hi256",
	[XFEATURE_HI16_ZMM] = "Hi16_ZMM",
};

/*
 * Each CPU loads a pattern of its own into the components of iso_rfbm
 * with XRSTOR; after all have loaded, each saves them with XSAVE and
 * must find its own pattern (SDM vol. 1 13.7, 13.8).
 */
static void iso_run(void)
{
	unsigned int n = nr_cpus();
	bool loaded = true;

	for (unsigned int cpu = 0; cpu < n; cpu++) {
		iso_fill(cpu);
		on_cpu(cpu, iso_load, NULL);
	}
	for (unsigned int cpu = 0; cpu < n; cpu++)
		loaded &= report_fault(iso_fault[cpu], FAULT_NONE,
				       "CPU %u: XRSTOR of its pattern", cpu);
	if (!loaded)
		return;
	for (unsigned int cpu = 0; cpu < n; cpu++)
		on_cpu(cpu, iso_save, NULL);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		if (!report_fault(iso_fault[cpu], FAULT_NONE, "CPU %u: XSAVE",
				  cpu))
			continue;
		for (unsigned int i = 2; i < 8; i++)
			if (iso_rfbm & BIT(i))
				iso_check(cpu, i, iso_names[i]);
	}
}

/*
 * As xsave_isolation for the AVX state, the upper halves of YMM0-15
 * (SDM vol. 1 13.5.3): every logical processor has its own.
 */
TEST_CASE(xsave_isolation_avx, .min_cpus = 2, .fixture = &xsave_cpus_avx)
{
	iso_run();
}

/*
 * Likewise for the AVX-512 state: opmask k0-k7, the upper halves of
 * ZMM0-15 and ZMM16-31 (SDM vol. 1 13.5.5).
 */
TEST_CASE(xsave_isolation_avx512, .min_cpus = 2, .fixture = &xsave_cpus_avx512)
{
	iso_run();
}
