// SPDX-License-Identifier: GPL-2.0-only
/*
 * intercepts.c: instruction intercepts (AMD APM vol. 2 15.9 to 15.14 and
 * table B-1), each checked for its exit code (appendix C), for the RIP of
 * the intercepted instruction in the VMCB (15.6) and, with NRIPS, for
 * the next RIP (15.7.1); CR and DR accesses (15.9, 15.10 selective CR0
 * write), the exception bitmap with EXITINFO1/EXITINFO2 (15.12), the MSR
 * permission map at the edges of its three ranges and outside them
 * (15.11), the I/O permission map with EXITINFO1 decoded (15.10.1,
 * 15.10.2 figure 15-2), physical INTR and NMI (15.13), VINTR (15.21.4),
 * shutdown (15.12.3), task switch (15.14.2) and #TS from task switches
 * L2 starts itself (15.12, APM vol. 2 12.3).
 */
#include "svmtest.h"
#include <alloc.h>
#include <x86/apic.h>
#include <x86/irq.h>
#include <x86/usermode.h>

SVM_ENV;

#define W1 1 /* intercept word 3, offset 0x0c */
#define W2 2 /* intercept word 4, offset 0x10 */

/*
 * L2 bodies that exit on their instruction and are never resumed (the
 * registers the instruction writes need no clobbers).
 */
#define L2_ASM(name, text, ...)                                \
	static void l2_##name(struct l2_guest *l2)             \
	{                                                      \
		asm volatile(text : : __VA_ARGS__ : "memory"); \
	}

static u64 scratch[4];

/* These two also run to completion (insn_not_intercepted): exact clobbers. */
static void l2_cpuid(struct l2_guest *l2)
{
	struct cpuid r = cpuid(0);

	l2_record(l2, r.a);
}

static void l2_rdtsc(struct l2_guest *l2)
{
	l2_record(l2, rdtsc());
}

L2_ASM(hlt, "hlt")
L2_ASM(rdtscp, "rdtscp")
L2_ASM(rdpmc, "rdpmc", "c"(0))
L2_ASM(invd, "invd")
L2_ASM(invlpg, "invlpg (%%rax)", "a"(scratch))
L2_ASM(invlpga, "invlpga %%rax, %%ecx", "a"(0), "c"(1))
L2_ASM(pause, "pause")
L2_ASM(vmmcall, "vmmcall")
L2_ASM(vmload, "vmload %%rax", "a"(0))
L2_ASM(vmsave, "vmsave %%rax", "a"(0))
L2_ASM(stgi, "stgi")
L2_ASM(clgi, "clgi")
L2_ASM(vmrun, "vmrun %%rax", "a"(0))
L2_ASM(icebp, ".byte 0xf1")
L2_ASM(wbinvd, "wbinvd")
L2_ASM(monitor, "monitor %%rax, %%ecx, %%edx", "a"(scratch), "c"(0), "d"(0))
L2_ASM(mwait, "mwait %%eax, %%ecx", "a"(0), "c"(0))
L2_ASM(xsetbv, "xgetbv; xsetbv", "c"(0))
L2_ASM(pushf, "pushf")
L2_ASM(popf, "pushf; popf")
L2_ASM(iret, "iretq")
L2_ASM(intn, "int $0x30")
L2_ASM(sidt, "sidt (%%rax)", "a"(scratch))
L2_ASM(sgdt, "sgdt (%%rax)", "a"(scratch))
L2_ASM(sldt, "sldt %%eax")
L2_ASM(str, "str %%eax")
L2_ASM(lidt, "sidt (%%rax); lidt (%%rax)", "a"(scratch))
L2_ASM(lgdt, "sgdt (%%rax); lgdt (%%rax)", "a"(scratch))
L2_ASM(lldt, "sldt %%ax; lldt %%ax")
L2_ASM(ltr, "str %%ax; ltr %%ax")

