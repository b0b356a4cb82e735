// SPDX-License-Identifier: GPL-2.0-only
/*
 * facility: what the CPU says it is and has, against what it does.
 * STORE FACILITY LIST EXTENDED (chapter 7; an operation exception where
 * STORE FACILITY LIST says it is absent) and STORE FACILITY LIST (chapter
 * 10; bits in chapter 4, "Facility Indications"), instructions of facilities that
 * the list says are installed execute and those of absent ones raise an
 * operation exception (chapter 6), STORE CPU ID and STORE SYSTEM
 * INFORMATION (chapter 10: function codes, selectors, condition code 3 for
 * a level above the current one, the SYSIB 1.1.1 machine type against
 * STIDP, the SYSIB 3.2.2 CPU counts against the VM's, specification
 * exceptions). SA22-7832.
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/facility.h>
#include <s390x/fault.h>

static u8 sysib[4096] __aligned(4096);
static u64 operand[4] __aligned(16);

/*
 * Names of facility bits, from chapter 4, "Facility Indications" (several
 * facilities share bit 45 and bit 49: the name is the first of them).
 * The capability rows of other bits carry only their number.
 */
static const char *const fac_names[] = {
	[0] = "N3 instructions",
	[1] = "z/Architecture mode installed",
	[2] = "z/Architecture mode active",
	[3] = "DAT-enhancement",
	[4] = "IDTE for segment tables",
	[5] = "IDTE for region tables",
	[6] = "ASN-and-LX-reuse",
	[7] = "store-facility-list-extended",
	[8] = "enhanced-DAT 1",
	[9] = "sense-running-status",
	[10] = "conditional-SSKE",
	[11] = "configuration-topology",
	[13] = "IPTE-range",
	[14] = "nonquiescing key-setting",
	[16] = "extended-translation 2",
	[17] = "message-security assist",
	[18] = "long-displacement",
	[19] = "long-displacement high performance",
	[20] = "HFP-multiply-and-add/subtract",
	[21] = "extended-immediate",
	[22] = "extended-translation 3",
	[23] = "HFP-unnormalized-extension",
	[24] = "ETF2-enhancement",
	[25] = "store-clock-fast",
	[26] = "parsing-enhancement",
	[27] = "move-with-optional-specifications",
	[28] = "TOD-clock-steering",
	[30] = "ETF3-enhancement",
	[31] = "extract-CPU-time",
	[32] = "compare-and-swap-and-store",
	[33] = "compare-and-swap-and-store 2",
	[34] = "general-instructions-extension",
	[35] = "execute-extensions",
	[36] = "enhanced-monitor",
	[37] = "floating-point-extension",
	[40] = "load-program-parameter",
	[41] = "floating-point-support-enhancement",
	[42] = "DFP",
	[43] = "DFP high performance",
	[44] = "PFPO",
	[45] = "distinct-operands",
	[47] = "CMPSC-enhancement",
	[48] = "DFP zoned-conversion",
	[49] = "execution-hint",
	[50] = "constrained-transactional-execution",
	[51] = "local-TLB-clearing",
	[52] = "interlocked-access 2",
	[53] = "load/store-on-condition 2",
	[57] = "message-security-assist extension 5",
	[58] = "miscellaneous-instruction-extensions 2",
	[61] = "miscellaneous-instruction-extensions 3",
	[67] = "CPU-measurement counter",
	[68] = "CPU-measurement sampling",
	[73] = "transactional-execution",
	[74] = "store-hypervisor-information",
	[75] = "access-exception-fetch/store-indication",
	[76] = "message-security-assist extension 3",
	[77] = "message-security-assist extension 4",
	[78] = "enhanced-DAT 2",
	[80] = "DFP packed-conversion",
	[129] = "vector",
	[130] = "instruction-execution-protection",
	[133] = "guarded-storage",
	[134] = "vector packed decimal",
	[135] = "vector-enhancements 1",
	[139] = "multiple-epoch",
	[146] = "message-security-assist extension 8",
	[148] = "vector-enhancements 2",
	[151] = "DEFLATE-conversion",
};

/*
 * One row of the capability table (scripts/hvtest/capabilities.py,
 * docs/cpuid.md): facility NR, whether STFLE lists it, and, when CHECK is
 * 0 or 1, whether this test's check of its behaviour failed or passed
 * (-1: not checked here).
 */
static void fac_cap(unsigned int nr, int check)
{
	const char *name = nr < ARRAY_SIZE(fac_names) ? fac_names[nr] : NULL;
	bool installed = test_facility(nr);

	report_info("capability {\"feature\": \"%u%s%s\", \"field\": "
		    "\"STFLE bit %u\", \"value\": %d, \"advertised\": %s%s}",
		    nr, name ? " " : "", name ? name : "", nr, installed,
		    installed ? "true" : "false",
		    check < 0 ? ""
		    : check   ? ", \"check\": \"pass\""
			      : ", \"check\": \"fail\"");
}

/*
 * Chapter 7, "STORE FACILITY LIST EXTENDED": the list (bits 1 and 2:
 * z/Architecture installed and active) and condition code 3 with its
 * doubleword count when the operand is too short.
 */
TEST_CASE(stfle_list, .features = CPU_FEATURES(FAC_STFLE))
{
	u64 one = 0, full[FACILITY_LIST_DWORDS] = {0};
	unsigned int needed = 0;
	int cc;

	cc = stfle(full, FACILITY_LIST_DWORDS, &needed);
	report(cc == 0 || (cc == 3 && needed > FACILITY_LIST_DWORDS),
	       "cc %d with room for %u doublewords (%u needed)", cc,
	       FACILITY_LIST_DWORDS, needed);
	cc = stfle(&one, 1, &needed);
	report_eq(cc, needed > 1 ? 3 : 0, "cc with room for 1 (%u needed)",
		  needed);
	report_eq(one, full[0], "first doubleword the same either way");
	for (unsigned int i = 0; i < needed && i < FACILITY_LIST_DWORDS; i++)
		report_info("facilities %3u-%3u: %016llx", 64 * i, 64 * i + 63,
			    (unsigned long long)full[i]);
	for (unsigned int nr = 0;
	     nr < 64 * needed && nr < 64 * FACILITY_LIST_DWORDS; nr++)
		if (test_facility(nr))
			fac_cap(nr, -1);
	report(test_facility(1) && test_facility(2),
	       "bits 1 and 2 (z/Architecture installed and active)");
}

/*
 * Chapter 7, "STORE FACILITY LIST EXTENDED" (facility 7), and chapter 6,
 * "Operation Exception": where STORE FACILITY LIST says STFLE is absent,
 * STFLE is an operation exception.
 */
TEST_CASE(stfle_absent)
{
	struct fault f;

	if (test_facility(FAC_STFLE_NR))
		return report_skip("STFLE installed (STFL bit 7)");
	fault_clear();
	asm volatile("lghi %%r0,0\n\t" FAULT_SITE(".insn s,0xb2b00000,0(%0)")
		     :
		     : "a"(operand)
		     : "r0", "cc", "memory");
	f = fault_take();
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERATION, 4),
		     "STFLE with STFL bit 7 zero");
}

/* Chapter 7: the STFLE operand must be on a doubleword boundary. */
TEST_CASE(stfle_alignment, .features = CPU_FEATURES(FAC_STFLE))
{
	struct fault f;

	fault_clear();
	asm volatile("lghi %%r0,0\n\t" FAULT_SITE(".insn s,0xb2b00000,0(%0)")
		     :
		     : "a"((u8 *)operand + 4)
		     : "r0", "cc", "memory");
	f = fault_take();
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "STFLE at a word boundary");
}

/* Chapter 10, "STORE FACILITY LIST": bits 0-31 at real location 200. */
TEST_CASE(stfl_matches, .features = CPU_FEATURES(FAC_STFLE))
{
	u64 list[FACILITY_LIST_DWORDS] = {0};

	*(volatile u32 *)LC_STFL_LIST = 0;
	asm volatile("stfl 0" : : : "memory");
	stfle(list, FACILITY_LIST_DWORDS, NULL);
	report_eq(*(volatile u32 *)LC_STFL_LIST, list[0] >> 32,
		  "STFL word == STFLE bits 0-31");
}

struct fac_insn {
	const char *name;
	unsigned int fac;
	struct fault (*probe)(void);
};

static struct fault probe_iilf(void)
{
	return fault_probe(".insn ril,0xc00900000000,1,0x1234", : : : "r1");
}

static struct fault probe_msfi(void)
{
	return fault_probe(".insn ril,0xc20100000000,1,5", : : : "r1");
}

static struct fault probe_ark(void)
{
	return fault_probe(".insn rrf,0xb9f80000,1,2,3,0", : : : "r1", "cc");
}

static struct fault probe_popcnt(void)
{
	return fault_probe(".insn rrf,0xb9e10000,1,0,2,0", : : : "r1", "cc");
}

