// SPDX-License-Identifier: GPL-2.0-only
/*
 * fastcall.c: SYSCALL/SYSRET, SYSENTER/SYSEXIT and SWAPGS in IA-32e mode,
 * by the rules of the guest's CPUID vendor (Intel SDM vol. 2B SYSCALL,
 * SYSRET, SYSENTER, SYSEXIT, SWAPGS, vol. 3A 5.8.7-5.8.8; AMD APM vol. 2
 * 6.1 and vol. 3 SYSCALL, SYSRET, SYSENTER, SYSEXIT, SWAPGS).
 *
 * STAR here: SYSCALL CS = STAR[47:32] = KERNEL_CS, SS = KERNEL_CS + 8 =
 * KERNEL_DS; SYSRET base STAR[63:48] = 0x18, so the 32-bit return CS is
 * 0x18|3 (USER_CS32), SS 0x20|3 (USER_DS), the 64-bit CS 0x28|3 (USER_CS).
 */
#include "segmentation.h"

extern char fc_syscall[], fc_after_syscall[], fc_syscall32[];
extern char fc_sysretq[], fc_sysretl[], fc_sysenter[], fc_sysexitq[];
extern char fc_swapgs[], fc_swapgs32[], fc_sysenter32[];

asm(".pushsection .text\n"
    "fc_syscall: syscall\n"
    "fc_after_syscall: jmp ring_land\n"
    "fc_sysretq: sysretq\n"
    "fc_sysretl: sysretl\n"
    "fc_sysenter: sysenter\n jmp ring_land\n"
    "fc_sysexitq: sysexitq\n"
    "fc_swapgs: swapgs\n jmp ring_land\n"
    ".code32\n"
    "fc_syscall32: syscall\n jmp ring_land\n"
    "fc_sysenter32: sysenter\n jmp ring_land\n"
    /* SWAPGS, which the assembler refuses in 32-bit code */
    "fc_swapgs32: .byte 0x0f, 0x01, 0xf8\n jmp ring_land\n"
    ".code64\n"
    ".popsection");

#define STAR_VALUE (((u64)0x18 << 48) | ((u64)KERNEL_CS << 32))
/* CF, ZF, SF, DF and bit 1: what user code has when it calls. */
#define USER_FLAGS 0x4c3ULL
#define MASKED (X86_EFLAGS_DF | X86_EFLAGS_CF)
/*
 * The flags are read from the frame of the #UD at ring_land, a fault: the
 * image may have RF set (SDM vol. 3A 18.3.1.1), so RF is not compared.
 */

static const u32 saved_msrs[] = {
	MSR_EFER,
	MSR_STAR,
	MSR_LSTAR,
	MSR_CSTAR,
	MSR_SFMASK,
	MSR_IA32_SYSENTER_CS,
	MSR_IA32_SYSENTER_ESP,
	MSR_IA32_SYSENTER_EIP,
	MSR_GS_BASE,
	MSR_KERNEL_GS_BASE,
};
static u64 saved[ARRAY_SIZE(saved_msrs)];

static bool fast_enter(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(saved_msrs); i++)
		saved[i] = rdmsr(saved_msrs[i]);
	if (!seg_env.setup())
		return false;
	wrmsr(MSR_STAR, STAR_VALUE);
	wrmsr(MSR_LSTAR, (u64)ring_land);
	wrmsr(MSR_CSTAR, (u64)ring_land);
	wrmsr(MSR_SFMASK, MASKED);
	return true;
}

static void fast_leave(void)
{
	seg_env.teardown();
	for (size_t i = 0; i < ARRAY_SIZE(saved_msrs); i++)
		wrmsr(saved_msrs[i], saved[i]);
}

TEST_FIXTURE(fast_env, fast_enter, fast_leave);

static struct ring_stop run_regs(enum seg_mode mode, const void *code,
				 u64 rflags, u64 rcx, u64 rdx, u64 r11)
{
	bool user = mode == SEG_U64 || mode == SEG_U32;
	static const u16 cs[] = {KERNEL_CS, USER_CS, KERNEL_CS32, USER_CS32};
	struct ring_start s = {
		.rcx = rcx,
		.rdx = rdx,
		.r11 = r11,
		.rip = (u64)code,
		.cs = cs[mode],
		.rflags = rflags,
		.rsp = user ? seg_user_stack() : seg_kernel_stack(),
		.ss = user ? USER_DS : KERNEL_DS,
	};

	return ring_run(&s);
}

