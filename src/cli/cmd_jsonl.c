/* SPDX-License-Identifier: MIT */
/*
 * cmd_jsonl.c — `argraph jsonl`: TEI files → one compact JSON graph per
 * line (JSON Lines), the per-document half of a corpus run whose other
 * half is `argraph merge`. Documents run on a pool of worker threads
 * (pool.h); their lines come out in input order, whatever -j is, and each
 * document is forgotten once its line is out, so memory stays that of a
 * few documents per worker. Each line leaves in one write(2), so several
 * processes appending to one file (>>) do not interleave their lines.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argraph/merge.h"
#include "cli.h"
#include "cli_merge.h"
#include "inputs.h"
#include "options.h"
#include "pool.h"
#include "progress.h"

static const char jsonl_usage[] =
"usage: argraph jsonl [options] FILE|DIR|- ...\n"
"\n"
"Map each TEI file to its graph and write it as one line of JSON (JSON\n"
"Lines, format argraph-graph/1), for `argraph merge` or other tools.\n"
"Lines come out in input order whatever the number of workers.\n"
"\n"
"  FILE               a TEI file: a line; a teiCorpus: a line per TEI in it,\n"
"                     in order, keyed FILE~ID (its xml:id) or FILE~N (its\n"
"                     position); DIR: every *.xml under it, in name order;\n"
"                     -: read the paths from standard input, one a line\n"
"  -o, --output FILE  write there (atomically) instead of standard output\n"
"  -j, --jobs N       worker threads (default: the number of CPUs)\n"
"  --rules FILE       add a rule file (repeatable)\n"
"  --no-rules         structure only: no cue rules\n"
"  --schema S         graph schema (default: schemas/argraph-graph.xml)\n"
"  --no-validate      do not check graphs against the graph schema\n"
"  --force            write graphs that break the schema too\n"
"  --max-size BYTES   refuse larger inputs (default: 268435456)\n"
"  -q, --quiet        only errors on stderr, no progress line (there is\n"
"                     one only when stderr is a terminal)\n"
"\n"
"exit codes: 0 ok; 1 a graph broke the graph schema (left out unless\n"
"--force); 2 usage; 3 an input (or a teiCorpus member) could not be read\n"
"(left out; the others are written)\n";

/* Write all of buf to fd in as few write(2) calls as the kernel allows. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

typedef struct jsonl_run {
	cli_pipeline pipe;
	cli_inputs in;
	unsigned doc_flags;
	int fd;
	const char *output;
	int rc;
	cli_progress progress;
} jsonl_run;

static void *jsonl_work(void *ctx, size_t i, cli_pool_job *job)
{
	jsonl_run *run = ctx;
	return cli_doc_run(&run->pipe, run->in.paths[i], run->doc_flags, job);
}

/* One document's line (or why there is none); nonzero: the output
 * failed, stop. */
static int jsonl_emit_one(jsonl_run *run, const cli_doc *d)
{
	int r = EXIT_OK, stop = 0;
	if (argraph_diags_count(d->diags) || d->status != ARGRAPH_OK || d->errors)
		cli_progress_clear(&run->progress);
	cli_print_diags(d->diags, run->pipe.quiet);
	if (d->status != ARGRAPH_OK) {
		r = cli_exit_for(d->status);
	} else if (!d->line) {
		char where[CLI_WHERE_MAX];
		fprintf(stderr, "%s: error: the graph breaks the graph schema; left out (--force writes it)\n",
			cli_doc_where(d, where, sizeof where));
		r = EXIT_FINDINGS;
	} else if (write_all(run->fd, d->line, strlen(d->line)) < 0) {
		cli_progress_clear(&run->progress);
		fprintf(stderr, "%s: error: cannot write: %s\n", run->output ? run->output : "<stdout>",
			strerror(errno));
		r = EXIT_INPUT;
		stop = 1; /* the output failed: stop */
	}
	if (r > run->rc)
		run->rc = r;
	return stop;
}

/* A document (a teiCorpus member as soon as it is its turn): its line,
 * then it is forgotten. */
