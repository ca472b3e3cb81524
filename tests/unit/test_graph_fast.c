/* SPDX-License-Identifier: MIT */
/*
 * test_graph_fast.c — the graph's internal fast paths for the extractors
 * (src/graph/graph_internal.h) against its public calls: a graph built by
 * the fast calls must hold exactly what one built by the public calls
 * holds, for many generated operations (replacements, empty values,
 * values that are not NUL-terminated at their length, names that share
 * prefixes, buffers reused between calls).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "graph/graph_internal.h"
#include "harness.h"

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* A random string of 0..max bytes from a small alphabet (so that equal
 * strings recur) into buf. */
static size_t random_text(char *buf, size_t max)
{
	static const char alphabet[] = "aab-c. \xc3\xa9";
	size_t n = rnd((unsigned)max + 1);
	for (size_t i = 0; i < n; i++)
		buf[i] = alphabet[rnd(sizeof alphabet - 1)];
	buf[n] = '\0';
	return n;
}

static const char *const names[] = {"role", "roles", "r", "text", "lang", "sentence",
	"status", "stance", "a", "b"};
#define NNAMES (sizeof names / sizeof *names)

/* Same nodes, same attributes in the same order, equal names and values,
 * each stored value after its length (graph_internal.h). */
static size_t compare_graphs(const argraph_graph *a, const argraph_graph *b)
{
	size_t bad = 0;
	if (argraph_graph_node_count(a) != argraph_graph_node_count(b))
		return 1;
	for (size_t i = 0; i < argraph_graph_node_count(a); i++) {
		const argraph_node *na = argraph_graph_node_at(a, i), *nb = argraph_graph_node_at(b, i);
		if (argraph_node_attr_count(na) != argraph_node_attr_count(nb)) {
			bad++;
			continue;
		}
		for (size_t k = 0; k < argraph_node_attr_count(na); k++) {
			const char *an, *av, *bn, *bv;
			argraph_node_attr_at(na, k, &an, &av);
			argraph_node_attr_at(nb, k, &bn, &bv);
			if (strcmp(an, bn) != 0 || strcmp(av, bv) != 0
			    || argraph_graph__strlen(bv) != strlen(bv)
			    || argraph_graph__strlen(bn) != strlen(bn)
			    || bn != argraph_graph__interned(b, bn)
			    || argraph_node_get_attr(nb, an) != argraph_node__attr_interned(nb, bn)) {
				if (bad++ < 5)
					fprintf(stderr, "node %zu attr %zu: %s=\"%s\" vs %s=\"%s\"\n", i, k,
						an, av, bn, bv);
			}
		}
	}
	return bad;
}

/* set_node_attr_n and set_node_attr_own against set_node_attr. */
static void attrs_differential(void)
{
	for (int round = 0; round < 200; round++) {
		argraph_graph *pub = NULL, *fast = NULL;
		INT_EQ(argraph_graph_new(&pub), ARGRAPH_OK);
		INT_EQ(argraph_graph_new(&fast), ARGRAPH_OK);
		size_t nodes = 1 + rnd(6);
		for (size_t i = 0; i < nodes; i++) {
			char id[16];
			snprintf(id, sizeof id, "n%zu", i);
			INT_EQ(argraph_graph_add_node(pub, ARGRAPH_NODE_CLAIM, id, NULL, NULL), ARGRAPH_OK);
			INT_EQ(argraph_graph_add_node(fast, ARGRAPH_NODE_CLAIM, id, NULL, NULL), ARGRAPH_OK);
		}
		size_t ops = rnd(60);
		char buf[64];
		for (size_t op = 0; op < ops; op++) {
			size_t node = rnd((unsigned)nodes);
			const char *name = names[rnd(NNAMES)];
			size_t len = random_text(buf, 24);
			INT_EQ(argraph_graph_set_node_attr(pub, node, name, buf), ARGRAPH_OK);
			const char *iname = argraph_graph__intern(fast, name);
			OK(iname != NULL && strcmp(iname, name) == 0);
			switch (rnd(3)) {
			case 0: /* a copy of the bytes, from a buffer that goes on past them */
				buf[len] = 'X';
				buf[len + 1] = '\0';
				INT_EQ(argraph_graph__set_node_attr_n(fast, node, iname, buf, len), ARGRAPH_OK);
				break;
			case 1: /* an interned value */
				INT_EQ(argraph_graph__set_node_attr_own(fast, node, iname,
					argraph_graph__intern(fast, buf)), ARGRAPH_OK);
				break;
			default: /* a value the graph holds, read back from a node */
				INT_EQ(argraph_graph__set_node_attr_n(fast, node, iname, buf, len), ARGRAPH_OK);
				INT_EQ(argraph_graph__set_node_attr_own(fast, node, iname,
					argraph_node__attr_interned(argraph_graph_node_at(fast, node), iname)),
					ARGRAPH_OK);
				break;
			}
			memset(buf, 'Z', sizeof buf - 1); /* the caller's bytes change afterwards */
		}
		INT_EQ(compare_graphs(pub, fast), 0);
		argraph_graph_free(pub);
		argraph_graph_free(fast);
	}
}

/* The fast calls refuse what the public ones refuse. */
static void attrs_invalid(void)
{
	argraph_graph *g = NULL;
	INT_EQ(argraph_graph_new(&g), ARGRAPH_OK);
	size_t n;
	INT_EQ(argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "c", NULL, &n), ARGRAPH_OK);
	const char *iname = argraph_graph__intern(g, "role");
	INT_EQ(argraph_graph__set_node_attr_n(g, n + 1, iname, "x", 1), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph__set_node_attr_own(g, n + 1, iname, iname), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph__set_node_attr_n(g, n, iname, NULL, 0), ARGRAPH_EINVALID);
	INT_EQ(argraph_graph__set_node_attr_own(g, n, NULL, iname), ARGRAPH_EINVALID);
	OK(argraph_graph__intern(g, NULL) == NULL);
	INT_EQ(argraph_node_attr_count(argraph_graph_node_at(g, n)), 0);
	argraph_graph_free(g);
}

int main(void)
{
	attrs_differential();
	attrs_invalid();
	return TEST_DONE();
}
