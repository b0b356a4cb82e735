// SPDX-License-Identifier: GPL-2.0-only
/*
 * reserved: reserved bits in paging-structure entries, one level at a time
 * (PML4E, PDPTE, PDE, PTE, and the large-page forms of the PDPTE and PDE).
 * Every access through an entry with a reserved bit set must raise #PF
 * with P and RSVD set in the error code, W, U/S and I describing the
 * access, and CR2 holding the linear address.
 *
 * Intel SDM vol. 3A 4.5.4 and tables 4-15 to 4-20 (reserved bits: address
 * bits at and above MAXPHYADDR, XD when IA32_EFER.NXE = 0, PS in a PML4E,
 * bits 29:13 of a 1 GiB PDPTE, bits 20:13 of a 2 MiB PDE, PS in a PDPTE
 * when CPUID.80000001H:EDX.Page1GB = 0), 4.7 (error code: "RSVD can be
 * set only if bit 0 is also set"; I set for fetches when CR4.SMEP = 1 or
 * IA32_EFER.NXE = 1); AMD APM vol. 2 5.3.3, 5.6.1 (MBZ bits) and 8.4.2
 * (I defined only with EFER.NXE = 1). x86/access.c samples these bits
 * with everything else; this test names each bit.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/paging.h>
#include <x86/pgtest.h>

#define DATA_OFF 0x800
#define ENTRY_FLAGS (PT_P | PT_RW | PT_US | PT_A)

static struct page_table pt;
static u64 *entry[5]; /* the test VA's entry at each level */
static u64 table_pa[5]; /* the table each level points to */
static u64 data_pa;
static unsigned int maxphys;
static bool amd;

/*
 * Reserved-bit faults whose error code lacks P are counted apart and get
 * one assertion per case, so that a VMM with only that bug can be listed
 * by that assertion without hiding the W, U/S and I checks.
 */
static struct {
	unsigned int n, no_p;
	char first[96];
} ptally;

static const char *const level_name[] = {"", "pte", "pde", "pdpte", "pml4e"};

static u64 test_va(void)
{
	return PGTEST_BASE + data_pa + DATA_OFF;
}

/* The test's tables (built once), entered with EFER.NXE = 1 where NX exists. */
static bool reserved_env_enter(void)
{
	u64 va;

	if (!pt.root) {
		maxphys = cpu_phys_bits();
		amd = cpu_is_amd();
		report_info("vendor %s, MAXPHYADDR %u, NX %d, 1GiB pages %d",
			    cpu_vendor(), maxphys, cpu_has(X86_FEATURE_NX),
			    cpu_has(X86_FEATURE_GBPAGES));
		pgtest_init(&pt);
		data_pa = (u64)alloc_page();
		assert(data_pa);
		((u8 *)data_pa)[DATA_OFF] = PGTEST_RET_INSN;
		va = test_va();
		pt_map(&pt, va & ~(PAGE_SIZE - 1), data_pa, PT_LEVEL_4K,
		       ENTRY_FLAGS);
		for (int l = 1; l <= 4; l++) {
			entry[l] = pt_walk(&pt, va, l, false);
			table_pa[l] = *entry[l] & PT_ADDR_MASK;
		}
	}
	pgtest_enter(&pt);
	if (cpu_has(X86_FEATURE_NX))
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	memset(&ptally, 0, sizeof(ptally));
	return true;
}

/* The case's P=1 assertion over every reserved-bit fault it saw. */
static void reserved_env_leave(void)
{
	char act[48];

	snprintf(act, sizeof(act), "P=0 in %u of %u", ptally.no_p, ptally.n);
	report_cmp(!ptally.no_p, "P=1", act,
		   "reserved-bit #PF error code has P=1 (SDM 4.7)%s%s",
		   ptally.no_p ? ", first: " : "", ptally.first);
	pgtest_leave();
}

TEST_FIXTURE(reserved_env, reserved_env_enter, reserved_env_leave);

/* A clean walk to a LEAF-level page, then SET added to the entry at LEVEL. */
static int cur_level;

