/* SPDX-License-Identifier: MIT */
/*
 * cmd_validate.c — `argraph validate` (the graph against the graph schema)
 * and `argraph validate-tei` (the input against the TEI subset schema).
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/schema.h"
#include "cli.h"
#include "inputs.h"
#include "options.h"
#include "pool.h"

static const char validate_usage[] =
"usage: argraph validate [options] FILE.tei.xml|GRAPH.json|DIR|- ...\n"
"\n"
"Map each TEI file (or read each graph JSON written earlier) and check the\n"
"graph against the graph schema: every violation as file:line: message\n"
"[code], and a summary line per input (per document of a teiCorpus file:\n"
"FILE:LINE: FILE~ID: ...).\n"
"\n"
"  DIR                every *.xml under it, in name order; -: the paths on\n"
"                     standard input, one a line\n"
"  --schema S         graph schema (default: schemas/argraph-graph.xml)\n"
"  --strict           warnings fail too\n"
"  -j, --jobs N       worker threads (default: the number of CPUs)\n"
"  --rules FILE       add a rule file (repeatable)\n"
"  --no-rules         structure only: no cue rules\n"
"  --max-size BYTES   refuse larger inputs (default: 268435456)\n"
"  -q, --quiet        errors only, no summary lines\n"
"\n"
"exit codes: 0 valid; 1 a graph has errors (--strict: or warnings); 2 usage;\n"
"3 an input could not be read\n";

typedef struct validate_run {
	cli_pipeline pipe;
	cli_inputs in;
	int strict, rc;
} validate_run;

static int is_graph_json(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcmp(path + n - 5, ".json") == 0;
}

static void *validate_work(void *ctx, size_t i, cli_pool_job *job)
{
	validate_run *run = ctx;
	const char *path = run->in.paths[i];
	if (!is_graph_json(path))
		return cli_doc_run(&run->pipe, path, 0, job);
	/* a graph written earlier: read it back and check it */
	cli_doc *d = calloc(1, sizeof *d);
	if (!d || argraph_diags_new(&d->diags) != ARGRAPH_OK) {
		free(d);
		return NULL;
	}
	d->path = path;
	d->status = argraph_json_read_file(&d->graph, path, run->pipe.max_bytes, d->diags);
	if (d->status == ARGRAPH_OK)
		d->status = argraph_graph_validate(d->graph, run->pipe.schema, d->diags, &d->errors, &d->warnings);
	return d;
}

/* One document's findings. */
static int validate_emit_one(validate_run *run, const cli_doc *d)
{
	cli_print_diags(d->diags, run->pipe.quiet);
	if (d->status != ARGRAPH_OK)
		return cli_exit_for(d->status);
	const argraph_graph *g = d->graph;
	char where[CLI_WHERE_MAX];
	if (!run->pipe.quiet)
		fprintf(stderr, "%s: %s%s%zu node%s, %zu edge%s: %zu error%s, %zu warning%s\n",
			cli_doc_where(d, where, sizeof where), d->member ? d->key : "", d->member ? ": " : "",
			argraph_graph_node_count(g), argraph_graph_node_count(g) == 1 ? "" : "s",
			argraph_graph_edge_count(g), argraph_graph_edge_count(g) == 1 ? "" : "s",
			d->errors, d->errors == 1 ? "" : "s", d->warnings, d->warnings == 1 ? "" : "s");
	return d->errors || (run->strict && d->warnings) ? EXIT_FINDINGS : EXIT_OK;
}

/* A document (a teiCorpus member as soon as it is its turn): checked,
 * then freed. */
static int validate_emit_part(void *ctx, size_t i, void *part)
{
	validate_run *run = ctx;
	(void)i;
	int r = validate_emit_one(run, part);
	if (r > run->rc)
		run->rc = r;
	cli_doc_free(part);
	return 0;
}

/* What is left of a file once its members are checked, in document order. */
static int validate_emit(void *ctx, size_t i, void *result)
{
	validate_run *run = ctx;
	cli_doc *d = result;
	if (!d) {
		fprintf(stderr, "%s: error: out of memory\n", run->in.paths[i]);
		if (EXIT_INPUT > run->rc)
			run->rc = EXIT_INPUT;
		return 0;
	}
	return cli_doc_each(d, i, validate_emit_part, run);
}

int cmd_validate(int argc, char **argv)
{
	validate_run run = {0};
	cli_common co;
	cli_common_init(&co);
	enum { OPT_STRICT = 256 };
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, OPT_STRICT},
		{"help", no_argument, NULL, 'h'},
		CLI_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = cli_getopt(&co, "validate", argc, argv, "h", longopts)) != -1) {
		if (c == CLI_GETOPT_USAGE)
			return EXIT_USAGE;
		switch (c) {
		case OPT_STRICT: run.strict = 1; break;
		case 'h':
			fputs(validate_usage, stdout);
			return EXIT_OK;
		default:
			fputs("argraph validate: see argraph validate --help\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (co.no_validate) { /* a shared option that cannot apply here */
		fputs("argraph validate: --no-validate makes no sense here\n", stderr);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		fputs("argraph validate: no input file (usage: argraph validate [--schema S] FILE...)\n", stderr);
		return EXIT_USAGE;
	}
	int setup = cli_start(&co, "validate", &run.pipe, &run.in, argc, argv, optind, &run.rc);
	if (setup != EXIT_OK)
		return setup;
	if (cli_pool_run(run.in.len, cli_jobs(&co), validate_work, validate_emit_part, validate_emit,
		    cli_doc_drop, &run) < 0) {
		fputs("argraph validate: out of memory\n", stderr);
		run.rc = EXIT_INPUT;
	}
	cli_pipeline_release(&run.pipe);
	cli_inputs_free(&run.in);
	return run.rc;
}

/* ---- validate-tei: the input against the TEI subset schema ---- */

int cmd_validate_tei(int argc, char **argv)
{
	const char *rng_path = NULL;
	int quiet = 0, c;
	static const struct option longopts[] = {
		{"schema", required_argument, NULL, 's'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': rng_path = optarg; break;
		case 'q': quiet = 1; break;
		case 'h':
			fputs("usage: argraph validate-tei [--schema RNG] FILE.tei.xml...\n", stdout);
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph validate-tei: no input file\n", stderr);
		return EXIT_USAGE;
	}
	char def[4096];
	snprintf(def, sizeof def, "%s/schemas/argraph-tei.rng", cli_datadir());
	argraph_diags *d = NULL;
	argraph_tei_schema *schema = NULL;
	if (argraph_diags_new(&d) != ARGRAPH_OK)
		return EXIT_INPUT;
	if (argraph_tei_schema_read_file(&schema, rng_path ? rng_path : def, d) != ARGRAPH_OK) {
		cli_print_diags(d, 0);
		argraph_diags_free(d);
		return EXIT_USAGE;
	}
	int rc = EXIT_OK;
	for (int i = optind; i < argc; i++) {
		argraph_diags_clear(d);
		argraph_status st = argraph_tei_validate_file(schema, argv[i], NULL, d);
		cli_print_diags(d, quiet);
		int r = st == ARGRAPH_OK ? EXIT_OK : st == ARGRAPH_EINVALID ? EXIT_FINDINGS : cli_exit_for(st);
		if (st == ARGRAPH_OK && !quiet)
			fprintf(stderr, "%s: valid\n", argv[i]);
		if (r > rc)
			rc = r;
	}
	argraph_tei_schema_free(schema);
	argraph_diags_free(d);
	return rc;
}
