/* SPDX-License-Identifier: MIT */
/* cli.h — shared bits of the command-line front end (the only code that
 * touches argv, stdout and exit codes). */
#ifndef ARGRAPH_CLI_H
#define ARGRAPH_CLI_H

#include "argraph/argraph.h"

/* Exit codes (documented in --help and the README). */
enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1, /* validation findings, when asked to fail on them */
	EXIT_USAGE = 2,    /* bad command line, bad rule or schema file */
	EXIT_INPUT = 3     /* input or output error: unreadable, malformed, unwritable */
};

/* Directory holding corpus/, rules/, schemas/: $ARGRAPH_DATADIR, else the
 * source tree the binary was built from, else the install location. */
const char *cli_datadir(void);
/* Exit code for a library status. */
int cli_exit_for(argraph_status st);
/* Print diagnostics to stderr; quiet drops notes and warnings. */
void cli_print_diags(const argraph_diags *d, int quiet);

int cmd_map(int argc, char **argv);

#endif
