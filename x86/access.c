// SPDX-License-Identifier: GPL-2.0-only
/*
 * access: the page-table access-rights matrix. Each combination of access
 * (supervisor or user; read, write or instruction fetch), page size (4 KiB,
 * 2 MiB, 1 GiB), paging-structure flags at every level (P, R/W, U/S, XD, A,
 * D, reserved bits, protection key) and paging controls (CR0.WP,
 * IA32_EFER.NXE, CR4.SMEP, CR4.SMAP with EFLAGS.AC, CR4.PKE with PKRU) is
 * set up on a page table of the test's own, the access is made, and the
 * outcome (no fault, or #PF with its error code and CR2) and the accessed
 * and dirty flags are compared with a model of the architecture.
 *
 * With la57=1 the test first switches to 5-level paging (lib/x86/la57.h)
 * and the PML5 entry joins every per-level dimension. The table's layout,
 * the accesses and the fixture's saved paging controls are lib/x86/pgtest.h.
 *
 * The model follows Intel SDM vol. 3A 4.5 (4-level and 5-level paging,
 * reserved bits), 4.6 (access rights, 4.6.1 supervisor/user, 4.6.2
 * protection keys), 4.7 (page-fault error code) and 4.8 (accessed and
 * dirty flags); AMD APM vol. 2 5.3-5.6 and 8.4.2 where AMD differs. It is
 * written from those rules, never from what a hypervisor does.
 * docs/access-test.md describes the cases, the sampled space and the
 * options.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/la57.h>
#include <x86/paging.h>
#include <x86/pgtest.h>

/*
 * The tables under test hang off PML4 slot 1 (PGTEST_BASE); with 5-level
 * paging off PML5 slot 1: PML5 entry 0 maps everything else, so the
 * entries under test must not share it. Canonical at 57 bits only.
 */
#define TEST_BASE_LA57 (1ULL << 48)
#define DATA_OFF 0x800 /* the byte accessed in the data page */
#define MAX_REPORTED 20 /* mismatches printed per case */

#define LV(l) (1u << ((l)-1)) /* a level in a per-level mask */
#define MAX_LEVELS 5

/*
 * One point of the matrix. Per-level masks have bit LV(level); the flags
 * and controls are 0 or 1. Every field is a byte: decode() stores a
 * dimension's value at its field's offset.
 */
struct combo {
	u8 acc; /* enum pg_access */
	u8 user;
	u8 leaf; /* PT_LEVEL_4K, _2M or _1G */
	u8 levels; /* the walk's entries: LV(top) down to LV(leaf) */
	u8 p, rw, us, a, nx, rsvd;
	u8 d, lprsvd;
	u8 wp, nxe, smep, smap, ac, pke;
	u8 pkru; /* AD (bit 0) and WD (bit 1) of key 1 */
	u8 pkey;
};

/* DIM_ACCESS: read, write or fetch; DIM_USER: supervisor or user. */
enum dim {
	DIM_ACCESS,
	DIM_USER,
	DIM_P,
	DIM_RW,
	DIM_US,
	DIM_A,
	DIM_D,
	DIM_NX,
	DIM_RSVD,
	DIM_LPRSVD,
	DIM_WP,
	DIM_NXE,
	DIM_SMEP,
	DIM_SMAP,
	DIM_AC,
	DIM_PKE,
	DIM_PKRU,
	DIM_PKEY,
};

#define NR_DIMS (DIM_PKEY + 1)

/*
 * The field of struct combo each dimension sets. The value of a per-level
 * dimension has a bit per entry of the walk, the leaf's in bit 0.
 */
