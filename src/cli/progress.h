/* SPDX-License-Identifier: MIT */
/*
 * progress.h — the progress line of long runs on stderr:
 *
 *   argraph map: 1,234/100,000 documents  41.3 MB  12.5 MB/s  0:03 
 *
 * redrawn in place (carriage return) at most ten times a second, only when
 * stderr is a terminal and the run is not quiet: a log file or a pipe gets
 * no control characters. Diagnostics printed during the run first clear
 * the line (cli_progress_clear), so they never mix with it.
 */
#ifndef ARGRAPH_CLI_PROGRESS_H
#define ARGRAPH_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct cli_progress {
	int on;
	const char *what;         /* "argraph map" */
	size_t total, done;
	uint64_t bytes;
	struct timespec start, last;
	int drawn;                /* the line is on the screen */
} cli_progress;

/* On when stderr is a terminal and !quiet. */
void cli_progress_start(cli_progress *p, const char *what, size_t total, int quiet);
/* One more input done, of `bytes` bytes; redraws when due (or at the last). */
void cli_progress_step(cli_progress *p, uint64_t bytes);
/* Erase the line (before other output on stderr); the next step redraws it. */
void cli_progress_clear(cli_progress *p);
/* Erase the line for good. */
void cli_progress_end(cli_progress *p);

#endif
