// SPDX-License-Identifier: GPL-2.0-only
/*
 * console.c: console_write() on the SCLP VT220 event (sclp.h), the console
 * QEMU's s390-ccw-virtio machine connects to its first -serial chardev
 * ("sclpconsole"). Bytes go out as they are, in events of at most
 * CONSOLE_CHUNK bytes; output before sclp_init() is dropped.
 */
#include <libtest.h>
#include <console.h>
#include <s390x/sclp.h>

#define CONSOLE_CHUNK 2048

void console_write(const char *s, size_t len)
{
	while (len) {
		size_t n = MIN(len, (size_t)CONSOLE_CHUNK);

		if (!sclp_vt220_write(s, n))
			return;
		s += n;
		len -= n;
	}
}
