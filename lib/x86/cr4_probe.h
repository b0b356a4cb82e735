/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cr4_probe.h: the two checks every CR4 feature bit gets (Intel SDM vol. 3A
 * 2.5, vol. 2B MOV to CR4): with the feature enumerated the bit can be set
 * and reads back; without it the bit is reserved and MOV to CR4 raises
 * #GP(0). Both restore CR4. Call them through report_here() so that their
 * reports carry the test's line.
 */
#ifndef HV_X86_CR4_PROBE_H
#define HV_X86_CR4_PROBE_H

#include <types.h>
#include <x86/processor.h>

/* NAME is the bit's name (SMAP), FEATURE the feature's (SMAP). */
void cr4_probe_settable(u64 bit, const char *name, const char *feature);

/*
 * SKIP when F is enumerated (the bit is not reserved then); CPUID says
 * where F is enumerated (CPUID.7.0:EBX.SMAP). Some hypervisors livelock
 * on this MOV: give the case an entry of its own.
 */
void cr4_probe_reserved(u64 bit, struct x86_feature f, const char *name,
			const char *feature, const char *cpuid);

#endif
