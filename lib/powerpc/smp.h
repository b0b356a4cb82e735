/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp.h: the ppc64 side of lib/smp.h (smp.c). CPUs are the device tree's
 * /cpus nodes in order, the boot CPU first; a CPU's "reg" is its server
 * number (the RTAS cpu id and the XICS server).
 */
#ifndef HV_POWERPC_SMP_H
#define HV_POWERPC_SMP_H

#include <types.h>

/* RTAS query-cpu-stopped-state (LoPAPR 1.1 7.3.9.1) states. */
#define CPU_STATE_STOPPED 0
#define CPU_STATE_RUNNING 2

struct ppc_cpu_boot {
	u64 stack_top; /* read by entry.S */
	u64 cpu;
};

/* Reads the CPU list (setup). */
void smp_init(void);
/* CPU's server number. */
u64 cpu_server(unsigned int cpu);
/* query-cpu-stopped-state of SERVER: the state, or a negative RTAS status. */
int cpu_stopped_state(u64 server);
/* On a secondary CPU: offline, then RTAS stop-self; does not return. */
void __noreturn cpu_stop_self(void);

#endif