static const struct insn_row {
	const char *name;
	int word;
	u32 bit;
	u64 exit;
	l2_fn_t fn;
	const char *bytes; /* the intercepted instruction */
	unsigned int len;
	const struct x86_feature *needs;
} insn_rows[] = {
#define ROW(n, w, b, e, f, by, ...)                                 \
	{                                                           \
		n, w, b, e, l2_##f, by, sizeof(by) - 1, __VA_ARGS__ \
	}
	ROW("CPUID", W1, INTERCEPT_CPUID, SVM_EXIT_CPUID, cpuid, "\x0f\xa2",
	    NULL),
	ROW("HLT", W1, INTERCEPT_HLT, SVM_EXIT_HLT, hlt, "\xf4", NULL),
	ROW("RDTSC", W1, INTERCEPT_RDTSC, SVM_EXIT_RDTSC, rdtsc, "\x0f\x31",
	    NULL),
	ROW("RDTSCP", W2, INTERCEPT_RDTSCP, SVM_EXIT_RDTSCP, rdtscp,
	    "\x0f\x01\xf9", &X86_FEATURE_RDTSCP),
	ROW("RDPMC", W1, INTERCEPT_RDPMC, SVM_EXIT_RDPMC, rdpmc, "\x0f\x33",
	    NULL),
	ROW("INVD", W1, INTERCEPT_INVD, SVM_EXIT_INVD, invd, "\x0f\x08", NULL),
	ROW("INVLPG", W1, INTERCEPT_INVLPG, SVM_EXIT_INVLPG, invlpg,
	    "\x0f\x01\x38", NULL),
	ROW("INVLPGA", W1, INTERCEPT_INVLPGA, SVM_EXIT_INVLPGA, invlpga,
	    "\x0f\x01\xdf", NULL),
	ROW("PAUSE", W1, INTERCEPT_PAUSE, SVM_EXIT_PAUSE, pause, "\xf3\x90",
	    NULL),
	ROW("VMMCALL", W2, INTERCEPT_VMMCALL, SVM_EXIT_VMMCALL, vmmcall,
	    "\x0f\x01\xd9", NULL),
	ROW("VMLOAD", W2, INTERCEPT_VMLOAD, SVM_EXIT_VMLOAD, vmload,
	    "\x0f\x01\xda", NULL),
	ROW("VMSAVE", W2, INTERCEPT_VMSAVE, SVM_EXIT_VMSAVE, vmsave,
	    "\x0f\x01\xdb", NULL),
	ROW("STGI", W2, INTERCEPT_STGI, SVM_EXIT_STGI, stgi, "\x0f\x01\xdc",
	    NULL),
	ROW("CLGI", W2, INTERCEPT_CLGI, SVM_EXIT_CLGI, clgi, "\x0f\x01\xdd",
	    NULL),
	ROW("VMRUN", W2, INTERCEPT_VMRUN, SVM_EXIT_VMRUN, vmrun, "\x0f\x01\xd8",
	    NULL),
	ROW("ICEBP", W2, INTERCEPT_ICEBP, SVM_EXIT_ICEBP, icebp, "\xf1", NULL),
	ROW("WBINVD", W2, INTERCEPT_WBINVD, SVM_EXIT_WBINVD, wbinvd, "\x0f\x09",
	    NULL),
	ROW("MONITOR", W2, INTERCEPT_MONITOR, SVM_EXIT_MONITOR, monitor,
	    "\x0f\x01\xc8", &X86_FEATURE_MONITOR),
	ROW("MWAIT", W2, INTERCEPT_MWAIT, SVM_EXIT_MWAIT, mwait, "\x0f\x01\xc9",
	    &X86_FEATURE_MONITOR),
	ROW("XSETBV", W2, INTERCEPT_XSETBV, SVM_EXIT_XSETBV, xsetbv,
	    "\x0f\x01\xd1", &X86_FEATURE_XSAVE),
	ROW("PUSHF", W1, INTERCEPT_PUSHF, SVM_EXIT_PUSHF, pushf, "\x9c", NULL),
	ROW("POPF", W1, INTERCEPT_POPF, SVM_EXIT_POPF, popf, "\x9d", NULL),
	ROW("IRET", W1, INTERCEPT_IRET, SVM_EXIT_IRET, iret, "\x48\xcf", NULL),
	ROW("INTn", W1, INTERCEPT_INTN, SVM_EXIT_SWINT, intn, "\xcd\x30", NULL),
	ROW("SIDT", W1, BIT(6), 0x66, sidt, "\x0f\x01\x08", NULL),
	ROW("SGDT", W1, BIT(7), 0x67, sgdt, "\x0f\x01\x00", NULL),
	ROW("SLDT", W1, BIT(8), 0x68, sldt, "\x0f\x00\xc0", NULL),
	ROW("STR", W1, BIT(9), 0x69, str, "\x0f\x00\xc8", NULL),
	ROW("LIDT", W1, BIT(10), 0x6a, lidt, "\x0f\x01\x18", NULL),
	ROW("LGDT", W1, BIT(11), 0x6b, lgdt, "\x0f\x01\x10", NULL),
	ROW("LLDT", W1, BIT(12), 0x6c, lldt, "\x0f\x00\xd0", NULL),
	ROW("LTR", W1, BIT(13), 0x6d, ltr, "\x0f\x00\xd8", NULL),
#undef ROW
};

/* With NRIPS, the next RIP is LEN bytes past the exit's RIP (15.7.1). */
static void nrip(struct svm_exit e, unsigned int len)
{
	if (cpu_has(X86_FEATURE_NRIPS))
		report_eq(e.next_rip, vcpu.vmcb->save.rip + len,
			  "next RIP (NRIPS, 15.7.1)");
}
#define check_nrip(e, len) report_here(nrip(e, len))

/* An exit whose RIP is at BYTES and whose next RIP is LEN further on. */
static void exit_at(struct svm_exit e, u64 code, const char *bytes,
		    unsigned int len)
{
	u64 rip = vcpu.vmcb->save.rip;

	if (!report_eq(e.code, code, "exit code"))
		return;
	report(!memcmp((void *)rip, bytes, len),
	       "RIP %#lx is the intercepted instruction", rip);
	nrip(e, len);
}
#define check_exit_at(e, code, bytes, len) \
	report_here(exit_at(e, code, bytes, len))

/*
 * Table B-1 and 15.9: each instruction exits with its code before it
 * executes; every exception is intercepted too, so an instruction that
 * runs instead shows as a wrong exit code, not a crash.
 */
