// SPDX-License-Identifier: GPL-2.0-only
/*
 * pku: protection keys for user-mode pages, the rules x86/access.c does
 * not isolate: CR4.PKE only settable when enumerated; RDPKRU and WRPKRU
 * (#UD with CR4.PKE = 0, #GP(0) with ECX or EDX not zero, the value read
 * back, and a new PKRU taking effect on the next access); PKRU loaded by
 * XRSTOR from the PKRU state component (XCR0 bit 9), including its init
 * value 0 when XSTATE_BV[9] = 0.
 *
 * Intel SDM vol. 3A 2.5 (CR4.PKE), 2.7 (PKRU), 4.6.2 (protection keys:
 * AD and WD of key i are PKRU bits 2i and 2i+1; a data access to a
 * user-mode address with AD set faults, PK set in the error code, 4.7);
 * vol. 1 13.2 and 13.5.7 (PKRU state component 9); vol. 2B RDPKRU, WRPKRU,
 * XRSTOR, XSETBV; AMD APM vol. 2 5.6.7.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/cr4_probe.h>
#include <x86/paging.h>
#include <x86/pgtest.h>

#define USER_VA PGTEST_BASE
#define KEY 1
#define PKRU_AD(k) BIT(2 * (k))
#define PKRU_WD(k) BIT(2 * (k) + 1)
#define XCR0_X87 BIT(0)
#define XCR0_PKRU BIT(9)
#define XSTATE_PKRU 9

static struct page_table pt;

static struct fault rdpkru_safe(u32 ecx, u32 *val)
{
	u32 eax = 0, edx = 0;
	struct fault f;

	f = fault_probe("rdpkru", : "+a"(eax), "+d"(edx) : "c"(ecx));
	*val = eax;
	return f;
}

static struct fault wrpkru_safe(u32 val, u32 ecx, u32 edx)
{
	return fault_probe("wrpkru",
			   :
			   : "a"(val), "c"(ecx), "d"(edx)
			   : "memory");
}

static u32 rdpkru(void)
{
	u32 v;

	assert(!rdpkru_safe(0, &v).raised);
	return v;
}

static void wrpkru(u32 v)
{
	assert(!wrpkru_safe(v, 0, 0).raised);
}

/* A user page with protection key KEY at USER_VA, CR4.PKE = 1. */
static bool pku_env_enter(void)
{
	if (!pt.root) {
		void *page = alloc_page();

		assert(page);
		pgtest_init(&pt);
		pt_map(&pt, USER_VA, (u64)page, PT_LEVEL_4K,
		       PT_RW | PT_US | ((u64)KEY << PT_PKEY_SHIFT));
	}
	pgtest_enter(&pt);
	write_cr4(read_cr4() | X86_CR4_PKE);
	return true;
}

/* PKRU back to 0 (allow all) while CR4.PKE still lets WRPKRU run. */
static void pku_env_leave(void)
{
	wrpkru(0);
	pgtest_leave();
}

TEST_FIXTURE(pku_env, pku_env_enter, pku_env_leave);

static struct fault sup_read(void)
{
	return pgtest_access(USER_VA, PG_READ, false);
}

#define PK_FAULT FAULT_PF(PFERR_P | PFERR_PK)

/* SDM vol. 3A 2.5: with PKU enumerated, CR4.PKE can be set. */
TEST_CASE(cr4_bit, .features = CPU_FEATURES(X86_FEATURE_PKU))
{
	report_here(cr4_probe_settable(X86_CR4_PKE, "PKE", "PKU"));
}

/* Without it the bit is reserved; entries of its own run this probe. */
TEST_CASE(cr4_bit_reserved)
{
	report_here(cr4_probe_reserved(X86_CR4_PKE, X86_FEATURE_PKU, "PKE",
				       "PKU", "CPUID.7.0:ECX.PKU"));
}

/* SDM vol. 2B RDPKRU/WRPKRU: #UD if CR4.PKE = 0 (so also without PKU). */
TEST_CASE(pkru_ud)
{
	u32 v;

	write_cr4(read_cr4() & ~X86_CR4_PKE);
	report_fault(rdpkru_safe(0, &v), FAULT_UD, "RDPKRU with CR4.PKE=0");
	report_fault(wrpkru_safe(0, 0, 0), FAULT_UD, "WRPKRU with CR4.PKE=0");
}

