/* SPDX-License-Identifier: MIT */
/*
 * citekeys.c — reading citation markers and finding the bibliography entry
 * they name, shared by both extraction passes.
 *
 *   "[3,4]", "[10-14]", "37]"        → the numbers 3 4 / 10 … 14 / 37
 *   "Hamilton et al., 2017a,b;"      → (Hamilton et al., 2017a) (…, 2017b)
 *   "(e.g., Lample et al., 2016"     → (Lample et al., 2016)
 *   surname + year → entry           scored: exact surname, surname at the
 *                                    end of a full name, a forename glued to
 *                                    the surname, a co-author; names folded
 *                                    (case, Latin diacritics, hyphens), so
 *                                    "Řehůřek" finds GROBID's "Radimřehůřek"
 *
 * This is citation syntax, not language cues: what a sentence *says* is
 * left to the rules. Nothing here allocates except the caller's strbufs.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/fold.h"
#include "../util/strbuf.h"
#include "../util/strmap.h"
#include "extract_internal.h"

/* ---- folding names ---- */

void argraph_extract__fold_name(strbuf *out, const char *s, size_t n)
{
	strbuf_reset(out);
	fold_append(out, s, n, ' ');
}

/* ---- numeric markers ---- */

#define MAX_RANGE 200

size_t argraph_extract__marker_numbers(const char *t, unsigned long *out, size_t max)
{
	size_t n = 0;
	unsigned long pending = 0;
	int have = 0, range = 0;
	if (!t)
		return 0;
	for (const char *p = t;;) {
		if (isdigit((unsigned char)*p)) {
			unsigned long v = 0;
			while (isdigit((unsigned char)*p)) {
				if (v > 100000)
					return 0;
				v = v * 10 + (unsigned long)(*p++ - '0');
			}
			if (range && have) {
				if (v <= pending || v - pending > MAX_RANGE)
					return 0; /* not a range we can trust */
				for (unsigned long k = pending + 1; k <= v; k++) {
					if (n >= max)
						return 0;
					out[n++] = k;
				}
				have = 0;
			} else {
				if (n >= max)
					return 0;
				out[n++] = v;
				pending = v;
				have = 1;
			}
			range = 0;
		} else if (*p == '-') {
			range = 1;
			p++;
		} else if (strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0) {
			range = 1; /* – — */
			p += 3;
		} else if (*p == '\0') {
			break;
		} else {
			if (*p == ',' || *p == ';')
				have = range = 0;
			p++;
		}
	}
	return n;
}

/* ---- author-year markers ---- */

static int is_year_at(const char *t, size_t n, size_t i)
{
	if (i + 4 > n)
		return 0;
	for (size_t k = 0; k < 4; k++)
		if (!isdigit((unsigned char)t[i + k]))
			return 0;
	if ((i > 0 && isdigit((unsigned char)t[i - 1])) || (i + 4 < n && isdigit((unsigned char)t[i + 4])))
		return 0;
	return (t[i] == '1' && t[i + 1] >= '5') || (t[i] == '2' && t[i + 1] == '0');
}

/* A year suffix letter at t[i]: "2017a", "a,b" — one lower-case letter
 * followed by nothing, a space, a bracket or , ; (not "p." of a page). */
static int is_suffix_at(const char *t, size_t n, size_t i)
{
	return i < n && t[i] >= 'a' && t[i] <= 'z'
	    && (i + 1 >= n || strchr(" ,;)]", t[i + 1]) || (unsigned char)t[i + 1] >= 0x80);
}

/* Does t (avail bytes) start with w, ASCII case ignored? */
static int starts_ci(const char *t, size_t avail, const char *w)
{
	size_t k = strlen(w);
	if (k > avail)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (tolower((unsigned char)t[i]) != tolower((unsigned char)w[i]))
			return 0;
	return 1;
}

#define FW_LPAREN "\xEF\xBC\x88" /* （ */
#define FW_COMMA "\xEF\xBC\x8C"  /* ， */
#define FW_SEMI "\xEF\xBC\x9B"   /* ； */

