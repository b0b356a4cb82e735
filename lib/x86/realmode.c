// SPDX-License-Identifier: GPL-2.0-only
/*
 * realmode.c: copies the real-mode trampoline, the snippet and the
 * registers below 1 MiB and runs realmode_enter() (realmode.S). Loading
 * FS and GS in 64-bit mode clears their bases (SDM vol. 3A 3.4.4), so the
 * FS_BASE and GS_BASE MSRs are saved around the trip.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/realmode.h>

#define TRAMP_BASE (REALMODE_SEG << 4)
#define REGS_OFF 0xf00

extern const char realmode_tramp[], realmode_tramp_end[];
void realmode_enter(void);

void realmode_call(const void *start, const void *end,
		   struct realmode_regs *regs)
{
	size_t len = (const char *)end - (const char *)start;
	struct realmode_regs *low = (void *)(TRAMP_BASE + REGS_OFF);
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);

	assert(len <= REALMODE_SNIPPET_MAX);
	assert(realmode_tramp_end - realmode_tramp <= REGS_OFF);
	memcpy((void *)TRAMP_BASE, realmode_tramp,
	       realmode_tramp_end - realmode_tramp);
	memcpy((void *)(TRAMP_BASE + REALMODE_SNIPPET_OFF), start, len);
	*low = *regs;
	realmode_enter();
	*regs = *low;
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
}
