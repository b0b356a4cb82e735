// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid: what CPUID advertises, checked against itself, against the VM the
 * runner configured and against what the CPU does. This file holds the
 * leaf ranges, the out-of-range rule, the vendor string and the family,
 * model and stepping (Intel SDM vol. 2A CPUID, tables 3-8 and 3-17 and the
 * "INPUT EAX = 0" and "INPUT EAX = 01H" notes; AMD APM vol. 3 appendix E
 * E.3.1, E.3.2, E.4.1, E.4.2). The other files:
 *
 *	topology.c	leaves 0x1, 0x4, 0xB, 0x1F, 0x8000001E against one
 *			another, the APIC IDs and the MADT's CPU count
 *	insn.c		instruction-set features: advertised means it
 *			executes with the right result, not advertised means
 *			#UD where the manuals require it
 *	model.c		the feature words the runner expected from the VMM's
 *			own model expansion (cpumodel=, docs/cpuid.md)
 *	pv.c		hypervisor leaves 0x40000000 up: KVM and Hyper-V
 *	caps.c		a JSON capability block in the TAP comments
 *	xsave.c		leaf 0xD, XCR0, XSAVE/XRSTOR and their variants
 *	spec.c		speculation-control MSRs present exactly when
 *			enumerated; VERW
 *	pmu.c		performance counters: enumerated, counting, global
 *			registers, PMI, RDPMC
 *	kvmpv.c		KVM's wall clock, kvmclock across CPUs, steal time,
 *			PV EOI
 *	kvmhc.c		KVM hypercalls SEND_IPI, KICK_CPU, SCHED_YIELD
 */
#include "cpuid.h"

const char *const cpuid_reg_name[4] = {"EAX", "EBX", "ECX", "EDX"};

void hv_signature(u32 base, char out[13])
{
	struct cpuid r = cpuid(base);

	memcpy(out, &r.b, 4);
	memcpy(out + 4, &r.c, 4);
	memcpy(out + 8, &r.d, 4);
	out[12] = 0;
}

u32 hv_leaf_max(u32 base)
{
	u32 max = cpuid(base).a;
	char sig[13];

	if (!cpu_has(X86_FEATURE_HYPERVISOR) || max > base + 0xff)
		return 0;
	if (max >= base)
		return max;
	hv_signature(base, sig);
	return !max && !memcmp(sig, "KVMKVMKVM\0\0\0", 12) ? base + 1 : 0;
}

/*
 * SDM vol. 2A CPUID table 3-8: leaf 0 EAX is the highest basic leaf,
 * 0x80000000 EAX the highest extended one. A 64-bit CPU enumerates long
 * mode in 0x80000001:EDX[29] (SDM table 3-8; APM E.4.2), so this guest,
 * which runs in long mode, must see the extended range up to there;
 * XSAVE enumerates its state in leaf 0xD (SDM 13.2), so XSAVE needs a
 * basic range up to 0xD.
 */
TEST_CASE(ranges)
{
	u32 basic = leaf_max(LEAF_BASIC);
	u32 ext = leaf_max(LEAF_EXTENDED);

	report_info("highest basic leaf %#x, highest extended leaf %#x", basic,
		    ext);
	report(basic >= 1 && basic < LEAF_HYPERVISOR,
	       "highest basic leaf %#x is in [0x1, 0x3fffffff]", basic);
	report((ext & 0xffff0000u) == LEAF_EXTENDED && ext >= 0x80000001u,
	       "highest extended leaf %#x is in [0x80000001, 0x8000ffff]", ext);
	report(cpu_has(X86_FEATURE_LM),
	       "a CPU running in long mode enumerates LM (0x80000001:EDX[29])");
	if (cpu_has(X86_FEATURE_XSAVE))
		report(basic >= 0xd,
		       "XSAVE is enumerated, so leaf 0xD exists (highest %#x)",
		       basic);
}

static bool same(struct cpuid a, struct cpuid b)
{
	return a.a == b.a && a.b == b.b && a.c == b.c && a.d == b.d;
}

static void check_out_of_range(u32 leaf, u32 basic)
{
	struct cpuid got = cpuid_count(leaf, 0);
	struct cpuid want = cpuid_count(basic, 0);
	char e[80], a[80];

	snprintf(e, sizeof(e), "%08x %08x %08x %08x", want.a, want.b, want.c,
		 want.d);
	snprintf(a, sizeof(a), "%08x %08x %08x %08x", got.a, got.b, got.c,
		 got.d);
	report_cmp(same(got, want), e, a,
		   "leaf %#x returns the highest basic leaf %#x", leaf, basic);
}

/*
 * SDM vol. 2A CPUID, "INPUT EAX = 0" note: an input above the highest
 * basic or extended leaf returns the data of the highest basic leaf. The
 * APM does not say what AMD returns there, so on AMD the values are only
 * shown.
 */
