/* SPDX-License-Identifier: MIT */
/*
 * test_rules.c — the rule engine (src/rules/) and the bundled rule files.
 *
 * Covers: the kind table; rules/zh.rules and rules/en.rules load clean
 * (which runs every example, expect and counterexample in them); every bad
 * rule file in tests/rules/bad/ fails with exactly the diagnostics its
 * `# expect: line:col code text` comments name, and adds nothing (no rule,
 * no split); overriding a rule by id; exact role spans (bytes) for Chinese
 * and English sentences; split (brackets respected) and trim; the kind and
 * language filters, priority order and stopping early; empty-match safety;
 * the match limit; cues; the literate spec files tests/rules/{zh,en}.spec; a few
 * format details (BOM, CRLF, comments, define, quoted expect, counters);
 * and matching from several threads at once.
 *
 * argv[1] is the source directory.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strtok_r, dirent */
#include "argraph/diag.h"
#include "argraph/rules.h"

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "rules/rules_internal.h"

static const char *srcdir = ".";

static const char *path_of(const char *rel)
{
	static char buf[4][4096];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", srcdir, rel);
	return buf[k];
}

/* ---- collecting matches ---- */

typedef struct got_match {
	const argraph_rule *rule;
	size_t begin, end, nspans;
	argraph_rule_span spans[ARGRAPH_RULES_MAX_ROLES];
} got_match;

typedef struct got {
	got_match m[256];
	size_t n;
	size_t stop_after; /* 0: never stop */
	size_t calls;
} got;

static int collect(void *user, const argraph_rule_match *m)
{
	got *g = user;
	g->calls++;
	if (g->n < sizeof g->m / sizeof g->m[0]) {
		got_match *x = &g->m[g->n++];
		x->rule = m->rule;
		x->begin = m->begin;
		x->end = m->end;
		x->nspans = m->span_count;
		memcpy(x->spans, m->spans, sizeof x->spans);
	}
	return g->stop_after && g->calls >= g->stop_after;
}

static const got_match *find_match(const got *g, const char *rule_id, size_t nth)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(argraph_rule_get_id(g->m[i].rule), rule_id) == 0 && nth-- == 0)
			return &g->m[i];
	return NULL;
}

static const argraph_rule_span *span_of(const got_match *m, const char *role)
{
	for (size_t i = 0; m && i < m->nspans; i++)
		if (strcmp(m->spans[i].role, role) == 0)
			return &m->spans[i];
	return NULL;
}

/* The text of a span, in a small rotating buffer. */
static const char *text_of(const char *text, const argraph_rule_span *s)
{
	static char buf[8][1024];
	static int k;
	if (!s)
		return NULL;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%.*s", (int)(s->end - s->begin), text + s->begin);
	return buf[k];
}

/* List items of a role, joined with |. */
static const char *items_of(const argraph_ruleset *rs, const char *lang,
	const char *text, const argraph_rule_span *s)
{
	static char buf[2048];
	argraph_rule_span it[32];
	size_t n, used = 0;
	buf[0] = '\0';
	if (!s)
		return NULL;
	n = argraph_rules_split(rs, lang, text + s->begin, s->end - s->begin, it, 32);
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%.*s", i ? "|" : "",
			(int)(it[i].end - it[i].begin), text + s->begin + it[i].begin);
	return buf;
}

static argraph_ruleset *load_bundled(void)
{
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	OK(argraph_rules_new(&rs) == ARGRAPH_OK);
	OK(argraph_diags_new(&d) == ARGRAPH_OK);
	INT_EQ(argraph_rules_load_file(rs, path_of("rules/zh.rules"), d), ARGRAPH_OK);
	INT_EQ(argraph_rules_load_file(rs, path_of("rules/en.rules"), d), ARGRAPH_OK);
	if (argraph_diags_count(d))
		argraph_diags_print(d, stderr);
	argraph_diags_free(d);
	return rs;
}

/* ---- tests ---- */

static void test_kind_names(void)
{
	for (int k = 1; k < ARGRAPH_RULE__COUNT; k++) {
		const char *name = argraph_rule_kind_name((argraph_rule_kind)k);
		OK(name != NULL);
		INT_EQ(argraph_rule_kind_from_name(name), k);
	}
	OK(argraph_rule_kind_name(ARGRAPH_RULE_NONE) == NULL);
	OK(argraph_rule_kind_name(ARGRAPH_RULE__COUNT) == NULL);
	INT_EQ(argraph_rule_kind_from_name("causal"), ARGRAPH_RULE_NONE);
	INT_EQ(argraph_rule_kind_from_name(NULL), ARGRAPH_RULE_NONE);
	STR_EQ(argraph_rule_kind_name(ARGRAPH_RULE_CAUSE), "cause");
	STR_EQ(argraph_rule_kind_name(ARGRAPH_RULE_CITATION), "citation");
}

