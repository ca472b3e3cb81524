/* SPDX-License-Identifier: MIT */
/*
 * merge.c — many graphs into one, identity by content (merge.h).
 *
 * Every node of every input gets one or more match keys: "person:<name>",
 * "work:doi:<doi>", "work:<author-year-title>", "factor:<label>" for the
 * kinds that documents share (key.c), "<kind>=<id>" for the rest. A
 * union-find over the keys groups the nodes: nodes sharing any key are one
 * node. Each group keeps one record that absorbs every member, and every
 * choice the record makes is a choice of the best of a set under a fixed
 * total order — so it does not matter in which order, or in how many
 * steps, the members arrive (merging is associative and commutative, and
 * merging a graph twice changes nothing):
 *
 *   label per language, and the plain label: the longest (in characters),
 *       then the smallest in byte order;
 *   attribute: the same, except a person's `role` (cited-author > author >
 *       actor > anything else);
 *   set-valued attributes of merged kinds — `documents`, `keys`, and the
 *       document-local pointers `ref`, `bibl`, `term` (as "<doc>#<value>")
 *       — the union, sorted, space-separated;
 *   provenance: the one from the smallest document key, then the smallest
 *       (file, line, begin, end, xml_id, xpath, text).
 *
 * Edges are kept one by one, each naming its document (attribute
 * `document`), and only exact duplicates (same kind, ends, rule, document
 * and provenance) collapse. The output is sorted — nodes by (kind, id),
 * edges by (kind, source, target, rule, document, provenance) — and edge
 * ids are numbered afresh, so the bytes depend on the set of inputs only.
 *
 * A merged graph is written so that JSON keeps all of this (the plain
 * label is left out where JSON would lose it anyway: when it equals the
 * id or the first label by language), so a merged graph read back from
 * JSON merges exactly like the in-memory one.
 */
#include "argraph/merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/strbuf.h"
#include "../util/strmap.h"
#include "../util/utf8.h"
#include "../util/vec.h"
#include "merge_internal.h"

typedef struct kv {
	const char *a, *b;
} kv;

typedef struct kvs {
	kv *items; /* in the arena; grown by doubling, old arrays abandoned */
	size_t len, cap;
} kvs;

/* What a group of nodes has become so far. */
typedef struct rec {
	argraph_node_kind kind;
	const char *id;       /* document-scoped nodes: their id; NULL: merged by content */
	const char *neutral;  /* best plain label (see node_neutral()) */
	kvs langs;            /* language → best label */
	kvs attrs;            /* single-valued attributes: name → best value */
	const char *prov_doc; /* document the provenance comes from, or NULL */
	argraph_prov prov;
	int has_prov;
} rec;

/* One value of a set-valued attribute, for the group of `key`. */
typedef struct setval {
	size_t key;  /* key index; at finish, the node's ordinal */
	const char *name, *value;
} setval;

typedef struct medge {
	argraph_edge_kind kind;
	size_t src, dst;      /* key indices; at finish, node ordinals */
	const char *rule;     /* interned, or NULL */
	const char *document; /* interned, or NULL */
	argraph_prov prov;    /* strings interned */
	kvs attrs;            /* without `document` */
	int dup;              /* at finish: collapsed into an earlier edge */
} medge;

struct argraph_merge {
	arena mem;
	strmap strs;           /* interned strings (copies in mem) */
	strbuf scratch;
	strmap keys;           /* key → key index */
	const char **key_str;  /* per key index */
	size_t *parent, *size; /* union-find */
	rec **recs;            /* per root (NULL elsewhere) */
	size_t nkeys, cap_keys;
	setval *sets;
	size_t nsets, cap_sets;
	medge *edges;
	size_t nedges, cap_edges;
	size_t graphs;
	int finished;
};

#define TRY(expr) do { if ((st = (expr)) != ARGRAPH_OK) goto done; } while (0)

/* ---- small helpers ---- */

/* The one copy of s[0..n) (no NUL inside) in the arena; NULL when out of
 * memory. */
static const char *intern_n(argraph_merge *m, const char *s, size_t n)
{
	uint64_t h = strmap_hash_n(s, n);
	const char *k = strmap_find_key_n(&m->strs, s, n, h);
	if (k)
		return k;
	char *copy = arena_strndup(&m->mem, s, n);
	if (!copy || strmap_add_hashed(&m->strs, copy, h, 0) < 0)
		return NULL;
	return copy;
}

static const char *intern(argraph_merge *m, const char *s)
{
	return s ? intern_n(m, s, strlen(s)) : NULL;
}

/* Interned copy of s[0..n) with ASCII white space as '_' (document keys
 * and local ids go into space-separated lists). */
static const char *intern_word(argraph_merge *m, const char *s, size_t n)
{
	strbuf_reset(&m->scratch);
	strbuf_append(&m->scratch, s, n);
	if (m->scratch.failed)
		return NULL;
	for (size_t i = 0; i < m->scratch.len; i++) {
		char c = m->scratch.data[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
			m->scratch.data[i] = '_';
	}
	return intern_n(m, strbuf_cstr(&m->scratch), m->scratch.len);
}

static int cmp_str(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a)
		return -1;
	if (!b)
		return 1;
	return strcmp(a, b);
}

/* The fixed order of values: longer (in characters) first, then bytes. */
static int beats(const char *x, const char *y)
{
	if (!x)
		return 0;
	if (!y)
		return 1;
	size_t cx = utf8_count(x, strlen(x)), cy = utf8_count(y, strlen(y));
	if (cx != cy)
		return cx > cy;
	return strcmp(x, y) < 0;
}

static int role_rank(const char *r)
{
	if (strcmp(r, "cited-author") == 0)
		return 3;
	if (strcmp(r, "author") == 0)
		return 2;
	if (strcmp(r, "actor") == 0)
		return 1;
	return 0;
}

static int attr_beats(argraph_node_kind kind, const char *name, const char *x, const char *y)
{
	if (kind == ARGRAPH_NODE_PERSON && x && y && strcmp(name, "role") == 0) {
		int rx = role_rank(x), ry = role_rank(y);
		if (rx != ry)
			return rx > ry;
	}
	return beats(x, y);
}

/* Offer value b for key a; the better one stays. Strings are interned. */
static argraph_status kvs_offer(argraph_merge *m, kvs *p, argraph_node_kind kind,
	const char *a, const char *b)
{
	for (size_t i = 0; i < p->len; i++) {
		if (strcmp(p->items[i].a, a) == 0) {
			if (attr_beats(kind, a, b, p->items[i].b))
				p->items[i].b = b;
			return ARGRAPH_OK;
		}
	}
	if (p->len == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 4;
		kv *n = arena_alloc(&m->mem, cap * sizeof *n);
		if (!n)
			return ARGRAPH_ENOMEM;
		if (p->len)
			memcpy(n, p->items, p->len * sizeof *n);
		p->items = n;
		p->cap = cap;
	}
	p->items[p->len++] = (kv){a, b};
	return ARGRAPH_OK;
}

static int prov_empty(const argraph_prov *p)
{
	return !p->file && !p->line && !p->xml_id && !p->xpath && !p->text;
}

