// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: round-trip cost of the operations a hypervisor intercepts, in
 * TSC ticks (lib/bench.h; docs/performance.md). Each case times one
 * operation: CPUID (Intel SDM vol. 2A CPUID; always intercepted under
 * VMX, SDM vol. 3C 26.1.2), the hypercall instruction (VMCALL, SDM vol.
 * 3C 26.1.2; VMMCALL, AMD APM vol. 3), port I/O to a register the VMM
 * keeps in the kernel (8259A IMR, port 0x21, under KVM's in-kernel
 * irqchip) and to one in user space (16550 scratch register, port
 * 0x3ff), MMIO reads and writes of the local APIC (SDM vol. 3A 11.4.1)
 * and a read of the HPET capabilities register (IA-PC HPET
 * specification 1.0a 2.3.4), RDMSR/WRMSR of EFER, IA32_TSC_DEADLINE
 * (SDM vol. 3A 11.5.4.1) and the x2APIC ICR (11.12.9), a self-IPI waited
 * for by polling with interrupts enabled and by HLT (how soon a VMM
 * injects a pending interrupt into a running guest, against a halted
 * one), an IPI round trip between two CPUs (11.6), HLT until a one-shot APIC
 * timer interrupt (11.5.4), INVLPG, PAUSE, and MOV to/from CR8 (SDM vol.
 * 3A 11.8.6). A benchmark never fails on a figure; an operation the CPU
 * or VMM lacks is a SKIP.
 */
#include <libtest.h>
#include <bench.h>
#include <smp.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/insn_watch.h>
#include <x86/irq.h>
#include <x86/paging.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define PIC1_DATA 0x21
#define COM1_SCR 0x3ff
#define HPET_BASE 0xfed00000UL
#define HPET_VENDOR_QEMU 0x8086
#define BENCH_VECTOR 0x50
#define PONG_VECTOR 0x51
#define HYPERCALL_NONE 0xffff /* no hypercall has this number */
#define WAIT_US 100000

static volatile unsigned int irqs;

static void count_irq(struct ex_regs *regs)
{
	irqs++;
	apic_eoi();
}

static void op_cpuid(void *data)
{
	cpuid(0);
}

TEST_CASE(cpuid)
{
	bench_run("cpuid", op_cpuid, NULL);
}

static void op_vmcall(void *data)
{
	u64 a = HYPERCALL_NONE;

	asm volatile("vmcall" : "+a"(a) : : "memory");
}

static void op_vmmcall(void *data)
{
	u64 a = HYPERCALL_NONE;

	asm volatile("vmmcall" : "+a"(a) : : "memory");
}

/* The vendor's own instruction; #UD means no hypervisor takes it (TCG). */
TEST_CASE(hypercall)
{
	bool amd = cpu_is_amd();
	u64 a = HYPERCALL_NONE;
	struct fault f;

	report_info("vendor %s: %s", cpu_vendor(), amd ? "VMMCALL" : "VMCALL");
	f = amd ? fault_probe_watched("vmmcall",
				      : "+a"(a)
				      :
				      : "memory")
		: fault_probe_watched("vmcall",
				      : "+a"(a)
				      :
				      : "memory");
	/* Not a figure: an instruction that never ends has no cost. */
	if (f.stuck) {
		report_fault(f, FAULT_NONE, "%s completes",
			     amd ? "VMMCALL" : "VMCALL");
		return;
	}
	if (f.raised)
		return report_skip("%s raises %s: no hypervisor handles it",
				   amd ? "VMMCALL" : "VMCALL",
				   fault_str(f, (char[32]){0}, 32));
	bench_run(amd ? "vmmcall" : "vmcall", amd ? op_vmmcall : op_vmcall,
		  NULL);
}

static void op_inb(void *port)
{
	inb((u16)(uintptr_t)port);
}

TEST_CASE(pio_kernel)
{
	bench_run("pio_in_pic_imr", op_inb, (void *)PIC1_DATA);
}

TEST_CASE(pio_user)
{
	outb(COM1_SCR, 0x5a);
	if (inb(COM1_SCR) != 0x5a)
		return report_skip("no 16550 scratch register at port %#x",
				   COM1_SCR);
	bench_run("pio_in_uart_scr", op_inb, (void *)COM1_SCR);
}

