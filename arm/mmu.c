// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmu: stage-1 translation faults as the guest sees them (Arm ARM DDI 0487
 * D8.3 descriptors: with the 4 KiB granule a level 0 entry is a table or
 * invalid, level 1 and 2 entries tables, blocks or invalid, level 3
 * entries pages or invalid (bits[1:0] 0b01 is invalid there); D8.4
 * permissions: AP[2:1] for EL1 and EL0 data accesses, PXN/UXN for
 * fetches, no EL1 execution from EL0-writable memory, PSTATE.PAN;
 * D8.5.1 access flag; D8.2.11 Device memory alignment; C6.2 LDTR/STTR,
 * unprivileged accesses from EL1 checked with EL0 permissions; ESR_EL1
 * DFSC/IFSC encodings, translation, access flag and permission fault at
 * level n being 0x04 + n, 0x08 + n and 0x0c + n, in D13.2.37 (D17 in later
 * issues), FAR_EL1 in D13.2.40, PAR_EL1.FST after AT in D13.2.94). Each
 * check maps fresh memory at an otherwise unused virtual address and
 * expects the exact fault class, status code, level, WnR and FAR. EL0
 * runs code through ERET with a private vector table; its SVC or abort
 * comes back to EL1 as the result. Two table sets that map one address
 * differently check that a TTBR0_EL1 write (D8.2) followed by TLBI
 * VMALLE1 leaves no translation of the other set behind.
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/fault.h>
#include <arm64/mmu.h>

#define TEST_VA 0x1000000000ULL /* 64 GiB: above any RAM here */
#define INSN_RET 0xd65f03c0
#define INSN_SVC0 0xd4000001
#define INSN_LDR_X0_X0 0xf9400000 /* ldr x0, [x0] */
#define INSN_STR_X0_X0 0xf9000000 /* str x0, [x0] */

/*
 * Level 0 entries cover 512 GiB each; the ones used here are otherwise
 * empty (RAM and devices lie in the first).
 */
#define L0_SIZE (1ULL << 39)
#define L1_SIZE (1ULL << 30)
#define L2_SIZE (1ULL << 21)
#define L0_INVALID_VA (1 * L0_SIZE) /* level 0 entry stays invalid */
#define L0_BLOCK_VA (2 * L0_SIZE) /* level 0 entry with bits[1:0] 0b01 */
#define WALK_VA (3 * L0_SIZE) /* one page: tables at levels 0-2 */
#define L1_BLOCK_VA (4 * L0_SIZE)
#define L2_BLOCK_VA (5 * L0_SIZE)
#define SETS_VA (6 * L0_SIZE) /* mapped differently by two table sets */

/* Stage-1 attributes without AP or XN bits; AP[2:1] in D8.4. */
#define NORMAL (PTE_ATTRIDX(MT_NORMAL) | PTE_SH_INNER | PTE_AF)
#define AP_EL1_RW 0
#define AP_RW (PTE_AP_EL0)
#define AP_EL1_RO (PTE_AP_RO)
#define AP_RO (PTE_AP_RO | PTE_AP_EL0)

/*
 * ID_AA64MMFR1_EL1.PAN and ID_AA64MMFR2_EL1 (s3_0_c0_c7_2).UAO; the PAN
 * (s3_0_c4_c2_3) and UAO (s3_0_c4_c2_4) registers hold PSTATE.PAN in bit
 * 22 and PSTATE.UAO in bit 23 (C5.2).
 */
#define MMFR1_PAN_SHIFT 20
#define MMFR2_UAO_SHIFT 4
#define PSTATE_PAN BIT(22)

/* Aborts from EL0: taken to EL1 as "lower Exception level" classes. */
#define FAULT_DABT_EL0(fsc, wnr, far_)                                        \
	((struct fault){.raised = true,                                       \
			.far_valid = true,                                    \
			.esr = ((u32)EC_DABT_LOW << ESR_EC_SHIFT) | (fsc) |   \
			       ((wnr) ? ESR_ISS_WNR : 0),                     \
			.esr_mask =                                           \
				ESR_EC_MASK | ESR_ISS_WNR | ESR_ISS_FSC_MASK, \
			.far = (far_)})
#define FAULT_IABT_EL0(fsc, far_)                                          \
	((struct fault){.raised = true,                                    \
			.far_valid = true,                                 \
			.esr = ((u32)EC_IABT_LOW << ESR_EC_SHIFT) | (fsc), \
			.esr_mask = ESR_EC_MASK | ESR_ISS_FSC_MASK,        \
			.far = (far_)})
/* SVC #0 from AArch64: EC 0x15, IL set, ISS = imm16 (D13.2.37). */
#define FAULT_SVC0 FAULT_ESR(((u32)EC_SVC64 << ESR_EC_SHIFT) | ESR_IL, ~0U)

