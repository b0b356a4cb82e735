// SPDX-License-Identifier: GPL-2.0-only
/*
 * skey: storage keys. SET STORAGE KEY EXTENDED, INSERT STORAGE KEY
 * EXTENDED, RESET REFERENCE BIT EXTENDED, INSERT VIRTUAL STORAGE KEY
 * (chapter 10; addressing exceptions beyond storage), reference and
 * change recording and key-controlled protection (chapter 3, "Storage
 * Key", "Protection": store protection on a key mismatch, fetch
 * protection with the fetch-protection bit, access key 0 matching every
 * key), TEST PROTECTION result codes, MOVE WITH KEY, MOVE WITH SOURCE
 * KEY and MOVE WITH DESTINATION KEY (chapters 7 and 10), SSKE with the MR
 * and MC bits (conditional-SSKE facility), low-address protection
 * (chapter 3, CR0 bit 35). SA22-7832.
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/facility.h>
#include <s390x/fault.h>
#include <s390x/sclp.h>

/* Storage-key byte: access-control bits, fetch protection, R, C. */
#define SKEY_ACC(k) ((k) << 4)
#define SKEY_F 0x08
#define SKEY_R 0x04
#define SKEY_C 0x02

static u8 *page;
static u64 saved_cr0;

static void sske(void *addr, u8 key)
{
	asm volatile("sske %0,%1" : : "d"((u64)key), "a"(addr) : "memory");
}

static u8 iske(void *addr)
{
	u64 key = 0;

	asm volatile("iske %0,%1" : "+d"(key) : "a"(addr));
	return key & 0xff;
}

/* RESET REFERENCE BIT EXTENDED: cc = R and C before, R cleared. */
static int rrbe(void *addr)
{
	int cc;

	asm volatile("rrbe 0,%[a]\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc)
		     : [a] "a"(addr)
		     : "cc", "memory");
	return cc;
}

/* TEST PROTECTION of ADDR with access key KEY: the condition code. */
static int tprot(void *addr, u8 key)
{
	int cc;

	asm volatile("tprot 0(%[a]),0(%[k])\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc)
		     : [a] "a"(addr), [k] "a"((u64)key << 4)
		     : "cc");
	return cc;
}

static bool skey_enter(void)
{
	if (!page)
		page = alloc_page();
	if (!report(page != NULL, "a page for the keys"))
		return false;
	saved_cr0 = stctg(0);
	sske(page, 0);
	return true;
}

static void skey_leave(void)
{
	asm volatile("spka 0" : : : "memory");
	lctlg(0, saved_cr0);
	sske(page, 0);
}

TEST_FIXTURE(skey_page, skey_enter, skey_leave);

/* Chapter 10, "SET STORAGE KEY EXTENDED", "INSERT STORAGE KEY EXTENDED". */
TEST_CASE(sske_iske, .fixture = &skey_page)
{
	static const u8 keys[] = {SKEY_ACC(3), SKEY_ACC(3) | SKEY_F,
				  SKEY_ACC(15) | SKEY_F | SKEY_R | SKEY_C,
				  SKEY_ACC(9) | SKEY_C, 0};

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		sske(page, keys[i]);
		report_eq(iske(page), keys[i], "key %#x reads back", keys[i]);
	}
	sske(page + 0x800, SKEY_ACC(5));
	report_eq(iske(page), SKEY_ACC(5),
		  "the key is per 4 KiB block (set at offset 0x800)");
}

/*
 * Chapter 3, "Reference Recording", "Change Recording"; chapter 10,
 * "RESET REFERENCE BIT EXTENDED" (cc 0-3: R and C before, R reset).
 */
