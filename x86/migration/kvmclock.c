// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvmclock.c: the KVM paravirtual clock across migration. Linux kernel
 * documentation, Documentation/virt/kvm/x86/cpuid.rst (leaf 0x40000000
 * "KVMKVMKVM", leaf 0x40000001 EAX bit 3 KVM_FEATURE_CLOCKSOURCE2) and
 * Documentation/virt/kvm/x86/msr.rst (MSR_KVM_SYSTEM_TIME_NEW, 0x4b564d01:
 * the guest gives a 4-byte aligned physical address with bit 0 set; the
 * hypervisor keeps a pvclock structure there, version odd while it is
 * updated, and the time in ns is system_time + ((TSC - tsc_timestamp)
 * shifted by tsc_shift) * tsc_to_system_mul / 2^32). The same document
 * calls it a monotonic clock; a migrated VM is the same machine, so the
 * clock must not go back, and after the migration it must keep following
 * the TSC at the rate its scale said before (the TSC rate is the same).
 */
#include "migration.h"
#include <arch_hooks.h>
#include <x86/processor.h>

#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01
#define KVM_FEATURE_CLOCKSOURCE2 BIT(3)
#define RATE_WINDOW_NS 100000000ULL

struct pvclock {
	u32 version;
	u32 pad0;
	u64 tsc_timestamp;
	u64 system_time;
	u32 tsc_to_system_mul;
	s8 tsc_shift;
	u8 flags;
	u8 pad[2];
} __attribute__((packed));

static struct pvclock pvclock __attribute__((aligned(64)));

struct clock_read {
	u64 ns;
	u64 tsc;
	u32 mul;
	s8 shift;
};

static u64 scale_tsc(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

/* One consistent reading (the version is even and unchanged around it). */
static struct clock_read clock_read(void)
{
	volatile struct pvclock *pv = &pvclock;
	struct clock_read r;
	u32 v;

	do {
		v = pv->version;
		asm volatile("lfence" ::: "memory");
		r.tsc = rdtsc();
		r.mul = pv->tsc_to_system_mul;
		r.shift = pv->tsc_shift;
		r.ns = pv->system_time +
		       scale_tsc(r.tsc - pv->tsc_timestamp, r.mul, r.shift);
		asm volatile("lfence" ::: "memory");
	} while ((v & 1) || v != pv->version);
	return r;
}

static const char *kvmclock_missing(void)
{
	const char *accel = arch_accelerator();

	if (!accel || strcmp(accel, "kvm"))
		return "no KVM signature in CPUID leaf 0x40000000 (not KVM)";
	if (!(cpuid(0x40000001).a & KVM_FEATURE_CLOCKSOURCE2))
		return "CPUID 0x40000001 EAX bit 3 (KVM_FEATURE_CLOCKSOURCE2) "
		       "clear";
	return NULL;
}

TEST_CASE(kvmclock)
{
	const char *missing = kvmclock_missing();
	struct clock_read before, after, end;
	u64 clock_delta, tsc_ns;

	if (missing)
		return report_skip("%s", missing);
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (u64)(uintptr_t)&pvclock | 1);
	if (!report(*(volatile u32 *)&pvclock.version &&
			    !(*(volatile u32 *)&pvclock.version & 1) &&
			    pvclock.tsc_to_system_mul,
		    "KVM filled the pvclock structure (msr.rst)"))
		goto out;
	before = clock_read();
	if (!migrate_or_skip())
		goto out;
	after = clock_read();
	report(after.ns >= before.ns,
	       "kvmclock did not go back across the migration (%lu -> %lu ns)",
	       before.ns, after.ns);
	clock_delta = after.ns - before.ns;
	tsc_ns = scale_tsc(after.tsc - before.tsc, before.mul, before.shift);
	/*
	 * msr.rst does not tie the clock's advance across a structure update
	 * to the TSC's (system_time may be rebased), so this is a figure.
	 */
	report_info("across the migration: kvmclock +%lu ns, TSC +%lu ns at "
		    "the clock's scale (mul %#x shift %d before, %#x %d after)",
		    clock_delta, tsc_ns, before.mul, before.shift, after.mul,
		    after.shift);
	do
		end = clock_read();
	while (end.ns - after.ns < RATE_WINDOW_NS);
	tsc_ns = scale_tsc(end.tsc - after.tsc, before.mul, before.shift);
	report(end.ns - after.ns <= tsc_ns + tsc_ns / 100 &&
		       tsc_ns <= end.ns - after.ns + (end.ns - after.ns) / 100,
	       "after it, kvmclock runs at the TSC rate it had before (%lu ns "
	       "for %lu TSC ns)",
	       end.ns - after.ns, tsc_ns);
out:
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
}
