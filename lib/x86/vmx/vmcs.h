/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmcs.h: VMCS field encodings and the field table (Intel SDM vol. 3C 25.11.2
 * field encoding, appendix B field list), the control bits (25.6 execution,
 * 25.7 exit, 25.8 entry controls), basic exit reasons (appendix C) and
 * VM-instruction error numbers (31.4 table 31-1).
 */
#ifndef HV_X86_VMX_VMCS_H
#define HV_X86_VMX_VMCS_H

#include <types.h>

/* 16-bit fields. */
#define VMCS_VPID 0x0000
#define VMCS_EPTP_INDEX 0x0004
#define VMCS_GUEST_ES 0x0800
#define VMCS_GUEST_CS 0x0802
#define VMCS_GUEST_SS 0x0804
#define VMCS_GUEST_DS 0x0806
#define VMCS_GUEST_FS 0x0808
#define VMCS_GUEST_GS 0x080a
#define VMCS_GUEST_LDTR 0x080c
#define VMCS_GUEST_TR 0x080e
#define VMCS_GUEST_INTR_STATUS 0x0810
#define VMCS_PML_INDEX 0x0812
#define VMCS_HOST_ES 0x0c00
#define VMCS_HOST_CS 0x0c02
#define VMCS_HOST_SS 0x0c04
#define VMCS_HOST_DS 0x0c06
#define VMCS_HOST_FS 0x0c08
#define VMCS_HOST_GS 0x0c0a
#define VMCS_HOST_TR 0x0c0c
/* 64-bit fields. */
#define VMCS_IO_BITMAP_A 0x2000
#define VMCS_IO_BITMAP_B 0x2002
#define VMCS_MSR_BITMAP 0x2004
#define VMCS_EXIT_MSR_STORE_ADDR 0x2006
#define VMCS_EXIT_MSR_LOAD_ADDR 0x2008
#define VMCS_ENTRY_MSR_LOAD_ADDR 0x200a
#define VMCS_PML_ADDR 0x200e
#define VMCS_TSC_OFFSET 0x2010
#define VMCS_VAPIC_ADDR 0x2012
#define VMCS_APIC_ACCESS_ADDR 0x2014
#define VMCS_VMFUNC_CTLS 0x2018
#define VMCS_EPTP 0x201a
#define VMCS_EOI_EXIT0 0x201c
#define VMCS_EOI_EXIT1 0x201e
#define VMCS_EOI_EXIT2 0x2020
#define VMCS_EOI_EXIT3 0x2022
#define VMCS_EPTP_LIST 0x2024
#define VMCS_VMREAD_BITMAP 0x2026
#define VMCS_VMWRITE_BITMAP 0x2028
#define VMCS_VE_INFO_ADDR 0x202a
#define VMCS_TSC_MULTIPLIER 0x2032
#define VMCS_GUEST_PHYS_ADDR 0x2400
#define VMCS_LINK_PTR 0x2800
#define VMCS_GUEST_DEBUGCTL 0x2802
#define VMCS_GUEST_PAT 0x2804
#define VMCS_GUEST_EFER 0x2806
#define VMCS_HOST_PAT 0x2c00
#define VMCS_HOST_EFER 0x2c02
/* 32-bit fields. */
#define VMCS_PIN_CTLS 0x4000
#define VMCS_PROC_CTLS 0x4002
#define VMCS_EXCEPTION_BITMAP 0x4004
#define VMCS_PF_ERR_MASK 0x4006
#define VMCS_PF_ERR_MATCH 0x4008
#define VMCS_CR3_TARGET_COUNT 0x400a
#define VMCS_EXIT_CTLS 0x400c
#define VMCS_EXIT_MSR_STORE_COUNT 0x400e
#define VMCS_EXIT_MSR_LOAD_COUNT 0x4010
#define VMCS_ENTRY_CTLS 0x4012
#define VMCS_ENTRY_MSR_LOAD_COUNT 0x4014
#define VMCS_ENTRY_INTR_INFO 0x4016
#define VMCS_ENTRY_EXC_ERR 0x4018
#define VMCS_ENTRY_INSN_LEN 0x401a
#define VMCS_TPR_THRESHOLD 0x401c
#define VMCS_PROC_CTLS2 0x401e
#define VMCS_PLE_GAP 0x4020
#define VMCS_PLE_WINDOW 0x4022
#define VMCS_INSN_ERROR 0x4400
#define VMCS_EXIT_REASON 0x4402
#define VMCS_EXIT_INTR_INFO 0x4404
#define VMCS_EXIT_INTR_ERR 0x4406
#define VMCS_IDT_VEC_INFO 0x4408
#define VMCS_IDT_VEC_ERR 0x440a
#define VMCS_EXIT_INSN_LEN 0x440c
#define VMCS_EXIT_INSN_INFO 0x440e
#define VMCS_GUEST_ES_LIMIT 0x4800
#define VMCS_GUEST_CS_LIMIT 0x4802
#define VMCS_GUEST_SS_LIMIT 0x4804
#define VMCS_GUEST_DS_LIMIT 0x4806
#define VMCS_GUEST_FS_LIMIT 0x4808
#define VMCS_GUEST_GS_LIMIT 0x480a
#define VMCS_GUEST_LDTR_LIMIT 0x480c
#define VMCS_GUEST_TR_LIMIT 0x480e
#define VMCS_GUEST_GDTR_LIMIT 0x4810
#define VMCS_GUEST_IDTR_LIMIT 0x4812
#define VMCS_GUEST_ES_AR 0x4814
#define VMCS_GUEST_CS_AR 0x4816
#define VMCS_GUEST_SS_AR 0x4818
#define VMCS_GUEST_DS_AR 0x481a
#define VMCS_GUEST_FS_AR 0x481c
#define VMCS_GUEST_GS_AR 0x481e
#define VMCS_GUEST_LDTR_AR 0x4820
#define VMCS_GUEST_TR_AR 0x4822
#define VMCS_GUEST_INTR_STATE 0x4824
#define VMCS_GUEST_ACTIVITY 0x4826
#define VMCS_GUEST_SYSENTER_CS 0x482a
#define VMCS_PREEMPT_TIMER 0x482e
#define VMCS_HOST_SYSENTER_CS 0x4c00
/* Natural-width fields. */
#define VMCS_CR0_MASK 0x6000
#define VMCS_CR4_MASK 0x6002
#define VMCS_CR0_SHADOW 0x6004
#define VMCS_CR4_SHADOW 0x6006
#define VMCS_CR3_TARGET0 0x6008
#define VMCS_EXIT_QUAL 0x6400
#define VMCS_GUEST_LINEAR_ADDR 0x640a
#define VMCS_GUEST_CR0 0x6800
#define VMCS_GUEST_CR3 0x6802
#define VMCS_GUEST_CR4 0x6804
#define VMCS_GUEST_ES_BASE 0x6806
#define VMCS_GUEST_CS_BASE 0x6808
#define VMCS_GUEST_SS_BASE 0x680a
#define VMCS_GUEST_DS_BASE 0x680c
#define VMCS_GUEST_FS_BASE 0x680e
#define VMCS_GUEST_GS_BASE 0x6810
#define VMCS_GUEST_LDTR_BASE 0x6812
#define VMCS_GUEST_TR_BASE 0x6814
#define VMCS_GUEST_GDTR_BASE 0x6816
#define VMCS_GUEST_IDTR_BASE 0x6818
#define VMCS_GUEST_DR7 0x681a
#define VMCS_GUEST_RSP 0x681c
#define VMCS_GUEST_RIP 0x681e
#define VMCS_GUEST_RFLAGS 0x6820
#define VMCS_GUEST_PENDING_DBG 0x6822
#define VMCS_GUEST_SYSENTER_ESP 0x6824
#define VMCS_GUEST_SYSENTER_EIP 0x6826
#define VMCS_HOST_CR0 0x6c00
#define VMCS_HOST_CR3 0x6c02
#define VMCS_HOST_CR4 0x6c04
#define VMCS_HOST_FS_BASE 0x6c06
#define VMCS_HOST_GS_BASE 0x6c08
#define VMCS_HOST_TR_BASE 0x6c0a
#define VMCS_HOST_GDTR_BASE 0x6c0c
#define VMCS_HOST_IDTR_BASE 0x6c0e
#define VMCS_HOST_SYSENTER_ESP 0x6c10
#define VMCS_HOST_SYSENTER_EIP 0x6c12
#define VMCS_HOST_RSP 0x6c14
#define VMCS_HOST_RIP 0x6c16

