/* SPDX-License-Identifier: MIT */
/*
 * dot.c — the only user of cgraph. Builds a Graphviz graph for one view of
 * an argraph graph, styled from the kind table (src/graph/kinds.c), and
 * writes it with agwrite (never by printing DOT text ourselves).
 *
 * The views (see export.h) are made for reading, not for completeness:
 * - causal: factors in `causes` edges, left to right, the outcomes
 *   (factors that cause nothing further) together in the last column;
 * - argument: claims in supports/attacks/asserts edges and every thesis,
 *   drawn bottom-up, so that what supports or attacks a claim sits below it
 *   and the theses end on top; an asserter sits beside its one claim, or
 *   below its several; the text's separate small arguments are packed into
 *   rows (argument_ranks);
 * - citation: citing claims (in text order) → citations → cited works →
 *   the works' authors, left to right;
 * - all: everything but the structure, sections drawn as nested clusters.
 * Where a text has its abstract in two languages, a view keeps the one in
 * the label language, so a bilingual paper is not drawn twice. Parallel
 * edges of one kind (the same relation found twice) are drawn once, with
 * every rule and evidence sentence in the tooltip. Labels are wrapped by
 * display width (wrap.c); tooltips (SVG) carry the whole text and where it
 * comes from. Each view gets a legend of what it draws (add_legend).
 *
 * Deterministic: nodes and edges are added in the graph's insertion order,
 * every name derives from ids, and cgraph's object ids are numbered in
 * creation order (creation_order_ids), so the same graph gives the same
 * DOT, and the same drawing, byte for byte.
 *
 * Graphviz 2.42 quirks handled here: its API takes `char *` (we pass
 * copies or casts of literals it does not modify); cgraph reports errors
 * through a global hook, which we point at our diags around each call;
 * dot crashes on clusters + edge labels unless newrank=true (TECHNOTES §3.6),
 * so newrank is always set (and no edge carries a label); under newrank a
 * cluster cannot be held on rank max, and a node in both a rank=same and a
 * rank=max subgraph loses the max (worked around where it matters).
 */
#define _POSIX_C_SOURCE 200809L
#include "dot_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../graph/kinds.h"
#include "../util/strbuf.h"
#include "../util/strmap.h"
#include "wrap.h"

#define S(x) ((char *)(x))

/* Section nesting deeper than this is drawn flat (input is untrusted). */
#define MAX_CLUSTER_DEPTH 16
/* agwrite looks for every node and edge in every subgraph (O(nodes x
 * subgraphs)), and dot's layout slows down with clusters alike: 20,000
 * claims in 3,000 asserter/claim pairs took 230 s to write. Past this many
 * clusters or pair groups a view is drawn without them. */
#define MAX_SUBGRAPHS 300
/* Lines an edge tooltip lists before "… and N more" (merged graphs draw
 * one edge for every document making the same link). */
#define MAX_TIP_EDGES 12

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

/*
 * ---- object ids: creation order, not addresses ----
 *
 * cgraph's default id discipline makes a named object's id the address of
 * its interned name, and agwrite writes subgraphs in id order, so the order
 * of clusters and rank groups in the DOT (and the SVG drawn from it) would
 * change from run to run with the heap layout. This discipline numbers
 * names in the order they are first seen (even ids, like the default's
 * aligned pointers) and anonymous objects with odd ids, as the default
 * does. Names are interned with agstrdup like the default's (agwrite asks
 * a name's string record whether it is an HTML string) and live until the
 * graph and its string dictionary are closed (a name can come back).
 */
typedef struct id_state {
	Agraph_t *g;    /* the root graph (its string dictionary) */
	strmap ids;     /* name → id */
	char **names;   /* id / 2 - 1 → name */
	size_t len, cap;
	IDTYPE anon;    /* next odd id */
} id_state;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	id_state *st = calloc(1, sizeof *st);
	if (st) {
		st->g = g;
		st->anon = 1;
	}
	return st;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	id_state *st = state;
	(void)objtype;
	if (!str) {
		*id = st->anon;
		st->anon += 2;
		return 1;
	}
	size_t known = strmap_get(&st->ids, str);
	if (known != (size_t)-1) {
		*id = (IDTYPE)known;
		return 1;
	}
	if (!createflag)
		return 0;
	if (st->len == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		char **nn = realloc(st->names, cap * sizeof *nn);
		if (!nn)
			return 0;
		st->names = nn;
		st->cap = cap;
	}
	char *copy = agstrdup(st->g, str);
	size_t next = 2 * (st->len + 1);
	if (!copy || strmap_put(&st->ids, copy, next) != 0)
		return 0;
	st->names[st->len++] = copy;
	*id = (IDTYPE)next;
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 0; /* no ids on request, like the default */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	id_state *st = state;
	(void)objtype;
	if (id % 2 == 0 && id >= 2 && id / 2 - 1 < st->len)
		return st->names[id / 2 - 1];
	return NULL;
}

