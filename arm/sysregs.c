// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysregs: ID registers agree with each other and with what the CPU does
 * (Arm ARM D17.1.3 "Principles of the ID scheme": an advertised feature
 * works, one that is not advertised is UNDEFINED; D13.2.64 ID_AA64PFR0_EL1,
 * D13.2.61 ID_AA64ISAR0_EL1; unallocated encodings of the ID space,
 * op0=3 op1=0 CRn=0 CRm=1-7, read as zero: D17.3.1), and writes to
 * read-only registers are UNDEFINED (D17.2.1 "MSR to a read-only register").
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/fault.h>
#include <arm64/gic.h>

/*
 * Reports that the fault F matches whether the feature is ADVERTISED (a
 * macro, so that a failure names the line of the check); true when it does.
 */
#define works_iff(advertised, f, what)                                      \
	report_fault((f), (advertised) ? FAULT_NONE : FAULT_UNDEF, "%s %s", \
		     (what),                                                \
		     (advertised) ? "advertised: executes"                  \
				  : "not advertised: UNDEFINED")

/*
 * One row of the capability table (scripts/hvtest/capabilities.py,
 * docs/cpuid.md): FEATURE, the ID register FIELD that advertises it, the
 * field's VALUE, and, when CHECK is 0 or 1, whether this test's check of
 * the feature's behaviour failed or passed (-1: not checked here).
 */
static void cap_field(const char *feature, const char *field, int value,
		      bool advertised, int check)
{
	report_info("capability {\"feature\": \"%s\", \"field\": \"%s\", "
		    "\"value\": %d, \"advertised\": %s%s}",
		    feature, field, value, advertised ? "true" : "false",
		    check < 0 ? ""
		    : check   ? ", \"check\": \"pass\""
			      : ", \"check\": \"fail\"");
}

/*
 * works_iff() for a feature that FIELD advertises when its VALUE is at
 * least MIN, and its row of the capability table.
 */
#define checked_feature(name, field, value, min, f, what)     \
	cap_field((name), (field), (value), (value) >= (min), \
		  works_iff((value) >= (min), (f), (what)))

TEST_CASE(id_consistency)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	u64 mmfr0 = read_sysreg(id_aa64mmfr0_el1);

	report_info("ID_AA64PFR0_EL1=%#llx ID_AA64ISAR0_EL1=%#llx "
		    "ID_AA64MMFR0_EL1=%#llx",
		    (unsigned long long)pfr0,
		    (unsigned long long)read_sysreg(id_aa64isar0_el1),
		    (unsigned long long)mmfr0);
	report(id_field(pfr0, 4) == 1 || id_field(pfr0, 4) == 2,
	       "PFR0.EL1 is 1 or 2 (we run at EL1 in AArch64): %u",
	       id_field(pfr0, 4));
	report(id_field(pfr0, 0) == 1 || id_field(pfr0, 0) == 2,
	       "PFR0.EL0 is 1 or 2: %u", id_field(pfr0, 0));
	report(id_field_signed(pfr0, 16) == id_field_signed(pfr0, 20),
	       "PFR0.AdvSIMD matches PFR0.FP (FP %d, AdvSIMD %d)",
	       id_field_signed(pfr0, 16), id_field_signed(pfr0, 20));
	report(id_field(mmfr0, 28) == 0 || id_field(mmfr0, 28) == 1,
	       "MMFR0.TGran4 says 4 KiB pages exist (which we run on): %u",
	       id_field(mmfr0, 28));
	report(id_field(mmfr0, 0) <= 6, "MMFR0.PARange is a defined value: %u",
	       id_field(mmfr0, 0));
	report_eq(read_sysreg(mpidr_el1) & BIT(31), BIT(31),
		  "MPIDR_EL1 bit 31 RES1");
	report(read_sysreg(midr_el1) != 0, "MIDR_EL1 is not zero");
	report_info("capability {\"MIDR_EL1\": \"%#llx\"}",
		    (unsigned long long)read_sysreg(midr_el1));
}