static int cmp_prov(const argraph_prov *a, const argraph_prov *b)
{
	int c;
	if ((c = prov_empty(a) - prov_empty(b)) != 0) /* a provenance that says something first */
		return c;
	if ((c = cmp_str(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->begin != b->begin)
		return a->begin < b->begin ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if ((c = cmp_str(a->xml_id, b->xml_id)) != 0)
		return c;
	if ((c = cmp_str(a->xpath, b->xpath)) != 0)
		return c;
	return cmp_str(a->text, b->text);
}

/* Document keys: a known document before an unknown one. */
static int cmp_doc(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (!a)
		return 1;
	if (!b)
		return -1;
	return strcmp(a, b);
}

static argraph_status intern_prov(argraph_merge *m, argraph_prov *dst, const argraph_prov *src)
{
	memset(dst, 0, sizeof *dst);
	if (!src)
		return ARGRAPH_OK;
	dst->line = src->line;
	dst->file = intern(m, src->file);
	dst->xml_id = intern(m, src->xml_id);
	dst->xpath = intern(m, src->xpath);
	dst->text = intern(m, src->text);
	/* JSON writes offsets only with a text: keep in memory what JSON keeps */
	if (src->text) {
		dst->begin = src->begin;
		dst->end = src->end;
	}
	if ((src->file && !dst->file) || (src->xml_id && !dst->xml_id)
	    || (src->xpath && !dst->xpath) || (src->text && !dst->text))
		return ARGRAPH_ENOMEM;
	return ARGRAPH_OK;
}

static void offer_prov(rec *r, const char *doc, const argraph_prov *p)
{
	int c = r->has_prov ? cmp_doc(doc, r->prov_doc) : -1;
	if (c < 0 || (c == 0 && cmp_prov(p, &r->prov) < 0)) {
		r->prov_doc = doc;
		r->prov = *p;
		r->has_prov = 1;
	}
}

/* ---- records and union-find ---- */

static argraph_status rec_absorb(argraph_merge *m, rec *dst, const rec *src)
{
	argraph_status st = ARGRAPH_OK;
	if (beats(src->neutral, dst->neutral))
		dst->neutral = src->neutral;
	for (size_t i = 0; i < src->langs.len; i++)
		TRY(kvs_offer(m, &dst->langs, ARGRAPH_NODE_NONE, src->langs.items[i].a, src->langs.items[i].b));
	for (size_t i = 0; i < src->attrs.len; i++)
		TRY(kvs_offer(m, &dst->attrs, dst->kind, src->attrs.items[i].a, src->attrs.items[i].b));
	if (src->has_prov)
		offer_prov(dst, src->prov_doc, &src->prov);
done:
	return st;
}

static size_t find(argraph_merge *m, size_t k)
{
	while (m->parent[k] != k) {
		m->parent[k] = m->parent[m->parent[k]];
		k = m->parent[k];
	}
	return k;
}

static argraph_status unite(argraph_merge *m, size_t a, size_t b)
{
	size_t ra = find(m, a), rb = find(m, b);
	if (ra == rb)
		return ARGRAPH_OK;
	if (m->size[ra] < m->size[rb]) {
		size_t t = ra;
		ra = rb;
		rb = t;
	}
	m->parent[rb] = ra;
	m->size[ra] += m->size[rb];
	argraph_status st = ARGRAPH_OK;
	if (m->recs[rb]) {
		if (!m->recs[ra])
			m->recs[ra] = m->recs[rb];
		else
			st = rec_absorb(m, m->recs[ra], m->recs[rb]);
		m->recs[rb] = NULL;
	}
	return st;
}

/* Index of key k (made if new). ARGRAPH_NONE when out of memory. */
static size_t key_index(argraph_merge *m, const char *k)
{
	size_t i = strmap_get(&m->keys, k);
	if (i != ARGRAPH_NONE)
		return i;
	const char *s = intern(m, k);
	size_t n = m->nkeys, cap = m->cap_keys;
	if (!s)
		return ARGRAPH_NONE;
	if (n == cap) {
		size_t c1 = cap, c2 = cap, c3 = cap, c4 = cap;
		if (vec_reserve((void **)&m->key_str, &c1, sizeof *m->key_str, n + 1, 16) < 0
		    || vec_reserve((void **)&m->parent, &c2, sizeof *m->parent, n + 1, 16) < 0
		    || vec_reserve((void **)&m->size, &c3, sizeof *m->size, n + 1, 16) < 0
		    || vec_reserve((void **)&m->recs, &c4, sizeof *m->recs, n + 1, 16) < 0)
			return ARGRAPH_NONE;
		m->cap_keys = c1;
	}
	m->key_str[n] = s;
	m->parent[n] = n;
	m->size[n] = 1;
	m->recs[n] = NULL;
	if (strmap_put(&m->keys, s, n) < 0)
		return ARGRAPH_NONE;
	m->nkeys = n + 1;
	return n;
}

static argraph_status push_set(argraph_merge *m, size_t key, const char *name, const char *value)
{
	if (!value)
		return ARGRAPH_ENOMEM;
	if (vec_reserve((void **)&m->sets, &m->cap_sets, sizeof *m->sets, m->nsets + 1, 16) < 0)
		return ARGRAPH_ENOMEM;
	m->sets[m->nsets++] = (setval){key, name, value};
	return ARGRAPH_OK;
}

/* Push every space-separated word of `list` as a value of `name`. */
static argraph_status push_words(argraph_merge *m, size_t key, const char *name, const char *list)
{
	argraph_status st = ARGRAPH_OK;
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e > p)
			TRY(push_set(m, key, name, intern_word(m, p, (size_t)(e - p))));
		p = e;
	}
done:
	return st;
}

/* ---- life cycle ---- */

argraph_status argraph_merge_new(argraph_merge **out)
{
	*out = NULL;
	argraph_merge *m = calloc(1, sizeof *m);
	if (!m)
		return ARGRAPH_ENOMEM;
	arena_init(&m->mem);
	*out = m;
	return ARGRAPH_OK;
}

void argraph_merge_free(argraph_merge *m)
{
	if (!m)
		return;
	arena_release(&m->mem);
	strmap_release(&m->strs);
	strbuf_release(&m->scratch);
	strmap_release(&m->keys);
	free(m->key_str);
	free(m->parent);
	free(m->size);
	free(m->recs);
	free(m->sets);
	free(m->edges);
	free(m);
}

size_t argraph_merge_graph_count(const argraph_merge *m)
{
	return m->graphs;
}

