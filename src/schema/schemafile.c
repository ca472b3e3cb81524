/* SPDX-License-Identifier: MIT */
/*
 * schemafile.c — loading a graph schema file (format: docs/graph-schema.md).
 *
 * Three stages, each stopping the load when it finds errors:
 *  1. Parse the XML safely: no network, no entity loading or expansion
 *     (XML_PARSE_NONET only), and refuse any document whose DOCTYPE declares
 *     entities (TECHNOTES §1.2: libxml2 would expand them lazily later).
 *  2. Validate against the schema-of-schema (argraph-graph-schema.rng), with
 *     libxml2's per-context RELAX NG error handlers.
 *  3. Build the rules, checking what a grammar cannot: kind names against the
 *     kind table (src/graph/kinds.c), value types, min <= max, duplicates,
 *     references to undeclared kinds. Stage 3 also rejects unknown elements
 *     and attributes itself, so a caller that skips stage 2 is still safe.
 * Every problem is a diagnostic at the schema file's line (or the grammar
 * file's, for a broken grammar).
 *
 * The XML is read and parsed by src/tei/xmlparse.c, the project's one
 * bridge to the libxml2 parser (safe settings, error translation, exact
 * lines); this file only drives RELAX NG, through the same error bridge.
 */
#include "argraph/schema.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "../tei/xmlparse.h"
#include "../util/strbuf.h"
#include "schema_internal.h"

#define MAX_SCHEMA_BYTES (16u * 1024 * 1024)
#define NS ARGRAPH_GRAPH_SCHEMA_NS

/* Lines of elements: exact, even past 65535 (the parser's SAX hook). */
static unsigned line_of(const xmlNode *n)
{
	return argraph_xml__line(n);
}

/*
 * Parse `buf` as the file `name`: src/tei/xmlparse.c, with its safe
 * settings, its refusal of entity declarations ("graph-schema.entity") and
 * its limits; every XML error gets `code`. On success *out is a
 * well-formed document that declares no entities. *Errors:* ARGRAPH_EPARSE,
 * ARGRAPH_ETOOBIG, ARGRAPH_ENOMEM; each with diagnostics.
 */
static argraph_status safe_parse(xmlDocPtr *out, const char *buf, size_t len,
	const char *name, const char *code, argraph_diags *diags)
{
	*out = NULL;
	if (len > MAX_SCHEMA_BYTES) {
		argraph_pos pos = {name, 0, 0, NULL};
		if (argraph_diags_add(diags, ARGRAPH_SEV_ERROR, code, &pos,
				"file is %zu bytes, over the limit of %u bytes", len,
				MAX_SCHEMA_BYTES) != ARGRAPH_OK)
			return ARGRAPH_ENOMEM;
		return ARGRAPH_ETOOBIG;
	}
	return argraph_xml__parse(out, buf, len, name, "graph-schema", code, diags);
}

/* Stage 2: validate `doc` (the file `name`) against the grammar at rng_path. */
static argraph_status check_grammar(xmlDocPtr doc, const char *name,
	const char *rng_path, argraph_diags *diags)
{
	argraph_status st = ARGRAPH_OK;
	char *rbuf = NULL;
	size_t rlen = 0;
	xmlDocPtr rdoc = NULL;
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGPtr rng = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	xml_error_sink ges = {diags, rng_path, NULL, "graph-schema.grammar", 0, 0, 0};
	xml_error_sink ves = {diags, name, NULL, "graph-schema.rng", 0, 0, 0};
	argraph_pos rpos = {rng_path, 0, 0, NULL};

	/* The grammar is parsed as carefully as the schema, then compiled from
	 * the tree, so libxml2 never opens a file or URL on its own. */
	if ((st = argraph_xml__slurp(rng_path, MAX_SCHEMA_BYTES, "graph-schema.grammar",
			&rbuf, &rlen, diags)) < 0)
		goto done;
	if ((st = safe_parse(&rdoc, rbuf, rlen, rng_path, "graph-schema.grammar", diags)) < 0) {
		if (st == ARGRAPH_EPARSE || st == ARGRAPH_ETOOBIG)
			st = ARGRAPH_EINVALID;
		goto done;
	}
	if (!(pctxt = xmlRelaxNGNewDocParserCtxt(rdoc))) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, argraph_xml__error, &ges);
	rng = xmlRelaxNGParse(pctxt);
	if (ges.nomem) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	if (!rng) {
		st = ARGRAPH_EINVALID;
		if (ges.count == 0 && argraph_diags_add(diags, ARGRAPH_SEV_ERROR,
				"graph-schema.grammar", &rpos,
				"not a usable RELAX NG grammar") != ARGRAPH_OK)
			st = ARGRAPH_ENOMEM;
		goto done;
	}
	if (!(vctxt = xmlRelaxNGNewValidCtxt(rng))) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, argraph_xml__error, &ves);
	int rc = xmlRelaxNGValidateDoc(vctxt, doc);
	if (ves.nomem) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	if (rc != 0) {
		st = ARGRAPH_EINVALID;
		argraph_pos pos = {name, 0, 0, NULL};
		if (ves.count == 0 && argraph_diags_add(diags, ARGRAPH_SEV_ERROR,
				"graph-schema.rng", &pos, "does not match the grammar %s%s",
				rng_path, rc < 0 ? " (validator failed)" : "") != ARGRAPH_OK)
			st = ARGRAPH_ENOMEM;
	}
