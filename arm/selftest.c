// SPDX-License-Identifier: GPL-2.0-only
/*
 * selftest: the arm64 runtime checks itself: boot state (exception level,
 * MMU, vectors), device-tree parsing, exception vectors through the fault
 * expectation API (an UNDEFINED instruction, a data abort) and through an
 * installed handler (BRK), SMP bring-up through PSCI, and the command
 * line. Arm ARM D1.3 (exception levels),
 * D13.2.118 SCTLR_EL1, D13.2.37 ESR_EL1.
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/fault.h>
#include <arm64/mmu.h>
#include <arm64/setup.h>
#include <arm64/smp.h>
#include <arm64/gic.h>
#include <arm64/timer.h>
#include <arm64/psci.h>

TEST_CASE(setup)
{
	report_eq(current_el(), 1, "running at EL1");
	report(boot_info.entry_el == 1 || boot_info.entry_el == 2,
	       "entered at EL1 or EL2 (EL%u)", boot_info.entry_el);
	report((read_sysreg(sctlr_el1) & (SCTLR_M | SCTLR_C | SCTLR_I)) ==
		       (SCTLR_M | SCTLR_C | SCTLR_I),
	       "MMU and caches on");
	report(read_sysreg(vbar_el1) != 0 && !(read_sysreg(vbar_el1) & 0x7ff),
	       "VBAR_EL1 2 KiB aligned");
	report(irqs_disabled(), "IRQs masked at case start");
}

TEST_CASE(memory)
{
	extern char _start[], __image_end[];
	void *p = alloc_page();

	report(boot_info.ram_start <= (u64)_start &&
		       (u64)__image_end <= boot_info.ram_end,
	       "image [%p, %p) inside RAM [%#llx, %#llx)", _start, __image_end,
	       (unsigned long long)boot_info.ram_start,
	       (unsigned long long)boot_info.ram_end);
	report(p && (u64)p >= boot_info.ram_start && (u64)p < boot_info.ram_end,
	       "alloc_page returns RAM (%p)", p);
	report(p && ((u64)p >= (u64)__image_end || (u64)p < (u64)_start),
	       "allocated page is outside the image");
	report((u64)p + PAGE_SIZE <= boot_info.fdt ||
		       (u64)p >= boot_info.fdt + dt_blob_size(dt_fdt()),
	       "allocated page is outside the device tree");
	free_page(p);
}

TEST_CASE(devicetree)
{
	struct dt_region mem[4];
	u64 ids[SMP_MAX_CPUS];
	int n_mem = dt_memory(mem, 4);
	int n_cpus = dt_cpus(ids, SMP_MAX_CPUS);
	int gicv3 = dt_find_compatible("arm,gic-v3");

	report_eq(fdt_magic(dt_fdt()), FDT_MAGIC, "device tree magic at x0");
	report(n_mem >= 1, "%d memory region(s)", n_mem);
	report_eq(n_cpus, nr_cpus(), "cpu nodes == nr_cpus()");
	report_eq(cpu_mpidr(0), read_sysreg(mpidr_el1) & MPIDR_AFF_MASK,
		  "CPU 0 is the boot CPU");
	report(psci_init(), "PSCI node with conduit %s", psci_conduit());
	report_eq(gic_version(), gicv3 >= 0 ? 3 : 2,
		  "GIC version matches the device tree");
	report(timer_intid(TIMER_VIRT) >= 16 && timer_intid(TIMER_VIRT) < 32,
	       "virtual timer is a PPI (INTID %u)", timer_intid(TIMER_VIRT));
	report(timer_intid(TIMER_PHYS) >= 16 && timer_intid(TIMER_PHYS) < 32,
	       "physical timer is a PPI (INTID %u)", timer_intid(TIMER_PHYS));
	report(!strcmp(dt_bootargs(), arg_cmdline()),
	       "command line from /chosen/bootargs");
}

TEST_CASE(vectors_undef)
{
	struct fault f;
	u64 marker = 0x1234;

	f = fault_probe("udf #0x55", : "+r"(marker));
	report_fault(f, FAULT_UNDEF, "UDF is UNDEFINED (EC 0)");
	report(f.esr & ESR_IL, "ESR.IL set for a 32-bit instruction");
	report_eq(marker, 0x1234, "registers survive the exception");
	f = fault_probe("brk #0x42");
	report_fault(f,
		     FAULT_ESR((EC_BRK64 << ESR_EC_SHIFT) | 0x42,
			       ESR_EC_MASK | 0xffff),
		     "BRK #0x42: EC 0x3c, comment in ISS");
	f = fault_probe("nop");
	report_fault(f, FAULT_NONE, "NOP raises nothing");
}

TEST_CASE(vectors_dabt)
{
	/* Beyond every mapping: no level 0 entry covers it. */
	u64 va = 1ULL << 47;
	u64 v = 0;
	struct fault f;

	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va) : "memory");
	report_fault(f, FAULT_DABT(FSC_TRANS(0), false, va),
		     "load from unmapped VA: translation fault level 0");
	f = fault_probe("str %0, [%1]", : : "r"(v), "r"(va + 8) : "memory");
	report_fault(f, FAULT_DABT(FSC_TRANS(0), true, va + 8),
		     "store to unmapped VA: WnR set");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(&va) : "memory");
	report_fault(f, FAULT_NONE, "load from mapped RAM raises nothing");
	report_eq(v, va, "and reads the value");
}

