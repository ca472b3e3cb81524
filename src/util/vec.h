/* SPDX-License-Identifier: MIT */
/*
 * vec.h — a growable array of pointers (heap, not arena: it reallocates).
 * Elements are borrowed; freeing the vec frees only its slots.
 */
#ifndef ARGRAPH_UTIL_VEC_H
#define ARGRAPH_UTIL_VEC_H

#include <stddef.h>

typedef struct ptrvec {
	void **items;
	size_t len, cap;
} ptrvec;

/* 0 on success, -1 on out of memory or overflow. */
int ptrvec_push(ptrvec *v, void *item);
void ptrvec_release(ptrvec *v);

/* Make room for at least `need` elements of `size` bytes in *items, whose
 * capacity is *cap (doubling, from `first`): the one growth rule of the
 * typed arrays kept by hand. 0, or -1 on out of memory or overflow (then
 * *items and *cap are unchanged). New slots are not zeroed. */
int vec_reserve(void **items, size_t *cap, size_t size, size_t need, size_t first);

#endif
