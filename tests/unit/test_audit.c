/* SPDX-License-Identifier: MIT */
/*
 * test_audit.c — the citation audit on graphs built by hand: which
 * citations dangle and come first, how often each entry is cited, who is
 * cited and with what stance, which factual claims need support (sentence
 * and paragraph), the summaries, several documents in one graph and in
 * several graphs, and the three renderers (the JSON is read back).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "argraph/argraph.h"
#include "harness.h"

typedef struct gb {
	argraph_graph *g;
	const char *file;
} gb;

static size_t node(gb *b, argraph_node_kind k, const char *id, unsigned line, const char *xpath)
{
	argraph_prov p = {b->file, line, NULL, xpath, NULL, 0, 0};
	size_t i = ARGRAPH_NONE;
	OK(argraph_graph_add_node(b->g, k, id, &p, &i) == ARGRAPH_OK);
	return i;
}

static void set(gb *b, size_t n, const char *name, const char *value)
{
	OK(argraph_graph_set_node_attr(b->g, n, name, value) == ARGRAPH_OK);
}

static size_t edge(gb *b, argraph_edge_kind k, size_t from, size_t to, const char *rule)
{
	size_t e = ARGRAPH_NONE;
	OK(argraph_graph_add_edge(b->g, k, from, to, rule, NULL, &e) == ARGRAPH_OK);
	return e;
}

static size_t claim(gb *b, size_t sec, const char *id, const char *text, const char *voice,
	const char *sentence, const char *xpath, unsigned line)
{
	size_t c = node(b, ARGRAPH_NODE_CLAIM, id, line, xpath);
	set(b, c, "text", text);
	set(b, c, "sentence", sentence);
	if (voice)
		set(b, c, "voice", voice);
	OK(argraph_graph_set_label(b->g, c, NULL, text) == ARGRAPH_OK);
	edge(b, ARGRAPH_EDGE_IN, c, sec, NULL);
	return c;
}

static size_t citation(gb *b, size_t cl, const char *id, const char *marker, const char *stance,
	size_t work, unsigned line)
{
	size_t c = node(b, ARGRAPH_NODE_CITATION, id, line, NULL);
	set(b, c, "marker", marker);
	set(b, c, "status", work == ARGRAPH_NONE ? "dangling" : "resolved");
	if (stance)
		set(b, c, "stance", stance);
	edge(b, ARGRAPH_EDGE_CITES, cl, c, NULL);
	if (work != ARGRAPH_NONE)
		edge(b, ARGRAPH_EDGE_RESOLVES_TO, c, work, NULL);
	return c;
}

static size_t work(gb *b, const char *id, const char *bibl, const char *label, unsigned line)
{
	size_t w = node(b, ARGRAPH_NODE_WORK, id, line, NULL);
	set(b, w, "listed", "true");
	set(b, w, "bibl", bibl);
	OK(argraph_graph_set_label(b->g, w, NULL, label) == ARGRAPH_OK);
	return w;
}

/* One document: a paragraph p1 of three sentences (one cites, so its
 * numbers need no support), a paragraph p2 with an uncited fact, an
 * attributed claim with a number (not the paper's own voice), a
 * contested author and an endorsed one. */