static void ids_close(void *state)
{
	id_state *st = state;
	if (!st)
		return;
	free(st->names); /* the strings go with the graph's string dictionary */
	strmap_release(&st->ids);
	free(st);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t creation_order_ids = {ids_open, ids_map, ids_alloc, ids_free, ids_print,
	ids_close, ids_register};

/* ---- the view being built ---- */

typedef struct view {
	const argraph_graph *g;
	const argraph_dot_options *o;
	argraph_view kind;
	const char *lang;          /* label language: the option, else the text's */
	int zh;                    /* fixed texts (legend, "the author") in Chinese */
	unsigned columns;          /* wrap width */
	size_t nn, ne;
	size_t *section_of;        /* node → section it is `in`, or ARGRAPH_NONE */
	size_t *parent_of;         /* section → enclosing section (`part_of`), or NONE */
	unsigned char *hidden;     /* node: a claim of the abstract in the other language */
	unsigned char *eshown;     /* edge drawn (or merged into a drawn one) */
	unsigned char *shown;      /* node drawn */
	unsigned char *outcome;    /* factor drawn as an outcome */
	Agnode_t **an;             /* node → its Graphviz node */
	Agraph_t **cluster;        /* section → its cluster */
	Agedge_t **ae;             /* edge → the Graphviz edge drawn for it */
	size_t *leader;            /* edge → first edge of its parallel group */
	double *width;             /* node → estimated drawn width, inches */
	Agnode_t *legend_first;    /* the legend's first entry (its title in a column) */
	int layered;               /* laid out by dot: rank constraints and the
	                              invisible edges that order things apply */
	int clusters;              /* sections drawn as clusters (view all) */
	int node_legend[ARGRAPH_NODE__COUNT]; /* a node of the kind drawn in its plain look */
	int variant_legend[32];               /* a node drawn in variant i */
	int edge_legend[ARGRAPH_EDGE__COUNT];
} view;

static const char *attr_of(const view *v, size_t node, const char *name)
{
	return argraph_node_get_attr(argraph_graph_node_at(v->g, node), name);
}

static int attr_is(const view *v, size_t node, const char *name, const char *value)
{
	const char *a = attr_of(v, node, name);
	return a && strcmp(a, value) == 0;
}

static argraph_node_kind kind_of(const view *v, size_t node)
{
	return argraph_node_get_kind(argraph_graph_node_at(v->g, node));
}

/* Which edges a view draws. */
static int edge_in_view(argraph_view v, argraph_edge_kind k)
{
	switch (v) {
	case ARGRAPH_VIEW_ALL:
		/* `in` and `part_of` are drawn as nesting (clusters) instead */
		return k != ARGRAPH_EDGE_IN && k != ARGRAPH_EDGE_PART_OF;
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

/* The label language: the option, else the language of the (first)
 * document, else none (each node's neutral label). */
static const char *resolve_lang(const argraph_graph *g, const char *opt)
{
	if (opt && *opt)
		return opt;
	for (size_t i = 0; i < argraph_graph_node_count(g); i++) {
		const argraph_node *n = argraph_graph_node_at(g, i);
		if (argraph_node_get_kind(n) == ARGRAPH_NODE_DOCUMENT) {
			const char *l = argraph_node_get_attr(n, "lang");
			return l && *l ? l : NULL;
		}
	}
	return NULL;
}

/* Same primary language subtag: "zh-CN" matches "zh". */
static int lang_matches(const char *tag, const char *lang)
{
	size_t n = strcspn(lang, "-");
	return tag && strncmp(tag, lang, n) == 0 && (tag[n] == '\0' || tag[n] == '-');
}

/* Order for --top: more edges first, then graph order (stable, so the
 * same graph and options keep the same nodes). */
typedef struct ranked {
	size_t degree, index;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->degree != y->degree)
		return x->degree > y->degree ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* --min-degree and --top (options version 2): keep the view's best
 * connected nodes. A node's degree is the number of the view's edges at
 * it, parallel ones included (in a merged graph: how many times, in how
 * many documents, it is cited or causes something). Nodes under
 * min_degree go first, then all but the `top` best, and every edge that
 * lost an end. A kept node may be left with no edge (the most cited works
 * of a corpus need not cite each other): it is drawn all the same. */
static void filter_view(view *v)
{
	unsigned min_degree = v->o->version >= 2 ? v->o->min_degree : 0;
	size_t top = v->o->version >= 2 ? v->o->top : 0;
	if (!min_degree && !top)
		return;
	size_t *deg = calloc(v->nn ? v->nn : 1, sizeof *deg);
	ranked *order = malloc((v->nn ? v->nn : 1) * sizeof *order);
	if (!deg || !order) { /* out of memory: draw the view unfiltered */
		free(deg);
		free(order);
		return;
	}
	for (size_t i = 0; i < v->ne; i++) {
		if (!v->eshown[i])
			continue;
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		deg[argraph_edge_get_source(e)]++;
		deg[argraph_edge_get_target(e)]++;
	}
	size_t kept = 0;
	for (size_t i = 0; i < v->nn; i++) {
		if (v->shown[i] && deg[i] < min_degree)
			v->shown[i] = 0;
		if (v->shown[i])
			order[kept++] = (ranked){deg[i], i};
	}
	if (top && kept > top) {
		qsort(order, kept, sizeof *order, cmp_ranked);
		for (size_t r = top; r < kept; r++)
			v->shown[order[r].index] = 0;
	}
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (v->eshown[i] && !(v->shown[argraph_edge_get_source(e)] && v->shown[argraph_edge_get_target(e)]))
			v->eshown[i] = 0;
	}
	free(deg);
	free(order);
}

/* Structure, the other-language abstract, and what the view shows. */
static void select_view(view *v)
{
	const argraph_graph *g = v->g;
	for (size_t i = 0; i < v->nn; i++)
		v->section_of[i] = v->parent_of[i] = ARGRAPH_NONE;
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_IN)
			v->section_of[s] = t;
		else if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_PART_OF
			 && kind_of(v, t) == ARGRAPH_NODE_SECTION)
			v->parent_of[s] = t;
	}

	/* Two abstracts, one per language: keep the one in the label language
	 * (only when the text has one in that language). */
	int have_abstract_in_lang = 0;
	for (size_t i = 0; v->lang && i < v->nn; i++)
		if (kind_of(v, i) == ARGRAPH_NODE_SECTION && attr_is(v, i, "area", "abstract")
		    && lang_matches(attr_of(v, i, "lang"), v->lang))
			have_abstract_in_lang = 1;
	for (size_t i = 0; have_abstract_in_lang && i < v->nn; i++) {
		size_t sec = v->section_of[i];
		if (kind_of(v, i) == ARGRAPH_NODE_CLAIM && sec != ARGRAPH_NONE
		    && attr_is(v, sec, "area", "abstract") && attr_of(v, sec, "lang")
		    && !lang_matches(attr_of(v, sec, "lang"), v->lang))
			v->hidden[i] = 1;
	}

	/* edges: of the view's kinds, not touching a hidden claim, not made
	 * from a hidden claim's sentence */
	size_t *degree = calloc(v->nn ? v->nn : 1, sizeof *degree);
	size_t *hidden_degree = calloc(v->nn ? v->nn : 1, sizeof *hidden_degree);
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		const char *from_claim = argraph_edge_get_attr(e, "claim");
		size_t c = from_claim ? argraph_graph_find_node(g, from_claim) : ARGRAPH_NONE;
		int hide = v->hidden[s] || v->hidden[t] || (c != ARGRAPH_NONE && v->hidden[c]);
		if (degree && hidden_degree) {
			degree[s]++, degree[t]++;
			hidden_degree[s] += (size_t)hide, hidden_degree[t] += (size_t)hide;
		}
		v->eshown[i] = !hide && edge_in_view(v->kind, argraph_edge_get_kind(e));
		if (v->eshown[i])
			v->shown[s] = v->shown[t] = 1;
	}
	for (size_t i = 0; i < v->nn; i++) {
		argraph_node_kind k = kind_of(v, i);
		if (v->hidden[i] || k == ARGRAPH_NODE_SECTION) {
			v->shown[i] = 0;
		} else if (v->kind == ARGRAPH_VIEW_ALL) {
			/* everything, except what only the hidden abstract spoke of */
			v->shown[i] = !(degree && degree[i] && hidden_degree[i] == degree[i]);
		} else if (v->kind == ARGRAPH_VIEW_ARGUMENT && k == ARGRAPH_NODE_CLAIM
			   && attr_is(v, i, "role", "thesis")) {
			v->shown[i] = 1;
		}
	}
	free(degree);
	free(hidden_degree);
	filter_view(v);

	/* outcomes: factors that something causes and that cause nothing drawn */
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		if (v->eshown[i] && argraph_edge_get_kind(e) == ARGRAPH_EDGE_CAUSES)
			v->outcome[argraph_edge_get_target(e)] = 1;
	}
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		if (v->eshown[i] && argraph_edge_get_kind(e) == ARGRAPH_EDGE_CAUSES)
			v->outcome[argraph_edge_get_source(e)] = 0;
	}
}

/* ---- labels ---- */

/* Plain DOT labels: '\' starts an escape and entities are decoded, so
 * double backslashes and write '&' as "&amp;" (TECHNOTES §3.4). A newline
 * ends a line with the escape \n (centred) or \l (left-aligned; then the
 * last line gets one too, since the escape sets the justification of the
 * line it ends); other control characters become spaces. */
static void put_escaped(strbuf *b, const char *text, int left)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\\')
			strbuf_puts(b, "\\\\");
		else if (*p == '&')
			strbuf_puts(b, "&amp;");
		else if (*p == '\n')
			strbuf_puts(b, left ? "\\l" : "\\n");
		else if ((unsigned char)*p < 0x20)
			strbuf_putc(b, ' ');
		else
			strbuf_putc(b, *p);
	}
	if (left && *text)
		strbuf_puts(b, "\\l");
}

static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, S(name), S(value), S(""));
}

/* Set a text attribute (label, tooltip): escaped for DOT. */
static int set_text_just(void *obj, const char *name, const char *text, int left)
{
	strbuf b = {0};
	put_escaped(&b, text, left);
	if (b.failed) {
		strbuf_release(&b);
		return -1;
	}
	set(obj, name, strbuf_cstr(&b));
	strbuf_release(&b);
	return 0;
}

static int set_text(void *obj, const char *name, const char *text)
{
	return set_text_just(obj, name, text, 0);
}

