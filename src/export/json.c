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
#include "../util/slurp.h"

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

#ifdef __SSE2__
/* Bit k set when byte k of the 16 at p needs a look. A signed compare
 * with 0x20 catches the C0 controls and, as negative numbers, every byte
 * >= 0x80, so three compares classify 16 bytes. */
static inline unsigned special16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i m = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Index of the first byte at or after i that needs a look, or n. */
static inline size_t skip_plain(const unsigned char *p, size_t i, size_t n)
{
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned m = special16(p + i);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i + 8 <= n && plain8(p + i))
		i += 8;
	while (i < n && !esc_class[p[i]])
		i++;
	return i;
}

/* The n bytes at s (no NUL among them) as a JSON string. Room for the
 * rest of the string, its closing quote and the NUL is always reserved, so
 * a run of plain bytes is one memcpy. Runs of multi-byte characters (CJK
 * text is nothing else) are validated one after another without going
 * back to the ASCII scan. */
static int put_strn(strbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	if (!strbuf_grow(b, n + 2))
		return -1;
	b->data[b->len++] = '"';
	for (;;) {
		i = skip_plain(p, i, n);
		if (i >= n)
			break;
		if (p[i] >= 0x80) {
			do {
				/* most of them: three bytes, a lead byte whose second
				 * byte may be any continuation byte (not E0, not ED) */
				unsigned c = p[i];
				if (c >= 0xE1 && c <= 0xEF && c != 0xED && n - i >= 3
				    && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
					i += 3;
					continue;
				}
				size_t l = utf8_seq(p + i, n - i);
				if (!l)
					return -1;
				i += l;
			} while (i < n && p[i] >= 0x80);
			continue;
		}
		char e[6] = {'\\', 0, 0, 0, 0, 0};
		size_t el = 2;
		switch (p[i]) {
		case '\\': e[1] = '\\'; break;
		case '"': e[1] = '"'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default:
			e[1] = 'u', e[2] = '0', e[3] = '0';
			e[4] = hex[p[i] >> 4], e[5] = hex[p[i] & 15];
			el = 6;
		}
		memcpy(b->data + b->len, s + run, i - run);
		b->len += i - run;
		i++;
		run = i;
		/* the escape, the n - i bytes left, the quote (the NUL is extra) */
		if (!strbuf_grow(b, el + (n - i) + 1))
			return -1;
		memcpy(b->data + b->len, e, el);
		b->len += el;
	}
	memcpy(b->data + b->len, s + run, n - run);
	b->len += n - run;
	b->data[b->len++] = '"';
	b->data[b->len] = '\0';
	return 0;
}

static int put_str(strbuf *b, const char *s)
{
	return put_strn(b, s, strlen(s));
}

/* A string of the graph: its length is stored with it. */
static int put_gstr(strbuf *b, const char *s)
{
	return put_strn(b, s, argraph_graph__strlen(s));
}

/* strbuf_append, without the call when there is room. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

static ALWAYS_INLINE void put_raw(strbuf *b, const char *s, size_t n)
{
	if (b->cap - b->len > n) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		strbuf_append(b, s, n);
	}
}

static void put_int(strbuf *b, long long v)
{
	char tmp[24], *e = tmp + sizeof tmp, *q = e;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	put_raw(b, q, (size_t)(e - q));
}

/* An object being written: `indent` is NULL for compact output, else the
 * prefix of every line after the first (the object's own indentation);
 * members sit `depth` levels of two spaces deeper. */
typedef struct jobj {
	strbuf *b;
	const char *indent;
	int depth;
	int members;
	int bad;
} jobj;

static void obj_open(jobj *o, strbuf *b, const char *indent, int depth)
{
	o->b = b;
	o->indent = indent;
	o->depth = depth;
	o->members = 0;
	o->bad = 0;
	put_raw(b, "{", 1);
}

static void newline(strbuf *b, const char *indent, int depth)
{
	static const char spaces[] = "                ";
	strbuf_putc(b, '\n');
	strbuf_puts(b, indent);
	for (int d = 2 * depth; d > 0; d -= 16)
		strbuf_append(b, spaces, d < 16 ? (size_t)d : 16);
}

/* Start a member: the separator, the line break and indentation. */
static void obj_member(jobj *o)
{
	if (o->members++)
		put_raw(o->b, ",", 1);
	if (o->indent)
		newline(o->b, o->indent, o->depth);
}

/* A key from the graph (a label's language, an attribute name). */
static void obj_key(jobj *o, const char *key)
{
	obj_member(o);
	o->bad |= put_gstr(o->b, key);
	put_raw(o->b, ": ", o->indent ? 2 : 1);
}

