/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * insn.h: the VMX instructions, each returning one comparable result:
 * VMsucceed, VMfailInvalid, VMfailValid(error number) or the exception it
 * raised (Intel SDM vol. 3C 31.2 conventions: CF=1 VMfailInvalid, ZF=1
 * VMfailValid with the number in the VM-instruction error field; 31.3 the
 * instructions; 31.4 error numbers).
 *
 *	report_vmx(vmptrld(vmxon_pa), VMX_FAIL(VMXERR_VMPTRLD_VMXON),
 *		   "VMPTRLD of the VMXON pointer");
 *
 * prints, when it fails, "expected: VMfailValid(10: VMPTRLD with VMXON
 * pointer)" and, say, "actual: VMsucceed".
 */
#ifndef HV_X86_VMX_INSN_H
#define HV_X86_VMX_INSN_H

#include <types.h>
#include <x86/fault.h>

enum vmx_outcome {
	VMX_SUCCEED,
	VMX_FAIL_INVALID,
	VMX_FAIL_VALID,
	VMX_FAULT,
};

struct vmx_result {
	enum vmx_outcome outcome;
	u32 error; /* VMX_FAIL_VALID: the VM-instruction error number */
	struct fault fault; /* VMX_FAULT */
};

#define VMX_OK ((struct vmx_result){VMX_SUCCEED, 0, FAULT_NONE})
#define VMX_FAIL_INV ((struct vmx_result){VMX_FAIL_INVALID, 0, FAULT_NONE})
#define VMX_FAIL(n) ((struct vmx_result){VMX_FAIL_VALID, (n), FAULT_NONE})
#define VMX_RAISES(f) ((struct vmx_result){VMX_FAULT, 0, (f)})

bool vmx_result_equal(struct vmx_result a, struct vmx_result b);
/* "VMsucceed", "VMfailInvalid", "VMfailValid(5: ...)", "#UD" into BUF. */
const char *vmx_result_str(struct vmx_result r, char *buf, size_t size);
const char *vmx_error_name(u32 error);

/* Compares two results; a failure prints both decoded. */
#define report_vmx(actual, expected, fmt, ...)                       \
	report_vmx_at(__FILE__, __LINE__, (actual), (expected), fmt, \
		      ##__VA_ARGS__)
bool report_vmx_at(const char *file, int line, struct vmx_result actual,
		   struct vmx_result expected, const char *fmt, ...)
	__printf(5, 6);

/*
 * Builds the result of an instruction from RFLAGS after it (F) and
 * whether it faulted; reads the error field on VMfailValid.
 */
struct vmx_result vmx_result_from(u64 rflags, struct fault f);

struct vmx_result vmxon(u64 pa);
struct vmx_result vmxoff(void);
struct vmx_result vmclear(u64 pa);
struct vmx_result vmptrld(u64 pa);
struct vmx_result vmptrst(u64 *pa);
struct vmx_result vmread_r(u32 enc, u64 *val);
struct vmx_result vmwrite_r(u32 enc, u64 val);
struct vmx_result vmcall_root(void);
struct vmx_result invept(u64 type, u64 eptp);
struct vmx_result invvpid(u64 type, u16 vpid, u64 addr);

/* INVEPT / INVVPID types (31.3 INVEPT, INVVPID). */
#define INVEPT_SINGLE 1
#define INVEPT_ALL 2
#define INVVPID_ADDR 0
#define INVVPID_SINGLE 1
#define INVVPID_ALL 2
#define INVVPID_SINGLE_NG 3

#endif
