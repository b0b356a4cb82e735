// SPDX-License-Identifier: GPL-2.0-only
/*
 * npt.c: nested paging (AMD APM vol. 2 15.25): nested #PF exits with
 * EXITINFO1 (15.25.6: P, RW, US, RSVD, ID, and bit 32 / bit 33 for a
 * fault on the final guest physical address or on a guest page-table
 * access) and EXITINFO2 (the guest physical address); 4 KiB, 2 MiB and
 * 1 GiB nested pages (15.25.3, long-mode format 5.3); accessed and dirty
 * bits set in nested entries by L2's accesses and by its own page walks
 * (15.25.5); NX in the nested tables; nested CR3 switches with ASIDs
 * (15.16, 15.25.3) and N_CR3 reloaded when its clean bit is 0 (15.15.1);
 * L2 in 32-bit protected mode with PAE and with 32-bit
 * paging under the NPT.
 *
 * L2 runs on a page table of its own (gpt): guest virtual [0, 2 GiB) is
 * guest physical [0, 2 GiB), in 4 KiB pages from 1 GiB to 1 GiB + 2 MiB
 * (ALIAS_VA is one: its guest page-table page is known), in 2 MiB pages
 * elsewhere. The NPT maps guest physical [0, 1 GiB) to the same host
 * addresses (svm_npt_enable()).
 */
#include "svmtest.h"
#include <alloc.h>

#define GIB (1ULL << 30)
#define MIB2 (2ULL << 20)
#define ALIAS_VA (GIB + 0x1000) /* in gpt: a 4 KiB page */
#define NPF_USER_READ (NPF_FINAL_GPA | NPF_US)

static struct page_table gpt;
static u64 *data; /* a host page, identity-mapped in the NPT */
static u64 *data2;

/* svm_env, and the guest page table and data pages built once. */
static bool npt_env_enter(void)
{
	if (!svm_env_enter())
		return false;
	if (!gpt.root) {
		pt_init(&gpt);
		pt_map_range(&gpt, 0, 0, GIB, PT_LEVEL_2M, PT_P | PT_RW);
		pt_map_range(&gpt, GIB, GIB, MIB2, PT_LEVEL_4K, PT_P | PT_RW);
		pt_map_range(&gpt, GIB + MIB2, GIB + MIB2, GIB - MIB2,
			     PT_LEVEL_2M, PT_P | PT_RW);
		data = alloc_page();
		data2 = alloc_page();
		assert(data && data2);
	}
	memset(data, 0, PAGE_SIZE);
	return true;
}

TEST_FIXTURE_UNLESS(npt_env, svm_unavailable, npt_env_enter, svm_env_leave);

/* L2 accesses: l2->arg is the address. */
static void l2_read(struct l2_guest *l2)
{
	l2_record(l2, *(volatile u64 *)l2->arg);
}

static void l2_write(struct l2_guest *l2)
{
	*(volatile u64 *)l2->arg = 0x5a5a;
}

static void l2_call(struct l2_guest *l2)
{
	((void (*)(void))l2->arg)();
}

/* VCPU for L2 running FN(ARG) on gpt under the identity NPT. */
static void npt_vcpu(l2_fn_t fn, void *arg)
{
	data[0] = 0x1111;
	data2[0] = 0x2222;
	svm_vcpu_reset(&vcpu, fn, arg);
	svm_npt_enable(&vcpu);
	vcpu.vmcb->save.cr3 = (u64)gpt.root;
}

/* The guest PTE that maps ALIAS_VA, and the gpt page that holds it. */
static u64 *alias_gpte(void)
{
	return pt_walk(&gpt, ALIAS_VA, PT_LEVEL_4K, false);
}

static void npf_exit(struct svm_exit e, u64 info1, u64 gpa)
{
	if (report_eq(e.code, SVM_EXIT_NPF, "nested #PF exit")) {
		report_eq(e.info1, info1, "EXITINFO1");
		report_eq(e.info2, gpa, "EXITINFO2: guest physical address");
	}
}
#define check_npf(e, info1, gpa) report_here(npf_exit(e, info1, gpa))

/* 15.25.6: the final guest physical address is not present (read). */
TEST_CASE(npf_not_present, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	npt_vcpu(l2_read, (u8 *)data + 0x18);
	*svm_npt_pte(&vcpu, (u64)data) &= ~PT_P;
	check_npf(svm_run(&vcpu), NPF_USER_READ, (u64)data + 0x18);
}

