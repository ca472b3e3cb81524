/* SPDX-License-Identifier: MIT */
/*
 * json.c — the graph as JSON (format in docs/json-format.md). Written by
 * hand into a buffer, in exactly jansson's bytes (see "writing" below);
 * read with jansson, so parsing is not ours to get wrong.
 * Output is deterministic: nodes and edges in insertion order, object keys
 * in a fixed order, no timestamps.
 */
#include "argraph/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "argraph/argraph.h"
#include "json_internal.h"
#include "../graph/graph_internal.h"
#include "../graph/kinds.h"
#include "../util/decimal.h"
#include "../util/slurp.h"
#include "../util/vec.h"

/* ---- writing ----
 *
 * The JSON is written straight into a strbuf, byte for byte what jansson's
 * json_dumps() wrote for the same objects (argraph 0.x built jansson trees
 * and dumped them; that cost more than reading and extracting together):
 *  - flags JSON_PRESERVE_ORDER and either JSON_COMPACT or JSON_INDENT(2),
 *    never JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH: so only '"', '\\' and
 *    the C0 controls are escaped ("\b \f \n \r \t", else "\u00XX" with
 *    upper-case hex); DEL, U+2028/U+2029 and all other non-ASCII pass raw;
 *  - separators "," and ":" (compact), ",\n<indent>" and ": " (indented);
 *    an empty object is "{}";
 *  - integers as "%lld" of a json_int_t (long long);
 *  - a string (value or key) that is not valid UTF-8 (jansson's check: no
 *    overlongs, surrogates or code points past U+10FFFF) made json_string()
 *    fail, which the callers reported as ENOMEM: so does this writer.
 * tests/unit/test_json_writer.c compares these bytes with jansson's. */

/* 0: copied as is; 1: escaped; 2: starts (or is inside) a multi-byte
 * sequence, validated. */
static const unsigned char esc_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* '\\' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Length of the valid UTF-8 sequence at p (n bytes left, p[0] >= 0x80),
 * or 0 when it is not one: exactly jansson's utf8_check_full (no overlong
 * forms, no surrogates, nothing past U+10FFFF), written as the ranges of
 * the second byte allowed after each lead byte (RFC 3629, section 4). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t len;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if ((p[k] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* 1 when none of the 8 bytes at p needs a look: no C0 control, '"', '\\'
 * or byte >= 0x80 (the "has a byte less than n" and "has a zero byte" word
 * tricks: exact for whether any byte matches, which is all we ask). The
 * portable scan, and the tail of a string shorter than a vector. */
static inline int plain8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t x, q, bs;
	memcpy(&x, p, 8);
	q = x ^ (ones * '"');
	bs = x ^ (ones * '\\');
	return ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | x) & high) == 0;
}


#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* The escape of control byte c (below 0x20), '"' or '\\' at o; returns
 * the end. */
static char *put_escape(char *o, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	o[0] = '\\';
	switch (c) {
	case '\\': o[1] = '\\'; return o + 2;
	case '"': o[1] = '"'; return o + 2;
	case '\b': o[1] = 'b'; return o + 2;
	case '\f': o[1] = 'f'; return o + 2;
	case '\n': o[1] = 'n'; return o + 2;
	case '\r': o[1] = 'r'; return o + 2;
	case '\t': o[1] = 't'; return o + 2;
	default:
		memcpy(o + 1, "u00", 3);
		o[4] = hex[c >> 4];
		o[5] = hex[c & 15];
		return o + 6;
	}
}

#ifdef __SSE2__
/* 1 when the 15 bytes at p (16 readable) are five three-byte characters
 * whose lead bytes are E1..EF but not ED: each of those takes any two
 * continuation bytes (no overlong form, no surrogate), so the pattern of
 * lead and continuation bytes is the whole check. CJK text is nothing
 * else, five characters a step. */
