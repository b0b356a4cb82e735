// SPDX-License-Identifier: GPL-2.0-only
/*
 * atomics: load and reserve / store conditional and storage instructions a
 * hypervisor may emulate (Power ISA v3.0B). Book II 4.6.2: lbarx, lharx,
 * lwarx, ldarx and lqarx with their store conditionals (a store conditional
 * with the reservation stores and sets CR0[EQ]; it always clears the
 * reservation, so a second one fails and stores nothing); the quadword pair
 * order in little-endian mode (Book I 3.3.4 lq: the quadword is one 16-byte
 * scalar); Book III 7.5.8: alignment interrupts for unaligned load and
 * reserve operands and for load/store multiple and string instructions in
 * little-endian mode (Book I 3.3.7, 3.3.8), with DAR = EA, and the same
 * instructions in big-endian mode; Book I 3.3.5 byte-reverse loads and
 * stores; unaligned and page-crossing loads in ordinary storage; Book II
 * 4.3.2 dcbz zeroes the one aligned block of d-cache-block-size bytes
 * (device tree); code rewritten and synchronised with dcbst, sync, icbi,
 * isync runs anew (Book II 1.9).
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>
#include <powerpc/fault.h>

#define CR0_EQ 0x20000000U

static u64 buf[8] __attribute__((aligned(128)));

/* Alignment interrupt: DAR = EA, SRR1 33:36 and 42:47 zero (7.5.8). */
#define ALIGNMENT_AT(ea)                                                \
	((struct fault){.raised = true,                                 \
			.vector = VEC_ALIGNMENT,                        \
			.srr1_mask = GENMASK(30, 27) | GENMASK(21, 16), \
			.dar_valid = true,                              \
			.dar = (ea)})

/*
 * One asm: load and reserve, store conditional of V1 (CR to *CR1), a
 * second store conditional of V2 (CR to *CR2).
 */
#define RESERVATION_FN(fn, larx, stcx)                                        \
	static void fn(void *p, u64 v1, u64 v2, u64 *old, u32 *cr1, u32 *cr2) \
	{                                                                     \
		u64 o_, c1_, c2_;                                             \
		asm volatile(larx " %0, 0, %3\n\t" stcx " %4, 0, %3\n\t"      \
				  "mfcr %1\n\t" stcx " %5, 0, %3\n\t"         \
				  "mfcr %2"                                   \
			     : "=&r"(o_), "=&r"(c1_), "=&r"(c2_)              \
			     : "r"(p), "r"(v1), "r"(v2)                       \
			     : "memory", "cr0");                              \
		*old = o_;                                                    \
		*cr1 = (u32)c1_;                                              \
		*cr2 = (u32)c2_;                                              \
	}

RESERVATION_FN(reserve_b, "lbarx", "stbcx.")
RESERVATION_FN(reserve_h, "lharx", "sthcx.")
RESERVATION_FN(reserve_w, "lwarx", "stwcx.")
RESERVATION_FN(reserve_d, "ldarx", "stdcx.")

static const struct reservation_row {
	const char *name;
	void (*run)(void *p, u64 v1, u64 v2, u64 *old, u32 *cr1, u32 *cr2);
	unsigned int size;
} reservation_rows[] = {
	{"byte", reserve_b, 1},
	{"halfword", reserve_h, 2},
	{"word", reserve_w, 4},
	{"doubleword", reserve_d, 8},
};