/* Encoding bits (25.11.2): access type, index, type, width. */
#define VMCS_ENC_HIGH BIT(0)
enum vmcs_width { VMCS_W16, VMCS_W64, VMCS_W32, VMCS_WNAT };
enum vmcs_type { VMCS_CONTROL, VMCS_RO, VMCS_GUEST, VMCS_HOST };
#define VMCS_ENC_WIDTH(enc) (((enc) >> 13) & 3)
#define VMCS_ENC_TYPE(enc) (((enc) >> 10) & 3)

static inline enum vmcs_width vmcs_field_width(u32 enc)
{
	return VMCS_ENC_WIDTH(enc);
}

static inline enum vmcs_type vmcs_field_type(u32 enc)
{
	return VMCS_ENC_TYPE(enc);
}

static inline u32 vmcs_field_index(u32 enc)
{
	return (enc >> 1) & 0x1ff;
}

struct vmcs_field {
	const char *name;
	u32 enc;
	enum vmcs_width width;
	enum vmcs_type type;
	bool read_only; /* the VM-exit information fields (type 1) */
};

/* Every field named above, in encoding order. */
extern const struct vmcs_field vmcs_fields[];
extern const unsigned int vmcs_nr_fields;
/* The table entry of ENC (ignoring the access-type bit), or NULL. */
const struct vmcs_field *vmcs_field_find(u32 enc);
/* Bits a field of WIDTH holds: 0xffff, 0xffffffff or all 64. */
u64 vmcs_width_mask(enum vmcs_width w);