TEST_CASE(features_work)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	u64 isar0 = read_sysreg(id_aa64isar0_el1);
	u64 x = 0, y = 1;
	struct fault f;

	f = fault_probe("fmov d0, xzr");
	checked_feature("FP", "ID_AA64PFR0_EL1.FP", id_field_signed(pfr0, 16),
			0, f, "FP");
	cap_field("AdvSIMD", "ID_AA64PFR0_EL1.AdvSIMD",
		  id_field_signed(pfr0, 20), id_field_signed(pfr0, 20) >= 0,
		  -1);
	f = fault_probe(".arch_extension crc\n\tcrc32b %w0, %w0, %w1",
			: "+r"(x)
			: "r"(y));
	checked_feature("CRC32", "ID_AA64ISAR0_EL1.CRC32", id_field(isar0, 16),
			1, f, "CRC32");
	f = fault_probe(".arch_extension lse\n\tldadd %1, %0, [%2]",
			: "=&r"(x)
			: "r"(y), "r"(&y)
			: "memory");
	checked_feature("LSE", "ID_AA64ISAR0_EL1.Atomic", id_field(isar0, 20),
			2, f, "LSE atomics");
	f = fault_probe("mrs %0, s3_0_c12_c12_5", : "=r"(x));
	checked_feature("GICv3 sysregs", "ID_AA64PFR0_EL1.GIC",
			id_field(pfr0, 24), 1, f,
			"GIC CPU interface system registers (ICC_SRE_EL1)");
	if (gic_version())
		report_eq(id_field(pfr0, 24) >= 1, gic_version() == 3,
			  "PFR0.GIC agrees with the device tree's GICv%d",
			  gic_version());
}

TEST_CASE(id_space_raz)
{
	u64 v = ~0ULL;
	struct fault f;

	f = fault_probe("mrs %0, s3_0_c0_c7_7", : "=r"(v));
	report_fault(f, FAULT_NONE,
		     "unallocated ID register (3,0,0,7,7) reads");
	report_eq(v, 0, "as zero");
	f = fault_probe("mrs %0, s3_0_c0_c3_7", : "=r"(v));
	report_fault(f, FAULT_NONE,
		     "unallocated ID register (3,0,0,3,7) reads");
	report_eq(v, 0, "as zero");
}

/* MSR to the read-only register NAME, encoded as ENC (op0_op1_CRn_CRm_op2). */
#define report_ro_write(name, enc)                                 \
	report_fault(fault_probe("msr " enc ", xzr"), FAULT_UNDEF, \
		     "MSR %s (read-only): UNDEFINED", name)

TEST_CASE(read_only_writes)
{
	report_ro_write("MIDR_EL1", "s3_0_c0_c0_0");
	report_ro_write("MPIDR_EL1", "s3_0_c0_c0_5");
	report_ro_write("ID_AA64PFR0_EL1", "s3_0_c0_c4_0");
	report_ro_write("ID_AA64ISAR0_EL1", "s3_0_c0_c6_0");
	report_ro_write("ID_AA64MMFR0_EL1", "s3_0_c0_c7_0");
	report_ro_write("CTR_EL0", "s3_3_c0_c0_1");
	report_ro_write("CNTVCT_EL0", "s3_3_c14_c0_2");
}

/*
 * The ID register space (Arm ARM DDI 0487, the op0 == 0b11 encoding table,
 * D17.3.1 in the issue this file cites: "op0 == 0b11, op1 == 0b000, CRn ==
 * 0b0000, CRm == {0b0001-0b0111}": every encoding is readable at EL1; one
 * not allocated to a register is "Reserved, RAZ"). The names are the
 * AArch64 System register index of DDI 0487K.a; NULL marks an encoding no
 * issue up to K.a allocates, so it must read as zero. The AArch32 ID
 * registers (CRm 1-3) read UNKNOWN values when AArch32 is not implemented,
 * and feature ID registers read zero without the feature: only RAZ for the
 * unallocated ones is a value rule.
 */