static const struct {
	u8 off;
	bool per_level;
} dim_field[NR_DIMS] = {
	[DIM_ACCESS] = {offsetof(struct combo, acc), false},
	[DIM_USER] = {offsetof(struct combo, user), false},
	[DIM_P] = {offsetof(struct combo, p), true},
	[DIM_RW] = {offsetof(struct combo, rw), true},
	[DIM_US] = {offsetof(struct combo, us), true},
	[DIM_A] = {offsetof(struct combo, a), true},
	[DIM_D] = {offsetof(struct combo, d), false},
	[DIM_NX] = {offsetof(struct combo, nx), true},
	[DIM_RSVD] = {offsetof(struct combo, rsvd), true},
	[DIM_LPRSVD] = {offsetof(struct combo, lprsvd), false},
	[DIM_WP] = {offsetof(struct combo, wp), false},
	[DIM_NXE] = {offsetof(struct combo, nxe), false},
	[DIM_SMEP] = {offsetof(struct combo, smep), false},
	[DIM_SMAP] = {offsetof(struct combo, smap), false},
	[DIM_AC] = {offsetof(struct combo, ac), false},
	[DIM_PKE] = {offsetof(struct combo, pke), false},
	[DIM_PKRU] = {offsetof(struct combo, pkru), false},
	[DIM_PKEY] = {offsetof(struct combo, pkey), false},
};

/*
 * A matrix at one page size: the combination of index 0 and one digit of
 * the index per dimension that has more than one value, lowest first.
 * decode() stores a digit's value, shifted left by SHIFT, at byte OFF of
 * the combination.
 */
struct plan {
	struct combo base;
	u64 space;
	int ndigits;
	struct {
		u8 radix, off, shift;
	} digit[NR_DIMS];
};

/*
 * A and D of the walk's entries, a byte per level (byte l - 1 for level l)
 * with PT_A and PT_D in place; OPEN: the bits the spec leaves open
 * (expected flags only).
 */
struct ad_flags {
	u64 bits, open;
};

struct outcome {
	struct fault f;
	u32 err_ignored; /* error-code bits the spec leaves open */
	struct ad_flags ad;
};

static struct {
	bool nx, smep, smap, pku, gbpages, amd;
	u64 rsvd_bit; /* lowest bit above MAXPHYADDR, or 0 */
} cpu;

static struct page_table pt;
static int top; /* the root's level: 4, or 5 with la57=1 */
static u64 *entry[MAX_LEVELS + 1]; /* the test VA's entry at each level */
static u64 table_pa[MAX_LEVELS + 1]; /* the table each level points to */
/* A leaf entry at each page size: the data page's frame, PS above 4 KiB. */
static u64 leaf_frame[PT_LEVEL_1G + 1];
/*
 * Every level at once, a byte per level (byte l - 1 for level l):
 * level_bytes[mask] has 1 in the byte of each level in a per-level mask.
 * write_entries() makes each level's byte hold its P, R/W, U/S, A, XD and
 * reserved address bit as bits 0 to 5 (CODE_*), which code_flags[] turns
 * into entry bits; struct ad_flags holds A and D that way.
 */
enum { CODE_P, CODE_RW, CODE_US, CODE_A, CODE_NX, CODE_RSVD, NR_CODE_BITS };
static u64 level_bytes[1u << MAX_LEVELS];
static u64 code_flags[1u << NR_CODE_BITS];
static u64 data_pa;
static u64 test_va; /* the linear address accessed */
static u64 cur_cr0, cur_cr4, cur_efer; /* what set_cpu_state() last wrote */
static u64 total_checked;

/*
 * Builds the tables once; with la57=1, after switching to 5-level paging.
 * False (and a SKIP) when la57=1 but the CPU does not enumerate LA57.
 */
