// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer: the EL1 virtual and physical timers of the Generic Timer (Arm ARM
 * D11.2.4 "Timers"): CVAL reads back; writing TVAL sets CVAL to the count
 * plus the sign-extended value and TVAL reads CVAL - count as a signed
 * 32-bit number; ISTATUS reports the condition (count >= CVAL) while
 * ENABLE is set, whatever IMASK; IMASK keeps the interrupt from the GIC;
 * the interrupt (the device tree's PPI) is not taken before the count
 * reaches CVAL; and the counters never go backwards, on one CPU or seen
 * from another one (D11.1.2: the system counter is common to all CPUs).
 */
#include <libtest.h>
#include <smp.h>
#include <arm64/processor.h>
#include <arm64/exceptions.h>
#include <arm64/gic.h>
#include <arm64/timer.h>

#define WAIT_MS 1000
#define DELAY_MS 10
#define PINGPONG_ROUNDS 500

static enum arch_timer which(const struct test_case *tc)
{
	return strstr(tc->name, "ptimer") ? TIMER_PHYS : TIMER_VIRT;
}

static void cval_tval(enum arch_timer t)
{
	u64 far = timer_count(t) + ms_to_ticks(60 * 1000);
	u64 before, after, cval;
	s32 tval;

	timer_write_ctl(t, 0);
	timer_write_cval(t, far);
	report_eq(timer_read_cval(t), far, "CVAL reads back");

	/* One second ahead fits TVAL's 32 bits up to a 2 GHz counter. */
	cval = timer_count(t) + ms_to_ticks(1000);
	timer_write_cval(t, cval);
	before = timer_count(t);
	tval = timer_read_tval(t);
	after = timer_count(t);
	report(tval > 0 && (u64)tval <= cval - before &&
		       (u64)tval >= cval - after,
	       "TVAL = CVAL - count (%d, expected %lld..%lld)", tval,
	       (long long)(cval - after), (long long)(cval - before));

	before = timer_count(t);
	timer_write_tval(t, 1000000);
	after = timer_count(t);
	cval = timer_read_cval(t);
	report(cval >= before + 1000000 && cval <= after + 1000000,
	       "TVAL write: CVAL = count + 1000000 (count %#llx..%#llx, CVAL "
	       "%#llx)",
	       (unsigned long long)before, (unsigned long long)after,
	       (unsigned long long)cval);

	before = timer_count(t);
	timer_write_tval(t, -1000);
	after = timer_count(t);
	cval = timer_read_cval(t);
	report(cval >= before - 1000 && cval <= after - 1000,
	       "negative TVAL is sign-extended: CVAL = count - 1000");
	report(timer_read_tval(t) < 0,
	       "TVAL negative once CVAL has passed (%d)", timer_read_tval(t));
}

static bool gic_ready(enum arch_timer t)
{
	if (!gic_version() || !timer_intid(t)) {
		report_skip("no GIC or no %s interrupt in the device tree",
			    timer_name(t));
		return false;
	}
	return true;
}

static void istatus(enum arch_timer t)
{
	unsigned int irq = timer_intid(t);

	if (!gic_ready(t))
		return;
	gic_irq_disable(irq);
	timer_write_cval(t, 0);
	timer_write_ctl(t, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	report(timer_read_ctl(t) & CNT_CTL_ISTATUS,
	       "CVAL 0, enabled, masked: ISTATUS set");
	report(!gic_irq_pending(irq), "masked: INTID %u not pending at the GIC",
	       irq);
	timer_write_ctl(t, CNT_CTL_ENABLE);
	report(timer_read_ctl(t) & CNT_CTL_ISTATUS, "unmasked: ISTATUS set");
	report(gic_irq_pending(irq), "unmasked: INTID %u pending at the GIC",
	       irq);
	timer_write_cval(t, timer_count(t) + ms_to_ticks(60 * 1000));
	report(!(timer_read_ctl(t) & CNT_CTL_ISTATUS),
	       "CVAL a minute ahead: ISTATUS clear");
	report(!gic_irq_pending(irq), "and INTID %u no longer pending", irq);
	timer_write_cval(t, 0);
	timer_write_ctl(t, 0);
	report(!gic_irq_pending(irq), "disabled: INTID %u not pending", irq);
}

static volatile u64 fired_at;
static volatile u32 fired_irq;
static enum arch_timer irq_timer;

static void timer_irq(struct pt_regs *regs)
{
	u32 iar = gic_read_iar();

	if (gic_iar_irqnr(iar) == GIC_SPURIOUS)
		return;
	fired_at = timer_count(irq_timer);
	fired_irq = gic_iar_irqnr(iar);
	timer_write_ctl(irq_timer, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	gic_write_eoir(iar);
}

static void irq(enum arch_timer t)
{
	unsigned int intid = timer_intid(t);
	u64 cval, deadline;

	if (!gic_ready(t))
		return;
	irq_timer = t;
	fired_at = 0;
	fired_irq = GIC_SPURIOUS;
	arm64_set_handler(EL1H_IRQ, timer_irq);
	gic_irq_enable(intid);
	cval = timer_count(t) + ms_to_ticks(DELAY_MS);
	timer_write_cval(t, cval);
	timer_write_ctl(t, CNT_CTL_ENABLE);
	local_irq_enable();
	deadline = cval + ms_to_ticks(WAIT_MS);
	while (!fired_at && timer_count(t) < deadline)
		wfi();
	local_irq_disable();
	timer_write_ctl(t, 0);
	gic_irq_disable(intid);
	arm64_set_handler(EL1H_IRQ, NULL);
	if (!report(fired_at,
		    "%s interrupt INTID %u taken on cpu 0 within %u ms",
		    timer_name(t), intid, DELAY_MS + WAIT_MS))
		return;
	report_eq(fired_irq, intid, "acknowledged INTID is the timer's");
	report(fired_at >= cval, "not taken before CVAL (%llu ticks after)",
	       (unsigned long long)(fired_at - cval));
}

TEST_CASE(vtimer_cval_tval)
{
	cval_tval(which(current_test_case()));
}

TEST_CASE(ptimer_cval_tval)
{
	cval_tval(which(current_test_case()));
}

TEST_CASE(vtimer_istatus)
{
	istatus(which(current_test_case()));
}

TEST_CASE(ptimer_istatus)
{
	istatus(which(current_test_case()));
}

TEST_CASE(vtimer_irq)
{
	irq(which(current_test_case()));
}

TEST_CASE(ptimer_irq)
{
	irq(which(current_test_case()));
}

struct pingpong {
	u64 value;
	int turn; /* 0: cpu 0 writes, 1: the other CPU checks */
	unsigned int backwards;
	u64 worst_before, worst_after;
	enum arch_timer t;
};

static struct pingpong pp;

static void pong(void *data)
{
	for (unsigned int i = 0; i < PINGPONG_ROUNDS; i++) {
		u64 mine;

		while (__atomic_load_n(&pp.turn, __ATOMIC_ACQUIRE) != 1)
			;
		mine = timer_count(pp.t);
		if (mine < pp.value && !pp.backwards++) {
			pp.worst_before = pp.value;
			pp.worst_after = mine;
		}
		pp.value = mine;
		__atomic_store_n(&pp.turn, 0, __ATOMIC_RELEASE);
	}
}

static void cross_cpu(enum arch_timer t, unsigned int cpu)
{
	memset(&pp, 0, sizeof(pp));
	pp.t = t;
	on_cpu_async(cpu, pong, NULL);
	for (unsigned int i = 0; i < PINGPONG_ROUNDS; i++) {
		u64 mine;

		while (__atomic_load_n(&pp.turn, __ATOMIC_ACQUIRE) != 0)
			;
		mine = timer_count(t);
		if (mine < pp.value && !pp.backwards++) {
			pp.worst_before = pp.value;
			pp.worst_after = mine;
		}
		pp.value = mine;
		__atomic_store_n(&pp.turn, 1, __ATOMIC_RELEASE);
	}
	smp_wait_idle(cpu);
	report_eq(pp.backwards, 0,
		  "%s: cpu 0 <-> cpu %u, %u handoffs: never backwards (first: "
		  "%#llx then %#llx)",
		  t == TIMER_PHYS ? "CNTPCT" : "CNTVCT", cpu,
		  2 * PINGPONG_ROUNDS, (unsigned long long)pp.worst_before,
		  (unsigned long long)pp.worst_after);
}

TEST_CASE(counter_monotonic)
{
	u64 prev = read_cntvct();
	unsigned int back = 0;

	report(timer_freq() != 0, "CNTFRQ_EL0 set (%llu Hz)",
	       (unsigned long long)timer_freq());
	for (int i = 0; i < 10000; i++) {
		u64 now = read_cntvct();

		back += now < prev;
		prev = now;
	}
	report_eq(back, 0, "CNTVCT never goes backwards on one CPU");
	if (nr_cpus() < 2)
		return report_skip("needs 2 CPUs for the cross-CPU check");
	for (unsigned int cpu = 1; cpu < nr_cpus(); cpu++) {
		cross_cpu(TIMER_VIRT, cpu);
		cross_cpu(TIMER_PHYS, cpu);
	}
}
