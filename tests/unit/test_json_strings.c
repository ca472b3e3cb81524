/* SPDX-License-Identifier: MIT */
/*
 * test_json_strings.c — the JSON string writer (argraph_json__put_string,
 * src/export/json.c) byte for byte against jansson, one string at a time.
 *
 * The writer scans 16 (or 8) bytes at a time and validates runs of
 * multi-byte characters in a loop of its own, so what matters is where a
 * byte falls: before, on or after a vector boundary, at the very end of
 * the string, right after another multi-byte character. These tests put
 * every byte value at every position of strings up to 40 bytes long, every
 * lead byte with every second byte (and a good or bad third and fourth),
 * runs of characters cut at each length, very long strings, and random
 * mixtures. jansson's json_string() refused a string that is not valid
 * UTF-8; the writer must refuse it too (-1), and otherwise give exactly
 * json_dumps(..., JSON_ENCODE_ANY | JSON_COMPACT).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export/json_internal.h"
#include "harness.h"

static size_t checked, mismatches;

/* One string (n bytes, no NUL inside) through both writers. The string is
 * copied to the end of a heap block of exactly n + 1 bytes, so a read past
 * its NUL is caught by AddressSanitizer. A prefix already in the buffer
 * checks that the writer appends. */
static void same(const char *s, size_t n)
{
	char *copy = malloc(n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	json_t *j = json_string(copy);
	char *want = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	json_decref(j);
	strbuf b = {0};
	strbuf_puts(&b, "x");
	int rc = argraph_json__put_string(&b, copy);
	int ok;
	if (!want)
		ok = rc < 0;
	else
		ok = rc == 0 && !b.failed && b.len == strlen(want) + 1 && b.data[0] == 'x'
		     && memcmp(b.data + 1, want, b.len - 1) == 0 && b.data[b.len] == '\0';
	checked++;
	if (!ok && mismatches++ < 10) {
		fprintf(stderr, "string of %zu bytes:", n);
		for (size_t i = 0; i < n && i < 48; i++)
			fprintf(stderr, " %02x", (unsigned char)copy[i]);
		fprintf(stderr, "\n  jansson: %s\n  writer (rc %d): %s\n", want ? want : "(refused)", rc,
			rc == 0 ? b.data + 1 : "(refused)");
	}
	free(want);
	strbuf_release(&b);
	free(copy);
}

/* Every byte value at every position of plain strings of 1..40 bytes. */
static void every_byte_everywhere(void)
{
	char s[41];
	for (size_t len = 1; len <= 40; len++) {
		for (size_t at = 0; at < len; at++) {
			for (int c = 1; c < 256; c++) {
				memset(s, 'a', len);
				s[at] = (char)c;
				same(s, len);
			}
		}
	}
}

/* Every lead byte with every second byte, and good or bad later bytes,
 * after prefixes that put the sequence on every side of a boundary. */
static void every_pair(void)
{
	static const unsigned char later[] = {0x80, 0xBF, 0x41, 0xC0, 0x7F};
	char s[64];
	for (int lead = 0x80; lead < 256; lead++) {
		for (int second = 1; second < 256; second++) {
			for (size_t t = 0; t < sizeof later; t++) {
				size_t pre = (size_t)(lead + second + t) % 20;
				memset(s, 'b', pre);
				size_t n = pre;
				s[n++] = (char)lead;
				s[n++] = (char)second;
				same(s, n); /* cut after two bytes */
				s[n++] = (char)later[t];
				same(s, n);
				s[n++] = (char)later[(t + 1) % sizeof later];
				same(s, n);
				s[n++] = 'z';
				same(s, n);
			}
		}
	}
}

/* Runs of CJK (3 bytes), 2- and 4-byte characters, cut at every length and
 * with a bad byte at every position. */
static void runs(void)
{
	static const char *const pieces[] = {"\xe5\x9b\xa0", "\xc3\xa9", "\xf0\x9f\x98\x80",
		"\xe0\xa0\x80", "\xed\x9f\xbf", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xee\x80\x80"};
	char s[256];
	for (size_t p = 0; p < sizeof pieces / sizeof *pieces; p++) {
		size_t pl = strlen(pieces[p]);
		size_t n = 0;
		while (n + pl < 200) {
			memcpy(s + n, pieces[p], pl);
			n += pl;
		}
		for (size_t len = 1; len <= n; len++)
			same(s, len);
		for (size_t at = 0; at < n; at += 3) {
			char save = s[at];
			s[at] = '"';
			same(s, n);
			s[at] = (char)0x80;
			same(s, n);
			s[at] = (char)0xff;
			same(s, n);
			s[at] = save;
		}
	}
}

/* Long strings: megabytes of mixed text, and one bad byte at the very end. */
static void long_strings(void)
{
	size_t n = 3 * 1000 * 1000;
	char *s = malloc(n + 8);
	static const char mix[] = "plain text, \"quoted\" \\ \t\n\x01 \xe5\x9b\xa0\xe6\x9e\x9c \xc3\xa9 ";
	for (size_t i = 0; i < n; i++)
		s[i] = mix[i % (sizeof mix - 1)];
	size_t cut = n - (n % (sizeof mix - 1)); /* a whole number of copies */
	same(s, cut);
	memset(s, 'q', n);
	same(s, n);
	s[n - 1] = (char)0xC3;
	same(s, n);
	for (size_t i = 0; i < n; i += 3)
		memcpy(s + i, "\xe5\x9b\xa0", 3);
	same(s, n - n % 3);
	same(s, n - n % 3 - 1);
	free(s);
}

/* Random mixtures of the interesting bytes. */
static void random_mix(void)
{
	static const char *const pieces[] = {"a", "bcdefghijklmnop", "\"", "\\", "\x01", "\x1f",
		"\x7f", "/", "\n", "\t", "\xc3\xa9", "\xe5\x9b\xa0", "\xf0\x9f\x98\x80", "\xe2\x80\xa8",
		"\x80", "\xc0\xaf", "\xed\xa0\x80", "\xe5\x9b", "\xf4\x90\x80\x80", " "};
	size_t np = sizeof pieces / sizeof *pieces;
	unsigned long long x = 88172645463325252ull;
	char s[512];
	for (int k = 0; k < 40000; k++) {
		size_t n = 0;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t parts = (size_t)(x % 40);
		int allow_bad = (x >> 20) % 8 == 0;
		for (size_t q = 0; q < parts; q++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			size_t i = (size_t)(x % np);
			if (!allow_bad && i >= 14 && i <= 18)
				i = 0;
			size_t l = strlen(pieces[i]);
			if (n + l >= sizeof s)
				break;
			memcpy(s + n, pieces[i], l);
			n += l;
		}
		same(s, n);
	}
}

int main(void)
{
	same("", 0);
	every_byte_everywhere();
	every_pair();
	runs();
	long_strings();
	random_mix();
	fprintf(stderr, "%zu strings checked\n", checked);
	INT_EQ(mismatches, 0);
	return TEST_DONE();
}
