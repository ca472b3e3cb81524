/* SPDX-License-Identifier: MIT */
/*
 * ruledir.c — a directory of rule files loaded as one rule set: every
 * `*.rules` in it, in byte order of the names, so that the order (and so
 * which file's rule of an id wins) does not depend on the file system.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/rules.h"
#include "../util/strbuf.h"
#include "../util/vec.h"

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_rule_file(const char *name)
{
	size_t len = strlen(name);
	return len > 6 && strcmp(name + len - 6, ".rules") == 0;
}

argraph_status argraph_rules_load_dir(argraph_ruleset *rs, const char *dir, argraph_diags *diags)
{
	if (!rs || !dir)
		return ARGRAPH_EINVALID;
	DIR *d = opendir(dir);
	if (!d) {
		argraph_pos pos = {dir, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "rules.io", &pos,
			"cannot open the rules directory: %s", strerror(errno));
		return ARGRAPH_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	argraph_status st = ARGRAPH_OK;
	struct dirent *de;
	while (st == ARGRAPH_OK && (de = readdir(d))) {
		if (!is_rule_file(de->d_name))
			continue;
		if (vec_reserve((void **)&names, &cap, sizeof *names, n + 1, 8) != 0
		    || !(names[n] = strdup(de->d_name)))
			st = ARGRAPH_ENOMEM;
		else
			n++;
	}
	closedir(d);
	if (st == ARGRAPH_OK)
		qsort(names, n, sizeof *names, cmp_name);
	strbuf path = {0};
	for (size_t i = 0; i < n && st == ARGRAPH_OK; i++) {
		strbuf_reset(&path);
		strbuf_printf(&path, "%s/%s", dir, names[i]);
		st = path.failed ? ARGRAPH_ENOMEM : argraph_rules_load_file(rs, path.data, diags);
	}
	strbuf_release(&path);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return st;
}
