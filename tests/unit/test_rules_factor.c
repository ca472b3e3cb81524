/* SPDX-License-Identifier: MIT */
/*
 * test_rules_factor.c — the matching form with word lists factored
 * (factor.c, argraph_rules__factor) must give exactly the matches of the
 * unfactored form (ARGRAPH_NO_FACTOR=1):
 *  - the factorer's output on small patterns, worked out by hand, and its
 *    "nothing done" for every case it must leave alone (barriers, letters
 *    that meet under caseless matching, lookbehinds, branch resets,
 *    unscoped options, quantified letters, what it does not follow);
 *  - caseless sets: small rule files matched both ways on texts with the
 *    characters whose case folding crosses ASCII (Kelvin sign, long s);
 *  - the bundled rule files: every rule's matches on the bundled texts and
 *    on 20,000 generated texts, factored and not, and the factored form is
 *    really in use for most rules.
 */
#define _POSIX_C_SOURCE 200809L /* setenv, unsetenv */
#include "argraph/diag.h"
#include "argraph/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rule_diff.h"
#include "rules/rules_internal.h"
#include "util/strbuf.h"

static const char *srcdir = ".";

/* The factored form of pat, or "-" when the factorer leaves it alone. */
static const char *factored(const char *pat, uint32_t flags)
{
	static strbuf out;
	int r = argraph_rules__factor(&out, pat, strlen(pat), flags);
	INT_EQ(r >= 0, 1);
	return r == 1 ? strbuf_cstr(&out) : "-";
}

static void test_factorer(void)
{
	/* common first letters, then the rest; order inside a branch kept */
	STR_EQ(factored("(?i:argues?|argued|claims?|claimed|asserts?|asserted)", 0),
		"(?i:a(?:rgue(?:s?|d)|ssert(?:s?|ed))|claim(?:s?|ed))");
	STR_EQ(factored("on|onto|of", 0), "o(?:n(?:|to)|f)");
	STR_EQ(factored("ab|ab", 0), "ab(?:|)");
	/* a later word comes up across words with other first letters */
	STR_EQ(factored("ab|cd|ae", 0), "a(?:b|e)|cd");
	/* CJK ideographs are literals (no case) */
	STR_EQ(factored("导致|造成|引发|引起|致使", 0), "导致|造成|引(?:发|起)|致使");
	/* inside groups of every factorable kind, quantified or not */
	STR_EQ(factored("(?:cat|car)+|(?<n>dog|dot)", 0), "(?:ca(?:t|r))+|(?<n>do(?:g|t))");
	STR_EQ(factored("(?=xa|xb)(?!ya|yb)(?>za|zb)(wa|wb)", 0),
		"(?=x(?:a|b))(?!y(?:a|b))(?>z(?:a|b))(w(?:a|b))");
	/* the common run stops before a quantified letter or a non-literal */
	STR_EQ(factored("abc?|abd", 0), "ab(?:c?|d)");
	STR_EQ(factored("a\\sb|a\\sc", 0), "a(?:\\sb|\\sc)");
	/* an unscoped option inside a group of its own does not stop the outer one */
	STR_EQ(factored("ab(?:(?i)x)|ac", 0), "a(?:b(?:(?i)x)|c)");

	/* barriers: nothing moves across them */
	STR_EQ(factored("ab|\\sx|ac", 0), "-");
	STR_EQ(factored("ab|[xy]|ac", 0), "-");
	STR_EQ(factored("ab|(?:x)|ac", 0), "-");
	STR_EQ(factored("ab||ac", 0), "-");
	STR_EQ(factored("ab|x?|ac", 0), "-");
	/* letters that meet under caseless matching are a barrier too */
	STR_EQ(factored("ab|Ac|ad", 0), "-");
	STR_EQ(factored("(?i:ab|Ac|ad)", 0), "-");
	/* quantified letters are not literals; escapes are not either */
	STR_EQ(factored("x{2}|xy", 0), "-");
	STR_EQ(factored("a*b|a*c", 0), "-");
	STR_EQ(factored("\\x41b|\\x41c", 0), "-");
	STR_EQ(factored("\\.a|\\.b", 0), "-");
	/* lookbehinds (fixed length per branch) and anything inside one */
	STR_EQ(factored("(?<=ab|ac)x", 0), "-");
	STR_EQ(factored("(?<!x(?:ab|ac))y", 0), "-");
	/* branch reset groups; an unscoped option in a branch lasts to the end */
	STR_EQ(factored("(?|ab|ac)", 0), "-");
	STR_EQ(factored("a(?i)b|ac", 0), "-");
	/* what the scanner does not follow: the whole pattern is left alone */
	STR_EQ(factored("\\Qab\\E|ab|ac", 0), "-");
	STR_EQ(factored("(a)\\1|ab|ac", 0), "-");
	STR_EQ(factored("(*UTF)ab|ac", 0), "-");
	STR_EQ(factored("(?x)ab|ac", 0), "-");
	STR_EQ(factored("(?(1)ab|ac)", 0), "-");
	STR_EQ(factored("(?&n)|ab|ac", 0), "-");
	STR_EQ(factored("[[:alpha:]]|ab|ac", 0), "-");
	STR_EQ(factored("a\\Kb|ac", 0), "-");
	STR_EQ(factored("ab|ac", PCRE2_EXTENDED), "-");
	/* nesting deeper than the scanner follows (128 groups) */
	{
		strbuf deep = {0};
		for (int i = 0; i < 130; i++)
			strbuf_puts(&deep, "(?:");
		strbuf_puts(&deep, "ab|ac");
		for (int i = 0; i < 130; i++)
			strbuf_putc(&deep, ')');
		STR_EQ(factored(strbuf_cstr(&deep), 0), "-");
		/* and factoring levels: 130 words, each the one before and a letter */
		strbuf_reset(&deep);
		for (int w = 1; w <= 130; w++) {
			if (w > 1)
				strbuf_putc(&deep, '|');
			for (int k = 0; k < w; k++)
				strbuf_putc(&deep, (char)('a' + k % 26));
		}
		STR_EQ(factored(strbuf_cstr(&deep), 0), "-");
		strbuf_release(&deep);
	}
	/* a caseless compile is fine: the rewrites do not depend on case */
	STR_EQ(factored("ab|ac", PCRE2_CASELESS), "a(?:b|c)");
}

