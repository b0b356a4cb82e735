// SPDX-License-Identifier: GPL-2.0-only
/*
 * fault.c: the arch-neutral half of fault_probe() (fault_site.h): the
 * per-CPU record that an arch's exception handler fills (fault_record) and
 * fault_take() empties, and report_fault(). struct fault and how to compare
 * and print one are the arch's: <LIBDIR>/fault.h, named by
 * HV_ARCH_FAULT_H on the compiler command line (mk/guest.mk).
 */
#include <libtest.h>
#include <smp.h>
#include HV_ARCH_FAULT_H

static struct fault last_fault[SMP_MAX_CPUS];

void fault_clear(void)
{
	last_fault[smp_processor_id()] = FAULT_NONE;
}

void fault_record(struct fault f)
{
	last_fault[smp_processor_id()] = f;
}

struct fault fault_take(void)
{
	struct fault f = last_fault[smp_processor_id()];

	last_fault[smp_processor_id()] = FAULT_NONE;
	return f;
}

bool report_fault_at(const char *file, int line, struct fault actual,
		     struct fault expected, const char *fmt, ...)
{
	char exp_s[128] = "", act_s[128] = "", msg[256];
	bool pass = fault_equal(actual, expected);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A passing check prints no values: nothing to format. */
	if (!pass) {
		fault_str(expected, exp_s, sizeof(exp_s));
		fault_str(actual, act_s, sizeof(act_s));
	}
	return report_cmp_at(file, line, pass, exp_s, act_s, "%s", msg);
}
