// SPDX-License-Identifier: GPL-2.0-only
/*
 * privilege.c: what CPL3 may do by IOPL and CR4 (Intel SDM vol. 1 19.5.1
 * I/O privilege level and 19.5.2 I/O permission bit map: none when its
 * base is at or past the TSS limit; vol. 2A CLI, vol. 2B STI, POPF; vol.
 * 3A 2.5 CR4.TSD and CR4.UMIP; vol. 2B RDTSC, RDTSCP, RDPID, SGDT, SIDT,
 * SLDT, SMSW, STR; AMD APM vol. 2 3.1.3 and 3.1.6, vol. 3). The runtime's
 * TSS has no I/O permission bit map (its base equals the TSS size).
 */
#include "segmentation.h"

extern char pv_in[], pv_cli[], pv_sti[], pv_popf[], pv_rdtsc[];
extern char pv_rdtscp[], pv_rdpid[], pv_sgdt[], pv_sidt[], pv_sldt[];
extern char pv_smsw[], pv_str[];

asm(".pushsection .text\n"
    "pv_in: inb $0x80, %al\n jmp ring_land\n"
    "pv_cli: cli\n jmp ring_land\n"
    "pv_sti: sti\n jmp ring_land\n"
    "pv_popf: push %rdi\n popfq\n jmp ring_land\n"
    "pv_rdtsc: rdtsc\n jmp ring_land\n"
    "pv_rdtscp: rdtscp\n jmp ring_land\n"
    "pv_rdpid: rdpid %rax\n jmp ring_land\n"
    "pv_sgdt: sub $16, %rsp\n sgdt (%rsp)\n jmp ring_land\n"
    "pv_sidt: sub $16, %rsp\n sidt (%rsp)\n jmp ring_land\n"
    "pv_sldt: sldt %ax\n jmp ring_land\n"
    "pv_smsw: smsw %ax\n jmp ring_land\n"
    "pv_str: str %ax\n jmp ring_land\n"
    ".popsection");

#define IOPL3 0x3000ULL

static struct ring_stop user_with_flags(const void *code, u64 rflags, u64 rdi)
{
	struct ring_start s = {
		.rdi = rdi,
		.rip = (u64)code,
		.cs = USER_CS,
		.rflags = rflags,
		.rsp = seg_user_stack(),
		.ss = USER_DS,
	};

	return ring_run(&s);
}

/*
 * IN at CPL3: #GP(0) when CPL > IOPL and no bit map allows the port
 * (SDM vol. 1 19.5.2, vol. 2A IN); allowed with IOPL = 3.
 */
TEST_CASE(iopl_in, .fixture = &seg_env)
{
	struct ring_stop st;

	st = user_with_flags(pv_in, 0x2, 0);
	report_fault(st.fault, FAULT_GP(0), "IN at CPL3, IOPL 0, no bit map");
	st = user_with_flags(pv_in, 0x2 | IOPL3, 0);
	report_fault(st.fault, FAULT_NONE, "IN at CPL3, IOPL 3");
}

/*
 * CLI and STI at CPL3 (CR4.PVI = 0): #GP(0) when CPL > IOPL; with IOPL = 3
 * CLI clears IF (SDM vol. 2A CLI, vol. 2B STI "Operation").
 */
TEST_CASE(cli_sti, .fixture = &seg_env)
{
	struct ring_stop st;

	st = user_with_flags(pv_cli, 0x2, 0);
	report_fault(st.fault, FAULT_GP(0), "CLI at CPL3, IOPL 0");
	st = user_with_flags(pv_sti, 0x2, 0);
	report_fault(st.fault, FAULT_GP(0), "STI at CPL3, IOPL 0");
	st = user_with_flags(pv_cli, 0x2 | IOPL3 | X86_EFLAGS_IF, 0);
	if (report_fault(st.fault, FAULT_NONE, "CLI at CPL3, IOPL 3"))
		report_eq(st.regs.rflags & X86_EFLAGS_IF, 0, "IF cleared");
}

/*
 * POPF at CPL3 with IOPL 0 changes neither IF nor IOPL and raises nothing
 * (SDM vol. 2B POPF "Operation", CPL > 0 and CPL > IOPL); other flags
 * such as DF it loads.
 */
TEST_CASE(popf, .fixture = &seg_env)
{
	u64 image = 0x2 | IOPL3 | X86_EFLAGS_IF | X86_EFLAGS_DF;
	struct ring_stop st = user_with_flags(pv_popf, 0x2, image);

	if (!report_fault(st.fault, FAULT_NONE, "POPF at CPL3, IOPL 0"))
		return;
	report_eq(st.regs.rflags & (IOPL3 | X86_EFLAGS_IF), 0,
		  "IF and IOPL unchanged");
	report_eq(st.regs.rflags & X86_EFLAGS_DF, X86_EFLAGS_DF, "DF loaded");
}

