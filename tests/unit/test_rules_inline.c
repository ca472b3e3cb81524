/* SPDX-License-Identifier: MIT */
/*
 * test_rules_inline.c — matching with the file's defines inlined into
 * each pattern (compile.c, argraph_rules__inline) must give exactly the
 * matches of the DEFINE form (ARGRAPH_NO_INLINE=1):
 *  - the inliner's output, and its "no" for every condition it refuses
 *    (recursion, captures, \K, verbs, back references, other options,
 *    calls of non-defines, expansions too large); literal "(?&_a)" text
 *    is left alone;
 *  - case: a subroutine runs with the i option of the DEFINE group (the
 *    compile options, `flags caseless`, and an unscoped top-level (?i)),
 *    not the call site's: checked by matching, both forms, small files;
 *  - without inlining, a pattern's code holds the defines it calls
 *    (through other defines too) and no others;
 *  - the bundled rule files: every rule's matches (rule, span, roles) on
 *    the spec files, the rule files, the bundled TEI texts, with and
 *    without inlining, and most of the rules really are inlined.
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

/* Defines "name body" pairs → the text and table argraph_rules__inline
 * takes; then inline pat. Returns its result; *out gets the text. */
static int inline_with(const char *const *defs, size_t nd, const char *pat, uint32_t flags,
	strbuf *out)
{
	strbuf text = {0};
	rules_def d[64];
	for (size_t i = 0; i < nd; i++) {
		const char *sp = strchr(defs[i], ' ');
		d[i].name_off = text.len;
		d[i].name_len = (size_t)(sp - defs[i]);
		strbuf_puts(&text, defs[i]);
		d[i].body_off = d[i].name_off + d[i].name_len + 1;
		d[i].body_len = strlen(sp + 1);
	}
	int r = argraph_rules__inline(out, pat, strlen(pat), flags, text.data, d, nd);
	strbuf_release(&text);
	return r;
}

