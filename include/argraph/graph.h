/* SPDX-License-Identifier: MIT */
/*
 * graph.h — the typed argument-and-citation graph.
 *
 * A graph holds nodes and edges of the kinds below, each with a string id,
 * string attributes, labels per language and provenance (where in which TEI
 * file it came from). Nodes and edges are addressed by index, in insertion
 * order, so every export is deterministic. Node ids are unique in a graph.
 *
 * Ownership: the graph owns everything it holds, in one arena; every string
 * passed in is copied. Pointers returned by accessors are borrowed and valid
 * until argraph_graph_free(). Not thread-safe; one graph per thread.
 */
#ifndef ARGRAPH_GRAPH_H
#define ARGRAPH_GRAPH_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Node kinds. JSON, DOT and the graph schema use the names, never the numbers. */
typedef enum argraph_node_kind {
	ARGRAPH_NODE_NONE = 0,
	ARGRAPH_NODE_DOCUMENT, /**< "document": one input text */
	ARGRAPH_NODE_SECTION,  /**< "section": a div, an abstract */
	ARGRAPH_NODE_CLAIM,    /**< "claim": a proposition (a sentence or part of one) */
	ARGRAPH_NODE_FACTOR,   /**< "factor": a cause or an outcome */
	ARGRAPH_NODE_PERSON,   /**< "person": a cited author or an actor */
	ARGRAPH_NODE_WORK,     /**< "work": a cited work / bibliography entry */
	ARGRAPH_NODE_CITATION, /**< "citation": one in-text citation occurrence */
	ARGRAPH_NODE__COUNT
} argraph_node_kind;

/** Edge kinds. */
typedef enum argraph_edge_kind {
	ARGRAPH_EDGE_NONE = 0,
	ARGRAPH_EDGE_CAUSES,      /**< "causes": factor → factor */
	ARGRAPH_EDGE_SUPPORTS,    /**< "supports": claim → claim */
	ARGRAPH_EDGE_ATTACKS,     /**< "attacks": claim → claim */
	ARGRAPH_EDGE_ASSERTS,     /**< "asserts": person → claim */
	ARGRAPH_EDGE_CITES,       /**< "cites": claim → citation */
	ARGRAPH_EDGE_RESOLVES_TO, /**< "resolves_to": citation → work */
	ARGRAPH_EDGE_AUTHORED,    /**< "authored": person → work */
	ARGRAPH_EDGE_IN,          /**< "in": claim → section */
	ARGRAPH_EDGE_PART_OF,     /**< "part_of": section → section/document */
	ARGRAPH_EDGE_MENTIONS,    /**< "mentions": claim → person/factor named in it */
	ARGRAPH_EDGE__COUNT
} argraph_edge_kind;

/**
 * Where a node or edge came from. Strings are owned by the graph.
 * Offsets count characters (code points) in the paragraph's text.
 */
typedef struct argraph_prov {
	const char *file;   /**< source file as given, or NULL */
	unsigned line;      /**< 1-based line of the element, 0 if unknown */
	const char *xml_id; /**< nearest enclosing xml:id, or NULL */
	const char *xpath;  /**< path of the element, e.g. /TEI/text[1]/body[1]/div[2]/p[3] */
	const char *text;   /**< exact text span it came from, or NULL */
	size_t begin, end;  /**< character offsets of `text` in the paragraph; 0,0 if none */
} argraph_prov;

typedef struct argraph_graph argraph_graph;
typedef struct argraph_node argraph_node;
typedef struct argraph_edge argraph_edge;

/* ---- kinds (one table, src/graph/kinds.c) ---- */

/** "claim", "factor", ...; NULL for NONE or out of range. */
ARGRAPH_API const char *argraph_node_kind_name(argraph_node_kind k);
/** Kind for a name, ARGRAPH_NODE_NONE if unknown. */
ARGRAPH_API argraph_node_kind argraph_node_kind_from_name(const char *name);
ARGRAPH_API const char *argraph_edge_kind_name(argraph_edge_kind k);
ARGRAPH_API argraph_edge_kind argraph_edge_kind_from_name(const char *name);

/* ---- life cycle ---- */

/** New empty graph. *Errors:* ARGRAPH_ENOMEM. */
ARGRAPH_API argraph_status argraph_graph_new(argraph_graph **out);
/** Free the graph and everything in it. NULL is fine. */
ARGRAPH_API void argraph_graph_free(argraph_graph *g);

/* ---- building ---- */

/**
 * Add a node, or find the existing node with the same id.
 * @param out_index receives the node's index (may be NULL)
 * @param prov where it came from (may be NULL); ignored for an existing node
 * @return ARGRAPH_OK (new or existing node of the same kind);
 *         ARGRAPH_EINVALID if the id exists with another kind, or the kind or
 *         id is invalid; ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_graph_add_node(argraph_graph *g,
	argraph_node_kind kind, const char *id, const argraph_prov *prov,
	size_t *out_index);

/**
 * Set a node's label. `lang` is a BCP 47 tag ("zh", "en") or NULL for the
 * language-neutral label. Replaces an earlier label of that language.
 */
ARGRAPH_API argraph_status argraph_graph_set_label(argraph_graph *g,
	size_t node, const char *lang, const char *text);

/** Set (or replace) a string attribute of a node. NULL value removes nothing; it is an error. */
ARGRAPH_API argraph_status argraph_graph_set_node_attr(argraph_graph *g,
	size_t node, const char *name, const char *value);

