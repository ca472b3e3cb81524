/* SPDX-License-Identifier: MIT */
/*
 * test_merge.c — the corpus merge (src/merge/merge.c, key.c) and JSON
 * Lines (src/merge/jsonl.c).
 *
 * Covers: the match keys (names in both orders, particles, accents, CJK,
 * DOIs, author-year-title); three hand-built documents that share a
 * person, a work (once by DOI, once by author-year-title, linking all
 * three) and a factor; that merging is associative, commutative and
 * idempotent, byte for byte after JSON export, also when intermediate
 * results go through JSON; the same on the bundled corpus plus
 * tests/data/tei/mini-zh.tei.xml, extracted with the bundled rules; JSON
 * Lines writing and reading (blank lines, a bad line reported with its
 * line number and skipped, a pretty-printed file, the size limit).
 *
 * argv[1] is the source directory.
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/argraph.h"
#include "argraph/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness.h"
#include "merge/merge_internal.h"

static const char *srcdir = ".";

static const char *path_of(const char *rel)
{
	static char buf[4][4096];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", srcdir, rel);
	return buf[k];
}

static char *json_of(const argraph_graph *g)
{
	char *s = NULL;
	if (!g || argraph_json_to_string(&s, g, NULL) != ARGRAPH_OK)
		return NULL;
	return s;
}

/* Merge n graphs in the order given. */
static argraph_graph *merge_list(argraph_graph *const *gs, size_t n)
{
	argraph_merge *m = NULL;
	argraph_graph *out = NULL;
	if (argraph_merge_new(&m) != ARGRAPH_OK)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (argraph_merge_add_graph(m, gs[i], NULL) != ARGRAPH_OK)
			goto done;
	argraph_merge_finish(m, &out, NULL);
done:
	argraph_merge_free(m);
	return out;
}

static argraph_graph *merge2(const argraph_graph *a, const argraph_graph *b)
{
	argraph_graph *gs[2] = {(argraph_graph *)a, (argraph_graph *)b};
	return merge_list(gs, b ? 2 : 1);
}

/* The graph after a trip through JSON (what a shard on disk holds). */
static argraph_graph *via_json(const argraph_graph *g)
{
	char *s = json_of(g);
	argraph_graph *r = NULL;
	if (s)
		argraph_json_read_mem(&r, s, strlen(s), "trip.json", NULL);
	argraph_free(s);
	return r;
}

/* JSON of the merge, freeing the graph. */
static char *take_json(argraph_graph *g)
{
	char *s = json_of(g);
	argraph_graph_free(g);
	return s;
}

static const argraph_node *node(const argraph_graph *g, const char *id)
{
	size_t i = argraph_graph_find_node(g, id);
	return i == ARGRAPH_NONE ? NULL : argraph_graph_node_at(g, i);
}

static const char *attr(const argraph_graph *g, const char *id, const char *name)
{
	const argraph_node *n = node(g, id);
	return n ? argraph_node_get_attr(n, name) : NULL;
}

/* The streaming writer gives json.c's bytes: pretty exactly as
 * argraph_json_to_string(), one line exactly as that object dumped compact
 * by jansson. */
static void stream_matches(const argraph_graph *g)
{
	char *want = json_of(g), *buf = NULL, *line = NULL, *compact = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	OK(mem != NULL);
	if (mem) {
		INT_EQ(argraph_json_write(g, 0, mem, NULL), ARGRAPH_OK);
		fclose(mem);
	}
	OK(buf && want && strcmp(buf, want) == 0);
	json_t *root = want ? json_loads(want, 0, NULL) : NULL;
	if (root)
		compact = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	INT_EQ(argraph_json_to_line(&line, g, NULL), ARGRAPH_OK);
	size_t n = compact ? strlen(compact) : 0;
	OK(line && compact && strlen(line) == n + 1 && strncmp(line, compact, n) == 0 && line[n] == '\n');
	free(compact);
	free(buf);
	argraph_free(line);
	argraph_free(want);
}

/* ---- keys ---- */

static void key_is(void (*fn)(strbuf *, const char *), const char *in, const char *want)
{
	strbuf b = {0};
	fn(&b, in);
	STR_EQ(strbuf_cstr(&b), want);
	strbuf_release(&b);
}

