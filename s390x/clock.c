// SPDX-License-Identifier: GPL-2.0-only
/*
 * clock: the TOD clock, the clock comparator and the CPU timer
 * (SA22-7832 chapter 4, "Timing": "TOD Clock", "Clock Comparator", "CPU
 * Timer", "TOD Programmable Register"; chapter 7, "STORE CLOCK", "STORE
 * CLOCK EXTENDED", "STORE CLOCK FAST"; chapter 10, "SET CLOCK", "SET
 * CLOCK COMPARATOR", "SET CPU TIMER", "SET CLOCK PROGRAMMABLE FIELD";
 * chapter 6, external-interruption codes 1004 and 1005 and their subclass
 * masks in CR0 bits 52 and 53).
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/clock.h>
#include <s390x/exceptions.h>
#include <s390x/facility.h>
#include <s390x/fault.h>

#define MSEC (1000 * TOD_PER_USEC)
/* A CPU timer value that stays positive for the whole test. */
#define CPU_TIMER_FAR (1ULL << 62)

static u64 saved_cr0;
static exception_handler_t saved_ext;
/* What the handler saw: codes in order, and the clock at the first. */
static volatile u16 ext_codes[4];
static volatile unsigned int ext_count;
static volatile u64 ext_tod;

/*
 * Records the interruption, silences its source (the clock comparator
 * and the CPU timer stay pending while their condition holds) and ends
 * the wait it interrupted.
 */
static void timer_ext(struct pt_regs *regs)
{
	if (!ext_count)
		ext_tod = stck();
	if (ext_count < ARRAY_SIZE(ext_codes))
		ext_codes[ext_count] = regs->code;
	ext_count++;
	if (regs->code == EXT_CLOCK_COMPARATOR)
		sckc(~0ULL);
	else if (regs->code == EXT_CPU_TIMER)
		spt(CPU_TIMER_FAR);
	interrupt_end_wait(regs);
}

static bool timers_enter(void)
{
	saved_cr0 = stctg(0);
	sckc(~0ULL);
	spt(CPU_TIMER_FAR);
	ext_count = 0;
	ext_codes[0] = 0;
	saved_ext = s390x_set_handler(INT_EXT, timer_ext);
	return true;
}

static void timers_leave(void)
{
	lctlg(0, saved_cr0);
	sckc(~0ULL);
	spt(CPU_TIMER_FAR);
	s390x_set_handler(INT_EXT, saved_ext);
}

TEST_FIXTURE(timers, timers_enter, timers_leave);

/* Enabled for external interruptions for about USEC, spinning. */
static void spin_enabled(u64 usec)
{
	u64 end = stck() + usec * TOD_PER_USEC;

	asm volatile("stosm 0(%0),0x01" : : "a"(&(u8){0}) : "memory");
	while (stck() < end)
		cpu_relax();
	asm volatile("stnsm 0(%0),0xfe" : : "a"(&(u8){0}) : "memory");
}

/*
 * Chapter 4, "TOD Clock" and chapter 7, "STORE CLOCK": the values STCK
 * stores on a running clock are unique and increase.
 */
TEST_CASE(stck_unique)
{
	u64 prev = stck(), now;
	unsigned int bad = 0;

	for (int i = 0; i < 10000; i++) {
		now = stck();
		if (now <= prev)
			bad++;
		prev = now;
	}
	report_eq(bad, 0, "10000 STCK values strictly increase");
}

/*
 * Chapter 7, "STORE CLOCK EXTENDED": byte 0 is the epoch index, bytes 1-8
 * TOD bits 0-63, bytes 14-15 the TOD programmable field.
 */
TEST_CASE(stcke)
{
	u8 e[16] __aligned(8);
	u64 before, after, mid = 0;

	before = stck();
	stcke(e);
	after = stck();
	for (int i = 1; i <= 8; i++)
		mid = mid << 8 | e[i];
	report(before <= mid && mid <= after,
	       "STCKE bits 8-71 lie between two STCKs (%#llx %#llx %#llx)",
	       (unsigned long long)before, (unsigned long long)mid,
	       (unsigned long long)after);
	report_eq(e[0], 0, "epoch index 0");
}

/* Chapter 10, "SET CLOCK PROGRAMMABLE FIELD": GR0 bits 48-63. */
TEST_CASE(sckpf)
{
	u8 e[16] __aligned(8);
	struct fault f;

	asm volatile("lghi %%r0,0x1234\n\tsckpf" : : : "r0");
	stcke(e);
	report_eq(e[14] << 8 | e[15], 0x1234,
		  "STCKE bytes 14-15 hold the programmable field");
	fault_clear();
	asm volatile("llilh %%r0,1\n\t" FAULT_SITE("sckpf") : : : "r0");
	f = fault_take();
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 2),
		     "GR0 bits 32-47 not zero");
	asm volatile("lghi %%r0,0\n\tsckpf" : : : "r0");
}

TEST_CASE(stckf, .features = CPU_FEATURES(FAC_STCKF))
{
	u64 before = stck(), fast = stckf(), after = stck();

	report(before <= fast && fast <= after,
	       "STCKF lies between two STCKs (%#llx %#llx %#llx)",
	       (unsigned long long)before, (unsigned long long)fast,
	       (unsigned long long)after);
}