/* Book II 4.6.2: reservation, store, second store conditional fails. */
TEST_VARIANTS(reserve_store, reservation_rows)
{
	u64 mask = variant->size == 8 ? ~0ULL : BIT(variant->size * 8) - 1;
	u64 initial = 0x1122334455667788ULL & mask;
	u64 v1 = 0xa1b2c3d4e5f60718ULL & mask, v2 = ~v1 & mask;
	u8 *bytes = (u8 *)buf;
	u64 old = 0, now = 0;
	u32 cr1, cr2;

	memset(buf, 0x5a, sizeof(buf));
	memcpy(bytes + 8, &initial, variant->size);
	variant->run(bytes + 8, v1, v2, &old, &cr1, &cr2);
	memcpy(&now, bytes + 8, variant->size);
	report_eq(old, initial, "load and reserve reads the %s", variant->name);
	report_eq(cr1 & CR0_EQ, CR0_EQ,
		  "store conditional with the reservation: CR0[EQ]");
	report_eq(cr2 & CR0_EQ, 0,
		  "second store conditional: reservation gone, CR0[EQ] = 0");
	report_eq(now, v1, "memory holds the first store only");
	report_eq(bytes[8 + variant->size], 0x5a, "the next byte is untouched");
	report_eq(bytes[7], 0x5a, "the byte before is untouched");
}

/*
 * lqarx/stqcx. (Book II 4.6.2, ISA 2.07): RTp is the even register of
 * the pair; in little-endian mode the 16 bytes are one scalar, so RTp
 * holds the doubleword at EA + 8 and RTp + 1 the one at EA.
 */
TEST_CASE(quadword)
{
	u64 hi, lo, cr = 0;
	int tries = 0;

	buf[0] = 0x1111111111111111ULL;
	buf[1] = 0x2222222222222222ULL;
	/* Book II 1.7.3.2: a reservation may be lost, but not for ever. */
	while (tries++ < 100 && !((u32)cr & CR0_EQ))
		asm volatile("lqarx 10, 0, %[p]\n\t"
			     "mr %[hi], 10\n\tmr %[lo], 11\n\t"
			     "mr 8, %[nhi]\n\tmr 9, %[nlo]\n\t"
			     "stqcx. 8, 0, %[p]\n\tmfcr %[cr]"
			     : [hi] "=&r"(hi), [lo] "=&r"(lo), [cr] "=&r"(cr)
			     : [p] "r"(buf), [nhi] "r"(0xcafef00d12345678ULL),
			       [nlo] "r"(0x0badc0de87654321ULL)
			     : "memory", "cr0", "r8", "r9", "r10", "r11");
	report_eq(hi, 0x2222222222222222ULL, "RTp = doubleword at EA + 8");
	report_eq(lo, 0x1111111111111111ULL, "RTp + 1 = doubleword at EA");
	report_eq((u32)cr & CR0_EQ, CR0_EQ,
		  "stqcx. with the reservation: CR0[EQ] (try %d of 100)",
		  MIN(tries, 100));
	report_eq(buf[1], 0xcafef00d12345678ULL, "RSp stored at EA + 8");
	report_eq(buf[0], 0x0badc0de87654321ULL, "RSp + 1 stored at EA");
}

/* Book III 7.5.8: unaligned load and reserve operands. */
TEST_CASE(reserve_alignment)
{
	u64 base = (u64)buf, v = 0;
	struct fault f;

	f = fault_probe("lharx %0, 0, %1",
			: "=r"(v)
			: "r"(base + 1)
			: "memory");
	report_fault(f, ALIGNMENT_AT(base + 1), "lharx at +1");
	f = fault_probe("lwarx %0, 0, %1",
			: "=r"(v)
			: "r"(base + 6)
			: "memory");
	report_fault(f, ALIGNMENT_AT(base + 6), "lwarx at +6");
	f = fault_probe("ldarx %0, 0, %1",
			: "=r"(v)
			: "r"(base + 4)
			: "memory");
	report_fault(f, ALIGNMENT_AT(base + 4), "ldarx at +4");
	f = fault_probe("lqarx 10, 0, %0",
			:
			: "r"(base + 8)
			: "memory", "r10", "r11");
	report_fault(f, ALIGNMENT_AT(base + 8), "lqarx at +8");
	f = fault_probe("lbarx %0, 0, %1",
			: "=r"(v)
			: "r"(base + 3)
			: "memory");
	report_fault(f, FAULT_NONE, "lbarx at any address");
}

