// SPDX-License-Identifier: GPL-2.0-only
/*
 * exceptions.c: interruption dispatch for s390x guests (exceptions.h). A
 * program interruption at a registered fault site (fault.h) is recorded
 * and skipped; a service signal completes the SCLP command and ends the
 * enabled wait it interrupted; SUPERVISOR CALL SVC_LEAVE_PSTATE from the
 * problem state returns to the supervisor state (enter_pstate(), entry.S);
 * anything else goes to the handler installed
 * for its class (s390x_set_handler()); with none, it is unexpected:
 * register dump, backtrace, "Bail out!". Interruption codes and where
 * they are stored: SA22-7832 chapter 6; the stack back chain: s390x ELF
 * ABI Supplement, "Stack Frame" (word 0 of a frame points to the caller's
 * frame, whose register save area holds the callee's %r14 at offset 112).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <smp.h>
#include <s390x/processor.h>
#include <s390x/exceptions.h>
#include <s390x/fault.h>
#include <s390x/sclp.h>

#define BACKTRACE_DEPTH 16

extern char restart_entry[], ext_entry[], svc_entry[], pgm_entry[],
	mcck_entry[], io_entry[];

void s390x_interrupt(struct pt_regs *regs, unsigned int kind);

static unsigned int unexpected_depth;
static exception_handler_t handlers[INT_COUNT];

/* clang-format off */
static const char *const kind_names[] = {
	[INT_RESTART] = "restart",
	[INT_EXT] = "external",
	[INT_SVC] = "supervisor-call",
	[INT_PGM] = "program",
	[INT_MCCK] = "machine-check",
	[INT_IO] = "I/O",
};
/* clang-format on */

static void set_new_psw(u64 lowcore, unsigned long lc_offset, void *handler)
{
	volatile struct psw *psw = (volatile struct psw *)(lowcore + lc_offset);

	psw->mask = PSW_MASK_64;
	psw->addr = (u64)handler;
}

void interrupts_init(u64 lowcore)
{
	set_new_psw(lowcore, LC_RESTART_NEW_PSW, restart_entry);
	set_new_psw(lowcore, LC_EXT_NEW_PSW, ext_entry);
	set_new_psw(lowcore, LC_SVC_NEW_PSW, svc_entry);
	set_new_psw(lowcore, LC_PGM_NEW_PSW, pgm_entry);
	set_new_psw(lowcore, LC_MCCK_NEW_PSW, mcck_entry);
	set_new_psw(lowcore, LC_IO_NEW_PSW, io_entry);
}

exception_handler_t s390x_set_handler(unsigned int kind, exception_handler_t fn)
{
	assert(kind < INT_COUNT);
	return __atomic_exchange_n(&handlers[kind], fn, __ATOMIC_ACQ_REL);
}

static u64 lc_read(unsigned long offset, unsigned int size)
{
	switch (size) {
	case 1:
		return *(volatile u8 *)offset;
	case 2:
		return *(volatile u16 *)offset;
	case 4:
		return *(volatile u32 *)offset;
	default:
		return *(volatile u64 *)offset;
	}
}

const char *pgm_name(unsigned int code)
{
	switch (code & PGM_CODE_MASK) {
	case PGM_OPERATION:
		return "operation";
	case PGM_PRIVILEGED_OP:
		return "privileged operation";
	case PGM_EXECUTE:
		return "execute";
	case PGM_PROTECTION:
		return "protection";
	case PGM_ADDRESSING:
		return "addressing";
	case PGM_SPECIFICATION:
		return "specification";
	case PGM_DATA:
		return "data";
	case PGM_SEGMENT_TRANS:
		return "segment translation";
	case PGM_PAGE_TRANS:
		return "page translation";
	case PGM_TRANS_SPEC:
		return "translation specification";
	case PGM_SPECIAL_OP:
		return "special operation";
	case PGM_OPERAND:
		return "operand";
	case PGM_ASCE_TYPE:
		return "ASCE type";
	case PGM_REGION_FIRST_TRANS:
		return "region-first translation";
	case PGM_REGION_SECOND_TRANS:
		return "region-second translation";
	case PGM_REGION_THIRD_TRANS:
		return "region-third translation";
	default:
		return "other";
	}
}

/* Codes for which the translation-exception identification is stored. */
static bool teid_stored(unsigned int code)
{
	switch (code & PGM_CODE_MASK) {
	case PGM_PROTECTION:
	case PGM_SEGMENT_TRANS:
	case PGM_PAGE_TRANS:
	case 0x38 ... 0x3b: /* ASCE-type, region-first/second/third */
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
	if ((actual.code & PGM_CODE_MASK) != (expected.code & PGM_CODE_MASK))
		return false;
	if (expected.ilc && actual.ilc != expected.ilc)
		return false;
	if (expected.psw_at && actual.psw_at != expected.psw_at)
		return false;
	return !expected.teid_valid ||
	       (actual.teid_valid && actual.teid == expected.teid);
}

const char *fault_str(struct fault f, char *buf, size_t size)
{
	int n;

	if (!f.raised) {
		snprintf(buf, size, "no exception");
		return buf;
	}
	n = snprintf(buf, size, "PIC %#x (%s)", f.code, pgm_name(f.code));
	if (f.ilc && n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - n, " ILC %u", f.ilc);
	if (f.psw_at && n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - n, ", old PSW %s",
			      f.psw_at == FAULT_PSW_AT ? "at the instruction"
						       : "past it");
	if (f.teid_valid && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - n, " TEID %#llx",
			 (unsigned long long)f.teid);
	return buf;
}

/*
 * The old PSW points at the instruction when it was nullified and after
 * it (by the ILC) when it was suppressed, terminated or completed.
 */
static bool fixup_fault_site(struct pt_regs *regs)
{
	const struct fault_site *s = fault_site_at(regs->psw.addr);

	if (!s) {
		s = fault_site_ending_at(regs->psw.addr);
		if (s && s->insn + regs->ilc != s->resume)
			s = NULL;
	}
	if (!s)
		return false;
	fault_record((struct fault){
		.raised = true,
		.code = regs->code,
		.ilc = regs->ilc,
		.psw_at = regs->psw.addr == s->insn ? FAULT_PSW_AT
						    : FAULT_PSW_AFTER,
		.teid_valid = teid_stored(regs->code),
		.teid = teid_stored(regs->code) ? regs->param : 0,
	});
	regs->psw.addr = s->resume;
	return true;
}

/* Ends an enabled wait: resume after it, disabled as before the wait. */
void interrupt_end_wait(struct pt_regs *regs)
{
	if (regs->psw.mask & PSW_MASK_WAIT)
		regs->psw.mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT | PSW_MASK_IO |
				    PSW_MASK_MCHECK);
}