done:
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pctxt);
	xmlFreeDoc(rdoc);
	free(rbuf);
	return st;
}

/* ---- stage 3: building the rules ---- */

typedef struct loader {
	argraph_graph_schema *s;
	argraph_diags *diags;
	const char *file;
	size_t errors;
	int nomem;
	/* Pass 1 results: what the file declares, so references can be checked
	 * in document order whatever the order of declarations. */
	unsigned decl_nodes;                         /* bit per node kind */
	unsigned decl_edges;                         /* bit per edge kind */
	unsigned decl_from[ARGRAPH_EDGE__COUNT];     /* first <edge> of each kind */
	unsigned decl_to[ARGRAPH_EDGE__COUNT];
} loader;

_Static_assert(ARGRAPH_EDGE__COUNT <= 32, "edge kind masks are 32-bit");

static void lerr(loader *L, xmlNodePtr at, const char *code, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void lerr(loader *L, xmlNodePtr at, const char *code, const char *fmt, ...)
{
	strbuf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	argraph_pos pos = {L->file, line_of(at), 0, NULL};
	L->errors++;
	if (msg.failed || argraph_diags_add(L->diags, ARGRAPH_SEV_ERROR, code, &pos,
				"%s", strbuf_cstr(&msg)) != ARGRAPH_OK)
		L->nomem = 1;
	strbuf_release(&msg);
}

static int is_ours(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href
		&& strcmp((const char *)n->ns->href, NS) == 0
		&& (!name || strcmp((const char *)n->name, name) == 0);
}

static int is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Attribute value copied into the schema's arena, or NULL if absent. */
static const char *get_attr(loader *L, xmlNodePtr el, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *r = arena_strdup(&L->s->mem, (const char *)v);
	xmlFree(v);
	if (!r)
		L->nomem = 1;
	return r;
}

static const char *need_attr(loader *L, xmlNodePtr el, const char *name)
{
	const char *v = get_attr(L, el, name);
	if (!v && !L->nomem)
		lerr(L, el, "graph-schema.attribute", "<%s> needs a '%s' attribute",
			(const char *)el->name, name);
	return v;
}

/* Reject attributes the format does not define (the grammar does it too). */
static void check_attr_names(loader *L, xmlNodePtr el, const char *const *allowed)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		int ok = 0;
		for (size_t i = 0; !a->ns && allowed[i]; i++)
			if (strcmp((const char *)a->name, allowed[i]) == 0)
				ok = 1;
		if (!ok)
			lerr(L, el, "graph-schema.attribute", "<%s> has no attribute '%s'",
				(const char *)el->name, (const char *)a->name);
	}
}

/*
 * Step to the next child element, reporting non-blank text and foreign or
 * entity nodes on the way. Comments and processing instructions are skipped.
 */
static xmlNodePtr next_element(loader *L, xmlNodePtr parent, xmlNodePtr n)
{
	for (; n; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			return n;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE: {
			const char *t = (const char *)n->content;
			while (t && *t && is_xml_space(*t))
				t++;
			if (t && *t)
				lerr(L, n, "graph-schema.element", "unexpected text in <%s>",
					(const char *)parent->name);
			break;
		}
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
			break;
		default:
			lerr(L, n, "graph-schema.element", "unexpected content in <%s>",
				(const char *)parent->name);
			break;
		}
	}
	return NULL;
}

#define EACH_CHILD(L, parent, c) \
	for (xmlNodePtr c = next_element(L, parent, (parent)->children); c; \
	     c = next_element(L, parent, c->next))

static int is_blank(const char *s)
{
	while (is_xml_space(*s))
		s++;
	return *s == '\0';
}

/* A decimal integer with optional surrounding XML whitespace (as xsd:long). */
static int parse_ll(const char *s, long long *out)
{
	char *end;
	while (is_xml_space(*s))
		s++;
	if (*s != '-' && *s != '+' && (*s < '0' || *s > '9'))
		return -1;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || !is_blank(end))
		return -1;
	*out = v;
	return 0;
}

static void get_severity(loader *L, xmlNodePtr el, argraph_severity *sev)
{
	*sev = ARGRAPH_SEV_ERROR;
	const char *v = get_attr(L, el, "severity");
	if (!v)
		return;
	if (strcmp(v, "warning") == 0)
		*sev = ARGRAPH_SEV_WARNING;
	else if (strcmp(v, "error") != 0)
		lerr(L, el, "graph-schema.value",
			"severity '%s' is neither 'error' nor 'warning'", v);
}

static void get_bool(loader *L, xmlNodePtr el, const char *name, int *out)
{
	*out = 0;
	const char *v = get_attr(L, el, name);
	if (!v)
		return;
	if (strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "false") != 0)
		lerr(L, el, "graph-schema.value",
			"%s='%s' is neither 'true' nor 'false'", name, v);
}

/* Known names, for "unknown kind" messages. */
static void list_node_kinds(strbuf *b)
{
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++)
		strbuf_printf(b, "%s%s", k > 1 ? ", " : "",
			argraph_node_kind_name((argraph_node_kind)k));
}

static void list_edge_kinds(strbuf *b)
{
	for (int k = 1; k < ARGRAPH_EDGE__COUNT; k++)
		strbuf_printf(b, "%s%s", k > 1 ? ", " : "",
			argraph_edge_kind_name((argraph_edge_kind)k));
}

static argraph_node_kind node_kind_ref(loader *L, xmlNodePtr el, const char *name)
{
	argraph_node_kind k = argraph_node_kind_from_name(name);
	if (k == ARGRAPH_NODE_NONE) {
		strbuf known = {0};
		list_node_kinds(&known);
		lerr(L, el, "graph-schema.kind", "unknown node kind '%s' (known: %s)",
			name, strbuf_cstr(&known));
		strbuf_release(&known);
	}
	return k;
}

static argraph_edge_kind edge_kind_ref(loader *L, xmlNodePtr el, const char *name)
{
	argraph_edge_kind k = argraph_edge_kind_from_name(name);
	if (k == ARGRAPH_EDGE_NONE) {
		strbuf known = {0};
		list_edge_kinds(&known);
		lerr(L, el, "graph-schema.kind", "unknown edge kind '%s' (known: %s)",
			name, strbuf_cstr(&known));
		strbuf_release(&known);
	}
	return k;
}

/* A node kind used by a rule must be declared by a <node> element. */
static void need_declared_node(loader *L, xmlNodePtr el, argraph_node_kind k)
{
	if (k != ARGRAPH_NODE_NONE && !(L->decl_nodes & (1u << k)))
		lerr(L, el, "graph-schema.kind",
			"node kind '%s' is used here but not declared by a <node> element",
			argraph_node_kind_name(k));
}

static void need_declared_edge(loader *L, xmlNodePtr el, argraph_edge_kind k)
{
	if (k != ARGRAPH_EDGE_NONE && !(L->decl_edges & (1u << k)))
		lerr(L, el, "graph-schema.kind",
			"edge kind '%s' is used here but not declared by an <edge> element",
			argraph_edge_kind_name(k));
}

/*
 * Parse a space-separated list of node kinds into a mask. With `report`
 * unset (pass 1) unknown names are skipped silently.
 */
