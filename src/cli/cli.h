/* SPDX-License-Identifier: MIT */
/* cli.h — shared bits of the command-line front end (the only code that
 * touches argv, stdout and exit codes). */
#ifndef ARGRAPH_CLI_H
#define ARGRAPH_CLI_H

#include "argraph/argraph.h"

/* Exit codes (documented in --help and the README). */
enum {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1, /* validation findings, when asked to fail on them */
	EXIT_USAGE = 2,    /* bad command line, bad rule or schema file */
	EXIT_INPUT = 3     /* input or output error: unreadable, malformed, unwritable */
};

/* Directory holding corpus/, rules/, schemas/: $ARGRAPH_DATADIR, else the
 * source tree the binary was built from, else the install location. */
const char *cli_datadir(void);
/* Exit code for a library status. */
int cli_exit_for(argraph_status st);
/* Print diagnostics to stderr; quiet drops notes and warnings. */
void cli_print_diags(const argraph_diags *d, int quiet);

/* Load the bundled rules (every .rules file in <datadir>/rules, sorted), then each
 * user file (a rule with an existing id replaces it). Prints problems;
 * returns EXIT_OK, or EXIT_USAGE for a bad rule file (nothing is mapped). */
typedef struct argraph_ruleset argraph_ruleset;
int cli_load_rules(argraph_ruleset **out, const char *const *user_files, size_t n_user, int quiet);

typedef struct argraph_graph_schema argraph_graph_schema;

/* What every command that maps files shares. */
typedef struct cli_pipeline {
	argraph_ruleset *rules;       /* NULL: structure only (--no-rules) */
	argraph_graph_schema *schema; /* NULL: no validation */
	size_t max_bytes;             /* input size limit */
	int quiet;
} cli_pipeline;

/* Load rules (unless no_rules) and the graph schema (the default one, or
 * schema_path; none with no_validate). Returns an exit code. */
int cli_pipeline_setup(cli_pipeline *p, const char *const *user_rules, size_t n_user_rules,
	int no_rules, const char *schema_path, int no_validate);
void cli_pipeline_release(cli_pipeline *p);
/* What joins a teiCorpus file's key to a member's name (its xml:id or
 * position) in the member's document key: "FILE~ID", "FILE~3". Safe in
 * file names and node ids ('#' follows the key), and never in an xml:id. */
#define CLI_MEMBER_SEP "~"

/* One document's pass, as a worker thread runs it (cli_doc_run): the
 * pipeline's results, its diagnostics (printed later, in input order),
 * the input's size for the progress line and, when asked, its JSON line.
 * A file gives one per document in document order: one for a <TEI> file,
 * one per member of a teiCorpus, and, when the file could not be read at
 * all (or a nested teiCorpus could not), a failed one with the reader's
 * diagnostics; chained (`next`), or handed over one by one as pool parts
 * (cli_doc_run with `parts`). */
typedef struct cli_doc {
	const char *path;       /* borrowed */
	int member;             /* a teiCorpus member (not a file of its own) */
	unsigned line_no;       /* a member: the line of its <TEI>; else 0 */
	argraph_status status;  /* of the pipeline */
	argraph_graph *graph;   /* NULL when status is not OK (or CLI_DOC_NO_GRAPH) */
	char *key;              /* the document key; NULL when status is not OK */
	argraph_diags *diags;   /* never NULL unless out of memory */
	size_t errors, warnings;
	unsigned long long bytes; /* the file's size, in the first record cli_doc_run returns */
	char *line;             /* compact JSON line (CLI_DOC_LINE; not for a
	                           graph with schema errors unless CLI_DOC_FORCE) */
	struct cli_doc *next;   /* the file's next document */
} cli_doc;
#define CLI_DOC_LINE 1u
#define CLI_DOC_FORCE 2u
#define CLI_DOC_NO_GRAPH 4u /* free each graph once its line is made */
/* Run the pipeline on every document of one file; thread-safe (p is only
 * read). NULL only when out of memory.
 * With `parts` NULL the chain of all the file's records is returned, and
 * the graphs of all its documents are held until it is freed (only their
 * lines with CLI_DOC_NO_GRAPH): for a caller that must see the whole file
 * (map's one FILE, which is a corpus when it holds several documents).
 * With `parts` (the pool job of a worker running the file) each record is
 * handed over with cli_pool_part() as soon as it is complete, so a
 * teiCorpus costs one member at a time; what is returned is the records
 * not handed over yet (an error record made just before the last member,
 * the last member — what the reader says after it goes to it — and the
 * reader's failure record, each if any), with the file's `bytes`. */
struct cli_pool_job;
cli_doc *cli_doc_run(const cli_pipeline *p, const char *path, unsigned flags,
	struct cli_pool_job *parts);
/* Free the whole chain. */
void cli_doc_free(cli_doc *d);
/* The JSON lines `flags` ask for (CLI_DOC_LINE, CLI_DOC_FORCE), made for
 * a chain run without them, as cli_doc_run would have made them. */
void cli_doc_make_lines(cli_doc *d, unsigned flags);
/* A file's records as a pool's emit gets them (what cli_doc_run returned):
 * each, detached, to `one` (a pool emit_part function: it takes the record
 * and frees it) in order, until one asks to stop; the rest are freed.
 * Returns nonzero when one asked to stop. */
int cli_doc_each(cli_doc *d, size_t index, int (*one)(void *ctx, size_t index, void *doc),
	void *ctx);
/* Where a record is, for messages: "path:line" of a member, else the
 * path; written into buf when it must be (n: CLI_WHERE_MAX, which holds
 * any path a file could be opened by). */
#define CLI_WHERE_MAX 4120
const char *cli_doc_where(const cli_doc *d, char *buf, size_t n);
/* The same from its parts. */
const char *cli_where(const char *path, int member, unsigned line, char *buf, size_t n);
/* cli_doc_free as a pool's drop function (pool.h). */
void cli_doc_drop(void *ctx, void *doc);

/* How every command that maps many files starts: the inputs from the
 * operands argv[first..argc) (none: the caller filled `in`), then the
 * rules and the graph schema from the options. Returns EXIT_OK, or the
 * exit code of a run that cannot start (reported; `in` is freed).
 * *unreadable is EXIT_INPUT when an operand could not be read (reported;
 * the run goes on without it), else EXIT_OK. */
struct cli_common;
struct cli_inputs;
int cli_start(const struct cli_common *co, const char *cmd, cli_pipeline *p, struct cli_inputs *in,
	int argc, char **argv, int first, int *unreadable);

/* Write the graph as JSON (argraph_json_write; ARGRAPH_JSON_LINE in
 * flags for one line) to standard output when path is NULL, else to path
 * atomically: a temporary file beside it, streamed, synced, renamed over
 * it. A failure leaves no file and is reported in d. */
argraph_status cli_write_graph(const argraph_graph *g, unsigned flags, const char *path,
	argraph_diags *d);

int cmd_map(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_validate_tei(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
