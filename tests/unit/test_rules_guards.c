/* SPDX-License-Identifier: MIT */
/*
 * test_rules_guards.c — the first-character guards of the bundled rules
 * let every word of their group through.
 *
 * A rule may start a group of words with a look-ahead for the characters
 * those words start with, (?=[认指…])(?:认为|指出|…), so that PCRE2 passes
 * at once a position where none starts (docs/rules.md). The guard is only
 * a speed-up while it lists the first character of every word: a word
 * added to the group without its first character in the guard would never
 * match, silently (an `example` catches it only if there is one for that
 * word). This test finds every such guard in the rule files (rules/) and works out
 * the first characters of the group after it: literal words, (?:…) and
 * (?i:…) groups, calls of defines (?&name), optional pieces (? and *:
 * what follows them may start the word too), look-behinds (skipped); any
 * other construct at the start of a word makes the guard uncheckable,
 * which fails too, so a new guard must be written in a form this test
 * understands. Negated guards (?=[^…]) are not word lists and are checked
 * by test_rules_rewrites' old-against-new comparison instead.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/utf8.h"

static const char *srcdir = ".";

enum { MAX_SET = 512, MAX_DEFINES = 256, MAX_DEPTH = 16 };

typedef struct cpset {
	size_t n;
	unsigned long cp[MAX_SET];
} cpset;

typedef struct defines {
	size_t n;
	const char *name[MAX_DEFINES];
	size_t name_len[MAX_DEFINES];
	const char *body[MAX_DEFINES]; /* up to the end of its line */
} defines;

static void set_add(cpset *s, unsigned long cp)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->cp[i] == cp)
			return;
	if (s->n < MAX_SET)
		s->cp[s->n++] = cp;
}

static int set_has(const cpset *s, unsigned long cp)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->cp[i] == cp)
			return 1;
	return 0;
}

/* The code point at *p (UTF-8), *p moved past it. */
static unsigned long next_cp(const char **p)
{
	size_t i = 0, n = strlen(*p);
	unsigned long cp = utf8_next(*p, n, &i);
	*p += i;
	return cp;
}

/* The next '|' of this group's level after p, or the ')' that closes the
 * group; NULL when the line ends first. Escapes, character classes and
 * inner groups are stepped over whole. */
static const char *next_stop(const char *p)
{
	int level = 0, in_class = 0;
	for (; *p && *p != '\n'; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (in_class) {
			if (*p == ']')
				in_class = 0;
		} else if (*p == '[') {
			in_class = 1;
			if (p[1] == ']')
				p++;
		} else if (*p == '(') {
			level++;
		} else if (*p == ')') {
			if (level-- == 0)
				return p;
		} else if (*p == '|' && level == 0) {
			return p;
		}
	}
	return NULL;
}

/* Past the group that starts at p ('('), or NULL when it does not close
 * on this line. */
static const char *group_end(const char *p)
{
	for (p++; (p = next_stop(p)) != NULL; p++)
		if (*p == ')')
			return p + 1;
	return NULL;
}

static const char *find_define(const defines *d, const char *name, size_t len)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->name_len[i] == len && strncmp(d->name[i], name, len) == 0)
			return d->body[i];
	return NULL;
}

static int group_firsts(const defines *d, const char *p, int caseless, int depth, cpset *out);

/* The characters a word (one alternative, starting at p) can start with,
 * added to out; 0 when p starts with something this test cannot read. */
static int seq_firsts(const defines *d, const char *p, int caseless, int depth, cpset *out)
{
	if (depth > MAX_DEPTH)
		return 0;
	for (;;) {
		if (strncmp(p, "(?<=", 4) == 0 || strncmp(p, "(?<!", 4) == 0
		    || (strncmp(p, "(?=[", 4) == 0 && p[4] != '^')) {
			/* zero-width: a look-behind, or a guard (checked on its own) */
			if (!(p = group_end(p)))
				return 0;
			continue;
		}
		if (strncmp(p, "(?&", 3) == 0) {
			const char *name = p + 3, *close = strchr(name, ')');
			const char *body = close ? find_define(d, name, (size_t)(close - name)) : NULL;
			if (!body || close[1] == '?' || close[1] == '*')
				return 0;
			return seq_firsts(d, body, caseless, depth + 1, out);
		}
		if (*p == '(') {
			const char *end = group_end(p);
			if (!end || *end == '{' || !group_firsts(d, p, caseless, depth + 1, out))
				return 0;
			if (*end != '?' && *end != '*')
				return 1;
			p = end + 1; /* optional: the word may also start after it */
			continue;
		}
		unsigned long cp;
		if (*p == '\\') {
			if (!p[1] || (p[1] >= 'A' && p[1] <= 'Z') || (p[1] >= 'a' && p[1] <= 'z')
			    || (p[1] >= '0' && p[1] <= '9'))
				return 0; /* \d, \s, \b …: not a literal */
			cp = (unsigned char)p[1];
			p += 2;
		} else if (strchr("[.^$|)*+?{", *p)) {
			return 0;
		} else {
			cp = next_cp(&p);
		}
		if (*p == '{')
			return 0;
		set_add(out, cp);
		if (caseless && cp < 128 && ((cp | 32) >= 'a' && (cp | 32) <= 'z'))
			set_add(out, cp ^ 32);
		if (*p != '?' && *p != '*')
			return 1;
		p++; /* optional: the word may also start after it */
	}
}

