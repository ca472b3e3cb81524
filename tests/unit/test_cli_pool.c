/* SPDX-License-Identifier: MIT */
/* test_cli_pool.c — the CLI's worker pool (src/cli/pool.h): results come
 * back in input order whatever order the workers finish in; the work does
 * run in parallel; no more than jobs + window results are ever waiting;
 * a stop from `emit` starts nothing new and hands every result that was
 * made to `drop`; -j 1 runs on the calling thread. Parts (cli_pool_part):
 * every part of an input, in the order given, then its result, before
 * anything of the next input, for any number of workers and any timing;
 * the parts waiting are bounded; a stop at a part hands every part and
 * result made to `emit` or `drop`, exactly once; inline, a part is
 * emitted at once. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/pool.h"
#include "harness.h"

typedef struct ctx {
	size_t n, stop_at;
	atomic_size_t made, running, max_running, outstanding, max_outstanding;
	size_t emitted, dropped, next_expected;
	int out_of_order, wrong_value;
	atomic_int on_other_thread; /* set by any worker */
	pthread_t caller;
} ctx;

static void bump_max(atomic_size_t *max, size_t v)
{
	size_t m = atomic_load(max);
	while (v > m && !atomic_compare_exchange_weak(max, &m, v))
		;
}

static void *work(void *arg, size_t i, cli_pool_job *job)
{
	(void)job;
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
		atomic_store(&c->on_other_thread, 1);
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
	*rc = cli_pool_run(n, jobs, work, NULL, emit, drop, c);
}

/* ---- parts ---- */

#define P_MAX_INPUTS 64
#define P_MAX_PARTS 9 /* parts of one input; one more cell for its result */

/* A part (j < its input's part count) or a result (j == the count). */
typedef struct piece {
	size_t i, j;
	int handled; /* emitted or dropped: how many times */
} piece;

typedef struct pctx {
	size_t n, n_parts[P_MAX_INPUTS];
	unsigned seed;
	long max_delay_ns;
	size_t stop_i, stop_j;          /* stop when (stop_i, stop_j) is emitted; stop_i == n: never */
	piece *made[P_MAX_INPUTS][P_MAX_PARTS + 1];
	size_t seq[P_MAX_INPUTS * (P_MAX_PARTS + 1)][2]; /* what was emitted, in order */
	size_t n_seq, dropped;
	atomic_size_t outstanding, max_outstanding;
	int wrong_index, not_at_once;
	atomic_int on_other_thread;
	pthread_t caller;
} pctx;

/* A small PRNG per input and part, so timing differs run to run of the
 * loop but each cell's value is its own (no shared state between threads). */
static unsigned mix(unsigned x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	return x ^ (x >> 16);
}

static void random_pause(const pctx *c, size_t i, size_t j)
{
	if (!c->max_delay_ns)
		return;
	struct timespec ts = {0, (long)(mix(c->seed ^ (unsigned)(i * 131 + j)) % (unsigned)c->max_delay_ns)};
	nanosleep(&ts, NULL);
}

static piece *make_piece(pctx *c, size_t i, size_t j)
{
	piece *p = calloc(1, sizeof *p);
	p->i = i;
	p->j = j;
	c->made[i][j] = p; /* each cell written by one worker only */
	bump_max(&c->max_outstanding, atomic_fetch_add(&c->outstanding, 1) + 1);
	return p;
}

static void *pwork(void *arg, size_t i, cli_pool_job *job)
{
	pctx *c = arg;
	if (!pthread_equal(pthread_self(), c->caller))
		atomic_store(&c->on_other_thread, 1);
	for (size_t j = 0; j < c->n_parts[i]; j++) {
		random_pause(c, i, j);
		cli_pool_part(job, make_piece(c, i, j));
	}
	random_pause(c, i, P_MAX_PARTS);
	return make_piece(c, i, c->n_parts[i]);
}

