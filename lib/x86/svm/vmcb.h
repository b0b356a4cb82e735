/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmcb.h: the virtual machine control block, its control area and state
 * save area as typed structs whose offsets are checked at build time
 * (AMD APM vol. 2 appendix B, tables B-1 and B-2), the intercept bits
 * (15.8 to 15.15), the exit codes (appendix C) and the EVENTINJ /
 * EXITINTINFO format (15.20, figure 15-3).
 */
#ifndef HV_X86_SVM_VMCB_H
#define HV_X86_SVM_VMCB_H

#include <types.h>

/* Intercept word 3 (offset 0x0c), table B-1. */
#define INTERCEPT_INTR BIT(0)
#define INTERCEPT_NMI BIT(1)
#define INTERCEPT_SMI BIT(2)
#define INTERCEPT_INIT BIT(3)
#define INTERCEPT_VINTR BIT(4)
#define INTERCEPT_CR0_SEL_WRITE BIT(5)
#define INTERCEPT_RDTSC BIT(14)
#define INTERCEPT_RDPMC BIT(15)
#define INTERCEPT_PUSHF BIT(16)
#define INTERCEPT_POPF BIT(17)
#define INTERCEPT_CPUID BIT(18)
#define INTERCEPT_IRET BIT(20)
#define INTERCEPT_INTN BIT(21)
#define INTERCEPT_INVD BIT(22)
#define INTERCEPT_PAUSE BIT(23)
#define INTERCEPT_HLT BIT(24)
#define INTERCEPT_INVLPG BIT(25)
#define INTERCEPT_INVLPGA BIT(26)
#define INTERCEPT_IOIO_PROT BIT(27)
#define INTERCEPT_MSR_PROT BIT(28)
#define INTERCEPT_TASK_SWITCH BIT(29)
#define INTERCEPT_SHUTDOWN BIT(31)

/* Intercept word 4 (offset 0x10), table B-1. */
#define INTERCEPT_VMRUN BIT(0)
#define INTERCEPT_VMMCALL BIT(1)
#define INTERCEPT_VMLOAD BIT(2)
#define INTERCEPT_VMSAVE BIT(3)
#define INTERCEPT_STGI BIT(4)
#define INTERCEPT_CLGI BIT(5)
#define INTERCEPT_SKINIT BIT(6)
#define INTERCEPT_RDTSCP BIT(7)
#define INTERCEPT_ICEBP BIT(8)
#define INTERCEPT_WBINVD BIT(9)
#define INTERCEPT_MONITOR BIT(10)
#define INTERCEPT_MWAIT BIT(11)
#define INTERCEPT_XSETBV BIT(13)

/* V_INTR control (offset 0x60), 15.21.1 and 15.33 (VGIF). */
#define V_TPR_MASK 0xffULL
#define V_IRQ BIT(8)
#define V_GIF BIT(9)
#define V_INTR_PRIO_SHIFT 16
#define V_IGN_TPR BIT(20)
#define V_INTR_MASKING BIT(24)
#define V_GIF_ENABLE BIT(25)
#define V_INTR_VECTOR_SHIFT 32

/* Interrupt state (offset 0x68). */
#define INT_STATE_SHADOW BIT(0)
#define INT_STATE_GUEST_IF BIT(1)

/* NP_ENABLE (offset 0x90), 15.25.3. */
#define NP_ENABLE BIT(0)

/* LBR_VIRTUALIZATION_ENABLE (offset 0xb8), 15.23. */
#define LBR_VIRT_ENABLE BIT(0)

/* TLB_CONTROL (offset 0x5c), 15.16.1. */
#define TLB_CONTROL_NONE 0
#define TLB_CONTROL_FLUSH_ALL 1
#define TLB_CONTROL_FLUSH_ASID 3
#define TLB_CONTROL_FLUSH_ASID_LOCAL 7

/* VMCB clean bits (offset 0xc0), 15.15.3 table 15-9. */
#define VMCB_CLEAN_I BIT(0) /* intercepts, TSC offset, pause filter */
#define VMCB_CLEAN_IOPM BIT(1)
#define VMCB_CLEAN_ASID BIT(2)
#define VMCB_CLEAN_TPR BIT(3)
#define VMCB_CLEAN_NP BIT(4)
#define VMCB_CLEAN_CRX BIT(5)
#define VMCB_CLEAN_DRX BIT(6)
#define VMCB_CLEAN_DT BIT(7)
#define VMCB_CLEAN_SEG BIT(8)
#define VMCB_CLEAN_CR2 BIT(9)
#define VMCB_CLEAN_LBR BIT(10)
#define VMCB_CLEAN_AVIC BIT(11)

