/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * clock.h: the TOD clock, clock comparator and CPU timer (SA22-7832
 * chapter 4, "Timing"; the instructions in chapters 7 and 10: STORE CLOCK
 * EXTENDED, STORE CLOCK FAST, SET CLOCK COMPARATOR, STORE CLOCK
 * COMPARATOR, SET CPU TIMER, STORE CPU TIMER). Bit 51 of the TOD clock
 * and of the CPU timer is one microsecond (TOD_PER_USEC, processor.h).
 */
#ifndef HV_S390X_CLOCK_H
#define HV_S390X_CLOCK_H

#include <types.h>
#include <s390x/processor.h>

/* STORE CLOCK EXTENDED: 16 bytes, TOD bits 0-63 in bytes 1-8. */
static inline void stcke(u8 out[16])
{
	asm volatile("stcke %0" : "=Q"(*(u8(*)[16])out) : : "cc");
}

/* STORE CLOCK FAST (facility 25): the clock, not made unique. */
static inline u64 stckf(void)
{
	u64 tod;

	asm volatile(".insn s,0xb27c0000,%0" : "=Q"(tod) : : "cc");
	return tod;
}

static inline void sckc(u64 value)
{
	asm volatile("sckc %0" : : "Q"(value));
}

static inline u64 stckc(void)
{
	u64 value;

	asm volatile("stckc %0" : "=Q"(value));
	return value;
}

static inline void spt(u64 value)
{
	asm volatile("spt %0" : : "Q"(value));
}

static inline u64 stpt(void)
{
	u64 value;

	asm volatile("stpt %0" : "=Q"(value));
	return value;
}

#endif
