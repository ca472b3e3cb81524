/* SPDX-License-Identifier: MIT */
/*
 * test_json_writer.c — the hand-written JSON writer (src/export/json.c,
 * src/merge/json_stream.c) against jansson.
 *
 * The writer must give exactly the bytes argraph used to get from jansson:
 * each node and edge built as a jansson object in the documented key order
 * and the graph dumped with JSON_PRESERVE_ORDER and JSON_INDENT(2)
 * (argraph_json_to_string, argraph_json_write) or JSON_COMPACT
 * (argraph_json_to_line, ARGRAPH_JSON_LINE). The reference below is that
 * old builder, kept here as the oracle. Hand-built graphs carry awkward
 * strings: quotes, backslashes, every C0 control, DEL, '/', U+2028/U+2029,
 * CJK, a 4-byte character, empty strings, long strings (also across the
 * stream writer's 64 KB flush), big and zero numbers, optional keys absent.
 * A string that is not valid UTF-8 made jansson fail; it must make the
 * writer fail (ENOMEM) too.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/argraph.h"
#include "argraph/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"

/* ---- the reference: jansson objects, as argraph built them before ---- */

static int set_new(json_t *obj, const char *key, json_t *val)
{
	return val ? json_object_set_new(obj, key, val) : -1;
}

