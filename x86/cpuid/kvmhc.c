// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/kvmhc: the KVM hypercalls that act on other vCPUs, each where
 * KVM's feature leaf advertises it (Linux Documentation/virt/kvm/x86/
 * hypercalls.rst, cpuid.rst): KVM_HC_SEND_IPI (KVM_FEATURE_PV_SEND_IPI)
 * returns how many CPUs it sent to and the vector arrives, and a range
 * of APIC IDs without a CPU gives 0; KVM_HC_KICK_CPU
 * (KVM_FEATURE_PV_UNHALT) wakes a CPU halted with interrupts off;
 * KVM_HC_SCHED_YIELD (KVM_FEATURE_PV_SCHED_YIELD) completes. The
 * hypercall is VMCALL on Intel and VMMCALL on AMD, number in RAX,
 * arguments in RBX, RCX, RDX, RSI. Each must complete: a hypercall that
 * does not is a FAIL found by the timer ticks of insn_watch.h.
 */
#include "cpuid.h"
#include <smp.h>
#include <x86/apic.h>
#include <x86/insn_watch.h>
#include <x86/irq.h>
#include <x86/smp.h>

#define KVM_FEATURE_PV_UNHALT 7
#define KVM_FEATURE_PV_SEND_IPI 11
#define KVM_FEATURE_PV_SCHED_YIELD 13

#define KVM_HC_KICK_CPU 5
#define KVM_HC_SEND_IPI 10
#define KVM_HC_SCHED_YIELD 11

#define HC_VECTOR 0xe5
#define WAIT_US 1000000

/*
 * Hypercall NAME (number NR): it must complete, without an exception
 * (insn_watch.h gives up on it if not); RAX after it goes to *RET.
 */
static bool hypercall(const char *name, u64 nr, u64 a0, u64 a1, u64 a2, u64 a3,
		      u64 *ret)
{
	struct fault f;

	*ret = nr;
	if (cpu_is_amd())
		f = fault_probe_watched("vmmcall",
					: "+a"(*ret)
					: "b"(a0), "c"(a1), "d"(a2), "S"(a3)
					: "memory");
	else
		f = fault_probe_watched("vmcall",
					: "+a"(*ret)
					: "b"(a0), "c"(a1), "d"(a2), "S"(a3)
					: "memory");
	return report_fault(f, FAULT_NONE, "%s by %s completes", name,
			    cpu_is_amd() ? "VMMCALL" : "VMCALL");
}

/*
 * hypercalls.rst KVM_HC_SEND_IPI: a0 and a1 a 128-bit bitmap of APIC IDs
 * from a2 up, a3 the ICR; returns the number of CPUs the IPI went to.
 */
TEST_CASE(kvmhc_send_ipi)
{
	u32 self = apic_id();
	u64 ret;

	if (!kvm_feature(KVM_FEATURE_PV_SEND_IPI, "KVM_FEATURE_PV_SEND_IPI",
			 "kvm-pv-ipi"))
		return;
	irq_counts_clear();
	irq_count_vector(HC_VECTOR);
	if (hypercall("SEND_IPI", KVM_HC_SEND_IPI, 1, 0, self,
		      APIC_DM_FIXED | HC_VECTOR, &ret)) {
		report_eq(ret, 1ULL, "SEND_IPI to APIC ID %u: sent to 1 CPU",
			  self);
		report(irq_wait_count(0, HC_VECTOR, 1, WAIT_US),
		       "SEND_IPI: vector %#x arrives", HC_VECTOR);
	}
	if (hypercall("SEND_IPI", KVM_HC_SEND_IPI, 1, 0, 0xfff00,
		      APIC_DM_FIXED | HC_VECTOR, &ret))
		report_eq(ret, 0ULL,
			  "SEND_IPI to APIC ID 0xfff00 (no CPU): 0 CPUs");
	irq_register(HC_VECTOR, NULL);
}

static volatile int halting, woken;

static void halt_off(void *data)
{
	asm volatile("cli" ::: "memory");
	halting = 1;
	asm volatile("hlt" ::: "memory");
	woken = 1;
}

/*
 * hypercalls.rst KVM_HC_KICK_CPU: a0 flags (0), a1 the APIC ID of a vCPU
 * halted by HLT, which it wakes (PV_UNHALT), interrupts off or not.
 */
TEST_CASE(kvmhc_kick_cpu, .min_cpus = 2)
{
	u64 ret, t0;

	if (!kvm_feature(KVM_FEATURE_PV_UNHALT, "KVM_FEATURE_PV_UNHALT",
			 "kvm-pv-unhalt"))
		return;
	halting = woken = 0;
	on_cpu_async(1, halt_off, NULL);
	t0 = rdtsc();
	while (!halting && rdtsc() - t0 < 1000000000ULL)
		cpu_relax();
	if (!report(halting, "CPU 1 reached its HLT"))
		return;
	for (t0 = rdtsc(); rdtsc() - t0 < 10000000ULL;)
		cpu_relax();
	if (!hypercall("KICK_CPU", KVM_HC_KICK_CPU, 0, cpu_apic_id(1), 0, 0,
		       &ret))
		return;
	report_eq(ret, 0ULL, "KICK_CPU of APIC ID %u returns 0",
		  cpu_apic_id(1));
	t0 = rdtsc();
	while (!woken && rdtsc() - t0 < 1000000000ULL)
		cpu_relax();
	report(woken, "CPU 1, halted with interrupts off, woke up");
}

/* hypercalls.rst KVM_HC_SCHED_YIELD: a0 the APIC ID; it returns. */
TEST_CASE(kvmhc_sched_yield, .min_cpus = 2)
{
	u64 ret;

	if (!kvm_feature(KVM_FEATURE_PV_SCHED_YIELD,
			 "KVM_FEATURE_PV_SCHED_YIELD", "kvm-pv-sched-yield"))
		return;
	if (hypercall("SCHED_YIELD", KVM_HC_SCHED_YIELD, cpu_apic_id(1), 0, 0,
		      0, &ret))
		report_eq(ret, 0ULL, "SCHED_YIELD to APIC ID %u returns 0",
			  cpu_apic_id(1));
}