/*
 * Book I 3.3.7 (lmw, stmw) and 3.3.8 (lswi, lswx, stswi, stswx): in
 * little-endian mode the system alignment error handler is invoked
 * (Book III 7.5.8), DAR = EA.
 */
/*
 * The assembler refuses these in little-endian code: encoded by hand,
 * with EA in r9 (Book I 3.3.7 D-form lmw 46 / stmw 47; 3.3.8 X-form
 * opcode 31: lswi 597, stswi 725, lswx 533). lmw writes up to r31, our
 * frame pointer elsewhere (-fno-omit-frame-pointer).
 */
#define LMW_R30_R9 ".long 0xbbc90000"
#define STMW_R30_R9 ".long 0xbfc90000"
#define LSWI_R10_R9_8 ".long 0x7d4944aa"
#define STSWI_R10_R9_8 ".long 0x7d4945aa"
#define LSWX_R10_0_R9 ".long 0x7d40482a"

static __attribute__((noinline, optimize("omit-frame-pointer"))) struct fault
probe_lmw(u64 ea)
{
	register u64 r9 asm("r9") = ea;

	return fault_probe(LMW_R30_R9, : : "r"(r9) : "memory", "r30", "r31");
}

TEST_CASE(multiple_and_string_le)
{
	register u64 r9 asm("r9") = (u64)buf;
	struct fault f;

	f = probe_lmw(r9);
	report_fault(f, ALIGNMENT_AT((u64)buf), "lmw");
	f = fault_probe(STMW_R30_R9, : : "r"(r9) : "memory");
	report_fault(f, ALIGNMENT_AT((u64)buf), "stmw");
	f = fault_probe(LSWI_R10_R9_8, : : "r"(r9) : "memory", "r10", "r11");
	report_fault(f, ALIGNMENT_AT((u64)buf), "lswi");
	f = fault_probe(STSWI_R10_R9_8, : : "r"(r9) : "memory");
	report_fault(f, ALIGNMENT_AT((u64)buf), "stswi");
	/* The byte count is set in the same asm, before the fault site. */
	fault_clear();
	asm volatile("mtxer %1\n\t" FAULT_SITE(LSWX_R10_0_R9)
		     :
		     : "r"(r9), "r"(8ULL)
		     : "memory", "r10", "r11", "xer");
	f = fault_take();
	report_fault(f, ALIGNMENT_AT((u64)buf), "lswx (XER count 8)");
}

/* One instruction word stored big-endian, for code run with MSR[LE] = 0. */
#define BE_INSN(w)                                                      \
	".byte ((" #w ") >> 24) & 0xff, ((" #w ") >> 16) & 0xff, ((" #w \
	") >> 8) & 0xff, (" #w ") & 0xff\n\t"

/*
 * Book I 3.3.7, 3.3.8 in big-endian mode (where they are defined): the
 * string and multiple instructions move bytes in storage order. The asm
 * drops to MSR[LE] = 0 through rfid (Book III 4.4.1), runs big-endian
 * words (checked against the assembler with -mbig), and comes back the
 * same way. r9 = source, r10 = destination; r30/r31 (our frame pointer)
 * are kept in r3/r4 around lmw. In 64-bit mode lswi fills bits 32:63 of
 * each register and clears bits 0:31 (3.3.8).
 */