static void build(gb *b, const char *key)
{
	char id[128];
#define ID(s) (snprintf(id, sizeof id, "%s%s", key, s), id)
	size_t doc = node(b, ARGRAPH_NODE_DOCUMENT, ID(""), 1, "/TEI");
	set(b, doc, "file", b->file);
	set(b, doc, "title", "A test");
	size_t sec = node(b, ARGRAPH_NODE_SECTION, ID("#sec.1"), 5, "/TEI/text[1]/body[1]/div[1]");
	OK(argraph_graph_set_label(b->g, sec, NULL, "Introduction") == ARGRAPH_OK);
	size_t w0 = work(b, ID("#b0"), "b0", "Smith (2001): Alliances", 50);
	size_t w1 = work(b, ID("#b1"), "b1", "Jones (2003): Threats", 51);
	work(b, ID("#b2"), "b2", "Lee (2005): Never cited", 52);
	size_t smith = node(b, ARGRAPH_NODE_PERSON, ID("#smith"), 40, NULL);
	OK(argraph_graph_set_label(b->g, smith, NULL, "Smith") == ARGRAPH_OK);
	size_t jones = node(b, ARGRAPH_NODE_PERSON, ID("#jones"), 41, NULL);
	OK(argraph_graph_set_label(b->g, jones, NULL, "Jones") == ARGRAPH_OK);
	size_t lee = node(b, ARGRAPH_NODE_PERSON, ID("#lee"), 42, NULL);
	edge(b, ARGRAPH_EDGE_AUTHORED, smith, w0, NULL);
	edge(b, ARGRAPH_EDGE_AUTHORED, jones, w1, NULL);
	edge(b, ARGRAPH_EDGE_AUTHORED, lee, w1, NULL); /* a co-author: not "cited" */

	const char *p1 = "/TEI/text[1]/body[1]/div[1]/p[1]", *p2 = "/TEI/text[1]/body[1]/div[1]/p[2]";
	/* p1: Smith's claim, reported; the paper answers it */
	size_t c1 = claim(b, sec, ID("#p1.s1"), "Smith argues that 40 alliances dissolve (Smith, 2001).",
		"attributed", "0", p1, 10);
	set(b, c1, "fact", "number");
	edge(b, ARGRAPH_EDGE_ASSERTS, smith, c1, "en.report.verb");
	citation(b, c1, ID("#cit.1"), "(Smith, 2001)", "mentions", w0, 10);
	size_t c2 = claim(b, sec, ID("#p1.s2"), "However, 12 of them grew [7].", "author", "1", p1, 11);
	set(b, c2, "fact", "number");
	set(b, c2, "fact_text", "12");
	edge(b, ARGRAPH_EDGE_ATTACKS, c2, c1, "en.contrast.adverb");
	size_t dang = citation(b, c2, ID("#cit.2"), "[7]", "contrasts", ARGRAPH_NONE, 11);
	(void)dang;
	size_t c3 = claim(b, sec, ID("#p1.s3"), "The largest one survived.", "author", "2", p1, 12);
	set(b, c3, "fact", "superlative"); /* cited paragraph: no support needed */
	/* p2: Jones cited in support; an uncited fact; a doubtful number */
	size_t c4 = claim(b, sec, ID("#p2.s1"), "Threats shape alliances (Jones, 2003).", "author", "3", p2, 20);
	edge(b, ARGRAPH_EDGE_ASSERTS, jones, c4, NULL);
	OK(argraph_graph_set_edge_attr(b->g, argraph_graph_edge_count(b->g) - 1, "basis", "citation") == ARGRAPH_OK);
	citation(b, c4, ID("#cit.3"), "(Jones, 2003)", "supports", w1, 20);
	size_t d2 = citation(b, c4, ID("#cit.4"), "13", "supports", ARGRAPH_NONE, 20);
	set(b, d2, "doubt", "number-in-author-year-text");
	const char *p3 = "/TEI/text[1]/body[1]/div[1]/p[3]";
	size_t c5 = claim(b, sec, ID("#p3.s1"), "The alliance grew in 1999 because of fear.", "author", "4", p3, 30);
	set(b, c5, "fact", "date");
	set(b, c5, "fact_text", "1999");
	set(b, c5, "causal", "true");
	set(b, c5, "role", "statement");
	size_t c6 = claim(b, sec, ID("#p3.s2"), "Nothing factual here.", "author", "5", p3, 31);
	(void)c6;
	size_t c7 = claim(b, sec, ID("#p3.s3"), "Trade caused peace.", NULL, "6", p3, 32);
	set(b, c7, "causal", "true"); /* no voice attribute (no rules): the paper's own */
	/* a counter-claim split off a sentence is no sentence of its own */
	size_t cc = node(b, ARGRAPH_NODE_CLAIM, ID("#p3.s1.c"), 30, p3);
	set(b, cc, "text", "because of fear");
	set(b, cc, "fact", "number");
	set(b, cc, "voice", "author");
#undef ID
}

static argraph_graph *graph_of(const char *file, const char *key, const char *key2)
{
	gb b = {NULL, file};
	OK(argraph_graph_new(&b.g) == ARGRAPH_OK);
	build(&b, key);
	if (key2)
		build(&b, key2);
	OK(argraph_graph_check(b.g) == ARGRAPH_OK);
	return b.g;
}

