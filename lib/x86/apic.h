/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * apic.h: local APIC in xAPIC (MMIO at IA32_APIC_BASE) and x2APIC (MSRs
 * 0x800 + offset / 16) modes (Intel SDM vol. 3A ch. 11: 11.4 enabling and
 * the APIC_BASE MSR, table 11-1 register map, 11.5 LVT and timer, 11.6
 * ICR, 11.8 TPR/PPR/ISR/IRR/EOI, 11.12 x2APIC and table 11-6 MSR map).
 * Registers are named by their xAPIC offset; the driver follows the
 * calling CPU's mode.
 */
#ifndef HV_X86_APIC_H
#define HV_X86_APIC_H

#include <types.h>

#define APIC_DEFAULT_BASE 0xfee00000UL

#define APIC_ID 0x020
#define APIC_LVR 0x030
#define APIC_TPR 0x080
#define APIC_APR 0x090
#define APIC_PPR 0x0a0
#define APIC_EOI 0x0b0
#define APIC_LDR 0x0d0
#define APIC_DFR 0x0e0
#define APIC_SVR 0x0f0
#define APIC_ISR 0x100
#define APIC_TMR 0x180
#define APIC_IRR 0x200
#define APIC_ESR 0x280
#define APIC_ICR 0x300
#define APIC_ICR2 0x310
#define APIC_LVTT 0x320
#define APIC_LVT_THERMAL 0x330
#define APIC_LVT_PMC 0x340
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TMICT 0x380
#define APIC_TMCCT 0x390
#define APIC_TDCR 0x3e0
#define APIC_SELF_IPI 0x3f0 /* x2APIC only */

#define APIC_MSR(reg) (0x800 + ((reg) >> 4))

#define APIC_SVR_ENABLE BIT(8)
#define APIC_SPURIOUS_VECTOR 0xff

/* ICR (11.6.1) and LVT (11.5.1) fields. */
#define APIC_DM_FIXED (0 << 8)
#define APIC_DM_LOWEST (1 << 8)
#define APIC_DM_SMI (2 << 8)
#define APIC_DM_NMI (4 << 8)
#define APIC_DM_INIT (5 << 8)
#define APIC_DM_STARTUP (6 << 8)
#define APIC_DM_EXTINT (7 << 8)
#define APIC_DEST_LOGICAL BIT(11)
#define APIC_DELIVERY_PENDING BIT(12)
#define APIC_LEVEL_ASSERT BIT(14)
#define APIC_REMOTE_IRR BIT(14)
#define APIC_TRIGGER_LEVEL BIT(15)
#define APIC_LVT_MASKED BIT(16)
#define APIC_DEST_SELF (1 << 18)
#define APIC_DEST_ALL (2 << 18)
#define APIC_DEST_OTHERS (3 << 18)

#define APIC_TIMER_ONESHOT (0 << 17)
#define APIC_TIMER_PERIODIC (1 << 17)
#define APIC_TIMER_TSC_DEADLINE (2 << 17)

enum apic_mode { APIC_MODE_DISABLED, APIC_MODE_XAPIC, APIC_MODE_X2APIC };

/* The calling CPU's mode as last set by this driver (or found at init). */
enum apic_mode apic_mode(void);
/*
 * Moves the calling CPU to MODE through the legal path of 11.12.5
 * (x2APIC -> xAPIC goes by disabled). Returns false if CPUID says the
 * mode does not exist.
 */
bool apic_set_mode(enum apic_mode mode);

u32 apic_read(u32 reg);
void apic_write(u32 reg, u32 val);

/* The calling CPU's APIC ID: ID[31:24] in xAPIC mode, all 32 bits in x2APIC. */
u32 apic_id(void);
/* Sends an NMI to this CPU (by APIC ID, no shorthand). */
bool apic_self_nmi(void);

/*
 * Sends an IPI: LOW is ICR[31:0], DEST the destination field (8 bits in
 * xAPIC mode, 32 in x2APIC). In xAPIC mode waits (bounded) for the
 * delivery status to go idle; returns false if it never does.
 */
bool apic_icr_write(u32 dest, u32 low);

void apic_eoi(void);

/* Bit VEC of the ISR, TMR or IRR (BASE = APIC_ISR, APIC_TMR, APIC_IRR). */
bool apic_vec_bit(u32 base, unsigned int vec);
/* Highest vector set in ISR/TMR/IRR, or -1. */
int apic_highest(u32 base);

/*
 * Per-CPU set-up: finds the mode (xAPIC if the APIC is disabled),
 * software-enables the APIC with the spurious vector 0xff (counted, not
 * acknowledged: 11.9), TPR 0, LVT timer and error masked. The boot CPU's
 * LINT0/LINT1 (ExtINT/NMI from firmware) are left alone; an AP's are masked.
 */
void apic_init_cpu(void);

/*
 * The mode a test asked for with the guest option mode=xapic|x2apic (default
 * xapic) into *MODE. An unknown value FAILs; no local APIC, or x2apic without
 * CPUID.1:ECX.x2APIC, SKIPs. Returns false in those cases.
 */
bool apic_mode_from_args(enum apic_mode *mode);
/*
 * Puts this CPU, then the others, in MODE and initialises each: every CPU
 * (started if need be) with START_ALL, else only those already online.
 */
void apic_mode_all_cpus(enum apic_mode mode, bool start_all);
/* The same for this CPU alone, as an on_cpu() function: MODE points at an enum apic_mode. */
void apic_enter_mode(void *mode);
/* Spurious interrupts (vector 0xff) taken by CPU. */
unsigned int apic_spurious_count(unsigned int cpu);

#endif