static void op_mmio_read(void *addr)
{
	(void)*(volatile u32 *)addr;
}

static void op_mmio_write_tpr(void *addr)
{
	*(volatile u32 *)addr = 0;
}

/* xAPIC registers are MMIO; the mode is the one firmware left (xAPIC). */
static bool xapic(void)
{
	apic_init_cpu();
	return apic_mode() == APIC_MODE_XAPIC;
}

TEST_CASE(mmio_apic_read)
{
	if (!xapic())
		return report_skip("the local APIC is not in xAPIC mode");
	bench_run("mmio_read_apic_lvr", op_mmio_read,
		  (void *)(APIC_DEFAULT_BASE + APIC_LVR));
}

TEST_CASE(mmio_apic_write)
{
	if (!xapic())
		return report_skip("the local APIC is not in xAPIC mode");
	bench_run("mmio_write_apic_tpr", op_mmio_write_tpr,
		  (void *)(APIC_DEFAULT_BASE + APIC_TPR));
}

TEST_CASE(mmio_hpet_read)
{
	u32 cap = *(volatile u32 *)HPET_BASE;

	if (cap == 0xffffffff || !cap)
		return report_skip("no HPET at %#lx", HPET_BASE);
	report_info("HPET vendor %#x%s", cap >> 16,
		    cap >> 16 == HPET_VENDOR_QEMU ? " (QEMU's)" : "");
	bench_run("mmio_read_hpet_cap", op_mmio_read, (void *)HPET_BASE);
}

static void op_rdmsr(void *msr)
{
	rdmsr((u32)(uintptr_t)msr);
}

static u64 efer;

static void op_wrmsr_efer(void *data)
{
	wrmsr(MSR_EFER, efer);
}

TEST_CASE(msr_efer)
{
	efer = rdmsr(MSR_EFER);
	bench_run("rdmsr_efer", op_rdmsr, (void *)MSR_EFER);
	bench_run("wrmsr_efer", op_wrmsr_efer, NULL);
}

static void op_wrmsr_deadline(void *data)
{
	wrmsr(MSR_IA32_TSC_DEADLINE, 0);
}

/* Writing 0 disarms the deadline (SDM vol. 3A 11.5.4.1): nothing fires. */
TEST_CASE(msr_tsc_deadline, .features = CPU_FEATURES(X86_FEATURE_TSC_DEADLINE))
{
	bench_run("wrmsr_tsc_deadline", op_wrmsr_deadline, NULL);
}

/* How the sender of a self-IPI waits for it. */
enum ipi_wait { WAIT_POLL, WAIT_HLT };

struct self_ipi {
	bool x2apic;
	enum ipi_wait wait;
};

static void op_self_ipi(void *data)
{
	const struct self_ipi *how = data;
	unsigned int before = irqs;

	if (how->x2apic)
		wrmsr(APIC_MSR(APIC_ICR), APIC_DEST_SELF | BENCH_VECTOR);
	else
		apic_write(APIC_ICR, APIC_DEST_SELF | BENCH_VECTOR);
	if (how->wait == WAIT_HLT) {
		/* STI's shadow covers HLT: the IPI wakes it (SDM vol. 2A HLT). */
		asm volatile("sti; hlt; cli" : : : "memory");
		return;
	}
	irq_enable();
	while (irqs == before)
		cpu_relax();
	irq_disable();
}

/* One self-IPI, unmeasured, must arrive before the timing starts. */
static bool self_ipi_works(bool x2apic)
{
	unsigned int before = irqs;

	if (x2apic)
		wrmsr(APIC_MSR(APIC_ICR), APIC_DEST_SELF | BENCH_VECTOR);
	else
		apic_write(APIC_ICR, APIC_DEST_SELF | BENCH_VECTOR);
	irq_enable();
	wait_until(irqs != before, WAIT_US);
	irq_disable();
	return report_eq(irqs - before, 1, "a self-IPI arrives within %u us",
			 WAIT_US);
}

TEST_CASE(self_ipi_xapic)
{
	irq_handler_t old;

	if (!xapic())
		return report_skip("the local APIC is not in xAPIC mode");
	old = irq_register(BENCH_VECTOR, count_irq);
	if (self_ipi_works(false)) {
		bench_run("self_ipi_xapic", op_self_ipi,
			  &(struct self_ipi){.wait = WAIT_POLL});
		bench_run("self_ipi_xapic_hlt", op_self_ipi,
			  &(struct self_ipi){.wait = WAIT_HLT});
	}
	irq_register(BENCH_VECTOR, old);
}

