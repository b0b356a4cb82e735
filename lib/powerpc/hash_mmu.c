// SPDX-License-Identifier: GPL-2.0-only
/*
 * hash_mmu.c: the hashed page table MMU object (hash_mmu.h). For a 256 MiB
 * segment and 4 KiB pages, Power ISA v3.0 Book III 5.7.7.3: the virtual
 * address is VSID || EA[36:63]; the primary hash is VSID[38:76] XOR
 * EA[36:51], its low bits select the page table entry group (PTEG, 8
 * entries of 16 bytes); doubleword 0 of an entry holds the abbreviated
 * virtual page number (VA bits above 23, 5.7.7.2) and V. Segment 1 has
 * 64 KiB pages: SLB L || LP, HPTE L and the page size bits at the bottom of
 * the RPN, EA[36:47] in the hash, as ibm,segment-page-sizes encodes them. H_ENTER (LoPAPR
 * 1.1 14.5.4.1.1) with flags 0 takes a free slot of the group named by
 * its first entry index and returns the index chosen; H_REMOVE removes it
 * and invalidates the translation. SLB entries: 5.9.3.1 slbmte/slbie.
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <fdt/devicetree.h>
#include <powerpc/hcall.h>
#include <powerpc/processor.h>
#include <powerpc/hash_mmu.h>

#define VSID 0x5a3c1ULL /* segment 0; segment 1 is VSID + 1 */
#define SLB_INDEX 1 /* slbia spares entry 0 on some ISA levels */
#define SLB_V BIT(27) /* RB bit 36 */
#define SLB_KP BIT(10) /* RS bit 53 */
/* RS L || LP = 1 || 01: 64 KiB base pages (5.7.7.1; ibm,segment-page-sizes). */
#define SLB_64K (BIT(8) | BIT(4))
#define SLB_VSID_SHIFT 12
#define HPTE_V_VALID BIT(0)
#define HPTE_V_LARGE BIT(2) /* L: a page larger than 4 KiB */
/* RPN low bits naming a 64 KiB actual page (ibm,segment-page-sizes). */
#define HPTE_R_LP_64K BIT(12)
#define MAX_MAPPINGS 512

struct mapping {
	u64 ea;
	u64 ptex;
};

static struct mapping maps[MAX_MAPPINGS];
static unsigned int n_maps;
static u64 pteg_mask;
static bool ready;

static u64 vsid_of(u64 ea)
{
	return VSID + ea / HASH_SEGMENT_SIZE;
}

static u64 va_of(u64 ea)
{
	return (vsid_of(ea) << 28) | (ea & (HASH_SEGMENT_SIZE - 1));
}

/* 12 in segment 0, 16 in segment 1. */
static unsigned int page_shift(u64 ea)
{
	return ea < HASH_SEGMENT_SIZE ? PAGE_SHIFT : 16;
}

static u64 page_base(u64 ea)
{
	return ea & ~((1ULL << page_shift(ea)) - 1);
}

static struct mapping *find(u64 ea)
{
	for (unsigned int i = 0; i < n_maps; i++)
		if (maps[i].ea == ea)
			return &maps[i];
	return NULL;
}

long hash_map(u64 ea, u64 ra, u64 prot)
{
	unsigned int shift = page_shift(ea);
	u64 hash = (vsid_of(ea) & GENMASK(38, 0)) ^
		   ((ea & (HASH_SEGMENT_SIZE - 1)) >> shift);
	u64 pteh = ((va_of(ea) >> 23) << 7) | HPTE_V_VALID;
	u64 ptel = (ra & ~((1ULL << shift) - 1)) | HPTE_R_M | prot;
	u64 rets[4];
	long rc;

	if (shift != PAGE_SHIFT) {
		pteh |= HPTE_V_LARGE;
		ptel |= HPTE_R_LP_64K;
	}
	ea = page_base(ea);
	assert(ea < 2 * HASH_SEGMENT_SIZE && !find(ea) &&
	       n_maps < MAX_MAPPINGS);
	rc = hcall_rets(H_ENTER, rets, 0, (hash & pteg_mask) * 8, pteh, ptel);
	if (rc == H_SUCCESS)
		maps[n_maps++] = (struct mapping){.ea = ea, .ptex = rets[0]};
	return rc;
}

long hash_unmap(u64 ea)
{
	struct mapping *m = find(page_base(ea));
	u64 rets[4];
	long rc;

	if (!m)
		return H_PARAMETER;
	rc = hcall_rets(H_REMOVE, rets, 0, m->ptex, 0, 0);
	*m = maps[--n_maps];
	return rc;
}

u64 hash_read_pte(u64 ea)
{
	struct mapping *m = find(page_base(ea));
	u64 rets[4];

	if (!m || hcall_rets(H_READ, rets, 0, m->ptex, 0, 0) != H_SUCCESS)
		return 0;
	return rets[1];
}

void hash_segment_on(void)
{
	u64 rs0 = (VSID << SLB_VSID_SHIFT) | SLB_KP;
	u64 rs1 = ((VSID + 1) << SLB_VSID_SHIFT) | SLB_KP | SLB_64K;
	u64 rb0 = SLB_V | SLB_INDEX;
	u64 rb1 = HASH_SEGMENT_SIZE | SLB_V | (SLB_INDEX + 1);

	asm volatile("slbmte %0, %1\n\tslbmte %2, %3\n\tisync"
		     :
		     : "r"(rs0), "r"(rb0), "r"(rs1), "r"(rb1)
		     : "memory");
}

void hash_segment_off(void)
{
	asm volatile("slbie %0\n\tslbie %1\n\tisync"
		     :
		     : "r"(0ULL), "r"(HASH_SEGMENT_SIZE)
		     : "memory");
}

bool hash_mmu_setup(const char **why)
{
	int cpus = fdt_path_offset(dt_fdt(), "/cpus");
	int cpu = cpus < 0 ? cpus : fdt_first_subnode(dt_fdt(), cpus);
	u32 shift;

	if (ready)
		return true;
	if (cpu < 0 || dt_u32(cpu, "ibm,pft-size", 1, &shift) || shift < 18) {
		*why = "no hashed page table (ibm,pft-size)";
		return false;
	}
	pteg_mask = (1ULL << (shift - 7)) - 1;
	for (u64 a = (u64)__image_start; a < (u64)__image_end; a += PAGE_SIZE) {
		if (hash_map(a, a, HPTE_PP_RW) != H_SUCCESS) {
			*why = "H_ENTER of the image failed";
			return false;
		}
	}
	ready = true;
	return true;
}

static long on_entry(u64 token, u64 ea, u64 flags, u64 *old)
{
	struct mapping *m = find(page_base(ea));
	u64 rets[4];
	long rc;

	if (!m)
		return H_PARAMETER;
	rc = hcall_rets(token, rets, flags, m->ptex, 0, 0);
	if (old)
		*old = rets[0];
	return rc;
}

long hash_protect(u64 ea, u64 prot)
{
	return on_entry(H_PROTECT, ea, prot & (HPTE_PP_RO | HPTE_R_N), NULL);
}

long hash_clear_mod(u64 ea, u64 *old)
{
	return on_entry(H_CLEAR_MOD, ea, 0, old);
}

long hash_clear_ref(u64 ea, u64 *old)
{
	return on_entry(H_CLEAR_REF, ea, 0, old);
}
