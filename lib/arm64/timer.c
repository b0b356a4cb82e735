// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer.c: EL1 physical and virtual timer access (Arm ARM D11.2.4 timer
 * registers; D13.8 CNTP_*_EL0 and CNTV_*_EL0) and the timer PPIs from the
 * device tree (arm,arch_timer.yaml: 3-cell GIC specifiers, type 1 = PPI,
 * INTID = number + 16).
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <arm64/timer.h>

#define PPI_BASE 16
#define DT_PPI 1
#define DT_NS_PHYS 1
#define DT_VIRT 2

static unsigned int intids[NR_TIMERS];

bool timer_init(void)
{
	int node = dt_find_compatible("arm,armv8-timer");
	u32 type, num;

	if (node < 0)
		node = dt_find_compatible("arm,armv7-timer");
	if (node < 0)
		return false;
	if (!dt_u32(node, "interrupts", 3 * DT_NS_PHYS, &type) &&
	    !dt_u32(node, "interrupts", 3 * DT_NS_PHYS + 1, &num) &&
	    type == DT_PPI)
		intids[TIMER_PHYS] = PPI_BASE + num;
	if (!dt_u32(node, "interrupts", 3 * DT_VIRT, &type) &&
	    !dt_u32(node, "interrupts", 3 * DT_VIRT + 1, &num) &&
	    type == DT_PPI)
		intids[TIMER_VIRT] = PPI_BASE + num;
	return true;
}

unsigned int timer_intid(enum arch_timer t)
{
	return intids[t];
}

const char *timer_name(enum arch_timer t)
{
	return t == TIMER_PHYS ? "ptimer" : "vtimer";
}

u64 timer_count(enum arch_timer t)
{
	return t == TIMER_PHYS ? read_cntpct() : read_cntvct();
}

u64 timer_read_ctl(enum arch_timer t)
{
	isb();
	return t == TIMER_PHYS ? read_sysreg(cntp_ctl_el0)
			       : read_sysreg(cntv_ctl_el0);
}

void timer_write_ctl(enum arch_timer t, u64 v)
{
	if (t == TIMER_PHYS)
		write_sysreg(v, cntp_ctl_el0);
	else
		write_sysreg(v, cntv_ctl_el0);
	isb();
}

u64 timer_read_cval(enum arch_timer t)
{
	return t == TIMER_PHYS ? read_sysreg(cntp_cval_el0)
			       : read_sysreg(cntv_cval_el0);
}

void timer_write_cval(enum arch_timer t, u64 v)
{
	if (t == TIMER_PHYS)
		write_sysreg(v, cntp_cval_el0);
	else
		write_sysreg(v, cntv_cval_el0);
	isb();
}

s32 timer_read_tval(enum arch_timer t)
{
	isb();
	return (s32)(t == TIMER_PHYS ? read_sysreg(cntp_tval_el0)
				     : read_sysreg(cntv_tval_el0));
}

void timer_write_tval(enum arch_timer t, s32 v)
{
	if (t == TIMER_PHYS)
		write_sysreg((u64)(s64)v, cntp_tval_el0);
	else
		write_sysreg((u64)(s64)v, cntv_tval_el0);
	isb();
}