static struct ring_stop run_flags(enum seg_mode mode, const void *code,
				  u64 rflags, u64 rcx, u64 r11)
{
	return run_regs(mode, code, rflags, rcx, 0, r11);
}

/*
 * SYSCALL from 64-bit CPL3 (SDM vol. 2B SYSCALL "Operation"): RCX = the
 * next RIP, R11 = RFLAGS, RFLAGS &= ~SFMASK, CS = STAR[47:32], SS =
 * STAR[47:32] + 8, RIP = LSTAR, RSP unchanged.
 */
TEST_CASE(syscall, .fixture = &fast_env,
	  .features = CPU_FEATURES(X86_FEATURE_SYSCALL))
{
	struct ring_stop st;

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	st = run_flags(SEG_U64, fc_syscall, USER_FLAGS, 0, 0);
	if (!report_fault(st.fault, FAULT_NONE, "SYSCALL reaches LSTAR"))
		return;
	report_eq(st.regs.cs, KERNEL_CS, "CS = STAR[47:32]");
	report_eq(st.regs.ss, KERNEL_DS, "SS = STAR[47:32] + 8");
	report_eq(st.regs.rcx, (u64)fc_after_syscall, "RCX = return RIP");
	report_eq(st.regs.r11, USER_FLAGS, "R11 = RFLAGS");
	report_eq(st.regs.rflags & ~X86_EFLAGS_RF, USER_FLAGS & ~MASKED,
		  "RFLAGS masked by SFMASK");
	report_eq(st.regs.rsp, seg_user_stack(), "RSP unchanged");
}

/* EFER.SCE = 0: #UD (SDM vol. 2B SYSCALL and SYSRET; APM vol. 3). */
TEST_CASE(syscall_sce_off, .fixture = &fast_env,
	  .features = CPU_FEATURES(X86_FEATURE_SYSCALL))
{
	struct ring_stop st;

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) & ~EFER_SCE);
	st = run_flags(SEG_U64, fc_syscall, 0x2, 0, 0);
	report_fault(st.fault, FAULT_UD, "SYSCALL with EFER.SCE = 0");
	st = run_flags(SEG_K64, fc_sysretq, 0x2, (u64)ring_land, 0x2);
	report_fault(st.fault, FAULT_UD, "SYSRET with EFER.SCE = 0");
}

/*
 * SYSCALL from compatibility mode: Intel, #UD (SDM vol. 2B SYSCALL,
 * "Compat/Leg Mode: Invalid"); AMD, to CSTAR in 64-bit mode with RCX =
 * the next EIP (APM vol. 3 SYSCALL, "Long Mode").
 */
TEST_CASE(syscall_compat, .fixture = &fast_env,
	  .features = CPU_FEATURES(X86_FEATURE_SYSCALL))
{
	struct ring_stop st;

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	st = run_flags(SEG_U32, fc_syscall32, 0x2, 0, 0);
	if (cpu_is_intel()) {
		report_fault(st.fault, FAULT_UD,
			     "Intel: SYSCALL in compatibility mode");
	} else if (cpu_is_amd()) {
		if (!report_fault(
			    st.fault, FAULT_NONE,
			    "AMD: SYSCALL in compatibility mode reaches CSTAR"))
			return;
		report_eq(st.regs.cs, KERNEL_CS, "CS = STAR[47:32]");
		report_eq(st.regs.rcx, (u64)fc_syscall32 + 2,
			  "RCX = return EIP");
	} else {
		report_skip("vendor %s: neither Intel's nor AMD's rule",
			    cpu_vendor());
	}
}

/*
 * SYSRET (SDM vol. 2B SYSRET "Operation"): REX.W to 64-bit CPL3 with CS =
 * STAR[63:48] + 16, SS = STAR[63:48] + 8, both RPL 3, RIP = RCX, RFLAGS =
 * R11; without REX.W to compatibility mode
 * with CS = STAR[63:48], RIP = ECX.
 */
