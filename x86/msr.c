// SPDX-License-Identifier: GPL-2.0-only
/*
 * msr: architectural MSR behaviour, one case per MSR family: write/read
 * round trips, #GP(0) on reserved bits, on non-canonical addresses and on
 * MSR indices that do not exist. Sources: Intel SDM vol. 4 ch. 2 table 2-2
 * (architectural MSRs), vol. 2B RDMSR/WRMSR (#GP conditions), vol. 3A;
 * AMD APM vol. 2 appendix A (MSR cross-reference). Each rule cites its
 * section where it is checked. MSRs are tested only when CPUID says they
 * exist; vendor-specific rules only on that vendor.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/apic.h>

/*
 * The checks report the caller's line (report_here): the rule being
 * checked is there.
 */
#define check_round_trip(msr, name, val) report_here(round_trip(msr, name, val))
#define check_write_gp(msr, name, val, why) \
	report_here(write_gp(msr, name, val, why))
#define check_canonical(msr, name) report_here(canonical(msr, name))

/* WRMSR of VAL succeeds and RDMSR returns it. */
static void round_trip(u32 msr, const char *name, u64 val)
{
	struct fault f = wrmsr_safe(msr, val);
	u64 got = 0;

	if (!report_fault(f, FAULT_NONE, "%s: write %#lx", name, val))
		return;
	f = rdmsr_safe(msr, &got);
	if (report_fault(f, FAULT_NONE, "%s: read", name))
		report_eq(got, val, "%s: reads back %#lx", name, val);
}

/* SDM vol. 2B WRMSR: reserved bits or invalid values raise #GP(0). */
static void write_gp(u32 msr, const char *name, u64 val, const char *why)
{
	report_fault(wrmsr_safe(msr, val), FAULT_GP(0), "%s: write %#lx (%s)",
		     name, val, why);
}

/*
 * The canonical width for MSR addresses is the CPU's maximum linear-address
 * width, CPUID.80000008H:EAX[15:8] (57 with LA57), whatever CR4.LA57 says
 * (SDM vol. 3A 4.1.1 and vol. 2B WRMSR).
 */
static void canonical(u32 msr, const char *name)
{
	unsigned int bits = cpu_virt_bits();
	u64 top = (1ULL << (bits - 1)) - 1; /* highest canonical low address */

	round_trip(msr, name, top & ~0xfffULL);
	round_trip(msr, name, ~top | 0x1000);
	write_gp(msr, name, top + 1, "non-canonical");
	write_gp(msr, name, BIT(63) | 0x1000, "non-canonical");
}

TEST_CASE(sysenter, .features = CPU_FEATURES(X86_FEATURE_SEP))
{
	u64 cs, esp, eip;

	cs = rdmsr(MSR_IA32_SYSENTER_CS);
	esp = rdmsr(MSR_IA32_SYSENTER_ESP);
	eip = rdmsr(MSR_IA32_SYSENTER_EIP);
	check_round_trip(MSR_IA32_SYSENTER_CS, "SYSENTER_CS", 0xfff8);
	/* AMD keeps 32-bit SYSENTER_ESP/EIP (APM vol. 2 6.1.1); Intel 64 bits. */
	check_round_trip(MSR_IA32_SYSENTER_ESP, "SYSENTER_ESP", 0x7ffff000);
	check_round_trip(MSR_IA32_SYSENTER_EIP, "SYSENTER_EIP", 0x40001234);
	if (cpu_is_intel()) {
		check_canonical(MSR_IA32_SYSENTER_ESP, "SYSENTER_ESP");
		check_canonical(MSR_IA32_SYSENTER_EIP, "SYSENTER_EIP");
	}
	wrmsr(MSR_IA32_SYSENTER_CS, cs);
	wrmsr(MSR_IA32_SYSENTER_ESP, esp);
	wrmsr(MSR_IA32_SYSENTER_EIP, eip);
}