static int jsonl_emit_part(void *ctx, size_t i, void *part)
{
	(void)i;
	int stop = jsonl_emit_one(ctx, part);
	cli_doc_free(part);
	return stop;
}

/* What is left of a file once its members are out (a <TEI> file: its
 * document), in document order. */
static int jsonl_emit(void *ctx, size_t i, void *result)
{
	jsonl_run *run = ctx;
	cli_doc *d = result;
	if (!d) {
		fprintf(stderr, "%s: error: out of memory\n", run->in.paths[i]);
		if (EXIT_INPUT > run->rc)
			run->rc = EXIT_INPUT;
		return 0;
	}
	unsigned long long bytes = d->bytes;
	int stop = cli_doc_each(d, i, jsonl_emit_part, run);
	cli_progress_step(&run->progress, bytes);
	return stop;
}

int cmd_jsonl(int argc, char **argv)
{
	jsonl_run run = {0};
	cli_common co;
	cli_common_init(&co);
	const char *output = NULL;
	int force = 0, c;
	enum { OPT_FORCE = 256 };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, OPT_FORCE},
		{"help", no_argument, NULL, 'h'},
		CLI_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	optind = 1;
	while ((c = cli_getopt(&co, "jsonl", argc, argv, "o:h", longopts)) != -1) {
		if (c == CLI_GETOPT_USAGE)
			return EXIT_USAGE;
		switch (c) {
		case 'o': output = optarg; break;
		case OPT_FORCE: force = 1; break;
		case 'h':
			fputs(jsonl_usage, stdout);
			return EXIT_OK;
		default:
			fputs("argraph jsonl: see argraph jsonl --help\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph jsonl: no input (usage: argraph jsonl [options] FILE|DIR|- ...)\n", stderr);
		return EXIT_USAGE;
	}
	run.doc_flags = CLI_DOC_LINE | CLI_DOC_NO_GRAPH | (force ? CLI_DOC_FORCE : 0);
	run.output = output;
	run.fd = STDOUT_FILENO;
	char *tmp = NULL;
	int setup = cli_start(&co, "jsonl", &run.pipe, &run.in, argc, argv, optind, &run.rc);
	if (setup != EXIT_OK)
		return setup;
	if (output) {
		size_t n = strlen(output) + 32;
		if (!(tmp = malloc(n))) {
			run.rc = EXIT_INPUT;
			goto done;
		}
		snprintf(tmp, n, "%s.tmp.%ld", output, (long)getpid());
		FILE *probe = fopen(tmp, "wb");
		if (!probe) {
			fprintf(stderr, "%s: error: cannot write: %s\n", output, strerror(errno));
			free(tmp);
			tmp = NULL;
			run.rc = EXIT_INPUT;
			goto done;
		}
		run.fd = dup(fileno(probe));
		fclose(probe);
		if (run.fd < 0) {
			run.rc = EXIT_INPUT;
			goto done;
		}
	}
	cli_progress_start(&run.progress, "argraph jsonl", run.in.len, co.quiet);
	if (cli_pool_run(run.in.len, cli_jobs(&co), jsonl_work, jsonl_emit_part, jsonl_emit,
		    cli_doc_drop, &run) < 0) {
		fputs("argraph jsonl: out of memory\n", stderr);
		run.rc = EXIT_INPUT;
	}
	cli_progress_end(&run.progress);
	if (output) {
		int bad = fsync(run.fd) != 0 && errno != EINVAL;
		bad |= close(run.fd) != 0;
		run.fd = -1;
		if (bad || rename(tmp, output) != 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", output, strerror(errno));
			run.rc = EXIT_INPUT;
		}
	}
done:
	if (tmp) {
		if (run.fd >= 0 && run.fd != STDOUT_FILENO)
			close(run.fd);
		unlink(tmp); /* gone already after a successful rename */
		free(tmp);
	}
	cli_pipeline_release(&run.pipe);
	cli_inputs_free(&run.in);
	return run.rc;
}
