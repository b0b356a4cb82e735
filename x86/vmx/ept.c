// SPDX-License-Identifier: GPL-2.0-only
/*
 * ept.c: EPT and VPID (Intel SDM vol. 3C 29.3.2 EPT translation and entry
 * formats, 29.3.3.1 EPT misconfigurations, 29.3.3.2 EPT violations, 28.2.1
 * table 28-7 EPT-violation exit qualification, 29.3.4 accessed and dirty
 * flags, 25.6.11 and 27.2.1.1 EPTP validity at VM entry, 29.1 VPIDs and
 * 27.2.1.1 VPID 0, 31.3 INVEPT and INVVPID operand checks).
 *
 * L2 runs on a private copy of an identity EPT of the first 4 GiB
 * (write-back, 1-GiB pages where offered, else 2-MiB) built once; a case
 * changes the entry of one 4-KiB page and watches what L2's access to it
 * does.
 */
#include "vmx.h"

static struct page_table ept;
static u8 *page; /* the page whose EPT entry a case changes */

static u64 gb4(void)
{
	return 4ULL << 30;
}

/* A fresh EPT and VMCS with EPT on; SKIP when EPT is not offered. */
static bool ept_on(void)
{
	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 1)) {
		report_skip("enable EPT cannot be 1");
		return false;
	}
	if (!(vmx_caps()->ept_vpid & EPT_CAP_PWL4) ||
	    !(vmx_caps()->ept_vpid & EPT_CAP_WB)) {
		report_skip("4-level write-back EPT not offered (EPT_VPID_CAP "
			    "%#lx)",
			    vmx_caps()->ept_vpid);
		return false;
	}
	ept_identity_4g(&ept);
	if (!page)
		page = alloc_page();
	page[0] = 0x5a;
	vmcs_set_proc2(PROC2_EPT);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept));
	return true;
}

static u64 *leaf(u64 gpa)
{
	return pt_walk(&ept, gpa, PT_LEVEL_4K, false);
}

static void l2_read_page(struct l2_guest *l2)
{
	l2_record(l2, *(volatile u8 *)l2->arg);
}

static void l2_write_page(struct l2_guest *l2)
{
	*(volatile u8 *)l2->arg = 0xa5;
	l2_record(l2, 1);
}

static void l2_fetch_page(struct l2_guest *l2)
{
	l2_record(l2, ((u64(*)(void))l2->arg)());
}

static struct vmx_exit run_on_page(l2_fn_t fn, void *arg)
{
	l2_init(&vcpu.l2, fn, arg);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
	return vmx_run(&vcpu, NULL);
}

struct violation_row {
	const char *name;
	u64 perms; /* the page's EPT permissions */
	l2_fn_t fn;
	u64 access; /* qualification bits 2:0 */
	u64 exec_only; /* needs EPT_CAP_EXEC_ONLY */
};

static const struct violation_row violation_rows[] = {
	{"read_none", 0, l2_read_page, EPT_VQ_READ, 0},
	{"write_ro", EPT_R | EPT_X, l2_write_page, EPT_VQ_WRITE, 0},
	{"write_none", 0, l2_write_page, EPT_VQ_WRITE, 0},
	{"fetch_rw", EPT_R | EPT_W, l2_fetch_page, EPT_VQ_FETCH, 0},
	{"read_xo", EPT_X, l2_read_page, EPT_VQ_READ, EPT_CAP_EXEC_ONLY},
};

/*
 * 29.3.3.2, 28.2.1: an access the EPT entry does not allow exits with
 * reason 48; the qualification says which access (bits 2:0), what the
 * translation allows (bits 5:3), that the linear address is valid (bit 7)
 * and that the access was to the translated address, not a guest paging
 * structure (bit 8); the guest-physical and linear addresses are saved.
 * After L1 grants the access and INVEPT, L2 completes it.
 */