static void write_walk(int leaf, int level, u64 set)
{
	cur_level = level;
	for (int l = 4; l >= leaf; l--) {
		u64 e = ENTRY_FLAGS;

		if (l > leaf)
			e |= table_pa[l];
		else
			e |= (data_pa & ~(pt_level_size(l) - 1)) | PT_D |
			     (l > PT_LEVEL_4K ? PT_PS : 0);
		*entry[l] = e | (l == level ? set : 0);
	}
	invlpg(test_va());
}

/*
 * Checks of one kind, summarised in one assertion: the first mismatch is
 * printed with its expected and actual outcome.
 */
struct group {
	unsigned int n, bad;
	char what[96], first[96], exp[48], act[64];
};

static void expect_rsvd(struct group *g, enum pg_access acc, bool user,
			const char *fmt, ...) __printf(4, 5);

/* One access through the current walk; it must fault as reserved. */
static void expect_rsvd(struct group *g, enum pg_access acc, bool user,
			const char *fmt, ...)
{
	bool nxe = rdmsr(MSR_EFER) & EFER_NXE;
	u32 err = PFERR_P | PFERR_RSVD | (acc == PG_WRITE ? PFERR_W : 0) |
		  (user ? PFERR_U : 0);
	u32 open = 0; /* error-code bits the manuals leave open */
	struct fault f;
	u64 cr2;
	va_list ap;
	int n;

	if (acc == PG_FETCH && nxe)
		err |= PFERR_I;
	if (acc == PG_FETCH && !nxe && amd)
		open = PFERR_I;
	f = pgtest_access(test_va(), acc, user);
	cr2 = read_cr2();
	g->n++;
	va_start(ap, fmt);
	n = vsnprintf(g->what, sizeof(g->what), fmt, ap);
	va_end(ap);
	snprintf(g->what + n, sizeof(g->what) - n, ", %s %s",
		 user ? "user" : "supervisor", pgtest_access_name(acc));
	ptally.n++;
	if (f.raised && f.vector == PF_VECTOR &&
	    (f.error_code & (PFERR_RSVD | PFERR_P)) == PFERR_RSVD) {
		if (!ptally.no_p++)
			snprintf(ptally.first, sizeof(ptally.first), "%s %s",
				 level_name[cur_level], g->what);
		f.error_code |= PFERR_P;
	}
	if (f.raised && f.vector == PF_VECTOR &&
	    !((f.error_code ^ err) & ~open) && cr2 == test_va())
		return;
	if (g->bad++)
		return;
	snprintf(g->first, sizeof(g->first), "%s", g->what);
	fault_str(FAULT_PF(err), g->exp, sizeof(g->exp));
	if (open)
		snprintf(g->exp + strlen(g->exp),
			 sizeof(g->exp) - strlen(g->exp), " (bit 0x%x open)",
			 open);
	fault_str(f, g->act, sizeof(g->act));
	if (f.raised && f.vector == PF_VECTOR && cr2 != test_va())
		snprintf(g->act + strlen(g->act),
			 sizeof(g->act) - strlen(g->act), " cr2=%#lx", cr2);
}

static void group_report(struct group *g, const char *fmt, ...) __printf(2, 3);

static void group_report(struct group *g, const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_cmp(!g->bad, g->exp, g->act,
		   "%s: %u of %u accesses as expected%s%s", msg, g->n - g->bad,
		   g->n, g->bad ? ", first wrong: " : "",
		   g->bad ? g->first : "");
}

/* The walk without reserved bits works: the other checks mean something. */
static void check_clean(int leaf)
{
	struct fault f;

	write_walk(leaf, 0, 0);
	f = pgtest_access(test_va(), PG_READ, false);
	report_fault(f, FAULT_NONE, "%s page without reserved bits: read works",
		     level_name[leaf]);
}

