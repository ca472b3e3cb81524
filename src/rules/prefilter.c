/* SPDX-License-Identifier: MIT */
/*
 * prefilter.c — which rules can match a text at all, found by one scan of
 * the text instead of one regex scan per rule.
 *
 * At load time each pattern and cue (with the file's defines appended) is
 * read by a small, conservative analyser of PCRE2 syntax that derives
 * *required literals*: a few clauses, each a set of byte strings, such that
 * every text the pattern can match contains at least one string of every
 * clause. A rule runs only if its pattern's clauses are all met by the
 * text; the cue and the pattern then run exactly as before. Skipping a rule
 * whose clause is missing can never lose a match: the pattern could not
 * have matched there. (The cue's literals are not used: a cue that fails
 * by hitting a PCRE2 limit, not by finding nothing, lets the rule run, and
 * the pattern may then match.) Lookarounds take no text in the analysis,
 * so the literals lie in the text a match consumes: after a match, the
 * rest of the text is tested the same way before the rule is tried there
 * again (argraph_rules__pf_met_in, match.c).
 *
 * Conservative means: anything the analyser does not fully understand
 * gives "no requirement" (the rule always runs). It gives up on a whole
 * pattern for \Q…\E, back references, conditionals other than
 * (?(DEFINE)…), (*VERBS), comments, extended mode (?x) and malformed
 * input; it treats character types, properties, `.`, large or negated
 * classes as "some character", and lookarounds and anchors as empty.
 *
 * Case: literals and texts are compared with ASCII letters folded, which
 * can only find more. Under caseless matching PCRE2 (UTF + UCP) also
 * matches U+212A (Kelvin sign) for k and U+017F (long s) for s — the only
 * non-ASCII case partners of ASCII letters in PCRE2 10.42's tables — so a
 * text containing either counts as containing every literal with a k or
 * an s. A caseless non-ASCII character outside U+3000–U+9FFF (CJK
 * symbols, kana, ideographs, which have no case) is "some character".
 *
 * The scan: one pass over the text through an Aho–Corasick automaton of
 * the literals, made a full DFA over folded bytes (one table step per
 * byte; the bytes no literal uses share one class), built at load time.
 * The found literals go into a bitset on the caller's stack. The older
 * scan, a lookup of each character's first bytes in hash tables, stays
 * as the reference the tests compare with (argraph_rules__pf_scan_ref).
 * The tables are read-only after loading, so matching stays thread-safe.
 */
#include "rules_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"
#include "../util/vec.h"

/* ---- literal sets ---- */

#define PF_LIT_MAX 32     /* bytes of one literal */
#define PF_EXACT_MAX 256  /* strings in an exact set */
#define PF_CLAUSE_MAX 256 /* literals in one clause */
#define PF_CLAUSES 4      /* clauses kept per node (and per pattern) */
#define PF_DEPTH 64       /* nesting of groups and calls analysed */
#define PF_GROUPS 128     /* named groups of one pattern */

typedef struct pf_lit {
	uint8_t n;
	unsigned char s[PF_LIT_MAX];
} pf_lit;

typedef struct pf_set {
	pf_lit *v;
	size_t n, cap;
} pf_set;

/* What is known of the texts a node matches. exact: each is one of `ex`
 * (which may hold the empty string). Otherwise each contains a string of
 * every clause `cl[0..ncl)`; no clause at all means nothing is known. */
typedef struct pf_info {
	int exact;
	pf_set ex;
	pf_set cl[PF_CLAUSES];
	size_t ncl;
} pf_info;

typedef struct pf_group {
	const unsigned char *name;
	size_t name_len;
	size_t body;     /* offset just past the group's opening */
	int caseless;    /* option in force at its start */
	int in_define;   /* inside (?(DEFINE)…): the file's, the same for every pattern */
	int state;       /* 0 not analysed, 1 being analysed, 2 done */
	pf_info memo;
} pf_group;

typedef struct pf_parser {
	const unsigned char *s;
	size_t n, i;
	int bail;        /* gave up: the pattern requires nothing known */
	int resolve;     /* second pass: calls are expanded */
	int quiet;       /* > 0: only the structure is read (pass 1, DEFINE) */
	int depth;
	int in_define;
	pf_group groups[PF_GROUPS];
	size_t ngroups;
	rules_pf_cache *cache; /* or NULL */
	/* DEFINE groups read in pass 1, skipped in pass 2: body start, end */
	size_t skip_from[4], skip_to[4], nskip;
} pf_parser;

static void S_set_free(pf_set *s)
{
	free(s->v);
	*s = (pf_set){0};
}

static int S_lit_eq(const pf_lit *a, const unsigned char *s, size_t n)
{
	return a->n == n && memcmp(a->s, s, n) == 0;
}

/* Add a string (deduplicated); 0 or -1 (out of memory, or too long). */
static int S_set_add(pf_set *set, const unsigned char *s, size_t n)
{
	if (n > PF_LIT_MAX)
		return -1;
	for (size_t i = 0; i < set->n; i++)
		if (S_lit_eq(&set->v[i], s, n))
			return 0;
	if (vec_reserve((void **)&set->v, &set->cap, sizeof *set->v, set->n + 1, 8) != 0)
		return -1;
	set->v[set->n].n = (uint8_t)n;
	if (n)
		memcpy(set->v[set->n].s, s, n);
	set->n++;
	return 0;
}

static int S_set_copy(pf_set *dst, const pf_set *src)
{
	*dst = (pf_set){0};
	for (size_t i = 0; i < src->n; i++)
		if (S_set_add(dst, src->v[i].s, src->v[i].n) < 0)
			return -1;
	return 0;
}

static void S_info_free(pf_info *x)
{
	S_set_free(&x->ex);
	for (size_t i = 0; i < x->ncl; i++)
		S_set_free(&x->cl[i]);
	*x = (pf_info){0};
}

/* Nothing known. */
static void S_info_any(pf_info *x)
{
	S_info_free(x);
}

/* Matches only the empty string. */
static void S_info_empty(pf_parser *p, pf_info *x)
{
	S_info_free(x);
	if (p->quiet)
		return; /* only the structure is read: no need to know */
	x->exact = 1;
	if (S_set_add(&x->ex, (const unsigned char *)"", 0) < 0)
		p->bail = 1;
}

static void S_info_copy(pf_parser *p, pf_info *dst, const pf_info *src)
{
	*dst = (pf_info){0};
	dst->exact = src->exact;
	if (S_set_copy(&dst->ex, &src->ex) < 0)
		p->bail = 1;
	for (size_t i = 0; i < src->ncl; i++) {
		if (S_set_copy(&dst->cl[i], &src->cl[i]) < 0)
			p->bail = 1;
		dst->ncl++;
	}
}

/* What the loader's defines require, by name and case option: a define
 * has one body in a file, so one analysis serves every pattern. */
typedef struct pf_cached {
	char *name;
	size_t name_len;
	int caseless;
	pf_info info;
} pf_cached;

typedef struct pf_def_group {
	size_t name_rel, name_len, body_rel; /* offsets into def */
	int caseless;
} pf_def_group;

struct rules_pf_cache {
	pf_cached *v;
	size_t n, cap;
	/* The last DEFINE group read in pass 1: its text from just past
	 * "(DEFINE)" to just past its ')', the state it was read in, and its
	 * named groups. The same text read in the same state gives the same
	 * groups, so the next pattern of the file need not read it again. */
	unsigned char *def;
	size_t def_len;
	int def_caseless, def_depth, def_ok;
	pf_def_group *dg;
	size_t ndg;
};

void argraph_rules__pf_cache_free(rules_pf_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].name);
		S_info_free(&c->v[i].info);
	}
	free(c->v);
	free(c->def);
	free(c->dg);
	free(c);
}

static pf_cached *S_cache_find(rules_pf_cache *c, const pf_group *g)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (c->v[i].caseless == g->caseless && c->v[i].name_len == g->name_len
			&& memcmp(c->v[i].name, g->name, g->name_len) == 0)
			return &c->v[i];
	return NULL;
}

static void S_cache_put(pf_parser *p, const pf_group *g)
{
	rules_pf_cache *c = p->cache;
	if (!c || p->bail)
		return;
	if (vec_reserve((void **)&c->v, &c->cap, sizeof *c->v, c->n + 1, 16) != 0)
		return; /* only loses speed */
	pf_cached *e = &c->v[c->n];
	if (!(e->name = malloc(g->name_len ? g->name_len : 1)))
		return;
	memcpy(e->name, g->name, g->name_len);
	e->name_len = g->name_len;
	e->caseless = g->caseless;
	S_info_copy(p, &e->info, &g->memo);
	c->n++;
}

static int S_has_empty(const pf_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].n == 0)
			return 1;
	return 0;
}

static size_t S_max_len(const pf_set *s)
{
	size_t m = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].n > m)
			m = s->v[i].n;
	return m;
}

/* Does `hay` contain `nee`? */
static int S_contains(const pf_lit *hay, const pf_lit *nee)
{
	if (nee->n > hay->n)
		return 0;
	for (size_t i = 0; i + nee->n <= hay->n; i++)
		if (memcmp(hay->s + i, nee->s, nee->n) == 0)
			return 1;
	return 0;
}

