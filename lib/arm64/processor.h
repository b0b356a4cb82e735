/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h: arm64 system-register access, barriers, interrupt masking
 * and the per-CPU data block (Arm ARM DDI 0487 C5.2 PSTATE and DAIF, C6
 * barriers, D13 (D17 in later issues) system registers, D1.3 exception
 * levels). Registers without an assembler name are written as
 * s<op0>_<op1>_c<n>_c<m>_<op2>.
 */
#ifndef HV_ARM64_PROCESSOR_H
#define HV_ARM64_PROCESSOR_H

#include <types.h>

#define read_sysreg(r)                                   \
	({                                               \
		u64 __v;                                 \
		asm volatile("mrs %0, " #r : "=r"(__v)); \
		__v;                                     \
	})
#define write_sysreg(v, r) \
	asm volatile("msr " #r ", %x0" : : "rZ"((u64)(v)) : "memory")

#define isb() asm volatile("isb" : : : "memory")
#define dsb(opt) asm volatile("dsb " #opt : : : "memory")
#define dmb(opt) asm volatile("dmb " #opt : : : "memory")

/* CurrentEL, SPSR and DAIF bits (C5.2). */
#define CURRENT_EL_SHIFT 2
#define PSR_MODE_EL1h 0x5
#define PSR_F BIT(6)
#define PSR_I BIT(7)
#define PSR_A BIT(8)
#define PSR_D BIT(9)

/* SCTLR_EL1 (D13.2.118). */
#define SCTLR_M BIT(0)
#define SCTLR_A BIT(1)
#define SCTLR_C BIT(2)
#define SCTLR_SA BIT(3)
#define SCTLR_I BIT(12)
#define SCTLR_WXN BIT(19)
#define SCTLR_RES1 (BIT(11) | BIT(20) | BIT(22) | BIT(23) | BIT(28) | BIT(29))

/* MPIDR_EL1 affinity fields (D13.2.86). */
#define MPIDR_AFF_MASK 0xff00ffffffULL
#define MPIDR_AFF(mpidr, n) (((mpidr) >> ((n) == 3 ? 32 : 8 * (n))) & 0xff)

static inline unsigned int current_el(void)
{
	return (read_sysreg(CurrentEL) >> CURRENT_EL_SHIFT) & 3;
}

static inline void local_irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline bool irqs_disabled(void)
{
	return read_sysreg(daif) & PSR_I;
}

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

static inline void wfi(void)
{
	asm volatile("wfi" : : : "memory");
}

/* ID_AA64*: 4-bit fields, signed or unsigned (D17.1.3 "Principles of the ID scheme"). */
static inline unsigned int id_field(u64 reg, unsigned int shift)
{
	return (reg >> shift) & 0xf;
}

static inline int id_field_signed(u64 reg, unsigned int shift)
{
	return (int)((s64)(reg << (60 - shift)) >> 60);
}

/*
 * A case's feature requirement (libtest.h .features = CPU_FEATURES(...)):
 * an unsigned 4-bit field of an AArch64 ID register within [MIN, MAX]
 * (D17.1.3: higher values add to lower ones, except where a field gives
 * 0xf its own meaning, e.g. ID_AA64DFR0_EL1.PMUVer). lib/arm64/features.c
 * reads the register and words the SKIP.
 */
enum id_reg {
	ID_AA64PFR0,
	ID_AA64PFR1,
	ID_AA64ISAR0,
	ID_AA64ISAR1,
	ID_AA64MMFR0,
	ID_AA64MMFR1,
	ID_AA64MMFR2,
	ID_AA64DFR0,
};

struct id_feature {
	u8 reg; /* enum id_reg */
	u8 shift;
	u8 min, max;
	const char *name;
};

#define ID_FEATURE(reg, shift, min, max, name) \
	((struct id_feature){reg, shift, min, max, name})

struct arch_features {
	const struct id_feature *list[4];
};

#define CPU_FEATURES(...) \
	(&(const struct arch_features){{ADDRESSES_OF(__VA_ARGS__)}})

/* Per-CPU data, reached through TPIDR_EL1 (set by setup.c and entry.S). */
struct percpu {
	u64 stack_top;
	u64 stack_bottom;
	unsigned int cpu;
	u64 mpidr;
	unsigned int exception_depth;
	u64 boot_token; /* from the context the CPU started with */
};

static inline struct percpu *this_cpu(void)
{
	return (struct percpu *)read_sysreg(tpidr_el1);
}

/* Counter, with an ISB so that the read is not taken early (D11.2.2). */
static inline u64 read_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline u64 read_cntpct(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

#endif
