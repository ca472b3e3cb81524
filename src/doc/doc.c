/* SPDX-License-Identifier: MIT */
/*
 * doc.c — document model storage, accessors, and the sentence splitter.
 *
 * Sentence rules (language-general, not tied to any text):
 *  - Chinese/Japanese full-width 。！？； always end a sentence;
 *  - . ! ? end a sentence when followed by white space (or the end), and
 *    for '.' only when the word before it is not an abbreviation
 *    ("e.g.", "Dr.", "et al.", an initial like "J.") and the next word does
 *    not start in lower case;
 *  - closing quotes and brackets after the end belong to the sentence, and
 *    so does a citation marker (<ref>) that follows right after it, as in
 *    "…解体。[1]" — the marker cites the sentence it follows.
 */
#include "doc_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../util/utf8.h"

void *argraph_doc__grow(void **items, size_t *len, size_t *cap, size_t size)
{
	if (*len == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		if (ncap < *cap || ncap > SIZE_MAX / size)
			return NULL;
		void *n = realloc(*items, ncap * size);
		if (!n)
			return NULL;
		*items = n;
		*cap = ncap;
	}
	char *slot = (char *)*items + (*len)++ * size;
	memset(slot, 0, size);
	return slot;
}

argraph_status argraph_doc__new(argraph_doc **out, const char *file)
{
	argraph_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return ARGRAPH_ENOMEM;
	arena_init(&doc->mem);
	if (file && !(doc->file = arena_strdup(&doc->mem, file))) {
		free(doc);
		return ARGRAPH_ENOMEM;
	}
	*out = doc;
	return ARGRAPH_OK;
}

void argraph_doc_free(argraph_doc *doc)
{
	if (!doc)
		return;
	free(doc->titles.items);
	free(doc->sections.items);
	free(doc->blocks.items);
	free(doc->sentences.items);
	free(doc->inlines.items);
	free(doc->authorities.items);
	free(doc->bibentries.items);
	free(doc->links.items);
	free(doc->names.items);
	strmap_release(&doc->authority_by_id);
	strmap_release(&doc->bibentry_by_id);
	arena_release(&doc->mem);
	free(doc);
}

/* ---- accessors ---- */

#define AT(field, i) ((i) < doc->field.len ? &doc->field.items[i] : NULL)

const char *argraph_doc_get_file(const argraph_doc *doc) { return doc->file; }
const char *argraph_doc_get_lang(const argraph_doc *doc) { return doc->lang; }
unsigned argraph_doc_get_line(const argraph_doc *doc) { return doc->line; }
const char *argraph_doc_get_xpath(const argraph_doc *doc) { return doc->xpath; }
size_t argraph_doc_title_count(const argraph_doc *doc) { return doc->titles.len; }
const argraph_name *argraph_doc_title_at(const argraph_doc *doc, size_t i) { return AT(titles, i); }
size_t argraph_doc_section_count(const argraph_doc *doc) { return doc->sections.len; }
const argraph_section *argraph_doc_section_at(const argraph_doc *doc, size_t i) { return AT(sections, i); }
size_t argraph_doc_block_count(const argraph_doc *doc) { return doc->blocks.len; }
const argraph_block *argraph_doc_block_at(const argraph_doc *doc, size_t i) { return AT(blocks, i); }
size_t argraph_doc_sentence_count(const argraph_doc *doc) { return doc->sentences.len; }
const argraph_sentence *argraph_doc_sentence_at(const argraph_doc *doc, size_t i) { return AT(sentences, i); }
size_t argraph_doc_inline_count(const argraph_doc *doc) { return doc->inlines.len; }
const argraph_inline *argraph_doc_inline_at(const argraph_doc *doc, size_t i) { return AT(inlines, i); }
size_t argraph_doc_authority_count(const argraph_doc *doc) { return doc->authorities.len; }
const argraph_authority *argraph_doc_authority_at(const argraph_doc *doc, size_t i) { return AT(authorities, i); }
size_t argraph_doc_bibentry_count(const argraph_doc *doc) { return doc->bibentries.len; }
const argraph_bibentry *argraph_doc_bibentry_at(const argraph_doc *doc, size_t i) { return AT(bibentries, i); }
size_t argraph_doc_link_count(const argraph_doc *doc) { return doc->links.len; }
const argraph_link *argraph_doc_link_at(const argraph_doc *doc, size_t i) { return AT(links, i); }
const argraph_name *argraph_doc_name_at(const argraph_doc *doc, size_t i) { return AT(names, i); }

static const char *strip_hash(const char *id)
{
	return id && id[0] == '#' ? id + 1 : id;
}

const argraph_authority *argraph_doc_find_authority(const argraph_doc *doc, const char *id)
{
	size_t i = strmap_get(&doc->authority_by_id, strip_hash(id));
	return i == ARGRAPH_NONE ? NULL : &doc->authorities.items[i];
}

const argraph_bibentry *argraph_doc_find_bibentry(const argraph_doc *doc, const char *id)
{
	size_t i = strmap_get(&doc->bibentry_by_id, strip_hash(id));
	return i == ARGRAPH_NONE ? NULL : &doc->bibentries.items[i];
}

static int lang_matches(const char *have, const char *want)
{
	if (!have || !want)
		return 0;
	size_t n = strlen(want);
	/* "zh" matches "zh", "zh-Hans", "zh-CN". */
	return strncmp(have, want, n) == 0 && (have[n] == '\0' || have[n] == '-');
}

const char *argraph_authority_get_name(const argraph_doc *doc,
	const argraph_authority *a, const char *lang)
{
	const char *untyped_lang = NULL, *typed_lang = NULL, *nolang = NULL, *first = NULL;
	for (size_t i = 0; i < a->name_count; i++) {
		const argraph_name *nm = &doc->names.items[a->first_name + i];
		if (!first || (!nm->type && first == NULL))
			first = first ? first : nm->text;
		if (lang && lang_matches(nm->lang, lang)) {
			if (!nm->type && !untyped_lang)
				untyped_lang = nm->text;
			else if (!typed_lang)
				typed_lang = nm->text;
		}
		if (!nm->lang && !nolang)
			nolang = nm->text;
	}
	if (untyped_lang)
		return untyped_lang;
	if (typed_lang)
		return typed_lang;
	if (nolang)
		return nolang;
	return first;
}

const char *argraph_doc_get_title(const argraph_doc *doc, const char *lang)
{
	const char *any = NULL;
	for (size_t i = 0; i < doc->titles.len; i++) {
		const argraph_name *t = &doc->titles.items[i];
		int main_title = !t->type || strcmp(t->type, "main") == 0;
		if (!main_title)
			continue;
		if (!lang || lang_matches(t->lang, lang))
			return t->text;
		if (!any)
			any = t->text;
	}
	return any;
}

size_t argraph_char_offset(const char *text, size_t byte_offset)
{
	return utf8_count(text, byte_offset);
}

argraph_status argraph_doc__index(argraph_doc *doc)
{
	/* Each map made at its final size at once (the counts are known). */
	if (strmap_reserve(&doc->authority_by_id, doc->authorities.len) < 0
	    || strmap_reserve(&doc->bibentry_by_id, doc->bibentries.len) < 0)
		return ARGRAPH_ENOMEM;
	for (size_t i = 0; i < doc->authorities.len; i++) {
		const char *id = doc->authorities.items[i].id;
		if (id && strmap_get(&doc->authority_by_id, id) == ARGRAPH_NONE
		    && strmap_put(&doc->authority_by_id, id, i) < 0)
			return ARGRAPH_ENOMEM;
	}
	for (size_t i = 0; i < doc->bibentries.len; i++) {
		const char *id = doc->bibentries.items[i].id;
		if (id && strmap_get(&doc->bibentry_by_id, id) == ARGRAPH_NONE
		    && strmap_put(&doc->bibentry_by_id, id, i) < 0)
			return ARGRAPH_ENOMEM;
	}
	return ARGRAPH_OK;
}

/* ---- sentence splitting ---- */

static int is_closer(uint32_t cp)
{
	switch (cp) {
	case '"': case '\'': case ')': case ']':
	case 0x201D: case 0x2019: case 0xFF09: case 0x300D: case 0x300F:
	case 0x300B: case 0x3011: case 0x3009:
		return 1;
	}
	return 0;
}

static int is_cjk_end(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B;
}

