/* SPDX-License-Identifier: MIT */
/*
 * validate.c — checking a graph against a loaded graph schema.
 *
 * The checks run as fixed passes (undeclared kinds, edge ends, node labels
 * and attributes, edge attributes, cardinalities, then the graph-level rules
 * in the schema's order); inside a pass, nodes or edges go by index and rules
 * by declaration order, so the same graph always gives the same diagnostics
 * in the same order. Each violation is one diagnostic positioned at the
 * element's provenance.
 *
 * Nothing here recurses over the graph: cycles are found with an iterative
 * Tarjan SCC over an explicit stack, and each cyclic component is reported
 * once, with one concrete cycle through its first node found by BFS. All
 * work arrays are O(nodes + edges) and freed before returning.
 */
#include "argraph/schema.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../graph/graph_internal.h"
#include "../util/strbuf.h"
#include "schema_internal.h"

/* Interned attribute name -> index of its rule, open addressing by
 * address. A schema declares a few dozen attributes per kind at most;
 * more than fit are left out, and the rules they belong to are then
 * found by searching (table_full). */
#define RULE_SLOTS 64
typedef struct rule_table {
	const char *name[RULE_SLOTS]; /* NULL: empty */
	size_t rule[RULE_SLOTS];
	int full;                     /* some name did not fit */
} rule_table;

typedef struct vstate {
	const argraph_graph *g;
	const argraph_graph_schema *s;
	argraph_diags *diags;
	size_t n, m;        /* node and edge counts */
	size_t errors, warnings;
	int nomem;
	/* the graph's interned copy of each attribute rule's name (NULL: no
	 * element of the graph has that attribute), so values are found by
	 * comparing pointers: node rules of kind k from node_names[k], edge
	 * rules from edge_names[k] */
	const char **node_names[ARGRAPH_NODE__COUNT];
	const char **edge_names[ARGRAPH_EDGE__COUNT];
	const char **names; /* the one allocation behind them */
	/* the same names the other way round: interned name -> rule index
	 * (rule_table), so an element's attributes are matched to their
	 * rules in one pass rather than each rule searching them all */
	rule_table node_rules[ARGRAPH_NODE__COUNT];
	rule_table edge_rules[ARGRAPH_EDGE__COUNT];
	const char **values; /* scratch: each rule's value for one element */
} vstate;

#define MAX_SHOWN_VALUE 60 /* bytes of an attribute value quoted in a message */
#define MAX_SHOWN_IDS 12   /* node or edge ids listed in one message */

/* ---- reporting ---- */

static void put_node(strbuf *b, const argraph_node *n)
{
	strbuf_printf(b, "node %s (%s): ", argraph_node_get_id(n),
		argraph_node_kind_name(argraph_node_get_kind(n)));
}

static void put_edge(strbuf *b, const vstate *V, const argraph_edge *e)
{
	const argraph_node *src = argraph_graph_node_at(V->g, argraph_edge_get_source(e));
	const argraph_node *dst = argraph_graph_node_at(V->g, argraph_edge_get_target(e));
	strbuf_printf(b, "edge %s (%s, %s -> %s): ", argraph_edge_get_id(e),
		argraph_edge_kind_name(argraph_edge_get_kind(e)),
		argraph_node_get_id(src), argraph_node_get_id(dst));
}

/* A value in quotes, cut at a character boundary if it is long. */
static void put_value(strbuf *b, const char *v)
{
	size_t n = strlen(v);
	strbuf_putc(b, '"');
	if (n <= MAX_SHOWN_VALUE) {
		strbuf_append(b, v, n);
	} else {
		size_t cut = MAX_SHOWN_VALUE;
		while (cut > 0 && ((unsigned char)v[cut] & 0xC0) == 0x80)
			cut--;
		strbuf_append(b, v, cut);
		strbuf_puts(b, "...");
	}
	strbuf_putc(b, '"');
}

/* Emit the message in `b` (which the caller has built) and reset it. */
static void emit(vstate *V, argraph_severity sev, const char *code,
	const argraph_prov *prov, strbuf *b)
{
	argraph_pos pos = {NULL, 0, 0, NULL};
	if (prov) {
		pos.file = prov->file;
		pos.line = prov->line;
		pos.xml_id = prov->xml_id;
	}
	if (sev == ARGRAPH_SEV_ERROR)
		V->errors++;
	else if (sev == ARGRAPH_SEV_WARNING)
		V->warnings++;
	if (b->failed || argraph_diags_add(V->diags, sev, code, &pos, "%s",
				strbuf_cstr(b)) != ARGRAPH_OK)
		V->nomem = 1;
	strbuf_reset(b);
}

