// SPDX-License-Identifier: GPL-2.0-only
/* common.c: the migration step every case of x86/migration/ shares. */
#include "migration.h"

bool migrate_or_skip(void)
{
	if (migrate_point())
		return true;
	report_skip("not migrated: %s", migrate_reason());
	return false;
}
