/* SPDX-License-Identifier: MIT */
/*
 * graph_internal.h — what the exporters and the validator may know about a
 * graph's strings beyond the public accessors (internal).
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

/* Length of a string returned by a graph accessor (not NULL). */
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

/* Attribute value by interned name (pointer comparison), or NULL. */
const char *argraph_node__attr_interned(const argraph_node *n, const char *iname);
const char *argraph_edge__attr_interned(const argraph_edge *e, const char *iname);

#endif
