// SPDX-License-Identifier: GPL-2.0-only
/*
 * pio: port I/O. IN and OUT of each size in their immediate-port and DX
 * forms, string I/O (INS/OUTS with REP, both directions, RAM and MMIO
 * buffers, across a page), and the protection rules at CPL3: IOPL and the
 * TSS I/O permission bitmap. The port is pc-testdev's 32-bit latch
 * (lib/x86/testdev.h): an access of N bytes at 0xe0 + K reads or writes
 * bytes K..K+N-1 of it. Accesses are naturally aligned: QEMU's device
 * model refuses a misaligned one on some paths (TCG reads 0), which is
 * not a CPU rule.
 *
 * Rules: Intel SDM vol. 2A IN, INS; vol. 2B OUT, OUTS, REP; vol. 1 19.5
 * protected-mode I/O (19.5.1 IOPL, 19.5.2 I/O permission bit map: every
 * bit for the bytes accessed must be 0, bits past the TSS limit count as
 * 1); vol. 3A 8.7 64-bit TSS; 6.15 #GP(0). AMD APM vol. 2 13.3.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/paging.h>
#include <x86/pgtest.h>
#include <x86/usermode.h>
#include <x86/testdev.h>

#define PORT TESTDEV_PORT
#define STR_(x) #x
#define STR(x) STR_(x)
#define X86_EFLAGS_IOPL (3ULL << 12)

/* Every case needs pc-testdev's port (and the CPL3 cases their tables). */
static bool testdev_enter(void)
{
	if (testdev_present())
		return true;
	report_skip("%s", testdev_absent_reason());
	return false;
}

TEST_FIXTURE(testdev, testdev_enter, NULL);

TEST_CASE(port_sizes, .fixture = &testdev)
{
	u32 v;

	outl(PORT, 0x11223344);
	report_eq(inl(PORT), 0x11223344, "outl/inl round trip");
	outb(PORT + 2, 0xaa);
	report_eq(inl(PORT), 0x11aa3344, "outb at +2 writes byte 2 only");
	report_eq(inw(PORT + 2), 0x11aa, "inw at +2 reads bytes 2-3");
	report_eq(inb(PORT + 3), 0x11, "inb at +3");
	outw(PORT, 0xbeef);
	report_eq(inl(PORT), 0x11aabeef, "outw writes bytes 0-1 only");
	asm volatile("outl %0, %w1" : : "a"(0xcafef00du), "d"(PORT));
	asm volatile("inl %w1, %0" : "=a"(v) : "d"(PORT));
	report_eq(v, 0xcafef00d, "DX forms of OUT and IN");
	asm volatile("inb %w1, %b0"
		     : "=a"(v)
		     : "d"(PORT + 1), "0"(0xffffffffu));
	report_eq(v, 0xfffffff0, "inb writes AL only");
	asm volatile("inw %w1, %w0"
		     : "=a"(v)
		     : "d"(PORT + 2), "0"(0xffffffffu));
	report_eq(v, 0xffffcafe, "inw writes AX only");
	outl(TESTDEV_PORT_BYTE, 0x01020304);
	report_eq(inl(TESTDEV_PORT_BYTE), 0x01020304,
		  "4-byte access to the byte-wide port 0xe8");
	report_eq(inb(TESTDEV_PORT_BYTE + 3), 0x01, "its byte 3");
}

/*
 * One REP string I/O instruction INSN on PORT with the pointer register
 * REG ("S" or "D") and count in *PTR and *CNT; DF=1 when DOWN. STD and
 * CLD sit in the same asm statement, so no compiled code runs with DF=1.
 */
#define REP_IO(insn, reg, ptr, cnt, down)                            \
	do {                                                         \
		if (down)                                            \
			asm volatile("std; rep " insn "; cld"        \
				     : "+" reg(*(ptr)), "+c"(*(cnt)) \
				     : "d"(PORT)                     \
				     : "memory");                    \
		else                                                 \
			asm volatile("rep " insn                     \
				     : "+" reg(*(ptr)), "+c"(*(cnt)) \
				     : "d"(PORT)                     \
				     : "memory");                    \
	} while (0)

