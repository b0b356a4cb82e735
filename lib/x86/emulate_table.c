// SPDX-License-Identifier: GPL-2.0-only
/*
 * emulate_table.c: the targets of emulate_table.h and the comparison of a
 * row's outcome with what the row requires. KVM's forced-emulation prefix
 * (UD2 followed by the bytes "kvm") makes KVM emulate the next instruction
 * when the host loads kvm with force_emulation_prefix=1; otherwise UD2
 * raises #UD as it must (SDM vol. 2B UD), which is how the guest finds out.
 */
#include <libtest.h>
#include <x86/processor.h>
#include <x86/cpuid.h>
#include <x86/testdev.h>
#include <x86/emulate_table.h>

#define BUF_OFF 0x800 /* operand buffer offset in its page or window */
#define STR_LEN 200

struct emu_target {
	const char *name;
	u8 *buf;
	bool fep;
	bool active;
	unsigned int rows, failed;
};

static struct emu_target targets[] = {
	{.name = "RAM"},
	{.name = "MMIO"},
	{.name = "FEP"},
};

struct fault emu_fep_probe(void)
{
	static struct fault probe;
	static bool probed;

	if (!probed) {
		probe = fault_probe(".byte 0x0f, 0x0b\n\t.ascii \"kvm\"\n\tnop",
				    :
				    :
				    : "memory");
		probed = true;
	}
	return probe;
}

bool emu_fep_enabled(void)
{
	return !emu_fep_probe().raised;
}

void emu_table_begin(void)
{
	static u8 *ram_page, *fep_page;

	if (!ram_page) {
		ram_page = alloc_page();
		fep_page = alloc_page();
		assert(ram_page && fep_page);
	}
	targets[0].buf = ram_page + BUF_OFF;
	targets[0].active = true;
	targets[1].active = testdev_present();
	if (targets[1].active)
		targets[1].buf = (u8 *)testdev_mmio() + BUF_OFF;
	targets[2].buf = fep_page + BUF_OFF;
	targets[2].fep = true;
	targets[2].active = emu_fep_enabled();
	for (size_t i = 0; i < ARRAY_SIZE(targets); i++)
		targets[i].rows = targets[i].failed = 0;
}

void emu_table_end(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(targets); i++) {
		struct emu_target *t = &targets[i];

		if (t->active)
			report_group(t->rows, t->failed,
				     "%s: all %u rows as expected", t->name,
				     t->rows);
	}
}

const char *emu_flags_str(u64 fl, char *buf, size_t size)
{
	static const struct {
		u64 bit;
		const char *name;
	} names[] = {
		{FL_CF, "CF"}, {FL_PF, "PF"}, {FL_AF, "AF"}, {FL_ZF, "ZF"},
		{FL_SF, "SF"}, {FL_DF, "DF"}, {FL_OF, "OF"},
	};
	size_t n = 0;

	buf[0] = 0;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (fl & names[i].bit)
			n += snprintf(buf + n, size > n ? size - n : 0, "%s%s",
				      n ? "," : "", names[i].name);
	if (!n)
		snprintf(buf, size, "-");
	return buf;
}

static void append(char *s, const char *fmt, ...) __printf(2, 3);
static void append(char *s, const char *fmt, ...)
{
	size_t n = strlen(s);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s + n, STR_LEN - n, fmt, ap);
	va_end(ap);
}

static void describe_inputs(const struct emu_row *row, char *s)
{
	static const char *const regs[] = {"rax", "rbx", "rcx",
					   "rdx", "rsi", "rdi"};
	const u64 *in = &row->in.rax;
	char fl[40];

	s[0] = 0;
	append(s, "mem=%#lx", row->in.mem[0]);
	if (row->in.mem[1])
		append(s, ",%#lx", row->in.mem[1]);
	for (int i = 0; i < 6; i++)
		if (in[i] || (row->rel && i >= 4))
			append(s, " %s=%s%#lx", regs[i],
			       row->rel && i >= 4 ? "buf+" : "", in[i]);
	if (row->stack)
		append(s, " rsp=buf+0x10 rbp=%s%#lx",
		       row->rbp_rel ? "buf+" : "", row->in.rbp);
	if (row->fs_buf)
		append(s, " fs.base=buf");
	if (row->in.rflags & (FL_STATUS | FL_DF))
		append(s, " fl=%s",
		       emu_flags_str(row->in.rflags, fl, sizeof(fl)));
}

static void write_buf(u8 *buf, const u64 *mem)
{
	volatile u64 *p = (volatile u64 *)buf;

	p[0] = mem[0];
	p[1] = mem[1];
}

static void read_buf(const u8 *buf, u64 *mem)
{
	const volatile u64 *p = (const volatile u64 *)buf;

	mem[0] = p[0];
	mem[1] = p[1];
}

