/* SPDX-License-Identifier: MIT */
/*
 * wrap.c — label wrapping by display width (see wrap.h for the rules).
 *
 * The text is cut into unbreakable tokens first (a Latin word, one CJK
 * character, with any punctuation that must stay with it), then lines are
 * filled greedily. When a token does not fit, the line goes back to its
 * last preferred break (after ，。；、：！？ or at a space) if that keeps
 * the line at least half full; otherwise it breaks right before the token.
 * That keeps clauses together in Chinese without leaving short lines.
 * Graphviz sizes nodes from the real font metrics, so the widths here only
 * need to be close.
 */
#include "wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/strbuf.h"
#include "../util/utf8.h"

#define ELLIPSIS "…"
#define ELLIPSIS_WIDTH 2

/* Columns as drawn in the CJK font the diagrams use: the curly quotes and
 * the ellipsis are East-Asian-Ambiguous (1 column to wcwidth) but Noto Sans
 * CJK SC draws them full-width (TECHNOTES §3.5). */
static size_t cp_width(uint32_t cp)
{
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0x2026)
		return 2;
	return (size_t)utf8_cp_width(cp);
}

size_t argraph_display_width(const char *text)
{
	size_t w = 0, i = 0, n = strlen(text);
	while (i < n)
		w += cp_width(utf8_next(text, n, &i));
	return w;
}

static int in_set(uint32_t cp, const uint32_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* Characters that must not start a line (kinsoku shori, minimal set). */
static int no_line_start(uint32_t cp)
{
	static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01,
		0xFF1F, 0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019, ',', '.', ';',
		':', '!', '?', ')', ']', 0x2026, 0x00B7, 0x30FB};
	return in_set(cp, set, sizeof set / sizeof *set);
}

/* Characters that must not end a line. */
static int no_line_end(uint32_t cp)
{
	static const uint32_t set[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x201C, 0x2018,
		'(', '['};
	return in_set(cp, set, sizeof set / sizeof *set);
}

/* Where a Chinese line likes to end: after a clause. */
static int clause_end(uint32_t cp)
{
	static const uint32_t set[] = {0xFF0C, 0x3002, 0xFF1B, 0x3001, 0xFF1A, 0xFF01, 0xFF1F};
	return in_set(cp, set, sizeof set / sizeof *set);
}

typedef struct token {
	size_t begin, end, width;
	int space;       /* a run of white space */
	int clause_end;  /* ends in ，。；、：！？ */
} token;

static int is_wide(uint32_t cp)
{
	return utf8_cp_width(cp) == 2 || utf8_cp_is_cjk(cp);
}

/* One token starting at byte i. */
static token next_token(const char *t, size_t n, size_t i)
{
	token tk = {i, i, 0, 0, 0};
	size_t j = i;
	uint32_t cp = utf8_next(t, n, &j);
	if (utf8_cp_is_space(cp)) {
		tk.end = j;
		while (tk.end < n) {
			size_t k = tk.end;
			if (!utf8_cp_is_space(utf8_next(t, n, &k)))
				break;
			tk.end = k;
		}
		tk.width = 1;
		tk.space = 1;
		return tk;
	}
	/* opening punctuation stays with what follows it */
	while (no_line_end(cp) && j < n) {
		size_t k = j;
		uint32_t c2 = utf8_next(t, n, &k);
		if (utf8_cp_is_space(c2))
			break;
		tk.width += cp_width(cp);
		cp = c2;
		j = k;
	}
	tk.end = j;
	tk.width += cp_width(cp);
	uint32_t last = cp;
	if (!is_wide(cp)) {
		/* a Latin word or a number: up to a space or a wide character */
		while (tk.end < n) {
			size_t k = tk.end;
			uint32_t c2 = utf8_next(t, n, &k);
			if (utf8_cp_is_space(c2) || is_wide(c2))
				break;
			tk.end = k;
			tk.width += cp_width(c2);
			last = c2;
		}
	}
	/* closing punctuation stays with what precedes it */
	while (tk.end < n) {
		size_t k = tk.end;
		uint32_t c2 = utf8_next(t, n, &k);
		if (!no_line_start(c2))
			break;
		tk.end = k;
		tk.width += cp_width(c2);
		last = c2;
	}
	tk.clause_end = clause_end(last);
	return tk;
}

/* Index of the first token of the line after the one starting at `start`. */
static size_t line_break(const token *tk, size_t n, size_t start, size_t columns)
{
	size_t col = 0, pref = 0, pref_col = 0;
	int pending_space = 0;
	for (size_t i = start; i < n; i++) {
		if (tk[i].space) {
			if (col) {
				pending_space = 1;
				pref = i;
				pref_col = col;
			}
			continue;
		}
		size_t need = tk[i].width + (size_t)pending_space;
		if (col && col + need > columns) {
			if (pref > start && pref_col * 2 >= columns)
				return pref;
			return i;
		}
		col += need;
		pending_space = 0;
		if (tk[i].clause_end) {
			pref = i + 1;
			pref_col = col;
		}
	}
	return n;
}