static void test_one_document(void)
{
	argraph_graph *g = graph_of("t.tei.xml", "t", NULL);
	argraph_audit *a = NULL;
	OK(argraph_audit_new(&a) == ARGRAPH_OK);
	INT_EQ(argraph_audit_add_graph(a, g), ARGRAPH_OK);
	argraph_graph_free(g); /* the audit keeps copies */
	INT_EQ(argraph_audit_document_count(a), 1);
	const argraph_audit_document *d = argraph_audit_document_at(a, 0);
	STR_EQ(d->key, "t");
	STR_EQ(d->file, "t.tei.xml");
	STR_EQ(d->title, "A test");
	const argraph_audit_summary *s = &d->summary;
	INT_EQ(s->claims, 7);
	INT_EQ(s->cited_claims, 3);
	INT_EQ(s->factual_claims, 4);          /* c2, c3, c5, c7 (c1 is attributed) */
	INT_EQ(s->uncited_factual_claims, 2);  /* c5, c7: p1 and p2 cite */
	INT_EQ(s->citations, 4);
	INT_EQ(s->resolved, 2);
	INT_EQ(s->dangling, 2);
	INT_EQ(s->doubtful, 1);
	INT_EQ(s->entries, 3);
	INT_EQ(s->uncited_entries, 1);
	INT_EQ(s->authors, 2);                 /* Smith, Jones; not the co-author Lee */

	/* citations: plain dangling, then doubtful, then resolved (text order) */
	INT_EQ(d->citation_count, 4);
	STR_EQ(argraph_audit_citation_at(a, 0)->marker, "[7]");
	STR_EQ(argraph_audit_citation_at(a, 0)->stance, "contrasts");
	STR_EQ(argraph_audit_citation_at(a, 0)->sentence, "However, 12 of them grew [7].");
	INT_EQ(argraph_audit_citation_at(a, 0)->line, 11);
	STR_EQ(argraph_audit_citation_at(a, 1)->marker, "13");
	STR_EQ(argraph_audit_citation_at(a, 1)->doubt, "number-in-author-year-text");
	STR_EQ(argraph_audit_citation_at(a, 2)->marker, "(Smith, 2001)");
	STR_EQ(argraph_audit_citation_at(a, 2)->work, "t#b0");
	STR_EQ(argraph_audit_citation_at(a, 2)->work_label, "Smith (2001): Alliances");
	STR_EQ(argraph_audit_citation_at(a, 2)->claim, "t#p1.s1");
	OK(argraph_audit_citation_at(a, 2)->resolved);
	STR_EQ(argraph_audit_citation_at(a, 3)->marker, "(Jones, 2003)");

	/* entries in list order, with counts */
	INT_EQ(d->entry_count, 3);
	STR_EQ(argraph_audit_entry_at(a, 0)->bibl, "b0");
	INT_EQ(argraph_audit_entry_at(a, 0)->cited, 1);
	INT_EQ(argraph_audit_entry_at(a, 2)->cited, 0);
	INT_EQ(argraph_audit_entry_at(a, 2)->line, 52);

	/* authors: Smith contested (his claim is attacked by the author's
	 * voice), Jones endorsed (cited in support) */
	INT_EQ(d->author_count, 2);
	const argraph_audit_author *smith = argraph_audit_author_at(a, 0);
	STR_EQ(smith->name, "Smith");
	INT_EQ(smith->stance, ARGRAPH_AUDIT_CONTESTS);
	INT_EQ(smith->citations, 1);
	INT_EQ(smith->claim_count, 1);
	const argraph_audit_attribution *at = argraph_audit_attribution_at(a, smith->first_claim);
	STR_EQ(at->claim, "t#p1.s1");
	INT_EQ(at->stance, ARGRAPH_AUDIT_CONTESTS);
	STR_EQ(at->basis, "report");
	STR_EQ(at->rule, "en.report.verb");
	const argraph_audit_author *jones = argraph_audit_author_at(a, 1);
	INT_EQ(jones->stance, ARGRAPH_AUDIT_ENDORSES);
	at = argraph_audit_attribution_at(a, jones->first_claim);
	STR_EQ(at->basis, "citation");
	INT_EQ(at->stance, ARGRAPH_AUDIT_ENDORSES);

	/* needs support: the dated causal claim, and the causal one with no voice */
	INT_EQ(d->unsupported_count, 2);
	const argraph_audit_unsupported *u = argraph_audit_unsupported_at(a, d->first_unsupported);
	STR_EQ(u->claim, "t#p3.s1");
	STR_EQ(u->facts, "date,causal");
	STR_EQ(u->fact_text, "1999");
	STR_EQ(u->section, "Introduction");
	INT_EQ(u->line, 30);
	STR_EQ(argraph_audit_unsupported_at(a, d->first_unsupported + 1)->facts, "causal");
	OK(argraph_audit_unsupported_at(a, 2) == NULL);
	argraph_audit_free(a);
}

