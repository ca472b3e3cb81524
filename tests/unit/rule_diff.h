/* SPDX-License-Identifier: MIT */
/*
 * rule_diff.h — differential checks of two rule sets (header-only, for
 * the unit tests): every match of every rule on a text, with its roles,
 * written out as lines, and two rule sets' lines compared. Used where a
 * change must not alter any match: the literal prefilter on vs off
 * (test_prefilter.c), a rewritten rule file vs the original
 * (test_rules_rewrites.c), on the bundled texts and on texts generated
 * from them; and the bundled rule set every rule test loads. Functions
 * are static inline, so a test may use only some. A test that includes it defines _POSIX_C_SOURCE (setenv).
 */
#ifndef ARGRAPH_TEST_RULE_DIFF_H
#define ARGRAPH_TEST_RULE_DIFF_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/rules.h"
#include "harness.h"
#include "util/strbuf.h"

/* A rule set from the rule-file texts[0..n), made and loaded with the
 * environment variable `off` (NULL: none) set to "1": the switch that
 * turns an exactly equivalent speed-up off, for comparing
 * (ARGRAPH_NO_PREFILTER, ARGRAPH_NO_INLINE, ARGRAPH_NO_FACTOR). Every load
 * must succeed (checked, problems printed). */
static inline argraph_ruleset *load_texts_with(const char *const *texts, size_t n,
	const char *off)
{
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	if (off)
		setenv(off, "1", 1);
	INT_EQ(argraph_rules_new(&rs), ARGRAPH_OK);
	argraph_diags_new(&d);
	for (size_t i = 0; i < n; i++)
		INT_EQ(argraph_rules_load_mem(rs, texts[i], strlen(texts[i]), "mem.rules", d),
			ARGRAPH_OK);
	if (off)
		unsetenv(off);
	if (argraph_diags_count(d))
		argraph_diags_print(d, stderr);
	argraph_diags_free(d);
	return rs;
}

/* The rule files zh and en (their text) as one rule set, with the
 * defines inlined for matching or not (ARGRAPH_NO_INLINE). */
static inline argraph_ruleset *load_pair(const char *zh, const char *en, int inline_defs)
{
	const char *const texts[] = {zh, en};
	return load_texts_with(texts, 2, inline_defs ? NULL : "ARGRAPH_NO_INLINE");
}

/* A rule set from rule-file text, with the literal prefilter on or off. */
static inline argraph_ruleset *load_string(const char *s, int prefilter)
{
	return load_texts_with(&s, 1, prefilter ? NULL : "ARGRAPH_NO_PREFILTER");
}

/* The bundled rule files (every .rules file of srcdir/rules) as one rule
 * set, as the CLI loads them, with `off` set as for load_texts_with(); the
 * load must succeed (checked, problems printed). */
static inline argraph_ruleset *load_bundled_with(const char *srcdir, const char *off)
{
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	char dir[4096];
	if (off)
		setenv(off, "1", 1);
	INT_EQ(argraph_rules_new(&rs), ARGRAPH_OK);
	argraph_diags_new(&d);
	snprintf(dir, sizeof dir, "%s/rules", srcdir);
	INT_EQ(argraph_rules_load_dir(rs, dir, d), ARGRAPH_OK);
	if (off)
		unsetenv(off);
	if (argraph_diags_count(d))
		argraph_diags_print(d, stderr);
	argraph_diags_free(d);
	return rs;
}

/* The bundled rule files with the literal prefilter on or off. */
static inline argraph_ruleset *load_bundled_rules(const char *srcdir, int prefilter)
{
	return load_bundled_with(srcdir, prefilter ? NULL : "ARGRAPH_NO_PREFILTER");
}

/* The matches of one call, as "id begin-end role=begin-end …" lines. */
typedef struct got {
	char buf[1 << 16];
	size_t len, n;
} got;

