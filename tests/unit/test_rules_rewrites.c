/* SPDX-License-Identifier: MIT */
/*
 * test_rules_rewrites.c — rewrites of the bundled rules made for speed
 * must not change what any rule matches. Each rewrite is undone here by a
 * text substitution on the rule file, and the old and the new file give
 * exactly the same matches (rule, span, roles) on every line of the spec
 * files, the rule files (so every example and counterexample) and the
 * bundled TEI texts, and on runs of 8 lines joined.
 *
 * The rewrites:
 * - zh: (?&_advs) for (?&_adv)*, i.e. (?:(?=[first characters])(?&_adv)+)?
 * - en: _subj_end starts with (?=\s) (every use is followed by \s+).
 * - en.fact.statistic, en.fact.number, zh.fact.statistic,
 *   zh.fact.date, zh.fact.number start with a look-ahead for the
 *   characters their alternatives start with.
 * When a rewrite is taken out of the rule file, take it out here too: the
 * test checks that each substitution still finds its text.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/diag.h"
#include "argraph/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rule_diff.h"
#include "util/strbuf.h"

static const char *srcdir = ".";

/* s with every `from` replaced by `to`; *count gets how many. */
static char *replace(const char *s, const char *from, const char *to, size_t *count)
{
	strbuf b = {0};
	size_t fl = strlen(from);
	*count = 0;
	for (const char *p = s, *q; ; p = q + fl) {
		q = strstr(p, from);
		if (!q) {
			strbuf_puts(&b, p);
			break;
		}
		strbuf_append(&b, p, (size_t)(q - p));
		strbuf_puts(&b, to);
		(*count)++;
	}
	char *r = malloc(b.len + 1);
	if (r)
		memcpy(r, strbuf_cstr(&b), b.len + 1);
	strbuf_release(&b);
	return r;
}

static argraph_ruleset *load(const char *zh, const char *en)
{
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	OK(argraph_rules_new(&rs) == ARGRAPH_OK);
	argraph_diags_new(&d);
	INT_EQ(argraph_rules_load_mem(rs, zh, strlen(zh), "zh.rules", d), ARGRAPH_OK);
	INT_EQ(argraph_rules_load_mem(rs, en, strlen(en), "en.rules", d), ARGRAPH_OK);
	argraph_diags_print(d, stderr);
	argraph_diags_free(d);
	return rs;
}

static void test_same(void)
{
	size_t zl, el, nz, ne;
	char *zh = test_slurp_in(srcdir, "rules/zh.rules", &zl), *en = test_slurp_in(srcdir, "rules/en.rules", &el);
	if (!zh || !en)
		return;
	char *zh_old = replace(zh, "(?&_advs)", "(?&_adv)*", &nz);
	char *en_old = replace(en, "define _subj_end (?=\\s)(?i:", "define _subj_end (?i:", &ne);
	OK(nz >= 10); /* the patterns that call it */
	INT_EQ(ne, 1);
	static const char *const gates[][2] = {
		{"en", "pattern (?=[\\dpPnNrR])(?<statistic>"},
		{"en", "pattern (?=\\d|(?i:[bdefhmnst]))(?<number>"},
		{"zh", "pattern (?=[\\d百])(?<statistic>"},
		{"zh", "pattern (?=[12十二])(?<date>"},
		{"zh", "pattern (?=[\\d三四五六七八九十百千一二两])(?<number>"},
	};
	for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++) {
		char **old = gates[i][0][0] == 'e' ? &en_old : &zh_old;
		const char *from = gates[i][1];
		char to[128];
		snprintf(to, sizeof to, "pattern %s", strstr(from, "(?<"));
		size_t k;
		char *r = replace(*old, from, to, &k);
		INT_EQ(k, 1);
		free(*old);
		*old = r;
	}
	argraph_ruleset *a = load(zh_old, en_old), *b = load(zh, en);
	compare_bundled(a, b, srcdir);
	INT_EQ(differed, 0);
	OK(compared > 1000);
	OK(matched > 500);
	argraph_rules_free(a);
	argraph_rules_free(b);
	free(zh);
	free(en);
	free(zh_old);
	free(en_old);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_same();
	return TEST_DONE();
}