/* ---- adding a graph ---- */

static int merged_by_content(argraph_node_kind k)
{
	return k == ARGRAPH_NODE_PERSON || k == ARGRAPH_NODE_WORK || k == ARGRAPH_NODE_FACTOR;
}

/* Attributes of merged kinds that point into one document. */
static int local_pointer(const char *name)
{
	return strcmp(name, "ref") == 0 || strcmp(name, "bibl") == 0 || strcmp(name, "term") == 0;
}

/* The plain label as JSON keeps it: what a reader shows with no language
 * asked for, unless that is just the id. */
static const char *node_neutral(const argraph_node *n)
{
	const char *l = argraph_node_get_label(n, NULL);
	return strcmp(l, argraph_node_get_id(n)) == 0 ? NULL : l;
}

static int lang_is_en(const char *lang)
{
	return strcmp(lang, "en") == 0 || strncmp(lang, "en-", 3) == 0;
}

/* The name a person or factor is keyed on: an English label, else a
 * Latin-script plain label, else the first Latin-script label by language,
 * else the plain label. Only what survives JSON is looked at. */
static const char *key_name(const argraph_node *n, const char *neutral)
{
	const char *best = NULL, *best_lang = NULL;
	for (size_t i = 0; i < argraph_node_label_count(n); i++) {
		const char *lang, *text;
		argraph_node_label_at(n, i, &lang, &text);
		if (lang && lang_is_en(lang) && (!best_lang || strcmp(lang, best_lang) < 0)) {
			best = text;
			best_lang = lang;
		}
	}
	if (best)
		return best;
	if (neutral && argraph_merge__is_latin(neutral))
		return neutral;
	for (size_t i = 0; i < argraph_node_label_count(n); i++) {
		const char *lang, *text;
		argraph_node_label_at(n, i, &lang, &text);
		if (lang && argraph_merge__is_latin(text) && (!best_lang || strcmp(lang, best_lang) < 0)) {
			best = text;
			best_lang = lang;
		}
	}
	return best ? best : neutral;
}

/* Document of a node of a not-yet-merged graph: a document node's id, the
 * part of an id before '#', or the graph's only document. */
static const char *node_doc(argraph_merge *m, const argraph_node *n, const char *sole)
{
	const char *id = argraph_node_get_id(n);
	if (argraph_node_get_kind(n) == ARGRAPH_NODE_DOCUMENT)
		return intern_word(m, id, strlen(id));
	const char *hash = strchr(id, '#');
	if (hash && hash > id)
		return intern_word(m, id, (size_t)(hash - id));
	return sole;
}

/* Add key "<kind>:<k>" to the node's group. */
static argraph_status add_key(argraph_merge *m, const char *kind, const char *k, size_t *first)
{
	strbuf_reset(&m->scratch);
	strbuf_printf(&m->scratch, "%s:%s", kind, k);
	if (m->scratch.failed)
		return ARGRAPH_ENOMEM;
	size_t ki = key_index(m, strbuf_cstr(&m->scratch));
	if (ki == ARGRAPH_NONE)
		return ARGRAPH_ENOMEM;
	if (*first == ARGRAPH_NONE) {
		*first = ki;
		return ARGRAPH_OK;
	}
	return unite(m, *first, ki);
}

/* The content keys of a person, work or factor not merged before. */
static argraph_status content_keys(argraph_merge *m, const argraph_node *n,
	const char *neutral, size_t *first)
{
	argraph_status st = ARGRAPH_OK;
	argraph_node_kind kind = argraph_node_get_kind(n);
	const char *kname = argraph_node_kind_name(kind);
	strbuf k = {0};
	if (kind == ARGRAPH_NODE_WORK) {
		const char *note = argraph_node_get_attr(n, "note");
		if (note && strcmp(note, "true") == 0)
			goto done; /* a footnote is its document's own */
		argraph_merge__doi_key(&k, argraph_node_get_attr(n, "doi"));
		if (k.failed) {
			st = ARGRAPH_ENOMEM;
			goto done;
		}
		if (k.len) {
			strbuf d = {0};
			strbuf_printf(&d, "doi:%s", k.data);
			st = d.failed ? ARGRAPH_ENOMEM : add_key(m, kname, d.data, first);
			strbuf_release(&d);
			if (st != ARGRAPH_OK)
				goto done;
		}
		argraph_merge__work_key(&k, argraph_node_get_attr(n, "authors"),
			argraph_node_get_attr(n, "year"), argraph_node_get_attr(n, "title"));
	} else {
		const char *name = key_name(n, neutral);
		if (kind == ARGRAPH_NODE_PERSON)
			argraph_merge__person_key(&k, name);
		else {
			strbuf_reset(&k);
			if (name)
				argraph_merge__norm(&k, name, strlen(name));
		}
	}
	if (k.failed) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	if (k.len)
		st = add_key(m, kname, k.data, first);
	/* authority URIs the encoder gave (attribute `uri`, space-separated):
	 * the same VIAF, ORCID or Wikidata entity is one node whatever the
	 * names say (a name written in Chinese in one document and in English
	 * in another) */
	for (const char *p = argraph_node_get_attr(n, "uri"); st == ARGRAPH_OK && p && *p;) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		argraph_merge__uri_key(&k, p, (size_t)(e - p));
		if (k.failed)
			st = ARGRAPH_ENOMEM;
		else if (k.len) {
			strbuf u = {0};
			strbuf_printf(&u, "uri:%s", k.data);
			st = u.failed ? ARGRAPH_ENOMEM : add_key(m, kname, u.data, first);
			strbuf_release(&u);
		}
		p = e;
	}
