// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/pv: the hypervisor leaves from 0x40000000 up. KVM's (Linux
 * Documentation/virt/kvm/x86/cpuid.rst): the "KVMKVMKVM\0\0\0" signature,
 * EAX the highest leaf, the feature leaf 0x40000001; kvmclock
 * (Documentation/virt/kvm/x86/msr.rst MSR_KVM_SYSTEM_TIME_NEW, struct
 * pvclock_vcpu_time_info) where advertised; an unknown hypercall by
 * VMCALL and by VMMCALL (hypercalls.rst). Hyper-V's (Hyper-V TLFS 6.0
 * chapter 2: 2.4.1 signature leaf, 2.4.2 interface "Hv#1", 2.4.4
 * partition privileges; 3.13 hypercall MSRs; 12.4 partition reference
 * counter; 7.7.3 VP index), present when the entry gives hv-* flags.
 * Which bits the configured flags set is model.c's comparison.
 */
#include "cpuid.h"
#include <smp.h>
#include <x86/insn_watch.h>

#define HV_X64_MSR_VP_INDEX 0x40000002
#define HV_X64_MSR_TIME_REF_COUNT 0x40000020

/* 0x40000003 EAX (TLFS 2.4.4). */
#define HV_ACCESS_REF_COUNTER BIT(1)
#define HV_ACCESS_HYPERCALL_MSRS BIT(5)
#define HV_ACCESS_VP_INDEX BIT(6)

/* The base (0x40000000 or 0x40000100) whose signature is SIG, or 0. */
static u32 find_interface(const char *sig)
{
	char got[13];

	for (u32 base = LEAF_HYPERVISOR; base <= 0x40000100; base += 0x100) {
		if (!hv_leaf_max(base))
			continue;
		hv_signature(base, got);
		if (!memcmp(got, sig, 12))
			return base;
	}
	return 0;
}

u32 kvm_base(void)
{
	return find_interface("KVMKVMKVM\0\0\0");
}

TEST_CASE(hypervisor_signature)
{
	char sig[13];

	if (!cpu_has(X86_FEATURE_HYPERVISOR))
		return report_skip("hypervisor not enumerated "
				   "(CPUID.(EAX=0x1,ECX=0):ECX[31])");
	hv_signature(LEAF_HYPERVISOR, sig);
	report_info("leaf 0x40000000: EAX %#x, signature \"%s\"",
		    cpuid(LEAF_HYPERVISOR).a, sig);
	report(hv_leaf_max(LEAF_HYPERVISOR),
	       "leaf 0x40000000 EAX %#x names a leaf of its range (or is 0)",
	       cpuid(LEAF_HYPERVISOR).a);
}

/*
 * cpuid.rst: EAX of the signature leaf is the highest KVM leaf (0 means
 * 0x40000001); 0x40000001 EAX holds the feature bits, EDX the hints.
 */
TEST_CASE(kvm_leaves)
{
	u32 base = kvm_base();
	struct cpuid r;

	if (!base)
		return report_skip("no KVM signature at 0x40000000 or "
				   "0x40000100");
	r = cpuid(base);
	report(!r.a || r.a >= base + 1,
	       "leaf %#x EAX %#x: 0 or the highest KVM leaf", base, r.a);
	r = cpuid(base + 1);
	report_info("KVM features %#x, hints %#x", r.a, r.d);
}

/* A later reading T1 of a clock that must have moved on from T0. */
static void advance(u64 t0, u64 t1, const char *what)
{
	char want[32], got[24];

	snprintf(want, sizeof(want), "more than %lu", t0);
	snprintf(got, sizeof(got), "%lu", t1);
	report_cmp(t1 > t0, want, got, "%s", what);
}
#define report_advance(t0, t1, what) report_here(advance(t0, t1, what))

static volatile struct pvclock_info clock __aligned(64);

