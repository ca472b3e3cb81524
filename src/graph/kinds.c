/* SPDX-License-Identifier: MIT */
/*
 * kinds.c — the kind table. Colours are chosen so that the kinds stay
 * apart when printed in greyscale (different lightness, and different
 * shapes and line styles carry the distinction on their own).
 */
#include "kinds.h"

#include <string.h>

static const node_kind_info node_kinds[ARGRAPH_NODE__COUNT] = {
	[ARGRAPH_NODE_NONE] = {0},
	[ARGRAPH_NODE_DOCUMENT] = {"document", "an input text", "folder", "filled", "#f0f0f0", "#404040"},
	[ARGRAPH_NODE_SECTION] = {"section", "a division of the text", "tab", "filled", "#e8e8e8", "#606060"},
	[ARGRAPH_NODE_CLAIM] = {"claim", "a proposition", "box", "rounded,filled", "#ffffff", "#000000"},
	[ARGRAPH_NODE_FACTOR] = {"factor", "a cause or an outcome", "ellipse", "filled", "#fde0b8", "#8a4b00"},
	[ARGRAPH_NODE_PERSON] = {"person", "an author or an actor", "house", "filled", "#c9dcf0", "#1f4e79"},
	[ARGRAPH_NODE_WORK] = {"work", "a cited work", "note", "filled", "#d9ead3", "#2e6b1f"},
	[ARGRAPH_NODE_CITATION] = {"citation", "an in-text citation", "cds", "filled", "#f4f4f4", "#555555"},
};

#define ENDS(...) {__VA_ARGS__, ARGRAPH_NODE_NONE}
static const edge_kind_info edge_kinds[ARGRAPH_EDGE__COUNT] = {
	[ARGRAPH_EDGE_NONE] = {0},
	[ARGRAPH_EDGE_CAUSES] = {"causes", "cause → effect", "bold", "#8a4b00", "normal",
		ENDS(ARGRAPH_NODE_FACTOR), ENDS(ARGRAPH_NODE_FACTOR)},
	[ARGRAPH_EDGE_SUPPORTS] = {"supports", "supports", "solid", "#2e6b1f", "normal",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_CLAIM)},
	[ARGRAPH_EDGE_ATTACKS] = {"attacks", "contests", "dashed", "#b00020", "tee",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_CLAIM)},
	[ARGRAPH_EDGE_ASSERTS] = {"asserts", "asserts", "solid", "#1f4e79", "vee",
		ENDS(ARGRAPH_NODE_PERSON, ARGRAPH_NODE_DOCUMENT), ENDS(ARGRAPH_NODE_CLAIM)},
	[ARGRAPH_EDGE_CITES] = {"cites", "cites", "dotted", "#404040", "normal",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_CITATION, ARGRAPH_NODE_WORK)},
	[ARGRAPH_EDGE_RESOLVES_TO] = {"resolves_to", "resolves to", "solid", "#2e6b1f", "empty",
		ENDS(ARGRAPH_NODE_CITATION), ENDS(ARGRAPH_NODE_WORK)},
	[ARGRAPH_EDGE_AUTHORED] = {"authored", "wrote", "solid", "#1f4e79", "odot",
		ENDS(ARGRAPH_NODE_PERSON), ENDS(ARGRAPH_NODE_WORK)},
	[ARGRAPH_EDGE_IN] = {"in", "is in", "dotted", "#a0a0a0", "none",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_SECTION)},
	[ARGRAPH_EDGE_PART_OF] = {"part_of", "is part of", "dotted", "#a0a0a0", "none",
		ENDS(ARGRAPH_NODE_SECTION), ENDS(ARGRAPH_NODE_SECTION, ARGRAPH_NODE_DOCUMENT)},
	[ARGRAPH_EDGE_MENTIONS] = {"mentions", "names", "dotted", "#808080", "open",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_PERSON, ARGRAPH_NODE_FACTOR)},
};

_Static_assert(sizeof node_kinds / sizeof node_kinds[0] == ARGRAPH_NODE__COUNT,
	"node kind table must cover every kind");
_Static_assert(sizeof edge_kinds / sizeof edge_kinds[0] == ARGRAPH_EDGE__COUNT,
	"edge kind table must cover every kind");

const node_kind_info *argraph_graph__node_kind_info(argraph_node_kind k)
{
	return k > ARGRAPH_NODE_NONE && k < ARGRAPH_NODE__COUNT ? &node_kinds[k] : NULL;
}

const edge_kind_info *argraph_graph__edge_kind_info(argraph_edge_kind k)
{
	return k > ARGRAPH_EDGE_NONE && k < ARGRAPH_EDGE__COUNT ? &edge_kinds[k] : NULL;
}

const char *argraph_node_kind_name(argraph_node_kind k)
{
	const node_kind_info *i = argraph_graph__node_kind_info(k);
	return i ? i->name : NULL;
}

const char *argraph_edge_kind_name(argraph_edge_kind k)
{
	const edge_kind_info *i = argraph_graph__edge_kind_info(k);
	return i ? i->name : NULL;
}

argraph_node_kind argraph_node_kind_from_name(const char *name)
{
	for (int k = 1; name && k < ARGRAPH_NODE__COUNT; k++)
		if (strcmp(node_kinds[k].name, name) == 0)
			return (argraph_node_kind)k;
	return ARGRAPH_NODE_NONE;
}

argraph_edge_kind argraph_edge_kind_from_name(const char *name)
{
	for (int k = 1; name && k < ARGRAPH_EDGE__COUNT; k++)
		if (strcmp(edge_kinds[k].name, name) == 0)
			return (argraph_edge_kind)k;
	return ARGRAPH_EDGE_NONE;
}
