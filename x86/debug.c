// SPDX-License-Identifier: GPL-2.0-only
/*
 * debug: debug registers and debug exceptions (Intel SDM vol. 3A ch. 18:
 * 18.2 DR0-DR7, 18.2.2 DR4/DR5 aliasing and CR4.DE, 18.2.3 DR6 (bits the
 * processor sets and never clears), 18.2.4 DR7 (L0-L3, R/W0-R/W3, LEN0-LEN3,
 * GD), 18.2.5 breakpoint field recognition, 18.3.1 debug exception
 * conditions: instruction breakpoints are faults, data breakpoints and
 * single-step are traps, RF suppresses instruction breakpoints (18.3.1.1),
 * general detect (18.3.1.2), single-step (18.3.1.4: no trap after the
 * instruction that sets TF); vol. 3A 6.8.3 and vol. 2B MOV/POP: loading SS
 * holds debug exceptions until after the next instruction; vol. 2B STI,
 * IRET, SYSCALL/SYSRET, MOV to/from DR (#GP for bits 63:32 of DR6/DR7,
 * #UD for DR4/DR5 with CR4.DE = 1)).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/paging.h>
#include <x86/usermode.h>

#define X86_EFLAGS_RF BIT(16)

#define DR6_B(n) BIT(n)
#define DR6_B_ALL 0xfULL
#define DR6_BLD BIT(11)
#define DR6_BD BIT(13)
#define DR6_BS BIT(14)
#define DR6_BT BIT(15)
#define DR6_RTM BIT(16)
#define DR6_INIT 0xffff0ff0ULL /* 18.2.3: no condition recorded */
#define DR7_FIXED 0x400ULL /* bit 10 reads 1 */
#define DR7_L(n) BIT(2 * (n))
#define DR7_GD BIT(13)
#define DR7_RW(n, rw) ((u64)(rw) << (16 + 4 * (n)))
#define DR7_LEN(n, len) ((u64)(len) << (18 + 4 * (n)))
#define RW_EXEC 0
#define RW_WRITE 1
#define RW_ACCESS 3
#define MAX_EVENTS 8
#define __stringify(x) #x
#define stringify(x) __stringify(x)

extern char exec_target[], mss_2[], mss_4[], mss_5[];
extern char pss_2[], pss_4[], pss_5[];
extern char sti_2[], sti_3[], sti_4[];
extern char iret_a_insn[], iret_a_t1[], iret_a_t2[], iret_b_t1[], iret_b_t2[];
extern char user_syscall[], us_sys[], us_after[], us_after2[];
extern char sys_entry[], sys_ret[];
extern u64 pss_saved_rsp;
void pop_ss_run(void);

/*
 * exec_target: one instruction to put instruction breakpoints on.
 * pop_ss_run: single-steps NOP, POP SS, NOP, NOP in compatibility mode
 * (POP SS is invalid in 64-bit mode), entered and left by far transfers
 * through KERNEL_CS32 and KERNEL_CS.
 */
/* clang-format off */
asm(".pushsection .text\n"
    ".globl exec_target\n"
    "exec_target: nop\n"
    "	ret\n"
    ".globl pop_ss_run, pss_2, pss_4, pss_5\n"
    "pop_ss_run:\n"
    "	mov %rsp, pss_saved_rsp(%rip)\n"
    "	pushq $" stringify(KERNEL_CS32) "\n"
    "	lea 1f(%rip), %rax\n"
    "	push %rax\n"
    "	lretq\n"
    ".code32\n"
    "1:	push %ss\n"
    "	pushf\n"
    "	orl $0x100, (%esp)\n"
    "	popf\n"
    "	nop\n"
    "pss_2: pop %ss\n"
    "	nop\n"
    "pss_4: nop\n"
    "pss_5: ljmp $" stringify(KERNEL_CS) ", $2f\n"
    ".code64\n"
    "2:	mov pss_saved_rsp(%rip), %rsp\n"
    "	ret\n"
    ".popsection\n"
    ".pushsection .bss\n"
    ".balign 8\n"
    "pss_saved_rsp: .skip 8\n"
    ".popsection\n");
