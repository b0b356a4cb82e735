// SPDX-License-Identifier: GPL-2.0-only
/*
 * entry_checks.c: the checks VM entry makes (Intel SDM vol. 3C 27.2.1 VMX
 * controls, 27.2.2-27.2.4 host state and address-space size, 27.3.1 guest
 * state with 27.3.1.6 the PDPTEs of a PAE guest and 26.6 unrestricted
 * guests, 27.4 MSR loading, 27.8 entry failures and their qualification;
 * and, as lists like 27.4's, 28.4 and 28.6 the VM-exit MSR lists).
 * Controls are table-driven from the capability MSRs (appendix A.3-A.5):
 * every bit outside its allowed settings must fail with VMfailValid(7).
 * Each host-state row must fail with VMfailValid(8), each guest-state row
 * with an entry failure, basic reason 33 and its qualification; each row
 * also has a legal value that must enter (L2 then exits with VMCALL).
 */
#include "vmx.h"
#include <string.h>

struct ctl_row {
	const char *name;
	enum vmx_ctl ctl;
	u32 field;
};

static const struct ctl_row ctl_rows[] = {
	{"pin", VMX_CTL_PIN, VMCS_PIN_CTLS},
	{"proc", VMX_CTL_PROC, VMCS_PROC_CTLS},
	{"proc2", VMX_CTL_PROC2, VMCS_PROC_CTLS2},
	{"exit", VMX_CTL_EXIT, VMCS_EXIT_CTLS},
	{"entry", VMX_CTL_ENTRY, VMCS_ENTRY_CTLS},
};

/* A clear VMCS with L2 ready; any exception in L2 exits to L1. */
static void fresh_l2(void)
{
	vmx_vmcs_reset(&vcpu);
	vmcs_write(VMCS_EXCEPTION_BITMAP, ~0u);
	l2_init(&vcpu.l2, l2_nothing, NULL);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	vmcs_write(VMCS_GUEST_RSP, l2_entry_rsp(&vcpu.l2));
}

/*
 * 27.2.1.1-27.2.1.3, A.3-A.5: a bit whose allowed-0 setting is 1 must be
 * 1, a bit whose allowed-1 setting is 0 must be 0; else VMfailValid(7).
 */
TEST_VARIANTS(ctl_27_2_1, ctl_rows, .fixture = &vmx_env)
{
	const struct vmx_ctl_caps *k = &vmx_caps()->ctl[variant->ctl];
	unsigned int rows = 0;
	struct vmx_exit e;

	if (variant->ctl == VMX_CTL_PROC2 && !vmx_ctl_may_set(VMX_CTL_PROC, 31))
		return report_skip(
			"no secondary controls (PROCBASED_CTLS[63] = 0)");
	for (unsigned int bit = 0; bit < 32; bit++) {
		bool must1 = k->allowed0 & BIT(bit);
		bool must0 = !(k->allowed1 & BIT(bit));
		u64 base;

		if (!must1 && !must0)
			continue;
		fresh_l2();
		if (variant->ctl == VMX_CTL_PROC2)
			vmcs_set_proc2(0);
		base = vmcs_read(variant->field);
		vmcs_write(variant->field,
			   must1 ? base & ~BIT(bit) : base | BIT(bit));
		e = vmx_run(&vcpu, NULL);
		report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_CTLS),
			   "%s control bit %u = %d (allowed %s)", variant->name,
			   bit, !must1, must1 ? "1 only" : "0 only");
		rows++;
	}
	report_info("%u bits with one allowed setting", rows);
	/* The legal boundary: every such bit at its one allowed setting. */
	fresh_l2();
	if (variant->ctl == VMX_CTL_PROC2)
		vmcs_set_proc2(0);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
}

/*
 * 27.2.1.1: with "activate secondary controls" = 0 the secondary controls
 * are not checked (and act as 0), whatever the field holds.
 */
TEST_CASE(proc2_inactive_27_2_1_1, .fixture = &vmx_env)
{
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC, 31))
		return report_skip(
			"no secondary controls (PROCBASED_CTLS[63] = 0)");
	fresh_l2();
	vmcs_clear(VMCS_PROC_CTLS, PROC_SECONDARY);
	vmcs_write(VMCS_PROC_CTLS2, ~0u);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
}

