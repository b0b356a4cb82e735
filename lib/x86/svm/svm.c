// SPDX-License-Identifier: GPL-2.0-only
/*
 * svm.c: the L1 side of SVM (svm.h): enabling (AMD APM vol. 2 15.4, 15.30.1
 * VM_CR, 15.30.4 VM_HSAVE_PA), the VMCB given to L2 (15.5.1, appendix B),
 * running it (15.5, 15.6), the permission maps (15.10.1 IOPM, 15.11 MSRPM),
 * ASIDs (15.16) and an identity nested page table (15.25).
 */
#include <libtest.h>
#include <alloc.h>
#include <string.h>
#include <x86/desc.h>
#include <x86/processor.h>
#include <x86/svm/svm.h>

void svm_vmrun(u64 vmcb_pa, struct svm_gprs *gprs);

#define NPT_IDENTITY_SIZE (1ULL << 30)

static void *hsave;

const char *svm_unavailable(void)
{
	u64 vm_cr;

	if (!cpu_has(X86_FEATURE_SVM))
		return "svm not enumerated "
		       "(CPUID.(EAX=0x80000001,ECX=0):ECX[2])";
	/* A VM_CR that faults cannot disable SVM; enable.c checks it. */
	if (!rdmsr_safe(MSR_VM_CR, &vm_cr).raised && (vm_cr & VM_CR_SVMDIS))
		return "VM_CR.SVMDIS is set: SVM disabled by firmware (APM "
		       "vol. 2 15.30.1)";
	return NULL;
}

void svm_enable(void)
{
	if (!hsave) {
		hsave = alloc_page();
		assert(hsave);
	}
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, (u64)hsave);
}

u32 svm_nr_asids(void)
{
	return cpuid(0x8000000a).b;
}

u32 svm_asid_alloc(void)
{
	static u32 next = 1;
	u32 n = svm_nr_asids();

	if (next >= n)
		next = 1;
	return next++;
}

static void seg_to_vmcb(struct vmcb_seg *v, const struct nested_seg *s)
{
	v->sel = s->sel;
	v->attr = s->attr;
	v->limit = s->limit;
	v->base = s->base;
}

static void vmcb_from_l1(struct vmcb *vmcb)
{
	struct nested_cpu_state s;
	struct vmcb_save *g = &vmcb->save;

	nested_capture(&s);
	seg_to_vmcb(&g->es, &s.es);
	seg_to_vmcb(&g->cs, &s.cs);
	seg_to_vmcb(&g->ss, &s.ss);
	seg_to_vmcb(&g->ds, &s.ds);
	seg_to_vmcb(&g->fs, &s.fs);
	seg_to_vmcb(&g->gs, &s.gs);
	seg_to_vmcb(&g->tr, &s.tr);
	seg_to_vmcb(&g->ldtr, &s.ldtr);
	g->gdtr.base = s.gdt_base;
	g->gdtr.limit = s.gdt_limit;
	g->idtr.base = s.idt_base;
	g->idtr.limit = s.idt_limit;
	g->cpl = 0;
	g->efer = s.efer | EFER_SVME;
	g->cr0 = s.cr0;
	g->cr3 = s.cr3;
	g->cr4 = s.cr4;
	g->dr6 = 0xffff0ff0;
	g->dr7 = 0x400;
	g->rflags = s.rflags | BIT(1);
	g->g_pat = s.pat;
	g->star = rdmsr(MSR_STAR);
	g->lstar = rdmsr(MSR_LSTAR);
	g->cstar = rdmsr(MSR_CSTAR);
	g->sfmask = rdmsr(MSR_SFMASK);
	g->kernel_gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	g->sysenter_cs = rdmsr(MSR_IA32_SYSENTER_CS);
	g->sysenter_esp = rdmsr(MSR_IA32_SYSENTER_ESP);
	g->sysenter_eip = rdmsr(MSR_IA32_SYSENTER_EIP);
}

void svm_vcpu_reset(struct svm_vcpu *vcpu, l2_fn_t fn, void *arg)
{
	struct vmcb_control *c;

	if (!vcpu->vmcb) {
		vcpu->vmcb = alloc_page();
		vcpu->msrpm = alloc_pages(1);
		vcpu->iopm = alloc_pages(2);
		assert(vcpu->vmcb && vcpu->msrpm && vcpu->iopm);
	}
	memset(vcpu->vmcb, 0, sizeof(*vcpu->vmcb));
	memset(vcpu->msrpm, 0, SVM_MSRPM_SIZE);
	memset(vcpu->iopm, 0, SVM_IOPM_SIZE);
	memset(&vcpu->gprs, 0, sizeof(vcpu->gprs));
	vcpu->npt.root = NULL;

	vmcb_from_l1(vcpu->vmcb);
	c = &vcpu->vmcb->control;
	c->intercept_misc2 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL;
	c->iopm_base_pa = (u64)vcpu->iopm;
	c->msrpm_base_pa = (u64)vcpu->msrpm;
	c->asid = 1;
	c->tlb_control = TLB_CONTROL_FLUSH_ALL;

	nested_set_exit_insn(NESTED_EXIT_VMMCALL);
	l2_init(&vcpu->l2, fn, arg);
	vcpu->vmcb->save.rip = l2_entry_rip();
	vcpu->vmcb->save.rsp = l2_entry_rsp(&vcpu->l2);
}