static inline int three_byte_x5(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i cont = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)),
		_mm_set1_epi8((char)0x80));
	__m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(_mm_max_epu8(x, _mm_set1_epi8((char)0xE1)),
		_mm_set1_epi8((char)0xEF)), x);
	lead = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xED)), lead);
	unsigned c = (unsigned)_mm_movemask_epi8(cont), l = (unsigned)_mm_movemask_epi8(lead);
	return (c & 0x7FFF) == 0x6DB6 && (l & 0x1249) == 0x1249;
}
#endif

/* Length of the run of valid multi-byte characters at p[i..n) (p[i] >=
 * 0x80), ending before the first ASCII byte; *bad set when a sequence is
 * not valid. Most of them are three bytes with a lead byte whose second
 * byte may be any continuation byte (not E0, not ED): five at a time
 * while they come, else one at a time inline. */
static size_t utf8_run(const unsigned char *p, size_t i, size_t n, int *bad)
{
	size_t start = i;
	do {
#ifdef __SSE2__
		while (n - i >= 16 && three_byte_x5(p + i))
			i += 15;
		if (i >= n || p[i] < 0x80)
			break;
#endif
		unsigned c = p[i];
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3
		    && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		size_t l = utf8_seq(p + i, n - i);
		if (!l) {
			*bad = 1;
			return n - start;
		}
		i += l;
	} while (i < n && p[i] >= 0x80);
	return i - start;
}

/* Worst case of put_strn for n bytes: every byte a six-byte \u00XX, and
 * the quotes. */
#define STR_BOUND(n) (6 * (size_t)(n) + 2)

#ifdef __SSE2__
/* One bit for each of the 16 bytes of x that needs a look: a C0
 * control, '"', '\\' or (the compare is signed) a byte >= 0x80. */
static inline unsigned special16(__m128i x)
{
	__m128i m = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* The n bytes at s (no NUL among them) as a JSON string at o, which has
 * room for STR_BOUND(n) bytes; returns the end. *bad is set when s is not
 * valid UTF-8 (what is written is then garbage: the caller drops it).
 * Plain bytes are copied sixteen at a time as they are classified: the
 * vector is stored whole and the cursor moves only past its plain bytes,
 * which the bound allows (16 bytes at o fit while 16 input bytes are
 * left, as each could have taken 6).
 * The last 1..15 bytes of a string of 16 or more are classified the same
 * way, in the 16 bytes that end where the string ends: those before the
 * cursor are done, and as long as no escape was written since the first
 * of them (`copied_from`: everything since was copied as it is) their
 * output sits right before o, so the vector is stored over it unchanged.
 * Byte by byte, these tails were a third of put_strn's instructions
 * (ids and xpaths are 16 to 40 bytes). */
static char *put_strn(char *o, const char *s, size_t n, int *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
#ifdef __SSE2__
	size_t copied_from = 0;
#endif
	*o++ = '"';
	for (;;) {
#ifdef __SSE2__
		while (i + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
			_mm_storeu_si128((__m128i *)(void *)o, x);
			unsigned bits = special16(x);
			if (bits) {
				unsigned k = (unsigned)__builtin_ctz(bits);
				o += k;
				i += k;
				goto special;
			}
			o += 16;
			i += 16;
		}
		if (i >= n)
			break;
		if (n >= 16 && n - 16 >= copied_from) {
			size_t done = i - (n - 16); /* 1..15 */
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + n - 16));
			_mm_storeu_si128((__m128i *)(void *)(o - done), x);
			unsigned bits = special16(x) >> done;
			if (!bits) {
				o += n - i;
				break;
			}
			unsigned k = (unsigned)__builtin_ctz(bits);
			o += k;
			i += k;
			goto special;
		}
#endif
		while (i + 8 <= n && plain8(p + i)) {
			memcpy(o, p + i, 8);
			o += 8;
			i += 8;
		}
		while (i < n && !esc_class[p[i]])
			*o++ = (char)p[i++];
		if (i >= n)
			break;
#ifdef __SSE2__
special:
#endif
		if (p[i] >= 0x80) {
			size_t l = utf8_run(p, i, n, bad);
			memcpy(o, p + i, l);
			o += l;
			i += l;
		} else {
			o = put_escape(o, p[i++]);
#ifdef __SSE2__
			copied_from = i;
#endif
		}
	}
	*o++ = '"';
	return o;
}

