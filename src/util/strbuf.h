/* SPDX-License-Identifier: MIT */
/*
 * strbuf.h — a growable NUL-terminated byte buffer on the heap.
 * A failed append sets `failed` and leaves the buffer as it was, so a run of
 * appends can be checked once at the end.
 */
#ifndef ARGRAPH_UTIL_STRBUF_H
#define ARGRAPH_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *data; /* NUL-terminated when len > 0 or after any append */
	size_t len, cap;
	int failed;
} strbuf;

void strbuf_append(strbuf *b, const char *s, size_t n);
/* Make room for `extra` more bytes (plus the NUL) and return b->data, or
 * NULL when that fails (and `failed` is set). For writers that fill the
 * buffer themselves: they advance `len` and put the NUL back. */
char *strbuf_grow(strbuf *b, size_t extra);
void strbuf_puts(strbuf *b, const char *s);
void strbuf_putc(strbuf *b, char c);
/* v in decimal, without printf's cost (ids are built a million times). */
void strbuf_put_size(strbuf *b, size_t v);
/* v in decimal into buf (at least 21 bytes), NUL-terminated; returns buf. */
char *strbuf_size_str(char *buf, size_t v);
void strbuf_printf(strbuf *b, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;
void strbuf_vprintf(strbuf *b, const char *fmt, va_list ap)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 0)))
#endif
	;
/* "" when empty, never NULL. */
const char *strbuf_cstr(const strbuf *b);
void strbuf_reset(strbuf *b);
void strbuf_release(strbuf *b);
/* Hand the heap string to the caller (caller frees); buffer becomes empty. */
char *strbuf_detach(strbuf *b);

#endif
