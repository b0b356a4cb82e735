// SPDX-License-Identifier: GPL-2.0-only
/*
 * exits.c: VM exits caused by instructions and events in L2 (Intel SDM
 * vol. 3C 26.1.2 instructions that cause exits unconditionally, 26.1.3
 * conditionally (the VM-execution controls of 25.6), 26.3 changes to
 * instruction behaviour (TSC offsetting and scaling, CR read shadows),
 * 26.5.1 preemption timer, 26.5.2 monitor trap flag, 26.2 exceptions and
 * triple fault, 27.7.5 interrupt window, 28.2.1 exit qualifications
 * (control-register access, MOV DR, I/O, INVLPG), 28.2.2 exits due to
 * exceptions (interruption information), appendix C basic exit reasons).
 */
#include "vmx.h"
#include <x86/msr.h>

static struct vmx_exit run(l2_fn_t fn)
{
	return vmx_run(&vcpu, fn);
}

/* Resumes L2 after the instruction of E; returns the next exit. */
static struct vmx_exit resume(const struct vmx_exit *e)
{
	vmx_skip_insn(e);
	return vmx_run(&vcpu, NULL);
}

/* Resumes L2 until its function returns; reports whether it did. */
static void finish(void)
{
	report(vmx_run_to_end(&vcpu), "L2 runs to its end");
}

static u64 result(unsigned int i)
{
	return vcpu.l2.results->value[i];
}

static void l2_cpuid(struct l2_guest *l2)
{
	struct cpuid r = cpuid(0);

	l2_record(l2, r.a);
	l2_record(l2, r.b);
}

/* 26.1.2: CPUID exits unconditionally; L1 supplies the result. */
TEST_CASE(cpuid_26_1_2, .fixture = &vmx_env)
{
	struct vmx_exit e = run(l2_cpuid);

	check_exit(&e, EXIT_REASON_CPUID);
	report_eq(e.insn_len, 2, "instruction length");
	report_eq(vcpu.gprs.rax, 0, "L2's EAX (leaf) reaches L1");
	vcpu.gprs.rax = 0x1234;
	vcpu.gprs.rbx = 0x5678;
	e = resume(&e);
	check_exit(&e, EXIT_REASON_VMCALL);
	finish();
	report_eq(result(0), 0x1234, "L2 sees L1's EAX");
	report_eq(result(1), 0x5678, "L2 sees L1's EBX");
}

static void l2_hlt(struct l2_guest *l2)
{
	asm volatile("hlt");
}

static void l2_invlpg(struct l2_guest *l2)
{
	asm volatile("invlpg (%0)" : : "r"(0x123456789000ULL) : "memory");
}

static void l2_rdpmc(struct l2_guest *l2)
{
	asm volatile("rdpmc" : : "c"(0) : "rax", "rdx");
}

static void l2_pause(struct l2_guest *l2)
{
	asm volatile("pause");
}

static void l2_wbinvd(struct l2_guest *l2)
{
	asm volatile("wbinvd");
}

static void l2_sgdt(struct l2_guest *l2)
{
	struct desc_ptr d;

	asm volatile("sgdt %0" : "=m"(d));
}

static void l2_sldt(struct l2_guest *l2)
{
	u16 s;

	asm volatile("sldt %0" : "=m"(s));
}

static void l2_rdrand(struct l2_guest *l2)
{
	asm volatile("rdrand %%rax" : : : "rax", "cc");
}

static void l2_rdseed(struct l2_guest *l2)
{
	asm volatile("rdseed %%rax" : : : "rax", "cc");
}

static void l2_monitor(struct l2_guest *l2)
{
	asm volatile("monitor" : : "a"(l2->results), "c"(0), "d"(0));
}

static void l2_mwait(struct l2_guest *l2)
{
	asm volatile("mwait" : : "a"(0), "c"(0));
}

static void l2_rdtscp(struct l2_guest *l2)
{
	asm volatile("rdtscp" : : : "rax", "rcx", "rdx");
}

static void l2_rdtscp_record(struct l2_guest *l2)
{
	u32 lo, hi, aux;

	asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	l2_record(l2, (u64)hi << 32 | lo);
	l2_record(l2, aux);
}

struct ctl_exit_row {
	const char *name;
	enum vmx_ctl ctl;
	u32 bit;
	l2_fn_t fn;
	u32 reason;
	u32 len;
	struct x86_feature feature; /* leaf 0: none */
};

