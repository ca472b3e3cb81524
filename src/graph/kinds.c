/* SPDX-License-Identifier: MIT */
/*
 * kinds.c — the kind table: names, allowed edge ends, and the one place
 * where diagrams get their looks (shape, line style, colours, legend text
 * in English and Chinese).
 *
 * Colours are chosen so that nothing depends on hue alone: every node
 * kind has its own shape, every edge kind its own line style or arrowhead,
 * and the fills step through distinct greys when printed in black and white
 * (grey value 0.299R+0.587G+0.114B: claim 255, citation 238, thesis 232 with
 * a heavy border, attributed claim 231 with a blue border, dangling citation
 * 227 with a dashed one, factor 222, work 218, author 212, person 194,
 * outcome 180 with a double border). Where two greys are close, the kinds
 * never share a view or differ in shape. Every fill keeps black text above
 * 10:1 contrast (WCAG relative luminance).
 */
#include "kinds.h"

#include <string.h>

/* A kind's name and its length, counted by the compiler. */
#define KIND_NAME(s) s, sizeof s - 1

static const node_kind_info node_kinds[ARGRAPH_NODE__COUNT] = {
	[ARGRAPH_NODE_NONE] = {0},
	[ARGRAPH_NODE_DOCUMENT] = {KIND_NAME("document"), "an input text", "folder", "filled", "#d4d4d4", "#404040",
		"this text (its author)", "本文（作者）", NULL},
	[ARGRAPH_NODE_SECTION] = {KIND_NAME("section"), "a division of the text", "tab", "filled", "#e8e8e8", "#606060",
		"section", "章节", NULL},
	[ARGRAPH_NODE_CLAIM] = {KIND_NAME("claim"), "a proposition", "box", "rounded,filled", "#ffffff", "#000000",
		"claim", "论断", NULL},
	[ARGRAPH_NODE_FACTOR] = {KIND_NAME("factor"), "a cause or an outcome", "ellipse", "filled", "#fcd9a8", "#8a4b00",
		"factor", "因素", NULL},
	[ARGRAPH_NODE_PERSON] = {KIND_NAME("person"), "an author or an actor", "house", "filled", "#a9c8e8", "#1f4e79",
		"person", "人物", "0.02,0.02"}, /* the roof would make it twice as wide */
	[ARGRAPH_NODE_WORK] = {KIND_NAME("work"), "a cited work", "note", "filled", "#cde5c0", "#2e6b1f",
		"cited work", "文献", NULL},
	[ARGRAPH_NODE_CITATION] = {KIND_NAME("citation"), "an in-text citation", "cds", "filled", "#eeeeee", "#555555",
		"citation", "引用标记", NULL},
};

/* Order matters: a claim that is both a thesis and hedged looks like a thesis. */
static const node_variant_info node_variants[] = {
	{ARGRAPH_NODE_CLAIM, "role", "thesis", "thesis", "核心论点",
		NULL, NULL, "#ffe9a8", "#000000", "2.5", NULL},
	{ARGRAPH_NODE_CLAIM, "voice", "attributed", "attributed claim", "转述的观点",
		NULL, NULL, "#dde9f6", "#1f4e79", NULL, NULL},
	{ARGRAPH_NODE_CLAIM, "certainty", "hedged", "hedged claim", "有保留的论断",
		NULL, "rounded,filled,dashed", NULL, NULL, NULL, NULL},
	/* a warning that must survive greyscale: dashed border, and the label says it too */
	{ARGRAPH_NODE_CITATION, "status", "dangling", "dangling citation", "未找到文献的引用",
		NULL, "filled,dashed", "#f8dcd0", "#a0401a", "1.5", NULL},
	/* a factor that causes nothing else in the view */
	{ARGRAPH_NODE_FACTOR, NULL, "outcome", "outcome", "结果",
		NULL, NULL, "#f2a65a", "#8a4b00", NULL, "2"},
};

#define ENDS(...) {__VA_ARGS__, ARGRAPH_NODE_NONE}
static const edge_kind_info edge_kinds[ARGRAPH_EDGE__COUNT] = {
	[ARGRAPH_EDGE_NONE] = {0},
	/* causes, supports and attacks, the three a reader compares, differ in
	 * line (bold / solid / dashed) and arrowhead (normal / normal / tee) */
	[ARGRAPH_EDGE_CAUSES] = {KIND_NAME("causes"), "cause → effect", "bold", "#8a4b00", "normal",
		ENDS(ARGRAPH_NODE_FACTOR), ENDS(ARGRAPH_NODE_FACTOR), "causes", "导致"},
	[ARGRAPH_EDGE_SUPPORTS] = {KIND_NAME("supports"), "supports", "solid", "#2e6b1f", "normal",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_CLAIM), "supports", "支持"},
	[ARGRAPH_EDGE_ATTACKS] = {KIND_NAME("attacks"), "contests", "dashed", "#b00020", "tee",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_CLAIM), "attacks", "反驳"},
	/* who says it: a connector, drawn lighter than the logical relations */
	[ARGRAPH_EDGE_ASSERTS] = {KIND_NAME("asserts"), "asserts", "dotted", "#1f4e79", "vee",
		ENDS(ARGRAPH_NODE_PERSON, ARGRAPH_NODE_DOCUMENT), ENDS(ARGRAPH_NODE_CLAIM),
		"asserts", "提出"},
	[ARGRAPH_EDGE_CITES] = {KIND_NAME("cites"), "cites", "dotted", "#404040", "normal",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_CITATION, ARGRAPH_NODE_WORK), "cites", "引用"},
	[ARGRAPH_EDGE_RESOLVES_TO] = {KIND_NAME("resolves_to"), "resolves to", "solid", "#2e6b1f", "empty",
		ENDS(ARGRAPH_NODE_CITATION), ENDS(ARGRAPH_NODE_WORK), "refers to", "指向"},
	[ARGRAPH_EDGE_AUTHORED] = {KIND_NAME("authored"), "wrote", "solid", "#1f4e79", "odot",
		ENDS(ARGRAPH_NODE_PERSON), ENDS(ARGRAPH_NODE_WORK), "wrote", "著有"},
	[ARGRAPH_EDGE_IN] = {KIND_NAME("in"), "is in", "dotted", "#a0a0a0", "none",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_SECTION), "is in", "位于"},
	[ARGRAPH_EDGE_PART_OF] = {KIND_NAME("part_of"), "is part of", "dotted", "#a0a0a0", "none",
		ENDS(ARGRAPH_NODE_SECTION), ENDS(ARGRAPH_NODE_SECTION, ARGRAPH_NODE_DOCUMENT),
		"is part of", "属于"},
	[ARGRAPH_EDGE_MENTIONS] = {KIND_NAME("mentions"), "names", "dotted", "#808080", "open",
		ENDS(ARGRAPH_NODE_CLAIM), ENDS(ARGRAPH_NODE_PERSON, ARGRAPH_NODE_FACTOR),
		"mentions", "提及"},
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

const node_variant_info *argraph_graph__node_variant_at(size_t i)
{
	return i < sizeof node_variants / sizeof *node_variants ? &node_variants[i] : NULL;
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
