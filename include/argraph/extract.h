/* SPDX-License-Identifier: MIT */
/*
 * extract.h — from document model to typed graph.
 *
 * The structural extraction maps what the TEI markup says outright:
 * the document, its sections, each sentence as a claim in its section,
 * persons (listPerson, persName), works (bibliography entries, inline
 * bibl), citations (ref markers, inline bibl) and their resolution.
 */
#ifndef ARGRAPH_EXTRACT_H
#define ARGRAPH_EXTRACT_H

#include "common.h"
#include "diag.h"
#include "doc.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Add the document's structure and markup-derived entities to `g`.
 * Node ids are prefixed with `doc_key` (the document's name) so several
 * documents can share one graph; NULL derives it from the file name.
 * Dangling references are reported as warnings in `diags`.
 * @return ARGRAPH_OK or ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_extract_structure(argraph_graph *g,
	const argraph_doc *doc, const char *doc_key, argraph_diags *diags);

typedef struct argraph_ruleset argraph_ruleset;

/**
 * The rule-driven pass: run after argraph_extract_structure() on the same
 * graph with the same `doc_key`. Cue rules (rules.h) find, per sentence:
 * causal relations (factor nodes and `causes` edges naming the rule and
 * keeping the sentence as evidence), claims attributed to a person by a
 * reporting verb (`asserts`), the paper's own thesis, hedges (certainty),
 * contrast and agreement with a recent attributed claim (`attacks`,
 * `supports`), author-year citations in plain text, and the stance of each
 * citation. Explicit markup wins: `<linkGrp type="causal">` links become
 * `causes` edges first, and a rule does not repeat a pair the markup gave;
 * `<term ref>` into a taxonomy names the factor a rule's span covers.
 * @return ARGRAPH_OK or ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_extract_rules(argraph_graph *g,
	const argraph_doc *doc, const argraph_ruleset *rules, const char *doc_key,
	argraph_diags *diags);

/** Document key from a path: base name without ".tei.xml"/".xml". Caller frees. */
ARGRAPH_API char *argraph_doc_key_from_path(const char *path);

#ifdef __cplusplus
}
#endif
#endif
