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

#endif
