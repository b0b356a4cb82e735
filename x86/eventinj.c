// SPDX-License-Identifier: GPL-2.0-only
/*
 * eventinj: exception and interrupt delivery rules (Intel SDM vol. 3A ch.
 * 6): exception classes and double faults (6.15 table 6-5, #DF on its IST
 * stack: 6.14.5), error codes of #NP/#GP/#SS for selectors and IDT gates
 * (6.13, 6.15), NMI handling (6.7.1: NMI taken inside an exception
 * handler; any IRET ends NMI blocking), the STI interrupt shadow and the
 * window it opens (6.8.3, vol. 2B STI), the MOV SS shadow for debug traps
 * (6.8.3, vol. 2B MOV), and software interrupts from CPL3: INT n gate
 * DPL checks, INTO (#UD in 64-bit mode), ICEBP without a DPL check (6.12.1.1,
 * vol. 2A INT n/INTO/INT3/INT1). NMIs landing on the STI and MOV SS
 * shadows (vol. 2B STI, MOV; vol. 3A 6.8.3), from PIT channel 0 routed
 * through the I/O APIC with NMI delivery (82093AA 3.2.4).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/exceptions.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/tsc.h>
#include <x86/paging.h>
#include <x86/pgtest.h>
#include <x86/usermode.h>
#include <x86/acpi.h>
#include <x86/ioapic.h>
#include <x86/irqsource.h>
#include <x86/smp.h>
#include <rand.h>

#define IPI_VECTOR 0x60
#define BACKSTOP_VECTOR 0x61
#define SOFT_VECTOR 0x80
#define WAIT_US 500000
#define NP_SLOT (TSS_SEL_BASE / 8 + 2 * (MAX_CPUS - 1))
#define NP_SEL (NP_SLOT * 8)

extern u64 gdt[];
extern char isr_stubs[];
extern char de_resume[], pf_resume[];
extern char ss_step_1[], ss_step_2[], ss_step_3[], ss_step_4[];
extern char user_ret[], user_int80[], user_int3[], user_icebp[], user_into[];

/* CPL3 code (called through usermode_call_fn once mapped user-accessible). */
asm(".pushsection .text\n"
    ".globl user_ret, user_int80, user_int3, user_icebp, user_into\n"
    "user_ret: ret\n"
    "user_int80: int $0x80\n ret\n"
    "user_int3: int3\n ret\n"
    "user_icebp: .byte 0xf1\n ret\n"
    "user_into: .byte 0xce\n ret\n"
    ".popsection");

static struct {
	unsigned int hits;
	u64 vector, error_code, frame;
} df;

static void df_handler(struct ex_regs *regs)
{
	df.hits++;
	df.error_code = regs->error_code;
	df.frame = (u64)regs;
	regs->rip = df.vector == DE_VECTOR ? (u64)de_resume : (u64)pf_resume;
}

static void check_df_frame(void)
{
	u64 top = tss_ist_top(0, IST_DF);

	report_eq(df.hits, 1, "#DF taken once");
	report_eq(df.error_code, 0, "#DF error code is 0");
	report(df.frame < top && df.frame >= top - 4096,
	       "#DF handler runs on its IST stack (frame %#lx, IST top %#lx)",
	       df.frame, top);
}

/* 6.15 table 6-5: #DE, then #NP (gate not present): contributory twice. */
TEST_CASE(df_contributory)
{
	exception_handler_t old = x86_set_handler(DF_VECTOR, df_handler);
	u32 a = 1;

	memset(&df, 0, sizeof(df));
	df.vector = DE_VECTOR;
	idt_set_present(DE_VECTOR, false);
	asm volatile("xor %%edx, %%edx\n\t"
		     "divl %1\n\t"
		     ".globl de_resume\n"
		     "de_resume:"
		     : "+a"(a)
		     : "r"(0)
		     : "rdx", "memory");
	idt_set_present(DE_VECTOR, true);
	x86_set_handler(DF_VECTOR, old);
	check_df_frame();
}

