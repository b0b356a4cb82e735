// SPDX-License-Identifier: GPL-2.0-only
/*
 * css: channel-subsystem basics on the virtio-ccw device the cfg adds
 * (SA22-7832 chapter 14, "I/O Instructions": STORE SUBCHANNEL, MODIFY
 * SUBCHANNEL, START SUBCHANNEL, TEST SUBCHANNEL, their condition codes
 * and their operand and specification exceptions; chapter 15, "Basic I/O
 * Functions"; chapter 6, "I/O Interruption": subsystem-identification
 * word and interruption parameter at 0xb8 and 0xbc, ISC masks in CR6);
 * HALT and CLEAR SUBCHANNEL with their SCSW, RESUME and CANCEL
 * SUBCHANNEL condition codes, invalid ORB fields and CCW addresses,
 * format-0 CCWs, and cc 3 and operand exceptions of all eight subchannel
 * instructions for absent and malformed subchannel numbers.
 * ORB keys against storage keys (chapter 3, "Key-Controlled Protection").
 * The sense-ID answer of a virtio-ccw device (first byte 0xff, control
 * unit type 0x3832) is the one the virtio specification gives for the
 * CCW transport.
 */
#include <libtest.h>
#include <s390x/processor.h>
#include <s390x/clock.h>
#include <s390x/css.h>
#include <s390x/exceptions.h>
#include <s390x/fault.h>

#define ISC 3
#define INTPARM 0xcafe0001U
#define VIRTIO_CCW_CU_TYPE 0x3832
#define WAIT_USEC 5000000ULL
#define MAX_SCH 0x100
/* Subchannel status: protection check (chapter 16). */
#define SCH_STAT_PROTECTION 0x10

/* A subchannel instruction with GR1 and its operand: the exception taken. */
#define SCH_PROBE(name, opcode)                                                \
	static struct fault name(u32 gr1, void *op)                            \
	{                                                                      \
		fault_clear();                                                 \
		asm volatile("lgr %%r1,%[id]\n\t" FAULT_SITE(".insn s," opcode \
							     ",0(%[op])")      \
			     :                                                 \
			     : [id] "d"((u64)gr1), [op] "a"(op)                \
			     : "r1", "cc", "memory");                          \
		return fault_take();                                           \
	}

SCH_PROBE(probe_stsch, "0xb2340000")
SCH_PROBE(probe_msch, "0xb2320000")
SCH_PROBE(probe_ssch, "0xb2330000")
SCH_PROBE(probe_tsch, "0xb2350000")
SCH_PROBE(probe_hsch, "0xb2310000")
SCH_PROBE(probe_csch, "0xb2300000")
SCH_PROBE(probe_rsch, "0xb2380000")
SCH_PROBE(probe_xsch, "0xb2760000")

static u32 sch = ~0U;
static struct schib schib;
static u8 sense_data[8] __aligned(8);
static struct ccw1 ccw;
static struct orb orb;
static struct irb irb;
static u64 saved_cr0, saved_cr6;
static exception_handler_t saved_io, saved_ext;
static volatile bool io_seen;
static volatile u64 io_param;

static bool css_enter(void)
{
	u64 devno = arg_get_u64("devno", 0);

	if (sch == ~0U) {
		for (u32 i = 0; i < MAX_SCH; i++) {
			if (stsch(SCHID(i), &schib))
				break;
			if ((schib.pmcw.flags & PMCW_DNV) &&
			    schib.pmcw.devno == devno) {
				sch = i;
				break;
			}
		}
	}
	if (sch == ~0U) {
		report_skip("no subchannel with device number %#llx (cfg: "
			    "extra_params = -device virtio-rng-ccw)",
			    (unsigned long long)devno);
		return false;
	}
	saved_cr0 = stctg(0);
	saved_cr6 = stctg(6);
	return true;
}