/* The characters the group at p ("(?:", "(?i:") can start with. */
static int group_firsts(const defines *d, const char *p, int caseless, int depth, cpset *out)
{
	if (strncmp(p, "(?:", 3) == 0)
		p += 3;
	else if (strncmp(p, "(?i:", 4) == 0)
		p += 4, caseless = 1;
	else
		return 0;
	/* each alternative at this level */
	for (;;) {
		if (!seq_firsts(d, p, caseless, depth, out) || !(p = next_stop(p)))
			return 0;
		if (*p == ')')
			return 1;
		p++;
	}
}

/* The guard's class [..] at p (after "(?=["): literal characters only;
 * 0 when it has an escape or a range (not a word list's guard). */
static int read_class(const char *p, cpset *out, const char **end)
{
	while (*p && *p != ']' && *p != '\n') {
		if (*p == '\\' || (*p == '-' && p[1] != ']'))
			return 0;
		set_add(out, next_cp(&p));
	}
	if (*p != ']' || p[1] != ')')
		return 0;
	*end = p + 2;
	return 1;
}

/* Check every guard in the rule file text; returns how many guards were
 * checked, and counts problems in *problems (printed). */
static size_t check_text(const char *file, const char *text, size_t *problems)
{
	defines d = {0};
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (strncmp(l, "define ", 7) != 0 || d.n == MAX_DEFINES)
			continue;
		const char *name = l + 7, *sp = strchr(name, ' ');
		if (!sp)
			continue;
		d.name[d.n] = name;
		d.name_len[d.n] = (size_t)(sp - name);
		d.body[d.n++] = sp + 1;
	}
	size_t checked = 0, line = 1;
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL, line++) {
		const char *s = l;
		while (*s == ' ')
			s++;
		if (strncmp(s, "define ", 7) != 0 && strncmp(s, "pattern ", 8) != 0)
			continue;
		for (const char *g = strstr(s, "(?=["); g && g < strchr(s, '\n'); g = strstr(g + 4, "(?=[")) {
			cpset guard = {0}, firsts = {0};
			const char *after;
			if (g[4] == '^' || !read_class(g + 4, &guard, &after))
				continue;
			if (strncmp(after, "(?:", 3) != 0 && strncmp(after, "(?i:", 4) != 0
			    && strncmp(after, "(?&", 3) != 0)
				continue; /* not a guard on a group of words */
			checked++;
			if (!seq_firsts(&d, after, 0, 0, &firsts)) {
				fprintf(stderr, "%s:%zu: the group after the guard cannot be read by this test\n",
					file, line);
				(*problems)++;
				continue;
			}
			for (size_t i = 0; i < firsts.n; i++) {
				if (set_has(&guard, firsts.cp[i]))
					continue;
				char u[8] = {0};
				utf8_encode((uint32_t)firsts.cp[i], u);
				fprintf(stderr, "%s:%zu: a word of the group starts with '%s', which its guard does not let through\n",
					file, line, u);
				(*problems)++;
			}
		}
	}
	return checked;
}

/* The checker itself: it finds a missing first character, through a
 * define and a caseless group, and accepts a complete guard. */
static void test_checker(void)
{
	size_t problems = 0;
	INT_EQ(check_text("t", "define _v (?=[认指])(?:认为|指出)\n", &problems), 1);
	INT_EQ(problems, 0);
	problems = 0;
	INT_EQ(check_text("t", "define _v (?=[认])(?:认为|指出)\n", &problems), 1);
	INT_EQ(problems, 1);
	problems = 0;
	check_text("t", "define _w (?:认为|指出)\n  pattern (?=[认说])(?&_w)\n", &problems);
	INT_EQ(problems, 1);
	problems = 0;
	check_text("t", "define _x (?=[eE])(?i:et|vs)\n", &problems);
	INT_EQ(problems, 2); /* v and V */
	problems = 0;
	check_text("t", "define _y (?=[ab])(?:a|(?:b|c))\n", &problems);
	INT_EQ(problems, 1);
	problems = 0;
	check_text("t", "define _z (?=[ab])(?:a|b?c)\n", &problems);
	INT_EQ(problems, 1); /* c, after the optional b */
	problems = 0;
	check_text("t", "define _o (?=[ab在很])(?:a|(?:在)?很|b)\n", &problems);
	INT_EQ(problems, 0);
	problems = 0;
	check_text("t", "define _u (?=[ab])(?:a|\\d)\n", &problems);
	INT_EQ(problems, 1); /* cannot be read: \d is not a literal */
	problems = 0;
	INT_EQ(check_text("t", "define _n (?=[^ab])(?:c)\n  pattern (?=[\\d百])(?<n>x)\n", &problems), 0);
	INT_EQ(problems, 0);
}

static void test_bundled(void)
{
	static const char *const files[] = {"rules/zh.rules", "rules/en.rules"};
	size_t checked = 0;
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		size_t len, problems = 0;
		char *text = test_slurp_in(srcdir, files[i], &len);
		OK(text != NULL);
		if (!text)
			continue;
		checked += check_text(files[i], text, &problems);
		INT_EQ(problems, 0);
		free(text);
	}
	/* zh: _advs, _rv, _pv, _lead_v, the three verb groups; en: _cw, _rv, _v_lead */
	OK(checked >= 10);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_checker();
	test_bundled();
	return TEST_DONE();
}
