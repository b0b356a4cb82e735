/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spinlock.h: a test-and-set spinlock on GCC's __atomic builtins (acquire
 * on lock, release on unlock: C11 7.17.3 memory orders, which the
 * compiler maps to each arch's barriers). Not recursive; do not take a
 * lock in an interrupt handler that the interrupted code may hold.
 */
#ifndef HV_SPINLOCK_H
#define HV_SPINLOCK_H

#include <types.h>

struct spinlock {
	int locked;
};

#define SPINLOCK_INIT \
	{             \
		0     \
	}

static inline bool spin_trylock(struct spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_lock(struct spinlock *l)
{
	while (!spin_trylock(l))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			;
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif
