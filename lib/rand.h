/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rand.h: the test's pseudo-random numbers. The seed comes from the guest
 * option seed=N (or the boot-time counter when absent), is printed in the
 * TAP header, and makes every randomised check reproducible.
 */
#ifndef HV_RAND_H
#define HV_RAND_H

#include <types.h>

u64 rand_seed(void);
u64 rand_u64(void);
/* A value in [0, n); n must be non-zero. */
u64 rand_below(u64 n);

void rand_init(u64 seed);

#endif
