/* SPDX-License-Identifier: MIT */
/*
 * fold.h — text folded for matching keys: names and titles compared
 * across documents and encodings ("Řehůřek" = "Rehurek", "ＡＢＣ" = "abc").
 *
 * Cheap and locale-free: ASCII letters lower-cased, Latin-1 and Latin
 * Extended-A letters to their base letters (æ → ae, ß → ss, …),
 * full-width ASCII letters and digits to ASCII, combining marks dropped;
 * punctuation, symbols and white space (ASCII, Latin-1 signs, general
 * punctuation, CJK and full-/half-width punctuation) separate words;
 * everything else (CJK, other scripts) is kept as it is. The citation
 * matcher (src/extract/citekeys.c) and the corpus merge's keys
 * (src/merge/key.c) fold with this one function, so a name they both see
 * is the same key to both.
 */
#ifndef ARGRAPH_UTIL_FOLD_H
#define ARGRAPH_UTIL_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Append the folded s[0..n) (UTF-8) to out, words joined by one `sep`
 * (none before the first word or after the last). */
void fold_append(strbuf *out, const char *s, size_t n, char sep);

/* Whether code point cp is part of a word when folded (not a separator,
 * not a dropped combining mark). */
int fold_in_word(uint32_t cp);

#endif
