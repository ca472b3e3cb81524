/* SPDX-License-Identifier: MIT */
/*
 * utf8.h — small UTF-8 helpers. Input is assumed valid (libxml2 only hands
 * out valid UTF-8); on a malformed byte the decoder returns U+FFFD and
 * advances one byte, so no loop can stall.
 */
#ifndef ARGRAPH_UTIL_UTF8_H
#define ARGRAPH_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[*i] (n bytes total) and advance *i. */
uint32_t utf8_next(const char *s, size_t n, size_t *i);
/* Number of code points in the first n bytes. */
size_t utf8_count(const char *s, size_t n);
/* Encode cp into out (>= 4 bytes); returns bytes written. */
size_t utf8_encode(uint32_t cp, char *out);
/* 1 if the bytes are valid UTF-8 (no surrogates, no overlongs). */
int utf8_valid(const char *s, size_t n);
/* Display columns of a code point: 2 for East Asian Wide/Fullwidth, 0 for
 * combining marks, else 1. Independent of the C locale. */
int utf8_cp_width(uint32_t cp);
/* 1 for CJK ideographs and kana/hangul (text that breaks between any chars). */
int utf8_cp_is_cjk(uint32_t cp);
/* 1 for Unicode white space (ASCII space/tab/newline, NBSP, ideographic space…). */
int utf8_cp_is_space(uint32_t cp);

#endif