/* put_strn for a string of the graph, whose length is stored in the 8
 * bytes before it (graph_internal.h), so those may be read. Short strings
 * (most values and ids) are classified in one step: the 16 (or 8) bytes
 * that end where the string ends are loaded, reaching back into the
 * stored length but never before it; the flags of the bytes before the
 * string are shifted out, and when none of the rest needs a look the
 * string is stored as two overlapping words (or one word whose bytes past
 * the string the closing quote and what follows overwrite). */
static ALWAYS_INLINE char *put_gstrn(char *o, const char *s, size_t n, int *bad)
{
#ifdef __SSE2__
	if (n >= 8 && n < 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
		if ((special16(x) >> (16 - n)) == 0) {
			o[0] = '"';
			memcpy(o + 1, s, 8);
			memcpy(o + 1 + n - 8, s + n - 8, 8);
			o[n + 1] = '"';
			return o + n + 2;
		}
	} else if (n >= 2 && n < 8) {
		/* x86 is little-endian: the string's bytes are the high ones */
		const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
		uint64_t x, q, bs;
		memcpy(&x, s + n - 8, 8);
		q = x ^ (ones * '"');
		bs = x ^ (ones * '\\');
		/* a flag on every byte that needs a look (and maybe on bytes
		 * above one: the borrow; never missing one) */
		uint64_t flags = (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | x) & high;
		unsigned drop = 8 * (8 - (unsigned)n);
		if ((flags >> drop) == 0) {
			uint64_t v = x >> drop;
			o[0] = '"';
			memcpy(o + 1, &v, 8); /* within STR_BOUND(n) for n >= 2 */
			o[n + 1] = '"';
			return o + n + 2;
		}
	}
#endif
	return put_strn(o, s, n, bad);
}

/* An element being written: a cursor into a buffer in which room for the
 * whole element was reserved up front (element_bound()), so no write
 * checks for room. `base` is the buffer's start, for the memo's offsets. */
typedef struct jw {
	char *o;
	char *base;
	const char *indent; /* NULL: compact; else the prefix of every line */
	size_t indent_len;
	argraph_json__memo *memo; /* or NULL */
	int bad;
} jw;

/* Bytes an object member may take besides its key's and value's strings:
 * a comma, a line break, the indentation (the prefix and three levels of
 * two spaces), a format key with its quotes, ": ", or a number. */
#define MEMBER_BOUND(indent_len) (48 + (indent_len))

static ALWAYS_INLINE void w_raw(jw *w, const char *s, size_t n)
{
	memcpy(w->o, s, n);
	w->o += n;
}

/* A string of the graph: its length is stored with it. */
static ALWAYS_INLINE void w_gstr(jw *w, const char *s)
{
	w->o = put_gstrn(w->o, s, argraph_graph__strlen(s), &w->bad);
}

/* A kind's name (kinds.h: nothing in it to escape, its length known),
 * or NULL for a kind the table does not have. */
static void w_kind(jw *w, const char *name, size_t len)
{
	if (!name) {
		w->bad = 1;
		return;
	}
	*w->o++ = '"';
	w_raw(w, name, len);
	*w->o++ = '"';
}

/* put_strn through memo slot k: the same string as last time is copied
 * from its escaped form earlier in the buffer (equal bytes in, equal
 * bytes out). Texts (slot 2) under 32 escaped bytes are cheap to escape
 * and are not remembered, so they do not push out a sentence that is
 * about to come again. */