done:
	strbuf_release(&k);
	return st;
}

static argraph_status add_node(argraph_merge *m, const argraph_node *n, const char *sole,
	size_t *out)
{
	argraph_status st = ARGRAPH_OK;
	argraph_node_kind kind = argraph_node_get_kind(n);
	const char *id = argraph_node_get_id(n), *kname = argraph_node_kind_name(kind);
	const char *keys = argraph_node_get_attr(n, "keys");
	const char *docs = argraph_node_get_attr(n, "documents");
	const char *neutral = node_neutral(n);
	int content = merged_by_content(kind);
	int premerged = content && keys && *keys;
	size_t first = ARGRAPH_NONE;
	*out = ARGRAPH_NONE;
	if (premerged) {
		for (const char *p = keys; *p;) {
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ' ')
				e++;
			if (e > p) {
				const char *w = intern_word(m, p, (size_t)(e - p));
				if (!w)
					return ARGRAPH_ENOMEM;
				TRY(add_key(m, kname, w, &first));
			}
			p = e;
		}
	} else if (content) {
		TRY(content_keys(m, n, neutral, &first));
	}
	if (first == ARGRAPH_NONE) { /* scoped to its document: keyed by its id */
		content = premerged = 0;
		strbuf_reset(&m->scratch);
		strbuf_printf(&m->scratch, "%s=%s", kname, id);
		if (m->scratch.failed || (first = key_index(m, strbuf_cstr(&m->scratch))) == ARGRAPH_NONE)
			return ARGRAPH_ENOMEM;
	}

	/* the documents it comes from; the smallest owns the provenance */
	const char *doc = NULL;
	if (premerged && docs) {
		TRY(push_words(m, first, "documents", docs));
		for (const char *p = docs; *p;) {
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ' ')
				e++;
			if (e > p) {
				const char *w = intern_word(m, p, (size_t)(e - p));
				if (!w)
					return ARGRAPH_ENOMEM;
				if (!doc || strcmp(w, doc) < 0)
					doc = w;
			}
			p = e;
		}
	} else {
		doc = node_doc(m, n, sole);
		if (content && doc)
			TRY(push_set(m, first, "documents", doc));
	}

	size_t root = find(m, first);
	rec *r = m->recs[root];
	if (!r) {
		if (!(r = arena_alloc(&m->mem, sizeof *r)))
			return ARGRAPH_ENOMEM;
		r->kind = kind;
		if (!content && !(r->id = intern(m, id)))
			return ARGRAPH_ENOMEM;
		m->recs[root] = r;
	}
	if (neutral) {
		const char *l = intern(m, neutral);
		if (!l)
			return ARGRAPH_ENOMEM;
		if (beats(l, r->neutral))
			r->neutral = l;
	}
	for (size_t i = 0; i < argraph_node_label_count(n); i++) {
		const char *lang, *text;
		argraph_node_label_at(n, i, &lang, &text);
		if (!lang)
			continue;
		const char *il = intern(m, lang), *it = intern(m, text);
		if (!il || !it)
			return ARGRAPH_ENOMEM;
		TRY(kvs_offer(m, &r->langs, ARGRAPH_NODE_NONE, il, it));
	}
	for (size_t i = 0; i < argraph_node_attr_count(n); i++) {
		const char *name, *value;
		argraph_node_attr_at(n, i, &name, &value);
		const char *iname = intern(m, name);
		if (!iname)
			return ARGRAPH_ENOMEM;
		if (content) {
			if (strcmp(name, "documents") == 0 || strcmp(name, "keys") == 0)
				continue;
			if (local_pointer(name)) {
				if (premerged) {
					TRY(push_words(m, first, iname, value));
				} else {
					strbuf_reset(&m->scratch);
					if (doc)
						strbuf_printf(&m->scratch, "%s#", doc);
					strbuf_puts(&m->scratch, value);
					if (m->scratch.failed)
						return ARGRAPH_ENOMEM;
					char *q = strbuf_detach(&m->scratch);
					if (!q)
						return ARGRAPH_ENOMEM;
					const char *w = intern_word(m, q, strlen(q));
					free(q);
					TRY(push_set(m, first, iname, w));
				}
				continue;
			}
		}
		const char *ivalue = intern(m, value);
		if (!ivalue)
			return ARGRAPH_ENOMEM;
		TRY(kvs_offer(m, &r->attrs, kind, iname, ivalue));
	}
	argraph_prov p;
	TRY(intern_prov(m, &p, argraph_node_get_prov(n)));
	offer_prov(r, doc, &p);
	*out = first;
