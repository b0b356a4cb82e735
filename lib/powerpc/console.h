/* SPDX-License-Identifier: GPL-2.0-only */
/* console.h: the hypervisor virtual terminal console (console.c). */
#ifndef HV_POWERPC_CONSOLE_H
#define HV_POWERPC_CONSOLE_H

#include <types.h>

/* Finds the vty in the device tree; false when there is none. */
bool console_init(void);
/* The vty's unit address (its "reg"), the termno of H_PUT_TERM_CHAR. */
u64 console_termno(void);

#endif
