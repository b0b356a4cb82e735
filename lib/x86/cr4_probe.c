// SPDX-License-Identifier: GPL-2.0-only
/*
 * cr4_probe.c: setting a CR4 feature bit and probing it as reserved (see
 * cr4_probe.h; Intel SDM vol. 3A 2.5, vol. 2B MOV to CR4).
 */
#include <libtest.h>
#include <x86/cr4_probe.h>
#include <x86/insn_watch.h>

void cr4_probe_settable(u64 bit, const char *name, const char *feature)
{
	u64 cr4 = read_cr4();
	struct fault f;

	f = fault_probe("mov %0, %%cr4", : : "r"(cr4 | bit));
	report_fault(f, FAULT_NONE, "CR4.%s can be set (%s enumerated)", name,
		     feature);
	report(read_cr4() & bit, "CR4.%s reads back as 1", name);
	write_cr4(cr4);
}

/*
 * The MOV runs on another CPU, watched from this one (insn_watch.h),
 * where there is one: a hypervisor that loops on it gives a FAIL that
 * says so, not a hang.
 */
void cr4_probe_reserved(u64 bit, struct x86_feature feat, const char *name,
			const char *feature, const char *cpuid)
{
	struct cr_flip t;

	if (cpu_has(feat))
		return report_skip(
			"%s is enumerated: CR4.%s is not reserved here",
			feature, name);
	t = cr_flip_elsewhere(4, bit);
	report_fault(t.f, FAULT_GP(0), "CR4.%s is reserved without %s", name,
		     cpuid);
	if (!t.f.stuck)
		report(!(t.after & bit), "CR4.%s stays 0", name);
}
