// SPDX-License-Identifier: GPL-2.0-only
/*
 * apic: local APIC behaviour in xAPIC or x2APIC mode (guest option
 * mode=xapic|x2apic; Intel SDM vol. 3A ch. 11). ID and version (11.4.6,
 * 11.4.8), global enable and the x2APIC transitions of IA32_APIC_BASE
 * (11.4.4, 11.12.5), x2APIC MSR access rules (11.12.1.2), IPIs: self,
 * fixed, all-but-self, physical and logical destinations, lowest priority
 * (11.6), NMI (11.6.1; vol. 3A 6.7.1 NMI blocking), INIT and SIPI to a
 * running processor (9.4, 11.4.7.3), and the priority machinery: TPR, PPR
 * and CR8 (11.8.3, 11.8.6), IRR/ISR bookkeeping and EOI (11.8.4, 11.8.5).
 * Every wait is bounded: a lost interrupt fails naming vector and CPU.
 */
#include <libtest.h>
#include <smp.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define WAIT_US 500000
#define QUIET_US 20000
#define VEC_LOW 0x45
#define VEC_MID 0x65
#define VEC_HIGH 0x85

static enum apic_mode test_mode = APIC_MODE_XAPIC;

static bool x2(void)
{
	return test_mode == APIC_MODE_X2APIC;
}

/*
 * Each case runs with every started CPU, this one first, in the mode under
 * test.
 */
static bool apic_env_setup(void)
{
	if (!apic_mode_from_args(&test_mode))
		return false;
	apic_mode_all_cpus(test_mode, false);
	return true;
}

/* No handler a case installed on the test vectors outlives it. */
static void apic_env_teardown(void)
{
	irq_register(VEC_LOW, NULL);
	irq_register(VEC_MID, NULL);
	irq_register(VEC_HIGH, NULL);
}

TEST_FIXTURE(apic_env, apic_env_setup, apic_env_teardown);

/* Destination field for CPU in physical mode. */
static u32 phys_dest(unsigned int cpu)
{
	return cpu_apic_id(cpu);
}

TEST_CASE(id_version, .fixture = &apic_env)
{
	u32 lvr, max_lvt, cpuid_id;
	u64 v;

	lvr = apic_read(APIC_LVR);
	max_lvt = (lvr >> 16) & 0xff;
	report_info("APIC version register %#x", lvr);
	/* 11.4.8: integrated APICs report versions 0x10-0x15. */
	report((lvr & 0xff) >= 0x10 && (lvr & 0xff) <= 0x15,
	       "version %#x is an integrated APIC (0x10-0x15)", lvr & 0xff);
	report(max_lvt >= 4,
	       "max LVT entry %u >= 4 (timer, LINT0/1, error, PMC)", max_lvt);
	if (x2()) {
		cpuid_id = cpuid_count(0xb, 0).d;
		report_eq(apic_id(), cpuid_id,
			  "x2APIC ID equals CPUID.0BH:EDX (11.12.8)");
		/* 11.12.1.2 table 11-6: ID and version are read-only MSRs. */
		report_fault(wrmsr_safe(APIC_MSR(APIC_ID), apic_id()),
			     FAULT_GP(0),
			     "WRMSR to the x2APIC ID raises #GP(0)");
		report_fault(wrmsr_safe(APIC_MSR(APIC_LVR), lvr), FAULT_GP(0),
			     "WRMSR to the version register raises #GP(0)");
		report_fault(rdmsr_safe(APIC_MSR(APIC_EOI), &v), FAULT_GP(0),
			     "RDMSR of the write-only EOI raises #GP(0)");
		report_fault(
			rdmsr_safe(APIC_MSR(APIC_DFR), &v), FAULT_GP(0),
			"RDMSR of DFR (absent in x2APIC mode) raises #GP(0)");
		report_fault(rdmsr_safe(APIC_MSR(APIC_ICR2), &v), FAULT_GP(0),
			     "RDMSR of MSR 0x831 (no ICR2 in x2APIC mode) "
			     "raises #GP(0)");
		report_fault(wrmsr_safe(APIC_MSR(APIC_EOI), 1), FAULT_GP(0),
			     "non-zero write to EOI raises #GP(0) (11.12.1.2)");
		/* 11.12.10.2: LDR = cluster ID << 16 | 1 << (x2APIC ID & 0xf). */
		report_eq(apic_read(APIC_LDR),
			  ((apic_id() >> 4) << 16) | (1U << (apic_id() & 0xf)),
			  "logical x2APIC ID derived from the x2APIC ID");
		report_fault(wrmsr_safe(APIC_MSR(APIC_LDR), 0), FAULT_GP(0),
			     "WRMSR to the read-only LDR raises #GP(0)");
	} else {
		cpuid_id = cpuid(1).b >> 24;
		report_eq(apic_id(), cpuid_id,
			  "APIC ID equals CPUID.1:EBX[31:24] (11.4.6)");
		report_eq(apic_id(), cpu_apic_id(0),
			  "APIC ID equals the MADT's");
		report_fault(rdmsr_safe(APIC_MSR(APIC_ID), &v), FAULT_GP(0),
			     "x2APIC MSR access in xAPIC mode raises #GP(0) "
			     "(11.12.1.2)");
	}
}

