// SPDX-License-Identifier: GPL-2.0-only
/*
 * exceptions.c: interrupt dispatch for ppc64 guests. A synchronous
 * interrupt at a registered fault site (fault.h) is recorded and skipped;
 * anything else goes to the handler installed for its vector
 * (ppc_set_handler()); with none, it is unexpected: register dump,
 * backtrace, "Bail out!". Power ISA v3.0 Book III 7.5: which interrupts
 * set SRR0 to the faulting instruction and which to the next one (system
 * call), and which set DAR and DSISR (data storage 7.5.3, data segment
 * 7.5.4, alignment 7.5.8). Backtraces follow the ELFv2 stack frame (ABI
 * 2.2.2.1: back chain at 0, the callee's saved LR at 16 of its caller's
 * frame).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <powerpc/processor.h>
#include <powerpc/exceptions.h>
#include <powerpc/fault.h>
#include <powerpc/asm-offsets.h>

_Static_assert(__builtin_offsetof(struct pt_regs, nip) == REGS_NIP, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, msr) == REGS_MSR, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, lr) == REGS_LR, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, ctr) == REGS_CTR, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, cr) == REGS_CR, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, xer) == REGS_XER, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, dar) == REGS_DAR, "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, dsisr) == REGS_DSISR,
	       "pt_regs");
_Static_assert(__builtin_offsetof(struct pt_regs, vector) == REGS_VECTOR,
	       "pt_regs");
_Static_assert(sizeof(struct pt_regs) == REGS_SIZE, "pt_regs");
_Static_assert(EXC_FRAME % 16 == 0, "ELFv2 frames are quadword aligned");

struct vector_stub {
	u64 vector;
	u64 code;
};

#define STUB_SIZE 32

extern const struct vector_stub __vector_stubs_start[], __vector_stubs_end[];
extern char boot_stack_bottom[], boot_stack_top[];

static unsigned int exception_depth;
static exception_handler_t handlers[VEC_LIMIT / VEC_ALIGN];

void ppc_exception(struct pt_regs *regs);

const char *vector_name(unsigned int vector)
{
	switch (vector) {
	case VEC_SYSTEM_RESET:
		return "system reset";
	case VEC_MACHINE_CHECK:
		return "machine check";
	case VEC_DSI:
		return "data storage";
	case VEC_DSEG:
		return "data segment";
	case VEC_ISI:
		return "instruction storage";
	case VEC_ISEG:
		return "instruction segment";
	case VEC_EXTERNAL:
		return "external";
	case VEC_ALIGNMENT:
		return "alignment";
	case VEC_PROGRAM:
		return "program";
	case VEC_FP_UNAVAIL:
		return "floating-point unavailable";
	case VEC_DECREMENTER:
		return "decrementer";
	case VEC_DOORBELL:
		return "directed privileged doorbell";
	case VEC_SYSCALL:
		return "system call";
	case VEC_TRACE:
		return "trace";
	case VEC_PERFMON:
		return "performance monitor";
	case VEC_VMX_UNAVAIL:
		return "vector unavailable";
	case VEC_VSX_UNAVAIL:
		return "VSX unavailable";
	case VEC_FAC_UNAVAIL:
		return "facility unavailable";
	default:
		return "other";
	}
}

void install_vectors(void)
{
	for (const struct vector_stub *s = __vector_stubs_start;
	     s < __vector_stubs_end; s++) {
		memcpy((void *)s->vector, (const void *)s->code, STUB_SIZE);
		sync_icache(s->vector, s->vector + STUB_SIZE);
	}
}

exception_handler_t ppc_set_handler(unsigned int kind, exception_handler_t fn)
{
	assert(kind < VEC_LIMIT && !(kind % VEC_ALIGN));
	return __atomic_exchange_n(&handlers[kind / VEC_ALIGN], fn,
				   __ATOMIC_ACQ_REL);
}

static bool sets_dar(unsigned int vector)
{
	return vector == VEC_DSI || vector == VEC_DSEG ||
	       vector == VEC_ALIGNMENT;
}

bool fault_equal(struct fault actual, struct fault expected)
{
	if (actual.raised != expected.raised)
		return false;
	if (!actual.raised)
		return true;
	if (actual.vector != expected.vector)
		return false;
	if ((actual.srr1 & expected.srr1_mask) !=
	    (expected.srr1 & expected.srr1_mask))
		return false;
	if ((actual.dsisr & expected.dsisr_mask) !=
	    (expected.dsisr & expected.dsisr_mask))
		return false;
	return !expected.dar_valid ||
	       (actual.dar_valid && actual.dar == expected.dar);
}

const char *fault_str(struct fault f, char *buf, size_t size)
{
	size_t n;

	if (!f.raised) {
		snprintf(buf, size, "no exception");
		return buf;
	}
	n = snprintf(buf, size, "%#x (%s)", f.vector, vector_name(f.vector));
	if (f.srr1_mask && n < size)
		n += snprintf(buf + n, size - n, " SRR1 %#llx",
			      (unsigned long long)(f.srr1 & f.srr1_mask));
	if (f.dsisr_mask && n < size)
		n += snprintf(buf + n, size - n, " DSISR %#x",
			      f.dsisr & f.dsisr_mask);
	if (f.dar_valid && n < size)
		snprintf(buf + n, size - n, " DAR %#llx",
			 (unsigned long long)f.dar);
	return buf;
}

/*
 * Actual faults carry all of SRR1's interrupt-specific bits (33:36,
 * 42:47; 7.2.1) and all of DSISR, so a mismatch shows everything.
 */
