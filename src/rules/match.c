/* SPDX-License-Identifier: MIT */
/*
 * match.c — running rules over text, and cutting role texts into factors
 * (split a coordinated list, trim function words and punctuation).
 *
 * No match here checks UTF (pcre2_jit_match() never does; every
 * pcre2_match() call passes PCRE2_NO_UTF_CHECK): texts come from the TEI
 * reader, which only hands out valid UTF-8, and a UTF check on each call
 * would make iterating over the matches of a long text quadratic
 * (TECHNOTES §4). Every call also passes the ruleset's match context, whose
 * match limit bounds what a pathological pattern can cost; a limit hit
 * skips that rule for that text. If the JIT runs out of its stack, the
 * same match is retried once by the interpreter (which uses the heap).
 *
 * Nothing here writes to the ruleset except the atomic limit counter, and
 * match data is made per call or comes from the caller's scratch (one per
 * thread), so all of it is safe to run from several threads on one loaded
 * ruleset. A match data larger than a pattern needs gives the same
 * results, so one scratch, grown to the largest need, serves every call.
 */
#include "rules_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

/* One match with the JIT-stack fallback. A JIT-compiled pattern goes to
 * its machine code directly: pcre2_jit_match() skips pcre2_match()'s
 * argument checks (our offsets are within the text, our options are the
 * JIT's) and never checks UTF, which PCRE2_NO_UTF_CHECK says anyway. A
 * pattern without JIT code (JIT off, or refused) makes it return
 * JIT_BADOPTION at once, and pcre2_match() runs the interpreter. */
static int S_exec(const argraph_ruleset *rs, const pcre2_code *code,
	const char *text, size_t len, size_t off, uint32_t opts, pcre2_match_data *md)
{
	int rc = pcre2_jit_match(code, (PCRE2_SPTR)text, len, off, opts, md, rs->mctx);
	if (rc == PCRE2_ERROR_JIT_BADOPTION)
		rc = pcre2_match(code, (PCRE2_SPTR)text, len, off,
			PCRE2_NO_UTF_CHECK | opts, md, rs->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = pcre2_match(code, (PCRE2_SPTR)text, len, off,
			PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT | opts, md, rs->mctx);
	return rc;
}

int argraph_rules__exec(const argraph_ruleset *rs, const pcre2_code *code,
	const char *text, size_t len, size_t off, uint32_t opts, pcre2_match_data *md)
{
	return S_exec(rs, code, text, len, off, opts, md);
}

static argraph_status S_status(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return ARGRAPH_ETOOBIG;
	case PCRE2_ERROR_NOMEMORY:
		return ARGRAPH_ENOMEM;
	default:
		return ARGRAPH_ERROR;
	}
}

/* argraph_rules__run, with the prefilter `pf` the rule is rule `pf_index`
 * of (pf NULL: none). After each match the rest of the text must still
 * meet the rule's required literals for the rule to be tried again: the
 * next match could only consume text from there on, and most rules match
 * once in a sentence, where the call that finds no second match used to
 * scan the whole rest of it (about 11% of the patterns' PCRE2 time on the
 * bench corpus). */
static argraph_status S_run(const argraph_ruleset *rs, const argraph_rule *r,
	const rules_pf *pf, size_t pf_index, const char *text, size_t len,
	pcre2_match_data *md, argraph_rule_match_fn fn, void *user, int *stopped)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	uint32_t opts = 0;
	size_t off = 0;

	*stopped = 0;
	/* The cue is a necessary condition, found by one quick scan: a text
	 * without it cannot match, so the costly pattern is not tried. (A
	 * cue that fails for another reason, e.g. a limit, lets the rule run.) */
	if (r->cue && S_exec(rs, r->cue, text, len, 0, 0, md) == PCRE2_ERROR_NOMATCH)
		return ARGRAPH_OK;
	for (;;) {
		int rc = S_exec(rs, r->code, text, len, off, opts, md);
		if (rc == PCRE2_ERROR_NOMATCH)
			return ARGRAPH_OK;
		if (rc < 0)
			return S_status(rc);
		size_t b = ov[0], e = ov[1];
		if (e < b || e > len) /* only \K in an assertion could do it; not allowed */
			return ARGRAPH_ERROR;
		argraph_rule_match m = {.rule = r, .begin = b, .end = e};
		for (size_t i = 0; i < r->role_count; i++) {
			uint32_t g = r->roles[i].group;
			if (g >= (uint32_t)rc || ov[2 * g] == PCRE2_UNSET)
				continue;
			m.spans[m.span_count].role = r->roles[i].name;
			m.spans[m.span_count].begin = ov[2 * g];
			m.spans[m.span_count].end = ov[2 * g + 1];
			m.span_count++;
		}
		if (fn(user, &m)) {
			*stopped = 1;
			return ARGRAPH_OK;
		}
		/* After an empty match, look again from the same place but not
		 * for an empty match there; PCRE2 itself then moves on by whole
		 * characters. After a non-empty match, go on from its end. */
		if (e == b) {
			if (b >= len)
				return ARGRAPH_OK;
			opts = PCRE2_NOTEMPTY_ATSTART;
		} else {
			opts = 0;
		}
		off = e;
		if (pf && !argraph_rules__pf_met_in(pf, pf_index, text + off, len - off))
			return ARGRAPH_OK;
	}
}

