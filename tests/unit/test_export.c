/* SPDX-License-Identifier: MIT */
/* test_export.c — exporters on a graph built by hand: JSON (and reading it
 * back), DOT through cgraph (read back with agmemread) for each view,
 * rendering through gvc (CJK text in the SVG, atomic files, the same bytes
 * twice), and label wrapping. */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <jansson.h>

#include "argraph/argraph.h"
#include "export/dot_internal.h"
#include "export/wrap.h"
#include "harness.h"

static argraph_graph *sample(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov p = {"x.tei.xml", 7, "p1", "/TEI/text[1]/body[1]/p[1]", "甲导致乙。", 0, 5};
	size_t a, b, c, cl, cit;
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "x#a", &p, &a);
	argraph_graph_set_label(g, a, "zh", "甲");
	argraph_graph_set_label(g, a, "en", "A");
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "x#b", &p, &b);
	argraph_graph_set_label(g, b, NULL, "back\\slash & \"quote\"");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "x#p1.s1", &p, &cl);
	argraph_graph_set_label(g, cl, NULL, "甲导致乙。");
	argraph_graph_set_node_attr(g, cl, "text", "甲导致乙。");
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "x#cit.1", &p, &cit);
	argraph_graph_set_node_attr(g, cit, "marker", "[1]");
	argraph_graph_set_node_attr(g, cit, "status", "dangling");
	argraph_graph_add_node(g, ARGRAPH_NODE_SECTION, "x#s", NULL, &c);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, a, b, "zh.cause.lead", &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, cl, cit, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_IN, cl, c, NULL, NULL, NULL);
	return g;
}

static void test_json(void)
{
	argraph_graph *g = sample();
	char *s = NULL;
	INT_EQ(argraph_json_to_string(&s, g, NULL), ARGRAPH_OK);
	json_error_t err;
	json_t *root = s ? json_loads(s, 0, &err) : NULL;
	OK(root != NULL);
	if (root) {
		STR_EQ(json_string_value(json_object_get(root, "version")), ARGRAPH_JSON_FORMAT);
		json_t *nodes = json_object_get(root, "nodes"), *edges = json_object_get(root, "edges");
		INT_EQ(json_array_size(nodes), 5);
		INT_EQ(json_array_size(edges), 3);
		json_t *a = json_array_get(nodes, 0);
		STR_EQ(json_string_value(json_object_get(a, "id")), "x#a");
		STR_EQ(json_string_value(json_object_get(a, "kind")), "factor");
		STR_EQ(json_string_value(json_object_get(json_object_get(a, "labels"), "en")), "A");
		STR_EQ(json_string_value(json_object_get(json_object_get(a, "labels"), "zh")), "甲");
		json_t *prov = json_object_get(a, "provenance");
		STR_EQ(json_string_value(json_object_get(prov, "file")), "x.tei.xml");
		INT_EQ(json_integer_value(json_object_get(prov, "line")), 7);
		STR_EQ(json_string_value(json_object_get(prov, "xml_id")), "p1");
		STR_EQ(json_string_value(json_object_get(prov, "text")), "甲导致乙。");
		INT_EQ(json_integer_value(json_object_get(prov, "end")), 5);
		json_t *b = json_array_get(nodes, 1);
		STR_EQ(json_string_value(json_object_get(b, "label")), "back\\slash & \"quote\"");
		json_t *e = json_array_get(edges, 0);
		STR_EQ(json_string_value(json_object_get(e, "kind")), "causes");
		STR_EQ(json_string_value(json_object_get(e, "source")), "x#a");
		STR_EQ(json_string_value(json_object_get(e, "target")), "x#b");
		STR_EQ(json_string_value(json_object_get(e, "rule")), "zh.cause.lead");
		OK(json_object_get(json_array_get(edges, 1), "rule") == NULL);
		json_decref(root);
	}
	/* read back: the same JSON again, byte for byte */
	argraph_graph *g2 = NULL;
	INT_EQ(argraph_json_read_mem(&g2, s, strlen(s), "x.json", NULL), ARGRAPH_OK);
	char *s2 = NULL;
	if (g2)
		argraph_json_to_string(&s2, g2, NULL);
	OK(s2 && strcmp(s, s2) == 0);
	argraph_free(s2);
	argraph_graph_free(g2);

	/* bad JSON: parse error with line, and each kind of invalid graph */
	argraph_diags *d;
	argraph_diags_new(&d);
	const char *broken = "{\n  \"version\": \"argraph-graph/1\",\n  \"nodes\": [\n";
	INT_EQ(argraph_json_read_mem(&g2, broken, strlen(broken), "b.json", d), ARGRAPH_EPARSE);
	OK(argraph_diags_at(d, 0) && argraph_diags_at(d, 0)->pos.line >= 3);
	const char *badkind = "{\"version\":\"argraph-graph/1\",\"nodes\":[{\"id\":\"a\",\"kind\":\"clam\"}],\"edges\":[]}";
	INT_EQ(argraph_json_read_mem(&g2, badkind, strlen(badkind), "k.json", d), ARGRAPH_EINVALID);
	STR_CONTAINS(argraph_diags_at(d, 1)->message, "clam");
	const char *dangling = "{\"version\":\"argraph-graph/1\",\"nodes\":[{\"id\":\"a\",\"kind\":\"claim\"}],"
			       "\"edges\":[{\"kind\":\"in\",\"source\":\"a\",\"target\":\"zz\"}]}";
	INT_EQ(argraph_json_read_mem(&g2, dangling, strlen(dangling), "e.json", d), ARGRAPH_EINVALID);
	STR_CONTAINS(argraph_diags_at(d, 2)->message, "zz");
	const char *oldver = "{\"version\":\"argraph-graph/0\",\"nodes\":[],\"edges\":[]}";
	INT_EQ(argraph_json_read_mem(&g2, oldver, strlen(oldver), "v.json", d), ARGRAPH_EINVALID);
	const char *dup = "{\"version\":\"argraph-graph/1\",\"nodes\":[{\"id\":\"a\",\"kind\":\"claim\"},{\"id\":\"a\",\"kind\":\"claim\"}],\"edges\":[]}";
	INT_EQ(argraph_json_read_mem(&g2, dup, strlen(dup), "d.json", d), ARGRAPH_EINVALID);
	argraph_diags_free(d);
	argraph_free(s);
	argraph_graph_free(g);
}