static void test_bundled(void)
{
	static const char *const files[] = {"rules/zh.rules", "rules/en.rules"};
	for (size_t f = 0; f < 2; f++) {
		argraph_ruleset *rs = NULL;
		argraph_diags *d = NULL;
		OK(argraph_rules_new(&rs) == ARGRAPH_OK);
		OK(argraph_diags_new(&d) == ARGRAPH_OK);
		INT_EQ(argraph_rules_load_file(rs, path_of(files[f]), d), ARGRAPH_OK);
		INT_EQ(argraph_diags_count(d), 0);
		argraph_diags_print(d, stderr);
		/* A useful number of rules, every kind covered, one language. */
		size_t n = argraph_rules_count(rs);
		OK(n >= 25 && n <= 60);
		int seen[ARGRAPH_RULE__COUNT] = {0};
		for (size_t i = 0; i < n; i++) {
			const argraph_rule *r = argraph_rules_at(rs, i);
			seen[argraph_rule_get_kind(r)]++;
			STR_EQ(argraph_rule_get_lang(r), f == 0 ? "zh" : "en");
			STR_EQ(argraph_rule_get_file(r), path_of(files[f]));
			OK(argraph_rule_get_line(r) > 0);
			OK(argraph_rules_find(rs, argraph_rule_get_id(r)) == r);
		}
		for (int k = 1; k < ARGRAPH_RULE__COUNT; k++)
			OK(seen[k] > 0);
		OK(argraph_rules_at(rs, n) == NULL);
		argraph_diags_free(d);
		argraph_rules_free(rs);
	}
}

/* The base every bad file is loaded on top of: one rule and a split for zh. */
static const char base_rules[] =
	"language zh\n"
	"split 、\n"
	"rule base.hedge hedge\n"
	"  pattern 可能\n"
	"  example 这可能是真的。\n";

typedef struct want_diag {
	unsigned line, col;
	char code[64];
	char text[512];
} want_diag;

static size_t read_wants(const char *buf, want_diag *w, size_t max)
{
	size_t n = 0;
	const char *p = buf;
	while ((p = strstr(p, "# expect: ")) != NULL) {
		p += strlen("# expect: ");
		const char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		if (n < max) {
			int used = 0;
			if (sscanf(p, "%u:%u %63s %n", &w[n].line, &w[n].col, w[n].code, &used) >= 3) {
				snprintf(w[n].text, sizeof w[n].text, "%.*s", (int)(eol - p - used), p + used);
				n++;
			}
		}
		p = eol;
	}
	return n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_bad_files(void)
{
	char *names[128];
	size_t nnames = 0;
	DIR *dir = opendir(path_of("tests/rules/bad"));
	OK(dir != NULL);
	if (!dir)
		return;
	for (struct dirent *e; (e = readdir(dir)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (l > 6 && strcmp(e->d_name + l - 6, ".rules") == 0 && nnames < 128)
			names[nnames++] = strdup(e->d_name);
	}
	closedir(dir);
	qsort(names, nnames, sizeof names[0], cmp_str);
	/* One per kind of error in the brief, at least. */
	OK(nnames >= 20);

	for (size_t f = 0; f < nnames; f++) {
		char rel[512];
		size_t len = 0;
		snprintf(rel, sizeof rel, "tests/rules/bad/%s", names[f]);
		char *buf = test_slurp(path_of(rel), &len);
		OK(buf != NULL);
		if (!buf)
			continue;
		want_diag want[16];
		size_t nwant = read_wants(buf, want, 16);
		if (nwant == 0)
			fprintf(stderr, "%s: no `# expect:` line\n", rel);
		OK(nwant > 0);

		argraph_ruleset *rs = NULL;
		argraph_diags *d = NULL;
		argraph_rules_new(&rs);
		argraph_diags_new(&d);
		INT_EQ(argraph_rules_load_mem(rs, base_rules, sizeof base_rules - 1, "base", d),
			ARGRAPH_OK);
		const argraph_rule *base = argraph_rules_find(rs, "base.hedge");
		OK(base != NULL);
		argraph_diags_clear(d);

		argraph_status st = argraph_rules_load_file(rs, path_of(rel), d);
		if (st != ARGRAPH_EPARSE || argraph_diags_count(d) != nwant) {
			fprintf(stderr, "%s: status %d, diagnostics:\n", rel, st);
			argraph_diags_print(d, stderr);
		}
		INT_EQ(st, ARGRAPH_EPARSE);
		INT_EQ(argraph_diags_count(d), nwant);
		for (size_t k = 0; k < nwant && k < argraph_diags_count(d); k++) {
			const argraph_diag *g = argraph_diags_at(d, k);
			INT_EQ(g->severity, ARGRAPH_SEV_ERROR);
			STR_EQ(g->pos.file, path_of(rel));
			INT_EQ(g->pos.line, want[k].line);
			INT_EQ(g->pos.column, want[k].col);
			STR_EQ(g->code, want[k].code);
			STR_CONTAINS(g->message, want[k].text);
		}

		/* Nothing from the file was added: the same one rule, the same
		 * split for zh, and no id of the file. */
		INT_EQ(argraph_rules_count(rs), 1);
		OK(argraph_rules_find(rs, "base.hedge") == base);
		for (const char *p = buf; (p = strstr(p, "\nrule ")) != NULL;) {
			char id[128] = "";
			sscanf(p + 6, "%127s", id);
			OK(argraph_rules_find(rs, id) == NULL || strcmp(id, "base.hedge") == 0);
			p += 6;
		}
		static const char list[] = "甲、乙，丙和丁";
		argraph_rule_span it[8];
		INT_EQ(argraph_rules_split(rs, "zh", list, sizeof list - 1, it, 8), 2);
		INT_EQ(argraph_rules_limit_hits(rs), 0);

		argraph_diags_free(d);
		argraph_rules_free(rs);
		free(buf);
		free(names[f]);
	}
}

static void test_override(void)
{
	argraph_ruleset *rs = load_bundled();
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	size_t n = argraph_rules_count(rs);
	const argraph_rule *old = argraph_rules_find(rs, "zh.cause.joint");
	OK(old != NULL);
	size_t at = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		if (argraph_rules_at(rs, i) == old)
			at = i;

	INT_EQ(argraph_rules_load_file(rs, path_of("tests/rules/override.rules"), d), ARGRAPH_OK);
	argraph_diags_print(d, stderr);
	/* One rule replaced in place, one added at the end. */
	INT_EQ(argraph_rules_count(rs), n + 1);
	const argraph_rule *now = argraph_rules_find(rs, "zh.cause.joint");
	OK(now != NULL && now != old);
	OK(argraph_rules_at(rs, at) == now);
	STR_EQ(argraph_rule_get_file(now), path_of("tests/rules/override.rules"));
	OK(argraph_rules_find(rs, "user.hedge.maybe") == argraph_rules_at(rs, n));
	/* The replaced rule is still readable. */
	STR_EQ(argraph_rule_get_id(old), "zh.cause.joint");
	STR_EQ(argraph_rule_get_file(old), path_of("rules/zh.rules"));

	/* The new pattern is the one that runs. */
	static const char t1[] = "战争乃是贪婪与恐惧共同作用之结果。";
	static const char t2[] = "冷战的结束是经济衰退与政治改革共同作用的结果。";
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_CAUSE, "zh", t1, sizeof t1 - 1, collect, &g);
	const got_match *m = find_match(&g, "zh.cause.joint", 0);
	OK(m != NULL);
	STR_EQ(text_of(t1, span_of(m, "effect")), "战争");
	STR_EQ(items_of(rs, "zh", t1, span_of(m, "cause")), "贪婪|恐惧");
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_CAUSE, "zh", t2, sizeof t2 - 1, collect, &g);
	OK(find_match(&g, "zh.cause.joint", 0) == NULL);
	argraph_diags_free(d);
	argraph_rules_free(rs);
}

static void test_spans_zh(argraph_ruleset *rs)
{
	/* "后冷战时代，" is 6 characters, 18 bytes. */
	static const char t[] =
		"后冷战时代，北约的扩张与存续是美国霸权的战略选择、欧洲的自主战略和北约内部的制度化改革共同作用的结果。";
	got g = {0};
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_CAUSE, "zh-Hans", t, sizeof t - 1, collect, &g),
		ARGRAPH_OK);
	const got_match *m = find_match(&g, "zh.cause.joint", 0);
	OK(m != NULL);
	if (m) {
		const argraph_rule_span *e = span_of(m, "effect"), *c = span_of(m, "cause");
		OK(e && c);
		INT_EQ(m->nspans, 2);
		STR_EQ(m->spans[0].role, "effect"); /* pattern order */
		INT_EQ(e->begin, 18);
		INT_EQ(e->end, 18 + 8 * 3);
		STR_EQ(text_of(t, e), "北约的扩张与存续");
		INT_EQ(c->begin, 18 + 9 * 3); /* after 是 */
		STR_EQ(text_of(t, c), "美国霸权的战略选择、欧洲的自主战略和北约内部的制度化改革");
		OK(argraph_rule_role_is_list(m->rule, "cause"));
		OK(!argraph_rule_role_is_list(m->rule, "effect"));
		OK(!argraph_rule_role_is_list(m->rule, "nosuchrole"));
		/* The effect is not a list: 与 inside it is never split. */
		argraph_rule_span it[8];
		size_t n = argraph_rules_split(rs, "zh", t + c->begin, c->end - c->begin, it, 8);
		INT_EQ(n, 3);
		STR_EQ(items_of(rs, "zh", t, c), "美国霸权的战略选择|欧洲的自主战略|北约内部的制度化改革");
		/* Item spans are relative to the text given to split. */
		INT_EQ(it[0].begin, 0);
		INT_EQ(it[0].end, 9 * 3);
		OK(it[0].role == NULL);
		/* Only one cause rule matches this sentence. */
		INT_EQ(g.n, 1);
	}

	/* Report: the asserter stops before 则; the claim runs to the end. */
	static const char r[] = "沃尔兹则表示北约失去了防御目标后就是一项担保条约。";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_REPORT, "zh", r, sizeof r - 1, collect, &g);
	m = find_match(&g, "zh.report.verb", 0);
	OK(m != NULL);
	INT_EQ(g.n, 1);
	if (m) {
		const argraph_rule_span *a = span_of(m, "asserter");
		OK(a && a->begin == 0 && a->end == 9);
		STR_EQ(text_of(r, span_of(m, "claim")), "北约失去了防御目标后就是一项担保条约");
	}

	/* "X认为A导致B": the cause is A, not "X认为A". */
	static const char c2[] = "有学者认为，制度惯性导致联盟难以解体。";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_CAUSE, "zh", c2, sizeof c2 - 1, collect, &g);
	m = find_match(&g, "zh.cause.lead-to", 0);
	STR_EQ(text_of(c2, span_of(m, "cause")), "制度惯性");
	STR_EQ(text_of(c2, span_of(m, "effect")), "联盟难以解体");

	/* 本文认为 is the paper's thesis, never a report. */
	static const char th[] = "本文认为，联盟的存续取决于其制度化水平。";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "zh", th, sizeof th - 1, collect, &g);
	OK(find_match(&g, "zh.thesis.verb", 0) != NULL);
	for (size_t i = 0; i < g.n; i++)
		OK(argraph_rule_get_kind(g.m[i].rule) != ARGRAPH_RULE_REPORT);
	STR_EQ(text_of(th, span_of(find_match(&g, "zh.thesis.verb", 0), "claim")),
		"联盟的存续取决于其制度化水平");

	/* Citation: author and year of （汉斯·摩根索，1948）. */
	static const char ci[] = "它就不会结盟（汉斯·摩根索，1948）。";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_CITATION, "zh", ci, sizeof ci - 1, collect, &g);
	INT_EQ(g.n, 1);
	m = find_match(&g, "zh.citation.paren", 0);
	STR_EQ(text_of(ci, span_of(m, "author")), "汉斯·摩根索");
	STR_EQ(text_of(ci, span_of(m, "year")), "1948");
}