TEST_CASE(efer)
{
	u64 efer = rdmsr(MSR_EFER);

	/* We run in 64-bit mode: LME and LMA are set (SDM vol. 3A 10.8.5). */
	report_eq(efer & (EFER_LME | EFER_LMA), EFER_LME | EFER_LMA,
		  "LME and LMA set in long mode");
	if (cpu_has(X86_FEATURE_SYSCALL))
		check_round_trip(MSR_EFER, "EFER", efer ^ EFER_SCE);
	wrmsr(MSR_EFER, efer);
	if (cpu_has(X86_FEATURE_NX))
		check_round_trip(MSR_EFER, "EFER", efer ^ EFER_NXE);
	else
		check_write_gp(MSR_EFER, "EFER", efer | EFER_NXE,
			       "NXE without NX");
	wrmsr(MSR_EFER, efer);

	/* Bits 7:1 and 9 are reserved on both vendors; so is bit 63. */
	check_write_gp(MSR_EFER, "EFER", efer | BIT(1), "reserved bit 1");
	check_write_gp(MSR_EFER, "EFER", efer | BIT(7), "reserved bit 7");
	check_write_gp(MSR_EFER, "EFER", efer | BIT(9), "reserved bit 9");
	check_write_gp(MSR_EFER, "EFER", efer | BIT(63), "reserved bit 63");
	/* A bit whose feature is not enumerated is reserved (APM vol. 2 3.1.7). */
	if (!cpu_has(X86_FEATURE_SVM))
		check_write_gp(MSR_EFER, "EFER", efer | EFER_SVME,
			       "SVME without SVM");
	if (!cpu_has(X86_FEATURE_FFXSR))
		check_write_gp(MSR_EFER, "EFER", efer | EFER_FFXSR,
			       "FFXSR without FFXSR");
	if (!cpu_has(X86_FEATURE_TCE))
		check_write_gp(MSR_EFER, "EFER", efer | EFER_TCE,
			       "TCE without TCE");
	/* Changing LME while CR0.PG = 1 raises #GP (SDM vol. 3A 10.8.5). */
	check_write_gp(MSR_EFER, "EFER", efer & ~EFER_LME,
		       "clear LME with paging on");
	report_eq(rdmsr(MSR_EFER), efer,
		  "EFER unchanged by the faulting writes");
}

TEST_CASE(syscall, .features = CPU_FEATURES(X86_FEATURE_SYSCALL))
{
	u64 star, lstar, cstar, sfmask;

	star = rdmsr(MSR_STAR);
	lstar = rdmsr(MSR_LSTAR);
	sfmask = rdmsr(MSR_SFMASK);
	check_round_trip(MSR_STAR, "STAR", 0x0023001012345678ULL);
	check_canonical(MSR_LSTAR, "LSTAR");
	/* SFMASK bits 31:0 mask RFLAGS (SDM vol. 4 table 2-2 IA32_FMASK). */
	check_round_trip(MSR_SFMASK, "SFMASK", 0x47700);
	if (cpu_is_amd()) {
		/* CSTAR is the compatibility-mode SYSCALL target (APM vol. 2 6.1.1). */
		cstar = rdmsr(MSR_CSTAR);
		check_canonical(MSR_CSTAR, "CSTAR");
		wrmsr(MSR_CSTAR, cstar);
	}
	wrmsr(MSR_STAR, star);
	wrmsr(MSR_LSTAR, lstar);
	wrmsr(MSR_SFMASK, sfmask);
}

static u64 fs_word(void)
{
	u64 v;

	asm volatile("mov %%fs:0, %0" : "=r"(v));
	return v;
}

static u64 gs_word(void)
{
	u64 v;

	asm volatile("mov %%gs:0, %0" : "=r"(v));
	return v;
}

TEST_CASE(segment_bases)
{
	static u64 fs_target = 0xf5f5f5f5f5f5f5f5ULL,
		   gs_target = 0x6565656565656565ULL;

	check_canonical(MSR_FS_BASE, "FS_BASE");
	check_canonical(MSR_GS_BASE, "GS_BASE");
	check_canonical(MSR_KERNEL_GS_BASE, "KERNEL_GS_BASE");

	/* The MSRs are the segment bases (SDM vol. 3A 3.4.4.1). */
	wrmsr(MSR_FS_BASE, (u64)&fs_target);
	report_eq(fs_word(), fs_target, "FS_BASE relocates %%fs accesses");
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, (u64)&gs_target);
	/* SWAPGS exchanges GS_BASE and KERNEL_GS_BASE (SDM vol. 2B SWAPGS). */
	asm volatile("swapgs" : : : "memory");
	report_eq(gs_word(), gs_target,
		  "SWAPGS loads KERNEL_GS_BASE into GS base");
	report_eq(rdmsr(MSR_KERNEL_GS_BASE), 0,
		  "SWAPGS moves old GS base to KERNEL_GS_BASE");
	asm volatile("swapgs" : : : "memory");
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