TEST_CASE(self_ipi, .fixture = &apic_env)
{
	irq_counts_clear();
	irq_count_vector(VEC_LOW);
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_LOW);
	report(irq_wait_count(0, VEC_LOW, 1, WAIT_US),
	       "self IPI by ICR shorthand: vector %#x on cpu 0", VEC_LOW);
	if (x2()) {
		/* 11.12.11: SELF IPI register, vector in bits 7:0. */
		wrmsr(APIC_MSR(APIC_SELF_IPI), VEC_LOW);
		report(irq_wait_count(0, VEC_LOW, 2, WAIT_US),
		       "SELF IPI MSR: vector %#x on cpu 0", VEC_LOW);
	}
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_LOW), x2() ? 2 : 1, "each IPI taken once");
}

TEST_CASE(fixed_ipi, .fixture = &apic_env, .min_cpus = 2)
{
	unsigned int n = nr_cpus();

	irq_counts_clear();
	irq_count_vector(VEC_MID);
	irq_listeners_start();
	apic_icr_write(phys_dest(1), APIC_DM_FIXED | VEC_MID);
	report(wait_until(irq_count(1, VEC_MID) == 1, WAIT_US),
	       "physical fixed IPI: vector %#x on cpu 1", VEC_MID);
	apic_icr_write(0, APIC_DEST_OTHERS | APIC_DM_FIXED | VEC_MID);
	for (unsigned int c = 1; c < n; c++)
		report(wait_until(irq_count(c, VEC_MID) == 1 + (c == 1),
				  WAIT_US),
		       "all-but-self: vector %#x on cpu %u", VEC_MID, c);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_MID), 0, "all-but-self skips the sender");
	apic_icr_write(0, APIC_DEST_ALL | APIC_DM_FIXED | VEC_MID);
	report(irq_wait_count(0, VEC_MID, 1, WAIT_US),
	       "all-including-self: sender too");
	for (unsigned int c = 1; c < n; c++)
		report(wait_until(irq_count(c, VEC_MID) == 2 + (c == 1),
				  WAIT_US),
		       "all-including-self: vector %#x on cpu %u", VEC_MID, c);
	irq_listeners_stop();
}

static void set_ldr(void *data)
{
	unsigned int cpu = smp_processor_id();

	/* Flat model (11.6.2.2): one bit of LDR[31:24] per CPU. */
	apic_write(APIC_DFR, 0xffffffff);
	apic_write(APIC_LDR, (1U << cpu) << 24);
}

