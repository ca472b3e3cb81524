/* SPDX-License-Identifier: MIT */
/*
 * cmd_map.c — `argraph map`: TEI files → graph → DOT/SVG/PNG/PDF/JSON.
 *
 * One document (a single FILE operand): DIR/NAME.json (the whole graph)
 * and one diagram per view, DIR/NAME.<view>.<format>: the causal, argument
 * and citation views by default; the `all` view (everything in one
 * picture, rarely readable) only when asked for with --view.
 *
 * A corpus (several operands, a DIR, or "-" for paths on stdin; or no
 * operand: the bundled corpus): the documents run on a pool of worker
 * threads (-j) and are merged into one graph (include/argraph/merge.h):
 * DIR/CORPUS.json, DIR/CORPUS.jsonl (each document's own graph, a line
 * each, in input order) and the merged graph's causal and citation views,
 * summarised to the best-connected nodes when large. Per-document outputs
 * too with --each (the bundled corpus has them).
 *
 * Everything a document gives is made before anything of it is written,
 * each file atomically; a graph with schema errors is not written (nor
 * merged) unless --force. Diagrams are drawn on the main thread: cgraph
 * and gvc are not thread-safe.
 */
#define _XOPEN_SOURCE 700 /* realpath */
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
#include "progress.h"
#include "util/strmap.h"
#include "util/vec.h"

#define N_VIEWS 4 /* argraph_view values */

/* Views of a merged corpus with more nodes than this are drawn with only
 * this many (the best connected) unless --top says otherwise: a picture
 * of a few hundred labelled nodes can still be read. */
#define CORPUS_AUTO_TOP 300
/* --engine auto: dot up to this many drawn nodes, sfdp beyond. dot lays
 * out 2,000 nodes in about a second but grows much faster than linearly
 * (crossing minimisation); sfdp (multilevel force-directed) stays near
 * n log n and finishes on 10,000+ nodes. */
#define AUTO_DOT_MAX_NODES 2000
/* --render-timeout default, seconds: a layout still running after ten
 * minutes is not going to give a readable picture. */
#define DEFAULT_RENDER_TIMEOUT 600

typedef struct map_opts {
	const char *outdir;
	const char *name;          /* the corpus outputs' NAME */
	argraph_dot_options dot;
	const char *engine;        /* NULL: auto */
	int want_view[N_VIEWS], views_given;
	int want_dot, want_svg, want_png, want_pdf, want_json, want_jsonl, formats_given;
	int force, each, top_given;
	cli_pipeline pipe;
} map_opts;

/* --view: one name or a comma-separated list. */
static int parse_views(map_opts *o, const char *list)
{
	for (int v = 0; v < N_VIEWS; v++)
		o->want_view[v] = 0;
	char *copy = strdup(list);
	if (!copy)
		return -1;
	int bad = 0, any = 0;
	for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		argraph_view v;
		if (argraph_view_from_name(t, &v) == 0 && (int)v < N_VIEWS) {
			o->want_view[v] = 1;
			any = 1;
		} else {
			fprintf(stderr, "argraph map: unknown view \"%s\" (causal, argument, citation, all)\n", t);
			bad = 1;
		}
	}
	free(copy);
	if (!bad && !any)
		fprintf(stderr, "argraph map: --view wants a view name (causal, argument, citation, all)\n");
	return bad || !any ? -1 : 0;
}

static int parse_formats(map_opts *o, const char *list)
{
	o->want_dot = o->want_svg = o->want_png = o->want_pdf = o->want_json = o->want_jsonl = 0;
	char *copy = strdup(list);
	if (!copy)
		return -1;
	int bad = 0;
	for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (strcmp(t, "dot") == 0) o->want_dot = 1;
		else if (strcmp(t, "svg") == 0) o->want_svg = 1;
		else if (strcmp(t, "png") == 0) o->want_png = 1;
		else if (strcmp(t, "pdf") == 0) o->want_pdf = 1;
		else if (strcmp(t, "json") == 0) o->want_json = 1;
		else if (strcmp(t, "jsonl") == 0) o->want_jsonl = 1;
		else {
			fprintf(stderr, "argraph map: unknown format \"%s\" (dot, svg, png, pdf, json, jsonl)\n", t);
			bad = 1;
		}
	}
	free(copy);
	return bad ? -1 : 0;
}

static char *join(const char *dir, const char *name, const char *ext)
{
	size_t n = strlen(dir) + strlen(name) + strlen(ext) + 3;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s%s", dir, name, ext);
	return p;
}