/* 26.1.3, 25.6.2: each of these controls makes its instruction exit. */
static const struct ctl_exit_row ctl_exit_rows[] = {
	{"hlt", VMX_CTL_PROC, 7, l2_hlt, EXIT_REASON_HLT, 1, {}},
	{"invlpg", VMX_CTL_PROC, 9, l2_invlpg, EXIT_REASON_INVLPG, 3, {}},
	{"rdpmc", VMX_CTL_PROC, 11, l2_rdpmc, EXIT_REASON_RDPMC, 2, {}},
	{"pause", VMX_CTL_PROC, 30, l2_pause, EXIT_REASON_PAUSE, 2, {}},
	{"wbinvd", VMX_CTL_PROC2, 6, l2_wbinvd, EXIT_REASON_WBINVD, 2, {}},
	{"sgdt", VMX_CTL_PROC2, 2, l2_sgdt, EXIT_REASON_GDTR_IDTR, 0, {}},
	{"sldt", VMX_CTL_PROC2, 2, l2_sldt, EXIT_REASON_LDTR_TR, 0, {}},
	{"rdrand", VMX_CTL_PROC2, 11, l2_rdrand, EXIT_REASON_RDRAND, 4,
	 X86_FEATURE_RDRAND},
	{"rdseed", VMX_CTL_PROC2, 16, l2_rdseed, EXIT_REASON_RDSEED, 4,
	 X86_FEATURE_RDSEED},
	{"monitor", VMX_CTL_PROC, 29, l2_monitor, EXIT_REASON_MONITOR, 3,
	 X86_FEATURE_MONITOR},
	{"mwait", VMX_CTL_PROC, 10, l2_mwait, EXIT_REASON_MWAIT, 3,
	 X86_FEATURE_MONITOR},
};

TEST_VARIANTS(ctl_exit_26_1_3, ctl_exit_rows, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(variant->ctl, variant->bit))
		return report_skip("%s control bit %u cannot be 1",
				   vmx_ctl_name(variant->ctl), variant->bit);
	if (variant->feature.leaf && !cpu_has(variant->feature))
		return report_skip("%s not enumerated", variant->feature.name);
	/* Without the control it runs in L2 (HLT and MWAIT would wait). */
	if (variant->reason != EXIT_REASON_HLT &&
	    variant->reason != EXIT_REASON_MWAIT) {
		e = run(variant->fn);
		check_exit(&e, EXIT_REASON_VMCALL);
		report(vcpu.l2.done, "without the control L2 runs to its end");
		vmx_vmcs_reset(&vcpu);
	}
	if (variant->ctl == VMX_CTL_PROC2)
		vmcs_set_proc2(BIT(variant->bit));
	else
		vmcs_set(VMCS_PROC_CTLS, BIT(variant->bit));
	e = run(variant->fn);
	check_exit(&e, variant->reason);
	if (variant->len)
		report_eq(e.insn_len, variant->len, "instruction length");
	if (variant->reason == EXIT_REASON_INVLPG)
		report_eq(e.qual, 0x123456789000ULL,
			  "qualification: the INVLPG operand's linear address");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_VMCALL);
	finish();
}

static void l2_invpcid(struct l2_guest *l2)
{
	u64 desc[2] = {0, 0};

	/* 66 0f 38 82 08: five bytes with (%rax) and RCX. */
	asm volatile("invpcid (%0), %1" : : "a"(desc), "c"(2ULL) : "memory");
}

/*
 * 25.6.2 (enable INVPCID), 26.1.3: INVPCID is #UD without "enable
 * INVPCID"; with it and INVLPG exiting it exits (reason 58).
 */
TEST_CASE(invpcid_26_1_3, .fixture = &vmx_env,
	  .features = CPU_FEATURES(X86_FEATURE_INVPCID))
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 12))
		return report_skip("enable INVPCID cannot be 1");
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(UD_VECTOR));
	vmcs_set_proc2(0);
	e = run(l2_invpcid);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(UD_VECTOR, INTR_TYPE_HW_EXC, false),
		  "INVPCID without enable INVPCID: #UD");
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_INVPCID);
	e = run(l2_invpcid);
	check_exit(&e, EXIT_REASON_VMCALL);
	report(vcpu.l2.done, "enabled, without INVLPG exiting: no exit");
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_INVPCID);
	vmcs_set(VMCS_PROC_CTLS, PROC_INVLPG);
	e = run(l2_invpcid);
	check_exit(&e, EXIT_REASON_INVPCID);
	report_eq(e.insn_len, 5, "instruction length");
}

static void l2_pause_loop(struct l2_guest *l2)
{
	for (int i = 0; i < 1000000; i++)
		asm volatile("pause");
}

/*
 * 26.1.3 (PAUSE-loop exiting): PAUSEs executed in a loop (each within
 * PLE_Gap TSC cycles of the last) for longer than PLE_Window cycles exit
 * with reason 40.
 */
TEST_CASE(pause_loop_26_1_3, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 10))
		return report_skip("PAUSE-loop exiting not offered");
	vmcs_set_proc2(PROC2_PAUSE_LOOP);
	vmcs_write(VMCS_PLE_GAP, 10000);
	vmcs_write(VMCS_PLE_WINDOW, 100000);
	e = run(l2_pause_loop);
	check_exit(&e, EXIT_REASON_PAUSE);
}

static void l2_rdtsc(struct l2_guest *l2)
{
	l2_record(l2, rdtsc());
}

/*
 * 26.3 (RDTSC), 25.6.5: with "use TSC offsetting" RDTSC returns TSC +
 * offset; with "use TSC scaling" (TSC * multiplier) >> 48 + offset; with
 * "RDTSC exiting" it exits.
 */
