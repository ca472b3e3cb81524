/* SPDX-License-Identifier: MIT */
/* test_export.c — exporters on a graph built by hand: JSON (and reading it
 * back), DOT through cgraph (read back with agmemread), rendering through
 * gvc (CJK text in the SVG, atomic files), and label wrapping. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <jansson.h>

#include "argraph/argraph.h"
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
	char dir[4096], path[4200];
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
	test_render(cwd);
	test_wrap();
	return TEST_DONE();
}