done:
	return st;
}

static argraph_status add_edge(argraph_merge *m, const argraph_graph *g, const argraph_edge *e,
	const size_t *key_of, const char *sole)
{
	argraph_status st = ARGRAPH_OK;
	if (vec_reserve((void **)&m->edges, &m->cap_edges, sizeof *m->edges, m->nedges + 1, 16) < 0)
		return ARGRAPH_ENOMEM;
	medge *me = &m->edges[m->nedges];
	memset(me, 0, sizeof *me);
	size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
	me->kind = argraph_edge_get_kind(e);
	me->src = key_of[s];
	me->dst = key_of[t];
	if (argraph_edge_get_rule(e) && !(me->rule = intern(m, argraph_edge_get_rule(e))))
		return ARGRAPH_ENOMEM;
	const char *doc = argraph_edge_get_attr(e, "document");
	if (doc)
		doc = intern_word(m, doc, strlen(doc));
	else {
		const argraph_node *sn = argraph_graph_node_at(g, s), *tn = argraph_graph_node_at(g, t);
		doc = node_doc(m, sn, NULL);
		if (!doc)
			doc = node_doc(m, tn, sole);
	}
	me->document = doc;
	TRY(intern_prov(m, &me->prov, argraph_edge_get_prov(e)));
	for (size_t i = 0; i < argraph_edge_attr_count(e); i++) {
		const char *name, *value;
		argraph_edge_attr_at(e, i, &name, &value);
		if (strcmp(name, "document") == 0)
			continue;
		const char *in = intern(m, name), *iv = intern(m, value);
		if (!in || !iv)
			return ARGRAPH_ENOMEM;
		TRY(kvs_offer(m, &me->attrs, ARGRAPH_NODE_NONE, in, iv));
	}
	m->nedges++;
done:
	return st;
}

argraph_status argraph_merge_add_graph(argraph_merge *m, const argraph_graph *g,
	argraph_diags *diags)
{
	(void)diags;
	if (m->finished)
		return ARGRAPH_EINVALID;
	argraph_status st = ARGRAPH_OK;
	size_t nn = argraph_graph_node_count(g), ne = argraph_graph_edge_count(g);
	size_t *key_of = malloc((nn ? nn : 1) * sizeof *key_of);
	if (!key_of)
		return ARGRAPH_ENOMEM;
	/* a graph of one document: edges between merged nodes belong to it */
	const char *sole = NULL;
	size_t ndocs = 0;
	for (size_t i = 0; i < nn; i++) {
		const argraph_node *n = argraph_graph_node_at(g, i);
		if (argraph_node_get_kind(n) == ARGRAPH_NODE_DOCUMENT && ndocs++ == 0) {
			const char *id = argraph_node_get_id(n);
			if (!(sole = intern_word(m, id, strlen(id)))) {
				st = ARGRAPH_ENOMEM;
				goto done;
			}
		}
	}
	if (ndocs != 1)
		sole = NULL;
	for (size_t i = 0; i < nn; i++)
		TRY(add_node(m, argraph_graph_node_at(g, i), sole, &key_of[i]));
	for (size_t i = 0; i < ne; i++)
		TRY(add_edge(m, g, argraph_graph_edge_at(g, i), key_of, sole));
	m->graphs++;
done:
	free(key_of);
	return st;
}

/* ---- finishing ---- */

typedef struct outnode {
	size_t root;
	argraph_node_kind kind;
	const char *id;
} outnode;