static unsigned kind_list(loader *L, xmlNodePtr el, const char *attr, const char *list,
	int report)
{
	unsigned mask = 0;
	const char *p = list;
	while (*p) {
		while (is_xml_space(*p))
			p++;
		const char *q = p;
		while (*q && !is_xml_space(*q))
			q++;
		if (q > p) {
			char name[64];
			size_t n = (size_t)(q - p);
			argraph_node_kind k = ARGRAPH_NODE_NONE;
			if (n < sizeof name) {
				memcpy(name, p, n);
				name[n] = '\0';
				k = report ? node_kind_ref(L, el, name)
					   : argraph_node_kind_from_name(name);
			} else if (report) {
				lerr(L, el, "graph-schema.kind", "unknown node kind '%.*s…' in %s",
					40, p, attr);
			}
			if (k != ARGRAPH_NODE_NONE) {
				if (report)
					need_declared_node(L, el, k);
				mask |= 1u << k;
			}
		}
		p = q;
	}
	if (report && is_blank(list))
		lerr(L, el, "graph-schema.attribute", "%s must name at least one node kind", attr);
	return mask;
}

static void mask_names(strbuf *b, unsigned mask)
{
	int first = 1;
	for (int k = 1; k < ARGRAPH_NODE__COUNT; k++) {
		if (mask & (1u << k)) {
			strbuf_printf(b, "%s%s", first ? "" : " ",
				argraph_node_kind_name((argraph_node_kind)k));
			first = 0;
		}
	}
}

static const char *const type_names[] = {
	[ATTR_STRING] = "string", [ATTR_INTEGER] = "integer", [ATTR_YEAR] = "year",
	[ATTR_ENUM] = "enum", [ATTR_IDREF] = "idref",
};

static size_t count_children(xmlNodePtr el, const char *a, const char *b)
{
	size_t n = 0;
	for (xmlNodePtr c = el->children; c; c = c->next)
		if (is_ours(c, a) || (b && is_ours(c, b)))
			n++;
	return n;
}

/* Text of a <value>: plain text and CDATA only (no entity references). */
static const char *value_text(loader *L, xmlNodePtr el)
{
	strbuf b = {0};
	for (xmlNodePtr c = el->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			strbuf_puts(&b, c->content ? (const char *)c->content : "");
		else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE)
			lerr(L, c, "graph-schema.element", "<value> holds text only");
	}
	const char *r = arena_strdup(&L->s->mem, strbuf_cstr(&b));
	if (b.failed || !r)
		L->nomem = 1;
	strbuf_release(&b);
	return r;
}

/* <attribute name type required? min? max? ref-kind? severity?> value* */
static void load_attr_rule(loader *L, xmlNodePtr el, attr_rule *r,
	const attr_rule *earlier, size_t nearlier)
{
	static const char *const allowed[] = {"name", "type", "required", "min", "max",
		"ref-kind", "severity", NULL};
	check_attr_names(L, el, allowed);
	r->line = line_of(el);
	r->name = need_attr(L, el, "name");
	const char *type = need_attr(L, el, "type");
	get_bool(L, el, "required", &r->required);
	get_severity(L, el, &r->sev);
	if (r->name) {
		for (size_t i = 0; i < nearlier; i++)
			if (earlier[i].name && strcmp(earlier[i].name, r->name) == 0)
				lerr(L, el, "graph-schema.duplicate",
					"attribute '%s' is already declared at line %u",
					r->name, earlier[i].line);
	}
	int known = 0;
	if (type) {
		for (size_t t = 0; t < sizeof type_names / sizeof type_names[0]; t++) {
			if (strcmp(type, type_names[t]) == 0) {
				r->type = (attr_type)t;
				known = 1;
			}
		}
		if (!known)
			lerr(L, el, "graph-schema.type",
				"unknown value type '%s' (known: string, integer, year, enum, idref)",
				type);
	}

	const char *min = get_attr(L, el, "min"), *max = get_attr(L, el, "max");
	if ((min || max) && known && r->type != ATTR_INTEGER)
		lerr(L, el, "graph-schema.type", "min and max apply only to type 'integer'");
	if (min) {
		if (parse_ll(min, &r->min) < 0)
			lerr(L, el, "graph-schema.number", "min='%s' is not an integer", min);
		else
			r->has_min = 1;
	}
	if (max) {
		if (parse_ll(max, &r->max) < 0)
			lerr(L, el, "graph-schema.number", "max='%s' is not an integer", max);
		else
			r->has_max = 1;
	}
	if (r->has_min && r->has_max && r->min > r->max)
		lerr(L, el, "graph-schema.range", "min %lld is greater than max %lld",
			r->min, r->max);

	const char *ref = get_attr(L, el, "ref-kind");
	if (ref) {
		if (known && r->type != ATTR_IDREF)
			lerr(L, el, "graph-schema.type", "ref-kind applies only to type 'idref'");
		r->ref_kind = node_kind_ref(L, el, ref);
		need_declared_node(L, el, r->ref_kind);
	}

	size_t nvalues = count_children(el, "value", NULL);
	if (known && r->type == ATTR_ENUM && nvalues == 0)
		lerr(L, el, "graph-schema.type", "type 'enum' needs at least one <value>");
	if (known && r->type != ATTR_ENUM && nvalues > 0)
		lerr(L, el, "graph-schema.type", "<value> applies only to type 'enum'");
	if (nvalues) {
		r->values = arena_alloc(&L->s->mem, nvalues * sizeof *r->values);
		if (!r->values) {
			L->nomem = 1;
			return;
		}
	}
	EACH_CHILD(L, el, c) {
		if (!is_ours(c, "value")) {
			lerr(L, c, "graph-schema.element", "unexpected element <%s> in <attribute>",
				(const char *)c->name);
			continue;
		}
		static const char *const none[] = {NULL};
		check_attr_names(L, c, none);
		const char *v = value_text(L, c);
		if (!v)
			return;
		for (size_t i = 0; i < r->nvalues; i++)
			if (strcmp(r->values[i], v) == 0)
				lerr(L, c, "graph-schema.duplicate", "value '%s' is listed twice", v);
		r->values[r->nvalues++] = v;
	}
}

