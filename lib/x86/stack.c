// SPDX-License-Identifier: GPL-2.0-only
/*
 * stack.c: backtraces along the frame-pointer chain (guests are built with
 * -fno-omit-frame-pointer: [rbp] = caller's rbp, [rbp + 8] = return
 * address; the boot code starts the chain with rbp = 0). Addresses can be
 * resolved with addr2line -e build/x86_64/NAME.elf64.
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <x86/processor.h>
#include <x86/exceptions.h>

#define MAX_FRAMES 16

static bool frame_ok(u64 rbp)
{
	return rbp && !(rbp & 7) && rbp >= (u64)__image_start &&
	       rbp < (u64)__image_end - 16;
}

void print_backtrace_from(u64 rip, u64 rbp)
{
	printf("# backtrace: %#lx", rip);
	for (int i = 0; i < MAX_FRAMES && frame_ok(rbp); i++) {
		u64 *frame = (u64 *)rbp;

		if (!frame[1])
			break;
		printf(" %#lx", frame[1] - 1);
		rbp = frame[0];
	}
	printf("\n");
}

void arch_print_backtrace(void)
{
	u64 rbp = (u64)__builtin_frame_address(0);

	print_backtrace_from((u64)__builtin_return_address(0) - 1,
			     ((u64 *)rbp)[0]);
}

u64 arch_entropy(void)
{
	return rdtsc();
}