/* Logical destination that selects exactly CPU (flat, or x2APIC cluster). */
static u32 logical_dest(unsigned int cpu)
{
	u32 id = cpu_apic_id(cpu);

	if (x2())
		return ((id >> 4) << 16) | (1U << (id & 0xf));
	return 1U << cpu;
}

TEST_CASE(logical_dest, .fixture = &apic_env, .min_cpus = 2)
{
	if (!x2()) {
		if (nr_cpus() > 8)
			return report_skip(
				"flat logical mode addresses 8 CPUs");
		on_cpus(set_ldr, NULL);
	}
	irq_counts_clear();
	irq_count_vector(VEC_MID);
	irq_listeners_start();
	apic_icr_write(logical_dest(1),
		       APIC_DEST_LOGICAL | APIC_DM_FIXED | VEC_MID);
	report(wait_until(irq_count(1, VEC_MID) == 1, WAIT_US),
	       "logical destination of cpu 1: vector %#x on cpu 1", VEC_MID);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_MID), 0, "cpu 0 not addressed, not taken");
	if (!x2() || (cpu_apic_id(0) >> 4) == (cpu_apic_id(1) >> 4)) {
		apic_icr_write(logical_dest(0) | logical_dest(1),
			       APIC_DEST_LOGICAL | APIC_DM_FIXED | VEC_MID);
		report(irq_wait_count(0, VEC_MID, 1, WAIT_US),
		       "mask of cpus 0,1: cpu 0 took it");
		report(wait_until(irq_count(1, VEC_MID) == 2, WAIT_US),
		       "mask of cpus 0,1: vector %#x on cpu 1", VEC_MID);
	}
	irq_listeners_stop();
}

TEST_CASE(lowest_priority, .fixture = &apic_env, .min_cpus = 2)
{
	unsigned int got = 0, n = nr_cpus();

	if (!x2()) {
		if (n > 8)
			return report_skip(
				"flat logical mode addresses 8 CPUs");
		on_cpus(set_ldr, NULL);
	}
	if (x2() && (cpu_apic_id(0) >> 4) != (cpu_apic_id(1) >> 4))
		return report_skip(
			"cpus 0 and 1 are in different x2APIC clusters");
	irq_counts_clear();
	irq_count_vector(VEC_MID);
	irq_listeners_start();
	/* 11.6.2.4: one processor of the destination set gets it. */
	apic_icr_write(logical_dest(0) | logical_dest(1),
		       APIC_DEST_LOGICAL | APIC_DM_LOWEST | VEC_MID);
	irq_enable();
	wait_until(irq_count(0, VEC_MID) + irq_count(1, VEC_MID) >= 1, WAIT_US);
	udelay(QUIET_US);
	irq_disable();
	for (unsigned int c = 0; c < n; c++)
		got += irq_count(c, VEC_MID);
	report_eq(got, 1, "lowest-priority IPI to cpus 0,1 taken exactly once");
	report_eq(irq_count(0, VEC_MID) + irq_count(1, VEC_MID), 1,
		  "by a CPU of the destination set");
	irq_listeners_stop();
}

static void set_tpr(void *data)
{
	apic_write(APIC_TPR, *(u32 *)data);
}

/*
 * Processor priority and lowest-priority arbitration (11.6.2.4, 11.8.3.1).
 * Which CPU of the set wins is not architectural: 11.6.1 makes sending a
 * lowest-priority IPI model specific, and 11.6.2.4 lets the chipset (not
 * the processors' priorities) choose the target on Pentium 4, Xeon and
 * later processors. What every implementation must do is deliver it to
 * exactly one CPU of the destination set; the winner is reported only.
 * Both TPR classes stay below the vector's, so either CPU can take it.
 */
