/* SPDX-License-Identifier: MIT */
/*
 * teitree.h — a small read-only XML tree in an arena (internal), what the
 * TEI reader walks instead of libxml2's tree. xmlparse.c fills it from
 * libxml2's SAX2 callbacks (argraph_xml__parse_tree); nothing else builds
 * one.
 *
 * It keeps what the reader asks of a document and no more: elements with
 * their local name, namespace, attributes and the exact line of the start
 * tag's end ('>': TECHNOTES §1.4, no 16-bit limit); text and CDATA nodes
 * with their content (adjacent character data merged into one node, as
 * libxml2's tree builder does); comments and processing instructions as
 * empty placeholders (they separate text nodes and count as children,
 * exactly as in libxml2's tree, but their content is never read).
 *
 * Invariants: element names, attribute names and namespace URIs are
 * interned per tree (libxml2's parser dictionary, kept alive by the tree),
 * so two names are the same exactly when their pointers are equal
 * (teitree_intern gives the pointer for a string). Attribute values are what
 * xmlGetNsProp/xmlGetNoNsProp return on libxml2's tree: entity and
 * character references decoded, attribute-value normalisation applied by
 * the parser. Attributes defaulted from an internal DTD subset are kept,
 * marked, after the specified ones: libxml2 leaves them out of its tree but
 * xmlHasProp/xmlGetNoNsProp still find them through the DTD.
 *
 * *Ownership:* every pointer into a tree is borrowed and valid until
 * teitree_free(); the tree is never modified after it is built, so several
 * threads may read one tree.
 */
#ifndef ARGRAPH_TEI_TEITREE_H
#define ARGRAPH_TEI_TEITREE_H

#include <stddef.h>

#include "../util/arena.h"
#include "../util/strbuf.h"

typedef enum teitree_type {
	TEITREE_ELEMENT = 1,
	TEITREE_TEXT,
	TEITREE_CDATA,
	TEITREE_OTHER /* comment or processing instruction: no content kept */
} teitree_type;

typedef struct teitree_attr {
	const char *name;   /* local name ("p:name" if the prefix was not declared) */
	const char *ns;     /* namespace URI, NULL: none */
	const char *value;  /* decoded, NUL-terminated */
	unsigned value_len; /* strlen(value) (a document is under 2 GiB) */
	int dtd_default;    /* not in the document: defaulted from the DTD */
} teitree_attr;

typedef struct teitree_node teitree_node;
struct teitree_node {
	teitree_node *parent, *first, *last, *next, *prev;
	const char *name;     /* element: local name, interned; else NULL */
	const char *text;     /* TEXT/CDATA: content, NUL-terminated; else NULL */
	const teitree_attr *attrs; /* element: its attributes, in document order */
	unsigned nattrs;
	unsigned line;        /* element: line of the start tag's '>' (0 unknown) */
	unsigned char type;   /* teitree_type */
	unsigned char tei;    /* element in the TEI namespace */
	unsigned char has_ns; /* element in some namespace */
	unsigned text_len;    /* TEXT/CDATA: strlen(text), kept so readers need not
	                         count (a node is under 2 GiB: the parser's int) */
};

typedef struct teitree {
	arena mem;
	teitree_node *root; /* the document element; NULL when none */
	void *dict;         /* libxml2's xmlDictPtr holding the names (a reference) */
} teitree;

/* Free a tree; NULL does nothing. */
void teitree_free(teitree *t);

/*
 * The value of attribute `name` in namespace `ns` (NULL: in no namespace)
 * as found on libxml2's tree without the DTD: the first specified match.
 * *Ownership:* borrowed from the tree. NULL when absent.
 */
const char *teitree_attr_value(const teitree_node *n, const char *name, const char *ns);

/* As xmlGetNsProp (ns) or xmlGetNoNsProp (ns NULL): a specified attribute,
 * else a default from the DTD. Borrowed; NULL when absent. */
