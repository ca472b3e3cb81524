/* SPDX-License-Identifier: MIT */
/*
 * rules_scratch.h — per-thread scratch for matching: the PCRE2 match data
 * that argraph_rules_match(), argraph_rules_trim() and
 * argraph_rules_split() otherwise make and free on every call. A caller
 * that makes many calls (the extractor: one per sentence, one per factor)
 * keeps one scratch and passes it; the calls give exactly what the public
 * ones give. A scratch belongs to one thread at a time; the ruleset stays
 * shared and read-only.
 *
 * Ownership: a scratch is the caller's (argraph_rules__scratch_free), and
 * may serve several rulesets in turn (it grows to the largest pattern).
 */
#ifndef ARGRAPH_RULES_SCRATCH_H
#define ARGRAPH_RULES_SCRATCH_H

#include <stddef.h>

#include "argraph/rules.h"

typedef struct argraph_rules__scratch argraph_rules__scratch;

/* A new, empty scratch (its match data is made on first use). */
argraph_status argraph_rules__scratch_new(argraph_rules__scratch **out);
/* NULL does nothing. */
void argraph_rules__scratch_free(argraph_rules__scratch *s);

/* argraph_rules_match() with the scratch's match data. */
argraph_status argraph_rules__match_s(const argraph_ruleset *rs,
	argraph_rule_kind kind, const char *lang, const char *text, size_t len,
	argraph_rule_match_fn fn, void *user, argraph_rules__scratch *s);
/* argraph_rules_trim() with the scratch's match data. */
void argraph_rules__trim_s(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t *begin, size_t *end, argraph_rules__scratch *s);
/* argraph_rules_split() with the scratch's match data. */
size_t argraph_rules__split_s(const argraph_ruleset *rs, const char *lang,
	const char *text, size_t len, argraph_rule_span *items, size_t max,
	argraph_rules__scratch *s);

#endif
