/* SPDX-License-Identifier: MIT */
/*
 * test_json_bound.c — the JSON writer's room reservation (src/export/json.c).
 *
 * The writer reserves an element's worst case once and then writes with no
 * check for room: a string may take six bytes per input byte ("\u0001")
 * plus its quotes, and plain bytes are stored sixteen at a time before the
 * writer knows how many of them to keep. So:
 *  - a string is written into a heap block of exactly the promised worst
 *    case (6n + 2, and the NUL), so that AddressSanitizer catches any byte
 *    stored past it, and the bytes are compared with jansson's; runs of
 *    three-byte characters, which are validated five at a time, are
 *    broken at every position by every kind of wrong byte;
 *  - short strings of the graph, which are classified in one step,
 *    with every awkward byte at every position, read back;
 *  - nodes and edges whose every string is the worst case (all control
 *    bytes), with many labels and attributes, compact and indented, are
 *    written (json.c asserts what it wrote fits what it reserved; this
 *    test runs under ASan+UBSan in Debug) and read back with jansson,
 *    every string compared with the graph's.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/argraph.h"
#include "argraph/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export/json_internal.h"
#include "harness.h"

/* s (n bytes) written after a one-byte prefix into a block of exactly
 * 1 + 6n + 2 + 1 bytes, against jansson. */
static int tight(const char *s, size_t n)
{
	char *copy = malloc(n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	size_t cap = 1 + 6 * n + 2 + 1;
	strbuf b = {malloc(cap), 1, cap, 0};
	b.data[0] = 'x';
	b.data[1] = '\0';
	int rc = argraph_json__put_string(&b, copy);
	json_t *j = json_string(copy);
	char *want = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	int ok = want ? rc == 0 && b.cap == cap && b.len == 1 + strlen(want)
			&& strcmp(b.data + 1, want) == 0
		      : rc < 0;
	if (!ok)
		fprintf(stderr, "string of %zu bytes, first %02x: got %s, want %s\n", n,
			n ? (unsigned char)s[0] : 0, rc == 0 ? b.data + 1 : "(refused)",
			want ? want : "(refused)");
	json_decref(j);
	free(want);
	strbuf_release(&b);
	free(copy);
	return ok;
}

static void strings_in_tight_blocks(void)
{
	char s[200];
	size_t bad = 0, total = 0;
	for (size_t n = 0; n <= 120; n++) {
		/* all controls: the worst case exactly */
		memset(s, 0x01, n);
		{ bad += !tight(s, n); total++; }
		/* plain, with one control at each position: the vector stores
		 * run on after the escape */
		for (size_t k = 0; k <= n; k++) {
			memset(s, 'a', n);
			if (k < n)
				s[k] = '\n';
			{ bad += !tight(s, n); total++; }
		}
		/* controls up to k, then plain: the most the cursor can lag */
		for (size_t k = 0; k <= n; k += 3) {
			memset(s, 'b', n);
			memset(s, 0x1F, k);
			{ bad += !tight(s, n); total++; }
		}
	}
	/* three-byte characters mixed with quotes and plain runs */
	for (size_t n = 0; n + 3 <= 150; n++) {
		size_t len = 0;
		while (len + 3 <= n) {
			memcpy(s + len, len % 7 ? "\xE4\xB8\xAD" : "\"\\\x02", 3);
			len += 3;
		}
		while (len < n)
			s[len++] = 'z';
		{ bad += !tight(s, len); total++; }
	}
	INT_EQ(bad, 0);
	OK(total > 8000);
}

/* Runs of three-byte characters (checked five at a time) with one byte
 * replaced, at every position, by bytes that break or change the pattern:
 * ASCII, a stray continuation byte, a two- and a four-byte lead, the lead
 * bytes E0 and ED (whose second byte is restricted), and a continuation
 * byte that makes E0 overlong or ED a surrogate. Each against jansson. */
static void three_byte_runs(void)
{
	static const unsigned char subst[] = {'A', 0x80, 0xBF, 0xC3, 0xE0, 0xED, 0xEF,
		0xF0, 0xF4, 0xFF, 0x9F, 0xA0, 0x7F, 0x00};
	static const char *const chars[] = {"\xE4\xB8\xAD", "\xE1\x80\x80", "\xEF\xBF\xBF",
		"\xEC\xBF\xBF", "\xEE\x80\x80", "\xE0\xA0\x80", "\xED\x9F\xBF"};
	unsigned char s[128];
	size_t bad = 0, total = 0;
	for (size_t c = 0; c < sizeof chars / sizeof *chars; c++) {
		for (size_t k = 1; k <= 12; k++) {
			for (size_t lead = 0; lead < 3; lead++) {
				size_t n = lead;
				memset(s, 'q', lead);
				for (size_t j = 0; j < k; j++, n += 3)
					memcpy(s + n, chars[c], 3);
				bad += !tight((const char *)s, n);
				total++;
				for (size_t pos = 0; pos < n; pos++) {
					for (size_t v = 0; v < sizeof subst; v++) {
						unsigned char keep = s[pos];
						s[pos] = subst[v];
						/* a NUL ends the string early: still a case */
						bad += !tight((const char *)s, subst[v] ? n : pos);
						total++;
						s[pos] = keep;
					}
				}
			}
		}
	}
	INT_EQ(bad, 0);
	OK(total > 10000);
}

static int str_is(json_t *o, const char *key, const char *want)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) && strcmp(json_string_value(v), want) == 0;
}
/* Short strings of the graph, which the writer classifies in one step
 * (reading back into their stored length): every length up to 20 with
 * each awkward byte at each position — those to escape, and the bytes
 * next to them in value, on which the word-at-a-time check may raise a
 * false alarm (never miss one) — and a two-byte character at each place.
 * Written as one line, read back by jansson, compared value by value;
 * a byte that is not UTF-8 at each place must make the line fail. */
