// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/topology: the CPU topology CPUID enumerates, on every CPU, against
 * the APIC IDs, the MADT and the CPU count the runner configured
 * (cpus=N on the command line, the entry's smp). Rules: Intel SDM vol.
 * 2A CPUID leaf 01H EBX[31:24] (initial APIC ID), leaf 04H EAX[31:26],
 * leaves 0BH and 1FH (levels, shifts, x2APIC ID in EDX); vol. 3A 10.12.8
 * and 9.9 (x2APIC ID and topology IDs); AMD APM vol. 3 E.4.15
 * (0x8000001E: extended APIC ID, threads per core); ACPI 6.5 5.2.12
 * (MADT).
 */
#include "cpuid.h"
#include <smp.h>
#include <x86/apic.h>
#include <x86/smp.h>

#define MAX_LEVELS 8

struct topo_level {
	u32 shift; /* EAX[4:0] */
	u32 count; /* EBX[15:0] */
	u32 type; /* ECX[15:8] */
};

struct cpu_topo {
	u32 apic_reg; /* the local APIC's ID register */
	u32 initial; /* leaf 1 EBX[31:24] */
	u32 x2id[2]; /* EDX of leaf 0xB and 0x1F, subleaf 0 */
	u32 nr_levels[2];
	struct topo_level level[2][MAX_LEVELS];
	u32 edx_changes[2]; /* subleaves whose EDX differs from subleaf 0 */
	u32 bad_number[2]; /* first subleaf whose ECX[7:0] is not its input */
	u32 ext_apic; /* 0x8000001E EAX */
	u32 threads_per_core; /* 0x8000001E EBX[15:8] + 1 */
};

static struct cpu_topo topo[SMP_MAX_CPUS];
static const u32 topo_leaf[2] = {0xb, 0x1f};

/*
 * SDM vol. 2A leaf 0BH (and 1FH): the leaf is supported when it is at or
 * below the highest basic leaf and subleaf 0 reports a non-zero
 * EBX[15:0].
 */
static bool topo_supported(unsigned int w)
{
	return leaf_present(topo_leaf[w]) &&
	       (cpuid_count(topo_leaf[w], 0).b & 0xffff);
}

static bool topo_skip(unsigned int w)
{
	if (!leaf_present(topo_leaf[w])) {
		report_skip("no leaf %#x (highest basic leaf %#x)",
			    topo_leaf[w], leaf_max(LEAF_BASIC));
		return true;
	}
	if (!topo_supported(w)) {
		report_skip("leaf %#x not supported: subleaf 0 EBX[15:0] is 0",
			    topo_leaf[w]);
		return true;
	}
	return false;
}

static void read_levels(struct cpu_topo *t, unsigned int which)
{
	u32 leaf = topo_leaf[which];
	u32 edx0 = cpuid_count(leaf, 0).d;

	t->x2id[which] = edx0;
	t->bad_number[which] = ~0u;
	for (u32 n = 0; n < MAX_LEVELS; n++) {
		struct cpuid r = cpuid_count(leaf, n);

		if ((r.c & 0xff) != n && t->bad_number[which] == ~0u)
			t->bad_number[which] = n;
		if (r.d != edx0)
			t->edx_changes[which]++;
		if (!((r.c >> 8) & 0xff))
			break;
		t->level[which][n] = (struct topo_level){
			r.a & 0x1f, r.b & 0xffff, (r.c >> 8) & 0xff};
		t->nr_levels[which] = n + 1;
	}
}

static void gather_one(void *data)
{
	struct cpu_topo *t = &topo[smp_processor_id()];

	memset(t, 0, sizeof(*t));
	t->apic_reg = apic_id();
	t->initial = cpuid(1).b >> 24;
	for (unsigned int w = 0; w < 2; w++)
		if (topo_supported(w))
			read_levels(t, w);
	if (leaf_present(0x8000001e)) {
		struct cpuid r = cpuid(0x8000001e);

		t->ext_apic = r.a;
		t->threads_per_core = ((r.b >> 8) & 0xff) + 1;
	}
}

static void gather(void)
{
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		on_cpu(cpu, gather_one, NULL);
}

/*
 * The count the runner configured against the MADT (ACPI 6.5 5.2.12:
 * enabled Processor Local APIC / x2APIC structures) and CPUID leaf 1
 * EBX[23:16] (SDM: maximum addressable logical processor IDs in the
 * package, valid when EDX.HTT[28] is set).
 */
TEST_CASE(cpu_count)
{
	const char *want = arg_get("cpus");
	struct cpuid r = cpuid(1);

	if (!want)
		return report_skip("no cpus=N argument: the entry did not say "
				   "how many CPUs it configured");
	report_eq(nr_cpus(), arg_get_u64("cpus", 0),
		  "the MADT lists the %s CPUs configured", want);
	if (nr_cpus() > 1)
		report(r.d & BIT(28), "with %u CPUs, leaf 1 EDX.HTT[28] is set",
		       nr_cpus());
	if (r.d & BIT(28))
		report_info("leaf 1 EBX[23:16]: %u addressable logical IDs "
			    "per package",
			    (r.b >> 16) & 0xff);
}

/*
 * SDM vol. 2A leaf 01H EBX[31:24]: the initial APIC ID; vol. 3A 10.4.6:
 * the APIC ID register holds it after reset. Leaf 0BH/1FH EDX: the
 * x2APIC ID, whose low 8 bits are the initial APIC ID (vol. 3A 10.12.8.1).
 * The MADT's processor structures name the same IDs.
 */
TEST_CASE(apic_ids)
{
	gather();
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		struct cpu_topo *t = &topo[cpu];
		u32 madt = cpu_apic_id(cpu);
		int twin = -1;

		report_prefix_pushf("CPU %u", cpu);
		report_eq(t->initial, madt & 0xff,
			  "leaf 1 EBX[31:24] is the MADT's APIC ID");
		report_eq(t->apic_reg, madt,
			  "APIC ID register is the MADT's APIC ID");
		for (unsigned int w = 0; w < 2; w++)
			if (topo_supported(w))
				report_eq(t->x2id[w], madt,
					  "leaf %#x EDX is the x2APIC ID",
					  topo_leaf[w]);
		for (unsigned int o = 0; o < cpu; o++)
			if (topo[o].x2id[0] == t->x2id[0])
				twin = o;
		if (topo_supported(0))
			report(twin < 0, "x2APIC ID %#x is unique (twin: %d)",
			       t->x2id[0], twin);
		report_prefix_pop();
	}
}

