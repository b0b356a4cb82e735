// SPDX-License-Identifier: GPL-2.0-only
/*
 * pgm: program interruptions a guest provokes on purpose, with the
 * interruption code, the instruction-length code and where the old PSW
 * points (nullified: at the instruction; suppressed: past it).
 * SA22-7832 chapter 6, "Program-Interruption Conditions" (operation,
 * privileged-operation, execute, specification, data exceptions) and
 * "Exceptions Associated with the PSW" (early exception recognition);
 * chapter 4, "Program-Status Word" (PSW format, addressing modes);
 * chapter 7, "EXECUTE"; chapter 10, "LOAD PSW", "LOAD PSW EXTENDED",
 * "SET PSW KEY FROM ADDRESS" and the operand alignment of the control
 * instructions.
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/exceptions.h>
#include <s390x/facility.h>
#include <s390x/fault.h>
#include <s390x/sclp.h>

/* What the catcher below saw of an interruption outside a fault site. */
struct pgm_catch {
	bool hit;
	u16 code;
	u8 ilc;
	struct psw old;
};

static struct pgm_catch caught;
static u64 recover_addr;

/*
 * For interruptions whose old PSW points neither at nor just past the
 * instruction (an invalid PSW loaded, a branch to an odd address): record
 * the first and resume at recover_addr in the supervisor state, 64-bit
 * mode.
 */
static void catch_pgm(struct pt_regs *regs)
{
	if (!caught.hit)
		caught = (struct pgm_catch){
			.hit = true,
			.code = regs->code,
			.ilc = regs->ilc,
			.old = regs->psw,
		};
	regs->psw.mask = PSW_MASK_64;
	regs->psw.addr = recover_addr;
}

/* A PSW to load, the PSW to go back with, and what was current between. */
struct psw_load {
	struct psw psw; /* 0: the PSW under test; its address is set here */
	struct psw good; /* 16: 64-bit supervisor, back to the end */
	u64 current_mask; /* 32: the PSW mask at the loaded address */
};

/*
 * Loads LOAD->psw with LOAD PSW EXTENDED, its address being label 0
 * below (unless ADDR_SET); should it be accepted, the code there records
 * the current PSW mask and goes back to 64-bit supervisor state.
 */
static struct pgm_catch lpswe_catch(struct psw_load *load, bool addr_set)
{
	exception_handler_t old = s390x_set_handler(INT_PGM, catch_pgm);

	caught = (struct pgm_catch){0};
	load->good.mask = PSW_MASK_64;
	load->current_mask = 0;
	asm volatile("larl %%r1,1f\n\t"
		     "stg %%r1,0(%[rec])\n\t"
		     "stg %%r1,24(%[load])\n\t"
		     "larl %%r1,0f\n\t"
		     "ltr %[set],%[set]\n\t"
		     "jnz 2f\n\t"
		     "stg %%r1,8(%[load])\n"
		     "2:\tlpswe 0(%[load])\n"
		     "0:\tepsw %%r0,%%r1\n\t"
		     "st %%r0,32(%[load])\n\t"
		     "st %%r1,36(%[load])\n\t"
		     "lpswe 16(%[load])\n"
		     "1:"
		     :
		     : [load] "a"(load), [rec] "a"(&recover_addr),
		       [set] "d"((int)addr_set)
		     : "r0", "r1", "cc", "memory");
	s390x_set_handler(INT_PGM, old);
	return caught;
}

static void check_early_psw(const char *what, u64 mask, u64 addr)
{
	struct psw_load load = {.psw = {.mask = mask, .addr = addr}};
	struct pgm_catch c = lpswe_catch(&load, addr != 0);

	report_prefix_push(what);
	if (!c.hit)
		report_info(
			"no interruption: the PSW became current, mask %#llx",
			(unsigned long long)load.current_mask);
	if (report_eq(c.hit ? c.code : 0, PGM_SPECIFICATION,
		      "specification exception (0: none)")) {
		report_eq(c.old.mask, mask, "old PSW mask is the invalid PSW");
		report_eq(c.old.addr, load.psw.addr,
			  "old PSW address is the invalid PSW's");
		report_eq(c.ilc, 0, "ILC 0 for an early exception");
	}
	report_prefix_pop();
}
#define check_early(what, mask, addr) \
	report_here(check_early_psw(what, mask, addr))

