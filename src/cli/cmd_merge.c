/* SPDX-License-Identifier: MIT */
/*
 * cmd_merge.c — `argraph merge`: JSON Lines shards (and graph JSON files)
 * → one corpus graph, the same person or work cited by several documents
 * being one node (include/argraph/merge.h). The merge is associative, so
 * shards made anywhere, merged in any order and grouping, give the same
 * bytes; with --jsonl the result is one JSON line that can itself be a
 * shard of a later merge. Inputs are read one line at a time; only the
 * merged graph is held in memory. Nothing is written when any input is bad.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argraph/merge.h"
#include "cli.h"
#include "cli_merge.h"

static const char merge_usage[] =
"usage: argraph merge [-o OUT] [--jsonl] [-q] INPUT...\n"
"\n"
"Merge graphs into one corpus graph: the same person, work or factor found\n"
"in several documents becomes one node (matched on normalised name, DOI,\n"
"or first author + year + title), every edge keeps its document. Any order\n"
"or grouping of the inputs gives the same output, byte for byte.\n"
"\n"
"  INPUT              JSON Lines (one graph per line, as `argraph jsonl`\n"
"                     or `merge --jsonl` write), a graph JSON file (as\n"
"                     `argraph map` writes), or - for standard input\n"
"  -o, --output FILE  write there (atomically) instead of standard output\n"
"  --jsonl            write the merged graph as one JSON line, so that it\n"
"                     can be merged again\n"
"  --max-size BYTES   the longest graph line (or graph file) read; a merged\n"
"                     corpus is one line (default: 4294967296, 4 GiB; the\n"
"                     line is held in memory while read)\n"
"  -q, --quiet        no summary on stderr\n"
"\n"
"exit codes: 0 ok; 2 usage; 3 an input is unreadable or not an argraph\n"
"graph (each bad line reported as file:line: message; nothing is written)\n";

int cmd_merge(int argc, char **argv)
{
	const char *output = NULL;
	int jsonl = 0, quiet = 0, c;
	/* a merged graph of 50 MB of TEI is a 250 MB line already */
	unsigned long long max_line = 4ULL << 30;
	enum { OPT_JSONL = 256, OPT_MAX_SIZE };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"jsonl", no_argument, NULL, OPT_JSONL},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case OPT_JSONL: jsonl = 1; break;
		case OPT_MAX_SIZE: {
			char *end = NULL;
			errno = 0;
			max_line = strtoull(optarg, &end, 10);
			if (!*optarg || *optarg == '-' || *end || errno || max_line == 0 || max_line > SIZE_MAX) {
				fprintf(stderr, "argraph merge: --max-size wants a positive number of bytes, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'q': quiet = 1; break;
		case 'h':
			fputs(merge_usage, stdout);
			return EXIT_OK;
		default:
			fputs("argraph merge: see argraph merge --help\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph merge: no input (usage: argraph merge [-o OUT] [--jsonl] INPUT...)\n", stderr);
		return EXIT_USAGE;
	}
	int rc = EXIT_OK;
	argraph_merge *m = NULL;
	argraph_graph *merged = NULL;
	argraph_diags *d = NULL;
	if (argraph_merge_new(&m) != ARGRAPH_OK || argraph_diags_new(&d) != ARGRAPH_OK) {
		rc = EXIT_INPUT;
		goto done;
	}
	for (int i = optind; i < argc; i++) {
		argraph_jsonl_reader *r = NULL;
		argraph_status st = argraph_jsonl_reader_new_file(&r, argv[i], d);
		if (st == ARGRAPH_OK)
			argraph_jsonl_reader_set_max_line(r, (size_t)max_line);
		while (st == ARGRAPH_OK) {
			argraph_graph *g = NULL;
			st = argraph_jsonl_reader_next(r, &g, d);
			if (st == ARGRAPH_ENOMEM || st == ARGRAPH_EIO)
				break;
			if (st != ARGRAPH_OK) { /* a bad line: reported; go on to find the others */
				rc = EXIT_INPUT;
				st = ARGRAPH_OK;
				continue;
			}
			if (!g)
				break;
			st = argraph_merge_add_graph(m, g, d);
			argraph_graph_free(g);
		}
		argraph_jsonl_reader_free(r);
		cli_print_diags(d, quiet);
		argraph_diags_clear(d);
		if (st != ARGRAPH_OK)
			rc = EXIT_INPUT;
	}
	if (rc != EXIT_OK)
		goto done;
	size_t graphs = argraph_merge_graph_count(m);
	argraph_status st = argraph_merge_finish(m, &merged, d);
	argraph_merge_free(m); /* what it held is in `merged` now */
	m = NULL;
	if (st == ARGRAPH_OK)
		st = cli_write_graph(merged, jsonl ? ARGRAPH_JSON_LINE : 0, output, d);
	cli_print_diags(d, quiet);
	if (st != ARGRAPH_OK) {
		if (!argraph_diags_count_at_least(d, ARGRAPH_SEV_ERROR))
			fprintf(stderr, "argraph merge: %s\n", argraph_status_name(st));
		rc = cli_exit_for(st);
		goto done;
	}
	if (!quiet)
		fprintf(stderr, "argraph merge: %zu graph%s → %zu nodes, %zu edges%s%s\n",
			graphs, graphs == 1 ? "" : "s",
			argraph_graph_node_count(merged), argraph_graph_edge_count(merged),
			output ? " in " : "", output ? output : "");
done:
	argraph_graph_free(merged);
	argraph_merge_free(m);
	argraph_diags_free(d);
	return rc;
}
