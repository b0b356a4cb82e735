// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioapic: the I/O APIC (Intel 82093AA I/O APIC data sheet 3.2; Intel
 * ICH/PCH I/O APIC for version 0x20 and its EOI register) with the local
 * APIC (Intel SDM vol. 3A 11.6.2 destinations, 11.8.4 TMR, 11.8.5 EOI
 * broadcast for level-triggered interrupts) and the MADT (ACPI 6.5
 * 5.2.12.3 I/O APIC structure, 5.2.12.5 interrupt source overrides).
 * Registers: ID, version, arbitration ID, redirection entries (read-write
 * fields, read-only Delivery Status and Remote IRR). Delivery: edge and
 * level triggering, Remote IRR from acceptance to EOI, the EOI register,
 * masking of asserted lines, a level line still asserted after EOI
 * (delivered again), physical and logical destinations, lowest priority.
 *
 * The lines come from the RTC (ISA IRQ 8, a level the test raises and
 * lowers) and PIT channel 0 (ISA IRQ 0, one edge per count), see
 * lib/x86/irqsource.h. Every wait is bounded: a lost interrupt fails
 * naming vector and CPU.
 *
 * Option mode=x2apic runs every case with the local APICs in x2APIC mode
 * (SDM 11.12). Without interrupt remapping the RTE destination stays the
 * 8-bit field of bits 63:56 (82093AA 3.2.4): in physical mode it names
 * the x2APIC ID, so only IDs up to 255 are reachable; the logical x2APIC
 * ID (11.12.10.2: cluster in bits 31:16) does not fit the 8-bit field,
 * so the logical checks are skipped in that mode.
 */
#include <libtest.h>
#include <smp.h>
#include <x86/processor.h>
#include <x86/apic.h>
#include <x86/acpi.h>
#include <x86/ioapic.h>
#include <x86/irq.h>
#include <x86/irqsource.h>
#include <x86/smp.h>
#include <x86/tsc.h>

#define VEC_RTC 0x71
#define VEC_PIT 0x72
#define WAIT_US 500000
#define QUIET_US 20000 /* about 20 RTC periods */
#define PIT_1MS 1193
#define MPS_POLARITY_LOW 3

struct source {
	u8 isa_irq;
	u32 gsi;
	int pin;
	bool active_low;
};

static struct source rtc = {.isa_irq = RTC_ISA_IRQ};
static struct source pit = {.isa_irq = PIT_ISA_IRQ};

static void find_source(struct source *s)
{
	u16 flags;

	s->gsi = acpi_isa_irq_to_gsi(s->isa_irq, &flags);
	s->pin = ioapic_gsi_pin(s->gsi);
	s->active_low = (flags & 3) == MPS_POLARITY_LOW;
}

static void mask_all(void)
{
	for (unsigned int pin = 0; pin < ioapic_pins(); pin++)
		ioapic_mask(pin, true);
}

static enum apic_mode test_mode = APIC_MODE_XAPIC;

/* Every line quiet and masked, the interrupt counts cleared. */
static void lines_quiet(void)
{
	rtc_irq_stop();
	pit_irq_stop();
	mask_all();
	irq_counts_clear();
}

/* Each case starts with quiet lines and every CPU's local APIC enabled. */
static bool ioapic_env_setup(void)
{
	if (!apic_mode_from_args(&test_mode))
		return false;
	for (unsigned int c = 0; c < nr_cpus(); c++) {
		if (cpu_apic_id(c) > 0xff) {
			report_skip("APIC ID %u of cpu %u does not fit the "
				    "8-bit RTE destination",
				    cpu_apic_id(c), c);
			return false;
		}
	}
	if (!ioapic_init()) {
		report_skip("no I/O APIC structure in the MADT");
		return false;
	}
	find_source(&rtc);
	find_source(&pit);
	if (rtc.pin < 0) {
		report_skip("RTC GSI %u is not on the MADT's first I/O APIC",
			    rtc.gsi);
		return false;
	}
	apic_mode_all_cpus(test_mode, true);
	if (test_mode == APIC_MODE_X2APIC)
		report_info("local APICs in x2APIC mode, cpu 0 x2APIC ID %u",
			    apic_id());
	lines_quiet();
	return true;
}

static u64 rte_for(const struct source *s, unsigned int vec, bool level,
		   u64 dest)
{
	return IOAPIC_RTE_VECTOR(vec) | (level ? IOAPIC_RTE_LEVEL : 0) |
	       (s->active_low ? IOAPIC_RTE_ACTIVE_LOW : 0) | dest;
}