/*
 * Chapter 6, "Early Exception Recognition": a PSW with bit 12 one, an
 * unassigned bit one, an invalid addressing-mode combination or an
 * instruction address out of its mode's range raises a specification
 * exception once it becomes current; the old PSW is the invalid one and
 * the ILC is 0.
 */
TEST_CASE(lpswe_invalid)
{
	struct psw_load load = {.psw = {.mask = PSW_MASK_64}};
	struct pgm_catch c = lpswe_catch(&load, false);

	report(!c.hit, "a valid PSW loads (no interruption, code %#x)", c.code);
	report_eq(load.current_mask, PSW_MASK_64, "and becomes current");
	check_early("bit 12 one", PSW_MASK_64 | 0x0008000000000000ULL, 0);
	check_early("bit 0 one", PSW_MASK_64 | 0x8000000000000000ULL, 0);
	check_early("bit 24 one", PSW_MASK_64 | 0x0000008000000000ULL, 0);
	check_early("bit 40 one", PSW_MASK_64 | 0x0000000000800000ULL, 0);
	check_early("EA one, BA zero", PSW_MASK_EA, 0);
}

/*
 * Chapter 4, "Program-Status Word": in the 24- and 31-bit modes the
 * instruction address must fit the mode; a larger one is a PSW-format
 * error (early specification exception).
 */
TEST_CASE(lpswe_address_range)
{
	check_early("31-bit mode, address 2 GiB", PSW_MASK_BA, 0x80000000ULL);
	check_early("24-bit mode, address 16 MiB", 0, 0x1000000ULL);
}

/*
 * Chapter 10, "LOAD PSW": the 8-byte short PSW has bit 12 one, which
 * becomes zero in the current PSW, and BA in bit 32. A short PSW with bit
 * 12 zero is, depending on the model, a specification exception or
 * loaded with the bit ignored: either is accepted, nothing else.
 */
static struct pgm_catch lpsw_catch(u32 word0, u64 *current_mask)
{
	u32 shortpsw[2] __aligned(8) = {word0, 0};
	struct psw back = {.mask = PSW_MASK_64};
	exception_handler_t old = s390x_set_handler(INT_PGM, catch_pgm);
	u32 mask[2] = {0, 0};

	caught = (struct pgm_catch){0};
	asm volatile("larl %%r1,1f\n\t"
		     "stg %%r1,0(%[rec])\n\t"
		     "stg %%r1,8(%[back])\n\t"
		     "larl %%r1,0f\n\t"
		     "oilh %%r1,0x8000\n\t"
		     "st %%r1,4(%[psw])\n\t"
		     "lpsw 0(%[psw])\n"
		     "0:\tepsw %%r0,%%r1\n\t"
		     "st %%r0,0(%[mask])\n\t"
		     "st %%r1,4(%[mask])\n\t"
		     "lpswe 0(%[back])\n"
		     "1:"
		     :
		     : [psw] "a"(shortpsw), [rec] "a"(&recover_addr),
		       [back] "a"(&back), [mask] "a"(mask)
		     : "r0", "r1", "memory");
	s390x_set_handler(INT_PGM, old);
	*current_mask = (u64)mask[0] << 32 | mask[1];
	return caught;
}

TEST_CASE(lpsw_bit12)
{
	u64 mask;
	/* EA (bit 31) and BA (bit 32) one: 64-bit mode, below 2 GiB. */
	struct pgm_catch c = lpsw_catch(0x00080001U, &mask);

	report(!c.hit,
	       "short PSW with bit 12 one loads (code %#x, old PSW %#llx "
	       "%#llx)",
	       c.code, (unsigned long long)c.old.mask,
	       (unsigned long long)c.old.addr);
	report_eq(mask, PSW_MASK_64,
		  "it becomes current with bit 12 zero, 64-bit mode");
	c = lpsw_catch(0x00000001U, &mask);
	if (c.hit)
		report_eq(
			c.code, PGM_SPECIFICATION,
			"short PSW with bit 12 zero: specification exception");
	else
		report_eq(mask, PSW_MASK_64,
			  "short PSW with bit 12 zero: loaded, bit ignored");
}