/* Set a wrapped label; returns the widest line's width in columns, or -1. */
static long set_label(void *obj, const char *text, unsigned columns, unsigned max_lines, int left)
{
	char *w = argraph_wrap(text, columns, max_lines, "\n");
	if (!w)
		return -1;
	long widest = 0;
	for (char *line = w, *end; line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		long lw = (long)argraph_display_width(line);
		widest = lw > widest ? lw : widest;
		if (end)
			*end = '\n';
	}
	int rc = set_text_just(obj, "label", w, left);
	free(w);
	return rc ? -1 : widest;
}

/* How a node's label is wrapped: a claim is a sentence, wrapped to the
 * full width, left-aligned, cut after 5 lines (the tooltip keeps it
 * whole); everything else is a name or a phrase, wrapped narrower and
 * centred, so that factor ellipses and person/work boxes stay compact. */
static unsigned max_lines_for(argraph_node_kind k)
{
	return k == ARGRAPH_NODE_CLAIM ? 5 : 3;
}

static unsigned columns_for(const view *v, argraph_node_kind k)
{
	/* a citation marker stays on one line where it can */
	int full = k == ARGRAPH_NODE_CLAIM || k == ARGRAPH_NODE_CITATION;
	unsigned c = full ? v->columns : v->columns * 3 / 4;
	return c < 8 ? 8 : c;
}

/* The text a node shows. *Ownership:* the caller frees. */
static char *node_text(const view *v, size_t i)
{
	const argraph_node *n = argraph_graph_node_at(v->g, i);
	argraph_node_kind k = argraph_node_get_kind(n);
	strbuf b = {0};
	if (k == ARGRAPH_NODE_DOCUMENT && v->kind == ARGRAPH_VIEW_ARGUMENT) {
		/* it stands for whoever wrote the text: the voice of the theses */
		strbuf_puts(&b, v->zh ? "作者" : "the author");
	} else if (k == ARGRAPH_NODE_SECTION && attr_is(v, i, "area", "abstract")
		   && !argraph_node_get_label_exact(n, v->lang)) {
		strbuf_puts(&b, v->zh ? "摘要" : "Abstract");
	} else {
		strbuf_puts(&b, argraph_node_get_label(n, v->lang));
		/* said in words, not only by the dashed border: survives any printer
		 * and needs no glyph beyond the label font */
		if (k == ARGRAPH_NODE_CITATION && attr_is(v, i, "status", "dangling"))
			strbuf_puts(&b, v->zh ? "（未找到文献）" : " (dangling)");
	}
	if (b.failed) {
		strbuf_release(&b);
		return NULL;
	}
	return strbuf_detach(&b);
}

/* ---- styles, from the kind table ---- */

/* The variant a node takes (index into the variant table), or -1. */
static int variant_of(const view *v, size_t i)
{
	argraph_node_kind k = kind_of(v, i);
	const node_variant_info *vi;
	for (int j = 0; (vi = argraph_graph__node_variant_at((size_t)j)) && j < 32; j++) {
		if (vi->kind != k)
			continue;
		if (vi->attr ? attr_is(v, i, vi->attr, vi->value)
			     : (strcmp(vi->value, "outcome") == 0 && v->outcome[i]))
			return j;
	}
	return -1;
}

static void style_node(Agnode_t *an, argraph_node_kind k, int variant)
{
	const node_kind_info *ki = argraph_graph__node_kind_info(k);
	const node_variant_info *vi = variant >= 0 ? argraph_graph__node_variant_at((size_t)variant) : NULL;
	set(an, "shape", vi && vi->shape ? vi->shape : ki->shape);
	set(an, "style", vi && vi->style ? vi->style : ki->style);
	set(an, "fillcolor", vi && vi->fillcolor ? vi->fillcolor : ki->fillcolor);
	set(an, "color", vi && vi->pencolor ? vi->pencolor : ki->pencolor);
	if (vi && vi->penwidth)
		set(an, "penwidth", vi->penwidth);
	if (vi && vi->peripheries)
		set(an, "peripheries", vi->peripheries);
	if (ki->margin)
		set(an, "margin", ki->margin);
}

static void style_edge(Agedge_t *ae, argraph_edge_kind k)
{
	const edge_kind_info *ki = argraph_graph__edge_kind_info(k);
	set(ae, "style", ki->style);
	set(ae, "color", ki->color);
	set(ae, "arrowhead", ki->arrowhead);
}

static void declare_defaults(Agraph_t *ag, const view *v)
{
	const char *font = v->o->font && *v->o->font ? v->o->font : ARGRAPH_DEFAULT_FONT;
	const char *rankdir = v->kind == ARGRAPH_VIEW_CAUSAL || v->kind == ARGRAPH_VIEW_CITATION ? "LR"
			    : v->kind == ARGRAPH_VIEW_ARGUMENT ? "BT" : "TB";
	agattr(ag, AGRAPH, S("newrank"), S("true"));
	agattr(ag, AGRAPH, S("charset"), S("UTF-8"));
	agattr(ag, AGRAPH, S("fontname"), S(font));
	agattr(ag, AGRAPH, S("fontsize"), S("12"));
	agattr(ag, AGRAPH, S("rankdir"), S(rankdir));
	agattr(ag, AGRAPH, S("nodesep"), S("0.25"));
	agattr(ag, AGRAPH, S("ranksep"), S(v->kind == ARGRAPH_VIEW_CAUSAL ? "0.6" : "0.45"));
	/* edges under nodes, so a crossing never hides a label */
	agattr(ag, AGRAPH, S("outputorder"), S("edgesfirst"));
	agattr(ag, AGRAPH, S("pad"), S("0.2"));
	/* for neato, fdp and sfdp (dot ignores them): no overlapping nodes */
	agattr(ag, AGRAPH, S("overlap"), S("false"));
	agattr(ag, AGRAPH, S("sep"), S("+8"));
	agattr(ag, AGRAPH, S("label"), S(""));
	agattr(ag, AGRAPH, S("labelloc"), S("t"));
	agattr(ag, AGRAPH, S("labeljust"), S("l"));
	agattr(ag, AGRAPH, S("style"), S(""));
	agattr(ag, AGRAPH, S("color"), S(""));
	agattr(ag, AGRAPH, S("rank"), S(""));
	agattr(ag, AGNODE, S("fontname"), S(font));
	agattr(ag, AGNODE, S("fontsize"), S("11"));
	agattr(ag, AGNODE, S("shape"), S("box"));
	agattr(ag, AGNODE, S("style"), S("filled"));
	agattr(ag, AGNODE, S("fillcolor"), S("white"));
	agattr(ag, AGNODE, S("color"), S("black"));
	agattr(ag, AGNODE, S("penwidth"), S("1"));
	agattr(ag, AGNODE, S("label"), S("\\N"));
	agattr(ag, AGNODE, S("tooltip"), S(""));
	agattr(ag, AGNODE, S("margin"), S("0.1,0.05"));
	agattr(ag, AGNODE, S("width"), S("0.75"));
	agattr(ag, AGNODE, S("height"), S("0.5"));
	agattr(ag, AGEDGE, S("fontname"), S(font));
	agattr(ag, AGEDGE, S("fontsize"), S("9"));
	agattr(ag, AGEDGE, S("style"), S("solid"));
	agattr(ag, AGEDGE, S("color"), S("black"));
	agattr(ag, AGEDGE, S("arrowhead"), S("normal"));
	agattr(ag, AGEDGE, S("arrowsize"), S("0.8"));
	agattr(ag, AGEDGE, S("tooltip"), S(""));
}

/* An edge that only orders its ends. Weight 0 pulls on nothing but, on a
 * flat edge, no longer orders its ends within the rank either. */
static Agedge_t *invisible_edge(Agraph_t *g, Agnode_t *tail, Agnode_t *head, int weight)
{
	Agedge_t *e = agedge(g, tail, head, NULL, 1);
	if (e) {
		set(e, "style", "invis");
		set(e, "weight", weight ? "1" : "0");
	}
	return e;
}

/* ---- legend: only what the view draws ---- */

static Agnode_t *legend_node(Agraph_t *lg, const char *name)
{
	char full[96];
	/* a space keeps these names apart from ids made of file names and xml:ids */
	snprintf(full, sizeof full, "legend %s", name);
	Agnode_t *n = agnode(lg, full, 1);
	if (n) {
		set(n, "fontsize", "9");
		set(n, "height", "0.25");
		set(n, "margin", "0.06,0.03");
	}
	return n;
}

/*
 * The legend must never have an edge of the drawing run through it, and
 * should sit in a corner without widening the picture. Its entries are
 * held in reading order on a rank by a chain of invisible flat edges (a
 * flat edge puts its tail first); each edge sample is a short flat edge
 * from a dot to the kind's name.
 * - Top-down and bottom-up views: a framed cluster of two rows, the node
 *   kinds above the edge kinds. The argument view ties it under its last
 *   row (see argument_ranks); in the `all` view it is a separate component
 *   that dot sets beside the drawing.
 * - Left-to-right views: a separate component would be set in the first
 *   column, anywhere between the diagram's first nodes. So the entries go
 *   on the last rank instead (rank=max, with the outcomes or the cited
 *   works' authors), after every node of the drawing there (invisible flat
 *   edges from each, added with the rank constraints): the bottom of the
 *   last column. No frame there: dot cannot hold a cluster on rank max.
 *   The entries form a column under a title.
 */
static int add_legend(Agraph_t *ag, view *v)
{
	int lr = v->kind == ARGRAPH_VIEW_CAUSAL || v->kind == ARGRAPH_VIEW_CITATION;
	int column = v->layered && lr;   /* entries at the foot of the last column */
	int framed = v->layered && !lr;  /* a cluster of two rows */
	int any = 0;
	for (int k = 0; k < ARGRAPH_NODE__COUNT; k++)
		any |= v->node_legend[k];
	for (int k = 0; k < 32; k++)
		any |= v->variant_legend[k];
	if (!any)
		return 0; /* an empty view gets no legend */
	/* for the spring layouts (neato, fdp, sfdp): a plain group under a
	 * title, held together by its chain (a cluster's label would be set
	 * over the entries) */
	Agraph_t *lg = agsubg(ag, S(framed ? "cluster_legend" : "legend"), 1);
	if (!lg)
		return -1;
	Agraph_t *node_row = lg, *edge_row = lg;
	Agnode_t *prev = NULL;
	if (!framed) {
		if (column)
			set(lg, "rank", "max");
		prev = legend_node(lg, "title");
		if (!prev)
			return -1;
		set(prev, "shape", "plaintext");
		set(prev, "style", "");
		set(prev, "fontsize", "10");
		if (set_text(prev, "label", v->zh ? "图例" : "Legend") != 0)
			return -1;
		v->legend_first = prev;
	} else {
		set(lg, "label", v->zh ? "图例" : "Legend");
		set(lg, "style", "rounded");
		set(lg, "color", "#a0a0a0");
		set(lg, "fontsize", "10");
		/* dot draws cluster labels of a bottom-up layout at the bottom
		 * unless told "b", which it flips too */
		set(lg, "labelloc", v->kind == ARGRAPH_VIEW_ARGUMENT ? "b" : "t");
		node_row = agsubg(lg, S("legend nodes"), 1);
		edge_row = agsubg(lg, S("legend edges"), 1);
		if (!node_row || !edge_row)
			return -1;
		set(node_row, "rank", "same");
		set(edge_row, "rank", "same");
	}
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++) {
		const node_kind_info *ki = argraph_graph__node_kind_info((argraph_node_kind)k);
		const node_variant_info *vi;
		for (int j = -1; j < 32; j++) {
			vi = j >= 0 ? argraph_graph__node_variant_at((size_t)j) : NULL;
			if (j >= 0 && !vi)
				break;
			if (j < 0 ? !v->node_legend[k] : vi->kind != (argraph_node_kind)k || !v->variant_legend[j])
				continue;
			char name[64];
			snprintf(name, sizeof name, "%s%s%s", ki->name, vi ? "." : "", vi ? vi->value : "");
			Agnode_t *ln = legend_node(node_row, name);
			if (!ln)
				return -1;
			style_node(ln, (argraph_node_kind)k, j);
			const char *text = vi ? (v->zh ? vi->legend_zh : vi->legend_en)
					      : (v->zh ? ki->legend_zh : ki->legend_en);
			/* documents in a citation view are the citing papers of a
			 * corpus, not "this text" */
			if (!vi && k == ARGRAPH_NODE_DOCUMENT && v->kind == ARGRAPH_VIEW_CITATION)
				text = v->zh ? "引用文献" : "citing document";
			if (set_text(ln, "label", text) != 0)
				return -1;
			if (prev && !invisible_edge(lg, prev, ln, 1))
				return -1;
			if (!v->legend_first)
				v->legend_first = ln;
			prev = ln;
		}
	}
	Agnode_t *row_start = v->legend_first;
	if (framed)
		prev = NULL; /* the edge samples start a row of their own */
	for (int k = 1; k < ARGRAPH_EDGE__COUNT; k++) {
		if (!v->edge_legend[k])
			continue;
		const edge_kind_info *ki = argraph_graph__edge_kind_info((argraph_edge_kind)k);
		char a[64], b[64];
		snprintf(a, sizeof a, "%s.from", ki->name);
		snprintf(b, sizeof b, "%s.to", ki->name);
		Agnode_t *dot = legend_node(edge_row, a), *name = legend_node(edge_row, b);
		if (!dot || !name)
			return -1;
		set(dot, "shape", "point");
		set(dot, "width", "0.05");
		set(dot, "height", "0.05");
		set(dot, "style", "filled");
		set(dot, "fillcolor", "black");
		set(name, "shape", "plaintext");
		set(name, "style", "");
		set(name, "width", "0");
		set(name, "height", "0");
		if (set_text(name, "label", v->zh ? ki->legend_zh : ki->legend_en) != 0)
			return -1;
		Agedge_t *e = agedge(lg, dot, name, NULL, 1);
		if (!e)
			return -1;
		style_edge(e, (argraph_edge_kind)k);
		if (prev && !invisible_edge(lg, prev, dot, 1))
			return -1;
		/* the second row under the first: an edge between the rows'
		 * first entries (in a bottom-up view, "under" is the tail) */
		if (!prev && framed) {
			int up = v->kind == ARGRAPH_VIEW_ARGUMENT;
			if (!invisible_edge(lg, up ? dot : row_start, up ? row_start : dot, 1))
				return -1;
		}
		prev = name;
	}
	return 0;
}

/* What the legend lists: the kinds and variants the view draws. */
static void legend_contents(view *v)
{
	for (size_t i = 0; i < v->nn; i++) {
		if (!v->shown[i])
			continue;
		int variant = variant_of(v, i);
		if (variant >= 0)
			v->variant_legend[variant] = 1;
		else
			v->node_legend[kind_of(v, i)] = 1;
	}
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (v->eshown[i] && v->shown[argraph_edge_get_source(e)] && v->shown[argraph_edge_get_target(e)])
			v->edge_legend[argraph_edge_get_kind(e)] = 1;
	}
}

/* ---- building ---- */

/* How many clusters the `all` view would draw: the sections holding a
 * drawn node, and the sections around them. */
static size_t count_clusters(const view *v)
{
	unsigned char *seen = calloc(v->nn ? v->nn : 1, 1);
	size_t n = 0;
	if (!seen)
		return (size_t)-1;
	for (size_t i = 0; i < v->nn && n <= MAX_SUBGRAPHS; i++) {
		size_t depth = 0;
		for (size_t s = v->shown[i] ? v->section_of[i] : ARGRAPH_NONE;
		     s != ARGRAPH_NONE && !seen[s] && depth < MAX_CLUSTER_DEPTH; s = v->parent_of[s], depth++) {
			seen[s] = 1;
			n++;
		}
	}
	free(seen);
	return n;
}

/* The cluster for section `sec`, created with its enclosing sections. */
static Agraph_t *cluster_for(view *v, Agraph_t *ag, size_t sec)
{
	size_t chain[MAX_CLUSTER_DEPTH];
	size_t depth = 0;
	/* walk up to the outermost section not yet drawn (a cycle or a deep
	 * nest just stops the walk: drawn flatter, never looping) */
	for (size_t s = sec; s != ARGRAPH_NONE && depth < MAX_CLUSTER_DEPTH && !v->cluster[s];
	     s = v->parent_of[s]) {
		int seen = 0;
		for (size_t j = 0; j < depth; j++)
			seen |= chain[j] == s;
		if (seen)
			break;
		chain[depth++] = s;
	}
	while (depth--) {
		size_t s = chain[depth];
		size_t up = v->parent_of[s];
		Agraph_t *parent = up != ARGRAPH_NONE && v->cluster[up] ? v->cluster[up] : ag;
		char name[48];
		snprintf(name, sizeof name, "cluster_%zu", s);
		Agraph_t *c = agsubg(parent, name, 1);
		if (!c)
			return NULL;
		char *text = node_text(v, s);
		if (!text || set_label(c, text, v->columns * 2, 2, 0) < 0) {
			free(text);
			return NULL;
		}
		free(text);
		set(c, "style", "rounded");
		set(c, "color", "#a0a0a0");
		v->cluster[s] = c;
	}
	return v->cluster[sec];
}

static int add_node(view *v, Agraph_t *ag, size_t i)
{
	const argraph_node *n = argraph_graph_node_at(v->g, i);
	argraph_node_kind k = argraph_node_get_kind(n);
	Agraph_t *parent = ag;
	if (v->kind == ARGRAPH_VIEW_ALL && v->clusters && v->section_of[i] != ARGRAPH_NONE) {
		parent = cluster_for(v, ag, v->section_of[i]);
		if (!parent)
			return -1;
	}
	Agnode_t *an = agnode(parent, S(argraph_node_get_id(n)), 1);
	if (!an)
		return -1;
	v->an[i] = an;
	int variant = variant_of(v, i);
	style_node(an, k, variant);
	char *text = node_text(v, i);
	long cols = text ? set_label(an, text, columns_for(v, k), max_lines_for(k),
		k == ARGRAPH_NODE_CLAIM) : -1;
	if (cols < 0) {
		free(text);
		return -1;
	}
	/* about 5.6 pt a column at the 11 pt node font, plus the margins */
	v->width[i] = (double)cols * 5.6 / 72.0 + 0.3;
	/* the tooltip (SVG) has the whole text and where it comes from */
	strbuf tip = {0};
	strbuf_puts(&tip, text);
	free(text);
	if (k == ARGRAPH_NODE_DOCUMENT && v->kind == ARGRAPH_VIEW_ARGUMENT) /* whose: the title */
		strbuf_printf(&tip, v->zh ? "：%s" : ": %s", argraph_node_get_label(n, v->lang));
	const argraph_prov *p = argraph_node_get_prov(n);
	if (p->file)
		strbuf_printf(&tip, "\n%s:%u", p->file, p->line);
	if (p->xml_id)
		strbuf_printf(&tip, " #%s", p->xml_id);
	int rc = tip.failed ? -1 : set_text(an, "tooltip", strbuf_cstr(&tip));
	strbuf_release(&tip);
	return rc;
}

typedef struct edge_key {
	int kind;
	size_t s, t, index;
} edge_key;

static int cmp_edge_key(const void *a, const void *b)
{
	const edge_key *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* One line of an edge tooltip: the rule, the evidence, where. */
static void edge_tip_line(strbuf *b, const argraph_edge *e)
{
	const char *rule = argraph_edge_get_rule(e);
	const argraph_prov *p = argraph_edge_get_prov(e);
	const char *times = argraph_edge_get_attr(e, "citations"); /* a citation network */
	if (b->len)
		strbuf_putc(b, '\n');
	if (times) {
		strbuf_printf(b, "%s: %s × %s", argraph_edge_kind_name(argraph_edge_get_kind(e)), times,
			p->file ? p->file : "");
		return;
	}
	strbuf_printf(b, "%s %s", argraph_edge_kind_name(argraph_edge_get_kind(e)),
		rule ? rule : "(markup)");
	if (p->text)
		strbuf_printf(b, ": %s", p->text);
	if (p->file)
		strbuf_printf(b, " (%s:%u)", p->file, p->line);
}

/* Draw the view's edges: parallel edges of one kind become one drawn
 * edge whose tooltip lists every rule and sentence behind it. */
static int add_edges(view *v, Agraph_t *ag)
{
	edge_key *keys = malloc((v->ne ? v->ne : 1) * sizeof *keys);
	if (!keys)
		return -1;
	size_t nk = 0;
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		if (v->eshown[i] && v->an[s] && v->an[t])
			keys[nk++] = (edge_key){argraph_edge_get_kind(e), s, t, i};
	}
	qsort(keys, nk, sizeof *keys, cmp_edge_key);
	for (size_t a = 0; a < nk;) {
		size_t b = a + 1;
		while (b < nk && keys[b].kind == keys[a].kind && keys[b].s == keys[a].s && keys[b].t == keys[a].t)
			b++;
		for (size_t j = a; j < b; j++)
			v->leader[keys[j].index] = keys[a].index;
		a = b;
	}
	int rc = 0;
	/* create in insertion order (deterministic output) */
	for (size_t i = 0; i < v->ne && rc == 0; i++) {
		if (v->leader[i] != i)
			continue;
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		argraph_edge_kind k = argraph_edge_get_kind(e);
		Agnode_t *tail = v->an[argraph_edge_get_source(e)], *head = v->an[argraph_edge_get_target(e)];
		/* In the citation view the authors stand after their works, so
		 * that one author's several works fan out to one node: the edge
		 * is laid out work → person and drawn back (dir=back), the arrow
		 * still at the work. The only edge not written the way it reads. */
		int back = v->kind == ARGRAPH_VIEW_CITATION && k == ARGRAPH_EDGE_AUTHORED;
		Agedge_t *ae = agedge(ag, back ? head : tail, back ? tail : head, S(argraph_edge_get_id(e)), 1);
		if (!ae) {
			rc = -1;
			break;
		}
		v->ae[i] = ae;
		style_edge(ae, k);
		if (back) {
			set(ae, "dir", "back");
			set(ae, "arrowtail", argraph_graph__edge_kind_info(k)->arrowhead);
			set(ae, "arrowhead", "none");
		}
	}
	for (size_t a = 0; a < nk && rc == 0;) {
		strbuf tip = {0};
		size_t b = a;
		while (b < nk && v->leader[keys[b].index] == keys[a].index) {
			/* a work cited by a thousand documents: the first few say it */
			if (b - a < MAX_TIP_EDGES)
				edge_tip_line(&tip, argraph_graph_edge_at(v->g, keys[b].index));
			b++;
		}
		if (b - a > MAX_TIP_EDGES)
			strbuf_printf(&tip, v->zh ? "\n……另有 %zu 条" : "\n… and %zu more", b - a - MAX_TIP_EDGES);
		if (tip.failed || set_text(v->ae[keys[a].index], "tooltip", strbuf_cstr(&tip)) != 0)
			rc = -1;
		strbuf_release(&tip);
		a = b;
	}
	free(keys);
	return rc;
}