/*
 * The time C gives now: system_time plus the TSC ticks since
 * tsc_timestamp, shifted by tsc_shift and scaled by tsc_to_system_mul /
 * 2^32 (msr.rst, struct pvclock_vcpu_time_info), read while version is
 * even and unchanged.
 */
u64 pvclock_read(volatile struct pvclock_info *c)
{
	u32 v;
	u64 delta, ns;

	do {
		v = c->version;
		asm volatile("" ::: "memory");
		delta = rdtsc() - c->tsc_timestamp;
		if (c->tsc_shift < 0)
			delta >>= -c->tsc_shift;
		else
			delta <<= c->tsc_shift;
		ns = c->system_time +
		     (u64)(((unsigned __int128)delta * c->tsc_to_system_mul) >>
			   32);
		asm volatile("" ::: "memory");
	} while ((v & 1) || v != c->version);
	return ns;
}

/*
 * msr.rst MSR_KVM_SYSTEM_TIME_NEW: writing the structure's address with
 * bit 0 set enables it; the host fills it (a non-zero multiplier), and
 * the time it gives advances while the guest runs.
 */
TEST_CASE(kvmclock)
{
	u32 base = kvm_base();
	u64 t0, t1, tsc0;

	if (!base)
		return report_skip("no KVM signature");
	if (!(cpuid(base + 1).a & BIT(KVM_FEATURE_CLOCKSOURCE2)))
		return report_skip("KVM_FEATURE_CLOCKSOURCE2 not advertised "
				   "(CPUID %#x EAX[3])",
				   base + 1);
	if (!report_fault(wrmsr_safe(MSR_KVM_SYSTEM_TIME_NEW,
				     (u64)(uintptr_t)&clock | 1),
			  FAULT_NONE, "enable kvmclock"))
		return;
	if (!report(clock.tsc_to_system_mul, "tsc_to_system_mul %#x is not 0",
		    clock.tsc_to_system_mul))
		goto out;
	t0 = pvclock_read(&clock);
	tsc0 = rdtsc();
	while (rdtsc() - tsc0 < 10000000)
		asm volatile("pause");
	t1 = pvclock_read(&clock);
	report_advance(t0, t1, "kvmclock (ns) advances over 10M TSC ticks");
out:
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
}

struct hypercall_insn {
	const char *name;
};

static const struct hypercall_insn hypercall_insns[] = {
	{"vmcall"},
	{"vmmcall"},
};

/* An unknown hypercall number (hypercalls.rst lists 1 to 12). */
#define KVM_HC_UNKNOWN 0x7ffe
#define KVM_ENOSYS 1000

/*
 * Linux Documentation/virt/kvm/x86/hypercalls.rst: a hypercall is VMCALL
 * or VMMCALL with the number in RAX; an unknown number returns
 * -KVM_ENOSYS in RAX. The instruction of the other vendor either works
 * the same (KVM emulates it) or raises #UD (SDM vol. 2C VMCALL outside
 * VMX non-root operation, APM vol. 3 VMMCALL without SVM); it must
 * complete, which the timer ticks of insn_watch.h check.
 */
TEST_VARIANTS(kvm_hypercall, hypercall_insns)
{
	u64 rax = KVM_HC_UNKNOWN;
	struct fault f;

	if (!kvm_base())
		return report_skip("no KVM signature");
	if (!strcmp(variant->name, "vmcall"))
		f = fault_probe_watched("vmcall", : "+a"(rax) : : "memory");
	else
		f = fault_probe_watched("vmmcall", : "+a"(rax) : : "memory");
	if (f.stuck) {
		report_fault(f, FAULT_NONE,
			     "%s of hypercall %#x completes (-KVM_ENOSYS or "
			     "#UD)",
			     variant->name, KVM_HC_UNKNOWN);
		return;
	}
	if (f.raised) {
		report_fault(
			f, FAULT_UD,
			"%s of hypercall %#x: #UD if it is not a hypercall "
			"here",
			variant->name, KVM_HC_UNKNOWN);
		return;
	}
	report_eq(rax, -(u64)KVM_ENOSYS,
		  "%s of unknown hypercall %#x: -KVM_ENOSYS", variant->name,
		  KVM_HC_UNKNOWN);
}

