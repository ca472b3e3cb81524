/* SPDX-License-Identifier: MIT */
/*
 * reader.c — TEI tree → document model.
 *
 * The document is parsed into a teitree (our SAX2 handlers build it in an
 * arena: libxml2's own tree is never built, teitree.h). Three passes over
 * that tree, none recursive (the parser caps depth at 256 without
 * XML_PARSE_HUGE, but we do not rely on it):
 *  1. header: titles and abstracts (abstracts become sections);
 *  2. authority lists, bibliography entries, footnotes with xml:id, links,
 *     wherever they are (teiHeader, standOff, back);
 *  3. the <text>: divs become sections, p/ab/head/note become blocks whose
 *     text is flattened (white space normalised, notes and figures left
 *     out), inline entity markup becomes inline records with byte spans,
 *     and each block is split into sentences.
 * Only elements in the TEI namespace are read; foreign elements are
 * skipped with their content.
 */
#include "argraph/tei.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h> /* strcasecmp */

#include <libxml/parser.h> /* xmlCleanupParser */
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "../doc/doc_internal.h"
#include "../util/strbuf.h"
#include "../util/utf8.h"
#include "../util/vec.h"
#include "teitree.h"
#include "xmlparse.h"

#define UNSET ((size_t)-1)

/* ---- small tree helpers ---- */

static int is_tei(const teitree_node *n)
{
	return n && n->type == TEITREE_ELEMENT && n->tei;
}

/* The element's local name is `name`: a string compare, for classify()
 * only (once per distinct name in a document); the first byte decides
 * most of its ~50 comparisons without a call. */
static int name_is(const teitree_node *n, const char *name)
{
	return n->name[0] == name[0] && strcmp(n->name, name) == 0;
}

static int named_any(const teitree_node *n, const char *const *names)
{
	if (!n || n->type != TEITREE_ELEMENT)
		return 0;
	for (; *names; names++)
		if (name_is(n, *names))
			return is_tei(n);
	return 0;
}

/* n is the TEI element `name`, an interned name (reader_names): the tree
 * interns its names, so equal names are equal pointers. */
static int named(const teitree_node *n, const char *name)
{
	return n && n->type == TEITREE_ELEMENT && n->name == name && n->tei;
}

static const char *XML_NS = "http://www.w3.org/XML/1998/namespace";

/*
 * Every element and attribute name the reader looks for by name (the
 * classes of name_class() aside), interned once per document
 * (teitree_intern) so that each test is a pointer comparison instead of
 * a strcmp per element and per attribute. A name the document never uses
 * is NULL and matches nothing. One field per distinct string: "ref" is
 * both an element and an attribute.
 */
#define READER_NAMES(X) \
	X(abstract) X(affiliation) X(ana) X(analytic) X(author) X(back) X(bibl) \
	X(biblStruct) X(body) X(catDesc) X(category) X(date) X(editor) \
	X(email) X(fileDesc) X(from) X(front) X(gloss) X(id) X(idno) X(lang) X(link) \
	X(linkGrp) X(listBibl) X(listPerson) X(monogr) X(n) X(note) X(org) X(orgName) \
	X(persName) X(person) X(profileDesc) X(ref) X(sameAs) X(surname) X(target) \
	X(taxonomy) X(teiHeader) X(text) X(title) X(titleStmt) X(type) X(when)

typedef struct reader_names {
#define READER_NAME_FIELD(name) const char *name;
	READER_NAMES(READER_NAME_FIELD)
#undef READER_NAME_FIELD
	const char *break_; /* lb/@break */
	const char *xml_ns; /* the XML namespace (xml:id, xml:lang) */
} reader_names;

static void intern_names(reader_names *nm, const teitree *t)
{
#define READER_NAME_INTERN(name) nm->name = teitree_intern(t, #name);
	READER_NAMES(READER_NAME_INTERN)
#undef READER_NAME_INTERN
	nm->break_ = teitree_intern(t, "break");
	/* The parser always interns it; were it missing, no attribute could
	 * be in it, and a pointer no attribute holds says so (NULL would
	 * mean "no namespace"). */
	nm->xml_ns = teitree_intern(t, XML_NS);
	if (!nm->xml_ns)
		nm->xml_ns = XML_NS;
}

#define XPATH_MAX_DEPTH 300

/* The position xpath_of() found last at each depth (counted from the
 * root). Elements are asked for in document order, so the last one at a
 * depth is usually an earlier sibling: counting back stops there instead
 * of at the first child, and 40,000 sibling paragraphs cost 40,000 steps,
 * not 800 million. */
typedef struct xpath_cache {
	const teitree_node *node[XPATH_MAX_DEPTH];
	unsigned pos[XPATH_MAX_DEPTH];
} xpath_cache;

/* n's position among its same-name siblings (1 for the first), n being
 * at `level` below the root; counted incrementally (xpath_cache). */
static unsigned sibling_position(xpath_cache *xc, size_t level, const teitree_node *n)
{
	const teitree_node *known = xc->node[level];
	if (known && (known->name != n->name || known->parent != n->parent))
		known = NULL; /* not a same-name sibling */
	unsigned pos = 1;
	if (known == n) { /* asked again (a block's ancestors, each time) */
		pos = xc->pos[level];
	} else {
		for (const teitree_node *s = n->prev; s; s = s->prev) {
			if (s == known) { /* it and those before it: its position */
				pos += xc->pos[level];
				break;
			}
			if (s->type == TEITREE_ELEMENT && s->name == n->name)
				pos++;
		}
	}
	xc->node[level] = n;
	xc->pos[level] = pos;
	return pos;
}

/* "/TEI/text[1]/body[1]/div[2]" — positions among same-name siblings.
 * Measured first, then written straight into the arena. */
static const char *xpath_of(argraph_doc *doc, xpath_cache *xc, const teitree_node *n)
{
	const teitree_node *chain[XPATH_MAX_DEPTH];
	unsigned pos[XPATH_MAX_DEPTH];
	size_t depth = 0, total = 0;
	for (const teitree_node *p = n; p && p->type == TEITREE_ELEMENT && depth < XPATH_MAX_DEPTH;
	     p = p->parent)
		chain[depth++] = p;
	for (size_t k = depth; k-- > 0;) {
		total += 1 + strlen(chain[k]->name);
		if (k + 1 == depth)
			continue; /* the root has no position */
		pos[k] = sibling_position(xc, depth - 1 - k, chain[k]);
		total += 2 + 1;
		for (unsigned v = pos[k]; v >= 10; v /= 10)
			total++;
	}
	char *r = arena_alloc_bytes(&doc->mem, total + 1);
	if (!r)
		return NULL;
	char *w = r;
	for (size_t k = depth; k-- > 0;) {
		size_t len = strlen(chain[k]->name);
		*w++ = '/';
		memcpy(w, chain[k]->name, len);
		w += len;
		if (k + 1 == depth)
			continue;
		char num[16], *e = num + sizeof num, *q = e;
		unsigned v = pos[k];
		do
			*--q = (char)('0' + v % 10);
		while ((v /= 10) != 0);
		*w++ = '[';
		memcpy(w, q, (size_t)(e - q));
		w += e - q;
		*w++ = ']';
	}
	*w = '\0';
	return r;
}

static const char *strip_hash(const char *s)
{
	return s && s[0] == '#' ? s + 1 : s;
}

/* ---- text accumulation with white-space normalisation ---- */

typedef struct textacc {
	strbuf buf;
	int pending_space;
	uint32_t prev;
} textacc;

typedef struct reader reader;
static void mark_inline_begins(reader *r);

/* strbuf_append, the common case (room enough) inline: a block's text
 * is appended to a run at a time, several hundred thousand times. */
static void acc_append(strbuf *b, const char *s, size_t n)
{
	if (!b->failed && b->cap - b->len > n) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		strbuf_append(b, s, n);
	}
}

