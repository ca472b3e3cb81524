/* SPDX-License-Identifier: MIT */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash_n(const char *s, size_t n)
{
	/* Eight bytes a step (byte-at-a-time FNV-1a was the largest single
	 * cost of a merge, which hashes every string of every input). Only
	 * equality of keys depends on it: nothing iterates a map in hash
	 * order, so no output does. */
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xC2B2AE3D27D4EB4Full);
	while (n >= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 29;
	h *= 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 32);
}

uint64_t strmap_hash(const char *s)
{
	return strmap_hash_n(s, strlen(s));
}

static const strmap_slot *find(const strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		if (!m->slots[i].key)
			return NULL;
		if (m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
	}
}

size_t strmap_get_hashed(const strmap *m, const char *key, uint64_t h)
{
	if (!m->cap || !key)
		return (size_t)-1;
	const strmap_slot *s = find(m, key, h);
	return s ? s->value : (size_t)-1;
}

size_t strmap_get(const strmap *m, const char *key)
{
	if (!m->cap || !key)
		return (size_t)-1;
	return strmap_get_hashed(m, key, strmap_hash(key));
}

const char *strmap_find_key(const strmap *m, const char *key, uint64_t h)
{
	if (!m->cap || !key)
		return NULL;
	const strmap_slot *s = find(m, key, h);
	return s ? s->key : NULL;
}

const char *strmap_find_key_n(const strmap *m, const char *s, size_t n, uint64_t h)
{
	if (!m->cap || !s)
		return NULL;
	size_t mask = m->cap - 1;
	for (size_t i = h & mask; m->slots[i].key; i = (i + 1) & mask) {
		const char *k = m->slots[i].key;
		/* strncmp, not memcmp: a shorter key ends before n bytes */
		if (m->slots[i].hash == h && strncmp(k, s, n) == 0 && k[n] == '\0')
			return k;
	}
	return NULL;
}

/* Rehash into `cap` slots (a power of two, above the count). */
static int rehash(strmap *m, size_t cap)
{
	if (cap > SIZE_MAX / sizeof(strmap_slot))
		return -1;
	strmap_slot *slots = calloc(cap, sizeof(strmap_slot));
	if (!slots)
		return -1;
	for (size_t j = 0; j < m->cap; j++) {
		if (!m->slots[j].key)
			continue;
		size_t i = m->slots[j].hash & (cap - 1);
		while (slots[i].key)
			i = (i + 1) & (cap - 1);
		slots[i] = m->slots[j];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

static int grow(strmap *m)
{
	return rehash(m, m->cap ? m->cap * 2 : 64);
}

int strmap_reserve(strmap *m, size_t n)
{
	if (!n)
		return 0; /* room for no key: no table made */
	size_t cap = m->cap ? m->cap : 64;
	while (n * 4 > cap * 3) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	return cap == m->cap ? 0 : rehash(m, cap);
}

/* Set key (hash h) to value: replaced where the key is (unless
 * known_absent: no compares), else in the first free slot. */
static int put_at(strmap *m, const char *key, uint64_t h, size_t value, int known_absent)
{
	if ((m->len + 1) * 4 > m->cap * 3 && grow(m) < 0)
		return -1;
	size_t mask = m->cap - 1;
	size_t i = h & mask;
	for (; m->slots[i].key; i = (i + 1) & mask) {
		if (!known_absent && m->slots[i].hash == h && strcmp(m->slots[i].key, key) == 0) {
			m->slots[i].value = value;
			return 0;
		}
	}
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->slots[i].hash = h;
	m->len++;
	return 0;
}

int strmap_add_hashed(strmap *m, const char *key, uint64_t h, size_t value)
{
	return put_at(m, key, h, value, 1);
}

int strmap_put(strmap *m, const char *key, size_t value)
{
	return strmap_put_hashed(m, key, strmap_hash(key), value);
}

int strmap_put_hashed(strmap *m, const char *key, uint64_t h, size_t value)
{
	return put_at(m, key, h, value, 0);
}

void strmap_release(strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->len = m->cap = 0;
}
