// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/pmu: the performance-monitoring counters CPUID enumerates, against
 * what they do. Intel: architectural performance monitoring, CPUID leaf
 * 0AH (SDM vol. 3B 21.2 version, counters and widths; 21.2.2 global
 * control, status and overflow control; vol. 4 table 2-2 IA32_PMCx exists
 * when CPUID.0AH:EAX[15:8] > x; 21.2.1.1 writes to IA32_PMCx are
 * sign-extended from bit 31). AMD: the four legacy counters, six with
 * PerfCtrExtCore (CPUID 8000_0001h:ECX[23]), PerfMonV2's count and global
 * registers in 8000_0022h (APM vol. 2 13.2.1, 13.2.2; APM vol. 3 E.4.2,
 * E.4.20). Both: event 0C0h counts retired instructions (SDM table 21-1,
 * APM's family guides), OS and USR select the privilege levels counted,
 * an overflow with INT set raises a PMI through the APIC's LVT
 * performance-counter entry (SDM vol. 3A 11.5.1; APM vol. 2 16.4.1);
 * RDPMC at CPL0 reads a counter and raises #GP(0) for a counter that does
 * not exist (SDM vol. 2B RDPMC; APM vol. 3 RDPMC); at CPL3 it is #GP(0)
 * unless CR4.PCE is set (SDM vol. 3A 2.5). Cases:
 *
 *	pmu_counters	  the enumerated counters and select registers exist,
 *			  the next pair does not, a counter holds its width
 *	pmu_count	  event 0C0h counts by privilege level (OS, USR, EN),
 *			  Intel fixed counter 0 likewise
 *	pmu_global	  global control, status and overflow clear
 *	pmu_pmi		  an overflow with INT set raises a PMI
 *	pmu_rdpmc	  RDPMC at CPL0: every counter, an invalid index
 *	pmu_rdpmc_user	  RDPMC at CPL3: #GP(0) with CR4.PCE = 0; with
 *			  CR4.PCE = 1 a stopped counter's value, Intel fixed
 *			  counters (ECX[30]) too, #GP(0) for an invalid index
 */
#include "cpuid.h"
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/paging.h>
#include <x86/usermode.h>

#define EVTSEL_USR BIT(16)
#define EVTSEL_OS BIT(17)
#define EVTSEL_INT BIT(20)
#define EVTSEL_EN BIT(22)
#define EVENT_INSN_RETIRED 0xc0

#define MSR_IA32_PMC0 0x000000c1
#define MSR_IA32_PERFEVTSEL0 0x00000186
#define MSR_IA32_FIXED_CTR0 0x00000309
#define MSR_IA32_FIXED_CTR_CTRL 0x0000038d
#define MSR_IA32_PERF_GLOBAL_STATUS 0x0000038e
#define MSR_IA32_PERF_GLOBAL_CTRL 0x0000038f
#define MSR_IA32_PERF_GLOBAL_OVF_CTRL 0x00000390
#define MSR_AMD_PERFEVTSEL0 0xc0010000
#define MSR_AMD_PERFCTR0 0xc0010004
#define MSR_AMD_EXT_PERFEVTSEL0 0xc0010200
#define MSR_AMD_EXT_PERFCTR0 0xc0010201
#define MSR_AMD_GLOBAL_STATUS 0xc0000300
#define MSR_AMD_GLOBAL_CTRL 0xc0000301
#define MSR_AMD_GLOBAL_STATUS_CLR 0xc0000302

#define LOOPS 1000u
#define PMI_VECTOR 0xe3
#define WAIT_US 100000

struct pmu {
	bool present;
	const char *kind;
	unsigned int nr, width, nr_fixed, fixed_width;
	u32 sel0, ctr0, stride;
	bool global, global_broken;
	u32 global_ctrl, global_status, global_clear;
	unsigned int invalid_rdpmc; /* an RDPMC index no counter has */
};

static struct pmu pmu;

static u32 sel_msr(unsigned int i)
{
	return pmu.sel0 + i * pmu.stride;
}

static u32 ctr_msr(unsigned int i)
{
	return pmu.ctr0 + i * pmu.stride;
}

static u64 ctr_mask(void)
{
	return pmu.width >= 64 ? ~0ULL : BIT(pmu.width) - 1;
}

static void probe_intel(void)
{
	struct cpuid r;

	if (!leaf_present(0xa))
		return;
	r = cpuid(0xa);
	if (!(r.a & 0xff))
		return;
	pmu.kind = "Intel architectural (CPUID.0AH)";
	pmu.nr = (r.a >> 8) & 0xff;
	pmu.width = (r.a >> 16) & 0xff;
	pmu.present = pmu.nr > 0;
	pmu.sel0 = MSR_IA32_PERFEVTSEL0;
	pmu.ctr0 = MSR_IA32_PMC0;
	pmu.stride = 1;
	pmu.invalid_rdpmc = pmu.nr;
	if ((r.a & 0xff) >= 2) {
		pmu.nr_fixed = r.d & 0x1f;
		pmu.fixed_width = (r.d >> 5) & 0xff;
		pmu.global = true;
		pmu.global_ctrl = MSR_IA32_PERF_GLOBAL_CTRL;
		pmu.global_status = MSR_IA32_PERF_GLOBAL_STATUS;
		pmu.global_clear = MSR_IA32_PERF_GLOBAL_OVF_CTRL;
	}
}

static void probe_amd(void)
{
	bool ext = cpuid_bit(0x80000001, CPUID_ECX, 23);

	pmu.present = true;
	pmu.width = 48;
	if (ext) {
		pmu.kind = "AMD PerfCtrExtCore (0x80000001:ECX[23])";
		pmu.nr = 6;
		pmu.sel0 = MSR_AMD_EXT_PERFEVTSEL0;
		pmu.ctr0 = MSR_AMD_EXT_PERFCTR0;
		pmu.stride = 2;
	} else {
		pmu.kind = "AMD legacy (APM vol. 2 13.2.1)";
		pmu.nr = 4;
		pmu.sel0 = MSR_AMD_PERFEVTSEL0;
		pmu.ctr0 = MSR_AMD_PERFCTR0;
		pmu.stride = 1;
	}
	/* RDPMC 6-9 are the northbridge counters with PerfCtrExtNB. */
	pmu.invalid_rdpmc = cpuid_bit(0x80000001, CPUID_ECX, 24) ? 16 : 6;
	if (cpuid_bit(0x80000022, CPUID_EAX, 0)) {
		pmu.kind = "AMD PerfMonV2 (0x80000022)";
		pmu.nr = cpuid(0x80000022).b & 0xf;
		pmu.global = true;
		pmu.global_ctrl = MSR_AMD_GLOBAL_CTRL;
		pmu.global_status = MSR_AMD_GLOBAL_STATUS;
		pmu.global_clear = MSR_AMD_GLOBAL_STATUS_CLR;
	}
}

static u64 saved_global, saved_lvtpc;

/* Probes the PMU, stops every counter; put back after. */
static bool pmu_env_enter(void)
{
	struct fault f;

	memset(&pmu, 0, sizeof(pmu));
	if (cpu_is_intel())
		probe_intel();
	else if (cpu_is_amd())
		probe_amd();
	if (!pmu.present)
		return report_skip("no counters: Intel CPUID.0AH:EAX version "
				   "or counter count 0, or not Intel/AMD"),
		       false;
	report_info("%s: %u counters of %u bits, %u fixed of %u bits, "
		    "global registers %s",
		    pmu.kind, pmu.nr, pmu.width, pmu.nr_fixed, pmu.fixed_width,
		    pmu.global ? "yes" : "no");
	/* The cases touch counter 0 directly: it must exist. */
	f = rdmsr_safe(sel_msr(0), &saved_global);
	if (f.raised)
		return report_fault(
			       f, FAULT_NONE,
			       "%s: event select 0 (%#x) enumerated: RDMSR",
			       pmu.kind, sel_msr(0)),
		       false;
	saved_lvtpc = apic_read(APIC_LVT_PMC);
	/* A global control that does not read is pmu_global's FAIL. */
	if (pmu.global && rdmsr_safe(pmu.global_ctrl, &saved_global).raised) {
		report_info("global control %#x: RDMSR #GP", pmu.global_ctrl);
		pmu.global = false;
		pmu.global_broken = true;
	}
	return true;
}

static void pmu_env_leave(void)
{
	for (unsigned int i = 0; i < pmu.nr; i++) {
		wrmsr_safe(sel_msr(i), 0);
		wrmsr_safe(ctr_msr(i), 0);
	}
	if (pmu.global)
		wrmsr(pmu.global_ctrl, saved_global);
	apic_write(APIC_LVT_PMC, saved_lvtpc);
	irq_register(PMI_VECTOR, NULL);
}

TEST_FIXTURE(pmu_env, pmu_env_enter, pmu_env_leave);

/* LOOPS iterations of DEC and JNZ: 2 * LOOPS instructions retired. */
static void busy_loop(void)
{
	unsigned int n = LOOPS;

	asm volatile("1: dec %0; jnz 1b" : "+r"(n) : : "cc");
}

/* Counter 0 counts EVENT with FLAGS around busy_loop(); returns it. */
static u64 count_loop(u64 flags)
{
	wrmsr(sel_msr(0), 0);
	wrmsr(ctr_msr(0), 0);
	if (pmu.global)
		wrmsr(pmu.global_ctrl, BIT(0));
	wrmsr(sel_msr(0), EVENT_INSN_RETIRED | flags);
	busy_loop();
	wrmsr(sel_msr(0), 0);
	return rdmsr(ctr_msr(0));
}

/*
 * Every enumerated counter and select register is accessible, the one
 * after the last is #GP(0) (Intel: IA32_PMCx exists when EAX[15:8] > x;
 * AMD PerfCtrExtCore: six pairs); a counter holds WIDTH bits (Intel: a
 * write of 32 one bits is sign-extended to the width).
 */
TEST_CASE(pmu_counters, .fixture = &pmu_env)
{
	u64 v, mask = ctr_mask();

	for (unsigned int i = 0; i < pmu.nr; i++) {
		report_fault(rdmsr_safe(sel_msr(i), &v), FAULT_NONE,
			     "RDMSR event select %u (%#x)", i, sel_msr(i));
		if (report_fault(wrmsr_safe(ctr_msr(i), mask), FAULT_NONE,
				 "WRMSR counter %u (%#x) = %#lx", i, ctr_msr(i),
				 mask))
			report_eq(rdmsr(ctr_msr(i)), mask,
				  "counter %u holds %u bits", i, pmu.width);
		wrmsr(ctr_msr(i), 0);
	}
	if (cpu_is_intel() || pmu.stride == 2) {
		unsigned int last = cpu_is_intel() ? pmu.nr : 6;

		report_fault(rdmsr_safe(ctr_msr(last), &v), FAULT_GP(0),
			     "RDMSR counter %u (%#x): not enumerated", last,
			     ctr_msr(last));
		report_fault(rdmsr_safe(sel_msr(last), &v), FAULT_GP(0),
			     "RDMSR event select %u (%#x): not enumerated",
			     last, sel_msr(last));
	}
}

/*
 * Counter 0 on event 0C0h around 2 * LOOPS instructions at CPL0: OS set
 * counts them (and at most the few of the WRMSRs around); USR alone
 * counts none, EN clear counts none. Intel fixed counter 0
 * (INST_RETIRED.ANY, FIXED_CTR_CTRL[1:0] = 01b for CPL0) likewise.
 */
TEST_CASE(pmu_count, .fixture = &pmu_env)
{
	u64 n;

	n = count_loop(EVTSEL_OS | EVTSEL_EN);
	report(n >= 2 * LOOPS && n <= 4 * LOOPS,
	       "OS: %lu retired instructions counted for a loop of %u "
	       "(expected %u to %u)",
	       n, 2 * LOOPS, 2 * LOOPS, 4 * LOOPS);
	report_eq(count_loop(EVTSEL_USR | EVTSEL_EN), 0ULL,
		  "USR only: nothing counted at CPL0");
	report_eq(count_loop(EVTSEL_OS), 0ULL, "EN clear: nothing counted");

	if (!pmu.nr_fixed)
		return;
	wrmsr(MSR_IA32_FIXED_CTR0, 0);
	wrmsr(pmu.global_ctrl, BIT(32));
	wrmsr(MSR_IA32_FIXED_CTR_CTRL, 1);
	busy_loop();
	wrmsr(MSR_IA32_FIXED_CTR_CTRL, 0);
	n = rdmsr(MSR_IA32_FIXED_CTR0);
	report(n >= 2 * LOOPS && n <= 4 * LOOPS,
	       "fixed counter 0: %lu instructions for a loop of %u", n,
	       2 * LOOPS);
}

/*
 * Global control enables counter 0 (its bit 0), the overflow of counter
 * 0 sets bit 0 of the global status, the clear register clears it, and
 * the status register is read-only (Intel: a WRMSR is #GP(0)).
 */
TEST_CASE(pmu_global, .fixture = &pmu_env)
{
	u64 v;

	if (pmu.global_broken) {
		report_fault(rdmsr_safe(MSR_IA32_PERF_GLOBAL_CTRL, &v),
			     FAULT_NONE,
			     "IA32_PERF_GLOBAL_CTRL enumerated (CPUID.0AH:EAX "
			     "version >= 2): RDMSR");
		return;
	}
	if (!pmu.global)
		return report_skip("no global registers (Intel version < 2, "
				   "AMD without PerfMonV2)");
	wrmsr(pmu.global_ctrl, 0);
	wrmsr(sel_msr(0), EVENT_INSN_RETIRED | EVTSEL_OS | EVTSEL_EN);
	wrmsr(ctr_msr(0), 0);
	busy_loop();
	report_eq(rdmsr(ctr_msr(0)), 0ULL,
		  "global control bit 0 clear: counter 0 stopped");

	wrmsr(pmu.global_clear, BIT(0));
	wrmsr(ctr_msr(0), ctr_mask() - 10);
	wrmsr(pmu.global_ctrl, BIT(0));
	busy_loop();
	wrmsr(pmu.global_ctrl, 0);
	report_eq(rdmsr(pmu.global_status) & BIT(0), 1ULL,
		  "overflow of counter 0 sets global status bit 0");
	wrmsr(pmu.global_clear, BIT(0));
	report_eq(rdmsr(pmu.global_status) & BIT(0), 0ULL,
		  "the clear register clears it");
	if (cpu_is_intel())
		report_fault(wrmsr_safe(pmu.global_status, 0), FAULT_GP(0),
			     "IA32_PERF_GLOBAL_STATUS is read-only");
	report_fault(rdmsr_safe(pmu.global_ctrl, &v), FAULT_NONE,
		     "global control reads");
}

/* Counter 0 overflows with INT set: one PMI at the LVT's vector. */
TEST_CASE(pmu_pmi, .fixture = &pmu_env)
{
	irq_counts_clear();
	irq_count_vector(PMI_VECTOR);
	apic_write(APIC_LVT_PMC, PMI_VECTOR);
	wrmsr(sel_msr(0), 0);
	wrmsr(ctr_msr(0), ctr_mask() - 10);
	if (pmu.global)
		wrmsr(pmu.global_ctrl, BIT(0));
	wrmsr(sel_msr(0),
	      EVENT_INSN_RETIRED | EVTSEL_OS | EVTSEL_EN | EVTSEL_INT);
	busy_loop();
	wrmsr(sel_msr(0), 0);
	report(irq_wait_count(0, PMI_VECTOR, 1, WAIT_US),
	       "counter 0 overflow: PMI at vector %#x through LVT PC",
	       PMI_VECTOR);
	if (pmu.global)
		wrmsr(pmu.global_clear, BIT(0));
}

static struct fault rdpmc_safe(u32 index, u64 *val)
{
	u32 lo = 0, hi = 0;
	struct fault f = fault_probe("rdpmc",
				     : "+a"(lo), "+d"(hi)
				     : "c"(index));

	*val = lo | (u64)hi << 32;
	return f;
}

/*
 * RDPMC at CPL0 (CR4.PCE only matters at CPL3) returns the counter's
 * value; an index no counter has is #GP(0).
 */
TEST_CASE(pmu_rdpmc, .fixture = &pmu_env)
{
	u64 v;

	for (unsigned int i = 0; i < pmu.nr; i++) {
		wrmsr(ctr_msr(i), 0x1234 + i);
		if (report_fault(rdpmc_safe(i, &v), FAULT_NONE, "RDPMC %u", i))
			report_eq(v, 0x1234ULL + i,
				  "RDPMC %u reads the counter's MSR", i);
	}
	report_fault(rdpmc_safe(pmu.invalid_rdpmc, &v), FAULT_GP(0),
		     "RDPMC %u: no such counter", pmu.invalid_rdpmc);
	if (cpu_is_intel())
		report_fault(rdpmc_safe(BIT(30) | pmu.nr_fixed, &v),
			     FAULT_GP(0), "RDPMC fixed %u: no such counter",
			     pmu.nr_fixed);
}

/*
 * RDPMC at CPL3 on the library's all-user tables (usermode.h): ECX is
 * usermode_call()'s second argument (RSI), EDX:EAX comes back in RAX.
 */
extern char pmu_user_rdpmc[];
asm(".pushsection .text\n"
    "pmu_user_rdpmc:\n\t"
    "mov %esi, %ecx\n\t"
    "rdpmc\n\t"
    "shl $32, %rdx\n\t"
    "or %rdx, %rax\n\t"
    "ret\n"
    ".popsection");

static struct fault rdpmc_user(u32 index, u64 *val)
{
	u64 stack_top, old_cr3;
	struct fault f;

	*val = 0;
	old_cr3 = pt_switch(usermode_flat_tables(&stack_top));
	f = usermode_call((u64)usermode_text, usermode_call_fn,
			  (u64)pmu_user_rdpmc, index, stack_top, val);
	write_cr3(old_cr3);
	return f;
}

static u64 saved_cr4;

/* pmu_env, and CR4 (PCE) and the fixed counters put back after. */
static bool pmu_user_enter(void)
{
	if (!pmu_env_enter())
		return false;
	saved_cr4 = read_cr4();
	return true;
}

static void pmu_user_leave(void)
{
	write_cr4(saved_cr4);
	for (unsigned int i = 0; i < pmu.nr_fixed; i++)
		wrmsr_safe(MSR_IA32_FIXED_CTR0 + i, 0);
	pmu_env_leave();
}

TEST_FIXTURE(pmu_user, pmu_user_enter, pmu_user_leave);

#define USER_COUNT 0x5a5a0000u /* below 2^31: no sign extension */
#define RDPMC_FIXED BIT(30)

/*
 * RDPMC at CPL3 (SDM vol. 2B RDPMC, vol. 3A 2.5 CR4.PCE; APM vol. 3
 * RDPMC, APM vol. 2 13.2.2): with CR4.PCE = 0 it is #GP(0); with
 * CR4.PCE = 1 it returns the counter, here a stopped one (its event
 * select, Intel's FIXED_CTR_CTRL field, clear) holding what WRMSR wrote,
 * and an index no counter has is #GP(0) as at CPL0. Intel fixed counter
 * i is index bit 30 | i.
 */
TEST_CASE(pmu_rdpmc_user, .fixture = &pmu_user)
{
	u64 v;

	for (unsigned int i = 0; i < pmu.nr; i++) {
		wrmsr(sel_msr(i), 0);
		wrmsr(ctr_msr(i), USER_COUNT + i);
	}
	if (pmu.nr_fixed)
		wrmsr(MSR_IA32_FIXED_CTR_CTRL, 0);
	for (unsigned int i = 0; i < pmu.nr_fixed; i++)
		wrmsr(MSR_IA32_FIXED_CTR0 + i, USER_COUNT + 0x100 + i);

	write_cr4(saved_cr4 & ~X86_CR4_PCE);
	report_fault(rdpmc_user(0, &v), FAULT_GP(0),
		     "CR4.PCE = 0: RDPMC 0 at CPL3");
	if (pmu.nr_fixed)
		report_fault(rdpmc_user(RDPMC_FIXED, &v), FAULT_GP(0),
			     "CR4.PCE = 0: RDPMC fixed 0 at CPL3");

	write_cr4(saved_cr4 | X86_CR4_PCE);
	for (unsigned int i = 0; i < pmu.nr; i++)
		if (report_fault(rdpmc_user(i, &v), FAULT_NONE,
				 "CR4.PCE = 1: RDPMC %u at CPL3", i))
			report_eq(v, (u64)USER_COUNT + i,
				  "RDPMC %u at CPL3 reads the stopped counter",
				  i);
	for (unsigned int i = 0; i < pmu.nr_fixed; i++)
		if (report_fault(rdpmc_user(RDPMC_FIXED | i, &v), FAULT_NONE,
				 "CR4.PCE = 1: RDPMC fixed %u at CPL3", i))
			report_eq(v, (u64)USER_COUNT + 0x100 + i,
				  "RDPMC fixed %u at CPL3 reads the stopped "
				  "counter",
				  i);
	report_fault(rdpmc_user(pmu.invalid_rdpmc, &v), FAULT_GP(0),
		     "CR4.PCE = 1: RDPMC %u at CPL3: no such counter",
		     pmu.invalid_rdpmc);
	if (cpu_is_intel())
		report_fault(rdpmc_user(RDPMC_FIXED | pmu.nr_fixed, &v),
			     FAULT_GP(0),
			     "CR4.PCE = 1: RDPMC fixed %u at CPL3: no such "
			     "counter",
			     pmu.nr_fixed);
}
