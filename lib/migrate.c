// SPDX-License-Identifier: GPL-2.0-only
/*
 * migrate.c: the guest side of the migration handshake
 * (docs/output-protocol.md, "Migration"). A request is the TAP comment
 * "# hvtest-migrate n=K" (a report_info line); the runner answers on the console input with
 * "hvtest-migrated K" (the VM now runs on the destination) or
 * "hvtest-stay K REASON" (no migration); before either it may say
 * "hvtest-migrating K" (the transfer has started). Other input lines are
 * ignored.
 */
#include <libtest.h>
#include <console.h>
#include <migrate.h>

#define LINE_MAX_LEN 96

static int requested;
static int completed;
static bool declined;
static bool transferring;
static char reason[LINE_MAX_LEN];

const char *migrate_reason(void)
{
	return reason;
}

int migrate_count(void)
{
	return completed;
}

void migrate_skip(const char *why)
{
	report_info("hvtest-migrate-skip %s", why);
	snprintf(reason, sizeof(reason), "%s", why);
	declined = true;
}

bool migrate_transferring(void)
{
	return transferring;
}

/*
 * One line of console input, without its end of line. Waits for it,
 * calling BUSY(ARG) (when not NULL) each time no byte is pending: only a
 * migrating runner is asked, and it always answers (or its timeout ends
 * the run).
 */
static void read_line(char *buf, size_t size, void (*busy)(void *), void *arg)
{
	size_t len = 0;

	for (;;) {
		int c = console_getchar();

		/* NUL is no text (QEMU's SCLP VT220 input starts with one). */
		if (c <= 0) {
			if (busy)
				busy(arg);
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (len)
				break;
			continue;
		}
		if (len + 1 < size)
			buf[len++] = (char)c;
	}
	buf[len] = '\0';
}

/* "WORD K" or "WORD K REST": true when LINE is WORD for point K; REST out. */
static bool reply_is(const char *line, const char *word, int k,
		     const char **rest)
{
	size_t n = strlen(word);
	char *end;

	if (strncmp(line, word, n) || line[n] != ' ')
		return false;
	if ((int)strtoul(line + n + 1, &end, 10) != k)
		return false;
	if (*end && *end != ' ')
		return false;
	*rest = *end ? end + 1 : end;
	return true;
}

bool migrate_point_busy(void (*busy)(void *), void *arg)
{
	const char *who = arg_get("migration");
	char line[LINE_MAX_LEN];
	const char *rest;
	int k;

	if (declined)
		return false;
	if (!who || strcmp(who, "runner")) {
		snprintf(reason, sizeof(reason),
			 "no migrating runner (needs a migrate = key in "
			 "unittests.cfg)");
		return false;
	}
	k = ++requested;
	report_info("hvtest-migrate n=%d", k);
	for (;;) {
		const char *msg = line;

		read_line(line, sizeof(line), busy, arg);
		/*
		 * From the line's last "hvtest-": the switch to the destination
		 * can cut a "hvtest-migrating K" sent to the source, leaving a
		 * fragment in front of the next line.
		 */
		for (const char *p = line; (p = strstr(p, "hvtest-")); p++)
			msg = p;
		if (reply_is(msg, "hvtest-migrating", k, &rest)) {
			transferring = true;
			continue;
		}
		if (reply_is(msg, "hvtest-migrated", k, &rest)) {
			transferring = false;
			completed++;
			return true;
		}
		if (reply_is(msg, "hvtest-stay", k, &rest)) {
			transferring = false;
			snprintf(reason, sizeof(reason),
				 "runner did not migrate: %s", rest);
			return false;
		}
	}
}

bool migrate_point(void)
{
	return migrate_point_busy(NULL, NULL);
}