static bool build_tables(void)
{
	bool la57 = arg_get_u64("la57", 0);
	struct page_table boot5;

	if (la57 && !cpu_has(X86_FEATURE_LA57)) {
		report_skip("la57=1: LA57 not enumerated "
			    "(CPUID.7.0:ECX.LA57[16])");
		return false;
	}
	if (pt.root)
		return true;
	if (la57)
		la57_enable(&boot5);
	top = la57 ? 5 : 4;
	cpu.nx = cpu_has(X86_FEATURE_NX);
	cpu.smep = cpu_has(X86_FEATURE_SMEP);
	cpu.smap = cpu_has(X86_FEATURE_SMAP);
	cpu.pku = cpu_has(X86_FEATURE_PKU);
	cpu.gbpages = cpu_has(X86_FEATURE_GBPAGES);
	cpu.amd = cpu_is_amd();
	cpu.rsvd_bit = cpu_phys_bits() < 52 ? BIT(cpu_phys_bits()) : 0;
	report_info("vendor %s, MAXPHYADDR %u; NX %d SMEP %d SMAP %d PKU %d "
		    "1GiB-pages %d",
		    cpu_vendor(), cpu_phys_bits(), cpu.nx, cpu.smep, cpu.smap,
		    cpu.pku, cpu.gbpages);
	if (!cpu.nx)
		report_info("NX not enumerated (CPUID.80000001H:EDX.NX): "
			    "efer.nxe stays 0");
	if (!cpu.smep)
		report_info("SMEP not enumerated (CPUID.7.0:EBX.SMEP): "
			    "cr4.smep stays 0");
	if (!cpu.smap)
		report_info("SMAP not enumerated (CPUID.7.0:EBX.SMAP): "
			    "cr4.smap and eflags.ac stay 0");
	if (!cpu.pku)
		report_info("PKU not enumerated (CPUID.7.0:ECX.PKU): cr4.pke "
			    "stays 0");
	if (!cpu.gbpages)
		report_info(
			"1 GiB pages not enumerated "
			"(CPUID.80000001H:EDX.Page1GB): 4 KiB and 2 MiB only");
	if (!cpu.rsvd_bit)
		report_info("MAXPHYADDR is 52: no reserved address bit to set");
	report_info("%d-level paging%s", top,
		    la57 ? " (CR4.LA57=1): PML5E flags included" : "");

	pgtest_init(&pt);
	data_pa = (u64)alloc_page();
	assert(data_pa);
	((u8 *)data_pa)[DATA_OFF] = PGTEST_RET_INSN;
	test_va =
		(top == 5 ? TEST_BASE_LA57 : PGTEST_BASE) + data_pa + DATA_OFF;
	pt_map(&pt, test_va & ~(PAGE_SIZE - 1), data_pa, PT_LEVEL_4K,
	       PT_RW | PT_US);
	for (int l = 1; l <= top; l++) {
		entry[l] = pt_walk(&pt, test_va, l, false);
		table_pa[l] = *entry[l] & PT_ADDR_MASK;
	}
	for (int l = PT_LEVEL_4K; l <= PT_LEVEL_1G; l++)
		leaf_frame[l] = (data_pa & ~(pt_level_size(l) - 1)) |
				(l > PT_LEVEL_4K ? PT_PS : 0);
	for (unsigned int m = 0; m < ARRAY_SIZE(level_bytes); m++)
		for (int l = 1; l <= MAX_LEVELS; l++)
			if (m & LV(l))
				level_bytes[m] |= 1ULL << (8 * (l - 1));
	for (unsigned int code = 0; code < ARRAY_SIZE(code_flags); code++)
		code_flags[code] = (code & BIT(CODE_P) ? PT_P : 0) |
				   (code & BIT(CODE_RW) ? PT_RW : 0) |
				   (code & BIT(CODE_US) ? PT_US : 0) |
				   (code & BIT(CODE_A) ? PT_A : 0) |
				   (code & BIT(CODE_NX) ? PT_NX : 0) |
				   (code & BIT(CODE_RSVD) ? cpu.rsvd_bit : 0);
	return true;
}

/* Each case runs on the test's tables with the paging controls saved. */
static bool access_env_enter(void)
{
	if (!build_tables())
		return false;
	pgtest_enter(&pt);
	cur_cr0 = read_cr0();
	cur_cr4 = read_cr4();
	cur_efer = rdmsr(MSR_EFER);
	return true;
}

