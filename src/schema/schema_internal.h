/* SPDX-License-Identifier: MIT */
/*
 * schema_internal.h — the loaded form of a graph schema, shared by the
 * loader (schemafile.c) and the validator (validate.c).
 *
 * Everything lives in the schema's arena. Kinds are stored as enum values:
 * the loader has already mapped every name through the kind table, so the
 * validator never compares kind names. Every rule keeps the schema-file line
 * it came from (for messages about the schema itself).
 */
#ifndef ARGRAPH_SCHEMA_INTERNAL_H
#define ARGRAPH_SCHEMA_INTERNAL_H

#include "argraph/diag.h"
#include "argraph/schema.h"

#include "../util/arena.h"

typedef enum attr_type {
	ATTR_STRING = 0, /* any value */
	ATTR_INTEGER,    /* optional '-', decimal digits; optional min/max */
	ATTR_YEAR,       /* exactly four ASCII digits */
	ATTR_ENUM,       /* one of the listed values */
	ATTR_IDREF       /* the id of a node in the graph (optionally of ref_kind) */
} attr_type;

typedef struct attr_rule {
	const char *name;
	attr_type type;
	int required;               /* absent or empty value is a violation */
	argraph_severity sev;
	const char **values;        /* ATTR_ENUM: the allowed values */
	size_t nvalues;
	argraph_node_kind ref_kind; /* ATTR_IDREF: required kind, or NONE */
	int has_min, has_max;       /* ATTR_INTEGER bounds */
	long long min, max;
	unsigned line;
} attr_rule;

typedef struct card_rule {
	argraph_edge_kind edge;
	int outgoing;               /* 1: <out> (node is the source); 0: <in> */
	size_t min;
	size_t max;                 /* SIZE_MAX when unbounded */
	argraph_severity sev;
	unsigned line;
} card_rule;

typedef struct node_rule {
	int declared;
	unsigned line;
	int closed;                 /* undeclared attributes are violations */
	int label_required;
	const char *label_lang;     /* NULL: any language */
	argraph_severity label_sev;
	attr_rule *attrs;
	size_t nattrs;
	card_rule *cards;
	size_t ncards;
} node_rule;

typedef struct edge_rule {
	int declared;
	unsigned line;
	int closed;
	unsigned from_mask, to_mask; /* bit k set: node kind k allowed at that end */
	argraph_severity sev;        /* severity of graph.edge.ends */
	attr_rule *attrs;
	size_t nattrs;
} edge_rule;

typedef enum graph_rule_kind {
	RULE_ACYCLIC = 1, /* no cycle through edges of `edge` */
	RULE_RESOLVES     /* every `node` has an outgoing `edge` or attr = value */
} graph_rule_kind;

typedef struct graph_rule {
	graph_rule_kind kind;
	argraph_edge_kind edge;
	argraph_node_kind node;     /* RULE_RESOLVES */
	const char *attr, *value;   /* RULE_RESOLVES: the "dangling" marker */
	argraph_severity sev;
	unsigned line;
} graph_rule;

struct argraph_graph_schema {
	arena mem;
	const char *name;           /* "" when absent */
	unsigned version;
	node_rule nodes[ARGRAPH_NODE__COUNT];
	edge_rule edges[ARGRAPH_EDGE__COUNT];
	argraph_node_kind node_order[ARGRAPH_NODE__COUNT]; /* declaration order */
	size_t nnode_kinds;
	argraph_edge_kind edge_order[ARGRAPH_EDGE__COUNT];
	size_t nedge_kinds;
	graph_rule *rules;
	size_t nrules;
};

_Static_assert(ARGRAPH_NODE__COUNT <= 32, "node kind masks are 32-bit");

#endif