static void test_keys(void)
{
	void (*pk)(strbuf *, const char *) = argraph_merge__person_key;
	key_is(pk, "Kenneth N. Waltz", "waltz-kenneth");
	key_is(pk, "Waltz, Kenneth N.", "waltz-kenneth");
	key_is(pk, "Kenneth Waltz", "waltz-kenneth");
	key_is(pk, "  WALTZ ,  Kenneth", "waltz-kenneth");
	key_is(pk, "K. N. Waltz", "waltz-k");
	key_is(pk, "Ludwig von Mises", "von-mises-ludwig");
	key_is(pk, "von Mises, Ludwig", "von-mises-ludwig");
	key_is(pk, "Martin Luther King Jr.", "king-martin");
	key_is(pk, "Jürgen Habermas", "habermas-jurgen");
	key_is(pk, "Habermas, Juergen", "habermas-juergen");
	key_is(pk, "Émile Durkheim", "durkheim-emile");
	key_is(pk, "Anne-Marie Slaughter", "slaughter-anne-marie");
	key_is(pk, "Waltz", "waltz");
	key_is(pk, "汉斯·摩根索", "摩根索-汉斯");
	key_is(pk, "米尔斯海默", "米尔斯海默");
	key_is(pk, "张，三", "张-三");
	key_is(pk, "...", "");
	key_is(pk, "", "");
	char *k = argraph_merge_person_key("Waltz, Kenneth");
	STR_EQ(k, "waltz-kenneth");
	argraph_free(k);
	OK(argraph_merge_person_key("--") == NULL);

	void (*dk)(strbuf *, const char *) = argraph_merge__doi_key;
	key_is(dk, "10.2307/2538981", "10.2307/2538981");
	key_is(dk, " https://doi.org/10.2307/ABC ", "10.2307/abc");
	key_is(dk, "DOI:10.1000/X Y", "10.1000/x-y");
	key_is(dk, "http://dx.doi.org/10.1/a", "10.1/a");

	strbuf b = {0};
	argraph_merge__work_key(&b, "Kenneth N. Waltz; Someone Else", "1979",
		"Theory of International Politics");
	STR_EQ(strbuf_cstr(&b), "waltz-1979-theory-of-international-politics");
	argraph_merge__work_key(&b, "Waltz, K.", "1979a", "The Theory of International Politics: second thoughts");
	STR_EQ(strbuf_cstr(&b), "waltz-1979-theory-of-international-politics");
	argraph_merge__work_key(&b, "Mearsheimer, John J.", "1990", "Back to the Future: Instability in Europe");
	STR_EQ(strbuf_cstr(&b), "mearsheimer-1990-back-to-the-future");
	argraph_merge__work_key(&b, "汉斯·摩根索", "1948", NULL);
	STR_EQ(strbuf_cstr(&b), "摩根索-1948");
	argraph_merge__work_key(&b, NULL, "1948", "国家间政治：权力斗争与和平");
	STR_EQ(strbuf_cstr(&b), "1948-国家间政治");
	argraph_merge__work_key(&b, "Waltz", NULL, NULL); /* one part only: no key */
	STR_EQ(strbuf_cstr(&b), "");
	argraph_merge__work_key(&b, NULL, NULL, "Introduction");
	STR_EQ(strbuf_cstr(&b), "");
	argraph_merge__work_key(&b, "A", "2001", "one two three four five six");
	STR_EQ(strbuf_cstr(&b), "a-2001-one-two-three-four");

	strbuf_reset(&b);
	const char *s = "  Ａｌｌｉａｎｃｅ　cohésion — (NATO), 2020 ";
	argraph_merge__norm(&b, s, strlen(s));
	STR_EQ(strbuf_cstr(&b), "alliance-cohesion-nato-2020");
	strbuf_release(&b);

	OK(argraph_merge__is_latin("Kenneth Waltz"));
	OK(argraph_merge__is_latin("Jürgen Habermas"));
	OK(!argraph_merge__is_latin("沃尔兹"));
	OK(!argraph_merge__is_latin("Waltz 沃尔兹"));
	OK(!argraph_merge__is_latin("..."));
}

/* ---- three hand-built documents ---- */

static argraph_graph *doc_a(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov p = {"a.tei.xml", 10, "p1", "/TEI/text[1]/body[1]/p[1]", "Waltz (1979) shows it.", 0, 22};
	argraph_prov h = {"a.tei.xml", 3, "waltz", NULL, NULL, 0, 0};
	size_t d, sec, per, w, cl, cit;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "a", &h, &d);
	argraph_graph_set_label(g, d, "en", "Paper A");
	argraph_graph_add_node(g, ARGRAPH_NODE_SECTION, "a#s1", &p, &sec);
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "a#waltz", &h, &per);
	argraph_graph_set_label(g, per, "zh", "沃尔兹");
	argraph_graph_set_label(g, per, "en", "Kenneth Waltz");
	argraph_graph_set_node_attr(g, per, "ref", "waltz");
	argraph_graph_set_node_attr(g, per, "role", "actor");
	argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "a#b1", &h, &w);
	argraph_graph_set_label(g, w, NULL, "Waltz (1979): Theory of International Politics");
	argraph_graph_set_node_attr(g, w, "title", "Theory of International Politics");
	argraph_graph_set_node_attr(g, w, "year", "1979");
	argraph_graph_set_node_attr(g, w, "authors", "Kenneth Waltz");
	argraph_graph_set_node_attr(g, w, "doi", "10.1000/TIP");
	argraph_graph_set_node_attr(g, w, "bibl", "b1");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a#p1.s1", &p, &cl);
	argraph_graph_set_label(g, cl, NULL, "Waltz (1979) shows it.");
	argraph_graph_set_node_attr(g, cl, "text", "Waltz (1979) shows it.");
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "a#c1", &p, &cit);
	argraph_graph_set_node_attr(g, cit, "marker", "Waltz (1979)");
	argraph_graph_set_node_attr(g, cit, "status", "resolved");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_PART_OF, sec, d, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_IN, cl, sec, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_AUTHORED, per, w, NULL, &h, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, cl, cit, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_RESOLVES_TO, cit, w, NULL, &p, NULL);
	size_t e;
	argraph_graph_add_edge(g, ARGRAPH_EDGE_MENTIONS, cl, per, "en.mention", &p, &e);
	argraph_graph_set_edge_attr(g, e, "basis", "citation");
	return g;
}

static argraph_graph *doc_b(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov p = {"b.tei.xml", 5, NULL, "/TEI/text[1]/body[1]/p[1]", "Cohesion falls.", 0, 15};
	size_t d, per, w, f, cl, sec;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "b", &p, &d);
	argraph_graph_add_node(g, ARGRAPH_NODE_SECTION, "b#sec.1", &p, &sec);
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "b#person.waltz-kenneth-n", &p, &per);
	argraph_graph_set_label(g, per, NULL, "Waltz, Kenneth N.");
	argraph_graph_set_node_attr(g, per, "role", "cited-author");
	argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "b#bibl.1", &p, &w);
	argraph_graph_set_label(g, w, NULL, "Waltz (1979)");
	argraph_graph_set_node_attr(g, w, "title", "Theory of International Politics: A Study");
	argraph_graph_set_node_attr(g, w, "year", "1979");
	argraph_graph_set_node_attr(g, w, "authors", "Waltz, Kenneth N.");
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "b#f1", &p, &f);
	argraph_graph_set_label(g, f, "en", "Alliance cohesion");
	argraph_graph_set_node_attr(g, f, "term", "f1");
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "b#b1.s1", &p, &cl);
	argraph_graph_set_node_attr(g, cl, "text", "Cohesion falls.");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_PART_OF, sec, d, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_IN, cl, sec, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_AUTHORED, per, w, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_MENTIONS, cl, f, NULL, &p, NULL);
	/* the same edge twice: one survives */
	argraph_graph_add_edge(g, ARGRAPH_EDGE_MENTIONS, cl, per, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_MENTIONS, cl, per, NULL, &p, NULL);
	return g;
}

static argraph_graph *doc_c(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov p = {"c.tei.xml", 2, NULL, NULL, NULL, 0, 0};
	size_t d, per, w, f, f2;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "c", &p, &d);
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "c#p", &p, &per);
	argraph_graph_set_label(g, per, NULL, "Kenneth Waltz");
	argraph_graph_set_node_attr(g, per, "role", "author");
	argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "c#w", &p, &w);
	argraph_graph_set_node_attr(g, w, "doi", "https://doi.org/10.1000/tip");
	argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "c#work.2", &p, NULL); /* nothing to key on */
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "c#factor.alliance-cohesion", &p, &f);
	argraph_graph_set_label(g, f, NULL, "alliance cohesion");
	argraph_graph_add_node(g, ARGRAPH_NODE_FACTOR, "c#factor.x", &p, &f2);
	argraph_graph_set_label(g, f2, "zh", "联盟解体");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_AUTHORED, per, w, NULL, &p, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CAUSES, f, f2, "en.cause", &p, NULL);
	return g;
}

static void test_hand_built(void)
{
	argraph_graph *a = doc_a(), *b = doc_b(), *c = doc_c();
	argraph_graph *abc[3] = {a, b, c};
	argraph_graph *m = merge_list(abc, 3);
	OK(m != NULL);
	if (!m)
		goto done;
	INT_EQ(argraph_graph_check(m), ARGRAPH_OK);
	stream_matches(a);
	stream_matches(m);
	/* one person, one work, one factor across the three documents */
	const char *waltz = "person:waltz-kenneth";
	OK(node(m, waltz) != NULL);
	STR_EQ(attr(m, waltz, "documents"), "a b c");
	STR_EQ(attr(m, waltz, "keys"), "waltz-kenneth");
	STR_EQ(attr(m, waltz, "role"), "cited-author");
	STR_EQ(attr(m, waltz, "ref"), "a#waltz");
	if (node(m, waltz)) {
		STR_EQ(argraph_node_get_label_exact(node(m, waltz), "zh"), "沃尔兹");
		STR_EQ(argraph_node_get_label_exact(node(m, waltz), "en"), "Kenneth Waltz");
		STR_EQ(argraph_node_get_label(node(m, waltz), NULL), "Waltz, Kenneth N.");
		/* provenance from the smallest document */
		STR_EQ(argraph_node_get_prov(node(m, waltz))->file, "a.tei.xml");
	}
	const char *tip = "work:doi:10.1000/tip";
	OK(node(m, tip) != NULL);
	STR_EQ(attr(m, tip, "documents"), "a b c");
	STR_EQ(attr(m, tip, "keys"), "doi:10.1000/tip waltz-1979-theory-of-international-politics");
	STR_EQ(attr(m, tip, "title"), "Theory of International Politics: A Study");
	STR_EQ(attr(m, tip, "bibl"), "a#b1");
	OK(node(m, "c#work.2") != NULL);
	const char *coh = "factor:alliance-cohesion";
	STR_EQ(attr(m, coh, "documents"), "b c");
	STR_EQ(attr(m, coh, "term"), "b#f1");
	OK(node(m, "factor:联盟解体") != NULL);
	/* document-scoped nodes keep their ids */
	OK(node(m, "a#p1.s1") && node(m, "b#b1.s1") && node(m, "a") && node(m, "b#sec.1"));
	/* documents 3, sections 2, claims 2, citation 1, person 1, works 2, factors 2 */
	INT_EQ(argraph_graph_node_count(m), 13);
	/* 6 + 5 (a duplicate collapsed) + 2 edges, each naming its document */
	INT_EQ(argraph_graph_edge_count(m), 6 + 5 + 2);
	size_t authored = 0;
	for (size_t i = 0; i < argraph_graph_edge_count(m); i++) {
		const argraph_edge *e = argraph_graph_edge_at(m, i);
		OK(argraph_edge_get_attr(e, "document") != NULL);
		char id[32];
		snprintf(id, sizeof id, "e%zu", i + 1);
		STR_EQ(argraph_edge_get_id(e), id);
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_AUTHORED) {
			authored++;
			STR_EQ(argraph_node_get_id(argraph_graph_node_at(m, argraph_edge_get_source(e))), waltz);
			STR_EQ(argraph_node_get_id(argraph_graph_node_at(m, argraph_edge_get_target(e))), tip);
		}
		if (argraph_edge_get_kind(e) == ARGRAPH_EDGE_MENTIONS && argraph_edge_get_rule(e))
			STR_EQ(argraph_edge_get_attr(e, "basis"), "citation");
	}
	INT_EQ(authored, 3);

	/* every order and grouping, also through JSON, gives the same bytes */
	char *want = json_of(m);
	argraph_graph *cba[3] = {c, b, a}, *bca[3] = {b, c, a}, *aabc[4] = {a, a, b, c};
	char *got[10] = {0};
	got[0] = take_json(merge_list(cba, 3));
	got[1] = take_json(merge_list(bca, 3));
	argraph_graph *ab = merge2(a, b), *bc = merge2(b, c), *ca = merge2(c, a);
	got[2] = take_json(merge2(ab, c));
	got[3] = take_json(merge2(a, bc));
	got[4] = take_json(merge2(ca, b));
	got[5] = take_json(merge_list(aabc, 4));
	got[6] = take_json(merge2(m, NULL));       /* merging a merge changes nothing */
	got[7] = take_json(merge2(m, a));
	argraph_graph *jab = via_json(ab), *jc = via_json(c), *jm = via_json(m);
	got[8] = take_json(merge2(jab, jc));
	got[9] = take_json(merge2(jm, NULL));
	for (size_t i = 0; i < 10; i++) {
		OK(got[i] && want && strcmp(got[i], want) == 0);
		if (got[i] && want && strcmp(got[i], want) != 0)
			fprintf(stderr, "  variant %zu differs\n", i);
		argraph_free(got[i]);
	}
	/* and JSON → graph → JSON keeps a merged graph byte for byte */
	char *again = json_of(jm);
	OK(again && want && strcmp(again, want) == 0);
	argraph_free(again);
	argraph_free(want);
	argraph_graph_free(ab);
	argraph_graph_free(bc);
	argraph_graph_free(ca);
	argraph_graph_free(jab);
	argraph_graph_free(jc);
	argraph_graph_free(jm);
done:
	argraph_graph_free(m);
	argraph_graph_free(a);
	argraph_graph_free(b);
	argraph_graph_free(c);
}

static void test_life_cycle(void)
{
	argraph_merge *m = NULL;
	argraph_graph *g = NULL, *out = NULL;
	INT_EQ(argraph_merge_new(&m), ARGRAPH_OK);
	INT_EQ(argraph_merge_finish(m, &out, NULL), ARGRAPH_OK);
	OK(out && argraph_graph_node_count(out) == 0 && argraph_graph_edge_count(out) == 0);
	if (out)
		stream_matches(out);
	argraph_graph_free(out);
	argraph_graph_new(&g);
	INT_EQ(argraph_merge_add_graph(m, g, NULL), ARGRAPH_EINVALID);
	INT_EQ(argraph_merge_finish(m, &out, NULL), ARGRAPH_EINVALID);
	OK(out == NULL);
	argraph_merge_free(m);
	argraph_merge_free(NULL);

	/* a document whose key collides with a merged id is an error, not a mix-up */
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	size_t n;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "person:x", NULL, NULL);
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "d#p", NULL, &n);
	argraph_graph_set_label(g, n, NULL, "X");
	argraph_merge_new(&m);
	INT_EQ(argraph_merge_add_graph(m, g, d), ARGRAPH_OK);
	INT_EQ(argraph_merge_graph_count(m), 1);
	/* the document node is "person:x" with kind document, the person "person:x" too */
	INT_EQ(argraph_merge_finish(m, &out, d), ARGRAPH_EINVALID);
	INT_EQ(argraph_diags_count(d), 1);
	argraph_merge_free(m);
	argraph_diags_free(d);
	argraph_graph_free(g);
}

/* ---- the corpus ---- */

static argraph_graph *extract(const char *rel, const argraph_ruleset *rs)
{
	argraph_doc *doc = NULL;
	argraph_graph *g = NULL;
	argraph_tei_options opts = ARGRAPH_TEI_OPTIONS_INIT;
	char *key = argraph_doc_key_from_path(rel);
	if (argraph_tei_read_file(&doc, path_of(rel), &opts, NULL) != ARGRAPH_OK || !key)
		goto done;
	argraph_graph_new(&g);
	if (argraph_extract_structure(g, doc, key, NULL) != ARGRAPH_OK
	    || argraph_extract_rules(g, doc, rs, key, NULL) != ARGRAPH_OK) {
		argraph_graph_free(g);
		g = NULL;
	}
done:
	argraph_doc_free(doc);
	free(key);
	return g;
}

/* Write graphs as JSON Lines to a temporary file, read them back. */
static size_t jsonl_trip(argraph_graph *const *gs, size_t n, argraph_graph **back)
{
	FILE *fp = tmpfile();
	size_t got = 0;
	if (!fp)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char *line = NULL;
		if (argraph_json_to_line(&line, gs[i], NULL) == ARGRAPH_OK) {
			fputs(line, fp);
			if (i == 0)
				fputs("\n  \n", fp); /* blank lines are skipped */
		}
		argraph_free(line);
	}
	rewind(fp);
	argraph_jsonl_reader *r = NULL;
	argraph_jsonl_reader_new_stream(&r, fp, "shard.jsonl");
	argraph_graph *g;
	while (r && got < n && argraph_jsonl_reader_next(r, &g, NULL) == ARGRAPH_OK && g)
		back[got++] = g;
	argraph_jsonl_reader_free(r);
	fclose(fp);
	return got;
}

static void test_corpus(void)
{
	argraph_ruleset *rs = NULL;
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	argraph_rules_new(&rs);
	INT_EQ(argraph_rules_load_file(rs, path_of("rules/zh.rules"), d), ARGRAPH_OK);
	INT_EQ(argraph_rules_load_file(rs, path_of("rules/en.rules"), d), ARGRAPH_OK);
	argraph_diags_free(d);
	argraph_graph *g[3] = {
		extract("corpus/nato-alliance.tei.xml", rs),
		extract("corpus/alliance-persistence.en.tei.xml", rs),
		extract("tests/data/tei/mini-zh.tei.xml", rs),
	};
	argraph_rules_free(rs);
	OK(g[0] && g[1] && g[2]);
	if (!g[0] || !g[1] || !g[2])
		goto done;
	argraph_graph *m = merge_list(g, 3);
	OK(m != NULL);
	for (size_t i = 0; i < 3; i++)
		stream_matches(g[i]);
	if (m)
		stream_matches(m);
	char *want = json_of(m);
	/* the persons and works the documents share are one node */
	const char *waltz = "person:waltz-kenneth", *mear = "person:mearsheimer-john";
	STR_EQ(attr(m, waltz, "documents"), "alliance-persistence.en nato-alliance");
	STR_EQ(attr(m, mear, "documents"), "alliance-persistence.en mini-zh nato-alliance");
	STR_EQ(attr(m, mear, "ref"), "alliance-persistence.en#mearsheimer nato-alliance#mearsheimer");
	/* the seed's Chinese name stays, under its language */
	if (node(m, waltz))
		STR_EQ(argraph_node_get_label_exact(node(m, waltz), "zh"), "沃尔兹");
	size_t nodes = 0, edges = 0;
	for (size_t i = 0; i < 3; i++) {
		nodes += argraph_graph_node_count(g[i]);
		edges += argraph_graph_edge_count(g[i]);
	}
	OK(m && argraph_graph_node_count(m) < nodes);
	OK(m && argraph_graph_edge_count(m) <= edges);
	argraph_graph_free(m);

	/* all six orders, the groupings, and shards that went through JSON Lines */
	static const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
	for (size_t p = 0; p < 6; p++) {
		argraph_graph *o[3] = {g[perms[p][0]], g[perms[p][1]], g[perms[p][2]]};
		char *s = take_json(merge_list(o, 3));
		OK(s && want && strcmp(s, want) == 0);
		argraph_free(s);
		argraph_graph *left = merge2(o[0], o[1]), *right = merge2(o[1], o[2]);
		char *l = take_json(merge2(left, o[2])), *r = take_json(merge2(o[0], right));
		OK(l && want && strcmp(l, want) == 0);
		OK(r && want && strcmp(r, want) == 0);
		argraph_free(l);
		argraph_free(r);
		argraph_graph_free(left);
		argraph_graph_free(right);
	}
	argraph_graph *back[3] = {0};
	INT_EQ(jsonl_trip(g, 3, back), 3);
	if (back[0] && back[1] && back[2]) {
		argraph_graph *shard1 = merge2(back[2], back[0]);
		argraph_graph *line[2] = {shard1, back[1]}, *lback[2] = {0};
		INT_EQ(jsonl_trip(line, 2, lback), 2);
		char *s = take_json(merge2(lback[1], lback[0]));
		OK(s && want && strcmp(s, want) == 0);
		argraph_free(s);
		argraph_graph_free(shard1);
		argraph_graph_free(lback[0]);
		argraph_graph_free(lback[1]);
	}
	for (size_t i = 0; i < 3; i++)
		argraph_graph_free(back[i]);
	argraph_free(want);
done:
	for (size_t i = 0; i < 3; i++)
		argraph_graph_free(g[i]);
}

/* ---- JSON Lines ---- */

static void test_jsonl(void)
{
	argraph_graph *a = doc_a();
	char *line = NULL, *pretty = NULL;
	INT_EQ(argraph_json_to_line(&line, a, NULL), ARGRAPH_OK);
	INT_EQ(argraph_json_to_string(&pretty, a, NULL), ARGRAPH_OK);
	OK(line && strchr(line, '\n') == line + strlen(line) - 1);
	OK(line && strncmp(line, "{\"version\":\"argraph-graph/1\",", 29) == 0);
	STR_CONTAINS(line, "\"沃尔兹\""); /* UTF-8 as is, not \u escapes */

	/* a good line, a bad one, a good one: the bad one is reported and skipped */
	FILE *fp = tmpfile();
	argraph_diags *d = NULL;
	argraph_diags_new(&d);
	if (fp && line) {
		fputs(line, fp);
		fputs("{\"version\":\"argraph-graph/1\",\"nodes\":[],\"edges\":[{\"kind\":\"causes\",\"source\":\"x\",\"target\":\"y\"}]}\n", fp);
		fputs("{not json\n", fp);
		fputs("\r\n", fp);
		fputs(line, fp);
		rewind(fp);
		argraph_jsonl_reader *r = NULL;
		INT_EQ(argraph_jsonl_reader_new_stream(&r, fp, "s.jsonl"), ARGRAPH_OK);
		argraph_graph *g = NULL;
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_OK);
		char *s = json_of(g);
		OK(s && pretty && strcmp(s, pretty) == 0);
		argraph_free(s);
		argraph_graph_free(g);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_EINVALID);
		OK(g == NULL);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_EPARSE);
		INT_EQ(argraph_diags_count(d), 2);
		if (argraph_diags_count(d) == 2) {
			STR_EQ(argraph_diags_at(d, 0)->pos.file, "s.jsonl");
			INT_EQ(argraph_diags_at(d, 0)->pos.line, 2);
			INT_EQ(argraph_diags_at(d, 1)->pos.line, 3);
			OK(argraph_diags_at(d, 1)->pos.column > 0);
		}
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_OK);
		OK(g != NULL);
		INT_EQ(argraph_jsonl_reader_line(r), 5);
		argraph_graph_free(g);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_OK);
		OK(g == NULL);
		argraph_jsonl_reader_free(r);
		fclose(fp);
	}
	/* a pretty-printed graph is read whole; an error in it has its real line */
	fp = tmpfile();
	if (fp && pretty) {
		fputs(pretty, fp);
		rewind(fp);
		argraph_jsonl_reader *r = NULL;
		argraph_jsonl_reader_new_stream(&r, fp, NULL);
		argraph_graph *g = NULL;
		INT_EQ(argraph_jsonl_reader_next(r, &g, NULL), ARGRAPH_OK);
		char *s = json_of(g);
		OK(s && strcmp(s, pretty) == 0);
		argraph_free(s);
		argraph_graph_free(g);
		INT_EQ(argraph_jsonl_reader_next(r, &g, NULL), ARGRAPH_OK);
		OK(g == NULL);
		argraph_jsonl_reader_free(r);
		fclose(fp);
	}
	fp = tmpfile();
	if (fp) {
		fputs("\n{\n  \"version\": \"argraph-graph/1\",\n  \"nodes\": [\n  }\n", fp);
		rewind(fp);
		argraph_jsonl_reader *r = NULL;
		argraph_jsonl_reader_new_stream(&r, fp, "p.json");
		argraph_graph *g = NULL;
		argraph_diags_clear(d);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_EPARSE);
		INT_EQ(argraph_diags_count(d), 1);
		if (argraph_diags_count(d))
			INT_EQ(argraph_diags_at(d, 0)->pos.line, 5);
		argraph_jsonl_reader_free(r);
		fclose(fp);
	}
	/* the line limit */
	fp = tmpfile();
	if (fp && line) {
		fputs(line, fp);
		fputs(line, fp);
		rewind(fp);
		argraph_jsonl_reader *r = NULL;
		argraph_jsonl_reader_new_stream(&r, fp, "big.jsonl");
		argraph_jsonl_reader_set_max_line(r, 100);
		argraph_graph *g = NULL;
		argraph_diags_clear(d);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_ETOOBIG);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_ETOOBIG);
		INT_EQ(argraph_diags_count(d), 2);
		if (argraph_diags_count(d) == 2)
			INT_EQ(argraph_diags_at(d, 1)->pos.line, 2);
		INT_EQ(argraph_jsonl_reader_next(r, &g, d), ARGRAPH_OK);
		OK(g == NULL);
		argraph_jsonl_reader_free(r);
		fclose(fp);
	}
	/* a stream that cannot be written */
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		argraph_diags_clear(d);
		INT_EQ(argraph_json_write(a, 0, full, d), ARGRAPH_EIO);
		INT_EQ(argraph_diags_count(d), 1);
		fclose(full);
	}
	argraph_jsonl_reader *r = NULL;
	argraph_diags_clear(d);
	INT_EQ(argraph_jsonl_reader_new_file(&r, "/nonexistent/x.jsonl", d), ARGRAPH_EIO);
	OK(r == NULL);
	INT_EQ(argraph_diags_count(d), 1);
	argraph_jsonl_reader_free(NULL);
	argraph_diags_free(d);
	argraph_free(line);
	argraph_free(pretty);
	argraph_graph_free(a);
}

/* ---- authority URIs ---- */

static void uri_is(const char *in, const char *want)
{
	strbuf b = {0};
	argraph_merge__uri_key(&b, in, strlen(in));
	STR_EQ(strbuf_cstr(&b), want);
	strbuf_release(&b);
}

static argraph_graph *one_person(const char *doc, const char *lang, const char *name, const char *uri)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov h = {"x.tei.xml", 3, NULL, NULL, NULL, 0, 0};
	size_t d, per;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, doc, &h, &d);
	argraph_graph_set_label(g, d, "en", doc);
	char id[64];
	snprintf(id, sizeof id, "%s#p", doc);
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, id, &h, &per);
	argraph_graph_set_label(g, per, lang, name);
	if (uri)
		argraph_graph_set_node_attr(g, per, "uri", uri);
	return g;
}

static size_t count_kind(const argraph_graph *g, argraph_node_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < argraph_graph_node_count(g); i++)
		n += argraph_node_get_kind(argraph_graph_node_at(g, i)) == k;
	return n;
}

static void test_uris(void)
{
	uri_is("https://viaf.org/viaf/97008384/", "viaf.org/viaf/97008384");
	uri_is("  http://www.VIAF.org/viaf/97008384 ", "viaf.org/viaf/97008384");
	uri_is("https://orcid.org/0000-0002-1825-009X", "orcid.org/0000-0002-1825-009x");
	uri_is("urn:isni:0000000121032683", "urn:isni:0000000121032683");
	uri_is("#waltz", "");            /* a local pointer is no key */
	uri_is("waltz", "");
	uri_is("ftp://example.org/x", "");

	/* one name in Chinese only, one in English only: apart by name, one
	 * node by their shared VIAF URI, however each writes it */
	argraph_graph *a = one_person("a", "zh", "沃尔兹", "https://viaf.org/viaf/97008384/");
	argraph_graph *b = one_person("b", "en", "Kenneth Waltz", "http://www.viaf.org/viaf/97008384");
	argraph_graph *c = one_person("c", "en", "Kenneth Waltz", NULL);
	argraph_graph *ab = merge2(a, b);
	INT_EQ(ab ? count_kind(ab, ARGRAPH_NODE_PERSON) : 0, 1);
	/* named by the name, not the URI */
	OK(ab && node(ab, "person:waltz-kenneth") != NULL);
	STR_EQ(ab ? attr(ab, "person:waltz-kenneth", "documents") : NULL, "a b");
	STR_CONTAINS(ab ? attr(ab, "person:waltz-kenneth", "keys") : NULL, "uri:viaf.org/viaf/97008384");
	/* without the URI the Chinese name stays apart */
	argraph_graph *a_bare = one_person("a", "zh", "沃尔兹", NULL);
	argraph_graph *ac = merge2(a_bare, c);
	INT_EQ(ac ? count_kind(ac, ARGRAPH_NODE_PERSON) : 0, 2);
	/* the URI key survives a merge of merges: (a+b)+c = a+(b+c) */
	argraph_graph *bc = merge2(b, c);
	argraph_graph *ab_c = ab ? merge2(ab, c) : NULL, *a_bc = bc ? merge2(a, bc) : NULL;
	INT_EQ(ab_c ? count_kind(ab_c, ARGRAPH_NODE_PERSON) : 0, 1);
	char *j1 = ab_c ? json_of(ab_c) : NULL, *j2 = a_bc ? json_of(a_bc) : NULL;
	OK(j1 && j2 && strcmp(j1, j2) == 0);
	argraph_free(j1);
	argraph_free(j2);
	argraph_graph *gs[] = {a, b, c, a_bare, ab, ac, bc, ab_c, a_bc};
	for (size_t i = 0; i < sizeof gs / sizeof *gs; i++)
		argraph_graph_free(gs[i]);
}