TEST_VARIANTS(violation_29_3_3_2, violation_rows, .fixture = &vmx_env)
{
	u64 want, gpa;
	struct vmx_exit e;

	if (!ept_on())
		return;
	gpa = vmx_pa(page) + 0x10;
	if (variant->exec_only && !(vmx_caps()->ept_vpid & EPT_CAP_EXEC_ONLY))
		return report_skip("execute-only EPT pages not offered");
	page[0x10] = 0xc3; /* RET, for the fetch */
	ept_set_4k(&ept, gpa, variant->perms);
	e = run_on_page(variant->fn, page + 0x10);
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	want = variant->access | variant->perms << 3 | EPT_VQ_GLA_VALID |
	       EPT_VQ_TRANSLATED;
	report_eq(e.qual & 0x1bf, want,
		  "qualification bits 8:7, 5:0 (access, permissions, GLA)");
	report_eq(e.gpa, gpa, "guest-physical address");
	report_eq(e.gla, gpa, "guest linear address");
	*leaf(gpa) |= EPT_RWX;
	report_vmx(invept(INVEPT_SINGLE, ept_pointer(&ept)), VMX_OK,
		   "INVEPT single-context");
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->count, 1, "L2 completed the access");
}

/* 29.3.3.2: execute-only pages can be fetched (when offered). */
TEST_CASE(exec_only_29_3_2, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!ept_on())
		return;
	if (!(vmx_caps()->ept_vpid & EPT_CAP_EXEC_ONLY))
		return report_skip("execute-only EPT pages not offered");
	page[0x20] = 0xb8; /* mov $0x42, %eax; ret */
	page[0x21] = 0x42;
	page[0x22] = page[0x23] = page[0x24] = 0;
	page[0x25] = 0xc3;
	ept_set_4k(&ept, vmx_pa(page), EPT_X);
	e = run_on_page(l2_fetch_page, page + 0x20);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->value[0], 0x42,
		  "L2 ran code on an execute-only page");
}

struct misconfig_row {
	const char *name;
	u64 clear, set;
};

static const struct misconfig_row misconfig_rows[] = {
	{"write_only", EPT_RWX, EPT_W},
	{"write_exec", EPT_RWX, EPT_W | EPT_X},
	{"memtype_2", 7 << EPT_MT_SHIFT, 2 << EPT_MT_SHIFT},
	{"memtype_7", 7 << EPT_MT_SHIFT, 7 << EPT_MT_SHIFT},
	{"reserved_bit51", 0, BIT(51)},
};

/*
 * 29.3.3.1: an entry that is writable but not readable, a reserved
 * memory type (2, 3, 7) or a reserved address bit (51:MAXPHYADDR) is a
 * misconfiguration: exit 49 with the guest-physical address.
 */
TEST_VARIANTS(misconfig_29_3_3_1, misconfig_rows, .fixture = &vmx_env)
{
	u64 gpa;
	struct vmx_exit e;

	if (!ept_on())
		return;
	gpa = vmx_pa(page) + 0x30;
	if (variant->set == BIT(51) && cpu_phys_bits() > 51)
		return report_skip("MAXPHYADDR %u leaves bit 51 legal",
				   cpu_phys_bits());
	ept_set_4k(&ept, gpa, EPT_RWX);
	*leaf(gpa) = (*leaf(gpa) & ~variant->clear) | variant->set;
	e = run_on_page(l2_read_page, page + 0x30);
	check_exit(&e, EXIT_REASON_EPT_MISCONFIG);
	report_eq(e.gpa, gpa, "guest-physical address");
}

/*
 * 29.3.2: a 2-MiB EPT page's permissions apply to all of it (a 2-MiB
 * block of its own, so that L2's code and stack stay writable; a 1-GiB
 * identity page around it is split first).
 */
TEST_CASE(large_page_29_3_2, .fixture = &vmx_env)
{
	static u8 *block;
	u64 gpa, *pde;
	struct vmx_exit e;

	if (!ept_on())
		return;
	if (!block)
		block = alloc_pages(9);
	assert(block);
	gpa = vmx_pa(block) + 0x7008;
	ept_split(&ept, gpa, PT_LEVEL_2M);
	pde = pt_walk(&ept, gpa, PT_LEVEL_2M, false);
	report(pde && (*pde & EPT_LARGE),
	       "the page is mapped by a 2-MiB entry");
	if (!pde)
		return;
	*pde &= ~EPT_W;
	e = run_on_page(l2_write_page, (void *)gpa);
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	report_eq(e.qual & 0x1bf,
		  EPT_VQ_WRITE | EPT_VQ_READABLE | EPT_VQ_EXECUTABLE |
			  EPT_VQ_GLA_VALID | EPT_VQ_TRANSLATED,
		  "write to a read/execute 2-MiB page");
	report_eq(e.gpa, gpa, "guest-physical address");
	*pde |= EPT_W;
}