static struct fault probe_lzrg(void)
{
	return fault_probe(".insn rxy,0xe3000000002a,1,0(%0)",
			   :
			   : "a"(operand)
			   : "r1");
}

static struct fault probe_mg(void)
{
	return fault_probe(".insn rxy,0xe30000000084,2,0(%0)",
			   :
			   : "a"(operand)
			   : "r2", "r3");
}

static struct fault probe_nnrk(void)
{
	return fault_probe(".insn rrf,0xb9740000,1,2,3,0", : : : "r1", "cc");
}

/*
 * KIMD query (function code 0): 16 bytes of status at GR1. GR0 and GR1
 * are loaded in the asm itself: nothing may run between their loading and
 * the instruction.
 */
static struct fault probe_kimd(void)
{
	fault_clear();
	asm volatile("lghi %%r0,0\n\t"
		     "lgr %%r1,%0\n\t" FAULT_SITE(".insn rre,0xb93e0000,2,4")
		     :
		     : "a"(operand)
		     : "r0", "r1", "r2", "r3", "r4", "r5", "cc", "memory");
	return fault_take();
}

/* DEFLATE CONVERSION CALL query (function code 0): 32 bytes at GR1. */
static struct fault probe_dfltcc(void)
{
	fault_clear();
	asm volatile(
		"lghi %%r0,0\n\t"
		"lgr %%r1,%0\n\t" FAULT_SITE(".insn rrf,0xb9390000,2,4,6,0")
		:
		: "a"(operand)
		: "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "cc",
		  "memory");
	return fault_take();
}

/*
 * STORE HYPERVISOR INFORMATION (facility 74), function code 0 (GR2) into
 * a 4 KiB response buffer (GR4); GR3 gets the return code.
 */
static struct fault probe_sthyi(void)
{
	fault_clear();
	asm volatile("lghi %%r2,0\n\t"
		     "lgr %%r4,%0\n\t" FAULT_SITE(".insn rre,0xb2560000,2,4")
		     :
		     : "a"(sysib)
		     : "r2", "r3", "r4", "cc", "memory");
	return fault_take();
}

static const struct fac_insn fac_insns[] = {
	{"IILF", 21, probe_iilf},      {"MSFI", 34, probe_msfi},
	{"ARK", 45, probe_ark},	       {"POPCNT", 45, probe_popcnt},
	{"LZRG", 53, probe_lzrg},      {"MG", 58, probe_mg},
	{"NNRK", 61, probe_nnrk},      {"KIMD", 17, probe_kimd},
	{"DFLTCC", 151, probe_dfltcc}, {"STHYI", 74, probe_sthyi},
};

/*
 * Chapter 4, "Facility Indications", and chapter 6, "Operation
 * Exception": an installed facility's instruction executes, an absent
 * one's is an operation exception (suppressed).
 */
TEST_VARIANTS(installed_executes, fac_insns)
{
	struct fault f = variant->probe();
	bool ok;

	if (test_facility(variant->fac))
		ok = report_fault(f, FAULT_NONE, "%s: facility %u installed",
				  variant->name, variant->fac);
	else
		ok = report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERATION, 0),
				  "%s: facility %u not installed",
				  variant->name, variant->fac);
	fac_cap(variant->fac, ok);
}

/* STORE SYSTEM INFORMATION: the condition code; GR0 as it is after. */
static int stsi(void *addr, u64 *r0, u64 r1)
{
	register u64 g0 asm("0") = *r0;
	register u64 g1 asm("1") = r1;
	int cc;

	asm volatile("stsi 0(%[a])\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc), "+d"(g0)
		     : [a] "a"(addr), "d"(g1)
		     : "cc", "memory");
	*r0 = g0;
	return cc;
}

static int stsi_sel(unsigned int fc, unsigned int sel1, unsigned int sel2)
{
	u64 r0 = (u64)fc << 28 | sel1;

	return stsi(sysib, &r0, sel2);
}

/*
 * Chapter 10, "STORE SYSTEM INFORMATION": function code 0 returns the
 * current configuration level in GR0 bits 32-35; levels up to it store
 * their SYSIB (cc 0), the next is not available (cc 3).
 */
