// SPDX-License-Identifier: GPL-2.0-only
/*
 * gic-v3.c: GICv3 distributor, redistributors and the system-register CPU
 * interface (Arm IHI 0069: 12.9.4 GICD_CTLR (ARE, EnableGrp1, RWP),
 * 12.9.22 GICD_IROUTER, 12.10 redistributor registers: GICR_TYPER
 * affinity and Last, GICR_WAKER ProcessorSleep/ChildrenAsleep, the SGI_base
 * frame 64 KiB after RD_base; 12.2 ICC_* registers: SRE, PMR, BPR1,
 * CTLR.EOImode, IGRPEN1, IAR1, EOIR1, DIR, RPR, SGI1R). Device-tree binding
 * arm,gic-v3.yaml: reg = distributor, then #redistributor-regions regions,
 * optional redistributor-stride.
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <arm64/gic.h>
#include <arm64/mmu.h>
#include <arm64/processor.h>
#include <arm64/smp.h>
#include "gic_internal.h"

#define GICD_CTLR_RWP BIT(31)
#define GICD_CTLR_ARE BIT(4)
#define GICD_CTLR_GRP1 BIT(1)

#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_SGI_BASE 0x10000
#define GICR_TYPER_VLPIS BIT(1)
#define GICR_TYPER_LAST BIT(4)
#define WAKER_PROCESSOR_SLEEP BIT(1)
#define WAKER_CHILDREN_ASLEEP BIT(2)
#define MAX_RD_REGIONS 8

#define ICC_CTLR_EOIMODE BIT(1)
#define SGI1R_IRM BIT(40)
#define POLL_LIMIT 1000000

static struct dt_region rd_regions[MAX_RD_REGIONS];
static unsigned int nr_rd_regions;
static u64 rd_stride;
static volatile u8 *rd_sgi_base[SMP_MAX_CPUS];

static bool probe(void)
{
	struct dt_region d;
	u32 n = 1, stride = 0;
	int node = dt_find_compatible("arm,gic-v3");

	if (node < 0 || dt_reg(node, 0, &d))
		return false;
	dt_u32(node, "#redistributor-regions", 0, &n);
	dt_u32(node, "redistributor-stride", 0, &stride);
	rd_stride = stride;
	pt_map_range(&mmu_idmap, d.addr, d.addr, d.size, PROT_DEVICE);
	gicd_base = (volatile u8 *)d.addr;
	for (unsigned int i = 0; i < n && i < MAX_RD_REGIONS; i++) {
		if (dt_reg(node, 1 + i, &rd_regions[i]))
			break;
		pt_map_range(&mmu_idmap, rd_regions[i].addr, rd_regions[i].addr,
			     rd_regions[i].size, PROT_DEVICE);
		nr_rd_regions++;
	}
	return nr_rd_regions > 0;
}

static void wait_rwp(void)
{
	for (int i = 0; i < POLL_LIMIT; i++)
		if (!(gic_readl(gicd_base, GICD_CTLR) & GICD_CTLR_RWP))
			return;
	test_crash("GICD_CTLR.RWP stuck at 1");
}

static void init_dist(void)
{
	gic_writel(gicd_base, GICD_CTLR, 0);
	wait_rwp();
	gic_writel(gicd_base, GICD_CTLR, GICD_CTLR_ARE);
	wait_rwp();
	gic_reset_irqs(gicd_base, GIC_FIRST_SPI, gic_nr_irqs(), 1);
	for (unsigned int i = GIC_FIRST_SPI; i < gic_nr_irqs(); i++)
		*(volatile u64 *)(gicd_base + GICD_IROUTER + 8 * i) =
			cpu_mpidr(0) & MPIDR_AFF_MASK;
	gic_writel(gicd_base, GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
	wait_rwp();
}

static u64 typer_affinity(u64 mpidr)
{
	return (MPIDR_AFF(mpidr, 3) << 24) | (MPIDR_AFF(mpidr, 2) << 16) |
	       (MPIDR_AFF(mpidr, 1) << 8) | MPIDR_AFF(mpidr, 0);
}

static volatile u8 *find_rd(u64 mpidr)
{
	for (unsigned int r = 0; r < nr_rd_regions; r++) {
		u64 off = 0;

		while (off < rd_regions[r].size) {
			volatile u8 *rd =
				(volatile u8 *)(rd_regions[r].addr + off);
			u64 typer = *(volatile u64 *)(rd + GICR_TYPER);

			if ((typer >> 32) == typer_affinity(mpidr))
				return rd;
			if (typer & GICR_TYPER_LAST)
				break;
			off += rd_stride		    ? rd_stride
			       : (typer & GICR_TYPER_VLPIS) ? 0x40000
							    : 0x20000;
		}
	}
	return NULL;
}

static void init_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	volatile u8 *rd = find_rd(read_sysreg(mpidr_el1));
	int i;

	if (!rd)
		test_crash("no GICv3 redistributor for cpu %u (mpidr %#llx)",
			   cpu, (unsigned long long)read_sysreg(mpidr_el1));
	gic_writel(rd, GICR_WAKER,
		   gic_readl(rd, GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP);
	for (i = 0; i < POLL_LIMIT; i++)
		if (!(gic_readl(rd, GICR_WAKER) & WAKER_CHILDREN_ASLEEP))
			break;
	if (i == POLL_LIMIT)
		test_crash("GICR_WAKER.ChildrenAsleep stuck at 1 on cpu %u",
			   cpu);
	rd_sgi_base[cpu] = rd + GICR_SGI_BASE;
	gic_reset_irqs(rd_sgi_base[cpu], 0, 32, 1);
	dsb(sy);

	write_sysreg(read_sysreg(icc_sre_el1) | 1, icc_sre_el1);
	isb();
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(0, icc_bpr1_el1);
	write_sysreg(read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EOIMODE,
		     icc_ctlr_el1);
	write_sysreg(1, icc_igrpen1_el1);
	isb();
}

static volatile u8 *irq_base(unsigned int intid)
{
	return intid < GIC_FIRST_SPI ? rd_sgi_base[smp_processor_id()]
				     : gicd_base;
}

static u32 read_iar(void)
{
	u32 v = read_sysreg(icc_iar1_el1);

	dsb(sy);
	return v;
}

static void write_eoir(u32 iar)
{
	write_sysreg(iar, icc_eoir1_el1);
	isb();
}

static void write_dir(u32 iar)
{
	write_sysreg(iar, icc_dir_el1);
	isb();
}

static void set_eoimode(bool split)
{
	u64 v = read_sysreg(icc_ctlr_el1);

	write_sysreg(split ? v | ICC_CTLR_EOIMODE : v & ~ICC_CTLR_EOIMODE,
		     icc_ctlr_el1);
	isb();
}

static u32 read_rpr(void)
{
	return read_sysreg(icc_rpr_el1);
}

static u32 read_pmr(void)
{
	return read_sysreg(icc_pmr_el1);
}

static void write_pmr(u32 pmr)
{
	write_sysreg(pmr, icc_pmr_el1);
	isb();
}

/* One ICC_SGI1R_EL1 write per (Aff3, Aff2, Aff1, range) group of targets. */
static void send_sgi_mask(u64 cpus, unsigned int intid)
{
	dsb(ishst);
	while (cpus) {
		unsigned int first = __builtin_ctzll(cpus);
		u64 m0 = cpu_mpidr(first);
		u64 group = m0 & ~0xfULL;
		u64 list = 0;

		for (unsigned int cpu = first; cpu < nr_cpus(); cpu++) {
			u64 m = cpu_mpidr(cpu);

			if (!(cpus & BIT(cpu)) || (m & ~0xfULL) != group)
				continue;
			list |= BIT(MPIDR_AFF(m, 0) & 0xf);
			cpus &= ~BIT(cpu);
		}
		write_sysreg((MPIDR_AFF(m0, 3) << 48) |
				     (MPIDR_AFF(m0, 2) << 32) |
				     ((u64)(MPIDR_AFF(m0, 0) >> 4) << 44) |
				     (MPIDR_AFF(m0, 1) << 16) |
				     ((u64)intid << 24) | list,
			     icc_sgi1r_el1);
	}
	isb();
}

static void send_sgi_others(unsigned int intid)
{
	dsb(ishst);
	write_sysreg(SGI1R_IRM | ((u64)intid << 24), icc_sgi1r_el1);
	isb();
}

static void spi_route(unsigned int intid, unsigned int cpu)
{
	*(volatile u64 *)(gicd_base + GICD_IROUTER + 8 * intid) =
		cpu_mpidr(cpu) & MPIDR_AFF_MASK;
}

const struct gic_ops gicv3_ops = {
	.version = 3,
	.probe = probe,
	.init_dist = init_dist,
	.init_cpu = init_cpu,
	.irq_base = irq_base,
	.read_iar = read_iar,
	.iar_mask = 0xffffff,
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