static void lowest_priority_round(u32 tpr0, u32 tpr1)
{
	unsigned int got = 0, n = nr_cpus(), winner = n;
	u32 zero = 0;

	irq_counts_clear();
	apic_write(APIC_TPR, tpr0);
	on_cpu(1, set_tpr, &tpr1);
	report_eq(apic_read(APIC_PPR), tpr0,
		  "cpu 0: PPR = TPR %#x with nothing in service", tpr0);
	irq_listeners_start();
	apic_icr_write(logical_dest(0) | logical_dest(1),
		       APIC_DEST_LOGICAL | APIC_DM_LOWEST | VEC_MID);
	irq_enable();
	wait_until(irq_count(0, VEC_MID) + irq_count(1, VEC_MID) >= 1, WAIT_US);
	udelay(QUIET_US);
	irq_disable();
	irq_listeners_stop();
	apic_write(APIC_TPR, 0);
	on_cpu(1, set_tpr, &zero);
	for (unsigned int c = 0; c < n; c++) {
		got += irq_count(c, VEC_MID);
		if (irq_count(c, VEC_MID) && winner == n)
			winner = c;
	}
	report_eq(got, 1,
		  "TPR cpu0 %#x cpu1 %#x: lowest-priority IPI taken exactly "
		  "once",
		  tpr0, tpr1);
	report_eq(irq_count(0, VEC_MID) + irq_count(1, VEC_MID), 1,
		  "TPR cpu0 %#x cpu1 %#x: by a CPU of the destination set",
		  tpr0, tpr1);
	if (got == 1 && winner < 2)
		report_info("TPR cpu0 %#x cpu1 %#x: cpu %u took it, the %s "
			    "processor priority (not required, 11.6.2.4)",
			    tpr0, tpr1, winner,
			    (winner ? tpr1 < tpr0 : tpr0 < tpr1) ? "lower"
								 : "higher");
}

TEST_CASE(lowest_priority_tpr, .fixture = &apic_env, .min_cpus = 2)
{
	if (!x2()) {
		if (nr_cpus() > 8)
			return report_skip(
				"flat logical mode addresses 8 CPUs");
		on_cpus(set_ldr, NULL);
	}
	if (x2() && (cpu_apic_id(0) >> 4) != (cpu_apic_id(1) >> 4))
		return report_skip(
			"cpus 0 and 1 are in different x2APIC clusters");
	irq_count_vector(VEC_MID);
	lowest_priority_round(0x50, 0x10);
	lowest_priority_round(0x10, 0x50);
}

TEST_CASE(tpr_ppr, .fixture = &apic_env)
{
	bool ok = true;

	/* 11.8.3.1: with nothing in service, PPR = TPR. */
	for (u32 tpr = 0; tpr < 256; tpr += 0x13) {
		apic_write(APIC_TPR, tpr);
		ok &= apic_read(APIC_PPR) == tpr && apic_read(APIC_TPR) == tpr;
	}
	report(ok, "PPR equals TPR with an empty ISR, TPR reads back");
	/* 11.8.6: CR8[3:0] is TPR[7:4]. */
	write_cr8(5);
	report_eq(apic_read(APIC_TPR), 0x50, "MOV to CR8 5 sets TPR to 0x50");
	apic_write(APIC_TPR, 0x90);
	report_eq(read_cr8(), 9, "TPR 0x90 reads as CR8 9");
	apic_write(APIC_TPR, 0);

	/* 11.8.3.1: only classes above PPR[7:4] are delivered. */
	irq_counts_clear();
	irq_count_vector(VEC_LOW);
	irq_count_vector(VEC_MID);
	apic_write(APIC_TPR, VEC_LOW & 0xf0);
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_LOW);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_LOW), 0,
		  "TPR class 4 holds vector %#x (class 4) back", VEC_LOW);
	report(apic_vec_bit(APIC_IRR, VEC_LOW), "and it waits in the IRR");
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_MID);
	report(irq_wait_count(0, VEC_MID, 1, WAIT_US),
	       "vector %#x (class 6) delivered above TPR class 4", VEC_MID);
	apic_write(APIC_TPR, 0);
	report(irq_wait_count(0, VEC_LOW, 1, WAIT_US),
	       "lowering TPR delivers the held vector %#x", VEC_LOW);
}

