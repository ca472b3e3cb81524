/* SPDX-License-Identifier: MIT */
/*
 * test_util.c — the containers of src/util where they were made faster:
 * strbuf_printf formatting into the free space or growing (around the exact
 * boundary), utf8_count a word at a time against a byte loop (every length
 * and offset, malformed bytes too), arena strings packed between aligned
 * zeroed records, strmap through several growths and replacements.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/arena.h"
#include "util/strbuf.h"
#include "util/fold.h"
#include "util/strmap.h"
#include "util/utf8.h"

static void strbuf_printf_sizes(void)
{
	/* every length from empty to past several growths, appended after
	 * every prefix length, so each call lands before, on and after the
	 * boundary of the free space */
	char want[600];
	for (int pre = 0; pre < 140; pre += 7) {
		for (int len = 0; len < 300; len += 13) {
			strbuf b = {0};
			for (int k = 0; k < pre; k++)
				strbuf_putc(&b, 'p');
			strbuf_printf(&b, "%s%.*d|", "", len, 0);
			strbuf_printf(&b, "%c%zu", 'x', (size_t)len);
			int n = snprintf(want, sizeof want, "%.*s%.*d|x%d", pre,
				"pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
				"pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp",
				len, 0, len);
			INT_EQ(b.len, n);
			STR_EQ(strbuf_cstr(&b), want);
			OK(!b.failed);
			strbuf_release(&b);
		}
	}
}

static size_t count_slow(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static void utf8_count_words(void)
{
	const char *t = "a\xe7\x94\xb2\xc3\xa9 \xf0\x9f\x98\x80z\x80\xbf\xff\xfe\xc0 quite a long "
			"ASCII stretch \xe5\x9b\xa0\xe6\x9e\x9c and more \xe3\x80\x82 end";
	size_t n = strlen(t);
	int bad = 0;
	for (size_t off = 0; off < n; off++)
		for (size_t len = 0; off + len <= n; len++)
			bad += utf8_count(t + off, len) != count_slow(t + off, len);
	INT_EQ(bad, 0);
	/* long random mixtures: the vector loop sums its counters every 255
	 * steps (4080 bytes) */
	size_t big = 20000;
	char *r = malloc(big);
	uint32_t x = 12345;
	for (size_t k = 0; k < big; k++) {
		x = x * 1103515245u + 12345u;
		r[k] = (char)(x >> 24);
	}
	static const size_t lens[] = {4079, 4080, 4081, 4095, 4096, 4097, 8160, 8161, 19983};
	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++)
		for (size_t off = 0; off <= 16; off++)
			bad += utf8_count(r + off, lens[k]) != count_slow(r + off, lens[k]);
	memset(r, 0x80, big); /* all continuation bytes, then none */
	bad += utf8_count(r, big) != 0;
	memset(r, 0xC3, big);
	bad += utf8_count(r, big) != big;
	free(r);
	INT_EQ(bad, 0);
}

static void arena_mix(void)
{
	arena a;
	arena_init(&a);
	int bad = 0;
	char *strs[3000];
	for (int i = 0; i < 3000; i++) {
		char tmp[64];
		snprintf(tmp, sizeof tmp, "s%d", i * 7919);
		strs[i] = arena_strndup(&a, tmp, strlen(tmp) - (size_t)(i % 2));
		unsigned char *rec = arena_alloc(&a, (size_t)(i % 40) + 1);
		if (!strs[i] || !rec || (uintptr_t)rec % alignof(max_align_t) != 0)
			bad++;
		for (int k = 0; rec && k < i % 40 + 1; k++)
			bad += rec[k] != 0;
		if (rec)
			memset(rec, 0xAB, (size_t)(i % 40) + 1); /* must not reach the strings */
	}
	for (int i = 0; i < 3000; i++) {
		char tmp[64];
		snprintf(tmp, sizeof tmp, "s%d", i * 7919);
		tmp[strlen(tmp) - (size_t)(i % 2)] = '\0';
		bad += strcmp(strs[i], tmp) != 0;
	}
	char *big = arena_alloc(&a, 3u << 20); /* bigger than any block */
	OK(big != NULL);
	INT_EQ(bad, 0);
	OK(arena_strdup(&a, NULL) == NULL);
	STR_EQ(arena_strdup(&a, ""), "");
	arena_release(&a);
}

/* arena_extend_bytes grows only the newest string of the newest block,
 * never over what was allocated after it, and says when it cannot. */
static void arena_extend(void)
{
	arena a;
	arena_init(&a);
	char *s = arena_alloc_bytes(&a, 4);
	OK(s != NULL);
	memcpy(s, "abc", 4);
#ifndef ARGRAPH_DEBUG_ARENA
	OK(arena_extend_bytes(&a, s, 4, 8) == 1);
	memcpy(s + 3, "defg", 5);
	char *t = arena_strdup(&a, "xy"); /* right after s's 8 bytes */
	STR_EQ(s, "abcdefg");
	STR_EQ(t, "xy");
	OK(t == s + 8);
	OK(arena_extend_bytes(&a, s, 8, 9) == 0); /* no longer the newest */
	OK(arena_extend_bytes(&a, t, 3, 2) == 0); /* shrinking is not growing */
	OK(arena_extend_bytes(&a, t, 3, 1u << 21) == 0); /* past the block */
	OK(arena_extend_bytes(&a, t, 3, 3) == 1); /* the same size: nothing to do */
	STR_EQ(t, "xy");
#else
	OK(arena_extend_bytes(&a, s, 4, 8) == 0); /* each allocation is exact */
#endif
	arena_release(&a);
}

static void strmap_many(void)
{
	strmap m = {0};
	static char keys[5000][16];
	int bad = 0;
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		bad += strmap_put(&m, keys[i], (size_t)i) != 0;
	}
	INT_EQ(m.len, 5000);
	for (int i = 0; i < 5000; i += 2)
		bad += strmap_put(&m, keys[i], (size_t)i * 10) != 0; /* replace */
	INT_EQ(m.len, 5000);
	for (int i = 0; i < 5000; i++) {
		char probe[16];
		snprintf(probe, sizeof probe, "k%d", i); /* a different pointer */
		bad += strmap_get(&m, probe) != (size_t)(i % 2 ? i : i * 10);
	}
	bad += strmap_get(&m, "k5000") != (size_t)-1;
	bad += strmap_get(&m, "") != (size_t)-1;
	INT_EQ(bad, 0);
	strmap_release(&m);
	OK(strmap_get(&m, "k1") == (size_t)-1);
}

/* strmap_find_key_n: a slice of a longer text finds the key equal to the
 * slice, not a key it is a prefix of or one that is a prefix of it. */
static void strmap_slices(void)
{
	strmap m = {0};
	static char keys[2000][16];
	int bad = 0;
	for (int i = 0; i < 2000; i++) {
		snprintf(keys[i], sizeof keys[i], "w%d", i);
		bad += strmap_add_hashed(&m, keys[i], strmap_hash(keys[i]), 0) != 0;
	}
	/* "w12" is a key; in "w123 w1" the slices "w12", "w123", "w1" are keys,
	 * "w1234" (past the space) and "w" are not */
	const char *text = "w123 w1";
	for (size_t n = 0; n <= 4; n++) {
		const char *k = strmap_find_key_n(&m, text, n, strmap_hash_n(text, n));
		if (n < 2)
			bad += k != NULL;
		else
			bad += !k || strlen(k) != n || memcmp(k, text, n) != 0;
	}
	bad += strmap_find_key_n(&m, text, 5, strmap_hash_n(text, 5)) != NULL;
	bad += strmap_find_key_n(&m, text + 5, 2, strmap_hash_n(text + 5, 2)) != keys[1];
	for (int i = 0; i < 2000; i++) { /* every key, as a slice of a longer buffer */
		char buf[32];
		int len = snprintf(buf, sizeof buf, "w%d9 tail", i) - 6;
		bad += strmap_find_key_n(&m, buf, (size_t)len, strmap_hash_n(buf, (size_t)len)) != keys[i];
	}
	INT_EQ(bad, 0);
	strmap_release(&m);
	OK(strmap_find_key_n(&m, "w1", 2, strmap_hash_n("w1", 2)) == NULL);
}

/* fold_append: the folding the citation matcher and the merge keys share
 * (expected values worked out by hand from util/fold.h's rules). */
static void fold_cases(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{"Řehůřek", "rehurek"},
		{"  Hahn-Powell ", "hahn-powell"},       /* ASCII punctuation separates */
		{"O’Brien", "o-brien"},                  /* general punctuation */
		{"Æbelø Straße", "aebelo-strasse"},      /* letters that fold to two */
		{"ĲSSEL ŒUVRE þorn", "ijssel-oeuvre-thorn"},
		{"2×3÷4", "2-3-4"},                      /* the two Latin-1 signs */
		{"ＡＢＣ１２３", "abc123"},              /* full-width ASCII */
		{"ＡＢ（Ｃ）", "ab-c"},                  /* full-width punctuation */
		{"e\xcc\x81" "cole", "ecole"},          /* a combining acute: dropped */
		{"汉斯·摩根索", "汉斯-摩根索"},          /* CJK kept; the middle dot separates */
		{"ｽﾐｽ､ｼﾞｮﾝ｡", "ｽﾐｽ-ｼﾞｮﾝ"},                /* half-width kana kept, ､ and ｡ separate */
		{"「引用」，《书名》", "引用-书名"},
		{"Ωμέγα", "Ωμέγα"},                      /* other scripts as they are */
		{"...", ""},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		strbuf b = {0};
		strbuf_puts(&b, "k:"); /* appends after what is there */
		fold_append(&b, cases[i].in, strlen(cases[i].in), '-');
		OK(strncmp(strbuf_cstr(&b), "k:", 2) == 0);
		STR_EQ(strbuf_cstr(&b) + 2, cases[i].out);
		strbuf_release(&b);
	}
	strbuf b = {0};
	fold_append(&b, "a b", 3, ' ');
	STR_EQ(strbuf_cstr(&b), "a b");
	strbuf_release(&b);
	OK(fold_in_word('a') && fold_in_word(0x0158) && fold_in_word(0x6C49) && fold_in_word(0xFF21));
	OK(!fold_in_word(' ') && !fold_in_word('-') && !fold_in_word(0x0301) && !fold_in_word(0x3001)
	   && !fold_in_word(0xFF64) && !fold_in_word(0xD7));
}

int main(void)
{
	strbuf_printf_sizes();
	utf8_count_words();
	arena_mix();
	arena_extend();
	strmap_many();
	strmap_slices();
	fold_cases();
	return TEST_DONE();
}
