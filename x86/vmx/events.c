// SPDX-License-Identifier: GPL-2.0-only
/*
 * events.c: event injection and delivery (Intel SDM vol. 3C 25.8.3 VM-entry
 * interruption-information field, 27.2.1.3 its checks, 27.6 event
 * injection: every interruption type, error codes, instruction length of
 * software events, 27.6.2 the pending MTF VM exit of type 7; 26.5.7
 * virtualization exceptions (EPT-violation #VE); 30.5 with 30.1.4-30.1.5
 * x2APIC self-IPI and EOI virtualization; 28.2.3 IDT-vectoring information when delivering an
 * event causes a VM exit; 26.2 external-interrupt and NMI exiting, 28.2.2
 * acknowledge interrupt on exit; 27.7.5-27.7.6 interrupt and NMI windows;
 * 27.3.1.5 and 26.4.1 interruptibility state, virtual-NMI blocking and its
 * end by IRET).
 *
 * L2 gets an IDT of its own: vector V's handler pushes V and executes
 * VMCALL with RAX = V and RBX = the address of the frame the processor
 * pushed (the error code first, when there is one); when L1 resumes it,
 * the handler pops RCX bytes and executes IRETQ.
 */
#include "vmx.h"
#include <x86/apic.h>

#define L2_VECTORS 48

asm(".pushsection .text\n"
    ".balign 16\n"
    "l2_vec_entries:\n"
    ".irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,"
    "23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,"
    "46,47\n\t"
    ".balign 16\n\t"
    "push $\\v\n\t"
    "jmp l2_vec_common\n"
    ".endr\n"
    "l2_vec_common:\n\t"
    "mov (%rsp), %rax\n\t"
    "lea 8(%rsp), %rbx\n\t"
    "vmcall\n\t"
    "add %rcx, %rsp\n\t"
    "iretq\n"
    ".popsection");
extern char l2_vec_entries[];

/* L2's IDT: interrupt gates to the entry points, KERNEL_CS, DPL 0. */
static u64 *l2_idt(void)
{
	static u64 *idt;

	if (!idt) {
		idt = alloc_page();
		assert(idt);
	}
	for (int v = 0; v < L2_VECTORS; v++) {
		u64 a = (u64)l2_vec_entries + 16 * v;

		idt[2 * v] = (a & 0xffff) | (u64)KERNEL_CS << 16 |
			     0x8e00ULL << 32 | (a >> 16 & 0xffff) << 48;
		idt[2 * v + 1] = a >> 32;
	}
	return idt;
}

/* A fresh L2 that runs FN, with its own IDT and every exception its own. */
static void l2_with_idt(l2_fn_t fn)
{
	vmx_vmcs_reset(&vcpu);
	l2_init(&vcpu.l2, fn, NULL);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	vmcs_write(VMCS_GUEST_IDTR_BASE, (u64)l2_idt());
	vmcs_write(VMCS_GUEST_IDTR_LIMIT, L2_VECTORS * 16 - 1);
}

/* The frame an L2 handler saw (at VMCALL from it). */
static u64 frame(unsigned int i)
{
	return ((u64 *)vcpu.gprs.rbx)[i];
}

struct inject_row {
	const char *name;
	u32 vector, type;
	bool err;
	u32 len; /* instruction length for software events */
};

static const struct inject_row inject_rows[] = {
	{"ext_intr", 0x20, INTR_TYPE_EXT, false, 0},
	{"nmi", NMI_VECTOR, INTR_TYPE_NMI, false, 0},
	{"hw_exc_gp", GP_VECTOR, INTR_TYPE_HW_EXC, true, 0},
	{"hw_exc_ud", UD_VECTOR, INTR_TYPE_HW_EXC, false, 0},
	{"hw_exc_pf", PF_VECTOR, INTR_TYPE_HW_EXC, true, 0},
	{"sw_intr", 0x21, INTR_TYPE_SW_INT, false, 2},
	{"priv_sw_exc", DB_VECTOR, INTR_TYPE_PRIV_SW_EXC, false, 1},
	{"sw_exc_bp", BP_VECTOR, INTR_TYPE_SW_EXC, false, 1},
	{"sw_exc_of", OF_VECTOR, INTR_TYPE_SW_EXC, false, 1},
};

/*
 * 27.6.1: VM entry delivers the event through L2's IDT before L2's first
 * instruction: the error code is pushed when bit 11 says so; the RIP
 * pushed for a software event is RIP + the VM-entry instruction length,
 * for other events RIP. 28.2 (VM exits): the valid bit of the VM-entry
 * interruption-information field is 0 after every VM exit.
 */
TEST_VARIANTS(inject_27_6_1, inject_rows, .fixture = &vmx_env)
{
	u64 rip, cr2 = read_cr2();
	struct vmx_exit e;

	l2_with_idt(l2_nothing);
	rip = vmcs_read(VMCS_GUEST_RIP);
	vmcs_write(VMCS_ENTRY_INTR_INFO,
		   intr_info(variant->vector, variant->type, variant->err));
	vmcs_write(VMCS_ENTRY_EXC_ERR, 0x1234);
	vmcs_write(VMCS_ENTRY_INSN_LEN, variant->len);
	if (variant->type == INTR_TYPE_EXT)
		vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.gprs.rax, variant->vector,
		  "L2's handler of vector %u ran", variant->vector);
	if (variant->err)
		report_eq(frame(0), 0x1234, "error code pushed");
	report_eq(frame(variant->err), rip + variant->len,
		  "pushed RIP is RIP + %u", variant->len);
	report_eq(frame(variant->err + 1), vmcs_read(VMCS_GUEST_CS),
		  "pushed CS");
	report_eq(vmcs_read(VMCS_ENTRY_INTR_INFO) & INTR_INFO_VALID, 0,
		  "the valid bit is cleared by the VM exit");
	if (variant->vector == PF_VECTOR)
		report_eq(read_cr2(), cr2, "injecting #PF leaves CR2 alone");
}

struct bad_inject_row {
	const char *name;
	u32 info;
	u32 err;
	u32 len;
	bool err_rule; /* relaxed when IA32_VMX_BASIC[56] = 1 (A.1) */
};

/* 27.2.1.3: what the interruption-information field may not hold. */
static const struct bad_inject_row bad_inject_rows[] = {
	{"type_1", INTR_INFO_VALID | 1 << 8 | 0x20, 0, 0, false},
	{"nmi_vector_3", INTR_INFO_VALID | INTR_TYPE_NMI << 8 | 3, 0, 0, false},
	{"hw_exc_vector_32", INTR_INFO_VALID | INTR_TYPE_HW_EXC << 8 | 32, 0, 0,
	 false},
	{"err_code_on_ud",
	 INTR_INFO_VALID | INTR_INFO_ERR_CODE | INTR_TYPE_HW_EXC << 8 | 6, 0, 0,
	 true},
	{"no_err_code_on_gp", INTR_INFO_VALID | INTR_TYPE_HW_EXC << 8 | 13, 0,
	 0, true},
	{"reserved_bit12", INTR_INFO_VALID | BIT(12) | 0x20, 0, 0, false},
	{"err_code_bit16",
	 INTR_INFO_VALID | INTR_INFO_ERR_CODE | INTR_TYPE_HW_EXC << 8 | 13,
	 BIT(16), 0, false},
	{"sw_len_16", INTR_INFO_VALID | INTR_TYPE_SW_INT << 8 | 0x21, 0, 16,
	 false},
};

/*
 * 27.2.1.3: a malformed event to inject fails VM entry with
 * VMfailValid(7). The error-code rule (bit 11 set exactly for #DF, #TS,
 * #NP, #SS, #GP, #PF, #AC, #CP) does not apply when IA32_VMX_BASIC[56]
 * is 1 (A.1): then the event is delivered as written.
 */
TEST_VARIANTS(inject_checks_27_2_1_3, bad_inject_rows, .fixture = &vmx_env)
{
	struct vmx_exit e;

	l2_with_idt(l2_nothing);
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_write(VMCS_ENTRY_INTR_INFO, variant->info);
	vmcs_write(VMCS_ENTRY_EXC_ERR, variant->err);
	vmcs_write(VMCS_ENTRY_INSN_LEN, variant->len);
	e = vmx_run(&vcpu, NULL);
	if (variant->err_rule && vmx_caps()->no_err_code_check) {
		report_info("IA32_VMX_BASIC[56] = 1: no error-code rule");
		check_exit(&e, EXIT_REASON_VMCALL);
		report_eq(vcpu.gprs.rax, variant->info & 0xff,
			  "L2's handler of vector %u ran",
			  variant->info & 0xff);
		return;
	}
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "interruption information %#x", variant->info);
}

/*
 * 27.3.1.4, 27.3.1.5: injecting an external interrupt needs RFLAGS.IF =
 * 1 and no blocking by STI or MOV SS; else reason 33.
 */
TEST_CASE(inject_ext_intr_state_27_3_1, .fixture = &vmx_env)
{
	struct vmx_exit e;

	l2_with_idt(l2_nothing);
	vmcs_write(VMCS_ENTRY_INTR_INFO, intr_info(0x20, INTR_TYPE_EXT, false));
	e = vmx_run(&vcpu, NULL);
	check_entry_fail(&e, EXIT_REASON_BAD_GUEST, 0);
	l2_with_idt(l2_nothing);
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_write(VMCS_GUEST_INTR_STATE, 1);
	vmcs_write(VMCS_ENTRY_INTR_INFO, intr_info(0x20, INTR_TYPE_EXT, false));
	e = vmx_run(&vcpu, NULL);
	check_entry_fail(&e, EXIT_REASON_BAD_GUEST, 0);
}

static void l2_int_np(struct l2_guest *l2)
{
	asm volatile("int $0x21");
}

/*
 * 28.2.3: when delivering an event causes a VM exit, the IDT-vectoring
 * information describes that event (and its error code); the VM-exit
 * instruction length is the software interrupt's. Here gate 0x21 (and,
 * for the injected #GP, gate 13) is not present: #NP, which exits, its
 * error code with EXT = 0 for INT n and 1 for the #GP (vol. 3A 6.13).
 */
TEST_CASE(idt_vectoring_28_2_3, .fixture = &vmx_env)
{
	u64 *idt;
	struct vmx_exit e;

	l2_with_idt(l2_int_np);
	idt = l2_idt();
	idt[2 * 0x21] &= ~BIT(47);
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(NP_VECTOR));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(NP_VECTOR, INTR_TYPE_HW_EXC, true),
		  "#NP");
	report_eq(e.intr_err, 0x21 * 8 + 2, "#NP error code: IDT entry 0x21");
	report_eq(e.idt_info, intr_info(0x21, INTR_TYPE_SW_INT, false),
		  "IDT-vectoring: INT 0x21, software interrupt");
	report_eq(e.insn_len, 2, "instruction length of INT 0x21");

	l2_with_idt(l2_nothing);
	idt = l2_idt();
	idt[2 * GP_VECTOR] &= ~BIT(47);
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(NP_VECTOR));
	vmcs_write(VMCS_ENTRY_INTR_INFO,
		   intr_info(GP_VECTOR, INTR_TYPE_HW_EXC, true));
	vmcs_write(VMCS_ENTRY_EXC_ERR, 0x18);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(
		e.intr_err, GP_VECTOR * 8 + 3,
		"#NP error code: IDT entry 13, EXT (delivering an exception)");
	report_eq(e.idt_info, intr_info(GP_VECTOR, INTR_TYPE_HW_EXC, true),
		  "IDT-vectoring: the injected #GP");
	report_eq(e.idt_err, 0x18, "IDT-vectoring error code");
}

