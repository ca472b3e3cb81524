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
 * so memory is that of `jobs + window` documents, never of the corpus.
 *
 * With jobs == 1 no thread is started: work and emit alternate on the
 * calling thread.
 */
#ifndef ARGRAPH_CLI_POOL_H
#define ARGRAPH_CLI_POOL_H

#include <stddef.h>

typedef void *(*cli_work_fn)(void *ctx, size_t index);
/* Return non-zero to stop: no new inputs are started; results of those
 * already started are passed to `drop`. */
typedef int (*cli_emit_fn)(void *ctx, size_t index, void *result);
typedef void (*cli_drop_fn)(void *ctx, void *result);

/* Returns 0, 1 when `emit` stopped the run, -1 when out of memory
 * before anything ran. When no thread can be started the work is done on
 * the calling thread. */
int cli_pool_run(size_t n, unsigned jobs, cli_work_fn work, cli_emit_fn emit, cli_drop_fn drop,
	void *ctx);

#endif