TEST_CASE(rc_recording, .fixture = &skey_page)
{
	volatile u8 *p = page;
	u8 v;

	sske(page, SKEY_ACC(1));
	report_eq(rrbe(page), 0, "RRBE: neither R nor C after SSKE");
	v = p[8];
	report_eq(iske(page) & (SKEY_R | SKEY_C), SKEY_R,
		  "a fetch sets R, not C");
	report_eq(rrbe(page), 2, "RRBE: R one, C zero");
	report_eq(iske(page) & (SKEY_R | SKEY_C), 0, "RRBE cleared R");
	p[8] = v + 1;
	report_eq(iske(page) & (SKEY_R | SKEY_C), SKEY_R | SKEY_C,
		  "a store sets R and C");
	report_eq(rrbe(page), 3, "RRBE: R and C one");
	report_eq(iske(page) & (SKEY_R | SKEY_C), SKEY_C,
		  "RRBE left C, cleared R");
	report_eq(iske(page) >> 4, 1, "access-control bits kept");
}

/*
 * One access at ADDR with PSW key KEY: the key is set and reset around
 * the probed instruction, with no other storage access in between (the
 * stack and the runtime have key 0).
 */
static struct fault store_with_key(u8 key, void *addr)
{
	fault_clear();
	asm volatile("spka 0(%[k])\n\t" FAULT_SITE("mvi 0(%[a]),0x5a") "spka 0"
		     :
		     : [k] "a"((u64)key << 4), [a] "a"(addr)
		     : "memory");
	return fault_take();
}

static struct fault fetch_with_key(u8 key, void *addr)
{
	u64 v = 0;

	fault_clear();
	asm volatile("spka 0(%[k])\n\t" FAULT_SITE("ic %[v],0(%[a])") "spka 0"
		     : [v] "+d"(v)
		     : [k] "a"((u64)key << 4), [a] "a"(addr)
		     : "memory");
	return fault_take();
}

/* Chapter 3, "Key-Controlled Protection": store protection. */
TEST_CASE(store_protection, .fixture = &skey_page)
{
	sske(page, SKEY_ACC(3));
	page[16] = 0;
	report_fault(store_with_key(3, page + 16), FAULT_NONE,
		     "store with the matching key 3");
	report_eq(page[16], 0x5a, "the store happened");
	page[16] = 0;
	report_fault(store_with_key(2, page + 16), FAULT_PGM(PGM_PROTECTION, 4),
		     "store with key 2");
	report_eq(page[16], 0, "the protected store did not happen");
	report_fault(fetch_with_key(2, page + 16), FAULT_NONE,
		     "fetch with key 2, fetch-protection bit zero");
	report_fault(store_with_key(0, page + 16), FAULT_NONE,
		     "store with key 0 matches every key");
}

/* Chapter 3, "Key-Controlled Protection": fetch protection. */
TEST_CASE(fetch_protection, .fixture = &skey_page)
{
	sske(page, SKEY_ACC(3) | SKEY_F);
	report_fault(fetch_with_key(2, page + 16), FAULT_PGM(PGM_PROTECTION, 4),
		     "fetch with key 2, fetch-protection bit one");
	report_fault(fetch_with_key(3, page + 16), FAULT_NONE,
		     "fetch with the matching key 3");
	report_fault(fetch_with_key(0, page + 16), FAULT_NONE,
		     "fetch with key 0");
	report_fault(store_with_key(2, page + 16), FAULT_PGM(PGM_PROTECTION, 4),
		     "store with key 2");
}

/*
 * Chapter 10, "TEST PROTECTION": cc 0 fetch and store permitted, 1 fetch
 * only, 2 neither.
 */
TEST_CASE(tprot_codes, .fixture = &skey_page)
{
	sske(page, SKEY_ACC(3));
	report_eq(tprot(page, 3), 0, "key 3 on key 3: cc 0");
	report_eq(tprot(page, 2), 1, "key 2 on key 3: cc 1 (fetch only)");
	report_eq(tprot(page, 0), 0, "key 0 on key 3: cc 0");
	sske(page, SKEY_ACC(3) | SKEY_F);
	report_eq(tprot(page, 2), 2, "key 2 on key 3 fetch-protected: cc 2");
	report_eq(tprot(page, 3), 0, "key 3 on key 3 fetch-protected: cc 0");
}

/*
 * Chapter 7, "MOVE WITH KEY" (the second operand is fetched with the key
 * in R3 bits 56-59) and chapter 10, "MOVE WITH DESTINATION KEY" (the
 * first operand is stored with the key in general register 1 bits 56-59;
 * general register 0 bits 56-63 hold the length less one).
 */