/* 6.15 table 6-5: #PF, then a contributory #NP: double fault. */
TEST_CASE(df_page_fault)
{
	exception_handler_t old = x86_set_handler(DF_VECTOR, df_handler);
	u64 v, addr = 4ULL << 30;

	memset(&df, 0, sizeof(df));
	df.vector = PF_VECTOR;
	idt_set_present(PF_VECTOR, false);
	asm volatile("mov (%1), %0\n\t"
		     ".globl pf_resume\n"
		     "pf_resume:"
		     : "=r"(v)
		     : "r"(addr)
		     : "memory");
	idt_set_present(PF_VECTOR, true);
	x86_set_handler(DF_VECTOR, old);
	check_df_frame();
}

/*
 * 6.15 table 6-5: a benign exception (#UD) whose gate is not present is
 * followed by #NP, handled serially; the error code names the IDT entry
 * (6.13: IDT bit 1, EXT bit 0 because an exception was being delivered).
 */
TEST_CASE(benign_then_np)
{
	struct fault f;

	idt_set_present(UD_VECTOR, false);
	f = fault_probe("ud2", : : : "memory");
	idt_set_present(UD_VECTOR, true);
	report_fault(f, FAULT(NP_VECTOR, (UD_VECTOR << 3) | 2 | 1),
		     "#UD through a not-present gate gives #NP(IDT 6, EXT)");
}

TEST_CASE(selector_error_codes)
{
	u16 big = 0x1000, np = NP_SEL;
	u64 v, noncanon = 1ULL << 63;

	report_fault(fault_probe("mov %0, %%ds",
				 :
				 : "r"(big)),
		     FAULT_GP(big),
		     "DS load beyond the GDT limit: #GP(selector)");
	/* Writable data segment with P = 0 in a free TSS slot. */
	gdt[NP_SLOT] = 0x00cf93000000ffffULL & ~BIT(47);
	report_fault(fault_probe("mov %0, %%ds",
				 :
				 : "r"(np)),
		     FAULT(NP_VECTOR, np),
		     "DS load of a not-present segment: #NP(selector)");
	report_fault(fault_probe("mov %0, %%ss",
				 :
				 : "r"(np)),
		     FAULT(SS_VECTOR, np),
		     "SS load of a not-present segment: #SS(selector)");
	gdt[NP_SLOT] = 0;
	report_fault(fault_probe("mov (%%rsp, %1), %0",
				 : "=r"(v)
				 : "r"(noncanon)),
		     FAULT(SS_VECTOR, 0),
		     "non-canonical stack reference (RSP base): #SS(0)");
}

static volatile unsigned int nmi_hits, nmi_depth, nmi_max_depth;
static volatile bool in_ud_handler, nmi_during_ud;

static void nmi_counter(struct ex_regs *regs)
{
	nmi_hits++;
	if (in_ud_handler)
		nmi_during_ud = true;
}

static void ud_sends_nmi(struct ex_regs *regs)
{
	unsigned int before = nmi_hits;

	in_ud_handler = true;
	apic_self_nmi();
	wait_until(nmi_hits != before, WAIT_US);
	in_ud_handler = false;
	regs->rip += 2;
}

TEST_CASE(nmi_in_exception)
{
	exception_handler_t old_nmi = x86_set_handler(NMI_VECTOR, nmi_counter);
	exception_handler_t old_ud = x86_set_handler(UD_VECTOR, ud_sends_nmi);

	apic_init_cpu();
	nmi_hits = 0;
	nmi_during_ud = false;
	asm volatile("ud2" : : : "memory");
	x86_set_handler(UD_VECTOR, old_ud);
	x86_set_handler(NMI_VECTOR, old_nmi);
	report_eq(nmi_hits, 1, "self NMI sent from the #UD handler taken");
	report(nmi_during_ud, "NMI delivered inside the #UD handler");
}

static volatile bool nested_blocked;

static void ud_skip(struct ex_regs *regs)
{
	regs->rip += 2;
}