/* A string that contains another of the same clause adds nothing: drop it. */
static void S_clause_minimise(pf_set *c)
{
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++) {
		int redundant = 0;
		for (size_t j = 0; j < c->n && !redundant; j++)
			if (j != i && S_contains(&c->v[i], &c->v[j])
				&& (c->v[j].n < c->v[i].n || j < i))
				redundant = 1;
		if (!redundant)
			c->v[k++] = c->v[i];
	}
	c->n = k;
}

/* Higher is more selective: the shortest string counts most. */
static long S_clause_score(const pf_set *c)
{
	size_t m = SIZE_MAX;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].n < m)
			m = c->v[i].n;
	if (!c->n || m == 0)
		return -1;
	return (long)m * 1000 - (long)c->n;
}

/* Keep the best PF_CLAUSES clauses of x (and drop empty or useless ones). */
static void S_prune(pf_info *x)
{
	/* selection sort by score, best first */
	for (size_t i = 0; i < x->ncl; i++) {
		size_t best = i;
		for (size_t j = i + 1; j < x->ncl; j++)
			if (S_clause_score(&x->cl[j]) > S_clause_score(&x->cl[best]))
				best = j;
		pf_set t = x->cl[i];
		x->cl[i] = x->cl[best];
		x->cl[best] = t;
	}
	size_t k = 0;
	for (size_t i = 0; i < x->ncl; i++) {
		if (k < PF_CLAUSES && S_clause_score(&x->cl[i]) > 0)
			x->cl[k++] = x->cl[i];
		else
			S_set_free(&x->cl[i]);
	}
	x->ncl = k;
}

/* Turn an exact set into one clause (an exact set with the empty string
 * says nothing). */
static void S_to_clauses(pf_info *x)
{
	if (!x->exact)
		return;
	x->exact = 0;
	if (x->ex.n && !S_has_empty(&x->ex)) {
		x->cl[0] = x->ex;
		x->ncl = 1;
	} else {
		S_set_free(&x->ex);
	}
	x->ex = (pf_set){0};
}

/* Clauses of a and of b, in a (the best PF_CLAUSES); b is consumed. */
static void S_merge_clauses(pf_info *a, pf_info *b)
{
	pf_info r = {0};
	pf_set tmp[PF_CLAUSES * 2];
	size_t n = 0;
	for (size_t i = 0; i < a->ncl; i++)
		tmp[n++] = a->cl[i];
	for (size_t i = 0; i < b->ncl; i++)
		tmp[n++] = b->cl[i];
	a->ncl = b->ncl = 0;
	S_info_free(a);
	S_info_free(b);
	for (size_t i = 0; i < n; i++) {
		if (r.ncl < PF_CLAUSES) {
			r.cl[r.ncl++] = tmp[i];
			continue;
		}
		/* full: replace the worst if this one is better */
		size_t worst = 0;
		for (size_t j = 1; j < r.ncl; j++)
			if (S_clause_score(&r.cl[j]) < S_clause_score(&r.cl[worst]))
				worst = j;
		if (S_clause_score(&tmp[i]) > S_clause_score(&r.cl[worst])) {
			S_set_free(&r.cl[worst]);
			r.cl[worst] = tmp[i];
		} else {
			S_set_free(&tmp[i]);
		}
	}
	S_prune(&r);
	*a = r;
}

/* a := a followed by b; b is consumed. */
static void S_concat(pf_parser *p, pf_info *a, pf_info *b)
{
	if (a->exact && b->exact && a->ex.n * b->ex.n <= PF_EXACT_MAX
		&& S_max_len(&a->ex) + S_max_len(&b->ex) <= PF_LIT_MAX) {
		pf_set r = {0};
		for (size_t i = 0; i < a->ex.n; i++)
			for (size_t j = 0; j < b->ex.n; j++) {
				unsigned char buf[PF_LIT_MAX];
				size_t n = a->ex.v[i].n, m = b->ex.v[j].n;
				memcpy(buf, a->ex.v[i].s, n);
				memcpy(buf + n, b->ex.v[j].s, m);
				if (S_set_add(&r, buf, n + m) < 0)
					p->bail = 1;
			}
		S_set_free(&a->ex);
		a->ex = r;
		S_info_free(b);
		return;
	}
	S_to_clauses(a);
	S_to_clauses(b);
	if (!b->ncl) {
		S_info_free(b); /* b says nothing: a's clauses stand */
		return;
	}
	if (!a->ncl) {
		*a = *b; /* a said nothing: b's clauses */
		*b = (pf_info){0};
		return;
	}
	S_merge_clauses(a, b);
}

/* a := a or b; b is consumed. */
static void S_alternate(pf_parser *p, pf_info *a, pf_info *b)
{
	if (a->exact && b->exact && a->ex.n + b->ex.n <= PF_EXACT_MAX) {
		for (size_t j = 0; j < b->ex.n; j++)
			if (S_set_add(&a->ex, b->ex.v[j].s, b->ex.v[j].n) < 0)
				p->bail = 1;
		S_info_free(b);
		return;
	}
	S_to_clauses(a);
	S_to_clauses(b);
	pf_info r = {0};
	pf_set cand[PF_CLAUSES * PF_CLAUSES];
	size_t nc = 0;
	/* (A1 ∧ A2) ∨ (B1 ∧ B2) implies every Ai ∨ Bj */
	for (size_t i = 0; i < a->ncl; i++)
		for (size_t j = 0; j < b->ncl; j++) {
			pf_set u = {0};
			if (S_set_copy(&u, &a->cl[i]) < 0)
				p->bail = 1;
			for (size_t k = 0; k < b->cl[j].n; k++)
				if (S_set_add(&u, b->cl[j].v[k].s, b->cl[j].v[k].n) < 0)
					p->bail = 1;
			if (u.n <= PF_CLAUSE_MAX)
				cand[nc++] = u;
			else
				S_set_free(&u);
		}
	for (size_t i = 0; i < nc; i++) {
		if (r.ncl < PF_CLAUSES)
			r.cl[r.ncl++] = cand[i];
		else
			S_set_free(&cand[i]);
	}
	S_info_free(a);
	S_info_free(b);
	S_prune(&r);
	*a = r;
}

/* x := x repeated min..max times (max < 0: unbounded). */
static void S_repeat(pf_parser *p, pf_info *x, long min, long max)
{
	if (min == 1 && max == 1)
		return;
	if (min == 0) {
		if (max == 1 && x->exact && x->ex.n < PF_EXACT_MAX) {
			if (S_set_add(&x->ex, (const unsigned char *)"", 0) < 0)
				p->bail = 1;
		} else {
			S_info_any(x);
		}
		return;
	}
	if (x->exact && min == max && min <= 4) {
		pf_info one = {0};
		S_info_copy(p, &one, x);
		for (long k = 1; k < min; k++) {
			pf_info more = {0};
			S_info_copy(p, &more, &one);
			S_concat(p, x, &more);
		}
		S_info_free(&one);
		return;
	}
	/* at least one copy: whatever one copy requires */
	S_to_clauses(x);
}

/* ---- the parser ---- */

static int S_is_digit(unsigned c) { return c >= '0' && c <= '9'; }
static int S_is_alnum(unsigned c)
{
	return S_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint32_t S_next_cp(pf_parser *p)
{
	return utf8_next((const char *)p->s, p->n, &p->i);
}

/* One character as a literal, or "some character" where case could let
 * PCRE2 match a different one. */
static void S_char(pf_parser *p, uint32_t cp, int caseless, pf_info *out)
{
	S_info_free(out);
	if (p->quiet)
		return;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
	} else if (caseless && !(cp >= 0x3000 && cp <= 0x9FFF)) {
		return;
	}
	char buf[4];
	size_t n = utf8_encode(cp, buf);
	out->exact = 1;
	if (S_set_add(&out->ex, (const unsigned char *)buf, n) < 0)
		p->bail = 1;
}

/* Skip a \p{…} / \P{…} / \pL. */
static void S_skip_property(pf_parser *p)
{
	if (p->i < p->n && p->s[p->i] == '{') {
		while (p->i < p->n && p->s[p->i] != '}')
			p->i++;
		if (p->i >= p->n)
			p->bail = 1;
		else
			p->i++;
	} else if (p->i < p->n) {
		p->i++;
	} else {
		p->bail = 1;
	}
}

/* A control escape's code point, or -1. */
static long S_control(unsigned c)
{
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'f': return '\f';
	case 'e': return 0x1B;
	case 'a': return 0x07;
	default: return -1;
	}
}

/* \d: with PCRE2_UCP (every pattern is compiled with it) a decimal digit
 * of any script, \p{Nd}. Its texts contain an ASCII digit or a non-ASCII
 * Nd character; for those, the whole UTF-8 sequence (two bytes, and the
 * full-width digits U+FF10–FF19) or its first two bytes (the other three-
 * and four-byte digits), which the character contains. So \d is not an
 * exact set but one clause. The list is Unicode 14.0's Nd (PCRE2 10.42's
 * tables); a later Unicode adds digits only in blocks whose lead bytes
 * are listed, or new ones, which would need adding here. */
