/* SPDX-License-Identifier: MIT */
/* inputs.c — operands to the list of TEI files (inputs.h). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inputs.h"
#include "util/vec.h"

int cli_inputs_push(cli_inputs *in, const char *p)
{
	if (vec_reserve((void **)&in->paths, &in->cap, sizeof *in->paths, in->len + 1, 64) != 0
	    || !(in->paths[in->len] = strdup(p)))
		return -1;
	in->len++;
	return 0;
}

void cli_inputs_free(cli_inputs *in)
{
	for (size_t i = 0; i < in->len; i++)
		free(in->paths[i]);
	free(in->paths);
	in->paths = NULL;
	in->len = in->cap = 0;
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

/* Every *.xml file under dir, sorted by path; directories walked with a
 * work list, not recursion (a deep tree cannot exhaust the stack), and
 * symbolic links to directories not followed (no cycles). Hidden entries
 * (".name") are skipped. */
static int add_dir(cli_inputs *out, const char *dir)
{
	cli_inputs todo = {0}, found = {0};
	int rc = cli_inputs_push(&todo, dir), unreadable = 0;
	while (rc == 0 && todo.len) {
		char *d = todo.paths[--todo.len];
		DIR *dp = opendir(d);
		if (!dp) {
			fprintf(stderr, "%s: error: cannot read directory: %s\n", d, strerror(errno));
			free(d);
			unreadable = 1; /* reported; the rest of the tree is still read */
			continue;
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
				rc = cli_inputs_push(&todo, p);
			else if (is_xml(de->d_name) && stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
				rc = cli_inputs_push(&found, p);
			free(p);
		}
		closedir(dp);
		free(d);
	}
	if (found.len)
		qsort(found.paths, found.len, sizeof *found.paths, cmp_path);
	for (size_t i = 0; rc == 0 && i < found.len; i++)
		rc = cli_inputs_push(out, found.paths[i]);
	cli_inputs_free(&todo);
	cli_inputs_free(&found);
	return rc < 0 ? -1 : unreadable;
}

/* One path a line; blank lines skipped, a trailing CR dropped. */
static int add_stdin(cli_inputs *out)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	while (rc == 0 && (n = getline(&line, &cap, stdin)) > 0) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n)
			rc = cli_inputs_push(out, line);
	}
	free(line);
	return rc;
}

int cli_inputs_add(cli_inputs *in, const char *operand)
{
	struct stat sb;
	if (strcmp(operand, "-") == 0) {
		in->corpus = 1;
		return add_stdin(in);
	}
	if (stat(operand, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		in->corpus = 1;
		size_t before = in->len;
		int rc = add_dir(in, operand);
		if (rc == 0 && in->len == before) {
			fprintf(stderr, "%s: error: no TEI file (*.xml) in this directory\n", operand);
			rc = 1;
		}
		return rc;
	}
	return cli_inputs_push(in, operand);
}

int cli_inputs_add_all(cli_inputs *in, int argc, char **argv, int first)
{
	int worst = 0;
	if (argc - first > 1)
		in->corpus = 1;
	for (int i = first; i < argc; i++) {
		int r = cli_inputs_add(in, argv[i]);
		if (r < 0)
			return -1;
		if (r > worst)
			worst = r;
	}
	return worst;
}
