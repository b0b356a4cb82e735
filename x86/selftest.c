// SPDX-License-Identifier: GPL-2.0-only
/*
 * selftest: the guest library checks itself on x86_64: command line and
 * options, formatting, allocators, the PRNG, case globbing, and the fault
 * expectation API for #UD, #GP, #PF, #DE and #BP (Intel SDM vol. 3A 6.15
 * exception and interrupt reference: error codes and saved RIP), and the
 * watched probe that gives up on an instruction that never completes.
 */
#include <libtest.h>
#include <glob.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/insn_watch.h>
#include <x86/tsc.h>

/* The cfg entry passes "alpha key=value"; run by hand without them we skip. */
TEST_CASE(args)
{
	if (!arg_get("key"))
		return report_skip("run with the arguments 'alpha key=value'");
	report_cmp(!strcmp(arg_get("key"), "value"), "value", arg_get("key"),
		   "option key=value");
	report_eq(arg_positional_count(), 1, "one positional argument");
	report(arg_positional(0) && !strcmp(arg_positional(0), "alpha"),
	       "positional argument is 'alpha'");
	report(arg_get("nonexistent") == NULL, "absent option reads as NULL");
	report_eq(arg_get_u64("nonexistent", 42), 42,
		  "absent number gives default");
}

TEST_CASE(format)
{
	char buf[64];
	int n;

	n = snprintf(buf, sizeof(buf), "%08lx|%-4d|%.3s|%p", 0xbeefUL, 7,
		     "abcdef", (void *)0x1000);
	report_cmp(!strcmp(buf, "0000beef|7   |abc|0x1000"),
		   "0000beef|7   |abc|0x1000", buf,
		   "width, padding, precision");
	report_eq(n, 24, "snprintf returns the formatted length");
	n = snprintf(buf, 4, "%llu", 18446744073709551615ULL);
	report_eq(n, 20, "truncated snprintf returns the full length");
	report_cmp(!strcmp(buf, "184"), "184", buf,
		   "truncated output is terminated");
	report_eq(strtoull("0x1fz", NULL, 0), 0x1f, "strtoull base 0 hex");
}

TEST_CASE(glob)
{
	report(glob_match("tsc*", "tsc_aux"), "'tsc*' matches tsc_aux");
	report(glob_match("*aux", "tsc_aux"), "'*aux' matches tsc_aux");
	report(glob_match("t?c_*x", "tsc_aux"), "'t?c_*x' matches tsc_aux");
	report(!glob_match("tsc", "tsc_aux"), "'tsc' does not match tsc_aux");
	report(!glob_match("*b", "aba"), "'*b' does not match aba");
}

TEST_CASE(heap)
{
	size_t pages = free_page_count();
	void *a, *b, *c, *p[32];
	bool ok = true;

	a = malloc(1000);
	b = malloc(1000);
	report(a && b && a != b, "two allocations are distinct");
	memset(a, 0xaa, 1000);
	memset(b, 0xbb, 1000);
	report(((u8 *)a)[999] == 0xaa, "blocks do not overlap");
	free(a);
	free(b);
	c = malloc(2000);
	report(c == a, "freed neighbours merge and are reused (%p vs %p)", c,
	       a);
	free(c);
	for (int i = 0; i < 32; i++) {
		size_t align = 16UL << (i % 9);

		p[i] = memalign(align, 24 + i * 100);
		ok &= p[i] && !((uintptr_t)p[i] & (align - 1));
	}
	report(ok, "memalign honours alignments 16 to 4096");
	for (int i = 0; i < 32; i++)
		free(p[(i * 7) % 32]);
	c = calloc(512, 8);
	report(c && !mem_find_other(c, 0, 512 * 8),
	       "calloc returns zeroed memory");
	free(c);
	report(calloc(~0UL / 2, 4) == NULL, "calloc overflow returns NULL");
	report(free_page_count() <= pages,
	       "heap took pages from the page allocator");
}

TEST_CASE(pages)
{
	size_t before = free_page_count();
	u8 *big = alloc_pages(4), *one = alloc_page();

	report(big && !((uintptr_t)big & (16 * PAGE_SIZE - 1)),
	       "order-4 block is 64 KiB aligned (%p)", big);
	report(big && !mem_find_other(big, 0, 16 * PAGE_SIZE),
	       "pages come back zeroed");
	report_eq(free_page_count(), before - 17, "17 pages taken");
	free_pages(big, 4);
	free_page(one);
	report_eq(free_page_count(), before, "all pages returned");
}

