// SPDX-License-Identifier: GPL-2.0-only
/*
 * smap: supervisor-mode access prevention beyond the permission matrix of
 * x86/access.c: CR4.SMAP only settable when enumerated, STAC and CLAC
 * (their effect on EFLAGS.AC and on explicit accesses, their #UD at CPL3
 * and without SMAP), and implicit supervisor-mode accesses to descriptor
 * tables and to the TSS's I/O permission bit map on user-mode pages.
 *
 * Implicit accesses follow the current text of Intel SDM vol. 3A 4.6.1:
 * with CR4.SMAP = 1, data may be read from a user-mode address "if CPL < 3
 * and EFLAGS.AC = 1", and not "if CPL = 3 (an implicit supervisor-mode
 * access) or EFLAGS.AC = 0". So an implicit access made at CPL0 (a GDT,
 * LDT or IDT read) is lifted by EFLAGS.AC like an explicit one, and only
 * at CPL3 (the I/O bit map read by IN) is it blocked whatever AC says.
 * Older editions said "EFLAGS.AC = 0 or the access is implicit"; processors
 * and the current text agree on the rule above, and so does this test.
 *
 * Intel SDM vol. 3A 2.5 (CR4.SMAP; reserved CR4 bits), 4.6, 4.7 (error
 * code: U/S = 0 for implicit supervisor accesses); vol. 1 19.5.2 (I/O permission bit map: read when CPL >
 * IOPL, two bytes at the map base plus port / 8, #GP(0) when a bit is set
 * or the bytes lie beyond the TSS limit); vol. 3A 8.7 (64-bit TSS, I/O
 * map base at byte 102), 8.2.3 (TSS descriptor); vol. 2B STAC, CLAC
 * (#UD if CPL > 0 or CPUID.(EAX=07H, ECX=0H):EBX.SMAP = 0), MOV to CR4
 * (#GP(0) on a reserved bit); AMD APM vol. 2 5.6.4.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/cr4_probe.h>
#include <x86/exceptions.h>
#include <x86/paging.h>
#include <x86/pgtest.h>
#include <x86/usermode.h>

/* Two pages of descriptor tables: supervisor-only, then user-accessible. */
#define TABLE_VA PGTEST_BASE
#define USER_PAGE_VA (TABLE_VA + PAGE_SIZE)
#define USER_CODE_VA (PGTEST_USER_TEXT + 2 * PAGE_SIZE)
#define USER_SEL 0x1000 /* GDT index 512: the first descriptor of page 2 */
#define LDT_SEL 0x800 /* the LDT descriptor, in page 1 */
#define LDT_DATA_SEL 0x4 /* LDT index 0, TI = 1 */
#define DESC_ACCESSED BIT(40)
#define IDT_VECTOR 0xff /* its gate is the first 16 bytes of page 2 */
/*
 * A copy of the TSS ends page 1, so that its I/O permission bit map (the
 * ports 0-255 only) starts page 2; its descriptor is in page 1 too.
 */
#define TSS_SEL 0x900
#define TSS_SIZE 104 /* 64-bit TSS up to the I/O map base (SDM 8.7) */
#define TSS_IOMAP_BASE_OFF 102
#define IOMAP_BYTES 32
#define DESC_TSS_BUSY BIT(41) /* type 1011b vs. available 1001b */
#define IO_PORT 0x80 /* the port of smap_user_in*: its map byte is 0x10 */

/* CPL3 code for stac_cpl3: one page of its own, mapped at USER_CODE_VA. */
extern char smap_user_page[], smap_user_stac[], smap_user_clac[];
extern char smap_user_in[], smap_user_in_ac[];
asm(".pushsection .text.smap_user, \"ax\"\n\t"
    ".balign 4096\n"
    "smap_user_page:\n"
    "smap_user_stac:\n\t"
    "stac\n\t"
    "ret\n"
    "smap_user_clac:\n\t"
    "clac\n\t"
    "ret\n"
    "smap_user_in:\n\t"
    "in $0x80, %al\n\t"
    "ret\n"
    "smap_user_in_ac:\n\t" /* EFLAGS.AC = 1 at CPL3, then the same IN */
    "pushf\n\t"
    "orl $0x40000, (%rsp)\n\t"
    "popf\n\t"
    "in $0x80, %al\n\t"
    "ret\n\t"
    ".balign 4096\n\t"
    ".popsection");