static void acc_soft_space(textacc *a)
{
	if (a->buf.len)
		a->pending_space = 1;
}

/* The ASCII bytes utf8_cp_is_space() counts: ' ', \t, \n, \v, \f, \r. */
static int is_ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* utf8_cp_width(cp) == 2, without the call below U+1100 (no wide
 * character comes before it). */
static int is_wide(uint32_t cp)
{
	return cp >= 0x1100 && utf8_cp_width(cp) == 2;
}

/* Printable ASCII other than the space (DEL included, as the decoder
 * path always took it). */
static int is_ascii_word(unsigned char c)
{
	return c > ' ' && c < 0x80;
}

/* Past the ASCII white space at u[i..n) (the indentation between
 * elements, mostly): 16 bytes at a time where SSE2 is there. */
static size_t skip_ascii_space(const unsigned char *u, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), four = _mm_set1_epi8(4);
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i t = _mm_sub_epi8(x, tab); /* \t..\r: 0..4 */
		__m128i ws = _mm_or_si128(_mm_cmpeq_epi8(x, space),
			_mm_cmpeq_epi8(_mm_min_epu8(t, four), t));
		unsigned mask = (unsigned)_mm_movemask_epi8(ws);
		if (mask != 0xFFFF)
			return i + (size_t)__builtin_ctz(~mask);
	}
#endif
	while (i < n && is_ascii_space(u[i]))
		i++;
	return i;
}

/*
 * The length of the character at u[0] (n bytes left) when it is well
 * formed and its lead byte rules out white space, else 0 (decode it).
 * White space beyond ASCII is U+00A0, U+2000-U+205F, U+3000 and U+FEFF:
 * lead bytes C2, E2, E3 and EF. C0, C1, E0 and F0 go to the decoder too:
 * they begin the overlong forms, which the decoder would read as the code
 * point they spell (a space among them). libxml2 rejects overlong UTF-8,
 * so a parsed text holds none; sending them on only keeps this shortcut
 * in step with the decoder for any bytes. So CJK text (lead bytes E4-E9)
 * is stepped over without decoding.
 */
static size_t nonspace_char_len(const unsigned char *u, size_t n)
{
	unsigned char c = u[0];
	size_t len = c >= 0xC3 && c <= 0xDF ? 2
		   : c == 0xE1 || (c >= 0xE4 && c <= 0xEE) ? 3
		   : c >= 0xF1 && c <= 0xF7 ? 4 : 0;
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((u[k] & 0xC0) != 0x80)
			return 0;
	return len;
}

/*
 * Where the run of characters that goes into the text unchanged, starting
 * at s[i], ends; *last: its last code point, if it consumed any. That is
 * non-space characters, and also a single ' ' between a character and a
 * printable ASCII one: normalising would write exactly that ' ' again
 * (a pending space is only dropped between two wide characters), so
 * ordinary prose is copied word group by word group, not word by word.
 */
static size_t plain_run_end(const char *s, size_t n, size_t i, uint32_t *last)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t skipped_at = SIZE_MAX; /* the last character, when not decoded */
	for (;;) {
		size_t from = i;
		while (i < n) {
			if (is_ascii_word(u[i]))
				i++;
			else if (u[i] == ' ' && i + 1 < n && is_ascii_word(u[i + 1]))
				i += 2;
			else
				break;
		}
		if (i > from) {
			*last = u[i - 1];
			skipped_at = SIZE_MAX;
		}
		if (i >= n || u[i] < 0x80)
			break;
		size_t len;
		while (i < n && (len = nonspace_char_len(u + i, n - i)) != 0) {
			skipped_at = i;
			i += len;
		}
		if (i >= n || u[i] < 0x80)
			continue;
		size_t j = i;
		uint32_t c = utf8_next(s, n, &j);
		if (utf8_cp_is_space(c))
			break;
		*last = c;
		skipped_at = SIZE_MAX;
		i = j;
	}
	if (skipped_at != SIZE_MAX)
		*last = utf8_next(s, n, &skipped_at);
	return i;
}

/* Append s[0..n) normalising white space: runs of it become one space,
 * none at the start, and none between two wide characters. Only the first
 * non-space character of the call can open an inline's span (every open
 * inline has its begin after that). Runs of ASCII white space (the
 * indentation between elements) are skipped without decoding, and text
 * that needs no change is appended a run at a time (plain_run_end). */
static void acc_text(textacc *a, reader *r, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int marked = r == NULL;
	while (i < n) {
		if (is_ascii_space(u[i])) {
			i = skip_ascii_space(u, i + 1, n);
			acc_soft_space(a);
			continue;
		}
		size_t at = i;
		uint32_t cp = u[i] < 0x80 ? u[i++] : utf8_next(s, n, &i);
		if (cp >= 0x80 && utf8_cp_is_space(cp)) {
			acc_soft_space(a);
			continue;
		}
		if (a->pending_space) {
			/* A line break inside Chinese text is not a space. */
			if (!(is_wide(a->prev) && is_wide(cp)))
				strbuf_putc(&a->buf, ' ');
			a->pending_space = 0;
		}
		if (!marked) {
			mark_inline_begins(r);
			marked = 1;
		}
		i = plain_run_end(s, n, i, &cp);
		acc_append(&a->buf, s + at, i - at);
		a->prev = cp;
	}
}

/* ---- the reader ---- */

/*
 * What enter(), leave() and flatten_into() ask of a TEI element's name,
 * worked out once per distinct name in a document: names are interned in
 * the tree (equal names, equal pointers), so the answers are cached by
 * pointer and the per-element string comparisons become one probe. The
 * answers come from the same name lists as before, so nothing read
 * changes.
 */
enum {
	NC_C = 1 << 0, NC_LB = 1 << 1, NC_SKIP_IN_TEXT = 1 << 2, NC_WORD_BREAK = 1 << 3,
	NC_DIV = 1 << 4, NC_HEAD = 1 << 5, NC_NOTE = 1 << 6, NC_BLOCK_START = 1 << 7,
	NC_SKIPPED_OUTSIDE = 1 << 8,
	NC_KNOWN = 1 << 15 /* the slot holds an answer */
};
#define NAME_CACHE_SLOTS 256 /* a power of two; TEI documents use ~100 names */

typedef struct name_cache {
	const char *name[NAME_CACHE_SLOTS];
	unsigned short cls[NAME_CACHE_SLOTS];
	unsigned char kind[NAME_CACHE_SLOTS]; /* inline_kind_of, as if in TEI */
	unsigned used;
} name_cache;


typedef struct open_inline {
	const teitree_node *node;
	size_t index;
} open_inline;

struct reader {
	argraph_doc *doc;
	const teitree_node *root; /* the document's <TEI> (a teiCorpus member or the file's root) */
	argraph_diags *diags;
	argraph_status status;
	/* the block being accumulated */
	const teitree_node *block_node; /* NULL when not in a block */
	size_t block;
	textacc acc;
	textacc flat;            /* flatten()'s buffer */
	open_inline *inl;
	size_t inl_len, inl_cap;
	/* section nesting */
	size_t *sec;
	size_t sec_len, sec_cap;
	size_t implicit_section[4]; /* per area */
	/* lang_of(): the xml:lang the last parent asked about inherits
	 * (borrowed from the tree; NULL: none) */
	const teitree_node *lang_parent;
	const char *lang_value;
	xpath_cache xpath;
	name_cache names;
	reader_names nm;
};

static const char *flatten(reader *r, const teitree_node *n);

/* Attribute value copied into the doc's arena, or NULL. */
static const char *attr(reader *r, const teitree_node *n, const char *name)
{
	const teitree_attr *a = teitree_iattr(n, name, NULL);
	return a ? arena_strndup(&r->doc->mem, a->value, a->value_len) : NULL;
}

