// SPDX-License-Identifier: GPL-2.0-only
/*
 * hcalls: PAPR hypervisor calls and RTAS as a pseries guest sees them
 * (LoPAPR 1.1). Hypervisor calls (chapter 14): a token that names no
 * function returns H_Function (14.5.3); H_SET_SPRG0 (14.5.4.3.11) sets
 * SPRG0; H_RANDOM (14.5.4.9.1) when /rtas advertises "hcall-random", else
 * H_Function; H_PAGE_INIT (14.5.4.3.1) zeroes and copies a page and
 * rejects unaligned and non-RAM addresses with H_Parameter; H_PROD
 * (14.11.3.3) rejects a processor that does not exist; H_CONFER
 * (14.11.3.2) to all; H_SET_MODE (14.5.4.3.12) rejects an unknown
 * resource (H_P2), non-zero values (H_P3) and unsupported flags. RTAS
 * (chapter 7): get-time-of-day and set-time-of-day (7.3.4.1, 7.3.4.2),
 * event-scan (7.3.3.1), get-sensor-state and set-indicator for a sensor
 * or indicator that does not exist (7.3.7.3, 7.3.7.2), each also called
 * with a wrong argument count: status -3 (parameter error).
 */
#include <libtest.h>
#include <alloc.h>
#include <powerpc/processor.h>
#include <powerpc/hcall.h>
#include <powerpc/rtas.h>

#define RTAS_PARAM_ERROR (-3)

/* 14.5.3: hcall tokens that name no function. */
TEST_CASE(invalid_token)
{
	static const u64 tokens[] = {0x0, 0x6, 0x3fd, 0xeffc, 0xf3fc};

	for (size_t i = 0; i < ARRAY_SIZE(tokens); i++)
		report_eq(hcall(tokens[i], 0, 0, 0, 0), H_FUNCTION,
			  "token %#llx: H_Function",
			  (unsigned long long)tokens[i]);
}

TEST_CASE(set_sprg0)
{
	u64 old = mfspr(SPR_SPRG0);
	long rc;

	if (!hypertas_offers("hcall-sprg0"))
		return report_skip("hcall-sprg0 not in ibm,hypertas-functions");
	rc = hcall(H_SET_SPRG0, 0x1122334455667788ULL, 0, 0, 0);
	report_eq(rc, H_SUCCESS, "H_SET_SPRG0 returns H_Success");
	report_eq(mfspr(SPR_SPRG0), 0x1122334455667788ULL,
		  "SPRG0 holds the value");
	mtspr(SPR_SPRG0, old);
}

TEST_CASE(random)
{
	u64 a[4] = {}, b[4] = {};
	long rc;

	if (!hypertas_offers("hcall-random")) {
		report_eq(hcall_rets(H_RANDOM, a, 0, 0, 0, 0), H_FUNCTION,
			  "hcall-random not offered: H_RANDOM returns "
			  "H_Function");
		return;
	}
	rc = hcall_rets(H_RANDOM, a, 0, 0, 0, 0);
	report_eq(rc, H_SUCCESS, "H_RANDOM returns H_Success");
	report_eq(hcall_rets(H_RANDOM, b, 0, 0, 0, 0), H_SUCCESS, "and again");
	report(a[0] != b[0], "two values differ (%#llx, %#llx)",
	       (unsigned long long)a[0], (unsigned long long)b[0]);
}

TEST_CASE(page_init)
{
	u8 *dst = alloc_page(), *src = alloc_page();
	size_t n_zero = 0, n_same = 0;

	memset(dst, 0xa5, PAGE_SIZE);
	report_eq(hcall(H_PAGE_INIT, H_PAGE_ZERO, (u64)dst, 0, 0), H_SUCCESS,
		  "zero page: H_Success");
	for (size_t i = 0; i < PAGE_SIZE; i++)
		n_zero += dst[i] == 0;
	report_eq(n_zero, PAGE_SIZE, "every byte zeroed");
	for (size_t i = 0; i < PAGE_SIZE; i++)
		src[i] = (u8)(i * 7 + 3);
	report_eq(hcall(H_PAGE_INIT, H_PAGE_COPY, (u64)dst, (u64)src, 0),
		  H_SUCCESS, "copy page: H_Success");
	for (size_t i = 0; i < PAGE_SIZE; i++)
		n_same += dst[i] == src[i];
	report_eq(n_same, PAGE_SIZE, "every byte copied");
	memset(dst, 0xa5, PAGE_SIZE);
	report_eq(hcall(H_PAGE_INIT, H_PAGE_ZERO, (u64)dst + 8, 0, 0),
		  H_PARAMETER, "unaligned destination: H_Parameter");
	report_eq(dst[8], 0xa5, "and nothing is written");
	report_eq(hcall(H_PAGE_INIT, H_PAGE_COPY, (u64)dst, (u64)src + 16, 0),
		  H_PARAMETER, "unaligned source: H_Parameter");
	report_eq(hcall(H_PAGE_INIT, H_PAGE_ZERO, 1ULL << 44, 0, 0),
		  H_PARAMETER, "destination outside RAM: H_Parameter");
	free_page(src);
	free_page(dst);
}

TEST_CASE(prod_confer)
{
	report_eq(hcall(H_PROD, 0, 0, 0, 0), H_SUCCESS,
		  "H_PROD of this processor (server 0): H_Success");
	report_eq(hcall(H_PROD, 0x7fff, 0, 0, 0), H_PARAMETER,
		  "H_PROD of a processor that does not exist: H_Parameter");
	report_eq(hcall(H_CONFER, (u64)-1, 0, 0, 0), H_SUCCESS,
		  "H_CONFER to all processors: H_Success");
}

