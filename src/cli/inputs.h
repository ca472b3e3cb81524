/* SPDX-License-Identifier: MIT */
/*
 * inputs.h — the list of TEI files a command works on, from its operands:
 * a FILE as given, a DIR as every *.xml under it (name order, symbolic
 * links to directories not followed), "-" as the paths on standard input,
 * one a line. The order is the operands' order, so a run's outputs do not
 * depend on how a file system lists a directory.
 */
#ifndef ARGRAPH_CLI_INPUTS_H
#define ARGRAPH_CLI_INPUTS_H

#include <stddef.h>

typedef struct cli_inputs {
	char **paths;
	size_t len, cap;
	int corpus; /* a DIR or "-" was among the operands, or several operands */
} cli_inputs;

/* Add the files one operand names. Returns 0; 1 when a directory could
 * not be read (reported "DIR: error: ...", the rest is kept); -1 out of
 * memory. A missing FILE is added as it is: reading it reports it. */
int cli_inputs_add(cli_inputs *in, const char *operand);

/* Add every operand of argv[first..argc); sets `corpus`. Same returns,
 * the worst of them. */
int cli_inputs_add_all(cli_inputs *in, int argc, char **argv, int first);

/* Add one path as it is. 0 or -1 (out of memory). */
int cli_inputs_push(cli_inputs *in, const char *path);

void cli_inputs_free(cli_inputs *in);

#endif