/*
 * First NMI: sends another (held: NMIs blocked), then takes #UD, whose
 * IRET ends the blocking (6.7.1), so the second nests right there.
 */
static void nmi_nesting(struct ex_regs *regs)
{
	unsigned int depth = ++nmi_depth;

	nmi_hits++;
	if (depth > nmi_max_depth)
		nmi_max_depth = depth;
	if (nmi_hits == 1) {
		apic_self_nmi();
		udelay(20000);
		nested_blocked = nmi_hits == 1;
		asm volatile("ud2" : : : "memory");
		wait_until(nmi_hits == 2, WAIT_US);
	}
	nmi_depth--;
}

TEST_CASE(iret_unblocks_nmi)
{
	exception_handler_t old_nmi = x86_set_handler(NMI_VECTOR, nmi_nesting);
	exception_handler_t old_ud = x86_set_handler(UD_VECTOR, ud_skip);

	apic_init_cpu();
	/* Nesting on one IST stack would overwrite the outer frame. */
	idt_set_gate(NMI_VECTOR, isr_stubs + 16 * NMI_VECTOR, 0, 0);
	nmi_hits = nmi_depth = nmi_max_depth = 0;
	apic_self_nmi();
	wait_until(nmi_hits >= 2, WAIT_US);
	idt_set_gate(NMI_VECTOR, isr_stubs + 16 * NMI_VECTOR, 0, IST_NMI);
	x86_set_handler(UD_VECTOR, old_ud);
	x86_set_handler(NMI_VECTOR, old_nmi);
	report(nested_blocked, "second NMI held while the first is handled");
	report_eq(nmi_hits, 2, "both NMIs delivered");
	report_eq(
		nmi_max_depth, 2,
		"IRET of a #UD handler inside the NMI handler unblocked NMIs");
}

static volatile u32 after_sti_1, after_sti_2, seen_1, seen_2;
static volatile unsigned int ipi_hits, backstop_hits;

static void ipi_handler(struct ex_regs *regs)
{
	seen_1 = after_sti_1;
	seen_2 = after_sti_2;
	ipi_hits++;
	apic_eoi();
}

static void backstop_handler(struct ex_regs *regs)
{
	backstop_hits++;
	apic_eoi();
}

TEST_CASE(sti_shadow)
{
	u64 rate_guard = us_to_tsc(100000);

	apic_init_cpu();
	irq_register(IPI_VECTOR, ipi_handler);
	irq_register(BACKSTOP_VECTOR, backstop_handler);
	ipi_hits = after_sti_1 = after_sti_2 = 0;
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | IPI_VECTOR);
	report(apic_vec_bit(APIC_IRR, IPI_VECTOR), "IPI pending with IF=0");
	asm volatile("sti\n\t"
		     "incl %0\n\t"
		     "incl %1\n\t"
		     "cli"
		     : "+m"(after_sti_1), "+m"(after_sti_2)
		     :
		     : "memory");
	report_eq(ipi_hits, 1, "pending IPI taken once IF=1");
	report_eq(seen_1, 1,
		  "the instruction after STI ran first (STI shadow)");
	report_eq(seen_2, 0, "the interrupt came right after the shadow");

	/* STI; HLT: the window opens after HLT starts, HLT wakes (6.8.3). */
	ipi_hits = backstop_hits = 0;
	apic_icr_write(0, APIC_DEST_SELF | APIC_DM_FIXED | IPI_VECTOR);
	/* A one-shot APIC timer ends a HLT that nothing else would end. */
	apic_write(APIC_TDCR, 0xb);
	apic_write(APIC_LVTT, BACKSTOP_VECTOR);
	apic_write(APIC_TMICT, (u32)MIN(rate_guard, 0xffffffffULL));
	safe_halt();
	irq_disable();
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	report_eq(ipi_hits, 1, "STI; HLT with an IPI pending: taken, HLT ends");
	report_eq(backstop_hits, 0, "the backstop timer was not needed");
	irq_register(IPI_VECTOR, NULL);
	irq_register(BACKSTOP_VECTOR, NULL);
}