/* xml:`name` copied into the doc's arena; NULL when absent or empty. */
static const char *xml_attr(reader *r, const teitree_node *n, const char *name)
{
	const teitree_attr *a = teitree_iattr(n, name, r->nm.xml_ns);
	return a && a->value_len ? arena_strndup(&r->doc->mem, a->value, a->value_len) : NULL;
}

static const char *near_id_of(reader *r, const teitree_node *n)
{
	for (; n && n->type == TEITREE_ELEMENT; n = n->parent) {
		const char *id = xml_attr(r, n, r->nm.id);
		if (id)
			return id;
		if (n == r->root) /* a teiCorpus around it is not the document's */
			break;
	}
	return NULL;
}

/* xml:lang in force at n (as teitree_nodeGetLang: the nearest ancestor-or-self
 * that has one), copied into the arena; NULL when none or empty. What the
 * ancestors give is remembered for the last parent asked about: blocks,
 * sentences' inlines and sections come in document order, siblings after
 * siblings, so most calls look at one element only. */
static const char *lang_of(reader *r, const teitree_node *n)
{
	const char *v = n ? teitree_iattr_value(n, r->nm.lang, r->nm.xml_ns) : NULL;
	if (!v && n) {
		const teitree_node *p = n->parent;
		if (p && p == r->lang_parent) {
			v = r->lang_value;
		} else {
			for (const teitree_node *q = p; q && !v; q = q->parent)
				v = teitree_iattr_value(q, r->nm.lang, r->nm.xml_ns);
			r->lang_parent = p;
			r->lang_value = v;
		}
	}
	return v && *v ? arena_strdup(&r->doc->mem, v) : NULL;
}

static void fail(reader *r, argraph_status st)
{
	if (r->status == ARGRAPH_OK)
		r->status = st;
}

static void mark_inline_begins(reader *r)
{
	size_t pos = r->acc.buf.len;
	for (size_t k = 0; k < r->inl_len; k++) {
		argraph_inline *in = &r->doc->inlines.items[r->inl[k].index];
		if (in->begin == UNSET)
			in->begin = pos;
	}
}

static int push_section_index(reader *r, size_t s)
{
	if (vec_reserve((void **)&r->sec, &r->sec_cap, sizeof *r->sec, r->sec_len + 1, 16) != 0)
		return -1;
	r->sec[r->sec_len++] = s;
	return 0;
}

static size_t new_section(reader *r, const teitree_node *n, argraph_area area, const char *type)
{
	argraph_doc *doc = r->doc;
	argraph_section *s = DOC_PUSH(doc, sections);
	if (!s) {
		fail(r, ARGRAPH_ENOMEM);
		return UNSET;
	}
	s->xml_id = xml_attr(r, n, r->nm.id);
	s->xpath = xpath_of(doc, &r->xpath, n);
	s->type = type ? type : attr(r, n, r->nm.type);
	s->n = attr(r, n, r->nm.n);
	s->lang = lang_of(r, n);
	s->line = n->line;
	s->parent = r->sec_len ? r->sec[r->sec_len - 1] : ARGRAPH_NONE;
	s->depth = (unsigned)r->sec_len + 1;
	s->area = area;
	return doc->sections.len - 1;
}

static size_t current_section(reader *r, const teitree_node *n, argraph_area area)
{
	if (r->sec_len)
		return r->sec[r->sec_len - 1];
	/* A <p> straight under <body>: one implicit section per area. */
	if (r->implicit_section[area] == UNSET) {
		const teitree_node *holder = n->parent ? n->parent : n;
		r->implicit_section[area] = new_section(r, holder, area,
			area == ARGRAPH_AREA_BACK ? "back" : area == ARGRAPH_AREA_FRONT ? "front" : "body");
	}
	return r->implicit_section[area];
}

static void begin_block(reader *r, const teitree_node *n, argraph_block_kind kind, argraph_area area)
{
	argraph_doc *doc = r->doc;
	size_t sec = current_section(r, n, area);
	if (sec == UNSET)
		return;
	argraph_block *b = DOC_PUSH(doc, blocks);
	if (!b) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	b->kind = kind;
	b->section = sec;
	b->xml_id = xml_attr(r, n, r->nm.id);
	b->near_id = b->xml_id ? b->xml_id : near_id_of(r, n);
	b->xpath = xpath_of(doc, &r->xpath, n);
	b->lang = lang_of(r, n);
	b->line = n->line;
	b->first_inline = doc->inlines.len;
	r->block = doc->blocks.len - 1;
	r->block_node = n;
	strbuf_reset(&r->acc.buf);
	r->acc.pending_space = 0;
	r->acc.prev = 0;
}

static void end_block(reader *r)
{
	argraph_doc *doc = r->doc;
	argraph_block *b = &doc->blocks.items[r->block];
	r->block_node = NULL;
	r->inl_len = 0;
	if (r->acc.buf.failed) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	b->len = r->acc.buf.len;
	b->text = arena_strndup(&doc->mem, strbuf_cstr(&r->acc.buf), b->len);
	b->inline_count = doc->inlines.len - b->first_inline;
	if (!b->text) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	for (size_t k = 0; k < b->inline_count; k++) {
		argraph_inline *in = &doc->inlines.items[b->first_inline + k];
		if (in->begin == UNSET)
			in->begin = in->end = b->len;
		in->text = arena_strndup(&doc->mem, b->text + in->begin, in->end - in->begin);
		if (!in->text)
			fail(r, ARGRAPH_ENOMEM);
	}
	if (b->kind == ARGRAPH_BLOCK_HEAD) {
		argraph_section *s = &doc->sections.items[b->section];
		if (!s->head && b->len)
			s->head = b->text;
	}
	argraph_status st = argraph_doc__split_block(doc, r->block);
	if (st != ARGRAPH_OK)
		fail(r, st);
}

static argraph_inline_kind inline_kind_of(const teitree_node *n)
{
	static const struct {
		const char *name;
		argraph_inline_kind kind;
	} map[] = {
		{"persName", ARGRAPH_INLINE_PERSON}, {"orgName", ARGRAPH_INLINE_ORG},
		{"placeName", ARGRAPH_INLINE_PLACE}, {"name", ARGRAPH_INLINE_NAME},
		{"rs", ARGRAPH_INLINE_NAME}, {"term", ARGRAPH_INLINE_TERM},
		{"date", ARGRAPH_INLINE_DATE}, {"title", ARGRAPH_INLINE_TITLE},
		{"ref", ARGRAPH_INLINE_REF}, {"ptr", ARGRAPH_INLINE_REF},
		{"bibl", ARGRAPH_INLINE_BIBL}, {"seg", ARGRAPH_INLINE_SEG},
	};
	if (!n || n->type != TEITREE_ELEMENT)
		return ARGRAPH_INLINE_NONE;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (name_is(n, map[i].name))
			return is_tei(n) ? map[i].kind : ARGRAPH_INLINE_NONE;
	return ARGRAPH_INLINE_NONE;
}

/* The node after `n` in document order inside `root`'s subtree (n == root
 * gives its first child), or NULL at the end. Iterative: depth comes from
 * the input. */
static const teitree_node *next_in(const teitree_node *root, const teitree_node *n)
{
	if (n->first && (n == root || n->type == TEITREE_ELEMENT))
		return n->first;
	while (n != root && !n->next)
		n = n->parent;
	return n == root ? NULL : n->next;
}

static const teitree_node *first_descendant(const teitree_node *root, const char *name)
{
	if (!name) /* the document never uses the name: nothing to find */
		return NULL;
	for (const teitree_node *n = next_in(root, root); n; n = next_in(root, n))
		if (named(n, name))
			return n;
	return NULL;
}

