// SPDX-License-Identifier: GPL-2.0-only
/*
 * selftest: the s390x runtime checks itself: boot state (PSW, new PSWs in
 * the lowcore), the SCLP information (storage size, CPUs), the interruption
 * handlers through the fault expectation API (an operation exception on an
 * unassigned opcode, an addressing exception beyond the configured storage)
 * and through an installed handler (SUPERVISOR CALL), the allocators,
 * printf, SMP bring-up through SIGP and the command line. SA22-7832
 * chapter 4 (PSW), chapter 6 (program-interruption conditions: operation,
 * addressing; supervisor-call interruption), chapter 3 (addressing:
 * storage beyond the configuration is not available).
 */
#include <libtest.h>
#include <smp.h>
#include <s390x/processor.h>
#include <s390x/exceptions.h>
#include <s390x/fault.h>
#include <s390x/sclp.h>

extern char __image_start[], __image_end[], pgm_entry[];

TEST_CASE(setup)
{
	u64 mask = extract_psw_mask();
	const struct psw *pgm_new = (const struct psw *)LC_PGM_NEW_PSW;

	report_eq(mask & (PSW_MASK_EA | PSW_MASK_BA), PSW_MASK_64,
		  "64-bit addressing mode");
	report_eq(mask & (PSW_MASK_DAT | PSW_MASK_IO | PSW_MASK_EXT |
			  PSW_MASK_PSTATE),
		  0, "DAT off, I/O and external disabled, supervisor state");
	report_eq(pgm_new->addr, (u64)pgm_entry, "program new PSW set");
	report_eq((u64)__image_start, 0x10000, "image at 0x10000");
}

TEST_CASE(sclp)
{
	report_eq(sclp_info.memory_size, 128ULL << 20,
		  "read SCP info: 128 MiB of storage (runner's -m 128)");
	report_eq(sclp_info.nr_cpus, nr_cpus(), "CPU entries == nr_cpus()");
	report(sclp_info.nr_cpus >= 1 && sclp_info.cpu_addr[0] == stap(),
	       "CPU 0 is the boot CPU (address %u)", stap());
}

TEST_CASE(fault_operation)
{
	u64 marker = 0x1234;
	struct fault f;

	/* Opcode 0x00 is not assigned: operation exception, 2-byte ILC. */
	f = fault_probe(".word 0x0000", : "+d"(marker));
	report_fault(f, FAULT_PGM(PGM_OPERATION, 2), "opcode 0x00");
	report_eq(marker, 0x1234, "registers survive the interruption");
	f = fault_probe("nopr %%r7", :);
	report_fault(f, FAULT_NONE, "NOPR raises nothing");
}

TEST_CASE(fault_addressing)
{
	u64 end = sclp_info.memory_size, v = 0;
	u64 last = end - 8;
	struct fault f;

	/* Storage beyond the configuration is not available. */
	f = fault_probe("lg %0,0(%1)", : "+d"(v) : "a"(end) : "memory");
	report_fault(f, FAULT_PGM(PGM_ADDRESSING, 6),
		     "load at the end of storage (%#llx)",
		     (unsigned long long)end);
	f = fault_probe("stg %0,0(%1)", : : "d"(v), "a"(end + 4096) : "memory");
	report_fault(f, FAULT_PGM(PGM_ADDRESSING, 6), "store beyond storage");
	f = fault_probe("lg %0,0(%1)", : "+d"(v) : "a"(last) : "memory");
	report_fault(f, FAULT_NONE,
		     "load from the last doubleword raises nothing");
}