TEST_CASE(out_of_range)
{
	u32 basic = leaf_max(LEAF_BASIC);
	u32 ext = leaf_max(LEAF_EXTENDED);
	struct cpuid r;

	if (!cpu_is_intel()) {
		r = cpuid(ext + 1);
		report_info("%s: leaf %#x returns %08x %08x %08x %08x",
			    cpu_vendor(), ext + 1, r.a, r.b, r.c, r.d);
		return report_skip("the out-of-range rule is Intel's (SDM vol. "
				   "2A CPUID); the vendor is %s",
				   cpu_vendor());
	}
	check_out_of_range(basic + 1, basic);
	if (ext < 0x8000ffffu)
		check_out_of_range(ext + 1, basic);
}

/*
 * SDM table 3-8 / APM E.3.1: leaf 0 EBX, EDX, ECX hold a 12-character
 * vendor identification string; APM E.4.1: on AMD, leaf 0x80000000
 * returns the same string in EBX, EDX, ECX.
 */
TEST_CASE(vendor)
{
	const char *v = cpu_vendor();
	struct cpuid r;
	char ext[13];
	bool printable = true;

	for (int i = 0; i < 12; i++)
		printable &= v[i] >= 0x20 && v[i] < 0x7f;
	report(printable && strlen(v) == 12,
	       "vendor string \"%s\" is 12 printable characters", v);
	report_info("vendor %s", v);
	if (!cpu_is_amd())
		return;
	r = cpuid(LEAF_EXTENDED);
	memcpy(ext, &r.b, 4);
	memcpy(ext + 4, &r.d, 4);
	memcpy(ext + 8, &r.c, 4);
	ext[12] = 0;
	report_cmp(!strcmp(ext, v), v, ext,
		   "AMD: leaf 0x80000000 repeats the vendor string");
}

/*
 * SDM vol. 2A CPUID figure 3-6 and "INPUT EAX = 01H": the displayed family
 * is Family ID + Extended Family ID when Family ID is 0xF, the displayed
 * model adds Extended Model ID << 4 when Family ID is 0x6 or 0xF (shown).
 * APM E.4.2: on AMD leaf 0x80000001 EAX repeats leaf 1 EAX. SDM table
 * 3-11: CLFLUSH (EDX[19]) comes with its line size in EBX[15:8] (8-byte
 * units).
 */
TEST_CASE(family_model_stepping)
{
	struct cpuid r = cpuid(1);
	u32 fam = (r.a >> 8) & 0xf, model = (r.a >> 4) & 0xf;
	u32 dfam = fam, dmodel = model;

	if (fam == 0xf)
		dfam += (r.a >> 20) & 0xff;
	if (fam == 0x6 || fam == 0xf)
		dmodel += ((r.a >> 16) & 0xf) << 4;
	report_info("signature %#x: family %#x model %#x stepping %#x", r.a,
		    dfam, dmodel, r.a & 0xf);
	if (cpu_is_amd())
		report_eq(cpuid(0x80000001).a, r.a,
			  "AMD: leaf 0x80000001 EAX repeats leaf 1 EAX");
	if (r.d & BIT(19))
		report((r.b >> 8) & 0xff,
		       "CLFLUSH line size (leaf 1 EBX[15:8]) is not 0");
	if (!cpu_is_amd() && !(r.d & BIT(19)))
		report_skip("neither AMD nor CLFLUSH: nothing to compare");
}

/*
 * SDM vol. 2A CPUID "INPUT EAX = 80000008H", APM E.4.7: EAX[7:0] is the
 * physical address width, EAX[15:8] the linear one. A CPU in IA-32e mode
 * translates 48-bit linear addresses, or 57-bit ones with 5-level paging
 * (vol. 3A 4.1.1): 57 exactly when LA57 is enumerated (CPUID.(7,0):ECX[16]).
 * MAXPHYADDR is at most 52 (vol. 3A 4.1.4).
 */
TEST_CASE(address_sizes)
{
	u32 phys, virt;

	if (!leaf_present(0x80000008))
		return report_skip("no leaf 0x80000008 (highest %#x)",
				   leaf_max(LEAF_EXTENDED));
	phys = cpuid(0x80000008).a & 0xff;
	virt = (cpuid(0x80000008).a >> 8) & 0xff;
	report(phys >= 32 && phys <= 52, "MAXPHYADDR %u is in [32, 52]", phys);
	report_eq(virt, cpu_has(X86_FEATURE_LA57) ? 57 : 48,
		  "linear address width (LA57 %s)",
		  cpu_has(X86_FEATURE_LA57) ? "enumerated" : "not enumerated");
}

/*
 * SDM vol. 2A CPUID "INPUT EAX = 80000002H-80000004H"; APM E.4.3: 48
 * bytes of ASCII, NUL-terminated.
 */
TEST_CASE(brand_string)
{
	char brand[49];
	bool printable = true, nul = false;

	if (!leaf_present(0x80000004))
		return report_skip("no leaf 0x80000004 (highest %#x)",
				   leaf_max(LEAF_EXTENDED));
	for (u32 i = 0; i < 3; i++) {
		struct cpuid r = cpuid(0x80000002 + i);

		memcpy(brand + 16 * i, &r, 16);
	}
	brand[48] = 0;
	for (int i = 0; i < 48 && !nul; i++) {
		nul = !brand[i];
		printable &= nul || (brand[i] >= 0x20 && brand[i] < 0x7f);
	}
	report_info("brand \"%s\"", brand);
	report(printable && nul,
	       "brand string is printable ASCII ending in a NUL");
}