static void test_renderers(void)
{
	argraph_graph *g = graph_of("t.tei.xml", "t", NULL);
	argraph_audit *a = NULL;
	char *out = NULL;
	OK(argraph_audit_new(&a) == ARGRAPH_OK);
	OK(argraph_audit_add_graph(a, g) == ARGRAPH_OK);

	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_TEXT) == ARGRAPH_OK);
	STR_CONTAINS(out, "== t.tei.xml — A test ==");
	STR_CONTAINS(out, "t.tei.xml:11: [7]  DANGLING: no target, and no entry matches it  [contrasts]");
	STR_CONTAINS(out, "      claim: However, 12 of them grew [7].");
	STR_CONTAINS(out, "doubtful: a bare number");
	STR_CONTAINS(out, "b2  Lee (2005): Never cited  NEVER CITED");
	STR_CONTAINS(out, "Smith (t#smith): contests");
	STR_CONTAINS(out, "t.tei.xml:30: [date,causal: 1999]");
	STR_CONTAINS(out, "citations        4: 2 resolved, 2 dangling (1 doubtful)");
	argraph_free(out);

	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_MARKDOWN) == ARGRAPH_OK);
	STR_CONTAINS(out, "# Citation audit");
	STR_CONTAINS(out, "| `t.tei.xml:11` | [7] | **dangling**: no target");
	STR_CONTAINS(out, "| citations | 4 |");
	argraph_free(out);

	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_JSON) == ARGRAPH_OK);
	json_error_t err;
	json_t *root = out ? json_loads(out, 0, &err) : NULL;
	OK(root != NULL);
	if (root) {
		STR_EQ(json_string_value(json_object_get(root, "version")), ARGRAPH_AUDIT_JSON_FORMAT);
		json_t *doc = json_array_get(json_object_get(root, "documents"), 0);
		INT_EQ(json_integer_value(json_object_get(json_object_get(doc, "summary"), "dangling")), 2);
		json_t *c0 = json_array_get(json_object_get(doc, "citations"), 0);
		STR_EQ(json_string_value(json_object_get(c0, "status")), "dangling");
		OK(json_object_get(c0, "work") == NULL); /* absent, not null */
		json_t *au = json_array_get(json_object_get(doc, "authors"), 0);
		STR_EQ(json_string_value(json_object_get(au, "stance")), "contests");
		INT_EQ(json_array_size(json_object_get(doc, "needs_support")), 2);
		json_decref(root);
	}
	argraph_free(out);

	out = (char *)"x";
	INT_EQ(argraph_audit_render(&out, a, (argraph_audit_format)99), ARGRAPH_EINVALID);
	OK(out == NULL);
	argraph_audit_free(a);
	argraph_graph_free(g);
}

/* Markdown cells cannot be broken by the text they hold. */
static void test_markdown_escaping(void)
{
	gb b = {NULL, "m|d.tei.xml"};
	OK(argraph_graph_new(&b.g) == ARGRAPH_OK);
	size_t doc = node(&b, ARGRAPH_NODE_DOCUMENT, "m", 1, NULL);
	set(&b, doc, "file", "m|d.tei.xml");
	size_t sec = node(&b, ARGRAPH_NODE_SECTION, "m#s", 1, NULL);
	size_t c = claim(&b, sec, "m#c", "a | b <script> & c\nd", "author", "0", "/p", 2);
	citation(&b, c, "m#cit.1", "[1|2]", NULL, ARGRAPH_NONE, 2);
	argraph_audit *a = NULL;
	char *out = NULL;
	OK(argraph_audit_new(&a) == ARGRAPH_OK);
	OK(argraph_audit_add_graph(a, b.g) == ARGRAPH_OK);
	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_MARKDOWN) == ARGRAPH_OK);
	STR_CONTAINS(out, "a \\| b &lt;script&gt; &amp; c d");
	STR_CONTAINS(out, "[1\\|2]");
	STR_CONTAINS(out, "`m\\|d.tei.xml:2`");
	argraph_free(out);
	argraph_audit_free(a);
	argraph_graph_free(b.g);
}