TEST_CASE(sysret, .fixture = &fast_env,
	  .features = CPU_FEATURES(X86_FEATURE_SYSCALL))
{
	struct ring_stop st;

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	st = run_flags(SEG_K64, fc_sysretq, 0x2, (u64)ring_land, 0x4c3);
	if (report_fault(st.fault, FAULT_NONE, "SYSRETQ")) {
		report_eq(st.regs.cs, USER_CS,
			  "64-bit: CS = STAR[63:48] + 16 | 3");
		report_eq(st.regs.ss, USER_DS,
			  "64-bit: SS = STAR[63:48] + 8 | 3");
		report_eq(st.regs.rflags & ~X86_EFLAGS_RF, 0x4c3,
			  "64-bit: RFLAGS = R11");
	}
	st = run_flags(SEG_K64, fc_sysretl, 0x2, (u64)ring_land, 0x2);
	if (report_fault(st.fault, FAULT_NONE, "SYSRETL")) {
		report_eq(st.regs.cs, USER_CS32,
			  "compatibility: CS = STAR[63:48] | 3");
		report_eq(st.regs.ss, USER_DS,
			  "compatibility: SS = STAR[63:48] + 8 | 3");
	}
}

/*
 * SYSRET to a non-canonical RCX. Intel: #GP(0) at CPL0 on the SYSRET
 * (SDM vol. 2B SYSRET "64-Bit Mode Exceptions": "If the return is to
 * 64-bit mode and RCX contains a non-canonical address"). AMD: SYSRET
 * completes and the #GP(0) of fetching at a non-canonical RIP is taken at
 * CPL3 (APM vol. 3 SYSRET does not list the check; vol. 2 5.3.1
 * canonical fetch).
 */
TEST_CASE(sysret_noncanonical, .fixture = &fast_env,
	  .features = CPU_FEATURES(X86_FEATURE_SYSCALL))
{
	struct ring_stop st;

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	st = run_flags(SEG_K64, fc_sysretq, 0x2, NONCANON_HI, 0x2);
	if (cpu_is_intel()) {
		report_fault(st.fault, FAULT_GP(0), "Intel: SYSRET to %#llx",
			     NONCANON_HI);
		report_eq(stop_cpl(&st), 0, "Intel: #GP taken at CPL0");
		report_eq(st.regs.rip, (u64)fc_sysretq,
			  "Intel: RIP saved is the SYSRET's");
	} else if (cpu_is_amd()) {
		report_fault(st.fault, FAULT_GP(0), "AMD: SYSRET to %#llx",
			     NONCANON_HI);
		report_eq(stop_cpl(&st), 3, "AMD: #GP taken at CPL3");
		report_info("AMD: saved RIP %#lx", st.regs.rip);
	} else {
		report_skip("vendor %s: neither Intel's nor AMD's rule",
			    cpu_vendor());
	}
}

/*
 * SYSENTER/SYSEXIT in IA-32e mode. AMD: invalid in long mode (64-bit and
 * compatibility mode), #UD (APM vol. 3 SYSENTER, SYSEXIT). Intel (SDM vol. 2B SYSENTER, SYSEXIT):
 * SYSENTER with IA32_SYSENTER_CS = 0 is #GP(0); otherwise CPL0 with CS =
 * SYSENTER_CS, SS = SYSENTER_CS + 8, RIP = SYSENTER_EIP, RSP =
 * SYSENTER_ESP, from compatibility mode too; SYSEXIT (REX.W) to CS = SYSENTER_CS + 32 | 3, SS = + 40 | 3,
 * RIP = RDX, RSP = RCX; SYSEXIT at CPL3 is #GP(0).
 */
