/* SPDX-License-Identifier: MIT */
/*
 * rules_extract.c — the rule-driven pass of extraction. For each sentence
 * of running text it collects every rule match once, then reads them:
 *
 *   thesis            → the claim is the paper's own (document asserts it)
 *   report/prediction → the claim is someone else's; the persons named in
 *                       the asserter span (persName, a citation, a known
 *                       name from listPerson) assert it and become cited
 *                       authors
 *   hedge             → certainty "hedged"
 *   contrast          → the author's sentence attacks the attributed claims
 *                       of the last few sentences (or, in the same sentence,
 *                       a counter-claim node for the clause after the cue)
 *   agreement         → the author's sentence supports them
 *   cause             → factor → factor edges, lists split, factors named by
 *                       <term ref> where the markup says what they are
 *   citation          → author-year citations in plain text; and unlinked
 *                       author-year <ref>s resolved by surname and year
 *   fact              → the claim states a checkable fact (with <date>
 *                       markup): attributes fact, fact_text, fact_by
 *
 * Nothing here knows any particular text: the cues are data (rules/).
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "argraph/rules.h"
#include "../graph/graph_internal.h"
#include "../rules/rules_scratch.h"
#include "../util/strbuf.h"
#include "../util/utf8.h"
#include "context.h"
#include "extract_internal.h"

/* How many sentences back a contrast or agreement cue reaches. */
#define STANCE_WINDOW 3
#define MAX_ITEMS 16

typedef struct recent_claim {
	size_t node;
	size_t sentence; /* global sentence index */
} recent_claim;

typedef struct rx {
	argraph_extract_ctx xc; /* graph, doc, key, first error, words (context.h) */
	const argraph_ruleset *rs;
	strbuf text; /* a span's text for a label or attribute, reused so that
	                copying one costs no malloc */
	size_t doc_node;
	/* matches of the current sentence */
	argraph_rule_match *m;
	size_t m_len, m_cap;
	/* attributed claims not yet answered */
	recent_claim recent[8];
	size_t n_recent;
	size_t text_citations;
	argraph_rules__scratch *scratch; /* match data for every call here */
} rx;

/* The n bytes at t as a C string in x->text (valid until the next call),
 * or NULL when out of memory. */
static const char *span_text(rx *x, const char *t, size_t n)
{
	strbuf_reset(&x->text);
	strbuf_append(&x->text, t, n);
	return x->text.failed ? NULL : strbuf_cstr(&x->text);
}

/* The graph's copy of the rule's id (few ids, set on many nodes and
 * edges), or NULL: no rule, or out of memory (recorded). */
static const char *rule_id(rx *x, const argraph_rule *rule)
{
	if (!rule)
		return NULL;
	const char *id = argraph_graph__intern(x->xc.g, argraph_rule_get_id(rule));
	if (!id)
		argraph_extract__check(&x->xc, ARGRAPH_ENOMEM);
	return id;
}

/* Attribute `name` of node n := the rule's id. */
static void set_rule_attr(rx *x, size_t n, argraph_extract_word name, const argraph_rule *rule)
{
	argraph_extract__set_attr_own(&x->xc, n, name, rule_id(x, rule));
}

/* How add_edge passes the provenance: copied, or the claim's own
 * (sent.prov, read from the graph) that the graph takes as it is,
 * without copying or comparing. */
typedef enum { PROV_COPY, PROV_GRAPHS_OWN } prov_use;

/* An edge from `from` to `to` with the rule's id (or none), unless
 * either end is NONE or both are the same node. */
static size_t add_edge(rx *x, argraph_edge_kind k, size_t from, size_t to,
	const argraph_rule *rule, const argraph_prov *p, prov_use use)
{
	if (from == ARGRAPH_NONE || to == ARGRAPH_NONE || from == to)
		return ARGRAPH_NONE;
	const char *irule = rule_id(x, rule);
	if (rule && !irule)
		return ARGRAPH_NONE;
	size_t e = ARGRAPH_NONE;
	argraph_extract__check(&x->xc, use == PROV_GRAPHS_OWN
		? argraph_graph__add_edge_own(x->xc.g, k, from, to, irule, p, &e)
		: argraph_graph_add_edge(x->xc.g, k, from, to, irule, p, &e));
	return e;
}

/* Neighbourhood walks cost a node's degree, not the graph's size. */
static size_t out_count(rx *x, size_t node) { return argraph_graph_out_degree(x->xc.g, node); }
static const argraph_edge *out_edge(rx *x, size_t node, size_t i)
{
	return argraph_graph_edge_at(x->xc.g, argraph_graph_out_edge_at(x->xc.g, node, i));
}
static size_t in_count(rx *x, size_t node) { return argraph_graph_in_degree(x->xc.g, node); }
static const argraph_edge *in_edge(rx *x, size_t node, size_t i)
{
	return argraph_graph_edge_at(x->xc.g, argraph_graph_in_edge_at(x->xc.g, node, i));
}

/* The first author of the work a citation resolves to, or NONE. */
static size_t first_author_of_citation(rx *x, size_t cit)
{
	for (size_t j = 0; j < out_count(x, cit); j++) {
		const argraph_edge *re = out_edge(x, cit, j);
		if (argraph_edge_get_kind(re) != ARGRAPH_EDGE_RESOLVES_TO)
			continue;
		size_t work = argraph_edge_get_target(re);
		for (size_t k = 0; k < in_count(x, work); k++) {
			const argraph_edge *ae = in_edge(x, work, k);
			if (argraph_edge_get_kind(ae) == ARGRAPH_EDGE_AUTHORED)
				return argraph_edge_get_source(ae); /* the first author speaks for the work */
		}
	}
	return ARGRAPH_NONE;
}

static int collect(void *user, const argraph_rule_match *m)
{
	rx *x = user;
	if (x->m_len == x->m_cap) {
		size_t cap = x->m_cap ? x->m_cap * 2 : 16;
		argraph_rule_match *n = realloc(x->m, cap * sizeof *n);
		if (!n) {
			x->xc.st = ARGRAPH_ENOMEM;
			return 1;
		}
		x->m = n;
		x->m_cap = cap;
	}
	x->m[x->m_len++] = *m;
	return 0;
}

static const argraph_rule_span *role_span(const argraph_rule_match *m, const char *role)
{
	for (size_t i = 0; i < m->span_count; i++)
		if (m->spans[i].role && strcmp(m->spans[i].role, role) == 0)
			return &m->spans[i];
	return NULL;
}

static int overlaps(size_t b1, size_t e1, size_t b2, size_t e2)
{
	return b1 < e2 && b2 < e1;
}

/* ---- the sentence being read ---- */

typedef struct sent {
	const argraph_block *block;
	const argraph_sentence *s;
	size_t index;   /* global sentence index */
	size_t claim;   /* node */
	const char *lang;
	argraph_prov prov;
} sent;

static argraph_prov span_prov(const sent *st, size_t b, size_t e)
{
	argraph_prov p = st->prov;
	/* b, e are bytes in the sentence; provenance counts characters of the
	 * paragraph */
	p.begin = st->prov.begin + utf8_count(st->s->text, b);
	p.end = st->prov.begin + utf8_count(st->s->text, e);
	return p;
}

/* inlines of the sentence inside [b, e) of the sentence text */
#define FOR_INLINES_IN(x, st, b, e, in) \
	for (size_t i_ = 0; i_ < (st)->s->inline_count; i_++) \
		if (((in) = argraph_doc_inline_at((x)->xc.doc, (st)->s->first_inline + i_)) \
		    && (in)->begin >= (st)->s->begin + (b) && (in)->begin < (st)->s->begin + (e))

/* ---- persons ---- */

static size_t person_node_for_authority(rx *x, const argraph_authority *a)
{
	return argraph_graph_find_node(x->xc.g, argraph_extract__local_id(&x->xc, a->id));
}

static int contains_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	if (!k || k > n)
		return 0;
	for (size_t i = 0; i + k <= n; i++) {
		size_t j = 0;
		while (j < k && tolower((unsigned char)hay[i + j]) == tolower((unsigned char)needle[j]))
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

/* The last space-separated word of a Latin name ("John Smith" →
 * "Smith"), used to find surname-only mentions. */
static const char *surname_of(const char *name)
{
	const char *sp = strrchr(name, ' ');
	return sp ? sp + 1 : name;
}

/* Persons named in [b, e) of the sentence: persName markup, the authors of
 * citations there, else listPerson names found in the text. */
static size_t persons_in_span(rx *x, const sent *st, size_t b, size_t e, size_t *out, size_t max)
{
	size_t n = 0;
	const argraph_inline *in;
	FOR_INLINES_IN(x, st, b, e, in) {
		if (n >= max)
			break;
		size_t p = ARGRAPH_NONE;
		if (in->kind == ARGRAPH_INLINE_PERSON) {
			const argraph_authority *a = in->key ? argraph_doc_find_authority(x->xc.doc, in->key) : NULL;
			if (a)
				p = person_node_for_authority(x, a);
			else {
				argraph_extract__person_id(&x->xc.id, x->xc.key, in->text);
				p = argraph_graph_find_node(x->xc.g, strbuf_cstr(&x->xc.id));
			}
		}
		if (p != ARGRAPH_NONE && argraph_node_get_kind(argraph_graph_node_at(x->xc.g, p)) == ARGRAPH_NODE_PERSON)
			out[n++] = p;
	}
	if (n)
		return n;
	/* citations in the span: their works' authors */
	for (size_t ei = 0; ei < out_count(x, st->claim) && n < max; ei++) {
		const argraph_edge *ce = out_edge(x, st->claim, ei);
		if (argraph_edge_get_kind(ce) != ARGRAPH_EDGE_CITES)
			continue;
		const argraph_prov *cp = argraph_edge_get_prov(ce);
		size_t cb = cp->begin, sb = st->prov.begin;
		if (cb < sb + utf8_count(st->s->text, b) || cb >= sb + utf8_count(st->s->text, e))
			continue;
		size_t author = first_author_of_citation(x, argraph_edge_get_target(ce));
		if (author != ARGRAPH_NONE)
			out[n++] = author;
	}
	if (n)
		return n;
	/* names from listPerson, in any language, or a Latin surname */
	const char *t = st->s->text + b;
	size_t len = e - b;
	for (size_t i = 0; i < argraph_doc_authority_count(x->xc.doc) && n < max; i++) {
		const argraph_authority *a = argraph_doc_authority_at(x->xc.doc, i);
		if (a->kind != ARGRAPH_AUTH_PERSON)
			continue;
		for (size_t k = 0; k < a->name_count; k++) {
			const char *nm = argraph_doc_name_at(x->xc.doc, a->first_name + k)->text;
			if (contains_ci(t, len, nm) || (strchr(nm, ' ') && contains_ci(t, len, surname_of(nm)))) {
				size_t p = person_node_for_authority(x, a);
				if (p != ARGRAPH_NONE)
					out[n++] = p;
				break;
			}
		}
	}
	return n;
}

static void make_cited_author(rx *x, size_t person)
{
	argraph_extract__set_word(&x->xc, person, W_ROLE, W_CITED_AUTHOR);
}

/* ---- factors ---- */

/* Lower-cased ASCII letters and digits and all non-ASCII bytes as they
 * are; runs of other ASCII bytes become one '-', none at the ends. The
 * key is never longer than the text, so it is written in place. */
static void normalise_key(strbuf *out, const char *t, size_t n)
{
	char *d = strbuf_grow(out, n);
	if (!d)
		return;
	size_t start = out->len, w = start;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch < 0x80 && !isalnum(ch)) {
			if (w > start && d[w - 1] != '-')
				d[w++] = '-';
		} else {
			d[w++] = ch < 0x80 ? (char)tolower(ch) : (char)ch;
		}
	}
	while (w > start && d[w - 1] == '-')
		w--;
	out->len = w;
	d[w] = '\0';
}

/* The taxonomy category whose <term> covers most of [b, e) (sentence
 * bytes), if it covers at least half of the shorter of the two. */
static const argraph_authority *term_for_span(rx *x, const sent *st, size_t b, size_t e)
{
	const argraph_authority *best = NULL;
	size_t best_ov = 0;
	for (size_t i = 0; i < st->s->inline_count; i++) {
		const argraph_inline *in = argraph_doc_inline_at(x->xc.doc, st->s->first_inline + i);
		if (in->kind != ARGRAPH_INLINE_TERM || !in->key)
			continue;
		const argraph_authority *a = argraph_doc_find_authority(x->xc.doc, in->key);
		if (!a || a->kind != ARGRAPH_AUTH_CATEGORY)
			continue;
		size_t tb = in->begin - st->s->begin, te = in->end - st->s->begin;
		if (in->begin < st->s->begin || !overlaps(b, e, tb, te))
			continue;
		size_t ob = b > tb ? b : tb, oe = e < te ? e : te, ov = oe - ob;
		size_t shorter = (e - b) < (te - tb) ? (e - b) : (te - tb);
		if (ov * 2 >= shorter && ov > best_ov) {
			best = a;
			best_ov = ov;
		}
	}
	return best;
}

static size_t factor_for_category(rx *x, const argraph_authority *a)
{
	return argraph_extract__category_factor(&x->xc, a, argraph_doc_get_file(x->xc.doc));
}

static size_t factor_for_span(rx *x, const sent *st, size_t b, size_t e)
{
	argraph_rules__trim_s(x->rs, st->lang, st->s->text, &b, &e, x->scratch);
	if (b >= e)
		return ARGRAPH_NONE;
	const argraph_authority *a = term_for_span(x, st, b, e);
	if (a)
		return factor_for_category(x, a);
	argraph_extract__local_id(&x->xc, "factor.");
	size_t before = x->xc.id.len;
	normalise_key(&x->xc.id, st->s->text + b, e - b);
	if (x->xc.id.failed) {
		argraph_extract__check(&x->xc, ARGRAPH_ENOMEM);
		return ARGRAPH_NONE;
	}
	if (x->xc.id.len == before)
		return ARGRAPH_NONE;
	argraph_prov p = span_prov(st, b, e);
	const char *label = span_text(x, st->s->text + b, e - b);
	p.text = label;
	size_t f = argraph_extract__node_at_id(&x->xc, ARGRAPH_NODE_FACTOR, &p);
	if (f != ARGRAPH_NONE && label && !argraph_node_label_count(argraph_graph_node_at(x->xc.g, f)))
		argraph_extract__check(&x->xc, argraph_graph_set_label(x->xc.g, f, st->lang, label));
	return f;
}

static size_t items_of(rx *x, const sent *st, const argraph_rule_match *m, const argraph_rule_span *sp,
	argraph_rule_span *items)
{
	if (argraph_rule_role_is_list(m->rule, sp->role)) {
		size_t n = argraph_rules__split_s(x->rs, st->lang, st->s->text + sp->begin,
			sp->end - sp->begin, items, MAX_ITEMS, x->scratch);
		for (size_t i = 0; i < n; i++) {
			items[i].begin += sp->begin;
			items[i].end += sp->begin;
		}
		return n;
	}
	items[0] = *sp;
	return 1;
}

static void causal_match(rx *x, const sent *st, const argraph_rule_match *m)
{
	const argraph_rule_span *cs = role_span(m, "cause"), *es = role_span(m, "effect");
	if (!cs || !es)
		return;
	argraph_rule_span causes[MAX_ITEMS], effects[MAX_ITEMS];
	size_t nc = items_of(x, st, m, cs, causes), ne = items_of(x, st, m, es, effects);
	argraph_prov p = st->prov; /* the evidence is the whole sentence */
	/* Each cause's factor is worked out once, when the first effect with a
	 * factor needs it: that is when the per-effect loop first made the
	 * cause nodes, so nodes keep their order; later calls only found them
	 * again. */
	size_t cfs[MAX_ITEMS];
	int have_cfs = 0;
	for (size_t j = 0; j < ne; j++) {
		size_t ef = factor_for_span(x, st, effects[j].begin, effects[j].end);
		if (ef == ARGRAPH_NONE)
			continue;
		if (!have_cfs) {
			for (size_t i = 0; i < nc; i++)
				cfs[i] = factor_for_span(x, st, causes[i].begin, causes[i].end);
			have_cfs = 1;
		}
		for (size_t i = 0; i < nc; i++) {
			size_t cf = cfs[i];
			if (cf == ARGRAPH_NONE || cf == ef)
				continue;
			/* markup wins: a pair the linkGrp gave is not repeated */
			size_t have = argraph_graph_find_edge(x->xc.g, ARGRAPH_EDGE_CAUSES, cf, ef);
			if (have != ARGRAPH_NONE && !argraph_edge_get_rule(argraph_graph_edge_at(x->xc.g, have)))
				continue;
			size_t e = add_edge(x, ARGRAPH_EDGE_CAUSES, cf, ef, m->rule, &p, PROV_GRAPHS_OWN);
			if (e != ARGRAPH_NONE)
				argraph_extract__check(&x->xc, argraph_graph_set_edge_attr(x->xc.g, e, "claim",
					argraph_node_get_id(argraph_graph_node_at(x->xc.g, st->claim))));
			if (argraph_graph_find_edge(x->xc.g, ARGRAPH_EDGE_MENTIONS, st->claim, cf) == ARGRAPH_NONE)
				add_edge(x, ARGRAPH_EDGE_MENTIONS, st->claim, cf, NULL, &p, PROV_GRAPHS_OWN);
		}
		if (argraph_graph_find_edge(x->xc.g, ARGRAPH_EDGE_MENTIONS, st->claim, ef) == ARGRAPH_NONE)
			add_edge(x, ARGRAPH_EDGE_MENTIONS, st->claim, ef, NULL, &p, PROV_GRAPHS_OWN);
	}
	argraph_extract__set_word(&x->xc, st->claim, W_CAUSAL, W_TRUE);
}

/* ---- citations ---- */

static size_t work_node(rx *x, size_t entry)
{
	argraph_extract__work_id(&x->xc.id, x->xc.key, x->xc.doc, entry);
	return argraph_graph_find_node(x->xc.g, strbuf_cstr(&x->xc.id));
}

/* Resolve an unlinked author-year <ref> by what its text says. */
static void resolve_marker(rx *x, const sent *st, size_t cit)
{
	const char *marker = argraph_extract__get_attr(&x->xc, cit, W_MARKER);
	if (!marker)
		return;
	size_t m0 = x->m_len;
	argraph_extract__check(&x->xc, argraph_rules__match_s(x->rs, ARGRAPH_RULE_CITATION, NULL,
		marker, strlen(marker), collect, x, x->scratch));
	for (size_t i = m0; i < x->m_len; i++) {
		const argraph_rule_span *au = role_span(&x->m[i], "author"), *yr = role_span(&x->m[i], "year");
		if (!au || !yr)
			continue;
		size_t entry = argraph_extract__find_entry_in(&x->xc, marker + au->begin,
			au->end - au->begin, marker + yr->begin, yr->end - yr->begin);
		size_t w = entry != ARGRAPH_NONE ? work_node(x, entry) : ARGRAPH_NONE;
		if (w != ARGRAPH_NONE) {
			argraph_prov p = st->prov;
			add_edge(x, ARGRAPH_EDGE_RESOLVES_TO, cit, w, x->m[i].rule, &p, PROV_GRAPHS_OWN);
			argraph_extract__set_word(&x->xc, cit, W_STATUS, W_RESOLVED);
			set_rule_attr(x, cit, W_RESOLVED_BY, x->m[i].rule);
			break;
		}
	}
	x->m_len = m0;
}

/* An author-year citation found in plain text (no markup). */
static void text_citation(rx *x, const sent *st, const argraph_rule_match *m)
{
	/* markup already made a citation here */
	const argraph_inline *in;
	FOR_INLINES_IN(x, st, 0, st->s->end - st->s->begin, in) {
		size_t ib = in->begin - st->s->begin, ie = in->end - st->s->begin;
		if ((in->kind == ARGRAPH_INLINE_REF || in->kind == ARGRAPH_INLINE_BIBL) && overlaps(ib, ie, m->begin, m->end))
			return;
	}
	const argraph_rule_span *au = role_span(m, "author"), *yr = role_span(m, "year");
	const char *marker = span_text(x, st->s->text + m->begin, m->end - m->begin);
	if (!marker) {
		x->xc.st = ARGRAPH_ENOMEM;
		return;
	}
	argraph_prov p = span_prov(st, m->begin, m->end);
	p.text = marker;
	argraph_extract__local_id_n(&x->xc, "cit.t", ++x->text_citations);
	size_t cit = argraph_extract__node_at_id(&x->xc, ARGRAPH_NODE_CITATION, &p);
	if (cit == ARGRAPH_NONE)
		return;
	argraph_extract__check(&x->xc, argraph_graph_set_label(x->xc.g, cit, NULL, marker));
	argraph_extract__set_attr(&x->xc, cit, W_MARKER, marker);
	argraph_extract__set_word(&x->xc, cit, W_FORM, au && yr ? W_AUTHOR_YEAR : W_NUMERIC);
	set_rule_attr(x, cit, W_FOUND_BY, m->rule);
	add_edge(x, ARGRAPH_EDGE_CITES, st->claim, cit, m->rule, &p, PROV_COPY);
	size_t entry = au && yr ? argraph_extract__find_entry_in(&x->xc, st->s->text + au->begin,
		au->end - au->begin, st->s->text + yr->begin, yr->end - yr->begin) : ARGRAPH_NONE;
	size_t w = entry != ARGRAPH_NONE ? work_node(x, entry) : ARGRAPH_NONE;
	if (w != ARGRAPH_NONE) {
		argraph_extract__set_word(&x->xc, cit, W_STATUS, W_RESOLVED);
		add_edge(x, ARGRAPH_EDGE_RESOLVES_TO, cit, w, m->rule, &p, PROV_COPY);
	} else {
		argraph_extract__set_word(&x->xc, cit, W_STATUS, W_DANGLING);
		argraph_pos pos = {p.file, p.line, 0, p.xml_id};
		argraph_diags_add(x->xc.diags, ARGRAPH_SEV_WARNING, "citation.dangling", &pos,
			"citation %s matches no bibliography entry", marker);
	}
}

/* Citations of a claim: set their stance. */
static void set_citation_stance(rx *x, size_t claim, argraph_extract_word stance, int only_if_unset)
{
	for (size_t i = 0; i < out_count(x, claim); i++) {
		const argraph_edge *e = out_edge(x, claim, i);
		if (argraph_edge_get_kind(e) != ARGRAPH_EDGE_CITES)
			continue;
		size_t c = argraph_edge_get_target(e);
		if (argraph_node_get_kind(argraph_graph_node_at(x->xc.g, c)) != ARGRAPH_NODE_CITATION)
			continue;
		if (!only_if_unset || !argraph_extract__get_attr(&x->xc, c, W_STANCE))
			argraph_extract__set_word(&x->xc, c, W_STANCE, stance);
	}
}

/* ---- claims: who says it, and the author's stance ---- */

static size_t counter_claim(rx *x, const sent *st, size_t from_byte, const argraph_rule *rule)
{
	strbuf_reset(&x->xc.id);
	strbuf_printf(&x->xc.id, "%s.c", argraph_node_get_id(argraph_graph_node_at(x->xc.g, st->claim)));
	char *text = strdup(st->s->text + from_byte);
	if (!text) {
		x->xc.st = ARGRAPH_ENOMEM;
		return ARGRAPH_NONE;
	}
	argraph_prov p = span_prov(st, from_byte, strlen(st->s->text));
	p.text = text;
	size_t n = argraph_extract__node_at_id(&x->xc, ARGRAPH_NODE_CLAIM, &p);
	if (n != ARGRAPH_NONE) {
		argraph_extract__check(&x->xc, argraph_graph_set_label(x->xc.g, n, NULL, text));
		argraph_extract__set_attr(&x->xc, n, W_TEXT, text);
		argraph_extract__set_attr(&x->xc, n, W_LANG, st->lang);
		argraph_extract__set_word(&x->xc, n, W_ROLE, W_COUNTER_CLAIM);
		argraph_extract__set_word(&x->xc, n, W_VOICE, W_AUTHOR);
		/* in the same section as its sentence */
		for (size_t i = 0; i < out_count(x, st->claim); i++) {
			const argraph_edge *e = out_edge(x, st->claim, i);
			if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_IN) {
				add_edge(x, ARGRAPH_EDGE_IN, n, argraph_edge_get_target(e), NULL, &p, PROV_COPY);
				break;
			}
		}
		add_edge(x, ARGRAPH_EDGE_ATTACKS, n, st->claim, rule, &p, PROV_COPY);
	}
	free(text);
	return n;
}

static void answer_recent(rx *x, const sent *st, argraph_edge_kind k, const argraph_rule *rule)
{
	for (size_t i = 0; i < x->n_recent; i++) {
		if (st->index - x->recent[i].sentence > STANCE_WINDOW)
			continue;
		add_edge(x, k, st->claim, x->recent[i].node, rule, &st->prov, PROV_GRAPHS_OWN);
		set_citation_stance(x, x->recent[i].node, k == ARGRAPH_EDGE_ATTACKS ? W_CONTRASTS : W_SUPPORTS, 0);
	}
	x->n_recent = 0;
}

static void remember(rx *x, size_t claim, size_t sentence)
{
	if (x->n_recent == sizeof x->recent / sizeof *x->recent) {
		memmove(x->recent, x->recent + 1, (x->n_recent - 1) * sizeof *x->recent);
		x->n_recent--;
	}
	x->recent[x->n_recent].node = claim;
	x->recent[x->n_recent].sentence = sentence;
	x->n_recent++;
}

/* A sentence in the author's voice that cites an author-year source
 * credits that source's first author with what it says: the cited author
 * asserts the claim (basis "citation"), and is a cited author. */
static void credit_cited_authors(rx *x, const sent *st)
{
	for (size_t i = 0; i < out_count(x, st->claim); i++) {
		const argraph_edge *ce = out_edge(x, st->claim, i);
		if (argraph_edge_get_kind(ce) != ARGRAPH_EDGE_CITES)
			continue;
		size_t cit = argraph_edge_get_target(ce);
		const char *form = argraph_extract__get_attr(&x->xc, cit, W_FORM);
		if (!form || strcmp(form, "numeric") == 0)
			continue;
		size_t person = first_author_of_citation(x, cit);
		if (person == ARGRAPH_NONE)
			continue;
		if (argraph_graph_find_edge(x->xc.g, ARGRAPH_EDGE_ASSERTS, person, st->claim) == ARGRAPH_NONE) {
			size_t e = add_edge(x, ARGRAPH_EDGE_ASSERTS, person, st->claim, NULL, &st->prov, PROV_GRAPHS_OWN);
			if (e != ARGRAPH_NONE)
				argraph_extract__check(&x->xc,
					argraph_graph_set_edge_attr(x->xc.g, e, "basis", "citation"));
		}
		make_cited_author(x, person);
	}
}

/* ---- facts: what a reviewer could check ---- */

#define MAX_FACTS 32

typedef struct fact_item {
	size_t begin, end; /* sentence bytes */
	const char *type;  /* number, statistic, date, superlative, fact */
	const char *by;    /* rule id, or "markup" */
} fact_item;

static int fact_cmp(const void *a, const void *b)
{
	const fact_item *x = a, *y = b;
	return x->begin < y->begin ? -1 : x->begin > y->begin ? 1 : 0;
}

/* Does [b, e) of the sentence overlap a citation or a cross-reference
 * (ref, bibl markup, or a citation rule's match)? */
static int in_citation(rx *x, const sent *st, size_t b, size_t e)
{
	for (size_t i = 0; i < st->s->inline_count; i++) {
		const argraph_inline *in = argraph_doc_inline_at(x->xc.doc, st->s->first_inline + i);
		if (in->kind != ARGRAPH_INLINE_REF && in->kind != ARGRAPH_INLINE_BIBL)
			continue;
		if (in->begin < st->s->begin)
			continue;
		if (overlaps(b, e, in->begin - st->s->begin, in->end - st->s->begin))
			return 1;
	}
	for (size_t i = 0; i < x->m_len; i++)
		if (argraph_rule_get_kind(x->m[i].rule) == ARGRAPH_RULE_CITATION
		    && overlaps(b, e, x->m[i].begin, x->m[i].end))
			return 1;
	return 0;
}

/* Is this inline inside a citation (a date in a bibl, say)? */
static int inside_citation(rx *x, const argraph_inline *in)
{
	for (size_t p = in->parent, hops = 0; p != ARGRAPH_NONE && hops < 64; hops++) {
		const argraph_inline *up = argraph_doc_inline_at(x->xc.doc, p);
		if (up->kind == ARGRAPH_INLINE_REF || up->kind == ARGRAPH_INLINE_BIBL)
			return 1;
		p = up->parent;
	}
	return 0;
}

static void put_unique(strbuf *b, const char *sep, const char *t, size_t n)
{
	const char *have = strbuf_cstr(b);
	size_t sl = strlen(sep);
	for (const char *p = have; *p;) {
		const char *q = strstr(p, sep);
		size_t len = q ? (size_t)(q - p) : strlen(p);
		if (len == n && strncmp(p, t, n) == 0)
			return;
		p = q ? q + sl : p + len;
	}
	if (b->len)
		strbuf_puts(b, sep);
	strbuf_append(b, t, n);
}

/* Mark the claim with the checkable facts its sentence states: fact
 * (types, in order), fact_text (the spans), fact_by (rule ids, "markup"
 * for <date>). Matches inside citations do not count. */
static void mark_facts(rx *x, const sent *st)
{
	fact_item f[MAX_FACTS];
	size_t nf = 0;
	for (size_t i = 0; i < x->m_len && nf < MAX_FACTS; i++) {
		const argraph_rule_match *m = &x->m[i];
		if (argraph_rule_get_kind(m->rule) != ARGRAPH_RULE_FACT)
			continue;
		fact_item it = {m->begin, m->end, "fact", argraph_rule_get_id(m->rule)};
		for (size_t k = 0; k < m->span_count; k++)
			if (m->spans[k].role) {
				it.begin = m->spans[k].begin;
				it.end = m->spans[k].end;
				it.type = m->spans[k].role;
				break;
			}
		if (it.end > it.begin && !in_citation(x, st, it.begin, it.end))
			f[nf++] = it;
	}
	for (size_t i = 0; i < st->s->inline_count && nf < MAX_FACTS; i++) {
		const argraph_inline *in = argraph_doc_inline_at(x->xc.doc, st->s->first_inline + i);
		if (in->kind != ARGRAPH_INLINE_DATE || in->begin < st->s->begin || in->end > st->s->end
		    || in->end <= in->begin || inside_citation(x, in))
			continue;
		fact_item it = {in->begin - st->s->begin, in->end - st->s->begin, "date", "markup"};
		f[nf++] = it;
	}
	if (!nf)
		return;
	qsort(f, nf, sizeof *f, fact_cmp);
	strbuf types = {0}, texts = {0}, by = {0};
	for (size_t i = 0; i < nf; i++) {
		put_unique(&types, ",", f[i].type, strlen(f[i].type));
		put_unique(&texts, "; ", st->s->text + f[i].begin, f[i].end - f[i].begin);
		put_unique(&by, ",", f[i].by, strlen(f[i].by));
	}
	if (types.failed || texts.failed || by.failed)
		argraph_extract__check(&x->xc, ARGRAPH_ENOMEM);
	else {
		argraph_extract__set_attr(&x->xc, st->claim, W_FACT, types.data);
		argraph_extract__set_attr(&x->xc, st->claim, W_FACT_TEXT, texts.data);
		argraph_extract__set_attr(&x->xc, st->claim, W_FACT_BY, by.data);
	}
	strbuf_release(&types);
	strbuf_release(&texts);
	strbuf_release(&by);
}

static const argraph_rule_match *first_of(rx *x, argraph_rule_kind k)
{
	const argraph_rule_match *best = NULL;
	for (size_t i = 0; i < x->m_len; i++)
		if (argraph_rule_get_kind(x->m[i].rule) == k && (!best || x->m[i].begin < best->begin))
			best = &x->m[i];
	return best;
}

static void read_sentence(rx *x, const sent *st)
{
	x->m_len = 0;
	argraph_extract__check(&x->xc, argraph_rules__match_s(x->rs, ARGRAPH_RULE_NONE, st->lang, st->s->text,
		strlen(st->s->text), collect, x, x->scratch));
	if (x->xc.st != ARGRAPH_OK)
		return;
	const argraph_rule_match *thesis = first_of(x, ARGRAPH_RULE_THESIS);
	const argraph_rule_match *report = NULL;
	for (size_t i = 0; i < x->m_len; i++) {
		argraph_rule_kind k = argraph_rule_get_kind(x->m[i].rule);
		if ((k == ARGRAPH_RULE_REPORT || k == ARGRAPH_RULE_PREDICTION)
		    && !(thesis && overlaps(thesis->begin, thesis->end, x->m[i].begin, x->m[i].end))
		    && (!report || x->m[i].begin < report->begin
			|| (x->m[i].begin == report->begin && k == ARGRAPH_RULE_PREDICTION)))
			report = &x->m[i];
	}
	const argraph_rule_match *contrast = first_of(x, ARGRAPH_RULE_CONTRAST);
	const argraph_rule_match *agreement = first_of(x, ARGRAPH_RULE_AGREEMENT);
	const argraph_rule_match *hedge = first_of(x, ARGRAPH_RULE_HEDGE);

	argraph_extract__set_word(&x->xc, st->claim, W_CERTAINTY, hedge ? W_HEDGED : W_ASSERTED);
	if (hedge)
		set_rule_attr(x, st->claim, W_HEDGED_BY, hedge->rule);

	if (thesis) {
		argraph_extract__set_word(&x->xc, st->claim, W_ROLE, W_THESIS);
		argraph_extract__set_word(&x->xc, st->claim, W_VOICE, W_AUTHOR);
		add_edge(x, ARGRAPH_EDGE_ASSERTS, x->doc_node, st->claim, thesis->rule, &st->prov, PROV_GRAPHS_OWN);
		set_citation_stance(x, st->claim, W_SUPPORTS, 1);
	} else if (report) {
		int predicts = argraph_rule_get_kind(report->rule) == ARGRAPH_RULE_PREDICTION;
		argraph_extract__set_word(&x->xc, st->claim, W_ROLE, predicts ? W_PREDICTION : W_ATTRIBUTED);
		argraph_extract__set_word(&x->xc, st->claim, W_VOICE, W_ATTRIBUTED);
		set_rule_attr(x, st->claim, W_REPORTED_BY, report->rule);
		const argraph_rule_span *as = role_span(report, "asserter");
		size_t persons[8];
		size_t np = as ? persons_in_span(x, st, as->begin, as->end, persons, 8) : 0;
		if (as)
			argraph_extract__set_attr(&x->xc, st->claim, W_ASSERTER,
				span_text(x, st->s->text + as->begin, as->end - as->begin));
		for (size_t i = 0; i < np; i++) {
			add_edge(x, ARGRAPH_EDGE_ASSERTS, persons[i], st->claim, report->rule, &st->prov, PROV_GRAPHS_OWN);
			make_cited_author(x, persons[i]);
		}
		set_citation_stance(x, st->claim, W_MENTIONS, 1);
		if (contrast && contrast->begin > report->begin) {
			/* "X predicted A; reality is the opposite, B" in one sentence */
			counter_claim(x, st, contrast->begin, contrast->rule);
			set_citation_stance(x, st->claim, W_CONTRASTS, 0);
		} else {
			remember(x, st->claim, st->index);
		}
	} else {
		argraph_extract__set_word(&x->xc, st->claim, W_VOICE, W_AUTHOR);
		if (contrast && x->n_recent) {
			argraph_extract__set_word(&x->xc, st->claim, W_ROLE, W_COUNTER_CLAIM);
			answer_recent(x, st, ARGRAPH_EDGE_ATTACKS, contrast->rule);
		} else if (agreement && x->n_recent) {
			answer_recent(x, st, ARGRAPH_EDGE_SUPPORTS, agreement->rule);
		}
		if (agreement) {
			const argraph_rule_span *as = role_span(agreement, "asserter");
			size_t persons[8];
			size_t np = as ? persons_in_span(x, st, as->begin, as->end, persons, 8) : 0;
			for (size_t i = 0; i < np; i++) {
				size_t e = add_edge(x, ARGRAPH_EDGE_ASSERTS, persons[i], st->claim,
					agreement->rule, &st->prov, PROV_GRAPHS_OWN);
				if (e != ARGRAPH_NONE)
					argraph_extract__check(&x->xc,
						argraph_graph_set_edge_attr(x->xc.g, e, "stance", "endorsed"));
				make_cited_author(x, persons[i]);
			}
		}
		set_citation_stance(x, st->claim, W_SUPPORTS, 1);
	}

	for (size_t i = 0; i < x->m_len; i++) {
		argraph_rule_kind k = argraph_rule_get_kind(x->m[i].rule);
		if (k == ARGRAPH_RULE_CAUSE)
			causal_match(x, st, &x->m[i]);
		else if (k == ARGRAPH_RULE_CITATION)
			text_citation(x, st, &x->m[i]);
	}
	/* unlinked author-year refs */
	for (size_t i = 0; i < out_count(x, st->claim); i++) {
		const argraph_edge *e = out_edge(x, st->claim, i);
		if (argraph_edge_get_kind(e) != ARGRAPH_EDGE_CITES)
			continue;
		size_t c = argraph_edge_get_target(e);
		const char *status = argraph_extract__get_attr(&x->xc, c, W_STATUS);
		const char *form = argraph_extract__get_attr(&x->xc, c, W_FORM);
		if (status && strcmp(status, "dangling") == 0 && form && strcmp(form, "author-year") == 0
		    && !argraph_extract__get_attr(&x->xc, c, W_TARGET))
			resolve_marker(x, st, c);
	}
	if (!thesis && !report)
		credit_cited_authors(x, st);
	mark_facts(x, st);
}

/* ---- explicit markup: <linkGrp type="causal"> ---- */

static size_t factor_for_pointer(rx *x, const char *id)
{
	const argraph_authority *a = argraph_doc_find_authority(x->xc.doc, id);
	if (a && a->kind == ARGRAPH_AUTH_CATEGORY)
		return factor_for_category(x, a);
	for (size_t i = 0; i < argraph_doc_inline_count(x->xc.doc); i++) {
		const argraph_inline *in = argraph_doc_inline_at(x->xc.doc, i);
		if (!in->xml_id || strcmp(in->xml_id, id) != 0)
			continue;
		if (in->key && (a = argraph_doc_find_authority(x->xc.doc, in->key)) && a->kind == ARGRAPH_AUTH_CATEGORY)
			return factor_for_category(x, a);
		argraph_extract__local_id(&x->xc, id);
		const argraph_block *b = argraph_doc_block_at(x->xc.doc, in->block);
		argraph_prov p = {argraph_doc_get_file(x->xc.doc), in->line, id, b->xpath, in->text,
			utf8_count(b->text, in->begin), utf8_count(b->text, in->end)};
		size_t f = argraph_extract__node_at_id(&x->xc, ARGRAPH_NODE_FACTOR, &p);
		if (f != ARGRAPH_NONE && !argraph_node_label_count(argraph_graph_node_at(x->xc.g, f)))
			argraph_extract__check(&x->xc,
				argraph_graph_set_label(x->xc.g, f, in->lang, in->text));
		return f;
	}
	return ARGRAPH_NONE;
}

static void markup_links(rx *x)
{
	for (size_t i = 0; i < argraph_doc_link_count(x->xc.doc); i++) {
		const argraph_link *l = argraph_doc_link_at(x->xc.doc, i);
		int causal = (l->type && (strcmp(l->type, "causal") == 0 || strcmp(l->type, "causes") == 0))
			  || (l->ana && strstr(l->ana, "caus"));
		if (!causal || l->target_count < 2)
			continue;
		const char *effect_id = argraph_doc_name_at(x->xc.doc, l->first_target + l->target_count - 1)->text;
		size_t ef = factor_for_pointer(x, effect_id);
		argraph_prov p = {argraph_doc_get_file(x->xc.doc), l->line, NULL, NULL, NULL, 0, 0};
		for (size_t k = 0; k + 1 < l->target_count; k++) {
			const char *cause_id = argraph_doc_name_at(x->xc.doc, l->first_target + k)->text;
			size_t cf = factor_for_pointer(x, cause_id);
			if (cf == ARGRAPH_NONE || ef == ARGRAPH_NONE) {
				argraph_pos pos = {p.file, l->line, 0, NULL};
				argraph_diags_add(x->xc.diags, ARGRAPH_SEV_WARNING, "link.dangling", &pos,
					"causal link names \"%s\", which is no category, term or seg",
					cf == ARGRAPH_NONE ? cause_id : effect_id);
				continue;
			}
			size_t e = add_edge(x, ARGRAPH_EDGE_CAUSES, cf, ef, NULL, &p, PROV_COPY);
			if (e != ARGRAPH_NONE)
				argraph_extract__check(&x->xc,
					argraph_graph_set_edge_attr(x->xc.g, e, "source", "markup"));
		}
	}
}

argraph_status argraph_extract_rules(argraph_graph *g, const argraph_doc *doc,
	const argraph_ruleset *rules, const char *doc_key, argraph_diags *diags)
{
	rx x = {0};
	if (argraph_extract__ctx_init(&x.xc, g, doc, doc_key, diags) != ARGRAPH_OK)
		return ARGRAPH_ENOMEM;
	doc_key = x.xc.key;
	x.rs = rules;
	if (argraph_rules__scratch_new(&x.scratch) != ARGRAPH_OK) {
		argraph_extract__ctx_release(&x.xc);
		return ARGRAPH_ENOMEM;
	}
	x.doc_node = argraph_graph_find_node(g, doc_key);
	markup_links(&x);
	const char *doc_lang = argraph_doc_get_lang(doc);
	strbuf claim = {0};
	for (size_t bi = 0; bi < argraph_doc_block_count(doc) && x.xc.st == ARGRAPH_OK; bi++) {
		const argraph_block *b = argraph_doc_block_at(doc, bi);
		if (b->kind != ARGRAPH_BLOCK_P)
			continue;
		size_t prefix = argraph_extract__claim_prefix(&claim, doc_key, doc, bi);
		for (size_t k = 0; k < b->sentence_count && x.xc.st == ARGRAPH_OK; k++) {
			sent st = {0};
			st.block = b;
			st.index = b->first_sentence + k;
			st.s = argraph_doc_sentence_at(doc, st.index);
			st.lang = b->lang ? b->lang : doc_lang;
			const char *id = argraph_extract__claim_id_at(&claim, prefix, k);
			if (!id) {
				argraph_extract__check(&x.xc, ARGRAPH_ENOMEM);
				break;
			}
			st.claim = argraph_graph__find_node_n(g, id, claim.len);
			if (st.claim == ARGRAPH_NONE)
				continue; /* back matter: no claims there */
			st.prov = *argraph_node_get_prov(argraph_graph_node_at(g, st.claim));
			read_sentence(&x, &st);
		}
	}
	strbuf_release(&claim);
	strbuf_release(&x.text);
	free(x.m);
	argraph_rules__scratch_free(x.scratch);
	argraph_status st = x.xc.st;
	argraph_extract__ctx_release(&x.xc);
	return st;
}
