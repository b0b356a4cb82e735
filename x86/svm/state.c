// SPDX-License-Identifier: GPL-2.0-only
/*
 * state.c: state that VMRUN and #VMEXIT switch (AMD APM vol. 2 15.5.1,
 * 15.6: RAX, RSP, RIP, RFLAGS in the VMCB, L1's kept), the TSC offset
 * (15.30.5 TSC_OFFSET), VMCB clean bits (15.15.1, figure 15-4 in 15.15.3:
 * a group whose clean bit is 0 is reloaded: the intercepts, MSRPM, V_TPR,
 * CRx, DRx, DT, SEG, CR2), TLB_CONTROL flushes (15.16.1), INVLPGA, VMSAVE
 * and VMLOAD (vol. 3) and the TSC ratio (15.30.5).
 */
#include "svmtest.h"
#include <alloc.h>

SVM_ENV;

/*
 * 15.5.1 / 15.6: after #VMEXIT L2's RAX and RSP are in the VMCB; the
 * other registers are L2's until L1 reloads them (svm_vmrun saves them).
 */
static void l2_regs(struct l2_guest *l2)
{
	asm volatile("push %%rbx; mov $0x5678, %%ebx; vmmcall; pop %%rbx"
		     :
		     : "a"(0x1234)
		     : "memory");
}

TEST_CASE(vmexit_state, .fixture = &svm_env)
{
	struct svm_exit e;
	u64 rsp;

	svm_vcpu_reset(&vcpu, l2_regs, NULL);
	rsp = vcpu.vmcb->save.rsp;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL, "VMMCALL exit"))
		return;
	report_eq(vcpu.vmcb->save.rax, 0x1234, "VMCB RAX is L2's RAX");
	report(vcpu.vmcb->save.rsp < rsp && rsp - vcpu.vmcb->save.rsp < 256,
	       "VMCB RSP is L2's stack (%#lx below entry %#lx)",
	       vcpu.vmcb->save.rsp, rsp);
	report_eq(vcpu.gprs.rbx, 0x5678, "RBX is L2's after #VMEXIT");
}

/* 15.30.5: RDTSC in L2 returns the TSC plus TSC_OFFSET. */
static void l2_tsc(struct l2_guest *l2)
{
	l2_record(l2, rdtsc());
}

TEST_CASE(tsc_offset, .fixture = &svm_env)
{
	const u64 off = 1ULL << 50;
	u64 before, after, l2v;

	svm_vcpu_reset(&vcpu, l2_tsc, NULL);
	vcpu.vmcb->control.tsc_offset = off;
	before = rdtsc();
	check_runs_to_end("RDTSC");
	after = rdtsc();
	l2v = vcpu.l2.results->value[0];
	report(l2v >= before + off && l2v <= after + off,
	       "L2 TSC %#lx within [%#lx, %#lx] + offset", l2v, before, after);

	svm_vcpu_reset(&vcpu, l2_tsc, NULL);
	vcpu.vmcb->control.tsc_offset = -before;
	check_runs_to_end("RDTSC, negative offset");
	l2v = vcpu.l2.results->value[0];
	report(l2v <= rdtsc() - before, "negative offset: L2 TSC %#lx", l2v);
}

/*
 * 15.15.3: clean bits say which fields L1 left unchanged; a field whose
 * bit is 0 must be reloaded. The intercepts (bit 0 clear) change
 * between two runs of the same VMCB: the new one is honoured.
 */
static void l2_cpuid(struct l2_guest *l2)
{
	l2_record(l2, cpuid(0).a);
}

TEST_CASE(clean_bits_reload, .fixture = &svm_env)
{
	svm_vcpu_reset(&vcpu, l2_cpuid, NULL);
	vcpu.vmcb->control.clean = 0;
	check_runs_to_end("first run, no CPUID intercept");
	svm_vcpu_reset(&vcpu, l2_cpuid, NULL);
	vcpu.vmcb->control.clean = 0;
	svm_run(&vcpu);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_CPUID;
	vcpu.vmcb->control.clean = ~0U & ~VMCB_CLEAN_I;
	l2_init(&vcpu.l2, l2_cpuid, NULL);
	vcpu.vmcb->save.rip = l2_entry_rip();
	vcpu.vmcb->save.rsp = l2_entry_rsp(&vcpu.l2);
	report_eq(svm_run(&vcpu).code, SVM_EXIT_CPUID,
		  "intercepts marked dirty: the new CPUID intercept exits");
}

/*
 * 15.15.1: "each clear bit requires that the processor load the guest
 * register from the VMCB ... Clean bits that are set to zero are always
 * honored." Table-driven over the groups of figure 15-4: L2 reads a
 * register of the group, exits, and reads it again; between the two
 * runs L1 changes the register in the VMCB and marks only its group
 * dirty (every other clean bit 1). L2's second read sees the new value.
 */
#define CR4_TSD BIT(2) /* CPL 0 runs RDTSC either way */

static u64 l2_rd_cr8(void)
{
	return read_cr8();
}

static u64 l2_rd_cr4(void)
{
	return read_cr4();
}

static u64 l2_rd_dr6(void)
{
	return read_dr6();
}

static u64 l2_rd_idt_limit(void)
{
	struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) d;

	asm volatile("sidt %0" : "=m"(d));
	return d.limit;
}

static u64 l2_rd_ds(void)
{
	u16 sel;

	asm volatile("mov %%ds, %0" : "=r"(sel));
	return sel;
}

static u64 l2_rd_cr2(void)
{
	return read_cr2();
}

static void set_v_tpr(struct vmcb *v)
{
	v->control.int_ctl = (v->control.int_ctl & ~V_TPR_MASK) | 7;
}

static void set_cr4_tsd(struct vmcb *v)
{
	v->save.cr4 |= CR4_TSD;
}

static void set_dr6_b0(struct vmcb *v)
{
	v->save.dr6 |= BIT(0);
}

static void set_idt_limit(struct vmcb *v)
{
	v->save.idtr.limit -= 16;
}

static void set_ds_null(struct vmcb *v)
{
	v->save.ds.sel = 0;
	v->save.ds.attr = 0;
}

static void set_cr2(struct vmcb *v)
{
	v->save.cr2 = 0xabc000;
}

struct clean_row {
	const char *name;
	u32 bit;
	u64 (*read)(void); /* in L2 */
	void (*change)(struct vmcb *v);
	u64 (*expect)(const struct vmcb *v); /* L2's second read */
};

static u64 want_v_tpr(const struct vmcb *v)
{
	return v->control.int_ctl & V_TPR_MASK;
}

static u64 want_cr4(const struct vmcb *v)
{
	return v->save.cr4;
}

static u64 want_dr6(const struct vmcb *v)
{
	return v->save.dr6;
}

static u64 want_idt_limit(const struct vmcb *v)
{
	return v->save.idtr.limit;
}

static u64 want_ds(const struct vmcb *v)
{
	return v->save.ds.sel;
}

static u64 want_cr2(const struct vmcb *v)
{
	return v->save.cr2;
}

static const struct clean_row clean_rows[] = {
	{"tpr", VMCB_CLEAN_TPR, l2_rd_cr8, set_v_tpr, want_v_tpr},
	{"crx", VMCB_CLEAN_CRX, l2_rd_cr4, set_cr4_tsd, want_cr4},
	{"drx", VMCB_CLEAN_DRX, l2_rd_dr6, set_dr6_b0, want_dr6},
	{"dt", VMCB_CLEAN_DT, l2_rd_idt_limit, set_idt_limit, want_idt_limit},
	{"seg", VMCB_CLEAN_SEG, l2_rd_ds, set_ds_null, want_ds},
	{"cr2", VMCB_CLEAN_CR2, l2_rd_cr2, set_cr2, want_cr2},
};

static void l2_read_around_exit(struct l2_guest *l2)
{
	u64 (*read)(void) = l2->arg;

	l2_record(l2, read());
	l2_exit();
	l2_record(l2, read());
}

TEST_VARIANTS(clean_bit_dirty, clean_rows, .fixture = &svm_env)
{
	struct vmcb *v;
	struct svm_exit e;
	u64 want;

	svm_vcpu_reset(&vcpu, l2_read_around_exit, (void *)variant->read);
	v = vcpu.vmcb;
	v->control.int_ctl |= V_INTR_MASKING;
	v->control.clean = 0;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL, "first run exits"))
		return;
	variant->change(v);
	want = variant->expect(v);
	if (!report(want != vcpu.l2.results->value[0],
		    "the change differs from L2's first read"))
		return;
	v->control.clean = ~variant->bit;
	svm_skip(&vcpu, L2_EXIT_INSN_LEN);
	e = svm_run_to_end(&vcpu);
	report_eq(e.code, SVM_EXIT_VMMCALL, "L2 runs to its end");
	report_eq(vcpu.l2.results->value[1], want,
		  "group marked dirty: L2 reads the new value");
}