/* REP OUTS of COUNT elements of SIZE bytes from BUF; returns RSI and RCX. */
static void rep_outs(int size, const void *buf, u64 count, bool down, u64 *rsi,
		     u64 *rcx)
{
	*rsi = (u64)buf;
	*rcx = count;
	if (size == 1)
		REP_IO("outsb", "S", rsi, rcx, down);
	else if (size == 2)
		REP_IO("outsw", "S", rsi, rcx, down);
	else
		REP_IO("outsl", "S", rsi, rcx, down);
}

/* REP INS of COUNT elements of SIZE bytes into BUF; returns RDI and RCX. */
static void rep_ins(int size, void *buf, u64 count, bool down, u64 *rdi,
		    u64 *rcx)
{
	*rdi = (u64)buf;
	*rcx = count;
	if (size == 1)
		REP_IO("insb", "D", rdi, rcx, down);
	else if (size == 2)
		REP_IO("insw", "D", rdi, rcx, down);
	else
		REP_IO("insl", "D", rdi, rcx, down);
}

static const u8 pattern[16] = {
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
	0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01,
};

/*
 * OUTS writes each element to the port in turn, so the latch keeps the
 * last one; INS fills every element with the latch. RSI/RDI move by
 * size * count, backwards with DF=1 (starting at the last element); RCX
 * ends at 0; RCX=0 transfers nothing.
 */
static void string_io_on(const char *name, u8 *buf)
{
	static const int sizes[] = {1, 2, 4};
	u64 r, rcx;
	u32 latch;

	report_prefix_push(name);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		int sz = sizes[i];
		u32 mask = sz == 4 ? ~0u : (1u << (8 * sz)) - 1;
		u32 first, last;

		memcpy(buf, pattern, sizeof(pattern));
		memcpy(&first, buf, sz);
		memcpy(&last, buf + 3 * sz, sz);
		outl(PORT, 0xa5a5a5a5);
		rep_outs(sz, buf, 4, false, &r, &rcx);
		latch = inl(PORT);
		report(latch == ((0xa5a5a5a5 & ~mask) | (last & mask)) &&
			       r == (u64)buf + 4 * sz && !rcx,
		       "rep outs%c x4 up: latch %#x, RSI +%ld, RCX %lu",
		       "bw?l"[sz - 1], latch, (long)(r - (u64)buf), rcx);
		outl(PORT, 0xa5a5a5a5);
		rep_outs(sz, buf + 3 * sz, 4, true, &r, &rcx);
		latch = inl(PORT);
		report(latch == ((0xa5a5a5a5 & ~mask) | (first & mask)) &&
			       r == (u64)buf - sz && !rcx,
		       "rep outs%c x4 down: latch %#x, RSI %ld, RCX %lu",
		       "bw?l"[sz - 1], latch, (long)(r - (u64)buf), rcx);

		outl(PORT, 0x5a6b7c8d);
		memset(buf, 0, 16);
		rep_ins(sz, buf, 3, false, &r, &rcx);
		{
			bool ok = r == (u64)buf + 3 * sz && !rcx;
			u32 e = 0;

			for (int k = 0; k < 3; k++) {
				memcpy(&e, buf + k * sz, sz);
				ok &= e == (0x5a6b7c8d & mask);
			}
			ok &= buf[3 * sz] == 0;
			report(ok, "rep ins%c x3 up fills 3 elements, RDI +%ld",
			       "bw?l"[sz - 1], (long)(r - (u64)buf));
		}
		memset(buf, 0, 16);
		rep_ins(sz, buf + 8, 2, true, &r, &rcx);
		{
			u32 e0 = 0, e1 = 0;

			memcpy(&e0, buf + 8, sz);
			memcpy(&e1, buf + 8 - sz, sz);
			report(e0 == (0x5a6b7c8d & mask) && e1 == e0 &&
				       r == (u64)buf + 8 - 2 * sz && !rcx &&
				       buf[8 + sz] == 0 && buf[8 - 2 * sz] == 0,
			       "rep ins%c x2 down", "bw?l"[sz - 1]);
		}
	}
	memset(buf, 0, 16);
	rep_ins(4, buf, 0, false, &r, &rcx);
	report(r == (u64)buf && !rcx && !buf[0],
	       "rep insl with RCX=0 does nothing");
	report_prefix_pop();
}

