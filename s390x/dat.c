// SPDX-License-Identifier: GPL-2.0-only
/*
 * dat: dynamic address translation through the DAT object (dat.h):
 * identity translation and LOAD REAL ADDRESS, the translation exceptions
 * of an invalid page-table, segment-table and region-third-table entry
 * with their translation-exception identification (address bits 0-51,
 * primary space), the ASCE-type exception, the translation-specification
 * exception, region-first and region-second translation exceptions in
 * the primary space (five-level walk), table offsets and lengths of the
 * region-first, region-third and segment tables, DAT protection, instruction-execution protection, INVALIDATE
 * PAGE TABLE ENTRY, INVALIDATE DAT TABLE ENTRY, COMPARE AND SWAP AND
 * PURGE, the home-space, secondary-space and access-register modes, and
 * EDAT-1 segment frames and EDAT-2 region frames. SA22-7832 chapter 3,
 * "Dynamic Address Translation", "DAT Protection", "Instruction-Execution
 * Protection"; chapter 6, "Translation-Exception Identification" and the
 * codes 0x10, 0x11, 0x12, 0x38, 0x39, 0x3a, 0x3b (nullifying); chapter
 * 10, "LOAD REAL ADDRESS", "INVALIDATE PAGE TABLE ENTRY", "INVALIDATE DAT
 * TABLE ENTRY", "COMPARE AND SWAP AND PURGE", "SET ADDRESS SPACE CONTROL
 * (FAST)".
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/dat.h>
#include <s390x/facility.h>
#include <s390x/fault.h>
#include <s390x/sclp.h>

#define TEST_VA 0x40000000ULL /* 1 GiB: outside storage, region 0 */
#define PTE_BIT52 0x800ULL
/* CR0 bit 37: secondary-space control (secondary and AR modes). */
#define CR0_SECONDARY_SPACE 0x0000000004000000ULL

static struct dat space;
static u8 *frame;
static u64 saved_cr0;
static volatile u64 target = 0x5a5a1234abcd0001ULL;

static bool dat_enter(void)
{
	if (!space.region3) {
		dat_init(&space);
		dat_map_identity(&space, sclp_info.memory_size);
		frame = alloc_page();
	}
	if (!report(frame != NULL, "a page to map"))
		return false;
	saved_cr0 = stctg(0);
	dat_map_page(&space, TEST_VA, (u64)frame);
	*(volatile u64 *)frame = 0x1122334455667788ULL;
	dat_enable(&space);
	return true;
}

static void dat_leave(void)
{
	dat_disable();
	lctlg(0, saved_cr0);
}

TEST_FIXTURE(dat_on, dat_enter, dat_leave);

static struct fault load(u64 va, u64 *v)
{
	return fault_probe("lg %0,0(%1)", : "=d"(*v) : "a"(va) : "memory");
}

static struct fault store(u64 va)
{
	return fault_probe("stg %0,0(%1)", : : "d"(0UL), "a"(va) : "memory");
}

/* The address part and the space of a TEID (chapter 6). */
static void teid_is(struct fault f, u64 va)
{
	report_eq(f.teid & ~0xfffULL, va & ~0xfffULL, "TEID address");
	report_eq(f.teid & 3, 0, "TEID: primary space");
}
#define check_teid(f, va) report_here(teid_is(f, va))

TEST_CASE(identity, .fixture = &dat_on)
{
	u64 v = 0, real = 0;
	int cc;

	report(extract_psw_mask() & PSW_MASK_DAT, "PSW bit 5 on");
	report_eq(target, 0x5a5a1234abcd0001ULL, "identity-mapped fetch");
	report_fault(load(TEST_VA, &v), FAULT_NONE, "load through a mapping");
	report_eq(v, 0x1122334455667788ULL, "it reads the mapped frame");
	asm volatile("lra %[r],0(%[a])\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [r] "=d"(real), [cc] "=d"(cc)
		     : [a] "a"(TEST_VA + 0x123)
		     : "cc");
	report_eq(cc, 0, "LRA: cc 0");
	report_eq(real, (u64)frame + 0x123, "LRA: the real address");
}

