/* SPDX-License-Identifier: MIT */
/*
 * network.c — the citation network of a graph (merge.h): documents → the
 * works they cite → the people who wrote them. The claim-level citation
 * view of a merged corpus runs to tens of thousands of claim and citation
 * nodes, each seen once; at that scale what a reader wants is which
 * documents cite which works, and which works are cited most.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/merge.h"
#include "../util/strmap.h"
#include "../util/vec.h"

/* A set of string keys that owns them (strmap borrows its keys). */
typedef struct keyset {
	strmap map;
	char **owned;
	size_t len, cap;
} keyset;

/* The value of key, or (size_t)-1 when absent. */
static size_t keyset_get(const keyset *ks, const char *key)
{
	return strmap_get(&ks->map, key);
}

/* Add key with value; 0, or -1 when out of memory. */
static int keyset_put(keyset *ks, const char *key, size_t value)
{
	if (vec_reserve((void **)&ks->owned, &ks->cap, sizeof *ks->owned, ks->len + 1, 64) != 0
	    || !(ks->owned[ks->len] = strdup(key)))
		return -1;
	if (strmap_put(&ks->map, ks->owned[ks->len], value) != 0) {
		free(ks->owned[ks->len]);
		return -1;
	}
	ks->len++;
	return 0;
}

static void keyset_release(keyset *ks)
{
	strmap_release(&ks->map);
	for (size_t i = 0; i < ks->len; i++)
		free(ks->owned[i]);
	free(ks->owned);
}

typedef struct net {
	const argraph_graph *g;
	argraph_graph *out;
	size_t *copy;          /* node of g → its node in out, or ARGRAPH_NONE */
	keyset pairs;          /* "<doc>\t<work>" (node indexes of out) → edge of out */
	size_t *count;         /* edge of out → citations behind it */
	size_t count_cap;
	argraph_status st;
} net;

static size_t copy_node(net *x, size_t i)
{
	if (x->copy[i] != ARGRAPH_NONE || x->st != ARGRAPH_OK)
		return x->copy[i];
	const argraph_node *n = argraph_graph_node_at(x->g, i);
	size_t o = ARGRAPH_NONE;
	x->st = argraph_graph_add_node(x->out, argraph_node_get_kind(n), argraph_node_get_id(n),
		argraph_node_get_prov(n), &o);
	for (size_t k = 0; x->st == ARGRAPH_OK && k < argraph_node_label_count(n); k++) {
		const char *lang, *text;
		argraph_node_label_at(n, k, &lang, &text);
		x->st = argraph_graph_set_label(x->out, o, lang, text);
	}
	for (size_t k = 0; x->st == ARGRAPH_OK && k < argraph_node_attr_count(n); k++) {
		const char *name, *value;
		argraph_node_attr_at(n, k, &name, &value);
		x->st = argraph_graph_set_node_attr(x->out, o, name, value);
	}
	if (x->st == ARGRAPH_OK)
		x->copy[i] = o;
	return x->copy[i];
}

/* The document a node of a per-document or merged graph belongs to: the
 * edge's `document` attribute where the merge left one, else the part of
 * the node id before '#'. ARGRAPH_NONE when there is no such document. */
static size_t document_of(const net *x, const argraph_edge *e, size_t node)
{
	const char *doc = argraph_edge_get_attr(e, "document");
	if (doc)
		return argraph_graph_find_node(x->g, doc);
	const char *id = argraph_node_get_id(argraph_graph_node_at(x->g, node));
	const char *hash = strchr(id, '#');
	if (!hash)
		return ARGRAPH_NONE;
	char key[512];
	if ((size_t)(hash - id) >= sizeof key)
		return ARGRAPH_NONE;
	memcpy(key, id, (size_t)(hash - id));
	key[hash - id] = '\0';
	size_t d = argraph_graph_find_node(x->g, key);
	return d != ARGRAPH_NONE
	       && argraph_node_get_kind(argraph_graph_node_at(x->g, d)) == ARGRAPH_NODE_DOCUMENT ? d : ARGRAPH_NONE;
}

/* One citation of work w by document d (nodes of g): an edge d → w in
 * out the first time, a count after. */
