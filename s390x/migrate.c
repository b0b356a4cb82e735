// SPDX-License-Identifier: GPL-2.0-only
/*
 * migrate: s390x state across live migration (docs/migration.md).
 * z/Architecture Principles of Operation (SA22-7832-13): storage keys
 * (3-9: access-control and fetch-protection bits set by SET STORAGE KEY
 * EXTENDED, read by INSERT STORAGE KEY EXTENDED); the CPU timer (4-41:
 * decrements while the CPU runs; SET/STORE CPU TIMER); the clock
 * comparator (4-40: SET/STORE CLOCK COMPARATOR) and the TOD clock (4-35:
 * it never goes back); the prefix (3-19: STORE PREFIX); an external
 * call (4-60, 6-12: a SIGNAL PROCESSOR external call stays pending until
 * CR0 bit 50 and PSW bit 7 allow it, then interrupts once with code
 * 1202 hex). A migrated VM must see each as it left it.
 */
#include <libtest.h>
#include <migrate.h>
#include <s390x/processor.h>
#include <s390x/lowcore.h>
#include <s390x/exceptions.h>
#include <s390x/sigp.h>

#define KEY_ACC_F 0xf8 /* ACC (4 bits) and F: R and C change with use */
#define TEST_KEY 0x38 /* ACC 3, fetch protection on */

static bool migrate_or_skip(void)
{
	if (migrate_point())
		return true;
	report_skip("not migrated: %s", migrate_reason());
	return false;
}

static void sske(void *page, u8 key)
{
	asm volatile("sske %0,%1" : : "d"((u64)key), "a"(page) : "memory");
}

static u8 iske(void *page)
{
	u64 key = 0;

	asm volatile("iske %0,%1" : "+d"(key) : "a"(page));
	return key;
}

TEST_CASE(storage_key)
{
	u8 *page = alloc_page();

	if (!page)
		return report_skip("no page to key");
	sske(page, TEST_KEY);
	if (migrate_or_skip())
		report_eq(iske(page) & KEY_ACC_F, TEST_KEY,
			  "access-control and fetch-protection bits kept");
	sske(page, 0);
	free_page(page);
}

static void spt(u64 v)
{
	asm volatile("spt %0" : : "Q"(v));
}

static u64 stpt(void)
{
	u64 v;

	asm volatile("stpt %0" : "=Q"(v));
	return v;
}

static void sckc(u64 v)
{
	asm volatile("sckc %0" : : "Q"(v));
}

static u64 stckc(void)
{
	u64 v;

	asm volatile("stckc %0" : "=Q"(v));
	return v;
}

TEST_CASE(cpu_timer_and_tod)
{
	/* One hour of CPU time: it cannot run out during the test. */
	u64 start = 3600ULL * 1000000 * TOD_PER_USEC, t0, t1, tod0, tod1;

	spt(start);
	tod0 = stck();
	t0 = stpt();
	if (!migrate_or_skip())
		return;
	t1 = stpt();
	tod1 = stck();
	report(tod1 > tod0, "TOD clock did not go back (%#lx > %#lx)", tod1,
	       tod0);
	report(t1 < t0 && t1 > start / 2,
	       "CPU timer kept decrementing from its value (%#lx -> %#lx)", t0,
	       t1);
	report_info("CPU timer used %lu us, TOD advanced %lu us",
		    (unsigned long)((t0 - t1) / TOD_PER_USEC),
		    (unsigned long)((tod1 - tod0) / TOD_PER_USEC));
	report(t0 - t1 <= tod1 - tod0 + 1000 * TOD_PER_USEC,
	       "CPU timer did not run ahead of the TOD clock");
}

TEST_CASE(clock_comparator)
{
	/* Far in the future; the subclass mask leaves it silent anyway. */
	u64 want = stck() + 3600ULL * 1000000 * TOD_PER_USEC;

	sckc(want);
	if (migrate_or_skip())
		report_eq(stckc(), want, "clock comparator kept");
	sckc(~0ULL);
}

TEST_CASE(prefix)
{
	u32 before, after;

	asm volatile("stpx %0" : "=Q"(before));
	if (!migrate_or_skip())
		return;
	asm volatile("stpx %0" : "=Q"(after));
	report_eq(after, before, "prefix register kept");
}

/* The clock comparator ends a wait for an interruption that never comes. */
#define WAKE_US 200000

static volatile unsigned int ext_calls;

static void ext_handler(struct pt_regs *regs)
{
	if (regs->code == EXT_EXTERNAL_CALL)
		ext_calls++;
	if (regs->code == EXT_CLOCK_COMPARATOR)
		sckc(~0ULL);
	/* Resume after enabled_wait(), disabled as before it. */
	if (regs->psw.mask & PSW_MASK_WAIT)
		regs->psw.mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT | PSW_MASK_IO |
				    PSW_MASK_MCHECK);
}

/* Takes external interruptions for US microseconds. */
static void ext_window(u64 us)
{
	u64 cr0 = stctg(0), end = stck() + us * TOD_PER_USEC;

	sckc(end);
	lctlg(0, cr0 | CR0_CLOCK_COMPARATOR);
	while (stck() < end)
		enabled_wait(PSW_MASK_EXT);
	lctlg(0, cr0);
	sckc(~0ULL);
}

TEST_CASE(pending_external_call)
{
	u64 cr0 = stctg(0);
	exception_handler_t old;
	int cc;

	ext_calls = 0;
	old = s390x_set_handler(INT_EXT, ext_handler);
	/* Subclass masked: the console's waits with PSW bit 7 on leave it. */
	lctlg(0, cr0 & ~CR0_EXTERNAL_CALL);
	cc = sigp(stap(), SIGP_EXTERNAL_CALL, 0, NULL);
	if (!report_eq(cc, SIGP_CC_ACCEPTED, "SIGP external call to self"))
		goto out;
	if (!migrate_or_skip())
		goto out;
	report_eq(ext_calls, 0, "not taken while masked");
	lctlg(0, cr0 | CR0_EXTERNAL_CALL);
	ext_window(WAKE_US);
	report_eq(ext_calls, 1,
		  "external call still pending after migration, taken once");
out:
	lctlg(0, cr0);
	s390x_set_handler(INT_EXT, old);
}