/* clang-format on */

/*
 * CPL3 code for step_syscall (this file's .text is mapped user-accessible
 * by the test): SYSCALL with TF = 1 to sys_entry, which SYSRETs back.
 */
asm(".pushsection .text\n"
    ".globl user_syscall, us_sys, us_after, us_after2, sys_entry, sys_ret\n"
    "user_syscall:\n"
    "	pushf\n"
    "	orq $0x100, (%rsp)\n"
    "	popf\n"
    "	nop\n"
    "us_sys: syscall\n"
    "us_after: nop\n"
    "us_after2: ret\n"
    "sys_entry: nop\n"
    "sys_ret: sysretq\n"
    ".popsection\n");

struct db_event {
	u64 rip, cs, rflags, dr6;
};

static struct {
	struct db_event ev[MAX_EVENTS];
	unsigned int n;
	unsigned int tf_steps; /* clear TF at this many events */
	unsigned int rf_from; /* set RF from this event on (1-based) */
	bool reset_dr6;
} db;

static void db_handler(struct ex_regs *regs)
{
	unsigned int i = db.n++;

	if (i < MAX_EVENTS)
		db.ev[i] = (struct db_event){regs->rip, regs->cs, regs->rflags,
					     read_dr6()};
	if (db.reset_dr6)
		write_dr6(DR6_INIT);
	if (db.rf_from && db.n >= db.rf_from)
		regs->rflags |= X86_EFLAGS_RF;
	if (db.n >= db.tf_steps)
		regs->rflags &= ~X86_EFLAGS_TF;
	/* A runaway breakpoint: stop it, the checks will fail. */
	if (db.n >= MAX_EVENTS)
		write_dr7(DR7_FIXED);
}

static void dr_clear(void)
{
	write_dr7(DR7_FIXED);
	write_dr0(0);
	write_dr1(0);
	write_dr2(0);
	write_dr3(0);
	write_dr6(DR6_INIT);
}

static exception_handler_t db_start(unsigned int tf_steps, unsigned int rf_from,
				    bool reset_dr6)
{
	dr_clear();
	memset(&db, 0, sizeof(db));
	db.tf_steps = tf_steps;
	db.rf_from = rf_from;
	db.reset_dr6 = reset_dr6;
	return x86_set_handler(DB_VECTOR, db_handler);
}

static void db_stop(exception_handler_t old)
{
	x86_set_handler(DB_VECTOR, old);
	dr_clear();
}

static void set_dr(unsigned int n, u64 v)
{
	switch (n) {
	case 0:
		write_dr0(v);
		break;
	case 1:
		write_dr1(v);
		break;
	case 2:
		write_dr2(v);
		break;
	default:
		write_dr3(v);
		break;
	}
}

static u64 get_dr(unsigned int n)
{
	switch (n) {
	case 0:
		return read_dr0();
	case 1:
		return read_dr1();
	case 2:
		return read_dr2();
	default:
		return read_dr3();
	}
}

/* DR6 after writing 0: reserved bits read 1, bit 12 reads 0 (18.2.3). */
static u64 dr6_zero_value(void)
{
	u64 v = DR6_INIT & ~(DR6_B_ALL | DR6_BD | DR6_BS | DR6_BT);

	if (cpu_has(X86_FEATURE_RTM))
		v &= ~DR6_RTM;
	if (cpu_has(X86_FEATURE_BUS_LOCK_DETECT))
		v &= ~DR6_BLD;
	return v;
}

