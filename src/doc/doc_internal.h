/* SPDX-License-Identifier: MIT */
/*
 * doc_internal.h — the document model's storage and the builder calls the
 * TEI reader uses. Records live in heap arrays that grow while the reader
 * runs; once the reader returns the document is immutable, so the pointers
 * handed out by the accessors stay valid until argraph_doc_free().
 */
#ifndef ARGRAPH_DOC_INTERNAL_H
#define ARGRAPH_DOC_INTERNAL_H

#include "argraph/doc.h"
#include "../util/arena.h"
#include "../util/strmap.h"

#define DOC_ARRAY(T) struct { T *items; size_t len, cap; }

struct argraph_doc {
	arena mem;
	const char *file;
	const char *lang;
	unsigned line;     /* a teiCorpus member's <TEI>: its line and XPath; */
	const char *xpath; /* 0 and NULL for a file whose root it is */
	DOC_ARRAY(argraph_name) titles;
	DOC_ARRAY(argraph_section) sections;
	DOC_ARRAY(argraph_block) blocks;
	DOC_ARRAY(argraph_sentence) sentences;
	DOC_ARRAY(argraph_inline) inlines;
	DOC_ARRAY(argraph_authority) authorities;
	DOC_ARRAY(argraph_bibentry) bibentries;
	DOC_ARRAY(argraph_link) links;
	DOC_ARRAY(argraph_name) names;
	strmap authority_by_id;
	strmap bibentry_by_id;
};

/* Grow an array by one zeroed slot; returns it or NULL. */
void *argraph_doc__grow(void **items, size_t *len, size_t *cap, size_t size);
#define DOC_PUSH(doc, field) \
	((__typeof__((doc)->field.items))argraph_doc__grow((void **)&(doc)->field.items, \
		&(doc)->field.len, &(doc)->field.cap, sizeof *(doc)->field.items))

argraph_status argraph_doc__new(argraph_doc **out, const char *file);
/* Split a finished block into sentences and assign inlines to them. */
argraph_status argraph_doc__split_block(argraph_doc *doc, size_t block);
/* Index authorities and bibliography entries by id (after reading). */
argraph_status argraph_doc__index(argraph_doc *doc);

#endif