struct mut {
	u32 field;
	u64 clear, set;
};

enum expect { HOST_8, GUEST_33 };

struct state_row {
	const char *name;
	enum expect expect;
	u64 qual; /* GUEST_33: the exit qualification (27.8) */
	u32 entry_set; /* VM-entry controls both values need */
	u32 exit_set; /* VM-exit controls both values need */
	struct mut bad[2], good[2];
};

/* Not canonical with 48 or 57 linear-address bits. */
#define NONCANON BIT(62)
#define CANON_HIGH GENMASK(63, 47)
#define M(f, c, s)      \
	{               \
		f, c, s \
	}
/*
 * Rows: the changes that must fail (bad) and a legal value that must enter
 * (good; none: the unchanged state); a guest row also names the exit
 * qualification and the VM-entry controls both need, a HOST_EXIT row the
 * VM-exit controls.
 */
#define HOST(n, ...)                            \
	{                                       \
		n, HOST_8, 0, 0, 0, __VA_ARGS__ \
	}
#define HOST_EXIT(n, exit, ...)                    \
	{                                          \
		n, HOST_8, 0, 0, exit, __VA_ARGS__ \
	}
#define GUEST(n, qual, entry, ...)                       \
	{                                                \
		n, GUEST_33, qual, entry, 0, __VA_ARGS__ \
	}

/*
 * 27.2.2 host registers, fields and (with their load controls) PAT and
 * EFER; 27.2.4 address-space size.
 */
static const struct state_row host_rows[] = {
	HOST("cr0_pe", {M(VMCS_HOST_CR0, X86_CR0_PE, 0)}, {}),
	HOST("cr0_ne", {M(VMCS_HOST_CR0, X86_CR0_NE, 0)}, {}),
	HOST("cr4_vmxe", {M(VMCS_HOST_CR4, X86_CR4_VMXE, 0)}, {}),
	HOST("cr4_pae", {M(VMCS_HOST_CR4, X86_CR4_PAE, 0)}, {}),
	HOST("cs_null", {M(VMCS_HOST_CS, ~0ULL, 0)}, {}),
	HOST("tr_null", {M(VMCS_HOST_TR, ~0ULL, 0)}, {}),
	HOST("ds_rpl", {M(VMCS_HOST_DS, 0, 3)}, {}),
	HOST("ss_ti", {M(VMCS_HOST_SS, 0, 4)}, {}),
	HOST("fs_base", {M(VMCS_HOST_FS_BASE, ~0ULL, NONCANON)},
	     {M(VMCS_HOST_FS_BASE, ~0ULL, CANON_HIGH)}),
	HOST("gs_base", {M(VMCS_HOST_GS_BASE, ~0ULL, NONCANON)},
	     {M(VMCS_HOST_GS_BASE, ~0ULL, CANON_HIGH)}),
	HOST("gdtr_base", {M(VMCS_HOST_GDTR_BASE, 0, NONCANON)}, {}),
	HOST("idtr_base", {M(VMCS_HOST_IDTR_BASE, 0, NONCANON)}, {}),
	HOST("tr_base", {M(VMCS_HOST_TR_BASE, 0, NONCANON)}, {}),
	HOST("rip", {M(VMCS_HOST_RIP, 0, NONCANON)}, {}),
	HOST("sysenter_esp", {M(VMCS_HOST_SYSENTER_ESP, ~0ULL, NONCANON)},
	     {M(VMCS_HOST_SYSENTER_ESP, ~0ULL, CANON_HIGH)}),
	HOST("host_64", {M(VMCS_EXIT_CTLS, EXIT_HOST_64, 0)}, {}),
	HOST_EXIT("pat", EXIT_LOAD_PAT,
		  {M(VMCS_HOST_PAT, ~0ULL, 0x0007040600070402ULL)},
		  {M(VMCS_HOST_PAT, ~0ULL, 0x0007040600070406ULL)}),
	HOST_EXIT("efer_lma", EXIT_LOAD_EFER, {M(VMCS_HOST_EFER, EFER_LMA, 0)},
		  {}),
};

