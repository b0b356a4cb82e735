// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpu.c: CPUID queries: feature flags, address widths, the vendor, and the
 * x86 hooks of arch_hooks.h: the CPU identity line (vendor, and family,
 * model and stepping decoded from CPUID.1:EAX as Intel SDM vol. 2A CPUID
 * figure 3-6 and AMD APM vol. 3 E.3.2 both define them: the extended
 * family is added when the family is 0xf, the extended model is prefixed
 * when the family is 6 or 0xf), case requirements: CPU_FEATURES() lists and
 * the accelerator from the hypervisor's CPUID signature (leaf 0x40000000,
 * present when CPUID.1:ECX[31] is set; KVM's "KVMKVMKVM", QEMU TCG's
 * "TCGTCGTCGTCG"). A leaf above the maximum the CPU reports is never read
 * (Intel SDM vol. 2A CPUID: such leaves return the data of the highest
 * basic leaf, which would give wrong feature bits).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <x86/processor.h>

static bool leaf_exists(u32 leaf)
{
	u32 range = leaf & 0xffff0000;

	return cpuid(range).a >= leaf;
}

bool cpu_has(struct x86_feature f)
{
	struct cpuid r;
	u32 regs[4];

	if (!leaf_exists(f.leaf))
		return false;
	r = cpuid_count(f.leaf, f.subleaf);
	regs[CPUID_EAX] = r.a;
	regs[CPUID_EBX] = r.b;
	regs[CPUID_ECX] = r.c;
	regs[CPUID_EDX] = r.d;
	return regs[f.reg] & BIT(f.bit);
}

unsigned int cpu_phys_bits(void)
{
	if (!leaf_exists(0x80000008))
		return 36;
	return cpuid(0x80000008).a & 0xff;
}

unsigned int cpu_virt_bits(void)
{
	if (!leaf_exists(0x80000008))
		return 48;
	return (cpuid(0x80000008).a >> 8) & 0xff;
}

const char *cpu_vendor(void)
{
	static char vendor[13];
	struct cpuid r = cpuid(0);

	memcpy(vendor, &r.b, 4);
	memcpy(vendor + 4, &r.d, 4);
	memcpy(vendor + 8, &r.c, 4);
	return vendor;
}

bool cpu_is_intel(void)
{
	return !strcmp(cpu_vendor(), "GenuineIntel");
}

bool cpu_is_amd(void)
{
	return !strcmp(cpu_vendor(), "AuthenticAMD") ||
	       !strcmp(cpu_vendor(), "HygonGenuine");
}

void arch_cpu_identity(char *buf, size_t size)
{
	u32 eax = cpuid(1).a;
	unsigned int family = (eax >> 8) & 0xf, model = (eax >> 4) & 0xf;

	if (family == 0xf)
		family += (eax >> 20) & 0xff;
	if (family == 6 || family >= 0xf)
		model |= ((eax >> 16) & 0xf) << 4;
	snprintf(buf, size, "vendor=%s family=%u model=%u stepping=%u",
		 cpu_vendor(), family, model, eax & 0xf);
}

bool arch_features_missing(const struct arch_features *f, char *buf,
			   size_t size)
{
	static const char *const reg[] = {"EAX", "EBX", "ECX", "EDX"};

	for (size_t i = 0; i < ARRAY_SIZE(f->list) && f->list[i]; i++) {
		const struct x86_feature *x = f->list[i];

		if (cpu_has(*x))
			continue;
		snprintf(buf, size,
			 "%s not enumerated (CPUID.(EAX=%#x,ECX=%u):%s[%u])",
			 x->name, x->leaf, x->subleaf, reg[x->reg], x->bit);
		return true;
	}
	return false;
}

/* The hypervisor's CPUID signature (leaf 0x40000000: EBX, ECX, EDX). */
const char *arch_accelerator(void)
{
	static const struct {
		char sig[13];
		const char *accel;
	} known[] = {
		{"KVMKVMKVM\0\0\0", "kvm"},
		{"TCGTCGTCGTCG", "tcg"},
	};
	char sig[12];
	struct cpuid r;

	if (!cpu_has(X86_FEATURE_HYPERVISOR))
		return NULL;
	r = cpuid(0x40000000);
	memcpy(sig, &r.b, 4);
	memcpy(sig + 4, &r.c, 4);
	memcpy(sig + 8, &r.d, 4);
	for (size_t i = 0; i < ARRAY_SIZE(known); i++)
		if (!memcmp(sig, known[i].sig, sizeof(sig)))
			return known[i].accel;
	return NULL;
}
