/* SPDX-License-Identifier: MIT */
/*
 * test_schema.c — the graph schema loader and the graph validator.
 *
 * Covers: the default schema loads clean and agrees with the kind table
 * (src/graph/kinds.c) on node kinds, edge kinds and allowed ends; a valid
 * hand-built graph validates clean; for every rule, a graph that breaks
 * exactly that rule gives exactly one diagnostic with the rule's code, the
 * element's id in the message and the element's provenance as position;
 * bad schema files (tests/schema/graph/, each noting the expected line and
 * code in a comment) are reported at the right line, with and without the
 * RELAX NG stage; entities, missing files and big line numbers.
 *
 * argv[1] is the source directory.
 */
#include "argraph/diag.h"
#include "argraph/graph.h"
#include "argraph/schema.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "graph/kinds.h"

/* ---- a small harness ---- */

static int checks, failures;
static const char *current_test = "";

static int check_(int ok, const char *file, int line, const char *what)
{
	checks++;
	if (!ok) {
		failures++;
		fprintf(stderr, "%s:%d: [%s] check failed: %s\n", file, line, current_test, what);
	}
	return ok;
}

static int int_eq_(long long a, long long b, const char *file, int line,
	const char *ea, const char *eb)
{
	checks++;
	if (a != b) {
		failures++;
		fprintf(stderr, "%s:%d: [%s] %s == %s: got %lld, expected %lld\n", file, line,
			current_test, ea, eb, a, b);
		return 0;
	}
	return 1;
}

static int str_eq_(const char *a, const char *b, const char *file, int line,
	const char *ea, const char *eb)
{
	checks++;
	if (!a || !b || strcmp(a, b) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: [%s] %s == %s: got \"%s\", expected \"%s\"\n", file, line,
			current_test, ea, eb, a ? a : "(null)", b ? b : "(null)");
		return 0;
	}
	return 1;
}

static int has_str_(const char *hay, const char *needle, const char *file, int line)
{
	checks++;
	if (!hay || !strstr(hay, needle)) {
		failures++;
		fprintf(stderr, "%s:%d: [%s] \"%s\" does not contain \"%s\"\n", file, line,
			current_test, hay ? hay : "(null)", needle);
		return 0;
	}
	return 1;
}

#define OK(c) check_(!!(c), __FILE__, __LINE__, #c)
#define INT_EQ(a, b) int_eq_((long long)(a), (long long)(b), __FILE__, __LINE__, #a, #b)
#define STR_EQ(a, b) str_eq_((a), (b), __FILE__, __LINE__, #a, #b)
#define HAS_STR(h, n) has_str_((h), (n), __FILE__, __LINE__)
#define TEST(name) current_test = #name

static void dump_diags(const argraph_diags *d)
{
	if (argraph_diags_count(d))
		fprintf(stderr, "  diagnostics were:\n");
	for (size_t i = 0; i < argraph_diags_count(d); i++) {
		const argraph_diag *dg = argraph_diags_at(d, i);
		fprintf(stderr, "    %s:%u: %s: %s [%s]\n", dg->pos.file ? dg->pos.file : "-",
			dg->pos.line, argraph_severity_name(dg->severity), dg->message, dg->code);
	}
}

/* ---- fixtures ---- */

static const char *srcdir = ".";
static char default_path[4096], rng_path[4096];
static argraph_graph_schema *dflt; /* the default schema, loaded once */

#define TEI "paper.tei.xml"

static size_t node(argraph_graph *g, argraph_node_kind k, const char *id, unsigned line)
{
	argraph_prov p = {TEI, line, id, NULL, NULL, 0, 0};
	size_t i = ARGRAPH_NONE;
	OK(argraph_graph_add_node(g, k, id, &p, &i) == ARGRAPH_OK);
	OK(argraph_graph_set_label(g, i, NULL, id) == ARGRAPH_OK);
	return i;
}

static void attr(argraph_graph *g, size_t n, const char *name, const char *value)
{
	OK(argraph_graph_set_node_attr(g, n, name, value) == ARGRAPH_OK);
}

/* An edge; line 0 gives it no provenance at all. */
static size_t edge(argraph_graph *g, argraph_edge_kind k, size_t s, size_t t, unsigned line)
{
	argraph_prov p = {TEI, line, NULL, NULL, NULL, 0, 0};
	size_t i = ARGRAPH_NONE;
	OK(argraph_graph_add_edge(g, k, s, t, NULL, line ? &p : NULL, &i) == ARGRAPH_OK);
	return i;
}

#define N(id) argraph_graph_find_node(g, id)

/*
 * A small graph that is valid under the default schema and uses every node
 * kind and every edge kind. Node lines are those given below.
 */
static argraph_graph *base_graph(void)
{
	argraph_graph *g = NULL;
	if (!OK(argraph_graph_new(&g) == ARGRAPH_OK))
		exit(1);
	size_t d1 = node(g, ARGRAPH_NODE_DOCUMENT, "d1", 1);
	attr(g, d1, "file", TEI);
	attr(g, d1, "lang", "zh");
	attr(g, d1, "title", "北约的制度化");

	size_t s1 = node(g, ARGRAPH_NODE_SECTION, "s1", 10);
	attr(g, s1, "type", "chapter");
	attr(g, s1, "n", "1");
	attr(g, s1, "head", "引言");
	attr(g, s1, "depth", "1");
	attr(g, s1, "area", "body");
	attr(g, s1, "lang", "zh");
	edge(g, ARGRAPH_EDGE_PART_OF, s1, d1, 10);
	size_t s2 = node(g, ARGRAPH_NODE_SECTION, "s2", 20);
	attr(g, s2, "depth", "2");
	attr(g, s2, "area", "abstract");
	edge(g, ARGRAPH_EDGE_PART_OF, s2, s1, 20);

	size_t c1 = node(g, ARGRAPH_NODE_CLAIM, "c1", 11);
	attr(g, c1, "text", "NATO survived because it institutionalised.");
	attr(g, c1, "lang", "en");
	attr(g, c1, "role", "thesis");
	attr(g, c1, "voice", "author");
	attr(g, c1, "certainty", "asserted");
	attr(g, c1, "sentence", "0");
	edge(g, ARGRAPH_EDGE_IN, c1, s1, 11);
	size_t c2 = node(g, ARGRAPH_NODE_CLAIM, "c2", 21);
	attr(g, c2, "text", "Institutions lower the cost of cooperation.");
	attr(g, c2, "role", "premise");
	attr(g, c2, "sentence", "1");
	edge(g, ARGRAPH_EDGE_IN, c2, s2, 21);
	edge(g, ARGRAPH_EDGE_SUPPORTS, c2, c1, 21);
	size_t c3 = node(g, ARGRAPH_NODE_CLAIM, "c3", 22);
	attr(g, c3, "text", "Alliances dissolve once the threat is gone.");
	attr(g, c3, "role", "counter-claim");
	attr(g, c3, "voice", "attributed");
	attr(g, c3, "certainty", "hedged");
	edge(g, ARGRAPH_EDGE_IN, c3, s2, 22);
	edge(g, ARGRAPH_EDGE_ATTACKS, c3, c1, 22);

	size_t f1 = node(g, ARGRAPH_NODE_FACTOR, "f1", 12);
	attr(g, f1, "term", "institutionalisation");
	size_t f2 = node(g, ARGRAPH_NODE_FACTOR, "f2", 13);
	edge(g, ARGRAPH_EDGE_CAUSES, f1, f2, 12);

	size_t p1 = node(g, ARGRAPH_NODE_PERSON, "p1", 30);
	attr(g, p1, "ref", "#mearsheimer");
	attr(g, p1, "role", "cited-author");
	edge(g, ARGRAPH_EDGE_ASSERTS, p1, c3, 22);
	edge(g, ARGRAPH_EDGE_ASSERTS, d1, c1, 11);

	size_t w1 = node(g, ARGRAPH_NODE_WORK, "w1", 40);
	attr(g, w1, "title", "Back to the Future");
	attr(g, w1, "year", "1990");
	attr(g, w1, "doi", "10.2307/2538981");
	attr(g, w1, "authors", "Mearsheimer");
	attr(g, w1, "bibl", "b1");
	edge(g, ARGRAPH_EDGE_AUTHORED, p1, w1, 40);

	size_t cit1 = node(g, ARGRAPH_NODE_CITATION, "cit1", 21);
	attr(g, cit1, "marker", "[1]");
	attr(g, cit1, "status", "resolved");
	attr(g, cit1, "target", "#b1");
	attr(g, cit1, "form", "numeric");
	attr(g, cit1, "stance", "supports");
	edge(g, ARGRAPH_EDGE_CITES, c2, cit1, 21);
	edge(g, ARGRAPH_EDGE_RESOLVES_TO, cit1, w1, 21);
	size_t cit2 = node(g, ARGRAPH_NODE_CITATION, "cit2", 22);
	attr(g, cit2, "marker", "(Smith 2001)");
	attr(g, cit2, "status", "dangling");
	attr(g, cit2, "form", "author-year");
	attr(g, cit2, "stance", "contrasts");
	edge(g, ARGRAPH_EDGE_CITES, c3, cit2, 22);

	edge(g, ARGRAPH_EDGE_CITES, c1, w1, 11);
	edge(g, ARGRAPH_EDGE_MENTIONS, c1, p1, 11);
	edge(g, ARGRAPH_EDGE_MENTIONS, c1, f1, 11);
	OK(argraph_graph_check(g) == ARGRAPH_OK);
	return g;
}