TEST_CASE(tsc, .features = CPU_FEATURES(X86_FEATURE_TSC))
{
	const u64 target = 1ULL << 40, slack = 1ULL << 36;
	u64 a, b, c, adj0, now;

	a = rdtsc();
	b = rdmsr(MSR_IA32_TSC);
	c = rdtsc();
	report(a <= b && b <= c,
	       "RDMSR(TSC) %#lx lies between RDTSCs %#lx and %#lx", b, a, c);
	adj0 = cpu_has(X86_FEATURE_TSC_ADJUST) ? rdmsr(MSR_IA32_TSC_ADJUST) : 0;
	a = rdtsc();
	/* WRMSR to IA32_TSC sets the counter (SDM vol. 3B 18.17). */
	wrmsr(MSR_IA32_TSC, target);
	now = rdtsc();
	report(now >= target && now - target < slack,
	       "TSC continues from the written %#lx (read %#lx)", target, now);
	if (cpu_has(X86_FEATURE_TSC_ADJUST)) {
		/* A TSC write adds the same delta to IA32_TSC_ADJUST (SDM vol. 3B 18.17.3). */
		s64 moved = rdmsr(MSR_IA32_TSC_ADJUST) - adj0;
		s64 want = target - a;

		report(moved <= want && want - moved < (s64)slack,
		       "TSC_ADJUST moved by the write's delta (%ld, want about "
		       "%ld)",
		       moved, want);
	}
}

TEST_CASE(tsc_aux)
{
	u32 aux;

	if (!cpu_has(X86_FEATURE_RDTSCP) && !cpu_has(X86_FEATURE_RDPID))
		return report_skip(
			"TSC_AUX not enumerated (neither RDTSCP nor RDPID)");
	check_round_trip(MSR_TSC_AUX, "TSC_AUX", 0x12345678);
	if (cpu_has(X86_FEATURE_RDTSCP)) {
		asm volatile("rdtscp" : "=c"(aux) : : "rax", "rdx");
		report_eq(aux, 0x12345678, "RDTSCP returns TSC_AUX in ECX");
	}
	/* Bits 63:32 are reserved on Intel (SDM vol. 4 table 2-2). */
	if (cpu_is_intel())
		check_write_gp(MSR_TSC_AUX, "TSC_AUX", BIT(32),
			       "reserved bit 32");
	wrmsr(MSR_TSC_AUX, 0);
}

/* Writes TYPE into each PAT entry in turn; all must raise #GP(0). */
static void check_pat_type(u64 pat, u8 type, const char *why)
{
	char missing[64] = "", *p = missing;

	for (int i = 0; i < 8; i++) {
		u64 v = (pat & ~(0xffULL << (i * 8))) | ((u64)type << (i * 8));

		if (!fault_equal(wrmsr_safe(MSR_IA32_PAT, v), FAULT_GP(0)))
			p += snprintf(p, missing + sizeof(missing) - p, "%s%d",
				      p == missing ? "" : ",", i);
	}
	wrmsr(MSR_IA32_PAT, pat);
	report_cmp(!missing[0], "#GP(0) in entries 0-7",
		   missing[0] ? missing : "",
		   "PAT: type %#x (%s) raises #GP in every entry%s", type, why,
		   missing[0] ? "; no #GP in the actual entries" : "");
}

TEST_CASE(pat, .features = CPU_FEATURES(X86_FEATURE_PAT))
{
	u64 pat;

	pat = rdmsr(MSR_IA32_PAT);
	/* Power-up value PA0..PA7 = WB WT UC- UC WB WT UC- UC (SDM vol. 3A 13.12.4). */
	report_eq(pat, 0x0007040600070406ULL, "PAT holds its power-up value");
	/* Valid types are 0, 1, 4, 5, 6, 7; 2, 3 and bits 7:3 are reserved (13.12.2). */
	check_round_trip(MSR_IA32_PAT, "PAT", 0x0706050401000706ULL);
	wrmsr(MSR_IA32_PAT, pat);
	check_pat_type(pat, 2, "reserved type");
	check_pat_type(pat, 3, "reserved type");
	check_pat_type(pat, 8, "reserved bit 3");
	check_pat_type(pat, 0x80, "reserved bit 7");
}

