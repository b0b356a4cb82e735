// SPDX-License-Identifier: GPL-2.0-only
/*
 * legacy.c: gates and task switches in legacy protected mode (32-bit, IA-32e
 * mode off; lib/x86/pmode32.h). Intel SDM vol. 3A 5.8.3 and 5.8.5 32-bit
 * call gates, the parameter count and the stack switch (the new stack
 * holds the caller's SS, ESP, the copied parameters, CS, EIP; 16-bit
 * gates push words); vol. 2B RET imm16 to an outer level (pops the
 * parameters on both stacks); vol. 3A 7.2.1 32-bit TSS, 7.2.2 busy flag,
 * 7.3 task switching (CALL through a task gate: back-link and EFLAGS.NT in
 * the new task, the old task stays busy, its state is saved in its TSS;
 * JMP: the old task's busy flag is cleared, NT is not set), 7.4 task
 * linking (IRET with NT = 1 returns to the back-link task and clears the
 * nested task's busy flag); 6.12.2 interrupt tasks (INT3 and #GP through
 * a task gate in the IDT, the error code on the new task's stack); vol.
 * 2A CALL and JMP (#GP(selector) for a busy TSS), vol. 2A IRET
 * (#TS(selector) when the back-link TSS is not busy); vol. 3A 20.4
 * protected-mode virtual interrupts and vol. 2A CLI, vol. 2B STI (CR4.PVI
 * = 1, CPL 3, IOPL < 3: CLI clears VIF, STI sets it, #GP(0) if VIP = 1).
 */
#include "segmentation.h"
#include <x86/pmode32.h>

#define SEL_TSS_A 0x28 /* slot 0 */
#define SEL_TSS_B 0x30 /* slot 1 */
#define SEL_GATE 0x38 /* slot 2: call gate, DPL3, 3 parameters */
#define SEL_TGATE 0x40 /* slot 3: task gate to TSS B */
#define SYS_TSS32 0x9
#define SYS_TSS32_BUSY 0xb
#define SYS_CALL_GATE32 0xc
#define SYS_CALL_GATE16 0x4
#define SEL_GATE16 0x48 /* slot 4: 16-bit call gate, DPL3, 2 words */
#define SEL_CODE_HI 0x50 /* slot 5: DPL0 code based at the target's 64 KiB */
#define SEL_LDT 0x58 /* slot 6: the LDT task B names in its TSS */
#define CR0_TS 0x8
#define PARAMS16 2
#define SYS_TASK_GATE 0x5
#define BUSY_BIT 41 /* type bit 1 of a TSS descriptor */
#define EFLAGS_NT 0x4000
#define PARAMS 3
#define EFLAGS_IF 0x200
#define EFLAGS_VIF 0x80000
#define EFLAGS_VIP 0x100000
#define CR4_PVI 0x2
#define FEATURE_VME X86_FEATURE(1, 0, EDX, 1, "vme")

#define S_(x) #x
#define S(x) S_(x)

struct tss32 {
	u16 link, r0;
	u32 esp0, ss0, esp1, ss1, esp2, ss2;
	u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u32 es, cs, ss, ds, fs, gs, ldt;
	u16 trap, iomap;
} __attribute__((packed));

struct tss32 lg_tss_a __aligned(16), lg_tss_b __aligned(16);
u8 lg_stack_k[2048] __aligned(16), lg_stack_u[2048] __aligned(16);
u8 lg_stack_b[2048] __aligned(16);
u32 lg_frame[PARAMS + 4], lg_gate_cs, lg_gate_ss, lg_gate_esp;
u32 lg_flags_b, lg_flags_a, lg_ebx_a, lg_desc_a_hi, lg_desc_b_hi;
u32 lg_in_b_a_hi, lg_in_b_b_hi; /* the descriptors as task B saw them */
u32 lg_cr0_b;
u16 lg_ldtr_b, lg_ldtr_a;
u64 lg_ldt[4] __aligned(16);
u16 lg_tr_b, lg_tr_a;

extern char lg_cg[], lg_cg_back[], lg_gate_target[], lg_tcall[],
	lg_tcall_back[];