/* Words after which a '.' does not end a sentence. Compared without case. */
static const char *const abbreviations[] = {
	"al", "e.g", "i.e", "etc", "cf", "vs", "viz", "mr", "mrs", "ms", "dr",
	"prof", "sr", "jr", "st", "fig", "figs", "eq", "eqs", "no", "nos", "vol",
	"vols", "pp", "p", "ed", "eds", "ch", "sec", "sect", "approx", "inc",
	"ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "ph.d", "op",
	"cit", "ibid", "resp", "trans", "rev", "repr", "esp",
};

static int is_abbreviation(const char *text, size_t dot)
{
	size_t b = dot;
	while (b > 0 && (isalpha((unsigned char)text[b - 1]) || text[b - 1] == '.'))
		b--;
	size_t n = dot - b;
	if (n == 0)
		return 0;
	if (n == 1 && isupper((unsigned char)text[b]))
		return 1; /* an initial: "J. Smith" */
	for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++) {
		const char *a = abbreviations[i];
		if (strlen(a) == n) {
			size_t k = 0;
			while (k < n && tolower((unsigned char)text[b + k]) == a[k])
				k++;
			if (k == n)
				return 1;
		}
	}
	return 0;
}

/* A citation marker that can extend a sentence: a <ref> inline whose text
 * starts with '[' and is not empty. */
typedef struct marker {
	size_t begin, end, index; /* index: among the block's inlines */
} marker;

static int is_marker(const argraph_inline *in)
{
	return in->kind == ARGRAPH_INLINE_REF && in->end > in->begin && in->text
	    && in->text[0] == '[';
}

static int marker_cmp(const void *a, const void *b)
{
	const marker *x = a, *y = b;
	if (x->begin != y->begin)
		return x->begin < y->begin ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The first marker (in inline order) that begins at k, or NULL. `ms`
 * holds the block's markers sorted by (begin, index), or is NULL for a
 * block with few inlines, which are then looked through in order. */
static const marker *marker_at(const argraph_doc *doc, const argraph_block *bl,
	const marker *ms, size_t nms, size_t k, marker *one)
{
	if (!ms) {
		for (size_t m = 0; m < bl->inline_count; m++) {
			const argraph_inline *in = &doc->inlines.items[bl->first_inline + m];
			if (in->begin == k && is_marker(in)) {
				one->begin = in->begin;
				one->end = in->end;
				one->index = m;
				return one;
			}
		}
		return NULL;
	}
	size_t lo = 0, hi = nms; /* the first with begin >= k */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ms[mid].begin < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nms && ms[lo].begin == k ? &ms[lo] : NULL;
}

/* Where the sentence ending at the terminator just before `i` really
 * ends: after closers and after citation markers that follow at once. */
static size_t extend_end(const argraph_doc *doc, const argraph_block *bl, size_t i,
	const marker *ms, size_t nms)
{
	const char *t = bl->text;
	size_t n = bl->len;
	for (;;) {
		size_t j = i;
		if (j < n) {
			uint32_t cp = utf8_next(t, n, &j);
			if (is_closer(cp) || is_cjk_end(cp) || cp == '.' || cp == '!' || cp == '?') {
				i = j;
				continue;
			}
		}
		/* a citation marker right after the end (spaces allowed) */
		size_t k = i;
		while (k < n && t[k] == ' ')
			k++;
		marker one;
		const marker *m = marker_at(doc, bl, ms, nms, k, &one);
		if (!m)
			return i;
		i = m->end;
	}
}

static argraph_status add_sentence(argraph_doc *doc, size_t block, size_t b, size_t e)
{
	argraph_block *bl = &doc->blocks.items[block];
	while (b < e && bl->text[b] == ' ')
		b++;
	while (e > b && bl->text[e - 1] == ' ')
		e--;
	if (b == e)
		return ARGRAPH_OK;
	argraph_sentence *s = DOC_PUSH(doc, sentences);
	if (!s)
		return ARGRAPH_ENOMEM;
	bl = &doc->blocks.items[block];
	s->block = block;
	s->begin = b;
	s->end = e;
	s->text = arena_strndup(&doc->mem, bl->text + b, e - b);
	return s->text ? ARGRAPH_OK : ARGRAPH_ENOMEM;
}

/* Index of the first byte at or after i that is '.', '!', '?' or the lead
 * byte E3 or EF, or n: 16 bytes at a time where SSE2 is there. */
static size_t skip_to_ender(const char *t, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
		      ques = _mm_set1_epi8('?'), e3 = _mm_set1_epi8((char)0xE3),
		      ef = _mm_set1_epi8((char)0xEF);
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dot), _mm_cmpeq_epi8(x, bang)),
			_mm_or_si128(_mm_cmpeq_epi8(x, ques),
				_mm_or_si128(_mm_cmpeq_epi8(x, e3), _mm_cmpeq_epi8(x, ef))));
		unsigned mask = (unsigned)_mm_movemask_epi8(m);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '.' || c == '!' || c == '?' || c == 0xE3 || c == 0xEF)
			break;
	}
	return i;
}