/* The attributes begin_inline() reads, each the one teitree_iattr()
 * would find (the first specified), gathered in one pass over the
 * element's attributes instead of a pass each. */
typedef struct inline_attrs {
	const teitree_attr *ref, *target, *when, *from, *type, *n, *id, *ana;
} inline_attrs;

static void gather_inline_attrs(const reader *r, const teitree_node *n, inline_attrs *ia)
{
	const reader_names *nm = &r->nm;
	*ia = (inline_attrs){0};
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i], **slot = NULL;
		if (a->dtd_default)
			break; /* the defaulted ones come last */
		if (!a->ns)
			slot = a->name == nm->ref ? &ia->ref : a->name == nm->target ? &ia->target
			     : a->name == nm->when ? &ia->when : a->name == nm->from ? &ia->from
			     : a->name == nm->type ? &ia->type : a->name == nm->n ? &ia->n
			     : a->name == nm->ana ? &ia->ana : NULL;
		else if (a->ns == nm->xml_ns && a->name == nm->id)
			slot = &ia->id;
		if (slot && !*slot)
			*slot = a;
	}
}

/* A gathered attribute's value copied into the doc's arena, or NULL. */
static const char *copy_value(reader *r, const teitree_attr *a)
{
	return a ? arena_strndup(&r->doc->mem, a->value, a->value_len) : NULL;
}

static void begin_inline(reader *r, const teitree_node *n, argraph_inline_kind kind)
{
	argraph_doc *doc = r->doc;
	if (kind == ARGRAPH_INLINE_SEG && !teitree_has_iprop(n, r->nm.ana)
	    && !teitree_iprop(n, r->nm.id, r->nm.xml_ns))
		return; /* a plain <seg> is just text */
	argraph_inline *in = DOC_PUSH(doc, inlines);
	if (!in || (r->inl_len == r->inl_cap && !(r->inl = realloc(r->inl,
		(r->inl_cap = r->inl_cap ? r->inl_cap * 2 : 8) * sizeof *r->inl)))) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	in->kind = kind;
	in->block = r->block;
	in->begin = in->end = UNSET;
	inline_attrs ia;
	gather_inline_attrs(r, n, &ia);
	const char *target = copy_value(r, ia.ref ? ia.ref : ia.target);
	in->target = target;
	if (target) {
		/* first pointer of a space-separated list */
		const char *t = strip_hash(target);
		size_t len = strcspn(t, " \t\n");
		in->key = len ? arena_strndup(&doc->mem, t, len) : NULL;
	} else if (kind == ARGRAPH_INLINE_DATE) {
		in->key = copy_value(r, ia.when ? ia.when : ia.from);
	}
	in->type = copy_value(r, ia.type);
	in->n = copy_value(r, ia.n);
	in->xml_id = ia.id && ia.id->value_len ? copy_value(r, ia.id) : NULL;
	in->ana = copy_value(r, ia.ana);
	in->lang = lang_of(r, n);
	in->line = n->line;
	in->parent = r->inl_len ? r->inl[r->inl_len - 1].index : ARGRAPH_NONE;
	if (kind == ARGRAPH_INLINE_BIBL) {
		const teitree_node *au = first_descendant(n, r->nm.author);
		if (!au)
			au = first_descendant(n, r->nm.persName);
		if (au) {
			in->author = flatten(r, au);
			const teitree_node *pn = named(au, r->nm.persName) ? au : first_descendant(au, r->nm.persName);
			if (pn)
				in->author_key = strip_hash(attr(r, pn, r->nm.ref));
		}
		const teitree_node *d = first_descendant(n, r->nm.date);
		if (d) {
			in->date = attr(r, d, r->nm.when);
			if (!in->date)
				in->date = flatten(r, d);
		}
		const teitree_node *t = first_descendant(n, r->nm.title);
		if (t)
			in->title = flatten(r, t);
	}
	r->inl[r->inl_len].node = n;
	r->inl[r->inl_len].index = doc->inlines.len - 1;
	r->inl_len++;
}

static void end_inline(reader *r, const teitree_node *n)
{
	if (r->inl_len && r->inl[r->inl_len - 1].node == n) {
		argraph_inline *in = &r->doc->inlines.items[r->inl[r->inl_len - 1].index];
		if (in->begin == UNSET)
			in->begin = r->acc.buf.len;
		in->end = r->acc.buf.len;
		r->inl_len--;
	}
}

enum { SKIP = 0, DESCEND = 1 };

/* Elements whose content is not part of the running text. sic, orig and
 * abbr are left out wherever they stand, so a <choice> reads as its
 * corr/reg/expan. */
static const char *const skipped_in_text[] = {
	"note", "figure", "table", "fw", "formula", "del", "rdg", "gap",
	"listBibl", "sic", "orig", "abbr", NULL};
/* Elements that separate words (name parts, verse lines, list items). */
static const char *const word_breaks[] = {
	"forename", "surname", "roleName", "addName", "genName", "nameLink",
	"l", "item", "cell", "row", "label", "head", NULL};

static const char *const block_starts[] = {"p", "ab", "lg", "quote", "cit", "item", "l", NULL};
static const char *const skipped_outside[] = {
	"figure", "table", "formula", "listBibl", "bibl", "biblStruct", "fw",
	"linkGrp", "listPerson", "listOrg", "taxonomy", "titlePage", NULL};

static unsigned classify(const teitree_node *n, unsigned char *kind)
{
	unsigned c = NC_KNOWN;
	c |= name_is(n, "c") ? NC_C : 0;
	c |= name_is(n, "lb") ? NC_LB : 0;
	c |= named_any(n, skipped_in_text) ? NC_SKIP_IN_TEXT : 0;
	c |= named_any(n, word_breaks) ? NC_WORD_BREAK : 0;
	c |= name_is(n, "div") ? NC_DIV : 0;
	c |= name_is(n, "head") ? NC_HEAD : 0;
	c |= name_is(n, "note") ? NC_NOTE : 0;
	c |= named_any(n, block_starts) ? NC_BLOCK_START : 0;
	c |= named_any(n, skipped_outside) ? NC_SKIPPED_OUTSIDE : 0;
	*kind = (unsigned char)inline_kind_of(n);
	return c;
}

/* The NC_ class of TEI element n (0 for anything else), and its inline
 * kind in *kind. */
static unsigned name_class(reader *r, const teitree_node *n, argraph_inline_kind *kind)
{
	*kind = ARGRAPH_INLINE_NONE;
	if (!is_tei(n))
		return 0;
	name_cache *nc = &r->names;
	size_t h = (size_t)(((uint64_t)(uintptr_t)n->name >> 3) * UINT64_C(0x9E3779B97F4A7C15) >> 56);
	for (size_t i = h;; i = (i + 1) & (NAME_CACHE_SLOTS - 1)) {
		if (nc->name[i] == n->name) {
			*kind = (argraph_inline_kind)nc->kind[i];
			return nc->cls[i];
		}
		if (!nc->name[i]) {
			unsigned char k;
			unsigned c = classify(n, &k);
			*kind = (argraph_inline_kind)k;
			if (nc->used < NAME_CACHE_SLOTS / 4 * 3) { /* full: asked afresh each time */
				nc->name[i] = n->name;
				nc->cls[i] = (unsigned short)c;
				nc->kind[i] = k;
				nc->used++;
			}
			return c;
		}
	}
}

/* The NC_ class of n alone. */
static unsigned class_of(reader *r, const teitree_node *n)
{
	argraph_inline_kind k;
	return name_class(r, n, &k);
}

/* Flatten a subtree into `a` (no inline tracking; notes and the like left
 * out). */