extern char lg_task_b[], lg_tjmp[], lg_task_bj[], lg_call_busy[];
extern char lg_jmp_busy[], lg_iret_nt[], lg_pvi[], lg_pvi_cli[], lg_pvi_sti[];
extern char lg_tint[], lg_tint_back[], lg_tgp[], lg_tgp_insn[], lg_task_gp[];
u32 lg_b_err, lg_b_esp;
extern char lg_cg16[], lg_cg16_back[], lg_gate16_target[];
u32 lg_frame16[PARAMS16 + 4];
u32 lg_idt_gate[2]; /* the task gate lg_tint puts in IDT vector 3 */

/* clang-format off */
asm(".pushsection .text\n"
    ".code32\n"
    /* CPL0: TR = A, IRET to CPL3, push three parameters, CALL the gate. */
    "lg_cg: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " pushl $" S(PM32_DS3) "\n pushl $lg_stack_u + 2048\n pushl $2\n"
    " pushl $" S(PM32_CS3) "\n pushl $1f\n iret\n"
    "1: mov $" S(PM32_DS3) ", %ax\n mov %ax, %ds\n mov %ax, %es\n"
    " pushl $0x11111111\n pushl $0x22222222\n pushl $0x33333333\n"
    " mov %esp, %esi\n"
    " lcall $" S(SEL_GATE) " | 3, $0\n"
    "lg_cg_back: ud2\n"
    /* CPL0 through the gate: keep the frame, RET to CPL3 popping 12 bytes. */
    "lg_gate_target: mov %esp, lg_gate_esp\n"
    " mov %cs, lg_gate_cs\n mov %ss, lg_gate_ss\n"
    " mov $0, %ecx\n"
    "2: mov %ss:(%esp,%ecx,4), %eax\n mov %eax, lg_frame(,%ecx,4)\n"
    " inc %ecx\n cmp $" S(PARAMS) " + 4, %ecx\n jb 2b\n"
    " lret $" S(PARAMS) " * 4\n"
    /* Task A CALLs task B through the task gate; B IRETs back (NT = 1). */
    "lg_tcall: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " mov $0xa5a5a5a5, %ebx\n clts\n"
    " lcall $" S(SEL_TGATE) ", $0\n"
    "lg_tcall_back: pushf\n popl lg_flags_a\n str lg_tr_a\n sldt lg_ldtr_a\n"
    " mov %ebx, lg_ebx_a\n"
    " mov pm32_gdt + " S(SEL_TSS_A) " + 4, %eax\n mov %eax, lg_desc_a_hi\n"
    " mov pm32_gdt + " S(SEL_TSS_B) " + 4, %eax\n mov %eax, lg_desc_b_hi\n"
    " jmp pm32_land\n"
    "lg_task_b: pushf\n popl lg_flags_b\n str lg_tr_b\n sldt lg_ldtr_b\n"
    " mov %cr0, %eax\n mov %eax, lg_cr0_b\n"
    " mov pm32_gdt + " S(SEL_TSS_A) " + 4, %eax\n mov %eax, lg_in_b_a_hi\n"
    " mov pm32_gdt + " S(SEL_TSS_B) " + 4, %eax\n mov %eax, lg_in_b_b_hi\n"
    " mov $0x5a5a5a5a, %ebx\n"
    " iret\n"
    /* Task A JMPs to task B's TSS. */
    "lg_tjmp: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " ljmp $" S(SEL_TSS_B) ", $0\n"
    "lg_task_bj: pushf\n popl lg_flags_b\n str lg_tr_b\n"
    " mov pm32_gdt + " S(SEL_TSS_A) " + 4, %eax\n mov %eax, lg_desc_a_hi\n"
    " mov pm32_gdt + " S(SEL_TSS_B) " + 4, %eax\n mov %eax, lg_desc_b_hi\n"
    " jmp pm32_land\n"
    /* CALL and JMP to the running (busy) task's TSS; IRET with NT = 1. */
    "lg_call_busy: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " lcall $" S(SEL_TSS_A) ", $0\n jmp pm32_land\n"
    "lg_jmp_busy: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " ljmp $" S(SEL_TSS_A) ", $0\n jmp pm32_land\n"
    "lg_iret_nt: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " pushf\n orl $" S(EFLAGS_NT) ", (%esp)\n popf\n"
    "lg_iret_nt_insn: iret\n jmp pm32_land\n"
    /* INT3 through a task gate in the IDT to task B, which IRETs back. */
    "lg_tint: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " mov lg_idt_gate, %eax\n mov %eax, pm32_idt + 3 * 8\n"
    " mov lg_idt_gate + 4, %eax\n mov %eax, pm32_idt + 3 * 8 + 4\n"
    " mov $0xa5a5a5a5, %ebx\n"
    " int3\n"
    "lg_tint_back: pushf\n popl lg_flags_a\n str lg_tr_a\n"
    " mov %ebx, lg_ebx_a\n"
    " mov pm32_gdt + " S(SEL_TSS_A) " + 4, %eax\n mov %eax, lg_desc_a_hi\n"
    " mov pm32_gdt + " S(SEL_TSS_B) " + 4, %eax\n mov %eax, lg_desc_b_hi\n"
    " jmp pm32_land\n"
    /* #GP (CALL to the busy TSS A) through a task gate in IDT vector 13. */
    "lg_tgp: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " mov lg_idt_gate, %eax\n mov %eax, pm32_idt + 13 * 8\n"
    " mov lg_idt_gate + 4, %eax\n mov %eax, pm32_idt + 13 * 8 + 4\n"
    "lg_tgp_insn: lcall $" S(SEL_TSS_A) ", $0\n jmp pm32_land\n"
    "lg_task_gp: mov (%esp), %eax\n mov %eax, lg_b_err\n"
    " mov %esp, lg_b_esp\n pushf\n popl lg_flags_b\n str lg_tr_b\n"
    " mov pm32_gdt + " S(SEL_TSS_A) " + 4, %eax\n mov %eax, lg_in_b_a_hi\n"
    " jmp pm32_land\n"
    /* CPL3 pushes two words and CALLs the 16-bit gate. */
    "lg_cg16: mov $" S(SEL_TSS_A) ", %ax\n ltr %ax\n"
    " pushl $" S(PM32_DS3) "\n pushl $lg_stack_u + 2048\n pushl $2\n"
    " pushl $" S(PM32_CS3) "\n pushl $1f\n iret\n"
    "1: mov $" S(PM32_DS3) ", %ax\n mov %ax, %ds\n mov %ax, %es\n"
    " pushw $0x1111\n pushw $0x2222\n"
    " lcall $" S(SEL_GATE16) " | 3, $0\n"
    "lg_cg16_back: ud2\n"
    /* Through the 16-bit gate (CS base: the target's 64 KiB): keep 6 words. */
    "lg_gate16_target: mov %esp, lg_gate_esp\n"
    " mov %cs, lg_gate_cs\n mov %ss, lg_gate_ss\n"
    " mov $0, %ecx\n"
    "3: movzwl %ss:(%esp,%ecx,2), %eax\n mov %eax, lg_frame16(,%ecx,4)\n"
    " inc %ecx\n cmp $" S(PARAMS16) " + 4, %ecx\n jb 3b\n"
    " ljmp $" S(PM32_CS) ", $pm32_land\n"
    /* IRET to CPL3 with EFLAGS = EAX; CLI, PUSHF, STI, PUSHF, UD2. */
    "lg_pvi: mov $" S(SEL_TSS_A) ", %bx\n ltr %bx\n"
    " pushl $" S(PM32_DS3) "\n pushl $lg_stack_u + 2048\n pushl %eax\n"
    " pushl $" S(PM32_CS3) "\n pushl $lg_pvi_cli\n iret\n"
    "lg_pvi_cli: cli\n pushf\n pop %ebx\n"
    "lg_pvi_sti: sti\n pushf\n pop %ecx\n ud2\n"
    ".code64\n"
    ".popsection");