/* A write to a page the NPT maps read-only: P = 1, RW = 1. */
TEST_CASE(npf_write_protect, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	npt_vcpu(l2_write, (u8 *)data + 0x20);
	*svm_npt_pte(&vcpu, (u64)data) &= ~PT_RW;
	check_npf(svm_run(&vcpu), NPF_USER_READ | NPF_P | NPF_RW,
		  (u64)data + 0x20);
	report_eq(data[4], 0, "the write did not happen");
}

/* A reserved bit (bit 51 of the nested PTE): P = 1, RSVD = 1. */
TEST_CASE(npf_reserved, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	if (cpu_phys_bits() > 51)
		return report_skip("MAXPHYADDR 52: bit 51 is not reserved");
	npt_vcpu(l2_read, data);
	*svm_npt_pte(&vcpu, (u64)data) |= BIT(51);
	check_npf(svm_run(&vcpu), NPF_USER_READ | NPF_P | NPF_RSVD, (u64)data);
}

/*
 * NX in the nested PTE with the host's EFER.NXE = 1: an instruction
 * fetch faults with P = 1, ID = 1 (15.25.6).
 */
TEST_CASE(npf_nx_fetch, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT, X86_FEATURE_NX))
{
	u64 efer = rdmsr(MSR_EFER);

	wrmsr(MSR_EFER, efer | EFER_NXE);
	*(u8 *)data = 0xc3; /* RET */
	npt_vcpu(l2_call, data);
	vcpu.vmcb->save.efer |= EFER_NXE;
	*svm_npt_pte(&vcpu, (u64)data) |= PT_NX;
	check_npf(svm_run(&vcpu), NPF_USER_READ | NPF_P | NPF_ID, (u64)data);
	wrmsr(MSR_EFER, efer);
}

/*
 * A fault on the guest's own page walk: the gpt page that holds the PTE
 * of ALIAS_VA is not present in the NPT. EXITINFO1 bit 33 (not 32), and
 * EXITINFO2 is in that page (the entry's guest physical address).
 */
TEST_CASE(npf_guest_walk, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	u64 table;
	struct svm_exit e;

	npt_vcpu(l2_read, (void *)ALIAS_VA);
	*alias_gpte() = (u64)data | PT_P | PT_RW;
	table = (u64)alias_gpte() & ~0xfffULL;
	*svm_npt_pte(&vcpu, table) &= ~PT_P;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_NPF, "nested #PF exit"))
		return;
	report_eq(e.info1 & (NPF_FINAL_GPA | NPF_GUEST_TABLE | NPF_P),
		  NPF_GUEST_TABLE,
		  "EXITINFO1: guest table access, not present");
	report_eq(e.info1 & NPF_US, NPF_US, "EXITINFO1: US (15.25.5)");
	report_eq(e.info2 & ~0xfffULL, table,
		  "EXITINFO2 in the guest page-table page");
}

/*
 * 15.25.5: L2's read sets A, its write sets D in the nested PTE of the
 * page; its walk through a guest PTE with A = 0 writes that PTE, so the
 * nested PTE of the guest page-table page gets A and D.
 */
TEST_CASE(nested_ad_bits, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	u64 *npte, *table_npte;

	npt_vcpu(l2_read, data);
	npte = svm_npt_pte(&vcpu, (u64)data);
	*npte &= ~(PT_A | PT_D);
	check_runs_to_end("read");
	report_eq(*npte & (PT_A | PT_D), PT_A, "read: A set, D clear");

	npt_vcpu(l2_write, data);
	npte = svm_npt_pte(&vcpu, (u64)data);
	*npte &= ~(PT_A | PT_D);
	check_runs_to_end("write");
	report_eq(*npte & (PT_A | PT_D), PT_A | PT_D, "write: A and D set");
	report_eq(data[0], 0x5a5a, "the write reached the page");

	npt_vcpu(l2_read, (void *)ALIAS_VA);
	*alias_gpte() = (u64)data | PT_P | PT_RW;
	table_npte = svm_npt_pte(&vcpu, (u64)alias_gpte() & ~0xfffULL);
	*table_npte &= ~(PT_A | PT_D);
	check_runs_to_end("read through a guest PTE with A = 0");
	report_eq(*alias_gpte() & PT_A, PT_A, "guest PTE: A set");
	report_eq(*table_npte & (PT_A | PT_D), PT_A | PT_D,
		  "nested PTE of the guest table page: A and D set");
}

static const struct size_row {
	const char *name;
	int level;
} size_rows[] = {
	{"4K", PT_LEVEL_4K},
	{"2M", PT_LEVEL_2M},
	{"1G", PT_LEVEL_1G},
};