static u64 step_rip[4];
static unsigned int steps;

static void step_handler(struct ex_regs *regs)
{
	if (steps < ARRAY_SIZE(step_rip))
		step_rip[steps] = regs->rip;
	if (++steps >= 3)
		regs->rflags &= ~X86_EFLAGS_TF;
}

/*
 * vol. 2B MOV: loading SS holds debug exceptions until after the next
 * instruction, so the single-step trap of "mov ss" comes after the nop.
 */
TEST_CASE(mov_ss_shadow)
{
	exception_handler_t old = x86_set_handler(DB_VECTOR, step_handler);

	steps = 0;
	asm volatile("pushf\n\t"
		     "orq $0x100, (%%rsp)\n\t"
		     "popf\n\t"
		     "mov %%ss, %%ax\n\t"
		     ".globl ss_step_1\n"
		     "ss_step_1: mov %%ax, %%ss\n\t"
		     ".globl ss_step_2\n"
		     "ss_step_2: nop\n\t"
		     ".globl ss_step_3\n"
		     "ss_step_3: nop\n\t"
		     ".globl ss_step_4\n"
		     "ss_step_4: nop"
		     :
		     :
		     : "rax", "memory");
	x86_set_handler(DB_VECTOR, old);
	write_dr6(0xffff0ff0);
	report_eq(steps, 3, "three single-step traps");
	report_eq(step_rip[0], (u64)ss_step_1, "first trap after MOV from SS");
	report_eq(step_rip[1], (u64)ss_step_3,
		  "MOV to SS: trap held until after the next instruction");
	report_eq(step_rip[2], (u64)ss_step_4, "then one trap per instruction");
}

/*
 * NMIs at random points of a loop that opens a shadow once per iteration:
 * "cli; sti; incq" or "mov ss; incq". Each NMI comes from one PIT edge
 * (re-armed by the handler with a random count) routed through the I/O
 * APIC in NMI delivery mode; the handler records where it landed.
 *
 * What is architectural: an NMI is recognized on an instruction boundary
 * and is not lost, and the interrupted code resumes with no instruction
 * lost or repeated. Whether NMIs are held off on the shadow's boundary is
 * not: vol. 2B STI says NMIs "may be inhibited" after an STI that starts
 * with IF = 0, and vol. 3A 6.8.3 and vol. 2B MOV name interrupts and
 * debug exceptions (the VMX interruptibility state describes the STI
 * blocking of other events as optional, and MOV SS blocking as blocking
 * "interrupts"), with no statement that an NMI is held. So the NMIs seen
 * on the shadow's boundary are reported, not judged.
 */
#define SHADOW_NMIS 200
#define SHADOW_WAIT_US 2000000
/*
 * Each NMI arms the next PIT edge at most 220 PIT ticks (185 us) ahead:
 * no NMI for this long while the wait went on means one was lost.
 */
#define SHADOW_STALL_US 1000000
#define SHADOW_ITERS 2000
#define RTE_DM_NMI (4ULL << 8)
#define MPS_POLARITY_LOW 3

extern char sti_loop[], sti_in[], sti_shadow_at[], sti_dec[], sti_jnz[],
	sti_end[];
extern char ss_loop[], ss_shadow_at[], ss_dec[], ss_jnz[], ss_end[];

static struct {
	unsigned int hits, target, in_loop, in_shadow, off_boundary;
	u64 bad_rip, last; /* TSC of the last NMI (or of the first edge) */
	u64 max_gap; /* TSC ticks: the longest wait for an NMI */
	const u64 *bounds; /* instruction boundaries of the loop, 0-ended */
	u64 start, end, shadow;
} sh;

static int pit_pin = -1;

static void pit_rearm(void)
{
	pit_irq_oneshot(20 + rand_below(200));
}