static int ensure_dir(const char *dir)
{
	struct stat sb;
	errno = 0;
	if (stat(dir, &sb) == 0)
		return S_ISDIR(sb.st_mode) ? 0 : -1;
	return mkdir(dir, 0777);
}

static argraph_status check_outdir(const map_opts *o, argraph_diags *diags)
{
	if (ensure_dir(o->outdir) == 0)
		return ARGRAPH_OK;
	argraph_pos pos = {o->outdir, 0, 0, NULL};
	argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.outdir", &pos,
		"cannot use as output directory: %s", errno ? strerror(errno) : "not a directory");
	return ARGRAPH_EIO;
}

/* The layout engine for a view of this many nodes: the one asked for,
 * else dot for a few thousand nodes and sfdp beyond. */
static const char *engine_for(const map_opts *o, size_t nodes)
{
	if (o->engine)
		return o->engine;
	return nodes > AUTO_DOT_MAX_NODES ? "sfdp" : "dot";
}

/* The diagrams of g, DIR/NAME.<view>.<format>, in the order causal,
 * argument, citation, all; the citation view from `citation_g` when not
 * NULL (a corpus: its citation network). `summarise`: a view over
 * CORPUS_AUTO_TOP nodes is cut to that many when --top was not given. */
static argraph_status write_views(const argraph_graph *main_g, const argraph_graph *citation_g,
	const char *name, const map_opts *o, const int *want_view, int summarise, argraph_diags *diags)
{
	static const argraph_view order[] = {ARGRAPH_VIEW_CAUSAL, ARGRAPH_VIEW_ARGUMENT,
		ARGRAPH_VIEW_CITATION, ARGRAPH_VIEW_ALL};
	argraph_status st = ARGRAPH_OK;
	for (size_t vi = 0; vi < sizeof order / sizeof *order && st == ARGRAPH_OK; vi++) {
		argraph_view v = order[vi];
		if (!want_view[v])
			continue;
		const argraph_graph *g = v == ARGRAPH_VIEW_CITATION && citation_g ? citation_g : main_g;
		argraph_dot_options dopts = o->dot;
		dopts.view = v;
		size_t nodes = 0, edges = 0;
		if ((st = argraph_view_size(g, &dopts, &nodes, &edges)) != ARGRAPH_OK)
			break;
		if (summarise && !o->top_given && nodes > CORPUS_AUTO_TOP) {
			/* --top keeps exactly that many of a larger view */
			size_t all = nodes;
			dopts.top = nodes = CORPUS_AUTO_TOP;
			argraph_pos pos = {name, 0, 0, NULL};
			argraph_diags_add(diags, ARGRAPH_SEV_NOTE, "view.summarised", &pos,
				"the %s view has %zu nodes; drawn: the %zu with the most edges "
				"(--top N for another number, --top 0 for all)",
				argraph_view_name(v), all, nodes);
		}
		const char *engine = engine_for(o, nodes);
		if (!o->engine && strcmp(engine, "dot") != 0) {
			argraph_pos pos = {name, 0, 0, NULL};
			argraph_diags_add(diags, ARGRAPH_SEV_NOTE, "view.engine", &pos,
				"the %s view draws %zu nodes: laid out with %s, not dot (--engine to choose)",
				argraph_view_name(v), nodes, engine);
		}
		struct { int want; const char *format; } outs[] = {
			{o->want_dot, "dot"}, {o->want_svg, "svg"}, {o->want_png, "png"}, {o->want_pdf, "pdf"},
		};
		char *dot = NULL;
		if (o->want_dot && (st = argraph_dot_to_string(&dot, g, &dopts, diags)) != ARGRAPH_OK)
			break;
		for (size_t i = 0; i < sizeof outs / sizeof *outs && st == ARGRAPH_OK; i++) {
			if (!outs[i].want)
				continue;
			char ext[32];
			snprintf(ext, sizeof ext, ".%s.%s", argraph_view_name(v), outs[i].format);
			char *out = join(o->outdir, name, ext);
			if (!out) {
				st = ARGRAPH_ENOMEM;
				break;
			}
			if (dot && strcmp(outs[i].format, "dot") == 0)
				st = argraph_write_file_atomic(out, dot, strlen(dot), diags);
			else
				st = argraph_render_file(g, &dopts, outs[i].format, engine, out, diags);
			if (st == ARGRAPH_OK && !o->pipe.quiet)
				fprintf(stderr, "wrote %s\n", out);
			free(out);
		}
		free(dot);
	}
	return st;
}

