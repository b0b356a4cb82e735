// SPDX-License-Identifier: GPL-2.0-only
/*
 * nmi.c: NMI delivery and NMI blocking with SVM (AMD APM vol. 2 15.13.2
 * NMI intercept, 15.17 GIF, 15.20 event injection; 8.2.3 NMI: once an NMI
 * is taken, further NMIs are held until the next IRET). An NMI pending at
 * VMRUN goes to L2 when not intercepted; an NMI taken in L2, physical or
 * injected, holds a second one until L2's IRET; L1's own NMI blocking
 * holds across VMRUN into L2 and #VMEXIT back.
 */
#include "svmtest.h"
#include <x86/apic.h>
#include <x86/desc.h>

SVM_ENV;

static volatile unsigned int nmis;

static void count_nmi(struct ex_regs *regs)
{
	nmis++;
}

/* Bounded: an exit that never comes ends as L2's final VMMCALL. */
static void l2_spin(struct l2_guest *l2)
{
	for (int i = 0; i < 100000; i++)
		asm volatile("pause");
}

/*
 * L2's NMI handler (vector 2 of a copy of L2's IDT): on its first entry
 * it sends itself a second NMI and leaves to L1 with VMMCALL before its
 * IRETQ; NMI blocking must hold the second NMI until that IRETQ.
 */
static volatile unsigned int l2_nmi_entries, l2_nmi_returns;

void l2_nmi_body(void);
void l2_nmi_body(void)
{
	if (++l2_nmi_entries == 1) {
		apic_self_nmi();
		for (int i = 0; i < 1000; i++)
			asm volatile("pause");
		l2_exit();
	}
	l2_nmi_returns++;
}

/* The frame is 5 quadwords: 9 more keep the call 16-byte aligned. */
asm(".pushsection .text\n"
    ".globl l2_nmi_entry\n"
    "l2_nmi_entry:\n\t"
    "push %rax\n\tpush %rcx\n\tpush %rdx\n\tpush %rsi\n\tpush %rdi\n\t"
    "push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"
    "cld\n\t"
    "call l2_nmi_body\n\t"
    "pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"
    "pop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n\tpop %rax\n\t"
    "iretq\n"
    ".popsection");
extern char l2_nmi_entry[];

/* L2's IDT (svm_l2_idt()) with vector 2 going to l2_nmi_entry. */
static void l2_nmi_idt(struct svm_vcpu *v)
{
	static u64 idt[512] __aligned(PAGE_SIZE);
	u64 h = (u64)l2_nmi_entry;

	svm_l2_idt(v);
	memcpy(idt, (void *)v->vmcb->save.idtr.base, sizeof(idt));
	idt[2 * NMI_VECTOR] = (h & 0xffff) | (u64)KERNEL_CS << 16 |
			      0x8eULL << 40 | (h >> 16 & 0xffff) << 48;
	idt[2 * NMI_VECTOR + 1] = h >> 32;
	v->vmcb->save.idtr.base = (u64)idt;
	l2_nmi_entries = 0;
	l2_nmi_returns = 0;
}

/*
 * 15.13.2, 15.17: an NMI made pending while GIF = 0 is taken once VMRUN
 * sets GIF; without the NMI intercept it is delivered in L2 through L2's
 * IDT (vector 2), and L1 never sees it.
 */
TEST_CASE(nmi_pending_at_vmrun_into_l2, .fixture = &svm_env)
{
	exception_handler_t old = x86_set_handler(NMI_VECTOR, count_nmi);

	apic_init_cpu();
	nmis = 0;
	svm_vcpu_reset(&vcpu, svm_l2_nop, NULL);
	svm_l2_idt(&vcpu);
	svm_clgi();
	apic_self_nmi();
	check_runs_to_end("NMI pending at VMRUN, not intercepted");
	report_eq(l2_idt_seen.hits, 1, "L2 takes one event");
	report_eq(l2_idt_seen.vector, NMI_VECTOR, "the NMI, vector 2");
	report_eq(nmis, 0, "L1 takes no NMI");
	x86_set_handler(NMI_VECTOR, old);
}

static const struct nmi_row {
	const char *name;
	bool inject; /* EVENTINJ NMI (15.20), else a physical NMI (15.13.2) */
} nmi_rows[] = {
	{"injected", true},
	{"physical", false},
};