/*
 * Chapter 6, "Specification Exception": an odd instruction address after
 * a successful branch; the branch completes, so the old PSW holds the odd
 * address.
 */
TEST_CASE(odd_branch_target)
{
	exception_handler_t old = s390x_set_handler(INT_PGM, catch_pgm);
	u64 target;

	caught = (struct pgm_catch){0};
	asm volatile("larl %%r1,1f\n\t"
		     "stg %%r1,0(%[rec])\n\t"
		     "larl %[t],0f\n\t"
		     "la %[t],1(%[t])\n\t"
		     "br %[t]\n"
		     "0:\tnopr %%r7\n\t"
		     "nopr %%r7\n"
		     "1:"
		     : [t] "=&a"(target)
		     : [rec] "a"(&recover_addr)
		     : "r1", "memory");
	s390x_set_handler(INT_PGM, old);
	report(caught.hit, "branch to an odd address interrupts");
	report_eq(caught.code, PGM_SPECIFICATION, "specification exception");
	report_eq(caught.old.addr, target, "old PSW holds the odd address");
	report_info("ILC %u", caught.ilc);
}

/* Targets of EXECUTE: a no-op, an EXECUTE and an EXECUTE RELATIVE LONG. */
asm(".pushsection .text\n"
    ".balign 2\n"
    "ex_nop:\tnopr %r7\n"
    "ex_ex:\tex %r0,0(%r1)\n"
    ".machine push\n.machine \"z10\"\n"
    "ex_exrl:\texrl %r0,ex_nop\n"
    ".machine pop\n"
    ".popsection");
extern char ex_nop[], ex_ex[], ex_exrl[];

/*
 * Chapter 7, "EXECUTE" and "EXECUTE RELATIVE LONG": the target must be at
 * an even address (specification exception) and may not itself be an
 * EXECUTE (execute exception); both suppress.
 */
TEST_CASE(execute)
{
	struct fault f;

	f = fault_probe("ex %%r0,0(%0)", : : "a"(ex_nop));
	report_fault(f, FAULT_NONE, "EX of a no-op at an even address");
	f = fault_probe("ex %%r0,0(%0)", : : "a"(ex_nop + 1));
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 4),
		     "EX of an odd address");
	f = fault_probe("ex %%r0,0(%0)", : : "a"(ex_ex));
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_EXECUTE, 4), "EX of an EX");
	f = fault_probe("ex %%r0,0(%0)", : : "a"(ex_exrl));
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_EXECUTE, 4), "EX of an EXRL");
}

TEST_CASE(execute_relative, .features = CPU_FEATURES(FAC_EXECUTE_EXT))
{
	struct fault f;

	f = fault_probe(Z_LATER("exrl %%r0,ex_nop"), :);
	report_fault(f, FAULT_NONE, "EXRL of a no-op");
	f = fault_probe(Z_LATER("exrl %%r0,ex_exrl"), :);
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_EXECUTE, 6),
		     "EXRL of an EXRL");
	f = fault_probe(Z_LATER("exrl %%r0,ex_ex"), :);
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_EXECUTE, 6), "EXRL of an EX");
}

static u64 aligned_data[4] __aligned(16);

/*
 * Chapter 6, "Specification Exception": an R1 field that must name the
 * even register of a pair and names an odd one; an operand that must be
 * on a word, doubleword or quadword boundary and is not. Suppressed.
 */
TEST_CASE(register_pair)
{
	u8 *p = (u8 *)aligned_data;
	struct fault f;

	f = fault_probe(".insn rr,0x1d00,3,4", : : : "r3", "r4");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 2),
		     "DR with an odd R1");
	f = fault_probe(".insn rs,0xa8000000,3,4,0(0)", : : : "r3", "r4", "cc");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 4),
		     "MVCLE with an odd R1");
	f = fault_probe(".insn rxy,0xe3000000008f,3,0(%0)",
			:
			: "a"(p)
			: "r2", "r3");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "LPQ with an odd R1");
	f = fault_probe(".insn rsy,0xeb000000003e,3,4,0(%0)",
			:
			: "a"(p)
			: "r3", "r4", "cc", "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "CDSG with an odd R1");
	f = fault_probe(".insn rxy,0xe3000000008f,2,0(%0)",
			:
			: "a"(p)
			: "r2", "r3");
	report_fault(f, FAULT_NONE, "LPQ with an even R1");
}

