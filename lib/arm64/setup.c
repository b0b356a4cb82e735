// SPDX-License-Identifier: GPL-2.0-only
/*
 * setup.c: from the Image entry to the test. With the MMU off (entry.S
 * has dropped to EL1, relocated the image and cleared .bss) we map the
 * image and the device tree and turn the MMU on, because libfdt needs
 * Normal memory (unaligned and exclusive accesses fault on the Device
 * memory that all data accesses are with the MMU off: Arm ARM D8.2.11).
 * Then, from the device tree: the console, RAM (all of it, identity-mapped),
 * PSCI, the CPUs, the GIC, the timer and the command line (/chosen/bootargs).
 * The page allocator gets the larger part of RAM above the image that the
 * device tree does not occupy.
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/mmu.h>
#include <arm64/console.h>
#include <arm64/psci.h>
#include <arm64/smp.h>
#include <arm64/gic.h>
#include <arm64/timer.h>
#include <arm64/setup.h>

#define FDT_MAGIC_BE 0xd00dfeed
#define MAX_MEM_REGIONS 8

extern char _start[];

struct arm64_boot_info boot_info;
static char cmdline[1024];

void __noreturn arm64_boot(u64 fdt, u64 entry_el);

/* The header's totalsize, read with aligned loads (the MMU is off). */
static u64 early_fdt_size(u64 fdt)
{
	const volatile u32 *h = (const volatile u32 *)fdt;

	if (fdt & 7 || __builtin_bswap32(h[0]) != FDT_MAGIC_BE)
		return 0;
	return __builtin_bswap32(h[1]);
}

static void __noreturn halt(void)
{
	for (;;)
		wfi();
}

static void setup_memory(u64 fdt, u64 fdt_size)
{
	struct dt_region mem[MAX_MEM_REGIONS], ram;
	int n = dt_memory(mem, MAX_MEM_REGIONS);

	for (int i = 0; i < n; i++)
		pt_map_range(&mmu_idmap, mem[i].addr, mem[i].addr, mem[i].size,
			     PROT_NORMAL);
	ram = dt_page_alloc_init((u64)_start, (u64)__image_end, fdt, fdt_size);
	boot_info.ram_start = ram.addr;
	boot_info.ram_end = ram.addr + ram.size;
	mmu_page_allocator_ready();
}

void arm64_boot(u64 fdt, u64 entry_el)
{
	u64 fdt_size = early_fdt_size(fdt);

	percpu_init_boot();
	if (!fdt_size)
		halt();
	mmu_early_init((u64)_start, (u64)__image_end, fdt, fdt_size);
	if (dt_init((const void *)fdt))
		halt();
	console_init();
	boot_info.fdt = fdt;
	boot_info.entry_el = entry_el;
	setup_memory(fdt, fdt_size);
	if (!psci_init())
		printf("# no PSCI in the device tree: no SMP, no power-off\n");
	smp_init();
	timer_init();
	gic_init();
	snprintf(cmdline, sizeof(cmdline), "%s", dt_bootargs());
	libtest_main(cmdline);
}
