// SPDX-License-Identifier: GPL-2.0-only
/*
 * gic.c: the version-independent half of gic.h: probing (device-tree
 * bindings arm,gic.yaml and arm,gic-v3.yaml: reg[0] is the distributor),
 * and the per-INTID enable, pending, active, priority and configuration
 * registers, whose layout GICv2 and GICv3 share (IHI 0048B 4.3.5-4.3.13,
 * IHI 0069 12.9.10-12.9.26: one bit per INTID in 32-bit words, one
 * priority byte per INTID, two configuration bits per INTID).
 */
#include <libtest.h>
#include <arm64/gic.h>
#include <arm64/processor.h>
#include "gic_internal.h"

static const struct gic_ops *ops;
volatile u8 *gicd_base;
static unsigned int nr_irqs;

int gic_version(void)
{
	return ops ? ops->version : 0;
}

unsigned int gic_nr_irqs(void)
{
	return nr_irqs;
}

void gic_reset_irqs(volatile u8 *base, unsigned int first, unsigned int end,
		    unsigned int group)
{
	for (unsigned int i = first; i < end; i += 32) {
		gic_writel(base, GICD_ICENABLER + i / 8, ~0U);
		gic_writel(base, GICD_ICPENDR + i / 8, ~0U);
		gic_writel(base, GICD_ICACTIVER + i / 8, ~0U);
		gic_writel(base, GICD_IGROUPR + i / 8, group ? ~0U : 0);
	}
	for (unsigned int i = first; i < end; i++)
		base[GICD_IPRIORITYR + i] = GIC_DEFAULT_PRIO;
	/* SGIs are always wanted; everything else is enabled by its user. */
	if (first == 0)
		gic_writel(base, GICD_ISENABLER, 0xffff);
}

int gic_init(void)
{
	if (gicv3_ops.probe())
		ops = &gicv3_ops;
	else if (gicv2_ops.probe())
		ops = &gicv2_ops;
	else
		return 0;
	nr_irqs = MIN(32 * ((gic_readl(gicd_base, GICD_TYPER) & 0x1f) + 1),
		      1020U);
	ops->init_dist();
	ops->init_cpu();
	return ops->version;
}

void gic_init_cpu(void)
{
	if (ops)
		ops->init_cpu();
}

u32 gic_read_iar(void)
{
	return ops->read_iar();
}

u32 gic_iar_irqnr(u32 iar)
{
	return iar & ops->iar_mask;
}

unsigned int gic_iar_source(u32 iar)
{
	return ops->version == 2 ? (iar >> 10) & 7 : 0;
}

void gic_write_eoir(u32 iar)
{
	ops->write_eoir(iar);
}

void gic_write_dir(u32 iar)
{
	ops->write_dir(iar);
}

void gic_set_eoimode(bool split)
{
	ops->set_eoimode(split);
}

u32 gic_read_rpr(void)
{
	return ops->read_rpr();
}

u32 gic_read_pmr(void)
{
	return ops->read_pmr();
}

void gic_write_pmr(u32 pmr)
{
	ops->write_pmr(pmr);
}

void gic_send_sgi(unsigned int cpu, unsigned int intid)
{
	ops->send_sgi_mask(BIT(cpu), intid);
}

void gic_send_sgi_mask(u64 cpus, unsigned int intid)
{
	ops->send_sgi_mask(cpus, intid);
}

void gic_send_sgi_others(unsigned int intid)
{
	ops->send_sgi_others(intid);
}

static void set_bit_reg(unsigned int reg, unsigned int intid)
{
	gic_writel(ops->irq_base(intid), reg + (intid / 32) * 4,
		   BIT(intid % 32));
}

static bool test_bit_reg(unsigned int reg, unsigned int intid)
{
	return gic_readl(ops->irq_base(intid), reg + (intid / 32) * 4) &
	       BIT(intid % 32);
}

void gic_irq_enable(unsigned int intid)
{
	set_bit_reg(GICD_ISENABLER, intid);
}

void gic_irq_disable(unsigned int intid)
{
	set_bit_reg(GICD_ICENABLER, intid);
}

bool gic_irq_enabled(unsigned int intid)
{
	return test_bit_reg(GICD_ISENABLER, intid);
}

bool gic_irq_pending(unsigned int intid)
{
	return test_bit_reg(GICD_ISPENDR, intid);
}

bool gic_irq_active(unsigned int intid)
{
	return test_bit_reg(GICD_ISACTIVER, intid);
}

void gic_irq_set_pending(unsigned int intid)
{
	set_bit_reg(GICD_ISPENDR, intid);
}

void gic_irq_clear_pending(unsigned int intid)
{
	set_bit_reg(GICD_ICPENDR, intid);
}

void gic_irq_clear_active(unsigned int intid)
{
	set_bit_reg(GICD_ICACTIVER, intid);
}

void gic_irq_set_priority(unsigned int intid, u8 prio)
{
	ops->irq_base(intid)[GICD_IPRIORITYR + intid] = prio;
	dsb(sy);
}

void gic_spi_set_edge(unsigned int intid, bool edge)
{
	unsigned int off = GICD_ICFGR + (intid / 16) * 4;
	unsigned int shift = (intid % 16) * 2 + 1;
	u32 v = gic_readl(gicd_base, off);

	assert(intid >= GIC_FIRST_SPI);
	v = edge ? v | BIT(shift) : v & ~BIT(shift);
	gic_writel(gicd_base, off, v);
}

void gic_spi_route(unsigned int intid, unsigned int cpu)
{
	assert(intid >= GIC_FIRST_SPI);
	ops->spi_route(intid, cpu);
}