TEST_CASE(rdtsc_26_3, .fixture = &vmx_env)
{
	const u64 off = 1ULL << 40;
	struct vmx_exit e;
	u64 t0, t1;

	vmcs_set(VMCS_PROC_CTLS, PROC_RDTSC);
	e = run(l2_rdtsc);
	check_exit(&e, EXIT_REASON_RDTSC);
	report_eq(e.insn_len, 2, "RDTSC exit: instruction length");
	vcpu.gprs.rax = 0x89abcdef;
	vcpu.gprs.rdx = 0x1;
	e = resume(&e);
	finish();
	report_eq(result(0), 0x189abcdefULL, "L2 reads what L1 emulated");

	vmx_vmcs_reset(&vcpu);
	vmcs_set(VMCS_PROC_CTLS, PROC_TSC_OFFSET);
	vmcs_write(VMCS_TSC_OFFSET, off);
	t0 = rdtsc();
	e = run(l2_rdtsc);
	t1 = rdtsc();
	check_exit(&e, EXIT_REASON_VMCALL);
	report(result(0) >= t0 + off && result(0) <= t1 + off,
	       "offset TSC %#lx in [%#lx, %#lx]", result(0), t0 + off,
	       t1 + off);

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 25))
		return report_skip("TSC scaling not offered");
	vmx_vmcs_reset(&vcpu);
	vmcs_set(VMCS_PROC_CTLS, PROC_TSC_OFFSET);
	vmcs_set_proc2(PROC2_TSC_SCALING);
	vmcs_write(VMCS_TSC_MULTIPLIER, 3ULL << 47);
	vmcs_write(VMCS_TSC_OFFSET, off);
	t0 = rdtsc();
	e = run(l2_rdtsc);
	t1 = rdtsc();
	check_exit(&e, EXIT_REASON_VMCALL);
	report(result(0) >= t0 + t0 / 2 + off && result(0) <= t1 + t1 / 2 + off,
	       "scaled x1.5 TSC %#lx in [%#lx, %#lx]", result(0),
	       t0 + t0 / 2 + off, t1 + t1 / 2 + off);
}

/*
 * 25.6.2 (enable RDTSCP), 26.1.3: RDTSCP is #UD without it and exits
 * with RDTSC exiting; 26.3: otherwise it returns TSC + offset (here a
 * negative one) and IA32_TSC_AUX.
 */
TEST_CASE(rdtscp_26_1_3, .fixture = &vmx_env,
	  .features = CPU_FEATURES(X86_FEATURE_RDTSCP))
{
	u64 aux = rdmsr(MSR_TSC_AUX), back = 1 << 20, t0, t1;
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 3))
		return report_skip("enable RDTSCP cannot be 1");
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(UD_VECTOR));
	vmcs_set_proc2(0);
	e = run(l2_rdtscp);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(UD_VECTOR, INTR_TYPE_HW_EXC, false),
		  "RDTSCP without enable RDTSCP: #UD");
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_RDTSCP);
	vmcs_set(VMCS_PROC_CTLS, PROC_RDTSC);
	e = run(l2_rdtscp);
	check_exit(&e, EXIT_REASON_RDTSCP);
	report_eq(e.insn_len, 3, "instruction length");

	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_RDTSCP);
	vmcs_set(VMCS_PROC_CTLS, PROC_TSC_OFFSET);
	vmcs_write(VMCS_TSC_OFFSET, -back);
	wrmsr(MSR_TSC_AUX, 0x42);
	t0 = rdtsc();
	e = run(l2_rdtscp_record);
	t1 = rdtsc();
	check_exit(&e, EXIT_REASON_VMCALL);
	report(result(0) >= t0 - back && result(0) <= t1 - back,
	       "offset TSC %#lx in [%#lx, %#lx]", result(0), t0 - back,
	       t1 - back);
	report_eq(result(1), 0x42, "ECX: IA32_TSC_AUX");
	wrmsr(MSR_TSC_AUX, aux);
}

static void l2_cr0_ts(struct l2_guest *l2)
{
	u64 cr0 = read_cr0();

	l2_record(l2, cr0);
	/* Same TS as the shadow: no exit. */
	asm volatile("mov %0, %%cr0" : : "a"(cr0) : "memory");
	l2_record(l2, 1);
	/* TS different from the shadow: exits. */
	asm volatile("mov %0, %%cr0" : : "a"(cr0 & ~X86_CR0_TS) : "memory");
	l2_record(l2, 2);
	asm volatile("clts");
}

/*
 * 25.6.6, 26.3: bits set in the CR0 guest/host mask read from the read
 * shadow; a write that would change such a bit away from the shadow exits
 * (26.1.3), one that does not, does not. 28.2.1 table 28-3: CR number,
 * access type (0 MOV to CR, 2 CLTS), register.
 */
TEST_CASE(cr0_mask_shadow_25_6_6, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_write(VMCS_CR0_MASK, X86_CR0_TS);
	vmcs_write(VMCS_CR0_SHADOW, vmcs_read(VMCS_GUEST_CR0) | X86_CR0_TS);
	vmcs_clear(VMCS_GUEST_CR0, X86_CR0_TS);
	e = run(l2_cr0_ts);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(vcpu.l2.results->count, 2, "the equal write did not exit");
	report_eq(result(0) & X86_CR0_TS, X86_CR0_TS,
		  "MOV from CR0 reads TS from the read shadow");
	report_eq(e.qual, 0x000, "qualification: CR0, MOV to CR, RAX");
	report_eq(e.insn_len, 3, "instruction length");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(e.qual & 0x3f, 0x20, "CLTS: CR0, access type 2");
	report_eq(e.insn_len, 2, "CLTS instruction length");
	e = resume(&e);
	finish();
	report_eq(vmcs_read(VMCS_GUEST_CR0) & X86_CR0_TS, 0,
		  "guest CR0.TS is still 0");
}

