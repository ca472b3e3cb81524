/* SPDX-License-Identifier: MIT */
/*
 * arena.h — a region allocator. Every document and graph owns one; all of
 * its strings and records live there and go away with one free.
 *
 * With ARGRAPH_DEBUG_ARENA defined, every allocation is its own malloc
 * (kept on a list), so AddressSanitizer and valgrind see overruns that a
 * bump allocator would hide.
 */
#ifndef ARGRAPH_UTIL_ARENA_H
#define ARGRAPH_UTIL_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head; /* newest block first */
} arena;

void arena_init(arena *a);
void arena_release(arena *a);
/* Zeroed, max-aligned memory; NULL on overflow or out of memory. */
void *arena_alloc(arena *a, size_t size);
/* As arena_alloc, but not zeroed: for a record the caller fills in whole
 * at once (a compound literal costs less than a memset call for records
 * made by the hundred thousand). */
void *arena_alloc_uninit(arena *a, size_t size);
/* `size` bytes with no alignment and not zeroed (packed after the last
 * string): for callers that lay out strings of their own. NULL on
 * overflow or out of memory. */
void *arena_alloc_bytes(arena *a, size_t size);
/* Grow `p`, `old` bytes from arena_alloc_bytes(), to `size` bytes in
 * place: 1 done, 0 not possible (`p` is not the newest allocation of the
 * newest block, or the block is full; the caller allocates anew). For a
 * string received in pieces, which then need not be gathered elsewhere
 * first. */
int arena_extend_bytes(arena *a, void *p, size_t old, size_t size);
/* Copy of s (NUL-terminated); NULL s gives NULL. */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);

#endif
