/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * names.h: the name of a CPUID feature bit (names.c), for messages that
 * say which bit differs.
 */
#ifndef HV_X86_CPUID_NAMES_H
#define HV_X86_CPUID_NAMES_H

#include "cpuid.h"

/* QEMU's flag name of LEAF.SUB:REG[BIT] (REG: CPUID_EAX ...), or NULL. */
const char *cpuid_bit_name(u32 leaf, u32 sub, u32 reg, u32 bit);

/* How many names there are, and the Nth with its bit position. */
unsigned int cpuid_bit_names(void);
const char *cpuid_bit_name_at(unsigned int n, u32 *leaf, u32 *sub, u32 *reg,
			      u32 *bit);

#endif
