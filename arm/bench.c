// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: round-trip cost of operations a hypervisor handles for an arm64
 * guest, in CNTVCT ticks (lib/bench.h; docs/performance.md): an HVC or
 * SMC (the PSCI conduit; PSCI_VERSION, Arm DEN 0022D 5.1.1), an MMIO
 * read of the PL011 flag register (PL011 TRM 3.3.3, emulated by the VMM
 * in user space), a read of ID_AA64ISAR0_EL1 (trapped to EL2 when
 * HCR_EL2.TID3 is set, Arm ARM D13.2), a wake-up from WFI by the EL1
 * virtual timer (Arm ARM D11.2.4) through the GIC, and an SGI round trip
 * between two CPUs (GICv3 ICC_SGI1R_EL1, GIC architecture IHI 0069
 * 12.2.23; GICv2 GICD_SGIR). A benchmark never fails on a figure.
 */
#include <libtest.h>
#include <bench.h>
#include <arm64/processor.h>
#include <arm64/exceptions.h>
#include <arm64/gic.h>
#include <arm64/psci.h>
#include <arm64/timer.h>
#include <smp.h>
#include <fdt/devicetree.h>

#define UARTFR 0x18
#define WAIT_MS 100
#define SGI_PING 3
#define SGI_PONG 4

static void op_psci_version(void *data)
{
	psci_call(PSCI_VERSION, 0, 0, 0);
}

TEST_CASE(hypercall)
{
	long v = psci_call(PSCI_VERSION, 0, 0, 0);

	if (!report(v > 0, "PSCI_VERSION by %s returns a version (%#lx)",
		    psci_conduit(), v))
		return;
	bench_run(psci_conduit(), op_psci_version, NULL);
}

static void op_mmio_read(void *addr)
{
	(void)*(volatile u32 *)addr;
}

TEST_CASE(mmio_uart_read)
{
	struct dt_region r;
	int node = dt_find_compatible("arm,pl011");

	if (node < 0 || dt_reg(node, 0, &r))
		return report_skip("no arm,pl011 node in the device tree");
	bench_run("mmio_read_pl011_fr", op_mmio_read,
		  (void *)(uintptr_t)(r.addr + UARTFR));
}

static void op_id_reg(void *data)
{
	u64 v;

	asm volatile("mrs %0, id_aa64isar0_el1" : "=r"(v) : : "memory");
}

TEST_CASE(sysreg_id)
{
	bench_run("mrs_id_aa64isar0_el1", op_id_reg, NULL);
}

static volatile unsigned int fired;

static void vtimer_irq(struct pt_regs *regs)
{
	u32 iar = gic_read_iar();

	if (gic_iar_irqnr(iar) == GIC_SPURIOUS)
		return;
	timer_write_ctl(TIMER_VIRT, CNT_CTL_ENABLE | CNT_CTL_IMASK);
	fired++;
	gic_write_eoir(iar);
}

/* Arms the virtual timer one tick ahead and waits in WFI for it. */
static void op_vtimer(void *data)
{
	unsigned int before = fired;
	u64 deadline = timer_count(TIMER_VIRT) + ms_to_ticks(WAIT_MS);

	timer_write_cval(TIMER_VIRT, timer_count(TIMER_VIRT) + 1);
	timer_write_ctl(TIMER_VIRT, CNT_CTL_ENABLE);
	local_irq_enable();
	while (fired == before && timer_count(TIMER_VIRT) < deadline)
		wfi();
	local_irq_disable();
}

TEST_CASE(vtimer_wakeup)
{
	unsigned int intid = timer_intid(TIMER_VIRT);
	unsigned int before;

	if (!gic_version() || !intid)
		return report_skip(
			"no GIC or no virtual timer interrupt in the "
			"device tree");
	arm64_set_handler(EL1H_IRQ, vtimer_irq);
	gic_irq_enable(intid);
	before = fired;
	op_vtimer(NULL);
	if (report_eq(fired - before, 1,
		      "the virtual timer wakes WFI within %u ms", WAIT_MS))
		bench_run("wfi_vtimer_wakeup", op_vtimer, NULL);
	timer_write_ctl(TIMER_VIRT, 0);
	gic_irq_disable(intid);
	arm64_set_handler(EL1H_IRQ, NULL);
}

static volatile unsigned int pongs;
static int responding, stop_responding;

/* CPU 1 answers a ping with a pong to CPU 0; CPU 0 counts pongs. */
static void sgi_irq(struct pt_regs *regs)
{
	u32 iar = gic_read_iar();
	u32 irq = gic_iar_irqnr(iar);

	if (irq == GIC_SPURIOUS)
		return;
	if (irq == SGI_PING)
		gic_send_sgi(0, SGI_PONG);
	else if (irq == SGI_PONG)
		pongs++;
	gic_write_eoir(iar);
}

static void respond(void *data)
{
	local_irq_enable();
	__atomic_store_n(&responding, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&stop_responding, __ATOMIC_ACQUIRE))
		wfi();
	local_irq_disable();
}

static bool ping(void)
{
	unsigned int before = pongs;
	u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);

	gic_send_sgi(1, SGI_PING);
	local_irq_enable();
	while (pongs == before && read_cntvct() < deadline)
		cpu_relax();
	local_irq_disable();
	return pongs != before;
}

static void op_ping(void *data)
{
	ping();
}

TEST_CASE(sgi_round_trip, .min_cpus = 2)
{
	if (!gic_version())
		return report_skip("no GIC in the device tree");
	arm64_set_handler(EL1H_IRQ, sgi_irq);
	__atomic_store_n(&stop_responding, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&responding, 0, __ATOMIC_RELEASE);
	on_cpu_async(1, respond, NULL);
	while (!__atomic_load_n(&responding, __ATOMIC_ACQUIRE))
		cpu_relax();
	if (report_eq(ping(), true, "cpu 1 answers an SGI within %u ms",
		      WAIT_MS))
		bench_run("sgi_round_trip", op_ping, NULL);
	__atomic_store_n(&stop_responding, 1, __ATOMIC_RELEASE);
	gic_send_sgi(1, SGI_PONG);
	smp_wait_idle(1);
	arm64_set_handler(EL1H_IRQ, NULL);
}
