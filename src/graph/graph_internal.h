/* SPDX-License-Identifier: MIT */
/*
 * graph_internal.h — what the exporters and the validator may know about a
 * graph beyond the public accessors (internal): its records, and how its
 * strings are stored.
 *
 * Every string a graph stores (ids, labels and their languages, attribute
 * names and values, rule ids, provenance fields) sits in the graph's arena
 * right after its length, a size_t stored unaligned: so writers need no
 * strlen. Attribute names, label languages and rule ids are interned: one
 * copy per distinct string per graph, so two of them are equal exactly
 * when their pointers are. Only strings obtained from this graph's
 * accessors may be given to these functions.
 */
#ifndef ARGRAPH_GRAPH_INTERNAL_H
#define ARGRAPH_GRAPH_INTERNAL_H

#include <string.h>

#include "argraph/graph.h"
#include "../util/arena.h"
#include "../util/strmap.h"
#include "../util/vec.h"

/* The records, for the writers that walk every element (json.c, the
 * validator): reading fields beats a call per accessor. Only graph.c
 * writes them. */
typedef struct pair {
	const char *a, *b; /* attribute name/value, or label lang/text; a is
	                      interned (or NULL: the neutral label) */
} pair;

typedef struct pairs {
	pair *items;
	size_t len, cap;
} pairs;

/* Edge indices; grown in the arena (old arrays are abandoned there). */
typedef struct idxlist {
	size_t *items;
	size_t len, cap;
} idxlist;

struct argraph_node {
	argraph_node_kind kind;
	idxlist out, in; /* adjacency, edge indices in insertion order */
	unsigned out_kinds; /* bit k: an edge of kind k leaves this node
	                       (argraph_graph__has_out_kind) */
	size_t index;
	const char *id;
	pairs labels;
	pairs attrs;
	argraph_prov prov;
};

struct argraph_edge {
	argraph_edge_kind kind;
	size_t source, target;
	const char *id;
	const char *rule;
	pairs attrs;
	argraph_prov prov;
};

struct argraph_graph {
	arena mem;
	ptrvec nodes, edges;
	strmap by_id;
	strmap names; /* the interned attribute names, languages, rule ids */
	/* the last provenance file and xpath copied: the next element usually
	 * has the same ones (same document, same paragraph) and shares them;
	 * likewise the last text (a label, an attribute value or a provenance
	 * text): a claim's label, its "text" attribute and its provenance text
	 * are one sentence */
	const char *last_file, *last_xpath, *last_text, *last_xml_id;
	/* interned names by the address the caller passed them at: callers
	 * mostly pass the same literals and rule ids again and again, and one
	 * strcmp against the cached copy is cheaper than hashing and probing.
	 * A hit is confirmed by content, so a reused buffer is no danger. */
	struct {
		const char *from, *to;
	} name_cache[32];
};

/* Length of a string returned by a graph accessor (not NULL). The 8
 * bytes before such a string are this length and belong to the string's
 * own allocation: the JSON writer reads them as padding when it loads
 * the last 16 bytes of a short string at once. */
static inline size_t argraph_graph__strlen(const char *s)
{
	size_t n;
	memcpy(&n, s - sizeof n, sizeof n);
	return n;
}

/* The graph's interned copy of an attribute name, label language or rule
 * id equal to `name`, or NULL when the graph holds no such string (then
 * no node or edge has that attribute). *Ownership:* borrowed, valid until
 * argraph_graph_free(). */
const char *argraph_graph__interned(const argraph_graph *g, const char *name);

/* The graph's interned copy of `s` (made on first use), or NULL when out
 * of memory (or `s` is NULL). For a writer that sets the same attribute
 * names, and the same few values, on many elements: it interns them once
 * and hands over the copies, which the two calls below store without
 * hashing, comparing or copying them again. *Ownership:* borrowed, valid
 * until argraph_graph_free(). */
const char *argraph_graph__intern(argraph_graph *g, const char *s);

/* argraph_graph_set_node_attr() with `iname` from argraph_graph__intern()
 * and `value` a string the graph already holds (interned, or read from
 * one of its nodes or edges): stored as it is. */
argraph_status argraph_graph__set_node_attr_own(argraph_graph *g, size_t node,
	const char *iname, const char *value);

/* argraph_graph_set_node_attr() with `iname` from argraph_graph__intern()
 * and the `len` bytes at `value` (no NUL needed) copied, or shared with
 * the last text the graph copied when equal to it (as pairs_set does,
 * without making this value the one to share next). */
argraph_status argraph_graph__set_node_attr_n(argraph_graph *g, size_t node,
	const char *iname, const char *value, size_t len);

/* argraph_graph_add_node() with the id's length known: `id` is `len`
 * bytes followed by a NUL. */
argraph_status argraph_graph__add_node_n(argraph_graph *g, argraph_node_kind kind,
	const char *id, size_t len, const argraph_prov *prov, size_t *out_index);

/* argraph_graph_find_node() with the id's length known (`id` as above). */
size_t argraph_graph__find_node_n(const argraph_graph *g, const char *id, size_t len);

/* Room for n more nodes: the id index and the node list are sized once,
 * not doubled and rehashed again and again while an extractor adds them.
 * A hint only: adding more than n still works. ARGRAPH_ENOMEM when out
 * of memory. */
argraph_status argraph_graph__reserve_nodes(argraph_graph *g, size_t n);

/* argraph_graph_add_edge() with `irule` from argraph_graph__intern() (or
 * NULL) and a provenance whose strings are the graph's own (read from one
 * of its nodes or edges, or interned), or NULL: stored as it is, not
 * copied nor compared. */
argraph_status argraph_graph__add_edge_own(argraph_graph *g, argraph_edge_kind kind,
	size_t source, size_t target, const char *irule, const argraph_prov *prov,
	size_t *out_index);

/* Whether an edge of kind k leaves node n, without walking its edges:
 * a walk over every node's edges for one kind (the validator's cycle
 * search) need look only where this is 1. */
static inline int argraph_graph__has_out_kind(const argraph_node *n, argraph_edge_kind k)
{
	return (n->out_kinds >> k) & 1u;
}

/* Attribute value by interned name (pointer comparison), or NULL. */
const char *argraph_node__attr_interned(const argraph_node *n, const char *iname);
const char *argraph_edge__attr_interned(const argraph_edge *e, const char *iname);

#endif
