// SPDX-License-Identifier: GPL-2.0-only
/*
 * setup.c: from entry.S to the test. New PSWs into the lowcore, the SCLP
 * (service signals, SCP information, the VT220 console), then the page
 * allocator gets the storage above the image: [__image_end, storage size
 * from read SCP info). The command line is the one QEMU copied into the
 * image (entry.S).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <s390x/exceptions.h>
#include <s390x/sclp.h>

/* Disabled-wait address when the SCLP does not answer (no console). */
#define WAIT_NO_SCLP 0x5c1bULL

extern char boot_cmdline[];

void __noreturn s390x_boot(void);

void s390x_boot(void)
{
	*(volatile u32 *)LC_SW_CPU_INDEX = 0;
	interrupts_init(0);
	if (!sclp_init())
		disabled_wait(WAIT_NO_SCLP);
	if (sclp_info.memory_size <= (u64)__image_end)
		test_crash("SCLP reports %#llx bytes of storage, below the "
			   "image end %p",
			   (unsigned long long)sclp_info.memory_size,
			   __image_end);
	page_alloc_init((u64)__image_end, sclp_info.memory_size);
	libtest_main(boot_cmdline);
}
