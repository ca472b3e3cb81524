/* SPDX-License-Identifier: MIT */
/*
 * test_citekeys.c — citation markers and their entries (src/extract/
 * citekeys.c), and what the structure pass makes of them: "[3,4]" and
 * "[10-14]" as several citations, pointers matched to numbers, numbering by
 * place, GROBID refs without a pointer read by author and year, GROBID's
 * noisy names, doubtful bare numbers in an author-year text.
 */
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "extract/extract_internal.h"
#include "harness.h"

static void test_fold(void)
{
	strbuf b = {0};
	argraph_extract__fold_name(&b, "Řehůřek", strlen("Řehůřek"));
	STR_EQ(strbuf_cstr(&b), "rehurek");
	argraph_extract__fold_name(&b, "  Hahn-Powell ", strlen("  Hahn-Powell "));
	STR_EQ(strbuf_cstr(&b), "hahn powell");
	argraph_extract__fold_name(&b, "O’Brien", strlen("O’Brien"));
	STR_EQ(strbuf_cstr(&b), "o brien");
	argraph_extract__fold_name(&b, "GÜSEWELL", strlen("GÜSEWELL"));
	STR_EQ(strbuf_cstr(&b), "gusewell");
	argraph_extract__fold_name(&b, "Æbelø Straße", strlen("Æbelø Straße"));
	STR_EQ(strbuf_cstr(&b), "aebelo strasse");
	argraph_extract__fold_name(&b, "汉斯·摩根索", strlen("汉斯·摩根索"));
	STR_EQ(strbuf_cstr(&b), "汉斯 摩根索");
	argraph_extract__fold_name(&b, "", 0);
	STR_EQ(strbuf_cstr(&b), "");
	strbuf_release(&b);
}

static void test_numbers(void)
{
	unsigned long n[300];
	INT_EQ(argraph_extract__marker_numbers("[3]", n, 300), 1);
	INT_EQ(n[0], 3);
	INT_EQ(argraph_extract__marker_numbers("[3,4]", n, 300), 2);
	INT_EQ(n[1], 4);
	INT_EQ(argraph_extract__marker_numbers("[10-14]", n, 300), 5);
	INT_EQ(n[0], 10);
	INT_EQ(n[4], 14);
	INT_EQ(argraph_extract__marker_numbers("[2, 5–7; 9]", n, 300), 5);
	INT_EQ(n[1], 5);
	INT_EQ(n[3], 7);
	INT_EQ(n[4], 9);
	INT_EQ(argraph_extract__marker_numbers("37]", n, 300), 1);
	INT_EQ(n[0], 37);
	INT_EQ(argraph_extract__marker_numbers("[14-10]", n, 300), 0);   /* reversed */
	INT_EQ(argraph_extract__marker_numbers("[1-100000]", n, 300), 0); /* too long */
	INT_EQ(argraph_extract__marker_numbers("[1,2,3]", n, 2), 0);      /* over max */
	INT_EQ(argraph_extract__marker_numbers("[99999999999999999999]", n, 300), 0);
	INT_EQ(argraph_extract__marker_numbers("", n, 300), 0);
	INT_EQ(argraph_extract__marker_numbers(NULL, n, 300), 0);
}

static void ay_is(const char *t, const argraph_cite_ay *ay, const char *author, const char *year)
{
	char buf[128];
	size_t n = ay->author_end - ay->author_begin;
	snprintf(buf, sizeof buf, "%.*s", (int)n, t + ay->author_begin);
	STR_EQ(buf, author);
	STR_EQ(ay->year, year);
}

static void test_author_years(void)
{
	argraph_cite_ay ay[8];
	const char *t = "Hamilton et al., 2017a,b;";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 2);
	ay_is(t, &ay[0], "Hamilton et al.", "2017a");
	ay_is(t, &ay[1], "Hamilton et al.", "2017b");
	t = "(e.g., Lample et al., 2016";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 1);
	ay_is(t, &ay[0], "Lample et al.", "2016");
	t = "(Smith and Jones, 2001; Lee, 2003, p. 4)";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 2);
	ay_is(t, &ay[0], "Smith and Jones", "2001");
	ay_is(t, &ay[1], "Lee", "2003");
	t = "Smith 2001, 2003";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 2);
	ay_is(t, &ay[1], "Smith", "2003");
	t = "(Smith, 2001a, p. 5)"; /* "p." is a page, not a suffix */
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 1);
	ay_is(t, &ay[0], "Smith", "2001a");
	t = "（汉斯·摩根索，1948）";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 1);
	ay_is(t, &ay[0], "汉斯·摩根索", "1948");
	t = "[12]";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 0);
	t = "(";
	INT_EQ(argraph_extract__marker_author_years(t, strlen(t), ay, 8), 0);
}

