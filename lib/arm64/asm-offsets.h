/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm-offsets.h: structure offsets and sizes shared by the assembly files
 * and C (checked at compile time in setup.c and exceptions.c).
 */
#ifndef HV_ARM64_ASM_OFFSETS_H
#define HV_ARM64_ASM_OFFSETS_H

/* struct cpu_boot (smp.h) */
#define BOOT_STACK_TOP 0
#define BOOT_PERCPU 8
#define BOOT_MAIR 16
#define BOOT_TCR 24
#define BOOT_TTBR0 32
#define BOOT_SCTLR 40

/* struct pt_regs (exceptions.h) */
#define REGS_SP 248
#define REGS_ELR 256
#define REGS_SPSR 264
#define REGS_ESR 272
#define REGS_FAR 280
#define REGS_SIZE 288

#endif
