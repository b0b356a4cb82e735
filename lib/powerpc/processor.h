/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h: ppc64 registers and instructions the runtime and tests
 * use. MSR bits: Power ISA v3.0 Book III 4.2.1 (bit numbers are
 * big-endian, bit 0 = 2^63). SPR numbers: Book III 4.3-4.4 and
 * Book II 5.2 (time base). Cache maintenance for modified instructions:
 * Book II 1.9 (dcbst, sync, icbi, isync).
 */
#ifndef HV_POWERPC_PROCESSOR_H
#define HV_POWERPC_PROCESSOR_H

#include <types.h>

#define MSR_SF BIT(63) /* 64-bit mode */
#define MSR_HV BIT(60) /* hypervisor state */
#define MSR_EE BIT(15) /* external interrupt enable */
#define MSR_PR BIT(14) /* problem state */
#define MSR_FP BIT(13) /* floating point available */
#define MSR_VEC BIT(25) /* vector (VMX) available, bit 38 */
#define MSR_VSX BIT(23) /* VSX available, bit 40 */
#define MSR_ME BIT(12) /* machine check enable */
#define MSR_SE BIT(10) /* single-step trace enable */
#define MSR_IR BIT(5) /* instruction relocate */
#define MSR_DR BIT(4) /* data relocate */
#define MSR_RI BIT(1) /* recoverable interrupt */
#define MSR_LE BIT(0) /* little-endian mode */

#define SPR_XER 1
#define SPR_LR 8
#define SPR_CTR 9
#define SPR_DSISR 18
#define SPR_DAR 19
#define SPR_DEC 22
#define SPR_SRR0 26
#define SPR_SRR1 27
#define SPR_FSCR 153
#define SPR_SPRG3_RO 259 /* SPRG3, readable in problem state */
#define SPR_TBL 268 /* time base, read (mftb) */
#define SPR_TBU 269
#define SPR_SPRG0 272
#define SPR_SPRG2 274 /* scratch of fault_probe_relocated() */
#define SPR_SPRG3 275
#define SPR_TBL_W 284 /* time base write, hypervisor privileged */
#define SPR_PVR 287
#define SPR_HSRR0 314

/* Processor version (PVR bits 0:15, Book III 4.3.1). */
#define PVR_VER(pvr) (((pvr) >> 16) & 0xffff)
#define PVR_POWER8E 0x004b
#define PVR_POWER9 0x004e

#define mfspr(spr)                                                  \
	({                                                          \
		u64 v_;                                             \
		asm volatile("mfspr %0, %1" : "=r"(v_) : "i"(spr)); \
		v_;                                                 \
	})
#define mtspr(spr, val) \
	asm volatile("mtspr %0, %1" : : "i"(spr), "r"((u64)(val)) : "memory")

static inline u64 mfmsr(void)
{
	u64 v;

	asm volatile("mfmsr %0" : "=r"(v));
	return v;
}

static inline void mtmsrd(u64 v)
{
	asm volatile("mtmsrd %0\n\tisync" : : "r"(v) : "memory");
}

static inline u64 mftb(void)
{
	u64 v;

	asm volatile("mfspr %0, %1" : "=r"(v) : "i"(SPR_TBL));
	return v;
}

static inline void cpu_relax(void)
{
	/* "or 1,1,1": lower SMT thread priority (Book II 3.2). */
	asm volatile("or 1, 1, 1\n\tor 2, 2, 2" ::: "memory");
}

/* Makes instructions written by stores at [start, end) fetchable. */
static inline void sync_icache(u64 start, u64 end)
{
	for (u64 a = ALIGN_DOWN(start, 32); a < end; a += 32)
		asm volatile("dcbst 0, %0" : : "r"(a) : "memory");
	asm volatile("sync" ::: "memory");
	for (u64 a = ALIGN_DOWN(start, 32); a < end; a += 32)
		asm volatile("icbi 0, %0" : : "r"(a) : "memory");
	asm volatile("sync\n\tisync" ::: "memory");
}

#endif
