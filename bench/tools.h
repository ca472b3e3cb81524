/* SPDX-License-Identifier: MIT */
/*
 * tools.h — what the benchmark tools (stages.c, rulecost.c) share: the
 * process's CPU clock, the bundled rules loaded as the CLI loads them,
 * the list of paths on stdin, and the sentences the rule pass reads
 * (those of paragraphs, each with its language). Public API only. Static
 * functions: each tool is one file.
 */
#ifndef ARGRAPH_BENCH_TOOLS_H
#define ARGRAPH_BENCH_TOOLS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "argraph/argraph.h"

/* CPU seconds of this process. */
static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A match callback that counts into *(size_t *)user. */
static int count_match(void *user, const argraph_rule_match *m)
{
	(void)m;
	++*(size_t *)user;
	return 0;
}

/* The bundled rules (DATADIR/rules) and then the files extra[0..nextra),
 * as the CLI loads them (--rules); NULL, with the problems printed, when
 * one does not load. */
static argraph_ruleset *load_rules(const char *datadir, char **extra, int nextra)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/rules", datadir);
	argraph_ruleset *rs = NULL;
	argraph_diags *dg = NULL;
	int ok = argraph_rules_new(&rs) == ARGRAPH_OK && argraph_diags_new(&dg) == ARGRAPH_OK
		 && argraph_rules_load_dir(rs, dir, dg) == ARGRAPH_OK;
	for (int i = 0; ok && i < nextra; i++)
		ok = argraph_rules_load_file(rs, extra[i], dg) == ARGRAPH_OK;
	if (!ok) {
		argraph_diags_print(dg, stderr);
		argraph_rules_free(rs);
		rs = NULL;
	}
	argraph_diags_free(dg);
	return rs;
}

/* One sentence the rules run over: its text and language. */
typedef struct sentence {
	char *text;
	size_t len;
	char *lang; /* primary subtag, or NULL */
} sentence;

typedef struct sentences {
	sentence *items;
	size_t len, cap;
} sentences;

/* Call fn on each sentence the rule pass reads (those of paragraphs),
 * with its language. */
static void each_sentence(const argraph_doc *doc,
	void (*fn)(void *ctx, const char *text, const char *lang), void *ctx)
{
	const char *doc_lang = argraph_doc_get_lang(doc);
	for (size_t bi = 0; bi < argraph_doc_block_count(doc); bi++) {
		const argraph_block *b = argraph_doc_block_at(doc, bi);
		if (b->kind != ARGRAPH_BLOCK_P)
			continue;
		const char *lang = b->lang ? b->lang : doc_lang;
		for (size_t k = 0; k < b->sentence_count; k++)
			fn(ctx, argraph_doc_sentence_at(doc, b->first_sentence + k)->text, lang);
	}
}

/* each_sentence's fn that keeps a copy of the sentence and of its
 * language's primary subtag (what the rules choose by: "zh-Hant" picks
 * the rules of "zh"); the document's strings go with the document. */
static void keep_sentence(void *ctx, const char *text, const char *lang)
{
	sentences *keep = ctx;
	if (keep->len == keep->cap) {
		keep->cap = keep->cap ? keep->cap * 2 : 4096;
		if (!(keep->items = realloc(keep->items, keep->cap * sizeof *keep->items)))
			exit(1);
	}
	sentence *s = &keep->items[keep->len++];
	if (!(s->text = strdup(text)))
		exit(1);
	s->len = strlen(text);
	s->lang = NULL;
	if (lang && !(s->lang = strndup(lang, strcspn(lang, "-_"))))
		exit(1);
}

static void sentences_release(sentences *all)
{
	for (size_t i = 0; i < all->len; i++) {
		free(all->items[i].text);
		free(all->items[i].lang);
	}
	free(all->items);
	*all = (sentences){0};
}

/* The lines of f (one path each; empty lines skipped) into *paths;
 * their count. Exits on out of memory. */
static size_t read_paths(FILE *f, char ***paths)
{
	char line[8192];
	size_t n = 0;
	*paths = NULL;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		if (!(*paths = realloc(*paths, (n + 1) * sizeof **paths))
		    || !((*paths)[n++] = strdup(line)))
			exit(1);
	}
	return n;
}

#endif
