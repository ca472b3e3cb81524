/* SPDX-License-Identifier: MIT */
/*
 * test_graph_strings.c — how a graph stores its strings (src/graph/graph.c,
 * graph_internal.h): each after its length, attribute names, label
 * languages and rule ids interned once per graph.
 *
 * The exporters trust the stored lengths (no strlen) and the validator
 * trusts pointer equality of interned names, so: every string an accessor
 * returns has the right stored length (empty, long, multi-byte, many-digit
 * edge ids, shared provenance strings); names given in a reused buffer stay
 * apart when they differ and replace when they are equal; lookups by
 * interned name agree with the public lookups by string; names no element
 * has are not found.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "graph/graph_internal.h"
#include "harness.h"

static size_t bad_lengths;

static void len_ok(const char *s)
{
	if (s && argraph_graph__strlen(s) != strlen(s) && bad_lengths++ < 5)
		fprintf(stderr, "stored length %zu, strlen %zu: \"%.40s\"\n",
			argraph_graph__strlen(s), strlen(s), s);
}

static void prov_ok(const argraph_prov *p)
{
	len_ok(p->file);
	len_ok(p->xml_id);
	len_ok(p->xpath);
	len_ok(p->text);
}

/* Every string of the graph, through every accessor. */
static void all_lengths_ok(const argraph_graph *g)
{
	for (size_t i = 0; i < argraph_graph_node_count(g); i++) {
		const argraph_node *n = argraph_graph_node_at(g, i);
		len_ok(argraph_node_get_id(n));
		len_ok(argraph_node_get_label(n, NULL));
		for (size_t k = 0; k < argraph_node_label_count(n); k++) {
			const char *lang, *text;
			argraph_node_label_at(n, k, &lang, &text);
			len_ok(lang);
			len_ok(text);
		}
		for (size_t k = 0; k < argraph_node_attr_count(n); k++) {
			const char *name, *value;
			argraph_node_attr_at(n, k, &name, &value);
			len_ok(name);
			len_ok(value);
		}
		prov_ok(argraph_node_get_prov(n));
	}
	for (size_t i = 0; i < argraph_graph_edge_count(g); i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		len_ok(argraph_edge_get_id(e));
		len_ok(argraph_edge_get_rule(e));
		for (size_t k = 0; k < argraph_edge_attr_count(e); k++) {
			const char *name, *value;
			argraph_edge_attr_at(e, k, &name, &value);
			len_ok(name);
			len_ok(value);
		}
		prov_ok(argraph_edge_get_prov(e));
	}
}

static void lengths(void)
{
	argraph_graph *g = NULL;
	INT_EQ(argraph_graph_new(&g), ARGRAPH_OK);
	size_t big = 200000;
	char *longs = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		longs[i] = (char)('a' + i % 26);
	longs[big] = '\0';
	const char *texts[] = {"", "x", "因果：甲导致乙", longs, "same", "same", "a\"b\\c\n"};
	size_t nt = sizeof texts / sizeof *texts;
	size_t prev = ARGRAPH_NONE;
	for (size_t i = 0; i < 1200; i++) {
		char id[64];
		snprintf(id, sizeof id, "doc#n%zu", i);
		const char *t = texts[i % nt];
		argraph_prov p = {i % 3 ? "f.xml" : "g.xml", (unsigned)i, i % 2 ? "x1" : NULL,
			"/TEI/text[1]", t, 0, 1};
		size_t n;
		INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, id, &p, &n), ARGRAPH_OK);
		argraph_graph_set_label(g, n, i % 4 ? NULL : "zh", t[0] ? t : "-");
		argraph_graph_set_node_attr(g, n, "text", t);
		argraph_graph_set_node_attr(g, n, i % 2 ? "role" : "长名字", texts[(i + 1) % nt]);
		if (prev != ARGRAPH_NONE) {
			size_t e;
			INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_SUPPORTS, prev, n,
				i % 5 ? "rule.a" : NULL, i % 2 ? &p : NULL, &e), ARGRAPH_OK);
			argraph_graph_set_edge_attr(g, e, "cue", t);
		}
		prev = n;
	}
	all_lengths_ok(g);
	INT_EQ(bad_lengths, 0);
	/* edge ids: "e" and the 1-based number, with their own lengths */
	STR_EQ(argraph_edge_get_id(argraph_graph_edge_at(g, 0)), "e1");
	STR_EQ(argraph_edge_get_id(argraph_graph_edge_at(g, 1198)), "e1199");
	argraph_graph_free(g);
	free(longs);
}

