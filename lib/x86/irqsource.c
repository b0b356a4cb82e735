// SPDX-License-Identifier: GPL-2.0-only
/*
 * irqsource.c: the RTC and PIT channel 0 as interrupt sources (see
 * irqsource.h). The RTC's index register (port 0x70) is shared with the
 * NMI mask in bit 7, which is written as 0 (NMIs enabled, as firmware
 * leaves them).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/irqsource.h>

#define RTC_INDEX 0x70
#define RTC_DATA 0x71
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_REG_C 0x0c
#define RTC_A_DV_32K (2 << 4) /* 32.768 kHz time base, divider running */
#define RTC_A_RS_1024HZ 6
#define RTC_B_PIE BIT(6)
#define RTC_B_AIE BIT(5)
#define RTC_B_UIE BIT(4)

#define PIT_CH0 0x40
#define PIT_MODE 0x43
#define PIT_CH0_LOHI_MODE0 0x30 /* channel 0, lobyte/hibyte, mode 0, binary */

static u8 rtc_read(u8 index)
{
	outb(RTC_INDEX, index);
	return inb(RTC_DATA);
}

static void rtc_write(u8 index, u8 val)
{
	outb(RTC_INDEX, index);
	outb(RTC_DATA, val);
}

static void rtc_set_b(u8 irq_enables)
{
	u8 b = rtc_read(RTC_REG_B) & ~(RTC_B_PIE | RTC_B_AIE | RTC_B_UIE);

	rtc_write(RTC_REG_B, b | irq_enables);
}

void rtc_irq_start(void)
{
	rtc_write(RTC_REG_A, RTC_A_DV_32K | RTC_A_RS_1024HZ);
	rtc_irq_ack();
	rtc_set_b(RTC_B_PIE);
}

u8 rtc_irq_ack(void)
{
	return rtc_read(RTC_REG_C);
}

void rtc_irq_stop(void)
{
	rtc_set_b(0);
	rtc_irq_ack();
}

void pit_irq_oneshot(u16 count)
{
	outb(PIT_MODE, PIT_CH0_LOHI_MODE0);
	outb(PIT_CH0, count & 0xff);
	outb(PIT_CH0, count >> 8);
}

void pit_irq_stop(void)
{
	outb(PIT_MODE, PIT_CH0_LOHI_MODE0);
}
