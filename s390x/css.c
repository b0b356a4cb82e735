// SPDX-License-Identifier: GPL-2.0-only
/*
 * css: channel-subsystem basics on the virtio-ccw device the cfg adds
 * (SA22-7832 chapter 14, "I/O Instructions": STORE SUBCHANNEL, MODIFY
 * SUBCHANNEL, START SUBCHANNEL, TEST SUBCHANNEL, their condition codes
 * and their operand and specification exceptions; chapter 15, "Basic I/O
 * Functions"; chapter 6, "I/O Interruption": subsystem-identification
 * word and interruption parameter at 0xb8 and 0xbc, ISC masks in CR6).
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

	fault_clear();
	asm volatile(
		"lgr %%r1,%[id]\n\t" FAULT_SITE(".insn s,0xb2340000,0(%[op])")
		:
		: [id] "d"((u64)sch), [op] "a"(&schib)
		: "r1", "cc", "memory");
	f = fault_take();
	report_fault(f, FAULT_PGM(PGM_OPERAND, 4), "GR1 bit 47 zero");
	fault_clear();
	asm volatile(
		"lgr %%r1,%[id]\n\t" FAULT_SITE(".insn s,0xb2340000,0(%[op])")
		:
		: [id] "d"((u64)SCHID(sch)), [op] "a"((u8 *)&schib + 2)
		: "r1", "cc", "memory");
	f = fault_take();
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
 * Starts a sense-ID into DATA with the ORB's KEY and waits, bounded, for
 * its I/O interruption; then TEST SUBCHANNEL stores the IRB. False when
 * SSCH failed or no interruption came (both reported).
 */
static bool run_sense_id(u8 *data, u8 key)
{
	u64 deadline;

	memset(data, 0, 8);
	ccw = (struct ccw1){.cmd = CCW_CMD_SENSE_ID,
			    .flags = CCW_FLAG_SLI,
			    .count = 8,
			    .data = (u32)(u64)data};
	orb = (struct orb){.intparm = INTPARM,
			   .ctrl = (u32)key << 28 | ORB_FORMAT1 | ORB_LPM_ALL,
			   .cpa = (u32)(u64)&ccw};
	io_seen = false;
	saved_io = s390x_set_handler(INT_IO, io_handler);
	saved_ext = s390x_set_handler(INT_EXT, ckc_handler);
	lctlg(6, CR6_ISC(ISC));
	lctlg(0, saved_cr0 | CR0_CLOCK_COMPARATOR);
	if (!report_eq(ssch(SCHID(sch), &orb), 0, "SSCH: cc 0"))
		return false;
	deadline = stck() + WAIT_USEC * TOD_PER_USEC;
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

	fault_clear();
	asm volatile(
		"lgr %%r1,%[id]\n\t" FAULT_SITE(".insn s,0xb2330000,0(%[op])")
		:
		: [id] "d"((u64)SCHID(sch)), [op] "a"((u8 *)&orb + 2)
		: "r1", "cc", "memory");
	f = fault_take();
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
	fault_clear();
	asm volatile(
		"lgr %%r1,%[id]\n\t" FAULT_SITE(".insn s,0xb2330000,0(%[op])")
		:
		: [id] "d"((u64)sch), [op] "a"(&orb)
		: "r1", "cc", "memory");
	f = fault_take();
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

	fault_clear();
	asm volatile(
		"lgr %%r1,%[id]\n\t" FAULT_SITE(".insn s,0xb2320000,0(%[op])")
		:
		: [id] "d"((u64)SCHID(sch)), [op] "a"((u8 *)&schib + 2)
		: "r1", "cc", "memory");
	f = fault_take();
	report_fault(f, FAULT_PGM(PGM_SPECIFICATION, 4),
		     "SCHIB at a halfword boundary");
}
