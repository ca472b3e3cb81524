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

argraph_status cli_pipeline_run(const cli_pipeline *p, const char *path, argraph_graph **out,
	char **out_key, argraph_diags *diags, size_t *errors, size_t *warnings)
{
	argraph_doc *doc = NULL;
	argraph_graph *g = NULL;
	char *key = NULL;
	argraph_status st;
	argraph_tei_options topts = ARGRAPH_TEI_OPTIONS_INIT;
	topts.max_bytes = p->max_bytes;
	*out = NULL;
	*out_key = NULL;
	*errors = *warnings = 0;
	if ((st = argraph_tei_read_file(&doc, path, &topts, diags)) != ARGRAPH_OK)
		goto done;
	if (!(key = argraph_doc_key_from_path(path))) {
		st = ARGRAPH_ENOMEM;
		goto done;
	}
	if ((st = argraph_graph_new(&g)) != ARGRAPH_OK)
		goto done;
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
	argraph_doc_free(doc);
	if (st != ARGRAPH_OK) {
		argraph_graph_free(g);
		free(key);
		return st;
	}
	*out = g;
	*out_key = key;
	return ARGRAPH_OK;
}

cli_doc *cli_doc_run(const cli_pipeline *p, const char *path, unsigned flags)
{
	cli_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->path = path;
	if (argraph_diags_new(&d->diags) != ARGRAPH_OK) {
		free(d);
		return NULL;
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		d->bytes = (unsigned long long)sb.st_size;
	d->status = cli_pipeline_run(p, path, &d->graph, &d->key, d->diags, &d->errors, &d->warnings);
	if (d->status == ARGRAPH_OK && (flags & CLI_DOC_LINE) && (!d->errors || (flags & CLI_DOC_FORCE)))
		d->status = argraph_json_to_line(&d->line, d->graph, d->diags);
	return d;
}

void cli_doc_free(cli_doc *d)
{
	if (!d)
		return;
	argraph_graph_free(d->graph);
	argraph_free(d->line);
	free(d->key);
	argraph_diags_free(d->diags);
	free(d);
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
