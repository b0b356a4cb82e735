/* SPDX-License-Identifier: GPL-2.0-only */
/* rtas.h: RTAS calls (rtas.c). */
#ifndef HV_POWERPC_RTAS_H
#define HV_POWERPC_RTAS_H

#include <types.h>

#define RTAS_UNKNOWN_TOKEN 0xffffffffU

/* Reads /rtas; false when the device tree has no RTAS node. */
bool rtas_init(void);
/*
 * True when /rtas ibm,hypertas-functions lists the hypervisor call
 * function set SET ("hcall-pft", "hcall-sprg0"; LoPAPR 1.1 Table 14.2).
 */
bool hypertas_offers(const char *set);
/* The token of the RTAS function NAME (a /rtas property), or RTAS_UNKNOWN_TOKEN. */
u32 rtas_token(const char *name);
/*
 * Calls TOKEN with NARGS arguments from ARGS and NRET return values, the
 * first being the status, which is returned; the other NRET - 1 go to
 * RETS (NULL when there are none). -1 when the call cannot be made.
 */
int rtas_call(u32 token, int nargs, const u32 *args, int nret, u32 *rets);
/*
 * Gives RTAS an area of its own (/rtas linux,rtas-base) and tells QEMU
 * (KVMPPC_H_UPDATE_DT); the hypercall's status.
 */
long rtas_instantiate(void);

#endif
