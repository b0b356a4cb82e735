/*
 * emulator: instruction emulation conformance. Every table row runs the
 * same instruction with its operand in RAM (executed by the CPU under KVM),
 * in pc-testdev's MMIO window (every access exits to the hypervisor, whose
 * instruction emulator performs it) and, where KVM's forced-emulation
 * prefix is enabled, emulated on RAM; each outcome is compared with the
 * architectural result (lib/x86/emulate_table.h, docs/emulator-tests.md).
 * Hand-written cases cover what a row cannot: accesses crossing into a
 * not-present page, #AC at CPL3, SMSW/LMSW.
 *
 * Rules: Intel SDM vol. 2 instruction reference (Operation and Flags
 * Affected of each instruction; 2.1.1 prefixes, 2.2.1 REX), vol. 1 3.4.3
 * EFLAGS, 3.3.7 canonical addresses, 7.3.9 string instructions; vol. 3A
 * 4.7 page-fault error code, 6.6 restartable faults, 6.15 exception
 * reference (#GP, #SS, #PF, #AC), 2.5 CR0.AM; AMD APM vol. 3.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/paging.h>
#include <x86/usermode.h>
#include <x86/testdev.h>
#include <x86/emulate_table.h>

/*
 * 16 bytes of operand buffer: a distinct byte everywhere, so a write of
 * the wrong width or at the wrong offset shows.
 */
#define M0 0x1122334455667788ULL
#define M1 0x99aabbccddeeff00ULL
#define RB 0xa1a2a3a4a5a6a7a8ULL
#define NONCANON 0x8000000000000000ULL
#define FAULT_SS0 FAULT(SS_VECTOR, 0)
#define FAULT_AC0 FAULT(AC_VECTOR, 0)

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

/* clang-format off: the cases below are tables, one row per line. */

