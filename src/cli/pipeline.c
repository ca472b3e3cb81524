/* SPDX-License-Identifier: MIT */
/*
 * pipeline.c — what `map`, `validate` and `audit` share: the rules and the
 * graph schema, loaded once per run, and the per-file pipeline
 * read → structure → rules → validate.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "argraph/merge.h"
#include "argraph/rules.h"
#include "argraph/schema.h"
#include "cli.h"
#include "inputs.h"
#include "options.h"
#include "pool.h"

int cli_pipeline_setup(cli_pipeline *p, const char *const *user_rules, size_t n_user_rules,
	int no_rules, const char *schema_path, int no_validate)
{
	if (!no_rules) {
		int rc = cli_load_rules(&p->rules, user_rules, n_user_rules, p->quiet);
		if (rc != EXIT_OK)
			return rc;
	}
	if (no_validate)
		return EXIT_OK;
	char def[4096], rng[4096];
	snprintf(def, sizeof def, "%s/schemas/argraph-graph.xml", cli_datadir());
	snprintf(rng, sizeof rng, "%s/schemas/argraph-graph-schema.rng", cli_datadir());
	argraph_diags *d = NULL;
	if (argraph_diags_new(&d) != ARGRAPH_OK)
		return EXIT_INPUT;
	argraph_status st = argraph_graph_schema_read_file(&p->schema, schema_path ? schema_path : def, rng, d);
	cli_print_diags(d, 0);
	argraph_diags_free(d);
	if (st != ARGRAPH_OK) {
		cli_pipeline_release(p);
		return EXIT_USAGE; /* a schema that cannot be used is a usage error */
	}
	return EXIT_OK;
}

void cli_pipeline_release(cli_pipeline *p)
{
	argraph_rules_free(p->rules);
	argraph_graph_schema_free(p->schema);
	p->rules = NULL;
	p->schema = NULL;
}

/* Extract and validate one document under `key`. Violations go to diags
 * and are counted; the graph is returned even when it has some. */
static argraph_status run_document(const cli_pipeline *p, const argraph_doc *doc, const char *key,
	argraph_graph **out, argraph_diags *diags, size_t *errors, size_t *warnings)
{
	argraph_graph *g = NULL;
	argraph_status st;
	*out = NULL;
	*errors = *warnings = 0;
	if ((st = argraph_graph_new(&g)) != ARGRAPH_OK)
		return st;
	if ((st = argraph_extract_structure(g, doc, key, diags)) != ARGRAPH_OK)
		goto done;
	if (p->rules && (st = argraph_extract_rules(g, doc, p->rules, key, diags)) != ARGRAPH_OK)
		goto done;
#ifndef NDEBUG
	if ((st = argraph_graph_check(g)) != ARGRAPH_OK)
		goto done;
#endif
	if (p->schema)
		st = argraph_graph_validate(g, p->schema, diags, errors, warnings);
done:
	if (st != ARGRAPH_OK) {
		argraph_graph_free(g);
		return st;
	}
	*out = g;
	return ARGRAPH_OK;
}

/* Move every diagnostic of `from` to the end of `to`. */
static argraph_status move_diags(argraph_diags *to, argraph_diags *from)
{
	argraph_status st = ARGRAPH_OK;
	for (size_t i = 0; i < argraph_diags_count(from) && st == ARGRAPH_OK; i++) {
		const argraph_diag *g = argraph_diags_at(from, i);
		st = argraph_diags_add(to, g->severity, g->code, &g->pos, "%s", g->message);
	}
	argraph_diags_clear(from);
	return st;
}

/* A new record of the file's run, appended to the chain. */
static cli_doc *new_record(cli_doc **head, cli_doc **tail, const char *path)
{
	cli_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	if (argraph_diags_new(&d->diags) != ARGRAPH_OK) {
		free(d);
		return NULL;
	}
	d->path = path;
	if (*tail)
		(*tail)->next = d;
	else
		*head = d;
	*tail = d;
	return d;
}

/* The run of one file, as argraph_tei_read_file_each() hands its
 * documents over. */
typedef struct file_run {
	const cli_pipeline *p;
	const char *path;
	unsigned flags;
	argraph_diags *file_diags; /* what the reader says, until a record takes it */
	char *file_key;            /* argraph_doc_key_from_path(path) */
	cli_doc *head, *tail;      /* the records not handed over yet */
	cli_pool_job *parts;       /* NULL: keep them all (a chain) */
	int nomem, stopped;
} file_run;

/* Hand the finished records over as parts of the file's job, so that a
 * teiCorpus costs one member at a time, not all of them. Called when the
 * next document comes: the records so far are complete then (what the
 * reader says after the last member goes to the last record, so that one
 * stays). Returns nonzero when the run is stopping. */
