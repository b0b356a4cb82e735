// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer: local APIC timer (Intel SDM vol. 3A 11.5.4): divide configuration
 * (figure 11-10), one-shot and periodic counting, the LVT mask, changing
 * the mode while armed (11.5.4.1), and TSC-deadline mode (11.5.4.1:
 * fires when the TSC reaches IA32_TSC_DEADLINE, writing 0 disarms, a
 * deadline in the past fires at once, the MSR reads 0 after it fires).
 * Timer rates are measured against the TSC, itself measured against the
 * PIT; bounds are loose where a busy host may delay an interrupt, strict
 * where the rule is strict (never early).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/tsc.h>

#define TIMER_VECTOR 0x50
#define MASKED_VECTOR 0x51
#define WAIT_US 1000000
#define QUIET_US 20000
/* "At once" for a virtual CPU: far below any deadline a wrap would give. */
#define PAST_DEADLINE_US 50000

/* TDCR encodings (bits 3, 1:0) and the divisor each selects. */
static const struct {
	u32 tdcr, div;
} dividers[] = {
	/* clang-format off */
	{0x0, 2},  {0x1, 4},  {0x2, 8},   {0x3, 16},
	{0x8, 32}, {0x9, 64}, {0xa, 128}, {0xb, 1},
	/* clang-format on */
};

static volatile u64 fired_tsc;

static void timer_handler(struct ex_regs *regs)
{
	if (!fired_tsc)
		fired_tsc = rdtsc();
	apic_eoi();
}

static void quiet(u64 us);

/* The local APIC as apic_init_cpu() leaves it, TIMER_VECTOR counted. */
static void timer_reset(void)
{
	apic_init_cpu();
	irq_counts_clear();
	irq_count_vector(TIMER_VECTOR);
	fired_tsc = 0;
}

static bool timer_env_setup(void)
{
	if (!cpu_has(X86_FEATURE_APIC)) {
		report_skip("no local APIC (CPUID.1:EDX.APIC)");
		return false;
	}
	timer_reset();
	return true;
}

/* Stops the timer and lets an interrupt it already raised drain. */
static void stop_timer(void)
{
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	apic_write(APIC_TMICT, 0);
	irq_register(TIMER_VECTOR, timer_handler);
	quiet(1000);
	irq_register(TIMER_VECTOR, NULL);
}

/* No case leaves the timer armed or a handler on the masked vector. */
static void timer_env_teardown(void)
{
	stop_timer();
	irq_register(MASKED_VECTOR, NULL);
}

TEST_FIXTURE(timer_env, timer_env_setup, timer_env_teardown);

static unsigned int fired(void)
{
	return irq_count(0, TIMER_VECTOR);
}

static bool wait_fired(unsigned int n, u64 us)
{
	bool ok;

	irq_enable();
	ok = wait_until(fired() >= n, us);
	irq_disable();
	return ok;
}

static void quiet(u64 us)
{
	irq_enable();
	udelay(us);
	irq_disable();
}

/* Timer ticks per millisecond at divide-by-1 ... DIV (masked one-shot). */
static u64 ticks_per_ms(u32 tdcr)
{
	u64 t0, t1;
	u32 left;

	apic_write(APIC_LVTT, APIC_LVT_MASKED | TIMER_VECTOR);
	apic_write(APIC_TDCR, tdcr);
	apic_write(APIC_TMICT, 0xffffffff);
	t0 = rdtsc();
	udelay(2000);
	left = apic_read(APIC_TMCCT);
	t1 = rdtsc();
	apic_write(APIC_TMICT, 0);
	return (u64)(0xffffffff - left) * 1000 / tsc_to_us(t1 - t0);
}