/* A plain subgraph holding some drawn nodes on one rank. */
static Agraph_t *rank_group(Agraph_t *ag, const char *name, const char *rank)
{
	Agraph_t *sg = agsubg(ag, S(name), 1);
	if (sg)
		set(sg, "rank", rank);
	return sg;
}

/* Union-find root, with path halving (iterative: input is untrusted). */
static size_t uf_find(size_t *up, size_t x)
{
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

/* Width of a row of separate argument diagrams, inches: at least about a
 * landscape page (a portrait one at 75 %), more if a diagram is wider
 * anyway, but not without bound (one huge diagram would put all the small
 * ones in a single row again). */
#define ARGUMENT_ROW_WIDTH 9.0
#define ARGUMENT_ROW_MAX 16.0
/* Claims stacked per column inside a section in the `all` view. */
#define ALL_VIEW_COLUMN 8
/* Deeper support chains than this are not told apart when estimating. */
#define MAX_LAYERS 64

typedef struct component {
	size_t root, top, bottom; /* smallest node; a node on its highest and lowest layer */
	int thesis;               /* holds a thesis: goes in the first row */
	double width;             /* estimated */
} component;

static int cmp_component(const void *a, const void *b)
{
	const component *x = a, *y = b;
	if (x->thesis != y->thesis)
		return x->thesis ? -1 : 1;
	return x->root < y->root ? -1 : x->root > y->root;
}

typedef struct layer_width {
	size_t comp;   /* index into the components */
	int layer;
	double width;  /* of one group on that layer */
} layer_width;

static int cmp_layer_width(const void *a, const void *b)
{
	const layer_width *x = a, *y = b;
	if (x->comp != y->comp)
		return x->comp < y->comp ? -1 : 1;
	return x->layer < y->layer ? -1 : x->layer > y->layer;
}

/* Union two union-find sets; the smallest index is the root, so roots do
 * not depend on the order of the unions. */
static void uf_union(size_t *up, size_t a, size_t b)
{
	a = uf_find(up, a);
	b = uf_find(up, b);
	if (a != b)
		up[a > b ? a : b] = a < b ? a : b;
}

/*
 * The argument view, drawn bottom-up (rankdir=BT):
 * - whoever asserts a claim sits beside it (one rank=same subgraph per
 *   pair) when they are a pair: that one claim is all the asserter says
 *   here and no one else asserts it. Otherwise the asserter sits below
 *   its claims, its edges fanning up to them: on one rank, an edge to
 *   any but the nearest claim would be drawn as an arc around the others.
 *   Past MAX_SUBGRAPHS pairs, every asserter sits below;
 * - the groups holding a thesis go on the top rank (rank=max; a node in
 *   both a rank=same and a rank=max subgraph loses the max, so a group
 *   with a thesis is put in the max subgraph whole);
 * - a text's argument is usually many small separate diagrams, which dot
 *   would set side by side in one very wide row. They are packed into rows
 *   of about ARGUMENT_ROW_WIDTH instead, the thesis first, the rest in
 *   text order, each row held below the one before by invisible edges
 *   (weight 0: they order the rows and pull on nothing).
 */
static int argument_ranks(view *v, Agraph_t *ag)
{
	size_t nn = v->nn ? v->nn : 1;
	size_t *grp = malloc(nn * sizeof *grp), *comp = malloc(nn * sizeof *comp);
	int *layer = calloc(nn, sizeof *layer);
	unsigned char *top = calloc(nn, 1);
	double *gwidth = calloc(nn, sizeof *gwidth);
	size_t *gcount = calloc(nn, sizeof *gcount), *cidx = malloc(nn * sizeof *cidx);
	component *cs = malloc(nn * sizeof *cs);
	layer_width *lw = malloc(nn * sizeof *lw);
	Agraph_t **sub = calloc(nn, sizeof *sub);
	int rc = -1;
	if (!grp || !comp || !layer || !top || !gwidth || !gcount || !cidx || !cs || !lw || !sub)
		goto done;
	for (size_t i = 0; i < v->nn; i++)
		grp[i] = comp[i] = i;
	/* asserts edges per asserter (in gcount) and per claim (in layer), for now */
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (v->ae[i] && argraph_edge_get_kind(e) == ARGRAPH_EDGE_ASSERTS) {
			gcount[argraph_edge_get_source(e)]++;
			layer[argraph_edge_get_target(e)]++;
		}
	}
	size_t pairs = 0;
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (v->ae[i] && argraph_edge_get_kind(e) == ARGRAPH_EDGE_ASSERTS
		    && gcount[argraph_edge_get_source(e)] == 1 && layer[argraph_edge_get_target(e)] == 1)
			pairs++;
	}
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (!v->ae[i])
			continue;
		size_t s = argraph_edge_get_source(e), t = argraph_edge_get_target(e);
		uf_union(comp, s, t);
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_ASSERTS && gcount[s] == 1 && layer[t] == 1
		    && pairs <= MAX_SUBGRAPHS)
			uf_union(grp, s, t);
	}
	memset(gcount, 0, nn * sizeof *gcount);
	memset(layer, 0, nn * sizeof *layer);
	for (size_t i = 0; i < v->nn; i++)
		if (v->an[i] && kind_of(v, i) == ARGRAPH_NODE_CLAIM && attr_is(v, i, "role", "thesis"))
			top[uf_find(grp, i)] = 1;

	/* rank subgraphs: the theses' groups on top, every other group of two
	 * or more on a rank of its own */
	Agraph_t *theses = NULL;
	for (size_t i = 0; i < v->nn; i++) {
		if (!v->an[i])
			continue;
		size_t r = uf_find(grp, i);
		gwidth[r] += v->width[i] + (gcount[r] ? 0.25 : 0.0);
		gcount[r]++;
		if (!top[r])
			continue;
		if (!theses && !(theses = rank_group(ag, "theses", "max")))
			goto done;
		agsubnode(theses, v->an[i], 1);
	}
	for (size_t i = 0; i < v->nn; i++) {
		size_t r = v->an[i] ? uf_find(grp, i) : 0;
		if (!v->an[i] || top[r] || gcount[r] < 2)
			continue;
		if (!sub[r]) {
			/* an invisible cluster keeps the pair together: on a shared
			 * rank, dot would otherwise set another node between the two
			 * and route their edge around it */
			char name[48];
			snprintf(name, sizeof name, "cluster_beside_%zu", r);
			if (!(sub[r] = rank_group(ag, name, "same")))
				goto done;
			set(sub[r], "peripheries", "0");
		}
		agsubnode(sub[r], v->an[i], 1);
	}

	/* layers of groups along the other edges (longest path, bounded) */
	for (int pass = 0; pass < MAX_LAYERS; pass++) {
		int changed = 0;
		for (size_t i = 0; i < v->ne; i++) {
			const argraph_edge *e = argraph_graph_edge_at(v->g, i);
			if (!v->ae[i])
				continue;
			size_t a = uf_find(grp, argraph_edge_get_source(e)), b = uf_find(grp, argraph_edge_get_target(e));
			if (a != b && layer[b] < layer[a] + 1 && layer[a] + 1 < MAX_LAYERS) {
				layer[b] = layer[a] + 1;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}

	/* components (in one pass; a root is its smallest node, so it comes
	 * first): the nodes at either end, and the width of the widest layer,
	 * summed over the groups in each (component, layer) once sorted */
	size_t nc = 0, nl = 0;
	for (size_t i = 0; i < v->nn; i++)
		cidx[i] = ARGRAPH_NONE;
	for (size_t i = 0; i < v->nn; i++) {
		if (!v->an[i])
			continue;
		size_t r = uf_find(comp, i), g = uf_find(grp, i);
		if (cidx[r] == ARGRAPH_NONE) {
			cidx[r] = nc;
			cs[nc++] = (component){r, i, i, 0, 0.0};
		}
		component *c = &cs[cidx[r]];
		c->thesis |= top[g];
		if (layer[g] > layer[uf_find(grp, c->top)])
			c->top = i;
		if (layer[g] < layer[uf_find(grp, c->bottom)])
			c->bottom = i;
		if (g == i)
			lw[nl++] = (layer_width){cidx[r], layer[g], gwidth[g]};
	}
	qsort(lw, nl, sizeof *lw, cmp_layer_width);
	for (size_t a = 0, b; a < nl; a = b) {
		double w = 0.0;
		for (b = a; b < nl && lw[b].comp == lw[a].comp && lw[b].layer == lw[a].layer; b++)
			w += lw[b].width + (b > a ? 0.25 : 0.0);
		if (w > cs[lw[a].comp].width)
			cs[lw[a].comp].width = w;
	}
	qsort(cs, nc, sizeof *cs, cmp_component);

	/* Rows as wide as the widest component, but at least
	 * ARGUMENT_ROW_WIDTH and at most ARGUMENT_ROW_MAX (a wider component
	 * has a row to itself). Each row is held below the one before by
	 * invisible edges from each of its tops to each of the upper row's
	 * bottoms; when that would be many edges, through an invisible point
	 * between the rows instead (one more rank of space, but the edges grow
	 * with the rows, not with their product). */
	double limit = ARGUMENT_ROW_WIDTH;
	for (size_t i = 0; i < nc; i++)
		limit = cs[i].width > limit ? cs[i].width : limit;
	limit = limit < ARGUMENT_ROW_MAX ? limit : ARGUMENT_ROW_MAX;
	size_t pa = 0, pb = 0, a = 0, row = 0;
	while (a < nc) {
		size_t b = a;
		double w = 0.0;
		while (b < nc && (b == a || w + 0.5 + cs[b].width <= limit)) {
			w += (b > a ? 0.5 : 0.0) + cs[b].width;
			b++;
		}
		if (v->layered && pb > pa && (b - a) * (pb - pa) <= 64) {
			for (size_t c = a; c < b; c++)
				for (size_t d = pa; d < pb; d++)
					if (!invisible_edge(ag, v->an[cs[c].top], v->an[cs[d].bottom], 0))
						goto done;
		} else if (v->layered && pb > pa) {
			char name[48];
			snprintf(name, sizeof name, "row %zu", ++row);
			Agnode_t *between = agnode(ag, name, 1);
			if (!between)
				goto done;
			set(between, "style", "invis");
			set(between, "shape", "point");
			set(between, "width", "0");
			set(between, "height", "0");
			set(between, "label", "");
			for (size_t c = a; c < b; c++)
				if (!invisible_edge(ag, v->an[cs[c].top], between, 0))
					goto done;
			for (size_t d = pa; d < pb; d++)
				if (!invisible_edge(ag, between, v->an[cs[d].bottom], 0))
					goto done;
		}
		pa = a;
		pb = b;
		a = b;
	}
	/* the legend on a rank of its own under the last row: as a separate
	 * component it would be set beside the drawing, adding its width */
	for (size_t c = pa; v->layered && v->legend_first && c < pb; c++)
		if (!invisible_edge(ag, v->legend_first, v->an[cs[c].bottom], 1))
			goto done;
	rc = 0;
done:
	free(grp);
	free(comp);
	free(layer);
	free(top);
	free(gwidth);
	free(gcount);
	free(cidx);
	free(cs);
	free(lw);
	free(sub);
	return rc;
}

/*
 * Holding every outcome in the last column makes dot draw each edge into
 * an outcome across all the columns between its cause and the last one, as
 * a chain of virtual nodes. For a text's causal claims (chains of two or
 * three factors) that is nothing; for a long causal chain of a large
 * merged corpus it is hundreds of thousands of virtual nodes, and dot then
 * runs for minutes (2,000 factors in 300-deep chains: 0.5 s without the
 * constraint, over 2 minutes with it). So count them first: the columns
 * come from the longest path to each factor (Kahn's order over the drawn
 * causes edges; factors on a cycle count as first), and the stretch is
 * the sum, over edges into outcomes, of the columns each would cross.
 * Returns the stretch, or -1 when out of memory.
 */
#define MAX_OUTCOME_STRETCH 4000

static long outcome_stretch(const view *v)
{
	size_t nn = v->nn ? v->nn : 1, ne = v->ne ? v->ne : 1;
	size_t *indeg = calloc(nn, sizeof *indeg), *col = calloc(nn, sizeof *col);
	size_t *start = calloc(nn + 1, sizeof *start), *adj = malloc(ne * sizeof *adj);
	size_t *queue = malloc(nn * sizeof *queue);
	long stretch = -1;
	if (!indeg || !col || !start || !adj || !queue)
		goto done;
	/* drawn causes edges as adjacency lists (counting sort by source) */
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (v->ae[i] && argraph_edge_get_kind(e) == ARGRAPH_EDGE_CAUSES) {
			start[argraph_edge_get_source(e) + 1]++;
			indeg[argraph_edge_get_target(e)]++;
		}
	}
	for (size_t i = 0; i < v->nn; i++)
		start[i + 1] += start[i];
	size_t *fill = queue; /* borrowed as the fill pointers for a moment */
	memcpy(fill, start, v->nn * sizeof *fill);
	for (size_t i = 0; i < v->ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(v->g, i);
		if (v->ae[i] && argraph_edge_get_kind(e) == ARGRAPH_EDGE_CAUSES)
			adj[fill[argraph_edge_get_source(e)]++] = argraph_edge_get_target(e);
	}
	size_t head = 0, tail = 0, last = 0;
	for (size_t i = 0; i < v->nn; i++)
		if (v->an[i] && indeg[i] == 0)
			queue[tail++] = i;
	while (head < tail) {
		size_t u = queue[head++];
		for (size_t k = start[u]; k < start[u + 1]; k++) {
			size_t t = adj[k];
			if (col[t] < col[u] + 1)
				col[t] = col[u] + 1;
			if (--indeg[t] == 0)
				queue[tail++] = t;
		}
	}
	for (size_t i = 0; i < v->nn; i++)
		last = col[i] > last ? col[i] : last;
	stretch = 0;
	for (size_t u = 0; u < v->nn; u++)
		for (size_t k = start[u]; k < start[u + 1]; k++)
			if (v->outcome[adj[k]] && col[u] + 1 < last && stretch <= MAX_OUTCOME_STRETCH)
				stretch += (long)(last - col[u] - 1);
done:
	free(indeg);
	free(col);
	free(start);
	free(adj);
	free(queue);
	return stretch;
}

