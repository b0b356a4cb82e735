/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h: s390x privileged instructions the runtime and tests use, as
 * inline functions (SA22-7832 chapter 10, "Control Instructions": EXTRACT
 * PSW, LOAD/STORE CONTROL, STORE CPU ADDRESS, LOAD PSW EXTENDED;
 * chapter 7: STORE CLOCK).
 */
#ifndef HV_S390X_PROCESSOR_H
#define HV_S390X_PROCESSOR_H

#include <types.h>
#include <s390x/lowcore.h>

/*
 * The guests are built for z900, the base of z/Architecture (so they run
 * on every CPU model); an instruction of a later facility, used where a
 * case has checked the facility, is assembled inside Z_LATER(text).
 */
#define Z_LATER(text) \
	".machine push\n\t.machine \"z14\"\n\t" text "\n\t.machine pop\n\t"

/* A PSW as stored in the lowcore: 64-bit mask, then the address. */
struct psw {
	u64 mask;
	u64 addr;
} __aligned(8);

/* STORE CONTROL / LOAD CONTROL of one control register, CR a constant. */
#define stctg(cr)                                                          \
	({                                                                 \
		u64 v_;                                                    \
		asm volatile("stctg %%c" #cr ",%%c" #cr ",%0" : "=Q"(v_)); \
		v_;                                                        \
	})
#define lctlg(cr, val)                                        \
	({                                                    \
		u64 v_ = (val);                               \
		asm volatile("lctlg %%c" #cr ",%%c" #cr ",%0" \
			     :                                \
			     : "Q"(v_)                        \
			     : "memory");                     \
	})

/* The current PSW mask (EXTRACT PSW). */
static inline u64 extract_psw_mask(void)
{
	u32 hi, lo;

	/* An R2 field of 0 would leave bits 32-63 unstored: "a", not "d". */
	asm volatile("epsw %0,%1" : "=a"(hi), "=a"(lo));
	return (u64)hi << 32 | lo;
}

/* STORE CPU ADDRESS: this CPU's address as SIGP uses it. */
static inline u16 stap(void)
{
	u16 addr;

	asm volatile("stap %0" : "=Q"(addr));
	return addr;
}

/* STORE CLOCK: the TOD clock (bit 51 ticks every microsecond). */
static inline u64 stck(void)
{
	u64 tod;

	asm volatile("stck %0" : "=Q"(tod) : : "cc");
	return tod;
}

#define TOD_PER_USEC 4096ULL

static inline void cpu_relax(void)
{
	asm volatile("" : : : "memory");
}

/*
 * Problem state (SA22-7832 chapter 4, "Problem State"): enter_pstate()
 * returns with PSW bit 15 set, leave_pstate() with it clear again
 * (SUPERVISOR CALL SVC_LEAVE_PSTATE, handled by the runtime). Nothing in
 * between may print or run privileged instructions: report after leaving.
 */
void enter_pstate(void);
static inline void leave_pstate(void)
{
	asm volatile("svc %[n]" : : [n] "i"(SVC_LEAVE_PSTATE) : "memory");
}

/*
 * For an interruption handler that ends an enabled wait (enabled_wait()):
 * the PSW it returns to leaves the wait, disabled again.
 */
struct pt_regs;
void interrupt_end_wait(struct pt_regs *regs);

/*
 * Loads a wait PSW enabled for MASK (PSW_MASK_EXT, PSW_MASK_IO) and
 * returns after one such interruption: the handler clears the wait bit
 * and the interruption masks of the PSW it returns to (exceptions.c).
 */
void enabled_wait(u64 mask);
/* Loads a disabled-wait PSW with CODE in its address; never returns. */
void __noreturn disabled_wait(u64 code);

#endif