static ALWAYS_INLINE void w_memo(jw *w, const char *s, int k)
{
	size_t n = argraph_graph__strlen(s);
	argraph_json__memo *m = w->memo;
	if (!m) {
		w->o = put_gstrn(w->o, s, n, &w->bad);
		return;
	}
	const char *prev = m->src[k];
	if (prev && (s == prev || (argraph_graph__strlen(prev) == n && memcmp(prev, s, n) == 0))) {
		w_raw(w, w->base + m->off[k], m->len[k]);
		return;
	}
	char *start = w->o;
	w->o = put_gstrn(w->o, s, n, &w->bad);
	size_t len = (size_t)(w->o - start);
	if (k == 2 && len < 32)
		return;
	m->src[k] = s;
	m->off[k] = (size_t)(start - w->base);
	m->len[k] = len;
}

/* v in decimal straight into the output (decimal.h says why). */
static void w_int(jw *w, long long v)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	if (v < 0)
		*w->o++ = '-';
	w->o = decimal_put(w->o, u);
}

/* An object being written: members sit `depth` levels of two spaces
 * deeper than the indentation prefix (when indented). */
typedef struct jobj {
	jw *w;
	int depth;
	int members;
} jobj;

static void obj_open(jobj *o, jw *w, int depth)
{
	o->w = w;
	o->depth = depth;
	o->members = 0;
	*w->o++ = '{';
}

static void newline(jw *w, int depth)
{
	*w->o++ = '\n';
	w_raw(w, w->indent, w->indent_len);
	memset(w->o, ' ', 2 * (size_t)depth);
	w->o += 2 * depth;
}

/* Start a member: the separator, the line break and indentation. */
static void obj_member(jobj *o)
{
	if (o->members++)
		*o->w->o++ = ',';
	if (o->w->indent)
		newline(o->w, o->depth);
}

/* A key from the graph (a label's language, an attribute name). */
static ALWAYS_INLINE void obj_key(jobj *o, const char *key)
{
	obj_member(o);
	w_gstr(o->w, key);
	w_raw(o->w, ": ", o->w->indent ? 2 : 1);
}

/* A key of the format, given as `,"key":` (nothing to escape): compact
 * output takes it whole, or without the comma for the first member. */
static ALWAYS_INLINE void obj_lkey(jobj *o, const char *sep_key, size_t len)
{
	if (!o->w->indent) {
		if (o->members++)
			w_raw(o->w, sep_key, len);
		else
			w_raw(o->w, sep_key + 1, len - 1);
		return;
	}
	obj_member(o);
	w_raw(o->w, sep_key + 1, len - 2);
	w_raw(o->w, ": ", 2);
}

#define LKEY(o, k) obj_lkey((o), ",\"" k "\":", sizeof k + 3)

/* A member with a key and a value from the data (the value through the
 * text memo slot). */
static ALWAYS_INLINE void obj_str(jobj *o, const char *key, const char *val)
{
	if (!key || !val) {
		o->w->bad = 1;
		return;
	}
	obj_key(o, key);
	w_memo(o->w, val, 2);
}

/* A member with a format key and a value: a graph string (LSTR), a
 * kind's name (LKIND, from its kinds.h entry or NULL), a number (LINT),
 * or a graph string through memo slot `slot` (LMEMO). */
#define LSTR(o, k, val) do { \
		LKEY(o, k); \
		w_gstr((o)->w, (val)); \
	} while (0)
#define LKIND(o, info) do { \
		LKEY(o, "kind"); \
		w_kind((o)->w, (info) ? (info)->name : NULL, (info) ? (info)->name_len : 0); \
	} while (0)
#define LINT(o, k, val) do { \
		LKEY(o, k); \
		w_int((o)->w, (val)); \
	} while (0)
#define LMEMO(o, k, val, slot) do { \
		LKEY(o, k); \
		w_memo((o)->w, (val), (slot)); \
	} while (0)

static void obj_close(jobj *o)
{
	if (o->members && o->w->indent)
		newline(o->w, o->depth - 1);
	*o->w->o++ = '}';
}

void argraph_json__memo_forget(argraph_json__memo *m)
{
	memset(m, 0, sizeof *m);
}

static size_t gstr_bound(const char *s)
{
	return s ? STR_BOUND(argraph_graph__strlen(s)) : 0;
}