static inline int collect(void *user, const argraph_rule_match *m)
{
	got *g = user;
	int w = snprintf(g->buf + g->len, sizeof g->buf - g->len, "%s %zu-%zu",
		argraph_rule_get_id(m->rule), m->begin, m->end);
	if (w > 0 && (size_t)w < sizeof g->buf - g->len)
		g->len += (size_t)w;
	for (size_t i = 0; i < m->span_count; i++) {
		w = snprintf(g->buf + g->len, sizeof g->buf - g->len, " %s=%zu-%zu",
			m->spans[i].role ? m->spans[i].role : "?", m->spans[i].begin, m->spans[i].end);
		if (w > 0 && (size_t)w < sizeof g->buf - g->len)
			g->len += (size_t)w;
	}
	if (g->len + 1 < sizeof g->buf)
		g->buf[g->len++] = '\n';
	g->buf[g->len] = '\0';
	g->n++;
	return 0;
}

/* Texts compared, texts whose matches differed, matches seen. */
static size_t compared, differed, matched;

/* Match text t with both rule sets; count a difference (and show the
 * first five) when the statuses or the match lines differ. */
static inline void compare(argraph_ruleset *a_rs, argraph_ruleset *b_rs, const char *lang,
	const char *t, size_t n)
{
	static got a, b;
	a.len = a.n = b.len = b.n = 0;
	a.buf[0] = b.buf[0] = '\0';
	argraph_status s1 = argraph_rules_match(a_rs, ARGRAPH_RULE_NONE, lang, t, n, collect, &a);
	argraph_status s2 = argraph_rules_match(b_rs, ARGRAPH_RULE_NONE, lang, t, n, collect, &b);
	compared++;
	matched += a.n;
	if (s1 != s2 || a.len != b.len || strcmp(a.buf, b.buf) != 0) {
		if (differed++ < 5)
			fprintf(stderr, "the matches of [%.*s] differ:\n%s--- vs ---\n%s",
				(int)(n > 200 ? 200 : n), t, a.buf, b.buf);
	}
}

/* Each of texts[0..n), in no language, in Chinese and in English. */
static inline void compare_each(argraph_ruleset *a_rs, argraph_ruleset *b_rs,
	const char *const *texts, size_t n)
{
	static const char *const langs[] = {NULL, "zh", "en"};
	for (size_t i = 0; i < n; i++)
		for (size_t l = 0; l < 3; l++)
			compare(a_rs, b_rs, langs[l], texts[i], strlen(texts[i]));
}

/* Every line of text[0..len), in no language, in Chinese and in English,
 * and runs of 8 lines joined (no language). */
static inline void compare_text(argraph_ruleset *a_rs, argraph_ruleset *b_rs, const char *text,
	size_t len)
{
	static const char *const langs[] = {NULL, "zh", "en"};
	strbuf run = {0};
	int k = 0;
	for (const char *line = text, *nl; line < text + len; line = nl + 1) {
		if (!(nl = memchr(line, '\n', (size_t)(text + len - line))))
			nl = text + len;
		size_t n = (size_t)(nl - line);
		if (n && line[n - 1] == '\r')
			n--;
		for (size_t l = 0; l < 3; l++)
			compare(a_rs, b_rs, langs[l], line, n);
		strbuf_append(&run, line, n);
		if (++k % 8 == 0) {
			compare(a_rs, b_rs, NULL, strbuf_cstr(&run), run.len);
			strbuf_reset(&run);
		}
	}
	compare(a_rs, b_rs, NULL, strbuf_cstr(&run), run.len);
	strbuf_release(&run);
}

/* compare_text over the bundled texts the rules are written for: the rule
 * specs, the rule files themselves, the corpus papers and the Chinese test
 * document, read from `srcdir` (the source tree). */
static inline void compare_bundled(argraph_ruleset *a_rs, argraph_ruleset *b_rs, const char *srcdir)
{
	static const char *const files[] = {
		"tests/rules/zh.spec", "tests/rules/en.spec", "rules/zh.rules", "rules/en.rules",
		"corpus/nato-alliance.tei.xml", "corpus/alliance-persistence.en.tei.xml",
		"tests/data/tei/mini-zh.tei.xml"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len;
		char *text = test_slurp_in(srcdir, files[i], &len);
		if (!text)
			continue;
		compare_text(a_rs, b_rs, text, len);
		free(text);
	}
}

/* ---- generated texts ----
 * Texts made by cutting up and shuffling the bundled texts, with what the
 * rules are sensitive to thrown in: clause punctuation, brackets,
 * abbreviations, citations, numbers, odd white space (a tab, a line feed,
 * a no-break space), and the keywords of the rule files. A rewrite that
 * changes a match only where, say, "et al." meets a cue word shows here
 * rather than in the bundled sentences. Deterministic: a seed gives the
 * same texts everywhere. */