static argraph_diags *new_diags(void)
{
	argraph_diags *d = NULL;
	if (!OK(argraph_diags_new(&d) == ARGRAPH_OK))
		exit(1);
	return d;
}

/*
 * Validate and expect exactly one diagnostic: its severity, code, a piece of
 * its message, and its position (file TEI, `line`, `xml_id` unless NULL).
 */
static void expect_one(const argraph_graph *g, const argraph_graph_schema *s,
	argraph_severity sev, const char *code, const char *needle, unsigned line,
	const char *xml_id)
{
	argraph_diags *d = new_diags();
	size_t errors = 99, warnings = 99;
	OK(argraph_graph_validate(g, s, d, &errors, &warnings) == ARGRAPH_OK);
	if (INT_EQ(argraph_diags_count(d), 1)) {
		const argraph_diag *dg = argraph_diags_at(d, 0);
		STR_EQ(dg->code, code);
		INT_EQ(dg->severity, sev);
		HAS_STR(dg->message, needle);
		STR_EQ(dg->pos.file, TEI);
		INT_EQ(dg->pos.line, line);
		if (xml_id)
			STR_EQ(dg->pos.xml_id, xml_id);
		INT_EQ(errors, sev == ARGRAPH_SEV_ERROR);
		INT_EQ(warnings, sev == ARGRAPH_SEV_WARNING);
	} else {
		dump_diags(d);
	}
	argraph_diags_free(d);
}

static void expect_clean(const argraph_graph *g, const argraph_graph_schema *s)
{
	argraph_diags *d = new_diags();
	size_t errors = 99, warnings = 99;
	OK(argraph_graph_validate(g, s, d, &errors, &warnings) == ARGRAPH_OK);
	if (!INT_EQ(argraph_diags_count(d), 0))
		dump_diags(d);
	INT_EQ(errors, 0);
	INT_EQ(warnings, 0);
	argraph_diags_free(d);
}

static argraph_graph_schema *load_inline(const char *xml)
{
	argraph_graph_schema *s = NULL;
	argraph_diags *d = new_diags();
	argraph_status st = argraph_graph_schema_read_mem(&s, xml, strlen(xml), "inline.xml",
		rng_path, d);
	if (!INT_EQ(st, ARGRAPH_OK) || !INT_EQ(argraph_diags_count(d), 0))
		dump_diags(d);
	argraph_diags_free(d);
	if (!s)
		exit(1);
	return s;
}

/* ---- the default schema ---- */

static void test_default_loads_clean(void)
{
	TEST(default_loads_clean);
	argraph_diags *d = new_diags();
	argraph_graph_schema *s = NULL;
	INT_EQ(argraph_graph_schema_read_file(&s, default_path, rng_path, d), ARGRAPH_OK);
	if (!INT_EQ(argraph_diags_count(d), 0))
		dump_diags(d);
	OK(s != NULL);
	STR_EQ(argraph_graph_schema_get_name(s), "argraph-default");
	INT_EQ(argraph_graph_schema_get_version(s), 1);
	argraph_graph_schema_free(s);

	/* The loader's own checks accept it too (no RELAX NG stage). */
	s = NULL;
	INT_EQ(argraph_graph_schema_read_file(&s, default_path, NULL, d), ARGRAPH_OK);
	INT_EQ(argraph_diags_count(d), 0);
	OK(s != NULL);
	argraph_graph_schema_free(s);
	argraph_graph_schema_free(NULL);
	argraph_diags_free(d);
}