static json_t *ref_prov(const argraph_prov *p)
{
	json_t *o = json_object();
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

static json_t *ref_node(const argraph_node *n)
{
	json_t *o = json_object(), *labels = json_object(), *attrs = json_object();
	int bad = 0;
	bad |= set_new(o, "id", json_string(argraph_node_get_id(n)));
	bad |= set_new(o, "kind", json_string(argraph_node_kind_name(argraph_node_get_kind(n))));
	bad |= set_new(o, "label", json_string(argraph_node_get_label(n, NULL)));
	for (size_t k = 0; k < argraph_node_label_count(n); k++) {
		const char *lang, *text;
		argraph_node_label_at(n, k, &lang, &text);
		if (lang)
			bad |= set_new(labels, lang, json_string(text));
	}
	for (size_t k = 0; k < argraph_node_attr_count(n); k++) {
		const char *name, *value;
		argraph_node_attr_at(n, k, &name, &value);
		bad |= set_new(attrs, name, json_string(value));
	}
	bad |= set_new(o, "labels", labels);
	bad |= set_new(o, "attributes", attrs);
	bad |= set_new(o, "provenance", ref_prov(argraph_node_get_prov(n)));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *ref_edge(const argraph_graph *g, const argraph_edge *e)
{
	json_t *o = json_object(), *attrs = json_object();
	int bad = 0;
	bad |= set_new(o, "id", json_string(argraph_edge_get_id(e)));
	bad |= set_new(o, "kind", json_string(argraph_edge_kind_name(argraph_edge_get_kind(e))));
	bad |= set_new(o, "source", json_string(argraph_node_get_id(
		argraph_graph_node_at(g, argraph_edge_get_source(e)))));
	bad |= set_new(o, "target", json_string(argraph_node_get_id(
		argraph_graph_node_at(g, argraph_edge_get_target(e)))));
	if (argraph_edge_get_rule(e))
		bad |= set_new(o, "rule", json_string(argraph_edge_get_rule(e)));
	for (size_t k = 0; k < argraph_edge_attr_count(e); k++) {
		const char *name, *value;
		argraph_edge_attr_at(e, k, &name, &value);
		bad |= set_new(attrs, name, json_string(value));
	}
	bad |= set_new(o, "attributes", attrs);
	bad |= set_new(o, "provenance", ref_prov(argraph_edge_get_prov(e)));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The whole graph dumped by jansson, plus the trailing newline; NULL when
 * jansson refused a string. */
static char *ref_dump(const argraph_graph *g, int line)
{
	json_t *root = json_object(), *nodes = json_array(), *edges = json_array();
	int bad = 0;
	bad |= set_new(root, "version", json_string(ARGRAPH_JSON_FORMAT));
	bad |= set_new(root, "generator", json_string("argraph " ARGRAPH_VERSION_STRING));
	for (size_t i = 0; i < argraph_graph_node_count(g); i++) {
		json_t *o = ref_node(argraph_graph_node_at(g, i));
		bad |= !o || json_array_append_new(nodes, o);
	}
	for (size_t i = 0; i < argraph_graph_edge_count(g); i++) {
		json_t *o = ref_edge(g, argraph_graph_edge_at(g, i));
		bad |= !o || json_array_append_new(edges, o);
	}
	bad |= set_new(root, "nodes", nodes);
	bad |= set_new(root, "edges", edges);
	char *s = bad ? NULL
		      : json_dumps(root, JSON_PRESERVE_ORDER | (line ? JSON_COMPACT : JSON_INDENT(2)));
	json_decref(root);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *r = malloc(n + 2);
	memcpy(r, s, n);
	r[n] = '\n';
	r[n + 1] = '\0';
	free(s);
	return r;
}

/* ---- the writer under test, in its three entry points ---- */

static char *via_stream(const argraph_graph *g, unsigned flags, argraph_status *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	*st = argraph_json_write(g, flags, mem, NULL);
	fclose(mem);
	return buf;
}

/* Every form of the writer gives the reference's bytes. */
static void same_as_jansson(const argraph_graph *g, const char *what)
{
	for (int line = 0; line < 2; line++) {
		char *want = ref_dump(g, line), *got = NULL;
		OK(want != NULL);
		argraph_status st = line ? argraph_json_to_line(&got, g, NULL)
					 : argraph_json_to_string(&got, g, NULL);
		INT_EQ(st, ARGRAPH_OK);
		OK(want && got && strcmp(got, want) == 0);
		if (want && got && strcmp(got, want) != 0) {
			size_t k = 0;
			while (got[k] && got[k] == want[k])
				k++;
			fprintf(stderr, "%s (%s): first difference at byte %zu: got \"%.40s\", want \"%.40s\"\n",
				what, line ? "line" : "pretty", k, got + k, want + k);
		}
		free(got);
		got = via_stream(g, line ? ARGRAPH_JSON_LINE : 0, &st);
		INT_EQ(st, ARGRAPH_OK);
		OK(want && got && strcmp(got, want) == 0);
		free(got);
		free(want);
	}
}

/* Every C0 control, DEL, and the characters that need care. */
static const char *const awkward[] = {
	"",
	"plain",
	"\"quoted\" and \\back\\slashed\\",
	("\x01\x02\x03\x04\x05\x06\x07\b\t\n\x0b\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
		"\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f"), /* one string, split for width */
	"a/b</script>",
	"line\xe2\x80\xa8sep\xe2\x80\xa9para",          /* U+2028, U+2029 */
	"因果：甲导致乙，「引文」。",
	"emoji \xf0\x9f\x98\x80 and \xf4\x8f\xbf\xbf",  /* U+1F600, U+10FFFF */
	"caf\xc3\xa9 \xc2\x80\xc2\xa0",                 /* é, U+0080, NBSP */
	"\\u0041 is not an escape here",
	"\"",
	"\\",
	"\n",
	"trailing control\x1f",
	/* the edges of the valid ranges: U+0080, U+07FF, U+0800, U+D7FF,
	 * U+E000, U+FFFF, U+10000 */
	"\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80",
};
#define N_AWKWARD (sizeof awkward / sizeof awkward[0])

static argraph_graph *awkward_graph(void)
{
	argraph_graph *g = NULL;
	argraph_graph_new(&g);
	size_t prev = ARGRAPH_NONE;
	for (size_t i = 0; i < N_AWKWARD; i++) {
		char id[64];
		snprintf(id, sizeof id, "doc#n%zu.%s", i, i % 2 ? "\"x\"" : "\xe7\x94\xb2");
		argraph_prov p = {0};
		if (i % 3 != 2) {
			p.file = awkward[i];
			p.line = (unsigned)(i * 70001u);
			p.xml_id = i % 2 ? awkward[(i + 1) % N_AWKWARD] : NULL;
			p.xpath = "/TEI/text[1]/body[1]/p[\"2\"]";
			p.text = i % 4 ? awkward[i] : NULL;
			p.begin = i * 3;
			p.end = i == 5 ? (size_t)4000000000u : i * 7;
		}
		size_t idx;
		argraph_node_kind kind = i % 2 ? ARGRAPH_NODE_CLAIM : ARGRAPH_NODE_FACTOR;
		INT_EQ(argraph_graph_add_node(g, kind, id, i % 3 == 2 ? NULL : &p, &idx), ARGRAPH_OK);
		if (i % 4 != 0)
			argraph_graph_set_label(g, idx, NULL, awkward[i]);
		if (i % 2)
			argraph_graph_set_label(g, idx, "zh", awkward[(i + 3) % N_AWKWARD]);
		if (i % 3 == 1)
			argraph_graph_set_label(g, idx, awkward[(i + 2) % N_AWKWARD][0] ? "en\"\\" : "en",
				awkward[(i + 5) % N_AWKWARD]);
		if (i % 2 == 0) {
			argraph_graph_set_node_attr(g, idx, "note", awkward[(i + 4) % N_AWKWARD]);
			argraph_graph_set_node_attr(g, idx, "k\ey\x01\xe5\x9b\xa0", awkward[i]);
		}
		if (prev != ARGRAPH_NONE) {
			size_t e;
			INT_EQ(argraph_graph_add_edge(g, i % 2 ? ARGRAPH_EDGE_SUPPORTS : ARGRAPH_EDGE_CAUSES,
				prev, idx, i % 3 ? awkward[i] : NULL, i % 2 ? &p : NULL, &e), ARGRAPH_OK);
			if (i % 2)
				argraph_graph_set_edge_attr(g, e, "cue", awkward[(i + 6) % N_AWKWARD]);
			argraph_graph_set_edge_attr(g, e, "z", "");
		}
		prev = idx;
	}
	return g;
}

/* Long strings, enough of them to pass the 64 KB flush several times. */
static argraph_graph *long_graph(void)
{
	argraph_graph *g = NULL;
	argraph_graph_new(&g);
	size_t len = 100000, k = 0;
	char *s = malloc(len + 64);
	for (size_t i = 0; k < len; i++) {
		const char *piece = awkward[i % N_AWKWARD];
		memcpy(s + k, piece, strlen(piece));
		k += strlen(piece);
	}
	s[k] = '\0';
	for (int i = 0; i < 20; i++) {
		char id[32];
		snprintf(id, sizeof id, "long#%d", i);
		size_t from = (size_t)i * 1000;
		while (((unsigned char)s[from] & 0xC0) == 0x80) /* a character's start */
			from++;
		argraph_prov p = {"f.xml", 1, NULL, NULL, s + from, 1, 2};
		size_t idx;
		argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, id, &p, &idx);
		argraph_graph_set_label(g, idx, "zh", "长长长长长长长长长长长长长长长长长长长长长长长长长长长长");
	}
	free(s);
	return g;
}

/* Every node and edge kind (the writer copies kind names as they are),
 * and numbers of every length: the writer prints them two digits at a
 * time, straight into the output. Offsets past LLONG_MAX come out
 * negative, as they did through json_int_t. */
static argraph_graph *kinds_and_numbers_graph(void)
{
	static const size_t numbers[] = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 4321, 9999,
		10000, 65535, 99999, 100000, 999999, 1000000, 9999999, 10000000, 12345678,
		99999999, 100000000, 999999999, 1000000000, 4294967295u, 4294967296u,
		99999999999999ull, 100000000000000ull, 999999999999999999ull,
		1000000000000000000ull, 9223372036854775807ull, 9223372036854775808ull,
		10000000000000000000ull, 18446744073709551615ull};
	const size_t nn = sizeof numbers / sizeof numbers[0];
	argraph_graph *g = NULL;
	argraph_graph_new(&g);
	size_t count = 0;
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++) {
		for (size_t i = 0; i < nn; i++) {
			char id[64];
			snprintf(id, sizeof id, "n%d.%zu", k, i);
			argraph_prov p = {"f.xml", (unsigned)numbers[i], NULL, NULL, "t", numbers[i],
				numbers[nn - 1 - i]};
			INT_EQ(argraph_graph_add_node(g, (argraph_node_kind)k, id, &p, NULL), ARGRAPH_OK);
			count++;
		}
	}
	for (int k = 1; k < ARGRAPH_EDGE__COUNT; k++) {
		for (size_t i = 0; i < nn; i++) {
			argraph_prov p = {"f.xml", (unsigned)numbers[nn - 1 - i], NULL, NULL, "t",
				numbers[nn - 1 - i], numbers[i]};
			INT_EQ(argraph_graph_add_edge(g, (argraph_edge_kind)k, i % count, (i * 7) % count,
				NULL, &p, NULL), ARGRAPH_OK);
		}
	}
	return g;
}

