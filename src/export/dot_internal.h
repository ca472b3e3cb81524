/* SPDX-License-Identifier: MIT */
/* dot_internal.h — the cgraph graph built from an argraph graph (internal;
 * shared by dot.c, which writes it, and render.c, which lays it out). */
#ifndef ARGRAPH_EXPORT_DOT_INTERNAL_H
#define ARGRAPH_EXPORT_DOT_INTERNAL_H

#include <graphviz/cgraph.h>

#include "argraph/export.h"

/* Build the cgraph graph for a view, for the layout engine that will lay
 * it out ("dot", or NULL for dot; the DOT file is written for dot). Other
 * engines get the same nodes, edges and styles but none of the invisible
 * edges that order dot's ranks: to a spring layout they are springs, and
 * would pull the drawing out of shape. NULL on failure (diags say why).
 * Free with agclose(). Not thread-safe (cgraph has global state). */
Agraph_t *argraph_dot__build(const argraph_graph *g, const argraph_dot_options *opts,
	const char *engine, argraph_diags *diags);

#endif