TEST_CASE(stsi_levels)
{
	u64 r0 = 0;
	unsigned int level;

	report_eq(stsi(sysib, &r0, 0), 0, "function code 0: cc 0");
	level = (r0 >> 28) & 0xf;
	report(level >= 1 && level <= 3, "current level %u is 1, 2 or 3",
	       level);
	report_eq(stsi_sel(1, 1, 1), 0, "SYSIB 1.1.1: cc 0");
	report_eq(stsi_sel(1, 2, 2), 0, "SYSIB 1.2.2: cc 0");
	if (level >= 2)
		report_eq(stsi_sel(2, 2, 2), 0, "SYSIB 2.2.2: cc 0");
	if (level >= 3)
		report_eq(stsi_sel(3, 2, 2), 0, "SYSIB 3.2.2: cc 0");
	if (level < 3)
		report_eq(stsi_sel(level + 1, 1, 1), 3,
			  "level %u above the current: cc 3", level + 1);
	report_eq(stsi_sel(1, 3, 3), 3, "selectors 3.3 of level 1: cc 3");
}

/*
 * Chapter 10, "STORE SYSTEM INFORMATION", SYSIB 3.2.2: byte 31 bits 4-7
 * count the virtual-machine descriptions; the first (byte 32) has the
 * total and configured CPU counts at bytes 36 and 38. The configured
 * count is the VM's CPUs, which the cfg passes as cpus=.
 */
TEST_CASE(stsi_322_cpus)
{
	u64 r0 = 0, cpus = arg_get_u64("cpus", 0);
	u16 total, configured;

	if (!cpus)
		return report_skip("run with args = cpus=N");
	stsi(sysib, &r0, 0);
	if ((r0 >> 28 & 0xf) < 3)
		return report_skip("configuration level %u, below 3",
				   (unsigned int)(r0 >> 28 & 0xf));
	if (!report_eq(stsi_sel(3, 2, 2), 0, "SYSIB 3.2.2: cc 0"))
		return;
	total = sysib[36] << 8 | sysib[37];
	configured = sysib[38] << 8 | sysib[39];
	report(sysib[31] & 0xf, "%u VM descriptions", sysib[31] & 0xf);
	report_eq(configured, cpus, "configured CPUs == -smp %llu",
		  (unsigned long long)cpus);
	report(total >= configured, "total %u >= configured %u", total,
	       configured);
}

/*
 * Chapter 10, "STORE CPU ID": bits 32-47 are the machine type, which
 * SYSIB 1.1.1 also gives, as four EBCDIC digits at byte 48.
 */
TEST_CASE(stidp_type)
{
	u64 id = 0;
	u16 type;
	char digits[5];

	asm volatile("stidp %0" : "=Q"(id));
	type = id >> 16 & 0xffff;
	report(type != 0, "machine type %04x", type);
	if (!report_eq(stsi_sel(1, 1, 1), 0, "SYSIB 1.1.1: cc 0"))
		return;
	for (int i = 0; i < 4; i++) {
		u8 c = sysib[48 + i];

		digits[i] = c >= 0xf0 && c <= 0xf9   ? '0' + (c - 0xf0)
			    : c >= 0xc1 && c <= 0xc6 ? 'a' + (c - 0xc1)
						     : '?';
	}
	digits[4] = 0;
	report_eq(strtoul(digits, NULL, 16), type,
		  "SYSIB 1.1.1 type '%s' == STIDP machine type", digits);
}

/*
 * Chapter 10, "STORE SYSTEM INFORMATION": the operand must be on a 4K
 * boundary, GR0 bits 36-55 and GR1 bits 32-47 must be zero; otherwise a
 * specification exception.
 */
/* STSI with GR0 and GR1 loaded in the asm, as a fault site. */
static struct fault stsi_probe(void *addr, u64 r0, u64 r1)
{
	fault_clear();
	asm volatile("lgr %%r0,%[g0]\n\t"
		     "lgr %%r1,%[g1]\n\t" FAULT_SITE("stsi 0(%[a])")
		     :
		     : [a] "a"(addr), [g0] "d"(r0), [g1] "d"(r1)
		     : "r0", "r1", "cc", "memory");
	return fault_take();
}

TEST_CASE(stsi_specification)
{
	report_fault(stsi_probe(sysib + 8, 1ULL << 28 | 1, 1),
		     FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SYSIB address not on a 4K boundary");
	report_fault(stsi_probe(sysib, 1ULL << 28 | 1 << 8 | 1, 1),
		     FAULT_PGM(PGM_SPECIFICATION, 4), "GR0 bit 55 one");
	report_fault(stsi_probe(sysib, 1ULL << 28 | 1, 1 << 16 | 1),
		     FAULT_PGM(PGM_SPECIFICATION, 4), "GR1 bit 47 one");
	report_fault(stsi_probe(sysib, 1ULL << 28 | 1, 1), FAULT_NONE,
		     "SYSIB 1.1.1 at a 4K boundary");
}
