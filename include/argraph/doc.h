/* SPDX-License-Identifier: MIT */
/*
 * doc.h — the document model: what the TEI reader makes of a text and what
 * the extractor reads. It is plain data, read through accessors that return
 * borrowed `const` records:
 *
 *   sections  (div, abstract)           — heading, type, language, nesting
 *   blocks    (p, ab, head …)           — flattened text of one paragraph
 *   sentences                           — byte spans of a block's text
 *   inlines   (persName, orgName, term, date, title, ref, bibl …)
 *             — entity markup with its @ref/@target/@when, as byte spans
 *   authorities (listPerson, listOrg, taxonomy) — ids with names per language
 *   bibliography entries (listBibl bibl/biblStruct, notes with xml:id)
 *   links     (linkGrp/link)            — explicit argument markup
 *
 * All text is valid UTF-8 with whitespace normalised: runs of white space
 * become one space, and white space between two CJK characters (a line
 * break in the source) disappears. Offsets are bytes into a block's `text`.
 *
 * Ownership: the document owns every record and string (one arena);
 * everything is valid until argraph_doc_free().
 */
#ifndef ARGRAPH_DOC_H
#define ARGRAPH_DOC_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct argraph_doc argraph_doc;

/** Kinds of inline entity markup. */
typedef enum argraph_inline_kind {
	ARGRAPH_INLINE_NONE = 0,
	ARGRAPH_INLINE_PERSON, /**< persName */
	ARGRAPH_INLINE_ORG,    /**< orgName */
	ARGRAPH_INLINE_PLACE,  /**< placeName */
	ARGRAPH_INLINE_NAME,   /**< name, rs */
	ARGRAPH_INLINE_TERM,   /**< term */
	ARGRAPH_INLINE_DATE,   /**< date */
	ARGRAPH_INLINE_TITLE,  /**< title */
	ARGRAPH_INLINE_REF,    /**< ref, ptr (citation markers, cross references) */
	ARGRAPH_INLINE_BIBL,   /**< bibl in running text (author-year citation) */
	ARGRAPH_INLINE_SEG,    /**< seg with @ana or @xml:id (explicit argument markup) */
	ARGRAPH_INLINE__COUNT
} argraph_inline_kind;

/** One inline element. */
typedef struct argraph_inline {
	argraph_inline_kind kind;
	size_t block;        /**< index of its block */
	size_t begin, end;   /**< byte span in the block's text */
	const char *text;    /**< the span's text */
	const char *key;     /**< @ref, @target (first pointer) or @when; a local "#x" pointer is given as "x"; NULL if absent */
	const char *target;  /**< the full @target/@ref value as written, or NULL */
	const char *type;    /**< @type, or NULL */
	const char *n;       /**< @n, or NULL */
	const char *xml_id;  /**< its own xml:id, or NULL */
	const char *ana;     /**< @ana, or NULL */
	const char *lang;    /**< xml:lang in force */
	unsigned line;       /**< line of the element */
	size_t parent;       /**< index of the enclosing inline, or ARGRAPH_NONE */
	/* For ARGRAPH_INLINE_BIBL only (else NULL): */
	const char *author;     /**< text of the first <author> (or persName) */
	const char *author_key; /**< its persName/@ref, "#" removed */
	const char *date;       /**< date/@when, else the date's text */
	const char *title;      /**< text of <title> */
} argraph_inline;

/** One sentence: a byte span of its block's text. */
typedef struct argraph_sentence {
	size_t block;
	size_t begin, end;     /**< byte span in the block's text, trimmed */
	const char *text;      /**< copy of the span */
	size_t first_inline;   /**< inlines starting in this sentence: [first, first+count) */
	size_t inline_count;
} argraph_sentence;

/** Block kinds. */
typedef enum argraph_block_kind {
	ARGRAPH_BLOCK_P = 0,  /**< p, ab, item, l … running text */
	ARGRAPH_BLOCK_HEAD,   /**< a heading */
	ARGRAPH_BLOCK_NOTE    /**< a note (footnote) kept apart from running text */
} argraph_block_kind;