/*
 * 15.15.1 with the IOPM group (figure 15-4 bit 1: IOPM_BASE, MSRPM_BASE):
 * L1 points MSRPM_BASE at a second map that intercepts reads of STAR and
 * marks only that group dirty; L2's next RDMSR of STAR exits.
 */
static void l2_rdmsr_star(struct l2_guest *l2)
{
	(void)rdmsr(MSR_STAR);
	l2_exit();
	(void)rdmsr(MSR_STAR);
}

TEST_CASE(clean_bit_dirty_msrpm, .fixture = &svm_env)
{
	static u8 *map2;
	u8 *map1 = vcpu.msrpm;
	struct svm_exit e;

	if (!map2) {
		map2 = alloc_pages(1);
		assert(map2);
	}
	svm_vcpu_reset(&vcpu, l2_rdmsr_star, NULL);
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_MSR_PROT;
	vcpu.vmcb->control.clean = 0;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL,
		       "first run: STAR not intercepted"))
		return;
	vcpu.msrpm = map2;
	memset(map2, 0, SVM_MSRPM_SIZE);
	svm_msrpm_set(&vcpu, MSR_STAR, true, false);
	vcpu.msrpm = map1;
	vcpu.vmcb->control.msrpm_base_pa = (u64)map2;
	vcpu.vmcb->control.clean = ~(u32)VMCB_CLEAN_IOPM;
	svm_skip(&vcpu, L2_EXIT_INSN_LEN);
	e = svm_run(&vcpu);
	report_eq(e.code, SVM_EXIT_MSR, "new MSRPM: RDMSR of STAR exits");
	report_eq(e.info1, 0, "EXITINFO1: read");
}

/*
 * 15.16.1: L2 reads a page through its own mapping; L1 then points the
 * guest PTE at another page. With TLB_CONTROL 1 (flush all) or 3 (flush
 * this ASID) on the next VMRUN, L2 reads the new page.
 */
#define TLB_VA (1ULL << 39) /* PML4 slot 1: only in L2's table */

static struct page_table gpt;
static u64 *page_a, *page_b;

static void l2_read_twice(struct l2_guest *l2)
{
	l2_record(l2, *(volatile u64 *)TLB_VA);
	l2_exit();
	l2_record(l2, *(volatile u64 *)TLB_VA);
}

/* L2's table: TLB_VA maps page A (the table is built once). */
static void tlb_tables(void)
{
	if (!gpt.root) {
		pt_init(&gpt);
		pt_map_range(&gpt, 0, 0, 1ULL << 30, PT_LEVEL_2M, PT_P | PT_RW);
		page_a = alloc_page();
		page_b = alloc_page();
		assert(page_a && page_b);
		*page_a = 0xaaaa;
		*page_b = 0xbbbb;
	}
	pt_map(&gpt, TLB_VA, (u64)page_a, PT_LEVEL_4K, PT_P | PT_RW);
}

static const struct flush_row {
	const char *name;
	u8 control;
	const struct x86_feature *needs;
} flush_rows[] = {
	{"flush_all", TLB_CONTROL_FLUSH_ALL, NULL},
	{"flush_asid", TLB_CONTROL_FLUSH_ASID, &X86_FEATURE_FLUSHBYASID},
};

TEST_VARIANTS(tlb_control, flush_rows, .fixture = &svm_env)
{
	struct svm_exit e;

	if (variant->needs && !cpu_has(*variant->needs))
		return report_skip("%s not enumerated", variant->needs->name);
	tlb_tables();
	svm_vcpu_reset(&vcpu, l2_read_twice, NULL);
	vcpu.vmcb->save.cr3 = (u64)gpt.root;
	vcpu.vmcb->control.asid = svm_asid_alloc();
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL, "first read"))
		return;
	svm_skip(&vcpu, L2_EXIT_INSN_LEN);
	*pt_walk(&gpt, TLB_VA, PT_LEVEL_4K, false) = (u64)page_b | PT_P | PT_RW;
	vcpu.vmcb->control.tlb_control = variant->control;
	check_runs_to_end("second read");
	report_eq(vcpu.l2.results->value[0], 0xaaaa, "first read: page A");
	report_eq(vcpu.l2.results->value[1], 0xbbbb,
		  "after TLB_CONTROL %u: page B", variant->control);
}

