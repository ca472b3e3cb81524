/* SPDX-License-Identifier: MIT */
/*
 * rulefile.c — reading a rule file (the format is in docs/rules.md) into a
 * ruleset, all or nothing.
 *
 * A load runs in three steps:
 *  1. Read the file line by line into "staged" rules: every line is checked
 *     (encoding, syntax, kind, id); a rule is compiled and its named groups
 *     are checked against the kind table when its block ends.
 *  2. Check every `example`, `counterexample` and `expect` of the staged
 *     rules, with the file's own `split`/`trim` (or, if the file has none,
 *     those already loaded for its language).
 *  3. If there was no error at all, commit: the new rules replace rules of
 *     the same id in place, or are appended; the file's split/trim replace
 *     its language's. Everything that can fail is done before the first
 *     change to the ruleset, so a failed load changes nothing.
 * Errors never stop the reading: every error in the file is reported, each
 * at `file:line:col` with the column in characters (tabs count as one).
 */
#include "rules_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/slurp.h"
#include "../util/strbuf.h"
#include "../util/utf8.h"

typedef struct expect_line {
	struct expect_line *next;
	const char *s; /* value, in the file arena */
	size_t n;
	unsigned line, col; /* where the value starts */
} expect_line;

typedef struct example {
	struct example *next;
	const char *s;
	size_t n;
	unsigned line, col;
	int counter; /* a counterexample: the rule must not match */
	expect_line *expects, **expect_tail;
} example;

typedef struct list_ref {
	struct list_ref *next;
	const char *name;
	unsigned col;
	unsigned line;
} list_ref;

typedef struct staged {
	struct staged *next;
	argraph_rule *r;    /* in the file arena; r->code owned until commit */
	int bad;            /* has an error: not checked further, never added */
	const char *pattern;
	size_t pattern_len;
	unsigned pattern_line, pattern_col;
	const char *cue;
	size_t cue_len;
	unsigned cue_line, cue_col;
	uint32_t flags;
	list_ref *lists;
	example *examples, **example_tail, *last_example;
} staged;

typedef struct loader {
	argraph_ruleset *rs;
	argraph_diags *diags;
	file_mem *fm;        /* the file's arena; the ruleset's after commit */
	const char *file;    /* in fm */
	argraph_status st;   /* ENOMEM and the like; errors are counted apart */
	size_t errors;
	char lang[16];       /* "" until the `language` line */
	unsigned lang_line;
	int lang_missing_reported;
	pcre2_code *split, *trim; /* the file's own, owned until commit */
	unsigned split_line, trim_line;
	int patterns_bad;    /* a split/trim did not compile */
	strbuf defs;         /* "(?<_a>…)(?<_b>…)": the `define`s so far */
	strmap def_names;    /* name → index in defv */
	strbuf full;         /* scratch: a pattern with all the defines appended */
	strbuf called;       /* scratch: the same with only the defines it calls */
	rules_def *defv;     /* the defines, offsets into defs (for inlining) */
	unsigned char *def_called; /* scratch of S_calls: one flag per define */
	size_t *def_todo;    /* scratch of S_calls: defines still to read */
	size_t ndef, capdef;
	int inline_defs;     /* match with the defines inlined (compile.c) */
	strbuf inl;          /* scratch: a pattern with its calls inlined */
	int factor_words;    /* match with word lists factored (factor.c) */
	strbuf fac;          /* scratch: the inlined pattern factored */
	rules_pf_cache *pf_cache; /* what the defines require (prefilter.c) */
	staged *first, **tail, *cur;
	size_t nstaged;
	strmap ids;          /* id → line, for duplicates within the file */
	strbuf msg;
} loader;

/* ---- small helpers ---- */

static int S_is_space(char c) { return c == ' ' || c == '\t'; }
static int S_is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int S_is_ident(char c) { return S_is_ident_start(c) || (c >= '0' && c <= '9'); }

static unsigned S_col(const char *line, size_t byte)
{
	size_t c = utf8_count(line, byte) + 1;
	return c > UINT_MAX ? UINT_MAX : (unsigned)c;
}

/* Offset of the first byte that is not valid UTF-8 (or a NUL), or
 * SIZE_MAX. Overlongs, surrogates and code points past U+10FFFF count as
 * invalid: PCRE2 would refuse them. */
static size_t S_bad_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		size_t len;
		uint32_t cp, min;
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (n - i < len)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return SIZE_MAX;
}

/* Append s[0, n) as a quoted excerpt of at most 60 characters. */
static void S_quote(strbuf *b, const char *s, size_t n)
{
	size_t i = 0, chars = 0;
	while (i < n && chars < 60) {
		(void)utf8_next(s, n, &i);
		chars++;
	}
	strbuf_puts(b, "\"");
	strbuf_append(b, s, i);
	strbuf_puts(b, i < n ? "…\"" : "\"");
}

static void S_error(loader *L, const char *code, unsigned line, unsigned col,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void S_error(loader *L, const char *code, unsigned line, unsigned col,
	const char *fmt, ...)
{
	argraph_pos pos = {L->file, line, col, NULL};
	va_list ap;
	va_start(ap, fmt);
	strbuf_reset(&L->msg);
	strbuf_vprintf(&L->msg, fmt, ap);
	va_end(ap);
	L->errors++;
	if (L->msg.failed || argraph_diags_add(L->diags, ARGRAPH_SEV_ERROR, code,
			&pos, "%s", strbuf_cstr(&L->msg)) < 0)
		L->st = ARGRAPH_ENOMEM;
}

static void *S_alloc(loader *L, size_t n)
{
	void *p = arena_alloc(&L->fm->mem, n);
	if (!p)
		L->st = ARGRAPH_ENOMEM;
	return p;
}

static char *S_strndup(loader *L, const char *s, size_t n)
{
	char *p = arena_strndup(&L->fm->mem, s, n);
	if (!p)
		L->st = ARGRAPH_ENOMEM;
	return p;
}

/* Report a PCRE2 compile error at the pattern's line, column of its start
 * plus the error offset (bytes → characters). */
static void S_pattern_error(loader *L, const char *what, const char *pat,
	size_t len, unsigned line, unsigned col, int err, size_t off, int in_defs)
{
	char buf[256];
	argraph_rules__error_text(err, buf, sizeof buf);
	if (in_defs) {
		S_error(L, "rules.pattern", line, col,
			"%s: %s (PCRE2 error %d, in the `define`s appended to the pattern)",
			what, buf, err);
		return;
	}
	if (off > len)
		off = len;
	size_t c = col + utf8_count(pat, off);
	S_error(L, "rules.pattern", line, c > UINT_MAX ? UINT_MAX : (unsigned)c,
		"%s: %s (PCRE2 error %d at character %zu of the pattern)", what, buf,
		err, utf8_count(pat, off) + 1);
}

/* Flag in L->def_called the defines whose names stand as whole words in
 * text[0, len), and queue the newly flagged on L->def_todo. */
static void S_calls_in(loader *L, const char *text, size_t len, size_t *ntodo)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '_' || (i > 0 && S_is_ident(text[i - 1])))
			continue;
		size_t e = i + 1;
		while (e < len && S_is_ident(text[e]))
			e++;
		const char *key = strmap_find_key_n(&L->def_names, text + i, e - i,
			strmap_hash_n(text + i, e - i));
		size_t d = key ? strmap_get(&L->def_names, key) : (size_t)-1;
		if (d < L->ndef && !L->def_called[d]) {
			L->def_called[d] = 1;
			L->def_todo[(*ntodo)++] = d;
		}
		i = e - 1;
	}
}

/* Write into L->called `pat` with a DEFINE group of the defines it calls,
 * directly or through other defines, in file order. A call names its
 * define as a whole word ((?&_n), (?P>_n), \g<_n>), so every define it
 * calls is found; a mere mention of a name (in a class, say) only adds an
 * unneeded define. PCRE2 compiles the whole DEFINE group however little
 * of it a pattern uses, and most rules use few of a file's defines: with
 * all of them, these compiles were 40% of loading the bundled rules. */
static void S_calls(loader *L, const char *pat, size_t len)
{
	size_t ntodo = 0;
	if (L->ndef)
		memset(L->def_called, 0, L->ndef);
	S_calls_in(L, pat, len, &ntodo);
	while (ntodo) {
		const rules_def *d = &L->defv[L->def_todo[--ntodo]];
		S_calls_in(L, L->defs.data + d->body_off, d->body_len, &ntodo);
	}
	strbuf_reset(&L->called);
	strbuf_append(&L->called, pat, len);
	int any = 0;
	for (size_t d = 0; d < L->ndef; d++) {
		if (!L->def_called[d])
			continue;
		if (!any++)
			strbuf_puts(&L->called, "(?(DEFINE)");
		/* "(?<" name ">" body ")" */
		size_t from = L->defv[d].name_off - strlen("(?<");
		size_t to = L->defv[d].body_off + L->defv[d].body_len + 1;
		strbuf_append(&L->called, L->defs.data + from, to - from);
	}
	if (any)
		strbuf_putc(&L->called, ')');
}

/* Write into L->full `pat` with all the file's defines so far appended as
 * one DEFINE group (none when there are none): what a define line is
 * checked with, and what the prefilter's analyser reads for every pattern
 * (one text of the defines for all of them: it reads them once). 0, or -1
 * when out of memory. */
static int S_with_all_defines(loader *L, const char *pat, size_t len)
{
	strbuf_reset(&L->full);
	strbuf_append(&L->full, pat, len);
	if (L->defs.len) {
		strbuf_puts(&L->full, "(?(DEFINE)");
		strbuf_append(&L->full, L->defs.data, L->defs.len);
		strbuf_putc(&L->full, ')');
	}
	return L->defs.failed || L->full.failed ? -1 : 0;
}

/* Compile `pat` with the `define`s it calls appended as a DEFINE group, so
 * the pattern can call them as (?&_name). The defines come after the
 * pattern, so PCRE2's error offsets within the pattern stay exact; an
 * offset past the pattern is flagged in *in_defs. Not JIT-compiled: this
 * form is for checking and reporting, and S_matching() decides what is
 * matched with. */
static argraph_status S_compile(loader *L, const char *pat, size_t len,
	uint32_t flags, pcre2_code **out, int *err, size_t *off, int *in_defs)
{
	S_calls(L, pat, len);
	if (L->called.failed)
		return ARGRAPH_ENOMEM;
	argraph_status st = argraph_rules__compile_jit(L->rs, L->called.data, L->called.len,
		flags, 0, out, err, off);
	*in_defs = st == ARGRAPH_EPARSE && *off > len;
	return st;
}

/* Make *code, compiled by S_compile() from `pat`, the form to match with:
 * if the file's defines can be inlined into `pat` (compile.c states when
 * that is exactly equivalent), the inlined form replaces it, with its word
 * lists factored where factor.c can (again exactly equivalent); otherwise
 * it stays. Either way the result is JIT-compiled. Errors, role checks and
 * the prefilter all use the DEFINE form, so what they report refers to the
 * user's text; the matching form only has to match the same. Returns 1 if
 * replaced (the caller then looks its role groups up again), 0 if kept. */
static int S_matching(loader *L, const char *pat, size_t len, uint32_t flags,
	pcre2_code **code)
{
	pcre2_code *inl = NULL;
	int err, r = 0;
	size_t off;

	if (L->inline_defs && L->ndef) {
		r = argraph_rules__inline(&L->inl, pat, len, flags, L->defs.data, L->defv,
			L->ndef);
		if (r < 0) {
			L->st = ARGRAPH_ENOMEM;
			r = 0;
		}
	}
	if (r == 1 && L->factor_words) {
		int f = argraph_rules__factor(&L->fac, L->inl.data, L->inl.len, flags);
		if (f < 0)
			L->st = ARGRAPH_ENOMEM;
		if (f == 1 && argraph_rules__compile_jit(L->rs, L->fac.data, L->fac.len, flags,
			1, &inl, &err, &off) == ARGRAPH_ENOMEM)
			L->st = ARGRAPH_ENOMEM;
	}
	if (r == 1 && !inl) {
		argraph_status st = argraph_rules__compile_jit(L->rs, L->inl.data, L->inl.len,
			flags, 1, &inl, &err, &off);
		if (st == ARGRAPH_ENOMEM)
			L->st = st;
		if (st != ARGRAPH_OK)
			r = 0; /* e.g. too large: keep the DEFINE form */
	}
	if (r == 1) {
		pcre2_code_free(*code);
		*code = inl;
	} else {
		argraph_rules__jit(L->rs, *code);
	}
	return r;
}

/* Tokens of a word-valued line, with a trailing `# comment` removed. */
typedef struct token {
	const char *s;
	size_t n;
	unsigned col;
} token;

static size_t S_tokens(const char *line, size_t vb, size_t ve, token *out, size_t max)
{
	size_t count = 0, i = vb;
	while (i < ve) {
		while (i < ve && S_is_space(line[i]))
			i++;
		if (i >= ve || line[i] == '#')
			break;
		size_t b = i;
		while (i < ve && !S_is_space(line[i]))
			i++;
		if (count < max) {
			out[count].s = line + b;
			out[count].n = i - b;
			out[count].col = S_col(line, b);
		}
		count++;
	}
	return count;
}

static int S_tok_is(const token *t, const char *word)
{
	return t->n == strlen(word) && memcmp(t->s, word, t->n) == 0;
}

/* ---- `expect` values ---- */

/* Does `name=` start at s[k]? */
static int S_pair_start(const char *s, size_t k, size_t n)
{
	if (k >= n || !S_is_ident_start(s[k]))
		return 0;
	while (k < n && S_is_ident(s[k]))
		k++;
	return k < n && s[k] == '=';
}

