/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nested.h: the L2 side shared by the SVM (lib/x86/svm/) and VMX
 * (lib/x86/vmx/) libraries, and the L1 state they copy into a guest.
 *
 * An L2 guest is a C function run on its own stack with L1's descriptor
 * tables and selectors (flat 64-bit code, as L1 runs). It leaves to L1
 * with l2_exit() (VMMCALL under SVM, AMD APM vol. 2 15.9; VMCALL under
 * VMX, Intel SDM vol. 3C 25.1.3), and when its function returns, L1 sees
 * one last such exit with l2->done set. L2 never prints: it stores values
 * in its result page with l2_record(), and L1 reports them.
 *
 * Segment attributes use the packed 12-bit form of the VMCB (APM vol. 2
 * 15.5.1 / appendix B: descriptor bits 47:40 in bits 7:0, 55:52 in 11:8);
 * the VMX library moves bits 11:8 to 15:12 for its access-rights fields
 * (SDM vol. 3C 24.4.1 table 24-2).
 */
#ifndef HV_X86_NESTED_H
#define HV_X86_NESTED_H

#include <types.h>

#define L2_RESULT_SLOTS 64

/* The page L2 writes and L1 reads. */
struct l2_results {
	u64 value[L2_RESULT_SLOTS];
	unsigned int count;
};

struct l2_guest;
typedef void (*l2_fn_t)(struct l2_guest *l2);

struct l2_guest {
	l2_fn_t fn;
	void *arg;
	u64 stack_top; /* RSP for the first entry */
	struct l2_results *results;
	volatile bool done; /* FN returned */
};

/* How l2_exit() leaves L2: set by svm_setup() / vmx_setup(). */
enum nested_exit_insn {
	NESTED_EXIT_VMMCALL,
	NESTED_EXIT_VMCALL,
};
void nested_set_exit_insn(enum nested_exit_insn insn);

/* Both instructions are 3 bytes (0f 01 d9, 0f 01 c1). */
#define L2_EXIT_INSN_LEN 3

/*
 * Prepares L2 to run FN(l2) from its entry point on a fresh stack with a
 * zeroed result page. The same l2_guest may be reinitialised between runs.
 */
void l2_init(struct l2_guest *l2, l2_fn_t fn, void *arg);
/* The RIP of L2's first instruction, and its RSP, for the VMCB / VMCS. */
u64 l2_entry_rip(void);
u64 l2_entry_rsp(const struct l2_guest *l2);

/* In L2: leaves to L1; returns when L1 resumes L2 past the instruction. */
void l2_exit(void);
/* In L2: appends V to the result page (ignored once it is full). */
void l2_record(struct l2_guest *l2, u64 v);

struct nested_seg {
	u16 sel;
	u16 attr; /* packed 12-bit form, see above; 0 for a null selector */
	u32 limit; /* byte granular (G applied) */
	u64 base;
};

/* What L1 runs with, for a guest that should run the same way. */
struct nested_cpu_state {
	u64 cr0, cr3, cr4, efer, pat, rflags, dr7;
	struct nested_seg cs, ss, ds, es, fs, gs, tr, ldtr;
	u64 gdt_base, idt_base;
	u16 gdt_limit, idt_limit;
};

/* Reads this CPU's control registers, segments and tables. */
void nested_capture(struct nested_cpu_state *s);
/* Decodes selector SEL from the current GDT (16-byte for system types). */
struct nested_seg nested_seg_from_gdt(u16 sel);

#endif
