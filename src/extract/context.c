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