TEST_CASE(alloc)
{
	void *p = alloc_page();
	void *q = alloc_pages(2);
	char *m = malloc(100);

	report(p && (u64)p >= (u64)__image_end &&
		       (u64)p + PAGE_SIZE <= sclp_info.memory_size,
	       "alloc_page returns storage above the image (%p)", p);
	report(q && !((u64)q & (4 * PAGE_SIZE - 1)),
	       "alloc_pages(2) is 16 KiB aligned (%p)", q);
	report(m && !((u64)m & 7), "malloc(100) is 8-byte aligned (%p)", m);
	if (m) {
		memset(m, 0xa5, 100);
		report_eq((u8)m[99], 0xa5, "malloc'd memory is writable");
	}
	free(m);
	free_pages(q, 2);
	free_page(p);
}

TEST_CASE(printf)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d %u %x %#llx %s %c", -42, 42U, 0xbeefU,
		 0x123456789abcdefULL, "str", 'z');
	report(!strcmp(buf, "-42 42 beef 0x123456789abcdef str z"),
	       "snprintf formats (big-endian) ('%s')", buf);
	report_eq(strlen("hvtest"), 6, "strlen");
	report_eq(stck() != 0, 1, "TOD clock runs");
}

struct smp_probe {
	u16 addr[SMP_MAX_CPUS];
	unsigned int hits[SMP_MAX_CPUS];
};

static void probe_cpu(void *data)
{
	struct smp_probe *p = data;
	unsigned int cpu = smp_processor_id();
	struct fault f;

	p->addr[cpu] = stap();
	f = fault_probe(".word 0x0000", :);
	if (fault_equal(f, FAULT_PGM(PGM_OPERATION, 2)))
		__atomic_fetch_add(&p->hits[cpu], 1, __ATOMIC_RELAXED);
}

TEST_CASE(smp)
{
	struct smp_probe p = {0};
	unsigned int n = nr_cpus();

	if (n < 2)
		return report_skip("needs at least 2 CPUs (have %u)", n);
	on_cpus(probe_cpu, &p);
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		report_eq(p.hits[cpu], 1,
			  "cpu %u ran the function and took its fault", cpu);
		report_eq(p.addr[cpu], sclp_info.cpu_addr[cpu],
			  "cpu %u has the SCLP's CPU address", cpu);
	}
	on_cpu(n - 1, probe_cpu, &p);
	report_eq(p.hits[n - 1], 2, "on_cpu runs on the target and waits");
	report(cpu_online(1) && cpu_idle(1), "cpu 1 online and idle");
}

static unsigned int svc_hits, pgm_hits;
static u32 svc_code, svc_ilc;

static void count_svc(struct pt_regs *regs)
{
	svc_hits++;
	svc_code = regs->code;
	svc_ilc = regs->ilc;
}

static void count_pgm(struct pt_regs *regs)
{
	pgm_hits++;
}

/*
 * A handler for supervisor-call interruptions; one for program
 * interruptions sees none of those of a fault site.
 */
TEST_CASE(handler)
{
	exception_handler_t old_svc = s390x_set_handler(INT_SVC, count_svc);
	exception_handler_t old_pgm = s390x_set_handler(INT_PGM, count_pgm);
	struct fault f;

	asm volatile("svc 42" : : : "memory");
	f = fault_probe(".word 0x0000", :);
	s390x_set_handler(INT_PGM, old_pgm);
	s390x_set_handler(INT_SVC, old_svc);
	report_eq(svc_hits, 1, "installed handler ran once and resumed");
	report(svc_code == 42 && svc_ilc == 2,
	       "it saw SVC 42, ILC 2 (code %u, ILC %u)", svc_code, svc_ilc);
	report_fault(f, FAULT_PGM(PGM_OPERATION, 2),
		     "a fault site still records its own interruption");
	report_eq(pgm_hits, 0, "and the program handler did not see it");
}

TEST_CASE(args)
{
	const char *word = arg_positional(0);

	if (!arg_positional_count())
		return report_skip("run with: args = alpha key=value");
	report_eq(arg_positional_count(), 1, "one positional argument");
	report(word && !strcmp(word, "alpha"), "first is 'alpha' ('%s')",
	       word ? word : "(none)");
	report(arg_get("key") && !strcmp(arg_get("key"), "value"),
	       "option key=value");
}