static struct page_table pt;
static u8 *table_page, *user_page;

/* The test's tables (built once), entered with the paging controls saved. */
static bool smap_env_enter(void)
{
	if (!pt.root) {
		pgtest_init(&pt);
		table_page = alloc_page();
		user_page = alloc_page();
		assert(table_page && user_page);
		pt_map(&pt, TABLE_VA, (u64)table_page, PT_LEVEL_4K, PT_RW);
		pt_map(&pt, USER_PAGE_VA, (u64)user_page, PT_LEVEL_4K,
		       PT_RW | PT_US);
		pt_map(&pt, USER_CODE_VA, (u64)smap_user_page, PT_LEVEL_4K,
		       PT_US);
	}
	pgtest_enter(&pt);
	return true;
}

TEST_FIXTURE(smap_env, smap_env_enter, pgtest_leave);

static void set_ac(bool ac)
{
	u64 f = read_rflags();

	write_rflags(ac ? f | X86_EFLAGS_AC : f & ~X86_EFLAGS_AC);
}

static void set_smap(bool on)
{
	u64 cr4 = read_cr4();

	write_cr4(on ? cr4 | X86_CR4_SMAP : cr4 & ~X86_CR4_SMAP);
}

static struct fault read_user_page(void)
{
	return pgtest_access(USER_PAGE_VA, PG_READ, false);
}

/* SDM vol. 3A 2.5: with SMAP enumerated, CR4.SMAP can be set. */
TEST_CASE(cr4_bit, .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	report_here(cr4_probe_settable(X86_CR4_SMAP, "SMAP", "SMAP"));
}

/* Without it the bit is reserved; entries of its own run this probe. */
TEST_CASE(cr4_bit_reserved)
{
	report_here(cr4_probe_reserved(X86_CR4_SMAP, X86_FEATURE_SMAP, "SMAP",
				       "SMAP", "CPUID.7.0:EBX.SMAP"));
}

/*
 * STAC sets EFLAGS.AC, CLAC clears it (SDM vol. 2B), and with CR4.SMAP = 1
 * an explicit supervisor read of a user-mode page works only with AC = 1.
 */
TEST_CASE(stac_clac, .fixture = &smap_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	struct fault f;

	set_smap(true);
	f = fault_probe("stac", : : : "memory", "cc");
	report_fault(f, FAULT_NONE, "STAC at CPL0");
	report(read_rflags() & X86_EFLAGS_AC, "STAC sets EFLAGS.AC");
	report_fault(read_user_page(), FAULT_NONE,
		     "after STAC: supervisor read of a user page works");
	f = fault_probe("clac", : : : "memory", "cc");
	report_fault(f, FAULT_NONE, "CLAC at CPL0");
	report(!(read_rflags() & X86_EFLAGS_AC), "CLAC clears EFLAGS.AC");
	report_fault(read_user_page(), FAULT_PF(PFERR_P),
		     "after CLAC: supervisor read of a user page faults");
	report_eq(read_cr2(), USER_PAGE_VA, "CR2 is the user address");
	set_ac(false);
}

/* SDM vol. 2B STAC/CLAC: #UD if CPL > 0, enumerated or not. */
TEST_CASE(stac_cpl3, .fixture = &smap_env)
{
	struct fault f;
	u64 flags;

	f = usermode_call(PGTEST_USER_TEXT, usermode_call_fn, USER_CODE_VA, 0,
			  PGTEST_USER_STACK_TOP, NULL);
	report_fault(f, FAULT_UD, "STAC at CPL3 raises #UD");
	f = usermode_call(PGTEST_USER_TEXT, usermode_call_fn,
			  USER_CODE_VA + (smap_user_clac - smap_user_page), 0,
			  PGTEST_USER_STACK_TOP, NULL);
	report_fault(f, FAULT_UD, "CLAC at CPL3 raises #UD");
	flags = read_rflags();
	report(!(flags & X86_EFLAGS_AC), "EFLAGS.AC still 0 at CPL0");
}

/* SDM vol. 2B STAC/CLAC: #UD if CPUID.(EAX=07H, ECX=0H):EBX.SMAP = 0. */
TEST_CASE(stac_ud)
{
	if (cpu_has(X86_FEATURE_SMAP))
		return report_skip("SMAP enumerated: STAC and CLAC are valid");
	report_fault(fault_probe("stac",
				 :
				 :
				 : "memory", "cc"),
		     FAULT_UD, "STAC without SMAP raises #UD");
	report_fault(fault_probe("clac",
				 :
				 :
				 : "memory", "cc"),
		     FAULT_UD, "CLAC without SMAP raises #UD");
	set_ac(false);
}

/* A flat ring-0 data descriptor, accessed bit set: loading it only reads. */
static u64 data_descriptor(void)
{
	struct desc_ptr gdtr;

	asm volatile("sgdt %0" : "=m"(gdtr));
	return ((u64 *)gdtr.base)[KERNEL_DS >> 3] | DESC_ACCESSED;
}

/*
 * The GDT in use copied to the supervisor page, with one more descriptor
 * at the start of the user page (selector USER_SEL) and an LDT descriptor
 * (LDT_SEL) for an LDT that is the user page; loaded by LGDT.
 */
static void load_split_gdt(struct desc_ptr *saved)
{
	struct desc_ptr gdtr = {PAGE_SIZE + 7, TABLE_VA};
	u64 *ldt = (u64 *)(table_page + LDT_SEL);

	asm volatile("sgdt %0" : "=m"(*saved));
	assert(saved->limit < LDT_SEL);
	memset(table_page, 0, PAGE_SIZE);
	memcpy(table_page, (void *)saved->base, saved->limit + 1);
	((u64 *)user_page)[0] = data_descriptor();
	/* 64-bit LDT descriptor (SDM 3.5, 8.2.3 layout): type 2, P = 1. */
	ldt[0] = (PAGE_SIZE - 1) | ((USER_PAGE_VA & 0xffffff) << 16) |
		 (0x82ULL << 40) | (((USER_PAGE_VA >> 24) & 0xff) << 56);
	ldt[1] = USER_PAGE_VA >> 32;
	lgdt(&gdtr);
}

static void restore_ds(void)
{
	asm volatile("mov %0, %%ds" : : "r"((u16)KERNEL_DS));
}

static struct fault load_ds(u16 sel)
{
	struct fault f = fault_probe("mov %0, %%ds", : : "r"(sel) : "memory");

	restore_ds();
	return f;
}

/* The user page is a user-mode address under SMAP: explicit rules hold. */
static void check_explicit(void)
{
	set_ac(true);
	report_fault(read_user_page(), FAULT_NONE,
		     "explicit read of the user page with EFLAGS.AC=1 works");
	set_ac(false);
	report_fault(read_user_page(), FAULT_PF(PFERR_P),
		     "explicit read of the user page with EFLAGS.AC=0 faults");
}

/* An implicit access at CPL0: EFLAGS.AC lifts SMAP (see the top). */
static struct fault implicit_cpl0_expect(bool ac)
{
	return ac ? FAULT_NONE : FAULT_PF(PFERR_P);
}

