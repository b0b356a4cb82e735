// SPDX-License-Identifier: GPL-2.0-only
/*
 * realmode: 16-bit real-address-mode execution. Each row runs a small
 * .code16 snippet in real mode (lib/x86/realmode.h) with the given
 * registers and compares the registers, FLAGS, DS, ES, SP and memory
 * afterwards with the architectural result: arithmetic and flags,
 * jumps and LOOP, near and far calls, the stack, string instructions,
 * segment addressing, 66H/67H prefixes and port I/O. Under KVM without
 * unrestricted guest (or kvm_pvm, which emulates non-paged code) every
 * instruction here goes through the instruction emulator.
 *
 * Rules: Intel SDM vol. 3A 21.1 real-address mode (linear = selector * 16
 * + offset, 64 KiB segments); vol. 2 instruction reference (Operation,
 * Flags Affected); vol. 1 3.4.3 EFLAGS. AMD APM vol. 2 14.6; vol. 3.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/realmode.h>
#include <x86/testdev.h>

#define DATA_SEG 0x2000 /* DS/ES for memory rows: linear 0x20000 */
#define DATA ((volatile u8 *)(DATA_SEG << 4))
#define F_CF 0x1
#define F_PF 0x4
#define F_AF 0x10
#define F_ZF 0x40
#define F_SF 0x80
#define F_DF 0x400
#define F_OF 0x800
#define F_STATUS (F_CF | F_PF | F_AF | F_ZF | F_SF | F_OF | F_DF)

