// SPDX-License-Identifier: GPL-2.0-only
/*
 * msrs.c: MSR values written by the guest survive migration. Each
 * enumerated MSR of the table gets a value other than its reset value
 * (Intel SDM vol. 4 table 2-2 for the architectural MSRs; AMD APM vol. 2
 * appendix A); after one migration each is read back. The values stay usable: PAT keeps WB in PA0 (the library
 * maps memory with PAT index 0), EFER only flips NXE, which the library's
 * page tables do not depend on.
 */
#include "migration.h"
#include <x86/processor.h>
#include <x86/msr.h>

struct msr_row {
	const char *name;
	u32 index;
	u64 value;
	struct x86_feature feature;
};

static const struct msr_row msr_rows[] = {
	/*
	 * SDM vol. 3A 12.12.2: every entry a valid type; PA0 stays WB and
	 * PA3 UC, PA1 becomes WC, PA5 WP, PA6 WT.
	 */
	{"PAT", MSR_IA32_PAT, 0x0004050600070106ULL, X86_FEATURE_PAT},
	{"STAR", MSR_STAR, 0x0023001000000000ULL, X86_FEATURE_SYSCALL},
	{"LSTAR", MSR_LSTAR, 0xffff800012345670ULL, X86_FEATURE_LM},
	{"CSTAR", MSR_CSTAR, 0xffff800076543210ULL, X86_FEATURE_LM},
	{"SFMASK", MSR_SFMASK, 0x47700, X86_FEATURE_SYSCALL},
	{"KERNEL_GS_BASE", MSR_KERNEL_GS_BASE, 0xffff8000deadb000ULL,
	 X86_FEATURE_LM},
	{"SYSENTER_CS", MSR_IA32_SYSENTER_CS, 0x0010, X86_FEATURE_SEP},
	{"SYSENTER_ESP", MSR_IA32_SYSENTER_ESP, 0x7fff0ff0, X86_FEATURE_SEP},
	{"SYSENTER_EIP", MSR_IA32_SYSENTER_EIP, 0x40001230, X86_FEATURE_SEP},
	{"TSC_AUX", MSR_TSC_AUX, 0x5a5a, X86_FEATURE_RDTSCP},
	/* SDM vol. 4 table 2-2: bit 0 IBRS, bit 1 STIBP, bit 2 SSBD. */
	{"SPEC_CTRL", MSR_IA32_SPEC_CTRL, 0x1, X86_FEATURE_SPEC_CTRL},
};

/*
 * All the enumerated MSRs of the table across one migration: one
 * migration per MSR cost a VMM start each (a quarter of a second under
 * KVM) for no check more.
 */
TEST_CASE(msrs)
{
	u64 old[ARRAY_SIZE(msr_rows)], got;
	bool written[ARRAY_SIZE(msr_rows)] = {false};
	bool migrated;
	struct fault f;

	for (size_t i = 0; i < ARRAY_SIZE(msr_rows); i++) {
		const struct msr_row *r = &msr_rows[i];

		if (!cpu_has(r->feature)) {
			report_info("%s: CPUID does not enumerate it", r->name);
			continue;
		}
		old[i] = rdmsr(r->index);
		f = wrmsr_safe(r->index, r->value);
		written[i] = report_fault(f, FAULT_NONE, "%s: write %#lx",
					  r->name, r->value);
	}
	migrated = migrate_or_skip();
	for (size_t i = 0; i < ARRAY_SIZE(msr_rows); i++) {
		const struct msr_row *r = &msr_rows[i];

		if (!written[i])
			continue;
		f = rdmsr_safe(r->index, &got);
		if (migrated &&
		    report_fault(f, FAULT_NONE, "%s: read after migration",
				 r->name))
			report_eq(got, r->value,
				  "%s holds its value after migration",
				  r->name);
		wrmsr(r->index, old[i]);
	}
}

/* EFER.NXE (AMD APM vol. 2 3.1.7; SDM vol. 3A 2.2.1): guest-set bits stay. */
TEST_CASE(efer_nxe, .features = CPU_FEATURES(X86_FEATURE_NX))
{
	u64 old = rdmsr(MSR_EFER), want = old ^ EFER_NXE;

	wrmsr(MSR_EFER, want);
	if (migrate_or_skip())
		report_eq(rdmsr(MSR_EFER), want,
			  "EFER (NXE toggled) after migration");
	wrmsr(MSR_EFER, old);
}
