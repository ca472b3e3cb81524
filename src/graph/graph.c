/* SPDX-License-Identifier: MIT */
/*
 * graph.c — node and edge storage. Records and strings live in the graph's
 * arena; two heap vectors index them in insertion order and a hash map
 * finds nodes by id. Invariants: ids are unique; every edge's ends are
 * valid node indices; kinds are never NONE; every string is stored after
 * its length, and attribute names, label languages and rule ids are
 * interned (graph_internal.h), so a node's attributes are found by
 * comparing pointers.
 */
#include "argraph/graph.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_internal.h"
#include "kinds.h"
#include "../util/decimal.h"

_Static_assert(ARGRAPH_EDGE__COUNT <= 32, "argraph_node.out_kinds has a bit per edge kind");

static int same(const char *x, const char *y)
{
	return x == y || (x && y && x[0] == y[0] && strcmp(x, y) == 0);
}

/* Copy the n bytes at s into the arena after their length
 * (graph_internal.h); NULL when out of memory. */
static const char *str_copy(arena *mem, const char *s, size_t n)
{
	if (n > SIZE_MAX - sizeof n - 1)
		return NULL;
	char *p = arena_alloc_bytes(mem, sizeof n + n + 1);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	p += sizeof n;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static const char *str_dup(arena *mem, const char *s)
{
	return s ? str_copy(mem, s, strlen(s)) : NULL;
}

/* dup_shared's slow path: s is not *last itself. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static const char *dup_unshared(arena *mem, const char *s, const char **last)
{
	/* measured once: the copy needs the length, and the last string's
	 * stored length tells most strings apart without a strcmp call */
	size_t n = strlen(s);
	if (*last && argraph_graph__strlen(*last) == n && memcmp(*last, s, n) == 0)
		return *last;
	const char *c = str_copy(mem, s, n);
	if (c)
		*last = c;
	return c;
}

/* Copy s into the arena, or share *last when it holds the same string;
 * *last becomes the copy. Strings in the arena are never modified nor
 * freed before the graph, so s == *last (a caller handing the graph's
 * own copy back, as the extractor does with a sentence it gives as a
 * label, an attribute and provenance) is equal without a look: that
 * case, the most common, is inlined into the callers. */
static inline const char *dup_shared(arena *mem, const char *s, const char **last)
{
	if (!s || s == *last)
		return s;
	return dup_unshared(mem, s, last);
}

/* The interned copy of s (made on first use); NULL when out of memory. */
static const char *intern(argraph_graph *g, const char *s)
{
	size_t slot = ((uintptr_t)s >> 3) % (sizeof g->name_cache / sizeof *g->name_cache);
	const char *c = g->name_cache[slot].to;
	if (c && g->name_cache[slot].from == s && c[0] == s[0] && strcmp(c, s) == 0)
		return c;
	uint64_t h = strmap_hash(s);
	const char *k = strmap_find_key(&g->names, s, h);
	if (!k) {
		k = str_dup(&g->mem, s);
		if (!k || strmap_put_hashed(&g->names, k, h, 0) < 0)
			return NULL;
	}
	g->name_cache[slot].from = s;
	g->name_cache[slot].to = k;
	return k;
}

const char *argraph_graph__interned(const argraph_graph *g, const char *name)
{
	return name ? strmap_find_key(&g->names, name, strmap_hash(name)) : NULL;
}

/* The first room made for a node's attributes: a claim gets three or
 * four from the structure pass and as many again from the rule pass, and
 * room for four would be outgrown (copied, abandoned) on almost every
 * one. Labels and edge attributes are mostly one or two. */
#define NODE_ATTRS_FIRST 8
#define PAIRS_FIRST 4

/* Set or replace key `a` (interned, or NULL) with `b`, a string the
 * graph already holds; an empty list first gets room for `first`. Old
 * arrays are abandoned in the arena. */
static argraph_status pairs_put(arena *mem, pairs *p, const char *a, const char *b, size_t first)
{
	for (size_t i = 0; i < p->len; i++) {
		if (p->items[i].a == a) {
			p->items[i].b = b;
			return ARGRAPH_OK;
		}
	}
	if (p->len == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : first;
		pair *n = arena_alloc_uninit(mem, cap * sizeof(pair));
		if (!n)
			return ARGRAPH_ENOMEM;
		if (p->len)
			memcpy(n, p->items, p->len * sizeof(pair));
		p->items = n;
		p->cap = cap;
	}
	p->items[p->len++] = (pair){a, b};
	return ARGRAPH_OK;
}