TEST_CASE(registers)
{
	u64 v = DR6_BT | DR6_BS | DR6_BD | DR6_B_ALL;

	for (unsigned int n = 0; n < 4; n++) {
		set_dr(n, 0x123456789a0ULL + n);
		report_eq(get_dr(n), 0x123456789a0ULL + n, "DR%u reads back",
			  n);
	}
	write_dr6(0);
	report_eq(read_dr6(), dr6_zero_value(),
		  "DR6 written 0: reserved bits 31:16 and 11:4 read 1, bit 12 "
		  "reads 0");
	write_dr6(v);
	report_eq(read_dr6() & v, v, "DR6 B0-B3, BD, BS, BT are writable");
	write_dr7(0);
	report_eq(read_dr7(), DR7_FIXED,
		  "DR7 written 0 reads 0x400 (bit 10 is 1)");
	/* vol. 2B MOV to DR: a 1 in bits 63:32 of DR6 or DR7 raises #GP(0). */
	report_fault(fault_probe("mov %0, %%dr6",
				 :
				 : "r"(BIT(32) | DR6_INIT)),
		     FAULT_GP(0), "DR6 bit 32 set: #GP(0)");
	report_fault(fault_probe("mov %0, %%dr7",
				 :
				 : "r"(BIT(63) | DR7_FIXED)),
		     FAULT_GP(0), "DR7 bit 63 set: #GP(0)");
	dr_clear();
}

/* 18.3.1.1: an instruction breakpoint is a fault, reported before the instruction runs. */
TEST_CASE(exec_breakpoint)
{
	for (unsigned int n = 0; n < 4; n++) {
		exception_handler_t old = db_start(~0U, 1, false);

		set_dr(n, (u64)exec_target);
		write_dr7(DR7_FIXED | DR7_L(n) | DR7_RW(n, RW_EXEC) |
			  DR7_LEN(n, 0));
		asm volatile("call exec_target" : : : "memory");
		db_stop(old);
		report_prefix_pushf("DR%u", n);
		report_eq(db.n, 1, "one #DB");
		report_eq(db.ev[0].rip, (u64)exec_target,
			  "fault: RIP is the breakpoint address");
		report_eq(db.ev[0].dr6 & (DR6_B_ALL | DR6_BS | DR6_BD | DR6_BT),
			  DR6_B(n), "DR6: B%u only", n);
		report_prefix_pop();
	}
}

/*
 * 18.3.1.1: RF = 1 in the EFLAGS image makes the return to the
 * breakpointed instruction skip the breakpoint once; the processor
 * clears RF after that instruction, so the next execution breaks again.
 * The handler returns without RF the first time (the same fault again),
 * then with RF.
 */
TEST_CASE(resume_flag)
{
	exception_handler_t old = db_start(~0U, 2, false);
	u64 flags;

	write_dr0((u64)exec_target);
	write_dr7(DR7_FIXED | DR7_L(0));
	asm volatile("call exec_target" : : : "memory");
	report_eq(db.n, 2,
		  "without RF the instruction faults again; with RF it runs");
	asm volatile("call exec_target" : : : "memory");
	report_eq(db.n, 3,
		  "RF cleared after the instruction: the next call breaks");
	flags = read_rflags();
	db_stop(old);
	report_eq(db.ev[0].rip, (u64)exec_target,
		  "first #DB at the breakpoint");
	report_eq(db.ev[1].rip, (u64)exec_target,
		  "second #DB at the breakpoint");
	report(!(flags & X86_EFLAGS_RF), "RF clear afterwards");
}

static u8 len_code(unsigned int len)
{
	/* 18.2.4 LEN: 00 1 byte, 01 2 bytes, 10 8 bytes (IA-32e mode), 11 4 bytes. */
	return len == 1 ? 0 : len == 2 ? 1 : len == 8 ? 2 : 3;
}

static u64 watched[4] __aligned(64);

static struct fault store_byte(u8 *p)
{
	return fault_probe("movb $0x5a, (%0)", : : "r"(p) : "memory");
}

static struct fault load_byte(u8 *p)
{
	u8 v;

	return fault_probe("movb (%1), %0", : "=q"(v) : "r"(p) : "memory");
}

static struct fault store_word(u8 *p)
{
	return fault_probe("movw $0x5a5a, (%0)", : : "r"(p) : "memory");
}

static const struct fault db_trap = FAULT(DB_VECTOR, 0);

