/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migration.h: shared by the cases of the migration test (x86/migration/).
 * Each case sets up guest-visible state, asks the runner to migrate the VM
 * (lib/migrate.h), and checks that the state the architecture defines
 * survived: a migrated VM must be indistinguishable from one that was
 * not, so every rule cited for a register or timer holds across it.
 */
#ifndef HV_X86_MIGRATION_H
#define HV_X86_MIGRATION_H

#include <libtest.h>
#include <migrate.h>

/*
 * Migrates here; false (after a report_skip naming why) when the VM was
 * not migrated, so that the caller returns.
 */
bool migrate_or_skip(void);

#endif
