/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * devicetree.h: the few device-tree queries the guest runtimes need, on top
 * of libfdt (Devicetree Specification v0.4: 2.3.5 #address-cells and
 * #size-cells, 2.3.6 reg, 3.4 /memory, 3.6 /chosen, 3.7-3.8 /cpus;
 * interrupts are decoded by the caller, whose binding defines the cells).
 * Built only for arches that link libfdt (mk/arch-<arch>.mk adds lib/fdt/).
 */
#ifndef HV_DEVICETREE_H
#define HV_DEVICETREE_H

#include <types.h>
#include <libfdt.h>

struct dt_region {
	u64 addr;
	u64 size;
};

/* Checks the blob's header and remembers it; 0 or a libfdt error. */
int dt_init(const void *fdt);
const void *dt_fdt(void);
/* The blob's total size, read from its header (dt_init() not needed). */
u32 dt_blob_size(const void *fdt);

/* Fills up to MAX regions of the /memory nodes; returns how many. */
int dt_memory(struct dt_region *regs, int max);
/*
 * Hands the /memory region holding the image [IMAGE, IMAGE_END) to the page
 * allocator, less the image and the blob at FDT (FDT_SIZE bytes); returns
 * that region. No such region ends the test as a crash.
 */
struct dt_region dt_page_alloc_init(u64 image, u64 image_end, u64 fdt,
				    u64 fdt_size);
/* Fills up to MAX "reg" values of the /cpus/cpu nodes; returns how many. */
int dt_cpus(u64 *ids, int max);
/* /chosen/bootargs, or "" when absent. */
const char *dt_bootargs(void);
/* The node that /chosen/stdout-path names, or -1. */
int dt_stdout_node(void);
/* The first node compatible with COMPAT (and enabled), or -1. */
int dt_find_compatible(const char *compat);
/* Entry INDEX of NODE's reg, decoded with the parent's cell counts. */
int dt_reg(int node, int index, struct dt_region *reg);
/* Number of entries of NODE's reg. */
int dt_reg_count(int node);
/* Property NAME of NODE as a string, or NULL. */
const char *dt_string(int node, const char *name);
/* Cell INDEX of property NAME of NODE into *VAL; 0 or -1 when absent. */
int dt_u32(int node, const char *name, int index, u32 *val);

#endif