/* xorshift64*: small, and the same on every platform. */
static inline uint64_t gen_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static inline size_t gen_below(uint64_t *s, size_t n)
{
	return n ? (size_t)((gen_rand(s) >> 11) % n) : 0;
}

/* A piece of text to build with (pointing into a text read, or a literal);
 * tight: no white space before it. */
typedef struct gen_span {
	const char *s;
	size_t n;
	int tight;
} gen_span;

typedef struct gen_list {
	gen_span *v;
	size_t n, cap;
} gen_list;

static inline void gen_push(gen_list *l, const char *s, size_t n)
{
	if (!n)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 1024;
		gen_span *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (gen_span){s, n, 0};
}

/* Bytes of the UTF-8 character starting with byte c (1 for a stray byte). */
static inline size_t gen_char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static inline int gen_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Cut s[0..n) into words at white space, leaving out markup (<…>); a word
 * with non-ASCII characters (Chinese has no spaces) is cut further into
 * runs of one to three characters. */
static inline void gen_cut(gen_list *words, const char *s, size_t n, uint64_t *rng)
{
	size_t i = 0;
	while (i < n) {
		if (gen_space(s[i])) {
			i++;
			continue;
		}
		if (s[i] == '<') {
			while (i < n && s[i] != '>')
				i++;
			i++;
			continue;
		}
		size_t b = i;
		int ascii = 1;
		while (i < n && !gen_space(s[i]) && s[i] != '<')
			ascii &= (unsigned char)s[i++] < 0x80;
		if (ascii) {
			gen_push(words, s + b, i - b);
			continue;
		}
		for (size_t k = b; k < i;) {
			size_t e = k, chars = 1 + gen_below(rng, 3);
			for (size_t c = 0; c < chars && e < i; c++)
				e += gen_char_len((unsigned char)s[e]);
			if (e > i)
				e = i;
			gen_push(words, s + k, e - k);
			k = e;
		}
	}
}

/* The keywords of rule-file text: every run of two or more ASCII letters
 * and every run of Chinese characters on a define, pattern or cue line. */
static inline void gen_keywords(gen_list *words, const char *s, size_t n)
{
	for (const char *line = s, *nl; line < s + n; line = nl + 1) {
		if (!(nl = memchr(line, '\n', (size_t)(s + n - line))))
			nl = s + n;
		if (strncmp(line, "define ", 7) != 0 && strncmp(line, "  pattern ", 10) != 0
			&& strncmp(line, "  cue ", 6) != 0)
			continue;
		for (const char *p = line; p < nl;) {
			const char *b = p;
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
				while (p < nl && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
					p++;
				if (p - b >= 2)
					gen_push(words, b, (size_t)(p - b));
			} else if ((unsigned char)*p >= 0xE4 && (unsigned char)*p <= 0xE9) {
				while (p < nl && (unsigned char)*p >= 0xE4 && (unsigned char)*p <= 0xE9)
					p += 3; /* U+4000–U+9FFF: three bytes each */
				if (p > nl)
					p = nl;
				gen_push(words, b, (size_t)(p - b));
			} else {
				p++;
			}
		}
	}
}

/* What the rules look at: clause punctuation (both scripts), brackets,
 * abbreviations, citations, numbers and dates, pronouns. */