/* Record it; it stays allocated (and counted) until the run is checked. */
static int pemit_any(pctx *c, size_t i, piece *p)
{
	if (p->i != i)
		c->wrong_index = 1;
	p->handled++;
	c->seq[c->n_seq][0] = p->i;
	c->seq[c->n_seq][1] = p->j;
	c->n_seq++;
	atomic_fetch_sub(&c->outstanding, 1);
	return p->i == c->stop_i && p->j == c->stop_j;
}

static int pemit_part(void *arg, size_t i, void *part)
{
	pctx *c = arg;
	piece *p = part;
	if (p->j >= c->n_parts[i])
		c->wrong_index = 1; /* a result passed as a part */
	/* inline, a part is emitted while its worker is still at it: it is
	 * the only piece not yet emitted */
	if (pthread_equal(pthread_self(), c->caller) && !atomic_load(&c->on_other_thread)
	    && atomic_load(&c->outstanding) != 1)
		c->not_at_once = 1;
	return pemit_any(c, i, p);
}

static int pemit(void *arg, size_t i, void *result)
{
	pctx *c = arg;
	piece *p = result;
	if (p->j != c->n_parts[i])
		c->wrong_index = 1; /* a part passed as the result */
	return pemit_any(c, i, p);
}

static void pdrop(void *arg, void *r)
{
	pctx *c = arg;
	((piece *)r)->handled++;
	c->dropped++;
	atomic_fetch_sub(&c->outstanding, 1);
}

/* Run n inputs with random part counts (0..P_MAX_PARTS) and delays;
 * returns the pool's code. */
static int prun(pctx *c, size_t n, unsigned jobs, unsigned seed, long max_delay_ns,
	size_t stop_i, size_t stop_j)
{
	memset(c, 0, sizeof *c);
	c->n = n;
	c->seed = seed;
	c->max_delay_ns = max_delay_ns;
	c->stop_i = stop_i;
	c->stop_j = stop_j;
	c->caller = pthread_self();
	for (size_t i = 0; i < n; i++)
		c->n_parts[i] = mix(seed * 7 + (unsigned)i) % (P_MAX_PARTS + 1);
	return cli_pool_run(n, jobs, pwork, pemit_part, pemit, pdrop, c);
}

/* The emitted sequence is the sequential one (each input's parts, then
 * its result), cut where the run stopped; every piece made was emitted or
 * dropped exactly once. Frees them. */
static int pcheck(pctx *c, size_t *n_made)
{
	size_t k = 0, bad = 0;
	for (size_t i = 0; i < c->n && k < c->n_seq; i++)
		for (size_t j = 0; j <= c->n_parts[i] && k < c->n_seq; j++, k++)
			bad += c->seq[k][0] != i || c->seq[k][1] != j;
	*n_made = 0;
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j <= P_MAX_PARTS; j++)
			if (c->made[i][j]) {
				bad += c->made[i][j]->handled != 1;
				free(c->made[i][j]);
				++*n_made;
			}
	return bad == 0 && k == c->n_seq && !c->wrong_index && atomic_load(&c->outstanding) == 0;
}

