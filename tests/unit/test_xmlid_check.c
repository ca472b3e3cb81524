/* SPDX-License-Identifier: MIT */
/*
 * test_xmlid_check.c — the tree builder's xml:id checks against libxml2
 * itself, over generated values.
 *
 * An xml:id made only of ASCII name characters is accepted without
 * calling xmlValidateNCName, and duplicates are found with one probe of
 * the ID set (an insertion that does not grow it). Each generated
 * document holds a few xml:id values drawn from a small pool of random
 * strings (letters, digits, '-', '.', '_', ':', spaces, non-ASCII
 * letters and marks, character references): the document must get one
 * "not an NCName" error for each value xmlValidateNCName refuses, and
 * one duplicate-id error for each value seen before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "argraph/diag.h"
#include "argraph/tei.h"
#include "harness.h"
#include "tei/teitree.h"
#include "tei/xmlparse.h"
#include "util/strbuf.h"

/* Pieces of a value: as written in the attribute, and as the parser
 * hands it to the ID checks (character references decoded). */
static const struct { const char *xml, *value; } pieces[] = {
	{"a", "a"}, {"Z", "Z"}, {"q", "q"}, {"_", "_"}, {"0", "0"}, {"7", "7"},
	{"-", "-"}, {".", "."}, {":", ":"}, {" ", " "}, {"&#65;", "A"},
	{"\xc3\xa9", "\xc3\xa9"},         /* é: a letter, not ASCII */
	{"\xcc\x81", "\xcc\x81"},         /* combining acute: not a first character */
	{"\xe4\xb8\xad", "\xe4\xb8\xad"}, /* 中 */
	{"\xc2\xb7", "\xc2\xb7"},         /* middle dot: a name character, not a first one */
	{"!", "!"}, {"/", "/"},
};

#define POOL 24

/* A pool of distinct values, as written and as the parser gives them. */
static void make_pool(char xml[][64], char value[][64])
{
	for (int k = 0; k < POOL; k++) {
		strbuf x = {0}, v = {0};
		unsigned len = 1 + test_rnd(6);
		for (unsigned i = 0; i < len; i++) {
			/* mostly name characters, so that many values are NCNames */
			unsigned p = test_rnd(3) ? test_rnd(9) : test_rnd(sizeof pieces / sizeof *pieces);
			strbuf_puts(&x, pieces[p].xml);
			strbuf_puts(&v, pieces[p].value);
		}
		snprintf(xml[k], 64, "%s", strbuf_cstr(&x));
		snprintf(value[k], 64, "%s", strbuf_cstr(&v));
		strbuf_release(&x);
		strbuf_release(&v);
		for (int j = 0; j < k; j++)
			if (strcmp(value[j], value[k]) == 0) {
				k--; /* the same value twice: draw again */
				break;
			}
	}
}

int main(int argc, char **argv)
{
	test_seed(0x2545F4914F6CDD1Dull);
	char pool_xml[POOL][64], pool_value[POOL][64];
	size_t wrong = 0, valid_seen = 0, invalid_seen = 0, dups_seen = 0;
	for (int doc = 0; doc < 6000; doc++) {
		if (doc % 60 == 0)
			make_pool(pool_xml, pool_value);
		strbuf xml = {0};
		strbuf_puts(&xml, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">");
		int used[POOL] = {0};
		size_t want_bad = 0, want_dup = 0;
		unsigned n = 1 + test_rnd(8);
		for (unsigned i = 0; i < n; i++) {
			int k = (int)test_rnd(POOL);
			strbuf_printf(&xml, "<p xml:id=\"%s\"/>", pool_xml[k]);
			if (xmlValidateNCName((const xmlChar *)pool_value[k], 1) != 0) {
				want_bad++;
				invalid_seen++;
			} else {
				valid_seen++;
			}
			if (used[k]++) {
				want_dup++;
				dups_seen++;
			}
		}
		strbuf_puts(&xml, "</TEI>");
		argraph_diags *d = NULL;
		argraph_diags_new(&d);
		teitree *t = NULL;
		argraph_xml__parse_tree(&t, xml.data, xml.len, "ids.xml", "tei", NULL, d);
		size_t bad = 0, dup = 0;
		for (size_t i = 0; i < argraph_diags_count(d); i++) {
			const argraph_diag *g = argraph_diags_at(d, i);
			bad += strstr(g->message, "is not an NCName") != NULL;
			dup += strcmp(g->code, "tei.duplicate-id") == 0;
		}
		if (bad != want_bad || dup != want_dup) {
			if (wrong++ < 5) {
				fprintf(stderr, "%s: %zu NCName errors (expected %zu), %zu duplicates "
					"(expected %zu)\n", xml.data, bad, want_bad, dup, want_dup);
				argraph_diags_print(d, stderr);
			}
		}
		teitree_free(t);
		argraph_diags_free(d);
		strbuf_release(&xml);
	}
	INT_EQ(wrong, 0);
	/* the pool must exercise both answers and duplicates */
	OK(valid_seen > 1000 && invalid_seen > 1000 && dups_seen > 1000);
	argraph_tei_cleanup();
	return TEST_DONE();
}
