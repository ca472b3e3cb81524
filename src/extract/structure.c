/* SPDX-License-Identifier: MIT */
/*
 * structure.c — the markup-driven part of extraction: what the TEI says
 * outright becomes nodes and edges. Relations that need reading (causes,
 * assertion, stance) come from the rule-driven extractor.
 *
 * Node ids are "<doc_key>" for the document and "<doc_key>#<local>" for the
 * rest, where <local> is the TEI xml:id when there is one, so a reviewer can
 * find the element again; otherwise a stable ordinal (s.<block>.<n>, cit.<n>).
 *
 * Citations: one node per cited work, not per <ref>. A numeric marker with
 * a list or a range ("[3,4]", "[10-14]") gives one citation per number, and
 * a @target with several pointers one per pointer; the first keeps the
 * ref's id, the others add ".2", ".3" … An author-year ref without a
 * pointer is read ("Hamilton et al., 2017a,b" is two citations) and each
 * author and year is looked up in the reference list (resolved_by
 * "author-year"; the matching copes with GROBID's noisy names, see
 * citekeys.c). Numbers are matched to pointers by the entry's place in the reference list, then in order. When the text's
 * own numbered refs show that number n is the n-th entry of listBibl (as
 * GROBID's are), a number without a pointer resolves to that entry
 * (resolved_by "position"). In a text that cites by author and year, a bare
 * number without a pointer is kept as a dangling citation with the attribute
 * doubt="number-in-author-year-text": mostly a footnote call or a number
 * GROBID took for a reference.
 */
#include "argraph/extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../graph/graph_internal.h"
#include "../util/strbuf.h"
#include "context.h"
#include "extract_internal.h"

typedef struct ctx {
	argraph_extract_ctx xc; /* graph, doc, key, first error, words (context.h) */
	size_t doc_node;
	size_t *section_node; /* per doc section, ARGRAPH_NONE if none */
	size_t citations;     /* running count for ids */
	strbuf claim_id;      /* the claim ids of the block being read */
	size_t *listed;       /* listBibl entries (not notes), in order: entry indices */
	size_t n_listed;
	size_t *place;        /* per entry: its place in `listed`, ARGRAPH_NONE for notes */
	int positional;       /* numbered refs name the n-th entry */
	int author_year;      /* the text cites by author and year */
	/* the last byte → character offset asked of a block (char_offset) */
	const argraph_block *off_block;
	size_t off_byte, off_char;
	/* The graph's own copies of the file name and of the xpath and the
	 * nearest xml:id of block xpath_of (a pointer into the doc, which
	 * does not change during the call), once a new node holds them.
	 * Every node and edge carries the file name, and the sentences of a
	 * block its xpath and xml:id: given its own copy back, the graph
	 * shares it without comparing the strings. */
	const char *file;
	const argraph_block *xpath_of;
	const char *xpath, *near_id;
	/* the graph's copy of the last block language set (a pointer into
	 * the doc: the blocks under one xml:lang share it) */
	const char *lang_of, *lang;
} ctx;

static size_t node(ctx *c, argraph_node_kind kind, const char *id, const argraph_prov *prov)
{
	return argraph_extract__node(&c->xc, kind, id, strlen(id), prov);
}

static void label(ctx *c, size_t n, const char *lang, const char *text)
{
	if (n != ARGRAPH_NONE && text && *text)
		argraph_extract__check(&c->xc, argraph_graph_set_label(c->xc.g, n, lang, text));
}

static size_t edge(ctx *c, argraph_edge_kind kind, size_t from, size_t to, const argraph_prov *prov)
{
	size_t e = ARGRAPH_NONE;
	if (from != ARGRAPH_NONE && to != ARGRAPH_NONE)
		argraph_extract__check(&c->xc,
			argraph_graph_add_edge(c->xc.g, kind, from, to, NULL, prov, &e));
	return e;
}

/* The file name for a provenance: the graph's copy once it has one. */
static const char *prov_file(const ctx *c)
{
	return c->file ? c->file : argraph_doc_get_file(c->xc.doc);
}

static argraph_prov block_prov(ctx *c, const argraph_block *b)
{
	int own = b == c->xpath_of;
	argraph_prov p = {prov_file(c), b->line, own ? c->near_id : b->near_id,
		own ? c->xpath : b->xpath, NULL, 0, 0};
	return p;
}

/* Node n's provenance when n was made just now (index `first_new` or
 * later) from the provenance given: the same strings, but the graph's
 * copies. NULL for a node that already existed (its provenance is from
 * elsewhere) or none. */
static const argraph_prov *new_node_prov(const ctx *c, size_t n, size_t first_new)
{
	if (n == ARGRAPH_NONE || n < first_new)
		return NULL;
	return argraph_node_get_prov(argraph_graph_node_at(c->xc.g, n));
}

/* The character offset of byte `at` of block b's text. Spans are asked
 * for in text order, so counting goes on from the last offset asked of
 * the same block: a paragraph with n inlines costs its length once, not
 * n times (20,000 refs in one paragraph took 1.6 s). */
