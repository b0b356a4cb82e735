// SPDX-License-Identifier: GPL-2.0-only
/* fault_site.c: lookups in the .fault_sites table of fault_probe() (fault_site.h). */
#include <arch_hooks.h>

const struct fault_site *fault_site_at(u64 addr)
{
	for (const struct fault_site *s = __fault_sites_start;
	     s < __fault_sites_end; s++)
		if (s->insn == addr)
			return s;
	return NULL;
}

const struct fault_site *fault_site_ending_at(u64 addr)
{
	for (const struct fault_site *s = __fault_sites_start;
	     s < __fault_sites_end; s++)
		if (s->resume == addr)
			return s;
	return NULL;
}
