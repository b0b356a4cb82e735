/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.h: saved registers, exception classes and handlers for arm64
 * guests (Arm ARM D1.10 exception entry and vector offsets, D13.2.37
 * ESR_ELx: EC in bits [31:26], IL bit 25, ISS in [24:0]; D13.2.40
 * FAR_ELx). The handler API has the shape every arch follows
 * (docs/porting.md): a synchronous exception at a fault site (fault.h) is
 * recorded first; anything else goes to the handler installed for its
 * vector table entry; with none, it is unexpected and ends the test as a
 * crash.
 */
#ifndef HV_ARM64_EXCEPTIONS_H
#define HV_ARM64_EXCEPTIONS_H

#include <types.h>

struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 elr;
	u64 spsr;
	u64 esr;
	u64 far;
};

/* Vector table entries (vectors.S). */
enum vector {
	EL1T_SYNC,
	EL1T_IRQ,
	EL1T_FIQ,
	EL1T_SERROR,
	EL1H_SYNC,
	EL1H_IRQ,
	EL1H_FIQ,
	EL1H_SERROR,
	EL0_SYNC_64,
	EL0_IRQ_64,
	EL0_FIQ_64,
	EL0_SERROR_64,
	EL0_SYNC_32,
	EL0_IRQ_32,
	EL0_FIQ_32,
	EL0_SERROR_32,
	VECTOR_COUNT
};

#define ESR_EC_SHIFT 26
#define ESR_EC_MASK (0x3fU << ESR_EC_SHIFT)
#define ESR_IL BIT(25)
#define ESR_ISS_MASK 0x1ffffffU
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & 0x3f)

#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_FP_ASIMD 0x07
#define EC_ILL 0x0e
#define EC_SVC64 0x15
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYS64 0x18
#define EC_SVE 0x19
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25
#define EC_SP_ALIGN 0x26
#define EC_SERROR 0x2f
#define EC_BREAKPT_CUR 0x31
#define EC_SOFTSTP_CUR 0x33
#define EC_WATCHPT_CUR 0x35
#define EC_BRK64 0x3c

/* Data/instruction abort ISS (D13.2.37, "ISS encoding for an exception from a Data Abort"). */
#define ESR_ISS_FSC_MASK 0x3fU
#define ESR_ISS_WNR BIT(6)
#define ESR_ISS_FNV BIT(10)
#define FSC_ADDR_SIZE(lvl) (0x00 + (lvl))
#define FSC_TRANS(lvl) (0x04 + (lvl))
#define FSC_ACCESS(lvl) (0x08 + (lvl))
#define FSC_PERM(lvl) (0x0c + (lvl))
#define FSC_ALIGN 0x21

const char *ec_name(unsigned int ec);

typedef void (*exception_handler_t)(struct pt_regs *regs);

/*
 * Installs FN for the vector table entry KIND (enum vector, e.g. EL1H_IRQ)
 * on every CPU (NULL: unexpected again); returns the old one.
 */
exception_handler_t arm64_set_handler(unsigned int kind,
				      exception_handler_t fn);

/* Prints "# backtrace:" from PC along the frame-record chain at FP. */
void print_backtrace_from(u64 pc, u64 fp);
/* Link-time address of a runtime address (for addr2line on NAME.elf64). */
u64 link_address(u64 addr);

#endif
