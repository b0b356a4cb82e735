// SPDX-License-Identifier: GPL-2.0-only
/*
 * canonical.c: non-canonical targets of control transfers and non-canonical
 * linear bases in IA-32e mode with 4-level paging (48-bit linear
 * addresses; Intel SDM vol. 1 3.3.7.1, vol. 3A 6.15 "#GP"; AMD APM vol. 2
 * 5.3.1). A transfer to a non-canonical RIP raises #GP(0) on the
 * transferring instruction (a fault: the saved RIP is the instruction's,
 * SDM vol. 3A 6.5): near JMP, CALL and RET (SDM vol. 2A JMP, CALL; vol. 2B
 * RET "64-Bit Mode Exceptions"), far RET and IRET (vol. 2B RET, IRET).
 * WRMSR of FS.base, GS.base, KERNEL_GS_BASE and LSTAR with a
 * non-canonical value is #GP(0) (SDM vol. 2B WRMSR; APM vol. 3 WRMSR), and
 * so are WRFSBASE/WRGSBASE (SDM vol. 2B WRFSBASE/WRGSBASE). A
 * non-canonical GDT or IDT base in LGDT/LIDT is #GP(0) by the AMD APM
 * (vol. 3 LGDT, LIDT); the SDM lists no such check. With LA57 offered, the
 * branches run again under 5-level paging (57-bit rule, SDM vol. 3A 4.5).
 */
#include "segmentation.h"
#include <x86/la57.h>

extern char cn_jmp[], cn_call[], cn_ret[], cn_lret[], cn_iret[];

asm(".pushsection .text\n"
    "cn_jmp: jmp *%rdi\n"
    "cn_call: call *%rdi\n"
    /* RET and IRET: RSP points at the frame the case built. */
    "cn_ret: ret\n"
    "cn_lret: lretq\n"
    "cn_iret: iretq\n"
    ".popsection");

struct branch_row {
	const char *name;
	enum seg_mode mode;
	const char *code; /* the instruction's address */
	u64 target;
	int frame; /* quadwords of the return frame: 0 for JMP and CALL */
};

/* clang-format off */
static const struct branch_row branch_rows[] = {
	{"jmp_k", SEG_K64, cn_jmp, NONCANON_HI, 0},
	{"jmp_u", SEG_U64, cn_jmp, NONCANON, 0},
	{"call_k", SEG_K64, cn_call, NONCANON, 0},
	{"call_u", SEG_U64, cn_call, NONCANON_HI, 0},
	{"ret_k", SEG_K64, cn_ret, NONCANON_HI, 1},
	{"ret_u", SEG_U64, cn_ret, NONCANON, 1},
	{"lret_k", SEG_K64, cn_lret, NONCANON_HI, 2},
	{"lret_u", SEG_U64, cn_lret, NONCANON_HI, 2},
	{"iret_k", SEG_K64, cn_iret, NONCANON_HI, 5},
	{"iret_u", SEG_U64, cn_iret, NONCANON, 5},
};
/* clang-format on */

/* Runs ROW's transfer to TARGET and returns where it stopped. */
static struct ring_stop run_branch(const struct branch_row *row, u64 target,
				   u64 *rsp)
{
	bool user = row->mode == SEG_U64;
	u64 top = (user ? seg_user_stack() : seg_kernel_stack()) - 64;
	u64 frame[5] = {
		target, user ? USER_CS : KERNEL_CS, 0x2,
		top,	user ? USER_DS : KERNEL_DS,
	};
	struct ring_start s = {
		.rdi = target,
		.rip = (u64)row->code,
		.cs = frame[1],
		.rflags = 0x2,
		.rsp = top,
		.ss = frame[4],
	};

	/* lretq pops RIP, CS: the same first two quadwords as IRET's. */
	memcpy((void *)top, frame, sizeof(frame));
	*rsp = top;
	return ring_run(&s);
}

static void check_noncanonical(const struct branch_row *row, u64 target)
{
	bool user = row->mode == SEG_U64;
	struct ring_stop st;
	u64 top;

	st = run_branch(row, target, &top);
	report_fault(st.fault, FAULT_GP(0), "CPL%u: %s to %#lx", user ? 3 : 0,
		     row->name, target);
	report_eq(st.regs.rip, (u64)row->code,
		  "RIP saved is the instruction's");
	report_eq(st.regs.cs, user ? USER_CS : KERNEL_CS,
		  "CS saved is the instruction's");
	report_eq(st.regs.rsp, top, "RSP saved is before the instruction");
}

