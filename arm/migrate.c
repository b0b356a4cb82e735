// SPDX-License-Identifier: GPL-2.0-only
/*
 * migrate: arm64 state across live migration (docs/migration.md). GIC
 * distributor state (Arm IHI 0069 12.9 / IHI 0048B 4.3: GICD_ISENABLER,
 * GICD_IPRIORITYR, GICD_ISPENDR, GICD_ISACTIVER) and the CPU interface's
 * running priority (IHI 0069 4.8, ICC_RPR_EL1); the virtual timer (Arm
 * ARM D11.2: CNTV_CVAL_EL0 and CTL keep their values, ISTATUS is set when
 * the counter reaches CVAL, never before; the virtual counter never goes
 * back); EL0/EL1 software thread ID and context registers the guest wrote
 * (Arm ARM D17.2: TPIDR_EL0, TPIDRRO_EL0, CONTEXTIDR_EL1) and
 * the registers it runs on (TPIDR_EL1, the library's per-CPU pointer;
 * SCTLR, TCR, MAIR, TTBR0, VBAR); the PMU cycle counter, which counts
 * up while enabled (Arm ARM D13.11 PMCR_EL0.E, PMCNTENSET_EL0.C,
 * PMCCNTR_EL0) and a value written to an event counter's type register
 * (PMEVTYPER0_EL0). A migrated VM must
 * see all of them as it left them.
 */
#include <libtest.h>
#include <migrate.h>
#include <arm64/processor.h>
#include <arm64/gic.h>
#include <arm64/timer.h>

#define SPI_ACTIVE (GIC_FIRST_SPI + 8)
#define SPI_PENDING (GIC_FIRST_SPI + 9)
#define SPI_DISABLED (GIC_FIRST_SPI + 10)
#define PRIO_HIGH 0x40
#define PRIO_LOW 0x80
#define TIMER_MS 3000
/* ISTATUS is polled; the poll may see it this late on a busy host. */
#define LATE_MS 500

static bool migrate_or_skip(void)
{
	if (migrate_point())
		return true;
	report_skip("not migrated: %s", migrate_reason());
	return false;
}

TEST_CASE(gic_distributor)
{
	u32 iar, rpr_before, rpr_after;

	if (!gic_version() || gic_nr_irqs() <= SPI_DISABLED)
		return report_skip("no GIC with SPIs up to %u", SPI_DISABLED);
	/* IRQs stay masked at the CPU: the GIC alone holds the state. */
	local_irq_disable();
	gic_irq_set_priority(SPI_ACTIVE, PRIO_HIGH);
	gic_irq_set_priority(SPI_PENDING, PRIO_LOW);
	gic_irq_enable(SPI_ACTIVE);
	gic_irq_enable(SPI_PENDING);
	gic_irq_disable(SPI_DISABLED);
	gic_irq_set_pending(SPI_ACTIVE);
	gic_irq_set_pending(SPI_PENDING);
	gic_irq_set_pending(SPI_DISABLED);
	iar = gic_read_iar();
	if (!report_eq(gic_iar_irqnr(iar), SPI_ACTIVE,
		       "acknowledge takes the higher-priority SPI"))
		goto out;
	rpr_before = gic_read_rpr();
	if (!migrate_or_skip()) {
		gic_write_eoir(iar);
		goto out;
	}
	report(gic_irq_enabled(SPI_ACTIVE) && gic_irq_enabled(SPI_PENDING) &&
		       !gic_irq_enabled(SPI_DISABLED),
	       "enable bits kept (ISENABLER)");
	report(gic_irq_active(SPI_ACTIVE) && !gic_irq_pending(SPI_ACTIVE),
	       "SPI %u still active, not pending (ISACTIVER)", SPI_ACTIVE);
	report(gic_irq_pending(SPI_PENDING) && !gic_irq_active(SPI_PENDING),
	       "SPI %u still pending behind it (ISPENDR)", SPI_PENDING);
	report(gic_irq_pending(SPI_DISABLED), "disabled SPI %u still pending",
	       SPI_DISABLED);
	rpr_after = gic_read_rpr();
	report_eq(rpr_after, rpr_before,
		  "running priority is the active SPI's priority");
	gic_write_eoir(iar);
	iar = gic_read_iar();
	report_eq(gic_iar_irqnr(iar), SPI_PENDING,
		  "after EOI the pending SPI is acknowledged next "
		  "(its priority kept)");
	if (gic_iar_irqnr(iar) != GIC_SPURIOUS)
		gic_write_eoir(iar);
out:
	gic_irq_disable(SPI_ACTIVE);
	gic_irq_disable(SPI_PENDING);
	gic_irq_clear_pending(SPI_ACTIVE);
	gic_irq_clear_pending(SPI_PENDING);
	gic_irq_clear_pending(SPI_DISABLED);
	gic_irq_clear_active(SPI_ACTIVE);
	gic_irq_set_priority(SPI_ACTIVE, GIC_DEFAULT_PRIO);
	gic_irq_set_priority(SPI_PENDING, GIC_DEFAULT_PRIO);
}

