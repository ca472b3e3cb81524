/* SPDX-License-Identifier: MIT */
/*
 * dot.c — the only user of cgraph. Builds a Graphviz graph for one view of
 * an argraph graph, styled from the kind table, and writes it with agwrite
 * (never by printing DOT text ourselves).
 *
 * Graphviz 2.42 quirks handled here: its API takes `char *` (we pass
 * copies or casts of literals it does not modify); cgraph reports errors
 * through a global hook, which we point at our diags around each call;
 * dot crashes on clusters + edge labels unless newrank=true (TECHNOTES §3.6),
 * so newrank is always set.
 */
#define _POSIX_C_SOURCE 200809L
#include "dot_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../graph/kinds.h"
#include "../util/strbuf.h"
#include "wrap.h"

#define S(x) ((char *)(x))

const char *argraph_view_name(argraph_view v)
{
	switch (v) {
	case ARGRAPH_VIEW_ALL: return "all";
	case ARGRAPH_VIEW_CAUSAL: return "causal";
	case ARGRAPH_VIEW_ARGUMENT: return "argument";
	case ARGRAPH_VIEW_CITATION: return "citation";
	}
	return NULL;
}

int argraph_view_from_name(const char *name, argraph_view *out)
{
	for (int v = ARGRAPH_VIEW_ALL; v <= ARGRAPH_VIEW_CITATION; v++) {
		if (name && strcmp(name, argraph_view_name((argraph_view)v)) == 0) {
			*out = (argraph_view)v;
			return 0;
		}
	}
	return -1;
}

/* ---- cgraph error capture: fragments buffered until a newline ---- */

static strbuf cg_errors;

static int capture_cgraph_error(char *fragment)
{
	strbuf_puts(&cg_errors, fragment);
	return 0;
}

static void flush_cgraph_errors(argraph_diags *diags)
{
	const char *s = strbuf_cstr(&cg_errors);
	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n)
			argraph_diags_add(diags, ARGRAPH_SEV_WARNING, "graphviz", NULL, "%.*s", (int)n, s);
		s += n + (s[n] == '\n');
	}
	strbuf_release(&cg_errors);
}

/* ---- which nodes and edges a view shows ---- */

static int edge_in_view(argraph_view v, argraph_edge_kind k)
{
	switch (v) {
	case ARGRAPH_VIEW_ALL:
		return k != ARGRAPH_EDGE_IN; /* shown as clusters instead */
	case ARGRAPH_VIEW_CAUSAL:
		return k == ARGRAPH_EDGE_CAUSES;
	case ARGRAPH_VIEW_ARGUMENT:
		return k == ARGRAPH_EDGE_SUPPORTS || k == ARGRAPH_EDGE_ATTACKS
		    || k == ARGRAPH_EDGE_ASSERTS;
	case ARGRAPH_VIEW_CITATION:
		return k == ARGRAPH_EDGE_CITES || k == ARGRAPH_EDGE_RESOLVES_TO
		    || k == ARGRAPH_EDGE_AUTHORED;
	}
	return 0;
}

/* Nodes a view shows on their own even without an edge. */
static int node_in_view(argraph_view v, argraph_node_kind k)
{
	switch (v) {
	case ARGRAPH_VIEW_ALL:
		return k != ARGRAPH_NODE_SECTION; /* sections are clusters */
	case ARGRAPH_VIEW_CAUSAL:
		return k == ARGRAPH_NODE_FACTOR;
	case ARGRAPH_VIEW_ARGUMENT:
	case ARGRAPH_VIEW_CITATION:
		return 0; /* only what takes part in the view's edges */
	}
	return 0;
}

/* ---- labels ---- */

/* Plain DOT labels: '\' starts an escape and entities are decoded, so
 * double backslashes and write '&' as "&amp;" (TECHNOTES §3.4). */