static int cmp_outnode(const void *pa, const void *pb)
{
	const outnode *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int cmp_setval(const void *pa, const void *pb)
{
	const setval *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->value, b->value);
}

static int cmp_kv_name(const void *pa, const void *pb)
{
	const kv *a = pa, *b = pb;
	return strcmp(a->a, b->a);
}

static int cmp_medge(const void *pa, const void *pb)
{
	const medge *a = pa, *b = pb;
	int c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	if (a->dst != b->dst)
		return a->dst < b->dst ? -1 : 1;
	if ((c = cmp_str(a->rule, b->rule)) != 0)
		return c;
	if ((c = cmp_doc(a->document, b->document)) != 0)
		return c;
	return cmp_prov(&a->prov, &b->prov);
}

/* How a key ranks for naming its group: a work's DOI first, then the
 * keys made from names and titles, authority URIs last (an id should be
 * readable where it can be). */
static int key_rank(const char *k)
{
	const char *colon = strchr(k, ':');
	if (!colon)
		return 1;
	if (strncmp(colon + 1, "doi:", 4) == 0 && strncmp(k, "work:", 5) == 0)
		return 0;
	return strncmp(colon + 1, "uri:", 4) == 0 ? 2 : 1;
}

/* Which key names a merged group: the best ranked, then the smallest. */
static int key_beats(const char *x, const char *y)
{
	if (!y)
		return 1;
	int rx = key_rank(x), ry = key_rank(y);
	if (rx != ry)
		return rx < ry;
	return strcmp(x, y) < 0;
}

/* Attributes of one output node or edge, sorted by name, then set. */
static argraph_status set_attrs(argraph_graph *g, size_t idx, int is_edge, kv *items, size_t n)
{
	argraph_status st = ARGRAPH_OK;
	if (n > 1)
		qsort(items, n, sizeof *items, cmp_kv_name);
	for (size_t i = 0; i < n && st == ARGRAPH_OK; i++)
		st = is_edge ? argraph_graph_set_edge_attr(g, idx, items[i].a, items[i].b)
			     : argraph_graph_set_node_attr(g, idx, items[i].a, items[i].b);
	return st;
}

