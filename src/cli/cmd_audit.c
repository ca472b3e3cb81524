/* SPDX-License-Identifier: MIT */
/*
 * cmd_audit.c — `argraph audit FILE...`: the citation audit for reviewers
 * (include/argraph/audit.h, docs/audit.md). Each file goes through the
 * shared pipeline (read → structure → rules → validate); the audit of all
 * of them is printed on stdout as one report, text by default.
 *
 * Exit: 0; 1 with --strict when any citation dangles; 2 usage (bad option,
 * bad rule or schema file); 3 when a file cannot be read or is not TEI
 * (the report then covers the files that could be).
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/audit.h"
#include "cli.h"
#include "inputs.h"
#include "options.h"
#include "pool.h"
#include "progress.h"

static const char audit_usage[] =
"usage: argraph audit [options] FILE|DIR|- ...\n"
"\n"
"Citation audit for reviewers: every citation (dangling ones first) with the\n"
"claim it is attached to and its stance; every reference-list entry and how\n"
"often it is cited; every cited author with the claims attributed to them and\n"
"whether the paper endorses, contests or only mentions them; the claims in the\n"
"paper's own voice that state a fact with nothing cited in their sentence or\n"
"paragraph; and a summary. Each finding has file:line and its sentence.\n"
"\n"
"  FILE            a TEI file (a teiCorpus: each TEI in it, as FILE~ID or\n"
"                  FILE~N); DIR: every *.xml under it, in name order;\n"
"                  -: read the paths from standard input, one a line\n"
"  --format F      text | json | md (default: text)\n"
"  -j, --jobs N    worker threads (default: the number of CPUs); the\n"
"                  report is the same whatever N is\n"
"  --strict        exit 1 when any citation dangles\n"
"  --rules FILE    add a rule file (repeatable)\n"
"  --no-rules      structure only: no stance, no attributed claims, no facts\n"
"  --schema S      graph schema (default: schemas/argraph-graph.xml)\n"
"  --no-validate   do not check the graph against the graph schema\n"
"  --max-size B    refuse larger inputs (default: 268435456)\n"
"  -q, --quiet     no summary line per file and no progress line on stderr\n"
"                  (the progress line is shown only on a terminal)\n"
"\n"
"Warnings about dangling citations are not repeated on stderr: the report\n"
"has them. Errors are (file:line: error: message [code]).\n"
"exit codes: 0 ok; 1 --strict and a citation dangles; 2 usage; 3 input error\n";

typedef struct audit_run {
	cli_pipeline pipe;
	cli_inputs in;
	argraph_audit *audit;
	int rc;
	cli_progress progress;
} audit_run;

static void *audit_work(void *ctx, size_t i, cli_pool_job *job)
{
	audit_run *run = ctx;
	return cli_doc_run(&run->pipe, run->in.paths[i], 0, job);
}

/* One document into the audit. */
static void audit_emit_one(audit_run *run, const cli_doc *d)
{
	argraph_status st = d->status;
	if (argraph_diags_count_at_least(d->diags, ARGRAPH_SEV_ERROR))
		cli_progress_clear(&run->progress);
	cli_print_diags(d->diags, 1); /* errors only: the report has the dangling citations */
	if (st == ARGRAPH_OK)
		st = argraph_audit_add_graph(run->audit, d->graph);
	if (st != ARGRAPH_OK) {
		if (st == ARGRAPH_ENOMEM) {
			char where[CLI_WHERE_MAX];
			cli_progress_clear(&run->progress);
			fprintf(stderr, "%s: error: %s\n", cli_doc_where(d, where, sizeof where),
				argraph_status_name(st));
		}
		if (cli_exit_for(st) > run->rc)
			run->rc = cli_exit_for(st);
	} else if (!run->pipe.quiet && d->errors) {
		char where[CLI_WHERE_MAX];
		cli_progress_clear(&run->progress);
		fprintf(stderr, "%s: the graph breaks the graph schema (%zu error%s); audited as it is\n",
			cli_doc_where(d, where, sizeof where), d->errors, d->errors == 1 ? "" : "s");
	}
}

/* A document (a teiCorpus member as soon as it is its turn): audited,
 * then freed. */
static int audit_emit_part(void *ctx, size_t i, void *part)
{
	(void)i;
	audit_emit_one(ctx, part);
	cli_doc_free(part);
	return 0;
}

/* What is left of a file once its members are in, in document order. */
static int audit_emit(void *ctx, size_t i, void *result)
{
	audit_run *run = ctx;
	cli_doc *d = result;
	if (!d) {
		fprintf(stderr, "%s: error: %s\n", run->in.paths[i], argraph_status_name(ARGRAPH_ENOMEM));
		if (cli_exit_for(ARGRAPH_ENOMEM) > run->rc)
			run->rc = cli_exit_for(ARGRAPH_ENOMEM);
		cli_progress_step(&run->progress, 0);
		return 0;
	}
	unsigned long long bytes = d->bytes;
	cli_doc_each(d, i, audit_emit_part, run);
	cli_progress_step(&run->progress, bytes);
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	audit_run run = {0};
	cli_common co;
	cli_common_init(&co);
	int strict = 0;
	argraph_audit_format format = ARGRAPH_AUDIT_TEXT;
	enum { OPT_FORMAT = 256, OPT_STRICT };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"help", no_argument, NULL, 'h'},
		CLI_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = cli_getopt(&co, "audit", argc, argv, "h", longopts)) != -1) {
		if (c == CLI_GETOPT_USAGE)
			return EXIT_USAGE;
		switch (c) {
		case OPT_FORMAT:
			if (!argraph_audit_format_from_name(optarg, &format)) {
				fprintf(stderr, "argraph audit: unknown format \"%s\" (text, json or md)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_STRICT: strict = 1; break;
		case 'h':
			fputs(audit_usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph audit: no input file (usage: argraph audit [--format text|json|md] [--strict] FILE|DIR|- ...)\n", stderr);
		return EXIT_USAGE;
	}
	int setup = cli_start(&co, "audit", &run.pipe, &run.in, argc, argv, optind, &run.rc);
	if (setup != EXIT_OK)
		return setup;
	if (argraph_audit_new(&run.audit) != ARGRAPH_OK) {
		cli_pipeline_release(&run.pipe);
		cli_inputs_free(&run.in);
		return EXIT_INPUT;
	}
	cli_progress_start(&run.progress, "argraph audit", run.in.len, co.quiet);
	if (cli_pool_run(run.in.len, cli_jobs(&co), audit_work, audit_emit_part, audit_emit,
		    cli_doc_drop, &run) < 0) {
		fputs("argraph audit: out of memory\n", stderr);
		run.rc = EXIT_INPUT;
	}
	cli_progress_end(&run.progress);
	cli_pipeline_release(&run.pipe);
	cli_inputs_free(&run.in);
	int rc = run.rc;
	argraph_audit *audit = run.audit;
	if (argraph_audit_document_count(audit)) {
		char *report = NULL;
		if (argraph_audit_render(&report, audit, format) != ARGRAPH_OK) {
			fputs("argraph audit: error: out of memory while writing the report\n", stderr);
			rc = EXIT_INPUT;
		} else {
			fputs(report, stdout);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				perror("argraph audit: stdout");
				rc = EXIT_INPUT;
			}
		}
		argraph_free(report);
		argraph_audit_summary sum = argraph_audit_get_summary(audit);
		if (strict && sum.dangling && rc < EXIT_FINDINGS)
			rc = EXIT_FINDINGS;
	}
	argraph_audit_free(audit);
	return rc;
}