static size_t char_offset(ctx *c, const argraph_block *b, size_t at)
{
	if (c->off_block != b || at < c->off_byte) {
		c->off_block = b;
		c->off_byte = c->off_char = 0;
	}
	c->off_char += argraph_char_offset(b->text + c->off_byte, at - c->off_byte);
	c->off_byte = at;
	return c->off_char;
}

static argraph_prov span_prov(ctx *c, const argraph_block *b, size_t begin, size_t end, const char *text)
{
	argraph_prov p = block_prov(c, b);
	p.text = text;
	p.begin = char_offset(c, b, begin);
	p.end = char_offset(c, b, end);
	return p;
}

/* ---- document and sections ---- */

static void add_document(ctx *c)
{
	/* the file as a whole, or a teiCorpus member's <TEI> */
	const char *xpath = argraph_doc_get_xpath(c->xc.doc);
	argraph_prov p = {argraph_doc_get_file(c->xc.doc), xpath ? argraph_doc_get_line(c->xc.doc) : 1, NULL,
		xpath ? xpath : "/TEI", NULL, 0, 0};
	size_t first_new = argraph_graph_node_count(c->xc.g);
	c->doc_node = node(c, ARGRAPH_NODE_DOCUMENT, c->xc.key, &p);
	const argraph_prov *gp = new_node_prov(c, c->doc_node, first_new);
	if (gp)
		c->file = gp->file;
	for (size_t i = 0; i < argraph_doc_title_count(c->xc.doc); i++) {
		const argraph_name *t = argraph_doc_title_at(c->xc.doc, i);
		if (!t->type || strcmp(t->type, "main") == 0)
			if (!argraph_node_get_label_exact(argraph_graph_node_at(c->xc.g, c->doc_node), t->lang))
				label(c, c->doc_node, t->lang, t->text);
	}
	argraph_extract__set_attr_unless_empty(&c->xc, c->doc_node, W_FILE,
		argraph_doc_get_file(c->xc.doc));
	argraph_extract__set_attr_unless_empty(&c->xc, c->doc_node, W_LANG,
		argraph_doc_get_lang(c->xc.doc));
	argraph_extract__set_attr_unless_empty(&c->xc, c->doc_node, W_TITLE,
		argraph_doc_get_title(c->xc.doc, argraph_doc_get_lang(c->xc.doc)));
	if (!argraph_node_label_count(argraph_graph_node_at(c->xc.g, c->doc_node)))
		label(c, c->doc_node, NULL, c->xc.key);
}

static const char *area_name(argraph_area a)
{
	switch (a) {
	case ARGRAPH_AREA_ABSTRACT: return "abstract";
	case ARGRAPH_AREA_FRONT: return "front";
	case ARGRAPH_AREA_BACK: return "back";
	case ARGRAPH_AREA_BODY: break;
	}
	return "body";
}

/* Node for one section, made on first use. */
static size_t make_section_node(ctx *c, size_t si)
{
	const argraph_section *s = argraph_doc_section_at(c->xc.doc, si);
	argraph_prov p = {prov_file(c), s->line, s->xml_id, s->xpath, NULL, 0, 0};
	const char *id = s->xml_id ? argraph_extract__local_id(&c->xc, s->xml_id) : argraph_extract__local_id_n(&c->xc, "sec.", si + 1);
	size_t n = node(c, ARGRAPH_NODE_SECTION, id, &p);
	c->section_node[si] = n;
	if (s->head)
		label(c, n, s->lang, s->head);
	else if (s->area == ARGRAPH_AREA_ABSTRACT) {
		strbuf l = {0};
		strbuf_printf(&l, "abstract%s%s%s", s->lang ? " (" : "", s->lang ? s->lang : "", s->lang ? ")" : "");
		label(c, n, NULL, strbuf_cstr(&l));
		strbuf_release(&l);
	} else
		label(c, n, NULL, s->type ? s->type : "section");
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_TYPE, s->type);
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_N, s->n);
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_HEAD, s->head);
	argraph_extract__set_attr(&c->xc, n, W_AREA, area_name(s->area));
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_LANG, s->lang);
	char depth[24];
	argraph_extract__set_attr(&c->xc, n, W_DEPTH, strbuf_size_str(depth, s->depth));
	size_t parent = s->parent != ARGRAPH_NONE ? c->section_node[s->parent] : c->doc_node;
	edge(c, ARGRAPH_EDGE_PART_OF, n, parent, &p);
	return n;
}

/* Node for a section and, first, for every ancestor that has none yet
 * (a div with only subdivisions). Iterative: depth comes from input. */
static size_t section_node(ctx *c, size_t si)
{
	if (c->section_node[si] != ARGRAPH_NONE)
		return c->section_node[si];
	size_t top = si;
	for (;;) {
		/* find the outermost ancestor still without a node */
		size_t cur = si;
		while (argraph_doc_section_at(c->xc.doc, cur)->parent != ARGRAPH_NONE
		       && c->section_node[argraph_doc_section_at(c->xc.doc, cur)->parent] == ARGRAPH_NONE)
			cur = argraph_doc_section_at(c->xc.doc, cur)->parent;
		make_section_node(c, cur);
		if (cur == top || c->xc.st != ARGRAPH_OK)
			break;
	}
	return c->section_node[si];
}

