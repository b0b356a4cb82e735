// SPDX-License-Identifier: GPL-2.0-only
/*
 * inject.c: event injection and virtual interrupts (AMD APM vol. 2 15.20
 * EVENTINJ, 15.7.2 EXITINTINFO, 15.21 virtual interrupts: V_IRQ,
 * V_INTR_PRIO, V_TPR, V_IGN_TPR, V_INTR_MASKING, 15.21.5 the interrupt
 * shadow field, 15.17 GIF, 15.33 VGIF). Events reach L2's own IDT
 * (svm_l2_idt()), whose entry points record vector, error code and return RIP.
 */
#include "svmtest.h"
#include <x86/apic.h>
#include <x86/irq.h>

SVM_ENV;

static const struct inj_row {
	const char *name;
	u64 event;
	u64 vector;
	u64 error_code;
	bool rip_is_guest_rip; /* the pushed RIP is the VMCB's RIP */
} inj_rows[] = {
	{"intr", EVT_VALID | EVT_TYPE_INTR | 0x50, 0x50, 0, true},
	{"nmi", EVT_VALID | EVT_TYPE_NMI | NMI_VECTOR, NMI_VECTOR, 0, true},
	{"exception", EVT_VALID | EVT_TYPE_EXCEPTION | UD_VECTOR, UD_VECTOR, 0,
	 true},
	{"exception_error_code",
	 EVT_VALID | EVT_TYPE_EXCEPTION | EVT_EV | GP_VECTOR |
		 0x1234ULL << EVT_ERROR_CODE_SHIFT,
	 GP_VECTOR, 0x1234, true},
	{"soft_int", EVT_VALID | EVT_TYPE_SOFT_INT | 0x80, 0x80, 0, false},
};

/*
 * 15.20: the event in EVENTINJ is delivered through L2's IDT as VMRUN
 * completes, with its error code when EV = 1, before L2's first
 * instruction (an exception or interrupt pushes L2's RIP).
 */
TEST_VARIANTS(eventinj, inj_rows, .fixture = &svm_env)
{
	u64 rip;

	svm_vcpu_reset(&vcpu, svm_l2_nop, NULL);
	svm_l2_idt(&vcpu);
	rip = vcpu.vmcb->save.rip;
	vcpu.vmcb->control.event_inj = variant->event;
	check_runs_to_end(variant->name);
	report_eq(l2_idt_seen.hits, 1, "delivered once");
	report_eq(l2_idt_seen.vector, variant->vector, "vector");
	report_eq(l2_idt_seen.error_code, variant->error_code, "error code");
	if (variant->rip_is_guest_rip)
		report_eq(l2_idt_seen.rip, rip, "pushed RIP is L2's RIP");
	report_eq(vcpu.vmcb->control.event_inj & EVT_VALID, 0,
		  "EVENTINJ.V clear after #VMEXIT");
}

/*
 * 15.7.2: when delivering the injected #UD faults (its gate lies beyond
 * the IDT limit: #GP with an IDT error code, APM vol. 2 8.4.1) and the #GP
 * is intercepted, EXITINTINFO holds the injected event. EXT (bit 0) of
 * the #GP error code is not checked.
 */
TEST_CASE(exitintinfo, .fixture = &svm_env)
{
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, svm_l2_nop, NULL);
	svm_l2_idt(&vcpu);
	vcpu.vmcb->save.idtr.limit = 16 * UD_VECTOR - 1;
	vcpu.vmcb->control.intercept_exceptions = BIT(GP_VECTOR);
	vcpu.vmcb->control.event_inj =
		EVT_VALID | EVT_TYPE_EXCEPTION | UD_VECTOR;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_EXCP_BASE + GP_VECTOR,
		       "delivery raises an intercepted #GP"))
		return;
	report_eq(e.info1 & ~1ULL, UD_VECTOR * 8 + 2,
		  "#GP error code: IDT entry of #UD");
	report_eq(e.int_info, EVT_VALID | EVT_TYPE_EXCEPTION | UD_VECTOR,
		  "EXITINTINFO: the injected #UD");
}

static void l2_sti_spin(struct l2_guest *l2)
{
	asm volatile("sti");
	for (int i = 0; i < 1000; i++)
		asm volatile("nop");
}

static const struct virq_row {
	const char *name;
	u64 int_ctl;
	bool taken;
} virq_rows[] = {
	{"prio_above_tpr", 5ULL << V_INTR_PRIO_SHIFT | 4, true},
	{"prio_below_tpr", 3ULL << V_INTR_PRIO_SHIFT | 4, false},
	{"prio_equal_tpr", 4ULL << V_INTR_PRIO_SHIFT | 4, false},
	{"ign_tpr", 4ULL << V_INTR_PRIO_SHIFT | 0xf | V_IGN_TPR, true},
};

