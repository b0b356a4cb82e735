// SPDX-License-Identifier: GPL-2.0-only
/*
 * iobitmap.c: the TSS I/O permission bit map at CPL3 with IOPL < CPL
 * (Intel SDM vol. 1 19.5.2 I/O permission bit map; vol. 2A IN, INS, vol.
 * 2B OUT "Operation" and "64-Bit Mode Exceptions"; vol. 3A 8.7 TSS in
 * 64-bit mode, I/O map base at offset 66H; AMD APM vol. 2 "I/O-Permission
 * Bitmap").
 *
 * Every bit the access covers (1, 2 or 4 ports) must be clear, else
 * #GP(0) on the instruction. The processor reads two bytes of the map
 * for every access, so the byte after the map's last byte must be within
 * the TSS limit (the SDM asks for an extra byte of all ones there): with
 * the limit at the map's last byte, ports of that byte fault. Ports the
 * map does not span (past the limit) count as set; a map base past the
 * limit means no map, and every port faults. With CPL <= IOPL the map is
 * not consulted.
 *
 * The case points the GDT copy's TSS descriptor for this CPU (same
 * selector, so smp_id() keeps working) at a TSS of its own: the runtime's
 * first 104 bytes, RSP0 as ring_run() wants it, then the map. It loads
 * TR with it and loads the runtime's TSS back before it returns.
 */
#include "segmentation.h"

#define TSS_HDR 104 /* the 64-bit TSS without a map */
#define IOMAP_OFF 102 /* the 16-bit I/O map base */
#define MAP_BYTES 0x12 /* ports 0x00-0x8f */
#define SET_PORT 0x84 /* the one port whose bit is set */
#define IOPL3 0x3000ULL

extern char io_inb[], io_inb_imm[], io_inw[], io_inl[], io_outb[], io_insb[];

asm(".pushsection .text\n"
    "io_inb: inb %dx, %al\n jmp ring_land\n"
    "io_inb_imm: inb $0x80, %al\n jmp ring_land\n"
    "io_inw: inw %dx, %ax\n jmp ring_land\n"
    "io_inl: inl %dx, %eax\n jmp ring_land\n"
    "io_outb: outb %al, %dx\n jmp ring_land\n"
    "io_insb: insb\n jmp ring_land\n"
    ".popsection");

enum io_layout {
	IO_MAP, /* map, extra 0xff byte, limit at the extra byte */
	IO_NO_EXTRA, /* map, limit at its last byte */
	IO_BASE_PAST, /* map base one past the limit */
	IO_BASE_MAX, /* map base 0xffff */
};

struct io_row {
	const char *name;
	const char *code;
	u16 port; /* DX; io_inb_imm has 0x80 in the instruction */
	unsigned int size; /* bytes accessed */
	enum io_layout layout;
	bool iopl3;
	bool gp;
};

/* clang-format off */
static const struct io_row io_rows[] = {
	{"inb_clear", io_inb, 0x80, 1, IO_MAP, false, false},
	{"inb_imm_clear", io_inb_imm, 0x80, 1, IO_MAP, false, false},
	{"outb_clear", io_outb, 0x80, 1, IO_MAP, false, false},
	{"insb_clear", io_insb, 0x80, 1, IO_MAP, false, false},
	{"inb_set", io_inb, SET_PORT, 1, IO_MAP, false, true},
	{"insb_set", io_insb, SET_PORT, 1, IO_MAP, false, true},
	{"inw_clear", io_inw, 0x85, 2, IO_MAP, false, false},
	{"inw_span_set", io_inw, 0x83, 2, IO_MAP, false, true},
	{"inl_clear", io_inl, 0x80, 4, IO_MAP, false, false},
	{"inl_span_set", io_inl, 0x81, 4, IO_MAP, false, true},
	{"inl_cross_byte", io_inl, 0x86, 4, IO_MAP, false, false},
	{"inb_last", io_inb, 0x8f, 1, IO_MAP, false, false},
	{"inw_last_into_extra", io_inw, 0x8f, 2, IO_MAP, false, true},
	{"inb_extra", io_inb, 0x90, 1, IO_MAP, false, true},
	{"inb_past_limit", io_inb, 0x98, 1, IO_MAP, false, true},
	{"no_extra_inb_first", io_inb, 0x80, 1, IO_NO_EXTRA, false, false},
	{"no_extra_inb_last_byte", io_inb, 0x88, 1, IO_NO_EXTRA, false, true},
	{"no_extra_inb_last", io_inb, 0x8f, 1, IO_NO_EXTRA, false, true},
	{"base_past_inb", io_inb, 0x80, 1, IO_BASE_PAST, false, true},
	{"base_past_inl", io_inl, 0x8c, 4, IO_BASE_PAST, false, true},
	{"base_past_outb", io_outb, 0x80, 1, IO_BASE_PAST, false, true},
	{"base_max_inb", io_inb, 0x80, 1, IO_BASE_MAX, false, true},
	{"iopl3_set", io_inb, SET_PORT, 1, IO_MAP, true, false},
	{"iopl3_base_past", io_inl, 0x80, 4, IO_BASE_PAST, true, false},
};
/* clang-format on */