/* ---- persons, works ---- */

static size_t person_from_authority(ctx *c, const argraph_authority *a)
{
	argraph_prov p = {prov_file(c), a->line, a->id, NULL, NULL, 0, 0};
	size_t n = node(c, ARGRAPH_NODE_PERSON, argraph_extract__local_id(&c->xc, a->id), &p);
	for (size_t k = 0; k < a->name_count; k++) {
		const argraph_name *nm = argraph_doc_name_at(c->xc.doc, a->first_name + k);
		if (!nm->type && !argraph_node_get_label_exact(argraph_graph_node_at(c->xc.g, n), nm->lang))
			label(c, n, nm->lang, nm->text);
	}
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_REF, a->id);
	if (a->uris) /* authority URIs: match keys of the corpus merge */
		argraph_extract__set_attr_unless_empty(&c->xc, n, W_URI, a->uris);
	return n;
}

/* A person by name only: id from the normalised name. */
static size_t person_by_name(ctx *c, const char *name, const char *lang, const argraph_prov *p)
{
	strbuf id = {0};
	argraph_extract__person_id(&id, c->xc.key, name);
	size_t n = ARGRAPH_NONE;
	if (id.len && !id.failed) {
		n = node(c, ARGRAPH_NODE_PERSON, id.data, p);
		if (n != ARGRAPH_NONE && !argraph_node_label_count(argraph_graph_node_at(c->xc.g, n)))
			label(c, n, lang, name);
	}
	strbuf_release(&id);
	return n;
}

static size_t person_for_ref(ctx *c, const char *ref, const char *text, const char *lang, const argraph_prov *p)
{
	const argraph_authority *a = ref ? argraph_doc_find_authority(c->xc.doc, ref) : NULL;
	if (a && a->kind == ARGRAPH_AUTH_PERSON)
		return person_from_authority(c, a);
	if (ref && p) {
		argraph_pos pos = {p->file, p->line, 0, p->xml_id};
		argraph_diags_add(c->xc.diags, ARGRAPH_SEV_WARNING, "ref.dangling", &pos,
			"persName ref=\"%s\" names no person in listPerson", ref);
	}
	return text ? person_by_name(c, text, lang, p) : ARGRAPH_NONE;
}

static void set_role(ctx *c, size_t person, argraph_extract_word role)
{
	if (person == ARGRAPH_NONE)
		return;
	/* cited-author outranks actor */
	if (role == W_CITED_AUTHOR || !argraph_extract__get_attr(&c->xc, person, W_ROLE))
		argraph_extract__set_word(&c->xc, person, W_ROLE, role);
}

/* The listPerson entry naming the same person as a bibliography author:
 * the same full name, or the same surname with the same first initial
 * ("Jane Q. Smith" and "Jane Smith"). NULL if none or if several
 * people would fit. */
static const argraph_authority *authority_for_author(ctx *c, const argraph_name *au)
{
	const argraph_authority *found = NULL;
	const char *surname = au->key;
	for (size_t i = 0; i < argraph_doc_authority_count(c->xc.doc); i++) {
		const argraph_authority *a = argraph_doc_authority_at(c->xc.doc, i);
		if (a->kind != ARGRAPH_AUTH_PERSON)
			continue;
		for (size_t k = 0; k < a->name_count; k++) {
			const char *nm = argraph_doc_name_at(c->xc.doc, a->first_name + k)->text;
			int match = strcasecmp(nm, au->text) == 0;
			if (!match && surname && *surname) {
				const char *last = strrchr(nm, ' ');
				last = last ? last + 1 : nm;
				match = strcasecmp(last, surname) == 0 && tolower((unsigned char)nm[0]) == tolower((unsigned char)au->text[0]);
			}
			if (match) {
				if (found && found != a)
					return NULL; /* ambiguous: keep them apart */
				found = a;
				break;
			}
		}
	}
	return found;
}