static u32 hyperv_base(void)
{
	return find_interface("Microsoft Hv");
}

/*
 * TLFS 2.4.1-2.4.4: the Hyper-V signature leaf's EAX is at least
 * 0x40000005; 0x40000001 EAX is "Hv#1"; a hypervisor presenting the
 * interface grants AccessHypercallMsrs (the hypercall MSRs exist, 3.13).
 * hyperv=on (the runner's model expansion had hv-* flags on) makes a
 * missing signature a failure.
 */
TEST_CASE(hyperv_leaves)
{
	u32 base = hyperv_base();

	if (!base && !arg_get("hyperv"))
		return report_skip("no Hyper-V signature and no hyperv=on: the "
				   "model has no hv-* flags");
	if (!report(base, "hv-* flags given: \"Microsoft Hv\" signature at "
			  "0x40000000 or 0x40000100"))
		return;
	report(cpuid(base).a >= base + 5, "leaf %#x EAX %#x >= %#x", base,
	       cpuid(base).a, base + 5);
	report_eq(cpuid(base + 1).a, 0x31237648,
		  "interface signature \"Hv#1\"");
	report(cpuid(base + 3).a & HV_ACCESS_HYPERCALL_MSRS,
	       "AccessHypercallMsrs (0x40000003 EAX[5])");
	report_info("privileges %#x:%#x, features %#x, recommendations %#x",
		    cpuid(base + 3).a, cpuid(base + 3).b, cpuid(base + 3).d,
		    cpuid(base + 4).a);
}

/*
 * TLFS 12.4: HV_X64_MSR_TIME_REF_COUNT counts 100 ns units since the
 * partition started, never goes back, and advances while the guest runs.
 */
TEST_CASE(hyperv_ref_counter)
{
	u32 base = hyperv_base();
	u64 c0, c1, tsc0;

	if (!base)
		return report_skip("no Hyper-V signature");
	if (!(cpuid(base + 3).a & HV_ACCESS_REF_COUNTER))
		return report_skip(
			"AccessPartitionReferenceCounter not granted "
			"(0x40000003 EAX[1]; hv-time)");
	if (!report_fault(rdmsr_safe(HV_X64_MSR_TIME_REF_COUNT, &c0),
			  FAULT_NONE, "read HV_X64_MSR_TIME_REF_COUNT"))
		return;
	tsc0 = rdtsc();
	while (rdtsc() - tsc0 < 50000000)
		asm volatile("pause");
	c1 = rdmsr(HV_X64_MSR_TIME_REF_COUNT);
	report_advance(c0, c1,
		       "reference counter (100 ns) advances over 50M "
		       "TSC ticks");
}

/* TLFS 7.7.3: HV_X64_MSR_VP_INDEX of each CPU, all different. */
static u64 vp_index[SMP_MAX_CPUS];

static void read_vp_index(void *data)
{
	vp_index[smp_processor_id()] = rdmsr(HV_X64_MSR_VP_INDEX);
}

TEST_CASE(hyperv_vp_index)
{
	u32 base = hyperv_base();

	if (!base)
		return report_skip("no Hyper-V signature");
	if (!(cpuid(base + 3).a & HV_ACCESS_VP_INDEX))
		return report_skip("AccessVpIndex not granted "
				   "(0x40000003 EAX[6]; hv-vpindex)");
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		on_cpu(cpu, read_vp_index, NULL);
	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++) {
		int twin = -1;

		for (unsigned int o = 0; o < cpu; o++)
			if (vp_index[o] == vp_index[cpu])
				twin = o;
		report(twin < 0, "CPU %u: VP index %lu is unique (twin %d)",
		       cpu, vp_index[cpu], twin);
	}
}
