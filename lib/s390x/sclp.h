/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sclp.h: the Service-Call Logical Processor, the s390x firmware interface
 * for configuration data and the operating-system console. A command is
 * started with SERVICE CALL (opcode 0xb220) on a Service Call Control Block
 * (SCCB: a header with its length and a response code, then the command's
 * data) below 2 GiB; completion is signalled by a service-signal external
 * interruption (code 0x2401) whose parameter is the SCCB address. Command
 * words, SCCB layouts and event types follow the SCLP interface as
 * documented for Linux on IBM Z and implemented by QEMU (hw/s390x/sclp.c,
 * event-facility.c, sclpconsole.c).
 */
#ifndef HV_S390X_SCLP_H
#define HV_S390X_SCLP_H

#include <types.h>

#define SCLP_CMD_READ_SCP_INFO 0x00020001
#define SCLP_CMD_READ_SCP_INFO_FORCED 0x00120001
#define SCLP_CMD_WRITE_EVENT_DATA 0x00760005
#define SCLP_CMD_WRITE_EVENT_MASK 0x00780005

#define SCLP_RC_NORMAL_READ 0x0010
#define SCLP_RC_NORMAL 0x0020
#define SCLP_RC_BOUNDARY_VIOLATION 0x0100
#define SCLP_RC_INVALID_COMMAND 0x01f0
#define SCLP_RC_INSUFFICIENT_LENGTH 0x0300

/* Event types; an event mask has bit (type - 1) counted from the left. */
#define SCLP_EVENT_VT220 0x1a
#define SCLP_EVENT_MASK(type) (0x80000000U >> ((type)-1))

/* External-interruption code of a service signal. */
#define EXT_SERVICE_SIGNAL 0x2401

struct sccb_header {
	u16 length;
	u8 function_code;
	u8 control_mask[3];
	u16 response_code;
} __attribute__((packed));

/* Read SCP info: the fields the runtime and the tests use. */
struct read_info {
	struct sccb_header h;
	u16 rnmax; /* 8: storage increments, or 0: see rnmax2 */
	u8 rnsize; /* 10: increment size in MiB, or 0: rnsize2 */
	u8 reserved1[5];
	u16 nr_cpus; /* 16 */
	u16 cpu_offset; /* 18: offset of the CPU entries */
	u8 reserved2[80];
	u32 rnsize2; /* 100 */
	u64 rnmax2; /* 104 */
} __attribute__((packed));

struct cpu_entry {
	u8 address;
	u8 reserved[15];
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct read_info, rnsize2) == 100,
	       "read_info");
_Static_assert(__builtin_offsetof(struct read_info, rnmax2) == 104,
	       "read_info");

/* What read SCP info tells the runtime. */
struct sclp_info {
	u64 memory_size; /* bytes of storage, from address 0 */
	unsigned int nr_cpus; /* configured CPUs */
	u16 cpu_addr[64]; /* their CPU addresses (SIGP), in SCLP order */
};

extern struct sclp_info sclp_info;

/*
 * Enables service signals, reads the SCP information into sclp_info and
 * registers the VT220 console event. Returns false when the SCLP does not
 * answer (no console either).
 */
bool sclp_init(void);
/* For the external-interruption handler: a service signal with PARAM. */
void sclp_service_signal(u32 param);
/*
 * For tests: issues CMD on SCCB (page-aligned, below 2 GiB, outside the
 * prefix area) and waits for the service signal; returns SERVICE CALL's
 * condition code (the response code is in the SCCB), or -1 when called
 * while this CPU is already inside an SCLP command.
 */
int sclp_command(u32 cmd, struct sccb_header *sccb);
/* Writes LEN bytes as one VT220 event; false when the SCLP refused. */
bool sclp_vt220_write(const char *s, size_t len);

#endif