/* EVENTINJ and EXITINTINFO, 15.20 figure 15-3. */
#define EVT_VECTOR_MASK 0xffULL
#define EVT_TYPE_SHIFT 8
#define EVT_TYPE_INTR (0ULL << EVT_TYPE_SHIFT)
#define EVT_TYPE_NMI (2ULL << EVT_TYPE_SHIFT)
#define EVT_TYPE_EXCEPTION (3ULL << EVT_TYPE_SHIFT)
#define EVT_TYPE_SOFT_INT (4ULL << EVT_TYPE_SHIFT)
#define EVT_TYPE_MASK (7ULL << EVT_TYPE_SHIFT)
#define EVT_EV BIT(11) /* an error code is pushed */
#define EVT_VALID BIT(31)
#define EVT_ERROR_CODE_SHIFT 32

/* Exit codes, appendix C table C-1. */
#define SVM_EXIT_READ_CR0 0x000
#define SVM_EXIT_WRITE_CR0 0x010
#define SVM_EXIT_READ_DR0 0x020
#define SVM_EXIT_WRITE_DR0 0x030
#define SVM_EXIT_EXCP_BASE 0x040
#define SVM_EXIT_INTR 0x060
#define SVM_EXIT_NMI 0x061
#define SVM_EXIT_SMI 0x062
#define SVM_EXIT_INIT 0x063
#define SVM_EXIT_VINTR 0x064
#define SVM_EXIT_CR0_SEL_WRITE 0x065
#define SVM_EXIT_RDTSC 0x06e
#define SVM_EXIT_RDPMC 0x06f
#define SVM_EXIT_PUSHF 0x070
#define SVM_EXIT_POPF 0x071
#define SVM_EXIT_CPUID 0x072
#define SVM_EXIT_IRET 0x074
#define SVM_EXIT_SWINT 0x075
#define SVM_EXIT_INVD 0x076
#define SVM_EXIT_PAUSE 0x077
#define SVM_EXIT_HLT 0x078
#define SVM_EXIT_INVLPG 0x079
#define SVM_EXIT_INVLPGA 0x07a
#define SVM_EXIT_IOIO 0x07b
#define SVM_EXIT_MSR 0x07c
#define SVM_EXIT_TASK_SWITCH 0x07d
#define SVM_EXIT_SHUTDOWN 0x07f
#define SVM_EXIT_VMRUN 0x080
#define SVM_EXIT_VMMCALL 0x081
#define SVM_EXIT_VMLOAD 0x082
#define SVM_EXIT_VMSAVE 0x083
#define SVM_EXIT_STGI 0x084
#define SVM_EXIT_CLGI 0x085
#define SVM_EXIT_SKINIT 0x086
#define SVM_EXIT_RDTSCP 0x087
#define SVM_EXIT_ICEBP 0x088
#define SVM_EXIT_WBINVD 0x089
#define SVM_EXIT_MONITOR 0x08a
#define SVM_EXIT_MWAIT 0x08b
#define SVM_EXIT_XSETBV 0x08d
#define SVM_EXIT_NPF 0x400
#define SVM_EXIT_INVALID ((u64)-1)

/* IOIO EXITINFO1, 15.10.2 figure 15-2. */
#define IOIO_TYPE_IN BIT(0)
#define IOIO_STR BIT(2)
#define IOIO_REP BIT(3)
#define IOIO_SZ8 BIT(4)
#define IOIO_SZ16 BIT(5)
#define IOIO_SZ32 BIT(6)
#define IOIO_A16 BIT(7)
#define IOIO_A32 BIT(8)
#define IOIO_A64 BIT(9)
#define IOIO_PORT_SHIFT 16

/* Nested #PF EXITINFO1, 15.25.6. */
#define NPF_P BIT(0)
#define NPF_RW BIT(1)
#define NPF_US BIT(2)
#define NPF_RSVD BIT(3)
#define NPF_ID BIT(4)
#define NPF_FINAL_GPA BIT(32) /* fault translating the final guest address */
#define NPF_GUEST_TABLE BIT(33) /* fault translating a guest table access */

struct vmcb_control {
	u32 intercept_cr; /* 15:0 reads, 31:16 writes */
	u32 intercept_dr; /* 15:0 reads, 31:16 writes */
	u32 intercept_exceptions;
	u32 intercept_misc1;
	u32 intercept_misc2;
	u32 intercept_misc3;
	u8 reserved_018[0x03c - 0x018];
	u16 pause_filter_threshold;
	u16 pause_filter_count;
	u64 iopm_base_pa;
	u64 msrpm_base_pa;
	u64 tsc_offset;
	u32 asid;
	u8 tlb_control;
	u8 reserved_05d[3];
	u64 int_ctl;
	u64 int_state;
	u64 exit_code;
	u64 exit_info1;
	u64 exit_info2;
	u64 exit_int_info;
	u64 np_control;
	u64 avic_apic_bar;
	u64 ghcb_pa;
	u64 event_inj;
	u64 n_cr3;
	u64 virt_ext; /* LBR virtualization, virtual VMSAVE/VMLOAD */
	u32 clean;
	u32 reserved_0c4;
	u64 next_rip;
	u8 insn_len;
	u8 insn_bytes[15];
	u8 reserved_0e0[0x400 - 0x0e0];
} __attribute__((packed));