TEST_FIXTURE(access_env, access_env_enter, pgtest_leave);

static unsigned int radix(enum dim d, int leaf)
{
	unsigned int levels = 1u << (top + 1 - leaf);

	switch (d) {
	case DIM_ACCESS:
		return 3;
	case DIM_USER:
		return 2;
	case DIM_P:
	case DIM_RW:
	case DIM_US:
	case DIM_A:
	case DIM_NX:
		return levels;
	case DIM_RSVD:
		return cpu.rsvd_bit ? levels : 1;
	case DIM_D:
	case DIM_WP:
		return 2;
	case DIM_LPRSVD:
		return leaf > PT_LEVEL_4K ? 2 : 1;
	case DIM_NXE:
		return cpu.nx ? 2 : 1;
	case DIM_SMEP:
		return cpu.smep ? 2 : 1;
	case DIM_SMAP:
	case DIM_AC:
		return cpu.smap ? 2 : 1;
	case DIM_PKE:
	case DIM_PKEY:
		return cpu.pku ? 2 : 1;
	case DIM_PKRU:
		return cpu.pku ? 4 : 1;
	}
	return 1;
}

/* Everything allowed, no A/D set, NXE on when it exists. */
static struct combo baseline(int leaf)
{
	u8 levels = ((1u << top) - 1) & ~(LV(leaf) - 1);

	return (struct combo){
		.leaf = leaf,
		.levels = levels,
		.p = levels,
		.rw = levels,
		.us = levels,
		.wp = true,
		.nxe = cpu.nx,
	};
}

/* Lays out the index of the matrix of DIMS at page size LEAF in M. */
static void plan_matrix(struct plan *m, const enum dim *dims, int ndims,
			int leaf)
{
	assert(ndims <= NR_DIMS);
	m->base = baseline(leaf);
	m->space = 1;
	m->ndigits = 0;
	for (int i = 0; i < ndims; i++) {
		unsigned int r = radix(dims[i], leaf);
		u8 off = dim_field[dims[i]].off;

		/* A dimension with one value has value 0. */
		if (r == 1) {
			((u8 *)&m->base)[off] = 0;
			continue;
		}
		m->digit[m->ndigits].radix = r;
		m->digit[m->ndigits].off = off;
		m->digit[m->ndigits].shift =
			dim_field[dims[i]].per_level ? leaf - 1 : 0;
		m->ndigits++;
		m->space *= r;
	}
}

/*
 * The walk's entries with a reserved bit set (SDM 4.5.4 tables 4-15 to
 * 4-20), bit LV(level) each.
 */
static u8 rsvd_levels(const struct combo *c)
{
	u8 r = c->rsvd;

	/* XD is reserved with IA32_EFER.NXE = 0 (SDM 4.5.4; APM 5.6.1). */
	if (!c->nxe)
		r |= c->nx;
	/* Bits 20:13 of a 2 MiB PDE, 29:13 of a 1 GiB PDPTE. */
	if (c->lprsvd)
		r |= LV(c->leaf);
	return r & c->levels;
}

/*
 * The architectural outcome of C: which fault (SDM 4.7), and which A/D
 * flags are set afterwards (SDM 4.8).
 */
static struct outcome model(const struct combo *c)
{
	bool write = c->acc == PG_WRITE, fetch = c->acc == PG_FETCH;
	bool deny, pk = false;
	struct outcome o = {FAULT_NONE, 0, {0, 0}};
	u32 err = (write ? PFERR_W : 0) | (c->user ? PFERR_U : 0);
	u8 not_present = c->levels & ~c->p, bad, unread = 0;
	u8 a, a_open = 0, d = 0;

	/*
	 * SDM 4.7: I is set for fetches when CR4.SMEP = 1 or (PAE and)
	 * IA32_EFER.NXE = 1. APM 8.4.2 defines I only with EFER.NXE = 1.
	 */
	if (fetch && (c->nxe || c->smep))
		err |= PFERR_I;
	if (fetch && !c->nxe && cpu.amd)
		o.err_ignored = PFERR_I;

