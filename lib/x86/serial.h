/* SPDX-License-Identifier: GPL-2.0-only */
/* serial.h: COM1 set-up and draining for the x86 console (console.c). */
#ifndef HV_X86_SERIAL_H
#define HV_X86_SERIAL_H

void serial_init(void);
/* Waits until the UART has sent every byte (before the VM stops). */
void serial_flush(void);

#endif
