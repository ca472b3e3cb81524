/* SPDX-License-Identifier: MIT */
/*
 * jsonl.c — graphs as JSON Lines: one compact `argraph-graph/1` object per
 * line, so shards of a corpus can be streamed, concatenated, split with
 * ordinary tools (cat, split, GNU parallel) and merged.
 *
 * Writing is the frame of argraph_json_write() (json_stream.c) into a
 * buffer, with no stream.
 * Reading holds one line at a time (up to a limit) and hands it to
 * argraph_json_read_mem(); errors carry the stream's line number.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/merge.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/export.h"
#include "../export/json_internal.h"
#include "../util/strbuf.h"
#include "../util/vec.h"

argraph_status argraph_json_to_line(char **out, const argraph_graph *g, argraph_diags *diags)
{
	*out = NULL;
	(void)diags; /* without a stream, writing fails only for want of memory */
	strbuf b = {0};
	/* Room for the usual size at once (about 500 bytes a node or an
	 * edge), rather than a dozen doublings that copy the line each time;
	 * what is left over is given back below. A guess too small only
	 * means growing as before. */
	size_t elements = argraph_graph_node_count(g) + argraph_graph_edge_count(g);
	if (elements < SIZE_MAX / 1024)
		strbuf_grow(&b, 512 * elements + 256);
	argraph_status st = argraph_json__write(g, ARGRAPH_JSON_LINE, &b, NULL);
	if (st != ARGRAPH_OK) {
		strbuf_release(&b);
		return ARGRAPH_ENOMEM;
	}
	if (b.data && b.cap - b.len > b.len / 4 + 4096) {
		char *d = realloc(b.data, b.len + 1);
		if (d) {
			b.data = d;
			b.cap = b.len + 1;
		}
	}
	*out = strbuf_detach(&b);
	return ARGRAPH_OK;
}

/* ---- reading ---- */

/* The members of a "labels" or "attributes" object. */
typedef struct fkvs {
	argraph_json__pair *items;
	size_t len, cap;
} fkvs;

struct argraph_jsonl_reader {
	FILE *fp;
	int own;              /* fp was opened by the reader */
	char *name;
	unsigned long line;   /* lines read so far */
	size_t max;
	int started;          /* the first non-blank line has been seen */
	int eof;
	strbuf buf;
	strbuf copy;          /* the fast path's private copy of a line */
	fkvs labels, attrs;   /* the fast path's members of one object */
};

argraph_status argraph_jsonl_reader_new_stream(argraph_jsonl_reader **out, FILE *fp,
	const char *name)
{
	*out = NULL;
	argraph_jsonl_reader *r = calloc(1, sizeof *r);
	if (!r)
		return ARGRAPH_ENOMEM;
	r->fp = fp;
	r->max = ARGRAPH_JSONL_DEFAULT_MAX_LINE;
	r->name = strdup(name ? name : "<stream>");
	if (!r->name) {
		free(r);
		return ARGRAPH_ENOMEM;
	}
	*out = r;
	return ARGRAPH_OK;
}

argraph_status argraph_jsonl_reader_new_file(argraph_jsonl_reader **out, const char *path,
	argraph_diags *diags)
{
	*out = NULL;
	int is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp) {
		argraph_pos pos = {path, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.io", &pos, "cannot open: %s",
			strerror(errno));
		return ARGRAPH_EIO;
	}
	argraph_status st = argraph_jsonl_reader_new_stream(out, fp, is_stdin ? "<stdin>" : path);
	if (st != ARGRAPH_OK) {
		if (!is_stdin)
			fclose(fp);
		return st;
	}
	(*out)->own = !is_stdin;
	return ARGRAPH_OK;
}

void argraph_jsonl_reader_set_max_line(argraph_jsonl_reader *r, size_t max)
{
	r->max = max ? max : ARGRAPH_JSONL_DEFAULT_MAX_LINE;
}

unsigned long argraph_jsonl_reader_line(const argraph_jsonl_reader *r)
{
	return r->line;
}

