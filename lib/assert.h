/* SPDX-License-Identifier: GPL-2.0-only */
/* assert.h: assert() that ends the test as a crash with file, line and backtrace. */
#ifndef HV_ASSERT_H
#define HV_ASSERT_H

#include <types.h>

void __noreturn assert_failed(const char *expr, const char *file, int line);

#define assert(cond)                                              \
	do {                                                      \
		if (!(cond))                                      \
			assert_failed(#cond, __FILE__, __LINE__); \
	} while (0)

#endif