static const argraph_prov *edge_prov(const vstate *V, const argraph_edge *e)
{
	const argraph_prov *p = argraph_edge_get_prov(e);
	if (p->file || p->line)
		return p;
	return argraph_node_get_prov(argraph_graph_node_at(V->g, argraph_edge_get_source(e)));
}

/* ---- the graph's records (graph_internal.h): every pass walks them all,
 * and a field read is cheaper than a call per accessor ---- */

static inline const argraph_node *vnode(const vstate *V, size_t i)
{
	return V->g->nodes.items[i];
}

static inline const argraph_edge *vedge(const vstate *V, size_t i)
{
	return V->g->edges.items[i];
}

static size_t slot_of(const char *name)
{
	return (size_t)(((uint64_t)(uintptr_t)name * 0x9E3779B97F4A7C15ull) >> 40) & (RULE_SLOTS - 1);
}

static void table_put(rule_table *t, const char *name, size_t rule)
{
	size_t i = slot_of(name);
	for (size_t probes = 0; probes < RULE_SLOTS / 2; probes++, i = (i + 1) & (RULE_SLOTS - 1)) {
		if (t->name[i] == name)
			return; /* the first rule of that name wins, as the search did */
		if (!t->name[i]) {
			t->name[i] = name;
			t->rule[i] = rule;
			return;
		}
	}
	t->full = 1;
}

/* The rule for interned `name` among `inames` (n of them), or n. */
static size_t rule_for(const rule_table *t, const char *const *inames, size_t n, const char *name)
{
	if (!t->full) {
		for (size_t i = slot_of(name);; i = (i + 1) & (RULE_SLOTS - 1)) {
			if (t->name[i] == name)
				return t->rule[i];
			if (!t->name[i])
				return n;
		}
	}
	for (size_t r = 0; r < n; r++)
		if (inames[r] == name)
			return r;
	return n;
}

/* Each rule's value in `pairs` into V->values (NULL: absent). */
static void gather(const vstate *V, const rule_table *t, const char *const *inames,
	size_t nrules, const pairs *ps)
{
	for (size_t r = 0; r < nrules; r++)
		V->values[r] = NULL;
	for (size_t a = 0; a < ps->len; a++) {
		size_t r = rule_for(t, inames, nrules, ps->items[a].a);
		if (r < nrules && !V->values[r])
			V->values[r] = ps->items[a].b;
	}
}

/* ---- pass 1 and 2: kinds and edge ends ---- */

static void check_kinds(vstate *V)
{
	strbuf b = {0};
	const char *sname = argraph_graph_schema_get_name(V->s);
	for (size_t i = 0; i < V->n && !V->nomem; i++) {
		const argraph_node *n = vnode(V, i);
		argraph_node_kind k = n->kind;
		if (V->s->nodes[k].declared)
			continue;
		put_node(&b, n);
		strbuf_printf(&b, "node kind '%s' is not declared in schema '%s'",
			argraph_node_kind_name(k), sname);
		emit(V, ARGRAPH_SEV_ERROR, "graph.node.kind", argraph_node_get_prov(n), &b);
	}
	for (size_t i = 0; i < V->m && !V->nomem; i++) {
		const argraph_edge *e = vedge(V, i);
		argraph_edge_kind k = e->kind;
		if (V->s->edges[k].declared)
			continue;
		put_edge(&b, V, e);
		strbuf_printf(&b, "edge kind '%s' is not declared in schema '%s'",
			argraph_edge_kind_name(k), sname);
		emit(V, ARGRAPH_SEV_ERROR, "graph.edge.kind", edge_prov(V, e), &b);
	}
	strbuf_release(&b);
}

static void put_mask(strbuf *b, unsigned mask)
{
	int first = 1;
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++) {
		if (mask & (1u << k)) {
			strbuf_printf(b, "%s%s", first ? "" : "|",
				argraph_node_kind_name((argraph_node_kind)k));
			first = 0;
		}
	}
}