/* A key of the format, given as `,"key":` (nothing to escape): compact
 * output takes it whole, or without the comma for the first member. */
static ALWAYS_INLINE void obj_lkey(jobj *o, const char *sep_key, size_t len)
{
	if (!o->indent) {
		if (o->members++)
			put_raw(o->b, sep_key, len);
		else
			put_raw(o->b, sep_key + 1, len - 1);
		return;
	}
	obj_member(o);
	put_raw(o->b, sep_key + 1, len - 2);
	put_raw(o->b, ": ", 2);
}

#define LKEY(o, k) obj_lkey((o), ",\"" k "\":", sizeof k + 3)

static int put_memo(strbuf *b, const char *s, argraph_json__memo *m, int k);

/* A member with a key and a value from the data (the value through the
 * text memo slot). */
static void obj_str(jobj *o, const char *key, const char *val, argraph_json__memo *memo)
{
	if (!key || !val) {
		o->bad = 1;
		return;
	}
	obj_key(o, key);
	o->bad |= put_memo(o->b, val, memo, 2);
}

/* A member with a format key and a string value written by `put`:
 * put_gstr for a string from the graph (its stored length), put_str for
 * one of the format's own (a kind's name). NULL: jansson's
 * json_string(NULL) failed. */
#define LSTR_WITH(o, k, val, put) do { \
		const char *v_ = (val); \
		if (!v_) { \
			(o)->bad = 1; \
			break; \
		} \
		LKEY(o, k); \
		(o)->bad |= put((o)->b, v_); \
	} while (0)
#define LSTR(o, k, val) LSTR_WITH(o, k, val, put_gstr)
#define LSTR_C(o, k, val) LSTR_WITH(o, k, val, put_str)

#define LINT(o, k, val) do { \
		LKEY(o, k); \
		put_int((o)->b, (val)); \
	} while (0)

/* Close; 0, or -1 when a member could not be written. */
static int obj_close(jobj *o)
{
	if (o->members && o->indent)
		newline(o->b, o->indent, o->depth - 1);
	put_raw(o->b, "}", 1);
	return o->bad || o->b->failed ? -1 : 0;
}

void argraph_json__memo_forget(argraph_json__memo *m)
{
	memset(m, 0, sizeof *m);
}

/* put_str through memo slot k: the same string as last time is copied
 * from its escaped form earlier in the buffer (equal bytes in, equal
 * bytes out). Texts (slot 2) under 32 escaped bytes are cheap to escape
 * and are not remembered, so they do not push out a sentence that is
 * about to come again. */
static int put_memo(strbuf *b, const char *s, argraph_json__memo *m, int k)
{
	size_t n = argraph_graph__strlen(s);
	if (!m)
		return put_strn(b, s, n);
	const char *prev = m->src[k];
	if (prev && (s == prev || (argraph_graph__strlen(prev) == n && memcmp(prev, s, n) == 0))) {
		size_t len = m->len[k];
		if (!strbuf_grow(b, len)) /* may move the data: copy after */
			return -1;
		memcpy(b->data + b->len, b->data + m->off[k], len);
		b->len += len;
		b->data[b->len] = '\0';
		return 0;
	}
	size_t mark = b->len;
	if (put_strn(b, s, n) < 0)
		return -1;
	if (k == 2 && b->len - mark < 32)
		return 0;
	m->src[k] = s;
	m->off[k] = mark;
	m->len[k] = b->len - mark;
	return 0;
}

/* A provenance member with a format key, the value through a memo slot. */
#define LMEMO(o, k, val, memo, slot) do { \
		LKEY(o, k); \
		(o)->bad |= put_memo((o)->b, (val), (memo), (slot)); \
	} while (0)

static int put_prov(jobj *parent, const argraph_prov *p, argraph_json__memo *memo)
{
	jobj o;
	LKEY(parent, "provenance");
	obj_open(&o, parent->b, parent->indent, parent->depth + 1);
	if (p->file)
		LMEMO(&o, "file", p->file, memo, 0);
	if (p->line)
		LINT(&o, "line", (json_int_t)p->line);
	if (p->xml_id)
		LSTR(&o, "xml_id", p->xml_id);
	if (p->xpath)
		LMEMO(&o, "xpath", p->xpath, memo, 1);
	if (p->text) {
		LMEMO(&o, "text", p->text, memo, 2);
		LINT(&o, "begin", (json_int_t)p->begin);
		LINT(&o, "end", (json_int_t)p->end);
	}
	return obj_close(&o);
}