static struct fault mvck(void *dst, void *src, u8 key)
{
	return fault_probe("mvck 0(%[len],%[d]),0(%[s]),%[k]",
			   :
			   : [len] "a"(8UL), [d] "a"(dst), [s] "a"(src),
			     [k] "d"((u64)key << 4)
			   : "cc", "memory");
}

/* GR0 and GR1 are loaded in the asm: no call may come in between. */
static struct fault mvcdk(void *dst, void *src, u8 key)
{
	fault_clear();
	asm volatile("lghi %%r0,7\n\t"
		     "lgr %%r1,%[k]\n\t" FAULT_SITE("mvcdk 0(%[d]),0(%[s])")
		     :
		     : [d] "a"(dst), [s] "a"(src), [k] "d"((u64)key << 4)
		     : "r0", "r1", "memory");
	return fault_take();
}

TEST_CASE(move_with_key, .fixture = &skey_page)
{
	u64 local = 0x1122334455667788ULL;

	sske(page, SKEY_ACC(3) | SKEY_F);
	report_fault(mvck(&local, page, 2), FAULT_PGM(PGM_PROTECTION, 6),
		     "MVCK from fetch-protected key 3 with key 2");
	report_fault(mvck(&local, page, 3), FAULT_NONE,
		     "MVCK from key 3 with key 3");
	sske(page, SKEY_ACC(3));
	report_fault(mvcdk(page, &local, 2), FAULT_PGM(PGM_PROTECTION, 6),
		     "MVCDK to key 3 with destination key 2");
	report_fault(mvcdk(page, &local, 3), FAULT_NONE,
		     "MVCDK to key 3 with destination key 3");
	report_eq(*(u64 *)page, local, "MVCDK moved the doubleword");
}

/* MOVE WITH SOURCE KEY: GR0 length less one, GR1 bits 56-59 the key. */
static struct fault mvcsk(void *dst, void *src, u8 key)
{
	fault_clear();
	asm volatile("lghi %%r0,7\n\t"
		     "lgr %%r1,%[k]\n\t" FAULT_SITE("mvcsk 0(%[d]),0(%[s])")
		     :
		     : [d] "a"(dst), [s] "a"(src), [k] "d"((u64)key << 4)
		     : "r0", "r1", "memory");
	return fault_take();
}

/*
 * Chapter 10, "MOVE WITH SOURCE KEY": the second operand is fetched with
 * the key in general register 1 bits 56-59 (the first stored with the
 * PSW key, 0 here): a fetch-protected page with key 3 refuses key 2
 * (protection exception, nothing moved) and gives its bytes to key 3.
 */
TEST_CASE(move_with_source_key, .fixture = &skey_page)
{
	u64 local = 0;

	*(u64 *)page = 0x8877665544332211ULL;
	sske(page, SKEY_ACC(3) | SKEY_F);
	report_fault(mvcsk(&local, page, 2), FAULT_PGM(PGM_PROTECTION, 6),
		     "MVCSK from fetch-protected key 3 with source key 2");
	report_eq(local, 0, "nothing moved with key 2");
	report_fault(mvcsk(&local, page, 3), FAULT_NONE,
		     "MVCSK from key 3 with source key 3");
	report_eq(local, 0x8877665544332211ULL, "MVCSK moved the doubleword");
}

/*
 * SSKE with the mask field M3 (MR 4, MC 2: leave R or C as they are),
 * assembled as a later facility's form (Z_LATER, processor.h).
 */
