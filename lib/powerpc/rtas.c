// SPDX-License-Identifier: GPL-2.0-only
/*
 * rtas.c: Run-Time Abstraction Services (LoPAPR 1.1 chapter 7). A call
 * passes the real address of an argument buffer of 32-bit big-endian
 * cells (7.2.7: token, nargs, nret, args..., rets...); function tokens
 * are properties of /rtas (7.2.8). Without Open Firmware to instantiate
 * RTAS we enter it the way QEMU's and KVM's RTAS blob does, through the
 * KVMPPC_H_RTAS hypervisor call (hcall.h). exit() is "power-off" (7.3.8.1:
 * two arguments, the power-on mask, and one return value). /rtas also
 * lists the hypervisor call function sets offered (LoPAPR 1.1 C.6.2.1,
 * ibm,hypertas-functions). rtas_instantiate() does the part of Open
 * Firmware's instantiate-rtas that the platform sees: it names the RTAS
 * area in /rtas linux,rtas-base and hands the device tree back to QEMU
 * with its KVMPPC_H_UPDATE_DT call (QEMU docs/specs/ppc-spapr-hcalls),
 * as SLOF does; QEMU's ibm,nmi-register needs that base.
 */
#include <libtest.h>
#include <alloc.h>
#include <fdt/devicetree.h>
#include <powerpc/hcall.h>
#include <powerpc/processor.h>
#include <powerpc/rtas.h>

#define RTAS_MAX_CELLS 16

struct rtas_args {
	u32 token;
	u32 nargs;
	u32 nret;
	u32 cells[RTAS_MAX_CELLS];
};

static int rtas_node = -1;
static struct rtas_args args_buf;

bool rtas_init(void)
{
	rtas_node = fdt_path_offset(dt_fdt(), "/rtas");
	return rtas_node >= 0;
}

bool hypertas_offers(const char *set)
{
	return rtas_node >= 0 &&
	       fdt_stringlist_search(dt_fdt(), rtas_node,
				     "ibm,hypertas-functions", set) >= 0;
}

u32 rtas_token(const char *name)
{
	u32 token;

	if (rtas_node < 0 || dt_u32(rtas_node, name, 0, &token))
		return RTAS_UNKNOWN_TOKEN;
	return token;
}

int rtas_call(u32 token, int nargs, const u32 *args, int nret, u32 *rets)
{
	struct rtas_args *a = &args_buf;

	if (token == RTAS_UNKNOWN_TOKEN || nargs < 0 || nret < 1 ||
	    nargs + nret > RTAS_MAX_CELLS)
		return -1;
	a->token = cpu_to_fdt32(token);
	a->nargs = cpu_to_fdt32(nargs);
	a->nret = cpu_to_fdt32(nret);
	for (int i = 0; i < nargs; i++)
		a->cells[i] = cpu_to_fdt32(args[i]);
	for (int i = 0; i < nret; i++)
		a->cells[nargs + i] = 0;
	hcall(KVMPPC_H_RTAS, (u64)a, 0, 0, 0);
	for (int i = 1; rets && i < nret; i++)
		rets[i - 1] = fdt32_to_cpu(a->cells[nargs + i]);
	return (int)fdt32_to_cpu(a->cells[nargs]);
}

void exit(int status)
{
	static const u32 power_on_mask[2];

	rtas_call(rtas_token("power-off"), 2, power_on_mask, 1, NULL);
	for (;;)
		cpu_relax();
}

#define KVMPPC_H_UPDATE_DT 0xf003
#define RTAS_AREA_ORDER 4 /* 64 KiB, within the first 32 MiB */
#define DT_ROOM 256

long rtas_instantiate(void)
{
	const void *fdt = dt_fdt();
	u32 size = fdt_totalsize(fdt) + DT_ROOM;
	unsigned int order = 0;
	void *copy, *area;
	int node;
	long rc;

	while ((PAGE_SIZE << order) < size)
		order++;
	copy = alloc_pages(order);
	area = alloc_pages(RTAS_AREA_ORDER);
	if (!copy || !area || fdt_open_into(fdt, copy, size))
		return H_PARAMETER;
	node = fdt_path_offset(copy, "/rtas");
	if (node < 0 ||
	    fdt_setprop_u32(copy, node, "linux,rtas-base", (u32)(u64)area) ||
	    fdt_pack(copy))
		return H_PARAMETER;
	rc = hcall(KVMPPC_H_UPDATE_DT, (u64)copy, 0, 0, 0);
	free_pages(copy, order);
	return rc;
}