/* x2APIC ICR writes by WRMSR (SDM vol. 3A 11.12.9). */
TEST_CASE(self_ipi_x2apic, .features = CPU_FEATURES(X86_FEATURE_X2APIC))
{
	irq_handler_t old;

	if (!apic_set_mode(APIC_MODE_X2APIC))
		return report_skip("x2APIC mode cannot be entered");
	apic_init_cpu();
	old = irq_register(BENCH_VECTOR, count_irq);
	if (self_ipi_works(true))
		bench_run(
			"self_ipi_x2apic_icr", op_self_ipi,
			&(struct self_ipi){.x2apic = true, .wait = WAIT_POLL});
	irq_register(BENCH_VECTOR, old);
	apic_set_mode(APIC_MODE_XAPIC);
	apic_init_cpu();
}

static volatile unsigned int pongs;

/* On CPU 1: answers each ping with a pong to CPU 0. */
static void ping_handler(struct ex_regs *regs)
{
	apic_eoi();
	apic_icr_write(cpu_apic_id(0), PONG_VECTOR);
}

static void pong_handler(struct ex_regs *regs)
{
	pongs++;
	apic_eoi();
}

static bool ping(u64 wait_us)
{
	unsigned int before = pongs;

	apic_icr_write(cpu_apic_id(1), BENCH_VECTOR);
	irq_enable();
	wait_until(pongs != before, wait_us);
	irq_disable();
	return pongs != before;
}

static void op_ping(void *data)
{
	ping(WAIT_US);
}

TEST_CASE(ipi_round_trip, .min_cpus = 2)
{
	irq_handler_t old_ping, old_pong;

	if (!xapic())
		return report_skip("the local APIC is not in xAPIC mode");
	old_ping = irq_register(BENCH_VECTOR, ping_handler);
	old_pong = irq_register(PONG_VECTOR, pong_handler);
	irq_listeners_start();
	if (report_eq(ping(WAIT_US), true, "cpu 1 answers an IPI within %u us",
		      WAIT_US))
		bench_run("ipi_round_trip", op_ping, NULL);
	irq_listeners_stop();
	irq_register(BENCH_VECTOR, old_ping);
	irq_register(PONG_VECTOR, old_pong);
}

/* Arms a one-shot APIC timer of one tick (divide by 1) and halts. */
static void op_hlt_timer(void *data)
{
	unsigned int before = irqs;

	apic_write(APIC_TMICT, 1);
	while (irqs == before)
		safe_halt();
	irq_disable();
}

TEST_CASE(hlt_timer)
{
	unsigned int before = irqs;
	irq_handler_t old;

	if (!xapic())
		return report_skip("the local APIC is not in xAPIC mode");
	old = irq_register(BENCH_VECTOR, count_irq);
	apic_write(APIC_TDCR, 0xb); /* divide by 1 */
	apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | BENCH_VECTOR);
	apic_write(APIC_TMICT, 1);
	irq_enable();
	wait_until(irqs != before, WAIT_US);
	irq_disable();
	if (report_eq(irqs - before, 1,
		      "a one-tick APIC timer fires within %u us", WAIT_US))
		bench_run("hlt_apic_timer_wakeup", op_hlt_timer, NULL);
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	irq_register(BENCH_VECTOR, old);
}

static u64 invlpg_target;

static void op_invlpg(void *data)
{
	invlpg((u64)&invlpg_target);
}

TEST_CASE(invlpg)
{
	bench_run("invlpg", op_invlpg, NULL);
}

static void op_pause(void *data)
{
	asm volatile("pause" ::: "memory");
}

TEST_CASE(pause)
{
	bench_run("pause", op_pause, NULL);
}

static void op_write_cr8(void *data)
{
	asm volatile("mov %0, %%cr8" : : "r"(0UL) : "memory");
}

static void op_read_cr8(void *data)
{
	u64 v;

	asm volatile("mov %%cr8, %0" : "=r"(v) : : "memory");
}

TEST_CASE(cr8)
{
	bench_run("mov_to_cr8", op_write_cr8, NULL);
	bench_run("mov_from_cr8", op_read_cr8, NULL);
}
