// SPDX-License-Identifier: GPL-2.0-only
/*
 * cpuid/model: CPUID as configured. The runner asks the VMM which feature
 * bits its CPU model (with the entry's +feature/-feature switches) gives
 * the guest (QEMU: QMP query-cpu-model-expansion; scripts/hvtest/
 * cpumodel.py) and passes them as want=W,W,... with one
 * LEAF:SUB:REG:VALUE:MASK (hex) per CPUID word; the guest compares every masked bit with what CPUID returns and names each
 * bit that differs. A feature removed on the command line that CPUID
 * still shows is a FAIL naming the bit. Bit positions: Intel SDM vol. 2A
 * CPUID tables 3-8 to 3-20, AMD APM vol. 3 appendix E (names.c).
 */
#include "cpuid.h"
#include "names.h"

struct want_word {
	u32 leaf, sub, reg, value, mask;
};

static bool parse_field(const char **s, u32 *out, bool last)
{
	char *end;
	unsigned long v = strtoul(*s, &end, 16);

	if (end == *s || *end != (last ? ',' : ':'))
		return false;
	*out = v;
	*s = last ? end : end + 1;
	return true;
}

/* "1:0:c:f6d8320b:f7fef7ff," (the caller appends the comma) */
static bool parse_want(const char *s, struct want_word *w)
{
	u32 reg;

	if (!parse_field(&s, &w->leaf, false) ||
	    !parse_field(&s, &w->sub, false))
		return false;
	reg = *s - 'a';
	if (reg > 3 || s[1] != ':')
		return false;
	w->reg = reg;
	s += 2;
	return parse_field(&s, &w->value, false) &&
	       parse_field(&s, &w->mask, true);
}

static unsigned int bits_set(u32 v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

static void compare_word(const struct want_word *w)
{
	u32 got = 0, diff;
	bool present = leaf_present(w->leaf);
	unsigned int failed = 0;

	if (present)
		got = cpuid_reg(cpuid_count(w->leaf, w->sub), w->reg);
	diff = (got ^ w->value) & w->mask;
	for (unsigned int bit = 0; bit < 32; bit++) {
		const char *name;

		if (!(diff & BIT(bit)))
			continue;
		name = cpuid_bit_name(w->leaf, w->sub, w->reg, bit);
		report_cmp(
			false, w->value & BIT(bit) ? "1" : "0",
			got & BIT(bit) ? "1" : "0",
			"CPUID.(EAX=%#x,ECX=%u):%s[%u] %s: the model %s it%s",
			w->leaf, w->sub, cpuid_reg_name[w->reg], bit,
			name ? name : "(unnamed)",
			w->value & BIT(bit) ? "sets" : "clears",
			present ? "" : " (the leaf is above the highest)");
		failed++;
	}
	report_group(bits_set(w->mask), failed,
		     "CPUID.(EAX=%#x,ECX=%u):%s: %u bits as the model says",
		     w->leaf, w->sub, cpuid_reg_name[w->reg],
		     bits_set(w->mask));
}

TEST_CASE(configured_model)
{
	const char *model = arg_get("cpumodel");
	const char *want = arg_get("want");
	char word[64];

	if (!want)
		return report_skip("no want= argument: %s",
				   model ? "the VMM gave no model expansion "
					   "(cpumodel=expand is QEMU's)"
					 : "the entry did not ask for "
					   "cpumodel=expand");
	report_info("CPU model %s", model ? model : "(not named)");
	while (*want) {
		size_t len = strcspn(want, ",");
		struct want_word w = {0};

		snprintf(word, sizeof(word), "%.*s,", (int)len, want);
		if (report(len < sizeof(word) - 1 && parse_want(word, &w),
			   "want word %.*s is well formed", (int)len, want))
			compare_word(&w);
		want += len + (want[len] == ',');
	}
}