/*
 * APM vol. 3 VMSAVE and VMLOAD: VMSAVE stores FS, GS, TR and LDTR (with
 * their hidden state), KernelGsBase, STAR, LSTAR, CSTAR, SFMASK and the
 * SYSENTER MSRs into the VMCB at rAX; VMLOAD loads them from it.
 */
TEST_CASE(vmsave_vmload, .fixture = &svm_env)
{
	struct vmcb *v = vcpu.vmcb;
	u64 kgs = rdmsr(MSR_KERNEL_GS_BASE), lstar = rdmsr(MSR_LSTAR);
	u16 tr;

	memset(v, 0, sizeof(*v));
	wrmsr(MSR_KERNEL_GS_BASE, 0x123456789000ULL);
	svm_vmsave((u64)v);
	asm volatile("str %0" : "=r"(tr));
	report_eq(v->save.kernel_gs_base, 0x123456789000ULL,
		  "VMSAVE: KernelGsBase");
	report_eq(v->save.lstar, lstar, "VMSAVE: LSTAR");
	report_eq(v->save.fs.base, rdmsr(MSR_FS_BASE), "VMSAVE: FS base");
	report_eq(v->save.tr.sel, tr, "VMSAVE: TR selector");
	report_eq(v->save.tr.base, nested_seg_from_gdt(tr).base,
		  "VMSAVE: TR base (hidden state)");

	v->save.kernel_gs_base = 0xabcdef000ULL;
	v->save.lstar = lstar + 0x10;
	svm_vmload((u64)v);
	report_eq(rdmsr(MSR_KERNEL_GS_BASE), 0xabcdef000ULL,
		  "VMLOAD: KernelGsBase");
	report_eq(rdmsr(MSR_LSTAR), lstar + 0x10, "VMLOAD: LSTAR");
	wrmsr(MSR_LSTAR, lstar);
	wrmsr(MSR_KERNEL_GS_BASE, kgs);
}

/*
 * 15.30.5: with TSC_RATIO (MSR C000_0104, 8.32 fixed point) at 2.0, L2's
 * TSC advances twice as fast as L1's (plus TSC_OFFSET, 0 here).
 */
TEST_CASE(tsc_ratio, .fixture = &svm_env,
	  .features = CPU_FEATURES(X86_FEATURE_TSCRATEMSR))
{
	u64 ratio = rdmsr(MSR_TSC_RATIO), before, after, l2v;

	wrmsr(MSR_TSC_RATIO, 2ULL << 32);
	svm_vcpu_reset(&vcpu, l2_tsc, NULL);
	before = rdtsc();
	check_runs_to_end("RDTSC at ratio 2.0");
	after = rdtsc();
	wrmsr(MSR_TSC_RATIO, ratio);
	l2v = vcpu.l2.results->value[0];
	report(l2v >= 2 * before && l2v <= 2 * after,
	       "L2 TSC %#lx within 2 x [%#lx, %#lx]", l2v, before, after);
}

/*
 * APM vol. 3 INVLPGA: invalidates the TLB mapping of the virtual address
 * in rAX for the ASID in ECX. After L1 repoints L2's PTE and executes
 * INVLPGA for L2's ASID, a run without TLB_CONTROL flush sees the new
 * page.
 */
TEST_CASE(invlpga_flush, .fixture = &svm_env)
{
	u32 asid = svm_asid_alloc();
	struct svm_exit e;

	tlb_tables();
	svm_vcpu_reset(&vcpu, l2_read_twice, NULL);
	vcpu.vmcb->save.cr3 = (u64)gpt.root;
	vcpu.vmcb->control.asid = asid;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL, "first read"))
		return;
	svm_skip(&vcpu, L2_EXIT_INSN_LEN);
	*pt_walk(&gpt, TLB_VA, PT_LEVEL_4K, false) = (u64)page_b | PT_P | PT_RW;
	svm_invlpga(TLB_VA, asid);
	vcpu.vmcb->control.tlb_control = TLB_CONTROL_NONE;
	check_runs_to_end("second read");
	report_eq(vcpu.l2.results->value[0], 0xaaaa, "first read: page A");
	report_eq(vcpu.l2.results->value[1], 0xbbbb,
		  "after INVLPGA of L2's ASID: page B");
}