static void flatten_into(reader *r, textacc *a, const teitree_node *root)
{
	const teitree_node *n = root->first;
	while (n) {
		int descend = 0;
		unsigned cls = 0;
		if (n->type == TEITREE_TEXT || n->type == TEITREE_CDATA) {
			if (n->text)
				acc_text(a, NULL, n->text, n->text_len);
		} else if (is_tei(n)) {
			cls = class_of(r, n);
			if ((cls & NC_C) && !n->first) {
				const char *v = teitree_iprop(n, r->nm.n, NULL); /* xmlGetNoNsProp */
				if (v)
					acc_text(a, NULL, v, strlen(v));
			} else if (cls & NC_LB) {
				acc_soft_space(a);
			} else if (cls & NC_SKIP_IN_TEXT) {
				/* left out */
			} else {
				if (cls & NC_WORD_BREAK)
					acc_soft_space(a);
				descend = 1;
			}
		}
		if (descend && n->first) {
			n = n->first;
			continue;
		}
		if (descend && (cls & NC_WORD_BREAK))
			acc_soft_space(a);
		while (n != root && !n->next) {
			n = n->parent;
			if (n != root && (class_of(r, n) & NC_WORD_BREAK))
				acc_soft_space(a);
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* Flattened text of a subtree in the doc's arena; NULL when empty. */
static const char *flatten(reader *r, const teitree_node *n)
{
	/* The reader's own buffer, kept from call to call (flatten does not
	 * nest): names, titles and entries are flattened by the thousand. */
	textacc *a = &r->flat;
	strbuf_reset(&a->buf);
	a->pending_space = 0;
	a->prev = 0;
	flatten_into(r, a, n);
	return a->buf.len && !a->buf.failed ? arena_strndup(&r->doc->mem, a->buf.data, a->buf.len)
					     : NULL;
}

static int enter(reader *r, const teitree_node *n, argraph_area area)
{
	if (n->type == TEITREE_TEXT || n->type == TEITREE_CDATA) {
		if (r->block_node && n->text)
			acc_text(&r->acc, r, n->text, n->text_len);
		return SKIP;
	}
	argraph_inline_kind k;
	unsigned cls = name_class(r, n, &k);
	if (!cls)
		return SKIP; /* not a TEI element */
	if (r->block_node) {
		if ((cls & NC_C) && !n->first) {
			const teitree_attr *v = teitree_iattr(n, r->nm.n, NULL);
			if (v)
				acc_text(&r->acc, r, v->value, v->value_len);
			return SKIP;
		}
		if (cls & NC_LB) {
			const char *br = teitree_iattr_value(n, r->nm.break_, NULL);
			if (!br || strcmp(br, "no") != 0)
				acc_soft_space(&r->acc);
			return SKIP;
		}
		if (cls & NC_SKIP_IN_TEXT)
			return SKIP;
		if (cls & NC_WORD_BREAK)
			acc_soft_space(&r->acc);
		if (k != ARGRAPH_INLINE_NONE)
			begin_inline(r, n, k);
		return DESCEND;
	}
	if (cls & NC_DIV) {
		if (area != ARGRAPH_AREA_ABSTRACT) {
			size_t s = new_section(r, n, area, NULL);
			if (s == UNSET || push_section_index(r, s) < 0) {
				fail(r, ARGRAPH_ENOMEM);
				return SKIP;
			}
		}
		return DESCEND;
	}
	if (cls & NC_HEAD) {
		begin_block(r, n, ARGRAPH_BLOCK_HEAD, area);
		return DESCEND;
	}
	if (cls & NC_NOTE) {
		begin_block(r, n, ARGRAPH_BLOCK_NOTE, area);
		return DESCEND;
	}
	if (cls & NC_BLOCK_START) {
		begin_block(r, n, ARGRAPH_BLOCK_P, area);
		return DESCEND;
	}
	if (cls & NC_SKIPPED_OUTSIDE)
		return SKIP;
	return DESCEND;
}

static void leave(reader *r, const teitree_node *n, argraph_area area)
{
	if (r->block_node == n) {
		end_block(r);
		return;
	}
	argraph_inline_kind k;
	unsigned cls = name_class(r, n, &k);
	if (r->block_node) {
		end_inline(r, n);
		if (cls & NC_WORD_BREAK)
			acc_soft_space(&r->acc);
		return;
	}
	if ((cls & NC_DIV) && area != ARGRAPH_AREA_ABSTRACT && r->sec_len)
		r->sec_len--;
}

/* Walk the children of `root` with enter/leave events, without recursion. */
static void walk(reader *r, const teitree_node *root, argraph_area area)
{
	const teitree_node *n = root->first;
	while (n && r->status == ARGRAPH_OK) {
		int act = enter(r, n, area);
		if (act == DESCEND && n->first) {
			n = n->first;
			continue;
		}
		if (act == DESCEND)
			leave(r, n, area);
		while (n != root && !n->next) {
			n = n->parent;
			if (n != root)
				leave(r, n, area);
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* ---- pass 1: header ---- */

static const teitree_node *child(const teitree_node *n, const char *name)
{
	if (!name) /* the document never uses the name: nothing to find */
		return NULL;
	for (const teitree_node *c = n ? n->first : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

static void read_header(reader *r, const teitree_node *header)
{
	argraph_doc *doc = r->doc;
	const teitree_node *ts = child(child(header, r->nm.fileDesc), r->nm.titleStmt);
	for (const teitree_node *t = ts ? ts->first : NULL; t; t = t->next) {
		if (!named(t, r->nm.title))
			continue;
		const char *text = flatten(r, t);
		if (!text)
			continue;
		argraph_name *nm = DOC_PUSH(doc, titles);
		if (!nm) {
			fail(r, ARGRAPH_ENOMEM);
			return;
		}
		nm->text = text;
		nm->lang = lang_of(r, t);
		nm->type = attr(r, t, r->nm.type);
	}
	const teitree_node *pd = child(header, r->nm.profileDesc);
	for (const teitree_node *a = pd ? pd->first : NULL; a; a = a->next) {
		if (!named(a, r->nm.abstract))
			continue;
		size_t s = new_section(r, a, ARGRAPH_AREA_ABSTRACT, "abstract");
		if (s == UNSET || push_section_index(r, s) < 0) {
			fail(r, ARGRAPH_ENOMEM);
			return;
		}
		walk(r, a, ARGRAPH_AREA_ABSTRACT);
		r->sec_len = 0;
	}
}

/* ---- pass 2: authorities, bibliography, notes, links ---- */

static void add_name(reader *r, const teitree_node *n, size_t *first, size_t *count, const char *key)
{
	argraph_doc *doc = r->doc;
	const char *text = flatten(r, n);
	if (!text)
		return;
	argraph_name *nm = DOC_PUSH(doc, names);
	if (!nm) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	if (!*count)
		*first = doc->names.len - 1;
	(*count)++;
	nm->text = text;
	nm->lang = lang_of(r, n);
	nm->type = attr(r, n, r->nm.type);
	nm->key = key;
}

/* An absolute URI (the only kind that names the same thing in another
 * document), as opposed to a local pointer ("#smith") or a bare word. */
static int is_absolute_uri(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0
	    || strncmp(s, "urn:", 4) == 0 || strncmp(s, "info:", 5) == 0;
}

/* Each absolute URI of a space-separated pointer list (@ref, @sameAs). */
static void add_uris(strbuf *out, const char *list)
{
	for (const char *p = list; p && *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		size_t n = strcspn(p, " \t\n\r");
		if (n && is_absolute_uri(p)) {
			if (out->len)
				strbuf_putc(out, ' ');
			strbuf_append(out, p, n);
		}
		p += n;
	}
}

/* An idno of a known authority as a URI: its value when that is one, else
 * the authority's URI pattern around it. */
static void add_idno(reader *r, strbuf *out, const teitree_node *idno)
{
	static const struct { const char *type, *prefix; } known[] = {
		{"viaf", "https://viaf.org/viaf/"}, {"orcid", "https://orcid.org/"},
		{"wikidata", "https://www.wikidata.org/entity/"}, {"gnd", "https://d-nb.info/gnd/"},
		{"isni", "urn:isni:"}, {"uri", ""}, {"url", ""},
	};
	const char *type = attr(r, idno, r->nm.type), *value = flatten(r, idno);
	if (!type || !value)
		return;
	while (*value == ' ' || *value == '\n' || *value == '\t')
		value++;
	size_t n = strcspn(value, " \t\n\r");
	if (!n)
		return;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		if (strcasecmp(type, known[i].type) != 0)
			continue;
		if (!is_absolute_uri(value) && !*known[i].prefix)
			return; /* a "URI" that is not one */
		if (out->len)
			strbuf_putc(out, ' ');
		if (!is_absolute_uri(value))
			strbuf_puts(out, known[i].prefix);
		strbuf_append(out, value, n);
		return;
	}
}

/* The authority URIs of a listPerson/listOrg entry (argraph_authority.uris). */
static const char *authority_uris(reader *r, const teitree_node *n, const char *name_elem)
{
	strbuf b = {0};
	add_uris(&b, attr(r, n, r->nm.ref));
	add_uris(&b, attr(r, n, r->nm.sameAs));
	for (const teitree_node *c = n->first; c; c = c->next) {
		if (named(c, name_elem)) {
			add_uris(&b, attr(r, c, r->nm.ref));
			add_uris(&b, attr(r, c, r->nm.sameAs));
		} else if (named(c, r->nm.idno)) {
			add_idno(r, &b, c);
		}
	}
	const char *uris = b.len && !b.failed ? arena_strdup(&r->doc->mem, strbuf_cstr(&b)) : NULL;
	strbuf_release(&b);
	return uris;
}

static void read_authority(reader *r, const teitree_node *n, argraph_authority_kind kind,
	const char *name_elem, const char *taxonomy)
{
	argraph_doc *doc = r->doc;
	const char *id = xml_attr(r, n, r->nm.id);
	if (!id)
		return;
	size_t first = 0, count = 0;
	for (const teitree_node *c = n->first; c; c = c->next)
		if (named(c, name_elem) || (kind == ARGRAPH_AUTH_CATEGORY && named(c, r->nm.gloss)))
			add_name(r, c, &first, &count, NULL);
	/* <persName xml:id> directly in a listPerson names itself. */
	if (!count && named(n, name_elem))
		add_name(r, n, &first, &count, NULL);
	argraph_authority *a = DOC_PUSH(doc, authorities);
	if (!a) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	a->kind = kind;
	a->id = id;
	a->line = n->line;
	a->first_name = first;
	a->name_count = count;
	a->taxonomy = taxonomy;
	a->uris = kind == ARGRAPH_AUTH_CATEGORY ? NULL : authority_uris(r, n, name_elem);
}

static const char *year_of(reader *r, const teitree_node *d)
{
	const char *when = attr(r, d, r->nm.when);
	const char *s = when ? when : flatten(r, d);
	for (; s && *s; s++) {
		if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0'
		    && s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
			return arena_strndup(&r->doc->mem, s, 4);
	}
	return NULL;
}

static void read_author(reader *r, const teitree_node *au, argraph_bibentry *e)
{
	argraph_doc *doc = r->doc;
	const teitree_node *pn = named(au, r->nm.persName) ? au : first_descendant(au, r->nm.persName);
	const teitree_node *src = pn ? pn : au;
	const teitree_node *sn = first_descendant(src, r->nm.surname);
	/* GROBID puts affiliations and e-mail inside <author>: name only. */
	if (!pn && (first_descendant(au, r->nm.affiliation) || first_descendant(au, r->nm.email))) {
		const teitree_node *on = first_descendant(au, r->nm.orgName);
		if (!on)
			return;
		src = on;
	}
	const char *key = sn ? flatten(r, sn) : NULL;
	size_t before = e->author_count;
	add_name(r, src, &e->first_author, &e->author_count, key);
	if (e->author_count > before && !key)
		doc->names.items[doc->names.len - 1].key = doc->names.items[doc->names.len - 1].text;
}

static void read_bibentry(reader *r, const teitree_node *n, int is_note)
{
	argraph_doc *doc = r->doc;
	argraph_bibentry *e = DOC_PUSH(doc, bibentries);
	if (!e) {
		fail(r, ARGRAPH_ENOMEM);
		return;
	}
	size_t idx = doc->bibentries.len - 1;
	e->id = xml_attr(r, n, r->nm.id);
	e->line = n->line;
	e->xpath = xpath_of(doc, &r->xpath, n);
	e->is_note = is_note;
	e->text = flatten(r, n);
	if (is_note)
		return;
	/* analytic title first (the article), else monograph title */
	const teitree_node *an = child(n, r->nm.analytic);
	const teitree_node *mo = child(n, r->nm.monogr);
	const teitree_node *t = an ? first_descendant(an, r->nm.title) : NULL;
	if (!t)
		t = mo ? first_descendant(mo, r->nm.title) : first_descendant(n, r->nm.title);
	const char *title = t ? flatten(r, t) : NULL;
	const teitree_node *d = first_descendant(n, r->nm.date);
	const char *year = d ? year_of(r, d) : NULL;
	const char *doi = NULL;
	/* idno type="DOI" anywhere in the entry */
	for (const teitree_node *m = next_in(n, n); m && !doi; m = next_in(n, m)) {
		if (named(m, r->nm.idno)) {
			const char *ty = attr(r, m, r->nm.type);
			if (ty && (strcmp(ty, "DOI") == 0 || strcmp(ty, "doi") == 0))
				doi = flatten(r, m);
		}
	}
	e = &doc->bibentries.items[idx];
	e->title = title;
	e->year = year;
	e->doi = doi;
	const teitree_node *holder = an && child(an, r->nm.author) ? an : mo && child(mo, r->nm.author) ? mo : n;
	for (const teitree_node *c = holder->first; c; c = c->next) {
		if (named(c, r->nm.author) || (holder == n && named(c, r->nm.editor) && !e->author_count)) {
			read_author(r, c, e);
			e = &doc->bibentries.items[idx];
		}
	}
}

static void read_link_group(reader *r, const teitree_node *grp)
{
	argraph_doc *doc = r->doc;
	const char *gtype = attr(r, grp, r->nm.type);
	for (const teitree_node *l = grp->first; l; l = l->next) {
		if (!named(l, r->nm.link))
			continue;
		const char *targets = attr(r, l, r->nm.target);
		if (!targets)
			continue;
		argraph_link *lk = DOC_PUSH(doc, links);
		if (!lk) {
			fail(r, ARGRAPH_ENOMEM);
			return;
		}
		size_t li = doc->links.len - 1;
		lk->type = attr(r, l, r->nm.type);
		if (!lk->type)
			lk->type = gtype;
		lk->ana = attr(r, l, r->nm.ana);
		lk->line = l->line;
		size_t first = 0, count = 0;
		for (const char *p = targets; *p;) {
			p += strspn(p, " \t\r\n");
			size_t len = strcspn(p, " \t\r\n");
			if (!len)
				break;
			argraph_name *nm = DOC_PUSH(doc, names);
			if (!nm) {
				fail(r, ARGRAPH_ENOMEM);
				return;
			}
			nm->text = arena_strndup(&doc->mem, p[0] == '#' ? p + 1 : p, p[0] == '#' ? len - 1 : len);
			if (!count)
				first = doc->names.len - 1;
			count++;
			p += len;
		}
		doc->links.items[li].first_target = first;
		doc->links.items[li].target_count = count;
	}
}

/* Can read_lists() find anything? Not when the document never uses the
 * names it looks for (teitree_intern gave NULL): then no element can
 * match, and the walk over every node of the tree is skipped. */
static int may_have_lists(const reader_names *nm)
{
	return nm->person || (nm->persName && nm->listPerson) || nm->org || nm->category
	    || ((nm->bibl || nm->biblStruct) && nm->listBibl) || (nm->note && nm->id)
	    || nm->linkGrp;
}

/* Pass 2 over the tree under `root`. `all`: everything; else only the
 * authorities (person, org, category), which is what a teiCorpus header
 * declares for its members: its bibliography, notes and links describe
 * the corpus, not each member. */
static void read_lists(reader *r, const teitree_node *root, int all)
{
	if (!may_have_lists(&r->nm))
		return;
	const teitree_node *n = root;
	while (n && r->status == ARGRAPH_OK) {
		int descend = 1;
		if (named(n, r->nm.person)) {
			read_authority(r, n, ARGRAPH_AUTH_PERSON, r->nm.persName, NULL);
			descend = 0;
		} else if (named(n, r->nm.persName) && named(n->parent, r->nm.listPerson)) {
			read_authority(r, n, ARGRAPH_AUTH_PERSON, r->nm.persName, NULL);
			descend = 0;
		} else if (named(n, r->nm.org)) {
			read_authority(r, n, ARGRAPH_AUTH_ORG, r->nm.orgName, NULL);
			descend = 0;
		} else if (named(n, r->nm.category)) {
			const teitree_node *tx = n->parent;
			while (tx && !named(tx, r->nm.taxonomy))
				tx = tx->parent;
			read_authority(r, n, ARGRAPH_AUTH_CATEGORY, r->nm.catDesc,
				tx ? xml_attr(r, tx, r->nm.id) : NULL);
			/* categories nest: keep descending */
		} else if (all && (named(n, r->nm.bibl) || named(n, r->nm.biblStruct)) && named(n->parent, r->nm.listBibl)) {
			read_bibentry(r, n, 0);
			descend = 0;
		} else if (all && named(n, r->nm.note) && teitree_iprop(n, r->nm.id, r->nm.xml_ns)) {
			read_bibentry(r, n, 1);
			descend = 0;
		} else if (all && named(n, r->nm.linkGrp)) {
			read_link_group(r, n);
			descend = 0;
		} else if (n->type == TEITREE_ELEMENT && !is_tei(n)) {
			descend = 0;
		}
		if (descend && n->first && n->type == TEITREE_ELEMENT) {
			n = n->first;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

/* ---- entry points ---- */

/* The one message of an element (<TEI>, <teiCorpus>) outside the TEI
 * namespace, with what that costs when it is more than the file. */
static void say_not_tei_ns(argraph_diags *diags, const argraph_pos *pos, const char *element,
	const char *consequence)
{
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.namespace", pos,
		"<%s> is not in the TEI namespace; add xmlns=\"%s\"%s", element, ARGRAPH_TEI_NS,
		consequence);
}

/* The file's root is a document (<TEI>) or a collection of them
 * (<teiCorpus>), in any namespace: the namespace is checked after, so
 * that a TEI without xmlns gets the message that says so. is_corpus_out is
 * NULL when only a <TEI> will do; else it is told which of the two the
 * root is. */
static argraph_status check_file_root(const teitree *tree, const char *name, int *is_corpus_out,
	argraph_diags *diags)
{
	const teitree_node *root = tree->root;
	argraph_pos pos = {name, root ? root->line : 1, 0, NULL};
	if (!root) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.not-tei", &pos, "the document is empty");
		return ARGRAPH_EINVALID;
	}
	int is_corpus = strcmp(root->name, "teiCorpus") == 0;
	if (is_corpus && !is_corpus_out) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.not-tei", &pos,
			"root element is <teiCorpus>, not <TEI>: a teiCorpus holds several documents; "
			"read it with argraph_tei_read_file_each() (the argraph commands do)");
		return ARGRAPH_EINVALID;
	}
	if (!is_corpus && strcmp(root->name, "TEI") != 0) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.not-tei", &pos,
			"root element is <%s>, not <TEI>: this is not a TEI document", root->name);
		return ARGRAPH_EINVALID;
	}
	if (is_corpus && !is_tei(root)) {
		say_not_tei_ns(diags, &pos, "teiCorpus", "");
		return ARGRAPH_EINVALID;
	}
	if (is_corpus_out)
		*is_corpus_out = is_corpus;
	return ARGRAPH_OK;
}

/* A <TEI> element, the file's root or a teiCorpus member, is a document
 * we can read: in the TEI namespace, with a <text>. */
static argraph_status check_document(const teitree *tree, const teitree_node *tei, const char *name,
	argraph_diags *diags)
{
	argraph_pos pos = {name, tei->line, 0, NULL};
	if (!is_tei(tei)) {
		say_not_tei_ns(diags, &pos, "TEI", "");
		return ARGRAPH_EINVALID;
	}
	if (!child(tei, teitree_intern(tree, "text"))) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.no-text", &pos,
			"<TEI> has no <text> element");
		return ARGRAPH_EINVALID;
	}
	return ARGRAPH_OK;
}

/* The language a teiCorpus `c` declares, on itself or its teiHeader
 * `header` (or NULL). */
static const char *corpus_lang(reader *r, const teitree_node *c, const teitree_node *header)
{
	const char *lang = xml_attr(r, c, r->nm.lang);
	if (!lang && header)
		lang = xml_attr(r, header, r->nm.lang);
	return lang;
}

/* The document under `root` (a <TEI>, check_document() passed). A
 * teiCorpus member also gets what the corpus headers around it declare
 * for all members (TEI P5, "Language Corpora"): their authorities, after
 * its own, the nearest corpus first (ids are unique in the file, so none
 * hides another), and their language as a last resort. */
static argraph_status build(argraph_doc *doc, const teitree *tree, const teitree_node *root,
	argraph_diags *diags)
{
	reader rd = {0}, *r = &rd;
	r->doc = doc;
	r->root = root;
	if (root->parent && root->parent->type == TEITREE_ELEMENT) { /* a teiCorpus member */
		doc->line = root->line;
		if (!(doc->xpath = xpath_of(doc, &r->xpath, root)))
			return ARGRAPH_ENOMEM;
	}
	r->diags = diags;
	intern_names(&r->nm, tree);
	for (size_t i = 0; i < 4; i++)
		r->implicit_section[i] = UNSET;
	doc->lang = xml_attr(r, root, r->nm.lang);
	const teitree_node *header = child(root, r->nm.teiHeader);
	if (!doc->lang && header)
		doc->lang = xml_attr(r, header, r->nm.lang);
	if (header)
		read_header(r, header);
	read_lists(r, root, 1);
	/* the nearest corpus's language, when <TEI> and its teiHeader state none */
	const char *outer_lang = NULL;
	for (const teitree_node *c = root->parent; c && c->type == TEITREE_ELEMENT; c = c->parent) {
		const teitree_node *corpus_header = child(c, r->nm.teiHeader);
		if (r->status == ARGRAPH_OK && corpus_header)
			read_lists(r, corpus_header, 0);
		if (!doc->lang && !outer_lang)
			outer_lang = corpus_lang(r, c, corpus_header);
	}
	/* Its own language, on <TEI>, its teiHeader or its <text>; else the
	 * corpus's as a last resort. */
	const teitree_node *text = child(root, r->nm.text);
	if (!doc->lang && text)
		doc->lang = xml_attr(r, text, r->nm.lang);
	if (!doc->lang)
		doc->lang = outer_lang;
	for (const teitree_node *part = text->first; part && r->status == ARGRAPH_OK; part = part->next) {
		argraph_area area = named(part, r->nm.front) ? ARGRAPH_AREA_FRONT
				  : named(part, r->nm.back) ? ARGRAPH_AREA_BACK
				  : named(part, r->nm.body) ? ARGRAPH_AREA_BODY : (argraph_area)-1;
		if ((int)area < 0)
			continue;
		r->sec_len = 0;
		walk(r, part, area);
	}
	if (r->status == ARGRAPH_OK)
		r->status = argraph_doc__index(doc);
	strbuf_release(&r->acc.buf);
	strbuf_release(&r->flat.buf);
	free(r->inl);
	free(r->sec);
	return r->status;
}

/* Check and read the document under `tei`; *out is NULL on failure
 * (reported). */
static argraph_status read_document(argraph_doc **out, const teitree *tree, const teitree_node *tei,
	const char *name, argraph_diags *diags)
{
	argraph_doc *doc = NULL;
	argraph_status st = check_document(tree, tei, name, diags);
	if (st == ARGRAPH_OK)
		st = argraph_doc__new(&doc, name);
	if (st == ARGRAPH_OK)
		st = build(doc, tree, tei, diags);
	if (st != ARGRAPH_OK) {
		if (st == ARGRAPH_ENOMEM) {
			argraph_pos pos = {name, tei->line, 0, NULL};
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.nomem", &pos, "out of memory");
		}
		argraph_doc_free(doc);
		doc = NULL;
	}
	*out = doc;
	return st;
}

/* Parse buf into a tree, within the size limit. */
static argraph_status parse(teitree **tree, const char *buf, size_t len, const char *name,
	const argraph_tei_options *opts, argraph_diags *diags)
{
	argraph_pos pos = {name, 0, 0, NULL};
	*tree = NULL;
	if (opts->max_bytes && len > opts->max_bytes) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.too-big", &pos,
			"input is %zu bytes, over the limit of %zu bytes", len, opts->max_bytes);
		return ARGRAPH_ETOOBIG;
	}
	return argraph_xml__parse_tree(tree, buf, len, name, "tei", NULL, diags);
}