/* One document's outputs, from its graph. */
static argraph_status write_document(const argraph_graph *g, const char *key, const map_opts *o,
	argraph_diags *diags)
{
	argraph_status st = check_outdir(o, diags);
	if (st == ARGRAPH_OK && o->want_json) {
		char *out = join(o->outdir, key, ".json");
		st = out ? cli_write_graph(g, 0, out, diags) : ARGRAPH_ENOMEM;
		if (st == ARGRAPH_OK && !o->pipe.quiet)
			fprintf(stderr, "wrote %s\n", out);
		free(out);
	}
	if (st == ARGRAPH_OK)
		st = write_views(g, NULL, key, o, o->want_view, 0, diags);
	return st;
}

/* A graph with schema errors: not written (or merged) unless --force. */
static int refuse_invalid(const cli_doc *d, const map_opts *o)
{
	if (!d->errors || o->force)
		return 0;
	argraph_pos pos = {d->path, d->line_no, 0, NULL};
	argraph_diags_add(d->diags, ARGRAPH_SEV_ERROR, "graph.invalid", &pos,
		"the graph breaks the graph schema in %zu place%s; nothing written (--force writes it anyway)",
		d->errors, d->errors == 1 ? "" : "s");
	return 1;
}

/* ---- one document ---- */

/* The outputs of one file's documents: a <TEI>, or a teiCorpus holding
 * one (its outputs are named by the member's key). */
static int map_document(cli_doc *chain, const char *path, const map_opts *o)
{
	if (!chain) {
		fprintf(stderr, "%s: error: out of memory\n", path);
		return EXIT_INPUT;
	}
	int rc = EXIT_OK;
	for (cli_doc *d = chain; d; d = d->next) {
		int r = EXIT_OK;
		argraph_status st = d->status;
		if (st == ARGRAPH_OK) {
			if (refuse_invalid(d, o))
				r = EXIT_FINDINGS;
			else
				st = write_document(d->graph, d->key, o, d->diags);
		}
		cli_print_diags(d->diags, o->pipe.quiet);
		if (st != ARGRAPH_OK)
			r = cli_exit_for(st);
		if (r > rc)
			rc = r;
	}
	cli_doc_free(chain);
	return rc;
}

/* A file that holds several documents (a teiCorpus of two or more
 * members) is mapped as a corpus of them, as their own files would be. */
static int holds_several(const cli_doc *d)
{
	size_t members = 0;
	for (; d; d = d->next)
		members += d->member;
	return members > 1;
}

/* ---- a corpus ---- */

typedef struct corpus_run {
	const map_opts *o;
	cli_inputs in;
	argraph_merge *merge;
	FILE *jsonl;         /* NAME.jsonl's temporary file, or NULL */
	argraph_diags *diags;/* the run's own (not a document's) */
	size_t merged, failed;
	int rc;
	cli_progress progress;
	strmap keys;         /* document key → its index in `merged_docs` */
	struct merged_doc {  /* the documents merged, in order */
		char *key;       /* owned */
		const char *path; /* borrowed from `in`; with member and line, for messages */
		int member;
		unsigned line;
	} *merged_docs;
	size_t merged_cap;
	cli_doc *ready;      /* the one input's documents, already run (holds_several) */
} corpus_run;

/* A corpus writes NAME.jsonl too, unless --formats leaves it out. Set
 * before the first document of a corpus is run (corpus_doc_flags). */
static void corpus_formats(map_opts *o)
{
	if (!o->formats_given)
		o->want_jsonl = 1;
}

/* What a corpus run asks of each document: its JSON line for NAME.jsonl
 * when that is written. */
static unsigned corpus_doc_flags(const map_opts *o)
{
	return (o->want_jsonl ? CLI_DOC_LINE : 0) | (o->force ? CLI_DOC_FORCE : 0);
}

static void *corpus_work(void *ctx, size_t i, cli_pool_job *job)
{
	corpus_run *run = ctx;
	if (run->ready) { /* i is 0, the only input: run already */
		cli_doc *d = run->ready;
		run->ready = NULL;
		return d;
	}
	return cli_doc_run(&run->o->pipe, run->in.paths[i], corpus_doc_flags(run->o), job);
}