TEST_VARIANTS(insn, insn_rows, .fixture = &svm_env)
{
	struct vmcb_control *c = &vcpu.vmcb->control;

	if (variant->needs && !cpu_has(*variant->needs))
		return report_skip("%s not enumerated", variant->needs->name);
	svm_vcpu_reset(&vcpu, variant->fn, NULL);
	svm_l2_idt(&vcpu);
	if (variant->exit == SVM_EXIT_XSETBV)
		vcpu.vmcb->save.cr4 |= X86_CR4_OSXSAVE;
	c->intercept_exceptions = ~0U;
	c->intercept_misc1 |= INTERCEPT_SHUTDOWN;
	if (variant->word == W1)
		c->intercept_misc1 |= variant->bit;
	else
		c->intercept_misc2 |= variant->bit;
	check_exit_at(svm_run(&vcpu), variant->exit, variant->bytes,
		      variant->len);
}

/*
 * 15.33 decode assists: the INVLPG exit gives the linear address in
 * EXITINFO1, the INTn exit the vector.
 */
TEST_CASE(decode_assists, .fixture = &svm_env,
	  .features = CPU_FEATURES(X86_FEATURE_DECODEASSISTS))
{
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, l2_invlpg, NULL);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_INVLPG;
	e = svm_run(&vcpu);
	if (report_eq(e.code, SVM_EXIT_INVLPG, "INVLPG exits"))
		report_eq(e.info1, (u64)scratch, "EXITINFO1: linear address");
	svm_vcpu_reset(&vcpu, l2_intn, NULL);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_INTN;
	e = svm_run(&vcpu);
	if (report_eq(e.code, SVM_EXIT_SWINT, "INT 0x30 exits"))
		report_eq(e.info1, 0x30, "EXITINFO1: vector");
}

/* Without its intercept bit an instruction runs in L2 (15.9). */
TEST_CASE(insn_not_intercepted, .fixture = &svm_env)
{
	svm_vcpu_reset(&vcpu, l2_cpuid, NULL);
	check_runs_to_end("CPUID without its intercept");
	svm_vcpu_reset(&vcpu, l2_rdtsc, NULL);
	check_runs_to_end("RDTSC without its intercept");
}

/*
 * 15.14.4: with a PAUSE filter count N the counter is decremented by each
 * PAUSE and the intercept is taken when it reaches zero (threshold 0: the
 * count is never reloaded), so neither the first PAUSE nor any of the
 * first N - 1 exits. Whether the Nth or the (N+1)th exits depends on
 * reading "reaches zero" before or after the decrement: both are taken.
 */
static void l2_pause_loop(struct l2_guest *l2)
{
	volatile u64 *n = l2->arg;

	for (int i = 0; i < 1000; i++) {
		++*n;
		asm volatile("pause");
	}
}

TEST_CASE(pause_filter, .fixture = &svm_env,
	  .features = CPU_FEATURES(X86_FEATURE_PAUSEFILTER))
{
	volatile u64 n = 0;
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, l2_pause_loop, (void *)&n);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_PAUSE;
	vcpu.vmcb->control.pause_filter_count = 5;
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_PAUSE, "PAUSE exits");
	report(n == 5 || n == 6,
	       "filter count 5: the exit comes on the 5th or 6th PAUSE (%lu)",
	       (unsigned long)n);
}

/* CR and DR accesses: MOV from/to CRn, DRn with RAX (encoding 15.9). */
L2_ASM(rd_cr0, "mov %%cr0, %%rax")
L2_ASM(rd_cr3, "mov %%cr3, %%rax")
L2_ASM(rd_cr4, "mov %%cr4, %%rax")
L2_ASM(rd_cr8, "mov %%cr8, %%rax")
L2_ASM(wr_cr0, "mov %%cr0, %%rax; mov %%rax, %%cr0")
L2_ASM(wr_cr3, "mov %%cr3, %%rax; mov %%rax, %%cr3")
L2_ASM(wr_cr4, "mov %%cr4, %%rax; mov %%rax, %%cr4")
L2_ASM(wr_cr8, "mov %%cr8, %%rax; mov %%rax, %%cr8")
L2_ASM(rd_dr0, "mov %%dr0, %%rax")
L2_ASM(rd_dr7, "mov %%dr7, %%rax")
L2_ASM(wr_dr0, "mov %%dr0, %%rax; mov %%rax, %%dr0")
L2_ASM(wr_dr7, "mov %%dr7, %%rax; mov %%rax, %%dr7")

static const struct crdr_row {
	const char *name;
	bool dr;
	unsigned int bit; /* 0-15 reads, 16-31 writes */
	u64 exit;
	l2_fn_t fn;
	const char *bytes;
	unsigned int len;
} crdr_rows[] = {
#define ROW(n, d, b, e, f, by)                         \
	{                                              \
		n, d, b, e, l2_##f, by, sizeof(by) - 1 \
	}
	ROW("read_CR0", false, 0, 0x00, rd_cr0, "\x0f\x20\xc0"),
	ROW("read_CR3", false, 3, 0x03, rd_cr3, "\x0f\x20\xd8"),
	ROW("read_CR4", false, 4, 0x04, rd_cr4, "\x0f\x20\xe0"),
	ROW("read_CR8", false, 8, 0x08, rd_cr8, "\x44\x0f\x20\xc0"),
	ROW("write_CR0", false, 16, 0x10, wr_cr0, "\x0f\x22\xc0"),
	ROW("write_CR3", false, 19, 0x13, wr_cr3, "\x0f\x22\xd8"),
	ROW("write_CR4", false, 20, 0x14, wr_cr4, "\x0f\x22\xe0"),
	ROW("write_CR8", false, 24, 0x18, wr_cr8, "\x44\x0f\x22\xc0"),
	ROW("read_DR0", true, 0, 0x20, rd_dr0, "\x0f\x21\xc0"),
	ROW("read_DR7", true, 7, 0x27, rd_dr7, "\x0f\x21\xf8"),
	ROW("write_DR0", true, 16, 0x30, wr_dr0, "\x0f\x23\xc0"),
	ROW("write_DR7", true, 23, 0x37, wr_dr7, "\x0f\x23\xf8"),
#undef ROW
};

