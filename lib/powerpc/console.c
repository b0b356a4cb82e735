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

#define H_GET_TERM_CHAR 0x54

static u8 in_buf[16];
static unsigned int in_len, in_pos;

/*
 * LoPAPR 1.1 14.5.6.8.1 H_GET_TERM_CHAR: termno in r4; r3 the status,
 * r4 the number of bytes (up to 16), packed big-endian in r5-r6. The
 * volatile registers r0, r7-r12, CTR, XER and CR are the caller's to lose
 * across "sc 1" (14.5.3).
 */
static void get_chunk(void)
{
	register u64 r3 asm("r3") = H_GET_TERM_CHAR;
	register u64 r4 asm("r4") = termno;
	register u64 r5 asm("r5");
	register u64 r6 asm("r6");

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "=r"(r5), "=r"(r6)
		     :
		     : "r0", "r7", "r8", "r9", "r10", "r11", "r12", "ctr",
		       "xer", "cr0", "cr1", "cr5", "cr6", "cr7", "memory");
	in_pos = 0;
	in_len = r3 == H_SUCCESS ? MIN(r4, 16) : 0;
	for (unsigned int i = 0; i < in_len; i++)
		in_buf[i] = (i < 8 ? r5 >> (56 - 8 * i) : r6 >> (120 - 8 * i)) &
			    0xff;
}

int console_getchar(void)
{
	if (!ready)
		return -1;
	if (in_pos == in_len)
		get_chunk();
	return in_pos < in_len ? in_buf[in_pos++] : -1;
}
