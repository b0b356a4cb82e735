/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h: x86 side of lib/smp.h. CPUs are the MADT's enabled processors
 * (ACPI 6.5 5.2.12) with the boot CPU as CPU 0; an application processor
 * is started on demand by INIT-SIPI-SIPI (Intel SDM vol. 3A 9.4.4 MP
 * initialization example, 11.6.1 ICR) into a real-mode trampoline copied
 * to TRAMPOLINE_BASE, which enters long mode on the boot CPU's page tables.
 */
#ifndef HV_X86_SMP_H
#define HV_X86_SMP_H

/* Below 1 MiB, 4 KiB aligned: the SIPI vector is its page number. */
#define TRAMPOLINE_BASE 0x8000
#define TRAMPOLINE_VECTOR (TRAMPOLINE_BASE >> 12)

#ifndef __ASSEMBLY__
#include <smp.h>

/* APIC ID of CPU, and the CPU with APIC ID ID (-1 if none). */
u32 cpu_apic_id(unsigned int cpu);
int apic_id_to_cpu(u32 id);

/*
 * For tests that send INIT and SIPI themselves: sets up the trampoline
 * for CPU (stack, control registers), so that a SIPI with vector
 * TRAMPOLINE_VECTOR brings it to smp_secondary_loop() again.
 */
void smp_boot_prepare(unsigned int cpu);
/* How many times CPU came up through the trampoline. */
unsigned int smp_boot_count(unsigned int cpu);
/* TSC cycles spent in arch_cpu_start(), and how many starts (*COUNT). */
u64 smp_start_cycles(unsigned int *count);
#endif

#endif
