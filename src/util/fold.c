/* SPDX-License-Identifier: MIT */
#include "fold.h"

#include <stdint.h>

#include "utf8.h"

/* U+00C0..U+017F folded to one ASCII letter; '*' marks the few that fold
 * to two (fold_multi()), ' ' the two signs (× ÷), which separate. */
static const char latin_fold[] =
	"aaaaaa*ceeeeiiiidnooooo ouuuuy**"  /* U+00C0 */
	"aaaaaa*ceeeeiiiidnooooo ouuuuy*y"  /* U+00E0 */
	"aaaaaaccccccccddddeeeeeeeeeegggg"  /* U+0100 */
	"gggghhhhiiiiiiiiii**jjkkklllllll"  /* U+0120 */
	"lllnnnnnnnnnoooooo**rrrrrrssssss"  /* U+0140 */
	"ssttttttuuuuuuuuuuuuwwyyyzzzzzzs"; /* U+0160 */
_Static_assert(sizeof latin_fold - 1 == 0x180 - 0xC0, "one entry per code point U+00C0..U+017F");

static const char *fold_multi(uint32_t cp)
{
	switch (cp) {
	case 0xC6: case 0xE6: return "ae";
	case 0xDE: case 0xFE: return "th";
	case 0xDF: return "ss";
	case 0x132: case 0x133: return "ij";
	case 0x152: case 0x153: return "oe";
	default: return "";
	}
}

static int is_ascii_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static int is_separator(uint32_t cp)
{
	/* ASCII letters and digits never get here: fold_cp takes them first. */
	return cp <= 0xBF                     /* other ASCII; Latin-1 signs, NBSP, «», · */
	    || (cp >= 0x2000 && cp <= 0x206F) /* general punctuation */
	    || (cp >= 0x3000 && cp <= 0x303F) /* CJK symbols and punctuation */
	    || cp == 0x30FB                   /* katakana middle dot */
	    || (cp >= 0xFE30 && cp <= 0xFE4F) /* CJK compatibility forms */
	    || (cp >= 0xFF5F && cp <= 0xFF65) /* half-width brackets and CJK punctuation */
	    || utf8_cp_is_space(cp);
}

/* What code point cp becomes: a string to append ("" drops it), or NULL
 * to keep its bytes; *sep set for a separator. */
static const char *fold_cp(uint32_t cp, char one[2], int *sep)
{
	*sep = 0;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0; /* full-width ASCII */
	if (is_ascii_alnum(cp)) {
		one[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
		one[1] = '\0';
		return one;
	}
	if (cp >= 0xC0 && cp < 0x180) {
		char f = latin_fold[cp - 0xC0];
		if (f == '*')
			return fold_multi(cp);
		if (f == ' ') {
			*sep = 1;
			return "";
		}
		one[0] = f;
		one[1] = '\0';
		return one;
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return ""; /* combining marks: decomposed accents */
	if (is_separator(cp)) {
		*sep = 1;
		return "";
	}
	return NULL;
}

int fold_in_word(uint32_t cp)
{
	char one[2];
	int sep;
	const char *f = fold_cp(cp, one, &sep);
	return !sep && !(f && !*f);
}

void fold_append(strbuf *out, const char *s, size_t n, char sep)
{
	size_t start = out->len, i = 0;
	int pending = 0; /* a separator seen since the last kept character */
	while (i < n) {
		size_t at = i;
		uint32_t cp = utf8_next(s, n, &i);
		char one[2];
		int is_sep;
		const char *f = fold_cp(cp, one, &is_sep);
		if (is_sep) {
			pending = 1;
			continue;
		}
		if (f && !*f)
			continue;
		if (pending && out->len > start)
			strbuf_putc(out, sep);
		pending = 0;
		if (f)
			strbuf_puts(out, f);
		else
			strbuf_append(out, s + at, i - at);
	}
}