static void test_several_documents(void)
{
	/* two documents in one graph (told apart by the id prefix) … */
	argraph_graph *g = graph_of("t.tei.xml", "one", "two");
	argraph_audit *a = NULL;
	OK(argraph_audit_new(&a) == ARGRAPH_OK);
	INT_EQ(argraph_audit_add_graph(a, g), ARGRAPH_OK);
	argraph_graph_free(g);
	/* … and a third from another graph */
	g = graph_of("u.tei.xml", "three", NULL);
	INT_EQ(argraph_audit_add_graph(a, g), ARGRAPH_OK);
	argraph_graph_free(g);
	INT_EQ(argraph_audit_document_count(a), 3);
	for (size_t i = 0; i < 3; i++) {
		const argraph_audit_document *d = argraph_audit_document_at(a, i);
		INT_EQ(d->summary.citations, 4);
		INT_EQ(d->citation_count, 4);
		INT_EQ(d->first_citation, 4 * i);
		INT_EQ(argraph_audit_citation_at(a, d->first_citation)->document, i);
		INT_EQ(d->summary.authors, 2);
		INT_EQ(d->unsupported_count, 2);
	}
	STR_EQ(argraph_audit_citation_at(a, 4)->id, "two#cit.2");
	argraph_audit_summary t = argraph_audit_get_summary(a);
	INT_EQ(t.citations, 12);
	INT_EQ(t.uncited_entries, 3);
	INT_EQ(t.claims, 21);
	char *out = NULL;
	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_TEXT) == ARGRAPH_OK);
	STR_CONTAINS(out, "== all documents ==");
	argraph_free(out);
	argraph_audit_free(a);
}

static void test_edges(void)
{
	argraph_audit *a = NULL;
	argraph_graph *g = NULL;
	OK(argraph_audit_new(&a) == ARGRAPH_OK);
	OK(argraph_graph_new(&g) == ARGRAPH_OK);
	INT_EQ(argraph_audit_add_graph(a, g), ARGRAPH_EINVALID); /* no document */
	INT_EQ(argraph_audit_document_count(a), 0);
	char *out = NULL;
	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_TEXT) == ARGRAPH_OK);
	STR_EQ(out, "");
	argraph_free(out);
	OK(argraph_audit_render(&out, a, ARGRAPH_AUDIT_JSON) == ARGRAPH_OK);
	STR_CONTAINS(out, "\"documents\": []");
	argraph_free(out);
	OK(argraph_audit_document_at(a, 0) == NULL);
	OK(argraph_audit_citation_at(NULL, 0) == NULL);
	INT_EQ(argraph_audit_entry_count(NULL), 0);
	argraph_audit_free(a);
	argraph_audit_free(NULL);
	argraph_graph_free(g);

	STR_EQ(argraph_audit_stance_name(ARGRAPH_AUDIT_MIXED), "endorses and contests");
	OK(argraph_audit_stance_name((argraph_audit_stance)42) == NULL);
	argraph_audit_format f = ARGRAPH_AUDIT_TEXT;
	OK(argraph_audit_format_from_name("md", &f) && f == ARGRAPH_AUDIT_MARKDOWN);
	OK(argraph_audit_format_from_name("markdown", &f) && f == ARGRAPH_AUDIT_MARKDOWN);
	OK(argraph_audit_format_from_name("json", &f) && f == ARGRAPH_AUDIT_JSON);
	OK(!argraph_audit_format_from_name("xml", &f));
	OK(!argraph_audit_format_from_name(NULL, &f));
	STR_EQ(argraph_audit_format_name(ARGRAPH_AUDIT_TEXT), "text");
	OK(argraph_audit_format_name((argraph_audit_format)9) == NULL);
}

int main(void)
{
	test_one_document();
	test_renderers();
	test_markdown_escaping();
	test_several_documents();
	test_edges();
	return TEST_DONE();
}