static const char *const gen_specials[] = {
	",", ";", ":", ".", "!", "?", "\xE2\x80\x94", "-", "\"", "'", "n't", "'s", "\xE2\x80\x99s",
	"(", ")", "[", "]", ", and", ", but", ", which", ", because", ", so", ", thus",
	", however,", "\xEF\xBC\x8C", "\xE3\x80\x82", "\xEF\xBC\x9B", "\xEF\xBC\x9A", "\xE3\x80\x81",
	"\xEF\xBC\x88", "\xEF\xBC\x89", "\xE3\x80\x8A", "\xE3\x80\x8B", "\xE2\x80\x9C", "\xE2\x80\x9D",
	"et al.", "et  al.", "et al.,", "e.g.", "e.g.,", "i.e.", "Fig.", "fig. 2", "cf.", "vs.",
	"no.", "No. 5", "pp.", "p.", "etc.", "viz.", "Vol.", "eq.", "ch.", "U.S.", "al.", "g.", "e.",
	"(Smith, 2001)", "(Smith et al., 2010; Lee, 2012b)", "Waltz (1979)", "Smith et al. (2010)",
	"[3]", "[1, 2]", "(e.g., Wu et al., 2014)", "(p < 0.05)", "(n = 120)", "(unclosed",
	"1991", "in 1991", "4 April 1949", "12%", "40 per cent", "23K", "1,200", "sixteen",
	"that", "that", "because", "because of", "we", "our", "us", "It", "This", "as", "the",
	"1995\xE5\xB9\xB4", "16\xE4\xB8\xAA", "[1]", "since 2001", "mid-1990s", "on 4 April 1949",
	"August 1914", "twenty-one", "Table 3", "p<0.05", "r = -0.5", "N=40", "2.5-fold",
	/* ſ and the Kelvin sign match s and k under caseless; Arabic-Indic
	 * and full-width digits are \d under UCP */
	"\xC5\xBF" "eptember 1991", "\xC5\xBF" "ixteen", "april 1999", "in may 2001", "\xE2\x84\xAA", "\xD9\xA1\xD9\xA9\xD9\xA9\xD9\xA1",
	"in \xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x99\xEF\xBC\x91",
};
/* Separators other than one space. */
static const char *const gen_seps[] = {"", "", "  ", "\t", "\n", "\xC2\xA0", " \n "};

/* One text into *out: a bundled line (or two), or a run of random words;
 * then 0 to 12 edits (insert a word or a special, delete, swap, stick a
 * special to the word before it); joined by spaces, sometimes by other
 * white space or nothing (Chinese words by nothing). */
