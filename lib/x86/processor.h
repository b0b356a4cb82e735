/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h: x86 instruction wrappers: CPUID and features, MSRs, XCRs,
 * control and debug registers, port I/O, descriptor-table loads, TSC
 * (Intel SDM vol. 2 instruction reference; vol. 3A 2.5 control registers,
 * 18.2 debug registers; vol. 1 13.3 XCR0).
 */
#ifndef HV_X86_PROCESSOR_H
#define HV_X86_PROCESSOR_H

#include <types.h>
#include <x86/desc.h>
#include <x86/msr.h>
#include <x86/cpuid.h>
#include <x86/fault.h>

#define X86_CR0_PE BIT(0)
#define X86_CR0_MP BIT(1)
#define X86_CR0_EM BIT(2)
#define X86_CR0_TS BIT(3)
#define X86_CR0_NE BIT(5)
#define X86_CR0_WP BIT(16)
#define X86_CR0_AM BIT(18)
#define X86_CR0_PG BIT(31)

#define X86_CR4_TSD BIT(2)
#define X86_CR4_DE BIT(3)
#define X86_CR4_PSE BIT(4)
#define X86_CR4_PAE BIT(5)
#define X86_CR4_PGE BIT(7)
#define X86_CR4_PCE BIT(8)
#define X86_CR4_OSFXSR BIT(9)
#define X86_CR4_OSXMMEXCPT BIT(10)
#define X86_CR4_UMIP BIT(11)
#define X86_CR4_LA57 BIT(12)
#define X86_CR4_FSGSBASE BIT(16)
#define X86_CR4_PCIDE BIT(17)
#define X86_CR4_OSXSAVE BIT(18)
#define X86_CR4_SMEP BIT(20)
#define X86_CR4_SMAP BIT(21)
#define X86_CR4_PKE BIT(22)

#define X86_EFLAGS_CF BIT(0)
#define X86_EFLAGS_TF BIT(8)
#define X86_EFLAGS_IF BIT(9)
#define X86_EFLAGS_DF BIT(10)
#define X86_EFLAGS_RF BIT(16)
#define X86_EFLAGS_AC BIT(18)

struct cpuid {
	u32 a, b, c, d;
};

static inline struct cpuid cpuid_count(u32 leaf, u32 subleaf)
{
	struct cpuid r;

	asm volatile("cpuid"
		     : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d)
		     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline struct cpuid cpuid(u32 leaf)
{
	return cpuid_count(leaf, 0);
}

bool cpu_has(struct x86_feature f);
/* CPUID.80000008H:EAX[7:0] (physical) and [15:8] (linear) address widths. */
unsigned int cpu_phys_bits(void);
unsigned int cpu_virt_bits(void);
/* CPUID.0 vendor string: "GenuineIntel", "AuthenticAMD", ... */
const char *cpu_vendor(void);
/* Vendor rules: Intel's, or AMD's (AuthenticAMD and Hygon's HygonGenuine). */
bool cpu_is_intel(void);
bool cpu_is_amd(void);

static inline u64 rdmsr(u32 index)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(index) : "memory");
	return lo | ((u64)hi << 32);
}

static inline void wrmsr(u32 index, u64 val)
{
	asm volatile("wrmsr"
		     :
		     : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index)
		     : "memory");
}

/* XGETBV/XSETBV (SDM vol. 2C); XSETBV needs CR4.OSXSAVE. */
static inline u64 xgetbv(u32 index)
{
	u32 lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
	return lo | ((u64)hi << 32);
}

static inline void xsetbv(u32 index, u64 val)
{
	asm volatile("xsetbv"
		     :
		     : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index)
		     : "memory");
}

/* RDMSR/WRMSR that report the exception instead of crashing. */
static inline struct fault rdmsr_safe(u32 index, u64 *val)
{
	u32 lo = 0, hi = 0;
	struct fault f;

	f = fault_probe("rdmsr", : "+a"(lo), "+d"(hi) : "c"(index) : "memory");
	*val = lo | ((u64)hi << 32);
	return f;
}

static inline struct fault wrmsr_safe(u32 index, u64 val)
{
	return fault_probe("wrmsr",
			   :
			   : "a"((u32)val), "d"((u32)(val >> 32)), "c"(index)
			   : "memory");
}

#define DEFINE_CR_ACCESSORS(n)                                         \
	static inline u64 read_cr##n(void)                             \
	{                                                              \
		u64 v;                                                 \
		asm volatile("mov %%cr" #n ", %0" : "=r"(v));          \
		return v;                                              \
	}                                                              \
	static inline void write_cr##n(u64 v)                          \
	{                                                              \
		asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
DEFINE_CR_ACCESSORS(8)

#define DEFINE_DR_ACCESSORS(n)                                         \
	static inline u64 read_dr##n(void)                             \
	{                                                              \
		u64 v;                                                 \
		asm volatile("mov %%dr" #n ", %0" : "=r"(v));          \
		return v;                                              \
	}                                                              \
	static inline void write_dr##n(u64 v)                          \
	{                                                              \
		asm volatile("mov %0, %%dr" #n : : "r"(v) : "memory"); \
	}
DEFINE_DR_ACCESSORS(0)
DEFINE_DR_ACCESSORS(1)
DEFINE_DR_ACCESSORS(2)
DEFINE_DR_ACCESSORS(3)
DEFINE_DR_ACCESSORS(6)
DEFINE_DR_ACCESSORS(7)

static inline u64 read_rflags(void)
{
	u64 f;

	asm volatile("pushf; pop %0" : "=r"(f));
	return f;
}

/* POPF at CPL0: every flag it may change there, AC and IF included. */
static inline void write_rflags(u64 f)
{
	asm volatile("push %0; popf" : : "r"(f) : "memory", "cc");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo | ((u64)hi << 32);
}

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 port, u16 v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u16 port, u32 v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void lgdt(const struct desc_ptr *p)
{
	asm volatile("lgdt %0" : : "m"(*p));
}

static inline void lidt(const struct desc_ptr *p)
{
	asm volatile("lidt %0" : : "m"(*p));
}

static inline void ltr(u16 sel)
{
	asm volatile("ltr %0" : : "rm"(sel));
}

static inline void irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

static inline void irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

/* True when ADDR is canonical for a VA_BITS-bit linear address space. */
static inline bool is_canonical(u64 addr, unsigned int va_bits)
{
	s64 shifted = (s64)(addr << (64 - va_bits)) >> (64 - va_bits);

	return (u64)shifted == addr;
}

#endif