/* MOV, MOVZX, MOVSX, MOVSXD, MOVBE: SDM vol. 2B; no flag is affected. */
TEST_CASE(mov)
{
	emu_table_begin();
	/* Stores of each size, aligned and straddling the two halves. */
	EMU_ROW("movb %bl, (%r8)", MEM(M0), RBX(RB), FL(FL_CF | FL_ZF),
		TO_MEM(0x11223344556677a8));
	EMU_ROW("movw %bx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x112233445566a7a8));
	EMU_ROW("movl %ebx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a5a6a7a8));
	EMU_ROW("movq %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_SF | FL_OF),
		TO_MEM(RB));
	EMU_ROW("movl %ebx, 3(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0x11a5a6a7a8667788, M1));
	EMU_ROW("movq %rbx, 5(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0xa6a7a84455667788, 0x99aabba1a2a3a4a5));
	EMU_ROW("movw %bx, 7(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0xa822334455667788, 0x99aabbccddeeffa7));
	EMU_ROW("movb $0x5a, (%r8)", MEM(M0), TO_MEM(0x112233445566775a));
	EMU_ROW("movw $0x1234, 2(%r8)", MEM(M0), TO_MEM(0x1122334412347788));
	EMU_ROW("movl $0x89abcdef, (%r8)", MEM(M0), TO_MEM(0x1122334489abcdef));
	EMU_ROW("movq $-2, (%r8)", MEM(M0), TO_MEM(0xfffffffffffffffe));
	EMU_ROW("movq $0x7fffffff, 8(%r8)", MEM2(M0, M1),
		TO_MEM2(M0, 0x7fffffff));
	/* Loads: 8/16-bit keep the rest of the register, 32-bit zero-extends. */
	EMU_ROW("movb (%r8), %bl", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a6a788));
	EMU_ROW("movw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a67788));
	EMU_ROW("movl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x55667788));
	EMU_ROW("movq (%r8), %rbx", MEM(M0), RBX(RB), FL(FL_PF), TO_RBX(M0));
	EMU_ROW("movq 5(%r8), %rbx", MEM2(M0, M1), TO_RBX(0xccddeeff00112233));
	EMU_ROW("movw 14(%r8), %cx", MEM2(M0, M1), RCX(RB),
		TO_RCX(0xa1a2a3a4a5a699aa));
	/* MOVZX and MOVSX (SDM vol. 2B), MOVSXD (REX.W 63 /r). */
	EMU_ROW("movzbl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x88));
	EMU_ROW("movzwl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x7788));
	EMU_ROW("movzbq 7(%r8), %rbx", MEM(M0), RBX(RB), TO_RBX(0x11));
	EMU_ROW("movzwq 6(%r8), %rbx", MEM(M0), RBX(RB), TO_RBX(0x1122));
	EMU_ROW("movzbw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a60088));
	EMU_ROW("movsbw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a6ff88));
	EMU_ROW("movsbl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0xffffff88));
	EMU_ROW("movsbq (%r8), %rbx", MEM(M0), TO_RBX(0xffffffffffffff88));
	EMU_ROW("movswl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x7788));
	EMU_ROW("movswq 8(%r8), %rbx", MEM2(M0, M1),
		TO_RBX(0xffffffffffffff00));
	EMU_ROW("movslq 4(%r8), %rbx", MEM(M0), RBX(RB), TO_RBX(0x11223344));
	EMU_ROW("movslq 12(%r8), %rbx", MEM2(M0, M1),
		TO_RBX(0xffffffff99aabbcc));
	/* MOVBE (SDM vol. 2B): byte-swapped load or store. */
	EMU_ROW("movbe (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x88776655),
		NEED(NEED_MOVBE));
	EMU_ROW("movbe (%r8), %rbx", MEM(M0), TO_RBX(0x8877665544332211),
		NEED(NEED_MOVBE));
	EMU_ROW("movbe (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a68877), NEED(NEED_MOVBE));
	EMU_ROW("movbe %ebx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a8a7a6a5), NEED(NEED_MOVBE));
	EMU_ROW("movbe %rbx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0xa8a7a6a5a4a3a2a1), NEED(NEED_MOVBE));
	EMU_ROW("movbe %bx, 1(%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x1122334455a8a788), NEED(NEED_MOVBE));
	emu_table_end();
}

/*
 * ADD ADC SUB SBB AND OR XOR CMP TEST INC DEC NEG NOT with a memory
 * operand (SDM vol. 2A/2B): OF SF ZF AF PF CF from the result; AND, OR,
 * XOR and TEST clear OF and CF and leave AF undefined; INC and DEC keep
 * CF; NOT affects no flag. Values: each width's largest positive number
 * plus one, smallest negative minus one, all-ones plus one, and two
 * patterns with carry in; the rest of the 8 bytes must not change.
 */
TEST_CASE(alu)
{
	emu_table_begin();
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_AF | FL_SF | FL_OF));
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(FL_CF | FL_OF));
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x7fffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0x0), TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("addq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(FL_CF | FL_OF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x7fffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_OF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0x0), TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("adcq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7e), TO_FL(FL_PF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5afe), TO_FL(FL_SF));
	EMU_ROW("subb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5acf),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7ffe), TO_FL(0));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a8001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5afffe), TO_FL(FL_SF));
	EMU_ROW("subw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a8acf),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a80000001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5afffffffe), TO_FL(FL_SF));
	EMU_ROW("subl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a02468acf),
		TO_FL(FL_CF | FL_PF | FL_AF));
	EMU_ROW("subq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7ffffffffffffffe), TO_FL(0));
	EMU_ROW("subq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x8000000000000001),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("subq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xfffffffffffffffe), TO_FL(FL_SF));
	EMU_ROW("subq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x13579bde02468acf),
		TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7e), TO_FL(FL_PF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5afe), TO_FL(FL_SF));
	EMU_ROW("sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5ace),
		TO_FL(FL_CF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7ffe), TO_FL(0));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a8001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5afffe), TO_FL(FL_SF));
	EMU_ROW("sbbw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a8ace),
		TO_FL(FL_CF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a80000001), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5afffffffe), TO_FL(FL_SF));
	EMU_ROW("sbbl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a02468ace), TO_FL(FL_CF | FL_AF));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7ffffffffffffffe), TO_FL(0));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x8000000000000001),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xfffffffffffffffe), TO_FL(FL_SF));
	EMU_ROW("sbbq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x13579bde02468ace),
		TO_FL(FL_AF | FL_OF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a01), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a01), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a8000), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a0001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a80000000), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a00000001), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x1), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0x1), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("andq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7fffffffffffffff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xffffffffffffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("orq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5a7e), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a5afe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5a7ffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_MEM(0x5a5a5a5a5a5afffe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_MEM(0x5a5a5a5afffffffe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_MEM(0x7ffffffffffffffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_MEM(0x7fffffffffffffff),
		TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_MEM(0xfffffffffffffffe), TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1),
		TO_FL(FL_PF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1), TO_FL(0));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_FL(FL_CF | FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_FL(0));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_FL(FL_CF | FL_PF | FL_AF));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_FL(0));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_FL(FL_CF | FL_AF | FL_SF));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_FL(FL_SF));
	EMU_ROW("cmpq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF),
		TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a7f), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a80), RBX(0xff),
		TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aff), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5a67), RBX(0x98),
		FL(FL_CF), TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5a7fff), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5a8000), RBX(0xffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5affff), RBX(0x1), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("testw %bx, (%r8)", MEM(0x5a5a5a5a5a5a4567), RBX(0xba98),
		FL(FL_CF), TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5a7fffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5a80000000), RBX(0xffffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5affffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testl %ebx, (%r8)", MEM(0x5a5a5a5a01234567), RBX(0xfedcba98),
		FL(FL_CF), TO_FL(FL_PF | FL_ZF), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0x7fffffffffffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0x8000000000000000),
		RBX(0xffffffffffffffff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0xffffffffffffffff), RBX(0x1),
		TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("testq %rbx, (%r8)", MEM(0x89abcdef01234567),
		RBX(0x76543210fedcba98), FL(FL_CF), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("addb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff68),
		TO_FL(FL_CF));
	EMU_ROW("addl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0x3254768), TO_FL(FL_CF));
	EMU_ROW("subb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff88),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("subl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0x21436588),
		TO_FL(FL_CF | FL_PF));
	EMU_ROW("andb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff70), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("andl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0x10305070), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("orb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xfffffffffffffff8),
		TO_FL(FL_SF), UNDEF(FL_AF));
	EMU_ROW("orl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0xf2f4f6f8), TO_FL(FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("xorb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_RBX(0xffffffffffffff88),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_RBX(0xe2c4a688),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("cmpb (%r8), %bl", MEM(0x5a5a5a5a5a5a5af0),
		RBX(0xffffffffffffff78), TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("cmpl (%r8), %ebx", MEM(0x5a5a5a5af0f0f0f0),
		RBX(0xffffffff12345678), TO_FL(FL_CF | FL_PF));
	EMU_ROW("addq $-1, (%r8)", MEM(0x80000001), TO_MEM(0x80000000),
		TO_FL(FL_CF | FL_PF | FL_AF));
	EMU_ROW("addl $2147483647, (%r8)", MEM(0x5a5a5a5a80000001),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("subw $32768, (%r8)", MEM(0x5a5a5a5a5a5a0001),
		TO_MEM(0x5a5a5a5a5a5a8001), TO_FL(FL_CF | FL_SF | FL_OF));
	EMU_ROW("andq $-256, (%r8)", MEM(0x80000001), TO_MEM(0x80000000),
		TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("orb $129, (%r8)", MEM(0x5a5a5a5a5a5a5a7e),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("xorl $-1, (%r8)", MEM(0x5a5a5a5a80000001),
		TO_MEM(0x5a5a5a5a7ffffffe), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("cmpq $-2147483648, (%r8)", MEM(0x80000001), TO_FL(FL_CF));
	EMU_ROW("adcl $0, (%r8)", MEM(0x5a5a5a5a80000001), FL(FL_CF),
		TO_MEM(0x5a5a5a5a80000002), TO_FL(FL_SF));
	EMU_ROW("incb (%r8)", MEM(0x5a5a5a5a5a5a5aff), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a5a00),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incb (%r8)", MEM(0x5a5a5a5a5a5a5a7f),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_AF | FL_SF | FL_OF));
	EMU_ROW("decb (%r8)", MEM(0x5a5a5a5a5a5a5a00), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a5aff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decb (%r8)", MEM(0x5a5a5a5a5a5a5a80),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(FL_AF | FL_OF));
	EMU_ROW("negb (%r8)", MEM(0x5a5a5a5a5a5a5a00),
		TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negb (%r8)", MEM(0x5a5a5a5a5a5a5a80),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_CF | FL_SF | FL_OF));
	EMU_ROW("negb (%r8)", MEM(0x5a5a5a5a5a5a5a01),
		TO_MEM(0x5a5a5a5a5a5a5aff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notb (%r8)", MEM(0x5a5a5a5a5a5a5aef),
		FL(FL_CF | FL_ZF | FL_OF), TO_MEM(0x5a5a5a5a5a5a5a10),
		TO_FL(FL_CF | FL_ZF | FL_OF));
	EMU_ROW("incw (%r8)", MEM(0x5a5a5a5a5a5affff), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5a0000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incw (%r8)", MEM(0x5a5a5a5a5a5a7fff),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("decw (%r8)", MEM(0x5a5a5a5a5a5a0000), FL(FL_CF),
		TO_MEM(0x5a5a5a5a5a5affff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decw (%r8)", MEM(0x5a5a5a5a5a5a8000),
		TO_MEM(0x5a5a5a5a5a5a7fff), TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("negw (%r8)", MEM(0x5a5a5a5a5a5a0000),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negw (%r8)", MEM(0x5a5a5a5a5a5a8000),
		TO_MEM(0x5a5a5a5a5a5a8000),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("negw (%r8)", MEM(0x5a5a5a5a5a5a0001),
		TO_MEM(0x5a5a5a5a5a5affff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notw (%r8)", MEM(0x5a5a5a5a5a5acdef),
		FL(FL_CF | FL_ZF | FL_OF), TO_MEM(0x5a5a5a5a5a5a3210),
		TO_FL(FL_CF | FL_ZF | FL_OF));
	EMU_ROW("incl (%r8)", MEM(0x5a5a5a5affffffff), FL(FL_CF),
		TO_MEM(0x5a5a5a5a00000000),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incl (%r8)", MEM(0x5a5a5a5a7fffffff),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("decl (%r8)", MEM(0x5a5a5a5a00000000), FL(FL_CF),
		TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decl (%r8)", MEM(0x5a5a5a5a80000000),
		TO_MEM(0x5a5a5a5a7fffffff), TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("negl (%r8)", MEM(0x5a5a5a5a00000000),
		TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negl (%r8)", MEM(0x5a5a5a5a80000000),
		TO_MEM(0x5a5a5a5a80000000),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("negl (%r8)", MEM(0x5a5a5a5a00000001),
		TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notl (%r8)", MEM(0x5a5a5a5a89abcdef),
		FL(FL_CF | FL_ZF | FL_OF), TO_MEM(0x5a5a5a5a76543210),
		TO_FL(FL_CF | FL_ZF | FL_OF));
	EMU_ROW("incq (%r8)", MEM(0xffffffffffffffff), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("incq (%r8)", MEM(0x7fffffffffffffff),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_PF | FL_AF | FL_SF | FL_OF));
	EMU_ROW("decq (%r8)", MEM(0x0), FL(FL_CF), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("decq (%r8)", MEM(0x8000000000000000),
		TO_MEM(0x7fffffffffffffff), TO_FL(FL_PF | FL_AF | FL_OF));
	EMU_ROW("negq (%r8)", MEM(0x0), TO_MEM(0x0), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("negq (%r8)", MEM(0x8000000000000000),
		TO_MEM(0x8000000000000000),
		TO_FL(FL_CF | FL_PF | FL_SF | FL_OF));
	EMU_ROW("negq (%r8)", MEM(0x1), TO_MEM(0xffffffffffffffff),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("notq (%r8)", MEM(0x123456789abcdef), FL(FL_CF | FL_ZF | FL_OF),
		TO_MEM(0xfedcba9876543210), TO_FL(FL_CF | FL_ZF | FL_OF));
	/* LOCK (SDM vol. 2A LOCK): the same results, atomically. */
	EMU_ROW("lock addl %ebx, (%r8)", MEM(0x5a5a5a5a89abcdef),
		RBX(0x76543210), TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_PF | FL_SF));
	EMU_ROW("lock adcq %rbx, (%r8)", MEM(0x123456789abcdef),
		RBX(0xfedcba9876543210), FL(FL_CF), TO_MEM(0x0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF));
	EMU_ROW("lock subw %bx, (%r8)", MEM(0x5a5a5a5a5a5acdef), RBX(0x3210),
		TO_MEM(0x5a5a5a5a5a5a9bdf), TO_FL(FL_SF));
	EMU_ROW("lock sbbb %bl, (%r8)", MEM(0x5a5a5a5a5a5a5aef), RBX(0x10),
		FL(FL_CF), TO_MEM(0x5a5a5a5a5a5a5ade), TO_FL(FL_PF | FL_SF));
	EMU_ROW("lock andq %rbx, (%r8)", MEM(0x123456789abcdef),
		RBX(0xfedcba9876543210), TO_MEM(0x0), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF));
	EMU_ROW("lock orl %ebx, (%r8)", MEM(0x5a5a5a5a89abcdef),
		RBX(0x76543210), TO_MEM(0x5a5a5a5affffffff),
		TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("lock xorw %bx, (%r8)", MEM(0x5a5a5a5a5a5acdef), RBX(0x3210),
		TO_MEM(0x5a5a5a5a5a5affff), TO_FL(FL_PF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("lock incq (%r8)", MEM(0x8000000000000000),
		TO_MEM(0x8000000000000001), TO_FL(FL_SF));
	EMU_ROW("lock decl (%r8)", MEM(0x5a5a5a5a00000000),
		TO_MEM(0x5a5a5a5affffffff), TO_FL(FL_PF | FL_AF | FL_SF));
	EMU_ROW("lock negw (%r8)", MEM(0x5a5a5a5a5a5a0000),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF));
	EMU_ROW("lock notb (%r8)", MEM(0x5a5a5a5a5a5a5a80),
		TO_MEM(0x5a5a5a5a5a5a5a7f), TO_FL(0));
	emu_table_end();
}

/*
 * SHL/SAL SHR SAR ROL ROR RCL RCR (SDM vol. 2B "RCL/RCR/ROL/ROR", "SAL/SAR/
 * SHL/SHR"): the count is masked to 5 bits (6 with REX.W); a masked count
 * of 0 changes nothing; OF is defined only for a masked count of 1; shifts
 * leave AF undefined and, for SHL and SHR, CF when the count reaches the
 * width; rotates change only CF and OF; RCL and RCR of 8 and 16 bits
 * rotate by the count modulo 9 and 17. Counts 0, 1, width - 1, width, and
 * 33 (65 with REX.W), which masks to 1.
 */
TEST_CASE(shift)
{
	emu_table_begin();
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a86), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a80), TO_FL(FL_CF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shlb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5ac3), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shlb (%r8)", MEM(0x5a5a5a5a5a5a5ac3),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a86), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("shlb $33, (%r8)", MEM(0x5a5a5a5a5a5a5ac3),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a86), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8000), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shlw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0003), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shlw (%r8)", MEM(0x5a5a5a5a5a5a0003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shlw $33, (%r8)", MEM(0x5a5a5a5a5a5a0003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000000), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shll %cl, (%r8)", MEM(0x5a5a5a5a00000003), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shll (%r8)", MEM(0x5a5a5a5a00000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shll $33, (%r8)", MEM(0x5a5a5a5a00000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000006), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000006), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000000), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shlq %cl, (%r8)", MEM(0xc000000000000003), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shlq (%r8)", MEM(0xc000000000000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000006), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("shlq $65, (%r8)", MEM(0xc000000000000003),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x8000000000000006), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a40), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a01), TO_FL(0), UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a00), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shrb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a40), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a40), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_CF | FL_AF | FL_OF));
	EMU_ROW("shrw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x4000000000000040), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF), TO_MEM(0x1),
		TO_FL(0), UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("shrq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x4000000000000040), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shrq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x4000000000000040), TO_FL(FL_CF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5aff), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("sarb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000000), TO_FL(FL_PF | FL_ZF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000040), TO_FL(FL_CF), UNDEF(FL_AF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xffffffffffffffff), TO_FL(FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("sarq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("sarq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("sarq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040), TO_FL(FL_CF | FL_SF), UNDEF(FL_AF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0081),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rolw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("roll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("roll (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("roll $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rolq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rolq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a81),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0081),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000102),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rorl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103), TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF),
		UNDEF(FL_OF));
	EMU_ROW("rorq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rorq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rorq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ae0),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5ac020),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5ac0000020),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcll %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcll (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcll $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xe000000000000020),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rclq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rclq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x103),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x7),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a07),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrb %cl, (%r8)", MEM(0x5a5a5a5a5a5a5a81), RCX(0x8),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5a03),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrb (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrb $33, (%r8)", MEM(0x5a5a5a5a5a5a5a81),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a5ac0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0xf),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0206),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrw %cl, (%r8)", MEM(0x5a5a5a5a5a5a0081), RCX(0x10),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a0103),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrw (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrw $33, (%r8)", MEM(0x5a5a5a5a5a5a0081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a5a5a8040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x1f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a00000206),
		TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF), UNDEF(FL_OF));
	EMU_ROW("rcrl %cl, (%r8)", MEM(0x5a5a5a5a00000081), RCX(0x20),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrl $33, (%r8)", MEM(0x5a5a5a5a00000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x5a5a5a5a80000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x0),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x1),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x3f),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x207), TO_FL(FL_PF | FL_AF | FL_ZF | FL_SF),
		UNDEF(FL_OF));
	EMU_ROW("rcrq %cl, (%r8)", MEM(0x8000000000000081), RCX(0x40),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF));
	EMU_ROW("rcrq (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	EMU_ROW("rcrq $65, (%r8)", MEM(0x8000000000000081),
		FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF),
		TO_MEM(0xc000000000000040),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF));
	emu_table_end();
}

/*
 * BT BTS BTR BTC (SDM vol. 2A): with a register bit offset the operand is
 * a bit string starting at the memory address, so offsets beyond the
 * operand's width, and negative ones, address other bytes; an immediate
 * offset is taken modulo the width. CF receives the bit; OF SF AF PF are
 * undefined (ZF too on AMD, APM vol. 3). BSF/BSR set ZF only.
 */
#define BT_M0 0x8000000080000f0fULL
#define BT_M1 0x10ULL
#define BT_UNDEF UNDEF(FL_OF | FL_SF | FL_ZF | FL_AF | FL_PF)
TEST_CASE(bitops)
{
	emu_table_begin();
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(3), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(68), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(67), FL(FL_CF),
		TO_FL(0), BT_UNDEF);
	EMU_ROW("btl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(35), FL(FL_CF),
		TO_FL(0), BT_UNDEF);
	EMU_ROW("btl $35, (%r8)", MEM2(BT_M0, BT_M1), TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("btl %ebx, 8(%r8)", MEM2(BT_M0, BT_M1), RBX(0xffffffdf),
		TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("btq %rbx, (%r8)", MEM2(BT_M0, BT_M1), RBX(63), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btw %bx, (%r8)", MEM2(BT_M0, BT_M1), RBX(68), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btsl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(69), FL(FL_CF),
		TO_MEM2(BT_M0, 0x30), TO_FL(0), BT_UNDEF);
	EMU_ROW("btrq %rbx, (%r8)", MEM2(BT_M0, BT_M1), RBX(68),
		TO_MEM2(BT_M0, 0), TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("btcw %bx, (%r8)", MEM2(BT_M0, BT_M1), RBX(17),
		TO_MEM2(0x8000000080020f0f, BT_M1), TO_FL(0), BT_UNDEF);
	EMU_ROW("btsq %rbx, 8(%r8)", MEM2(BT_M0, BT_M1), RBX(-1), TO_FL(FL_CF),
		BT_UNDEF);
	EMU_ROW("btrl $4, 8(%r8)", MEM2(BT_M0, BT_M1), TO_MEM2(BT_M0, 0),
		TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("lock btsl %ebx, (%r8)", MEM2(BT_M0, BT_M1), RBX(100),
		TO_MEM2(BT_M0, 0x1000000010), TO_FL(0), BT_UNDEF);
	EMU_ROW("lock btcl $31, (%r8)", MEM2(BT_M0, BT_M1),
		TO_MEM2(0x8000000000000f0f, BT_M1), TO_FL(FL_CF), BT_UNDEF);
	EMU_ROW("lock btrq %rbx, (%r8)", MEM2(BT_M0, BT_M1), RBX(127), TO_FL(0),
		BT_UNDEF);
	EMU_ROW("bsfq (%r8), %rbx", MEM2(BT_M0, BT_M1), RBX(RB), FL(FL_ZF),
		TO_RBX(0), TO_FL(0),
		UNDEF(FL_CF | FL_OF | FL_SF | FL_AF | FL_PF));
	EMU_ROW("bsrq (%r8), %rbx", MEM2(BT_M0, BT_M1), RBX(RB), TO_RBX(63),
		TO_FL(0), UNDEF(FL_CF | FL_OF | FL_SF | FL_AF | FL_PF));
	EMU_ROW("bsfw 8(%r8), %bx", MEM2(BT_M0, BT_M1), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a60004), TO_FL(0),
		UNDEF(FL_CF | FL_OF | FL_SF | FL_AF | FL_PF));
	emu_table_end();
}

/*
 * XCHG, CMPXCHG, CMPXCHG8B/16B, XADD (SDM vol. 2A/2C). CMPXCHG compares
 * the accumulator with the destination and sets the flags as CMP does; on
 * failure the accumulator receives the destination (a 32-bit write
 * zero-extends). CMPXCHG8B sets only ZF. XADD sets the flags as ADD. LOCK on an
 * instruction that does not allow it, or without a memory destination, is
 * #UD (SDM vol. 2A LOCK).
 */
TEST_CASE(xchg)
{
	emu_table_begin();
	EMU_ROW("xchgb %bl, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344556677a8), TO_RBX(0xa1a2a3a4a5a6a788));
	EMU_ROW("xchgw %bx, 1(%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x1122334455a7a888), TO_RBX(0xa1a2a3a4a5a66677));
	EMU_ROW("xchgl %ebx, (%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a5a6a7a8), TO_RBX(0x55667788));
	EMU_ROW("xchgq %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_CF), TO_MEM(RB),
		TO_RBX(M0));
	EMU_ROW("xchgq (%r8), %rbx", MEM2(M0, M1), RBX(RB), TO_MEM2(RB, M1),
		TO_RBX(M0));
	EMU_ROW("cmpxchgb %bl, (%r8)", MEM(M0), RAX(0x88), RBX(RB),
		TO_MEM(0x11223344556677a8), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("cmpxchgl %ebx, (%r8)", MEM(M0), RAX(0x55667788), RBX(RB),
		TO_MEM(0x11223344a5a6a7a8), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("cmpxchgl %ebx, (%r8)", MEM(M0), RAX(0xdead000055667789),
		RBX(RB), TO_RAX(0x55667788), TO_FL(0));
	EMU_ROW("cmpxchgq %rbx, (%r8)", MEM(M0), RAX(0), RBX(RB), TO_RAX(M0),
		TO_FL(FL_CF | FL_PF | FL_AF | FL_SF));
	EMU_ROW("lock cmpxchgw %bx, (%r8)", MEM(M0), RAX(0x7788), RBX(RB),
		TO_MEM(0x112233445566a7a8), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("lock cmpxchgq %rbx, 8(%r8)", MEM2(M0, M1), RAX(M1), RBX(RB),
		TO_MEM2(M0, RB), TO_FL(FL_ZF | FL_PF));
	EMU_ROW("cmpxchg8b (%r8)", MEM2(M0, M1), RDX(0x11223344),
		RAX(0x55667788), RCX(0xc1c2c3c4), RBX(0xb1b2b3b4), FL(FL_CF),
		TO_MEM2(0xc1c2c3c4b1b2b3b4, M1), TO_FL(FL_CF | FL_ZF));
	EMU_ROW("cmpxchg8b (%r8)", MEM2(M0, M1), RDX(0xffffffff00000000),
		RAX(0xffffffff00000000), RCX(0xc1c2c3c4), RBX(0xb1b2b3b4),
		FL(FL_ZF | FL_SF), TO_RDX(0x11223344), TO_RAX(0x55667788),
		TO_FL(FL_SF));
	EMU_ROW("lock cmpxchg8b 8(%r8)", MEM2(M0, M1), RDX(0x99aabbcc),
		RAX(0xddeeff00), RCX(0xc1c2c3c4), RBX(0xb1b2b3b4),
		TO_MEM2(M0, 0xc1c2c3c4b1b2b3b4), TO_FL(FL_ZF));
	EMU_ROW("xaddb %bl, (%r8)", MEM(M0), RBX(0x78),
		TO_MEM(0x1122334455667700), TO_RBX(0x88),
		TO_FL(FL_CF | FL_ZF | FL_PF | FL_AF));
	EMU_ROW("xaddl %ebx, (%r8)", MEM(M0), RBX(0xaa998878),
		TO_MEM(0x1122334400000000), TO_RBX(0x55667788),
		TO_FL(FL_CF | FL_ZF | FL_PF | FL_AF));
	EMU_ROW("lock xaddq %rbx, (%r8)", MEM(M0), RBX(1),
		TO_MEM(0x1122334455667789), TO_RBX(M0), TO_FL(0));
	EMU_ROW(".byte 0xf0; movl %ebx, (%r8)", MEM(M0), RBX(RB),
		FAULTS(FAULT_UD));
	EMU_ROW(".byte 0xf0; addl (%r8), %ebx", MEM(M0), RBX(RB),
		FAULTS(FAULT_UD));
	emu_table_end();
}

/*
 * CMPXCHG16B (SDM vol. 2A CMPXCHG8B/CMPXCHG16B): compares RDX:RAX with
 * m128, stores RCX:RBX on success, loads RDX:RAX on failure, sets only
 * ZF; #GP(0) when m128 is not 16-byte aligned. A case of its own: a
 * hypervisor that cannot emulate it may stop the VM (run it from its own
 * cfg entry).
 */
TEST_CASE(cmpxchg16b)
{
	emu_table_begin();
	EMU_ROW("cmpxchg16b (%r8)", MEM2(M0, M1), RDX(M1), RAX(M0),
		RCX(0xc1c2c3c4c5c6c7c8), RBX(RB),
		TO_MEM2(RB, 0xc1c2c3c4c5c6c7c8), TO_FL(FL_ZF), NEED(NEED_CX16));
	EMU_ROW("lock cmpxchg16b (%r8)", MEM2(M0, M1), RDX(M1), RAX(M1),
		RCX(0xc1c2c3c4c5c6c7c8), RBX(RB), FL(FL_ZF | FL_OF), TO_RDX(M1),
		TO_RAX(M0), TO_FL(FL_OF), NEED(NEED_CX16));
	EMU_ROW("cmpxchg16b 8(%r8)", MEM2(M0, M1), RDX(M1), RAX(M0), RCX(1),
		RBX(2), FAULTS(FAULT_GP(0)), NEED(NEED_CX16));
	emu_table_end();
}

/* PUSH and POP with a memory operand (SDM vol. 2B), 64- and 16-bit. */
TEST_CASE(push_pop)
{
	emu_table_begin();
	EMU_ROW("pushq (%r8); popq %rbx", MEM(M0), TO_RBX(M0));
	EMU_ROW("pushq %rbx; popq (%r8)", MEM(M0), RBX(RB), TO_MEM(RB));
	EMU_ROW("pushq 8(%r8); popq (%r8)", MEM2(M0, M1), TO_MEM2(M1, M1));
	EMU_ROW("pushw (%r8); popw %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a67788));
	EMU_ROW("pushw %bx; popw 2(%r8)", MEM(M0), RBX(RB),
		TO_MEM(0x11223344a7a87788));
	EMU_ROW("pushq 3(%r8); popq 8(%r8)", MEM2(M0, M1),
		TO_MEM2(M0, 0xeeff001122334455));
	emu_table_end();
}

/*
 * MOVS STOS LODS CMPS SCAS, with REP/REPE/REPNE, in both directions (SDM
 * vol. 2B; vol. 1 7.3.9): RSI and RDI move by the element size, backwards
 * with DF=1; RCX counts down; REPE/REPNE stop on ZF; RCX=0 does nothing.
 * An overlapping REP MOVSB copies element by element. RSI and RDI are
 * offsets in the buffer.
 */
TEST_CASE(string)
{
	emu_table_begin();
	EMU_ROW("movsb", MEM2(M0, M1), REL, RSI(0), RDI(8),
		TO_MEM2(M0, 0x99aabbccddeeff88), TO_RSI(1), TO_RDI(9));
	EMU_ROW("movsw", MEM2(M0, M1), REL, RSI(2), RDI(10), FL(FL_DF),
		TO_MEM2(M0, 0x99aabbcc5566ff00), TO_RSI(0), TO_RDI(8));
	EMU_ROW("movsl", MEM2(M0, M1), REL, RSI(0), RDI(12),
		TO_MEM2(M0, 0x55667788ddeeff00), TO_RSI(4), TO_RDI(16));
	EMU_ROW("movsq", MEM2(M0, M1), REL, RSI(8), RDI(0), TO_MEM2(M1, M1),
		TO_RSI(16), TO_RDI(8));
	EMU_ROW("rep movsb", MEM2(M0, M1), REL, RSI(0), RDI(8), RCX(8),
		TO_MEM2(M0, M0), TO_RSI(8), TO_RDI(16), TO_RCX(0));
	EMU_ROW("rep movsb", MEM2(M0, M1), REL, RSI(0), RDI(1), RCX(4),
		TO_MEM2(0x1122338888888888, M1), TO_RSI(4), TO_RDI(5),
		TO_RCX(0));
	EMU_ROW("rep movsw", MEM2(M0, M1), REL, RSI(6), RDI(14), RCX(4),
		FL(FL_DF), TO_MEM2(M0, M0), TO_RSI(-2), TO_RDI(6), TO_RCX(0));
	EMU_ROW("rep movsq", MEM2(M0, M1), REL, RSI(0), RDI(8), RCX(0));
	EMU_ROW("rep stosb", MEM2(M0, M1), REL, RDI(13), RAX(0x5a), RCX(3),
		TO_MEM2(M0, 0x5a5a5accddeeff00), TO_RDI(16), TO_RCX(0));
	EMU_ROW("rep stosl", MEM2(M0, M1), REL, RDI(0), RAX(0xdeadbeef), RCX(4),
		TO_MEM2(0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef), TO_RDI(16),
		TO_RCX(0));
	EMU_ROW("rep stosq", MEM2(M0, M1), REL, RDI(8), RAX(RB), RCX(2),
		FL(FL_DF), TO_MEM2(RB, RB), TO_RDI(-8), TO_RCX(0));
	EMU_ROW("stosw", MEM2(M0, M1), REL, RDI(6), RAX(0xabcd),
		TO_MEM2(0xabcd334455667788, M1), TO_RDI(8));
	EMU_ROW("lodsb", MEM2(M0, M1), REL, RSI(7), RAX(-1),
		TO_RAX(0xffffffffffffff11), TO_RSI(8));
	EMU_ROW("lodsl", MEM2(M0, M1), REL, RSI(8), RAX(-1), TO_RAX(0xddeeff00),
		TO_RSI(12));
	EMU_ROW("lodsq", MEM2(M0, M1), REL, RSI(8), FL(FL_DF), TO_RAX(M1),
		TO_RSI(0));
	EMU_ROW("cmpsb", MEM2(M0, M1), REL, RSI(0), RDI(8),
		TO_FL(FL_SF | FL_PF), TO_RSI(1), TO_RDI(9));
	EMU_ROW("repe cmpsb", MEM2(M0, 0x1122ff4455667788), REL, RSI(0), RDI(8),
		RCX(8), TO_FL(FL_CF | FL_AF), TO_RSI(6), TO_RDI(14), TO_RCX(2));
	EMU_ROW("repe cmpsb", MEM2(M0, M1), REL, RSI(0), RDI(8), RCX(0),
		FL(FL_CF | FL_ZF));
	EMU_ROW("repne scasb", MEM2(M0, M1), REL, RDI(0), RAX(0x44), RCX(16),
		TO_FL(FL_ZF | FL_PF), TO_RDI(5), TO_RCX(11));
	EMU_ROW("repe scasw", MEM2(M0, M1), REL, RDI(0), RAX(0x7788), RCX(4),
		TO_FL(FL_PF), TO_RDI(4), TO_RCX(2));
	EMU_ROW("repne scasl", MEM2(M0, M1), REL, RDI(12), RAX(0x55667788),
		RCX(4), FL(FL_DF), TO_FL(FL_DF | FL_ZF | FL_PF), TO_RDI(-4),
		TO_RCX(0));
	EMU_ROW("addr32 rep stosb", MEM2(M0, M1), REL, RDI(8), RAX(0x77),
		RCX(2), TO_MEM2(M0, 0x99aabbccddee7777), TO_RDI(10), TO_RCX(0));
	emu_table_end();
}

/*
 * SSE loads and stores with an MMIO operand (SDM vol. 2B MOVDQA, MOVDQU,
 * MOVUPS, MOVAPS, MOVQ, MOVD, MOVNTI, MOVSS): MOVDQA/MOVAPS #GP(0) when
 * the operand is not 16-byte aligned.
 */
#define XMM0_FROM_RBX_RCX \
	"movq %rbx, %xmm0; movq %rcx, %xmm1; punpcklqdq %xmm1, %xmm0; "
#define RAX_RBX_FROM_XMM0 \
	"; movq %xmm0, %rax; psrldq $8, %xmm0; movq %xmm0, %rbx"
TEST_CASE(sse)
{
	emu_table_begin();
	EMU_ROW(XMM0_FROM_RBX_RCX "movdqu %xmm0, (%r8)", MEM2(M0, M1), RBX(RB),
		RCX(0xc1c2c3c4c5c6c7c8), TO_MEM2(RB, 0xc1c2c3c4c5c6c7c8));
	EMU_ROW(XMM0_FROM_RBX_RCX "movdqa %xmm0, (%r8)", MEM2(M0, M1), RBX(RB),
		RCX(1), TO_MEM2(RB, 1));
	EMU_ROW(XMM0_FROM_RBX_RCX "movups %xmm0, (%r8)", MEM2(M0, M1), RBX(2),
		RCX(RB), TO_MEM2(2, RB));
	EMU_ROW(XMM0_FROM_RBX_RCX "movntdq %xmm0, (%r8)", MEM2(M0, M1), RBX(3),
		RCX(4), TO_MEM2(3, 4));
	EMU_ROW("movdqu (%r8), %xmm0" RAX_RBX_FROM_XMM0, MEM2(M0, M1),
		TO_RAX(M0), TO_RBX(M1));
	EMU_ROW("movdqa (%r8), %xmm0" RAX_RBX_FROM_XMM0, MEM2(M0, M1),
		TO_RAX(M0), TO_RBX(M1));
	EMU_ROW("movaps (%r8), %xmm0" RAX_RBX_FROM_XMM0, MEM2(M0, M1),
		TO_RAX(M0), TO_RBX(M1));
	EMU_ROW("movq 3(%r8), %xmm0; movq %xmm0, %rax", MEM2(M0, M1),
		TO_RAX(0xeeff001122334455));
	EMU_ROW("movd 4(%r8), %xmm0; movq %xmm0, %rax", MEM2(M0, M1), RAX(-1),
		TO_RAX(0x11223344));
	EMU_ROW("movq %rbx, %xmm0; movq %xmm0, 8(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(M0, RB));
	EMU_ROW("movd %ebx, %xmm0; movss %xmm0, 4(%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(0xa5a6a7a855667788, M1));
	EMU_ROW("movnti %rbx, 8(%r8)", MEM2(M0, M1), RBX(RB), TO_MEM2(M0, RB));
	EMU_ROW("movdqa 8(%r8), %xmm0", MEM2(M0, M1), FAULTS(FAULT_GP(0)));
	EMU_ROW("movaps %xmm0, 8(%r8)", MEM2(M0, M1), FAULTS(FAULT_GP(0)));
	emu_table_end();
}

/*
 * Prefixes (SDM vol. 2A 2.1.1, 2.2.1; vol. 1 3.3.7.1): in 64-bit mode FS
 * and GS overrides add their base, the other segment overrides are
 * ignored; 67H makes the address 32 bits wide (wrapping modulo 2^32) and
 * string instructions use ESI/EDI/ECX; REX.W wins over 66H. The test sets
 * FS.base = 8 and GS.base = 4 around the rows.
 */
TEST_CASE(prefixes)
{
	u64 fs = rdmsr(MSR_FS_BASE), gs = rdmsr(MSR_GS_BASE);

	wrmsr(MSR_FS_BASE, 8);
	wrmsr(MSR_GS_BASE, 4);
	emu_table_begin();
	EMU_ROW("movl %fs:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0xddeeff00));
	EMU_ROW("movq %rbx, %fs:(%r8)", MEM2(M0, M1), RBX(RB), TO_MEM2(M0, RB));
	EMU_ROW("addl %ebx, %fs:4(%r8)", MEM2(M0, M1), RBX(1),
		TO_MEM2(M0, 0x99aabbcdddeeff00), TO_FL(FL_SF));
	EMU_ROW("movl %gs:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x11223344));
	EMU_ROW("movl %ds:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movl %es:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movl %ss:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movl %cs:(%r8), %ebx", MEM2(M0, M1), TO_RBX(0x55667788));
	EMU_ROW("movsb %fs:(%rsi), %es:(%rdi)", MEM2(M0, M1), REL, RSI(0),
		RDI(0), TO_MEM2(0x1122334455667700, M1), TO_RSI(1), TO_RDI(1));
	EMU_ROW("movl 1(%r8d,%ebx,1), %eax", MEM2(M0, M1), RBX(0xffffffff),
		RAX(-1), TO_RAX(0x55667788));
	EMU_ROW(".byte 0x66; movq %rbx, (%r8)", MEM2(M0, M1), RBX(RB),
		TO_MEM2(RB, M1));
	EMU_ROW(".byte 0x66; addq %rbx, (%r8)", MEM2(M0, M1), RBX(1),
		TO_MEM2(0x1122334455667789, M1), TO_FL(0));
	emu_table_end();
	wrmsr(MSR_FS_BASE, fs);
	wrmsr(MSR_GS_BASE, gs);
}

/*
 * Non-canonical addresses (SDM vol. 1 3.3.7.1; vol. 3A 6.15 #GP and #SS):
 * #GP(0), or #SS(0) when the address uses RSP or RBP as base; nothing is
 * written and no register changes.
 */
TEST_CASE(noncanonical)
{
	emu_table_begin();
	EMU_ROW("movl (%r8,%rbx), %eax", MEM(M0), RBX(NONCANON),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("movl %eax, (%r8,%rbx)", MEM(M0), RBX(NONCANON), RAX(1),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("addl %eax, (%r8,%rbx)", MEM(M0), RBX(NONCANON), RAX(1),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("movl (%rsp,%rbx), %eax", MEM(M0), RBX(NONCANON),
		FAULTS(FAULT_SS0));
	EMU_ROW("movl (%rbp,%rbx), %eax", MEM(M0), RBX(NONCANON),
		FAULTS(FAULT_SS0));
	EMU_ROW("movsb", MEM(M0), REL, RSI(0), RDI(NONCANON),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("movsq", MEM(M0), REL, RSI(NONCANON), RDI(0),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("rep stosb", MEM(M0), REL, RDI(NONCANON), RCX(4),
		FAULTS(FAULT_GP(0)));
	emu_table_end();
}

/*
 * SHLD and SHRD with a memory destination (SDM vol. 2B): the count is
 * masked to 5 bits (6 with REX.W); a masked count of 0 changes nothing,
 * flags included. Otherwise CF is the last bit shifted out of the
 * destination, SF ZF PF follow the result, AF is undefined, OF is the sign
 * change for a count of 1 and undefined beyond. A 16-bit count of 16 is
 * defined (the result is the source); 17 to 31 leave the result undefined
 * and have no row. Counts 0, 1, width - 1, width (32 and 64 mask to 0)
 * and width + 1 (33 and 65 mask to 1), in CL and as an immediate.
 */
TEST_CASE(shiftd)
{
	emu_table_begin();
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x112233445566ef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0xf),
		FL(FL_STATUS), TO_MEM(0x11223344556653d4), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x10),
		FL(FL_STATUS), TO_MEM(0x112233445566a7a8), TO_FL(FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x112233445566ef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x11223344aaccef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1f),
		FL(FL_STATUS), TO_MEM(0x1122334452d353d4), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x11223344aaccef11),
		TO_FL(FL_PF | FL_SF | FL_OF), UNDEF(FL_AF));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x22446688aaccef11), TO_FL(FL_PF),
		UNDEF(FL_AF));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x3f),
		FL(FL_STATUS), TO_MEM(0x50d151d252d353d4), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x40),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shldq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x41),
		FL(FL_STATUS), TO_MEM(0x22446688aaccef11), TO_FL(FL_PF),
		UNDEF(FL_AF));
	EMU_ROW("shldl $8, %ebx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x11223344667788a5), TO_FL(FL_CF | FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shldq $65, %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x22446688aaccef11), TO_FL(FL_PF), UNDEF(FL_AF));
	EMU_ROW("shldw $1, %bx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x112233445566ef11), TO_FL(FL_PF | FL_SF | FL_OF),
		UNDEF(FL_AF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x1122334455663bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0xf),
		FL(FL_STATUS), TO_MEM(0x1122334455664f50), TO_FL(FL_CF | FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x10),
		FL(FL_STATUS), TO_MEM(0x112233445566a7a8), TO_FL(FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdw %cl, %bx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x1122334455663bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x112233442ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x1f),
		FL(FL_STATUS), TO_MEM(0x112233444b4d4f50), TO_FL(FL_CF | FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x20),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdl %cl, %ebx, (%r8)", MEM(M0), RBX(RB), RCX(0x21),
		FL(FL_STATUS), TO_MEM(0x112233442ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x0),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x1),
		FL(FL_STATUS), TO_MEM(0x089119a22ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x3f),
		FL(FL_STATUS), TO_MEM(0x434547494b4d4f50), TO_FL(FL_PF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x40),
		FL(FL_STATUS), TO_FL(FL_STATUS));
	EMU_ROW("shrdq %cl, %rbx, (%r8)", MEM(M0), RBX(RB), RCX(0x41),
		FL(FL_STATUS), TO_MEM(0x089119a22ab33bc4), TO_FL(0),
		UNDEF(FL_AF));
	EMU_ROW("shrdl $8, %ebx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x11223344a8556677), TO_FL(FL_CF | FL_PF | FL_SF),
		UNDEF(FL_AF | FL_OF));
	EMU_ROW("shrdq $65, %rbx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x089119a22ab33bc4), TO_FL(0), UNDEF(FL_AF));
	EMU_ROW("shrdw $1, %bx, (%r8)", MEM(M0), RBX(RB), FL(FL_STATUS),
		TO_MEM(0x1122334455663bc4), TO_FL(0), UNDEF(FL_AF));
	emu_table_end();
}

/*
 * IMUL (SDM vol. 2A), MUL, DIV, IDIV (vol. 2A/2B) with a memory source.
 * One-operand IMUL and MUL write AX, DX:AX, EDX:EAX (zero-extended to
 * RDX:RAX) or RDX:RAX and set CF = OF = 1 when the upper half is
 * significant; two- and three-operand IMUL truncate to the destination and
 * set CF = OF = 1 when the product does not fit. SF ZF AF PF are undefined
 * after all of them, and every status flag after DIV and IDIV. DIV and
 * IDIV raise #DE for a zero divisor and for a quotient that does not fit
 * (IDIV: outside -2^(n-1) .. 2^(n-1) - 1), leaving every register as it was.
 */
TEST_CASE(muldiv)
{
	emu_table_begin();
	/* IMUL r/m: one operand. */
	EMU_ROW("imulb (%r8)", MEM(M0), RAX(RB), TO_RAX(0xa1a2a3a4a5a62940),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulb 1(%r8)", MEM(M0), RAX(0xa1a2a3a4a5a6a701),
		FL(FL_CF | FL_OF), TO_RAX(0xa1a2a3a4a5a60077), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulw (%r8)", MEM(M0), RAX(RB), RDX(RB),
		TO_RAX(0xa1a2a3a4a5a62940), TO_RDX(0xa1a2a3a4a5a6d6c0),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull 4(%r8)", MEM(M0), RAX(RB), RDX(RB), TO_RAX(0x9ffb00a0),
		TO_RDX(0xf9f3ff2c), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(RB),
		TO_RAX(0xc1e9328ce7305800), TO_RDX(0x25b8a0efb604ede5),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq (%r8)", MEM(M0), RAX(2), RDX(RB), FL(FL_CF | FL_OF),
		TO_RAX(0x22446688aaccef10), TO_RDX(0), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* IMUL r, r/m: two operands. */
	EMU_ROW("imulw (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a62940), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0x0d682940),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull (%r8), %ebx", MEM(M0), RBX(0xffffffff00000001),
		FL(FL_CF | FL_OF), TO_RBX(0x55667788), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq 8(%r8), %rbx", MEM2(M0, M1), RBX(RB),
		TO_RBX(0xc1e9328ce7305800), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* IMUL r, r/m, imm: three operands. */
	EMU_ROW("imulw $-3, (%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a69968), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull $0x10, (%r8), %ebx", MEM(M0), RBX(RB),
		TO_RBX(0x56677880), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imull $-2, 12(%r8), %ecx", MEM2(M0, M1), RCX(RB),
		TO_RCX(0xccaa8868), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq $-1, 8(%r8), %rbx", MEM2(M0, M1), RBX(RB),
		FL(FL_CF | FL_OF), TO_RBX(0x6655443322110100), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("imulq $0x7fffffff, (%r8), %rbx", MEM(M0), RBX(RB),
		TO_RBX(0x1991087faa998878), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* MUL r/m. */
	EMU_ROW("mulb (%r8)", MEM(M0), RAX(RB), TO_RAX(0xa1a2a3a4a5a65940),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulb 7(%r8)", MEM(M0), RAX(0xa1a2a3a4a5a6a702),
		FL(FL_CF | FL_OF), TO_RAX(0xa1a2a3a4a5a60022), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulw 2(%r8)", MEM(M0), RAX(RB), RDX(RB),
		TO_RAX(0xa1a2a3a4a5a694f0), TO_RDX(0xa1a2a3a4a5a637ed),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mull 4(%r8)", MEM(M0), RAX(RB), RDX(RB), TO_RAX(0x9ffb00a0),
		TO_RDX(0x0b163270), TO_FL(FL_CF | FL_OF),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(RB),
		TO_RAX(0xc1e9328ce7305800), TO_RDX(0x61060061399a948d),
		TO_FL(FL_CF | FL_OF), UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	EMU_ROW("mulq (%r8)", MEM(M0), RAX(1), RDX(RB), FL(FL_CF | FL_OF),
		TO_RAX(M0), TO_RDX(0), TO_FL(0),
		UNDEF(FL_SF | FL_ZF | FL_AF | FL_PF));
	/* DIV r/m. */
	EMU_ROW("divb (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a61234),
		TO_RAX(0xa1a2a3a4a5a62422), UNDEF(FL_STATUS));
	EMU_ROW("divw (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a65678),
		RDX(0xa1a2a3a4a5a61234), TO_RAX(0xa1a2a3a4a5a626fd),
		TO_RDX(0xa1a2a3a4a5a60510), UNDEF(FL_STATUS));
	EMU_ROW("divl (%r8)", MEM(M0), RAX(0xa1a2a3a49abcdef0),
		RDX(0xa1a2a3a412345678), TO_RAX(0x36920e72), TO_RDX(0x1d023460),
		UNDEF(FL_STATUS));
	EMU_ROW("divq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(0x123456789abcdef0),
		TO_RAX(0x1e53d8c0ab42e63c), TO_RDX(0x2e6d74492a88e3a8),
		UNDEF(FL_STATUS));
	EMU_ROW("divb (%r8)", MEM(0x1122334455667700), RAX(RB),
		FAULTS(FAULT_DE));
	EMU_ROW("divl (%r8)", MEM(0x1122334400000000), RAX(RB), RDX(RB),
		FAULTS(FAULT_DE));
	EMU_ROW("divq 8(%r8)", MEM2(M0, 0), RAX(RB), RDX(RB), FAULTS(FAULT_DE));
	EMU_ROW("divw 2(%r8)", MEM(M0), RAX(RB), RDX(0x5566), FAULTS(FAULT_DE));
	EMU_ROW("divq (%r8)", MEM(M0), RAX(RB), RDX(M0), FAULTS(FAULT_DE));
	/* IDIV r/m: the quotient rounds towards 0, the remainder has the
	 * dividend's sign. */
	EMU_ROW("idivb (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a6edcc),
		TO_RAX(0xa1a2a3a4a5a69c26), UNDEF(FL_STATUS));
	EMU_ROW("idivb (%r8)", MEM(0x1122334455667702), RAX(0xa1a2a3a4a5a6ff00),
		TO_RAX(0xa1a2a3a4a5a60080), UNDEF(FL_STATUS));
	EMU_ROW("idivl 4(%r8)", MEM(M0), RAX(0x87654321),
		RDX(0xfffffffffedcba98), TO_RAX(0xef000001), TO_RDX(0xfa430fdd),
		UNDEF(FL_STATUS));
	EMU_ROW("idivq 8(%r8)", MEM2(M0, M1), RAX(RB), RDX(0x0123456789abcdef),
		TO_RAX(0xfd275891ffaa46b1), TO_RDX(0x3719e69983ae58a8),
		UNDEF(FL_STATUS));
	EMU_ROW("idivq 8(%r8)", MEM2(M0, M1), RAX(0x0123456789abcdef), RDX(-1),
		TO_RAX(2), TO_RDX(0xcdcdcdcdcdcdcfef), UNDEF(FL_STATUS));
	EMU_ROW("idivb (%r8)", MEM(0x1122334455667702), RAX(0xa1a2a3a4a5a60100),
		FAULTS(FAULT_DE));
	EMU_ROW("idivw (%r8)", MEM(M0), RAX(0xa1a2a3a4a5a60000),
		RDX(0xa1a2a3a4a5a68000), FAULTS(FAULT_DE));
	EMU_ROW("idivq (%r8)", MEM(-1), RAX(0x8000000000000000), RDX(-1),
		FAULTS(FAULT_DE));
	EMU_ROW("idivl (%r8)", MEM(0x1122334400000000), RAX(RB), RDX(RB),
		FAULTS(FAULT_DE));
	emu_table_end();
}

/*
 * CMOVcc (SDM vol. 2A): the source is read whatever the condition, so a
 * faulting source faults even when the condition is false; with a false
 * condition a 32-bit destination still has bits 63:32 cleared (Operation:
 * "ELSE IF OperandSize = 32 and IA-32e mode active THEN DEST[63:32] := 0"),
 * a 16- or 64-bit one is unchanged. SETcc (vol. 2B) stores 1 or 0 to a
 * byte. Neither changes a flag.
 */
TEST_CASE(cmov_setcc)
{
	emu_table_begin();
	EMU_ROW("cmovzl (%r8), %ebx", MEM(M0), RBX(RB), FL(FL_ZF),
		TO_RBX(0x55667788));
	EMU_ROW("cmovzl (%r8), %ebx", MEM(M0), RBX(RB), TO_RBX(0xa5a6a7a8));
	EMU_ROW("cmovnzw 2(%r8), %bx", MEM(M0), RBX(RB),
		TO_RBX(0xa1a2a3a4a5a65566));
	EMU_ROW("cmovnzw 2(%r8), %bx", MEM(M0), RBX(RB), FL(FL_ZF));
	EMU_ROW("cmovgq 8(%r8), %rbx", MEM2(M0, M1), RBX(RB), FL(FL_SF | FL_OF),
		TO_RBX(M1));
	EMU_ROW("cmovgq 8(%r8), %rbx", MEM2(M0, M1), RBX(RB), FL(FL_SF));
	EMU_ROW("cmovbq 3(%r8), %rcx", MEM2(M0, M1), RCX(RB), FL(FL_CF),
		TO_RCX(0xeeff001122334455));
	EMU_ROW("cmovaq (%r8), %rcx", MEM(M0), RCX(RB), FL(FL_CF));
	EMU_ROW("cmovpl 4(%r8), %eax", MEM(M0), RAX(RB), FL(FL_PF),
		TO_RAX(0x11223344));
	EMU_ROW("cmovol 4(%r8), %eax", MEM(M0), RAX(RB), TO_RAX(0xa5a6a7a8));
	EMU_ROW("cmovlel 6(%r8), %edx", MEM2(M0, M1), RDX(RB), FL(FL_SF),
		TO_RDX(0xff001122));
	EMU_ROW("cmovsq (%r8), %rdx", MEM(M0), RDX(RB), FL(FL_OF));
	/* A non-canonical source: #GP(0) whether or not the move happens. */
	EMU_ROW("cmovzl (%r8,%rbx), %eax", MEM(M0), RAX(RB), RBX(NONCANON),
		FAULTS(FAULT_GP(0)));
	EMU_ROW("cmovzl (%r8,%rbx), %eax", MEM(M0), RAX(RB), RBX(NONCANON),
		FL(FL_ZF), FAULTS(FAULT_GP(0)));
	EMU_ROW("cmovnzq (%r8,%rbx), %rax", MEM(M0), RAX(RB), RBX(NONCANON),
		FL(FL_ZF), FAULTS(FAULT_GP(0)));
	EMU_ROW("cmovcw (%r8,%rbx), %ax", MEM(M0), RAX(RB), RBX(NONCANON),
		FAULTS(FAULT_GP(0)));
	/* SETcc r/m8. */
	EMU_ROW("setz (%r8)", MEM(M0), FL(FL_ZF), TO_MEM(0x1122334455667701));
	EMU_ROW("setz (%r8)", MEM(M0), TO_MEM(0x1122334455667700));
	EMU_ROW("setnz 3(%r8)", MEM(M0), TO_MEM(0x1122334401667788));
	EMU_ROW("setb 7(%r8)", MEM(M0), FL(FL_CF), TO_MEM(0x0122334455667788));
	EMU_ROW("setbe 8(%r8)", MEM2(M0, M1), FL(FL_ZF),
		TO_MEM2(M0, 0x99aabbccddeeff01));
	EMU_ROW("seta (%r8)", MEM(M0), FL(FL_ZF), TO_MEM(0x1122334455667700));
	EMU_ROW("setl 1(%r8)", MEM(M0), FL(FL_SF), TO_MEM(0x1122334455660188));
	EMU_ROW("setge 1(%r8)", MEM(M0), FL(FL_SF | FL_OF),
		TO_MEM(0x1122334455660188));
	EMU_ROW("setle 2(%r8)", MEM(M0), FL(FL_OF), TO_MEM(0x1122334455017788));
	EMU_ROW("setg 2(%r8)", MEM(M0), FL(FL_ZF | FL_SF | FL_OF),
		TO_MEM(0x1122334455007788));
	EMU_ROW("setp 15(%r8)", MEM2(M0, M1), FL(FL_PF),
		TO_MEM2(M0, 0x01aabbccddeeff00));
	EMU_ROW("setns 4(%r8)", MEM(M0), FL(FL_SF), TO_MEM(0x1122330055667788));
	EMU_ROW("setno 5(%r8)", MEM(M0), FL(FL_OF), TO_MEM(0x1122004455667788));
	EMU_ROW("sets 6(%r8)", MEM(M0), FL(FL_SF), TO_MEM(0x1101334455667788));
	emu_table_end();
}

/*
 * MOV with moffs (A0-A3, SDM vol. 2B MOV): the address is the instruction's
 * offset (64 bits; 32 with 67H) plus the segment base, here FS.base = the
 * buffer. XLAT (vol. 2B): AL := [RBX + zero-extended AL] (EBX with 67H).
 * No flag is affected.
 */
TEST_CASE(moffs_xlat)
{
	emu_table_begin();
	EMU_ROW("movabsb %fs:3, %al", MEM(M0), RAX(RB), FS_BUF,
		TO_RAX(0xa1a2a3a4a5a6a755));
	EMU_ROW("movabsw %fs:6, %ax", MEM(M0), RAX(RB), FS_BUF,
		TO_RAX(0xa1a2a3a4a5a61122));
	EMU_ROW("movabsl %fs:4, %eax", MEM(M0), RAX(RB), FS_BUF,
		TO_RAX(0x11223344));
	EMU_ROW("movabsq %fs:5, %rax", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_RAX(0xccddeeff00112233));
	EMU_ROW("addr32 movabsl %fs:9, %eax", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_RAX(0xccddeeff));
	EMU_ROW("movabsb %al, %fs:1", MEM(M0), RAX(RB), FS_BUF,
		TO_MEM(0x112233445566a888));
	EMU_ROW("movabsw %ax, %fs:9", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, 0x99aabbccdda7a800));
	EMU_ROW("movabsl %eax, %fs:12", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, 0xa5a6a7a8ddeeff00));
	EMU_ROW("movabsq %rax, %fs:8", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, RB));
	EMU_ROW("movabsq %rax, %fs:4", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(0xa5a6a7a855667788, 0x99aabbcca1a2a3a4));
	EMU_ROW("addr32 movabsb %al, %fs:15", MEM2(M0, M1), RAX(RB), FS_BUF,
		TO_MEM2(M0, 0xa8aabbccddeeff00));
	/* XLAT */
	EMU_ROW("xlat %fs:(%rbx)", MEM(M0), RAX(0xa1a2a3a4a5a6a705), FS_BUF,
		TO_RAX(0xa1a2a3a4a5a6a733));
	EMU_ROW("xlat %fs:(%rbx)", MEM2(M0, M1), RAX(0xa1a2a3a4a5a6a70b),
		RBX(2), FS_BUF, TO_RAX(0xa1a2a3a4a5a6a7bb));
	EMU_ROW("xlat %fs:(%rbx)", MEM(M0), RAX(0xa1a2a3a4a5a6a780), RBX(-0x79),
		FS_BUF, TO_RAX(0xa1a2a3a4a5a6a711));
	EMU_ROW(".byte 0x64, 0x48, 0xd7", MEM2(M0, M1), RAX(0xa1a2a3a4a5a6a70a),
		FS_BUF, TO_RAX(0xa1a2a3a4a5a6a7ee));
	EMU_ROW("addr32 xlat %fs:(%ebx)", MEM2(M0, M1), RAX(0xa1a2a3a4a5a6a70e),
		RBX(0xffffffff00000001), FS_BUF, TO_RAX(0xa1a2a3a4a5a6a799));
	emu_table_end();
}

/*
 * MOV to and from a segment register with a memory operand (SDM vol. 2B
 * MOV): a store writes the 16-bit selector whatever the operand size (66H,
 * REX.W); a load of DS ES SS checks the descriptor: #GP(selector) for an
 * index beyond the GDT limit, a system descriptor or RPL > DPL; a null
 * selector loads into ES at CPL0; MOV to CS is #UD. The guest runs with
 * CS = 0x08 and DS = ES = SS = 0x10; USER_DS (0x23) is a DPL3 data
 * segment, 0x38 the TSS (lib/x86/desc.h). Rows that load put 0x10 back
 * from the second half of the buffer.
 */
TEST_CASE(mov_sreg)
{
	emu_table_begin();
	EMU_ROW("movw %ds, (%r8)", MEM(M0), TO_MEM(0x1122334455660010));
	EMU_ROW("movw %ss, 2(%r8)", MEM(M0), TO_MEM(0x1122334400107788));
	EMU_ROW("movw %cs, 6(%r8)", MEM(M0), TO_MEM(0x0008334455667788));
	EMU_ROW("movw %es, 14(%r8)", MEM2(M0, M1),
		TO_MEM2(M0, 0x0010bbccddeeff00));
	EMU_ROW(".byte 0x49, 0x8c, 0x18 /* movq %ds, (%r8) */", MEM(M0),
		TO_MEM(0x1122334455660010));
	EMU_ROW(".byte 0x66, 0x41, 0x8c, 0x58, 0x03 /* movw %ds, 3(%r8) */",
		MEM(M0), TO_MEM(0x1122330010667788));
	EMU_ROW("movw (%r8), %es; movw %es, 2(%r8); movw 8(%r8), %es",
		MEM2(0x1122334455660023, 0x99aabbccddee0010),
		TO_MEM2(0x1122334400230023, 0x99aabbccddee0010));
	EMU_ROW("movw (%r8), %es; movw %es, 2(%r8); movw 8(%r8), %es",
		MEM2(0x1122334455660000, 0x99aabbccddee0010),
		TO_MEM2(0x1122334400000000, 0x99aabbccddee0010));
	EMU_ROW("movw 1(%r8), %ds; movw %ds, 4(%r8); movw 8(%r8), %ds",
		MEM2(0x1122334455002388, 0x99aabbccddee0010),
		TO_MEM2(0x1122002355002388, 0x99aabbccddee0010));
	EMU_ROW("movw (%r8), %ss; movw %ss, 2(%r8)", MEM(0x1122334455660010),
		TO_MEM(0x1122334400100010));
	EMU_ROW("movw (%r8), %es", MEM(0x112233445566fff8),
		FAULTS(FAULT_GP(0xfff8)));
	EMU_ROW("movw (%r8), %es", MEM(0x1122334455660013),
		FAULTS(FAULT_GP(0x10)));
	EMU_ROW("movw (%r8), %ds", MEM(0x1122334455660038),
		FAULTS(FAULT_GP(0x38)));
	EMU_ROW(".byte 0x41, 0x8e, 0x08 /* movw (%r8), %cs */",
		MEM(0x1122334455660008), FAULTS(FAULT_UD));
	emu_table_end();
}

/*
 * ENTER and LEAVE (SDM vol. 2A ENTER, vol. 2B LEAVE) with the stack in the
 * buffer (STACK: RSP = buffer + 16). ENTER size, 0 pushes RBP, sets RBP to
 * the new RSP and subtracts size from RSP (nesting level 1: enter_nested).
 * LEAVE sets RSP to RBP and pops RBP. RSI and RDI record RSP and RBP in
 * between, as offsets into the buffer.
 */
TEST_CASE(enter_leave)
{
	emu_table_begin();
	EMU_ROW("enter $0, $0; movq %rsp, %rsi; movq %rbp, %rdi; leave",
		MEM2(M0, M1), STACK(RB), REL, TO_MEM2(M0, RB), TO_RSI(8),
		TO_RDI(8));
	EMU_ROW("enter $8, $0; movq %rsp, %rsi; movq %rbp, %rdi; leave",
		MEM2(M0, M1), STACK(RB), REL, TO_MEM2(M0, RB), TO_RSI(0),
		TO_RDI(8));
	EMU_ROW("enter $0x108, $0; movq %rsp, %rsi; movq %rbp, %rdi; leave",
		MEM2(M0, M1), STACK(RB), REL, TO_MEM2(M0, RB), TO_RSI(-0x100),
		TO_RDI(8));
	EMU_ROW("leave; movq %rsp, %rsi", MEM2(M0, M1), STACK_AT(8), REL,
		TO_RSI(16), TO_RBP(M1));
	emu_table_end();
}

/*
 * ENTER with nesting level 1 also pushes the new frame pointer (SDM vol. 2A
 * ENTER Operation: Push(FrameTemp)); the row pops it into RSI and pushes
 * RBX in its place. A hypervisor that cannot emulate a nesting level may
 * stop the VM (kvm_pvm: KVM internal error), so this case runs from a cfg
 * entry of its own.
 */
TEST_CASE(enter_nested)
{
	emu_table_begin();
	EMU_ROW("enter $0, $1; popq %rsi; pushq %rbx; movq %rsp, %rdi; leave",
		MEM2(M0, M1), RBX(0x5a5a5a5a5a5a5a5a), STACK(RB), REL,
		TO_MEM2(0x5a5a5a5a5a5a5a5a, RB), TO_RSI(8), TO_RDI(0));
	emu_table_end();
}

/*
 * SMSW stores CR0[15:0] to a 16-bit memory operand; LMSW loads CR0[3:0]
 * (PE MP EM TS) from one, and cannot clear PE (SDM vol. 2B LMSW, SMSW).
 */
TEST_CASE(smsw_lmsw)
{
	u64 cr0 = read_cr0();
	u8 *bufs[2] = {alloc_page(), testdev_mmio()};
	const char *names[2] = {"RAM", "MMIO"};

	for (int i = 0; i < 2; i++) {
		volatile u64 *p;
		u64 v;

		if (!bufs[i]) {
			report_skip("MMIO: %s", testdev_absent_reason());
			continue;
		}
		p = (volatile u64 *)(bufs[i] + 0x200);
		*p = M0;
		asm volatile("smsw (%0)" : : "r"(p) : "memory");
		report_eq(*p, (M0 & ~0xffffULL) | (cr0 & 0xffff),
			  "%s: SMSW m16 stores CR0[15:0] and nothing more",
			  names[i]);
		/* PE=0 TS=1 MP=0 EM=0; bit 5 (NE) clear must not matter. */
		*p = 0xffd8;
		asm volatile("lmsw (%0)" : : "r"(p) : "memory");
		v = read_cr0();
		write_cr0(cr0);
		report_eq(v, (cr0 & ~0xeULL) | X86_CR0_TS | X86_CR0_PE,
			  "%s: LMSW m16 sets TS, clears MP, keeps PE and NE",
			  names[i]);
	}
	free_page(bufs[0]);
}

/*
 * CPL3 code for the alignment checks, mapped user-accessible at USER_CODE
 * and called through usermode_call_fn (usermode.h), so the address comes
 * in RSI. POPF at CPL3 may set EFLAGS.AC (SDM vol. 2B POPF).
 */
extern char emu_user_text[], emu_user_load_ac[], emu_user_store_ac[],
	emu_user_load[];
asm(".pushsection .text.emu_user, \"ax\"\n"
    ".balign 4096\n"
    "emu_user_text:\n"
    "emu_user_load_ac:\n\t"
    "pushfq\n\torl $0x40000, (%rsp)\n\tpopfq\n\t"
    "movl (%rsi), %eax\n\t"
    "pushfq\n\tandl $~0x40000, (%rsp)\n\tpopfq\n\tret\n"
    "emu_user_store_ac:\n\t"
    "pushfq\n\torl $0x40000, (%rsp)\n\tpopfq\n\t"
    "movl $0x11223344, (%rsi)\n\t"
    "pushfq\n\tandl $~0x40000, (%rsp)\n\tpopfq\n\tret\n"
    "emu_user_load:\n\t"
    "movl (%rsi), %eax\n\tret\n"
    ".balign 4096\n"
    ".popsection\n");

/*
 * The test's own page table: the boot mapping (first 3 GiB cached, the
 * top GiB uncached) plus, at WIN, windows that put a RAM or MMIO page in
 * front of a not-present page, RAM in front of MMIO, and two MMIO pages
 * that are not physically contiguous; and user-accessible aliases for the
 * CPL3 checks.
 */
#define WIN (1ULL << 39)
#define RAM_NP (WIN + 0x2000) /* RAM page, then not present */
#define MMIO_NP (WIN + 0x5000) /* MMIO page, then not present */
#define RAM_MMIO (WIN + 0x4000) /* RAM page, then MMIO page */
#define MMIO_MMIO (WIN + 0x7000) /* MMIO pages 3, then 5 */
#define USER_TEXT (WIN + 0x10000) /* usermode_text */
#define USER_STACK_TOP (WIN + 0x12000)
#define USER_CODE (WIN + 0x12000) /* emu_user_text */
#define USER_RAM (WIN + 0x13000)
#define USER_MMIO (WIN + 0x14000) /* MMIO page 6 */
#define MMIO_PAGE(n) (TESTDEV_MMIO_BASE + (n)*PAGE_SIZE)
#define UC (PT_PCD | PT_PWT)
#define PTE_USER (PT_RW | PT_US)

static struct page_table pt;

static u64 switch_to_test_pt(void)
{
	static bool built;

	if (!built) {
		pt_init(&pt);
		pt_map_range(&pt, 0, 0, 3ULL << 30, PT_LEVEL_2M, PT_RW);
		pt_map_range(&pt, 3ULL << 30, 3ULL << 30, 1ULL << 30,
			     PT_LEVEL_2M, PT_RW | UC);
		pt_map(&pt, WIN, (u64)alloc_page(), PT_LEVEL_4K, PTE_USER);
		pt_map(&pt, WIN + 0x1000, (u64)alloc_page(), PT_LEVEL_4K,
		       PTE_USER);
		pt_map(&pt, WIN + 0x3000, (u64)alloc_page(), PT_LEVEL_4K,
		       PTE_USER);
		pt_map(&pt, WIN + 0x4000, MMIO_PAGE(2), PT_LEVEL_4K,
		       PTE_USER | UC);
		pt_map(&pt, WIN + 0x6000, MMIO_PAGE(3), PT_LEVEL_4K,
		       PTE_USER | UC);
		pt_map(&pt, WIN + 0x7000, MMIO_PAGE(5), PT_LEVEL_4K,
		       PTE_USER | UC);
		pt_map(&pt, USER_TEXT, (u64)usermode_text, PT_LEVEL_4K, PT_US);
		pt_map(&pt, USER_STACK_TOP - PAGE_SIZE, (u64)alloc_page(),
		       PT_LEVEL_4K, PTE_USER);
		pt_map(&pt, USER_CODE, (u64)emu_user_text, PT_LEVEL_4K, PT_US);
		pt_map(&pt, USER_RAM, (u64)alloc_page(), PT_LEVEL_4K, PTE_USER);
		pt_map(&pt, USER_MMIO, MMIO_PAGE(6), PT_LEVEL_4K,
		       PTE_USER | UC);
		built = true;
	}
	return pt_switch(&pt);
}

/*
 * Accesses that cross from a present page into a not-present one (SDM
 * vol. 3A 6.6: a fault is reported before the instruction changes
 * anything; 4.7: error code, CR2 = the linear address of the byte that
 * faulted; vol. 2B REP: an interrupted string instruction leaves RCX, RSI
 * and RDI at the element that faulted, the earlier elements done).
 */
static void cross_into_not_present(const char *name, u64 p)
{
	volatile u32 *last = (volatile u32 *)(p - 4);
	u64 v = 0xdeadbeef, rcx, rsi, rdi;
	u8 dst[8] = {0};
	struct fault f;

	report_prefix_push(name);
	*last = 0x11223344;
	f = fault_probe("movl (%1), %k0", : "+r"(v) : "r"(p - 2));
	report_fault(f, FAULT_PF(0), "4-byte load across: #PF");
	report_eq(read_cr2(), p, "load: CR2 = first byte of the second page");
	report_eq(v, 0xdeadbeef, "load: destination register unchanged");

	f = fault_probe("movl %1, (%0)",
			:
			: "r"(p - 2), "r"(0xa1a2a3a4u)
			: "memory");
	report_fault(f, FAULT_PF(2), "4-byte store across: #PF(W)");
	report_eq(read_cr2(), p, "store: CR2 = first byte of the second page");
	report_eq(*last, 0x11223344,
		  "store: no byte written in the first page");

	/* W may be set or not: the read of the read-modify-write faults. */
	*last = 0x11223344;
	f = fault_probe("lock addl %1, (%0)",
			:
			: "r"(p - 2), "r"(1)
			: "memory", "cc");
	report(f.raised && f.vector == PF_VECTOR && !(f.error_code & ~2u),
	       "locked add across: #PF, not present");
	report_eq(*last, 0x11223344, "locked add: no byte written");

	rcx = 6;
	rdi = p - 3;
	f = fault_probe("rep stosb",
			: "+c"(rcx), "+D"(rdi)
			: "a"(0x5a)
			: "memory");
	report_fault(f, FAULT_PF(2), "rep stosb across: #PF(W)");
	report_eq(read_cr2(), p, "rep stosb: CR2");
	report_eq(rcx, 3, "rep stosb: RCX counts the elements left");
	report_eq(rdi, p, "rep stosb: RDI at the faulting element");
	report_eq(*last, 0x5a5a5a44,
		  "rep stosb: the elements before the fault are stored");

	*last = 0x11223344;
	rcx = 6;
	rsi = p - 3;
	rdi = (u64)dst;
	f = fault_probe("rep movsb",
			: "+c"(rcx), "+S"(rsi), "+D"(rdi)
			:
			: "memory");
	report_fault(f, FAULT_PF(0), "rep movsb from across: #PF");
	report_eq(rcx, 3, "rep movsb: RCX counts the elements left");
	report_eq(rsi, p, "rep movsb: RSI at the faulting element");
	report_eq(rdi, (u64)dst + 3,
		  "rep movsb: RDI after the elements copied");
	report_eq(*(u64 *)dst, 0x112233,
		  "rep movsb: the elements before the fault are copied");

	rsi = p - 4;
	rdi = (u64)dst;
	f = fault_probe("movsq", : "+S"(rsi), "+D"(rdi) : : "memory");
	report_fault(f, FAULT_PF(0), "movsq from across: #PF");
	report(rsi == p - 4 && rdi == (u64)dst, "movsq: RSI and RDI unchanged");
	report_eq(*(u64 *)dst, 0x112233, "movsq: nothing copied");
	report_prefix_pop();
}

/* An access across two present pages of different kinds. */
static void cross_present(const char *name, u64 p, volatile u8 *first_end,
			  volatile u8 *second)
{
	u64 v, src = M0, rcx = 8, rsi = (u64)&src, rdi = p - 3;

	report_prefix_push(name);
	*(volatile u64 *)(p - 4) = 0x5a5a5a5a5a5a5a5a;
	asm volatile("movq %1, (%0)" : : "r"(p - 4), "r"(RB) : "memory");
	report(*(volatile u32 *)(first_end - 4) == (u32)RB &&
		       *(volatile u32 *)second == (u32)(RB >> 32),
	       "8-byte store across lands in both pages");
	asm volatile("movq (%1), %0" : "=r"(v) : "r"(p - 4) : "memory");
	report_eq(v, RB, "8-byte load across");
	asm volatile("rep movsb"
		     : "+c"(rcx), "+S"(rsi), "+D"(rdi)
		     :
		     : "memory");
	report(*(volatile u32 *)(first_end - 4) == 0x667788a8 &&
		       *(volatile u32 *)second == 0x22334455 &&
		       second[4] == 0x11,
	       "rep movsb across: both parts, byte order kept");
	report_prefix_pop();
}

TEST_CASE(page_cross)
{
	u64 cr3;

	cr3 = switch_to_test_pt();
	cross_into_not_present("RAM", RAM_NP);
	if (testdev_present()) {
		cross_into_not_present("MMIO", MMIO_NP);
		cross_present("RAM to MMIO", RAM_MMIO, (u8 *)RAM_MMIO,
			      (u8 *)MMIO_PAGE(2));
		cross_present("MMIO to MMIO", MMIO_MMIO, (u8 *)MMIO_PAGE(4),
			      (u8 *)MMIO_PAGE(5));
	} else {
		report_skip("MMIO: %s", testdev_absent_reason());
	}
	write_cr3(cr3);
}

static struct fault user_call(const char *fn, u64 addr, u64 *ret)
{
	return usermode_call(USER_TEXT, usermode_call_fn,
			     USER_CODE + (fn - emu_user_text), addr,
			     USER_STACK_TOP, ret);
}

/*
 * #AC(0): a misaligned access at CPL3 with CR0.AM=1 and EFLAGS.AC=1 (SDM
 * vol. 3A 6.15 interrupt 17, 2.5 CR0.AM); not at CPL0, not with AC=0; a
 * faulting store writes nothing.
 */
TEST_CASE(alignment_check)
{
	static const struct {
		const char *name;
		u64 va;
	} t[] = {{"RAM", USER_RAM}, {"MMIO", USER_MMIO}};
	u64 cr3 = switch_to_test_pt(), cr0 = read_cr0(), v;
	struct fault f;

	write_cr0(cr0 | X86_CR0_AM);
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		volatile u64 *p = (volatile u64 *)t[i].va;

		if (i == 1 && !testdev_present()) {
			report_skip("MMIO: %s", testdev_absent_reason());
			break;
		}
		report_prefix_push(t[i].name);
		*p = M0;
		v = 0;
		f = user_call(emu_user_load_ac, t[i].va + 4, &v);
		report_fault(f, FAULT_NONE, "CPL3 AC=1 aligned 4-byte load");
		report_eq(v, 0x11223344, "CPL3 aligned load value");
		f = user_call(emu_user_load_ac, t[i].va + 1, &v);
		report_fault(f, FAULT_AC0,
			     "CPL3 AC=1 misaligned 4-byte load: #AC(0)");
		f = user_call(emu_user_store_ac, t[i].va + 2, NULL);
		report_fault(f, FAULT_AC0,
			     "CPL3 AC=1 misaligned 4-byte store: #AC(0)");
		report_eq(*p, M0, "faulting store wrote nothing");
		*p = M0;
		f = user_call(emu_user_load, t[i].va + 1, &v);
		report_fault(f, FAULT_NONE,
			     "CPL3 AC=0 misaligned load: no #AC");
		report_eq(v, 0x44556677, "CPL3 misaligned load value");
		asm volatile("pushfq; orl $0x40000, (%%rsp); popfq" : : : "cc");
		f = fault_probe("movl (%1), %k0", : "=r"(v) : "r"(t[i].va + 1));
		asm volatile("pushfq; andl $~0x40000, (%%rsp); popfq"
			     :
			     :
			     : "cc");
		report_fault(f, FAULT_NONE,
			     "CPL0 AC=1 misaligned load: no #AC");
		report_prefix_pop();
	}
	write_cr0(cr0);
	write_cr3(cr3);
}

/* clang-format on */