static int hand_over(file_run *fr)
{
	while (fr->head && !fr->stopped) {
		cli_doc *d = fr->head;
		fr->head = d->next;
		d->next = NULL;
		fr->stopped = cli_pool_part(fr->parts, d) != 0;
	}
	if (!fr->head)
		fr->tail = NULL;
	return fr->stopped;
}

/* A failed record of the file's own, with what the reader said so far:
 * an error that is no document's (a foreign teiCorpus between members,
 * a file that could not be read). NULL when out of memory. */
static cli_doc *failed_record(file_run *fr, argraph_status st)
{
	cli_doc *e = new_record(&fr->head, &fr->tail, fr->path);
	if (!e || move_diags(e->diags, fr->file_diags) != ARGRAPH_OK)
		return NULL;
	e->status = st;
	return e;
}

/* The document key of a member: the file's, '~', the member's name. */
static char *member_key(const char *file_key, const char *member)
{
	if (!member)
		return strdup(file_key);
	size_t n = strlen(file_key) + 1 + strlen(member) + 1;
	char *k = malloc(n);
	if (k)
		snprintf(k, n, "%s" CLI_MEMBER_SEP "%s", file_key, member);
	return k;
}

/* A document whose pass failed must not fail in silence. Running out of
 * memory is said as such (the passes report it by status only); any other
 * failure is meant to come with its error, so one that came without any
 * is a defect of argraph's, said as such. */
static void say_failure(cli_doc *d, unsigned line)
{
	if (argraph_diags_count_at_least(d->diags, ARGRAPH_SEV_ERROR))
		return;
	argraph_pos pos = {d->path, line, 0, NULL};
	if (d->status == ARGRAPH_ENOMEM)
		argraph_diags_add(d->diags, ARGRAPH_SEV_ERROR, "io.nomem", &pos,
			"out of memory while mapping the document");
	else
		argraph_diags_add(d->diags, ARGRAPH_SEV_ERROR, "internal", &pos,
			"the document could not be mapped (%s) and no reason was given: "
			"an argraph defect, please report it with this file", argraph_status_name(d->status));
}

/* The document's JSON line, when `flags` ask for one (CLI_DOC_LINE) and
 * its graph keeps the schema (or CLI_DOC_FORCE). */
static void make_line(cli_doc *d, unsigned flags)
{
	if (d->status == ARGRAPH_OK && !d->line && (flags & CLI_DOC_LINE)
	    && (!d->errors || (flags & CLI_DOC_FORCE)))
		d->status = argraph_json_to_line(&d->line, d->graph, d->diags);
}

void cli_doc_make_lines(cli_doc *d, unsigned flags)
{
	for (; d; d = d->next)
		make_line(d, flags);
}

static int on_document(void *ctx, argraph_tei_member *m)
{
	file_run *fr = ctx;
	if (fr->parts && hand_over(fr)) { /* what follows would be dropped */
		argraph_doc_free(m->doc);
		return 1;
	}
	/* An error the reader found before a document it could read (a
	 * foreign teiCorpus between members) is not that document's: a failed
	 * record of its own, so that the run fails. */
	if (m->status == ARGRAPH_OK && argraph_diags_count_at_least(fr->file_diags, ARGRAPH_SEV_ERROR)
	    && !failed_record(fr, ARGRAPH_EINVALID)) {
		argraph_doc_free(m->doc);
		fr->nomem = 1;
		return 1;
	}
	cli_doc *d = new_record(&fr->head, &fr->tail, fr->path);
	if (!d || move_diags(d->diags, fr->file_diags) != ARGRAPH_OK) {
		argraph_doc_free(m->doc);
		fr->nomem = 1;
		return 1;
	}
	d->status = m->status;
	if (m->id) {
		d->member = 1;
		d->line_no = m->line;
	}
	if (!(d->key = member_key(fr->file_key, m->id)))
		d->status = ARGRAPH_ENOMEM;
	if (d->status == ARGRAPH_OK) {
		d->status = run_document(fr->p, m->doc, d->key, &d->graph, d->diags, &d->errors, &d->warnings);
		if (d->status != ARGRAPH_OK)
			say_failure(d, m->line);
	}
	argraph_doc_free(m->doc);
	make_line(d, fr->flags);
	/* A failed record keeps neither graph nor key; when only the line is
	 * wanted, the graph is not kept beside it. */
	int failed = d->status != ARGRAPH_OK;
	if (failed || (fr->flags & CLI_DOC_NO_GRAPH)) {
		argraph_graph_free(d->graph);
		d->graph = NULL;
	}
	if (failed) {
		free(d->key);
		d->key = NULL;
	}
	return 0;
}

