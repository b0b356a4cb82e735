// SPDX-License-Identifier: GPL-2.0-only
/*
 * exceptions.c: exception and interrupt dispatch. An exception at a
 * registered fault site (fault.h) is recorded and skipped; a vector with an
 * installed handler goes to it; anything else is unexpected: register dump,
 * backtrace, "Bail out!" (Intel SDM vol. 3A 6.3.1 table 6-1 vectors; 6.5
 * fault vs trap return address).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/insn_watch.h>

static exception_handler_t handlers[256];
static exception_handler_t cpl3_fn;
static u32 cpl3_mask;

/* Eight vectors per line. */
/* clang-format off */
static const char *const mnemonics[32] = {
	"DE", "DB", "NMI", "BP", "OF", "BR", "UD", "NM",	/*  0-7 */
	"DF", NULL, "TS", "NP", "SS", "GP", "PF", NULL,		/*  8-15 */
	"MF", "AC", "MC", "XM", "VE", "CP", NULL, NULL,		/* 16-23 */
	NULL, NULL, NULL, NULL, "HV", "VC", "SX", NULL,		/* 24-31 */
};
/* clang-format on */

const char *exception_mnemonic(unsigned int vector)
{
	return vector < 32 && mnemonics[vector] ? mnemonics[vector] : NULL;
}

static bool has_error_code(unsigned int v)
{
	return v == DF_VECTOR || (v >= TS_VECTOR && v <= PF_VECTOR) ||
	       v == AC_VECTOR || v == 21 || v == 29 || v == 30;
}

bool fault_equal(struct fault a, struct fault b)
{
	if (a.raised != b.raised || !a.stuck != !b.stuck)
		return false;
	return !a.raised || a.stuck ||
	       (a.vector == b.vector && a.error_code == b.error_code);
}

const char *fault_str(struct fault f, char *buf, size_t size)
{
	const char *m = exception_mnemonic(f.vector);

	if (!f.raised)
		snprintf(buf, size, "no exception");
	else if (f.stuck == STUCK_TICKS)
		snprintf(buf, size,
			 "never completed (%u timer interrupts in a row at it)",
			 INSN_WATCH_TICKS);
	else if (f.stuck)
		snprintf(buf, size,
			 "never completed (on another CPU for %u ms while this "
			 "one ran)",
			 INSN_WATCH_OTHER_US / 1000);
	else if (m && has_error_code(f.vector))
		snprintf(buf, size, "#%s(%#x)", m, f.error_code);
	else if (m)
		snprintf(buf, size, "#%s", m);
	else
		snprintf(buf, size, "vector %u", f.vector);
	return buf;
}

exception_handler_t x86_set_handler(unsigned int vector, exception_handler_t fn)
{
	exception_handler_t old = handlers[vector];

	handlers[vector] = fn;
	return old;
}

void x86_cpl3_handler(u32 mask, exception_handler_t fn)
{
	cpl3_fn = fn;
	cpl3_mask = fn ? mask : 0;
}

void x86_take_vectors(u32 mask, exception_handler_t fn,
		      exception_handler_t saved[32])
{
	for (; mask; mask &= mask - 1) {
		unsigned int v = __builtin_ctz(mask);

		saved[v] = handlers[v];
		handlers[v] = fn;
	}
}

void x86_restore_vectors(u32 mask, exception_handler_t const saved[32])
{
	for (; mask; mask &= mask - 1) {
		unsigned int v = __builtin_ctz(mask);

		handlers[v] = saved[v];
	}
}

static bool is_trap(unsigned int v)
{
	return v == DB_VECTOR || v == BP_VECTOR || v == OF_VECTOR;
}

static bool fixup_fault_site(struct ex_regs *regs)
{
	const struct fault_site *s = fault_site_at(regs->rip);

	if (!s && is_trap(regs->vector))
		s = fault_site_ending_at(regs->rip);
	if (!s)
		return false;
	fault_record(FAULT(regs->vector, (u32)regs->error_code));
	regs->rip = s->resume;
	return true;
}

static void dump_regs(const struct ex_regs *r)
{
	printf("# rip=%016lx cs=%04lx rflags=%016lx rsp=%016lx ss=%04lx\n",
	       r->rip, r->cs, r->rflags, r->rsp, r->ss);
	printf("# rax=%016lx rbx=%016lx rcx=%016lx rdx=%016lx\n", r->rax,
	       r->rbx, r->rcx, r->rdx);
	printf("# rsi=%016lx rdi=%016lx rbp=%016lx r8 =%016lx\n", r->rsi,
	       r->rdi, r->rbp, r->r8);
	printf("# r9 =%016lx r10=%016lx r11=%016lx r12=%016lx\n", r->r9, r->r10,
	       r->r11, r->r12);
	printf("# r13=%016lx r14=%016lx r15=%016lx\n", r->r13, r->r14, r->r15);
	printf("# cr0=%016lx cr2=%016lx cr3=%016lx cr4=%016lx efer=%lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4(), rdmsr(MSR_EFER));
}

void x86_exception_entry(struct ex_regs *regs)
{
	unsigned int v = regs->vector;
	struct fault f = FAULT(v, (u32)regs->error_code);
	char what[32];

	if (v < 32 && fixup_fault_site(regs))
		return;
	if (v < 32 && (cpl3_mask & BIT(v)) && (regs->cs & 3) == 3) {
		cpl3_fn(regs);
		return;
	}
	if (handlers[v]) {
		handlers[v](regs);
		return;
	}
	fault_str(f, what, sizeof(what));
	printf("# unexpected %s %s on cpu %u\n",
	       v < 32 ? "exception" : "interrupt", what, smp_id());
	dump_regs(regs);
	print_backtrace_from(regs->rip, regs->rbp);
	test_crash("unexpected %s %s at rip=%#lx",
		   v < 32 ? "exception" : "interrupt", what, regs->rip);
}
