/* SPDX-License-Identifier: MIT */
/*
 * ruleset.c — the kind table, and the ruleset's life cycle and accessors.
 *
 * The kind table is the one place that says which roles (named groups) a
 * rule of each kind may and must have; the loader checks every pattern
 * against it. Everything else about rules is data in rules/<lang>.rules.
 */
#include "rules_internal.h"

#include <stdlib.h>
#include <string.h>

static const rule_kind_info kinds[ARGRAPH_RULE__COUNT] = {
	[ARGRAPH_RULE_NONE] = {0},
	[ARGRAPH_RULE_CAUSE] = {"cause",
		{"cause", "effect", NULL}, {{"cause", "effect", NULL}}},
	[ARGRAPH_RULE_REPORT] = {"report",
		{"claim", "asserter", NULL}, {{"claim", NULL}}},
	[ARGRAPH_RULE_THESIS] = {"thesis",
		{"claim", NULL}, {{"claim", NULL}}},
	[ARGRAPH_RULE_HEDGE] = {"hedge",
		{NULL}, {{NULL}}},
	[ARGRAPH_RULE_CONTRAST] = {"contrast",
		{"claim", NULL}, {{NULL}}},
	[ARGRAPH_RULE_AGREEMENT] = {"agreement",
		{"asserter", NULL}, {{NULL}}},
	[ARGRAPH_RULE_PREDICTION] = {"prediction",
		{"claim", "asserter", NULL}, {{"claim", NULL}}},
	/* An author-year citation, or a numeric marker. */
	[ARGRAPH_RULE_CITATION] = {"citation",
		{"author", "year", "marker", NULL},
		{{"author", "year", NULL}, {"marker", NULL}}},
	/* A checkable fact: a number, a statistic, a date, a superlative. The
	 * role a pattern fills says which; a pattern with no role states a
	 * fact of no particular type. */
	[ARGRAPH_RULE_FACT] = {"fact",
		{"number", "statistic", "date", "superlative", NULL}, {{NULL}}},
};

_Static_assert(sizeof kinds / sizeof kinds[0] == ARGRAPH_RULE__COUNT,
	"rule kind table must cover every kind");

const rule_kind_info *argraph_rules__kind_info(argraph_rule_kind k)
{
	return k > ARGRAPH_RULE_NONE && k < ARGRAPH_RULE__COUNT ? &kinds[k] : NULL;
}

int argraph_rules__role_allowed(argraph_rule_kind k, const char *name, size_t n)
{
	const rule_kind_info *ki = argraph_rules__kind_info(k);
	for (size_t i = 0; ki && i < ARGRAPH_RULES_MAX_ROLES && ki->allowed[i]; i++)
		if (strlen(ki->allowed[i]) == n && memcmp(ki->allowed[i], name, n) == 0)
			return 1;
	return 0;
}

const char *argraph_rule_kind_name(argraph_rule_kind k)
{
	const rule_kind_info *ki = argraph_rules__kind_info(k);
	return ki ? ki->name : NULL;
}

argraph_rule_kind argraph_rule_kind_from_name(const char *name)
{
	for (int k = 1; name && k < ARGRAPH_RULE__COUNT; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return (argraph_rule_kind)k;
	return ARGRAPH_RULE_NONE;
}

/* Letters, digits, white space and punctuation at both ends of a text,
 * except what a factor text may legitimately end or start with: %, quotes
 * and the like (balanced brackets and quotes are dealt with in match.c).
 * \z, not $: $ would also match before a final newline. */
static const char edge_pattern[] =
	"^(?:[\\s\\p{Pd}\\p{Pe}\\p{Pf}]|(?![%\"'#&*@/\\\\])\\p{Po})+"
	"|(?:[\\s\\p{Pd}\\p{Ps}\\p{Pi}]|(?![%\"'#&*@/\\\\])\\p{Po})+\\z";

argraph_status argraph_rules_new(argraph_ruleset **out)
{
	argraph_status st = ARGRAPH_OK;
	argraph_ruleset *rs = NULL;
	uint32_t utf = 0;
	int err;
	size_t off;

	*out = NULL;
	if (pcre2_config(PCRE2_CONFIG_UNICODE, &utf) < 0 || !utf)
		return ARGRAPH_ERROR;
	if (!(rs = calloc(1, sizeof *rs)))
		return ARGRAPH_ENOMEM;
	atomic_init(&rs->limit_hits, 0);
	rs->use_jit = argraph_rules__want_jit();
	rs->use_pf = !argraph_rules__switched_off("ARGRAPH_NO_PREFILTER");
	if (!(rs->mctx = pcre2_match_context_create(NULL))) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	pcre2_set_match_limit(rs->mctx, RULES_MATCH_LIMIT);
	st = argraph_rules__compile(rs, edge_pattern, sizeof edge_pattern - 1, 0,
		&rs->edge, &err, &off);
	if (st == ARGRAPH_EPARSE)
		st = ARGRAPH_ERROR; /* our own pattern: cannot happen */
	if (st < 0)
		goto done;
	rs->max_pairs = argraph_rules__pairs(rs->edge);
	*out = rs;
	rs = NULL;
done:
	argraph_rules_free(rs);
	return st;
}

void argraph_rules_free(argraph_ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nrules; i++) {
		pcre2_code_free(rs->rules[i]->code);
		pcre2_code_free(rs->rules[i]->cue);
	}
	for (argraph_rule *r = rs->retired; r; r = r->next_retired) {
		pcre2_code_free(r->code);
		pcre2_code_free(r->cue);
	}
	for (lang_conf *c = rs->langs, *next; c; c = next) {
		next = c->next;
		pcre2_code_free(c->split);
		pcre2_code_free(c->trim);
		free(c);
	}
	/* Rules live in the file arenas: release those last. */
	for (file_mem *f = rs->files, *next; f; f = next) {
		next = f->next;
		arena_release(&f->mem);
		free(f);
	}
	free(rs->rules);
	free(rs->order);
	free(rs->rule_langs);
	argraph_rules__plans_free(rs->lang_plans, rs->nrule_langs);
	argraph_rules__pf_free(rs->pf);
	strmap_release(&rs->by_id);
	pcre2_code_free(rs->edge);
	pcre2_match_context_free(rs->mctx);
	free(rs);
}

size_t argraph_rules_count(const argraph_ruleset *rs)
{
	return rs ? rs->nrules : 0;
}

const argraph_rule *argraph_rules_at(const argraph_ruleset *rs, size_t i)
{
	return rs && i < rs->nrules ? rs->rules[i] : NULL;
}

const argraph_rule *argraph_rules_find(const argraph_ruleset *rs, const char *id)
{
	if (!rs || !id)
		return NULL;
	size_t i = strmap_get(&rs->by_id, id);
	return i < rs->nrules ? rs->rules[i] : NULL;
}

size_t argraph_rules_limit_hits(const argraph_ruleset *rs)
{
	return rs ? atomic_load_explicit(&rs->limit_hits, memory_order_relaxed) : 0;
}

const char *argraph_rule_get_id(const argraph_rule *r) { return r ? r->id : NULL; }
argraph_rule_kind argraph_rule_get_kind(const argraph_rule *r) { return r ? r->kind : ARGRAPH_RULE_NONE; }
const char *argraph_rule_get_lang(const argraph_rule *r) { return r ? r->lang : NULL; }
const char *argraph_rule_get_file(const argraph_rule *r) { return r ? r->file : NULL; }
unsigned argraph_rule_get_line(const argraph_rule *r) { return r ? r->line : 0; }
int argraph_rule_get_priority(const argraph_rule *r) { return r ? r->priority : 0; }

int argraph_rule_role_is_list(const argraph_rule *r, const char *role)
{
	for (size_t i = 0; r && role && i < r->role_count; i++)
		if (strcmp(r->roles[i].name, role) == 0)
			return r->roles[i].is_list;
	return 0;
}
