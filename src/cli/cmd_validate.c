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

int cmd_validate(int argc, char **argv)
{
	cli_pipeline pipe = {0};
	pipe.max_bytes = ARGRAPH_TEI_DEFAULT_MAX_BYTES;
	const char *schema = NULL;
	const char *user_rules[64];
	size_t n_user_rules = 0;
	int no_rules = 0, strict = 0;
	enum { OPT_SCHEMA = 256, OPT_RULES, OPT_NO_RULES, OPT_STRICT };
	static const struct option longopts[] = {
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"rules", required_argument, NULL, OPT_RULES},
		{"no-rules", no_argument, NULL, OPT_NO_RULES},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SCHEMA: schema = optarg; break;
		case OPT_RULES:
			if (n_user_rules < sizeof user_rules / sizeof *user_rules)
				user_rules[n_user_rules++] = optarg;
			break;
		case OPT_NO_RULES: no_rules = 1; break;
		case OPT_STRICT: strict = 1; break;
		case 'q': pipe.quiet = 1; break;
		case 'h':
			fputs("usage: argraph validate [--schema S] [--strict] FILE.tei.xml|GRAPH.json...\n", stdout);
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph validate: no input file (usage: argraph validate [--schema S] FILE...)\n", stderr);
		return EXIT_USAGE;
	}
	int rc = cli_pipeline_setup(&pipe, user_rules, n_user_rules, no_rules, schema, 0);
	if (rc != EXIT_OK)
		return rc;
	for (int i = optind; i < argc; i++) {
		argraph_diags *d = NULL;
		argraph_graph *g = NULL;
		char *key = NULL;
		size_t errors = 0, warnings = 0;
		if (argraph_diags_new(&d) != ARGRAPH_OK)
			return EXIT_INPUT;
		argraph_status st;
		size_t n = strlen(argv[i]);
		if (n > 5 && strcmp(argv[i] + n - 5, ".json") == 0) {
			/* a graph written earlier: read it back and check it */
			st = argraph_json_read_file(&g, argv[i], pipe.max_bytes, d);
			if (st == ARGRAPH_OK)
				st = argraph_graph_validate(g, pipe.schema, d, &errors, &warnings);
		} else {
			st = cli_pipeline_run(&pipe, argv[i], &g, &key, d, &errors, &warnings);
		}
		cli_print_diags(d, pipe.quiet);
		int r;
		if (st != ARGRAPH_OK)
			r = cli_exit_for(st);
		else {
			r = errors || (strict && warnings) ? EXIT_FINDINGS : EXIT_OK;
			if (!pipe.quiet)
				fprintf(stderr, "%s: %zu node%s, %zu edge%s: %zu error%s, %zu warning%s\n", argv[i],
					argraph_graph_node_count(g), argraph_graph_node_count(g) == 1 ? "" : "s",
					argraph_graph_edge_count(g), argraph_graph_edge_count(g) == 1 ? "" : "s",
					errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
		}
		if (r > rc)
			rc = r;
		argraph_graph_free(g);
		free(key);
		argraph_diags_free(d);
	}
	cli_pipeline_release(&pipe);
	return rc;
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