static size_t work_from_entry(ctx *c, const argraph_bibentry *e, size_t ordinal)
{
	argraph_prov p = {prov_file(c), e->line, e->id, e->xpath, NULL, 0, 0};
	argraph_extract__work_id(&c->xc.id, c->xc.key, c->xc.doc, ordinal);
	size_t n = node(c, ARGRAPH_NODE_WORK, strbuf_cstr(&c->xc.id), &p);
	strbuf l = {0}, authors = {0};
	for (size_t k = 0; k < e->author_count; k++) {
		const argraph_name *nm = argraph_doc_name_at(c->xc.doc, e->first_author + k);
		if (k)
			strbuf_puts(&authors, "; ");
		strbuf_puts(&authors, nm->text);
	}
	if (e->author_count) {
		const argraph_name *first = argraph_doc_name_at(c->xc.doc, e->first_author);
		strbuf_puts(&l, first->key ? first->key : first->text);
		if (e->author_count > 2)
			strbuf_puts(&l, " et al.");
		else if (e->author_count == 2) {
			const argraph_name *second = argraph_doc_name_at(c->xc.doc, e->first_author + 1);
			strbuf_printf(&l, " & %s", second->key ? second->key : second->text);
		}
	}
	if (e->year)
		strbuf_printf(&l, l.len ? " (%s)" : "%s", e->year);
	if (e->title)
		strbuf_printf(&l, l.len ? ": %s" : "%s", e->title);
	if (!l.len && e->text)
		strbuf_puts(&l, e->text);
	label(c, n, NULL, l.len ? strbuf_cstr(&l) : (e->id ? e->id : "work"));
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_TITLE, e->title);
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_YEAR, e->year);
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_DOI, e->doi);
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_AUTHORS,
		authors.len ? strbuf_cstr(&authors) : NULL);
	argraph_extract__set_attr_unless_empty(&c->xc, n, W_BIBL, e->id);
	if (e->is_note)
		argraph_extract__set_word(&c->xc, n, W_NOTE, W_TRUE);
	else
		argraph_extract__set_word(&c->xc, n, W_LISTED, W_TRUE); /* an entry of the reference list */
	strbuf_release(&l);
	strbuf_release(&authors);
	for (size_t k = 0; k < e->author_count; k++) {
		const argraph_name *nm = argraph_doc_name_at(c->xc.doc, e->first_author + k);
		const argraph_authority *a = authority_for_author(c, nm);
		size_t pn = a ? person_from_authority(c, a) : person_by_name(c, nm->text, nm->lang, &p);
		set_role(c, pn, W_CITED_AUTHOR);
		edge(c, ARGRAPH_EDGE_AUTHORED, pn, n, &p);
	}
	return n;
}

/* ---- citations ---- */

static int looks_numeric(const char *t)
{
	/* "[1]", "[2,3]", "[4-6]", "1", "(3)" */
	if (!t)
		return 0;
	int digits = 0;
	for (; *t; t++) {
		if (isdigit((unsigned char)*t))
			digits = 1;
		else if (!strchr("[](), ;-–", *t) && (unsigned char)*t < 0x80)
			return 0;
		else if ((unsigned char)*t >= 0x80 && strncmp(t, "–", 3) != 0)
			return 0;
	}
	return digits;
}

static int is_citation_ref(ctx *c, const argraph_inline *in)
{
	if (in->kind != ARGRAPH_INLINE_REF)
		return 0;
	if (in->type) {
		/* by the first letter: most refs are of other types (figure,
		 * table, formula), and every inline is asked twice */
		switch (in->type[0]) {
		case 'b': return strcmp(in->type, "bibr") == 0;
		case 'f': return strcmp(in->type, "foot") == 0;
		case 'n': return strcmp(in->type, "note") == 0;
		case 'c': return strcmp(in->type, "citation") == 0;
		default: return 0;
		}
	}
	if (in->key && argraph_doc_find_bibentry(c->xc.doc, in->key))
		return 1;
	return looks_numeric(in->text);
}

/* The entries a @target points to, one per pointer ("#b1 #b2"); NONE for
 * a pointer that names no entry. Returns the number of pointers. */
#define MAX_POINTERS 64
static size_t target_entries(ctx *c, const char *target, size_t *out, const char **names, strbuf *tmp)
{
	size_t n = 0;
	strbuf_reset(tmp);
	if (!target)
		return 0;
	strbuf_puts(tmp, target);
	if (tmp->failed) {
		argraph_extract__check(&c->xc, ARGRAPH_ENOMEM);
		return 0;
	}
	for (char *p = tmp->data; *p && n < MAX_POINTERS;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			*p++ = '\0';
		if (!*p)
			break;
		char *w = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		if (*p)
			*p++ = '\0';
		const argraph_bibentry *e = argraph_doc_find_bibentry(c->xc.doc, w);
		names[n] = w[0] == '#' ? w + 1 : w;
		out[n++] = e ? (size_t)(e - argraph_doc_bibentry_at(c->xc.doc, 0)) : ARGRAPH_NONE;
	}
	return n;
}

/* Which entry each item of a marker names: pointers in order when there
 * are as many as numbers; else a pointer goes to the number of its entry's
 * place, the rest in order; then numbers by place when the text numbers
 * by place. */
static void assign_items(ctx *c, size_t items, const unsigned long *nums, size_t nn,
	const size_t *ptr, size_t nptr, size_t *res, int *by_place, size_t *ptr_of)
{
	int used[MAX_POINTERS] = {0};
	for (size_t k = 0; k < items; k++) {
		res[k] = ARGRAPH_NONE;
		by_place[k] = 0;
		ptr_of[k] = ARGRAPH_NONE;
	}
	if (nptr == items) {
		for (size_t k = 0; k < items; k++) {
			res[k] = ptr[k];
			ptr_of[k] = k;
		}
		return;
	}
	for (size_t j = 0; j < nptr; j++) {
		if (ptr[j] == ARGRAPH_NONE || c->place[ptr[j]] == ARGRAPH_NONE)
			continue;
		for (size_t k = 0; k < nn; k++)
			if (ptr_of[k] == ARGRAPH_NONE && nums[k] == c->place[ptr[j]] + 1) {
				res[k] = ptr[j];
				ptr_of[k] = j;
				used[j] = 1;
				break;
			}
	}
	for (size_t j = 0, k = 0; j < nptr; j++) {
		if (used[j])
			continue;
		while (k < items && ptr_of[k] != ARGRAPH_NONE)
			k++;
		if (k == items)
			break;
		res[k] = ptr[j];
		ptr_of[k] = j;
	}
	for (size_t k = 0; c->positional && k < nn; k++)
		if (ptr_of[k] == ARGRAPH_NONE && nums[k] >= 1 && nums[k] <= c->n_listed) {
			res[k] = c->listed[nums[k] - 1];
			by_place[k] = 1;
		}
}