static void check_ends(vstate *V)
{
	strbuf b = {0};
	for (size_t i = 0; i < V->m && !V->nomem; i++) {
		const argraph_edge *e = vedge(V, i);
		const edge_rule *er = &V->s->edges[e->kind];
		if (!er->declared)
			continue;
		argraph_node_kind sk = vnode(V, e->source)->kind;
		argraph_node_kind tk = vnode(V, e->target)->kind;
		if ((er->from_mask & (1u << sk)) && (er->to_mask & (1u << tk)))
			continue;
		put_edge(&b, V, e);
		strbuf_printf(&b, "a '%s' edge may not join %s -> %s (allowed: ",
			argraph_edge_kind_name(argraph_edge_get_kind(e)),
			argraph_node_kind_name(sk), argraph_node_kind_name(tk));
		put_mask(&b, er->from_mask);
		strbuf_puts(&b, " -> ");
		put_mask(&b, er->to_mask);
		strbuf_putc(&b, ')');
		emit(V, er->sev, "graph.edge.ends", edge_prov(V, e), &b);
	}
	strbuf_release(&b);
}

/* ---- pass 3 and 4: attributes and labels ---- */

/* An optional '-' and decimal digits that fit a long long (what strtoll
 * accepts without ERANGE, leading zeros and all), parsed by hand: every
 * claim's "sentence" and every section's "depth" comes through here. */
static int is_integer(const char *v, long long *out)
{
	const char *p = v;
	int neg = *p == '-';
	if (neg)
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	unsigned long long acc = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		unsigned d = (unsigned)(*p - '0');
		if (acc > (limit - d) / 10)
			return 0;
		acc = acc * 10 + d;
	}
	*out = !neg ? (long long)acc : acc == limit ? LLONG_MIN : -(long long)acc;
	return 1;
}

static int is_year(const char *v)
{
	for (int i = 0; i < 4; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return v[4] == '\0';
}

/* 1 when v is one of the enum rule's values. */
static int enum_has(const attr_rule *r, const char *v)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (r->values[i][0] == v[0] && strcmp(r->values[i], v) == 0)
			return 1;
	return 0;
}

/* What is wrong with value v (NULL when absent) under rule r. Nearly every
 * value is fine, so this only decides; the message is built by
 * report_value() for the few that are not (building it, or calling a
 * function that could, for every value was a third of the validator's
 * instructions: callgrind, fs100). *iv gets an integer's value. */
typedef enum value_fault {
	VALUE_OK,
	VALUE_MISSING,
	VALUE_EMPTY,
	VALUE_NOT_INTEGER,
	VALUE_OUT_OF_RANGE,
	VALUE_NOT_YEAR,
	VALUE_NOT_IN_ENUM,
	VALUE_NO_NODE,
	VALUE_WRONG_KIND,
} value_fault;

static inline value_fault fault_of(const vstate *V, const attr_rule *r, const char *v,
	long long *iv)
{
	if (!v)
		return r->required ? VALUE_MISSING : VALUE_OK;
	if (r->required && !*v)
		return VALUE_EMPTY;
	switch (r->type) {
	case ATTR_STRING:
		return VALUE_OK;
	case ATTR_INTEGER:
		if (!is_integer(v, iv))
			return VALUE_NOT_INTEGER;
		return (r->has_min && *iv < r->min) || (r->has_max && *iv > r->max)
			? VALUE_OUT_OF_RANGE : VALUE_OK;
	case ATTR_YEAR:
		return is_year(v) ? VALUE_OK : VALUE_NOT_YEAR;
	case ATTR_ENUM:
		return enum_has(r, v) ? VALUE_OK : VALUE_NOT_IN_ENUM;
	case ATTR_IDREF: {
		size_t t = argraph_graph_find_node(V->g, v);
		if (t == ARGRAPH_NONE)
			return VALUE_NO_NODE;
		argraph_node_kind tk = argraph_node_get_kind(argraph_graph_node_at(V->g, t));
		return r->ref_kind != ARGRAPH_NODE_NONE && tk != r->ref_kind
			? VALUE_WRONG_KIND : VALUE_OK;
	}
	}
	return VALUE_OK;
}

/*
 * Report fault f of value v under rule r, for `node` or (node NULL)
 * `edge`, as its finding (iv: the integer, for a range fault).
 */
