/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * caps.h: the VMX capability MSRs, read and decoded once (Intel SDM vol.
 * 3D appendix A: A.1 IA32_VMX_BASIC, A.3-A.5 the control MSRs and their
 * TRUE_ forms, A.6 MISC, A.7-A.8 CR0/CR4 fixed bits, A.9 VMCS_ENUM, A.10
 * EPT_VPID_CAP, A.11 VMFUNC; vol. 3C 24.7 IA32_FEATURE_CONTROL).
 */
#ifndef HV_X86_VMX_CAPS_H
#define HV_X86_VMX_CAPS_H

#include <types.h>

#define MSR_IA32_FEATURE_CONTROL 0x0000003a
#define FEATURE_CONTROL_LOCK BIT(0)
#define FEATURE_CONTROL_VMX_IN_SMX BIT(1)
#define FEATURE_CONTROL_VMX_OUTSIDE_SMX BIT(2)

#define MSR_IA32_VMX_BASIC 0x480
#define MSR_IA32_VMX_PINBASED_CTLS 0x481
#define MSR_IA32_VMX_PROCBASED_CTLS 0x482
#define MSR_IA32_VMX_EXIT_CTLS 0x483
#define MSR_IA32_VMX_ENTRY_CTLS 0x484
#define MSR_IA32_VMX_MISC 0x485
#define MSR_IA32_VMX_CR0_FIXED0 0x486
#define MSR_IA32_VMX_CR0_FIXED1 0x487
#define MSR_IA32_VMX_CR4_FIXED0 0x488
#define MSR_IA32_VMX_CR4_FIXED1 0x489
#define MSR_IA32_VMX_VMCS_ENUM 0x48a
#define MSR_IA32_VMX_PROCBASED_CTLS2 0x48b
#define MSR_IA32_VMX_EPT_VPID_CAP 0x48c
#define MSR_IA32_VMX_TRUE_PINBASED_CTLS 0x48d
#define MSR_IA32_VMX_TRUE_PROCBASED_CTLS 0x48e
#define MSR_IA32_VMX_TRUE_EXIT_CTLS 0x48f
#define MSR_IA32_VMX_TRUE_ENTRY_CTLS 0x490
#define MSR_IA32_VMX_VMFUNC 0x491

#define X86_CR4_VMXE BIT(13)

/* The five control fields whose settings the capability MSRs bound. */
enum vmx_ctl {
	VMX_CTL_PIN,
	VMX_CTL_PROC,
	VMX_CTL_PROC2,
	VMX_CTL_EXIT,
	VMX_CTL_ENTRY,
	VMX_NR_CTLS,
};

/*
 * Allowed settings of one control field (A.3): a bit set in ALLOWED0 must
 * be 1, a bit clear in ALLOWED1 must be 0.
 */
struct vmx_ctl_caps {
	u32 allowed0, allowed1;
	u32 msr; /* the MSR they came from (TRUE_ form when offered) */
};

struct vmx_caps {
	u64 basic;
	u32 revision; /* BASIC[30:0] */
	u32 region_size; /* BASIC[44:32] */
	bool addr32; /* BASIC[48]: regions below 4 GiB */
	bool dual_monitor; /* BASIC[49] */
	u8 mem_type; /* BASIC[53:50] */
	bool ins_outs_info; /* BASIC[54] */
	bool true_ctls; /* BASIC[55] */
	bool no_err_code_check; /* BASIC[56] */
	struct vmx_ctl_caps ctl[VMX_NR_CTLS];
	/* The non-TRUE default settings (A.2): what the TRUE ones relax. */
	u32 legacy_allowed0[VMX_NR_CTLS];
	u64 misc;
	u8 preempt_rate; /* MISC[4:0]: the timer counts at TSC >> rate */
	u32 cr3_targets; /* MISC[24:16] */
	u32 max_msr_list; /* 512 * (MISC[27:25] + 1) */
	bool vmwrite_any; /* MISC[29] */
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	u32 max_field_index; /* VMCS_ENUM[9:1] */
	u64 ept_vpid; /* 0 unless PROC2 may enable EPT or VPID */
	u64 vmfunc; /* 0 unless PROC2 may enable VM functions */
};

/* Reads the MSRs on first use; later calls return the same decoding. */
const struct vmx_caps *vmx_caps(void);

/* True when control CTL may have BIT set to 1 (allowed1 has it). */
bool vmx_ctl_may_set(enum vmx_ctl ctl, unsigned int bit);
/* A control value with every must-be-1 bit set, plus EXTRA. */
u32 vmx_ctl_value(enum vmx_ctl ctl, u32 extra);
const char *vmx_ctl_name(enum vmx_ctl ctl);

/* EPT_VPID_CAP bits (A.10). */
#define EPT_CAP_EXEC_ONLY BIT(0)
#define EPT_CAP_PWL4 BIT(6)
#define EPT_CAP_PWL5 BIT(7)
#define EPT_CAP_UC BIT(8)
#define EPT_CAP_WB BIT(14)
#define EPT_CAP_2M BIT(16)
#define EPT_CAP_1G BIT(17)
#define EPT_CAP_INVEPT BIT(20)
#define EPT_CAP_AD BIT(21)
#define EPT_CAP_INVEPT_SINGLE BIT(25)
#define EPT_CAP_INVEPT_ALL BIT(26)
#define VPID_CAP_INVVPID BIT_ULL_32(0)
#define VPID_CAP_INVVPID_ADDR BIT_ULL_32(8)
#define VPID_CAP_INVVPID_SINGLE BIT_ULL_32(9)
#define VPID_CAP_INVVPID_ALL BIT_ULL_32(10)
#define VPID_CAP_INVVPID_SINGLE_NG BIT_ULL_32(11)
#define BIT_ULL_32(n) BIT(32 + (n))

#endif
