// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/kvmpv: KVM's paravirtual MSRs beyond kvmclock on one CPU (pv.c),
 * each where KVM's feature leaf 0x40000001 advertises it (Linux
 * Documentation/virt/kvm/x86/cpuid.rst and msr.rst): the wall clock
 * (MSR_KVM_WALL_CLOCK_NEW: an even version, seconds since 1970 and
 * nanoseconds below 10^9); kvmclock on every CPU, never going back from
 * one CPU to the next when the host says the TSC is stable
 * (PVCLOCK_TSC_STABLE_BIT); steal time (MSR_KVM_STEAL_TIME: 64-byte
 * aligned, bits 5:1 reserved, the structure's version even and its
 * steal count never decreasing); PV EOI (MSR_KVM_PV_EOI_EN: bit 1
 * reserved, the enable reads back).
 */
#include "cpuid.h"
#include <smp.h>

#define EPOCH_2020 1577836800u /* 2020-01-01 00:00:00 UTC */
#define SPIN_TICKS 10000000ULL

bool kvm_feature(unsigned int bit, const char *name, const char *cap)
{
	u32 base = kvm_base();
	bool has;

	if (!base) {
		report_skip("no KVM signature in the hypervisor leaves");
		return false;
	}
	/* "FEATURE: advertised" lines feed the capability table. */
	has = cpuid(base + 1).a & BIT(bit);
	report_info("%s: %s", cap, has ? "advertised" : "not advertised");
	if (!has) {
		report_skip("%s not advertised (CPUID %#x EAX[%u])", name,
			    base + 1, bit);
		return false;
	}
	return true;
}

static void spin(void)
{
	u64 t0 = rdtsc();

	while (rdtsc() - t0 < SPIN_TICKS)
		asm volatile("pause");
}

static volatile struct {
	u32 version;
	u32 sec;
	u32 nsec;
} wall __aligned(16);

/*
 * msr.rst MSR_KVM_WALL_CLOCK_NEW: the host writes the wall-clock time of
 * kvmclock's zero into the structure at the address written, with an
 * even version.
 */
TEST_CASE(kvmpv_wall_clock)
{
	if (!kvm_feature(KVM_FEATURE_CLOCKSOURCE2, "KVM_FEATURE_CLOCKSOURCE2",
			 "kvmclock"))
		return;
	wall.version = 1;
	if (!report_fault(
		    wrmsr_safe(MSR_KVM_WALL_CLOCK_NEW, (u64)(uintptr_t)&wall),
		    FAULT_NONE, "write MSR_KVM_WALL_CLOCK_NEW"))
		return;
	report_info("wall clock: version %u, %u s, %u ns", wall.version,
		    wall.sec, wall.nsec);
	report_eq(wall.version & 1, 0U, "version is even (update complete)");
	report(wall.sec > EPOCH_2020, "seconds %u are after 2020", wall.sec);
	report(wall.nsec < 1000000000u, "nanoseconds %u below 10^9", wall.nsec);
}

static volatile struct pvclock_info cpu_clock[SMP_MAX_CPUS] __aligned(64);
static u64 cpu_time[SMP_MAX_CPUS];
static struct fault cpu_fault[SMP_MAX_CPUS];

static void clock_on(void *data)
{
	unsigned int cpu = smp_processor_id();

	cpu_fault[cpu] = wrmsr_safe(MSR_KVM_SYSTEM_TIME_NEW,
				    (u64)(uintptr_t)&cpu_clock[cpu] | 1);
}

static void clock_off(void *data)
{
	wrmsr_safe(MSR_KVM_SYSTEM_TIME_NEW, 0);
}

static void clock_read(void *data)
{
	unsigned int cpu = smp_processor_id();

	cpu_time[cpu] = pvclock_read(&cpu_clock[cpu]);
}

/*
 * msr.rst MSR_KVM_SYSTEM_TIME_NEW is per vCPU: each CPU's structure is
 * filled (non-zero multiplier); with PVCLOCK_TSC_STABLE_BIT in flags the
 * readings form one clock, so reading CPU 0, then 1, ..., then CPU 0
 * again never goes back.
 */