argraph_status argraph_rules__run(const argraph_ruleset *rs, const argraph_rule *r,
	const char *text, size_t len, pcre2_match_data *md,
	argraph_rule_match_fn fn, void *user, int *stopped)
{
	return S_run(rs, r, NULL, 0, text, len, md, fn, user, stopped);
}

/* lang_matches, with n the length of lang's primary subtag (rule_lang is
 * in lower case; a shorter rule_lang fails at its NUL). */
static int S_lang_is(const char *rule_lang, const char *lang, size_t n)
{
	if (!lang)
		return 1;
	for (size_t i = 0; i < n; i++) {
		char c = lang[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != rule_lang[i])
			return 0;
	}
	return rule_lang[n] == '\0';
}

int argraph_rules__lang_matches(const char *rule_lang, const char *lang)
{
	return S_lang_is(rule_lang, lang, lang ? strcspn(lang, "-_") : 0);
}

const lang_conf *argraph_rules__lang_find(const argraph_ruleset *rs, const char *lang)
{
	if (!rs || !lang)
		return NULL;
	for (const lang_conf *c = rs->langs; c; c = c->next)
		if (argraph_rules__lang_matches(c->lang, lang))
			return c;
	return NULL;
}

argraph_status argraph_rules__plans_build(rules_plan **out, argraph_rule *const *order,
	size_t n, const char *const *langs, size_t nlangs)
{
	rules_plan *p = calloc(nlangs ? nlangs : 1, sizeof *p);
	*out = NULL;
	if (!p)
		return ARGRAPH_ENOMEM;
	for (size_t j = 0; j < nlangs; j++) {
		if (!(p[j].rules = malloc((n ? n : 1) * sizeof *p[j].rules))) {
			argraph_rules__plans_free(p, nlangs);
			return ARGRAPH_ENOMEM;
		}
		for (size_t i = 0; i < n; i++)
			if (strcmp(order[i]->lang, langs[j]) == 0)
				p[j].rules[p[j].n++] = order[i];
		argraph_status st = argraph_rules__pf_build(&p[j].pf, p[j].rules, p[j].n);
		if (st < 0) {
			argraph_rules__plans_free(p, nlangs);
			return st;
		}
	}
	*out = p;
	return ARGRAPH_OK;
}

void argraph_rules__plans_free(rules_plan *plans, size_t nlangs)
{
	if (!plans)
		return;
	for (size_t j = 0; j < nlangs; j++) {
		free(plans[j].rules);
		argraph_rules__pf_free(plans[j].pf);
	}
	free(plans);
}

/* ---- scratch ---- */

struct argraph_rules__scratch {
	pcre2_match_data *md; /* or NULL */
	uint32_t pairs;       /* its ovector pairs */
};

argraph_status argraph_rules__scratch_new(argraph_rules__scratch **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? ARGRAPH_OK : ARGRAPH_ENOMEM;
}

void argraph_rules__scratch_free(argraph_rules__scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	free(s);
}

/* Match data of at least `pairs` pairs: the scratch's (grown when
 * needed), or without one a new one in *own (the caller frees it). NULL
 * when out of memory. */
