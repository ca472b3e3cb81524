/* SPDX-License-Identifier: MIT */
/*
 * factor.c — the matching form of a pattern with its word lists factored.
 *
 * Rule files write word lists plainly, (?i:argues?|argued|asserts?|…), so
 * that a reader can check and extend them. PCRE2 tries such a list one
 * word after another at every place it is reached, and most words fail on
 * their first letter. The matching form groups the words by their first
 * letters, (?i:argue(?:s?|d)|asserts?|…), so a place that starts with no
 * word's letter costs a few tests, not one per word. Measured over the
 * bench corpus's sentences (each rule's cue and pattern, best of 3, no
 * prefilter): the English rules 0.452 -> 0.411 s, the Chinese 0.419 ->
 * 0.401 s, the same matches.
 *
 * Only rewrites that cannot change a match are made:
 *  - xA|xB is x(?:A|B) when x is a run of literal characters, none
 *    quantified: PCRE2 tries the same things in the same order, and x
 *    captures nothing.
 *  - Alternatives that start with different literal characters cannot
 *    both match at one place, so their order does not matter: the words
 *    that start alike are brought together, keeping their order among
 *    themselves. An alternative that starts otherwise (a class, an escape,
 *    a group, a quantified character, nothing) is a barrier nothing is
 *    moved across, and so is a literal that could match the same
 *    character under caseless matching (letters are compared folded:
 *    PCRE2's caseless sets of two different ASCII letters never meet,
 *    even with Unicode's K and long s).
 * A literal is an ASCII letter or digit, or a character from U+3000 to
 * U+9FFF (CJK punctuation, kana, ideographs: no case); anything else is
 * not one. Moving an alternative may renumber the capture groups in it;
 * rules find their roles by name, and back references are refused.
 * Not factored: the alternatives of a lookbehind or of anything inside one
 * (each branch of a lookbehind must keep its own fixed length), of a branch
 * reset group (?|…), and of a group where an alternative sets an option
 * unscoped ((?i) there lasts into the later alternatives). A pattern with
 * something this scanner does not follow — \Q, back references, \K,
 * recursion, conditionals, callouts, verbs, options other than i, POSIX
 * classes — is left as it is. The caller compiles the result and keeps the
 * unfactored form if that fails; the rule's checks, errors and prefilter
 * all use the text as written.
 */
#include "rules_internal.h"

#include <stdlib.h>
#include <string.h>

#define FACTOR_MAX_DEPTH 128 /* groups and factoring levels, nested */

typedef struct span {
	size_t b, e; /* [b, e) of the pattern */
} span;

enum item_kind {
	ITEM_LITERAL, /* one literal character, not quantified */
	ITEM_OTHER,   /* anything else that is not a group */
	ITEM_GROUP,   /* a group; its contents are [open, close) */
	ITEM_OPTION,  /* an unscoped option setting, (?i) or (?-i) */
};

typedef struct item {
	enum item_kind kind;
	size_t end;        /* after the item and its quantifier */
	size_t open;       /* ITEM_GROUP: start of the contents */
	size_t close;      /* ITEM_GROUP: the closing parenthesis */
	int factorable;    /* ITEM_GROUP: its alternatives may be factored */
	int in_lookbehind; /* ITEM_GROUP: a lookbehind */
} item;

typedef struct factorer {
	const char *s;
	size_t n;
	strbuf *out;
	int refused; /* something not followed: keep the pattern as it is */
	int changed; /* something was factored or moved */
	size_t depth;
	size_t no_factor; /* > 0 inside a lookbehind */
} factorer;

