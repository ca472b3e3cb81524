/* SPDX-License-Identifier: MIT */
/*
 * merge.h — many per-document graphs into one corpus graph, and graphs as
 * JSON Lines (one compact `argraph-graph/1` object per line) for streaming
 * them between processes and machines.
 *
 * Identity by content. A per-document graph names its nodes "<doc>#<local>";
 * the merge gives the kinds that several documents share an id made from
 * their content, so documents mapped anywhere meet in one node:
 *
 *   person  "person:<surname>-<first forename>" from the node's name (an
 *           English or Latin-script label preferred), lower-cased, common
 *           accents folded, punctuation and space runs as '-';
 *           "Smith, Jane Q." = "Jane Smith" → person:smith-jane
 *   work    "work:doi:<doi>" (lower-cased) when the entry has a DOI, else
 *           "work:<first author's surname>-<year>-<first words of the title>";
 *           an entry with both keys links every work sharing either
 *   factor  "factor:<normalised label>" (a taxonomy term id is local to its
 *           document, so the label is the key, not the term)
 *   document, section, claim, citation — keep their ids, which already
 *           begin with the document key; a work or person with nothing to
 *           key on (a footnote, a bare marker) stays document-scoped too.
 *
 * Merging is a union: labels per language, attributes, the source
 * documents (attribute `documents`), the match keys (attribute `keys`) and
 * the edges (each with attribute `document`) of every input; where inputs
 * disagree a fixed order decides (docs/merge.md), never the input order.
 * So merging is associative and commutative, and a merged graph can be
 * merged again: merge(merge(a,b),c), merge(a,merge(b,c)) and merge(c,b,a)
 * give the same graph, byte for byte once written as JSON. Nodes come out
 * sorted by (kind, id); edges sorted by their content, numbered e1, e2 …
 *
 * Ownership: the merge copies what it needs from each graph added, so the
 * caller may free a graph as soon as it is added. Not thread-safe; one
 * merge per thread (several merges in several threads are fine).
 */
#ifndef ARGRAPH_MERGE_H
#define ARGRAPH_MERGE_H

#include <stdio.h>

#include "common.h"
#include "diag.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct argraph_merge argraph_merge;

/** A new, empty merge. *Errors:* ARGRAPH_ENOMEM. */
ARGRAPH_API argraph_status argraph_merge_new(argraph_merge **out);

/**
 * Add every node and edge of `g`: a per-document graph, several documents
 * extracted into one graph, or the result of an earlier merge.
 * @return ARGRAPH_OK, ARGRAPH_ENOMEM (the merge then holds part of `g`
 *         and should only be freed), or ARGRAPH_EINVALID when called after
 *         argraph_merge_finish().
 */
ARGRAPH_API argraph_status argraph_merge_add_graph(argraph_merge *m,
	const argraph_graph *g, argraph_diags *diags);

/** Graphs added so far. */
ARGRAPH_API size_t argraph_merge_graph_count(const argraph_merge *m);

/**
 * Build the merged graph. Call once; the merge can then only be freed.
 * *Ownership:* *out is the caller's (argraph_graph_free).
 * @return ARGRAPH_OK, ARGRAPH_ENOMEM, ARGRAPH_EINVALID (two different
 *         things would get the same id, e.g. a document whose key looks
 *         like a merged id; reported in `diags`).
 */
ARGRAPH_API argraph_status argraph_merge_finish(argraph_merge *m,
	argraph_graph **out, argraph_diags *diags);

/** Free the merge. NULL is fine. */
ARGRAPH_API void argraph_merge_free(argraph_merge *m);

/**
 * The match key the merge gives a person's name: "Smith, Jane Q." →
 * "smith-jane". For tools that want to look a person up in a merged
 * graph ("person:" + key). *Ownership:* the caller's (argraph_free);
 * NULL when nothing is left of the name, or out of memory.
 */
ARGRAPH_API char *argraph_merge_person_key(const char *name);