TEST_CASE(alignment)
{
	u8 *p = (u8 *)aligned_data;
	struct fault f;

	f = fault_probe(".insn rxy,0xe3000000008f,2,0(%0)",
			:
			: "a"(p + 8)
			: "r2", "r3");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "LPQ at a doubleword, not quadword, boundary");
	f = fault_probe(".insn rxy,0xe3000000008e,2,0(%0)",
			:
			: "a"(p + 8)
			: "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "STPQ at a doubleword, not quadword, boundary");
	f = fault_probe(".insn rsy,0xeb000000003e,2,4,0(%0)",
			:
			: "a"(p + 8)
			: "r2", "r3", "cc", "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "CDSG at a doubleword, not quadword, boundary");
	f = fault_probe("csg %%r2,%%r3,0(%0)",
			:
			: "a"(p + 4)
			: "r2", "cc", "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "CSG at a word, not doubleword, boundary");
	f = fault_probe("cs %%r2,%%r3,0(%0)",
			:
			: "a"(p + 2)
			: "r2", "cc", "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 4),
		     "CS at a halfword, not word, boundary");
	f = fault_probe("csg %%r2,%%r3,0(%0)",
			:
			: "a"(p + 8)
			: "r2", "cc", "memory");
	report_fault(f, FAULT_NONE, "CSG at a doubleword boundary");
}

/*
 * Chapter 7, "LOAD RELATIVE LONG": the second operand must be on a word
 * (LRL) or doubleword (LGRL) boundary; relative addresses are halfwords.
 */
TEST_CASE(relative_long, .features = CPU_FEATURES(FAC_GENERAL_INSN_EXT))
{
	struct fault f;

	f = fault_probe(Z_LATER("lgrl %%r2,aligned_data+4"), : : : "r2");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "LGRL at a word, not doubleword, boundary");
	f = fault_probe(Z_LATER("lrl %%r2,aligned_data+2"), : : : "r2");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_SPECIFICATION, 6),
		     "LRL at a halfword, not word, boundary");
	f = fault_probe(Z_LATER("lgrl %%r2,aligned_data+8"), : : : "r2");
	report_fault(f, FAULT_NONE, "LGRL at a doubleword boundary");
}

struct priv_insn {
	const char *name;
	struct fault (*probe)(void);
	u8 ilc;
};

static u64 scratch[4] __aligned(16);

static struct fault probe_lpswe(void)
{
	/* Beyond storage: should the check be missing, no PSW is loaded. */
	return fault_probe("lpswe 0(%0)", : : "a"(sclp_info.memory_size));
}

static struct fault probe_stctg(void)
{
	return fault_probe("stctg %%c0,%%c0,0(%0)",
			   :
			   : "a"(scratch)
			   : "memory");
}

static struct fault probe_lctlg(void)
{
	return fault_probe("lctlg %%c0,%%c0,0(%0)", : : "a"(scratch));
}

static struct fault probe_sske(void)
{
	return fault_probe("sske %0,%1", : : "d"(0UL), "a"(scratch));
}

static struct fault probe_iske(void)
{
	u64 key;

	return fault_probe("iske %0,%1", : "=d"(key) : "a"(scratch));
}

static struct fault probe_ptlb(void)
{
	return fault_probe("ptlb", :);
}

static struct fault probe_stckc(void)
{
	return fault_probe("stckc 0(%0)", : : "a"(scratch) : "memory");
}

static struct fault probe_stpt(void)
{
	return fault_probe("stpt 0(%0)", : : "a"(scratch) : "memory");
}

static struct fault probe_stap(void)
{
	return fault_probe("stap 0(%0)", : : "a"(scratch) : "memory");
}

static struct fault probe_sigp(void)
{
	return fault_probe("sigp %%r2,%0,1", : : "a"(0UL) : "r2", "r3", "cc");
}

static struct fault probe_diag44(void)
{
	return fault_probe("diag 0,0,0x44", :);
}

static struct fault probe_servc(void)
{
	return fault_probe(".insn rre,0xb2200000,%0,%1",
			   :
			   : "d"(0UL), "a"(sclp_info.memory_size)
			   : "cc");
}

static struct fault probe_stosm(void)
{
	return fault_probe("stosm 0(%0),0", : : "a"(scratch) : "memory");
}

