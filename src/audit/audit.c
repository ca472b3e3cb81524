/* SPDX-License-Identifier: MIT */
/*
 * audit.c — the citation audit, read off the typed graph.
 *
 * One pass over the edges indexes what the report needs per node (which
 * claim cites which citation, what a citation resolves to, who wrote a
 * work, which claims the author's own voice attacks or supports); then,
 * document by document, the records are made: citations (dangling first,
 * then text order), reference-list entries (list order), cited authors
 * (node order) with their attributed claims, and the claims that need
 * support (text order). Every string is copied into the audit's arena, so
 * the graph may go once it has been added.
 *
 * Invariant: a document's records are contiguous in each array, and
 * argraph_audit_document says where (first_*, *_count).
 */
#include "audit_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strmap.h"

static const char *const stance_names[] = {
	[ARGRAPH_AUDIT_MENTIONS] = "mentions",
	[ARGRAPH_AUDIT_ENDORSES] = "endorses",
	[ARGRAPH_AUDIT_CONTESTS] = "contests",
	[ARGRAPH_AUDIT_MIXED] = "endorses and contests",
};

const char *argraph_audit_stance_name(argraph_audit_stance s)
{
	return (unsigned)s < sizeof stance_names / sizeof *stance_names ? stance_names[s] : NULL;
}

const char *argraph_audit__doubt_text(const char *code)
{
	if (code && strcmp(code, "number-in-author-year-text") == 0)
		return "a bare number in a text that cites by author and year: probably a footnote call "
		       "or a number taken for a reference";
	return code;
}

/* ---- growable arrays ---- */

static void *grow(void **items, size_t *len, size_t *cap, size_t size)
{
	if (*len == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		if (ncap < *cap || ncap > SIZE_MAX / size)
			return NULL;
		void *n = realloc(*items, ncap * size);
		if (!n)
			return NULL;
		*items = n;
		*cap = ncap;
	}
	char *slot = (char *)*items + (*len)++ * size;
	memset(slot, 0, size);
	return slot;
}

#define PUSH(vec) grow((void **)&(vec).items, &(vec).len, &(vec).cap, sizeof *(vec).items)

argraph_status argraph_audit_new(argraph_audit **out)
{
	argraph_audit *a = calloc(1, sizeof *a);
	*out = NULL;
	if (!a)
		return ARGRAPH_ENOMEM;
	arena_init(&a->mem);
	*out = a;
	return ARGRAPH_OK;
}

void argraph_audit_free(argraph_audit *a)
{
	if (!a)
		return;
	free(a->docs.items);
	free(a->cits.items);
	free(a->entries.items);
	free(a->authors.items);
	free(a->attrs.items);
	free(a->unsup.items);
	arena_release(&a->mem);
	free(a);
}

/* ---- reading the graph ---- */

/* What the report needs to know per node, from one pass over the edges. */
typedef struct node_info {
	size_t doc;          /* index into the audit's docs, NONE if none */
	size_t claim;        /* citation: the claim citing it */
	size_t work;         /* citation: the work it resolves to */
	size_t first_author; /* work: the first author (person) */
	size_t section;      /* claim: its section */
	size_t cites;        /* claim: citations; work: citations resolving to it */
	size_t first_cite;   /* claim: its citations are cite_list[first_cite, +cites) */
	unsigned attacked : 1;  /* claim: attacked by the author's own voice */
	unsigned supported : 1; /* claim: supported by the author's own voice */
	unsigned asserts : 1;   /* person: asserts some claim */
} node_info;

typedef struct builder {
	argraph_audit *a;
	const argraph_graph *g;
	node_info *info;
	size_t n;
	argraph_status st;
	size_t *cite_list;   /* citations grouped by citing claim (see first_cite) */
	strmap paragraphs;   /* "<doc>|<xpath>" → 1 when a claim there cites */
	arena scratch;       /* keys of `paragraphs` */
} builder;