static void l2_cr4_read(struct l2_guest *l2)
{
	l2_record(l2, read_cr4());
}

/* 25.6.6, 26.3: the CR4 read shadow, bit by bit under the mask. */
TEST_CASE(cr4_shadow_25_6_6, .fixture = &vmx_env)
{
	u64 cr4 = vmcs_read(VMCS_GUEST_CR4);
	struct vmx_exit e;

	vmcs_write(VMCS_CR4_MASK, X86_CR4_VMXE | X86_CR4_DE);
	vmcs_write(VMCS_CR4_SHADOW, (cr4 & ~X86_CR4_VMXE) | X86_CR4_DE);
	vmcs_clear(VMCS_GUEST_CR4, X86_CR4_DE);
	e = run(l2_cr4_read);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(
		result(0), (cr4 & ~X86_CR4_VMXE) | X86_CR4_DE,
		"CR4 reads VMXE=0 and DE=1 from the shadow, the rest from CR4");
}

static void l2_cr3(struct l2_guest *l2)
{
	u64 cr3;

	asm volatile("mov %%cr3, %%rbx\n\t"
		     "mov %%rbx, %%cr3"
		     : "=b"(cr3)
		     :
		     : "memory");
	l2_record(l2, cr3);
}

/*
 * 26.1.3: CR3-load exiting exits unless the value is one of the first
 * CR3-target-count target values; CR3-store exiting. 28.2.1: qualification.
 */
TEST_CASE(cr3_exiting_26_1_3, .fixture = &vmx_env)
{
	u64 cr3 = vmcs_read(VMCS_GUEST_CR3);
	struct vmx_exit e;

	vmcs_set(VMCS_PROC_CTLS, PROC_CR3_LOAD | PROC_CR3_STORE);
	e = run(l2_cr3);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(e.qual, 0x313, "store: CR3, MOV from CR (1), RBX (3)");
	vcpu.gprs.rbx = cr3;
	e = resume(&e);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(e.qual, 0x303, "load: CR3, MOV to CR (0), RBX (3)");
	e = resume(&e);
	finish();

	vmx_vmcs_reset(&vcpu);
	vmcs_set(VMCS_PROC_CTLS, PROC_CR3_LOAD);
	vmcs_write(VMCS_CR3_TARGET0 + 2, cr3);
	vmcs_write(VMCS_CR3_TARGET_COUNT, 2);
	e = run(l2_cr3);
	check_exit(&e, EXIT_REASON_VMCALL);
	report(vcpu.l2.done, "loading target value 1 of 2 does not exit");
	vmx_vmcs_reset(&vcpu);
	vmcs_set(VMCS_PROC_CTLS, PROC_CR3_LOAD);
	vmcs_write(VMCS_CR3_TARGET0 + 2, cr3);
	vmcs_write(VMCS_CR3_TARGET_COUNT, 1);
	e = run(l2_cr3);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(e.qual, 0x303, "target value 1 beyond a count of 1 exits");
	vmx_vmcs_reset(&vcpu);
	vmcs_write(VMCS_CR3_TARGET_COUNT, vmx_caps()->cr3_targets + 1);
	e = run(l2_cr3);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
		   "CR3-target count above IA32_VMX_MISC[24:16] (27.2.1.1)");
}

static void l2_cr8(struct l2_guest *l2)
{
	asm volatile("mov %%cr8, %%rdx\n\t"
		     "mov %%rdx, %%cr8"
		     :
		     :
		     : "rdx", "memory");
}

/* 26.1.3: CR8-load and CR8-store exiting (without a TPR shadow). */
TEST_CASE(cr8_exiting_26_1_3, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC, 19) ||
	    !vmx_ctl_may_set(VMX_CTL_PROC, 20))
		return report_skip("CR8 exiting controls cannot be 1");
	vmcs_set(VMCS_PROC_CTLS, PROC_CR8_LOAD | PROC_CR8_STORE);
	e = run(l2_cr8);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(e.qual, 0x218, "store: CR8, MOV from CR, RDX (2)");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_CR);
	report_eq(e.qual, 0x208, "load: CR8, MOV to CR, RDX");
	e = resume(&e);
	finish();
}

static void l2_dr(struct l2_guest *l2)
{
	asm volatile("mov %%dr7, %%rcx\n\t"
		     "mov %%rcx, %%dr0"
		     :
		     :
		     : "rcx", "memory");
}

/* 26.1.3 MOV-DR exiting; 28.2.1 table 28-4 qualification. */
TEST_CASE(mov_dr_26_1_3, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_set(VMCS_PROC_CTLS, PROC_MOV_DR);
	e = run(l2_dr);
	check_exit(&e, EXIT_REASON_DR);
	report_eq(e.qual, 0x117, "MOV from DR7 to RCX (1)");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_DR);
	report_eq(e.qual, 0x100, "MOV to DR0 from RCX");
	e = resume(&e);
	finish();
}