static u8 io_tss[TSS_HDR + MAP_BYTES + 1] __aligned(16);

/* Builds io_tss for LAYOUT from the TSS at RUNTIME; returns its limit. */
static u32 io_tss_build(const void *runtime, enum io_layout layout)
{
	u64 rsp0 = ring_rsp0_top();
	u32 limit = TSS_HDR + MAP_BYTES; /* the extra byte */
	u16 base = TSS_HDR;

	memcpy(io_tss, runtime, TSS_HDR);
	memcpy(io_tss + 4, &rsp0, sizeof(rsp0));
	memset(io_tss + TSS_HDR, 0, MAP_BYTES);
	io_tss[TSS_HDR + SET_PORT / 8] = 1 << (SET_PORT % 8);
	io_tss[TSS_HDR + MAP_BYTES] = 0xff;
	if (layout == IO_NO_EXTRA)
		limit = TSS_HDR + MAP_BYTES - 1;
	else if (layout == IO_BASE_PAST)
		base = limit + 1;
	else if (layout == IO_BASE_MAX)
		base = 0xffff;
	memcpy(io_tss + IOMAP_OFF, &base, sizeof(base));
	return limit;
}

/* Points the TSS descriptor at TR to BASE/LIMIT, available, and loads TR. */
static void io_tr_load(u16 tr, u64 base, u32 limit)
{
	u64 *desc = (u64 *)(segdesc_gdt_base() + tr);
	u64 d[2];

	segdesc_make_sys(d, base, limit, SEG_P | SYS_TSS64);
	desc[0] = d[0];
	desc[1] = d[1];
	asm volatile("ltr %0" : : "r"(tr) : "memory");
}

TEST_VARIANTS(io_bitmap, io_rows, .fixture = &seg_env)
{
	u16 tr;
	u64 *desc, saved[2], rt_base, buf = seg_user_stack() - 64;
	u32 rt_limit;
	struct ring_stop st;
	struct ring_start s = {
		.rdx = variant->port,
		.rdi = buf,
		.rip = (u64)variant->code,
		.cs = USER_CS,
		.rflags = 0x2 | (variant->iopl3 ? IOPL3 : 0),
		.rsp = buf,
		.ss = USER_DS,
	};

	asm volatile("str %0" : "=rm"(tr));
	desc = (u64 *)(segdesc_gdt_base() + tr);
	saved[0] = desc[0];
	saved[1] = desc[1];
	rt_base = ((saved[0] >> 16) & 0xffffff) |
		  (((saved[0] >> 56) & 0xff) << 24) | (saved[1] << 32);
	rt_limit = (saved[0] & 0xffff) | (((saved[0] >> 48) & 0xf) << 16);

	io_tr_load(tr, (u64)io_tss,
		   io_tss_build((void *)rt_base, variant->layout));
	st = ring_run(&s);
	io_tr_load(tr, rt_base, rt_limit);

	if (!report_eq(stop_cpl(&st), 3, "stopped at CPL3"))
		return;
	if (variant->gp) {
		if (report_fault(st.fault, FAULT_GP(0), "%s port %#x at CPL3",
				 variant->name, variant->port))
			report_eq(st.regs.rip, (u64)variant->code,
				  "RIP saved is the instruction's");
		return;
	}
	if (report_fault(st.fault, FAULT_NONE, "%s port %#x (%u bytes) at CPL3",
			 variant->name, variant->port, variant->size) &&
	    variant->code == io_insb)
		report_eq(st.regs.rdi, buf + 1, "INSB advanced RDI");
}