/* clang-format on */

extern char lg_iret_nt_insn[];

static void tss_init(struct tss32 *t, u32 eip, u32 esp)
{
	memset(t, 0, sizeof(*t));
	t->esp0 = (u32)(u64)(lg_stack_k + sizeof(lg_stack_k));
	t->ss0 = PM32_DS;
	t->cr3 = (u32)read_cr3();
	t->eip = eip;
	t->eflags = 0x2;
	t->esp = esp;
	t->cs = PM32_CS;
	t->ss = t->ds = t->es = t->fs = t->gs = PM32_DS;
	t->iomap = sizeof(*t);
}

/* TSS A (the running task's) and B available, the call and task gates. */
static void lg_setup(u32 b_eip)
{
	u8 tss = SEG_P | SYS_TSS32;

	tss_init(&lg_tss_a, 0, 0);
	tss_init(&lg_tss_b, b_eip, (u32)(u64)(lg_stack_b + sizeof(lg_stack_b)));
	pm32_gdt_set(0, segdesc_make((u32)(u64)&lg_tss_a, sizeof(lg_tss_a) - 1,
				     tss, 0));
	pm32_gdt_set(1, segdesc_make((u32)(u64)&lg_tss_b, sizeof(lg_tss_b) - 1,
				     tss, 0));
	pm32_gdt_set(2, pm32_make_gate(PM32_CS, (u32)(u64)lg_gate_target,
				       SEG_P | SEG_DPL(3) | SYS_CALL_GATE32,
				       PARAMS));
	pm32_gdt_set(3, pm32_make_gate(SEL_TSS_B, 0, SEG_P | SYS_TASK_GATE, 0));
	pm32_gdt_set(6, segdesc_make((u32)(u64)lg_ldt, sizeof(lg_ldt) - 1,
				     SEG_P | SYS_LDT, 0));
	lg_tss_b.ldt = SEL_LDT;
}