/**
 * The citation network of a graph — of a merged corpus above all: every
 * document, an edge document → work for each work it cites (through
 * claim → citation → work, or claim → work; attribute `citations`: how
 * many times), the people who wrote those works (authored, once per
 * person and work). Claims, citations and dangling citations are left
 * out. What `argraph map` draws as the citation view of a corpus.
 * *Ownership:* *out is the caller's (argraph_graph_free).
 * @return ARGRAPH_OK or ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_citation_network(const argraph_graph *g,
	argraph_graph **out, argraph_diags *diags);

/* ---- JSON Lines ---- */

/** argraph_json_write() flag: one line of compact JSON instead of pretty. */
#define ARGRAPH_JSON_LINE 1u

/**
 * Write the graph as JSON to `out`, one node or edge at a time, so the
 * memory used is that of one node, whatever the size of the graph. The
 * bytes are those of argraph_json_to_string() (pretty, the default) or,
 * with ARGRAPH_JSON_LINE, the same object compact on one line ending in
 * "\n". The stream is flushed, not closed.
 * @return ARGRAPH_OK, ARGRAPH_EIO (a write failed; reported), ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_json_write(const argraph_graph *g,
	unsigned flags, FILE *out, argraph_diags *diags);

/**
 * The graph as one line of compact JSON (format `argraph-graph/1`, the
 * same object argraph_json_to_string() writes), ending in "\n", with no
 * other newline in it. *Ownership:* *out is the caller's (argraph_free).
 * @return ARGRAPH_OK or ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_json_to_line(char **out,
	const argraph_graph *g, argraph_diags *diags);

/**
 * A reader of graphs from a JSON Lines stream, one line in memory at a
 * time. Blank lines are skipped. A stream whose first line is just "{" is
 * taken as one pretty-printed graph (what `argraph map` writes), so
 * NAME.json and NAME.jsonl files can be read alike.
 */
typedef struct argraph_jsonl_reader argraph_jsonl_reader;

/** Largest line (or whole pretty-printed file) accepted: 256 MiB. */
#define ARGRAPH_JSONL_DEFAULT_MAX_LINE ((size_t)256 << 20)

/**
 * Open `path` for reading ("-" is standard input).
 * @return ARGRAPH_OK, ARGRAPH_EIO (cannot open; reported), ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_jsonl_reader_new_file(argraph_jsonl_reader **out,
	const char *path, argraph_diags *diags);

/**
 * Read from an open stream, which stays the caller's (not closed by the
 * reader). `name` is used in diagnostics (may be NULL: "<stream>").
 */
ARGRAPH_API argraph_status argraph_jsonl_reader_new_stream(argraph_jsonl_reader **out,
	FILE *fp, const char *name);

/** Change the line size limit (0: the default). */
ARGRAPH_API void argraph_jsonl_reader_set_max_line(argraph_jsonl_reader *r, size_t max);

/**
 * The next graph. At the end of the stream returns ARGRAPH_OK with *out
 * NULL. A bad line is reported as `file:line[:col]: message` and skipped:
 * the next call goes on with the line after it.
 * *Ownership:* *out is the caller's (argraph_graph_free).
 * @return ARGRAPH_OK; ARGRAPH_EPARSE (not JSON), ARGRAPH_EINVALID (JSON but
 *         not an argraph graph), ARGRAPH_ETOOBIG (line over the limit),
 *         ARGRAPH_EIO (read error), ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_jsonl_reader_next(argraph_jsonl_reader *r,
	argraph_graph **out, argraph_diags *diags);

/** Line number of the last line read (1-based; 0 before the first). */
ARGRAPH_API unsigned long argraph_jsonl_reader_line(const argraph_jsonl_reader *r);

/** Close (a file opened by the reader) and free. NULL is fine. */
ARGRAPH_API void argraph_jsonl_reader_free(argraph_jsonl_reader *r);

#ifdef __cplusplus
}
#endif
#endif
