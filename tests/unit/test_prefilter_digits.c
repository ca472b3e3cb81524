/* SPDX-License-Identifier: MIT */
/*
 * test_prefilter_digits.c — \d in the literal prefilter (prefilter.c).
 * Patterns are compiled with PCRE2_UCP, so \d is any Unicode decimal digit
 * (\p{Nd}), and the prefilter reads it as a clause of the ASCII digits and
 * the (leading bytes of the) non-ASCII ones. Checked here against PCRE2's
 * own tables: for every code point that \d matches, a rule requiring \d
 * must run on a text whose only digit is that one; and a text with no
 * digit at all must turn such a rule away.
 */
#define _POSIX_C_SOURCE 200809L /* setenv (rule_diff.h) */
#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include "argraph/diag.h"
#include "argraph/rules.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rule_diff.h"
#include "util/utf8.h"

static size_t nmatch;

static int count(void *user, const argraph_rule_match *m)
{
	(void)user;
	(void)m;
	nmatch++;
	return 0;
}

/* Every character \d matches lets a rule that requires \d run. */
static void test_every_digit(void)
{
	argraph_ruleset *rs = load_string("language en\nrule d.digit hedge\n  pattern x\\dy\n", 1);
	int err;
	PCRE2_SIZE off;
	pcre2_code *d = pcre2_compile((PCRE2_SPTR) "^\\d$", PCRE2_ZERO_TERMINATED,
		PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	OK(d && md);
	size_t digits = 0, missed = 0;
	for (uint32_t cp = 0; d && md && cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char ch[4], text[8];
		size_t n = utf8_encode(cp, ch);
		if (pcre2_match(d, (PCRE2_SPTR)ch, n, 0, 0, md, NULL) < 0)
			continue;
		digits++;
		text[0] = 'x';
		memcpy(text + 1, ch, n);
		text[n + 1] = 'y';
		nmatch = 0;
		INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", text, n + 2, count, NULL),
			ARGRAPH_OK);
		if (nmatch != 1 && missed++ < 5)
			fprintf(stderr, "digit U+%04X: rule skipped\n", (unsigned)cp);
	}
	OK(digits >= 10 + 600); /* ASCII and Unicode 14's 650 others */
	INT_EQ(missed, 0);
	pcre2_match_data_free(md);
	pcre2_code_free(d);
	argraph_rules_free(rs);
}

/* A rule requiring \d (or a number word) does not run on a text without a
 * digit: seen by a pattern that hits the match limit whenever it runs. */
static void test_skip_without_digit(void)
{
	argraph_ruleset *rs = load_string("language en\nrule d.slow hedge\n"
		"  pattern (?:(?:a|aa)+)+(?:\\d|seven)\n", 1);
	char text[128];
	memset(text, 'a', 40);
	strcpy(text + 40, "b, full-width （） and “quotes” — no digit");
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", text, strlen(text), count, NULL),
		ARGRAPH_OK);
	INT_EQ(argraph_rules_limit_hits(rs), 0);
	/* a full-width digit far from the run of a's: the rule runs */
	strcpy(text + 40, "b ３");
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", text, strlen(text), count, NULL),
		ARGRAPH_OK);
	INT_EQ(argraph_rules_limit_hits(rs), 1);
	/* the number word, in another case */
	strcpy(text + 40, "b SEVEN");
	INT_EQ(argraph_rules_match(rs, ARGRAPH_RULE_NONE, "en", text, strlen(text), count, NULL),
		ARGRAPH_OK);
	INT_EQ(argraph_rules_limit_hits(rs), 2);
	argraph_rules_free(rs);
}

int main(void)
{
	test_every_digit();
	test_skip_without_digit();
	return TEST_DONE();
}