TEST_CASE(virtual_timer)
{
	u64 armed, cval, back, seen, late = ms_to_ticks(LATE_MS);

	timer_write_ctl(TIMER_VIRT, 0);
	armed = timer_count(TIMER_VIRT);
	cval = armed + ms_to_ticks(TIMER_MS);
	timer_write_cval(TIMER_VIRT, cval);
	/* Enabled, interrupt masked at the timer: ISTATUS is the state. */
	timer_write_ctl(TIMER_VIRT, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	if (!migrate_or_skip())
		goto out;
	back = timer_count(TIMER_VIRT);
	report(back >= armed, "virtual counter did not go back (%#lx >= %#lx)",
	       back, armed);
	report_eq(timer_read_cval(TIMER_VIRT), cval, "CNTV_CVAL_EL0 kept");
	report_eq(timer_read_ctl(TIMER_VIRT) & (CNT_CTL_ENABLE | CNT_CTL_IMASK),
		  CNT_CTL_ENABLE | CNT_CTL_IMASK, "CNTV_CTL_EL0 kept");
	while (!(timer_read_ctl(TIMER_VIRT) & CNT_CTL_ISTATUS) &&
	       timer_count(TIMER_VIRT) < MAX(cval, back) + 2 * late)
		cpu_relax();
	seen = timer_count(TIMER_VIRT);
	if (!report(timer_read_ctl(TIMER_VIRT) & CNT_CTL_ISTATUS,
		    "ISTATUS set once the counter passed CVAL"))
		goto out;
	report(seen >= cval, "not early: condition seen %ld ms after CVAL",
	       ((long)seen - (long)cval) / (long)ms_to_ticks(1));
	report(seen <= MAX(cval, back) + late,
	       "not late (seen %ld ms after arming, due after %d ms)",
	       (long)(seen - armed) / (long)ms_to_ticks(1), TIMER_MS);
out:
	timer_write_ctl(TIMER_VIRT, 0);
}

struct sysreg_values {
	u64 tpidr_el0, tpidrro_el0, tpidr_el1, contextidr_el1;
	u64 sctlr_el1, tcr_el1, mair_el1, ttbr0_el1, vbar_el1;
};

static void read_values(struct sysreg_values *v)
{
	v->tpidr_el0 = read_sysreg(tpidr_el0);
	v->tpidrro_el0 = read_sysreg(tpidrro_el0);
	v->tpidr_el1 = read_sysreg(tpidr_el1);
	v->contextidr_el1 = read_sysreg(contextidr_el1);
	v->sctlr_el1 = read_sysreg(sctlr_el1);
	v->tcr_el1 = read_sysreg(tcr_el1);
	v->mair_el1 = read_sysreg(mair_el1);
	v->ttbr0_el1 = read_sysreg(ttbr0_el1);
	v->vbar_el1 = read_sysreg(vbar_el1);
}

TEST_CASE(system_registers)
{
	struct sysreg_values old, want, got;

	read_values(&old);
	write_sysreg(0x0123456789abcdefULL, tpidr_el0);
	write_sysreg(0xfedcba9876543210ULL, tpidrro_el0);
	write_sysreg(0x1234, contextidr_el1);
	isb();
	read_values(&want);
	if (migrate_or_skip()) {
		read_values(&got);
		report_eq(got.tpidr_el0, want.tpidr_el0, "TPIDR_EL0 kept");
		report_eq(got.tpidrro_el0, want.tpidrro_el0,
			  "TPIDRRO_EL0 kept");
		report_eq(got.tpidr_el1, want.tpidr_el1,
			  "TPIDR_EL1 kept (the library's per-CPU pointer)");
		report_eq(got.contextidr_el1, want.contextidr_el1,
			  "CONTEXTIDR_EL1 kept");
		report_eq(got.sctlr_el1, want.sctlr_el1, "SCTLR_EL1 kept");
		report_eq(got.tcr_el1, want.tcr_el1, "TCR_EL1 kept");
		report_eq(got.mair_el1, want.mair_el1, "MAIR_EL1 kept");
		report_eq(got.ttbr0_el1, want.ttbr0_el1, "TTBR0_EL1 kept");
		report_eq(got.vbar_el1, want.vbar_el1, "VBAR_EL1 kept");
	}
	write_sysreg(old.tpidr_el0, tpidr_el0);
	write_sysreg(old.tpidrro_el0, tpidrro_el0);
	write_sysreg(old.contextidr_el1, contextidr_el1);
	isb();
}

#define PMCR_E BIT(0)
#define PMCR_LC BIT(6)
#define PMCR_N(v) (((v) >> 11) & 0x1f)
#define PMCNTEN_C BIT(31)
/* PMEVTYPER<n>_EL0.evtCount: 0x11 CPU_CYCLES (Arm ARM D13.12). */
#define EVT_CPU_CYCLES 0x11
/* PMUv3: ID_AA64DFR0_EL1.PMUVer 1 to 0xe (Arm ARM D13.2.28). */
#define PMUV3 ID_FEATURE(ID_AA64DFR0, 8, 0x1, 0xe, "PMUVer")

TEST_CASE(pmu_counters, .features = CPU_FEATURES(PMUV3))
{
	u64 pmcr = read_sysreg(pmcr_el0), before, after;
	bool have_evcnt = PMCR_N(pmcr) > 0;

	write_sysreg(pmcr | PMCR_E | PMCR_LC, pmcr_el0);
	write_sysreg(PMCNTEN_C, pmcntenset_el0);
	if (have_evcnt)
		write_sysreg(EVT_CPU_CYCLES, pmevtyper0_el0);
	isb();
	before = read_sysreg(pmccntr_el0);
	if (migrate_or_skip()) {
		after = read_sysreg(pmccntr_el0);
		report(after > before,
		       "cycle counter kept counting up (%#lx -> %#lx)", before,
		       after);
		report(read_sysreg(pmcntenset_el0) & PMCNTEN_C,
		       "cycle counter still enabled (PMCNTENSET_EL0.C)");
		report(read_sysreg(pmcr_el0) & PMCR_E, "PMCR_EL0.E kept");
		if (have_evcnt)
			report_eq(read_sysreg(pmevtyper0_el0) & 0xffff,
				  EVT_CPU_CYCLES,
				  "PMEVTYPER0_EL0 event number kept");
	}
	write_sysreg(PMCNTEN_C, pmcntenclr_el0);
	write_sysreg(pmcr, pmcr_el0);
	isb();
}
