/* SPDX-License-Identifier: MIT */
/*
 * cmd_jsonl.c — `argraph jsonl`: TEI files → one compact JSON graph per
 * line (JSON Lines), the per-document half of a corpus run whose other
 * half is `argraph merge`. Each document goes through the same pipeline as
 * `map` (read, structure, rules, validate) and is forgotten once its line
 * is out, so memory stays that of one document. Each line leaves in one
 * write(2), so several processes appending to one file (>>) do not
 * interleave their lines.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "argraph/merge.h"
#include "argraph/schema.h"
#include "cli.h"
#include "cli_merge.h"

static const char jsonl_usage[] =
"usage: argraph jsonl [options] FILE|DIR|- ...\n"
"\n"
"Map each TEI file to its graph and write it as one line of JSON (JSON\n"
"Lines, format argraph-graph/1), for `argraph merge` or other tools.\n"
"\n"
"  FILE               a TEI file; DIR: every *.xml under it, in name order;\n"
"                     -: read the paths from standard input, one a line\n"
"  -o, --output FILE  write there (atomically) instead of standard output\n"
"  --rules FILE       add a rule file (repeatable)\n"
"  --no-rules         structure only: no cue rules\n"
"  --schema S         graph schema (default: schemas/argraph-graph.xml)\n"
"  --no-validate      do not check graphs against the graph schema\n"
"  --force            write graphs that break the schema too\n"
"  --max-size BYTES   refuse larger inputs (default: 268435456)\n"
"  -q, --quiet        only errors on stderr\n"
"\n"
"exit codes: 0 ok; 1 a graph broke the graph schema (left out unless\n"
"--force); 2 usage; 3 an input could not be read (left out; the others\n"
"are written)\n";

typedef struct pathlist {
	char **items;
	size_t len, cap;
} pathlist;

static int push_path(pathlist *l, const char *p)
{
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **n = realloc(l->items, cap * sizeof *n);
		if (!n)
			return -1;
		l->items = n;
		l->cap = cap;
	}
	if (!(l->items[l->len] = strdup(p)))
		return -1;
	l->len++;
	return 0;
}

static void free_paths(pathlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_xml(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Every *.xml file under dir, sorted; directories walked with a work
 * list, not recursion, and symbolic links to directories not followed. */
static int add_dir(pathlist *out, const char *dir)
{
	pathlist todo = {0}, found = {0};
	int rc = push_path(&todo, dir);
	while (rc == 0 && todo.len) {
		char *d = todo.items[--todo.len];
		DIR *dp = opendir(d);
		if (!dp) {
			fprintf(stderr, "%s: error: cannot read directory: %s\n", d, strerror(errno));
			free(d);
			rc = 1;
			break;
		}
		struct dirent *de;
		while (rc == 0 && (de = readdir(dp))) {
			if (de->d_name[0] == '.')
				continue;
			size_t n = strlen(d) + strlen(de->d_name) + 2;
			char *p = malloc(n);
			if (!p) {
				rc = -1;
				break;
			}
			snprintf(p, n, "%s/%s", d, de->d_name);
			struct stat sb;
			if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
				rc = push_path(&todo, p);
			else if (is_xml(de->d_name) && stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
				rc = push_path(&found, p);
			free(p);
		}
		closedir(dp);
		free(d);
	}
	if (found.len)
		qsort(found.items, found.len, sizeof *found.items, cmp_path);
	for (size_t i = 0; rc == 0 && i < found.len; i++)
		rc = push_path(out, found.items[i]);
	free_paths(&todo);
	free_paths(&found);
	return rc;
}

static int add_stdin_paths(pathlist *out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	while (rc == 0 && (n = getline(&line, &cap, stdin)) > 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n)
			rc = push_path(out, line);
	}
	free(line);
	return rc;
}

