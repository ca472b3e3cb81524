/* SPDX-License-Identifier: MIT */
/* audit_internal.h — the report's body, shared by the builder (audit.c) and
 * the renderers (report_text.c, report_json.c). Records live in growable arrays, their
 * strings in the audit's arena (internal). */
#ifndef ARGRAPH_AUDIT_INTERNAL_H
#define ARGRAPH_AUDIT_INTERNAL_H

#include "argraph/audit.h"
#include "../util/arena.h"
#include "../util/strbuf.h"

#define AUDIT_VEC(T) struct { T *items; size_t len, cap; }

struct argraph_audit {
	arena mem;
	AUDIT_VEC(argraph_audit_document) docs;
	AUDIT_VEC(argraph_audit_citation) cits;
	AUDIT_VEC(argraph_audit_entry) entries;
	AUDIT_VEC(argraph_audit_author) authors;
	AUDIT_VEC(argraph_audit_attribution) attrs;
	AUDIT_VEC(argraph_audit_unsupported) unsup;
};

/* Text and Markdown (report_text.c), JSON (report_json.c). */
argraph_status argraph_audit__render_text(strbuf *out, const argraph_audit *a, int markdown);
argraph_status argraph_audit__render_json(char **out, const argraph_audit *a);

/* How a doubt code reads in a report ("number-in-author-year-text" → …). */
const char *argraph_audit__doubt_text(const char *code);

#endif
