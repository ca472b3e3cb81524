/* SPDX-License-Identifier: MIT */
/* test_tei.c — the TEI reader and document model: text normalisation,
 * sentences, inline markup, sections, authorities, bibliography, and every
 * way a bad input is refused (with file:line:col and the right status). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "argraph/argraph.h"
#include "harness.h"

static const char *srcdir;

static char *path_of(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", srcdir, rel);
	return buf;
}

static const argraph_block *block_by_id(const argraph_doc *d, const char *id)
{
	for (size_t i = 0; i < argraph_doc_block_count(d); i++) {
		const argraph_block *b = argraph_doc_block_at(d, i);
		if (b->xml_id && strcmp(b->xml_id, id) == 0)
			return b;
	}
	return NULL;
}

static const char *sentence(const argraph_doc *d, const argraph_block *b, size_t k)
{
	return k < b->sentence_count ? argraph_doc_sentence_at(d, b->first_sentence + k)->text : NULL;
}

static void test_mini_document(void)
{
	argraph_diags *diags;
	argraph_diags_new(&diags);
	argraph_doc *d = NULL;
	INT_EQ(argraph_tei_read_file(&d, path_of("tests/data/tei/mini-zh.tei.xml"), NULL, diags), ARGRAPH_OK);
	if (!d) {
		argraph_diags_print(diags, stderr);
		argraph_diags_free(diags);
		return;
	}
	STR_EQ(argraph_doc_get_lang(d), "zh");
	STR_EQ(argraph_doc_get_title(d, "en"), "A Test Document");
	STR_EQ(argraph_doc_get_title(d, "zh"), "测试文献");

	/* text: the line break inside Chinese is gone; footnote, <c n>, choice */
	const argraph_block *p1 = block_by_id(d, "p1");
	OK(p1 != NULL);
	if (!p1)
		goto out;
	STR_EQ(p1->text, "联盟的存续是多种因素共同作用的结果。张三认为联盟将会解体。[1]但是联盟依然存在！"
			 "它为什么存在？甲因素很重要；1997年联盟东扩（张三，1948）。");
	INT_EQ(p1->line, 35);
	STR_EQ(p1->xpath, "/TEI/text[1]/body[1]/div[1]/p[1]");
	INT_EQ(p1->sentence_count, 6);
	STR_EQ(sentence(d, p1, 0), "联盟的存续是多种因素共同作用的结果。");
	STR_EQ(sentence(d, p1, 1), "张三认为联盟将会解体。[1]"); /* the marker cites what precedes it */
	STR_EQ(sentence(d, p1, 2), "但是联盟依然存在！");
	STR_EQ(sentence(d, p1, 3), "它为什么存在？");
	STR_EQ(sentence(d, p1, 4), "甲因素很重要；");
	STR_EQ(sentence(d, p1, 5), "1997年联盟东扩（张三，1948）。");
	const argraph_block *p2 = block_by_id(d, "p2");
	OK(p2 && strcmp(p2->text, "这里没有脚注，只有正文正字。") == 0);

	/* inline markup with keys and exact spans */
	int seen_person = 0, seen_ref = 0, seen_date = 0, seen_bibl = 0, seen_term = 0;
	for (size_t i = 0; i < p1->inline_count; i++) {
		const argraph_inline *in = argraph_doc_inline_at(d, p1->first_inline + i);
		OK(strncmp(p1->text + in->begin, in->text, in->end - in->begin) == 0);
		if (in->kind == ARGRAPH_INLINE_PERSON && in->parent == ARGRAPH_NONE) {
			seen_person++;
			STR_EQ(in->key, "zhang");
			STR_EQ(in->text, "张三");
		} else if (in->kind == ARGRAPH_INLINE_REF) {
			seen_ref++;
			STR_EQ(in->text, "[1]");
			STR_EQ(in->type, "bibr");
			OK(in->key == NULL);
		} else if (in->kind == ARGRAPH_INLINE_DATE && in->parent == ARGRAPH_NONE) {
			seen_date++;
			STR_EQ(in->key, "1997");
		} else if (in->kind == ARGRAPH_INLINE_BIBL) {
			seen_bibl++;
			STR_EQ(in->author, "张三");
			STR_EQ(in->author_key, "zhang");
			STR_EQ(in->date, "1948");
			STR_EQ(in->text, "张三，1948");
		} else if (in->kind == ARGRAPH_INLINE_TERM) {
			seen_term++;
			STR_EQ(in->key, "f-a");
		}
	}
	INT_EQ(seen_person, 1);
	INT_EQ(seen_ref, 1);
	INT_EQ(seen_date, 1);
	INT_EQ(seen_bibl, 1);
	INT_EQ(seen_term, 1);
	/* the marker is assigned to the sentence it closes */
	const argraph_sentence *s1 = argraph_doc_sentence_at(d, p1->first_sentence + 1);
	int ref_in_s1 = 0;
	for (size_t i = 0; i < s1->inline_count; i++)
		ref_in_s1 |= argraph_doc_inline_at(d, s1->first_inline + i)->kind == ARGRAPH_INLINE_REF;
	OK(ref_in_s1);

	/* English sentences: abbreviations, "et al.", initials and decimals do not end one */
	const argraph_block *abs = block_by_id(d, "abs-en");
	OK(abs != NULL);
	if (abs) {
		INT_EQ(abs->sentence_count, 3);
		STR_EQ(sentence(d, abs, 0), "Alliances persist, e.g. after wars.");
		STR_EQ(sentence(d, abs, 1), "Smith et al. argue so.");
		STR_EQ(sentence(d, abs, 2), "Dr. J. Smith agrees with 3.5 per cent of them!");
		STR_EQ(abs->lang, "en");
		const argraph_section *as = argraph_doc_section_at(d, abs->section);
		INT_EQ(as->area, ARGRAPH_AREA_ABSTRACT);
		STR_EQ(as->lang, "en");
	}

	/* sections: nesting and heads */
	const argraph_section *s = argraph_doc_section_at(d, p2->section);
	STR_EQ(s->xml_id, "d1-1");
	STR_EQ(s->head, "（一）细节");
	INT_EQ(s->depth, 2);
	OK(s->parent != ARGRAPH_NONE && strcmp(argraph_doc_section_at(d, s->parent)->head, "一、引言") == 0);

	/* authorities with names per language */
	const argraph_authority *zhang = argraph_doc_find_authority(d, "#zhang");
	OK(zhang && zhang->kind == ARGRAPH_AUTH_PERSON);
	if (zhang) {
		STR_EQ(argraph_authority_get_name(d, zhang, "en"), "Zhang San");
		STR_EQ(argraph_authority_get_name(d, zhang, "zh"), "张三");
	}
	const argraph_authority *fa = argraph_doc_find_authority(d, "f-a");
	OK(fa && fa->kind == ARGRAPH_AUTH_CATEGORY && strcmp(fa->taxonomy, "tx") == 0);

	/* bibliography: GROBID-style biblStruct */
	const argraph_bibentry *b0 = argraph_doc_find_bibentry(d, "b0");
	OK(b0 != NULL);
	if (b0) {
		STR_EQ(b0->title, "Back to the Future");
		STR_EQ(b0->year, "1990");
		STR_EQ(b0->doi, "10.2307/2538981");
		INT_EQ(b0->author_count, 1);
		STR_EQ(argraph_doc_name_at(d, b0->first_author)->text, "John Mearsheimer");
		STR_EQ(argraph_doc_name_at(d, b0->first_author)->key, "Mearsheimer");
	}
	INT_EQ(argraph_diags_count_at_least(diags, ARGRAPH_SEV_WARNING), 0);