/*
 * 15.9: a MOV from or to CRn / DRn exits when its bit is set; with decode
 * assists EXITINFO1 bit 63 says MOV CRx and bits 3:0 give the GPR (RAX,
 * 0) (15.33.1).
 */
TEST_VARIANTS(crdr, crdr_rows, .fixture = &svm_env)
{
	struct vmcb_control *c = &vcpu.vmcb->control;
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, variant->fn, NULL);
	c->intercept_exceptions = ~0U;
	if (variant->dr)
		c->intercept_dr = BIT(variant->bit);
	else
		c->intercept_cr = BIT(variant->bit);
	e = svm_run(&vcpu);
	check_exit_at(e, variant->exit, variant->bytes, variant->len);
	if (!variant->dr && cpu_has(X86_FEATURE_DECODEASSISTS))
		report_eq(e.info1, BIT(63), "EXITINFO1: MOV CRx, GPR 0");
}

/*
 * 15.10: the selective CR0 write intercept ignores writes that change
 * only CR0.TS and CR0.MP and exits (code 0x65) on one changing any
 * other bit.
 */
static void l2_cr0_writes(struct l2_guest *l2)
{
	u64 cr0 = read_cr0();

	write_cr0(cr0 ^ X86_CR0_TS);
	write_cr0(cr0 ^ X86_CR0_MP);
	write_cr0(cr0);
	l2_record(l2, 1);
	write_cr0(cr0 ^ X86_CR0_WP);
	write_cr0(cr0);
	l2_record(l2, 2);
}

TEST_CASE(cr0_selective_write, .fixture = &svm_env)
{
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, l2_cr0_writes, NULL);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_CR0_SEL_WRITE;
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_CR0_SEL_WRITE, "exit on the CR0.WP write");
	report_eq(vcpu.l2.results->count, 1,
		  "TS and MP writes did not exit before it");
}

/* 15.12: exceptions raised in L2 exit with code 0x40 + vector. */
#define NONCANON 0x8000000000000000ULL
#define UNMAPPED 0x0000400000000000ULL /* canonical, not in L1's tables */

L2_ASM(xde, "xor %%edx, %%edx; xor %%ecx, %%ecx; div %%rcx", "a"(1))
L2_ASM(xdb, "pushf; orq $0x100, (%%rsp); popf; nop")
L2_ASM(xbp, "int3")
L2_ASM(xud, "ud2")
L2_ASM(xnm, "fnop")
L2_ASM(xgp, "mov (%%rax), %%rax", "a"(NONCANON))
L2_ASM(xss, "mov %%rsp, %%rcx; mov %%rax, %%rsp; push %%rax; mov %%rcx, %%rsp",
       "a"(NONCANON + 64))
L2_ASM(xpf_read, "mov (%%rax), %%rax", "a"(UNMAPPED + 0x123))
L2_ASM(xpf_write, "movb $1, (%%rax)", "a"(UNMAPPED + 0x456))
L2_ASM(xac, "movl 1(%%rax), %%ecx", "a"(scratch))
/* x87 1/0 with ZE unmasked (control word 0x37b), pending until FWAIT. */
L2_ASM(xmf, "fninit; fldcw (%%rax); fldz; fld1; fdiv %%st(1), %%st; fwait",
       "a"(&(const u16){0x37b}))
/* SSE 1/0 with ZE unmasked (MXCSR 0x1d80). */
L2_ASM(xxm,
       "ldmxcsr (%%rax); mov $1, %%ecx; cvtsi2ss %%ecx, %%xmm0;"
       "xorps %%xmm1, %%xmm1; divss %%xmm1, %%xmm0",
       "a"(&(const u32){0x1d80}))

