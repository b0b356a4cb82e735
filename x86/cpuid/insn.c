// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/insn: instruction-set features against behaviour. For every
 * feature a guest can execute safely, one row: when CPUID advertises it,
 * the instruction runs without an exception and gives the known result
 * of a fixed input; when CPUID does not, it raises #UD where the
 * instruction's "Exceptions" section says so (Intel SDM vol. 2 instruction
 * reference; AMD APM vol. 3 and 4), executes as its legacy form where the
 * SDM says that (LZCNT as BSR), or, where older hardware executes the
 * encoding as something else (CLFLUSHOPT, CLWB), the outcome is shown
 * as information. AVX rows run with CR4.OSXSAVE and XCR0 enabling every
 * state CPUID.0xD advertises among x87, SSE, AVX and the AVX-512
 * triple (SDM vol. 1 13.3, 14.3, 15.2). Expected results of AES, PCLMUL,
 * SHA and CRC32 were computed from their definitions (FIPS-197, SDM
 * operation sections).
 */
#include <args.h>
#include "cpuid.h"
#include <x86/insn_watch.h>

#define NR_OUT 8

enum absent_rule {
	ABSENT_UD, /* #UD required */
	ABSENT_GP, /* the enable bit in CR4 is reserved: #GP(0) */
	ABSENT_LEGACY, /* executes as the legacy instruction: out[0] checked */
	ABSENT_INFO, /* hardware may execute it: shown, not judged */
};

struct insn_row {
	const char *name;
	struct x86_feature feature;
	u64 xcr0; /* state components the instruction needs */
	struct fault (*probe)(u64 *out);
	unsigned int nr_want;
	u64 want[NR_OUT];
	enum absent_rule absent;
	u64 absent_want; /* ABSENT_LEGACY: out[0] */
	const char *rule;
};

#define PROBE(fn) static struct fault fn(u64 *out)

/* Runs the asm text PRE, then INSN as the probed instruction, then POST. */
#define probe_seq(pre, insn, post, ...)                              \
	({                                                           \
		fault_clear();                                       \
		asm volatile(pre FAULT_SITE(insn) post __VA_ARGS__); \
		fault_take();                                        \
	})

static const u64 vec_a[8] __aligned(64) = {
	0x0011223344556677, 0x8899aabbccddeeff, 0x0123456789abcdef,
	0xfedcba9876543210, 0x0f1e2d3c4b5a6978, 0x8796a5b4c3d2e1f0,
	0x5555aaaa5555aaaa, 0x3333cccc3333cccc,
};
static const u64 vec_b[8] __aligned(64) = {
	0x0706050403020100, 0x0f0e0d0c0b0a0908, 0x1111111111111111,
	0x2222222222222222, 0x4444444444444444, 0x7777777777777777,
	0x0000ffff0000ffff, 0xffff0000ffff0000,
};

PROBE(probe_popcnt)
{
	return fault_probe("popcnt %1, %0",
			   : "=r"(out[0])
			   : "r"(0xf0f0000000000001ULL)
			   : "cc");
}

PROBE(probe_movbe)
{
	return fault_probe("movbe (%1), %0", : "=r"(out[0]) : "r"(vec_a));
}

PROBE(probe_lzcnt)
{
	return fault_probe("lzcnt %1, %0",
			   : "=r"(out[0])
			   : "r"(BIT(44))
			   : "cc");
}

/* out[0] = ZF, out[1] = the count: TZCNT(0) is 64 with ZF clear. */
PROBE(probe_tzcnt)
{
	u8 zf;
	struct fault f;

	out[1] = 0x77;
	f = probe_seq("", "tzcnt %2, %0", "; setz %1",
		      : "+r"(out[1]), "=r"(zf)
		      : "r"(0ULL)
		      : "cc");
	out[0] = zf;
	return f;
}