static u64 next_va = TEST_VA;
static u64 next_l1_block = L1_BLOCK_VA;
static u64 next_l2_block = L2_BLOCK_VA;

/* A fresh RAM page mapped at a new virtual address with PROT. */
static u64 map_alias(void **page, u64 prot)
{
	u64 va = next_va;

	next_va += 2 * PAGE_SIZE; /* leave an unmapped page after each */
	*page = alloc_page();
	assert(*page);
	pt_map(&mmu_idmap, va, (u64)*page, 3, prot);
	mmu_flush_va(va);
	return va;
}

/*
 * The level 1 or level 2 block holding PAGE, mapped with PROT at a new
 * virtual address with an unmapped block after it; returns PAGE's alias.
 */
static u64 map_block(int level, void *page, u64 prot)
{
	u64 size = pt_level_size(level);
	u64 *next = level == 1 ? &next_l1_block : &next_l2_block;
	u64 va = *next;
	u64 alias = va + ((u64)page & (size - 1));

	*next += 2 * size;
	pt_map(&mmu_idmap, va, ALIGN_DOWN((u64)page, size), level, prot);
	mmu_flush_va(alias);
	return alias;
}

/* Writes instructions at PAGE + OFF, cleaned to the PoU for fetches (D7.5). */
static void write_code(void *page, unsigned int off, const u32 *insn,
		       unsigned int n)
{
	u32 *p = (u32 *)((u8 *)page + off);

	for (unsigned int i = 0; i < n; i++) {
		p[i] = insn[i];
		asm volatile("dc cvau, %0" : : "r"(&p[i]) : "memory");
	}
	asm volatile("dsb ish\n\tic iallu\n\tdsb ish\n\tisb" : : : "memory");
}

/* PAR_EL1 after a failed AT: F (bit 0) and FST (bits [6:1]). */
static u64 par_fault(u32 fsc)
{
	return ((u64)fsc << 1) | 1;
}

/*
 * LDTR/STTR at EL1 use EL1 permissions when PSTATE.UAO is set, and EL1
 * accesses to EL0 memory fault while PSTATE.PAN is set: clear both where
 * implemented.
 */
static void unprivileged_setup(void)
{
	if (id_field(read_sysreg(s3_0_c0_c7_2), MMFR2_UAO_SHIFT))
		write_sysreg(0, s3_0_c4_c2_4);
	if (id_field(read_sysreg(id_aa64mmfr1_el1), MMFR1_PAN_SHIFT))
		write_sysreg(0, s3_0_c4_c2_3);
}

/*
 * EL0 code runs with ERET (SPSR_EL1: EL0t, D, A, I and F masked) and ends
 * at its first exception, taken through el0_vectors to el0_exit, which
 * restores VBAR_EL1 and the callee-saved registers and returns from
 * el0_enter() with the vector index, ESR_EL1, FAR_EL1 and ELR_EL1, and
 * PSTATE.DAIF as it was before (exception entry masks all four). SP_EL1
 * is the same at the exception as at the ERET, so the frame el0_enter()
 * pushed is still on top.
 */
struct el0_exit {
	u64 vector;
	u64 esr;
	u64 far;
	u64 elr;
};

void el0_enter(u64 pc, u64 x0, struct el0_exit *out);

asm(".pushsection .text, \"ax\"\n"
    "	.balign 2048\n"
    "el0_vectors:\n"
    "	.irp idx, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15\n"
    "	.balign 0x80\n"
    "	mov x0, #\\idx\n"
    "	b el0_exit\n"
    "	.endr\n"
    "	.type el0_enter, %function\n"
    "el0_enter:\n"
    "	stp x29, x30, [sp, #-128]!\n"
    "	mov x29, sp\n"
    "	stp x19, x20, [sp, #16]\n"
    "	stp x21, x22, [sp, #32]\n"
    "	stp x23, x24, [sp, #48]\n"
    "	stp x25, x26, [sp, #64]\n"
    "	stp x27, x28, [sp, #80]\n"
    "	mrs x3, vbar_el1\n"
    "	stp x2, x3, [sp, #96]\n"
    "	mrs x3, daif\n"
    "	str x3, [sp, #112]\n"
    "	adrp x3, el0_vectors\n"
    "	add x3, x3, :lo12:el0_vectors\n"
    "	msr vbar_el1, x3\n"
    "	msr elr_el1, x0\n"
    "	mov x3, #0x3c0\n"
    "	msr spsr_el1, x3\n"
    "	mov x0, x1\n"
    "	isb\n"
    "	eret\n"
    "el0_exit:\n"
    "	ldp x2, x3, [sp, #96]\n"
    "	msr vbar_el1, x3\n"
    "	isb\n"
    "	mrs x4, esr_el1\n"
    "	mrs x5, far_el1\n"
    "	mrs x6, elr_el1\n"
    "	ldr x3, [sp, #112]\n"
    "	msr daif, x3\n"
    "	stp x0, x4, [x2]\n"
    "	stp x5, x6, [x2, #16]\n"
    "	ldp x19, x20, [sp, #16]\n"
    "	ldp x21, x22, [sp, #32]\n"
    "	ldp x23, x24, [sp, #48]\n"
    "	ldp x25, x26, [sp, #64]\n"
    "	ldp x27, x28, [sp, #80]\n"
    "	ldp x29, x30, [sp], #128\n"
    "	ret\n"
    "	.size el0_enter, . - el0_enter\n"
    ".popsection");

