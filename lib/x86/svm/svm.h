/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm.h: an L1 hypervisor for SVM tests (AMD APM vol. 2 chapter 15):
 * enabling (15.4 EFER.SVME, VM_CR, VM_HSAVE_PA), a vCPU that owns one VMCB
 * (vmcb.h) and its MSR and I/O permission maps (15.10, 15.11), svm_run()
 * entering L2 (15.5 VMRUN) and returning a typed exit (15.6 #VMEXIT), ASIDs
 * (15.16), nested paging built on lib/x86/paging.h (15.25), and the SVM
 * instructions as wrappers and fault probes.
 *
 *	svm_vcpu_reset(&vcpu, l2_body, NULL);   // L2 runs as L1 does
 *	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_CPUID;
 *	struct svm_exit e = svm_run(&vcpu);
 *	report_eq(e.code, SVM_EXIT_CPUID, "CPUID exits");
 *
 * L2 is a function (lib/x86/nested.h) on its own stack with L1's tables;
 * it leaves with l2_exit() (VMMCALL, intercepted by default) and records
 * values in its result page (vcpu.l2.results). L1 reports.
 */
#ifndef HV_X86_SVM_SVM_H
#define HV_X86_SVM_SVM_H

#include <types.h>
#include <x86/fault.h>
#include <x86/nested.h>
#include <x86/paging.h>
#include <x86/svm/vmcb.h>

#define MSR_VM_CR 0xc0010114
#define MSR_VM_HSAVE_PA 0xc0010117
#define MSR_TSC_RATIO 0xc0000104
#define VM_CR_LOCK BIT(3)
#define VM_CR_SVMDIS BIT(4)

#define SVM_MSRPM_SIZE (2 * PAGE_SIZE)
#define SVM_IOPM_SIZE (3 * PAGE_SIZE)

/* L2's general-purpose registers other than RAX and RSP (in the VMCB). */
struct svm_gprs {
	u64 rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
};

/* What #VMEXIT wrote to the VMCB (15.6, table B-1). */
struct svm_exit {
	u64 code;
	u64 info1;
	u64 info2;
	u64 int_info;
	u64 next_rip;
};

struct svm_vcpu {
	struct vmcb *vmcb;
	u8 *msrpm; /* SVM_MSRPM_SIZE: two bits per MSR, 15.11 */
	u8 *iopm; /* SVM_IOPM_SIZE: one bit per port, 15.10.1 */
	struct l2_guest l2;
	struct svm_gprs gprs;
	struct page_table npt;
};

/*
 * Why SVM cannot be used here (CPUID, VM_CR.SVMDIS), or NULL. A fixture
 * turns a reason into report_skip().
 */
const char *svm_unavailable(void);
/* Sets EFER.SVME and VM_HSAVE_PA (the caller restores both when done). */
void svm_enable(void);

/* CPUID 0x8000000A: EBX, the number of ASIDs. */
u32 svm_nr_asids(void);
/* A fresh ASID in [1, svm_nr_asids()), never 0 (15.16). */
u32 svm_asid_alloc(void);

/*
 * Allocates VCPU's VMCB and maps once, then gives it a VMCB for L2 that
 * runs FN(l2) with L1's state (nested_capture()): ASID 1, VMRUN and VMMCALL
 * intercepted, nothing else; both maps cleared and in use only when
 * INTERCEPT_MSR_PROT / INTERCEPT_IOIO_PROT are set; no NPT.
 */
void svm_vcpu_reset(struct svm_vcpu *vcpu, l2_fn_t fn, void *arg);

/*
 * CLGI, VMLOAD of VCPU's VMCB (L1's state saved with VMSAVE), VMRUN, then
 * VMSAVE to VCPU's VMCB, VMLOAD of L1's state and STGI; the exit as the
 * VMCB holds it.
 */
struct svm_exit svm_run(struct svm_vcpu *vcpu);
/*
 * The same without the final STGI: GIF stays 0, so an event the exit left
 * pending (an intercepted INIT or SMI, 15.17) is never taken by L1.
 */
struct svm_exit svm_run_gif_clear(struct svm_vcpu *vcpu);
/* Advances L2's RIP by LEN (past the instruction that exited). */
void svm_skip(struct svm_vcpu *vcpu, unsigned int len);
/*
 * Resumes L2 past each l2_exit() until its function has returned; returns
 * the first exit that is not such a VMMCALL, or the final one.
 */
struct svm_exit svm_run_to_end(struct svm_vcpu *vcpu);

/* MSR permission map: intercept reads and/or writes of MSR. */
void svm_msrpm_set(struct svm_vcpu *vcpu, u32 msr, bool rd, bool wr);
/* I/O permission map: intercept accesses to PORT (0 to 0x10002). */
void svm_iopm_set(struct svm_vcpu *vcpu, u32 port, bool on);

/*
 * Nested paging: VCPU's NPT maps guest physical [0, 1 GiB) to the same
 * host addresses with 2 MiB pages, user and writable; NP_ENABLE and N_CR3
 * are set. Tests then change entries with pt_walk()/pt_map() on vcpu->npt.
 */
void svm_npt_enable(struct svm_vcpu *vcpu);
/*
 * The 4 KiB NPT entry for GPA: a 2 MiB page that maps it is first split
 * into 512 4 KiB pages with the same flags. The caller changes it.
 */
u64 *svm_npt_pte(struct svm_vcpu *vcpu, u64 gpa);

/*
 * L2's own IDT: every vector goes to an entry point that records the event in
 * l2_idt_seen and returns to the interrupted RIP (l2_idt.S). Installed in
 * VCPU's VMCB (IDTR), so events delivered in L2 never reach L1's handlers;
 * l2_idt_seen is cleared.
 */
struct l2_event {
	u64 hits, vector, error_code, rip;
};
extern volatile struct l2_event l2_idt_seen;
void svm_l2_idt(struct svm_vcpu *vcpu);

/* The instructions (APM vol. 3). RAX holds the VMCB address. */
static inline void svm_vmload(u64 pa)
{
	asm volatile("vmload %%rax" : : "a"(pa) : "memory");
}

static inline void svm_vmsave(u64 pa)
{
	asm volatile("vmsave %%rax" : : "a"(pa) : "memory");
}

static inline void svm_stgi(void)
{
	asm volatile("stgi" : : : "memory");
}

static inline void svm_clgi(void)
{
	asm volatile("clgi" : : : "memory");
}

static inline void svm_invlpga(u64 va, u32 asid)
{
	asm volatile("invlpga %%rax, %%ecx" : : "a"(va), "c"(asid) : "memory");
}

/* The same, returning the exception instead of crashing (fault.h). */
static inline struct fault svm_probe_vmrun(u64 pa)
{
	return fault_probe("vmrun %%rax", : : "a"(pa) : "memory");
}

static inline struct fault svm_probe_vmload(u64 pa)
{
	return fault_probe("vmload %%rax", : : "a"(pa) : "memory");
}

static inline struct fault svm_probe_vmsave(u64 pa)
{
	return fault_probe("vmsave %%rax", : : "a"(pa) : "memory");
}

static inline struct fault svm_probe_stgi(void)
{
	return fault_probe("stgi", : : : "memory");
}

static inline struct fault svm_probe_clgi(void)
{
	return fault_probe("clgi", : : : "memory");
}

static inline struct fault svm_probe_invlpga(u64 va, u32 asid)
{
	return fault_probe("invlpga %%rax, %%ecx",
			   :
			   : "a"(va), "c"(asid)
			   : "memory");
}

static inline struct fault svm_probe_skinit(u64 pa)
{
	return fault_probe("skinit %%eax", : : "a"(pa) : "memory");
}

#endif