#define AR_L BIT(13)
#define AR_DB BIT(14)
#define AR_G BIT(15)

/*
 * 27.3.1.1-27.3.1.5: guest control registers, segments, descriptor
 * tables, RIP/RFLAGS and non-register state.
 */
static const struct state_row guest_rows[] = {
	GUEST("cr0_pe", 0, 0, {M(VMCS_GUEST_CR0, X86_CR0_PE, 0)}, {}),
	GUEST("cr0_ne", 0, 0, {M(VMCS_GUEST_CR0, X86_CR0_NE, 0)}, {}),
	GUEST("cr4_vmxe", 0, 0, {M(VMCS_GUEST_CR4, X86_CR4_VMXE, 0)}, {}),
	GUEST("cr4_pae", 0, 0, {M(VMCS_GUEST_CR4, X86_CR4_PAE, 0)}, {}),
	GUEST("efer_lma", 0, ENTRY_LOAD_EFER,
	      {M(VMCS_GUEST_EFER, ~0ULL, EFER_LME | EFER_NXE)},
	      {M(VMCS_GUEST_EFER, ~0ULL, EFER_LME | EFER_LMA | EFER_NXE)}),
	GUEST("pat", 0, ENTRY_LOAD_PAT,
	      {M(VMCS_GUEST_PAT, ~0ULL, 0x0007040600070402ULL)},
	      {M(VMCS_GUEST_PAT, ~0ULL, 0x0007040600070406ULL)}),
	GUEST("dr7_high", 0, ENTRY_LOAD_DEBUG, {M(VMCS_GUEST_DR7, 0, BIT(32))},
	      {M(VMCS_GUEST_DR7, 0, BIT(0))}),
	GUEST("sysenter_esp", 0, 0,
	      {M(VMCS_GUEST_SYSENTER_ESP, ~0ULL, NONCANON)},
	      {M(VMCS_GUEST_SYSENTER_ESP, ~0ULL, CANON_HIGH)}),
	GUEST("cs_type_data", 0, 0, {M(VMCS_GUEST_CS_AR, 0xf, 0x3)}, {}),
	GUEST("cs_s0", 0, 0, {M(VMCS_GUEST_CS_AR, BIT(4), 0)}, {}),
	GUEST("cs_not_present", 0, 0, {M(VMCS_GUEST_CS_AR, BIT(7), 0)}, {}),
	GUEST("cs_l_and_d", 0, 0, {M(VMCS_GUEST_CS_AR, 0, AR_L | AR_DB)}, {}),
	GUEST("cs_ar_reserved", 0, 0, {M(VMCS_GUEST_CS_AR, 0, BIT(8))}, {}),
	GUEST("cs_limit_g", 0, 0,
	      {M(VMCS_GUEST_CS_LIMIT, ~0ULL, 0xfffff000),
	       M(VMCS_GUEST_CS_AR, AR_G, 0)},
	      {M(VMCS_GUEST_CS_LIMIT, ~0ULL, 0xfffff),
	       M(VMCS_GUEST_CS_AR, AR_G, 0)}),
	GUEST("ss_dpl", 0, 0, {M(VMCS_GUEST_SS_AR, 0, 3 << 5)}, {}),
	GUEST("ds_ar_reserved", 0, 0, {M(VMCS_GUEST_DS_AR, 0, BIT(17))},
	      {M(VMCS_GUEST_DS_AR, 0, VMX_AR_UNUSABLE)}),
	GUEST("tr_type", 0, 0, {M(VMCS_GUEST_TR_AR, 0xf, 0x3)}, {}),
	GUEST("tr_unusable", 0, 0, {M(VMCS_GUEST_TR_AR, 0, VMX_AR_UNUSABLE)},
	      {}),
	GUEST("tr_ti", 0, 0, {M(VMCS_GUEST_TR, 0, 4)}, {}),
	GUEST("ldtr_type", 0, 0, {M(VMCS_GUEST_LDTR_AR, ~0ULL, 0x83)},
	      {M(VMCS_GUEST_LDTR_AR, ~0ULL, 0x82)}),
	GUEST("gdtr_base", 0, 0, {M(VMCS_GUEST_GDTR_BASE, 0, NONCANON)}, {}),
	GUEST("idtr_limit", 0, 0, {M(VMCS_GUEST_IDTR_LIMIT, 0, BIT(16))},
	      {M(VMCS_GUEST_IDTR_LIMIT, ~0ULL, 0xffff)}),
	GUEST("fs_base", 0, 0, {M(VMCS_GUEST_FS_BASE, ~0ULL, NONCANON)},
	      {M(VMCS_GUEST_FS_BASE, ~0ULL, CANON_HIGH)}),
	GUEST("rip", 0, 0, {M(VMCS_GUEST_RIP, 0, NONCANON)}, {}),
	GUEST("rflags_bit1", 0, 0, {M(VMCS_GUEST_RFLAGS, 2, 0)},
	      {M(VMCS_GUEST_RFLAGS, 0, X86_EFLAGS_CF)}),
	GUEST("rflags_bit3", 0, 0, {M(VMCS_GUEST_RFLAGS, 0, BIT(3))}, {}),
	GUEST("rflags_vm", 0, 0, {M(VMCS_GUEST_RFLAGS, 0, BIT(17))}, {}),
	GUEST("activity", 0, 0, {M(VMCS_GUEST_ACTIVITY, 0, 4)}, {}),
	GUEST("intr_reserved", 0, 0, {M(VMCS_GUEST_INTR_STATE, 0, BIT(5))}, {}),
	GUEST("intr_sti_movss", 0, 0, {M(VMCS_GUEST_INTR_STATE, 0, 3)},
	      {M(VMCS_GUEST_INTR_STATE, 0, 2)}),
	GUEST("intr_sti_if0", 0, 0, {M(VMCS_GUEST_INTR_STATE, 0, 1)},
	      {M(VMCS_GUEST_INTR_STATE, 0, 1),
	       M(VMCS_GUEST_RFLAGS, 0, X86_EFLAGS_IF)}),
	GUEST("pending_dbg_reserved", 0, 0,
	      {M(VMCS_GUEST_PENDING_DBG, 0, BIT(4))}, {}),
	GUEST("pending_dbg_bs", 0, 0,
	      {M(VMCS_GUEST_INTR_STATE, 0, 2),
	       M(VMCS_GUEST_RFLAGS, 0, X86_EFLAGS_TF)},
	      {}),
	GUEST("link_unaligned", 4, 0, {M(VMCS_LINK_PTR, ~0ULL, 0)}, {}),
	GUEST("link_revision", 4, 0, {M(VMCS_LINK_PTR, ~0ULL, 0)}, {}),
};