TEST_CASE(page_invalid, .fixture = &dat_on)
{
	u64 v;
	struct fault f;

	*dat_pte(&space, TEST_VA) |= PTE_INVALID;
	ptlb();
	f = load(TEST_VA + 8, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_PAGE_TRANS, 6),
		     "page-table entry invalid");
	check_teid(f, TEST_VA);
	*dat_pte(&space, TEST_VA) &= ~PTE_INVALID;
}

TEST_CASE(segment_invalid, .fixture = &dat_on)
{
	u64 va = TEST_VA + SEGMENT_SIZE, v;
	struct fault f = load(va, &v);

	report_fault(f, FAULT_PGM_NULLIFIED(PGM_SEGMENT_TRANS, 6),
		     "segment-table entry invalid");
	check_teid(f, va);
}

TEST_CASE(region_third_invalid, .fixture = &dat_on)
{
	u64 va = 3 * REGION3_SIZE + 0x5000, v;
	struct fault f = load(va, &v);

	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_THIRD_TRANS, 6),
		     "region-third-table entry invalid");
	check_teid(f, va);
}

/*
 * Chapter 3, "Translation Tables": with a region-third table as root the
 * region-first and region-second indexes must be zero.
 */
TEST_CASE(asce_type, .fixture = &dat_on)
{
	u64 va = 1ULL << 42, v;
	struct fault f = load(va, &v);

	report_fault(f, FAULT_PGM_NULLIFIED(PGM_ASCE_TYPE, 6),
		     "address at 4 TiB with a region-third root");
	check_teid(f, va);
}

/* Chapter 3, "Page-Table Entries": bit 52 must be zero. */
TEST_CASE(translation_spec, .fixture = &dat_on)
{
	u64 v;
	struct fault f;

	*dat_pte(&space, TEST_VA) |= PTE_BIT52;
	ptlb();
	f = load(TEST_VA, &v);
	*dat_pte(&space, TEST_VA) &= ~PTE_BIT52;
	ptlb();
	report_fault(f, FAULT_PGM(PGM_TRANS_SPEC, 6), "PTE bit 52 one");
}

/* Chapter 3, "DAT Protection": stores fail, fetches work. */
TEST_CASE(dat_protection, .fixture = &dat_on)
{
	u64 v;

	*dat_pte(&space, TEST_VA) |= PTE_PROTECT;
	ptlb();
	report_fault(store(TEST_VA), FAULT_PGM(PGM_PROTECTION, 6),
		     "store to a protected page");
	report_fault(load(TEST_VA, &v), FAULT_NONE, "fetch from it");
	*dat_pte(&space, TEST_VA) &= ~PTE_PROTECT;
	*dat_ste(&space, TEST_VA) |= SEGMENT_PROTECT;
	ptlb();
	report_fault(store(TEST_VA), FAULT_PGM(PGM_PROTECTION, 6),
		     "store through a protected segment");
	*dat_ste(&space, TEST_VA) &= ~SEGMENT_PROTECT;
	ptlb();
	report_fault(store(TEST_VA), FAULT_NONE, "store once unprotected");
}

/*
 * Chapter 10, "INVALIDATE PAGE TABLE ENTRY": sets the invalid bit and
 * clears the TLB copies, so a translation used just before now fails.
 */
TEST_CASE(ipte, .fixture = &dat_on)
{
	u64 *pte = dat_pte(&space, TEST_VA), v;
	u64 pto = (u64)pte & ~0x7ffULL;
	struct fault f;

	report_fault(load(TEST_VA, &v), FAULT_NONE, "translation in use");
	asm volatile("ipte %0,%1" : : "a"(pto), "a"(TEST_VA) : "memory");
	report(*pte & PTE_INVALID, "IPTE set the invalid bit");
	f = load(TEST_VA, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_PAGE_TRANS, 6),
		     "access after IPTE");
	*pte &= ~PTE_INVALID;
}

/* Chapter 3, "Enhanced-DAT": a 1 MiB segment frame (STE bit 53). */
TEST_CASE(edat1_segment, .fixture = &dat_on,
	  .features = CPU_FEATURES(FAC_EDAT1))
{
	u8 *mb = alloc_pages(8);
	u64 va = TEST_VA + 16 * SEGMENT_SIZE, v = 0;

	if (!report(mb != NULL && !((u64)mb & (SEGMENT_SIZE - 1)),
		    "a 1 MiB aligned frame"))
		return;
	*(volatile u64 *)(mb + 0xabc08) = 0x0123456789abcdefULL;
	lctlg(0, saved_cr0 | CR0_EDAT);
	dat_map_segment(&space, va, (u64)mb);
	ptlb();
	report_fault(load(va + 0xabc08, &v), FAULT_NONE,
		     "load through the segment frame");
	report_eq(v, 0x0123456789abcdefULL, "it reads the frame");
	*dat_ste(&space, va) = SEGMENT_INVALID;
	ptlb();
	free_pages(mb, 8);
}

/* Chapter 3, "Enhanced-DAT": a 2 GiB region frame (RTTE bit 53). */
TEST_CASE(edat2_region, .fixture = &dat_on,
	  .features = CPU_FEATURES(FAC_EDAT1, FAC_EDAT2))
{
	u64 va = 2 * REGION3_SIZE, v = 0;

	lctlg(0, saved_cr0 | CR0_EDAT);
	dat_map_region(&space, va, 0);
	ptlb();
	report_fault(load(va + (u64)&target, &v), FAULT_NONE,
		     "load through the region frame");
	report_eq(v, target, "it reads real storage at the offset");
	*dat_rtte(&space, va) = REGION_INVALID | REGION_TT_THIRD;
	ptlb();
}

/*
 * Chapter 10, "COMPARE AND SWAP AND PURGE": the word is swapped and, with
 * bit 63 of R2 one, the TLBs are purged: a page made invalid that way is
 * no longer translated.
 */
TEST_CASE(csp_purge, .fixture = &dat_on)
{
	u64 *pte = dat_pte(&space, TEST_VA), v;
	u32 old = (u32)*pte;
	int cc;

	report_fault(load(TEST_VA, &v), FAULT_NONE, "translation in use");
	asm volatile("llgfr %%r2,%[o]\n\t"
		     "llgfr %%r3,%[n]\n\t"
		     "la %%r4,1(%[a])\n\t"
		     "csp %%r2,%%r4\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc)
		     : [o] "d"(old), [n] "d"(old | (u32)PTE_INVALID),
		       [a] "a"((u64)pte + 4)
		     : "r2", "r3", "r4", "cc", "memory");
	report_eq(cc, 0, "CSP: cc 0 (swapped)");
	report(*pte & PTE_INVALID, "the entry is invalid");
	report_fault(load(TEST_VA, &v), FAULT_PGM_NULLIFIED(PGM_PAGE_TRANS, 6),
		     "access after CSP with purge");
	*pte &= ~PTE_INVALID;
}

static struct dat home;
static u8 *home_frame;

/*
 * Chapter 3, "Address Spaces"; chapter 10, "SET ADDRESS SPACE CONTROL"
 * and "SET ADDRESS SPACE CONTROL FAST" (SACF, used here): in the
 * home-space mode (PSW bits 16-17 = 11) translation uses the home
 * ASCE in CR13, and a translation exception names the home space in TEID
 * bits 62-63.
 */
