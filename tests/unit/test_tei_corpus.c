/* SPDX-License-Identifier: MIT */
/*
 * test_tei_corpus.c — argraph_tei_read_{file,mem}_each(): a <teiCorpus>
 * gives one document per <TEI>, in document order, nested corpora
 * included; each member is named by its xml:id or its position, inherits
 * the corpus headers' language and authorities, fails alone with its own
 * line; an empty corpus is an error; a plain <TEI> through the new entry
 * is the document argraph_tei_read_file() gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "harness.h"

#define NS "xmlns=\"http://www.tei-c.org/ns/1.0\""

static const char *srcdir;

/* What the callback saw, member by member. */
#define MAX_SEEN 8
typedef struct seen {
	size_t n;
	char id[MAX_SEEN][32];  /* "" for NULL */
	size_t index[MAX_SEEN];
	unsigned line[MAX_SEEN];
	argraph_status status[MAX_SEEN];
	argraph_doc *doc[MAX_SEEN];
	size_t stop_after;      /* 0: never stop */
} seen;

static int collect(void *ctx, argraph_tei_member *m)
{
	seen *s = ctx;
	if (s->n < MAX_SEEN) {
		snprintf(s->id[s->n], sizeof s->id[s->n], "%s", m->id ? m->id : "");
		s->index[s->n] = m->index;
		s->line[s->n] = m->line;
		s->status[s->n] = m->status;
		s->doc[s->n] = m->doc; /* ours now */
		OK((m->doc != NULL) == (m->status == ARGRAPH_OK));
	} else {
		argraph_doc_free(m->doc);
	}
	s->n++;
	return s->stop_after && s->n >= s->stop_after;
}

static void seen_free(seen *s)
{
	for (size_t i = 0; i < s->n && i < MAX_SEEN; i++)
		argraph_doc_free(s->doc[i]);
}

static argraph_status read_each(const char *xml, seen *s, argraph_diags *d)
{
	return argraph_tei_read_mem_each(xml, strlen(xml), "c.xml", NULL, collect, s, d);
}

/* The first diagnostic with this code, or NULL. */
static const argraph_diag *diag_with(const argraph_diags *d, const char *code)
{
	for (size_t i = 0; i < argraph_diags_count(d); i++)
		if (strcmp(argraph_diags_at(d, i)->code, code) == 0)
			return argraph_diags_at(d, i);
	return NULL;
}

/* Nested corpora: members in document order, positions counted over the
 * whole file, xml:id when there is one, else the position. */
static void test_nested_and_names(void)
{
	static const char xml[] =
		"<teiCorpus " NS ">\n"                                         /* 1 */
		"<teiHeader/>\n"                                               /* 2 */
		"<TEI><text><body><p>one</p></body></text></TEI>\n"            /* 3 */
		"<teiCorpus><teiHeader/>\n"                                    /* 4 */
		"  <TEI xml:id=\"inner\"><text><body><p>two</p></body></text></TEI>\n" /* 5 */
		"  <teiCorpus><TEI><text><body><p>three</p></body></text></TEI></teiCorpus>\n" /* 6 */
		"</teiCorpus>\n"                                               /* 7 */
		"<TEI xml:id=\"last\"><text><body><p>four</p></body></text></TEI>\n" /* 8 */
		"</teiCorpus>\n";
	seen s = {0};
	argraph_diags *d;
	argraph_diags_new(&d);
	INT_EQ(read_each(xml, &s, d), ARGRAPH_OK);
	INT_EQ(argraph_diags_count(d), 0);
	INT_EQ(s.n, 4);
	static const char *const ids[] = {"1", "inner", "3", "last"};
	static const unsigned lines[] = {3, 5, 6, 8};
	static const char *const texts[] = {"one", "two", "three", "four"};
	static const char *const xpaths[] = {"/teiCorpus/TEI[1]", "/teiCorpus/teiCorpus[1]/TEI[1]",
		"/teiCorpus/teiCorpus[1]/teiCorpus[1]/TEI[1]", "/teiCorpus/TEI[2]"};
	for (size_t i = 0; i < 4 && i < s.n; i++) {
		STR_EQ(s.id[i], ids[i]);
		INT_EQ(s.index[i], i + 1);
		INT_EQ(s.line[i], lines[i]);
		OK(s.doc[i] != NULL);
		if (!s.doc[i])
			continue;
		STR_EQ(argraph_doc_get_file(s.doc[i]), "c.xml");
		INT_EQ(argraph_doc_get_line(s.doc[i]), lines[i]);
		STR_EQ(argraph_doc_get_xpath(s.doc[i]), xpaths[i]);
		INT_EQ(argraph_doc_block_count(s.doc[i]), 1);
		if (argraph_doc_block_count(s.doc[i]))
			STR_EQ(argraph_doc_block_at(s.doc[i], 0)->text, texts[i]);
	}
	seen_free(&s);

	/* the callback stops the reading */
	seen t = {0};
	t.stop_after = 2;
	INT_EQ(read_each(xml, &t, d), ARGRAPH_OK);
	INT_EQ(t.n, 2);
	seen_free(&t);
	argraph_diags_free(d);
}