static bool busy(u32 desc_hi)
{
	return (desc_hi >> (BUSY_BIT - 32)) & 1;
}

/*
 * A far CALL at CPL3 through a DPL3 32-bit call gate with a parameter
 * count of 3 to DPL0 code: new SS:ESP from TSS.SS0:ESP0, the caller's SS
 * and ESP, the 3 parameters in their order, CS and EIP on the new stack
 * (SDM vol. 3A 5.8.5 stack switching); RET 12 back to CPL3 pops the
 * parameters off both stacks (vol. 2B RET, "RETURN-TO-OUTER-PRIVILEGE-LEVEL").
 */
TEST_CASE(legacy_call_gate)
{
	u32 top = (u32)(u64)(lg_stack_k + sizeof(lg_stack_k));
	u32 user_top = (u32)(u64)(lg_stack_u + sizeof(lg_stack_u));
	struct pm32_stop st;

	lg_setup(0);
	memset(lg_frame, 0, sizeof(lg_frame));
	lg_gate_cs = lg_gate_ss = lg_gate_esp = 0;
	st = pm32_run(lg_cg, 0);
	report_eq(lg_gate_cs, PM32_CS, "CS at the gate's target");
	report_eq(lg_gate_ss, PM32_DS, "SS = TSS.SS0");
	report_eq(lg_gate_esp, top - (PARAMS + 4) * 4,
		  "ESP = TSS.ESP0 - 4 * (3 parameters + 4)");
	report_eq(lg_frame[0], (u32)(u64)lg_cg_back, "EIP pushed");
	report_eq(lg_frame[1], PM32_CS3, "CS pushed");
	report_eq(lg_frame[2], 0x33333333, "parameter 3 (last pushed) copied");
	report_eq(lg_frame[3], 0x22222222, "parameter 2 copied");
	report_eq(lg_frame[4], 0x11111111, "parameter 1 copied");
	report_eq(lg_frame[5], user_top - PARAMS * 4, "caller's ESP pushed");
	report_eq(lg_frame[6], PM32_DS3, "caller's SS pushed");
	if (!report_eq(st.vector, UD_VECTOR, "back at CPL3 (the UD2 there)"))
		return;
	report_eq(st.eip, (u32)(u64)lg_cg_back, "RET to the return EIP");
	report_eq(st.cs, PM32_CS3, "CS after RET");
	report_eq(st.esp, st.esi + PARAMS * 4,
		  "RET 12 released the parameters on the caller's stack");
}

/*
 * CALL through a task gate, IRET with NT = 1 back (SDM vol. 3A 7.3, 7.4):
 * in task B, NT = 1, TR = B, back-link = A, A and B busy; back in A, NT
 * from A's saved EFLAGS (0), A busy, B not, A's registers as saved. Each
 * switch sets CR0.TS and loads LDTR from the new TSS (SDM vol. 3A 7.3, 2.5).
 */
