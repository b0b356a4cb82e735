// SPDX-License-Identifier: GPL-2.0-only
/*
 * acpi.c: finds the RSDP (ACPI 6.5 5.2.5.1: on a 16-byte boundary in the
 * first KiB of the EBDA, whose segment is at 0x40e, or in 0xe0000-0xfffff),
 * follows the XSDT (revision >= 2) or RSDT to a table, and walks the MADT's
 * interrupt controller structures (5.2.12, table 5.21 types 0, 1, 2, 9).
 * The tables are identity-mapped like all low memory.
 */
#include <libtest.h>
#include <x86/acpi.h>

#define MADT_LOCAL_APIC 0
#define MADT_IOAPIC 1
#define MADT_SOURCE_OVERRIDE 2
#define MADT_LOCAL_X2APIC 9
#define MADT_ENABLED BIT(0)
#define SDT_HEADER_LEN 36
#define MADT_ENTRIES 44

struct __attribute__((packed)) rsdp {
	char sig[8];
	u8 checksum;
	char oem[6];
	u8 revision;
	u32 rsdt;
	u32 length;
	u64 xsdt;
	u8 xchecksum;
	u8 reserved[3];
};

static u8 sum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 s = 0;

	while (len--)
		s += *b++;
	return s;
}

/*
 * The signature is a word at a 16-byte boundary: one REPNE SCASQ finds
 * the next word equal to it where a paragraph-by-paragraph loop took 40k
 * instructions, each emulated under kvm_pvm (100 ms); a match at an odd
 * word is not an RSDP.
 */
static const struct rsdp *scan(u64 start, u64 len)
{
	u64 sig;
	const u64 *p = (const void *)start, *end = p + len / 8;

	memcpy(&sig, "RSD PTR ", 8);
	while (p < end && (p = mem_find_word(p, sig, (end - p) * 8))) {
		const struct rsdp *r = (const void *)p++;

		if (!((uintptr_t)r & 15) && (uintptr_t)r + 20 <= start + len &&
		    !sum(r, 20))
			return r;
	}
	return NULL;
}

static const struct rsdp *find_rsdp(void)
{
	static const struct rsdp *cached;
	const u16 *ebda_seg;
	u64 ebda;

	/* Hidden from GCC, which takes addresses below 4 KiB for NULL + offset. */
	asm("" : "=r"(ebda_seg) : "0"(0x40eUL));
	ebda = (u64)*ebda_seg << 4;

	if (cached)
		return cached;
	if (ebda >= 0x80000 && ebda < 0xa0000)
		cached = scan(ebda, 1024);
	if (!cached)
		cached = scan(0xe0000, 0x20000);
	return cached;
}

static u32 sdt_length(const void *t)
{
	return *(const u32 *)((const u8 *)t + 4);
}

const void *acpi_find_table(const char *sig)
{
	const struct rsdp *r = find_rsdp();
	const u8 *sdt;
	unsigned int width, n;

	if (!r)
		return NULL;
	if (r->revision >= 2 && r->xsdt) {
		sdt = (const void *)r->xsdt;
		width = 8;
	} else {
		sdt = (const void *)(u64)r->rsdt;
		width = 4;
	}
	n = (sdt_length(sdt) - SDT_HEADER_LEN) / width;
	for (unsigned int i = 0; i < n; i++) {
		const u8 *e = sdt + SDT_HEADER_LEN + i * width;
		u64 addr = width == 8 ? *(const u64 *)e : *(const u32 *)e;

		if (addr && !memcmp((const void *)addr, sig, 4))
			return (const void *)addr;
	}
	return NULL;
}

/* Calls FN on each MADT structure; stops when FN returns true. */
static void madt_walk(bool (*fn)(const u8 *e, void *ctx), void *ctx)
{
	const u8 *madt = acpi_find_table("APIC");
	const u8 *e, *end;

	if (!madt)
		return;
	end = madt + sdt_length(madt);
	for (e = madt + MADT_ENTRIES; e + 2 <= end && e[1] >= 2; e += e[1])
		if (fn(e, ctx))
			return;
}

struct id_list {
	u32 *ids;
	unsigned int n, max;
};

static bool add_cpu(const u8 *e, void *ctx)
{
	struct id_list *l = ctx;
	u32 id, flags;

	if (e[0] == MADT_LOCAL_APIC) {
		id = e[3];
		flags = *(const u32 *)(e + 4);
	} else if (e[0] == MADT_LOCAL_X2APIC) {
		id = *(const u32 *)(e + 4);
		flags = *(const u32 *)(e + 8);
	} else {
		return false;
	}
	if ((flags & MADT_ENABLED) && l->n < l->max)
		l->ids[l->n++] = id;
	return false;
}

unsigned int acpi_madt_apic_ids(u32 *ids, unsigned int max)
{
	struct id_list l = {ids, 0, max};

	madt_walk(add_cpu, &l);
	return l.n;
}

struct ioapic_found {
	struct acpi_ioapic *out;
	bool found;
};

static bool take_ioapic(const u8 *e, void *ctx)
{
	struct ioapic_found *f = ctx;

	if (e[0] != MADT_IOAPIC)
		return false;
	f->out->id = e[2];
	f->out->address = *(const u32 *)(e + 4);
	f->out->gsi_base = *(const u32 *)(e + 8);
	f->found = true;
	return true;
}

bool acpi_madt_ioapic(struct acpi_ioapic *out)
{
	struct ioapic_found f = {out, false};

	madt_walk(take_ioapic, &f);
	return f.found;
}

struct override {
	u8 irq;
	u32 gsi;
	u16 flags;
};

static bool take_override(const u8 *e, void *ctx)
{
	struct override *o = ctx;

	if (e[0] != MADT_SOURCE_OVERRIDE || e[2] != 0 || e[3] != o->irq)
		return false;
	o->gsi = *(const u32 *)(e + 4);
	o->flags = *(const u16 *)(e + 8);
	return true;
}

u32 acpi_isa_irq_to_gsi(u8 irq, u16 *flags)
{
	struct override o = {irq, irq, 0};

	madt_walk(take_override, &o);
	if (flags)
		*flags = o.flags;
	return o.gsi;
}
