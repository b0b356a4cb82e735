// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator/faults: faults of emulated memory accesses, checked by hand
 * (a table row cannot): accesses that cross from a present page into a
 * not-present one or between RAM and MMIO (Intel SDM vol. 3A 6.6
 * restartable faults, 4.7 page-fault error code; vol. 2B REP progress),
 * and #AC at CPL3 (vol. 3A 6.15 interrupt 17, 2.5 CR0.AM), on the test's
 * own page table.
 */
#include "emulator.h"
#include <x86/paging.h>
#include <x86/usermode.h>
#include <x86/testdev.h>

#define FAULT_AC0 FAULT(AC_VECTOR, 0)

/*
 * CPL3 code for the alignment checks, mapped user-accessible at USER_CODE
 * and called through usermode_call_fn (usermode.h), so the address comes
 * in RSI. POPF at CPL3 may set EFLAGS.AC (SDM vol. 2B POPF).
 */
extern char emu_user_text[], emu_user_load_ac[], emu_user_store_ac[],
	emu_user_load[];
asm(".pushsection .text.emu_user, \"ax\"\n"
    ".balign 4096\n"
    "emu_user_text:\n"
    "emu_user_load_ac:\n\t"
    "pushfq\n\torl $0x40000, (%rsp)\n\tpopfq\n\t"
    "movl (%rsi), %eax\n\t"
    "pushfq\n\tandl $~0x40000, (%rsp)\n\tpopfq\n\tret\n"
    "emu_user_store_ac:\n\t"
    "pushfq\n\torl $0x40000, (%rsp)\n\tpopfq\n\t"
    "movl $0x11223344, (%rsi)\n\t"
    "pushfq\n\tandl $~0x40000, (%rsp)\n\tpopfq\n\tret\n"
    "emu_user_load:\n\t"
    "movl (%rsi), %eax\n\tret\n"
    ".balign 4096\n"
    ".popsection\n");

/*
 * The test's own page table: the boot mapping (first 3 GiB cached, the
 * top GiB uncached) plus, at WIN, windows that put a RAM or MMIO page in
 * front of a not-present page, RAM in front of MMIO, and two MMIO pages
 * that are not physically contiguous; and user-accessible aliases for the
 * CPL3 checks.
 */
#define WIN (1ULL << 39)
#define RAM_NP (WIN + 0x2000) /* RAM page, then not present */
#define MMIO_NP (WIN + 0x5000) /* MMIO page, then not present */
#define RAM_MMIO (WIN + 0x4000) /* RAM page, then MMIO page */
#define MMIO_MMIO (WIN + 0x7000) /* MMIO pages 3, then 5 */
#define USER_TEXT (WIN + 0x10000) /* usermode_text */
#define USER_STACK_TOP (WIN + 0x12000)
#define USER_CODE (WIN + 0x12000) /* emu_user_text */
#define USER_RAM (WIN + 0x13000)
#define USER_MMIO (WIN + 0x14000) /* MMIO page 6 */
#define MMIO_PAGE(n) (TESTDEV_MMIO_BASE + (n)*PAGE_SIZE)
#define UC (PT_PCD | PT_PWT)
#define PTE_USER (PT_RW | PT_US)

static struct page_table pt;

static u64 switch_to_test_pt(void)
{
	static bool built;

	if (!built) {
		pt_init(&pt);
		pt_map_range(&pt, 0, 0, 3ULL << 30, PT_LEVEL_2M, PT_RW);
		pt_map_range(&pt, 3ULL << 30, 3ULL << 30, 1ULL << 30,
			     PT_LEVEL_2M, PT_RW | UC);
		pt_map(&pt, WIN, (u64)alloc_page(), PT_LEVEL_4K, PTE_USER);
		pt_map(&pt, WIN + 0x1000, (u64)alloc_page(), PT_LEVEL_4K,
		       PTE_USER);
		pt_map(&pt, WIN + 0x3000, (u64)alloc_page(), PT_LEVEL_4K,
		       PTE_USER);
		pt_map(&pt, WIN + 0x4000, MMIO_PAGE(2), PT_LEVEL_4K,
		       PTE_USER | UC);
		pt_map(&pt, WIN + 0x6000, MMIO_PAGE(3), PT_LEVEL_4K,
		       PTE_USER | UC);
		pt_map(&pt, WIN + 0x7000, MMIO_PAGE(5), PT_LEVEL_4K,
		       PTE_USER | UC);
		pt_map(&pt, USER_TEXT, (u64)usermode_text, PT_LEVEL_4K, PT_US);
		pt_map(&pt, USER_STACK_TOP - PAGE_SIZE, (u64)alloc_page(),
		       PT_LEVEL_4K, PTE_USER);
		pt_map(&pt, USER_CODE, (u64)emu_user_text, PT_LEVEL_4K, PT_US);
		pt_map(&pt, USER_RAM, (u64)alloc_page(), PT_LEVEL_4K, PTE_USER);
		pt_map(&pt, USER_MMIO, MMIO_PAGE(6), PT_LEVEL_4K,
		       PTE_USER | UC);
		built = true;
	}
	return pt_switch(&pt);
}

