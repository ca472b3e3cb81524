/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h — shared by the fuzz targets (header-only; each target is
 * one translation unit, built with libFuzzer under clang or with
 * standalone.c under any compiler).
 *
 * FUZZ_CHECK() is an invariant of argraph, not of the input: when it fails
 * the target aborts, so the fuzzer keeps the input as a crash. Library
 * errors on bad input are expected and never abort.
 */
#ifndef ARGRAPH_FUZZ_COMMON_H
#define ARGRAPH_FUZZ_COMMON_H

#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"
#include "argraph/rules.h"
#include "argraph/schema.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* Where rules/ and schemas/ are: $ARGRAPH_DATADIR, else the source tree. */
static inline const char *fuzz_datadir(void)
{
	const char *env = getenv("ARGRAPH_DATADIR");
	return env && *env ? env : ARGRAPH_SOURCE_DATADIR;
}

static inline void fuzz_die(const char *what, const argraph_diags *d)
{
	fprintf(stderr, "fuzz set-up failed: %s\n", what);
	if (d)
		argraph_diags_print(d, stderr);
	exit(1);
}

/* The bundled rules (every .rules file in rules/, by name), loaded once. */
static inline argraph_ruleset *fuzz_bundled_rules(void)
{
	char dir[4096], path[8192];
	snprintf(dir, sizeof dir, "%s/rules", fuzz_datadir());
	DIR *dh = opendir(dir);
	if (!dh)
		fuzz_die(dir, NULL);
	char *names[64];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(dh)) && n < 64) {
		size_t len = strlen(de->d_name);
		if (len > 6 && strcmp(de->d_name + len - 6, ".rules") == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(dh);
	for (size_t i = 1; i < n; i++) /* insertion sort: a handful of names */
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	if (argraph_rules_new(&rs) != ARGRAPH_OK || argraph_diags_new(&d) != ARGRAPH_OK)
		fuzz_die("out of memory", NULL);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (argraph_rules_load_file(rs, path, d) != ARGRAPH_OK)
			fuzz_die(path, d);
		free(names[i]);
	}
	argraph_diags_free(d);
	return rs;
}

/* The default graph schema, checked against its grammar, loaded once. */
static inline argraph_graph_schema *fuzz_default_schema(void)
{
	char path[4096], rng[4096];
	snprintf(path, sizeof path, "%s/schemas/argraph-graph.xml", fuzz_datadir());
	snprintf(rng, sizeof rng, "%s/schemas/argraph-graph-schema.rng", fuzz_datadir());
	argraph_graph_schema *s = NULL;
	argraph_diags *d = NULL;
	if (argraph_diags_new(&d) != ARGRAPH_OK)
		fuzz_die("out of memory", NULL);
	if (argraph_graph_schema_read_file(&s, path, rng, d) != ARGRAPH_OK)
		fuzz_die(path, d);
	argraph_diags_free(d);
	return s;
}

/* Every diagnostic is well formed: a code, a message, a sane position. */
static inline void fuzz_check_diags(const argraph_diags *d)
{
	for (size_t i = 0; i < argraph_diags_count(d); i++) {
		const argraph_diag *dg = argraph_diags_at(d, i);
		FUZZ_CHECK(dg && dg->code && dg->message);
		FUZZ_CHECK((int)dg->severity <= (int)ARGRAPH_SEV_ERROR);
		FUZZ_CHECK(!strchr(dg->message, '\n'));
	}
}

#endif
