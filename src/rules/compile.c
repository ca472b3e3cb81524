/* SPDX-License-Identifier: MIT */
/*
 * compile.c — the rules module's bridge to PCRE2's compiler: every pattern
 * (rule, split, trim, and the built-in edge trimmer) is compiled here, with
 * the same options, and JIT-compiled when that is wanted.
 *
 * Options: UTF (patterns and texts are UTF-8), UCP (\w, \d, \s and \b
 * follow Unicode, so full-width digits and CJK count), NEVER_BACKSLASH_C
 * (\C could split a character and break the no-UTF-check matching).
 *
 * JIT is skipped under valgrind (its generated code gives false
 * "uninitialised value" reports, TECHNOTES §4) and when ARGRAPH_NO_JIT is
 * set to anything but "" or "0". A failed JIT compile is not an error:
 * pcre2_match() then uses the interpreter.
 */
#include "rules_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define HAVE_VALGRIND_H 1
#endif
#endif

int argraph_rules__want_jit(void)
{
	uint32_t jit = 0;
	const char *env = getenv("ARGRAPH_NO_JIT");
	if (env && *env && strcmp(env, "0") != 0)
		return 0;
#ifdef HAVE_VALGRIND_H
	if (RUNNING_ON_VALGRIND)
		return 0;
#endif
	return pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit;
}

int argraph_rules__want_prefilter(void)
{
	const char *env = getenv("ARGRAPH_NO_PREFILTER");
	return !(env && *env && strcmp(env, "0") != 0);
}

argraph_status argraph_rules__compile(const argraph_ruleset *rs, const char *pat,
	size_t len, uint32_t extra, pcre2_code **out, int *err, size_t *erroff)
{
	PCRE2_SIZE off = 0;
	int code = 0;

	*out = NULL;
	*err = 0;
	*erroff = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, len,
		PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | extra,
		&code, &off, NULL);
	if (!re) {
		if (code == PCRE2_ERROR_HEAP_FAILED)
			return ARGRAPH_ENOMEM;
		*err = code;
		*erroff = off;
		return ARGRAPH_EPARSE;
	}
	if (rs->use_jit)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	*out = re;
	return ARGRAPH_OK;
}

const char *argraph_rules__error_text(int err, char *buf, size_t n)
{
	if (n == 0)
		return "";
	buf[0] = '\0';
	/* < 0 is "unknown code" (buf untouched) or "truncated" (buf filled). */
	if (pcre2_get_error_message(err, (PCRE2_UCHAR *)buf, n) < 0 && !buf[0])
		snprintf(buf, n, "PCRE2 error %d", err);
	return buf;
}

uint32_t argraph_rules__pairs(const pcre2_code *code)
{
	uint32_t n = 0;
	if (pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &n) < 0)
		n = 0;
	return n + 1;
}
