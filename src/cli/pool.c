/* SPDX-License-Identifier: MIT */
/* pool.c — ordered, bounded worker pool (pool.h). */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

/* What an input in the window has handed back so far. */
typedef struct slot {
	void *result;
	int done;                     /* `result` is in: no more parts will come */
	size_t first, count;          /* the parts waiting: a ring from parts[first] */
	void *parts[CLI_POOL_PARTS];
} slot;

typedef struct pool {
	pthread_mutex_t lock;
	pthread_cond_t ready;    /* a result or a part arrived */
	pthread_cond_t space;    /* the window moved, a part was taken, or the run stops */
	int threaded;            /* 0: work and emit alternate on the calling thread */
	size_t n, window;
	size_t next;             /* next index a worker takes */
	size_t emitted;          /* indexes below this are emitted */
	int stop;
	slot *slot;              /* index % window → what it handed back */
	cli_work_fn work;
	cli_emit_part_fn emit_part;
	cli_drop_fn drop;
	void *ctx;
} pool;

struct cli_pool_job {
	pool *p;
	size_t index;
};

static void drop_it(const pool *p, void *r)
{
	if (p->drop)
		p->drop(p->ctx, r);
}

/* On the calling thread, inline: a part is emitted at once, or dropped
 * once the run stops. */
static int part_inline(pool *p, size_t index, void *part)
{
	if (p->stop || !p->emit_part)
		drop_it(p, part);
	else if (p->emit_part(p->ctx, index, part))
		p->stop = 1;
	return p->stop;
}

int cli_pool_part(cli_pool_job *job, void *part)
{
	pool *p = job->p;
	if (!p->threaded)
		return part_inline(p, job->index, part);
	pthread_mutex_lock(&p->lock);
	slot *s = &p->slot[job->index % p->window];
	/* The ring is drained when this input's turn comes, and the input
	 * whose turn it is is always drained: this wait ends. */
	while (s->count == CLI_POOL_PARTS)
		pthread_cond_wait(&p->space, &p->lock);
	s->parts[(s->first + s->count) % CLI_POOL_PARTS] = part;
	s->count++;
	pthread_cond_broadcast(&p->ready);
	int stop = p->stop;
	pthread_mutex_unlock(&p->lock);
	return stop;
}

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
		cli_pool_job job = {p, i};
		void *r = p->work(p->ctx, i, &job);
		pthread_mutex_lock(&p->lock);
		p->slot[i % p->window].result = r;
		p->slot[i % p->window].done = 1;
		pthread_cond_broadcast(&p->ready);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static int run_inline(pool *p, cli_emit_fn emit)
{
	for (size_t i = 0; i < p->n; i++) {
		cli_pool_job job = {p, i};
		void *r = p->work(p->ctx, i, &job);
		if (p->stop) { /* a part's emit stopped the run */
			drop_it(p, r);
			return 1;
		}
		if (emit(p->ctx, i, r))
			return 1;
	}
	return 0;
}

/* An emit said stop: the workers start nothing new. */
static int stop_run(pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->space);
	pthread_mutex_unlock(&p->lock);
	return 1;
}

/* Take the slot's next part into *part (1), or wait until there is one;
 * 0 once its result is in and no part is left. With the lock held. */
static int take_part(pool *p, slot *s, void **part)
{
	while (!s->done && !s->count)
		pthread_cond_wait(&p->ready, &p->lock);
	if (!s->count)
		return 0;
	*part = s->parts[s->first];
	s->first = (s->first + 1) % CLI_POOL_PARTS;
	s->count--;
	pthread_cond_broadcast(&p->space); /* its worker may wait for room */
	return 1;
}

/* On the calling thread: every input's parts, then its result, in input
 * order; after a stop, what was made is dropped. */
static int emit_in_order(pool *p, cli_emit_fn emit)
{
	int rc = 0;
	for (size_t i = 0; i < p->n; i++) {
		slot *s = &p->slot[i % p->window];
		void *part;
		pthread_mutex_lock(&p->lock);
		if (p->stop && i >= p->next) { /* never started */
			pthread_mutex_unlock(&p->lock);
			break;
		}
		while (take_part(p, s, &part)) {
			int stopping = p->stop;
			pthread_mutex_unlock(&p->lock);
			if (stopping || !p->emit_part)
				drop_it(p, part);
			else if (p->emit_part(p->ctx, i, part))
				rc = stop_run(p);
			pthread_mutex_lock(&p->lock);
		}
		void *r = s->result;
		s->result = NULL;
		s->done = 0;
		p->emitted = i + 1;
		pthread_cond_broadcast(&p->space);
		int stopping = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (stopping)
			drop_it(p, r);
		else if (emit(p->ctx, i, r))
			rc = stop_run(p);
	}
	return rc;
}

int cli_pool_run(size_t n, unsigned jobs, cli_work_fn work, cli_emit_part_fn emit_part,
	cli_emit_fn emit, cli_drop_fn drop, void *ctx)
{
	pool p = {0};
	p.n = n;
	p.work = work;
	p.emit_part = emit_part;
	p.drop = drop;
	p.ctx = ctx;
	if (jobs <= 1 || n <= 1)
		return run_inline(&p, emit);
	if (jobs > n)
		jobs = (unsigned)n;
	p.window = (size_t)jobs * 4; /* room for one slow document among fast ones */
	p.slot = calloc(p.window, sizeof *p.slot);
	pthread_t *threads = calloc(jobs, sizeof *threads);
	if (!p.slot || !threads) {
		free(p.slot);
		free(threads);
		return -1;
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.space, NULL);
	p.threaded = 1; /* before any worker reads it */
	unsigned started = 0;
	while (started < jobs && pthread_create(&threads[started], NULL, worker, &p) == 0)
		started++;
	int rc;
	if (started == 0) {
		p.threaded = 0; /* no thread to be had: do it here */
		rc = run_inline(&p, emit);
	} else {
		rc = emit_in_order(&p, emit);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_cond_destroy(&p.space);
	pthread_cond_destroy(&p.ready);
	pthread_mutex_destroy(&p.lock);
	free(threads);
	free(p.slot);
	return rc;
}