static bool need_met(enum emu_need need, const char **why)
{
	switch (need) {
	case NEED_MOVBE:
		*why = "MOVBE not enumerated (CPUID.1:ECX[22])";
		return cpu_has(X86_FEATURE_MOVBE);
	case NEED_CX16:
		*why = "CMPXCHG16B not enumerated (CPUID.1:ECX[13])";
		return cpu_has(X86_FEATURE_CX16);
	default:
		return true;
	}
}

/* The state the row requires, from its inputs and declared outputs. */
static struct emu_state expected_state(const struct emu_row *row)
{
	struct emu_state e = row->in;
	const struct emu_outputs *set = &row->set;

	if (set->rax)
		e.rax = row->out.rax;
	if (set->rbx)
		e.rbx = row->out.rbx;
	if (set->rcx)
		e.rcx = row->out.rcx;
	if (set->rdx)
		e.rdx = row->out.rdx;
	if (set->rsi)
		e.rsi = row->out.rsi;
	if (set->rdi)
		e.rdi = row->out.rdi;
	if (set->rflags)
		e.rflags = row->out.rflags;
	if (set->mem) {
		e.mem[0] = row->out.mem[0];
		e.mem[1] = row->out.mem[1];
	}
	if (set->rbp)
		e.rbp = row->out.rbp;
	return e;
}

static void run_on(const struct emu_row *row, struct emu_target *t)
{
	static const char *const regs[] = {"rax", "rbx", "rcx",
					   "rdx", "rsi", "rdi"};
	struct emu_state e = expected_state(row), s = row->in;
	u64 base = (u64)t->buf, fmask = (FL_STATUS | FL_DF) & ~row->undef;
	char exp[STR_LEN] = "", act[STR_LEN] = "", a[32], b[32];
	const u64 *ev = &e.rax, *sv = &s.rax;
	u64 fs_base = 0;
	struct fault f;

	s.rflags |= BIT(1);
	if (row->rel) {
		s.rsi += base;
		s.rdi += base;
	}
	/* The stub's CALL pushes its return address at R8 + 16. */
	s.rsp = row->stack ? base + 24 : 0;
	if (row->rbp_rel) {
		s.rbp += base;
		if (!row->set.rbp)
			e.rbp += base;
	}
	if (row->fs_buf) {
		fs_base = rdmsr(MSR_FS_BASE);
		wrmsr(MSR_FS_BASE, base);
	}
	write_buf(t->buf, row->in.mem);
	fault_clear();
	emu_exec(&s, base, t->fep ? row->fep_stub : row->stub);
	f = fault_take();
	if (row->fs_buf)
		wrmsr(MSR_FS_BASE, fs_base);
	read_buf(t->buf, s.mem);
	if (row->rel) {
		s.rsi -= base;
		s.rdi -= base;
	}

	if (!fault_equal(f, row->fault)) {
		append(exp, " %s", fault_str(row->fault, a, sizeof(a)));
		append(act, " %s", fault_str(f, b, sizeof(b)));
	}
	if (s.mem[0] != e.mem[0] || s.mem[1] != e.mem[1]) {
		append(exp, " mem=%#lx,%#lx", e.mem[0], e.mem[1]);
		append(act, " mem=%#lx,%#lx", s.mem[0], s.mem[1]);
	}
	for (int i = 0; i < 6; i++) {
		if (sv[i] != ev[i]) {
			append(exp, " %s=%#lx", regs[i], ev[i]);
			append(act, " %s=%#lx", regs[i], sv[i]);
		}
	}
	if (row->stack && s.rbp != e.rbp) {
		append(exp, " rbp=%#lx", e.rbp);
		append(act, " rbp=%#lx", s.rbp);
	}
	if ((s.rflags ^ e.rflags) & fmask) {
		append(exp, " fl=%s",
		       emu_flags_str(e.rflags & fmask, a, sizeof(a)));
		append(act, " fl=%s",
		       emu_flags_str(s.rflags & fmask, b, sizeof(b)));
	}

	t->rows++;
	if (exp[0] || act[0]) {
		char inputs[STR_LEN];

		/* Only here: formatting is costly where kvm_pvm emulates. */
		describe_inputs(row, inputs);
		t->failed++;
		report_cmp_at(row->file, row->line, false, exp + 1, act + 1,
			      "%s: %s [%s]", t->name, row->insn, inputs);
	}
}

void emu_check(const struct emu_row *row)
{
	char inputs[STR_LEN];
	const char *why = NULL;

	if (!need_met(row->need, &why)) {
		describe_inputs(row, inputs);
		return report_skip("%s [%s]: %s", row->insn, inputs, why);
	}
	for (size_t i = 0; i < ARRAY_SIZE(targets); i++)
		if (targets[i].active)
			run_on(row, &targets[i]);
}