/* The language: the member's own first (TEI, teiHeader, text), then the
 * nearest teiCorpus's, then its teiHeader's, then further out. */
static void test_language(void)
{
	static const char xml[] =
		"<teiCorpus " NS " xml:lang=\"de\"><teiHeader/>\n"
		"<TEI><text><body><p>a</p></body></text></TEI>\n"
		"<TEI xml:lang=\"fr\"><text><body><p>b</p></body></text></TEI>\n"
		"<TEI><teiHeader xml:lang=\"it\"/><text><body><p>c</p></body></text></TEI>\n"
		"<TEI><text xml:lang=\"es\"><body><p>d</p></body></text></TEI>\n"
		"<teiCorpus><teiHeader xml:lang=\"zh\"/><TEI><text><body><p>e</p></body></text></TEI></teiCorpus>\n"
		"<teiCorpus><teiHeader/><TEI><text><body><p>f</p></body></text></TEI></teiCorpus>\n"
		"</teiCorpus>\n";
	static const char *const want[] = {"de", "fr", "it", "es", "zh", "de"};
	seen s = {0};
	argraph_diags *d;
	argraph_diags_new(&d);
	INT_EQ(read_each(xml, &s, d), ARGRAPH_OK);
	INT_EQ(s.n, 6);
	for (size_t i = 0; i < 6 && i < s.n; i++)
		if (s.doc[i])
			STR_EQ(argraph_doc_get_lang(s.doc[i]), want[i]);
	seen_free(&s);

	/* no language anywhere: none */
	static const char none[] = "<teiCorpus " NS "><TEI><text><body><p>a</p></body></text></TEI></teiCorpus>";
	seen t = {0};
	INT_EQ(read_each(none, &t, d), ARGRAPH_OK);
	INT_EQ(t.n, 1);
	if (t.n && t.doc[0])
		OK(argraph_doc_get_lang(t.doc[0]) == NULL);
	seen_free(&t);
	argraph_diags_free(d);
}

/* The corpus header's authorities reach every member, after the member's
 * own; its bibliography does not. */
