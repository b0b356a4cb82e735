// SPDX-License-Identifier: GPL-2.0-only
/*
 * console.c: COM1 console on a 16550-compatible UART at I/O port 0x3f8
 * (National Semiconductor PC16550D data sheet: registers, LSR.THRE/TEMT,
 * 16-byte transmit FIFO). LSR.THRE set means the transmit FIFO is empty:
 * after one poll that sees it, the next fifo_depth bytes need no poll,
 * however the caller splits them (report lines come a character at a
 * time). Under a hypervisor every UART access is an exit to the VMM, so
 * this halves the exits per byte of output.
 */
#include <libtest.h>
#include <console.h>
#include <x86/processor.h>
#include <x86/serial.h>

#define COM1 0x3f8
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_IIR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_DLL 0
#define UART_DLM 1
#define LSR_THRE 0x20
#define LSR_TEMT 0x40
#define POLL_LIMIT 1000000

static unsigned int fifo_depth = 1;
/* Bytes the FIFO takes before the next LSR poll. */
static unsigned int fifo_room;

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80); /* DLAB: divisor 1, 115200 baud */
	outb(COM1 + UART_DLL, 1);
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, 0x03); /* 8N1 */
	outb(COM1 + UART_FCR, 0x07); /* FIFO on, both FIFOs cleared */
	outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
	if ((inb(COM1 + UART_IIR) & 0xc0) == 0xc0)
		fifo_depth = 16;
}

/* Waits for LSR bits; gives up after a bound so a missing UART cannot hang us. */
static void wait_lsr(u8 bits)
{
	for (int i = 0; i < POLL_LIMIT; i++)
		if ((inb(COM1 + UART_LSR) & bits) == bits)
			return;
}

void console_write(const char *s, size_t len)
{
	while (len) {
		size_t n;

		if (!fifo_room) {
			wait_lsr(LSR_THRE);
			fifo_room = fifo_depth;
		}
		n = MIN(len, fifo_room);
		fifo_room -= n;
		len -= n;
		asm volatile("rep outsb"
			     : "+S"(s), "+c"(n)
			     : "d"(COM1 + UART_THR)
			     : "memory");
	}
}

void serial_flush(void)
{
	wait_lsr(LSR_THRE | LSR_TEMT);
}

#define UART_RBR 0
#define LSR_DR 0x01

/* PC16550D: LSR bit 0 (Data Ready) says the receiver buffer holds a byte. */
int console_getchar(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DR))
		return -1;
	return inb(COM1 + UART_RBR);
}