#define MAX_ITEMS 200
#define MAX_AUTHOR_YEARS 32

static void add_citation(ctx *c, size_t claim, const argraph_block *b, const argraph_inline *in,
	size_t *work_of_entry)
{
	argraph_prov p = span_prov(c, b, in->begin, in->end, in->text);
	p.line = in->line;
	const char *marker = in->text && *in->text ? in->text : (in->n ? in->n : "(citation)");
	if (in->kind == ARGRAPH_INLINE_BIBL) {
		/* An inline bibl describes its work in place. */
		size_t n = node(c, ARGRAPH_NODE_CITATION,
			in->xml_id ? argraph_extract__local_id(&c->xc, in->xml_id) : argraph_extract__local_id_n(&c->xc, "cit.", ++c->citations), &p);
		label(c, n, NULL, marker);
		argraph_extract__set_attr_unless_empty(&c->xc, n, W_MARKER, marker);
		argraph_extract__set_attr_unless_empty(&c->xc, n, W_TARGET, in->target);
		edge(c, ARGRAPH_EDGE_CITES, claim, n, &p);
		argraph_extract__set_word(&c->xc, n, W_FORM,
			in->title && !in->author ? W_TITLE : W_AUTHOR_YEAR);
		size_t w = node(c, ARGRAPH_NODE_WORK, argraph_extract__local_id_n(&c->xc, "work.", c->citations), &p);
		strbuf l = {0};
		if (in->author)
			strbuf_puts(&l, in->author);
		if (in->date)
			strbuf_printf(&l, l.len ? " (%s)" : "%s", in->date);
		if (in->title)
			strbuf_printf(&l, l.len ? ": %s" : "%s", in->title);
		label(c, w, in->lang, l.len ? strbuf_cstr(&l) : marker);
		strbuf_release(&l);
		argraph_extract__set_attr_unless_empty(&c->xc, w, W_TITLE, in->title);
		if (in->date && strlen(in->date) >= 4) {
			char year[5];
			memcpy(year, in->date, 4);
			year[4] = '\0';
			argraph_extract__set_attr(&c->xc, w, W_YEAR, year);
		}
		argraph_extract__set_attr_unless_empty(&c->xc, w, W_AUTHORS, in->author);
		argraph_extract__set_word(&c->xc, n, W_STATUS, W_RESOLVED);
		edge(c, ARGRAPH_EDGE_RESOLVES_TO, n, w, &p);
		if (in->author || in->author_key) {
			size_t pn = person_for_ref(c, in->author_key, in->author, in->lang, &p);
			set_role(c, pn, W_CITED_AUTHOR);
			edge(c, ARGRAPH_EDGE_AUTHORED, pn, w, &p);
		}
		return;
	}
	int numeric = looks_numeric(in->text);
	unsigned long nums[MAX_ITEMS];
	size_t ptr[MAX_POINTERS], res[MAX_ITEMS], ptr_of[MAX_ITEMS];
	int by_place[MAX_ITEMS];
	const char *ptr_name[MAX_POINTERS];
	argraph_cite_ay ay[MAX_AUTHOR_YEARS];
	strbuf tmp = {0}, base = {0}, item = {0};
	size_t nn = numeric ? argraph_extract__marker_numbers(in->text, nums, MAX_ITEMS) : 0;
	size_t nptr = target_entries(c, in->target, ptr, ptr_name, &tmp);
	/* An author-year ref that GROBID could not link: read its text. */
	size_t nay = !numeric && !nptr && in->text && *in->text
		? argraph_extract__marker_author_years(in->text, strlen(in->text), ay, MAX_AUTHOR_YEARS) : 0;
	size_t items = nn > nptr ? nn : nptr;
	if (nay > items)
		items = nay;
	if (items == 0)
		items = 1;
	if (items > MAX_ITEMS)
		items = MAX_ITEMS;
	assign_items(c, items, nums, nn, ptr, nptr, res, by_place, ptr_of);
	for (size_t k = 0; k < nay; k++)
		res[k] = argraph_extract__find_entry_in(&c->xc, in->text + ay[k].author_begin,
			ay[k].author_end - ay[k].author_begin, ay[k].year, strlen(ay[k].year));
	strbuf_puts(&base, in->xml_id ? argraph_extract__local_id(&c->xc, in->xml_id) : argraph_extract__local_id_n(&c->xc, "cit.", ++c->citations));
	if (base.failed) {
		argraph_extract__check(&c->xc, ARGRAPH_ENOMEM);
		goto done;
	}
	for (size_t k = 0; k < items && c->xc.st == ARGRAPH_OK; k++) {
		strbuf_reset(&item);
		if (k < nn)
			strbuf_printf(&item, "%lu", nums[k]);
		else if (k < nay)
			strbuf_printf(&item, "%.*s %s", (int)(ay[k].author_end - ay[k].author_begin),
				in->text + ay[k].author_begin, ay[k].year);
		else if (ptr_of[k] != ARGRAPH_NONE)
			strbuf_puts(&item, ptr_name[ptr_of[k]]);
		const char *id = base.data;
		if (k) {
			strbuf_reset(&c->xc.id);
			strbuf_puts(&c->xc.id, base.data);
			strbuf_putc(&c->xc.id, '.');
			strbuf_put_size(&c->xc.id, k + 1);
			id = strbuf_cstr(&c->xc.id);
		}
		size_t n = node(c, ARGRAPH_NODE_CITATION, id, &p);
		if (items > 1 && k < nay) {
			label(c, n, NULL, strbuf_cstr(&item));
		} else if (items > 1 && item.len) {
			strbuf_reset(&tmp);
			strbuf_printf(&tmp, "%s (%s)", marker, strbuf_cstr(&item));
			label(c, n, NULL, strbuf_cstr(&tmp));
		} else {
			label(c, n, NULL, marker);
		}
		argraph_extract__set_attr_unless_empty(&c->xc, n, W_MARKER, marker);
		argraph_extract__set_attr_unless_empty(&c->xc, n, W_TARGET, in->target);
		if (items > 1)
			argraph_extract__set_attr_unless_empty(&c->xc, n, W_ITEM, strbuf_cstr(&item));
		edge(c, ARGRAPH_EDGE_CITES, claim, n, &p);
		argraph_extract__set_word(&c->xc, n, W_FORM,
			numeric ? W_NUMERIC : in->text && *in->text ? W_AUTHOR_YEAR : W_POINTER);
		if (res[k] != ARGRAPH_NONE) {
			argraph_extract__set_word(&c->xc, n, W_STATUS, W_RESOLVED);
			if (by_place[k])
				argraph_extract__set_word(&c->xc, n, W_RESOLVED_BY, W_POSITION);
			else if (k < nay)
				argraph_extract__set_word(&c->xc, n, W_RESOLVED_BY, W_AUTHOR_YEAR);
			edge(c, ARGRAPH_EDGE_RESOLVES_TO, n, work_of_entry[res[k]], &p);
			continue;
		}
		argraph_extract__set_word(&c->xc, n, W_STATUS, W_DANGLING);
		argraph_pos pos = {p.file, in->line, 0, b->near_id};
		const char *sep = items > 1 && item.len ? " item " : "";
		const char *what = items > 1 ? strbuf_cstr(&item) : "";
		if (ptr_of[k] != ARGRAPH_NONE) {
			argraph_diags_add(c->xc.diags, ARGRAPH_SEV_WARNING, "citation.dangling", &pos,
				"citation %s%s%s points to \"%s\", which is not a bibliography entry",
				marker, sep, what, ptr_name[ptr_of[k]]);
		} else {
			if (numeric && !in->target && c->author_year)
				argraph_extract__set_word(&c->xc, n, W_DOUBT, W_NUMBER_IN_AUTHOR_YEAR_TEXT);
			argraph_diags_add(c->xc.diags, ARGRAPH_SEV_WARNING, "citation.dangling", &pos,
				"citation %s%s%s has no target and the text has no entry for it",
				marker, sep, what);
		}
	}
done:
	strbuf_release(&tmp);
	strbuf_release(&base);
	strbuf_release(&item);
}

