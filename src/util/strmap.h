/* SPDX-License-Identifier: MIT */
/*
 * strmap.h — string → size_t hash map (open addressing).
 * Keys are borrowed: the caller keeps them alive (they live in an arena).
 */
#ifndef ARGRAPH_UTIL_STRMAP_H
#define ARGRAPH_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct strmap_slot {
	const char *key;
	size_t value;
	uint64_t hash; /* of key: probes compare it before the strings, and
	                  growing does not hash again */
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots;
	size_t len, cap; /* cap is 0 or a power of two */
} strmap;

/* Value for key, or (size_t)-1 when absent. */
size_t strmap_get(const strmap *m, const char *key);
/* The hash the map uses, for the _hashed calls below: a caller that
 * looks a key up and then inserts it hashes it once. */
uint64_t strmap_hash(const char *key);
/* The same hash of n bytes (no NUL needed): for tables of their own that
 * must agree with nothing but themselves (merge's interned strings). */
uint64_t strmap_hash_n(const char *s, size_t n);
/* strmap_get with the key's hash already known. */
size_t strmap_get_hashed(const strmap *m, const char *key, uint64_t hash);
/* The stored key equal to `key` (with its hash), or NULL: for maps used as
 * a set of interned strings. */
const char *strmap_find_key(const strmap *m, const char *key, uint64_t hash);
/* strmap_find_key for the n bytes at s (no NUL needed; none inside), with
 * their strmap_hash_n: for interning slices of a larger text. */
const char *strmap_find_key_n(const strmap *m, const char *s, size_t n, uint64_t hash);
/* strmap_put with the key's hash already known. */
int strmap_put_hashed(strmap *m, const char *key, uint64_t hash, size_t value);
/* strmap_put_hashed for a key known to be absent: no comparisons. */
int strmap_add_hashed(strmap *m, const char *key, uint64_t hash, size_t value);
/* Room for n keys in all without growing (one table, not a series of
 * doubled ones rehashed in turn). 0 ok, -1 out of memory. */
int strmap_reserve(strmap *m, size_t n);
/* Insert or replace. 0 ok, -1 out of memory. */
int strmap_put(strmap *m, const char *key, size_t value);
void strmap_release(strmap *m);

#endif