	/*
	 * The walk, top down (SDM 4.5.4): the highest entry that is not
	 * present or has a reserved bit set ends it; P is checked first.
	 */
	bad = not_present | rsvd_levels(c);
	if (bad) {
		u8 stop = 1u << (31 - __builtin_clz(bad));

		if (not_present & stop)
			o.f = FAULT_PF(err);
		else
			o.f = FAULT_PF(err | PFERR_P | PFERR_RSVD);
		unread = c->levels & (stop - 1);
	} else {
		/*
		 * SDM 4.6.1: writes are allowed (rw) and the address is a
		 * user-mode address (us) only if R/W, respectively U/S, is 1
		 * in every entry of the walk; XD = 1 in any entry (with NXE)
		 * disallows fetches (nx).
		 */
		bool rw = !(c->levels & ~c->rw), us = !(c->levels & ~c->us);
		bool nx = c->nxe && (c->nx & c->levels);

		if (c->user) {
			deny = !us || (write && !rw) || (fetch && nx);
		} else if (fetch) {
			deny = nx || (us && c->smep);
		} else {
			deny = (us && c->smap && !c->ac) ||
			       (write && !rw && c->wp);
		}
		/* SDM 4.6.2 protection keys; 4.7 PK error-code flag. */
		if (c->pke && us && !fetch) {
			u8 bits = c->pkey ? c->pkru : 0;
			bool ad = bits & 1, wd = bits & 2;

			pk = ad || (write && wd && (c->user || c->wp));
		}
		if (deny || pk)
			o.f = FAULT_PF(err | PFERR_P | (pk ? PFERR_PK : 0));
	}

	/*
	 * SDM 4.8: a completed access sets A in every entry it used and,
	 * for a write, D in the entry that maps the page. Entries below a
	 * not-present or reserved entry are never read, so they keep their
	 * flags; whether A is set in entries read before a fault is not
	 * specified. A faulting access writes nothing, so D stays as it was.
	 * D (bit 6) is ignored in entries that reference a table.
	 */
	if (!o.f.raised) {
		a = c->levels;
	} else {
		a = c->a & unread;
		a_open = c->levels & ~unread;
	}
	if (c->d || (write && !o.f.raised))
		d = LV(c->leaf);
	o.ad.bits = level_bytes[a] * PT_A | level_bytes[d] * PT_D;
	o.ad.open = level_bytes[a_open] * PT_A;
	return o;
}

static void set_cpu_state(const struct combo *c)
{
	u64 cr0 = (cur_cr0 & ~X86_CR0_WP) | c->wp * X86_CR0_WP;
	u64 cr4 = cur_cr4 & ~(X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_PKE);
	u64 efer = (cur_efer & ~EFER_NXE) | c->nxe * EFER_NXE;

	cr4 |= c->smep * X86_CR4_SMEP | c->smap * X86_CR4_SMAP |
	       c->pke * X86_CR4_PKE;
	if (cr0 != cur_cr0)
		write_cr0(cr0);
	if (cr4 != cur_cr4)
		write_cr4(cr4);
	if (efer != cur_efer)
		wrmsr(MSR_EFER, efer);
	cur_cr0 = cr0;
	cur_cr4 = cr4;
	cur_efer = efer;
	if (c->pke) {
		u32 pkru = (u32)c->pkru << 2; /* key 1; key 0 allows all */

		asm volatile("wrpkru" : : "a"(pkru), "c"(0), "d"(0) : "memory");
	}
}