/* CR4.TSD = 1: RDTSC and RDTSCP at CPL3 are #GP(0), at CPL0 allowed. */
TEST_CASE(tsd, .fixture = &seg_env, .features = CPU_FEATURES(X86_FEATURE_TSC))
{
	u64 cr4 = read_cr4();
	bool rdtscp = cpu_has(X86_FEATURE_RDTSCP);
	struct ring_stop st;

	write_cr4(cr4 & ~X86_CR4_TSD);
	st = user_with_flags(pv_rdtsc, 0x2, 0);
	report_fault(st.fault, FAULT_NONE, "RDTSC at CPL3, CR4.TSD = 0");
	write_cr4(cr4 | X86_CR4_TSD);
	st = user_with_flags(pv_rdtsc, 0x2, 0);
	report_fault(st.fault, FAULT_GP(0), "RDTSC at CPL3, CR4.TSD = 1");
	st = seg_run(SEG_K64, pv_rdtsc, 0, 0);
	report_fault(st.fault, FAULT_NONE, "RDTSC at CPL0, CR4.TSD = 1");
	if (rdtscp) {
		st = user_with_flags(pv_rdtscp, 0x2, 0);
		report_fault(st.fault, FAULT_GP(0),
			     "RDTSCP at CPL3, CR4.TSD = 1");
	} else {
		report_info("RDTSCP not enumerated: its CR4.TSD check not run");
	}
	write_cr4(cr4);
}

/*
 * RDTSCP loads ECX with IA32_TSC_AUX[31:0], RDPID loads the register with
 * it, at any CPL (SDM vol. 2B RDTSCP, RDPID).
 */
TEST_CASE(tsc_aux, .fixture = &seg_env,
	  .features = CPU_FEATURES(X86_FEATURE_RDTSCP))
{
	u64 old = rdmsr(MSR_TSC_AUX);
	struct ring_stop st;

	wrmsr(MSR_TSC_AUX, 0x5a5a1234);
	st = user_with_flags(pv_rdtscp, 0x2, 0);
	if (report_fault(st.fault, FAULT_NONE, "RDTSCP at CPL3"))
		report_eq(st.regs.rcx, 0x5a5a1234, "ECX = TSC_AUX");
	if (cpu_has(X86_FEATURE_RDPID)) {
		st = user_with_flags(pv_rdpid, 0x2, 0);
		if (report_fault(st.fault, FAULT_NONE, "RDPID at CPL3"))
			report_eq(st.regs.rax, 0x5a5a1234, "RDPID = TSC_AUX");
	} else {
		report_info("RDPID not enumerated (CPUID.7.0:ECX[22])");
	}
	wrmsr(MSR_TSC_AUX, old);
}

struct umip_row {
	const char *name;
	const char *code;
};

static const struct umip_row umip_rows[] = {
	{"sgdt", pv_sgdt}, {"sidt", pv_sidt}, {"sldt", pv_sldt},
	{"smsw", pv_smsw}, {"str", pv_str},
};

/*
 * CR4.UMIP = 1: SGDT, SIDT, SLDT, SMSW and STR at CPL3 are #GP(0); at CPL0
 * and with UMIP = 0 they execute (SDM vol. 3A 2.5 CR4.UMIP, vol. 2B SGDT
 * etc. "#GP(0) If CR4.UMIP = 1 and CPL > 0").
 */
TEST_VARIANTS(umip, umip_rows, .fixture = &seg_env,
	      .features = CPU_FEATURES(X86_FEATURE_UMIP))
{
	u64 cr4 = read_cr4();
	struct ring_stop st;

	write_cr4(cr4 & ~X86_CR4_UMIP);
	st = user_with_flags(variant->code, 0x2, 0);
	report_fault(st.fault, FAULT_NONE, "%s at CPL3, CR4.UMIP = 0",
		     variant->name);
	write_cr4(cr4 | X86_CR4_UMIP);
	st = user_with_flags(variant->code, 0x2, 0);
	report_fault(st.fault, FAULT_GP(0), "%s at CPL3, CR4.UMIP = 1",
		     variant->name);
	st = seg_run(SEG_K64, variant->code, 0, 0);
	report_fault(st.fault, FAULT_NONE, "%s at CPL0, CR4.UMIP = 1",
		     variant->name);
	write_cr4(cr4);
}