static const char *const nd_lits[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
	"\xD9\xA0", "\xD9\xA1", "\xD9\xA2", "\xD9\xA3", "\xD9\xA4", "\xD9\xA5",
	"\xD9\xA6", "\xD9\xA7", "\xD9\xA8", "\xD9\xA9", "\xDB\xB0", "\xDB\xB1",
	"\xDB\xB2", "\xDB\xB3", "\xDB\xB4", "\xDB\xB5", "\xDB\xB6", "\xDB\xB7",
	"\xDB\xB8", "\xDB\xB9", "\xDF\x80", "\xDF\x81", "\xDF\x82", "\xDF\x83",
	"\xDF\x84", "\xDF\x85", "\xDF\x86", "\xDF\x87", "\xDF\x88", "\xDF\x89",
	"\xE0\xA5", "\xE0\xA7", "\xE0\xA9", "\xE0\xAB", "\xE0\xAD", "\xE0\xAF",
	"\xE0\xB1", "\xE0\xB3", "\xE0\xB5", "\xE0\xB7", "\xE0\xB9", "\xE0\xBB",
	"\xE0\xBC", "\xE1\x81", "\xE1\x82", "\xE1\x9F", "\xE1\xA0", "\xE1\xA5",
	"\xE1\xA7", "\xE1\xAA", "\xE1\xAD", "\xE1\xAE", "\xE1\xB1", "\xEA\x98",
	"\xEA\xA3", "\xEA\xA4", "\xEA\xA7", "\xEA\xA9", "\xEA\xAF", "\xEF\xBC\x90",
	"\xEF\xBC\x91", "\xEF\xBC\x92", "\xEF\xBC\x93", "\xEF\xBC\x94", "\xEF\xBC\x95", "\xEF\xBC\x96",
	"\xEF\xBC\x97", "\xEF\xBC\x98", "\xEF\xBC\x99", "\xF0\x90", "\xF0\x91", "\xF0\x96",
	"\xF0\x9D", "\xF0\x9E", "\xF0\x9F",
};

static void S_digit(pf_parser *p, pf_info *out)
{
	S_info_free(out);
	if (p->quiet)
		return;
	for (size_t i = 0; i < sizeof nd_lits / sizeof nd_lits[0]; i++)
		if (S_set_add(&out->cl[0], (const unsigned char *)nd_lits[i],
				strlen(nd_lits[i])) < 0) {
			p->bail = 1;
			return;
		}
	out->ncl = 1;
}

static int S_hex_digit(unsigned c)
{
	return c >= '0' && c <= '9' ? (int)(c - '0')
	     : c >= 'a' && c <= 'f' ? (int)(c - 'a' + 10)
	     : c >= 'A' && c <= 'F' ? (int)(c - 'A' + 10) : -1;
}

/* The character of \x{h…} or \xhh (up to two digits; none is U+0000), as
 * PCRE2 reads them; p->i is past the x. -2 (and bail) for what PCRE2
 * would refuse or read otherwise. A rule file's defines are read with
 * every pattern, so giving up here would turn the prefilter off for every
 * rule of a file with one \x in a define. */
static long S_hex(pf_parser *p)
{
	long cp = 0;
	if (p->i < p->n && p->s[p->i] == '{') {
		size_t digits = 0;
		int d;
		for (p->i++; p->i < p->n && (d = S_hex_digit(p->s[p->i])) >= 0; p->i++, digits++)
			if ((cp = cp * 16 + d) > 0x10FFFF)
				break;
		if (!digits || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || p->i >= p->n
		    || p->s[p->i] != '}') {
			p->bail = 1;
			return -2;
		}
		p->i++;
		return cp;
	}
	for (int k = 0, d; k < 2 && p->i < p->n && (d = S_hex_digit(p->s[p->i])) >= 0; k++, p->i++)
		cp = cp * 16 + d;
	return cp;
}

/* An escape outside a class; p->i is past the backslash. */
static void S_escape(pf_parser *p, int caseless, pf_info *out)
{
	S_info_free(out);
	if (p->i >= p->n) {
		p->bail = 1;
		return;
	}
	unsigned c = p->s[p->i];
	if (c >= 0x80) {
		S_char(p, S_next_cp(p), caseless, out);
		return;
	}
	if (!S_is_alnum(c)) {
		p->i++;
		S_char(p, c, caseless, out);
		return;
	}
	p->i++;
	long ctl = S_control(c);
	if (ctl >= 0) {
		S_char(p, (uint32_t)ctl, caseless, out);
		return;
	}
	switch (c) {
	case 'd':
		S_digit(p, out);
		return;
	case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V': case 'R': case 'X':
		return; /* some character(s) */
	case 'N':
		if (p->i < p->n && p->s[p->i] == '{')
			p->bail = 1;
		return;
	case 'p': case 'P':
		S_skip_property(p);
		return;
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
		S_info_empty(p, out);
		return;
	case 'x': {
		long cp = S_hex(p);
		if (cp >= 0)
			S_char(p, (uint32_t)cp, caseless, out);
		return;
	}
	default:
		p->bail = 1; /* \Q, \o, \c, \g, \k, digits …: not analysed */
		return;
	}
}

/* Add cp to a class's set; 0, or 1 when the class must count as "some
 * character". */
static int S_class_add(pf_parser *p, pf_set *set, uint32_t cp, int caseless)
{
	pf_info one = {0};
	S_char(p, cp, caseless, &one);
	int complex = !one.exact;
	if (!complex && S_set_add(set, one.ex.v[0].s, one.ex.v[0].n) < 0)
		p->bail = 1;
	S_info_free(&one);
	return complex || set->n > PF_EXACT_MAX;
}

/* One item of a class: a code point (>= 0), or -1 for a type or property,
 * -2 on an error (p->bail set). */
static long S_class_item(pf_parser *p)
{
	if (p->i >= p->n) {
		p->bail = 1;
		return -2;
	}
	unsigned c = p->s[p->i];
	if (c == '[' && p->i + 1 < p->n
		&& (p->s[p->i + 1] == ':' || p->s[p->i + 1] == '.' || p->s[p->i + 1] == '=')) {
		p->bail = 1; /* POSIX classes: not analysed */
		return -2;
	}
	if (c != '\\')
		return (long)S_next_cp(p);
	p->i++;
	if (p->i >= p->n) {
		p->bail = 1;
		return -2;
	}
	c = p->s[p->i];
	if (c >= 0x80)
		return (long)S_next_cp(p);
	p->i++;
	if (!S_is_alnum(c))
		return (long)c;
	long ctl = S_control(c);
	if (ctl >= 0)
		return ctl;
	switch (c) {
	case 'b':
		return 0x08;
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
	case 'h': case 'H': case 'v': case 'V':
		return -1;
	case 'p': case 'P':
		S_skip_property(p);
		return p->bail ? -2 : -1;
	case 'x':
		return S_hex(p);
	default:
		p->bail = 1;
		return -2;
	}
}

/* A class; p->i is past '['. */
static void S_class(pf_parser *p, int caseless, pf_info *out)
{
	pf_set set = {0};
	int complex = 0, first = 1;
	S_info_free(out);
	if (p->i < p->n && p->s[p->i] == '^') {
		complex = 1;
		p->i++;
	}
	for (;;) {
		if (p->i >= p->n) {
			p->bail = 1;
			break;
		}
		if (p->s[p->i] == ']' && !first) {
			p->i++;
			break;
		}
		first = 0;
		long lo = S_class_item(p);
		if (lo == -2)
			break;
		if (p->i + 1 < p->n && p->s[p->i] == '-' && p->s[p->i + 1] != ']') {
			p->i++;
			long hi = S_class_item(p);
			if (hi == -2)
				break;
			if (lo < 0 || hi < 0 || hi < lo) {
				p->bail = 1; /* PCRE2 refuses these; be safe anyway */
				break;
			}
			if (hi - lo > 32) {
				complex = 1;
				continue;
			}
			for (long c = lo; c <= hi && !complex; c++)
				complex |= S_class_add(p, &set, (uint32_t)c, caseless);
			continue;
		}
		if (lo < 0)
			complex = 1;
		else if (!complex)
			complex |= S_class_add(p, &set, (uint32_t)lo, caseless);
	}
	if (complex || p->bail || !set.n || p->quiet) {
		S_set_free(&set);
		return;
	}
	out->exact = 1;
	out->ex = set;
}

static void S_alt(pf_parser *p, int caseless, pf_info *out);

static pf_group *S_group_find(pf_parser *p, const unsigned char *name, size_t n)
{
	for (size_t g = 0; g < p->ngroups; g++)
		if (p->groups[g].name_len == n && memcmp(p->groups[g].name, name, n) == 0)
			return &p->groups[g];
	return NULL;
}

/* A name up to `end`; returns its length, p->i past `end`. */
static size_t S_name(pf_parser *p, unsigned char end, const unsigned char **name)
{
	size_t b = p->i;
	while (p->i < p->n && p->s[p->i] != end)
		p->i++;
	if (p->i >= p->n || p->i == b) {
		p->bail = 1;
		return 0;
	}
	*name = p->s + b;
	return p->i++ - b;
}

