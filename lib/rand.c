// SPDX-License-Identifier: GPL-2.0-only
/*
 * rand.c: SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014): one 64-bit state, full period.
 */
#include <rand.h>

static u64 seed, state;

void rand_init(u64 s)
{
	seed = s;
	state = s;
}

u64 rand_seed(void)
{
	return seed;
}

u64 rand_u64(void)
{
	u64 z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

u64 rand_below(u64 n)
{
	/* Reject the top partial range so every value is equally likely. */
	u64 limit = -n % n, r;

	do
		r = rand_u64();
	while (r < limit);
	return r % n;
}
