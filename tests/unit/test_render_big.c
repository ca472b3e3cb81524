/* SPDX-License-Identifier: MIT */
/* test_render_big.c — generated graphs of 2,000 nodes render: the causal
 * view to SVG with sfdp and with dot, every node drawn once; a causal chain
 * hundreds of factors deep and a large argument view, both of which used to
 * keep dot busy for minutes.
 * No timing assertion (bench/ is for figures); ARGRAPH_BIG_TIMES=1 prints
 * the times. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "argraph/argraph.h"
#include "harness.h"

#define NODES 2000

/* Chinese and English factor names, like the extractor makes them. */
static const char *const zh_parts[] = {"北约", "美国霸权", "欧洲的自主战略", "国际秩序", "制度化改革",
	"安全需求", "外部威胁", "地缘竞争"};
static const char *const en_parts[] = {"alliance cohesion", "threat perception", "burden sharing",
	"institutional assets", "the leading state", "regional order"};

/*
 * 2,000 factors in the shape a merged corpus gives: 400 small causal
 * claims of five factors (two causes of a factor that has two effects),
 * every seventh linked to a later one by a shared cause. Every factor is
 * in the causal view. (A long chain would do too, but with the outcomes
 * held in the last column dot spends minutes routing its long edges, and
 * no text reads like that.)
 */
static argraph_graph *big_graph(void)
{
	argraph_graph *g = NULL;
	if (argraph_graph_new(&g) != ARGRAPH_OK)
		return NULL;
	char id[64], label[160];
	for (size_t i = 0; i < NODES; i++) {
		snprintf(id, sizeof id, "big#f%zu", i);
		size_t n;
		argraph_prov p = {"big.tei.xml", (unsigned)(i + 1), NULL, NULL, NULL, 0, 0};
		if (argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, id, &p, &n) != ARGRAPH_OK)
			return g;
		snprintf(label, sizeof label, "%s的%s（%zu）", zh_parts[i % 8], zh_parts[(i / 8) % 8], i);
		argraph_graph_set_label(g, n, "zh", label);
		snprintf(label, sizeof label, "%s of %s %zu", en_parts[i % 6], en_parts[(i / 6) % 6], i);
		argraph_graph_set_label(g, n, "en", label);
	}
	for (size_t c = 0; c + 5 <= NODES; c += 5) {
		argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c, c + 2, "big.rule", NULL, NULL);
		argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c + 1, c + 2, "big.rule", NULL, NULL);
		argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c + 2, c + 3, "big.rule", NULL, NULL);
		argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c + 2, c + 4, "big.rule", NULL, NULL);
		if (c % 35 == 0 && c + 40 < NODES)
			argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, c, c + 37, "big.rule", NULL, NULL);
	}
	return g;
}

/* 2,000 factors, each caused by one or two of the dozen before it: causal
 * chains a few hundred factors deep, as a merged corpus could give. */
static argraph_graph *deep_graph(void)
{
	argraph_graph *g = NULL;
	if (argraph_graph_new(&g) != ARGRAPH_OK)
		return NULL;
	char id[64];
	for (size_t i = 0; i < NODES; i++) {
		snprintf(id, sizeof id, "deep#f%zu", i);
		argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, id, NULL, NULL);
	}
	unsigned long long seed = 12345;
	for (size_t i = 1; i < NODES; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t reach = i < 12 ? i : 12;
		size_t parent = i - 1 - (size_t)((seed >> 33) % reach);
		argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, parent, i, "deep.rule", NULL, NULL);
		if ((seed >> 20) % 4 == 0 && parent > 0)
			argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, parent - 1, i, "deep.rule", NULL, NULL);
	}
	return g;
}

/* 400 persons and 1,600 claims: each claim supports or attacks one made
 * before it (a few long threads of debate), every fiftieth is a thesis,
 * each person asserts four. The argument view of a large merged corpus. */