static const struct excp_row {
	const char *name;
	unsigned int vector;
	l2_fn_t fn;
	bool has_ec;
	u32 ec;
	u64 cr2; /* #PF: EXITINFO2 */
	u64 cr0_set; /* in L2's CR0 */
	u64 cr4_set; /* in L2's CR4 */
	u32 absent; /* vectors whose gates are not present in L2's IDT */
	bool cpl3; /* L2 runs at CPL3 on all-user tables, EFLAGS.AC = 1 */
} excp_rows[] = {
	{.name = "DE", .vector = DE_VECTOR, .fn = l2_xde},
	{.name = "DB", .vector = DB_VECTOR, .fn = l2_xdb},
	{.name = "BP", .vector = BP_VECTOR, .fn = l2_xbp},
	{.name = "UD", .vector = UD_VECTOR, .fn = l2_xud},
	{.name = "NM",
	 .vector = NM_VECTOR,
	 .fn = l2_xnm,
	 .cr0_set = X86_CR0_TS | X86_CR0_EM},
	{.name = "GP", .vector = GP_VECTOR, .fn = l2_xgp, .has_ec = true},
	{.name = "SS", .vector = SS_VECTOR, .fn = l2_xss, .has_ec = true},
	/* A misaligned load at CPL3 with CR0.AM = EFLAGS.AC = 1: #AC(0). */
	{.name = "AC",
	 .vector = AC_VECTOR,
	 .fn = l2_xac,
	 .has_ec = true,
	 .cr0_set = X86_CR0_AM,
	 .cpl3 = true},
	{.name = "MF",
	 .vector = MF_VECTOR,
	 .fn = l2_xmf,
	 .cr0_set = X86_CR0_NE},
	{.name = "XM",
	 .vector = XM_VECTOR,
	 .fn = l2_xxm,
	 .cr4_set = X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT},
	/* #UD through a not-present gate: #NP, error code IDT | 6 << 3. */
	{.name = "NP",
	 .vector = NP_VECTOR,
	 .fn = l2_xud,
	 .has_ec = true,
	 .ec = UD_VECTOR << 3 | 2,
	 .absent = BIT(UD_VECTOR)},
	/* and #NP through a not-present gate too: #DF(0). */
	{.name = "DF",
	 .vector = DF_VECTOR,
	 .fn = l2_xud,
	 .has_ec = true,
	 .absent = BIT(UD_VECTOR) | BIT(NP_VECTOR)},
	{.name = "PF_read",
	 .vector = PF_VECTOR,
	 .fn = l2_xpf_read,
	 .has_ec = true,
	 .cr2 = UNMAPPED + 0x123},
	{.name = "PF_write",
	 .vector = PF_VECTOR,
	 .fn = l2_xpf_write,
	 .has_ec = true,
	 .ec = PFERR_W,
	 .cr2 = UNMAPPED + 0x456},
};

/*
 * 15.12: with its bit set, an exception in L2 exits (0x40 + vector);
 * EXITINFO1 is its error code, EXITINFO2 the faulting address for #PF.
 * Every vector is intercepted, so a wrong exception is a wrong exit code;
 * one the VMM delivers to L2 instead reaches L2's own IDT (svm_l2_idt()).
 * #DB is a single-step trap (EFLAGS.TF), #NM an x87 instruction with
 * CR0.EM = 1, #SS a push through a non-canonical RSP, #GP a load from a
 * non-canonical address, #AC a misaligned load at CPL3 (CR0.AM and
 * EFLAGS.AC set; the only case where L2 runs at CPL3), #MF and #XM a division by zero with ZE unmasked
 * (CR0.NE = 1; CR4.OSXMMEXCPT = 1), #NP and #DF a #UD whose gate (and
 * then #NP's) is not present (8.4.1 error code: EXT, bit 0, unchecked;
 * 8.2.9 contributory #NP during #NP delivery). The vectors delivered on
 * the way are not intercepted.
 */
/*
 * L2 at CPL3: user code and stack selectors, CPL 3, EFLAGS.AC = 1, on the
 * library's all-user identity tables (usermode.h).
 */
static void l2_at_cpl3(void)
{
	struct vmcb_save *g = &vcpu.vmcb->save;
	struct nested_seg cs = nested_seg_from_gdt(USER_CS);
	struct nested_seg ss = nested_seg_from_gdt(USER_DS);
	u64 user_stack;

	g->cr3 = (u64)usermode_flat_tables(&user_stack)->root;
	g->cpl = 3;
	g->cs = (struct vmcb_seg){cs.sel, cs.attr, cs.limit, cs.base};
	g->ss = (struct vmcb_seg){ss.sel, ss.attr, ss.limit, ss.base};
	g->rflags |= X86_EFLAGS_AC;
}

/* L2 gets a copy of its IDT with the gates of ABSENT not present. */
static void idt_without(u32 absent)
{
	static u64 *copy;
	struct vmcb_seg *idtr = &vcpu.vmcb->save.idtr;

	if (!copy) {
		copy = alloc_page();
		assert(copy);
	}
	memcpy(copy, (void *)idtr->base, PAGE_SIZE);
	for (int v = 0; v < 32; v++)
		if (absent & BIT(v))
			copy[2 * v] &= ~BIT(47);
	idtr->base = (u64)copy;
}

TEST_VARIANTS(exception, excp_rows, .fixture = &svm_env)
{
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, variant->fn, NULL);
	svm_l2_idt(&vcpu);
	if (variant->absent)
		idt_without(variant->absent);
	vcpu.vmcb->save.cr0 |= variant->cr0_set;
	vcpu.vmcb->save.cr4 |= variant->cr4_set;
	if (variant->cpl3)
		l2_at_cpl3();
	vcpu.vmcb->control.intercept_exceptions = ~variant->absent;
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_SHUTDOWN;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_EXCP_BASE + variant->vector,
		       "#%s exits", variant->name))
		return;
	if (variant->has_ec)
		report_eq(variant->absent ? e.info1 & ~1ULL : e.info1,
			  variant->ec, "EXITINFO1: error code");
	if (variant->vector == PF_VECTOR)
		report_eq(e.info2, variant->cr2, "EXITINFO2: #PF address");
}

/* 15.12.3: a triple fault in L2 exits with SHUTDOWN when intercepted. */
TEST_CASE(shutdown, .fixture = &svm_env)
{
	svm_vcpu_reset(&vcpu, l2_xud, NULL);
	vcpu.vmcb->save.idtr.limit = 0;
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_SHUTDOWN;
	report_eq(svm_run(&vcpu).code, SVM_EXIT_SHUTDOWN,
		  "#UD with an empty IDT: triple fault exits as SHUTDOWN");
}

/* 15.11: MSR permission map. */
static void l2_rdmsr(struct l2_guest *l2)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"((u32)(u64)l2->arg));
}

