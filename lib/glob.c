// SPDX-License-Identifier: GPL-2.0-only
/* glob.c: shell-style wildcard matching for case selection (glob.h). */
#include <glob.h>

bool glob_match(const char *pattern, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*pattern == '*') {
			star = pattern++;
			resume = s;
		} else if (*pattern == '?' || *pattern == *s) {
			pattern++;
			s++;
		} else if (star) {
			/* Let the last '*' absorb one more character. */
			pattern = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pattern == '*')
		pattern++;
	return !*pattern;
}
