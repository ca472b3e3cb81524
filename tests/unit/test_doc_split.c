/* SPDX-License-Identifier: MIT */
/*
 * test_doc_split.c — sentence splitting where it was made linear.
 *
 * A citation marker (<ref>[n]</ref>) right after a sentence's end belongs
 * to that sentence. Paragraphs with few inlines look the markers up in
 * order, those with more than 16 through a sorted list: both must split
 * alike. Also: many sibling paragraphs and divisions get the right xpath
 * positions (counted incrementally by the reader).
 */
#include "argraph/argraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/strbuf.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>" \
	"<title>t</title></titleStmt></fileDesc></teiHeader><text><body>"
#define TAIL "</body></text></TEI>\n"

static argraph_doc *read_str(const char *xml)
{
	argraph_doc *doc = NULL;
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	argraph_tei_read_mem(&doc, xml, strlen(xml), "split.xml", NULL, d);
	argraph_diags_free(d);
	return doc;
}

/* n sentences "Claim i holds.": after every third a marker "[i]" (it
 * joins the sentence), after the one after that a reference "(i)" that is
 * not a marker (it starts the next sentence); names are inlines too. */
static void markers(int n)
{
	strbuf b = {0};
	strbuf_puts(&b, HEAD "<div><p>");
	for (int i = 0; i < n; i++) {
		strbuf_printf(&b, "Claim <persName>%d</persName> holds. ", i);
		if (i % 3 == 0)
			strbuf_printf(&b, "<ref target=\"#b%d\">[%d]</ref> ", i, i);
		else if (i % 3 == 2)
			strbuf_printf(&b, "<ref target=\"#x%d\">(%d)</ref> ", i, i);
	}
	strbuf_puts(&b, "</p></div>" TAIL);
	argraph_doc *doc = read_str(strbuf_cstr(&b));
	OK(doc != NULL);
	size_t bad = 0, ns = doc ? argraph_doc_sentence_count(doc) : 0;
	INT_EQ(ns, (size_t)n);
	for (size_t k = 0; doc && k < ns && k < (size_t)n; k++) {
		char want[96];
		int i = (int)k, len = 0;
		if (i > 0 && (i - 1) % 3 == 2)
			len = snprintf(want, sizeof want, "(%d) ", i - 1);
		len += snprintf(want + len, sizeof want - (size_t)len, "Claim %d holds.", i);
		if (i % 3 == 0)
			snprintf(want + len, sizeof want - (size_t)len, " [%d]", i);
		const argraph_sentence *s = argraph_doc_sentence_at(doc, k);
		if (strcmp(s->text, want) != 0) {
			if (!bad)
				fprintf(stderr, "sentence %zu is \"%s\", expected \"%s\"\n", k, s->text, want);
			bad++;
		}
	}
	INT_EQ(bad, 0);
	argraph_doc_free(doc);
	strbuf_release(&b);
}

static void sibling_positions(void)
{
	strbuf b = {0};
	strbuf_puts(&b, HEAD);
	for (int i = 0; i < 300; i++)
		strbuf_printf(&b, "<div><head>H%d</head><p>A %d.</p><note>n</note><p>B %d.</p></div>", i, i, i);
	strbuf_puts(&b, TAIL);
	argraph_doc *doc = read_str(strbuf_cstr(&b));
	OK(doc != NULL);
	size_t bad = 0, nb = doc ? argraph_doc_block_count(doc) : 0;
	INT_EQ(nb, 1200);
	for (size_t k = 0; doc && k < nb; k++) {
		const argraph_block *bl = argraph_doc_block_at(doc, k);
		char want[128];
		static const char *const tail[] = {"head[1]", "p[1]", "note[1]", "p[2]"};
		snprintf(want, sizeof want, "/TEI/text[1]/body[1]/div[%zu]/%s", k / 4 + 1, tail[k % 4]);
		bad += !bl->xpath || strcmp(bl->xpath, want) != 0;
	}
	INT_EQ(bad, 0);
	argraph_doc_free(doc);
	strbuf_release(&b);
}

/* A sentence end at every offset of a paragraph (the scan for enders
 * goes 16 bytes at a time): "xxx… end. Next one。 Last!" split into three,
 * with ASCII and full-width enders. */
static void ender_offsets(void)
{
	size_t bad = 0;
	for (int pad = 0; pad < 40; pad++) {
		for (int cjk = 0; cjk < 2; cjk++) {
			strbuf b = {0};
			strbuf_puts(&b, HEAD "<div><p>");
			for (int k = 0; k < pad; k++)
				strbuf_putc(&b, (char)('a' + k % 26));
			strbuf_puts(&b, cjk ? "因果。" : " end. ");
			strbuf_puts(&b, "Next one\xef\xbc\x81Last!</p></div>" TAIL);
			argraph_doc *doc = read_str(strbuf_cstr(&b));
			OK(doc != NULL);
			if (doc && argraph_doc_sentence_count(doc) != 3) {
				bad++;
				fprintf(stderr, "pad %d cjk %d: %zu sentences\n", pad, cjk,
					argraph_doc_sentence_count(doc));
			}
			argraph_doc_free(doc);
			strbuf_release(&b);
		}
	}
	INT_EQ(bad, 0);
}

int main(void)
{
	markers(10);  /* few inlines: looked up in order */
	markers(200); /* many: the sorted list */
	sibling_positions();
	ender_offsets();
	argraph_tei_cleanup();
	return TEST_DONE();
}