static void cite(net *x, size_t d, size_t w, const argraph_prov *p)
{
	size_t od = copy_node(x, d), ow = copy_node(x, w);
	if (x->st != ARGRAPH_OK)
		return;
	char key[64];
	snprintf(key, sizeof key, "%zu\t%zu", od, ow);
	size_t e = keyset_get(&x->pairs, key);
	if (e == (size_t)-1) {
		argraph_prov ep = {0};
		if (p)
			ep = (argraph_prov){p->file, p->line, NULL, NULL, NULL, 0, 0};
		if ((x->st = argraph_graph_add_edge(x->out, ARGRAPH_EDGE_CITES, od, ow, NULL, &ep, &e)) != ARGRAPH_OK)
			return;
		if (keyset_put(&x->pairs, key, e) != 0) {
			x->st = ARGRAPH_ENOMEM;
			return;
		}
		/* edges are added in order: e is the next count */
		if (vec_reserve((void **)&x->count, &x->count_cap, sizeof *x->count, e + 1, 64) != 0) {
			x->st = ARGRAPH_ENOMEM;
			return;
		}
		x->count[e] = 0;
	}
	x->count[e]++;
}

argraph_status argraph_citation_network(const argraph_graph *g, argraph_graph **out,
	argraph_diags *diags)
{
	(void)diags;
	*out = NULL;
	net x = {0};
	x.g = g;
	size_t nn = argraph_graph_node_count(g), ne = argraph_graph_edge_count(g);
	if ((x.st = argraph_graph_new(&x.out)) != ARGRAPH_OK)
		return x.st;
	if (!(x.copy = malloc((nn ? nn : 1) * sizeof *x.copy)))
		x.st = ARGRAPH_ENOMEM;
	for (size_t i = 0; x.st == ARGRAPH_OK && i < nn; i++)
		x.copy[i] = ARGRAPH_NONE;
	/* every document, cited anything or not, in graph order */
	for (size_t i = 0; x.st == ARGRAPH_OK && i < nn; i++)
		if (argraph_node_get_kind(argraph_graph_node_at(g, i)) == ARGRAPH_NODE_DOCUMENT)
			copy_node(&x, i);
	/* claim → citation → work, and claim → work, become document → work */
	for (size_t i = 0; x.st == ARGRAPH_OK && i < ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		if (argraph_edge_get_kind(e) != ARGRAPH_EDGE_CITES)
			continue;
		size_t claim = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		size_t d = document_of(&x, e, claim);
		if (d == ARGRAPH_NONE)
			continue;
		argraph_node_kind tk = argraph_node_get_kind(argraph_graph_node_at(g, t));
		if (tk == ARGRAPH_NODE_WORK) {
			cite(&x, d, t, argraph_edge_get_prov(e));
			continue;
		}
		for (size_t k = 0; x.st == ARGRAPH_OK && k < argraph_graph_out_degree(g, t); k++) {
			const argraph_edge *r = argraph_graph_edge_at(g, argraph_graph_out_edge_at(g, t, k));
			if (argraph_edge_get_kind(r) == ARGRAPH_EDGE_RESOLVES_TO)
				cite(&x, d, argraph_edge_get_target(r), argraph_edge_get_prov(e));
		}
	}
	for (size_t e = 0; x.st == ARGRAPH_OK && e < argraph_graph_edge_count(x.out); e++) {
		char n[32];
		snprintf(n, sizeof n, "%zu", x.count[e]);
		x.st = argraph_graph_set_edge_attr(x.out, e, "citations", n);
	}
	/* the authors of the works cited */
	keyset authored = {0};
	char key[64];
	for (size_t i = 0; x.st == ARGRAPH_OK && i < ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		size_t p = argraph_edge_get_source(e), w = argraph_edge_get_target(e);
		if (argraph_edge_get_kind(e) != ARGRAPH_EDGE_AUTHORED || x.copy[w] == ARGRAPH_NONE)
			continue;
		size_t op = copy_node(&x, p);
		if (x.st != ARGRAPH_OK)
			break;
		snprintf(key, sizeof key, "%zu\t%zu", op, x.copy[w]);
		if (keyset_get(&authored, key) != (size_t)-1)
			continue; /* the same authorship from several documents: drawn once */
		if (keyset_put(&authored, key, 1) != 0)
			x.st = ARGRAPH_ENOMEM;
		else
			x.st = argraph_graph_add_edge(x.out, ARGRAPH_EDGE_AUTHORED, op, x.copy[w], NULL,
				argraph_edge_get_prov(e), NULL);
	}
	keyset_release(&authored);
	keyset_release(&x.pairs);
	free(x.count);
	free(x.copy);
	if (x.st != ARGRAPH_OK) {
		argraph_graph_free(x.out);
		return x.st;
	}
	*out = x.out;
	return ARGRAPH_OK;
}