int argraph_json__put_node(strbuf *b, const argraph_node *n, const char *indent,
	argraph_json__memo *memo)
{
	jobj o, sub;
	int bad = 0;
	obj_open(&o, b, indent, 1);
	LSTR(&o, "id", argraph_node_get_id(n));
	LSTR_C(&o, "kind", argraph_node_kind_name(argraph_node_get_kind(n)));
	const char *label = argraph_node_get_label(n, NULL);
	if (label)
		LMEMO(&o, "label", label, memo, 2);
	else
		o.bad = 1;
	LKEY(&o, "labels");
	obj_open(&sub, b, indent, 2);
	for (size_t k = 0; k < argraph_node_label_count(n); k++) {
		const char *lang, *text;
		argraph_node_label_at(n, k, &lang, &text);
		if (lang)
			obj_str(&sub, lang, text, memo);
	}
	bad |= obj_close(&sub);
	LKEY(&o, "attributes");
	obj_open(&sub, b, indent, 2);
	for (size_t k = 0; k < argraph_node_attr_count(n); k++) {
		const char *name, *value;
		argraph_node_attr_at(n, k, &name, &value);
		obj_str(&sub, name, value, memo);
	}
	bad |= obj_close(&sub);
	bad |= put_prov(&o, argraph_node_get_prov(n), memo);
	return obj_close(&o) | bad;
}

int argraph_json__put_edge(strbuf *b, const argraph_graph *g, const argraph_edge *e,
	const char *indent, argraph_json__memo *memo)
{
	jobj o, sub;
	int bad = 0;
	obj_open(&o, b, indent, 1);
	LSTR(&o, "id", argraph_edge_get_id(e));
	LSTR_C(&o, "kind", argraph_edge_kind_name(argraph_edge_get_kind(e)));
	LSTR(&o, "source", argraph_node_get_id(argraph_graph_node_at(g, argraph_edge_get_source(e))));
	LSTR(&o, "target", argraph_node_get_id(argraph_graph_node_at(g, argraph_edge_get_target(e))));
	if (argraph_edge_get_rule(e))
		LSTR(&o, "rule", argraph_edge_get_rule(e));
	LKEY(&o, "attributes");
	obj_open(&sub, b, indent, 2);
	for (size_t k = 0; k < argraph_edge_attr_count(e); k++) {
		const char *name, *value;
		argraph_edge_attr_at(e, k, &name, &value);
		obj_str(&sub, name, value, memo);
	}
	bad |= obj_close(&sub);
	bad |= put_prov(&o, argraph_edge_get_prov(e), memo);
	return obj_close(&o) | bad;
}

int argraph_json__put_string(strbuf *b, const char *s)
{
	return put_str(b, s);
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
	json_t *v;
	if ((v = json_object_get(o, "line")) && json_is_integer(v) && json_integer_value(v) > 0)
		p->line = (unsigned)json_integer_value(v);
	if ((v = json_object_get(o, "begin")) && json_is_integer(v) && json_integer_value(v) >= 0)
		p->begin = (size_t)json_integer_value(v);
	if ((v = json_object_get(o, "end")) && json_is_integer(v) && json_integer_value(v) >= 0)
		p->end = (size_t)json_integer_value(v);
	return ARGRAPH_OK;
}

static argraph_status read_attrs(json_t *o, argraph_graph *g, size_t idx, int is_edge)
{
	if (!o)
		return ARGRAPH_OK;
	if (!json_is_object(o))
		return ARGRAPH_EINVALID;
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		if (!json_is_string(v))
			return ARGRAPH_EINVALID;
		argraph_status st = is_edge ? argraph_graph_set_edge_attr(g, idx, k, json_string_value(v))
					    : argraph_graph_set_node_attr(g, idx, k, json_string_value(v));
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
		int label_is_lang = 0;
		if (labels) {
			if (!json_is_object(labels))
				BAD("node %s: \"labels\" must be an object", id);
			const char *lang;
			json_t *v;
			json_object_foreach(labels, lang, v) {
				if (!json_is_string(v))
					BAD("node %s: label for %s is not a string", id, lang);
				if ((st = argraph_graph_set_label(g, idx, lang, json_string_value(v))) != ARGRAPH_OK)
					goto done;
				if (label && strcmp(label, json_string_value(v)) == 0 && argraph_node_label_count(argraph_graph_node_at(g, idx)) == 1)
					label_is_lang = 1;
			}
		}
		if (label && !label_is_lang && strcmp(label, id) != 0
		    && (st = argraph_graph_set_label(g, idx, NULL, label)) != ARGRAPH_OK)
			goto done;
		if ((st = read_attrs(json_object_get(o, "attributes"), g, idx, 0)) != ARGRAPH_OK)
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
		if ((st = read_attrs(json_object_get(o, "attributes"), g, idx, 1)) != ARGRAPH_OK)
			BAD("edge %zu: \"attributes\" must map names to strings", i);
	}
done:
	json_decref(root);
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
