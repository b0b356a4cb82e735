// SPDX-License-Identifier: GPL-2.0-only
/*
 * sigp: SIGNAL PROCESSOR orders between two CPUs, with their condition
 * codes and status bits (SA22-7832 chapter 4, "Signal-Processor Orders",
 * "Conditions Determining Response"; chapter 10, "SIGNAL PROCESSOR"):
 * SENSE, STOP, RESTART, SET PREFIX on an operating CPU and with an address
 * outside the configuration, an unassigned order, an unknown CPU address,
 * START, CONDITIONAL EMERGENCY SIGNAL, SET ARCHITECTURE, STORE STATUS
 * AT ADDRESS, STOP AND STORE STATUS (the save area of
 * chapter 3, "Store Status"), SENSE RUNNING STATUS, EMERGENCY SIGNAL and
 * EXTERNAL CALL delivered as external interruptions (chapter 6, codes
 * 1201 and 1202, with the sender's CPU address), the external-call-
 * pending status of a second EXTERNAL CALL; and the prefixing of both
 * CPUs (chapter 3, "Prefixing").
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <smp.h>
#include <s390x/processor.h>
#include <s390x/clock.h>
#include <s390x/exceptions.h>
#include <s390x/facility.h>
#include <s390x/sclp.h>
#include <s390x/sigp.h>

#define SIGP_STORE_STATUS_AT 0x0e
#define SIGP_COND_EMERGENCY 0x13
#define SIGP_SENSE_RUNNING 0x15
#define SIGP_UNASSIGNED_ORDER 0xff

/* Status bits stored in R1 with condition code 1. */
#define SIGP_STAT_NOT_RUNNING 0x00000400
#define SIGP_STAT_INCORRECT_STATE 0x00000200
#define SIGP_STAT_INVALID_PARAMETER 0x00000100
#define SIGP_STAT_EXT_CALL_PENDING 0x00000080
#define SIGP_STAT_STOPPED 0x00000040
#define SIGP_STAT_INVALID_ORDER 0x00000002

/* Store-status save area, offsets in the prefix area (chapter 3). */
#define SAVE_AREA_PSW 0x1300
#define SAVE_AREA_PREFIX 0x1318

/* How long CPU 1 gets to answer (TOD units), generous for a loaded host. */
#define WAIT_TOD (2000000ULL * TOD_PER_USEC)
#define WAIT_EXT_USEC 2000000ULL

static u16 cpu1_addr;
static u32 cpu1_prefix;

static void store_prefix(void *data)
{
	asm volatile("stpx %0" : "=Q"(*(u32 *)data));
}

/* SENSE of CPU 1 until its status has BITS, at most WAIT_TOD. */
static u32 sense_until(u32 bits)
{
	u64 deadline = stck() + WAIT_TOD;
	u32 status = 0;

	while (stck() < deadline) {
		status = 0;
		if (sigp(cpu1_addr, SIGP_SENSE, 0, &status) ==
			    SIGP_CC_STATUS_STORED &&
		    (status & bits) == bits)
			break;
	}
	return status;
}

/* SENSE of CPU 1 until cc 0 (operating, no status), at most WAIT_TOD. */
static int sense_cc0(void)
{
	u64 deadline = stck() + WAIT_TOD;
	u32 status;
	int cc;

	do {
		cc = sigp(cpu1_addr, SIGP_SENSE, 0, &status);
	} while (cc != SIGP_CC_ACCEPTED && stck() < deadline);
	return cc;
}

/* Waits for CPU 1 to finish its function, at most WAIT_TOD. */
static void wait_idle_bounded(void)
{
	u64 deadline = stck() + WAIT_TOD;

	while (!cpu_idle(1) && stck() < deadline)
		cpu_relax();
}

/*
 * Runs a function on CPU 1 and waits for it a bounded time: true when CPU
 * 1 ran it. A CPU that does not answer stays busy with it.
 */
static bool cpu1_runs(void)
{
	static u32 prefix;

	if (!cpu_idle(1))
		return false;
	prefix = 0;
	on_cpu_async(1, store_prefix, &prefix);
	wait_idle_bounded();
	return cpu_idle(1) && prefix == cpu1_prefix;
}

static bool cpu1_enter(void)
{
	if (!need_cpus(2))
		return false;
	cpu1_addr = sclp_info.cpu_addr[1];
	if (!cpu1_prefix)
		on_cpu(1, store_prefix, &cpu1_prefix);
	return report(cpu1_runs(), "CPU 1 runs functions");
}

