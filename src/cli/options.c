/* SPDX-License-Identifier: MIT */
/* options.c — the options map, validate, audit and jsonl share (options.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argraph/tei.h"
#include "options.h"

void cli_common_init(cli_common *c)
{
	memset(c, 0, sizeof *c);
	c->max_bytes = ARGRAPH_TEI_DEFAULT_MAX_BYTES;
}

/* A positive decimal number, nothing else ("-1", "12k", "" refused). */
static int parse_positive(const char *arg, unsigned long long *out)
{
	char *end = NULL;
	if (!arg || *arg < '0' || *arg > '9')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(arg, &end, 10);
	if (errno || *end || v == 0)
		return -1;
	*out = v;
	return 0;
}

int cli_common_option(cli_common *c, const char *cmd, int opt, const char *arg)
{
	unsigned long long v;
	switch (opt) {
	case CLI_OPT_RULES:
		if (c->n_user_rules == CLI_MAX_RULE_FILES) {
			fprintf(stderr, "argraph %s: too many --rules files (at most %d)\n", cmd, CLI_MAX_RULE_FILES);
			return -1;
		}
		c->user_rules[c->n_user_rules++] = arg;
		return 1;
	case CLI_OPT_NO_RULES:
		c->no_rules = 1;
		return 1;
	case CLI_OPT_SCHEMA:
		c->schema = arg;
		return 1;
	case CLI_OPT_NO_VALIDATE:
		c->no_validate = 1;
		return 1;
	case CLI_OPT_MAX_SIZE:
		if (parse_positive(arg, &v) != 0 || v > (unsigned long long)SIZE_MAX) {
			fprintf(stderr, "argraph %s: --max-size wants a positive number of bytes, not \"%s\"\n", cmd, arg);
			return -1;
		}
		c->max_bytes = (size_t)v;
		return 1;
	case 'j':
	case CLI_OPT_JOBS:
		if (parse_positive(arg, &v) != 0 || v > CLI_MAX_JOBS) {
			fprintf(stderr, "argraph %s: -j wants a number of workers from 1 to %d, not \"%s\"\n",
				cmd, CLI_MAX_JOBS, arg);
			return -1;
		}
		c->jobs = (unsigned)v;
		return 1;
	case 'q':
		c->quiet = 1;
		return 1;
	}
	return 0;
}

int cli_getopt(cli_common *c, const char *cmd, int argc, char **argv, const char *shortopts,
	const struct option *longopts)
{
	char all[64];
	snprintf(all, sizeof all, "%s%s", shortopts, CLI_COMMON_SHORTOPTS);
	for (;;) {
		int opt = getopt_long(argc, argv, all, longopts, NULL);
		if (opt == -1)
			return -1;
		int shared = cli_common_option(c, cmd, opt, optarg);
		if (shared < 0)
			return CLI_GETOPT_USAGE;
		if (!shared)
			return opt;
	}
}

unsigned cli_jobs(const cli_common *c)
{
	if (c->jobs)
		return c->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > CLI_MAX_JOBS ? CLI_MAX_JOBS : (unsigned)n;
}
