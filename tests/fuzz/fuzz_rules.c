/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules.c — the rule-file loader on arbitrary bytes, then the rules
 * it accepted on a few sentences.
 *
 * The first byte chooses the options: bit 0 loads a small base file first
 * (so the input's rules replace rules of the same id, and its split/trim
 * replace the base's); bit 1 also matches the input's own text when it is
 * valid UTF-8. The rest is the rule file. A load is all or nothing: a
 * refused file must leave the ruleset exactly as it was.
 */
#include "fuzz_common.h"

#include "util/utf8.h"

static const char base_rules[] =
	"language zh\n"
	"split (?:、|与|和|及)\n"
	"trim ^(?:的|了)|(?:的|了)$\n"
	"rule zh.base.cause cause\n"
	"  pattern (?<effect>[^，。]+?)是(?<cause>[^，。]+?)共同作用的结果\n"
	"  list cause\n"
	"  example 联盟的存续是内部与外部因素共同作用的结果。\n"
	"  expect effect=联盟的存续 cause=内部|外部因素\n"
	"rule zh.base.report report\n"
	"  pattern (?<asserter>\\p{Han}{2,4})认为(?<claim>[^。]+)\n";

static const char *const sentences[][2] = {
	{"zh", "联盟的存续是多种因素共同作用的结果。张三认为联盟将会解体。"},
	{"zh", "由于威胁消失，所以联盟需要转型（汉斯·摩根索，1948）。"},
	{"en", "Alliances persist because institutions lower the cost of cooperation."},
	{"en", "Waltz (1979) argues that alliances dissolve once the threat is gone [1, 2]."},
	{"en", "We argue that NATO survived; however, it may fail."},
	{NULL, ""},
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

typedef struct match_check {
	size_t len;
	size_t count;
} match_check;

static int on_match(void *user, const argraph_rule_match *m)
{
	match_check *mc = user;
	FUZZ_CHECK(m->rule != NULL);
	FUZZ_CHECK(m->begin <= m->end && m->end <= mc->len);
	FUZZ_CHECK(m->span_count <= ARGRAPH_RULES_MAX_ROLES);
	for (size_t i = 0; i < m->span_count; i++)
		FUZZ_CHECK(m->spans[i].begin <= m->spans[i].end && m->spans[i].end <= mc->len);
	return ++mc->count > 200; /* enough: stop this rule's loop */
}

static void run_rules(const argraph_ruleset *rs, const char *lang, const char *text, size_t len)
{
	match_check mc = {len, 0};
	argraph_status st = argraph_rules_match(rs, ARGRAPH_RULE_NONE, lang, text, len, on_match, &mc);
	FUZZ_CHECK(st == ARGRAPH_OK || st == ARGRAPH_ENOMEM);
	argraph_rule_span items[16];
	size_t n = argraph_rules_split(rs, lang, text, len, items, 16);
	FUZZ_CHECK(n <= 16);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(items[i].begin <= items[i].end && items[i].end <= len);
	size_t b = 0, e = len;
	argraph_rules_trim(rs, lang, text, &b, &e);
	FUZZ_CHECK(b <= e && e <= len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	argraph_ruleset *rs = NULL;
	argraph_diags *diags = NULL;
	if (argraph_rules_new(&rs) != ARGRAPH_OK || argraph_diags_new(&diags) != ARGRAPH_OK)
		goto done;
	if (data[0] & 1)
		FUZZ_CHECK(argraph_rules_load_mem(rs, base_rules, strlen(base_rules), "base.rules",
			diags) == ARGRAPH_OK);
	size_t before = argraph_rules_count(rs);
	argraph_status st = argraph_rules_load_mem(rs, (const char *)data + 1, size - 1,
		"fuzz.rules", diags);
	fuzz_check_diags(diags);
	if (st != ARGRAPH_OK) {
		/* all or nothing, and never silent */
		FUZZ_CHECK(argraph_rules_count(rs) == before);
		FUZZ_CHECK(st == ARGRAPH_ENOMEM
			|| argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) > 0);
	} else {
		FUZZ_CHECK(argraph_diags_count_at_least(diags, ARGRAPH_SEV_ERROR) == 0);
	}
	for (size_t i = 0; i < argraph_rules_count(rs); i++) {
		const argraph_rule *r = argraph_rules_at(rs, i);
		FUZZ_CHECK(argraph_rule_get_id(r) && argraph_rule_get_lang(r));
		FUZZ_CHECK(argraph_rules_find(rs, argraph_rule_get_id(r)) != NULL);
	}
	for (size_t i = 0; sentences[i][0]; i++)
		run_rules(rs, sentences[i][0], sentences[i][1], strlen(sentences[i][1]));
	if ((data[0] & 2) && utf8_valid((const char *)data + 1, size - 1)
	    && !memchr(data + 1, 0, size - 1)) {
		run_rules(rs, "zh", (const char *)data + 1, size - 1);
		run_rules(rs, "en", (const char *)data + 1, size - 1);
	}
done:
	argraph_rules_free(rs);
	argraph_diags_free(diags);
	return 0;
}