/* How does the text number its citations? Look at the citation refs that
 * point to one entry of the reference list: a numeric one "[n]" agrees
 * with numbering by place when its entry is the n-th; an author-year one
 * says the text cites by author and year. */
static void survey_citations(ctx *c)
{
	size_t agree = 0, disagree = 0, ay = 0;
	unsigned long nums[2];
	for (size_t i = 0; i < argraph_doc_inline_count(c->xc.doc); i++) {
		const argraph_inline *in = argraph_doc_inline_at(c->xc.doc, i);
		if (!is_citation_ref(c, in) || !in->key || !in->target || strchr(in->target, ' '))
			continue;
		const argraph_bibentry *e = argraph_doc_find_bibentry(c->xc.doc, in->key);
		if (!e || e->is_note)
			continue;
		size_t place = c->place[(size_t)(e - argraph_doc_bibentry_at(c->xc.doc, 0))];
		if (looks_numeric(in->text)) {
			if (argraph_extract__marker_numbers(in->text, nums, 2) == 1)
				nums[0] == place + 1 ? agree++ : disagree++;
		} else if (in->text && *in->text) {
			ay++;
		}
	}
	c->positional = agree > 0 && disagree * 10 <= agree;
	c->author_year = ay > 0 && (agree + disagree) * 10 <= ay;
}

/* ---- claims ---- */

/* The graph's copy of block b's language (not NULL), or NULL when out of
 * memory. */
static const char *block_lang(ctx *c, const argraph_block *b)
{
	if (b->lang != c->lang_of) {
		if (!(c->lang = argraph_graph__intern(c->xc.g, b->lang))) {
			argraph_extract__check(&c->xc, ARGRAPH_ENOMEM);
			return NULL;
		}
		c->lang_of = b->lang;
	}
	return c->lang;
}

