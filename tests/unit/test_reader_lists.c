/* SPDX-License-Identifier: MIT */
/*
 * test_reader_lists.c — the reader skips its walk for authorities,
 * bibliography entries, notes and links when the document never uses
 * the names that walk looks for. Each document here holds exactly one
 * kind of entry, alone, wherever it may be: every one must still be read
 * (a name left out of the skip test loses that kind); a document with
 * none reads nothing.
 */
#include "argraph/argraph.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt>" \
	"<title>t</title></titleStmt></fileDesc>"
#define BODY "<text><body><p>A claim.</p>"
#define TAIL "</body></text></TEI>\n"

typedef struct one_kind {
	const char *what;
	const char *header, *body; /* inserted after fileDesc, and in the body */
	size_t authorities, bibentries, links;
} one_kind;

static const one_kind kinds[] = {
	{"person", "<profileDesc><particDesc><listPerson><person xml:id=\"p1\"><name>P"
		"</name></person></listPerson></particDesc></profileDesc>", "", 1, 0, 0},
	{"persName in listPerson", "<profileDesc><particDesc><listPerson><persName xml:id=\"p2\">Q"
		"</persName></listPerson></particDesc></profileDesc>", "", 1, 0, 0},
	{"org", "<profileDesc><particDesc><listOrg><org xml:id=\"o1\"><orgName>O</orgName>"
		"</org></listOrg></particDesc></profileDesc>", "", 1, 0, 0},
	{"category", "<encodingDesc><classDecl><taxonomy xml:id=\"tx\"><category xml:id=\"c1\">"
		"<catDesc>C</catDesc></category></taxonomy></classDecl></encodingDesc>", "", 1, 0, 0},
	{"bibl in listBibl", "", "<div><listBibl><bibl xml:id=\"b1\">B 2001.</bibl></listBibl></div>",
		0, 1, 0},
	{"biblStruct in listBibl", "", "<div><listBibl><biblStruct xml:id=\"b2\"><monogr><title>T"
		"</title></monogr></biblStruct></listBibl></div>", 0, 1, 0},
	{"note with xml:id", "", "<p>Text<note xml:id=\"n1\">A note.</note></p>", 0, 1, 0},
	{"linkGrp", "", "<div><linkGrp type=\"support\"><link target=\"#a #b\"/></linkGrp></div>",
		0, 0, 1},
	{"nothing", "", "<p>More <persName>text</persName>, <note>a note without id</note>.</p>",
		0, 0, 0},
};

int main(int argc, char **argv)
{
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		char xml[2048];
		snprintf(xml, sizeof xml, HEAD "%s</teiHeader>" BODY "%s" TAIL, kinds[k].header,
			kinds[k].body);
		argraph_doc *doc = test_read_tei(xml, strlen(xml), "lists.xml");
		if (doc) {
			size_t a = argraph_doc_authority_count(doc), b = argraph_doc_bibentry_count(doc),
			       l = argraph_doc_link_count(doc);
			if (a != kinds[k].authorities || b != kinds[k].bibentries || l != kinds[k].links)
				fprintf(stderr, "%s: %zu authorities, %zu entries, %zu links\n",
					kinds[k].what, a, b, l);
			INT_EQ(a, kinds[k].authorities);
			INT_EQ(b, kinds[k].bibentries);
			INT_EQ(l, kinds[k].links);
		}
		argraph_doc_free(doc);
	}
	argraph_tei_cleanup();
	return TEST_DONE();
}