static void check_implicit(u16 sel, const char *what)
{
	for (int ac = 0; ac <= 1; ac++) {
		struct fault f;

		set_ac(ac);
		write_cr2(0);
		f = load_ds(sel);
		set_ac(false);
		report_fault(f, implicit_cpl0_expect(ac),
			     "%s on a user page at CPL0, EFLAGS.AC=%d", what,
			     ac);
		if (!ac)
			report_eq(read_cr2(), USER_PAGE_VA,
				  "%s, EFLAGS.AC=0: CR2", what);
	}
	set_smap(false);
	report_fault(load_ds(sel), FAULT_NONE,
		     "%s on a user page with CR4.SMAP=0 works", what);
	set_smap(true);
}

/* A segment load reads its descriptor from the GDT: implicit (SDM 4.6.1). */
TEST_CASE(implicit_gdt, .fixture = &smap_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	struct desc_ptr saved;

	set_smap(true);
	check_explicit();
	load_split_gdt(&saved);
	check_implicit(USER_SEL, "MOV to DS, descriptor in the GDT");
	lgdt(&saved);
}

/* The same through an LDT whose base is a user-mode address. */
TEST_CASE(implicit_ldt, .fixture = &smap_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	struct desc_ptr saved;

	set_smap(true);
	load_split_gdt(&saved);
	asm volatile("lldt %0" : : "rm"((u16)LDT_SEL));
	check_implicit(LDT_DATA_SEL, "MOV to DS, descriptor in the LDT");
	asm volatile("lldt %0" : : "rm"((u16)0));
	lgdt(&saved);
}

static unsigned int deliveries;

/* Delivery through the gate on the user page (allowed with EFLAGS.AC=1). */
static void count_delivery(struct ex_regs *regs)
{
	deliveries++;
}

/*
 * Event delivery reads the gate from the IDT: implicit. The IDT is moved
 * so that only the gate of IDT_VECTOR lies on the user page; INT of that
 * vector at CPL0 must raise #PF on the gate's address with EFLAGS.AC=0 and
 * be delivered with EFLAGS.AC=1 (SDM 6.12, 4.6.1).
 */
TEST_CASE(implicit_idt, .fixture = &smap_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	u64 gate_off = PAGE_SIZE - IDT_VECTOR * 16;
	struct desc_ptr saved, idtr = {256 * 16 - 1, TABLE_VA + gate_off};
	exception_handler_t old;
	struct fault f;

	set_smap(true);
	old = x86_set_handler(IDT_VECTOR, count_delivery);
	asm volatile("sidt %0" : "=m"(saved));
	memcpy(table_page + gate_off, (void *)saved.base, IDT_VECTOR * 16);
	memcpy(user_page, (void *)(saved.base + IDT_VECTOR * 16), 16);
	for (int ac = 0; ac <= 1; ac++) {
		deliveries = 0;
		set_ac(ac);
		write_cr2(0);
		lidt(&idtr);
		f = fault_probe("int $0xff", : : : "memory");
		lidt(&saved);
		set_ac(false);
		report_fault(
			f, implicit_cpl0_expect(ac),
			"INT 0xff at CPL0, gate on a user page, EFLAGS.AC=%d",
			ac);
		if (ac)
			report_eq(deliveries, 1,
				  "INT 0xff, EFLAGS.AC=1: delivered");
		else
			report_eq(read_cr2(), USER_PAGE_VA,
				  "INT 0xff, EFLAGS.AC=0: CR2 is the gate");
	}
	x86_set_handler(IDT_VECTOR, old);
}

/* IN from IO_PORT at CPL3 (IOPL = 0), with EFLAGS.AC = AC there. */
static struct fault user_in(bool ac)
{
	char *fn = ac ? smap_user_in_ac : smap_user_in;

	return usermode_call(PGTEST_USER_TEXT, usermode_call_fn,
			     USER_CODE_VA + (fn - smap_user_page), 0,
			     PGTEST_USER_STACK_TOP, NULL);
}