static void test_authorities(void)
{
	static const char xml[] =
		"<teiCorpus " NS "><teiHeader><profileDesc>\n"
		"<particDesc><listPerson><person xml:id=\"p-corpus\"><persName>Ann Corpus</persName></person></listPerson></particDesc>\n"
		"<textClass><taxonomy xml:id=\"tax\"><category xml:id=\"cat1\"><catDesc>One</catDesc></category></taxonomy></textClass>\n"
		"</profileDesc><fileDesc><sourceDesc><listBibl><bibl xml:id=\"src\"><title>Source</title></bibl></listBibl></sourceDesc></fileDesc>\n"
		"</teiHeader>\n"
		"<TEI><teiHeader><profileDesc><particDesc><listPerson><person xml:id=\"p-own\"><persName>Bo Own</persName></person></listPerson></particDesc></profileDesc></teiHeader>\n"
		"<text><body><p>x</p></body></text></TEI>\n"
		"<TEI><text><body><p>y</p></body></text></TEI>\n"
		"</teiCorpus>\n";
	seen s = {0};
	argraph_diags *d;
	argraph_diags_new(&d);
	INT_EQ(read_each(xml, &s, d), ARGRAPH_OK);
	INT_EQ(s.n, 2);
	if (s.n == 2 && s.doc[0] && s.doc[1]) {
		INT_EQ(argraph_doc_authority_count(s.doc[0]), 3);
		if (argraph_doc_authority_count(s.doc[0]) == 3)
			STR_EQ(argraph_doc_authority_at(s.doc[0], 0)->id, "p-own"); /* its own first */
		INT_EQ(argraph_doc_authority_count(s.doc[1]), 2);
		for (size_t i = 0; i < 2; i++) {
			const argraph_authority *p = argraph_doc_find_authority(s.doc[i], "#p-corpus");
			const argraph_authority *c = argraph_doc_find_authority(s.doc[i], "cat1");
			OK(p && p->kind == ARGRAPH_AUTH_PERSON && p->line == 2);
			OK(c && c->kind == ARGRAPH_AUTH_CATEGORY && c->taxonomy && strcmp(c->taxonomy, "tax") == 0);
			INT_EQ(argraph_doc_bibentry_count(s.doc[i]), 0);
		}
		OK(argraph_doc_find_authority(s.doc[1], "p-own") == NULL);
	}
	seen_free(&s);
	argraph_diags_free(d);
}

/* A member that cannot be read fails alone, at its own line; the others
 * are read and keep their positions. */
static void test_bad_member(void)
{
	static const char xml[] =
		"<teiCorpus " NS "><teiHeader/>\n"                          /* 1 */
		"<TEI><text><body><p>a</p></body></text></TEI>\n"           /* 2 */
		"\n"                                                        /* 3 */
		"<TEI><teiHeader/></TEI>\n"                                 /* 4: no <text> */
		"<TEI xmlns=\"urn:other\"><text/></TEI>\n"                  /* 5: other namespace */
		"<TEI><text><body><p>d</p></body></text></TEI>\n"           /* 6 */
		"</teiCorpus>\n";
	seen s = {0};
	argraph_diags *d;
	argraph_diags_new(&d);
	INT_EQ(read_each(xml, &s, d), ARGRAPH_EINVALID);
	INT_EQ(s.n, 4);
	if (s.n == 4) {
		INT_EQ(s.status[0], ARGRAPH_OK);
		INT_EQ(s.status[1], ARGRAPH_EINVALID);
		INT_EQ(s.status[2], ARGRAPH_EINVALID);
		INT_EQ(s.status[3], ARGRAPH_OK);
		STR_EQ(s.id[3], "4");
	}
	const argraph_diag *no_text = diag_with(d, "tei.no-text");
	const argraph_diag *ns = diag_with(d, "tei.namespace");
	OK(no_text && no_text->pos.line == 4 && strcmp(no_text->pos.file, "c.xml") == 0);
	OK(ns && ns->pos.line == 5);
	INT_EQ(argraph_diags_count(d), 2);
	seen_free(&s);
	argraph_diags_free(d);
}

/* A teiCorpus with no TEI, or not in the TEI namespace: an error at its
 * line, and no document. */