int argraph_rules__parse_expect(const char *s, size_t n, rules_expect_pair *out,
	size_t max, size_t *err_at)
{
	size_t i = 0;
	int count = 0;
	while (i < n && S_is_space(s[i]))
		i++;
	while (i < n) {
		size_t rb = i, tb, te;
		if (!S_pair_start(s, i, n)) {
			*err_at = i;
			return -1;
		}
		while (s[i] != '=')
			i++;
		size_t rlen = i - rb;
		i++;
		if (i < n && s[i] == '"') {
			tb = ++i;
			while (i < n && s[i] != '"')
				i++;
			if (i >= n) {
				*err_at = tb - 1;
				return -1;
			}
			te = i++;
			if (i < n && !S_is_space(s[i])) {
				*err_at = i;
				return -1;
			}
		} else {
			tb = i;
			te = n;
			for (size_t j = i; j < n; j++) {
				if (!S_is_space(s[j]))
					continue;
				size_t k = j;
				while (k < n && S_is_space(s[k]))
					k++;
				if (S_pair_start(s, k, n)) {
					te = j;
					break;
				}
			}
			i = te;
			while (te > tb && S_is_space(s[te - 1]))
				te--;
		}
		if ((size_t)count < max) {
			out[count].role = s + rb;
			out[count].role_len = rlen;
			out[count].text = s + tb;
			out[count].text_len = te - tb;
			out[count].offset = rb;
		}
		if (count == INT_MAX) {
			*err_at = rb;
			return -1;
		}
		count++;
		while (i < n && S_is_space(s[i]))
			i++;
	}
	return count;
}

/* ---- reading ---- */

static const char *S_known_kinds(strbuf *b)
{
	strbuf_reset(b);
	for (int k = 1; k < ARGRAPH_RULE__COUNT; k++) {
		if (k > 1)
			strbuf_puts(b, ", ");
		strbuf_puts(b, argraph_rule_kind_name((argraph_rule_kind)k));
	}
	return strbuf_cstr(b);
}

/* Column (1-based, characters) of a named group's name in the pattern
 * source, or the pattern's own column if it cannot be found. */
static unsigned S_group_col(const staged *sr, const char *name)
{
	static const char *const openers[] = {"(?<", "(?'", "(?P<"};
	size_t nl = strlen(name);
	for (size_t i = 0; i < sr->pattern_len; i++) {
		for (size_t o = 0; o < 3; o++) {
			size_t ol = strlen(openers[o]);
			if (i + ol + nl < sr->pattern_len
				&& memcmp(sr->pattern + i, openers[o], ol) == 0
				&& memcmp(sr->pattern + i + ol, name, nl) == 0
				&& (sr->pattern[i + ol + nl] == '>' || sr->pattern[i + ol + nl] == '\''))
				return sr->pattern_col + (unsigned)utf8_count(sr->pattern, i + ol);
		}
	}
	return sr->pattern_col;
}

static void S_add_role(argraph_rule *r, const char *name, uint32_t group)
{
	/* Keep roles in group order (the name table is in name order). */
	size_t i = r->role_count;
	while (i > 0 && r->roles[i - 1].group > group) {
		r->roles[i] = r->roles[i - 1];
		i--;
	}
	r->roles[i].name = name;
	r->roles[i].group = group;
	r->roles[i].is_list = 0;
	r->role_count++;
}

/* Check the named groups against the kind table. */
static void S_check_roles(loader *L, staged *sr)
{
	argraph_rule *r = sr->r;
	const rule_kind_info *ki = argraph_rules__kind_info(r->kind);
	uint32_t count = 0, size = 0;
	PCRE2_SPTR table = NULL;

	pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		const unsigned char *e = table + (size_t)i * size;
		uint32_t group = ((uint32_t)e[0] << 8) | e[1];
		const char *name = (const char *)e + 2;
		if (name[0] == '_')
			continue; /* a helper group, not a role */
		if (!argraph_rules__role_allowed(r->kind, name, strlen(name))) {
			strbuf roles = {0};
			for (size_t k = 0; k < ARGRAPH_RULES_MAX_ROLES && ki->allowed[k]; k++) {
				if (k)
					strbuf_puts(&roles, ", ");
				strbuf_puts(&roles, ki->allowed[k]);
			}
			S_error(L, "rules.role", sr->pattern_line, S_group_col(sr, name),
				"group '%s' is not a role of kind '%s' (its roles: %s; "
				"a group whose name starts with _ is not a role)", name, ki->name,
				roles.len ? strbuf_cstr(&roles) : "none");
			strbuf_release(&roles);
			sr->bad = 1;
			continue;
		}
		/* The name table lives as long as the code; copy anyway, so a
		 * role name never depends on PCRE2's internals. */
		char *copy = S_strndup(L, name, strlen(name));
		if (!copy)
			return;
		S_add_role(r, copy, group);
	}
	if (!ki->required[0][0])
		return;
	for (size_t alt = 0; alt < RULES_MAX_ALTS && ki->required[alt][0]; alt++) {
		int all = 1;
		for (size_t k = 0; ki->required[alt][k]; k++) {
			int have = 0;
			for (size_t j = 0; j < r->role_count; j++)
				have |= strcmp(r->roles[j].name, ki->required[alt][k]) == 0;
			all &= have;
		}
		if (all)
			return;
	}
	strbuf need = {0};
	for (size_t alt = 0; alt < RULES_MAX_ALTS && ki->required[alt][0]; alt++) {
		if (alt)
			strbuf_puts(&need, ", or ");
		for (size_t k = 0; ki->required[alt][k]; k++) {
			if (k)
				strbuf_puts(&need, ki->required[alt][k + 1] ? ", " : " and ");
			strbuf_printf(&need, "(?<%s>…)", ki->required[alt][k]);
		}
	}
	S_error(L, "rules.role", sr->pattern_line, sr->pattern_col,
		"a rule of kind '%s' needs %s in its pattern", ki->name, strbuf_cstr(&need));
	strbuf_release(&need);
	sr->bad = 1;
}

/* The checked rule's patterns become the forms it is matched with
 * (S_matching). The role groups are looked up by name in the new code;
 * if one is missing or the order changes (it cannot: an inlined body has
 * no captures, and the DEFINE group came after the pattern's own groups),
 * the DEFINE form is compiled again and kept. */
static void S_match_forms(loader *L, staged *sr)
{
	argraph_rule *r = sr->r;
	uint32_t groups[ARGRAPH_RULES_MAX_ROLES];
	int err, in_defs;
	size_t off;

	if (S_matching(L, sr->pattern, sr->pattern_len, sr->flags, &r->code)) {
		int ok = 1;
		for (size_t j = 0; j < r->role_count && ok; j++) {
			int g = pcre2_substring_number_from_name(r->code,
				(PCRE2_SPTR)r->roles[j].name);
			ok = g > 0 && (j == 0 || (uint32_t)g > groups[j - 1]);
			groups[j] = ok ? (uint32_t)g : 0;
		}
		if (ok) {
			for (size_t j = 0; j < r->role_count; j++)
				r->roles[j].group = groups[j];
		} else {
			pcre2_code_free(r->code);
			r->code = NULL;
			argraph_status st = S_compile(L, sr->pattern, sr->pattern_len, sr->flags,
				&r->code, &err, &off, &in_defs);
			if (st != ARGRAPH_OK) {
				L->st = st == ARGRAPH_ENOMEM ? st : ARGRAPH_ERROR;
				return;
			}
			argraph_rules__jit(L->rs, r->code);
		}
	}
	r->pairs = argraph_rules__pairs(r->code);
	if (r->cue) {
		(void)S_matching(L, sr->cue, sr->cue_len, sr->flags, &r->cue);
		uint32_t p = argraph_rules__pairs(r->cue);
		if (p > r->pairs)
			r->pairs = p;
	}
}