/* Writes 0: only ever run where the write is intercepted. */
static void l2_wrmsr(struct l2_guest *l2)
{
	asm volatile("wrmsr" : : "c"((u32)(u64)l2->arg), "a"(0), "d"(0));
}

static const struct msr_row {
	const char *name;
	u32 msr;
	bool in_map; /* else outside every range: always intercepted */
} msr_rows[] = {
	{"first_0x0", 0x0, true},
	{"last_0x1fff", 0x1fff, true},
	{"first_0xc0000000", 0xc0000000, true},
	{"last_0xc0001fff", 0xc0001fff, true},
	{"first_0xc0010000", 0xc0010000, true},
	{"last_0xc0011fff", 0xc0011fff, true},
	{"outside_0x2000", 0x2000, false},
	{"outside_0xbfffffff", 0xbfffffff, false},
	{"outside_0xc0002000", 0xc0002000, false},
	{"outside_0xc000ffff", 0xc000ffff, false},
	{"outside_0xc0012000", 0xc0012000, false},
};

/*
 * An MSR inside a range exits on RDMSR (EXITINFO1 0) when its read bit is
 * set and on WRMSR (EXITINFO1 1) when its write bit is; an MSR outside
 * the three ranges always exits (15.11). The exit comes before any #GP
 * for an MSR the CPU does not have.
 */
TEST_VARIANTS(msrpm, msr_rows, .fixture = &svm_env)
{
	struct vmcb_control *c;
	struct svm_exit e;

	svm_vcpu_reset(&vcpu, l2_rdmsr, (void *)(u64)variant->msr);
	c = &vcpu.vmcb->control;
	c->intercept_misc1 |= INTERCEPT_MSR_PROT;
	c->intercept_exceptions = BIT(GP_VECTOR);
	if (variant->in_map)
		svm_msrpm_set(&vcpu, variant->msr, true, false);
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_MSR, "RDMSR %#x exits", variant->msr);
	report_eq(e.info1, 0, "EXITINFO1 0: read");
	check_nrip(e, 2);

	svm_vcpu_reset(&vcpu, l2_wrmsr, (void *)(u64)variant->msr);
	c->intercept_misc1 |= INTERCEPT_MSR_PROT;
	c->intercept_exceptions = BIT(GP_VECTOR);
	if (variant->in_map)
		svm_msrpm_set(&vcpu, variant->msr, false, true);
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_MSR, "WRMSR %#x exits", variant->msr);
	report_eq(e.info1, 1, "EXITINFO1 1: write");
	check_nrip(e, 2);
}

/* The bits of neighbouring MSRs do not intercept this one (15.11). */
TEST_CASE(msrpm_neighbours, .fixture = &svm_env)
{
	svm_vcpu_reset(&vcpu, l2_rdmsr, (void *)(u64)MSR_EFER);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_MSR_PROT;
	svm_msrpm_set(&vcpu, MSR_EFER - 1, true, true);
	svm_msrpm_set(&vcpu, MSR_EFER + 1, true, true);
	svm_msrpm_set(&vcpu, MSR_EFER, false, true);
	check_runs_to_end("RDMSR EFER, its read bit clear");
}

/* 15.10: the I/O permission map and the IOIO EXITINFO1 (figure 15-2). */
enum io_op { IO_OUTB, IO_OUTW, IO_OUTL, IO_INW, IO_INSB_REP, IO_OUTSB };

static void l2_io(struct l2_guest *l2)
{
	u64 op = (u64)l2->arg >> 32;
	u16 port = (u64)l2->arg & 0xffff;

	switch (op) {
	case IO_OUTB:
		outb(port, 0);
		break;
	case IO_OUTW:
		outw(port, 0);
		break;
	case IO_OUTL:
		outl(port, 0);
		break;
	case IO_INW:
		inw(port);
		break;
	case IO_INSB_REP:
		asm volatile("rep insb"
			     :
			     : "d"(port), "D"(scratch), "c"(1)
			     : "memory");
		break;
	case IO_OUTSB:
		asm volatile("outsb" : : "d"(port), "S"(scratch) : "memory");
		break;
	}
}

static const struct io_row {
	const char *name;
	enum io_op op;
	u16 port;
	u32 bit; /* the one bit set in the map */
	bool exits;
	u64 info1; /* without the port */
	unsigned int len; /* of the instruction (port in DX) */
} io_rows[] = {
	{"outb_own_bit", IO_OUTB, 0x80, 0x80, true, IOIO_SZ8 | IOIO_A64, 1},
	{"outb_other_bit", IO_OUTB, 0x80, 0x81, false, 0, 0},
	{"outw_second_byte", IO_OUTW, 0x80, 0x81, true, IOIO_SZ16 | IOIO_A64,
	 2},
	{"outw_straddles_map_byte", IO_OUTW, 0x87, 0x88, true,
	 IOIO_SZ16 | IOIO_A64, 2},
	{"outw_below", IO_OUTW, 0x86, 0x88, false, 0, 0},
	{"outl_fourth_byte", IO_OUTL, 0x80, 0x83, true, IOIO_SZ32 | IOIO_A64,
	 1},
	{"inw_0xffff_wraps", IO_INW, 0xffff, 0x10000, true,
	 IOIO_TYPE_IN | IOIO_SZ16 | IOIO_A64, 2},
	{"rep_insb", IO_INSB_REP, 0x80, 0x80, true,
	 IOIO_TYPE_IN | IOIO_STR | IOIO_REP | IOIO_SZ8 | IOIO_A64, 2},
	{"outsb", IO_OUTSB, 0x80, 0x80, true, IOIO_STR | IOIO_SZ8 | IOIO_A64,
	 1},
};