static void report_value(vstate *V, const attr_rule *r, const char *v, value_fault f,
	long long iv, const argraph_prov *prov, const argraph_node *node,
	const argraph_edge *edge)
{
	const char *code = "graph.attr.type";
	strbuf finding = {0}, *b = &finding;
	if (f == VALUE_OK)
		return;
	if (f == VALUE_MISSING || f == VALUE_EMPTY) {
		strbuf_printf(b, "required attribute '%s' is %s", r->name,
			f == VALUE_MISSING ? "missing" : "empty");
		code = "graph.attr.missing";
	} else if (f == VALUE_OUT_OF_RANGE) {
		strbuf_printf(b, "attribute '%s' = %lld is out of range (", r->name, iv);
		if (r->has_min)
			strbuf_printf(b, "min %lld", r->min);
		if (r->has_min && r->has_max)
			strbuf_puts(b, ", ");
		if (r->has_max)
			strbuf_printf(b, "max %lld", r->max);
		strbuf_putc(b, ')');
		code = "graph.attr.range";
	} else {
		/* the rest show the value, then what is wrong with it */
		strbuf_printf(b, "attribute '%s' = ", r->name);
		put_value(b, v);
		switch (f) {
		case VALUE_NOT_INTEGER:
			strbuf_puts(b, " is not an integer");
			break;
		case VALUE_NOT_YEAR:
			strbuf_puts(b, " is not a year (four digits)");
			break;
		case VALUE_NOT_IN_ENUM:
			strbuf_puts(b, " is not one of: ");
			for (size_t i = 0; i < r->nvalues; i++)
				strbuf_printf(b, "%s%s", i ? ", " : "", r->values[i]);
			code = "graph.attr.enum";
			break;
		case VALUE_NO_NODE:
			strbuf_puts(b, " names no node in the graph");
			code = "graph.attr.ref";
			break;
		default: /* VALUE_WRONG_KIND */
			strbuf_printf(b, " names a %s node, not a %s node",
				argraph_node_kind_name(argraph_node_get_kind(argraph_graph_node_at(V->g,
					argraph_graph_find_node(V->g, v)))),
				argraph_node_kind_name(r->ref_kind));
			code = "graph.attr.ref";
			break;
		}
	}
	strbuf msg = {0};
	if (node)
		put_node(&msg, node);
	else
		put_edge(&msg, V, edge);
	strbuf_append(&msg, strbuf_cstr(b), b->len);
	msg.failed |= b->failed;
	emit(V, r->sev, code, prov, &msg);
	strbuf_release(&msg);
	strbuf_release(b);
}

/* Check value v of rule r; a finding for what is wrong with it. */
static inline void check_value(vstate *V, const attr_rule *r, const char *v,
	const argraph_prov *prov, const argraph_node *node, const argraph_edge *edge)
{
	long long iv = 0;
	value_fault f = fault_of(V, r, v, &iv);
	if (f != VALUE_OK)
		report_value(V, r, v, f, iv, prov, node, edge);
}

/* Look every attribute rule's name up in the graph once. */
static int resolve_names(vstate *V)
{
	size_t total = 0;
	for (int k = 0; k < ARGRAPH_NODE__COUNT; k++)
		total += V->s->nodes[k].nattrs;
	for (int k = 0; k < ARGRAPH_EDGE__COUNT; k++)
		total += V->s->edges[k].nattrs;
	V->names = malloc((total ? total : 1) * sizeof *V->names);
	V->values = malloc((total ? total : 1) * sizeof *V->values);
	if (!V->names || !V->values)
		return -1;
	const char **p = V->names;
	for (int k = 0; k < ARGRAPH_NODE__COUNT; k++) {
		V->node_names[k] = p;
		for (size_t r = 0; r < V->s->nodes[k].nattrs; r++) {
			*p = argraph_graph__interned(V->g, V->s->nodes[k].attrs[r].name);
			if (*p)
				table_put(&V->node_rules[k], *p, r);
			p++;
		}
	}
	for (int k = 0; k < ARGRAPH_EDGE__COUNT; k++) {
		V->edge_names[k] = p;
		for (size_t r = 0; r < V->s->edges[k].nattrs; r++) {
			*p = argraph_graph__interned(V->g, V->s->edges[k].attrs[r].name);
			if (*p)
				table_put(&V->edge_rules[k], *p, r);
			p++;
		}
	}
	return 0;
}

