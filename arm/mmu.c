/*
 * mmu: stage-1 translation faults as the guest sees them (Arm ARM D8.3
 * descriptors, D8.4 permissions, D8.5.1 access flag, D8.2.11 Device
 * memory alignment; ESR_EL1 DFSC/IFSC encodings in D13.2.37 and FAR_EL1 in
 * D13.2.40). Each check maps a fresh page at an otherwise unused virtual
 * address and expects the exact fault status code, level, WnR and FAR.
 */
#include <libtest.h>
#include <arm64/processor.h>
#include <arm64/fault.h>
#include <arm64/mmu.h>

#define TEST_VA 0x1000000000ULL /* 64 GiB: above any RAM here */
#define INSN_RET 0xd65f03c0

static u64 next_va = TEST_VA;

/* A fresh RAM page mapped at a new virtual address with PROT. */
static u64 map_alias(void **page, u64 prot)
{
	u64 va = next_va;

	next_va += 2 * PAGE_SIZE; /* leave an unmapped page after each */
	*page = alloc_page();
	assert(*page);
	mmu_map_page(va, (u64)*page, prot);
	mmu_flush_va(va);
	return va;
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
	mmu_set_pte(va, (u64)page | PROT_NORMAL | PTE_VALID | PTE_TABLE);
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
	mmu_set_pte(va,
		    (u64)page | PROT_NORMAL | PTE_PXN | PTE_VALID | PTE_TABLE);
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