asm(".pushsection .text\n"
    "sti_code:\n\t"
    "nop\n\t"
    "nop\n\t"
    "vmcall\n\t"
    ".popsection");
extern char sti_code[];

/*
 * 27.7.5: interrupt-window exiting waits for RFLAGS.IF = 1 and no
 * blocking by STI: with STI blocking at entry the exit comes after one
 * instruction.
 */
TEST_CASE(intr_window_sti_27_7_5, .fixture = &vmx_env)
{
	struct vmx_exit e;

	l2_with_idt(l2_nothing);
	vmcs_write(VMCS_GUEST_RIP, (u64)sti_code);
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_write(VMCS_GUEST_INTR_STATE, 1);
	vmcs_set(VMCS_PROC_CTLS, PROC_INTR_WINDOW);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_INTR_WINDOW);
	report_eq(vmcs_read(VMCS_GUEST_RIP), (u64)sti_code + 1,
		  "after the instruction in the STI shadow");
}

/*
 * 27.7.6, 26.4.1 (virtual NMIs): delivering an injected NMI sets
 * virtual-NMI blocking (interruptibility bit 3); NMI-window exiting waits
 * until IRET ends it, then exits at once.
 */
TEST_CASE(virtual_nmi_27_7_6, .fixture = &vmx_env)
{
	struct vmx_exit e;
	u64 rip;

	if (!vmx_ctl_may_set(VMX_CTL_PIN, 5) ||
	    !vmx_ctl_may_set(VMX_CTL_PROC, 22))
		return report_skip(
			"virtual NMIs or NMI-window exiting not offered");
	l2_with_idt(l2_nothing);
	rip = vmcs_read(VMCS_GUEST_RIP);
	vmcs_set(VMCS_PIN_CTLS, PIN_NMI | PIN_VIRT_NMI);
	vmcs_set(VMCS_PROC_CTLS, PROC_NMI_WINDOW);
	vmcs_write(VMCS_ENTRY_INTR_INFO,
		   intr_info(NMI_VECTOR, INTR_TYPE_NMI, false));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.gprs.rax, NMI_VECTOR, "L2's NMI handler runs");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATE) & BIT(3), BIT(3),
		  "virtual-NMI blocking while in the handler");
	vcpu.gprs.rcx = 8;
	vmx_skip_insn(&e);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_NMI_WINDOW);
	report_eq(vmcs_read(VMCS_GUEST_RIP), rip, "right after IRET");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATE) & BIT(3), 0,
		  "IRET ended virtual-NMI blocking");
}

static void l2_virtual_eoi(struct l2_guest *l2)
{
	*(volatile u32 *)((u8 *)l2->arg + 0xb0) = 0;
	l2_record(l2, 1);
}

/*
 * 30.2 (virtual-interrupt delivery): a virtual interrupt RVI above VPPR
 * is delivered at VM entry through L2's IDT once RFLAGS.IF = 1: VISR and
 * SVI get its vector, VIRR and RVI lose it. 30.1.4 (EOI virtualization):
 * L2's write to the EOI register of the APIC-access page clears VISR and
 * SVI, and with the vector's EOI-exit bitmap bit set exits (reason 45)
 * with the vector as qualification. 27.2.1.1: virtual-interrupt delivery
 * needs external-interrupt exiting.
 */