TEST_CASE(home_space, .fixture = &dat_on)
{
	u64 primary_v = 0, home_v = 0, saved_cr13 = stctg(13);
	struct fault f;

	if (!home.region3) {
		dat_init(&home);
		dat_map_identity(&home, sclp_info.memory_size);
		home_frame = alloc_page();
		if (!report(home_frame != NULL, "a page for the home space"))
			return;
		dat_map_page(&home, TEST_VA, (u64)home_frame);
	}
	*(volatile u64 *)home_frame = 0x686f6d6568656d6fULL;
	lctlg(13, home.asce);
	ptlb();
	asm volatile(".insn s,0xb2790000,0x300\n\t"
		     "lg %[h],0(%[a])\n\t"
		     ".insn s,0xb2790000,0\n\t"
		     "lg %[p],0(%[a])"
		     : [h] "=&d"(home_v), [p] "=&d"(primary_v)
		     : [a] "a"(TEST_VA)
		     : "memory");
	report_eq(home_v, 0x686f6d6568656d6fULL,
		  "home mode reads the home frame");
	report_eq(primary_v, 0x1122334455667788ULL,
		  "primary mode reads the primary frame");
	fault_clear();
	asm volatile(".insn s,0xb2790000,0x300\n\t" FAULT_SITE(
			     "lg %%r0,0(%[a])") ".insn s,0xb2790000,0"
		     :
		     : [a] "a"(TEST_VA + SEGMENT_SIZE)
		     : "r0", "memory");
	f = fault_take();
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_SEGMENT_TRANS, 6),
		     "home mode, segment invalid");
	report_eq(f.teid & 3, 3, "TEID bits 62-63: home space");
	report_fault(fault_probe("sac 0",
				 :),
		     FAULT_NONE, "SAC to the primary mode, from it");
	lctlg(13, saved_cr13);
}

#define ASCE_DT_REGION_FIRST 0x0cULL
#define REGION_TT_FIRST 0x0cULL
#define REGION_TT_SECOND 0x08ULL

static u64 *region1, *region2;

/*
 * A load at VA in the access-register mode through access register 1
 * holding ALET 1, so translated with the secondary ASCE in CR7 while
 * instructions are fetched through the primary space.
 */
static struct fault load_secondary(u64 va, u64 *v)
{
	fault_clear();
	asm volatile("lhi %%r0,1\n\t"
		     "sar %%a1,%%r0\n\t"
		     "lgr %%r1,%[va]\n\t"
		     ".insn s,0xb2790000,0x200\n\t" FAULT_SITE(
			     "lg %[v],0(%%r1)") ".insn s,0xb2790000,0\n\t"
						"lhi %%r0,0\n\t"
						"sar %%a1,%%r0"
		     : [v] "=&d"(*v)
		     : [va] "a"(va)
		     : "r0", "r1", "memory");
	return fault_take();
}

/*
 * Chapter 3, "Translation Tables": with a region-first table as root,
 * an invalid region-first entry is a region-first-translation exception,
 * an invalid region-second entry a region-second-translation exception
 * (TEID bits 62-63: 01, access-register specified); with both valid the
 * walk continues through the region-third table to the page. The loads
 * run in the access-register mode (chapter 5, "Access-Register
 * Translation": ALET 1 designates the secondary space) so that
 * instructions are still fetched through the primary space.
 */
TEST_CASE(region_first_second, .fixture = &dat_on)
{
	u64 saved_cr7 = stctg(7), v = 0;
	struct fault f;

	if (!region1) {
		region1 = alloc_pages(2);
		region2 = alloc_pages(2);
		if (!report(region1 && region2, "two region tables"))
			return;
	}
	for (int i = 0; i < 2048; i++) {
		region1[i] = REGION_INVALID | REGION_TT_FIRST;
		region2[i] = REGION_INVALID | REGION_TT_SECOND;
	}
	lctlg(0, saved_cr0 | CR0_SECONDARY_SPACE);
	lctlg(7, (u64)region1 | ASCE_DT_REGION_FIRST | TABLE_LENGTH_MAX);
	ptlb();
	fault_clear();
	asm volatile(
		FAULT_SITE(".insn s,0xb2790000,0x200") ".insn s,0xb2790000,0"
		:
		:
		: "memory");
	f = fault_take();
	if (!report_fault(
		    f, FAULT_NONE,
		    "SACF to the access-register mode (CR0 bit 37 one)")) {
		lctlg(7, saved_cr7);
		return;
	}
	f = load_secondary(TEST_VA, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_FIRST_TRANS, 6),
		     "region-first entry invalid");
	report_eq(f.teid & 3, 1, "TEID bits 62-63: access-register specified");
	region1[0] = (u64)region2 | REGION_TT_FIRST | TABLE_LENGTH_MAX;
	ptlb();
	f = load_secondary(TEST_VA, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_SECOND_TRANS, 6),
		     "region-second entry invalid");
	region2[0] = (u64)space.region3 | REGION_TT_SECOND | TABLE_LENGTH_MAX;
	ptlb();
	report_fault(load_secondary(TEST_VA, &v), FAULT_NONE,
		     "five-level walk to the page");
	report_eq(v, 0x1122334455667788ULL, "it reads the mapped frame");
	lctlg(7, saved_cr7);
}

