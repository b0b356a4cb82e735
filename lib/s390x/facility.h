/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * facility.h: the facility list of STORE FACILITY LIST EXTENDED
 * (SA22-7832 chapter 7, "STORE FACILITY LIST EXTENDED"; the bits are
 * listed in chapter 4, "Facility Indications"). Bit N counts from the left
 * of the first doubleword. The list is read once, at the first lookup.
 *
 * A case that needs a facility names it in its requirements, and is a
 * SKIP saying which bit is zero when it is absent:
 *
 *	TEST_CASE(frames, .features = CPU_FEATURES(FAC_EDAT1, FAC_EDAT2))
 */
#ifndef HV_S390X_FACILITY_H
#define HV_S390X_FACILITY_H

#include <types.h>

struct s390x_facility {
	unsigned int nr;
	const char *name;
};

#define FACILITY(nr, name) ((struct s390x_facility){nr, name})

/* Up to four facilities a case needs (facility.c words the SKIP). */
struct arch_features {
	const struct s390x_facility *list[4];
};

#define CPU_FEATURES(...) \
	(&(const struct arch_features){{ADDRESSES_OF(__VA_ARGS__)}})

/* STFLE itself (STORE FACILITY LIST tells whether it is installed). */
#define FAC_STFLE_NR 7
#define FAC_STFLE FACILITY(FAC_STFLE_NR, "store-facility-list-extended")
#define FAC_EDAT1 FACILITY(8, "enhanced-DAT 1")
#define FAC_STCKF FACILITY(25, "store-clock-fast")
#define FAC_GENERAL_INSN_EXT FACILITY(34, "general-instructions-extension")
#define FAC_EXECUTE_EXT FACILITY(35, "execute-extensions")
#define FAC_EDAT2 FACILITY(78, "enhanced-DAT 2")

/* Doublewords of the list the runtime keeps (facilities 0-511). */
#define FACILITY_LIST_DWORDS 8

/* True when facility NR is installed (its bit is one). */
bool test_facility(unsigned int nr);
/* Real location 200: STORE FACILITY LIST stores facility bits 0-31 there. */
#define LC_STFL_LIST 0xc8

/*
 * Runs STFLE (facility 7: check FAC_STFLE first) with room for N doublewords at LIST; returns its condition
 * code and stores in *NEEDED the doublewords the machine has (r0 + 1).
 */
int stfle(u64 *list, unsigned int n, unsigned int *needed);

#endif
