/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * desc.h: segment selectors, descriptor tables and the per-CPU TSS (Intel
 * SDM vol. 3A ch. 3.4-3.5 segment descriptors, 6.14 64-bit IDT, 8.7 TSS in
 * 64-bit mode). The selector layout fits SYSCALL/SYSRET (SDM vol. 2B
 * SYSRET: user SS = STAR[63:48] + 8, user CS = STAR[63:48] + 16).
 */
#ifndef HV_X86_DESC_H
#define HV_X86_DESC_H

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS32 0x1b
#define USER_DS 0x23
#define USER_CS 0x2b
#define KERNEL_CS32 0x30
#define TSS_SEL_BASE 0x38 /* one 16-byte TSS descriptor per CPU */
#define MAX_CPUS 64

#define IST_DF 1
#define IST_NMI 2
#define IST_MC 3

#ifndef __ASSEMBLY__
#include <types.h>

struct ex_regs {
	u64 rax, rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 vector, error_code;
	u64 rip, cs, rflags, rsp, ss;
};

struct __attribute__((packed)) desc_ptr {
	u16 limit;
	u64 base;
};

/* The CPU's index, from its task register (each CPU has its own TSS). */
static inline unsigned int smp_id(void)
{
	u16 tr;

	asm volatile("str %0" : "=rm"(tr));
	return tr ? (tr - TSS_SEL_BASE) / 16 : 0;
}

/* Installs the GDT, this CPU's TSS with IST stacks, and the IDT. */
void desc_setup_cpu(unsigned int cpu);
/* Points IDT vector VEC at handler stub STUB with gate DPL and IST. */
void idt_set_gate(int vec, void *stub, int dpl, int ist);
void idt_set_dpl(int vec, int dpl);
/* Sets or clears the P flag of IDT gate VEC (a clear P raises #NP, 6.12.1.1). */
void idt_set_present(int vec, bool present);
/* The top of CPU's IST stack IST (1-7) as its TSS holds it. */
u64 tss_ist_top(unsigned int cpu, int ist);
/* Sets CPU's TSS.RSPn (n = 0-2, SDM vol. 3A 8.7); returns the old value. */
u64 tss_set_rsp(unsigned int cpu, int level, u64 rsp);
/* Sets CPU's TSS.IST n (1-7, SDM vol. 3A 6.14.5); returns the old value. */
u64 tss_set_ist(unsigned int cpu, int ist, u64 top);
#endif

#endif