#define GIB1 (1ULL << 30)

/*
 * 29.3.2: a 1-GiB EPT page (EPT_VPID_CAP[17]) is a PDPTE with bit 7; its
 * permissions apply to all of it. L2 writes into the read/execute GiB at
 * 1 GiB, beyond the RAM, so the violation comes before any access.
 */
TEST_CASE(gib_page_29_3_2, .fixture = &vmx_env)
{
	u64 gpa = GIB1 + 0x5008, *pdpte;
	struct vmx_exit e;

	if (!ept_on())
		return;
	if (!(vmx_caps()->ept_vpid & EPT_CAP_1G))
		return report_skip("1-GiB EPT pages not offered");
	pdpte = pt_walk(&ept, gpa, PT_LEVEL_1G, false);
	report(pdpte && (*pdpte & EPT_LARGE),
	       "1 GiB at 1 GiB is mapped by a 1-GiB entry");
	if (!pdpte)
		return;
	*pdpte &= ~EPT_W;
	e = run_on_page(l2_write_page, (void *)gpa);
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	report_eq(e.qual & 0x1bf,
		  EPT_VQ_WRITE | EPT_VQ_READABLE | EPT_VQ_EXECUTABLE |
			  EPT_VQ_GLA_VALID | EPT_VQ_TRANSLATED,
		  "write to a read/execute 1-GiB page");
	report_eq(e.gpa, gpa, "guest-physical address");
}

#define WALK_VA 0x8000000000ULL /* 512 GiB: PML4 entry 1 */

/*
 * Guest page tables for L2, built once: the first 4 GiB identity-mapped
 * with 2-MiB pages, and WALK_VA with a 4-KiB page onto PAGE; *TABLE gets
 * the address of the table holding WALK_VA's PTE. Accessed and dirty
 * flags are set.
 */
static u64 guest_tables(u64 *table)
{
	static struct page_table gpt;
	static u64 pt;

	if (gpt.root) {
		*table = pt;
		return vmx_pa(gpt.root);
	}
	gpt.root = alloc_page();
	gpt.levels = 4;
	assert(gpt.root);
	for (u64 a = 0; a < gb4(); a += pt_level_size(PT_LEVEL_2M))
		*pt_walk(&gpt, a, PT_LEVEL_2M, true) =
			a | PT_P | PT_RW | PT_PS | PT_A | PT_D;
	*pt_walk(&gpt, WALK_VA, PT_LEVEL_4K, true) =
		vmx_pa(page) | PT_P | PT_RW | PT_A | PT_D;
	for (int l = 2; l <= 4; l++)
		*pt_walk(&gpt, WALK_VA, l, false) |= PT_A;
	pt = *pt_walk(&gpt, WALK_VA, PT_LEVEL_2M, false) & PT_ADDR_MASK;
	*table = pt;
	return vmx_pa(gpt.root);
}

/*
 * 28.2.1, 29.3.3.2: when the access that faults is the guest's own page
 * walk, bit 8 of the qualification is 0 (bit 7 stays 1) and the
 * guest-physical address is that of the paging-structure entry. With EPT
 * A/D flags on, that access counts as a write (bit 1; 29.3.4).
 */