/* A subroutine call to a named group. */
static void S_call(pf_parser *p, const unsigned char *name, size_t n, pf_info *out)
{
	S_info_free(out);
	if (!p->resolve || p->quiet)
		return; /* first pass: groups are still being found */
	pf_group *g = S_group_find(p, name, n);
	if (!g) {
		p->bail = 1;
		return;
	}
	if (g->state == 1)
		return; /* recursion: nothing known */
	pf_cached *hit = g->state == 0 && g->in_define ? S_cache_find(p->cache, g) : NULL;
	if (hit) {
		S_info_copy(p, &g->memo, &hit->info);
		g->state = 2;
	}
	if (g->state == 0) {
		if (++p->depth > PF_DEPTH) {
			p->bail = 1;
			return;
		}
		size_t save = p->i;
		int quiet = p->quiet;
		g->state = 1;
		p->i = g->body;
		p->quiet = 0;
		S_alt(p, g->caseless, &g->memo);
		p->quiet = quiet;
		if (p->i >= p->n || p->s[p->i] != ')')
			p->bail = 1;
		p->i = save;
		g->state = 2;
		p->depth--;
		if (g->in_define)
			S_cache_put(p, g);
	}
	S_info_copy(p, out, &g->memo);
}

/* The body of a group up to and past its ')'. */
static void S_group_body(pf_parser *p, int caseless, pf_info *out)
{
	if (++p->depth > PF_DEPTH) {
		p->bail = 1;
		return;
	}
	S_alt(p, caseless, out);
	if (p->i >= p->n || p->s[p->i] != ')')
		p->bail = 1;
	else
		p->i++;
	p->depth--;
}

/* Pass 2: skip a DEFINE group pass 1 read. Pass 1: take its named groups
 * from the cache when the same text was read in the same state before.
 * 1 when p->i is now past the group. */
static int S_define_known(pf_parser *p, size_t start, int caseless)
{
	if (p->resolve) {
		for (size_t k = 0; k < p->nskip; k++)
			if (p->skip_from[k] == start) {
				p->i = p->skip_to[k];
				return 1;
			}
		return 0;
	}
	rules_pf_cache *c = p->cache;
	if (!c || !c->def_ok || c->def_caseless != caseless || c->def_depth != p->depth
		|| p->in_define || p->nskip == 4 || p->n - start < c->def_len
		|| memcmp(p->s + start, c->def, c->def_len) != 0
		|| p->ngroups + c->ndg > PF_GROUPS)
		return 0;
	for (size_t k = 0; k < c->ndg; k++) {
		const unsigned char *name = p->s + start + c->dg[k].name_rel;
		if (S_group_find(p, name, c->dg[k].name_len)) {
			p->bail = 1; /* as reading it would */
			return 1;
		}
		p->groups[p->ngroups++] = (pf_group){.name = name,
			.name_len = c->dg[k].name_len, .body = start + c->dg[k].body_rel,
			.caseless = c->dg[k].caseless, .in_define = 1};
	}
	p->i = start + c->def_len;
	p->skip_from[p->nskip] = start;
	p->skip_to[p->nskip++] = p->i;
	return 1;
}

/* Pass 1 has read a DEFINE group from start to p->i, its named groups
 * from g0 on: note it for pass 2, and in the cache. */
static void S_define_read(pf_parser *p, size_t start, int caseless, size_t g0)
{
	rules_pf_cache *c = p->cache;
	if (p->resolve || p->bail || p->in_define || p->nskip == 4)
		return;
	p->skip_from[p->nskip] = start;
	p->skip_to[p->nskip++] = p->i;
	if (!c)
		return;
	size_t len = p->i - start, ng = p->ngroups - g0;
	unsigned char *def = malloc(len ? len : 1);
	pf_def_group *dg = malloc((ng ? ng : 1) * sizeof *dg);
	if (!def || !dg) {
		free(def);
		free(dg);
		return; /* only loses speed */
	}
	memcpy(def, p->s + start, len);
	for (size_t k = 0; k < ng; k++) {
		const pf_group *g = &p->groups[g0 + k];
		dg[k] = (pf_def_group){(size_t)(g->name - (p->s + start)), g->name_len,
			g->body - start, g->caseless};
	}
	free(c->def);
	free(c->dg);
	c->def = def;
	c->def_len = len;
	c->def_caseless = caseless;
	c->def_depth = p->depth;
	c->dg = dg;
	c->ndg = ng;
	c->def_ok = 1;
}

/* A group; p->i is past '('. *quantifiable is cleared for an option
 * setting. */
static void S_paren(pf_parser *p, int *caseless, pf_info *out, int *quantifiable)
{
	const unsigned char *s = p->s;
	size_t n = p->n;
	S_info_free(out);
	if (p->i < n && s[p->i] == '*') {
		p->bail = 1; /* (*VERB), (*pla:…) …: not analysed */
		return;
	}
	if (p->i >= n || s[p->i] != '?') {
		S_group_body(p, *caseless, out); /* capture group */
		return;
	}
	p->i++;
	if (p->i >= n) {
		p->bail = 1;
		return;
	}
	unsigned c = s[p->i];
	unsigned c1 = p->i + 1 < n ? s[p->i + 1] : 0;
	const unsigned char *name = NULL;
	size_t nl = 0;
	switch (c) {
	case ':': case '>': case '|':
		p->i++;
		S_group_body(p, *caseless, out);
		return;
	case '=': case '!':
		p->i++;
		S_group_body(p, *caseless, out);
		S_info_empty(p, out); /* a lookaround takes no text */
		return;
	case '<':
		if (c1 == '=' || c1 == '!') {
			p->i += 2;
			S_group_body(p, *caseless, out);
			S_info_empty(p, out);
			return;
		}
		p->i++;
		nl = S_name(p, '>', &name);
		break;
	case '\'':
		p->i++;
		nl = S_name(p, '\'', &name);
		break;
	case 'P':
		if (c1 == '<') {
			p->i += 2;
			nl = S_name(p, '>', &name);
			break;
		}
		if (c1 == '>') {
			p->i += 2;
			nl = S_name(p, ')', &name);
			if (!p->bail)
				S_call(p, name, nl, out);
			return;
		}
		p->bail = 1; /* (?P=name): a back reference */
		return;
	case '&':
		p->i++;
		nl = S_name(p, ')', &name);
		if (!p->bail)
			S_call(p, name, nl, out);
		return;
	case '(':
		if (n - p->i >= 8 && memcmp(s + p->i, "(DEFINE)", 8) == 0) {
			/* Read for its named groups only (pass 1); what a
			 * group requires is worked out where it is called. */
			p->i += 8;
			size_t start = p->i, g0 = p->ngroups;
			if (S_define_known(p, start, *caseless)) {
				S_info_empty(p, out);
				return;
			}
			p->quiet++;
			p->in_define++;
			S_group_body(p, *caseless, out);
			p->in_define--;
			p->quiet--;
			S_info_empty(p, out);
			S_define_read(p, start, *caseless, g0);
			return;
		}
		p->bail = 1;
		return;
	default:
		if (c == 'R' || S_is_digit(c) || ((c == '+' || c == '-') && S_is_digit(c1))) {
			while (p->i < n && s[p->i] != ')')
				p->i++;
			if (p->i >= n)
				p->bail = 1;
			else
				p->i++;
			return; /* a numbered call: nothing known */
		}
		{
			/* option letters: (?i) (?-i) (?^) (?i: …) */
			int on = 1, cl = *caseless;
			for (; p->i < n; p->i++) {
				c = s[p->i];
				if (c == '-')
					on = 0;
				else if (c == '^')
					cl = 0, on = 1;
				else if (c == 'i')
					cl = on;
				else if (c == 'x' || !(c == 'm' || c == 's' || c == 'n' || c == 'U' || c == 'J'))
					break;
			}
			if (p->i < n && s[p->i] == ')') {
				p->i++;
				*caseless = cl;
				*quantifiable = 0;
				S_info_empty(p, out);
				return;
			}
			if (p->i < n && s[p->i] == ':') {
				p->i++;
				S_group_body(p, cl, out);
				return;
			}
			p->bail = 1;
			return;
		}
	}
	/* a named group */
	if (p->bail)
		return;
	if (!p->resolve) {
		if (p->ngroups == PF_GROUPS || S_group_find(p, name, nl)) {
			p->bail = 1;
			return;
		}
		p->groups[p->ngroups++] = (pf_group){.name = name, .name_len = nl,
			.body = p->i, .caseless = *caseless, .in_define = p->in_define > 0};
	}
	S_group_body(p, *caseless, out);
}

static int S_number(pf_parser *p, long *v)
{
	size_t b = p->i;
	long x = 0;
	while (p->i < p->n && S_is_digit(p->s[p->i]) && p->i - b < 6)
		x = x * 10 + (p->s[p->i++] - '0');
	*v = x;
	return p->i > b;
}