static void test_dot(void)
{
	argraph_graph *g = sample();
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.lang = "en";
	char *dot = NULL;
	INT_EQ(argraph_dot_to_string(&dot, g, &o, NULL), ARGRAPH_OK);
	OK(dot != NULL);
	if (!dot) {
		argraph_graph_free(g);
		return;
	}
	Agraph_t *ag = agmemread(dot);
	OK(ag != NULL);
	if (ag) {
		STR_EQ(agget(ag, "newrank"), "true"); /* the clusters + labels crash guard */
		STR_EQ(agget(ag, "fontname"), ARGRAPH_DEFAULT_FONT);
		Agnode_t *a = agnode(ag, "x#a", 0), *b = agnode(ag, "x#b", 0);
		OK(a && b);
		if (a && b) {
			STR_EQ(agget(a, "label"), "A"); /* --lang en */
			STR_EQ(agget(a, "shape"), "ellipse");
			/* backslash doubled, & as an entity: Graphviz shows them literally */
			STR_EQ(agget(b, "label"), "back\\\\slash &amp; \"quote\"");
			Agedge_t *e = agedge(ag, a, b, NULL, 0);
			OK(e != NULL);
			if (e)
				STR_EQ(agget(e, "style"), "bold");
		}
		/* sections are clusters in the "all" view, and the legend is there */
		OK(agsubg(ag, "cluster_legend", 0) != NULL);
		OK(agnode(ag, "x#s", 0) == NULL);
		agclose(ag);
	}
	argraph_free(dot);

	/* the causal view shows factors only */
	o.view = ARGRAPH_VIEW_CAUSAL;
	o.legend = 0;
	INT_EQ(argraph_dot_to_string(&dot, g, &o, NULL), ARGRAPH_OK);
	ag = dot ? agmemread(dot) : NULL;
	OK(ag && agnnodes(ag) == 2 && agnedges(ag) == 1);
	if (ag)
		agclose(ag);
	argraph_free(dot);
	argraph_graph_free(g);
}

