/*
 * arch_hooks.h: what each arch's runtime (lib/<arch>/) provides to the
 * arch-neutral library. console_write (console.h) and exit (stdlib.h) are
 * the other two hooks.
 */
#ifndef HV_ARCH_HOOKS_H
#define HV_ARCH_HOOKS_H

#include <types.h>

/* Prints the caller's call chain as "# backtrace:" comment lines. */
void arch_print_backtrace(void);

/* A value that differs from boot to boot (a timestamp counter), for seeds. */
u64 arch_entropy(void);

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

#endif