/* DR6 shows exactly breakpoint N matched, then is reset. */
static void check_dr6(unsigned int n, const char *what)
{
	report_eq(read_dr6() & DR6_B_ALL, DR6_B(n), "%s: DR6.B%u", what, n);
	write_dr6(DR6_INIT);
}

/*
 * 18.2.5: a data breakpoint matches any access that touches a byte of
 * [DRn, DRn + LEN); 18.3.1.1: it is a trap, reported after the access.
 */
TEST_CASE(data_breakpoint)
{
	static const unsigned int lens[] = {1, 2, 4, 8};

	for (unsigned int n = 0; n < 4; n++) {
		for (unsigned int i = 0; i < ARRAY_SIZE(lens); i++) {
			unsigned int len = lens[i];
			u8 *p = (u8 *)&watched[1];

			dr_clear();
			report_prefix_pushf("DR%u len %u", n, len);
			set_dr(n, (u64)p);
			write_dr7(DR7_FIXED | DR7_L(n) | DR7_RW(n, RW_WRITE) |
				  DR7_LEN(n, len_code(len)));
			report_fault(store_byte(p + len - 1), db_trap,
				     "write: store to the last byte traps");
			check_dr6(n, "write");
			report_fault(store_word(p - 1), db_trap,
				     "write: store overlapping the first byte "
				     "traps");
			check_dr6(n, "write overlap");
			report_fault(store_byte(p + len), FAULT_NONE,
				     "write: store to the byte after the "
				     "range: no #DB");
			report_fault(load_byte(p), FAULT_NONE,
				     "write: a load does not match R/W = 01");
			write_dr7(DR7_FIXED | DR7_L(n) | DR7_RW(n, RW_ACCESS) |
				  DR7_LEN(n, len_code(len)));
			report_fault(
				load_byte(p + len - 1), db_trap,
				"read/write: load from the last byte traps");
			check_dr6(n, "read/write");
			report_fault(
				store_byte(p), db_trap,
				"read/write: store to the first byte traps");
			check_dr6(n, "read/write store");
			report_prefix_pop();
		}
	}
	dr_clear();
}

/*
 * 18.2.3: the processor sets B0-B3 (and may clear the ones of other
 * breakpoints) but never clears BD, BS or BT: software does.
 */
TEST_CASE(dr6_sticky)
{
	exception_handler_t old;
	u8 *p = (u8 *)&watched[2];
	u64 dr6;

	dr_clear();
	write_dr6(DR6_INIT | DR6_BD | DR6_BT);
	write_dr1((u64)p);
	write_dr7(DR7_FIXED | DR7_L(1) | DR7_RW(1, RW_WRITE));
	report_fault(store_byte(p), db_trap, "data breakpoint DR1 traps");
	dr6 = read_dr6();
	report(dr6 & DR6_B(1), "DR6.B1 set (DR6 %#lx)", dr6);
	report_eq(dr6 & (DR6_BD | DR6_BT), DR6_BD | DR6_BT,
		  "BD and BT set by software stay set");

	old = db_start(1, 0, false);
	write_dr6(DR6_INIT | DR6_BD | DR6_BT);
	asm volatile("pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "nop\n\t"
		     "nop"
		     :
		     :
		     : "memory");
	report_eq(db.n, 1, "one single-step trap");
	report_eq(db.ev[0].dr6 & (DR6_BS | DR6_BD | DR6_BT),
		  DR6_BS | DR6_BD | DR6_BT,
		  "single-step sets BS, keeps BD and BT");
	x86_set_handler(DB_VECTOR, old);

	write_dr0((u64)p);
	write_dr7(DR7_FIXED | DR7_L(0) | DR7_RW(0, RW_WRITE));
	report_fault(store_byte(p), db_trap, "data breakpoint DR0 traps");
	dr6 = read_dr6();
	report(dr6 & DR6_B(0), "DR6.B0 set (DR6 %#lx)", dr6);
	report_eq(dr6 & (DR6_BS | DR6_BD | DR6_BT), DR6_BS | DR6_BD | DR6_BT,
		  "a data breakpoint keeps BS, BD and BT");
	dr_clear();
}