/* <out|in edge min? max? severity?/> inside <node kind=K>. */
static void load_card_rule(loader *L, xmlNodePtr el, argraph_node_kind nk, card_rule *r)
{
	static const char *const allowed[] = {"edge", "min", "max", "severity", NULL};
	check_attr_names(L, el, allowed);
	r->line = line_of(el);
	r->outgoing = strcmp((const char *)el->name, "out") == 0;
	r->max = SIZE_MAX;
	get_severity(L, el, &r->sev);
	const char *edge = need_attr(L, el, "edge");
	if (edge) {
		r->edge = edge_kind_ref(L, el, edge);
		need_declared_edge(L, el, r->edge);
	}
	const char *min = get_attr(L, el, "min"), *max = get_attr(L, el, "max");
	long long v;
	int has_max = 0;
	if (min) {
		if (parse_ll(min, &v) < 0 || v < 0)
			lerr(L, el, "graph-schema.number", "min='%s' is not a count (0, 1, 2, …)", min);
		else
			r->min = (size_t)v;
	}
	if (max) {
		if (parse_ll(max, &v) < 0 || v < 0)
			lerr(L, el, "graph-schema.number", "max='%s' is not a count (0, 1, 2, …)", max);
		else {
			r->max = (size_t)v;
			has_max = 1;
		}
	}
	if (has_max && r->min > r->max)
		lerr(L, el, "graph-schema.range", "min %zu is greater than max %zu", r->min, r->max);
	if (!min && !max)
		lerr(L, el, "graph-schema.attribute", "<%s> needs 'min' or 'max'",
			(const char *)el->name);
	/* A node kind that can never be at this end makes the rule meaningless
	 * (and min >= 1 impossible to meet). */
	if (r->edge != ARGRAPH_EDGE_NONE && (L->decl_edges & (1u << r->edge)) && nk) {
		unsigned mask = r->outgoing ? L->decl_from[r->edge] : L->decl_to[r->edge];
		if (!(mask & (1u << nk))) {
			strbuf names = {0};
			mask_names(&names, mask);
			lerr(L, el, "graph-schema.ends",
				"%s nodes cannot be the %s of '%s' edges (%s=\"%s\")",
				argraph_node_kind_name(nk), r->outgoing ? "source" : "target",
				argraph_edge_kind_name(r->edge), r->outgoing ? "from" : "to",
				strbuf_cstr(&names));
			strbuf_release(&names);
		}
	}
	EACH_CHILD(L, el, c)
		lerr(L, c, "graph-schema.element", "<%s> takes no child elements",
			(const char *)el->name);
}