/* Disables the subchannel again and clears any status left pending. */
static void css_leave(void)
{
	if (!stsch(SCHID(sch), &schib)) {
		schib.pmcw.flags &= ~PMCW_ENABLED;
		msch(SCHID(sch), &schib);
	}
	tsch(SCHID(sch), &irb);
	lctlg(6, saved_cr6);
	lctlg(0, saved_cr0);
	sckc(~0ULL);
}

TEST_FIXTURE(subchannel, css_enter, css_leave);

TEST_CASE(stsch, .fixture = &subchannel)
{
	report_eq(stsch(SCHID(sch), &schib), 0, "STSCH: cc 0");
	report(schib.pmcw.flags & PMCW_DNV, "device number valid");
	report_eq(stsch(SCHID(0xffff), &schib), 3,
		  "STSCH of subchannel 0xffff: cc 3 (not operational)");
}

/*
 * Chapter 14, "STORE SUBCHANNEL": GR1 bits 32-47 other than 0001 hex
 * (with a zero SSID) are an operand exception; a SCHIB not on a word
 * boundary is a specification exception.
 */
TEST_CASE(stsch_exceptions, .fixture = &subchannel)
{
	struct fault f;

	f = probe_stsch(sch, &schib);
	report_fault(f, FAULT_PGM(PGM_OPERAND, 4), "GR1 bit 47 zero");
	f = probe_stsch(SCHID(sch), (u8 *)&schib + 2);
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SCHIB at a halfword boundary");
}

static bool enable_subchannel(void)
{
	if (stsch(SCHID(sch), &schib))
		return false;
	schib.pmcw.intparm = INTPARM;
	schib.pmcw.flags = (schib.pmcw.flags & ~(7 << PMCW_ISC_SHIFT)) |
			   ISC << PMCW_ISC_SHIFT | PMCW_ENABLED;
	return msch(SCHID(sch), &schib) == 0;
}

/* Chapter 14, "MODIFY SUBCHANNEL": what it sets, STSCH reads back. */
TEST_CASE(msch, .fixture = &subchannel)
{
	report(enable_subchannel(), "MSCH enabling, ISC 3: cc 0");
	memset(&schib, 0, sizeof(schib));
	report_eq(stsch(SCHID(sch), &schib), 0, "STSCH: cc 0");
	report(schib.pmcw.flags & PMCW_ENABLED, "enabled");
	report_eq(schib.pmcw.flags >> PMCW_ISC_SHIFT & 7, ISC, "ISC");
	report_eq(schib.pmcw.intparm, INTPARM, "interruption parameter");
}

/*
 * Chapter 14, "TEST SUBCHANNEL": on an enabled subchannel without status
 * pending, cc 1.
 */
TEST_CASE(tsch_idle, .fixture = &subchannel)
{
	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	tsch(SCHID(sch), &irb);
	report_eq(tsch(SCHID(sch), &irb), 1, "TSCH without status: cc 1");
}

static void io_handler(struct pt_regs *regs)
{
	io_seen = true;
	io_param = regs->param;
	interrupt_end_wait(regs);
}

static void ckc_handler(struct pt_regs *regs)
{
	if (regs->code == EXT_CLOCK_COMPARATOR)
		sckc(~0ULL);
	interrupt_end_wait(regs);
}

/*
 * Waits, bounded, for an I/O interruption (ISC 3 enabled in CR6; the
 * clock comparator as a backstop), then TEST SUBCHANNEL stores the IRB.
 * Clear io_seen before the instruction that leads to it.
 */
static bool await_status(void)
{
	u64 deadline = stck() + WAIT_USEC * TOD_PER_USEC;

	saved_io = s390x_set_handler(INT_IO, io_handler);
	saved_ext = s390x_set_handler(INT_EXT, ckc_handler);
	lctlg(6, CR6_ISC(ISC));
	lctlg(0, saved_cr0 | CR0_CLOCK_COMPARATOR);
	while (!io_seen && stck() < deadline) {
		sckc(deadline);
		enabled_wait(PSW_MASK_IO | PSW_MASK_EXT);
	}
	s390x_set_handler(INT_EXT, saved_ext);
	s390x_set_handler(INT_IO, saved_io);
	if (!report(io_seen, "I/O interruption within 5 s"))
		return false;
	return report_eq(tsch(SCHID(sch), &irb), 0,
			 "TSCH: cc 0 (status pending)");
}

