// SPDX-License-Identifier: GPL-2.0-only
/*
 * facility.c: STORE FACILITY LIST EXTENDED and the facility lookup behind
 * CPU_FEATURES() requirements (facility.h; SA22-7832 chapter 7, "STORE
 * FACILITY LIST EXTENDED": general register 0 bits 56-63 hold one less
 * than the doublewords provided and, on return, one less than the
 * doublewords the model has; condition code 3 when that is more).
 */
#include <libtest.h>
#include <arch_hooks.h>
#include <s390x/facility.h>

static u64 fac_list[FACILITY_LIST_DWORDS];
static bool fac_read;

int stfle(u64 *list, unsigned int n, unsigned int *needed)
{
	register u64 r0 asm("0") = n - 1;
	int cc;

	asm volatile(".insn s,0xb2b00000,0(%[list])\n\t"
		     "ipm %[cc]\n\t"
		     "srl %[cc],28"
		     : [cc] "=d"(cc), "+d"(r0), "=m"(*(u64(*)[n])list)
		     : [list] "a"(list)
		     : "cc");
	if (needed)
		*needed = (r0 & 0xff) + 1;
	return cc;
}

/*
 * STORE FACILITY LIST (chapter 10) stores bits 0-31 at real location 200
 * on every model; STFLE is itself facility 7, so it runs only when that
 * bit says it is installed.
 */
static void read_facilities(void)
{
	u64 word;

	asm volatile("stfl 0" : : : "memory");
	word = *(volatile u32 *)LC_STFL_LIST;
	fac_list[0] = word << 32;
	if (fac_list[0] & (1ULL << (63 - FAC_STFLE_NR)))
		stfle(fac_list, FACILITY_LIST_DWORDS, NULL);
	fac_read = true;
}

bool test_facility(unsigned int nr)
{
	if (!fac_read)
		read_facilities();
	if (nr >= 64 * FACILITY_LIST_DWORDS)
		return false;
	return fac_list[nr / 64] & (1ULL << (63 - nr % 64));
}

bool arch_features_missing(const struct arch_features *f, char *buf,
			   size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(f->list) && f->list[i]; i++) {
		const struct s390x_facility *x = f->list[i];

		if (test_facility(x->nr))
			continue;
		snprintf(buf, size, "%s facility not installed (STFLE bit %u)",
			 x->name, x->nr);
		return true;
	}
	return false;
}
