/* SPDX-License-Identifier: MIT */
/*
 * test_reader_text.c — the reader's white-space normalisation against a
 * plain reference, over many generated paragraphs.
 *
 * The reader skips runs of ASCII white space without decoding and copies
 * text that needs no change a run at a time (a single ' ' before a
 * printable ASCII character stays inside the run). The reference here
 * does it one character at a time, the rule as documented: white space
 * (ASCII and Unicode) becomes one pending space, written before the next
 * character unless both neighbours are wide, never at the start; an
 * inline's span begins at its first character after that space. The
 * pieces are chosen to hit the run boundaries (and the 16-byte steps of
 * the vector scans): spaces before ASCII, wide
 * and narrow non-ASCII characters, Unicode spaces, doubled spaces, line
 * ends, <lb/>, comments (which split a text node) and <c n="…"/>.
 */
#include "argraph/argraph.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>" \
	"<title>"
#define MID "</title></titleStmt></fileDesc></teiHeader><text><body><div>"
#define TAIL "</div></body></text></TEI>\n"

/* One piece of a generated paragraph: how it is written in XML, the text
 * it stands for (NULL: markup only), and what markup it is. */
enum { TEXT, LB, OPEN, CLOSE };
typedef struct piece {
	const char *xml, *text;
	int what;
} piece;

static const piece pieces[] = {
	{"a", "a", TEXT}, {"Word", "Word", TEXT}, {"x.", "x.", TEXT}, {"7", "7", TEXT},
	{" ", " ", TEXT}, {"  ", "  ", TEXT}, {"\n", "\n", TEXT}, {"\t", "\t", TEXT},
	{"\n    ", "\n    ", TEXT}, {"&amp;", "&", TEXT}, {"&lt;", "<", TEXT},
	/* longer than the 16 bytes a vector step takes */
	{"\n                        ", "\n                        ", TEXT},
	{"The quick brown fox jumps over", "The quick brown fox jumps over", TEXT},
	{"&#127;", "\x7f", TEXT},
	{"\xe4\xb8\xad", "\xe4\xb8\xad", TEXT},             /* 中: wide */
	{"\xe3\x80\x82", "\xe3\x80\x82", TEXT},             /* 。: wide */
	{"\xef\xbc\x8c", "\xef\xbc\x8c", TEXT},             /* ，: wide, lead EF */
	{"\xc3\xa9", "\xc3\xa9", TEXT},                     /* é */
	{"\xe2\x80\x94", "\xe2\x80\x94", TEXT},             /* — : lead E2, no space */
	{"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", TEXT},     /* an emoji */
	{"\xc2\xa0", "\xc2\xa0", TEXT},                     /* NBSP */
	{"\xe3\x80\x80", "\xe3\x80\x80", TEXT},             /* ideographic space */
	{"\xe2\x80\x83", "\xe2\x80\x83", TEXT},             /* em space */
	{"\xe2\x80\xa8", "\xe2\x80\xa8", TEXT},             /* line separator */
	{"\xef\xbb\xbf", "\xef\xbb\xbf", TEXT},             /* U+FEFF */
	{"<lb/>", NULL, LB}, {"<!--c-->", NULL, TEXT},
	{"<c n=\"-\"/>", "-", TEXT}, {"<c n=\"\xe3\x80\x81\"/>", "\xe3\x80\x81", TEXT},
	{"<persName>", NULL, OPEN}, {"<term>", NULL, OPEN},
};

#define MAX_OPEN 8

typedef struct expect {
	strbuf text;
	int pending;
	uint32_t prev;
	size_t begin[64], end[64]; /* inlines in the order they open */
	size_t n;
	size_t open[MAX_OPEN];     /* indices of the open inlines */
	size_t nopen;
} expect;

#define UNSET ((size_t)-1)

/* The rule, one character at a time. */
static void ref_text(expect *e, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t at = i;
		uint32_t cp = utf8_next(s, n, &i);
		if (utf8_cp_is_space(cp)) {
			if (e->text.len)
				e->pending = 1;
			continue;
		}
		if (e->pending && !(utf8_cp_width(e->prev) == 2 && utf8_cp_width(cp) == 2))
			strbuf_putc(&e->text, ' ');
		e->pending = 0;
		for (size_t k = 0; k < e->nopen; k++)
			if (e->begin[e->open[k]] == UNSET)
				e->begin[e->open[k]] = e->text.len;
		strbuf_append(&e->text, s + at, i - at);
		e->prev = cp;
	}
}

/* One paragraph of up to `len` pieces: its XML into `xml`, what the
 * reader should make of it into `e`. */