cli_doc *cli_doc_run(const cli_pipeline *p, const char *path, unsigned flags, cli_pool_job *parts)
{
	file_run fr = {p, path, flags, NULL, NULL, NULL, NULL, parts, 0, 0};
	argraph_tei_options topts = ARGRAPH_TEI_OPTIONS_INIT;
	topts.max_bytes = p->max_bytes;
	if (argraph_diags_new(&fr.file_diags) != ARGRAPH_OK || !(fr.file_key = argraph_doc_key_from_path(path)))
		goto nomem;
	argraph_status st = argraph_tei_read_file_each(path, &topts, on_document, &fr, fr.file_diags);
	if (fr.nomem)
		goto nomem;
	if (fr.stopped) { /* the pool drops what is left */
		argraph_diags_free(fr.file_diags);
		free(fr.file_key);
		return fr.head;
	}
	/* The reader's last words: why a file could not be read at all (a
	 * record of their own, failed), or what it found after the last
	 * member (a foreign teiCorpus: failed too; a mere warning: the last
	 * member's). */
	if (!fr.head || argraph_diags_count_at_least(fr.file_diags, ARGRAPH_SEV_ERROR)) {
		if (!failed_record(&fr, st != ARGRAPH_OK ? st : ARGRAPH_EINVALID))
			goto nomem;
	} else if (move_diags(fr.tail->diags, fr.file_diags) != ARGRAPH_OK) {
		goto nomem;
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		fr.head->bytes = (unsigned long long)sb.st_size;
	argraph_diags_free(fr.file_diags);
	free(fr.file_key);
	return fr.head;
nomem:
	argraph_diags_free(fr.file_diags);
	free(fr.file_key);
	cli_doc_free(fr.head);
	return NULL;
}

void cli_doc_free(cli_doc *d)
{
	while (d) {
		cli_doc *next = d->next;
		argraph_graph_free(d->graph);
		argraph_free(d->line);
		free(d->key);
		argraph_diags_free(d->diags);
		free(d);
		d = next;
	}
}

const char *cli_where(const char *path, int member, unsigned line, char *buf, size_t n)
{
	if (!member)
		return path;
	snprintf(buf, n, "%s:%u", path, line);
	return buf;
}

const char *cli_doc_where(const cli_doc *d, char *buf, size_t n)
{
	return cli_where(d->path, d->member, d->line_no, buf, n);
}

int cli_doc_each(cli_doc *d, size_t index, int (*one)(void *ctx, size_t index, void *doc),
	void *ctx)
{
	int stop = 0;
	while (d) {
		cli_doc *next = d->next;
		d->next = NULL;
		if (stop)
			cli_doc_free(d);
		else
			stop = one(ctx, index, d);
		d = next;
	}
	return stop;
}

/* Write the graph to standard output, or to `path` atomically: a
 * temporary file beside it, streamed, synced, then renamed over it. */
argraph_status cli_write_graph(const argraph_graph *g, unsigned flags, const char *path,
	argraph_diags *d)
{
	if (!path)
		return argraph_json_write(g, flags, stdout, d);
	argraph_pos pos = {path, 0, 0, NULL};
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	if (!tmp)
		return ARGRAPH_ENOMEM;
	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	argraph_status st = ARGRAPH_OK;
	if (!f) {
		argraph_diags_add(d, ARGRAPH_SEV_ERROR, "io.write", &pos, "cannot write: %s", strerror(errno));
		free(tmp);
		return ARGRAPH_EIO;
	}
	st = argraph_json_write(g, flags, f, d);
	if (st == ARGRAPH_OK && fsync(fileno(f)) != 0 && errno != EINVAL)
		st = ARGRAPH_EIO;
	if (fclose(f) != 0 && st == ARGRAPH_OK)
		st = ARGRAPH_EIO;
	if (st == ARGRAPH_OK && rename(tmp, path) != 0)
		st = ARGRAPH_EIO;
	if (st == ARGRAPH_EIO)
		argraph_diags_add(d, ARGRAPH_SEV_ERROR, "io.write", &pos, "cannot write: %s", strerror(errno));
	if (st != ARGRAPH_OK)
		unlink(tmp);
	free(tmp);
	return st;
}

void cli_doc_drop(void *ctx, void *doc)
{
	(void)ctx;
	cli_doc_free(doc);
}

int cli_start(const cli_common *co, const char *cmd, cli_pipeline *p, cli_inputs *in,
	int argc, char **argv, int first, int *unreadable)
{
	*unreadable = EXIT_OK;
	p->max_bytes = co->max_bytes;
	p->quiet = co->quiet;
	int r = first < argc ? cli_inputs_add_all(in, argc, argv, first) : 0;
	if (r < 0) {
		fprintf(stderr, "argraph %s: out of memory\n", cmd);
		cli_inputs_free(in);
		return EXIT_INPUT;
	}
	if (r > 0)
		*unreadable = EXIT_INPUT;
	int setup = cli_pipeline_setup(p, co->user_rules, co->n_user_rules, co->no_rules, co->schema,
		co->no_validate);
	if (setup != EXIT_OK)
		cli_inputs_free(in);
	return setup;
}
