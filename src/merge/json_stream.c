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
 * built and dumped by jansson as json.c builds it, and only the frame
 * around them — the top-level keys, the array brackets, the indentation of
 * the elements — is written here. tests/unit/test_merge.c compares both
 * forms with json.c's output on the corpus, so the two cannot drift apart
 * unnoticed; the natural home of this writer is json.c itself (then
 * argraph_json_to_string() would use it too).
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/merge.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "argraph/argraph.h"

static int set_new(json_t *obj, const char *key, json_t *val)
{
	return val ? json_object_set_new(obj, key, val) : -1;
}

static json_t *prov_json(const argraph_prov *p)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = 0;
	if (p->file)
		bad |= set_new(o, "file", json_string(p->file));
	if (p->line)
		bad |= set_new(o, "line", json_integer(p->line));
	if (p->xml_id)
		bad |= set_new(o, "xml_id", json_string(p->xml_id));
	if (p->xpath)
		bad |= set_new(o, "xpath", json_string(p->xpath));
	if (p->text) {
		bad |= set_new(o, "text", json_string(p->text));
		bad |= set_new(o, "begin", json_integer((json_int_t)p->begin));
		bad |= set_new(o, "end", json_integer((json_int_t)p->end));
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *node_json(const argraph_node *n)
{
	json_t *o = json_object(), *labels = json_object(), *attrs = json_object();
	int bad = !o || !labels || !attrs;
	bad |= set_new(o, "id", json_string(argraph_node_get_id(n)));
	bad |= set_new(o, "kind", json_string(argraph_node_kind_name(argraph_node_get_kind(n))));
	bad |= set_new(o, "label", json_string(argraph_node_get_label(n, NULL)));
	for (size_t k = 0; !bad && k < argraph_node_label_count(n); k++) {
		const char *lang, *text;
		argraph_node_label_at(n, k, &lang, &text);
		if (lang)
			bad |= set_new(labels, lang, json_string(text));
	}
	for (size_t k = 0; !bad && k < argraph_node_attr_count(n); k++) {
		const char *name, *value;
		argraph_node_attr_at(n, k, &name, &value);
		bad |= set_new(attrs, name, json_string(value));
	}
	bad |= set_new(o, "labels", labels);
	labels = NULL;
	bad |= set_new(o, "attributes", attrs);
	attrs = NULL;
	bad |= set_new(o, "provenance", prov_json(argraph_node_get_prov(n)));
	if (bad) {
		json_decref(labels);
		json_decref(attrs);
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *edge_json(const argraph_graph *g, const argraph_edge *e)
{
	json_t *o = json_object(), *attrs = json_object();
	int bad = !o || !attrs;
	bad |= set_new(o, "id", json_string(argraph_edge_get_id(e)));
	bad |= set_new(o, "kind", json_string(argraph_edge_kind_name(argraph_edge_get_kind(e))));
	bad |= set_new(o, "source", json_string(argraph_node_get_id(
		argraph_graph_node_at(g, argraph_edge_get_source(e)))));
	bad |= set_new(o, "target", json_string(argraph_node_get_id(
		argraph_graph_node_at(g, argraph_edge_get_target(e)))));
	if (argraph_edge_get_rule(e))
		bad |= set_new(o, "rule", json_string(argraph_edge_get_rule(e)));
	for (size_t k = 0; !bad && k < argraph_edge_attr_count(e); k++) {
		const char *name, *value;
		argraph_edge_attr_at(e, k, &name, &value);
		bad |= set_new(attrs, name, json_string(value));
	}
	bad |= set_new(o, "attributes", attrs);
	attrs = NULL;
	bad |= set_new(o, "provenance", prov_json(argraph_edge_get_prov(e)));
	if (bad) {
		json_decref(attrs);
		json_decref(o);
		return NULL;
	}
	return o;
}

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
			put_value(&w, part ? edge_json(g, argraph_graph_edge_at(g, i))
					   : node_json(argraph_graph_node_at(g, i)), "    ");
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