/* Runs EL0 code at PC with X0 and returns the exception that ended it. */
static struct fault run_el0(u64 pc, u64 x0)
{
	struct el0_exit out;
	bool far_valid;

	el0_enter(pc, x0, &out);
	if (out.vector != EL0_SYNC_64)
		test_crash(
			"EL0 code at %#llx ended on vector %llu (ESR %#llx), "
			"not a synchronous exception from AArch64 EL0",
			(unsigned long long)pc, (unsigned long long)out.vector,
			(unsigned long long)out.esr);
	far_valid = (ESR_EC(out.esr) == EC_DABT_LOW ||
		     ESR_EC(out.esr) == EC_IABT_LOW) &&
		    !(out.esr & ESR_ISS_FNV);
	return (struct fault){
		.raised = true,
		.esr = out.esr,
		.esr_mask = ~0U,
		.far_valid = far_valid,
		.far = far_valid ? out.far : 0,
	};
}

TEST_CASE(translation_fault)
{
	void *page;
	u64 va = map_alias(&page, PROT_NORMAL);
	u64 v = 0;
	struct fault f;

	*(u64 *)page = 0x5a5a;
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va) : "memory");
	report_fault(f, FAULT_NONE, "mapped page reads");
	report_eq(v, 0x5a5a, "through the alias");
	f = fault_probe("ldr %0, [%1]",
			: "+r"(v)
			: "r"(va + PAGE_SIZE + 0x18)
			: "memory");
	report_fault(
		f, FAULT_DABT(FSC_TRANS(3), false, va + PAGE_SIZE + 0x18),
		"invalid level 3 entry: translation fault, level 3, exact FAR");
	f = fault_probe("str %0, [%1]",
			:
			: "r"(v), "r"(va + PAGE_SIZE + 0x20)
			: "memory");
	report_fault(f, FAULT_DABT(FSC_TRANS(3), true, va + PAGE_SIZE + 0x20),
		     "store: WnR set");
	report(mmu_at_read(va + PAGE_SIZE) & 1,
	       "AT S1E1R of the unmapped page: PAR_EL1.F set");
	report_eq(mmu_at_read(va) & GENMASK(47, 12), (u64)page,
		  "AT S1E1R of the mapped page: PAR_EL1.PA");
}

TEST_CASE(permission_fault)
{
	void *page;
	u64 va = map_alias(&page, PROT_NORMAL | PTE_AP_RO);
	u64 v = 0;
	struct fault f;

	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va + 8) : "memory");
	report_fault(f, FAULT_NONE, "read-only page: load works");
	f = fault_probe("str %0, [%1]", : : "r"(v), "r"(va + 8) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(3), true, va + 8),
		     "read-only page: store is a permission fault, level 3");
	report_eq(*(u64 *)page, 0, "and the store did not happen");
	report(mmu_at_write(va) & 1,
	       "AT S1E1W of the read-only page: PAR_EL1.F");
}

TEST_CASE(access_flag_fault)
{
	void *page;
	u64 va = map_alias(&page, PROT_NORMAL & ~PTE_AF);
	u64 v = 0;
	struct fault f;

	if (read_sysreg(tcr_el1) & BIT(39))
		return report_skip("TCR_EL1.HA set: hardware manages the flag");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va + 0x40) : "memory");
	report_fault(f, FAULT_DABT(FSC_ACCESS(3), false, va + 0x40),
		     "AF clear: access flag fault, level 3");
	pt_update(&mmu_idmap, va, 3, PTE_AF, 0);
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va + 0x40) : "memory");
	report_fault(f, FAULT_NONE, "AF set: load works");
}

TEST_CASE(execute_never)
{
	void *page;
	u64 va = map_alias(&page, PROT_NORMAL);
	struct fault f;

	*(u32 *)page = INSN_RET;
	asm volatile("dc cvau, %0\n\tdsb ish\n\tic iallu\n\tdsb ish\n\tisb"
		     :
		     : "r"(page)
		     : "memory");
	f = fault_probe("blr %0", : : "r"(va) : "x30", "memory");
	report_fault(f, FAULT_NONE, "executable page: call returns");
	pt_update(&mmu_idmap, va, 3, PTE_PXN, 0);
	f = fault_probe("blr %0", : : "r"(va) : "x30", "memory");
	report_fault(
		f, FAULT_IABT(FSC_PERM(3), va),
		"PXN page: instruction abort, permission fault, FAR = target");
	f = fault_probe("blr %0", : : "r"(va + PAGE_SIZE) : "x30", "memory");
	report_fault(f, FAULT_IABT(FSC_TRANS(3), va + PAGE_SIZE),
		     "unmapped target: instruction abort, translation fault");
}