/* A small bilingual paper: a Chinese and an English abstract saying the
 * same causal claim, a thesis the text asserts, a person's claim that
 * another claim attacks, a resolved and a dangling citation. */
static argraph_graph *paper(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov p = {"p.tei.xml", 3, "abs-zh", NULL, "甲导致乙。", 0, 5};
	argraph_prov pe = {"p.tei.xml", 9, "abs-en", NULL, "A leads to B.", 0, 13};
	size_t doc, szh, sen, sbody, czh, cen, cth, cat, cco, ccite, fa, fb, per, cit, cit2, w;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "p", NULL, &doc);
	argraph_graph_set_label(g, doc, NULL, "论文");
	argraph_graph_set_node_attr(g, doc, "lang", "zh");
	argraph_graph_add_node(g, ARGRAPH_NODE_SECTION, "p#sz", NULL, &szh);
	argraph_graph_set_node_attr(g, szh, "area", "abstract");
	argraph_graph_set_node_attr(g, szh, "lang", "zh");
	argraph_graph_add_node(g, ARGRAPH_NODE_SECTION, "p#se", NULL, &sen);
	argraph_graph_set_node_attr(g, sen, "area", "abstract");
	argraph_graph_set_node_attr(g, sen, "lang", "en");
	argraph_graph_add_node(g, ARGRAPH_NODE_SECTION, "p#body", NULL, &sbody);
	argraph_graph_set_node_attr(g, sbody, "area", "body");
	argraph_graph_set_label(g, sbody, NULL, "一、引言");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "p#zh.s1", &p, &czh);
	argraph_graph_set_label(g, czh, NULL, "甲导致乙。");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "p#en.s1", &pe, &cen);
	argraph_graph_set_label(g, cen, NULL, "A leads to B.");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "p#t", &p, &cth);
	argraph_graph_set_label(g, cth, NULL, "本文认为甲是关键。");
	argraph_graph_set_node_attr(g, cth, "role", "thesis");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "p#at", &p, &cat);
	argraph_graph_set_label(g, cat, NULL, "某人认为乙不重要。");
	argraph_graph_set_node_attr(g, cat, "voice", "attributed");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "p#co", &p, &cco);
	argraph_graph_set_label(g, cco, NULL, "但是乙很重要。");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "p#ci", &p, &ccite);
	argraph_graph_set_label(g, ccite, NULL, "有研究表明如此。");
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "p#fa", NULL, &fa);
	argraph_graph_set_label(g, fa, "zh", "甲");
	argraph_graph_set_label(g, fa, "en", "A");
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "p#fb", NULL, &fb);
	argraph_graph_set_label(g, fb, "zh", "乙");
	argraph_graph_set_label(g, fb, "en", "B");
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "p#someone", NULL, &per);
	argraph_graph_set_label(g, per, "zh", "某人");
	argraph_graph_set_label(g, per, "en", "Someone");
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "p#cit.1", NULL, &cit);
	argraph_graph_set_label(g, cit, NULL, "[1]");
	argraph_graph_set_node_attr(g, cit, "status", "dangling");
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "p#cit.2", NULL, &cit2);
	argraph_graph_set_label(g, cit2, NULL, "Someone (2001)");
	argraph_graph_set_node_attr(g, cit2, "status", "resolved");
	argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "p#w", NULL, &w);
	argraph_graph_set_label(g, w, NULL, "Someone (2001): A Book");
	size_t claims[] = {czh, cen, cth, cat, cco, ccite};
	size_t secs[] = {szh, sen, sbody, sbody, sbody, sbody};
	for (size_t i = 0; i < 6; i++)
		argraph_graph_add_edge(g, ARGRAPH_EDGE_IN, claims[i], secs[i], NULL, NULL, NULL);
	size_t e;
	/* the same relation in each abstract, and twice in the Chinese one */
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, fa, fb, "zh.cause.lead", &p, &e);
	argraph_graph_set_edge_attr(g, e, "claim", "p#zh.s1");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, fa, fb, "zh.cause.other", &p, &e);
	argraph_graph_set_edge_attr(g, e, "claim", "p#zh.s1");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, fa, fb, "en.cause.lead-to", &pe, &e);
	argraph_graph_set_edge_attr(g, e, "claim", "p#en.s1");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_ASSERTS, doc, cth, "zh.thesis", &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_ASSERTS, per, cat, "zh.report", &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_ATTACKS, cco, cat, "zh.contrast", &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, cat, cit, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, ccite, cit2, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_RESOLVES_TO, cit2, w, NULL, NULL, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_AUTHORED, per, w, NULL, NULL, NULL);
	return g;
}

