/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arch_hooks.h: the C side of the port contract (docs/porting.md). Each
 * arch's runtime (lib/<LIBDIR>/) provides every item below, declared here
 * or in the header included for it; the arch-neutral library (lib/)
 * uses nothing else of an arch. Linker-script and .mk items are listed in
 * docs/porting.md.
 */
#ifndef HV_ARCH_HOOKS_H
#define HV_ARCH_HOOKS_H

#include <types.h>
/* console_write(): writes bytes to the console, before any setup too. */
#include <console.h>
/* exit(): stops the VM at once; the status reaches the VMM. */
#include <stdlib.h>
/*
 * arch_nr_cpus(), arch_smp_processor_id(), arch_cpu_start(),
 * arch_cpu_wait(), arch_cpu_kick(): CPU count, index, start, idle wait,
 * wake-up; an arch without SMP keeps the weak defaults of lib/smp.c.
 */
#include <smp.h>
/*
 * The arch's fault.h (HV_ARCH_FAULT_H, set by mk/guest.mk): struct fault,
 * FAULT_NONE, fault_equal() and fault_str() for fault_probe(), and,
 * through <LIBDIR>/exceptions.h, the handler API: exception_handler_t
 * and <arch>_set_handler(kind, fn), which returns the previous handler.
 * The exception entry records an exception at a fault site with
 * fault_record() and resumes at the site's end (fault_site.h); it passes
 * any other to the installed handler, or ends the test with test_crash().
 * (The host tests of tests/lib build library code for no arch: no fault.h.)
 */
#ifdef HV_ARCH_FAULT_H
#include HV_ARCH_FAULT_H
#endif

/*
 * Entry: the linker script's ENTRY(_start) sets up a stack, clears .bss,
 * reaches C and ends in libtest_main(cmdline) (libtest.h).
 */

/*
 * With the guest option profile: prints the boot phases as one
 * "# profile: key=value ..." comment (docs/performance.md); the default
 * (lib/testmain.c) prints nothing.
 */
void arch_profile_print(void);

/* Prints the caller's call chain as "# backtrace:" comment lines. */
void arch_print_backtrace(void);

/* A value that differs from boot to boot (a timestamp counter), for seeds. */
u64 arch_entropy(void);
/*
 * What the guest reads of its CPU, as "vendor=V family=F model=M
 * stepping=S" (decimal numbers; any subset) into BUF, or "" when the arch
 * has no such identity (the default, lib/testmain.c). testmain prints it
 * as the "# hvtest-cpu" line (docs/output-protocol.md).
 */
void arch_cpu_identity(char *buf, size_t size);

/*
 * Case requirements (libtest.h). The accelerator the guest runs on when it
 * can tell ("kvm", "tcg"), else NULL (the default, lib/case.c). And for
 * an arch with CPU_FEATURES(): true when the CPU lacks one of FEATURES,
 * with a sentence naming it (and where the CPU enumerates it) in BUF.
 */
const char *arch_accelerator(void);
struct arch_features;
bool arch_features_missing(const struct arch_features *features, char *buf,
			   size_t size);

/*
 * Linker-script symbols (lib/<LIBDIR>/guest.lds) used from C. The script
 * also collects .test_cases between __test_cases_start and
 * __test_cases_end (testmain.c) and brackets .bss with __bss_start and
 * __bss_end for the entry code.
 */
/* The image's first byte and the page-aligned end of its .bss. */
extern char __image_start[], __image_end[];
#ifdef HV_ARCH_FAULT_H
/* The fault_probe() records of .fault_sites (fault_site.h). */
extern const struct fault_site __fault_sites_start[], __fault_sites_end[];
#endif

#endif