static pcre2_match_data *S_md(argraph_rules__scratch *s, uint32_t pairs,
	pcre2_match_data **own)
{
	*own = NULL;
	if (!s)
		return *own = pcre2_match_data_create(pairs, NULL);
	if (!s->md || s->pairs < pairs) {
		pcre2_match_data_free(s->md);
		s->pairs = 0;
		if (!(s->md = pcre2_match_data_create(pairs, NULL)))
			return NULL;
		s->pairs = pairs;
	}
	return s->md;
}

/* The plan of a call's lang: the one lang plan whose lang the tag selects
 * (rule langs are distinct, so at most one does); NULL when none does.
 * Without a lang, every rule, i.e. rs->order with its prefilter. */
const rules_plan *argraph_rules__plan(const argraph_ruleset *rs, const char *lang,
	rules_plan *all)
{
	if (!lang) {
		*all = (rules_plan){rs->order, rs->nrules, rs->pf};
		return all;
	}
	size_t lang_len = strcspn(lang, "-_");
	for (size_t j = 0; j < rs->nrule_langs; j++)
		if (S_lang_is(rs->rule_langs[j], lang, lang_len))
			return &rs->lang_plans[j];
	return NULL;
}

argraph_status argraph_rules__match_s(const argraph_ruleset *rs,
	argraph_rule_kind kind, const char *lang, const char *text, size_t len,
	argraph_rule_match_fn fn, void *user, argraph_rules__scratch *scratch)
{
	argraph_status st = ARGRAPH_OK;
	pcre2_match_data *md = NULL, *own = NULL;
	rules_plan all;

	if (!rs || !fn || (int)kind < 0 || kind >= ARGRAPH_RULE__COUNT || (!text && len))
		return ARGRAPH_EINVALID;
	if (!text)
		text = "";
	const rules_plan *plan = argraph_rules__plan(rs, lang, &all);
	if (!plan || !plan->n)
		return ARGRAPH_OK; /* no rule is of this lang */
	/* Which literals occur in the text: one scan; then the rules whose
	 * required literals are all there, 64 at a time. A rule that misses
	 * one cannot match anywhere in this text and is not even looked at. */
	uint64_t found[ARGRAPH_RULES_PF_WORDS];
	const rules_pf *pf = rs->use_pf ? plan->pf : NULL;
	if (pf)
		argraph_rules__pf_scan(pf, text, len, found);
	for (size_t base = 0; base < plan->n; base += 64) {
		uint64_t todo = argraph_rules__pf_pass64(pf, base, found);
		if (plan->n - base < 64)
			todo &= ((uint64_t)1 << (plan->n - base)) - 1;
		for (; todo; todo &= todo - 1) {
			size_t i = base + (size_t)__builtin_ctzll(todo);
			const argraph_rule *r = plan->rules[i];
			int stopped;
			if (kind != ARGRAPH_RULE_NONE && r->kind != kind)
				continue;
			if (!md && !(md = S_md(scratch, rs->max_pairs, &own)))
				return ARGRAPH_ENOMEM;
			st = S_run(rs, r, pf, i, text, len, md, fn, user, &stopped);
			if (st == ARGRAPH_ETOOBIG) {
				/* The ruleset is shared read-only; the counter is the one
				 * field matching writes, atomically. */
				atomic_fetch_add_explicit((atomic_size_t *)&rs->limit_hits, 1,
					memory_order_relaxed);
				st = ARGRAPH_OK;
				continue;
			}
			if (st < 0 || stopped)
				goto done;
		}
	}
done:
	pcre2_match_data_free(own);
	return st;
}

argraph_status argraph_rules_match(const argraph_ruleset *rs,
	argraph_rule_kind kind, const char *lang, const char *text, size_t len,
	argraph_rule_match_fn fn, void *user)
{
	return argraph_rules__match_s(rs, kind, lang, text, len, fn, user, NULL);
}

/* ---- brackets and quotes ---- */

static const uint32_t bracket_pairs[][2] = {
	{'(', ')'}, {'[', ']'}, {'{', '}'},
	{0xFF08, 0xFF09}, /* （） */
	{0xFF3B, 0xFF3D}, /* ［］ */
	{0xFF5B, 0xFF5D}, /* ｛｝ */
	{0x3010, 0x3011}, /* 【】 */
	{0x300A, 0x300B}, /* 《》 */
	{0x3008, 0x3009}, /* 〈〉 */
	{0x300C, 0x300D}, /* 「」 */
	{0x300E, 0x300F}, /* 『』 */
	{0x3014, 0x3015}, /* 〔〕 */
	{0x201C, 0x201D}, /* “” */
	{0x2018, 0x2019}, /* ‘’ */
};
#define NPAIRS (sizeof bracket_pairs / sizeof bracket_pairs[0])

