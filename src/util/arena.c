/* SPDX-License-Identifier: MIT */
/* arena.c — see arena.h. Blocks grow geometrically up to 1 MiB. Records
 * are max-aligned, and zeroed unless asked for with arena_alloc_uninit;
 * strings are packed and only copied. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	arena_block *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};


void arena_init(arena *a) { a->head = NULL; }

void arena_release(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

#ifdef ARGRAPH_DEBUG_ARENA
void *arena_alloc(arena *a, size_t size)
{
	if (size > SIZE_MAX - sizeof(arena_block))
		return NULL;
	arena_block *b = calloc(1, sizeof(arena_block) + size);
	if (!b)
		return NULL;
	b->cap = b->used = size;
	b->next = a->head;
	a->head = b;
	return b->data;
}
static void *raw_alloc(arena *a, size_t size)
{
	return arena_alloc(a, size);
}
void *arena_alloc_uninit(arena *a, size_t size)
{
	return arena_alloc(a, size);
}
#else
/* A new block for `need` bytes (the head block has no room for them). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void *alloc_in_new_block(arena *a, size_t need)
{
	arena_block *b = a->head;
	size_t cap = b ? b->cap * 2 : 4096;
	if (cap > (1u << 20))
		cap = 1u << 20;
	if (cap < need)
		cap = need;
	arena_block *nb = malloc(sizeof(arena_block) + cap);
	if (!nb)
		return NULL;
	nb->cap = cap;
	nb->used = need;
	/* A big one-off allocation goes behind the current block so the
	 * current block's free space is not abandoned. */
	if (b && need > b->cap) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		a->head = nb;
	}
	return nb->data;
}

/* `size` bytes at an offset rounded up by `mask` (alignment - 1), not
 * zeroed. Strings take mask 0: they need no alignment, and packing them
 * keeps a graph's or a doc's text dense. The common case, room in the
 * head block, stays small enough to need no saved registers: it runs for
 * every node and string. */
static void *alloc_at(arena *a, size_t size, size_t mask)
{
	if (size > SIZE_MAX / 2)
		return NULL;
	size_t need = size ? size : 1;
	arena_block *b = a->head;
	if (!b)
		return alloc_in_new_block(a, need);
	size_t start = (b->used + mask) & ~mask;
	if (start > b->cap || b->cap - start < need)
		return alloc_in_new_block(a, need);
	b->used = start + need;
	return b->data + start;
}

void *arena_alloc(arena *a, size_t size)
{
	void *p = alloc_at(a, size, alignof(max_align_t) - 1);
	if (p)
		memset(p, 0, size ? size : 1);
	return p;
}

void *arena_alloc_uninit(arena *a, size_t size)
{
	return alloc_at(a, size, alignof(max_align_t) - 1);
}

static void *raw_alloc(arena *a, size_t size)
{
	return alloc_at(a, size, 0);
}
#endif

void *arena_alloc_bytes(arena *a, size_t size)
{
	return raw_alloc(a, size);
}

int arena_extend_bytes(arena *a, void *p, size_t old, size_t size)
{
#ifdef ARGRAPH_DEBUG_ARENA
	(void)a, (void)p, (void)old, (void)size;
	return 0; /* every allocation is its own malloc: the sanitizers see each */
#else
	/* Only the head block's newest allocation can grow: anything after
	 * it would be overwritten. A zero-size one holds one byte. */
	arena_block *b = a->head;
	size_t had = old ? old : 1, need = size ? size : 1;
	if (!b || size < old || (unsigned char *)p + had != b->data + b->used
	    || need - had > b->cap - b->used)
		return 0;
	b->used += need - had;
	return 1;
#endif
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	if (!s)
		return NULL;
	if (n == SIZE_MAX)
		return NULL;
	char *p = raw_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}
