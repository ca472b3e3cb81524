/* SPDX-License-Identifier: MIT */
/* extract_internal.h — id schemes shared by the two extraction passes, so
 * the rule pass finds the nodes the structure pass made (internal). */
#ifndef ARGRAPH_EXTRACT_INTERNAL_H
#define ARGRAPH_EXTRACT_INTERNAL_H

#include "argraph/doc.h"
#include "../util/strbuf.h"

/* "<key>#<block xml:id>.s<k+1>", or "<key>#b<block+1>.s<k+1>" when the
 * block has no xml:id: the id of the claim of sentence k of a block. The
 * part before the number is the same for all sentences of the block:
 * claim_prefix puts it in `out` and returns its length; claim_id_at then
 * puts each sentence's number after it and returns out's text (NULL
 * when out of memory). */
size_t argraph_extract__claim_prefix(strbuf *out, const char *key, const argraph_doc *doc,
	size_t block);
const char *argraph_extract__claim_id_at(strbuf *out, size_t prefix, size_t k);

/* "<key>#person.<normalised name>": a person known only by name
 * (lower-cased ASCII, runs of punctuation/space → '-'). */
void argraph_extract__person_id(strbuf *out, const char *key, const char *name);

/* Id of the work node of bibliography entry i: "<key>#<xml:id>", or
 * "<key>#bibl.<i+1>" when the entry has none. */
void argraph_extract__work_id(strbuf *out, const char *key, const argraph_doc *doc, size_t i);

/* ---- citekeys.c: reading citation markers, finding their entries ---- */

/* Fold a name for comparison into `out`: ASCII lower case, Latin letters
 * with diacritics to their base letters (Ř → r, ß → ss), runs of anything
 * that is not a letter or digit (space, hyphen, apostrophe, ·) → one space,
 * none at the ends; other scripts are kept as they are. */
void argraph_extract__fold_name(strbuf *out, const char *s, size_t n);

/* The numbers of a numeric marker: "[3,4]" → 3 4, "[10-14]" → 10 … 14,
 * "37]" → 37. Writes at most `max`; returns how many, or 0 when the text has
 * a range that is reversed or longer than 200, or more than `max` numbers
 * (the marker is then one citation as it stands). */
size_t argraph_extract__marker_numbers(const char *text, unsigned long *out, size_t max);

/* One author-year pair of a marker: the author text as a byte span of the
 * marker, and the year with its suffix letter if any ("2017", "2017b"). */
typedef struct argraph_cite_ay {
	size_t author_begin, author_end;
	char year[6];
} argraph_cite_ay;

/* The author-year pairs of a marker's text, in order: "(Smith, 2001)",
 * "Smith et al., 2010;", "(e.g., Lample et al., 2016", "Wu et al., 2019a,b)"
 * (two pairs), "(Smith, 2001; Lee, 2003)" (two), "Smith 2001, 2003" (two).
 * Returns how many were written (at most `max`). */
size_t argraph_extract__marker_author_years(const char *text, size_t len,
	argraph_cite_ay *out, size_t max);

/* The reference list indexed for find_entry: every author name folded
 * once, entries chained by year. Made per document and pass; borrows the
 * doc, which must outlive it. */
typedef struct argraph_cite_index argraph_cite_index;
argraph_status argraph_extract__cite_index_new(argraph_cite_index **out, const argraph_doc *doc);
void argraph_extract__cite_index_free(argraph_cite_index *ix);

/* The bibliography entry (index) that an author text and a year name, or
 * ARGRAPH_NONE. The first surname is matched against each entry's first
 * author, folded; a second surname ("Smith and Jones") must be a co-author's
 * to win; a year suffix picks among equals by the entry's own text, else in
 * list order (a = first). */
size_t argraph_extract__find_entry(const argraph_cite_index *ix, const char *author, size_t an,
	const char *year, size_t yn);

/* The document key: `given` when not NULL, else one derived from the
 * document's file name into *owned (the caller frees it). NULL when out
 * of memory. */
const char *argraph_extract__doc_key(const argraph_doc *doc, const char *given, char **owned);

#endif