/* Rank constraints that make each view read the way it should. */
static int add_ranks(view *v, Agraph_t *ag)
{
	if (v->kind == ARGRAPH_VIEW_CAUSAL) {
		/* outcomes in the last column, unless that would stretch too many
		 * edges across too many columns (see outcome_stretch) */
		long stretch = outcome_stretch(v);
		if (stretch < 0)
			return -1;
		if (stretch > MAX_OUTCOME_STRETCH)
			return 0;
		Agraph_t *sg = NULL;
		for (size_t i = 0; i < v->nn; i++) {
			if (!v->an[i] || !v->outcome[i])
				continue;
			if (!sg && !(sg = rank_group(ag, "outcomes", "max")))
				return -1;
			agsubnode(sg, v->an[i], 1);
			if (v->layered && v->legend_first && !invisible_edge(ag, v->an[i], v->legend_first, 1))
				return -1;
		}
	} else if (v->kind == ARGRAPH_VIEW_CITATION) {
		/* citing claims (or, in a citation network, citing documents) in
		 * the first column, in text order from the top (a chain of
		 * invisible flat edges: a flat edge's tail comes first) */
		Agraph_t *first = NULL;
		Agnode_t *prev = NULL;
		for (size_t i = 0; i < v->nn; i++) {
			if (!v->an[i] || (kind_of(v, i) != ARGRAPH_NODE_CLAIM && kind_of(v, i) != ARGRAPH_NODE_DOCUMENT))
				continue;
			if (!first && !(first = rank_group(ag, "claims", "min")))
				return -1;
			agsubnode(first, v->an[i], 1);
			if (v->layered && prev && !invisible_edge(ag, prev, v->an[i], 1))
				return -1;
			prev = v->an[i];
		}
		/* the cited works' authors in the last column (see add_edges) */
		Agraph_t *sg = NULL;
		for (size_t i = 0; i < v->nn; i++) {
			if (!v->an[i] || kind_of(v, i) != ARGRAPH_NODE_PERSON)
				continue;
			if (!sg && !(sg = rank_group(ag, "authors", "max")))
				return -1;
			agsubnode(sg, v->an[i], 1);
			if (v->layered && v->legend_first && !invisible_edge(ag, v->an[i], v->legend_first, 1))
				return -1;
		}
	} else if (v->kind == ARGRAPH_VIEW_ARGUMENT) {
		return argument_ranks(v, ag);
	} else if (v->kind == ARGRAPH_VIEW_ALL && v->clusters && v->layered) {
		/* Most claims have no edge between them, so dot would set every
		 * section's claims side by side on one rank: a picture hundreds of
		 * inches wide. Stack each section's claims in text order instead,
		 * in columns of ALL_VIEW_COLUMN (invisible edges, pulling on
		 * nothing). */
		size_t *last = malloc((v->nn ? v->nn : 1) * sizeof *last);
		size_t *count = calloc(v->nn ? v->nn : 1, sizeof *count);
		int rc = last && count ? 0 : -1;
		for (size_t i = 0; i < v->nn && rc == 0; i++) {
			size_t sec = v->section_of[i];
			if (!v->an[i] || sec == ARGRAPH_NONE || kind_of(v, i) != ARGRAPH_NODE_CLAIM)
				continue;
			if (count[sec] % ALL_VIEW_COLUMN != 0
			    && !invisible_edge(ag, v->an[last[sec]], v->an[i], 0))
				rc = -1;
			last[sec] = i;
			count[sec]++;
		}
		free(last);
		free(count);
		return rc;
	}
	return 0;
}