/*
 * 15.25.3: a nested page of each size at guest physical 1 GiB maps the
 * host page, 2 MiB or 1 GiB that holds data: L2 reads data there.
 */
TEST_VARIANTS(nested_page_size, size_rows, .fixture = &npt_env,
	      .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	u64 size = pt_level_size(variant->level);
	u64 host = (u64)data & ~(size - 1);
	u64 gpa = GIB + ((u64)data & (size - 1));

	if (variant->level == PT_LEVEL_1G && !cpu_has(X86_FEATURE_GBPAGES))
		return report_skip("pdpe1gb not enumerated: no 1 GiB pages");
	npt_vcpu(l2_read, (void *)(gpa + 8));
	data[1] = 0xfeed;
	pt_map(&vcpu.npt, GIB, host, variant->level, PT_P | PT_RW | PT_US);
	check_runs_to_end("read through the nested page");
	report_eq(vcpu.l2.results->value[0], 0xfeed, "L2 read host data");
}

/*
 * 15.16 and 15.25.3: two nested CR3s map guest physical GIB to different
 * host pages, each under its own ASID: switching N_CR3 with the ASID and
 * no flush, L2 sees each table's page every time.
 */
TEST_CASE(ncr3_switch_asid, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	struct page_table a, b;
	u32 asid_a = svm_asid_alloc(), asid_b = svm_asid_alloc();

	npt_vcpu(l2_read, (void *)GIB);
	pt_map(&vcpu.npt, GIB, (u64)data, PT_LEVEL_4K, PT_P | PT_RW | PT_US);
	a = vcpu.npt;
	svm_npt_enable(&vcpu);
	pt_map(&vcpu.npt, GIB, (u64)data2, PT_LEVEL_4K, PT_P | PT_RW | PT_US);
	b = vcpu.npt;
	for (int i = 0; i < 4; i++) {
		bool use_a = !(i & 1);

		npt_vcpu(l2_read, (void *)GIB);
		vcpu.vmcb->control.n_cr3 = (u64)(use_a ? a.root : b.root);
		vcpu.vmcb->control.asid = use_a ? asid_a : asid_b;
		vcpu.vmcb->control.tlb_control = TLB_CONTROL_NONE;
		if (!check_runs_to_end(use_a ? "table A" : "table B"))
			return;
		report_eq(vcpu.l2.results->value[0], use_a ? 0x1111 : 0x2222,
			  "run %d: the page of table %c", i, use_a ? 'A' : 'B');
	}
}

/*
 * 15.15.1 with the NP group (15.15.3 figure 15-4 bit 4: N_CR3, G_PAT):
 * "Clean bits that are set to zero are always honored". L2 reads guest
 * physical GIB through table A, exits; L1 points N_CR3 at table B (GIB
 * mapped to another host page) and marks only NP dirty (TLB_CONTROL
 * flushes all, as after every reset): L2's second read goes through B.
 */
static void l2_read_around_exit(struct l2_guest *l2)
{
	volatile u64 *p = l2->arg;

	l2_record(l2, *p);
	l2_exit();
	l2_record(l2, *p);
}

TEST_CASE(clean_bit_dirty_ncr3, .fixture = &npt_env,
	  .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	struct page_table a;
	struct svm_exit e;

	npt_vcpu(l2_read_around_exit, (void *)GIB);
	pt_map(&vcpu.npt, GIB, (u64)data, PT_LEVEL_4K, PT_P | PT_RW | PT_US);
	a = vcpu.npt;
	svm_npt_enable(&vcpu);
	pt_map(&vcpu.npt, GIB, (u64)data2, PT_LEVEL_4K, PT_P | PT_RW | PT_US);
	vcpu.vmcb->control.n_cr3 = (u64)a.root;
	vcpu.vmcb->control.clean = 0;
	e = svm_run(&vcpu);
	if (!report_eq(e.code, SVM_EXIT_VMMCALL, "first run exits") ||
	    !report_eq(vcpu.l2.results->value[0], 0x1111, "read via table A"))
		return;
	vcpu.vmcb->control.n_cr3 = (u64)vcpu.npt.root;
	vcpu.vmcb->control.clean = ~(u32)VMCB_CLEAN_NP;
	svm_skip(&vcpu, L2_EXIT_INSN_LEN);
	check_runs_to_end("N_CR3 marked dirty");
	report_eq(vcpu.l2.results->value[1], 0x2222, "read via table B");
}

