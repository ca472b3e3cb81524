/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pipeline.c — the whole pipeline on arbitrary bytes, through every
 * exporter that runs in-process: TEI reader → structure → rules (the
 * bundled ones) → graph check → graph schema (the default one) → JSON →
 * JSON read back → DOT (cgraph) → citation audit (text, JSON, Markdown);
 * and graphs read back from JSON or JSON Lines and merged. Layout and rendering (gvc) stay out: they
 * leak per call and can abort (TECHNOTES §3.6–3.7); the CLI runs them in a
 * child process.
 *
 * The first byte chooses the options:
 *   bit 0     run the rules          bit 1     validate against the schema
 *   bits 2-3  DOT view (all, causal, argument, citation)
 *   bits 4-5  label language (none, zh, en, fr)
 *   bit 6     TEI: clusters and legend off; JSON: read it as JSON Lines
 *             and merge every graph in it (argraph merge)
 *   bit 7     the rest is JSON, not TEI: read it back as a graph
 * Invariants: a graph the pipeline builds, reads back or merges passes
 * argraph_graph_check(); its JSON reads back, and writing that again gives
 * the same bytes (nothing is lost); DOT export and the audit report of any
 * graph succeed.
 */
#include "fuzz_common.h"

#include "argraph/merge.h"

static argraph_ruleset *rules;
static argraph_graph_schema *schema;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	rules = fuzz_bundled_rules();
	schema = fuzz_default_schema();
	return 0;
}

/* JSON out, read back, out again: the same bytes. Returns the first JSON. */
static void json_round_trip(const argraph_graph *g, argraph_diags *diags)
{
	char *j1 = NULL, *j2 = NULL;
	argraph_graph *back = NULL;
	argraph_status st = argraph_json_to_string(&j1, g, diags);
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
	if (st != ARGRAPH_OK)
		goto done;
	st = argraph_json_read_mem(&back, j1, strlen(j1), "fuzz.json", diags);
	if (st != ARGRAPH_OK) {
		argraph_diags_print(diags, stderr);
		FUZZ_CHECK(st == ARGRAPH_ENOMEM); /* our own JSON always reads back */
		goto done;
	}
	FUZZ_CHECK(argraph_graph_node_count(back) == argraph_graph_node_count(g));
	FUZZ_CHECK(argraph_graph_edge_count(back) == argraph_graph_edge_count(g));
	FUZZ_CHECK(argraph_graph_check(back) == ARGRAPH_OK);
	st = argraph_json_to_string(&j2, back, diags);
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
	if (st == ARGRAPH_OK && strcmp(j1, j2) != 0) {
		fprintf(stderr, "JSON written:\n%s\nJSON read back and written again:\n%s\n", j1, j2);
		FUZZ_CHECK(!"the JSON round trip lost or changed something");
	}
done:
	argraph_graph_free(back);
	free(j1);
	free(j2);
}

static void dot_export(const argraph_graph *g, uint8_t opt, argraph_diags *diags)
{
	static const char *const langs[] = {NULL, "zh", "en", "fr"};
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = (argraph_view)((opt >> 2) & 3);
	o.lang = langs[(opt >> 4) & 3];
	o.clusters = o.legend = (opt & 0x80) || !(opt & 0x40);
	char *dot = NULL;
	argraph_status st = argraph_dot_to_string(&dot, g, &o, diags);
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
	if (st == ARGRAPH_OK)
		FUZZ_CHECK(dot && strncmp(dot, "digraph", 7) == 0);
	free(dot);
}

static void audit(const argraph_graph *g)
{
	argraph_audit *a = NULL;
	if (argraph_audit_new(&a) != ARGRAPH_OK)
		return;
	argraph_status st = argraph_audit_add_graph(a, g);
	/* a graph read back from JSON may lack a document node */
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_EINVALID || st == ARGRAPH_ENOMEM);
	if (st == ARGRAPH_OK) {
		static const argraph_audit_format formats[] = {
			ARGRAPH_AUDIT_TEXT, ARGRAPH_AUDIT_JSON, ARGRAPH_AUDIT_MARKDOWN};
		for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
			char *out = NULL;
			st = argraph_audit_render(&out, a, formats[i]);
			FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
			FUZZ_CHECK(st != ARGRAPH_OK || out != NULL);
			free(out);
		}
	}
	argraph_audit_free(a);
}