/* A GROBID-like reference list with the noise seen in real output. */
static const char grobid_doc[] =
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title>"
	"</titleStmt></fileDesc></teiHeader><text><body>"
	"<div><p>Graph methods work <ref type=\"bibr\" target=\"#b0\">(Hamilton et al., 2017a;</ref>"
	"<ref type=\"bibr\">Hamilton et al., 2017a,b;</ref><ref type=\"bibr\">Wu et al., 2019b)</ref>.</p>"
	"<p>We trained Doc2Vec with Gensim <ref type=\"bibr\">(Řehůřek and Sojka, 2010)</ref> and"
	" skip-thought <ref type=\"bibr\">(Kiros et al., 2015)</ref>, as <ref type=\"bibr\">Lau and Baldwin (2016)</ref>"
	" did. <ref type=\"bibr\">13</ref> Datasets such as <ref type=\"bibr\">CoNLL-2003</ref> are common.</p>"
	"</div></body><back><div type=\"references\"><listBibl>"
	"<biblStruct xml:id=\"b0\"><analytic><title>A</title><author><persName><forename>William</forename>"
	"<surname>Hamilton</surname></persName></author></analytic><monogr><imprint><date when=\"2017\"/></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b1\"><analytic><title>B</title><author><persName><forename>W</forename>"
	"<surname>HAMILTON</surname></persName></author></analytic><monogr><imprint><date when=\"2017\"/></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b2\"><analytic><title>Skip-thought vectors 2015</title><author><persName><forename>Ryan</forename>"
	"<surname>Kiros</surname></persName></author></analytic><monogr><imprint/></monogr></biblStruct>"
	"<biblStruct xml:id=\"b3\"><analytic><title>C</title><author><persName><forename>Jey</forename>"
	"<surname>Jey</surname></persName></author><author><persName><surname>Lau</surname></persName></author>"
	"<author><persName><surname>Baldwin</surname></persName></author></analytic><monogr><imprint><date when=\"2016\"/></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b4\"><analytic><title>D</title><author><persName><forename>Petr</forename>"
	"<surname>Radimřehůřek</surname></persName></author><author><persName><surname>Sojka</surname></persName></author>"
	"</analytic><monogr><imprint><date when=\"2010\"/></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b5\"><analytic><title>E</title><author><persName><forename>F</forename>"
	"<surname>Wu</surname></persName></author></analytic><monogr><imprint><date when=\"2019\"/></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b6\"><analytic><title>F</title><author><persName><forename>Z</forename>"
	"<surname>Wu</surname></persName></author></analytic><monogr><imprint><date when=\"2019\"/></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b7\"><analytic><title>G</title><author><persName><surname>Smith</surname></persName></author>"
	"</analytic><monogr><imprint><date when=\"2001\">2001b</date></imprint></monogr></biblStruct>"
	"<biblStruct xml:id=\"b8\"><analytic><title>H</title><author><persName><surname>Smith</surname></persName></author>"
	"</analytic><monogr><imprint><date when=\"2001\">2001a</date></imprint></monogr></biblStruct>"
	"</listBibl></div></back></text></TEI>";

static argraph_doc *read_doc(const char *xml, const char *name)
{
	argraph_doc *doc = NULL;
	argraph_diags *d = NULL;
	OK(argraph_diags_new(&d) == ARGRAPH_OK);
	INT_EQ(argraph_tei_read_mem(&doc, xml, strlen(xml), name, NULL, d), ARGRAPH_OK);
	argraph_diags_print(d, stderr);
	argraph_diags_free(d);
	return doc;
}

static argraph_cite_index *ix;

static size_t entry(const argraph_doc *doc, const char *author, const char *year)
{
	(void)doc;
	return argraph_extract__find_entry(ix, author, strlen(author), year, strlen(year));
}

