/* SPDX-License-Identifier: MIT */
/*
 * test_graph_fast.c — the graph's internal fast paths for the extractors
 * (src/graph/graph_internal.h) against its public calls: a graph built by
 * the fast calls must hold exactly what one built by the public calls
 * holds, for many generated operations (replacements, empty values,
 * values that are not NUL-terminated at their length, names that share
 * prefixes, buffers reused between calls); and the id scheme of claims
 * built a block at a time (src/extract) against the whole id.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "extract/extract_internal.h"
#include "graph/graph_internal.h"
#include "util/strmap.h"
#include "harness.h"

/* A random string of 0..max bytes from a small alphabet (so that equal
 * strings recur) into buf. */
static size_t random_text(char *buf, size_t max)
{
	static const char alphabet[] = "aab-c. \xc3\xa9";
	size_t n = test_rnd((unsigned)max + 1);
	for (size_t i = 0; i < n; i++)
		buf[i] = alphabet[test_rnd(sizeof alphabet - 1)];
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
		size_t nodes = 1 + test_rnd(6);
		for (size_t i = 0; i < nodes; i++) {
			char id[32];
			snprintf(id, sizeof id, "n%zu", i);
			INT_EQ(argraph_graph_add_node(pub, ARGRAPH_NODE_CLAIM, id, NULL, NULL), ARGRAPH_OK);
			INT_EQ(argraph_graph_add_node(fast, ARGRAPH_NODE_CLAIM, id, NULL, NULL), ARGRAPH_OK);
		}
		size_t ops = test_rnd(60);
		char buf[64];
		for (size_t op = 0; op < ops; op++) {
			size_t node = test_rnd((unsigned)nodes);
			const char *name = names[test_rnd(NNAMES)];
			size_t len = random_text(buf, 24);
			INT_EQ(argraph_graph_set_node_attr(pub, node, name, buf), ARGRAPH_OK);
			const char *iname = argraph_graph__intern(fast, name);
			OK(iname != NULL && strcmp(iname, name) == 0);
			switch (test_rnd(3)) {
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


/* add_node_n, find_node_n and reserve_nodes against add_node and
 * find_node: the same statuses, indices, ids and lookups, whatever was
 * reserved (none, too few, too many). */
static void nodes_differential(void)
{
	for (int round = 0; round < 100; round++) {
		argraph_graph *pub = NULL, *fast = NULL;
		INT_EQ(argraph_graph_new(&pub), ARGRAPH_OK);
		INT_EQ(argraph_graph_new(&fast), ARGRAPH_OK);
		size_t ops = test_rnd(400), bad = 0;
		char id[64];
		for (size_t op = 0; op < ops; op++) {
			if (test_rnd(50) == 0)
				INT_EQ(argraph_graph__reserve_nodes(fast, test_rnd(300)), ARGRAPH_OK);
			size_t len = (size_t)snprintf(id, sizeof id, "doc#%.*s.%u", (int)test_rnd(40),
				"paragraph-with-a-long-xml-id-of-forty-b", test_rnd(100));
			if (test_rnd(10) == 0)
				len = 0, id[0] = '\0';
			argraph_node_kind kind = test_rnd(8) ? ARGRAPH_NODE_CLAIM : ARGRAPH_NODE_PERSON;
			size_t ip = ARGRAPH_NONE, iq = ARGRAPH_NONE;
			argraph_status sp = argraph_graph_add_node(pub, kind, id, NULL, &ip);
			argraph_status sq = argraph_graph__add_node_n(fast, kind, id, len, NULL, &iq);
			if (sp != sq || ip != iq)
				bad++;
			/* lookups of ids made and not made */
			len = (size_t)snprintf(id, sizeof id, "doc#%.*s.%u", (int)test_rnd(40),
				"paragraph-with-a-long-xml-id-of-forty-b", test_rnd(120));
			if (argraph_graph_find_node(pub, id) != argraph_graph__find_node_n(fast, id, len))
				bad++;
		}
		INT_EQ(bad, 0);
		INT_EQ(argraph_graph_node_count(fast), argraph_graph_node_count(pub));
		for (size_t i = 0; i < argraph_graph_node_count(fast); i++) {
			const char *a = argraph_node_get_id(argraph_graph_node_at(pub, i));
			const char *b = argraph_node_get_id(argraph_graph_node_at(fast, i));
			if (strcmp(a, b) != 0 || argraph_graph__strlen(b) != strlen(b)
			    || argraph_graph__find_node_n(fast, b, strlen(b)) != i)
				bad++;
		}
		INT_EQ(bad, 0);
		OK(argraph_graph_check(fast) == ARGRAPH_OK);
		argraph_graph_free(pub);
		argraph_graph_free(fast);
	}
}

/* strmap_add_hashed and strmap_reserve against strmap_put. */
static void strmap_differential(void)
{
	for (int round = 0; round < 50; round++) {
		strmap a = {0}, b = {0};
		size_t n = test_rnd(2000), bad = 0;
		char (*keys)[24] = malloc((n ? n : 1) * sizeof *keys);
		if (!keys)
			return;
		for (size_t i = 0; i < n; i++) {
			if (test_rnd(100) == 0) {
				size_t want = test_rnd(3000);
				INT_EQ(strmap_reserve(&b, want), 0);
				OK(want * 4 <= b.cap * 3); /* room for them all without growing */
			}
			snprintf(keys[i], sizeof keys[i], "k%zu", i);
			INT_EQ(strmap_put(&a, keys[i], i), 0);
			INT_EQ(strmap_add_hashed(&b, keys[i], strmap_hash(keys[i]), i), 0);
		}
		for (size_t i = 0; i < n + 50; i++) {
			char k[24];
			snprintf(k, sizeof k, "k%zu", i);
			if (strmap_get(&a, k) != strmap_get(&b, k))
				bad++;
		}
		INT_EQ(bad, 0);
		INT_EQ(a.len, b.len);
		OK(b.cap == 0 || b.len * 4 <= b.cap * 3);
		strmap_release(&a);
		strmap_release(&b);
		free(keys);
	}
}

/* A claim id made from the block's prefix and the sentence's number is
 * the whole id, for numbers that gain and lose digits in one buffer. */
static void claim_ids(void)
{
	static const char *const xml = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>"
		"<p xml:id=\"para1\">One. Two.</p><p>Three.</p></body></text></TEI>";
	argraph_diags *d = NULL;
	argraph_doc *doc = NULL;
	INT_EQ(argraph_diags_new(&d), ARGRAPH_OK);
	INT_EQ(argraph_tei_read_mem(&doc, xml, strlen(xml), "ids.xml", NULL, d), ARGRAPH_OK);
	static const size_t ks[] = {0, 8, 9, 10, 8, 98, 99, 100, 9, 999999, 1000000, 0, 12345678901};
	strbuf out = {0};
	size_t bad = 0;
	for (size_t bi = 0; doc && bi < argraph_doc_block_count(doc); bi++) {
		const char *xid = argraph_doc_block_at(doc, bi)->xml_id;
		size_t prefix = argraph_extract__claim_prefix(&out, "key", doc, bi);
		for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
			char want[128];
			if (xid)
				snprintf(want, sizeof want, "key#%s.s%zu", xid, ks[j] + 1);
			else
				snprintf(want, sizeof want, "key#b%zu.s%zu", bi + 1, ks[j] + 1);
			const char *got = argraph_extract__claim_id_at(&out, prefix, ks[j]);
			if (!got || strcmp(got, want) != 0 || out.len != strlen(want)) {
				if (bad++ < 5)
					fprintf(stderr, "claim id \"%s\", want \"%s\"\n", got ? got : "(null)", want);
			}
		}
	}
	INT_EQ(bad, 0);
	OK(doc && argraph_doc_block_count(doc) >= 2);
	strbuf_release(&out);
	argraph_doc_free(doc);
	argraph_diags_free(d);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0 && argraph_graph__strlen(b) == strlen(b));
}

/* add_edge_own, with the provenance of a node of the graph and an
 * interned rule id, against add_edge with copies of them: the same
 * edges (ids, ends, rules, provenance) in the same adjacency lists. */
static void edges_differential(void)
{
	for (int round = 0; round < 100; round++) {
		argraph_graph *pub = NULL, *fast = NULL;
		INT_EQ(argraph_graph_new(&pub), ARGRAPH_OK);
		INT_EQ(argraph_graph_new(&fast), ARGRAPH_OK);
		size_t nodes = 1 + test_rnd(8), bad = 0;
		char text[64], xpath[64], rule[32];
		for (size_t i = 0; i < nodes; i++) {
			char id[32];
			snprintf(id, sizeof id, "n%zu", i);
			random_text(text, 30);
			snprintf(xpath, sizeof xpath, "/TEI/text[1]/p[%u]", test_rnd(3));
			argraph_prov p = {test_rnd(2) ? "a.xml" : "b.xml", test_rnd(9), test_rnd(2) ? "x1" : NULL, xpath,
				test_rnd(4) ? text : NULL, test_rnd(5), 5 + test_rnd(5)};
			INT_EQ(argraph_graph_add_node(pub, ARGRAPH_NODE_CLAIM, id, &p, NULL), ARGRAPH_OK);
			INT_EQ(argraph_graph_add_node(fast, ARGRAPH_NODE_CLAIM, id, &p, NULL), ARGRAPH_OK);
		}
		size_t ops = test_rnd(80);
		for (size_t op = 0; op < ops; op++) {
			size_t from = test_rnd((unsigned)nodes), to = test_rnd((unsigned)nodes + 1);
			size_t of = test_rnd((unsigned)nodes); /* whose provenance */
			argraph_edge_kind kind = test_rnd(2) ? ARGRAPH_EDGE_IN : ARGRAPH_EDGE_ASSERTS;
			snprintf(rule, sizeof rule, "en.rule.%u", test_rnd(3));
			int with_rule = test_rnd(2), with_prov = test_rnd(5) != 0;
			/* the public call gets the caller's copies of the same strings */
			argraph_prov copy = *argraph_node_get_prov(argraph_graph_node_at(pub, of));
			char cfile[64], cxpath[64], ctext[64];
			if (copy.file)
				copy.file = strcpy(cfile, copy.file);
			if (copy.xpath)
				copy.xpath = strcpy(cxpath, copy.xpath);
			if (copy.text)
				copy.text = strcpy(ctext, copy.text);
			const argraph_prov *own = argraph_node_get_prov(argraph_graph_node_at(fast, of));
			size_t ep = ARGRAPH_NONE, ef = ARGRAPH_NONE;
			argraph_status sp = argraph_graph_add_edge(pub, kind, from, to,
				with_rule ? rule : NULL, with_prov ? &copy : NULL, &ep);
			argraph_status sf = argraph_graph__add_edge_own(fast, kind, from, to,
				with_rule ? argraph_graph__intern(fast, rule) : NULL, with_prov ? own : NULL, &ef);
			if (sp != sf || ep != ef)
				bad++;
			memset(ctext, 'Z', sizeof ctext - 1); /* the caller's buffers change */
			memset(cxpath, 'Z', sizeof cxpath - 1);
		}
		INT_EQ(argraph_graph_edge_count(fast), argraph_graph_edge_count(pub));
		for (size_t i = 0; i < argraph_graph_edge_count(fast) && i < argraph_graph_edge_count(pub); i++) {
			const argraph_edge *a = argraph_graph_edge_at(pub, i), *b = argraph_graph_edge_at(fast, i);
			const argraph_prov *pa = argraph_edge_get_prov(a), *pb = argraph_edge_get_prov(b);
			if (argraph_edge_get_kind(a) != argraph_edge_get_kind(b)
			    || argraph_edge_get_source(a) != argraph_edge_get_source(b)
			    || argraph_edge_get_target(a) != argraph_edge_get_target(b)
			    || !same_str(argraph_edge_get_id(a), argraph_edge_get_id(b))
			    || !same_str(argraph_edge_get_rule(a), argraph_edge_get_rule(b))
			    || (argraph_edge_get_rule(b)
				&& argraph_edge_get_rule(b) != argraph_graph__interned(fast, argraph_edge_get_rule(b)))
			    || !same_str(pa->file, pb->file) || !same_str(pa->xml_id, pb->xml_id)
			    || !same_str(pa->xpath, pb->xpath) || !same_str(pa->text, pb->text)
			    || pa->line != pb->line || pa->begin != pb->begin || pa->end != pb->end)
				bad++;
		}
		for (size_t i = 0; i < nodes; i++) {
			if (argraph_graph_out_degree(pub, i) != argraph_graph_out_degree(fast, i)
			    || argraph_graph_in_degree(pub, i) != argraph_graph_in_degree(fast, i))
				bad++;
			for (size_t k = 0; k < argraph_graph_out_degree(pub, i); k++)
				if (argraph_graph_out_edge_at(pub, i, k) != argraph_graph_out_edge_at(fast, i, k))
					bad++;
			for (size_t k = 0; k < argraph_graph_in_degree(pub, i); k++)
				if (argraph_graph_in_edge_at(pub, i, k) != argraph_graph_in_edge_at(fast, i, k))
					bad++;
		}
		INT_EQ(bad, 0);
		OK(argraph_graph_check(fast) == ARGRAPH_OK);
		argraph_graph_free(pub);
		argraph_graph_free(fast);
	}
}

int main(void)
{
	test_seed(0x9E3779B97F4A7C15ull);
	attrs_differential();
	attrs_invalid();
	nodes_differential();
	edges_differential();
	strmap_differential();
	claim_ids();
	return TEST_DONE();
}
