/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * timer.h: the Generic Timer's EL1 physical and virtual timers (Arm ARM
 * D11.2 "The AArch64 view of the Generic Timer": CNTx_CTL_EL0 ENABLE,
 * IMASK, ISTATUS; CNTx_CVAL_EL0; CNTx_TVAL_EL0, a signed 32-bit view of
 * CVAL - count). Their PPIs come from the device tree (binding
 * arm,arch_timer.yaml: interrupts = secure physical, non-secure physical,
 * virtual, hypervisor).
 */
#ifndef HV_ARM64_TIMER_H
#define HV_ARM64_TIMER_H

#include <types.h>
#include <arm64/processor.h>

#define CNT_CTL_ENABLE BIT(0)
#define CNT_CTL_IMASK BIT(1)
#define CNT_CTL_ISTATUS BIT(2)

enum arch_timer { TIMER_PHYS, TIMER_VIRT, NR_TIMERS };

/* Reads the timer node; false when there is none. */
bool timer_init(void);
/* INTID of TIMER's interrupt (a PPI), 0 when unknown. */
unsigned int timer_intid(enum arch_timer t);
const char *timer_name(enum arch_timer t);

u64 timer_count(enum arch_timer t);
u64 timer_read_ctl(enum arch_timer t);
void timer_write_ctl(enum arch_timer t, u64 v);
u64 timer_read_cval(enum arch_timer t);
void timer_write_cval(enum arch_timer t, u64 v);
s32 timer_read_tval(enum arch_timer t);
void timer_write_tval(enum arch_timer t, s32 v);

static inline u64 timer_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

/* Counter ticks in MS milliseconds. */
static inline u64 ms_to_ticks(u64 ms)
{
	return timer_freq() / 1000 * ms;
}

#endif
