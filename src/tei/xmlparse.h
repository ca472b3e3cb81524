/* SPDX-License-Identifier: MIT */
/*
 * xmlparse.h — the one place that drives the libxml2 parser (internal).
 * Safe settings for untrusted input (TECHNOTES §1): XML_PARSE_NONET |
 * XML_PARSE_BIG_LINES, never NOENT/DTDLOAD/DTDATTR/HUGE/XINCLUDE; a
 * deny-all external entity loader; documents that declare entities are
 * refused (their references would be expanded lazily later); exact element
 * lines kept in node->_private by a SAX hook.
 */
#ifndef ARGRAPH_TEI_XMLPARSE_H
#define ARGRAPH_TEI_XMLPARSE_H

#include <libxml/tree.h>

#include "argraph/diag.h"

/* Read a whole file (refusing directories and files over max_bytes; 0 = no
 * limit). *buf is malloc'd and NUL-terminated. EIO/ETOOBIG with a diag. */
argraph_status argraph_xml__slurp(const char *path, size_t max_bytes,
	char **buf, size_t *len, argraph_diags *diags);

/* Parse a buffer; `name` appears in diagnostics. EPARSE with diags. */
argraph_status argraph_xml__parse(xmlDocPtr *out, const char *buf, size_t len,
	const char *name, argraph_diags *diags);

/* Exact 1-based line of an element's start tag. */
unsigned argraph_xml__line(const xmlNode *node);

/* Bridge for libxml2 structured errors: turns an xmlError into a diag. */
typedef struct xml_error_sink {
	argraph_diags *diags;
	const char *name;   /* file name used when the error has none */
	const char *code;   /* diag code, e.g. "tei.xml" */
	size_t count;       /* errors seen */
	size_t limit;       /* stop recording after this many (0 = 50) */
} xml_error_sink;
void argraph_xml__error(void *sink, xmlErrorPtr err);

#endif