/* Pin-based controls (25.6.1). */
#define PIN_EXT_INTR BIT(0)
#define PIN_NMI BIT(3)
#define PIN_VIRT_NMI BIT(5)
#define PIN_PREEMPT_TIMER BIT(6)
#define PIN_POSTED_INTR BIT(7)
/* Primary processor-based controls (25.6.2). */
#define PROC_INTR_WINDOW BIT(2)
#define PROC_TSC_OFFSET BIT(3)
#define PROC_HLT BIT(7)
#define PROC_INVLPG BIT(9)
#define PROC_MWAIT BIT(10)
#define PROC_RDPMC BIT(11)
#define PROC_RDTSC BIT(12)
#define PROC_CR3_LOAD BIT(15)
#define PROC_CR3_STORE BIT(16)
#define PROC_CR8_LOAD BIT(19)
#define PROC_CR8_STORE BIT(20)
#define PROC_TPR_SHADOW BIT(21)
#define PROC_NMI_WINDOW BIT(22)
#define PROC_MOV_DR BIT(23)
#define PROC_IO_UNCOND BIT(24)
#define PROC_IO_BITMAPS BIT(25)
#define PROC_MTF BIT(27)
#define PROC_MSR_BITMAPS BIT(28)
#define PROC_MONITOR BIT(29)
#define PROC_PAUSE BIT(30)
#define PROC_SECONDARY BIT(31)
/* Secondary processor-based controls (25.6.2). */
#define PROC2_VAPIC_ACCESS BIT(0)
#define PROC2_EPT BIT(1)
#define PROC2_DESC_TABLE BIT(2)
#define PROC2_RDTSCP BIT(3)
#define PROC2_VIRT_X2APIC BIT(4)
#define PROC2_VPID BIT(5)
#define PROC2_WBINVD BIT(6)
#define PROC2_UNRESTRICTED BIT(7)
#define PROC2_APIC_REG_VIRT BIT(8)
#define PROC2_VID BIT(9)
#define PROC2_PAUSE_LOOP BIT(10)
#define PROC2_RDRAND BIT(11)
#define PROC2_INVPCID BIT(12)
#define PROC2_VMFUNC BIT(13)
#define PROC2_SHADOW_VMCS BIT(14)
#define PROC2_RDSEED BIT(16)
#define PROC2_PML BIT(17)
#define PROC2_EPT_VE BIT(18)
#define PROC2_TSC_SCALING BIT(25)
/* VM-exit controls (25.7.1). */
#define EXIT_SAVE_DEBUG BIT(2)
#define EXIT_HOST_64 BIT(9)
#define EXIT_ACK_INTR BIT(15)
#define EXIT_SAVE_PAT BIT(18)
#define EXIT_LOAD_PAT BIT(19)
#define EXIT_SAVE_EFER BIT(20)
#define EXIT_LOAD_EFER BIT(21)
#define EXIT_SAVE_PREEMPT BIT(22)
/* VM-entry controls (25.8.1). */
#define ENTRY_LOAD_DEBUG BIT(2)
#define ENTRY_GUEST_64 BIT(9)
#define ENTRY_LOAD_PAT BIT(14)
#define ENTRY_LOAD_EFER BIT(15)

