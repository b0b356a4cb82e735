// SPDX-License-Identifier: GPL-2.0-only
/*
 * console.c: the console on an Arm PrimeCell UART PL011 (ARM DDI 0183G:
 * 3.3.1 UARTDR, 3.3.3 UARTFR TXFF/BUSY, 3.3.8 UARTCR UARTEN/TXE), the one
 * /chosen/stdout-path names or else the first "arm,pl011" node. Output
 * before the UART is known is dropped. CPUs take a lock per write so that
 * lines of different CPUs do not mix byte by byte; a CPU that faults while
 * holding it (an exception handler printing) writes without it.
 */
#include <libtest.h>
#include <console.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/console.h>
#include <arm64/mmu.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTCR 0x030
#define FR_BUSY BIT(3)
#define FR_TXFF BIT(5)
#define CR_UARTEN BIT(0)
#define CR_TXE BIT(8)
#define CR_RXE BIT(9)
#define POLL_LIMIT 1000000
#define NO_OWNER (-1)

static volatile u8 *uart;
static int owner = NO_OWNER;

static u32 rd(unsigned int off)
{
	return *(volatile u32 *)(uart + off);
}

static void wr(unsigned int off, u32 v)
{
	*(volatile u32 *)(uart + off) = v;
}

bool console_init(void)
{
	int node = dt_stdout_node();
	struct dt_region r;

	if (node < 0 || !dt_string(node, "compatible") ||
	    fdt_node_check_compatible(dt_fdt(), node, "arm,pl011"))
		node = dt_find_compatible("arm,pl011");
	if (node < 0 || dt_reg(node, 0, &r))
		return false;
	pt_map_range(&mmu_idmap, r.addr, r.addr, MAX(r.size, PAGE_SIZE),
		     PROT_DEVICE);
	uart = (volatile u8 *)r.addr;
	if ((rd(UARTCR) & (CR_UARTEN | CR_TXE)) != (CR_UARTEN | CR_TXE))
		wr(UARTCR, CR_UARTEN | CR_TXE | CR_RXE);
	return true;
}

static void wait_fr_clear(u32 bits)
{
	for (int i = 0; i < POLL_LIMIT && (rd(UARTFR) & bits); i++)
		cpu_relax();
}

void console_write(const char *s, size_t len)
{
	int me = this_cpu() ? (int)this_cpu()->cpu : 0;
	int free_owner = NO_OWNER;
	bool locked = false;

	if (!uart)
		return;
	if (__atomic_load_n(&owner, __ATOMIC_RELAXED) != me) {
		for (int i = 0; i < POLL_LIMIT * 10; i++) {
			free_owner = NO_OWNER;
			if (__atomic_compare_exchange_n(&owner, &free_owner, me,
							false, __ATOMIC_ACQUIRE,
							__ATOMIC_RELAXED)) {
				locked = true;
				break;
			}
			cpu_relax();
		}
	}
	for (size_t i = 0; i < len; i++) {
		wait_fr_clear(FR_TXFF);
		wr(UARTDR, (u8)s[i]);
	}
	if (locked)
		__atomic_store_n(&owner, NO_OWNER, __ATOMIC_RELEASE);
}

void console_flush(void)
{
	if (uart)
		wait_fr_clear(FR_BUSY);
}

#define FR_RXFE BIT(4)

/*
 * ARM DDI 0183G 3.3.3: UARTFR.RXFE is set while the receive FIFO is
 * empty; 3.3.1: reading UARTDR takes the oldest byte (bits 7:0, error
 * flags in 11:8). Reception needs UARTCR.RXE (3.3.8), which is changed
 * only with the UART disabled and idle.
 */
int console_getchar(void)
{
	u32 cr;

	if (!uart)
		return -1;
	cr = rd(UARTCR);
	if (!(cr & CR_RXE)) {
		wait_fr_clear(FR_BUSY);
		wr(UARTCR, cr & ~CR_UARTEN);
		wr(UARTCR, cr | CR_RXE);
	}
	if (rd(UARTFR) & FR_RXFE)
		return -1;
	return rd(UARTDR) & 0xff;
}