/*
 * Accesses that cross from a present page into a not-present one (SDM
 * vol. 3A 6.6: a fault is reported before the instruction changes
 * anything; 4.7: error code, CR2 = the linear address of the byte that
 * faulted; vol. 2B REP: an interrupted string instruction leaves RCX, RSI
 * and RDI at the element that faulted, the earlier elements done).
 */
static void cross_into_not_present(const char *name, u64 p)
{
	volatile u32 *last = (volatile u32 *)(p - 4);
	u64 v = 0xdeadbeef, rcx, rsi, rdi;
	u8 dst[8] = {0};
	struct fault f;

	report_prefix_push(name);
	*last = 0x11223344;
	f = fault_probe("movl (%1), %k0", : "+r"(v) : "r"(p - 2));
	report_fault(f, FAULT_PF(0), "4-byte load across: #PF");
	report_eq(read_cr2(), p, "load: CR2 = first byte of the second page");
	report_eq(v, 0xdeadbeef, "load: destination register unchanged");

	f = fault_probe("movl %1, (%0)",
			:
			: "r"(p - 2), "r"(0xa1a2a3a4u)
			: "memory");
	report_fault(f, FAULT_PF(2), "4-byte store across: #PF(W)");
	report_eq(read_cr2(), p, "store: CR2 = first byte of the second page");
	report_eq(*last, 0x11223344,
		  "store: no byte written in the first page");

	/* W may be set or not: the read of the read-modify-write faults. */
	*last = 0x11223344;
	f = fault_probe("lock addl %1, (%0)",
			:
			: "r"(p - 2), "r"(1)
			: "memory", "cc");
	report(f.raised && f.vector == PF_VECTOR && !(f.error_code & ~2u),
	       "locked add across: #PF, not present");
	report_eq(*last, 0x11223344, "locked add: no byte written");

	rcx = 6;
	rdi = p - 3;
	f = fault_probe("rep stosb",
			: "+c"(rcx), "+D"(rdi)
			: "a"(0x5a)
			: "memory");
	report_fault(f, FAULT_PF(2), "rep stosb across: #PF(W)");
	report_eq(read_cr2(), p, "rep stosb: CR2");
	report_eq(rcx, 3, "rep stosb: RCX counts the elements left");
	report_eq(rdi, p, "rep stosb: RDI at the faulting element");
	report_eq(*last, 0x5a5a5a44,
		  "rep stosb: the elements before the fault are stored");

	*last = 0x11223344;
	rcx = 6;
	rsi = p - 3;
	rdi = (u64)dst;
	f = fault_probe("rep movsb",
			: "+c"(rcx), "+S"(rsi), "+D"(rdi)
			:
			: "memory");
	report_fault(f, FAULT_PF(0), "rep movsb from across: #PF");
	report_eq(rcx, 3, "rep movsb: RCX counts the elements left");
	report_eq(rsi, p, "rep movsb: RSI at the faulting element");
	report_eq(rdi, (u64)dst + 3,
		  "rep movsb: RDI after the elements copied");
	report_eq(*(u64 *)dst, 0x112233,
		  "rep movsb: the elements before the fault are copied");

	rsi = p - 4;
	rdi = (u64)dst;
	f = fault_probe("movsq", : "+S"(rsi), "+D"(rdi) : : "memory");
	report_fault(f, FAULT_PF(0), "movsq from across: #PF");
	report(rsi == p - 4 && rdi == (u64)dst, "movsq: RSI and RDI unchanged");
	report_eq(*(u64 *)dst, 0x112233, "movsq: nothing copied");
	report_prefix_pop();
}