/*
 * Leaves CPU 1 operating and idle, as far as SIGP can: a CPU that does
 * not answer after a RESTART (QEMU 7.2 TCG, now and then) is stopped and
 * restarted again, a few times.
 */
static void cpu1_leave(void)
{
	u32 status = 0;

	if (sigp(cpu1_addr, SIGP_SENSE, 0, &status) == SIGP_CC_STATUS_STORED &&
	    (status & SIGP_STAT_STOPPED))
		sigp_retry(1, SIGP_RESTART, 0);
	for (int i = 0; i < 5 && !cpu1_runs(); i++) {
		sigp_retry(1, SIGP_STOP, 0);
		sense_until(SIGP_STAT_STOPPED);
		sigp_retry(1, SIGP_RESTART, 0);
		wait_idle_bounded();
	}
}

TEST_FIXTURE(cpu1, cpu1_enter, cpu1_leave);

/* Chapter 4, "Sense": an operating CPU without status conditions: cc 0. */
TEST_CASE(sense, .fixture = &cpu1)
{
	u32 status = 0;

	report_eq(sigp(stap(), SIGP_SENSE, 0, &status), SIGP_CC_ACCEPTED,
		  "SENSE of this CPU: cc 0");
	report_eq(sigp(cpu1_addr, SIGP_SENSE, 0, &status), SIGP_CC_ACCEPTED,
		  "SENSE of operating CPU 1: cc 0");
}

/*
 * Chapter 4, "Conditions Determining Response": a CPU address that names
 * no CPU of the configuration gives cc 3; an unassigned order code gives
 * cc 1 with the invalid-order bit.
 */
TEST_CASE(invalid_address_order, .fixture = &cpu1)
{
	u32 status = 0;
	u16 absent = 0xfff;

	for (unsigned int i = 0; i < sclp_info.nr_cpus; i++)
		if (sclp_info.cpu_addr[i] == absent)
			absent--;
	report_eq(sigp(absent, SIGP_SENSE, 0, &status), SIGP_CC_NOT_OPERATIONAL,
		  "SENSE of CPU address %#x: cc 3", absent);
	report_eq(sigp(cpu1_addr, SIGP_UNASSIGNED_ORDER, 0, &status),
		  SIGP_CC_STATUS_STORED, "order 0xff: cc 1");
	report_eq(status, SIGP_STAT_INVALID_ORDER, "status: invalid order");
}

/*
 * Chapter 4, "Stop", "Restart", "Set Prefix": SET PREFIX needs a stopped
 * CPU (incorrect state otherwise) and an address inside the configuration
 * (invalid parameter otherwise); a stopped CPU senses as stopped; RESTART
 * makes it operating again through its restart new PSW.
 */
TEST_CASE(stop_restart, .fixture = &cpu1)
{
	u32 status = 0;
	int cc;

	cc = sigp(cpu1_addr, SIGP_SET_PREFIX, cpu1_prefix, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED,
		  "SET PREFIX while operating: cc 1");
	report_eq(status, SIGP_STAT_INCORRECT_STATE, "status: incorrect state");
	report_eq(sigp_retry(1, SIGP_STOP, 0), SIGP_CC_ACCEPTED, "STOP: cc 0");
	status = sense_until(SIGP_STAT_STOPPED);
	report_eq(status, SIGP_STAT_STOPPED, "SENSE: cc 1, stopped");
	status = 0;
	cc = sigp(cpu1_addr, SIGP_SET_PREFIX, sclp_info.memory_size, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED,
		  "SET PREFIX beyond storage while stopped: cc 1");
	report_eq(status, SIGP_STAT_INVALID_PARAMETER,
		  "status: invalid parameter");
	report_eq(sigp_retry(1, SIGP_RESTART, 0), SIGP_CC_ACCEPTED,
		  "RESTART: cc 0");
	report_eq(sense_cc0(), SIGP_CC_ACCEPTED,
		  "SENSE after RESTART: cc 0 (operating)");
	report(cpu1_runs(), "CPU 1 runs a function after RESTART");
}

