/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h: running code on other CPUs. CPUs are numbered 0 .. nr_cpus() - 1
 * in firmware order (CPU 0 runs the test's cases). A CPU that is not
 * running a function waits for one; on_cpu() starts an offline CPU on
 * demand, so a test may power a CPU off (smp_cpu_offline()) and use it
 * again later.
 *
 * Each arch provides the hooks below (lib/<arch>/smp.c); an arch without
 * them gets the uniprocessor defaults of lib/smp.c.
 */
#ifndef HV_SMP_H
#define HV_SMP_H

#include <types.h>

#define SMP_MAX_CPUS 64

typedef void (*smp_fn_t)(void *data);

unsigned int nr_cpus(void);
/* True when the VM has at least N CPUs; otherwise reports a SKIP saying so. */
bool need_cpus(unsigned int n);
unsigned int smp_processor_id(void);

/* Runs FN(DATA) on CPU and waits for it to return (runs it here for self). */
void on_cpu(unsigned int cpu, smp_fn_t fn, void *data);
/* Starts FN(DATA) on another CPU without waiting; see cpu_idle(). */
void on_cpu_async(unsigned int cpu, smp_fn_t fn, void *data);
/* Runs FN(DATA) on every CPU, this one included, and waits for all. */
void on_cpus(smp_fn_t fn, void *data);
/* True when CPU has no function running (idle or offline). */
bool cpu_idle(unsigned int cpu);
/* Waits until CPU has no function running. */
void smp_wait_idle(unsigned int cpu);
bool cpu_online(unsigned int cpu);

/*
 * For the arch: a started CPU calls smp_secondary_loop() once it can run C
 * (stack, exceptions, memory); a CPU about to power itself off calls
 * smp_cpu_offline() first.
 */
void __noreturn smp_secondary_loop(void);
void smp_cpu_offline(void);

/* Arch hooks. */
unsigned int arch_nr_cpus(void);
unsigned int arch_smp_processor_id(void);
/* Powers CPU on; it ends in smp_secondary_loop(). Crashes the test on failure. */
void arch_cpu_start(unsigned int cpu);
/* Waits for an event from arch_cpu_kick() (may return early). */
void arch_cpu_wait(void);
/* Wakes every CPU waiting in arch_cpu_wait(). */
void arch_cpu_kick(void);

#endif