/*
 * 15.10.1: an access exits when the bit of any port it touches is set
 * (a 2-byte access at 0xFFFF checks the map's bit 0x10000); EXITINFO1
 * gives type, string, rep, size, address size and port (15.10.2),
 * EXITINFO2 the RIP of the next instruction.
 */
TEST_VARIANTS(iopm, io_rows, .fixture = &svm_env)
{
	struct svm_exit e;
	u64 arg = (u64)variant->op << 32 | variant->port;

	svm_vcpu_reset(&vcpu, l2_io, (void *)arg);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_IOIO_PROT;
	svm_iopm_set(&vcpu, variant->bit, true);
	if (!variant->exits) {
		check_runs_to_end("access that misses the set bit");
		return;
	}
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_IOIO, "IOIO exit"))
		return;
	report_eq(e.info1 & 0x7f, variant->info1 & 0x7f,
		  "EXITINFO1[6:0]: type, string, rep, size");
	report_eq(e.info1 & 0x380, variant->info1 & 0x380,
		  "EXITINFO1[9:7]: address size");
	report_eq(e.info1 >> IOIO_PORT_SHIFT, variant->port,
		  "EXITINFO1[31:16]: port");
	report_eq(e.info2, vcpu.vmcb->save.rip + variant->len,
		  "EXITINFO2: next RIP");
	check_nrip(e, variant->len);
}

/*
 * 15.13.1: a physical interrupt pending while L2 runs exits with INTR
 * (L2 has IF = 1, V_INTR_MASKING = 0); 15.13.2: an NMI exits with NMI.
 * Both stay pending for L1, which takes them once GIF and IF allow.
 */
#define INTR_VECTOR 0x6e

/* Bounded: an exit that never comes ends as L2's final VMMCALL. */
static void l2_spin(struct l2_guest *l2)
{
	for (int i = 0; i < 200000; i++)
		asm volatile("pause");
}

static volatile unsigned int nmis;

static void count_nmi(struct ex_regs *regs)
{
	nmis++;
}

TEST_CASE(intr_nmi, .fixture = &svm_env)
{
	exception_handler_t old;
	struct svm_exit e;

	apic_init_cpu();
	irq_count_vector(INTR_VECTOR);
	irq_counts_clear();
	svm_vcpu_reset(&vcpu, l2_spin, NULL);
	vcpu.vmcb->save.rflags |= X86_EFLAGS_IF;
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_INTR | INTERCEPT_NMI;
	apic_icr_write(apic_id(), APIC_DEST_SELF | INTR_VECTOR);
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_INTR, "pending interrupt: INTR exit");
	irq_window(1000);
	report_eq(irq_count(0, INTR_VECTOR), 1, "L1 takes the interrupt");

	old = x86_set_handler(NMI_VECTOR, count_nmi);
	nmis = 0;
	svm_clgi();
	apic_self_nmi();
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_NMI, "pending NMI: NMI exit");
	report_eq(nmis, 1, "L1 takes the NMI after STGI");
	x86_set_handler(NMI_VECTOR, old);
	irq_register(INTR_VECTOR, NULL);
}

/*
 * 15.21.4: with V_IRQ set and the VINTR intercept, L2 exits with VINTR
 * once it can take a virtual interrupt (IF = 1).
 */
TEST_CASE(vintr, .fixture = &svm_env)
{
	svm_vcpu_reset(&vcpu, l2_spin, NULL);
	vcpu.vmcb->save.rflags |= X86_EFLAGS_IF;
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_VINTR;
	vcpu.vmcb->control.int_ctl = V_IRQ | V_INTR_MASKING |
				     0xfULL << V_INTR_PRIO_SHIFT |
				     0x40ULL << V_INTR_VECTOR_SHIFT;
	report_eq(svm_run(&vcpu).code, SVM_EXIT_VINTR, "VINTR exit");
}

/*
 * Task switches in L2: L2 runs in 32-bit protected mode without paging,
 * with a GDT of its own holding the target TSS at L2_TSS_SEL and its
 * current TSS at L2_CUR_TSS_SEL (its own, so a VMM that performs a
 * switch saves L2's state there, not into L1's TSS, whose IST pointers
 * L1's NMI handler needs). The current TSS's back link is L2_TSS_SEL.
 */
#define L2_TSS_SEL 0x80
#define L2_CUR_TSS_SEL 0x88

asm(".pushsection .text\n"
    ".code32\n"
    "l2_jmp_tss: ljmp $0x80, $0\n\t"
    "ud2\n"
    "l2_call_tss: lcall $0x80, $0\n\t"
    "ud2\n"
    "l2_int_task_gate: int $0x40\n\t"
    "ud2\n"
    "l2_iret_nt: pushfl\n\t"
    "orl $0x4000, (%esp)\n\t"
    "popfl\n\t"
    "iretl\n\t"
    "ud2\n"
    ".code64\n"
    ".popsection");
extern char l2_jmp_tss[], l2_call_tss[], l2_int_task_gate[], l2_iret_nt[];

#define L2_TASK_GATE_VECTOR 0x40

