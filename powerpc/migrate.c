// SPDX-License-Identifier: GPL-2.0-only
/*
 * migrate: ppc64 state across live migration (docs/migration.md). Power
 * ISA 3.0B Book II 5.2 and Book III 9.2: the time base increases
 * monotonically at a constant rate; Book III 9.3: the decrementer counts
 * down at the time base's rate; Book III 4.4 and 6.x: the software-use
 * SPRs (SPRG0, SPRG3), DAR, DSISR and TAR hold what was written.
 * A migrated partition must see all of them as it left them (LoPAPR 1.1
 * keeps the time base continuous across partition migration).
 * more_sprs: the other SPRs a partition sets in privileged state: AMR
 * (Book III 5.7.13.1, privileged SPR 29), DSCR (Book II 4.4.3, privileged
 * SPR 17), PPR (Book II 3.1, program priority), CTRL (Book III control
 * register: the RUN latch, written through SPR 152, read through 136) and
 * SPRG2 (Book III 4.3.8). FSCR is left alone: its bits switch facilities
 * the runtime uses.
 */
#include <libtest.h>
#include <migrate.h>
#include <powerpc/processor.h>

#define SPR_DSISR 18
#define SPR_DAR 19
#define SPR_DEC 22
#define SPR_SPRG0 272
#define SPR_SPRG3 275
#define SPR_TAR 815
#define SPR_AMR 29 /* privileged number */
#define SPR_DSCR 17
#define SPR_CTRL_READ 136
#define SPR_CTRL_WRITE 152
#define SPR_SPRG2 274
#define SPR_PPR 896
/* Decrementer and time base may disagree by this many ticks plus 1%. */
#define DEC_SLACK 1000

static bool migrate_or_skip(void)
{
	if (migrate_point())
		return true;
	report_skip("not migrated: %s", migrate_reason());
	return false;
}

TEST_CASE(timebase_and_decrementer)
{
	u64 tb0, tb1, elapsed, counted;
	u32 dec0, dec1;

	/* MSR[EE] is 0: the decrementer counts without interrupting. */
	mtspr(SPR_DEC, 0x7fffffff);
	tb0 = mftb();
	dec0 = mfspr(SPR_DEC);
	if (!migrate_or_skip())
		return;
	dec1 = mfspr(SPR_DEC);
	tb1 = mftb();
	report(tb1 > tb0,
	       "time base after migration (%#lx) above the time "
	       "base before (%#lx)",
	       tb1, tb0);
	elapsed = tb1 - tb0;
	report_info("time base advanced %lu ticks across the migration",
		    elapsed);
	if (!report(dec1 < dec0 && !(dec1 & 0x80000000),
		    "decrementer kept counting down (%#x -> %#x)", dec0, dec1))
		return;
	counted = dec0 - dec1;
	report(counted <= elapsed + DEC_SLACK &&
		       counted + DEC_SLACK + elapsed / 100 >= elapsed,
	       "decrementer moved as much as the time base (%lu vs %lu "
	       "ticks)",
	       counted, elapsed);
}

TEST_CASE(sprs)
{
	u64 sprg0 = mfspr(SPR_SPRG0), sprg3 = mfspr(SPR_SPRG3);
	u64 dar = mfspr(SPR_DAR), dsisr = mfspr(SPR_DSISR);
	u64 tar = mfspr(SPR_TAR);

	mtspr(SPR_SPRG0, 0x0123456789abcdefULL);
	mtspr(SPR_SPRG3, 0xfedcba9876543210ULL);
	mtspr(SPR_DAR, 0x00000000c0ffee00ULL);
	mtspr(SPR_DSISR, 0x42000000);
	mtspr(SPR_TAR, 0x100c);
	if (migrate_or_skip()) {
		report_eq(mfspr(SPR_SPRG0), 0x0123456789abcdefULL,
			  "SPRG0 kept");
		report_eq(mfspr(SPR_SPRG3), 0xfedcba9876543210ULL,
			  "SPRG3 kept");
		report_eq(mfspr(SPR_DAR), 0xc0ffee00, "DAR kept");
		report_eq(mfspr(SPR_DSISR), 0x42000000, "DSISR kept");
		report_eq(mfspr(SPR_TAR), 0x100c, "TAR kept");
	}
	mtspr(SPR_SPRG0, sprg0);
	mtspr(SPR_SPRG3, sprg3);
	mtspr(SPR_DAR, dar);
	mtspr(SPR_DSISR, dsisr);
	mtspr(SPR_TAR, tar);
}

/* One SPR: how to read and write it, and the value the case writes. */
struct spr_row {
	const char *name;
	u64 (*read)(void);
	void (*write)(u64 v);
	u64 value;
};

#define SPR_RW(fn, rd, wr)            \
	static u64 fn##_read(void)    \
	{                             \
		return mfspr(rd);     \
	}                             \
	static void fn##_write(u64 v) \
	{                             \
		mtspr(wr, v);         \
	}

SPR_RW(amr, SPR_AMR, SPR_AMR)
SPR_RW(dscr, SPR_DSCR, SPR_DSCR)
SPR_RW(ppr, SPR_PPR, SPR_PPR)
SPR_RW(ctrl, SPR_CTRL_READ, SPR_CTRL_WRITE)
SPR_RW(sprg2, SPR_SPRG2, SPR_SPRG2)

static const struct spr_row more[] = {
	/* Key 1 store and load disabled, key 30 store disabled; key 0 kept. */
	{"AMR", amr_read, amr_write, 0x0c00000000000008ULL},
	/* Data stream: default depth 3, store-stream enable. */
	{"DSCR", dscr_read, dscr_write, 0x0000000000000013ULL},
	/* Priority medium-low (2) in bits 11:13. */
	{"PPR", ppr_read, ppr_write, 2ULL << 50},
	/* RUN latch off. */
	{"CTRL", ctrl_read, ctrl_write, 0},
	{"SPRG2", sprg2_read, sprg2_write, 0x5a5a00ff00ff5a5aULL},
};

TEST_CASE(more_sprs)
{
	u64 saved[ARRAY_SIZE(more)], set[ARRAY_SIZE(more)];

	for (size_t i = 0; i < ARRAY_SIZE(more); i++) {
		saved[i] = more[i].read();
		more[i].write(more[i].value);
		set[i] = more[i].read();
		if (set[i] != more[i].value)
			report_info("%s: wrote %#lx, reads %#lx (bits the "
				    "partition cannot set)",
				    more[i].name, more[i].value, set[i]);
	}
	if (migrate_or_skip()) {
		for (size_t i = 0; i < ARRAY_SIZE(more); i++)
			report_eq(more[i].read(), set[i], "%s kept",
				  more[i].name);
	}
	for (size_t i = 0; i < ARRAY_SIZE(more); i++)
		more[i].write(saved[i]);
}