static void invalid_utf8(void)
{
	static const char *const bad[] = {
		"\xc0\x80",             /* overlong NUL */
		"\xe0\x80\xaf",         /* overlong '/' */
		"\xed\xa0\x80",         /* a surrogate */
		"\xf4\x90\x80\x80",     /* past U+10FFFF */
		"\xff",
		"ok then \x80",         /* a lone continuation byte */
		"cut \xe7\x94",         /* a truncated sequence */
		"\xc1\xbf",             /* overlong 2-byte */
		"\xe0\x9f\xbf",         /* overlong 3-byte (U+07FF) */
		"\xf0\x8f\xbf\xbf",     /* overlong 4-byte (U+FFFF) */
		"\xed\xbf\xbf",         /* the last surrogate */
		"\xf5\x80\x80\x80",     /* a lead byte past F4 */
		"\xe4\xb8\x41",         /* a bad continuation byte */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		for (int where = 0; where < 3; where++) {
			argraph_graph *g = NULL;
			argraph_graph_new(&g);
			size_t a, b;
			argraph_prov p = {"f.xml", 3, NULL, NULL, where == 1 ? bad[i] : "t", 0, 1};
			argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a", &p, &a);
			argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "b", NULL, &b);
			if (where == 0)
				argraph_graph_set_label(g, a, "en", bad[i]);
			if (where == 2)
				argraph_graph_set_node_attr(g, b, bad[i], "v");
			OK(ref_dump(g, 1) == NULL); /* jansson refuses it */
			char *s = NULL;
			INT_EQ(argraph_json_to_line(&s, g, NULL), ARGRAPH_ENOMEM);
			OK(s == NULL);
			INT_EQ(argraph_json_to_string(&s, g, NULL), ARGRAPH_ENOMEM);
			OK(s == NULL);
			argraph_status st;
			free(via_stream(g, 0, &st));
			INT_EQ(st, ARGRAPH_ENOMEM);
			argraph_graph_free(g);
		}
	}
}

int main(void)
{
	argraph_graph *g = NULL;
	argraph_graph_new(&g);
	same_as_jansson(g, "empty graph");
	argraph_graph_free(g);

	g = awkward_graph();
	same_as_jansson(g, "awkward strings");
	argraph_graph_free(g);

	g = long_graph();
	same_as_jansson(g, "long strings");
	argraph_graph_free(g);

	g = kinds_and_numbers_graph();
	same_as_jansson(g, "every kind, numbers of every length");
	argraph_graph_free(g);

	invalid_utf8();
	return TEST_DONE();
}
