/* SPDX-License-Identifier: MIT */
/* slurp.c — whole-file reads of untrusted input paths. See slurp.h. */
#define _POSIX_C_SOURCE 200809L
#include "slurp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

const char *slurp_file_type(mode_t m)
{
	return S_ISDIR(m) ? "is a directory, not a file"
	     : S_ISFIFO(m) ? "is a FIFO (named pipe), not a regular file"
	     : S_ISCHR(m) ? "is a character device, not a regular file"
	     : S_ISBLK(m) ? "is a block device, not a regular file"
	     : S_ISSOCK(m) ? "is a socket, not a regular file"
	     : "is not a regular file";
}

slurp_result slurp_file(const char *path, size_t max_bytes, char **buf, size_t *len,
	slurp_info *info)
{
	slurp_result res = SLURP_OK;
	char *b = NULL;
	size_t cap, n = 0;
	*buf = NULL;
	*len = 0;
	info->err = 0;
	info->mode = 0;
	info->size = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it is
	 * refused just below); regular files ignore the flag. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		info->err = errno;
		return SLURP_OPEN;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		info->err = errno;
		res = SLURP_OPEN;
		goto done;
	}
	info->mode = sb.st_mode;
	info->size = (long long)sb.st_size;
	if (!S_ISREG(sb.st_mode)) {
		res = SLURP_NOT_FILE;
		goto done;
	}
	if (max_bytes && (uintmax_t)sb.st_size > max_bytes) {
		res = SLURP_TOO_BIG;
		goto done;
	}
	/* Room for the file, one byte more and the NUL: the read after the
	 * last byte then finds the end of the file without growing the
	 * buffer first (which copied every file once, 1% of the read). */
	if ((uintmax_t)sb.st_size > SIZE_MAX - 2) {
		res = SLURP_NOMEM;
		goto done;
	}
	cap = (size_t)sb.st_size + 2;
	if (!(b = malloc(cap))) {
		res = SLURP_NOMEM;
		goto done;
	}
	for (;;) {
		if (max_bytes && n > max_bytes) { /* the file grew while we read it */
			info->size = 0;
			res = SLURP_TOO_BIG;
			goto done;
		}
		if (n + 1 == cap) {
			char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
			if (!nb) {
				res = SLURP_NOMEM;
				goto done;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			info->err = errno;
			res = SLURP_READ;
			goto done;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
done:
	free(b);
	close(fd);
	return res;
}
