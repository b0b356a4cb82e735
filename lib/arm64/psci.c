// SPDX-License-Identifier: GPL-2.0-only
/*
 * psci.c: PSCI calls (Arm DEN 0022D) through the conduit that the device
 * tree names (Linux Documentation/devicetree/bindings/arm/psci.yaml:
 * method = "hvc" or "smc"), and exit() through SYSTEM_OFF (5.1.9).
 */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <arm64/psci.h>
#include <arm64/processor.h>
#include <arm64/console.h>

static bool use_smc;
static bool present;

bool psci_init(void)
{
	int node = dt_find_compatible("arm,psci-1.0");
	const char *method;

	if (node < 0)
		node = dt_find_compatible("arm,psci-0.2");
	if (node < 0)
		node = dt_find_compatible("arm,psci");
	method = node < 0 ? NULL : dt_string(node, "method");
	if (!method)
		return false;
	use_smc = !strcmp(method, "smc");
	present = use_smc || !strcmp(method, "hvc");
	return present;
}

const char *psci_conduit(void)
{
	return use_smc ? "smc" : "hvc";
}

long psci_call(u32 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	if (use_smc)
		asm volatile("smc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			       "x12", "x13", "x14", "x15", "x16", "x17",
			       "memory");
	else
		asm volatile("hvc #0"
			     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			     :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			       "x12", "x13", "x14", "x15", "x16", "x17",
			       "memory");
	/* SMC32 functions (bit 30 clear) return a 32-bit value in w0. */
	return (fn & BIT(30)) ? (long)x0 : (long)(s32)x0;
}

const char *psci_ret_str(long ret)
{
	/* Indexed by -ret, one code per line. */
	/* clang-format off */
	static const char *const names[] = {
		"SUCCESS",		/*  0 */
		"NOT_SUPPORTED",	/* -1 */
		"INVALID_PARAMETERS",	/* -2 */
		"DENIED",		/* -3 */
		"ALREADY_ON",		/* -4 */
		"ON_PENDING",		/* -5 */
		"INTERNAL_FAILURE",	/* -6 */
		"NOT_PRESENT",		/* -7 */
		"DISABLED",		/* -8 */
		"INVALID_ADDRESS",	/* -9 */
	};
	/* clang-format on */

	if (ret <= 0 && ret > -(long)ARRAY_SIZE(names))
		return names[-ret];
	return "(not a PSCI return code)";
}

void exit(int status)
{
	console_flush();
	if (present)
		psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	local_irq_disable();
	for (;;)
		wfi();
}