/* A quantifier after an atom, if any. */
static void S_quantifier(pf_parser *p, pf_info *x)
{
	if (p->i >= p->n)
		return;
	long min, max;
	switch (p->s[p->i]) {
	case '?': min = 0, max = 1; p->i++; break;
	case '*': min = 0, max = -1; p->i++; break;
	case '+': min = 1, max = -1; p->i++; break;
	case '{':
		p->i++;
		if (!S_number(p, &min)) {
			p->bail = 1; /* a literal '{', or a syntax this does not know */
			return;
		}
		max = min;
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			if (!S_number(p, &max))
				max = -1;
		}
		if (p->i >= p->n || p->s[p->i] != '}') {
			p->bail = 1;
			return;
		}
		p->i++;
		break;
	default:
		return;
	}
	if (p->i < p->n && (p->s[p->i] == '?' || p->s[p->i] == '+'))
		p->i++;
	S_repeat(p, x, min, max);
}

/* Can exact sets a and b be concatenated as exact sets? */
static int S_fits(const pf_info *a, const pf_info *b)
{
	return a->exact && b->exact && a->ex.n * b->ex.n <= PF_EXACT_MAX
		&& S_max_len(&a->ex) + S_max_len(&b->ex) <= PF_LIT_MAX;
}

/* A sequence of atoms up to '|', ')' or the end. Exact atoms in a row
 * build up one exact set (`run`: "因" then "此" is "因此"); an inexact
 * atom, or a run that grew too large, adds its clauses to `done`. */
static void S_seq(pf_parser *p, int *caseless, pf_info *out)
{
	pf_info run = {0}, done = {0};
	int exact = 1; /* every atom so far was exact */
	S_info_empty(p, &run);
	while (!p->bail && p->i < p->n && p->s[p->i] != '|' && p->s[p->i] != ')') {
		pf_info a = {0};
		int quantifiable = 1;
		unsigned c = p->s[p->i];
		switch (c) {
		case '(':
			p->i++;
			S_paren(p, caseless, &a, &quantifiable);
			break;
		case '[':
			p->i++;
			S_class(p, *caseless, &a);
			break;
		case '\\':
			p->i++;
			S_escape(p, *caseless, &a);
			break;
		case '.':
			p->i++;
			break; /* some character */
		case '^': case '$':
			p->i++;
			S_info_empty(p, &a);
			break;
		case '*': case '+': case '?': case '{':
			p->bail = 1;
			break;
		default:
			S_char(p, S_next_cp(p), *caseless, &a);
			break;
		}
		if (quantifiable && !p->bail)
			S_quantifier(p, &a);
		if (S_fits(&run, &a)) {
			S_concat(p, &run, &a);
			continue;
		}
		exact = 0;
		S_to_clauses(&run);
		S_concat(p, &done, &run); /* both inexact: done gets run's clauses */
		if (a.exact) {
			run = a; /* a new run starts */
		} else {
			S_concat(p, &done, &a);
			S_info_empty(p, &run);
		}
	}
	S_info_free(out);
	if (exact) {
		*out = run;
		S_info_free(&done);
		return;
	}
	S_to_clauses(&run);
	S_concat(p, &done, &run);
	*out = done;
}

/* Alternatives up to ')' or the end; options set in one carry into the
 * next (as in PCRE2). */
static void S_alt(pf_parser *p, int caseless, pf_info *out)
{
	S_seq(p, &caseless, out);
	while (!p->bail && p->i < p->n && p->s[p->i] == '|') {
		pf_info b = {0};
		p->i++;
		S_seq(p, &caseless, &b);
		S_alternate(p, out, &b);
	}
}

static void S_parser_free(pf_parser *p)
{
	for (size_t g = 0; g < p->ngroups; g++)
		S_info_free(&p->groups[g].memo);
}

/* Serialized requirement: clause count, then per clause its literal
 * count, then per literal its length and bytes. */
const unsigned char *argraph_rules__required(arena *mem, const char *pat,
	size_t len, uint32_t options, rules_pf_cache **cache)
{
	pf_parser *p = calloc(1, sizeof *p);
	pf_info top = {0};
	unsigned char *out = NULL;
	if (!p)
		return NULL;
	p->s = (const unsigned char *)pat;
	p->n = len;
	if (cache && !*cache)
		*cache = calloc(1, sizeof **cache);
	p->cache = cache ? *cache : NULL;
	int caseless = (options & PCRE2_CASELESS) != 0;
	/* pass 1 finds the named groups; pass 2 expands calls to them */
	p->quiet = 1;
	S_alt(p, caseless, &top);
	p->quiet = 0;
	if (!p->bail && p->i != p->n)
		p->bail = 1; /* an unbalanced ')' */
	S_info_free(&top);
	if (!p->bail) {
		p->resolve = 1;
		p->i = 0;
		p->depth = 0;
		S_alt(p, caseless, &top);
		if (p->i != p->n)
			p->bail = 1;
	}
	if (!p->bail) {
		S_to_clauses(&top);
		for (size_t c = 0; c < top.ncl; c++)
			S_clause_minimise(&top.cl[c]);
		/* the serialized form counts literals in a byte: a clause with
		 * more is left out (fewer clauses only let the rule run more) */
		for (size_t c = 0; c < top.ncl; c++)
			if (top.cl[c].n > UINT8_MAX)
				S_set_free(&top.cl[c]); /* no literals: pruned below */
		S_prune(&top);
	}
	if (!p->bail && top.ncl) {
		size_t size = 1;
		for (size_t c = 0; c < top.ncl; c++) {
			size++;
			for (size_t k = 0; k < top.cl[c].n; k++)
				size += 1 + top.cl[c].v[k].n;
		}
		if ((out = arena_alloc(mem, size))) {
			unsigned char *w = out;
			*w++ = (unsigned char)top.ncl;
			for (size_t c = 0; c < top.ncl; c++) {
				*w++ = (unsigned char)top.cl[c].n;
				for (size_t k = 0; k < top.cl[c].n; k++) {
					*w++ = top.cl[c].v[k].n;
					memcpy(w, top.cl[c].v[k].s, top.cl[c].v[k].n);
					w += top.cl[c].v[k].n;
				}
			}
		}
	}
	S_info_free(&top);
	S_parser_free(p);
	free(p);
	return out;
}

/* ---- the table and the scan ---- */

static const unsigned char *S_fold_table(void)
{
	static const unsigned char t[256] = {
#define R(b) (unsigned char)((b) >= 'A' && (b) <= 'Z' ? (b) + 32 : (b))
#define R4(b) R(b), R((b) + 1), R((b) + 2), R((b) + 3)
#define R16(b) R4(b), R4((b) + 4), R4((b) + 8), R4((b) + 12)
#define R64(b) R16(b), R16((b) + 16), R16((b) + 32), R16((b) + 48)
		R64(0), R64(64), R64(128), R64(192)
#undef R64
#undef R16
#undef R4
#undef R
	};
	return t;
}

#define PF_HASH 4096 /* > 2 × ARGRAPH_RULES_PF_MAX_LITS */
#define PF_EMPTY UINT32_MAX

/* Literals by a key made of their first bytes (two for two-byte
 * literals, three for longer ones): a bitmap by a hash of the key says
 * quickly that no literal starts so; the table finds those that do. */
typedef struct pf_index {
	uint64_t bits[1024];     /* 65536 bits, by S_bit(key) */
	uint32_t hkey[PF_HASH];  /* key, or PF_EMPTY */
	uint16_t hstart[PF_HASH], hcount[PF_HASH]; /* entries in ids */
	uint16_t *ids;           /* literal ids, sorted by key */
	uint32_t *keys;          /* key of each entry */
	size_t n;
} pf_index;

static size_t S_slot(uint32_t key)
{
	return (size_t)((key * 2654435761u) >> 20) & (PF_HASH - 1);
}

static uint32_t S_bit(uint32_t key)
{
	return ((key * 0x9E3779B1u) >> 16) & 0xFFFF;
}

struct rules_pf {
	size_t nlits;
	unsigned char *lit;      /* all literal bytes */
	uint32_t *lit_off;       /* nlits + 1 offsets into lit */
	uint16_t byte1[256];     /* one-byte literal: id + 1 */
	uint64_t ks[ARGRAPH_RULES_PF_WORDS]; /* literals with a k or an s */
	pf_index two, three;     /* two-byte literals; longer ones */
	uint16_t lit_slot[PF_HASH]; /* literal by hash of its bytes: id + 1 (building) */
	/* The scan's automaton (Aho–Corasick, made a full DFA): a text byte
	 * goes through fold and class into cls; state q's next state after
	 * class c is delta[q * ncls + c]. States from first_out on
	 * have literals ending in them: out[out_off[q]] is their count, then
	 * their ids (PF_KS for U+017F and U+212A). depth[q] is the length of
	 * the string q stands for. No automaton (delta NULL) when the states
	 * would not fit 16 bits: the scan is then the reference one.
	 * Read-only after the build, like the rest. */
	uint16_t cls[256];
	size_t ncls, nstates;
	uint16_t *delta;
	uint32_t first_out, *out_off;
	uint8_t *depth;
	uint16_t *out;
	size_t nout;
	/* each live rule's clauses (by rule index): rule i has clauses
	 * rule_cl[i] .. rule_cl[i+1]; clause c is met if found[pw[k]] & pm[k]
	 * for some k in cl_pair[c] .. cl_pair[c+1] (its literals, grouped by
	 * the word of the bitset they are in) */
	uint32_t *rule_cl, *cl_pair;
	uint16_t *pw;
	uint64_t *pm;
	size_t nrules;
	/* The same, by literal, for pf_pass64: rules come in blocks of 64
	 * (block b: rules 64b … 64b+63), and clause k of a rule is its slot k.
	 * lit_rules[(id * nblocks + b) * PF_CLAUSES + k] has bit j set when
	 * literal id is in clause k of rule 64b+j; absent[b * PF_CLAUSES + k]
	 * has bit j set when that rule has no clause k. A rule passes when
	 * every slot is met: by a found literal, or by having no clause
	 * there. A rule has at most PF_CLAUSES clauses (pf_info.cl), so
	 * every rule has its slots. */
	uint64_t *lit_rules, *absent;
	size_t nblocks;
};