TEST_CASE(virtual_intr_30_2, .fixture = &vmx_env)
{
	const unsigned int vec = 0x2f;
	u8 *vapic = alloc_page(), *page = alloc_page();
	u32 *virr = (u32 *)(vapic + 0x200 + vec / 32 * 16);
	u32 *visr = (u32 *)(vapic + 0x100 + vec / 32 * 16);
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 9) ||
	    !vmx_ctl_may_set(VMX_CTL_PROC2, 0))
		return report_skip("virtual-interrupt delivery not offered");
	l2_with_idt(l2_virtual_eoi);
	vcpu.l2.arg = page;
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_set(VMCS_PROC_CTLS, PROC_TPR_SHADOW);
	vmcs_write(VMCS_VAPIC_ADDR, vmx_pa(vapic));
	vmcs_write(VMCS_APIC_ACCESS_ADDR, vmx_pa(page));
	vmcs_set_proc2(PROC2_VAPIC_ACCESS | PROC2_VID);
	vmcs_write(VMCS_EOI_EXIT0 + 2 * (vec / 64), BIT(vec % 64));
	*virr |= 1u << (vec % 32);
	vmcs_write(VMCS_GUEST_INTR_STATUS, vec);
	e = vmx_run(&vcpu, NULL);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "without external-interrupt exiting");
	vmcs_set(VMCS_PIN_CTLS, PIN_EXT_INTR);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.gprs.rax, vec, "L2's handler of vector %#x ran", vec);
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATUS), vec << 8,
		  "SVI = vector, RVI = 0");
	report(*visr & 1u << (vec % 32), "VISR bit set");
	report(!(*virr & 1u << (vec % 32)), "VIRR bit clear");
	vcpu.gprs.rcx = 8;
	vmx_skip_insn(&e);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VIRT_EOI);
	report_eq(e.qual, vec, "qualification: the vector");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATUS), 0, "SVI = 0");
	report(!(*visr & 1u << (vec % 32)), "VISR bit clear");
}

/*
 * WRMSR 83FH (SELF IPI) with vector 2EH, then WRMSR 80BH (EOI) with 0.
 * The IDT entry points clobber RAX, RBX and RCX; nothing lives in them across.
 */
static void l2_x2apic_self_ipi(struct l2_guest *l2)
{
	asm volatile("mov $0x83f, %%ecx\n\t"
		     "mov $0x2e, %%eax\n\t"
		     "xor %%edx, %%edx\n\t"
		     "wrmsr"
		     :
		     :
		     : "rax", "rbx", "rcx", "rdx", "memory");
	l2_record(l2, 1);
	asm volatile("mov $0x80b, %%ecx\n\t"
		     "xor %%eax, %%eax\n\t"
		     "xor %%edx, %%edx\n\t"
		     "wrmsr"
		     :
		     :
		     : "rax", "rbx", "rcx", "rdx", "memory");
	l2_record(l2, 2);
}

/*
 * 30.5 (virtualizing MSR-based APIC accesses) with 30.1.5 self-IPI
 * virtualization and 30.1.4 EOI virtualization: in "virtualize x2APIC
 * mode" with virtual-interrupt delivery, WRMSR 83FH sets the vector in
 * VIRR and RVI, and the virtual interrupt is delivered through L2's IDT
 * without an exit; WRMSR 80BH with 0 ends it (VISR, SVI) and, with its
 * EOI-exit bitmap bit set, exits (reason 45) with the vector.
 */
