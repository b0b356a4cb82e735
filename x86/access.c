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

/* One point of the matrix. Per-level masks have bit LV(level). */
struct combo {
	enum pg_access acc;
	bool user;
	int leaf; /* PT_LEVEL_4K, _2M or _1G */
	u8 p, rw, us, a, nx, rsvd;
	bool d, lprsvd;
	bool wp, nxe, smep, smap, ac, pke;
	u8 pkru; /* AD (bit 0) and WD (bit 1) of key 1 */
	u8 pkey;
};

enum dim {
	DIM_ACCESS,
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

/* A and D of each level's entry, top level first: '0', '1', '?' (open). */
struct ad_flags {
	char a[MAX_LEVELS + 1], d[MAX_LEVELS + 1];
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
static u64 data_pa;
static u64 cur_cr0, cur_cr4, cur_efer; /* what set_cpu_state() last wrote */
static u64 total_checked;

static u64 test_va(void)
{
	return (top == 5 ? TEST_BASE_LA57 : PGTEST_BASE) + data_pa + DATA_OFF;
}

static u8 all_levels(void)
{
	return (1u << top) - 1;
}

/*
 * Builds the tables once; with la57=1, after switching to 5-level paging.
 * False (and a SKIP) when la57=1 but the CPU does not enumerate LA57.
 */
static bool build_tables(void)
{
	bool la57 = arg_get_u64("la57", 0);
	struct page_table boot5;
	u64 va;

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
	va = test_va();
	pt_map(&pt, va & ~(PAGE_SIZE - 1), data_pa, PT_LEVEL_4K, PT_RW | PT_US);
	for (int l = 1; l <= top; l++) {
		entry[l] = pt_walk(&pt, va, l, false);
		table_pa[l] = *entry[l] & PT_ADDR_MASK;
	}
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
		return 6;
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
	return (struct combo){
		.leaf = leaf,
		.p = all_levels(),
		.rw = all_levels(),
		.us = all_levels(),
		.wp = true,
		.nxe = cpu.nx,
	};
}

static void apply(struct combo *c, enum dim d, unsigned int v)
{
	u8 mask = v << (c->leaf - 1);

	switch (d) {
	case DIM_ACCESS:
		c->acc = v % 3;
		c->user = v / 3;
		break;
	case DIM_P:
		c->p = mask;
		break;
	case DIM_RW:
		c->rw = mask;
		break;
	case DIM_US:
		c->us = mask;
		break;
	case DIM_A:
		c->a = mask;
		break;
	case DIM_NX:
		c->nx = mask;
		break;
	case DIM_RSVD:
		c->rsvd = mask;
		break;
	case DIM_D:
		c->d = v;
		break;
	case DIM_LPRSVD:
		c->lprsvd = v;
		break;
	case DIM_WP:
		c->wp = v;
		break;
	case DIM_NXE:
		c->nxe = v;
		break;
	case DIM_SMEP:
		c->smep = v;
		break;
	case DIM_SMAP:
		c->smap = v;
		break;
	case DIM_AC:
		c->ac = v;
		break;
	case DIM_PKE:
		c->pke = v;
		break;
	case DIM_PKRU:
		c->pkru = v;
		break;
	case DIM_PKEY:
		c->pkey = v;
		break;
	}
}

/* Reserved bits in the entry at LEVEL (SDM 4.5.4 tables 4-15 to 4-20). */
static bool rsvd_at(const struct combo *c, int level)
{
	if (c->rsvd & LV(level))
		return true;
	/* XD is reserved with IA32_EFER.NXE = 0 (SDM 4.5.4; APM 5.6.1). */
	if ((c->nx & LV(level)) && !c->nxe)
		return true;
	/* Bits 20:13 of a 2 MiB PDE, 29:13 of a 1 GiB PDPTE. */
	return level == c->leaf && c->lprsvd;
}

/*
 * The architectural outcome of C: which fault (SDM 4.7), and which A/D
 * flags are set afterwards (SDM 4.8).
 */
static struct outcome model(const struct combo *c)
{
	bool write = c->acc == PG_WRITE, fetch = c->acc == PG_FETCH;
	bool rw = true, us = true, nx = false, deny, pk = false;
	struct outcome o = {FAULT_NONE, 0, {"", ""}};
	char *a = o.ad.a, *d = o.ad.d;
	u32 err = (write ? PFERR_W : 0) | (c->user ? PFERR_U : 0);
	int n = 0, stop = 0;

	/*
	 * SDM 4.7: I is set for fetches when CR4.SMEP = 1 or (PAE and)
	 * IA32_EFER.NXE = 1. APM 8.4.2 defines I only with EFER.NXE = 1.
	 */
	if (fetch && (c->nxe || c->smep))
		err |= PFERR_I;
	if (fetch && !c->nxe && cpu.amd)
		o.err_ignored = PFERR_I;

	/* The walk, top down (SDM 4.5.4): P, then reserved bits. */
	for (int l = top; l >= c->leaf && !stop; l--) {
		if (!(c->p & LV(l))) {
			o.f = FAULT_PF(err);
			stop = l;
		} else if (rsvd_at(c, l)) {
			o.f = FAULT_PF(err | PFERR_P | PFERR_RSVD);
			stop = l;
		}
		rw &= !!(c->rw & LV(l));
		us &= !!(c->us & LV(l));
		nx |= (c->nx & LV(l)) && c->nxe;
	}