TEST_CASE(guest_walk_28_2_1, .fixture = &vmx_env)
{
	u64 table;
	struct vmx_exit e;

	if (!ept_on())
		return;
	vmcs_write(VMCS_GUEST_CR3, guest_tables(&table));
	ept_set_4k(&ept, table, 0);
	e = run_on_page(l2_read_page, (void *)(WALK_VA + 0x40));
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	report_eq(e.qual & (EPT_VQ_GLA_VALID | EPT_VQ_TRANSLATED),
		  EPT_VQ_GLA_VALID, "bit 7 = 1, bit 8 = 0: a guest page walk");
	report_eq(e.gpa & ~7ULL, table + pt_index(WALK_VA, PT_LEVEL_4K) * 8,
		  "guest-physical address of the PTE");
	report_eq(e.gla, WALK_VA + 0x40, "guest linear address");
	*leaf(table) |= EPT_RWX;
	invept(INVEPT_ALL, 0);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vcpu.l2.results->value[0], page[0x40], "L2 read the page");

	/* With EPT A/D the walk's accesses are writes (29.3.4): bit 1. */
	if (!(vmx_caps()->ept_vpid & EPT_CAP_AD))
		return report_skip("EPT accessed and dirty flags not offered");
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_EPT);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept) | EPTP_AD);
	vmcs_write(VMCS_GUEST_CR3, guest_tables(&table));
	ept_set_4k(&ept, table, EPT_R | EPT_X);
	invept(INVEPT_ALL, 0);
	e = run_on_page(l2_read_page, (void *)(WALK_VA + 0x40));
	check_exit(&e, EXIT_REASON_EPT_VIOLATION);
	report_eq(e.qual &
			  (EPT_VQ_WRITE | EPT_VQ_GLA_VALID | EPT_VQ_TRANSLATED),
		  EPT_VQ_WRITE | EPT_VQ_GLA_VALID,
		  "A/D on: a write to a read-only guest paging structure");
}

/*
 * 29.3.4: with EPTP[6] = 1 the processor sets the accessed flag of the
 * EPT entries it uses and the dirty flag of a leaf it writes through; its
 * accesses to guest paging structures count as writes.
 */
TEST_CASE(accessed_dirty_29_3_4, .fixture = &vmx_env)
{
	u64 gpa, table;
	struct vmx_exit e;

	if (!ept_on())
		return;
	gpa = vmx_pa(page) + 0x50;
	if (!(vmx_caps()->ept_vpid & EPT_CAP_AD))
		return report_skip("EPT accessed and dirty flags not offered");
	ept_set_4k(&ept, gpa, EPT_RWX);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept) | EPTP_AD);
	e = run_on_page(l2_read_page, page + 0x50);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(*leaf(gpa) & (EPT_A | EPT_D), EPT_A, "read: A set, D clear");
	report_vmx(invept(INVEPT_SINGLE, ept_pointer(&ept) | EPTP_AD), VMX_OK,
		   "INVEPT");
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_EPT);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept) | EPTP_AD);
	e = run_on_page(l2_write_page, page + 0x50);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(*leaf(gpa) & (EPT_A | EPT_D), EPT_A | EPT_D,
		  "write: A and D set");

	/* Guest paging-structure accesses count as writes (29.3.4). */
	vmx_vmcs_reset(&vcpu);
	vmcs_set_proc2(PROC2_EPT);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept) | EPTP_AD);
	vmcs_write(VMCS_GUEST_CR3, guest_tables(&table));
	ept_set_4k(&ept, table, EPT_RWX);
	invept(INVEPT_ALL, 0);
	e = run_on_page(l2_read_page, (void *)(WALK_VA + 0x50));
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(*leaf(table) & (EPT_A | EPT_D), EPT_A | EPT_D,
		  "a read through L2's page tables: their page is A and D");
	report_eq(*leaf(gpa) & EPT_D, EPT_D, "the data page stays dirty");
}

struct eptp_row {
	const char *name;
	u64 clear, set;
};

static const struct eptp_row eptp_rows[] = {
	{"memtype_1", 7, 1},
	{"memtype_7", 7, 7},
	{"walk_length_2", 7 << 3, 1 << 3},
	{"reserved_bit8", 0, BIT(8)},
	{"reserved_bit11", 0, BIT(11)},
};

/*
 * 27.2.1.1, 25.6.11: an EPTP with an unsupported memory type, a walk
 * length other than 4 (or 5 when offered) or a reserved bit (11:8) set
 * fails VM entry with VMfailValid(7), and INVEPT with error 28.
 */
TEST_VARIANTS(eptp_27_2_1_1, eptp_rows, .fixture = &vmx_env)
{
	u64 eptp;
	struct vmx_exit e;

	if (!ept_on())
		return;
	eptp = (ept_pointer(&ept) & ~variant->clear) | variant->set;
	vmcs_write(VMCS_EPTP, eptp);
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS), "EPTP %#lx", eptp);
	report_vmx(invept(INVEPT_SINGLE, eptp), VMX_FAIL(VMXERR_INV_OPERAND),
		   "INVEPT single-context with EPTP %#lx", eptp);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept));
	e = vmx_run(&vcpu, l2_nothing);
	check_exit(&e, EXIT_REASON_VMCALL);
}