const char *teitree_prop(const teitree_node *n, const char *name, const char *ns);

/* As xmlHasProp: an attribute `name` in any namespace, or a DTD default. */
int teitree_has_prop(const teitree_node *n, const char *name);

/* As xmlHasNsProp (ns NULL: no namespace), DTD defaults included. */
int teitree_has_ns_prop(const teitree_node *n, const char *name, const char *ns);

/*
 * Look-ups by interned name. Attribute names and namespace URIs are
 * interned in the same dictionary as element names (the parser interns
 * every name it reads, DTD defaults included), so a reader that asks for
 * the same names in every element can intern them once per tree and then
 * compare pointers only. The answers are those of the calls above.
 */

/* The tree's own copy of the string s (a name or a namespace URI), or
 * NULL when the document has none: no element or attribute is called
 * that. *Ownership:* borrowed from the tree. */
const char *teitree_intern(const teitree *t, const char *s);
/* teitree_attr_value, teitree_prop and teitree_has_prop with `name` and
 * `ns` from teitree_intern() (NULL name: absent; NULL ns: no namespace). */
const char *teitree_iattr_value(const teitree_node *n, const char *name, const char *ns);
/* The attribute teitree_iattr_value reads (its value with its length). */
const teitree_attr *teitree_iattr(const teitree_node *n, const char *name, const char *ns);
const char *teitree_iprop(const teitree_node *n, const char *name, const char *ns);
int teitree_has_iprop(const teitree_node *n, const char *name);

/* ---- building (xmlparse.c only) ---- */

typedef struct teitree_builder {
	teitree *tree;
	teitree_node *cur;  /* the open element; NULL outside the root */
	teitree_node *text; /* the text/CDATA node being filled: cur's last child */
	size_t text_len;    /* its content so far: text->text, in the arena */
	size_t text_cap;    /* bytes held for it there (NUL included) */
	const char *tei_uri; /* the last namespace URI seen, and whether it is TEI's */
	int tei_uri_is_tei;
	int failed;         /* out of memory: the tree is incomplete */
} teitree_builder;

/* 0, or -1 out of memory. */
int teitree__begin(teitree_builder *b);
/* The finished tree (the builder's state is released), or NULL when the
 * build failed; teitree__abandon() frees an unfinished one. */
teitree *teitree__finish(teitree_builder *b);
void teitree__abandon(teitree_builder *b);

/* Keep libxml2's dictionary (xmlDictPtr) alive as long as the tree: the
 * names point into it. Taken once; later calls do nothing. */
void teitree__hold_dict(teitree_builder *b, void *dict);

/* Open an element under the current one (or as the root) and make it
 * current; `nattrs` slots are allocated for teitree__set_attr. `uri` is
 * the element's namespace or NULL. NULL when out of memory. */
teitree_node *teitree__start(teitree_builder *b, const char *name, const char *uri,
	unsigned line, unsigned nattrs);
/* Fill attribute slot i of the element just started: value[0..len) is
 * copied, decoded if `decode` (it holds references). Returns the stored
 * value, or NULL when out of memory. */
const char *teitree__set_attr(teitree_builder *b, teitree_node *el, unsigned i,
	const char *name, const char *ns, const char *value, size_t len, int decode,
	int dtd_default);
/* Close the current element. */
void teitree__end(teitree_builder *b);
/* Character data (type TEITREE_TEXT or TEITREE_CDATA) for the current
 * element: appended to its last child when that is a node of the same
 * type, else a new node (*node: the one written to). As libxml2's tree
 * builder, data that would make a merged node longer than `max` bytes is
 * not appended: returns 1. 0 when stored, -1 out of memory or outside any
 * element. */
int teitree__text(teitree_builder *b, teitree_type type, const char *s, size_t len,
	size_t max, const teitree_node **node);
/* A comment or processing instruction in the current element. */
void teitree__other(teitree_builder *b);

#endif
