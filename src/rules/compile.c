/* SPDX-License-Identifier: MIT */
/*
 * compile.c — the rules module's bridge to PCRE2's compiler: every pattern
 * (rule, split, trim, and the built-in edge trimmer) is compiled here, with
 * the same options, and JIT-compiled when that is wanted.
 *
 * Options: UTF (patterns and texts are UTF-8), UCP (\w, \d, \s and \b
 * follow Unicode, so full-width digits and CJK count), NEVER_BACKSLASH_C
 * (\C could split a character and break the no-UTF-check matching).
 *
 * JIT is skipped under valgrind (its generated code gives false
 * "uninitialised value" reports, TECHNOTES §4) and when ARGRAPH_NO_JIT is
 * set to anything but "" or "0". A failed JIT compile is not an error:
 * pcre2_match() then uses the interpreter.
 */
#include "rules_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strbuf.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define HAVE_VALGRIND_H 1
#endif
#endif

int argraph_rules__switched_off(const char *env_name)
{
	const char *env = getenv(env_name);
	return env && *env && strcmp(env, "0") != 0;
}

int argraph_rules__want_jit(void)
{
	uint32_t jit = 0;
	if (argraph_rules__switched_off("ARGRAPH_NO_JIT"))
		return 0;
#ifdef HAVE_VALGRIND_H
	if (RUNNING_ON_VALGRIND)
		return 0;
#endif
	return pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit;
}

argraph_status argraph_rules__compile(const argraph_ruleset *rs, const char *pat,
	size_t len, uint32_t extra, pcre2_code **out, int *err, size_t *erroff)
{
	return argraph_rules__compile_jit(rs, pat, len, extra, rs->use_jit, out, err, erroff);
}

void argraph_rules__jit(const argraph_ruleset *rs, pcre2_code *code)
{
	if (rs->use_jit && code)
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
}

argraph_status argraph_rules__compile_jit(const argraph_ruleset *rs, const char *pat,
	size_t len, uint32_t extra, int jit, pcre2_code **out, int *err, size_t *erroff)
{
	PCRE2_SIZE off = 0;
	int code = 0;

	*out = NULL;
	*err = 0;
	*erroff = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, len,
		PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | extra,
		&code, &off, NULL);
	if (!re) {
		if (code == PCRE2_ERROR_HEAP_FAILED)
			return ARGRAPH_ENOMEM;
		*err = code;
		*erroff = off;
		return ARGRAPH_EPARSE;
	}
	if (jit)
		argraph_rules__jit(rs, re);
	*out = re;
	return ARGRAPH_OK;
}

const char *argraph_rules__error_text(int err, char *buf, size_t n)
{
	if (n == 0)
		return "";
	buf[0] = '\0';
	/* < 0 is "unknown code" (buf untouched) or "truncated" (buf filled). */
	if (pcre2_get_error_message(err, (PCRE2_UCHAR *)buf, n) < 0 && !buf[0])
		snprintf(buf, n, "PCRE2 error %d", err);
	return buf;
}

uint32_t argraph_rules__pairs(const pcre2_code *code)
{
	uint32_t n = 0;
	if (pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &n) < 0)
		n = 0;
	return n + 1;
}

/* ---- inlining the file's defines ----
 *
 * A rule pattern calls the file's defines as subroutines, (?&_name), with
 * the defines appended as (?(DEFINE)(?<_a>…)(?<_b>…)). Each call costs a
 * JIT call frame, and (?&_c)*? makes one per character. The matching form
 * of a pattern therefore has every call replaced by the define's body in a
 * group, recursively; argraph_rules__inline() writes it only when it is
 * exactly equivalent to the subroutine form, and says "no" otherwise, so
 * the caller keeps the DEFINE form. The conditions:
 *
 *  - No define calls itself, directly or through others (a subroutine may
 *    recurse, text cannot): a call met while its define is being expanded
 *    is a "no".
 *  - No capturing group in a define body (plain (…), (?<n>…), (?'n'…),
 *    (?P<n>…), branch reset (?|…)): a copy per call would add groups and
 *    shift or duplicate numbers and names. The define's own group (?<_a>…)
 *    disappears with the DEFINE group; _ groups are never roles.
 *  - Options: a subroutine runs with the options in force where its group
 *    is defined, i.e. at the end of the pattern (the compile options,
 *    which include a rule's `flags caseless` = PCRE2_CASELESS, changed by
 *    any unscoped (?i)/(?-i) at the pattern's top level), not at the call
 *    site. Only the i option is followed: the state at every call site is
 *    tracked (group stack; an unscoped change lasts to the end of its group,
 *    across `|`), and the body is wrapped as (?i:…) or (?-i:…) where the
 *    two differ, as (?:…) where they agree. Any other option letter (x
 *    changes parsing, s/m/n/U/J/xx semantics), (?^…) or a leading (*…)
 *    option verb is a "no".
 *  - Nothing whose meaning depends on being a subroutine or on group
 *    numbers: \K, backtracking verbs and (*ACCEPT) (they act on the
 *    subroutine call only), callouts (?C, conditionals (?(, back
 *    references (\1…\9, \g, \k, (?P=), other subroutine calls ((?R),
 *    (?1), (?+1), (?-1), (?P>…), \g<…>, (?&name) of a non-define): all "no",
 *    in the pattern as well as in the defines (a pattern's \k<_a> or (?1)
 *    could name a define's group). POSIX classes [:…:] in a class are a
 *    "no" too (the scanner does not follow their nesting).
 * The scanner follows escapes, \Q…\E, character classes and (?#…), so a
 * "(?&_a)" that is literal text is copied unchanged. Whatever it does not
 * recognise is a "no". The caller still compiles, checks and reports with
 * the DEFINE form; the inlined form is only matched with, and a compile
 * error in it (for instance "too large") is a "no" as well. */

#define INLINE_MAX_DEPTH 64           /* group nesting followed */
#define INLINE_MAX_CALLS 32           /* calls within calls */
#define INLINE_MAX_BYTES (256 * 1024) /* expanded text, also when scanning */

typedef struct inl {
	strbuf *out;        /* NULL: scan only */
	const char *defs;   /* the text the defines' offsets point into */
	const rules_def *d;
	size_t nd;
	unsigned char *busy; /* per define: being expanded */
	int def_caseless;   /* i at the DEFINE group */
	int end_caseless;   /* i at the end of the text last expanded */
	size_t calls;       /* calls being expanded (nesting) */
	size_t work;        /* bytes of define bodies expanded so far: defines
	                     * calling each other twice over grow exponentially */
} inl;

static int S_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '_';
}

static void S_emit(inl *x, const char *s, size_t n)
{
	if (x->out)
		strbuf_append(x->out, s, n);
}

size_t argraph_rules__class_end(const char *s, size_t n, size_t i)
{
	i++;
	if (i < n && s[i] == '^')
		i++;
	if (i < n && s[i] == ']')
		i++;
	while (i < n) {
		if (s[i] == '\\') {
			if (i + 1 < n && (s[i + 1] == 'Q' || s[i + 1] == 'E'))
				return 0;
			i += 2;
		} else if (s[i] == '[' && i + 1 < n
			&& (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == '=')) {
			return 0;
		} else if (s[i] == ']') {
			return i + 1;
		} else {
			i++;
		}
	}
	return 0;
}

static int S_expand(inl *x, const char *s, size_t n, int caseless, int in_def);

/* Expand s[0..n): 1 done, 0 "no". in_def: the text is a define body. */
static int S_expand(inl *x, const char *s, size_t n, int caseless, int in_def)
{
	int stack[INLINE_MAX_DEPTH];
	size_t depth = 0;
	size_t i = 0, lit = 0; /* s[lit..i) not yet emitted */

	while (i < n) {
		char c = s[i];
		if (c == '\\') {
			char e = i + 1 < n ? s[i + 1] : '\0';
			if ((e >= '1' && e <= '9') || e == 'g' || e == 'k' || e == 'K' || e == 'c')
				return 0;
			if (e == 'Q') {
				const char *q = NULL;
				for (size_t k = i + 2; k + 1 < n; k++)
					if (s[k] == '\\' && s[k + 1] == 'E') {
						q = s + k;
						break;
					}
				if (!q)
					return 0;
				i = (size_t)(q - s) + 2;
			} else {
				i += 2;
			}
			continue;
		}
		if (c == '[') {
			if (!(i = argraph_rules__class_end(s, n, i)))
				return 0;
			continue;
		}
		if (c == ')') {
			if (depth == 0)
				return 0;
			caseless = stack[--depth];
			i++;
			continue;
		}
		if (c != '(') {
			i++;
			continue;
		}
		/* An opening parenthesis: what kind of group? */
		char a = i + 1 < n ? s[i + 1] : '\0', b = i + 2 < n ? s[i + 2] : '\0';
		int inner = caseless; /* the state inside the group */
		size_t open = 1;      /* bytes of the opener */
		if (a == '*') {
			return 0;
		} else if (a != '?') {
			if (in_def)
				return 0; /* a capture */
		} else if (b == '#') {
			while (i < n && s[i] != ')')
				i++;
			if (i == n)
				return 0;
			i++;
			continue;
		} else if (b == ':' || b == '=' || b == '!' || b == '>') {
			open = 3;
		} else if (b == '<' && i + 3 < n && (s[i + 3] == '=' || s[i + 3] == '!')) {
			open = 4;
		} else if (b == '<' || b == '\'') {
			if (in_def)
				return 0; /* a named capture */
			size_t k = i + 3;
			while (k < n && S_name_char(s[k]))
				k++;
			if (k == i + 3 || k == n || s[k] != (b == '<' ? '>' : '\''))
				return 0;
			open = k + 1 - i;
		} else if (b == '&') {
			size_t k = i + 3;
			while (k < n && S_name_char(s[k]))
				k++;
			if (k == n || s[k] != ')')
				return 0;
			size_t j;
			for (j = 0; j < x->nd; j++)
				if (x->d[j].name_len == k - i - 3
					&& memcmp(x->defs + x->d[j].name_off, s + i + 3, k - i - 3) == 0)
					break;
			if (j == x->nd || x->busy[j])
				return 0; /* not a define, or recursive */
			x->work += x->d[j].body_len;
			if (x->work > INLINE_MAX_BYTES || x->calls == INLINE_MAX_CALLS)
				return 0;
			S_emit(x, s + lit, i - lit);
			const char *wrap = caseless == x->def_caseless ? "(?:"
				: x->def_caseless ? "(?i:" : "(?-i:";
			S_emit(x, wrap, strlen(wrap));
			x->busy[j] = 1;
			x->calls++;
			int ok = S_expand(x, x->defs + x->d[j].body_off, x->d[j].body_len,
				x->def_caseless, 1);
			x->calls--;
			x->busy[j] = 0;
			if (!ok)
				return 0;
			S_emit(x, ")", 1);
			i = lit = k + 1;
			continue;
		} else {
			/* Option setting: [i]*(-[i]*)? then ')' or ':'. */
			size_t k = i + 2;
			int on = 1;
			inner = caseless;
			for (; k < n && s[k] != ')' && s[k] != ':'; k++) {
				if (s[k] == '-' && on)
					on = 0;
				else if (s[k] == 'i')
					inner = on;
				else
					return 0;
			}
			if (k == n || k == i + 2)
				return 0;
			if (s[k] == ')') {
				caseless = inner;
				i = k + 1;
				continue;
			}
			open = k + 1 - i;
		}
		if (depth == INLINE_MAX_DEPTH)
			return 0;
		stack[depth++] = caseless;
		caseless = inner;
		i += open;
	}
	if (depth != 0)
		return 0;
	S_emit(x, s + lit, n - lit);
	x->end_caseless = caseless;
	return 1;
}

int argraph_rules__inline(strbuf *out, const char *pat, size_t len, uint32_t extra,
	const char *defs, const rules_def *d, size_t nd)
{
	unsigned char busy_small[64];
	unsigned char *busy = nd <= sizeof busy_small ? busy_small : calloc(nd, 1);
	inl x = {NULL, defs, d, nd, busy, 0, 0, 0, 0};
	int caseless = (extra & PCRE2_CASELESS) != 0, ok;

	strbuf_reset(out);
	if (!busy)
		return -1;
	memset(busy, 0, nd);
	/* 1. Scan only, for the i state at the end of the pattern, where the
	 * DEFINE group would be (a call's body is scoped: it cannot change the
	 * state around it, whatever def_caseless is here). 2. Expand. */
	ok = S_expand(&x, pat, len, caseless, 0);
	if (ok) {
		x.def_caseless = x.end_caseless;
		x.out = out;
		x.work = 0;
		ok = S_expand(&x, pat, len, caseless, 0);
	}
	if (busy != busy_small)
		free(busy);
	if (out->failed)
		return -1;
	return ok;
}