static void load_label_rule(loader *L, xmlNodePtr el, node_rule *nr, xmlNodePtr *seen)
{
	static const char *const allowed[] = {"required", "lang", "severity", NULL};
	check_attr_names(L, el, allowed);
	if (*seen)
		lerr(L, el, "graph-schema.duplicate", "<label> is already given at line %u",
			line_of(*seen));
	*seen = el;
	get_bool(L, el, "required", &nr->label_required);
	get_severity(L, el, &nr->label_sev);
	nr->label_lang = get_attr(L, el, "lang");
	EACH_CHILD(L, el, c)
		lerr(L, c, "graph-schema.element", "<label> takes no child elements");
}

static void load_node(loader *L, xmlNodePtr el)
{
	static const char *const allowed[] = {"kind", "closed", NULL};
	argraph_graph_schema *s = L->s;
	check_attr_names(L, el, allowed);
	const char *kind = need_attr(L, el, "kind");
	if (!kind)
		return;
	argraph_node_kind k = node_kind_ref(L, el, kind);
	if (k == ARGRAPH_NODE_NONE)
		return;
	node_rule *nr = &s->nodes[k];
	if (nr->declared) {
		lerr(L, el, "graph-schema.duplicate", "node kind '%s' is already declared at line %u",
			kind, nr->line);
		return;
	}
	nr->declared = 1;
	nr->line = line_of(el);
	s->node_order[s->nnode_kinds++] = k;
	get_bool(L, el, "closed", &nr->closed);

	size_t na = count_children(el, "attribute", NULL);
	size_t nc = count_children(el, "out", "in");
	if ((na && !(nr->attrs = arena_alloc(&s->mem, na * sizeof *nr->attrs)))
	    || (nc && !(nr->cards = arena_alloc(&s->mem, nc * sizeof *nr->cards)))) {
		L->nomem = 1;
		return;
	}
	xmlNodePtr label_seen = NULL;
	EACH_CHILD(L, el, c) {
		if (L->nomem)
			return;
		if (is_ours(c, "attribute")) {
			load_attr_rule(L, c, &nr->attrs[nr->nattrs], nr->attrs, nr->nattrs);
			nr->nattrs++;
		} else if (is_ours(c, "out") || is_ours(c, "in")) {
			load_card_rule(L, c, k, &nr->cards[nr->ncards++]);
		} else if (is_ours(c, "label")) {
			load_label_rule(L, c, nr, &label_seen);
		} else {
			lerr(L, c, "graph-schema.element", "unexpected element <%s> in <node>",
				(const char *)c->name);
		}
	}
}

static void load_edge(loader *L, xmlNodePtr el)
{
	static const char *const allowed[] = {"kind", "from", "to", "closed", "severity", NULL};
	argraph_graph_schema *s = L->s;
	check_attr_names(L, el, allowed);
	const char *kind = need_attr(L, el, "kind");
	const char *from = need_attr(L, el, "from");
	const char *to = need_attr(L, el, "to");
	if (!kind)
		return;
	argraph_edge_kind k = edge_kind_ref(L, el, kind);
	if (k == ARGRAPH_EDGE_NONE)
		return;
	edge_rule *er = &s->edges[k];
	if (er->declared) {
		lerr(L, el, "graph-schema.duplicate", "edge kind '%s' is already declared at line %u",
			kind, er->line);
		return;
	}
	er->declared = 1;
	er->line = line_of(el);
	s->edge_order[s->nedge_kinds++] = k;
	get_bool(L, el, "closed", &er->closed);
	get_severity(L, el, &er->sev);
	if (from)
		er->from_mask = kind_list(L, el, "from", from, 1);
	if (to)
		er->to_mask = kind_list(L, el, "to", to, 1);
	size_t na = count_children(el, "attribute", NULL);
	if (na && !(er->attrs = arena_alloc(&s->mem, na * sizeof *er->attrs))) {
		L->nomem = 1;
		return;
	}
	EACH_CHILD(L, el, c) {
		if (L->nomem)
			return;
		if (is_ours(c, "attribute")) {
			load_attr_rule(L, c, &er->attrs[er->nattrs], er->attrs, er->nattrs);
			er->nattrs++;
		} else {
			lerr(L, c, "graph-schema.element", "unexpected element <%s> in <edge>",
				(const char *)c->name);
		}
	}
}