static void interning(void)
{
	argraph_graph *g = NULL;
	INT_EQ(argraph_graph_new(&g), ARGRAPH_OK);
	size_t a, b;
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a", NULL, &a), ARGRAPH_OK);
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "b", NULL, &b), ARGRAPH_OK);
	/* one buffer, reused for different names: each name is copied */
	char name[32];
	for (int i = 0; i < 40; i++) {
		char value[32];
		snprintf(name, sizeof name, "k%d", i);
		snprintf(value, sizeof value, "v%d", i);
		INT_EQ(argraph_graph_set_node_attr(g, a, name, value), ARGRAPH_OK);
	}
	const argraph_node *na = argraph_graph_node_at(g, a);
	INT_EQ(argraph_node_attr_count(na), 40);
	STR_EQ(argraph_node_get_attr(na, "k0"), "v0");
	STR_EQ(argraph_node_get_attr(na, "k39"), "v39");
	/* an equal name in another buffer replaces */
	strcpy(name, "k7");
	INT_EQ(argraph_graph_set_node_attr(g, a, name, "seven"), ARGRAPH_OK);
	INT_EQ(argraph_node_attr_count(na), 40);
	STR_EQ(argraph_node_get_attr(na, "k7"), "seven");
	/* names are shared between nodes, and found by pointer */
	INT_EQ(argraph_graph_set_node_attr(g, b, "k7", "other"), ARGRAPH_OK);
	const argraph_node *nb = argraph_graph_node_at(g, b);
	const char *ik7 = argraph_graph__interned(g, "k7");
	OK(ik7 != NULL);
	const char *n0, *v0, *n1, *v1;
	argraph_node_attr_at(na, 7, &n0, &v0);
	argraph_node_attr_at(nb, 0, &n1, &v1);
	OK(n0 == ik7 && n1 == ik7);
	STR_EQ(argraph_node__attr_interned(na, ik7), "seven");
	STR_EQ(argraph_node__attr_interned(nb, ik7), "other");
	/* every name: the interned lookup agrees with the public one */
	for (int i = 0; i < 45; i++) {
		snprintf(name, sizeof name, "k%d", i);
		const char *in = argraph_graph__interned(g, name);
		OK((in != NULL) == (i < 40));
		const char *want = argraph_node_get_attr(na, name);
		OK(in ? argraph_node__attr_interned(na, in) == want : want == NULL);
	}
	/* a name no element has; labels' languages share the set */
	OK(argraph_graph__interned(g, "absent") == NULL);
	OK(argraph_graph__interned(g, NULL) == NULL);
	INT_EQ(argraph_graph_set_label(g, a, "zh", "甲"), ARGRAPH_OK);
	INT_EQ(argraph_graph_set_label(g, b, "zh", "乙"), ARGRAPH_OK);
	INT_EQ(argraph_graph_set_label(g, a, "zh", "丙"), ARGRAPH_OK);
	INT_EQ(argraph_node_label_count(na), 1);
	STR_EQ(argraph_node_get_label_exact(na, "zh"), "丙");
	const char *la, *lb, *t;
	argraph_node_label_at(na, 0, &la, &t);
	argraph_node_label_at(nb, 0, &lb, &t);
	OK(la == lb && la == argraph_graph__interned(g, "zh"));
	/* edges: attributes by interned name; rule ids interned */
	size_t e1, e2;
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_SUPPORTS, a, b, "r.one", NULL, &e1), ARGRAPH_OK);
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_ATTACKS, b, a, "r.one", NULL, &e2), ARGRAPH_OK);
	INT_EQ(argraph_graph_set_edge_attr(g, e1, "cue", "because"), ARGRAPH_OK);
	const argraph_edge *ea = argraph_graph_edge_at(g, e1), *eb = argraph_graph_edge_at(g, e2);
	OK(argraph_edge_get_rule(ea) == argraph_edge_get_rule(eb));
	STR_EQ(argraph_edge_get_rule(ea), "r.one");
	STR_EQ(argraph_edge__attr_interned(ea, argraph_graph__interned(g, "cue")), "because");
	OK(argraph_edge__attr_interned(eb, argraph_graph__interned(g, "cue")) == NULL);
	all_lengths_ok(g);
	INT_EQ(bad_lengths, 0);
	argraph_graph_free(g);
}

int main(void)
{
	lengths();
	interning();
	return TEST_DONE();
}
