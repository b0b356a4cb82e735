// SPDX-License-Identifier: GPL-2.0-only
/*
 * caps.c: reads and decodes the VMX capability MSRs once (Intel SDM vol.
 * 3D appendix A; A.2 default1 controls and the TRUE_ MSRs).
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/vmx/caps.h>
#include <x86/vmx/vmcs.h>

static struct vmx_caps caps;
static bool caps_read;

static void read_ctl(enum vmx_ctl c, u32 msr, u32 true_msr)
{
	u64 v = rdmsr(msr);

	caps.legacy_allowed0[c] = (u32)v;
	if (caps.true_ctls && true_msr) {
		v = rdmsr(true_msr);
		msr = true_msr;
	}
	caps.ctl[c] = (struct vmx_ctl_caps){(u32)v, (u32)(v >> 32), msr};
}

const struct vmx_caps *vmx_caps(void)
{
	u64 b, m;

	if (caps_read)
		return &caps;
	b = caps.basic = rdmsr(MSR_IA32_VMX_BASIC);
	caps.revision = b & 0x7fffffff;
	caps.region_size = (b >> 32) & 0x1fff;
	caps.addr32 = b & BIT(48);
	caps.dual_monitor = b & BIT(49);
	caps.mem_type = (b >> 50) & 0xf;
	caps.ins_outs_info = b & BIT(54);
	caps.true_ctls = b & BIT(55);
	caps.no_err_code_check = b & BIT(56);
	read_ctl(VMX_CTL_PIN, MSR_IA32_VMX_PINBASED_CTLS,
		 MSR_IA32_VMX_TRUE_PINBASED_CTLS);
	read_ctl(VMX_CTL_PROC, MSR_IA32_VMX_PROCBASED_CTLS,
		 MSR_IA32_VMX_TRUE_PROCBASED_CTLS);
	read_ctl(VMX_CTL_EXIT, MSR_IA32_VMX_EXIT_CTLS,
		 MSR_IA32_VMX_TRUE_EXIT_CTLS);
	read_ctl(VMX_CTL_ENTRY, MSR_IA32_VMX_ENTRY_CTLS,
		 MSR_IA32_VMX_TRUE_ENTRY_CTLS);
	/* A.3.3: PROCBASED_CTLS2 exists only when bit 63 of PROCBASED is 1. */
	if (caps.ctl[VMX_CTL_PROC].allowed1 & PROC_SECONDARY)
		read_ctl(VMX_CTL_PROC2, MSR_IA32_VMX_PROCBASED_CTLS2, 0);
	m = caps.misc = rdmsr(MSR_IA32_VMX_MISC);
	caps.preempt_rate = m & 0x1f;
	caps.cr3_targets = (m >> 16) & 0x1ff;
	caps.max_msr_list = 512 * (((m >> 25) & 7) + 1);
	caps.vmwrite_any = m & BIT(29);
	caps.cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	caps.cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	caps.cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	caps.cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	caps.max_field_index = (rdmsr(MSR_IA32_VMX_VMCS_ENUM) >> 1) & 0x1ff;
	/* A.10: EPT_VPID_CAP exists when EPT or VPID may be enabled. */
	if (caps.ctl[VMX_CTL_PROC2].allowed1 & (PROC2_EPT | PROC2_VPID))
		caps.ept_vpid = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
	if (caps.ctl[VMX_CTL_PROC2].allowed1 & PROC2_VMFUNC)
		caps.vmfunc = rdmsr(MSR_IA32_VMX_VMFUNC);
	caps_read = true;
	return &caps;
}

bool vmx_ctl_may_set(enum vmx_ctl ctl, unsigned int bit)
{
	return vmx_caps()->ctl[ctl].allowed1 & BIT(bit);
}

u32 vmx_ctl_value(enum vmx_ctl ctl, u32 extra)
{
	return vmx_caps()->ctl[ctl].allowed0 | extra;
}

const char *vmx_ctl_name(enum vmx_ctl ctl)
{
	static const char *const names[] = {
		[VMX_CTL_PIN] = "pin-based",
		[VMX_CTL_PROC] = "primary processor-based",
		[VMX_CTL_PROC2] = "secondary processor-based",
		[VMX_CTL_EXIT] = "VM-exit",
		[VMX_CTL_ENTRY] = "VM-entry",
	};

	return names[ctl];
}