static void load_acyclic(loader *L, xmlNodePtr el, graph_rule *r)
{
	static const char *const allowed[] = {"edge", "severity", NULL};
	check_attr_names(L, el, allowed);
	r->kind = RULE_ACYCLIC;
	r->line = line_of(el);
	get_severity(L, el, &r->sev);
	const char *edge = need_attr(L, el, "edge");
	if (edge) {
		r->edge = edge_kind_ref(L, el, edge);
		need_declared_edge(L, el, r->edge);
	}
	EACH_CHILD(L, el, c)
		lerr(L, c, "graph-schema.element", "<acyclic> takes no child elements");
}

static void load_resolves(loader *L, xmlNodePtr el, graph_rule *r)
{
	static const char *const allowed[] = {"node", "edge", "dangling-attribute",
		"dangling-value", "severity", NULL};
	check_attr_names(L, el, allowed);
	r->kind = RULE_RESOLVES;
	r->line = line_of(el);
	get_severity(L, el, &r->sev);
	const char *node = need_attr(L, el, "node");
	const char *edge = need_attr(L, el, "edge");
	r->attr = need_attr(L, el, "dangling-attribute");
	r->value = need_attr(L, el, "dangling-value");
	if (node) {
		r->node = node_kind_ref(L, el, node);
		need_declared_node(L, el, r->node);
	}
	if (edge) {
		r->edge = edge_kind_ref(L, el, edge);
		need_declared_edge(L, el, r->edge);
	}
	if (r->node && r->edge && (L->decl_edges & (1u << r->edge))
	    && !(L->decl_from[r->edge] & (1u << r->node)))
		lerr(L, el, "graph-schema.ends", "%s nodes cannot be the source of '%s' edges",
			argraph_node_kind_name(r->node), argraph_edge_kind_name(r->edge));
	EACH_CHILD(L, el, c)
		lerr(L, c, "graph-schema.element", "<resolves> takes no child elements");
}

/* Pass 1: which kinds the file declares, and each edge kind's ends. */
static void scan_declarations(loader *L, xmlNodePtr root)
{
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_ours(c, "node")) {
			xmlChar *v = xmlGetNoNsProp(c, (const xmlChar *)"kind");
			argraph_node_kind k = argraph_node_kind_from_name((const char *)v);
			if (k != ARGRAPH_NODE_NONE)
				L->decl_nodes |= 1u << k;
			xmlFree(v);
		} else if (is_ours(c, "edge")) {
			xmlChar *v = xmlGetNoNsProp(c, (const xmlChar *)"kind");
			argraph_edge_kind k = argraph_edge_kind_from_name((const char *)v);
			xmlFree(v);
			if (k == ARGRAPH_EDGE_NONE || (L->decl_edges & (1u << k)))
				continue;
			L->decl_edges |= 1u << k;
			xmlChar *f = xmlGetNoNsProp(c, (const xmlChar *)"from");
			xmlChar *t = xmlGetNoNsProp(c, (const xmlChar *)"to");
			if (f)
				L->decl_from[k] = kind_list(L, c, "from", (const char *)f, 0);
			if (t)
				L->decl_to[k] = kind_list(L, c, "to", (const char *)t, 0);
			xmlFree(f);
			xmlFree(t);
		}
	}
}

static void load_root(loader *L, xmlNodePtr root)
{
	static const char *const allowed[] = {"version", "name", NULL};
	argraph_graph_schema *s = L->s;
	if (!root || !is_ours(root, "graph-schema")) {
		lerr(L, root, "graph-schema.element",
			"the root element must be <graph-schema> in namespace %s", NS);
		return;
	}
	check_attr_names(L, root, allowed);
	const char *name = get_attr(L, root, "name");
	s->name = name ? name : "";
	const char *version = need_attr(L, root, "version");
	long long v = 0;
	if (version) {
		if (parse_ll(version, &v) < 0 || v < 1)
			lerr(L, root, "graph-schema.number", "version='%s' is not a positive integer",
				version);
		else if (v > ARGRAPH_GRAPH_SCHEMA_VERSION)
			lerr(L, root, "graph-schema.version",
				"schema version %lld is newer than this argraph reads (%d)",
				v, ARGRAPH_GRAPH_SCHEMA_VERSION);
		else
			s->version = (unsigned)v;
	}

	scan_declarations(L, root);
	size_t nr = count_children(root, "acyclic", "resolves");
	if (nr && !(s->rules = arena_alloc(&s->mem, nr * sizeof *s->rules))) {
		L->nomem = 1;
		return;
	}
	EACH_CHILD(L, root, c) {
		if (L->nomem)
			return;
		if (is_ours(c, "node"))
			load_node(L, c);
		else if (is_ours(c, "edge"))
			load_edge(L, c);
		else if (is_ours(c, "acyclic"))
			load_acyclic(L, c, &s->rules[s->nrules++]);
		else if (is_ours(c, "resolves"))
			load_resolves(L, c, &s->rules[s->nrules++]);
		else
			lerr(L, c, "graph-schema.element", "unexpected element <%s> in <graph-schema>",
				(const char *)c->name);
	}
}

