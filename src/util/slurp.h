/* SPDX-License-Identifier: MIT */
/*
 * slurp.h — read a whole input file into memory, safely: only regular
 * files (a directory, FIFO, device or socket is refused, and opening a
 * FIFO never waits for a writer), at most a given size (checked before
 * reading, and again while reading, in case the file grows).
 */
#ifndef ARGRAPH_UTIL_SLURP_H
#define ARGRAPH_UTIL_SLURP_H

#include <stddef.h>
#include <sys/types.h>

typedef enum slurp_result {
	SLURP_OK = 0,
	SLURP_OPEN,     /* open() or fstat() failed: see err */
	SLURP_NOT_FILE, /* not a regular file: see mode */
	SLURP_TOO_BIG,  /* over max_bytes: see size (0 if it grew while read) */
	SLURP_READ,     /* read() failed: see err */
	SLURP_NOMEM
} slurp_result;

typedef struct slurp_info {
	int err;        /* errno for SLURP_OPEN and SLURP_READ */
	mode_t mode;    /* file type for SLURP_NOT_FILE */
	long long size; /* file size as stat() saw it */
} slurp_info;

/* Read `path` (max_bytes 0 = no limit). On SLURP_OK *buf is malloc'd and
 * NUL-terminated (the caller frees it) and *len excludes the NUL. */
slurp_result slurp_file(const char *path, size_t max_bytes, char **buf, size_t *len,
	slurp_info *info);

/* "is a directory, not a file", "is a FIFO (named pipe), …" for a mode. */
const char *slurp_file_type(mode_t mode);

#endif
