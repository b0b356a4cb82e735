/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpuid.h: what the files of the cpuid test share (cpuid.c describes the
 * test): the highest leaf of a range, a leaf read that respects it, and
 * the register names used in messages.
 */
#ifndef HV_X86_CPUID_CPUID_H
#define HV_X86_CPUID_CPUID_H

#include <libtest.h>
#include <x86/processor.h>

/* The ranges a leaf belongs to (Intel SDM vol. 2A CPUID, table 3-8). */
#define LEAF_BASIC 0x00000000u
#define LEAF_HYPERVISOR 0x40000000u
#define LEAF_EXTENDED 0x80000000u

/* EAX of the range's first leaf: the highest leaf of RANGE. */
static inline u32 leaf_max(u32 range)
{
	return cpuid(range).a;
}

/*
 * The highest leaf of the hypervisor range that starts at BASE
 * (0x40000000, 0x40000100, ...: a hypervisor that offers two interfaces,
 * such as KVM with Hyper-V's, puts the second 0x100 higher), 0 when there
 * is none. KVM's EAX of 0 means 0x40000001 (Linux
 * Documentation/virt/kvm/x86/cpuid.rst).
 */
u32 hv_leaf_max(u32 base);

/* True when LEAF is at or below the highest leaf of its range. */
static inline bool leaf_present(u32 leaf)
{
	u32 range = leaf & 0xffff0000u;

	if (range == LEAF_HYPERVISOR)
		return leaf <= hv_leaf_max(leaf & ~0xffu);
	return leaf <= leaf_max(range);
}

/* Register REG (CPUID_EAX ...) of R. */
static inline u32 cpuid_reg(struct cpuid r, unsigned int reg)
{
	const u32 regs[4] = {r.a, r.b, r.c, r.d};

	return regs[reg & 3];
}

extern const char *const cpuid_reg_name[4];

/* Bit BIT of register REG of LEAF (sub-leaf 0), false if LEAF is absent. */
static inline bool cpuid_bit(u32 leaf, unsigned int reg, unsigned int bit)
{
	return leaf_present(leaf) &&
	       (cpuid_reg(cpuid_count(leaf, 0), reg) & BIT(bit));
}

/* The 12-byte signature in EBX, ECX, EDX of leaf BASE into OUT. */
void hv_signature(u32 base, char out[13]);

/* KVM's paravirtual interface (Linux Documentation/virt/kvm/x86/). */
#define KVM_FEATURE_CLOCKSOURCE2 3
#define KVM_FEATURE_STEAL_TIME 5
#define KVM_FEATURE_PV_EOI 6
#define KVM_FEATURE_CLOCKSOURCE_STABLE 24
#define MSR_KVM_WALL_CLOCK_NEW 0x4b564d00
#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01
#define MSR_KVM_STEAL_TIME 0x4b564d03
#define MSR_KVM_PV_EOI_EN 0x4b564d04

/* msr.rst struct pvclock_vcpu_time_info. */
struct pvclock_info {
	u32 version;
	u32 pad0;
	u64 tsc_timestamp;
	u64 system_time;
	u32 tsc_to_system_mul;
	s8 tsc_shift;
	u8 flags;
	u8 pad[2];
};

#define PVCLOCK_TSC_STABLE BIT(0)

/* The base of KVM's leaves (0x40000000 or 0x40000100), 0 without KVM. */
u32 kvm_base(void);
/*
 * True when KVM's feature leaf sets BIT (NAME in the SKIP reason
 * otherwise); says "CAP: advertised" or "CAP: not advertised" for the
 * capability table (kvmpv.c).
 */
bool kvm_feature(unsigned int bit, const char *name, const char *cap);
/* Nanoseconds of kvmclock C, read consistently. */
u64 pvclock_read(volatile struct pvclock_info *c);

#endif
