/* SPDX-License-Identifier: MIT */
/*
 * audit.h — the citation audit: what a reviewer wants to know about a
 * manuscript's support, read off the typed graph of one or more documents.
 *
 *   citations       every citation occurrence: its marker, the claim it is
 *                   attached to, its stance, whether it resolves (dangling
 *                   ones first)
 *   entries         every entry of the reference list, with how often it is
 *                   cited (never-cited ones stand out)
 *   authors         every cited author: the claims attributed to them and
 *                   whether the paper endorses, contests or only mentions
 *                   them
 *   needs support   claims in the paper's own voice that state a checkable
 *                   fact (a number, a statistic, a date, a superlative, a
 *                   cause) with no citation in the sentence or its paragraph
 *   summary         the counts, per document and in total
 *
 * The audit reads only the graph (argraph_extract_structure() and
 * argraph_extract_rules() put there everything it needs: claim attributes
 * voice, role, fact, causal; citation attributes status, stance, doubt …;
 * docs/json-format.md). Documents are told apart by the node ids'
 * "<doc_key>#" prefix, so a graph holding several documents works.
 *
 * Ownership: an argraph_audit owns every record and string it returns
 * (copied out of the graphs: a graph may be freed once added); they are
 * borrowed and valid until argraph_audit_free(). A rendered report is the
 * caller's, released with argraph_free().
 */
#ifndef ARGRAPH_AUDIT_H
#define ARGRAPH_AUDIT_H

#include "common.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct argraph_audit argraph_audit;

/** Version of the JSON report (docs/audit.md). */
#define ARGRAPH_AUDIT_JSON_FORMAT "argraph-audit/1"

/** The paper's stance towards a cited author or an attributed claim. */
typedef enum argraph_audit_stance {
	ARGRAPH_AUDIT_MENTIONS = 0, /**< "mentions": neither endorsed nor contested */
	ARGRAPH_AUDIT_ENDORSES,     /**< "endorses": agreed with, or cited in support */
	ARGRAPH_AUDIT_CONTESTS,     /**< "contests": argued against */
	ARGRAPH_AUDIT_MIXED         /**< "endorses and contests": both, on different claims */
} argraph_audit_stance;

/** "mentions", "endorses", "contests", "endorses and contests"; NULL if out of range. */
ARGRAPH_API const char *argraph_audit_stance_name(argraph_audit_stance s);

/** Counts for one document, or for all of them. */
typedef struct argraph_audit_summary {
	size_t claims;                 /**< sentence claims */
	size_t cited_claims;           /**< claims with at least one citation */
	size_t factual_claims;         /**< in the paper's own voice, stating a fact */
	size_t uncited_factual_claims; /**< … with no citation in sentence or paragraph: "needs support" */
	size_t citations;              /**< citation occurrences */
	size_t resolved;               /**< … that resolve to a work */
	size_t dangling;               /**< … that do not (doubtful ones included) */
	size_t doubtful;               /**< dangling ones that are probably no citation at all */
	size_t entries;                /**< entries of the reference list */
	size_t uncited_entries;        /**< … never cited */
	size_t authors;                /**< cited authors */
} argraph_audit_summary;

/** One document of the report. */
typedef struct argraph_audit_document {
	const char *key;       /**< document key (node id of the document) */
	const char *file;      /**< source file, or NULL */
	const char *title;     /**< title, or NULL */
	argraph_audit_summary summary;
	size_t first_citation, citation_count;     /**< into argraph_audit_citation_at() */
	size_t first_entry, entry_count;           /**< into argraph_audit_entry_at() */
	size_t first_author, author_count;         /**< into argraph_audit_author_at() */
	size_t first_unsupported, unsupported_count; /**< into argraph_audit_unsupported_at() */
} argraph_audit_document;

/** One citation occurrence. Per document: dangling ones first, then in text order. */
typedef struct argraph_audit_citation {
	size_t document;         /**< index of its document */
	const char *id;          /**< citation node id */
	const char *marker;      /**< the marker as written: "[3,4]", "(Smith, 2001)" */
	const char *item;        /**< which of a marker's citations this is ("4", "Wu et al. 2019b"), or NULL */
	const char *form;        /**< "numeric", "author-year", "title", "pointer", or NULL */
	const char *target;      /**< the TEI pointer as written (@target), or NULL */
	const char *stance;      /**< "supports", "contrasts", "mentions", or NULL when no rule said */
	int resolved;            /**< 1 when it resolves to a work */
	const char *resolved_by; /**< NULL (markup), "position", "author-year", or a rule id */
	const char *doubt;       /**< why it is probably no citation at all, or NULL */
	const char *work;        /**< id of the work it resolves to, or NULL */
	const char *work_label;  /**< that work's label, or NULL */
	const char *claim;       /**< id of the claim it is attached to, or NULL */
	const char *sentence;    /**< that claim's sentence, or NULL */
	const char *file;        /**< where the marker is */
	unsigned line;
} argraph_audit_citation;