/* Words that may open a parenthetical citation before the author. */
static size_t skip_lead(const char *t, size_t b, size_t e)
{
	static const char *const lead[] = {"e.g.,", "e.g.", "eg.,", "i.e.,", "i.e.", "see also", "see",
		"cf.", "for example,", "for instance,", NULL};
	for (int again = 1; again;) {
		again = 0;
		while (b < e && (t[b] == ' ' || t[b] == '(' || t[b] == '[' || t[b] == ','))
			b++;
		if (starts_ci(t + b, e - b, FW_LPAREN)) {
			b += 3;
			again = 1;
			continue;
		}
		for (const char *const *w = lead; *w; w++) {
			size_t k = strlen(*w);
			if (e - b > k && starts_ci(t + b, e - b, *w) && (t[b + k] == ' ' || t[b + k] == ',')) {
				b += k;
				again = 1;
				break;
			}
		}
	}
	return b;
}

/* End of the segment starting at `seg` (at ';' or '；'), and the width of
 * the separator there (0 at the end of the text). */
static size_t segment_end(const char *t, size_t n, size_t seg, size_t *sep)
{
	for (size_t i = seg; i < n; i++) {
		if (t[i] == ';') {
			*sep = 1;
			return i;
		}
		if (starts_ci(t + i, n - i, FW_SEMI)) {
			*sep = 3;
			return i;
		}
	}
	*sep = 0;
	return n;
}

size_t argraph_extract__marker_author_years(const char *t, size_t n, argraph_cite_ay *out, size_t max)
{
	size_t count = 0, prev_b = 0, prev_e = 0, sep = 0;
	for (size_t seg = 0; seg < n && count < max; seg = seg + sep) {
		size_t end = segment_end(t, n, seg, &sep);
		size_t first_year = end;
		for (size_t i = seg; i < end; i++)
			if (is_year_at(t, end, i)) {
				first_year = i;
				break;
			}
		if (first_year < end) {
			/* the author: what precedes the first year, without lead
			 * words and trailing punctuation; none → the previous one's */
			size_t ab = skip_lead(t, seg, first_year), ae = first_year;
			for (;;) {
				if (ae > ab && (t[ae - 1] == ' ' || t[ae - 1] == ',' || t[ae - 1] == '('))
					ae--;
				else if (ae >= ab + 3 && (starts_ci(t + ae - 3, 3, FW_COMMA) || starts_ci(t + ae - 3, 3, FW_LPAREN)))
					ae -= 3;
				else
					break;
			}
			if (ae <= ab) {
				ab = prev_b;
				ae = prev_e;
			}
			prev_b = ab;
			prev_e = ae;
			for (size_t i = first_year; i < end && count < max; i++) {
				if (!is_year_at(t, end, i))
					continue;
				size_t j = i + 4;
				char suffix = is_suffix_at(t, end, j) ? t[j] : 0;
				argraph_cite_ay *ay = &out[count++];
				ay->author_begin = ab;
				ay->author_end = ae;
				memcpy(ay->year, t + i, 4);
				ay->year[4] = suffix;
				ay->year[5] = '\0';
				if (!suffix)
					continue;
				/* "2017a,b" and "2017a, b": more works of that year */
				j++;
				for (;;) {
					size_t k = j;
					if (k < end && t[k] == ',')
						k++;
					while (k < end && t[k] == ' ')
						k++;
					if (k == j || !is_suffix_at(t, end, k) || count >= max)
						break;
					argraph_cite_ay *more = &out[count++];
					*more = *ay;
					more->year[4] = t[k];
					j = k + 1;
				}
				i = j - 1;
			}
		}
		seg = end;
	}
	return count;
}

/* ---- finding the entry ---- */

/* The first and second surnames of an author text: "Smith and Jones" →
 * "Smith", "Jones"; "Smith et al." → "Smith"; "Smith, Jones, and Lee" →
 * "Smith", "Jones"; CJK text is kept whole unless 和/与/、 separate names. */