PROBE(probe_andn)
{
	return fault_probe("andn %2, %1, %0",
			   : "=r"(out[0])
			   : "r"(0xff00ff00ff00ff00ULL),
			     "r"(0x0ff00ff00ff00ff0ULL)
			   : "cc");
}

PROBE(probe_pext)
{
	return fault_probe("pext %2, %1, %0",
			   : "=r"(out[0])
			   : "r"(0x123456789abcdef0ULL),
			     "r"(0xff00ff00ff00ff00ULL));
}

/* With CF set: ~0 + 1 + 1 = 1, carry out 1. */
PROBE(probe_adcx)
{
	u8 cf;
	struct fault f;

	out[0] = ~0ULL;
	f = probe_seq("stc\n\t", "adcx %2, %0", "; setc %1",
		      : "+r"(out[0]), "=r"(cf)
		      : "r"(1ULL)
		      : "cc");
	out[1] = cf;
	return f;
}

/* out[0]: 1 when one of TRIES attempts returned a value (CF set). */
static struct fault random_probe(u64 *out, bool seed, unsigned int tries)
{
	struct fault f = FAULT_NONE;
	u64 v;
	u8 cf = 0;

	out[0] = 0;
	for (unsigned int i = 0; i < tries && !out[0]; i++) {
		if (seed)
			f = probe_seq("", "rdseed %0", "; setc %1",
				      : "=r"(v), "=r"(cf)
				      :
				      : "cc");
		else
			f = probe_seq("", "rdrand %0", "; setc %1",
				      : "=r"(v), "=r"(cf)
				      :
				      : "cc");
		if (f.raised)
			return f;
		out[0] = cf;
	}
	return f;
}

PROBE(probe_rdrand)
{
	return random_probe(out, false, 32);
}

PROBE(probe_rdseed)
{
	return random_probe(out, true, 1024);
}

#define TSC_AUX_VALUE 0x5a5

/* IA32_TSC_AUX exists with RDTSCP or RDPID; a #GP here leaves it alone. */
static void set_tsc_aux(void)
{
	wrmsr_safe(MSR_TSC_AUX, TSC_AUX_VALUE);
}

PROBE(probe_rdpid)
{
	set_tsc_aux();
	return fault_probe("rdpid %0", : "=r"(out[0]));
}

PROBE(probe_rdtscp)
{
	u32 lo, hi, aux = 0;
	struct fault f;

	set_tsc_aux();
	f = fault_probe("rdtscp", : "=a"(lo), "=d"(hi), "+c"(aux));
	out[0] = aux;
	out[1] = lo | (u64)hi << 32;
	return f;
}

/* Equal compare: the new pair is stored and ZF set. */
PROBE(probe_cx16)
{
	static u64 mem[2] __aligned(16);
	u64 lo = 1, hi = 2;
	u8 zf = 0;
	struct fault f;

	mem[0] = 1;
	mem[1] = 2;
	f = probe_seq("", "cmpxchg16b %0", "; setz %3",
		      : "+m"(mem), "+a"(lo), "+d"(hi), "=r"(zf)
		      : "b"(3ULL), "c"(4ULL)
		      : "cc");
	out[0] = mem[0];
	out[1] = mem[1];
	out[2] = zf;
	return f;
}

static u8 flush_line[64] __aligned(64);

PROBE(probe_clflushopt)
{
	out[0] = 0;
	return fault_probe("clflushopt %0", : "+m"(flush_line));
}

PROBE(probe_clwb)
{
	out[0] = 0;
	return fault_probe("clwb %0", : "+m"(flush_line));
}

PROBE(probe_clzero)
{
	static u64 line[8] __aligned(64);
	struct fault f;

	for (int i = 0; i < 8; i++)
		line[i] = ~0ULL;
	f = fault_probe("clzero", : : "a"(line) : "memory");

	out[0] = 0;
	for (int i = 0; i < 8; i++)
		out[0] |= line[i];
	return f;
}