static const char *copy(builder *b, const char *s)
{
	if (!s)
		return NULL;
	char *c = arena_strdup(&b->a->mem, s);
	if (!c)
		b->st = ARGRAPH_ENOMEM;
	return c;
}

static const argraph_node *nd(const builder *b, size_t i)
{
	return argraph_graph_node_at(b->g, i);
}

static const char *attr(const builder *b, size_t i, const char *name)
{
	return argraph_node_get_attr(nd(b, i), name);
}

static int attr_is(const builder *b, size_t i, const char *name, const char *value)
{
	const char *v = attr(b, i, name);
	return v && strcmp(v, value) == 0;
}

static int kind_is(const builder *b, size_t i, argraph_node_kind k)
{
	return i < b->n && argraph_node_get_kind(nd(b, i)) == k;
}

/* A claim of a sentence (not a counter-claim split off one). */
static int sentence_claim(const builder *b, size_t i)
{
	return kind_is(b, i, ARGRAPH_NODE_CLAIM) && attr(b, i, "sentence");
}

static const char *paragraph_key(builder *b, size_t claim)
{
	const argraph_prov *p = argraph_node_get_prov(nd(b, claim));
	if (!p || !p->xpath)
		return NULL;
	strbuf k = {0};
	strbuf_printf(&k, "%zu|%s|%s", b->info[claim].doc, p->file ? p->file : "", p->xpath);
	char *key = k.failed ? NULL : arena_strdup(&b->scratch, strbuf_cstr(&k));
	strbuf_release(&k);
	if (!key)
		b->st = ARGRAPH_ENOMEM;
	return key;
}

/* Document of every node, from the "<doc_key>#" prefix of its id. */
static void assign_documents(builder *b, size_t first_doc)
{
	strmap keys = {0};
	strbuf pre = {0};
	for (size_t d = first_doc; d < b->a->docs.len; d++)
		if (strmap_put(&keys, b->a->docs.items[d].key, d) < 0)
			b->st = ARGRAPH_ENOMEM;
	for (size_t i = 0; i < b->n && b->st == ARGRAPH_OK; i++) {
		const char *id = argraph_node_get_id(nd(b, i));
		const char *hash = strchr(id, '#');
		strbuf_reset(&pre);
		strbuf_append(&pre, id, hash ? (size_t)(hash - id) : strlen(id));
		if (pre.failed)
			b->st = ARGRAPH_ENOMEM;
		b->info[i].doc = strmap_get(&keys, strbuf_cstr(&pre));
	}
	strbuf_release(&pre);
	strmap_release(&keys);
}

static void index_edges(builder *b)
{
	const argraph_graph *g = b->g;
	for (size_t i = 0; i < b->n; i++) {
		node_info *in = &b->info[i];
		in->claim = in->work = in->first_author = in->section = ARGRAPH_NONE;
	}
	for (size_t i = 0; i < argraph_graph_edge_count(g); i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		switch (argraph_edge_get_kind(e)) {
		case ARGRAPH_EDGE_CITES:
			if (!kind_is(b, t, ARGRAPH_NODE_CITATION))
				break;
			if (b->info[t].claim == ARGRAPH_NONE)
				b->info[t].claim = s;
			b->info[s].cites++;
			break;
		case ARGRAPH_EDGE_RESOLVES_TO:
			if (b->info[s].work == ARGRAPH_NONE) {
				b->info[s].work = t;
				b->info[t].cites++;
			}
			break;
		case ARGRAPH_EDGE_AUTHORED:
			if (b->info[t].first_author == ARGRAPH_NONE)
				b->info[t].first_author = s;
			break;
		case ARGRAPH_EDGE_IN:
			if (b->info[s].section == ARGRAPH_NONE)
				b->info[s].section = t;
			break;
		case ARGRAPH_EDGE_ATTACKS:
		case ARGRAPH_EDGE_SUPPORTS:
			if (!attr_is(b, s, "voice", "author"))
				break;
			if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_ATTACKS)
				b->info[t].attacked = 1;
			else
				b->info[t].supported = 1;
			break;
		case ARGRAPH_EDGE_ASSERTS:
			if (kind_is(b, s, ARGRAPH_NODE_PERSON) && sentence_claim(b, t))
				b->info[s].asserts = 1;
			break;
		default:
			break;
		}
	}
	/* citations grouped by claim, in edge order */
	size_t total = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (kind_is(b, i, ARGRAPH_NODE_CITATION))
			continue; /* for citations, `cites` is not a count of their own */
		b->info[i].first_cite = total;
		total += kind_is(b, i, ARGRAPH_NODE_CLAIM) ? b->info[i].cites : 0;
	}
	if (!(b->cite_list = malloc((total ? total : 1) * sizeof *b->cite_list))) {
		b->st = ARGRAPH_ENOMEM;
		return;
	}
	size_t *fill = calloc(b->n ? b->n : 1, sizeof *fill);
	if (!fill) {
		b->st = ARGRAPH_ENOMEM;
		return;
	}
	for (size_t i = 0; i < argraph_graph_edge_count(g); i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_CITES && kind_is(b, t, ARGRAPH_NODE_CITATION)
		    && kind_is(b, s, ARGRAPH_NODE_CLAIM) && fill[s] < b->info[s].cites)
			b->cite_list[b->info[s].first_cite + fill[s]++] = t;
	}
	free(fill);
}

/* ---- records ---- */

static void prov_of(const builder *b, size_t i, const char **file, unsigned *line)
{
	const argraph_prov *p = argraph_node_get_prov(nd(b, i));
	*file = p ? p->file : NULL;
	*line = p ? p->line : 0;
}

/* Citations of a document: sort key (dangling first, doubtful next, then
 * resolved; each by sentence, then place in the paragraph). */
typedef struct cit_order {
	int rank;
	long sentence;
	size_t begin, node;
} cit_order;

static int cit_cmp(const void *x, const void *y)
{
	const cit_order *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->sentence != b->sentence)
		return a->sentence < b->sentence ? -1 : 1;
	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	return a->node < b->node ? -1 : a->node > b->node;
}

static void add_citations(builder *b, size_t d)
{
	argraph_audit_document *doc = &b->a->docs.items[d];
	cit_order *order = malloc((b->n ? b->n : 1) * sizeof *order);
	size_t k = 0;
	if (!order) {
		b->st = ARGRAPH_ENOMEM;
		return;
	}
	for (size_t i = 0; i < b->n; i++) {
		if (b->info[i].doc != d || !kind_is(b, i, ARGRAPH_NODE_CITATION))
			continue;
		int resolved = b->info[i].work != ARGRAPH_NONE;
		size_t claim = b->info[i].claim;
		const char *sidx = claim != ARGRAPH_NONE ? attr(b, claim, "sentence") : NULL;
		const argraph_prov *p = argraph_node_get_prov(nd(b, i));
		order[k].rank = resolved ? 2 : attr(b, i, "doubt") ? 1 : 0;
		order[k].sentence = sidx ? strtol(sidx, NULL, 10) : -1;
		order[k].begin = p ? p->begin : 0;
		order[k].node = i;
		k++;
	}
	qsort(order, k, sizeof *order, cit_cmp);
	doc->first_citation = b->a->cits.len;
	for (size_t j = 0; j < k && b->st == ARGRAPH_OK; j++) {
		size_t i = order[j].node;
		argraph_audit_citation *c = PUSH(b->a->cits);
		if (!c) {
			b->st = ARGRAPH_ENOMEM;
			break;
		}
		size_t w = b->info[i].work, claim = b->info[i].claim;
		c->document = d;
		c->id = copy(b, argraph_node_get_id(nd(b, i)));
		c->marker = copy(b, attr(b, i, "marker") ? attr(b, i, "marker") : argraph_node_get_label(nd(b, i), NULL));
		c->item = copy(b, attr(b, i, "item"));
		c->form = copy(b, attr(b, i, "form"));
		c->target = copy(b, attr(b, i, "target"));
		c->stance = copy(b, attr(b, i, "stance"));
		c->resolved = w != ARGRAPH_NONE;
		c->resolved_by = copy(b, attr(b, i, "resolved_by"));
		c->doubt = c->resolved ? NULL : copy(b, attr(b, i, "doubt"));
		if (w != ARGRAPH_NONE) {
			c->work = copy(b, argraph_node_get_id(nd(b, w)));
			c->work_label = copy(b, argraph_node_get_label(nd(b, w), NULL));
		}
		if (claim != ARGRAPH_NONE) {
			c->claim = copy(b, argraph_node_get_id(nd(b, claim)));
			c->sentence = copy(b, attr(b, claim, "text"));
		}
		const char *file;
		prov_of(b, i, &file, &c->line);
		c->file = copy(b, file);
		doc->summary.citations++;
		if (c->resolved)
			doc->summary.resolved++;
		else {
			doc->summary.dangling++;
			if (c->doubt)
				doc->summary.doubtful++;
		}
	}
	doc->citation_count = b->a->cits.len - doc->first_citation;
	free(order);
}

static void add_entries(builder *b, size_t d)
{
	argraph_audit_document *doc = &b->a->docs.items[d];
	doc->first_entry = b->a->entries.len;
	for (size_t i = 0; i < b->n && b->st == ARGRAPH_OK; i++) {
		if (b->info[i].doc != d || !kind_is(b, i, ARGRAPH_NODE_WORK) || !attr_is(b, i, "listed", "true"))
			continue;
		argraph_audit_entry *e = PUSH(b->a->entries);
		if (!e) {
			b->st = ARGRAPH_ENOMEM;
			break;
		}
		e->document = d;
		e->id = copy(b, argraph_node_get_id(nd(b, i)));
		e->bibl = copy(b, attr(b, i, "bibl"));
		e->label = copy(b, argraph_node_get_label(nd(b, i), NULL));
		e->cited = b->info[i].cites;
		const char *file;
		prov_of(b, i, &file, &e->line);
		e->file = copy(b, file);
		doc->summary.entries++;
		if (!e->cited)
			doc->summary.uncited_entries++;
	}
	doc->entry_count = b->a->entries.len - doc->first_entry;
}

static argraph_audit_stance combine(int endorse, int contest)
{
	return endorse && contest ? ARGRAPH_AUDIT_MIXED
	     : contest ? ARGRAPH_AUDIT_CONTESTS
	     : endorse ? ARGRAPH_AUDIT_ENDORSES : ARGRAPH_AUDIT_MENTIONS;
}

/* The stances of the citations of `claim` that resolve to works whose
 * first author is `person` (person NONE: any citation of the claim). */
static void citation_stances(const builder *b, size_t claim, size_t person, int *endorse, int *contest)
{
	for (size_t k = 0; k < b->info[claim].cites; k++) {
		size_t c = b->cite_list[b->info[claim].first_cite + k], w;
		if (person != ARGRAPH_NONE
		    && ((w = b->info[c].work) == ARGRAPH_NONE || b->info[w].first_author != person))
			continue;
		if (attr_is(b, c, "stance", "supports"))
			*endorse = 1;
		else if (attr_is(b, c, "stance", "contrasts"))
			*contest = 1;
	}
}