/* Stop and restart CPU 1 again and again; it must run a function after. */
TEST_CASE(stop_restart_loop, .fixture = &cpu1)
{
	unsigned int bad = 0;

	for (int i = 0; i < 20; i++) {
		if (sigp_retry(1, SIGP_STOP, 0) != SIGP_CC_ACCEPTED ||
		    !(sense_until(SIGP_STAT_STOPPED) & SIGP_STAT_STOPPED) ||
		    sigp_retry(1, SIGP_RESTART, 0) != SIGP_CC_ACCEPTED)
			bad++;
	}
	report_eq(bad, 0, "20 rounds of STOP, SENSE stopped, RESTART");
	report(cpu1_runs(), "CPU 1 runs a function afterwards");
}

/*
 * Chapter 4, "Start": START of an operating CPU is accepted and changes
 * nothing; START of a stopped CPU makes it operating, resuming at its
 * current PSW (no restart interruption), so it goes on running functions.
 */
TEST_CASE(start, .fixture = &cpu1)
{
	report_eq(sigp_retry(1, SIGP_START, 0), SIGP_CC_ACCEPTED,
		  "START of an operating CPU: cc 0");
	report(cpu1_runs(), "CPU 1 still runs a function");
	report_eq(sigp_retry(1, SIGP_STOP, 0), SIGP_CC_ACCEPTED, "STOP: cc 0");
	report_eq(sense_until(SIGP_STAT_STOPPED), SIGP_STAT_STOPPED,
		  "SENSE: cc 1, stopped");
	report_eq(sigp_retry(1, SIGP_START, 0), SIGP_CC_ACCEPTED,
		  "START of the stopped CPU: cc 0");
	report_eq(sense_cc0(), SIGP_CC_ACCEPTED,
		  "SENSE after START: cc 0 (operating)");
	if (report(cpu1_runs(), "CPU 1 runs a function after START"))
		return;
	sigp_retry(1, SIGP_STOP_AND_STORE, 0);
	sense_until(SIGP_STAT_STOPPED);
	report_info("CPU 1 PSW (STOP AND STORE STATUS): %#llx",
		    (unsigned long long)((struct psw *)SAVE_AREA_PSW)->addr);
}

/*
 * Chapter 4, "Stop", "Start", "Sense": 20 rounds of STOP (SENSE shows
 * stopped) and START (SENSE shows operating, no status), round by round.
 */
TEST_CASE(stop_start_loop, .fixture = &cpu1)
{
	unsigned int not_stopped = 0, not_operating = 0, refused = 0;

	for (int i = 0; i < 20; i++) {
		if (sigp_retry(1, SIGP_STOP, 0) != SIGP_CC_ACCEPTED)
			refused++;
		if (sense_until(SIGP_STAT_STOPPED) != SIGP_STAT_STOPPED)
			not_stopped++;
		if (sigp_retry(1, SIGP_START, 0) != SIGP_CC_ACCEPTED)
			refused++;
		if (sense_cc0() != SIGP_CC_ACCEPTED)
			not_operating++;
	}
	report_eq(refused, 0, "STOP and START accepted (cc 0) in 20 rounds");
	report_eq(not_stopped, 0, "rounds where SENSE did not show stopped");
	report_eq(not_operating, 0,
		  "rounds where SENSE after START was not cc 0");
	report(cpu1_runs(), "CPU 1 runs a function afterwards");
}

/* Set-architecture codes (chapter 4): 0 ESA/390, 3 none. */
#define SET_ARCH_ESA390 0
#define SET_ARCH_INVALID 3

/*
 * Chapter 4, "Set Architecture", with the configuration-z/Architecture-
 * architectural-mode facility (138): a z/Architecture-only machine
 * refuses a switch to ESA/390 (cc 1, invalid parameter); a code other
 * than 0-2 is an invalid parameter on every machine. Both are issued with
 * every other CPU stopped, so no incorrect-state condition takes
 * precedence; the test goes on in z/Architecture (STORE FACILITY LIST
 * bit 2).
 */
TEST_CASE(set_architecture, .fixture = &cpu1)
{
	u32 status = 0;
	int cc;

	sigp_retry(1, SIGP_STOP, 0);
	if (!report_eq(sense_until(SIGP_STAT_STOPPED), SIGP_STAT_STOPPED,
		       "CPU 1 stopped"))
		return;
	cc = sigp(stap(), SIGP_SET_ARCHITECTURE, SET_ARCH_INVALID, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED, "code 3: cc 1");
	report_eq(status, SIGP_STAT_INVALID_PARAMETER,
		  "code 3: status invalid parameter");
	if (!test_facility(138)) {
		report_skip("CZAM facility not installed (STFLE bit 138): "
			    "code 0 would switch to ESA/390");
		return;
	}
	status = 0;
	cc = sigp(stap(), SIGP_SET_ARCHITECTURE, SET_ARCH_ESA390, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED,
		  "code 0 (ESA/390) with CZAM: cc 1");
	report_eq(status, SIGP_STAT_INVALID_PARAMETER,
		  "code 0: status invalid parameter");
	*(volatile u32 *)LC_STFL_LIST = 0;
	asm volatile("stfl 0" : : : "memory");
	report(*(volatile u32 *)LC_STFL_LIST & 0x20000000,
	       "z/Architecture still active (STFL bit 2)");
}