void argraph_jsonl_reader_free(argraph_jsonl_reader *r)
{
	if (!r)
		return;
	if (r->own && r->fp)
		fclose(r->fp);
	strbuf_release(&r->buf);
	strbuf_release(&r->copy);
	free(r->labels.items);
	free(r->attrs.items);
	free(r->name);
	free(r);
}

/* Read one line (without its "\n" or "\r\n") into r->buf. Returns 1 for a
 * line, 0 at the end, -1 on a read error, -2 when the line is over the
 * limit (the rest of it is skipped), -3 out of memory. */
static int read_line(argraph_jsonl_reader *r)
{
	strbuf_reset(&r->buf);
	if (r->eof)
		return 0;
	char chunk[65536];
	int got = 0, too_big = 0;
	for (;;) {
		if (!fgets(chunk, sizeof chunk, r->fp)) {
			if (ferror(r->fp))
				return -1;
			r->eof = 1;
			break;
		}
		got = 1;
		size_t n = strlen(chunk);
		int end = n && chunk[n - 1] == '\n';
		if (!too_big) {
			if (r->buf.len + n > r->max)
				too_big = 1;
			else
				strbuf_append(&r->buf, chunk, n);
			if (r->buf.failed)
				return -3;
		}
		if (end)
			break;
	}
	if (!got)
		return 0;
	r->line++;
	if (too_big)
		return -2;
	while (r->buf.len && (r->buf.data[r->buf.len - 1] == '\n' || r->buf.data[r->buf.len - 1] == '\r'))
		r->buf.data[--r->buf.len] = '\0';
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* ---- the fast path ----
 *
 * Nearly every line is a graph exactly as argraph_json__write() makes it.
 * Building a jansson tree for each (a hash table per object, a malloc per
 * value) was most of the cost of `argraph merge`, so such a line is read
 * here directly into the graph, making the same argraph_graph_* calls in
 * the same order as argraph_json_read_mem() does. This path is deliberately
 * narrow: anything it is not sure of — a syntax error, a duplicate key, an
 * unexpected member or type, a real number, a \u0000, bad UTF-8, a failing
 * graph call — makes it give up, and the line goes to
 * argraph_json_read_mem() as before, which then decides (and reports) as it
 * always has. So the fast path may only ever agree with it. Strings are
 * decoded in place in a private copy of the line (never longer than
 * written), so no string is allocated until the graph copies it. */


typedef struct fparse {
	char *p, *end;
	argraph_graph *g;
	fkvs labels, attrs;
} fparse;

static void fws(fparse *f)
{
	while (f->p < f->end && (*f->p == ' ' || *f->p == '\t' || *f->p == '\n' || *f->p == '\r'))
		f->p++;
}

static int feat(fparse *f, char c)
{
	fws(f);
	if (f->p < f->end && *f->p == c) {
		f->p++;
		return 1;
	}
	return 0;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 if invalid:
 * no overlong forms, no surrogates, nothing above U+10FFFF (as jansson). */
static size_t futf8(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], v;
	size_t n;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF
	    || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return n;
}

static char *fput_utf8(char *w, unsigned v)
{
	if (v < 0x80)
		*w++ = (char)v;
	else if (v < 0x800) {
		*w++ = (char)(0xC0 | (v >> 6));
		*w++ = (char)(0x80 | (v & 0x3F));
	} else if (v < 0x10000) {
		*w++ = (char)(0xE0 | (v >> 12));
		*w++ = (char)(0x80 | ((v >> 6) & 0x3F));
		*w++ = (char)(0x80 | (v & 0x3F));
	} else {
		*w++ = (char)(0xF0 | (v >> 18));
		*w++ = (char)(0x80 | ((v >> 12) & 0x3F));
		*w++ = (char)(0x80 | ((v >> 6) & 0x3F));
		*w++ = (char)(0x80 | (v & 0x3F));
	}
	return w;
}

/* A string, decoded in place and NUL-terminated; NULL to give up. */
static const char *fstr(fparse *f)
{
	if (!feat(f, '"'))
		return NULL;
	char *start = f->p, *r = f->p, *w = f->p, *end = f->end;
	for (;;) {
		/* the common case: a run of plain ASCII (copied only once an
		 * escape has made the decoded text shorter) */
		if (w == r) {
			while (r < end && (unsigned char)*r >= 0x20 && *r != '"' && *r != '\\'
			       && (unsigned char)*r < 0x80)
				r++;
			w = r;
		} else {
			while (r < end && (unsigned char)*r >= 0x20 && *r != '"' && *r != '\\'
			       && (unsigned char)*r < 0x80)
				*w++ = *r++;
		}
		if (r >= end)
			return NULL;
		unsigned char c = (unsigned char)*r;
		if (c == '"')
			break;
		if (c < 0x20)
			return NULL;
		if (c >= 0x80) {
			size_t n = futf8((const unsigned char *)r, (const unsigned char *)end);
			if (!n)
				return NULL;
			if (w == r)
				w = r += n;
			else
				for (size_t i = 0; i < n; i++)
					*w++ = *r++;
			continue;
		}
		/* an escape */
		if (end - r < 2)
			return NULL;
		char e = r[1];
		r += 2;
		switch (e) {
		case '"': *w++ = '"'; break;
		case '\\': *w++ = '\\'; break;
		case '/': *w++ = '/'; break;
		case 'b': *w++ = '\b'; break;
		case 'f': *w++ = '\f'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		case 'u': {
			unsigned v, lo;
			if (end - r < 4 || hex4(r, &v) < 0)
				return NULL;
			r += 4;
			if (v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
				return NULL;
			if (v >= 0xD800 && v <= 0xDBFF) {
				if (end - r < 6 || r[0] != '\\' || r[1] != 'u' || hex4(r + 2, &lo) < 0
				    || lo < 0xDC00 || lo > 0xDFFF)
					return NULL;
				r += 6;
				v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
			}
			w = fput_utf8(w, v);
			break;
		}
		default:
			return NULL;
		}
	}
	*w = '\0'; /* w <= r, the closing quote */
	f->p = r + 1;
	return start;
}

/* A plain integer (no fraction or exponent, at most 18 digits). */
static int fint(fparse *f, long long *out)
{
	fws(f);
	const char *p = f->p;
	int neg = 0;
	if (p < f->end && *p == '-') {
		neg = 1;
		p++;
	}
	const char *d = p;
	long long v = 0;
	while (p < f->end && *p >= '0' && *p <= '9' && p - d < 18)
		v = v * 10 + (*p++ - '0');
	size_t nd = (size_t)(p - d);
	if (nd == 0 || nd > 18 || (nd > 1 && *d == '0'))
		return -1;
	if (p < f->end && (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')))
		return -1;
	f->p = (char *)p;
	*out = neg ? -v : v;
	return 0;
}

/* A scalar member the reader ignores ("generator"): a string, integer,
 * true, false or null. */
static int fskip(fparse *f)
{
	fws(f);
	if (f->p >= f->end)
		return -1;
	if (*f->p == '"')
		return fstr(f) ? 0 : -1;
	if (*f->p == '-' || (*f->p >= '0' && *f->p <= '9')) {
		long long v;
		return fint(f, &v);
	}
	static const char *const words[] = {"true", "false", "null"};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if ((size_t)(f->end - f->p) >= n && memcmp(f->p, words[i], n) == 0) {
			f->p += n;
			return 0;
		}
	}
	return -1;
}

/* Bit of a known member name in `names` (NULL-terminated), -1 if unknown. */
static int fmember(const char *k, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (k[0] == names[i][0] && strcmp(k, names[i]) == 0)
			return i;
	return -1;
}

/* An object, `{}` or `{"k": value, ...}`: member(f, k, ctx) reads each
 * value (k decoded, NUL-terminated). The one reading of the object syntax
 * for every object of a line. */
static int fmembers(fparse *f, int (*member)(fparse *f, const char *k, void *ctx), void *ctx)
{
	if (!feat(f, '{'))
		return -1;
	if (feat(f, '}'))
		return 0;
	do {
		const char *k = fstr(f);
		if (!k || !feat(f, ':') || member(f, k, ctx) < 0)
			return -1;
	} while (feat(f, ','));
	return feat(f, '}') ? 0 : -1;
}

static int string_member(fparse *f, const char *k, void *ctx)
{
	fkvs *v = ctx;
	const char *s = fstr(f);
	if (!s)
		return -1;
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i].k[0] == k[0] && strcmp(v->items[i].k, k) == 0)
			return -1;
	if (vec_reserve((void **)&v->items, &v->cap, sizeof *v->items, v->len + 1, 16) != 0)
		return -1;
	v->items[v->len++] = (argraph_json__pair){k, s};
	return 0;
}

/* An object of strings, into v (in order); no duplicate names. */
static int fstrings(fparse *f, fkvs *v)
{
	v->len = 0;
	return fmembers(f, string_member, v);
}

/* fobject's bookkeeping around its caller's member(). */
typedef struct fknown {
	const char *const *names;
	unsigned allowed, seen;
	int (*member)(fparse *f, int m, void *ctx);
	void *ctx;
} fknown;

static int known_member(fparse *f, const char *k, void *ctx)
{
	fknown *o = ctx;
	int m = fmember(k, o->names);
	if (m < 0 || !(o->allowed & (1u << m)) || (o->seen & (1u << m)))
		return -1;
	o->seen |= 1u << m;
	return o->member(f, m, o->ctx);
}

/* An object whose members are all among `names` (NULL-terminated, at most
 * 32) and, by their index there, in the bit set `allowed`, each at most
 * once, in any order: member(f, index, ctx) reads each value. For
 * provenance, node and edge objects. */
static int fobject(fparse *f, const char *const *names, unsigned allowed,
	int (*member)(fparse *f, int m, void *ctx), void *ctx)
{
	fknown o = {names, allowed, 0, member, ctx};
	return fmembers(f, known_member, &o);
}

static const char *const prov_names[] = {"file", "line", "xml_id", "xpath", "text", "begin", "end", NULL};

static int prov_member(fparse *f, int m, void *ctx)
{
	argraph_prov *p = ctx;
	long long v;
	switch (m) {
	case 0: return (p->file = fstr(f)) ? 0 : -1;
	case 2: return (p->xml_id = fstr(f)) ? 0 : -1;
	case 3: return (p->xpath = fstr(f)) ? 0 : -1;
	case 4: return (p->text = fstr(f)) ? 0 : -1;
	default:
		if (fint(f, &v) < 0)
			return -1;
		argraph_json__set_prov_number(p, m == 1 ? ARGRAPH_JSON__PROV_LINE
			: m == 5 ? ARGRAPH_JSON__PROV_BEGIN : ARGRAPH_JSON__PROV_END, v);
		return 0;
	}
}

static int fprov(fparse *f, argraph_prov *p)
{
	memset(p, 0, sizeof *p);
	return fobject(f, prov_names, ~0u, prov_member, p);
}

/* The members of a node or an edge object as read (strings borrowed from
 * the line; labels and attributes in the parser's reused lists). */
typedef struct fitem {
	const char *id, *kind, *label, *src, *dst, *rule;
	argraph_prov p;
} fitem;

/* The members of node and edge objects, by the bit of each in NODE_MEMBERS
 * and EDGE_MEMBERS: one reader for the members both have. */
enum { I_ID, I_KIND, I_LABEL, I_LABELS, I_SOURCE, I_TARGET, I_RULE, I_ATTRS, I_PROV };
static const char *const item_names[] = {"id", "kind", "label", "labels", "source", "target", "rule",
	"attributes", "provenance", NULL};
#define NODE_MEMBERS (1u << I_ID | 1u << I_KIND | 1u << I_LABEL | 1u << I_LABELS | 1u << I_ATTRS \
	| 1u << I_PROV)