static void test_spans_en(argraph_ruleset *rs)
{
	static const char t[] =
		"The expansion and survival of NATO was the result of the strategic choice of "
		"American hegemony, the independent strategy of Europe and the institutionalized "
		"reform within NATO.";
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_CAUSE, "en", t, sizeof t - 1, collect, &g);
	INT_EQ(g.n, 1);
	const got_match *m = find_match(&g, "en.cause.result-of", 0);
	OK(m != NULL);
	if (m) {
		const argraph_rule_span *e = span_of(m, "effect"), *c = span_of(m, "cause");
		INT_EQ(e->begin, 0);
		INT_EQ(e->end, strlen("The expansion and survival of NATO"));
		INT_EQ(c->begin, strlen("The expansion and survival of NATO was the result of "));
		INT_EQ(c->end, sizeof t - 2); /* up to the full stop */
		STR_EQ(items_of(rs, "en", t, c),
			"strategic choice of American hegemony|independent strategy of Europe|"
			"institutionalized reform within NATO");
	}

	static const char r[] = "Waltz (1979) argues that states balance against power.";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", r, sizeof r - 1, collect, &g);
	INT_EQ(g.n, 2);
	m = find_match(&g, "en.report.verb", 0);
	STR_EQ(text_of(r, span_of(m, "asserter")), "Waltz (1979)");
	STR_EQ(text_of(r, span_of(m, "claim")), "states balance against power");
	m = find_match(&g, "en.citation.narrative", 0);
	STR_EQ(text_of(r, span_of(m, "author")), "Waltz");
	STR_EQ(text_of(r, span_of(m, "year")), "1979");

	/* One citation match per author-year pair; a numeric marker. */
	static const char c[] = "Noted before (Smith et al., 2010; Lee, 2012) and in [2,3].";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_CITATION, "en", c, sizeof c - 1, collect, &g);
	INT_EQ(g.n, 3);
	STR_EQ(text_of(c, span_of(find_match(&g, "en.citation.paren", 0), "author")), "Smith et al.");
	STR_EQ(text_of(c, span_of(find_match(&g, "en.citation.paren", 1), "author")), "Lee");
	STR_EQ(text_of(c, span_of(find_match(&g, "en.citation.paren", 1), "year")), "2012");
	STR_EQ(text_of(c, span_of(find_match(&g, "en.citation.numeric", 0), "marker")), "2,3");
	OK(span_of(find_match(&g, "en.citation.numeric", 0), "author") == NULL);

	/* "we argue" is a thesis, not a report. */
	static const char w[] = "We argue that alliances persist.";
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", w, sizeof w - 1, collect, &g);
	INT_EQ(g.n, 1);
	OK(find_match(&g, "en.thesis.verb", 0) != NULL);
}

static void test_split_trim(argraph_ruleset *rs)
{
	size_t b, e;
	static const char z[] = "，由于美国霸权的战略选择的";
	b = 0;
	e = sizeof z - 1;
	argraph_rules_trim(rs, "zh", z, &b, &e);
	INT_EQ(b, strlen("，由于"));
	INT_EQ(e, sizeof z - 1 - strlen("的"));

	static const char en[] = " the strategic choice of American hegemony, ";
	b = 0;
	e = sizeof en - 1;
	argraph_rules_trim(rs, "en", en, &b, &e);
	STR_EQ(text_of(en, &(argraph_rule_span){NULL, b, e}), "strategic choice of American hegemony");

	/* Balanced brackets and quotes stay; an unmatched one goes. */
	static const char q[] = "“美国优先”原则（特朗普）";
	b = 0;
	e = sizeof q - 1;
	argraph_rules_trim(rs, "zh", q, &b, &e);
	INT_EQ(b, 0);
	INT_EQ(e, sizeof q - 1);
	static const char u[] = "Waltz (1979)) and";
	b = 0;
	e = sizeof u - 1;
	argraph_rules_trim(rs, "en", u, &b, &e);
	STR_EQ(text_of(u, &(argraph_rule_span){NULL, b, e}), "Waltz (1979)) and");
	static const char u2[] = "(Waltz 1979";
	b = 0;
	e = sizeof u2 - 1;
	argraph_rules_trim(rs, "en", u2, &b, &e);
	STR_EQ(text_of(u2, &(argraph_rule_span){NULL, b, e}), "Waltz 1979");
	static const char pct[] = "增长了5%，";
	b = 0;
	e = sizeof pct - 1;
	argraph_rules_trim(rs, "zh", pct, &b, &e);
	STR_EQ(text_of(pct, &(argraph_rule_span){NULL, b, e}), "增长了5%");
	/* All trimmable: empty, begin == end. */
	static const char all[] = "，的了。";
	b = 0;
	e = sizeof all - 1;
	argraph_rules_trim(rs, "zh", all, &b, &e);
	INT_EQ(e - b, 0);
	/* Unknown language: only spaces and punctuation. */
	static const char x[] = " the cause, ";
	b = 0;
	e = sizeof x - 1;
	argraph_rules_trim(rs, "fr", x, &b, &e);
	STR_EQ(text_of(x, &(argraph_rule_span){NULL, b, e}), "the cause");

	/* Separators inside brackets or quotes do not split; 和平 is a word. */
	static const char s[] = "美国（以及英国、法国）、“和平与发展”和北约";
	argraph_rule_span it[8];
	size_t n = argraph_rules_split(rs, "zh", s, sizeof s - 1, it, 8);
	INT_EQ(n, 3);
	STR_EQ(text_of(s, &it[0]), "美国（以及英国、法国）");
	STR_EQ(text_of(s, &it[1]), "“和平与发展”");
	STR_EQ(text_of(s, &it[2]), "北约");
	/* max bounds what is written. */
	INT_EQ(argraph_rules_split(rs, "zh", s, sizeof s - 1, it, 2), 2);
	/* English: Oxford comma, "and", leading articles. */
	static const char l[] = "the assets, the interests of the state, and a new threat";
	n = argraph_rules_split(rs, "en-GB", l, sizeof l - 1, it, 8);
	INT_EQ(n, 3);
	STR_EQ(text_of(l, &it[0]), "assets");
	STR_EQ(text_of(l, &it[1]), "interests of the state");
	STR_EQ(text_of(l, &it[2]), "new threat");
	/* "and" inside a word is not a separator. */
	static const char w[] = "standards and brandy";
	n = argraph_rules_split(rs, "en", w, sizeof w - 1, it, 8);
	INT_EQ(n, 2);
	STR_EQ(text_of(w, &it[0]), "standards");
	/* No split pattern: one trimmed item. */
	n = argraph_rules_split(rs, NULL, l, sizeof l - 1, it, 8);
	INT_EQ(n, 1);
	INT_EQ(it[0].begin, 0);
	INT_EQ(it[0].end, sizeof l - 1);
}

