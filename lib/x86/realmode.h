/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * realmode.h: run a snippet of 16-bit code in real-address mode and come
 * back to 64-bit mode (Intel SDM vol. 3A 10.8.5 initializing IA-32e mode,
 * 10.8.5.4 leaving it, 10.9.2 switching back to real-address mode, 21.1
 * real-address mode operation; AMD APM vol. 2 14.6).
 *
 * The snippet is position-independent .code16 text between two labels; it
 * is copied to linear 0x9000 and entered by a near CALL with CS = 0x0800
 * (so it sits at offset REALMODE_SNIPPET_OFF), SS:SP = 0800:3000 (linear
 * 0xb000 down), DS and ES and the general registers from struct
 * realmode_regs, interrupts off and the IDTR pointing at a real-mode IVT
 * at 0. It ends with a near RET; the registers, FLAGS, DS, ES and SP are
 * then stored back. An exception in the snippet goes through the IVT and
 * is not recovered (the test crashes). Boot CPU only; FS.base and GS.base
 * are kept.
 *
 *	asm(".pushsection .rodata\n.code16\n"
 *	    "snip: add %bx, %ax\n\tret\nsnip_end:\n"
 *	    ".code64\n.popsection");
 *	struct realmode_regs r = { .eax = 1, .ebx = 2, .eflags = 2 };
 *	realmode_call(snip, snip_end, &r);	// r.eax == 3
 */
#ifndef HV_X86_REALMODE_H
#define HV_X86_REALMODE_H

#include <types.h>

#define REALMODE_SEG 0x0800 /* CS, SS of the snippet */
#define REALMODE_SNIPPET_OFF 0x1000 /* its offset in CS */
#define REALMODE_SNIPPET_MAX 0x1000
#define REALMODE_STACK_TOP 0x3000 /* initial SP */

/* Layout known to realmode.S. */
struct realmode_regs {
	u32 eax, ebx, ecx, edx, esi, edi, ebp, eflags;
	u16 ds, es, sp, cs;
};

void realmode_call(const void *start, const void *end,
		   struct realmode_regs *regs);

#endif