/* Remember a merged document's key (for the duplicate check) and where
 * it is. Takes d->key. */
static argraph_status keep_key(corpus_run *run, cli_doc *d)
{
	if (vec_reserve((void **)&run->merged_docs, &run->merged_cap, sizeof *run->merged_docs,
		    run->merged + 1, 64) != 0)
		return ARGRAPH_ENOMEM;
	struct merged_doc *m = &run->merged_docs[run->merged];
	m->path = d->path;
	m->member = d->member;
	m->line = d->line_no;
	m->key = d->key;
	d->key = NULL;
	run->merged++;
	return strmap_put(&run->keys, m->key, run->merged - 1) != 0 ? ARGRAPH_ENOMEM : ARGRAPH_OK;
}

/* On the main thread, in input order: the document's diagnostics, its
 * line, its part of the merge, its own outputs (--each). Returns nonzero
 * when the run cannot go on. */
static int corpus_emit_one(corpus_run *run, cli_doc *d)
{
	const map_opts *o = run->o;
	int r = EXIT_OK, stop = 0;
	argraph_status st = d->status;
	size_t twin = st == ARGRAPH_OK ? strmap_get(&run->keys, d->key) : (size_t)-1;
	if (twin != (size_t)-1) {
		/* two documents, one key: merged they would be taken for one */
		argraph_pos pos = {d->path, d->line_no, 0, NULL};
		char where[CLI_WHERE_MAX];
		argraph_diags_add(d->diags, ARGRAPH_SEV_ERROR, "corpus.duplicate-key", &pos,
			"its document key \"%s\" (the file name without .tei.xml or .xml%s) is that of %s "
			"too: left out; rename one of them", d->key,
			d->member ? ", " CLI_MEMBER_SEP ", the member's xml:id or position" : "",
			cli_where(run->merged_docs[twin].path, run->merged_docs[twin].member,
				run->merged_docs[twin].line, where, sizeof where));
		r = EXIT_INPUT;
	} else if (st == ARGRAPH_OK && refuse_invalid(d, o)) {
		r = EXIT_FINDINGS;
	} else if (st == ARGRAPH_OK) {
		if (run->jsonl && d->line && fputs(d->line, run->jsonl) == EOF) {
			argraph_pos pos = {o->name, 0, 0, NULL};
			argraph_diags_add(d->diags, ARGRAPH_SEV_ERROR, "io.write", &pos,
				"cannot write the JSON Lines: %s", strerror(errno));
			st = ARGRAPH_EIO;
			stop = 1;
		}
		if (st == ARGRAPH_OK && (st = argraph_merge_add_graph(run->merge, d->graph, d->diags)) != ARGRAPH_OK)
			stop = 1; /* the merge holds part of the graph: it cannot go on */
		if (st == ARGRAPH_OK && (st = keep_key(run, d)) != ARGRAPH_OK)
			stop = 1;
		if (st == ARGRAPH_OK && o->each)
			st = write_document(d->graph, run->merged_docs[run->merged - 1].key, o, d->diags);
	}
	if (st != ARGRAPH_OK)
		r = cli_exit_for(st);
	if (r != EXIT_OK)
		run->failed++;
	if (argraph_diags_count(d->diags))
		cli_progress_clear(&run->progress);
	cli_print_diags(d->diags, o->pipe.quiet);
	if (r > run->rc)
		run->rc = r;
	return stop;
}

/* A document (a teiCorpus member as soon as it is its turn): merged (and
 * written), then freed. */
static int corpus_emit_part(void *ctx, size_t i, void *part)
{
	(void)i;
	int stop = corpus_emit_one(ctx, part);
	cli_doc_free(part);
	return stop;
}

/* What is left of a file once its members are merged, in document order. */
static int corpus_emit(void *ctx, size_t i, void *result)
{
	corpus_run *run = ctx;
	cli_doc *d = result;
	if (!d) {
		cli_progress_clear(&run->progress);
		fprintf(stderr, "%s: error: out of memory\n", run->in.paths[i]);
		run->rc = EXIT_INPUT;
		return 1;
	}
	unsigned long long bytes = d->bytes;
	int stop = cli_doc_each(d, i, corpus_emit_part, run);
	cli_progress_step(&run->progress, bytes);
	return stop;
}

/* A temporary file beside `path`, for writing it atomically. */
static char *temp_name(const char *path)
{
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	if (tmp)
		snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	return tmp;
}

static int map_corpus(corpus_run *run, unsigned jobs)
{
	const map_opts *o = run->o;
	char *jsonl_path = NULL, *jsonl_tmp = NULL, *json_path = NULL;
	argraph_graph *merged = NULL;
	argraph_status st = check_outdir(o, run->diags);
	if (st == ARGRAPH_OK && argraph_merge_new(&run->merge) != ARGRAPH_OK)
		st = ARGRAPH_ENOMEM;
	if (st == ARGRAPH_OK && o->want_jsonl) {
		if (!(jsonl_path = join(o->outdir, o->name, ".jsonl")) || !(jsonl_tmp = temp_name(jsonl_path))) {
			st = ARGRAPH_ENOMEM;
		} else if (!(run->jsonl = fopen(jsonl_tmp, "wb"))) {
			argraph_pos pos = {jsonl_path, 0, 0, NULL};
			argraph_diags_add(run->diags, ARGRAPH_SEV_ERROR, "io.write", &pos, "cannot write: %s",
				strerror(errno));
			st = ARGRAPH_EIO;
		}
	}
	cli_print_diags(run->diags, o->pipe.quiet);
	argraph_diags_clear(run->diags);
	if (st != ARGRAPH_OK)
		goto done;

	cli_progress_start(&run->progress, "argraph map", run->in.len, o->pipe.quiet);
	int pool_rc = cli_pool_run(run->in.len, jobs, corpus_work, corpus_emit_part, corpus_emit,
		cli_doc_drop, run);
	cli_progress_end(&run->progress);
	if (pool_rc != 0) {
		if (pool_rc < 0)
			fputs("argraph map: out of memory\n", stderr);
		st = ARGRAPH_ERROR; /* reported */
		goto done;
	}

	if (run->jsonl) {
		int bad = fflush(run->jsonl) != 0 || (fsync(fileno(run->jsonl)) != 0 && errno != EINVAL);
		bad |= fclose(run->jsonl) != 0;
		run->jsonl = NULL;
		if (bad || rename(jsonl_tmp, jsonl_path) != 0) {
			argraph_pos pos = {jsonl_path, 0, 0, NULL};
			argraph_diags_add(run->diags, ARGRAPH_SEV_ERROR, "io.write", &pos, "cannot write: %s",
				strerror(errno));
			st = ARGRAPH_EIO;
			goto done;
		}
		if (!o->pipe.quiet)
			fprintf(stderr, "wrote %s\n", jsonl_path);
	}
	if (!run->merged) {
		argraph_pos pos = {o->name, 0, 0, NULL};
		argraph_diags_add(run->diags, ARGRAPH_SEV_ERROR, "corpus.empty", &pos,
			"no document could be mapped: no corpus graph written");
		st = ARGRAPH_EINVALID;
		goto done;
	}
	if ((st = argraph_merge_finish(run->merge, &merged, run->diags)) != ARGRAPH_OK)
		goto done;
	argraph_merge_free(run->merge); /* what it held is in `merged` now */
	run->merge = NULL;
	if (o->pipe.schema) {
		/* valid documents merge into a valid graph; checked all the same,
		 * since it is what gets written */
		size_t errors = 0, warnings = 0;
		if ((st = argraph_graph_validate(merged, o->pipe.schema, run->diags, &errors, &warnings)) != ARGRAPH_OK)
			goto done;
		if (errors && !o->force) {
			argraph_pos pos = {o->name, 0, 0, NULL};
			argraph_diags_add(run->diags, ARGRAPH_SEV_ERROR, "graph.invalid", &pos,
				"the merged graph breaks the graph schema in %zu place%s; not written (--force writes it anyway)",
				errors, errors == 1 ? "" : "s");
			if (run->rc < EXIT_FINDINGS)
				run->rc = EXIT_FINDINGS;
			goto done;
		}
	}
	if (o->want_json) {
		if (!(json_path = join(o->outdir, o->name, ".json"))) {
			st = ARGRAPH_ENOMEM;
			goto done;
		}
		if ((st = cli_write_graph(merged, 0, json_path, run->diags)) != ARGRAPH_OK)
			goto done;
		if (!o->pipe.quiet)
			fprintf(stderr, "wrote %s\n", json_path);
	}
	int corpus_views[N_VIEWS] = {0};
	if (o->views_given) {
		memcpy(corpus_views, o->want_view, sizeof corpus_views);
	} else {
		corpus_views[ARGRAPH_VIEW_CAUSAL] = 1;
		corpus_views[ARGRAPH_VIEW_CITATION] = 1;
	}
	argraph_graph *network = NULL;
	if (corpus_views[ARGRAPH_VIEW_CITATION]
	    && (st = argraph_citation_network(merged, &network, run->diags)) != ARGRAPH_OK)
		goto done;
	st = write_views(merged, network, o->name, o, corpus_views, 1, run->diags);
	argraph_graph_free(network);
	if (st == ARGRAPH_OK && !o->pipe.quiet)
		fprintf(stderr, "argraph map: %zu document%s merged into %s (%zu nodes, %zu edges)%s\n",
			run->merged, run->merged == 1 ? "" : "s", o->name, argraph_graph_node_count(merged),
			argraph_graph_edge_count(merged),
			run->failed ? "; the others failed, see above" : "");
done:
	if (run->jsonl) {
		fclose(run->jsonl);
		run->jsonl = NULL;
	}
	if (jsonl_tmp)
		unlink(jsonl_tmp); /* gone already after a successful rename */
	cli_print_diags(run->diags, o->pipe.quiet);
	int rc = run->rc;
	if (st != ARGRAPH_OK && cli_exit_for(st) > rc)
		rc = cli_exit_for(st);
	free(jsonl_path);
	free(jsonl_tmp);
	free(json_path);
	argraph_graph_free(merged);
	return rc;
}

