/* SPDX-License-Identifier: MIT */
/* pool.c — ordered, bounded worker pool (pool.h). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

typedef struct pool {
	pthread_mutex_t lock;
	pthread_cond_t ready;    /* a result arrived */
	pthread_cond_t space;    /* the window moved, or the run stops */
	size_t n, window;
	size_t next;             /* next index a worker takes */
	size_t emitted;          /* indexes below this are emitted */
	int stop;
	void **slot;             /* index % window → its result */
	unsigned char *done;     /* index % window → result is in slot */
	cli_work_fn work;
	void *ctx;
} pool;

static void *worker(void *arg)
{
	pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->stop && p->next < p->n && p->next >= p->emitted + p->window)
			pthread_cond_wait(&p->space, &p->lock);
		if (p->stop || p->next >= p->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		void *r = p->work(p->ctx, i);
		pthread_mutex_lock(&p->lock);
		p->slot[i % p->window] = r;
		p->done[i % p->window] = 1;
		pthread_cond_broadcast(&p->ready);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static int run_inline(size_t n, cli_work_fn work, cli_emit_fn emit, void *ctx)
{
	for (size_t i = 0; i < n; i++)
		if (emit(ctx, i, work(ctx, i)))
			return 1;
	return 0;
}

int cli_pool_run(size_t n, unsigned jobs, cli_work_fn work, cli_emit_fn emit, cli_drop_fn drop,
	void *ctx)
{
	if (jobs <= 1 || n <= 1)
		return run_inline(n, work, emit, ctx);
	if (jobs > n)
		jobs = (unsigned)n;
	pool p = {0};
	p.n = n;
	p.window = (size_t)jobs * 4; /* room for one slow document among fast ones */
	p.work = work;
	p.ctx = ctx;
	p.slot = calloc(p.window, sizeof *p.slot);
	p.done = calloc(p.window, 1);
	pthread_t *threads = calloc(jobs, sizeof *threads);
	if (!p.slot || !p.done || !threads) {
		free(p.slot);
		free(p.done);
		free(threads);
		return -1;
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.space, NULL);
	unsigned started = 0;
	while (started < jobs && pthread_create(&threads[started], NULL, worker, &p) == 0)
		started++;
	int rc = 0;
	if (started == 0) {
		rc = run_inline(n, work, emit, ctx); /* no thread to be had: do it here */
	} else {
		for (size_t i = 0; i < n; i++) {
			pthread_mutex_lock(&p.lock);
			if (p.stop && i >= p.next) { /* never started */
				pthread_mutex_unlock(&p.lock);
				break;
			}
			while (!p.done[i % p.window])
				pthread_cond_wait(&p.ready, &p.lock);
			void *r = p.slot[i % p.window];
			p.done[i % p.window] = 0;
			p.emitted = i + 1;
			pthread_cond_broadcast(&p.space);
			int stopping = p.stop;
			pthread_mutex_unlock(&p.lock);
			if (stopping) {
				if (drop)
					drop(ctx, r);
			} else if (emit(ctx, i, r)) {
				pthread_mutex_lock(&p.lock);
				p.stop = 1;
				pthread_cond_broadcast(&p.space);
				pthread_mutex_unlock(&p.lock);
				rc = 1;
			}
		}
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_cond_destroy(&p.space);
	pthread_cond_destroy(&p.ready);
	pthread_mutex_destroy(&p.lock);
	free(threads);
	free(p.slot);
	free(p.done);
	return rc;
}