static size_t prov_bound(const argraph_prov *p)
{
	return gstr_bound(p->file) + gstr_bound(p->xml_id) + gstr_bound(p->xpath)
	       + gstr_bound(p->text);
}

static size_t pairs_bound(const pairs *ps)
{
	size_t sum = 0;
	for (size_t k = 0; k < ps->len; k++)
		sum += gstr_bound(ps->items[k].a) + gstr_bound(ps->items[k].b);
	return sum;
}

/* Members and closing lines of an element besides its pairs: at most six
 * members, seven of provenance, four closing braces. */
#define FIXED_MEMBERS 20

#define KIND_BOUND(info) ((info) ? (info)->name_len + 2 : 0)

/* Reserve `bound` bytes in b and start writing there; NULL when out of
 * memory. */
static jw *w_start(jw *w, strbuf *b, size_t bound, const char *indent,
	argraph_json__memo *memo)
{
	if (!strbuf_grow(b, bound))
		return NULL;
	w->base = b->data;
	w->o = b->data + b->len;
	w->indent = indent;
	w->indent_len = indent ? strlen(indent) : 0;
	w->memo = memo;
	w->bad = 0;
	return w;
}

/* Finish: the buffer takes what was written. 0, or -1 when something
 * could not be written. */
static int w_end(jw *w, strbuf *b, size_t bound)
{
	size_t written = (size_t)(w->o - (b->data + b->len));
	/* The bound is the contract of every writer above (a member added to
	 * a node or edge must be counted in it). Past it the buffer has been
	 * overrun: stop there, in every build, rather than go on with a
	 * damaged heap and write a file from it. */
	if (written > bound)
		abort();
	b->len += written;
	b->data[b->len] = '\0';
	return w->bad ? -1 : 0;
}

static void put_prov(jobj *parent, const argraph_prov *p)
{
	jobj o;
	LKEY(parent, "provenance");
	obj_open(&o, parent->w, parent->depth + 1);
	if (p->file)
		LMEMO(&o, "file", p->file, 0);
	if (p->line)
		LINT(&o, "line", (json_int_t)p->line);
	if (p->xml_id)
		LSTR(&o, "xml_id", p->xml_id);
	if (p->xpath)
		LMEMO(&o, "xpath", p->xpath, 1);
	if (p->text) {
		LMEMO(&o, "text", p->text, 2);
		LINT(&o, "begin", (json_int_t)p->begin);
		LINT(&o, "end", (json_int_t)p->end);
	}
	obj_close(&o);
}

int argraph_json__put_node(strbuf *b, const argraph_node *n, const char *indent,
	argraph_json__memo *memo)
{
	const node_kind_info *kind = argraph_graph__node_kind_info(n->kind);
	const char *label = argraph_node_get_label(n, NULL);
	size_t members = FIXED_MEMBERS + n->labels.len + n->attrs.len;
	size_t bound = members * MEMBER_BOUND(indent ? strlen(indent) : 0)
		       + gstr_bound(n->id) + KIND_BOUND(kind) + gstr_bound(label)
		       + pairs_bound(&n->labels) + pairs_bound(&n->attrs) + prov_bound(&n->prov);
	jw w;
	jobj o, sub;
	if (!w_start(&w, b, bound, indent, memo))
		return -1;
	obj_open(&o, &w, 1);
	LSTR(&o, "id", n->id);
	LKIND(&o, kind);
	LMEMO(&o, "label", label, 2);
	LKEY(&o, "labels");
	obj_open(&sub, &w, 2);
	for (size_t k = 0; k < n->labels.len; k++)
		if (n->labels.items[k].a)
			obj_str(&sub, n->labels.items[k].a, n->labels.items[k].b);
	obj_close(&sub);
	LKEY(&o, "attributes");
	obj_open(&sub, &w, 2);
	for (size_t k = 0; k < n->attrs.len; k++)
		obj_str(&sub, n->attrs.items[k].a, n->attrs.items[k].b);
	obj_close(&sub);
	put_prov(&o, &n->prov);
	obj_close(&o);
	return w_end(&w, b, bound);
}

