// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp.c: the arm64 hooks of lib/smp.h. CPUs are the device tree's /cpus
 * nodes in order; a CPU is started with PSCI CPU_ON at secondary_entry
 * (entry.S) with a struct cpu_boot as context, which is cleaned to the
 * point of coherency first because the new CPU reads it with its MMU and
 * caches off (Arm ARM D7.5.9 DC CVAC). Idle CPUs wait with WFE and are
 * woken by SEV (D1.16.2 "Wait for Event").
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/smp.h>
#include <arm64/psci.h>
#include <arm64/mmu.h>
#include <arm64/gic.h>
#include <arm64/asm-offsets.h>

#define STACK_ORDER 2
#define START_TIMEOUT_MS 5000

_Static_assert(__builtin_offsetof(struct cpu_boot, percpu) == BOOT_PERCPU,
	       "cpu_boot");
_Static_assert(__builtin_offsetof(struct cpu_boot, sctlr) == BOOT_SCTLR,
	       "cpu_boot");

extern char secondary_entry[], boot_stack_top[];

static unsigned int ncpus = 1;
static u64 mpidrs[SMP_MAX_CPUS];
static struct percpu percpu[SMP_MAX_CPUS];
static struct cpu_boot boot_ctx[SMP_MAX_CPUS][SMP_MAX_CPUS] __aligned(64);

void arm64_secondary(struct cpu_boot *boot);

void percpu_init_boot(void)
{
	percpu[0].cpu = 0;
	percpu[0].stack_top = (u64)boot_stack_top;
	percpu[0].stack_bottom = (u64)boot_stack_top - 16384;
	write_sysreg(&percpu[0], tpidr_el1);
}

void smp_init(void)
{
	int n = dt_cpus(mpidrs, SMP_MAX_CPUS);
	u64 self = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;

	ncpus = n > 0 ? n : 1;
	if (n <= 0)
		mpidrs[0] = self;
	/* The boot CPU is CPU 0 whatever its place in the list. */
	for (unsigned int i = 1; i < ncpus; i++) {
		if (mpidrs[i] == self) {
			mpidrs[i] = mpidrs[0];
			mpidrs[0] = self;
		}
	}
	percpu[0].mpidr = self;
}

unsigned int arch_nr_cpus(void)
{
	return ncpus;
}

unsigned int arch_smp_processor_id(void)
{
	return this_cpu() ? this_cpu()->cpu : 0;
}

u64 cpu_mpidr(unsigned int cpu)
{
	assert(cpu < ncpus);
	return mpidrs[cpu];
}

int mpidr_to_cpu(u64 mpidr)
{
	for (unsigned int i = 0; i < ncpus; i++)
		if (mpidrs[i] == (mpidr & MPIDR_AFF_MASK))
			return i;
	return -1;
}

void arch_cpu_wait(void)
{
	asm volatile("wfe" : : : "memory");
}

void arch_cpu_kick(void)
{
	dsb(ishst);
	asm volatile("sev" : : : "memory");
}

u64 secondary_entry_address(void)
{
	return (u64)secondary_entry;
}

u64 smp_boot_context(unsigned int cpu, u64 token)
{
	struct cpu_boot *b = &boot_ctx[smp_processor_id()][cpu];
	struct percpu *pc = &percpu[cpu];
	struct mmu_regs r;

	assert(cpu < ncpus && cpu > 0);
	if (!pc->stack_top) {
		u8 *stack = alloc_pages(STACK_ORDER);

		assert(stack);
		pc->stack_bottom = (u64)stack;
		pc->stack_top = (u64)stack + (PAGE_SIZE << STACK_ORDER);
	}
	pc->cpu = cpu;
	pc->mpidr = mpidrs[cpu];
	mmu_get_regs(&r);
	b->stack_top = pc->stack_top;
	b->percpu = (u64)pc;
	b->mair = r.mair;
	b->tcr = r.tcr;
	b->ttbr0 = r.ttbr0;
	b->sctlr = r.sctlr;
	b->token = token;
	dsb(ish);
	for (u64 a = ALIGN_DOWN((u64)b, 16); a < (u64)(b + 1); a += 16)
		asm volatile("dc cvac, %0" : : "r"(a) : "memory");
	dsb(sy);
	return (u64)b;
}

u64 cpu_boot_token(unsigned int cpu)
{
	return __atomic_load_n(&percpu[cpu].boot_token, __ATOMIC_ACQUIRE);
}

static u64 ms_to_ticks(u64 ms)
{
	return read_sysreg(cntfrq_el0) / 1000 * ms;
}

void arch_cpu_start(unsigned int cpu)
{
	u64 deadline = read_cntvct() + ms_to_ticks(START_TIMEOUT_MS);
	long ret;

	/* A CPU that just called CPU_OFF may still be on for a while (DEN 0022D 5.1.6). */
	while (psci_affinity_info(mpidrs[cpu], 0) != PSCI_AFFINITY_OFF) {
		if (read_cntvct() > deadline)
			test_crash("cpu %u (mpidr %#llx) did not turn off", cpu,
				   (unsigned long long)mpidrs[cpu]);
		cpu_relax();
	}
	ret = psci_cpu_on(mpidrs[cpu], secondary_entry_address(),
			  smp_boot_context(cpu, 0));
	if (ret != PSCI_RET_SUCCESS)
		test_crash("PSCI CPU_ON of cpu %u (mpidr %#llx) failed: %ld %s",
			   cpu, (unsigned long long)mpidrs[cpu], ret,
			   psci_ret_str(ret));
}

void arm64_secondary(struct cpu_boot *boot)
{
	__atomic_store_n(&this_cpu()->boot_token, boot->token,
			 __ATOMIC_RELEASE);
	gic_init_cpu();
	smp_secondary_loop();
}

void cpu_power_off(void)
{
	long ret;

	local_irq_disable();
	smp_cpu_offline();
	ret = psci_call(PSCI_CPU_OFF, 0, 0, 0);
	test_crash("PSCI CPU_OFF returned %ld %s on cpu %u", ret,
		   psci_ret_str(ret), smp_processor_id());
}