TEST_CASE(kvmpv_clock_cpus, .min_cpus = 2)
{
	unsigned int n = nr_cpus();
	u64 prev = 0;
	bool stable = true;

	if (!kvm_feature(KVM_FEATURE_CLOCKSOURCE2, "KVM_FEATURE_CLOCKSOURCE2",
			 "kvmclock"))
		return;
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		on_cpu(cpu, clock_on, NULL);
		if (!report_fault(cpu_fault[cpu], FAULT_NONE,
				  "CPU %u: enable kvmclock", cpu))
			goto out;
		report(cpu_clock[cpu].tsc_to_system_mul,
		       "CPU %u: tsc_to_system_mul %#x is not 0", cpu,
		       cpu_clock[cpu].tsc_to_system_mul);
		stable &= !!(cpu_clock[cpu].flags & PVCLOCK_TSC_STABLE);
	}
	if (!stable) {
		report_skip("PVCLOCK_TSC_STABLE_BIT not set on every CPU: "
			    "readings across CPUs may go back");
		goto out;
	}
	for (unsigned int round = 0; round < 3; round++) {
		for (unsigned int cpu = 0; cpu <= n; cpu++) {
			unsigned int c = cpu % n;

			on_cpu(c, clock_read, NULL);
			if (cpu_time[c] < prev) {
				report_eq(
					cpu_time[c], prev,
					"kvmclock on CPU %u after the previous "
					"CPU's reading (round %u)",
					c, round);
				goto out;
			}
			prev = cpu_time[c];
		}
	}
	report(prev > 0,
	       "kvmclock never went back over 3 rounds of %u CPUs "
	       "(last %lu ns)",
	       n, prev);
out:
	for (unsigned int cpu = 0; cpu < n; cpu++)
		on_cpu(cpu, clock_off, NULL);
}

static volatile struct {
	u64 steal;
	u32 version;
	u32 flags;
	u8 preempted;
	u8 pad[47];
} steal __aligned(64);

/*
 * msr.rst MSR_KVM_STEAL_TIME: a 64-byte aligned address with bit 0 set
 * enables it, bits 5:1 are reserved (#GP); the host updates the
 * structure with an even version when done, and the steal time it
 * accumulates never decreases.
 */
TEST_CASE(kvmpv_steal_time)
{
	u64 s0, s1;

	if (!kvm_feature(KVM_FEATURE_STEAL_TIME, "KVM_FEATURE_STEAL_TIME",
			 "kvm-steal-time"))
		return;
	report_fault(wrmsr_safe(MSR_KVM_STEAL_TIME,
				(u64)(uintptr_t)&steal | BIT(1) | 1),
		     FAULT_GP(0), "reserved bit 1 set: #GP(0)");
	if (!report_fault(
		    wrmsr_safe(MSR_KVM_STEAL_TIME, (u64)(uintptr_t)&steal | 1),
		    FAULT_NONE, "enable steal time"))
		return;
	spin();
	report(steal.version && !(steal.version & 1),
	       "version %u: updated and even", steal.version);
	s0 = steal.steal;
	spin();
	s1 = steal.steal;
	report(s1 >= s0, "steal time %lu then %lu: never decreases", s0, s1);
	wrmsr(MSR_KVM_STEAL_TIME, 0);
}

static volatile u32 pv_eoi_word __aligned(4);

/*
 * msr.rst MSR_KVM_PV_EOI_EN: bit 0 enables, bit 1 is reserved (#GP),
 * bits 63:2 a 4-byte aligned address; the value reads back.
 */
TEST_CASE(kvmpv_pv_eoi)
{
	u64 addr = (u64)(uintptr_t)&pv_eoi_word, v = 0;

	if (!kvm_feature(KVM_FEATURE_PV_EOI, "KVM_FEATURE_PV_EOI",
			 "kvm-pv-eoi"))
		return;
	report_fault(wrmsr_safe(MSR_KVM_PV_EOI_EN, addr | BIT(1) | 1),
		     FAULT_GP(0), "reserved bit 1 set: #GP(0)");
	if (report_fault(wrmsr_safe(MSR_KVM_PV_EOI_EN, addr | 1), FAULT_NONE,
			 "enable PV EOI") &&
	    report_fault(rdmsr_safe(MSR_KVM_PV_EOI_EN, &v), FAULT_NONE,
			 "read MSR_KVM_PV_EOI_EN"))
		report_eq(v, addr | 1, "enable reads back");
	wrmsr(MSR_KVM_PV_EOI_EN, 0);
}
