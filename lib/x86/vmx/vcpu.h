/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu.h: one L1 virtual CPU: VMX operation (VMXON region with the
 * revision identifier, CR0/CR4 fixed bits, IA32_FEATURE_CONTROL), a VMCS
 * filled with L1's own state as host and guest, typed VMREAD/VMWRITE,
 * vmx_run() with VMLAUNCH or VMRESUME chosen by launch state and a typed
 * exit, MSR and I/O bitmaps, VPIDs (Intel SDM vol. 3C 24.7 enabling VMX
 * operation, 25.2 VMCS regions, 25.4-25.5 guest and host state, 25.6.4
 * I/O bitmaps, 25.6.9 MSR bitmaps, 25.9 exit information, 27 VM entries,
 * 28 VM exits, 29.1 VPIDs).
 *
 *	vmx_vcpu_init(&v);			(VMXON and a fresh VMCS)
 *	struct vmx_exit e = vmx_run(&v, l2_fn);
 *	check_exit(&e, EXIT_REASON_CPUID);
 *	vmx_skip_insn(&e);  e = vmx_run(&v, NULL);	(VMRESUME)
 *	vmx_vcpu_fini(&v);			(VMXOFF)
 */
#ifndef HV_X86_VMX_VCPU_H
#define HV_X86_VMX_VCPU_H

#include <types.h>
#include <x86/nested.h>
#include <x86/vmx/caps.h>
#include <x86/vmx/insn.h>
#include <x86/vmx/vmcs.h>

/* L2's general-purpose registers across exits; the layout is entry.S's. */
struct vmx_gprs {
	u64 rax, rbx, rcx, rdx, rsi, rdi, rbp;
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 launched;
};

struct vmx_vcpu {
	void *vmxon_region, *vmcs;
	struct vmx_gprs gprs;
	struct l2_guest l2;
	u8 *msr_bitmap, *io_bitmap_a, *io_bitmap_b;
	bool bitmaps_dirty; /* a bit was set since vmcs_init_state() */
	bool on; /* in VMX operation */
};

/* What happened to one VMLAUNCH/VMRESUME (25.9, 28.2). */
struct vmx_exit {
	/* VMsucceed unless the instruction itself failed (no exit then). */
	struct vmx_result insn;
	bool vmlaunch; /* the instruction used */
	u32 reason; /* the full exit-reason field */
	u16 basic; /* reason[15:0] */
	bool entry_failure; /* reason[31] */
	u64 qual, gla, gpa;
	u32 intr_info, intr_err, idt_info, idt_err, insn_len, insn_info;
};

/* NULL when VMX can be used here, else why not (for report_skip). */
const char *vmx_absent_reason(void);

/*
 * Enters VMX operation (allocating the VMXON region once), then VMCLEARs,
 * VMPTRLDs and fills the VMCS with vmcs_init_state(). A failed report
 * names any step that did not succeed; returns whether all did.
 */
bool vmx_vcpu_init(struct vmx_vcpu *v);
/* VMCLEAR and VMPTRLD of the vCPU's VMCS, then vmcs_init_state(). */
void vmx_vmcs_reset(struct vmx_vcpu *v);
/* Leaves VMX operation if in it (whoever entered it); CR4.VMXE = 0. */
void vmx_vcpu_fini(struct vmx_vcpu *v);

/* The physical addresses of the regions (identity-mapped memory). */
static inline u64 vmx_pa(const void *p)
{
	return (u64)p;
}

/*
 * Sets CR0/CR4 as VMXON needs (fixed bits, CR4.VMXE) and locks
 * IA32_FEATURE_CONTROL with VMXON outside SMX enabled if it is unlocked.
 */
void vmx_prepare_cpu(void);
/* A zeroed page with the VMCS revision identifier (25.2). */
void *vmx_alloc_region(void);

/* Fills the current VMCS: host = L1 now, guest = L1's state, defaults. */
void vmcs_init_state(struct vmx_vcpu *v);

/* VMREAD/VMWRITE of a field the table knows; anything else is a crash. */
u64 vmcs_read(u32 enc);
void vmcs_write(u32 enc, u64 val);
static inline void vmcs_set(u32 enc, u64 bits)
{
	vmcs_write(enc, vmcs_read(enc) | bits);
}
static inline void vmcs_clear(u32 enc, u64 bits)
{
	vmcs_write(enc, vmcs_read(enc) & ~bits);
}
/* Sets PROC2 bits and the primary "activate secondary controls". */
void vmcs_set_proc2(u64 bits);

/*
 * Enters L2: with FN, a fresh L2 running FN(l2) (l2_init), else where it
 * stopped. VMLAUNCH when the VMCS is clear, VMRESUME once launched.
 */
struct vmx_exit vmx_run(struct vmx_vcpu *v, l2_fn_t fn);
/* Advances guest RIP past the instruction that caused exit E. */
void vmx_skip_insn(const struct vmx_exit *e);
/* Resumes after a VMCALL exit until L2's function returns; true if it did. */
bool vmx_run_to_end(struct vmx_vcpu *v);

const char *vmx_exit_reason_name(u32 basic);
/* Checks E is a VM exit (not a failed entry) with basic reason REASON. */
#define check_exit(e, reason) report_here(check_exit_fn((e), (reason)))
void check_exit_fn(const struct vmx_exit *e, u32 reason);
/* Checks E is a VM-entry failure with basic reason REASON and QUAL. */
#define check_entry_fail(e, reason, qual) \
	report_here(check_entry_fail_fn((e), (reason), (qual)))
void check_entry_fail_fn(const struct vmx_exit *e, u32 reason, u64 qual);

/* Bitmaps (allocated on first use, all clear); the VMCS fields are set. */
void vmx_msr_intercept(struct vmx_vcpu *v, u32 msr, bool read, bool write);
void vmx_io_intercept(struct vmx_vcpu *v, u16 port, bool on);

/* A VPID not used before (1, 2, ...; 0 is L1's, 29.1). */
u16 vpid_alloc(void);

#endif