static void write_entries(const struct combo *c)
{
	u64 codes =
		level_bytes[c->p] << CODE_P | level_bytes[c->rw] << CODE_RW |
		level_bytes[c->us] << CODE_US | level_bytes[c->a] << CODE_A |
		level_bytes[c->nx] << CODE_NX |
		level_bytes[c->rsvd] << CODE_RSVD;
	int leaf = c->leaf;

	for (int l = top; l > leaf; l--)
		*entry[l] =
			table_pa[l] | code_flags[(u8)(codes >> 8 * (l - 1))];
	*entry[leaf] = leaf_frame[leaf] |
		       code_flags[(u8)(codes >> 8 * (leaf - 1))] | c->d * PT_D |
		       c->lprsvd * BIT(13) | (u64)c->pkey << PT_PKEY_SHIFT;
	invlpg(test_va);
}

/*
 * EFLAGS.AC by POPF rather than STAC/CLAC: the rule under test is SMAP's
 * (SDM 4.6.1), not those instructions. Set for supervisor accesses only.
 */
static struct fault do_access(const struct combo *c)
{
	bool ac = c->ac && !c->user;
	struct fault f;

	if (ac)
		write_rflags(read_rflags() | X86_EFLAGS_AC);
	f = pgtest_access(test_va, c->acc, c->user);
	if (ac)
		write_rflags(read_rflags() & ~X86_EFLAGS_AC);
	return f;
}

static struct ad_flags observed_ad(const struct combo *c)
{
	struct ad_flags ad = {0, 0};

	for (int l = top; l >= c->leaf; l--)
		ad.bits |= (*entry[l] & (PT_A | PT_D)) << 8 * (l - 1);
	return ad;
}

/* Equal A and D flags, except where the expected ones are open. */
static bool ad_match(const struct ad_flags *expected,
		     const struct ad_flags *actual)
{
	return !((expected->bits ^ actual->bits) & ~expected->open);
}

/* " a=1?00 d=0000" into BUF: C's walk top level first, '?' where open. */
static void ad_str(const struct combo *c, const struct ad_flags *ad, char *buf,
		   size_t size)
{
	char a[MAX_LEVELS + 1], d[MAX_LEVELS + 1];
	int n = 0;

	for (int l = top; l >= c->leaf; l--, n++) {
		u8 bits = ad->bits >> 8 * (l - 1);
		u8 open = ad->open >> 8 * (l - 1);

		a[n] = open & PT_A ? '?' : bits & PT_A ? '1' : '0';
		d[n] = open & PT_D ? '?' : bits & PT_D ? '1' : '0';
	}
	a[n] = d[n] = '\0';
	snprintf(buf, size, " a=%s d=%s", a, d);
}

/* Appends to BUF (SIZE bytes, N used); output past the end is dropped. */
static __printf(4, 5) int append(char *buf, size_t size, int n, const char *fmt,
				 ...)
{
	va_list ap;

	if ((size_t)n >= size)
		return n;
	va_start(ap, fmt);
	n += vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
	return n;
}

/* "user write, 4k page: pte.rw=0, cr0.wp=1 ...": what is not baseline. */
static void describe(const struct combo *c, char *buf, size_t size)
{
	static const char *const lvl[] = {"",	   "pte",   "pde",
					  "pdpte", "pml4e", "pml5e"};
	static const char *const sz[] = {"", "4k", "2m", "1g"};
	int n = 0;

	n = append(buf, size, n,
		   "%s %s, %s page:", c->user ? "user" : "supervisor",
		   pgtest_access_name(c->acc), sz[c->leaf]);
	for (int l = top; l >= c->leaf; l--) {
		const char *e = lvl[l];

		if (!(c->p & LV(l)))
			n = append(buf, size, n, " %s.p=0", e);
		if (!(c->rw & LV(l)))
			n = append(buf, size, n, " %s.rw=0", e);
		if (!(c->us & LV(l)))
			n = append(buf, size, n, " %s.us=0", e);
		if (c->nx & LV(l))
			n = append(buf, size, n, " %s.nx=1", e);
		if (c->a & LV(l))
			n = append(buf, size, n, " %s.a=1", e);
		if (c->rsvd & LV(l))
			n = append(buf, size, n, " %s.bit%u=1", e,
				   cpu_phys_bits());
	}
	if (c->d)
		n = append(buf, size, n, " %s.d=1", lvl[c->leaf]);
	if (c->lprsvd)
		n = append(buf, size, n, " %s.bit13=1", lvl[c->leaf]);
	if (c->pkey)
		n = append(buf, size, n, " %s.pkey=1", lvl[c->leaf]);
	n = append(
		buf, size, n,
		", cr0.wp=%d efer.nxe=%d cr4.smep=%d cr4.smap=%d eflags.ac=%d",
		c->wp, c->nxe, c->smep, c->smap, c->ac);
	if (c->pke)
		append(buf, size, n, " cr4.pke=1 pkru.ad1=%d pkru.wd1=%d",
		       c->pkru & 1, c->pkru >> 1);
}

