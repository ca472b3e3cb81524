/* SPDX-License-Identifier: MIT */
/*
 * sentences.h — the sentences the rule pass reads, for the benchmark
 * tools (stages.c, rulecost.c): those of paragraphs, each with its
 * language. Public API only. Static functions: each tool is one file.
 */
#ifndef ARGRAPH_BENCH_SENTENCES_H
#define ARGRAPH_BENCH_SENTENCES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argraph/argraph.h"

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