static u64 phys_dest(unsigned int cpu)
{
	return IOAPIC_RTE_DEST(cpu_apic_id(cpu));
}

/* Sources off, lines masked, the handler's leftovers drained. */
static void quiesce(unsigned int vec)
{
	rtc_irq_stop();
	pit_irq_stop();
	mask_all();
	irq_window(QUIET_US);
	irq_register(vec, NULL);
}

/* No case leaves a source running, a line unmasked or its handlers. */
static void ioapic_env_teardown(void)
{
	quiesce(VEC_RTC);
	irq_register(VEC_PIT, NULL);
}

TEST_FIXTURE(ioapic_env, ioapic_env_setup, ioapic_env_teardown);

/*
 * Level-triggered RTC interrupts: the handler records the state at entry,
 * lowers the line on the DEASSERT_AT-th interrupt (and not before, so
 * that the line is still asserted at EOI), then sends the EOI: through
 * the I/O APIC's EOI register first when USE_EOI_REG, then the local
 * APIC's (which broadcasts it for a level-triggered vector).
 */
#define LOG_LEN 4

struct level_log {
	unsigned int total, deassert_at;
	bool use_eoi_reg;
	unsigned int cpu[LOG_LEN];
	bool tmr[LOG_LEN];
	u64 at_entry[LOG_LEN]; /* RTE when the handler starts */
	u64 deasserted[LOG_LEN]; /* after the line went low, before any EOI */
	u64 wrong_eoi
		[LOG_LEN]; /* after an EOI register write of another vector */
	u64 io_eoi[LOG_LEN]; /* after the I/O APIC EOI register write */
	u64 after_eoi[LOG_LEN]; /* after the local APIC EOI */
};

static volatile struct level_log lvl;

static void level_handler(struct ex_regs *regs)
{
	unsigned int i = lvl.total, slot = MIN(i, LOG_LEN - 1);
	u8 vec = regs->vector;

	lvl.cpu[slot] = smp_id();
	lvl.tmr[slot] = apic_vec_bit(APIC_TMR, vec);
	lvl.at_entry[slot] = ioapic_read_rte(rtc.pin);
	if (i + 1 >= lvl.deassert_at) {
		rtc_irq_stop();
		lvl.deasserted[slot] = ioapic_read_rte(rtc.pin);
	}
	if (lvl.use_eoi_reg) {
		ioapic_eoi(vec ^ 1);
		lvl.wrong_eoi[slot] = ioapic_read_rte(rtc.pin);
		ioapic_eoi(vec);
		lvl.io_eoi[slot] = ioapic_read_rte(rtc.pin);
	}
	lvl.total = i + 1;
	apic_eoi();
	lvl.after_eoi[slot] = ioapic_read_rte(rtc.pin);
}

static void level_start(unsigned int deassert_at, bool use_eoi_reg)
{
	memset((void *)&lvl, 0, sizeof(lvl));
	lvl.deassert_at = deassert_at;
	lvl.use_eoi_reg = use_eoi_reg;
	irq_register(VEC_RTC, level_handler);
}

static bool level_wait(unsigned int n)
{
	bool ok;

	irq_enable();
	ok = wait_until(lvl.total >= n, WAIT_US);
	irq_disable();
	return ok;
}

static bool rirr(u64 rte)
{
	return rte & IOAPIC_RTE_REMOTE_IRR;
}