/* LAHF after CMP of equal values and STC: SF 0, ZF 1, AF 0, PF 1, CF 1. */
PROBE(probe_lahf)
{
	u64 rax = 0;
	struct fault f;

	f = probe_seq("xor %%eax, %%eax; cmp %%eax, %%eax; stc\n\t", "lahf", "",
		      : "+a"(rax)
		      :
		      : "cc");
	out[0] = (rax >> 8) & 0xff;
	return f;
}

/* XMM0 = vec_a[0..1], XMM1 = vec_b[0..1], INSN, out[0..1] = XMM0. */
#define XMM_PROBE(insn)                                                       \
	({                                                                    \
		struct fault f_ = probe_seq(                                  \
			"movdqu (%1), %%xmm0; movdqu (%2), %%xmm1\n\t", insn, \
			"; movdqu %%xmm0, (%0)",                              \
			:                                                     \
			: "r"(out), "r"(vec_a), "r"(vec_b)                    \
			: "memory");                                          \
		f_;                                                           \
	})

PROBE(probe_aesenc)
{
	return XMM_PROBE("aesenc %%xmm1, %%xmm0");
}

PROBE(probe_pclmul)
{
	static const u64 a[2] = {0xf0f0f0f0f0f0f0f1, 0};
	static const u64 b[2] = {0x123456789abcdef1, 0};

	return probe_seq("movdqu (%1), %%xmm0; movdqu (%2), %%xmm1\n\t",
			 "pclmulqdq $0, %%xmm1, %%xmm0",
			 "; movdqu %%xmm0, (%0)",
			 :
			 : "r"(out), "r"(a), "r"(b)
			 : "memory");
}

PROBE(probe_sha256msg1)
{
	return XMM_PROBE("sha256msg1 %%xmm1, %%xmm0");
}

PROBE(probe_crc32)
{
	u64 crc = 0xffffffff;
	struct fault f;

	f = fault_probe("crc32q %1, %0", : "+r"(crc) : "r"(vec_a[0]));
	out[0] = crc;
	return f;
}

/* 2.0 * 3.0 + 1.0 = 7.0 (IEEE 754 binary64). */
PROBE(probe_fma)
{
	static const u64 d[3] = {0x3ff0000000000000, 0x4000000000000000,
				 0x4008000000000000};

	return probe_seq("movq (%1), %%xmm0; movq 8(%1), %%xmm1; "
			 "movq 16(%1), %%xmm2\n\t",
			 "vfmadd231sd %%xmm2, %%xmm1, %%xmm0",
			 "; movq %%xmm0, (%0)",
			 :
			 : "r"(out), "r"(d)
			 : "memory");
}

PROBE(probe_avx)
{
	return fault_probe("vmovdqu (%1), %%ymm0; "
			   "vxorps (%2), %%ymm0, %%ymm0; "
			   "vmovdqu %%ymm0, (%0)",
			   :
			   : "r"(out), "r"(vec_a), "r"(vec_b)
			   : "memory");
}

PROBE(probe_avx2)
{
	return fault_probe("vpbroadcastq (%1), %%ymm0; "
			   "vpaddq (%2), %%ymm0, %%ymm0; "
			   "vmovdqu %%ymm0, (%0)",
			   :
			   : "r"(out), "r"(vec_a), "r"(vec_b)
			   : "memory");
}

PROBE(probe_avx512f)
{
	return fault_probe("vpbroadcastq (%1), %%zmm0; "
			   "vpaddq (%2), %%zmm0, %%zmm0; "
			   "vmovdqu64 %%zmm0, (%0)",
			   :
			   : "r"(out), "r"(vec_a), "r"(vec_b)
			   : "memory");
}

#define FS_BASE_VALUE 0x12345000ULL

/*
 * Advertised: RDFSBASE with CR4.FSGSBASE set reads IA32_FS_BASE.
 * Not advertised: CR4.FSGSBASE is reserved, so setting it is #GP(0)
 * (SDM vol. 3A 2.5).
 */