/* ---- public entry points ---- */

argraph_status argraph_graph_schema_read_mem(argraph_graph_schema **out,
	const char *buf, size_t len, const char *name, const char *rng_path,
	argraph_diags *diags)
{
	argraph_status st = ARGRAPH_OK;
	xmlDocPtr doc = NULL;
	argraph_graph_schema *s = NULL;
	if (!out)
		return ARGRAPH_EINVALID;
	*out = NULL;
	if (!buf && len)
		return ARGRAPH_EINVALID;
	if (!name)
		name = "<memory>";

	if ((st = safe_parse(&doc, buf ? buf : "", len, name, "graph-schema.xml", diags)) < 0)
		goto done;
	if (rng_path && (st = check_grammar(doc, name, rng_path, diags)) < 0)
		goto done;

	if (!(s = calloc(1, sizeof *s))) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	arena_init(&s->mem);
	s->name = "";
	loader L = {0};
	L.s = s;
	L.diags = diags;
	L.file = name;
	load_root(&L, xmlDocGetRootElement(doc));
	if (L.nomem)
		st = ARGRAPH_ENOMEM;
	else if (L.errors)
		st = ARGRAPH_EINVALID;
	else {
		*out = s;
		s = NULL;
	}
done:
	argraph_graph_schema_free(s);
	xmlFreeDoc(doc);
	return st;
}

argraph_status argraph_graph_schema_read_file(argraph_graph_schema **out,
	const char *path, const char *rng_path, argraph_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	if (!out || !path)
		return ARGRAPH_EINVALID;
	*out = NULL;
	argraph_status st = argraph_xml__slurp(path, MAX_SCHEMA_BYTES, "graph-schema.io",
		&buf, &len, diags);
	if (st == ARGRAPH_OK)
		st = argraph_graph_schema_read_mem(out, buf, len, path, rng_path, diags);
	free(buf);
	return st;
}

void argraph_graph_schema_free(argraph_graph_schema *s)
{
	if (!s)
		return;
	arena_release(&s->mem);
	free(s);
}

const char *argraph_graph_schema_get_name(const argraph_graph_schema *s)
{
	return s && s->name ? s->name : "";
}

unsigned argraph_graph_schema_get_version(const argraph_graph_schema *s)
{
	return s ? s->version : 0;
}

size_t argraph_graph_schema_node_kind_count(const argraph_graph_schema *s)
{
	return s ? s->nnode_kinds : 0;
}

argraph_node_kind argraph_graph_schema_node_kind_at(const argraph_graph_schema *s, size_t i)
{
	return s && i < s->nnode_kinds ? s->node_order[i] : ARGRAPH_NODE_NONE;
}

size_t argraph_graph_schema_edge_kind_count(const argraph_graph_schema *s)
{
	return s ? s->nedge_kinds : 0;
}

argraph_edge_kind argraph_graph_schema_edge_kind_at(const argraph_graph_schema *s, size_t i)
{
	return s && i < s->nedge_kinds ? s->edge_order[i] : ARGRAPH_EDGE_NONE;
}

int argraph_graph_schema_edge_allows(const argraph_graph_schema *s,
	argraph_edge_kind e, argraph_node_kind from, argraph_node_kind to)
{
	if (!s || e <= ARGRAPH_EDGE_NONE || e >= ARGRAPH_EDGE__COUNT || !s->edges[e].declared
	    || from <= ARGRAPH_NODE_NONE || from >= ARGRAPH_NODE__COUNT
	    || to <= ARGRAPH_NODE_NONE || to >= ARGRAPH_NODE__COUNT)
		return 0;
	return (s->edges[e].from_mask & (1u << from)) && (s->edges[e].to_mask & (1u << to));
}