TEST_CASE(set_mode_errors)
{
	if (!hypertas_offers("hcall-set-mode"))
		return report_skip(
			"hcall-set-mode not in ibm,hypertas-functions");
	report_eq(hcall(H_SET_MODE, 0, 0x7777, 0, 0), H_P2,
		  "unknown resource: H_P2");
	report_eq(hcall(H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE,
			H_SET_MODE_RESOURCE_LE, 1, 0),
		  H_P3, "interrupt endianness with value1 != 0: H_P3");
	report_eq(hcall(H_SET_MODE, 2, H_SET_MODE_RESOURCE_LE, 0, 0),
		  H_UNSUPPORTED_FLAG,
		  "interrupt endianness, mflags 2: H_Unsupported_Flag");
	report_eq(hcall(H_SET_MODE, H_SET_MODE_ENDIAN_LITTLE,
			H_SET_MODE_RESOURCE_LE, 0, 0),
		  H_SUCCESS,
		  "little-endian interrupts, as set at boot: H_Success");
}

struct tod {
	u32 v[7]; /* year, month, day, hour, minute, second, nanoseconds */
};

static int get_tod(struct tod *t)
{
	return rtas_call(rtas_token("get-time-of-day"), 0, NULL, 8, t->v);
}

TEST_CASE(time_of_day)
{
	u32 set_tok = rtas_token("set-time-of-day");
	static const u32 one_arg[1];
	struct tod t, later, saved;
	int st;

	if (rtas_token("get-time-of-day") == RTAS_UNKNOWN_TOKEN)
		return report_skip("no get-time-of-day in /rtas");
	st = get_tod(&t);
	report_eq(st, 0, "get-time-of-day: success");
	report(t.v[0] >= 2000 && t.v[0] < 2200 && t.v[1] >= 1 && t.v[1] <= 12 &&
		       t.v[2] >= 1 && t.v[2] <= 31 && t.v[3] < 24 &&
		       t.v[4] < 60 && t.v[5] < 60,
	       "a valid date %04u-%02u-%02u %02u:%02u:%02u", t.v[0], t.v[1],
	       t.v[2], t.v[3], t.v[4], t.v[5]);
	report(t.v[6] < 1000000000, "nanoseconds below 10^9 (%u)", t.v[6]);
	report_eq(rtas_call(rtas_token("get-time-of-day"), 1, one_arg, 8,
			    later.v),
		  RTAS_PARAM_ERROR, "get-time-of-day with 1 argument: -3");
	if (set_tok == RTAS_UNKNOWN_TOKEN)
		return report_skip("no set-time-of-day in /rtas");
	saved = t;
	{
		static const u32 when[7] = {2031, 5, 6, 7, 8, 9, 0};

		report_eq(rtas_call(set_tok, 7, when, 1, NULL), 0,
			  "set-time-of-day 2031-05-06 07:08:09: success");
		report_eq(rtas_call(set_tok, 6, when, 1, NULL),
			  RTAS_PARAM_ERROR,
			  "set-time-of-day with 6 arguments: -3");
	}
	get_tod(&later);
	report(later.v[0] == 2031 && later.v[1] == 5 && later.v[2] == 6 &&
		       later.v[3] == 7 && later.v[4] == 8 && later.v[5] <= 11,
	       "get-time-of-day reads it back (%04u-%02u-%02u %02u:%02u:%02u)",
	       later.v[0], later.v[1], later.v[2], later.v[3], later.v[4],
	       later.v[5]);
	rtas_call(set_tok, 7, saved.v, 1, NULL);
}

TEST_CASE(event_scan)
{
	u32 tok = rtas_token("event-scan");
	static u8 log[1024];
	u32 args[4] = {0xffffffff, 0, (u32)(u64)log, sizeof(log)};
	int st;

	if (tok == RTAS_UNKNOWN_TOKEN)
		return report_skip("no event-scan in /rtas");
	st = rtas_call(tok, 4, args, 1, NULL);
	report(st == 0 || st == 1, "event-scan: new event (0) or none (1): %d",
	       st);
	report_eq(rtas_call(tok, 3, args, 1, NULL), RTAS_PARAM_ERROR,
		  "event-scan with 3 arguments: -3");
}

TEST_CASE(sensors_and_indicators)
{
	u32 get = rtas_token("get-sensor-state");
	u32 set = rtas_token("set-indicator");
	static const u32 no_sensor[2] = {0x7ffff, 0};
	static const u32 no_indicator[3] = {0x7ffff, 0, 1};
	u32 state;

	if (get == RTAS_UNKNOWN_TOKEN || set == RTAS_UNKNOWN_TOKEN)
		return report_skip(
			"no get-sensor-state/set-indicator in /rtas");
	report_eq(rtas_call(get, 2, no_sensor, 2, &state), RTAS_PARAM_ERROR,
		  "get-sensor-state of a sensor that does not exist: -3");
	report_eq(rtas_call(get, 1, no_sensor, 2, &state), RTAS_PARAM_ERROR,
		  "get-sensor-state with 1 argument: -3");
	report_eq(rtas_call(set, 3, no_indicator, 1, NULL), RTAS_PARAM_ERROR,
		  "set-indicator of an indicator that does not exist: -3");
	report_eq(rtas_call(set, 2, no_indicator, 1, NULL), RTAS_PARAM_ERROR,
		  "set-indicator with 2 arguments: -3");
}