/*
 * 18.2.4, 18.3.1.2: with DR7.GD = 1 any MOV to or from a debug register
 * raises #DB (a fault: the MOV does not run) with DR6.BD = 1, and the
 * processor clears GD on entry to the handler.
 */
TEST_CASE(general_detect)
{
	u64 v = 0;

	dr_clear();
	write_dr0(0x1000);
	write_dr7(DR7_FIXED | DR7_GD);
	report_fault(fault_probe("mov %0, %%dr0",
				 :
				 : "r"(0x2000ULL)),
		     FAULT(DB_VECTOR, 0), "MOV to DR0 with GD = 1 raises #DB");
	report(read_dr6() & DR6_BD, "DR6.BD set");
	report_eq(read_dr7() & DR7_GD, 0,
		  "GD cleared on entry to the #DB handler");
	report_eq(read_dr0(), 0x1000, "the MOV to DR0 did not execute (fault)");
	write_dr6(DR6_INIT);
	write_dr7(DR7_FIXED | DR7_GD);
	report_fault(fault_probe("mov %%dr6, %0",
				 : "=r"(v)),
		     FAULT(DB_VECTOR, 0),
		     "MOV from DR6 with GD = 1 raises #DB");
	report(read_dr6() & DR6_BD, "DR6.BD set");
	write_dr7(DR7_FIXED);
	report_fault(fault_probe("mov %%dr0, %0",
				 : "=r"(v)),
		     FAULT_NONE, "with GD = 0 MOV from DR0 raises nothing");
	dr_clear();
}

static void report_steps(const char *what, const u64 *rips, unsigned int n)
{
	report_eq(db.n, n, "%s: %u single-step traps", what, n);
	for (unsigned int i = 0; i < n && i < db.n; i++) {
		report_eq(db.ev[i].rip, rips[i], "%s: trap %u RIP", what,
			  i + 1);
		report(db.ev[i].dr6 & DR6_BS, "%s: trap %u DR6.BS set", what,
		       i + 1);
	}
}

/* 18.3.1.4: one trap after each instruction, none after the POPF that sets TF. */
TEST_CASE(single_step)
{
	exception_handler_t old = db_start(3, 0, true);
	u64 rips[3];
	extern char ss_2[], ss_3[], ss_4[];

	asm volatile("pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "nop\n\t"
		     ".globl ss_2, ss_3, ss_4\n"
		     "ss_2: mov $1, %%eax\n\t"
		     "ss_3: add %%eax, %%eax\n\t"
		     "ss_4: nop"
		     :
		     :
		     : "rax", "memory");
	db_stop(old);
	rips[0] = (u64)ss_2;
	rips[1] = (u64)ss_3;
	rips[2] = (u64)ss_4;
	report_steps("NOP, MOV, ADD", rips, 3);
	report_eq(db.ev[0].dr6 & (DR6_B_ALL | DR6_BD), 0, "B0-B3 and BD clear");
}

/* vol. 2B MOV: MOV to SS holds the single-step trap until after the next instruction. */
TEST_CASE(step_mov_ss)
{
	exception_handler_t old = db_start(3, 0, true);
	u64 rips[3] = {(u64)mss_2, (u64)mss_4, (u64)mss_5};

	asm volatile("mov %%ss, %%eax\n\t"
		     "pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "nop\n\t"
		     ".globl mss_2, mss_4, mss_5\n"
		     "mss_2: mov %%eax, %%ss\n\t"
		     "nop\n\t"
		     "mss_4: nop\n\t"
		     "mss_5:"
		     :
		     :
		     : "rax", "memory");
	db_stop(old);
	report_steps("NOP, MOV SS, NOP, NOP", rips, 3);
}