/*
 * SDM vol. 2A leaf 0BH and 1FH: subleaf n returns n in ECX[7:0]; valid
 * levels have a type in ECX[15:8] (1 SMT first, 2 core; 0BH has no
 * other), a non-zero EBX[15:0] and non-decreasing shifts EAX[4:0]; the
 * first invalid subleaf ends the list; EDX is the same x2APIC ID for
 * every subleaf. Vol. 3A 9.9.1: the bits above the last shift are the
 * package ID, and a package holds at most the last level's EBX[15:0]
 * logical processors.
 */
static void check_levels(unsigned int w)
{
	u32 leaf = topo_leaf[w];

	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		struct cpu_topo *t = &topo[cpu];
		struct topo_level *l = t->level[w];
		u32 n = t->nr_levels[w], pkg, same = 0;

		report_prefix_pushf("CPU %u leaf %#x", cpu, leaf);
		report(n >= 1, "%u valid levels (at least the SMT level)", n);
		report_eq(t->bad_number[w], ~0u,
			  "first subleaf whose ECX[7:0] is not its number");
		report_eq(t->edx_changes[w], 0,
			  "subleaves whose EDX is not the x2APIC ID");
		if (n) {
			report_eq(l[0].type, 1, "subleaf 0 is the SMT level");
			for (u32 i = 0; i < n; i++)
				report(l[i].count &&
					       (!i ||
						(l[i].shift >= l[i - 1].shift &&
						 l[i].type > l[i - 1].type)),
				       "level %u: type %u shift %u count %u", i,
				       l[i].type, l[i].shift, l[i].count);
			if (w == 0)
				report(l[n - 1].type <= 2,
				       "leaf 0xB has only SMT and core levels");
			pkg = t->x2id[w] >> l[n - 1].shift;
			for (unsigned int o = 0; o < nr_cpus(); o++)
				same += topo[o].x2id[w] >> l[n - 1].shift ==
					pkg;
			report(same <= l[n - 1].count,
			       "package %u: %u CPUs, at most %u", pkg, same,
			       l[n - 1].count);
		}
		report_prefix_pop();
	}
}

