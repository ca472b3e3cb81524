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
	const char *name;        /* JSON/schema name */
	const char *description; /* one line, for --help and the legend */
	const char *shape;       /* Graphviz shape */
	const char *style;       /* Graphviz node style */
	const char *fillcolor;   /* light fills that stay distinct in greyscale */
	const char *pencolor;
} node_kind_info;

typedef struct edge_kind_info {
	const char *name;
	const char *description;
	const char *style;     /* solid, dashed, dotted, bold */
	const char *color;
	const char *arrowhead;
	argraph_node_kind from[4], to[4]; /* allowed ends (NONE-terminated) */
} edge_kind_info;

const node_kind_info *argraph_graph__node_kind_info(argraph_node_kind k);
const edge_kind_info *argraph_graph__edge_kind_info(argraph_edge_kind k);

#endif