static void short_graph_strings(void)
{
	static const char awkward[] = {0x01, 0x1F, 0x20, 0x21, '"', '#', '\\', ']', 0x7F, '/'};
	size_t bad = 0, total = 0;
	for (size_t n = 0; n <= 20; n++) {
		argraph_graph *g = NULL;
		if (argraph_graph_new(&g) != ARGRAPH_OK)
			return;
		char value[32], id[32];
		size_t count = 0;
		for (size_t pos = 0; pos <= n; pos++) {
			for (size_t a = 0; a <= sizeof awkward; a++) {
				memset(value, 'a' + (int)(pos % 26), n);
				value[n] = '\0';
				if (pos < n && a < sizeof awkward)
					value[pos] = awkward[a];
				else if (pos + 1 < n && a == sizeof awkward)
					memcpy(value + pos, "\xC3\xA9", 2);
				snprintf(id, sizeof id, "n%zu", count++);
				size_t node;
				argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, id, NULL, &node);
				argraph_graph_set_node_attr(g, node, "v", value);
				argraph_graph_set_label(g, node, NULL, value);
			}
		}
		char *line = NULL;
		if (argraph_json_to_line(&line, g, NULL) != ARGRAPH_OK) {
			bad++;
		} else {
			json_error_t err;
			json_t *root = json_loads(line, 0, &err), *nodes = json_object_get(root, "nodes");
			for (size_t i = 0; i < argraph_graph_node_count(g); i++) {
				const argraph_node *node = argraph_graph_node_at(g, i);
				json_t *o = json_array_get(nodes, i);
				if (!str_is(json_object_get(o, "attributes"), "v", argraph_node_get_attr(node, "v"))
				    || !str_is(o, "label", argraph_node_get_label(node, NULL)))
					bad++;
				total++;
			}
			json_decref(root);
		}
		argraph_free(line);
		argraph_graph_free(g);
		/* not UTF-8 at each place: refused */
		for (size_t pos = 0; pos < n; pos++) {
			if (argraph_graph_new(&g) != ARGRAPH_OK)
				return;
			memset(value, 'k', n);
			value[n] = '\0';
			value[pos] = (char)0xFF;
			size_t node;
			argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "x", NULL, &node);
			argraph_graph_set_node_attr(g, node, "v", value);
			line = NULL;
			if (argraph_json_to_line(&line, g, NULL) == ARGRAPH_OK)
				bad++;
			total++;
			argraph_free(line);
			argraph_graph_free(g);
		}
	}
	INT_EQ(bad, 0);
	OK(total > 2000);
}

/* n control bytes, varied, as a C string in buf. */
static const char *controls(char *buf, size_t n, int seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(1 + (i * 7 + (size_t)seed) % 31);
	buf[n] = '\0';
	return buf;
}