	if (!stop) {
		/* SDM 4.6.1; "us" here means a user-mode address. */
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
	for (int l = top; l >= c->leaf; l--, n++) {
		bool init_a = c->a & LV(l);

		if (!o.f.raised)
			a[n] = '1';
		else if (stop && l < stop)
			a[n] = '0' + init_a;
		else
			a[n] = '?';
		if (l > c->leaf)
			d[n] = '0';
		else
			d[n] = '0' + (c->d || (write && !o.f.raised));
	}
	return o;
}

static void set_cpu_state(const struct combo *c)
{
	u64 cr0 = (cur_cr0 & ~X86_CR0_WP) | (c->wp ? X86_CR0_WP : 0);
	u64 cr4 = cur_cr4 & ~(X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_PKE);
	u64 efer = (cur_efer & ~EFER_NXE) | (c->nxe ? EFER_NXE : 0);

	cr4 |= (c->smep ? X86_CR4_SMEP : 0) | (c->smap ? X86_CR4_SMAP : 0) |
	       (c->pke ? X86_CR4_PKE : 0);
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
	for (int l = top; l >= c->leaf; l--) {
		u64 e = (c->p & LV(l) ? PT_P : 0) |
			(c->rw & LV(l) ? PT_RW : 0) |
			(c->us & LV(l) ? PT_US : 0) |
			(c->a & LV(l) ? PT_A : 0) |
			(c->nx & LV(l) ? PT_NX : 0) |
			(c->rsvd & LV(l) ? cpu.rsvd_bit : 0);

		if (l > c->leaf) {
			e |= table_pa[l];
		} else {
			e |= data_pa & ~(pt_level_size(l) - 1);
			e |= (c->d ? PT_D : 0) | (c->lprsvd ? BIT(13) : 0) |
			     ((u64)c->pkey << PT_PKEY_SHIFT);
			if (l > PT_LEVEL_4K)
				e |= PT_PS;
		}
		*entry[l] = e;
	}
	invlpg(test_va());
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
	f = pgtest_access(test_va(), c->acc, c->user);
	if (ac)
		write_rflags(read_rflags() & ~X86_EFLAGS_AC);
	return f;
}

static struct ad_flags observed_ad(const struct combo *c)
{
	struct ad_flags ad = {"", ""};
	int n = 0;

	for (int l = top; l >= c->leaf; l--, n++) {
		ad.a[n] = *entry[l] & PT_A ? '1' : '0';
		ad.d[n] = *entry[l] & PT_D ? '1' : '0';
	}
	return ad;
}

static bool flags_match(const char *expected, const char *actual)
{
	for (; *expected && *actual; expected++, actual++)
		if (*expected != '?' && *expected != *actual)
			return false;
	return !*expected && !*actual;
}

static bool ad_match(const struct ad_flags *expected,
		     const struct ad_flags *actual)
{
	return flags_match(expected->a, actual->a) &&
	       flags_match(expected->d, actual->d);
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
		ok = got.vector == PF_VECTOR && cr2 == test_va() &&
		     !((got.error_code ^ exp.f.error_code) & ~exp.err_ignored);
	if (ok || t->failed++ >= MAX_REPORTED)
		return;

	fault_str(exp.f, exp_s, sizeof(exp_s));
	n = strlen(exp_s);
	if (exp.err_ignored)
		n += snprintf(exp_s + n, sizeof(exp_s) - n, " (bits %#x open)",
			      exp.err_ignored);
	snprintf(exp_s + n, sizeof(exp_s) - n, " a=%s d=%s", exp.ad.a,
		 exp.ad.d);
	fault_str(got, act_s, sizeof(act_s));
	n = strlen(act_s);
	if (got.raised && got.vector == PF_VECTOR && cr2 != test_va())
		n += snprintf(act_s + n, sizeof(act_s) - n, " cr2=%#lx", cr2);
	snprintf(act_s + n, sizeof(act_s) - n, " a=%s d=%s", ad.a, ad.d);
	describe(c, what, sizeof(what));
	report_cmp(false, exp_s, act_s, "%s", what);
}

/* Decodes IDX (mixed radix over DIMS) into a combination. */
static struct combo decode(const enum dim *dims, int ndims, int leaf, u64 idx)
{
	struct combo c = baseline(leaf);

	for (int i = 0; i < ndims; i++) {
		unsigned int r = radix(dims[i], leaf);

		apply(&c, dims[i], idx % r);
		idx /= r;
	}
	return c;
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
	char act[48];

	memset(&t, 0, sizeof(t));
	if (!all)
		samples = arg_get_u64("samples", samples);
	for (int leaf = PT_LEVEL_4K; leaf <= nsizes; leaf++) {
		u64 space = 1, count;

		for (int i = 0; i < ndims; i++)
			space *= radix(dims[i], leaf);
		count = all ? space : samples / nsizes;
		for (u64 i = 0; i < count; i++) {
			u64 idx = all ? i : rand_below(space);
			struct combo c = decode(dims, ndims, leaf, idx);

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

#define RUN(samples, ...)                                              \
	do {                                                           \
		static const enum dim d[] = {DIM_ACCESS, __VA_ARGS__}; \
		run_matrix(d, ARRAY_SIZE(d), (samples), false);        \
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
		DIM_ACCESS, DIM_P,    DIM_RW,	  DIM_US,   DIM_A,    DIM_D,
		DIM_NX,	    DIM_RSVD, DIM_LPRSVD, DIM_WP,   DIM_NXE,  DIM_SMEP,
		DIM_SMAP,   DIM_AC,   DIM_PKE,	  DIM_PKRU, DIM_PKEY,
	};

	run_matrix(d, ARRAY_SIZE(d),
		   arg_get_u64("exhaustive", 0) ? 20000 : 1200, true);
}
