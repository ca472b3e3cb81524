/* SPDX-License-Identifier: MIT */
/*
 * test_extract_ctx.c — the context both extraction passes share
 * (src/extract/context.h): its attribute setters, and the one rule that
 * tells the passes' setters apart: an empty value is an attribute for the
 * rule pass (set_attr) but nothing for markup values of the structure pass
 * (set_attr_unless_empty), so an empty TEI attribute (type="") makes none.
 */
#include <string.h>

#include "argraph/argraph.h"
#include "extract/context.h"
#include "harness.h"

static const char *attr_of(const argraph_graph *g, size_t n, const char *name)
{
	return argraph_node_get_attr(argraph_graph_node_at(g, n), name);
}

static void test_setters(void)
{
	argraph_graph *g = NULL;
	size_t n = ARGRAPH_NONE;
	argraph_extract_ctx x;
	OK(argraph_graph_new(&g) == ARGRAPH_OK);
	if (!g)
		return;
	OK(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "k#c", NULL, &n) == ARGRAPH_OK);
	INT_EQ(argraph_extract__ctx_init(&x, g, NULL, "k", NULL), ARGRAPH_OK);
	STR_EQ(x.key, "k");

	/* an empty value: an attribute with set_attr, none with the _unless_empty setters */
	argraph_extract__set_attr(&x, n, W_FACT_TEXT, "");
	STR_EQ(attr_of(g, n, "fact_text"), "");
	argraph_extract__set_attr_unless_empty(&x, n, W_TYPE, "");
	OK(attr_of(g, n, "type") == NULL);
	argraph_extract__set_attr_own_unless_empty(&x, n, W_LANG, argraph_graph__intern(g, ""));
	OK(attr_of(g, n, "lang") == NULL);
	argraph_extract__set_attr_own(&x, n, W_HEAD, argraph_graph__intern(g, ""));
	STR_EQ(attr_of(g, n, "head"), "");

	/* a value is set by all of them; NULL by none */
	argraph_extract__set_attr_unless_empty(&x, n, W_TYPE, "chapter");
	STR_EQ(attr_of(g, n, "type"), "chapter");
	argraph_extract__set_attr_own_unless_empty(&x, n, W_LANG, argraph_graph__intern(g, "de"));
	STR_EQ(attr_of(g, n, "lang"), "de");
	argraph_extract__set_attr(&x, n, W_N, NULL);
	argraph_extract__set_attr_own(&x, n, W_N, NULL);
	OK(attr_of(g, n, "n") == NULL);

	/* a word is the graph's one copy, looked up again by get_attr */
	argraph_extract__set_word(&x, n, W_ROLE, W_CITED_AUTHOR);
	STR_EQ(attr_of(g, n, "role"), "cited-author");
	OK(argraph_extract__get_attr(&x, n, W_ROLE) == argraph_graph__intern(g, "cited-author"));
	OK(argraph_extract__get_attr(&x, n, W_STANCE) == NULL);

	/* a node that could not be made gets nothing, and is no error */
	argraph_extract__set_attr(&x, ARGRAPH_NONE, W_TEXT, "t");
	argraph_extract__set_word(&x, ARGRAPH_NONE, W_ROLE, W_ACTOR);
	INT_EQ(x.st, ARGRAPH_OK);

	/* the first error is the one kept */
	argraph_extract__check(&x, ARGRAPH_OK);
	argraph_extract__check(&x, ARGRAPH_EINVALID);
	argraph_extract__check(&x, ARGRAPH_ENOMEM);
	INT_EQ(x.st, ARGRAPH_EINVALID);

	argraph_extract__ctx_release(&x);
	argraph_graph_free(g);
}

/* Every word has a text, and no two the same: a word added to the table
 * in the wrong place would name the wrong attribute. */
static void test_words(void)
{
	for (int i = 0; i < W__COUNT; i++) {
		OK(argraph_extract__word_text[i] && *argraph_extract__word_text[i]);
		for (int j = 0; j < i; j++)
			OK(strcmp(argraph_extract__word_text[i], argraph_extract__word_text[j]) != 0);
	}
	STR_EQ(argraph_extract__word_text[W_ROLE], "role");
	STR_EQ(argraph_extract__word_text[W_AUTHOR_YEAR], "author-year");
	STR_EQ(argraph_extract__word_text[W_TRUE], "true");
}

/* Through the structure pass: empty markup attributes make none. */
static const char doc_xml[] =
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title>"
	"</titleStmt></fileDesc></teiHeader><text><body>"
	"<div type=\"\" n=\"\"><head>Empty</head><p>One sentence here.</p></div>"
	"<div type=\"chapter\" n=\"2\"><head>Full</head><p>Another sentence here.</p></div>"
	"</body></text></TEI>";

static void test_structure_empty_markup(void)
{
	argraph_doc *doc = NULL;
	argraph_graph *g = NULL;
	argraph_diags *d = NULL;
	OK(argraph_diags_new(&d) == ARGRAPH_OK);
	INT_EQ(argraph_tei_read_mem(&doc, doc_xml, strlen(doc_xml), "e.tei.xml", NULL, d), ARGRAPH_OK);
	OK(argraph_graph_new(&g) == ARGRAPH_OK);
	if (doc && g) {
		INT_EQ(argraph_extract_structure(g, doc, "e", d), ARGRAPH_OK);
		size_t empty = ARGRAPH_NONE, full = ARGRAPH_NONE;
		for (size_t i = 0; i < argraph_graph_node_count(g); i++) {
			const argraph_node *nd = argraph_graph_node_at(g, i);
			const char *head = argraph_node_get_attr(nd, "head");
			if (argraph_node_get_kind(nd) != ARGRAPH_NODE_SECTION || !head)
				continue;
			if (strcmp(head, "Empty") == 0)
				empty = i;
			else if (strcmp(head, "Full") == 0)
				full = i;
		}
		OK(empty != ARGRAPH_NONE && full != ARGRAPH_NONE);
		if (empty != ARGRAPH_NONE && full != ARGRAPH_NONE) {
			OK(attr_of(g, empty, "type") == NULL);
			OK(attr_of(g, empty, "n") == NULL);
			STR_EQ(attr_of(g, full, "type"), "chapter");
			STR_EQ(attr_of(g, full, "n"), "2");
		}
	}
	argraph_diags_print(d, stderr);
	argraph_graph_free(g);
	argraph_doc_free(doc);
	argraph_diags_free(d);
}

int main(void)
{
	test_setters();
	test_words();
	test_structure_empty_markup();
	argraph_tei_cleanup();
	return TEST_DONE();
}