TEST_CASE(string_multiple_be)
{
	static u8 src[64] __attribute__((aligned(16)));
	static u8 dst[64] __attribute__((aligned(16)));
	size_t same_lswi = 0, same_lmw = 0, same_lswx = 0;

	for (int i = 0; i < 64; i++)
		src[i] = (u8)(0x11 * i + 1);
	memset(dst, 0, sizeof(dst));
	asm volatile("mr 9, %0\n\tmr 10, %1\n\t"
		     "lis 11, 2f@ha\n\taddi 11, 11, 2f@l\n\t"
		     "lis 3, 1f@ha\n\taddi 3, 3, 1f@l\n\t"
		     "mfmsr 12\n\trldicr 12, 12, 0, 62\n\t"
		     "mtsrr0 3\n\tmtsrr1 12\n\trfid\n"
		     "1:\t" BE_INSN(0x7ca964aa) /* lswi 5, 9, 12 */
		     BE_INSN(0x7caa65aa) /* stswi 5, 10, 12 */
		     BE_INSN(0xf8aa0030) /* std 5, 48(10) */
		     BE_INSN(0x7fc3f378) /* mr 3, 30 */
		     BE_INSN(0x7fe4fb78) /* mr 4, 31 */
		     BE_INSN(0xbbc90010) /* lmw 30, 16(9) */
		     BE_INSN(0xbfca0010) /* stmw 30, 16(10) */
		     BE_INSN(0x7c7e1b78) /* mr 30, 3 */
		     BE_INSN(0x7c9f2378) /* mr 31, 4 */
		     BE_INSN(0x398a0020) /* addi 12, 10, 32 */
		     BE_INSN(0x38000010) /* li 0, 16 */
		     BE_INSN(0x7c0103a6) /* mtxer 0 */
		     BE_INSN(0x7ca04c2a) /* lswx 5, 0, 9 */
		     BE_INSN(0x7ca0652a) /* stswx 5, 0, 12 */
		     BE_INSN(0x7d8000a6) /* mfmsr 12 */
		     BE_INSN(0x618c0001) /* ori 12, 12, 1 */
		     BE_INSN(0x7d7a03a6) /* mtsrr0 11 */
		     BE_INSN(0x7d9b03a6) /* mtsrr1 12 */
		     BE_INSN(0x4c000024) /* rfid */
		     "2:"
		     :
		     : "r"(src), "r"(dst)
		     : "memory", "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
		       "r10", "r11", "r12", "xer");
	for (int i = 0; i < 12; i++)
		same_lswi += dst[i] == src[i];
	for (int i = 16; i < 24; i++)
		same_lmw += dst[i] == src[i];
	for (int i = 0; i < 16; i++)
		same_lswx += dst[32 + i] == src[i];
	report_eq(same_lswi, 12, "lswi/stswi of 12 bytes copy them in order");
	report_eq(dst[12], 0, "stswi stores no byte past its count");
	report_eq(same_lmw, 8, "lmw/stmw of r30-r31 copy 8 bytes in order");
	report_eq(same_lswx, 16,
		  "lswx/stswx with XER count 16 copy them in order");
	report_eq(*(u32 *)(dst + 48), 0,
		  "lswi clears bits 0:31 of each register it loads");
	report_eq(dst[52] | dst[55] << 8, src[0] | src[3] << 8,
		  "and puts the first byte in bits 32:39 (std, big-endian)");
	report_eq(mfmsr() & MSR_LE, MSR_LE, "back in little-endian mode");
}

/* Book I 3.3.5: byte-reverse loads and stores. */
TEST_CASE(byte_reverse)
{
	u64 v;

	buf[0] = 0x0102030405060708ULL;
	asm volatile("lhbrx %0, 0, %1" : "=r"(v) : "r"(buf) : "memory");
	report_eq(v, 0x0807, "lhbrx");
	asm volatile("lwbrx %0, 0, %1" : "=r"(v) : "r"(buf) : "memory");
	report_eq(v, 0x08070605, "lwbrx");
	asm volatile("ldbrx %0, 0, %1" : "=r"(v) : "r"(buf) : "memory");
	report_eq(v, 0x0807060504030201ULL, "ldbrx");
	buf[1] = 0;
	asm volatile("sthbrx %0, 0, %1"
		     :
		     : "r"(0xaabbULL), "r"(&buf[1])
		     : "memory");
	report_eq(buf[1], 0xbbaa, "sthbrx");
	asm volatile("stwbrx %0, 0, %1"
		     :
		     : "r"(0x11223344ULL), "r"(&buf[1])
		     : "memory");
	report_eq(buf[1], 0x44332211, "stwbrx");
	asm volatile("stdbrx %0, 0, %1"
		     :
		     : "r"(0x1122334455667788ULL), "r"(&buf[1])
		     : "memory");
	report_eq(buf[1], 0x8877665544332211ULL, "stdbrx");
}

