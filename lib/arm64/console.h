/* SPDX-License-Identifier: GPL-2.0-only */
/* console.h: set-up and draining of the arm64 PL011 console (console.c). */
#ifndef HV_ARM64_CONSOLE_H
#define HV_ARM64_CONSOLE_H

#include <types.h>

/* Finds the UART in the device tree, maps it and enables it. */
bool console_init(void);
/* Waits until the UART has sent every byte (before the VM stops). */
void console_flush(void);

#endif
