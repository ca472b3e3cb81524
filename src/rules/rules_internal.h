/* SPDX-License-Identifier: MIT */
/*
 * rules_internal.h — what the files of src/rules/ share: the ruleset and
 * rule records, the kind table, the PCRE2 bridge (compile.c), the matching
 * core (match.c) and the `expect` parser (rulefile.c).
 *
 * Invariants of a ruleset:
 *  - `rules` holds the live rules, ids unique (`by_id` maps id → index);
 *    `order` is the same rules sorted by priority (higher first), then index.
 *  - `pf` is the prefilter of `order` (rule i of it is order[i]); each
 *    lang plan holds the rules of one lang, in the same order, with a
 *    prefilter of its own.
 *  - A replaced rule moves to the `retired` list and keeps its compiled
 *    pattern until argraph_rules_free(), so rule pointers never dangle.
 *  - Every string a rule holds lives in the arena of the file it came from;
 *    those arenas are owned by the ruleset (`files`).
 *  - After loading, nothing here is written except `limit_hits` (atomic):
 *    matching reads only, which makes it thread-safe.
 */
#ifndef ARGRAPH_RULES_INTERNAL_H
#define ARGRAPH_RULES_INTERNAL_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stdatomic.h>
#include <stdint.h>

#include "argraph/rules.h"
#include "rules_scratch.h"
#include "../util/arena.h"
#include "../util/strbuf.h"
#include "../util/strmap.h"

/* PCRE2 match limit for every rule, split and trim pattern. */
#define RULES_MATCH_LIMIT 1000000u
/* Largest rule file read. */
#define RULES_MAX_FILE_BYTES (16u * 1024 * 1024)

/* ---- the kind table (ruleset.c) ---- */

#define RULES_MAX_ALTS 2
typedef struct rule_kind_info {
	const char *name;
	/* Role names the pattern may use (NULL-terminated). */
	const char *allowed[ARGRAPH_RULES_MAX_ROLES];
	/* Required roles: the pattern must have every role of at least one
	 * row (rows are alternatives; each row is NULL-terminated). A kind
	 * whose first row is empty requires nothing. */
	const char *required[RULES_MAX_ALTS][4];
} rule_kind_info;

/* Table entry for k, or NULL for NONE / out of range. */
const rule_kind_info *argraph_rules__kind_info(argraph_rule_kind k);
/* Is `name` (n bytes) an allowed role of kind k? */
int argraph_rules__role_allowed(argraph_rule_kind k, const char *name, size_t n);

/* ---- records ---- */

typedef struct rule_role {
	const char *name; /* borrowed from the rule's file arena */
	uint32_t group;   /* capture group number */
	int is_list;
} rule_role;

struct argraph_rule {
	const char *id, *lang, *file;
	unsigned line;
	argraph_rule_kind kind;
	int priority;
	pcre2_code *code;        /* owned; freed with the ruleset */
	pcre2_code *cue;         /* owned, or NULL: must occur in a text for the rule to run */
	/* Required literals of the pattern (prefilter.c's serialized form, in
	 * the file arena), or NULL: nothing known. */
	const unsigned char *req;
	uint32_t pairs;          /* ovector pairs for code and cue */
	size_t role_count;
	rule_role roles[ARGRAPH_RULES_MAX_ROLES]; /* by group number */
	size_t index;            /* place in rs->rules (for sorting) */
	argraph_rule *next_retired;
};

/* Per-language settings from the `split` and `trim` lines. */
typedef struct lang_conf {
	char lang[16];        /* primary subtag, lower case */
	pcre2_code *split;    /* owned, or NULL */
	pcre2_code *trim;     /* owned, or NULL */
	struct lang_conf *next;
} lang_conf;

/* The literal prefilter of the live rules (prefilter.c). */
typedef struct rules_pf rules_pf;
typedef struct rules_pf_cache rules_pf_cache;

/* The rules one call runs, in matching order, with the prefilter of just
 * those rules (rule i of pf is rules[i]). A call in a lang runs only that
 * lang's rules: its plan's smaller automaton finds only their literals,
 * and rules of other langs cost nothing, not even a skip. */
typedef struct rules_plan {
	argraph_rule **rules; /* owned */
	size_t n;
	rules_pf *pf;         /* owned */
} rules_plan;

/* The arena of one loaded file (rule strings live there). */
typedef struct file_mem {
	arena mem;
	struct file_mem *next;
} file_mem;

struct argraph_ruleset {
	argraph_rule **rules;     /* live rules, load order */
	size_t nrules;
	argraph_rule **order;     /* the same, in matching order */
	const char **rule_langs;  /* the distinct langs of the rules */
	rules_plan *lang_plans;   /* one per rule_langs[j] */
	size_t nrule_langs;
	strmap by_id;             /* id → index in rules */
	argraph_rule *retired;    /* replaced rules (list) */
	lang_conf *langs;         /* list */
	file_mem *files;          /* list */
	pcre2_match_context *mctx; /* match limit; read-only after new */
	pcre2_code *edge;         /* built-in: space/punctuation at both ends */
	uint32_t max_pairs;       /* ovector pairs the largest pattern needs */
	rules_pf *pf;             /* owned, or NULL: required literals of rs->order */
	int use_pf;               /* use it (not with ARGRAPH_NO_PREFILTER) */
	int use_jit;
	int edge_all;             /* run the edge pattern on every span (tests) */
	atomic_size_t limit_hits;
};

/* ---- PCRE2 bridge (compile.c) ---- */

/* Compile a pattern (UTF, UCP, NEVER_BACKSLASH_C, plus `extra` options) and
 * JIT it when rs->use_jit. On a pattern error returns ARGRAPH_EPARSE with
 * PCRE2's code and byte offset in *err and *erroff. */
argraph_status argraph_rules__compile(const argraph_ruleset *rs, const char *pat,
	size_t len, uint32_t extra, pcre2_code **out, int *err, size_t *erroff);
/* The same, JIT-compiled only if jit (and rs->use_jit): a pattern that is
 * only checked, or JIT-compiled later with argraph_rules__jit(). */
argraph_status argraph_rules__compile_jit(const argraph_ruleset *rs, const char *pat,
	size_t len, uint32_t extra, int jit, pcre2_code **out, int *err, size_t *erroff);
/* JIT-compile code when rs->use_jit (a failure leaves the interpreter). */
void argraph_rules__jit(const argraph_ruleset *rs, pcre2_code *code);
/* PCRE2's message for an error code (never NULL; buf holds it). */
const char *argraph_rules__error_text(int err, char *buf, size_t n);
/* Capture count + 1 of a compiled pattern. */
uint32_t argraph_rules__pairs(const pcre2_code *code);
/* Is the speed-up that environment variable `env_name` names switched
 * off (the variable set to anything but "" or "0")? ARGRAPH_NO_JIT,
 * ARGRAPH_NO_PREFILTER, ARGRAPH_NO_INLINE (the file's defines inlined for
 * matching), ARGRAPH_NO_FACTOR (word lists factored): each changes no
 * result, and is there for comparing. */
int argraph_rules__switched_off(const char *env_name);
/* Should this process JIT? (not under valgrind, not with ARGRAPH_NO_JIT) */
int argraph_rules__want_jit(void);
/* One `define` of a rule file: offsets into the text holding the defines,
 * and its line (for messages). */
typedef struct rules_def {
	size_t name_off, name_len, body_off, body_len;
	unsigned line;
} rules_def;
/* Write into out (reset first) pattern `pat` with every (?&_name) call of
 * the defines d[0..nd) replaced by the define's body, when that is exactly
 * equivalent to compiling pat + (?(DEFINE)…) with options `extra` (the
 * conditions are in compile.c). Returns 1 if written, 0 if the DEFINE form
 * must be kept, -1 on allocation failure. */
int argraph_rules__inline(strbuf *out, const char *pat, size_t len,
	uint32_t extra, const char *defs, const rules_def *d, size_t nd);
/* The index after the character class starting at s[i] == '[', or 0 when
 * it holds what the scanners here do not follow (\Q, \E, POSIX [:…:]). */
size_t argraph_rules__class_end(const char *s, size_t n, size_t i);
/* Write into out (reset first) pattern `pat`, compiled with options
 * `extra`, with its alternations of words factored by their first letters
 * (factor.c says which rewrites, all exactly equivalent). Returns 1 if
 * written with a change, 0 if there is nothing to factor or the pattern
 * holds what factor.c does not follow, -1 on allocation failure. */
int argraph_rules__factor(strbuf *out, const char *pat, size_t len, uint32_t extra);

/* ---- matching core (match.c) ---- */

/* One PCRE2 match of code over text from off, as every match here runs:
 * the JIT's machine code when there is some, else the interpreter; once
 * more by the interpreter if the JIT runs out of stack; no UTF check (the
 * texts are valid UTF-8); the ruleset's match limits. PCRE2's result. */
int argraph_rules__exec(const argraph_ruleset *rs, const pcre2_code *code,
	const char *text, size_t len, size_t off, uint32_t opts, pcre2_match_data *md);
/* The plan argraph_rules_match() runs for `lang`: the plan of the rule
 * language the tag selects, NULL when it selects none; without a tag
 * (NULL), every rule, written into *all. */
const rules_plan *argraph_rules__plan(const argraph_ruleset *rs, const char *lang,
	rules_plan *all);
/* Run one rule over text; report matches to fn. md must have at least
 * r->pairs pairs. *stopped is set when fn asked to stop. Returns
 * ARGRAPH_ETOOBIG when a PCRE2 resource limit was hit (matches reported
 * until then stand; the caller decides whether to count it). */
argraph_status argraph_rules__run(const argraph_ruleset *rs, const argraph_rule *r,
	const char *text, size_t len, pcre2_match_data *md,
	argraph_rule_match_fn fn, void *user, int *stopped);
/* The plans of the langs langs[0..nlangs) (plan j: the rules of order[0..n)
 * whose lang is langs[j], in that order), into *out. */
argraph_status argraph_rules__plans_build(rules_plan **out, argraph_rule *const *order,
	size_t n, const char *const *langs, size_t nlangs);
/* NULL does nothing. */
void argraph_rules__plans_free(rules_plan *plans, size_t nlangs);
/* Language settings for a tag ("zh-Hans" → "zh"), or NULL. */
const lang_conf *argraph_rules__lang_find(const argraph_ruleset *rs, const char *lang);
/* Does tag `lang` select rules of primary subtag `rule_lang`? */
int argraph_rules__lang_matches(const char *rule_lang, const char *lang);
/* split/trim with explicit patterns (NULL: none); md as for run (or NULL
 * to make one). Return as the public calls; split returns SIZE_MAX on
 * out of memory. */
size_t argraph_rules__split_with(const argraph_ruleset *rs, const pcre2_code *split,
	const pcre2_code *trim, const char *text, size_t len,
	argraph_rule_span *items, size_t max, argraph_rules__scratch *scratch);
void argraph_rules__trim_with(const argraph_ruleset *rs, const pcre2_code *trim,
	const char *text, size_t *begin, size_t *end, argraph_rules__scratch *scratch);
/* Could the built-in edge pattern (ruleset.c) cut anything off [b, e) of
 * text? 0 only when it certainly cannot: it cuts white space and
 * punctuation at the very ends, and the span starts and ends with an
 * ASCII letter or digit or a character of U+4000–U+9FFF. */
int argraph_rules__edge_may_cut(const char *text, size_t b, size_t e);

/* ---- the literal prefilter (prefilter.c) ---- */

/* Literals beyond this many (over all rules) are not looked for; a
 * clause naming one is dropped, so its rule runs as if it had none. */
#define ARGRAPH_RULES_PF_MAX_LITS 2048
/* uint64_t words of the per-call bitset of found literals */
#define ARGRAPH_RULES_PF_WORDS (ARGRAPH_RULES_PF_MAX_LITS / 64)

/* Required literals of a pattern (with its defines appended, as compiled;
 * `options` as given to argraph_rules__compile, only PCRE2_CASELESS is
 * read): every text the pattern matches contains, for each clause, one of
 * the clause's literals (ASCII letters folded to lower case). Serialized
 * as: clause count, then per clause its literal count, then per literal
 * its length and bytes. NULL: nothing known (or out of memory, which only
 * loses speed). Allocated in mem. *cache (made on first use; NULL: none)
 * keeps what the defines require between the patterns of one file: only
 * valid while the defines keep their bodies, i.e. within one load. */
const unsigned char *argraph_rules__required(arena *mem, const char *pat,
	size_t len, uint32_t options, rules_pf_cache **cache);
void argraph_rules__pf_cache_free(rules_pf_cache *c);
/* Build the prefilter of rules[0..n) (rule i is index i). */
argraph_status argraph_rules__pf_build(rules_pf **out, argraph_rule *const *rules, size_t n);
void argraph_rules__pf_free(rules_pf *pf);
/* Does the rule of this index have a requirement at all? Only the
 * tests ask (test_prefilter.c: how many rules the prefilter can skip). */
int argraph_rules__pf_has_req(const rules_pf *pf, size_t rule_index);
/* Find which literals occur in text: found has ARGRAPH_RULES_PF_WORDS words. */
void argraph_rules__pf_scan(const rules_pf *pf, const char *text, size_t len,
	uint64_t *found);
/* The same by the plain algorithm (every position looked up): for tests. */
void argraph_rules__pf_scan_ref(const rules_pf *pf, const char *text, size_t len,
	uint64_t *found);
/* Are the rule's clauses all met by the found literals? (1 without a
 * prefilter or a requirement.) */
int argraph_rules__pf_pass(const rules_pf *pf, size_t rule_index, const uint64_t *found);
/* Are the rule's clauses all met in text[0..len)? A scan of the text, for
 * a rule that has clauses (1 for one without, or without a prefilter).
 * The analyser counts look-arounds as taking no text, so a literal it
 * requires is one a match consumes: a match found from offset e meets the
 * clauses within text[e..), and where they are not met there, no further
 * match can be (match.c asks this after each match). */
int argraph_rules__pf_met_in(const rules_pf *pf, size_t rule_index, const char *text, size_t len);
/* pf_pass of the rules first … first+63 at once: bit k is
 * pf_pass(pf, first + k, found). Fastest with first a multiple of 64. */
uint64_t argraph_rules__pf_pass64(const rules_pf *pf, size_t first, const uint64_t *found);

/* ---- the `expect` syntax (rulefile.c; the tests use it for spec files) ---- */

typedef struct rules_expect_pair {
	const char *role;  /* not NUL-terminated */
	size_t role_len;
	const char *text;  /* not NUL-terminated; `|` separates list items */
	size_t text_len;
	size_t offset;     /* byte offset of the pair in the parsed string */
} rules_expect_pair;

/* Parse `role=text role="text with = or leading spaces" …`. A new pair
 * starts where white space is followed by `name=`. Returns the number of
 * pairs (at most max are stored), or -1 with *err_at set to the byte
 * offset of a syntax error. */
int argraph_rules__parse_expect(const char *s, size_t n, rules_expect_pair *out,
	size_t max, size_t *err_at);

#endif
