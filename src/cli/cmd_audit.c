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

static const char audit_usage[] =
"usage: argraph audit [options] FILE.tei.xml...\n"
"\n"
"Citation audit for reviewers: every citation (dangling ones first) with the\n"
"claim it is attached to and its stance; every reference-list entry and how\n"
"often it is cited; every cited author with the claims attributed to them and\n"
"whether the paper endorses, contests or only mentions them; the claims in the\n"
"paper's own voice that state a fact with nothing cited in their sentence or\n"
"paragraph; and a summary. Each finding has file:line and its sentence.\n"
"\n"
"  --format F      text | json | md (default: text)\n"
"  --strict        exit 1 when any citation dangles\n"
"  --rules FILE    add a rule file (repeatable)\n"
"  --no-rules      structure only: no stance, no attributed claims, no facts\n"
"  --schema S      graph schema (default: schemas/argraph-graph.xml)\n"
"  --no-validate   do not check the graph against the graph schema\n"
"  --max-size B    refuse larger inputs (default: 268435456)\n"
"  -q, --quiet     no summary line per file on stderr\n"
"\n"
"Warnings about dangling citations are not repeated on stderr: the report\n"
"has them. Errors are (file:line: error: message [code]).\n"
"exit codes: 0 ok; 1 --strict and a citation dangles; 2 usage; 3 input error\n";

int cmd_audit(int argc, char **argv)
{
	cli_pipeline pipe = {0};
	pipe.max_bytes = ARGRAPH_TEI_DEFAULT_MAX_BYTES;
	const char *schema = NULL;
	const char *user_rules[64];
	size_t n_user_rules = 0;
	int no_rules = 0, no_validate = 0, strict = 0;
	argraph_audit_format format = ARGRAPH_AUDIT_TEXT;
	enum { OPT_FORMAT = 256, OPT_STRICT, OPT_RULES, OPT_NO_RULES, OPT_SCHEMA, OPT_NO_VALIDATE, OPT_MAX_SIZE };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"rules", required_argument, NULL, OPT_RULES},
		{"no-rules", no_argument, NULL, OPT_NO_RULES},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"no-validate", no_argument, NULL, OPT_NO_VALIDATE},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!argraph_audit_format_from_name(optarg, &format)) {
				fprintf(stderr, "argraph audit: unknown format \"%s\" (text, json or md)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_STRICT: strict = 1; break;
		case OPT_RULES:
			if (n_user_rules == sizeof user_rules / sizeof *user_rules) {
				fputs("argraph audit: too many --rules files (at most 64)\n", stderr);
				return EXIT_USAGE;
			}
			user_rules[n_user_rules++] = optarg;
			break;
		case OPT_NO_RULES: no_rules = 1; break;
		case OPT_SCHEMA: schema = optarg; break;
		case OPT_NO_VALIDATE: no_validate = 1; break;
		case OPT_MAX_SIZE: {
			char *end = NULL;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (!*optarg || *end || v == 0 || optarg[0] == '-') {
				fprintf(stderr, "argraph audit: --max-size wants a positive number of bytes, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			pipe.max_bytes = (size_t)v;
			break;
		}
		case 'q': pipe.quiet = 1; break;
		case 'h':
			fputs(audit_usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph audit: no input file (usage: argraph audit [--format text|json|md] [--strict] FILE...)\n", stderr);
		return EXIT_USAGE;
	}
	int rc = cli_pipeline_setup(&pipe, user_rules, n_user_rules, no_rules, schema, no_validate);
	if (rc != EXIT_OK)
		return rc;
	argraph_audit *audit = NULL;
	if (argraph_audit_new(&audit) != ARGRAPH_OK) {
		cli_pipeline_release(&pipe);
		return EXIT_INPUT;
	}
	for (int i = optind; i < argc; i++) {
		argraph_diags *d = NULL;
		argraph_graph *g = NULL;
		char *key = NULL;
		size_t errors = 0, warnings = 0;
		if (argraph_diags_new(&d) != ARGRAPH_OK) {
			rc = EXIT_INPUT;
			break;
		}
		argraph_status st = cli_pipeline_run(&pipe, argv[i], &g, &key, d, &errors, &warnings);
		cli_print_diags(d, 1); /* errors only: the report has the dangling citations */
		if (st == ARGRAPH_OK)
			st = argraph_audit_add_graph(audit, g);
		if (st != ARGRAPH_OK) {
			if (st == ARGRAPH_ENOMEM)
				fprintf(stderr, "%s: error: %s\n", argv[i], argraph_status_name(st));
			if (cli_exit_for(st) > rc)
				rc = cli_exit_for(st);
		} else if (!pipe.quiet && errors) {
			fprintf(stderr, "%s: the graph breaks the graph schema (%zu error%s); audited as it is\n",
				argv[i], errors, errors == 1 ? "" : "s");
		}
		argraph_graph_free(g);
		free(key);
		argraph_diags_free(d);
	}
	cli_pipeline_release(&pipe);
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