struct vmcb_seg {
	u16 sel;
	u16 attr;
	u32 limit;
	u64 base;
} __attribute__((packed));

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	u8 reserved_0a0[0x0cb - 0x0a0];
	u8 cpl;
	u32 reserved_0cc;
	u64 efer;
	u8 reserved_0d8[0x148 - 0x0d8];
	u64 cr4;
	u64 cr3;
	u64 cr0;
	u64 dr7;
	u64 dr6;
	u64 rflags;
	u64 rip;
	u8 reserved_180[0x1d8 - 0x180];
	u64 rsp;
	u8 reserved_1e0[0x1f8 - 0x1e0];
	u64 rax;
	u64 star;
	u64 lstar;
	u64 cstar;
	u64 sfmask;
	u64 kernel_gs_base;
	u64 sysenter_cs;
	u64 sysenter_esp;
	u64 sysenter_eip;
	u64 cr2;
	u8 reserved_248[0x268 - 0x248];
	u64 g_pat;
	u64 dbgctl;
	u64 br_from;
	u64 br_to;
	u64 last_excp_from;
	u64 last_excp_to;
} __attribute__((packed));

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
	u8 reserved[4096 - 0x400 - sizeof(struct vmcb_save)];
} __attribute__((packed, aligned(4096)));

#define VMCB_CTRL_AT(field, off) \
	_Static_assert(offsetof(struct vmcb_control, field) == (off), #field)
#define VMCB_SAVE_AT(field, off) \
	_Static_assert(offsetof(struct vmcb_save, field) == (off), #field)

VMCB_CTRL_AT(intercept_exceptions, 0x008);
VMCB_CTRL_AT(intercept_misc1, 0x00c);
VMCB_CTRL_AT(intercept_misc2, 0x010);
VMCB_CTRL_AT(pause_filter_threshold, 0x03c);
VMCB_CTRL_AT(pause_filter_count, 0x03e);
VMCB_CTRL_AT(iopm_base_pa, 0x040);
VMCB_CTRL_AT(msrpm_base_pa, 0x048);
VMCB_CTRL_AT(tsc_offset, 0x050);
VMCB_CTRL_AT(asid, 0x058);
VMCB_CTRL_AT(tlb_control, 0x05c);
VMCB_CTRL_AT(int_ctl, 0x060);
VMCB_CTRL_AT(int_state, 0x068);
VMCB_CTRL_AT(exit_code, 0x070);
VMCB_CTRL_AT(exit_info1, 0x078);
VMCB_CTRL_AT(exit_info2, 0x080);
VMCB_CTRL_AT(exit_int_info, 0x088);
VMCB_CTRL_AT(np_control, 0x090);
VMCB_CTRL_AT(event_inj, 0x0a8);
VMCB_CTRL_AT(n_cr3, 0x0b0);
VMCB_CTRL_AT(virt_ext, 0x0b8);
VMCB_CTRL_AT(clean, 0x0c0);
VMCB_CTRL_AT(next_rip, 0x0c8);
VMCB_CTRL_AT(insn_len, 0x0d0);
_Static_assert(sizeof(struct vmcb_control) == 0x400, "control area size");

VMCB_SAVE_AT(cs, 0x010);
VMCB_SAVE_AT(gdtr, 0x060);
VMCB_SAVE_AT(idtr, 0x080);
VMCB_SAVE_AT(tr, 0x090);
VMCB_SAVE_AT(cpl, 0x0cb);
VMCB_SAVE_AT(efer, 0x0d0);
VMCB_SAVE_AT(cr4, 0x148);
VMCB_SAVE_AT(cr3, 0x150);
VMCB_SAVE_AT(cr0, 0x158);
VMCB_SAVE_AT(dr7, 0x160);
VMCB_SAVE_AT(dr6, 0x168);
VMCB_SAVE_AT(rflags, 0x170);
VMCB_SAVE_AT(rip, 0x178);
VMCB_SAVE_AT(rsp, 0x1d8);
VMCB_SAVE_AT(rax, 0x1f8);
VMCB_SAVE_AT(star, 0x200);
VMCB_SAVE_AT(sysenter_eip, 0x238);
VMCB_SAVE_AT(cr2, 0x240);
VMCB_SAVE_AT(g_pat, 0x268);
VMCB_SAVE_AT(dbgctl, 0x270);
VMCB_SAVE_AT(last_excp_to, 0x290);
_Static_assert(sizeof(struct vmcb) == 4096, "VMCB is one page");

#endif