int argraph_json__put_edge(strbuf *b, const argraph_graph *g, const argraph_edge *e,
	const char *indent, argraph_json__memo *memo)
{
	const edge_kind_info *kind = argraph_graph__edge_kind_info(e->kind);
	const char *source = ((const argraph_node *)g->nodes.items[e->source])->id;
	const char *target = ((const argraph_node *)g->nodes.items[e->target])->id;
	size_t members = FIXED_MEMBERS + e->attrs.len;
	size_t bound = members * MEMBER_BOUND(indent ? strlen(indent) : 0)
		       + gstr_bound(e->id) + KIND_BOUND(kind) + gstr_bound(source)
		       + gstr_bound(target) + gstr_bound(e->rule) + pairs_bound(&e->attrs)
		       + prov_bound(&e->prov);
	jw w;
	jobj o, sub;
	if (!w_start(&w, b, bound, indent, memo))
		return -1;
	obj_open(&o, &w, 1);
	LSTR(&o, "id", e->id);
	LKIND(&o, kind);
	LSTR(&o, "source", source);
	LSTR(&o, "target", target);
	if (e->rule)
		LSTR(&o, "rule", e->rule);
	LKEY(&o, "attributes");
	obj_open(&sub, &w, 2);
	for (size_t k = 0; k < e->attrs.len; k++)
		obj_str(&sub, e->attrs.items[k].a, e->attrs.items[k].b);
	obj_close(&sub);
	put_prov(&o, &e->prov);
	obj_close(&o);
	return w_end(&w, b, bound);
}

int argraph_json__put_string(strbuf *b, const char *s)
{
	size_t n = strlen(s);
	jw w;
	if (!w_start(&w, b, STR_BOUND(n), NULL, NULL))
		return -1;
	w.o = put_strn(w.o, s, n, &w.bad);
	return w_end(&w, b, STR_BOUND(n));
}

argraph_status argraph_json_to_string(char **out, const argraph_graph *g, argraph_diags *diags)
{
	*out = NULL;
	(void)diags;
	strbuf b = {0};
	argraph_status st = argraph_json__write(g, 0, &b, NULL);
	if (st != ARGRAPH_OK) {
		strbuf_release(&b);
		return ARGRAPH_ENOMEM;
	}
	*out = strbuf_detach(&b);
	return ARGRAPH_OK;
}

/* ---- reading ---- */

static const char *get_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static argraph_status read_prov(json_t *o, argraph_prov *p)
{
	memset(p, 0, sizeof *p);
	if (!o)
		return ARGRAPH_OK;
	if (!json_is_object(o))
		return ARGRAPH_EINVALID;
	p->file = get_str(o, "file");
	p->xml_id = get_str(o, "xml_id");
	p->xpath = get_str(o, "xpath");
	p->text = get_str(o, "text");
	static const struct {
		const char *key;
		argraph_json__prov_number which;
	} numbers[] = {{"line", ARGRAPH_JSON__PROV_LINE}, {"begin", ARGRAPH_JSON__PROV_BEGIN},
		{"end", ARGRAPH_JSON__PROV_END}};
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
		json_t *v = json_object_get(o, numbers[i].key);
		if (json_is_integer(v))
			argraph_json__set_prov_number(p, numbers[i].which, json_integer_value(v));
	}
	return ARGRAPH_OK;
}

void argraph_json__set_prov_number(argraph_prov *p, argraph_json__prov_number which, long long v)
{
	switch (which) {
	case ARGRAPH_JSON__PROV_LINE:
		if (v > 0)
			p->line = (unsigned)v;
		break;
	case ARGRAPH_JSON__PROV_BEGIN:
		if (v >= 0)
			p->begin = (size_t)v;
		break;
	case ARGRAPH_JSON__PROV_END:
		if (v >= 0)
			p->end = (size_t)v;
		break;
	}
}

argraph_status argraph_json__read_labels(argraph_graph *g, size_t idx, const char *id,
	const char *label, const argraph_json__pair *labels, size_t n)
{
	int label_is_lang = 0;
	for (size_t i = 0; i < n; i++) {
		argraph_status st = argraph_graph_set_label(g, idx, labels[i].k, labels[i].v);
		if (st != ARGRAPH_OK)
			return st;
		if (label && strcmp(label, labels[i].v) == 0
		    && argraph_node_label_count(argraph_graph_node_at(g, idx)) == 1)
			label_is_lang = 1;
	}
	if (label && !label_is_lang && strcmp(label, id) != 0)
		return argraph_graph_set_label(g, idx, NULL, label);
	return ARGRAPH_OK;
}

/* The "attributes" object o (absent: none) of node or edge idx. */
static argraph_status read_attrs(json_t *o, argraph_graph *g, size_t idx, int is_edge,
	argraph_json__pair **buf, size_t *cap)
{
	size_t n = 0;
	if (!o)
		return ARGRAPH_OK;
	if (!json_is_object(o))
		return ARGRAPH_EINVALID;
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		if (!json_is_string(v))
			return ARGRAPH_EINVALID;
		if (vec_reserve((void **)buf, cap, sizeof **buf, n + 1, 8) != 0)
			return ARGRAPH_ENOMEM;
		(*buf)[n++] = (argraph_json__pair){k, json_string_value(v)};
	}
	return argraph_json__read_attrs(g, idx, is_edge, *buf, n);
}

argraph_status argraph_json__read_attrs(argraph_graph *g, size_t idx, int is_edge,
	const argraph_json__pair *attrs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		argraph_status st = is_edge ? argraph_graph_set_edge_attr(g, idx, attrs[i].k, attrs[i].v)
					    : argraph_graph_set_node_attr(g, idx, attrs[i].k, attrs[i].v);
		if (st != ARGRAPH_OK)
			return st;
	}
	return ARGRAPH_OK;
}

#define BAD(fmt, ...) do { \
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "json.invalid", &pos, fmt, __VA_ARGS__); \
	st = ARGRAPH_EINVALID; \
	goto done; } while (0)

