// SPDX-License-Identifier: GPL-2.0-only
/*
 * psci: the Power State Coordination Interface as the hypervisor
 * implements it (Arm DEN 0022D): 5.1.1 PSCI_VERSION, 5.1.14 PSCI_FEATURES
 * (mandatory functions supported, unknown IDs NOT_SUPPORTED, answers
 * consistent with calls), 5.1.5 CPU_ON (ALREADY_ON, INVALID_PARAMETERS,
 * and 5.1.5.2 "concurrent CPU_ON calls": exactly one caller succeeds, the
 * others get ALREADY_ON or ON_PENDING), 5.1.4 CPU_OFF and 5.1.6
 * AFFINITY_INFO. SYSTEM_OFF (5.1.9) is what exit() calls: every test run
 * that ends with its end marker and a stopped VM exercises it.
 */
#include <libtest.h>
#include <smp.h>
#include <fdt/devicetree.h>
#include <arm64/processor.h>
#include <arm64/psci.h>
#include <arm64/smp.h>
#include <arm64/timer.h>

#define WAIT_MS 2000
#define NO_RESULT 1
#define RACE_ROUNDS 4

static u32 version;

/* Every case calls PSCI: the device tree must describe it. */
static bool psci_env_enter(void)
{
	if (psci_init())
		return true;
	report_skip("no PSCI node in the device tree");
	return false;
}

TEST_FIXTURE(psci_env, psci_env_enter, NULL);

/* Compares PSCI return codes, naming both in the diagnostic. */
#define report_ret(actual, expected, what) \
	report_here(ret_matches((actual), (expected), (what)))

static void ret_matches(long actual, long expected, const char *what)
{
	char e[48], a[48];

	snprintf(e, sizeof(e), "%ld %s", expected, psci_ret_str(expected));
	snprintf(a, sizeof(a), "%ld %s", actual, psci_ret_str(actual));
	report_cmp(actual == expected, e, a, "%s", what);
}

TEST_CASE(version, .fixture = &psci_env)
{
	bool dt_v1;

	version = psci_call(PSCI_VERSION, 0, 0, 0);
	report_info("PSCI %u.%u via %s", version >> 16, version & 0xffff,
		    psci_conduit());
	report(!(version & BIT(31)), "PSCI_VERSION bit 31 is zero (%#x)",
	       version);
	report(version >= 0x2, "version at least 0.2 (function IDs of 0.2+)");
	dt_v1 = dt_find_compatible("arm,psci-1.0") >= 0;
	if (dt_v1)
		report(version >= 0x10000,
		       "device tree says arm,psci-1.0: version >= 1.0");
}

struct psci_fn {
	u32 id;
	const char *name;
	bool mandatory;
};

/* DEN 0022D table 5 "PSCI functions": Mandatory or Optional. */
static const struct psci_fn functions[] = {
	{PSCI_VERSION, "PSCI_VERSION", true},
	{PSCI_CPU_SUSPEND, "CPU_SUSPEND", true},
	{PSCI_CPU_OFF, "CPU_OFF", true},
	{PSCI_CPU_ON, "CPU_ON", true},
	{PSCI_AFFINITY_INFO, "AFFINITY_INFO", true},
	{PSCI_MIGRATE, "MIGRATE", false},
	{PSCI_MIGRATE_INFO_TYPE, "MIGRATE_INFO_TYPE", false},
	{PSCI_MIGRATE_INFO_UP_CPU, "MIGRATE_INFO_UP_CPU", false},
	{PSCI_SYSTEM_OFF, "SYSTEM_OFF", true},
	{PSCI_SYSTEM_RESET, "SYSTEM_RESET", true},
	{PSCI_FEATURES, "PSCI_FEATURES", true},
	{PSCI_CPU_FREEZE, "CPU_FREEZE", false},
	{PSCI_CPU_DEFAULT_SUSPEND, "CPU_DEFAULT_SUSPEND", false},
	{PSCI_NODE_HW_STATE, "NODE_HW_STATE", false},
	{PSCI_SYSTEM_SUSPEND, "SYSTEM_SUSPEND", false},
	{PSCI_SET_SUSPEND_MODE, "PSCI_SET_SUSPEND_MODE", false},
	{PSCI_STAT_RESIDENCY, "PSCI_STAT_RESIDENCY", false},
	{PSCI_STAT_COUNT, "PSCI_STAT_COUNT", false},
	{PSCI_SYSTEM_RESET2, "SYSTEM_RESET2", false},
	{PSCI_MEM_PROTECT, "MEM_PROTECT", false},
	{PSCI_MEM_PROTECT_CHECK_RANGE, "MEM_PROTECT_CHECK_RANGE", false},
};