static void surnames(const char *t, size_t n, size_t sp[2][2], int *count)
{
	static const char *const stops[] = {" and ", " & ", " et al", ",", "\xE3\x80\x81" /* 、 */,
		"\xE5\x92\x8C" /* 和 */, "\xE4\xB8\x8E" /* 与 */, "\xE7\xAD\x89" /* 等 */, FW_COMMA, NULL};
	size_t b = 0;
	*count = 0;
	while (*count < 2 && b < n) {
		size_t e = n, skip = 0;
		const char *hit = NULL;
		for (const char *const *s = stops; *s; s++) {
			size_t k = strlen(*s);
			for (size_t i = b; i + k <= e; i++)
				if (memcmp(t + i, *s, k) == 0) {
					e = i;
					skip = k;
					hit = *s;
					break;
				}
		}
		size_t wb = b, we = e;
		while (we > wb && t[we - 1] == ' ')
			we--;
		while (wb < we && t[wb] == ' ')
			wb++;
		if (we > wb) {
			sp[*count][0] = wb;
			sp[*count][1] = we;
			(*count)++;
		}
		if (!hit || strcmp(hit, " et al") == 0 || strcmp(hit, "\xE7\xAD\x89") == 0)
			break;
		b = e + skip;
		/* ", and Lee": the and after a comma */
		while (b < n && t[b] == ' ')
			b++;
		if (starts_ci(t + b, n - b, "and "))
			b += 4;
		else if (starts_ci(t + b, n - b, "& "))
			b += 2;
	}
}

/* Does the folded name `have` name the folded surname `want`? A score:
 * 100 the same; 90 `want` ends `have` at a word (a full name, a particle:
 * "jane smith", "van der berg"); 80 `have` starts with `want` and a word
 * (a generational suffix: "daume iii"); 60 `have` ends with `want` inside a
 * word, for GROBID's forename glued to the surname ("radimrehurek"), only
 * for surnames of four letters or more; else 0. */
static int name_score(const char *have, const char *want)
{
	size_t hn = strlen(have), wn = strlen(want);
	if (!wn || !hn)
		return 0;
	if (hn == wn)
		return memcmp(have, want, wn) == 0 ? 100 : 0;
	if (hn < wn)
		return 0;
	if (memcmp(have + hn - wn, want, wn) == 0) {
		unsigned char before = (unsigned char)have[hn - wn - 1];
		if (before == ' ' || before >= 0x80)
			return 90;
		return wn >= 4 ? 60 : 0;
	}
	if (memcmp(have, want, wn) == 0 && have[wn] == ' ')
		return 80;
	return 0;
}

/* Is `year` ("2015", "2017a") a word of the entry's text? With `suffixed`,
 * a year followed by a suffix letter counts too ("2015" in "2015a."). */
static int year_in_text(const argraph_bibentry *e, const char *year, int suffixed)
{
	size_t n = strlen(year);
	for (const char *p = e->text ? strstr(e->text, year) : NULL; p; p = strstr(p + 1, year)) {
		if (p != e->text && isalnum((unsigned char)p[-1]))
			continue;
		const char *q = p + n;
		if (suffixed && *q >= 'a' && *q <= 'z')
			q++;
		if (!isalnum((unsigned char)*q))
			return 1;
	}
	return 0;
}

/* ---- the index: every entry's author names folded once ---- */

struct argraph_cite_index {
	const argraph_doc *doc;
	arena mem;
	size_t n;            /* entries */
	size_t *first, *count; /* per entry: its authors in keys[]/texts[] */
	const char **keys;   /* folded surname (or NULL) per author */
	const char **texts;  /* folded full name (or NULL) per author */
	size_t *next;        /* per entry: the next entry of the same year, in list order */
	strmap by_year;      /* year → first entry of that year */
	size_t *no_year;     /* entries without a year (GROBID lost the date) */
	size_t n_no_year;
};