/** One entry of a reference list, in list order. */
typedef struct argraph_audit_entry {
	size_t document;
	const char *id;          /**< work node id */
	const char *bibl;        /**< the entry's xml:id, or NULL */
	const char *label;       /**< "Smith (1979): A Theory of Alliances" */
	size_t cited;            /**< citations that resolve to it */
	const char *file;
	unsigned line;
} argraph_audit_entry;

/** One cited author: someone who asserts a claim, or the first author of a cited work. */
typedef struct argraph_audit_author {
	size_t document;
	const char *id;          /**< person node id */
	const char *name;        /**< label */
	size_t citations;        /**< citations of works they are first author of */
	argraph_audit_stance stance; /**< over all their claims and citations */
	size_t first_claim, claim_count; /**< into argraph_audit_attribution_at() */
} argraph_audit_author;

/** A claim attributed to a cited author. */
typedef struct argraph_audit_attribution {
	size_t author;           /**< index of the author */
	const char *claim;       /**< claim node id */
	const char *sentence;
	argraph_audit_stance stance; /**< the paper's stance on this claim */
	const char *basis;       /**< "report" (a reporting verb names them), "citation" (the paper cites them for it), "agreement" */
	const char *rule;        /**< id of the rule that attributed it, or NULL */
	const char *file;
	unsigned line;
} argraph_audit_attribution;

/** A claim that needs support, in text order. */
typedef struct argraph_audit_unsupported {
	size_t document;
	const char *claim;       /**< claim node id */
	const char *sentence;
	const char *facts;       /**< what makes it factual: "number,date", "causal", … */
	const char *fact_text;   /**< the spans ("1997年; 五轮"), or NULL */
	const char *role;        /**< the claim's role ("statement", "thesis" …), or NULL */
	const char *certainty;   /**< "asserted", "hedged", or NULL */
	const char *section;     /**< its section's label, or NULL */
	const char *file;
	unsigned line;
} argraph_audit_unsupported;

/** Make an empty audit. *Errors:* ARGRAPH_ENOMEM. *Ownership:* free with argraph_audit_free(). */
ARGRAPH_API argraph_status argraph_audit_new(argraph_audit **out);
/** Free the audit and everything in it. NULL is fine. */
ARGRAPH_API void argraph_audit_free(argraph_audit *a);

/**
 * Audit every document in a graph and add them to the report. The graph
 * is only read; everything needed is copied.
 * @return ARGRAPH_OK; ARGRAPH_EINVALID if the graph has no document node;
 *         ARGRAPH_ENOMEM (the audit is then left as it was before the call).
 */
ARGRAPH_API argraph_status argraph_audit_add_graph(argraph_audit *a, const argraph_graph *g);

ARGRAPH_API size_t argraph_audit_document_count(const argraph_audit *a);
/** *Ownership:* borrowed. NULL when out of range (as for every _at below). */
ARGRAPH_API const argraph_audit_document *argraph_audit_document_at(const argraph_audit *a, size_t i);
ARGRAPH_API size_t argraph_audit_citation_count(const argraph_audit *a);
ARGRAPH_API const argraph_audit_citation *argraph_audit_citation_at(const argraph_audit *a, size_t i);
ARGRAPH_API size_t argraph_audit_entry_count(const argraph_audit *a);
ARGRAPH_API const argraph_audit_entry *argraph_audit_entry_at(const argraph_audit *a, size_t i);
ARGRAPH_API size_t argraph_audit_author_count(const argraph_audit *a);
ARGRAPH_API const argraph_audit_author *argraph_audit_author_at(const argraph_audit *a, size_t i);
ARGRAPH_API size_t argraph_audit_attribution_count(const argraph_audit *a);
ARGRAPH_API const argraph_audit_attribution *argraph_audit_attribution_at(const argraph_audit *a, size_t i);
ARGRAPH_API size_t argraph_audit_unsupported_count(const argraph_audit *a);
ARGRAPH_API const argraph_audit_unsupported *argraph_audit_unsupported_at(const argraph_audit *a, size_t i);

/** Counts over every document added so far. */
ARGRAPH_API argraph_audit_summary argraph_audit_get_summary(const argraph_audit *a);

/** Report formats. */
typedef enum argraph_audit_format {
	ARGRAPH_AUDIT_TEXT = 0, /**< plain text for a terminal, one finding per block */
	ARGRAPH_AUDIT_JSON,     /**< ARGRAPH_AUDIT_JSON_FORMAT, docs/audit.md */
	ARGRAPH_AUDIT_MARKDOWN  /**< Markdown with tables */
} argraph_audit_format;

/** "text", "json", "md"; NULL if out of range. */
ARGRAPH_API const char *argraph_audit_format_name(argraph_audit_format f);
/** Format for a name ("text", "json", "md" or "markdown"); 0 if unknown, else 1 and *out set. */
ARGRAPH_API int argraph_audit_format_from_name(const char *name, argraph_audit_format *out);

/**
 * Render the report. Deterministic: the same graphs give the same bytes.
 * @param out receives a NUL-terminated UTF-8 string
 * *Ownership:* *out is the caller's; free with argraph_free().
 * *Errors:* ARGRAPH_EINVALID (bad format), ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_audit_render(char **out, const argraph_audit *a,
	argraph_audit_format format);

#ifdef __cplusplus
}
#endif
#endif