TEST_CASE(registers, .fixture = &ioapic_env)
{
	u32 ver, id, new_id;
	u8 version;

	ver = ioapic_read(IOAPIC_REG_VER);
	version = IOAPIC_VER_VERSION(ver);
	report_info("I/O APIC: MADT ID %u, GSI base %u, version register %#x",
		    ioapic_madt_id(), ioapic_gsi_base(), ver);
	report(version == 0x11 || version == 0x20,
	       "version %#x is 0x11 (82093AA) or 0x20 (ICH/PCH I/O APIC)",
	       version);
	/* 82093AA 3.2.2 and the ICH/PCH I/O APIC: 24 entries, MRE = 0x17. */
	report_eq(IOAPIC_VER_MAX_RTE(ver), 0x17, "maximum redirection entry");
	ioapic_write(IOAPIC_REG_VER, ~ver);
	report_eq(ioapic_read(IOAPIC_REG_VER), ver,
		  "version register is read-only");

	id = ioapic_read(IOAPIC_REG_ID);
	report_eq((id >> IOAPIC_ID_SHIFT) & IOAPIC_ID_MASK, ioapic_madt_id(),
		  "IOAPICID[27:24] equals the MADT's I/O APIC ID");
	new_id = (ioapic_madt_id() + 1) & IOAPIC_ID_MASK;
	ioapic_write(IOAPIC_REG_ID, new_id << IOAPIC_ID_SHIFT);
	report_eq((ioapic_read(IOAPIC_REG_ID) >> IOAPIC_ID_SHIFT) &
			  IOAPIC_ID_MASK,
		  new_id, "IOAPICID[27:24] is read-write");
	/*
	 * 82093AA 3.2.3: IOAPICARB[27:24] is read-only and loaded when the ID
	 * is written. Version 0x20 parts deliver on the system bus and have
	 * no arbitration register.
	 */
	if (version < 0x20) {
		report_eq((ioapic_read(IOAPIC_REG_ARB) >> IOAPIC_ID_SHIFT) &
				  IOAPIC_ID_MASK,
			  new_id, "arbitration ID loaded from the new ID");
		ioapic_write(IOAPIC_REG_ARB, 0);
		report_eq((ioapic_read(IOAPIC_REG_ARB) >> IOAPIC_ID_SHIFT) &
				  IOAPIC_ID_MASK,
			  new_id, "arbitration ID is read-only");
	} else {
		report_info("version %#x: no arbitration register", version);
	}
	ioapic_write(IOAPIC_REG_ID, id);
	report_eq(ioapic_read(IOAPIC_REG_ID), id, "original ID restored");
}

/*
 * Writes PATTERN (plus EXTRA) to every entry and compares the read-back
 * with PATTERN under MASK; reports the first pin that differs.
 */
static void rte_pattern(u64 pattern, u64 extra, u64 mask, const char *what)
{
	unsigned int pins = ioapic_pins();

	u64 got = pattern;
	unsigned int pin;

	for (pin = 0; pin < pins && got == pattern; pin++) {
		ioapic_write_rte(pin, pattern | extra);
		got = ioapic_read_rte(pin) & mask;
	}
	report_eq(got, pattern, "%s (%#lx) on all %u pins%s%u", what, pattern,
		  pins, got == pattern ? ", last " : ", first wrong: pin ",
		  pin - 1);
}

TEST_CASE(redirection_entries, .fixture = &ioapic_env)
{
	u64 saved[256], defined = ~IOAPIC_RTE_RESERVED;
	u64 ro = IOAPIC_RTE_DELIVS | IOAPIC_RTE_REMOTE_IRR;
	unsigned int pins;

	pins = ioapic_pins();
	for (unsigned int pin = 0; pin < pins; pin++)
		saved[pin] = ioapic_read_rte(pin);
	/* Masked, so that none of these can be delivered (82093AA 3.2.4). */
	rte_pattern(IOAPIC_RTE_VECTOR(0x5a) | IOAPIC_RTE_DM_LOWEST |
			    IOAPIC_RTE_DEST_LOGICAL | IOAPIC_RTE_ACTIVE_LOW |
			    IOAPIC_RTE_MASKED | IOAPIC_RTE_DEST(0xa5),
		    0, ~0ULL,
		    "vector, lowest priority, logical, active low, mask, "
		    "destination read back");
	rte_pattern(IOAPIC_RTE_VECTOR(0xa5) | IOAPIC_RTE_LEVEL |
			    IOAPIC_RTE_MASKED | IOAPIC_RTE_DEST(0x5a),
		    0, ~0ULL,
		    "vector, fixed, physical, level, destination read back");
	rte_pattern(IOAPIC_RTE_VECTOR(0x33) | IOAPIC_RTE_MASKED, ro, ~0ULL,
		    "Delivery Status and Remote IRR are read-only (written 1, "
		    "read 0)");
	rte_pattern(IOAPIC_RTE_VECTOR(0x44) | IOAPIC_RTE_MASKED |
			    IOAPIC_RTE_DEST(0x0f),
		    IOAPIC_RTE_RESERVED, defined,
		    "writing reserved bits 55:17 leaves the defined fields as "
		    "written");
	report_info("reserved bits 55:17 after writing ones: %#lx",
		    (u64)(ioapic_read_rte(0) & IOAPIC_RTE_RESERVED));
	for (unsigned int pin = 0; pin < pins; pin++)
		ioapic_write_rte(pin, saved[pin] | IOAPIC_RTE_MASKED);
}

