/* SPDX-License-Identifier: MIT */
/*
 * wrap.h — label wrapping by display width (internal). Graphviz never wraps
 * labels, so we do. A CJK character counts two columns (so do the curly
 * quotes and the ellipsis, which the CJK font draws full-width). Lines
 * break preferably after ，。；、：！？ or at a space, else between two CJK
 * characters; never inside a Latin word or number (a word longer than the
 * width gets a line of its own), never before closing punctuation
 * (，。、；：！？）》」』” and their ASCII kin) and never after opening
 * punctuation (（《「『“ and ASCII ( [).
 */
#ifndef ARGRAPH_EXPORT_WRAP_H
#define ARGRAPH_EXPORT_WRAP_H

#include <stddef.h>

/*
 * Wrap `text` to lines of at most `columns` display columns and join them
 * with `sep` (e.g. "\n" for a real newline or "\\n" for a DOT escape). At
 * most `max_lines` lines (0 = no limit); text beyond ends in "…".
 * Returns a malloc'd string, or NULL when out of memory.
 */
char *argraph_wrap(const char *text, unsigned columns, unsigned max_lines, const char *sep);

/* Display width of a UTF-8 string in columns, as the wrapper counts it. */
size_t argraph_display_width(const char *text);

#endif