/* vol. 2B POP: like MOV SS (compatibility mode: POP SS is #UD in 64-bit mode). */
TEST_CASE(step_pop_ss)
{
	exception_handler_t old = db_start(3, 0, true);
	u64 rips[3] = {(u64)pss_2, (u64)pss_4, (u64)pss_5};

	pop_ss_run();
	db_stop(old);
	report_steps("NOP, POP SS, NOP, NOP", rips, 3);
	report_eq(db.ev[0].cs, KERNEL_CS32,
		  "traps taken in compatibility mode");
}

/*
 * vol. 2B STI: STI holds maskable interrupts for one instruction, not
 * debug exceptions: the trap comes right after STI.
 */
TEST_CASE(step_sti)
{
	exception_handler_t old = db_start(3, 0, true);
	u64 rips[3] = {(u64)sti_2, (u64)sti_3, (u64)sti_4};

	asm volatile("cli\n\t"
		     "pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "nop\n\t"
		     ".globl sti_2, sti_3, sti_4\n"
		     "sti_2: sti\n\t"
		     "sti_3: nop\n\t"
		     "sti_4: cli"
		     :
		     :
		     : "memory");
	db_stop(old);
	report_steps("NOP, STI, NOP", rips, 3);
	report(db.ev[1].rflags & X86_EFLAGS_IF, "IF = 1 in the trap after STI");
}

/*
 * IRET executed with TF = 1 traps at its target; an IRET that sets TF
 * (TF = 0 before) does not trap, the next instruction does (18.3.1.4).
 */
TEST_CASE(step_iret)
{
	exception_handler_t old = db_start(3, 0, true);
	u64 rips_a[3] = {(u64)iret_a_insn, (u64)iret_a_t1, (u64)iret_a_t2};
	u64 rips_b[1] = {(u64)iret_b_t2};

	asm volatile("mov %%rsp, %%rax\n\t"
		     "pushq %[ss]\n\t"
		     "push %%rax\n\t"
		     "pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "pushq %[cs]\n\t"
		     "lea iret_a_t1(%%rip), %%rax\n\t"
		     "push %%rax\n\t"
		     "pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "nop\n\t"
		     ".globl iret_a_insn, iret_a_t1, iret_a_t2\n"
		     "iret_a_insn: iretq\n\t"
		     "iret_a_t1: nop\n\t"
		     "iret_a_t2: nop"
		     :
		     : [ss] "i"(KERNEL_DS), [cs] "i"(KERNEL_CS)
		     : "rax", "memory");
	report_steps("TF = 1 across IRET", rips_a, 3);

	memset(&db, 0, sizeof(db));
	db.tf_steps = 1;
	db.reset_dr6 = true;
	asm volatile("mov %%rsp, %%rax\n\t"
		     "pushq %[ss]\n\t"
		     "push %%rax\n\t"
		     "pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "pushq %[cs]\n\t"
		     "lea iret_b_t1(%%rip), %%rax\n\t"
		     "push %%rax\n\t"
		     "iretq\n\t"
		     ".globl iret_b_t1, iret_b_t2\n"
		     "iret_b_t1: nop\n\t"
		     "iret_b_t2: nop"
		     :
		     : [ss] "i"(KERNEL_DS), [cs] "i"(KERNEL_CS)
		     : "rax", "memory");
	db_stop(old);
	report_steps("IRET setting TF", rips_b, 1);
}

/* CPL3 calls on the library's all-user tables (usermode.h). */
static struct fault user_run(const char *fn)
{
	struct fault f;
	u64 stack_top, old_cr3;

	old_cr3 = pt_switch(usermode_flat_tables(&stack_top));
	f = usermode_call((u64)usermode_text, usermode_call_fn, (u64)fn, 0,
			  stack_top, NULL);
	write_cr3(old_cr3);
	return f;
}

/*
 * TF = 1 throughout (IA32_FMASK = 0): traps after SYSCALL at the LSTAR
 * target at CPL0, inside the kernel, and after SYSRET at the user
 * return address at CPL3 (vol. 2B SYSCALL, SYSRET; vol. 3A 18.3.1.4).
 */