PROBE(probe_fsgsbase)
{
	u64 cr4 = read_cr4();
	struct fault f;

	/* On a spare CPU, watched (insn_watch.h): some hypervisors loop. */
	if (!cpu_has(X86_FEATURE_FSGSBASE))
		return cr_flip_elsewhere(4, X86_CR4_FSGSBASE).f;
	write_cr4(cr4 | X86_CR4_FSGSBASE);
	wrmsr(MSR_FS_BASE, FS_BASE_VALUE);
	f = fault_probe("rdfsbase %0", : "=r"(out[0]));
	write_cr4(cr4);
	return f;
}

#define XCR0_AVX (BIT(0) | BIT(1) | BIT(2))
#define XCR0_AVX512 (XCR0_AVX | BIT(5) | BIT(6) | BIT(7))

/* One row per line. */
/* clang-format off */
static const struct insn_row rows[] = {
	{"popcnt", X86_FEATURE_POPCNT, 0, probe_popcnt, 1, {9}, ABSENT_UD, 0, "SDM vol. 2B POPCNT"},
	{"movbe", X86_FEATURE_MOVBE, 0, probe_movbe, 1, {0x7766554433221100}, ABSENT_UD, 0, "SDM vol. 2B MOVBE"},
	{"lzcnt", X86_FEATURE_ABM, 0, probe_lzcnt, 1, {19}, ABSENT_LEGACY, 44, "SDM vol. 2A LZCNT (executes as BSR without it)"},
	{"tzcnt", X86_FEATURE_BMI1, 0, probe_tzcnt, 2, {0, 64}, ABSENT_LEGACY, 1, "SDM vol. 2B TZCNT (executes as BSF without it: ZF=1 for 0)"},
	{"andn", X86_FEATURE_BMI1, 0, probe_andn, 1, {0x00f000f000f000f0}, ABSENT_UD, 0, "SDM vol. 2A ANDN"},
	{"pext", X86_FEATURE_BMI2, 0, probe_pext, 1, {0x12569ade}, ABSENT_UD, 0, "SDM vol. 2B PEXT"},
	{"adcx", X86_FEATURE_ADX, 0, probe_adcx, 2, {1, 1}, ABSENT_UD, 0, "SDM vol. 2A ADCX"},
	{"rdrand", X86_FEATURE_RDRAND, 0, probe_rdrand, 1, {1}, ABSENT_UD, 0, "SDM vol. 2B RDRAND"},
	{"rdseed", X86_FEATURE_RDSEED, 0, probe_rdseed, 1, {1}, ABSENT_UD, 0, "SDM vol. 2B RDSEED"},
	{"rdpid", X86_FEATURE_RDPID, 0, probe_rdpid, 1, {TSC_AUX_VALUE}, ABSENT_UD, 0, "SDM vol. 2B RDPID"},
	{"rdtscp", X86_FEATURE_RDTSCP, 0, probe_rdtscp, 1, {TSC_AUX_VALUE}, ABSENT_UD, 0, "SDM vol. 2B RDTSCP"},
	{"cmpxchg16b", X86_FEATURE_CX16, 0, probe_cx16, 3, {3, 4, 1}, ABSENT_UD, 0, "SDM vol. 2A CMPXCHG8B/CMPXCHG16B"},
	{"clflushopt", X86_FEATURE_CLFLUSHOPT, 0, probe_clflushopt, 1, {0}, ABSENT_INFO, 0, "SDM vol. 2A CLFLUSHOPT"},
	{"clwb", X86_FEATURE_CLWB, 0, probe_clwb, 1, {0}, ABSENT_INFO, 0, "SDM vol. 2A CLWB"},
	{"clzero", X86_FEATURE_CLZERO, 0, probe_clzero, 1, {0}, ABSENT_UD, 0, "APM vol. 3 CLZERO"},
	{"lahf", X86_FEATURE_LAHF_LM, 0, probe_lahf, 1, {0x47}, ABSENT_UD, 0, "SDM vol. 2A LAHF (64-bit mode)"},
	{"fsgsbase", X86_FEATURE_FSGSBASE, 0, probe_fsgsbase, 1, {FS_BASE_VALUE}, ABSENT_GP, 0, "SDM vol. 2A RDFSBASE; vol. 3A 2.5 CR4.FSGSBASE"},
	{"aesenc", X86_FEATURE_AES, 0, probe_aesenc, 2, {0xa907a414c6aa555a, 0x0d15575fa7f62054}, ABSENT_UD, 0, "SDM vol. 2A AESENC"},
	{"pclmulqdq", X86_FEATURE_PCLMULQDQ, 0, probe_pclmul, 2, {0xec38ab8f9cb7db01, 0x0efc0d07f6fbf500}, ABSENT_UD, 0, "SDM vol. 2B PCLMULQDQ"},
	{"sha256msg1", X86_FEATURE_SHA, 0, probe_sha256msg1, 2, {0x9dcf176872e42c7d, 0x08bfef9dd98ad323}, ABSENT_UD, 0, "SDM vol. 2B SHA256MSG1"},
	{"crc32", X86_FEATURE_SSE4_2, 0, probe_crc32, 1, {0xb204f82d}, ABSENT_UD, 0, "SDM vol. 2A CRC32"},
};

