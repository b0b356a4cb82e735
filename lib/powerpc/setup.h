/* SPDX-License-Identifier: GPL-2.0-only */
/* setup.h: what ppc64 setup (setup.c) learnt at boot, for tests that check it. */
#ifndef HV_POWERPC_SETUP_H
#define HV_POWERPC_SETUP_H

#include <types.h>

struct ppc_boot_info {
	u64 fdt; /* device tree address from r3 */
	u64 ram_start; /* the /memory region the image is in */
	u64 ram_end;
	u64 entry_msr; /* MSR when ppc_boot() started */
};

extern struct ppc_boot_info boot_info;

#endif