/** One paragraph-like unit of running text. */
typedef struct argraph_block {
	argraph_block_kind kind;
	size_t section;        /**< index of its section */
	const char *xml_id;    /**< its own xml:id, or NULL */
	const char *near_id;   /**< its own or the nearest enclosing xml:id, or NULL */
	const char *xpath;     /**< e.g. /TEI/text[1]/body[1]/div[2]/p[1] */
	const char *lang;      /**< xml:lang in force, or NULL */
	unsigned line;         /**< line of the start tag */
	const char *text;      /**< normalised text */
	size_t len;            /**< bytes in text */
	size_t first_sentence, sentence_count;
	size_t first_inline, inline_count;
} argraph_block;

/** Where a section sits. */
typedef enum argraph_area {
	ARGRAPH_AREA_BODY = 0,
	ARGRAPH_AREA_ABSTRACT, /**< teiHeader//abstract */
	ARGRAPH_AREA_FRONT,
	ARGRAPH_AREA_BACK
} argraph_area;

/** A section: a div, an abstract, or the implicit body section. */
typedef struct argraph_section {
	const char *xml_id;  /**< its xml:id, or NULL */
	const char *xpath;
	const char *type;    /**< @type, or NULL ("abstract" for abstracts) */
	const char *n;       /**< @n, or NULL */
	const char *lang;    /**< xml:lang in force, or NULL */
	const char *head;    /**< text of its first head, or NULL */
	unsigned line;
	unsigned depth;      /**< 1 for a top-level div */
	size_t parent;       /**< enclosing section, or ARGRAPH_NONE */
	argraph_area area;
} argraph_section;

/** A name in a language. */
typedef struct argraph_name {
	const char *lang;    /**< xml:lang of the name (or in force), or NULL */
	const char *text;
	const char *type;    /**< @type (e.g. "abbr"), or NULL */
	const char *key;     /**< for bibliography authors: the surname (match key), else NULL */
} argraph_name;

typedef enum argraph_authority_kind {
	ARGRAPH_AUTH_PERSON = 0, /**< listPerson/person */
	ARGRAPH_AUTH_ORG,        /**< listOrg/org */
	ARGRAPH_AUTH_CATEGORY    /**< taxonomy/category */
} argraph_authority_kind;

/** An entry of an authority list in the header or standOff. */
typedef struct argraph_authority {
	argraph_authority_kind kind;
	const char *id;          /**< xml:id */
	unsigned line;
	size_t first_name, name_count; /**< into argraph_doc_name_at() */
	const char *taxonomy;    /**< categories: xml:id of the taxonomy, or NULL */
	const char *uris;        /**< authority URIs the encoder gave, space-separated
	                              (@ref/@sameAs of the entry or its names that are
	                              absolute URIs; VIAF, ORCID, Wikidata, GND, ISNI
	                              and URI idno made into URIs), or NULL */
} argraph_authority;

/** A bibliography entry (listBibl bibl/biblStruct) or a note with xml:id. */
typedef struct argraph_bibentry {
	const char *id;       /**< xml:id, or NULL */
	unsigned line;
	const char *xpath;
	int is_note;          /**< 1 for a note */
	const char *title;    /**< main title, or NULL */
	const char *year;     /**< four-digit year, or NULL */
	const char *doi;      /**< idno[@type=DOI], or NULL */
	const char *text;     /**< whole entry flattened */
	size_t first_author, author_count; /**< into argraph_doc_name_at(): full names, surname in `key` */
} argraph_bibentry;

/** One <link> of a <linkGrp>: explicit relation markup. */
typedef struct argraph_link {
	const char *type;     /**< link/@type, else linkGrp/@type */
	const char *ana;      /**< @ana, or NULL */
	unsigned line;
	size_t first_target, target_count; /**< into argraph_doc_name_at(): pointers, "#" removed */
} argraph_link;