/* DOT of one view, read back. NULL on failure (counted). */
static Agraph_t *view_of(const argraph_graph *g, argraph_view view, const char *lang, char **text)
{
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = view;
	o.lang = lang;
	char *dot = NULL;
	INT_EQ(argraph_dot_to_string(&dot, g, &o, NULL), ARGRAPH_OK);
	Agraph_t *ag = dot ? agmemread(dot) : NULL;
	OK(ag != NULL);
	if (text)
		*text = dot;
	else
		argraph_free(dot);
	return ag;
}

static const char *node_attr(Agraph_t *ag, const char *node, const char *attr)
{
	Agnode_t *n = agnode(ag, (char *)node, 0);
	return n ? agget(n, (char *)attr) : NULL;
}

static void test_views(void)
{
	argraph_graph *g = paper();
	char *text = NULL, *again = NULL;

	/* causal, in the text's language (zh): the Chinese abstract only, the
	 * two Chinese findings of one relation drawn as one edge, outcome last */
	Agraph_t *ag = view_of(g, ARGRAPH_VIEW_CAUSAL, NULL, &text);
	if (ag) {
		STR_EQ(agget(ag, "rankdir"), "LR");
		STR_EQ(node_attr(ag, "p#fa", "label"), "甲");
		STR_EQ(node_attr(ag, "p#fb", "peripheries"), "2"); /* an outcome */
		Agnode_t *a = agnode(ag, "p#fa", 0), *b = agnode(ag, "p#fb", 0);
		int n = 0;
		for (Agedge_t *e = a ? agfstout(ag, a) : NULL; e; e = agnxtout(ag, e))
			n += aghead(e) == b;
		INT_EQ(n, 1);
		Agedge_t *e = a && b ? agedge(ag, a, b, NULL, 0) : NULL;
		OK(e != NULL);
		if (e) {
			STR_CONTAINS(agget(e, "tooltip"), "zh.cause.lead: 甲导致乙。");
			STR_CONTAINS(agget(e, "tooltip"), "zh.cause.other");
			OK(!strstr(agget(e, "tooltip"), "en.cause"));
		}
		Agraph_t *out = agsubg(ag, "outcomes", 0);
		OK(out && agnode(out, "p#fb", 0) && !agnode(out, "p#fa", 0));
		STR_EQ(out ? agget(out, "rank") : NULL, "max");
		/* the legend: only what is drawn, in the label language */
		STR_EQ(node_attr(ag, "legend factor", "label"), "因素");
		STR_EQ(node_attr(ag, "legend factor.outcome", "label"), "结果");
		STR_EQ(node_attr(ag, "legend causes.to", "label"), "导致");
		OK(agnode(ag, "legend claim", 0) == NULL);
		INT_EQ(agnnodes(ag), 2 + 5); /* two factors; title, two kinds, one edge sample */
		agclose(ag);
	}
	/* the same graph, the same bytes */
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = ARGRAPH_VIEW_CAUSAL;
	argraph_dot_to_string(&again, g, &o, NULL);
	OK(text && again && strcmp(text, again) == 0);
	argraph_free(text);
	argraph_free(again);

	/* --lang en: the English labels and the English abstract's edge */
	ag = view_of(g, ARGRAPH_VIEW_CAUSAL, "en", NULL);
	if (ag) {
		STR_EQ(node_attr(ag, "p#fa", "label"), "A");
		Agedge_t *e = agedge(ag, agnode(ag, "p#fa", 0), agnode(ag, "p#fb", 0), NULL, 0);
		OK(e != NULL);
		if (e) {
			STR_CONTAINS(agget(e, "tooltip"), "en.cause.lead-to: A leads to B.");
			OK(!strstr(agget(e, "tooltip"), "zh.cause"));
		}
		STR_EQ(node_attr(ag, "legend causes.to", "label"), "causes");
		agclose(ag);
	}
	/* a regional tag counts as its language */
	ag = view_of(g, ARGRAPH_VIEW_CAUSAL, "en-US", NULL);
	if (ag) {
		STR_EQ(node_attr(ag, "p#fa", "label"), "A");
		agclose(ag);
	}

	/* argument: bottom-up, the thesis on the top rank with "the author"
	 * beside it, the person beside its claim, the attack drawn */
	ag = view_of(g, ARGRAPH_VIEW_ARGUMENT, NULL, NULL);
	if (ag) {
		STR_EQ(agget(ag, "rankdir"), "BT");
		STR_EQ(node_attr(ag, "p", "label"), "作者");
		Agraph_t *top = agsubg(ag, "theses", 0);
		OK(top && agnode(top, "p#t", 0) && agnode(top, "p", 0));
		STR_EQ(top ? agget(top, "rank") : NULL, "max");
		STR_EQ(node_attr(ag, "p#t", "penwidth"), "2.5"); /* the thesis look */
		int beside = 0;
		for (Agraph_t *sg = agfstsubg(ag); sg; sg = agnxtsubg(sg))
			if (agnode(sg, "p#someone", 0) && agnode(sg, "p#at", 0))
				beside = strcmp(agget(sg, "rank"), "same") == 0;
		OK(beside);
		Agnode_t *co = agnode(ag, "p#co", 0), *at = agnode(ag, "p#at", 0);
		Agedge_t *e = co && at ? agedge(ag, co, at, NULL, 0) : NULL;
		OK(e != NULL);
		if (e)
			STR_EQ(agget(e, "arrowhead"), "tee");
		OK(agnode(ag, "p#zh.s1", 0) == NULL); /* takes no part */
		OK(agnode(ag, "p#ci", 0) == NULL);
		agclose(ag);
	}

	/* citation: claims → citations → works → authors; the dangling one
	 * says so in words too; the author's edge is laid out backwards */
	ag = view_of(g, ARGRAPH_VIEW_CITATION, NULL, NULL);
	if (ag) {
		STR_EQ(node_attr(ag, "p#cit.1", "label"), "[1]（未找到文献）");
		STR_CONTAINS(node_attr(ag, "p#cit.1", "style"), "dashed");
		STR_EQ(node_attr(ag, "p#cit.2", "label"), "Someone (2001)");
		Agnode_t *w = agnode(ag, "p#w", 0), *per = agnode(ag, "p#someone", 0);
		Agedge_t *e = w && per ? agedge(ag, w, per, NULL, 0) : NULL;
		OK(e != NULL);
		if (e) {
			STR_EQ(agget(e, "dir"), "back");
			STR_EQ(agget(e, "arrowtail"), "odot");
		}
		STR_EQ(node_attr(ag, "legend citation.dangling", "label"), "未找到文献的引用");
		agclose(ag);
	}
	ag = view_of(g, ARGRAPH_VIEW_CITATION, "en", NULL);
	if (ag) {
		STR_EQ(node_attr(ag, "p#cit.1", "label"), "[1] (dangling)");
		STR_EQ(node_attr(ag, "p#someone", "label"), "Someone");
		agclose(ag);
	}

	/* all: sections as clusters, the hidden abstract's claim left out */
	ag = view_of(g, ARGRAPH_VIEW_ALL, NULL, NULL);
	if (ag) {
		OK(agnode(ag, "p#zh.s1", 0) != NULL);
		OK(agnode(ag, "p#en.s1", 0) == NULL);
		OK(agnode(ag, "p#body", 0) == NULL);
		int clusters = 0;
		for (Agraph_t *sg = agfstsubg(ag); sg; sg = agnxtsubg(sg))
			clusters += strncmp(agnameof(sg), "cluster_", 8) == 0 && strcmp(agnameof(sg), "cluster_legend") != 0;
		INT_EQ(clusters, 2); /* the Chinese abstract and the body */
		agclose(ag);
	}

	/* for the spring layouts, none of the invisible edges that order dot's
	 * ranks (they would be springs); the legend keeps its own chain */
	argraph_dot_options so = ARGRAPH_DOT_OPTIONS_INIT;
	so.view = ARGRAPH_VIEW_CITATION;
	const char *engines[] = {"dot", "neato"};
	for (int i = 0; i < 2; i++) {
		Agraph_t *built = argraph_dot__build(g, &so, engines[i], NULL);
		int invisible = 0;
		for (Agnode_t *n = built ? agfstnode(built) : NULL; n; n = agnxtnode(built, n))
			for (Agedge_t *e = agfstout(built, n); e; e = agnxtout(built, e))
				invisible += strcmp(agget(e, "style"), "invis") == 0
					  && strncmp(agnameof(agtail(e)), "legend ", 7) != 0
					  && strncmp(agnameof(aghead(e)), "legend ", 7) != 0;
		OK(built != NULL);
		OK(i == 0 ? invisible > 0 : invisible == 0);
		if (built)
			agclose(built);
	}

	/* an empty view: a valid graph, no legend */
	argraph_graph *empty = NULL;
	argraph_graph_new(&empty);
	ag = view_of(empty, ARGRAPH_VIEW_CAUSAL, NULL, NULL);
	if (ag) {
		INT_EQ(agnnodes(ag), 0);
		agclose(ag);
	}
	argraph_graph_free(empty);
	argraph_graph_free(g);
}

