/* SPDX-License-Identifier: MIT */
/*
 * teitree.c — the reader's read-only XML tree: storage, building, attribute
 * look-ups. See teitree.h. Nodes, attributes and text live in one arena;
 * text is written there as it is received, and a text that comes in
 * several pieces (a reference or a line end splits it) grows in place:
 * nothing else is allocated while a text node is open, so its content
 * stays the arena's newest string. Freeing is dropping the arena.
 */
#include "teitree.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>
#include <libxml/dict.h>

#include "argraph/tei.h" /* ARGRAPH_TEI_NS */

void teitree_free(teitree *t)
{
	if (!t)
		return;
	arena_release(&t->mem);
	if (t->dict)
		xmlDictFree(t->dict);
	free(t);
}

/* ---- look-ups ---- */

static int ns_is(const char *have, const char *want)
{
	return want ? have && strcmp(have, want) == 0 : have == NULL;
}

const char *teitree_attr_value(const teitree_node *n, const char *name, const char *ns)
{
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i];
		if (a->dtd_default)
			break; /* the defaulted ones come last */
		if (a->name[0] == name[0] && strcmp(a->name, name) == 0 && ns_is(a->ns, ns))
			return a->value;
	}
	return NULL;
}

const char *teitree_prop(const teitree_node *n, const char *name, const char *ns)
{
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i];
		if (strcmp(a->name, name) == 0 && ns_is(a->ns, ns))
			return a->value;
	}
	return NULL;
}

int teitree_has_prop(const teitree_node *n, const char *name)
{
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i];
		/* xmlHasProp: any namespace in the tree; a DTD default only when
		 * declared without a prefix */
		if (strcmp(a->name, name) == 0 && (!a->dtd_default || !a->ns))
			return 1;
	}
	return 0;
}

int teitree_has_ns_prop(const teitree_node *n, const char *name, const char *ns)
{
	return teitree_prop(n, name, ns) != NULL;
}

const char *teitree_intern(const teitree *t, const char *s)
{
	return t->dict ? (const char *)xmlDictExists(t->dict, (const xmlChar *)s, -1) : NULL;
}

const teitree_attr *teitree_iattr(const teitree_node *n, const char *name, const char *ns)
{
	if (!name)
		return NULL;
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i];
		if (a->dtd_default)
			break; /* the defaulted ones come last */
		if (a->name == name && a->ns == ns)
			return a;
	}
	return NULL;
}

const char *teitree_iattr_value(const teitree_node *n, const char *name, const char *ns)
{
	const teitree_attr *a = teitree_iattr(n, name, ns);
	return a ? a->value : NULL;
}

const char *teitree_iprop(const teitree_node *n, const char *name, const char *ns)
{
	if (!name)
		return NULL;
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i];
		if (a->name == name && a->ns == ns)
			return a->value;
	}
	return NULL;
}

int teitree_has_iprop(const teitree_node *n, const char *name)
{
	if (!name)
		return 0;
	for (unsigned i = 0; i < n->nattrs; i++) {
		const teitree_attr *a = &n->attrs[i];
		if (a->name == name && (!a->dtd_default || !a->ns))
			return 1;
	}
	return 0;
}

/* ---- building ---- */

int teitree__begin(teitree_builder *b)
{
	memset(b, 0, sizeof *b);
	b->tree = calloc(1, sizeof *b->tree);
	if (!b->tree)
		return -1;
	arena_init(&b->tree->mem);
	return 0;
}

void teitree__hold_dict(teitree_builder *b, void *dict)
{
	if (!b->tree->dict && dict) {
		xmlDictReference(dict);
		b->tree->dict = dict;
	}
}

/* The text node being filled is complete (its content is in place). */
static void flush_text(teitree_builder *b)
{
	b->text = NULL;
	b->text_len = b->text_cap = 0;
}

/* Append s[0..len) to the open text node's content, NUL kept after it.
 * Most texts come in one piece and take exactly their size; a longer one
 * grows in place while it is the arena's newest string, else moves to
 * twice the room, so a 10 MB text in small pieces is copied O(n) times. */
