/* SPDX-License-Identifier: MIT */
/* context.c — setting up and releasing the context both extraction passes
 * share (context.h). */
#include "context.h"

#include <stdlib.h>

#define WORD_TEXT(w, s) [w] = s,
const char *const argraph_extract__word_text[W__COUNT] = {ARGRAPH_EXTRACT_WORDS(WORD_TEXT)};

argraph_status argraph_extract__ctx_init(argraph_extract_ctx *x, argraph_graph *g,
	const argraph_doc *doc, const char *doc_key, argraph_diags *diags)
{
	memset(x, 0, sizeof *x);
	x->g = g;
	x->doc = doc;
	x->diags = diags;
	if (!(x->key = argraph_extract__doc_key(doc, doc_key, &x->own_key)))
		return ARGRAPH_ENOMEM;
	return ARGRAPH_OK;
}

void argraph_extract__ctx_release(argraph_extract_ctx *x)
{
	strbuf_release(&x->id);
	argraph_extract__cite_index_free(x->cix);
	free(x->own_key);
	x->cix = NULL;
	x->own_key = NULL;
}

/* How many "<id>.<kind>", "<id>.<kind>2", … are tried when an id is taken
 * by other kinds of node: one is the rule, more take contrived markup. */
#define ID_CLASH_TRIES 8

size_t argraph_extract__node(argraph_extract_ctx *x, argraph_node_kind kind, const char *id,
	size_t len, const argraph_prov *prov)
{
	size_t idx = ARGRAPH_NONE;
	argraph_status st = argraph_graph__add_node_n(x->g, kind, id, len, prov, &idx);
	if (st == ARGRAPH_EINVALID && len) {
		const char *kind_name = argraph_node_kind_name(kind);
		strbuf alt = {0};
		for (unsigned k = 1; st == ARGRAPH_EINVALID && k <= ID_CLASH_TRIES; k++) {
			strbuf_reset(&alt);
			strbuf_append(&alt, id, len);
			strbuf_putc(&alt, '.');
			strbuf_puts(&alt, kind_name);
			if (k > 1)
				strbuf_put_size(&alt, k);
			st = alt.failed ? ARGRAPH_ENOMEM
					: argraph_graph__add_node_n(x->g, kind, alt.data, alt.len, prov, &idx);
		}
		strbuf_release(&alt);
		if (st == ARGRAPH_EINVALID) {
			argraph_pos pos = {prov ? prov->file : NULL, prov ? prov->line : 0, 0,
				prov ? prov->xml_id : NULL};
			argraph_diags_add(x->diags, ARGRAPH_SEV_ERROR, "id.clash", &pos,
				"the id \"%.*s\" and its %d alternatives all name other kinds of node: "
				"no %s node made; rename the xml:id", (int)len, id, ID_CLASH_TRIES, kind_name);
		}
	}
	argraph_extract__check(x, st);
	return st == ARGRAPH_OK ? idx : ARGRAPH_NONE;
}

size_t argraph_extract__node_at_id(argraph_extract_ctx *x, argraph_node_kind kind,
	const argraph_prov *prov)
{
	if (x->id.failed) {
		argraph_extract__check(x, ARGRAPH_ENOMEM);
		return ARGRAPH_NONE;
	}
	return argraph_extract__node(x, kind, strbuf_cstr(&x->id), x->id.len, prov);
}

size_t argraph_extract__category_factor(argraph_extract_ctx *x, const argraph_authority *a,
	const char *file)
{
	argraph_prov p = {file, a->line, a->id, NULL, NULL, 0, 0};
	argraph_extract__local_id(x, a->id);
	size_t f = argraph_extract__node_at_id(x, ARGRAPH_NODE_FACTOR, &p);
	if (f == ARGRAPH_NONE)
		return f;
	for (size_t q = 0; q < a->name_count; q++) {
		const argraph_name *nm = argraph_doc_name_at(x->doc, a->first_name + q);
		if (nm->text && *nm->text
		    && !argraph_node_get_label_exact(argraph_graph_node_at(x->g, f), nm->lang))
			argraph_extract__check(x, argraph_graph_set_label(x->g, f, nm->lang, nm->text));
	}
	argraph_extract__set_attr_unless_empty(x, f, W_TERM, a->id);
	return f;
}

const char *argraph_extract__local_id(argraph_extract_ctx *x, const char *local)
{
	strbuf_reset(&x->id);
	strbuf_puts(&x->id, x->key);
	strbuf_putc(&x->id, '#');
	strbuf_puts(&x->id, local);
	return strbuf_cstr(&x->id);
}

const char *argraph_extract__local_id_n(argraph_extract_ctx *x, const char *prefix, size_t n)
{
	argraph_extract__local_id(x, prefix);
	strbuf_put_size(&x->id, n);
	return strbuf_cstr(&x->id);
}

size_t argraph_extract__find_entry_in(argraph_extract_ctx *x, const char *author, size_t an,
	const char *year, size_t yn)
{
	if (!x->cix)
		argraph_extract__check(x, argraph_extract__cite_index_new(&x->cix, x->doc));
	return argraph_extract__find_entry(x->cix, author, an, year, yn);
}