static u64 tss_desc(void *base, u32 limit, u8 type)
{
	return limit | ((u64)base & 0xffffff) << 16 | (0x80ULL | type) << 40 |
	       ((u64)base >> 24 & 0xff) << 56;
}

/*
 * Resets vcpu for a 32-bit L2 starting at RIP; the target TSS has LIMIT
 * and TYPE (9 available, 0xb busy). L2's IDT holds one gate, a task
 * gate (type 5) for L2_TSS_SEL at L2_TASK_GATE_VECTOR; every exception
 * is intercepted, so none is delivered through it.
 */
static void l2_task_setup(u64 rip, u32 limit, u8 type)
{
	u64 *gdt = alloc_page(), *tss = alloc_page(), *cur = alloc_page();
	u64 *idt = alloc_page();
	struct nested_seg cs = nested_seg_from_gdt(KERNEL_CS32);
	struct vmcb_save *g;

	assert(gdt && tss && cur && idt);
	svm_vcpu_reset(&vcpu, svm_l2_nop, NULL);
	g = &vcpu.vmcb->save;
	memcpy(gdt, (void *)g->gdtr.base, g->gdtr.limit + 1);
	gdt[L2_TSS_SEL / 8] = tss_desc(tss, limit, type);
	gdt[L2_CUR_TSS_SEL / 8] = tss_desc(cur, 0x67, 0xb);
	cur[0] = L2_TSS_SEL;
	g->tr.sel = L2_CUR_TSS_SEL;
	g->tr.attr = 0x8b;
	g->tr.limit = 0x67;
	g->tr.base = (u64)cur;
	g->gdtr.base = (u64)gdt;
	g->gdtr.limit = PAGE_SIZE - 1;
	idt[L2_TASK_GATE_VECTOR] = (u64)L2_TSS_SEL << 16 | 0x85ULL << 40;
	g->idtr.base = (u64)idt;
	g->idtr.limit = 8 * 256 - 1;
	g->efer = EFER_SVME;
	g->cr0 &= ~X86_CR0_PG;
	g->cr4 &= ~X86_CR4_PAE;
	g->cs.sel = cs.sel;
	g->cs.attr = cs.attr;
	g->cs.limit = cs.limit;
	g->cs.base = cs.base;
	g->rip = rip;
	vcpu.vmcb->control.intercept_exceptions = ~0U;
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_SHUTDOWN;
}

static const struct ts_switch_row {
	const char *name;
	char *rip;
	u8 type; /* of the target TSS: a valid switch of that kind */
	u64 info2; /* EXITINFO2 bits 36 (IRET), 38 (JMP), 44 (error code) */
} ts_switch_rows[] = {
	{"jmp", l2_jmp_tss, 0x9, BIT(38)},
	{"call", l2_call_tss, 0x9, 0},
	{"int_task_gate", l2_int_task_gate, 0x9, 0},
	{"iret", l2_iret_nt, 0xb, BIT(36)},
};

/*
 * 15.14.2 (task switch intercept), table B-2 EXITINFO: a JMP or CALL to
 * an available TSS, an INT n through a task gate to one, and an IRET
 * with NT = 1 back to a busy one exit with
 * TASK_SWITCH before any part of the switch: EXITINFO1 holds the TSS
 * selector, EXITINFO2 bit 38 says JMP, bit 36 IRET, bit 44 an error code
 * (none here); TR is unchanged.
 */
TEST_VARIANTS(task_switch, ts_switch_rows, .fixture = &svm_env)
{
	struct svm_exit e;

	l2_task_setup((u64)variant->rip, 0x67, variant->type);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_TASK_SWITCH;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_TASK_SWITCH, "%s exits", variant->name))
		return;
	report_eq(e.info1 & 0xffff, L2_TSS_SEL, "EXITINFO1: TSS selector");
	report_eq(e.info2 & (BIT(36) | BIT(38) | BIT(44)), variant->info2,
		  "EXITINFO2: kind of switch, no error code");
	report_eq(vcpu.vmcb->save.tr.sel, L2_CUR_TSS_SEL, "TR unchanged");
}

/*
 * 15.12 with #TS (vector 10): a task switch L2 starts itself (no
 * TASK_SWITCH intercept) that fails a TSS check raises #TS with the TSS
 * selector as error code, which the exceptions bitmap turns into exit
 * 0x4A with EXITINFO1 = 0x80 (APM vol. 2 12.3 task switch checks, SDM
 * vol. 3A 7.3 table 7-1: a new 32-bit TSS needs a limit of at least
 * 0x67; vol. 3 IRET: with NT = 1 the back link must name a busy TSS).
 */
static const struct ts_row {
	const char *name;
	char *rip;
	u32 tss_limit; /* of the available TSS at L2_TSS_SEL */
} ts_rows[] = {
	{"jmp_tss_limit_0x66", l2_jmp_tss, 0x66},
	{"iret_nt_link_not_busy", l2_iret_nt, 0x67},
};

TEST_VARIANTS(exception_TS, ts_rows, .fixture = &svm_env)
{
	struct svm_exit e;

	l2_task_setup((u64)variant->rip, variant->tss_limit, 0x9);
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_EXCP_BASE + TS_VECTOR, "#TS exits"))
		return;
	report_eq(e.info1, L2_TSS_SEL, "EXITINFO1: error code, the selector");
	report_eq(vcpu.vmcb->save.tr.sel, L2_CUR_TSS_SEL, "TR unchanged");
}
