/* SPDX-License-Identifier: MIT */
/*
 * json.c — the graph as JSON (format in docs/json-format.md), written and
 * read with jansson so escaping and parsing are not ours to get wrong.
 * Output is deterministic: nodes and edges in insertion order, object keys
 * in a fixed order, no timestamps.
 */
#include "argraph/export.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "argraph/argraph.h"
#include "json_internal.h"
#include "../util/slurp.h"

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

json_t *argraph_json__node(const argraph_node *n)
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

json_t *argraph_json__edge(const argraph_graph *g, const argraph_edge *e)
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

static json_t *graph_json(const argraph_graph *g)
{
	json_t *root = json_object(), *nodes = json_array(), *edges = json_array();
	int bad = !root || !nodes || !edges;
	bad |= set_new(root, "version", json_string(ARGRAPH_JSON_FORMAT));
	bad |= set_new(root, "generator", json_string("argraph " ARGRAPH_VERSION_STRING));
	for (size_t i = 0; !bad && i < argraph_graph_node_count(g); i++) {
		json_t *o = argraph_json__node(argraph_graph_node_at(g, i));
		bad |= !o || json_array_append_new(nodes, o);
	}
	for (size_t i = 0; !bad && i < argraph_graph_edge_count(g); i++) {
		json_t *o = argraph_json__edge(g, argraph_graph_edge_at(g, i));
		bad |= !o || json_array_append_new(edges, o);
	}
	bad |= set_new(root, "nodes", nodes);
	bad |= set_new(root, "edges", edges);
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}

argraph_status argraph_json_to_string(char **out, const argraph_graph *g, argraph_diags *diags)
{
	*out = NULL;
	json_t *root = graph_json(g);
	if (!root)
		return ARGRAPH_ENOMEM;
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		return ARGRAPH_ENOMEM;
	/* jansson allocates with malloc by default; hand out a copy with a
	 * trailing newline so the caller frees with argraph_free. */
	size_t n = strlen(s);
	char *r = malloc(n + 2);
	if (!r) {
		free(s);
		return ARGRAPH_ENOMEM;
	}
	memcpy(r, s, n);
	r[n] = '\n';
	r[n + 1] = '\0';
	free(s);
	*out = r;
	return ARGRAPH_OK;
}

/* ---- reading ---- */

static const char *get_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static argraph_status read_prov(json_t *o, argraph_prov *p)
{
	memset(p, 0, sizeof *p);
	if (!o)
		return ARGRAPH_OK;
	if (!json_is_object(o))
		return ARGRAPH_EINVALID;
	p->file = get_str(o, "file");
	p->xml_id = get_str(o, "xml_id");
	p->xpath = get_str(o, "xpath");
	p->text = get_str(o, "text");
	json_t *v;
	if ((v = json_object_get(o, "line")) && json_is_integer(v) && json_integer_value(v) > 0)
		p->line = (unsigned)json_integer_value(v);
	if ((v = json_object_get(o, "begin")) && json_is_integer(v) && json_integer_value(v) >= 0)
		p->begin = (size_t)json_integer_value(v);
	if ((v = json_object_get(o, "end")) && json_is_integer(v) && json_integer_value(v) >= 0)
		p->end = (size_t)json_integer_value(v);
	return ARGRAPH_OK;
}

static argraph_status read_attrs(json_t *o, argraph_graph *g, size_t idx, int is_edge)
{
	if (!o)
		return ARGRAPH_OK;
	if (!json_is_object(o))
		return ARGRAPH_EINVALID;
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		if (!json_is_string(v))
			return ARGRAPH_EINVALID;
		argraph_status st = is_edge ? argraph_graph_set_edge_attr(g, idx, k, json_string_value(v))
					    : argraph_graph_set_node_attr(g, idx, k, json_string_value(v));
		if (st != ARGRAPH_OK)
			return st;
	}
	return ARGRAPH_OK;
}

#define BAD(fmt, ...) do { \
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "json.invalid", &pos, fmt, __VA_ARGS__); \
	st = ARGRAPH_EINVALID; \
	goto done; } while (0)