static void test_filters(argraph_ruleset *rs)
{
	static const char t[] = "可能（Keohane，1984）[1]";
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_CITATION, "ZH", t, sizeof t - 1, collect, &g);
	for (size_t i = 0; i < g.n; i++) {
		INT_EQ(argraph_rule_get_kind(g.m[i].rule), ARGRAPH_RULE_CITATION);
		STR_EQ(argraph_rule_get_lang(g.m[i].rule), "zh");
	}
	INT_EQ(g.n, 2);
	/* lang NULL: every language's citation rules (the English numeric
	 * rule finds [1] too). */
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_CITATION, NULL, t, sizeof t - 1, collect, &g);
	INT_EQ(g.n, 3);
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "fr", t, sizeof t - 1, collect, &g);
	INT_EQ(g.n, 0);
	/* Priority order, then load order. */
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, t, sizeof t - 1, collect, &g);
	for (size_t i = 1; i < g.n; i++)
		OK(argraph_rule_get_priority(g.m[i - 1].rule) >= argraph_rule_get_priority(g.m[i].rule));
	/* Stop early. */
	memset(&g, 0, sizeof g);
	g.stop_after = 1;
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, t, sizeof t - 1, collect, &g),
		ARGRAPH_OK);
	INT_EQ(g.calls, 1);
	/* Bad arguments. */
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE__COUNT, NULL, t, 1, collect, &g),
		ARGRAPH_EINVALID);
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, NULL, 1, collect, &g),
		ARGRAPH_EINVALID);
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, NULL, 0, collect, &g), ARGRAPH_OK);
}

static argraph_ruleset *load_string(const char *s, argraph_diags *d)
{
	argraph_ruleset *rs = NULL;
	argraph_rules_new(&rs);
	argraph_status st = argraph_rules_load_mem(rs, s, strlen(s), "mem.rules", d);
	if (st != ARGRAPH_OK)
		argraph_diags_print(d, stderr);
	INT_EQ(st, ARGRAPH_OK);
	return rs;
}

static void test_priority(void)
{
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	argraph_ruleset *rs = load_string(
		"language en\n"
		"rule p.low hedge\n  pattern a\n  priority -5\n"
		"rule p.mid1 hedge\n  pattern a\n"
		"rule p.high hedge\n  pattern a\n  priority 7\n"
		"rule p.mid2 hedge\n  pattern a\n", d);
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", "a", 1, collect, &g);
	INT_EQ(g.n, 4);
	static const char *const order[] = {"p.high", "p.mid1", "p.mid2", "p.low"};
	for (size_t i = 0; i < 4 && i < g.n; i++)
		STR_EQ(argraph_rule_get_id(g.m[i].rule), order[i]);
	INT_EQ(argraph_rule_get_priority(argraph_rules_find(rs, "p.low")), -5);
	argraph_rules_free(rs);
	argraph_diags_free(d);
}

static void test_cue(void)
{
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	/* A cue is a quick test on the whole text: without it the rule is
	 * not tried, with it the rule runs as usual. */
	argraph_ruleset *rs = load_string(
		"language en\n"
		"define _v (?:leads?|led)\\s+to\n"
		"rule c.cue cause\n"
		"  cue     \\b(?&_v)\n"
		"  pattern (?<cause>\\w+) (?&_v) (?<effect>\\w+)\n"
		"  example war leads to ruin\n"
		"  expect  cause=war effect=ruin\n", d);
	const argraph_rule *r = argraph_rules_find(rs, "c.cue");
	OK(r != NULL && r->cue != NULL);
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", "greed led to war", 16, collect, &g);
	INT_EQ(g.n, 1);
	STR_EQ(text_of("greed led to war", span_of(&g.m[0], "effect")), "war");
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", "greed caused war", 16, collect, &g);
	INT_EQ(g.n, 0);
	argraph_rules_free(rs);
	/* A cue that the pattern does not imply (allowed without examples)
	 * shows that the rule is skipped when the cue is absent. */
	rs = load_string("language en\nrule c.skip hedge\n  cue     peace\n  pattern war\n", d);
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, "war", 3, collect, &g);
	INT_EQ(g.n, 0);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, "war and peace", 13, collect, &g);
	INT_EQ(g.n, 1);
	argraph_rules_free(rs);
	argraph_diags_free(d);
}

static void test_empty_match(void)
{
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	argraph_ruleset *rs = load_string(
		"language zh\n"
		"rule e.empty hedge\n  pattern x*\n"
		"rule e.look hedge\n  pattern (?=约)|约\n", d);
	/* "北约" is 6 bytes: an empty match at each character boundary, no
	 * more, and never inside a character. */
	static const char t[] = "北约";
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "zh", t, sizeof t - 1, collect, &g);
	size_t empties = 0, looks = 0;
	for (size_t i = 0; i < g.n; i++) {
		if (strcmp(argraph_rule_get_id(g.m[i].rule), "e.empty") == 0) {
			OK(g.m[i].begin == g.m[i].end);
			OK(g.m[i].begin == 3 * empties);
			empties++;
		} else {
			looks++;
		}
	}
	INT_EQ(empties, 3);
	/* (?=约) matches empty at 3, then 约 itself is taken: two matches. */
	INT_EQ(looks, 2);
	const got_match *m = find_match(&g, "e.look", 1);
	OK(m && m->begin == 3 && m->end == 6);
	/* An empty text. */
	memset(&g, 0, sizeof g);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, "zh", "", 0, collect, &g);
	INT_EQ(g.n, 1);
	argraph_rules_free(rs);
	argraph_diags_free(d);
}

static void test_match_limit(void)
{
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	argraph_ruleset *rs = load_string(
		"language en\n"
		"rule l.bad hedge\n  priority 1\n  pattern (?:(?:a|aa)+)+$\n"
		"rule l.good hedge\n  pattern b\n", d);
	char t[64];
	memset(t, 'a', 40);
	t[40] = 'b';
	t[41] = '\0';
	got g = {0};
	clock_t t0 = clock();
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, t, 41, collect, &g), ARGRAPH_OK);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	OK(secs < 10.0); /* ~10 ms; without the limit, far longer than a test may take */
	INT_EQ(argraph_rules_limit_hits(rs), 1);
	/* The bad rule gave nothing; the next rule still ran. */
	INT_EQ(g.n, 1);
	OK(find_match(&g, "l.good", 0) != NULL);
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, t, 41, collect, &g);
	INT_EQ(argraph_rules_limit_hits(rs), 2);
	/* A text where the pattern is fast counts nothing. */
	argraph_rules_match(rs, ARGRAPH_RULE_NONE, NULL, "aaa", 3, collect, &g);
	INT_EQ(argraph_rules_limit_hits(rs), 2);
	argraph_rules_free(rs);
	argraph_diags_free(d);
}

static void test_format_details(void)
{
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	/* BOM, CRLF, trailing comments on word lines, a define, a helper
	 * group, quoted expect values with spaces and '=', several notes. */
	static const char f[] =
		"\xEF\xBB\xBF# a comment\r\n"
		"language EN   # upper case is folded\r\n"
		"define _w [A-Za-z]+\r\n"
		"rule d.report report   # a comment\r\n"
		"  note    one\r\n"
		"  note    two\r\n"
		"  pattern (?<asserter>(?&_w)) says (?<_q>\")?(?<claim>[^\".]+)(?(_q)\")\r\n"
		"  flags   caseless\r\n"
		"  priority 3   # a comment\r\n"
		"  example Ann SAYS \"x = y holds\".\r\n"
		"  expect  asserter=Ann claim=\"x = y holds\"\r\n"
		"  example Bob says a, and Cy says b.\r\n"
		"  expect  asserter=Bob claim=a, and Cy says b\r\n"
		"  counterexample Nobody speaks.\r\n";
	argraph_ruleset *rs = NULL;
	argraph_rules_new(&rs);
	INT_EQ(argraph_rules_load_mem(rs, f, sizeof f - 1, NULL, d), ARGRAPH_OK);
	argraph_diags_print(d, stderr);
	const argraph_rule *r = argraph_rules_find(rs, "d.report");
	OK(r != NULL);
	STR_EQ(argraph_rule_get_lang(r), "en");
	STR_EQ(argraph_rule_get_file(r), "<memory>");
	INT_EQ(argraph_rule_get_line(r), 4);
	INT_EQ(argraph_rule_get_priority(r), 3);
	/* Helper groups are not roles. */
	static const char t[] = "Dee says \"z\".";
	got g = {0};
	argraph_rules_match(rs, ARGRAPH_RULE_REPORT, "en-US", t, sizeof t - 1, collect, &g);
	INT_EQ(g.n, 1);
	INT_EQ(g.m[0].nspans, 2);
	STR_EQ(text_of(t, span_of(&g.m[0], "claim")), "z");
	OK(span_of(&g.m[0], "_q") == NULL);
	argraph_rules_free(rs);

	/* The expect parser. */
	rules_expect_pair p[4];
	size_t err = 0;
	static const char e1[] = "a=x y b=\"p q=r\"  c=";
	INT_EQ(argraph_rules__parse_expect(e1, sizeof e1 - 1, p, 4, &err), 3);
	INT_EQ(p[0].text_len, 3); /* "x y" */
	INT_EQ(p[1].text_len, 5); /* p q=r */
	INT_EQ(p[2].text_len, 0);
	INT_EQ(argraph_rules__parse_expect("", 0, p, 4, &err), 0);
	INT_EQ(argraph_rules__parse_expect("a=\"x", 4, p, 4, &err), -1);
	INT_EQ(err, 2);
	INT_EQ(argraph_rules__parse_expect("x y", 3, p, 4, &err), -1);
	INT_EQ(err, 0);

	/* In-memory input: an invalid byte, and a NUL byte, each at its column. */
	static const char bad[] = "language en\nrule x.y hedge\n  pattern a\xC3(\n  example a\0b\n";
	argraph_diags_clear(d);
	argraph_rules_new(&rs);
	INT_EQ(argraph_rules_load_mem(rs, bad, sizeof bad - 1, "bad.rules", d), ARGRAPH_EPARSE);
	INT_EQ(argraph_diags_count(d), 2);
	if (argraph_diags_count(d) == 2) {
		INT_EQ(argraph_diags_at(d, 0)->pos.line, 3);
		INT_EQ(argraph_diags_at(d, 0)->pos.column, 12);
		STR_EQ(argraph_diags_at(d, 0)->code, "rules.encoding");
		INT_EQ(argraph_diags_at(d, 1)->pos.line, 4);
		INT_EQ(argraph_diags_at(d, 1)->pos.column, 12);
		STR_CONTAINS(argraph_diags_at(d, 1)->message, "NUL");
	}
	INT_EQ(argraph_rules_count(rs), 0);
	argraph_rules_free(rs);

	/* A file that cannot be read. */
	argraph_diags_clear(d);
	argraph_rules_new(&rs);
	INT_EQ(argraph_rules_load_file(rs, path_of("tests/rules/no-such-file.rules"), d),
		ARGRAPH_EIO);
	INT_EQ(argraph_diags_count(d), 1);
	argraph_rules_free(rs);
	argraph_rules_free(NULL);
	argraph_diags_free(d);
}