/* 31.3 INVEPT: supported types succeed, others fail with error 28. */
TEST_CASE(invept_31_3, .fixture = &vmx_env)
{
	u64 cap = vmx_caps()->ept_vpid;

	if (!ept_on())
		return;
	if (!(cap & EPT_CAP_INVEPT))
		return report_skip("INVEPT not offered");
	report_vmx(invept(INVEPT_SINGLE, ept_pointer(&ept)),
		   cap & EPT_CAP_INVEPT_SINGLE ? VMX_OK
					       : VMX_FAIL(VMXERR_INV_OPERAND),
		   "single-context");
	report_vmx(invept(INVEPT_ALL, 0),
		   cap & EPT_CAP_INVEPT_ALL ? VMX_OK
					    : VMX_FAIL(VMXERR_INV_OPERAND),
		   "all-context");
	report_vmx(invept(0, 0), VMX_FAIL(VMXERR_INV_OPERAND), "type 0");
	report_vmx(invept(3, 0), VMX_FAIL(VMXERR_INV_OPERAND), "type 3");
}

/*
 * 31.3 INVVPID: types the capability MSR offers succeed with a valid
 * operand; VPID 0 (except all-context), a non-canonical address for the
 * individual-address type, and unsupported types fail with error 28.
 */
TEST_CASE(invvpid_31_3, .fixture = &vmx_env)
{
	u64 cap = vmx_caps()->ept_vpid;
	u16 vpid = vpid_alloc();

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 5) || !(cap & VPID_CAP_INVVPID))
		return report_skip("VPID or INVVPID not offered");
	if (cap & VPID_CAP_INVVPID_ADDR) {
		report_vmx(invvpid(INVVPID_ADDR, vpid, 0x1000), VMX_OK,
			   "individual-address");
		report_vmx(invvpid(INVVPID_ADDR, 0, 0x1000),
			   VMX_FAIL(VMXERR_INV_OPERAND),
			   "individual-address, VPID 0");
		report_vmx(invvpid(INVVPID_ADDR, vpid, BIT(62)),
			   VMX_FAIL(VMXERR_INV_OPERAND),
			   "individual-address, non-canonical address");
	}
	if (cap & VPID_CAP_INVVPID_SINGLE) {
		report_vmx(invvpid(INVVPID_SINGLE, vpid, 0), VMX_OK,
			   "single-context");
		report_vmx(invvpid(INVVPID_SINGLE, 0, 0),
			   VMX_FAIL(VMXERR_INV_OPERAND),
			   "single-context, VPID 0");
	}
	if (cap & VPID_CAP_INVVPID_ALL)
		report_vmx(invvpid(INVVPID_ALL, 0, 0), VMX_OK,
			   "all-context (VPID ignored)");
	if (cap & VPID_CAP_INVVPID_SINGLE_NG) {
		report_vmx(invvpid(INVVPID_SINGLE_NG, vpid, 0), VMX_OK,
			   "single-context retaining globals");
		report_vmx(invvpid(INVVPID_SINGLE_NG, 0, 0),
			   VMX_FAIL(VMXERR_INV_OPERAND),
			   "single-context retaining globals, VPID 0");
	}
	report_vmx(invvpid(4, vpid, 0), VMX_FAIL(VMXERR_INV_OPERAND), "type 4");
}

/* 27.2.1.1: with "enable VPID" the VPID must not be 0. */
TEST_CASE(vpid_zero_27_2_1_1, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 5))
		return report_skip("enable VPID cannot be 1");
	vmcs_set_proc2(PROC2_VPID);
	vmcs_write(VMCS_VPID, 0);
	e = vmx_run(&vcpu, l2_nothing);
	report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS), "VPID 0");
	vmcs_write(VMCS_VPID, vpid_alloc());
	e = vmx_run(&vcpu, l2_nothing);
	check_exit(&e, EXIT_REASON_VMCALL);
}