argraph_status argraph_json_read_mem(argraph_graph **out, const char *buf, size_t len,
	const char *name, argraph_diags *diags)
{
	*out = NULL;
	argraph_pos pos = {name, 0, 0, NULL};
	json_error_t err;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		pos.line = err.line > 0 ? (unsigned)err.line : 0;
		pos.column = err.column > 0 ? (unsigned)err.column : 0;
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "json.parse", &pos, "%s", err.text);
		return ARGRAPH_EPARSE;
	}
	argraph_graph *g = NULL;
	argraph_status st = ARGRAPH_OK;
	argraph_json__pair *members = NULL; /* one object's labels or attributes, reused */
	size_t members_cap = 0;
	const char *version = get_str(root, "version");
	json_t *nodes = json_object_get(root, "nodes"), *edges = json_object_get(root, "edges");
	if (!json_is_object(root))
		BAD("%s", "top level is not an object");
	if (!version || strcmp(version, ARGRAPH_JSON_FORMAT) != 0)
		BAD("version is \"%s\", expected \"%s\"", version ? version : "(missing)", ARGRAPH_JSON_FORMAT);
	if (!json_is_array(nodes) || !json_is_array(edges))
		BAD("%s", "\"nodes\" and \"edges\" must be arrays");
	if ((st = argraph_graph_new(&g)) != ARGRAPH_OK)
		goto done;
	size_t i;
	json_t *o;
	json_array_foreach(nodes, i, o) {
		const char *id = get_str(o, "id"), *kind = get_str(o, "kind"), *label = get_str(o, "label");
		argraph_node_kind k = argraph_node_kind_from_name(kind);
		if (!id || !*id)
			BAD("node %zu has no \"id\"", i);
		if (k == ARGRAPH_NODE_NONE)
			BAD("node %s has unknown kind \"%s\"", id, kind ? kind : "(missing)");
		if (argraph_graph_find_node(g, id) != ARGRAPH_NONE)
			BAD("node id %s is used twice", id);
		argraph_prov p;
		if (read_prov(json_object_get(o, "provenance"), &p) != ARGRAPH_OK)
			BAD("node %s: \"provenance\" must be an object", id);
		size_t idx;
		if ((st = argraph_graph_add_node(g, k, id, &p, &idx)) != ARGRAPH_OK)
			goto done;
		json_t *labels = json_object_get(o, "labels");
		size_t nlabels = 0;
		if (labels) {
			if (!json_is_object(labels))
				BAD("node %s: \"labels\" must be an object", id);
			const char *lang;
			json_t *v;
			json_object_foreach(labels, lang, v) {
				if (!json_is_string(v))
					BAD("node %s: label for %s is not a string", id, lang);
				if (vec_reserve((void **)&members, &members_cap, sizeof *members, nlabels + 1, 8) != 0) {
					st = ARGRAPH_ENOMEM;
					goto done;
				}
				members[nlabels++] = (argraph_json__pair){lang, json_string_value(v)};
			}
		}
		if ((st = argraph_json__read_labels(g, idx, id, label, members, nlabels)) != ARGRAPH_OK)
			goto done;
		if ((st = read_attrs(json_object_get(o, "attributes"), g, idx, 0, &members, &members_cap)) != ARGRAPH_OK)
			BAD("node %s: \"attributes\" must map names to strings", id);
	}
	json_array_foreach(edges, i, o) {
		const char *kind = get_str(o, "kind"), *src = get_str(o, "source"), *dst = get_str(o, "target");
		argraph_edge_kind k = argraph_edge_kind_from_name(kind);
		if (k == ARGRAPH_EDGE_NONE)
			BAD("edge %zu has unknown kind \"%s\"", i, kind ? kind : "(missing)");
		size_t s = argraph_graph_find_node(g, src), d = argraph_graph_find_node(g, dst);
		if (s == ARGRAPH_NONE || d == ARGRAPH_NONE)
			BAD("edge %zu (%s) names a node that does not exist: %s", i, kind,
				s == ARGRAPH_NONE ? (src ? src : "(missing source)") : (dst ? dst : "(missing target)"));
		argraph_prov p;
		if (read_prov(json_object_get(o, "provenance"), &p) != ARGRAPH_OK)
			BAD("edge %zu: \"provenance\" must be an object", i);
		size_t idx;
		if ((st = argraph_graph_add_edge(g, k, s, d, get_str(o, "rule"), &p, &idx)) != ARGRAPH_OK)
			goto done;
		if ((st = read_attrs(json_object_get(o, "attributes"), g, idx, 1, &members, &members_cap)) != ARGRAPH_OK)
			BAD("edge %zu: \"attributes\" must map names to strings", i);
	}
done:
	json_decref(root);
	free(members);
	if (st != ARGRAPH_OK) {
		argraph_graph_free(g);
		return st;
	}
	*out = g;
	return ARGRAPH_OK;
}

argraph_status argraph_json_read_file(argraph_graph **out, const char *path, size_t max_bytes,
	argraph_diags *diags)
{
	*out = NULL;
	char *buf = NULL;
	size_t len = 0;
	slurp_info info;
	argraph_pos pos = {path, 0, 0, NULL};
	switch (slurp_file(path, max_bytes, &buf, &len, &info)) {
	case SLURP_OK:
		break;
	case SLURP_NOMEM:
		return ARGRAPH_ENOMEM;
	case SLURP_TOO_BIG:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.too-big", &pos,
			"file is over the limit of %zu bytes", max_bytes);
		return ARGRAPH_ETOOBIG;
	case SLURP_NOT_FILE:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.not-file", &pos, "%s", slurp_file_type(info.mode));
		return ARGRAPH_EIO;
	case SLURP_OPEN:
	case SLURP_READ:
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.open", &pos, "cannot read: %s", strerror(info.err));
		return ARGRAPH_EIO;
	}
	argraph_status st = argraph_json_read_mem(out, buf, len, path, diags);
	free(buf);
	return st;
}