static argraph_graph *worst_graph(void)
{
	argraph_graph *g = NULL;
	char a[64], b[64], c[64], d[64];
	if (argraph_graph_new(&g) != ARGRAPH_OK)
		return NULL;
	for (int i = 0; i < 30; i++) {
		size_t n = (size_t)(i % 40) + 1;
		argraph_prov p = {controls(a, n, i), (unsigned)i + 1, controls(b, n + 1, i + 1),
			controls(c, n + 2, i + 2), controls(d, n + 3, i + 3), 7, 4000000000u};
		char id[64];
		controls(id, n + 4, i + 4);
		id[0] = (char)('A' + i); /* unique */
		size_t node;
		if (argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, id, &p, &node) != ARGRAPH_OK)
			return NULL;
		for (int k = 0; k < i % 9; k++) {
			char lang[64], val[64];
			controls(lang, (size_t)k + 2, k);
			lang[0] = (char)('a' + k);
			argraph_graph_set_label(g, node, lang, controls(val, 40, k + i));
			argraph_graph_set_node_attr(g, node, lang, controls(val, 50, k));
		}
		if (i) {
			size_t e;
			argraph_graph_add_edge(g, ARGRAPH_EDGE_SUPPORTS, node - 1, node,
				controls(a, n + 5, i), &p, &e);
			for (int k = 0; k < i % 5; k++) {
				char name[64];
				controls(name, (size_t)k + 3, k + 9);
				name[0] = (char)('m' + k);
				argraph_graph_set_edge_attr(g, e, name, controls(b, 33, k));
			}
		}
	}
	return g;
}


/* Every string of the graph read back from its JSON. */
static void read_back(const argraph_graph *g, const char *json)
{
	json_error_t err;
	json_t *root = json_loads(json, 0, &err);
	OK(root != NULL);
	if (!root)
		return;
	json_t *nodes = json_object_get(root, "nodes"), *edges = json_object_get(root, "edges");
	INT_EQ(json_array_size(nodes), argraph_graph_node_count(g));
	INT_EQ(json_array_size(edges), argraph_graph_edge_count(g));
	size_t bad = 0;
	for (size_t i = 0; i < argraph_graph_node_count(g) && i < json_array_size(nodes); i++) {
		const argraph_node *n = argraph_graph_node_at(g, i);
		json_t *o = json_array_get(nodes, i);
		json_t *prov = json_object_get(o, "provenance");
		const argraph_prov *p = argraph_node_get_prov(n);
		bad += !str_is(o, "id", argraph_node_get_id(n));
		bad += !str_is(prov, "file", p->file) || !str_is(prov, "xml_id", p->xml_id)
		       || !str_is(prov, "xpath", p->xpath) || !str_is(prov, "text", p->text);
		for (size_t k = 0; k < argraph_node_attr_count(n); k++) {
			const char *name, *value;
			argraph_node_attr_at(n, k, &name, &value);
			bad += !str_is(json_object_get(o, "attributes"), name, value);
		}
		for (size_t k = 0; k < argraph_node_label_count(n); k++) {
			const char *lang, *text;
			argraph_node_label_at(n, k, &lang, &text);
			bad += !str_is(json_object_get(o, "labels"), lang, text);
		}
	}
	for (size_t i = 0; i < argraph_graph_edge_count(g) && i < json_array_size(edges); i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		json_t *o = json_array_get(edges, i);
		bad += !str_is(o, "rule", argraph_edge_get_rule(e));
		bad += !str_is(json_object_get(o, "provenance"), "text", argraph_edge_get_prov(e)->text);
		for (size_t k = 0; k < argraph_edge_attr_count(e); k++) {
			const char *name, *value;
			argraph_edge_attr_at(e, k, &name, &value);
			bad += !str_is(json_object_get(o, "attributes"), name, value);
		}
	}
	INT_EQ(bad, 0);
	json_decref(root);
}

static void worst_elements(void)
{
	argraph_graph *g = worst_graph();
	OK(g != NULL);
	if (!g)
		return;
	char *pretty = NULL, *line = NULL;
	INT_EQ(argraph_json_to_string(&pretty, g, NULL), ARGRAPH_OK);
	INT_EQ(argraph_json_to_line(&line, g, NULL), ARGRAPH_OK);
	if (pretty)
		read_back(g, pretty);
	if (line)
		read_back(g, line);
	argraph_free(pretty);
	argraph_free(line);
	argraph_graph_free(g);
}

int main(void)
{
	strings_in_tight_blocks();
	three_byte_runs();
	short_graph_strings();
	worst_elements();
	return TEST_DONE();
}