/* Append tokens [a, b) as one line: spaces collapsed, none at either end.
 * Returns the line's width. */
static size_t put_line(strbuf *out, const char *text, const token *tk, size_t a, size_t b)
{
	size_t w = 0;
	int pending_space = 0;
	for (size_t i = a; i < b; i++) {
		if (tk[i].space) {
			pending_space = w > 0;
			continue;
		}
		if (pending_space) {
			strbuf_putc(out, ' ');
			w++;
			pending_space = 0;
		}
		strbuf_append(out, text + tk[i].begin, tk[i].end - tk[i].begin);
		w += tk[i].width;
	}
	return w;
}

/* Width of tokens [a, b) as put_line would write them. */
static size_t line_width(const token *tk, size_t a, size_t b)
{
	size_t w = 0;
	int pending_space = 0;
	for (size_t i = a; i < b; i++) {
		if (tk[i].space) {
			pending_space = w > 0;
			continue;
		}
		w += tk[i].width + (size_t)pending_space;
		pending_space = 0;
	}
	return w;
}

/* The last line of a cut label: make room for the ellipsis, and drop a
 * clause-ending comma or the like that would sit right before it. */
static void put_last_line(strbuf *out, const char *text, token *tk, size_t a, size_t b,
	size_t columns)
{
	while (b > a && tk[b - 1].space)
		b--;
	while (b - a > 1 && line_width(tk, a, b) + ELLIPSIS_WIDTH > columns) {
		b--;
		while (b > a && tk[b - 1].space)
			b--;
	}
	if (b > a && tk[b - 1].clause_end) {
		/* cut the final mark off the token (tk is our own copy) */
		token *last = &tk[b - 1];
		size_t k = last->end - 1;
		while (k > last->begin && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		if (k > last->begin) {
			size_t q = k;
			last->width -= cp_width(utf8_next(text, last->end, &q));
			last->end = k;
		}
	}
	put_line(out, text, tk, a, b);
	strbuf_puts(out, ELLIPSIS);
}

/* How many lines the tokens take at this width. */
static unsigned count_lines(const token *tk, size_t ntok, size_t columns)
{
	unsigned lines = 0;
	size_t start = 0;
	while (start < ntok && tk[start].space)
		start++;
	while (start < ntok) {
		start = line_break(tk, ntok, start, columns);
		while (start < ntok && tk[start].space)
			start++;
		lines++;
	}
	return lines;
}

/*
 * The narrowest width that still needs no more lines than `columns` does:
 * "需要占据权力优势地位的国家做出一定利益权|衡" becomes two even lines
 * instead of a long one and a single character.
 */
static size_t balanced_width(const token *tk, size_t ntok, size_t columns, unsigned max_lines)
{
	unsigned lines = count_lines(tk, ntok, columns);
	if (lines < 2 || (max_lines && lines > max_lines))
		return columns;
	size_t total = line_width(tk, 0, ntok);
	size_t lo = (total + lines - 1) / lines;
	for (size_t c = lo < 4 ? 4 : lo; c < columns; c++)
		if (count_lines(tk, ntok, c) <= lines)
			return c;
	return columns;
}

char *argraph_wrap(const char *text, unsigned columns, unsigned max_lines, const char *sep)
{
	if (columns < 4)
		columns = 4;
	strbuf out = {0};
	size_t n = strlen(text), ntok = 0, cap = 0;
	token *tk = NULL;
	for (size_t i = 0; i < n;) {
		if (ntok == cap) {
			cap = cap ? cap * 2 : 64;
			token *nt = realloc(tk, cap * sizeof *nt);
			if (!nt) {
				free(tk);
				return NULL;
			}
			tk = nt;
		}
		tk[ntok] = next_token(text, n, i);
		i = tk[ntok++].end;
	}
	size_t width = balanced_width(tk, ntok, columns, max_lines);
	size_t start = 0;
	while (start < ntok && tk[start].space)
		start++;
	unsigned lines = 0;
	while (start < ntok) {
		size_t next = line_break(tk, ntok, start, width);
		size_t after = next;
		while (after < ntok && tk[after].space)
			after++;
		if (lines)
			strbuf_puts(&out, sep);
		lines++;
		if (max_lines && lines == max_lines && after < ntok) {
			put_last_line(&out, text, tk, start, next, width);
			break;
		}
		put_line(&out, text, tk, start, next);
		start = after;
	}
	free(tk);
	if (out.failed) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out);
}