static argraph_graph *debate_graph(void)
{
	argraph_graph *g = NULL;
	if (argraph_graph_new(&g) != ARGRAPH_OK)
		return NULL;
	const size_t persons = NODES / 5, claims = NODES - persons;
	char id[64];
	for (size_t i = 0; i < persons; i++) {
		snprintf(id, sizeof id, "debate#p%zu", i);
		size_t n;
		argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, id, NULL, &n);
		argraph_graph_set_label(g, n, "en", id + 7);
	}
	unsigned long long seed = 99;
	for (size_t i = 0; i < claims; i++) {
		snprintf(id, sizeof id, "debate#c%zu", i);
		size_t n;
		argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, id, NULL, &n);
		argraph_graph_set_label(g, n, NULL, "联盟在威胁消失之后仍然存续，因为制度资产降低了合作的成本。");
		if (i % 50 == 0)
			argraph_graph_set_node_attr(g, n, "role", "thesis");
		argraph_graph_add_edge(g, ARGRAPH_EDGE_ASSERTS, i % persons, n, "debate.rule", NULL, NULL);
		if (i == 0)
			continue;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t target = persons + (size_t)((seed >> 33) % i);
		argraph_graph_add_edge(g, (seed >> 20) % 3 ? ARGRAPH_EDGE_SUPPORTS : ARGRAPH_EDGE_ATTACKS,
			n, target, "debate.rule", NULL, NULL);
	}
	return g;
}

/* Occurrences of `needle` in the file. -1 if unreadable. */
/* 3,000 factors, each causing four others far ahead: long crossing edges
 * everywhere, which dot's crossing minimisation takes many minutes over. */
static argraph_graph *tangle_graph(void)
{
	argraph_graph *g = NULL;
	if (argraph_graph_new(&g) != ARGRAPH_OK)
		return NULL;
	enum { TANGLE = 3000 };
	char id[64];
	for (size_t i = 0; i < TANGLE; i++) {
		snprintf(id, sizeof id, "tangle#f%zu", i);
		if (argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, id, NULL, NULL) != ARGRAPH_OK)
			return g;
	}
	for (size_t i = 0; i < TANGLE; i++)
		for (size_t k = 1; k <= 4; k++) {
			size_t t = (i * 7919 + k * 104729) % TANGLE;
			if (t > i)
				argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, i, t, "tangle.rule", NULL, NULL);
		}
	return g;
}

static long count_in_file(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
	long n = -1;
	if (buf && fread(buf, 1, (size_t)size, f) == (size_t)size) {
		buf[size] = '\0';
		n = 0;
		for (const char *p = buf; (p = strstr(p, needle)); p += strlen(needle))
			n++;
	}
	free(buf);
	fclose(f);
	return n;
}