/* Set or replace key `a` with a copy of `b` (or a shared one). */
static argraph_status pairs_set(argraph_graph *g, pairs *p, const char *a, const char *b,
	size_t first)
{
	if (a && !(a = intern(g, a)))
		return ARGRAPH_ENOMEM;
	const char *nb = dup_shared(&g->mem, b, &g->last_text);
	if (!nb)
		return ARGRAPH_ENOMEM;
	return pairs_put(&g->mem, p, a, nb, first);
}

static int idx_push(arena *mem, idxlist *l, size_t v)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		size_t *n = arena_alloc_uninit(mem, cap * sizeof *n);
		if (!n)
			return -1;
		if (l->len)
			memcpy(n, l->items, l->len * sizeof *n);
		l->items = n;
		l->cap = cap;
	}
	l->items[l->len++] = v;
	return 0;
}

static const char *pairs_get(const pairs *p, const char *a)
{
	for (size_t i = 0; i < p->len; i++)
		if (same(p->items[i].a, a))
			return p->items[i].b;
	return NULL;
}

/* By interned key: the pointers are equal or the strings differ. */
static const char *pairs_get_interned(const pairs *p, const char *a)
{
	for (size_t i = 0; i < p->len; i++)
		if (p->items[i].a == a)
			return p->items[i].b;
	return NULL;
}

static argraph_status copy_prov(argraph_graph *g, argraph_prov *dst, const argraph_prov *src)
{
	arena *mem = &g->mem;
	memset(dst, 0, sizeof *dst);
	if (!src)
		return ARGRAPH_OK;
	dst->line = src->line;
	dst->begin = src->begin;
	dst->end = src->end;
	dst->file = dup_shared(mem, src->file, &g->last_file);
	dst->xml_id = dup_shared(mem, src->xml_id, &g->last_xml_id);
	dst->xpath = dup_shared(mem, src->xpath, &g->last_xpath);
	dst->text = dup_shared(mem, src->text, &g->last_text);
	if ((src->file && !dst->file) || (src->xml_id && !dst->xml_id)
	    || (src->xpath && !dst->xpath) || (src->text && !dst->text))
		return ARGRAPH_ENOMEM;
	return ARGRAPH_OK;
}

argraph_status argraph_graph_new(argraph_graph **out)
{
	argraph_graph *g = calloc(1, sizeof *g);
	if (!g)
		return ARGRAPH_ENOMEM;
	arena_init(&g->mem);
	*out = g;
	return ARGRAPH_OK;
}

void argraph_graph_free(argraph_graph *g)
{
	if (!g)
		return;
	arena_release(&g->mem);
	ptrvec_release(&g->nodes);
	ptrvec_release(&g->edges);
	strmap_release(&g->by_id);
	strmap_release(&g->names);
	free(g);
}

argraph_status argraph_graph_add_node(argraph_graph *g, argraph_node_kind kind,
	const char *id, const argraph_prov *prov, size_t *out_index)
{
	if (!id)
		return ARGRAPH_EINVALID;
	return argraph_graph__add_node_n(g, kind, id, strlen(id), prov, out_index);
}

argraph_status argraph_graph__add_node_n(argraph_graph *g, argraph_node_kind kind,
	const char *id, size_t len, const argraph_prov *prov, size_t *out_index)
{
	if (!argraph_graph__node_kind_info(kind) || !id || !len)
		return ARGRAPH_EINVALID;
	uint64_t h = strmap_hash_n(id, len);
	size_t existing = strmap_get_hashed(&g->by_id, id, h);
	if (existing != ARGRAPH_NONE) {
		const argraph_node *n = g->nodes.items[existing];
		if (n->kind != kind)
			return ARGRAPH_EINVALID;
		if (out_index)
			*out_index = existing;
		return ARGRAPH_OK;
	}
	argraph_node *n = arena_alloc(&g->mem, sizeof *n);
	if (!n || !(n->id = str_copy(&g->mem, id, len)))
		return ARGRAPH_ENOMEM;
	n->kind = kind;
	n->index = g->nodes.len;
	if (copy_prov(g, &n->prov, prov) != ARGRAPH_OK)
		return ARGRAPH_ENOMEM;
	if (ptrvec_push(&g->nodes, n) < 0)
		return ARGRAPH_ENOMEM;
	if (strmap_add_hashed(&g->by_id, n->id, h, n->index) < 0) {
		g->nodes.len--;
		return ARGRAPH_ENOMEM;
	}
	if (out_index)
		*out_index = n->index;
	return ARGRAPH_OK;
}

