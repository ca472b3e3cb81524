/* SPDX-License-Identifier: MIT */
/* json_internal.h — the graph JSON of docs/json-format.md, written into a
 * strbuf, and what its two readers share (internal). json.c writes one node
 * or edge object; the frame around them (top-level keys, arrays) is
 * argraph_json__write() in src/merge/json_stream.c, which
 * argraph_json_to_string(), argraph_json_to_line() and argraph_json_write()
 * all use, so the forms can never disagree on a byte. The bytes are those
 * jansson's json_dumps() wrote (JSON_PRESERVE_ORDER, with JSON_COMPACT or
 * JSON_INDENT(2)); see json.c. */
#ifndef ARGRAPH_EXPORT_JSON_INTERNAL_H
#define ARGRAPH_EXPORT_JSON_INTERNAL_H

#include <stdio.h>

#include "argraph/graph.h"
#include "../util/strbuf.h"

/* Strings that repeat from one element to the next — every node of a
 * document has the same file name, the sentences of a paragraph the same
 * xpath, a claim's label, "text" attribute and provenance text — are
 * escaped once: for each slot the writer remembers the last string it
 * escaped and where that escaped form sits in the output buffer, and
 * copies it from there when the next string is the same. Zero-initialise;
 * argraph_json__memo_forget() when the buffer is emptied or cut back. */
typedef struct argraph_json__memo {
	/* [0] provenance file, [1] provenance xpath, [2] text: a label, an
	 * attribute value or a provenance text */
	const char *src[3];    /* the string (the graph's: it stays put while the
	                          graph is written), or NULL */
	size_t off[3], len[3]; /* its escaped form in the buffer */
} argraph_json__memo;

void argraph_json__memo_forget(argraph_json__memo *m);

/* Append one node (edge) object; `memo` may be NULL. The node or edge
 * must be a graph's: its strings' stored lengths are used (no strlen; see
 * src/graph/graph_internal.h). `indent` NULL: compact; else indented by
 * two spaces a level, every line after the first prefixed by `indent`.
 * 0, or -1 when a string is not valid UTF-8 or memory ran out (what is
 * appended is then incomplete: the caller drops it). */
int argraph_json__put_node(strbuf *b, const argraph_node *n, const char *indent,
	argraph_json__memo *memo);
int argraph_json__put_edge(strbuf *b, const argraph_graph *g, const argraph_edge *e,
	const char *indent, argraph_json__memo *memo);
/* Append s as a JSON string; 0 or -1 as above. */
int argraph_json__put_string(strbuf *b, const char *s);

/* The whole graph, pretty or (flags & ARGRAPH_JSON_LINE) one line, into
 * `b`; when `out` is not NULL the buffer is written to it as it fills and
 * left empty. ARGRAPH_ENOMEM (out of memory, or a string that is not valid
 * UTF-8) or ARGRAPH_EIO (a write to `out` failed). */
argraph_status argraph_json__write(const argraph_graph *g, unsigned flags, strbuf *b, FILE *out);

/* ---- reading (json.c; the JSON Lines fast path in src/merge/jsonl.c) ----
 * Both readers turn what they parsed into graph calls through these, so
 * they read the same graph from the same object. */

/* A member of a "labels" (language → text) or "attributes" (name →
 * value) object, borrowed from the parsed text. */
typedef struct argraph_json__pair {
	const char *k, *v;
} argraph_json__pair;

/* Node idx's labels from its object: each language's label of "labels"
 * (n of them, in the object's order), then the plain "label" (NULL when
 * absent). The writer puts a plain label on every node, the neutral one
 * or else a language's label or the id (argraph_node_get_label), so it is
 * a label of its own only when it is neither the id nor the label of the
 * only language read so far. ARGRAPH_OK, or the graph's error. */
argraph_status argraph_json__read_labels(argraph_graph *g, size_t idx, const char *id,
	const char *label, const argraph_json__pair *labels, size_t n);

/* The "attributes" of node (is_edge 0) or edge idx: each pair in order.
 * ARGRAPH_OK, or the graph's error (ARGRAPH_EINVALID for an empty name). */
argraph_status argraph_json__read_attrs(argraph_graph *g, size_t idx, int is_edge,
	const argraph_json__pair *attrs, size_t n);

/* The numbers of a "provenance" object, as both readers keep them: a line
 * only when positive, an offset only when not negative (else 0, unknown). */
typedef enum argraph_json__prov_number {
	ARGRAPH_JSON__PROV_LINE,
	ARGRAPH_JSON__PROV_BEGIN,
	ARGRAPH_JSON__PROV_END
} argraph_json__prov_number;
void argraph_json__set_prov_number(argraph_prov *p, argraph_json__prov_number which, long long v);

#endif
