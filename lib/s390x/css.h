/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * css.h: the channel subsystem as a guest drives it (SA22-7832 chapter 14,
 * "I/O Instructions": STORE SUBCHANNEL, MODIFY SUBCHANNEL, START
 * SUBCHANNEL, TEST SUBCHANNEL, HALT, CLEAR, RESUME and CANCEL SUBCHANNEL;
 * chapter 15, "Basic I/O Functions": the
 * PMCW, SCHIB, ORB, SCSW and IRB formats and format-1 CCWs). The
 * subsystem-identification word in GR1 is 0x0001 in bits 32-47 and the
 * subchannel number in bits 48-63.
 */
#ifndef HV_S390X_CSS_H
#define HV_S390X_CSS_H

#include <types.h>

#define SCHID(sch) (0x00010000U | (sch))

/* PMCW flags halfword (word 1, bits 0-15). */
#define PMCW_ISC_SHIFT 11 /* bits 2-4 */
#define PMCW_ENABLED 0x0080 /* bit 8 */
#define PMCW_DNV 0x0001 /* bit 15: device number valid */

struct pmcw {
	u32 intparm;
	u16 flags;
	u16 devno;
	u8 lpm, pnom, lpum, pim;
	u16 mbi;
	u8 pom, pam;
	u8 chpid[8];
	u32 word6;
} __attribute__((packed, aligned(4)));

struct scsw {
	u32 ctrl; /* key, flags, function and activity control, status */
	u32 ccw_addr;
	u8 dstat, cstat;
	u16 count;
} __attribute__((packed, aligned(4)));

struct schib {
	struct pmcw pmcw;
	struct scsw scsw;
	u8 md[12];
} __attribute__((packed, aligned(4)));

struct irb {
	struct scsw scsw;
	u32 esw[5];
	u32 ecw[8];
	u32 emw[8];
} __attribute__((packed, aligned(4)));

/* ORB word 1: key 0, format-1 CCWs (bit 8), all paths (LPM 0xff). */
#define ORB_FORMAT1 0x00800000
#define ORB_LPM_ALL 0x0000ff00

struct orb {
	u32 intparm;
	u32 ctrl;
	u32 cpa; /* channel-program address, below 2 GiB */
	u32 reserved[5];
} __attribute__((packed, aligned(4)));

/*
 * ORB word 1 bits 26-30 are reserved (chapter 15, "Operation-Request
 * Block"); the channel-program address is 31 bits (word 2 bit 0 zero).
 */
#define ORB_RESERVED_BIT30 0x00000002
#define ORB_CPA_BIT0 0x80000000

/* Format-0 CCW: command, 24-bit data address, flags, count. */
struct ccw0 {
	u8 cmd;
	u8 data[3];
	u8 flags;
	u8 reserved;
	u16 count;
} __attribute__((packed, aligned(8)));

/* Format-1 CCW. */
#define CCW_FLAG_SLI 0x20
#define CCW_CMD_SENSE_ID 0xe4

struct ccw1 {
	u8 cmd;
	u8 flags;
	u16 count;
	u32 data;
} __attribute__((packed, aligned(8)));

/* Device status: channel end and device end (chapter 16). */
#define DEV_STAT_CE 0x08
#define DEV_STAT_DE 0x04
/* Subchannel status: program check (chapter 16). */
#define SCH_STAT_PROGRAM_CHECK 0x20

/* An I/O instruction on subchannel SCHID with operand OP: its cc. */
#define CSS_INSN(name, opcode)                                 \
	static inline int name(u32 schid, void *op)            \
	{                                                      \
		register u64 r1 asm("1") = schid;              \
		int cc;                                        \
                                                               \
		asm volatile(".insn s," opcode ",0(%[op])\n\t" \
			     "ipm %[cc]\n\t"                   \
			     "srl %[cc],28"                    \
			     : [cc] "=d"(cc)                   \
			     : "d"(r1), [op] "a"(op)           \
			     : "cc", "memory");                \
		return cc;                                     \
	}

CSS_INSN(stsch, "0xb2340000")
CSS_INSN(msch, "0xb2320000")
CSS_INSN(ssch, "0xb2330000")
CSS_INSN(tsch, "0xb2350000")
/* HALT, CLEAR, RESUME and CANCEL SUBCHANNEL ignore the operand. */
CSS_INSN(hsch, "0xb2310000")
CSS_INSN(csch, "0xb2300000")
CSS_INSN(rsch, "0xb2380000")
CSS_INSN(xsch, "0xb2760000")

/*
 * SCSW word 0 (chapter 16): function control bits 17-19, status control
 * bits 27-31 (counted from the left of the word).
 */
#define SCSW_FC_START 0x00004000
#define SCSW_FC_HALT 0x00002000
#define SCSW_FC_CLEAR 0x00001000
#define SCSW_FC_MASK 0x00007000
#define SCSW_SC_PENDING 0x00000001

/* CR6 bits 32-39: I/O-interruption subclass masks, ISC 0-7. */
#define CR6_ISC(isc) (0x80000000ULL >> (isc))

#endif
