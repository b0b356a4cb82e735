// SPDX-License-Identifier: GPL-2.0-only
/*
 * nested.c: the L2 side shared by the SVM and VMX libraries (nested.h):
 * L2's entry point, stack, exit instruction and result page, and the
 * capture of L1's state (Intel SDM vol. 3A 3.4.5 segment descriptors,
 * 7.2.3 64-bit TSS descriptor; AMD APM vol. 2 4.8).
 */
#include <libtest.h>
#include <alloc.h>
#include <string.h>
#include <x86/desc.h>
#include <x86/msr.h>
#include <x86/nested.h>
#include <x86/processor.h>

#define L2_STACK_ORDER 2 /* 16 KiB */

static enum nested_exit_insn exit_insn;

void nested_set_exit_insn(enum nested_exit_insn insn)
{
	exit_insn = insn;
}

void l2_exit(void)
{
	if (exit_insn == NESTED_EXIT_VMMCALL)
		asm volatile("vmmcall" : : : "memory");
	else
		asm volatile("vmcall" : : : "memory");
}

void l2_record(struct l2_guest *l2, u64 v)
{
	struct l2_results *r = l2->results;

	if (r->count < L2_RESULT_SLOTS)
		r->value[r->count++] = v;
}

/* Called by l2_start with the l2_guest stored at the top of its stack. */
void __attribute__((used, noreturn)) l2_main(struct l2_guest *l2)
{
	l2->fn(l2);
	l2->done = true;
	for (;;)
		l2_exit();
}

asm(".pushsection .text\n"
    ".globl l2_start\n"
    "l2_start:\n\t"
    "mov (%rsp), %rdi\n\t"
    "call l2_main\n\t"
    "ud2\n"
    ".popsection");
extern char l2_start[];

void l2_init(struct l2_guest *l2, l2_fn_t fn, void *arg)
{
	static void *stack;
	static struct l2_results *results;
	u64 *top;

	if (!stack) {
		stack = alloc_pages(L2_STACK_ORDER);
		results = alloc_page();
		assert(stack && results);
	}
	memset(results, 0, sizeof(*results));
	l2->fn = fn;
	l2->arg = arg;
	l2->results = results;
	l2->done = false;
	l2->stack_top = (u64)stack + (PAGE_SIZE << L2_STACK_ORDER);
	top = (u64 *)(l2->stack_top - 16);
	top[0] = (u64)l2;
}

u64 l2_entry_rip(void)
{
	return (u64)l2_start;
}

u64 l2_entry_rsp(const struct l2_guest *l2)
{
	return l2->stack_top - 16;
}

struct nested_seg nested_seg_from_gdt(u16 sel)
{
	struct nested_seg s = {.sel = sel};
	struct desc_ptr gdt;
	const u8 *d;
	u32 limit;

	if (!(sel & ~3))
		return s;
	asm volatile("sgdt %0" : "=m"(gdt));
	d = (const u8 *)(gdt.base + (sel & ~7));
	limit = d[0] | d[1] << 8 | (d[6] & 0xf) << 16;
	s.attr = d[5] | (d[6] & 0xf0) << 4;
	s.base = d[2] | d[3] << 8 | d[4] << 16 | (u64)d[7] << 24;
	/* S = 0: a system descriptor, 16 bytes in long mode. */
	if (!(d[5] & 0x10))
		s.base |=
			(u64)(d[8] | d[9] << 8 | d[10] << 16 | (u32)d[11] << 24)
			<< 32;
	s.limit = (d[6] & 0x80) ? limit << 12 | 0xfff : limit;
	return s;
}

void nested_capture(struct nested_cpu_state *s)
{
	struct desc_ptr gdt, idt;
	u16 sel;

	memset(s, 0, sizeof(*s));
	s->cr0 = read_cr0();
	s->cr3 = read_cr3();
	s->cr4 = read_cr4();
	s->efer = rdmsr(MSR_EFER);
	s->pat = rdmsr(MSR_IA32_PAT);
	s->rflags = read_rflags();
	s->dr7 = read_dr7();
	asm volatile("sgdt %0; sidt %1" : "=m"(gdt), "=m"(idt));
	s->gdt_base = gdt.base;
	s->gdt_limit = gdt.limit;
	s->idt_base = idt.base;
	s->idt_limit = idt.limit;
#define CAPTURE(seg, insn)                     \
	asm volatile(insn " %0" : "=rm"(sel)); \
	s->seg = nested_seg_from_gdt(sel)
	CAPTURE(cs, "mov %%cs,");
	CAPTURE(ss, "mov %%ss,");
	CAPTURE(ds, "mov %%ds,");
	CAPTURE(es, "mov %%es,");
	CAPTURE(fs, "mov %%fs,");
	CAPTURE(gs, "mov %%gs,");
	CAPTURE(tr, "str");
	CAPTURE(ldtr, "sldt");
#undef CAPTURE
	s->fs.base = rdmsr(MSR_FS_BASE);
	s->gs.base = rdmsr(MSR_GS_BASE);
}