/* The ORB of a format-1 sense-ID into DATA with the storage KEY. */
static void sense_id_orb(u8 *data, u8 key)
{
	memset(data, 0, 8);
	ccw = (struct ccw1){.cmd = CCW_CMD_SENSE_ID,
			    .flags = CCW_FLAG_SLI,
			    .count = 8,
			    .data = (u32)(u64)data};
	orb = (struct orb){.intparm = INTPARM,
			   .ctrl = (u32)key << 28 | ORB_FORMAT1 | ORB_LPM_ALL,
			   .cpa = (u32)(u64)&ccw};
}

/* Starts the ORB and waits for its status (await_status()). */
static bool start_and_await(void)
{
	io_seen = false;
	if (!report_eq(ssch(SCHID(sch), &orb), 0, "SSCH: cc 0"))
		return false;
	return await_status();
}

/*
 * Starts a sense-ID into DATA with the ORB's KEY and waits, bounded, for
 * its I/O interruption; then TEST SUBCHANNEL stores the IRB. False when
 * SSCH failed or no interruption came (both reported).
 */
static bool run_sense_id(u8 *data, u8 key)
{
	sense_id_orb(data, key);
	return start_and_await();
}

/*
 * Chapter 15, "START SUBCHANNEL" with a sense-ID CCW: an I/O interruption
 * (ISC 3 enabled in CR6) names the subchannel and the interruption
 * parameter; TEST SUBCHANNEL then stores channel end and device end.
 */
TEST_CASE(sense_id, .fixture = &subchannel)
{
	if (!report(enable_subchannel(), "subchannel enabled") ||
	    !run_sense_id(sense_data, 0))
		return;
	report_eq(io_param >> 32, SCHID(sch), "subsystem-identification word");
	report_eq(io_param & 0xffffffff, INTPARM, "interruption parameter");
	report_eq(irb.scsw.dstat, DEV_STAT_CE | DEV_STAT_DE,
		  "device status: channel end, device end");
	report_eq(irb.scsw.cstat, 0, "subchannel status: none");
	report_eq(sense_data[0], 0xff, "sense ID byte 0");
	report_eq(sense_data[1] << 8 | sense_data[2], VIRTIO_CCW_CU_TYPE,
		  "control unit type 0x3832 (virtio)");
}

/*
 * Chapter 3, "Key-Controlled Protection" for channel-program data;
 * chapter 16, "Subchannel-Status Word": data stored with an ORB key that
 * does not match the storage key ends with a protection check; a
 * matching key stores.
 */
TEST_CASE(orb_key, .fixture = &subchannel)
{
	u8 *page = alloc_page();

	if (!report(page != NULL, "a page for the data") ||
	    !report(enable_subchannel(), "subchannel enabled"))
		goto out;
	asm volatile("sske %0,%1" : : "d"(0x30UL), "a"(page) : "memory");
	if (run_sense_id(page, 3))
		report_eq(page[0], 0xff, "ORB key 3 on storage key 3: stored");
	if (run_sense_id(page, 2)) {
		report_eq(irb.scsw.cstat, SCH_STAT_PROTECTION,
			  "ORB key 2 on storage key 3: protection check");
		report_eq(page[0], 0, "nothing stored");
	}
	asm volatile("sske %0,%1" : : "d"(0UL), "a"(page) : "memory");
out:
	free_page(page);
}

/* Chapter 14, "START SUBCHANNEL": an ORB not on a word boundary. */
TEST_CASE(ssch_orb_alignment, .fixture = &subchannel)
{
	struct fault f;

	f = probe_ssch(SCHID(sch), (u8 *)&orb + 2);
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "ORB at a halfword boundary");
}

