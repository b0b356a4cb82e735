// SPDX-License-Identifier: GPL-2.0-only
/* xics.c: XICS through hypervisor calls (xics.h; LoPAPR 1.1 14.5.4.2). */
#include <libtest.h>
#include <fdt/devicetree.h>
#include <powerpc/hcall.h>
#include <powerpc/xics.h>

#define H_EOI 0x64
#define H_CPPR 0x68
#define H_IPI 0x6c
#define H_XIRR 0x74

bool xics_present(void)
{
	return dt_find_compatible("IBM,ppc-xicp") >= 0;
}

long xics_set_cppr(u8 cppr)
{
	return hcall(H_CPPR, cppr, 0, 0, 0);
}

long xics_ipi(u64 server, u8 mfrr)
{
	return hcall(H_IPI, server, mfrr, 0, 0);
}

u32 xics_accept(void)
{
	u64 rets[4];

	if (hcall_rets(H_XIRR, rets, 0, 0, 0, 0) != H_SUCCESS)
		return 0;
	return (u32)rets[0];
}

long xics_eoi(u32 xirr)
{
	return hcall(H_EOI, xirr, 0, 0, 0);
}