static int has_label(const argraph_node *n, const char *lang)
{
	if (lang) {
		const char *l = argraph_node_get_label_exact(n, lang);
		return l && *l;
	}
	for (size_t i = 0; i < argraph_node_label_count(n); i++) {
		const char *la, *text;
		argraph_node_label_at(n, i, &la, &text);
		if (text && *text)
			return 1;
	}
	return 0;
}

static void check_node_attrs(vstate *V)
{
	strbuf b = {0};
	for (size_t i = 0; i < V->n && !V->nomem; i++) {
		const argraph_node *n = vnode(V, i);
		argraph_node_kind kind = n->kind;
		const node_rule *nr = &V->s->nodes[kind];
		const char *const *inames = V->node_names[kind];
		const argraph_prov *prov = argraph_node_get_prov(n);
		if (!nr->declared)
			continue;
		if (nr->label_required && !has_label(n, nr->label_lang)) {
			put_node(&b, n);
			if (nr->label_lang)
				strbuf_printf(&b, "has no non-empty label in language '%s'",
					nr->label_lang);
			else
				strbuf_puts(&b, "has no non-empty label");
			emit(V, nr->label_sev, "graph.label.missing", prov, &b);
		}
		const rule_table *t = &V->node_rules[kind];
		gather(V, t, inames, nr->nattrs, &n->attrs);
		for (size_t r = 0; r < nr->nattrs && !V->nomem; r++)
			check_value(V, &nr->attrs[r], V->values[r], prov, n, NULL);
		for (size_t a = 0; nr->closed && a < n->attrs.len; a++) {
			const char *name = n->attrs.items[a].a;
			if (rule_for(t, inames, nr->nattrs, name) < nr->nattrs)
				continue;
			strbuf_reset(&b);
			put_node(&b, n);
			strbuf_printf(&b, "attribute '%s' is not declared for %s nodes", name,
				argraph_node_kind_name(argraph_node_get_kind(n)));
			emit(V, ARGRAPH_SEV_ERROR, "graph.attr.unknown", prov, &b);
		}
		strbuf_reset(&b);
	}
	strbuf_release(&b);
}

static void check_edge_attrs(vstate *V)
{
	strbuf b = {0};
	for (size_t i = 0; i < V->m && !V->nomem; i++) {
		const argraph_edge *e = vedge(V, i);
		argraph_edge_kind kind = e->kind;
		const edge_rule *er = &V->s->edges[kind];
		const char *const *inames = V->edge_names[kind];
		if (!er->declared || (!er->nattrs && !er->closed))
			continue;
		const argraph_prov *prov = edge_prov(V, e);
		const rule_table *t = &V->edge_rules[kind];
		gather(V, t, inames, er->nattrs, &e->attrs);
		for (size_t r = 0; r < er->nattrs && !V->nomem; r++)
			check_value(V, &er->attrs[r], V->values[r], prov, NULL, e);
		for (size_t a = 0; er->closed && a < e->attrs.len; a++) {
			const char *name = e->attrs.items[a].a;
			if (rule_for(t, inames, er->nattrs, name) < er->nattrs)
				continue;
			strbuf_reset(&b);
			put_edge(&b, V, e);
			strbuf_printf(&b, "attribute '%s' is not declared for %s edges", name,
				argraph_edge_kind_name(argraph_edge_get_kind(e)));
			emit(V, ARGRAPH_SEV_ERROR, "graph.attr.unknown", prov, &b);
		}
		strbuf_reset(&b);
	}
	strbuf_release(&b);
}

/* ---- pass 5: cardinalities ---- */