/* A prefix-area location no interruption or runtime code writes. */
#define PREFIX_PROBE 0x1f00

struct prefix_probe {
	u64 own; /* what CPU 1 reads at real PREFIX_PROBE after writing */
	u64 swapped; /* what it reads at real prefix + PREFIX_PROBE */
};

static void probe_prefix(void *data)
{
	struct prefix_probe *p = data;

	*(volatile u64 *)PREFIX_PROBE = 0x6370753120202031ULL;
	p->own = *(volatile u64 *)PREFIX_PROBE;
	p->swapped = *(volatile u64 *)((u64)cpu1_prefix + PREFIX_PROBE);
}

/*
 * Chapter 3, "Prefixing": a CPU's real addresses 0-8191 are the absolute
 * ones at its prefix, and its real addresses at the prefix are absolute
 * 0-8191 (CPU 0's prefix area, whose prefix is 0).
 */
TEST_CASE(prefixing, .fixture = &cpu1)
{
	struct prefix_probe p = {0, 0};

	*(volatile u64 *)PREFIX_PROBE = 0x6370753020202030ULL;
	on_cpu(1, probe_prefix, &p);
	report_eq(p.own, 0x6370753120202031ULL, "CPU 1 reads its own write");
	report_eq(*(volatile u64 *)((u64)cpu1_prefix + PREFIX_PROBE),
		  0x6370753120202031ULL, "it landed at absolute prefix + %#x",
		  PREFIX_PROBE);
	report_eq(*(volatile u64 *)PREFIX_PROBE, 0x6370753020202030ULL,
		  "CPU 0's real %#x is untouched", PREFIX_PROBE);
	report_eq(p.swapped, 0x6370753020202030ULL,
		  "CPU 1's real prefix + %#x is absolute %#x", PREFIX_PROBE,
		  PREFIX_PROBE);
}

/* What CPU 1 saw of external interruptions. */
static volatile u16 ext_code, ext_cpu_addr;
static volatile bool ext_ready;

/* The clock comparator ends a wait that no signal ends (see wait_ext). */
static void record_ext(struct pt_regs *regs)
{
	if (regs->code == EXT_CLOCK_COMPARATOR)
		sckc(~0ULL);
	else {
		ext_code = regs->code;
		ext_cpu_addr = *(volatile u16 *)LC_EXT_CPU_ADDR;
	}
	interrupt_end_wait(regs);
}

/*
 * On CPU 1: enable the subclasses in DATA and wait for one of them, at
 * most WAIT_EXT_USEC (the clock comparator bounds the wait).
 */
static void wait_ext(void *data)
{
	u64 cr0 = stctg(0), deadline;

	sckc(~0ULL);
	lctlg(0, cr0 | (u64)data | CR0_CLOCK_COMPARATOR);
	ext_ready = true;
	deadline = stck() + WAIT_EXT_USEC * TOD_PER_USEC;
	while (!ext_code && stck() < deadline) {
		sckc(deadline);
		enabled_wait(PSW_MASK_EXT);
	}
	lctlg(0, cr0);
	sckc(~0ULL);
}

static u16 signal_cpu1(u8 order, u64 param, u64 subclass, int *cc)
{
	exception_handler_t old = s390x_set_handler(INT_EXT, record_ext);

	ext_code = 0;
	ext_ready = false;
	on_cpu_async(1, wait_ext, (void *)subclass);
	while (!ext_ready && !cpu_idle(1))
		cpu_relax();
	*cc = sigp_retry(1, order, param);
	smp_wait_idle(1);
	s390x_set_handler(INT_EXT, old);
	return ext_code;
}

