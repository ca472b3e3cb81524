/* SPDX-License-Identifier: MIT */
/*
 * context.h — what the two extraction passes (structure.c, rules_extract.c)
 * share while they write one document into a graph (internal): the graph,
 * the document and its key, the first error, the reference list index, and
 * the attribute names and values they set, interned once per document.
 *
 * Each pass embeds an argraph_extract_ctx in its own context and sets
 * attributes only through the setters below, so that both keep the same
 * rules: a node ARGRAPH_NONE (a node that could not be made) or a NULL
 * value sets nothing, and the first error is the one reported.
 *
 * The setters are inline: they run several times for every sentence of
 * every document, and hand the graph its own copies of names and values
 * (argraph_graph__intern, __set_node_attr_own in graph_internal.h), which
 * it stores without hashing, comparing or copying them again.
 */
#ifndef ARGRAPH_EXTRACT_CONTEXT_H
#define ARGRAPH_EXTRACT_CONTEXT_H

#include <string.h>

#include "argraph/diag.h"
#include "argraph/doc.h"
#include "argraph/graph.h"
#include "../graph/graph_internal.h"
#include "../util/strbuf.h"
#include "extract_internal.h"

/* The attribute names the passes set and read, and the values they set
 * most: one vocabulary, so a word both use ("role", "cited-author") is
 * the same entry in both. */
#define ARGRAPH_EXTRACT_WORDS(X) \
	X(W_AREA, "area") X(W_ASSERTER, "asserter") X(W_AUTHORS, "authors") X(W_BIBL, "bibl") \
	X(W_CAUSAL, "causal") X(W_CERTAINTY, "certainty") X(W_DEPTH, "depth") X(W_DOI, "doi") \
	X(W_DOUBT, "doubt") X(W_FACT, "fact") X(W_FACT_BY, "fact_by") X(W_FACT_TEXT, "fact_text") \
	X(W_FILE, "file") X(W_FORM, "form") X(W_FOUND_BY, "found_by") X(W_HEAD, "head") \
	X(W_HEDGED_BY, "hedged_by") X(W_ITEM, "item") X(W_LANG, "lang") X(W_LISTED, "listed") \
	X(W_MARKER, "marker") X(W_N, "n") X(W_NOTE, "note") X(W_REF, "ref") \
	X(W_REPORTED_BY, "reported_by") X(W_RESOLVED_BY, "resolved_by") X(W_ROLE, "role") \
	X(W_SENTENCE, "sentence") X(W_STANCE, "stance") X(W_STATUS, "status") \
	X(W_TARGET, "target") X(W_TERM, "term") X(W_TEXT, "text") X(W_TITLE, "title") \
	X(W_TYPE, "type") X(W_URI, "uri") X(W_VOICE, "voice") X(W_YEAR, "year") \
	/* values */ \
	X(W_ACTOR, "actor") X(W_ASSERTED, "asserted") X(W_ATTRIBUTED, "attributed") \
	X(W_AUTHOR, "author") X(W_AUTHOR_YEAR, "author-year") X(W_CITED_AUTHOR, "cited-author") \
	X(W_CONTRASTS, "contrasts") X(W_COUNTER_CLAIM, "counter-claim") X(W_DANGLING, "dangling") \
	X(W_HEDGED, "hedged") X(W_MENTIONS, "mentions") \
	X(W_NUMBER_IN_AUTHOR_YEAR_TEXT, "number-in-author-year-text") X(W_NUMERIC, "numeric") \
	X(W_POINTER, "pointer") X(W_POSITION, "position") X(W_PREDICTION, "prediction") \
	X(W_RESOLVED, "resolved") X(W_STATEMENT, "statement") \
	X(W_SUPPORTS, "supports") X(W_THESIS, "thesis") X(W_TRUE, "true")

#define ARGRAPH_EXTRACT_WORD_ENUM(w, s) w,
typedef enum argraph_extract_word {
	ARGRAPH_EXTRACT_WORDS(ARGRAPH_EXTRACT_WORD_ENUM) W__COUNT
} argraph_extract_word;
#undef ARGRAPH_EXTRACT_WORD_ENUM

/* The text of each word (context.c). */
extern const char *const argraph_extract__word_text[W__COUNT];

typedef struct argraph_extract_ctx {
	argraph_graph *g;
	const argraph_doc *doc;
	const char *key;         /* the document key: "<key>#..." ids */
	argraph_diags *diags;
	argraph_status st;       /* the first error, ARGRAPH_OK while none */
	strbuf id;               /* scratch for building ids */
	argraph_cite_index *cix; /* the reference list, made on first use */
	char *own_key;           /* the key when derived from the file name */
	const char *words[W__COUNT]; /* the graph's copies, NULL until used */
} argraph_extract_ctx;

/* Zero `x` and set it up for writing doc into g; the key is doc_key, or
 * one derived from the document's file name when NULL. ARGRAPH_ENOMEM
 * when out of memory (x is then released already). */
