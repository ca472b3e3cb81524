/* SPDX-License-Identifier: MIT */
/*
 * render.c — the only user of gvc: layout and rendering to SVG/PNG/PDF.
 *
 * Layout runs in a forked child. Graphviz 2.42 can abort inside layout
 * (double free with clusters + edge labels, TECHNOTES §3.6) and leaks per
 * layout (§3.7); in a child an abort becomes an error message and the leak
 * dies with the process. The child renders into a temporary file in the
 * destination directory, and the parent renames it into place only when
 * the child succeeded, so a failed render never leaves a partial file.
 * Whatever Graphviz prints on stderr comes back as warnings.
 *
 * Output is reproducible: Graphviz's SVG and cairo's PNG depend only on the
 * graph, and the one varying byte run, the creation date cairo writes into
 * every PDF, is pinned after rendering (see pin_pdf_date).
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/export.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <graphviz/gvc.h>

#include "../util/atomic_file.h"
#include "../util/strbuf.h"
#include "dot_internal.h"

#define S(x) ((char *)(x))

static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi", NULL};
static const char *const formats[] = {"svg", "png", "pdf", "dot", "xdot", "json", "ps", "svg:cairo", "png:cairo", NULL};

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/*
 * cairo 1.16 stamps the current time into a PDF's Info dictionary as
 * "/CreationDate (D:YYYYMMDDHHMMSSZ)", and neither Graphviz nor that cairo
 * lets us set it, so two renders of one graph would differ. Overwrite the
 * 14 digits in place (same length: no offset in the file moves) with
 * $SOURCE_DATE_EPOCH, the reproducible-builds convention, or the epoch.
 * Returns 0, or -1 when the file cannot be read or written.
 */
static int pin_pdf_date(const char *path)
{
	static const char key[] = "/CreationDate (D:";
	const size_t klen = sizeof key - 1, dlen = 14;
	time_t when = 0;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end = NULL;
		long long t = strtoll(sde, &end, 10);
		if (end && !*end && t >= 0)
			when = (time_t)t;
	}
	struct tm tm;
	char stamp[32];
	if (!gmtime_r(&when, &tm) || strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm) != dlen)
		return -1;
	FILE *f = fopen(path, "r+b");
	if (!f)
		return -1;
	int rc = -1;
	char *buf = NULL;
	long size;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto done;
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
		goto done;
	rc = 0; /* no stamp (another PDF writer): nothing to pin */
	for (size_t i = 0; i + klen + dlen <= (size_t)size; i++) {
		if (memcmp(buf + i, key, klen) != 0)
			continue;
		if (fseek(f, (long)(i + klen), SEEK_SET) != 0 || fwrite(stamp, 1, dlen, f) != dlen)
			rc = -1;
		break;
	}
done:
	free(buf);
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Child: build, lay out, render; exit 0 on success. */
static void child_render(const argraph_graph *g, const argraph_dot_options *opts,
	const char *format, const char *engine, const char *path)
{
	/* a layout that runs for hours is stopped by SIGALRM's default action */
	if (opts && opts->version >= 2 && opts->render_timeout) {
		signal(SIGALRM, SIG_DFL); /* even if the caller ignores it */
		alarm(opts->render_timeout);
	}
	GVC_t *gvc = gvContext();
	Agraph_t *ag = argraph_dot__build(g, opts, engine, NULL);
	if (!gvc || !ag)
		_exit(2);
	/* dpi scales the drawing, and in SVG it would scale the content but not
	 * the viewBox (2.42), so it is set for bitmaps only, never in the DOT */
	if (strncmp(format, "png", 3) == 0) {
		char dpi[16];
		snprintf(dpi, sizeof dpi, "%d", ARGRAPH_PNG_DPI);
		agsafeset(ag, S("dpi"), dpi, S(""));
	}
	if (gvLayout(gvc, ag, S(engine)) != 0)
		_exit(3);
	if (gvRenderFilename(gvc, ag, S(format), S(path)) != 0)
		_exit(4);
	if (strncmp(format, "pdf", 3) == 0 && pin_pdf_date(path) != 0)
		_exit(5);
	gvFreeLayout(gvc, ag);
	agclose(ag);
	gvFreeContext(gvc);
	_exit(0);
}

argraph_status argraph_render_file(const argraph_graph *g, const argraph_dot_options *opts,
	const char *format, const char *engine, const char *path, argraph_diags *diags)
{
	argraph_pos pos = {path, 0, 0, NULL};
	if (!engine)
		engine = "dot";
	if (!in_list(engine, engines)) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "render.engine", NULL,
			"unknown layout engine \"%s\" (dot, neato, fdp, sfdp, circo, twopi)", engine);
		return ARGRAPH_EINVALID;
	}
	if (!in_list(format, formats)) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "render.format", NULL,
			"unknown output format \"%s\" (svg, png, pdf, dot)", format);
		return ARGRAPH_EINVALID;
	}
	atomic_file af;
	if (atomic_file_open(&af, path) < 0) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.write", &pos,
			"cannot create: %s", strerror(errno));
		return ARGRAPH_EIO;
	}
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		atomic_file_abort(&af);
		return ARGRAPH_EIO;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		atomic_file_abort(&af);
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "render.fork", NULL,
			"cannot start the renderer: %s", strerror(errno));
		return ARGRAPH_ERROR;
	}
	if (pid == 0) {
		close(pipefd[0]);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[1]);
		child_render(g, opts, format, engine, af.tmp_path);
	}
	close(pipefd[1]);
	strbuf msgs = {0};
	char chunk[4096];
	for (;;) {
		ssize_t r = read(pipefd[0], chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (msgs.len < 65536)
			strbuf_append(&msgs, chunk, (size_t)r);
	}
	close(pipefd[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	for (const char *s = strbuf_cstr(&msgs); *s;) {
		size_t n = strcspn(s, "\n");
		if (n)
			argraph_diags_add(diags, ARGRAPH_SEV_WARNING, "graphviz", &pos, "%.*s", (int)n, s);
		s += n + (s[n] == '\n');
	}
	strbuf_release(&msgs);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		atomic_file_abort(&af);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "render.timeout", &pos,
				"the %s layout did not finish in %u s; nothing was written (draw fewer nodes "
				"with --top, or use --engine sfdp)", engine, opts->render_timeout);
		else if (WIFSIGNALED(status))
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "render.crash", &pos,
				"Graphviz crashed (signal %d) while laying out with %s; nothing was written",
				WTERMSIG(status), engine);
		else
			argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "render.failed", &pos,
				"Graphviz could not render %s with %s (exit %d); nothing was written",
				format, engine, WEXITSTATUS(status));
		return ARGRAPH_ERROR;
	}
	/* The child wrote the temp file by name; our handle is empty. */
	if (atomic_file_commit(&af) < 0) {
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.write", &pos,
			"cannot write: %s", strerror(errno));
		return ARGRAPH_EIO;
	}
	return ARGRAPH_OK;
}

argraph_status argraph_write_file_atomic(const char *path, const void *data, size_t len,
	argraph_diags *diags)
{
	if (atomic_file_write(path, data, len) < 0) {
		argraph_pos pos = {path, 0, 0, NULL};
		argraph_diags_add(diags, ARGRAPH_SEV_ERROR, "io.write", &pos,
			"cannot write: %s", strerror(errno));
		return ARGRAPH_EIO;
	}
	return ARGRAPH_OK;
}
