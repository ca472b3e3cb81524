/* SPDX-License-Identifier: MIT */
/*
 * key.c — the match keys that decide which nodes of different documents
 * are the same person, work or factor. A key depends only on one node's
 * own labels and attributes (never on what else is in the corpus), so
 * every machine computes the same key for the same input, and merging
 * stays associative.
 *
 * Normalisation is deliberately cheap and locale-free: the folding of
 * util/fold.h (ASCII case, Latin-1 and Latin Extended-A to base letters,
 * full-width ASCII), with punctuation/space runs as '-'. Scripts without
 * case (CJK) are kept as they are.
 */
#include "merge_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "../util/fold.h"
#include "../util/utf8.h"

void argraph_merge__norm(strbuf *out, const char *s, size_t n)
{
	fold_append(out, s, n, '-');
}

/* ---- names ---- */

/* Word boundaries inside a name: white space, '.', middle dots. A hyphen
 * is not one ("Smith-Jones" is one surname). */
static int name_break(uint32_t cp)
{
	return cp == '.' || cp == 0xB7 || cp == 0x30FB || cp == 0x2027 || cp == 0x2022
	    || utf8_cp_is_space(cp);
}

typedef struct span {
	const char *s;
	size_t n;
} span;

/* Split s[0..n) into words; at most `max` are kept. */
static size_t words(const char *s, size_t n, span *w, size_t max)
{
	size_t count = 0, i = 0, begin = 0;
	int in = 0;
	while (i < n) {
		size_t at = i;
		uint32_t cp = utf8_next(s, n, &i);
		if (name_break(cp)) {
			if (in && count < max)
				w[count++] = (span){s + begin, at - begin};
			in = 0;
		} else if (!in) {
			in = 1;
			begin = at;
		}
	}
	if (in && count < max)
		w[count++] = (span){s + begin, n - begin};
	return count;
}

static int word_is(span w, const char *const *list)
{
	for (; *list; list++) {
		size_t k = strlen(*list);
		if (w.n == k && strncmp(w.s, *list, k) == 0)
			return 1;
	}
	return 0;
}

static const char *const particles[] = {"van", "von", "de", "der", "den", "da", "di", "du",
	"la", "le", "del", "della", "dos", "das", "do", "ten", "ter", "zu", "af", NULL};
static const char *const suffixes[] = {"Jr", "jr", "JR", "Sr", "sr", "II", "III", "IV", NULL};

/* Find the comma of "Surname, Forename" (ASCII or fullwidth). */
static const char *name_comma(const char *name, size_t *skip)
{
	const char *a = strchr(name, ','), *f = strstr(name, "\xEF\xBC\x8C"); /* U+FF0C */
	if (f && (!a || f < a)) {
		*skip = 3;
		return f;
	}
	*skip = 1;
	return a;
}

/* Surname and first forename of a name, as spans. */
static void split_name(const char *name, span *sur, span *fore)
{
	size_t skip;
	const char *comma = name_comma(name, &skip);
	*sur = (span){NULL, 0};
	*fore = (span){NULL, 0};
	if (comma) {
		*sur = (span){name, (size_t)(comma - name)};
		const char *rest = comma + skip;
		const char *end = strchr(rest, ','); /* "King, Martin Luther, Jr." */
		span w[1];
		if (words(rest, end ? (size_t)(end - rest) : strlen(rest), w, 1))
			*fore = w[0];
		return;
	}
	span w[32];
	size_t n = words(name, strlen(name), w, 32);
	while (n > 1 && word_is(w[n - 1], suffixes))
		n--;
	if (!n)
		return;
	size_t first = n - 1; /* the surname's first word */
	while (first > 1 && word_is(w[first - 1], particles))
		first--;
	*sur = (span){w[first].s, (size_t)(w[n - 1].s + w[n - 1].n - w[first].s)};
	if (first > 0)
		*fore = w[0];
}

void argraph_merge__person_key(strbuf *out, const char *name)
{
	strbuf_reset(out);
	if (!name)
		return;
	span sur, fore;
	split_name(name, &sur, &fore);
	if (sur.s)
		argraph_merge__norm(out, sur.s, sur.n);
	if (fore.s && out->len) {
		size_t before = out->len;
		strbuf_putc(out, '-');
		argraph_merge__norm(out, fore.s, fore.n);
		if (out->len == before + 1) { /* the forename was only punctuation */
			out->len = before;
			out->data[before] = '\0';
		}
	}
}

void argraph_merge__surname_key(strbuf *out, const char *name)
{
	strbuf_reset(out);
	if (!name)
		return;
	span sur, fore;
	split_name(name, &sur, &fore);
	if (sur.s)
		argraph_merge__norm(out, sur.s, sur.n);
}

/* ---- works ---- */

static int starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char)*s) != *prefix)
			return 0;
	return 1;
}

void argraph_merge__doi_key(strbuf *out, const char *doi)
{
	static const char *const prefixes[] = {"https://doi.org/", "http://doi.org/",
		"https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", NULL};
	strbuf_reset(out);
	if (!doi)
		return;
	while (*doi && isspace((unsigned char)*doi))
		doi++;
	for (size_t i = 0; prefixes[i]; i++) {
		if (starts_with_ci(doi, prefixes[i])) {
			doi += strlen(prefixes[i]);
			break;
		}
	}
	while (*doi && isspace((unsigned char)*doi))
		doi++;
	size_t n = strlen(doi);
	while (n && isspace((unsigned char)doi[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)doi[i];
		strbuf_putc(out, isspace(c) ? '-' : (char)tolower(c));
	}
}

void argraph_merge__uri_key(strbuf *out, const char *uri, size_t n)
{
	strbuf_reset(out);
	while (n && isspace((unsigned char)*uri))
		uri++, n--;
	while (n && isspace((unsigned char)uri[n - 1]))
		n--;
	size_t skip = 0;
	if (n >= 8 && starts_with_ci(uri, "https://"))
		skip = 8;
	else if (n >= 7 && starts_with_ci(uri, "http://"))
		skip = 7;
	else if (!(n > 4 && (starts_with_ci(uri, "urn:") || starts_with_ci(uri, "info:"))))
		return;
	if (skip && n - skip >= 4 && starts_with_ci(uri + skip, "www."))
		skip += 4;
	uri += skip;
	n -= skip;
	while (n && uri[n - 1] == '/')
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)uri[i];
		strbuf_putc(out, isspace(c) ? '-' : (char)tolower(c)); /* keys are space-separated */
	}
}

/* At most this many words of the title, and this many characters. */
enum { TITLE_WORDS = 4, TITLE_CHARS = 40 };

static void title_key(strbuf *out, const char *title)
{
	/* the main title: up to a colon, when there is something before it */
	size_t n = strlen(title);
	const char *c = strchr(title, ':'), *f = strstr(title, "\xEF\xBC\x9A"); /* U+FF1A */
	if (f && (!c || f < c))
		c = f;
	if (c && c > title)
		n = (size_t)(c - title);
	strbuf t = {0};
	argraph_merge__norm(&t, title, n);
	const char *s = strbuf_cstr(&t);
	static const char *const articles[] = {"the-", "a-", "an-", NULL};
	for (size_t i = 0; articles[i]; i++) {
		size_t k = strlen(articles[i]);
		if (strncmp(s, articles[i], k) == 0 && s[k]) {
			s += k;
			break;
		}
	}
	size_t len = strlen(s), i = 0, words_seen = 0, chars = 0, cut = len;
	while (i < len) {
		size_t at = i;
		uint32_t cp = utf8_next(s, len, &i);
		if (cp == '-' && ++words_seen == TITLE_WORDS) {
			cut = at;
			break;
		}
		if (++chars > TITLE_CHARS) {
			cut = at;
			break;
		}
	}
	while (cut && s[cut - 1] == '-')
		cut--;
	strbuf_append(out, s, cut);
	if (t.failed)
		out->failed = 1;
	strbuf_release(&t);
}

void argraph_merge__work_key(strbuf *out, const char *authors, const char *year,
	const char *title)
{
	strbuf_reset(out);
	strbuf sur = {0}, ttl = {0};
	char yr[5] = "";
	if (authors) {
		const char *end = strchr(authors, ';');
		size_t n = end ? (size_t)(end - authors) : strlen(authors);
		char first[512];
		if (n >= sizeof first)
			n = sizeof first - 1;
		memcpy(first, authors, n);
		first[n] = '\0';
		argraph_merge__surname_key(&sur, first);
	}
	for (const char *y = year; y && *y; y++) {
		if (isdigit((unsigned char)y[0]) && isdigit((unsigned char)y[1])
		    && isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3])) {
			memcpy(yr, y, 4);
			break;
		}
	}
	if (title)
		title_key(&ttl, title);
	int parts = (sur.len > 0) + (yr[0] != '\0') + (ttl.len > 0);
	if (parts >= 2) {
		const char *sep = "";
		if (sur.len) {
			strbuf_puts(out, sur.data);
			sep = "-";
		}
		if (yr[0]) {
			strbuf_puts(out, sep);
			strbuf_puts(out, yr);
			sep = "-";
		}
		if (ttl.len) {
			strbuf_puts(out, sep);
			strbuf_puts(out, ttl.data);
		}
	}
	if (sur.failed || ttl.failed)
		out->failed = 1;
	strbuf_release(&sur);
	strbuf_release(&ttl);
}

int argraph_merge__is_latin(const char *s)
{
	size_t n = strlen(s), i = 0;
	int letters = 0;
	while (i < n) {
		uint32_t cp = utf8_next(s, n, &i);
		if (!fold_in_word(cp))
			continue;
		if (cp >= 0x250 && !(cp >= 0xFF10 && cp <= 0xFF5A))
			return 0;
		letters = 1;
	}
	return letters;
}