struct in_service {
	u32 ppr, isr_high, tpr_set;
	bool low_in_isr, eoi_kept_low;
	int order[3];
	unsigned int n;
};

static struct in_service seen;

static void record(unsigned int vec)
{
	if (seen.n < 3)
		seen.order[seen.n] = vec;
	seen.n++;
}

static void high_handler(struct ex_regs *regs)
{
	record(regs->vector);
	seen.isr_high = apic_highest(APIC_ISR);
	seen.low_in_isr = apic_vec_bit(APIC_ISR, VEC_LOW);
	/* 11.8.5: EOI retires the highest vector in service. */
	apic_eoi();
	seen.eoi_kept_low = apic_vec_bit(APIC_ISR, VEC_LOW) &&
			    !apic_vec_bit(APIC_ISR, VEC_HIGH);
}

/* In service: VEC_LOW. Checks PPR, then lets VEC_HIGH nest. */
static void low_handler(struct ex_regs *regs)
{
	record(regs->vector);
	apic_write(APIC_TPR, seen.tpr_set);
	seen.ppr = apic_read(APIC_PPR);
	apic_write(APIC_TPR, 0);
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_HIGH);
	irq_enable();
	wait_until(seen.n >= 2, WAIT_US);
	irq_disable();
	apic_eoi();
}

TEST_CASE(isr_irr_eoi, .fixture = &apic_env)
{
	irq_register(VEC_LOW, low_handler);
	irq_register(VEC_HIGH, high_handler);
	memset(&seen, 0, sizeof(seen));
	seen.tpr_set = 0x32;
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_LOW);
	report(apic_vec_bit(APIC_IRR, VEC_LOW) &&
		       !apic_vec_bit(APIC_ISR, VEC_LOW),
	       "with IF=0 the IPI waits in the IRR, not in the ISR");
	report(!apic_vec_bit(APIC_TMR, VEC_LOW), "edge IPI: TMR bit clear");
	irq_enable();
	wait_until(seen.n >= 2, WAIT_US);
	irq_disable();
	report_eq(seen.n, 2, "vector %#x then nested %#x taken on cpu 0",
		  VEC_LOW, VEC_HIGH);
	report_eq(seen.ppr, VEC_LOW & 0xf0,
		  "PPR = ISRV[7:4] when TPR class is lower (TPR %#x)",
		  seen.tpr_set);
	report_eq(seen.isr_high, VEC_HIGH, "nested: highest in-service is %#x",
		  VEC_HIGH);
	report(seen.low_in_isr, "nested: %#x still in service", VEC_LOW);
	report(seen.eoi_kept_low, "EOI cleared %#x only, %#x stays in service",
	       VEC_HIGH, VEC_LOW);
	report_eq(apic_highest(APIC_ISR), -1, "ISR empty after both EOIs");

	/* With IF = 0 two vectors collect in the IRR; the higher goes first. */
	irq_counts_clear();
	irq_count_vector(VEC_LOW);
	irq_count_vector(VEC_HIGH);
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_LOW);
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_LOW);
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | VEC_HIGH);
	report_eq(apic_highest(APIC_IRR), VEC_HIGH, "IRR holds %#x as highest",
		  VEC_HIGH);
	irq_window(QUIET_US);
	report_eq(irq_order(0, 0), VEC_HIGH,
		  "the higher vector is taken first");
	report_eq(irq_order(0, 1), VEC_LOW, "then the lower one");
	report_eq(irq_count(0, VEC_LOW), 1,
		  "two IPIs of one vector pending together collapse (one IRR "
		  "bit)");
}

static volatile unsigned int nmis[SMP_MAX_CPUS];
static volatile unsigned int nmi_extra_sent;

static void nmi_count(struct ex_regs *regs)
{
	nmis[smp_processor_id()]++;
}

