// SPDX-License-Identifier: GPL-2.0-only
/*
 * hcall.c: the hypervisor call instruction (LoPAPR 1.1 14.5.3: "sc 1";
 * r0 and r4-r12, CTR, XER and CR are volatile, r1-r2 and r13-r31
 * preserved, as for an ELFv2 call).
 */
#include <powerpc/hcall.h>

long hcall(u64 token, u64 a1, u64 a2, u64 a3, u64 a4)
{
	register u64 r3 asm("r3") = token;
	register u64 r4 asm("r4") = a1;
	register u64 r5 asm("r5") = a2;
	register u64 r6 asm("r6") = a3;
	register u64 r7 asm("r7") = a4;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7)
		     :
		     : "r0", "r8", "r9", "r10", "r11", "r12", "ctr", "xer",
		       "cr0", "cr1", "cr5", "cr6", "cr7", "memory");
	return (long)r3;
}

long hcall_rets(u64 token, u64 rets[4], u64 a1, u64 a2, u64 a3, u64 a4)
{
	register u64 r3 asm("r3") = token;
	register u64 r4 asm("r4") = a1;
	register u64 r5 asm("r5") = a2;
	register u64 r6 asm("r6") = a3;
	register u64 r7 asm("r7") = a4;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7)
		     :
		     : "r0", "r8", "r9", "r10", "r11", "r12", "ctr", "xer",
		       "cr0", "cr1", "cr5", "cr6", "cr7", "memory");
	rets[0] = r4;
	rets[1] = r5;
	rets[2] = r6;
	rets[3] = r7;
	return (long)r3;
}

long hcall5(u64 token, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	register u64 r3 asm("r3") = token;
	register u64 r4 asm("r4") = a1;
	register u64 r5 asm("r5") = a2;
	register u64 r6 asm("r6") = a3;
	register u64 r7 asm("r7") = a4;
	register u64 r8 asm("r8") = a5;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7),
		       "+r"(r8)
		     :
		     : "r0", "r9", "r10", "r11", "r12", "ctr", "xer", "cr0",
		       "cr1", "cr5", "cr6", "cr7", "memory");
	return (long)r3;
}
