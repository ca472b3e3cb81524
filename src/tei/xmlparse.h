/* SPDX-License-Identifier: MIT */
/*
 * xmlparse.h — the one place that drives the libxml2 parser (internal).
 * The TEI reader, the TEI RELAX NG loader and the graph schema loader all
 * read XML through it.
 *
 * Safe settings for untrusted input (TECHNOTES §1): XML_PARSE_NONET |
 * XML_PARSE_BIG_LINES, never NOENT/DTDLOAD/DTDATTR/HUGE/XINCLUDE; a
 * deny-all external entity loader. An entity declaration stops the parse
 * at once (before any reference could be expanded, even lazily later), so
 * XXE and billion laughs are refused at the line of the declaration. The
 * limits libxml2 applies without XML_PARSE_HUGE hold whatever the input:
 * nesting at most 256 deep, a text node at most ARGRAPH_XML_MAX_TEXT bytes
 * (libxml2 only checks that when it reads a file in chunks; we parse from
 * memory, so we check it ourselves). Exact element lines are kept in
 * node->_private by a SAX hook.
 *
 * The TEI reader does not use libxml2's tree: argraph_xml__parse_tree
 * builds a teitree instead, through our own SAX2 handlers, with the same
 * checks and messages.
 *
 * Diagnostic codes are "<prefix>.<what>", the prefix naming the kind of
 * file ("tei", "graph-schema"): .xml (not well-formed, libxml2's message),
 * .encoding (not UTF-8), .duplicate-id, .limit (depth, text size),
 * .entity (entity declarations).
 */
#ifndef ARGRAPH_TEI_XMLPARSE_H
#define ARGRAPH_TEI_XMLPARSE_H

#include <libxml/tree.h>

#include "argraph/diag.h"
#include "argraph/tei.h"
#include "teitree.h"

/* libxml2's XML_MAX_TEXT_LENGTH: the longest text node without HUGE. */
#define ARGRAPH_XML_MAX_TEXT 10000000
/* libxml2's xmlParserMaxDepth without HUGE. */
#define ARGRAPH_XML_MAX_DEPTH 256

/*
 * Read a whole file into memory, refusing directories, FIFOs, devices and
 * files over max_bytes (0 = no limit); never blocks on a FIFO.
 * `code` is the diag code for every problem, or NULL for "io.open",
 * "io.not-file", "io.too-big", "io.read", "io.nomem".
 * *Ownership:* *buf is malloc'd, NUL-terminated, the caller's to free().
 * *Errors:* ARGRAPH_EIO, ARGRAPH_ETOOBIG, ARGRAPH_ENOMEM, each with a diag.
 */
argraph_status argraph_xml__slurp(const char *path, size_t max_bytes,
	const char *code, char **buf, size_t *len, argraph_diags *diags);
/* argraph_xml__slurp of a TEI input under opts' size limit (opts NULL:
 * the default limit), as every argraph_tei_*_file() reads its file. */
argraph_status argraph_xml__slurp_tei(const char *path, const argraph_tei_options *opts,
	char **buf, size_t *len, argraph_diags *diags);

/*
 * Parse a buffer safely (see above); `name` appears in diagnostics and
 * `prefix` starts their codes ("tei", "graph-schema"). `code`, if not NULL,
 * is the code of every XML error instead of the prefix.xml/.encoding/
 * .duplicate-id/.limit family (entity declarations stay prefix.entity).
 * *Ownership:* *out is the caller's (xmlFreeDoc).
 * *Errors:* ARGRAPH_EPARSE (not well-formed, not UTF-8, a limit, entity
 * declarations), ARGRAPH_ETOOBIG (over 2 GiB), ARGRAPH_ENOMEM; with diags.
 */
argraph_status argraph_xml__parse(xmlDocPtr *out, const char *buf, size_t len,
	const char *name, const char *prefix, const char *code, argraph_diags *diags);

/* The same checks and diagnostics, but no libxml2 tree: the document is
 * built as a teitree (teitree.h) by our own SAX2 handlers, which also make
 * the checks libxml2's tree builder made (xml:id values, duplicate IDs,
 * text merged past the size limit) with its messages and positions.
 * *Ownership:* *out is the caller's (teitree_free). */
argraph_status argraph_xml__parse_tree(teitree **out, const char *buf, size_t len,
	const char *name, const char *prefix, const char *code, argraph_diags *diags);

/* Exact 1-based line of an element's start tag (where its '>' is);
 * for other nodes libxml2's line. 0 = unknown. */
unsigned argraph_xml__line(const xmlNode *node);

/*
 * Bridge for libxml2 structured errors: turns an xmlError into a diag at
 * the file's line and column (the exact element line when the error names
 * an element, as RELAX NG errors do). Usable as the handler of RELAX NG
 * parser and validation contexts with a sink as user data.
 */
typedef struct xml_error_sink {
	argraph_diags *diags;
	const char *name;   /* file name reported (libxml2's may be NULL) */
	const char *prefix; /* code prefix, e.g. "tei" → "tei.xml" */
	const char *code;   /* if set, the code of every diag */
	size_t count;       /* errors seen */
	size_t limit;       /* stop recording after this many (0 = 50) */
	int nomem;          /* a diag could not be recorded */
} xml_error_sink;
void argraph_xml__error(void *sink, xmlErrorPtr err);

#endif