/*
 * Chapter 14, "START SUBCHANNEL": cc 3 when the subchannel is not
 * enabled, cc 1 while status is pending (an I/O interruption taken but
 * no TEST SUBCHANNEL yet); GR1 bit 47 zero is an operand exception.
 */
TEST_CASE(ssch_conditions, .fixture = &subchannel)
{
	struct fault f;

	memset(sense_data, 0, sizeof(sense_data));
	ccw = (struct ccw1){.cmd = CCW_CMD_SENSE_ID,
			    .flags = CCW_FLAG_SLI,
			    .count = sizeof(sense_data),
			    .data = (u32)(u64)sense_data};
	orb = (struct orb){.intparm = INTPARM,
			   .ctrl = ORB_FORMAT1 | ORB_LPM_ALL,
			   .cpa = (u32)(u64)&ccw};
	stsch(SCHID(sch), &schib);
	schib.pmcw.flags &= ~PMCW_ENABLED;
	msch(SCHID(sch), &schib);
	report_eq(ssch(SCHID(sch), &orb), 3, "SSCH, subchannel disabled: cc 3");
	f = probe_ssch(sch, &orb);
	report_fault(f, FAULT_PGM(PGM_OPERAND, 4), "SSCH, GR1 bit 47 zero");
	if (!report(enable_subchannel(), "subchannel enabled") ||
	    !run_sense_id(sense_data, 0))
		return;
	/* run_sense_id() ended with TSCH; start again and leave it pending. */
	report_eq(ssch(SCHID(sch), &orb), 0, "SSCH: cc 0");
	for (int i = 0; i < 1000000; i++) {
		if (stsch(SCHID(sch), &schib) == 0 && (schib.scsw.ctrl & 1))
			break;
	}
	report(schib.scsw.ctrl & 1, "status pending (SCSW bit 31)");
	report_eq(ssch(SCHID(sch), &orb), 1, "SSCH, status pending: cc 1");
	report_eq(tsch(SCHID(sch), &irb), 0, "TSCH clears it: cc 0");
}

/* Chapter 14, "MODIFY SUBCHANNEL": the SCHIB on a word boundary. */
TEST_CASE(msch_alignment, .fixture = &subchannel)
{
	struct fault f;

	f = probe_msch(SCHID(sch), (u8 *)&schib + 2);
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SCHIB at a halfword boundary");
}

/*
 * Chapter 14, "START SUBCHANNEL", and chapter 15, "Operation-Request
 * Block": a reserved bit of ORB word 1 (bit 30) or bit 0 of the
 * channel-program address one is an operand exception; the instruction
 * is suppressed (no start function in the SCSW).
 */
TEST_CASE(orb_invalid_fields, .fixture = &subchannel)
{
	struct fault f;

	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	tsch(SCHID(sch), &irb);
	sense_id_orb(sense_data, 0);
	orb.ctrl |= ORB_RESERVED_BIT30;
	f = probe_ssch(SCHID(sch), &orb);
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERAND, 4),
		     "ORB word 1 bit 30 one");
	sense_id_orb(sense_data, 0);
	orb.cpa |= ORB_CPA_BIT0;
	f = probe_ssch(SCHID(sch), &orb);
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERAND, 4),
		     "channel-program address bit 0 one");
	report_eq(stsch(SCHID(sch), &schib), 0, "STSCH: cc 0");
	report_eq(schib.scsw.ctrl & SCSW_FC_MASK, 0,
		  "no function started (SCSW function control)");
}

/*
 * Chapter 16, "Subchannel Status", "Program Check": a channel-program
 * address not on a doubleword boundary (invalid CCW-address
 * specification) ends the start function with a program check; SSCH
 * itself has cc 0.
 */
TEST_CASE(ccw_address_alignment, .fixture = &subchannel)
{
	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	sense_id_orb(sense_data, 0);
	orb.cpa += 4;
	if (!start_and_await())
		return;
	report_eq(irb.scsw.cstat, SCH_STAT_PROGRAM_CHECK,
		  "subchannel status: program check");
	report_eq(sense_data[0], 0, "nothing stored");
}

/*
 * Chapter 15, "Channel-Command Word": with ORB bit 8 (F) zero the CCW is
 * format 0 (command, 24-bit data address, flags at byte 4, count at bytes
 * 6-7); a format-0 sense-ID below 16 MiB ends like the format-1 one.
 */
TEST_CASE(ccw_format0, .fixture = &subchannel)
{
	static struct ccw0 ccw0;
	u32 data = (u32)(u64)sense_data;

	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	if (!report(data < 0x1000000, "data below 16 MiB (%#x)", data))
		return;
	memset(sense_data, 0, sizeof(sense_data));
	ccw0 = (struct ccw0){.cmd = CCW_CMD_SENSE_ID,
			     .data = {data >> 16, data >> 8, data},
			     .flags = CCW_FLAG_SLI,
			     .count = sizeof(sense_data)};
	orb = (struct orb){.intparm = INTPARM,
			   .ctrl = ORB_LPM_ALL,
			   .cpa = (u32)(u64)&ccw0};
	if (!start_and_await())
		return;
	report_eq(irb.scsw.dstat, DEV_STAT_CE | DEV_STAT_DE,
		  "device status: channel end, device end");
	report_eq(irb.scsw.cstat, 0, "subchannel status: none");
	report_eq(sense_data[0], 0xff, "sense ID byte 0");
	report_eq(sense_data[1] << 8 | sense_data[2], VIRTIO_CCW_CU_TYPE,
		  "control unit type 0x3832 (virtio)");
}

/*
 * Chapter 14, "HALT SUBCHANNEL", "CLEAR SUBCHANNEL"; chapter 15, "Halt
 * Function", "Clear Function"; chapter 16, "Function Control": on an idle
 * enabled subchannel both are accepted (cc 0) and end in status pending
 * with an I/O interruption; the SCSW names the halt or the clear
 * function, and a clear leaves no device or subchannel status.
 */
TEST_CASE(hsch_csch_idle, .fixture = &subchannel)
{
	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	tsch(SCHID(sch), &irb);
	io_seen = false;
	report_eq(hsch(SCHID(sch), NULL), 0, "HSCH, idle: cc 0");
	if (await_status()) {
		report_eq(irb.scsw.ctrl & SCSW_FC_MASK, SCSW_FC_HALT,
			  "SCSW function control: halt");
		report(irb.scsw.ctrl & SCSW_SC_PENDING,
		       "SCSW status control: status pending");
	}
	io_seen = false;
	report_eq(csch(SCHID(sch), NULL), 0, "CSCH, idle: cc 0");
	if (await_status()) {
		report_eq(irb.scsw.ctrl & SCSW_FC_MASK, SCSW_FC_CLEAR,
			  "SCSW function control: clear");
		report(irb.scsw.ctrl & SCSW_SC_PENDING,
		       "SCSW status control: status pending");
		report_eq(irb.scsw.dstat, 0, "device status: none");
		report_eq(irb.scsw.cstat, 0, "subchannel status: none");
	}
}

/*
 * Chapter 14, "HALT SUBCHANNEL": cc 1 while status is pending (nothing
 * halted); "CLEAR SUBCHANNEL": accepted all the same (cc 0), it discards
 * the pending status, and the status that follows names only the clear
 * function (not the start function of the discarded status).
 */