static void test_inliner(void)
{
	static const char *const defs[] = {
		"_w abc", "_v x(?&_w)y", "_r a(?&_r)?b", "_cap (x)y", "_named (?<_z>x)",
		"_k a\\Kb", "_acc a(*ACCEPT)", "_bref (?:a)\\1",
	};
	const size_t nd = sizeof defs / sizeof defs[0];
	strbuf out = {0};

	/* plain, nested, quantified */
	INT_EQ(inline_with(defs, nd, "(?&_w)*?z(?&_v)", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?:abc)*?z(?:x(?:abc)y)");
	/* literal text is not a call */
	INT_EQ(inline_with(defs, nd, "\\Q(?&_w)\\E[(?&_w)]\\((?&_w)", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "\\Q(?&_w)\\E[(?&_w)]\\((?:abc)");
	/* the pattern's own captures and lookarounds are fine */
	INT_EQ(inline_with(defs, nd, "(?<cause>(?&_w))(?<=c)(x)", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?<cause>(?:abc))(?<=c)(x)");

	/* case: the body keeps the DEFINE group's i state */
	INT_EQ(inline_with(defs, nd, "(?i:(?&_w))(?&_w)", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?i:(?-i:abc))(?:abc)");
	INT_EQ(inline_with(defs, nd, "(?-i:(?&_w))(?&_w)", PCRE2_CASELESS, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?-i:(?i:abc))(?:abc)");
	/* an unscoped top-level (?i) reaches the DEFINE group at the end … */
	INT_EQ(inline_with(defs, nd, "(?&_w)(?i)x", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?i:abc)(?i)x");
	/* … one inside a group does not; it lasts across | to the group's end */
	INT_EQ(inline_with(defs, nd, "(?:(?i)a|(?&_w))(?&_w)", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?:(?i)a|(?-i:abc))(?:abc)");

	/* refused: recursion, captures, \K, verbs, back references, other
	 * options, calls of non-defines, group numbers */
	static const char *const no[] = {
		"(?&_r)", "(?&_cap)", "(?&_named)", "(?&_k)", "(?&_acc)", "(?&_bref)",
		"(?&_w)(?x)", "(?s:(?&_w))", "(?^)(?&_w)", "(?&nope)", "(?<n>a)(?&n)",
		"(?&_w)\\k<_w>", "(?&_w)\\1", "(?&_w)(?1)", "(?&_w)(?R)", "(?&_w)(?(1)a)",
		"(*UCP)(?&_w)", "(?&_w)(?|a)", "(?&_w)[[:alpha:]]", "(?&_w", "(?&_w))",
	};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		int r = inline_with(defs, nd, no[i], 0, &out);
		if (r != 0)
			fprintf(stderr, "inlined, should not be: %s\n", no[i]);
		INT_EQ(r, 0);
	}

	/* Defines that call each other twice over: 2^40 bytes if expanded;
	 * refused after a bounded amount of work, scanning included. */
	char chain[40][32];
	const char *cv[40];
	snprintf(chain[0], sizeof chain[0], "_d0 a");
	for (int i = 1; i < 40; i++)
		snprintf(chain[i], sizeof chain[i], "_d%d (?&_d%d)(?&_d%d)", i, i - 1, i - 1);
	for (int i = 0; i < 40; i++)
		cv[i] = chain[i];
	INT_EQ(inline_with(cv, 40, "(?&_d39)", 0, &out), 0);
	INT_EQ(inline_with(cv, 40, "(?&_d3)", 0, &out), 1);
	STR_EQ(strbuf_cstr(&out), "(?:(?:(?:(?:a)(?:a))(?:(?:a)(?:a)))(?:(?:(?:a)(?:a))(?:(?:a)(?:a))))");
	strbuf_release(&out);
}

/* Whether code has a named group whose name starts with _: a define's
 * group, which the DEFINE form of a pattern that calls a define holds and
 * the inlined form does not (an inlined body has no named groups). */
static int has_define_group(const pcre2_code *code)
{
	uint32_t count = 0, size = 0;
	PCRE2_SPTR table = NULL;
	pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++)
		if (table[(size_t)i * size + 2] == '_')
			return 1;
	return 0;
}

/* How many of rs's rules are matched in a DEFINE form (with a define
 * group). */
static size_t not_inlined(const argraph_ruleset *rs)
{
	size_t n = 0;
	for (size_t i = 0; i < rs->nrules; i++)
		n += has_define_group(rs->rules[i]->code);
	return n;
}

/* Case at the call site vs at the DEFINE group, matched in both forms. */
static void test_case(void)
{
	static const char file[] =
		"language en\n"
		"define _w abc\n"
		"define _r a(?&_r)?b\n"
		"rule en.t.scoped_i thesis\n"
		"  pattern (?i:x(?&_w))(?<claim>y)\n"
		"rule en.t.scoped_not_i thesis\n"
		"  flags caseless\n"
		"  pattern (?-i:x(?&_w))(?<claim>y)\n"
		"rule en.t.top_i thesis\n"
		"  pattern p(?&_w)(?<claim>q)(?i)r\n"
		"rule en.t.branch thesis\n"
		"  pattern (?:(?i)s|t(?&_w))(?<claim>u)\n"
		"rule en.t.rec thesis\n"
		"  pattern (?<claim>(?&_r))\n";
	static const char text[] =
		"xabcy\nXABCY\nxABCy\nXabcy\nXABCy\n"
		"pabcqr\npABCqR\nPABCQR\npabcqR\n"
		"tabcu\ntABCu\nSabcu\nTabcu\ntabcU\n"
		"aabb\nab\naab\n";
	argraph_ruleset *a, *b;
	if (!compare_switched(file, "ARGRAPH_NO_INLINE", text, sizeof text - 1, 8, &a, &b))
		return;
	/* every rule calls a define; all but the recursive one are inlined */
	INT_EQ(not_inlined(a), 5);
	INT_EQ(not_inlined(b), 1);
	argraph_rules_free(a);
	argraph_rules_free(b);
}

/* 1 if rule `id` of rs has a group named `name`. */
static int has_group(const argraph_ruleset *rs, const char *id, const char *name)
{
	const argraph_rule *r = argraph_rules_find(rs, id);
	OK(r != NULL);
	return r && pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)name) > 0;
}

/* Without inlining, a pattern is compiled with the defines it calls,
 * directly or through other defines, and no others (rulefile.c, S_calls):
 * the defines that are not called are not in its code, and the ones
 * called through another are (else it would not compile). The matches
 * are those of the inlined form. */
static void test_define_form(void)
{
	static const char file[] =
		"language en\n"
		"define _a x\n"
		"define _b (?&_a)y\n"
		"define _c (?&_b)z\n"
		"define _unused q\n"
		"define _other (?&_unused)r\n"
		"rule en.t.chain thesis\n"
		"  pattern (?<claim>(?&_c)+)\n"
		"rule en.t.named thesis\n"
		"  pattern (?<claim>w)(?P>_b)\\g<_a>\n"
		"rule en.t.none thesis\n"
		"  pattern (?<claim>[_]v)\n";
	static const char text[] = "xyz\nxyzxyz\nwxyx\nwxy\n_v\nv\nqr\n";
	argraph_ruleset *a, *b;
	if (!compare_switched(file, "ARGRAPH_NO_INLINE", text, sizeof text - 1, 4, &a, &b))
		return;
	OK(has_group(a, "en.t.chain", "_c") && has_group(a, "en.t.chain", "_b")
	   && has_group(a, "en.t.chain", "_a"));
	OK(!has_group(a, "en.t.chain", "_unused") && !has_group(a, "en.t.chain", "_other"));
	OK(has_group(a, "en.t.named", "_b") && has_group(a, "en.t.named", "_a"));
	OK(!has_group(a, "en.t.named", "_c"));
	const argraph_rule *none = argraph_rules_find(a, "en.t.none");
	OK(none && !has_define_group(none->code));
	argraph_rules_free(a);
	argraph_rules_free(b);
}

static void test_bundled(void)
{
	argraph_ruleset *a = load_bundled_with(srcdir, "ARGRAPH_NO_INLINE");
	argraph_ruleset *b = load_bundled_with(srcdir, NULL);
	differed = compared = matched = 0;
	compare_bundled(a, b, srcdir);
	INT_EQ(differed, 0);
	OK(compared > 1000);
	OK(matched > 500);
	/* Every bundled rule is matched in the inlined form: none keeps a
	 * define group, where without inlining the rules that call defines
	 * (most of them) do. */
	size_t def_a = not_inlined(a), def_b = not_inlined(b);
	fprintf(stderr, "rules: %zu; in a DEFINE form: %zu without inlining, %zu with\n",
		b->nrules, def_a, def_b);
	OK(def_a > b->nrules / 2);
	INT_EQ(def_b, 0);
	argraph_rules_free(a);
	argraph_rules_free(b);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_inliner();
	test_case();
	test_define_form();
	test_bundled();
	return TEST_DONE();
}
