/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * irq.h: handlers for external and inter-processor interrupts, vectors
 * 32-255 (Intel SDM vol. 3A 6.2: 0-31 are reserved for exceptions; 6.8
 * IF and the STI interrupt shadow), on top of x86_set_handler(). A
 * handler runs with interrupts off on the CPU that took the vector and
 * must send the EOI itself when the source needs one (11.8.5).
 *
 * irq_count_vector() installs a ready-made handler that counts, per CPU,
 * how often a vector arrived and in which order, then sends the EOI.
 */
#ifndef HV_X86_IRQ_H
#define HV_X86_IRQ_H

#include <types.h>
#include <x86/exceptions.h>

#define IRQ_FIRST_VECTOR 32

typedef exception_handler_t irq_handler_t;

/* Installs FN for VECTOR (NULL removes it); returns the old handler. */
irq_handler_t irq_register(unsigned int vector, irq_handler_t fn);

/* Counting handler for VECTOR (see above). */
void irq_count_vector(unsigned int vector);
/* Times CPU took VECTOR since irq_counts_clear(). */
unsigned int irq_count(unsigned int cpu, unsigned int vector);
void irq_counts_clear(void);
/* The Nth (0-based) vector counted on CPU, -1 if fewer arrived. */
int irq_order(unsigned int cpu, unsigned int n);

/* Interrupts on for US microseconds, then off again: pending ones come in. */
void irq_window(u64 us);
/* Interrupts on until CPU took VECTOR N times (counted) or US passed. */
bool irq_wait_count(unsigned int cpu, unsigned int vector, unsigned int n,
		    u64 us);

/*
 * Every CPU but the boot CPU runs with interrupts enabled until
 * irq_listeners_stop(): targets for IPIs and I/O APIC deliveries.
 */
void irq_listeners_start(void);
void irq_listeners_stop(void);

/* STI; HLT: the shadow of STI makes the pair atomic (SDM vol. 2B STI). */
static inline void safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

#endif
