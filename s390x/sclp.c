// SPDX-License-Identifier: GPL-2.0-only
/*
 * sclp: the Service-Call Logical Processor and diagnose codes as QEMU
 * documents and implements them for s390-ccw-virtio (the SCLP command
 * words, SCCB header and response codes of the Linux on IBM Z SCLP
 * interface: read SCP info, an unknown command word, an SCCB too short for
 * its answer, an SCCB crossing a page boundary; SERVICE CALL's program exceptions per SA22-7832 chapter 6,
 * specification exception for an SCCB address not on a doubleword
 * boundary) and DIAGNOSE 0x44 (voluntary time-slice end) and 0x9c
 * (directed yield, optional), which return without effect on the guest.
 * The read SCP info answer is checked against the VM's configuration,
 * which the cfg passes as cpus= and mem= (MiB).
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/fault.h>
#include <s390x/sclp.h>

#define SCLP_CMD_UNKNOWN 0x00ff0001

static u8 sccb_page[4096] __aligned(4096);

static struct read_info *read_info_sccb(u16 length)
{
	struct read_info *ri = (struct read_info *)sccb_page;

	memset(sccb_page, 0, sizeof(sccb_page));
	ri->h.length = length;
	return ri;
}

TEST_CASE(read_scp_info)
{
	struct read_info *ri = read_info_sccb(sizeof(sccb_page));
	u64 cpus = arg_get_u64("cpus", 0), mem = arg_get_u64("mem", 0);
	u64 increments, size_mib;

	if (!cpus || !mem)
		return report_skip("run with args = cpus=N mem=MiB");
	report_eq(sclp_command(SCLP_CMD_READ_SCP_INFO, &ri->h), 0,
		  "SERVICE CALL read SCP info: cc 0");
	report_eq(ri->h.response_code, SCLP_RC_NORMAL_READ,
		  "response 0x0010 (normal read completion)");
	increments = ri->rnmax ? ri->rnmax : ri->rnmax2;
	size_mib = ri->rnsize ? ri->rnsize : ri->rnsize2;
	report_eq(increments * size_mib, mem,
		  "storage: %llu increments of %llu MiB == -m %llu",
		  (unsigned long long)increments, (unsigned long long)size_mib,
		  (unsigned long long)mem);
	report_eq(ri->nr_cpus, cpus, "CPU entries == -smp %llu",
		  (unsigned long long)cpus);
}

/* An unknown command word: response 0x01f0 (invalid command). */
TEST_CASE(invalid_command)
{
	struct read_info *ri = read_info_sccb(sizeof(sccb_page));

	report_eq(sclp_command(SCLP_CMD_UNKNOWN, &ri->h), 0,
		  "SERVICE CALL of command %#x: cc 0", SCLP_CMD_UNKNOWN);
	report_eq(ri->h.response_code, SCLP_RC_INVALID_COMMAND,
		  "response 0x01f0 (invalid command)");
}

/* An SCCB shorter than the answer: response 0x0300. */
TEST_CASE(short_sccb)
{
	struct read_info *ri = read_info_sccb(16);

	report_eq(sclp_command(SCLP_CMD_READ_SCP_INFO, &ri->h), 0,
		  "read SCP info into a 16-byte SCCB: cc 0");
	report_eq(ri->h.response_code, SCLP_RC_INSUFFICIENT_LENGTH,
		  "response 0x0300 (insufficient SCCB length)");
}

/*
 * An SCCB that crosses a 4 KiB boundary (its last 256 bytes in one page,
 * its length 512): response 0x0100 (SCCB boundary violation).
 */
TEST_CASE(page_crossing_sccb)
{
	static u8 pages[8192] __aligned(4096);
	struct sccb_header *h = (struct sccb_header *)(pages + 4096 - 256);

	memset(pages, 0, sizeof(pages));
	h->length = 512;
	report_eq(sclp_command(SCLP_CMD_READ_SCP_INFO, h), 0,
		  "read SCP info into an SCCB crossing a page: cc 0");
	report_eq(h->response_code, SCLP_RC_BOUNDARY_VIOLATION,
		  "response 0x0100 (SCCB boundary violation)");
}

/* An SCCB address not on a doubleword boundary: specification. */
TEST_CASE(misaligned_sccb)
{
	struct fault f;

	read_info_sccb(sizeof(sccb_page) - 8);
	f = fault_probe(".insn rre,0xb2200000,%0,%1",
			:
			: "d"((u64)SCLP_CMD_READ_SCP_INFO), "a"(sccb_page + 4)
			: "cc", "memory");
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SERVICE CALL on SCCB address +4");
}

/* DIAGNOSE 0x44 completes. */
TEST_CASE(diag_44)
{
	report_fault(fault_probe("diag 0,0,0x44", :), FAULT_NONE, "DIAG 0x44");
}

/*
 * DIAGNOSE 0x9c is optional (Linux probes it): where it is offered, a
 * yield to this CPU completes; where not, it is a specification exception.
 */
TEST_CASE(diag_9c)
{
	struct fault f = fault_probe("diag %0,0,0x9c", : : "d"((u64)stap()));

	if (fault_equal(f, FAULT_PGM(PGM_SPECIFICATION, 4)))
		return report_skip("DIAG 0x9c not offered (specification "
				   "exception)");
	report_fault(f, FAULT_NONE, "DIAG 0x9c to this CPU");
}
