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
 * built by the same functions json.c uses (src/export/json_internal.h) and
 * dumped by jansson; only the frame around them — the top-level keys, the
 * array brackets, the indentation of the elements — is written here.
 * tests/unit/test_merge.c compares both forms with json.c's output.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/merge.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "argraph/argraph.h"
#include "../export/json_internal.h"

typedef struct writer {
	FILE *out;
	int line;        /* one line (compact) rather than pretty */
	int failed;      /* a write failed */
	int nomem;
} writer;

static void put(writer *w, const char *s, size_t n)
{
	if (!w->failed && fwrite(s, 1, n, w->out) != n)
		w->failed = 1;
}

static void puts_(writer *w, const char *s)
{
	put(w, s, strlen(s));
}

/* A dumped value, its lines indented by `indent` more spaces. */
static void put_value(writer *w, json_t *v, const char *indent)
{
	if (!v) {
		w->nomem = 1;
		return;
	}
	size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | (w->line ? JSON_COMPACT : JSON_INDENT(2));
	char *s = json_dumps(v, flags);
	json_decref(v);
	if (!s) {
		w->nomem = 1;
		return;
	}
	if (w->line)
		puts_(w, s);
	else {
		/* strings never hold a raw newline (jansson escapes it), so every
		 * '\n' in the dump starts a new line of its structure */
		const char *p = s;
		for (const char *nl; (nl = strchr(p, '\n')); p = nl + 1) {
			put(w, p, (size_t)(nl - p + 1));
			puts_(w, indent);
		}
		puts_(w, p);
	}
	free(s);
}

argraph_status argraph_json_write(const argraph_graph *g, unsigned flags, FILE *out,
	argraph_diags *diags)
{
	writer w = {out, (flags & ARGRAPH_JSON_LINE) != 0, 0, 0};
	const char *nl1 = w.line ? "" : "\n  ", *sp = w.line ? "" : " ";
	size_t nn = argraph_graph_node_count(g), ne = argraph_graph_edge_count(g);
	puts_(&w, "{");
	puts_(&w, nl1);
	puts_(&w, "\"version\":");
	puts_(&w, sp);
	put_value(&w, json_string(ARGRAPH_JSON_FORMAT), "");
	puts_(&w, ",");
	puts_(&w, nl1);
	puts_(&w, "\"generator\":");
	puts_(&w, sp);
	put_value(&w, json_string("argraph " ARGRAPH_VERSION_STRING), "");
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
			put_value(&w, part ? argraph_json__edge(g, argraph_graph_edge_at(g, i))
					   : argraph_json__node(argraph_graph_node_at(g, i)), "    ");
		}
		if (count && !w.line)
			puts_(&w, "\n  ");
		puts_(&w, "]");
	}
	puts_(&w, w.line ? "}\n" : "\n}\n");
	if (w.nomem)
		return ARGRAPH_ENOMEM;
	if (w.failed || fflush(out) != 0 || ferror(out)) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "json.io", NULL, "cannot write the graph");
		return ARGRAPH_EIO;
	}
	return ARGRAPH_OK;
}