/* One source of truth: schemas/argraph-graph.xml == src/graph/kinds.c. */
static void test_default_agrees_with_kind_table(void)
{
	TEST(default_agrees_with_kind_table);
	const argraph_graph_schema *s = dflt;
	int seen_nodes[ARGRAPH_NODE__COUNT] = {0}, seen_edges[ARGRAPH_EDGE__COUNT] = {0};

	INT_EQ(argraph_graph_schema_node_kind_count(s), ARGRAPH_NODE__COUNT - 1);
	for (size_t i = 0; i < argraph_graph_schema_node_kind_count(s); i++) {
		argraph_node_kind k = argraph_graph_schema_node_kind_at(s, i);
		if (OK(k > ARGRAPH_NODE_NONE && k < ARGRAPH_NODE__COUNT))
			seen_nodes[k]++;
	}
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++) {
		const node_kind_info *info = argraph_graph__node_kind_info((argraph_node_kind)k);
		if (!INT_EQ(seen_nodes[k], 1))
			fprintf(stderr, "  node kind '%s' of the kind table is declared %d times\n",
				info->name, seen_nodes[k]);
		STR_EQ(argraph_node_kind_name((argraph_node_kind)k), info->name);
	}
	INT_EQ(argraph_graph_schema_node_kind_at(s, ARGRAPH_NODE__COUNT), ARGRAPH_NODE_NONE);

	INT_EQ(argraph_graph_schema_edge_kind_count(s), ARGRAPH_EDGE__COUNT - 1);
	for (size_t i = 0; i < argraph_graph_schema_edge_kind_count(s); i++) {
		argraph_edge_kind k = argraph_graph_schema_edge_kind_at(s, i);
		if (OK(k > ARGRAPH_EDGE_NONE && k < ARGRAPH_EDGE__COUNT))
			seen_edges[k]++;
	}
	for (int e = 1; e < ARGRAPH_EDGE__COUNT; e++) {
		const edge_kind_info *info = argraph_graph__edge_kind_info((argraph_edge_kind)e);
		if (!INT_EQ(seen_edges[e], 1))
			fprintf(stderr, "  edge kind '%s' of the kind table is declared %d times\n",
				info->name, seen_edges[e]);
		int in_from[ARGRAPH_NODE__COUNT] = {0}, in_to[ARGRAPH_NODE__COUNT] = {0};
		for (int i = 0; i < 4 && info->from[i] != ARGRAPH_NODE_NONE; i++)
			in_from[info->from[i]] = 1;
		for (int i = 0; i < 4 && info->to[i] != ARGRAPH_NODE_NONE; i++)
			in_to[info->to[i]] = 1;
		/* The schema's allowed (from, to) pairs are exactly from × to. */
		for (int f = 1; f < ARGRAPH_NODE__COUNT; f++) {
			for (int t = 1; t < ARGRAPH_NODE__COUNT; t++) {
				int want = in_from[f] && in_to[t];
				int got = argraph_graph_schema_edge_allows(s, (argraph_edge_kind)e,
					(argraph_node_kind)f, (argraph_node_kind)t);
				if (!INT_EQ(got, want))
					fprintf(stderr, "  edge '%s' %s -> %s: schema says %d, kinds.c %d\n",
						info->name,
						argraph_node_kind_name((argraph_node_kind)f),
						argraph_node_kind_name((argraph_node_kind)t), got, want);
			}
		}
	}
	INT_EQ(argraph_graph_schema_edge_allows(s, ARGRAPH_EDGE_NONE, ARGRAPH_NODE_CLAIM,
		ARGRAPH_NODE_CLAIM), 0);
	INT_EQ(argraph_graph_schema_edge_allows(s, ARGRAPH_EDGE__COUNT, ARGRAPH_NODE_CLAIM,
		ARGRAPH_NODE_CLAIM), 0);
}

static void test_valid_graph_is_clean(void)
{
	TEST(valid_graph_is_clean);
	argraph_graph *g = base_graph();
	expect_clean(g, dflt);
	/* NULL diags and NULL counters are fine. */
	INT_EQ(argraph_graph_validate(g, dflt, NULL, NULL, NULL), ARGRAPH_OK);
	size_t e = 9, w = 9;
	INT_EQ(argraph_graph_validate(NULL, dflt, NULL, &e, &w), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_validate(g, NULL, NULL, &e, &w), ARGRAPH_EINVALID);
	argraph_graph_free(g);

	argraph_graph *empty = NULL;
	OK(argraph_graph_new(&empty) == ARGRAPH_OK);
	expect_clean(empty, dflt);
	argraph_graph_free(empty);
}

/* ---- one test per rule of the default schema ---- */

static void test_attr_missing(void)
{
	TEST(attr_missing);
	argraph_graph *g = base_graph();
	size_t c9 = node(g, ARGRAPH_NODE_CLAIM, "c9", 90);
	edge(g, ARGRAPH_EDGE_IN, c9, N("s1"), 90);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.missing",
		"node c9 (claim): required attribute 'text' is missing", 90, "c9");
	attr(g, c9, "text", "");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.missing",
		"node c9 (claim): required attribute 'text' is empty", 90, "c9");
	argraph_graph_free(g);

	g = base_graph();
	size_t k = node(g, ARGRAPH_NODE_CITATION, "cit9", 91);
	attr(g, k, "status", "dangling");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.missing",
		"node cit9 (citation): required attribute 'marker' is missing", 91, "cit9");
	argraph_graph_free(g);
}

static void test_attr_type_integer(void)
{
	TEST(attr_type_integer);
	static const char *const bad[] = {"two", "", "1.5", "+1", " 1", "1 ", "99999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		argraph_graph *g = base_graph();
		attr(g, N("s2"), "depth", bad[i]);
		expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.type",
			"node s2 (section): attribute 'depth' = ", 20, "s2");
		argraph_graph_free(g);
	}
	argraph_graph *g = base_graph();
	attr(g, N("c2"), "sentence", "one");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.type",
		"attribute 'sentence' = \"one\" is not an integer", 21, "c2");
	attr(g, N("c2"), "sentence", "-0");
	expect_clean(g, dflt);
	argraph_graph_free(g);
}

/* The limits of a long long, and just past them (the validator parses
 * integers by hand; strtoll's ERANGE was the old rule). */
static void test_attr_integer_limits(void)
{
	TEST(attr_integer_limits);
	argraph_graph_schema *s = load_inline(
		"<?xml version='1.0'?>\n"
		"<graph-schema xmlns='urn:argraph:graph-schema:1' version='1' name='ints'>\n"
		"  <node kind='claim'>\n"
		"    <attribute name='n' type='integer'/>\n"
		"  </node>\n"
		"</graph-schema>\n");
	static const char *const good[] = {"0", "-0", "007", "9223372036854775807",
		"-9223372036854775808", "0009223372036854775807", "-1"};
	static const char *const bad[] = {"9223372036854775808", "-9223372036854775809",
		"18446744073709551616", "184467440737095516160", "-", "--1", "1-", "12a"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		argraph_graph *g = NULL;
		OK(argraph_graph_new(&g) == ARGRAPH_OK);
		attr(g, node(g, ARGRAPH_NODE_CLAIM, "c1", 3), "n", good[i]);
		expect_clean(g, s);
		argraph_graph_free(g);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		argraph_graph *g = NULL;
		OK(argraph_graph_new(&g) == ARGRAPH_OK);
		attr(g, node(g, ARGRAPH_NODE_CLAIM, "c1", 3), "n", bad[i]);
		expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.type", "is not an integer", 3, NULL);
		argraph_graph_free(g);
	}
	argraph_graph_schema_free(s);
}

static void test_attr_range(void)
{
	TEST(attr_range);
	argraph_graph *g = base_graph();
	attr(g, N("s1"), "depth", "-1");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.range",
		"node s1 (section): attribute 'depth' = -1 is out of range (min 0)", 10, "s1");
	argraph_graph_free(g);
}

static void test_attr_type_year(void)
{
	TEST(attr_type_year);
	static const char *const bad[] = {"99", "1990a", "19900", "MCMXC", "", "199O"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		argraph_graph *g = base_graph();
		attr(g, N("w1"), "year", bad[i]);
		expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.type",
			"is not a year (four digits)", 40, "w1");
		argraph_graph_free(g);
	}
	argraph_graph *g = base_graph();
	attr(g, N("w1"), "year", "0044");
	expect_clean(g, dflt);
	argraph_graph_free(g);
}