/*
 * What a case saw. A reserved-bit fault whose error code lacks P (SDM 4.7:
 * "bit 3 of the error code can be set only if bit 0 is also set") is
 * counted apart, with its own assertion, so that it can be listed as a
 * known failure without hiding the rest of the matrix.
 */
struct tally {
	u64 checked, failed;
	u64 rsvd, rsvd_no_p;
	char rsvd_example[512];
};

/* Runs C and counts the result in T; mismatches are reported while few. */
static void check(const struct combo *c, struct tally *t)
{
	struct outcome exp = model(c);
	struct fault got;
	char exp_s[64], act_s[80], what[512];
	struct ad_flags ad;
	u64 cr2;
	bool ok;
	int n;

	set_cpu_state(c);
	write_entries(c);
	got = do_access(c);
	cr2 = read_cr2();
	ad = observed_ad(c);
	t->checked++;

	if (exp.f.raised && (exp.f.error_code & PFERR_RSVD)) {
		t->rsvd++;
		if (got.raised && got.vector == PF_VECTOR &&
		    (got.error_code & PFERR_RSVD) &&
		    !(got.error_code & PFERR_P)) {
			if (!t->rsvd_no_p++)
				describe(c, t->rsvd_example,
					 sizeof(t->rsvd_example));
			got.error_code |= PFERR_P;
		}
	}

	ok = got.raised == exp.f.raised && ad_match(&exp.ad, &ad);
	if (ok && got.raised)
		ok = got.vector == PF_VECTOR && cr2 == test_va &&
		     !((got.error_code ^ exp.f.error_code) & ~exp.err_ignored);
	if (ok || t->failed++ >= MAX_REPORTED)
		return;

	fault_str(exp.f, exp_s, sizeof(exp_s));
	n = strlen(exp_s);
	if (exp.err_ignored)
		n += snprintf(exp_s + n, sizeof(exp_s) - n, " (bits %#x open)",
			      exp.err_ignored);
	ad_str(c, &exp.ad, exp_s + n, sizeof(exp_s) - n);
	fault_str(got, act_s, sizeof(act_s));
	n = strlen(act_s);
	if (got.raised && got.vector == PF_VECTOR && cr2 != test_va)
		n += snprintf(act_s + n, sizeof(act_s) - n, " cr2=%#lx", cr2);
	ad_str(c, &ad, act_s + n, sizeof(act_s) - n);
	describe(c, what, sizeof(what));
	report_cmp(false, exp_s, act_s, "%s", what);
}

/* Decodes IDX (mixed radix over M's digits) into C. */
static void decode(const struct plan *m, u64 idx, struct combo *c)
{
	*c = m->base;
	for (int i = 0; i < m->ndigits; i++) {
		u8 r = m->digit[i].radix;

		((u8 *)c)[m->digit[i].off] = (idx % r) << m->digit[i].shift;
		idx /= r;
	}
}

/*
 * Checks the combinations of DIMS for every page size: all of them with
 * exhaustive=1 (unless SAMPLED_ONLY), else SAMPLES random ones in all.
 */