static void pit_edges(void)
{
	if (pit.pin < 0)
		return report_skip("PIT GSI %u is not on this I/O APIC",
				   pit.gsi);
	report_info("PIT: ISA IRQ 0 is GSI %u (pin %d)", pit.gsi, pit.pin);
	irq_count_vector(VEC_PIT);
	ioapic_write_rte(pit.pin, rte_for(&pit, VEC_PIT, false, phys_dest(0)));
	pit_irq_oneshot(PIT_1MS);
	report(irq_wait_count(0, VEC_PIT, 1, WAIT_US),
	       "PIT terminal count (GSI %u): vector %#x on cpu 0", pit.gsi,
	       VEC_PIT);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_PIT), 1,
		  "PIT output stays high: no second edge, no second interrupt");
	pit_irq_oneshot(PIT_1MS);
	report(irq_wait_count(0, VEC_PIT, 2, WAIT_US),
	       "new count, new edge: vector %#x again on cpu 0", VEC_PIT);
}

/* 82093AA 3.2.4 trigger mode: an edge-triggered pin delivers on each rising edge. */
TEST_CASE(edge, .fixture = &ioapic_env)
{
	report_info("RTC: ISA IRQ 8 is GSI %u (pin %d)%s", rtc.gsi, rtc.pin,
		    rtc.active_low ? ", active low" : "");
	irq_count_vector(VEC_RTC);
	ioapic_write_rte(rtc.pin, rte_for(&rtc, VEC_RTC, false, phys_dest(0)));
	rtc_irq_start();
	report(irq_wait_count(0, VEC_RTC, 1, WAIT_US),
	       "RTC line raised (GSI %u, edge): vector %#x on cpu 0", rtc.gsi,
	       VEC_RTC);
	report(!apic_vec_bit(APIC_TMR, VEC_RTC),
	       "edge-triggered: TMR bit clear (SDM 11.8.4)");
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_RTC), 1,
		  "line held high for %u us: one edge, one interrupt",
		  QUIET_US);
	rtc_irq_ack();
	report(irq_wait_count(0, VEC_RTC, 2, WAIT_US),
	       "line lowered and raised again: vector %#x on cpu 0", VEC_RTC);
	rtc_irq_stop();
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_RTC), 2,
		  "no interrupt once the line stays low");
	quiesce(VEC_RTC);
	pit_edges();
}

/*
 * 82093AA 3.2.4 Remote IRR: set when the local APIC accepts a level
 * interrupt, reset when its EOI with a matching vector arrives. SDM
 * 11.8.4: a level-triggered vector sets its TMR bit; 11.8.5: its EOI is
 * broadcast to the I/O APICs.
 */
TEST_CASE(level, .fixture = &ioapic_env)
{
	level_start(1, false);
	ioapic_write_rte(rtc.pin, rte_for(&rtc, VEC_RTC, true, phys_dest(0)));
	rtc_irq_start();
	report(level_wait(1),
	       "RTC line raised (GSI %u, level): vector %#x on cpu 0", rtc.gsi,
	       VEC_RTC);
	irq_window(QUIET_US);
	report_eq(lvl.total, 1, "line lowered before EOI: taken once");
	report(lvl.tmr[0],
	       "level-triggered: TMR bit set in the handler (SDM 11.8.4)");
	report(rirr(lvl.at_entry[0]),
	       "Remote IRR set while in service (RTE %#lx)", lvl.at_entry[0]);
	report(rirr(lvl.deasserted[0]),
	       "Remote IRR still set once the line is low, before EOI (RTE "
	       "%#lx)",
	       lvl.deasserted[0]);
	report(!rirr(lvl.after_eoi[0]),
	       "local APIC EOI clears Remote IRR (RTE %#lx)", lvl.after_eoi[0]);
	report(!rirr(ioapic_read_rte(rtc.pin)), "Remote IRR clear afterwards");
}

