// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/spec: the speculation-control MSRs are present exactly when CPUID
 * (or, for TSX_CTRL, IA32_ARCH_CAPABILITIES) enumerates them (Intel SDM
 * vol. 4 table 2-2 for IA32_SPEC_CTRL, IA32_PRED_CMD, IA32_FLUSH_CMD,
 * IA32_ARCH_CAPABILITIES, IA32_TSX_CTRL, IA32_MCU_OPT_CTRL and the CPUID
 * bits that enumerate them, vol. 2A CPUID leaf 07H EDX; AMD APM vol. 3
 * appendix E.4.7 CPUID 8000_0008h EBX; AMD "Software Techniques for
 * Managing Speculation on AMD Processors" for VIRT_SPEC_CTRL): not
 * enumerated, RDMSR and WRMSR raise #GP(0) (SDM vol. 2B RDMSR, WRMSR:
 * an unimplemented MSR); enumerated, they are accessible as the table
 * says (write-only ones #GP on RDMSR), their writable bits take a write
 * and their reserved bits #GP. A disagreement is a FAIL naming the MSR
 * and the CPUID bits. The bit-by-bit checks of IA32_SPEC_CTRL and
 * IA32_PRED_CMD when enumerated are in x86/msr.c (spec_ctrl, pred_cmd);
 * here only their presence. VERW (SDM vol. 2B VERR/VERW; the MD_CLEAR
 * buffer clearing of CPUID.7.0:EDX[10] is not visible to software)
 * executes and sets ZF for a writable data segment.
 */
#include "cpuid.h"

#define MSR_IA32_FLUSH_CMD 0x0000010b
#define MSR_IA32_TSX_CTRL 0x00000122
#define MSR_IA32_MCU_OPT_CTRL 0x00000123
#define MSR_AMD_VIRT_SPEC_CTRL 0xc001011f

#define ARCH_CAP_TSX_CTRL BIT(7) /* IA32_ARCH_CAPABILITIES[7] */

struct spec_row {
	const char *name;
	u32 msr;
	const char *enum_text; /* the CPUID bits, for messages */
	bool (*enumerated)(void);
	bool write_only;
	u64 writable; /* bits checked by a write and read-back */
	u64 reserved; /* a bit that must #GP */
	const char *rule;
	const char *cap; /* the one CPUID feature that enumerates it, or NULL */
};

static bool spec_ctrl_enumerated(void)
{
	return cpuid_bit(7, CPUID_EDX, 26) || cpuid_bit(7, CPUID_EDX, 27) ||
	       cpuid_bit(7, CPUID_EDX, 31) ||
	       cpuid_bit(0x80000008, CPUID_EBX, 14) ||
	       cpuid_bit(0x80000008, CPUID_EBX, 15) ||
	       cpuid_bit(0x80000008, CPUID_EBX, 24);
}

static bool pred_cmd_enumerated(void)
{
	return cpuid_bit(7, CPUID_EDX, 26) ||
	       cpuid_bit(0x80000008, CPUID_EBX, 12);
}

static bool flush_cmd_enumerated(void)
{
	return cpuid_bit(7, CPUID_EDX, 28);
}

static bool arch_cap_enumerated(void)
{
	return cpuid_bit(7, CPUID_EDX, 29);
}

static bool tsx_ctrl_enumerated(void)
{
	u64 v;

	if (!arch_cap_enumerated() ||
	    rdmsr_safe(MSR_IA32_ARCH_CAPABILITIES, &v).raised)
		return false;
	return v & ARCH_CAP_TSX_CTRL;
}

static bool mcu_opt_ctrl_enumerated(void)
{
	return cpuid_bit(7, CPUID_EDX, 9);
}

static bool virt_spec_ctrl_enumerated(void)
{
	return cpuid_bit(0x80000008, CPUID_EBX, 25);
}

/* clang-format off */
static const struct spec_row spec_rows[] = {
	{"spec_ctrl", MSR_IA32_SPEC_CTRL, "CPUID.7.0:EDX[26,27,31] or 0x80000008:EBX[14,15,24]", spec_ctrl_enumerated, false, 0, 0, "SDM vol. 4 table 2-2 IA32_SPEC_CTRL (bits: x86/msr.c spec_ctrl)", NULL},
	{"pred_cmd", MSR_IA32_PRED_CMD, "CPUID.7.0:EDX[26] or 0x80000008:EBX[12]", pred_cmd_enumerated, true, 0, 0, "SDM vol. 4 table 2-2 IA32_PRED_CMD (bits: x86/msr.c pred_cmd)", NULL},
	{"flush_cmd", MSR_IA32_FLUSH_CMD, "CPUID.7.0:EDX[28] (L1D_FLUSH)", flush_cmd_enumerated, true, 0, BIT(63), "SDM vol. 4 table 2-2 IA32_FLUSH_CMD", NULL},
	{"arch_capabilities", MSR_IA32_ARCH_CAPABILITIES, "CPUID.7.0:EDX[29]", arch_cap_enumerated, false, 0, 0, "SDM vol. 4 table 2-2 IA32_ARCH_CAPABILITIES (read-only: x86/msr.c)", "arch-capabilities"},
	{"tsx_ctrl", MSR_IA32_TSX_CTRL, "IA32_ARCH_CAPABILITIES[7] (TSX_CTRL)", tsx_ctrl_enumerated, false, BIT(0) | BIT(1), BIT(63), "SDM vol. 4 table 2-2 IA32_TSX_CTRL", NULL},
	{"mcu_opt_ctrl", MSR_IA32_MCU_OPT_CTRL, "CPUID.7.0:EDX[9] (SRBDS_CTRL)", mcu_opt_ctrl_enumerated, false, 0, 0, "SDM vol. 4 table 2-2 IA32_MCU_OPT_CTRL", NULL},
	{"virt_spec_ctrl", MSR_AMD_VIRT_SPEC_CTRL, "CPUID 0x80000008:EBX[25] (VIRT_SSBD)", virt_spec_ctrl_enumerated, false, BIT(2), BIT(63), "AMD speculation whitepaper, VIRT_SPEC_CTRL (MSR C001_011Fh) bit 2 SSBD", "virt-ssbd"},
};
/* clang-format on */

static void check_enumerated(const struct spec_row *r)
{
	u64 v = 0, saved;

	if (r->write_only) {
		/* Bit 0 is the command (IBPB, L1D flush): it must not fault. */
		report_fault(wrmsr_safe(r->msr, 1), FAULT_NONE,
			     "%s enumerated by %s: WRMSR of the command (%s)",
			     r->name, r->enum_text, r->rule);
		report_fault(rdmsr_safe(r->msr, &v), FAULT_GP(0),
			     "%s is write-only: RDMSR (%s)", r->name, r->rule);
	} else {
		if (!report_fault(rdmsr_safe(r->msr, &saved), FAULT_NONE,
				  "%s enumerated by %s: RDMSR %#x (%s)",
				  r->name, r->enum_text, r->msr, r->rule))
			return;
		report_info("%s = %#lx", r->name, saved);
		if (r->writable) {
			if (report_fault(wrmsr_safe(r->msr, r->writable),
					 FAULT_NONE, "%s: write %#lx", r->name,
					 r->writable))
				report_eq(rdmsr(r->msr), r->writable,
					  "%s: reads back", r->name);
			wrmsr(r->msr, saved);
		}
	}
	if (r->reserved)
		report_fault(wrmsr_safe(r->msr, r->reserved), FAULT_GP(0),
			     "%s: write of reserved bit %#lx", r->name,
			     r->reserved);
}

/*
 * Not enumerated: RDMSR and WRMSR of 0 both #GP(0). Writing 0 to any of
 * these MSRs, where one is implemented anyway, changes nothing.
 */
static void check_absent(const struct spec_row *r)
{
	u64 v;

	report_fault(rdmsr_safe(r->msr, &v), FAULT_GP(0),
		     "%s (MSR %#x) not enumerated (%s clear): RDMSR", r->name,
		     r->msr, r->enum_text);
	report_fault(wrmsr_safe(r->msr, 0), FAULT_GP(0),
		     "%s (MSR %#x) not enumerated (%s clear): WRMSR 0", r->name,
		     r->msr, r->enum_text);
}

TEST_VARIANTS(spec_msr, spec_rows)
{
	bool on = variant->enumerated();

	/* "FEATURE: advertised" lines feed the capability table. */
	if (variant->cap)
		report_info("%s: %s", variant->cap,
			    on ? "advertised" : "not advertised");
	if (on)
		check_enumerated(variant);
	else
		check_absent(variant);
}

/*
 * VERW of the current data segment (writable at CPL0) sets ZF, VERW of
 * the null selector clears it (SDM vol. 2B VERR/VERW "Operation"); with
 * MD_CLEAR it also clears the CPU buffers, which software cannot see.
 */
TEST_CASE(spec_verw)
{
	u16 ds, null = 0;
	u8 zf = 0xff;
	struct fault f;

	asm volatile("mov %%ds, %0" : "=r"(ds));
	report_info("MD_CLEAR (CPUID.7.0:EDX[10]) %s",
		    cpuid_bit(7, CPUID_EDX, 10) ? "enumerated"
						: "not enumerated");
	f = fault_probe("verw %1; setz %0", : "=r"(zf) : "m"(ds) : "cc");
	if (report_fault(f, FAULT_NONE, "VERW of DS %#x executes", ds))
		report_eq(zf, 1, "VERW of DS %#x: ZF = 1 (writable)", ds);
	f = fault_probe("verw %1; setz %0", : "=r"(zf) : "m"(null) : "cc");
	if (report_fault(f, FAULT_NONE, "VERW of the null selector executes"))
		report_eq(zf, 0, "VERW of the null selector: ZF = 0");
}
