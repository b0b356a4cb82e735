// SPDX-License-Identifier: GPL-2.0-only
/*
 * diag288: the DIAGNOSE 0x288 watchdog as QEMU's diag288 device provides
 * it (the interface Linux's diag288 driver uses: function code in R1 (0
 * init, 1 change, 2 cancel), the interval in seconds in R1 + 1, the
 * action in R3 and R3 + 1; an error is a specification exception) and
 * the VMM's action when it expires. The cfg runs QEMU with
 * "-action watchdog=inject-nmi", which on s390x is a restart interruption
 * of the CPU (SA22-7832 chapter 6, "Restart Interruption": the old PSW at
 * 0x120, the new one from 0x1a0); the interrupted program continues.
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <s390x/processor.h>
#include <s390x/exceptions.h>
#include <s390x/fault.h>

#define WDT_INIT 0
#define WDT_CHANGE 1
#define WDT_CANCEL 2
#define WDT_MIN_SEC 15
#define SEC (1000000ULL * TOD_PER_USEC)

static struct fault diag288(u64 func, u64 seconds)
{
	fault_clear();
	asm volatile("lgr %%r2,%[f]\n\t"
		     "lgr %%r3,%[t]\n\t"
		     "lghi %%r4,0\n\t"
		     "lghi %%r5,0\n\t" FAULT_SITE("diag %%r2,%%r4,0x288")
		     :
		     : [f] "d"(func), [t] "d"(seconds)
		     : "r2", "r3", "r4", "r5", "cc", "memory");
	return fault_take();
}

TEST_CASE(arm_change_cancel)
{
	report_fault(diag288(WDT_INIT, 60), FAULT_NONE, "init, 60 s");
	report_fault(diag288(WDT_CHANGE, 90), FAULT_NONE, "change to 90 s");
	report_fault(diag288(WDT_CANCEL, 0), FAULT_NONE, "cancel");
}

static volatile u64 restart_tod;
static volatile struct psw restart_old;

static void record_restart(struct pt_regs *regs)
{
	restart_tod = stck();
	restart_old = regs->psw;
}

static void spin_here(u64 deadline)
{
	while (!restart_tod && stck() < deadline)
		cpu_relax();
}

/*
 * Armed for WDT_MIN_SEC and not cancelled, the watchdog expires and QEMU
 * takes the configured action: a restart interruption, after at least
 * the interval and within 10 s more.
 */
TEST_CASE(expires)
{
	exception_handler_t old =
		s390x_set_handler(INT_RESTART, record_restart);
	u64 start = stck();

	restart_tod = 0;
	if (!report_fault(diag288(WDT_INIT, WDT_MIN_SEC), FAULT_NONE,
			  "init, %u s", WDT_MIN_SEC)) {
		s390x_set_handler(INT_RESTART, old);
		return;
	}
	spin_here(start + (WDT_MIN_SEC + 10) * SEC);
	s390x_set_handler(INT_RESTART, old);
	diag288(WDT_CANCEL, 0);
	if (!report(restart_tod, "restart interruption within %u s",
		    WDT_MIN_SEC + 10))
		return;
	report(restart_tod - start >= WDT_MIN_SEC * SEC,
	       "not before %u s (after %llu ms)", WDT_MIN_SEC,
	       (unsigned long long)((restart_tod - start) / (SEC / 1000)));
	report(restart_old.addr >= (u64)__image_start &&
		       restart_old.addr < (u64)__image_end,
	       "the old PSW points into the image (%#llx)",
	       (unsigned long long)restart_old.addr);
	report_eq(restart_old.mask & (PSW_MASK_64 | PSW_MASK_PSTATE),
		  PSW_MASK_64, "old PSW: 64-bit supervisor state");
}