TEST_CASE(x2apic_self_ipi_30_5, .fixture = &vmx_env)
{
	const unsigned int vec = 0x2e;
	u8 *vapic = alloc_page();
	u32 *virr = (u32 *)(vapic + 0x200 + vec / 32 * 16);
	u32 *visr = (u32 *)(vapic + 0x100 + vec / 32 * 16);
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 4) ||
	    !vmx_ctl_may_set(VMX_CTL_PROC2, 9))
		return report_skip(
			"virtualize x2APIC mode or virtual-interrupt "
			"delivery not offered");
	l2_with_idt(l2_x2apic_self_ipi);
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_set(VMCS_PIN_CTLS, PIN_EXT_INTR);
	vmcs_set(VMCS_PROC_CTLS, PROC_TPR_SHADOW);
	vmcs_write(VMCS_VAPIC_ADDR, vmx_pa(vapic));
	vmcs_set_proc2(PROC2_VIRT_X2APIC | PROC2_VID);
	vmcs_write(VMCS_EOI_EXIT0 + 2 * (vec / 64), BIT(vec % 64));
	vmx_msr_intercept(&vcpu, 0x83f, false, false);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.gprs.rax, vec, "the self-IPI reached L2's handler");
	report_eq(vcpu.l2.results->count, 0, "delivered right after the WRMSR");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATUS), vec << 8,
		  "SVI = vector, RVI = 0");
	report(*visr & 1u << (vec % 32), "VISR bit set");
	report(!(*virr & 1u << (vec % 32)), "VIRR bit clear");
	vcpu.gprs.rcx = 8;
	vmx_skip_insn(&e);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VIRT_EOI);
	report_eq(e.qual, vec, "WRMSR 80BH: EOI exit with the vector");
	report_eq(vcpu.l2.results->count, 1, "after the handler's IRET");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATUS), 0, "SVI = 0");
	report(!(*visr & 1u << (vec % 32)), "VISR bit clear");
}

static void l1_vec_handler(struct ex_regs *regs)
{
	apic_eoi();
}

/* Takes a vector VEC still requested in L1 (IF = 1 for one instruction). */
static void drain(unsigned int vec)
{
	exception_handler_t old = x86_set_handler(vec, l1_vec_handler);

	asm volatile("sti; nop; cli" : : : "memory");
	x86_set_handler(vec, old);
}

/* A self-IPI requested in the local APIC while L1 has IF = 0. */
static bool request(unsigned int vec)
{
	if (apic_mode() == APIC_MODE_DISABLED) {
		report_skip("the local APIC is disabled");
		return false;
	}
	apic_icr_write(apic_id(), APIC_DEST_SELF | APIC_DM_FIXED | vec);
	return report(apic_vec_bit(APIC_IRR, vec), "vector %#x requested (IRR)",
		      vec);
}

/*
 * 26.2, 28.2.2: with external-interrupt exiting an interrupt L2 would
 * take exits; with "acknowledge interrupt on exit" the processor
 * acknowledges it (ISR bit set, IRR clear) and saves its vector in the
 * exit interruption information; without, it stays requested (IRR).
 */
TEST_CASE(ext_intr_exit_26_2, .fixture = &vmx_env)
{
	const unsigned int vec = 0x40;
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_EXIT, 15))
		return report_skip("acknowledge interrupt on exit not offered");
	if (!request(vec))
		return;
	l2_with_idt(l2_nothing);
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_set(VMCS_PIN_CTLS, PIN_EXT_INTR);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXT_INTR);
	report_eq(e.intr_info & INTR_INFO_VALID, 0,
		  "no vector without acknowledge");
	report(apic_vec_bit(APIC_IRR, vec), "still requested");

	l2_with_idt(l2_nothing);
	vmcs_set(VMCS_GUEST_RFLAGS, X86_EFLAGS_IF);
	vmcs_set(VMCS_PIN_CTLS, PIN_EXT_INTR);
	vmcs_set(VMCS_EXIT_CTLS, EXIT_ACK_INTR);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXT_INTR);
	report_eq(e.intr_info, intr_info(vec, INTR_TYPE_EXT, false),
		  "acknowledged: vector, external interrupt, valid");
	report(!apic_vec_bit(APIC_IRR, vec) && apic_vec_bit(APIC_ISR, vec),
	       "acknowledged: IRR clear, ISR set");
	if (apic_vec_bit(APIC_ISR, vec))
		apic_eoi();
	drain(vec);
}

/*
 * 26.4.1 (event blocking): with external-interrupt exiting, RFLAGS.IF
 * does not block external interrupts: one requested exits although L2
 * runs with IF = 0.
 */
