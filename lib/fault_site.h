/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fault_site.h: the arch-neutral half of fault expectation. fault_probe()
 * runs one instruction whose address, and the address after it, go into
 * the .fault_sites table; an arch's exception handler finds the faulting
 * instruction here, records the exception (fault_record, fault.c) for
 * fault_take() and resumes after it. struct fault, fault_equal() and
 * fault_str() are arch data (lib/<arch>/fault.h), which includes this
 * header.
 */
#ifndef HV_FAULT_SITE_H
#define HV_FAULT_SITE_H

#include <types.h>

struct fault;

#define FAULT_SITE(insn)                       \
	"7770:\n\t" insn "\n7771:\n\t"         \
	".pushsection .fault_sites, \"a\"\n\t" \
	".balign 8\n\t"                        \
	".quad 7770b, 7771b\n\t"               \
	".popsection\n\t"

/*
 * Runs INSN (inline asm text; the operand part of the asm statement follows
 * as the rest of the arguments, starting with its first ':') and returns the
 * exception it raised, or the arch's "none".
 */
#define fault_probe(insn, ...)                              \
	({                                                  \
		fault_clear();                              \
		asm volatile(FAULT_SITE(insn) __VA_ARGS__); \
		fault_take();                               \
	})

void fault_clear(void);
struct fault fault_take(void);
/* For exception handlers: the fault this CPU's next fault_take() returns. */
void fault_record(struct fault f);

/* Compares a probe's fault with the expected one; a FAIL shows both. */
#define report_fault(actual, expected, fmt, ...)                       \
	report_fault_at(__FILE__, __LINE__, (actual), (expected), fmt, \
			##__VA_ARGS__)
bool report_fault_at(const char *file, int line, struct fault actual,
		     struct fault expected, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

struct fault_site {
	u64 insn; /* the probed instruction */
	u64 resume; /* the address after it */
};

/* The site whose instruction is at ADDR, or NULL. */
const struct fault_site *fault_site_at(u64 addr);
/* The site whose instruction ends at ADDR (traps, branches), or NULL. */
const struct fault_site *fault_site_ending_at(u64 addr);

#endif
