/* SPDX-License-Identifier: MIT */
/*
 * wrap.h — label wrapping by display width (internal). Graphviz never wraps
 * labels, so we do: a CJK character counts two columns, Latin text breaks
 * only at spaces (a word longer than the width gets a line of its own),
 * CJK text breaks between any two characters except before closing
 * punctuation (，。、；：！？）》」』” and their ASCII kin).
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

/* Display width of a UTF-8 string in columns. */
size_t argraph_display_width(const char *text);

#endif
