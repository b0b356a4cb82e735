// SPDX-License-Identifier: GPL-2.0-only
/*
 * probe.c: single storage accesses through the MMU and their exceptions
 * (probe.h; Power ISA v3.0 Book III 7.5.3, 7.5.5, 4.2.1 problem state).
 */
#include <libtest.h>
#include <powerpc/probe.h>
#include <powerpc/usermode.h>

struct fault ppc_probe_load(u64 ea, u64 *v)
{
	return fault_probe_relocated("ld %0, 0(%1)",
				     : "=r"(*v)
				     : "b"(ea)
				     : "memory");
}

struct fault ppc_probe_store(u64 ea, u64 v)
{
	return fault_probe_relocated("std %0, 0(%1)",
				     :
				     : "r"(v), "b"(ea)
				     : "memory");
}

/* The access ppc_user_probe() asks user_access() to make. */
static struct {
	enum ppc_user_access access;
	u64 ea, value;
	struct fault fault;
} req;

static u64 user_access(u64 unused)
{
	switch (req.access) {
	case PPC_USER_LOAD:
		req.fault = fault_probe("ld %0, 0(%1)",
					: "=r"(req.value)
					: "b"(req.ea)
					: "memory");
		break;
	case PPC_USER_STORE:
		req.fault = fault_probe("std %0, 0(%1)",
					:
					: "r"(req.value), "b"(req.ea)
					: "memory");
		break;
	case PPC_USER_FETCH:
		req.fault = fault_probe("mtctr %0\n\tbctrl",
					:
					: "r"(req.ea)
					: "ctr", "lr", "memory");
		break;
	}
	return 0;
}

struct fault ppc_user_probe(enum ppc_user_access access, u64 ea, u64 *value,
			    bool *ok, const char **why)
{
	req.access = access;
	req.ea = ea;
	req.value = value ? *value : 0;
	req.fault = FAULT_NONE;
	ppc_user_call(user_access, 0, ok, why);
	if (value)
		*value = req.value;
	return req.fault;
}
