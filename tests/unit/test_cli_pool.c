/* SPDX-License-Identifier: MIT */
/* test_cli_pool.c — the CLI's worker pool (src/cli/pool.h): results come
 * back in input order whatever order the workers finish in; the work does
 * run in parallel; no more than jobs + window results are ever waiting;
 * a stop from `emit` starts nothing new and hands every result that was
 * made to `drop`; -j 1 runs on the calling thread. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "cli/pool.h"
#include "harness.h"

typedef struct ctx {
	size_t n, stop_at;
	atomic_size_t made, running, max_running, outstanding, max_outstanding;
	size_t emitted, dropped, next_expected;
	int out_of_order, wrong_value, on_other_thread;
	pthread_t caller;
} ctx;

static void bump_max(atomic_size_t *max, size_t v)
{
	size_t m = atomic_load(max);
	while (v > m && !atomic_compare_exchange_weak(max, &m, v))
		;
}

static void *work(void *arg, size_t i)
{
	ctx *c = arg;
	size_t r = atomic_fetch_add(&c->running, 1) + 1;
	bump_max(&c->max_running, r);
	/* uneven durations, so later inputs often finish first */
	struct timespec ts = {0, (long)((i * 7919) % 5) * 400000L};
	nanosleep(&ts, NULL);
	size_t *v = malloc(sizeof *v);
	*v = i * 3 + 1;
	atomic_fetch_add(&c->made, 1);
	size_t o = atomic_fetch_add(&c->outstanding, 1) + 1;
	bump_max(&c->max_outstanding, o);
	atomic_fetch_sub(&c->running, 1);
	if (!pthread_equal(pthread_self(), c->caller))
		c->on_other_thread = 1;
	return v;
}

static int emit(void *arg, size_t i, void *result)
{
	ctx *c = arg;
	size_t *v = result;
	if (i != c->next_expected)
		c->out_of_order = 1;
	if (!v || *v != i * 3 + 1)
		c->wrong_value = 1;
	c->next_expected = i + 1;
	c->emitted++;
	atomic_fetch_sub(&c->outstanding, 1);
	free(v);
	return c->stop_at && i == c->stop_at;
}

static void drop(void *arg, void *result)
{
	ctx *c = arg;
	c->dropped++;
	atomic_fetch_sub(&c->outstanding, 1);
	free(result);
}

static void run(ctx *c, size_t n, unsigned jobs, size_t stop_at, int *rc)
{
	*c = (ctx){0};
	c->n = n;
	c->stop_at = stop_at;
	c->caller = pthread_self();
	*rc = cli_pool_run(n, jobs, work, emit, drop, c);
}

int main(void)
{
	ctx c;
	int rc;

	/* four workers, 300 inputs: every result once, in order */
	run(&c, 300, 4, 0, &rc);
	INT_EQ(rc, 0);
	INT_EQ(c.emitted, 300);
	INT_EQ(c.dropped, 0);
	OK(!c.out_of_order);
	OK(!c.wrong_value);
	OK(c.on_other_thread);
	OK(atomic_load(&c.max_running) > 1); /* sleeping work overlaps even on one CPU */
	/* the bound: window (4 x jobs) + one finishing per worker */
	OK(atomic_load(&c.max_outstanding) <= 4 * 4 + 4);

	/* a stop at input 20: nothing after it is emitted, nothing leaks */
	run(&c, 300, 4, 20, &rc);
	INT_EQ(rc, 1);
	INT_EQ(c.emitted, 21);
	INT_EQ(atomic_load(&c.made), c.emitted + c.dropped);
	OK(atomic_load(&c.made) <= 21 + 4 * 4 + 4);
	OK(!c.out_of_order);

	/* -j 1: on the calling thread, in order; a stop stops at once */
	run(&c, 50, 1, 0, &rc);
	INT_EQ(rc, 0);
	INT_EQ(c.emitted, 50);
	OK(!c.on_other_thread);
	OK(!c.out_of_order);
	run(&c, 50, 1, 9, &rc);
	INT_EQ(rc, 1);
	INT_EQ(c.emitted, 10);
	INT_EQ(atomic_load(&c.made), 10);

	/* more workers than inputs, and no input at all */
	run(&c, 3, 16, 0, &rc);
	INT_EQ(rc, 0);
	INT_EQ(c.emitted, 3);
	OK(!c.out_of_order);
	run(&c, 0, 4, 0, &rc);
	INT_EQ(rc, 0);
	INT_EQ(c.emitted, 0);
	return TEST_DONE();
}