/* Unaligned loads and stores in ordinary storage, across a page. */
TEST_CASE(unaligned)
{
	u8 *p = alloc_pages(1);
	u64 v = 0;
	struct fault f;

	for (int i = 0; i < 16; i++)
		p[PAGE_SIZE - 8 + i] = (u8)(0x10 + i);
	f = fault_probe("ld %0, 0(%1)",
			: "=r"(v)
			: "b"(p + PAGE_SIZE - 3)
			: "memory");
	report_fault(f, FAULT_NONE, "ld across a page boundary");
	report_eq(v, 0x1c1b1a1918171615ULL, "and reads both pages");
	f = fault_probe("std %0, 0(%1)",
			:
			: "r"(0xfedcba9876543210ULL), "b"(p + PAGE_SIZE - 5)
			: "memory");
	report_fault(f, FAULT_NONE, "std across a page boundary");
	report_eq(p[PAGE_SIZE - 5], 0x10, "lowest byte stored first (LE)");
	report_eq(p[PAGE_SIZE + 2], 0xfe, "highest byte in the next page");
	free_pages(p, 1);
}

static u32 dcache_block(void)
{
	int cpus = fdt_path_offset(dt_fdt(), "/cpus");
	int cpu = cpus < 0 ? cpus : fdt_first_subnode(dt_fdt(), cpus);
	u32 size = 0;

	if (cpu >= 0 && dt_u32(cpu, "d-cache-block-size", 0, &size))
		size = 0;
	return size;
}

/* Book II 4.3.2 dcbz: the aligned block holding EA, and only it, is 0. */
TEST_CASE(dcbz_block)
{
	u32 bs = dcache_block();
	u8 *p;
	size_t n_zero = 0, n_kept = 0;

	if (!bs || bs > PAGE_SIZE / 4)
		return report_skip(
			"no usable d-cache-block-size in the device tree (%u)",
			bs);
	p = alloc_page();
	memset(p, 0xa5, PAGE_SIZE);
	asm volatile("dcbz 0, %0" : : "r"(p + bs + 5) : "memory");
	for (u32 i = 0; i < 3 * bs; i++) {
		if (i >= bs && i < 2 * bs)
			n_zero += p[i] == 0;
		else
			n_kept += p[i] == 0xa5;
	}
	report_eq(n_zero, bs, "dcbz zeroes the %u-byte block holding EA", bs);
	report_eq(n_kept, 2 * bs, "the blocks on either side are kept");
	free_page(p);
}

#define LI_R3(v) (0x38600000U | (v)) /* addi 3, 0, v */
#define BLR 0x4e800020U

/*
 * Book II 1.9 and 4.3.1-4.3.2: instructions written by stores are fetched
 * once dcbst, sync, icbi and isync have run over them (sync_icache); a
 * second rewrite of the same words takes effect as well.
 */
TEST_CASE(modified_code)
{
	u32 *code = alloc_page();
	u64 (*fn)(void) = (u64(*)(void))code;
	u64 first, second;

	code[0] = LI_R3(1);
	code[1] = BLR;
	sync_icache((u64)code, (u64)code + 8);
	first = fn();
	code[0] = LI_R3(2);
	sync_icache((u64)code, (u64)code + 8);
	second = fn();
	report_eq(first, 1, "the written code runs");
	report_eq(second, 2, "rewritten and synchronised, the new code runs");
	free_page(code);
}
