// SPDX-License-Identifier: GPL-2.0-only
/*
 * console.c: the console on the PAPR virtual terminal (LoPAPR 1.1
 * 14.5.6.8.2 H_PUT_TERM_CHAR: termno in r4, up to 16 bytes in r5, the
 * bytes packed big-endian in r6-r7; H_BUSY and the long-busy codes mean
 * "try again"). The vty is the node /chosen/stdout-path names or else the
 * first one compatible with "hvterm1" (LoPAPR C.6.8.1); its "reg" is the
 * termno. Output before the vty is known is dropped.
 */
#include <libtest.h>
#include <console.h>
#include <fdt/devicetree.h>
#include <powerpc/hcall.h>
#include <powerpc/console.h>

#define RETRY_LIMIT 100000

static u64 termno;
static bool ready;

bool console_init(void)
{
	int node = dt_stdout_node();
	u32 reg;

	if (node < 0 || fdt_node_check_compatible(dt_fdt(), node, "hvterm1"))
		node = dt_find_compatible("hvterm1");
	if (node < 0 || dt_u32(node, "reg", 0, &reg))
		return false;
	termno = reg;
	ready = true;
	return true;
}

u64 console_termno(void)
{
	return termno;
}

static u64 pack(const char *s, size_t len)
{
	u64 v = 0;

	for (size_t i = 0; i < 8; i++)
		v = (v << 8) | (i < len ? (u8)s[i] : 0);
	return v;
}

static void put_chunk(const char *s, size_t len)
{
	for (int i = 0; i < RETRY_LIMIT; i++) {
		long rc = hcall(H_PUT_TERM_CHAR, termno, len, pack(s, len),
				len > 8 ? pack(s + 8, len - 8) : 0);

		if (rc != H_BUSY &&
		    (rc < H_LONG_BUSY_START || rc > H_LONG_BUSY_END))
			return;
	}
}

void console_write(const char *s, size_t len)
{
	if (!ready)
		return;
	while (len) {
		size_t n = MIN(len, 16);

		put_chunk(s, n);
		s += n;
		len -= n;
	}
}
