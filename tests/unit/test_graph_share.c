/* SPDX-License-Identifier: MIT */
/*
 * test_graph_share.c — when a graph shares one stored copy of a string
 * between a label, attribute values and provenance (src/graph/graph.c,
 * dup_shared), and when it must not.
 *
 * A string equal to the last one copied into the same slot is shared, and
 * the graph's own copy handed back is shared without a look at its bytes.
 * A caller's buffer is never trusted by its address: the same buffer
 * holding other bytes must give a new copy with those bytes, in every
 * slot (text, file, xpath, xml_id), whatever length the new content has.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "graph/graph_internal.h"
#include "harness.h"

static void own_copy_shared(void)
{
	argraph_graph *g = NULL;
	INT_EQ(argraph_graph_new(&g), ARGRAPH_OK);
	char sentence[] = "The sentence that is a label, a text and a provenance.";
	argraph_prov p = {"dir/file.xml", 3, "p1", "/TEI/text[1]/body[1]/p[1]", sentence, 0, 54};
	size_t n, e;
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "c1", &p, &n), ARGRAPH_OK);
	const argraph_prov *gp = argraph_node_get_prov(argraph_graph_node_at(g, n));
	OK(gp->text != sentence);
	STR_EQ(gp->text, sentence);
	/* the graph's own copies back: shared */
	INT_EQ(argraph_graph_set_label(g, n, NULL, gp->text), ARGRAPH_OK);
	INT_EQ(argraph_graph_set_node_attr(g, n, "text", gp->text), ARGRAPH_OK);
	const argraph_node *node = argraph_graph_node_at(g, n);
	OK(argraph_node_get_label_exact(node, NULL) == gp->text);
	OK(argraph_node_get_attr(node, "text") == gp->text);
	argraph_prov q = *gp;
	INT_EQ(argraph_graph_add_edge(g, ARGRAPH_EDGE_IN, n, n, NULL, &q, &e), ARGRAPH_OK);
	const argraph_prov *ep = argraph_edge_get_prov(argraph_graph_edge_at(g, e));
	OK(ep->text == gp->text && ep->file == gp->file && ep->xpath == gp->xpath);
	/* an equal string in the caller's buffer: shared as well */
	INT_EQ(argraph_graph_set_node_attr(g, n, "again", sentence), ARGRAPH_OK);
	OK(argraph_node_get_attr(node, "again") == gp->text);
	argraph_graph_free(g);
}

/* One buffer, rewritten between calls: each content is its own copy. */
static void reused_buffer_copied(void)
{
	argraph_graph *g = NULL;
	INT_EQ(argraph_graph_new(&g), ARGRAPH_OK);
	static const char *const contents[] = {"alpha", "alpha", "alphabet", "alp", "",
		"Alpha", "alpha", "beta", "beta gamma delta", "beta"};
	size_t k = sizeof contents / sizeof *contents;
	char buf[64];
	size_t bad = 0;
	for (size_t i = 0; i < k; i++) {
		strcpy(buf, contents[i]);
		char name[16];
		argraph_prov p = {buf, 1, buf, buf, buf, 0, 0};
		size_t n, e;
		snprintf(name, sizeof name, "n%zu", i);
		if (argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, name, &p, &n) != ARGRAPH_OK
		    || argraph_graph_add_edge(g, ARGRAPH_EDGE_IN, n, n, NULL, &p, &e) != ARGRAPH_OK
		    || argraph_graph_set_node_attr(g, n, "v", buf) != ARGRAPH_OK) {
			bad++;
			continue;
		}
		memset(buf, 'x', strlen(buf)); /* the caller's bytes change afterwards */
		const argraph_node *node = argraph_graph_node_at(g, n);
		const argraph_prov *np = argraph_node_get_prov(node);
		const argraph_prov *ep = argraph_edge_get_prov(argraph_graph_edge_at(g, e));
		const char *want = contents[i];
		const char *got[] = {np->file, np->xml_id, np->xpath, np->text, ep->file,
			ep->xml_id, ep->xpath, ep->text, argraph_node_get_attr(node, "v")};
		for (size_t j = 0; j < sizeof got / sizeof *got; j++) {
			if (!got[j] || strcmp(got[j], want) != 0
			    || argraph_graph__strlen(got[j]) != strlen(want)) {
				if (bad++ < 5)
					fprintf(stderr, "content %zu slot %zu: \"%s\", want \"%s\"\n", i, j,
						got[j] ? got[j] : "(null)", want);
			}
		}
	}
	INT_EQ(bad, 0);
	argraph_graph_free(g);
}

int main(void)
{
	own_copy_shared();
	reused_buffer_copied();
	return TEST_DONE();
}