static void test_attr_enum(void)
{
	TEST(attr_enum);
	argraph_graph *g = base_graph();
	attr(g, N("c1"), "role", "thesys");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.enum",
		"node c1 (claim): attribute 'role' = \"thesys\" is not one of: thesis, premise, "
		"prediction, counter-claim, attributed, statement", 11, "c1");
	argraph_graph_free(g);

	g = base_graph();
	attr(g, N("cit1"), "status", "Resolved");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.attr.enum",
		"node cit1 (citation): attribute 'status' = \"Resolved\"", 21, "cit1");
	argraph_graph_free(g);

	/* A long value is cut in the message, never inside a UTF-8 character. */
	g = base_graph();
	char longv[400] = "";
	for (int i = 0; i < 40; i++)
		strcat(longv, "论点");
	attr(g, N("c1"), "voice", longv);
	argraph_diags *d = new_diags();
	OK(argraph_graph_validate(g, dflt, d, NULL, NULL) == ARGRAPH_OK);
	if (INT_EQ(argraph_diags_count(d), 1)) {
		const char *m = argraph_diags_at(d, 0)->message;
		HAS_STR(m, "...\" is not one of: author, attributed");
		OK(strlen(m) < 200);
		const char *q = strchr(m, '"');
		/* 60 bytes hold 20 three-byte characters: the cut is on a boundary. */
		OK(q && strncmp(q + 1, longv, 60) == 0 && strncmp(q + 61, "...", 3) == 0);
	}
	argraph_diags_free(d);
	argraph_graph_free(g);
}

static void test_edge_ends(void)
{
	TEST(edge_ends);
	argraph_graph *g = base_graph();
	size_t e = edge(g, ARGRAPH_EDGE_CAUSES, N("c1"), N("f1"), 77);
	char want[128];
	snprintf(want, sizeof want, "edge e%zu (causes, c1 -> f1): a 'causes' edge may not "
		"join claim -> factor (allowed: factor -> factor)", e + 1);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.edge.ends", want, 77, NULL);
	argraph_graph_free(g);

	/* An edge without provenance is placed at its source node. */
	g = base_graph();
	edge(g, ARGRAPH_EDGE_MENTIONS, N("c2"), N("w1"), 0);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.edge.ends",
		"may not join claim -> work (allowed: claim -> factor|person)", 21, "c2");
	argraph_graph_free(g);

	/* Several allowed sources. */
	g = base_graph();
	edge(g, ARGRAPH_EDGE_ASSERTS, N("w1"), N("c2"), 78);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.edge.ends",
		"(allowed: document|person -> claim)", 78, NULL);
	argraph_graph_free(g);
}

static void test_label_missing_default(void)
{
	TEST(label_missing_default);
	argraph_graph *g = base_graph();
	argraph_prov p = {TEI, 15, "f9", NULL, NULL, 0, 0};
	size_t f9;
	OK(argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "f9", &p, &f9) == ARGRAPH_OK);
	/* get_label falls back to the id, but that is not a label. */
	STR_EQ(argraph_node_get_label(argraph_graph_node_at(g, f9), NULL), "f9");
	expect_one(g, dflt, ARGRAPH_SEV_WARNING, "graph.label.missing",
		"node f9 (factor): has no non-empty label", 15, "f9");
	OK(argraph_graph_set_label(g, f9, "zh", "") == ARGRAPH_OK);
	expect_one(g, dflt, ARGRAPH_SEV_WARNING, "graph.label.missing", "node f9", 15, "f9");
	OK(argraph_graph_set_label(g, f9, "en", "enlargement") == ARGRAPH_OK);
	expect_clean(g, dflt);
	argraph_graph_free(g);
}

static void test_card_min(void)
{
	TEST(card_min);
	argraph_graph *g = base_graph();
	size_t c9 = node(g, ARGRAPH_NODE_CLAIM, "c9", 95);
	attr(g, c9, "text", "A claim in no section.");
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.card.min",
		"node c9 (claim): has 0 outgoing 'in' edges; at least 1 required", 95, "c9");
	argraph_graph_free(g);
}

static void test_card_max(void)
{
	TEST(card_max);
	argraph_graph *g = base_graph();
	size_t e = edge(g, ARGRAPH_EDGE_IN, N("c1"), N("s2"), 11);
	char want[128];
	snprintf(want, sizeof want, "node c1 (claim): has 2 outgoing 'in' edges; at most 1 "
		"allowed (e%zu, e%zu)", argraph_graph_find_edge(g, ARGRAPH_EDGE_IN, N("c1"), N("s1")) + 1,
		e + 1);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.card.max", want, 11, "c1");
	argraph_graph_free(g);

	/* A citation resolves to at most one work. */
	g = base_graph();
	size_t w2 = node(g, ARGRAPH_NODE_WORK, "w2", 41);
	edge(g, ARGRAPH_EDGE_RESOLVES_TO, N("cit1"), w2, 21);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.card.max",
		"node cit1 (citation): has 2 outgoing 'resolves_to' edges; at most 1 allowed", 21,
		"cit1");
	argraph_graph_free(g);

	/* A section is part of at most one parent. */
	g = base_graph();
	edge(g, ARGRAPH_EDGE_PART_OF, N("s2"), N("d1"), 20);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.card.max",
		"node s2 (section): has 2 outgoing 'part_of' edges", 20, "s2");
	argraph_graph_free(g);
}

static void test_citation_unresolved(void)
{
	TEST(citation_unresolved);
	argraph_graph *g = base_graph();
	size_t k = node(g, ARGRAPH_NODE_CITATION, "cit3", 23);
	attr(g, k, "marker", "[3]");
	attr(g, k, "status", "resolved");
	edge(g, ARGRAPH_EDGE_CITES, N("c3"), k, 23);
	expect_one(g, dflt, ARGRAPH_SEV_ERROR, "graph.citation.unresolved",
		"node cit3 (citation): has no 'resolves_to' edge and is not marked "
		"status=\"dangling\"", 23, "cit3");
	/* Marked dangling, it is fine. */
	attr(g, k, "status", "dangling");
	expect_clean(g, dflt);
	argraph_graph_free(g);
}

static void test_cycle(void)
{
	TEST(cycle);
	argraph_graph *g = base_graph();
	size_t f3 = node(g, ARGRAPH_NODE_FACTOR, "f3", 14);
	edge(g, ARGRAPH_EDGE_CAUSES, N("f2"), f3, 13);
	edge(g, ARGRAPH_EDGE_CAUSES, f3, N("f1"), 14);
	expect_one(g, dflt, ARGRAPH_SEV_WARNING, "graph.cycle",
		"node f1 (factor): 'causes' edges form a cycle: f1 -> f2 -> f3 -> f1", 12, "f1");
	argraph_graph_free(g);

	/* A self-loop is a cycle too. */
	g = base_graph();
	edge(g, ARGRAPH_EDGE_CAUSES, N("f2"), N("f2"), 13);
	expect_one(g, dflt, ARGRAPH_SEV_WARNING, "graph.cycle",
		"node f2 (factor): 'causes' edges form a cycle: f2 -> f2", 13, "f2");
	argraph_graph_free(g);

	/* One report per strongly connected component, with its members. */
	g = base_graph();
	f3 = node(g, ARGRAPH_NODE_FACTOR, "f3", 14);
	edge(g, ARGRAPH_EDGE_CAUSES, N("f2"), N("f1"), 13);
	edge(g, ARGRAPH_EDGE_CAUSES, N("f2"), f3, 13);
	edge(g, ARGRAPH_EDGE_CAUSES, f3, N("f1"), 14);
	expect_one(g, dflt, ARGRAPH_SEV_WARNING, "graph.cycle",
		"f1 -> f2 -> f1 (one of the cycles among 3 nodes: f1, f2, f3)", 12, "f1");
	argraph_graph_free(g);

	/* Cycles through other edge kinds are not 'causes' cycles. */
	g = base_graph();
	edge(g, ARGRAPH_EDGE_SUPPORTS, N("c1"), N("c2"), 11);
	expect_clean(g, dflt);
	argraph_graph_free(g);
}