static char *escape_label(const char *text)
{
	strbuf b = {0};
	for (const char *p = text; *p; p++) {
		if (*p == '\\')
			strbuf_puts(&b, "\\\\");
		else if (*p == '&')
			strbuf_puts(&b, "&amp;");
		else
			strbuf_putc(&b, *p);
	}
	if (b.failed) {
		strbuf_release(&b);
		return NULL;
	}
	return strbuf_detach(&b);
}

static char *node_label(const argraph_node *n, const argraph_dot_options *o)
{
	const char *text = argraph_node_get_label(n, o->lang);
	char *esc = escape_label(text);
	if (!esc)
		return NULL;
	unsigned cols = o->wrap_columns ? o->wrap_columns : 28;
	unsigned max_lines = argraph_node_get_kind(n) == ARGRAPH_NODE_CLAIM ? 6 : 4;
	char *wrapped = argraph_wrap(esc, cols, max_lines, "\\n");
	free(esc);
	return wrapped;
}

/* ---- building ---- */

static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, S(name), S(value), S(""));
}

static void declare_defaults(Agraph_t *ag, const argraph_dot_options *o)
{
	const char *font = o->font ? o->font : ARGRAPH_DEFAULT_FONT;
	agattr(ag, AGRAPH, S("newrank"), S("true"));
	agattr(ag, AGRAPH, S("charset"), S("UTF-8"));
	agattr(ag, AGRAPH, S("fontname"), S(font));
	agattr(ag, AGRAPH, S("rankdir"), S(o->view == ARGRAPH_VIEW_CAUSAL ? "LR" : "TB"));
	agattr(ag, AGRAPH, S("nodesep"), S("0.3"));
	agattr(ag, AGRAPH, S("ranksep"), S("0.5"));
	agattr(ag, AGRAPH, S("label"), S(""));
	agattr(ag, AGRAPH, S("style"), S(""));
	agattr(ag, AGRAPH, S("color"), S(""));
	agattr(ag, AGRAPH, S("fontsize"), S("14"));
	agattr(ag, AGNODE, S("fontname"), S(font));
	agattr(ag, AGNODE, S("fontsize"), S("11"));
	agattr(ag, AGNODE, S("shape"), S("box"));
	agattr(ag, AGNODE, S("style"), S("filled"));
	agattr(ag, AGNODE, S("fillcolor"), S("white"));
	agattr(ag, AGNODE, S("color"), S("black"));
	agattr(ag, AGNODE, S("label"), S("\\N"));
	agattr(ag, AGNODE, S("tooltip"), S(""));
	agattr(ag, AGNODE, S("margin"), S("0.08,0.04"));
	agattr(ag, AGEDGE, S("fontname"), S(font));
	agattr(ag, AGEDGE, S("fontsize"), S("9"));
	agattr(ag, AGEDGE, S("style"), S("solid"));
	agattr(ag, AGEDGE, S("color"), S("black"));
	agattr(ag, AGEDGE, S("arrowhead"), S("normal"));
	agattr(ag, AGEDGE, S("label"), S(""));
	agattr(ag, AGEDGE, S("tooltip"), S(""));
}

static void style_node(Agnode_t *an, argraph_node_kind k)
{
	const node_kind_info *ki = argraph_graph__node_kind_info(k);
	set(an, "shape", ki->shape);
	set(an, "style", ki->style);
	set(an, "fillcolor", ki->fillcolor);
	set(an, "color", ki->pencolor);
}

static void style_edge(Agedge_t *ae, argraph_edge_kind k)
{
	const edge_kind_info *ki = argraph_graph__edge_kind_info(k);
	set(ae, "style", ki->style);
	set(ae, "color", ki->color);
	set(ae, "arrowhead", ki->arrowhead);
}