argraph_status argraph_graph__reserve_nodes(argraph_graph *g, size_t n)
{
	if (n > SIZE_MAX - g->nodes.len)
		return ARGRAPH_ENOMEM;
	size_t total = g->nodes.len + n;
	if (strmap_reserve(&g->by_id, total) < 0
	    || vec_reserve((void **)&g->nodes.items, &g->nodes.cap, sizeof *g->nodes.items, total, 16) < 0)
		return ARGRAPH_ENOMEM;
	return ARGRAPH_OK;
}

argraph_status argraph_graph_set_label(argraph_graph *g, size_t node,
	const char *lang, const char *text)
{
	if (node >= g->nodes.len || !text)
		return ARGRAPH_EINVALID;
	argraph_node *n = g->nodes.items[node];
	return pairs_set(g, &n->labels, lang && *lang ? lang : NULL, text, PAIRS_FIRST);
}

argraph_status argraph_graph_set_node_attr(argraph_graph *g, size_t node,
	const char *name, const char *value)
{
	if (node >= g->nodes.len || !name || !*name || !value)
		return ARGRAPH_EINVALID;
	argraph_node *n = g->nodes.items[node];
	return pairs_set(g, &n->attrs, name, value, NODE_ATTRS_FIRST);
}

const char *argraph_graph__intern(argraph_graph *g, const char *s)
{
	return s ? intern(g, s) : NULL;
}

argraph_status argraph_graph__set_node_attr_own(argraph_graph *g, size_t node,
	const char *iname, const char *value)
{
	if (node >= g->nodes.len || !iname || !value)
		return ARGRAPH_EINVALID;
	argraph_node *n = g->nodes.items[node];
	return pairs_put(&g->mem, &n->attrs, iname, value, NODE_ATTRS_FIRST);
}

/* Whether the len bytes at value are the last text copied (a sentence
 * just given as a node's label or provenance): the extractor then sets
 * it as an attribute too, and one copy serves all three. last_text is
 * left as it is: a value no other element shares would only push out
 * the sentence that the next attribute may repeat. */
static int same_as_last_text(const argraph_graph *g, const char *value, size_t len)
{
	const char *t = g->last_text;
	return t && argraph_graph__strlen(t) == len && (t == value || memcmp(t, value, len) == 0);
}

argraph_status argraph_graph__set_node_attr_n(argraph_graph *g, size_t node,
	const char *iname, const char *value, size_t len)
{
	if (node >= g->nodes.len || !iname || !value)
		return ARGRAPH_EINVALID;
	argraph_node *n = g->nodes.items[node];
	const char *v = same_as_last_text(g, value, len) ? g->last_text : str_copy(&g->mem, value, len);
	return v ? pairs_put(&g->mem, &n->attrs, iname, v, NODE_ATTRS_FIRST) : ARGRAPH_ENOMEM;
}

argraph_status argraph_graph_set_node_prov(argraph_graph *g, size_t node,
	const argraph_prov *prov)
{
	if (node >= g->nodes.len)
		return ARGRAPH_EINVALID;
	argraph_node *n = g->nodes.items[node];
	return copy_prov(g, &n->prov, prov);
}

/* "e<num>" stored as a graph string (after its length), its digits
 * written in place (decimal.h). NULL when out of memory. */
static const char *edge_id(arena *mem, size_t num)
{
	size_t n = 1 + decimal_len(num);
	char *p = arena_alloc_bytes(mem, sizeof n + n + 1);
	if (!p)
		return NULL;
	memcpy(p, &n, sizeof n);
	p += sizeof n;
	p[0] = 'e';
	*decimal_put(p + 1, num) = '\0';
	return p;
}

/* Add an edge with rule id `irule` (interned, or NULL) and a provenance
 * that is copied, or taken as it is when `own` says its strings are the
 * graph's own. */
static argraph_status add_edge(argraph_graph *g, argraph_edge_kind kind, size_t source,
	size_t target, const char *irule, const argraph_prov *prov, int own, size_t *out_index)
{
	argraph_edge *e = arena_alloc_uninit(&g->mem, sizeof *e);
	const char *id = edge_id(&g->mem, g->edges.len + 1);
	if (!e || !id)
		return ARGRAPH_ENOMEM;
	*e = (argraph_edge){.kind = kind, .source = source, .target = target, .id = id, .rule = irule};
	if (own && prov)
		e->prov = *prov;
	else if (copy_prov(g, &e->prov, prov) != ARGRAPH_OK)
		return ARGRAPH_ENOMEM;
	argraph_node *src = g->nodes.items[source], *dst = g->nodes.items[target];
	if (idx_push(&g->mem, &src->out, g->edges.len) < 0
	    || idx_push(&g->mem, &dst->in, g->edges.len) < 0)
		return ARGRAPH_ENOMEM;
	if (ptrvec_push(&g->edges, e) < 0) {
		src->out.len--;
		dst->in.len--;
		return ARGRAPH_ENOMEM;
	}
	src->out_kinds |= 1u << kind;
	if (out_index)
		*out_index = g->edges.len - 1;
	return ARGRAPH_OK;
}

static int edge_ends_valid(const argraph_graph *g, argraph_edge_kind kind, size_t source,
	size_t target)
{
	return argraph_graph__edge_kind_info(kind) && source < g->nodes.len
	    && target < g->nodes.len;
}

argraph_status argraph_graph_add_edge(argraph_graph *g, argraph_edge_kind kind,
	size_t source, size_t target, const char *rule, const argraph_prov *prov,
	size_t *out_index)
{
	if (!edge_ends_valid(g, kind, source, target))
		return ARGRAPH_EINVALID;
	const char *irule = rule ? intern(g, rule) : NULL;
	if (rule && !irule)
		return ARGRAPH_ENOMEM;
	return add_edge(g, kind, source, target, irule, prov, 0, out_index);
}

argraph_status argraph_graph__add_edge_own(argraph_graph *g, argraph_edge_kind kind,
	size_t source, size_t target, const char *irule, const argraph_prov *prov,
	size_t *out_index)
{
	if (!edge_ends_valid(g, kind, source, target))
		return ARGRAPH_EINVALID;
	return add_edge(g, kind, source, target, irule, prov, 1, out_index);
}

argraph_status argraph_graph_set_edge_attr(argraph_graph *g, size_t edge,
	const char *name, const char *value)
{
	if (edge >= g->edges.len || !name || !*name || !value)
		return ARGRAPH_EINVALID;
	argraph_edge *e = g->edges.items[edge];
	return pairs_set(g, &e->attrs, name, value, PAIRS_FIRST);
}

size_t argraph_graph_node_count(const argraph_graph *g) { return g->nodes.len; }
size_t argraph_graph_edge_count(const argraph_graph *g) { return g->edges.len; }

const argraph_node *argraph_graph_node_at(const argraph_graph *g, size_t i)
{
	return i < g->nodes.len ? g->nodes.items[i] : NULL;
}

const argraph_edge *argraph_graph_edge_at(const argraph_graph *g, size_t i)
{
	return i < g->edges.len ? g->edges.items[i] : NULL;
}

size_t argraph_graph_find_node(const argraph_graph *g, const char *id)
{
	return strmap_get(&g->by_id, id);
}

size_t argraph_graph__find_node_n(const argraph_graph *g, const char *id, size_t len)
{
	return strmap_get_hashed(&g->by_id, id, strmap_hash_n(id, len));
}

size_t argraph_graph_find_edge(const argraph_graph *g, argraph_edge_kind kind,
	size_t source, size_t target)
{
	if (source >= g->nodes.len)
		return ARGRAPH_NONE;
	const argraph_node *n = g->nodes.items[source];
	for (size_t i = 0; i < n->out.len; i++) {
		const argraph_edge *e = g->edges.items[n->out.items[i]];
		if (e->kind == kind && e->target == target)
			return n->out.items[i];
	}
	return ARGRAPH_NONE;
}

size_t argraph_graph_out_degree(const argraph_graph *g, size_t node)
{
	return node < g->nodes.len ? ((const argraph_node *)g->nodes.items[node])->out.len : 0;
}

size_t argraph_graph_out_edge_at(const argraph_graph *g, size_t node, size_t i)
{
	if (node >= g->nodes.len)
		return ARGRAPH_NONE;
	const argraph_node *n = g->nodes.items[node];
	return i < n->out.len ? n->out.items[i] : ARGRAPH_NONE;
}

size_t argraph_graph_in_degree(const argraph_graph *g, size_t node)
{
	return node < g->nodes.len ? ((const argraph_node *)g->nodes.items[node])->in.len : 0;
}

size_t argraph_graph_in_edge_at(const argraph_graph *g, size_t node, size_t i)
{
	if (node >= g->nodes.len)
		return ARGRAPH_NONE;
	const argraph_node *n = g->nodes.items[node];
	return i < n->in.len ? n->in.items[i] : ARGRAPH_NONE;
}

argraph_node_kind argraph_node_get_kind(const argraph_node *n) { return n->kind; }
const char *argraph_node_get_id(const argraph_node *n) { return n->id; }
size_t argraph_node_get_index(const argraph_node *n) { return n->index; }

const char *argraph_node_get_label_exact(const argraph_node *n, const char *lang)
{
	return pairs_get(&n->labels, lang && *lang ? lang : NULL);
}

const char *argraph_node_get_label(const argraph_node *n, const char *lang)
{
	const char *l = NULL;
	if (lang && *lang)
		l = pairs_get(&n->labels, lang);
	if (!l)
		l = pairs_get(&n->labels, NULL);
	if (!l && n->labels.len)
		l = n->labels.items[0].b;
	return l ? l : n->id;
}

size_t argraph_node_label_count(const argraph_node *n) { return n->labels.len; }

void argraph_node_label_at(const argraph_node *n, size_t i, const char **lang,
	const char **text)
{
	*lang = i < n->labels.len ? n->labels.items[i].a : NULL;
	*text = i < n->labels.len ? n->labels.items[i].b : NULL;
}

size_t argraph_node_attr_count(const argraph_node *n) { return n->attrs.len; }

void argraph_node_attr_at(const argraph_node *n, size_t i, const char **name,
	const char **value)
{
	*name = i < n->attrs.len ? n->attrs.items[i].a : NULL;
	*value = i < n->attrs.len ? n->attrs.items[i].b : NULL;
}

const char *argraph_node_get_attr(const argraph_node *n, const char *name)
{
	return name ? pairs_get(&n->attrs, name) : NULL;
}

const argraph_prov *argraph_node_get_prov(const argraph_node *n) { return &n->prov; }

const char *argraph_node__attr_interned(const argraph_node *n, const char *iname)
{
	return pairs_get_interned(&n->attrs, iname);
}

const char *argraph_edge__attr_interned(const argraph_edge *e, const char *iname)
{
	return pairs_get_interned(&e->attrs, iname);
}

argraph_edge_kind argraph_edge_get_kind(const argraph_edge *e) { return e->kind; }
const char *argraph_edge_get_id(const argraph_edge *e) { return e->id; }
size_t argraph_edge_get_source(const argraph_edge *e) { return e->source; }
size_t argraph_edge_get_target(const argraph_edge *e) { return e->target; }
const char *argraph_edge_get_rule(const argraph_edge *e) { return e->rule; }
size_t argraph_edge_attr_count(const argraph_edge *e) { return e->attrs.len; }

void argraph_edge_attr_at(const argraph_edge *e, size_t i, const char **name,
	const char **value)
{
	*name = i < e->attrs.len ? e->attrs.items[i].a : NULL;
	*value = i < e->attrs.len ? e->attrs.items[i].b : NULL;
}

const char *argraph_edge_get_attr(const argraph_edge *e, const char *name)
{
	return name ? pairs_get(&e->attrs, name) : NULL;
}

const argraph_prov *argraph_edge_get_prov(const argraph_edge *e) { return &e->prov; }

argraph_status argraph_graph_check(const argraph_graph *g)
{
	for (size_t i = 0; i < g->nodes.len; i++) {
		const argraph_node *n = g->nodes.items[i];
		if (n->index != i || !argraph_graph__node_kind_info(n->kind)
		    || strmap_get(&g->by_id, n->id) != i)
			return ARGRAPH_EINVALID;
	}
	for (size_t i = 0; i < g->edges.len; i++) {
		const argraph_edge *e = g->edges.items[i];
		if (!argraph_graph__edge_kind_info(e->kind) || e->source >= g->nodes.len
		    || e->target >= g->nodes.len)
			return ARGRAPH_EINVALID;
	}
	return ARGRAPH_OK;
}