static int edge_cmp(const void *x, const void *y)
{
	const size_t *a = x, *b = y; /* pairs: source, edge */
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

static void add_authors(builder *b, size_t d)
{
	argraph_audit_document *doc = &b->a->docs.items[d];
	const argraph_graph *g = b->g;
	size_t ne = argraph_graph_edge_count(g), na = 0;
	/* per person: citations of their works (as first author), and the
	 * stances those citations take; asserts edges grouped by person */
	size_t *cited = calloc(b->n ? b->n : 1, sizeof *cited);
	unsigned char *cstance = calloc(b->n ? b->n : 1, 1);
	size_t *asserts = malloc((ne ? ne : 1) * 2 * sizeof *asserts);
	if (!cited || !cstance || !asserts) {
		b->st = ARGRAPH_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < b->n; i++) {
		size_t w = kind_is(b, i, ARGRAPH_NODE_CITATION) ? b->info[i].work : ARGRAPH_NONE;
		size_t fa = w != ARGRAPH_NONE ? b->info[w].first_author : ARGRAPH_NONE;
		if (fa == ARGRAPH_NONE)
			continue;
		cited[fa]++;
		cstance[fa] |= attr_is(b, i, "stance", "supports") ? 1 : attr_is(b, i, "stance", "contrasts") ? 2 : 0;
	}
	for (size_t i = 0; i < ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		size_t s = argraph_edge_get_source(e);
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_ASSERTS && b->info[s].doc == d
		    && kind_is(b, s, ARGRAPH_NODE_PERSON) && sentence_claim(b, argraph_edge_get_target(e))) {
			asserts[2 * na] = s;
			asserts[2 * na + 1] = i;
			na++;
		}
	}
	qsort(asserts, na, 2 * sizeof *asserts, edge_cmp);
	doc->first_author = b->a->authors.len;
	for (size_t p = 0, q = 0; p < b->n && b->st == ARGRAPH_OK; p++) {
		while (q < na && asserts[2 * q] < p)
			q++;
		if (b->info[p].doc != d || !kind_is(b, p, ARGRAPH_NODE_PERSON) || (!b->info[p].asserts && !cited[p]))
			continue;
		size_t ai = b->a->authors.len;
		argraph_audit_author *au = PUSH(b->a->authors);
		if (!au) {
			b->st = ARGRAPH_ENOMEM;
			break;
		}
		au->document = d;
		au->id = copy(b, argraph_node_get_id(nd(b, p)));
		au->name = copy(b, argraph_node_get_label(nd(b, p), NULL));
		au->citations = cited[p];
		au->first_claim = b->a->attrs.len;
		int endorse = (cstance[p] & 1) != 0, contest = (cstance[p] & 2) != 0;
		for (; q < na && asserts[2 * q] == p && b->st == ARGRAPH_OK; q++) {
			const argraph_edge *e = argraph_graph_edge_at(g, asserts[2 * q + 1]);
			size_t c = argraph_edge_get_target(e);
			const char *basis = argraph_edge_get_attr(e, "basis");
			const char *estance = argraph_edge_get_attr(e, "stance");
			int by_citation = basis && strcmp(basis, "citation") == 0;
			int agreed = estance && strcmp(estance, "endorsed") == 0;
			int en = b->info[c].supported || agreed, co = b->info[c].attacked;
			int cen = 0, cco = 0;
			citation_stances(b, c, by_citation ? p : ARGRAPH_NONE, &cen, &cco);
			if (by_citation)
				en |= cen; /* cited in the paper's own voice: cited in support */
			co |= cco;
			argraph_audit_attribution *at = PUSH(b->a->attrs);
			if (!at) {
				b->st = ARGRAPH_ENOMEM;
				break;
			}
			at->author = ai;
			at->claim = copy(b, argraph_node_get_id(nd(b, c)));
			at->sentence = copy(b, attr(b, c, "text"));
			at->stance = combine(en, co);
			at->basis = basis ? copy(b, basis) : agreed ? "agreement" : "report";
			at->rule = copy(b, argraph_edge_get_rule(e));
			const char *file;
			prov_of(b, c, &file, &at->line);
			at->file = copy(b, file);
			endorse |= en;
			contest |= co;
		}
		au = &b->a->authors.items[ai];
		au->claim_count = b->a->attrs.len - au->first_claim;
		au->stance = combine(endorse, contest);
		doc->summary.authors++;
	}
	doc->author_count = b->a->authors.len - doc->first_author;
done:
	free(cited);
	free(cstance);
	free(asserts);
}

