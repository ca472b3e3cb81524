/* SPDX-License-Identifier: MIT */
/* rules_load.c — the CLI's rule sets: bundled files, then --rules files. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/stat.h>

#include "argraph/rules.h"
#include "cli.h"

int cli_load_rules(argraph_ruleset **out, const char *const *user_files, size_t n_user, int quiet)
{
	*out = NULL;
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	if (argraph_rules_new(&rs) != ARGRAPH_OK || argraph_diags_new(&d) != ARGRAPH_OK) {
		argraph_rules_free(rs);
		return EXIT_INPUT;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/rules", cli_datadir());
	argraph_status st = argraph_rules_load_dir(rs, dir, d);
	/* the hint only when the directory itself is not there: a file in it
	 * that cannot be read has its own message */
	struct stat sb;
	int missing = st == ARGRAPH_EIO && stat(dir, &sb) != 0;
	for (size_t i = 0; i < n_user && st == ARGRAPH_OK; i++)
		st = argraph_rules_load_file(rs, user_files[i], d);
	cli_print_diags(d, quiet);
	argraph_diags_free(d);
	if (missing)
		fputs("argraph: the bundled rules are not there: set ARGRAPH_DATADIR, or use --no-rules\n",
			stderr);
	if (st != ARGRAPH_OK) {
		/* a rule file that cannot be used is a usage error, whatever the cause */
		argraph_rules_free(rs);
		return EXIT_USAGE;
	}
	*out = rs;
	return EXIT_OK;
}
