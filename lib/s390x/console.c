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

/*
 * Console input: VT220 events read with READ EVENT DATA. The program says
 * it accepts VT220 events with WRITE EVENT MASK (cp_receive, beside the
 * cp_send bit sclp_init() set for output). Each SERVICE CALL here waits
 * for its own service signal, so that none stays pending to merge with
 * the signal of a later console write (sclp.c); input is read by the
 * CPU that prints, with no other CPU printing (lib/migrate.c).
 */
#include <s390x/processor.h>
#include <s390x/lowcore.h>

#define SCLP_CMD_READ_EVENT_DATA 0x00770005
#define IN_SCCB_SIZE 4096

struct in_event_mask {
	struct sccb_header h;
	u16 reserved;
	u16 mask_length;
	u32 cp_receive;
	u32 cp_send;
	u32 sclp_receive;
	u32 sclp_send;
} __attribute__((packed));

struct in_event {
	u16 length;
	u8 type;
	u8 flags;
	u16 reserved;
	char data[];
} __attribute__((packed));

static u8 in_sccb[IN_SCCB_SIZE] __aligned(IN_SCCB_SIZE);
static char in_buf[IN_SCCB_SIZE];
static size_t in_len, in_pos;
static int input_state; /* 0 not set up, 1 on, -1 refused */

static u16 in_call(u32 cmd)
{
	struct sccb_header *h = (struct sccb_header *)in_sccb;
	int cc, tries = 0;

	do {
		asm volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n\t"
			     "ipm %[cc]\n\t"
			     "srl %[cc],28"
			     : [cc] "=d"(cc)
			     : [cmd] "d"((u64)cmd), [sccb] "a"(in_sccb)
			     : "cc", "memory");
	} while (cc == 2 && ++tries < 1000000);
	if (cc)
		return 0;
	do
		enabled_wait(PSW_MASK_EXT);
	while (!((volatile struct sccb_header *)h)->response_code);
	return h->response_code;
}

static bool input_enable(void)
{
	struct in_event_mask *m = (struct in_event_mask *)in_sccb;

	memset(in_sccb, 0, sizeof(*m));
	m->h.length = sizeof(*m);
	m->mask_length = sizeof(u32);
	m->cp_receive = SCLP_EVENT_MASK(SCLP_EVENT_VT220);
	m->cp_send = SCLP_EVENT_MASK(SCLP_EVENT_VT220);
	return in_call(SCLP_CMD_WRITE_EVENT_MASK) == SCLP_RC_NORMAL &&
	       (m->sclp_send & SCLP_EVENT_MASK(SCLP_EVENT_VT220));
}

/* Reads the pending events into in_buf (the VT220 bytes only). */
static void input_read(void)
{
	struct sccb_header *h = (struct sccb_header *)in_sccb;
	size_t off = sizeof(*h);

	in_len = in_pos = 0;
	memset(in_sccb, 0, sizeof(*h));
	h->length = IN_SCCB_SIZE;
	if (in_call(SCLP_CMD_READ_EVENT_DATA) != SCLP_RC_NORMAL)
		return;
	while (off + sizeof(struct in_event) <= MIN(h->length, IN_SCCB_SIZE)) {
		struct in_event *ev = (struct in_event *)(in_sccb + off);
		size_t n;

		if (ev->length < sizeof(*ev) || off + ev->length > IN_SCCB_SIZE)
			break;
		n = ev->length - sizeof(*ev);
		if (ev->type == SCLP_EVENT_VT220 &&
		    in_len + n <= sizeof(in_buf)) {
			memcpy(in_buf + in_len, ev->data, n);
			in_len += n;
		}
		off += ev->length;
	}
}

int console_getchar(void)
{
	if (!input_state)
		input_state = input_enable() ? 1 : -1;
	if (input_state < 0)
		return -1;
	if (in_pos == in_len)
		input_read();
	return in_pos < in_len ? (u8)in_buf[in_pos++] : -1;
}
