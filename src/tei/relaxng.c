/* SPDX-License-Identifier: MIT */
/*
 * relaxng.c — TEI input against a RELAX NG schema, through libxml2.
 * Compiled once, validated in tree mode (streaming validation cascades one
 * error into thousands, TECHNOTES §2). Errors come through the
 * per-context structured handlers, never global state.
 */
#include "argraph/tei.h"

#include <stdlib.h>

#include <libxml/relaxng.h>

#include "xmlparse.h"

struct argraph_tei_schema {
	xmlRelaxNGPtr rng;
};

typedef struct rng_sink {
	argraph_diags *diags;
	const char *file; /* libxml2 does not always say which */
	unsigned last_line; /* for the follow-up messages that carry no line */
} rng_sink;

static void rng_error(void *user, xmlErrorPtr err)
{
	rng_sink *sink = user;
	argraph_pos pos = {sink->file, err->line > 0 ? (unsigned)err->line : 0, 0, NULL};
	if (!pos.line && err->node)
		pos.line = argraph_xml__line(err->node);
	if (!pos.line)
		pos.line = sink->last_line;
	sink->last_line = pos.line;
	argraph_diags_add(sink->diags, err->level == XML_ERR_WARNING ? ARGRAPH_SEV_WARNING : ARGRAPH_SEV_ERROR,
		"tei.schema", &pos, "%s", err->message ? err->message : "not valid");
}

argraph_status argraph_tei_schema_read_file(argraph_tei_schema **out, const char *rng_path,
	argraph_diags *diags)
{
	*out = NULL;
	char *buf = NULL;
	size_t len = 0;
	argraph_status st = argraph_xml__slurp(rng_path, 16u << 20, NULL, &buf, &len, diags);
	if (st != ARGRAPH_OK)
		return st;
	xmlDocPtr doc = NULL;
	st = argraph_xml__parse(&doc, buf, len, rng_path, "tei", NULL, diags);
	free(buf);
	if (st != ARGRAPH_OK)
		return st == ARGRAPH_EPARSE ? ARGRAPH_EINVALID : st;
	rng_sink sink = {diags, rng_path, 0};
	/* compiled from the tree we parsed safely, so libxml2 opens nothing */
	xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewDocParserCtxt(doc);
	xmlRelaxNGPtr rng = NULL;
	if (pctxt) {
		xmlRelaxNGSetParserStructuredErrors(pctxt, rng_error, &sink);
		rng = xmlRelaxNGParse(pctxt);
		xmlRelaxNGFreeParserCtxt(pctxt);
	}
	xmlFreeDoc(doc);
	if (!rng) {
		argraph_pos pos = {rng_path, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "tei.schema", &pos, "not a usable RELAX NG schema");
		return ARGRAPH_EINVALID;
	}
	argraph_tei_schema *s = malloc(sizeof *s);
	if (!s) {
		xmlRelaxNGFree(rng);
		return ARGRAPH_ENOMEM;
	}
	s->rng = rng;
	*out = s;
	return ARGRAPH_OK;
}

void argraph_tei_schema_free(argraph_tei_schema *s)
{
	if (!s)
		return;
	xmlRelaxNGFree(s->rng);
	free(s);
}

argraph_status argraph_tei_validate_file(const argraph_tei_schema *s, const char *path,
	const argraph_tei_options *opts, argraph_diags *diags)
{
	char *buf;
	size_t len;
	argraph_status st = argraph_xml__slurp_tei(path, opts, &buf, &len, diags);
	if (st != ARGRAPH_OK)
		return st;
	xmlDocPtr doc = NULL;
	st = argraph_xml__parse(&doc, buf, len, path, "tei", NULL, diags);
	free(buf);
	if (st != ARGRAPH_OK)
		return st;
	rng_sink sink = {diags, path, 0};
	xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(s->rng);
	if (!v) {
		xmlFreeDoc(doc);
		return ARGRAPH_ENOMEM;
	}
	xmlRelaxNGSetValidStructuredErrors(v, rng_error, &sink);
	int rc = xmlRelaxNGValidateDoc(v, doc);
	xmlRelaxNGFreeValidCtxt(v);
	xmlFreeDoc(doc);
	return rc == 0 ? ARGRAPH_OK : rc > 0 ? ARGRAPH_EINVALID : ARGRAPH_ERROR;
}