TEST_CASE(string_io, .fixture = &testdev)
{
	u8 *ram;

	ram = alloc_page();
	string_io_on("RAM", ram + 64);
	string_io_on("MMIO", (u8 *)testdev_mmio() + 0x400);
	free_page(ram);
}

/* REP INSB across two present pages: every byte lands, RDI ends past both. */
TEST_CASE(string_io_page_cross, .fixture = &testdev)
{
	u64 rdi, rcx;
	bool ok = true;
	u8 *p;

	p = alloc_pages(1);
	outb(PORT, 0x3c);
	rep_ins(1, p + PAGE_SIZE - 5, 10, false, &rdi, &rcx);
	for (int i = -5; i < 5; i++)
		ok &= p[PAGE_SIZE + i] == 0x3c;
	report(ok && !p[PAGE_SIZE - 6] && !p[PAGE_SIZE + 5],
	       "10 bytes across the boundary");
	report(rdi == (u64)p + PAGE_SIZE + 5 && !rcx, "RDI and RCX after");
	free_pages(p, 1);
}

/*
 * CPL3: the user page of I/O helpers, called through usermode_call_fn
 * with the port in RSI and returning normally; the pio_user3_* ones are
 * entered by pio_user_enter() instead and end in UD2 (see below).
 */
extern char pio_user_text[], pio_user_inb[], pio_user_inw[], pio_user_outb[],
	pio_user_insb[], pio_user_outsw[], pio_user_cli[], pio_user3_inb[],
	pio_user3_outl[], pio_user3_flags[], pio_user3_done[];
asm(".pushsection .text.pio_user, \"ax\"\n"
    ".balign 4096\n"
    "pio_user_text:\n"
    "pio_user_inb:\n\t"
    "mov %esi, %edx\n\txor %eax, %eax\n\tinb %dx, %al\n\tret\n"
    "pio_user_inw:\n\t"
    "mov %esi, %edx\n\txor %eax, %eax\n\tinw %dx, %ax\n\tret\n"
    "pio_user_outb:\n\t"
    "mov %esi, %edx\n\tmov $0x5a, %al\n\toutb %al, %dx\n\tret\n"
    "pio_user_insb:\n\t"
    "mov %esi, %edx\n\tpush $0\n\tmov %rsp, %rdi\n\tmov $1, %ecx\n\t"
    "rep insb\n\tpop %rax\n\tret\n"
    "pio_user_outsw:\n\t"
    "mov %esi, %edx\n\tpush $0x4321\n\tmov %rsp, %rsi\n\tmov $1, %ecx\n\t"
    "rep outsw\n\tpop %rax\n\tret\n"
    "pio_user_cli:\n\t"
    "cli\n\tsti\n\tret\n"
    "pio_user3_inb:\n\t"
    "mov %esi, %edx\n\txor %eax, %eax\n\tinb %dx, %al\n\tjmp pio_user3_done\n"
    "pio_user3_flags:\n\t"
    "pushfq\n\tpop %rax\n\tjmp pio_user3_done\n"
    "pio_user3_outl:\n\t"
    "mov %esi, %edx\n\tmov $0x600dcafe, %eax\n\toutl %eax, %dx\n"
    "pio_user3_done:\n\t"
    "ud2\n"
    ".balign 4096\n"
    ".popsection\n");

