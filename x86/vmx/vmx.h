/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx.h: what the files of the vmx test share: the fixture that enters VMX
 * operation with a fresh VMCS (vmx_env, its vcpu) and small helpers.
 */
#ifndef HV_TEST_VMX_H
#define HV_TEST_VMX_H

#include <libtest.h>
#include <x86/processor.h>
#include <x86/vmx/caps.h>
#include <x86/vmx/ept.h>
#include <x86/vmx/insn.h>
#include <x86/vmx/vcpu.h>
#include <x86/vmx/vmcs.h>

/* The L1 vCPU of the case (vmx_env) and the fixture itself. */
extern struct vmx_vcpu vcpu;
extern const struct test_fixture vmx_env;
/* SKIPs unless VMX can be used: for cases that do their own VMXON. */
extern const struct test_fixture vmx_cpu;

/* L2 bodies used by several files. */
void l2_nothing(struct l2_guest *l2);

#endif