static void add_claims(ctx *c, size_t *work_of_entry)
{
	const argraph_doc *doc = c->xc.doc;
	for (size_t bi = 0; bi < argraph_doc_block_count(doc) && c->xc.st == ARGRAPH_OK; bi++) {
		const argraph_block *b = argraph_doc_block_at(doc, bi);
		if (b->kind != ARGRAPH_BLOCK_P || !b->sentence_count)
			continue;
		const argraph_section *sec = argraph_doc_section_at(doc, b->section);
		if (sec->area == ARGRAPH_AREA_BACK)
			continue; /* acknowledgements, annexes: not the argument */
		size_t sn = section_node(c, b->section);
		size_t prefix = argraph_extract__claim_prefix(&c->claim_id, c->xc.key, doc, bi);
		for (size_t k = 0; k < b->sentence_count; k++) {
			size_t si = b->first_sentence + k;
			const argraph_sentence *s = argraph_doc_sentence_at(doc, si);
			argraph_prov p = span_prov(c, b, s->begin, s->end, s->text);
			const char *id = argraph_extract__claim_id_at(&c->claim_id, prefix, k);
			if (!id) {
				argraph_extract__check(&c->xc, ARGRAPH_ENOMEM);
				return;
			}
			size_t first_new = argraph_graph_node_count(c->xc.g);
			size_t cl = argraph_extract__node(&c->xc, ARGRAPH_NODE_CLAIM, id, c->claim_id.len, &p);
			/* The sentence is the label, the "text" and the provenance
			 * of the claim and of its "in" edge: one copy serves all.
			 * A new claim's provenance holds it (handed back as the
			 * graph's own); else the label copies it and the "text"
			 * and the edge share that last text copied (the short
			 * attributes after it do not replace it). */
			const argraph_prov *gp = new_node_prov(c, cl, first_new);
			const char *text = s->text;
			if (gp) {
				p = *gp;
				text = gp->text;
				c->xpath_of = b;
				c->xpath = gp->xpath;
				c->near_id = gp->xml_id;
			}
			label(c, cl, NULL, text);
			if (gp) /* the graph's own: stored as it is, no strlen */
				argraph_extract__set_attr_own_unless_empty(&c->xc, cl, W_TEXT, text);
			else
				argraph_extract__set_attr_unless_empty(&c->xc, cl, W_TEXT, text);
			if (gp && sn != ARGRAPH_NONE) /* p is the graph's own */
				argraph_extract__check(&c->xc,
					argraph_graph__add_edge_own(c->xc.g, ARGRAPH_EDGE_IN, cl, sn, NULL, &p, NULL));
			else
				edge(c, ARGRAPH_EDGE_IN, cl, sn, &p);
			if (b->lang)
				argraph_extract__set_attr_own_unless_empty(&c->xc, cl, W_LANG,
					block_lang(c, b));
			argraph_extract__set_word(&c->xc, cl, W_ROLE, W_STATEMENT);
			char idx[24];
			argraph_extract__set_attr(&c->xc, cl, W_SENTENCE, strbuf_size_str(idx, si));
			for (size_t m = 0; m < s->inline_count; m++) {
				const argraph_inline *in = argraph_doc_inline_at(doc, s->first_inline + m);
				if (in->kind == ARGRAPH_INLINE_PERSON) {
					if (in->parent != ARGRAPH_NONE
					    && argraph_doc_inline_at(doc, in->parent)->kind == ARGRAPH_INLINE_BIBL)
						continue; /* handled with its bibl */
					argraph_prov ip = span_prov(c, b, in->begin, in->end, in->text);
					ip.line = in->line;
					size_t pn = person_for_ref(c, in->key, in->text, in->lang, &ip);
					set_role(c, pn, W_ACTOR);
					edge(c, ARGRAPH_EDGE_MENTIONS, cl, pn, &ip);
				} else if (in->kind == ARGRAPH_INLINE_BIBL || is_citation_ref(c, in)) {
					add_citation(c, cl, b, in, work_of_entry);
				} else if (in->kind == ARGRAPH_INLINE_TERM && in->key) {
					const argraph_authority *a = argraph_doc_find_authority(doc, in->key);
					if (!a || a->kind != ARGRAPH_AUTH_CATEGORY) {
						/* a pointer into this text's taxonomy that finds
						 * nothing (a URI elsewhere is not ours to check) */
						if (!strpbrk(in->key, ":/")) {
							argraph_pos pos = {argraph_doc_get_file(doc), in->line, 0, NULL};
							argraph_diags_add(c->xc.diags, ARGRAPH_SEV_WARNING, "ref.dangling", &pos,
								"term ref=\"%s\" names no category in the taxonomy", in->key);
						}
						continue;
					}
					argraph_prov ip = span_prov(c, b, in->begin, in->end, in->text);
					ip.line = in->line;
					size_t f = argraph_extract__category_factor(&c->xc, a, prov_file(c));
					edge(c, ARGRAPH_EDGE_MENTIONS, cl, f, &ip);
				}
			}
		}
	}
}

