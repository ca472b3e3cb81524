/* SPDX-License-Identifier: MIT */
/*
 * decimal.h — unsigned numbers in decimal, written where they are to stay.
 *
 * The writers of ids and numbers (the JSON writer, graph edge ids,
 * strbuf_put_size) once gathered digits on the stack and copied them: the
 * copy's loads waited on the small stores still retiring, measured as a
 * fifth of adding an edge and 5 % of the JSON writer. Measuring the length
 * first lets the digits go straight to their place, two a step.
 */
#ifndef ARGRAPH_UTIL_DECIMAL_H
#define ARGRAPH_UTIL_DECIMAL_H

#include <stddef.h>
#include <string.h>

/* Digits of v in decimal (1 to 20). */
static inline size_t decimal_len(unsigned long long v)
{
	size_t n = 1;
	for (unsigned long long p = 10; n < 20 && v >= p; p *= 10)
		n++;
	return n;
}

/* Write v's decimal_len(v) digits at `at` (no NUL); returns the end. */
static inline char *decimal_put(char *at, unsigned long long v)
{
	static const char decimal_pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char *end = at + decimal_len(v), *q = end;
	while (v >= 100) {
		q -= 2;
		memcpy(q, decimal_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(q - 2, decimal_pairs + 2 * v, 2);
	else
		q[-1] = (char)('0' + v);
	return end;
}

#endif
