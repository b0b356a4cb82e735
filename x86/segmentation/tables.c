// SPDX-License-Identifier: GPL-2.0-only
/*
 * tables.c: LLDT and LTR in IA-32e mode, one row per selector and
 * descriptor (Intel SDM vol. 2A LLDT and vol. 2B LTR "Operation" and
 * "64-Bit Mode Exceptions"; vol. 3A 3.5 table 3-2 system types, 7.2.3
 * 16-byte TSS and LDT descriptors, 7.2.4 task register and busy flag; AMD
 * APM vol. 3 LLDT, LTR). LLDT takes a null selector (LDTR becomes
 * unusable) or a present LDT descriptor of the GDT; LTR takes a present,
 * available 64-bit TSS of the GDT and marks it busy; anything else is
 * #GP(selector), #GP(0) for a null LTR, #NP(selector) when not present;
 * LTR also requires type 0 in the upper 8 bytes (SDM vol. 2B LTR, 64-bit
 * mode exceptions).
 */
#include "segmentation.h"

#define SYS_SLOT 6 /* and 7: the upper half */
#define TSS_BUSY_BIT 41 /* type bit 1 of a TSS descriptor (table 3-2) */
/* ltr_and_back() has it as an immediate: keep the two the same. */

enum tbl_kind { T_GDT, T_NULL, T_LDT_TI, T_PAST };

struct table_row {
	const char *name;
	bool ltr; /* LTR, else LLDT */
	enum tbl_kind kind;
	u8 access; /* of the 16-byte descriptor in the GDT */
	u8 vector; /* the fault, 0 for none */
	bool zero_code; /* the error code is 0, not the selector */
	u8 upper_type; /* type field of the descriptor's upper 8 bytes */
};

/* clang-format off */
static const struct table_row table_rows[] = {
	{"lldt_ldt", false, T_GDT, SEG_P | SYS_LDT, 0, false, 0},
	{"lldt_null", false, T_NULL, 0, 0, false, 0},
	{"lldt_not_present", false, T_GDT, SYS_LDT, NP_VECTOR, false, 0},
	{"lldt_tss", false, T_GDT, SEG_P | SYS_TSS64, GP_VECTOR, false, 0},
	{"lldt_data", false, T_GDT, SEG_P | SEG_S | SEG_DATA_RW, GP_VECTOR, false, 0},
	{"lldt_ti", false, T_LDT_TI, 0, GP_VECTOR, false, 0},
	{"lldt_past_gdt", false, T_PAST, 0, GP_VECTOR, false, 0},
	{"ltr_tss", true, T_GDT, SEG_P | SYS_TSS64, 0, false, 0},
	{"ltr_upper_type", true, T_GDT, SEG_P | SYS_TSS64, GP_VECTOR, false, 0x9},
	{"ltr_null", true, T_NULL, 0, GP_VECTOR, true, 0},
	{"ltr_busy", true, T_GDT, SEG_P | SYS_TSS64_BUSY, GP_VECTOR, false, 0},
	{"ltr_not_present", true, T_GDT, SYS_TSS64, NP_VECTOR, false, 0},
	{"ltr_ldt", true, T_GDT, SEG_P | SYS_LDT, GP_VECTOR, false, 0},
	{"ltr_call_gate", true, T_GDT, SEG_P | SYS_CALL_GATE64, GP_VECTOR, false, 0},
	{"ltr_ti", true, T_LDT_TI, 0, GP_VECTOR, false, 0},
	{"ltr_past_gdt", true, T_PAST, 0, GP_VECTOR, false, 0},
};
/* clang-format on */

static u8 tss_copy[104] __aligned(16);
static u64 ldt_copy[4] __aligned(16);

static u16 read_tr(void)
{
	u16 tr;

	asm volatile("str %0" : "=rm"(tr));
	return tr;
}

static u16 read_ldtr(void)
{
	u16 ldtr;

	asm volatile("sldt %0" : "=rm"(ldtr));
	return ldtr;
}

/* The base of the 16-byte system descriptor at SEL of the GDT in use. */
static u64 sys_base(u16 sel)
{
	const u64 *d = (const u64 *)(segdesc_gdt_base() + (sel & ~7));

	return ((d[0] >> 16) & 0xffffff) | (((d[0] >> 56) & 0xff) << 24) |
	       ((d[1] & 0xffffffff) << 32);
}

static u16 install(const struct table_row *r)
{
	void *base = r->ltr ? (void *)tss_copy : (void *)ldt_copy;
	u32 limit = r->ltr ? sizeof(tss_copy) - 1 : sizeof(ldt_copy) - 1;
	u64 d[2];

	switch (r->kind) {
	case T_GDT:
		segdesc_make_sys(d, (u64)base, limit, r->access);
		d[1] |= (u64)r->upper_type << 40; /* bits 12:8 of dword 3 */
		segdesc_gdt_set(SYS_SLOT + 1, d[1]);
		return segdesc_gdt_set(SYS_SLOT, d[0]);
	case T_NULL:
		return 0;
	case T_LDT_TI:
		return segdesc_gdt_set(SYS_SLOT, 0) | SEL_TI;
	case T_PAST:
		return segdesc_gdt_beyond();
	}
	return 0;
}

/*
 * LTR, then STR into GOT, then back to the runtime's TSS at once (its
 * busy bit cleared first, so that this LTR is valid whether the first one
 * loaded or faulted): the runtime finds its CPU index through TR (desc.h
 * smp_id()), and fault_take() needs it.
 */
static struct fault ltr_and_back(u16 sel, u16 tr, u16 *got)
{
	u64 *desc = (u64 *)(segdesc_gdt_base() + tr);

	fault_clear();
	asm volatile(FAULT_SITE("ltr %[sel]") "str %[got]\n\t"
					      "btrq $41, %[desc]\n\t"
					      "ltr %[tr]"
		     : [got] "=&r"(*got), [desc] "+m"(*desc)
		     : [sel] "r"(sel), [tr] "r"(tr)
		     : "memory");
	return fault_take();
}

TEST_VARIANTS(table_load, table_rows, .fixture = &seg_env)
{
	u16 tr = read_tr(), ldtr = read_ldtr(), sel, got = 0;
	struct fault f, want;

	/* A copy of the running TSS, in case exceptions come while it is TR. */
	memcpy(tss_copy, (void *)sys_base(tr), sizeof(tss_copy));
	sel = install(variant);
	if (variant->ltr)
		f = ltr_and_back(sel, tr, &got);
	else
		f = fault_probe("lldt %0", : : "r"(sel));
	want = variant->vector ? FAULT(variant->vector,
				       variant->zero_code ? 0 : sel & ~3)
			       : FAULT_NONE;
	report_fault(f, want, "%s %#x", variant->ltr ? "LTR" : "LLDT", sel);
	if (!f.raised && variant->ltr) {
		report_eq(got, sel, "STR reads back %#x", sel);
		report((segdesc_gdt_get(SYS_SLOT) >> TSS_BUSY_BIT) & 1,
		       "LTR marks the TSS descriptor busy");
	} else if (!f.raised) {
		report_eq(read_ldtr(), sel, "SLDT reads back %#x", sel);
	}
	asm volatile("lldt %0" : : "r"(ldtr));
}
