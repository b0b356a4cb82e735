// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/caps: what the hypervisor exposes, as TAP comments the runner
 * keeps with the case (JSON report, case "comments"): one line per item,
 * "capability {JSON object}", for the vendor and signature, the leaf
 * ranges, every named feature bit that is set (names.c), XCR0's
 * supported mask (SDM vol. 1 13.2), the hypervisor interfaces (their
 * leaves raw, "raw.LEAF": EAX..EDX), and the feature MSRs CPUID
 * enumerates. The check: each such MSR is readable
 * (Intel SDM vol. 4 table 2-2: IA32_ARCH_CAPABILITIES with
 * CPUID.7.0:EDX[29], IA32_SPEC_CTRL with EDX[26] or AMD 0x80000008:EBX
 * IBRS/STIBP/SSBD bits (APM vol. 2 appendix A); IA32_TSC_AUX with
 * RDTSCP or RDPID).
 */
#include "cpuid.h"
#include "names.h"

#define LINE_MAX 400

static void feature_lines(void)
{
	char line[LINE_MAX];
	u32 cur_leaf = ~0u, cur_sub = 0, cur_reg = 0;
	size_t len = 0;

	for (unsigned int n = 0; n <= cpuid_bit_names(); n++) {
		u32 leaf = ~0u, sub = 0, reg = 0, bit = 0;
		const char *name = NULL;

		if (n < cpuid_bit_names())
			name = cpuid_bit_name_at(n, &leaf, &sub, &reg, &bit);
		if (leaf != cur_leaf || sub != cur_sub || reg != cur_reg) {
			if (len)
				report_info("capability {\"cpuid.%#x.%u.%s\": "
					    "[%s]}",
					    cur_leaf, cur_sub,
					    cpuid_reg_name[cur_reg], line);
			cur_leaf = leaf;
			cur_sub = sub;
			cur_reg = reg;
			len = 0;
			line[0] = 0;
		}
		if (!name || !leaf_present(leaf) ||
		    !(cpuid_reg(cpuid_count(leaf, sub), reg) & BIT(bit)))
			continue;
		len += snprintf(line + len, sizeof(line) - len, "%s\"%s\"",
				len ? ", " : "", name);
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
	}
}

struct feature_msr {
	const char *name;
	u32 index;
	bool (*enumerated)(void);
};

static bool has_arch_capabilities(void)
{
	return cpu_has(X86_FEATURE_ARCH_CAPABILITIES);
}

static bool has_spec_ctrl(void)
{
	return cpu_has(X86_FEATURE_SPEC_CTRL) ||
	       cpu_has(X86_FEATURE_AMD_IBRS) ||
	       cpu_has(X86_FEATURE_AMD_STIBP) || cpu_has(X86_FEATURE_AMD_SSBD);
}

static bool has_tsc_aux(void)
{
	return cpu_has(X86_FEATURE_RDTSCP) || cpu_has(X86_FEATURE_RDPID);
}

static const struct feature_msr msrs[] = {
	{"IA32_ARCH_CAPABILITIES", 0x10a, has_arch_capabilities},
	{"IA32_SPEC_CTRL", 0x48, has_spec_ctrl},
	{"IA32_TSC_AUX", MSR_TSC_AUX, has_tsc_aux},
};

/*
 * The MSR lines, each after its check (the runner keeps a case's comments
 * from its first test point on). Returns how many MSRs CPUID enumerates.
 */
static unsigned int msr_lines(void)
{
	unsigned int enumerated = 0;

	for (size_t i = 0; i < ARRAY_SIZE(msrs); i++) {
		struct fault f;
		u64 v = 0;

		if (!msrs[i].enumerated())
			continue;
		enumerated++;
		f = rdmsr_safe(msrs[i].index, &v);
		if (report_fault(f, FAULT_NONE,
				 "%s (%#x) is enumerated, so RDMSR works",
				 msrs[i].name, msrs[i].index))
			report_info("capability {\"msr.%s\": \"%#lx\"}",
				    msrs[i].name, v);
	}
	for (size_t i = 0; i < ARRAY_SIZE(msrs); i++)
		if (!msrs[i].enumerated())
			report_info("capability {\"msr.%s\": null}",
				    msrs[i].name);
	return enumerated;
}

TEST_CASE(capabilities)
{
	struct cpuid r = cpuid(1);
	unsigned int nr_msrs = msr_lines();
	char sig[13];

	report_info("capability {\"vendor\": \"%s\", \"signature\": \"%#x\", "
		    "\"max_leaf\": \"%#x\", \"max_extended_leaf\": \"%#x\"}",
		    cpu_vendor(), r.a, leaf_max(LEAF_BASIC),
		    leaf_max(LEAF_EXTENDED));
	feature_lines();
	if (leaf_present(0xd))
		report_info("capability {\"xcr0_supported\": \"%#lx\", "
			    "\"xss_supported\": \"%#lx\"}",
			    cpuid_count(0xd, 0).a | (u64)cpuid_count(0xd, 0).d
							    << 32,
			    cpuid_count(0xd, 1).c | (u64)cpuid_count(0xd, 1).d
							    << 32);
	for (u32 base = LEAF_HYPERVISOR; base <= 0x40000100; base += 0x100) {
		if (!hv_leaf_max(base))
			continue;
		hv_signature(base, sig);
		report_info("capability {\"hypervisor.%#x\": {\"signature\": "
			    "\"%s\", \"max_leaf\": \"%#x\"}}",
			    base, sig, hv_leaf_max(base));
		for (u32 leaf = base + 1;
		     leaf <= hv_leaf_max(base) && leaf <= base + 0x10; leaf++) {
			struct cpuid h = cpuid(leaf);

			report_info("capability {\"raw.%#x\": [\"%#x\", "
				    "\"%#x\", \"%#x\", \"%#x\"]}",
				    leaf, h.a, h.b, h.c, h.d);
		}
	}
	if (!nr_msrs)
		report_skip(
			"CPUID enumerates none of the feature MSRs checked");
}