static bool is_suspend(u32 id)
{
	return id == PSCI_CPU_SUSPEND || id == PSCI_CPU_DEFAULT_SUSPEND;
}

TEST_CASE(features, .fixture = &psci_env)
{
	version = psci_call(PSCI_VERSION, 0, 0, 0);
	if (version < 0x10000)
		return report_skip("PSCI_FEATURES is new in 1.0 (have %u.%u)",
				   version >> 16, version & 0xffff);
	for (unsigned int i = 0; i < ARRAY_SIZE(functions); i++) {
		const struct psci_fn *f = &functions[i];
		long r = psci_features(f->id);

		report_prefix_push(f->name);
		if (f->mandatory)
			report(r >= 0, "mandatory: supported (%ld %s)", r,
			       psci_ret_str(r < 0 ? r : 0));
		else
			report(r >= 0 || r == PSCI_RET_NOT_SUPPORTED,
			       "optional: supported or NOT_SUPPORTED (%ld)", r);
		/* Only the suspend functions return flags (5.1.14.2). */
		if (r >= 0 && !is_suspend(f->id))
			report_eq(r, 0, "supported: returns 0");
		if (r >= 0 && is_suspend(f->id))
			report_eq(r & ~3L, 0,
				  "suspend flags: bits [31:2] zero");
		report_prefix_pop();
	}
	report_ret(psci_features(0x8400001f), PSCI_RET_NOT_SUPPORTED,
		   "unknown function 0x8400001f: NOT_SUPPORTED");
	report_ret(psci_features(0xc4000050), PSCI_RET_NOT_SUPPORTED,
		   "unknown function 0xc4000050: NOT_SUPPORTED");
}

/* What FEATURES says must agree with calling the function. */
TEST_CASE(features_consistent, .fixture = &psci_env)
{
	long f, r;

	if (psci_call(PSCI_VERSION, 0, 0, 0) < 0x10000)
		return report_skip("PSCI_FEATURES is new in 1.0");
	f = psci_features(PSCI_MIGRATE_INFO_TYPE);
	r = psci_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0);
	if (f >= 0)
		report(r >= 0 && r <= 2,
		       "MIGRATE_INFO_TYPE advertised: returns 0, 1 or 2 (%ld)",
		       r);
	else
		report_ret(r, PSCI_RET_NOT_SUPPORTED,
			   "MIGRATE_INFO_TYPE not advertised: NOT_SUPPORTED");
	f = psci_features(PSCI_MIGRATE_INFO_UP_CPU);
	if (f < 0)
		report_ret(psci_call(PSCI_MIGRATE_INFO_UP_CPU, 0, 0, 0),
			   PSCI_RET_NOT_SUPPORTED,
			   "MIGRATE_INFO_UP_CPU not advertised: NOT_SUPPORTED");
	else
		report_skip("MIGRATE_INFO_UP_CPU advertised: its value depends "
			    "on the Trusted OS");
}

static void nothing(void *data)
{
}

TEST_CASE(cpu_on_already_on, .fixture = &psci_env)
{
	u64 entry = secondary_entry_address();

	report_ret(psci_cpu_on(cpu_mpidr(0), entry, 0), PSCI_RET_ALREADY_ON,
		   "CPU_ON of the calling CPU: ALREADY_ON");
	if (nr_cpus() < 2)
		return report_skip("needs 2 CPUs for an online secondary");
	on_cpu(1, nothing, NULL);
	report_ret(psci_cpu_on(cpu_mpidr(1), entry, smp_boot_context(1, 0)),
		   PSCI_RET_ALREADY_ON, "CPU_ON of online cpu 1: ALREADY_ON");
	report_eq(psci_affinity_info(cpu_mpidr(1), 0), PSCI_AFFINITY_ON,
		  "AFFINITY_INFO of online cpu 1: ON (0)");
}

TEST_CASE(cpu_on_invalid_mpidr, .fixture = &psci_env)
{
	u64 bad = 0x7e7e7e;

	if (mpidr_to_cpu(bad) >= 0)
		return report_skip("MPIDR %#llx exists here",
				   (unsigned long long)bad);
	report_ret(psci_cpu_on(bad, secondary_entry_address(), 0),
		   PSCI_RET_INVALID_PARAMETERS,
		   "CPU_ON of a non-existent MPIDR: INVALID_PARAMETERS");
	report_ret(psci_affinity_info(bad, 0), PSCI_RET_INVALID_PARAMETERS,
		   "AFFINITY_INFO of a non-existent MPIDR: INVALID_PARAMETERS");
}