argraph_status argraph_merge_finish(argraph_merge *m, argraph_graph **out, argraph_diags *diags)
{
	*out = NULL;
	if (m->finished)
		return ARGRAPH_EINVALID;
	m->finished = 1;
	/* nothing is interned or looked up by name from here on: give back the
	 * tables before the output graph is built beside the records */
	strmap_release(&m->strs);
	strmap_release(&m->keys);
	argraph_status st = ARGRAPH_OK;
	argraph_graph *g = NULL;
	size_t nk = m->nkeys, nroots = 0;
	const char **ids = calloc(nk ? nk : 1, sizeof *ids);
	size_t *ord = malloc((nk ? nk : 1) * sizeof *ord);
	outnode *roots = malloc((nk ? nk : 1) * sizeof *roots);
	kv *tmp = NULL;
	size_t cap_tmp = 0;
	strbuf joined = {0};
	if (!ids || !ord || !roots) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}

	/* 1. the id of each group; every content key also becomes a `keys` value */
	for (size_t k = 0; k < nk; k++) {
		size_t r = find(m, k);
		const rec *rc = m->recs[r];
		if (!rc)
			continue;
		if (rc->id) {
			ids[r] = rc->id;
			continue;
		}
		if (key_beats(m->key_str[k], ids[r]))
			ids[r] = m->key_str[k];
		const char *colon = strchr(m->key_str[k], ':');
		TRY(push_set(m, k, "keys", colon + 1));
	}
	for (size_t k = 0; k < nk; k++)
		if (find(m, k) == k && m->recs[k])
			roots[nroots++] = (outnode){k, m->recs[k]->kind, ids[k]};
	if (nroots > 1)
		qsort(roots, nroots, sizeof *roots, cmp_outnode);
	for (size_t i = 0; i < nroots; i++)
		ord[roots[i].root] = i;

	/* 2. set-valued attributes, grouped by output node */
	for (size_t i = 0; i < m->nsets; i++)
		m->sets[i].key = ord[find(m, m->sets[i].key)];
	if (m->nsets > 1)
		qsort(m->sets, m->nsets, sizeof *m->sets, cmp_setval);

	/* 3. nodes */
	TRY(argraph_graph_new(&g));
	size_t si = 0;
	for (size_t i = 0; i < nroots; i++) {
		const rec *r = m->recs[roots[i].root];
		const char *id = roots[i].id;
		if (argraph_graph_find_node(g, id) != ARGRAPH_NONE) {
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "merge.id", NULL,
				"two different nodes would both have the id \"%s\"", id);
			st = ARGRAPH_EINVALID;
			goto done;
		}
		size_t idx;
		TRY(argraph_graph_add_node(g, r->kind, id, &r->prov, &idx));
		kv *langs = NULL;
		size_t nl = r->langs.len;
		if (nl) {
			if (vec_reserve((void **)&tmp, &cap_tmp, sizeof *tmp, nl, 16) < 0) {
				st = ARGRAPH_ENOMEM;
				goto done;
			}
			memcpy(tmp, r->langs.items, nl * sizeof *tmp);
			qsort(tmp, nl, sizeof *tmp, cmp_kv_name);
			langs = tmp;
		}
		/* the plain label, unless a reader would take it from the id or
		 * from the first label by language anyway */
		if (r->neutral && strcmp(r->neutral, id) != 0 && !(nl && strcmp(r->neutral, langs[0].b) == 0))
			TRY(argraph_graph_set_label(g, idx, NULL, r->neutral));
		for (size_t k = 0; k < nl; k++)
			TRY(argraph_graph_set_label(g, idx, langs[k].a, langs[k].b));
		/* attributes: the single-valued ones and the joined sets */
		size_t na = r->attrs.len;
		if (vec_reserve((void **)&tmp, &cap_tmp, sizeof *tmp, na + 1, 16) < 0) {
			st = ARGRAPH_ENOMEM;
			goto done;
		}
		if (na)
			memcpy(tmp, r->attrs.items, na * sizeof *tmp);
		size_t nt = na;
		while (si < m->nsets && m->sets[si].key == i) {
			const char *name = m->sets[si].name, *last = NULL;
			strbuf_reset(&joined);
			for (; si < m->nsets && m->sets[si].key == i && strcmp(m->sets[si].name, name) == 0; si++) {
				if (last && strcmp(last, m->sets[si].value) == 0)
					continue;
				if (last)
					strbuf_putc(&joined, ' ');
				strbuf_puts(&joined, m->sets[si].value);
				last = m->sets[si].value;
			}
			const char *value = joined.failed ? NULL : arena_strdup(&m->mem, strbuf_cstr(&joined));
			if (!value || vec_reserve((void **)&tmp, &cap_tmp, sizeof *tmp, nt + 1, 16) < 0) {
				st = ARGRAPH_ENOMEM;
				goto done;
			}
			tmp[nt++] = (kv){name, value};
		}
		TRY(set_attrs(g, idx, 0, tmp, nt));
	}

	/* 4. edges: resolve ends, sort, collapse duplicates, number */
	for (size_t i = 0; i < m->nedges; i++) {
		m->edges[i].src = ord[find(m, m->edges[i].src)];
		m->edges[i].dst = ord[find(m, m->edges[i].dst)];
	}
	if (m->nedges > 1)
		qsort(m->edges, m->nedges, sizeof *m->edges, cmp_medge);
	for (size_t i = 0; i < m->nedges;) {
		medge *e = &m->edges[i];
		size_t j = i + 1;
		for (; j < m->nedges && cmp_medge(e, &m->edges[j]) == 0; j++)
			for (size_t k = 0; k < m->edges[j].attrs.len; k++)
				TRY(kvs_offer(m, &e->attrs, ARGRAPH_NODE_NONE,
					m->edges[j].attrs.items[k].a, m->edges[j].attrs.items[k].b));
		size_t idx;
		TRY(argraph_graph_add_edge(g, e->kind, e->src, e->dst, e->rule, &e->prov, &idx));
		size_t na = e->attrs.len;
		if (vec_reserve((void **)&tmp, &cap_tmp, sizeof *tmp, na + 1, 16) < 0) {
			st = ARGRAPH_ENOMEM;
			goto done;
		}
		if (na)
			memcpy(tmp, e->attrs.items, na * sizeof *tmp);
		if (e->document)
			tmp[na++] = (kv){"document", e->document};
		TRY(set_attrs(g, idx, 1, tmp, na));
		i = j;
	}
done:
	free(ids);
	free(ord);
	free(roots);
	free(tmp);
	strbuf_release(&joined);
	if (st != ARGRAPH_OK) {
		argraph_graph_free(g);
		return st;
	}
	*out = g;
	return ARGRAPH_OK;
}

char *argraph_merge_person_key(const char *name)
{
	strbuf k = {0};
	argraph_merge__person_key(&k, name);
	if (k.failed || !k.len) {
		strbuf_release(&k);
		return NULL;
	}
	return strbuf_detach(&k);
}