static const char *fold_copy(argraph_cite_index *ix, strbuf *tmp, const char *s, int *bad)
{
	if (!s)
		return NULL;
	argraph_extract__fold_name(tmp, s, strlen(s));
	const char *c = tmp->failed ? NULL : arena_strdup(&ix->mem, strbuf_cstr(tmp));
	if (!c)
		*bad = 1;
	return c;
}

argraph_status argraph_extract__cite_index_new(argraph_cite_index **out, const argraph_doc *doc)
{
	argraph_cite_index *ix = calloc(1, sizeof *ix);
	strbuf tmp = {0};
	int bad = 0;
	*out = NULL;
	if (!ix)
		return ARGRAPH_ENOMEM;
	arena_init(&ix->mem);
	ix->doc = doc;
	ix->n = argraph_doc_bibentry_count(doc);
	size_t names = 0;
	for (size_t i = 0; i < ix->n; i++)
		names += argraph_doc_bibentry_at(doc, i)->author_count;
	size_t m = ix->n ? ix->n : 1, k = names ? names : 1;
	ix->first = malloc(m * sizeof *ix->first);
	ix->count = malloc(m * sizeof *ix->count);
	ix->next = malloc(m * sizeof *ix->next);
	ix->no_year = malloc(m * sizeof *ix->no_year);
	ix->keys = calloc(k, sizeof *ix->keys);
	ix->texts = calloc(k, sizeof *ix->texts);
	bad = !ix->first || !ix->count || !ix->next || !ix->no_year || !ix->keys || !ix->texts;
	for (size_t i = 0, at = 0; !bad && i < ix->n; i++) {
		const argraph_bibentry *e = argraph_doc_bibentry_at(doc, i);
		ix->first[i] = at;
		ix->count[i] = e->author_count;
		for (size_t a = 0; a < e->author_count; a++, at++) {
			const argraph_name *nm = argraph_doc_name_at(doc, e->first_author + a);
			ix->keys[at] = fold_copy(ix, &tmp, nm->key, &bad);
			ix->texts[at] = fold_copy(ix, &tmp, nm->text, &bad);
		}
	}
	/* chains of entries by year, in list order (built from the back) */
	for (size_t i = ix->n; !bad && i-- > 0;) {
		const argraph_bibentry *e = argraph_doc_bibentry_at(doc, i);
		ix->next[i] = ARGRAPH_NONE;
		if (e->is_note || !e->author_count)
			continue;
		if (!e->year) {
			ix->no_year[ix->n_no_year++] = i;
			continue;
		}
		ix->next[i] = strmap_get(&ix->by_year, e->year);
		bad = strmap_put(&ix->by_year, e->year, i) < 0;
	}
	/* no_year was filled from the back: list order again */
	for (size_t i = 0; i < ix->n_no_year / 2; i++) {
		size_t t = ix->no_year[i];
		ix->no_year[i] = ix->no_year[ix->n_no_year - 1 - i];
		ix->no_year[ix->n_no_year - 1 - i] = t;
	}
	strbuf_release(&tmp);
	if (bad) {
		argraph_extract__cite_index_free(ix);
		return ARGRAPH_ENOMEM;
	}
	*out = ix;
	return ARGRAPH_OK;
}

void argraph_extract__cite_index_free(argraph_cite_index *ix)
{
	if (!ix)
		return;
	free(ix->first);
	free(ix->count);
	free(ix->next);
	free(ix->no_year);
	free(ix->keys);
	free(ix->texts);
	strmap_release(&ix->by_year);
	arena_release(&ix->mem);
	free(ix);
}

/* Best score of author k (its surname key, else its full text). */
static int author_score(const argraph_cite_index *ix, size_t k, const char *want)
{
	int best = ix->keys[k] ? name_score(ix->keys[k], want) : 0;
	if (best < 100 && ix->texts[k]) {
		int s = name_score(ix->texts[k], want);
		if (s > best)
			best = s;
	}
	return best;
}