static void power_off(void *data)
{
	cpu_power_off();
}

/* Polls AFFINITY_INFO until it says OFF or WAIT_MS pass; returns the last answer. */
static long wait_off(unsigned int cpu)
{
	u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);
	long r;

	do {
		r = psci_affinity_info(cpu_mpidr(cpu), 0);
	} while (r != PSCI_AFFINITY_OFF && read_cntvct() < deadline);
	return r;
}

TEST_CASE(cpu_off, .fixture = &psci_env, .min_cpus = 2)
{
	unsigned int cpu = nr_cpus() - 1;

	on_cpu(cpu, nothing, NULL);
	on_cpu_async(cpu, power_off, NULL);
	report_eq(wait_off(cpu), PSCI_AFFINITY_OFF,
		  "cpu %u after CPU_OFF: AFFINITY_INFO says OFF (1)", cpu);
	report_eq(psci_affinity_info(cpu_mpidr(0), 0), PSCI_AFFINITY_ON,
		  "calling CPU: AFFINITY_INFO says ON (0)");
	on_cpu(cpu, nothing, NULL);
	report_eq(psci_affinity_info(cpu_mpidr(cpu), 0), PSCI_AFFINITY_ON,
		  "cpu %u on again after CPU_ON: ON (0)", cpu);
}

struct race {
	unsigned int target;
	unsigned int callers;
	int arrived;
	long result[SMP_MAX_CPUS];
};

static void race_cpu_on(void *data)
{
	struct race *r = data;
	unsigned int me = smp_processor_id();
	u64 ctx = smp_boot_context(r->target, me + 1);
	u64 deadline = read_cntvct() + ms_to_ticks(WAIT_MS);

	__atomic_fetch_add(&r->arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&r->arrived, __ATOMIC_ACQUIRE) <
		       (int)r->callers &&
	       read_cntvct() < deadline)
		;
	r->result[me] = psci_cpu_on(cpu_mpidr(r->target),
				    secondary_entry_address(), ctx);
}

static void race_round(unsigned int round)
{
	struct race r = {.target = nr_cpus() - 1, .callers = nr_cpus() - 1};
	unsigned int winners = 0, winner = 0;
	char who[64] = "";
	u64 deadline;

	report_prefix_pushf("round %u", round);
	on_cpu(r.target, nothing, NULL);
	on_cpu_async(r.target, power_off, NULL);
	if (!report_eq(wait_off(r.target), PSCI_AFFINITY_OFF,
		       "target cpu %u off", r.target))
		goto out;
	for (unsigned int c = 0; c < r.callers; c++)
		r.result[c] = NO_RESULT;
	for (unsigned int c = 1; c < r.callers; c++)
		on_cpu_async(c, race_cpu_on, &r);
	race_cpu_on(&r);
	for (unsigned int c = 1; c < r.callers; c++)
		smp_wait_idle(c);
	for (unsigned int c = 0; c < r.callers; c++) {
		long v = r.result[c];

		if (v == PSCI_RET_SUCCESS) {
			winners++;
			winner = c;
			snprintf(who + strlen(who), sizeof(who) - strlen(who),
				 " cpu%u", c);
		} else {
			report(v == PSCI_RET_ALREADY_ON ||
				       v == PSCI_RET_ON_PENDING,
			       "losing caller cpu %u: ALREADY_ON or ON_PENDING "
			       "(%ld %s)",
			       c, v, psci_ret_str(v));
		}
	}
	report_eq(winners, 1,
		  "exactly one of %u concurrent CPU_ON calls succeeds (SUCCESS "
		  "for:%s)",
		  r.callers, who);
	deadline = read_cntvct() + ms_to_ticks(WAIT_MS);
	while (!cpu_online(r.target) && read_cntvct() < deadline)
		;
	if (!report(cpu_online(r.target), "target cpu %u came up", r.target))
		goto out;
	if (winners == 1)
		report_eq(cpu_boot_token(r.target), winner + 1,
			  "target started with the winner's context_id");
	report_eq(psci_affinity_info(cpu_mpidr(r.target), 0), PSCI_AFFINITY_ON,
		  "AFFINITY_INFO of the target: ON (0)");
out:
	report_prefix_pop();
}

TEST_CASE(cpu_on_race, .fixture = &psci_env, .min_cpus = 3)
{
	for (unsigned int round = 1; round <= RACE_ROUNDS; round++)
		race_round(round);
}
