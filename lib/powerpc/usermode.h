/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * usermode.h: running a function in problem state (MSR[PR] = 1, Power ISA
 * v3.0 Book III 4.2.1). Setting MSR[PR] also sets MSR[IR, DR, EE]
 * (4.2.1, rfid 4.4.1), so problem state runs relocated: ppc_user_call()
 * sets up the hashed page table (hash_mmu.h, the image identity-mapped,
 * read/write, executable for both keys) and turns segment 0 on around the
 * call. MSR[EE] = 1 there: the decrementer is written seconds ahead
 * first, and no external interrupt source is enabled (XICS CPPR 0).
 */
#ifndef HV_POWERPC_USERMODE_H
#define HV_POWERPC_USERMODE_H

#include <types.h>

typedef u64 (*user_fn_t)(u64 arg);

/*
 * Calls FN(ARG) in problem state and returns its result; false in *ok
 * (with the reason in *why) when problem state cannot be entered here.
 */
u64 ppc_user_call(user_fn_t fn, u64 arg, bool *ok, const char **why);

#endif
