/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * limits.h: sizes of the integer types (C11 5.2.4.2.1), for code that
 * includes <limits.h> (libfdt's libfdt_env.h). GCC's own limits.h chains
 * to the C library's through syslimits.h, which does not exist under
 * -nostdinc; defining _LIBC_LIMITS_H_ tells it there is no C library
 * header to chain to, and GCC's header then defines everything itself.
 */
#ifndef HV_LIMITS_H
#define HV_LIMITS_H

#define _LIBC_LIMITS_H_
#include_next <limits.h>

#endif
