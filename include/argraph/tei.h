/* SPDX-License-Identifier: MIT */
/*
 * tei.h — the TEI reader: TEI P5 XML in, document model (doc.h) out.
 *
 * Input is treated as untrusted. The reader never fetches anything from the
 * network, never loads a DTD, never expands an entity: a document whose
 * internal subset declares entities is refused. Malformed XML, invalid
 * UTF-8, a root that is not TEI, or a file over the size limit gives
 * diagnostics with file:line:col and a negative status.
 */
#ifndef ARGRAPH_TEI_H
#define ARGRAPH_TEI_H

#include "common.h"
#include "diag.h"
#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/** TEI namespace URI. */
#define ARGRAPH_TEI_NS "http://www.tei-c.org/ns/1.0"

/** Options for reading. Always start from ARGRAPH_TEI_OPTIONS_INIT. */
typedef struct argraph_tei_options {
	unsigned version;     /**< ARGRAPH_TEI_OPTIONS_VERSION */
	size_t max_bytes;     /**< refuse larger inputs (0 = no limit) */
} argraph_tei_options;

#define ARGRAPH_TEI_OPTIONS_VERSION 1
/** Default limit on input size: 256 MiB. */
#define ARGRAPH_TEI_DEFAULT_MAX_BYTES ((size_t)256 << 20)
#define ARGRAPH_TEI_OPTIONS_INIT { ARGRAPH_TEI_OPTIONS_VERSION, ARGRAPH_TEI_DEFAULT_MAX_BYTES }

/**
 * Read a TEI file whose root is <TEI>. A <teiCorpus> is refused
 * (ARGRAPH_EINVALID, "tei.not-tei"): it holds several documents, which
 * argraph_tei_read_file_each() reads.
 * @param out receives the document (NULL on failure)
 * @param path file to read
 * @param opts NULL for defaults
 * @param diags receives diagnostics (may be NULL)
 * @return ARGRAPH_OK; ARGRAPH_EIO (cannot read: missing, directory,
 *         permission); ARGRAPH_ETOOBIG; ARGRAPH_EPARSE (not well-formed,
 *         invalid UTF-8, entity declarations); ARGRAPH_EINVALID (not TEI);
 *         ARGRAPH_ENOMEM.
 * *Ownership:* *out is the caller's; free with argraph_doc_free().
 */
ARGRAPH_API argraph_status argraph_tei_read_file(argraph_doc **out,
	const char *path, const argraph_tei_options *opts, argraph_diags *diags);

/**
 * Read TEI from memory. `name` is used in diagnostics and provenance.
 * Same errors as argraph_tei_read_file().
 */
ARGRAPH_API argraph_status argraph_tei_read_mem(argraph_doc **out,
	const char *buf, size_t len, const char *name,
	const argraph_tei_options *opts, argraph_diags *diags);

/**
 * One document of a file, as argraph_tei_read_file_each() hands it over.
 * Strings are borrowed for the duration of the callback.
 */
typedef struct argraph_tei_member {
	argraph_doc *doc;      /**< the document, the callback's to free with
	                            argraph_doc_free(); NULL when it could not be read */
	argraph_status status; /**< ARGRAPH_OK, or why `doc` is NULL (diagnostics given) */
	const char *id;        /**< NULL for a file whose root is <TEI>; in a teiCorpus,
	                            the member's name: its xml:id, else its position
	                            (`index`) in decimal. Unique in the file: an
	                            xml:id is unique and never all digits. */
	size_t index;          /**< 1-based position among the file's <TEI> elements,
	                            in document order (nested teiCorpus included) */
	unsigned line;         /**< line of the member's <TEI> start tag */
} argraph_tei_member;

/** Called once per document; return nonzero to stop reading the file. */
typedef int (*argraph_tei_member_fn)(void *ctx, argraph_tei_member *m);

/**
 * Read every document of a TEI file, parsed once: a file whose root is
 * <TEI> gives one document (the one argraph_tei_read_file() gives, with
 * m->id NULL); a <teiCorpus> gives one per <TEI> it holds, nested
 * teiCorpus elements included, in document order. Each member is read as
 * the same <TEI> would be on its own (same checks, same errors, with the
 * file's own line numbers; its provenance file is `path`), and gets what
 * the teiCorpus headers around it declare for all members (TEI P5,
 * "Language Corpora"): their authorities (person, org, taxonomy/category: references from the
 * member resolve to them) and, when the member states no xml:lang on
 * <TEI>, its teiHeader or its <text>, the language of the nearest
 * teiCorpus or of its teiHeader. A corpus header's bibliography, notes
 * and links are not given to the members.
 *
 * A member that cannot be read (not in the TEI namespace, no <text>) is
 * handed over with its status and no document; the others are still read.
 * A nested teiCorpus out of the TEI namespace is reported ("tei.namespace")
 * and the <TEI> in it are not handed over, but they count in `index`.
 *
 * @return ARGRAPH_OK when every document was read; else the status of the
 *         first one that could not be, or, with `fn` never called: the
 *         errors of argraph_tei_read_file() for the file as a whole;
 *         ARGRAPH_EINVALID "tei.empty-corpus" for a teiCorpus holding no
 *         <TEI>. Stopped by `fn`: the status so far.
 */
ARGRAPH_API argraph_status argraph_tei_read_file_each(const char *path,
	const argraph_tei_options *opts, argraph_tei_member_fn fn, void *ctx,
	argraph_diags *diags);

/** argraph_tei_read_file_each() on a buffer; `name` as in argraph_tei_read_mem(). */
ARGRAPH_API argraph_status argraph_tei_read_mem_each(const char *buf, size_t len,
	const char *name, const argraph_tei_options *opts, argraph_tei_member_fn fn,
	void *ctx, argraph_diags *diags);

/** A compiled RELAX NG schema for TEI input (XML syntax; libxml2). */
typedef struct argraph_tei_schema argraph_tei_schema;

/**
 * Compile a RELAX NG schema (once; reuse it for every file).
 * @return ARGRAPH_OK; ARGRAPH_EIO (cannot read); ARGRAPH_EINVALID (not a
 *         usable grammar, with libxml2's messages); ARGRAPH_ENOMEM.
 * *Ownership:* free *out with argraph_tei_schema_free().
 */
ARGRAPH_API argraph_status argraph_tei_schema_read_file(argraph_tei_schema **out,
	const char *rng_path, argraph_diags *diags);
ARGRAPH_API void argraph_tei_schema_free(argraph_tei_schema *s);

/**
 * Check a TEI file against the schema: parsed as safely as by
 * argraph_tei_read_file(), then validated in tree mode; every violation is
 * a diagnostic with file and line ("tei.schema").
 * @return ARGRAPH_OK (valid); ARGRAPH_EINVALID (not valid); ARGRAPH_EIO,
 *         ARGRAPH_ETOOBIG, ARGRAPH_EPARSE as for reading; ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_tei_validate_file(const argraph_tei_schema *s,
	const char *path, const argraph_tei_options *opts, argraph_diags *diags);

/**
 * Release process-wide parser state (libxml2). Call once at exit, after
 * every document is freed; optional, but keeps leak checkers quiet.
 */
ARGRAPH_API void argraph_tei_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif
