/* SPDX-License-Identifier: MIT */
/*
 * stages.c — where the per-document pass spends its CPU time (a benchmark
 * tool, public API only; bench/run.sh builds and runs it, bench/README.md
 * reads its figures).
 *
 *   argraph_stagebench DATADIR < LIST        (LIST: one TEI path a line)
 *
 * Exit 0; 3 when the tight loop found other matches than the file-by-file
 * matching (a defect); 1 when the rules or the graph schema cannot be
 * loaded; 2 on usage.
 *
 * First, for every file, in the pass's own order and with its own calls
 * (as `argraph jsonl -j 1` does for a <TEI> file, minus the worker pool
 * and the output; a teiCorpus file is skipped): read, structure, rules,
 * validate, JSON. Then, file by file again, each
 * document is read and its sentences matched by the cue rules alone: what
 * the rules stage pays PCRE2 in the pass's setting (caches shared with
 * reading; the rest of the rules stage is building the graph from the
 * matches). Last, every sentence of every file is matched once more in
 * one tight loop (warm caches): the least matching can cost.
 * CPU seconds of this process (CLOCK_PROCESS_CPUTIME_ID).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "argraph/argraph.h"
#include "tools.h"

typedef struct match_run {
	const argraph_ruleset *rs;
	size_t matches;
} match_run;

static void match_one(void *ctx, const char *text, const char *lang)
{
	match_run *mr = ctx;
	argraph_rules_match(mr->rs, ARGRAPH_RULE_NONE, lang, text, strlen(text), count_match,
		&mr->matches);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: argraph_stagebench DATADIR < LIST\n", stderr);
		return 2;
	}
	argraph_ruleset *rs = load_rules(argv[1], NULL, 0);
	char def[4096], rng[4096];
	snprintf(def, sizeof def, "%s/schemas/argraph-graph.xml", argv[1]);
	snprintf(rng, sizeof rng, "%s/schemas/argraph-graph-schema.rng", argv[1]);
	argraph_graph_schema *schema = NULL;
	argraph_diags *sd = NULL;
	argraph_diags_new(&sd);
	if (!rs || argraph_graph_schema_read_file(&schema, def, rng, sd) != ARGRAPH_OK) {
		argraph_diags_print(sd, stderr);
		fputs("argraph_stagebench: cannot load the rules or the graph schema\n", stderr);
		return 1;
	}
	argraph_diags_free(sd);

	double t_read = 0, t_structure = 0, t_match = 0, t_rules = 0, t_validate = 0, t_json = 0;
	size_t files = 0, bytes_out = 0;
	sentences all = {0};
	char **paths = NULL;
	size_t npaths = read_paths(stdin, &paths);
	for (size_t f = 0; f < npaths; f++) {
		const char *path = paths[f];
		argraph_diags *d = NULL;
		argraph_diags_new(&d);
		argraph_doc *doc = NULL;
		double t0 = cpu_now();
		if (argraph_tei_read_file(&doc, path, NULL, d) != ARGRAPH_OK) {
			argraph_diags_free(d);
			continue;
		}
		double t1 = cpu_now();
		char *key = argraph_doc_key_from_path(path);
		argraph_graph *g = NULL;
		argraph_graph_new(&g);
		argraph_extract_structure(g, doc, key, d);
		double t2 = cpu_now();
		argraph_extract_rules(g, doc, rs, key, d);
		double t3 = cpu_now();
		size_t errors, warnings;
		argraph_graph_validate(g, schema, d, &errors, &warnings);
		double t4 = cpu_now();
		char *out = NULL;
		argraph_json_to_line(&out, g, d);
		double t5 = cpu_now();
		bytes_out += out ? strlen(out) : 0;
		argraph_free(out);
		argraph_graph_free(g);
		argraph_doc_free(doc);
		free(key);
		argraph_diags_free(d);
		t_read += t1 - t0;
		t_structure += t2 - t1;
		t_rules += t3 - t2;
		t_validate += t4 - t3;
		t_json += t5 - t4;
		files++;
	}
	match_run in_pass = {rs, 0};
	for (size_t f = 0; f < npaths; f++) {
		argraph_doc *doc = NULL;
		if (argraph_tei_read_file(&doc, paths[f], NULL, NULL) == ARGRAPH_OK) {
			double t0 = cpu_now();
			each_sentence(doc, match_one, &in_pass);
			t_match += cpu_now() - t0;
			each_sentence(doc, keep_sentence, &all);
		}
		argraph_doc_free(doc);
		free(paths[f]);
	}
	free(paths);
	match_run tight = {rs, 0};
	double t0 = cpu_now();
	for (size_t i = 0; i < all.len; i++)
		match_one(&tight, all.items[i].text, all.items[i].lang);
	double t_tight = cpu_now() - t0;

	printf("stages of the per-document pass, CPU s over %zu files (%zu sentences, %zu matches, %.0f MB of JSON):\n",
		files, all.len, in_pass.matches, (double)bytes_out / 1048576.0);
	printf("  read (TEI parse, document model)  %6.3f\n", t_read);
	printf("  structure                         %6.3f\n", t_structure);
	printf("  rules                             %6.3f   of which matching about %.3f (matched alone after reading each file)\n",
		t_rules, t_match);
	printf("  validate                          %6.3f\n", t_validate);
	printf("  JSON line                         %6.3f\n", t_json);
	printf("  rule matching alone, one tight loop over every sentence: %.3f (%zu matches)\n",
		t_tight, tight.matches);
	sentences_release(&all);
	argraph_graph_schema_free(schema);
	argraph_rules_free(rs);
	return tight.matches == in_pass.matches ? 0 : 3;
}
