/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void clear(atomic_file *af)
{
	free(af->tmp_path);
	free(af->dest_path);
	af->fp = NULL;
	af->tmp_path = af->dest_path = NULL;
}

int atomic_file_open(atomic_file *af, const char *path)
{
	af->fp = NULL;
	af->tmp_path = af->dest_path = NULL;
	size_t n = strlen(path);
	af->dest_path = strdup(path);
	af->tmp_path = malloc(n + sizeof(".tmp.XXXXXX"));
	if (!af->dest_path || !af->tmp_path) {
		clear(af);
		errno = ENOMEM;
		return -1;
	}
	memcpy(af->tmp_path, path, n);
	memcpy(af->tmp_path + n, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	int fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		int e = errno;
		clear(af);
		errno = e;
		return -1;
	}
	/* mkstemp makes 0600; outputs are ordinary files. */
	mode_t um = umask(0);
	umask(um);
	(void)fchmod(fd, 0666 & ~um);
	af->fp = fdopen(fd, "wb");
	if (!af->fp) {
		int e = errno;
		close(fd);
		unlink(af->tmp_path);
		clear(af);
		errno = e;
		return -1;
	}
	return 0;
}

int atomic_file_commit(atomic_file *af)
{
	int ok = fflush(af->fp) == 0 && !ferror(af->fp) && fsync(fileno(af->fp)) == 0;
	int e = errno;
	if (fclose(af->fp) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	af->fp = NULL;
	if (ok && rename(af->tmp_path, af->dest_path) != 0) {
		ok = 0;
		e = errno;
	}
	if (!ok)
		unlink(af->tmp_path);
	clear(af);
	if (!ok) {
		errno = e ? e : EIO;
		return -1;
	}
	return 0;
}

void atomic_file_abort(atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->tmp_path)
		unlink(af->tmp_path);
	clear(af);
}

int atomic_file_write(const char *path, const void *data, size_t len)
{
	atomic_file af;
	if (atomic_file_open(&af, path) < 0)
		return -1;
	if (len && fwrite(data, 1, len, af.fp) != len) {
		int e = errno;
		atomic_file_abort(&af);
		errno = e ? e : EIO;
		return -1;
	}
	return atomic_file_commit(&af);
}