void argraph_rules__pf_free(rules_pf *pf)
{
	if (!pf)
		return;
	free(pf->lit);
	free(pf->lit_off);
	free(pf->two.ids);
	free(pf->two.keys);
	free(pf->three.ids);
	free(pf->three.keys);
	free(pf->rule_cl);
	free(pf->cl_pair);
	free(pf->lit_rules);
	free(pf->absent);
	free(pf->pw);
	free(pf->pm);
	free(pf->delta);
	free(pf->out_off);
	free(pf->depth);
	free(pf->out);
	free(pf);
}

static int S_index_alloc(pf_index *x, size_t n)
{
	x->ids = calloc(n ? n : 1, sizeof *x->ids);
	x->keys = calloc(n ? n : 1, sizeof *x->keys);
	return x->ids && x->keys ? 0 : -1;
}

static void S_index_add(pf_index *x, uint32_t key, size_t id)
{
	/* insertion sort by key (keeps ids in order within a key) */
	size_t j = x->n++;
	while (j > 0 && x->keys[j - 1] > key) {
		x->keys[j] = x->keys[j - 1];
		x->ids[j] = x->ids[j - 1];
		j--;
	}
	x->keys[j] = key;
	x->ids[j] = (uint16_t)id;
	uint32_t b = S_bit(key);
	x->bits[b >> 6] |= (uint64_t)1 << (b & 63);
}

static void S_index_hash(pf_index *x)
{
	for (size_t h = 0; h < PF_HASH; h++)
		x->hkey[h] = PF_EMPTY;
	for (size_t j = 0; j < x->n;) {
		size_t e = j;
		while (e < x->n && x->keys[e] == x->keys[j])
			e++;
		size_t h = S_slot(x->keys[j]);
		while (x->hkey[h] != PF_EMPTY)
			h = (h + 1) & (PF_HASH - 1);
		x->hkey[h] = x->keys[j];
		x->hstart[h] = (uint16_t)j;
		x->hcount[h] = (uint16_t)(e - j);
		j = e;
	}
}

/* Entries of key in x: *count of them from the returned index. */
static size_t S_index_find(const pf_index *x, uint32_t key, size_t *count)
{
	uint32_t b = S_bit(key);
	*count = 0;
	if (!(x->bits[b >> 6] & ((uint64_t)1 << (b & 63))))
		return 0;
	for (size_t h = S_slot(key); x->hkey[h] != PF_EMPTY; h = (h + 1) & (PF_HASH - 1))
		if (x->hkey[h] == key) {
			*count = x->hcount[h];
			return x->hstart[h];
		}
	return 0;
}

/* Literal id of (s, n), adding it; or -1 when the table is full. */
static long S_lit_id(rules_pf *pf, size_t *cap, const unsigned char *s, size_t n)
{
	uint32_t hash = 2166136261u;
	for (size_t k = 0; k < n; k++)
		hash = (hash ^ s[k]) * 16777619u;
	size_t h = S_slot(hash);
	for (; pf->lit_slot[h]; h = (h + 1) & (PF_HASH - 1)) {
		size_t i = pf->lit_slot[h] - 1u;
		if (pf->lit_off[i + 1] - pf->lit_off[i] == n && memcmp(pf->lit + pf->lit_off[i], s, n) == 0)
			return (long)i;
	}
	if (pf->nlits >= ARGRAPH_RULES_PF_MAX_LITS)
		return -1;
	pf->lit_slot[h] = (uint16_t)(pf->nlits + 1);
	size_t used = pf->lit_off[pf->nlits];
	if (used + n > *cap) {
		size_t c = (*cap + n) * 2;
		unsigned char *l = realloc(pf->lit, c);
		if (!l)
			return -2;
		pf->lit = l;
		*cap = c;
	}
	memcpy(pf->lit + used, s, n);
	pf->nlits++;
	pf->lit_off[pf->nlits] = (uint32_t)(used + n);
	return (long)(pf->nlits - 1);
}

/* Append one serialized requirement's clauses to data (as ids); clauses
 * with a literal that did not fit the table are left out (they would
 * only let the rule run more often). */
static argraph_status S_add_req(rules_pf *pf, size_t *cap, const unsigned char *req,
	uint16_t *data, size_t *n, size_t *ncl)
{
	if (!req)
		return ARGRAPH_OK;
	size_t count = *req++;
	for (size_t c = 0; c < count; c++) {
		size_t nl = *req++, at = *n, ok = 1;
		data[(*n)++] = 0;
		for (size_t k = 0; k < nl; k++) {
			size_t len = *req++;
			long id = S_lit_id(pf, cap, req, len);
			req += len;
			if (id == -2)
				return ARGRAPH_ENOMEM;
			if (id < 0)
				ok = 0;
			else
				data[(*n)++] = (uint16_t)id;
		}
		if (ok) {
			data[at] = (uint16_t)nl;
			(*ncl)++;
		} else {
			*n = at;
		}
	}
	return ARGRAPH_OK;
}

static size_t S_req_words(const unsigned char *req)
{
	size_t w = 0;
	if (!req)
		return 0;
	size_t count = *req++;
	for (size_t c = 0; c < count; c++) {
		size_t nl = *req++;
		w += 1 + nl;
		for (size_t k = 0; k < nl; k++)
			req += 1 + *req;
	}
	return w;
}

#define PF_KS 0xFFFFu      /* in out: U+017F or U+212A, not a literal */

/* Literal k of the automaton: the table's literals, then U+017F and
 * U+212A (as PF_KS; the reference scan looks for them the same way). */
static const unsigned char *S_dfa_lit(const rules_pf *pf, size_t k, size_t *len)
{
	static const unsigned char ks[2][3] = {{0xC5, 0xBF}, {0xE2, 0x84, 0xAA}};
	if (k >= pf->nlits) {
		*len = k == pf->nlits ? 2 : 3;
		return ks[k - pf->nlits];
	}
	*len = pf->lit_off[k + 1] - pf->lit_off[k];
	return pf->lit + pf->lit_off[k];
}

/* The scan's automaton (see struct rules_pf). Literals are folded, and
 * the text is folded through cls, so each byte is one table step. The
 * reference scan starts literals only at bytes that are not UTF-8
 * continuation bytes; a literal whose first byte is one of those is left
 * out (it is never found), and any other literal can only occur where the
 * reference scan looks for it, since its first byte is in the text. Only
 * the bytes literals use get a class of their own: the others all lead to
 * the same state, so class 0 stands for all of them. */
