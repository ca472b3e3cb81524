/* SPDX-License-Identifier: MIT */
/*
 * rules.h — cue rules: the data that says which sentences state causes,
 * report someone's claim, state the paper's own thesis, hedge, contest,
 * agree, predict, cite, or state a checkable fact (a number, a statistic,
 * a date, a superlative). Rules live in text files (rules/<lang>.rules;
 * the format is in docs/rules.md) and are compiled once with PCRE2 (8-bit,
 * UTF + UCP, JIT when available). A rule is an id, a kind, a pattern whose
 * named groups are the roles of the kind (cause, effect, claim, asserter …),
 * and examples that are checked every time the file is loaded.
 *
 * Ownership: an argraph_ruleset owns every rule and every string it
 * returns; they are borrowed and valid until argraph_rules_free(). A rule
 * that is replaced by a later load (same id) stays allocated until then,
 * so an argraph_rule pointer never dangles while its ruleset lives.
 *
 * Threads: loading (argraph_rules_load_*) changes the ruleset and must not
 * run at the same time as anything else on it. Once loading is finished,
 * argraph_rules_match(), argraph_rules_split(), argraph_rules_trim() and the
 * accessors only read the ruleset: each call makes its own PCRE2 match data,
 * so any number of threads may use one ruleset at once. The limit-hit
 * counter is updated atomically.
 */
#ifndef ARGRAPH_RULES_H
#define ARGRAPH_RULES_H

#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct argraph_ruleset argraph_ruleset;
typedef struct argraph_rule argraph_rule;

/** Rule kinds. Rule files use the names, never the numbers. */
typedef enum argraph_rule_kind {
	ARGRAPH_RULE_NONE = 0,
	ARGRAPH_RULE_CAUSE,      /**< "cause": roles cause, effect (both required) */
	ARGRAPH_RULE_REPORT,     /**< "report": claim (required), asserter */
	ARGRAPH_RULE_THESIS,     /**< "thesis": claim (required) — the paper's own voice */
	ARGRAPH_RULE_HEDGE,      /**< "hedge": no roles */
	ARGRAPH_RULE_CONTRAST,   /**< "contrast": claim */
	ARGRAPH_RULE_AGREEMENT,  /**< "agreement": asserter */
	ARGRAPH_RULE_PREDICTION, /**< "prediction": claim (required), asserter */
	ARGRAPH_RULE_CITATION,   /**< "citation": author + year, or marker */
	ARGRAPH_RULE_FACT,       /**< "fact": a checkable fact; optional roles number, statistic, date, superlative */
	ARGRAPH_RULE__COUNT
} argraph_rule_kind;

/** Name of a kind ("cause", …); NULL for NONE or out of range. */
ARGRAPH_API const char *argraph_rule_kind_name(argraph_rule_kind k);
/** Kind for a name; ARGRAPH_RULE_NONE if unknown (or NULL). */
ARGRAPH_API argraph_rule_kind argraph_rule_kind_from_name(const char *name);

/**
 * Make an empty ruleset.
 *
 * JIT compilation is used unless the process runs under valgrind or the
 * environment variable ARGRAPH_NO_JIT is set (JIT code gives valgrind false
 * reports); the choice is made here, once.
 *
 * *Ownership:* the caller frees *out with argraph_rules_free().
 * *Errors:* ARGRAPH_ENOMEM; ARGRAPH_ERROR if PCRE2 lacks UTF support.
 */
ARGRAPH_API argraph_status argraph_rules_new(argraph_ruleset **out);
/** Free the ruleset and every rule in it. NULL is fine. */
ARGRAPH_API void argraph_rules_free(argraph_ruleset *rs);

/**
 * Load a rule file and add its rules.
 *
 * Every error in the file is reported (as `file:line:col`, codes
 * "rules.syntax", "rules.encoding", "rules.language", "rules.kind",
 * "rules.pattern", "rules.role", "rules.duplicate", "rules.example"), not
 * just the first. Loading is all or nothing: if there was any error,
 * nothing from the file is added. A rule whose id is already in the ruleset
 * replaces the old one, in the old one's place (that is how a user's file
 * overrides a bundled rule); a file's `split` and `trim` replace those of
 * its language.
 *
 * @param rs the ruleset
 * @param path the file; also the file name in diagnostics
 * @param diags receives the problems (may be NULL)
 * @return ARGRAPH_OK; ARGRAPH_EIO if the file cannot be read;
 *         ARGRAPH_ETOOBIG if it is over 16 MiB; ARGRAPH_EPARSE if it has
 *         any error; ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_rules_load_file(argraph_ruleset *rs,
	const char *path, argraph_diags *diags);
/**
 * argraph_rules_load_file() on every `*.rules` file of directory `dir`,
 * in byte order of their names (so a later file's rule of the same id
 * replaces an earlier one's, whatever the file system lists first);
 * stops at the first file that fails.
 * @return ARGRAPH_OK; ARGRAPH_EIO (diagnostic "rules.io") if `dir` cannot
 *         be opened; else as argraph_rules_load_file() for the file that
 *         failed; ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_rules_load_dir(argraph_ruleset *rs,
	const char *dir, argraph_diags *diags);
/**
 * As argraph_rules_load_file(), from memory. `name` is the file name used
 * in diagnostics and by argraph_rule_get_file() (NULL gives "<memory>").
 */