#define EDGE_MEMBERS (1u << I_ID | 1u << I_KIND | 1u << I_SOURCE | 1u << I_TARGET | 1u << I_RULE \
	| 1u << I_ATTRS | 1u << I_PROV)

static int item_member(fparse *f, int m, void *ctx)
{
	fitem *it = ctx;
	switch (m) {
	case I_ID: return (it->id = fstr(f)) ? 0 : -1;
	case I_KIND: return (it->kind = fstr(f)) ? 0 : -1;
	case I_LABEL: return (it->label = fstr(f)) ? 0 : -1;
	case I_SOURCE: return (it->src = fstr(f)) ? 0 : -1;
	case I_TARGET: return (it->dst = fstr(f)) ? 0 : -1;
	case I_RULE: return (it->rule = fstr(f)) ? 0 : -1;
	case I_LABELS: return fstrings(f, &f->labels);
	case I_ATTRS: return fstrings(f, &f->attrs);
	default: return fprov(f, &it->p);
	}
}

static int fnode(fparse *f)
{
	fitem it = {0};
	f->labels.len = f->attrs.len = 0;
	if (fobject(f, item_names, NODE_MEMBERS, item_member, &it) < 0)
		return -1;
	const char *id = it.id, *label = it.label;
	argraph_node_kind k = argraph_node_kind_from_name(it.kind);
	if (!id || !*id || k == ARGRAPH_NODE_NONE || argraph_graph_find_node(f->g, id) != ARGRAPH_NONE)
		return -1;
	size_t idx;
	if (argraph_graph_add_node(f->g, k, id, &it.p, &idx) != ARGRAPH_OK)
		return -1;
	if (argraph_json__read_labels(f->g, idx, id, label, f->labels.items, f->labels.len) != ARGRAPH_OK)
		return -1;
	return argraph_json__read_attrs(f->g, idx, 0, f->attrs.items, f->attrs.len) == ARGRAPH_OK ? 0 : -1;
}