static argraph_status S_build_dfa(rules_pf *pf)
{
	const unsigned char *fold = S_fold_table();
	size_t nk = pf->nlits + 2, total = 1, len, ncls = 1;
	uint16_t map[256] = {0};
	argraph_status st = ARGRAPH_ENOMEM;
	uint32_t *go = NULL, *fail = NULL, *queue = NULL, *cnt = NULL, *own_head = NULL,
		 *own_next = NULL, *depth = NULL;
	for (size_t k = 0; k < nk; k++) {
		const unsigned char *s = S_dfa_lit(pf, k, &len);
		if (!len || (s[0] & 0xC0) == 0x80)
			continue;
		total += len;
		for (size_t j = 0; j < len; j++)
			map[s[j]] = 1;
	}
	for (size_t b = 0; b < 256; b++)
		if (map[b])
			map[b] = (uint16_t)ncls++;
	for (size_t b = 0; b < 256; b++)
		pf->cls[b] = map[fold[b]];
	pf->ncls = ncls;
	size_t w = ncls + 1; /* a row of go: one entry per class, then the literals */
	if (!(go = calloc(total * w, sizeof *go)) || !(fail = calloc(total, sizeof *fail))
		|| !(queue = calloc(total, sizeof *queue)) || !(cnt = calloc(total, sizeof *cnt))
		|| !(own_head = calloc(total, sizeof *own_head))
		|| !(own_next = calloc(nk, sizeof *own_next))
		|| !(depth = calloc(total, sizeof *depth)))
		goto done;
	/* the trie; 0 in go means no edge (nothing goes back to the root) */
	size_t nstates = 1;
	for (size_t k = 0; k < nk; k++) {
		const unsigned char *s = S_dfa_lit(pf, k, &len);
		if (!len || (s[0] & 0xC0) == 0x80)
			continue;
		size_t q = 0;
		for (size_t j = 0; j < len; j++) {
			uint32_t *e = &go[q * w + map[s[j]]];
			if (!*e) {
				depth[nstates] = (uint32_t)(j + 1);
				*e = (uint32_t)nstates++;
			}
			q = *e;
		}
		own_next[k] = own_head[q];
		own_head[q] = (uint32_t)(k + 1);
		cnt[q]++;
	}
	/* breadth first, so a state's failure state (shorter) is complete
	 * before it: missing edges borrow the failure state's, and the
	 * literals ending in a state include those of its failure state */
	size_t qn = 0;
	for (size_t c = 0; c < ncls; c++)
		if (go[c])
			queue[qn++] = go[c]; /* fail 0 */
	for (size_t qi = 0; qi < qn; qi++) {
		size_t q = queue[qi];
		cnt[q] += cnt[fail[q]];
		for (size_t c = 0; c < ncls; c++) {
			uint32_t *e = &go[q * w + c];
			if (*e) {
				fail[*e] = go[fail[q] * w + c];
				queue[qn++] = *e;
			} else {
				*e = go[fail[q] * w + c];
			}
		}
	}
	/* the output lists: offset 0 is the empty one */
	size_t nout = 1;
	for (size_t q = 0; q < nstates; q++)
		if (cnt[q])
			nout += 1 + cnt[q];
	if (!(pf->out = calloc(nout, sizeof *pf->out)))
		goto done;
	pf->nout = 1;
	for (size_t qi = 0; qi < qn; qi++) {
		size_t q = queue[qi];
		if (!cnt[q])
			continue;
		size_t at = pf->nout;
		pf->out[pf->nout++] = (uint16_t)cnt[q];
		for (size_t k = own_head[q]; k; k = own_next[k - 1])
			pf->out[pf->nout++] = k - 1 < pf->nlits ? (uint16_t)(k - 1) : PF_KS;
		if (cnt[fail[q]]) {
			size_t f = go[fail[q] * w + ncls];
			memcpy(pf->out + pf->nout, pf->out + f + 1, cnt[fail[q]] * sizeof *pf->out);
			pf->nout += cnt[fail[q]];
		}
		go[q * w + ncls] = (uint32_t)at; /* read as a state's list above */
	}
	/* the states renumbered, those without literals first (the root stays
	 * 0): the scan tells a state with literals by its number alone */
	size_t nplain = 0, nlit = 0;
	for (size_t q = 0; q < nstates; q++)
		nplain += !cnt[q];
	for (size_t q = 0; q < nstates; q++)
		fail[q] = (uint32_t)(cnt[q] ? nplain + nlit++ : q - nlit); /* fail: the new numbers */
	if (nstates > (size_t)UINT16_MAX + 1) {
		st = ARGRAPH_OK; /* no automaton: the reference scan */
		goto done;
	}
	if (!(pf->delta = calloc(nstates * ncls, sizeof *pf->delta))
		|| !(pf->out_off = calloc(nstates, sizeof *pf->out_off))
		|| !(pf->depth = calloc(nstates, sizeof *pf->depth)))
		goto done;
	for (size_t q = 0; q < nstates; q++) {
		uint16_t *row = pf->delta + (size_t)fail[q] * ncls;
		for (size_t c = 0; c < ncls; c++)
			row[c] = (uint16_t)fail[go[q * w + c]];
		pf->out_off[fail[q]] = go[q * w + ncls];
		pf->depth[fail[q]] = (uint8_t)depth[q];
	}
	pf->first_out = (uint32_t)nplain;
	pf->nstates = nstates;
	st = ARGRAPH_OK;
done:
	free(go);
	free(fail);
	free(queue);
	free(cnt);
	free(own_head);
	free(own_next);
	free(depth);
	return st;
}

/* lit_rules and absent (see struct rules_pf) from each rule's clauses in
 * data (as pf_build lays them out: per rule its clause count, per clause
 * its literal count and ids). */
static argraph_status S_build_by_literal(rules_pf *pf, const uint16_t *data,
	const uint32_t *rule_off)
{
	size_t n = pf->nrules, nb = (n + 63) / 64;
	if (!(pf->absent = calloc((nb ? nb : 1) * PF_CLAUSES, sizeof *pf->absent))
		|| !(pf->lit_rules = calloc((pf->nlits ? pf->nlits : 1) * (nb ? nb : 1) * PF_CLAUSES,
			sizeof *pf->lit_rules)))
		return ARGRAPH_ENOMEM;
	pf->nblocks = nb;
	for (size_t i = 0; i < n; i++) {
		const uint16_t *d = data + rule_off[i];
		size_t ncl = *d++, b = i / 64;
		uint64_t bit = (uint64_t)1 << (i % 64);
		for (size_t k = ncl; k < PF_CLAUSES; k++)
			pf->absent[b * PF_CLAUSES + k] |= bit;
		for (size_t k = 0; k < ncl; k++) {
			size_t nl = *d++;
			for (size_t j = 0; j < nl; j++)
				pf->lit_rules[((size_t)d[j] * nb + b) * PF_CLAUSES + k] |= bit;
			d += nl;
		}
	}
	return ARGRAPH_OK;
}

argraph_status argraph_rules__pf_build(rules_pf **out, argraph_rule *const *rules, size_t n)
{
	argraph_status st = ARGRAPH_ENOMEM;
	rules_pf *pf = calloc(1, sizeof *pf);
	uint32_t *rule_off = NULL;
	uint16_t *rule_data = NULL; /* per rule: nclauses, per clause: count, ids… */
	size_t cap = 0, words = 0;
	*out = NULL;
	if (!pf)
		return st;
	for (size_t i = 0; i < n; i++)
		words += 1 + S_req_words(rules[i]->req);
	if (!(pf->lit_off = calloc(ARGRAPH_RULES_PF_MAX_LITS + 1, sizeof *pf->lit_off))
		|| !(rule_off = calloc(n + 1, sizeof *rule_off))
		|| !(rule_data = calloc(words ? words : 1, sizeof *rule_data))
		|| !(pf->rule_cl = calloc(n + 1, sizeof *pf->rule_cl))
		|| !(pf->cl_pair = calloc(words + 1, sizeof *pf->cl_pair))
		|| !(pf->pw = calloc(words ? words : 1, sizeof *pf->pw))
		|| !(pf->pm = calloc(words ? words : 1, sizeof *pf->pm)))
		goto done;
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t at = w++, ncl = 0;
		rule_off[i] = (uint32_t)at;
		if ((st = S_add_req(pf, &cap, rules[i]->req, rule_data, &w, &ncl)) < 0)
			goto done;
		rule_data[at] = (uint16_t)ncl;
	}
	rule_off[n] = (uint32_t)w;
	pf->nrules = n;
	/* the clauses as words and masks of the found bitset */
	size_t ncl_all = 0, np = 0;
	for (size_t i = 0; i < n; i++) {
		const uint16_t *d = rule_data + rule_off[i];
		size_t ncl = *d++;
		pf->rule_cl[i] = (uint32_t)ncl_all;
		for (size_t c = 0; c < ncl; c++) {
			size_t nl = *d++, first = np;
			pf->cl_pair[ncl_all++] = (uint32_t)np;
			for (size_t k = 0; k < nl; k++) {
				size_t id = d[k], q = first;
				while (q < np && pf->pw[q] != id >> 6)
					q++;
				if (q == np) {
					pf->pw[np] = (uint16_t)(id >> 6);
					pf->pm[np++] = 0;
				}
				pf->pm[q] |= (uint64_t)1 << (id & 63);
			}
			d += nl;
		}
	}
	pf->rule_cl[n] = (uint32_t)ncl_all;
	pf->cl_pair[ncl_all] = (uint32_t)np;
	st = ARGRAPH_ENOMEM;
	if (S_build_by_literal(pf, rule_data, rule_off) < 0)
		goto done;
	/* the scan tables */
	if (S_index_alloc(&pf->two, pf->nlits) < 0 || S_index_alloc(&pf->three, pf->nlits) < 0)
		goto done;
	for (size_t id = 0; id < pf->nlits; id++) {
		const unsigned char *s = pf->lit + pf->lit_off[id];
		size_t len = pf->lit_off[id + 1] - pf->lit_off[id];
		if (memchr(s, 'k', len) || memchr(s, 's', len))
			pf->ks[id >> 6] |= (uint64_t)1 << (id & 63);
		if (len == 1)
			pf->byte1[s[0]] = (uint16_t)(id + 1);
		else if (len == 2)
			S_index_add(&pf->two, (uint32_t)s[0] << 8 | s[1], id);
		else
			S_index_add(&pf->three, (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2], id);
	}
	S_index_hash(&pf->two);
	S_index_hash(&pf->three);
	if ((st = S_build_dfa(pf)) < 0)
		goto done;
	*out = pf;
	pf = NULL;
	st = ARGRAPH_OK;