TEST_CASE(legacy_task_call)
{
	struct pm32_stop st;

	lg_setup((u32)(u64)lg_task_b);
	lg_flags_b = lg_desc_a_hi = lg_desc_b_hi = 0;
	lg_in_b_a_hi = lg_in_b_b_hi = lg_cr0_b = 0;
	lg_tr_b = 0;
	lg_ldtr_a = lg_ldtr_b = 0xffff;
	st = pm32_run(lg_tcall, 0);
	if (!report(!st.raised, "CALL task gate and IRET reach pm32_land")) {
		report_info("stopped by vector %u, error code %#x, at %#x",
			    st.vector, st.error_code, st.eip);
		return;
	}
	report_eq(lg_tr_b, SEL_TSS_B, "TR in task B");
	report(busy(lg_in_b_b_hi), "task B busy while it runs");
	report(busy(lg_in_b_a_hi), "task A still busy (nested by CALL)");
	report_eq(lg_flags_b & EFLAGS_NT, EFLAGS_NT, "NT set in task B");
	report_eq(lg_tss_b.link, SEL_TSS_A, "task B's back-link = A");
	report_eq(lg_tss_a.eip, (u32)(u64)lg_tcall_back,
		  "task A's EIP saved in its TSS");
	report_eq(lg_tss_b.ebx, 0x5a5a5a5a, "task B's EBX saved at its IRET");
	report_eq(lg_tr_a, SEL_TSS_A, "TR back in task A");
	report_eq(lg_flags_a & EFLAGS_NT, 0, "NT clear back in task A");
	report_eq(lg_ebx_a, 0xa5a5a5a5, "task A's EBX restored");
	report(busy(lg_desc_a_hi), "task A busy after the return");
	report(!busy(lg_desc_b_hi), "IRET cleared task B's busy flag");
	report_eq(lg_cr0_b & CR0_TS, CR0_TS, "CR0.TS set by the task switch");
	report_eq(lg_ldtr_b, SEL_LDT, "LDTR in task B from its TSS");
	report_eq(lg_ldtr_a, 0, "LDTR back in task A: A's TSS field (null)");
}

/*
 * JMP to a TSS (SDM vol. 3A 7.3, 7.4 and its table of the busy flag, NT
 * and the previous task link by CALL, JMP and IRET): task B runs with
 * NT = 0, B busy, A's busy flag cleared, no back-link written.
 */
TEST_CASE(legacy_task_jmp)
{
	struct pm32_stop st;

	lg_setup((u32)(u64)lg_task_bj);
	lg_flags_b = EFLAGS_NT;
	st = pm32_run(lg_tjmp, 0);
	if (!report(!st.raised, "JMP to TSS B reaches pm32_land")) {
		report_info("stopped by vector %u, error code %#x, at %#x",
			    st.vector, st.error_code, st.eip);
		return;
	}
	report_eq(lg_tr_b, SEL_TSS_B, "TR in task B");
	report_eq(lg_flags_b & EFLAGS_NT, 0, "NT clear in task B");
	report_eq(lg_tss_b.link, 0, "no back-link written");
	report(!busy(lg_desc_a_hi), "JMP cleared task A's busy flag");
	report(busy(lg_desc_b_hi), "task B busy");
}

/*
 * CALL or JMP to the busy TSS of the running task: #GP(selector) (SDM
 * vol. 2A CALL and JMP, "IF TSS descriptor specifies that the TSS is
 * busy"); IRET with NT = 1 whose back-link TSS is available:
 * #TS(back-link selector) (vol. 2A IRET, TASK-RETURN).
 */
TEST_CASE(legacy_task_faults)
{
	struct pm32_stop st;

	lg_setup(0);
	st = pm32_run(lg_call_busy, 0);
	report_eq(st.vector, GP_VECTOR, "CALL to the busy TSS A: #GP");
	report_eq(st.error_code, SEL_TSS_A, "error code = A's selector");
	lg_setup(0);
	st = pm32_run(lg_jmp_busy, 0);
	report_eq(st.vector, GP_VECTOR, "JMP to the busy TSS A: #GP");
	report_eq(st.error_code, SEL_TSS_A, "error code = A's selector");
	lg_setup(0);
	lg_tss_a.link = SEL_TSS_B;
	st = pm32_run(lg_iret_nt, 0);
	report_eq(st.vector, TS_VECTOR,
		  "IRET (NT = 1) to the available TSS B: #TS");
	report_eq(st.error_code, SEL_TSS_B, "error code = B's selector");
	report_eq(st.eip, (u32)(u64)lg_iret_nt_insn, "EIP saved is the IRET's");
}

