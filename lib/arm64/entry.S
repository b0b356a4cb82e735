/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S: the Linux arm64 Image header and the boot paths of the primary
 * and secondary CPUs.
 *
 * Image header and entry state: Linux Documentation/arch/arm64/booting.rst
 * (64-byte header with magic "ARM\x64"; x0 = physical address of the
 * device tree, x1-x3 = 0, MMU off, entered at EL2 or EL1). The image is
 * linked at 0 as a static PIE and applies its own R_AARCH64_RELATIVE
 * relocations (ELF for the Arm 64-bit Architecture, IHI 0056, 5.7.3)
 * before anything uses an absolute address.
 *
 * Entered at EL2 (non-VHE), we configure EL1 to run AArch64 with the
 * counters, timers, PMU and (for GICv3) the ICC system registers usable
 * and drop to EL1h (Arm ARM D1.3, D13.2.46 HCR_EL2, D13.8.7 CNTHCTL_EL2,
 * D13.2.91 MDCR_EL2, GIC architecture IHI 0069 12.2.17 ICC_SRE_EL2).
 *
 * Secondary CPUs enter at secondary_entry from PSCI CPU_ON (DEN0022 5.6:
 * x0 = context_id, MMU off, at the caller's exception level); the context
 * is a struct cpu_boot (smp.h) with the stack and the MMU settings.
 */
#include <arm64/asm-offsets.h>

#define R_AARCH64_RELATIVE 1027
#define HCR_RW (1 << 31)
#define SCTLR_EL1_BOOT 0x30d00800	/* RES1 bits only: MMU and caches off */
#define CPACR_FPEN (3 << 20)
#define SPSR_EL1H_MASKED 0x3c5

/* The address of SYM, PC-relative (+-4 GiB). */
.macro adr_l reg, sym
	adrp \reg, \sym
	add \reg, \reg, :lo12:\sym
.endm

	.section .text.head, "ax"
	.globl _start
_start:
	b primary_entry			/* code0 */
	.long 0				/* code1 */
	.quad 0				/* text_offset */
	.quad __image_end - _start	/* image_size, .bss included */
	.quad 0xa			/* flags: LE, 4 KiB pages, anywhere */
	.quad 0				/* res2 */
	.quad 0				/* res3 */
	.quad 0				/* res4 */
	.long 0x644d5241		/* magic "ARM\x64" */
	.long 0				/* res5: no PE header */

/* Leaves EL2 for EL1h with EL1 set up as the header comment says. */
.macro drop_to_el1
	mrs x9, CurrentEL
	cmp x9, #(2 << 2)
	b.ne 9f
	mov x9, #HCR_RW
	msr hcr_el2, x9
	mrs x9, cnthctl_el2
	orr x9, x9, #3			/* EL1PCTEN, EL1PCEN */
	msr cnthctl_el2, x9
	msr cntvoff_el2, xzr
	mrs x9, midr_el1
	msr vpidr_el2, x9
	mrs x9, mpidr_el1
	msr vmpidr_el2, x9
	mov x9, #0x33ff			/* CPTR_EL2: RES1 bits, no traps */
	msr cptr_el2, x9
	msr hstr_el2, xzr
	mrs x9, pmcr_el0
	ubfx x9, x9, #11, #5		/* MDCR_EL2.HPMN = PMCR_EL0.N */
	msr mdcr_el2, x9
	msr vttbr_el2, xzr
	mrs x9, id_aa64pfr0_el1
	ubfx x9, x9, #24, #4		/* GIC system registers */
	cbz x9, 8f
	mrs x9, icc_sre_el2
	mov x10, #0x9			/* Enable, SRE */
	orr x9, x9, x10
	msr icc_sre_el2, x9
	isb
8:	ldr x9, =SCTLR_EL1_BOOT
	msr sctlr_el1, x9
	mov x9, #SPSR_EL1H_MASKED
	msr spsr_el2, x9
	adr x9, 9f
	msr elr_el2, x9
	eret
9:
.endm

/* EL1 with the MMU off, FP/SIMD usable, exceptions to our vectors. */
.macro el1_setup
	ldr x9, =SCTLR_EL1_BOOT
	msr sctlr_el1, x9
	mov x9, #CPACR_FPEN
	msr cpacr_el1, x9
	adr_l x9, vectors
	msr vbar_el1, x9
	isb
.endm

	.text
primary_entry:
	mov x19, x0
	mrs x21, CurrentEL
	drop_to_el1
	el1_setup

	adr_l x20, _start			/* load address; linked at 0 */
	adr_l x9, __rela_start
	adr_l x10, __rela_end
1:	cmp x9, x10
	b.hs 3f
	ldp x11, x12, [x9], #16		/* r_offset, r_info */
	ldr x13, [x9], #8		/* r_addend */
	cmp x12, #R_AARCH64_RELATIVE
	b.ne 2f
	add x13, x13, x20
	str x13, [x20, x11]
	b 1b
2:	wfi				/* no other relocation types: the link is checked */
	b 2b

3:	adr_l x9, __bss_start
	adr_l x10, __bss_end
4:	cmp x9, x10
	b.hs 5f
	str xzr, [x9], #8
	b 4b

5:	adr_l x9, boot_stack_top
	mov sp, x9
	mov x29, xzr
	mov x30, xzr
	mov x0, x19
	lsr x1, x21, #2			/* the EL we were entered at */
	bl arm64_boot
6:	wfi
	b 6b

	.globl secondary_entry
secondary_entry:
	mov x19, x0
	drop_to_el1
	el1_setup
	ldr x9, [x19, #BOOT_MAIR]
	msr mair_el1, x9
	ldr x9, [x19, #BOOT_TCR]
	msr tcr_el1, x9
	ldr x9, [x19, #BOOT_TTBR0]
	msr ttbr0_el1, x9
	isb
	tlbi vmalle1
	dsb nsh
	ldr x9, [x19, #BOOT_SCTLR]
	msr sctlr_el1, x9
	isb
	ldr x9, [x19, #BOOT_STACK_TOP]
	mov sp, x9
	ldr x9, [x19, #BOOT_PERCPU]
	msr tpidr_el1, x9
	mov x29, xzr
	mov x30, xzr
	mov x0, x19
	bl arm64_secondary
7:	wfi
	b 7b

	.bss
	.balign 16
boot_stack:
	.skip 16384
	.globl boot_stack_top
boot_stack_top:
