/* SPDX-License-Identifier: MIT */
/*
 * test_jsonl_fast.c — the JSON Lines reader's fast path (src/merge/jsonl.c)
 * must agree with argraph_json_read_mem() on every line: the same graph
 * (compared as JSON) for a line both accept, the same status and the same
 * diagnostics for one that is refused (the fast path gives such lines to
 * argraph_json_read_mem()). Covers escapes, surrogate pairs, bad UTF-8,
 * duplicate and unknown keys, odd numbers, member order, plain labels.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/argraph.h"
#include "argraph/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define V "\"version\":\"argraph-graph/1\""
#define N1 "{\"id\":\"d#a\",\"kind\":\"person\",\"label\":\"A\",\"labels\":{},\"attributes\":{},\"provenance\":{}}"
#define N2 "{\"id\":\"d#b\",\"kind\":\"claim\",\"label\":\"B\",\"labels\":{},\"attributes\":{},\"provenance\":{}}"
#define E1 "{\"id\":\"e1\",\"kind\":\"causes\",\"source\":\"d#a\",\"target\":\"d#b\",\"attributes\":{},\"provenance\":{}}"

static const char *const lines[] = {
	"{" V ",\"nodes\":[],\"edges\":[]}",
	"{" V ",\"generator\":\"argraph 0.1.0\",\"nodes\":[" N1 "," N2 "],\"edges\":[" E1 "]}",
	/* escapes, \u with a surrogate pair, raw UTF-8 */
	"{" V ",\"nodes\":[{\"id\":\"d#\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\",\"kind\":\"factor\","
	"\"label\":\"x\\ud83d\\ude00y\",\"labels\":{\"zh\":\"\xe6\xb2\x83\",\"en\":\"W\\u00C9\"},"
	"\"attributes\":{\"a\":\"\\u4e2d\",\"b\":\"\"},\"provenance\":{\"file\":\"f.xml\",\"line\":3,"
	"\"xml_id\":\"x\",\"xpath\":\"/TEI\",\"text\":\"t\",\"begin\":0,\"end\":1}}],\"edges\":[]}",
	/* the plain label: equal to the only language's label, to the id, or neither */
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"label\":\"L\",\"labels\":{\"en\":\"L\"},\"attributes\":{}},"
	"{\"id\":\"d#b\",\"kind\":\"person\",\"label\":\"d#b\",\"labels\":{},\"attributes\":{}},"
	"{\"id\":\"d#c\",\"kind\":\"person\",\"label\":\"M\",\"labels\":{\"en\":\"X\",\"zh\":\"M\"},\"attributes\":{}},"
	"{\"id\":\"d#e\",\"kind\":\"person\",\"labels\":{\"zh\":\"M\"},\"label\":\"M\"}],\"edges\":[]}",
	/* members in another order, white space everywhere, no provenance */
	" { \"edges\" : [ ] ,\t\"nodes\" : [ ] , " V " } ",
	"{\"nodes\":[" N1 "],\t\"edges\":[{\"target\":\"d#a\",\"source\":\"d#a\",\"rule\":\"r1\",\"kind\":\"cites\"}]," V "}",
	"{" V ",\"nodes\":[" N1 "],\"edges\":[]}   x",
	/* refused lines */
	"{" V ",\"nodes\":[" N1 "," N1 "],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"id\":\"d#b\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V "," V ",\"nodes\":[],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"labels\":{\"en\":\"a\",\"en\":\"b\"}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"attributes\":{\"x\":\"a\",\"x\":\"b\"}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"attributes\":{\"x\":1}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"labels\":{\"en\":null}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"labels\":[]}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"extra\":{\"y\":[1,2]}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":7,\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"nonsense\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"label\":null}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":[]}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"line\":1.5}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"line\":-4,\"begin\":-1,\"end\":2}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"line\":012}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"line\":99999999999999999999}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"line\":1e3}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"file\":\"f\",\"file\":\"g\"}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\",\"provenance\":{\"color\":\"red\"}}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\\u0000\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\\ud83d\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\\ude00x\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\\q\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\\u12g4\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\xc0\x80\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\xed\xa0\x80\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\xf4\x90\x80\x80\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\xe6\xb2\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#\x01\",\"kind\":\"person\"}],\"edges\":[]}",
	"{" V ",\"nodes\":[{\"id\":\"d#a\",\"kind\":\"person\"}],\"edges\":[" E1 "]}",
	"{" V ",\"nodes\":[" N1 "," N2 "],\"edges\":[{\"kind\":\"causes\",\"source\":\"d#a\",\"target\":\"d#b\",\"rule\":5}]}",
	"{" V ",\"nodes\":[" N1 "," N2 "],\"edges\":[{\"kind\":\"causes\",\"source\":\"d#a\",\"target\":\"d#b\",\"attributes\":{\"q\":[]}}]}",
	"{" V ",\"nodes\":[" N1 "," N2 "],\"edges\":[{\"kind\":\"nope\",\"source\":\"d#a\",\"target\":\"d#b\"}]}",
	"{\"version\":\"argraph-graph/2\",\"nodes\":[],\"edges\":[]}",
	"{\"nodes\":[],\"edges\":[]}",
	"{" V ",\"nodes\":[]}",
	"{" V ",\"nodes\":{},\"edges\":[]}",
	"{" V ",\"nodes\":[],\"edges\":[],}",
	"{" V ",\"nodes\":[,],\"edges\":[]}",
	"{" V ",\"nodes\":[],\"edges\":[]}{}",
	"{" V ",\"nodes\":[],\"edges\":[],\"x\":1,\"x\":2}",
	"{" V ",\"nodes\":[],\"edges\":[],\"x\":true,\"y\":false,\"z\":null,\"w\":-3}",
	"{" V ",\"nodes\":[],\"edges\":[],\"x\":tru}",
	"[1,2]",
	"{" V ",\"nodes\":[\"d#a\"],\"edges\":[]}",
	"{" V ",\"nodes\":[],\"edges\":[],\"x\":\"unterminated}",
};

static char *line_of(const argraph_graph *g)
{
	char *s = NULL;
	if (g && argraph_json_to_line(&s, g, NULL) != ARGRAPH_OK)
		return NULL;
	return s;
}

static void check(const char *text, size_t k)
{
	argraph_diags *d1 = NULL, *d2 = NULL;
	argraph_diags_new(&d1);
	argraph_diags_new(&d2);
	argraph_graph *g1 = NULL, *g2 = NULL;
	argraph_status s1 = argraph_json_read_mem(&g1, text, strlen(text), "t.jsonl", d1);

	FILE *fp = tmpfile();
	OK(fp != NULL);
	if (!fp)
		return;
	fputs(text, fp);
	fputc('\n', fp);
	rewind(fp);
	argraph_jsonl_reader *r = NULL;
	INT_EQ(argraph_jsonl_reader_new_stream(&r, fp, "t.jsonl"), ARGRAPH_OK);
	argraph_status s2 = argraph_jsonl_reader_next(r, &g2, d2);
	if (s1 != s2)
		fprintf(stderr, "line %zu: %s\n", k, text);
	INT_EQ(s2, s1);
	char *a = line_of(g1), *b = line_of(g2);
	OK((a == NULL) == (b == NULL));
	if (a && b && strcmp(a, b) != 0)
		fprintf(stderr, "line %zu differs:\n%s%s", k, a, b);
	OK(!a || !b || strcmp(a, b) == 0);
	INT_EQ(argraph_diags_count(d2), argraph_diags_count(d1));
	for (size_t i = 0; i < argraph_diags_count(d1) && i < argraph_diags_count(d2); i++) {
		STR_EQ(argraph_diags_at(d2, i)->message, argraph_diags_at(d1, i)->message);
		INT_EQ(argraph_diags_at(d2, i)->pos.column, argraph_diags_at(d1, i)->pos.column);
	}
	argraph_free(a);
	argraph_free(b);
	argraph_graph_free(g1);
	argraph_graph_free(g2);
	argraph_jsonl_reader_free(r);
	fclose(fp);
	argraph_diags_free(d1);
	argraph_diags_free(d2);
}

int main(void)
{
	for (size_t k = 0; k < sizeof lines / sizeof *lines; k++)
		check(lines[k], k);
	return TEST_DONE();
}