/*
 * A CPL3 entry with a chosen RFLAGS. usermode_call() (usermode.h) always
 * enters CPL3 with RFLAGS=2, i.e. IOPL=0, and POPF at CPL3 cannot raise
 * IOPL (SDM vol. 2B POPF), so IOPL=3 at CPL3 needs an IRET frame of our
 * own: pio_user_enter(rip, rflags, rsp, rsi) IRETs to CPL3 (SDM vol. 2A
 * IRET); the code there ends in UD2 at pio_user3_done, or faults, and the
 * #UD/#GP handler below rewrites the frame to resume at pio_user_resume
 * on the saved kernel stack. Exceptions from CPL3 use TSS.RSP0, which
 * usermode_call() has set up by then.
 */
u64 pio_user_enter(u64 rip, u64 rflags, u64 rsp, u64 rsi);
extern char pio_user_resume[];
u64 pio_kernel_rsp;
/* clang-format off */
asm(".text\n"
    "pio_user_enter:\n\t"
    "push %rbp\n\tpush %rbx\n\tpush %r12\n\tpush %r13\n\t"
    "push %r14\n\tpush %r15\n\t"
    "mov %rsp, pio_kernel_rsp(%rip)\n\t"
    "pushq $" STR(USER_DS) "\n\tpush %rdx\n\tpush %rsi\n\t"
    "pushq $" STR(USER_CS) "\n\tpush %rdi\n\t"
    "mov %rcx, %rsi\n\t"
    "iretq\n"
    "pio_user_resume:\n\t"
    "pop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\t"
    "pop %rbx\n\tpop %rbp\n\tret\n");
/* clang-format on */

static struct fault user3_fault;
static u64 user3_done_va;

static void user3_handler(struct ex_regs *regs)
{
	if ((regs->cs & 3) != 3)
		test_crash("exception %lu at CPL0 rip=%#lx during a CPL3 run",
			   regs->vector, regs->rip);
	if (regs->vector != UD_VECTOR || regs->rip != user3_done_va)
		user3_fault = FAULT(regs->vector, (u32)regs->error_code);
	regs->rip = (u64)pio_user_resume;
	regs->cs = KERNEL_CS;
	regs->ss = KERNEL_DS;
	regs->rsp = pio_kernel_rsp;
	regs->rflags = 0x2;
}

#define WIN (1ULL << 39)
#define USER_TEXT WIN
#define USER_CODE (WIN + 0x1000)
#define USER_STACK_TOP (WIN + 0x3000)

static struct page_table pt;

/* The tables with the CPL3 pages, entered with the paging controls saved. */
static bool user_io_enter(void)
{
	static bool built;

	if (!testdev_enter())
		return false;
	if (!built) {
		pt_init(&pt);
		pt_map_range(&pt, 0, 0, 3ULL << 30, PT_LEVEL_2M, PT_RW);
		pt_map_range(&pt, 3ULL << 30, 3ULL << 30, 1ULL << 30,
			     PT_LEVEL_2M, PT_RW | PT_PCD | PT_PWT);
		pt_map(&pt, USER_TEXT, (u64)usermode_text, PT_LEVEL_4K, PT_US);
		pt_map(&pt, USER_CODE, (u64)pio_user_text, PT_LEVEL_4K, PT_US);
		pt_map(&pt, USER_STACK_TOP - PAGE_SIZE, (u64)alloc_page(),
		       PT_LEVEL_4K, PT_RW | PT_US);
		built = true;
	}
	pgtest_enter(&pt);
	return true;
}

TEST_FIXTURE(user_io_env, user_io_enter, pgtest_leave);

static struct fault user_io(const char *fn, u16 port, u64 *ret)
{
	return usermode_call(USER_TEXT, usermode_call_fn,
			     USER_CODE + (fn - pio_user_text), port,
			     USER_STACK_TOP, ret);
}

/* Runs FN (a pio_user3_* label) at CPL3 with RFLAGS, RSI = PORT. */
static struct fault user3_io(const char *fn, u64 rflags, u16 port, u64 *ret)
{
	exception_handler_t ud, gp;
	u64 v;