TEST_CASE(memory_type)
{
	void *normal_page, *device_page;
	u64 normal = map_alias(&normal_page, PROT_NORMAL);
	u64 device =
		map_alias(&device_page, PTE_ATTRIDX(MT_DEVICE_nGnRE) | PTE_AF |
						PTE_PXN | PTE_UXN);
	u64 v = 0;
	struct fault f;

	if (read_sysreg(sctlr_el1) & SCTLR_A)
		return report_skip(
			"SCTLR_EL1.A set: every unaligned access faults");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(normal + 1) : "memory");
	report_fault(f, FAULT_NONE, "unaligned load from Normal memory works");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(device + 8) : "memory");
	report_fault(f, FAULT_NONE, "aligned load from Device memory works");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(device + 1) : "memory");
	report_fault(f, FAULT_DABT(FSC_ALIGN, false, device + 1),
		     "unaligned load from Device memory: alignment fault");
	f = fault_probe("str %w0, [%1]",
			:
			: "r"(v), "r"(device + 2)
			: "memory");
	report_fault(f, FAULT_DABT(FSC_ALIGN, true, device + 2),
		     "unaligned store to Device memory: alignment fault");
}

/*
 * An invalid entry at each level of a walk whose tables above are valid:
 * translation fault at that level for loads, stores, fetches and AT.
 */
TEST_CASE(translation_levels)
{
	static const struct {
		u64 va;
		int level;
	} walks[] = {
		{L0_INVALID_VA + 0x1238, 0},
		{WALK_VA + L1_SIZE + 0x2340, 1},
		{WALK_VA + L2_SIZE + 0x3450, 2},
		{WALK_VA + PAGE_SIZE + 0x560, 3},
	};
	static const u32 ret = INSN_RET;
	void *page = alloc_page();
	u64 v = 0;
	struct fault f;

	assert(page);
	write_code(page, 0, &ret, 1);
	pt_map(&mmu_idmap, WALK_VA, (u64)page, 3, NORMAL);
	mmu_flush_va(WALK_VA);
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(WALK_VA) : "memory");
	report_fault(f, FAULT_NONE, "the page that builds the walk reads");
	for (unsigned int i = 0; i < ARRAY_SIZE(walks); i++) {
		u64 va = walks[i].va;
		u32 fsc = FSC_TRANS(walks[i].level);

		report_prefix_pushf("level %d", walks[i].level);
		f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va) : "memory");
		report_fault(f, FAULT_DABT(fsc, false, va),
			     "load: translation fault at this level, FAR");
		f = fault_probe("str %0, [%1]", : : "r"(v), "r"(va) : "memory");
		report_fault(f, FAULT_DABT(fsc, true, va),
			     "store: translation fault at this level, WnR");
		f = fault_probe("blr %0", : : "r"(va) : "x30", "memory");
		report_fault(f, FAULT_IABT(fsc, va),
			     "fetch: translation fault at this level, FAR");
		report_eq(mmu_at_read(va) & 0x7f, par_fault(fsc),
			  "AT S1E1R: PAR_EL1.F and FST");
		report_prefix_pop();
	}

	/*
	 * With the 4 KiB granule and TCR_EL1.DS 0, bits[1:0] 0b01 is a block
	 * only at levels 1 and 2; at level 0 it is invalid (D8.3.1,
	 * AArch64.BlockDescSupported()).
	 */
	pt_set_entry(&mmu_idmap, L0_BLOCK_VA, 0, NORMAL | PTE_VALID);
	f = fault_probe("ldr %0, [%1]",
			: "+r"(v)
			: "r"(L0_BLOCK_VA + (u64)page)
			: "memory");
	report_fault(f,
		     FAULT_DABT(FSC_TRANS(0), false, L0_BLOCK_VA + (u64)page),
		     "level 0 entry of block type 0b01 (TCR_EL1.DS 0): "
		     "translation fault, level 0");
	pt_unmap(&mmu_idmap, L0_BLOCK_VA, 0);
	pt_update(&mmu_idmap, WALK_VA, 3, 0, PTE_TABLE);
	f = fault_probe("ldr %0, [%1]",
			: "+r"(v)
			: "r"(WALK_VA + 8)
			: "memory");
	report_fault(f, FAULT_DABT(FSC_TRANS(3), false, WALK_VA + 8),
		     "level 3 entry of type 0b01 (reserved): translation "
		     "fault, level 3");
}