TEST_CASE(sysenter, .fixture = &fast_env,
	  .features = CPU_FEATURES(X86_FEATURE_SEP))
{
	u64 esp = seg_kernel_stack() - 128;
	struct ring_stop st;

	wrmsr(MSR_IA32_SYSENTER_EIP, (u64)ring_land);
	wrmsr(MSR_IA32_SYSENTER_ESP, esp);
	if (cpu_is_amd()) {
		wrmsr(MSR_IA32_SYSENTER_CS, KERNEL_CS);
		st = seg_run(SEG_U64, fc_sysenter, 0, 0);
		report_fault(st.fault, FAULT_UD,
			     "AMD: SYSENTER in 64-bit mode");
		st = seg_run(SEG_U32, fc_sysenter32, 0, 0);
		report_fault(st.fault, FAULT_UD,
			     "AMD: SYSENTER in compatibility mode");
		st = seg_run(SEG_K64, fc_sysexitq, 0, 0);
		report_fault(st.fault, FAULT_UD, "AMD: SYSEXIT in 64-bit mode");
		return;
	}
	if (!cpu_is_intel())
		return report_skip("vendor %s: neither Intel's nor AMD's rule",
				   cpu_vendor());
	wrmsr(MSR_IA32_SYSENTER_CS, 0);
	st = seg_run(SEG_U64, fc_sysenter, 0, 0);
	report_fault(st.fault, FAULT_GP(0),
		     "Intel: SYSENTER with SYSENTER_CS = 0");
	wrmsr(MSR_IA32_SYSENTER_CS, KERNEL_CS);
	st = seg_run(SEG_U64, fc_sysenter, 0, 0);
	if (report_fault(st.fault, FAULT_NONE, "Intel: SYSENTER")) {
		report_eq(st.regs.cs, KERNEL_CS, "CS = SYSENTER_CS");
		report_eq(st.regs.ss, KERNEL_DS, "SS = SYSENTER_CS + 8");
		report_eq(st.regs.rsp, esp, "RSP = SYSENTER_ESP");
	}
	/* From compatibility mode too, into 64-bit mode (IA32_EFER.LMA = 1). */
	st = seg_run(SEG_U32, fc_sysenter32, 0, 0);
	if (report_fault(st.fault, FAULT_NONE,
			 "Intel: SYSENTER in compatibility mode"))
		report_eq(st.regs.cs, KERNEL_CS,
			  "compatibility mode: CS = SYSENTER_CS");
	st = run_regs(SEG_K64, fc_sysexitq, 0x2, seg_user_stack() - 8,
		      (u64)ring_land, 0);
	if (report_fault(st.fault, FAULT_NONE, "Intel: SYSEXIT")) {
		report_eq(st.regs.cs, (KERNEL_CS + 32) | 3,
			  "CS = SYSENTER_CS + 32 | 3");
		report_eq(st.regs.ss, (KERNEL_CS + 40) | 3,
			  "SS = SYSENTER_CS + 40 | 3");
		report_eq(st.regs.rsp, seg_user_stack() - 8, "RSP = RCX");
	}
	st = run_regs(SEG_U64, fc_sysexitq, 0x2, seg_user_stack() - 8,
		      (u64)ring_land, 0);
	report_fault(st.fault, FAULT_GP(0), "Intel: SYSEXIT at CPL3");
	/* SDM vol. 2B SYSEXIT: #GP(0) at CPL0 if RCX or RDX is non-canonical. */
	st = run_regs(SEG_K64, fc_sysexitq, 0x2, seg_user_stack() - 8,
		      NONCANON_HI, 0);
	report_fault(st.fault, FAULT_GP(0), "Intel: SYSEXIT to RDX %#llx",
		     NONCANON_HI);
	report_eq(stop_cpl(&st), 0, "Intel: #GP taken at CPL0");
	st = run_regs(SEG_K64, fc_sysexitq, 0x2, NONCANON, (u64)ring_land, 0);
	report_fault(st.fault, FAULT_GP(0), "Intel: SYSEXIT with RCX %#llx",
		     NONCANON);
	report_eq(stop_cpl(&st), 0, "Intel: #GP for RCX taken at CPL0");
}

/*
 * SWAPGS (SDM vol. 2B SWAPGS; APM vol. 3): at CPL0 exchanges GS.base
 * (IA32_GS_BASE) with IA32_KERNEL_GS_BASE; at CPL3 #GP(0); outside 64-bit
 * mode #UD.
 */
TEST_CASE(swapgs, .fixture = &fast_env)
{
	const u64 a = 0x0000112233445000ULL, b = 0xffff888012345000ULL;
	struct ring_stop st;

	wrmsr(MSR_GS_BASE, a);
	wrmsr(MSR_KERNEL_GS_BASE, b);
	report_fault(fault_probe("swapgs"), FAULT_NONE, "SWAPGS at CPL0");
	report_eq(rdmsr(MSR_GS_BASE), b, "GS.base = old KERNEL_GS_BASE");
	report_eq(rdmsr(MSR_KERNEL_GS_BASE), a, "KERNEL_GS_BASE = old GS.base");
	st = seg_run(SEG_U64, fc_swapgs, 0, 0);
	report_fault(st.fault, FAULT_GP(0), "SWAPGS at CPL3");
	st = seg_run(SEG_K32, fc_swapgs32, 0, 0);
	report_fault(st.fault, FAULT_UD, "SWAPGS in compatibility mode");
}