/* The base of the TSS descriptor at SEL in the GDT GDTR describes. */
static u64 tss_base(const struct desc_ptr *gdtr, u16 sel)
{
	u64 lo = *(u64 *)(gdtr->base + sel),
	    hi = *(u64 *)(gdtr->base + sel + 8);

	return ((lo >> 16) & 0xffffff) | (((lo >> 56) & 0xff) << 24) |
	       (hi << 32);
}

/*
 * A copy of the running TSS at the end of the supervisor page whose I/O
 * permission bit map is the start of the user page (all ports allowed),
 * loaded by LTR through a descriptor of the split GDT.
 */
static void load_split_tss(const struct desc_ptr *gdtr, u16 tr)
{
	u64 base = USER_PAGE_VA - TSS_SIZE, limit = TSS_SIZE + IOMAP_BYTES - 1;
	u8 *copy = table_page + PAGE_SIZE - TSS_SIZE;
	u64 *desc = (u64 *)(table_page + TSS_SEL);
	u16 iomap = TSS_SIZE;

	memcpy(copy, (void *)tss_base(gdtr, tr), TSS_SIZE);
	memcpy(copy + TSS_IOMAP_BASE_OFF, &iomap, sizeof(iomap));
	memset(user_page, 0, IOMAP_BYTES);
	/* 64-bit TSS descriptor (SDM 8.2.3): type 9 (available), P = 1. */
	desc[0] = limit | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		  (((base >> 24) & 0xff) << 56);
	desc[1] = base >> 32;
	ltr(TSS_SEL);
}

/* LTR of the original TSS again: its descriptor is busy, so free it first. */
static void restore_tss(const struct desc_ptr *saved, u16 tr)
{
	*(u64 *)(saved->base + tr) &= ~DESC_TSS_BUSY;
	lgdt(saved);
	ltr(tr);
}

/*
 * IN at CPL3 with IOPL = 0 makes the processor read the TSS's I/O
 * permission bit map: an implicit supervisor-mode access (SDM 4.6: "the
 * processor uses supervisor-mode accesses to access ... the task-state
 * segment"). With the map on a user-mode page and CR4.SMAP = 1 that read
 * must raise #PF (P = 1, U/S = 0: SDM 4.7) whatever EFLAGS.AC is (at CPL3
 * every implicit supervisor access is checked). With CR4.SMAP = 0 the map
 * decides: bit clear, the IN runs; bit set, #GP(0) (vol. 1 19.5.2).
 */
TEST_CASE(implicit_tss, .fixture = &smap_env,
	  .features = CPU_FEATURES(X86_FEATURE_SMAP))
{
	u64 map_va = USER_PAGE_VA + IO_PORT / 8;
	struct desc_ptr saved;
	u16 tr;

	/* The runtime's TSS has no map (base = limit + 1): IOPL decides. */
	report_fault(user_in(false), FAULT_GP(0),
		     "IN at CPL3, IOPL=0, TSS without I/O map: #GP(0)");
	asm volatile("str %0" : "=rm"(tr));
	load_split_gdt(&saved);
	load_split_tss(&saved, tr);
	report_fault(
		user_in(false), FAULT_NONE,
		"I/O map on a user page, port allowed, CR4.SMAP=0: IN runs");
	user_page[IO_PORT / 8] |= BIT(IO_PORT % 8);
	report_fault(user_in(false), FAULT_GP(0),
		     "I/O map on a user page, port denied, CR4.SMAP=0: #GP(0)");
	user_page[IO_PORT / 8] &= ~BIT(IO_PORT % 8);
	set_smap(true);
	for (int ac = 0; ac <= 1; ac++) {
		write_cr2(0);
		report_fault(user_in(ac), FAULT_PF(PFERR_P),
			     "IN at CPL3, I/O map on a user page, CR4.SMAP=1, "
			     "EFLAGS.AC=%d: #PF",
			     ac);
		report_eq(read_cr2(), map_va,
			  "IN at CPL3, EFLAGS.AC=%d: CR2 is the map byte", ac);
	}
	set_smap(false);
	restore_tss(&saved, tr);
}