/* SDM vol. 2B: #GP(0) if ECX != 0 (RDPKRU), ECX or EDX != 0 (WRPKRU). */
TEST_CASE(pkru_gp, .fixture = &pku_env,
	  .features = CPU_FEATURES(X86_FEATURE_PKU))
{
	u32 v;

	wrpkru(0);
	report_fault(rdpkru_safe(1, &v), FAULT_GP(0), "RDPKRU with ECX=1");
	report_fault(wrpkru_safe(PKRU_AD(KEY), 1, 0), FAULT_GP(0),
		     "WRPKRU with ECX=1");
	report_fault(wrpkru_safe(PKRU_AD(KEY), 0, 1), FAULT_GP(0),
		     "WRPKRU with EDX=1");
	report_eq(rdpkru(), 0, "PKRU unchanged by the faulting WRPKRUs");
}

/* WRPKRU's value reads back and governs the very next access (4.6.2). */
TEST_CASE(wrpkru, .fixture = &pku_env,
	  .features = CPU_FEATURES(X86_FEATURE_PKU))
{
	static const u32 values[] = {0xffffffff, 0x55555554, 0xaaaaaaa8, 0};

	for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
		wrpkru(values[i]);
		report_eq(rdpkru(), values[i], "PKRU reads back %#x",
			  values[i]);
	}
	report_fault(sup_read(), FAULT_NONE, "PKRU=0: read of key %d works",
		     KEY);
	wrpkru(PKRU_AD(KEY));
	write_cr2(0);
	report_fault(sup_read(), PK_FAULT, "AD%d=1: read of key %d faults", KEY,
		     KEY);
	report_eq(read_cr2(), USER_VA, "CR2 is the address");
	wrpkru(PKRU_WD(KEY));
	report_fault(sup_read(), FAULT_NONE, "WD%d=1 only: read works", KEY);
	report_fault(pgtest_access(USER_VA, PG_WRITE, true),
		     FAULT_PF(PFERR_P | PFERR_W | PFERR_U | PFERR_PK),
		     "WD%d=1: user write faults", KEY);
	wrpkru(PKRU_AD(KEY + 1) | PKRU_WD(KEY + 1));
	report_fault(pgtest_access(USER_VA, PG_WRITE, true), FAULT_NONE,
		     "only key %d restricted: user write of key %d works",
		     KEY + 1, KEY);
}

/*
 * XRSTOR of component 9 (SDM vol. 1 13.5.7): PKRU from the save area when
 * XSTATE_BV[9] = 1, its init value 0 when XSTATE_BV[9] = 0.
 */
TEST_CASE(xrstor, .fixture = &pku_env,
	  .features = CPU_FEATURES(X86_FEATURE_PKU, X86_FEATURE_XSAVE))
{
	u64 cr4 = read_cr4(), xcr0, rfbm = XCR0_X87 | XCR0_PKRU;
	struct cpuid leaf;
	u8 *area;
	u32 off;

	if (!(cpuid_count(0xd, 0).a & XCR0_PKRU))
		return report_skip("PKRU state not in CPUID.(0DH,0):EAX[9]");
	leaf = cpuid_count(0xd, XSTATE_PKRU);
	off = leaf.b;
	report_info("PKRU component: %u bytes at offset %u", leaf.a, off);
	area = alloc_pages(1);
	assert(area);
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xcr0 = xgetbv(0);
	xsetbv(0, xcr0 | rfbm);

	/* Standard format: XSTATE_BV at byte 512, XCOMP_BV (0) at 520. */
	memset(area, 0, 2 * PAGE_SIZE);
	*(u64 *)(area + 512) = XCR0_PKRU;
	*(u32 *)(area + off) = PKRU_AD(KEY);
	wrpkru(0);
	asm volatile("xrstor (%0)"
		     :
		     : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32))
		     : "memory");
	report_eq(rdpkru(), PKRU_AD(KEY), "XRSTOR loads PKRU from the area");
	report_fault(sup_read(), PK_FAULT,
		     "PKRU from XRSTOR governs the next access");

	*(u32 *)(area + off) = 0x12345678;
	asm volatile("xsave (%0)"
		     :
		     : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32))
		     : "memory");
	report_eq(*(u32 *)(area + off), PKRU_AD(KEY), "XSAVE stores PKRU");

	*(u64 *)(area + 512) = 0;
	asm volatile("xrstor (%0)"
		     :
		     : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32))
		     : "memory");
	report_eq(rdpkru(), 0, "XRSTOR with XSTATE_BV[9]=0 initialises PKRU");
	report_fault(sup_read(), FAULT_NONE, "and the access works again");

	xsetbv(0, xcr0);
	write_cr4(cr4 | X86_CR4_PKE);
}