ARGRAPH_API argraph_status argraph_rules_load_mem(argraph_ruleset *rs,
	const char *buf, size_t len, const char *name, argraph_diags *diags);

/** Number of rules (replaced rules are not counted). */
ARGRAPH_API size_t argraph_rules_count(const argraph_ruleset *rs);
/** Rule i in load order (a replacing rule takes the old one's place); NULL if out of range. */
ARGRAPH_API const argraph_rule *argraph_rules_at(const argraph_ruleset *rs, size_t i);
/** Rule with this id, or NULL. */
ARGRAPH_API const argraph_rule *argraph_rules_find(const argraph_ruleset *rs, const char *id);
/**
 * How many times a rule was skipped for a text because PCRE2 hit a
 * resource limit (match limit 1,000,000; depth, heap, JIT stack), since the
 * ruleset was made. Thread-safe.
 */
ARGRAPH_API size_t argraph_rules_limit_hits(const argraph_ruleset *rs);

/* Accessors; strings are borrowed from the ruleset. */
ARGRAPH_API const char *argraph_rule_get_id(const argraph_rule *r);
ARGRAPH_API argraph_rule_kind argraph_rule_get_kind(const argraph_rule *r);
/** Primary language subtag of the rule's file, lower case ("zh", "en"). */
ARGRAPH_API const char *argraph_rule_get_lang(const argraph_rule *r);
/** File the rule came from, as given to the loader. */
ARGRAPH_API const char *argraph_rule_get_file(const argraph_rule *r);
/** 1-based line of the rule's `rule` line. */
ARGRAPH_API unsigned argraph_rule_get_line(const argraph_rule *r);
/** Priority (higher runs first; default 0). */
ARGRAPH_API int argraph_rule_get_priority(const argraph_rule *r);
/** Does rule r declare `role` as a list (split with the language's `split`)? */
ARGRAPH_API int argraph_rule_role_is_list(const argraph_rule *r, const char *role);

/** Most role groups a match can carry (no kind has more than three). */
#define ARGRAPH_RULES_MAX_ROLES 8

/** A byte span [begin, end) of the text passed in, with the role it fills. */
typedef struct argraph_rule_span {
	const char *role; /**< role name, borrowed from the rule; NULL for split items */
	size_t begin, end;
} argraph_rule_span;

/** One match of one rule. */
typedef struct argraph_rule_match {
	const argraph_rule *rule;
	size_t begin, end;  /**< the whole match, bytes */
	size_t span_count;  /**< role groups that took part in the match */
	argraph_rule_span spans[ARGRAPH_RULES_MAX_ROLES]; /**< in pattern order */
} argraph_rule_match;

/** Called once per match; return non-zero to stop. `m` is valid during the call only. */
typedef int (*argraph_rule_match_fn)(void *user, const argraph_rule_match *m);

/**
 * Run rules over text[0, len).
 *
 * Runs every rule of `kind` (ARGRAPH_RULE_NONE: all kinds) whose language
 * matches `lang` ("zh" and "zh-Hans" both select rules of "zh"; case does
 * not matter; NULL selects all languages), in priority order (higher
 * first) and then load order. For each rule, every non-overlapping match is
 * reported left to right; a pattern that matches the empty string does not
 * loop (the next try may not be empty at the same place). A rule that hits
 * a PCRE2 resource limit on this text is skipped for it and counted (see
 * argraph_rules_limit_hits()); matches it reported before that stand. A
 * rule whose required literals (derived from its pattern when it was
 * loaded) do not occur in the text cannot match and is not run at all
 * (docs/rules.md, "The literal prefilter").
 *
 * `text` must be valid UTF-8 (the TEI reader guarantees it): it is matched
 * with PCRE2_NO_UTF_CHECK, so that iterating over matches stays linear.
 *
 * Thread-safe on a loaded ruleset (match data is made per call).
 *
 * @return ARGRAPH_OK (also when the callback stopped early);
 *         ARGRAPH_EINVALID for a bad kind or a NULL text with len > 0;
 *         ARGRAPH_ENOMEM; ARGRAPH_ERROR for an unexpected PCRE2 failure.
 */
ARGRAPH_API argraph_status argraph_rules_match(const argraph_ruleset *rs,
	argraph_rule_kind kind, const char *lang, const char *text, size_t len,
	argraph_rule_match_fn fn, void *user);

/**
 * Split a list role's text into items at the language's `split` pattern
 * (separators inside brackets or quotes do not count), then trim each item
 * as argraph_rules_trim() does; empty items are dropped. With no `split`
 * for the language (or lang NULL), the whole trimmed text is one item.
 *
 * @param items receives byte spans of `text` (role NULL)
 * @return the number of items written (at most max). Thread-safe.
 */
ARGRAPH_API size_t argraph_rules_split(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t len, argraph_rule_span *items, size_t max);

/**
 * Trim a factor text: white space and punctuation at both ends (but not
 * balanced brackets or quotes, nor %), then the language's `trim` pattern,
 * repeated until nothing changes. [*begin, *end) are byte offsets into
 * `text` and are narrowed in place. Thread-safe.
 */
ARGRAPH_API void argraph_rules_trim(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t *begin, size_t *end);

#ifdef __cplusplus
}
#endif
#endif