static void check_cards(vstate *V)
{
	strbuf b = {0};
	for (size_t i = 0; i < V->n && !V->nomem; i++) {
		const argraph_node *n = vnode(V, i);
		const node_rule *nr = &V->s->nodes[n->kind];
		for (size_t r = 0; nr->declared && r < nr->ncards && !V->nomem; r++) {
			const card_rule *c = &nr->cards[r];
			const idxlist *adj = c->outgoing ? &n->out : &n->in;
			size_t count = 0;
			for (size_t j = 0; j < adj->len; j++)
				if (vedge(V, adj->items[j])->kind == c->edge)
					count++;
			const char *dir = c->outgoing ? "outgoing" : "incoming";
			const char *ek = argraph_edge_kind_name(c->edge);
			if (count < c->min) {
				put_node(&b, n);
				strbuf_printf(&b, "has %zu %s '%s' edge%s; at least %zu required",
					count, dir, ek, count == 1 ? "" : "s", c->min);
				emit(V, c->sev, "graph.card.min", argraph_node_get_prov(n), &b);
			} else if (count > c->max) {
				put_node(&b, n);
				strbuf_printf(&b, "has %zu %s '%s' edges; at most %zu allowed (",
					count, dir, ek, c->max);
				size_t shown = 0;
				for (size_t j = 0; j < adj->len; j++) {
					const argraph_edge *e = vedge(V, adj->items[j]);
					if (e->kind != c->edge)
						continue;
					if (shown == MAX_SHOWN_IDS) {
						strbuf_puts(&b, ", ...");
						break;
					}
					strbuf_printf(&b, "%s%s", shown ? ", " : "", argraph_edge_get_id(e));
					shown++;
				}
				strbuf_putc(&b, ')');
				emit(V, c->sev, "graph.card.max", argraph_node_get_prov(n), &b);
			}
		}
	}
	strbuf_release(&b);
}

/* ---- pass 6: graph-level rules ---- */

static void check_resolves(vstate *V, const graph_rule *r)
{
	strbuf b = {0};
	const char *iattr = argraph_graph__interned(V->g, r->attr);
	for (size_t i = 0; i < V->n && !V->nomem; i++) {
		const argraph_node *n = vnode(V, i);
		if (n->kind != r->node)
			continue;
		int found = 0;
		for (size_t j = 0; j < n->out.len && !found; j++)
			if (vedge(V, n->out.items[j])->kind == r->edge)
				found = 1;
		const char *flag = iattr ? argraph_node__attr_interned(n, iattr) : NULL;
		if (found || (flag && strcmp(flag, r->value) == 0))
			continue;
		put_node(&b, n);
		strbuf_printf(&b, "has no '%s' edge and is not marked %s=",
			argraph_edge_kind_name(r->edge), r->attr);
		put_value(&b, r->value);
		emit(V, r->sev, "graph.citation.unresolved", argraph_node_get_prov(n), &b);
	}
	strbuf_release(&b);
}

/* Tarjan's work arrays, and the components it finds. */
typedef struct scc {
	size_t *index, *low; /* discovery order and low-link; UNSEEN if unvisited */
	size_t *comp;        /* component number of each node */
	unsigned char *on_stack;
	size_t *stack;       /* Tarjan's node stack */
	size_t *call_v, *call_pos; /* the explicit call stack: node, next adjacency slot */
	size_t ncomp;
} scc;

#define UNSEEN SIZE_MAX

static size_t edge_target_of_kind(const vstate *V, size_t edge, argraph_edge_kind k)
{
	const argraph_edge *e = vedge(V, edge);
	return e->kind == k ? e->target : UNSEEN;
}

/* Visit node v, which no `k` edge leaves: it is a component of its own,
 * finished at once, as the search would find it after walking its edges
 * for nothing (and its low-link, its own new index, changes no other). Most
 * nodes are such for any one kind: the search then walks the edges of
 * the few others only (causes: 1,700 documents' cycle search took a
 * fifth of validating). */
static void visit_leaf(scc *t, size_t v, size_t *counter)
{
	t->index[v] = t->low[v] = (*counter)++;
	t->comp[v] = t->ncomp++;
}