static unsigned int brk_hits;
static u32 brk_esr;

static void skip_brk(struct pt_regs *regs)
{
	brk_hits++;
	brk_esr = regs->esr;
	regs->elr += 4;
}

/* A handler for EL1h synchronous exceptions sees those of no fault site. */
TEST_CASE(handler)
{
	exception_handler_t old = arm64_set_handler(EL1H_SYNC, skip_brk);
	struct fault f;

	asm volatile("brk #0x77" : : : "memory");
	f = fault_probe("brk #0x78");
	arm64_set_handler(EL1H_SYNC, old);
	report_eq(brk_hits, 1, "installed handler ran once and resumed");
	report_eq(brk_esr, ((u32)EC_BRK64 << ESR_EC_SHIFT) | ESR_IL | 0x77,
		  "it saw BRK #0x77 in ESR_EL1");
	report_fault(f,
		     FAULT_ESR((EC_BRK64 << ESR_EC_SHIFT) | 0x78,
			       ESR_EC_MASK | 0xffff),
		     "a fault site still records its own exception");
}

struct smp_probe {
	u64 mpidr[SMP_MAX_CPUS];
	unsigned int hits[SMP_MAX_CPUS];
};

static void probe_cpu(void *data)
{
	struct smp_probe *p = data;
	unsigned int cpu = smp_processor_id();

	p->mpidr[cpu] = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	__atomic_fetch_add(&p->hits[cpu], 1, __ATOMIC_RELAXED);
}

TEST_CASE(smp)
{
	struct smp_probe p = {0};
	unsigned int n = nr_cpus();
	bool ok = true;

	if (n < 2)
		return report_skip("needs at least 2 CPUs (have %u)", n);
	on_cpus(probe_cpu, &p);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		ok &= report_eq(p.hits[cpu], 1, "cpu %u ran the function once",
				cpu);
		ok &= report_eq(p.mpidr[cpu], cpu_mpidr(cpu),
				"cpu %u has the device tree's MPIDR", cpu);
	}
	on_cpu(n - 1, probe_cpu, &p);
	report_eq(p.hits[n - 1], 2, "on_cpu runs on the target and waits");
	on_cpu_async(1, probe_cpu, &p);
	smp_wait_idle(1);
	report_eq(p.hits[1], n == 2 ? 3 : 2, "on_cpu_async then smp_wait_idle");
	report(cpu_online(1) && cpu_idle(1), "cpu 1 online and idle");
}

TEST_CASE(args)
{
	const char *word = arg_positional(0);

	if (!arg_positional_count())
		return report_skip("run with: args = alpha beta n=42");
	report_eq(arg_positional_count(), 2, "two positional arguments");
	report(word && !strcmp(word, "alpha"), "first is 'alpha' ('%s')",
	       word ? word : "(none)");
	report_eq(arg_get_u64("n", 0), 42, "option n=42");
}
