/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * irqsource.h: interrupt lines a guest can raise and lower itself, from
 * devices every PC VMM has (QEMU pc/q35 with TCG or KVM, Bochs), so the
 * I/O APIC can be tested everywhere. QEMU's pc-testdev IRQ port would be
 * simpler but exists only in QEMU.
 *
 * RTC, ISA IRQ 8 (Motorola MC146818A data sheet: register A rate select
 * RS3-RS0 and divider DV2-DV0, register B PIE, register C flags IRQF/PF
 * cleared by reading): with PIE set, the periodic flag PF raises IRQ and
 * the line stays asserted until register C is read. That gives a level
 * that software controls: asserted at most one period (976.5 us at RS =
 * 6) after rtc_irq_start(), deasserted by rtc_irq_ack().
 *
 * PIT channel 0, ISA IRQ 0 (Intel 8254 data sheet, mode 0 "interrupt on
 * terminal count"): writing the control word drives OUT low; OUT rises
 * when the count written next runs out and stays high until the next
 * control word. That gives one rising edge per pit_irq_oneshot().
 *
 * Where an ISA IRQ arrives at the I/O APIC: acpi_isa_irq_to_gsi().
 */
#ifndef HV_X86_IRQSOURCE_H
#define HV_X86_IRQSOURCE_H

#include <types.h>

#define RTC_ISA_IRQ 8
#define PIT_ISA_IRQ 0
/* The RTC's periodic rate at RS = 6: 1024 Hz. */
#define RTC_PERIOD_US 977

/* Periodic interrupt on (1024 Hz); other RTC interrupt sources off. */
void rtc_irq_start(void);
/* Reads register C: deasserts IRQ 8 and returns the flags it held. */
u8 rtc_irq_ack(void);
/* Periodic interrupt off, then rtc_irq_ack(): the line stays low. */
void rtc_irq_stop(void);

/* OUT0 low now, rising after COUNT ticks of 1.193182 MHz. */
void pit_irq_oneshot(u16 count);
/* OUT0 low until the next pit_irq_oneshot(). */
void pit_irq_stop(void);

#endif
