/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * args.h: the guest command line. Words are split on blanks; "key=value"
 * words are options, "-c GLOB" is the same as "case=GLOB", other words are
 * positional arguments. Options the library reads: seed, and case (a
 * comma-separated list of globs; "!GLOB" excludes; case= may be given more
 * than once, and a case runs only when every one of them selects it).
 */
#ifndef HV_ARGS_H
#define HV_ARGS_H

#include <types.h>

/* The value of option KEY, or NULL when it was not given. */
const char *arg_get(const char *key);
/* The value of the Nth (0-based) occurrence of KEY, or NULL. */
const char *arg_get_nth(const char *key, int n);
/* Option KEY as a number (C syntax: 10, 0x1f, 017); DEFLT when absent. */
u64 arg_get_u64(const char *key, u64 deflt);
int arg_positional_count(void);
const char *arg_positional(int index);
/* The command line as given, for the TAP header. */
const char *arg_cmdline(void);

/* Parses CMDLINE; a malformed line ends the test with a usage error. */
void args_parse(const char *cmdline);
/* Prints a warning for each option that no code asked for (a typo). */
void args_warn_unused(void);

#endif