/* ---- the citation network ---- */

/* Two documents: a cites work w twice (one claim through a citation, one
 * claim straight to w) and has a dangling citation; b cites w once. p
 * wrote w, which both documents' graphs say. */
static argraph_graph *two_citing(void)
{
	argraph_graph *g;
	argraph_graph_new(&g);
	argraph_prov pa = {"a.tei.xml", 5, NULL, NULL, NULL, 0, 0}, pb = {"b.tei.xml", 9, NULL, NULL, NULL, 0, 0};
	size_t a, b, w, p, a1, a2, b1, ca, cd, cb;
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "a", &pa, &a);
	argraph_graph_set_label(g, a, NULL, "Paper A");
	argraph_graph_add_node(g, ARGRAPH_NODE_DOCUMENT, "b", &pb, &b);
	argraph_graph_add_node(g, ARGRAPH_NODE_WORK, "work:w", &pa, &w);
	argraph_graph_set_node_attr(g, w, "year", "1979");
	argraph_graph_add_node(g, ARGRAPH_NODE_PERSON, "person:p", &pa, &p);
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a#s1", &pa, &a1);
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "a#s2", &pa, &a2);
	argraph_graph_add_node(g, ARGRAPH_NODE_CLAIM, "b#s1", &pb, &b1);
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "a#c1", &pa, &ca);
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "a#c2", &pa, &cd);
	argraph_graph_add_node(g, ARGRAPH_NODE_CITATION, "b#c1", &pb, &cb);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, a1, ca, NULL, &pa, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_RESOLVES_TO, ca, w, NULL, &pa, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, a2, w, NULL, &pa, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, a2, cd, NULL, &pa, NULL); /* dangling */
	size_t e;
	argraph_graph_add_edge(g, ARGRAPH_EDGE_CITES, b1, cb, NULL, &pb, &e);
	argraph_graph_set_edge_attr(g, e, "document", "b");
	argraph_graph_add_edge(g, ARGRAPH_EDGE_RESOLVES_TO, cb, w, NULL, &pb, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_AUTHORED, p, w, NULL, &pa, NULL);
	argraph_graph_add_edge(g, ARGRAPH_EDGE_AUTHORED, p, w, NULL, &pb, NULL);
	return g;
}

static void test_network(void)
{
	argraph_graph *g = two_citing(), *n = NULL;
	INT_EQ(argraph_citation_network(g, &n, NULL), ARGRAPH_OK);
	if (!n) {
		argraph_graph_free(g);
		return;
	}
	/* documents, the work, its author: no claim, no citation */
	INT_EQ(argraph_graph_node_count(n), 4);
	INT_EQ(count_kind(n, ARGRAPH_NODE_CLAIM) + count_kind(n, ARGRAPH_NODE_CITATION), 0);
	STR_EQ(attr(n, "work:w", "year"), "1979");
	const argraph_node *a = node(n, "a");
	STR_EQ(a ? argraph_node_get_label(a, NULL) : NULL, "Paper A");
	/* a → w twice, b → w once, p → w once */
	INT_EQ(argraph_graph_edge_count(n), 3);
	size_t ai = argraph_graph_find_node(n, "a"), bi = argraph_graph_find_node(n, "b");
	size_t wi = argraph_graph_find_node(n, "work:w"), pi = argraph_graph_find_node(n, "person:p");
	size_t ea = argraph_graph_find_edge(n, ARGRAPH_EDGE_CITES, ai, wi);
	size_t eb = argraph_graph_find_edge(n, ARGRAPH_EDGE_CITES, bi, wi);
	OK(ea != ARGRAPH_NONE && eb != ARGRAPH_NONE);
	if (ea != ARGRAPH_NONE && eb != ARGRAPH_NONE) {
		STR_EQ(argraph_edge_get_attr(argraph_graph_edge_at(n, ea), "citations"), "2");
		STR_EQ(argraph_edge_get_attr(argraph_graph_edge_at(n, eb), "citations"), "1");
	}
	OK(argraph_graph_find_edge(n, ARGRAPH_EDGE_AUTHORED, pi, wi) != ARGRAPH_NONE);
	/* its citation view draws the four nodes */
	argraph_dot_options o = ARGRAPH_DOT_OPTIONS_INIT;
	o.view = ARGRAPH_VIEW_CITATION;
	size_t nodes = 0, edges = 0;
	OK(argraph_view_size(n, &o, &nodes, &edges) == ARGRAPH_OK);
	INT_EQ(nodes, 4);
	INT_EQ(edges, 3);
	argraph_graph_free(n);
	argraph_graph_free(g);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_keys();
	test_uris();
	test_network();
	test_hand_built();
	test_life_cycle();
	test_corpus();
	test_jsonl();
	argraph_tei_cleanup();
	return TEST_DONE();
}
