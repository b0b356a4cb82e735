// SPDX-License-Identifier: GPL-2.0-only
/*
 * exit.c: stop the VM with a status. QEMU's isa-debug-exit device (iobase
 * 0xf4, 4 bytes) makes QEMU exit with (status << 1) | 1; Bochs shuts down
 * when "Shutdown" is written to port 0x8900; a VMM with neither leaves us
 * halted with interrupts off.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/serial.h>

#define DEBUG_EXIT_PORT 0xf4
#define BOCHS_SHUTDOWN_PORT 0x8900

void exit(int status)
{
	serial_flush();
	outl(DEBUG_EXIT_PORT, status);
	for (const char *p = "Shutdown"; *p; p++)
		outb(BOCHS_SHUTDOWN_PORT, *p);
	for (;;)
		asm volatile("cli; hlt");
}