static int fedge(fparse *f)
{
	fitem it = {0};
	f->attrs.len = 0;
	if (fobject(f, item_names, EDGE_MEMBERS, item_member, &it) < 0)
		return -1;
	argraph_edge_kind k = argraph_edge_kind_from_name(it.kind);
	if (k == ARGRAPH_EDGE_NONE || !it.src || !it.dst)
		return -1;
	size_t s = argraph_graph_find_node(f->g, it.src), d = argraph_graph_find_node(f->g, it.dst);
	size_t idx;
	if (s == ARGRAPH_NONE || d == ARGRAPH_NONE
	    || argraph_graph_add_edge(f->g, k, s, d, it.rule, &it.p, &idx) != ARGRAPH_OK)
		return -1;
	return argraph_json__read_attrs(f->g, idx, 1, f->attrs.items, f->attrs.len) == ARGRAPH_OK ? 0 : -1;
}

/* What fgraph has read of the top-level object. */
typedef struct ftop {
	const char *version;
	int nodes, edges;
	const char *other[8]; /* the names of members that are ignored */
	size_t nother;
} ftop;

static int top_member(fparse *f, const char *k, void *ctx)
{
	ftop *t = ctx;
	if (strcmp(k, "version") == 0)
		return t->version || !(t->version = fstr(f)) ? -1 : 0;
	if (strcmp(k, "nodes") == 0 || strcmp(k, "edges") == 0) {
		int is_nodes = k[0] == 'n';
		if (is_nodes ? t->nodes : t->edges)
			return -1;
		if (!is_nodes && !t->nodes) /* edges need their nodes first */
			return -1;
		*(is_nodes ? &t->nodes : &t->edges) = 1;
		if (!feat(f, '['))
			return -1;
		if (feat(f, ']'))
			return 0;
		do {
			if ((is_nodes ? fnode(f) : fedge(f)) < 0)
				return -1;
		} while (feat(f, ','));
		return feat(f, ']') ? 0 : -1;
	}
	for (size_t i = 0; i < t->nother; i++)
		if (strcmp(t->other[i], k) == 0)
			return -1;
	if (t->nother == sizeof t->other / sizeof *t->other || fskip(f) < 0)
		return -1;
	t->other[t->nother++] = k;
	return 0;
}