TEST_CASE(ext_intr_if0_26_4_1, .fixture = &vmx_env)
{
	const unsigned int vec = 0x41;
	struct vmx_exit e;

	if (!request(vec))
		return;
	l2_with_idt(l2_nothing);
	vmcs_set(VMCS_PIN_CTLS, PIN_EXT_INTR);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXT_INTR);
	drain(vec);
	report(!apic_vec_bit(APIC_IRR, vec), "nothing left requested");
}

/*
 * 27.6.1, 27.3.1.5 and 28.3 (interruptibility state): delivering an
 * injected NMI without virtual NMIs blocks NMIs (interruptibility bit 3);
 * the blocking survives the VM exit and the next entry, and the IRET of
 * L2's handler after that entry ends it.
 */
TEST_CASE(nmi_blocking_iret_27_6_1, .fixture = &vmx_env)
{
	struct vmx_exit e;

	l2_with_idt(l2_nothing);
	vmcs_write(VMCS_ENTRY_INTR_INFO,
		   intr_info(NMI_VECTOR, INTR_TYPE_NMI, false));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.gprs.rax, NMI_VECTOR, "L2's NMI handler runs");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATE) & BIT(3), BIT(3),
		  "blocking by NMI saved at the exit");
	vcpu.gprs.rcx = 8;
	vmx_skip_insn(&e);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report(vcpu.l2.done, "after IRET, L2 ran to its end");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATE) & BIT(3), 0,
		  "IRET ended blocking by NMI");
}

/*
 * 27.2.1.3, 27.6.2 (injection of pending MTF VM exits): interruption
 * type 7 (other event) is reserved where the "monitor trap flag" control
 * cannot be 1, and its vector must be 0. Type 7 with vector 0 makes an
 * MTF VM exit pending on the instruction boundary after VM entry: it
 * exits (reason 37) before L2's first instruction, whatever the MTF
 * control.
 */
TEST_CASE(inject_other_event_27_6_2, .fixture = &vmx_env)
{
	struct vmx_exit e;
	u64 rip;

	if (!vmx_ctl_may_set(VMX_CTL_PROC, 27)) {
		l2_with_idt(l2_nothing);
		vmcs_write(VMCS_ENTRY_INTR_INFO,
			   intr_info(0, INTR_TYPE_OTHER, false));
		e = vmx_run(&vcpu, NULL);
		report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
			   "type 7 without the MTF control: reserved");
		return;
	}
	l2_with_idt(l2_nothing);
	vmcs_write(VMCS_ENTRY_INTR_INFO, intr_info(1, INTR_TYPE_OTHER, false));
	e = vmx_run(&vcpu, NULL);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS), "type 7, vector 1");

	l2_with_idt(l2_nothing);
	vmcs_write(VMCS_ENTRY_INTR_INFO, intr_info(0, INTR_TYPE_OTHER, false));
	rip = vmcs_read(VMCS_GUEST_RIP);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_MTF);
	report_eq(vmcs_read(VMCS_GUEST_RIP), rip,
		  "the pending MTF exit comes before L2's first instruction");
}

/*
 * Reads the byte at ARG through RDX into RSI: the IDT entry points above clobber
 * RAX, RBX and RCX, so the read can be retried after a handler's IRET.
 */
static void l2_read_arg(struct l2_guest *l2)
{
	u64 v;

	asm volatile("movzbq (%1), %0"
		     : "=S"(v)
		     : "d"(l2->arg)
		     : "rax", "rbx", "rcx", "memory");
	l2_record(l2, v);
}

/* The virtualization-exception information area (26.5.7.2). */
struct ve_info {
	u32 reason;
	u32 busy; /* FFFFFFFFH once the processor has written the area */
	u64 qual, gla, gpa;
	u16 eptp_index;
} __attribute__((packed));

#define VE_VECTOR 20