TEST_CASE(step_syscall)
{
	u64 efer, star, lstar, fmask;
	u64 rips[5] = {(u64)us_sys, (u64)sys_entry, (u64)sys_ret, (u64)us_after,
		       (u64)us_after2};
	u64 cs[5] = {USER_CS, KERNEL_CS, KERNEL_CS, USER_CS, USER_CS};
	exception_handler_t old;

	if (!cpu_has(X86_FEATURE_SYSCALL))
		return report_skip(
			"SYSCALL not enumerated (CPUID.80000001H:EDX.SYSCALL)");
	efer = rdmsr(MSR_EFER);
	star = rdmsr(MSR_STAR);
	lstar = rdmsr(MSR_LSTAR);
	fmask = rdmsr(MSR_SFMASK);
	wrmsr(MSR_EFER, efer | EFER_SCE);
	/* SYSCALL: CS = STAR[47:32]; SYSRET: CS = STAR[63:48] + 16, SS + 8. */
	wrmsr(MSR_STAR, ((u64)(USER_CS32 & ~3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)sys_entry);
	wrmsr(MSR_SFMASK, 0);
	old = db_start(5, 0, true);
	report_fault(user_run(user_syscall), FAULT_NONE,
		     "CPL3 SYSCALL/SYSRET round trip raises nothing else");
	db_stop(old);
	wrmsr(MSR_SFMASK, fmask);
	wrmsr(MSR_LSTAR, lstar);
	wrmsr(MSR_STAR, star);
	wrmsr(MSR_EFER, efer);
	report_steps("NOP, SYSCALL, NOP, SYSRET, NOP", rips, 5);
	for (unsigned int i = 0; i < 5 && i < db.n; i++)
		report_eq(db.ev[i].cs & 0xffff, cs[i], "trap %u CS", i + 1);
}

/*
 * 18.2.2: with CR4.DE = 0, DR4 and DR5 are aliases of DR6 and DR7; with
 * CR4.DE = 1 a MOV that names them raises #UD.
 */
TEST_CASE(dr4_dr5)
{
	u64 cr4 = read_cr4(), v = 0;

	dr_clear();
	write_cr4(cr4 & ~X86_CR4_DE);
	write_dr6(DR6_INIT | DR6_B(2));
	asm volatile("mov %%dr4, %0" : "=r"(v));
	report_eq(v, read_dr6(), "CR4.DE = 0: DR4 reads DR6");
	asm volatile("mov %0, %%dr4" : : "r"(DR6_INIT | DR6_B(3)));
	report_eq(read_dr6() & DR6_B_ALL, DR6_B(3),
		  "CR4.DE = 0: DR4 writes DR6");
	asm volatile("mov %0, %%dr5" : : "r"(DR7_FIXED | BIT(8)));
	report_eq(read_dr7(), DR7_FIXED | BIT(8),
		  "CR4.DE = 0: DR5 writes DR7 (LE)");
	asm volatile("mov %%dr5, %0" : "=r"(v));
	report_eq(v, DR7_FIXED | BIT(8), "CR4.DE = 0: DR5 reads DR7");
	write_dr7(DR7_FIXED);

	write_cr4(cr4 | X86_CR4_DE);
	report_fault(fault_probe("mov %%dr4, %0",
				 : "=r"(v)),
		     FAULT_UD, "CR4.DE = 1: MOV from DR4 raises #UD");
	report_fault(fault_probe("mov %0, %%dr4",
				 :
				 : "r"(DR6_INIT)),
		     FAULT_UD, "CR4.DE = 1: MOV to DR4 raises #UD");
	report_fault(fault_probe("mov %%dr5, %0",
				 : "=r"(v)),
		     FAULT_UD, "CR4.DE = 1: MOV from DR5 raises #UD");
	report_fault(fault_probe("mov %0, %%dr5",
				 :
				 : "r"(DR7_FIXED)),
		     FAULT_UD, "CR4.DE = 1: MOV to DR5 raises #UD");
	write_cr4(cr4);
	dr_clear();
}