/** Free a document. NULL is fine. */
ARGRAPH_API void argraph_doc_free(argraph_doc *doc);

/** File name given when reading, or NULL. */
ARGRAPH_API const char *argraph_doc_get_file(const argraph_doc *doc);
/** xml:lang of the TEI root (else of its teiHeader, its text, or for a
 * teiCorpus member of the nearest teiCorpus around it that states one, on
 * itself or on its teiHeader), or NULL. */
ARGRAPH_API const char *argraph_doc_get_lang(const argraph_doc *doc);
/** Where the document's <TEI> is when it is a member of a teiCorpus: the
 * line of its start tag and its XPath ("/teiCorpus/TEI[2]"); 0 and NULL
 * for a file whose root it is. */
ARGRAPH_API unsigned argraph_doc_get_line(const argraph_doc *doc);
ARGRAPH_API const char *argraph_doc_get_xpath(const argraph_doc *doc);
/** Main title in `lang` (NULL: the first one), falling back to any; NULL if none. */
ARGRAPH_API const char *argraph_doc_get_title(const argraph_doc *doc, const char *lang);
/** Titles as names (lang + text, type = @type). */
ARGRAPH_API size_t argraph_doc_title_count(const argraph_doc *doc);
ARGRAPH_API const argraph_name *argraph_doc_title_at(const argraph_doc *doc, size_t i);

ARGRAPH_API size_t argraph_doc_section_count(const argraph_doc *doc);
ARGRAPH_API const argraph_section *argraph_doc_section_at(const argraph_doc *doc, size_t i);
ARGRAPH_API size_t argraph_doc_block_count(const argraph_doc *doc);
ARGRAPH_API const argraph_block *argraph_doc_block_at(const argraph_doc *doc, size_t i);
ARGRAPH_API size_t argraph_doc_sentence_count(const argraph_doc *doc);
ARGRAPH_API const argraph_sentence *argraph_doc_sentence_at(const argraph_doc *doc, size_t i);
ARGRAPH_API size_t argraph_doc_inline_count(const argraph_doc *doc);
ARGRAPH_API const argraph_inline *argraph_doc_inline_at(const argraph_doc *doc, size_t i);
ARGRAPH_API size_t argraph_doc_authority_count(const argraph_doc *doc);
ARGRAPH_API const argraph_authority *argraph_doc_authority_at(const argraph_doc *doc, size_t i);
/** Authority with this xml:id ("#" prefix allowed), or NULL. */
ARGRAPH_API const argraph_authority *argraph_doc_find_authority(const argraph_doc *doc, const char *id);
ARGRAPH_API size_t argraph_doc_bibentry_count(const argraph_doc *doc);
ARGRAPH_API const argraph_bibentry *argraph_doc_bibentry_at(const argraph_doc *doc, size_t i);
/** Bibliography entry or note with this xml:id ("#" prefix allowed), or NULL. */
ARGRAPH_API const argraph_bibentry *argraph_doc_find_bibentry(const argraph_doc *doc, const char *id);
ARGRAPH_API size_t argraph_doc_link_count(const argraph_doc *doc);
ARGRAPH_API const argraph_link *argraph_doc_link_at(const argraph_doc *doc, size_t i);
/** Names of authorities, authors of entries, targets of links. */
ARGRAPH_API const argraph_name *argraph_doc_name_at(const argraph_doc *doc, size_t i);
/**
 * Name of an authority in `lang`, falling back to a name with no language,
 * then to the first name. Names with @type (abbreviations) come last.
 * NULL if it has none.
 */
ARGRAPH_API const char *argraph_authority_get_name(const argraph_doc *doc,
	const argraph_authority *a, const char *lang);

/** Convert a byte offset in `text` into a character (code point) offset. */
ARGRAPH_API size_t argraph_char_offset(const char *text, size_t byte_offset);

#ifdef __cplusplus
}
#endif
#endif
