/* SPDX-License-Identifier: MIT */
/*
 * test_validate_attrs.c — the validator's attribute checks
 * (src/schema/validate.c) against a plain reference.
 *
 * The validator matches an element's attributes to their rules through a
 * table keyed by the interned name's address, falling back to searching
 * the rules when a kind declares more names than the table holds. Here
 * random claims (declared and undeclared attributes, empty, integer, enum
 * and other values) are validated against closed schemas of 8 attributes
 * (the table) and of 90 (the fallback), and the diagnostics must be, in
 * order, what the reference below derives by comparing strings: for each
 * rule in declaration order, missing / not an integer / not in the enum;
 * then each undeclared attribute in the element's order.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/argraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static unsigned long long rng = 0x853c49e6748fea9bull;

static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(rng >> 33) % n;
}

/* Rule k: required every third; types string, integer, enum {x, y}. */
static int rule_required(size_t k) { return k % 3 == 0; }
static int rule_type(size_t k) { return (int)(k % 3); } /* 0 string, 1 integer, 2 enum */

static char *schema_xml(size_t nrules)
{
	size_t cap = 256 + nrules * 200;
	char *x = malloc(cap);
	size_t n = (size_t)snprintf(x, cap, "<graph-schema xmlns=\"urn:argraph:graph-schema:1\" "
		"version=\"1\" name=\"t\">\n<node kind=\"claim\" closed=\"true\">\n");
	static const char *const types[] = {"string", "integer", "enum"};
	for (size_t k = 0; k < nrules; k++) {
		n += (size_t)snprintf(x + n, cap - n, "<attribute name=\"a%zu\" type=\"%s\"%s>%s</attribute>\n",
			k, types[rule_type(k)], rule_required(k) ? " required=\"true\"" : "",
			rule_type(k) == 2 ? "<value>x</value><value>y</value>" : "");
	}
	snprintf(x + n, cap - n, "</node>\n</graph-schema>\n");
	return x;
}

static int is_int(const char *v)
{
	if (*v == '-')
		v++;
	if (!*v)
		return 0;
	for (; *v; v++)
		if (*v < '0' || *v > '9')
			return 0;
	return 1;
}

typedef struct finding {
	const char *code;
	char name[32];
} finding;

/* What the validator must report for one claim, in order. */
static size_t reference(const argraph_node *n, size_t nrules, finding *out)
{
	size_t k = 0;
	for (size_t r = 0; r < nrules; r++) {
		char name[32];
		snprintf(name, sizeof name, "a%zu", r);
		const char *v = NULL;
		for (size_t a = 0; a < argraph_node_attr_count(n); a++) {
			const char *an, *av;
			argraph_node_attr_at(n, a, &an, &av);
			if (strcmp(an, name) == 0)
				v = av;
		}
		const char *code = NULL;
		if (!v || !*v)
			code = rule_required(r) ? "graph.attr.missing" : NULL;
		if (v && (*v || !rule_required(r))) {
			if (rule_type(r) == 1 && !is_int(v))
				code = "graph.attr.type";
			else if (rule_type(r) == 2 && strcmp(v, "x") != 0 && strcmp(v, "y") != 0)
				code = "graph.attr.enum";
		}
		if (code) {
			out[k].code = code;
			snprintf(out[k].name, sizeof out[k].name, "%s", name);
			k++;
		}
	}
	for (size_t a = 0; a < argraph_node_attr_count(n); a++) {
		const char *an, *av;
		argraph_node_attr_at(n, a, &an, &av);
		if (an[0] != 'a' || (size_t)atoi(an + 1) >= nrules) {
			out[k].code = "graph.attr.unknown";
			snprintf(out[k].name, sizeof out[k].name, "%s", an);
			k++;
		}
	}
	return k;
}

static void against_reference(size_t nrules)
{
	char *xml = schema_xml(nrules);
	argraph_graph_schema *s = NULL;
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	INT_EQ(argraph_graph_schema_read_mem(&s, xml, strlen(xml), "t.xml", NULL, d), ARGRAPH_OK);
	free(xml);
	if (!s) {
		argraph_diags_print(d, stderr);
		argraph_diags_free(d);
		return;
	}
	static const char *const values[] = {"", "12", "-3", "x", "y", "z", "abc", "4 5"};
	size_t bad = 0, checked = 0;
	finding *want = malloc((nrules + 40) * sizeof *want);
	for (int round = 0; round < 60; round++) {
		argraph_graph *g = NULL;
		argraph_graph_new(&g);
		for (int c = 0; c < 20; c++) {
			char id[16], name[32];
			snprintf(id, sizeof id, "c%d", c);
			size_t node;
			argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, id, NULL, &node);
			argraph_graph_set_label(g, node, NULL, "label");
			unsigned nattrs = rnd(nrules + 6);
			for (unsigned a = 0; a < nattrs; a++) {
				/* declared names and a few beyond; some set twice */
				snprintf(name, sizeof name, "%s%u", rnd(12) ? "a" : "b", rnd((unsigned)nrules + 4));
				argraph_graph_set_node_attr(g, node, name, values[rnd(8)]);
			}
		}
		argraph_diags_clear(d);
		size_t errors = 0, warnings = 0;
		INT_EQ(argraph_graph_validate(g, s, d, &errors, &warnings), ARGRAPH_OK);
		size_t at = 0;
		for (size_t i = 0; i < argraph_graph_node_count(g); i++) {
			size_t k = reference(argraph_graph_node_at(g, i), nrules, want);
			for (size_t j = 0; j < k; j++, at++) {
				const argraph_diag *dg = argraph_diags_at(d, at);
				char quoted[40];
				snprintf(quoted, sizeof quoted, "'%s'", want[j].name);
				checked++;
				if (!dg || strcmp(dg->code, want[j].code) != 0 || !strstr(dg->message, quoted)) {
					if (bad++ < 5)
						fprintf(stderr, "%zu attrs, node %zu: got %s %s, want %s %s\n", nrules, i,
							dg ? dg->code : "(none)", dg ? dg->message : "",
							want[j].code, quoted);
				}
			}
		}
		INT_EQ(argraph_diags_count(d), at);
		argraph_graph_free(g);
	}
	INT_EQ(bad, 0);
	OK(checked > 1000);
	free(want);
	argraph_graph_schema_free(s);
	argraph_diags_free(d);
}

int main(void)
{
	against_reference(8);  /* every name in the table */
	against_reference(90); /* more names than the table holds */
	return TEST_DONE();
}