static void gen_paragraph(strbuf *xml, expect *e, unsigned len)
{
	static const char *const close_of[] = {"</persName>", "</term>"};
	int kind_of[MAX_OPEN];
	for (unsigned k = 0; k < len; k++) {
		const piece *p = &pieces[test_rnd(sizeof pieces / sizeof *pieces)];
		if (p->what == OPEN) {
			if (e->nopen == MAX_OPEN || e->n == 64)
				continue;
			kind_of[e->nopen] = strcmp(p->xml, "<term>") == 0;
			e->begin[e->n] = e->end[e->n] = UNSET;
			e->open[e->nopen++] = e->n++;
		} else if (p->what == LB) {
			if (e->text.len)
				e->pending = 1;
		} else if (p->text) {
			ref_text(e, p->text);
		}
		strbuf_puts(xml, p->xml);
		/* sometimes close the innermost inline */
		if (e->nopen && test_rnd(4) == 0) {
			size_t in = e->open[--e->nopen];
			if (e->begin[in] == UNSET)
				e->begin[in] = e->text.len;
			e->end[in] = e->text.len;
			strbuf_puts(xml, close_of[kind_of[e->nopen]]);
		}
	}
	while (e->nopen) {
		size_t in = e->open[--e->nopen];
		if (e->begin[in] == UNSET)
			e->begin[in] = e->text.len;
		e->end[in] = e->text.len;
		strbuf_puts(xml, close_of[kind_of[e->nopen]]);
	}
}

/* `np` paragraphs in one document (the first one also as the title, read
 * by the flattener): block texts and inline spans must be the
 * reference's. Returns the number of mismatches. */
static size_t one_document(size_t np)
{
	strbuf xml = {0};
	expect *ex = calloc(np, sizeof *ex);
	strbuf title_xml = {0};
	expect title = {0};
	gen_paragraph(&title_xml, &title, 1 + test_rnd(30));
	strbuf_puts(&xml, HEAD);
	strbuf_append(&xml, title_xml.data, title_xml.len);
	strbuf_puts(&xml, MID);
	for (size_t i = 0; i < np; i++) {
		strbuf_puts(&xml, "<p>");
		gen_paragraph(&xml, &ex[i], 1 + test_rnd(i % 3 ? 12 : 60));
		strbuf_puts(&xml, "</p>");
	}
	strbuf_puts(&xml, TAIL);

	size_t bad = 0;
	argraph_doc *doc = test_read_tei(xml.data, xml.len, "gen.xml");
	if (!doc) {
		fprintf(stderr, "%s\n", xml.data);
		bad++;
		goto done;
	}
	const char *got_title = argraph_doc_get_title(doc, NULL);
	const char *want_title = title.text.len ? title.text.data : NULL;
	if (!(got_title && want_title ? strcmp(got_title, want_title) == 0 : got_title == want_title)) {
		fprintf(stderr, "title \"%s\", expected \"%s\"\n", got_title ? got_title : "(none)",
			want_title ? want_title : "(none)");
		bad++;
	}
	INT_EQ(argraph_doc_block_count(doc), np);
	for (size_t i = 0; i < np && i < argraph_doc_block_count(doc); i++) {
		const argraph_block *b = argraph_doc_block_at(doc, i);
		const char *want = strbuf_cstr(&ex[i].text);
		if (strcmp(b->text, want) != 0) {
			if (bad++ < 5)
				fprintf(stderr, "block %zu is \"%s\", expected \"%s\"\n", i, b->text, want);
			continue;
		}
		if (b->inline_count != ex[i].n) {
			if (bad++ < 5)
				fprintf(stderr, "block %zu has %zu inlines, expected %zu\n", i,
					b->inline_count, ex[i].n);
			continue;
		}
		for (size_t k = 0; k < ex[i].n; k++) {
			const argraph_inline *in = argraph_doc_inline_at(doc, b->first_inline + k);
			if (in->begin != ex[i].begin[k] || in->end != ex[i].end[k]) {
				if (bad++ < 5)
					fprintf(stderr, "block %zu \"%s\": inline %zu is [%zu,%zu), "
						"expected [%zu,%zu)\n", i, want, k, in->begin, in->end,
						ex[i].begin[k], ex[i].end[k]);
			}
		}
	}
done:
	argraph_doc_free(doc);
	for (size_t i = 0; i < np; i++)
		strbuf_release(&ex[i].text);
	free(ex);
	strbuf_release(&title.text);
	strbuf_release(&title_xml);
	strbuf_release(&xml);
	return bad;
}

int main(int argc, char **argv)
{
	test_seed(88172645463325252ull);
	size_t bad = 0;
	for (int doc = 0; doc < 60; doc++)
		bad += one_document(200);
	INT_EQ(bad, 0);
	argraph_tei_cleanup();
	return TEST_DONE();
}