TEST_CASE(mtrr_def_type, .features = CPU_FEATURES(X86_FEATURE_MTRR))
{
	u64 def, cap;

	def = rdmsr(MSR_IA32_MTRR_DEF_TYPE);
	cap = rdmsr(MSR_IA32_MTRRCAP);
	/* Layout: type 7:0, FE 10, E 11, the rest reserved (SDM vol. 3A 13.11.2.1). */
	check_round_trip(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE",
			 (def & ~0xffULL) | 6);
	check_round_trip(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE",
			 (def & ~0xffULL) | 0);
	/* Types 2, 3 and 7 are reserved for MTRRs (SDM vol. 3A 13.11.1 table 13-8). */
	check_write_gp(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE",
		       (def & ~0xffULL) | 2, "reserved type 2");
	check_write_gp(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE",
		       (def & ~0xffULL) | 7, "reserved type 7");
	check_write_gp(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE", def | BIT(9),
		       "reserved bit 9");
	check_write_gp(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE", def | BIT(12),
		       "reserved bit 12");
	if (!(cap & BIT(8)))
		check_write_gp(MSR_IA32_MTRR_DEF_TYPE, "MTRR_DEF_TYPE",
			       def | BIT(10), "FE without fixed-range MTRRs");
	wrmsr(MSR_IA32_MTRR_DEF_TYPE, def);
}

TEST_CASE(apic_base, .features = CPU_FEATURES(X86_FEATURE_APIC))
{
	u64 base, phys_top;

	base = rdmsr(MSR_IA32_APIC_BASE);
	/* Reset value: BSP flag on the boot CPU, enabled, at 0xfee00000 (SDM vol. 3A 11.4.4). */
	report_eq(base & (APIC_BASE_BSP | APIC_BASE_EN),
		  APIC_BASE_BSP | APIC_BASE_EN,
		  "BSP and enable flags set on the boot CPU");
	report_eq(base & ~0xfffULL, APIC_DEFAULT_BASE,
		  "APIC base address at reset");
	check_round_trip(MSR_IA32_APIC_BASE, "APIC_BASE", base);
	/* Bits 7:0 and 9 and bits at or above MAXPHYADDR are reserved (11.4.4). */
	check_write_gp(MSR_IA32_APIC_BASE, "APIC_BASE", base | BIT(0),
		       "reserved bit 0");
	check_write_gp(MSR_IA32_APIC_BASE, "APIC_BASE", base | BIT(9),
		       "reserved bit 9");
	phys_top = BIT(cpu_phys_bits());
	check_write_gp(MSR_IA32_APIC_BASE, "APIC_BASE", base | phys_top,
		       "address bit at MAXPHYADDR");
	if (!cpu_has(X86_FEATURE_X2APIC))
		check_write_gp(MSR_IA32_APIC_BASE, "APIC_BASE",
			       base | APIC_BASE_EXTD,
			       "x2APIC enable without x2APIC");
	report_eq(rdmsr(MSR_IA32_APIC_BASE), base,
		  "APIC_BASE unchanged by the faulting writes");
}

TEST_CASE(misc_enable)
{
	u64 misc;
	struct fault f;

	if (!cpu_is_intel())
		return report_skip("IA32_MISC_ENABLE is architectural on Intel "
				   "only (vendor %s)",
				   cpu_vendor());
	f = rdmsr_safe(MSR_IA32_MISC_ENABLE, &misc);
	if (!report_fault(f, FAULT_NONE, "MISC_ENABLE: read"))
		return;
	report_fault(wrmsr_safe(MSR_IA32_MISC_ENABLE, misc), FAULT_NONE,
		     "MISC_ENABLE: write back its value");
	/* Bit 18 clear hides MONITOR/MWAIT (SDM vol. 4 table 2-2). */
	if (!(misc & BIT(18)))
		report(!cpu_has(X86_FEATURE_MONITOR),
		       "MONITOR not enumerated while MISC_ENABLE.MWAIT is 0");
	else
		report_eq(misc & BIT(18), BIT(18),
			  "MISC_ENABLE.MWAIT reads back set");
}

TEST_CASE(tsc_deadline, .features = CPU_FEATURES(X86_FEATURE_TSC_DEADLINE))
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);
	u64 far = rdtsc() + (1ULL << 50);
	u32 saved;

	if ((base & (APIC_BASE_EN | APIC_BASE_EXTD)) != APIC_BASE_EN)
		return report_skip(
			"local APIC not in enabled xAPIC mode (APIC_BASE %#lx)",
			base);
	saved = apic_read(APIC_LVTT);
	/* Outside TSC-deadline mode the MSR reads 0 and ignores writes (SDM vol. 3A 11.5.4.1). */
	apic_write(APIC_LVTT, APIC_LVT_MASKED);
	wrmsr(MSR_IA32_TSC_DEADLINE, far);
	report_eq(rdmsr(MSR_IA32_TSC_DEADLINE), 0,
		  "one-shot mode: writes are ignored");
	apic_write(APIC_LVTT, APIC_LVT_MASKED | APIC_TIMER_TSC_DEADLINE | 0xee);
	wrmsr(MSR_IA32_TSC_DEADLINE, far);
	report_eq(rdmsr(MSR_IA32_TSC_DEADLINE), far,
		  "deadline mode: the deadline reads back");
	wrmsr(MSR_IA32_TSC_DEADLINE, 0);
	report_eq(rdmsr(MSR_IA32_TSC_DEADLINE), 0,
		  "deadline mode: writing 0 disarms");
	apic_write(APIC_LVTT, saved);
}

TEST_CASE(spec_ctrl)
{
	bool ibrs =
		cpu_has(X86_FEATURE_SPEC_CTRL) || cpu_has(X86_FEATURE_AMD_IBRS);
	bool stibp =
		cpu_has(X86_FEATURE_STIBP) || cpu_has(X86_FEATURE_AMD_STIBP);
	bool ssbd = cpu_has(X86_FEATURE_SSBD) || cpu_has(X86_FEATURE_AMD_SSBD);

	if (!ibrs && !stibp && !ssbd)
		return report_skip("IA32_SPEC_CTRL not enumerated "
				   "(CPUID.7.0:EDX[26,27,31], "
				   "CPUID.80000008H:EBX[14,15,24])");
	/* Bit 0 IBRS, bit 1 STIBP, bit 2 SSBD (SDM vol. 4 table 2-2). */
	if (ibrs)
		check_round_trip(MSR_IA32_SPEC_CTRL, "SPEC_CTRL", BIT(0));
	if (stibp)
		check_round_trip(MSR_IA32_SPEC_CTRL, "SPEC_CTRL", BIT(1));
	if (ssbd)
		check_round_trip(MSR_IA32_SPEC_CTRL, "SPEC_CTRL", BIT(2));
	check_write_gp(MSR_IA32_SPEC_CTRL, "SPEC_CTRL", BIT(63),
		       "reserved bit 63");
	wrmsr(MSR_IA32_SPEC_CTRL, 0);
}

TEST_CASE(pred_cmd)
{
	u64 v;

	if (!cpu_has(X86_FEATURE_SPEC_CTRL) && !cpu_has(X86_FEATURE_AMD_IBPB))
		return report_skip(
			"IA32_PRED_CMD not enumerated (CPUID.7.0:EDX[26], "
			"CPUID.80000008H:EBX[12])");
	/* Write-only; bit 0 IBPB (SDM vol. 4 table 2-2). */
	report_fault(wrmsr_safe(MSR_IA32_PRED_CMD, 1), FAULT_NONE,
		     "PRED_CMD: IBPB write");
	check_write_gp(MSR_IA32_PRED_CMD, "PRED_CMD", BIT(63),
		       "reserved bit 63");
	report_fault(rdmsr_safe(MSR_IA32_PRED_CMD, &v), FAULT_GP(0),
		     "PRED_CMD: read of a write-only MSR");
}

TEST_CASE(arch_capabilities,
	  .features = CPU_FEATURES(X86_FEATURE_ARCH_CAPABILITIES))
{
	u64 v;

	if (!report_fault(rdmsr_safe(MSR_IA32_ARCH_CAPABILITIES, &v),
			  FAULT_NONE, "ARCH_CAPABILITIES: read"))
		return;
	report_info("ARCH_CAPABILITIES = %#lx", v);
	/* Read-only (SDM vol. 4 table 2-2). */
	check_write_gp(MSR_IA32_ARCH_CAPABILITIES, "ARCH_CAPABILITIES", v,
		       "read-only MSR");
}

/* Indices outside every architectural and vendor MSR range. */
static const u32 absent_msrs[] = {0x00002fff, 0x1fff0000, 0x7fffffff,
				  0xbfffffff, 0xc0003000, 0xfffffff0};

TEST_CASE(nonexistent)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(absent_msrs); i++) {
		u32 msr = absent_msrs[i];
		u64 v;

		/* SDM vol. 2B RDMSR/WRMSR: a reserved or unimplemented index raises #GP(0). */
		report_fault(rdmsr_safe(msr, &v), FAULT_GP(0), "RDMSR %#x",
			     msr);
		report_fault(wrmsr_safe(msr, 0), FAULT_GP(0), "WRMSR %#x", msr);
	}
}
