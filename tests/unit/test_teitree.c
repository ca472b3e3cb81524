/* SPDX-License-Identifier: MIT */
/*
 * test_teitree.c — the TEI reader's own tree (src/tei/teitree.h), built by
 * argraph_xml__parse_tree: what it keeps of a document must be what
 * libxml2's tree gave the reader (attribute values as xmlGetNsProp returns
 * them, merged text, comments as children, exact lines), and the checks
 * libxml2's tree builder made must still be made (IDs, text size).
 */
#include <stdlib.h>
#include <string.h>

#include "argraph/diag.h"
#include "argraph/tei.h"
#include "harness.h"
#include "tei/teitree.h"
#include "tei/xmlparse.h"

#define TEI_OPEN "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

static teitree *parse(const char *xml, argraph_diags **diags, argraph_status *st)
{
	teitree *t = NULL;
	argraph_diags_new(diags);
	*st = argraph_xml__parse_tree(&t, xml, strlen(xml), "t.xml", "tei", NULL, *diags);
	return t;
}

/* The first element named `name` in document order. */
static const teitree_node *find(const teitree_node *root, const char *name)
{
	const teitree_node *n = root;
	while (n) {
		if (n->type == TEITREE_ELEMENT && strcmp(n->name, name) == 0)
			return n;
		if (n->first) {
			n = n->first;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	return NULL;
}

static void test_attributes(void)
{
	static const char xml[] = TEI_OPEN
		"<p xml:id=\"p1\" xml:lang=\"zh\" n=\"a&amp;b&#60;c&#x4E2D;&quot;\" type=\"t\"\n"
		"   xmlns:f=\"urn:f\" f:type=\"foreign\" ref=\" #a\tb\n\" id=\"\">x</p></TEI>";
	argraph_diags *d;
	argraph_status st;
	teitree *t = parse(xml, &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	const teitree_node *p = t ? find(t->root, "p") : NULL;
	OK(p != NULL);
	if (p) {
		/* references decoded, as xmlGetNoNsProp returns the value */
		STR_EQ(teitree_attr_value(p, "n", NULL), "a&b<c\xe4\xb8\xad\"");
		/* xml:id and xml:lang are in the XML namespace, not in none */
		STR_EQ(teitree_attr_value(p, "id", XML_NS), "p1");
		STR_EQ(teitree_attr_value(p, "lang", XML_NS), "zh");
		STR_EQ(teitree_attr_value(p, "id", NULL), "");
		OK(teitree_attr_value(p, "lang", NULL) == NULL);
		/* f:type is not @type */
		STR_EQ(teitree_attr_value(p, "type", NULL), "t");
		STR_EQ(teitree_attr_value(p, "type", "urn:f"), "foreign");
		OK(teitree_has_prop(p, "type"));
		/* attribute-value normalisation: tab and newline become spaces */
		STR_EQ(teitree_attr_value(p, "ref", NULL), " #a b ");
		OK(teitree_attr_value(p, "missing", NULL) == NULL);
		for (unsigned i = 0; i < p->nattrs; i++) /* decoded or not */
			INT_EQ(p->attrs[i].value_len, strlen(p->attrs[i].value));
		INT_EQ(p->tei, 1);
		INT_EQ(p->line, 3); /* the newline inside @ref */
	}
	teitree_free(t);
	argraph_diags_free(d);
}

static void test_text_cdata_comments(void)
{
	static const char xml[] = TEI_OPEN
		"<p>a&amp;b&#x4E2D;c<![CDATA[<raw> & ]]><![CDATA[more]]>d<!-- gone -->e<?pi x?>f"
		"<c n=\"x\"><!--k--></c><c n=\"y\"/></p></TEI>";
	argraph_diags *d;
	argraph_status st;
	teitree *t = parse(xml, &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	const teitree_node *p = t ? find(t->root, "p") : NULL;
	OK(p != NULL);
	if (p) {
		const teitree_node *n = p->first;
		/* text split by references is one node, as in libxml2's tree */
		OK(n && n->type == TEITREE_TEXT);
		STR_EQ(n ? n->text : NULL, "a&b\xe4\xb8\xad" "c");
		/* adjacent CDATA sections are one CDATA node */
		n = n ? n->next : NULL;
		OK(n && n->type == TEITREE_CDATA);
		STR_EQ(n ? n->text : NULL, "<raw> & more");
		n = n ? n->next : NULL;
		STR_EQ(n ? n->text : NULL, "d");
		/* a comment stays a (content-less) child: it separates texts */
		n = n ? n->next : NULL;
		OK(n && n->type == TEITREE_OTHER && !n->text);
		n = n ? n->next : NULL;
		STR_EQ(n ? n->text : NULL, "e");
		n = n ? n->next : NULL;
		OK(n && n->type == TEITREE_OTHER); /* the PI */
		n = n ? n->next : NULL;
		STR_EQ(n ? n->text : NULL, "f");
		/* <c> holding only a comment is not empty */
		n = n ? n->next : NULL;
		OK(n && n->type == TEITREE_ELEMENT && n->first && n->first->type == TEITREE_OTHER);
		n = n ? n->next : NULL;
		OK(n && n->type == TEITREE_ELEMENT && !n->first && n->prev && n->parent == p);
		OK(n && !n->next && p->last == n);
	}
	teitree_free(t);
	argraph_diags_free(d);
}

static void test_names_and_namespaces(void)
{
	static const char xml[] = TEI_OPEN
		"<p>x <f:note xmlns:f=\"urn:f\">foreign</f:note><hi>y</hi></p><p xmlns=\"urn:other\">o</p>"
		"<t:p xmlns:t=\"http://www.tei-c.org/ns/1.0\">prefixed</t:p><p/></TEI>";
	argraph_diags *d;
	argraph_status st;
	teitree *t = parse(xml, &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	if (t) {
		const teitree_node *r = t->root;
		OK(r->tei && strcmp(r->name, "TEI") == 0 && !r->parent);
		const teitree_node *p1 = r->first, *p2 = p1->next, *p3 = p2->next, *p4 = p3->next;
		const teitree_node *fn = p1->first->next;
		STR_EQ(fn->name, "note");
		OK(!fn->tei && fn->has_ns);
		OK(!p2->tei && p2->has_ns);
		OK(p3->tei);
		/* names are interned: same name, same pointer */
		OK(p1->name == p2->name && p2->name == p3->name && p3->name == p4->name);
		OK(p4->tei && p4->prev == p3 && !p4->next);
	}
	teitree_free(t);
	argraph_diags_free(d);
}

/* Element lines past 65,535 are exact: where the start tag ends. */
static void test_big_lines(void)
{
	size_t cap = 70100;
	char *buf = malloc(cap + 200);
	size_t n = (size_t)sprintf(buf, "%s\n", TEI_OPEN);
	for (int i = 2; i < 70002; i++)
		buf[n++] = '\n';
	n += (size_t)sprintf(buf + n, "<p>far</p>\n<pb/>\n<p\n n=\"1\">x</p><p xml:id=\"a\"/>\n<p xml:id=\"a\"/></TEI>");
	buf[n] = 0;
	argraph_diags *d;
	argraph_status st;
	teitree *t = parse(buf, &d, &st);
	/* the duplicate ID is reported at its line and column */
	INT_EQ(st, ARGRAPH_EPARSE);
	OK(t == NULL);
	INT_EQ(argraph_diags_count(d), 1);
	const argraph_diag *g = argraph_diags_count(d) ? argraph_diags_at(d, 0) : NULL;
	STR_EQ(g ? g->code : NULL, "tei.duplicate-id");
	INT_EQ(g ? g->pos.line : 0, 70006);
	INT_EQ(g ? g->pos.column : 0, 14); /* the parser is at the "/>" */
	STR_EQ(g ? g->message : NULL, "duplicate xml:id \"a\": an ID must be unique in the document");
	argraph_diags_free(d);

	/* the same without the duplicate: the lines */
	char *dup = strstr(buf, "<p xml:id=\"a\"/></TEI>");
	memcpy(dup, "<p xml:id=\"b\"/></TEI>", 21);
	t = parse(buf, &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	if (t) {
		const teitree_node *p = t->root->first->next; /* after the newlines */
		STR_EQ(p->name, "p");
		INT_EQ(p->line, 70002);
		const teitree_node *pb = p->next->next;
		STR_EQ(pb->name, "pb");
		INT_EQ(pb->line, 70003); /* libxml2 alone says 70004 (TECHNOTES §1.4) */
		INT_EQ(pb->next->next->line, 70005); /* a start tag over two lines: its end */
		INT_EQ(t->root->last->line, 70006);
	}
	teitree_free(t);
	argraph_diags_free(d);
	free(buf);
}

static void test_ids(void)
{
	argraph_diags *d;
	argraph_status st;
	/* an xml:id that is not an NCName, with libxml2's message; the raw
	 * value ("&#38;" for a written '&') is the one checked and compared */
	teitree *t = parse(TEI_OPEN "<p xml:id=\"1a\"/>\n<p xml:id=\"a&amp;b\"/><p xml:id=\"a&#38;b\"/></TEI>",
		&d, &st);
	INT_EQ(st, ARGRAPH_EPARSE);
	OK(t == NULL);
	INT_EQ(argraph_diags_count(d), 4);
	if (argraph_diags_count(d) == 4) {
		STR_EQ(argraph_diags_at(d, 0)->code, "tei.xml");
		STR_EQ(argraph_diags_at(d, 0)->message, "xml:id : attribute value 1a is not an NCName");
		INT_EQ(argraph_diags_at(d, 0)->pos.line, 1);
		INT_EQ(argraph_diags_at(d, 0)->pos.column, 56);
		STR_EQ(argraph_diags_at(d, 1)->message, "xml:id : attribute value a&#38;b is not an NCName");
		STR_EQ(argraph_diags_at(d, 3)->code, "tei.duplicate-id");
		STR_EQ(argraph_diags_at(d, 3)->message,
			"duplicate xml:id \"a&#38;b\": an ID must be unique in the document");
		INT_EQ(argraph_diags_at(d, 3)->pos.line, 2);
	}
	argraph_diags_free(d);

	/* an attribute the internal subset declares of type ID is one too */
	t = parse("<!DOCTYPE TEI [<!ATTLIST p id ID #IMPLIED>]>\n" TEI_OPEN
		"<p id=\"x\"/><p id=\"x\"/><q id=\"x\"/></TEI>", &d, &st);
	INT_EQ(st, ARGRAPH_EPARSE);
	INT_EQ(argraph_diags_count(d), 1);
	if (argraph_diags_count(d))
		STR_EQ(argraph_diags_at(d, 0)->code, "tei.duplicate-id");
	teitree_free(t);
	argraph_diags_free(d);

	/* xml:id and another ID attribute share one table; without a DTD a
	 * plain @id is no ID */
	t = parse(TEI_OPEN "<p id=\"x\"/><p id=\"x\"/><p xml:id=\"x\"/></TEI>", &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	INT_EQ(argraph_diags_count(d), 0);
	teitree_free(t);
	argraph_diags_free(d);
}

/* Attributes defaulted in the internal subset: not in libxml2's tree, but
 * xmlGetNoNsProp/xmlHasProp see them through the DTD. */
static void test_dtd_defaults(void)
{
	argraph_diags *d;
	argraph_status st;
	teitree *t = parse("<!DOCTYPE TEI [<!ATTLIST c n CDATA \"X\"><!ATTLIST seg ana CDATA \"#a\">]>\n"
		TEI_OPEN "<c/><c n=\"Y\"/><seg/></TEI>", &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	if (t) {
		const teitree_node *c1 = t->root->first, *c2 = c1->next, *seg = c2->next;
		OK(teitree_attr_value(c1, "n", NULL) == NULL);
		STR_EQ(teitree_prop(c1, "n", NULL), "X");
		STR_EQ(teitree_attr_value(c2, "n", NULL), "Y");
		STR_EQ(teitree_prop(c2, "n", NULL), "Y");
		OK(teitree_has_prop(seg, "ana"));
		OK(teitree_attr_value(seg, "ana", NULL) == NULL);
		OK(!teitree_has_ns_prop(seg, "id", XML_NS));
	}
	teitree_free(t);
	argraph_diags_free(d);
}

/* The look-ups by interned name give what the string ones give: every
 * attribute name and namespace in the tree is the dictionary's own copy
 * (specified, defaulted from the DTD, in the XML namespace or another),
 * so comparing pointers is comparing names. */
static void test_interned_lookups(void)
{
	argraph_diags *d;
	argraph_status st;
	teitree *t = parse("<!DOCTYPE TEI [<!ATTLIST c n CDATA \"X\"><!ATTLIST seg ana CDATA \"#a\""
		" xml:lang CDATA \"zh\" f:type CDATA \"d\">]>\n"
		"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xmlns:f=\"urn:f\" xml:lang=\"en\">"
		"<c/><c n=\"Y\" type=\"t\"/><seg xml:id=\"s1\" f:type=\"x\" type=\"y\"/><seg/>"
		"<p f:n=\"1\" n=\"2\" xml:lang=\"de\" lang=\"fr\" ana=\"\"/><f:p type=\"z\" f:ana=\"w\"/>"
		"</TEI>", &d, &st);
	INT_EQ(st, ARGRAPH_OK);
	static const char *const names[] = {"n", "ana", "id", "lang", "type", "absent", "p", "TEI"};
	static const char *const spaces[] = {NULL, XML_NS, "urn:f", "urn:absent"};
	size_t agree = 0, checked = 0;
	for (const teitree_node *n = t ? t->root : NULL; n; n = n == t->root ? n->first : n->next) {
		for (unsigned i = 0; i < n->nattrs; i++) {
			INT_EQ(n->attrs[i].value_len, strlen(n->attrs[i].value));
			OK(teitree_intern(t, n->attrs[i].name) == n->attrs[i].name);
			OK(!n->attrs[i].ns || teitree_intern(t, n->attrs[i].ns) == n->attrs[i].ns);
		}
		for (size_t a = 0; a < sizeof names / sizeof *names; a++) {
			const char *in = teitree_intern(t, names[a]);
			checked++;
			agree += teitree_has_iprop(n, in) == teitree_has_prop(n, names[a]);
			for (size_t s = 0; s < sizeof spaces / sizeof *spaces; s++) {
				const char *ns = spaces[s], *ins = ns ? teitree_intern(t, ns) : NULL;
				const char *v = teitree_attr_value(n, names[a], ns);
				const char *pv = teitree_prop(n, names[a], ns);
				checked += 2;
				if (ns && !ins) { /* a namespace the document never names */
					agree += (v == NULL) + (pv == NULL);
					continue;
				}
				agree += teitree_iattr_value(n, in, ins) == v;
				agree += teitree_iprop(n, in, ins) == pv;
			}
		}
	}
	OK(checked > 300);
	INT_EQ(agree, checked);
	OK(t && teitree_intern(t, "absent") == NULL);
	teitree_free(t);
	argraph_diags_free(d);
}

static void test_refusals(void)
{
	argraph_diags *d;
	argraph_status st;
	/* entity declarations: refused before anything is built */
	teitree *t = parse("<!DOCTYPE TEI [<!ENTITY e \"x\">]>\n" TEI_OPEN "<p>&e;</p></TEI>", &d, &st);
	INT_EQ(st, ARGRAPH_EPARSE);
	OK(t == NULL);
	if (argraph_diags_count(d))
		STR_EQ(argraph_diags_at(d, 0)->code, "tei.entity");
	argraph_diags_free(d);
	/* not well-formed */
	t = parse(TEI_OPEN "<p>x</q></TEI>", &d, &st);
	INT_EQ(st, ARGRAPH_EPARSE);
	OK(t == NULL);
	argraph_diags_free(d);

	/* a text that reaches the limit in pieces: libxml2's tree builder
	 * refused the piece that crossed it, then our own count did */
	size_t n = 11u << 20;
	char *buf = malloc(n + 100);
	size_t k = (size_t)sprintf(buf, "%s<p>", TEI_OPEN);
	for (size_t i = 0; i < n / 2; i++) { /* é: the parser hands it over 300 bytes at a time */
		buf[k++] = (char)0xC3;
		buf[k++] = (char)0xA9;
	}
	sprintf(buf + k, "</p></TEI>");
	t = parse(buf, &d, &st); /* sprintf ended buf with a NUL */
	INT_EQ(st, ARGRAPH_EPARSE);
	OK(t == NULL);
	INT_EQ(argraph_diags_count(d), 2);
	if (argraph_diags_count(d) == 2) {
		STR_EQ(argraph_diags_at(d, 0)->code, "tei.limit");
		STR_CONTAINS(argraph_diags_at(d, 0)->message, "a text of more than 10000000 bytes");
		OK(argraph_diags_at(d, 0)->pos.column > 0);
		STR_CONTAINS(argraph_diags_at(d, 1)->message, "<p> holds a text of more than");
	}
	argraph_diags_free(d);

	/* the same length in one piece (ASCII: the parser hands it over
	 * whole): nothing to refuse, only our count speaks */
	k = (size_t)sprintf(buf, "%s<p>", TEI_OPEN);
	memset(buf + k, 'a', n);
	k += n;
	sprintf(buf + k, "</p></TEI>");
	t = parse(buf, &d, &st);
	INT_EQ(st, ARGRAPH_EPARSE);
	OK(t == NULL);
	INT_EQ(argraph_diags_count(d), 1);
	if (argraph_diags_count(d) == 1) {
		STR_EQ(argraph_diags_at(d, 0)->code, "tei.limit");
		STR_CONTAINS(argraph_diags_at(d, 0)->message, "<p> holds a text of more than");
	}
	argraph_diags_free(d);
	free(buf);
}

int main(int argc, char **argv)
{
	test_attributes();
	test_text_cdata_comments();
	test_names_and_namespaces();
	test_big_lines();
	test_ids();
	test_dtd_defaults();
	test_interned_lookups();
	test_refusals();
	argraph_tei_cleanup();
	return TEST_DONE();
}