static void test_cycles_in_order(void)
{
	TEST(cycles_in_order);
	argraph_graph *g = base_graph();
	size_t a = node(g, ARGRAPH_NODE_FACTOR, "fa", 50);
	size_t b = node(g, ARGRAPH_NODE_FACTOR, "fb", 51);
	/* Two components; the later-indexed one is found first by Tarjan. */
	edge(g, ARGRAPH_EDGE_CAUSES, a, b, 50);
	edge(g, ARGRAPH_EDGE_CAUSES, b, a, 51);
	edge(g, ARGRAPH_EDGE_CAUSES, N("f2"), N("f1"), 13);
	argraph_diags *d = new_diags();
	size_t errors = 9, warnings = 9;
	OK(argraph_graph_validate(g, dflt, d, &errors, &warnings) == ARGRAPH_OK);
	if (INT_EQ(argraph_diags_count(d), 2)) {
		HAS_STR(argraph_diags_at(d, 0)->message, "node f1 (factor): 'causes' edges form a cycle: f1 -> f2 -> f1");
		HAS_STR(argraph_diags_at(d, 1)->message, "node fa (factor): 'causes' edges form a cycle: fa -> fb -> fa");
	}
	INT_EQ(errors, 0);
	INT_EQ(warnings, 2);
	argraph_diags_free(d);
	argraph_graph_free(g);
}

/* Random 'causes' graphs among factors and other nodes that no 'causes'
 * edge leaves (the search finishes those without walking their edges):
 * the components reported must be exactly the cyclic ones, each once, by
 * its first node, against mutual reachability computed the slow way. */
static void test_cycles_random(void)
{
	TEST(cycles_random);
	enum { NN = 24 };
	uint32_t seed = 7;
	for (int round = 0; round < 300; round++) {
		argraph_graph *g = NULL;
		argraph_graph_new(&g);
		unsigned char reach[NN][NN] = {{0}};
		size_t idx[NN];
		char id[16];
		for (int i = 0; i < NN; i++) {
			snprintf(id, sizeof id, "f%d", i);
			idx[i] = node(g, ARGRAPH_NODE_FACTOR, id, (unsigned)i + 1);
		}
		int edges = round % 40;
		for (int e = 0; e < edges; e++) {
			seed = seed * 1103515245u + 12345u;
			int a = (int)((seed >> 8) % NN);
			seed = seed * 1103515245u + 12345u;
			int b = (int)((seed >> 8) % NN);
			if (a % 3 == 2 && round % 2) /* leave some nodes without out-edges */
				continue;
			edge(g, ARGRAPH_EDGE_CAUSES, idx[a], idx[b], 0);
			if (e % 5 == 0) /* other kinds are not followed */
				edge(g, ARGRAPH_EDGE_SUPPORTS, idx[b], idx[a], 0);
			reach[a][b] = 1;
		}
		for (int k = 0; k < NN; k++)
			for (int i = 0; i < NN; i++)
				for (int j = 0; j < NN; j++)
					if (reach[i][k] && reach[k][j])
						reach[i][j] = 1;
		char want[NN * 8] = "", got[NN * 8] = "";
		for (int i = 0; i < NN; i++) {
			int first = reach[i][i], cyclic = reach[i][i];
			for (int j = 0; j < i && first; j++)
				if (reach[i][j] && reach[j][i])
					first = 0;
			if (cyclic && first)
				snprintf(want + strlen(want), sizeof want - strlen(want), "f%d ", i);
		}
		argraph_diags *d = new_diags();
		OK(argraph_graph_validate(g, dflt, d, NULL, NULL) == ARGRAPH_OK);
		for (size_t i = 0; i < argraph_diags_count(d); i++) {
			const argraph_diag *dg = argraph_diags_at(d, i);
			int n;
			if (strcmp(dg->code, "graph.cycle") == 0 && sscanf(dg->message, "node f%d ", &n) == 1)
				snprintf(got + strlen(got), sizeof got - strlen(got), "f%d ", n);
		}
		if (!STR_EQ(got, want))
			fprintf(stderr, "  round %d\n", round);
		argraph_diags_free(d);
		argraph_graph_free(g);
	}
}

/* Deep graphs must not recurse: a 200,000-node causal chain and ring. */
static void test_cycle_deep(void)
{
	TEST(cycle_deep);
	enum { DEPTH = 200000 };
	argraph_graph *g = base_graph();
	size_t first = ARGRAPH_NONE, prev = ARGRAPH_NONE;
	char id[32];
	for (int i = 0; i < DEPTH; i++) {
		snprintf(id, sizeof id, "deep%d", i);
		argraph_prov p = {TEI, 1000, NULL, NULL, NULL, 0, 0};
		size_t n;
		if (argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, id, &p, &n) != ARGRAPH_OK
		    || argraph_graph_set_label(g, n, NULL, id) != ARGRAPH_OK)
			exit(1);
		if (prev != ARGRAPH_NONE)
			argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, prev, n, NULL, NULL, NULL);
		else
			first = n;
		prev = n;
	}
	expect_clean(g, dflt);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, prev, first, NULL, NULL, NULL);
	expect_one(g, dflt, ARGRAPH_SEV_WARNING, "graph.cycle",
		"node deep0 (factor): 'causes' edges form a cycle: deep0 -> deep1 -> ", 1000, NULL);
	argraph_diags *d = new_diags();
	OK(argraph_graph_validate(g, dflt, d, NULL, NULL) == ARGRAPH_OK);
	if (INT_EQ(argraph_diags_count(d), 1)) {
		HAS_STR(argraph_diags_at(d, 0)->message, "deep11 -> ... (199987 more) -> deep199999 -> deep0");
		OK(strlen(argraph_diags_at(d, 0)->message) < 400);
	}
	argraph_diags_free(d);
	argraph_graph_free(g);
}

/* Violations come by pass, then by index; counts match the diagnostics. */
static void test_order_and_counts(void)
{
	TEST(order_and_counts);
	argraph_graph *g = base_graph();
	size_t k = node(g, ARGRAPH_NODE_CITATION, "cit9", 60); /* no marker, no status */
	edge(g, ARGRAPH_EDGE_CAUSES, N("f2"), N("f1"), 61);     /* cycle (warning) */
	edge(g, ARGRAPH_EDGE_IN, N("c2"), N("s1"), 62);         /* c2 in two sections */
	edge(g, ARGRAPH_EDGE_IN, N("cit2"), N("s1"), 63);       /* bad ends */
	attr(g, N("s1"), "area", "middle");                     /* bad enum */
	(void)k;
	static const char *const want[] = {
		"graph.edge.ends", "graph.attr.enum", "graph.attr.missing", "graph.attr.missing",
		"graph.card.max", "graph.cycle", "graph.citation.unresolved",
	};
	argraph_diags *d = new_diags();
	size_t errors = 0, warnings = 0;
	OK(argraph_graph_validate(g, dflt, d, &errors, &warnings) == ARGRAPH_OK);
	if (INT_EQ(argraph_diags_count(d), sizeof want / sizeof want[0])) {
		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
			STR_EQ(argraph_diags_at(d, i)->code, want[i]);
		HAS_STR(argraph_diags_at(d, 2)->message, "'marker'");
		HAS_STR(argraph_diags_at(d, 3)->message, "'status'");
	} else {
		dump_diags(d);
	}
	INT_EQ(errors, 6);
	INT_EQ(warnings, 1);
	INT_EQ(argraph_diags_count_at_least(d, ARGRAPH_SEV_ERROR), 6);

	/* Same graph, same diagnostics, same order. */
	argraph_diags *d2 = new_diags();
	OK(argraph_graph_validate(g, dflt, d2, NULL, NULL) == ARGRAPH_OK);
	if (INT_EQ(argraph_diags_count(d2), argraph_diags_count(d)))
		for (size_t i = 0; i < argraph_diags_count(d); i++)
			STR_EQ(argraph_diags_at(d2, i)->message, argraph_diags_at(d, i)->message);
	argraph_diags_free(d2);
	argraph_diags_free(d);
	argraph_graph_free(g);
}

