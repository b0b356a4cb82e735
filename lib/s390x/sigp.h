/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sigp.h: SIGNAL PROCESSOR (SA22-7832 chapter 4, "Signal-Processor
 * Orders"). The order code is the low byte of the second-operand address;
 * the parameter, where an order takes one, is in the odd register of the
 * R1 pair, and the status is stored in R1 when the condition code is 1.
 */
#ifndef HV_S390X_SIGP_H
#define HV_S390X_SIGP_H

#include <types.h>

#define SIGP_SENSE 0x01
#define SIGP_EXTERNAL_CALL 0x02
#define SIGP_EMERGENCY_SIGNAL 0x03
#define SIGP_START 0x04
#define SIGP_STOP 0x05
#define SIGP_RESTART 0x06
#define SIGP_STOP_AND_STORE 0x09
#define SIGP_SET_PREFIX 0x0d
#define SIGP_SET_ARCHITECTURE 0x12

#define SIGP_CC_ACCEPTED 0
#define SIGP_CC_STATUS_STORED 1
#define SIGP_CC_BUSY 2
#define SIGP_CC_NOT_OPERATIONAL 3

/* Sends ORDER with PARAM to the CPU at ADDR; the condition code. */
static inline int sigp(u16 addr, u8 order, u64 param, u32 *status)
{
	register u64 reg1 asm("1") = param;
	int cc;

	asm volatile("sigp %[r1],%[addr],0(%[order])\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc), [r1] "+d"(reg1)
		     : [addr] "d"((u64)addr), [order] "a"((u64)order)
		     : "cc", "memory");
	if (status && cc == SIGP_CC_STATUS_STORED)
		*status = (u32)reg1;
	return cc;
}

/* Sends ORDER to CPU (smp.h numbering), retrying while it is busy (smp.c). */
int sigp_retry(unsigned int cpu, u8 order, u64 param);

#endif