static void test_find_entry(void)
{
	argraph_doc *doc = read_doc(grobid_doc, "g.tei.xml");
	if (!doc)
		return;
	INT_EQ(argraph_extract__cite_index_new(&ix, doc), ARGRAPH_OK);
	INT_EQ(entry(doc, "Hamilton et al.", "2017"), 0);  /* the first of equals */
	INT_EQ(entry(doc, "Hamilton et al.", "2017a"), 0);
	INT_EQ(entry(doc, "hamilton", "2017b"), 1);        /* case; suffix b = second */
	INT_EQ(entry(doc, "Wu et al.", "2019b"), 6);
	INT_EQ(entry(doc, "Řehůřek and Sojka", "2010"), 4); /* forename glued on */
	INT_EQ(entry(doc, "Rehurek", "2010"), 4);
	INT_EQ(entry(doc, "Kiros et al.", "2015"), 2);      /* no date: year in the text */
	INT_EQ(entry(doc, "Lau and Baldwin", "2016"), 3);   /* a forename taken for an author */
	INT_EQ(entry(doc, "Smith", "2001a"), 8);           /* the entry's own text says which is a */
	INT_EQ(entry(doc, "Smith", "2001b"), 7);
	INT_EQ(entry(doc, "Kiros", "2016"), ARGRAPH_NONE);
	INT_EQ(entry(doc, "Hamilton", "2018"), ARGRAPH_NONE);
	INT_EQ(entry(doc, "Wu", "19"), ARGRAPH_NONE);
	INT_EQ(entry(doc, "CoNLL-", "2003"), ARGRAPH_NONE);
	INT_EQ(entry(doc, "", "2017"), ARGRAPH_NONE);
	INT_EQ(entry(doc, "Ham", "2017"), ARGRAPH_NONE);   /* a prefix is no surname */
	INT_EQ(entry(doc, "ilton", "2017"), 0);            /* glued, four letters or more */
	INT_EQ(entry(doc, "ton", "2017"), ARGRAPH_NONE);   /* too short to be glued */
	OK(argraph_extract__find_entry(NULL, "Wu", 2, "2019", 4) == ARGRAPH_NONE);
	argraph_extract__cite_index_free(ix);
	argraph_extract__cite_index_free(NULL);
	ix = NULL;
	argraph_doc_free(doc);
}

/* ---- the structure pass ---- */

typedef struct cit {
	const char *id, *marker, *item, *status, *by, *doubt, *work;
} cit;

static size_t citations(const argraph_graph *g, cit *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < argraph_graph_node_count(g) && n < max; i++) {
		const argraph_node *nd = argraph_graph_node_at(g, i);
		if (argraph_node_get_kind(nd) != ARGRAPH_NODE_CITATION)
			continue;
		cit c = {argraph_node_get_id(nd), argraph_node_get_attr(nd, "marker"),
			argraph_node_get_attr(nd, "item"), argraph_node_get_attr(nd, "status"),
			argraph_node_get_attr(nd, "resolved_by"), argraph_node_get_attr(nd, "doubt"), NULL};
		for (size_t e = 0; e < argraph_graph_edge_count(g); e++) {
			const argraph_edge *ed = argraph_graph_edge_at(g, e);
			if (argraph_edge_get_kind(ed) == ARGRAPH_EDGE_RESOLVES_TO && argraph_edge_get_source(ed) == i)
				c.work = argraph_node_get_id(argraph_graph_node_at(g, argraph_edge_get_target(ed)));
		}
		out[n++] = c;
	}
	return n;
}

static argraph_graph *structure_of(const char *xml, const char *key)
{
	argraph_doc *doc = read_doc(xml, key);
	argraph_graph *g = NULL;
	argraph_diags *d = NULL;
	OK(argraph_diags_new(&d) == ARGRAPH_OK);
	OK(argraph_graph_new(&g) == ARGRAPH_OK);
	if (doc)
		INT_EQ(argraph_extract_structure(g, doc, key, d), ARGRAPH_OK);
	argraph_doc_free(doc);
	argraph_diags_free(d);
	return g;
}

