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

/* Decode the code point at s[*i] (n bytes total) and advance *i. Inline:
 * the reader, the sentence splitter and the rules call it per character. */
static inline uint32_t utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = n - *i;
	uint32_t c = p[0];
	size_t len;
	uint32_t cp;
	if (c < 0x80) {
		*i += 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2;
		cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		cp = c & 0x07;
	} else {
		*i += 1;
		return 0xFFFD;
	}
	if (left < len) {
		*i += 1;
		return 0xFFFD;
	}
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*i += 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	*i += len;
	return cp;
}

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
/* 1 for Unicode white space (ASCII space/tab/newline, NBSP, ideographic
 * space…). Inline: the reader asks it for every character. */
static inline int utf8_cp_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f'
	    || cp == '\v' || cp == 0xA0 || cp == 0x3000 || cp == 0x2028
	    || cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F
	    || cp == 0x205F || cp == 0xFEFF;
}

#endif