/* Chapter 4, "Emergency Signal", "External Call"; chapter 6 codes. */
TEST_CASE(emergency_signal, .fixture = &cpu1)
{
	int cc;
	u16 code = signal_cpu1(SIGP_EMERGENCY_SIGNAL, 0, CR0_EMERGENCY_SIGNAL,
			       &cc);

	report_eq(cc, SIGP_CC_ACCEPTED, "EMERGENCY SIGNAL: cc 0");
	report_eq(code, EXT_EMERGENCY_SIGNAL, "CPU 1 takes code 0x1201");
	report_eq(ext_cpu_addr, stap(), "with the sender's CPU address");
}

TEST_CASE(external_call, .fixture = &cpu1)
{
	int cc;
	u16 code = signal_cpu1(SIGP_EXTERNAL_CALL, 0, CR0_EXTERNAL_CALL, &cc);

	report_eq(cc, SIGP_CC_ACCEPTED, "EXTERNAL CALL: cc 0");
	report_eq(code, EXT_EXTERNAL_CALL, "CPU 1 takes code 0x1202");
	report_eq(ext_cpu_addr, stap(), "with the sender's CPU address");
}

/*
 * Chapter 4, "Conditional Emergency Signal": the parameter holds an ASN
 * (bits 48-63); the emergency-signal condition is generated, among other
 * conditions, when the addressed CPU is disabled for I/O interruptions
 * (PSW bit 6 zero), as CPU 1 is in its wait here (external only). The
 * order is then accepted (cc 0) and CPU 1 takes code 0x1201 with the
 * sender's address. (Where none of the conditions holds, a model may
 * still signal when it cannot determine them: that case is not checked.)
 */
TEST_CASE(cond_emergency_signal, .fixture = &cpu1)
{
	int cc;
	u16 code = signal_cpu1(SIGP_COND_EMERGENCY, 0x1234,
			       CR0_EMERGENCY_SIGNAL, &cc);

	report_eq(
		cc, SIGP_CC_ACCEPTED,
		"CONDITIONAL EMERGENCY SIGNAL to a CPU disabled for I/O: cc 0");
	report_eq(code, EXT_EMERGENCY_SIGNAL, "CPU 1 takes code 0x1201");
	report_eq(ext_cpu_addr, stap(), "with the sender's CPU address");
}

static volatile bool signal_sent;

/*
 * On CPU 1: enabled for I/O (PSW bit 6 one, no ISC enabled in CR6) but
 * disabled for external interruptions (bit 7 zero), running, until CPU 0
 * has sent its signal; then wait_ext() takes what is pending.
 */
static void ext_disabled_then_wait(void *data)
{
	u64 deadline = stck() + WAIT_TOD, cr6 = stctg(6);
	u8 saved, scratch;

	lctlg(6, 0);
	asm volatile("stosm %0,0x02" : "=Q"(saved) : : "memory");
	asm volatile("stnsm %0,0xfe" : "=Q"(scratch) : : "memory");
	ext_ready = true;
	while (!signal_sent && stck() < deadline)
		cpu_relax();
	asm volatile("ssm %0" : : "Q"(saved) : "memory");
	lctlg(6, cr6);
	wait_ext(data);
}

/*
 * Chapter 4, "Conditional Emergency Signal": a running CPU disabled for
 * external interruptions (PSW bit 7 zero) is another condition that
 * generates the signal: cc 0, and the interruption is taken once CPU 1
 * enables it.
 */
TEST_CASE(cond_emergency_ext_disabled, .fixture = &cpu1)
{
	exception_handler_t old = s390x_set_handler(INT_EXT, record_ext);
	int cc;

	ext_code = 0;
	ext_ready = false;
	signal_sent = false;
	on_cpu_async(1, ext_disabled_then_wait, (void *)CR0_EMERGENCY_SIGNAL);
	while (!ext_ready && !cpu_idle(1))
		cpu_relax();
	cc = sigp_retry(1, SIGP_COND_EMERGENCY, 0x1234);
	signal_sent = true;
	smp_wait_idle(1);
	s390x_set_handler(INT_EXT, old);
	report_eq(cc, SIGP_CC_ACCEPTED,
		  "CONDITIONAL EMERGENCY SIGNAL, target disabled for "
		  "external: cc 0");
	report_eq(ext_code, EXT_EMERGENCY_SIGNAL,
		  "CPU 1 takes code 0x1201 once enabled");
}

/*
 * Chapter 4, "External Call": while one is pending at the target (its
 * subclass masked), another is refused with cc 1, external call pending.
 */
