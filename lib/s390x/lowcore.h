/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lowcore.h: the assigned storage locations of the prefix area (z/Architecture
 * Principles of Operation, SA22-7832, "Assigned Storage Locations" in
 * chapter 3) that the runtime uses, and the PSW bits it sets (chapter 4,
 * "Program-Status Word"). Offsets are real addresses: each CPU sees its own
 * prefix area at 0. Safe to include from assembly.
 *
 * 0x200-0x2ff is not assigned by the architecture; the runtime keeps its
 * interruption scratch space there (LC_SW_*), per CPU like the rest.
 */
#ifndef HV_S390X_LOWCORE_H
#define HV_S390X_LOWCORE_H

/* Interruption identification (SA22-7832 chapter 6). */
#define LC_EXT_PARAM 0x080 /* u32 external-interruption parameter */
#define LC_EXT_CPU_ADDR 0x084 /* u16 */
#define LC_EXT_CODE 0x086 /* u16 external-interruption code */
#define LC_SVC_ILC 0x089 /* u8 */
#define LC_SVC_CODE 0x08a /* u16 */
#define LC_PGM_ILC 0x08d /* u8: instruction length, in bytes */
#define LC_PGM_CODE 0x08e /* u16 program-interruption code */
#define LC_TRANS_EXC_ID 0x0a8 /* u64 translation-exception identification */
#define LC_IO_SUBSYS_ID 0x0b8 /* u32 subsystem identification word */
#define LC_IO_PARAM 0x0bc /* u32 I/O-interruption parameter */
#define LC_IO_ID 0x0c0 /* u32 I/O-interruption identification */
#define LC_MCCK_CODE 0x0e8 /* u64 machine-check-interruption code */

/* Old and new PSWs, 16 bytes each. */
#define LC_RESTART_OLD_PSW 0x120
#define LC_EXT_OLD_PSW 0x130
#define LC_SVC_OLD_PSW 0x140
#define LC_PGM_OLD_PSW 0x150
#define LC_MCCK_OLD_PSW 0x160
#define LC_IO_OLD_PSW 0x170
#define LC_RESTART_NEW_PSW 0x1a0
#define LC_EXT_NEW_PSW 0x1b0
#define LC_SVC_NEW_PSW 0x1c0
#define LC_PGM_NEW_PSW 0x1d0
#define LC_MCCK_NEW_PSW 0x1e0
#define LC_IO_NEW_PSW 0x1f0

/*
 * Runtime per-CPU data (not architected): GPRs at interruption entry, the
 * PSW to return to, the CPU's index (smp.h) and, for a CPU being started,
 * its initial stack pointer.
 */
#define LC_SW_SAVE 0x200 /* 16 x u64 */
#define LC_SW_RETURN_PSW 0x280 /* 16 bytes */
#define LC_SW_CPU_INDEX 0x290 /* u32 */
#define LC_SW_STACK 0x298 /* u64 */
/* A prefix area is 8 KiB, 8 KiB aligned (SA22-7832 chapter 3, "Prefixing"). */
#define LOWCORE_SIZE 0x2000

/*
 * PSW mask bits, numbered from the left of the 64-bit mask: 5 DAT (T),
 * 6 I/O (IO), 7 external (EX), 13 machine check (M), 14 wait (W),
 * 15 problem state (P), 31 extended addressing (EA), 32 basic addressing (BA).
 */
#define PSW_MASK_DAT 0x0400000000000000
#define PSW_MASK_IO 0x0200000000000000
#define PSW_MASK_EXT 0x0100000000000000
#define PSW_MASK_MCHECK 0x0004000000000000
#define PSW_MASK_WAIT 0x0002000000000000
#define PSW_MASK_PSTATE 0x0001000000000000
#define PSW_MASK_EA 0x0000000100000000
#define PSW_MASK_BA 0x0000000080000000
/* 64-bit addressing, DAT off, every interruption class disabled. */
#define PSW_MASK_64 (PSW_MASK_EA | PSW_MASK_BA)

/*
 * Control register 0: low-address protection (bit 35, chapter 3) and the
 * external-interruption subclass masks (bits 49-54, chapter 6).
 */
#define CR0_LOW_ADDRESS_PROT 0x0000000010000000
#define CR0_EMERGENCY_SIGNAL 0x0000000000004000
#define CR0_EXTERNAL_CALL 0x0000000000002000
#define CR0_CLOCK_COMPARATOR 0x0000000000000800
#define CR0_CPU_TIMER 0x0000000000000400
#define CR0_SERVICE_SIGNAL 0x0000000000000200

/* External-interruption codes (chapter 6, "External Interruption"). */
#define EXT_CLOCK_COMPARATOR 0x1004
#define EXT_CPU_TIMER 0x1005
#define EXT_EMERGENCY_SIGNAL 0x1201
#define EXT_EXTERNAL_CALL 0x1202

/* The SUPERVISOR CALL number that returns from problem state (entry.S). */
#define SVC_LEAVE_PSTATE 255

/* Interruption kinds passed from entry.S to s390x_interrupt(). */
#define INT_RESTART 0
#define INT_EXT 1
#define INT_SVC 2
#define INT_PGM 3
#define INT_MCCK 4
#define INT_IO 5
#define INT_COUNT 6

/* struct pt_regs (exceptions.h) as seen from entry.S. */
#define REGS_GPRS 0
#define REGS_PSW 128
#define REGS_SIZE 168
/* The register save area every s390x ELF ABI frame starts with. */
#define STACK_FRAME_SIZE 160
/* Where a callee saves %r14 in its caller's frame (6 + 8 words). */
#define STACK_FRAME_R14 112

#endif
