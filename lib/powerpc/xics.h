/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xics.h: the XICS interrupt presentation layer through PAPR hypervisor
 * calls (LoPAPR 1.1 14.5.4.2 "hcall-interrupt": H_EOI, H_CPPR, H_IPI,
 * H_IPOLL, H_XIRR; the XIRR is CPPR (bits 0:7) || XISR (bits 8:31), and
 * XISR 2 is the interprocessor interrupt, XISR 0 none). Priorities: 0 is
 * the most favoured, 0xff the least (an MFRR or CPPR of 0xff means none).
 */
#ifndef HV_POWERPC_XICS_H
#define HV_POWERPC_XICS_H

#include <types.h>

#define XICS_IPI 2
#define XICS_PRIO_NONE 0xff
#define XIRR_XISR(xirr) ((u32)(xirr)&0xffffff)

/* True when the device tree has an IBM,ppc-xicp presentation node. */
bool xics_present(void);
/* Sets this CPU's current processor priority (H_CPPR). */
long xics_set_cppr(u8 cppr);
/* Sets SERVER's MFRR (H_IPI): below its CPPR it interrupts. */
long xics_ipi(u64 server, u8 mfrr);
/* Accepts the pending interrupt (H_XIRR); the XIRR, 0 when none. */
u32 xics_accept(void);
/* Ends the interrupt XIRR (H_EOI). */
long xics_eoi(u32 xirr);

#endif
