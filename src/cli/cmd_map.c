/* SPDX-License-Identifier: MIT */
/*
 * cmd_map.c — `argraph map`: TEI files → graph → DOT/SVG/PNG/PDF/JSON.
 * Each input gives DIR/NAME.json (the whole graph) and one diagram per
 * view, DIR/NAME.<view>.<format>: the causal, argument and citation views
 * by default; the `all` view (everything in one picture, rarely readable)
 * only when asked for with --view. Each input is read, extracted, validated
 * and its JSON and DOT made in memory first; files are written only when
 * that succeeded, each atomically. A graph with schema errors is not
 * written unless --force.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "argraph/rules.h"
#include "argraph/schema.h"
#include "cli.h"

#define N_VIEWS 4 /* argraph_view values */

typedef struct map_opts {
	const char *outdir;
	argraph_dot_options dot;
	const char *engine;
	int want_view[N_VIEWS];
	int want_dot, want_svg, want_png, want_pdf, want_json;
	int force;
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
	o->want_dot = o->want_svg = o->want_png = o->want_pdf = o->want_json = 0;
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
		else {
			fprintf(stderr, "argraph map: unknown format \"%s\" (dot, svg, png, pdf, json)\n", t);
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

/* Map one file. Returns an exit code. */
static int map_one(const char *path, const map_opts *o)
{
	argraph_diags *diags = NULL;
	argraph_graph *g = NULL;
	char *key = NULL, *json = NULL, *dot[N_VIEWS] = {NULL};
	int rc = EXIT_OK;
	size_t errors = 0, warnings = 0;
	argraph_status st;

	if ((st = argraph_diags_new(&diags)) != ARGRAPH_OK)
		return EXIT_INPUT;
	if ((st = cli_pipeline_run(&o->pipe, path, &g, &key, diags, &errors, &warnings)) != ARGRAPH_OK)
		goto done;
	if (errors && !o->force) {
		argraph_pos pos = {path, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "graph.invalid", &pos,
			"the graph breaks the graph schema in %zu place%s; nothing written (--force writes it anyway)",
			errors, errors == 1 ? "" : "s");
		rc = EXIT_FINDINGS;
		goto done;
	}
	if (o->want_json && (st = argraph_json_to_string(&json, g, diags)) != ARGRAPH_OK)
		goto done;
	for (int v = 0; v < N_VIEWS && o->want_dot; v++) {
		if (!o->want_view[v])
			continue;
		argraph_dot_options dopts = o->dot;
		dopts.view = (argraph_view)v;
		if ((st = argraph_dot_to_string(&dot[v], g, &dopts, diags)) != ARGRAPH_OK)
			goto done;
	}

	/* everything is in memory: now write */
	if (ensure_dir(o->outdir) != 0) {
		argraph_pos pos = {o->outdir, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.outdir", &pos,
			"cannot use as output directory: %s", errno ? strerror(errno) : "not a directory");
		st = ARGRAPH_EIO;
		goto done;
	}
	if (o->want_json) {
		char *out = join(o->outdir, key, ".json");
		st = out ? argraph_write_file_atomic(out, json, strlen(json), diags) : ARGRAPH_ENOMEM;
		if (st == ARGRAPH_OK && !o->pipe.quiet)
			fprintf(stderr, "wrote %s\n", out);
		free(out);
	}
	/* views in the order causal, argument, citation, all */
	static const argraph_view order[] = {ARGRAPH_VIEW_CAUSAL, ARGRAPH_VIEW_ARGUMENT,
		ARGRAPH_VIEW_CITATION, ARGRAPH_VIEW_ALL};
	for (size_t vi = 0; vi < sizeof order / sizeof *order && st == ARGRAPH_OK; vi++) {
		argraph_view v = order[vi];
		if (!o->want_view[v])
			continue;
		argraph_dot_options dopts = o->dot;
		dopts.view = v;
		struct { int want; const char *format; } outs[] = {
			{o->want_dot, "dot"}, {o->want_svg, "svg"}, {o->want_png, "png"}, {o->want_pdf, "pdf"},
		};
		for (size_t i = 0; i < sizeof outs / sizeof *outs && st == ARGRAPH_OK; i++) {
			if (!outs[i].want)
				continue;
			char ext[32];
			snprintf(ext, sizeof ext, ".%s.%s", argraph_view_name(v), outs[i].format);
			char *out = join(o->outdir, key, ext);
			if (!out) {
				st = ARGRAPH_ENOMEM;
				break;
			}
			if (dot[v] && strcmp(outs[i].format, "dot") == 0)
				st = argraph_write_file_atomic(out, dot[v], strlen(dot[v]), diags);
			else
				st = argraph_render_file(g, &dopts, outs[i].format, o->engine, out, diags);
			if (st == ARGRAPH_OK && !o->pipe.quiet)
				fprintf(stderr, "wrote %s\n", out);
			free(out);
		}
	}
done:
	cli_print_diags(diags, o->pipe.quiet);
	if (st != ARGRAPH_OK)
		rc = cli_exit_for(st);
	free(json);
	for (int v = 0; v < N_VIEWS; v++)
		free(dot[v]);
	free(key);
	argraph_graph_free(g);
	argraph_diags_free(diags);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bundled corpus: every .xml file in <datadir>/corpus, sorted. Run
 * from the data directory itself (as scripts/map-corpus.sh does), the
 * paths are relative, "corpus/NAME.tei.xml": they end up in the outputs'
 * provenance, and output/ is committed, so it must not depend on where
 * the tree is checked out. */
static char **bundled_corpus(size_t *count)
{
	char dir[4096], cwd[4096], *data = realpath(cli_datadir(), NULL);
	if (data && getcwd(cwd, sizeof cwd) && strcmp(data, cwd) == 0)
		snprintf(dir, sizeof dir, "corpus");
	else
		snprintf(dir, sizeof dir, "%s/corpus", cli_datadir());
	free(data);
	DIR *d = opendir(dir);
	*count = 0;
	if (!d) {
		fprintf(stderr, "%s: error: cannot open the bundled corpus: %s\n", dir, strerror(errno));
		return NULL;
	}
	char **files = NULL;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 8;
			char **nf = realloc(files, cap * sizeof *nf);
			if (!nf)
				break;
			files = nf;
		}
		files[*count] = join(dir, de->d_name, "");
		if (files[*count])
			(*count)++;
	}
	closedir(d);
	if (files)
		qsort(files, *count, sizeof *files, cmp_str);
	return files;
}

int cmd_map(int argc, char **argv)
{
	map_opts o = {0};
	argraph_dot_options dot = ARGRAPH_DOT_OPTIONS_INIT;
	o.dot = dot;
	o.outdir = "output";
	o.engine = "dot";
	o.pipe.max_bytes = ARGRAPH_TEI_DEFAULT_MAX_BYTES;
	parse_formats(&o, "dot,svg,png,json");
	parse_views(&o, "causal,argument,citation");
	enum { OPT_VIEW = 256, OPT_LANG, OPT_ENGINE, OPT_FONT, OPT_WRAP, OPT_FORMATS, OPT_MAXSIZE,
		OPT_RULES, OPT_NO_RULES, OPT_SCHEMA, OPT_NO_VALIDATE, OPT_FORCE };
	const char *user_rules[64];
	size_t n_user_rules = 0;
	int no_rules = 0, no_validate = 0;
	const char *schema = NULL;
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"view", required_argument, NULL, OPT_VIEW},
		{"lang", required_argument, NULL, OPT_LANG},
		{"engine", required_argument, NULL, OPT_ENGINE},
		{"font", required_argument, NULL, OPT_FONT},
		{"wrap", required_argument, NULL, OPT_WRAP},
		{"formats", required_argument, NULL, OPT_FORMATS},
		{"max-size", required_argument, NULL, OPT_MAXSIZE},
		{"rules", required_argument, NULL, OPT_RULES},
		{"no-rules", no_argument, NULL, OPT_NO_RULES},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"no-validate", no_argument, NULL, OPT_NO_VALIDATE},
		{"force", no_argument, NULL, OPT_FORCE},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		char *end = NULL;
		switch (c) {
		case 'o': o.outdir = optarg; break;
		case 'q': o.pipe.quiet = 1; break;
		case OPT_VIEW:
			if (parse_views(&o, optarg) != 0)
				return EXIT_USAGE;
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
			if (strcmp(optarg, "dot") != 0 && strcmp(optarg, "neato") != 0
			    && strcmp(optarg, "fdp") != 0 && strcmp(optarg, "sfdp") != 0) {
				fprintf(stderr, "argraph map: unknown layout engine \"%s\" (dot, neato, fdp, sfdp)\n", optarg);
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
			break;
		case OPT_MAXSIZE:
			o.pipe.max_bytes = (size_t)strtoull(optarg, &end, 10);
			if (!end || *end) {
				fprintf(stderr, "argraph map: --max-size wants a number of bytes\n");
				return EXIT_USAGE;
			}
			break;
		case OPT_RULES:
			if (n_user_rules == sizeof user_rules / sizeof *user_rules) {
				fprintf(stderr, "argraph map: too many --rules files\n");
				return EXIT_USAGE;
			}
			user_rules[n_user_rules++] = optarg;
			break;
		case OPT_NO_RULES: no_rules = 1; break;
		case OPT_SCHEMA: schema = optarg; break;
		case OPT_NO_VALIDATE: no_validate = 1; break;
		case OPT_FORCE: o.force = 1; break;
		case 'h':
			fputs("usage: argraph map [options] [FILE...]   (see argraph --help)\n", stdout);
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	int rc = cli_pipeline_setup(&o.pipe, user_rules, n_user_rules, no_rules, schema, no_validate);
	if (rc != EXIT_OK)
		return rc;
	char **files = NULL;
	size_t nfiles = 0;
	int bundled = optind >= argc;
	if (bundled) {
		files = bundled_corpus(&nfiles);
		if (!files || !nfiles) {
			free(files);
			cli_pipeline_release(&o.pipe);
			return EXIT_INPUT;
		}
	} else {
		files = argv + optind;
		nfiles = (size_t)(argc - optind);
	}
	for (size_t i = 0; i < nfiles; i++) {
		int r = map_one(files[i], &o);
		if (r > rc)
			rc = r;
	}
	if (bundled) {
		for (size_t i = 0; i < nfiles; i++)
			free(files[i]);
		free(files);
	}
	cli_pipeline_release(&o.pipe);
	return rc;
}