/* Level 1 (1 GiB) and level 2 (2 MiB) blocks translate like pages. */
TEST_CASE(block_mapping)
{
	void *page = alloc_page();
	u64 v = 0;
	struct fault f;

	assert(page);
	for (int level = 1; level <= 2; level++) {
		u64 size = level == 1 ? L1_SIZE : L2_SIZE;
		u64 va = map_block(level, page, NORMAL | PTE_UXN);

		report_prefix_pushf("level %d block", level);
		*(volatile u64 *)page = 0x1000 + level;
		f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(va) : "memory");
		report_fault(f, FAULT_NONE, "load works");
		report_eq(v, 0x1000 + level, "and reads the page");
		v = 0x2000 + level;
		f = fault_probe("str %0, [%1]", : : "r"(v), "r"(va) : "memory");
		report_fault(f, FAULT_NONE, "store works");
		report_eq(*(volatile u64 *)page, 0x2000 + level,
			  "and writes the page");
		report_eq(mmu_at_read(va) & (GENMASK(47, 12) | 1), (u64)page,
			  "AT S1E1R: PAR_EL1.PA of the page");
		f = fault_probe("ldr %0, [%1]",
				: "+r"(v)
				: "r"(va + size)
				: "memory");
		report_fault(f, FAULT_DABT(FSC_TRANS(level), false, va + size),
			     "invalid entry after the block: translation "
			     "fault at this level");
		report_prefix_pop();
	}
}

/* A block with AF clear: access flag fault at the block's level (D8.5.1). */
TEST_CASE(block_access_flag)
{
	static const u32 ret = INSN_RET;
	void *page = alloc_page();
	u64 v = 0;
	struct fault f;

	assert(page);
	if (read_sysreg(tcr_el1) & BIT(39))
		return report_skip("TCR_EL1.HA set: hardware manages the flag");
	write_code(page, 0, &ret, 1);
	for (int level = 1; level <= 2; level++) {
		u64 va = map_block(level, page, NORMAL & ~PTE_AF);
		u32 fsc = FSC_ACCESS(level);

		report_prefix_pushf("level %d block", level);
		f = fault_probe("ldr %0, [%1]",
				: "+r"(v)
				: "r"(va + 0x40)
				: "memory");
		report_fault(f, FAULT_DABT(fsc, false, va + 0x40),
			     "load: access flag fault at this level");
		f = fault_probe("str %0, [%1]",
				:
				: "r"(v), "r"(va + 0x48)
				: "memory");
		report_fault(f, FAULT_DABT(fsc, true, va + 0x48),
			     "store: access flag fault at this level, WnR");
		f = fault_probe("blr %0", : : "r"(va) : "x30", "memory");
		report_fault(f, FAULT_IABT(fsc, va),
			     "fetch: access flag fault at this level");
		pt_update(&mmu_idmap, va, level, PTE_AF, 0);
		f = fault_probe("ldr %0, [%1]",
				: "+r"(v)
				: "r"(va + 0x40)
				: "memory");
		report_fault(f, FAULT_NONE, "AF set: load works");
		report_prefix_pop();
	}
}

/* AP[2] and PXN on blocks: permission fault at the block's level (D8.4). */
TEST_CASE(block_permission)
{
	static const u32 ret = INSN_RET;
	void *page = alloc_page();
	u64 v = 0x77;
	struct fault f;

	assert(page);
	write_code(page, 0, &ret, 1);
	for (int level = 1; level <= 2; level++) {
		u64 ro = map_block(level, page, NORMAL | AP_EL1_RO | PTE_UXN);
		u64 x = map_block(level, page, NORMAL | PTE_UXN);
		u64 pxn = map_block(level, page, NORMAL | PTE_PXN | PTE_UXN);
		u32 fsc = FSC_PERM(level);

		report_prefix_pushf("level %d block", level);
		f = fault_probe("ldr %0, [%1]",
				: "+r"(v)
				: "r"(ro + 0x80)
				: "memory");
		report_fault(f, FAULT_NONE, "read-only: load works");
		f = fault_probe("str %0, [%1]",
				:
				: "r"(v), "r"(ro + 0x80)
				: "memory");
		report_fault(f, FAULT_DABT(fsc, true, ro + 0x80),
			     "read-only: store is a permission fault at this "
			     "level");
		report_eq(*(volatile u64 *)((u8 *)page + 0x80), 0,
			  "and the store did not happen");
		report_eq(mmu_at_write(ro) & 0x7f, par_fault(fsc),
			  "AT S1E1W: PAR_EL1.F and FST");
		f = fault_probe("blr %0", : : "r"(x) : "x30", "memory");
		report_fault(f, FAULT_NONE, "PXN clear: call returns");
		f = fault_probe("blr %0", : : "r"(pxn) : "x30", "memory");
		report_fault(f, FAULT_IABT(fsc, pxn),
			     "PXN set: instruction abort, permission fault at "
			     "this level");
		report_prefix_pop();
	}
}

