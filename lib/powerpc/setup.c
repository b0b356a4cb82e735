// SPDX-License-Identifier: GPL-2.0-only
/*
 * setup.c: from entry.S to the test. We run in real mode (MSR[IR, DR] = 0,
 * Power ISA v3.0 Book III 5.7.3) for the whole test: every address is a real
 * address within the real mode area. First interrupts are made little-endian
 * (H_SET_MODE, LoPAPR 1.1 14.5.4.3.12) and the vectors are installed; then,
 * from the device tree (LoPAPR appendix B, C.6.8 for the vty): the console,
 * RAM, RTAS and the command line (/chosen/bootargs) and the CPU list
 * (smp.c). The page allocator gets the larger part of the /memory region
 * holding the image, above the image, that the device tree does not occupy.
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>
#include <powerpc/hcall.h>
#include <powerpc/exceptions.h>
#include <powerpc/console.h>
#include <powerpc/rtas.h>
#include <powerpc/setup.h>
#include <powerpc/smp.h>

struct ppc_boot_info boot_info;
static char cmdline[1024];

void __noreturn ppc_boot(u64 fdt);

static void __noreturn halt(void)
{
	for (;;)
		cpu_relax();
}

static void setup_memory(u64 fdt, u64 fdt_size)
{
	struct dt_region ram = dt_page_alloc_init(
		(u64)__image_start, (u64)__image_end, fdt, fdt_size);

	boot_info.ram_start = ram.addr;
	boot_info.ram_end = ram.addr + ram.size;
}

void ppc_boot(u64 fdt)
{
	boot_info.entry_msr = mfmsr();
	boot_info.fdt = fdt;
	hcall(H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE, H_SET_MODE_RESOURCE_LE, 0,
	      0);
	install_vectors();
	if (dt_init((const void *)fdt))
		halt();
	console_init();
	setup_memory(fdt, dt_blob_size(dt_fdt()));
	if (!rtas_init())
		printf("# no /rtas in the device tree: no power-off\n");
	smp_init();
	snprintf(cmdline, sizeof(cmdline), "%s", dt_bootargs());
	libtest_main(cmdline);
}