static bool frame_ok(u64 fp, u64 below)
{
	return fp > below && !(fp & 7) && fp >= (u64)__image_start &&
	       fp + STACK_FRAME_SIZE <= sclp_info.memory_size;
}

void print_backtrace_from(u64 pc, u64 r14, u64 sp)
{
	printf("# backtrace (addr2line -e build/s390x/NAME.elf64): %#llx",
	       (unsigned long long)pc);
	if (r14)
		printf(" [r14 %#llx]", (unsigned long long)r14);
	for (int i = 0; i < BACKTRACE_DEPTH && frame_ok(sp, 0); i++) {
		u64 caller = *(u64 *)sp;

		if (!frame_ok(caller, sp))
			break;
		/* The return address, moved back into the call instruction. */
		printf(" %#llx",
		       (unsigned long long)*(u64 *)(caller + STACK_FRAME_R14) -
			       2);
		sp = caller;
	}
	printf("\n");
}

void arch_print_backtrace(void)
{
	u64 sp;

	asm volatile("lgr %0,%%r15" : "=d"(sp));
	print_backtrace_from((u64)__builtin_return_address(0) - 2, 0, sp);
}

u64 arch_entropy(void)
{
	return stck();
}

static void dump_regs(const struct pt_regs *r)
{
	printf("# psw mask=%016llx addr=%016llx code=%#x ilc=%u param=%#llx\n",
	       (unsigned long long)r->psw.mask, (unsigned long long)r->psw.addr,
	       r->code, r->ilc, (unsigned long long)r->param);
	for (int i = 0; i < 16; i += 4)
		printf("# r%-2d=%016llx r%-2d=%016llx r%-2d=%016llx "
		       "r%-2d=%016llx\n",
		       i, (unsigned long long)r->gprs[i], i + 1,
		       (unsigned long long)r->gprs[i + 1], i + 2,
		       (unsigned long long)r->gprs[i + 2], i + 3,
		       (unsigned long long)r->gprs[i + 3]);
}

static void __noreturn unexpected(struct pt_regs *regs)
{
	const char *what = regs->kind == INT_PGM ? pgm_name(regs->code) : "";

	if (__atomic_fetch_add(&unexpected_depth, 1, __ATOMIC_RELAXED))
		test_crash("%s interruption %#x on cpu %u while handling an "
			   "unexpected one",
			   kind_names[regs->kind], regs->code,
			   smp_processor_id());
	printf("# unexpected %s interruption code %#x %s on cpu %u\n",
	       kind_names[regs->kind], regs->code, what, smp_processor_id());
	dump_regs(regs);
	print_backtrace_from(regs->psw.addr, regs->gprs[14], regs->gprs[15]);
	test_crash("unexpected %s interruption %#x%s%s at psw addr %#llx",
		   kind_names[regs->kind], regs->code, *what ? " " : "", what,
		   (unsigned long long)regs->psw.addr);
}

void s390x_interrupt(struct pt_regs *regs, unsigned int kind)
{
	exception_handler_t fn;

	regs->kind = kind;
	regs->code = 0;
	regs->ilc = 0;
	regs->param = 0;
	switch (kind) {
	case INT_PGM:
		regs->code = lc_read(LC_PGM_CODE, 2);
		regs->ilc = lc_read(LC_PGM_ILC, 1) & 6;
		regs->param = lc_read(LC_TRANS_EXC_ID, 8);
		if (fixup_fault_site(regs))
			return;
		break;
	case INT_EXT:
		regs->code = lc_read(LC_EXT_CODE, 2);
		regs->param = lc_read(LC_EXT_PARAM, 4);
		if (regs->code == EXT_SERVICE_SIGNAL) {
			sclp_service_signal(regs->param);
			interrupt_end_wait(regs);
			return;
		}
		break;
	case INT_SVC:
		regs->code = lc_read(LC_SVC_CODE, 2);
		regs->ilc = lc_read(LC_SVC_ILC, 1) & 6;
		if (regs->code == SVC_LEAVE_PSTATE &&
		    (regs->psw.mask & PSW_MASK_PSTATE)) {
			regs->psw.mask &= ~PSW_MASK_PSTATE;
			return;
		}
		break;
	case INT_MCCK:
		regs->param = lc_read(LC_MCCK_CODE, 8);
		break;
	case INT_IO:
		regs->code = lc_read(LC_IO_ID, 4);
		regs->param = lc_read(LC_IO_SUBSYS_ID, 4) << 32 |
			      lc_read(LC_IO_PARAM, 4);
		break;
	}
	fn = __atomic_load_n(&handlers[kind], __ATOMIC_ACQUIRE);
	if (fn) {
		fn(regs);
		return;
	}
	unexpected(regs);
}
