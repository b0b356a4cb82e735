/* SPDX-License-Identifier: GPL-2.0-only */
/* setup.h: what arm64 setup (setup.c) learnt at boot, for tests that check it. */
#ifndef HV_ARM64_SETUP_H
#define HV_ARM64_SETUP_H

#include <types.h>

struct arm64_boot_info {
	u64 fdt; /* device tree address from x0 */
	u64 ram_start; /* the /memory region the image is in */
	u64 ram_end;
	unsigned int entry_el; /* exception level the loader entered us at */
};

extern struct arm64_boot_info boot_info;

#endif