static void l2_io(struct l2_guest *l2)
{
	u16 v;

	asm volatile("outb %%al, $0x80" : : "a"(0x5a));
	l2_record(l2, 1);
	asm volatile("inw %%dx, %%ax" : "=a"(v) : "d"(0x7ffe));
	l2_record(l2, 2);
	asm volatile("inw %%dx, %%ax" : "=a"(v) : "d"(0x7fff));
	l2_record(l2, 3);
	asm volatile("outw %%ax, %%dx" : : "a"(0), "d"(0xffff));
	l2_record(l2, 4);
	asm volatile("inb %%dx, %%al" : "=a"(v) : "d"(0x81));
	l2_record(l2, 5);
}

/* 26.1.3 unconditional I/O exiting; 28.2.1 table 28-5 qualification. */
TEST_CASE(io_unconditional_26_1_3, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_set(VMCS_PROC_CTLS, PROC_IO_UNCOND);
	e = run(l2_io);
	check_exit(&e, EXIT_REASON_IO);
	report_eq(e.qual, 0x800040, "OUT imm8 port 0x80, 1 byte");
	report_eq(e.insn_len, 2, "instruction length");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_IO);
	report_eq(e.qual, 0x7ffe0009, "IN DX port 0x7ffe, 2 bytes");
	report_eq(e.insn_len, 2, "instruction length (66 ED)");
}

/*
 * 26.1.3, 25.6.4: with I/O bitmaps, an access exits when the bit of any
 * port it touches is set (bitmap A below 8000H, B from it), and always
 * when it wraps around from FFFFH to 0000H; unconditional I/O exiting is
 * ignored.
 */
TEST_CASE(io_bitmaps_26_1_3, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_set(VMCS_PROC_CTLS, PROC_IO_UNCOND);
	vmx_io_intercept(&vcpu, 0x80, true);
	vmx_io_intercept(&vcpu, 0x8000, true);
	e = run(l2_io);
	check_exit(&e, EXIT_REASON_IO);
	report_eq(e.qual, 0x800040, "port 0x80 (bitmap A) exits");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_IO);
	report_eq(vcpu.l2.results->count, 2,
		  "2-byte IN at 0x7ffe (bits clear) does not exit");
	report_eq(e.qual, 0x7fff0009,
		  "2-byte IN at 0x7fff exits on port 0x8000 (bitmap B)");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_IO);
	report_eq(e.qual, 0xffff0001, "2-byte OUT at 0xffff wraps: exits");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->count, 5,
		  "port 0x81 (bit clear) does not exit");
	finish();
}

static void l2_msrs(struct l2_guest *l2)
{
	l2_record(l2, rdmsr(MSR_IA32_SYSENTER_CS));
	l2_record(l2, rdmsr(MSR_IA32_SYSENTER_ESP));
	l2_record(l2, rdmsr(MSR_STAR));
	wrmsr(MSR_LSTAR, 0xffffffff81234567ULL);
	wrmsr(MSR_KERNEL_GS_BASE, 0x5000);
	l2_record(l2, rdmsr(0x2000));
	l2_record(l2, rdmsr(0xc0002000));
}

/*
 * 25.6.9, 26.1.3: RDMSR/WRMSR exit when the MSR's bit is set in the read
 * or write bitmap (low 00000000H-00001FFFH, high C0000000H-C0001FFFH),
 * and always for an MSR outside both ranges.
 */
TEST_CASE(msr_bitmaps_25_6_9, .fixture = &vmx_env)
{
	u64 kgs = rdmsr(MSR_KERNEL_GS_BASE), esp = rdmsr(MSR_IA32_SYSENTER_ESP);
	struct vmx_exit e;

	vmx_msr_intercept(&vcpu, MSR_IA32_SYSENTER_CS, true, false);
	vmx_msr_intercept(&vcpu, MSR_STAR, true, false);
	vmx_msr_intercept(&vcpu, MSR_LSTAR, false, true);
	vmcs_write(VMCS_GUEST_SYSENTER_ESP, 0x4321);
	e = run(l2_msrs);
	check_exit(&e, EXIT_REASON_RDMSR);
	report_eq(vcpu.gprs.rcx, MSR_IA32_SYSENTER_CS, "low read bit: ECX");
	report_eq(e.insn_len, 2, "instruction length");
	vcpu.gprs.rax = 0x11;
	vcpu.gprs.rdx = 0;
	e = resume(&e);
	check_exit(&e, EXIT_REASON_RDMSR);
	report_eq(vcpu.gprs.rcx, MSR_STAR,
		  "high read bit: ECX (SYSENTER_ESP did not exit)");
	vcpu.gprs.rax = 0x22;
	vcpu.gprs.rdx = 0x33;
	e = resume(&e);
	check_exit(&e, EXIT_REASON_WRMSR);
	report_eq(vcpu.gprs.rcx, MSR_LSTAR, "high write bit: ECX");
	report_eq(vcpu.gprs.rdx << 32 | (u32)vcpu.gprs.rax,
		  0xffffffff81234567ULL, "EDX:EAX");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_RDMSR);
	report_eq(vcpu.gprs.rcx, 0x2000, "above the low range always exits");
	report_eq(rdmsr(MSR_KERNEL_GS_BASE), 0x5000,
		  "WRMSR with its bit clear went to the MSR");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_RDMSR);
	report_eq(vcpu.gprs.rcx, 0xc0002000,
		  "above the high range always exits");
	e = resume(&e);
	finish();
	report_eq(result(0), 0x11, "L2 read L1's value of SYSENTER_CS");
	report_eq(result(1), 0x4321, "SYSENTER_ESP read the guest's MSR");
	report_eq(result(2), 0x3300000022ULL, "L2 read L1's value of STAR");
	wrmsr(MSR_KERNEL_GS_BASE, kgs);
	wrmsr(MSR_IA32_SYSENTER_ESP, esp);
}