argraph_status argraph_tei_read_mem(argraph_doc **out, const char *buf, size_t len,
	const char *name, const argraph_tei_options *opts, argraph_diags *diags)
{
	argraph_tei_options defaults = ARGRAPH_TEI_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	*out = NULL;
	teitree *tree = NULL;
	argraph_status st = parse(&tree, buf, len, name, opts, diags);
	if (st == ARGRAPH_OK && (st = check_file_root(tree, name, NULL, diags)) == ARGRAPH_OK)
		st = read_document(out, tree, tree->root, name, diags);
	teitree_free(tree);
	return st;
}

argraph_status argraph_tei_read_file(argraph_doc **out, const char *path,
	const argraph_tei_options *opts, argraph_diags *diags)
{
	char *buf;
	size_t len;
	*out = NULL;
	argraph_status st = argraph_xml__slurp_tei(path, opts, &buf, &len, diags);
	if (st == ARGRAPH_OK)
		st = argraph_tei_read_mem(out, buf, len, path, opts, diags);
	free(buf);
	return st;
}

/* ---- every document of a file (a <TEI>, or each <TEI> of a teiCorpus) ---- */

/* Hand teiCorpus member `tei` to the caller. Returns nonzero when the
 * caller wants no more; *worst keeps the first failure. */