TEST_CASE(hsch_csch_pending, .fixture = &subchannel)
{
	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	tsch(SCHID(sch), &irb);
	sense_id_orb(sense_data, 0);
	report_eq(ssch(SCHID(sch), &orb), 0, "SSCH: cc 0");
	for (int i = 0; i < 1000000; i++) {
		if (stsch(SCHID(sch), &schib) == 0 &&
		    (schib.scsw.ctrl & SCSW_SC_PENDING))
			break;
	}
	if (!report(schib.scsw.ctrl & SCSW_SC_PENDING,
		    "status pending after the sense-ID"))
		return;
	report_eq(hsch(SCHID(sch), NULL), 1, "HSCH, status pending: cc 1");
	io_seen = false;
	report_eq(csch(SCHID(sch), NULL), 0, "CSCH, status pending: cc 0");
	if (await_status())
		report_eq(irb.scsw.ctrl & SCSW_FC_MASK, SCSW_FC_CLEAR,
			  "SCSW function control: clear only");
}

/*
 * Chapter 14, "RESUME SUBCHANNEL" and "CANCEL SUBCHANNEL": on an idle
 * enabled subchannel (no start function to resume or cancel) both give
 * cc 2 (function not applicable); with status pending, cc 1.
 */
TEST_CASE(rsch_xsch, .fixture = &subchannel)
{
	if (!report(enable_subchannel(), "subchannel enabled"))
		return;
	tsch(SCHID(sch), &irb);
	report_eq(rsch(SCHID(sch), NULL), 2, "RSCH, idle: cc 2");
	report_eq(xsch(SCHID(sch), NULL), 2, "XSCH, idle: cc 2");
	sense_id_orb(sense_data, 0);
	report_eq(ssch(SCHID(sch), &orb), 0, "SSCH: cc 0");
	for (int i = 0; i < 1000000; i++) {
		if (stsch(SCHID(sch), &schib) == 0 &&
		    (schib.scsw.ctrl & SCSW_SC_PENDING))
			break;
	}
	if (!report(schib.scsw.ctrl & SCSW_SC_PENDING,
		    "status pending after the sense-ID"))
		return;
	report_eq(rsch(SCHID(sch), NULL), 1, "RSCH, status pending: cc 1");
	report_eq(xsch(SCHID(sch), NULL), 1, "XSCH, status pending: cc 1");
	report_eq(tsch(SCHID(sch), &irb), 0, "TSCH: cc 0");
}

static struct irb spare_irb;
static struct schib spare_schib;

struct sch_insn {
	const char *name;
	int (*run)(u32 schid, void *op);
	struct fault (*probe)(u32 gr1, void *op);
	void *op;
};

static const struct sch_insn sch_insns[] = {
	{"STSCH", stsch, probe_stsch, &spare_schib},
	{"MSCH", msch, probe_msch, &spare_schib},
	{"SSCH", ssch, probe_ssch, &orb},
	{"TSCH", tsch, probe_tsch, &spare_irb},
	{"HSCH", hsch, probe_hsch, NULL},
	{"CSCH", csch, probe_csch, NULL},
	{"RSCH", rsch, probe_rsch, NULL},
	{"XSCH", xsch, probe_xsch, NULL},
};

/*
 * Chapter 14, each I/O instruction: GR1 bits 32-47 other than 0001 hex
 * (here bit 47 zero) are an operand exception; a subchannel number the
 * configuration does not have is not operational: cc 3.
 */
TEST_VARIANTS(invalid_subchannel, sch_insns)
{
	u32 absent = 0xffff;
	struct fault f;

	while (absent > 0 && stsch(SCHID(absent), &spare_schib) != 3)
		absent--;
	sense_id_orb(sense_data, 0);
	if (variant->run == msch)
		memset(&spare_schib, 0, sizeof(spare_schib));
	report_eq(variant->run(SCHID(absent), variant->op), 3,
		  "%s of subchannel %#x: cc 3", variant->name, absent);
	f = variant->probe(absent, variant->op);
	report_fault(f, FAULT_PGM_SUPPRESSED(PGM_OPERAND, 4),
		     "%s with GR1 %#x (bit 47 zero)", variant->name, absent);
}