static void l2_exceptions(struct l2_guest *l2)
{
	asm volatile("int3");
	asm volatile("ud2");
}

/*
 * 26.2 (exception bitmap), 28.2.2 interruption information: #BP from
 * INT3 is a software exception (type 6) with instruction length 1, #UD a
 * hardware exception (type 3).
 */
TEST_CASE(exception_bitmap_26_2, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(BP_VECTOR) | BIT(UD_VECTOR));
	e = run(l2_exceptions);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(BP_VECTOR, INTR_TYPE_SW_EXC, false),
		  "INT3: vector 3, software exception, valid");
	report_eq(e.insn_len, 1, "INT3 instruction length");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(UD_VECTOR, INTR_TYPE_HW_EXC, false),
		  "UD2: vector 6, hardware exception, valid");
	report_eq(e.idt_info & INTR_INFO_VALID, 0,
		  "no IDT-vectoring information");
	vmcs_write(VMCS_GUEST_RIP, vmcs_read(VMCS_GUEST_RIP) + 2);
	e = vmx_run(&vcpu, NULL);
	finish();
}

#define UNMAPPED_VA 0x100000000000ULL

static void l2_page_faults(struct l2_guest *l2)
{
	u64 v;
	struct fault f;

	f = fault_probe("mov (%1), %0", : "=r"(v) : "r"(UNMAPPED_VA));
	l2_record(l2, f.raised ? f.vector : 0xff);
	f = fault_probe("movb $1, (%0)", : : "r"(UNMAPPED_VA) : "memory");
	l2_record(l2, f.raised ? f.vector : 0xff);
}

/*
 * 26.2: a #PF exits when (error code AND mask) = match and bit 14 of the
 * exception bitmap is 1, or when they differ and it is 0. Here bit 14 =
 * 1 with mask = match = W: the write exits, the read goes to L2.
 */
TEST_CASE(pf_mask_match_26_2, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (pt_walk(&(struct page_table){(u64 *)(read_cr3() & PT_ADDR_MASK), 4},
		    UNMAPPED_VA, PT_LEVEL_4K, false))
		return report_skip("%#llx is mapped", UNMAPPED_VA);
	vmcs_write(VMCS_EXCEPTION_BITMAP, BIT(PF_VECTOR));
	vmcs_write(VMCS_PF_ERR_MASK, PFERR_W);
	vmcs_write(VMCS_PF_ERR_MATCH, PFERR_W);
	e = run(l2_page_faults);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_info, intr_info(PF_VECTOR, INTR_TYPE_HW_EXC, true),
		  "#PF with an error code");
	report_eq(e.intr_err, PFERR_W, "error code: write, not present");
	report_eq(e.qual, UNMAPPED_VA, "qualification: the faulting address");
	report_eq(vcpu.l2.results->count, 1, "the read's #PF went to L2");
	report_eq(result(0), PF_VECTOR, "L2 took #PF on the read");

	vmx_vmcs_reset(&vcpu);
	vmcs_write(VMCS_EXCEPTION_BITMAP, 0);
	vmcs_write(VMCS_PF_ERR_MASK, PFERR_W);
	vmcs_write(VMCS_PF_ERR_MATCH, PFERR_W);
	e = run(l2_page_faults);
	check_exit(&e, EXIT_REASON_EXCEPTION);
	report_eq(e.intr_err, 0, "bit 14 = 0: the read (no match) exits");
}

static void l2_spin(struct l2_guest *l2)
{
	for (u64 i = 0; i < 100000000; i++)
		asm volatile("" : : : "memory");
}

/*
 * 26.5.1: the VMX-preemption timer counts down at the TSC rate divided by
 * 2^IA32_VMX_MISC[4:0] and exits (reason 52) when it reaches 0; a value
 * of 0 exits before any L2 instruction.
 */
TEST_CASE(preemption_timer_26_5_1, .fixture = &vmx_env)
{
	const u32 ticks = 10000;
	u8 rate = vmx_caps()->preempt_rate;
	struct vmx_exit e;
	u64 t0, t1;

	if (!vmx_ctl_may_set(VMX_CTL_PIN, 6))
		return report_skip("preemption timer not offered");
	vmcs_set(VMCS_PIN_CTLS, PIN_PREEMPT_TIMER);
	vmcs_write(VMCS_PREEMPT_TIMER, ticks);
	t0 = rdtsc();
	e = run(l2_spin);
	t1 = rdtsc();
	check_exit(&e, EXIT_REASON_PREEMPT_TIMER);
	report(t1 - t0 >= (u64)ticks << rate,
	       "%lu TSC cycles elapsed, at least %u << %u", t1 - t0, ticks,
	       rate);

	vmx_vmcs_reset(&vcpu);
	vmcs_set(VMCS_PIN_CTLS, PIN_PREEMPT_TIMER);
	vmcs_write(VMCS_PREEMPT_TIMER, 0);
	e = run(l2_rdtsc);
	check_exit(&e, EXIT_REASON_PREEMPT_TIMER);
	report_eq(vmcs_read(VMCS_GUEST_RIP), l2_entry_rip(),
		  "value 0: exit before L2's first instruction");
}