static void record(struct pt_regs *regs, u64 resume)
{
	unsigned int vec = regs->vector;

	fault_record((struct fault){
		.raised = true,
		.vector = vec,
		.srr1 = regs->msr,
		.srr1_mask = GENMASK(30, 27) | GENMASK(21, 16),
		.dar_valid = sets_dar(vec),
		.dar = sets_dar(vec) ? regs->dar : 0,
		.dsisr = vec == VEC_DSI ? (u32)regs->dsisr : 0,
		.dsisr_mask = vec == VEC_DSI ? ~0U : 0,
	});
	regs->nip = resume;
}

static bool fixup_fault_site(struct pt_regs *regs)
{
	const struct fault_site *s;

	switch (regs->vector) {
	case VEC_SYSCALL:
		s = fault_site_ending_at(regs->nip);
		break;
	case VEC_ISI:
	case VEC_ISEG:
		s = fault_site_at(regs->nip);
		if (!s)
			s = fault_site_ending_at(regs->lr);
		break;
	case VEC_DSI:
	case VEC_DSEG:
	case VEC_ALIGNMENT:
	case VEC_PROGRAM:
	case VEC_FP_UNAVAIL:
	case VEC_VMX_UNAVAIL:
	case VEC_VSX_UNAVAIL:
	case VEC_FAC_UNAVAIL:
		s = fault_site_at(regs->nip);
		break;
	default:
		return false;
	}
	if (!s)
		return false;
	record(regs, s->resume);
	return true;
}

static void dump_regs(const struct pt_regs *r)
{
	printf("# nip=%016llx msr=%016llx lr=%016llx ctr=%016llx\n",
	       (unsigned long long)r->nip, (unsigned long long)r->msr,
	       (unsigned long long)r->lr, (unsigned long long)r->ctr);
	printf("# cr=%08llx xer=%08llx dar=%016llx dsisr=%08llx\n",
	       (unsigned long long)r->cr, (unsigned long long)r->xer,
	       (unsigned long long)r->dar, (unsigned long long)r->dsisr);
	for (int i = 0; i < 32; i += 4) {
		printf("#");
		for (int j = i; j < i + 4; j++)
			printf(" r%-2d=%016llx", j,
			       (unsigned long long)r->gpr[j]);
		printf("\n");
	}
}

static bool frame_ok(u64 sp)
{
	return sp && !(sp & 15) && sp >= (u64)boot_stack_bottom &&
	       sp + STACK_FRAME_MIN <= (u64)boot_stack_top;
}

/*
 * PC, then the return address saved in each caller's frame, minus 4. A
 * leaf function saves no LR: its slot is stale, and skipped when it is
 * not in the image; the register dump's lr names the leaf's caller.
 */
void print_backtrace_from(u64 pc, u64 sp)
{
	printf("# backtrace (addr2line -e NAME.elf): %#llx",
	       (unsigned long long)pc);
	for (int i = 0; i < 16 && frame_ok(sp); i++) {
		u64 caller = *(u64 *)sp;
		u64 ra = frame_ok(caller) ? ((u64 *)caller)[2] : 0;

		if (!ra)
			break;
		if (ra > (u64)__image_start && ra <= (u64)__image_end)
			printf(" %#llx", (unsigned long long)ra - 4);
		sp = caller;
	}
	printf("\n");
}

void arch_print_backtrace(void)
{
	u64 sp;

	asm volatile("mr %0, 1" : "=r"(sp));
	print_backtrace_from((u64)__builtin_return_address(0) - 4, *(u64 *)sp);
}

u64 arch_entropy(void)
{
	return mftb();
}

void ppc_exception(struct pt_regs *regs)
{
	unsigned int vec = regs->vector;
	exception_handler_t fn;

	if (fixup_fault_site(regs))
		return;
	fn = __atomic_load_n(&handlers[vec / VEC_ALIGN], __ATOMIC_ACQUIRE);
	if (fn) {
		fn(regs);
		return;
	}
	if (exception_depth++)
		test_crash("interrupt %#x (%s) while handling an unexpected "
			   "one, nip=%#llx",
			   vec, vector_name(vec),
			   (unsigned long long)regs->nip);
	printf("# unexpected interrupt %#x (%s) at nip=%#llx srr1=%#llx\n", vec,
	       vector_name(vec), (unsigned long long)regs->nip,
	       (unsigned long long)regs->msr);
	dump_regs(regs);
	print_backtrace_from(regs->nip, regs->gpr[1]);
	test_crash("unexpected interrupt %#x (%s) at nip=%#llx", vec,
		   vector_name(vec), (unsigned long long)regs->nip);
}
