/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gic.h: the interrupt controller, GICv2 (Arm IHI 0048B) or GICv3 (Arm
 * IHI 0069), as the device tree describes it. INTIDs 0-15 are SGIs, 16-31
 * PPIs (per CPU: these calls act on the calling CPU's copy), 32 and up
 * SPIs; 1023 is the spurious INTID (IHI 0069 2.2.1). All interrupts are
 * delivered as IRQ: Group 1 on GICv3, Group 0 on GICv2 (gic-v2.c).
 */
#ifndef HV_ARM64_GIC_H
#define HV_ARM64_GIC_H

#include <types.h>

#define GIC_SPURIOUS 1023
#define GIC_NR_SGIS 16
#define GIC_FIRST_SPI 32
/* Priority gic_init() gives every interrupt; PMR starts at 0xff. */
#define GIC_DEFAULT_PRIO 0xa0

/* Probes the device tree, sets up the distributor and this CPU; 0: none. */
int gic_init(void);
/* Sets up the calling CPU's interface (and redistributor on v3). */
void gic_init_cpu(void);
/* 2 or 3, or 0 when there is no GIC. */
int gic_version(void);
/* Number of INTIDs the distributor implements (GICD_TYPER.ITLinesNumber). */
unsigned int gic_nr_irqs(void);

/* Acknowledge: the raw IAR value (v2 carries the SGI source CPU in it). */
u32 gic_read_iar(void);
u32 gic_iar_irqnr(u32 iar);
/* Source CPU interface number of a v2 SGI (0 on v3). */
unsigned int gic_iar_source(u32 iar);
/* GICv2: CPU's interface number (from its banked GICD_ITARGETSR0). */
unsigned int gic_v2_cpu_if(unsigned int cpu);
void gic_write_eoir(u32 iar);
void gic_write_dir(u32 iar);
/* Split priority drop (EOIR) and deactivation (DIR): EOImode = 1. */
void gic_set_eoimode(bool split);
u32 gic_read_rpr(void);
u32 gic_read_pmr(void);
void gic_write_pmr(u32 pmr);

void gic_send_sgi(unsigned int cpu, unsigned int intid);
/* To every CPU whose index bit is set in CPUS. */
void gic_send_sgi_mask(u64 cpus, unsigned int intid);
void gic_send_sgi_others(unsigned int intid);

void gic_irq_enable(unsigned int intid);
void gic_irq_disable(unsigned int intid);
void gic_irq_set_priority(unsigned int intid, u8 prio);
bool gic_irq_enabled(unsigned int intid);
bool gic_irq_pending(unsigned int intid);
bool gic_irq_active(unsigned int intid);
void gic_irq_set_pending(unsigned int intid);
void gic_irq_clear_pending(unsigned int intid);
void gic_irq_clear_active(unsigned int intid);
/* SPIs: edge-triggered (true) or level; target CPU. */
void gic_spi_set_edge(unsigned int intid, bool edge);
void gic_spi_route(unsigned int intid, unsigned int cpu);

#endif
