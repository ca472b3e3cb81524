/* SPDX-License-Identifier: MIT */
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>

int ptrvec_push(ptrvec *v, void *item)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		if (cap < v->cap || cap > SIZE_MAX / sizeof(void *))
			return -1;
		void **n = realloc(v->items, cap * sizeof(void *));
		if (!n)
			return -1;
		v->items = n;
		v->cap = cap;
	}
	v->items[v->len++] = item;
	return 0;
}

int vec_reserve(void **items, size_t *cap, size_t size, size_t need, size_t first)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : first;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		return -1;
	void *p = realloc(*items, n * size);
	if (!p)
		return -1;
	*items = p;
	*cap = n;
	return 0;
}

void ptrvec_release(ptrvec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}