argraph_status argraph_extract_structure(argraph_graph *g, const argraph_doc *doc,
	const char *doc_key, argraph_diags *diags)
{
	ctx c = {0};
	if (argraph_extract__ctx_init(&c.xc, g, doc, doc_key, diags) != ARGRAPH_OK)
		return ARGRAPH_ENOMEM;
	size_t nsec = argraph_doc_section_count(doc), nbib = argraph_doc_bibentry_count(doc);
	c.section_node = malloc((nsec ? nsec : 1) * sizeof *c.section_node);
	size_t *work_of_entry = malloc((nbib ? nbib : 1) * sizeof *work_of_entry);
	c.listed = malloc((nbib ? nbib : 1) * sizeof *c.listed);
	c.place = malloc((nbib ? nbib : 1) * sizeof *c.place);
	if (!c.section_node || !work_of_entry || !c.listed || !c.place) {
		c.xc.st = ARGRAPH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < nbib; i++) {
		c.place[i] = ARGRAPH_NONE;
		if (!argraph_doc_bibentry_at(doc, i)->is_note) {
			c.place[i] = c.n_listed;
			c.listed[c.n_listed++] = i;
		}
	}
	survey_citations(&c);
	/* Mostly a claim per sentence, a work (and an author or two) per
	 * entry: size the graph's node index once for about that many. */
	argraph_extract__check(&c.xc, argraph_graph__reserve_nodes(g, 1 + nsec + argraph_doc_sentence_count(doc)
		+ argraph_doc_authority_count(doc) + 2 * nbib));
	for (size_t i = 0; i < nsec; i++)
		c.section_node[i] = ARGRAPH_NONE;
	add_document(&c);
	/* Every person of listPerson is a node, even if the text only names
	 * them in the header: the encoder declared them. */
	for (size_t i = 0; i < argraph_doc_authority_count(doc); i++) {
		const argraph_authority *a = argraph_doc_authority_at(doc, i);
		if (a->kind == ARGRAPH_AUTH_PERSON)
			person_from_authority(&c, a);
	}
	for (size_t i = 0; i < nbib; i++)
		work_of_entry[i] = work_from_entry(&c, argraph_doc_bibentry_at(doc, i), i);
	add_claims(&c, work_of_entry);
done:
	strbuf_release(&c.claim_id);
	free(c.section_node);
	free(work_of_entry);
	free(c.listed);
	free(c.place);
	argraph_status st = c.xc.st;
	argraph_extract__ctx_release(&c.xc);
	return st;
}

char *argraph_doc_key_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	static const char *const suffixes[] = {".tei.xml", ".xml", ".tei"};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		size_t sl = strlen(suffixes[i]);
		if (n > sl && strcmp(base + n - sl, suffixes[i]) == 0) {
			n -= sl;
			break;
		}
	}
	char *key = malloc(n + 1);
	if (!key)
		return NULL;
	memcpy(key, base, n);
	key[n] = '\0';
	/* '#' separates the key from local ids */
	for (char *p = key; *p; p++)
		if (*p == '#' || *p == ' ')
			*p = '_';
	return key;
}

/* out = key#ID, or key#PREFIXn when the element has no ID. */
static void local_id(strbuf *out, const char *key, const char *xml_id, const char *prefix,
	size_t n)
{
	strbuf_reset(out);
	strbuf_puts(out, key);
	strbuf_putc(out, '#');
	if (xml_id) {
		strbuf_puts(out, xml_id);
	} else {
		strbuf_puts(out, prefix);
		strbuf_put_size(out, n);
	}
}

size_t argraph_extract__claim_prefix(strbuf *out, const char *key, const argraph_doc *doc,
	size_t block)
{
	local_id(out, key, argraph_doc_block_at(doc, block)->xml_id, "b", block + 1);
	strbuf_puts(out, ".s");
	return out->len;
}

const char *argraph_extract__claim_id_at(strbuf *out, size_t prefix, size_t k)
{
	if (out->failed || out->len < prefix)
		return NULL;
	out->len = prefix;
	strbuf_put_size(out, k + 1);
	return out->failed ? NULL : out->data;
}

void argraph_extract__person_id(strbuf *out, const char *key, const char *name)
{
	strbuf_reset(out);
	strbuf_puts(out, key);
	strbuf_puts(out, "#person.");
	size_t start = out->len;
	for (const char *s = name; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x80 && !isalnum(ch)) {
			if (out->len > start && out->data[out->len - 1] != '-')
				strbuf_putc(out, '-');
		} else {
			strbuf_putc(out, ch < 0x80 ? (char)tolower(ch) : (char)ch);
		}
	}
	while (out->len > start && out->data[out->len - 1] == '-')
		out->data[--out->len] = '\0';
	if (out->len == start)
		strbuf_reset(out);
}

void argraph_extract__work_id(strbuf *out, const char *key, const argraph_doc *doc, size_t i)
{
	local_id(out, key, argraph_doc_bibentry_at(doc, i)->id, "bibl.", i + 1);
}

const char *argraph_extract__doc_key(const argraph_doc *doc, const char *given, char **owned)
{
	*owned = NULL;
	if (given)
		return given;
	const char *file = argraph_doc_get_file(doc);
	*owned = argraph_doc_key_from_path(file ? file : "document");
	return *owned;
}
