/* SPDX-License-Identifier: MIT */
/* main.c — `argraph`: command dispatch, --help, --version. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_merge.h"

static const char usage[] =
"usage: argraph <command> [options] [FILE...]\n"
"\n"
"Reads TEI P5 XML of a scholarly text, extracts its argument (claims,\n"
"causes, who asserts what, citations) into a typed graph, and draws it.\n"
"\n"
"commands:\n"
"  map [FILE|DIR|-]...  map a TEI file to DIR/NAME.json (the graph) and one\n"
"                     diagram per view, DIR/NAME.<view>.{dot,svg,png}; a\n"
"                     corpus (several files, a directory, - for paths on\n"
"                     stdin) on -j workers, merged into DIR/corpus.json,\n"
"                     corpus.jsonl and its causal and citation views; with\n"
"                     no operand, the bundled corpus into output/\n"
"                     (argraph map --help)\n"
"  validate FILE|DIR...  map and check the graph against the graph schema;\n"
"                     exit 1 when it has errors (--strict: or warnings)\n"
"  validate-tei FILE...  check TEI input against schemas/argraph-tei.rng;\n"
"                     exit 1 when it is not valid\n"
"  audit FILE|DIR...  citation audit for reviewers: citations (dangling first),\n"
"                     reference-list use, cited authors and the paper's stance,\n"
"                     uncited factual claims; --format text|json|md, --strict:\n"
"                     exit 1 when a citation dangles (argraph audit --help)\n"
"  jsonl FILE|DIR...  one compact JSON graph per line per document, on stdout\n"
"                     (shards for `merge`; argraph jsonl --help)\n"
"  merge SHARD...     merge JSON Lines shards / JSON graphs into one graph in\n"
"                     which the same person, work or factor is one node; any\n"
"                     order and grouping gives the same bytes (argraph merge --help)\n"
"\n"
"options of map (all: argraph map --help):\n"
"  -o, --output DIR   where to write (default: output)\n"
"  -j, --jobs N       worker threads (default: the number of CPUs)\n"
"  --view V[,V...]    causal | argument | citation | all\n"
"  --top N, --min-degree K   draw only the best-connected nodes of a view\n"
"  --engine E         auto | dot | neato | fdp | sfdp (default: auto: dot up\n"
"                     to 2,000 drawn nodes, sfdp beyond)\n"
"  --lang L           label language where a node has both: zh | en\n"
"  --formats LIST     dot,svg,png,pdf,json,jsonl\n"
"  --rules FILE       add a rule file (repeatable; docs/rules.md)\n"
"  --no-rules         structure only: no cue rules\n"
"  --force            write the outputs even when the graph breaks the schema\n"
"  -q, --quiet        only errors on stderr, no progress line\n"
"\n"
"  -h, --help         this text\n"
"  --version          print the version\n"
"\n"
"exit codes:\n"
"  0  success\n"
"  1  validation findings: `validate`/`validate-tei` found errors, or `map`\n"
"     refused to write a graph that breaks the graph schema, or `audit\n"
"     --strict` found a dangling citation\n"
"  2  usage error (bad option, unknown command, bad rule or schema file)\n"
"  3  input or output error (missing, unreadable or malformed file, not TEI,\n"
"     output not writable); nothing is written for a file that fails\n";

const char *cli_datadir(void)
{
	const char *env = getenv("ARGRAPH_DATADIR");
	if (env && *env)
		return env;
	struct stat sb;
	if (stat(ARGRAPH_SOURCE_DATADIR "/corpus", &sb) == 0 && S_ISDIR(sb.st_mode))
		return ARGRAPH_SOURCE_DATADIR;
	return ARGRAPH_INSTALL_DATADIR;
}

int cli_exit_for(argraph_status st)
{
	switch (st) {
	case ARGRAPH_OK:
		return EXIT_OK;
	case ARGRAPH_EINVALID:
	case ARGRAPH_EPARSE:
	case ARGRAPH_EIO:
	case ARGRAPH_ETOOBIG:
	case ARGRAPH_ENOTFOUND:
	case ARGRAPH_ENOMEM:
	case ARGRAPH_ERROR:
		break;
	}
	return EXIT_INPUT;
}

void cli_print_diags(const argraph_diags *d, int quiet)
{
	for (size_t i = 0; i < argraph_diags_count(d); i++) {
		const argraph_diag *dg = argraph_diags_at(d, i);
		if (quiet && dg->severity < ARGRAPH_SEV_ERROR)
			continue;
		if (dg->pos.file) {
			fputs(dg->pos.file, stderr);
			if (dg->pos.line) {
				fprintf(stderr, ":%u", dg->pos.line);
				if (dg->pos.column)
					fprintf(stderr, ":%u", dg->pos.column);
			}
			fputs(": ", stderr);
		}
		fprintf(stderr, "%s: %s", argraph_severity_name(dg->severity), dg->message);
		if (dg->code && *dg->code)
			fprintf(stderr, " [%s]", dg->code);
		fputc('\n', stderr);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("argraph %s\n", argraph_version());
		return EXIT_OK;
	}
	int rc;
	if (strcmp(cmd, "map") == 0) {
		rc = cmd_map(argc - 1, argv + 1);
	} else if (strcmp(cmd, "validate") == 0) {
		rc = cmd_validate(argc - 1, argv + 1);
	} else if (strcmp(cmd, "validate-tei") == 0) {
		rc = cmd_validate_tei(argc - 1, argv + 1);
	} else if (strcmp(cmd, "jsonl") == 0) {
		rc = cmd_jsonl(argc - 1, argv + 1);
	} else if (strcmp(cmd, "merge") == 0) {
		rc = cmd_merge(argc - 1, argv + 1);
	} else if (strcmp(cmd, "audit") == 0) {
		rc = cmd_audit(argc - 1, argv + 1);
	} else {
		fprintf(stderr, "argraph: unknown command \"%s\" (try argraph --help)\n", cmd);
		rc = EXIT_USAGE;
	}
	argraph_tei_cleanup();
	return rc;
}
