/* SPDX-License-Identifier: MIT */
/* test_view_filter.c — the view filters (--min-degree, --top; dot options
 * version 2) and argraph_view_size, on a causal graph built by hand whose
 * degrees are known:
 *
 *   f1 f2 f3 f4 f5 → h     h has 5 edges, each f has 1
 *   a → b                  1 each
 *   c ⇉ d                  two parallel edges: 2 each
 */
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "harness.h"

static size_t factor(argraph_graph *g, const char *id)
{
	size_t i;
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, id, NULL, &i);
	argraph_graph_set_label(g, i, "en", id + 2);
	return i;
}

static argraph_graph *star(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov p = {"t.tei.xml", 3, NULL, NULL, "x", 0, 1};
	size_t h = factor(g, "t#hub");
	for (int k = 1; k <= 5; k++) {
		char id[16];
		snprintf(id, sizeof id, "t#f%d", k);
		argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, factor(g, id), h, "r", &p, NULL);
	}
	size_t a = factor(g, "t#a"), b = factor(g, "t#b"), c = factor(g, "t#c"), d = factor(g, "t#d");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, a, b, "r", &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c, d, "r", &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c, d, "r2", &p, NULL);
	return g;
}

static void size_of(const argraph_graph *g, unsigned min_degree, size_t top, unsigned version,
	size_t *nodes, size_t *edges)
{
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = ARGRAPH_VIEW_CAUSAL;
	o.min_degree = min_degree;
	o.top = top;
	o.version = version;
	OK(argraph_view_size(g, &o, nodes, edges) == ARGRAPH_OK);
}

int main(void)
{
	argraph_graph *g = star();
	size_t n, e;

	size_of(g, 0, 0, 2, &n, &e);
	INT_EQ(n, 10);
	INT_EQ(e, 8);

	/* min-degree 2 keeps hub, c, d; the hub's edges all went with the
	 * f's, but the hub stays (drawn alone): c ⇉ d and the hub */
	size_of(g, 2, 0, 2, &n, &e);
	INT_EQ(n, 3);
	INT_EQ(e, 2);
	size_of(g, 6, 0, 2, &n, &e);
	INT_EQ(n, 0);
	INT_EQ(e, 0);

	/* top 4: hub (5), c (2), d (2), then the first of the degree-1 nodes
	 * in graph order, f1: f1 → hub and c ⇉ d */
	size_of(g, 0, 4, 2, &n, &e);
	INT_EQ(n, 4);
	INT_EQ(e, 3);
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = ARGRAPH_VIEW_CAUSAL;
	o.top = 4;
	char *dot = NULL;
	OK(argraph_dot_to_string(&dot, g, &o, NULL) == ARGRAPH_OK);
	STR_CONTAINS(dot, "\"t#f1\"");
	STR_CONTAINS(dot, "\"t#hub\"");
	OK(dot && !strstr(dot, "\"t#f2\""));
	OK(dot && !strstr(dot, "\"t#a\""));
	argraph_free(dot);

	/* top 3 keeps hub, c, d */
	size_of(g, 0, 3, 2, &n, &e);
	INT_EQ(n, 3);
	INT_EQ(e, 2);
	/* both filters: min-degree first, then top: the hub alone */
	size_of(g, 1, 1, 2, &n, &e);
	INT_EQ(n, 1);
	INT_EQ(e, 0);
	/* a top larger than the view changes nothing */
	size_of(g, 0, 1000, 2, &n, &e);
	INT_EQ(n, 10);
	INT_EQ(e, 8);

	/* a caller built against options version 1 has no filter fields:
	 * whatever lies there is not read */
	size_of(g, 2, 3, 1, &n, &e);
	INT_EQ(n, 10);
	INT_EQ(e, 8);

	argraph_graph_free(g);
	return TEST_DONE();
}