static int deliver(const teitree *tree, const teitree_node *tei, size_t index,
	const char *name, argraph_tei_member_fn fn, void *ctx, argraph_diags *diags,
	argraph_status *worst)
{
	argraph_tei_member m = {0};
	char pos[24];
	m.index = index;
	m.line = tei->line;
	/* An xml:id is an NCName (the parser checks): never all digits, so it
	 * never equals another member's position. */
	const char *xml_ns = teitree_intern(tree, XML_NS);
	m.id = xml_ns ? teitree_iattr_value(tei, teitree_intern(tree, "id"), xml_ns) : NULL;
	if (!m.id || !*m.id)
		m.id = strbuf_size_str(pos, index);
	m.status = read_document(&m.doc, tree, tei, name, diags);
	if (m.status != ARGRAPH_OK && *worst == ARGRAPH_OK)
		*worst = m.status;
	return fn(ctx, &m);
}

/* n is inside a teiCorpus out of the TEI namespace (below `root`). */
static int in_foreign_corpus(const teitree_node *n, const teitree_node *root, const char *corpus_name)
{
	for (const teitree_node *p = n->parent; p && p != root; p = p->parent)
		if (p->name == corpus_name && !is_tei(p))
			return 1;
	return 0;
}

/* Each <TEI> under the teiCorpus `root`, in document order, nested
 * teiCorpus elements included (walked without recursion). A teiCorpus out
 * of the TEI namespace is reported and the documents in it are not read,
 * but they keep their positions: the members after it are named as they
 * will be once its namespace is mended. */
