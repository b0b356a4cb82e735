// SPDX-License-Identifier: GPL-2.0-only
/* args.c: guest command line into options and positional arguments (args.h). */
#include <libtest.h>
#include <ctype.h>
#include "report_internal.h"

#define CMDLINE_MAX 1024
#define WORDS_MAX 64

struct option {
	const char *key;
	const char *value;
	bool used;
};

static char cmdline[CMDLINE_MAX];
static char words[CMDLINE_MAX];
static struct option options[WORDS_MAX];
static const char *positional[WORDS_MAX];
static int nr_options, nr_positional;

/* Only case= may repeat: each occurrence is one more filter. */
static void add_option(const char *key, const char *value)
{
	for (int i = 0; i < nr_options; i++)
		if (!strcmp(options[i].key, key) && strcmp(key, "case"))
			test_usage_error("option '%s' given twice", key);
	options[nr_options].key = key;
	options[nr_options].value = value;
	nr_options++;
}

static void classify(char *word, bool *want_case)
{
	char *eq = strchr(word, '=');

	if (*want_case) {
		add_option("case", word);
		*want_case = false;
	} else if (!strcmp(word, "-c")) {
		*want_case = true;
	} else if (eq && eq != word) {
		*eq = '\0';
		add_option(word, eq + 1);
	} else {
		positional[nr_positional++] = word;
	}
}

void args_parse(const char *line)
{
	bool want_case = false;
	char *p = words;

	if (strlen(line) >= CMDLINE_MAX)
		test_usage_error("command line longer than %d bytes",
				 CMDLINE_MAX - 1);
	strcpy(cmdline, line);
	strcpy(words, line);
	while (*p) {
		char *word;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		word = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
		if (nr_options + nr_positional >= WORDS_MAX)
			test_usage_error(
				"more than %d words on the command line",
				WORDS_MAX);
		classify(word, &want_case);
	}
	if (want_case)
		test_usage_error("-c needs a GLOB");
}

const char *arg_get(const char *key)
{
	return arg_get_nth(key, 0);
}

const char *arg_get_nth(const char *key, int n)
{
	for (int i = 0; i < nr_options; i++) {
		if (!strcmp(options[i].key, key) && n-- == 0) {
			options[i].used = true;
			return options[i].value;
		}
	}
	return NULL;
}

u64 arg_get_u64(const char *key, u64 deflt)
{
	const char *v = arg_get(key);
	char *end;
	u64 n;

	if (!v)
		return deflt;
	n = strtoull(v, &end, 0);
	if (!*v || *end)
		test_usage_error("option %s=%s is not a number", key, v);
	return n;
}

int arg_positional_count(void)
{
	return nr_positional;
}

const char *arg_positional(int index)
{
	return index < nr_positional ? positional[index] : NULL;
}

const char *arg_cmdline(void)
{
	return cmdline;
}

void args_warn_unused(void)
{
	for (int i = 0; i < nr_options; i++)
		if (!options[i].used)
			printf("# warning: option '%s' is not used by this "
			       "test\n",
			       options[i].key);
}
