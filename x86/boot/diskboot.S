/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diskboot.S: the hard-disk boot loader of x86_64 guests under Bochs
 * (scripts/hvtest/vmm/bochs.py writes the disk image). Not a test and not
 * guest library code: it is assembled on its own into a flat binary,
 * build/x86_64/diskboot.bin (mk/arch-x86_64.mk), linked at 0x7c00.
 *
 * Disk layout, in 512-byte sectors (LBA):
 *   0 .. LOADER_SECTORS-1   this loader; sector 0 is the MBR the BIOS
 *                           loads at 0x7c00 and jumps to with DL = drive
 *   next PARAM_SECTORS      the parameter block (P_* below, little-endian
 *                           u32s, then the command line, NUL-terminated)
 *   the rest                the guest's PT_LOAD segments, flattened from
 *                           the lowest physical address (P_LOAD)
 *
 * Sector 0 checks for the BIOS Enhanced Disk Drive Specification (EDD 3.0)
 * extensions (INT 13h AH=41h), then reads the rest of the loader and the
 * parameter block with INT 13h AH=42h (extended read, disk address packet
 * of section "Int 13h Fixed Disk Extensions"). The rest reads the guest
 * in CHUNK-sector pieces into a buffer at 0x10000 and moves each to its
 * place above 1 MiB with INT 15h AH=87h (move extended memory), takes the
 * conventional memory size from INT 12h and the RAM contiguous from 1 MiB
 * from INT 15h AX=E820h (so that the ACPI tables the BIOS puts at the top
 * of RAM are not claimed), enables A20 through the PS/2 system control
 * port A (0x92, bit 1), switches to protected mode as the Intel SDM vol.
 * 3A 10.9.1 "Switching to Protected Mode" describes, zeroes the guest's
 * memory past its file image (its .bss) and enters it as the Multiboot
 * Specification 0.6.96 section 3.2 requires: EAX = 0x2BADB002, EBX = the
 * boot information of section 3.3 (flags bit 0 mem_lower/mem_upper, bit 2
 * cmdline), CS a flat 32-bit code segment, DS/ES/FS/GS/SS flat data
 * segments, A20 on, CR0.PG = 0, CR0.PE = 1, EFLAGS.IF = EFLAGS.VM = 0.
 *
 * On an error it writes one line to COM1 (port 0x3f8, a 16550 UART set to
 * 8 data bits) and `Shutdown' to Bochs' shutdown port 0x8900, so that the
 * runner sees why at once.
 */

#define LOAD_ADDR	0x7c00
#define PARAM_SECTORS	2
#define BUF_SEG		0x1000		/* bounce buffer at 0x10000 */
#define CHUNK		64		/* sectors per read: 32 KiB */

/* The parameter block (scripts/hvtest/vmm/bochs.py writes it). */
#define P_MAGIC		0		/* PARAM_MAGIC */
#define P_LOAD		4		/* physical address of the first byte */
#define P_FILESZ	8		/* bytes on disk */
#define P_MEMSZ		12		/* bytes in memory, .bss included */
#define P_ENTRY		16		/* physical entry point */
#define P_CMDLINE	20		/* NUL-terminated, to the block's end */
#define PARAM_MAGIC	0x54425648	/* "HVBT" */

#define MB_BOOTLOADER_MAGIC	0x2badb002
#define MB_INFO_MEM		0x1
#define MB_INFO_CMDLINE		0x4

#define SMAP		0x534d4150	/* "SMAP", INT 15h E820h */
#define E820_RAM	1

#define COM1		0x3f8
#define COM1_DLL	(COM1 + 0)	/* with LCR.DLAB: divisor latch */
#define COM1_DLM	(COM1 + 1)
#define COM1_LCR	(COM1 + 3)
#define COM1_LSR	(COM1 + 5)
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define LSR_THRE	0x20		/* holding register empty */
#define LSR_TEMT	0x40		/* all sent */
#define BOCHS_SHUTDOWN	0x8900

#define CODE32_SEL	0x08
#define DATA32_SEL	0x10

	.text
	.code16
	.globl start
start:
	cli
	xor %ax, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $LOAD_ADDR, %sp
	ljmp $0, $1f			/* CS:IP may be 07c0:0000 */
1:	sti
	cld
	mov %dl, boot_drive

	mov $0x41, %ah			/* EDD: installation check */
	mov $0x55aa, %bx
	int $0x13
	mov $msg_no_edd, %si
	jc die
	cmp $0xaa55, %bx
	jne die
	test $1, %cl			/* packet access (AH=42h) supported */
	jz die

	/* The rest of the loader and the parameter block, after sector 0. */
	mov $1, %eax
	mov $LOADER_SECTORS - 1 + PARAM_SECTORS, %cx
	mov $LOAD_ADDR + 512, %bx
	xor %dx, %dx
	call read_sectors
	jmp stage2

/* Read CX sectors from LBA EAX to DX:BX; dies on an error. */
read_sectors:
	mov %cx, dap_count
	mov %bx, dap_offset
	mov %dx, dap_segment
	mov %eax, dap_lba
	mov $dap, %si
	mov boot_drive, %dl
	mov $0x42, %ah
	int $0x13
	mov $msg_read, %si
	jc die
	ret

/*
 * Write "hvtest diskboot: ", the message at SI and a newline to COM1, stop.
 * The BIOS leaves the UART's line control at reset (5-bit characters):
 * 8N1 at 115200 baud first (16550 LCR, divisor 1).
 */
die:
	mov $COM1_LCR, %dx
	mov $LCR_DLAB, %al
	out %al, %dx
	mov $COM1_DLL, %dx
	mov $1, %al
	out %al, %dx
	mov $COM1_DLM, %dx
	xor %al, %al
	out %al, %dx
	mov $COM1_LCR, %dx
	mov $LCR_8N1, %al
	out %al, %dx
	push %si
	mov $msg_prefix, %si
	call puts
	pop %si
	call puts
	mov $msg_eol, %si
	call puts
	mov $COM1_LSR, %dx
1:	in %dx, %al
	test $LSR_TEMT, %al
	jz 1b
	mov $shutdown_str, %si
	mov $BOCHS_SHUTDOWN, %dx
1:	lodsb
	test %al, %al
	jz 2f
	out %al, %dx
	jmp 1b
2:	cli
	hlt
	jmp 2b

puts:
	mov $COM1_LSR, %dx
1:	in %dx, %al
	test $LSR_THRE, %al
	jz 1b
	lodsb
	test %al, %al
	jz 2f
	mov $COM1, %dx
	out %al, %dx
	jmp puts
2:	ret

	.balign 4
dap:					/* EDD disk address packet */
	.byte 16, 0
dap_count:
	.word 0
dap_offset:
	.word 0
dap_segment:
	.word 0
dap_lba:
	.quad 0
boot_drive:
	.byte 0
msg_prefix:
	.asciz "hvtest diskboot: "
msg_eol:
	.asciz "\r\n"
msg_no_edd:
	.asciz "no EDD disk extensions (INT 13h AH=41h)"
msg_read:
	.asciz "disk read failed (INT 13h AH=42h)"
shutdown_str:
	.asciz "Shutdown"

	.org 510
	.word 0xaa55			/* MBR boot signature */

stage2:
	mov $msg_magic, %si
	cmpl $PARAM_MAGIC, params + P_MAGIC
	jne die

	/* The guest, CHUNK sectors at a time, through the buffer. */
	mov params + P_LOAD, %eax
	mov %eax, dest
	mov params + P_FILESZ, %eax
	add $511, %eax
	shr $9, %eax
	mov %eax, left
1:	mov left, %ecx
	test %ecx, %ecx
	jz 3f
	cmp $CHUNK, %ecx
	jbe 2f
	mov $CHUNK, %ecx
2:	mov %ecx, count
	mov lba, %eax
	xor %bx, %bx
	mov $BUF_SEG, %dx
	call read_sectors
	call move_up
	mov count, %ecx
	add %ecx, lba
	sub %ecx, left
	shl $9, %ecx
	add %ecx, dest
	jmp 1b

3:	int $0x12			/* KiB below the EBDA */
	mov %ax, mbi_mem_lower
	call e820_upper

	in $0x92, %al			/* A20 on, no reset */
	or $0x02, %al
	and $0xfe, %al
	out %al, $0x92

	cli
	lgdtl gdt_ptr
	mov %cr0, %eax
	or $1, %eax			/* CR0.PE */
	mov %eax, %cr0
	ljmpl $CODE32_SEL, $pm32

/* Move count sectors from the buffer to dest with INT 15h AH=87h. */
move_up:
	mov dest, %eax
	mov %ax, move_gdt_dst + 2
	shr $16, %eax
	mov %al, move_gdt_dst + 4
	mov %ah, move_gdt_dst + 7
	mov count, %cx
	shl $8, %cx			/* 16-bit words */
	mov $move_gdt, %si
	mov $0x87, %ah
	int $0x15
	mov $msg_move, %si
	jc die
	ret

/* mbi_mem_upper: KiB of the E820 RAM range that starts at 1 MiB. */
e820_upper:
	xor %ebx, %ebx
1:	mov $e820_entry, %di
	mov $0xe820, %eax
	mov $SMAP, %edx
	mov $20, %ecx
	int $0x15
	mov $msg_e820, %si
	jc die
	cmp $SMAP, %eax
	jne die
	cmpl $0x100000, e820_entry
	jne 2f
	cmpl $0, e820_entry + 4
	jne 2f
	cmpl $E820_RAM, e820_entry + 16
	jne 2f
	mov e820_entry + 8, %eax
	cmpl $0, e820_entry + 12
	je 3f
	mov $0xffffffff, %eax		/* 4 GiB or more */
3:	shr $10, %eax
	mov %eax, mbi_mem_upper
	ret
2:	test %ebx, %ebx
	jnz 1b
	jmp die

	.code32
pm32:
	mov $DATA32_SEL, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %fs
	mov %ax, %gs
	mov %ax, %ss
	mov params + P_LOAD, %edi
	add params + P_FILESZ, %edi
	mov params + P_MEMSZ, %ecx
	sub params + P_FILESZ, %ecx
	jbe 1f
	xor %eax, %eax
	rep stosb
1:	mov $MB_BOOTLOADER_MAGIC, %eax
	mov $mbi, %ebx
	jmp *params + P_ENTRY

	.balign 8
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* CODE32_SEL: base 0, 4 GiB, 32-bit */
	.quad 0x00cf92000000ffff	/* DATA32_SEL: base 0, 4 GiB, writable */
gdt_ptr:
	.word gdt_ptr - gdt - 1
	.long gdt

move_gdt:				/* INT 15h AH=87h descriptor table */
	.quad 0, 0			/* the BIOS's */
	.word 0xffff			/* source: the buffer */
	.word (BUF_SEG << 4) & 0xffff
	.byte (BUF_SEG << 4) >> 16, 0x93, 0, 0
move_gdt_dst:				/* destination: set by move_up */
	.word 0xffff, 0
	.byte 0, 0x93, 0, 0
	.quad 0, 0			/* the BIOS's */

	.balign 4
mbi:					/* Multiboot 0.6.96 3.3 */
	.long MB_INFO_MEM | MB_INFO_CMDLINE
mbi_mem_lower:
	.long 0
mbi_mem_upper:
	.long 0
	.long 0				/* boot_device: not given */
	.long params + P_CMDLINE
lba:
	.long LOADER_SECTORS + PARAM_SECTORS
left:
	.long 0
count:
	.long 0
dest:
	.long 0
e820_entry:
	.fill 20, 1, 0
msg_magic:
	.asciz "bad parameter block (magic)"
msg_move:
	.asciz "copy above 1 MiB failed (INT 15h AH=87h)"
msg_e820:
	.asciz "no RAM at 1 MiB in the E820 map (INT 15h AX=E820h)"

	.balign 512
loader_end:
	LOADER_SECTORS = (loader_end - start) / 512
params:
