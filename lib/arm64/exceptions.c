// SPDX-License-Identifier: GPL-2.0-only
/*
 * exceptions.c: exception dispatch for arm64 guests. A synchronous
 * exception at a registered fault site (fault.h) is recorded and skipped;
 * anything else goes to the handler installed for its vector table entry
 * (arm64_set_handler()); with none, it is unexpected:
 * register dump, backtrace, "Bail out!" (Arm ARM D1.10 exception entry
 * and vector offsets, D13.2.37 ESR_EL1 classes, D13.2.40 FAR_EL1 validity:
 * defined for instruction and data aborts unless ISS.FnV is set, PC
 * alignment faults and watchpoints).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <smp.h>
#include <arm64/processor.h>
#include <arm64/exceptions.h>
#include <arm64/fault.h>
#include <arm64/asm-offsets.h>

_Static_assert(__builtin_offsetof(struct pt_regs, sp) == REGS_SP, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, elr) == REGS_ELR, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, esr) == REGS_ESR, "pt_regs");
_Static_assert(sizeof(struct pt_regs) == REGS_SIZE, "pt_regs");

extern char _start[];

static exception_handler_t handlers[VECTOR_COUNT];

static const char *const vector_names[VECTOR_COUNT] = {
	"EL1t sync",
	"EL1t IRQ",
	"EL1t FIQ",
	"EL1t SError",
	"EL1h sync",
	"EL1h IRQ",
	"EL1h FIQ",
	"EL1h SError",
	"EL0 sync",
	"EL0 IRQ",
	"EL0 FIQ",
	"EL0 SError",
	"EL0 (AArch32) sync",
	"EL0 (AArch32) IRQ",
	"EL0 (AArch32) FIQ",
	"EL0 (AArch32) SError",
};

const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "unknown/undefined";
	case EC_WFX:
		return "WFI/WFE";
	case EC_FP_ASIMD:
		return "FP/SIMD access";
	case EC_ILL:
		return "illegal execution state";
	case EC_SVC64:
		return "SVC";
	case EC_HVC64:
		return "HVC";
	case EC_SMC64:
		return "SMC";
	case EC_SYS64:
		return "system register trap";
	case EC_SVE:
		return "SVE access";
	case EC_IABT_LOW:
		return "instruction abort, lower EL";
	case EC_IABT_CUR:
		return "instruction abort";
	case EC_PC_ALIGN:
		return "PC alignment";
	case EC_DABT_LOW:
		return "data abort, lower EL";
	case EC_DABT_CUR:
		return "data abort";
	case EC_SP_ALIGN:
		return "SP alignment";
	case EC_SERROR:
		return "SError";
	case EC_BREAKPT_CUR:
		return "breakpoint";
	case EC_SOFTSTP_CUR:
		return "software step";
	case EC_WATCHPT_CUR:
		return "watchpoint";
	case EC_BRK64:
		return "BRK";
	default:
		return "other";
	}
}

static bool far_defined(u32 esr)
{
	switch (ESR_EC(esr)) {
	case EC_IABT_LOW:
	case EC_IABT_CUR:
	case EC_DABT_LOW:
	case EC_DABT_CUR:
		return !(esr & ESR_ISS_FNV);
	case EC_PC_ALIGN:
	case EC_WATCHPT_CUR:
		return true;
	default:
		return false;
	}
}

bool fault_equal(struct fault actual, struct fault expected)
{
	if (actual.raised != expected.raised)
		return false;
	if (!actual.raised)
		return true;
	if ((actual.esr & expected.esr_mask) !=
	    (expected.esr & expected.esr_mask))
		return false;
	return !expected.far_valid ||
	       (actual.far_valid && actual.far == expected.far);
}

const char *fault_str(struct fault f, char *buf, size_t size)
{
	int n;

	if (!f.raised) {
		snprintf(buf, size, "no exception");
		return buf;
	}
	n = snprintf(buf, size, "EC %#x (%s) ESR %#x", ESR_EC(f.esr),
		     ec_name(ESR_EC(f.esr)), f.esr);
	if (f.esr_mask && f.esr_mask != ~0U && n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - n, " mask %#x", f.esr_mask);
	if (f.far_valid && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - n, " FAR %#llx",
			 (unsigned long long)f.far);
	return buf;
}

exception_handler_t arm64_set_handler(unsigned int kind, exception_handler_t fn)
{
	assert(kind < VECTOR_COUNT);
	return __atomic_exchange_n(&handlers[kind], fn, __ATOMIC_ACQ_REL);
}

static void record(struct pt_regs *regs, u64 resume)
{
	bool far_valid = far_defined(regs->esr);

	fault_record((struct fault){
		.raised = true,
		.esr = regs->esr,
		.esr_mask = ~0U,
		.far_valid = far_valid,
		.far = far_valid ? regs->far : 0,
	});
	regs->elr = resume;
}

static bool fixup_fault_site(struct pt_regs *regs)
{
	unsigned int ec = ESR_EC(regs->esr);
	const struct fault_site *s = fault_site_at(regs->elr);

	/* A branch that faults at its target leaves the return in LR. */
	if (!s && (ec == EC_IABT_CUR || ec == EC_PC_ALIGN))
		s = fault_site_ending_at(regs->regs[30]);
	if (!s)
		return false;
	record(regs, s->resume);
	return true;
}