/* The bundled corpus directory. Run from the data directory itself (as
 * scripts/map-corpus.sh does), it is the relative "corpus", so the paths
 * in the outputs' provenance are "corpus/NAME.tei.xml": output/ is
 * committed and must not depend on where the tree is checked out. */
static void bundled_corpus_dir(char *dir, size_t size)
{
	char cwd[4096], *data = realpath(cli_datadir(), NULL);
	if (data && getcwd(cwd, sizeof cwd) && strcmp(data, cwd) == 0)
		snprintf(dir, size, "corpus");
	else
		snprintf(dir, size, "%s/corpus", cli_datadir());
	free(data);
}

static const char map_usage[] =
"usage: argraph map [options] [FILE|DIR|-]...\n"
"\n"
"One FILE: its graph DIR/NAME.json and one diagram per view,\n"
"DIR/NAME.<view>.{dot,svg,png} (NAME: the file name without .tei.xml/.xml).\n"
"\n"
"A corpus (several operands, a DIR: every *.xml under it, or -: the paths\n"
"on standard input, one a line): the documents are mapped on -j worker\n"
"threads and merged into one graph in which the same person, work or\n"
"factor is one node (docs/merge.md): DIR/corpus.json (the merged graph),\n"
"DIR/corpus.jsonl (each document's graph, a line each, in input order) and\n"
"the merged graph's causal and citation views, DIR/corpus.<view>.*. The\n"
"outputs are the same bytes whatever -j is. A corpus's citation view is\n"
"its citation network: documents -> the works they cite -> their authors.\n"
"With no operand: the bundled corpus, with --each.\n"
"\n"
"A teiCorpus file is its TEI documents, each as its own file would be, keyed\n"
"FILE~ID (the TEI's xml:id) or FILE~N (its position); one FILE holding\n"
"several is mapped as their corpus (docs/merge.md).\n"
"\n"
"  -o, --output DIR   where to write (default: output)\n"
"  -j, --jobs N       worker threads (default: the number of CPUs)\n"
"  --name NAME        the corpus outputs' name (default: corpus)\n"
"  --each             a corpus: also each document's own outputs\n"
"  --view V[,V...]    causal | argument | citation | all (default: causal,\n"
"                     argument, citation for a document; causal, citation\n"
"                     for a corpus)\n"
"  --top N            draw only the N nodes with the most edges in the view\n"
"                     (0: all; default: all for a document, and for a corpus\n"
"                     300 when the view has more)\n"
"  --min-degree K     draw only nodes with at least K edges in the view\n"
"                     (parallel edges count: K documents citing a work)\n"
"  --engine E         auto | dot | neato | fdp | sfdp (default: auto: dot up\n"
"                     to 2,000 drawn nodes, sfdp beyond, which finishes on\n"
"                     10,000+ nodes where dot would run for hours)\n"
"  --render-timeout S stop a layout still running after S seconds: an error,\n"
"                     nothing written for that picture (default: 600; 0: no\n"
"                     limit)\n"
"  --lang L           label language where a node has both: zh | en, else\n"
"                     the other (default: the text's own); also the legend's\n"
"  --font F           font family (default: Noto Sans CJK SC)\n"
"  --wrap N           claim width in columns, a CJK character counts 2\n"
"                     (default: 28)\n"
"  --formats LIST     dot,svg,png,pdf,json,jsonl (default: dot,svg,png,json,\n"
"                     and jsonl for a corpus)\n"
"  --max-size BYTES   refuse larger inputs (default: 268435456)\n"
"  --rules FILE       add a rule file (repeatable; docs/rules.md)\n"
"  --no-rules         structure only: no cue rules\n"
"  --schema S         graph schema (default: schemas/argraph-graph.xml)\n"
"  --no-validate      do not check graphs against the graph schema\n"
"  --force            write (and merge) graphs that break the schema too\n"
"  -q, --quiet        only errors on stderr; no progress line (shown only\n"
"                     when stderr is a terminal)\n"
"\n"
"exit codes: 0 ok; 1 a graph broke the graph schema (not written, not\n"
"merged); 2 usage; 3 an input could not be read or an output written\n"
"(a corpus: the other documents are still mapped and merged)\n";

