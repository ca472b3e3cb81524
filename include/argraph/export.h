/* SPDX-License-Identifier: MIT */
/*
 * export.h — writing a graph out: DOT (through cgraph), SVG/PNG/PDF
 * (through gvc), and JSON (through jansson), plus reading JSON back.
 *
 * Files are written atomically (temporary file + rename): a failure never
 * leaves a half-written file behind. The Graphviz-based exporters are not
 * thread-safe (cgraph keeps global error state); call them from one thread.
 */
#ifndef ARGRAPH_EXPORT_H
#define ARGRAPH_EXPORT_H

#include <stdio.h>

#include "common.h"
#include "diag.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Which part of the graph a diagram shows. Where a text has its abstract in
 * two languages, every view keeps the abstract in the label language only.
 */
typedef enum argraph_view {
	ARGRAPH_VIEW_ALL = 0, /**< everything but the structure; sections as nested clusters */
	ARGRAPH_VIEW_CAUSAL,  /**< factors in `causes` edges, left to right, outcomes last */
	ARGRAPH_VIEW_ARGUMENT,/**< claims in supports/attacks/asserts and the theses (on
	                           top); each asserter beside its claims */
	ARGRAPH_VIEW_CITATION /**< citing claims → citations → works, with their authors */
} argraph_view;

/** "all", "causal", ...; NULL when out of range. */
ARGRAPH_API const char *argraph_view_name(argraph_view v);
/** 0 and *out set, or -1 when the name is unknown. */
ARGRAPH_API int argraph_view_from_name(const char *name, argraph_view *out);

/** Options for diagrams. Start from ARGRAPH_DOT_OPTIONS_INIT. */
typedef struct argraph_dot_options {
	unsigned version;      /**< ARGRAPH_DOT_OPTIONS_VERSION */
	argraph_view view;
	const char *lang;      /**< label language ("zh", "en") where a node has both,
	                            falling back to the other; NULL = the language of the
	                            text (its document node's `lang`). Also the language
	                            of the legend and of the few fixed words. */
	const char *font;      /**< font family; NULL = ARGRAPH_DEFAULT_FONT */
	unsigned wrap_columns; /**< label width in display columns (CJK = 2);
	                            0 = ARGRAPH_DEFAULT_WRAP */
	int clusters;          /**< 1: one cluster per section, where it helps (view all) */
	int legend;            /**< 1: add a legend of the kinds present */
	/* version 2 */
	unsigned min_degree;   /**< draw only nodes with at least this many of the
	                            view's edges (parallel edges count; 0 = all) */
	size_t top;            /**< draw only the `top` nodes with the most of the
	                            view's edges, ties in graph order (0 = all).
	                            Edges that lost an end go; a kept node left
	                            with no edge is still drawn. */
	unsigned render_timeout; /**< argraph_render_file(): stop a layout that has
	                            not finished after this many seconds (an error;
	                            nothing written); 0 = no limit */
} argraph_dot_options;

#define ARGRAPH_DOT_OPTIONS_VERSION 2
/** The one family that gives Simplified Chinese glyph forms (TECHNOTES §3.3). */
#define ARGRAPH_DEFAULT_FONT "Noto Sans CJK SC"
/** Default label width in display columns: 14 Chinese characters. */
#define ARGRAPH_DEFAULT_WRAP 28
/** Resolution of PNG output (SVG and PDF are vector). */
#define ARGRAPH_PNG_DPI 150
#define ARGRAPH_DOT_OPTIONS_INIT { ARGRAPH_DOT_OPTIONS_VERSION, ARGRAPH_VIEW_ALL, NULL, NULL, 0, 1, 1, 0, 0, 0 }

/**
 * How many nodes and edges the view `opts` describes would draw (after
 * its filters; the legend not counted; parallel edges counted one by
 * one). For choosing a layout before drawing: dot is the best layout for
 * these views but slows down sharply past a few thousand nodes.
 * @return ARGRAPH_OK or ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_view_size(const argraph_graph *g,
	const argraph_dot_options *opts, size_t *nodes, size_t *edges);

/**
 * Write the graph as DOT (built with cgraph, written with agwrite).
 * @return ARGRAPH_OK, ARGRAPH_EIO, ARGRAPH_ENOMEM, ARGRAPH_ERROR (cgraph).
 */
ARGRAPH_API argraph_status argraph_dot_write(const argraph_graph *g,
	const argraph_dot_options *opts, FILE *out, argraph_diags *diags);

/** DOT text of the graph. *Ownership:* *out is the caller's (argraph_free). */
ARGRAPH_API argraph_status argraph_dot_to_string(char **out,
	const argraph_graph *g, const argraph_dot_options *opts, argraph_diags *diags);

/**
 * Lay out and render to a file through gvc. Layout runs in a child
 * process, so a Graphviz crash becomes an error, not a crash of the caller.
 * The same graph and options give the same bytes in every format: SVG and
 * PNG are stable as Graphviz writes them; the date cairo stamps into a PDF
 * is replaced with $SOURCE_DATE_EPOCH, or 1970-01-01 when that is unset.
 * PNG is drawn at ARGRAPH_PNG_DPI.
 * @param format "svg", "png", "pdf", "dot" …
 * @param engine "dot", "neato", "fdp", "sfdp"; NULL = "dot"
 * @param path written atomically
 * @return ARGRAPH_OK, ARGRAPH_EIO (cannot write), ARGRAPH_EINVALID (unknown
 *         format or engine), ARGRAPH_ERROR (Graphviz failed).
 */
ARGRAPH_API argraph_status argraph_render_file(const argraph_graph *g,
	const argraph_dot_options *opts, const char *format, const char *engine,
	const char *path, argraph_diags *diags);

/** Version string of the JSON format written by argraph_json_*. */
#define ARGRAPH_JSON_FORMAT "argraph-graph/1"

/** JSON of the whole graph (docs/json-format.md). *Ownership:* caller's. */
ARGRAPH_API argraph_status argraph_json_to_string(char **out,
	const argraph_graph *g, argraph_diags *diags);

/**
 * Read a graph back from JSON written by argraph_json_to_string().
 * @return ARGRAPH_OK, ARGRAPH_EPARSE (not JSON), ARGRAPH_EINVALID (JSON
 *         but not an argraph graph: wrong version, unknown kind, dangling
 *         edge end — each reported with its line), ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_json_read_mem(argraph_graph **out,
	const char *buf, size_t len, const char *name, argraph_diags *diags);

/**
 * Read a graph JSON file (same format and errors as argraph_json_read_mem();
 * ARGRAPH_EIO if it cannot be read, ARGRAPH_ETOOBIG over `max_bytes`,
 * 0 = no limit).
 */
ARGRAPH_API argraph_status argraph_json_read_file(argraph_graph **out,
	const char *path, size_t max_bytes, argraph_diags *diags);

/** Write bytes to `path` atomically. ARGRAPH_EIO on failure (with a diag). */
ARGRAPH_API argraph_status argraph_write_file_atomic(const char *path,
	const void *data, size_t len, argraph_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