static struct pm32_stop pvi_run(bool pvi, u32 eflags)
{
	u64 cr4 = read_cr4();
	struct pm32_stop st;

	lg_setup(0);
	write_cr4(pvi ? cr4 | CR4_PVI : cr4 & ~CR4_PVI);
	st = pm32_run(lg_pvi, eflags);
	write_cr4(cr4);
	return st;
}

/*
 * CLI and STI at CPL3 with IOPL 0 (SDM vol. 2A CLI, vol. 2B STI
 * "Operation"; vol. 3A 20.4): with CR4.PVI = 1 CLI clears VIF and STI sets
 * it, IF unchanged; STI with VIP = 1 is #GP(0); with CR4.PVI = 0 CLI is
 * #GP(0).
 */
TEST_CASE(legacy_pvi, .features = CPU_FEATURES(FEATURE_VME))
{
	struct pm32_stop st;

	st = pvi_run(true, 0x2 | EFLAGS_VIF);
	if (report_eq(st.vector, UD_VECTOR,
		      "CLI and STI at CPL3, PVI: no #GP")) {
		report_eq(st.cs, PM32_CS3, "at CPL3");
		report_eq(st.ebx & (EFLAGS_VIF | EFLAGS_IF), 0,
			  "CLI cleared VIF, IF stays 0");
		report_eq(st.ecx & (EFLAGS_VIF | EFLAGS_IF), EFLAGS_VIF,
			  "STI set VIF, not IF");
	}
	st = pvi_run(true, 0x2 | EFLAGS_VIP);
	report_eq(st.vector, GP_VECTOR, "STI with VIP = 1: #GP");
	report_eq(st.error_code, 0, "error code 0");
	report_eq(st.eip, (u32)(u64)lg_pvi_sti, "EIP saved is the STI's");
	st = pvi_run(false, 0x2 | EFLAGS_VIF);
	report_eq(st.vector, GP_VECTOR, "CLI at CPL3, CR4.PVI = 0: #GP");
	report_eq(st.eip, (u32)(u64)lg_pvi_cli, "EIP saved is the CLI's");
}

/*
 * INT3 through a task gate in the IDT (SDM vol. 3A 6.12.2 interrupt tasks,
 * 7.3, 7.4): task B runs nested (NT = 1, back-link = A, A stays busy), no
 * error code; its IRET returns to A after the INT3 and clears B's busy
 * flag.
 */
TEST_CASE(legacy_task_int)
{
	u64 gate = pm32_make_gate(SEL_TSS_B, 0, SEG_P | SYS_TASK_GATE, 0);
	struct pm32_stop st;

	lg_setup((u32)(u64)lg_task_b);
	lg_idt_gate[0] = (u32)gate;
	lg_idt_gate[1] = (u32)(gate >> 32);
	lg_flags_b = lg_desc_a_hi = lg_desc_b_hi = 0;
	lg_in_b_a_hi = lg_in_b_b_hi = 0;
	lg_tr_b = 0;
	st = pm32_run(lg_tint, 0);
	if (!report(!st.raised,
		    "INT3 through the task gate and IRET reach pm32_land")) {
		report_info("stopped by vector %u, error code %#x, at %#x",
			    st.vector, st.error_code, st.eip);
		return;
	}
	report_eq(lg_tr_b, SEL_TSS_B, "TR in task B");
	report_eq(lg_flags_b & EFLAGS_NT, EFLAGS_NT, "NT set in task B");
	report_eq(lg_tss_b.link, SEL_TSS_A, "task B's back-link = A");
	report(busy(lg_in_b_a_hi), "task A still busy (nested)");
	report_eq(lg_tss_a.eip, (u32)(u64)lg_tint_back,
		  "task A's EIP saved: the instruction after INT3");
	report_eq(lg_tr_a, SEL_TSS_A, "TR back in task A");
	report_eq(lg_ebx_a, 0xa5a5a5a5, "task A's EBX restored");
	report(!busy(lg_desc_b_hi), "IRET cleared task B's busy flag");
}

/*
 * #GP through a task gate in the IDT (SDM vol. 3A 6.12.2, 7.3: the error
 * code goes on the new task's stack): task B runs nested with the error
 * code (A's selector, from CALL to the busy TSS A) at its ESP, TSS.ESP - 4;
 * A's saved EIP is the faulting CALL.
 */
