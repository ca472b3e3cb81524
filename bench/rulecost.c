/* SPDX-License-Identifier: MIT */
/*
 * rulecost.c — what each cue rule costs: for a rule author who wants to
 * know which rule to make cheaper, and for the figures of bench/README.md
 * (bench/run.sh runs it). Uses the rules' internal API, as the tests do.
 *
 *   argraph_rulecost DATADIR [RULEFILE...] < LIST   (LIST: one TEI path a line)
 *
 * The bundled rules (DATADIR/rules), and each RULEFILE after them as
 * `argraph --rules` adds it. Every file of LIST is read and the sentences
 * the rule pass reads are kept, with their language. Then the rules run
 * one at a time, each over the sentences argraph_rules_match() would run
 * it on: those of its language (every rule runs on a sentence without
 * one) that its prefilter lets through. Printed, most costly first: each
 * rule's CPU milliseconds, cue and pattern together and the cue alone;
 * how many sentences the prefilter let it run on, how many its cue let
 * through, its matches; then each language's prefilter scans.
 *
 * One rule over all its sentences at a time keeps that rule's code and
 * data in the caches: these are the least a rule costs, and they add up
 * to less than the pass pays (bench/stages.c measures the pass). Unlike
 * the pass, a rule is tried again after a match without first looking
 * for its literals in the rest of the sentence (match.c): the same
 * matches, a little more time for a rule that matches often.
 *
 * Exit 0; 3 when the rules one at a time found other matches than
 * argraph_rules_match() over the same sentences (a defect); 1 when the
 * rules cannot be loaded; 2 on usage.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "argraph/argraph.h"
#include "rules/rules_internal.h"
#include "tools.h"

/* One rule's figures. */
typedef struct rule_cost {
	const argraph_rule *rule;
	size_t runs;     /* sentences the prefilter let it run on */
	size_t cue_hits; /* of those, how many its cue let through (runs without a cue) */
	size_t matches;
	size_t limits;   /* sentences where it hit a PCRE2 limit */
	double secs, cue_secs;
} rule_cost;

/* One language's prefilter scans. */
typedef struct plan_cost {
	const char *lang; /* NULL: sentences without a language, every rule */
	size_t sentences;
	size_t bytes;
	double secs;
} plan_cost;

/* Does the rule's cue match text, as the rule's run would find? (1
 * without a cue.) */
static int cue_hit(const argraph_ruleset *rs, const argraph_rule *r, const sentence *s,
	pcre2_match_data *md)
{
	return !r->cue
	       || argraph_rules__exec(rs, r->cue, s->text, s->len, 0, 0, md) != PCRE2_ERROR_NOMATCH;
}

/* Run the plan's rules one at a time over its sentences (indices `idx`),
 * each over those its prefilter lets through; the figures into
 * costs[0..plan->n) and *pc. */
static void run_plan(const argraph_ruleset *rs, const rules_plan *plan, const sentences *all,
	const size_t *idx, size_t n, pcre2_match_data *md, rule_cost *costs, plan_cost *pc)
{
	const rules_pf *pf = rs->use_pf ? plan->pf : NULL;
	size_t words = (plan->n + 63) / 64;
	uint64_t *pass = calloc(n * words + 1, sizeof *pass);
	size_t *first = calloc(plan->n + 1, sizeof *first);
	if (!pass || !first)
		exit(1);
	/* The prefilter, as argraph_rules_match() runs it: one scan of each
	 * sentence, then which rules it lets run, 64 at a time. */
	double t0 = cpu_now();
	for (size_t k = 0; k < n; k++) {
		const sentence *s = &all->items[idx[k]];
		uint64_t found[ARGRAPH_RULES_PF_WORDS];
		if (pf)
			argraph_rules__pf_scan(pf, s->text, s->len, found);
		for (size_t w = 0; w < words; w++)
			pass[k * words + w] = argraph_rules__pf_pass64(pf, w * 64, found);
		pc->bytes += s->len;
	}
	pc->secs = cpu_now() - t0;
	pc->sentences = n;
	/* Each rule's sentences, in order (a counting sort of the pairs the
	 * prefilter lets through, by rule), so that the time of a rule is
	 * spent on its sentences only. */
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < plan->n; i++)
			first[i + 1] += pass[k * words + i / 64] >> (i % 64) & 1;
	for (size_t i = 0; i < plan->n; i++)
		first[i + 1] += first[i];
	size_t *of_rule = malloc((first[plan->n] + 1) * sizeof *of_rule);
	if (!of_rule)
		exit(1);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < plan->n; i++)
			if (pass[k * words + i / 64] >> (i % 64) & 1)
				of_rule[first[i]++] = idx[k];
	/* first[i] is now where rule i's sentences end */
	for (size_t i = 0; i < plan->n; i++) {
		rule_cost *c = &costs[i];
		const argraph_rule *r = plan->rules[i];
		size_t from = i ? first[i - 1] : 0, to = first[i];
		c->rule = r;
		t0 = cpu_now();
		for (size_t k = from; k < to; k++)
			c->cue_hits += (size_t)cue_hit(rs, r, &all->items[of_rule[k]], md);
		c->cue_secs = cpu_now() - t0;
		t0 = cpu_now();
		for (size_t k = from; k < to; k++) {
			const sentence *s = &all->items[of_rule[k]];
			int stopped;
			if (argraph_rules__run(rs, r, s->text, s->len, md, count_match, &c->matches,
				&stopped) == ARGRAPH_ETOOBIG)
				c->limits++;
		}
		c->secs = cpu_now() - t0;
		c->runs = to - from;
	}
	free(of_rule);
	free(first);
	free(pass);
}

