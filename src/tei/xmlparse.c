/* SPDX-License-Identifier: MIT */
/*
 * xmlparse.c — safe libxml2 parsing and its error bridge. See xmlparse.h.
 *
 * libxml2 2.9.14 has no per-context structured error handler
 * (xmlCtxtSetErrorHandler came in 2.13), so errors are caught through the
 * SAX serror hook — our state goes in ctxt->_private, never in userData,
 * which the tree builder owns — plus the thread-local global handler for
 * I/O errors that carry no context; the global one is restored after.
 */
#define _POSIX_C_SOURCE 200809L
#include "xmlparse.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "../util/utf8.h"

/* ---- reading files ---- */

argraph_status argraph_xml__slurp(const char *path, size_t max_bytes,
	char **buf, size_t *len, argraph_diags *diags)
{
	argraph_pos pos = {path, 0, 0, NULL};
	*buf = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.open", &pos,
			"cannot open: %s", strerror(errno));
		return ARGRAPH_EIO;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode) || !S_ISREG(sb.st_mode)) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.not-file", &pos,
			"%s", S_ISDIR(sb.st_mode) ? "is a directory, not a file"
						   : "is not a regular file");
		close(fd);
		return ARGRAPH_EIO;
	}
	if (max_bytes && (uintmax_t)sb.st_size > max_bytes) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.too-big", &pos,
			"file is %jd bytes, over the limit of %zu bytes (see --max-size)",
			(intmax_t)sb.st_size, max_bytes);
		close(fd);
		return ARGRAPH_ETOOBIG;
	}
	size_t cap = (size_t)sb.st_size + 1, n = 0;
	char *b = malloc(cap);
	if (!b) {
		close(fd);
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.nomem", &pos, "out of memory");
		return ARGRAPH_ENOMEM;
	}
	for (;;) {
		if (n + 1 == cap) { /* file grew while we read it */
			if (max_bytes && cap > max_bytes) {
				free(b);
				close(fd);
				argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.too-big", &pos,
					"file is over the limit of %zu bytes", max_bytes);
				return ARGRAPH_ETOOBIG;
			}
			char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
			if (!nb) {
				free(b);
				close(fd);
				return ARGRAPH_ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.read", &pos,
				"cannot read: %s", strerror(errno));
			free(b);
			close(fd);
			return ARGRAPH_EIO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return ARGRAPH_OK;
}

/* ---- errors ---- */

void argraph_xml__error(void *user, xmlErrorPtr err)
{
	xml_error_sink *sink = user;
	if (!sink || !err)
		return;
	size_t limit = sink->limit ? sink->limit : 50;
	argraph_severity sev = err->level == XML_ERR_WARNING ? ARGRAPH_SEV_WARNING
							    : ARGRAPH_SEV_ERROR;
	if (sev == ARGRAPH_SEV_ERROR)
		sink->count++;
	if (sink->count > limit)
		return;
	argraph_pos pos = {sink->name, 0, 0, NULL};
	/* err->file is NULL inside entity text and for memory parses; and a
	 * libxml2-internal name would confuse the user, so we always use ours. */
	pos.line = err->line > 0 ? (unsigned)err->line : 0;
	pos.column = err->int2 > 0 ? (unsigned)err->int2 : 0;
	if (!pos.line && err->node)
		pos.line = argraph_xml__line(err->node);
	argraph_diags_add(sink->diags, sev, sink->code, &pos, "%s",
		err->message ? err->message : "XML error");
	if (sink->count == limit)
		argraph_diags_add(sink->diags, ARGRAPH_SEV_NOTE, sink->code, &pos,
			"further errors in this file are not shown");
}

static void parser_serror(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	argraph_xml__error(ctxt ? ctxt->_private : NULL, err);
}

/* ---- process-wide settings: done once ---- */

static xmlExternalEntityLoader default_loader;

/* Lets the top-level document through (libxml2 uses the loader for it,
 * and for RELAX NG files), refuses every external entity and DTD. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (ctxt == NULL || ctxt->inputNr == 0)
		return default_loader(url, id, ctxt);
	return NULL;
}

static startElementNsSAX2Func sax2_start;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
	sax2_start = xmlSAX2StartElementNs;
	xmlInitParser();
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(deny_loader);
}

/* ---- exact element lines (TECHNOTES §1.4) ---- */

static void start_element_with_line(void *ctx, const xmlChar *localname,
	const xmlChar *prefix, const xmlChar *URI, int nb_namespaces,
	const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	sax2_start(ctx, localname, prefix, URI, nb_namespaces, namespaces,
		nb_attributes, nb_defaulted, attributes);
	if (ctxt->node && ctxt->input)
		ctxt->node->_private = (void *)(intptr_t)ctxt->input->line;
}

unsigned argraph_xml__line(const xmlNode *node)
{
	if (!node)
		return 0;
	if (node->type == XML_ELEMENT_NODE && node->_private)
		return (unsigned)(intptr_t)node->_private;
	long l = xmlGetLineNo(node);
	return l > 0 ? (unsigned)l : 0;
}

static int declares_entities(xmlDocPtr doc)
{
	xmlDtdPtr dtd = xmlGetIntSubset(doc);
	if (!dtd)
		return 0;
	return (dtd->entities && xmlHashSize(dtd->entities) > 0)
	    || (dtd->pentities && xmlHashSize(dtd->pentities) > 0);
}

argraph_status argraph_xml__parse(xmlDocPtr *out, const char *buf, size_t len,
	const char *name, argraph_diags *diags)
{
	pthread_once(&init_once, init_libxml);
	*out = NULL;
	argraph_pos pos = {name, 1, 0, NULL};
	if (len > INT_MAX) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.too-big", &pos,
			"file is too large for the XML parser (over 2 GiB)");
		return ARGRAPH_ETOOBIG;
	}
	xml_error_sink sink = {diags, name, "tei.xml", 0, 0};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return ARGRAPH_ENOMEM;
	ctxt->_private = &sink;
	ctxt->sax->serror = parser_serror;
	ctxt->sax->startElementNs = start_element_with_line;
	/* I/O-domain errors bypass sax->serror. */
	xmlSetStructuredErrorFunc(&sink, argraph_xml__error);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
		XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	int well_formed = ctxt->wellFormed;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);

	if (!doc || !well_formed || sink.count) {
		if (!sink.count)
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.xml", &pos,
				"not well-formed XML");
		xmlFreeDoc(doc);
		return ARGRAPH_EPARSE;
	}
	if (declares_entities(doc)) {
		xmlDtdPtr dtd = xmlGetIntSubset(doc);
		pos.line = dtd ? argraph_xml__line((xmlNodePtr)dtd) : 1;
		if (!pos.line)
			pos.line = 1;
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.entity", &pos,
			"the document declares entities; entity declarations are refused "
			"(they could read local files or expand without bound)");
		xmlFreeDoc(doc);
		return ARGRAPH_EPARSE;
	}
	*out = doc;
	return ARGRAPH_OK;
}
