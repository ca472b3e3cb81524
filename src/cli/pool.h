/* SPDX-License-Identifier: MIT */
/*
 * pool.h — a bounded pool of worker threads that runs one job per input
 * and hands the results back in input order.
 *
 * `work` runs on a worker thread for each index 0..n-1 (several at once);
 * `emit` runs on the calling thread, once per index, in index order, with
 * what `work` returned. So everything a run prints or writes happens in
 * the same order whatever the number of workers, and the outputs of -j 1
 * and -j 8 are the same bytes. At most `window` results wait for an
 * earlier slow one (workers stop taking new inputs until it is emitted),
 * so memory is that of `jobs + window` documents (and their parts, below),
 * never of the corpus.
 *
 * Parts: an input that holds many documents (a teiCorpus file) need not
 * be held whole until its turn. While `work` runs it may hand finished
 * parts of its input over with cli_pool_part(); they are emitted by
 * `emit_part` on the calling thread, in the order given, before the
 * input's own result, and after everything of the inputs before it. The
 * parts of the input whose turn it is are emitted as they come, so a
 * worker holds only the part it is making; an input further ahead keeps
 * at most CLI_POOL_PARTS parts waiting, then its worker waits for its turn.
 *
 * With jobs == 1 (or one input) no thread is started: work and emit
 * alternate on the calling thread, and a part is emitted at once.
 */
#ifndef ARGRAPH_CLI_POOL_H
#define ARGRAPH_CLI_POOL_H

#include <stddef.h>

/* The parts an input not yet at its turn may have waiting. */
#define CLI_POOL_PARTS 4

/* What `work` hands its parts over with (valid while `work` runs). */
typedef struct cli_pool_job cli_pool_job;

typedef void *(*cli_work_fn)(void *ctx, size_t index, cli_pool_job *job);
/* Return non-zero to stop: no new inputs are started; the parts and
 * results of those already started are passed to `drop`. */
typedef int (*cli_emit_fn)(void *ctx, size_t index, void *result);
typedef int (*cli_emit_part_fn)(void *ctx, size_t index, void *part);
typedef void (*cli_drop_fn)(void *ctx, void *result_or_part);

/* Hand a finished part of job's input over; the pool owns it from now on
 * (emitted, or dropped). May wait while the input is not yet at its turn
 * and has CLI_POOL_PARTS parts waiting. Returns nonzero when the run is
 * stopping: the rest of the work would be dropped, so it may give up. */
int cli_pool_part(cli_pool_job *job, void *part);

/* Returns 0, 1 when `emit` or `emit_part` stopped the run, -1 when out of
 * memory before anything ran. `emit_part` may be NULL when `work` hands
 * no part over. When no thread can be started the work is done on the
 * calling thread. */
int cli_pool_run(size_t n, unsigned jobs, cli_work_fn work, cli_emit_part_fn emit_part,
	cli_emit_fn emit, cli_drop_fn drop, void *ctx);

#endif
