/*
 * la57: 5-level paging controls as far as a guest that runs in IA-32e mode
 * with 4-level paging can check them: CR4.LA57 cannot change in IA-32e
 * mode, and addresses are canonical at the width of the paging mode in
 * use (48 bits with 4-level paging, whether or not LA57 is enumerated).
 * Canonicality at 57 bits needs a guest that enters IA-32e mode with
 * CR4.LA57 = 1, which this runtime does not do: that case is a SKIP.
 *
 * Intel SDM vol. 3A 2.5 (CR4.LA57), 4.1.1 ("CR4.LA57 cannot be modified
 * while IA-32e mode is active": MOV to CR4 #GP(0)), 3.3.7.1 (canonical
 * addresses: bits 63:47 or 63:56 equal), 6.15 (#GP(0) for a
 * non-canonical data reference); vol. 2B MOV to CR4; AMD APM vol. 2 5.3.
 */
#include <libtest.h>
#include <x86/processor.h>

TEST_CASE(cr4_toggle)
{
	u64 cr4 = read_cr4();
	struct fault f;

	report_info("LA57 %s, CR4.LA57=%d",
		    cpu_has(X86_FEATURE_LA57) ? "enumerated" : "not enumerated",
		    !!(cr4 & X86_CR4_LA57));
	f = fault_probe("mov %0, %%cr4", : : "r"(cr4 ^ X86_CR4_LA57));
	report_fault(f, FAULT_GP(0), "changing CR4.LA57 in IA-32e mode");
	report_eq(read_cr4(), cr4, "CR4 unchanged");
}

TEST_CASE(canonical_48)
{
	static const u64 addrs[] = {
		0x0000800000000000ULL, /* bit 47 without sign extension */
		0x00ff800000000000ULL, /* canonical at 57 bits, not at 48 */
		0xff00000000000000ULL, /* canonical at 57 bits, not at 48 */
	};
	u64 v;

	if (read_cr4() & X86_CR4_LA57)
		return report_skip("the guest runs with 5-level paging");
	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++)
		report_fault(fault_probe("mov (%1), %0", : "=r"(v)
					 : "r"(addrs[i])),
			     FAULT_GP(0), "4-level paging: read of %#lx", addrs[i]);
}

TEST_CASE(canonical_57)
{
	report_skip("needs a guest entering IA-32e mode with CR4.LA57=1; this "
		    "runtime boots with 4-level paging");
}
