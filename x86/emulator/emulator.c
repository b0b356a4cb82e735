// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulator: instruction emulation conformance. Every table row runs the
 * same instruction with its operand in RAM (executed by the CPU under KVM),
 * in pc-testdev's MMIO window (every access exits to the hypervisor, whose
 * instruction emulator performs it) and, where KVM's forced-emulation
 * prefix is enabled, emulated on RAM; each outcome is compared with the
 * architectural result (lib/x86/emulate_table.h, docs/emulator-tests.md).
 * One file per instruction family (mov.c, alu.c, shift.c, bitops.c,
 * cmov_setcc.c, xchg.c, stack.c, string.c, sse.c, addressing.c,
 * system.c); hand-written cases cover what a row cannot: accesses crossing
 * into a not-present page, #AC at CPL3 (faults.c), SMSW/LMSW (system.c).
 * This file checks the targets themselves: pc-testdev's MMIO window must
 * take loads and stores of each size, aligned or not, as RAM would; KVM's
 * forced-emulation prefix (UD2 followed by "kvm") either executes the
 * instruction behind it or, when the host's kvm.force_emulation_prefix is
 * 0, raises #UD as UD2 must. A failure here explains the failures of a
 * whole target.
 *
 * Rules: Intel SDM vol. 2 instruction reference (Operation and Flags
 * Affected of each instruction; 2.1.1 prefixes, 2.2.1 REX; UD), vol. 1
 * 3.4.3 EFLAGS, 3.3.7 canonical addresses, 7.3.9 string instructions; vol.
 * 3A 4.7 page-fault error code, 6.6 restartable faults, 6.15 exception
 * reference (#GP, #SS, #PF, #AC), 2.5 CR0.AM; AMD APM vol. 3. Each file
 * names the sections it follows.
 */
#include "emulator.h"
#include <x86/testdev.h>

TEST_CASE(mmio_region)
{
	volatile u8 *m;

	if (!testdev_present())
		return report_skip("%s", testdev_absent_reason());
	m = testdev_mmio();
	*(volatile u64 *)(m + 0x100) = M0;
	report_eq(*(volatile u64 *)(m + 0x100), M0, "8-byte store and load");
	*(volatile u32 *)(m + 0x104) = 0xcafef00d;
	report_eq(*(volatile u64 *)(m + 0x100), 0xcafef00d55667788ULL,
		  "4-byte store at +4 leaves the low half");
	*(volatile u16 *)(m + 0x101) = 0xbeef;
	report_eq(*(volatile u32 *)(m + 0x100), 0x55beef88,
		  "misaligned 2-byte store");
	m[0x103] = 0x42;
	report_eq(*(volatile u16 *)(m + 0x102), 0x42be, "byte store");
}

TEST_CASE(forced_emulation)
{
	struct fault f = emu_fep_probe();

	if (fault_equal(f, FAULT_UD))
		return report_skip(
			"KVM forced-emulation prefix raises #UD: the "
			"host's kvm.force_emulation_prefix is 0 (or "
			"this is not KVM), the FEP target is not run");
	report_fault(
		f, FAULT_NONE,
		"forced-emulation prefix and NOP execute: FEP target enabled");
}