static void add_legend(Agraph_t *ag, const argraph_graph *g, const unsigned char *node_shown,
	const int *kinds_n, const int *kinds_e)
{
	(void)g;
	(void)node_shown;
	Agraph_t *lg = agsubg(ag, S("cluster_legend"), 1);
	set(lg, "label", "legend");
	set(lg, "style", "rounded");
	set(lg, "color", "#a0a0a0");
	Agnode_t *prev = NULL;
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++) {
		if (!kinds_n[k])
			continue;
		char name[64];
		snprintf(name, sizeof name, "legend.node.%s", argraph_node_kind_name((argraph_node_kind)k));
		Agnode_t *ln = agnode(lg, name, 1);
		style_node(ln, (argraph_node_kind)k);
		set(ln, "label", argraph_node_kind_name((argraph_node_kind)k));
		if (prev) {
			Agedge_t *inv = agedge(lg, prev, ln, NULL, 1);
			set(inv, "style", "invis");
		}
		prev = ln;
	}
	for (int k = 1; k < ARGRAPH_EDGE__COUNT; k++) {
		if (!kinds_e[k])
			continue;
		char a[64], b[64];
		const char *kn = argraph_edge_kind_name((argraph_edge_kind)k);
		snprintf(a, sizeof a, "legend.edge.%s.from", kn);
		snprintf(b, sizeof b, "legend.edge.%s.to", kn);
		Agnode_t *na = agnode(lg, a, 1), *nb = agnode(lg, b, 1);
		set(na, "shape", "point");
		set(nb, "shape", "plaintext");
		set(nb, "style", "");
		set(nb, "label", kn);
		Agedge_t *e = agedge(lg, na, nb, NULL, 1);
		style_edge(e, (argraph_edge_kind)k);
		if (prev) {
			Agedge_t *inv = agedge(lg, prev, na, NULL, 1);
			set(inv, "style", "invis");
		}
		prev = nb;
	}
}

