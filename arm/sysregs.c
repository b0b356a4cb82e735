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

/* Reports that FAULT matches whether FEATURE is advertised. */
static void works_iff(bool advertised, struct fault f, const char *what)
{
	report_fault(f, advertised ? FAULT_NONE : FAULT_UNDEF, "%s %s", what,
		     advertised ? "advertised: executes"
				: "not advertised: UNDEFINED");
}

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
}

TEST_CASE(features_work)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	u64 isar0 = read_sysreg(id_aa64isar0_el1);
	u64 x = 0, y = 1;
	struct fault f;

	f = fault_probe("fmov d0, xzr");
	works_iff(id_field_signed(pfr0, 16) >= 0, f, "FP");
	f = fault_probe(".arch_extension crc\n\tcrc32b %w0, %w0, %w1",
			: "+r"(x)
			: "r"(y));
	works_iff(id_field(isar0, 16) >= 1, f, "CRC32");
	f = fault_probe(".arch_extension lse\n\tldadd %1, %0, [%2]",
			: "=&r"(x)
			: "r"(y), "r"(&y)
			: "memory");
	works_iff(id_field(isar0, 20) >= 2, f, "LSE atomics");
	f = fault_probe("mrs %0, s3_0_c12_c12_5", : "=r"(x));
	works_iff(id_field(pfr0, 24) >= 1, f,
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