argraph_status argraph_json_read_mem(argraph_graph **out, const char *buf, size_t len,
	const char *name, argraph_diags *diags)
{
	*out = NULL;
	argraph_pos pos = {name, 0, 0, NULL};
	json_error_t err;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		pos.line = err.line > 0 ? (unsigned)err.line : 0;
		pos.column = err.column > 0 ? (unsigned)err.column : 0;
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "json.parse", &pos, "%s", err.text);
		return ARGRAPH_EPARSE;
	}
	argraph_graph *g = NULL;
	argraph_status st = ARGRAPH_OK;
	const char *version = get_str(root, "version");
	json_t *nodes = json_object_get(root, "nodes"), *edges = json_object_get(root, "edges");
	if (!json_is_object(root))
		BAD("%s", "top level is not an object");
	if (!version || strcmp(version, ARGRAPH_JSON_FORMAT) != 0)
		BAD("version is \"%s\", expected \"%s\"", version ? version : "(missing)", ARGRAPH_JSON_FORMAT);
	if (!json_is_array(nodes) || !json_is_array(edges))
		BAD("%s", "\"nodes\" and \"edges\" must be arrays");
	if ((st = argraph_graph_new(&g)) != ARGRAPH_OK)
		goto done;
	size_t i;
	json_t *o;
	json_array_foreach(nodes, i, o) {
		const char *id = get_str(o, "id"), *kind = get_str(o, "kind"), *label = get_str(o, "label");
		argraph_node_kind k = argraph_node_kind_from_name(kind);
		if (!id || !*id)
			BAD("node %zu has no \"id\"", i);
		if (k == ARGRAPH_NODE_NONE)
			BAD("node %s has unknown kind \"%s\"", id, kind ? kind : "(missing)");
		if (argraph_graph_find_node(g, id) != ARGRAPH_NONE)
			BAD("node id %s is used twice", id);
		argraph_prov p;
		if (read_prov(json_object_get(o, "provenance"), &p) != ARGRAPH_OK)
			BAD("node %s: \"provenance\" must be an object", id);
		size_t idx;
		if ((st = argraph_graph_add_node(g, k, id, &p, &idx)) != ARGRAPH_OK)
			goto done;
		json_t *labels = json_object_get(o, "labels");
		int label_is_lang = 0;
		if (labels) {
			if (!json_is_object(labels))
				BAD("node %s: \"labels\" must be an object", id);
			const char *lang;
			json_t *v;
			json_object_foreach(labels, lang, v) {
				if (!json_is_string(v))
					BAD("node %s: label for %s is not a string", id, lang);
				if ((st = argraph_graph_set_label(g, idx, lang, json_string_value(v))) != ARGRAPH_OK)
					goto done;
				if (label && strcmp(label, json_string_value(v)) == 0 && argraph_node_label_count(argraph_graph_node_at(g, idx)) == 1)
					label_is_lang = 1;
			}
		}
		if (label && !label_is_lang && strcmp(label, id) != 0
		    && (st = argraph_graph_set_label(g, idx, NULL, label)) != ARGRAPH_OK)
			goto done;
		if ((st = read_attrs(json_object_get(o, "attributes"), g, idx, 0)) != ARGRAPH_OK)
			BAD("node %s: \"attributes\" must map names to strings", id);
	}
	json_array_foreach(edges, i, o) {
		const char *kind = get_str(o, "kind"), *src = get_str(o, "source"), *dst = get_str(o, "target");
		argraph_edge_kind k = argraph_edge_kind_from_name(kind);
		if (k == ARGRAPH_EDGE_NONE)
			BAD("edge %zu has unknown kind \"%s\"", i, kind ? kind : "(missing)");
		size_t s = argraph_graph_find_node(g, src), d = argraph_graph_find_node(g, dst);
		if (s == ARGRAPH_NONE || d == ARGRAPH_NONE)
			BAD("edge %zu (%s) names a node that does not exist: %s", i, kind,
				s == ARGRAPH_NONE ? (src ? src : "(missing source)") : (dst ? dst : "(missing target)"));
		argraph_prov p;
		if (read_prov(json_object_get(o, "provenance"), &p) != ARGRAPH_OK)
			BAD("edge %zu: \"provenance\" must be an object", i);
		size_t idx;
		if ((st = argraph_graph_add_edge(g, k, s, d, get_str(o, "rule"), &p, &idx)) != ARGRAPH_OK)
			goto done;
		if ((st = read_attrs(json_object_get(o, "attributes"), g, idx, 1)) != ARGRAPH_OK)
			BAD("edge %zu: \"attributes\" must map names to strings", i);
	}
done:
	json_decref(root);
	if (st != ARGRAPH_OK) {
		argraph_graph_free(g);
		return st;
	}
	*out = g;
	return ARGRAPH_OK;
}

argraph_status argraph_json_read_file(argraph_graph **out, const char *path, size_t max_bytes,
	argraph_diags *diags)
{
	*out = NULL;
	char *buf = NULL;
	size_t len = 0;
	slurp_info info;
	argraph_pos pos = {path, 0, 0, NULL};
	switch (slurp_file(path, max_bytes, &buf, &len, &info)) {
	case SLURP_OK:
		break;
	case SLURP_NOMEM:
		return ARGRAPH_ENOMEM;
	case SLURP_TOO_BIG:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.too-big", &pos,
			"file is over the limit of %zu bytes", max_bytes);
		return ARGRAPH_ETOOBIG;
	case SLURP_NOT_FILE:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.not-file", &pos, "%s", slurp_file_type(info.mode));
		return ARGRAPH_EIO;
	case SLURP_OPEN:
	case SLURP_READ:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.open", &pos, "cannot read: %s", strerror(info.err));
		return ARGRAPH_EIO;
	}
	argraph_status st = argraph_json_read_mem(out, buf, len, path, diags);
	free(buf);
	return st;
}
