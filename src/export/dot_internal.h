/* SPDX-License-Identifier: MIT */
/* dot_internal.h — the cgraph graph built from an argraph graph (internal;
 * shared by dot.c, which writes it, and render.c, which lays it out). */
#ifndef ARGRAPH_EXPORT_DOT_INTERNAL_H
#define ARGRAPH_EXPORT_DOT_INTERNAL_H

#include <graphviz/cgraph.h>

#include "argraph/export.h"

/* Build the cgraph graph for a view. NULL on failure (diags say why).
 * Free with agclose(). Not thread-safe (cgraph has global state). */
Agraph_t *argraph_dot__build(const argraph_graph *g, const argraph_dot_options *opts,
	argraph_diags *diags);

#endif