static long count_dir_entries(const char *dir)
{
	DIR *dp = opendir(dir);
	long n = 0;
	struct dirent *de;
	while (dp && (de = readdir(dp)))
		n += de->d_name[0] != '.';
	if (dp)
		closedir(dp);
	return dp ? n : -1;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	argraph_graph *g = big_graph();
	OK(g != NULL);
	INT_EQ(g ? argraph_graph_node_count(g) : 0, NODES);
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = ARGRAPH_VIEW_CAUSAL;
	o.legend = 0; /* so that the node groups are exactly the graph's */
	mkdir("render-big", 0777);
	const char *engines[] = {"sfdp", "dot"};
	for (size_t i = 0; g && i < sizeof engines / sizeof *engines; i++) {
		char path[64];
		snprintf(path, sizeof path, "render-big/big.%s.svg", engines[i]);
		unlink(path);
		double t0 = now();
		INT_EQ(argraph_render_file(g, &o, "svg", engines[i], path, d), ARGRAPH_OK);
		double t1 = now();
		struct stat sb;
		OK(stat(path, &sb) == 0 && sb.st_size > 0);
		/* Graphviz writes one <g id="nodeN" class="node"> per node */
		INT_EQ(count_in_file(path, "class=\"node\""), NODES);
		const char *times = getenv("ARGRAPH_BIG_TIMES");
		if (times && *times == '1')
			printf("%d nodes, causal view, svg, %s: %.2f s, %lld bytes\n", NODES, engines[i],
				t1 - t0, (long long)sb.st_size);
	}

	/* the deep chains: the outcomes are not held in the last column (that
	 * would stretch thousands of edges across hundreds of columns), and dot
	 * lays the view out as quickly as any other */
	argraph_graph *deep = deep_graph();
	char *dot = NULL;
	INT_EQ(argraph_dot_to_string(&dot, deep, &o, d), ARGRAPH_OK);
	OK(dot && !strstr(dot, "subgraph outcomes"));
	argraph_free(dot);
	dot = NULL;
	INT_EQ(argraph_dot_to_string(&dot, g, &o, d), ARGRAPH_OK);
	OK(dot && strstr(dot, "subgraph outcomes")); /* the shallow one keeps them */
	argraph_free(dot);
	double t0 = now();
	INT_EQ(argraph_render_file(deep, &o, "svg", "dot", "render-big/deep.dot.svg", d), ARGRAPH_OK);
	INT_EQ(count_in_file("render-big/deep.dot.svg", "class=\"node\""), NODES);
	const char *times = getenv("ARGRAPH_BIG_TIMES");
	if (times && *times == '1')
		printf("%d nodes in deep chains, causal view, svg, dot: %.2f s\n", NODES, now() - t0);
	argraph_graph_free(deep);

	/* the argument view of 2,000 nodes (its rows and pairs used to make
	 * agwrite and dot quadratic) */
	argraph_graph *debate = debate_graph();
	argraph_dot_options ao = o;
	ao.view = ARGRAPH_VIEW_ARGUMENT;
	t0 = now();
	INT_EQ(argraph_render_file(debate, &ao, "svg", "dot", "render-big/debate.dot.svg", d), ARGRAPH_OK);
	INT_EQ(count_in_file("render-big/debate.dot.svg", "class=\"node\""), NODES);
	if (times && *times == '1')
		printf("%d nodes of debate, argument view, svg, dot: %.2f s\n", NODES, now() - t0);
	argraph_graph_free(debate);

	/* a layout past its time limit: stopped, an error that says so, no
	 * file and no temporary file left */
	argraph_graph *tangle = tangle_graph();
	argraph_dot_options to = o;
	to.render_timeout = 1;
	argraph_diags *td = NULL;
	argraph_diags_new(&td);
	mkdir("render-big/timeout", 0777);
	unlink("render-big/timeout/tangle.svg");
	t0 = now();
	INT_EQ(argraph_render_file(tangle, &to, "svg", "dot", "render-big/timeout/tangle.svg", td), ARGRAPH_ERROR);
	double took = now() - t0;
	OK(took < 30); /* stopped near 1 s, not run to the end */
	int timeout_reported = 0;
	for (size_t i = 0; i < argraph_diags_count(td); i++)
		if (strcmp(argraph_diags_at(td, i)->code, "render.timeout") == 0) {
			timeout_reported = 1;
			STR_CONTAINS(argraph_diags_at(td, i)->message, "did not finish in 1 s");
		}
	OK(timeout_reported);
	struct stat tsb;
	OK(stat("render-big/timeout/tangle.svg", &tsb) != 0);
	OK(count_dir_entries("render-big/timeout") == 0);
	if (times && *times == '1')
		printf("tangle of 3,000 nodes, dot, timeout 1 s: stopped after %.2f s\n", took);
	argraph_diags_free(td);
	argraph_graph_free(tangle);

	for (size_t i = 0; i < argraph_diags_count(d); i++)
		fprintf(stderr, "  diag: %s\n", argraph_diags_at(d, i)->message);
	argraph_diags_free(d);
	argraph_graph_free(g);
	return TEST_DONE();
}
