/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h: arm64 CPU bring-up through PSCI CPU_ON (Arm DEN 0022D 5.1.5;
 * 6.4 for the state a CPU is started in) and the firmware's CPU list
 * (MPIDR_EL1 affinity values of the device tree's /cpus nodes).
 */
#ifndef HV_ARM64_SMP_H
#define HV_ARM64_SMP_H

#include <smp.h>

/* What secondary_entry (entry.S) reads with the MMU off (asm-offsets.h). */
struct cpu_boot {
	u64 stack_top;
	u64 percpu;
	u64 mair, tcr, ttbr0, sctlr;
	u64 token;
};

/* Reads the CPU list from the device tree; sets up CPU 0's per-CPU data. */
void smp_init(void);
void percpu_init_boot(void);
u64 cpu_mpidr(unsigned int cpu);
/* The CPU index of an MPIDR value, or -1. */
int mpidr_to_cpu(u64 mpidr);

/* Physical address of the entry point secondary CPUs start at. */
u64 secondary_entry_address(void);
/*
 * Prepares a start context for CPU that carries TOKEN and returns its
 * address (for psci_cpu_on()). Each caller CPU has its own context per
 * target, so several CPUs may race to start the same one.
 */
u64 smp_boot_context(unsigned int cpu, u64 token);
/* The TOKEN of the context CPU last started with. */
u64 cpu_boot_token(unsigned int cpu);
/* Marks this CPU offline (smp_cpu_offline()) and calls PSCI CPU_OFF. */
void __noreturn cpu_power_off(void);

#endif