static const struct insn_row avx_rows[] = {
	{"fma", X86_FEATURE_FMA, XCR0_AVX, probe_fma, 1, {0x401c000000000000}, ABSENT_UD, 0, "SDM vol. 2A VFMADD231SD; vol. 1 14.5.3"},
	{"avx", X86_FEATURE_AVX, XCR0_AVX, probe_avx, 4, {0x0717273747576777, 0x8797a7b7c7d7e7f7, 0x1032547698badcfe, 0xdcfe98ba54761032}, ABSENT_UD, 0, "SDM vol. 2B VXORPS; vol. 1 14.3"},
	{"avx2", X86_FEATURE_AVX2, XCR0_AVX, probe_avx2, 4, {0x0717273747576777, 0x0f1f2f3f4f5f6f7f, 0x1122334455667788, 0x2233445566778899}, ABSENT_UD, 0, "SDM vol. 2C VPBROADCASTQ, VPADDQ; vol. 1 14.3"},
	{"avx512f", X86_FEATURE_AVX512F, XCR0_AVX512, probe_avx512f, 8, {0x0717273747576777, 0x0f1f2f3f4f5f6f7f, 0x1122334455667788, 0x2233445566778899, 0x445566778899aabb, 0x778899aabbccddee, 0x0012223244566676, 0x0010223444546677}, ABSENT_UD, 0, "SDM vol. 2C VPBROADCASTQ (EVEX); vol. 1 15.2"},
};
/* clang-format on */

static u64 saved_cr4, saved_xcr0, saved_fs_base;

/* What the rows change: CR4 (FSGSBASE) and IA32_FS_BASE. */
static bool cr4_saved_enter(void)
{
	saved_cr4 = read_cr4();
	saved_fs_base = rdmsr(MSR_FS_BASE);
	return true;
}

static void cr4_saved_leave(void)
{
	write_cr4(saved_cr4);
	wrmsr(MSR_FS_BASE, saved_fs_base);
}

TEST_FIXTURE(cr4_saved, cr4_saved_enter, cr4_saved_leave);

/* CR4.OSXSAVE and XCR0 with every state the AVX rows may need. */
static bool xstate_enter(void)
{
	u64 supported;

	saved_cr4 = read_cr4();
	if (!cpu_has(X86_FEATURE_XSAVE))
		return true;
	write_cr4(saved_cr4 | X86_CR4_OSXSAVE);
	saved_xcr0 = xgetbv(0);
	supported = cpuid_count(0xd, 0).a;
	if ((supported & XCR0_AVX512) == XCR0_AVX512)
		xsetbv(0, XCR0_AVX512);
	else if ((supported & XCR0_AVX) == XCR0_AVX)
		xsetbv(0, XCR0_AVX);
	return true;
}