out:
	argraph_doc_free(d);
	argraph_diags_free(diags);
}

/* Read `xml` from memory; return the status and the first diag's code/line. */
static argraph_status read_bad(const char *xml, size_t len, const char **code, unsigned *line,
	unsigned *col, char *msg, size_t msgsz)
{
	argraph_diags *diags;
	argraph_diags_new(&diags);
	argraph_doc *d = NULL;
	argraph_status st = argraph_tei_read_mem(&d, xml, len, "bad.xml", NULL, diags);
	const argraph_diag *dg = argraph_diags_at(diags, 0);
	static char codebuf[64];
	codebuf[0] = '\0';
	if (dg) {
		snprintf(codebuf, sizeof codebuf, "%s", dg->code);
		*line = dg->pos.line;
		*col = dg->pos.column;
		snprintf(msg, msgsz, "%s", dg->message);
		OK(strcmp(dg->pos.file, "bad.xml") == 0);
	}
	*code = codebuf;
	OK(d == NULL); /* no document on failure */
	argraph_doc_free(d);
	argraph_diags_free(diags);
	return st;
}

#define TEI_OPEN "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/><text><body>"
#define TEI_CLOSE "</body></text></TEI>"

static void test_bad_inputs(void)
{
	const char *code;
	unsigned line = 0, col = 0;
	char msg[512];

	const char *mismatch = TEI_OPEN "\n<p>one <hi>two</p>\n" TEI_CLOSE;
	INT_EQ(read_bad(mismatch, strlen(mismatch), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_EQ(code, "tei.xml");
	INT_EQ(line, 2);
	OK(col > 0);
	STR_CONTAINS(msg, "mismatch");

	const char *truncated = TEI_OPEN "<p>cut off";
	INT_EQ(read_bad(truncated, strlen(truncated), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);

	const char *html = "<html><body><p>hi</p></body></html>";
	INT_EQ(read_bad(html, strlen(html), &code, &line, &col, msg, sizeof msg), ARGRAPH_EINVALID);
	STR_EQ(code, "tei.not-tei");
	STR_CONTAINS(msg, "<html>");

	const char *nons = "<TEI><teiHeader/><text><body/></text></TEI>";
	INT_EQ(read_bad(nons, strlen(nons), &code, &line, &col, msg, sizeof msg), ARGRAPH_EINVALID);
	STR_EQ(code, "tei.namespace");

	const char *notext = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/></TEI>";
	INT_EQ(read_bad(notext, strlen(notext), &code, &line, &col, msg, sizeof msg), ARGRAPH_EINVALID);
	STR_EQ(code, "tei.no-text");

	/* XXE: declared entity → refused, and /etc/passwd never enters the tree */
	const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
			  TEI_OPEN "<p>&x;</p>" TEI_CLOSE;
	INT_EQ(read_bad(xxe, strlen(xxe), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_EQ(code, "tei.entity");
	INT_EQ(line, 3); /* the declaration's line */
	STR_CONTAINS(msg, "file:///etc/passwd");

	/* billion laughs: refused (by libxml2's loop check or ours), fast */
	const char *laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE TEI [\n<!ENTITY a \"aaaaaaaaaa\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n]>\n"
		TEI_OPEN "<p>&e;&e;&e;&e;&e;&e;&e;&e;</p>" TEI_CLOSE;
	INT_EQ(read_bad(laughs, strlen(laughs), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_EQ(code, "tei.entity"); /* at the first declaration, nothing expanded */
	INT_EQ(line, 3);
	/* a parameter entity and an unparsed (NDATA) entity are refused too */
	const char *pe = "<!DOCTYPE TEI [\n<!ENTITY % p \"x\">\n]>" TEI_OPEN "<p>x</p>" TEI_CLOSE;
	INT_EQ(read_bad(pe, strlen(pe), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_EQ(code, "tei.entity");
	INT_EQ(line, 2);
	const char *ndata = "<!DOCTYPE TEI [\n<!NOTATION n SYSTEM \"n\">\n"
		"<!ENTITY u SYSTEM \"http://127.0.0.1:9/u\" NDATA n>\n]>" TEI_OPEN "<p>x</p>" TEI_CLOSE;
	INT_EQ(read_bad(ndata, strlen(ndata), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_EQ(code, "tei.entity");
	INT_EQ(line, 3);

	/* nesting deeper than 256: libxml2's limit, said plainly */
	{
		char deep[300 * 11 + 256];
		size_t n = (size_t)sprintf(deep, "%s", TEI_OPEN);
		for (int i = 0; i < 300; i++)
			n += (size_t)sprintf(deep + n, "<div>");
		for (int i = 0; i < 300; i++)
			n += (size_t)sprintf(deep + n, "</div>");
		n += (size_t)sprintf(deep + n, "%s", TEI_CLOSE);
		INT_EQ(read_bad(deep, n, &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
		STR_EQ(code, "tei.limit");
		STR_CONTAINS(msg, "nested more than 256 deep");
	}

	/* a text node over 10 MB: refused from memory as libxml2 does from files */
	{
		size_t big = 10000001;
		char *buf = malloc(big + 200);
		size_t n = (size_t)sprintf(buf, "%s\n<p>", TEI_OPEN);
		memset(buf + n, 'x', big);
		n += big;
		n += (size_t)sprintf(buf + n, "</p>%s", TEI_CLOSE);
		INT_EQ(read_bad(buf, n, &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
		STR_EQ(code, "tei.limit");
		INT_EQ(line, 2);
		STR_CONTAINS(msg, "<p> holds a text of more than 10000000 bytes");
		/* exactly at the limit it is read; over it in CDATA, refused */
		argraph_doc *ok = NULL;
		n = (size_t)sprintf(buf, "%s<p>", TEI_OPEN);
		memset(buf + n, 'x', big - 1);
		n += big - 1;
		n += (size_t)sprintf(buf + n, "</p>%s", TEI_CLOSE);
		INT_EQ(argraph_tei_read_mem(&ok, buf, n, "ok.xml", NULL, NULL), ARGRAPH_OK);
		argraph_doc_free(ok);
		n = (size_t)sprintf(buf, "%s<p><![CDATA[", TEI_OPEN);
		memset(buf + n, 'x', big);
		n += big;
		n += (size_t)sprintf(buf + n, "]]></p>%s", TEI_CLOSE);
		INT_EQ(read_bad(buf, n, &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
		STR_EQ(code, "tei.limit");
		free(buf);
	}

	/* duplicate xml:id */
	const char *dup = TEI_OPEN "<p xml:id=\"a\">x</p>\n<p xml:id=\"a\">y</p>" TEI_CLOSE;
	INT_EQ(read_bad(dup, strlen(dup), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_EQ(code, "tei.duplicate-id");
	INT_EQ(line, 2);
	STR_CONTAINS(msg, "duplicate xml:id \"a\"");

	/* an external DTD is neither fetched nor an error */
	const char *dtd = "<!DOCTYPE TEI SYSTEM \"http://127.0.0.1:9/tei.dtd\">" TEI_OPEN "<p>x</p>" TEI_CLOSE;
	argraph_doc *d = NULL;
	INT_EQ(argraph_tei_read_mem(&d, dtd, strlen(dtd), "dtd.xml", NULL, NULL), ARGRAPH_OK);
	argraph_doc_free(d);

	/* invalid UTF-8 in text and in an attribute */
	const char *badutf = TEI_OPEN "<p>ab\xff\xfe</p>" TEI_CLOSE;
	INT_EQ(read_bad(badutf, strlen(badutf), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);
	STR_CONTAINS(msg, "UTF-8");
	STR_EQ(code, "tei.encoding");
	const char *badattr = TEI_OPEN "<p n=\"\xc3\x28\">x</p>" TEI_CLOSE;
	INT_EQ(read_bad(badattr, strlen(badattr), &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);

	/* empty input */
	INT_EQ(read_bad("", 0, &code, &line, &col, msg, sizeof msg), ARGRAPH_EPARSE);

	/* size limit */
	argraph_tei_options small = ARGRAPH_TEI_OPTIONS_INIT;
	small.max_bytes = 10;
	INT_EQ(argraph_tei_read_mem(&d, dtd, strlen(dtd), "big.xml", &small, NULL), ARGRAPH_ETOOBIG);

	/* files: missing, a directory */
	argraph_diags *diags;
	argraph_diags_new(&diags);
	INT_EQ(argraph_tei_read_file(&d, "/nonexistent/x.tei.xml", NULL, diags), ARGRAPH_EIO);
	STR_EQ(argraph_diags_at(diags, 0)->code, "io.open");
	INT_EQ(argraph_tei_read_file(&d, srcdir, NULL, diags), ARGRAPH_EIO);
	STR_EQ(argraph_diags_at(diags, 1)->code, "io.not-file");
	/* a FIFO is refused at once (opening it must not wait for a writer) */
	char fifo[] = "/tmp/argraph-test-fifo-XXXXXX";
	if (mkdtemp(fifo)) {
		char path[64];
		snprintf(path, sizeof path, "%s/f", fifo);
		if (mkfifo(path, 0600) == 0) {
			INT_EQ(argraph_tei_read_file(&d, path, NULL, diags), ARGRAPH_EIO);
			STR_EQ(argraph_diags_at(diags, 2)->code, "io.not-file");
			STR_CONTAINS(argraph_diags_at(diags, 2)->message, "FIFO");
			unlink(path);
		}
		rmdir(fifo);
	}
	/* over the size limit */
	argraph_tei_options tiny = ARGRAPH_TEI_OPTIONS_INIT;
	tiny.max_bytes = 100;
	INT_EQ(argraph_tei_read_file(&d, path_of("tests/data/tei/mini-zh.tei.xml"), &tiny, diags),
		ARGRAPH_ETOOBIG);
	STR_EQ(argraph_diags_at(diags, argraph_diags_count(diags) - 1)->code, "io.too-big");
	argraph_diags_free(diags);
}

/* Element lines past 65,535 are exact (libxml2 stores 16 bits). */
static void test_big_lines(void)
{
	size_t cap = 80 * 70100;
	char *buf = malloc(cap);
	size_t n = 0;
	n += (size_t)sprintf(buf + n, "%s\n", TEI_OPEN); /* line 1 */
	for (int i = 2; i < 70002; i++)
		buf[n++] = '\n';
	n += (size_t)sprintf(buf + n, "<p xml:id=\"far\">far away.</p>\n<p\n xml:id=\"split\">x</p>\n%s\n", TEI_CLOSE);
	argraph_doc *d = NULL;
	INT_EQ(argraph_tei_read_mem(&d, buf, n, "big.xml", NULL, NULL), ARGRAPH_OK);
	if (d) {
		const argraph_block *b = block_by_id(d, "far");
		OK(b && b->line == 70002);
		b = block_by_id(d, "split");
		/* a start tag over two lines reports the line where it ends, like jing */
		OK(b && b->line == 70004);
	}
	argraph_doc_free(d);
	free(buf);
}

/* Authority URIs: the entry's and its names' @ref/@sameAs when absolute,
 * idno of known authorities made into URIs; local pointers and unknown
 * idno types left out. */
static void test_authority_uris(void)
{
	static const char xml[] =
		"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><profileDesc><particDesc>\n"
		"<listPerson>\n"
		"<person xml:id=\"waltz\" ref=\"https://viaf.org/viaf/97008384 #local\">\n"
		"  <persName xml:lang=\"zh\" ref=\"http://www.wikidata.org/entity/Q714545\">沃尔兹</persName>\n"
		"  <persName xml:lang=\"en\">Kenneth Waltz</persName>\n"
		"  <idno type=\"ORCID\">0000-0002-1825-0097</idno>\n"
		"  <idno type=\"GND\">https://d-nb.info/gnd/119041190</idno>\n"
		"  <idno type=\"shelfmark\">B 12</idno>\n"
		"  <idno type=\"URI\">not a uri</idno>\n"
		"</person>\n"
		"<person xml:id=\"plain\"><persName>Nobody</persName></person>\n"
		"<persName xml:id=\"bare\" sameAs=\"urn:isni:0000000121032683\">Bare Name</persName>\n"
		"</listPerson></particDesc></profileDesc></teiHeader>\n"
		"<text><body><p>x</p></body></text></TEI>\n";
	argraph_doc *d = NULL;
	INT_EQ(argraph_tei_read_mem(&d, xml, strlen(xml), "uris.xml", NULL, NULL), ARGRAPH_OK);
	if (!d)
		return;
	const argraph_authority *w = argraph_doc_find_authority(d, "waltz");
	STR_EQ(w ? w->uris : NULL, "https://viaf.org/viaf/97008384 http://www.wikidata.org/entity/Q714545 "
		"https://orcid.org/0000-0002-1825-0097 https://d-nb.info/gnd/119041190");
	const argraph_authority *p = argraph_doc_find_authority(d, "plain");
	OK(p && p->uris == NULL);
	const argraph_authority *b = argraph_doc_find_authority(d, "bare");
	STR_EQ(b ? b->uris : NULL, "urn:isni:0000000121032683");
	argraph_doc_free(d);
}

int main(int argc, char **argv)
{
	srcdir = argc > 1 ? argv[1] : ".";
	test_mini_document();
	test_bad_inputs();
	test_big_lines();
	test_authority_uris();
	argraph_tei_cleanup();
	return TEST_DONE();
}