static void apply(const struct mut *m, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (m[i].clear || m[i].set)
			vmcs_write(m[i].field,
				   (vmcs_read(m[i].field) & ~m[i].clear) |
					   m[i].set);
}

/* Rows whose values depend on memory: the VMCS link pointer's targets. */
static void link_values(const struct state_row *r, bool good)
{
	static u32 *zero, *region;

	if (strncmp(r->name, "link_", 5))
		return;
	if (!zero) {
		zero = alloc_page();
		region = vmx_alloc_region();
	}
	if (good)
		vmcs_write(VMCS_LINK_PTR, vmx_pa(region));
	else if (!strcmp(r->name, "link_unaligned"))
		vmcs_write(VMCS_LINK_PTR, vmx_pa(region) + 0x10);
	else
		vmcs_write(VMCS_LINK_PTR, vmx_pa(zero));
}

/* A fresh VMCS with the row's controls and its bad or good changes. */
static void prepare_row(const struct state_row *r, bool good)
{
	fresh_l2();
	vmcs_set(VMCS_ENTRY_CTLS, r->entry_set);
	vmcs_set(VMCS_EXIT_CTLS, r->exit_set);
	vmcs_write(VMCS_HOST_PAT, rdmsr(MSR_IA32_PAT));
	vmcs_write(VMCS_HOST_EFER, rdmsr(MSR_EFER));
	if (good)
		apply(r->good, ARRAY_SIZE(r->good));
	else
		apply(r->bad, ARRAY_SIZE(r->bad));
	link_values(r, good);
}