static struct fault probe_lra(void)
{
	u64 r;

	return fault_probe("lra %0,0(%1)", : "=d"(r) : "a"(scratch) : "cc");
}

static struct fault probe_tprot(void)
{
	return fault_probe("tprot 0(%0),0", : : "a"(scratch) : "cc");
}

static const struct priv_insn priv_insns[] = {
	{"LPSWE", probe_lpswe, 4}, {"STCTG", probe_stctg, 6},
	{"LCTLG", probe_lctlg, 6}, {"SSKE", probe_sske, 4},
	{"ISKE", probe_iske, 4},   {"PTLB", probe_ptlb, 4},
	{"STCKC", probe_stckc, 4}, {"STPT", probe_stpt, 4},
	{"STAP", probe_stap, 4},   {"SIGP", probe_sigp, 4},
	{"DIAG", probe_diag44, 4}, {"SERVC", probe_servc, 4},
	{"STOSM", probe_stosm, 4}, {"LRA", probe_lra, 4},
	{"TPROT", probe_tprot, 6},
};

/*
 * Chapter 6, "Privileged-Operation Exception": a privileged instruction
 * in the problem state is suppressed (old PSW past it), ILC its length.
 */
TEST_VARIANTS(privileged, priv_insns)
{
	struct fault f;

	enter_pstate();
	f = variant->probe();
	leave_pstate();
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_PRIVILEGED_OP, variant->ilc),
		     "%s in the problem state", variant->name);
	report_eq(extract_psw_mask() & PSW_MASK_PSTATE, 0,
		  "back in the supervisor state");
}

/*
 * Chapter 10, "SET PSW KEY FROM ADDRESS": in the problem state the key
 * must have its bit one in the PSW-key mask (control register 3 bits
 * 32-47), else a privileged-operation exception; in the supervisor state
 * any key is accepted.
 */
static u64 saved_cr3;

static bool cr3_enter(void)
{
	saved_cr3 = stctg(3);
	return true;
}

static void cr3_leave(void)
{
	lctlg(3, saved_cr3);
}

TEST_FIXTURE(cr3_saved, cr3_enter, cr3_leave);

TEST_CASE(spka_key_mask, .fixture = &cr3_saved)
{
	struct fault f1, f2;

	/* Mask: key 0 only (bit 32). */
	lctlg(3, (saved_cr3 & ~0xffff0000ULL) | 0x80000000ULL);
	enter_pstate();
	f1 = fault_probe("spka 0x10", :);
	f2 = fault_probe("spka 0", :);
	leave_pstate();
	report_fault(f1, FAULT_PGM_SUPPRESSED(PGM_PRIVILEGED_OP, 4),
		     "problem state, key 1 not in the mask");
	report_fault(f2, FAULT_NONE, "problem state, key 0 in the mask");
	f1 = fault_probe("spka 0x10", :);
	report_eq(extract_psw_mask() >> 52 & 0xf, 1, "supervisor: PSW key 1");
	f2 = fault_probe("spka 0", :);
	report_fault(f1, FAULT_NONE, "supervisor state, key 1");
	report_eq(extract_psw_mask() >> 52 & 0xf, 0, "PSW key 0 again");
}

/* Chapter 6, "Operation Exception": an unassigned opcode, suppressed. */
TEST_CASE(operation)
{
	struct fault f;

	f = fault_probe(".word 0x0000", :);
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERATION, 2),
		     "opcode 00 in the supervisor state");
	enter_pstate();
	f = fault_probe(".word 0x0000", :);
	leave_pstate();
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERATION, 2),
		     "opcode 00 in the problem state");
}

/*
 * Chapter 6, "Addressing Exception": an operand beyond the configured
 * storage, in several instruction formats; the operation is suppressed or
 * terminated (old PSW past the instruction).
 */