TEST_VARIANTS(branch, branch_rows, .fixture = &seg_env)
{
	check_noncanonical(variant, variant->target);
}

/*
 * With 5-level paging (CR4.LA57 = 1) linear addresses have 57 bits (SDM
 * vol. 3A 4.5, vol. 1 3.3.7.1): a target with bits 63:56 not all equal is
 * #GP(0) on the instruction; 2^47, non-canonical with 4 levels, is
 * canonical and, unmapped here (PML5 entry 1 not present), a #PF on the
 * fetch at the target with CR2 = the target.
 */
TEST_VARIANTS(branch_la57, branch_rows, .fixture = &seg_env,
	      .features = CPU_FEATURES(X86_FEATURE_LA57))
{
	const u64 nc57 = 0x0100000000000000ULL, c57 = NONCANON_HI;
	struct page_table pt;
	struct ring_stop st;
	u64 top, cr2;

	la57_enable(&pt);
	check_noncanonical(variant, nc57);
	st = run_branch(variant, c57, &top);
	cr2 = read_cr2();
	la57_disable();
	report(st.fault.raised && st.fault.vector == PF_VECTOR,
	       "%s to %#lx, canonical at 57 bits: #PF (got %s vector %u)",
	       variant->name, c57, st.fault.raised ? "" : "no exception,",
	       st.fault.vector);
	report_eq(cr2, c57, "CR2 = the target");
	report_eq(st.regs.rip, c57, "RIP saved is the target");
}

struct base_msr {
	const char *name;
	u32 index;
};

static const struct base_msr base_msrs[] = {
	{"FS_BASE", MSR_FS_BASE},
	{"GS_BASE", MSR_GS_BASE},
	{"KERNEL_GS_BASE", MSR_KERNEL_GS_BASE},
	{"LSTAR", MSR_LSTAR},
};

TEST_VARIANTS(wrmsr_base, base_msrs)
{
	u64 old = rdmsr(variant->index);
	const u64 good = 0xffff800000001000UL;

	report_fault(wrmsr_safe(variant->index, NONCANON_HI), FAULT_GP(0),
		     "WRMSR %s %#llx", variant->name, NONCANON_HI);
	report_eq(rdmsr(variant->index), old, "%s unchanged", variant->name);
	if (report_fault(wrmsr_safe(variant->index, good), FAULT_NONE,
			 "WRMSR %s %#lx", variant->name, good))
		report_eq(rdmsr(variant->index), good, "%s reads back",
			  variant->name);
	wrmsr(variant->index, old);
}

TEST_CASE(wrfsbase, .features = CPU_FEATURES(X86_FEATURE_FSGSBASE))
{
	u64 cr4 = read_cr4();
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);

	write_cr4(cr4 | X86_CR4_FSGSBASE);
	report_fault(fault_probe("wrfsbase %0",
				 :
				 : "r"(NONCANON_HI)),
		     FAULT_GP(0), "WRFSBASE %#llx", NONCANON_HI);
	report_fault(fault_probe("wrgsbase %0",
				 :
				 : "r"(NONCANON)),
		     FAULT_GP(0), "WRGSBASE %#llx", NONCANON);
	report_eq(rdmsr(MSR_FS_BASE), fs, "FS.base unchanged");
	report_eq(rdmsr(MSR_GS_BASE), gs, "GS.base unchanged");
	write_cr4(cr4);
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
}

/*
 * LGDT/LIDT of a non-canonical base (AMD APM vol. 3 LGDT, LIDT: "#GP: The
 * new GDT/IDT base address was non-canonical"). The old table is put back
 * at once when the load was taken.
 */
TEST_CASE(lgdt_lidt)
{
	struct desc_ptr gdtr, idtr, bad;
	struct fault f;

	if (!cpu_is_amd())
		return report_skip("the rule is the AMD APM's; vendor %s",
				   cpu_vendor());
	asm volatile("sgdt %0" : "=m"(gdtr));
	asm volatile("sidt %0" : "=m"(idtr));
	bad.limit = gdtr.limit;
	bad.base = NONCANON_HI;
	f = fault_probe("lgdt %0", : : "m"(bad));
	lgdt(&gdtr);
	report_fault(f, FAULT_GP(0), "LGDT base %#llx", NONCANON_HI);
	bad.limit = idtr.limit;
	f = fault_probe("lidt %0", : : "m"(bad));
	lidt(&idtr);
	report_fault(f, FAULT_GP(0), "LIDT base %#llx", NONCANON_HI);
}