argraph_status argraph_doc__split_block(argraph_doc *doc, size_t block)
{
	argraph_block *bl = &doc->blocks.items[block];
	const char *t = bl->text;
	size_t n = bl->len;
	bl->first_sentence = doc->sentences.len;
	size_t start = 0, i = 0;
	argraph_status st;
	/* With many inlines, a sorted list of the citation markers makes each
	 * sentence end a binary search instead of a pass over all of them
	 * (a paragraph of 20,000 cited sentences was quadratic). */
	marker *ms = NULL;
	size_t nms = 0;
	if (bl->inline_count > 16) {
		ms = malloc(bl->inline_count * sizeof *ms);
		if (!ms)
			return ARGRAPH_ENOMEM;
		for (size_t m = 0; m < bl->inline_count; m++) {
			const argraph_inline *in = &doc->inlines.items[bl->first_inline + m];
			if (is_marker(in))
				ms[nms++] = (marker){in->begin, in->end, m};
		}
		qsort(ms, nms, sizeof *ms, marker_cmp);
	}
	while (i < n) {
		/* Only '.', '!', '?' and the full-width enders (lead bytes E3 and
		 * EF) can end a sentence: skip other bytes without decoding. Those
		 * bytes are never continuation bytes, so this stops at character
		 * starts only, where the decoder would have been anyway. */
		i = skip_to_ender(t, i, n);
		if (i >= n)
			break;
		size_t at = i;
		uint32_t cp = utf8_next(t, n, &i);
		int ends = 0;
		if (is_cjk_end(cp)) {
			ends = 1;
		} else if (cp == '.' || cp == '!' || cp == '?') {
			/* look past closers for white space or the end */
			size_t j = i;
			while (j < n) {
				size_t k = j;
				uint32_t c2 = utf8_next(t, n, &k);
				if (!is_closer(c2) && c2 != '.' && c2 != '!' && c2 != '?')
					break;
				j = k;
			}
			if (j >= n) {
				ends = 1;
			} else if (t[j] == ' ') {
				size_t k = j;
				while (k < n && t[k] == ' ')
					k++;
				int next_lower = k < n && islower((unsigned char)t[k]);
				ends = !next_lower && !(cp == '.' && is_abbreviation(t, at));
			}
		}
		if (ends) {
			size_t e = extend_end(doc, bl, i, ms, nms);
			if ((st = add_sentence(doc, block, start, e)) != ARGRAPH_OK) {
				free(ms);
				return st;
			}
			bl = &doc->blocks.items[block];
			start = i = e;
		}
	}
	free(ms);
	if ((st = add_sentence(doc, block, start, n)) != ARGRAPH_OK)
		return st;
	bl = &doc->blocks.items[block];
	bl->sentence_count = doc->sentences.len - bl->first_sentence;

	/* Inlines go to the sentence their first character is in. Both lists
	 * are in text order, so one merge pass does it. */
	size_t s = bl->first_sentence, last = doc->sentences.len;
	for (size_t k = 0; k < bl->inline_count && s < last; k++) {
		size_t ii = bl->first_inline + k;
		const argraph_inline *in = &doc->inlines.items[ii];
		while (s + 1 < last && in->begin >= doc->sentences.items[s + 1].begin)
			s++;
		argraph_sentence *se = &doc->sentences.items[s];
		if (!se->inline_count)
			se->first_inline = ii;
		se->inline_count = ii - se->first_inline + 1;
	}
	return ARGRAPH_OK;
}