/**
 * Add an edge from node `source` to node `target`. Edges are never merged:
 * the same relation found twice (say in the Chinese and the English
 * abstract) gives two edges, each with its own evidence.
 * @param rule id of the rule that made it, or NULL for markup-derived edges
 * @param out_index receives the edge's index (may be NULL)
 * @return ARGRAPH_OK, ARGRAPH_EINVALID (bad kind or index), ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_graph_add_edge(argraph_graph *g,
	argraph_edge_kind kind, size_t source, size_t target, const char *rule,
	const argraph_prov *prov, size_t *out_index);

/** Set (or replace) a string attribute of an edge. */
ARGRAPH_API argraph_status argraph_graph_set_edge_attr(argraph_graph *g,
	size_t edge, const char *name, const char *value);

/** Replace the provenance of a node (used when merging a richer source). */
ARGRAPH_API argraph_status argraph_graph_set_node_prov(argraph_graph *g,
	size_t node, const argraph_prov *prov);

/* ---- reading ---- */

ARGRAPH_API size_t argraph_graph_node_count(const argraph_graph *g);
ARGRAPH_API size_t argraph_graph_edge_count(const argraph_graph *g);
/** *Ownership:* borrowed. NULL when out of range. */
ARGRAPH_API const argraph_node *argraph_graph_node_at(const argraph_graph *g, size_t i);
ARGRAPH_API const argraph_edge *argraph_graph_edge_at(const argraph_graph *g, size_t i);
/** Index of the node with this id, or ARGRAPH_NONE. */
ARGRAPH_API size_t argraph_graph_find_node(const argraph_graph *g, const char *id);
/** Index of the first edge of this kind between the two nodes, or ARGRAPH_NONE. */
ARGRAPH_API size_t argraph_graph_find_edge(const argraph_graph *g,
	argraph_edge_kind kind, size_t source, size_t target);

/**
 * Edges leaving / entering a node, as edge indices in insertion order:
 * i-th of argraph_graph_out_degree(g, node). O(1) each, so walking a
 * node's neighbourhood costs its degree, not the size of the graph.
 * Out of range gives 0 / ARGRAPH_NONE.
 */
ARGRAPH_API size_t argraph_graph_out_degree(const argraph_graph *g, size_t node);
ARGRAPH_API size_t argraph_graph_out_edge_at(const argraph_graph *g, size_t node, size_t i);
ARGRAPH_API size_t argraph_graph_in_degree(const argraph_graph *g, size_t node);
ARGRAPH_API size_t argraph_graph_in_edge_at(const argraph_graph *g, size_t node, size_t i);

ARGRAPH_API argraph_node_kind argraph_node_get_kind(const argraph_node *n);
ARGRAPH_API const char *argraph_node_get_id(const argraph_node *n);
ARGRAPH_API size_t argraph_node_get_index(const argraph_node *n);
/**
 * Label in `lang`, falling back to the neutral label, then to any label,
 * then to the id. Never NULL. `lang` may be NULL.
 */
ARGRAPH_API const char *argraph_node_get_label(const argraph_node *n, const char *lang);
/** Label in exactly this language (NULL = neutral), or NULL. */
ARGRAPH_API const char *argraph_node_get_label_exact(const argraph_node *n, const char *lang);
/** Labels in insertion order; lang NULL for the neutral one. */
ARGRAPH_API size_t argraph_node_label_count(const argraph_node *n);
ARGRAPH_API void argraph_node_label_at(const argraph_node *n, size_t i,
	const char **lang, const char **text);
/** Attributes in insertion order. */
ARGRAPH_API size_t argraph_node_attr_count(const argraph_node *n);
ARGRAPH_API void argraph_node_attr_at(const argraph_node *n, size_t i,
	const char **name, const char **value);
/** Attribute value or NULL. */
ARGRAPH_API const char *argraph_node_get_attr(const argraph_node *n, const char *name);
ARGRAPH_API const argraph_prov *argraph_node_get_prov(const argraph_node *n);

ARGRAPH_API argraph_edge_kind argraph_edge_get_kind(const argraph_edge *e);
/** Stable edge id: "e" + 1-based insertion number. */
ARGRAPH_API const char *argraph_edge_get_id(const argraph_edge *e);
ARGRAPH_API size_t argraph_edge_get_source(const argraph_edge *e);
ARGRAPH_API size_t argraph_edge_get_target(const argraph_edge *e);
/** Id of the rule that made the edge, or NULL. */
ARGRAPH_API const char *argraph_edge_get_rule(const argraph_edge *e);
ARGRAPH_API size_t argraph_edge_attr_count(const argraph_edge *e);
ARGRAPH_API void argraph_edge_attr_at(const argraph_edge *e, size_t i,
	const char **name, const char **value);
ARGRAPH_API const char *argraph_edge_get_attr(const argraph_edge *e, const char *name);
ARGRAPH_API const argraph_prov *argraph_edge_get_prov(const argraph_edge *e);

/**
 * Consistency check of the in-memory structure (not the schema): indices in
 * range, ids unique, kinds valid. Debug builds run it after extraction.
 * @return ARGRAPH_OK or ARGRAPH_EINVALID.
 */
ARGRAPH_API argraph_status argraph_graph_check(const argraph_graph *g);

#ifdef __cplusplus
}
#endif
#endif
