/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.S: the first instructions of a ppc64le guest.
 *
 * boot_rom.bin (or any loader) branches here in real mode with r3 = the
 * flattened device tree (LoPAPR 1.1 B.7 / QEMU pseries), possibly still
 * big-endian. The first word is "b .+8" read little-endian and
 * "tdi 0,0,0x48" (a trap that never traps, Power ISA v3.0 Book I 3.3.11)
 * read big-endian; the big-endian path, encoded big-endian byte by byte,
 * sets MSR[LE] through rfid (Book III 4.4.1, 7.5) and comes back at
 * le_entry. There MSR[SF] is set (64-bit mode, Book III 4.2.1, 5.4.4
 * mtmsrd; QEMU's pseries reset state has it clear). Then the ELFv2 ABI
 * environment: r2 = .TOC. (ABI 2.3.2.1), r1
 * = the boot stack with a null back chain (2.2.2.1), r13 = the thread
 * pointer, which libfdt's stack protector reads the canary through
 * (r13 - 0x7010, ABI 3.7.2). .bss is cleared and C starts in ppc_boot().
 */
#include <powerpc/asm-offsets.h>

/* One instruction word stored big-endian. */
.macro be32 w
	.byte ((\w) >> 24) & 0xff, ((\w) >> 16) & 0xff, ((\w) >> 8) & 0xff, (\w) & 0xff
.endm

.macro load_addr reg, sym
	lis \reg, \sym@ha
	addi \reg, \reg, \sym@l
.endm

	.section .text.head, "ax"
	.globl _start
_start:
	.long 0x48000008		/* LE: b .+8; BE: tdi 0,0,0x48 */
	be32 0x48000008			/* BE: b .+8 (to be_to_le) */
	b le_entry			/* LE */
be_to_le:
	be32 0x48000005			/* bl .+4 */
	be32 0x7d6802a6			/* mflr r11 */
	be32 0x396b001c			/* addi r11, r11, le_entry - (be_to_le + 4) */
	be32 0x7d8000a6			/* mfmsr r12 */
	be32 0x618c0001			/* ori r12, r12, 1 (MSR[LE]) */
	be32 0x7d7a03a6			/* mtsrr0 r11 */
	be32 0x7d9b03a6			/* mtsrr1 r12 */
	be32 0x4c000024			/* rfid */
le_entry:
	.if le_entry - be_to_le - 4 != 0x1c
	.error "be_to_le: addi offset"
	.endif
	mfmsr 12			/* 64-bit mode: QEMU starts us with MSR[SF] = 0 */
	li 0, 1
	sldi 0, 0, 63
	or 12, 12, 0
	mtmsrd 12
	isync
	mr 31, 3
	load_addr 2, .TOC.
	load_addr 13, ppc_stack_guard
	addi 13, 13, 0x7010

	load_addr 4, __bss_start
	load_addr 5, __bss_end
	li 0, 0
1:	cmpld 4, 5
	bge 2f
	std 0, 0(4)
	addi 4, 4, 8
	b 1b

2:	load_addr 1, boot_stack_top
	stdu 0, -STACK_FRAME_MIN(1)
	mr 3, 31
	bl ppc_boot
	nop
3:	b 3b

/*
 * Secondary CPUs: RTAS start-cpu (LoPAPR 1.1 7.3.9.2) starts a stopped
 * CPU here in real mode with r3 = its struct ppc_cpu_boot (smp.c), in the
 * endianness LoPAPR leaves to the platform: the same two-endian prologue
 * as _start. Then 64-bit mode, the TOC, r13 as on CPU 0 (the one stack
 * canary), r1 = the CPU's own stack, and C in ppc_secondary(r3).
 */
	.text
	.balign 4
	.globl ppc_secondary_entry
ppc_secondary_entry:
	.long 0x48000008		/* LE: b .+8; BE: tdi 0,0,0x48 */
	be32 0x48000008			/* BE: b .+8 (to sec_be_to_le) */
	b sec_le
sec_be_to_le:
	be32 0x48000005			/* bl .+4 */
	be32 0x7d6802a6			/* mflr r11 */
	be32 0x396b001c			/* addi r11, r11, sec_le - (sec_be_to_le + 4) */
	be32 0x7d8000a6			/* mfmsr r12 */
	be32 0x618c0001			/* ori r12, r12, 1 (MSR[LE]) */
	be32 0x7d7a03a6			/* mtsrr0 r11 */
	be32 0x7d9b03a6			/* mtsrr1 r12 */
	be32 0x4c000024			/* rfid */
sec_le:
	.if sec_le - sec_be_to_le - 4 != 0x1c
	.error "sec_be_to_le: addi offset"
	.endif
	mfmsr 12
	li 0, 1
	sldi 0, 0, 63
	or 12, 12, 0
	mtmsrd 12
	isync
	load_addr 2, .TOC.
	load_addr 13, ppc_stack_guard
	addi 13, 13, 0x7010
	ld 1, 0(3)
	li 0, 0
	stdu 0, -STACK_FRAME_MIN(1)
	bl ppc_secondary
	nop
4:	b 4b

	.section .bss
	.balign 16
	.globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.space 65536
boot_stack_top:
