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
#include <string.h>

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

#define TEST_DONE() ( \
	printf("%s: %d passed, %d failed\n", __FILE__, test_passed, test_failed), \
	test_failed ? 1 : 0)

#endif
