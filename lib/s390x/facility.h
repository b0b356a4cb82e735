/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * facility.h: the facility list of STORE FACILITY LIST EXTENDED
 * (SA22-7832 chapter 10, "STORE FACILITY LIST EXTENDED"; the bits are
 * listed in chapter 4, "Facility Indications"). Bit N counts from the left
 * of the first doubleword. The list is read once, at the first lookup.
 *
 * A case that needs a facility names it in its requirements, and is a
 * SKIP saying which bit is zero when it is absent:
 *
 *	TEST_CASE(ark, .features = CPU_FEATURES(FAC_DISTINCT_OPERANDS))
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

#define FAC_ZARCH_INSTALLED FACILITY(1, "z/Architecture")
#define FAC_STFLE FACILITY(7, "STFLE")
#define FAC_EDAT1 FACILITY(8, "enhanced-DAT 1")
#define FAC_EXTENDED_IMMEDIATE FACILITY(21, "extended-immediate")
#define FAC_STCKF FACILITY(25, "store-clock-fast")
#define FAC_GENERAL_INSN_EXT FACILITY(34, "general-instructions-extension")
#define FAC_EXECUTE_EXT FACILITY(35, "execute-extensions")
#define FAC_DISTINCT_OPERANDS FACILITY(45, "distinct-operands")
#define FAC_LOAD_ZERO_RIGHTMOST FACILITY(53, "load-and-zero-rightmost-byte")
#define FAC_MISC_INSN_EXT2 \
	FACILITY(58, "miscellaneous-instruction-extensions 2")
#define FAC_MISC_INSN_EXT3 \
	FACILITY(61, "miscellaneous-instruction-extensions 3")
#define FAC_EDAT2 FACILITY(78, "enhanced-DAT 2")
#define FAC_VECTOR FACILITY(129, "vector")
#define FAC_STORE_HYPERVISOR_INFO FACILITY(74, "store-hypervisor-information")

/* Doublewords of the list the runtime keeps (facilities 0-511). */
#define FACILITY_LIST_DWORDS 8

/* True when facility NR is installed (its bit is one). */
bool test_facility(unsigned int nr);
/*
 * Runs STFLE with room for N doublewords at LIST; returns its condition
 * code and stores in *NEEDED the doublewords the machine has (r0 + 1).
 */
int stfle(u64 *list, unsigned int n, unsigned int *needed);

#endif