static int by_secs(const void *a, const void *b)
{
	const rule_cost *x = a, *y = b;
	return (x->secs < y->secs) - (x->secs > y->secs);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: argraph_rulecost DATADIR [RULEFILE...] < LIST\n", stderr);
		return 2;
	}
	argraph_ruleset *rs = load_rules(argv[1], argv + 2, argc - 2);
	if (!rs) {
		fputs("argraph_rulecost: cannot load the rules\n", stderr);
		return 1;
	}
	char **paths = NULL;
	size_t npaths = read_paths(stdin, &paths), files = 0;
	sentences all = {0};
	for (size_t f = 0; f < npaths; f++) {
		argraph_doc *doc = NULL;
		if (argraph_tei_read_file(&doc, paths[f], NULL, NULL) == ARGRAPH_OK) {
			each_sentence(doc, keep_sentence, &all);
			files++;
		}
		argraph_doc_free(doc);
		free(paths[f]);
	}
	free(paths);

	/* Plan 0: sentences without a language (every rule); plan j + 1: those
	 * whose language selects rs->rule_langs[j] — each sentence in the plan
	 * argraph_rules_match() runs for it. */
	size_t nplans = rs->nrule_langs + 1;
	rules_plan every;
	argraph_rules__plan(rs, NULL, &every);
	size_t *idx = malloc((all.len + 1) * sizeof *idx);
	rule_cost *costs = calloc(rs->nrules * nplans + 1, sizeof *costs);
	plan_cost *pcs = calloc(nplans, sizeof *pcs);
	pcre2_match_data *md = pcre2_match_data_create(rs->max_pairs ? rs->max_pairs : 1, NULL);
	if (!idx || !costs || !pcs || !md)
		return 1;
	size_t ncosts = 0;
	for (size_t p = 0; p < nplans; p++) {
		const rules_plan *plan = p ? &rs->lang_plans[p - 1] : &every;
		pcs[p].lang = p ? rs->rule_langs[p - 1] : NULL;
		size_t n = 0;
		for (size_t k = 0; k < all.len; k++) {
			rules_plan made;
			const rules_plan *its = argraph_rules__plan(rs, all.items[k].lang, &made);
			if (its == &made) /* no language: every rule, as `every` */
				its = &every;
			if (its == plan)
				idx[n++] = k;
		}
		run_plan(rs, plan, &all, idx, n, md, costs + ncosts, &pcs[p]);
		ncosts += plan->n;
	}

	/* The same sentences through argraph_rules_match(): the rules one at a
	 * time must have found exactly as many matches. */
	size_t want = 0, got = 0;
	double t0 = cpu_now();
	for (size_t k = 0; k < all.len; k++)
		argraph_rules_match(rs, ARGRAPH_RULE_NONE, all.items[k].lang, all.items[k].text,
			all.items[k].len, count_match, &want);
	double t_all = cpu_now() - t0;

	/* A rule runs in every plan of its language: on the sentences of its
	 * language, and on those without one. One row per rule. */
	rule_cost *rows = calloc(rs->nrules + 1, sizeof *rows);
	size_t nrows = 0;
	if (!rows)
		return 1;
	for (size_t i = 0; i < ncosts; i++) {
		size_t r = 0;
		while (r < nrows && rows[r].rule != costs[i].rule)
			r++;
		if (r == nrows)
			rows[nrows++].rule = costs[i].rule;
		rows[r].runs += costs[i].runs;
		rows[r].cue_hits += costs[i].cue_hits;
		rows[r].matches += costs[i].matches;
		rows[r].limits += costs[i].limits;
		rows[r].secs += costs[i].secs;
		rows[r].cue_secs += costs[i].cue_secs;
	}
	qsort(rows, nrows, sizeof *rows, by_secs);
	double total = 0, cue_total = 0;
	for (size_t r = 0; r < nrows; r++) {
		total += rows[r].secs;
		cue_total += rows[r].cue_secs;
		got += rows[r].matches;
	}
	printf("rule by rule over %zu sentences of %zu files: %.1f CPU ms in all, of which cues %.1f"
	       " (argraph_rules_match over the same, sentence by sentence: %.1f ms)\n",
		all.len, files, total * 1e3, cue_total * 1e3, t_all * 1e3);
	printf("%-34s %9s %9s %8s %8s %8s %6s\n", "rule", "ms", "cue ms", "runs", "cue ok",
		"matches", "share");
	for (size_t r = 0; r < nrows; r++) {
		const rule_cost *c = &rows[r];
		printf("%-34s %9.2f %9.2f %8zu %8zu %8zu %5.1f%%", c->rule->id, c->secs * 1e3,
			c->cue_secs * 1e3, c->runs, c->cue_hits, c->matches,
			total > 0 ? 100.0 * c->secs / total : 0.0);
		if (c->limits)
			printf("  (a PCRE2 limit in %zu)", c->limits);
		putchar('\n');
	}
	for (size_t p = 0; p < nplans; p++)
		if (pcs[p].sentences)
			printf("prefilter of %-21s %9.2f ms over %zu sentences, %.1f MB\n",
				pcs[p].lang ? pcs[p].lang : "every rule (no lang)", pcs[p].secs * 1e3,
				pcs[p].sentences, (double)pcs[p].bytes / 1048576.0);
	printf("matches: %zu rule by rule, %zu by argraph_rules_match%s\n", got, want,
		got == want ? "" : " — DIFFERENT (a defect)");
	free(rows);
	free(costs);
	free(pcs);
	free(idx);
	pcre2_match_data_free(md);
	sentences_release(&all);
	argraph_rules_free(rs);
	return got == want ? 0 : 3;
}