/*
 * VMRUN and #VMEXIT do not switch FS, GS, TR, LDTR (with their hidden
 * state), KernelGsBase, the SYSCALL and SYSENTER MSRs: VMLOAD and VMSAVE
 * do (APM vol. 3 VMLOAD). L1's are kept in a VMCB of their own around
 * each run, so L2 runs with the VMCB's and cannot change L1's (a task
 * switch in L2 loads TR, for one).
 */
struct svm_exit svm_run_gif_clear(struct svm_vcpu *vcpu)
{
	static struct vmcb *host;
	struct vmcb_control *c = &vcpu->vmcb->control;

	if (!host) {
		host = alloc_page();
		assert(host);
	}
	svm_clgi();
	svm_vmsave((u64)host);
	svm_vmload((u64)vcpu->vmcb);
	svm_vmrun((u64)vcpu->vmcb, &vcpu->gprs);
	svm_vmsave((u64)vcpu->vmcb);
	svm_vmload((u64)host);
	return (struct svm_exit){
		.code = c->exit_code,
		.info1 = c->exit_info1,
		.info2 = c->exit_info2,
		.int_info = c->exit_int_info,
		.next_rip = c->next_rip,
	};
}

struct svm_exit svm_run(struct svm_vcpu *vcpu)
{
	struct svm_exit e = svm_run_gif_clear(vcpu);

	svm_stgi();
	return e;
}

void svm_skip(struct svm_vcpu *vcpu, unsigned int len)
{
	vcpu->vmcb->save.rip += len;
}

struct svm_exit svm_run_to_end(struct svm_vcpu *vcpu)
{
	struct svm_exit e;

	for (;;) {
		e = svm_run(vcpu);
		if (e.code != SVM_EXIT_VMMCALL || vcpu->l2.done)
			return e;
		svm_skip(vcpu, L2_EXIT_INSN_LEN);
	}
}

/* 15.11: three 2 KiB ranges, two bits (read, write) per MSR. */
void svm_msrpm_set(struct svm_vcpu *vcpu, u32 msr, bool rd, bool wr)
{
	u32 base, bit;

	if (msr <= 0x1fff)
		base = 0;
	else if (msr >= 0xc0000000 && msr <= 0xc0001fff)
		base = 0x800;
	else if (msr >= 0xc0010000 && msr <= 0xc0011fff)
		base = 0x1000;
	else
		return;
	bit = (msr & 0x1fff) * 2;
	vcpu->msrpm[base + bit / 8] &= ~(3 << (bit % 8));
	vcpu->msrpm[base + bit / 8] |= (rd | wr << 1) << (bit % 8);
}

void svm_iopm_set(struct svm_vcpu *vcpu, u32 port, bool on)
{
	assert(port < SVM_IOPM_SIZE * 8);
	if (on)
		vcpu->iopm[port / 8] |= 1 << (port % 8);
	else
		vcpu->iopm[port / 8] &= ~(1 << (port % 8));
}

void svm_npt_enable(struct svm_vcpu *vcpu)
{
	pt_init(&vcpu->npt);
	pt_map_range(&vcpu->npt, 0, 0, NPT_IDENTITY_SIZE, PT_LEVEL_2M,
		     PT_P | PT_RW | PT_US);
	vcpu->vmcb->control.np_control |= NP_ENABLE;
	vcpu->vmcb->control.n_cr3 = (u64)vcpu->npt.root;
}

u64 *svm_npt_pte(struct svm_vcpu *vcpu, u64 gpa)
{
	u64 *pde = pt_walk(&vcpu->npt, gpa, PT_LEVEL_2M, true);
	u64 *pt;

	if (*pde & PT_PS) {
		u64 base = *pde & PT_ADDR_MASK & ~(pt_level_size(2) - 1);
		u64 flags = *pde & ~PT_ADDR_MASK & ~PT_PS;

		pt = alloc_page();
		assert(pt);
		for (int i = 0; i < 512; i++)
			pt[i] = (base + i * PAGE_SIZE) | flags;
		*pde = (u64)pt | PT_TABLE_FLAGS;
	}
	return pt_walk(&vcpu->npt, gpa, PT_LEVEL_4K, false);
}

volatile struct l2_event l2_idt_seen;
extern char l2_idt_entries[];

/* 64-bit interrupt gates, APM vol. 2 4.8.4 figure 4-24. */
void svm_l2_idt(struct svm_vcpu *vcpu)
{
	static u64 *idt;
	struct vmcb_seg *idtr = &vcpu->vmcb->save.idtr;

	if (!idt) {
		idt = alloc_page();
		assert(idt);
		for (int v = 0; v < 256; v++) {
			u64 entry = (u64)l2_idt_entries + 16 * v;

			idt[2 * v] = (entry & 0xffff) | (u64)KERNEL_CS << 16 |
				     0x8eULL << 40 |
				     (entry >> 16 & 0xffff) << 48;
			idt[2 * v + 1] = entry >> 32;
		}
	}
	memset((void *)&l2_idt_seen, 0, sizeof(l2_idt_seen));
	idtr->base = (u64)idt;
	idtr->limit = 256 * 16 - 1;
}
