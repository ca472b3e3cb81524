/* SPDX-License-Identifier: MIT */
/* rules_load.c — the CLI's rule sets: bundled files, then --rules files. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/rules.h"
#include "cli.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_one(argraph_ruleset *rs, const char *path, int quiet)
{
	argraph_diags *d = NULL;
	if (argraph_diags_new(&d) != ARGRAPH_OK)
		return EXIT_INPUT;
	argraph_status st = argraph_rules_load_file(rs, path, d);
	cli_print_diags(d, quiet);
	argraph_diags_free(d);
	if (st == ARGRAPH_OK)
		return EXIT_OK;
	/* a rule file that cannot be used is a usage error, whatever the cause */
	return EXIT_USAGE;
}

int cli_load_rules(argraph_ruleset **out, const char *const *user_files, size_t n_user, int quiet)
{
	*out = NULL;
	argraph_ruleset *rs = NULL;
	if (argraph_rules_new(&rs) != ARGRAPH_OK)
		return EXIT_INPUT;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/rules", cli_datadir());
	DIR *d = opendir(dir);
	char *names[256];
	size_t n = 0;
	int rc = EXIT_OK;
	if (!d) {
		fprintf(stderr, "%s: error: cannot open the bundled rules: %s (set ARGRAPH_DATADIR, or use --no-rules)\n",
			dir, strerror(errno));
		argraph_rules_free(rs);
		return EXIT_USAGE;
	}
	struct dirent *de;
	while ((de = readdir(d)) && n < sizeof names / sizeof *names) {
		size_t len = strlen(de->d_name);
		if (len > 6 && strcmp(de->d_name + len - 6, ".rules") == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (rc == EXIT_OK && names[i])
			rc = load_one(rs, path, quiet);
		free(names[i]);
	}
	for (size_t i = 0; i < n_user && rc == EXIT_OK; i++)
		rc = load_one(rs, user_files[i], quiet);
	if (rc != EXIT_OK) {
		argraph_rules_free(rs);
		return rc;
	}
	*out = rs;
	return EXIT_OK;
}