/* The end of a rule's block: compile it and check its roles and lists. */
static void S_finish_rule(loader *L)
{
	staged *sr = L->cur;
	int err;
	size_t off;

	L->cur = NULL;
	if (!sr)
		return;
	if (!sr->pattern) {
		if (!sr->bad)
			S_error(L, "rules.syntax", sr->r->line, 1,
				"rule '%s' has no `pattern`", sr->r->id);
		sr->bad = 1;
		return;
	}
	int in_defs;
	argraph_status st = S_compile(L, sr->pattern, sr->pattern_len, sr->flags,
		&sr->r->code, &err, &off, &in_defs);
	if (st == ARGRAPH_EPARSE) {
		S_pattern_error(L, "bad pattern", sr->pattern, sr->pattern_len,
			sr->pattern_line, sr->pattern_col, err, off, in_defs);
		sr->bad = 1;
		return;
	}
	if (st < 0) {
		L->st = st;
		return;
	}
	sr->r->pairs = argraph_rules__pairs(sr->r->code);
	if (S_with_all_defines(L, sr->pattern, sr->pattern_len) < 0) {
		L->st = ARGRAPH_ENOMEM;
		return;
	}
	sr->r->req = argraph_rules__required(&L->fm->mem, L->full.data,
		L->full.len, sr->flags, &L->pf_cache);
	if (sr->cue) {
		st = S_compile(L, sr->cue, sr->cue_len, sr->flags, &sr->r->cue, &err, &off,
			&in_defs);
		if (st == ARGRAPH_EPARSE) {
			S_pattern_error(L, "bad cue", sr->cue, sr->cue_len, sr->cue_line,
				sr->cue_col, err, off, in_defs);
			sr->bad = 1;
			return;
		}
		if (st < 0) {
			L->st = st;
			return;
		}
		uint32_t p = argraph_rules__pairs(sr->r->cue);
		if (p > sr->r->pairs)
			sr->r->pairs = p;
	}
	if (argraph_rules__kind_info(sr->r->kind))
		S_check_roles(L, sr);
	for (list_ref *l = sr->lists; l; l = l->next) {
		size_t j;
		for (j = 0; j < sr->r->role_count; j++)
			if (strcmp(sr->r->roles[j].name, l->name) == 0)
				break;
		if (j < sr->r->role_count) {
			sr->r->roles[j].is_list = 1;
		} else if (argraph_rules__kind_info(sr->r->kind)) {
			S_error(L, "rules.role", l->line, l->col,
				"`list` names '%s', which is not a role group of the pattern",
				l->name);
			sr->bad = 1;
		}
	}
	if (!sr->bad)
		S_match_forms(L, sr);
}