int cmd_map(int argc, char **argv)
{
	map_opts o = {0};
	argraph_dot_options dot = ARGRAPH_DOT_OPTIONS_INIT;
	cli_common co;
	cli_common_init(&co);
	o.dot = dot;
	o.dot.render_timeout = DEFAULT_RENDER_TIMEOUT;
	o.outdir = "output";
	o.name = "corpus";
	parse_formats(&o, "dot,svg,png,json");
	parse_views(&o, "causal,argument,citation");
	enum { OPT_VIEW = 256, OPT_LANG, OPT_ENGINE, OPT_FONT, OPT_WRAP, OPT_FORMATS, OPT_FORCE,
		OPT_NAME, OPT_EACH, OPT_TOP, OPT_MIN_DEGREE, OPT_RENDER_TIMEOUT };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"view", required_argument, NULL, OPT_VIEW},
		{"lang", required_argument, NULL, OPT_LANG},
		{"engine", required_argument, NULL, OPT_ENGINE},
		{"font", required_argument, NULL, OPT_FONT},
		{"wrap", required_argument, NULL, OPT_WRAP},
		{"formats", required_argument, NULL, OPT_FORMATS},
		{"force", no_argument, NULL, OPT_FORCE},
		{"name", required_argument, NULL, OPT_NAME},
		{"each", no_argument, NULL, OPT_EACH},
		{"top", required_argument, NULL, OPT_TOP},
		{"min-degree", required_argument, NULL, OPT_MIN_DEGREE},
		{"render-timeout", required_argument, NULL, OPT_RENDER_TIMEOUT},
		{"help", no_argument, NULL, 'h'},
		CLI_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = cli_getopt(&co, "map", argc, argv, "o:h", longopts)) != -1) {
		if (c == CLI_GETOPT_USAGE)
			return EXIT_USAGE;
		char *end = NULL;
		unsigned long long n;
		switch (c) {
		case 'o': o.outdir = optarg; break;
		case OPT_VIEW:
			if (parse_views(&o, optarg) != 0)
				return EXIT_USAGE;
			o.views_given = 1;
			break;
		case OPT_LANG:
			/* a language tag as the TEI's xml:lang has them: zh, en, zh-Hans … */
			if (!*optarg || strspn(optarg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
					!= strlen(optarg)) {
				fprintf(stderr, "argraph map: --lang wants a language tag such as zh or en\n");
				return EXIT_USAGE;
			}
			o.dot.lang = optarg;
			break;
		case OPT_ENGINE:
			if (strcmp(optarg, "auto") == 0) {
				o.engine = NULL;
				break;
			}
			if (strcmp(optarg, "dot") != 0 && strcmp(optarg, "neato") != 0
			    && strcmp(optarg, "fdp") != 0 && strcmp(optarg, "sfdp") != 0) {
				fprintf(stderr, "argraph map: unknown layout engine \"%s\" (auto, dot, neato, fdp, sfdp)\n", optarg);
				return EXIT_USAGE;
			}
			o.engine = optarg;
			break;
		case OPT_FONT:
			if (!*optarg) {
				fprintf(stderr, "argraph map: --font wants a font family name\n");
				return EXIT_USAGE;
			}
			o.dot.font = optarg;
			break;
		case OPT_WRAP:
			o.dot.wrap_columns = (unsigned)strtoul(optarg, &end, 10);
			if (!end || *end || o.dot.wrap_columns < 8 || o.dot.wrap_columns > 200) {
				fprintf(stderr, "argraph map: --wrap wants a number from 8 to 200\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_FORMATS:
			if (parse_formats(&o, optarg) != 0)
				return EXIT_USAGE;
			o.formats_given = 1;
			break;
		case OPT_FORCE: o.force = 1; break;
		case OPT_NAME:
			/* a file name, not a path: NAME.json lands in the output directory */
			if (!*optarg || strchr(optarg, '/') || optarg[0] == '.') {
				fprintf(stderr, "argraph map: --name wants a file name (no '/', not starting with '.')\n");
				return EXIT_USAGE;
			}
			o.name = optarg;
			break;
		case OPT_EACH: o.each = 1; break;
		case OPT_RENDER_TIMEOUT:
			errno = 0;
			n = strtoull(optarg, &end, 10);
			if (!*optarg || *optarg == '-' || *end || errno || n > 86400) {
				fprintf(stderr, "argraph map: --render-timeout wants seconds from 0 (no limit) to 86400, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			o.dot.render_timeout = (unsigned)n;
			break;
		case OPT_TOP:
		case OPT_MIN_DEGREE:
			errno = 0;
			n = strtoull(optarg, &end, 10);
			if (!*optarg || *optarg == '-' || *end || errno || n > 100000000ULL) {
				fprintf(stderr, "argraph map: --%s wants a number from 0 to 100000000, not \"%s\"\n",
					c == OPT_TOP ? "top" : "min-degree", optarg);
				return EXIT_USAGE;
			}
			if (c == OPT_TOP) {
				o.dot.top = (size_t)n;
				o.top_given = 1;
			} else {
				o.dot.min_degree = (unsigned)n;
			}
			break;
		case 'h':
			fputs(map_usage, stdout);
			return EXIT_OK;
		default:
			fputs("argraph map: see argraph map --help\n", stderr);
			return EXIT_USAGE;
		}
	}
	corpus_run run = {0};
	run.o = &o;
	int r, rc;
	if (optind >= argc) {
		char dir[4200];
		bundled_corpus_dir(dir, sizeof dir);
		struct stat sb;
		if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "%s: error: cannot open the bundled corpus: %s\n", dir,
				errno ? strerror(errno) : "not a directory");
			return EXIT_INPUT;
		}
		if (cli_inputs_add(&run.in, dir) != 0) {
			cli_inputs_free(&run.in);
			return EXIT_INPUT;
		}
		o.each = 1;
	}
	int setup = cli_start(&co, "map", &o.pipe, &run.in, argc, argv, optind, &rc);
	if (setup != EXIT_OK)
		return setup;
	cli_doc *one = NULL;
	if (!run.in.corpus) {
		/* One FILE: its document's outputs; but a file that holds several
		 * (a teiCorpus) is their corpus, and the corpus run's only input,
		 * run already. Run whole (no parts): which of the two it is is
		 * known only at its end, so its members' graphs are held together
		 * here, unlike in a corpus run (docs/merge.md, "teiCorpus files"). */
		one = cli_doc_run(&o.pipe, run.in.paths[0], 0, NULL);
		if (holds_several(one)) {
			corpus_formats(&o);
			cli_doc_make_lines(one, corpus_doc_flags(&o));
			run.ready = one;
			one = NULL;
		}
	}
	if (!run.in.corpus && !run.ready) {
		r = map_document(one, run.in.paths[0], &o);
	} else if (!run.in.len) {
		if (rc == EXIT_OK) /* else the operand was reported */
			fputs("argraph map: no input: standard input named no file\n", stderr);
		r = EXIT_INPUT;
	} else if (argraph_diags_new(&run.diags) != ARGRAPH_OK) {
		r = EXIT_INPUT;
	} else {
		corpus_formats(&o);
		r = map_corpus(&run, cli_jobs(&co));
	}
	if (r > rc)
		rc = r;
	argraph_merge_free(run.merge);
	argraph_diags_free(run.diags);
	strmap_release(&run.keys);
	for (size_t i = 0; i < run.merged; i++)
		free(run.merged_docs[i].key);
	free(run.merged_docs);
	cli_doc_free(run.ready); /* not run: the corpus could not start */
	cli_inputs_free(&run.in);
	cli_pipeline_release(&o.pipe);
	return rc;
}