/*
 * AP[2:1] for EL1 accesses and for LDTR/STTR, which EL1 performs with EL0
 * permissions (D8.4, data access permissions; C6.2 LDTR, STTR).
 */
TEST_CASE(unprivileged_access)
{
	static const struct {
		u64 ap;
		bool el1_write, el0_read, el0_write;
	} aps[] = {
		{AP_EL1_RW, true, false, false},
		{AP_RW, true, true, true},
		{AP_EL1_RO, false, false, false},
		{AP_RO, false, true, false},
	};
	void *page;
	u64 v = 0, va;
	struct fault f;

	unprivileged_setup();
	for (unsigned int i = 0; i < ARRAY_SIZE(aps); i++) {
		u32 perm = FSC_PERM(3);

		va = map_alias(&page, NORMAL | PTE_PXN | PTE_UXN | aps[i].ap);
		report_prefix_pushf("AP[2:1] %u", i);
		f = fault_probe("ldr %0, [%1]",
				: "+r"(v)
				: "r"(va + 8)
				: "memory");
		report_fault(f, FAULT_NONE, "LDR works");
		f = fault_probe("str %0, [%1]",
				:
				: "r"(v), "r"(va + 8)
				: "memory");
		report_fault(f,
			     aps[i].el1_write ? FAULT_NONE
					      : FAULT_DABT(perm, true, va + 8),
			     "STR");
		f = fault_probe("ldtr %0, [%1]",
				: "+r"(v)
				: "r"(va + 16)
				: "memory");
		report_fault(f,
			     aps[i].el0_read ? FAULT_NONE
					     : FAULT_DABT(perm, false, va + 16),
			     "LDTR");
		f = fault_probe("sttr %0, [%1]",
				:
				: "r"(v), "r"(va + 24)
				: "memory");
		report_fault(f,
			     aps[i].el0_write ? FAULT_NONE
					      : FAULT_DABT(perm, true, va + 24),
			     "STTR");
		report_prefix_pop();
	}

	page = alloc_page();
	assert(page);
	va = map_block(2, page, NORMAL | PTE_UXN | AP_EL1_RW);
	f = fault_probe("ldtr %0, [%1]", : "+r"(v) : "r"(va) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(2), false, va),
		     "level 2 block, AP[2:1] 0: LDTR is a permission fault, "
		     "level 2");
	va = map_block(1, page, NORMAL | PTE_UXN | AP_RO);
	f = fault_probe("ldtr %0, [%1]", : "+r"(v) : "r"(va) : "memory");
	report_fault(f, FAULT_NONE, "level 1 block, AP[2:1] 3: LDTR works");
	f = fault_probe("sttr %0, [%1]", : : "r"(v), "r"(va) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(1), true, va),
		     "level 1 block, AP[2:1] 3: STTR is a permission fault, "
		     "level 1");
}

/*
 * PSTATE.PAN: EL1 loads and stores to memory EL0 can access (AP[1] set)
 * are permission faults; LDTR/STTR are not affected (D8.4, PSTATE.PAN).
 */
TEST_CASE(pan)
{
	void *p_user, *p_user_ro, *p_kernel, *p_xo;
	u64 user, user_ro, kernel, xo, block, v = 0;
	bool epan = read_sysreg(sctlr_el1) & BIT(57);
	struct fault f;

	if (!id_field(read_sysreg(id_aa64mmfr1_el1), MMFR1_PAN_SHIFT))
		return report_skip("ID_AA64MMFR1_EL1.PAN is 0");
	unprivileged_setup();
	user = map_alias(&p_user, NORMAL | PTE_PXN | PTE_UXN | AP_RW);
	user_ro = map_alias(&p_user_ro, NORMAL | PTE_PXN | PTE_UXN | AP_RO);
	kernel = map_alias(&p_kernel, NORMAL | PTE_PXN | PTE_UXN | AP_EL1_RW);
	xo = map_alias(&p_xo, NORMAL | PTE_PXN | AP_EL1_RW);
	block = map_block(2, p_user, NORMAL | PTE_PXN | PTE_UXN | AP_RW);

	write_sysreg(PSTATE_PAN, s3_0_c4_c2_3);
	isb();
	report_eq(read_sysreg(s3_0_c4_c2_3), PSTATE_PAN, "PSTATE.PAN reads 1");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(user) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(3), false, user),
		     "EL0 read/write page: LDR is a permission fault");
	f = fault_probe("str %0, [%1]", : : "r"(v), "r"(user) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(3), true, user),
		     "EL0 read/write page: STR is a permission fault");
	f = fault_probe("ldtr %0, [%1]", : "+r"(v) : "r"(user) : "memory");
	report_fault(f, FAULT_NONE, "EL0 read/write page: LDTR works");
	f = fault_probe("sttr %0, [%1]", : : "r"(v), "r"(user) : "memory");
	report_fault(f, FAULT_NONE, "EL0 read/write page: STTR works");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(user_ro) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(3), false, user_ro),
		     "EL0 read-only page: LDR is a permission fault");
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(kernel) : "memory");
	report_fault(f, FAULT_NONE, "EL1-only page: LDR works");
	f = fault_probe("str %0, [%1]", : : "r"(v), "r"(kernel) : "memory");
	report_fault(f, FAULT_NONE, "EL1-only page: STR works");
	/* SCTLR_EL1.EPAN (FEAT_PAN3) extends PAN to EL0-executable memory. */
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(xo) : "memory");
	report_fault(f, epan ? FAULT_DABT(FSC_PERM(3), false, xo) : FAULT_NONE,
		     "EL0 execute-only page (AP[2:1] 0, UXN 0), EPAN %d: LDR",
		     epan);
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(block) : "memory");
	report_fault(f, FAULT_DABT(FSC_PERM(2), false, block),
		     "EL0 read/write level 2 block: LDR is a permission "
		     "fault, level 2");
	write_sysreg(0, s3_0_c4_c2_3);
	isb();
	f = fault_probe("ldr %0, [%1]", : "+r"(v) : "r"(user) : "memory");
	report_fault(f, FAULT_NONE, "PAN cleared: LDR of the EL0 page works");
}

