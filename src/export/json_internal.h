/* SPDX-License-Identifier: MIT */
/* json_internal.h — one node or edge as a jansson object, in the format of
 * docs/json-format.md (internal). json.c builds whole graphs from these and
 * the streaming writer (src/merge/json_stream.c) writes them one at a time,
 * so the two can never disagree on a byte. NULL when out of memory. */
#ifndef ARGRAPH_EXPORT_JSON_INTERNAL_H
#define ARGRAPH_EXPORT_JSON_INTERNAL_H

#include <jansson.h>

#include "argraph/graph.h"

json_t *argraph_json__node(const argraph_node *n);
json_t *argraph_json__edge(const argraph_graph *g, const argraph_edge *e);

#endif