argraph_status argraph_extract__ctx_init(argraph_extract_ctx *x, argraph_graph *g,
	const argraph_doc *doc, const char *doc_key, argraph_diags *diags);
void argraph_extract__ctx_release(argraph_extract_ctx *x);

/* Record st unless an error came first: a pass goes on past a failed call
 * only as far as it must to clean up, and reports the first cause. */
static inline void argraph_extract__check(argraph_extract_ctx *x, argraph_status st)
{
	if (st != ARGRAPH_OK && x->st == ARGRAPH_OK)
		x->st = st;
}

/* The graph's copy of word w, or NULL when out of memory. */
static inline const char *argraph_extract__word(argraph_extract_ctx *x, argraph_extract_word w)
{
	if (!x->words[w] && !(x->words[w] = argraph_graph__intern(x->g, argraph_extract__word_text[w])))
		argraph_extract__check(x, ARGRAPH_ENOMEM);
	return x->words[w];
}

/* Attribute `name` of node n := a copy of value (an empty value too). */
static inline void argraph_extract__set_attr(argraph_extract_ctx *x, size_t n,
	argraph_extract_word name, const char *value)
{
	const char *iname;
	if (n != ARGRAPH_NONE && value && (iname = argraph_extract__word(x, name)))
		argraph_extract__check(x, argraph_graph__set_node_attr_n(x->g, n, iname, value, strlen(value)));
}

/* Attribute `name` of node n := a string the graph holds already. */
static inline void argraph_extract__set_attr_own(argraph_extract_ctx *x, size_t n,
	argraph_extract_word name, const char *gvalue)
{
	const char *iname;
	if (n != ARGRAPH_NONE && gvalue && (iname = argraph_extract__word(x, name)))
		argraph_extract__check(x, argraph_graph__set_node_attr_own(x->g, n, iname, gvalue));
}

/* As the two above, but an empty value sets nothing: for values read
 * from the markup, where an empty TEI attribute (type="", xml:lang="")
 * says nothing and must not become an attribute. */
static inline void argraph_extract__set_attr_unless_empty(argraph_extract_ctx *x, size_t n,
	argraph_extract_word name, const char *value)
{
	if (value && *value)
		argraph_extract__set_attr(x, n, name, value);
}

static inline void argraph_extract__set_attr_own_unless_empty(argraph_extract_ctx *x, size_t n,
	argraph_extract_word name, const char *gvalue)
{
	if (gvalue && *gvalue)
		argraph_extract__set_attr_own(x, n, name, gvalue);
}

/* Attribute `name` of node n := word `value`. */
static inline void argraph_extract__set_word(argraph_extract_ctx *x, size_t n,
	argraph_extract_word name, argraph_extract_word value)
{
	argraph_extract__set_attr_own(x, n, name, argraph_extract__word(x, value));
}

/* Attribute `name` of node n (not NONE), or NULL. */
static inline const char *argraph_extract__get_attr(argraph_extract_ctx *x, size_t n,
	argraph_extract_word name)
{
	const char *iname = argraph_extract__word(x, name);
	return iname ? argraph_node__attr_interned(argraph_graph_node_at(x->g, n), iname) : NULL;
}

/* Node `id` (`len` bytes and a NUL) of this kind, made unless it exists,
 * or ARGRAPH_NONE (the error recorded). Ids come from the markup (xml:id
 * values, "<block id>.s<n>" claim ids), so one id can name two kinds of
 * thing — a category whose xml:id is a sentence's claim id — and both
 * passes keep them apart the same way: the node of the second kind is
 * "<id>.<kind>", or "<id>.<kind>2", … when that is taken too (found
 * again there by either pass: the first of them that is free or of this
 * kind). Only when all are taken: an "id.clash" error. */
size_t argraph_extract__node(argraph_extract_ctx *x, argraph_node_kind kind, const char *id,
	size_t len, const argraph_prov *prov);
/* The same for the id built in x->id (ARGRAPH_ENOMEM when building it
 * ran out of memory). */
size_t argraph_extract__node_at_id(argraph_extract_ctx *x, argraph_node_kind kind,
	const argraph_prov *prov);

/* The factor node of a category of the text's taxonomy, "<key>#<xml:id>"
 * (made unless it exists), labelled with the category's names in each
 * language it has not got a label in yet; `file` is the provenance's file
 * name. ARGRAPH_NONE when it could not be made. */
size_t argraph_extract__category_factor(argraph_extract_ctx *x, const argraph_authority *a,
	const char *file);

/* "<key>#<local>" in x->id, and its text (x->id.failed when out of
 * memory). Ids are built for every element: no printf. */
const char *argraph_extract__local_id(argraph_extract_ctx *x, const char *local);
/* "<key>#<prefix><n>" in x->id, likewise. */
const char *argraph_extract__local_id_n(argraph_extract_ctx *x, const char *prefix, size_t n);

/* argraph_extract__find_entry() in the document's reference list, indexed
 * on the first call (most documents never need it). */
size_t argraph_extract__find_entry_in(argraph_extract_ctx *x, const char *author, size_t an,
	const char *year, size_t yn);

#endif