/* CR0 bit 20: instruction-execution-protection enablement. */
#define CR0_IEP 0x0000080000000000ULL
#define PTE_IEP 0x100ULL /* bit 55 */

static volatile bool iep_hit;
static volatile u16 iep_code;

/* An instruction fetch that failed: return to the caller, as BR 14. */
static void iep_catch(struct pt_regs *regs)
{
	iep_hit = true;
	iep_code = regs->code;
	regs->psw.addr = regs->gprs[14];
}

/*
 * Chapter 3, "Instruction-Execution Protection" (facility 130): with CR0
 * bit 20 one, an instruction fetched from a page whose PTE has bit 55 one
 * is a protection exception; without the bit it executes.
 */
TEST_CASE(iep, .fixture = &dat_on,
	  .features = CPU_FEATURES(
		  FACILITY(130, "instruction-execution-protection")))
{
	void (*fn)(void) = (void (*)(void))TEST_VA;
	exception_handler_t old;

	*(volatile u16 *)frame = 0x07fe; /* BR 14 */
	lctlg(0, saved_cr0 | CR0_IEP);
	old = s390x_set_handler(INT_PGM, iep_catch);
	iep_hit = false;
	fn();
	report(!iep_hit, "executes from a page without IEP (code %#x)",
	       iep_code);
	*dat_pte(&space, TEST_VA) |= PTE_IEP;
	ptlb();
	iep_hit = false;
	fn();
	*dat_pte(&space, TEST_VA) &= ~PTE_IEP;
	ptlb();
	s390x_set_handler(INT_PGM, old);
	report(iep_hit, "fetch from a page with IEP interrupts");
	report_eq(iep_code, PGM_PROTECTION, "protection exception");
}

static struct dat secondary;
static u8 *secondary_frame;

/*
 * Chapter 3, "Address Spaces": in the secondary-space mode (PSW bits
 * 16-17 = 10, CR0 bit 37 one) operands are translated with the secondary
 * ASCE in CR7. The secondary space maps storage to itself as the primary
 * does, so instruction fetching works in either space.
 */
TEST_CASE(secondary_space, .fixture = &dat_on)
{
	u64 v = 0, saved_cr7 = stctg(7);

	if (!secondary.region3) {
		dat_init(&secondary);
		dat_map_identity(&secondary, sclp_info.memory_size);
		secondary_frame = alloc_page();
		if (!report(secondary_frame != NULL, "a page for the space"))
			return;
		dat_map_page(&secondary, TEST_VA, (u64)secondary_frame);
	}
	*(volatile u64 *)secondary_frame = 0x7365636f6e646172ULL;
	lctlg(0, saved_cr0 | CR0_SECONDARY_SPACE);
	lctlg(7, secondary.asce);
	ptlb();
	asm volatile(".insn s,0xb2790000,0x100\n\t"
		     "lg %[v],0(%[a])\n\t"
		     ".insn s,0xb2790000,0"
		     : [v] "=&d"(v)
		     : [a] "a"(TEST_VA)
		     : "memory");
	report_eq(v, 0x7365636f6e646172ULL,
		  "secondary mode reads the secondary frame");
	lctlg(7, saved_cr7);
}

/* Region-table and segment-table entries: table offset and length. */
#define TABLE_OFFSET(tf) ((u64)(tf) << 6) /* bits 56-57 */
#define TABLE_LENGTH(tl) ((u64)(tl)) /* bits 62-63 */
#define TABLE_OFFSET_LENGTH 0xc3ULL
/* 1 TiB + 1 GiB: region-third index 512, segment index 1024. */
#define LENGTH_VA ((512ULL << 31) + 0x40000000ULL)

static struct fault load_with_rtte(u64 *rtte, u64 fields)
{
	u64 saved = *rtte, v;
	struct fault f;