static bool ctls_offered(enum vmx_ctl ctl, u32 bits)
{
	if ((vmx_caps()->ctl[ctl].allowed1 & bits) == bits)
		return true;
	report_skip("%s control %#x cannot be 1", vmx_ctl_name(ctl), bits);
	return false;
}

static void run_state_row(const struct state_row *r)
{
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);
	u64 esp = rdmsr(MSR_IA32_SYSENTER_ESP), pat = rdmsr(MSR_IA32_PAT);
	struct vmx_exit e;

	if (!ctls_offered(VMX_CTL_ENTRY, r->entry_set) ||
	    !ctls_offered(VMX_CTL_EXIT, r->exit_set))
		return;
	prepare_row(r, false);
	e = vmx_run(&vcpu, NULL);
	if (r->expect == HOST_8)
		report_vmx(e.insn, VMX_FAIL(VMXERR_ENTRY_HOST), "%s: bad value",
			   r->name);
	else
		check_entry_fail(&e, EXIT_REASON_BAD_GUEST, r->qual);

	prepare_row(r, true);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
	wrmsr(MSR_IA32_SYSENTER_ESP, esp);
	wrmsr(MSR_IA32_PAT, pat);
}

/* 27.2.2-27.2.4: host-state checks fail with VMfailValid(8). */
TEST_VARIANTS(host_27_2_2, host_rows, .fixture = &vmx_env)
{
	run_state_row(variant);
}

/* 27.3.1, 27.8: guest-state checks fail with exit reason 33. */
TEST_VARIANTS(guest_27_3_1, guest_rows, .fixture = &vmx_env)
{
	run_state_row(variant);
}

struct msr_entry {
	u32 index, reserved;
	u64 value;
};

struct msr_row {
	const char *name;
	struct msr_entry bad;
};

/* 27.4: MSRs the list may not load, and malformed entries. */
static const struct msr_row msr_rows[] = {
	{"fs_base", {MSR_FS_BASE, 0, 0}},
	{"gs_base", {MSR_GS_BASE, 0, 0}},
	{"reserved_bits", {MSR_KERNEL_GS_BASE, 1, 0}},
	{"smm_monitor_ctl", {0x9b, 0, 0}},
	{"wrmsr_gp", {MSR_KERNEL_GS_BASE, 0, NONCANON}},
};

/*
 * 27.4, 27.8: a VM-entry MSR-load entry that cannot be loaded is an entry
 * failure with reason 34 and the 1-based index of the entry as its
 * qualification; a list of loadable entries loads them.
 */
TEST_VARIANTS(msr_load_27_4, msr_rows, .fixture = &vmx_env)
{
	static struct msr_entry *list;
	u64 kgs = rdmsr(MSR_KERNEL_GS_BASE);
	struct vmx_exit e;

	if (!list)
		list = alloc_page();
	list[0] = (struct msr_entry){MSR_KERNEL_GS_BASE, 0, 0x1000};
	list[1] = variant->bad;
	list[2] = (struct msr_entry){MSR_KERNEL_GS_BASE, 0, 0x2000};
	fresh_l2();
	vmcs_write(VMCS_ENTRY_MSR_LOAD_ADDR, vmx_pa(list));
	vmcs_write(VMCS_ENTRY_MSR_LOAD_COUNT, 3);
	e = vmx_run(&vcpu, NULL);
	check_entry_fail(&e, EXIT_REASON_MSR_LOAD, 2);

	list[1] = (struct msr_entry){MSR_KERNEL_GS_BASE, 0, 0x3000};
	fresh_l2();
	vmcs_write(VMCS_ENTRY_MSR_LOAD_ADDR, vmx_pa(list));
	vmcs_write(VMCS_ENTRY_MSR_LOAD_COUNT, 3);
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(rdmsr(MSR_KERNEL_GS_BASE), 0x2000,
		  "the last entry's value is loaded");
	wrmsr(MSR_KERNEL_GS_BASE, kgs);
}

