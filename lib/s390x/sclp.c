// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclp.c: SCLP commands (sclp.h): SERVICE CALL, waiting for the service
 * signal in an enabled wait, read SCP info (storage size = increments x
 * increment size in MiB, with the 32- and 64-bit forms for large
 * configurations; CPU entries) and the VT220 event used as the console
 * (write event mask, write event data). One command at a time, under a
 * lock; a CPU that already holds it (an interruption handler printing
 * while a command is under way) has its command dropped. Only the holder
 * enables external interruptions, so the service signal, a floating
 * interruption, reaches it.
 */
#include <libtest.h>
#include <smp.h>
#include <s390x/processor.h>
#include <s390x/sclp.h>

#define SCCB_SIZE 4096
#define SERVC_CC_BUSY 2
#define SERVC_CC_NOT_OPERATIONAL 3
#define SERVC_BUSY_RETRIES 1000000
#define NO_OWNER (-1)

struct write_event_mask {
	struct sccb_header h;
	u16 reserved;
	u16 mask_length; /* 4: the four masks below are u32 */
	u32 cp_receive; /* events the program accepts */
	u32 cp_send; /* events the program will send */
	u32 sclp_receive; /* events the SCLP accepts (output) */
	u32 sclp_send; /* events the SCLP may send (output) */
} __attribute__((packed));

struct event_header {
	u16 length;
	u8 type;
	u8 flags;
	u16 reserved;
} __attribute__((packed));

struct write_event {
	struct sccb_header h;
	struct event_header ev;
	char data[SCCB_SIZE - sizeof(struct sccb_header) -
		  sizeof(struct event_header)];
} __attribute__((packed));

struct sclp_info sclp_info;

/* Page-aligned, inside the image: below 2 GiB and outside the lowcore. */
static u8 sccb_page[SCCB_SIZE] __aligned(SCCB_SIZE);
static volatile u32 pending_sccb;
static volatile bool completed;
static bool vt220_ok;
static int owner = NO_OWNER;

static int servc(u32 cmd, u64 sccb)
{
	int cc;

	asm volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc)
		     : [cmd] "d"((u64)cmd), [sccb] "a"(sccb)
		     : "cc", "memory");
	return cc;
}

void sclp_service_signal(u32 param)
{
	/* The low 3 bits flag pending events, not part of the address. */
	if (pending_sccb && (param & ~7U) == pending_sccb)
		completed = true;
}

static bool sclp_lock(void)
{
	int me = smp_processor_id(), free_owner;

	if (__atomic_load_n(&owner, __ATOMIC_RELAXED) == me)
		return false;
	for (;;) {
		free_owner = NO_OWNER;
		if (__atomic_compare_exchange_n(&owner, &free_owner, me, false,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
		cpu_relax();
	}
}

static void sclp_unlock(void)
{
	__atomic_store_n(&owner, NO_OWNER, __ATOMIC_RELEASE);
}

/* Issues CMD on SCCB, waits for its completion; SERVICE CALL's cc. */
static int sclp_start(u32 cmd, struct sccb_header *sccb)
{
	int cc, tries = 0;

	completed = false;
	pending_sccb = (u32)(uintptr_t)sccb;
	do {
		cc = servc(cmd, (uintptr_t)sccb);
	} while (cc == SERVC_CC_BUSY && ++tries < SERVC_BUSY_RETRIES);
	if (cc == 0) {
		while (!completed)
			enabled_wait(PSW_MASK_EXT);
	}
	pending_sccb = 0;
	return cc;
}

/* Issues CMD on SCCB and waits for its completion; the response code. */
static u16 sclp_call(u32 cmd, struct sccb_header *sccb)
{
	return sclp_start(cmd, sccb) ? 0 : sccb->response_code;
}

static bool read_info(void)
{
	struct read_info *ri = (struct read_info *)sccb_page;
	const struct cpu_entry *cpu;
	u64 increments, size_mib;
	u16 rc;

	memset(sccb_page, 0, SCCB_SIZE);
	ri->h.length = SCCB_SIZE;
	rc = sclp_call(SCLP_CMD_READ_SCP_INFO_FORCED, &ri->h);
	if (rc == SCLP_RC_INVALID_COMMAND) {
		memset(sccb_page, 0, SCCB_SIZE);
		ri->h.length = SCCB_SIZE;
		rc = sclp_call(SCLP_CMD_READ_SCP_INFO, &ri->h);
	}
	if (rc != SCLP_RC_NORMAL_READ)
		return false;
	increments = ri->rnmax ? ri->rnmax : ri->rnmax2;
	size_mib = ri->rnsize ? ri->rnsize : ri->rnsize2;
	sclp_info.memory_size = increments * size_mib << 20;
	cpu = (const struct cpu_entry *)(sccb_page + ri->cpu_offset);
	for (unsigned int i = 0;
	     i < ri->nr_cpus && i < ARRAY_SIZE(sclp_info.cpu_addr) &&
	     (u8 *)&cpu[i + 1] <= sccb_page + SCCB_SIZE;
	     i++)
		sclp_info.cpu_addr[sclp_info.nr_cpus++] = cpu[i].address;
	return true;
}

static bool enable_vt220(void)
{
	struct write_event_mask *m = (struct write_event_mask *)sccb_page;

	memset(sccb_page, 0, sizeof(*m));
	m->h.length = sizeof(*m);
	m->mask_length = sizeof(u32);
	m->cp_send = SCLP_EVENT_MASK(SCLP_EVENT_VT220);
	if (sclp_call(SCLP_CMD_WRITE_EVENT_MASK, &m->h) != SCLP_RC_NORMAL)
		return false;
	return m->sclp_receive & SCLP_EVENT_MASK(SCLP_EVENT_VT220);
}

bool sclp_init(void)
{
	bool ok;

	lctlg(0, stctg(0) | CR0_SERVICE_SIGNAL);
	sclp_lock();
	vt220_ok = enable_vt220();
	ok = read_info();
	sclp_unlock();
	return ok;
}

int sclp_command(u32 cmd, struct sccb_header *sccb)
{
	int cc;

	if (!sclp_lock())
		return -1;
	cc = sclp_start(cmd, sccb);
	sclp_unlock();
	return cc;
}

bool sclp_vt220_write(const char *s, size_t len)
{
	struct write_event *w = (struct write_event *)sccb_page;
	bool ok;

	if (!vt220_ok || len > sizeof(w->data) || !sclp_lock())
		return false;
	w->h = (struct sccb_header){
		.length = sizeof(w->h) + sizeof(w->ev) + len,
	};
	w->ev = (struct event_header){
		.length = sizeof(w->ev) + len,
		.type = SCLP_EVENT_VT220,
	};
	memcpy(w->data, s, len);
	ok = sclp_call(SCLP_CMD_WRITE_EVENT_DATA, &w->h) == SCLP_RC_NORMAL;
	sclp_unlock();
	return ok;
}
