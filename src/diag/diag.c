/* SPDX-License-Identifier: MIT */
/*
 * diag.c — the diagnostics sink, and the status names. Diagnostics keep
 * their own copies of file names and messages in the sink's arena, so a
 * diagnostic outlives the document that produced it.
 */
#include "argraph/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/arena.h"
#include "../util/strbuf.h"
#include "../util/vec.h"

struct argraph_diags {
	arena mem;
	ptrvec items; /* argraph_diag * */
};

const char *argraph_status_name(argraph_status st)
{
	switch (st) {
	case ARGRAPH_OK: return "ok";
	case ARGRAPH_ERROR: return "error";
	case ARGRAPH_ENOMEM: return "out of memory";
	case ARGRAPH_EIO: return "input/output error";
	case ARGRAPH_EPARSE: return "parse error";
	case ARGRAPH_EINVALID: return "invalid input";
	case ARGRAPH_ENOTFOUND: return "not found";
	case ARGRAPH_ETOOBIG: return "input too big";
	}
	return "unknown status";
}

void argraph_free(void *p) { free(p); }

argraph_status argraph_diags_new(argraph_diags **out)
{
	*out = calloc(1, sizeof(argraph_diags));
	if (!*out)
		return ARGRAPH_ENOMEM;
	arena_init(&(*out)->mem);
	return ARGRAPH_OK;
}

void argraph_diags_free(argraph_diags *d)
{
	if (!d)
		return;
	arena_release(&d->mem);
	ptrvec_release(&d->items);
	free(d);
}

argraph_status argraph_diags_add(argraph_diags *d, argraph_severity sev,
	const char *code, const argraph_pos *pos, const char *fmt, ...)
{
	if (!d)
		return ARGRAPH_OK;
	strbuf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&msg, fmt, ap);
	va_end(ap);
	/* One line per diagnostic: libxml2 messages end in '\n'. */
	while (msg.len && (msg.data[msg.len - 1] == '\n' || msg.data[msg.len - 1] == ' '))
		msg.data[--msg.len] = '\0';
	for (size_t i = 0; i < msg.len; i++)
		if (msg.data[i] == '\n')
			msg.data[i] = ' ';

	argraph_diag *dg = arena_alloc(&d->mem, sizeof *dg);
	if (!dg || msg.failed) {
		strbuf_release(&msg);
		return ARGRAPH_ENOMEM;
	}
	dg->severity = sev;
	dg->code = arena_strdup(&d->mem, code ? code : "");
	dg->message = arena_strdup(&d->mem, strbuf_cstr(&msg));
	strbuf_release(&msg);
	if (pos) {
		dg->pos.file = arena_strdup(&d->mem, pos->file);
		dg->pos.line = pos->line;
		dg->pos.column = pos->column;
		dg->pos.xml_id = arena_strdup(&d->mem, pos->xml_id);
	}
	if (!dg->code || !dg->message || ptrvec_push(&d->items, dg) < 0)
		return ARGRAPH_ENOMEM;
	return ARGRAPH_OK;
}

size_t argraph_diags_count(const argraph_diags *d) { return d ? d->items.len : 0; }

const argraph_diag *argraph_diags_at(const argraph_diags *d, size_t i)
{
	return d && i < d->items.len ? d->items.items[i] : NULL;
}

size_t argraph_diags_count_at_least(const argraph_diags *d, argraph_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < argraph_diags_count(d); i++)
		if (argraph_diags_at(d, i)->severity >= sev)
			n++;
	return n;
}

void argraph_diags_clear(argraph_diags *d)
{
	if (!d)
		return;
	arena_release(&d->mem);
	d->items.len = 0;
}

const char *argraph_severity_name(argraph_severity sev)
{
	switch (sev) {
	case ARGRAPH_SEV_NOTE: return "note";
	case ARGRAPH_SEV_WARNING: return "warning";
	case ARGRAPH_SEV_ERROR: return "error";
	}
	return "error";
}

void argraph_diags_print(const argraph_diags *d, FILE *out)
{
	for (size_t i = 0; i < argraph_diags_count(d); i++) {
		const argraph_diag *dg = argraph_diags_at(d, i);
		if (dg->pos.file) {
			fputs(dg->pos.file, out);
			if (dg->pos.line) {
				fprintf(out, ":%u", dg->pos.line);
				if (dg->pos.column)
					fprintf(out, ":%u", dg->pos.column);
			}
			fputs(": ", out);
		}
		fprintf(out, "%s: %s", argraph_severity_name(dg->severity), dg->message);
		if (dg->code && *dg->code)
			fprintf(out, " [%s]", dg->code);
		fputc('\n', out);
	}
}

/* The library's version lives with the status names: both are answers the
 * library gives about itself. */
#include "argraph/argraph.h"
const char *argraph_version(void) { return ARGRAPH_VERSION_STRING; }
