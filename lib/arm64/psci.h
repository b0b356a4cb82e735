/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psci.h: the Power State Coordination Interface (Arm DEN 0022D: 5.1
 * function IDs, 5.2 return codes, 5.1.5 CPU_ON, 5.1.4 CPU_OFF, 5.1.6
 * AFFINITY_INFO, 5.1.9 SYSTEM_OFF, 5.1.14 PSCI_FEATURES) called through
 * HVC or SMC as the device tree's /psci "method" says (SMC Calling
 * Convention, DEN 0028: function ID in w0, arguments in x1-x3, result
 * in x0).
 */
#ifndef HV_ARM64_PSCI_H
#define HV_ARM64_PSCI_H

#include <types.h>

#define PSCI_VERSION 0x84000000
#define PSCI_CPU_SUSPEND 0xc4000001
#define PSCI_CPU_OFF 0x84000002
#define PSCI_CPU_ON 0xc4000003
#define PSCI_AFFINITY_INFO 0xc4000004
#define PSCI_MIGRATE 0xc4000005
#define PSCI_MIGRATE_INFO_TYPE 0x84000006
#define PSCI_MIGRATE_INFO_UP_CPU 0xc4000007
#define PSCI_SYSTEM_OFF 0x84000008
#define PSCI_SYSTEM_RESET 0x84000009
#define PSCI_FEATURES 0x8400000a
#define PSCI_CPU_FREEZE 0x8400000b
#define PSCI_CPU_DEFAULT_SUSPEND 0xc400000c
#define PSCI_NODE_HW_STATE 0xc400000d
#define PSCI_SYSTEM_SUSPEND 0xc400000e
#define PSCI_SET_SUSPEND_MODE 0x8400000f
#define PSCI_STAT_RESIDENCY 0xc4000010
#define PSCI_STAT_COUNT 0xc4000011
#define PSCI_SYSTEM_RESET2 0xc4000012
#define PSCI_MEM_PROTECT 0x84000013
#define PSCI_MEM_PROTECT_CHECK_RANGE 0xc4000014

#define PSCI_RET_SUCCESS 0
#define PSCI_RET_NOT_SUPPORTED -1
#define PSCI_RET_INVALID_PARAMETERS -2
#define PSCI_RET_DENIED -3
#define PSCI_RET_ALREADY_ON -4
#define PSCI_RET_ON_PENDING -5
#define PSCI_RET_INTERNAL_FAILURE -6
#define PSCI_RET_NOT_PRESENT -7
#define PSCI_RET_DISABLED -8
#define PSCI_RET_INVALID_ADDRESS -9

#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_AFFINITY_ON_PENDING 2

/* Reads the conduit from the device tree; false when there is no PSCI. */
bool psci_init(void);
/* "hvc" or "smc". */
const char *psci_conduit(void);
long psci_call(u32 fn, u64 a1, u64 a2, u64 a3);
const char *psci_ret_str(long ret);

static inline long psci_cpu_on(u64 mpidr, u64 entry, u64 context)
{
	return psci_call(PSCI_CPU_ON, mpidr, entry, context);
}

static inline long psci_affinity_info(u64 mpidr, unsigned int level)
{
	return psci_call(PSCI_AFFINITY_INFO, mpidr, level, 0);
}

static inline long psci_features(u32 fn)
{
	return psci_call(PSCI_FEATURES, fn, 0, 0);
}

#endif