/*
 * 15.21.1 to 15.21.3: a virtual interrupt (V_IRQ) is taken by L2 when its
 * IF is 1 and V_INTR_PRIO is above V_TPR[3:0] (or V_IGN_TPR = 1); it
 * arrives with V_INTR_VECTOR, and V_IRQ is cleared once it is taken.
 * 15.21.4 takes it only for a pending interrupt "whose priority is
 * greater than the value in V_TPR": a priority equal to V_TPR is held.
 */
TEST_VARIANTS(virq, virq_rows, .fixture = &svm_env)
{
	u64 ctl;

	svm_vcpu_reset(&vcpu, l2_sti_spin, NULL);
	svm_l2_idt(&vcpu);
	vcpu.vmcb->control.int_ctl = variant->int_ctl | V_IRQ | V_INTR_MASKING |
				     0x41ULL << V_INTR_VECTOR_SHIFT;
	check_runs_to_end(variant->name);
	ctl = vcpu.vmcb->control.int_ctl;
	if (variant->taken) {
		report_eq(l2_idt_seen.hits, 1, "virtual interrupt taken");
		report_eq(l2_idt_seen.vector, 0x41, "vector V_INTR_VECTOR");
		report_eq(ctl & V_IRQ, 0, "V_IRQ cleared");
	} else {
		report_eq(l2_idt_seen.hits, 0, "held by V_TPR");
		report_eq(ctl & V_IRQ, V_IRQ, "V_IRQ still set");
	}
}

/*
 * 15.21.1: with V_INTR_MASKING = 1, L2's MOV to CR8 writes V_TPR, not
 * L1's TPR.
 */
static void l2_write_cr8(struct l2_guest *l2)
{
	write_cr8(9);
}

TEST_CASE(v_tpr_cr8, .fixture = &svm_env)
{
	u64 tpr = read_cr8();

	svm_vcpu_reset(&vcpu, l2_write_cr8, NULL);
	vcpu.vmcb->control.int_ctl = V_INTR_MASKING;
	check_runs_to_end("MOV to CR8");
	report_eq(vcpu.vmcb->control.int_ctl & V_TPR_MASK, 9,
		  "V_TPR is L2's CR8");
	report_eq(read_cr8(), tpr, "L1's CR8 unchanged");
	write_cr8(tpr);
}

/*
 * 15.21.5 / table B-1: INTERRUPT_SHADOW (offset 0x68 bit 0) is 1 on an
 * exit from the instruction after STI, 0 elsewhere.
 */
static void l2_shadow(struct l2_guest *l2)
{
	asm volatile("vmmcall; sti; vmmcall; nop; vmmcall; cli" : : : "memory");
}

TEST_CASE(interrupt_shadow, .fixture = &svm_env)
{
	static const u64 expect[] = {0, INT_STATE_SHADOW, 0};

	svm_vcpu_reset(&vcpu, l2_shadow, NULL);
	for (size_t i = 0; i < ARRAY_SIZE(expect); i++) {
		struct svm_exit e = svm_run(&vcpu);

		if (!report_eq(e.code, SVM_EXIT_VMMCALL, "VMMCALL %zu", i))
			return;
		report_eq(vcpu.vmcb->control.int_state & INT_STATE_SHADOW,
			  expect[i], "shadow at VMMCALL %zu", i);
		svm_skip(&vcpu, 3);
	}
}

/*
 * 15.17: with GIF = 0 (CLGI) an interrupt stays pending even with
 * RFLAGS.IF = 1, and is taken after STGI.
 */
#define GIF_VECTOR 0x6d

TEST_CASE(gif_holds_interrupts, .fixture = &svm_env)
{
	unsigned int before;

	apic_init_cpu();
	irq_count_vector(GIF_VECTOR);
	irq_counts_clear();
	svm_clgi();
	apic_icr_write(apic_id(), APIC_DEST_SELF | GIF_VECTOR);
	irq_window(1000);
	before = irq_count(0, GIF_VECTOR);
	svm_stgi();
	irq_window(1000);
	report_eq(before, 0, "held while GIF = 0");
	report_eq(irq_count(0, GIF_VECTOR), 1, "taken after STGI");
	irq_register(GIF_VECTOR, NULL);
}

/*
 * 15.33: with VGIF enabled, L2's CLGI and STGI do not exit: they write
 * V_GIF (int_ctl bit 9).
 */
static void l2_clgi(struct l2_guest *l2)
{
	svm_clgi();
}

TEST_CASE(vgif, .fixture = &svm_env, .features = CPU_FEATURES(X86_FEATURE_VGIF))
{
	svm_vcpu_reset(&vcpu, l2_clgi, NULL);
	vcpu.vmcb->control.int_ctl = V_GIF_ENABLE | V_GIF;
	check_runs_to_end("CLGI in L2");
	report_eq(vcpu.vmcb->control.int_ctl & V_GIF, 0, "V_GIF cleared");
}