/* Write all of buf to fd in as few write(2) calls as the kernel allows. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t w = write(fd, buf, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int cmd_jsonl(int argc, char **argv)
{
	cli_pipeline pipe = {0};
	pipe.max_bytes = ARGRAPH_TEI_DEFAULT_MAX_BYTES;
	const char *schema = NULL, *output = NULL;
	const char *user_rules[64];
	size_t n_user_rules = 0;
	int no_rules = 0, no_validate = 0, force = 0, c;
	enum { OPT_RULES = 256, OPT_NO_RULES, OPT_SCHEMA, OPT_NO_VALIDATE, OPT_FORCE, OPT_MAX_SIZE };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"rules", required_argument, NULL, OPT_RULES},
		{"no-rules", no_argument, NULL, OPT_NO_RULES},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{"no-validate", no_argument, NULL, OPT_NO_VALIDATE},
		{"force", no_argument, NULL, OPT_FORCE},
		{"max-size", required_argument, NULL, OPT_MAX_SIZE},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case OPT_RULES:
			if (n_user_rules == sizeof user_rules / sizeof *user_rules) {
				fputs("argraph jsonl: too many --rules files\n", stderr);
				return EXIT_USAGE;
			}
			user_rules[n_user_rules++] = optarg;
			break;
		case OPT_NO_RULES: no_rules = 1; break;
		case OPT_SCHEMA: schema = optarg; break;
		case OPT_NO_VALIDATE: no_validate = 1; break;
		case OPT_FORCE: force = 1; break;
		case OPT_MAX_SIZE: {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || v == 0) {
				fprintf(stderr, "argraph jsonl: --max-size wants a positive number of bytes, not \"%s\"\n", optarg);
				return EXIT_USAGE;
			}
			pipe.max_bytes = (size_t)v;
			break;
		}
		case 'q': pipe.quiet = 1; break;
		case 'h':
			fputs(jsonl_usage, stdout);
			return EXIT_OK;
		default:
			fputs("argraph jsonl: see argraph jsonl --help\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("argraph jsonl: no input (usage: argraph jsonl [options] FILE|DIR|- ...)\n", stderr);
		return EXIT_USAGE;
	}
	pathlist paths = {0};
	int rc = EXIT_OK, fd = STDOUT_FILENO;
	char *tmp = NULL;
	for (int i = optind; i < argc; i++) {
		struct stat sb;
		int r;
		if (strcmp(argv[i], "-") == 0)
			r = add_stdin_paths(&paths);
		else if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			r = add_dir(&paths, argv[i]);
		else
			r = push_path(&paths, argv[i]); /* a missing file is reported when read */
		if (r < 0) {
			fputs("argraph jsonl: out of memory\n", stderr);
			free_paths(&paths);
			return EXIT_INPUT;
		}
		if (r > 0)
			rc = EXIT_INPUT;
	}
	int setup = cli_pipeline_setup(&pipe, user_rules, n_user_rules, no_rules, schema, no_validate);
	if (setup != EXIT_OK) {
		free_paths(&paths);
		return setup;
	}
	if (output) {
		size_t n = strlen(output) + 32;
		if (!(tmp = malloc(n))) {
			rc = EXIT_INPUT;
			goto done;
		}
		snprintf(tmp, n, "%s.tmp.%ld", output, (long)getpid());
		FILE *probe = fopen(tmp, "wb");
		if (!probe) {
			fprintf(stderr, "%s: error: cannot write: %s\n", output, strerror(errno));
			free(tmp);
			tmp = NULL;
			rc = EXIT_INPUT;
			goto done;
		}
		fd = dup(fileno(probe));
		fclose(probe);
		if (fd < 0) {
			rc = EXIT_INPUT;
			goto done;
		}
	}
	for (size_t i = 0; i < paths.len; i++) {
		argraph_diags *d = NULL;
		argraph_graph *g = NULL;
		char *key = NULL, *line = NULL;
		size_t errors = 0, warnings = 0;
		if (argraph_diags_new(&d) != ARGRAPH_OK) {
			rc = EXIT_INPUT;
			break;
		}
		argraph_status st = cli_pipeline_run(&pipe, paths.items[i], &g, &key, d, &errors, &warnings);
		cli_print_diags(d, pipe.quiet);
		int r = EXIT_OK;
		if (st != ARGRAPH_OK)
			r = cli_exit_for(st);
		else if (errors && !force) {
			fprintf(stderr, "%s: error: the graph breaks the graph schema; left out (--force writes it)\n",
				paths.items[i]);
			r = EXIT_FINDINGS;
		} else if (argraph_json_to_line(&line, g, d) != ARGRAPH_OK) {
			r = EXIT_INPUT;
		} else if (write_all(fd, line, strlen(line)) < 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", output ? output : "<stdout>", strerror(errno));
			r = EXIT_INPUT;
		}
		if (r > rc)
			rc = r;
		argraph_free(line);
		argraph_graph_free(g);
		free(key);
		argraph_diags_free(d);
		if (r == EXIT_INPUT && st == ARGRAPH_OK)
			break; /* the output failed: stop */
	}
	if (output) {
		int bad = fsync(fd) != 0 && errno != EINVAL;
		bad |= close(fd) != 0;
		fd = -1;
		if (bad || rename(tmp, output) != 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", output, strerror(errno));
			rc = EXIT_INPUT;
		}
	}
done:
	if (tmp) {
		if (fd >= 0 && fd != STDOUT_FILENO)
			close(fd);
		unlink(tmp); /* gone already after a successful rename */
		free(tmp);
	}
	cli_pipeline_release(&pipe);
	free_paths(&paths);
	return rc;
}