/* +1 for an opener, -1 for a closer, 0 otherwise; *pair gets its index. */
static int S_bracket(uint32_t cp, size_t *pair)
{
	for (size_t i = 0; i < NPAIRS; i++) {
		if (cp == bracket_pairs[i][0]) {
			*pair = i;
			return 1;
		}
		if (cp == bracket_pairs[i][1]) {
			*pair = i;
			return -1;
		}
	}
	return 0;
}

/* Start of the last character in [b, e) (e > b). */
static size_t S_last_char(const char *text, size_t b, size_t e)
{
	size_t i = e - 1;
	while (i > b && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Openers minus closers of one pair (or count of ASCII '"' when pair is
 * NPAIRS) in [b, e). */
static long S_balance(const char *text, size_t b, size_t e, size_t pair)
{
	long bal = 0;
	size_t i = b, p;
	while (i < e) {
		uint32_t cp = utf8_next(text, e, &i);
		if (pair == NPAIRS) {
			bal += cp == '"';
			continue;
		}
		int d = S_bracket(cp, &p);
		if (d && p == pair)
			bal += d;
	}
	return bal;
}

/* Drop an unmatched bracket or quote at either end. */
static void S_strip_unbalanced(const char *text, size_t *begin, size_t *end)
{
	size_t b = *begin, e = *end, pair, i;
	if (e > b) {
		i = b;
		uint32_t cp = utf8_next(text, e, &i);
		if (cp == '"' && S_balance(text, b, e, NPAIRS) % 2 != 0)
			b = i;
		else if (S_bracket(cp, &pair) > 0 && S_balance(text, b, e, pair) > 0)
			b = i;
	}
	if (e > b) {
		size_t last = S_last_char(text, b, e);
		i = last;
		uint32_t cp = utf8_next(text, e, &i);
		if (cp == '"' && S_balance(text, b, e, NPAIRS) % 2 != 0)
			e = last;
		else if (S_bracket(cp, &pair) < 0 && S_balance(text, b, e, pair) < 0)
			e = last;
	}
	*begin = b;
	*end = e;
}

/* Cut what `code` matches at the very start and at the very end of
 * [*begin, *end). The span is the whole subject, so ^ and \z (or $) in
 * the pattern anchor at its ends. */
static void S_strip_pattern(const argraph_ruleset *rs, const pcre2_code *code,
	const char *text, size_t *begin, size_t *end, pcre2_match_data *md)
{
	const char *s = text + *begin;
	size_t n = *end - *begin, off = 0, nb = 0, ne = n;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	while (off <= n) {
		/* NOTEMPTY: an empty match cuts nothing, and each match moves on. */
		int rc = S_exec(rs, code, s, n, off, PCRE2_NOTEMPTY, md);
		if (rc < 0)
			break;
		if (ov[0] == 0 && nb == 0)
			nb = ov[1];
		if (ov[1] == n && ov[0] < ne)
			ne = ov[0];
		if (ov[1] <= off)
			break;
		off = ov[1];
	}
	if (ne < nb)
		ne = nb;
	*end = *begin + ne;
	*begin += nb;
}

static uint32_t S_max_pairs(const argraph_ruleset *rs, const pcre2_code *a,
	const pcre2_code *b)
{
	uint32_t n = argraph_rules__pairs(rs->edge), m;
	if (a && (m = argraph_rules__pairs(a)) > n)
		n = m;
	if (b && (m = argraph_rules__pairs(b)) > n)
		n = m;
	return n;
}

/* Is the character starting with byte c (a lead or ASCII byte) a letter
 * or digit of ASCII, or one of U+4000–U+9FFF (CJK ideographs and Yijing
 * hexagrams: letters and symbols)? None of those is white space or
 * punctuation. */
static int S_plain_lead(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
		|| (c >= 0xE4 && c <= 0xE9);
}

int argraph_rules__edge_may_cut(const char *text, size_t b, size_t e)
{
	if (e <= b)
		return 0;
	return !S_plain_lead((unsigned char)text[b])
		|| !S_plain_lead((unsigned char)text[S_last_char(text, b, e)]);
}

static void S_trim(const argraph_ruleset *rs, const pcre2_code *trim,
	const char *text, size_t *begin, size_t *end, pcre2_match_data *md)
{
	/* Each round can expose more to trim ("由于，的X" → "的X" → "X");
	 * a round that changes nothing ends it. Rounds only ever narrow the
	 * span, so the bound is a safety net, never reached in practice. */
	for (int round = 0; round < 64 && *end > *begin; round++) {
		size_t b = *begin, e = *end;
		/* Most factor texts start and end with a letter: the edge
		 * pattern cannot cut there, and is not run. */
		if (rs->edge_all || argraph_rules__edge_may_cut(text, *begin, *end))
			S_strip_pattern(rs, rs->edge, text, begin, end, md);
		S_strip_unbalanced(text, begin, end);
		if (trim && *end > *begin)
			S_strip_pattern(rs, trim, text, begin, end, md);
		if (*begin == b && *end == e)
			break;
	}
}

void argraph_rules__trim_with(const argraph_ruleset *rs, const pcre2_code *trim,
	const char *text, size_t *begin, size_t *end, argraph_rules__scratch *scratch)
{
	if (!rs || !text || !begin || !end || *end <= *begin)
		return;
	pcre2_match_data *own, *md = S_md(scratch, S_max_pairs(rs, trim, NULL), &own);
	if (!md)
		return; /* out of memory: leave the text as it is */
	S_trim(rs, trim, text, begin, end, md);
	pcre2_match_data_free(own);
}

void argraph_rules__trim_s(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t *begin, size_t *end, argraph_rules__scratch *s)
{
	const lang_conf *c = argraph_rules__lang_find(rs, lang);
	argraph_rules__trim_with(rs, c ? c->trim : NULL, text, begin, end, s);
}

void argraph_rules_trim(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t *begin, size_t *end)
{
	argraph_rules__trim_s(rs, lang, text, begin, end, NULL);
}

size_t argraph_rules__split_with(const argraph_ruleset *rs, const pcre2_code *split,
	const pcre2_code *trim, const char *text, size_t len,
	argraph_rule_span *items, size_t max, argraph_rules__scratch *scratch)
{
	size_t count = 0, seg = 0, off = 0, scan = 0;
	long depth[NPAIRS + 1] = {0};
	pcre2_match_data *md, *own;

	if (!rs || !text)
		return 0;
	if (!(md = S_md(scratch, S_max_pairs(rs, split, trim), &own)))
		return SIZE_MAX;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	for (;;) {
		size_t b = len, e = len;
		int last = 1;
		while (split && off < len) {
			int rc = S_exec(rs, split, text, len, off, PCRE2_NOTEMPTY, md);
			if (rc < 0)
				break;
			/* Bring the bracket depths up to the separator. */
			int inside = 0;
			while (scan < ov[0]) {
				size_t pair;
				int d = S_bracket(utf8_next(text, len, &scan), &pair);
				if (d && (depth[pair] += d) < 0)
					depth[pair] = 0;
			}
			for (size_t k = 0; k < NPAIRS; k++)
				inside |= depth[k] > 0;
			if (!inside) {
				b = ov[0];
				e = ov[1];
				last = 0;
				break;
			}
			/* A separator inside brackets or quotes: look past its
			 * first character. */
			off = ov[0];
			(void)utf8_next(text, len, &off);
		}
		size_t ib = seg, ie = b;
		S_trim(rs, trim, text, &ib, &ie, md);
		if (ie > ib && count < max) {
			items[count].role = NULL;
			items[count].begin = ib;
			items[count].end = ie;
			count++;
		}
		if (last)
			break;
		seg = off = e;
	}
	pcre2_match_data_free(own);
	return count;
}

size_t argraph_rules__split_s(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t len, argraph_rule_span *items, size_t max,
	argraph_rules__scratch *s)
{
	const lang_conf *c = argraph_rules__lang_find(rs, lang);
	size_t n = argraph_rules__split_with(rs, c ? c->split : NULL,
		c ? c->trim : NULL, text, len, items, max, s);
	return n == SIZE_MAX ? 0 : n;
}

size_t argraph_rules_split(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t len, argraph_rule_span *items, size_t max)
{
	return argraph_rules__split_s(rs, lang, text, len, items, max, NULL);
}