static int S_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int S_is_hex(char c)
{
	return S_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Length of the UTF-8 character at s[i] (1 for a stray byte: PCRE2 has
 * already checked the pattern compiles, so there is none). */
static size_t S_char_len(const factorer *x, size_t i)
{
	unsigned char c = (unsigned char)x->s[i];
	size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	return i + k <= x->n ? k : 1;
}

/* Is the character s[i..i+k) a literal in the sense above? */
static int S_is_literal(const factorer *x, size_t i, size_t k)
{
	const unsigned char *u = (const unsigned char *)x->s + i;
	if (k == 1)
		return (u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')
			|| S_is_digit((char)u[0]);
	if (k != 3)
		return 0;
	uint32_t cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6)
		| (uint32_t)(u[2] & 0x3F);
	return cp >= 0x3000 && cp <= 0x9FFF;
}

/* After an item ending at i: the end of its quantifier, or i if none;
 * *quantified says whether there is one. A '{' that may be a quantifier
 * counts as one (the item is then not a literal, which is always safe);
 * only a {n}, {n,} or {n,m} is skipped as part of the item. */
static size_t S_quantifier(const factorer *x, size_t i, int *quantified)
{
	*quantified = 0;
	if (i >= x->n)
		return i;
	char c = x->s[i];
	if (c == '?' || c == '*' || c == '+') {
		i++;
	} else if (c == '{') {
		*quantified = 1;
		size_t k = i + 1;
		while (k < x->n && S_is_digit(x->s[k]))
			k++;
		if (k == i + 1)
			return i;
		if (k < x->n && x->s[k] == ',')
			for (k++; k < x->n && S_is_digit(x->s[k]);)
				k++;
		if (k >= x->n || x->s[k] != '}')
			return i;
		i = k + 1;
	} else {
		return i;
	}
	*quantified = 1;
	if (i < x->n && (x->s[i] == '?' || x->s[i] == '+'))
		i++; /* lazy or possessive */
	return i;
}

/* The end of the escape at s[i] == '\\', or 0 (refused). */
static size_t S_escape(factorer *x, size_t i)
{
	if (i + 1 >= x->n)
		return 0;
	char e = x->s[i + 1];
	if ((e >= '1' && e <= '9') || e == 'g' || e == 'k' || e == 'K' || e == 'Q' || e == 'E')
		return 0; /* back references, \K, quoting */
	size_t k = i + 2;
	if (e == 'x' || e == 'o' || e == 'p' || e == 'P' || e == 'N') {
		if (k < x->n && x->s[k] == '{') {
			while (k < x->n && x->s[k] != '}')
				k++;
			return k < x->n ? k + 1 : 0;
		}
		if (e == 'x')
			for (int d = 0; d < 2 && k < x->n && S_is_hex(x->s[k]); d++)
				k++;
		else if (e == 'p' || e == 'P')
			k += k < x->n; /* \pL */
		return k;
	}
	if (e == '0') {
		for (int d = 0; d < 2 && k < x->n && x->s[k] >= '0' && x->s[k] <= '7'; d++)
			k++;
		return k;
	}
	if (e == 'c')
		return k < x->n ? k + 1 : 0;
	return i + 1 + S_char_len(x, i + 1); /* an escaped character, \s, \b … */
}

static size_t S_group_close(factorer *x, size_t i);

/* The group opening at s[i] == '(' into *it, or refused. */
static void S_group(factorer *x, size_t i, item *it)
{
	const char *s = x->s;
	size_t n = x->n, k = i + 1;
	it->kind = ITEM_GROUP;
	it->factorable = 1;
	it->in_lookbehind = 0;
	if (k < n && s[k] == '*') {
		x->refused = 1; /* verbs, (*UTF) … */
		return;
	}
	if (k < n && s[k] == '?') {
		char a = k + 1 < n ? s[k + 1] : '\0', b = k + 2 < n ? s[k + 2] : '\0';
		if (a == '#') { /* a comment: no parenthesis inside */
			while (k < n && s[k] != ')')
				k++;
			it->kind = ITEM_OTHER;
			it->end = k < n ? k + 1 : n;
			return;
		}
		if (a == ':' || a == '>' || a == '=' || a == '!') {
			k += 2;
		} else if (a == '|') {
			it->factorable = 0;
			k += 2;
		} else if (a == '<' && (b == '=' || b == '!')) {
			it->factorable = 0;
			it->in_lookbehind = 1;
			k += 3;
		} else if (a == '<' || a == '\'' || (a == 'P' && b == '<')) {
			char close = a == '\'' ? '\'' : '>';
			k += a == 'P' ? 3 : 2;
			while (k < n && s[k] != close && s[k] != ')')
				k++;
			if (k >= n || s[k] != close) {
				x->refused = 1;
				return;
			}
			k++;
		} else {
			/* option letters: only i, then ')' (unscoped) or ':' */
			size_t j = k + 1;
			while (j < n && (s[j] == 'i' || s[j] == '-'))
				j++;
			if (j == k + 1 || j >= n || (s[j] != ')' && s[j] != ':')) {
				x->refused = 1; /* other options, recursion, conditionals … */
				return;
			}
			if (s[j] == ')') {
				it->kind = ITEM_OPTION;
				it->end = j + 1;
				return;
			}
			k = j + 1;
		}
	}
	it->open = k;
	it->close = S_group_close(x, k);
	if (x->refused)
		return;
	int q;
	it->end = S_quantifier(x, it->close + 1, &q);
}

/* The item starting at s[i] (not '|' or ')') into *it, or refused. */
static void S_item(factorer *x, size_t i, item *it)
{
	char c = x->s[i];
	size_t end;
	int q;

	it->kind = ITEM_OTHER;
	it->end = x->n; /* where a refusal leaves the scan */
	if (c == '(') {
		if (++x->depth > FACTOR_MAX_DEPTH)
			x->refused = 1;
		else
			S_group(x, i, it);
		x->depth--;
		return;
	}
	if (c == '\\') {
		end = S_escape(x, i);
	} else if (c == '[') {
		end = argraph_rules__class_end(x->s, x->n, i);
	} else if (c == '?' || c == '*' || c == '+') {
		end = 0; /* a quantifier with nothing before it */
	} else {
		size_t k = S_char_len(x, i);
		end = i + k;
		if (S_is_literal(x, i, k))
			it->kind = ITEM_LITERAL;
	}
	if (!end) {
		x->refused = 1;
		it->end = x->n;
		return;
	}
	it->end = S_quantifier(x, end, &q);
	if (q)
		it->kind = ITEM_OTHER;
}

/* The ')' closing the group whose contents start at i. */
static size_t S_group_close(factorer *x, size_t i)
{
	while (i < x->n && !x->refused) {
		if (x->s[i] == ')')
			return i;
		if (x->s[i] == '|') {
			i++;
			continue;
		}
		item it;
		S_item(x, i, &it);
		i = it.end;
	}
	x->refused = 1;
	return x->n;
}

static void S_put(factorer *x, size_t b, size_t e)
{
	strbuf_append(x->out, x->s + b, e - b);
}

static void S_alternation(factorer *x, size_t b, size_t e, int factorable);

/* Copy the alternative [b, e), rewriting the groups in it. */
static void S_sequence(factorer *x, size_t b, size_t e)
{
	size_t i = b, copied = b;
	while (i < e && !x->refused) {
		item it;
		S_item(x, i, &it);
		if (x->refused)
			break;
		if (it.kind == ITEM_GROUP) {
			S_put(x, copied, it.open);
			x->no_factor += it.in_lookbehind;
			S_alternation(x, it.open, it.close, it.factorable);
			x->no_factor -= it.in_lookbehind;
			copied = it.close;
		}
		i = it.end;
	}
	S_put(x, copied, e);
}

/* Where the first item of alternative a is, when it is a literal; an
 * empty span when it is not. */
static span S_first_literal(factorer *x, span a)
{
	if (a.b >= a.e)
		return (span){0, 0};
	item it;
	S_item(x, a.b, &it);
	return it.kind == ITEM_LITERAL ? (span){a.b, it.end} : (span){0, 0};
}

static int S_fold(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Could the literals at s[p..p+pn) and s[q..q+qn) match one character? */
static int S_may_meet(const factorer *x, size_t p, size_t pn, size_t q, size_t qn)
{
	if (pn != qn)
		return 0;
	if (pn == 1)
		return S_fold(x->s[p]) == S_fold(x->s[q]);
	return memcmp(x->s + p, x->s + q, pn) == 0;
}

static void S_alternatives(factorer *x, span *alt, size_t n, int factorable);

/* Write the alternatives alt[0..n), which all start with the same literal,
 * as their longest common run of literals and the rest as a group. */
static void S_common_prefix(factorer *x, span *alt, size_t n)
{
	size_t len = 0; /* bytes of the common run */
	for (;;) {
		size_t at = alt[0].b + len, next = 0;
		int same = 1;
		for (size_t j = 0; j < n && same; j++) {
			size_t p = alt[j].b + len;
			item it;
			if (p >= alt[j].e) {
				same = 0;
				break;
			}
			S_item(x, p, &it);
			if (it.kind != ITEM_LITERAL)
				same = 0;
			else if (j == 0)
				next = it.end - p;
			else if (it.end - p != next || memcmp(x->s + p, x->s + at, next) != 0)
				same = 0;
		}
		if (!same || x->refused)
			break;
		len += next;
	}
	S_put(x, alt[0].b, alt[0].b + len);
	strbuf_puts(x->out, "(?:");
	for (size_t j = 0; j < n; j++)
		alt[j].b += len;
	S_alternatives(x, alt, n, 1);
	strbuf_putc(x->out, ')');
	x->changed = 1;
}

/* Write the alternatives alt[0..n) joined by '|', factored if allowed. */
static void S_alternatives(factorer *x, span *alt, size_t n, int factorable)
{
	if (!factorable || n < 2 || x->no_factor) {
		for (size_t j = 0; j < n && !x->refused; j++) {
			if (j)
				strbuf_putc(x->out, '|');
			S_sequence(x, alt[j].b, alt[j].e);
		}
		return;
	}
	if (++x->depth > FACTOR_MAX_DEPTH) {
		x->refused = 1;
		x->depth--;
		return;
	}
	unsigned char *taken = calloc(n, 1);
	span *same = malloc(n * sizeof *same);
	span *key = malloc(n * sizeof *key); /* each one's first literal, found once */
	if (!taken || !same || !key) {
		x->out->failed = 1;
		x->refused = 1;
	}
	for (size_t j = 0; j < n && !x->refused; j++)
		key[j] = S_first_literal(x, alt[j]);
	int first = 1;
	for (size_t i = 0; i < n && !x->refused; i++) {
		if (taken[i])
			continue;
		size_t m = 0, kn = key[i].e - key[i].b;
		same[m++] = alt[i];
		if (kn) {
			/* Bring up the later alternatives with the same first literal,
			 * across alternatives that cannot match where these do. */
			for (size_t j = i + 1; j < n; j++) {
				size_t qn = key[j].e - key[j].b;
				if (taken[j])
					continue;
				if (!qn)
					break;
				if (qn == kn && memcmp(x->s + key[j].b, x->s + key[i].b, kn) == 0) {
					same[m++] = alt[j];
					taken[j] = 1;
				} else if (S_may_meet(x, key[i].b, kn, key[j].b, qn)) {
					break;
				}
			}
		}
		if (!first)
			strbuf_putc(x->out, '|');
		first = 0;
		if (m == 1)
			S_sequence(x, same[0].b, same[0].e);
		else
			S_common_prefix(x, same, m);
	}
	free(key);
	free(taken);
	free(same);
	x->depth--;
}

/* Split [b, e) at its top-level '|' and write it. */
static void S_alternation(factorer *x, size_t b, size_t e, int factorable)
{
	span *alt = NULL;
	size_t n = 0, cap = 0, i = b, start = b;
	for (;;) {
		if (i >= e || x->s[i] == '|') {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				span *grown = realloc(alt, cap * sizeof *alt);
				if (!grown) {
					x->out->failed = 1;
					x->refused = 1;
					break;
				}
				alt = grown;
			}
			alt[n++] = (span){start, i};
			if (i >= e)
				break;
			start = ++i;
			continue;
		}
		item it;
		S_item(x, i, &it);
		if (x->refused)
			break;
		if (it.kind == ITEM_OPTION)
			factorable = 0; /* it lasts into the later alternatives */
		i = it.end;
	}
	if (!x->refused)
		S_alternatives(x, alt, n, factorable);
	free(alt);
}

int argraph_rules__factor(strbuf *out, const char *pat, size_t len, uint32_t extra)
{
	factorer x = {pat, len, out, 0, 0, 0, 0};

	strbuf_reset(out);
	if (extra & ~(uint32_t)PCRE2_CASELESS)
		return 0; /* e.g. extended syntax: not followed */
	S_alternation(&x, 0, len, 1);
	if (out->failed)
		return -1;
	return !x.refused && x.changed;
}
