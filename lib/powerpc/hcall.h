/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall.h: PAPR hypervisor calls (LoPAPR 1.1, 14.5.3: "sc 1" with the
 * function token in r3 and arguments in r4-r12; the status comes back in
 * r3, return values in r4 on). Tokens: LoPAPR Table 14.2 (H_PUT_TERM_CHAR
 * 14.5.6.8.2, H_SET_MODE 14.5.4.3.12, the page table calls H_ENTER,
 * H_REMOVE, H_READ, H_PROTECT, H_CLEAR_MOD, H_CLEAR_REF 14.5.4.1,
 * H_PAGE_INIT 14.5.4.3.1, H_SET_SPRG0 14.5.4.3.11, H_RANDOM 14.5.4.9.1,
 * H_CEDE/H_CONFER/H_PROD 14.11.3; H_SIGNAL_SYS_RESET, a later PAPR
 * addition); return codes: Table 14.1. KVMPPC_H_RTAS is the RTAS entry
 * of KVM and QEMU (Linux uapi asm/kvm_para.h: the hypervisor-private
 * range starting at 0xf000), which the firmware's RTAS blob would call.
 */
#ifndef HV_POWERPC_HCALL_H
#define HV_POWERPC_HCALL_H

#include <types.h>

#define H_SUCCESS 0
#define H_BUSY 1
#define H_FUNCTION (-2)
#define H_PRIVILEGE (-3)
#define H_PARAMETER (-4)
#define H_P2 (-55)
#define H_P3 (-56)
#define H_UNSUPPORTED_FLAG (-256)
#define H_LONG_BUSY_START 9900
#define H_LONG_BUSY_END 9905

#define H_REMOVE 0x04
#define H_ENTER 0x08
#define H_READ 0x0c
#define H_CLEAR_MOD 0x10
#define H_CLEAR_REF 0x14
#define H_PROTECT 0x18
#define H_SET_SPRG0 0x24
#define H_PAGE_INIT 0x2c
#define H_PUT_TERM_CHAR 0x58
#define H_CEDE 0xe0
#define H_CONFER 0xe4
#define H_PROD 0xe8
#define H_RANDOM 0x300
#define H_SET_MODE 0x31c
#define H_SIGNAL_SYS_RESET 0x380
#define KVMPPC_H_RTAS 0xf000

/* H_SET_MODE resource 4: interrupt endianness (mflags 1: little). */
#define H_SET_MODE_RESOURCE_LE 4
#define H_SET_MODE_ENDIAN_LITTLE 1

/* H_PAGE_INIT flags (bit numbers big-endian in the 64-bit flags word). */
#define H_PAGE_ZERO BIT(63 - 48)
#define H_PAGE_COPY BIT(63 - 49)

/* A call with up to 4 arguments; the status (r3). */
long hcall(u64 token, u64 a1, u64 a2, u64 a3, u64 a4);
/* A call with 5 arguments (r4-r8); the status. */
long hcall5(u64 token, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5);
/* The same, with the return values r4-r7 stored in RETS. */
long hcall_rets(u64 token, u64 rets[4], u64 a1, u64 a2, u64 a3, u64 a4);

#endif
