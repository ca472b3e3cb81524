/* SPDX-License-Identifier: MIT */
/*
 * rule_diff.h — differential checks of two rule sets (header-only, for
 * the unit tests): every match of every rule on a text, with its roles,
 * written out as lines, and two rule sets' lines compared. Used where a
 * change must not alter any match: the literal prefilter on vs off
 * (test_prefilter.c), a rewritten rule file vs the original
 * (test_rules_rewrites.c). Functions are static inline, so a test may
 * use only some. A test that includes it defines _POSIX_C_SOURCE (setenv).
 */
#ifndef ARGRAPH_TEST_RULE_DIFF_H
#define ARGRAPH_TEST_RULE_DIFF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/rules.h"
#include "harness.h"
#include "util/strbuf.h"

/* A rule set from rule-file text, with the literal prefilter on or off;
 * its load must succeed (checked, problems printed). */
static inline argraph_ruleset *load_string(const char *s, int prefilter)
{
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	if (!prefilter)
		setenv("ARGRAPH_NO_PREFILTER", "1", 1);
	INT_EQ(argraph_rules_new(&rs), ARGRAPH_OK);
	unsetenv("ARGRAPH_NO_PREFILTER");
	argraph_diags_new(&d);
	argraph_status st = argraph_rules_load_mem(rs, s, strlen(s), "mem.rules", d);
	if (st != ARGRAPH_OK)
		argraph_diags_print(d, stderr);
	INT_EQ(st, ARGRAPH_OK);
	argraph_diags_free(d);
	return rs;
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

#endif