/* Basic exit reasons (appendix C). */
#define EXIT_REASON_EXCEPTION 0
#define EXIT_REASON_EXT_INTR 1
#define EXIT_REASON_TRIPLE_FAULT 2
#define EXIT_REASON_INIT 3
#define EXIT_REASON_SIPI 4
#define EXIT_REASON_INTR_WINDOW 7
#define EXIT_REASON_NMI_WINDOW 8
#define EXIT_REASON_CPUID 10
#define EXIT_REASON_HLT 12
#define EXIT_REASON_INVLPG 14
#define EXIT_REASON_RDPMC 15
#define EXIT_REASON_RDTSC 16
#define EXIT_REASON_VMCALL 18
#define EXIT_REASON_VMCLEAR 19
#define EXIT_REASON_VMLAUNCH 20
#define EXIT_REASON_VMPTRLD 21
#define EXIT_REASON_VMPTRST 22
#define EXIT_REASON_VMREAD 23
#define EXIT_REASON_VMRESUME 24
#define EXIT_REASON_VMWRITE 25
#define EXIT_REASON_VMXOFF 26
#define EXIT_REASON_VMXON 27
#define EXIT_REASON_CR 28
#define EXIT_REASON_DR 29
#define EXIT_REASON_IO 30
#define EXIT_REASON_RDMSR 31
#define EXIT_REASON_WRMSR 32
#define EXIT_REASON_BAD_GUEST 33
#define EXIT_REASON_MSR_LOAD 34
#define EXIT_REASON_MWAIT 36
#define EXIT_REASON_MTF 37
#define EXIT_REASON_MONITOR 39
#define EXIT_REASON_PAUSE 40
#define EXIT_REASON_TPR_BELOW 43
#define EXIT_REASON_APIC_ACCESS 44
#define EXIT_REASON_VIRT_EOI 45
#define EXIT_REASON_GDTR_IDTR 46
#define EXIT_REASON_LDTR_TR 47
#define EXIT_REASON_EPT_VIOLATION 48
#define EXIT_REASON_EPT_MISCONFIG 49
#define EXIT_REASON_INVEPT 50
#define EXIT_REASON_RDTSCP 51
#define EXIT_REASON_PREEMPT_TIMER 52
#define EXIT_REASON_INVVPID 53
#define EXIT_REASON_WBINVD 54
#define EXIT_REASON_XSETBV 55
#define EXIT_REASON_RDRAND 57
#define EXIT_REASON_INVPCID 58
#define EXIT_REASON_VMFUNC 59
#define EXIT_REASON_RDSEED 61
#define EXIT_REASON_PML_FULL 62
/* Exit reason bit 31: VM-entry failure (25.9.1). */
#define EXIT_REASON_ENTRY_FAIL BIT(31)

/* VM-instruction error numbers (31.4 table 31-1). */
#define VMXERR_VMCALL_ROOT 1
#define VMXERR_VMCLEAR_ADDR 2
#define VMXERR_VMCLEAR_VMXON 3
#define VMXERR_VMLAUNCH_NOT_CLEAR 4
#define VMXERR_VMRESUME_NOT_LAUNCHED 5
#define VMXERR_VMRESUME_AFTER_VMXOFF 6
#define VMXERR_ENTRY_CTLS 7
#define VMXERR_ENTRY_HOST 8
#define VMXERR_VMPTRLD_ADDR 9
#define VMXERR_VMPTRLD_VMXON 10
#define VMXERR_VMPTRLD_REVISION 11
#define VMXERR_FIELD_UNSUPPORTED 12
#define VMXERR_VMWRITE_RO 13
#define VMXERR_VMXON_ROOT 15
#define VMXERR_ENTRY_MOV_SS 26
#define VMXERR_INV_OPERAND 28

/* Interruption-information format (25.8.3, 25.9.2). */
#define INTR_INFO_VALID BIT(31)
#define INTR_INFO_ERR_CODE BIT(11)
#define INTR_TYPE_EXT 0
#define INTR_TYPE_NMI 2
#define INTR_TYPE_HW_EXC 3
#define INTR_TYPE_SW_INT 4
#define INTR_TYPE_PRIV_SW_EXC 5
#define INTR_TYPE_SW_EXC 6
#define INTR_TYPE_OTHER 7 /* vector 0: a pending MTF VM exit */
static inline u32 intr_info(unsigned int vector, unsigned int type,
			    bool err_code)
{
	return INTR_INFO_VALID | vector | type << 8 |
	       (err_code ? INTR_INFO_ERR_CODE : 0);
}

/* Access rights (25.4.1): bit 16 marks an unusable segment. */
#define VMX_AR_UNUSABLE BIT(16)

#endif
