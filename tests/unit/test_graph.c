/* SPDX-License-Identifier: MIT */
/* test_graph.c — the typed graph: ids, kinds, labels, attributes,
 * provenance, order, and the kind table's names. */
#include <string.h>

#include "argraph/argraph.h"
#include "harness.h"

int main(void)
{
	argraph_graph *g = NULL;
	INT_EQ(argraph_graph_new(&g), ARGRAPH_OK);
	argraph_prov p = {"a.tei.xml", 12, "p3", "/TEI/text[1]/body[1]/p[3]", "句子。", 4, 7};
	size_t c = 99, c2 = 99, f = 99;
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a#p3.s1", &p, &c), ARGRAPH_OK);
	INT_EQ(c, 0);
	/* the same id again: the same node, provenance kept from the first */
	argraph_prov other = {"b.xml", 1, NULL, NULL, NULL, 0, 0};
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a#p3.s1", &other, &c2), ARGRAPH_OK);
	INT_EQ(c2, 0);
	STR_EQ(argraph_node_get_prov(argraph_graph_node_at(g, 0))->file, "a.tei.xml");
	/* the same id with another kind is refused */
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "a#p3.s1", NULL, &f), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_NONE, "x", NULL, &f), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE__COUNT, "x", NULL, &f), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "", NULL, &f), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "a#f1", NULL, &f), ARGRAPH_OK);
	INT_EQ(argraph_graph_node_count(g), 2);

	/* provenance is copied, not borrowed */
	char file[] = "mutable.xml";
	argraph_prov mp = {file, 3, NULL, NULL, NULL, 0, 0};
	size_t m;
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "a#m", &mp, &m);
	file[0] = 'X';
	STR_EQ(argraph_node_get_prov(argraph_graph_node_at(g, m))->file, "mutable.xml");

	/* labels: language, neutral fallback, any fallback, then the id */
	const argraph_node *fn = argraph_graph_node_at(g, f);
	STR_EQ(argraph_node_get_label(fn, "en"), "a#f1");
	INT_EQ(argraph_graph_set_label(g, f, "zh", "美国霸权"), ARGRAPH_OK);
	STR_EQ(argraph_node_get_label(fn, "en"), "美国霸权");
	INT_EQ(argraph_graph_set_label(g, f, "en", "US hegemony"), ARGRAPH_OK);
	STR_EQ(argraph_node_get_label(fn, "en"), "US hegemony");
	STR_EQ(argraph_node_get_label(fn, "zh"), "美国霸权");
	OK(argraph_node_get_label_exact(fn, NULL) == NULL);
	INT_EQ(argraph_graph_set_label(g, f, NULL, "neutral"), ARGRAPH_OK);
	STR_EQ(argraph_node_get_label(fn, "fr"), "neutral");
	INT_EQ(argraph_graph_set_label(g, f, "en", "replaced"), ARGRAPH_OK);
	INT_EQ(argraph_node_label_count(fn), 3);
	STR_EQ(argraph_node_get_label(fn, "en"), "replaced");

	/* attributes keep insertion order and replace in place */
	argraph_graph_set_node_attr(g, c, "text", "句子。");
	argraph_graph_set_node_attr(g, c, "role", "premise");
	argraph_graph_set_node_attr(g, c, "text", "句子！");
	const argraph_node *cn = argraph_graph_node_at(g, c);
	INT_EQ(argraph_node_attr_count(cn), 2);
	const char *name, *value;
	argraph_node_attr_at(cn, 0, &name, &value);
	STR_EQ(name, "text");
	STR_EQ(value, "句子！");
	OK(argraph_node_get_attr(cn, "missing") == NULL);
	INT_EQ(argraph_graph_set_node_attr(g, c, "x", NULL), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_set_node_attr(g, 999, "x", "y"), ARGRAPH_EINVALID);

	/* edges: ids in order, rule kept, bad ends refused, never merged */
	size_t e1, e2;
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_MENTIONS, c, f, "zh.test", &p, &e1), ARGRAPH_OK);
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_MENTIONS, c, f, NULL, NULL, &e2), ARGRAPH_OK);
	INT_EQ(e2, e1 + 1);
	STR_EQ(argraph_edge_get_id(argraph_graph_edge_at(g, e1)), "e1");
	STR_EQ(argraph_edge_get_id(argraph_graph_edge_at(g, e2)), "e2");
	STR_EQ(argraph_edge_get_rule(argraph_graph_edge_at(g, e1)), "zh.test");
	OK(argraph_edge_get_rule(argraph_graph_edge_at(g, e2)) == NULL);
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c, 999, NULL, NULL, NULL), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_NONE, c, f, NULL, NULL, NULL), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph_find_edge(g, ARGRAPH_EDGE_MENTIONS, c, f), e1);
	INT_EQ(argraph_graph_find_edge(g, ARGRAPH_EDGE_CAUSES, c, f), ARGRAPH_NONE);
	/* adjacency: edges by node, in insertion order */
	INT_EQ(argraph_graph_out_degree(g, c), 2);
	INT_EQ(argraph_graph_out_edge_at(g, c, 0), e1);
	INT_EQ(argraph_graph_out_edge_at(g, c, 1), e2);
	INT_EQ(argraph_graph_out_edge_at(g, c, 2), ARGRAPH_NONE);
	INT_EQ(argraph_graph_in_degree(g, f), 2);
	INT_EQ(argraph_graph_in_edge_at(g, f, 1), e2);
	INT_EQ(argraph_graph_out_degree(g, f), 0);
	INT_EQ(argraph_graph_in_degree(g, c), 0);
	INT_EQ(argraph_graph_out_degree(g, 999), 0);
	INT_EQ(argraph_graph_in_edge_at(g, 999, 0), ARGRAPH_NONE);
	INT_EQ(argraph_graph_find_node(g, "a#f1"), f);
	INT_EQ(argraph_graph_find_node(g, "nope"), ARGRAPH_NONE);
	INT_EQ(argraph_graph_check(g), ARGRAPH_OK);

	/* many nodes: the id index survives growth */
	char id[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "n%d", i);
		argraph_graph_add_node(g, ARGRAPH_NODE_WORK, id, NULL, NULL);
	}
	INT_EQ(argraph_graph_find_node(g, "n4999"), 3 + 4999);
	INT_EQ(argraph_graph_find_node(g, "n0"), 3);

	/* kind names round-trip; unknown names give NONE */
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++)
		INT_EQ(argraph_node_kind_from_name(argraph_node_kind_name((argraph_node_kind)k)), k);
	for (int k = 1; k < ARGRAPH_EDGE__COUNT; k++)
		INT_EQ(argraph_edge_kind_from_name(argraph_edge_kind_name((argraph_edge_kind)k)), k);
	INT_EQ(argraph_node_kind_from_name("clam"), ARGRAPH_NODE_NONE);
	OK(argraph_node_kind_name(ARGRAPH_NODE_NONE) == NULL);
	STR_EQ(argraph_edge_kind_name(ARGRAPH_EDGE_RESOLVES_TO), "resolves_to");

	argraph_graph_free(g);
	argraph_graph_free(NULL);
	return TEST_DONE();
}