static inline void gen_text(strbuf *out, const gen_list *lines, const gen_list *words,
	uint64_t *rng)
{
	enum { MAXT = 160 };
	gen_span t[MAXT];
	size_t n = 0;
	strbuf_reset(out);
	if (gen_below(rng, 10) < 6 && lines->n) {
		gen_list cut = {0};
		for (size_t k = gen_below(rng, 4) == 0 ? 2 : 1; k > 0; k--) {
			gen_span l = lines->v[gen_below(rng, lines->n)];
			gen_cut(&cut, l.s, l.n, rng);
		}
		for (size_t i = 0; i < cut.n && n < MAXT / 2; i++)
			t[n++] = cut.v[i];
		free(cut.v);
	} else {
		for (size_t k = 3 + gen_below(rng, 23); k > 0 && words->n; k--)
			t[n++] = words->v[gen_below(rng, words->n)];
	}
	static const size_t edits[] = {0, 1, 2, 3, 5, 8, 12};
	const size_t nsp = sizeof gen_specials / sizeof gen_specials[0];
	for (size_t k = edits[gen_below(rng, 7)]; k > 0; k--) {
		size_t op = gen_below(rng, 100), at = gen_below(rng, n + 1);
		gen_span w = {gen_specials[gen_below(rng, nsp)], 0, 0};
		w.n = strlen(w.s);
		if (op < 20 && words->n)
			w = words->v[gen_below(rng, words->n)];
		if (op < 60 && n < MAXT) { /* insert, maybe stuck to the word before */
			memmove(t + at + 1, t + at, (n - at) * sizeof *t);
			w.tight = op >= 45;
			t[at] = w;
			n++;
		} else if (op < 75 && n) { /* delete */
			at -= at == n;
			memmove(t + at, t + at + 1, (n - at - 1) * sizeof *t);
			n--;
		} else if (n > 1) { /* swap */
			size_t j = gen_below(rng, n);
			at -= at == n;
			gen_span x = t[at];
			t[at] = t[j];
			t[j] = x;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t r = gen_below(rng, 100);
		if (i == 0 ? r < 3 : r < 7)
			strbuf_puts(out, gen_seps[gen_below(rng, sizeof gen_seps / sizeof gen_seps[0])]);
		else if (i && !t[i].tight && (unsigned char)t[i].s[0] < 0x80)
			strbuf_putc(out, ' ');
		strbuf_append(out, t[i].s, t[i].n);
	}
}

/* compare() on n generated texts, each in no language, Chinese or English
 * (at random); the material is what compare_bundled reads. */
static inline void compare_generated(argraph_ruleset *a_rs, argraph_ruleset *b_rs,
	const char *srcdir, size_t n, uint64_t seed)
{
	static const char *const files[] = {
		"tests/rules/zh.spec", "tests/rules/en.spec", "rules/zh.rules", "rules/en.rules",
		"corpus/nato-alliance.tei.xml", "corpus/alliance-persistence.en.tei.xml",
		"tests/data/tei/mini-zh.tei.xml"};
	enum { NF = sizeof files / sizeof files[0] };
	static const char *const langs[] = {NULL, "zh", "en"};
	char *text[NF];
	gen_list lines = {0}, words = {0};
	uint64_t rng = seed | 1;
	for (size_t f = 0; f < NF; f++) {
		size_t len;
		if (!(text[f] = test_slurp_in(srcdir, files[f], &len)))
			continue;
		int rules = strstr(files[f], ".rules") != NULL;
		for (const char *line = text[f], *nl; line < text[f] + len; line = nl + 1) {
			if (!(nl = memchr(line, '\n', (size_t)(text[f] + len - line))))
				nl = text[f] + len;
			gen_push(&lines, line, (size_t)(nl - line));
			if (!rules)
				gen_cut(&words, line, (size_t)(nl - line), &rng);
		}
		if (rules)
			gen_keywords(&words, text[f], len);
	}
	strbuf t = {0};
	for (size_t i = 0; i < n; i++) {
		gen_text(&t, &lines, &words, &rng);
		compare(a_rs, b_rs, langs[gen_below(&rng, 3)], strbuf_cstr(&t), t.len);
	}
	strbuf_release(&t);
	free(lines.v);
	free(words.v);
	for (size_t f = 0; f < NF; f++)
		free(text[f]);
}

/* A small rule file loaded twice, *off with the speed-up that env_name
 * switches off switched off and *on with it: every line of text[0..len)
 * (and runs of them) must give the same matches with both, and at least
 * min_matches of them. 0 (both NULL) when a load failed (reported). The
 * caller looks further at the two and frees them. */
static inline int compare_switched(const char *file, const char *env_name, const char *text,
	size_t len, size_t min_matches, argraph_ruleset **off, argraph_ruleset **on)
{
	*off = load_texts_with(&file, 1, env_name);
	*on = load_texts_with(&file, 1, NULL);
	if (!*off || !*on) {
		argraph_rules_free(*off);
		argraph_rules_free(*on);
		*off = *on = NULL;
		return 0;
	}
	differed = compared = matched = 0;
	compare_text(*off, *on, text, len);
	INT_EQ(differed, 0);
	OK(matched >= min_matches);
	return 1;
}

/* The old and the new bundled rule files (the text of each) give the
 * same matches: on the bundled texts, on `crafted`, and on generated
 * texts (40,000; 2,000 under valgrind, where the rules run on PCRE2's
 * interpreter, checked at every step), with the new files' defines
 * inlined for matching and not. `label` names the comparison in the
 * summary line. */
static inline void compare_old_new(const char *label, const char *old_zh, const char *old_en,
	const char *zh, const char *en, const char *const *crafted, size_t ncrafted,
	const char *srcdir, uint64_t seed)
{
	size_t generated = test_under_valgrind() ? 2000 : 40000;
	size_t matched_before = matched;
	argraph_ruleset *a = load_pair(old_zh, old_en, 1);
	for (int inl = 1; inl >= 0; inl--) {
		argraph_ruleset *b = load_pair(zh, en, inl);
		size_t before = compared;
		compare_bundled(a, b, srcdir);
		compare_each(a, b, crafted, ncrafted);
		compare_generated(a, b, srcdir, generated, seed + (uint64_t)inl);
		OK(compared - before > generated);
		argraph_rules_free(b);
	}
	fprintf(stderr, "%s: %zu texts, %zu matches, %zu differed\n", label, compared, matched,
		differed);
	INT_EQ(differed, 0);
	OK(matched - matched_before > generated / 2); /* the texts do exercise the rules */
	argraph_rules_free(a);
}

#endif