static void xstate_leave(void)
{
	if (read_cr4() & X86_CR4_OSXSAVE)
		xsetbv(0, saved_xcr0);
	write_cr4(saved_cr4);
}

TEST_FIXTURE(xstate, xstate_enter, xstate_leave);

static bool xcr0_has(u64 bits)
{
	return (read_cr4() & X86_CR4_OSXSAVE) && (xgetbv(0) & bits) == bits;
}

static void check_advertised(const struct insn_row *r, struct fault f,
			     const u64 *out)
{
	if (!report_fault(f, FAULT_NONE, "%s advertised: executes (%s)",
			  r->name, r->rule))
		return;
	for (unsigned int i = 0; i < r->nr_want; i++)
		report_eq(out[i], r->want[i], "%s result word %u", r->name, i);
}

static void check_absent(const struct insn_row *r, struct fault f,
			 const u64 *out)
{
	char buf[32];

	switch (r->absent) {
	case ABSENT_UD:
		report_fault(f, FAULT_UD, "%s not advertised: #UD (%s)",
			     r->name, r->rule);
		break;
	case ABSENT_GP:
		report_fault(f, FAULT_GP(0),
			     "%s not advertised: enabling it is #GP(0) (%s)",
			     r->name, r->rule);
		break;
	case ABSENT_LEGACY:
		if (report_fault(f, FAULT_NONE,
				 "%s not advertised: legacy form executes (%s)",
				 r->name, r->rule))
			report_eq(out[0], r->absent_want,
				  "%s not advertised: legacy result", r->name);
		break;
	case ABSENT_INFO:
		report_info("%s not advertised: %s (%s; older CPUs execute "
			    "this encoding as another instruction)",
			    r->name, fault_str(f, buf, sizeof(buf)), r->rule);
		report_skip("%s not advertised; #UD is not required of every "
			    "CPU here",
			    r->name);
		break;
	}
}

static void run_row(const struct insn_row *r)
{
	u64 out[NR_OUT] __aligned(64) = {0};
	bool advertised = cpu_has(r->feature);
	struct fault f;

	if (advertised && r->xcr0 && !xcr0_has(r->xcr0))
		return report_skip(
			"%s advertised but XCR0 %#lx cannot be "
			"enabled (CPUID.0xD.0:EAX %#x)",
			r->name, r->xcr0,
			cpu_has(X86_FEATURE_XSAVE) ? cpuid_count(0xd, 0).a : 0);
	report_info("%s: %s", r->feature.name,
		    advertised ? "advertised" : "not advertised");
	/*
	 * Setting a reserved CR4 bit livelocks QEMU 7.2 TCG: that probe runs
	 * on a spare CPU watched from this one, and only in an entry of its
	 * own, which passes reserved_cr4=1 and gives it the CPU (issue 22).
	 */
	if (!advertised && r->absent == ABSENT_GP &&
	    !arg_get_u64("reserved_cr4", 0))
		return report_skip("%s not advertised: the reserved CR4 bit is "
				   "probed with reserved_cr4=1 (entry "
				   "cpuid_insn_removed_fsgsbase)",
				   r->name);
	f = r->probe(out);
	if (advertised)
		check_advertised(r, f, out);
	else
		check_absent(r, f, out);
}

TEST_VARIANTS(insn, rows, .fixture = &cr4_saved)
{
	run_row(variant);
}

/*
 * The rows that need XCR0 (SDM vol. 1 13.3): a case of their own, since
 * the fixture's XGETBV/XSETBV is where a hypervisor that cannot emulate
 * them stops.
 */
TEST_VARIANTS(avx, avx_rows, .fixture = &xstate)
{
	run_row(variant);
}