static void shadow_nmi(struct ex_regs *regs)
{
	u64 rip = regs->rip, now;
	bool at_boundary = false;

	if (rip >= sh.start && rip <= sh.end) {
		sh.in_loop++;
		for (const u64 *b = sh.bounds; *b; b++)
			at_boundary |= rip == *b;
		if (!at_boundary) {
			sh.off_boundary++;
			sh.bad_rip = rip;
		}
		if (rip == sh.shadow)
			sh.in_shadow++;
	}
	now = rdtsc();
	sh.max_gap = MAX(sh.max_gap, now - sh.last);
	sh.last = now;
	if (++sh.hits < sh.target)
		pit_rearm();
}

/* PIT -> I/O APIC pin in NMI delivery mode -> cpu 0, shadow_nmi() on NMIs. */
static exception_handler_t nmi_saved;

static bool pit_nmi_enter(void)
{
	u16 flags;
	u32 gsi;
	u64 polarity;

	if (!cpu_has(X86_FEATURE_APIC)) {
		report_skip("no local APIC (CPUID.1:EDX.APIC)");
		return false;
	}
	if (!ioapic_init()) {
		report_skip("no I/O APIC structure in the MADT");
		return false;
	}
	gsi = acpi_isa_irq_to_gsi(PIT_ISA_IRQ, &flags);
	pit_pin = ioapic_gsi_pin(gsi);
	if (pit_pin < 0) {
		report_skip("PIT GSI %u is not on the MADT's first I/O APIC",
			    gsi);
		return false;
	}
	apic_init_cpu();
	pit_irq_stop();
	/* 82093AA 3.2.4: NMI delivery is edge-triggered; the vector is unused. */
	polarity = (flags & 3) == MPS_POLARITY_LOW ? IOAPIC_RTE_ACTIVE_LOW : 0;
	ioapic_write_rte(pit_pin, IOAPIC_RTE_VECTOR(NMI_VECTOR) | RTE_DM_NMI |
					  polarity |
					  IOAPIC_RTE_DEST(cpu_apic_id(0)));
	nmi_saved = x86_set_handler(NMI_VECTOR, shadow_nmi);
	return true;
}

/* No more edges, the pin masked; NMIs go back to their handler. */
static void pit_nmi_stop(void)
{
	pit_irq_stop();
	ioapic_mask(pit_pin, true);
}

/*
 * An edge latched before the mask may still be on its way to the CPU (the
 * I/O APIC and the vCPU are separate threads under QEMU): it is counted by
 * shadow_nmi() during QUIET_NMI_US, then NMIs go back to their handler.
 */
#define QUIET_NMI_US 20000

static void pit_nmi_leave(void)
{
	pit_nmi_stop();
	udelay(QUIET_NMI_US);
	x86_set_handler(NMI_VECTOR, nmi_saved);
}

TEST_FIXTURE(pit_nmi, pit_nmi_enter, pit_nmi_leave);

static void sti_loop_run(u64 *n, u64 iters)
{
	asm volatile(".globl sti_loop, sti_in, sti_shadow_at, sti_dec, "
		     "sti_jnz, sti_end\n"
		     "sti_loop: cli\n\t"
		     "sti_in: sti\n\t"
		     "sti_shadow_at: incq %0\n\t"
		     "sti_dec: decq %1\n\t"
		     "sti_jnz: jnz sti_loop\n"
		     "sti_end: cli"
		     : "+m"(*n), "+r"(iters)
		     :
		     : "memory", "cc");
}

static void ss_loop_run(u64 *n, u64 iters)
{
	asm volatile(".globl ss_loop, ss_shadow_at, ss_dec, ss_jnz, ss_end\n"
		     "mov %%ss, %%ax\n"
		     "ss_loop: mov %%ax, %%ss\n\t"
		     "ss_shadow_at: incq %0\n\t"
		     "ss_dec: decq %1\n\t"
		     "ss_jnz: jnz ss_loop\n"
		     "ss_end: nop"
		     : "+m"(*n), "+r"(iters)
		     :
		     : "rax", "memory", "cc");
}

