/* SPDX-License-Identifier: MIT */
/*
 * test_threads.c — the per-document pass run by several threads at once.
 *
 * Workers read TEI, extract the structure, validate against one graph
 * schema loaded once and shared read-only, and write the JSON line, for
 * the bundled documents, many times each; every line must equal the one a
 * single thread wrote first. This guards the reader, the document model,
 * the graph, validation and the JSON writer against hidden shared state
 * (a static buffer or cache would mix documents up; under the sanitizer
 * build a race on freed memory shows too). Rules are not run here.
 *
 * argv[1] is the source directory.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/argraph.h"
#include "argraph/extract.h"
#include "argraph/merge.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define N_DOCS 3
#define N_THREADS 4
#define ROUNDS 6

static const char *const docs[N_DOCS] = {
	"corpus/alliance-persistence.en.tei.xml",
	"corpus/nato-alliance.tei.xml",
	"tests/data/tei/mini-zh.tei.xml",
};

static char paths[N_DOCS][4096];
static char *want[N_DOCS];
static const argraph_graph_schema *schema;

/* The pass for one document; the JSON line (caller frees) or NULL. */
static char *pass(const char *path)
{
	argraph_diags *d = NULL;
	argraph_doc *doc = NULL;
	argraph_graph *g = NULL;
	char *line = NULL;
	size_t errors = 0, warnings = 0;
	if (argraph_diags_new(&d) != ARGRAPH_OK)
		return NULL;
	if (argraph_tei_read_file(&doc, path, NULL, d) == ARGRAPH_OK
	    && argraph_graph_new(&g) == ARGRAPH_OK
	    && argraph_extract_structure(g, doc, NULL, d) == ARGRAPH_OK
	    && argraph_graph_validate(g, schema, d, &errors, &warnings) == ARGRAPH_OK)
		argraph_json_to_line(&line, g, d); /* NULL when it fails */
	argraph_graph_free(g);
	argraph_doc_free(doc);
	argraph_diags_free(d);
	return line;
}

static void *worker(void *arg)
{
	size_t k = (size_t)(uintptr_t)arg, bad = 0;
	for (size_t r = 0; r < ROUNDS; r++) {
		size_t i = (k + r) % N_DOCS; /* the threads on different documents */
		char *line = pass(paths[i]);
		bad += !line || !want[i] || strcmp(line, want[i]) != 0;
		free(line);
	}
	return (void *)(uintptr_t)bad;
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : ".";
	char sp[4096], rng[4096];
	snprintf(sp, sizeof sp, "%s/schemas/argraph-graph.xml", src);
	snprintf(rng, sizeof rng, "%s/schemas/argraph-graph-schema.rng", src);
	argraph_diags *d = NULL;
	argraph_graph_schema *s = NULL;
	argraph_diags_new(&d);
	INT_EQ(argraph_graph_schema_read_file(&s, sp, rng, d), ARGRAPH_OK);
	argraph_diags_free(d);
	schema = s;
	for (size_t i = 0; i < N_DOCS; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/%s", src, docs[i]);
		want[i] = pass(paths[i]);
		OK(want[i] != NULL && strlen(want[i]) > 100);
	}
	pthread_t t[N_THREADS];
	int started[N_THREADS] = {0};
	for (size_t k = 0; k < N_THREADS; k++)
		started[k] = pthread_create(&t[k], NULL, worker, (void *)(uintptr_t)k) == 0;
	for (size_t k = 0; k < N_THREADS; k++) {
		void *bad = (void *)(uintptr_t)1;
		OK(started[k]);
		if (started[k])
			pthread_join(t[k], &bad);
		INT_EQ((uintptr_t)bad, 0);
	}
	for (size_t i = 0; i < N_DOCS; i++)
		free(want[i]);
	argraph_graph_schema_free(s);
	argraph_tei_cleanup();
	return TEST_DONE();
}
