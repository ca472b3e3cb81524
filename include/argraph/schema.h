/* SPDX-License-Identifier: MIT */
/*
 * schema.h — the graph schema and the graph validator.
 *
 * A graph schema is a small XML file (schemas/argraph-graph.xml is the
 * default; docs/graph-schema.md describes the format) that says which node
 * and edge kinds a graph may hold, which attributes each kind needs and what
 * values they take, which node kinds each edge kind may join, how many edges
 * of a kind a node may have, and graph-wide rules (no cycles in a subgraph;
 * every citation resolves or is marked dangling). Loading a schema checks
 * the file against its own RELAX NG grammar (schemas/argraph-graph-schema.rng)
 * and then checks the names and numbers in it; every problem is a diagnostic
 * at the schema file's line.
 *
 * argraph_graph_validate() turns every violation into a diagnostic with a
 * stable code ("graph.attr.missing", "graph.card.max", ...), a severity
 * taken from the schema, a message naming the node or edge id, and the
 * position of the element's provenance (TEI file, line, xml:id).
 *
 * Ownership: an argraph_graph_schema owns everything it holds; strings it
 * returns are borrowed until argraph_graph_schema_free(). A loaded schema is
 * read-only, so one schema may validate many graphs, also from several
 * threads. Loading is not thread-safe (libxml2 2.9 keeps its fallback error
 * handler in per-thread state, which the loader sets and restores).
 */
#ifndef ARGRAPH_SCHEMA_H
#define ARGRAPH_SCHEMA_H

#include "common.h"
#include "diag.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Namespace of graph schema files. */
#define ARGRAPH_GRAPH_SCHEMA_NS "urn:argraph:graph-schema:1"
/** Highest `version` attribute this library reads. */
#define ARGRAPH_GRAPH_SCHEMA_VERSION 1

typedef struct argraph_graph_schema argraph_graph_schema;

/**
 * Load a graph schema file.
 *
 * The file is parsed without network access and without loading or
 * expanding entities; a file whose DOCTYPE declares entities is refused.
 * It is then validated against the RELAX NG grammar at `rng_path`, and if
 * that passes, its kind names, value types, bounds and references are
 * checked. Parsing stops at the first stage that finds errors.
 *
 * @param out receives the schema (NULL on failure)
 * @param path the schema file; also the file name in diagnostics
 * @param rng_path the schema-of-schema (schemas/argraph-graph-schema.rng),
 *        or NULL to skip the RELAX NG stage (the loader's own checks still
 *        reject unknown elements and attributes, at their line)
 * @param diags receives every problem, positioned in `path` (may be NULL)
 * @return ARGRAPH_OK;
 *         ARGRAPH_EIO if `path` or `rng_path` cannot be read;
 *         ARGRAPH_ETOOBIG if the file is over 16 MiB;
 *         ARGRAPH_EPARSE if the file is not well-formed XML or declares
 *         entities;
 *         ARGRAPH_EINVALID if it breaks the grammar or names unknown kinds,
 *         types, and so on (or `rng_path` is not a usable grammar);
 *         ARGRAPH_ENOMEM.
 *
 * *Ownership:* the caller frees *out with argraph_graph_schema_free().
 */
ARGRAPH_API argraph_status argraph_graph_schema_read_file(
	argraph_graph_schema **out, const char *path, const char *rng_path,
	argraph_diags *diags);

/**
 * Load a graph schema from memory. As argraph_graph_schema_read_file();
 * `name` is the file name used in diagnostics (NULL gives "<memory>").
 */
ARGRAPH_API argraph_status argraph_graph_schema_read_mem(
	argraph_graph_schema **out, const char *buf, size_t len,
	const char *name, const char *rng_path, argraph_diags *diags);

/** Free a schema. NULL is fine. */
ARGRAPH_API void argraph_graph_schema_free(argraph_graph_schema *s);

/**
 * Check `g` against `s`. Every violation becomes one diagnostic:
 * severity from the schema, a `graph.*` code (see docs/graph-schema.md),
 * a message beginning "node ID (KIND): " or "edge ID (KIND, SRC -> DST): ",
 * and the position of the element's provenance (an edge without a file or
 * line in its provenance borrows its source node's). Diagnostics come in a
 * fixed order: undeclared kinds, edge ends, node attributes and labels,
 * edge attributes, cardinalities, then the graph-level rules in the
 * schema's order; within each, by node or edge index.
 *
 * @param g the graph to check
 * @param s the schema to check it against
 * @param diags receives one diagnostic per violation (may be NULL)
 * @param out_errors receives the number of error-severity violations (may
 *        be NULL); counted even when `diags` is NULL
 * @param out_warnings receives the number of warnings (may be NULL)
 * @return ARGRAPH_OK even when violations were found (they are in `diags`);
 *         ARGRAPH_EINVALID if `g` or `s` is NULL; ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_graph_validate(const argraph_graph *g,
	const argraph_graph_schema *s, argraph_diags *diags,
	size_t *out_errors, size_t *out_warnings);

/* ---- introspection (the CLI's --help, and the kind-table agreement test) ---- */

/** The schema's `name` attribute, or "" if it has none. *Ownership:* borrowed. */
ARGRAPH_API const char *argraph_graph_schema_get_name(const argraph_graph_schema *s);
/** The schema's `version` attribute. */
ARGRAPH_API unsigned argraph_graph_schema_get_version(const argraph_graph_schema *s);

/** Number of node kinds the schema declares. */
ARGRAPH_API size_t argraph_graph_schema_node_kind_count(const argraph_graph_schema *s);
/** The i-th declared node kind, in file order; ARGRAPH_NODE_NONE if out of range. */
ARGRAPH_API argraph_node_kind argraph_graph_schema_node_kind_at(
	const argraph_graph_schema *s, size_t i);
/** Number of edge kinds the schema declares. */
ARGRAPH_API size_t argraph_graph_schema_edge_kind_count(const argraph_graph_schema *s);
/** The i-th declared edge kind, in file order; ARGRAPH_EDGE_NONE if out of range. */
ARGRAPH_API argraph_edge_kind argraph_graph_schema_edge_kind_at(
	const argraph_graph_schema *s, size_t i);

/**
 * Whether the schema declares edge kind `e` with `from` among its allowed
 * source kinds and `to` among its allowed target kinds. 0 for an undeclared
 * edge kind.
 */
ARGRAPH_API int argraph_graph_schema_edge_allows(const argraph_graph_schema *s,
	argraph_edge_kind e, argraph_node_kind from, argraph_node_kind to);

#ifdef __cplusplus
}
#endif
#endif