/* The whole graph; -1 to leave the line to argraph_json_read_mem(). */
static int fgraph(fparse *f)
{
	ftop t = {0};
	if (fmembers(f, top_member, &t) < 0)
		return -1;
	fws(f);
	if (f->p != f->end || !t.nodes || !t.edges || !t.version
	    || strcmp(t.version, ARGRAPH_JSON_FORMAT) != 0)
		return -1;
	return 0;
}

/* The graph of buf[0..len) by the fast path, or NULL. */
static argraph_graph *fast_read(argraph_jsonl_reader *r, const char *buf, size_t len)
{
	strbuf_reset(&r->copy);
	strbuf_append(&r->copy, buf, len);
	if (r->copy.failed)
		return NULL;
	fparse f = {r->copy.data, r->copy.data + len, NULL, {0}, {0}};
	f.labels = r->labels;
	f.attrs = r->attrs;
	int ok = argraph_graph_new(&f.g) == ARGRAPH_OK && fgraph(&f) == 0;
	r->labels = f.labels; /* kept for the next line */
	r->attrs = f.attrs;
	if (!ok) {
		argraph_graph_free(f.g);
		return NULL;
	}
	return f.g;
}

/* Parse `len` bytes as one graph; diagnostics move to `diags` with their
 * line counted from `first_line` of the stream. */