Agraph_t *argraph_dot__build(const argraph_graph *g, const argraph_dot_options *opts,
	argraph_diags *diags)
{
	argraph_dot_options defaults = ARGRAPH_DOT_OPTIONS_INIT;
	const argraph_dot_options *o = opts ? opts : &defaults;
	size_t nn = argraph_graph_node_count(g), ne = argraph_graph_edge_count(g);
	unsigned char *shown = calloc(nn ? nn : 1, 1);
	Agnode_t **an = calloc(nn ? nn : 1, sizeof *an);
	size_t *section_of = malloc((nn ? nn : 1) * sizeof *section_of);
	Agraph_t **cluster = calloc(nn ? nn : 1, sizeof *cluster);
	int kinds_n[ARGRAPH_NODE__COUNT] = {0}, kinds_e[ARGRAPH_EDGE__COUNT] = {0};
	Agraph_t *ag = NULL;
	if (!shown || !an || !section_of || !cluster)
		goto fail;

	agseterr(AGWARN);
	agseterrf(capture_cgraph_error);
	agreseterrors();
	Agdesc_t desc = Agdirected;
	ag = agopen(S("argraph"), desc, NULL);
	if (!ag)
		goto fail;
	declare_defaults(ag, o);
	set(ag, "label", "");

	/* what the view shows */
	for (size_t i = 0; i < nn; i++) {
		shown[i] = (unsigned char)node_in_view(o->view, argraph_node_get_kind(argraph_graph_node_at(g, i)));
		section_of[i] = ARGRAPH_NONE;
	}
	for (size_t i = 0; i < ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_IN)
			section_of[argraph_edge_get_source(e)] = argraph_edge_get_target(e);
		if (edge_in_view(o->view, argraph_edge_get_kind(e)))
			shown[argraph_edge_get_source(e)] = shown[argraph_edge_get_target(e)] = 1;
	}
	if (o->view == ARGRAPH_VIEW_ALL)
		for (size_t i = 0; i < nn; i++)
			if (argraph_node_get_kind(argraph_graph_node_at(g, i)) == ARGRAPH_NODE_SECTION)
				shown[i] = 0;

	/* clusters: one per section that holds a shown node */
	int use_clusters = o->clusters && (o->view == ARGRAPH_VIEW_ALL || o->view == ARGRAPH_VIEW_ARGUMENT);
	for (size_t i = 0; i < nn; i++) {
		const argraph_node *n = argraph_graph_node_at(g, i);
		if (!shown[i])
			continue;
		Agraph_t *parent = ag;
		size_t sec = section_of[i];
		if (use_clusters && sec != ARGRAPH_NONE) {
			if (!cluster[sec]) {
				char name[48];
				snprintf(name, sizeof name, "cluster_%zu", sec);
				cluster[sec] = agsubg(ag, name, 1);
				char *lab = node_label(argraph_graph_node_at(g, sec), o);
				if (lab)
					set(cluster[sec], "label", lab);
				free(lab);
				set(cluster[sec], "style", "rounded");
				set(cluster[sec], "color", "#a0a0a0");
			}
			parent = cluster[sec];
		}
		an[i] = agnode(parent, S(argraph_node_get_id(n)), 1);
		if (!an[i])
			goto fail;
		argraph_node_kind k = argraph_node_get_kind(n);
		kinds_n[k] = 1;
		style_node(an[i], k);
		char *lab = node_label(n, o);
		if (!lab)
			goto fail;
		set(an[i], "label", lab);
		free(lab);
		const argraph_prov *p = argraph_node_get_prov(n);
		strbuf tip = {0};
		strbuf_puts(&tip, argraph_node_get_label(n, o->lang));
		if (p->file)
			strbuf_printf(&tip, "\n%s:%u", p->file, p->line);
		char *etip = escape_label(strbuf_cstr(&tip));
		strbuf_release(&tip);
		if (etip)
			set(an[i], "tooltip", etip);
		free(etip);
	}
	for (size_t i = 0; i < ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		argraph_edge_kind k = argraph_edge_get_kind(e);
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		if (!edge_in_view(o->view, k) || !an[s] || !an[t])
			continue;
		Agedge_t *ae = agedge(ag, an[s], an[t], S(argraph_edge_get_id(e)), 1);
		if (!ae)
			goto fail;
		kinds_e[k] = 1;
		style_edge(ae, k);
		if (argraph_edge_get_rule(e))
			set(ae, "tooltip", argraph_edge_get_rule(e));
	}
	if (o->legend)
		add_legend(ag, g, shown, kinds_n, kinds_e);
	flush_cgraph_errors(diags);
	free(shown);
	free(an);
	free(section_of);
	free(cluster);
	return ag;
fail:
	flush_cgraph_errors(diags);
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "dot.build", NULL, "could not build the Graphviz graph");
	if (ag)
		agclose(ag);
	free(shown);
	free(an);
	free(section_of);
	free(cluster);
	return NULL;
}

argraph_status argraph_dot_write(const argraph_graph *g, const argraph_dot_options *opts,
	FILE *out, argraph_diags *diags)
{
	Agraph_t *ag = argraph_dot__build(g, opts, diags);
	if (!ag)
		return ARGRAPH_ERROR;
	int rc = agwrite(ag, out);
	agclose(ag);
	if (rc != 0 || ferror(out)) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "dot.write", NULL, "could not write DOT");
		return ARGRAPH_EIO;
	}
	return ARGRAPH_OK;
}

argraph_status argraph_dot_to_string(char **out, const argraph_graph *g,
	const argraph_dot_options *opts, argraph_diags *diags)
{
	*out = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return ARGRAPH_ENOMEM;
	argraph_status st = argraph_dot_write(g, opts, mem, diags);
	if (fclose(mem) != 0 && st == ARGRAPH_OK)
		st = ARGRAPH_ENOMEM;
	if (st != ARGRAPH_OK) {
		free(buf);
		return st;
	}
	*out = buf;
	return ARGRAPH_OK;
}
