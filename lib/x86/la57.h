/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57.h: switch the running guest between 4-level and 5-level paging
 * (Intel SDM vol. 3A 4.1.1 and 4.1.2: CR4.LA57 can change only while
 * IA-32e mode is not active, i.e. with CR0.PG = 0; 4.5 4-level and 5-level
 * paging: with CR4.LA57 = 1, CR3 locates a PML5 table; 10.8.5 and 10.8.5.4
 * entering and leaving IA-32e mode; vol. 2B MOV to CR4 #GP(0) when LA57
 * changes in IA-32e mode).
 *
 * la57_enable() leaves 64-bit mode through 32-bit compatibility-mode code,
 * clears CR0.PG (which deactivates IA-32e mode), sets CR4.LA57, loads a
 * new PML5 whose entry 0 references the PML4 in use, sets CR0.PG again
 * and returns to 64-bit mode: every address the guest used keeps its
 * translation (PML5 index 0 covers linear addresses below 2^48).
 * la57_disable() takes the reverse trip back to that PML4.
 *
 * Only on CPUs enumerating LA57 (CPUID.(EAX=07H,ECX=0):ECX[16]); boot CPU
 * only, interrupts off during the trip. The running code, stack and CR3
 * tables must lie below 4 GiB, identity-mapped (true of this runtime).
 */
#ifndef HV_X86_LA57_H
#define HV_X86_LA57_H

#include <x86/paging.h>

/*
 * Enters 5-level paging and describes the new table in PT (levels = 5,
 * root = the PML5), so that callers can map more with pt_map(), e.g. at
 * PML5 entries other than 0.
 */
void la57_enable(struct page_table *pt);

/* Back to 4-level paging on the PML4 that was in use at la57_enable(). */
void la57_disable(void);

#endif