asm(".pushsection .text\n"
    "mtf_code:\n\t"
    "nop\n\t"
    "xchg %ax, %ax\n\t"
    "vmcall\n\t"
    ".popsection");
extern char mtf_code[];

/* 26.5.2: monitor trap flag: an exit after each L2 instruction. */
TEST_CASE(mtf_26_5_2, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC, 27))
		return report_skip("monitor trap flag not offered");
	vmcs_set(VMCS_PROC_CTLS, PROC_MTF);
	l2_init(&vcpu.l2, l2_nothing, NULL);
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	vmcs_write(VMCS_GUEST_RIP, (u64)mtf_code);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_MTF);
	report_eq(vmcs_read(VMCS_GUEST_RIP), (u64)mtf_code + 1, "after NOP");
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_MTF);
	report_eq(vmcs_read(VMCS_GUEST_RIP), (u64)mtf_code + 3, "after 66 90");
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
}

static void l2_ud(struct l2_guest *l2)
{
	asm volatile("ud2");
}

/* 26.2 (reason 2): an L2 triple fault (no IDT) exits. */
TEST_CASE(triple_fault_26_2, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_write(VMCS_GUEST_IDTR_LIMIT, 0);
	e = run(l2_ud);
	check_exit(&e, EXIT_REASON_TRIPLE_FAULT);
}

static void l2_xsetbv(struct l2_guest *l2)
{
	asm volatile("xsetbv" : : "a"(1), "d"(0), "c"(0));
}

/* 26.1.2: XSETBV exits unconditionally. */
TEST_CASE(xsetbv_26_1_2, .fixture = &vmx_env,
	  .features = CPU_FEATURES(X86_FEATURE_XSAVE))
{
	struct vmx_exit e;

	vmcs_set(VMCS_GUEST_CR4, X86_CR4_OSXSAVE);
	e = run(l2_xsetbv);
	check_exit(&e, EXIT_REASON_XSETBV);
	report_eq(e.insn_len, 3, "instruction length");
	report_eq(vcpu.gprs.rax, 1, "EAX (XCR0 value) reaches L1");
}

static void l2_intr_window(struct l2_guest *l2)
{
	asm volatile("sti; nop; cli");
}

/*
 * 27.7.5 (interrupt-window exiting): an exit as soon as RFLAGS.IF = 1
 * and nothing blocks interrupts: after STI's shadow.
 */
TEST_CASE(intr_window_27_7_5, .fixture = &vmx_env)
{
	struct vmx_exit e;

	vmcs_set(VMCS_PROC_CTLS, PROC_INTR_WINDOW);
	e = run(l2_intr_window);
	check_exit(&e, EXIT_REASON_INTR_WINDOW);
	report(vmcs_read(VMCS_GUEST_RFLAGS) & X86_EFLAGS_IF, "L2 has IF = 1");
	report_eq(vmcs_read(VMCS_GUEST_INTR_STATE) & 3, 0, "no STI blocking");
	vmcs_clear(VMCS_PROC_CTLS, PROC_INTR_WINDOW);
	e = vmx_run(&vcpu, NULL);
	finish();
}

/* INSN with a register (%0) and a memory (%1) operand where it takes them. */
#define L2_VMX_INSN(name, text)                                            \
	static void l2_##name(struct l2_guest *l2)                         \
	{                                                                  \
		u64 m[2] = {0, 0};                                         \
		asm volatile(text : : "r"(0ULL), "m"(m) : "cc", "memory"); \
	}
L2_VMX_INSN(vmclear, "vmclear %1")
L2_VMX_INSN(vmlaunch, "vmlaunch")
L2_VMX_INSN(vmptrld, "vmptrld %1")
L2_VMX_INSN(vmptrst, "vmptrst %1")
L2_VMX_INSN(vmread, "vmread %0, %0")
L2_VMX_INSN(vmresume, "vmresume")
L2_VMX_INSN(vmwrite, "vmwrite %0, %0")
L2_VMX_INSN(vmxoff, "vmxoff")
L2_VMX_INSN(vmxon, "vmxon %1")
L2_VMX_INSN(invept, "invept %1, %0")
L2_VMX_INSN(invvpid, "invvpid %1, %0")

struct vmx_insn_row {
	const char *name;
	l2_fn_t fn;
	u32 reason;
};

static const struct vmx_insn_row vmx_insn_rows[] = {
	{"vmclear", l2_vmclear, EXIT_REASON_VMCLEAR},
	{"vmlaunch", l2_vmlaunch, EXIT_REASON_VMLAUNCH},
	{"vmptrld", l2_vmptrld, EXIT_REASON_VMPTRLD},
	{"vmptrst", l2_vmptrst, EXIT_REASON_VMPTRST},
	{"vmread", l2_vmread, EXIT_REASON_VMREAD},
	{"vmresume", l2_vmresume, EXIT_REASON_VMRESUME},
	{"vmwrite", l2_vmwrite, EXIT_REASON_VMWRITE},
	{"vmxoff", l2_vmxoff, EXIT_REASON_VMXOFF},
	{"vmxon", l2_vmxon, EXIT_REASON_VMXON},
	{"invept", l2_invept, EXIT_REASON_INVEPT},
	{"invvpid", l2_invvpid, EXIT_REASON_INVVPID},
};

