/* SPDX-License-Identifier: MIT */
#include "strbuf.h"
#include "decimal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(strbuf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra > SIZE_MAX - b->len - 1) {
		b->failed = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

void strbuf_append(strbuf *b, const char *s, size_t n)
{
	if (reserve(b, n) < 0)
		return;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

char *strbuf_grow(strbuf *b, size_t extra)
{
	return reserve(b, extra) < 0 ? NULL : b->data;
}

void strbuf_puts(strbuf *b, const char *s) { strbuf_append(b, s, strlen(s)); }
void strbuf_putc(strbuf *b, char c) { strbuf_append(b, &c, 1); }

char *strbuf_size_str(char *buf, size_t v)
{
	*decimal_put(buf, v) = '\0';
	return buf;
}

void strbuf_put_size(strbuf *b, size_t v)
{
	if (reserve(b, decimal_len(v)) < 0)
		return;
	b->len = (size_t)(decimal_put(b->data + b->len, v) - b->data);
	b->data[b->len] = '\0';
}

void strbuf_vprintf(strbuf *b, const char *fmt, va_list ap)
{
	if (b->failed)
		return;
	/* Format into the free space first; only when that is too small,
	 * grow and format again (most calls fit: one pass, not two). */
	size_t room = b->cap - b->len;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		if (room)
			b->data[b->len] = '\0';
		b->failed = 1;
		return;
	}
	if ((size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (room)
		b->data[b->len] = '\0'; /* the truncated attempt is not kept */
	if (reserve(b, (size_t)n) < 0) {
		b->failed = 1;
		return;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *strbuf_cstr(const strbuf *b) { return b->data ? b->data : ""; }

void strbuf_reset(strbuf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

void strbuf_release(strbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

char *strbuf_detach(strbuf *b)
{
	char *d = b->data;
	if (!d)
		d = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return d;
}