/* The EL0 code page: offsets of its entry points. */
#define EL0_SVC 0 /* svc #0 */
#define EL1_RET 8 /* ret, for calls from EL1 */
#define EL0_LOAD 16 /* ldr x0, [x0]; svc #0 */
#define EL0_STORE 24 /* str x0, [x0]; svc #0 */

static u64 map_el0_code(void **page)
{
	static const u32 svc = INSN_SVC0, ret = INSN_RET;
	static const u32 load[] = {INSN_LDR_X0_X0, INSN_SVC0};
	static const u32 store[] = {INSN_STR_X0_X0, INSN_SVC0};
	u64 va = map_alias(page, NORMAL | AP_RO | PTE_PXN);

	write_code(*page, EL0_SVC, &svc, 1);
	write_code(*page, EL1_RET, &ret, 1);
	write_code(*page, EL0_LOAD, load, ARRAY_SIZE(load));
	write_code(*page, EL0_STORE, store, ARRAY_SIZE(store));
	return va;
}

/*
 * Fetches at EL0 and EL1: UXN governs EL0, PXN EL1; EL0 may execute a page
 * it cannot read (AP[2:1] 0); EL1 never executes memory EL0 can write
 * (D8.4, instruction access permissions).
 */
TEST_CASE(el0_execute)
{
	void *code;
	u64 va = map_el0_code(&code), block;
	struct fault f;

	f = run_el0(va + EL0_SVC, 0);
	report_fault(f, FAULT_SVC0, "AP[2:1] 3, UXN 0: EL0 runs it (SVC #0)");
	f = fault_probe("blr %0", : : "r"(va + EL1_RET) : "x30", "memory");
	report_fault(f, FAULT_IABT(FSC_PERM(3), va + EL1_RET),
		     "AP[2:1] 3, PXN 1: EL1 fetch is a permission fault");

	pt_set_entry(&mmu_idmap, va, 3,
		     (u64)code | NORMAL | AP_RO | PTE_UXN | PTE_VALID |
			     PTE_TABLE);
	f = run_el0(va + EL0_SVC, 0);
	report_fault(f, FAULT_IABT_EL0(FSC_PERM(3), va + EL0_SVC),
		     "UXN 1: EL0 fetch is a permission fault, level 3");
	f = fault_probe("blr %0", : : "r"(va + EL1_RET) : "x30", "memory");
	report_fault(f, FAULT_NONE, "UXN 1, PXN 0: EL1 call returns");

	pt_set_entry(&mmu_idmap, va, 3,
		     (u64)code | NORMAL | AP_EL1_RW | PTE_PXN | PTE_VALID |
			     PTE_TABLE);
	f = run_el0(va + EL0_SVC, 0);
	report_fault(f, FAULT_SVC0,
		     "AP[2:1] 0, UXN 0: EL0 executes a page it cannot read");

	pt_set_entry(&mmu_idmap, va, 3,
		     (u64)code | NORMAL | AP_RW | PTE_VALID | PTE_TABLE);
	f = fault_probe("blr %0", : : "r"(va + EL1_RET) : "x30", "memory");
	report_fault(f, FAULT_IABT(FSC_PERM(3), va + EL1_RET),
		     "AP[2:1] 1 (EL0 writable), PXN 0: EL1 fetch is a "
		     "permission fault");
	f = run_el0(va + EL0_SVC, 0);
	report_fault(f, FAULT_SVC0, "AP[2:1] 1, UXN 0: EL0 runs it");

	block = map_block(2, code, NORMAL | AP_RO | PTE_PXN | PTE_UXN);
	f = run_el0(block + EL0_SVC, 0);
	report_fault(f, FAULT_IABT_EL0(FSC_PERM(2), block + EL0_SVC),
		     "level 2 block, UXN 1: EL0 fetch is a permission fault, "
		     "level 2");
	block = map_block(1, code, NORMAL | AP_RO | PTE_PXN);
	f = run_el0(block + EL0_SVC, 0);
	report_fault(f, FAULT_SVC0, "level 1 block, UXN 0: EL0 runs it");
	f = run_el0(L0_INVALID_VA, 0);
	report_fault(f, FAULT_IABT_EL0(FSC_TRANS(0), L0_INVALID_VA),
		     "EL0 fetch, invalid level 0 entry: translation fault, "
		     "level 0");
}