/* Is code a compiled to other bytes than code b? */
static int differs(const pcre2_code *a, const pcre2_code *b)
{
	uint8_t *ea = NULL, *eb = NULL;
	PCRE2_SIZE na = 0, nb = 0;
	OK(pcre2_serialize_encode(&a, 1, &ea, &na, NULL) == 1);
	OK(pcre2_serialize_encode(&b, 1, &eb, &nb, NULL) == 1);
	int d = na != nb || !ea || !eb || memcmp(ea, eb, na) != 0;
	pcre2_serialize_free(ea);
	pcre2_serialize_free(eb);
	return d;
}

/* How many rules of a and b were compiled to different code: the
 * factored form is in use where they differ. */
static size_t rewritten(const argraph_ruleset *a, const argraph_ruleset *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nrules && i < b->nrules; i++)
		n += differs(a->rules[i]->code, b->rules[i]->code);
	return n;
}

/* Word lists under caseless matching, in all the ways a rule gets it,
 * matched on words written with K (U+212A) and long s (U+017F); and lists
 * where a wrong move would change the match. */
static void test_matching(void)
{
	static const char file[] =
		"language en\n"
		"define _w (?i:kin|sin|kit|sit|skin|Kiss)\n"
		"rule en.t.flag thesis\n"
		"  flags caseless\n"
		"  pattern (?<claim>(?:kin|sin|kit|sit|skin|kiss))\\b\n"
		"rule en.t.scoped thesis\n"
		"  pattern \\b(?<claim>(?&_w))\\b\n"
		"rule en.t.sensitive thesis\n"
		"  pattern \\b(?<claim>(?:Kin|kin|Sin|sin|kit|KIT|sit))\\b\n"
		/* a barrier, and a letter that meets another one caselessly: moving
		 * ac up would change the match on "acx" */
		"rule en.t.barrier thesis\n"
		"  pattern \\b(?<claim>(?:ab|\\w+|ac))\n"
		"rule en.t.meet thesis\n"
		"  pattern \\b(?<claim>(?i:ab|A\\w+|ac))\n";
	static const char text[] =
		"kin sin kit sit skin kiss\nKIN SIN KIT SIT SKIN KISS\n"
		"\xE2\x84\xAAin \xC5\xBFin \xE2\x84\xAAit \xC5\xBFit \xC5\xBF\xE2\x84\xAAin "
		"\xE2\x84\xAAi\xC5\xBF\xC5\xBF\n"
		"Kin kIn sIN Kit kit KIT Sit\n"
		"acx abx\n";
	argraph_ruleset *a, *b;
	if (!compare_switched(file, "ARGRAPH_NO_FACTOR", text, sizeof text - 1, 20, &a, &b))
		return;
	INT_EQ(rewritten(a, b), 3); /* the last two are left alone */
	argraph_rules_free(a);
	argraph_rules_free(b);
}

static void test_bundled(void)
{
	argraph_ruleset *a = load_bundled_with(srcdir, "ARGRAPH_NO_FACTOR");
	argraph_ruleset *b = load_bundled_with(srcdir, NULL);
	differed = compared = matched = 0;
	compare_bundled(a, b, srcdir);
	compare_generated(a, b, srcdir, 20000, 0xfac7);
	INT_EQ(differed, 0);
	OK(compared > 20000);
	OK(matched > 5000);
	size_t n = rewritten(a, b);
	fprintf(stderr, "rules: %zu, matched in a factored form: %zu\n", b->nrules, n);
	OK(n * 2 > b->nrules);
	argraph_rules_free(a);
	argraph_rules_free(b);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_factorer();
	test_matching();
	test_bundled();
	return TEST_DONE();
}