	user3_done_va = USER_CODE + (pio_user3_done - pio_user_text);
	user3_fault = FAULT_NONE;
	ud = x86_set_handler(UD_VECTOR, user3_handler);
	gp = x86_set_handler(GP_VECTOR, user3_handler);
	v = pio_user_enter(USER_CODE + (fn - pio_user_text), rflags,
			   USER_STACK_TOP, port);
	x86_set_handler(UD_VECTOR, ud);
	x86_set_handler(GP_VECTOR, gp);
	if (ret)
		*ret = v;
	return user3_fault;
}

/*
 * IOPL (SDM vol. 1 19.5.1): at CPL3 with IOPL=0 and no I/O bitmap (the
 * library's TSS ends before one), IN, OUT, INS, OUTS and CLI raise
 * #GP(0); with IOPL=3 they run.
 */
TEST_CASE(iopl_cpl3, .fixture = &user_io_env)
{
	u64 v = 0;

	report_fault(user_io(pio_user_inb, PORT, &v), FAULT_GP(0),
		     "IOPL=0: inb #GP(0)");
	report_fault(user_io(pio_user_outb, PORT, NULL), FAULT_GP(0),
		     "IOPL=0: outb #GP(0)");
	report_fault(user_io(pio_user_insb, PORT, NULL), FAULT_GP(0),
		     "IOPL=0: rep insb #GP(0)");
	report_fault(user_io(pio_user_outsw, PORT, NULL), FAULT_GP(0),
		     "IOPL=0: rep outsw #GP(0)");
	report_fault(user_io(pio_user_cli, 0, NULL), FAULT_GP(0),
		     "IOPL=0: cli #GP(0)");

	report_fault(user3_io(pio_user3_flags, X86_EFLAGS_IOPL | 2, 0, &v),
		     FAULT_NONE, "IRET to CPL3 with IOPL=3");
	report_eq(v & X86_EFLAGS_IOPL, X86_EFLAGS_IOPL,
		  "PUSHF at CPL3 shows IOPL=3");
	outl(PORT, 0x01020304);
	report_fault(user3_io(pio_user3_inb, X86_EFLAGS_IOPL | 2, PORT + 1, &v),
		     FAULT_NONE, "IOPL=3: inb runs");
	report_eq(v & 0xff, 0x03, "IOPL=3: inb reads the latch");
	report_fault(user3_io(pio_user3_outl, X86_EFLAGS_IOPL | 2, PORT, NULL),
		     FAULT_NONE, "IOPL=3: outl runs");
	report_eq(inl(PORT), 0x600dcafe, "IOPL=3: outl reached the port");
	report_fault(user3_io(pio_user3_inb, 2, PORT, NULL), FAULT_GP(0),
		     "IOPL=0 through the same entry: inb #GP(0)");
}

/* A 64-bit TSS (SDM vol. 3A 8.7 figure 8-11) followed by an I/O bitmap. */
struct __attribute__((packed)) tss_iomap {
	u8 header[102];
	u16 iomap_base;
	u8 bitmap[8192];
	u8 end; /* SDM vol. 1 19.5.2: a final byte of all ones */
};

static u64 *tss_desc(u16 sel)
{
	struct desc_ptr gdtr;

	asm volatile("sgdt %0" : "=m"(gdtr));
	return (u64 *)(gdtr.base + (sel & ~7));
}

static u64 tss_desc_base(const u64 *d)
{
	return ((d[0] >> 16) & 0xffffff) | (((d[0] >> 56) & 0xff) << 24) |
	       ((d[1] & 0xffffffff) << 32);
}

#define TSS_TYPE_AVAIL 0x9ULL
#define TSS_TYPE_MASK (0xfULL << 40)

/*
 * Loads a TSS with an I/O bitmap in the GDT slot of the last CPU (this
 * test runs on one), built from the current TSS (RSP0 and the IST stacks);
 * returns the old TR.
 */