#define sske_m3(addr, key, m3)                    \
	asm volatile(Z_LATER("sske %0,%1," #m3)   \
		     :                            \
		     : "d"((u64)(key)), "a"(addr) \
		     : "cc", "memory")

/*
 * Chapter 10, "SET STORAGE KEY EXTENDED", with the conditional-SSKE
 * facility (10): with MR and MC one, a key whose access-control and
 * fetch-protection bits equal R1 bits 56-60 is left as it is (R and C
 * whatever R1 says); otherwise those bits are set and R and C are kept.
 * With MC alone, R is set from R1 and C kept.
 */
TEST_CASE(conditional_sske, .fixture = &skey_page,
	  .features = CPU_FEATURES(FACILITY(10, "conditional-SSKE")))
{
	sske(page, SKEY_ACC(3) | SKEY_R | SKEY_C);
	sske_m3(page, SKEY_ACC(3), 6);
	report_eq(iske(page), SKEY_ACC(3) | SKEY_R | SKEY_C,
		  "MR, MC, same access bits: key unchanged (R, C kept)");
	sske_m3(page, SKEY_ACC(5) | SKEY_F, 6);
	report_eq(iske(page), SKEY_ACC(5) | SKEY_F | SKEY_R | SKEY_C,
		  "MR, MC, other access bits: set, R and C kept");
	sske_m3(page, SKEY_ACC(5), 2);
	report_eq(iske(page), SKEY_ACC(5) | SKEY_C,
		  "MC alone: access bits and R set from R1, C kept");
}

/*
 * Chapter 10, "INSERT VIRTUAL STORAGE KEY": with DAT off a
 * special-operation exception is recognized.
 */
TEST_CASE(ivsk_dat_off)
{
	u64 key = 0;
	struct fault f;

	f = fault_probe("ivsk %0,%1", : "+d"(key) : "a"(0x20000UL));
	report_fault(f, FAULT_PGM(PGM_SPECIAL_OP, 4), "IVSK with DAT off");
}

/* Stores BYTE's current value back: harmless if it is not prevented. */
static struct fault store_same(u64 addr)
{
	u8 v = *(volatile u8 *)addr;

	return fault_probe("stc %0,0(%1)", : : "d"(v), "a"(addr) : "memory");
}

/*
 * Chapter 3, "Low-Address Protection": with CR0 bit 35 one, stores to real
 * addresses 0-511 and 4096-4607 are suppressed with a protection
 * exception, whatever the key; others are not affected.
 */
TEST_CASE(low_address_protection, .fixture = &skey_page)
{
	static const u64 protected[] = {0x0, 0x1ff, 0x1000, 0x11ff};
	static const u64 unprotected[] = {0x200, 0xfff, 0x1200};

	lctlg(0, saved_cr0 | CR0_LOW_ADDRESS_PROT);
	for (size_t i = 0; i < ARRAY_SIZE(protected); i++)
		report_fault(store_same(protected[i]),
			     FAULT_PGM_SUPPRESSED(PGM_PROTECTION, 4),
			     "store at %#llx",
			     (unsigned long long)protected[i]);
	for (size_t i = 0; i < ARRAY_SIZE(unprotected); i++)
		report_fault(store_same(unprotected[i]), FAULT_NONE,
			     "store at %#llx",
			     (unsigned long long)unprotected[i]);
	lctlg(0, saved_cr0);
	report_fault(store_same(0x1ff), FAULT_NONE,
		     "store at 0x1ff with CR0 bit 35 zero");
}

/*
 * Chapter 10, "SET STORAGE KEY EXTENDED", "INSERT STORAGE KEY EXTENDED",
 * "RESET REFERENCE BIT EXTENDED": a block outside the configuration is an
 * addressing exception (R2 designates a real address).
 */
TEST_CASE(key_addressing)
{
	u64 end = sclp_info.memory_size, key = 0;
	struct fault f;

	f = fault_probe("sske %0,%1", : : "d"(0UL), "a"(end) : "memory");
	report_fault(f, FAULT_PGM(PGM_ADDRESSING, 4), "SSKE beyond storage");
	f = fault_probe("iske %0,%1", : "+d"(key) : "a"(end));
	report_fault(f, FAULT_PGM(PGM_ADDRESSING, 4), "ISKE beyond storage");
	f = fault_probe("rrbe 0,%0", : : "a"(end) : "cc", "memory");
	report_fault(f, FAULT_PGM(PGM_ADDRESSING, 4), "RRBE beyond storage");
	f = fault_probe("iske %0,%1", : "+d"(key) : "a"(end - PAGE_SIZE));
	report_fault(f, FAULT_NONE, "ISKE of the last block");
}