/* An access across two present pages of different kinds. */
static void cross_present(const char *name, u64 p, volatile u8 *first_end,
			  volatile u8 *second)
{
	u64 v, src = M0, rcx = 8, rsi = (u64)&src, rdi = p - 3;

	report_prefix_push(name);
	*(volatile u64 *)(p - 4) = 0x5a5a5a5a5a5a5a5a;
	asm volatile("movq %1, (%0)" : : "r"(p - 4), "r"(RB) : "memory");
	report(*(volatile u32 *)(first_end - 4) == (u32)RB &&
		       *(volatile u32 *)second == (u32)(RB >> 32),
	       "8-byte store across lands in both pages");
	asm volatile("movq (%1), %0" : "=r"(v) : "r"(p - 4) : "memory");
	report_eq(v, RB, "8-byte load across");
	asm volatile("rep movsb"
		     : "+c"(rcx), "+S"(rsi), "+D"(rdi)
		     :
		     : "memory");
	report(*(volatile u32 *)(first_end - 4) == 0x667788a8 &&
		       *(volatile u32 *)second == 0x22334455 &&
		       second[4] == 0x11,
	       "rep movsb across: both parts, byte order kept");
	report_prefix_pop();
}

TEST_CASE(page_cross)
{
	u64 cr3;

	cr3 = switch_to_test_pt();
	cross_into_not_present("RAM", RAM_NP);
	if (testdev_present()) {
		cross_into_not_present("MMIO", MMIO_NP);
		cross_present("RAM to MMIO", RAM_MMIO, (u8 *)RAM_MMIO,
			      (u8 *)MMIO_PAGE(2));
		cross_present("MMIO to MMIO", MMIO_MMIO, (u8 *)MMIO_PAGE(4),
			      (u8 *)MMIO_PAGE(5));
	} else {
		report_skip("MMIO: %s", testdev_absent_reason());
	}
	write_cr3(cr3);
}

static struct fault user_call(const char *fn, u64 addr, u64 *ret)
{
	return usermode_call(USER_TEXT, usermode_call_fn,
			     USER_CODE + (fn - emu_user_text), addr,
			     USER_STACK_TOP, ret);
}

/*
 * #AC(0): a misaligned access at CPL3 with CR0.AM=1 and EFLAGS.AC=1 (SDM
 * vol. 3A 6.15 interrupt 17, 2.5 CR0.AM); not at CPL0, not with AC=0; a
 * faulting store writes nothing.
 */
TEST_CASE(alignment_check)
{
	static const struct {
		const char *name;
		u64 va;
	} t[] = {{"RAM", USER_RAM}, {"MMIO", USER_MMIO}};
	u64 cr3 = switch_to_test_pt(), cr0 = read_cr0(), v;
	struct fault f;

	write_cr0(cr0 | X86_CR0_AM);
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		volatile u64 *p = (volatile u64 *)t[i].va;

		if (i == 1 && !testdev_present()) {
			report_skip("MMIO: %s", testdev_absent_reason());
			break;
		}
		report_prefix_push(t[i].name);
		*p = M0;
		v = 0;
		f = user_call(emu_user_load_ac, t[i].va + 4, &v);
		report_fault(f, FAULT_NONE, "CPL3 AC=1 aligned 4-byte load");
		report_eq(v, 0x11223344, "CPL3 aligned load value");
		f = user_call(emu_user_load_ac, t[i].va + 1, &v);
		report_fault(f, FAULT_AC0,
			     "CPL3 AC=1 misaligned 4-byte load: #AC(0)");
		f = user_call(emu_user_store_ac, t[i].va + 2, NULL);
		report_fault(f, FAULT_AC0,
			     "CPL3 AC=1 misaligned 4-byte store: #AC(0)");
		report_eq(*p, M0, "faulting store wrote nothing");
		*p = M0;
		f = user_call(emu_user_load, t[i].va + 1, &v);
		report_fault(f, FAULT_NONE,
			     "CPL3 AC=0 misaligned load: no #AC");
		report_eq(v, 0x44556677, "CPL3 misaligned load value");
		asm volatile("pushfq; orl $0x40000, (%%rsp); popfq" : : : "cc");
		f = fault_probe("movl (%1), %k0", : "=r"(v) : "r"(t[i].va + 1));
		asm volatile("pushfq; andl $~0x40000, (%%rsp); popfq"
			     :
			     :
			     : "cc");
		report_fault(f, FAULT_NONE,
			     "CPL0 AC=1 misaligned load: no #AC");
		report_prefix_pop();
	}
	write_cr0(cr0);
	write_cr3(cr3);
}
