// SPDX-License-Identifier: GPL-2.0-only
/*
 * desc.c: GDT, per-CPU 64-bit TSS with IST stacks for #DF, NMI and #MC, and
 * the IDT (Intel SDM vol. 3A 3.4.5 segment descriptors, 7.2.3 TSS
 * descriptor in 64-bit mode, 7.7 task management in 64-bit mode, 6.14.1
 * 64-bit mode IDT, 6.14.5 interrupt stack table).
 */
#include <libtest.h>
#include <x86/desc.h>
#include <x86/processor.h>

#define IST_STACK_SIZE 4096

struct __attribute__((packed)) tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
};

struct idt_gate {
	u16 offset0;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset1;
	u32 offset2;
	u32 reserved;
};

/* Flat code/data (S=1) descriptors: G=1, limit 0xfffff; L=1 for 64-bit code, D=1 for 32-bit. */
#define SEG(type, dpl, l, db)                                                  \
	(0x000f00000000ffffULL | ((u64)(type) << 40) | BIT(44) |               \
	 ((u64)(dpl) << 45) | BIT(47) | ((u64)(l) << 53) | ((u64)(db) << 54) | \
	 BIT(55))

u64 gdt[TSS_SEL_BASE / 8 + 2 * MAX_CPUS] __aligned(16) = {
	[KERNEL_CS / 8] = SEG(0xb, 0, 1, 0),
	[KERNEL_DS / 8] = SEG(0x3, 0, 0, 1),
	[USER_CS32 / 8] = SEG(0xb, 3, 0, 1),
	[USER_DS / 8] = SEG(0x3, 3, 0, 1),
	[USER_CS / 8] = SEG(0xb, 3, 1, 0),
	[KERNEL_CS32 / 8] = SEG(0xb, 0, 0, 1),
};

static struct idt_gate idt[256] __aligned(16);
static struct tss64 tss[MAX_CPUS] __aligned(16);
/* The boot CPU's; other CPUs take theirs from the page allocator. */
static u8 boot_ist_stacks[3][IST_STACK_SIZE] __aligned(16)
	__attribute__((section(".bss.noinit")));
extern char isr_stubs[];

void idt_set_gate(int vec, void *stub, int dpl, int ist)
{
	u64 addr = (u64)stub;
	struct idt_gate *g = &idt[vec];

	g->offset0 = addr;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr =
		0x80 | (dpl << 5) | 0xe; /* present, 64-bit interrupt gate */
	g->offset1 = addr >> 16;
	g->offset2 = addr >> 32;
	g->reserved = 0;
}

void idt_set_dpl(int vec, int dpl)
{
	idt[vec].type_attr = (idt[vec].type_attr & ~0x60) | (dpl << 5);
}

void idt_set_present(int vec, bool present)
{
	idt[vec].type_attr =
		(idt[vec].type_attr & ~0x80) | (present ? 0x80 : 0);
}

u64 tss_ist_top(unsigned int cpu, int ist)
{
	return tss[cpu].ist[ist - 1];
}

u64 tss_set_rsp(unsigned int cpu, int level, u64 rsp)
{
	u64 old = tss[cpu].rsp[level];

	tss[cpu].rsp[level] = rsp;
	return old;
}

u64 tss_set_ist(unsigned int cpu, int ist, u64 top)
{
	u64 old = tss[cpu].ist[ist - 1];

	tss[cpu].ist[ist - 1] = top;
	return old;
}

static void set_tss_desc(unsigned int cpu)
{
	u64 base = (u64)&tss[cpu];
	u64 limit = sizeof(tss[cpu]) - 1;
	unsigned int i = TSS_SEL_BASE / 8 + 2 * cpu;

	gdt[i] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x9ULL << 40) |
		 BIT(47) | (((limit >> 16) & 0xf) << 48) |
		 (((base >> 24) & 0xff) << 56);
	gdt[i + 1] = base >> 32;
}

void desc_setup_cpu(unsigned int cpu)
{
	struct desc_ptr gdtr = {sizeof(gdt) - 1, (u64)gdt};
	struct desc_ptr idtr = {sizeof(idt) - 1, (u64)idt};

	if (cpu == 0) {
		for (int v = 0; v < 256; v++)
			idt_set_gate(v, isr_stubs + 16 * v, 0, 0);
		idt_set_gate(8, isr_stubs + 16 * 8, 0, IST_DF);
		idt_set_gate(2, isr_stubs + 16 * 2, 0, IST_NMI);
		idt_set_gate(18, isr_stubs + 16 * 18, 0, IST_MC);
	}
	/* A CPU started again (INIT-SIPI) keeps its stacks. */
	for (int i = 0; i < 3 && !tss[cpu].ist[i]; i++) {
		u8 *stack = cpu ? alloc_page() : boot_ist_stacks[i];

		assert(stack);
		tss[cpu].ist[i] = (u64)stack + IST_STACK_SIZE;
	}
	tss[cpu].iomap_base = sizeof(struct tss64);
	set_tss_desc(cpu);
	lgdt(&gdtr);
	lidt(&idtr);
	ltr(TSS_SEL_BASE + 16 * cpu);
}