/* 26.1.2: every VMX instruction exits unconditionally in VMX non-root. */
TEST_VARIANTS(vmx_insn_26_1_2, vmx_insn_rows, .fixture = &vmx_env)
{
	struct vmx_exit e = run(variant->fn);

	check_exit(&e, variant->reason);
}

static void l2_toggle_sce(struct l2_guest *l2)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) ^ EFER_SCE);
}

/*
 * 28.3 (saving guest state) and 28.5.1 (loading host MSRs): with "save
 * IA32_EFER" the exit stores L2's EFER in the guest field; with "load
 * IA32_EFER" it loads the host field into EFER.
 */
TEST_CASE(exit_efer_28_3, .fixture = &vmx_env)
{
	u64 efer = rdmsr(MSR_EFER);
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_EXIT, 20) ||
	    !vmx_ctl_may_set(VMX_CTL_EXIT, 21) ||
	    !vmx_ctl_may_set(VMX_CTL_ENTRY, 15))
		return report_skip("EFER save/load controls not offered");
	vmx_msr_intercept(&vcpu, MSR_EFER, false, false);
	vmcs_set(VMCS_EXIT_CTLS, EXIT_SAVE_EFER | EXIT_LOAD_EFER);
	vmcs_set(VMCS_ENTRY_CTLS, ENTRY_LOAD_EFER);
	vmcs_write(VMCS_GUEST_EFER, efer);
	vmcs_write(VMCS_HOST_EFER, efer ^ EFER_SCE);
	e = run(l2_toggle_sce);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vmcs_read(VMCS_GUEST_EFER), efer ^ EFER_SCE,
		  "guest EFER field: L2's value");
	report_eq(rdmsr(MSR_EFER), efer ^ EFER_SCE, "EFER: the host field");
	wrmsr(MSR_EFER, efer);
}

/*
 * 28.3, 26.5.1: with "save VMX-preemption-timer value" an exit for any
 * reason stores the timer's remaining count in its field.
 */
TEST_CASE(preemption_timer_save_28_3, .fixture = &vmx_env)
{
	const u32 start = 0x10000000;
	struct vmx_exit e;
	u64 left;

	if (!vmx_ctl_may_set(VMX_CTL_PIN, 6) ||
	    !vmx_ctl_may_set(VMX_CTL_EXIT, 22))
		return report_skip("saving the preemption timer not offered");
	vmcs_set(VMCS_PIN_CTLS, PIN_PREEMPT_TIMER);
	vmcs_set(VMCS_EXIT_CTLS, EXIT_SAVE_PREEMPT);
	vmcs_write(VMCS_PREEMPT_TIMER, start);
	e = run(l2_rdtsc);
	check_exit(&e, EXIT_REASON_VMCALL);
	left = vmcs_read(VMCS_PREEMPT_TIMER);
	report(left < start && left > 0, "remaining count %#lx below %#x", left,
	       start);
}

static void l2_desc_tables(struct l2_guest *l2)
{
	static u8 buf[16];

	asm volatile("sgdt (%%rax)" : : "a"(buf) : "memory");
	asm volatile("sidt (%%rax)" : : "a"(buf) : "memory");
	asm volatile("sldt (%%rax)" : : "a"(buf) : "memory");
	asm volatile("str %%ax" : : : "rax");
}

/*
 * 28.2.4 (VM-exit instruction information for GDTR/IDTR and LDTR/TR
 * accesses): scaling, address size, memory/register, segment, index and
 * base registers with their invalid bits, and the instruction identity
 * (bits 29:28: SGDT 0, SIDT 1; SLDT 0, STR 1). Undefined bits (6:2,
 * 14:11, 31:30) are not compared.
 */
TEST_CASE(desc_table_info_28_2_4, .fixture = &vmx_env)
{
	const u32 defined = 0x3fff8783;
	/* 64-bit address (2 << 7), DS (3 << 15), no index (bit 22), base RAX. */
	const u32 mem_rax = 2 << 7 | 3 << 15 | BIT(22);
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 2))
		return report_skip("descriptor-table exiting not offered");
	vmcs_set_proc2(PROC2_DESC_TABLE);
	e = run(l2_desc_tables);
	check_exit(&e, EXIT_REASON_GDTR_IDTR);
	report_eq(e.insn_info & defined, mem_rax, "SGDT (%%rax)");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_GDTR_IDTR);
	report_eq(e.insn_info & defined, mem_rax | 1 << 28, "SIDT (%%rax)");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_LDTR_TR);
	report_eq(e.insn_info & defined, mem_rax, "SLDT (%%rax)");
	e = resume(&e);
	check_exit(&e, EXIT_REASON_LDTR_TR);
	/* Register operand: bit 10 = 1, Reg1 (bits 6:3) = 0, RAX. */
	report_eq(e.insn_info & (BIT(10) | 0xf << 3 | 3 << 28),
		  BIT(10) | 1 << 28, "STR %%ax: register form, identity 1");
	e = resume(&e);
	finish();
}
