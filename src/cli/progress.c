/* SPDX-License-Identifier: MIT */
/* progress.c — the progress line (progress.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <unistd.h>

#include "progress.h"

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void cli_progress_start(cli_progress *p, const char *what, size_t total, int quiet)
{
	*p = (cli_progress){0};
	p->what = what;
	p->total = total;
	p->on = !quiet && isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

static void draw(cli_progress *p, const struct timespec *now)
{
	double t = seconds_between(&p->start, now);
	double mb = (double)p->bytes / 1e6;
	unsigned secs = (unsigned)t;
	/* \033[K erases what a longer earlier line left at the end */
	fprintf(stderr, "\r%s: %zu/%zu documents  %.1f MB  %.1f MB/s  %u:%02u\033[K", p->what, p->done,
		p->total, mb, t > 0 ? mb / t : 0.0, secs / 60, secs % 60);
	fflush(stderr);
	p->drawn = 1;
	p->last = *now;
}

void cli_progress_step(cli_progress *p, uint64_t bytes)
{
	p->done++;
	p->bytes += bytes;
	if (!p->on)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (p->done == p->total || !p->drawn || seconds_between(&p->last, &now) >= 0.1)
		draw(p, &now);
}

void cli_progress_clear(cli_progress *p)
{
	if (p->on && p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

void cli_progress_end(cli_progress *p)
{
	cli_progress_clear(p);
	p->on = 0;
}