#define MAX_CANDIDATES 32

/* Score entry i for the cited surnames; 0 if it does not fit. */
static int entry_score(const argraph_cite_index *ix, size_t i, const char *want1, const char *want2)
{
	size_t f = ix->first[i], n = ix->count[i];
	int score = author_score(ix, f, want1);
	/* GROBID sometimes takes a forename for a first author: the cited
	 * surname as a co-author's */
	for (size_t k = 1; score == 0 && k < n; k++)
		if (author_score(ix, f + k, want1) >= 90)
			score = 40;
	if (score == 0)
		return 0;
	if (want2) {
		int co = 0;
		for (size_t k = 1; !co && k < n; k++)
			co = author_score(ix, f + k, want2) >= 60;
		score += co ? 20 : -10;
	}
	return score;
}

size_t argraph_extract__find_entry(const argraph_cite_index *ix, const char *author, size_t an,
	const char *year, size_t yn)
{
	size_t sp[2][2];
	int ns = 0;
	char y[5];
	size_t found = ARGRAPH_NONE;
	strbuf want1 = {0}, want2 = {0};
	if (!ix || !author || !year || yn < 4)
		return ARGRAPH_NONE;
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)year[i]))
			return ARGRAPH_NONE;
	memcpy(y, year, 4);
	y[4] = '\0';
	char suffix = yn > 4 && year[4] >= 'a' && year[4] <= 'z' ? year[4] : 0;
	surnames(author, an, sp, &ns);
	if (!ns)
		return ARGRAPH_NONE;
	argraph_extract__fold_name(&want1, author + sp[0][0], sp[0][1] - sp[0][0]);
	if (ns > 1)
		argraph_extract__fold_name(&want2, author + sp[1][0], sp[1][1] - sp[1][0]);
	if (!want1.len || want1.failed || want2.failed)
		goto done;
	/* the best-scoring entries, in list order: those of the year, then
	 * those without a date whose text has the year (a little weaker) */
	size_t cand[MAX_CANDIDATES];
	size_t nc = 0;
	int best = 0;
	const char *w2 = ns > 1 && want2.len ? strbuf_cstr(&want2) : NULL;
	size_t i = strmap_get(&ix->by_year, y), j = 0;
	for (;;) {
		int ys = 0;
		if (i == ARGRAPH_NONE) {
			if (j == ix->n_no_year)
				break;
			i = ix->no_year[j++];
			if (!year_in_text(argraph_doc_bibentry_at(ix->doc, i), y, 1)) {
				i = ARGRAPH_NONE;
				continue;
			}
			ys = -5;
		}
		size_t cur = i;
		i = ys ? ARGRAPH_NONE : ix->next[i];
		int score = entry_score(ix, cur, strbuf_cstr(&want1), w2);
		if (score == 0)
			continue;
		score += ys;
		if (score < 40 || score < best)
			continue;
		if (score > best) {
			best = score;
			nc = 0;
		}
		if (nc < MAX_CANDIDATES)
			cand[nc++] = cur;
	}
	if (nc == 1 || (nc > 1 && !suffix)) {
		found = cand[0]; /* without a suffix, the first of equals */
	} else if (nc > 1) {
		/* the entry whose own text has the year with this suffix (GROBID
		 * keeps it in the raw reference), else the suffix's place */
		char ys[6] = {y[0], y[1], y[2], y[3], suffix, '\0'};
		size_t with = ARGRAPH_NONE, n_with = 0;
		for (size_t k = 0; k < nc; k++)
			if (year_in_text(argraph_doc_bibentry_at(ix->doc, cand[k]), ys, 0)) {
				with = cand[k];
				n_with++;
			}
		found = n_with == 1 ? with : cand[(size_t)(suffix - 'a') < nc ? (size_t)(suffix - 'a') : nc - 1];
	}
done:
	strbuf_release(&want1);
	strbuf_release(&want2);
	return found;
}