static const char *const id_names[8][8] = {
	[1] = {"ID_PFR0_EL1", "ID_PFR1_EL1", "ID_DFR0_EL1", "ID_AFR0_EL1",
	       "ID_MMFR0_EL1", "ID_MMFR1_EL1", "ID_MMFR2_EL1", "ID_MMFR3_EL1"},
	[2] = {"ID_ISAR0_EL1", "ID_ISAR1_EL1", "ID_ISAR2_EL1", "ID_ISAR3_EL1",
	       "ID_ISAR4_EL1", "ID_ISAR5_EL1", "ID_MMFR4_EL1", "ID_ISAR6_EL1"},
	[3] = {"MVFR0_EL1", "MVFR1_EL1", "MVFR2_EL1", NULL, "ID_PFR2_EL1",
	       "ID_DFR1_EL1", "ID_MMFR5_EL1", NULL},
	[4] = {"ID_AA64PFR0_EL1", "ID_AA64PFR1_EL1", "ID_AA64PFR2_EL1", NULL,
	       "ID_AA64ZFR0_EL1", "ID_AA64SMFR0_EL1", NULL, "ID_AA64FPFR0_EL1"},
	[5] = {"ID_AA64DFR0_EL1", "ID_AA64DFR1_EL1", "ID_AA64DFR2_EL1", NULL,
	       "ID_AA64AFR0_EL1", "ID_AA64AFR1_EL1", NULL, NULL},
	[6] = {"ID_AA64ISAR0_EL1", "ID_AA64ISAR1_EL1", "ID_AA64ISAR2_EL1",
	       "ID_AA64ISAR3_EL1", NULL, NULL, NULL, NULL},
	[7] = {"ID_AA64MMFR0_EL1", "ID_AA64MMFR1_EL1", "ID_AA64MMFR2_EL1",
	       "ID_AA64MMFR3_EL1", "ID_AA64MMFR4_EL1", NULL, NULL, NULL},
};