TEST_CASE(divide, .fixture = &timer_env)
{
	u64 base, rate;
	bool ok = true;

	for (size_t i = 0; i < ARRAY_SIZE(dividers); i++) {
		apic_write(APIC_TDCR, dividers[i].tdcr);
		ok &= (apic_read(APIC_TDCR) & 0xb) == dividers[i].tdcr;
	}
	report(ok, "TDCR reads back each of the 8 encodings");
	base = ticks_per_ms(0xb);
	report_info("timer at divide 1: %lu ticks/ms (TSC %lu kHz)", base,
		    tsc_khz());
	report(base > 0, "the current count decreases");
	for (size_t i = 0; i < ARRAY_SIZE(dividers); i++) {
		if (dividers[i].div == 1)
			continue;
		rate = ticks_per_ms(dividers[i].tdcr) * dividers[i].div;
		report(rate > base * 8 / 10 && rate < base * 12 / 10,
		       "divide by %u counts 1/%u as fast (%lu vs %lu ticks/ms)",
		       dividers[i].div, dividers[i].div, rate / dividers[i].div,
		       base);
	}
}

TEST_CASE(oneshot, .fixture = &timer_env)
{
	u64 rate, start, want_us = 5000;
	u32 count;

	rate = ticks_per_ms(0xb);
	irq_register(TIMER_VECTOR, timer_handler);
	count = rate * want_us / 1000;
	apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | TIMER_VECTOR);
	start = rdtsc();
	apic_write(APIC_TMICT, count);
	report(apic_read(APIC_TMCCT) <= count,
	       "current count starts at or below the initial count");
	irq_enable();
	wait_until(fired_tsc, WAIT_US);
	irq_disable();
	report(fired_tsc, "one-shot timer: vector %#x on cpu 0", TIMER_VECTOR);
	if (fired_tsc)
		report(tsc_to_us(fired_tsc - start) >= want_us * 9 / 10,
		       "not early: %lu us for %lu us of counts",
		       tsc_to_us(fired_tsc - start), want_us);
	report_eq(apic_read(APIC_TMCCT), 0,
		  "current count stays 0 after expiry");
	fired_tsc = 0;
	quiet(2 * want_us);
	report(!fired_tsc, "one-shot fires once");
}

static volatile unsigned int periodic_hits;

static void periodic_handler(struct ex_regs *regs)
{
	periodic_hits++;
	apic_eoi();
}

TEST_CASE(periodic, .fixture = &timer_env)
{
	u64 rate, start, elapsed;
	unsigned int hits;
	u32 ccr;

	rate = ticks_per_ms(0xb);
	irq_register(TIMER_VECTOR, periodic_handler);
	periodic_hits = 0;
	apic_write(APIC_LVTT, APIC_TIMER_PERIODIC | TIMER_VECTOR);
	start = rdtsc();
	apic_write(APIC_TMICT, rate); /* 1 ms */
	irq_enable();
	wait_until(periodic_hits >= 20, WAIT_US);
	irq_disable();
	elapsed = tsc_to_us(rdtsc() - start);
	hits = periodic_hits;
	report(hits >= 20,
	       "periodic timer: 20 interrupts of vector %#x on cpu 0 (got %u)",
	       TIMER_VECTOR, hits);
	report(elapsed >= 20000 * 9 / 10,
	       "20 periods of 1 ms took %lu us (not early)", elapsed);
	ccr = apic_read(APIC_TMCCT);
	report(ccr <= rate, "current count reloads within the period (%u)",
	       ccr);
}

/*
 * The masked timer gets a vector of its own: a late interrupt of an earlier
 * case's timer (a loaded host delivers timer interrupts milliseconds late)
 * lands on TIMER_VECTOR and is not taken for this one.
 */
TEST_CASE(lvt_mask, .fixture = &timer_env)
{
	u64 rate;

	irq_count_vector(MASKED_VECTOR);
	rate = ticks_per_ms(0xb);
	apic_write(APIC_LVTT,
		   APIC_LVT_MASKED | APIC_TIMER_ONESHOT | MASKED_VECTOR);
	apic_write(APIC_TMICT, rate);
	quiet(5000);
	report_eq(irq_count(0, MASKED_VECTOR), 0,
		  "masked timer raises no interrupt");
	report_eq(apic_read(APIC_TMCCT), 0, "masked timer still counts to 0");
	report(!apic_vec_bit(APIC_IRR, MASKED_VECTOR),
	       "nothing left in the IRR");
	apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | MASKED_VECTOR);
	quiet(5000);
	report_eq(irq_count(0, MASKED_VECTOR), 0,
		  "unmasking after expiry delivers nothing");
}

