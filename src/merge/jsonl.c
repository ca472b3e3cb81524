/* SPDX-License-Identifier: MIT */
/*
 * jsonl.c — graphs as JSON Lines: one compact `argraph-graph/1` object per
 * line, so shards of a corpus can be streamed, concatenated, split with
 * ordinary tools (cat, split, GNU parallel) and merged.
 *
 * Writing is the frame of argraph_json_write() (json_stream.c) into a
 * buffer, with no stream.
 * Reading holds one line at a time (up to a limit) and hands it to
 * argraph_json_read_mem(); errors carry the stream's line number.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/merge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/export.h"
#include "../export/json_internal.h"
#include "../util/strbuf.h"

argraph_status argraph_json_to_line(char **out, const argraph_graph *g, argraph_diags *diags)
{
	*out = NULL;
	(void)diags; /* without a stream, writing fails only for want of memory */
	strbuf b = {0};
	argraph_status st = argraph_json__write(g, ARGRAPH_JSON_LINE, &b, NULL);
	if (st != ARGRAPH_OK) {
		strbuf_release(&b);
		return ARGRAPH_ENOMEM;
	}
	*out = strbuf_detach(&b);
	return ARGRAPH_OK;
}

/* ---- reading ---- */

struct argraph_jsonl_reader {
	FILE *fp;
	int own;              /* fp was opened by the reader */
	char *name;
	unsigned long line;   /* lines read so far */
	size_t max;
	int started;          /* the first non-blank line has been seen */
	int eof;
	strbuf buf;
};

argraph_status argraph_jsonl_reader_new_stream(argraph_jsonl_reader **out, FILE *fp,
	const char *name)
{
	*out = NULL;
	argraph_jsonl_reader *r = calloc(1, sizeof *r);
	if (!r)
		return ARGRAPH_ENOMEM;
	r->fp = fp;
	r->max = ARGRAPH_JSONL_DEFAULT_MAX_LINE;
	r->name = strdup(name ? name : "<stream>");
	if (!r->name) {
		free(r);
		return ARGRAPH_ENOMEM;
	}
	*out = r;
	return ARGRAPH_OK;
}

argraph_status argraph_jsonl_reader_new_file(argraph_jsonl_reader **out, const char *path,
	argraph_diags *diags)
{
	*out = NULL;
	int is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp) {
		argraph_pos pos = {path, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.io", &pos, "cannot open: %s",
			strerror(errno));
		return ARGRAPH_EIO;
	}
	argraph_status st = argraph_jsonl_reader_new_stream(out, fp, is_stdin ? "<stdin>" : path);
	if (st != ARGRAPH_OK) {
		if (!is_stdin)
			fclose(fp);
		return st;
	}
	(*out)->own = !is_stdin;
	return ARGRAPH_OK;
}

void argraph_jsonl_reader_set_max_line(argraph_jsonl_reader *r, size_t max)
{
	r->max = max ? max : ARGRAPH_JSONL_DEFAULT_MAX_LINE;
}

unsigned long argraph_jsonl_reader_line(const argraph_jsonl_reader *r)
{
	return r->line;
}

void argraph_jsonl_reader_free(argraph_jsonl_reader *r)
{
	if (!r)
		return;
	if (r->own && r->fp)
		fclose(r->fp);
	strbuf_release(&r->buf);
	free(r->name);
	free(r);
}

/* Read one line (without its "\n" or "\r\n") into r->buf. Returns 1 for a
 * line, 0 at the end, -1 on a read error, -2 when the line is over the
 * limit (the rest of it is skipped), -3 out of memory. */
static int read_line(argraph_jsonl_reader *r)
{
	strbuf_reset(&r->buf);
	if (r->eof)
		return 0;
	char chunk[65536];
	int got = 0, too_big = 0;
	for (;;) {
		if (!fgets(chunk, sizeof chunk, r->fp)) {
			if (ferror(r->fp))
				return -1;
			r->eof = 1;
			break;
		}
		got = 1;
		size_t n = strlen(chunk);
		int end = n && chunk[n - 1] == '\n';
		if (!too_big) {
			if (r->buf.len + n > r->max)
				too_big = 1;
			else
				strbuf_append(&r->buf, chunk, n);
			if (r->buf.failed)
				return -3;
		}
		if (end)
			break;
	}
	if (!got)
		return 0;
	r->line++;
	if (too_big)
		return -2;
	while (r->buf.len && (r->buf.data[r->buf.len - 1] == '\n' || r->buf.data[r->buf.len - 1] == '\r'))
		r->buf.data[--r->buf.len] = '\0';
	return 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Parse `len` bytes as one graph; diagnostics move to `diags` with their
 * line counted from `first_line` of the stream. */
static argraph_status parse(argraph_jsonl_reader *r, const char *buf, size_t len,
	unsigned long first_line, argraph_graph **out, argraph_diags *diags)
{
	argraph_diags *tmp = NULL;
	if (argraph_diags_new(&tmp) != ARGRAPH_OK)
		return ARGRAPH_ENOMEM;
	argraph_status st = argraph_json_read_mem(out, buf, len, r->name, tmp);
	for (size_t i = 0; i < argraph_diags_count(tmp); i++) {
		const argraph_diag *d = argraph_diags_at(tmp, i);
		argraph_pos pos = d->pos;
		pos.file = r->name;
		pos.line = (unsigned)(first_line + (pos.line ? pos.line - 1 : 0));
		argraph_diags_add(diags, d->severity, d->code, &pos, "%s", d->message);
	}
	argraph_diags_free(tmp);
	return st;
}

argraph_status argraph_jsonl_reader_next(argraph_jsonl_reader *r, argraph_graph **out,
	argraph_diags *diags)
{
	*out = NULL;
	for (;;) {
		int rc = read_line(r);
		argraph_pos pos = {r->name, (unsigned)r->line, 0, NULL};
		if (rc == 0)
			return ARGRAPH_OK;
		if (rc == -3)
			return ARGRAPH_ENOMEM;
		if (rc == -1) {
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.io", &pos, "read error: %s",
				strerror(errno));
			return ARGRAPH_EIO;
		}
		if (rc == -2) {
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.too_big", &pos,
				"line longer than %zu bytes", r->max);
			return ARGRAPH_ETOOBIG;
		}
		if (blank(r->buf.data, r->buf.len))
			continue;
		int first = !r->started;
		r->started = 1;
		if (first && strcmp(r->buf.data + strspn(r->buf.data, " \t"), "{") == 0) {
			/* a pretty-printed graph: the whole stream is one object */
			unsigned long from = r->line;
			strbuf_putc(&r->buf, '\n');
			char chunk[65536];
			size_t n;
			while ((n = fread(chunk, 1, sizeof chunk, r->fp)) > 0) {
				if (r->buf.len + n > r->max) {
					argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.too_big", &pos,
						"graph longer than %zu bytes", r->max);
					r->eof = 1;
					return ARGRAPH_ETOOBIG;
				}
				strbuf_append(&r->buf, chunk, n);
			}
			if (ferror(r->fp)) {
				argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "jsonl.io", &pos, "read error: %s",
					strerror(errno));
				return ARGRAPH_EIO;
			}
			if (r->buf.failed)
				return ARGRAPH_ENOMEM;
			r->eof = 1;
			return parse(r, r->buf.data, r->buf.len, from, out, diags);
		}
		return parse(r, r->buf.data, r->buf.len, r->line, out, diags);
	}
}