static void tarjan(const vstate *V, argraph_edge_kind k, scc *t)
{
	size_t counter = 0, sp = 0, cp = 0;
	for (size_t v = 0; v < V->n; v++)
		t->index[v] = UNSEEN;
	for (size_t root = 0; root < V->n; root++) {
		if (t->index[root] != UNSEEN)
			continue;
		if (!argraph_graph__has_out_kind(vnode(V, root), k)) {
			visit_leaf(t, root, &counter);
			continue;
		}
		t->index[root] = t->low[root] = counter++;
		t->stack[sp++] = root;
		t->on_stack[root] = 1;
		t->call_v[cp] = root;
		t->call_pos[cp++] = 0;
		while (cp) {
			size_t v = t->call_v[cp - 1];
			const idxlist *out = &vnode(V, v)->out;
			if (t->call_pos[cp - 1] < out->len) {
				size_t w = edge_target_of_kind(V, out->items[t->call_pos[cp - 1]++], k);
				if (w == UNSEEN)
					continue;
				if (t->index[w] == UNSEEN && !argraph_graph__has_out_kind(vnode(V, w), k)) {
					visit_leaf(t, w, &counter);
				} else if (t->index[w] == UNSEEN) {
					t->index[w] = t->low[w] = counter++;
					t->stack[sp++] = w;
					t->on_stack[w] = 1;
					t->call_v[cp] = w;
					t->call_pos[cp++] = 0;
				} else if (t->on_stack[w] && t->index[w] < t->low[v]) {
					t->low[v] = t->index[w];
				}
				continue;
			}
			cp--;
			if (t->low[v] == t->index[v]) {
				size_t w;
				do {
					w = t->stack[--sp];
					t->on_stack[w] = 0;
					t->comp[w] = t->ncomp;
				} while (w != v);
				t->ncomp++;
			}
			if (cp) {
				size_t u = t->call_v[cp - 1];
				if (t->low[v] < t->low[u])
					t->low[u] = t->low[v];
			}
		}
	}
}

/*
 * Shortest cycle through `start` inside its component, by BFS over `k`
 * edges. Writes the path start, ..., last into `path` (the closing edge goes
 * last -> start) and returns its length. `parent` and `queue` are n-sized
 * scratch arrays; `parent` must be UNSEEN everywhere on entry and is left so.
 */
static size_t shortest_cycle(const vstate *V, argraph_edge_kind k, const scc *t,
	size_t start, size_t *parent, size_t *queue, size_t *path)
{
	size_t head = 0, tail = 0, last = UNSEEN;
	queue[tail++] = start;
	parent[start] = start;
	while (head < tail && last == UNSEEN) {
		size_t u = queue[head++];
		const idxlist *out = &vnode(V, u)->out;
		for (size_t j = 0; j < out->len; j++) {
			size_t w = edge_target_of_kind(V, out->items[j], k);
			if (w == UNSEEN || t->comp[w] != t->comp[start])
				continue;
			if (w == start) {
				last = u;
				break;
			}
			if (parent[w] == UNSEEN) {
				parent[w] = u;
				queue[tail++] = w;
			}
		}
	}
	size_t len = 0;
	for (size_t v = last; v != UNSEEN; v = v == start ? UNSEEN : parent[v])
		path[len++] = v;
	for (size_t i = 0; i < len / 2; i++) {
		size_t tmp = path[i];
		path[i] = path[len - 1 - i];
		path[len - 1 - i] = tmp;
	}
	for (size_t i = 0; i < tail; i++)
		parent[queue[i]] = UNSEEN;
	return len;
}

static int has_self_loop(const vstate *V, argraph_edge_kind k, size_t v)
{
	if (!argraph_graph__has_out_kind(vnode(V, v), k))
		return 0;
	const idxlist *out = &vnode(V, v)->out;
	for (size_t j = 0; j < out->len; j++)
		if (edge_target_of_kind(V, out->items[j], k) == v)
			return 1;
	return 0;
}