static void S_language(loader *L, unsigned line, const char *s, size_t vb, size_t ve)
{
	token t[2];
	size_t n = S_tokens(s, vb, ve, t, 2);
	if (L->lang[0]) {
		S_error(L, "rules.language", line, 1,
			"second `language` line (the file's language is '%s', line %u)",
			L->lang, L->lang_line);
		return;
	}
	int ok = n == 1 && t[0].n >= 2 && t[0].n <= 8;
	for (size_t i = 0; ok && i < t[0].n; i++) {
		char c = t[0].s[i];
		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}
	if (!ok) {
		S_error(L, "rules.language", line, S_col(s, vb),
			"`language` takes one BCP-47 primary language subtag, such as zh or en");
		return;
	}
	for (size_t i = 0; i < t[0].n; i++) {
		char c = t[0].s[i];
		L->lang[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	L->lang[t[0].n] = '\0';
	L->lang_line = line;
}

static void S_file_pattern(loader *L, const char *key, unsigned line,
	const char *s, size_t vb, size_t ve)
{
	int is_split = key[0] == 's';
	pcre2_code **slot = is_split ? &L->split : &L->trim;
	unsigned *where = is_split ? &L->split_line : &L->trim_line;
	int err;
	size_t off;

	if (!L->lang[0]) {
		S_error(L, "rules.language", line, 1, "`%s` before `language`", key);
		return;
	}
	if (*where) {
		S_error(L, "rules.syntax", line, 1, "second `%s` line (the first is line %u)",
			key, *where);
		return;
	}
	*where = line;
	int in_defs;
	argraph_status st = S_compile(L, s + vb, ve - vb, 0, slot, &err, &off, &in_defs);
	if (st == ARGRAPH_EPARSE) {
		S_pattern_error(L, is_split ? "bad split pattern" : "bad trim pattern",
			s + vb, ve - vb, line, S_col(s, vb), err, off, in_defs);
		L->patterns_bad = 1;
	} else if (st < 0) {
		L->st = st;
	} else {
		(void)S_matching(L, s + vb, ve - vb, 0, slot);
	}
}

/* Room for twice as many defines; -1 out of memory. */
static int S_defs_grow(loader *L)
{
	size_t cap = L->capdef ? 2 * L->capdef : 16;
	rules_def *v = realloc(L->defv, cap * sizeof *v);
	if (v)
		L->defv = v;
	unsigned char *called = realloc(L->def_called, cap);
	if (called)
		L->def_called = called;
	size_t *todo = realloc(L->def_todo, cap * sizeof *todo);
	if (todo)
		L->def_todo = todo;
	if (!v || !called || !todo)
		return -1;
	L->capdef = cap;
	return 0;
}

/* `define _name pattern`: a named group every later pattern of the file
 * can call as (?&_name). Checked by compiling all defines so far alone. */
static void S_define(loader *L, unsigned line, const char *s, size_t vb, size_t ve)
{
	size_t nb = vb, ne = vb, pb;
	int err, ok;
	size_t off;
	pcre2_code *code = NULL;
	char name[64];

	while (ne < ve && !S_is_space(s[ne]))
		ne++;
	pb = ne;
	while (pb < ve && S_is_space(s[pb]))
		pb++;
	ok = ne - nb >= 2 && ne - nb < sizeof name && s[nb] == '_';
	for (size_t i = nb; ok && i < ne; i++)
		ok = S_is_ident(s[i]);
	if (!ok || pb == ve) {
		S_error(L, "rules.syntax", line, S_col(s, nb),
			"expected `define _name pattern` (the name starts with _; "
			"patterns call it as (?&_name))");
		return;
	}
	memcpy(name, s + nb, ne - nb);
	name[ne - nb] = '\0';
	size_t first = strmap_get(&L->def_names, name);
	if (first != (size_t)-1) {
		S_error(L, "rules.duplicate", line, S_col(s, nb),
			"`define %s` again (first at line %u)", name, L->defv[first].line);
		return;
	}
	size_t mark = L->defs.len;
	strbuf_printf(&L->defs, "(?<%s>", name);
	size_t prefix = strlen("(?(DEFINE)") + L->defs.len;
	strbuf_append(&L->defs, s + pb, ve - pb);
	strbuf_putc(&L->defs, ')');
	if (S_with_all_defines(L, "", 0) < 0) {
		L->st = ARGRAPH_ENOMEM;
		return;
	}
	argraph_status st = argraph_rules__compile_jit(L->rs, L->full.data, L->full.len,
		0, 0, &code, &err, &off);
	if (st == ARGRAPH_EPARSE) {
		int inside = off >= prefix && off <= prefix + (ve - pb);
		S_pattern_error(L, "bad define", s + pb, ve - pb, line, S_col(s, pb),
			err, inside ? off - prefix : 0, !inside);
	} else if (st < 0) {
		L->st = st;
	} else {
		/* A define may not smuggle a role group into every rule. */
		uint32_t count = 0, size = 0;
		PCRE2_SPTR table = NULL;
		pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
		pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
		pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
		for (uint32_t i = 0; i < count; i++) {
			const char *g = (const char *)table + (size_t)i * size + 2;
			if (g[0] != '_') {
				S_error(L, "rules.role", line, S_col(s, pb),
					"a define may only name groups that start with _ (not '%s')", g);
				st = ARGRAPH_EPARSE;
			}
		}
	}
	pcre2_code_free(code);
	if (st == ARGRAPH_OK) {
		char *key = S_strndup(L, name, strlen(name));
		if (key && strmap_put(&L->def_names, key, L->ndef) < 0)
			L->st = ARGRAPH_ENOMEM;
		if (L->ndef == L->capdef && S_defs_grow(L) < 0) {
			L->st = ARGRAPH_ENOMEM;
			return;
		}
		rules_def *d = &L->defv[L->ndef++];
		d->line = line;
		d->name_off = mark + strlen("(?<");
		d->name_len = strlen(name);
		d->body_off = d->name_off + d->name_len + 1;
		d->body_len = ve - pb;
	} else {
		/* Drop the bad define, so later patterns do not fail on it. */
		L->defs.len = mark;
		if (L->defs.data)
			L->defs.data[mark] = '\0';
	}
}

static void S_rule(loader *L, unsigned line, const char *s, size_t vb, size_t ve)
{
	token t[3];
	size_t n = S_tokens(s, vb, ve, t, 3);
	staged *sr = S_alloc(L, sizeof *sr);
	argraph_rule *r = S_alloc(L, sizeof *r);
	strbuf kinds = {0};

	if (!sr || !r)
		return;
	sr->r = r;
	sr->example_tail = &sr->examples;
	r->line = line;
	r->file = L->file;
	*L->tail = sr;
	L->tail = &sr->next;
	L->cur = sr;
	L->nstaged++;
	if (!L->lang[0]) {
		S_error(L, "rules.language", line, 1, "`rule` before `language`");
		sr->bad = 1;
	}
	if (n != 2) {
		S_error(L, "rules.syntax", line, n < 2 ? S_col(s, ve) : t[2].col,
			"expected `rule <id> <kind>`");
		sr->bad = 1;
		r->id = "?";
		return;
	}
	int ok = 1;
	for (size_t i = 0; i < t[0].n; i++) {
		char c = t[0].s[i];
		ok &= S_is_ident(c) || c == '.' || c == '-' || c == ':';
	}
	if (!(r->id = S_strndup(L, t[0].s, t[0].n)))
		return;
	if (!(r->lang = S_strndup(L, L->lang, strlen(L->lang))))
		return;
	if (!ok) {
		S_error(L, "rules.syntax", line, t[0].col,
			"bad rule id '%s' (letters, digits, and _ . - :)", r->id);
		sr->bad = 1;
	} else {
		size_t first = strmap_get(&L->ids, r->id);
		if (first != (size_t)-1) {
			S_error(L, "rules.duplicate", line, t[0].col,
				"duplicate rule id '%s' (first at line %zu)", r->id, first);
			sr->bad = 1;
		} else if (strmap_put(&L->ids, r->id, line) < 0) {
			L->st = ARGRAPH_ENOMEM;
		}
	}
	char kind[32];
	snprintf(kind, sizeof kind, "%.*s", (int)(t[1].n < 31 ? t[1].n : 31), t[1].s);
	r->kind = t[1].n < 31 ? argraph_rule_kind_from_name(kind) : ARGRAPH_RULE_NONE;
	if (r->kind == ARGRAPH_RULE_NONE) {
		S_error(L, "rules.kind", line, t[1].col, "unknown kind '%.*s' (known: %s)",
			(int)t[1].n, t[1].s, S_known_kinds(&kinds));
		sr->bad = 1;
	}
	strbuf_release(&kinds);
}

static const char *const rule_keys =
	"pattern, cue, list, flags, priority, example, counterexample, expect, note";

static void S_rule_key(loader *L, unsigned line, const char *s, size_t kb,
	size_t ke, size_t vb, size_t ve)
{
	staged *sr = L->cur;
	const char *key = s + kb;
	size_t kn = ke - kb;
	unsigned vcol = S_col(s, vb);
	token t[16];

#define KEY_IS(w) (kn == sizeof(w) - 1 && memcmp(key, w, kn) == 0)
	if (!sr) {
		S_error(L, "rules.syntax", line, S_col(s, kb),
			"indented line outside a rule (a rule starts with `rule <id> <kind>`)");
		return;
	}
	if (vb == ve && !KEY_IS("expect")) {
		S_error(L, "rules.syntax", line, S_col(s, ke), "`%.*s` needs a value",
			(int)kn, key);
		sr->bad = 1;
		return;
	}
	if (KEY_IS("pattern")) {
		if (sr->pattern) {
			S_error(L, "rules.syntax", line, S_col(s, kb),
				"second `pattern` (the first is line %u)", sr->pattern_line);
			sr->bad = 1;
			return;
		}
		sr->pattern = S_strndup(L, s + vb, ve - vb);
		sr->pattern_len = ve - vb;
		sr->pattern_line = line;
		sr->pattern_col = vcol;
	} else if (KEY_IS("cue")) {
		if (sr->cue) {
			S_error(L, "rules.syntax", line, S_col(s, kb),
				"second `cue` (the first is line %u)", sr->cue_line);
			sr->bad = 1;
			return;
		}
		sr->cue = S_strndup(L, s + vb, ve - vb);
		sr->cue_len = ve - vb;
		sr->cue_line = line;
		sr->cue_col = vcol;
	} else if (KEY_IS("list")) {
		size_t n = S_tokens(s, vb, ve, t, 16);
		for (size_t i = 0; i < n && i < 16; i++) {
			list_ref *l = S_alloc(L, sizeof *l);
			if (!l || !(l->name = S_strndup(L, t[i].s, t[i].n)))
				return;
			l->line = line;
			l->col = t[i].col;
			l->next = sr->lists;
			sr->lists = l;
		}
	} else if (KEY_IS("flags")) {
		size_t n = S_tokens(s, vb, ve, t, 16);
		for (size_t i = 0; i < n && i < 16; i++) {
			if (S_tok_is(&t[i], "caseless")) {
				sr->flags |= PCRE2_CASELESS;
			} else {
				S_error(L, "rules.syntax", line, t[i].col,
					"unknown flag '%.*s' (known: caseless)", (int)t[i].n, t[i].s);
				sr->bad = 1;
			}
		}
	} else if (KEY_IS("priority")) {
		size_t n = S_tokens(s, vb, ve, t, 2);
		char num[32];
		char *endp;
		long v = 0;
		int ok = n == 1 && t[0].n < sizeof num;
		if (ok) {
			memcpy(num, t[0].s, t[0].n);
			num[t[0].n] = '\0';
			errno = 0;
			v = strtol(num, &endp, 10);
			ok = !errno && *endp == '\0' && v >= -1000000 && v <= 1000000;
		}
		if (!ok) {
			S_error(L, "rules.syntax", line, vcol,
				"`priority` takes an integer from -1000000 to 1000000");
			sr->bad = 1;
		} else {
			sr->r->priority = (int)v;
		}
	} else if (KEY_IS("example") || KEY_IS("counterexample")) {
		example *ex = S_alloc(L, sizeof *ex);
		if (!ex || !(ex->s = S_strndup(L, s + vb, ve - vb)))
			return;
		ex->n = ve - vb;
		ex->line = line;
		ex->col = vcol;
		ex->counter = KEY_IS("counterexample");
		ex->expect_tail = &ex->expects;
		*sr->example_tail = ex;
		sr->example_tail = &ex->next;
		sr->last_example = ex;
	} else if (KEY_IS("expect")) {
		example *ex = sr->last_example;
		size_t err_at;
		if (!ex || ex->counter) {
			S_error(L, "rules.syntax", line, S_col(s, kb),
				"`expect` must follow an `example`");
			sr->bad = 1;
			return;
		}
		if (argraph_rules__parse_expect(s + vb, ve - vb, NULL, 0, &err_at) < 0) {
			S_error(L, "rules.syntax", line, S_col(s, vb + err_at),
				"bad `expect`: expected role=text pairs (quote a text with "
				"\"…\" if it contains name= or has to keep spaces)");
			sr->bad = 1;
			return;
		}
		expect_line *x = S_alloc(L, sizeof *x);
		if (!x || !(x->s = S_strndup(L, s + vb, ve - vb)))
			return;
		x->n = ve - vb;
		x->line = line;
		x->col = vcol;
		*ex->expect_tail = x;
		ex->expect_tail = &x->next;
	} else if (KEY_IS("note")) {
		/* free text for the reader */
	} else {
		S_error(L, "rules.syntax", line, S_col(s, kb),
			"unknown key '%.*s' (known: %s)", (int)kn, key, rule_keys);
		sr->bad = 1;
	}
#undef KEY_IS
}

static void S_line(loader *L, unsigned line, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && S_is_space(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return;
	size_t kb = i;
	while (i < n && !S_is_space(s[i]))
		i++;
	size_t ke = i;
	while (i < n && S_is_space(s[i]))
		i++;
	size_t vb = i, ve = n;
	while (ve > vb && S_is_space(s[ve - 1]))
		ve--;
	if (kb > 0) {
		S_rule_key(L, line, s, kb, ke, vb, ve);
		return;
	}
	const char *key = s + kb;
	size_t kn = ke - kb;
	if (kn == 4 && memcmp(key, "rule", 4) == 0) {
		S_finish_rule(L);
		S_rule(L, line, s, vb, ve);
		return;
	}
	/* Any other top-level line ends the current rule. */
	S_finish_rule(L);
	if (kn == 8 && memcmp(key, "language", 8) == 0) {
		S_language(L, line, s, vb, ve);
	} else if (kn == 6 && memcmp(key, "define", 6) == 0) {
		S_define(L, line, s, vb, ve);
	} else if ((kn == 5 && memcmp(key, "split", 5) == 0)
		|| (kn == 4 && memcmp(key, "trim", 4) == 0)) {
		const char *k = kn == 5 ? "split" : "trim";
		if (vb == ve)
			S_error(L, "rules.syntax", line, S_col(s, ke), "`%s` needs a value", k);
		else
			S_file_pattern(L, k, line, s, vb, ve);
	} else {
		S_error(L, "rules.syntax", line, 1,
			"unknown directive '%.*s' (known: language, define, split, trim, rule; "
			"the keys of a rule are indented)", (int)kn, key);
	}
}

/* ---- checking examples ---- */

typedef struct collected {
	size_t want, count;
	argraph_rule_match m[4];
	argraph_rule_match *all; /* when want > 4 */
} collected;

static int S_collect(void *user, const argraph_rule_match *m)
{
	collected *c = user;
	argraph_rule_match *slot = c->all ? c->all : c->m;
	slot[c->count++] = *m;
	return c->count >= c->want;
}

static const argraph_rule_span *S_span(const argraph_rule_match *m, const char *role,
	size_t n)
{
	for (size_t i = 0; i < m->span_count; i++)
		if (strlen(m->spans[i].role) == n && memcmp(m->spans[i].role, role, n) == 0)
			return &m->spans[i];
	return NULL;
}

/* The text of a role as `expect` shows it: list items joined with |, or
 * the capture without white space at the ends. */
static int S_role_text(loader *L, const argraph_rule *r, const argraph_rule_span *sp,
	const char *text, const pcre2_code *split, const pcre2_code *trim, strbuf *out)
{
	strbuf_reset(out);
	if (argraph_rule_role_is_list(r, sp->role)) {
		argraph_rule_span items[64];
		size_t n = argraph_rules__split_with(L->rs, split, trim, text + sp->begin,
			sp->end - sp->begin, items, 64, NULL);
		if (n == SIZE_MAX)
			return -1;
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_putc(out, '|');
			strbuf_append(out, text + sp->begin + items[i].begin,
				items[i].end - items[i].begin);
		}
	} else {
		size_t b = sp->begin, e = sp->end, i;
		while (b < e) {
			i = b;
			if (!utf8_cp_is_space(utf8_next(text, e, &i)))
				break;
			b = i;
		}
		while (e > b) {
			size_t last = e - 1;
			while (last > b && ((unsigned char)text[last] & 0xC0) == 0x80)
				last--;
			i = last;
			if (!utf8_cp_is_space(utf8_next(text, e, &i)))
				break;
			e = last;
		}
		strbuf_append(out, text + b, e - b);
	}
	return out->failed ? -1 : 0;
}

static void S_check_expect(loader *L, const staged *sr, const example *ex,
	const expect_line *x, size_t k, const argraph_rule_match *m,
	const pcre2_code *split, const pcre2_code *trim)
{
	const argraph_rule *r = sr->r;
	rules_expect_pair pairs[ARGRAPH_RULES_MAX_ROLES + 4];
	size_t err_at;
	strbuf got = {0};
	int n = argraph_rules__parse_expect(x->s, x->n, pairs,
		sizeof pairs / sizeof pairs[0], &err_at);

	if (n > (int)(sizeof pairs / sizeof pairs[0])) {
		S_error(L, "rules.example", x->line, x->col, "`expect` names too many roles");
		return;
	}
	for (int i = 0; i < n; i++) {
		const rules_expect_pair *p = &pairs[i];
		unsigned col = x->col + (unsigned)utf8_count(x->s, p->offset);
		const argraph_rule_span *sp = S_span(m, p->role, p->role_len);
		int is_role = 0;
		for (size_t j = 0; j < r->role_count; j++)
			is_role |= strlen(r->roles[j].name) == p->role_len
				&& memcmp(r->roles[j].name, p->role, p->role_len) == 0;
		if (!is_role) {
			S_error(L, "rules.example", x->line, col,
				"`expect` names '%.*s', which is not a role of rule '%s'",
				(int)p->role_len, p->role, r->id);
			continue;
		}
		if (!sp) {
			S_error(L, "rules.example", x->line, col,
				"match %zu of the example (line %u) has no '%.*s'", k + 1,
				ex->line, (int)p->role_len, p->role);
			continue;
		}
		if (S_role_text(L, r, sp, ex->s, split, trim, &got) < 0) {
			L->st = ARGRAPH_ENOMEM;
			break;
		}
		if (got.len != p->text_len || memcmp(strbuf_cstr(&got), p->text, got.len) != 0) {
			strbuf want = {0}, have = {0};
			S_quote(&want, p->text, p->text_len);
			S_quote(&have, strbuf_cstr(&got), got.len);
			S_error(L, "rules.example", x->line, col,
				"match %zu of the example (line %u): %.*s is %s, expected %s",
				k + 1, ex->line, (int)p->role_len, p->role, strbuf_cstr(&have),
				strbuf_cstr(&want));
			strbuf_release(&want);
			strbuf_release(&have);
		}
	}
	/* Every role the match filled must be in `expect`. */
	for (size_t j = 0; n >= 0 && j < m->span_count; j++) {
		int listed = 0;
		size_t rl = strlen(m->spans[j].role);
		for (int i = 0; i < n && i < (int)(sizeof pairs / sizeof pairs[0]); i++)
			listed |= pairs[i].role_len == rl
				&& memcmp(pairs[i].role, m->spans[j].role, rl) == 0;
		if (listed)
			continue;
		if (S_role_text(L, r, &m->spans[j], ex->s, split, trim, &got) < 0) {
			L->st = ARGRAPH_ENOMEM;
			break;
		}
		strbuf have = {0};
		S_quote(&have, strbuf_cstr(&got), got.len);
		S_error(L, "rules.example", x->line, x->col,
			"match %zu of the example (line %u) also has %s=%s, which `expect` "
			"does not list", k + 1, ex->line, m->spans[j].role, strbuf_cstr(&have));
		strbuf_release(&have);
	}
	strbuf_release(&got);
}

static void S_check_examples(loader *L, staged *sr, const pcre2_code *split,
	const pcre2_code *trim)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(sr->r->code, NULL);
	strbuf q = {0};
	if (!md) {
		L->st = ARGRAPH_ENOMEM;
		return;
	}
	for (example *ex = sr->examples; ex && L->st == ARGRAPH_OK; ex = ex->next) {
		collected c = {0};
		size_t nexp = 0;
		int stopped;
		for (expect_line *x = ex->expects; x; x = x->next)
			nexp++;
		c.want = nexp ? nexp : 1;
		if (c.want > 4 && !(c.all = calloc(c.want, sizeof *c.all))) {
			L->st = ARGRAPH_ENOMEM;
			break;
		}
		argraph_status st = argraph_rules__run(L->rs, sr->r, ex->s, ex->n, md,
			S_collect, &c, &stopped);
		strbuf_reset(&q);
		/* A cue must occur in every text the pattern matches: check it
		 * on the examples, where a wrong cue would hide a match. */
		int cue_wrong = 0;
		if (st == ARGRAPH_OK && !c.count && sr->r->cue) {
			int rp = pcre2_match(sr->r->code, (PCRE2_SPTR)ex->s, ex->n, 0,
				PCRE2_NO_UTF_CHECK, md, L->rs->mctx);
			int rc = pcre2_match(sr->r->cue, (PCRE2_SPTR)ex->s, ex->n, 0,
				PCRE2_NO_UTF_CHECK, md, L->rs->mctx);
			cue_wrong = rp >= 0 && rc == PCRE2_ERROR_NOMATCH;
		}
		if (cue_wrong) {
			S_error(L, "rules.example", sr->cue_line, sr->cue_col,
				"the cue of rule '%s' does not occur in the %s on line %u, "
				"which the pattern matches (a cue must occur wherever the "
				"pattern matches)", sr->r->id,
				ex->counter ? "counterexample" : "example", ex->line);
		} else if (st == ARGRAPH_ETOOBIG) {
			S_error(L, "rules.example", ex->line, ex->col,
				"the %s hits PCRE2's match limit with rule '%s' (the pattern "
				"backtracks too much)", ex->counter ? "counterexample" : "example",
				sr->r->id);
		} else if (st < 0) {
			L->st = st;
		} else if (ex->counter && c.count) {
			const argraph_rule_match *m = c.all ? c.all : c.m;
			S_quote(&q, ex->s + m->begin, m->end - m->begin);
			S_error(L, "rules.example", ex->line, ex->col,
				"counterexample matches rule '%s' (at %s)", sr->r->id, strbuf_cstr(&q));
		} else if (!ex->counter && !c.count) {
			S_error(L, "rules.example", ex->line, ex->col,
				"example does not match rule '%s'", sr->r->id);
		} else if (!L->patterns_bad) {
			size_t k = 0;
			for (expect_line *x = ex->expects; x; x = x->next, k++) {
				if (k >= c.count) {
					S_error(L, "rules.example", x->line, x->col,
						"`expect` %zu: the example (line %u) has only %zu match%s",
						k + 1, ex->line, c.count, c.count == 1 ? "" : "es");
					break;
				}
				S_check_expect(L, sr, ex, x, k, (c.all ? c.all : c.m) + k,
					split, trim);
			}
		}
		free(c.all);
	}
	strbuf_release(&q);
	pcre2_match_data_free(md);
}

/* ---- committing ---- */

static int S_order_cmp(const void *a, const void *b)
{
	const argraph_rule *x = *(argraph_rule *const *)a, *y = *(argraph_rule *const *)b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static argraph_status S_commit(loader *L)
{
	argraph_ruleset *rs = L->rs;
	argraph_rule **rules = NULL, **order = NULL;
	argraph_rule **replaced = NULL;
	const char **langs = NULL;
	strmap by_id = {0};
	lang_conf *conf = NULL, *fresh = NULL;
	rules_pf *pf = NULL;
	rules_plan *plans = NULL;
	size_t n = rs->nrules, cap = rs->nrules + L->nstaged, nlangs = 0;
	argraph_status st = ARGRAPH_ENOMEM;

	/* Everything that can fail, before the first change. */
	if (cap == 0)
		cap = 1;
	if (cap > SIZE_MAX / sizeof *rules
		|| !(rules = malloc(cap * sizeof *rules))
		|| !(order = malloc(cap * sizeof *order))
		|| !(langs = malloc(cap * sizeof *langs))
		|| !(replaced = calloc(cap, sizeof *replaced)))
		goto done;
	if (rs->nrules)
		memcpy(rules, rs->rules, rs->nrules * sizeof *rules);
	for (staged *sr = L->first; sr; sr = sr->next) {
		size_t at = strmap_get(&rs->by_id, sr->r->id);
		if (at < rs->nrules) {
			replaced[at] = rules[at];
			rules[at] = sr->r;
		} else {
			rules[n++] = sr->r;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (strmap_put(&by_id, rules[i]->id, i) < 0)
			goto done;
	for (conf = rs->langs; conf && strcmp(conf->lang, L->lang) != 0; conf = conf->next)
		;
	if (!conf) {
		if (!(fresh = calloc(1, sizeof *fresh)))
			goto done;
		memcpy(fresh->lang, L->lang, sizeof fresh->lang);
		conf = fresh;
	}

	/* The matching order: priority (higher first), then index. Writing
	 * the index is harmless if we fail later: it is rewritten each time. */
	for (size_t i = 0; i < n; i++) {
		rules[i]->index = i;
		order[i] = rules[i];
	}
	qsort(order, n, sizeof *order, S_order_cmp);
	if ((st = argraph_rules__pf_build(&pf, order, n)) < 0)
		goto done;
	/* The distinct langs of the rules, each with its plan: a call finds
	 * its lang's plan once and runs just those rules. */
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < nlangs && strcmp(langs[j], rules[i]->lang) != 0)
			j++;
		if (j == nlangs)
			langs[nlangs++] = rules[i]->lang;
	}
	if ((st = argraph_rules__plans_build(&plans, order, n, langs, nlangs)) < 0)
		goto done;
	st = ARGRAPH_ENOMEM;

	/* From here on nothing fails. */
	free(rs->rule_langs);
	argraph_rules__plans_free(rs->lang_plans, rs->nrule_langs);
	rs->rule_langs = langs;
	rs->lang_plans = plans;
	rs->nrule_langs = nlangs;
	langs = NULL;
	plans = NULL;
	for (size_t i = 0; i < rs->nrules; i++) {
		if (replaced[i]) {
			replaced[i]->next_retired = rs->retired;
			rs->retired = replaced[i];
		}
	}
	free(rs->rules);
	free(rs->order);
	strmap_release(&rs->by_id);
	rs->rules = rules;
	rs->order = order;
	rs->by_id = by_id;
	rs->nrules = n;
	argraph_rules__pf_free(rs->pf);
	rs->pf = pf;
	pf = NULL;
	rules = order = NULL;
	by_id = (strmap){0};
	if (fresh) {
		fresh->next = rs->langs;
		rs->langs = fresh;
		fresh = NULL;
	}
	if (L->split) {
		pcre2_code_free(conf->split);
		conf->split = L->split;
		L->split = NULL;
	}
	if (L->trim) {
		pcre2_code_free(conf->trim);
		conf->trim = L->trim;
		L->trim = NULL;
	}
	for (staged *sr = L->first; sr; sr = sr->next)
		sr->r = NULL; /* the ruleset owns the rules and their codes now */
	L->fm->next = rs->files;
	rs->files = L->fm;
	L->fm = NULL;
	for (size_t i = 0; i < rs->nrules; i++)
		if (rs->rules[i]->pairs > rs->max_pairs)
			rs->max_pairs = rs->rules[i]->pairs;
	st = ARGRAPH_OK;
done:
	argraph_rules__pf_free(pf);
	argraph_rules__plans_free(plans, nlangs);
	free(rules);
	free(order);
	free(langs);
	free(replaced);
	free(fresh);
	strmap_release(&by_id);
	return st;
}

argraph_status argraph_rules_load_mem(argraph_ruleset *rs, const char *buf,
	size_t len, const char *name, argraph_diags *diags)
{
	loader L = {.rs = rs, .diags = diags};
	L.inline_defs = !argraph_rules__switched_off("ARGRAPH_NO_INLINE");
	L.factor_words = !argraph_rules__switched_off("ARGRAPH_NO_FACTOR");
	argraph_status st = ARGRAPH_OK;

	L.tail = &L.first;
	if (!rs || (!buf && len))
		return ARGRAPH_EINVALID;
	if (!buf)
		buf = "";
	if (!(L.fm = calloc(1, sizeof *L.fm)))
		return ARGRAPH_ENOMEM;
	arena_init(&L.fm->mem);
	if (!(L.file = arena_strdup(&L.fm->mem, name ? name : "<memory>"))) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}

	/* 1. read */
	const char *p = buf, *end = buf + len;
	unsigned line = 0;
	while (p < end && L.st == ARGRAPH_OK) {
		const char *s = p, *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		p = nl ? nl + 1 : end;
		if (line == UINT_MAX) {
			st = ARGRAPH_ETOOBIG;
			goto done;
		}
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3; /* a byte-order mark */
			n -= 3;
		}
		size_t bad = S_bad_utf8(s, n);
		if (bad != SIZE_MAX) {
			S_error(&L, "rules.encoding", line, S_col(s, bad),
				s[bad] ? "invalid UTF-8 (byte 0x%02X); the line is ignored"
				       : "NUL byte (0x%02X); the line is ignored",
				(unsigned char)s[bad]);
			if (L.cur && n > 0 && S_is_space(s[0]))
				L.cur->bad = 1; /* do not pile errors on a rule missing a line */
			continue;
		}
		S_line(&L, line, s, n);
	}
	S_finish_rule(&L);
	if (L.st == ARGRAPH_OK && !L.lang[0] && !L.first)
		S_error(&L, "rules.language", 1, 0,
			"no `language` line (a rule file starts with e.g. `language en`)");

	/* 2. examples */
	const lang_conf *existing = NULL;
	for (const lang_conf *c = rs->langs; c; c = c->next)
		if (strcmp(c->lang, L.lang) == 0)
			existing = c;
	const pcre2_code *split = L.split_line ? L.split : existing ? existing->split : NULL;
	const pcre2_code *trim = L.trim_line ? L.trim : existing ? existing->trim : NULL;
	for (staged *sr = L.first; sr && L.st == ARGRAPH_OK; sr = sr->next)
		if (!sr->bad && sr->r->code)
			S_check_examples(&L, sr, split, trim);

	/* 3. commit */
	if (L.st < 0)
		st = L.st;
	else if (L.errors)
		st = ARGRAPH_EPARSE;
	else
		st = S_commit(&L);
done:
	for (staged *sr = L.first; sr; sr = sr->next) {
		if (sr->r) {
			pcre2_code_free(sr->r->code);
			pcre2_code_free(sr->r->cue);
		}
	}
	pcre2_code_free(L.split);
	pcre2_code_free(L.trim);
	if (L.fm) {
		arena_release(&L.fm->mem);
		free(L.fm);
	}
	strmap_release(&L.ids);
	strmap_release(&L.def_names);
	strbuf_release(&L.defs);
	argraph_rules__pf_cache_free(L.pf_cache);
	strbuf_release(&L.full);
	strbuf_release(&L.called);
	strbuf_release(&L.inl);
	strbuf_release(&L.fac);
	free(L.defv);
	free(L.def_called);
	free(L.def_todo);
	strbuf_release(&L.msg);
	return st;
}