TEST_CASE(mode_change, .fixture = &timer_env)
{
	u64 rate;

	rate = ticks_per_ms(0xb);
	/*
	 * 11.5.4: a mode change by an LVT write does not restart the count.
	 * The 50 ms count outlasts any host preemption between the writes.
	 */
	apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | TIMER_VECTOR);
	apic_write(APIC_TMICT, rate * 50);
	apic_write(APIC_LVTT, APIC_TIMER_PERIODIC | TIMER_VECTOR);
	report(wait_fired(3, WAIT_US),
	       "one-shot switched to periodic while armed keeps firing (vector "
	       "%#x)",
	       TIMER_VECTOR);
	stop_timer();
	if (!cpu_has(X86_FEATURE_TSC_DEADLINE))
		return report_skip(
			"TSC-deadline mode not enumerated (CPUID.1:ECX[24])");
	timer_reset();
	/* 11.5.4.1: switching to TSC-deadline mode disarms the timer. */
	apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | TIMER_VECTOR);
	apic_write(APIC_TMICT, rate * 50);
	apic_write(APIC_LVTT, APIC_TIMER_TSC_DEADLINE | TIMER_VECTOR);
	quiet(100000);
	report_eq(fired(), 0,
		  "one-shot switched to TSC-deadline mode is disarmed");
	report_eq(apic_read(APIC_TMCCT), 0,
		  "current count reads 0 in TSC-deadline mode");
}

TEST_CASE(tsc_deadline, .fixture = &timer_env,
	  .features = CPU_FEATURES(X86_FEATURE_TSC_DEADLINE))
{
	u64 deadline, delta;

	irq_register(TIMER_VECTOR, timer_handler);
	apic_write(APIC_LVTT, APIC_TIMER_TSC_DEADLINE | TIMER_VECTOR);
	delta = us_to_tsc(3000);
	deadline = rdtsc() + delta;
	wrmsr(MSR_IA32_TSC_DEADLINE, deadline);
	irq_enable();
	wait_until(fired_tsc, WAIT_US);
	irq_disable();
	report(fired_tsc, "deadline 3 ms ahead: vector %#x on cpu 0",
	       TIMER_VECTOR);
	report(fired_tsc >= deadline, "not before the deadline (%ld us after)",
	       (long)tsc_to_us(fired_tsc - deadline));
	report_eq(rdmsr(MSR_IA32_TSC_DEADLINE), 0,
		  "IA32_TSC_DEADLINE reads 0 after firing");

	fired_tsc = 0;
	wrmsr(MSR_IA32_TSC_DEADLINE, rdtsc() + delta);
	wrmsr(MSR_IA32_TSC_DEADLINE, 0);
	quiet(10000);
	report(!fired_tsc, "writing 0 disarms the timer");

	fired_tsc = 0;
	deadline = rdtsc();
	wrmsr(MSR_IA32_TSC_DEADLINE, deadline - delta);
	irq_enable();
	wait_until(fired_tsc, WAIT_US);
	irq_disable();
	report(fired_tsc, "deadline in the past fires (vector %#x)",
	       TIMER_VECTOR);
	if (fired_tsc)
		report(tsc_to_us(fired_tsc - deadline) < PAST_DEADLINE_US,
		       "at once: %lu us, bound %u us (the 3 ms arming above "
		       "gives the host's timer slack)",
		       tsc_to_us(fired_tsc - deadline), PAST_DEADLINE_US);
	apic_write(APIC_TMICT, 1000);
	report_eq(apic_read(APIC_TMICT), 0, "initial count writes are ignored");
}
