/* SPDX-License-Identifier: MIT */
/*
 * test_rules_trim.c — the shortcuts of trimming and splitting (match.c):
 *  - argraph_rules__edge_may_cut says "cannot" only for spans that start
 *    and end with a character the built-in edge pattern cannot cut: every
 *    such character (ASCII letters and digits, all of U+4000–U+9FFF) is
 *    checked against the compiled pattern itself;
 *  - trim and split with the shortcuts give exactly what they give when
 *    the edge pattern runs on every span (rs->edge_all), over generated
 *    spans of letters, ideographs, digits, white space, punctuation,
 *    brackets and quotes of both scripts, in Chinese, English and no
 *    language, with the bundled rule files.
 */
#define _POSIX_C_SOURCE 200809L /* setenv (rule_diff.h) */
#include "argraph/diag.h"
#include "argraph/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rule_diff.h"
#include "rules/rules_internal.h"
#include "util/strbuf.h"

static const char *srcdir = ".";

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Every code point of U+0001–U+FFFF (and a sample above): when
 * edge_may_cut says a one-character span cannot be cut, the edge pattern
 * must not match it. Each alternative of the pattern is a run of
 * characters of one class, so a character it cannot match alone can
 * neither start a match at the span's start nor end one at its end. */
static void test_plain_characters(const argraph_ruleset *rs)
{
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	size_t plain = 0, bad = 0;
	for (uint32_t cp = 1; cp < 0x110000; cp += cp < 0x10000 ? 1 : 97) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[4];
		size_t n = put_utf8(s, cp);
		if (argraph_rules__edge_may_cut(s, 0, n))
			continue;
		plain++;
		int rc = pcre2_match(rs->edge, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
		if (rc != PCRE2_ERROR_NOMATCH && bad++ < 5)
			fprintf(stderr, "U+%04X is cut by the edge pattern (rc %d)\n", (unsigned)cp, rc);
	}
	pcre2_match_data_free(md);
	INT_EQ(bad, 0);
	INT_EQ(plain, 62 + 0x6000); /* ASCII letters and digits, U+4000–U+9FFF */
	/* and the shortcut looks at both ends */
	OK(argraph_rules__edge_may_cut("a b", 0, 3) == 0);
	OK(argraph_rules__edge_may_cut("a b.", 0, 4) == 1);
	OK(argraph_rules__edge_may_cut(" ab", 0, 3) == 1);
	OK(argraph_rules__edge_may_cut("\xE5\x9B\xBD\xE3\x80\x82", 0, 6) == 1); /* 国。 */
	OK(argraph_rules__edge_may_cut("\xE3\x80\x8A\xE5\x9B\xBD", 0, 6) == 1); /* 《国 */
	OK(argraph_rules__edge_may_cut("x.y", 1, 2) == 1);
	OK(argraph_rules__edge_may_cut("x.y", 0, 0) == 0);
}

static unsigned long long rnd_state = 1;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd_state >> 33) % n);
}

#define NELEM(a) (sizeof (a) / sizeof *(a))

/* Pieces of factor texts: words and characters of both scripts (the
 * trim patterns' function words among them), white space, punctuation,
 * brackets and quotes, the list separators. */
static const char *const pieces[] = {
	"the", "a", "an", "and", "or", "of", "because", "due to", "etc.", "alone", "trade",
	"War", "2020", "x", "Z9", "国", "家", "的", "等", "了", "由于", "因为", "是", "和", "与",
	"及", "以及", "所致", "安全", "经济", "䷀", "一", "鿿", "\xE4\x80\x80", "é", "Ω",
	" ", "  ", "\t", "\xC2\xA0", "\xE3\x80\x80", ",", ";", ".", ":", "!", "?", "-", "—", "–",
	"，", "、", "；", "。", "：", "！", "？", "%", "'", "\"", "#", "&", "*", "@", "/", "\\",
	"(", ")", "[", "]", "{", "}", "（", "）", "《", "》", "“", "”", "‘", "’", "「", "」",
	"【", "】", "〈", "〉", "…", "·", "\xF0\x9F\x98\x80", "\xCC\x81",
};

/* trim and split of one text, with and without the shortcut. */
static size_t texts, differed, cut, skipped_ends;

static void compare_one(argraph_ruleset *rs, const char *lang, const char *t, size_t n)
{
	size_t b[2], e[2], ni[2];
	argraph_rule_span it[2][16];
	for (int all = 0; all < 2; all++) {
		rs->edge_all = all;
		b[all] = 0;
		e[all] = n;
		argraph_rules_trim(rs, lang, t, &b[all], &e[all]);
		ni[all] = argraph_rules_split(rs, lang, t, n, it[all], 16);
	}
	rs->edge_all = 0;
	texts++;
	cut += b[1] != 0 || e[1] != n;
	skipped_ends += !argraph_rules__edge_may_cut(t, 0, n);
	int same = b[0] == b[1] && e[0] == e[1] && ni[0] == ni[1];
	for (size_t k = 0; same && k < ni[0]; k++)
		same = it[0][k].begin == it[1][k].begin && it[0][k].end == it[1][k].end;
	if (!same && differed++ < 5)
		fprintf(stderr, "lang %s [%.*s]: trim %zu-%zu vs %zu-%zu, split %zu vs %zu items\n",
			lang ? lang : "-", (int)n, t, b[0], e[0], b[1], e[1], ni[0], ni[1]);
}

static void test_same_as_edge_everywhere(argraph_ruleset *rs)
{
	static const char *const langs[] = {"zh", "en", NULL};
	strbuf t = {0};
	unsigned count = test_under_valgrind() ? 3000 : 30000;
	for (unsigned k = 0; k < count; k++) {
		strbuf_reset(&t);
		for (unsigned c = 0, m = 1 + rnd(k % 3 ? 6 : 14); c < m; c++)
			strbuf_puts(&t, pieces[rnd(NELEM(pieces))]);
		compare_one(rs, langs[k % 3], t.data, t.len);
	}
	strbuf_release(&t);
	INT_EQ(differed, 0);
	/* the texts exercise both: spans cut, and spans the shortcut passes */
	OK(cut * 10 > texts);
	OK(skipped_ends * 20 > texts);
	fprintf(stderr, "test_rules_trim: %zu texts, %zu cut, %zu with plain ends\n", texts, cut,
		skipped_ends);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	argraph_ruleset *rs = load_bundled_rules(srcdir, 1);
	test_plain_characters(rs);
	test_same_as_edge_everywhere(rs);
	argraph_rules_free(rs);
	return TEST_DONE();
}