/* ICH/PCH I/O APIC EOI register (version >= 0x20): directed EOI by vector. */
TEST_CASE(eoi_register, .fixture = &ioapic_env)
{
	if (ioapic_version() < IOAPIC_VERSION_EOI)
		return report_skip("version %#x < 0x20: no EOI register",
				   ioapic_version());
	level_start(1, true);
	ioapic_write_rte(rtc.pin, rte_for(&rtc, VEC_RTC, true, phys_dest(0)));
	rtc_irq_start();
	report(level_wait(1), "RTC line raised (level): vector %#x on cpu 0",
	       VEC_RTC);
	irq_window(QUIET_US);
	report_eq(lvl.total, 1, "taken once");
	report(rirr(lvl.wrong_eoi[0]),
	       "EOI register write of vector %#x leaves Remote IRR of vector "
	       "%#x set",
	       VEC_RTC ^ 1, VEC_RTC);
	report(!rirr(lvl.io_eoi[0]),
	       "EOI register write of vector %#x clears Remote IRR (RTE %#lx)",
	       VEC_RTC, lvl.io_eoi[0]);
}

/*
 * 82093AA 3.2.4: a level-triggered input still asserted when the EOI
 * clears Remote IRR is delivered again.
 */
TEST_CASE(level_retrigger, .fixture = &ioapic_env)
{
	level_start(2, false);
	ioapic_write_rte(rtc.pin, rte_for(&rtc, VEC_RTC, true, phys_dest(0)));
	rtc_irq_start();
	report(level_wait(1), "RTC line raised (level): vector %#x on cpu 0",
	       VEC_RTC);
	report(level_wait(2),
	       "EOI with the line still high: vector %#x delivered again on "
	       "cpu 0",
	       VEC_RTC);
	irq_window(QUIET_US);
	report_eq(lvl.total, 2, "line lowered in the second handler: no third");
	report(rirr(lvl.at_entry[1]),
	       "Remote IRR set again for the second delivery");
	report(!rirr(lvl.after_eoi[1]), "and cleared by its EOI");
}

/*
 * 82093AA 3.2.4 interrupt mask: edges on a masked pin are ignored, not
 * held pending; a level-triggered pin is sampled, so a line still
 * asserted when the pin is unmasked is delivered then.
 */
TEST_CASE(mask_pending, .fixture = &ioapic_env)
{
	level_start(1, false);
	ioapic_write_rte(rtc.pin, rte_for(&rtc, VEC_RTC, true, phys_dest(0)) |
					  IOAPIC_RTE_MASKED);
	rtc_irq_start();
	irq_window(QUIET_US);
	report_eq(lvl.total, 0,
		  "masked level pin, line high: nothing delivered");
	ioapic_mask(rtc.pin, false);
	report(level_wait(1),
	       "unmasking the asserted level line delivers vector %#x on cpu 0",
	       VEC_RTC);
	irq_window(QUIET_US);
	report_eq(lvl.total, 1, "level line delivered once after unmask");
	quiesce(VEC_RTC);

	/* PIT: one edge per count, unlike the RTC's line, which stays high. */
	lines_quiet();
	if (pit.pin < 0)
		return report_skip("PIT GSI %u is not on this I/O APIC",
				   pit.gsi);
	irq_count_vector(VEC_PIT);
	ioapic_write_rte(pit.pin, rte_for(&pit, VEC_PIT, false, phys_dest(0)) |
					  IOAPIC_RTE_MASKED);
	pit_irq_oneshot(PIT_1MS);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_PIT), 0,
		  "masked edge pin (PIT): nothing delivered");
	ioapic_mask(pit.pin, false);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_PIT), 0,
		  "the edge seen while masked is not held pending");
	pit_irq_oneshot(PIT_1MS);
	report(irq_wait_count(0, VEC_PIT, 1, WAIT_US),
	       "next edge after unmasking: vector %#x on cpu 0", VEC_PIT);
}

static void set_flat_ldr(void *data)
{
	/* SDM 11.6.2.2 flat model: one bit of LDR[31:24] per CPU. */
	apic_write(APIC_DFR, 0xffffffff);
	apic_write(APIC_LDR, (1U << smp_processor_id()) << 24);
}

static unsigned int count_all(unsigned int vec)
{
	unsigned int n = 0;

	for (unsigned int c = 0; c < nr_cpus(); c++)
		n += irq_count(c, vec);
	return n;
}

/*
 * 82093AA 3.2.4 destination mode: physical (APIC ID), logical (matched
 * against each local APIC's LDR/DFR, SDM 11.6.2.2); fixed delivery to
 * every CPU of the destination, lowest priority to one of them. The PIT
 * gives one edge per count.
 */
