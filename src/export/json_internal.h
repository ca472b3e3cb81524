/* SPDX-License-Identifier: MIT */
/* json_internal.h — the graph JSON of docs/json-format.md, written into a
 * strbuf (internal). json.c writes one node or edge object; the frame around
 * them (top-level keys, arrays) is argraph_json__write() in
 * src/merge/json_stream.c, which argraph_json_to_string(),
 * argraph_json_to_line() and argraph_json_write() all use, so the forms can
 * never disagree on a byte. The bytes are those jansson's json_dumps() wrote
 * (JSON_PRESERVE_ORDER, with JSON_COMPACT or JSON_INDENT(2)); see json.c. */
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

#endif