static int count_entries(const char *dir)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	if (d)
		closedir(d);
	return n;
}

static void test_render(const char *workdir)
{
	argraph_graph *g = sample();
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	char dir[4200], path[4300]; /* workdir is under 4096 bytes (main) */
	snprintf(dir, sizeof dir, "%s/render-test", workdir);
	mkdir(dir, 0777);
	snprintf(path, sizeof path, "%s/g.svg", dir);
	unlink(path);
	argraph_diags *d;
	argraph_diags_new(&d);
	INT_EQ(argraph_render_file(g, &o, "svg", "dot", path, d), ARGRAPH_OK);
	FILE *f = fopen(path, "rb");
	OK(f != NULL);
	if (f) {
		static char buf[1 << 16];
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		STR_CONTAINS(buf, "<svg");
		STR_CONTAINS(buf, "甲导致乙。");           /* CJK label text as text */
		STR_CONTAINS(buf, "Noto Sans CJK SC");
	}
	/* the same graph, the same bytes: SVG, PNG, and PDF with its date pinned */
	char *first = NULL, *second = NULL;
	size_t n1 = 0, n2 = 0;
	const char *formats[] = {"svg", "png", "pdf"};
	for (size_t i = 0; i < 3; i++) {
		char p1[4300], p2[4300];
		snprintf(p1, sizeof p1, "%s/a.%s", dir, formats[i]);
		snprintf(p2, sizeof p2, "%s/b.%s", dir, formats[i]);
		INT_EQ(argraph_render_file(g, &o, formats[i], "dot", p1, d), ARGRAPH_OK);
		INT_EQ(argraph_render_file(g, &o, formats[i], "dot", p2, d), ARGRAPH_OK);
		first = test_slurp(p1, &n1);
		second = test_slurp(p2, &n2);
		OK(first && second && n1 == n2 && memcmp(first, second, n1) == 0);
		if (first && i == 2) /* no SOURCE_DATE_EPOCH: the epoch */
			OK(memmem(first, n1, "/CreationDate (D:19700101000000Z)", 33) != NULL);
		free(first);
		free(second);
		unlink(p1);
		unlink(p2);
	}
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	snprintf(path, sizeof path, "%s/c.pdf", dir);
	INT_EQ(argraph_render_file(g, &o, "pdf", "dot", path, d), ARGRAPH_OK);
	first = test_slurp(path, &n1);
	OK(first && memmem(first, n1, "/CreationDate (D:19700102000000Z)", 33) != NULL);
	free(first);
	unlink(path);
	unsetenv("SOURCE_DATE_EPOCH");
	/* unknown format/engine: refused, nothing written */
	snprintf(path, sizeof path, "%s/g.nope", dir);
	INT_EQ(argraph_render_file(g, &o, "nope", "dot", path, d), ARGRAPH_EINVALID);
	INT_EQ(argraph_render_file(g, &o, "svg", "nope", path, d), ARGRAPH_EINVALID);
	OK(access(path, F_OK) != 0);
	/* unwritable place: error, and no temp file left in the directory */
	snprintf(path, sizeof path, "%s/missing-dir/g.svg", dir);
	INT_EQ(argraph_render_file(g, &o, "svg", "dot", path, d), ARGRAPH_EIO);
	INT_EQ(count_entries(dir), 1); /* only g.svg */
	argraph_diags_free(d);
	argraph_graph_free(g);
}

