/* SPDX-License-Identifier: GPL-2.0-only */
/* glob.h: shell-style wildcard match ('*' any run, '?' one character). */
#ifndef HV_GLOB_H
#define HV_GLOB_H

#include <types.h>

bool glob_match(const char *pattern, const char *s);

#endif