static int add_text(teitree_builder *b, const char *s, size_t len)
{
	teitree_node *n = b->text;
	size_t have = b->text_len;
	if (len > UINT_MAX - have) { /* as text_len holds it */
		b->failed = 1;
		return -1;
	}
	size_t need = have + len + 1;
	char *t = (char *)n->text;
	if (!t || (need > b->text_cap && !arena_extend_bytes(&b->tree->mem, t, b->text_cap, need))) {
		size_t cap = t && need < 2 * b->text_cap ? 2 * b->text_cap : need;
		char *nt = arena_alloc_bytes(&b->tree->mem, cap);
		if (!nt) {
			b->failed = 1;
			return -1;
		}
		if (have)
			memcpy(nt, t, have);
		t = nt;
		b->text_cap = cap;
	} else if (need > b->text_cap) {
		b->text_cap = need;
	}
	memcpy(t + have, s, len);
	t[have + len] = '\0';
	n->text = t;
	b->text_len = have + len;
	n->text_len = (unsigned)b->text_len;
	return 0;
}

/* A node of `type` as the current element's last child, with `extra`
 * bytes right after it (the first piece of a text node's content: one
 * allocation, and the text stays the arena's newest bytes to grow). */
static teitree_node *new_child(teitree_builder *b, teitree_type type, size_t extra)
{
	if (extra > SIZE_MAX - sizeof(teitree_node)) {
		b->failed = 1;
		return NULL;
	}
	teitree_node *n = arena_alloc_uninit(&b->tree->mem, sizeof *n + extra);
	if (!n) {
		b->failed = 1;
		return NULL;
	}
	teitree_node *p = b->cur;
	*n = (teitree_node){.type = (unsigned char)type, .parent = p, .prev = p ? p->last : NULL};
	if (p) {
		if (p->last)
			p->last->next = n;
		else
			p->first = n;
		p->last = n;
	}
	return n;
}

teitree_node *teitree__start(teitree_builder *b, const char *name, const char *uri,
	unsigned line, unsigned nattrs)
{
	flush_text(b);
	if (!b->cur && b->tree->root)
		return NULL; /* a second root: not well-formed, never stored */
	teitree_node *n = new_child(b, TEITREE_ELEMENT, 0);
	if (!n)
		return NULL;
	n->name = name;
	n->line = line;
	if (uri) {
		if (uri != b->tei_uri) {
			b->tei_uri = uri;
			b->tei_uri_is_tei = strcmp(uri, ARGRAPH_TEI_NS) == 0;
		}
		n->has_ns = 1;
		n->tei = (unsigned char)b->tei_uri_is_tei;
	}
	if (nattrs) {
		/* not zeroed: teitree__set_attr fills every field of every slot
		 * (a tree left with unfilled slots failed and is never read) */
		teitree_attr *a = arena_alloc_uninit(&b->tree->mem, nattrs * sizeof *a);
		if (!a) {
			b->failed = 1;
			return NULL;
		}
		n->attrs = a;
		n->nattrs = nattrs;
	}
	if (!b->cur)
		b->tree->root = n;
	b->cur = n;
	return n;
}

/* Append the UTF-8 encoding of code point c (libxml2's xmlCopyCharMultiByte). */
static void put_cp(strbuf *sb, uint32_t c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	strbuf_append(sb, u, n);
}

/*
 * An attribute value that holds references, decoded as libxml2's tree
 * builder does (xmlStringLenGetNodeList): the parser hands over "&#38;"
 * for every '&' that was written as a reference, and decodes the other
 * character references itself. References to other entities cannot occur
 * in an accepted document (an undeclared entity is an error, a declared
 * one is refused), so they are dropped.
 */