TEST_CASE(prng)
{
	u64 first[4], seed = rand_seed();
	bool same = true;
	u32 seen = 0;

	report_info("seed %llu", (unsigned long long)seed);
	for (int i = 0; i < 4; i++)
		first[i] = rand_u64();
	rand_init(seed);
	for (int i = 0; i < 4; i++)
		same &= rand_u64() == first[i];
	report(same, "the same seed gives the same sequence");
	report(first[0] != first[1], "consecutive values differ");
	/* Each value is missed by 200 draws with probability (6/7)^200. */
	for (int i = 0; i < 200; i++)
		seen |= BIT(MIN(rand_below(7), 31));
	report_eq(seen, 0x7f,
		  "rand_below(7) gives each of 0-6 and nothing else");
}

TEST_CASE(fault_ud)
{
	report_fault(fault_probe("ud2",
				 :
				 :
				 : "memory"),
		     FAULT_UD, "ud2 raises #UD");
	report_fault(fault_probe("nop",
				 :
				 :
				 : "memory"),
		     FAULT_NONE, "nop raises nothing");
}

TEST_CASE(fault_gp)
{
	u64 noncanonical = 0x8000000000000000ULL, v;

	report_fault(fault_probe("mov (%1), %0",
				 : "=r"(v)
				 : "r"(noncanonical)),
		     FAULT_GP(0), "non-canonical load raises #GP(0)");
	report_fault(fault_probe("movq $1, (%0)",
				 :
				 : "r"(noncanonical)
				 : "memory"),
		     FAULT_GP(0), "non-canonical store raises #GP(0)");
}

TEST_CASE(fault_pf)
{
	/* Only the first 4 GiB are mapped: 4 GiB is not present. */
	u64 addr = 4ULL << 30, v;

	report_fault(fault_probe("mov (%1), %0",
				 : "=r"(v)
				 : "r"(addr)),
		     FAULT_PF(0),
		     "supervisor read of a not-present page: #PF(0)");
	report_eq(read_cr2(), addr, "CR2 holds the faulting address");
	report_fault(fault_probe("movq $1, (%0)",
				 :
				 : "r"(addr)
				 : "memory"),
		     FAULT_PF(2),
		     "supervisor write of a not-present page: #PF(2)");
}

TEST_CASE(fault_de)
{
	u64 a = 1, d = 0;

	report_fault(fault_probe("divq %2",
				 : "+a"(a), "+d"(d)
				 : "r"(0UL)),
		     FAULT_DE, "division by zero raises #DE");
}

TEST_CASE(fault_trap)
{
	/* #BP is a trap: the saved RIP is after INT3 (SDM vol. 3A 6.5). */
	report_fault(fault_probe("int3",
				 :
				 :
				 : "memory"),
		     FAULT(BP_VECTOR, 0),
		     "int3 raises #BP and resumes after it");
}

/*
 * insn_watch.h: an instruction that branches to itself never completes,
 * so the ticks give up on it; one that completes is left alone (and the
 * ticks found no other instruction to give up on meanwhile).
 */
TEST_CASE(fault_stuck)
{
	u64 t0 = rdtsc();

	report_fault(fault_probe_watched("jmp ."), FAULT_STUCK,
		     "a jump to itself is given up on");
	report(tsc_to_us(rdtsc() - t0) >= INSN_WATCH_US, "after at least %u us",
	       INSN_WATCH_US);
	report_fault(fault_probe_watched("pause"), FAULT_NONE,
		     "pause completes");
}

static unsigned int ud_hits;

static void skip_ud2(struct ex_regs *regs)
{
	ud_hits++;
	regs->rip += 2;
}

TEST_CASE(handler)
{
	exception_handler_t old = x86_set_handler(UD_VECTOR, skip_ud2);

	asm volatile("ud2; ud2" : : : "memory");
	x86_set_handler(UD_VECTOR, old);
	report_eq(ud_hits, 2, "installed #UD handler ran twice and resumed");
}