	*rtte = (saved & ~TABLE_OFFSET_LENGTH) | fields;
	ptlb();
	f = load(LENGTH_VA, &v);
	*rtte = saved;
	ptlb();
	return f;
}

/*
 * Chapter 3, "Lookup in Region Third Table" and "Lookup in Segment
 * Table": bits 0-1 of the region-third index are checked against the
 * ASCE's table length, and bits 0-1 of the segment index against the
 * region-third-table entry's table offset and length (index part below
 * the offset or above the length: the translation exception of that
 * level, nullifying). LENGTH_VA has index parts 1 (RTX, 512) and 2 (SX,
 * 1024); the identity map (index parts 0) stays usable throughout.
 */
TEST_CASE(table_length, .fixture = &dat_on)
{
	u64 *rtte, v;
	struct fault f;

	if (!dat_ste(&space, LENGTH_VA))
		dat_map_page(&space, LENGTH_VA, (u64)frame);
	rtte = dat_rtte(&space, LENGTH_VA);
	ptlb();
	if (!report_fault(load(LENGTH_VA, &v), FAULT_NONE,
			  "load with full lengths"))
		return;
	lctlg(1, (space.asce & ~TABLE_LENGTH_MAX) | TABLE_LENGTH(0));
	ptlb();
	f = load(LENGTH_VA, &v);
	lctlg(1, space.asce);
	ptlb();
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_THIRD_TRANS, 6),
		     "RTX part 1 beyond the ASCE table length 0");
	check_teid(f, LENGTH_VA);
	f = load_with_rtte(rtte, TABLE_LENGTH(1));
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_SEGMENT_TRANS, 6),
		     "SX part 2 beyond the RTTE table length 1");
	check_teid(f, LENGTH_VA);
	f = load_with_rtte(rtte, TABLE_OFFSET(3) | TABLE_LENGTH(3));
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_SEGMENT_TRANS, 6),
		     "SX part 2 below the RTTE table offset 3");
	f = load_with_rtte(rtte, TABLE_OFFSET(2) | TABLE_LENGTH(2));
	report_fault(f, FAULT_NONE, "SX part 2 with offset 2 and length 2");
}

/*
 * Chapter 10, "INVALIDATE DAT TABLE ENTRY" (DAT-enhancement facility 1,
 * bit 3): with R2 bit 52 zero (invalidation and clearing) and no
 * additional entries, the segment-table entry that the table designation
 * in R1 (type 00) and the segment index in R2 select gets its invalid bit
 * and the TLB loses what came from it: the next access is a
 * segment-translation exception.
 */
TEST_CASE(idte, .fixture = &dat_on,
	  .features = CPU_FEATURES(FACILITY(3, "DAT-enhancement 1")))
{
	u64 *ste = dat_ste(&space, TEST_VA), v;
	u64 sto = *dat_rtte(&space, TEST_VA) & ~0xfffULL;
	struct fault f;

	report_fault(load(TEST_VA, &v), FAULT_NONE, "translation in use");
	asm volatile(Z_LATER("idte %0,%1,%2")
		     :
		     : "a"(sto | TABLE_LENGTH_MAX), "a"(space.asce),
		       "a"(TEST_VA & ~(SEGMENT_SIZE - 1))
		     : "memory");
	report(*ste & SEGMENT_INVALID, "IDTE set the segment invalid bit");
	f = load(TEST_VA, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_SEGMENT_TRANS, 6),
		     "access after IDTE");
	check_teid(f, TEST_VA);
	*ste &= ~SEGMENT_INVALID;
	ptlb();
	report_fault(load(TEST_VA, &v), FAULT_NONE, "valid again after PTLB");
}

/* Region-first index 512 (index part 1): bit 1 of the address. */
#define RFX_PART1_VA (1ULL << 62)

/*
 * Chapter 3, "Translation Tables", "Lookup in Region First Table",
 * "Lookup in Region Second Table": the same five-level walk in the
 * primary space (the region-first table's entry 0 leads through a
 * region-second table to this space's region-third table, so the
 * identity map and instruction fetching go on): an invalid region-first
 * or region-second entry is that level's translation exception with the
 * address in the TEID (primary space), and a region-first index part
 * beyond the ASCE's table length is a region-first-translation
 * exception even where the entry is valid.
 */