/* Every address bit from MAXPHYADDR to 51, one at a time. */
static void check_addr_bits(int leaf, int level)
{
	struct group g = {};

	if (maxphys >= 52) {
		report_info("MAXPHYADDR is 52: no reserved address bit in a %s",
			    level_name[level]);
		return;
	}
	for (unsigned int b = maxphys; b < 52; b++) {
		write_walk(leaf, level, BIT(b));
		expect_rsvd(&g, PG_READ, false, "bit %u", b);
	}
	group_report(&g, "%s%s: address bits %u-51 (MAXPHYADDR %u)",
		     level_name[level],
		     level == leaf && leaf > 1 ? " (page)" : "", maxphys,
		     maxphys);
}

/* Every access type and privilege with SET at LEVEL: W, U/S, I bits. */
static void check_accesses(int leaf, int level, u64 set, const char *what)
{
	struct group g = {};

	write_walk(leaf, level, set);
	for (int user = 0; user <= 1; user++)
		for (int acc = PG_READ; acc <= PG_FETCH; acc++)
			expect_rsvd(&g, acc, user, "%s", what);
	group_report(&g, "%s%s: %s, every access", level_name[level],
		     level == leaf && leaf > 1 ? " (page)" : "", what);
}

static void check_addr_accesses(int leaf, int level)
{
	char what[32];

	if (maxphys >= 52)
		return;
	snprintf(what, sizeof(what), "bit %u", maxphys);
	check_accesses(leaf, level, BIT(maxphys), what);
}

/* XD is reserved while IA32_EFER.NXE = 0 (SDM 4.5.4, APM 5.6.1). */
static void check_xd_without_nxe(int leaf, int level)
{
	u64 efer = rdmsr(MSR_EFER);

	wrmsr(MSR_EFER, efer & ~EFER_NXE);
	check_accesses(leaf, level, PT_NX, "XD with EFER.NXE=0");
	wrmsr(MSR_EFER, efer);
}

/* Bits 12+1 .. HI of a large page: 20:13 (2 MiB) or 29:13 (1 GiB). */
static void check_large_page_bits(int leaf, unsigned int hi)
{
	struct group g = {};

	for (unsigned int b = 13; b <= hi; b++) {
		write_walk(leaf, leaf, BIT(b));
		expect_rsvd(&g, PG_READ, false, "bit %u", b);
	}
	group_report(&g, "%s (page): bits %u-13", level_name[leaf], hi);
}

static void check_level(int level)
{
	check_clean(PT_LEVEL_4K);
	check_addr_bits(PT_LEVEL_4K, level);
	check_addr_accesses(PT_LEVEL_4K, level);
	check_xd_without_nxe(PT_LEVEL_4K, level);
}

TEST_CASE(pml4e, .fixture = &reserved_env)
{
	check_level(4);
	/* PS is reserved in a PML4E (SDM table 4-15; APM: MBZ). */
	check_accesses(PT_LEVEL_4K, 4, PT_PS, "PS=1");
}

TEST_CASE(pdpte, .fixture = &reserved_env)
{
	check_level(3);
	if (!cpu_has(X86_FEATURE_GBPAGES)) {
		/* SDM 4.5.4: PS of a PDPTE is reserved without Page1GB. */
		check_accesses(PT_LEVEL_1G, 3, 0, "PS=1 without Page1GB");
		report_info("1 GiB pages not enumerated "
			    "(CPUID.80000001H:EDX.Page1GB): no 1 GiB page "
			    "bits to check");
		return;
	}
	check_clean(PT_LEVEL_1G);
	check_addr_bits(PT_LEVEL_1G, 3);
	check_addr_accesses(PT_LEVEL_1G, 3);
	check_xd_without_nxe(PT_LEVEL_1G, 3);
	check_large_page_bits(PT_LEVEL_1G, 29);
}

TEST_CASE(pde, .fixture = &reserved_env)
{
	check_level(2);
	check_clean(PT_LEVEL_2M);
	check_addr_bits(PT_LEVEL_2M, 2);
	check_addr_accesses(PT_LEVEL_2M, 2);
	check_xd_without_nxe(PT_LEVEL_2M, 2);
	check_large_page_bits(PT_LEVEL_2M, 20);
}

TEST_CASE(pte, .fixture = &reserved_env)
{
	check_level(1);
}