static void decode_value(strbuf *sb, const char *s, size_t len)
{
	const char *e = s + len;
	while (s < e) {
		const char *amp = memchr(s, '&', (size_t)(e - s));
		if (!amp) {
			strbuf_append(sb, s, (size_t)(e - s));
			return;
		}
		strbuf_append(sb, s, (size_t)(amp - s));
		const char *semi = memchr(amp, ';', (size_t)(e - amp));
		if (!semi)
			return; /* unterminated: libxml2 stops there too */
		uint32_t c = 0;
		if (amp[1] == '#') {
			int hex = amp[2] == 'x';
			for (const char *p = amp + (hex ? 3 : 2); p < semi; p++) {
				unsigned d;
				if (*p >= '0' && *p <= '9')
					d = (unsigned)(*p - '0');
				else if (hex && *p >= 'a' && *p <= 'f')
					d = (unsigned)(*p - 'a' + 10);
				else if (hex && *p >= 'A' && *p <= 'F')
					d = (unsigned)(*p - 'A' + 10);
				else {
					c = 0;
					break;
				}
				c = c * (hex ? 16 : 10) + d;
				if (c > 0x10FFFF) {
					c = 0;
					break;
				}
			}
		} else {
			static const struct { const char *name; char c; } predef[] = {
				{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"apos", '\''}, {"quot", '"'},
			};
			size_t n = (size_t)(semi - amp - 1);
			for (size_t i = 0; i < sizeof predef / sizeof *predef; i++)
				if (strlen(predef[i].name) == n && memcmp(amp + 1, predef[i].name, n) == 0)
					c = (unsigned char)predef[i].c;
		}
		if (c)
			put_cp(sb, c);
		s = semi + 1;
	}
}

const char *teitree__set_attr(teitree_builder *b, teitree_node *el, unsigned i,
	const char *name, const char *ns, const char *value, size_t len, int decode,
	int dtd_default)
{
	teitree_attr *a = (teitree_attr *)&el->attrs[i];
	a->name = name;
	a->ns = ns;
	a->dtd_default = dtd_default;
	if (decode && memchr(value, '&', len)) {
		strbuf sb = {0};
		decode_value(&sb, value, len);
		a->value = sb.failed ? NULL : arena_strndup(&b->tree->mem, strbuf_cstr(&sb), sb.len);
		len = sb.len; /* no NUL in it: a reference to U+0000 is dropped */
		strbuf_release(&sb);
	} else {
		a->value = arena_strndup(&b->tree->mem, value, len);
	}
	a->value_len = (unsigned)len;
	if (!a->value)
		b->failed = 1;
	return a->value;
}

void teitree__end(teitree_builder *b)
{
	flush_text(b);
	if (b->cur)
		b->cur = b->cur->parent;
}

int teitree__text(teitree_builder *b, teitree_type type, const char *s, size_t len,
	size_t max, const teitree_node **node)
{
	*node = NULL;
	if (!b->cur)
		return -1;
	if (b->text && b->text->type == type) {
		*node = b->text;
		if (b->text_len + len > max)
			return 1;
		return add_text(b, s, len);
	}
	flush_text(b);
	if (len > UINT_MAX) { /* as text_len holds it */
		b->failed = 1;
		return -1;
	}
	teitree_node *n = new_child(b, type, len + 1);
	if (!n)
		return -1;
	/* An empty open text whose room is the len + 1 bytes new_child left
	 * after the node: add_text fills it in place, allocating nothing. */
	n->text = (const char *)(n + 1);
	b->text = n;
	b->text_len = 0;
	b->text_cap = len + 1;
	*node = n;
	return add_text(b, s, len);
}

void teitree__other(teitree_builder *b)
{
	flush_text(b);
	if (b->cur)
		new_child(b, TEITREE_OTHER, 0);
}

teitree *teitree__finish(teitree_builder *b)
{
	flush_text(b);
	teitree *t = b->tree;
	b->tree = NULL;
	if (b->failed) {
		teitree_free(t);
		return NULL;
	}
	return t;
}

void teitree__abandon(teitree_builder *b)
{
	teitree_free(b->tree);
	b->tree = NULL;
}
