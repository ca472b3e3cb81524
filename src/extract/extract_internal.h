/* SPDX-License-Identifier: MIT */
/* extract_internal.h — id schemes shared by the two extraction passes, so
 * the rule pass finds the nodes the structure pass made (internal). */
#ifndef ARGRAPH_EXTRACT_INTERNAL_H
#define ARGRAPH_EXTRACT_INTERNAL_H

#include "argraph/doc.h"
#include "../util/strbuf.h"

/* "<key>#<block xml:id>.s<k+1>", or "<key>#b<block+1>.s<k+1>" when the
 * block has no xml:id: the id of the claim of sentence k of a block. */
void argraph_extract__claim_id(strbuf *out, const char *key, const argraph_doc *doc,
	size_t block, size_t k);

/* "<key>#person.<normalised name>": a person known only by name
 * (lower-cased ASCII, runs of punctuation/space → '-'). */
void argraph_extract__person_id(strbuf *out, const char *key, const char *name);

/* Id of the work node of bibliography entry i: "<key>#<xml:id>", or
 * "<key>#bibl.<i+1>" when the entry has none. */
void argraph_extract__work_id(strbuf *out, const char *key, const argraph_doc *doc, size_t i);

#endif