/* ---- rules the default schema does not use, with a schema of our own ---- */

static const char strict_schema[] =
	"<?xml version='1.0'?>\n"
	"<graph-schema xmlns='urn:argraph:graph-schema:1' version='1' name='strict-test'>\n"
	"  <node kind='claim' closed='true'>\n"
	"    <label required='true' lang='en' severity='warning'/>\n"
	"    <attribute name='text' type='string' required='true'/>\n"
	"    <attribute name='about' type='idref' ref-kind='work'/>\n"
	"    <attribute name='see' type='idref'/>\n"
	"    <in edge='supports' max='2' severity='warning'/>\n"
	"  </node>\n"
	"  <node kind='work'>\n"
	"    <label required='true'/>\n"
	"    <in edge='cites' min='1' severity='warning'/>\n"
	"  </node>\n"
	"  <edge kind='cites' from='claim' to='work'>\n"
	"    <attribute name='weight' type='integer' min='1' max='3'/>\n"
	"  </edge>\n"
	"  <edge kind='supports' from='claim' to='claim' closed='true'/>\n"
	"  <acyclic edge='supports'/>\n"
	"</graph-schema>\n";

/* c1 -cites-> w1, both labelled: valid under strict_schema. */
static argraph_graph *strict_graph(void)
{
	argraph_graph *g = NULL;
	if (!OK(argraph_graph_new(&g) == ARGRAPH_OK))
		exit(1);
	size_t c1 = node(g, ARGRAPH_NODE_CLAIM, "c1", 5);
	OK(argraph_graph_set_label(g, c1, "en", "A claim") == ARGRAPH_OK);
	attr(g, c1, "text", "A claim.");
	size_t w1 = node(g, ARGRAPH_NODE_WORK, "w1", 6);
	size_t e = edge(g, ARGRAPH_EDGE_CITES, c1, w1, 7);
	OK(argraph_graph_set_edge_attr(g, e, "weight", "2") == ARGRAPH_OK);
	return g;
}

static size_t strict_claim(argraph_graph *g, const char *id, unsigned line)
{
	size_t c = node(g, ARGRAPH_NODE_CLAIM, id, line);
	OK(argraph_graph_set_label(g, c, "en", id) == ARGRAPH_OK);
	attr(g, c, "text", id);
	return c;
}

static void test_strict_schema_loads(void)
{
	TEST(strict_schema_loads);
	argraph_graph_schema *s = load_inline(strict_schema);
	STR_EQ(argraph_graph_schema_get_name(s), "strict-test");
	INT_EQ(argraph_graph_schema_node_kind_count(s), 2);
	INT_EQ(argraph_graph_schema_node_kind_at(s, 0), ARGRAPH_NODE_CLAIM);
	INT_EQ(argraph_graph_schema_node_kind_at(s, 1), ARGRAPH_NODE_WORK);
	INT_EQ(argraph_graph_schema_edge_kind_count(s), 2);
	INT_EQ(argraph_graph_schema_edge_kind_at(s, 1), ARGRAPH_EDGE_SUPPORTS);
	INT_EQ(argraph_graph_schema_edge_allows(s, ARGRAPH_EDGE_CITES, ARGRAPH_NODE_CLAIM,
		ARGRAPH_NODE_CITATION), 0);
	INT_EQ(argraph_graph_schema_edge_allows(s, ARGRAPH_EDGE_CAUSES, ARGRAPH_NODE_FACTOR,
		ARGRAPH_NODE_FACTOR), 0);
	argraph_graph *g = strict_graph();
	expect_clean(g, s);
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_node_kind_undeclared(void)
{
	TEST(node_kind_undeclared);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	node(g, ARGRAPH_NODE_FACTOR, "f1", 9);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.node.kind",
		"node f1 (factor): node kind 'factor' is not declared in schema 'strict-test'", 9, "f1");
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_edge_kind_undeclared(void)
{
	TEST(edge_kind_undeclared);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	size_t c2 = strict_claim(g, "c2", 8);
	size_t e = edge(g, ARGRAPH_EDGE_ATTACKS, c2, N("c1"), 12);
	char want[128];
	snprintf(want, sizeof want, "edge e%zu (attacks, c2 -> c1): edge kind 'attacks' is "
		"not declared in schema 'strict-test'", e + 1);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.edge.kind", want, 12, NULL);
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_label_missing(void)
{
	TEST(label_missing);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	/* c2's only labels are the neutral one and a Chinese one: no English. */
	size_t c2 = node(g, ARGRAPH_NODE_CLAIM, "c2", 8);
	OK(argraph_graph_set_label(g, c2, "zh", "论点") == ARGRAPH_OK);
	attr(g, c2, "text", "论点。");
	expect_one(g, s, ARGRAPH_SEV_WARNING, "graph.label.missing",
		"node c2 (claim): has no non-empty label in language 'en'", 8, "c2");
	/* An empty English label does not count. */
	OK(argraph_graph_set_label(g, c2, "en", "") == ARGRAPH_OK);
	expect_one(g, s, ARGRAPH_SEV_WARNING, "graph.label.missing", "node c2 (claim)", 8, "c2");
	OK(argraph_graph_set_label(g, c2, "en", "A point") == ARGRAPH_OK);
	expect_clean(g, s);
	argraph_graph_free(g);

	/* Without lang: any explicit non-empty label (the id fallback does not count). */
	g = strict_graph();
	argraph_prov p = {TEI, 30, "w2", NULL, NULL, 0, 0};
	size_t w2;
	OK(argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "w2", &p, &w2) == ARGRAPH_OK);
	edge(g, ARGRAPH_EDGE_CITES, N("c1"), w2, 7);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.label.missing",
		"node w2 (work): has no non-empty label", 30, "w2");
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_attr_ref(void)
{
	TEST(attr_ref);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	attr(g, N("c1"), "about", "w9");
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.ref",
		"node c1 (claim): attribute 'about' = \"w9\" names no node in the graph", 5, "c1");
	attr(g, N("c1"), "about", "c1");
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.ref",
		"attribute 'about' = \"c1\" names a claim node, not a work node", 5, "c1");
	attr(g, N("c1"), "about", "w1");
	expect_clean(g, s);
	/* Without ref-kind any node will do. */
	attr(g, N("c1"), "see", "c1");
	expect_clean(g, s);
	attr(g, N("c1"), "see", "nowhere");
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.ref", "'see' = \"nowhere\" names no node",
		5, "c1");
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_attr_unknown(void)
{
	TEST(attr_unknown);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	attr(g, N("c1"), "colour", "red");
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.unknown",
		"node c1 (claim): attribute 'colour' is not declared for claim nodes", 5, "c1");
	argraph_graph_free(g);

	/* Works are open: anything goes. */
	g = strict_graph();
	attr(g, N("w1"), "colour", "red");
	expect_clean(g, s);
	/* Closed edges. */
	size_t c2 = strict_claim(g, "c2", 8);
	size_t e = edge(g, ARGRAPH_EDGE_SUPPORTS, c2, N("c1"), 14);
	OK(argraph_graph_set_edge_attr(g, e, "note", "x") == ARGRAPH_OK);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.unknown",
		"(supports, c2 -> c1): attribute 'note' is not declared for supports edges", 14, NULL);
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_edge_attrs(void)
{
	TEST(edge_attrs);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	OK(argraph_graph_set_edge_attr(g, 0, "weight", "5") == ARGRAPH_OK);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.range",
		"edge e1 (cites, c1 -> w1): attribute 'weight' = 5 is out of range (min 1, max 3)",
		7, NULL);
	OK(argraph_graph_set_edge_attr(g, 0, "weight", "heavy") == ARGRAPH_OK);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.attr.type",
		"edge e1 (cites, c1 -> w1): attribute 'weight' = \"heavy\" is not an integer", 7, NULL);
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_card_incoming(void)
{
	TEST(card_incoming);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	size_t w2 = node(g, ARGRAPH_NODE_WORK, "w2", 31);
	(void)w2;
	expect_one(g, s, ARGRAPH_SEV_WARNING, "graph.card.min",
		"node w2 (work): has 0 incoming 'cites' edges; at least 1 required", 31, "w2");
	argraph_graph_free(g);

	g = strict_graph();
	for (int i = 0; i < 3; i++) {
		char id[16];
		snprintf(id, sizeof id, "s%d", i);
		size_t c = strict_claim(g, id, 40 + (unsigned)i);
		edge(g, ARGRAPH_EDGE_SUPPORTS, c, N("c1"), 40 + (unsigned)i);
	}
	expect_one(g, s, ARGRAPH_SEV_WARNING, "graph.card.max",
		"node c1 (claim): has 3 incoming 'supports' edges; at most 2 allowed (e2, e3, e4)",
		5, "c1");
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

static void test_cycle_error_severity(void)
{
	TEST(cycle_error_severity);
	argraph_graph_schema *s = load_inline(strict_schema);
	argraph_graph *g = strict_graph();
	size_t c2 = strict_claim(g, "c2", 8);
	edge(g, ARGRAPH_EDGE_SUPPORTS, c2, N("c1"), 8);
	edge(g, ARGRAPH_EDGE_SUPPORTS, N("c1"), c2, 5);
	expect_one(g, s, ARGRAPH_SEV_ERROR, "graph.cycle",
		"node c1 (claim): 'supports' edges form a cycle: c1 -> c2 -> c1", 5, "c1");
	argraph_graph_free(g);
	argraph_graph_schema_free(s);
}

/* ---- bad schema files ---- */

typedef struct expectation {
	unsigned line;
	char code[64];
	char status[16];
} expectation;

/* Read "expect-rng: LINE CODE STATUS" (or expect-norng) from the file. */
static int read_expectation(const char *path, const char *key, expectation *ex)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	const char *p = strstr(buf, key);
	if (!p)
		return 0;
	return sscanf(p + strlen(key), " %u %63s %15s", &ex->line, ex->code, ex->status) == 3;
}