argraph_status argraph_rules_load_file(argraph_ruleset *rs, const char *path,
	argraph_diags *diags)
{
	argraph_pos pos = {path, 0, 0, NULL};
	char *buf = NULL;
	size_t len = 0;
	slurp_info info;

	if (!rs || !path)
		return ARGRAPH_EINVALID;
	/* a regular file only: a FIFO would block, a directory reads nothing */
	switch (slurp_file(path, RULES_MAX_FILE_BYTES, &buf, &len, &info)) {
	case SLURP_OK:
		break;
	case SLURP_OPEN:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "rules.io", &pos,
			"cannot open rule file: %s", strerror(info.err));
		return ARGRAPH_EIO;
	case SLURP_NOT_FILE:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "rules.io", &pos,
			"%s", slurp_file_type(info.mode));
		return ARGRAPH_EIO;
	case SLURP_TOO_BIG:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "rules.io", &pos,
			"rule file is larger than %u bytes", RULES_MAX_FILE_BYTES);
		return ARGRAPH_ETOOBIG;
	case SLURP_READ:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "rules.io", &pos,
			"cannot read rule file: %s", strerror(info.err));
		return ARGRAPH_EIO;
	case SLURP_NOMEM:
		return ARGRAPH_ENOMEM;
	}
	argraph_status st = argraph_rules_load_mem(rs, buf, len, path, diags);
	free(buf);
	return st;
}
