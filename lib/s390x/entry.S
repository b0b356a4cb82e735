/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S: s390x guest entry and interruption handlers.
 *
 * QEMU's s390-ccw-virtio machine loads an ELF given with -kernel and, when
 * its entry point is 0x10000 (the Linux image start), copies the -append
 * string, NUL-terminated, into the image at 0x10480 and starts CPU 0 there
 * with PSW mask 0x0000000180000000: 64-bit addressing, DAT off, every
 * interruption class disabled (QEMU hw/s390x/ipl.c; docs/system/s390x/
 * bootdevices.rst). The command-line area holds at most the number of bytes
 * in the doubleword at 0x10430, or 896 when it is zero.
 *
 * Interruption handlers (SA22-7832 chapter 6, "Interruptions"): the CPU
 * stores the old PSW and loads the new one with every class disabled. The
 * handler saves the general registers in the lowcore scratch area, builds
 * struct pt_regs and an ABI frame below the interrupted %r15 (the s390x
 * ELF ABI has no red zone), calls s390x_interrupt(regs, kind) and resumes
 * with the (possibly changed) PSW in pt_regs.
 */
#include <s390x/lowcore.h>

#define CMDLINE_OFFSET	0x480
#define CMDLINE_SIZE	896
#define BOOT_STACK_SIZE	0x10000

	.section .text.head, "ax"
	.globl	_start
_start:
	jg	boot
	.org	_start + 0x430
	.quad	CMDLINE_SIZE
	.org	_start + CMDLINE_OFFSET
	.globl	boot_cmdline
boot_cmdline:
	.fill	CMDLINE_SIZE, 1, 0

	.text
boot:
	/* Clear .bss: MVCLE with an empty source pads with byte 0. */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
	sgr	%r3, %r2
	lghi	%r4, 0
	lghi	%r5, 0
0:	mvcle	%r2, %r4, 0
	jo	0b
	larl	%r15, boot_stack + BOOT_STACK_SIZE - STACK_FRAME_SIZE
	xc	0(8, %r15), 0(%r15)	/* back chain: end of the stack */
	brasl	%r14, s390x_boot
	/* s390x_boot does not return. */
	lghi	%r2, 0xbad
	brasl	%r14, disabled_wait

/*
 * A CPU started by arch_cpu_start() (smp.c) arrives here through its
 * restart new PSW, with the stack top in its lowcore.
 */
	.globl	secondary_entry
secondary_entry:
	lg	%r15, LC_SW_STACK
	aghi	%r15, -STACK_FRAME_SIZE
	xc	0(8, %r15), 0(%r15)
	brasl	%r14, s390x_secondary
	lghi	%r2, 0xbad
	brasl	%r14, disabled_wait

	.macro	INT_ENTRY name, old_psw, kind
	.globl	\name
\name:
	stmg	%r0, %r15, LC_SW_SAVE
	aghi	%r15, -(STACK_FRAME_SIZE + REGS_SIZE)
	mvc	STACK_FRAME_SIZE + REGS_GPRS(128, %r15), LC_SW_SAVE
	mvc	STACK_FRAME_SIZE + REGS_PSW(16, %r15), \old_psw
	mvc	0(8, %r15), LC_SW_SAVE + 15 * 8	/* back chain */
	la	%r2, STACK_FRAME_SIZE(%r15)
	lghi	%r3, \kind
	brasl	%r14, s390x_interrupt
	mvc	LC_SW_RETURN_PSW(16), STACK_FRAME_SIZE + REGS_PSW(%r15)
	lmg	%r0, %r15, STACK_FRAME_SIZE + REGS_GPRS(%r15)
	lpswe	LC_SW_RETURN_PSW
	.endm

	INT_ENTRY restart_entry, LC_RESTART_OLD_PSW, INT_RESTART
	INT_ENTRY ext_entry, LC_EXT_OLD_PSW, INT_EXT
	INT_ENTRY svc_entry, LC_SVC_OLD_PSW, INT_SVC
	INT_ENTRY pgm_entry, LC_PGM_OLD_PSW, INT_PGM
	INT_ENTRY mcck_entry, LC_MCCK_OLD_PSW, INT_MCCK
	INT_ENTRY io_entry, LC_IO_OLD_PSW, INT_IO

/*
 * void enabled_wait(u64 mask): the current PSW (DAT, address-space
 * control, key and addressing mode kept) made a wait PSW enabled for
 * MASK; resumes at 1f.
 */
	.globl	enabled_wait
enabled_wait:
	aghi	%r15, -(STACK_FRAME_SIZE + 16)
	epsw	%r0, %r1
	st	%r0, STACK_FRAME_SIZE(%r15)
	st	%r1, STACK_FRAME_SIZE + 4(%r15)
	og	%r2, STACK_FRAME_SIZE(%r15)
	oihh	%r2, PSW_MASK_WAIT >> 48
	stg	%r2, STACK_FRAME_SIZE(%r15)
	larl	%r1, 1f
	stg	%r1, STACK_FRAME_SIZE + 8(%r15)
	lpswe	STACK_FRAME_SIZE(%r15)
1:	aghi	%r15, STACK_FRAME_SIZE + 16
	br	%r14

/*
 * void enter_pstate(void): returns in the problem state, the rest of the
 * PSW unchanged (EXTRACT PSW, then LOAD PSW EXTENDED with bit 15 set).
 * leave_pstate() (processor.h) comes back with SVC_LEAVE_PSTATE.
 */
	.globl	enter_pstate
enter_pstate:
	aghi	%r15, -(STACK_FRAME_SIZE + 16)
	epsw	%r0, %r1
	st	%r0, STACK_FRAME_SIZE(%r15)
	st	%r1, STACK_FRAME_SIZE + 4(%r15)
	oi	STACK_FRAME_SIZE + 1(%r15), (PSW_MASK_PSTATE >> 48) & 0xff
	larl	%r1, 1f
	stg	%r1, STACK_FRAME_SIZE + 8(%r15)
	lpswe	STACK_FRAME_SIZE(%r15)
1:	aghi	%r15, STACK_FRAME_SIZE + 16
	br	%r14

/* void disabled_wait(u64 code): CODE is the wait PSW's address. */
	.globl	disabled_wait
disabled_wait:
	aghi	%r15, -(STACK_FRAME_SIZE + 16)
	llihh	%r1, PSW_MASK_WAIT >> 48
	oilh	%r1, PSW_MASK_BA >> 16
	oihl	%r1, PSW_MASK_EA >> 32
	stg	%r1, STACK_FRAME_SIZE(%r15)
	stg	%r2, STACK_FRAME_SIZE + 8(%r15)
	lpswe	STACK_FRAME_SIZE(%r15)

	.section .bss
	.balign	4096
boot_stack:
	.skip	BOOT_STACK_SIZE
