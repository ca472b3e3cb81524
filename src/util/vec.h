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

#endif