/*
 * The first NMI sends three more to itself while NMIs are blocked (SDM
 * vol. 3A 6.7.1): one is held pending, the others are lost, so exactly
 * one more NMI follows the IRET.
 */
static void nmi_send_more(struct ex_regs *regs)
{
	unsigned int cpu = smp_processor_id();

	if (nmis[cpu]++ == 0) {
		for (int i = 0; i < 3; i++)
			apic_self_nmi();
		udelay(QUIET_US);
		nmi_extra_sent = nmis[cpu];
	}
}

TEST_CASE(nmi_ipi, .fixture = &apic_env)
{
	exception_handler_t old = x86_set_handler(NMI_VECTOR, nmi_count);

	memset((void *)nmis, 0, sizeof(nmis));
	apic_self_nmi();
	report(wait_until(nmis[0] == 1, WAIT_US),
	       "NMI to self taken on cpu 0 with IF=0");
	if (nr_cpus() > 1) {
		irq_listeners_start();
		apic_icr_write(phys_dest(1), APIC_DM_NMI);
		report(wait_until(nmis[1] == 1, WAIT_US),
		       "NMI IPI taken on cpu 1");
		irq_listeners_stop();
	}
	x86_set_handler(NMI_VECTOR, old);
}

TEST_CASE(nmi_collapse, .fixture = &apic_env)
{
	exception_handler_t old = x86_set_handler(NMI_VECTOR, nmi_send_more);

	memset((void *)nmis, 0, sizeof(nmis));
	nmi_extra_sent = 0;
	apic_self_nmi();
	wait_until(nmis[0] >= 2, WAIT_US);
	udelay(QUIET_US);
	report_eq(nmi_extra_sent, 1, "no NMI nested in the NMI handler");
	report_eq(nmis[0], 2,
		  "three NMIs sent while blocked: one delivered after IRET");
	x86_set_handler(NMI_VECTOR, old);
}

static volatile unsigned long spins;
static volatile bool spin_stop;

static void spin(void *data)
{
	while (!spin_stop)
		spins++;
}

static bool spinning(void)
{
	unsigned long s = spins;

	return wait_until(spins != s, 100000);
}

/*
 * INIT takes effect some time after the ICR write (the target notices it
 * at an instruction boundary; under TCG when its thread next runs): true
 * once cpu 1's counter stays still for QUIET_US, trying for WAIT_US.
 */
static bool stops_spinning(void)
{
	unsigned long s;

	return wait_until((s = spins, udelay(QUIET_US), spins == s), WAIT_US);
}

/* SDM 9.4 and 11.4.7.3: INIT parks a running CPU until a SIPI restarts it. */
TEST_CASE(init_sipi, .fixture = &apic_env, .min_cpus = 2)
{
	unsigned int boots;
	u32 dest;

	dest = phys_dest(1);
	spin_stop = false;
	on_cpu_async(1, spin, NULL);
	report(spinning(), "cpu 1 runs");
	boots = smp_boot_count(1);
	apic_icr_write(dest, APIC_DM_INIT | APIC_LEVEL_ASSERT);
	report(stops_spinning(), "INIT stops cpu 1 (wait-for-SIPI)");
	smp_boot_prepare(1);
	spin_stop = true;
	apic_icr_write(dest, APIC_DM_STARTUP | TRAMPOLINE_VECTOR);
	report(wait_until(smp_boot_count(1) == boots + 1, WAIT_US * 4),
	       "SIPI vector %#x restarts cpu 1 at the trampoline",
	       TRAMPOLINE_VECTOR);
	smp_wait_idle(1);
	on_cpu(1, apic_enter_mode, &test_mode);
	apic_icr_write(dest, APIC_DM_STARTUP | TRAMPOLINE_VECTOR);
	udelay(20000);
	report_eq(smp_boot_count(1), boots + 1,
		  "SIPI to a CPU not waiting for one is ignored");
}

/*
 * The two cases that disable the APIC come last: some hypervisors cannot
 * enable it again, which must not hide the results of the others.
 */