static argraph_status each_member(const teitree *tree, const char *name, argraph_tei_member_fn fn,
	void *ctx, argraph_diags *diags)
{
	const teitree_node *root = tree->root, *n = root->first;
	const char *tei_name = teitree_intern(tree, "TEI"), *corpus_name = teitree_intern(tree, "teiCorpus");
	argraph_status worst = ARGRAPH_OK;
	size_t count = 0;
	int stop = 0;
	while (n && n != root && !stop) {
		int descend = 0;
		if (n->type == TEITREE_ELEMENT && n->name == tei_name) {
			++count;
			if (!in_foreign_corpus(n, root, corpus_name))
				stop = deliver(tree, n, count, name, fn, ctx, diags, &worst);
		} else if (n->type == TEITREE_ELEMENT && n->name == corpus_name) {
			descend = 1;
			if (!is_tei(n)) {
				argraph_pos pos = {name, n->line, 0, NULL};
				say_not_tei_ns(diags, &pos, "teiCorpus", " (the documents in it are not read)");
				if (worst == ARGRAPH_OK)
					worst = ARGRAPH_EINVALID;
			}
		}
		if (descend && n->first) {
			n = n->first;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n != root)
			n = n->next;
	}
	if (!count && worst == ARGRAPH_OK) {
		argraph_pos pos = {name, root->line, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.empty-corpus", &pos,
			"<teiCorpus> holds no <TEI> document");
		worst = ARGRAPH_EINVALID;
	}
	return worst;
}

argraph_status argraph_tei_read_mem_each(const char *buf, size_t len, const char *name,
	const argraph_tei_options *opts, argraph_tei_member_fn fn, void *ctx, argraph_diags *diags)
{
	argraph_tei_options defaults = ARGRAPH_TEI_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	teitree *tree = NULL;
	int is_corpus = 0;
	argraph_status st = parse(&tree, buf, len, name, opts, diags);
	if (st == ARGRAPH_OK && (st = check_file_root(tree, name, &is_corpus, diags)) == ARGRAPH_OK) {
		if (!is_corpus) {
			/* One document: the tree goes before the caller works on the
			 * document, so that what the caller builds takes the tree's
			 * memory (a heap with the tree still above it grows and
			 * shrinks at every file: five times the page faults). */
			argraph_tei_member m = {0};
			m.index = 1;
			m.line = tree->root->line;
			st = m.status = read_document(&m.doc, tree, tree->root, name, diags);
			teitree_free(tree);
			tree = NULL;
			fn(ctx, &m);
		} else {
			st = each_member(tree, name, fn, ctx, diags);
		}
	}
	teitree_free(tree);
	return st;
}

argraph_status argraph_tei_read_file_each(const char *path, const argraph_tei_options *opts,
	argraph_tei_member_fn fn, void *ctx, argraph_diags *diags)
{
	char *buf;
	size_t len;
	argraph_status st = argraph_xml__slurp_tei(path, opts, &buf, &len, diags);
	if (st == ARGRAPH_OK)
		st = argraph_tei_read_mem_each(buf, len, path, opts, fn, ctx, diags);
	free(buf);
	return st;
}

void argraph_tei_cleanup(void)
{
	xmlCleanupParser();
}