static void check_acyclic(vstate *V, const graph_rule *r)
{
	size_t n = V->n;
	scc t = {0};
	size_t *csize = NULL, *members_off = NULL, *members = NULL, *fill = NULL;
	size_t *parent = NULL, *queue = NULL, *path = NULL;
	unsigned char *done = NULL;
	strbuf b = {0};
	if (n == 0)
		return;
	t.index = malloc(n * sizeof(size_t));
	t.low = malloc(n * sizeof(size_t));
	t.comp = malloc(n * sizeof(size_t));
	t.on_stack = calloc(n, 1);
	t.stack = malloc(n * sizeof(size_t));
	t.call_v = malloc(n * sizeof(size_t));
	t.call_pos = malloc(n * sizeof(size_t));
	if (!t.index || !t.low || !t.comp || !t.on_stack || !t.stack || !t.call_v || !t.call_pos)
		goto nomem;
	tarjan(V, r->edge, &t);

	/* Members of each component in node index order (counting sort). */
	csize = calloc(t.ncomp, sizeof(size_t));
	members_off = calloc(t.ncomp + 1, sizeof(size_t));
	members = malloc(n * sizeof(size_t));
	fill = malloc((t.ncomp + 1) * sizeof(size_t));
	done = calloc(t.ncomp, 1);
	parent = malloc(n * sizeof(size_t));
	queue = malloc(n * sizeof(size_t));
	path = malloc(n * sizeof(size_t));
	if (!csize || !members_off || !members || !fill || !done || !parent || !queue || !path)
		goto nomem;
	for (size_t v = 0; v < n; v++)
		csize[t.comp[v]]++;
	for (size_t c = 0; c < t.ncomp; c++)
		members_off[c + 1] = members_off[c] + csize[c];
	memcpy(fill, members_off, (t.ncomp + 1) * sizeof(size_t));
	for (size_t v = 0; v < n; v++)
		members[fill[t.comp[v]]++] = v;
	for (size_t v = 0; v < n; v++)
		parent[v] = UNSEEN;

	/* Report components in order of their first node. */
	const char *ek = argraph_edge_kind_name(r->edge);
	for (size_t v = 0; v < n && !V->nomem; v++) {
		size_t c = t.comp[v];
		if (done[c])
			continue;
		done[c] = 1;
		if (csize[c] == 1 && !has_self_loop(V, r->edge, v))
			continue;
		size_t len = shortest_cycle(V, r->edge, &t, v, parent, queue, path);
		const argraph_node *first = argraph_graph_node_at(V->g, v);
		put_node(&b, first);
		strbuf_printf(&b, "'%s' edges form a cycle: ", ek);
		for (size_t i = 0; i < len; i++) {
			if (i == MAX_SHOWN_IDS && len > MAX_SHOWN_IDS + 1) {
				strbuf_printf(&b, "... (%zu more) -> ", len - MAX_SHOWN_IDS - 1);
				i = len - 1;
			}
			strbuf_printf(&b, "%s -> ",
				argraph_node_get_id(argraph_graph_node_at(V->g, path[i])));
		}
		strbuf_puts(&b, argraph_node_get_id(first));
		if (csize[c] > len) {
			strbuf_printf(&b, " (one of the cycles among %zu nodes: ", csize[c]);
			for (size_t i = 0; i < csize[c]; i++) {
				if (i == MAX_SHOWN_IDS) {
					strbuf_printf(&b, ", ... %zu more", csize[c] - i);
					break;
				}
				strbuf_printf(&b, "%s%s", i ? ", " : "", argraph_node_get_id(
					argraph_graph_node_at(V->g, members[members_off[c] + i])));
			}
			strbuf_putc(&b, ')');
		}
		emit(V, r->sev, "graph.cycle", argraph_node_get_prov(first), &b);
	}
	goto done;
nomem:
	V->nomem = 1;
done:
	free(t.index);
	free(t.low);
	free(t.comp);
	free(t.on_stack);
	free(t.stack);
	free(t.call_v);
	free(t.call_pos);
	free(csize);
	free(members_off);
	free(members);
	free(fill);
	free(done);
	free(parent);
	free(queue);
	free(path);
	strbuf_release(&b);
}

/* ---- entry point ---- */

argraph_status argraph_graph_validate(const argraph_graph *g,
	const argraph_graph_schema *s, argraph_diags *diags,
	size_t *out_errors, size_t *out_warnings)
{
	argraph_status st = ARGRAPH_OK;
	vstate V = {0};
	if (out_errors)
		*out_errors = 0;
	if (out_warnings)
		*out_warnings = 0;
	if (!g || !s)
		return ARGRAPH_EINVALID;
	V.g = g;
	V.s = s;
	V.diags = diags;
	V.n = argraph_graph_node_count(g);
	V.m = argraph_graph_edge_count(g);
	if (resolve_names(&V) < 0) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	check_kinds(&V);
	check_ends(&V);
	check_node_attrs(&V);
	check_edge_attrs(&V);
	check_cards(&V);
	for (size_t i = 0; i < s->nrules && !V.nomem; i++) {
		if (s->rules[i].kind == RULE_ACYCLIC)
			check_acyclic(&V, &s->rules[i]);
		else
			check_resolves(&V, &s->rules[i]);
	}
	if (V.nomem)
		st = ARGRAPH_ENOMEM;
done:
	free(V.names);
	free(V.values);
	if (out_errors)
		*out_errors = V.errors;
	if (out_warnings)
		*out_warnings = V.warnings;
	return st;
}