done:
	free(rule_off);
	free(rule_data);
	argraph_rules__pf_free(pf);
	return st;
}

int argraph_rules__pf_has_req(const rules_pf *pf, size_t rule_index)
{
	return pf && rule_index < pf->nrules && pf->rule_cl[rule_index + 1] > pf->rule_cl[rule_index];
}

/* The literals ending in state q go into found; 1 if U+017F or U+212A
 * does. */
static inline int S_report(const rules_pf *pf, size_t q, uint64_t *found)
{
	const uint16_t *o = pf->out + pf->out_off[q];
	int ks = 0;
	for (size_t k = 1, n = o[0]; k <= n; k++) {
		size_t id = o[k];
		if (id == PF_KS)
			ks = 1;
		else
			found[id >> 6] |= (uint64_t)1 << (id & 63);
	}
	return ks;
}

#define PF_STREAMS 4   /* parts of a text scanned side by side (STEP below) */
#define PF_PART_MIN 8  /* bytes of a part, at least (or one part) */

/* One step of the automaton per byte. A step waits for the one before
 * (a load), so the text is cut into PF_STREAMS parts, each scanned from
 * the root, side by side: the processor overlaps their steps. A literal
 * that starts in a part may end in a later one, so each stream but the
 * last goes on past its part for as long as the string its state stands
 * for (its depth) starts in the part; after that every literal it could
 * find starts in a later part, where another stream finds it. Finds
 * exactly what argraph_rules__pf_scan_ref finds (test_prefilter compares
 * them). */
void argraph_rules__pf_scan(const rules_pf *pf, const char *text, size_t len,
	uint64_t *found)
{
	if (pf && !pf->delta) {
		argraph_rules__pf_scan_ref(pf, text, len, found);
		return;
	}
	const unsigned char *t = (const unsigned char *)text;
	memset(found, 0, ARGRAPH_RULES_PF_WORDS * sizeof *found);
	if (!pf)
		return;
	const uint16_t *delta = pf->delta, *cls = pf->cls;
	const size_t ncls = pf->ncls;
	const size_t first_out = pf->first_out;
	int ks = 0; /* U+017F or U+212A seen */
	size_t part = len / PF_STREAMS, done = 0;
	size_t st[PF_STREAMS] = {0};
	if (part >= PF_PART_MIN) {
		const unsigned char *t1 = t + part, *t2 = t1 + part, *t3 = t2 + part;
		/* delta + cls first: the load waits only for the state */
#define STEP(k, tk) \
	do { \
		st[k] = (delta + cls[tk[i]])[st[k] * ncls]; \
		if (st[k] >= first_out) \
			ks |= S_report(pf, st[k], found); \
	} while (0)
		for (size_t i = 0; i < part; i++) {
			STEP(0, t);
			STEP(1, t1);
			STEP(2, t2);
			STEP(3, t3);
		}
#undef STEP
		for (size_t s = 0; s + 1 < PF_STREAMS; s++) {
			size_t q = st[s], from = (s + 1) * part;
			for (size_t j = from; j < len && pf->depth[q] > j - from; j++) {
				q = (delta + cls[t[j]])[q * ncls];
				if (q >= first_out)
					ks |= S_report(pf, q, found);
			}
		}
		done = PF_STREAMS * part;
	}
	/* the last stream to the end (or the only one) */
	size_t q = st[PF_STREAMS - 1];
	for (size_t i = done; i < len; i++) {
		q = (delta + cls[t[i]])[q * ncls];
		if (q >= first_out)
			ks |= S_report(pf, q, found);
	}
	if (ks)
		for (size_t w = 0; w < ARGRAPH_RULES_PF_WORDS; w++)
			found[w] |= pf->ks[w];
}

/* The plain scan, kept as the reference the tests compare the automaton
 * with: every non-continuation byte is looked up. */
void argraph_rules__pf_scan_ref(const rules_pf *pf, const char *text, size_t len,
	uint64_t *found)
{
	const unsigned char *t = (const unsigned char *)text, *fold = S_fold_table();
	memset(found, 0, ARGRAPH_RULES_PF_WORDS * sizeof *found);
	if (!pf)
		return;
	int ks = 0; /* U+017F or U+212A seen */
	for (size_t i = 0; i < len; i++) {
		if ((t[i] & 0xC0) == 0x80)
			continue; /* inside a character: no literal starts there */
		unsigned b0 = fold[t[i]];
		uint16_t one = pf->byte1[b0];
		if (one)
			found[(one - 1) >> 6] |= (uint64_t)1 << ((one - 1) & 63);
		if (i + 1 >= len)
			break;
		uint32_t key = (uint32_t)b0 << 8 | fold[t[i + 1]];
		size_t count;
		if (key == 0xC5BF || (key == 0xE284 && i + 2 < len && t[i + 2] == 0xAA))
			ks = 1;
		size_t at = S_index_find(&pf->two, key, &count), n;
		if (count) { /* the key is the literal */
			size_t id = pf->two.ids[at];
			found[id >> 6] |= (uint64_t)1 << (id & 63);
		}
		if (i + 2 >= len)
			continue;
		key = key << 8 | fold[t[i + 2]];
		for (at = S_index_find(&pf->three, key, &n), n += at; at < n; at++) {
			size_t id = pf->three.ids[at];
			if (found[id >> 6] & ((uint64_t)1 << (id & 63)))
				continue;
			const unsigned char *s = pf->lit + pf->lit_off[id];
			size_t m = pf->lit_off[id + 1] - pf->lit_off[id], k = 3;
			if (m > len - i)
				continue;
			while (k < m && fold[t[i + k]] == s[k])
				k++;
			if (k == m)
				found[id >> 6] |= (uint64_t)1 << (id & 63);
		}
	}
	if (ks)
		for (size_t w = 0; w < ARGRAPH_RULES_PF_WORDS; w++)
			found[w] |= pf->ks[w];
}

int argraph_rules__pf_pass(const rules_pf *pf, size_t rule_index, const uint64_t *found)
{
	if (!pf || rule_index >= pf->nrules)
		return 1;
	for (size_t c = pf->rule_cl[rule_index]; c < pf->rule_cl[rule_index + 1]; c++) {
		size_t k = pf->cl_pair[c], end = pf->cl_pair[c + 1];
		while (k < end && !(found[pf->pw[k]] & pf->pm[k]))
			k++;
		if (k == end)
			return 0; /* no literal of this clause occurs */
	}
	return 1;
}

int argraph_rules__pf_met_in(const rules_pf *pf, size_t rule_index, const char *text, size_t len)
{
	if (!argraph_rules__pf_has_req(pf, rule_index))
		return 1;
	uint64_t found[ARGRAPH_RULES_PF_WORDS];
	argraph_rules__pf_scan(pf, text, len, found);
	return argraph_rules__pf_pass(pf, rule_index, found);
}

/* pf_pass64 for 64 rules that do not start a block (or with no
 * lit_rules): rule by rule. */
static uint64_t S_pass64_by_rule(const rules_pf *pf, size_t first, size_t end,
	const uint64_t *found)
{
	uint64_t pass = 0;
	for (size_t i = first; i < end; i++)
		if (argraph_rules__pf_pass(pf, i, found))
			pass |= (uint64_t)1 << (i - first);
	return pass;
}

/* A text holds few of the literals: the slots its literals meet are
 * gathered for 64 rules at once, a few words per literal found, instead
 * of each rule's clauses being looked up one by one (which also touched
 * every clause's data for every text). */
uint64_t argraph_rules__pf_pass64(const rules_pf *pf, size_t first, const uint64_t *found)
{
	if (!pf || first >= pf->nrules)
		return UINT64_MAX;
	size_t end = pf->nrules - first < 64 ? pf->nrules : first + 64;
	/* rules past the end pass, as in pf_pass */
	uint64_t beyond = end - first < 64 ? UINT64_MAX << (end - first) : 0;
	if (!pf->lit_rules || first % 64)
		return beyond | S_pass64_by_rule(pf, first, end, found);
	size_t b = first / 64, nb = pf->nblocks;
	uint64_t met[PF_CLAUSES];
	for (size_t k = 0; k < PF_CLAUSES; k++)
		met[k] = pf->absent[b * PF_CLAUSES + k];
	for (size_t w = 0; w * 64 < pf->nlits; w++) {
		uint64_t bits = found[w];
		if (pf->nlits - w * 64 < 64) /* bits past the literals mean nothing */
			bits &= ((uint64_t)1 << (pf->nlits - w * 64)) - 1;
		for (; bits; bits &= bits - 1) {
			size_t id = w * 64 + (size_t)__builtin_ctzll(bits);
			const uint64_t *r = pf->lit_rules + (id * nb + b) * PF_CLAUSES;
			for (size_t k = 0; k < PF_CLAUSES; k++)
				met[k] |= r[k];
		}
	}
	uint64_t pass = UINT64_MAX;
	for (size_t k = 0; k < PF_CLAUSES; k++)
		pass &= met[k];
	return beyond | (pass & ~beyond);
}