static void add_claims(builder *b, size_t d)
{
	argraph_audit_document *doc = &b->a->docs.items[d];
	/* paragraphs with a citation anywhere in them */
	for (size_t i = 0; i < b->n && b->st == ARGRAPH_OK; i++) {
		if (b->info[i].doc != d || !sentence_claim(b, i))
			continue;
		doc->summary.claims++;
		if (b->info[i].cites) {
			doc->summary.cited_claims++;
			const char *key = paragraph_key(b, i);
			if (key && strmap_put(&b->paragraphs, key, 1) < 0)
				b->st = ARGRAPH_ENOMEM;
		}
	}
	doc->first_unsupported = b->a->unsup.len;
	strbuf facts = {0};
	for (size_t i = 0; i < b->n && b->st == ARGRAPH_OK; i++) {
		if (b->info[i].doc != d || !sentence_claim(b, i) || attr_is(b, i, "voice", "attributed"))
			continue;
		const char *fact = attr(b, i, "fact");
		int causal = attr_is(b, i, "causal", "true");
		if (!fact && !causal)
			continue;
		doc->summary.factual_claims++;
		if (b->info[i].cites)
			continue;
		const char *key = paragraph_key(b, i);
		if (key && strmap_get(&b->paragraphs, key) != ARGRAPH_NONE)
			continue;
		strbuf_reset(&facts);
		if (fact)
			strbuf_puts(&facts, fact);
		if (causal)
			strbuf_puts(&facts, fact ? ",causal" : "causal");
		argraph_audit_unsupported *u = PUSH(b->a->unsup);
		if (!u || facts.failed) {
			b->st = ARGRAPH_ENOMEM;
			break;
		}
		u->document = d;
		u->claim = copy(b, argraph_node_get_id(nd(b, i)));
		u->sentence = copy(b, attr(b, i, "text"));
		u->facts = copy(b, strbuf_cstr(&facts));
		u->fact_text = copy(b, attr(b, i, "fact_text"));
		u->role = copy(b, attr(b, i, "role"));
		u->certainty = copy(b, attr(b, i, "certainty"));
		if (b->info[i].section != ARGRAPH_NONE)
			u->section = copy(b, argraph_node_get_label(nd(b, b->info[i].section), NULL));
		const char *file;
		prov_of(b, i, &file, &u->line);
		u->file = copy(b, file);
		doc->summary.uncited_factual_claims++;
	}
	strbuf_release(&facts);
	doc->unsupported_count = b->a->unsup.len - doc->first_unsupported;
}

argraph_status argraph_audit_add_graph(argraph_audit *a, const argraph_graph *g)
{
	builder b = {0};
	size_t first_doc = a->docs.len;
	size_t lens[6] = {a->docs.len, a->cits.len, a->entries.len, a->authors.len, a->attrs.len, a->unsup.len};
	b.a = a;
	b.g = g;
	b.n = argraph_graph_node_count(g);
	arena_init(&b.scratch);
	for (size_t i = 0; i < b.n && b.st == ARGRAPH_OK; i++) {
		const argraph_node *n = argraph_graph_node_at(g, i);
		if (argraph_node_get_kind(n) != ARGRAPH_NODE_DOCUMENT)
			continue;
		argraph_audit_document *d = PUSH(a->docs);
		if (!d) {
			b.st = ARGRAPH_ENOMEM;
			break;
		}
		d->key = copy(&b, argraph_node_get_id(n));
		d->file = copy(&b, argraph_node_get_attr(n, "file"));
		d->title = copy(&b, argraph_node_get_attr(n, "title"));
	}
	if (b.st == ARGRAPH_OK && a->docs.len == first_doc)
		b.st = ARGRAPH_EINVALID;
	if (b.st == ARGRAPH_OK && !(b.info = calloc(b.n ? b.n : 1, sizeof *b.info)))
		b.st = ARGRAPH_ENOMEM;
	if (b.st == ARGRAPH_OK)
		assign_documents(&b, first_doc);
	if (b.st == ARGRAPH_OK)
		index_edges(&b);
	for (size_t d = first_doc; d < a->docs.len && b.st == ARGRAPH_OK; d++) {
		add_citations(&b, d);
		if (b.st == ARGRAPH_OK)
			add_entries(&b, d);
		if (b.st == ARGRAPH_OK)
			add_authors(&b, d);
		if (b.st == ARGRAPH_OK)
			add_claims(&b, d);
	}
	if (b.st != ARGRAPH_OK) {
		/* as before the call (strings stay in the arena until the end) */
		a->docs.len = lens[0];
		a->cits.len = lens[1];
		a->entries.len = lens[2];
		a->authors.len = lens[3];
		a->attrs.len = lens[4];
		a->unsup.len = lens[5];
	}
	free(b.info);
	free(b.cite_list);
	strmap_release(&b.paragraphs);
	arena_release(&b.scratch);
	return b.st;
}

