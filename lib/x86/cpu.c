/*
 * cpu.c: CPUID queries. A leaf above the maximum the CPU reports is never
 * read (Intel SDM vol. 2A CPUID: such leaves return the data of the highest
 * basic leaf, which would give wrong feature bits).
 */
#include <libtest.h>
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
