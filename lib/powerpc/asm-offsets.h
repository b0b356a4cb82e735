/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm-offsets.h: struct pt_regs (exceptions.h) offsets for vectors.S,
 * checked against the C layout by _Static_assert in exceptions.c, and the
 * exception stack frame: the ELFv2 minimum frame (ABI 2.2.2.1: back
 * chain, CR save, LR save, TOC save; 32 bytes) with pt_regs above it,
 * placed below the interrupted r1's 288-byte protected zone (ABI 2.2.2.4).
 */
#ifndef HV_POWERPC_ASM_OFFSETS_H
#define HV_POWERPC_ASM_OFFSETS_H

#define REGS_GPR(n) ((n)*8)
#define REGS_NIP 256
#define REGS_MSR 264
#define REGS_LR 272
#define REGS_CTR 280
#define REGS_CR 288
#define REGS_XER 296
#define REGS_DAR 304
#define REGS_DSISR 312
#define REGS_VECTOR 320
#define REGS_SIZE 336

#define STACK_FRAME_MIN 32
#define STACK_PROTECTED_ZONE 288
#define EXC_FRAME (STACK_FRAME_MIN + REGS_SIZE)
/* How far the vector stub moves r1 down. */
#define EXC_STACK_DROP (STACK_PROTECTED_ZONE + EXC_FRAME)

#endif
