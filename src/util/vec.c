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

void ptrvec_release(ptrvec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}
