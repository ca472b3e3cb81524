/* SPDX-License-Identifier: MIT */
/*
 * kinds.h — the one table of node and edge kinds (internal). DOT styles, the
 * JSON exporter, the legend and the default graph schema all read it; a
 * test checks that schemas/argraph-graph.xml names the same kinds.
 */
#ifndef ARGRAPH_GRAPH_KINDS_H
#define ARGRAPH_GRAPH_KINDS_H

#include "argraph/graph.h"

typedef struct node_kind_info {
	const char *name;        /* JSON/schema name: lower-case ASCII letters
	                            and '_', nothing JSON must escape */
	size_t name_len;         /* strlen(name), for writers of every element */
	const char *description; /* one line, for --help and the legend */
	const char *shape;       /* Graphviz shape */
	const char *style;       /* Graphviz node style */
	const char *fillcolor;   /* light fills that stay distinct in greyscale */
	const char *pencolor;
	const char *legend_en;   /* what the diagram legend calls it */
	const char *legend_zh;
	const char *margin;      /* around the label; NULL = the diagram default */
} node_kind_info;

typedef struct edge_kind_info {
	const char *name;      /* as node_kind_info's */
	size_t name_len;
	const char *description;
	const char *style;     /* solid, dashed, dotted, bold */
	const char *color;
	const char *arrowhead;
	argraph_node_kind from[4], to[4]; /* allowed ends (NONE-terminated) */
	const char *legend_en; /* what the diagram legend calls it */
	const char *legend_zh;
} edge_kind_info;

/*
 * A look of its own for some nodes of a kind: a thesis among claims, a
 * dangling citation, an outcome among factors. A node takes the first
 * variant that matches it (table order); NULL fields keep the kind's look.
 * `attr` NULL means the diagram decides (a property of the view, not of
 * the node: `value` names it, e.g. "outcome").
 */
typedef struct node_variant_info {
	argraph_node_kind kind;
	const char *attr, *value;  /* matches when the node's attr == value */
	const char *legend_en, *legend_zh;
	const char *shape, *style, *fillcolor, *pencolor;
	const char *penwidth, *peripheries;
} node_variant_info;

const node_kind_info *argraph_graph__node_kind_info(argraph_node_kind k);
const edge_kind_info *argraph_graph__edge_kind_info(argraph_edge_kind k);
/* Variant i (0-based), NULL past the end. */
const node_variant_info *argraph_graph__node_variant_at(size_t i);

#endif