/*
 * Runs the loop until SHADOW_NMIS NMIs came or SHADOW_WAIT_US passed. How
 * fast NMIs come is the hypervisor's (under kvm_pvm, which emulates the
 * loop, 5 to 40 ms each in the MOV SS loop, one wait up to 400 ms); that
 * one never comes is a lost NMI, since each one arms the next edge, and
 * one more than the edges is an NMI that had none.
 */
static void nmi_shadow_run(const char *what, void (*run)(u64 *, u64))
{
	u64 n = 0, loops = 0, end, quiet_us;
	char want[24], got[16];

	sh.hits = sh.in_loop = sh.in_shadow = sh.off_boundary = 0;
	sh.max_gap = 0;
	sh.target = SHADOW_NMIS;
	sh.last = rdtsc();
	pit_rearm();
	end = sh.last + us_to_tsc(SHADOW_WAIT_US);
	while (sh.hits < sh.target && rdtsc() < end) {
		run(&n, SHADOW_ITERS);
		loops++;
	}
	quiet_us = tsc_to_us(rdtsc() - sh.last);
	udelay(2000);
	pit_nmi_stop();
	if (sh.hits < sh.target)
		report_info("%u of %u NMIs in %u ms (longest wait for one %lu "
			    "ms); the last %lu ms before the wait ended",
			    sh.hits, SHADOW_NMIS, SHADOW_WAIT_US / 1000,
			    tsc_to_us(sh.max_gap) / 1000, quiet_us / 1000);
	report(sh.hits >= sh.target || quiet_us < SHADOW_STALL_US,
	       "PIT edges in NMI delivery mode, each armed by the last NMI: "
	       "none lost (no gap of %u ms)",
	       SHADOW_STALL_US / 1000);
	snprintf(want, sizeof(want), "at most %u", sh.target);
	snprintf(got, sizeof(got), "%u", sh.hits);
	report_cmp(sh.hits <= sh.target, want, got,
		   "NMIs: none without its PIT edge");
	report_eq(sh.off_boundary, 0,
		  "every NMI inside the loop taken on an instruction boundary "
		  "(last off-boundary RIP %#lx)",
		  sh.bad_rip);
	report_eq(n, loops * SHADOW_ITERS,
		  "the instruction in the %s shadow ran once per iteration "
		  "(%lu iterations)",
		  what, loops * SHADOW_ITERS);
	report_info("%s shadow: %u of %u NMIs in the loop were taken on the "
		    "shadow's boundary (NMI %s there; not architectural)",
		    what, sh.in_shadow, sh.in_loop,
		    sh.in_shadow ? "not blocked" : "never seen");
}

TEST_CASE(nmi_sti_shadow, .fixture = &pit_nmi)
{
	static u64 bounds[7];

	bounds[0] = (u64)sti_loop;
	bounds[1] = (u64)sti_in;
	bounds[2] = (u64)sti_shadow_at;
	bounds[3] = (u64)sti_dec;
	bounds[4] = (u64)sti_jnz;
	bounds[5] = (u64)sti_end;
	bounds[6] = 0;
	sh.bounds = bounds;
	sh.start = (u64)sti_loop;
	sh.end = (u64)sti_end;
	sh.shadow = (u64)sti_shadow_at;
	nmi_shadow_run("STI", sti_loop_run);
}

TEST_CASE(nmi_mov_ss_shadow, .fixture = &pit_nmi)
{
	static u64 bounds[6];

	bounds[0] = (u64)ss_loop;
	bounds[1] = (u64)ss_shadow_at;
	bounds[2] = (u64)ss_dec;
	bounds[3] = (u64)ss_jnz;
	bounds[4] = (u64)ss_end;
	bounds[5] = 0;
	sh.bounds = bounds;
	sh.start = (u64)ss_loop;
	sh.end = (u64)ss_end;
	sh.shadow = (u64)ss_shadow_at;
	nmi_shadow_run("MOV SS", ss_loop_run);
}

