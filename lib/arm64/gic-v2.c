// SPDX-License-Identifier: GPL-2.0-only
/*
 * gic-v2.c: GICv2 distributor and memory-mapped CPU interface (Arm IHI
 * 0048B: 4.3.1 GICD_CTLR, 4.3.12 GICD_ITARGETSR (banked words 0-7 read the
 * CPU's own interface mask), 4.3.15 GICD_SGIR, 4.4 CPU interface registers
 * GICC_CTLR (EOImodeNS, bit 9), PMR, BPR, IAR, EOIR, RPR, and GICC_DIR at
 * offset 0x1000). Device-tree binding: arm,gic.yaml, reg = distributor,
 * CPU interface.
 *
 * Interrupts are put in Group 0 and only the Group 0 enables are set: a GIC
 * without the Security Extensions implements groups too (IHI 0048B 1.4.3),
 * and with them a non-secure guest sees its own interrupts through the
 * same bit-0 enables, GICD_IGROUPR being RAZ/WI to it (4.3.1, 4.4.1).
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <arm64/gic.h>
#include <arm64/mmu.h>
#include <arm64/processor.h>
#include "gic_internal.h"

#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_BPR 0x0008
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_RPR 0x0014
#define GICC_DIR 0x1000
#define GICC_CTLR_ENABLE BIT(0)
#define GICC_CTLR_EOIMODE BIT(9)

#define SGIR_FILTER_LIST (0U << 24)
#define SGIR_FILTER_OTHERS (1U << 24)

static const char *const compatibles[] = {
	"arm,cortex-a15-gic",
	"arm,gic-400",
	"arm,cortex-a7-gic",
	"arm,cortex-a9-gic",
};

static volatile u8 *gicc;
static u8 cpu_if_mask[SMP_MAX_CPUS];

static bool probe(void)
{
	struct dt_region d, c;
	int node = -1;

	for (unsigned int i = 0; i < ARRAY_SIZE(compatibles) && node < 0; i++)
		node = dt_find_compatible(compatibles[i]);
	if (node < 0 || dt_reg(node, 0, &d) || dt_reg(node, 1, &c))
		return false;
	pt_map_range(&mmu_idmap, d.addr, d.addr, d.size, PROT_DEVICE);
	pt_map_range(&mmu_idmap, c.addr, c.addr, MAX(c.size, 0x2000ULL),
		     PROT_DEVICE);
	gicd_base = (volatile u8 *)d.addr;
	gicc = (volatile u8 *)c.addr;
	return true;
}

static void init_dist(void)
{
	gic_writel(gicd_base, GICD_CTLR, 0);
	gic_reset_irqs(gicd_base, GIC_FIRST_SPI, gic_nr_irqs(), 0);
	gic_writel(gicd_base, GICD_CTLR, 1);
}

static void init_cpu(void)
{
	gic_reset_irqs(gicd_base, 0, 32, 0);
	cpu_if_mask[smp_processor_id()] = gicd_base[GICD_ITARGETSR];
	gic_writel(gicc, GICC_PMR, 0xff);
	gic_writel(gicc, GICC_BPR, 0);
	gic_writel(gicc, GICC_CTLR, GICC_CTLR_ENABLE);
	dsb(sy);
}

unsigned int gic_v2_cpu_if(unsigned int cpu)
{
	return cpu_if_mask[cpu] ? __builtin_ctz(cpu_if_mask[cpu]) : 0;
}

static volatile u8 *irq_base(unsigned int intid)
{
	return gicd_base;
}

static u32 read_iar(void)
{
	u32 v = gic_readl(gicc, GICC_IAR);

	dsb(sy);
	return v;
}

static void write_eoir(u32 iar)
{
	dsb(sy);
	gic_writel(gicc, GICC_EOIR, iar);
}

static void write_dir(u32 iar)
{
	dsb(sy);
	gic_writel(gicc, GICC_DIR, iar);
}

static void set_eoimode(bool split)
{
	u32 v = gic_readl(gicc, GICC_CTLR);

	gic_writel(gicc, GICC_CTLR,
		   split ? v | GICC_CTLR_EOIMODE : v & ~GICC_CTLR_EOIMODE);
}

static u32 read_rpr(void)
{
	return gic_readl(gicc, GICC_RPR);
}

static u32 read_pmr(void)
{
	return gic_readl(gicc, GICC_PMR);
}

static void write_pmr(u32 pmr)
{
	gic_writel(gicc, GICC_PMR, pmr);
	dsb(sy);
}

static void send_sgi_mask(u64 cpus, unsigned int intid)
{
	u32 targets = 0;

	for (unsigned int cpu = 0; cpu < nr_cpus(); cpu++)
		if (cpus & BIT(cpu))
			targets |= cpu_if_mask[cpu];
	dsb(ishst);
	gic_writel(gicd_base, GICD_SGIR,
		   SGIR_FILTER_LIST | (targets << 16) | intid);
}

static void send_sgi_others(unsigned int intid)
{
	dsb(ishst);
	gic_writel(gicd_base, GICD_SGIR, SGIR_FILTER_OTHERS | intid);
}

static void spi_route(unsigned int intid, unsigned int cpu)
{
	gicd_base[GICD_ITARGETSR + intid] = cpu_if_mask[cpu];
}

const struct gic_ops gicv2_ops = {
	.version = 2,
	.probe = probe,
	.init_dist = init_dist,
	.init_cpu = init_cpu,
	.irq_base = irq_base,
	.read_iar = read_iar,
	.iar_mask = 0x3ff,
	.write_eoir = write_eoir,
	.write_dir = write_dir,
	.set_eoimode = set_eoimode,
	.read_rpr = read_rpr,
	.read_pmr = read_pmr,
	.write_pmr = write_pmr,
	.send_sgi_mask = send_sgi_mask,
	.send_sgi_others = send_sgi_others,
	.spi_route = spi_route,
};