static void test_empty_and_foreign(void)
{
	argraph_diags *d;
	argraph_diags_new(&d);
	seen s = {0};
	static const char empty[] = "<?xml version=\"1.0\"?>\n<teiCorpus " NS ">\n<teiHeader/>\n</teiCorpus>\n";
	INT_EQ(read_each(empty, &s, d), ARGRAPH_EINVALID);
	INT_EQ(s.n, 0);
	const argraph_diag *e = diag_with(d, "tei.empty-corpus");
	OK(e && e->pos.line == 2 && e->severity == ARGRAPH_SEV_ERROR);

	argraph_diags_clear(d);
	static const char foreign[] = "<teiCorpus><TEI " NS "><text/></TEI></teiCorpus>";
	INT_EQ(read_each(foreign, &s, d), ARGRAPH_EINVALID);
	INT_EQ(s.n, 0);
	OK(diag_with(d, "tei.namespace") != NULL);

	/* a nested corpus out of the namespace: its members are not read but
	 * keep their positions, the others are read, the file is not OK */
	argraph_diags_clear(d);
	static const char nested[] = "<teiCorpus " NS "><TEI><text/></TEI>\n"
		"<teiCorpus xmlns=\"urn:x\"><TEI " NS "><text/></TEI></teiCorpus>\n"
		"<TEI><text/></TEI></teiCorpus>";
	INT_EQ(read_each(nested, &s, d), ARGRAPH_EINVALID);
	INT_EQ(s.n, 2);
	if (s.n == 2) {
		STR_EQ(s.id[1], "3");
		INT_EQ(s.status[1], ARGRAPH_OK);
	}
	const argraph_diag *n = diag_with(d, "tei.namespace");
	OK(n && n->pos.line == 2);
	seen_free(&s);

	/* the single-document entry refuses a teiCorpus and says what to use */
	argraph_diags_clear(d);
	argraph_doc *doc = NULL;
	static const char two[] = "<teiCorpus " NS "><TEI><text/></TEI></teiCorpus>";
	INT_EQ(argraph_tei_read_mem(&doc, two, strlen(two), "c.xml", NULL, d), ARGRAPH_EINVALID);
	OK(doc == NULL);
	e = diag_with(d, "tei.not-tei");
	OK(e != NULL);
	if (e)
		STR_CONTAINS(e->message, "argraph_tei_read_file_each");
	argraph_diags_free(d);
}

/* The graph of a document as one JSON line, under `key`. */
static char *graph_line(const argraph_doc *doc, const char *key)
{
	argraph_graph *g = NULL;
	char *line = NULL;
	if (argraph_graph_new(&g) == ARGRAPH_OK && argraph_extract_structure(g, doc, key, NULL) == ARGRAPH_OK)
		argraph_json_to_line(&line, g, NULL);
	argraph_graph_free(g);
	return line;
}

/* A plain <TEI> through the new entry: one document, no member name, the
 * same document argraph_tei_read_file() reads (the same graph). */
static void test_plain_tei(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/data/tei/mini-zh.tei.xml", srcdir);
	argraph_diags *d;
	argraph_diags_new(&d);
	argraph_doc *one = NULL;
	INT_EQ(argraph_tei_read_file(&one, path, NULL, d), ARGRAPH_OK);
	seen s = {0};
	INT_EQ(argraph_tei_read_file_each(path, NULL, collect, &s, d), ARGRAPH_OK);
	INT_EQ(s.n, 1);
	if (s.n == 1 && one && s.doc[0]) {
		STR_EQ(s.id[0], "");
		INT_EQ(s.index[0], 1);
		INT_EQ(argraph_doc_get_line(s.doc[0]), 0);
		OK(argraph_doc_get_xpath(s.doc[0]) == NULL);
		char *a = graph_line(one, "k"), *b = graph_line(s.doc[0], "k");
		OK(a && b && strcmp(a, b) == 0);
		OK(a && strlen(a) > 1000); /* a real graph, not two empty ones */
		argraph_free(a);
		argraph_free(b);
	}
	seen_free(&s);
	argraph_doc_free(one);

	/* a file that cannot be read: the status, no call */
	seen t = {0};
	INT_EQ(argraph_tei_read_file_each("/nonexistent/x.xml", NULL, collect, &t, d), ARGRAPH_EIO);
	INT_EQ(t.n, 0);
	argraph_diags_free(d);
}

int main(int argc, char **argv)
{
	srcdir = argc > 1 ? argv[1] : ".";
	test_nested_and_names();
	test_language();
	test_authorities();
	test_bad_member();
	test_empty_and_foreign();
	test_plain_tei();
	argraph_tei_cleanup();
	return TEST_DONE();
}
