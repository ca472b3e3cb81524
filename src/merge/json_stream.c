/* SPDX-License-Identifier: MIT */
/*
 * json_stream.c — the graph JSON (docs/json-format.md) written to a stream
 * one node or edge at a time, pretty or as one line, so that writing a
 * corpus graph costs the memory of one node, not of a jansson tree of the
 * whole graph (for a 300 MB merged graph that tree peaked near 2 GB and
 * dominated the merge's run time).
 *
 * The bytes are exactly those of argraph_json_to_string() (pretty) and of
 * that object dumped with JSON_COMPACT (one line): each node and edge is
 * written by json.c (src/export/json_internal.h); only the frame around
 * them — the top-level keys, the array brackets, the indentation of the
 * elements — is written here, into a buffer that goes to the stream every
 * 64 KB. argraph_json_to_string() and argraph_json_to_line() use the same
 * frame without a stream. tests/unit/test_merge.c compares the forms, and
 * tests/unit/test_json_writer.c compares them with jansson's bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/merge.h"

#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "../export/json_internal.h"

/* Flush at this many bytes when writing to a stream. */
#define FLUSH_AT (64 * 1024)

typedef struct writer {
	strbuf *b;
	FILE *out;       /* NULL: everything stays in b */
	int line;        /* one line (compact) rather than pretty */
	int failed;      /* a write failed */
	int nomem;
} writer;

static void flush(writer *w)
{
	if (!w->out || !w->b->len || w->b->failed)
		return;
	if (!w->failed && fwrite(w->b->data, 1, w->b->len, w->out) != w->b->len)
		w->failed = 1;
	strbuf_reset(w->b);
}

static void puts_(writer *w, const char *s)
{
	strbuf_puts(w->b, s);
}

argraph_status argraph_json__write(const argraph_graph *g, unsigned flags, strbuf *b, FILE *out)
{
	writer w = {b, out, (flags & ARGRAPH_JSON_LINE) != 0, 0, 0};
	const char *nl1 = w.line ? "" : "\n  ", *sp = w.line ? "" : " ";
	const char *indent = w.line ? NULL : "    ";
	size_t nn = argraph_graph_node_count(g), ne = argraph_graph_edge_count(g);
	argraph_json__memo memo = {0};
	puts_(&w, "{");
	puts_(&w, nl1);
	puts_(&w, "\"version\":");
	puts_(&w, sp);
	argraph_json__put_string(b, ARGRAPH_JSON_FORMAT);
	puts_(&w, ",");
	puts_(&w, nl1);
	puts_(&w, "\"generator\":");
	puts_(&w, sp);
	argraph_json__put_string(b, "argraph " ARGRAPH_VERSION_STRING);
	for (int part = 0; part < 2; part++) {
		size_t count = part ? ne : nn;
		puts_(&w, ",");
		puts_(&w, nl1);
		puts_(&w, part ? "\"edges\":" : "\"nodes\":");
		puts_(&w, sp);
		puts_(&w, "[");
		for (size_t i = 0; i < count && !w.failed && !w.nomem; i++) {
			if (i)
				puts_(&w, ",");
			if (!w.line)
				puts_(&w, "\n    ");
			/* an element that cannot be written is left out whole */
			size_t mark = b->len;
			if ((part ? argraph_json__put_edge(b, g, argraph_graph_edge_at(g, i), indent, &memo)
				  : argraph_json__put_node(b, argraph_graph_node_at(g, i), indent, &memo)) < 0) {
				w.nomem = 1;
				if (!b->failed) {
					b->len = mark;
					b->data[mark] = '\0';
				}
				argraph_json__memo_forget(&memo);
			}
			if (b->len >= FLUSH_AT && w.out) {
				flush(&w);
				argraph_json__memo_forget(&memo);
			}
		}
		if (count && !w.line)
			puts_(&w, "\n  ");
		puts_(&w, "]");
	}
	puts_(&w, w.line ? "}\n" : "\n}\n");
	if (b->failed)
		w.nomem = 1;
	flush(&w);
	if (w.nomem)
		return ARGRAPH_ENOMEM;
	if (w.failed)
		return ARGRAPH_EIO;
	return ARGRAPH_OK;
}

argraph_status argraph_json_write(const argraph_graph *g, unsigned flags, FILE *out,
	argraph_diags *diags)
{
	strbuf b = {0};
	argraph_status st = argraph_json__write(g, flags, &b, out);
	strbuf_release(&b);
	if (st == ARGRAPH_ENOMEM)
		return st;
	if (st != ARGRAPH_OK || fflush(out) != 0 || ferror(out)) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "json.io", NULL, "cannot write the graph");
		return ARGRAPH_EIO;
	}
	return ARGRAPH_OK;
}