/* SNIPPET(name, body): a .code16 snippet NAME .. NAME_end ending in RET. */
#define SNIPPET(name, body)                                        \
	extern const char name[], name##_end[];                    \
	asm(".pushsection .rodata\n\t.code16\n" #name ":\n\t" body \
	    "\n\tret\n" #name "_end:\n\t.code64\n\t.popsection")

SNIPPET(rm_add, "add %bx, %ax");
SNIPPET(rm_sub32, "sub %ebx, %eax");
SNIPPET(rm_adc, "stc; adc %bx, %ax");
SNIPPET(rm_neg, "neg %ax");
SNIPPET(rm_shl, "shl $4, %ax");
SNIPPET(rm_rcr, "stc; rcr %ax");
SNIPPET(rm_mul, "mul %bx");
SNIPPET(rm_div, "div %bx");
SNIPPET(rm_cbw, "mov $0x80, %al; cbw; cwd");
SNIPPET(rm_lea, "lea 3(%bx,%si), %ax");
SNIPPET(rm_xchg, "xchg %ax, %bx");
SNIPPET(rm_sahf, "mov $0xd5, %ah; sahf; pushf; pop %bx");
SNIPPET(rm_cmc, "stc; cmc; std; pushf; pop %ax; cld");
SNIPPET(rm_loop, "xor %ax, %ax; mov $5, %cx; 1: add %cx, %ax; loop 1b");
SNIPPET(rm_jl, "cmp $3, %ax; jl 1f; mov $1, %bx; jmp 2f; 1: mov $2, %bx; 2:");
SNIPPET(rm_jcxz, "jcxz 1f; mov $1, %ax; 1:");
SNIPPET(rm_jmp_near, "jmp 1f; .fill 300, 1, 0x90; 1: mov $7, %dx");
SNIPPET(rm_call, "call 1f; jmp 2f; 1: mov $0x42, %ax; ret; 2:");
SNIPPET(rm_lcall, "lcall $0x800, $(0x1000 + 1f - rm_lcall); jmp 2f; "
		  "1: mov %cs, %bx; mov $0x43, %ax; lret; 2:");
SNIPPET(rm_stack, "push %ax; push %bx; pop %cx; pop %dx");
SNIPPET(rm_push32, "pushl $0x12345678; popl %esi");
SNIPPET(rm_sp, "mov %sp, %bx; push %ax; mov %sp, %cx; pop %ax; sub %cx, %bx");
SNIPPET(rm_pusha, "pusha; xor %ax, %ax; xor %bx, %bx; xor %cx, %cx; popa");
SNIPPET(rm_cr0, "mov %cr0, %eax; and $0x80000001, %eax");
SNIPPET(rm_cs, "mov %cs, %ax");
SNIPPET(rm_movsb, "mov $4, %cx; rep movsb");
SNIPPET(rm_stosw_down, "std; mov $0xabcd, %ax; mov $3, %cx; rep stosw; cld");
SNIPPET(rm_cmpsb, "mov $8, %cx; repe cmpsb");
SNIPPET(rm_seg, "mov $0x2000, %ax; mov %ax, %es; movw $0xbeef, %es:0x30");
SNIPPET(rm_addr32, "addr32 movw (%ebx), %ax");
SNIPPET(rm_io, "mov $0xe0, %dx; mov $0x12345678, %eax; outl %eax, %dx; "
	       "xor %eax, %eax; inw %dx, %ax");
SNIPPET(rm_outsb, "mov $0xe0, %dx; mov $3, %cx; rep outsb; inb %dx, %al");
SNIPPET(rm_insb,
	"mov $0xe0, %dx; mov $0x5a, %al; outb %al, %dx; mov $2, %cx; rep insb");

struct rm_set {
	bool eax, ebx, ecx, edx, esi, edi, eflags, ds, es, sp;
};

struct rm_row {
	const char *name;
	const char *start, *end;
	struct realmode_regs in, out;
	struct rm_set set;
	u32 undef; /* flags the snippet leaves undefined */
	bool testdev; /* needs pc-testdev */
	u16 mem_off; /* when mem_len: bytes at DATA + mem_off */
	u8 mem_len;
	u64 mem;
};

#define SN(n) .name = #n, .start = n, .end = n##_end
#define IN(r, v) .in.r = (v)
#define OUT(r, v) .out.r = (v), .set.r = true
#define MEMX(off, len, v) .mem_off = (off), .mem_len = (len), .mem = (v)

/*
 * Before each row DATA holds byte i at offset i (0x00..0xff). Input FLAGS
 * is 0x2 plus what the row sets.
 */
/* clang-format off: a table, one row per line */
static const struct rm_row rows[] = {
	{SN(rm_add), IN(eax, 0x7fff), IN(ebx, 1), OUT(eax, 0x8000),
	 OUT(eflags, F_OF | F_SF | F_AF | F_PF)},
	{SN(rm_add), IN(eax, 0xabcd0001), IN(ebx, 0xffff), OUT(eax, 0xabcd0000),
	 OUT(eflags, F_CF | F_ZF | F_AF | F_PF)},
	{SN(rm_sub32), IN(eax, 0x10000000), IN(ebx, 0x10000001),
	 OUT(eax, 0xffffffff), OUT(eflags, F_CF | F_SF | F_AF | F_PF)},
	{SN(rm_adc), IN(eax, 0xfffe), IN(ebx, 1), OUT(eax, 0),
	 OUT(eflags, F_CF | F_ZF | F_AF | F_PF)},
	{SN(rm_neg), IN(eax, 0), OUT(eflags, F_ZF | F_PF)},
	{SN(rm_neg), IN(eax, 0x8000), OUT(eflags, F_CF | F_OF | F_SF | F_PF)},
	{SN(rm_shl), IN(eax, 0x1234), OUT(eax, 0x2340), OUT(eflags, F_CF),
	 .undef = F_AF | F_OF},
	{SN(rm_rcr), IN(eax, 0x0002), OUT(eax, 0x8001), OUT(eflags, F_OF)},
	{SN(rm_mul), IN(eax, 0x1234), IN(ebx, 0x100), OUT(eax, 0x3400),
	 OUT(edx, 0x12), OUT(eflags, F_CF | F_OF),
	 .undef = F_SF | F_ZF | F_AF | F_PF},
	{SN(rm_div), IN(eax, 0x0005), IN(edx, 1), IN(ebx, 0x10),
	 OUT(eax, 0x1000), OUT(edx, 5),
	 .undef = F_CF | F_OF | F_SF | F_ZF | F_AF | F_PF},
	{SN(rm_cbw), IN(eax, 0x12345678), IN(edx, 0xabcd0000),
	 OUT(eax, 0x1234ff80), OUT(edx, 0xabcdffff)},
	{SN(rm_lea), IN(ebx, 0x1000), IN(esi, 0x0ffd), IN(eax, 0xffff0000),
	 OUT(eax, 0xffff2000)},
	{SN(rm_xchg), IN(eax, 0x11112222), IN(ebx, 0x33334444),
	 OUT(eax, 0x11114444), OUT(ebx, 0x33332222)},
	{SN(rm_sahf), OUT(eax, 0xd500), OUT(ebx, 0xd7),
	 OUT(eflags, F_SF | F_ZF | F_AF | F_PF | F_CF)},
	{SN(rm_cmc), OUT(eax, 0x402)},
	{SN(rm_loop), IN(ecx, 0xffff0000), OUT(eax, 15), OUT(ecx, 0xffff0000),
	 OUT(eflags, F_PF)},
	{SN(rm_jl), IN(eax, 0xfffb), OUT(ebx, 2), OUT(eflags, F_SF)},
	{SN(rm_jl), IN(eax, 3), OUT(ebx, 1), OUT(eflags, F_ZF | F_PF)},
	{SN(rm_jcxz), IN(ecx, 0x10000), IN(eax, 9)},
	{SN(rm_jcxz), IN(ecx, 1), IN(eax, 9), OUT(eax, 1)},
	{SN(rm_jmp_near), OUT(edx, 7)},
	{SN(rm_call), OUT(eax, 0x42)},
	{SN(rm_lcall), OUT(eax, 0x43), OUT(ebx, REALMODE_SEG)},
	{SN(rm_stack), IN(eax, 0xaaaa), IN(ebx, 0xbbbb), OUT(ecx, 0xbbbb),
	 OUT(edx, 0xaaaa)},
	{SN(rm_push32), OUT(esi, 0x12345678)},
	{SN(rm_sp), OUT(ebx, 2), OUT(ecx, REALMODE_STACK_TOP - 4)},
	{SN(rm_pusha), IN(eax, 1), IN(ebx, 2), IN(ecx, 3), IN(edx, 4),
	 OUT(eflags, F_ZF | F_PF), .undef = F_AF},
	{SN(rm_cr0), IN(eax, 0xffffffff), OUT(eax, 0), OUT(eflags, F_ZF | F_PF),
	 .undef = F_AF},
	{SN(rm_cs), OUT(eax, REALMODE_SEG)},
	{SN(rm_movsb), IN(ds, DATA_SEG), IN(es, DATA_SEG), IN(esi, 0),
	 IN(edi, 0x10), OUT(esi, 4), OUT(edi, 0x14), OUT(ecx, 0),
	 MEMX(0x10, 8, 0x1716151403020100)},
	{SN(rm_stosw_down), IN(es, DATA_SEG), IN(edi, 0x26), OUT(eax, 0xabcd),
	 OUT(edi, 0x20), OUT(ecx, 0), MEMX(0x20, 8, 0xabcdabcdabcd2120)},
	{SN(rm_cmpsb), IN(ds, DATA_SEG), IN(es, DATA_SEG), IN(esi, 0x40),
	 IN(edi, 0x40), OUT(esi, 0x48), OUT(edi, 0x48), OUT(ecx, 0),
	 OUT(eflags, F_ZF | F_PF)},
	{SN(rm_seg), IN(es, 0), OUT(eax, DATA_SEG), OUT(es, DATA_SEG),
	 MEMX(0x30, 4, 0x3332beef)},
	{SN(rm_addr32), IN(ds, DATA_SEG), IN(ebx, 0x10), OUT(eax, 0x1110)},
	{SN(rm_io), .testdev = true, OUT(eax, 0x5678), OUT(edx, 0xe0),
	 OUT(eflags, F_ZF | F_PF), .undef = F_AF},
	{SN(rm_outsb), .testdev = true, IN(ds, DATA_SEG), IN(esi, 0x50),
	 IN(eax, 0xffff), OUT(eax, 0xff52), OUT(esi, 0x53), OUT(ecx, 0),
	 OUT(edx, 0xe0)},
	{SN(rm_insb), .testdev = true, IN(es, DATA_SEG), IN(edi, 0x60),
	 OUT(edi, 0x62), OUT(eax, 0x5a), OUT(ecx, 0), OUT(edx, 0xe0),
	 MEMX(0x60, 4, 0x63625a5a)},
};
/* clang-format on */

static void field(char *s, size_t size, const char *what, u32 v)
{
	size_t n = strlen(s);

	snprintf(s + n, size - n, " %s=%#x", what, v);
}

static void run_row(const struct rm_row *r)
{
	static const char *const names[] = {"eax", "ebx", "ecx", "edx",
					    "esi", "edi", "ebp"};
	struct realmode_regs regs = r->in, exp = r->in;
	const bool *set = &r->set.eax;
	char es[200] = "", as[200] = "";
	u32 fmask = F_STATUS & ~r->undef;
	u64 mem = 0;

	for (int i = 0; i < 256; i++)
		DATA[i] = i;
	regs.eflags |= 2;
	exp.eflags |= 2;
	exp.sp = REALMODE_STACK_TOP;
	exp.cs = REALMODE_SEG;
	for (int i = 0; i < 7; i++)
		if (set[i])
			(&exp.eax)[i] = (&r->out.eax)[i];
	if (r->set.eflags)
		exp.eflags = r->out.eflags | 2;
	if (r->set.ds)
		exp.ds = r->out.ds;
	if (r->set.es)
		exp.es = r->out.es;
	if (r->set.sp)
		exp.sp = r->out.sp;

	realmode_call(r->start, r->end, &regs);

	for (int i = 0; i < 7; i++) {
		if ((&regs.eax)[i] != (&exp.eax)[i]) {
			field(es, sizeof(es), names[i], (&exp.eax)[i]);
			field(as, sizeof(as), names[i], (&regs.eax)[i]);
		}
	}
	if ((regs.eflags ^ exp.eflags) & fmask) {
		field(es, sizeof(es), "flags", exp.eflags & fmask);
		field(as, sizeof(as), "flags", regs.eflags & fmask);
	}
	if (regs.ds != exp.ds || regs.es != exp.es || regs.sp != exp.sp ||
	    regs.cs != exp.cs) {
		snprintf(es + strlen(es), sizeof(es) - strlen(es),
			 " ds:es:sp:cs=%x:%x:%x:%x", exp.ds, exp.es, exp.sp,
			 exp.cs);
		snprintf(as + strlen(as), sizeof(as) - strlen(as),
			 " ds:es:sp:cs=%x:%x:%x:%x", regs.ds, regs.es, regs.sp,
			 regs.cs);
	}
	if (r->mem_len) {
		for (int i = r->mem_len - 1; i >= 0; i--)
			mem = mem << 8 | DATA[r->mem_off + i];
		if (mem != r->mem) {
			snprintf(es + strlen(es), sizeof(es) - strlen(es),
				 " mem[%#x]=%#lx", r->mem_off, r->mem);
			snprintf(as + strlen(as), sizeof(as) - strlen(as),
				 " mem[%#x]=%#lx", r->mem_off, mem);
		}
	}
	report_cmp(!es[0], es[0] ? es + 1 : "as listed",
		   as[0] ? as + 1 : "as listed",
		   "%s [eax=%#x ebx=%#x ecx=%#x edx=%#x esi=%#x edi=%#x ds=%#x "
		   "es=%#x fl=%#x]",
		   r->name, r->in.eax, r->in.ebx, r->in.ecx, r->in.edx,
		   r->in.esi, r->in.edi, r->in.ds, r->in.es, r->in.eflags);
}

TEST_CASE(instructions)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		if (rows[i].testdev && !testdev_present()) {
			report_skip("%s: %s", rows[i].name,
				    testdev_absent_reason());
			continue;
		}
		run_row(&rows[i]);
	}
}