/*
 * L2 in 32-bit protected mode (EFER.LME = 0) with PAE or 32-bit paging
 * under the NPT (15.25.3: the guest may use any paging mode; its tables
 * are guest physical). It loads from EBX into EAX and leaves with
 * VMMCALL. Its tables map ALIAS32_VA to guest physical GIB + 0x1000,
 * which the NPT maps to data: two non-identity layers.
 */
#define ALIAS32_VA 0x40001000U

asm(".pushsection .text\n"
    ".code32\n"
    "l2_load32: mov (%ebx), %eax\n\t"
    "vmmcall\n\t"
    "ud2\n"
    ".code64\n"
    ".popsection");
extern char l2_load32[];

static const struct legacy_row {
	const char *name;
	bool pae;
	bool walk_fault; /* the guest PT page not present in the NPT */
} legacy_rows[] = {
	{"pae", true, false},
	{"pae_walk_fault", true, true},
	{"paging32", false, false},
	{"paging32_walk_fault", false, true},
};

/* Guest tables for ALIAS32_VA; returns CR3, *PT the page-table page. */
static u64 legacy_tables(bool pae, u64 *pt_page)
{
	u64 *pdpt = alloc_page(), *pd0 = alloc_page(), *pd1 = alloc_page();
	u64 *pt = alloc_page();
	u32 *pd32 = (u32 *)pd0, *pt32 = (u32 *)pt;

	assert(pdpt && pd0 && pd1 && pt);
	*pt_page = (u64)pt;
	if (pae) {
		/* PDPTEs: P only (bits 1, 2 and 5-8 reserved, 4.4.1 / 5.2). */
		pdpt[0] = (u64)pd0 | PT_P;
		pdpt[1] = (u64)pd1 | PT_P;
		for (int i = 0; i < 512; i++)
			pd0[i] = (u64)i << 21 | PT_P | PT_RW | PT_PS;
		pd1[0] = (u64)pt | PT_P | PT_RW;
		pt[1] = (GIB + 0x1000) | PT_P | PT_RW;
		return (u64)pdpt;
	}
	for (int i = 0; i < 256; i++)
		pd32[i] = (u32)i << 22 | PT_P | PT_RW | PT_PS;
	pd32[ALIAS32_VA >> 22] = (u32)(u64)pt | PT_P | PT_RW;
	pt32[1] = (u32)(GIB + 0x1000) | PT_P | PT_RW;
	return (u64)pd32;
}

TEST_VARIANTS(legacy_guest_paging, legacy_rows, .fixture = &npt_env,
	      .features = CPU_FEATURES(X86_FEATURE_NPT))
{
	struct vmcb_save *g;
	struct nested_seg cs = nested_seg_from_gdt(KERNEL_CS32);
	struct svm_exit e;
	u64 pt;

	npt_vcpu(svm_l2_nop, NULL);
	g = &vcpu.vmcb->save;
	g->cr3 = legacy_tables(variant->pae, &pt);
	g->efer = EFER_SVME;
	g->cr4 = variant->pae ? X86_CR4_PAE : X86_CR4_PSE;
	g->cs.sel = cs.sel;
	g->cs.attr = cs.attr;
	g->cs.limit = cs.limit;
	g->cs.base = cs.base;
	g->rip = (u64)l2_load32;
	vcpu.gprs.rbx = ALIAS32_VA;
	vcpu.vmcb->control.intercept_exceptions = ~0U;
	vcpu.vmcb->control.intercept_misc1 |= INTERCEPT_SHUTDOWN;
	pt_map(&vcpu.npt, GIB + 0x1000, (u64)data, PT_LEVEL_4K,
	       PT_P | PT_RW | PT_US);
	data[0] = 0x13572468;
	if (variant->walk_fault)
		*svm_npt_pte(&vcpu, pt) &= ~PT_P;
	e = svm_run(&vcpu);
	if (variant->walk_fault) {
		if (!report_eq(e.code, SVM_EXIT_NPF, "nested #PF exit"))
			return;
		report_eq(e.info1 & (NPF_FINAL_GPA | NPF_GUEST_TABLE | NPF_P),
			  NPF_GUEST_TABLE,
			  "EXITINFO1: guest table access, not present");
		report_eq(e.info2 & ~0xfffULL, pt,
			  "EXITINFO2 in the guest page-table page");
		return;
	}
	if (!report_eq(e.code, SVM_EXIT_VMMCALL, "L2 reached VMMCALL"))
		return;
	report_eq((u32)vcpu.vmcb->save.rax, 0x13572468,
		  "L2 read data through its tables and the NPT");
}