/* SDM 11.12.5 figure 11-28: the legal IA32_APIC_BASE state changes. */
TEST_CASE(x2apic_transitions, .fixture = &apic_env)
{
	u64 base, addr;
	unsigned int maxphy = cpu_phys_bits();

	apic_set_mode(APIC_MODE_XAPIC);
	base = rdmsr(MSR_IA32_APIC_BASE);
	addr = base & ~(APIC_BASE_EN | APIC_BASE_EXTD);
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, addr | APIC_BASE_EXTD),
		     FAULT_GP(0),
		     "xAPIC -> EN=0 EXTD=1 (invalid state) raises #GP(0)");
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, base | BIT(9)), FAULT_GP(0),
		     "reserved bit 9 raises #GP(0)");
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, base | BIT(0)), FAULT_GP(0),
		     "reserved bit 0 raises #GP(0)");
	if (maxphy < 52)
		report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, base | BIT(maxphy)),
			     FAULT_GP(0),
			     "base bit %u (>= MAXPHYADDR) raises #GP(0)",
			     maxphy);
	if (!cpu_has(X86_FEATURE_X2APIC)) {
		report_fault(
			wrmsr_safe(MSR_IA32_APIC_BASE, base | APIC_BASE_EXTD),
			FAULT_GP(0),
			"EXTD without x2APIC support raises #GP(0)");
		return;
	}
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, base | APIC_BASE_EXTD),
		     FAULT_NONE, "xAPIC -> x2APIC is legal");
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, base), FAULT_GP(0),
		     "x2APIC -> xAPIC raises #GP(0)");
	report_eq(rdmsr(MSR_IA32_APIC_BASE) & (APIC_BASE_EN | APIC_BASE_EXTD),
		  APIC_BASE_EN | APIC_BASE_EXTD, "still in x2APIC mode");
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, addr), FAULT_NONE,
		     "x2APIC -> disabled is legal");
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE,
				addr | APIC_BASE_EN | APIC_BASE_EXTD),
		     FAULT_GP(0), "disabled -> x2APIC raises #GP(0)");
	report_fault(wrmsr_safe(MSR_IA32_APIC_BASE, addr | APIC_BASE_EN),
		     FAULT_NONE, "disabled -> xAPIC is legal");
	/* The driver's idea of the mode follows what we did by hand. */
	apic_set_mode(APIC_MODE_DISABLED);
	apic_set_mode(test_mode);
	apic_init_cpu();
}

static void read_base(void *data)
{
	*(u64 *)data = rdmsr(MSR_IA32_APIC_BASE);
}

TEST_CASE(apic_base, .fixture = &apic_env)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE), v;

	report_eq(base & ~0xfffULL, APIC_DEFAULT_BASE,
		  "APIC base address is 0xfee00000 after reset (11.4.4)");
	report(base & APIC_BASE_BSP, "BSP flag set on the boot processor");
	if (nr_cpus() > 1) {
		on_cpu(1, read_base, &v);
		report(!(v & APIC_BASE_BSP), "BSP flag clear on an AP");
	}
	apic_set_mode(APIC_MODE_DISABLED);
	v = rdmsr(MSR_IA32_APIC_BASE);
	report_eq(v & (APIC_BASE_EN | APIC_BASE_EXTD), 0,
		  "APIC globally disabled (EN = 0)");
	/* 11.4.3: with EN = 0 the CPUID APIC flag reads 0. */
	report(!(cpuid(1).d & BIT(9)),
	       "CPUID.1:EDX.APIC reads 0 while the APIC is disabled");
	apic_set_mode(APIC_MODE_XAPIC);
	report(cpuid(1).d & BIT(9), "CPUID.1:EDX.APIC back after re-enable");
	apic_set_mode(test_mode);
	apic_init_cpu();
	report_eq(apic_id(), cpu_apic_id(0), "APIC ID kept across disable");
}
