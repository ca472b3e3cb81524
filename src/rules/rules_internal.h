/* SPDX-License-Identifier: MIT */
/*
 * rules_internal.h — what the files of src/rules/ share: the ruleset and
 * rule records, the kind table, the PCRE2 bridge (compile.c), the matching
 * core (match.c) and the `expect` parser (rulefile.c).
 *
 * Invariants of a ruleset:
 *  - `rules` holds the live rules, ids unique (`by_id` maps id → index);
 *    `order` is the same rules sorted by priority (higher first), then index.
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
#include "../util/arena.h"
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

/* The arena of one loaded file (rule strings live there). */
typedef struct file_mem {
	arena mem;
	struct file_mem *next;
} file_mem;

struct argraph_ruleset {
	argraph_rule **rules;     /* live rules, load order */
	size_t nrules;
	argraph_rule **order;     /* the same, in matching order */
	strmap by_id;             /* id → index in rules */
	argraph_rule *retired;    /* replaced rules (list) */
	lang_conf *langs;         /* list */
	file_mem *files;          /* list */
	pcre2_match_context *mctx; /* match limit; read-only after new */
	pcre2_code *edge;         /* built-in: space/punctuation at both ends */
	uint32_t max_pairs;       /* ovector pairs the largest pattern needs */
	int use_jit;
	atomic_size_t limit_hits;
};

/* ---- PCRE2 bridge (compile.c) ---- */

/* Compile a pattern (UTF, UCP, NEVER_BACKSLASH_C, plus `extra` options) and
 * JIT it when rs->use_jit. On a pattern error returns ARGRAPH_EPARSE with
 * PCRE2's code and byte offset in *err and *erroff. */
argraph_status argraph_rules__compile(const argraph_ruleset *rs, const char *pat,
	size_t len, uint32_t extra, pcre2_code **out, int *err, size_t *erroff);
/* PCRE2's message for an error code (never NULL; buf holds it). */
const char *argraph_rules__error_text(int err, char *buf, size_t n);
/* Capture count + 1 of a compiled pattern. */
uint32_t argraph_rules__pairs(const pcre2_code *code);
/* Should this process JIT? (not under valgrind, not with ARGRAPH_NO_JIT) */
int argraph_rules__want_jit(void);

/* ---- matching core (match.c) ---- */

/* Run one rule over text; report matches to fn. md must have at least
 * r->pairs pairs. *stopped is set when fn asked to stop. Returns
 * ARGRAPH_ETOOBIG when a PCRE2 resource limit was hit (matches reported
 * until then stand; the caller decides whether to count it). */
argraph_status argraph_rules__run(const argraph_ruleset *rs, const argraph_rule *r,
	const char *text, size_t len, pcre2_match_data *md,
	argraph_rule_match_fn fn, void *user, int *stopped);
/* Language settings for a tag ("zh-Hans" → "zh"), or NULL. */
const lang_conf *argraph_rules__lang_find(const argraph_ruleset *rs, const char *lang);
/* Does tag `lang` select rules of primary subtag `rule_lang`? */
int argraph_rules__lang_matches(const char *rule_lang, const char *lang);
/* split/trim with explicit patterns (NULL: none); md as for run (or NULL
 * to make one). Return as the public calls; split returns SIZE_MAX on
 * out of memory. */
size_t argraph_rules__split_with(const argraph_ruleset *rs, const pcre2_code *split,
	const pcre2_code *trim, const char *text, size_t len,
	argraph_rule_span *items, size_t max);
void argraph_rules__trim_with(const argraph_ruleset *rs, const pcre2_code *trim,
	const char *text, size_t *begin, size_t *end);

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