/*
 * 26.5.7 (virtualization exceptions), 29.3.3.2: with "EPT-violation #VE"
 * an EPT violation through a leaf whose suppress-#VE bit (63) is 1 still
 * exits; through one whose bit is 0 it is a #VE (vector 20, a fault: the
 * saved RIP is the faulting instruction's) in L2 instead, when the dword
 * at offset 4 of the information area is not FFFFFFFFH. The processor
 * writes reason 48, FFFFFFFFH, the qualification, both addresses and the
 * EPTP index there. The next violation (offset 4 now FFFFFFFFH) exits;
 * with bit 20 in the exception bitmap the #VE itself exits (reason 0). An
 * EPT misconfiguration exits (reason 49) whatever the area holds.
 */
TEST_CASE(ept_ve_26_5_7, .fixture = &vmx_env)
{
	static struct page_table ept;
	static u8 *data;
	struct ve_info *ve = alloc_page();
	u64 gpa, rip, *leaf;
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 18) ||
	    !vmx_ctl_may_set(VMX_CTL_PROC2, 1))
		return report_skip("EPT-violation #VE not offered "
				   "(PROCBASED_CTLS2 bits 18 and 1)");
	if (!data)
		data = alloc_page();
	gpa = vmx_pa(data) + 0x18;
	ept_identity_4g(&ept);
	ept_set_4k(&ept, gpa, 0);
	leaf = pt_walk(&ept, gpa, PT_LEVEL_4K, false);
	*leaf |= EPT_SUPPRESS_VE;
	l2_with_idt(l2_read_arg);
	vcpu.l2.arg = data + 0x18;
	vmcs_set_proc2(PROC2_EPT | PROC2_EPT_VE);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept));
	vmcs_write(VMCS_VE_INFO_ADDR, vmx_pa(ve));
	vmcs_write(VMCS_EPTP_INDEX, 3);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	report_eq(ve->reason, 0, "suppress #VE = 1: a VM exit, area unused");
	rip = vmcs_read(VMCS_GUEST_RIP);

	*leaf &= ~EPT_SUPPRESS_VE;
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.gprs.rax, VE_VECTOR,
		  "suppress #VE = 0: L2's #VE handler");
	report_eq(frame(0), rip, "#VE is a fault: the saved RIP is the read's");
	report_eq(ve->reason, EXIT_REASON_EPT_VIOLATION, "area: reason 48");
	report_eq(ve->busy, 0xffffffff, "area: offset 4 is FFFFFFFFH");
	report_eq(ve->qual & 0x1bf,
		  EPT_VQ_READ | EPT_VQ_GLA_VALID | EPT_VQ_TRANSLATED,
		  "area: qualification (read, no permissions, GLA)");
	report_eq(ve->gla, gpa, "area: guest linear address");
	report_eq(ve->gpa, gpa, "area: guest-physical address");
	report_eq(vmcs_read(VMCS_EPTP_INDEX), 3, "the EPTP-index field is 3");
	report_eq(ve->eptp_index, 3, "area: EPTP index");

	/* The handler IRETs to the read, which faults again. */
	vcpu.gprs.rcx = 8;
	vmx_skip_insn(&e);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	report_eq(vmcs_read(VMCS_GUEST_RIP), rip,
		  "offset 4 FFFFFFFFH: a VM exit at the read instead");

	ve->busy = 0;
	ve->reason = 0;
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(VE_VECTOR));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(VE_VECTOR, INTR_TYPE_HW_EXC, false),
		  "#VE in the exception bitmap: exit with vector 20");
	report_eq(ve->reason, EXIT_REASON_EPT_VIOLATION,
		  "the area was written before the exit");

	/* 29.3.3.1: a misconfiguration is never converted to a #VE. */
	ve->busy = 0;
	ve->reason = 0;
	*leaf = (*leaf & ~EPT_RWX) | EPT_W;
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_EPT_MISCONFIG);
	report_eq(ve->reason, 0, "misconfiguration: a VM exit, area unused");
}