TEST_CASE(region_first_primary, .fixture = &dat_on)
{
	u64 asce, v = 0;
	struct fault f;

	if (!region1) {
		region1 = alloc_pages(2);
		region2 = alloc_pages(2);
		if (!report(region1 && region2, "two region tables"))
			return;
	}
	for (int i = 0; i < 2048; i++) {
		region1[i] = REGION_INVALID | REGION_TT_FIRST;
		region2[i] = REGION_INVALID | REGION_TT_SECOND;
	}
	region1[0] = (u64)region2 | REGION_TT_FIRST | TABLE_LENGTH_MAX;
	region2[0] = (u64)space.region3 | REGION_TT_SECOND | TABLE_LENGTH_MAX;
	asce = (u64)region1 | ASCE_DT_REGION_FIRST | TABLE_LENGTH_MAX;
	lctlg(1, asce);
	ptlb();
	report_fault(load(TEST_VA, &v), FAULT_NONE,
		     "five-level walk to the page");
	report_eq(v, 0x1122334455667788ULL, "it reads the mapped frame");
	f = load(TEST_VA | 1ULL << 53, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_FIRST_TRANS, 6),
		     "region-first entry 1 invalid");
	check_teid(f, TEST_VA | 1ULL << 53);
	f = load(TEST_VA | 1ULL << 42, &v);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_SECOND_TRANS, 6),
		     "region-second entry 1 invalid");
	check_teid(f, TEST_VA | 1ULL << 42);
	region1[512] = region1[0];
	ptlb();
	report_fault(load(TEST_VA | RFX_PART1_VA, &v), FAULT_NONE,
		     "region-first entry 512 valid, table length 3");
	lctlg(1, (asce & ~TABLE_LENGTH_MAX) | TABLE_LENGTH(0));
	ptlb();
	f = load(TEST_VA | RFX_PART1_VA, &v);
	lctlg(1, asce);
	report_fault(f, FAULT_PGM_NULLIFIED(PGM_REGION_FIRST_TRANS, 6),
		     "RFX part 1 beyond the ASCE table length 0");
	check_teid(f, TEST_VA | RFX_PART1_VA);
	lctlg(1, space.asce);
	ptlb();
}

/*
 * Chapter 10, "INVALIDATE DAT TABLE ENTRY": R2 bits 53-63 count the
 * additional entries: with 1, the selected segment-table entry and the
 * next one are invalidated, the one after them is not.
 */
TEST_CASE(idte_range, .fixture = &dat_on,
	  .features = CPU_FEATURES(FACILITY(3, "DAT-enhancement 1")))
{
	u64 va = TEST_VA + 4 * SEGMENT_SIZE, v;
	u64 sto = *dat_rtte(&space, va) & ~0xfffULL;
	u64 *ste[3];

	for (int i = 0; i < 3; i++) {
		dat_map_page(&space, va + i * SEGMENT_SIZE, (u64)frame);
		ste[i] = dat_ste(&space, va + i * SEGMENT_SIZE);
	}
	ptlb();
	asm volatile(Z_LATER("idte %0,%1,%2")
		     :
		     : "a"(sto | TABLE_LENGTH_MAX), "a"(space.asce), "a"(va | 1)
		     : "memory");
	report(*ste[0] & SEGMENT_INVALID, "the selected entry is invalid");
	report(*ste[1] & SEGMENT_INVALID, "the additional entry is invalid");
	report(!(*ste[2] & SEGMENT_INVALID), "the entry after them is not");
	report_fault(load(va + SEGMENT_SIZE, &v),
		     FAULT_PGM_NULLIFIED(PGM_SEGMENT_TRANS, 6),
		     "access through the additional entry");
	report_fault(load(va + 2 * SEGMENT_SIZE, &v), FAULT_NONE,
		     "access through the entry after them");
	for (int i = 0; i < 3; i++)
		*ste[i] |= SEGMENT_INVALID;
	ptlb();
}
