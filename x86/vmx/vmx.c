// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmx: Intel VMX conformance, the test as L1 hypervisor (Intel SDM vol. 3C
 * ch. 24-31, vol. 3D appendix A; section numbers of the current SDM, where
 * VM entries are chapter 27 and the VMX instruction reference chapter 31).
 * The library is lib/x86/vmx/; L2 is lib/x86/nested.h's. Files:
 * vmx.c (fixtures, capability MSRs, A.1-A.9), vmxon.c (entering and
 * leaving VMX operation, 24.7-24.8, 31.3 VMXON/VMXOFF), vmcs.c (VMCS
 * lifecycle and the VM-instruction errors, 25.1-25.11, 31.3, 31.4),
 * entry_checks.c (VM-entry checks on controls, host and guest state, MSR
 * loading, 27.2-27.4, 27.8), exits.c (instruction and event exits,
 * 26.1-26.5, 28.2), events.c (event injection and delivery, 27.6, 28.2.3,
 * interrupt and NMI windows), features.c (VMCS shadowing, APIC
 * virtualization, PML, VMFUNC, NMI exiting), ept.c (EPT and VPID, 29.1,
 * 29.3, 31.3 INVEPT/INVVPID).
 *
 * Every case runs in a fixture: vmx_cpu SKIPs where VMX is absent (no
 * CPUID.1:ECX.VMX, as under QEMU TCG and kvm_pvm) and restores CR0/CR4;
 * vmx_env also enters VMX operation with a fresh current VMCS holding
 * L1's own state as host and guest state, and leaves VMX operation after
 * the case.
 */
#include "vmx.h"

struct vmx_vcpu vcpu;
static u64 saved_cr0, saved_cr4;

static bool cpu_enter(void)
{
	const char *why = vmx_absent_reason();

	if (why) {
		report_skip("%s", why);
		return false;
	}
	saved_cr0 = read_cr0();
	saved_cr4 = read_cr4();
	return true;
}

static void cpu_leave(void)
{
	vmx_vcpu_fini(&vcpu);
	write_cr4(saved_cr4);
	write_cr0(saved_cr0);
}

static bool env_enter(void)
{
	return cpu_enter() && vmx_vcpu_init(&vcpu);
}

const struct test_fixture vmx_cpu = {.name = "vmx_cpu",
				     .setup = cpu_enter,
				     .teardown = cpu_leave,
				     .unmet = vmx_absent_reason};
const struct test_fixture vmx_env = {.name = "vmx_env",
				     .setup = env_enter,
				     .teardown = cpu_leave,
				     .unmet = vmx_absent_reason};

void l2_nothing(struct l2_guest *l2)
{
}

/* A.1: the revision, region size and memory type of IA32_VMX_BASIC. */
TEST_CASE(basic_A_1, .fixture = &vmx_cpu)
{
	const struct vmx_caps *c = vmx_caps();

	report_info("IA32_VMX_BASIC %#lx, MISC %#lx, EPT_VPID_CAP %#lx, VMFUNC "
		    "%#lx",
		    c->basic, c->misc, c->ept_vpid, c->vmfunc);
	for (int i = 0; i < VMX_NR_CTLS; i++)
		report_info("%s controls: allowed0 %#x allowed1 %#x (MSR %#x)",
			    vmx_ctl_name(i), c->ctl[i].allowed0,
			    c->ctl[i].allowed1, c->ctl[i].msr);
	report_eq(c->basic & BIT(31), 0, "BASIC bit 31 is 0");
	report(c->region_size > 0 && c->region_size <= 4096,
	       "region size %u is in 1..4096", c->region_size);
	report(c->mem_type == 0 || c->mem_type == 6,
	       "VMCS memory type %u is UC (0) or WB (6)", c->mem_type);
	report_eq(c->basic & (GENMASK(47, 45) | GENMASK(63, 57)), 0,
		  "reserved bits 47:45 and 63:57 are 0");
	report_eq(c->addr32, 0, "BASIC bit 48 is 0 on a 64-bit processor");
}

/*
 * A.3-A.5: every allowed-0 setting is also allowed-1; the TRUE_ MSRs only
 * relax the default1 settings of the others (A.2).
 */
TEST_CASE(ctls_A_3_to_A_5, .fixture = &vmx_cpu)
{
	const struct vmx_caps *c = vmx_caps();

	for (int i = 0; i < VMX_NR_CTLS; i++) {
		const struct vmx_ctl_caps *k = &c->ctl[i];

		report_eq(k->allowed0 & ~k->allowed1, 0,
			  "%s: allowed-0 settings are a subset of allowed-1",
			  vmx_ctl_name(i));
		report_eq(k->allowed0 & ~c->legacy_allowed0[i], 0,
			  "%s: TRUE allowed-0 is a subset of the default1 bits",
			  vmx_ctl_name(i));
	}
	report_info("BASIC[55]: TRUE_ control MSRs %s",
		    c->true_ctls ? "offered" : "absent");
	/* A.2: the default1 classes of pin-based controls are bits 1, 2, 4. */
	report_eq(
		c->legacy_allowed0[VMX_CTL_PIN] & 0x16, 0x16,
		"pin-based default1 bits 1, 2 and 4 are 1 in the non-TRUE MSR");
	report_eq(c->legacy_allowed0[VMX_CTL_EXIT] & 0x36dff, 0x36dff,
		  "VM-exit default1 bits 0-8, 10, 11, 13, 14, 16, 17 are 1");
	report_eq(c->legacy_allowed0[VMX_CTL_ENTRY] & 0x11ff, 0x11ff,
		  "VM-entry default1 bits 0-8 and 12 are 1");
}

/* A.7, A.8: fixed bits of CR0 and CR4 in VMX operation. */
TEST_CASE(fixed_cr_A_7_A_8, .fixture = &vmx_cpu)
{
	const struct vmx_caps *c = vmx_caps();

	report_eq(c->cr0_fixed0 & ~c->cr0_fixed1, 0,
		  "CR0: fixed-1 bits are allowed to be 1");
	report_eq(c->cr0_fixed0 & (X86_CR0_PE | X86_CR0_NE | X86_CR0_PG),
		  X86_CR0_PE | X86_CR0_NE | X86_CR0_PG,
		  "CR0: PE, NE and PG must be 1");
	report_eq(c->cr4_fixed0 & ~c->cr4_fixed1, 0,
		  "CR4: fixed-1 bits are allowed to be 1");
	report_eq(c->cr4_fixed0 & X86_CR4_VMXE, X86_CR4_VMXE,
		  "CR4: VMXE must be 1");
}

/* A.6, A.9: MISC and VMCS_ENUM. */
TEST_CASE(misc_A_6_A_9, .fixture = &vmx_cpu)
{
	const struct vmx_caps *c = vmx_caps();
	u64 cr3t = (c->misc >> 16) & 0x1ff;

	report(cr3t <= 256 && !!(cr3t & 0x100) == !(cr3t & 0xff),
	       "MISC[24:16]: %lu CR3-target values, bit 24 set iff 23:16 clear",
	       cr3t);
	report_eq(c->misc & (GENMASK(13, 9) | BIT(31)), 0,
		  "MISC reserved bits 13:9 and 31 are 0");
	report_eq(rdmsr(MSR_IA32_VMX_VMCS_ENUM) & (GENMASK(63, 10) | BIT(0)), 0,
		  "VMCS_ENUM reserved bits 63:10 and 0 are 0");
	report_info("VMCS_ENUM: highest index %#x", c->max_field_index);
}
