// SPDX-License-Identifier: GPL-2.0-only
/*
 * setup.c: from long mode to the test. Reads the multiboot information
 * (Multiboot Specification 0.6.96 section 3.3: flags bit 0 mem_upper, bit
 * 2 cmdline), sets up the console, descriptor tables, SSE (Intel SDM vol.
 * 3A 14.1.3 CR0.MP/EM and CR4.OSFXSR/OSXMMEXCPT) and the page allocator,
 * silences the legacy 8259A PICs (Intel 8259A data sheet: ICW1-ICW4, OCW1),
 * then runs libtest_main(). With the guest option profile, the test ends
 * with a "# profile:" comment: the boot phases in TSC cycles
 * (docs/performance.md).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <x86/processor.h>
#include <x86/serial.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define MB_BOOTLOADER_MAGIC 0x2BADB002
#define MB_INFO_MEM 0x1
#define MB_INFO_CMDLINE 0x4

struct multiboot_info {
	u32 flags;
	u32 mem_lower;
	u32 mem_upper;
	u32 boot_device;
	u32 cmdline;
};

extern u32 mb_magic, mb_info;
/* TSC at entry, in long mode, after .bss (entry.S). */
extern u64 boot_tsc[3];
static u64 lib_ready_tsc;

/* The loader's information lies in memory the allocator will hand out. */
static char cmdline[1024];

void __noreturn x86_boot(void);

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

/*
 * Firmware may leave the 8259As delivering IRQ0 on vector 8 (Bochs' BIOS
 * does): the first STI would then take a timer tick through the #DF gate.
 * Move them to vectors 0x20-0x2f and mask every line; tests that want the
 * PIC program it themselves.
 */
static void pic_silence(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: edge, cascade, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, 0x20); /* ICW2: vector base */
	outb(PIC2_DATA, 0x28);
	outb(PIC1_DATA, 0x04); /* ICW3: slave on IR2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff); /* OCW1: all masked */
	outb(PIC2_DATA, 0xff);
}

/* Loaders put the kernel's path first (QEMU -kernel, our Bochs loader). */
static void copy_args(char *dst, size_t size, const char *src)
{
	src += strcspn(src, " ");
	src += strspn(src, " ");
	snprintf(dst, size, "%s", src);
}

void x86_boot(void)
{
	const struct multiboot_info *mbi = (void *)(uintptr_t)mb_info;
	phys_addr_t mem_end = 64UL << 20;

	serial_init();
	pic_silence();
	desc_setup_cpu(0);
	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE) & ~X86_CR0_EM);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);

	if (mb_magic == MB_BOOTLOADER_MAGIC) {
		if ((mbi->flags & MB_INFO_CMDLINE) && mbi->cmdline)
			copy_args(cmdline, sizeof(cmdline),
				  (const char *)(uintptr_t)mbi->cmdline);
		if (mbi->flags & MB_INFO_MEM)
			mem_end = (1UL << 20) +
				  ((phys_addr_t)mbi->mem_upper << 10);
	}
	/* Only the first 3 GiB are ordinary cached RAM in our page tables. */
	page_alloc_init((phys_addr_t)__image_end, MIN(mem_end, 3UL << 30));
	lib_ready_tsc = rdtsc();
	libtest_main(cmdline);
}

/* Cycles, not microseconds: tsc_khz() is a 10 ms PIT estimate. */
void arch_profile_print(void)
{
	u64 now = rdtsc(), smp;
	unsigned int starts;

	smp = smp_start_cycles(&starts);
	printf("# profile: tsc_khz=%llu long_mode_cycles=%llu bss_cycles=%llu "
	       "lib_init_cycles=%llu smp_bringup_cycles=%llu smp_starts=%u "
	       "cases_cycles=%llu\n",
	       (unsigned long long)tsc_khz(),
	       (unsigned long long)(boot_tsc[1] - boot_tsc[0]),
	       (unsigned long long)(boot_tsc[2] - boot_tsc[1]),
	       (unsigned long long)(lib_ready_tsc - boot_tsc[2]),
	       (unsigned long long)smp, starts,
	       (unsigned long long)(now - lib_ready_tsc - smp));
}
