/* SPDX-License-Identifier: MIT */
/*
 * test_arena_uninit.c — arena_alloc_uninit (records the caller fills in
 * whole, no memset): mixed at random with zeroed records and packed
 * strings, every record is max-aligned, nothing overlaps (each allocation
 * is filled with its own pattern and all are checked at the end), and the
 * zeroed records are still zero when an uninitialised one came before.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/arena.h"

#define N 20000

int main(int argc, char **argv)
{
	test_seed(0x9E3779B97F4A7C15ull);
	arena a;
	arena_init(&a);
	unsigned char **p = calloc(N, sizeof *p);
	size_t *len = calloc(N, sizeof *len);
	size_t misaligned = 0, not_zero = 0, overwritten = 0;
	for (size_t i = 0; i < N; i++) {
		/* mostly small, now and then bigger than a block */
		size_t size = test_rnd(400) == 0 ? 4096 + test_rnd(1u << 20) : 1 + test_rnd(200);
		unsigned how = test_rnd(3);
		if (how == 0) {
			p[i] = arena_alloc_uninit(&a, size);
		} else if (how == 1) {
			p[i] = arena_alloc(&a, size);
			for (size_t k = 0; p[i] && k < size; k++)
				not_zero += p[i][k] != 0;
		} else {
			p[i] = arena_alloc_bytes(&a, size);
		}
		OK(p[i] != NULL);
		if (!p[i])
			break;
		if (how != 2 && (uintptr_t)p[i] % alignof(max_align_t) != 0)
			misaligned++;
		len[i] = size;
		memset(p[i], (int)(i * 131 % 251) + 1, size);
	}
	for (size_t i = 0; i < N && p[i]; i++)
		for (size_t k = 0; k < len[i]; k++)
			if (p[i][k] != (unsigned char)((int)(i * 131 % 251) + 1)) {
				overwritten++;
				break;
			}
	INT_EQ(misaligned, 0);
	INT_EQ(not_zero, 0);
	INT_EQ(overwritten, 0);
	arena_release(&a);
	free(p);
	free(len);
	return TEST_DONE();
}