TEST_CASE(legacy_task_exception)
{
	u64 gate = pm32_make_gate(SEL_TSS_B, 0, SEG_P | SYS_TASK_GATE, 0);
	struct pm32_stop st;

	lg_setup((u32)(u64)lg_task_gp);
	lg_idt_gate[0] = (u32)gate;
	lg_idt_gate[1] = (u32)(gate >> 32);
	lg_flags_b = lg_b_err = lg_b_esp = lg_in_b_a_hi = 0;
	lg_tr_b = 0;
	st = pm32_run(lg_tgp, 0);
	if (!report(!st.raised, "#GP through the task gate reaches task B")) {
		report_info("stopped by vector %u, error code %#x, at %#x",
			    st.vector, st.error_code, st.eip);
		return;
	}
	report_eq(lg_tr_b, SEL_TSS_B, "TR in task B");
	report_eq(lg_b_err, SEL_TSS_A, "error code on task B's stack");
	report_eq(lg_b_esp, lg_tss_b.esp - 4, "task B's ESP = TSS.ESP - 4");
	report_eq(lg_flags_b & EFLAGS_NT, EFLAGS_NT, "NT set in task B");
	report_eq(lg_tss_b.link, SEL_TSS_A, "task B's back-link = A");
	report(busy(lg_in_b_a_hi), "task A still busy (nested)");
	report_eq(lg_tss_a.eip, (u32)(u64)lg_tgp_insn,
		  "task A's EIP saved: the faulting CALL");
}

/*
 * A far CALL at CPL3 through a DPL3 16-bit call gate with a count of 2
 * (words) to DPL0 code (SDM vol. 3A 5.8.3, 5.8.5: a 16-bit gate makes the
 * pushes 16 bits wide): on the TSS.SS0:ESP0 stack, IP, CS, the 2 words
 * in their order, SP and SS, each a word (ESP0 - 12). The gate's 16-bit
 * offset is taken from a code segment based at the target's 64 KiB.
 */
TEST_CASE(legacy_call_gate16)
{
	u32 top = (u32)(u64)(lg_stack_k + sizeof(lg_stack_k));
	u32 user_top = (u32)(u64)(lg_stack_u + sizeof(lg_stack_u));
	u32 target = (u32)(u64)lg_gate16_target;
	u8 code = SEG_P | SEG_S | SEG_CODE_XR | SEG_ACCESSED;
	struct pm32_stop st;

	lg_setup(0);
	pm32_gdt_set(4, pm32_make_gate(SEL_CODE_HI, target & 0xffff,
				       SEG_P | SEG_DPL(3) | SYS_CALL_GATE16,
				       PARAMS16));
	pm32_gdt_set(5, segdesc_make(target & ~0xffffu, 0xfffff, code,
				     SEG_G | SEG_DB));
	memset(lg_frame16, 0, sizeof(lg_frame16));
	lg_gate_cs = lg_gate_ss = lg_gate_esp = 0;
	st = pm32_run(lg_cg16, 0);
	if (!report(!st.raised,
		    "CALL through the 16-bit gate reaches its target")) {
		report_info("stopped by vector %u, error code %#x, at %#x",
			    st.vector, st.error_code, st.eip);
		return;
	}
	report_eq(lg_gate_cs, SEL_CODE_HI, "CS at the gate's target");
	report_eq(lg_gate_ss, PM32_DS, "SS = TSS.SS0");
	report_eq(lg_gate_esp, top - (PARAMS16 + 4) * 2,
		  "ESP = TSS.ESP0 - 2 * (2 words + 4)");
	report_eq(lg_frame16[0], (u32)(u64)lg_cg16_back & 0xffff,
		  "IP pushed (a word)");
	report_eq(lg_frame16[1], PM32_CS3, "CS pushed");
	report_eq(lg_frame16[2], 0x2222, "word 2 (last pushed) copied");
	report_eq(lg_frame16[3], 0x1111, "word 1 copied");
	report_eq(lg_frame16[4], (user_top - PARAMS16 * 2) & 0xffff,
		  "caller's SP pushed");
	report_eq(lg_frame16[5], PM32_DS3, "caller's SS pushed");
}
