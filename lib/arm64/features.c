// SPDX-License-Identifier: GPL-2.0-only
/*
 * features.c: the arm64 hook of case feature requirements (arch_hooks.h):
 * the ID register fields of CPU_FEATURES() lists (processor.h), read at
 * EL1 (Arm ARM D17.2 AArch64 ID registers; ID_AA64MMFR2_EL1 by its
 * encoding S3_0_C0_C7_2 for older assemblers).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <arm64/processor.h>

static u64 read_id_reg(enum id_reg reg)
{
	switch (reg) {
	case ID_AA64PFR0:
		return read_sysreg(id_aa64pfr0_el1);
	case ID_AA64PFR1:
		return read_sysreg(id_aa64pfr1_el1);
	case ID_AA64ISAR0:
		return read_sysreg(id_aa64isar0_el1);
	case ID_AA64ISAR1:
		return read_sysreg(id_aa64isar1_el1);
	case ID_AA64MMFR0:
		return read_sysreg(id_aa64mmfr0_el1);
	case ID_AA64MMFR1:
		return read_sysreg(id_aa64mmfr1_el1);
	case ID_AA64MMFR2:
		return read_sysreg(s3_0_c0_c7_2);
	case ID_AA64DFR0:
		return read_sysreg(id_aa64dfr0_el1);
	}
	return 0;
}

bool arch_features_missing(const struct arch_features *f, char *buf,
			   size_t size)
{
	static const char *const names[] = {
		[ID_AA64PFR0] = "ID_AA64PFR0_EL1",
		[ID_AA64PFR1] = "ID_AA64PFR1_EL1",
		[ID_AA64ISAR0] = "ID_AA64ISAR0_EL1",
		[ID_AA64ISAR1] = "ID_AA64ISAR1_EL1",
		[ID_AA64MMFR0] = "ID_AA64MMFR0_EL1",
		[ID_AA64MMFR1] = "ID_AA64MMFR1_EL1",
		[ID_AA64MMFR2] = "ID_AA64MMFR2_EL1",
		[ID_AA64DFR0] = "ID_AA64DFR0_EL1",
	};

	for (size_t i = 0; i < ARRAY_SIZE(f->list) && f->list[i]; i++) {
		const struct id_feature *x = f->list[i];
		unsigned int v = id_field(read_id_reg(x->reg), x->shift);

		if (v >= x->min && v <= x->max)
			continue;
		snprintf(buf, size, "%s.%s is %#x, needs %#x to %#x",
			 names[x->reg], x->name, v, x->min, x->max);
		return true;
	}
	return false;
}
