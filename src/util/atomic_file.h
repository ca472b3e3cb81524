/* SPDX-License-Identifier: MIT */
/*
 * atomic_file.h — write a file so that readers see either the old file or
 * the complete new one, never a half-written one: write a temporary file in
 * the same directory, fsync, then rename over the target.
 */
#ifndef ARGRAPH_UTIL_ATOMIC_FILE_H
#define ARGRAPH_UTIL_ATOMIC_FILE_H

#include <stdio.h>

typedef struct atomic_file {
	FILE *fp;        /* write here */
	char *tmp_path;  /* heap */
	char *dest_path; /* heap */
} atomic_file;

/* 0 ok; -1 with errno set. */
int atomic_file_open(atomic_file *af, const char *path);
/* Flush, fsync, rename. On failure the temp file is removed; -1 + errno. */
int atomic_file_commit(atomic_file *af);
/* Drop the temp file without touching the destination. */
void atomic_file_abort(atomic_file *af);
/* Convenience: write a whole buffer atomically. */
int atomic_file_write(const char *path, const void *data, size_t len);

#endif
