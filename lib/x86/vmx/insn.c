// SPDX-License-Identifier: GPL-2.0-only
/*
 * insn.c: the VMX instructions as struct vmx_result values and their
 * decoding (Intel SDM vol. 3C 31.2 conventions, 31.3 instruction
 * operation, 31.4 table 31-1 VM-instruction error numbers).
 */
#include <libtest.h>
#include <stdio.h>
#include <x86/processor.h>
#include <x86/vmx/insn.h>
#include <x86/vmx/vmcs.h>

#define RFLAGS_CF BIT(0)
#define RFLAGS_ZF BIT(6)

static const char *const error_names[] = {
	[1] = "VMCALL executed in VMX root operation",
	[2] = "VMCLEAR with invalid physical address",
	[3] = "VMCLEAR with VMXON pointer",
	[4] = "VMLAUNCH with non-clear VMCS",
	[5] = "VMRESUME with non-launched VMCS",
	[6] = "VMRESUME after VMXOFF",
	[7] = "VM entry with invalid control field(s)",
	[8] = "VM entry with invalid host-state field(s)",
	[9] = "VMPTRLD with invalid physical address",
	[10] = "VMPTRLD with VMXON pointer",
	[11] = "VMPTRLD with incorrect VMCS revision identifier",
	[12] = "VMREAD/VMWRITE from/to unsupported VMCS component",
	[13] = "VMWRITE to read-only VMCS component",
	[15] = "VMXON executed in VMX root operation",
	[16] = "VM entry with invalid executive-VMCS pointer",
	[17] = "VM entry with non-launched executive VMCS",
	[18] = "VM entry with executive-VMCS pointer not VMXON pointer",
	[19] = "VMCALL with non-clear VMCS",
	[20] = "VMCALL with invalid VM-exit control fields",
	[22] = "VMCALL with incorrect MSEG revision identifier",
	[23] = "VMXOFF under dual-monitor treatment of SMIs and SMM",
	[24] = "VMCALL with invalid SMM-monitor features",
	[25] = "VM entry with invalid VM-execution control fields in executive "
	       "VMCS",
	[26] = "VM entry with events blocked by MOV SS",
	[28] = "Invalid operand to INVEPT/INVVPID",
};

const char *vmx_error_name(u32 error)
{
	if (error < ARRAY_SIZE(error_names) && error_names[error])
		return error_names[error];
	return "undefined error number";
}

bool vmx_result_equal(struct vmx_result a, struct vmx_result b)
{
	if (a.outcome != b.outcome)
		return false;
	if (a.outcome == VMX_FAIL_VALID)
		return a.error == b.error;
	if (a.outcome == VMX_FAULT)
		return fault_equal(a.fault, b.fault);
	return true;
}

const char *vmx_result_str(struct vmx_result r, char *buf, size_t size)
{
	switch (r.outcome) {
	case VMX_SUCCEED:
		snprintf(buf, size, "VMsucceed");
		break;
	case VMX_FAIL_INVALID:
		snprintf(buf, size, "VMfailInvalid");
		break;
	case VMX_FAIL_VALID:
		snprintf(buf, size, "VMfailValid(%u: %s)", r.error,
			 vmx_error_name(r.error));
		break;
	case VMX_FAULT:
		fault_str(r.fault, buf, size);
		break;
	}
	return buf;
}

bool report_vmx_at(const char *file, int line, struct vmx_result actual,
		   struct vmx_result expected, const char *fmt, ...)
{
	char exp[96], act[96], msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return report_cmp_at(file, line, vmx_result_equal(actual, expected),
			     vmx_result_str(expected, exp, sizeof(exp)),
			     vmx_result_str(actual, act, sizeof(act)), "%s",
			     msg);
}

static u32 read_insn_error(void)
{
	u64 v = 0;
	u64 fl = 0;

	asm volatile("vmread %[enc], %[v]\n\tpushf\n\tpop %[fl]"
		     : [v] "=r"(v), [fl] "=r"(fl)
		     : [enc] "r"((u64)VMCS_INSN_ERROR)
		     : "cc");
	return (fl & (RFLAGS_CF | RFLAGS_ZF)) ? ~0u : (u32)v;
}

struct vmx_result vmx_result_from(u64 rflags, struct fault f)
{
	if (f.raised)
		return VMX_RAISES(f);
	if (rflags & RFLAGS_CF)
		return VMX_FAIL_INV;
	if (rflags & RFLAGS_ZF)
		return VMX_FAIL(read_insn_error());
	return VMX_OK;
}

/* INSN with its memory or register operands, then RFLAGS into %[fl]. */
#define VMX_PROBE(insn, ...)                                                \
	({                                                                  \
		u64 fl = 0;                                                 \
		struct fault f = fault_probe(insn "\n\tpushf\n\tpop %[fl]", \
					     : [fl] "+r"(fl)__VA_ARGS__);   \
		vmx_result_from(fl, f);                                     \
	})

struct vmx_result vmxon(u64 pa)
{
	return VMX_PROBE("vmxon %[pa]", : [pa] "m"(pa) : "cc", "memory");
}

struct vmx_result vmxoff(void)
{
	return VMX_PROBE("vmxoff", : : "cc", "memory");
}

struct vmx_result vmclear(u64 pa)
{
	return VMX_PROBE("vmclear %[pa]", : [pa] "m"(pa) : "cc", "memory");
}

struct vmx_result vmptrld(u64 pa)
{
	return VMX_PROBE("vmptrld %[pa]", : [pa] "m"(pa) : "cc", "memory");
}

struct vmx_result vmptrst(u64 *pa)
{
	return VMX_PROBE("vmptrst %[pa]", , [pa] "=m"(*pa) : : "cc", "memory");
}

struct vmx_result vmread_r(u32 enc, u64 *val)
{
	u64 v = 0;
	struct vmx_result r;

	r = VMX_PROBE("vmread %[enc], %[v]", , [v] "+r"(v)
		      : [enc] "r"((u64)enc)
		      : "cc");
	*val = v;
	return r;
}

struct vmx_result vmwrite_r(u32 enc, u64 val)
{
	return VMX_PROBE("vmwrite %[v], %[enc]",
			 : [v] "r"(val), [enc] "r"((u64)enc)
			 : "cc", "memory");
}

struct vmx_result vmcall_root(void)
{
	return VMX_PROBE("vmcall", : : "cc", "memory");
}

struct vmx_result invept(u64 type, u64 eptp)
{
	u64 desc[2] = {eptp, 0};

	return VMX_PROBE("invept %[d], %[t]",
			 : [d] "m"(desc), [t] "r"(type)
			 : "cc", "memory");
}

struct vmx_result invvpid(u64 type, u16 vpid, u64 addr)
{
	u64 desc[2] = {vpid, addr};

	return VMX_PROBE("invvpid %[d], %[t]",
			 : [d] "m"(desc), [t] "r"(type)
			 : "cc", "memory");
}