TEST_CASE(external_call_pending, .fixture = &cpu1)
{
	exception_handler_t old;
	u32 status = 0;
	int cc;

	report_eq(sigp(cpu1_addr, SIGP_EXTERNAL_CALL, 0, &status),
		  SIGP_CC_ACCEPTED, "first EXTERNAL CALL (masked): cc 0");
	cc = sigp(cpu1_addr, SIGP_EXTERNAL_CALL, 0, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED, "second EXTERNAL CALL: cc 1");
	report_eq(status, SIGP_STAT_EXT_CALL_PENDING,
		  "status: external call pending");
	old = s390x_set_handler(INT_EXT, record_ext);
	ext_code = 0;
	on_cpu(1, wait_ext, (void *)CR0_EXTERNAL_CALL);
	s390x_set_handler(INT_EXT, old);
	report_eq(ext_code, EXT_EXTERNAL_CALL,
		  "the pending call is taken once enabled");
}

static u8 status_area[512] __aligned(512);

/*
 * Chapter 4, "Store Status at Address": the CPU must be stopped
 * (incorrect state otherwise); the 512-byte area at the parameter gets
 * what locations 0x1200-0x13ff would, the prefix at offset 0x118.
 */
TEST_CASE(store_status_at_address, .fixture = &cpu1)
{
	u32 status = 0;
	int cc;

	cc = sigp(cpu1_addr, SIGP_STORE_STATUS_AT, (u64)status_area, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED, "while operating: cc 1");
	report_eq(status, SIGP_STAT_INCORRECT_STATE, "status: incorrect state");
	sigp_retry(1, SIGP_STOP, 0);
	if (!report_eq(sense_until(SIGP_STAT_STOPPED), SIGP_STAT_STOPPED,
		       "CPU 1 stopped"))
		return;
	memset(status_area, 0xff, sizeof(status_area));
	cc = sigp(cpu1_addr, SIGP_STORE_STATUS_AT, (u64)status_area, &status);
	report_eq(cc, SIGP_CC_ACCEPTED, "while stopped: cc 0");
	report_eq(*(u32 *)(status_area + SAVE_AREA_PREFIX - 0x1200),
		  cpu1_prefix, "prefix at offset 0x118");
}

/*
 * Chapter 4, "Sense Running Status" (facility 9): a stopped CPU is not
 * running: cc 1, status bit 21.
 */
TEST_CASE(sense_running_status, .fixture = &cpu1,
	  .features = CPU_FEATURES(FACILITY(9, "sense-running-status")))
{
	u32 status = 0;
	int cc;

	sigp_retry(1, SIGP_STOP, 0);
	if (!report_eq(sense_until(SIGP_STAT_STOPPED), SIGP_STAT_STOPPED,
		       "CPU 1 stopped"))
		return;
	cc = sigp(cpu1_addr, SIGP_SENSE_RUNNING, 0, &status);
	report_eq(cc, SIGP_CC_STATUS_STORED, "stopped CPU: cc 1");
	report_eq(status, SIGP_STAT_NOT_RUNNING, "status: not running");
}

/*
 * Chapter 4, "Stop and Store Status"; chapter 3, "Store Status": the
 * status goes to absolute locations 0x1200-0x13ff, the prefix at 0x1318
 * and the PSW at 0x1300 (absolute, which this CPU, prefix 0, reaches at
 * the same real addresses). The CPU then restarts and runs again.
 */
TEST_CASE(stop_and_store_status, .fixture = &cpu1)
{
	volatile u32 *prefix = (u32 *)SAVE_AREA_PREFIX;
	volatile struct psw *psw = (struct psw *)SAVE_AREA_PSW;

	*prefix = 0xffffffff;
	psw->addr = 0;
	report_eq(sigp_retry(1, SIGP_STOP_AND_STORE, 0), SIGP_CC_ACCEPTED,
		  "STOP AND STORE STATUS: cc 0");
	report_eq(sense_until(SIGP_STAT_STOPPED), SIGP_STAT_STOPPED,
		  "CPU 1 stopped");
	report_eq(*prefix, cpu1_prefix, "prefix stored at 0x1318");
	report(psw->addr >= (u64)__image_start && psw->addr < (u64)__image_end,
	       "PSW stored at 0x1300 points into the image (%#llx)",
	       (unsigned long long)psw->addr);
	report_eq(sigp_retry(1, SIGP_RESTART, 0), SIGP_CC_ACCEPTED,
		  "RESTART: cc 0");
	report(cpu1_runs(), "CPU 1 runs a function after RESTART");
}