u64 link_address(u64 addr)
{
	return addr - (u64)_start;
}

static void dump_regs(const struct pt_regs *r)
{
	printf("# pc=%016llx (link %#llx) sp=%016llx spsr=%08llx\n",
	       (unsigned long long)r->elr,
	       (unsigned long long)link_address(r->elr),
	       (unsigned long long)r->sp, (unsigned long long)r->spsr);
	printf("# esr=%08llx far=%016llx\n", (unsigned long long)r->esr,
	       (unsigned long long)r->far);
	for (int i = 0; i < 31; i += 3) {
		printf("#");
		for (int j = i; j < i + 3 && j < 31; j++)
			printf(" x%-2d=%016llx", j,
			       (unsigned long long)r->regs[j]);
		printf("\n");
	}
}

static bool frame_ok(u64 fp)
{
	struct percpu *pc = this_cpu();

	if (!fp || (fp & 7))
		return false;
	if (!pc)
		return true;
	return fp >= pc->stack_bottom && fp + 16 <= pc->stack_top;
}

void print_backtrace_from(u64 pc, u64 fp)
{
	printf("# backtrace (link addresses, addr2line -e NAME.elf64): %#llx",
	       (unsigned long long)link_address(pc));
	for (int i = 0; i < 16 && frame_ok(fp); i++) {
		u64 *frame = (u64 *)fp;

		if (!frame[1])
			break;
		printf(" %#llx",
		       (unsigned long long)link_address(frame[1] - 4));
		fp = frame[0];
	}
	printf("\n");
}

void arch_print_backtrace(void)
{
	u64 *fp = __builtin_frame_address(0);

	print_backtrace_from((u64)__builtin_return_address(0) - 4, fp[0]);
}

u64 arch_entropy(void)
{
	return read_cntvct();
}

void arm64_exception_entry(struct pt_regs *regs, unsigned int vector);

void arm64_exception_entry(struct pt_regs *regs, unsigned int vector)
{
	struct percpu *pc = this_cpu();
	exception_handler_t fn;

	if (vector == EL1H_SYNC && fixup_fault_site(regs))
		return;
	fn = __atomic_load_n(&handlers[vector], __ATOMIC_ACQUIRE);
	if (fn) {
		fn(regs);
		return;
	}
	if (pc && pc->exception_depth++)
		test_crash("exception while handling an unexpected exception "
			   "(%s, ESR %#llx) on cpu %u",
			   vector_names[vector], (unsigned long long)regs->esr,
			   pc->cpu);
	printf("# unexpected exception %s on cpu %u: EC %#x (%s) ESR %#llx\n",
	       vector_names[vector], smp_processor_id(),
	       (unsigned int)ESR_EC(regs->esr), ec_name(ESR_EC(regs->esr)),
	       (unsigned long long)regs->esr);
	dump_regs(regs);
	print_backtrace_from(regs->elr, regs->regs[29]);
	test_crash("unexpected exception %s EC %#x (%s) at pc=%#llx (link "
		   "%#llx) on cpu %u",
		   vector_names[vector], (unsigned int)ESR_EC(regs->esr),
		   ec_name(ESR_EC(regs->esr)), (unsigned long long)regs->elr,
		   (unsigned long long)link_address(regs->elr),
		   smp_processor_id());
}
