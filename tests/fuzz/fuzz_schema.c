/* SPDX-License-Identifier: MIT */
/*
 * fuzz_schema.c — the graph-schema loader on arbitrary bytes, then the
 * schemas it accepted against a real graph.
 *
 * The first byte chooses the options: bit 0 runs the RELAX NG stage with
 * the bundled grammar (schemas/argraph-graph-schema.rng; without it, the
 * loader's own checks must still hold). The rest is the schema file. A
 * schema that loads is used to validate the graph of the bundled test
 * document (tests/data/tei/mini-zh.tei.xml, built once).
 */
#include "fuzz_common.h"

static char rng_path[4096];
static argraph_graph *graph; /* built once, read-only afterwards */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char tei[4096];
	snprintf(rng_path, sizeof rng_path, "%s/schemas/argraph-graph-schema.rng", fuzz_datadir());
	snprintf(tei, sizeof tei, "%s/tests/data/tei/mini-zh.tei.xml", fuzz_datadir());
	argraph_ruleset *rules = fuzz_bundled_rules();
	argraph_doc *doc = NULL;
	argraph_diags *d = NULL;
	if (argraph_diags_new(&d) != ARGRAPH_OK || argraph_graph_new(&graph) != ARGRAPH_OK)
		fuzz_die("out of memory", NULL);
	if (argraph_tei_read_file(&doc, tei, NULL, d) != ARGRAPH_OK
	    || argraph_extract_structure(graph, doc, "mini", d) != ARGRAPH_OK
	    || argraph_extract_rules(graph, doc, rules, "mini", d) != ARGRAPH_OK)
		fuzz_die(tei, d);
	argraph_doc_free(doc);
	argraph_rules_free(rules);
	argraph_diags_free(d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	argraph_diags *diags = NULL;
	argraph_graph_schema *s = NULL;
	if (argraph_diags_new(&diags) != ARGRAPH_OK)
		return 0;
	argraph_status st = argraph_graph_schema_read_mem(&s, (const char *)data + 1, size - 1,
		"fuzz-schema.xml", (data[0] & 1) ? rng_path : NULL, diags);
	fuzz_check_diags(diags);
	if (st != ARGRAPH_OK) {
		FUZZ_CHECK(s == NULL);
		FUZZ_CHECK(st == ARGRAPH_ENOMEM
			|| argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) > 0);
	} else {
		FUZZ_CHECK(s != NULL);
		FUZZ_CHECK(argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) == 0);
		for (size_t i = 0; i < argraph_graph_schema_node_kind_count(s); i++)
			FUZZ_CHECK(argraph_node_kind_name(argraph_graph_schema_node_kind_at(s, i)));
		for (size_t i = 0; i < argraph_graph_schema_edge_kind_count(s); i++)
			FUZZ_CHECK(argraph_edge_kind_name(argraph_graph_schema_edge_kind_at(s, i)));
		argraph_diags_clear(diags);
		size_t errors = 0, warnings = 0;
		st = argraph_graph_validate(graph, s, diags, &errors, &warnings);
		FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
		fuzz_check_diags(diags);
		if (st == ARGRAPH_OK) {
			FUZZ_CHECK(argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) == errors);
			FUZZ_CHECK(argraph_diags_count(diags) == errors + warnings);
		}
	}
	argraph_graph_schema_free(s);
	argraph_diags_free(diags);
	return 0;
}