/*
 * 8.2.3 with 15.20 (an injected event is handled as if it had occurred in
 * the guest) and 15.13.2: while L2 runs its NMI handler a second NMI is
 * held: it neither exits (injected row: NMI intercept set) nor re-enters
 * the handler (physical row: intercept clear, so the first one reaches
 * L2). After L2's IRETQ the second NMI is taken once, by L1 (through an
 * NMI exit or after #VMEXIT), and L2's handler is not entered again.
 */
TEST_VARIANTS(nmi_blocking_in_l2, nmi_rows, .fixture = &svm_env)
{
	exception_handler_t old = x86_set_handler(NMI_VECTOR, count_nmi);
	struct vmcb_control *c;
	struct svm_exit e;

	apic_init_cpu();
	nmis = 0;
	svm_vcpu_reset(&vcpu, l2_spin, NULL);
	l2_nmi_idt(&vcpu);
	c = &vcpu.vmcb->control;
	if (variant->inject) {
		c->intercept_misc1 |= INTERCEPT_NMI;
		c->event_inj = EVT_VALID | EVT_TYPE_NMI | NMI_VECTOR;
	} else {
		svm_clgi();
		apic_self_nmi();
	}
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL,
		       "first exit: VMMCALL in L2's NMI handler") ||
	    !report_eq(l2_nmi_entries, 1,
		       "second NMI held while L2 is in its handler"))
		goto out;
	report_eq(l2_nmi_returns, 0, "exit before the handler's IRETQ");
	c->intercept_misc1 |= INTERCEPT_NMI;
	svm_skip(&vcpu, L2_EXIT_INSN_LEN);
	e = svm_run_to_end(&vcpu);
	if (e.code == SVM_EXIT_NMI) {
		report_eq(l2_nmi_returns, 1, "NMI exit after L2's IRETQ");
		e = svm_run_to_end(&vcpu);
	}
	report_eq(e.code, SVM_EXIT_VMMCALL, "L2 runs to its end");
	report_eq(l2_nmi_entries, 1, "L2's handler entered once");
	report_eq(nmis, 1, "the second NMI reaches L1 once");
out:
	x86_set_handler(NMI_VECTOR, old);
}

/*
 * 8.2.3: L1 runs L2 from its NMI handler, after sending itself a second
 * NMI. Nothing in VMRUN or #VMEXIT (15.5, 15.6) ends L1's NMI blocking:
 * the handler is not re-entered before its IRETQ, and the second NMI is
 * taken right after it. Whether L2 ran to its end or exited with NMI is
 * printed, not judged (the APM does not say whether the blocking holds
 * in the guest).
 */
static volatile unsigned int nmis_in_handler;
static volatile u64 exit_in_handler;

static void nmi_runs_l2(struct ex_regs *regs)
{
	if (++nmis != 1)
		return;
	apic_self_nmi();
	exit_in_handler = svm_run_to_end(&vcpu).code;
	nmis_in_handler = nmis;
}

TEST_CASE(nmi_blocking_in_l1_across_vmrun, .fixture = &svm_env)
{
	exception_handler_t old = x86_set_handler(NMI_VECTOR, nmi_runs_l2);

	apic_init_cpu();
	nmis = 0;
	nmis_in_handler = 0;
	svm_vcpu_reset(&vcpu, l2_spin, NULL);
	svm_l2_idt(&vcpu);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_NMI;
	apic_self_nmi();
	for (int i = 0; i < 100000 && nmis < 2; i++)
		asm volatile("pause");
	report_eq(nmis_in_handler, 1,
		  "no NMI in L1's handler across VMRUN and #VMEXIT");
	report_eq(nmis, 2, "the second NMI taken after L1's IRETQ");
	report_info("exit while L1 blocks NMIs: %#llx (%s)",
		    (unsigned long long)exit_in_handler,
		    exit_in_handler == SVM_EXIT_NMI	  ? "NMI exit"
		    : exit_in_handler == SVM_EXIT_VMMCALL ? "L2 ran to its end"
							  : "other");
	report_eq(l2_idt_seen.hits, 0, "L2 takes no event");
	x86_set_handler(NMI_VECTOR, old);
}
