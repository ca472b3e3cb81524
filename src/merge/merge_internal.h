/* SPDX-License-Identifier: MIT */
/* merge_internal.h — the match keys of the merge (key.c), shared with
 * merge.c and the unit tests (internal). Each writes into `out` (reset
 * first) and leaves it empty when there is nothing to key on. */
#ifndef ARGRAPH_MERGE_INTERNAL_H
#define ARGRAPH_MERGE_INTERNAL_H

#include <stddef.h>

#include "../util/strbuf.h"

/* Normalise n bytes of text and append them to out: ASCII lower-cased,
 * Latin-1 and Latin Extended-A letters folded to ASCII, combining marks
 * dropped, fullwidth ASCII narrowed, every run of white space or
 * punctuation (ASCII and the common Unicode blocks) one '-', no '-' at
 * either end of what is appended; other characters (CJK …) kept as is. */
void argraph_merge__norm(strbuf *out, const char *s, size_t n);

/* "smith-jane" for "Jane Q. Smith", "Smith, Jane" and
 * "Jane Smith": surname (with a particle: von, van, de …), then the
 * first forename. "Surname, Forename" when there is a comma; else the last
 * word is the surname (a trailing Jr./Sr./II/III is dropped). */
void argraph_merge__person_key(strbuf *out, const char *name);

/* Just the surname part of the above ("smith"). */
void argraph_merge__surname_key(strbuf *out, const char *name);

/* "10.1000/xyz123" from a DOI however written: lower-cased, without a
 * "https://doi.org/" or "doi:" prefix, white space as '-'. */
void argraph_merge__doi_key(strbuf *out, const char *doi);

/* "viaf.org/viaf/12345" from an authority URI (an encoder's @ref,
 * @sameAs or idno): lower-cased, without "http(s)://" and "www.", without
 * a trailing '/'. Empty for anything but an absolute http(s), urn: or
 * info: URI (a local pointer such as "#smith" is no key). */
void argraph_merge__uri_key(strbuf *out, const char *uri, size_t n);

/* "<surname of the first author>-<year>-<first words of the main title>"
 * from a work's `authors` ("A; B"), `year` and `title` attributes, any of
 * which may be NULL; empty unless at least two of the three are there. */
void argraph_merge__work_key(strbuf *out, const char *authors, const char *year,
	const char *title);

/* 1 if the text has no letters outside Latin script (so an English-style
 * name): code points below U+0250, combining marks, punctuation, spaces. */
int argraph_merge__is_latin(const char *s);

#endif
