/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall.h: PAPR hypervisor calls (LoPAPR 1.1, 14.5.3: "sc 1" with the
 * function token in r3 and arguments in r4-r12; the status comes back in
 * r3, return values in r4 on). Tokens: LoPAPR Table 14.2 (H_PUT_TERM_CHAR
 * 14.5.6.8.2, H_SET_MODE 14.5.4.3.12); KVMPPC_H_RTAS is the RTAS entry
 * of KVM and QEMU (Linux uapi asm/kvm_para.h: the hypervisor-private
 * range starting at 0xf000), which the firmware's RTAS blob would call.
 */
#ifndef HV_POWERPC_HCALL_H
#define HV_POWERPC_HCALL_H

#include <types.h>

#define H_SUCCESS 0
#define H_BUSY 1
#define H_LONG_BUSY_START 9900
#define H_LONG_BUSY_END 9905

#define H_PUT_TERM_CHAR 0x58
#define H_SET_MODE 0x31c
#define KVMPPC_H_RTAS 0xf000

/* H_SET_MODE resource 4: interrupt endianness (mflags 1: little). */
#define H_SET_MODE_RESOURCE_LE 4
#define H_SET_MODE_ENDIAN_LITTLE 1

/* A call with up to 4 arguments; the status (r3). */
long hcall(u64 token, u64 a1, u64 a2, u64 a3, u64 a4);

#endif
