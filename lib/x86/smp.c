// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp.c: the x86 hooks of lib/smp.h (see x86/smp.h). The CPU list comes
 * from the MADT, with the boot CPU moved to index 0. arch_cpu_start()
 * sends INIT, then two SIPIs (Intel SDM vol. 3A 9.4.4.1: 10 ms after INIT,
 * 200 us between the SIPIs), one CPU at a time: the trampoline's
 * variables describe the CPU being started until it acknowledges. Idle
 * CPUs poll their mailbox with PAUSE, interrupts off, so that no wake-up
 * IPI ever lands in a register a test is checking.
 */
#include <libtest.h>
#include <smp.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/acpi.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define AP_STACK_ORDER 2
#define INIT_DELAY_US 10000
#define SIPI_DELAY_US 200
#define START_TIMEOUT_US 5000000

extern char trampoline_start[], trampoline_end[];

/* Read by trampoline.S. */
u32 ap_cr3, ap_efer;
u64 ap_stack_top;

static u64 ap_cr0, ap_cr4;
static unsigned int ap_cpu;
static unsigned int ncpus;
static u32 apic_ids[SMP_MAX_CPUS];
static void *stacks[SMP_MAX_CPUS];
static unsigned int boots[SMP_MAX_CPUS];
static u64 start_cycles;
static unsigned int starts;

void __noreturn ap_main(void);

static void discover(void)
{
	u32 self = apic_id();
	unsigned int n = acpi_madt_apic_ids(apic_ids, SMP_MAX_CPUS);

	if (!n) {
		apic_ids[0] = self;
		n = 1;
	}
	for (unsigned int i = 1; i < n; i++) {
		if (apic_ids[i] == self) {
			apic_ids[i] = apic_ids[0];
			apic_ids[0] = self;
		}
	}
	ncpus = n;
}

unsigned int arch_nr_cpus(void)
{
	if (!ncpus)
		discover();
	return ncpus;
}

unsigned int arch_smp_processor_id(void)
{
	return smp_id();
}

u32 cpu_apic_id(unsigned int cpu)
{
	assert(cpu < arch_nr_cpus());
	return apic_ids[cpu];
}

int apic_id_to_cpu(u32 id)
{
	for (unsigned int i = 0; i < arch_nr_cpus(); i++)
		if (apic_ids[i] == id)
			return i;
	return -1;
}

unsigned int smp_boot_count(unsigned int cpu)
{
	return __atomic_load_n(&boots[cpu], __ATOMIC_ACQUIRE);
}

void smp_boot_prepare(unsigned int cpu)
{
	assert(cpu > 0 && cpu < arch_nr_cpus());
	if (!stacks[cpu]) {
		stacks[cpu] = alloc_pages(AP_STACK_ORDER);
		assert(stacks[cpu]);
	}
	memcpy((void *)TRAMPOLINE_BASE, trampoline_start,
	       trampoline_end - trampoline_start);
	ap_cr3 = read_cr3();
	ap_efer = rdmsr(MSR_EFER) & ~EFER_LMA;
	ap_cr0 = read_cr0();
	ap_cr4 = read_cr4();
	ap_stack_top = (u64)stacks[cpu] + (PAGE_SIZE << AP_STACK_ORDER);
	__atomic_store_n(&ap_cpu, cpu, __ATOMIC_RELEASE);
}

u64 smp_start_cycles(unsigned int *count)
{
	*count = starts;
	return start_cycles;
}

void arch_cpu_start(unsigned int cpu)
{
	unsigned int before = smp_boot_count(cpu);
	u32 dest = cpu_apic_id(cpu);
	u64 t0 = rdtsc();

	if (!(apic_read(APIC_SVR) & APIC_SVR_ENABLE))
		apic_init_cpu();
	smp_boot_prepare(cpu);
	if (!apic_icr_write(dest, APIC_DM_INIT | APIC_LEVEL_ASSERT))
		test_crash("INIT IPI to cpu %u (APIC ID %u) stuck pending", cpu,
			   dest);
	udelay(INIT_DELAY_US);
	for (int i = 0; i < 2; i++) {
		apic_icr_write(dest, APIC_DM_STARTUP | TRAMPOLINE_VECTOR);
		udelay(SIPI_DELAY_US);
	}
	if (!wait_until(smp_boot_count(cpu) != before, START_TIMEOUT_US))
		test_crash("cpu %u (APIC ID %u) did not start after "
			   "INIT-SIPI-SIPI",
			   cpu, dest);
	start_cycles += rdtsc() - t0;
	starts++;
}

void ap_main(void)
{
	unsigned int cpu = __atomic_load_n(&ap_cpu, __ATOMIC_ACQUIRE);

	desc_setup_cpu(cpu);
	write_cr0(ap_cr0);
	write_cr4(ap_cr4);
	apic_init_cpu();
	__atomic_fetch_add(&boots[cpu], 1, __ATOMIC_RELEASE);
	smp_secondary_loop();
}

void arch_cpu_wait(void)
{
	cpu_relax();
}

void arch_cpu_kick(void)
{
}
