/* SPDX-License-Identifier: MIT */
/*
 * options.h — the command-line options every command that maps TEI files
 * shares (map, validate, audit, jsonl): rule files, the graph schema, the
 * size limit, the worker count and quietness. One table, one parser, so
 * the commands spell and check them alike.
 */
#ifndef ARGRAPH_CLI_OPTIONS_H
#define ARGRAPH_CLI_OPTIONS_H

#include <getopt.h>
#include <stddef.h>

/* Long-option values; a command's own options use values below 1000. */
enum {
	CLI_OPT_RULES = 1000,
	CLI_OPT_NO_RULES,
	CLI_OPT_SCHEMA,
	CLI_OPT_NO_VALIDATE,
	CLI_OPT_MAX_SIZE,
	CLI_OPT_JOBS,
};

/* The shared entries of a `struct option` table; end the table with
 * {NULL, 0, NULL, 0} after them. */
#define CLI_COMMON_LONGOPTS                                               \
	{"rules", required_argument, NULL, CLI_OPT_RULES},                \
	{"no-rules", no_argument, NULL, CLI_OPT_NO_RULES},                \
	{"schema", required_argument, NULL, CLI_OPT_SCHEMA},              \
	{"no-validate", no_argument, NULL, CLI_OPT_NO_VALIDATE},          \
	{"max-size", required_argument, NULL, CLI_OPT_MAX_SIZE},          \
	{"jobs", required_argument, NULL, CLI_OPT_JOBS},                  \
	{"quiet", no_argument, NULL, 'q'}

/* The shared short options, for the getopt string: -j N, -q. */
#define CLI_COMMON_SHORTOPTS "j:q"

#define CLI_MAX_RULE_FILES 64
/* Most worker threads -j accepts. */
#define CLI_MAX_JOBS 256

typedef struct cli_common {
	const char *user_rules[CLI_MAX_RULE_FILES];
	size_t n_user_rules;
	int no_rules, no_validate, quiet;
	const char *schema;  /* NULL: the bundled graph schema */
	size_t max_bytes;    /* input size limit */
	unsigned jobs;       /* worker threads; 0 until given: see cli_jobs() */
} cli_common;

/* Defaults: the library's size limit, everything else off. */
void cli_common_init(cli_common *c);

/* Handle one getopt_long result if it is a shared option. Returns 1 when
 * it was one (and was good), 0 when it is not shared, -1 on a bad value
 * (reported on stderr as "argraph CMD: ..."; exit with EXIT_USAGE). */
int cli_common_option(cli_common *c, const char *cmd, int opt, const char *arg);

/* getopt_long over a command's options with the shared ones handled here:
 * returns the next option the command handles itself, -1 after the last
 * option, or CLI_GETOPT_USAGE after a bad value of a shared option (said
 * on stderr; exit with EXIT_USAGE). `shortopts` are the command's own
 * short options; the shared ones are added. */
#define CLI_GETOPT_USAGE (-2)
int cli_getopt(cli_common *c, const char *cmd, int argc, char **argv, const char *shortopts,
	const struct option *longopts);

/* Workers to run: -j N, else the number of online CPUs (at least 1). */
unsigned cli_jobs(const cli_common *c);

#endif