TEST_CASE(addressing)
{
	u64 end = sclp_info.memory_size;
	struct fault f;

	f = fault_probe("mvc 0(8,%0),0(%1)",
			:
			: "a"(end), "a"(scratch)
			: "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_ADDRESSING, 6),
		     "MVC to the end of storage");
	f = fault_probe("lpswe 0(%0)", : : "a"(end));
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_ADDRESSING, 4),
		     "LPSWE operand beyond storage");
	f = fault_probe("st %0,0(%1)",
			:
			: "d"(0), "a"(end + 0x100000)
			: "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_ADDRESSING, 4),
		     "ST 1 MiB beyond storage");
	f = fault_probe("mvc 0(8,%0),0(%1)",
			:
			: "a"(scratch), "a"(end - 8)
			: "memory");
	report_fault(f, FAULT_NONE, "MVC from the last doubleword");
}

/*
 * Chapter 10: the operands of LOAD CONTROL (LCTLG) and STORE CONTROL
 * (STCTG), SET CLOCK COMPARATOR and STORE PREFIX must be on a doubleword
 * (STPX: word) boundary; otherwise a specification exception. The
 * misaligned operands hold harmless values: the current CR0 and an
 * all-ones comparator.
 */
TEST_CASE(control_alignment)
{
	u8 *p = (u8 *)scratch;
	u64 cr0 = stctg(0), ones = ~0ULL;
	struct fault f;

	memcpy(p + 4, &cr0, 8);
	f = fault_probe("lctlg %%c0,%%c0,0(%0)", : : "a"(p + 4) : "memory");
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 6),
		     "LCTLG at a word boundary");
	f = fault_probe("stctg %%c0,%%c0,0(%0)", : : "a"(p + 4) : "memory");
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 6),
		     "STCTG at a word boundary");
	memcpy(p + 4, &ones, 8);
	f = fault_probe("sckc 0(%0)", : : "a"(p + 4) : "memory");
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SCKC at a word boundary");
	f = fault_probe("stpx 0(%0)", : : "a"(p + 2) : "memory");
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "STPX at a halfword boundary");
	asm volatile("sckc %0" : : "Q"(ones));
}

static u64 saved_cr0;

static bool cr0_enter(void)
{
	saved_cr0 = stctg(0);
	return true;
}

static void cr0_leave(void)
{
	lctlg(0, saved_cr0);
}

TEST_FIXTURE(cr0_saved, cr0_enter, cr0_leave);

/* CR0 bit 45: AFP-register control; bit 46: vector enablement. */
#define CR0_AFP 0x0000000000040000ULL
#define CR0_VECTOR 0x0000000000020000ULL
/* Real location 147: the data-exception code. */
#define LC_DXC 0x93

/*
 * Chapter 6, "Data Exception" and chapter 9 ("AFP-register control"):
 * with CR0 bit 45 zero an instruction naming a floating-point register
 * other than 0, 2, 4, 6 is a data exception with DXC 1; with CR0 bit 46
 * zero a vector instruction is a data exception with DXC FE hex. Both
 * suppress; with the bits one the instructions execute.
 */
TEST_CASE(data_exception_dxc, .fixture = &cr0_saved)
{
	struct fault f;

	lctlg(0, saved_cr0 & ~(CR0_AFP | CR0_VECTOR));
	*(volatile u8 *)LC_DXC = 0;
	f = fault_probe("ldr %%f1,%%f3", : : : "f1");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_DATA, 2),
		     "LDR f1,f3 with CR0 bit 45 zero");
	report_eq(*(volatile u8 *)LC_DXC, 1, "DXC 1 (AFP register)");
	lctlg(0, saved_cr0 | CR0_AFP);
	report_fault(fault_probe("ldr %%f1,%%f3",
				 :
				 :
				 : "f1"),
		     FAULT_NONE, "LDR f1,f3 with CR0 bit 45 one");
	if (!test_facility(129))
		return report_skip("vector facility not installed (STFLE bit "
				   "129)");
	lctlg(0, saved_cr0 | CR0_AFP);
	*(volatile u8 *)LC_DXC = 0;
	f = fault_probe(".insn vrr,0xe70000000056,1,2,0,0,0,0", : : : "memory");
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_DATA, 6),
		     "VLR with CR0 bit 46 zero");
	report_eq(*(volatile u8 *)LC_DXC, 0xfe, "DXC FE (vector)");
	lctlg(0, saved_cr0 | CR0_AFP | CR0_VECTOR);
	f = fault_probe(".insn vrr,0xe70000000056,1,2,0,0,0,0", : : : "memory");
	report_fault(f, FAULT_NONE, "VLR with CR0 bit 46 one");
}