static void validate(const argraph_graph *g, argraph_diags *diags)
{
	size_t errors = 0, warnings = 0;
	argraph_status st = argraph_graph_validate(g, schema, diags, &errors, &warnings);
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
}

static void from_tei(uint8_t opt, const char *buf, size_t len, argraph_diags *diags)
{
	argraph_doc *doc = NULL;
	argraph_graph *g = NULL;
	argraph_tei_options topts = ARGRAPH_TEI_OPTIONS_INIT;
	if (argraph_tei_read_mem(&doc, buf, len, "fuzz.tei.xml", &topts, diags) != ARGRAPH_OK)
		return;
	if (argraph_graph_new(&g) != ARGRAPH_OK)
		goto done;
	argraph_status st = argraph_extract_structure(g, doc, "fuzz", diags);
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
	if (st != ARGRAPH_OK)
		goto done;
	if (opt & 1) {
		st = argraph_extract_rules(g, doc, rules, "fuzz", diags);
		FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
		if (st != ARGRAPH_OK)
			goto done;
	}
	if (argraph_graph_check(g) != ARGRAPH_OK) {
		argraph_diags_print(diags, stderr);
		FUZZ_CHECK(!"the extracted graph fails argraph_graph_check()");
	}
	if (opt & 2)
		validate(g, diags);
	json_round_trip(g, diags);
	dot_export(g, opt, diags);
	audit(g);
done:
	argraph_graph_free(g);
	argraph_doc_free(doc);
}

static void from_json(uint8_t opt, const char *buf, size_t len, argraph_diags *diags)
{
	argraph_graph *g = NULL;
	if (argraph_json_read_mem(&g, buf, len, "fuzz.json", diags) != ARGRAPH_OK)
		return;
	FUZZ_CHECK(argraph_graph_check(g) == ARGRAPH_OK);
	if (opt & 2)
		validate(g, diags);
	json_round_trip(g, diags);
	dot_export(g, opt, diags);
	audit(g);
	argraph_graph_free(g);
}

/* JSON Lines: every graph in the stream (bad lines are skipped), merged. */
static void from_jsonl(uint8_t opt, const char *buf, size_t len, argraph_diags *diags)
{
	FILE *fp = len ? fmemopen((void *)buf, len, "r") : NULL;
	argraph_jsonl_reader *r = NULL;
	argraph_merge *m = NULL;
	argraph_graph *merged = NULL;
	if (!fp || argraph_jsonl_reader_new_stream(&r, fp, "fuzz.jsonl") != ARGRAPH_OK
	    || argraph_merge_new(&m) != ARGRAPH_OK)
		goto done;
	argraph_jsonl_reader_set_max_line(r, 1 << 20);
	for (int lines = 0; lines < 64; lines++) {
		argraph_graph *g = NULL;
		argraph_status st = argraph_jsonl_reader_next(r, &g, diags);
		if (st == ARGRAPH_OK && !g)
			break; /* end of the stream */
		if (st == ARGRAPH_ENOMEM || st == ARGRAPH_EIO) {
			argraph_graph_free(g);
			break;
		}
		if (g) {
			FUZZ_CHECK(argraph_graph_check(g) == ARGRAPH_OK);
			st = argraph_merge_add_graph(m, g, diags);
			argraph_graph_free(g);
			if (st != ARGRAPH_OK)
				goto done;
		}
	}
	if (argraph_merge_graph_count(m) && argraph_merge_finish(m, &merged, diags) == ARGRAPH_OK) {
		FUZZ_CHECK(argraph_graph_check(merged) == ARGRAPH_OK);
		if (opt & 2)
			validate(merged, diags);
		json_round_trip(merged, diags);
		dot_export(merged, opt, diags);
		audit(merged);
	}
done:
	argraph_graph_free(merged);
	argraph_merge_free(m);
	argraph_jsonl_reader_free(r);
	if (fp)
		fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	argraph_diags *diags = NULL;
	if (argraph_diags_new(&diags) != ARGRAPH_OK)
		return 0;
	if ((data[0] & 0xc0) == 0xc0)
		from_jsonl(data[0], (const char *)data + 1, size - 1, diags);
	else if (data[0] & 0x80)
		from_json(data[0], (const char *)data + 1, size - 1, diags);
	else
		from_tei(data[0], (const char *)data + 1, size - 1, diags);
	fuzz_check_diags(diags);
	argraph_diags_free(diags);
	return 0;
}