static argraph_status status_from_name(const char *s)
{
	return strcmp(s, "EPARSE") == 0 ? ARGRAPH_EPARSE
		: strcmp(s, "EINVALID") == 0 ? ARGRAPH_EINVALID : ARGRAPH_ERROR;
}

static void test_bad_schema_files(void)
{
	TEST(bad_schema_files);
	static const char *const files[] = {
		"typo-element.xml", "typo-kind.xml", "typo-attribute.xml", "unknown-type.xml",
		"card-min-gt-max.xml", "int-min-gt-max.xml", "unknown-edge-kind.xml",
		"unknown-end-kind.xml", "undeclared-edge.xml", "undeclared-node.xml",
		"wrong-end.xml", "duplicate-node.xml", "enum-without-values.xml",
		"bad-severity.xml", "bad-count.xml", "newer-version.xml", "wrong-namespace.xml",
		"entity.xml", "external-entity.xml", "malformed.xml",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/tests/schema/graph/%s", srcdir, files[i]);
		for (int with_rng = 1; with_rng >= 0; with_rng--) {
			expectation ex;
			current_test = files[i];
			if (!OK(read_expectation(path, with_rng ? "expect-rng:" : "expect-norng:", &ex)))
				continue;
			argraph_diags *d = new_diags();
			argraph_graph_schema *s = (argraph_graph_schema *)&ex; /* must be reset */
			argraph_status st = argraph_graph_schema_read_file(&s, path,
				with_rng ? rng_path : NULL, d);
			INT_EQ(st, status_from_name(ex.status));
			OK(s == NULL);
			int found = 0;
			for (size_t j = 0; j < argraph_diags_count(d); j++) {
				const argraph_diag *dg = argraph_diags_at(d, j);
				if (strcmp(dg->code, ex.code) == 0 && dg->pos.line == ex.line
				    && dg->severity == ARGRAPH_SEV_ERROR && dg->pos.file
				    && strcmp(dg->pos.file, path) == 0)
					found = 1;
			}
			if (!OK(found)) {
				fprintf(stderr, "  %s (%s): expected %s at line %u\n", files[i],
					with_rng ? "with RNG" : "without RNG", ex.code, ex.line);
				dump_diags(d);
			}
			/* The first error is the expected one (no noise before it). */
			if (argraph_diags_count(d))
				STR_EQ(argraph_diags_at(d, 0)->code, ex.code);
			argraph_diags_free(d);
		}
	}
}

static void test_typo_messages(void)
{
	TEST(typo_messages);
	char path[4200];
	argraph_diags *d = new_diags();
	argraph_graph_schema *s = NULL;
	snprintf(path, sizeof path, "%s/tests/schema/graph/typo-kind.xml", srcdir);
	INT_EQ(argraph_graph_schema_read_file(&s, path, rng_path, d), ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1))
		HAS_STR(argraph_diags_at(d, 0)->message, "unknown node kind 'clam' (known: "
			"document, section, claim, factor, person, work, citation)");
	argraph_diags_clear(d);
	snprintf(path, sizeof path, "%s/tests/schema/graph/typo-element.xml", srcdir);
	INT_EQ(argraph_graph_schema_read_file(&s, path, rng_path, d), ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1))
		HAS_STR(argraph_diags_at(d, 0)->message, "atribute");
	argraph_diags_clear(d);
	snprintf(path, sizeof path, "%s/tests/schema/graph/card-min-gt-max.xml", srcdir);
	INT_EQ(argraph_graph_schema_read_file(&s, path, rng_path, d), ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1))
		HAS_STR(argraph_diags_at(d, 0)->message, "min 2 is greater than max 1");
	argraph_diags_clear(d);
	snprintf(path, sizeof path, "%s/tests/schema/graph/unknown-type.xml", srcdir);
	INT_EQ(argraph_graph_schema_read_file(&s, path, rng_path, d), ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1))
		HAS_STR(argraph_diags_at(d, 0)->message, "unknown value type 'strng'");
	argraph_diags_free(d);
}