static argraph_status parse(argraph_jsonl_reader *r, const char *buf, size_t len,
	unsigned long first_line, argraph_graph **out, argraph_diags *diags)
{
	if ((*out = fast_read(r, buf, len)) != NULL)
		return ARGRAPH_OK;
	argraph_diags *tmp = NULL;
	if (argraph_diags_new(&tmp) != ARGRAPH_OK)
		return ARGRAPH_ENOMEM;
	argraph_status st = argraph_json_read_mem(out, buf, len, r->name, tmp);
	for (size_t i = 0; i < argraph_diags_count(tmp); i++) {
		const argraph_diag *d = argraph_diags_at(tmp, i);
		argraph_pos pos = d->pos;
		pos.file = r->name;
		pos.line = (unsigned)(first_line + (pos.line ? pos.line - 1 : 0));
		argraph_diags_add(diags, d->severity, d->code, &pos, "%s", d->message);
	}
	argraph_diags_free(tmp);
	return st;
}

argraph_status argraph_jsonl_reader_next(argraph_jsonl_reader *r, argraph_graph **out,
	argraph_diags *diags)
{
	*out = NULL;
	for (;;) {
		int rc = read_line(r);
		argraph_pos pos = {r->name, (unsigned)r->line, 0, NULL};
		if (rc == 0)
			return ARGRAPH_OK;
		if (rc == -3)
			return ARGRAPH_ENOMEM;
		if (rc == -1) {
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.io", &pos, "read error: %s",
				strerror(errno));
			return ARGRAPH_EIO;
		}
		if (rc == -2) {
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.too_big", &pos,
				"line longer than %zu bytes (merge --max-size raises the limit)", r->max);
			return ARGRAPH_ETOOBIG;
		}
		if (blank(r->buf.data, r->buf.len))
			continue;
		int first = !r->started;
		r->started = 1;
		if (first && strcmp(r->buf.data + strspn(r->buf.data, " \t"), "{") == 0) {
			/* a pretty-printed graph: the whole stream is one object */
			unsigned long from = r->line;
			strbuf_putc(&r->buf, '\n');
			char chunk[65536];
			size_t n;
			while ((n = fread(chunk, 1, sizeof chunk, r->fp)) > 0) {
				if (r->buf.len + n > r->max) {
					argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.too_big", &pos,
						"graph longer than %zu bytes (merge --max-size raises the limit)", r->max);
					r->eof = 1;
					return ARGRAPH_ETOOBIG;
				}
				strbuf_append(&r->buf, chunk, n);
			}
			if (ferror(r->fp)) {
				argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.io", &pos, "read error: %s",
					strerror(errno));
				return ARGRAPH_EIO;
			}
			if (r->buf.failed)
				return ARGRAPH_ENOMEM;
			r->eof = 1;
			return parse(r, r->buf.data, r->buf.len, from, out, diags);
		}
		return parse(r, r->buf.data, r->buf.len, r->line, out, diags);
	}
}