/* Allocate the view's tables and decide what it shows. 0, or -1 when
 * out of memory (view_close still to be called). */
static int view_open(view *v, const argraph_graph *g, const argraph_dot_options *opts,
	const argraph_dot_options *defaults, const char *engine, char lang[16])
{
	v->g = g;
	v->o = opts ? opts : defaults;
	v->kind = v->o->view;
	v->layered = !engine || strcmp(engine, "dot") == 0;
	/* labels are stored under primary subtags ("zh"), so look them up so */
	v->lang = resolve_lang(g, v->o->lang);
	if (v->lang) {
		snprintf(lang, 16, "%.*s", (int)strcspn(v->lang, "-"), v->lang);
		v->lang = lang;
	}
	v->zh = v->lang && strncmp(v->lang, "zh", 2) == 0;
	v->columns = v->o->wrap_columns ? v->o->wrap_columns : ARGRAPH_DEFAULT_WRAP;
	v->nn = argraph_graph_node_count(g);
	v->ne = argraph_graph_edge_count(g);
	size_t nn1 = v->nn ? v->nn : 1, ne1 = v->ne ? v->ne : 1;
	v->section_of = malloc(nn1 * sizeof *v->section_of);
	v->parent_of = malloc(nn1 * sizeof *v->parent_of);
	v->hidden = calloc(nn1, 1);
	v->shown = calloc(nn1, 1);
	v->outcome = calloc(nn1, 1);
	v->an = calloc(nn1, sizeof *v->an);
	v->cluster = calloc(nn1, sizeof *v->cluster);
	v->eshown = calloc(ne1, 1);
	v->ae = calloc(ne1, sizeof *v->ae);
	v->leader = malloc(ne1 * sizeof *v->leader);
	v->width = calloc(nn1, sizeof *v->width);
	if (!v->section_of || !v->parent_of || !v->hidden || !v->shown || !v->outcome || !v->an
	    || !v->cluster || !v->eshown || !v->ae || !v->leader || !v->width)
		return -1;
	for (size_t i = 0; i < v->ne; i++)
		v->leader[i] = ARGRAPH_NONE;
	select_view(v);
	return 0;
}

static void view_close(view *v)
{
	free(v->section_of);
	free(v->parent_of);
	free(v->hidden);
	free(v->shown);
	free(v->outcome);
	free(v->an);
	free(v->cluster);
	free(v->eshown);
	free(v->ae);
	free(v->leader);
	free(v->width);
}

argraph_status argraph_view_size(const argraph_graph *g, const argraph_dot_options *opts,
	size_t *nodes, size_t *edges)
{
	argraph_dot_options defaults = ARGRAPH_DOT_OPTIONS_INIT;
	view v = {0};
	char lang[16];
	*nodes = *edges = 0;
	if (view_open(&v, g, opts, &defaults, "dot", lang) != 0) {
		view_close(&v);
		return ARGRAPH_ENOMEM;
	}
	for (size_t i = 0; i < v.nn; i++)
		*nodes += v.shown[i];
	for (size_t i = 0; i < v.ne; i++) {
		const argraph_edge *e = argraph_graph_edge_at(g, i);
		*edges += v.eshown[i] && v.shown[argraph_edge_get_source(e)] && v.shown[argraph_edge_get_target(e)];
	}
	view_close(&v);
	return ARGRAPH_OK;
}

Agraph_t *argraph_dot__build(const argraph_graph *g, const argraph_dot_options *opts,
	const char *engine, argraph_diags *diags)
{
	argraph_dot_options defaults = ARGRAPH_DOT_OPTIONS_INIT;
	view v = {0};
	char lang[16];
	Agraph_t *ag = NULL;
	if (view_open(&v, g, opts, &defaults, engine, lang) != 0)
		goto fail;

	agseterr(AGWARN);
	agseterrf(capture_cgraph_error);
	agreseterrors();
	Agdesc_t desc = Agdirected;
	static Agdisc_t disc;
	disc.mem = &AgMemDisc;
	disc.id = &creation_order_ids;
	disc.io = &AgIoDisc;
	ag = agopen(S("argraph"), desc, &disc);
	if (!ag)
		goto fail;
	declare_defaults(ag, &v);
	v.clusters = v.o->clusters && v.kind == ARGRAPH_VIEW_ALL && count_clusters(&v) <= MAX_SUBGRAPHS;
	/* the legend first: dot tends to set the first component first (at the
	 * top of a left-to-right drawing), and the DOT file opens with it */
	legend_contents(&v);
	if (v.o->legend && add_legend(ag, &v) != 0)
		goto fail;
	for (size_t i = 0; i < v.nn; i++)
		if (v.shown[i] && add_node(&v, ag, i) != 0)
			goto fail;
	if (add_edges(&v, ag) != 0 || add_ranks(&v, ag) != 0)
		goto fail;
	flush_cgraph_errors(diags);
	goto done;
fail:
	flush_cgraph_errors(diags);
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "dot.build", NULL, "could not build the Graphviz graph");
	if (ag)
		agclose(ag);
	ag = NULL;
done:
	view_close(&v);
	return ag;
}

argraph_status argraph_dot_write(const argraph_graph *g, const argraph_dot_options *opts,
	FILE *out, argraph_diags *diags)
{
	Agraph_t *ag = argraph_dot__build(g, opts, "dot", diags);
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