static void test_parts(void)
{
	static pctx c;
	size_t made, total;
	for (unsigned jobs = 1; jobs <= 4; jobs++) {
		for (unsigned seed = 1; seed <= 3; seed++) {
			INT_EQ(prun(&c, P_MAX_INPUTS, jobs, seed * 1000 + jobs, 300000L, P_MAX_INPUTS, 0), 0);
			total = 0;
			for (size_t i = 0; i < P_MAX_INPUTS; i++)
				total += c.n_parts[i] + 1;
			INT_EQ(c.n_seq, total); /* everything emitted ... */
			INT_EQ(c.dropped, 0);
			OK(pcheck(&c, &made));  /* ... in the sequential order, once */
			INT_EQ(made, total);
			OK(!c.not_at_once);
			OK(jobs == 1 ? !c.on_other_thread : c.on_other_thread);
			/* waiting: at most CLI_POOL_PARTS parts and a result per input
			 * in the window (4 x jobs), and the piece each worker holds
			 * (random timing seldom comes near it: test_part_bound makes
			 * the bound bite) */
			OK(atomic_load(&c.max_outstanding) <= (size_t)4 * jobs * (CLI_POOL_PARTS + 1) + jobs);
		}
	}

	/* a stop at a part: nothing after it emitted, the rest dropped, once */
	for (unsigned jobs = 1; jobs <= 4; jobs++) {
		prun(&c, P_MAX_INPUTS, jobs, 77, 0, 0, 0); /* to learn the part counts */
		pcheck(&c, &made);
		size_t si = 0;
		while (si < P_MAX_INPUTS - 1 && c.n_parts[si] < 2)
			si++;
		INT_EQ(prun(&c, P_MAX_INPUTS, jobs, 77, 200000L, si, 1), 1);
		OK(c.n_seq > 0 && c.seq[c.n_seq - 1][0] == si && c.seq[c.n_seq - 1][1] == 1);
		OK(pcheck(&c, &made));
		INT_EQ(made, c.n_seq + c.dropped);
		OK(c.dropped >= 1); /* at least si's own result */
	}

	/* one input on several workers runs inline: its parts at once */
	INT_EQ(prun(&c, 1, 4, 5, 0, 1, 0), 0);
	OK(!c.on_other_thread);
	OK(!c.not_at_once);
	OK(pcheck(&c, &made));
	INT_EQ(made, c.n_parts[0] + 1);
}

/* ---- the bound on waiting parts, made to bite ----
 * Input 0 does not finish until released; input 1 makes B_PARTS parts.
 * Input 1 is not at its turn, so its worker must stop at the part after
 * CLI_POOL_PARTS are waiting. A watcher thread waits until that many
 * have been made, gives the worker time to run on (it would make the rest
 * in microseconds), notes the count and releases input 0. */
#define B_PARTS (2 * CLI_POOL_PARTS + 2)

typedef struct bctx {
	atomic_int release;
	atomic_size_t made1; /* parts of input 1 made so far */
	size_t seen;          /* made1 just before the release */
	size_t emitted;
} bctx;

static void nap_ms(long ms)
{
	struct timespec ts = {0, ms * 1000000L};
	nanosleep(&ts, NULL);
}

static void *bwork(void *arg, size_t i, cli_pool_job *job)
{
	bctx *c = arg;
	if (i == 0)
		while (!atomic_load(&c->release))
			nap_ms(1);
	else
		for (size_t j = 0; j < B_PARTS; j++) {
			atomic_fetch_add(&c->made1, 1);
			cli_pool_part(job, malloc(1));
		}
	return malloc(1);
}

static int bemit(void *arg, size_t i, void *p)
{
	(void)i;
	((bctx *)arg)->emitted++;
	free(p);
	return 0;
}

static void bdrop(void *arg, void *p)
{
	(void)arg;
	free(p);
}

static void *bwatch(void *arg)
{
	bctx *c = arg;
	while (atomic_load(&c->made1) < CLI_POOL_PARTS + 1)
		nap_ms(1);
	nap_ms(100);
	c->seen = atomic_load(&c->made1);
	atomic_store(&c->release, 1);
	return NULL;
}

static void test_part_bound(void)
{
	static bctx c;
	pthread_t watcher;
	memset(&c, 0, sizeof c);
	INT_EQ(pthread_create(&watcher, NULL, bwatch, &c), 0);
	INT_EQ(cli_pool_run(2, 2, bwork, bemit, bemit, bdrop, &c), 0);
	pthread_join(watcher, NULL);
	/* CLI_POOL_PARTS waiting, and the one its worker was handing over */
	INT_EQ(c.seen, (size_t)CLI_POOL_PARTS + 1);
	INT_EQ(c.emitted, (size_t)B_PARTS + 2); /* then everything, once */
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

	test_parts();
	test_part_bound();
	return TEST_DONE();
}