static void test_structure_grobid(void)
{
	argraph_graph *g = structure_of(grobid_doc, "g");
	cit c[32];
	size_t n = citations(g, c, 32);
	INT_EQ(n, 9);
	if (n != 9)
		goto done;
	STR_EQ(c[0].work, "g#b0");            /* the pointer */
	OK(c[0].by == NULL);
	STR_EQ(c[1].id, "g#cit.2");           /* 2017a,b: two citations */
	STR_EQ(c[1].item, "Hamilton et al. 2017a");
	STR_EQ(c[1].work, "g#b0");
	STR_EQ(c[1].by, "author-year");
	STR_EQ(c[2].id, "g#cit.2.2");
	STR_EQ(c[2].item, "Hamilton et al. 2017b");
	STR_EQ(c[2].work, "g#b1");
	STR_EQ(c[2].marker, "Hamilton et al., 2017a,b;");
	STR_EQ(c[3].work, "g#b6");            /* Wu 2019b */
	STR_EQ(c[4].work, "g#b4");            /* Řehůřek */
	STR_EQ(c[5].work, "g#b2");            /* Kiros, no date */
	STR_EQ(c[6].work, "g#b3");            /* Lau and Baldwin */
	STR_EQ(c[7].marker, "13");            /* a footnote call marked bibr */
	STR_EQ(c[7].status, "dangling");
	STR_EQ(c[7].doubt, "number-in-author-year-text");
	STR_EQ(c[8].marker, "CoNLL-2003");    /* a dataset, not a work: dangles */
	STR_EQ(c[8].status, "dangling");
	OK(c[8].doubt == NULL);
done:
	argraph_graph_free(g);
}

/* Numbered citations: [n] is the n-th entry (checked on the pointers the
 * text has), lists and ranges, one pointer for a range. */
static const char numeric_doc[] =
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title>"
	"</titleStmt></fileDesc></teiHeader><text><body><div>"
	"<p>One <ref type=\"bibr\" target=\"#r1\">[1]</ref> and two <ref type=\"bibr\" target=\"#r2\">[2]</ref>.</p>"
	"<p>A list <ref type=\"bibr\" target=\"#r3 #r4\">[3,4]</ref>, a range <ref type=\"bibr\" target=\"#r2\">[2-5]</ref>"
	" with one pointer, a bare one <ref type=\"bibr\">[5]</ref>, one too far <ref type=\"bibr\">[9]</ref>,"
	" a pointer to nothing <ref type=\"bibr\" target=\"#nope\">[4]</ref>.</p>"
	"</div></body><back><listBibl>"
	"<biblStruct xml:id=\"r1\"><monogr><title>One</title></monogr></biblStruct>"
	"<biblStruct xml:id=\"r2\"><monogr><title>Two</title></monogr></biblStruct>"
	"<biblStruct xml:id=\"r3\"><monogr><title>Three</title></monogr></biblStruct>"
	"<biblStruct xml:id=\"r4\"><monogr><title>Four</title></monogr></biblStruct>"
	"<biblStruct xml:id=\"r5\"><monogr><title>Five</title></monogr></biblStruct>"
	"</listBibl></back></text></TEI>";

static void test_structure_numeric(void)
{
	argraph_graph *g = structure_of(numeric_doc, "n");
	cit c[32];
	size_t n = citations(g, c, 32);
	INT_EQ(n, 11);
	if (n != 11)
		goto done;
	STR_EQ(c[2].marker, "[3,4]");
	STR_EQ(c[2].item, "3");
	STR_EQ(c[2].work, "n#r3");
	STR_EQ(c[3].id, "n#cit.3.2");
	STR_EQ(c[3].work, "n#r4");
	/* [2-5] with one pointer: the pointer is 2's, 3-5 by place */
	STR_EQ(c[4].item, "2");
	STR_EQ(c[4].work, "n#r2");
	OK(c[4].by == NULL);
	STR_EQ(c[5].work, "n#r3");
	STR_EQ(c[5].by, "position");
	STR_EQ(c[7].item, "5");
	STR_EQ(c[7].work, "n#r5");
	STR_EQ(c[8].marker, "[5]");
	STR_EQ(c[8].work, "n#r5");
	STR_EQ(c[8].by, "position");
	STR_EQ(c[9].marker, "[9]");
	STR_EQ(c[9].status, "dangling");
	OK(c[9].doubt == NULL); /* a numbered text: not doubtful */
	STR_EQ(c[10].marker, "[4]");
	STR_EQ(c[10].status, "dangling"); /* its pointer names nothing */
done:
	argraph_graph_free(g);
}

int main(void)
{
	test_fold();
	test_numbers();
	test_author_years();
	test_find_entry();
	test_structure_grobid();
	test_structure_numeric();
	argraph_tei_cleanup();
	return TEST_DONE();
}