static void show_subleaves(u32 leaf)
{
	for (u32 n = 0; n < 3; n++) {
		struct cpuid r = cpuid_count(leaf, n);

		report_info("leaf %#x subleaf %u: %08x %08x %08x %08x", leaf, n,
			    r.a, r.b, r.c, r.d);
	}
}

TEST_CASE(leaf_0b)
{
	if (topo_skip(0))
		return;
	show_subleaves(0xb);
	gather();
	check_levels(0);
}

TEST_CASE(leaf_1f)
{
	if (topo_skip(1))
		return;
	show_subleaves(0x1f);
	gather();
	check_levels(1);
}

/*
 * APM vol. 3 E.4.15, leaf 0x8000001E (with TopologyExtensions,
 * 0x80000001:ECX[22]): EAX is the extended APIC ID, EBX[15:8] the threads
 * per compute unit minus one, which is the SMT level's count of leaf 0xB.
 */
TEST_CASE(amd_ext_topology)
{
	if (!cpu_has(X86_FEATURE_TOPOEXT))
		return report_skip("topoext not enumerated "
				   "(CPUID.(EAX=0x80000001,ECX=0):ECX[22])");
	if (!leaf_present(0x8000001e))
		return report_skip("no leaf 0x8000001E (highest %#x)",
				   leaf_max(LEAF_EXTENDED));
	gather();
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		struct cpu_topo *t = &topo[cpu];

		report_prefix_pushf("CPU %u", cpu);
		report_eq(t->ext_apic, cpu_apic_id(cpu),
			  "0x8000001E EAX is the APIC ID");
		if (t->nr_levels[0])
			report_eq(t->threads_per_core, t->level[0][0].count,
				  "threads per core agree with leaf 0xB");
		report_prefix_pop();
	}
}

/*
 * SDM vol. 2A leaf 04H (Intel): EAX[31:26] + 1 is the maximum number of
 * addressable core IDs in the package, so the cores of one package (leaf
 * 0BH core-level count over SMT-level count) never exceed it; subleaf 0
 * describes a cache (EAX[4:0] not 0).
 */
TEST_CASE(intel_leaf4)
{
	struct cpuid r;
	u32 cores;

	if (!cpu_is_intel())
		return report_skip("leaf 4 is Intel's; the vendor is %s",
				   cpu_vendor());
	if (!leaf_present(4))
		return report_skip("no leaf 4 (highest basic leaf %#x)",
				   leaf_max(LEAF_BASIC));
	r = cpuid_count(4, 0);
	report(r.a & 0x1f, "subleaf 0 describes a cache (EAX[4:0] %u)",
	       r.a & 0x1f);
	gather();
	if (topo[0].nr_levels[0] < 2)
		return;
	cores = topo[0].level[0][1].count / topo[0].level[0][0].count;
	report(((r.a >> 26) + 1) >= cores,
	       "EAX[31:26] + 1 = %u addressable core IDs hold %u cores",
	       (r.a >> 26) + 1, cores);
}

/*
 * The shape the runner configured (threads=T cores=C sockets=S on the
 * command line, as in QEMU's -smp): leaf 0xB's SMT level counts T logical
 * processors, its core level T * C (SDM vol. 2A leaf 0BH EBX[15:0]), and
 * the package IDs (x2APIC ID above the core level's shift, vol. 3A 9.9.1)
 * take S values.
 */
TEST_CASE(configured_topology)
{
	u64 threads = arg_get_u64("threads", 0),
	    cores = arg_get_u64("cores", 0);
	u64 sockets = arg_get_u64("sockets", 0);
	u32 packages[SMP_MAX_CPUS], nr_packages = 0;

	if (!threads || !cores || !sockets)
		return report_skip(
			"no threads=, cores= and sockets= arguments");
	if (topo_skip(0))
		return;
	gather();
	if (!report_eq(topo[0].nr_levels[0], 2, "leaf 0xB levels"))
		return;
	report_eq(topo[0].level[0][0].count, threads,
		  "SMT level: logical processors per core");
	report_eq(topo[0].level[0][1].count, threads * cores,
		  "core level: logical processors per package");
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		u32 pkg = topo[cpu].x2id[0] >> topo[0].level[0][1].shift;
		u32 i;

		for (i = 0; i < nr_packages && packages[i] != pkg; i++)
			;
		if (i == nr_packages)
			packages[nr_packages++] = pkg;
	}
	report_eq(nr_packages, sockets, "packages among the CPUs' x2APIC IDs");
}