/* Loads and stores at EL0: AP[2:1] from EL0 itself (D8.4). */
TEST_CASE(el0_data)
{
	void *code, *p_kernel, *p_ro, *p_rw;
	u64 el0 = map_el0_code(&code);
	u64 kernel = map_alias(&p_kernel, NORMAL | PTE_PXN | PTE_UXN);
	u64 ro = map_alias(&p_ro, NORMAL | PTE_PXN | PTE_UXN | AP_RO);
	u64 rw = map_alias(&p_rw, NORMAL | PTE_PXN | PTE_UXN | AP_RW);
	u64 block = map_block(2, p_kernel, NORMAL | PTE_UXN | AP_EL1_RO);
	u64 gap = map_block(1, p_ro, NORMAL | PTE_UXN | AP_RO) + L1_SIZE;
	struct fault f;

	f = run_el0(el0 + EL0_LOAD, kernel + 8);
	report_fault(f, FAULT_DABT_EL0(FSC_PERM(3), false, kernel + 8),
		     "EL1-only page: EL0 load is a permission fault, level 3");
	f = run_el0(el0 + EL0_LOAD, ro + 8);
	report_fault(f, FAULT_SVC0, "EL0 read-only page: EL0 load works");
	f = run_el0(el0 + EL0_STORE, ro + 8);
	report_fault(f, FAULT_DABT_EL0(FSC_PERM(3), true, ro + 8),
		     "EL0 read-only page: EL0 store is a permission fault");
	f = run_el0(el0 + EL0_STORE, rw + 8);
	report_fault(f, FAULT_SVC0, "EL0 read/write page: EL0 store works");
	report_eq(*(volatile u64 *)((u8 *)p_rw + 8), rw + 8,
		  "and wrote the page");
	f = run_el0(el0 + EL0_LOAD, block);
	report_fault(f, FAULT_DABT_EL0(FSC_PERM(2), false, block),
		     "EL1-only level 2 block: EL0 load is a permission fault, "
		     "level 2");
	f = run_el0(el0 + EL0_LOAD, gap);
	report_fault(f, FAULT_DABT_EL0(FSC_TRANS(1), false, gap),
		     "EL0 load, invalid level 1 entry after a block: "
		     "translation fault, level 1");
}

/*
 * A second table set identity-maps RAM like mmu_idmap and maps SETS_VA to
 * another page. Nothing is printed while it is installed: it does not map
 * the console.
 */
TEST_CASE(table_sets)
{
	struct dt_region mem[8];
	struct page_table other;
	int n = dt_memory(mem, ARRAY_SIZE(mem));
	u64 *a = alloc_page(), *b = alloc_page();
	u64 old, via_other, via_idmap;

	assert(a && b && n > 0);
	*a = 0xa;
	*b = 0xb;
	pt_init(&other);
	for (int i = 0; i < n; i++)
		pt_map_range(&other, mem[i].addr, mem[i].addr, mem[i].size,
			     PROT_NORMAL);
	pt_map(&mmu_idmap, SETS_VA, (u64)a, 3, NORMAL | PTE_UXN);
	pt_map(&other, SETS_VA, (u64)b, 3, NORMAL | PTE_UXN);
	report_eq(*(volatile u64 *)SETS_VA, 0xa, "mmu_idmap maps page A");

	old = pt_switch(&other);
	via_other = *(volatile u64 *)SETS_VA;
	pt_switch(&mmu_idmap);
	via_idmap = *(volatile u64 *)SETS_VA;

	report_eq(old, (u64)mmu_idmap.root,
		  "pt_switch() returns the previous TTBR0_EL1");
	report_eq(via_other, 0xb, "the second set installed: page B");
	report_eq(via_idmap, 0xa, "mmu_idmap installed again: page A");
}