asm(".pushsection .text\n"
    ".code32\n"
    "l2_vmcall32:\n\t"
    "vmcall\n\t"
    "ud2\n"
    ".code64\n"
    ".popsection");
extern char l2_vmcall32[];

struct pdpte_row {
	const char *name;
	u64 pdpte0; /* OR-ed into the present PDPTE 0 */
	u64 pdpte3; /* PDPTE 3 */
};

static const struct pdpte_row pdpte_rows[] = {
	{"reserved_bit1", BIT(1), 0},
	{"reserved_bit5", BIT(5), 0},
	{"reserved_bit3_pdpte3", 0, PT_P | BIT(7)},
	{"reserved_maxphyaddr", BIT(51), 0},
};

/*
 * 27.3.1.6, 27.8: entering a PAE guest (IA-32e mode guest = 0, CR0.PG =
 * CR4.PAE = 1) without EPT loads the PDPTEs from guest CR3; a present
 * PDPTE with a reserved bit set fails VM entry with reason 33 and
 * qualification 2. With legal PDPTEs the 32-bit L2 runs to its VMCALL.
 */
TEST_VARIANTS(pdpte_27_3_1_6, pdpte_rows, .fixture = &vmx_env)
{
	static u64 *pdpt, *pd;
	struct nested_seg cs = nested_seg_from_gdt(KERNEL_CS32);
	struct vmx_exit e;

	if (variant->pdpte0 == BIT(51) && cpu_phys_bits() > 51)
		return report_skip("MAXPHYADDR %u leaves bit 51 legal",
				   cpu_phys_bits());
	if (!pdpt) {
		pdpt = alloc_page();
		pd = alloc_page();
		for (u64 i = 0; i < 512; i++)
			pd[i] = i << 21 | PT_P | PT_RW | PT_PS;
	}
	for (int bad = 1; bad >= 0; bad--) {
		fresh_l2();
		pdpt[0] = vmx_pa(pd) | PT_P | (bad ? variant->pdpte0 : 0);
		pdpt[3] = bad ? variant->pdpte3 : 0;
		vmcs_clear(VMCS_ENTRY_CTLS, ENTRY_GUEST_64 | ENTRY_LOAD_EFER);
		vmcs_write(VMCS_GUEST_CR3, vmx_pa(pdpt));
		vmcs_write(VMCS_GUEST_CS, KERNEL_CS32);
		vmcs_write(VMCS_GUEST_CS_AR,
			   (cs.attr & 0xff) | (u32)(cs.attr & 0xf00) << 4);
		vmcs_write(VMCS_GUEST_CS_LIMIT, cs.limit);
		vmcs_write(VMCS_GUEST_RIP, (u64)l2_vmcall32);
		e = vmx_run(&vcpu, NULL);
		if (bad)
			check_entry_fail(&e, EXIT_REASON_BAD_GUEST, 2);
		else
			check_exit(&e, EXIT_REASON_VMCALL);
	}
}

static void l2_write_kgs(struct l2_guest *l2)
{
	wrmsr(MSR_KERNEL_GS_BASE, 0x7000);
}

/*
 * 28.4, 28.6: at VM exit the processor stores each MSR of the VM-exit
 * MSR-store list (L2's value), then loads each MSR of the VM-exit
 * MSR-load list (L1's value).
 */
TEST_CASE(exit_msr_lists_28_4, .fixture = &vmx_env)
{
	u64 kgs = rdmsr(MSR_KERNEL_GS_BASE);
	struct msr_entry *store = alloc_page(), *load = alloc_page();
	struct vmx_exit e;

	store[0] = (struct msr_entry){MSR_KERNEL_GS_BASE, 0, 0};
	load[0] = (struct msr_entry){MSR_KERNEL_GS_BASE, 0, 0x1111};
	fresh_l2();
	vmx_msr_intercept(&vcpu, MSR_KERNEL_GS_BASE, false, false);
	vmcs_write(VMCS_EXIT_MSR_STORE_ADDR, vmx_pa(store));
	vmcs_write(VMCS_EXIT_MSR_STORE_COUNT, 1);
	vmcs_write(VMCS_EXIT_MSR_LOAD_ADDR, vmx_pa(load));
	vmcs_write(VMCS_EXIT_MSR_LOAD_COUNT, 1);
	l2_init(&vcpu.l2, l2_write_kgs, NULL);
	vmcs_write(VMCS_GUEST_RIP, l2_entry_rip());
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(store[0].value, 0x7000, "MSR-store list: L2's value");
	report_eq(rdmsr(MSR_KERNEL_GS_BASE), 0x1111,
		  "MSR-load list: L1's value loaded");
	wrmsr(MSR_KERNEL_GS_BASE, kgs);
}