/* Chapter 10, "SET CLOCK COMPARATOR", "STORE CLOCK COMPARATOR". */
TEST_CASE(ckc_round_trip, .fixture = &timers)
{
	sckc(0x0123456789abcdefULL);
	report_eq(stckc(), 0x0123456789abcdefULL, "STCKC returns SCKC's value");
}

/*
 * Chapter 4, "Clock Comparator": an interruption (code 1004) once the TOD
 * clock passes the comparator, with CR0 bit 52 one; never before.
 */
TEST_CASE(ckc_interrupt, .fixture = &timers)
{
	u64 ckc;

	lctlg(0, saved_cr0 | CR0_CLOCK_COMPARATOR | CR0_CPU_TIMER);
	spt(200 * MSEC); /* backstop: the CPU timer ends a lost wait */
	ckc = stck() + 2 * MSEC;
	sckc(ckc);
	enabled_wait(PSW_MASK_EXT);
	report_eq(ext_codes[0], EXT_CLOCK_COMPARATOR,
		  "first interruption: clock comparator");
	report(ext_tod >= ckc, "not before the comparator (%lld us late)",
	       (long long)(ext_tod - ckc) / (long long)TOD_PER_USEC);
}

/*
 * Chapter 6, "Clock Comparator": with CR0 bit 52 zero the condition stays
 * pending, whatever the PSW; setting the bit makes it interrupt.
 */
TEST_CASE(ckc_subclass_mask, .fixture = &timers)
{
	lctlg(0, saved_cr0 & ~(CR0_CLOCK_COMPARATOR | CR0_CPU_TIMER));
	sckc(stck());
	spin_enabled(3000);
	report_eq(ext_count, 0, "masked by CR0 bit 52: no interruption");
	lctlg(0, saved_cr0 | CR0_CLOCK_COMPARATOR);
	spin_enabled(3000);
	report_eq(ext_count, 1, "pending, taken once CR0 bit 52 is one");
	report_eq(ext_codes[0], EXT_CLOCK_COMPARATOR, "code 0x1004");
}

/* Chapter 4, "CPU Timer": it decrements while the CPU runs. */
TEST_CASE(cpu_timer_runs, .fixture = &timers)
{
	u64 a, b;

	spt(1000 * MSEC);
	a = stpt();
	for (volatile int i = 0; i < 10000; i++)
		;
	b = stpt();
	report(b < a && a <= 1000 * MSEC, "STPT decreases (%#llx then %#llx)",
	       (unsigned long long)a, (unsigned long long)b);
}

/*
 * Chapter 4, "CPU Timer": an interruption (code 1005) once the timer is
 * negative, with CR0 bit 53 one; masked by CR0 bit 53 it stays pending.
 */
TEST_CASE(cpu_timer_interrupt, .fixture = &timers)
{
	lctlg(0, saved_cr0 | CR0_CLOCK_COMPARATOR | CR0_CPU_TIMER);
	sckc(stck() + 200 * MSEC); /* backstop */
	spt(2 * MSEC);
	enabled_wait(PSW_MASK_EXT);
	report_eq(ext_codes[0], EXT_CPU_TIMER, "first interruption: CPU timer");
}

TEST_CASE(cpu_timer_subclass_mask, .fixture = &timers)
{
	lctlg(0, saved_cr0 & ~(CR0_CLOCK_COMPARATOR | CR0_CPU_TIMER));
	spt(0);
	spin_enabled(3000);
	report_eq(ext_count, 0, "masked by CR0 bit 53: no interruption");
	report(stpt() >> 63, "the timer went negative (%#llx)",
	       (unsigned long long)stpt());
	lctlg(0, saved_cr0 | CR0_CPU_TIMER);
	spin_enabled(3000);
	report_eq(ext_count, 1, "pending, taken once CR0 bit 53 is one");
	report_eq(ext_codes[0], EXT_CPU_TIMER, "code 0x1005");
}

static int sck(u64 value)
{
	int cc;

	asm volatile("sck %[v]\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc)
		     : [v] "Q"(value)
		     : "cc");
	return cc;
}

/*
 * Chapter 10, "SET CLOCK": the TOD clock takes the operand (cc 0) and
 * runs on from it; the operand must be on a doubleword boundary.
 */
TEST_CASE(set_clock)
{
	u64 hour = 3600 * 1000 * MSEC, before = stck(), after;
	u64 buf[2] = {0, 0};
	struct fault f;

	report_eq(sck(before + hour), 0, "SCK one hour ahead: cc 0");
	after = stck();
	sck(stck() - hour);
	report(after >= before + hour && after < before + hour + 1000 * MSEC,
	       "STCK then reads one hour ahead (%lld us off)",
	       (long long)(after - before - hour) / (long long)TOD_PER_USEC);
	report(stck() - before < 1000 * MSEC, "and back again");
	buf[0] = stck();
	f = fault_probe("sck 4(%0)", : : "a"(buf) : "cc");
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SCK operand at a word boundary");
}