/* MRS of S3_0_C0_C<crm>_<op2>, one probe site per encoding. */
/* clang-format off */
#define ID_MRS(crm, op2)                                                       \
	case (crm) * 8 + (op2):                                                \
		f = fault_probe("mrs %0, s3_0_c0_c" #crm "_" #op2, : "=r"(v)); \
		break;
#define ID_MRS_ROW(crm)                                                        \
	ID_MRS(crm, 0) ID_MRS(crm, 1) ID_MRS(crm, 2) ID_MRS(crm, 3)            \
	ID_MRS(crm, 4) ID_MRS(crm, 5) ID_MRS(crm, 6) ID_MRS(crm, 7)
/* clang-format on */

static struct fault id_read(unsigned int crm, unsigned int op2, u64 *val)
{
	struct fault f;
	u64 v = ~0ULL;

	switch (crm * 8 + op2) {
		ID_MRS_ROW(1)
		ID_MRS_ROW(2)
		ID_MRS_ROW(3)
		ID_MRS_ROW(4)
		ID_MRS_ROW(5)
		ID_MRS_ROW(6)
		ID_MRS_ROW(7)
	default:
		test_crash("no ID register encoding CRm %u op2 %u", crm, op2);
	}
	*val = v;
	return f;
}

static void id_space_sweep(void)
{
	unsigned int read = 0, undef = 0, raz = 0, nonzero = 0;
	char name[32];
	u64 v;

	for (unsigned int crm = 1; crm <= 7; crm++) {
		for (unsigned int op2 = 0; op2 <= 7; op2++) {
			const char *reg = id_names[crm][op2];
			struct fault f = id_read(crm, op2, &v);

			snprintf(name, sizeof(name), "%s (S3_0_C0_C%u_%u)",
				 reg ? reg : "unallocated", crm, op2);
			read++;
			if (!fault_equal(f, FAULT_NONE)) {
				report_fault(f, FAULT_NONE, "MRS %s at EL1",
					     name);
				undef++;
			} else if (reg && v) {
				report_info("%s = %#llx", name,
					    (unsigned long long)v);
				report_info("capability {\"%s\": \"%#llx\"}",
					    reg, (unsigned long long)v);
			}
			if (reg || f.raised)
				continue;
			raz++;
			if (v) {
				report_eq(v, 0, "%s: Reserved, RAZ", name);
				nonzero++;
			}
		}
	}
	report_group(read, undef,
		     "all %u encodings op0=3 op1=0 CRn=0 CRm=1-7 read at EL1",
		     read);
	report_group(raz, nonzero, "all %u unallocated encodings read as zero",
		     raz);
}

/* ID_AA64ISAR0_EL1 fields (Arm ARM register description). */
#define ISAR0_AES 4
#define ISAR0_SHA1 8
#define ISAR0_SHA2 12
#define ISAR0_RDM 28
#define ISAR0_SHA3 32
#define ISAR0_SM3 36
#define ISAR0_SM4 40
#define ISAR0_DP 44
#define ISAR0_FHM 48
#define ISAR0_TS 52
#define ISAR0_TLB 56
#define ISAR0_RNDR 60

/*
 * The rules the field descriptions of ID_AA64ISAR0_EL1 state between
 * fields: SHA1 and SHA2 are both zero or both not; SHA2 is 0b0010
 * (SHA512) exactly when SHA3 is 0b0001; SHA3 is zero when SHA1 is; SM3
 * and SM4 are equal; bits [3:0] are RES0. ID_AA64PFR0_EL1.AdvSIMD equals
 * ID_AA64PFR0_EL1.FP (checked in id_consistency).
 */
static void isar0_rules(u64 isar0)
{
	unsigned int sha1 = id_field(isar0, ISAR0_SHA1);
	unsigned int sha2 = id_field(isar0, ISAR0_SHA2);
	unsigned int sha3 = id_field(isar0, ISAR0_SHA3);

	report((sha1 == 0) == (sha2 == 0),
	       "ISAR0.SHA1 %u and SHA2 %u: both zero or both non-zero", sha1,
	       sha2);
	report((sha2 == 2) == (sha3 == 1),
	       "ISAR0.SHA2 is 0b0010 exactly when SHA3 is 0b0001 (SHA2 %u, "
	       "SHA3 %u)",
	       sha2, sha3);
	report(sha1 || !sha3, "ISAR0.SHA1 0 implies SHA3 0 (SHA1 %u, SHA3 %u)",
	       sha1, sha3);
	report_eq(id_field(isar0, ISAR0_SM3), id_field(isar0, ISAR0_SM4),
		  "ISAR0.SM3 equals ISAR0.SM4");
	report_eq(isar0 & 0xf, 0, "ISAR0 bits [3:0] RES0");
}

/*
 * Instructions in an .arch that the assembler accepts them in; the
 * .arch is put back afterwards for the compiler's own output.
 */
#define ARCH(arch, insn) ".arch " arch "\n\t" insn "\n\t.arch armv8-a\n\t"

/* D17.1.3: an advertised feature executes, an unadvertised one is UNDEFINED. */
static void isar0_executes(u64 isar0)
{
	u64 x = 0;

	checked_feature("AES", "ID_AA64ISAR0_EL1.AES",
			id_field(isar0, ISAR0_AES), 1,
			fault_probe(ARCH("armv8-a+aes", "aese v0.16b, v1.16b")),
			"AES (ISAR0.AES >= 1): AESE");
	checked_feature(
		"PMULL", "ID_AA64ISAR0_EL1.AES", id_field(isar0, ISAR0_AES), 2,
		fault_probe(ARCH("armv8-a+aes", "pmull v0.1q, v1.1d, v2.1d")),
		"PMULL (ISAR0.AES >= 2): PMULL 1Q");
	checked_feature("SHA1", "ID_AA64ISAR0_EL1.SHA1",
			id_field(isar0, ISAR0_SHA1), 1,
			fault_probe(ARCH("armv8-a+sha2", "sha1h s0, s1")),
			"SHA1 (ISAR0.SHA1 >= 1): SHA1H");
	checked_feature(
		"SHA256", "ID_AA64ISAR0_EL1.SHA2", id_field(isar0, ISAR0_SHA2),
		1, fault_probe(ARCH("armv8-a+sha2", "sha256h q0, q1, v2.4s")),
		"SHA256 (ISAR0.SHA2 >= 1): SHA256H");
	checked_feature(
		"SHA512", "ID_AA64ISAR0_EL1.SHA2", id_field(isar0, ISAR0_SHA2),
		2, fault_probe(ARCH("armv8.2-a+sha3", "sha512h q0, q1, v2.2d")),
		"SHA512 (ISAR0.SHA2 >= 2): SHA512H");
	checked_feature(
		"SHA3", "ID_AA64ISAR0_EL1.SHA3", id_field(isar0, ISAR0_SHA3), 1,
		fault_probe(ARCH("armv8.2-a+sha3",
				 "eor3 v0.16b, v1.16b, v2.16b, v3.16b")),
		"SHA3 (ISAR0.SHA3 >= 1): EOR3");
	checked_feature("SM3", "ID_AA64ISAR0_EL1.SM3",
			id_field(isar0, ISAR0_SM3), 1,
			fault_probe(ARCH("armv8.2-a+sm4",
					 "sm3ss1 v0.4s, v1.4s, v2.4s, v3.4s")),
			"SM3 (ISAR0.SM3 >= 1): SM3SS1");
	checked_feature("SM4", "ID_AA64ISAR0_EL1.SM4",
			id_field(isar0, ISAR0_SM4), 1,
			fault_probe(ARCH("armv8.2-a+sm4", "sm4e v0.4s, v1.4s")),
			"SM4 (ISAR0.SM4 >= 1): SM4E");
	checked_feature(
		"RDM", "ID_AA64ISAR0_EL1.RDM", id_field(isar0, ISAR0_RDM), 1,
		fault_probe(ARCH("armv8.1-a", "sqrdmlah v0.4h, v1.4h, v2.4h")),
		"RDM (ISAR0.RDM >= 1): SQRDMLAH");
	checked_feature("DotProd", "ID_AA64ISAR0_EL1.DP",
			id_field(isar0, ISAR0_DP), 1,
			fault_probe(ARCH("armv8.2-a+dotprod",
					 "sdot v0.4s, v1.16b, v2.16b")),
			"DotProd (ISAR0.DP >= 1): SDOT");
	checked_feature("FHM", "ID_AA64ISAR0_EL1.FHM",
			id_field(isar0, ISAR0_FHM), 1,
			fault_probe(ARCH("armv8.2-a+fp16fml",
					 "fmlal v0.2s, v1.2h, v2.2h")),
			"FHM (ISAR0.FHM >= 1): FMLAL");
	checked_feature("FlagM", "ID_AA64ISAR0_EL1.TS",
			id_field(isar0, ISAR0_TS), 1,
			fault_probe(ARCH("armv8.4-a", "cfinv")),
			"FlagM (ISAR0.TS >= 1): CFINV");
	checked_feature("FlagM2", "ID_AA64ISAR0_EL1.TS",
			id_field(isar0, ISAR0_TS), 2,
			fault_probe(ARCH("armv8.5-a", "axflag")),
			"FlagM2 (ISAR0.TS >= 2): AXFLAG");
	checked_feature("TLBIOS", "ID_AA64ISAR0_EL1.TLB",
			id_field(isar0, ISAR0_TLB), 1,
			fault_probe(ARCH("armv8.4-a", "tlbi vmalle1os")),
			"TLBIOS (ISAR0.TLB >= 1): TLBI VMALLE1OS");
	checked_feature("TLBIRANGE", "ID_AA64ISAR0_EL1.TLB",
			id_field(isar0, ISAR0_TLB), 2,
			fault_probe(ARCH("armv8.4-a", "tlbi rvae1, %0"),
				    :
				    : "r"(x)),
			"TLBIRANGE (ISAR0.TLB >= 2): TLBI RVAE1");
	checked_feature("RNG", "ID_AA64ISAR0_EL1.RNDR",
			id_field(isar0, ISAR0_RNDR), 1,
			fault_probe("mrs %0, s3_3_c2_c4_0",
				    : "=r"(x)),
			"RNG (ISAR0.RNDR >= 1): MRS RNDR");
}

TEST_CASE(id_sweep)
{
	u64 isar0 = read_sysreg(id_aa64isar0_el1);

	report_prefix_push("ID space");
	id_space_sweep();
	report_prefix_pop();
	report_prefix_push("ISAR0 rules");
	isar0_rules(isar0);
	report_prefix_pop();
	report_prefix_push("ISAR0 executes");
	isar0_executes(isar0);
	report_prefix_pop();
}