static void run_matrix(const enum dim *dims, int ndims, u64 samples,
		       bool sampled_only)
{
	bool all = arg_get_u64("exhaustive", 0) && !sampled_only;
	int nsizes = cpu.gbpages ? 3 : 2;
	static struct tally t;
	struct plan m;
	struct combo c;
	char act[48];

	memset(&t, 0, sizeof(t));
	if (!all)
		samples = arg_get_u64("samples", samples);
	for (int leaf = PT_LEVEL_4K; leaf <= nsizes; leaf++) {
		u64 count;

		plan_matrix(&m, dims, ndims, leaf);
		count = all ? m.space : samples / nsizes;
		for (u64 i = 0; i < count; i++) {
			decode(&m, all ? i : rand_below(m.space), &c);
			check(&c, &t);
		}
	}
	total_checked += t.checked;
	report_info("%lu combinations checked (%s), %lu so far in this run",
		    t.checked, all ? "exhaustive" : "sampled", total_checked);
	report(!t.failed, "%lu of %lu combinations match the model",
	       t.checked - t.failed, t.checked);
	if (!t.rsvd)
		return;
	snprintf(act, sizeof(act), "P=0 in %lu of %lu", t.rsvd_no_p, t.rsvd);
	report_cmp(!t.rsvd_no_p, "P=1", act,
		   "reserved-bit #PF error code has P=1 (SDM 4.7)%s%s",
		   t.rsvd_no_p ? ", first: " : "", t.rsvd_example);
}

#define RUN(samples, ...)                                          \
	do {                                                       \
		static const enum dim d[] = {DIM_ACCESS, DIM_USER, \
					     __VA_ARGS__};         \
		run_matrix(d, ARRAY_SIZE(d), (samples), false);    \
	} while (0)

/* R/W and U/S at every level with CR0.WP (SDM 4.6.1). */
TEST_CASE(rw_us, .fixture = &access_env)
{
	RUN(600, DIM_RW, DIM_US, DIM_WP);
}

/* P at every level, and which A/D flags get set (SDM 4.7, 4.8). */
TEST_CASE(present_ad, .fixture = &access_env)
{
	RUN(600, DIM_P, DIM_A, DIM_D, DIM_RW);
}

/* XD at every level with and without IA32_EFER.NXE (SDM 4.6.1, 4.5.4). */
TEST_CASE(nx, .fixture = &access_env)
{
	RUN(400, DIM_NX, DIM_NXE, DIM_US);
}

/* Reserved address bits and large-page reserved bits (SDM 4.5.4, 4.7). */
TEST_CASE(reserved, .fixture = &access_env)
{
	RUN(400, DIM_RSVD, DIM_LPRSVD, DIM_P);
}

TEST_CASE(smep, .fixture = &access_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMEP))
{
	RUN(400, DIM_SMEP, DIM_US, DIM_NX, DIM_NXE);
}

TEST_CASE(smap, .fixture = &access_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	RUN(400, DIM_SMAP, DIM_AC, DIM_US, DIM_RW, DIM_WP);
}

TEST_CASE(pku, .fixture = &access_env,
	  .features = CPU_FEATURES(X86_FEATURE_PKU))
{
	RUN(400, DIM_PKE, DIM_PKRU, DIM_PKEY, DIM_US, DIM_RW, DIM_WP);
}

/* Every dimension at once: sampled even with exhaustive=1. */
TEST_CASE(mixed, .fixture = &access_env)
{
	static const enum dim d[] = {
		DIM_ACCESS, DIM_USER, DIM_P,	DIM_RW,	    DIM_US,   DIM_A,
		DIM_D,	    DIM_NX,   DIM_RSVD, DIM_LPRSVD, DIM_WP,   DIM_NXE,
		DIM_SMEP,   DIM_SMAP, DIM_AC,	DIM_PKE,    DIM_PKRU, DIM_PKEY,
	};

	run_matrix(d, ARRAY_SIZE(d),
		   arg_get_u64("exhaustive", 0) ? 20000 : 1200, true);
}