/*
 * The CPL3 cases run on page tables of their own: the first 4 GiB with
 * US = 1, the top GiB uncached (built once, entered and left by the
 * fixture with the paging controls saved: pgtest.h).
 */
static u64 user_stack_top;

static bool user_tables_enter(void)
{
	pgtest_enter(usermode_flat_tables(&user_stack_top));
	return true;
}

TEST_FIXTURE(user_tables, user_tables_enter, pgtest_leave);

static volatile unsigned int soft_hits, db_hits;
static volatile u64 soft_cs;

static void soft_handler(struct ex_regs *regs)
{
	soft_hits++;
	soft_cs = regs->cs;
}

static void db_counter(struct ex_regs *regs)
{
	db_hits++;
	soft_cs = regs->cs;
}

static struct fault user_run(const char *fn)
{
	return usermode_call((u64)usermode_text, usermode_call_fn, (u64)fn, 0,
			     user_stack_top, NULL);
}

TEST_CASE(soft_int_cpl3, .fixture = &user_tables)
{
	exception_handler_t old;

	report_fault(
		user_run(user_ret), FAULT_NONE,
		"control: a CPL3 function that only returns raises nothing");
	old = x86_set_handler(SOFT_VECTOR, soft_handler);
	soft_hits = 0;
	report_fault(user_run(user_int80), FAULT_GP((SOFT_VECTOR << 3) | 2),
		     "INT 0x80 at CPL3 through a DPL0 gate: #GP(IDT 0x80)");
	report_eq(soft_hits, 0, "and the handler did not run");
	idt_set_dpl(SOFT_VECTOR, 3);
	report_fault(user_run(user_int80), FAULT_NONE,
		     "INT 0x80 at CPL3 through a DPL3 gate is delivered");
	report_eq(soft_hits, 1, "handler ran once");
	report_eq(soft_cs & 3, 3, "from CPL3");
	idt_set_dpl(SOFT_VECTOR, 0);
	x86_set_handler(SOFT_VECTOR, old);

	report_fault(user_run(user_into), FAULT_UD, "INTO in 64-bit mode: #UD");
}

/* Apart: kvm_pvm hangs on it. INT1 is not a software interrupt for the DPL check. */
TEST_CASE(icebp_cpl3, .fixture = &user_tables)
{
	exception_handler_t old = x86_set_handler(DB_VECTOR, db_counter);

	db_hits = 0;
	report_fault(user_run(user_icebp), FAULT_NONE,
		     "ICEBP at CPL3 through the DPL0 #DB gate: no #GP");
	report_eq(db_hits, 1, "#DB delivered once");
	report_eq(soft_cs & 3, 3, "from CPL3");
	x86_set_handler(DB_VECTOR, old);
	write_dr6(0xffff0ff0);
}

/* Apart, like int3_cpl3: kvm_pvm fails to emulate INT n at CPL0. */
TEST_CASE(int_n_cpl0)
{
	exception_handler_t old = x86_set_handler(SOFT_VECTOR, soft_handler);

	soft_hits = 0;
	asm volatile("int $0x80" : : : "memory");
	x86_set_handler(SOFT_VECTOR, old);
	report_eq(soft_hits, 1, "INT 0x80 at CPL0 reaches its DPL0 gate");
	report_eq(soft_cs & 3, 0, "at CPL0");
}

/* Apart: INT3 is an instruction some hypervisors fail to emulate. */
TEST_CASE(int3_cpl3, .fixture = &user_tables)
{
	report_fault(user_run(user_int3), FAULT_GP((BP_VECTOR << 3) | 2),
		     "INT3 at CPL3 through a DPL0 gate: #GP(IDT 3)");
	idt_set_dpl(BP_VECTOR, 3);
	report_fault(user_run(user_int3), FAULT(BP_VECTOR, 0),
		     "INT3 at CPL3 through a DPL3 gate: #BP");
	idt_set_dpl(BP_VECTOR, 0);
}