static void test_wrap(void)
{
	INT_EQ(argraph_display_width("美国a，"), 7);
	char *w = argraph_wrap("北约的扩张与存续是美国霸权的战略选择", 10, 0, "|");
	STR_EQ(w, "北约的扩张|与存续是美|国霸权的战|略选择");
	free(w);
	/* closing punctuation never starts a line */
	w = argraph_wrap("一二三四，五六", 8, 0, "|");
	STR_EQ(w, "一二三|四，五六"); /* 四， stays together */
	free(w);
	/* Latin words are never split; a long word gets its own line */
	w = argraph_wrap("the institutionalization of alliances", 12, 0, "|");
	STR_EQ(w, "the|institutionalization|of alliances");
	free(w);
	/* mixed, and the line limit with an ellipsis */
	w = argraph_wrap("NATO 北约 expansion 东扩 and more words here", 10, 2, "|");
	STR_EQ(w, "NATO 北约|expansion…");
	free(w);
	/* a line ends after a clause (，) when that keeps it half full, and the
	 * lines come out even instead of a full one and a short one */
	w = argraph_wrap("北约东扩，国际秩序的不稳定性增加", 14, 0, "|");
	STR_EQ(w, "北约东扩，|国际秩序的不|稳定性增加");
	free(w);
	w = argraph_wrap("需要占据权力优势地位的国家做出一定利益权衡", 21, 0, "|");
	STR_EQ(w, "需要占据权力优|势地位的国家做|出一定利益权衡");
	free(w);
	/* opening punctuation stays with what follows it; curly quotes are two
	 * columns wide, as the CJK font draws them */
	INT_EQ(argraph_display_width("“美国优先”"), 12);
	w = argraph_wrap("他说“美国优先”原则", 8, 0, "|");
	STR_EQ(w, "他说“美|国优先”|原则");
	free(w);
	/* a number is a word too */
	w = argraph_wrap("1997年北约开始东扩", 6, 0, "|");
	OK(w && !strstr(w, "1|") && !strstr(w, "9|") && strstr(w, "1997"));
	free(w);
	/* a cut label: the ellipsis fits in the width, and replaces a
	 * clause-ending comma instead of following it */
	w = argraph_wrap("甲乙丙，丁戊己，庚辛壬，癸", 10, 2, "|");
	STR_EQ(w, "甲乙丙，|丁戊己…");
	free(w);
	w = argraph_wrap("甲乙丙，丁戊己，庚辛壬，癸", 8, 2, "|");
	STR_EQ(w, "甲乙丙，|丁戊…");
	free(w);
	/* white space collapses and never starts or ends a line */
	w = argraph_wrap("  hello \t  world  ", 20, 0, "|");
	STR_EQ(w, "hello world");
	free(w);
	w = argraph_wrap("", 20, 0, "|");
	STR_EQ(w, "");
	free(w);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		return 1;
	test_json();
	test_dot();
	test_views();
	test_render(cwd);
	test_wrap();
	return TEST_DONE();
}
