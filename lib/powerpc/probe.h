/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * probe.h: one storage access through the MMU, and the exception it
 * raised (Power ISA v3.0 Book III 7.5.3 data storage, 7.5.5 instruction
 * storage): a supervisor load or store with data relocation on, and a
 * load, store or branch-and-link in problem state (usermode.h). The MMU
 * tests of both translation modes (hash, radix) use them.
 */
#ifndef HV_POWERPC_PROBE_H
#define HV_POWERPC_PROBE_H

#include <types.h>
#include <powerpc/fault.h>

/* ld / std of 8 bytes at EA with MSR[DR] = 1 in supervisor state. */
struct fault ppc_probe_load(u64 ea, u64 *v);
struct fault ppc_probe_store(u64 ea, u64 v);

enum ppc_user_access {
	PPC_USER_LOAD, /* ld into *value */
	PPC_USER_STORE, /* std of *value */
	PPC_USER_FETCH, /* bctrl to EA, which must return with blr */
};

/*
 * Makes one ACCESS at EA in problem state. False in *ok (with the reason
 * in *why) when problem state cannot be entered here (ppc_user_call()).
 */
struct fault ppc_user_probe(enum ppc_user_access access, u64 ea, u64 *value,
			    bool *ok, const char **why);

#endif