/* ---- accessors ---- */

#define ACCESSORS(name, type, field) \
	size_t argraph_audit_##name##_count(const argraph_audit *a) { return a ? a->field.len : 0; } \
	const type *argraph_audit_##name##_at(const argraph_audit *a, size_t i) \
	{ return a && i < a->field.len ? &a->field.items[i] : NULL; }

ACCESSORS(document, argraph_audit_document, docs)
ACCESSORS(citation, argraph_audit_citation, cits)
ACCESSORS(entry, argraph_audit_entry, entries)
ACCESSORS(author, argraph_audit_author, authors)
ACCESSORS(attribution, argraph_audit_attribution, attrs)
ACCESSORS(unsupported, argraph_audit_unsupported, unsup)

argraph_audit_summary argraph_audit_get_summary(const argraph_audit *a)
{
	argraph_audit_summary t = {0};
	for (size_t i = 0; a && i < a->docs.len; i++) {
		const argraph_audit_summary *s = &a->docs.items[i].summary;
		t.claims += s->claims;
		t.cited_claims += s->cited_claims;
		t.factual_claims += s->factual_claims;
		t.uncited_factual_claims += s->uncited_factual_claims;
		t.citations += s->citations;
		t.resolved += s->resolved;
		t.dangling += s->dangling;
		t.doubtful += s->doubtful;
		t.entries += s->entries;
		t.uncited_entries += s->uncited_entries;
		t.authors += s->authors;
	}
	return t;
}

/* ---- formats ---- */

static const char *const format_names[] = {
	[ARGRAPH_AUDIT_TEXT] = "text",
	[ARGRAPH_AUDIT_JSON] = "json",
	[ARGRAPH_AUDIT_MARKDOWN] = "md",
};

const char *argraph_audit_format_name(argraph_audit_format f)
{
	return (unsigned)f < sizeof format_names / sizeof *format_names ? format_names[f] : NULL;
}

int argraph_audit_format_from_name(const char *name, argraph_audit_format *out)
{
	for (unsigned f = 0; name && f < sizeof format_names / sizeof *format_names; f++)
		if (strcmp(name, format_names[f]) == 0) {
			*out = (argraph_audit_format)f;
			return 1;
		}
	if (name && strcmp(name, "markdown") == 0) {
		*out = ARGRAPH_AUDIT_MARKDOWN;
		return 1;
	}
	return 0;
}

argraph_status argraph_audit_render(char **out, const argraph_audit *a, argraph_audit_format format)
{
	*out = NULL;
	if (!a)
		return ARGRAPH_EINVALID;
	if (format == ARGRAPH_AUDIT_JSON)
		return argraph_audit__render_json(out, a);
	if (format != ARGRAPH_AUDIT_TEXT && format != ARGRAPH_AUDIT_MARKDOWN)
		return ARGRAPH_EINVALID;
	strbuf s = {0};
	argraph_status st = argraph_audit__render_text(&s, a, format == ARGRAPH_AUDIT_MARKDOWN);
	if (st == ARGRAPH_OK && s.failed)
		st = ARGRAPH_ENOMEM;
	if (st != ARGRAPH_OK) {
		strbuf_release(&s);
		return st;
	}
	if (!s.len)
		strbuf_puts(&s, "");
	*out = strbuf_detach(&s);
	return *out ? ARGRAPH_OK : ARGRAPH_ENOMEM;
}