/* ---- the spec files ---- */

static void format_match(const argraph_ruleset *rs, const char *text,
	const argraph_rule_match *m, char *out, size_t cap)
{
	size_t used = (size_t)snprintf(out, cap, "%s", argraph_rule_get_id(m->rule));
	for (size_t i = 0; i < m->span_count && used < cap; i++) {
		const argraph_rule_span *s = &m->spans[i];
		const char *v;
		if (argraph_rule_role_is_list(m->rule, s->role)) {
			v = items_of(rs, argraph_rule_get_lang(m->rule), text, s);
		} else {
			size_t b = s->begin, e = s->end;
			while (b < e && text[b] == ' ')
				b++;
			while (e > b && text[e - 1] == ' ')
				e--;
			v = text_of(text, &(argraph_rule_span){NULL, b, e});
		}
		used += (size_t)snprintf(out + used, cap - used, " %s=%s", s->role, v);
	}
}

typedef struct spec_run {
	const argraph_ruleset *rs;
	const char *text;
	char lines[64][1024];
	size_t n;
} spec_run;

static int spec_collect(void *user, const argraph_rule_match *m)
{
	spec_run *r = user;
	if (r->n < 64)
		format_match(r->rs, r->text, m, r->lines[r->n++], sizeof r->lines[0]);
	return 0;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

static void run_spec(argraph_ruleset *rs, const char *rel, const char *lang)
{
	size_t len = 0;
	char *buf = test_slurp(path_of(rel), &len);
	OK(buf != NULL);
	if (!buf)
		return;
	size_t examples = 0;
	char *save = NULL;
	char *line = strtok_r(buf, "\n", &save);
	/* strtok_r skips blank lines; a block is: sentence, ".", results
	 * up to the next sentence (a line after results that is not a
	 * result is recognised by the "." that follows it). */
	char *lines[4096];
	size_t nl = 0;
	for (; line && nl < 4096; line = strtok_r(NULL, "\n", &save))
		if (line[0] != '#')
			lines[nl++] = line;
	for (size_t i = 0; i + 1 < nl;) {
		if (strcmp(lines[i + 1], ".") != 0) {
			fprintf(stderr, "%s: expected \".\" after: %s\n", rel, lines[i]);
			OK(0);
			break;
		}
		const char *sentence = lines[i];
		size_t j = i + 2, k = j;
		while (k < nl && !(k + 1 < nl && strcmp(lines[k + 1], ".") == 0))
			k++;
		/* lines[j, k) are the expected results */
		static spec_run run;
		memset(&run, 0, sizeof run);
		run.rs = rs;
		run.text = sentence;
		argraph_rules_match(rs, ARGRAPH_RULE_NONE, lang, sentence, strlen(sentence),
			spec_collect, &run);
		static char want[64][1024];
		size_t nw = 0;
		for (size_t x = j; x < k && nw < 64; x++)
			if (strcmp(lines[x], "none") != 0)
				snprintf(want[nw++], sizeof want[0], "%s", lines[x]);
		qsort(run.lines, run.n, sizeof run.lines[0], cmp_line);
		qsort(want, nw, sizeof want[0], cmp_line);
		int same = run.n == nw;
		for (size_t x = 0; same && x < nw; x++)
			same = strcmp(run.lines[x], want[x]) == 0;
		if (!same) {
			fprintf(stderr, "%s: %s\n  expected:\n", rel, sentence);
			for (size_t x = 0; x < nw; x++)
				fprintf(stderr, "    %s\n", want[x]);
			fprintf(stderr, "  got:\n");
			for (size_t x = 0; x < run.n; x++)
				fprintf(stderr, "    %s\n", run.lines[x]);
		}
		OK(same);
		examples++;
		i = k;
	}
	OK(examples >= 20);
	free(buf);
}

/* ---- threads ---- */

typedef struct thread_job {
	const argraph_ruleset *rs;
	const char *const *texts;
	size_t ntexts;
	size_t total; /* matches found, summed over rounds */
	size_t checksum;
} thread_job;

static int count_match(void *user, const argraph_rule_match *m)
{
	thread_job *j = user;
	j->total++;
	j->checksum += m->begin * 31 + m->end + m->span_count;
	return 0;
}

static void *thread_main(void *arg)
{
	thread_job *j = arg;
	for (int round = 0; round < 20; round++)
		for (size_t i = 0; i < j->ntexts; i++)
			argraph_rules_match(j->rs, ARGRAPH_RULE_NONE, NULL, j->texts[i],
				strlen(j->texts[i]), count_match, j);
	return NULL;
}

static void test_threads(argraph_ruleset *rs)
{
	static const char *const texts[] = {
		"北约的扩张与存续是美国霸权的战略选择、欧洲的自主战略和北约内部的制度化改革共同作用的结果。",
		"米尔斯海默等学者断言，当北约失去了苏联这一威胁，北约也将如华约一样解体。[1]",
		"Waltz (1979) argues that states balance (Keohane, 1984; Walt, 1987).",
		"The expansion and survival of NATO was the result of A, B and C.",
	};
	thread_job one = {rs, texts, 4, 0, 0};
	thread_main(&one);
	OK(one.total > 0);
	enum { N = 4 };
	pthread_t th[N];
	thread_job jobs[N];
	for (int i = 0; i < N; i++) {
		jobs[i] = (thread_job){rs, texts, 4, 0, 0};
		INT_EQ(pthread_create(&th[i], NULL, thread_main, &jobs[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		INT_EQ(jobs[i].total, one.total);
		INT_EQ(jobs[i].checksum, one.checksum);
	}
}

/* A directory of rule files: the *.rules in byte order of their names
 * (whatever the directory lists first), nothing else; a later file's rule
 * of an id replaces an earlier one's; a missing directory is rules.io. */
static void write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	OK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_load_dir(void)
{
	char dir[] = "/tmp/argraph-test-rules-XXXXXX";
	OK(mkdtemp(dir) != NULL);
	write_file(dir, "b.rules", "language en\nrule b.one hedge\n  pattern perhaps\n"
		"rule shared hedge\n  pattern from-b\n");
	write_file(dir, "a.rules", "language en\nrule a.one hedge\n  pattern maybe\n"
		"rule shared hedge\n  pattern from-a\n");
	write_file(dir, "c.rules.txt", "not a rule file\n");
	write_file(dir, "notes.txt", "not a rule file either\n");
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	argraph_rules_new(&rs);
	argraph_diags_new(&d);
	INT_EQ(argraph_rules_load_dir(rs, dir, d), ARGRAPH_OK);
	INT_EQ(argraph_diags_count(d), 0);
	INT_EQ(argraph_rules_count(rs), 3);
	const argraph_rule *shared = argraph_rules_find(rs, "shared");
	OK(shared && strstr(argraph_rule_get_file(shared), "/b.rules") != NULL); /* b after a */
	OK(argraph_rules_find(rs, "a.one") && argraph_rules_find(rs, "b.one"));
	argraph_rules_free(rs);

	/* a file that fails stops the loading, with its error */
	write_file(dir, "0-bad.rules", "language en\nrule bad hedge\n  pattern (\n");
	argraph_rules_new(&rs);
	argraph_diags_clear(d);
	OK(argraph_rules_load_dir(rs, dir, d) != ARGRAPH_OK);
	INT_EQ(argraph_rules_count(rs), 0);
	OK(argraph_diags_count_at_least(d, ARGRAPH_SEV_ERROR) > 0);
	argraph_rules_free(rs);

	char path[4096];
	const char *names[] = {"a.rules", "b.rules", "c.rules.txt", "notes.txt", "0-bad.rules"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);

	/* no such directory */
	argraph_rules_new(&rs);
	argraph_diags_clear(d);
	INT_EQ(argraph_rules_load_dir(rs, dir, d), ARGRAPH_EIO);
	INT_EQ(argraph_diags_count(d), 1);
	if (argraph_diags_count(d))
		STR_EQ(argraph_diags_at(d, 0)->code, "rules.io");
	argraph_rules_free(rs);
	argraph_diags_free(d);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_kind_names();
	test_bundled();
	test_bad_files();
	test_override();
	argraph_ruleset *rs = load_bundled();
	test_spans_zh(rs);
	test_spans_en(rs);
	test_split_trim(rs);
	test_filters(rs);
	run_spec(rs, "tests/rules/zh.spec", "zh");
	run_spec(rs, "tests/rules/en.spec", "en");
	test_threads(rs);
	INT_EQ(argraph_rules_limit_hits(rs), 0);
	argraph_rules_free(rs);
	test_priority();
	test_cue();
	test_empty_match();
	test_match_limit();
	test_format_details();
	test_load_dir();
	return TEST_DONE();
}