static u16 load_iomap_tss(struct tss_iomap *t)
{
	u16 old_tr, sel = TSS_SEL_BASE + 16 * (MAX_CPUS - 1);
	u64 *d = tss_desc(sel), base = (u64)t, limit = sizeof(*t) - 1;

	asm volatile("str %0" : "=rm"(old_tr));
	memcpy(t->header, (void *)tss_desc_base(tss_desc(old_tr)),
	       sizeof(t->header));
	t->iomap_base = offsetof(struct tss_iomap, bitmap);
	t->end = 0xff;
	d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
	       (TSS_TYPE_AVAIL << 40) | BIT(47) |
	       (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	d[1] = base >> 32;
	ltr(sel);
	return old_tr;
}

static void restore_tss(u16 old_tr)
{
	u64 *old = tss_desc(old_tr);
	u16 sel;

	asm volatile("str %0" : "=rm"(sel));
	*old = (*old & ~TSS_TYPE_MASK) | (TSS_TYPE_AVAIL << 40);
	ltr(old_tr);
	tss_desc(sel)[0] = 0;
	tss_desc(sel)[1] = 0;
}

static void allow(struct tss_iomap *t, u16 port)
{
	t->bitmap[port / 8] &= ~(1u << (port % 8));
}

/*
 * The I/O permission bitmap (SDM vol. 1 19.5.2): at CPL3 with IOPL=0 an
 * access runs only if the bits of all the bytes it touches are 0; bits
 * beyond the TSS limit count as 1.
 */
TEST_CASE(io_bitmap, .fixture = &user_io_env)
{
	struct tss_iomap *t;
	u16 old_tr;
	u64 v;

	/* The first CPL3 call sets TSS.RSP0, which the new TSS copies. */
	report_fault(user_io(pio_user_inb, PORT, &v), FAULT_GP(0),
		     "without a bitmap: inb #GP(0)");
	t = alloc_pages(2);
	assert(t);
	memset(t->bitmap, 0xff, sizeof(t->bitmap));
	allow(t, PORT);
	allow(t, PORT + 1);
	allow(t, PORT + 3);
	allow(t, 0xffff);
	old_tr = load_iomap_tss(t);
	outl(PORT, 0x44332211);
	v = 0;
	report_fault(user_io(pio_user_inb, PORT, &v), FAULT_NONE,
		     "inb 0xe0 allowed");
	report_eq(v, 0x11, "inb 0xe0 value");
	report_fault(user_io(pio_user_inw, PORT, &v), FAULT_NONE,
		     "inw 0xe0 (bits e0, e1 clear)");
	report_eq(v, 0x2211, "inw 0xe0 value");
	report_fault(user_io(pio_user_inw, PORT + 1, &v), FAULT_GP(0),
		     "inw 0xe1 #GP(0): bit e2 set");
	report_fault(user_io(pio_user_inb, PORT + 2, &v), FAULT_GP(0),
		     "inb 0xe2 #GP(0)");
	report_fault(user_io(pio_user_outb, PORT + 3, NULL), FAULT_NONE,
		     "outb 0xe3 allowed");
	report_eq(inl(PORT), 0x5a332211, "outb 0xe3 reached the port");
	report_fault(user_io(pio_user_insb, PORT, NULL), FAULT_NONE,
		     "rep insb 0xe0 allowed");
	report_fault(user_io(pio_user_outsw, PORT + 2, NULL), FAULT_GP(0),
		     "rep outsw 0xe2 #GP(0)");
	report_fault(user_io(pio_user_inb, 0xffff, &v), FAULT_NONE,
		     "inb 0xffff allowed");
	report_fault(user_io(pio_user_inw, 0xffff, &v), FAULT_GP(0),
		     "inw 0xffff #GP(0): bit 0x10000 is the all-ones end byte");
	t->iomap_base = sizeof(*t);
	report_fault(user_io(pio_user_inb, PORT, &v), FAULT_GP(0),
		     "bitmap base at the TSS limit: inb 0xe0 #GP(0)");
	restore_tss(old_tr);
	free_pages(t, 2);
}
