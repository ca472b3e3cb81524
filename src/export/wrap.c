/* SPDX-License-Identifier: MIT */
#include "wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strbuf.h"
#include "../util/utf8.h"

size_t argraph_display_width(const char *text)
{
	size_t w = 0, i = 0, n = strlen(text);
	while (i < n)
		w += (size_t)utf8_cp_width(utf8_next(text, n, &i));
	return w;
}

/* Characters that must not start a line (kinsoku shori, minimal set). */
static int no_line_start(uint32_t cp)
{
	static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01,
		0xFF1F, 0xFF09, 0x300B, 0x300D, 0x300F, 0x201D, 0x2019, ',', '.', ';',
		':', '!', '?', ')', ']', 0x2026};
	for (size_t i = 0; i < sizeof set / sizeof *set; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* A token is a run of non-space non-CJK chars (a word), or one CJK char
 * (with any closing punctuation glued to it), or a space. */
typedef struct token {
	size_t begin, end, width;
	int space;
} token;

static token next_token(const char *t, size_t n, size_t i)
{
	token tk = {i, i, 0, 0};
	size_t j = i;
	uint32_t cp = utf8_next(t, n, &j);
	if (cp == ' ') {
		tk.end = j;
		tk.width = 1;
		tk.space = 1;
		return tk;
	}
	int wide = utf8_cp_width(cp) == 2 || utf8_cp_is_cjk(cp);
	tk.end = j;
	tk.width = (size_t)utf8_cp_width(cp);
	if (!wide) {
		/* a Latin word: up to a space or a CJK char */
		while (tk.end < n) {
			size_t k = tk.end;
			uint32_t c2 = utf8_next(t, n, &k);
			if (c2 == ' ' || utf8_cp_width(c2) == 2)
				break;
			tk.end = k;
			tk.width += (size_t)utf8_cp_width(c2);
		}
	}
	/* glue following closing punctuation so it never starts a line */
	while (tk.end < n) {
		size_t k = tk.end;
		uint32_t c2 = utf8_next(t, n, &k);
		if (!no_line_start(c2))
			break;
		tk.end = k;
		tk.width += (size_t)utf8_cp_width(c2);
	}
	return tk;
}

char *argraph_wrap(const char *text, unsigned columns, unsigned max_lines, const char *sep)
{
	if (columns < 4)
		columns = 4;
	strbuf out = {0};
	size_t n = strlen(text), i = 0, col = 0;
	unsigned lines = 1;
	int pending_space = 0;
	while (i < n) {
		token tk = next_token(text, n, i);
		i = tk.end;
		if (tk.space) {
			if (col)
				pending_space = 1;
			continue;
		}
		size_t need = tk.width + (size_t)pending_space;
		if (col && col + need > columns) {
			if (max_lines && lines == max_lines) {
				strbuf_puts(&out, "…");
				return out.failed ? (strbuf_release(&out), NULL) : strbuf_detach(&out);
			}
			strbuf_puts(&out, sep);
			lines++;
			col = 0;
			pending_space = 0;
		}
		if (pending_space) {
			strbuf_putc(&out, ' ');
			col++;
			pending_space = 0;
		}
		strbuf_append(&out, text + tk.begin, tk.end - tk.begin);
		col += tk.width;
	}
	if (out.failed) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out);
}