static void test_missing_files(void)
{
	TEST(missing_files);
	argraph_diags *d = new_diags();
	argraph_graph_schema *s = dflt; /* must be reset to NULL */
	char path[4200];
	snprintf(path, sizeof path, "%s/tests/schema/graph/no-such-file.xml", srcdir);
	INT_EQ(argraph_graph_schema_read_file(&s, path, rng_path, d), ARGRAPH_EIO);
	OK(s == NULL);
	if (INT_EQ(argraph_diags_count(d), 1)) {
		STR_EQ(argraph_diags_at(d, 0)->code, "graph-schema.io");
		STR_EQ(argraph_diags_at(d, 0)->pos.file, path);
	}
	argraph_diags_clear(d);

	/* A missing grammar is an I/O error too, reported at the grammar's path. */
	INT_EQ(argraph_graph_schema_read_file(&s, default_path, path, d), ARGRAPH_EIO);
	OK(s == NULL);
	if (INT_EQ(argraph_diags_count(d), 1)) {
		STR_EQ(argraph_diags_at(d, 0)->code, "graph-schema.grammar");
		STR_EQ(argraph_diags_at(d, 0)->pos.file, path);
	}
	argraph_diags_clear(d);

	/* A grammar that is not RELAX NG. */
	INT_EQ(argraph_graph_schema_read_file(&s, default_path, default_path, d), ARGRAPH_EINVALID);
	OK(s == NULL);
	OK(argraph_diags_count(d) >= 1);
	if (argraph_diags_count(d))
		STR_EQ(argraph_diags_at(d, 0)->code, "graph-schema.grammar");
	argraph_diags_free(d);

	/* Bad arguments. */
	INT_EQ(argraph_graph_schema_read_file(NULL, default_path, NULL, NULL), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_schema_read_file(&s, NULL, NULL, NULL), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_schema_read_mem(&s, NULL, 5, NULL, NULL, NULL), ARGRAPH_EINVALID);
}

static void test_read_mem(void)
{
	TEST(read_mem);
	static const char typo[] =
		"<graph-schema xmlns='urn:argraph:graph-schema:1' version='1'>\n"
		"  <node kind='claim'/>\n"
		"  <edge kind='supports' from='claim' to='clam'/>\n"
		"</graph-schema>\n";
	argraph_diags *d = new_diags();
	argraph_graph_schema *s = NULL;
	INT_EQ(argraph_graph_schema_read_mem(&s, typo, strlen(typo), "mine.xml", rng_path, d),
		ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1)) {
		STR_EQ(argraph_diags_at(d, 0)->pos.file, "mine.xml");
		INT_EQ(argraph_diags_at(d, 0)->pos.line, 3);
		STR_EQ(argraph_diags_at(d, 0)->code, "graph-schema.kind");
	}
	argraph_diags_clear(d);
	INT_EQ(argraph_graph_schema_read_mem(&s, typo, strlen(typo), NULL, NULL, d),
		ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1))
		STR_EQ(argraph_diags_at(d, 0)->pos.file, "<memory>");
	argraph_diags_clear(d);

	/* Empty input is not XML; NULL diags are accepted. */
	INT_EQ(argraph_graph_schema_read_mem(&s, "", 0, "empty.xml", rng_path, d), ARGRAPH_EPARSE);
	OK(argraph_diags_count(d) >= 1);
	INT_EQ(argraph_graph_schema_read_mem(&s, "", 0, "empty.xml", rng_path, NULL), ARGRAPH_EPARSE);
	OK(s == NULL);

	/* A DOCTYPE without entities is harmless and accepted. */
	static const char doctype[] =
		"<!DOCTYPE graph-schema SYSTEM 'http://127.0.0.1:9/x.dtd'>\n"
		"<graph-schema xmlns='urn:argraph:graph-schema:1' version='1'/>\n";
	argraph_diags_clear(d);
	INT_EQ(argraph_graph_schema_read_mem(&s, doctype, strlen(doctype), "dt.xml", rng_path, d),
		ARGRAPH_OK);
	INT_EQ(argraph_diags_count(d), 0);
	INT_EQ(argraph_graph_schema_node_kind_count(s), 0);
	argraph_graph_schema_free(s);
	argraph_diags_free(d);
}

/* libxml2 clamps lines at 65535 unless XML_PARSE_BIG_LINES is given. */
static void test_big_line_numbers(void)
{
	TEST(big_line_numbers);
	enum { PAD = 70000 };
	const char *head = "<graph-schema xmlns='urn:argraph:graph-schema:1' version='1'>\n";
	const char *pad = "<!-- padding -->\n";
	const char *tail = "  <node kind='clam'/>\n  <node kind='work'><atribute/></node>\n"
		"</graph-schema>\n";
	size_t len = strlen(head) + PAD * strlen(pad) + strlen(tail);
	char *buf = malloc(len + 1);
	if (!OK(buf != NULL))
		return;
	char *p = buf;
	p += sprintf(p, "%s", head);
	for (int i = 0; i < PAD; i++)
		p += sprintf(p, "%s", pad);
	sprintf(p, "%s", tail);
	argraph_diags *d = new_diags();
	argraph_graph_schema *s = NULL;
	/* With the grammar: the misspelt element on line PAD + 3. */
	INT_EQ(argraph_graph_schema_read_mem(&s, buf, len, "big.xml", rng_path, d), ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 1))
		INT_EQ(argraph_diags_at(d, 0)->pos.line, PAD + 3);
	else
		dump_diags(d);
	argraph_diags_clear(d);
	/* Without it: the loader finds both, each at its line. */
	INT_EQ(argraph_graph_schema_read_mem(&s, buf, len, "big.xml", NULL, d), ARGRAPH_EINVALID);
	if (INT_EQ(argraph_diags_count(d), 2)) {
		INT_EQ(argraph_diags_at(d, 0)->pos.line, PAD + 2);
		INT_EQ(argraph_diags_at(d, 1)->pos.line, PAD + 3);
	} else {
		dump_diags(d);
	}
	argraph_diags_free(d);
	free(buf);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	snprintf(default_path, sizeof default_path, "%s/schemas/argraph-graph.xml", srcdir);
	snprintf(rng_path, sizeof rng_path, "%s/schemas/argraph-graph-schema.rng", srcdir);

	test_default_loads_clean();
	argraph_diags *d = new_diags();
	if (argraph_graph_schema_read_file(&dflt, default_path, rng_path, d) != ARGRAPH_OK) {
		dump_diags(d);
		fprintf(stderr, "cannot load the default schema %s\n", default_path);
		return 1;
	}
	argraph_diags_free(d);

	test_default_agrees_with_kind_table();
	test_valid_graph_is_clean();
	test_attr_missing();
	test_attr_type_integer();
	test_attr_integer_limits();
	test_attr_range();
	test_attr_type_year();
	test_attr_enum();
	test_edge_ends();
	test_label_missing_default();
	test_card_min();
	test_card_max();
	test_citation_unresolved();
	test_cycle();
	test_cycles_in_order();
	test_cycles_random();
	test_cycle_deep();
	test_order_and_counts();
	test_strict_schema_loads();
	test_node_kind_undeclared();
	test_edge_kind_undeclared();
	test_label_missing();
	test_attr_ref();
	test_attr_unknown();
	test_edge_attrs();
	test_card_incoming();
	test_cycle_error_severity();
	test_bad_schema_files();
	test_typo_messages();
	test_missing_files();
	test_read_mem();
	test_big_line_numbers();

	argraph_graph_schema_free(dflt);
	xmlCleanupParser();
	printf("test_schema: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