asm(".pushsection .text\n"
    ".balign 16\n"
    "l2_vmcall16:\n\t"
    "vmcall\n\t"
    "ud2\n"
    ".popsection");
extern char l2_vmcall16[];

/* L2 in real mode at l2_vmcall16: 16-bit flat segments based there. */
static void real_mode_l2(u64 cr0_clear)
{
	static const u32 segs[] = {VMCS_GUEST_ES, VMCS_GUEST_SS, VMCS_GUEST_DS,
				   VMCS_GUEST_FS, VMCS_GUEST_GS};

	fresh_l2();
	vmcs_clear(VMCS_ENTRY_CTLS, ENTRY_GUEST_64 | ENTRY_LOAD_EFER);
	vmcs_clear(VMCS_GUEST_CR0, cr0_clear);
	vmcs_write(VMCS_GUEST_CS, 0);
	vmcs_write(VMCS_GUEST_CS_BASE, (u64)l2_vmcall16);
	vmcs_write(VMCS_GUEST_CS_LIMIT, 0xffff);
	vmcs_write(VMCS_GUEST_CS_AR, 0x9b);
	for (unsigned int i = 0; i < ARRAY_SIZE(segs); i++) {
		u32 n = (segs[i] - VMCS_GUEST_ES) / 2;

		vmcs_write(segs[i], 0);
		vmcs_write(VMCS_GUEST_ES_BASE + 2 * n, 0);
		vmcs_write(VMCS_GUEST_ES_LIMIT + 2 * n, 0xffff);
		vmcs_write(VMCS_GUEST_ES_AR + 2 * n, 0x93);
	}
	vmcs_write(VMCS_GUEST_RIP, 0);
	vmcs_write(VMCS_GUEST_RSP, 0x1000);
}

/*
 * 27.3.1.1, 26.6 (unrestricted guests): CR0.PE and CR0.PG may be 0 when
 * "unrestricted guest" is 1 (with EPT), so a real-mode L2 enters and
 * runs; without the control they are fixed to 1 (reason 33), and PG = 1
 * with PE = 0 fails even with it.
 */
TEST_CASE(unrestricted_27_3_1_1, .fixture = &vmx_env)
{
	static struct page_table ept;
	struct vmx_exit e;

	if (!vmx_ctl_may_set(VMX_CTL_PROC2, 7) ||
	    !vmx_ctl_may_set(VMX_CTL_PROC2, 1))
		return report_skip("unrestricted guest not offered");
	if (!ept.root) {
		ept_init(&ept);
		ept_identity(&ept, 4ULL << 30);
	}
	real_mode_l2(X86_CR0_PE | X86_CR0_PG);
	e = vmx_run(&vcpu, NULL);
	check_entry_fail(&e, EXIT_REASON_BAD_GUEST, 0);

	real_mode_l2(X86_CR0_PE);
	vmcs_set_proc2(PROC2_EPT | PROC2_UNRESTRICTED);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept));
	e = vmx_run(&vcpu, NULL);
	check_entry_fail(&e, EXIT_REASON_BAD_GUEST, 0);

	real_mode_l2(X86_CR0_PE | X86_CR0_PG);
	vmcs_set_proc2(PROC2_EPT | PROC2_UNRESTRICTED);
	vmcs_write(VMCS_EPTP, ept_pointer(&ept));
	e = vmx_run(&vcpu, NULL);
	check_exit(&e, EXIT_REASON_VMCALL);
	report_eq(vmcs_read(VMCS_GUEST_RIP), 0, "VMCALL at CS.base + 0");
	report_eq(e.insn_len, 3, "instruction length");
}
