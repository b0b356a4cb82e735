// SPDX-License-Identifier: GPL-2.0-only
/*
 * selftest: the ppc64 runtime checks itself: boot state (64-bit, little-
 * endian, real mode), device-tree parsing (memory, cpus, vty, RTAS),
 * interrupt vectors through the fault expectation API (an illegal
 * instruction, a trap, a relocated load with no segment) and through an
 * installed handler (a trap), printf and the allocators, and the command
 * line. Power ISA v3.0 Book III 4.2.1 (MSR),
 * 7.5.4 (data segment interrupt), 7.5.9 (program interrupt); LoPAPR 1.1
 * appendix B and C.6.8 (device tree).
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <powerpc/processor.h>
#include <powerpc/fault.h>
#include <powerpc/console.h>
#include <powerpc/rtas.h>
#include <powerpc/setup.h>

extern char __image_start[], __image_end[];

TEST_CASE(setup)
{
	u64 msr = mfmsr();

	report((msr & (MSR_SF | MSR_LE)) == (MSR_SF | MSR_LE),
	       "64-bit little-endian (MSR %#llx)", (unsigned long long)msr);
	report(!(msr & (MSR_IR | MSR_DR)), "real mode (MSR[IR, DR] = 0)");
	report(!(msr & (MSR_EE | MSR_PR)),
	       "supervisor, external interrupts off");
	report(!(msr & MSR_HV), "not in hypervisor state");
}

TEST_CASE(memory)
{
	u64 fdt_end = boot_info.fdt + dt_blob_size(dt_fdt());
	void *p = alloc_page();
	char *m = malloc(100);

	report(boot_info.ram_start <= (u64)__image_start &&
		       (u64)__image_end <= boot_info.ram_end,
	       "image [%p, %p) inside RAM [%#llx, %#llx)", __image_start,
	       __image_end, (unsigned long long)boot_info.ram_start,
	       (unsigned long long)boot_info.ram_end);
	report(p && (u64)p >= (u64)__image_end && (u64)p < boot_info.ram_end,
	       "alloc_page returns RAM above the image (%p)", p);
	report((u64)p + PAGE_SIZE <= boot_info.fdt || (u64)p >= fdt_end,
	       "allocated page is outside the device tree");
	report(m && !((u64)m & 7), "malloc(100) is 8-byte aligned (%p)", m);
	if (m) {
		memset(m, 0xa5, 100);
		report_eq((u8)m[99], 0xa5, "malloc'd memory is writable");
	}
	free(m);
	free_page(p);
}

TEST_CASE(devicetree)
{
	struct dt_region mem[4];
	u64 ids[SMP_MAX_CPUS];
	int n_mem = dt_memory(mem, 4);
	int n_cpus = dt_cpus(ids, SMP_MAX_CPUS);
	int vty = dt_find_compatible("hvterm1");
	u32 reg = 0;

	report_eq(fdt_magic(dt_fdt()), FDT_MAGIC, "device tree magic at r3");
	report(n_mem >= 1 && mem[0].size >= 256ULL << 20,
	       "%d memory region(s), the first %#llx bytes", n_mem,
	       (unsigned long long)(n_mem ? mem[0].size : 0));
	report(n_cpus >= 1, "%d cpu node(s)", n_cpus);
	report(vty >= 0 && !dt_u32(vty, "reg", 0, &reg), "vty node found");
	report_eq(reg, console_termno(), "console writes to the vty's reg");
	report(rtas_token("power-off") != RTAS_UNKNOWN_TOKEN,
	       "RTAS power-off token %#x", rtas_token("power-off"));
	report(!strcmp(dt_bootargs(), arg_cmdline()),
	       "command line from /chosen/bootargs");
}

TEST_CASE(printf)
{
	char buf[64];
	int n;

	n = snprintf(buf, sizeof(buf), "%d %x %s %5.2s|%-4c|%llu", -42, 0xbeef,
		     "str", "abc", 'z', 18446744073709551615ULL);
	report(!strcmp(buf, "-42 beef str    ab|z   |18446744073709551615"),
	       "snprintf formats ('%s')", buf);
	report_eq(n, strlen(buf), "snprintf returns the length");
	n = snprintf(buf, 8, "%s", "truncated string");
	report(n == 16 && !strcmp(buf, "truncat"), "snprintf truncates");
}

TEST_CASE(fault_program)
{
	u64 marker = 0x1234;
	struct fault f;

	/* Primary opcode 0 is not defined (Book I appendix: opcode map). */
	f = fault_probe(".long 0", : "+r"(marker));
	report_fault(f, FAULT_PROGRAM(SRR1_PROG_ILLEGAL),
		     "opcode 0: program interrupt, illegal instruction");
	report_eq(marker, 0x1234, "registers survive the interrupt");
	f = fault_probe("trap");
	report_fault(f, FAULT_PROGRAM(SRR1_PROG_TRAP),
		     "tw 31,0,0: program interrupt, trap");
	f = fault_probe("nop");
	report_fault(f, FAULT_NONE, "nop raises nothing");
}

TEST_CASE(fault_data)
{
	u64 bad = 0x10000000000ULL;
	u64 v = 0;
	struct fault f;

	/* No SLB entry translates any address (Book III 5.7.6). */
	f = fault_probe_relocated("ld %0, 0(%1)",
				  : "+r"(v)
				  : "r"(bad)
				  : "memory");
	report_fault(f, FAULT_DSEG(bad), "relocated load without an SLB entry");
	report_eq(v, 0, "the faulting load wrote no register");
	report(!(mfmsr() & MSR_DR),
	       "data relocation off again after the probe");
	f = fault_probe("ld %0, 0(%1)", : "+r"(v) : "r"(&bad) : "memory");
	report_fault(f, FAULT_NONE, "load from RAM raises nothing");
	report_eq(v, bad, "and reads the value");
}

static unsigned int trap_hits;
static u64 trap_srr1;

static void skip_trap(struct pt_regs *regs)
{
	trap_hits++;
	trap_srr1 = regs->msr;
	regs->nip += 4;
}

/* A handler for the program interrupt sees those of no fault site. */
TEST_CASE(handler)
{
	exception_handler_t old = ppc_set_handler(VEC_PROGRAM, skip_trap);
	struct fault f;

	asm volatile("trap" : : : "memory");
	f = fault_probe(".long 0");
	ppc_set_handler(VEC_PROGRAM, old);
	report_eq(trap_hits, 1, "installed handler ran once and resumed");
	report_eq(trap_srr1 & SRR1_PROG_MASK, SRR1_PROG_TRAP,
		  "it saw a trap in SRR1");
	report_fault(f, FAULT_PROGRAM(SRR1_PROG_ILLEGAL),
		     "a fault site still records its own interrupt");
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
