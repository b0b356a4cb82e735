// SPDX-License-Identifier: GPL-2.0-only
/*
 * cr_bits: control-register bits in 64-bit mode. MOV to CR0 or CR4 with a
 * bit of 63:32 set, or to CR8 with a bit of 63:4 set, raises #GP(0) and
 * leaves the register as it was; with CR4.FSGSBASE = 0 RDFSBASE and
 * WRFSBASE raise #UD, with CR4.FSGSBASE = 1 they read and write the FS
 * base (IA32_FS_BASE), and WRFSBASE of a non-canonical address raises
 * #GP(0).
 *
 * Intel SDM vol. 3A 2.5 (CR0[63:32], CR4[63:32] and CR8[63:4] reserved;
 * CR4.FSGSBASE), vol. 2B MOV to/from control registers ("#GP(0) if an
 * attempt is made to write a 1 to any reserved bit"), vol. 2B RDFSBASE
 * and WRFSBASE (#UD if CR4.FSGSBASE = 0, #GP(0) for a non-canonical
 * source); AMD APM vol. 2 3.1 (reserved control-register bits are MBZ,
 * #GP when set), vol. 3 RDFSBASE, WRFSBASE.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/insn_watch.h>

#define FS_MARK 0x00007f0012345000ULL
#define FS_MARK2 0x00007f00abcde000ULL

static struct {
	u64 cr0, cr4, cr8, fs_base;
} saved;

/* Each case may set what it should not be able to set: put it all back. */
static bool cr_saved_enter(void)
{
	saved.cr0 = read_cr0();
	saved.cr4 = read_cr4();
	saved.cr8 = read_cr8();
	saved.fs_base = rdmsr(MSR_FS_BASE);
	return true;
}

static void cr_saved_leave(void)
{
	if (read_cr0() != saved.cr0)
		write_cr0(saved.cr0);
	if (read_cr4() != saved.cr4)
		write_cr4(saved.cr4);
	write_cr8(saved.cr8);
	wrmsr(MSR_FS_BASE, saved.fs_base);
}

TEST_FIXTURE(cr_saved, cr_saved_enter, cr_saved_leave);

static const struct reserved_bit {
	const char *name;
	unsigned int cr;
	unsigned int bit;
} reserved_bits[] = {
	{"cr0_bit32", 0, 32}, {"cr0_bit63", 0, 63}, {"cr4_bit32", 4, 32},
	{"cr4_bit63", 4, 63}, {"cr8_bit4", 8, 4},   {"cr8_bit63", 8, 63},
};

/*
 * On a spare CPU, watched from this one (lib/x86/insn_watch.h): QEMU 7.2
 * TCG loops on a MOV to CR4 with a reserved bit, which is then a FAIL
 * that says so, not a hang.
 */
TEST_VARIANTS(reserved, reserved_bits, .fixture = &cr_saved)
{
	struct cr_flip t = cr_flip_elsewhere(variant->cr, BIT(variant->bit));

	report_fault(t.f, FAULT_GP(0), "MOV to CR%u with reserved bit %u set",
		     variant->cr, variant->bit);
	if (!t.f.stuck)
		report_eq(t.after, t.before, "CR%u unchanged", variant->cr);
}

TEST_CASE(fsgsbase, .fixture = &cr_saved,
	  .features = CPU_FEATURES(X86_FEATURE_FSGSBASE))
{
	u64 v = 0;

	write_cr4(read_cr4() & ~X86_CR4_FSGSBASE);
	report_fault(fault_probe("rdfsbase %0",
				 : "=r"(v)),
		     FAULT_UD, "RDFSBASE with CR4.FSGSBASE=0");
	report_fault(fault_probe("wrfsbase %0",
				 :
				 : "r"(FS_MARK)),
		     FAULT_UD, "WRFSBASE with CR4.FSGSBASE=0");

	write_cr4(read_cr4() | X86_CR4_FSGSBASE);
	report_fault(fault_probe("wrfsbase %0",
				 :
				 : "r"(FS_MARK)),
		     FAULT_NONE, "WRFSBASE with CR4.FSGSBASE=1");
	report_eq(rdmsr(MSR_FS_BASE), FS_MARK,
		  "IA32_FS_BASE holds what WRFSBASE wrote");
	wrmsr(MSR_FS_BASE, FS_MARK2);
	report_fault(fault_probe("rdfsbase %0",
				 : "=r"(v)),
		     FAULT_NONE, "RDFSBASE with CR4.FSGSBASE=1");
	report_eq(v, FS_MARK2, "RDFSBASE reads IA32_FS_BASE");
	report_fault(fault_probe("wrfsbase %0",
				 :
				 : "r"(BIT(63) | FS_MARK)),
		     FAULT_GP(0), "WRFSBASE of a non-canonical address");
	report_eq(rdmsr(MSR_FS_BASE), FS_MARK2,
		  "IA32_FS_BASE unchanged by the faulting WRFSBASE");
}
