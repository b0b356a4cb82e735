/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migrate.h: migration points (docs/migration.md). The guest asks the
 * runner to migrate it with a protocol line on its console and waits for
 * the runner's reply on the console's input (docs/output-protocol.md,
 * "Migration").
 */
#ifndef HV_MIGRATE_H
#define HV_MIGRATE_H

#include <types.h>

/*
 * Asks for a migration here. True once the VM runs on the destination;
 * false when it was not migrated: no migrating runner (the runner passes
 * "migration=runner" on the command line; without it nothing is asked and
 * nothing is awaited), or the runner declined (its migrate count is spent,
 * or migrate_skip() was called). migrate_reason() says which.
 */
bool migrate_point(void);

/*
 * migrate_point() that keeps the guest busy while it waits: BUSY(ARG) is
 * called between polls of the console input, from the request until the
 * runner's answer, on the source during the transfer and on the
 * destination after it. migrate_transferring() tells BUSY whether the
 * runner has said that the transfer started ("hvtest-migrating K").
 */
bool migrate_point_busy(void (*busy)(void *arg), void *arg);

/* True from the runner's "hvtest-migrating K" until its answer. */
bool migrate_transferring(void);

/* Why the last migrate_point() returned false. */
const char *migrate_reason(void);

/*
 * Tells the runner that this run will ask for no more migrations (the
 * feature a migrating case needs is missing, say); REASON goes in its log.
 * Later migrate_point() calls return false without asking.
 */
void migrate_skip(const char *reason);

/* How many migrations this guest has seen complete. */
int migrate_count(void);

#endif
