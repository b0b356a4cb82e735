/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * insn_watch.h: a fault probe (fault.h) of an instruction that may never
 * complete, such as a hypercall a hypervisor mishandles. While it runs,
 * the local APIC timer interrupts the CPU about every millisecond
 * (periodic mode, Intel SDM vol. 3A 11.5.4). An interrupt is taken at an
 * instruction boundary (6.6), so a tick that finds RIP at the probed
 * instruction proves that the instruction has not completed although the
 * CPU runs. After INSN_WATCH_TICKS such ticks in a row, spanning at least
 * INSN_WATCH_US, the probe gives up on it: execution resumes after the
 * instruction and the probe returns FAULT_STUCK. That is a verdict with
 * its reason in a fraction of a second where the runner's timeout would
 * take seconds and say only that the guest hung. A correct instruction
 * completes on its first try: the ticks cannot make it fail.
 *
 *	struct fault f = fault_probe_watched("vmcall", : "+a"(rax));
 */
#ifndef HV_X86_INSN_WATCH_H
#define HV_X86_INSN_WATCH_H

#include <x86/fault.h>

#define INSN_WATCH_TICKS 16
#define INSN_WATCH_US 100000

/* The timer ticks on this CPU, with interrupts on, until insn_watch_end(). */
void insn_watch_begin(void);
void insn_watch_end(void);

/*
 * Where no interrupt reaches a CPU that loops on an instruction (QEMU 7.2
 * TCG re-executes a MOV to CR4 with a reserved bit without taking one),
 * the watch is another CPU: FN(DATA) runs on a spare CPU (started if
 * need be), calls insn_watch_arrive() right before its instruction, and
 * this CPU waits. False when FN reached its instruction and did not come
 * back within INSN_WATCH_OTHER_US while this CPU ran: the instruction
 * never completed (report FAULT_STUCK_OTHER_CPU); that CPU stays in it
 * and is not used again, so a test with N such probes wants N + 1 CPUs.
 * With no spare CPU left, FN runs on this one, unwatched.
 */
/*
 * By time alone, so with room for a host that deschedules the other
 * CPU's thread: the instruction takes microseconds.
 */
#define INSN_WATCH_OTHER_US 2000000
bool insn_watch_elsewhere(void (*fn)(void *data), void *data);
void insn_watch_arrive(void);

/*
 * A MOV to CR<CR> (0, 3, 4 or 8) of its value with the bits of FLIP
 * flipped, on a spare CPU watched from this one: its fault
 * (FAULT_STUCK_OTHER_CPU when it never completed) and the register there
 * before and after it; a changed register is put back.
 */
struct cr_flip {
	struct fault f;
	u64 before, after;
};
struct cr_flip cr_flip_elsewhere(unsigned int cr, u64 flip);

#define fault_probe_watched(insn, ...)                             \
	({                                                         \
		struct fault watched_fault_;                       \
		insn_watch_begin();                                \
		watched_fault_ = fault_probe(insn, ##__VA_ARGS__); \
		insn_watch_end();                                  \
		watched_fault_;                                    \
	})

#endif