TEST_CASE(destinations, .fixture = &ioapic_env, .min_cpus = 2)
{
	u64 logical = IOAPIC_RTE_DEST_LOGICAL;

	if (test_mode == APIC_MODE_XAPIC && nr_cpus() > 8)
		return report_skip("flat logical mode addresses 8 CPUs");
	if (pit.pin < 0)
		return report_skip("PIT GSI %u is not on this I/O APIC",
				   pit.gsi);
	if (test_mode == APIC_MODE_XAPIC)
		on_cpus(set_flat_ldr, NULL);
	irq_count_vector(VEC_PIT);
	irq_listeners_start();

	ioapic_write_rte(pit.pin, rte_for(&pit, VEC_PIT, false, phys_dest(1)));
	pit_irq_oneshot(PIT_1MS);
	report(wait_until(irq_count(1, VEC_PIT) >= 1, WAIT_US),
	       "physical destination %s ID %u: vector %#x on cpu 1",
	       test_mode == APIC_MODE_X2APIC ? "x2APIC" : "APIC",
	       cpu_apic_id(1), VEC_PIT);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_PIT), 0, "cpu 0 not addressed, not taken");
	if (test_mode == APIC_MODE_X2APIC) {
		report_skip("logical destinations: the x2APIC logical ID "
			    "(SDM 11.12.10.2) does not fit the 8-bit RTE "
			    "destination without interrupt remapping");
		irq_listeners_stop();
		return;
	}

	irq_counts_clear();
	ioapic_write_rte(pit.pin, rte_for(&pit, VEC_PIT, false,
					  logical | IOAPIC_RTE_DEST(0x2)));
	pit_irq_oneshot(PIT_1MS);
	report(wait_until(irq_count(1, VEC_PIT) >= 1, WAIT_US),
	       "logical destination 0x2: vector %#x on cpu 1", VEC_PIT);
	irq_window(QUIET_US);
	report_eq(irq_count(0, VEC_PIT), 0, "logical 0x2: cpu 0 not taken");

	irq_counts_clear();
	ioapic_write_rte(pit.pin, rte_for(&pit, VEC_PIT, false,
					  logical | IOAPIC_RTE_DEST(0x3)));
	pit_irq_oneshot(PIT_1MS);
	report(irq_wait_count(0, VEC_PIT, 1, WAIT_US),
	       "fixed, logical 0x3: vector %#x on cpu 0", VEC_PIT);
	report(wait_until(irq_count(1, VEC_PIT) >= 1, WAIT_US),
	       "fixed, logical 0x3: vector %#x on cpu 1", VEC_PIT);

	irq_counts_clear();
	ioapic_write_rte(pit.pin, rte_for(&pit, VEC_PIT, false,
					  logical | IOAPIC_RTE_DM_LOWEST |
						  IOAPIC_RTE_DEST(0x3)));
	pit_irq_oneshot(PIT_1MS);
	irq_enable();
	wait_until(count_all(VEC_PIT) >= 1, WAIT_US);
	udelay(QUIET_US);
	irq_disable();
	report_eq(irq_count(0, VEC_PIT) + irq_count(1, VEC_PIT), 1,
		  "lowest priority, logical 0x3: vector %#x taken by one of "
		  "cpus 0, 1",
		  VEC_PIT);
	report_eq(count_all(VEC_PIT), 1, "and by no other CPU");
	irq_listeners_stop();
}

/* A level interrupt in service on cpu 1: that CPU's EOI clears Remote IRR. */
TEST_CASE(level_other_cpu, .fixture = &ioapic_env, .min_cpus = 2)
{
	level_start(1, false);
	irq_listeners_start();
	ioapic_write_rte(rtc.pin, rte_for(&rtc, VEC_RTC, true, phys_dest(1)));
	rtc_irq_start();
	report(wait_until(lvl.total >= 1, WAIT_US),
	       "level, physical APIC ID %u: vector %#x taken", cpu_apic_id(1),
	       VEC_RTC);
	udelay(QUIET_US);
	irq_listeners_stop();
	report_eq(lvl.total, 1, "taken once");
	report_eq(lvl.cpu[0], 1, "by cpu 1");
	report(lvl.tmr[0], "TMR bit set on cpu 1");
	report(rirr(lvl.at_entry[0]),
	       "Remote IRR set while in service on cpu 1");
	report(!rirr(lvl.after_eoi[0]), "cpu 1's EOI cleared Remote IRR");
}
