/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ept.h: EPT paging structures built on the page-table object (paging.h):
 * the same 4-level walk with the EPT entry format (Intel SDM vol. 3C 29.3.2,
 * the entry formats: bits 0-2 read/write/execute, bits 5:3 memory type
 * and bit 6 ignore-PAT in leaves, bit 7 a 2-MiB or 1-GiB page, bits 8/9
 * accessed/dirty; 25.6.11 the EPTP). Tables that the walk creates are
 * read/write/execute, so the leaf decides the permissions.
 */
#ifndef HV_X86_VMX_EPT_H
#define HV_X86_VMX_EPT_H

#include <types.h>
#include <x86/paging.h>

#define EPT_R BIT(0)
#define EPT_W BIT(1)
#define EPT_X BIT(2)
#define EPT_RWX (EPT_R | EPT_W | EPT_X)
#define EPT_MT_SHIFT 3
#define EPT_MT_UC 0
#define EPT_MT_WB 6
#define EPT_IGNORE_PAT BIT(6)
#define EPT_LARGE BIT(7)
#define EPT_A BIT(8)
#define EPT_D BIT(9)
#define EPT_SUPPRESS_VE BIT(63) /* leaves, with EPT-violation #VE */

/* EPTP (25.6.11): memory type, page-walk length - 1, A/D enable. */
#define EPTP_WB 6
#define EPTP_PWL4 (3 << 3)
#define EPTP_AD BIT(6)

/* EPT-violation exit qualification (28.2.1 table 28-7). */
#define EPT_VQ_READ BIT(0)
#define EPT_VQ_WRITE BIT(1)
#define EPT_VQ_FETCH BIT(2)
#define EPT_VQ_READABLE BIT(3)
#define EPT_VQ_WRITABLE BIT(4)
#define EPT_VQ_EXECUTABLE BIT(5)
#define EPT_VQ_GLA_VALID BIT(7)
#define EPT_VQ_TRANSLATED BIT(8)

/* An empty 4-level EPT. */
void ept_init(struct page_table *ept);
/* Maps the page of LEVEL at GPA to HPA with PERMS (EPT_R/W/X) as WB. */
void ept_map(struct page_table *ept, u64 gpa, u64 hpa, int level, u64 perms);
/* The page size of identity maps: 1 GiB where offered (A.10), else 2 MiB. */
int ept_identity_level(void);
/* Identity-maps [0, SIZE) read/write/execute with ept_identity_level(). */
void ept_identity(struct page_table *ept, u64 size);
/* DST becomes a private copy of SRC's tables (leaves are copied as is). */
void ept_clone(struct page_table *dst, const struct page_table *src);
/* A private copy of an identity map of the first 4 GiB built once. */
void ept_identity_4g(struct page_table *ept);
/*
 * Splits the large pages that map GPA until it is mapped at LEVEL or
 * below, each into 512 entries of the next size with the same bits.
 */
void ept_split(struct page_table *ept, u64 gpa, int level);
/* Maps the 4-KiB page at GPA (splitting its large pages) with PERMS. */
void ept_set_4k(struct page_table *ept, u64 gpa, u64 perms);
/* The EPTP of EPT with write-back paging structures and 4 levels. */
u64 ept_pointer(const struct page_table *ept);

#endif
