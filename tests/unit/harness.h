/* SPDX-License-Identifier: MIT */
/*
 * harness.h — a tiny test harness (one header, no framework): checks count
 * failures instead of aborting, so one run shows every broken check, and
 * main() ends with TEST_DONE(), which prints "N passed, M failed" and
 * returns non-zero on failure (ctest reads the exit code).
 */
#ifndef ARGRAPH_TEST_HARNESS_H
#define ARGRAPH_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define TEST_HAVE_VALGRIND_H 1
#endif
#endif

static int test_passed, test_failed;

#define OK(cond) do { \
	if (cond) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define INT_EQ(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s == %lld, expected %lld\n", \
		__FILE__, __LINE__, #got, g_, w_); } \
} while (0)

#define STR_EQ(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && strcmp(g_, w_) == 0) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s is \"%s\", expected \"%s\"\n", \
		__FILE__, __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)

#define STR_CONTAINS(hay, needle) do { \
	const char *h_ = (hay), *n_ = (needle); \
	if (h_ && n_ && strstr(h_, n_)) test_passed++; \
	else { test_failed++; fprintf(stderr, "%s:%d: FAILED: %s does not contain \"%s\"\n", \
		__FILE__, __LINE__, #hay, n_ ? n_ : "(null)"); } \
} while (0)

/* The whole file at `path`, NUL-terminated (*len: its length), to free();
 * NULL when it cannot be read. One reader for every test's fixtures. */
static inline char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* test_slurp of dir/rel, counted as a check (a fixture must be there). */
static inline char *test_slurp_in(const char *dir, const char *rel, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	char *s = test_slurp(path, len);
	OK(s != NULL);
	return s;
}

/* Running under valgrind? There the rules run on PCRE2's interpreter (JIT
 * code gives false reports) and everything is some 50 times slower, so a
 * test whose bulk is many random cases may run fewer of them: valgrind is
 * there to find memory errors and leaks, which a sample finds; the full
 * count runs in the ASan build, where the differential checks count. */
static inline int test_under_valgrind(void)
{
#ifdef TEST_HAVE_VALGRIND_H
	return RUNNING_ON_VALGRIND != 0;
#else
	return 0;
#endif
}

/* Generated test inputs: a small deterministic generator (xorshift64),
 * the same sequence on every run and machine. test_seed() picks the
 * sequence (a test that wants its own calls it first); test_rnd(n) is in
 * [0, n). */
static inline unsigned long long *test_rng(void)
{
	static unsigned long long state = 0x9E3779B97F4A7C15ull;
	return &state;
}

static inline void test_seed(unsigned long long seed)
{
	*test_rng() = seed ? seed : 1; /* xorshift stays at 0 from 0 */
}

static inline unsigned test_rnd(unsigned n)
{
	unsigned long long *s = test_rng();
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (unsigned)(*s % n);
}

/* The TEI document in xml[0..len) (read with the default options), or
 * NULL after a failed check and the reader's diagnostics on stderr. */
static inline argraph_doc *test_read_tei(const char *xml, size_t len, const char *name)
{
	argraph_doc *doc = NULL;
	argraph_diags *d = NULL;
	if (argraph_diags_new(&d) != ARGRAPH_OK)
		return NULL;
	argraph_tei_read_mem(&doc, xml, len, name, NULL, d);
	OK(doc != NULL);
	if (!doc)
		argraph_diags_print(d, stderr);
	argraph_diags_free(d);
	return doc;
}

#define TEST_DONE() ( \
	printf("%s: %d passed, %d failed\n", __FILE__, test_passed, test_failed), \
	test_failed ? 1 : 0)

#endif
