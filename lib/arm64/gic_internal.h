/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic_internal.h: what gic.c shares with gic-v2.c and gic-v3.c: the
 * distributor register offsets common to both versions (IHI 0048B 4.1.2,
 * IHI 0069 12.9; the v3 redistributor's SGI_base frame uses the same
 * offsets for INTIDs 0-31) and the per-version operations.
 */
#ifndef HV_ARM64_GIC_INTERNAL_H
#define HV_ARM64_GIC_INTERNAL_H

#include <types.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_ISACTIVER 0x300
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_IROUTER 0x6000

struct gic_ops {
	int version;
	bool (*probe)(void);
	void (*init_dist)(void);
	void (*init_cpu)(void);
	/* Base of the registers that hold INTID's state for this CPU. */
	volatile u8 *(*irq_base)(unsigned int intid);
	u32 (*read_iar)(void);
	u32 iar_mask;
	void (*write_eoir)(u32 iar);
	void (*write_dir)(u32 iar);
	void (*set_eoimode)(bool split);
	u32 (*read_rpr)(void);
	u32 (*read_pmr)(void);
	void (*write_pmr)(u32 pmr);
	void (*send_sgi_mask)(u64 cpus, unsigned int intid);
	void (*send_sgi_others)(unsigned int intid);
	void (*spi_route)(unsigned int intid, unsigned int cpu);
};

extern const struct gic_ops gicv2_ops, gicv3_ops;
extern volatile u8 *gicd_base;

static inline u32 gic_readl(volatile u8 *base, unsigned int off)
{
	return *(volatile u32 *)(base + off);
}

static inline void gic_writel(volatile u8 *base, unsigned int off, u32 v)
{
	*(volatile u32 *)(base + off) = v;
}

/*
 * Sets every SGI/PPI (or every SPI) to GROUP (0 or 1), default priority,
 * inactive, not pending and disabled, except SGIs, which are enabled.
 */
void gic_reset_irqs(volatile u8 *base, unsigned int first, unsigned int end,
		    unsigned int group);

#endif
