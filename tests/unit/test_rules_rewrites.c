/* SPDX-License-Identifier: MIT */
/*
 * test_rules_rewrites.c — rewrites of the bundled rules made for speed
 * must not change what any rule matches. Each rewrite is undone here by a
 * text substitution on the rule file, and the old and the new file give
 * exactly the same matches (rule, span, roles) on every line of the spec
 * files, the rule files (so every example and counterexample) and the
 * bundled TEI texts, and on runs of 8 lines joined.
 *
 * The rewrites:
 * - zh: (?&_advs) for (?&_adv)*, i.e. (?:(?=[first characters])(?&_adv)+)?
 * - en: _subj_end starts with (?=\s) (every use is followed by \s+).
 * - zh: a role that ends a pattern is possessive, (?&_c)++ at the end of
 *   the line (the one before a look-ahead, in zh.cause.because-comma, is
 *   older and not a rewrite).
 * - zh.fact.statistic, zh.fact.date, zh.fact.number start with a
 *   look-ahead for the characters their alternatives start with (the
 *   English fact rules' look-aheads are in reverted[] below).
 * When a rewrite is taken out of the rule file, take it out here too: the
 * test checks that each substitution still finds its text.
 *
 * Larger rewrites keep the old line itself here (reverted[]: a define or
 * a rule's pattern, as it was), and test_reverted() compares the old and
 * the new files also on 40,000 generated texts (2,000 under valgrind),
 * with the defines inlined and not (rule_diff.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "argraph/diag.h"
#include "argraph/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "rule_diff.h"
#include "util/strbuf.h"

static const char *srcdir = ".";

/* s with every `from` replaced by `to`; *count gets how many. */
static char *replace(const char *s, const char *from, const char *to, size_t *count)
{
	strbuf b = {0};
	size_t fl = strlen(from);
	*count = 0;
	for (const char *p = s, *q; ; p = q + fl) {
		q = strstr(p, from);
		if (!q) {
			strbuf_puts(&b, p);
			break;
		}
		strbuf_append(&b, p, (size_t)(q - p));
		strbuf_puts(&b, to);
		(*count)++;
	}
	char *r = malloc(b.len + 1);
	if (r)
		memcpy(r, strbuf_cstr(&b), b.len + 1);
	strbuf_release(&b);
	return r;
}

static void test_same(void)
{
	size_t zl, el, nz, ne;
	char *zh = test_slurp_in(srcdir, "rules/zh.rules", &zl), *en = test_slurp_in(srcdir, "rules/en.rules", &el);
	if (!zh || !en)
		return;
	char *zh_old = replace(zh, "(?&_advs)", "(?&_adv)*", &nz);
	char *en_old = replace(en, "define _subj_end (?=\\s)(?i:", "define _subj_end (?i:", &ne);
	OK(nz >= 10); /* the patterns that call it */
	size_t np;
	char *zh_old2 = replace(zh_old, "(?&_c)++)\n", "(?&_c)+)\n", &np);
	free(zh_old);
	zh_old = zh_old2;
	OK(np >= 12); /* the patterns that end with a role of pieces */
	INT_EQ(ne, 1);
	static const char *const gates[][2] = {
		{"zh", "pattern (?=[\\d百])(?<statistic>"},
		{"zh", "pattern (?=[12十二])(?<date>"},
		{"zh", "pattern (?=[\\d三四五六七八九十百千一二两])(?<number>"},
	};
	for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++) {
		char **old = gates[i][0][0] == 'e' ? &en_old : &zh_old;
		const char *from = gates[i][1];
		char to[128];
		snprintf(to, sizeof to, "pattern %s", strstr(from, "(?<"));
		size_t k;
		char *r = replace(*old, from, to, &k);
		INT_EQ(k, 1);
		free(*old);
		*old = r;
	}
	argraph_ruleset *a = load_pair(zh_old, en_old, 1), *b = load_pair(zh, en, 1);
	compare_bundled(a, b, srcdir);
	INT_EQ(differed, 0);
	OK(compared > 1000);
	OK(matched > 500);
	argraph_rules_free(a);
	argraph_rules_free(b);
	free(zh);
	free(en);
	free(zh_old);
	free(en_old);
}

/* ---- rules rewritten as a whole ----
 * Each entry is a line of a bundled rule file as it was before a rewrite
 * for speed: a define, or a rule's pattern line. test_reverted() puts the
 * old lines back and checks that the old and the new files give the same
 * matches, on the bundled texts and on many generated texts (rule_diff.h),
 * with the defines inlined and not. Why each rewrite changes no match is
 * said in the rule file, next to the define it uses (_cw). */
static const struct reverted {
	const char *lang; /* "en" or "zh" */
	const char *key;  /* "define _name" or "rule <id>" */
	const char *line; /* the line before the rewrite */
} reverted[] = {
	{"en", "define _lead",
		"define _lead (?:(?i:thus|hence|therefore|moreover|furthermore|indeed|similarly|"
		"likewise|instead|in\\s+turn|in\\s+short|in\\s+sum|in\\s+other\\s+words|first|"
		"second|third|finally|and|but|yet|so|then|also|however|in\\s+addition|overall|"
		"in\\s+particular|for\\s+example|for\\s+instance|as\\s+such)\\s*,?\\s+)?(?:(?=(?&_c)"
		"*?\\b(?i:that)\\b)(?&_c)*?\\b(?&_rv)\\s+(?i:that)\\s+)?(?:(?i:if|when|once|whereas|"
		"while|although|though|and|but|so|then|that)\\s+)?"},
	{"en", "rule en.cause.result-of",
		"  pattern (?&_at)(?&_lead)(?=(?&_c)*?\\b(?&_v_result))(?<effect>(?&_np)(?&_c)"
		"+?)\\s+(?i:(?:was|were|is|are|has\\s+been|have\\s+been|had\\s+been|will\\s+be|"
		"would\\s+be|may\\s+be|might\\s+be|can\\s+be|could\\s+be|remains?|remained)\\s+)"
		"(?&_adv)(?i:(?:the|a|an)\\s+)?(?i:(?:joint|combined|direct|indirect|natural|"
		"inevitable|cumulative|unintended|main|ultimate|net)\\s+)*(?&_v_result)\\s+(?<cause>(?&_list)"
		")"},
	{"en", "rule en.cause.because-of",
		"  pattern (?&_at)(?&_lead)(?=(?:(?&_c)|,)*?\\b(?&_v_becof))(?<effect>(?&_np)"
		"(?&_c)+?)(?:\\s+(?i:is|are|was|were|may\\s+be|might\\s+be|can\\s+be|could\\s+be)"
		")?\\s*,?\\s+(?&_adv)(?&_v_becof)\\s+(?<cause>(?&_list))"},
	{"en", "rule en.cause.because-mid",
		"  pattern (?&_at)(?&_lead)(?=(?:(?&_c)|,)*?\\b(?&_v_because))(?<effect>(?&_np)"
		"(?&_c)+?)\\s*,?\\s+(?:(?i:largely|mainly|mostly|partly|in\\s+part|primarily|"
		"simply|precisely|only|at\\s+least\\s+in\\s+part|probably|perhaps|not)\\s+)*(?&_v_because)"
		"(?<cause>(?=\\S)(?&_c)+)"},
	{"en", "rule en.cause.lead-to",
		"  pattern (?&_at)(?&_lead)(?=(?&_c)*?\\b(?&_v_lead))(?<cause>(?&_np)(?&_c)+?)"
		"(?&_subj_end)\\s+(?&_aux)(?&_adv)(?&_v_lead)\\s+(?<effect>(?&_obj)(?&_c)+)"},
	{"en", "rule en.cause.passive",
		"  pattern (?&_at)(?&_lead)(?=(?&_c)*?\\b(?&_v_passive))(?<effect>(?&_np)(?&_c)"
		"+?)\\s+(?:(?i:is|are|was|were|be|been|being|has|have|had|can|could|may|might|"
		"will|would|must|should)\\s+)+(?&_adv)(?&_v_passive)\\s+(?<cause>(?&_list))"},
	{"en", "rule en.cause.stem",
		"  pattern (?&_at)(?&_lead)(?=(?&_c)*?\\b(?&_v_stem))(?<effect>(?&_np)(?&_c)+?)"
		"(?&_subj_end)\\s+(?&_aux)(?&_adv)(?&_v_stem)\\s+(?<cause>(?&_list))"},
	{"en", "rule en.cause.attributed",
		"  pattern (?&_at)(?&_lead)(?=(?&_c)*?\\b(?&_v_attr))(?<effect>(?&_np)(?&_c)+?)"
		"\\s+(?:(?i:is|are|was|were|be|been|being|can|could|may|might|must|should|will|"
		"would|has|have|had|largely|partly|mainly)\\s+)*(?&_v_attr)\\s+(?<cause>(?&_list)"
		")"},
	{"en", "rule en.report.verb",
		"  pattern (?&_at)(?:(?i:thus|hence|moreover|furthermore|similarly|likewise|in\\s+contrast|"
		"by\\s+contrast|however|yet|but|and|also|indeed|instead|conversely|in\\s+particular|"
		"for\\s+example|for\\s+instance|notably|later|earlier)\\s*,?\\s+)?(?!(?&_self)"
		"|(?i:as|it|there|this|that|these|those)\\s+(?&_rv))(?!(?i:as)\\b)(?=(?&_c)*?\\b(?&_rv)"
		"\\s)(?!(?&_c)*?\\b(?i:we|our|us)\\b)(?<asserter>(?&_np)(?=\\p{L})(?&_c)+?)(?&_subj_end)"
		"\\s+(?:(?i:has|have|had|also|further|rightly|correctly|wrongly|famously|convincingly|"
		"persuasively|explicitly|repeatedly|similarly|likewise|instead|therefore|thus|"
		"then|later|once|first|even|already)\\s+)*(?&_rv)\\s+(?:,\\s*[^,]{1,40},\\s*)"
		"?(?:(?i:that)\\s+|:\\s*)(?<claim>(?&_claim))"},
	{"en", "rule en.prediction.verb",
		"  pattern (?&_at)(?:(?i:thus|hence|moreover|however|yet|but|and|also|indeed|"
		"similarly|likewise)\\s*,?\\s+)?(?!(?&_self))(?!(?i:as|it|there)\\b)(?=(?&_c)"
		"*?\\b(?&_pv)\\s)(?!(?&_c)*?\\b(?i:we|our|us)\\b)(?<asserter>(?&_np)(?&_c)+?)"
		"(?&_subj_end)(?<!\\bas)\\s+(?:(?i:has|have|had|famously|also|confidently|correctly|"
		"wrongly|therefore|thus|once|long)\\s+)*(?&_pv)\\s+(?:(?i:that)\\s+)?(?<claim>(?&_np)"
		"(?&_claim))"},
	{"en", "rule en.fact.statistic",
		"  pattern (?<statistic>(?<![\\p{L}\\d.,])\\d+(?:\\.\\d+)?\\s*(?:%|(?i:per\\s?cent|"
		"percentage\\s+points?)\\b|-?(?i:fold)\\b)|(?<![\\p{L}\\d])[pP]\\s*[<=>≤≥]\\s*0?\\.\\d+|"
		"(?<![\\p{L}\\d])[nNrR]\\s*=\\s*-?\\d[\\d,]*(?:\\.\\d+)?)"},
	{"en", "rule en.fact.number",
		"  pattern (?<number>(?=\\d)(?<![\\p{L}\\d.,\\-=<>≤≥])(?<!\\b\\p{Lu}\\s)(?<!(?i)"
		"table\\s|tables\\s|figure\\s|fig\\.\\s|section\\s|sec\\.\\s|chapter\\s|equation\\s|"
		"eq\\.\\s|appendix\\s|step\\s|phase\\s|model\\s|experiment\\s|study\\s|hypothesis\\s|"
		"version\\s|page\\s|no\\.\\s|p\\.\\s|pp\\.\\s|level\\s)(?!(?:1[5-9]|20)\\d\\d(?![\\d,.])"
		")(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?(?:\\s*(?:[kKmM]|(?i:thousand|"
		"million|billion|trillion))\\b)?)(?=[\\s\\-]+\\p{Ll})|\\b(?i:eleven|twelve|thirteen|"
		"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
		"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens)"
		"(?:-(?i:one|two|three|four|five|six|seven|eight|nine))?(?=\\s+\\p{Ll}))"},
	{"en", "rule en.fact.date",
		"  pattern (?<date>(?=\\d)(?<=(?i)\\bin\\s|\\bon\\s|\\bsince\\s|\\buntil\\s|\\btill\\s|"
		"\\bby\\s|\\bfrom\\s|\\bbefore\\s|\\bafter\\s|\\bduring\\s|\\bbetween\\s|\\band\\s|"
		"\\bto\\s|\\baround\\s|\\bcirca\\s|\\bc\\.\\s|\\bof\\s|\\bearly\\s|\\blate\\s|"
		"\\bmid\\s|\\bmid-|\\bpre-|\\bpost-)(?:\\d{1,2}\\s+(?i:january|february|march|"
		"april|may|june|july|august|september|october|november|december)\\s+)?(?:1[5-9]|"
		"20)\\d\\d(?:s)?(?![\\d\\p{L}])|\\b(?i:january|february|march|april|june|july|"
		"august|september|october|november|december)\\s+(?:\\d{1,2},?\\s+)?(?:1[5-9]|"
		"20)\\d\\d(?!\\d))"},
	{"zh", "define _rv",
		"define _rv (?:认为|指出|断言|表示|宣称|声称|坚称|坚信|相信|写道|论证|发现|证明|表明|(?:强调|主张|承认|批评|质疑|提到|"
		"谈到|提出|论述)(?=[，,：:]|说|道|指出))"},
	{"zh", "define _pv",
		"define _pv (?<![一该此其的种些项个])(?:预测|预言|预计|预判|预料|预期|估计)"},
	{"zh", "define _lead",
		"define _lead (?:(?&_c)*?(?:(?&_rv)|证实|说明|显示|反映|揭示|看出|看到)(?:了|道|出)?[，,：:]?\\s*)"
		"?(?:因此|所以|因而|从而|于是|而且|并且|同时|此外|但是|但|然而|可见|事实上|实际上|尤其是|特别是|也正是|正是|而|也)?[，,]?"},
	{"zh", "define _v_leadto",
		"define _v_leadto (?:导致|造成|引发|引起|致使|促使|诱发|催生|酿成)"},
	{"zh", "define _v_source",
		"define _v_source (?:源于|源自|来源于|根源于|归因于|归结于|取决于|起源于|植根于|得益于|受益于)"},
	{"zh", "define _v_promote",
		"define _v_promote (?:促成|推动|推进|促进|加剧|加速|助长|激化|恶化|削弱|增强|强化|增添|扩大)了"},
	{"en", "define _rv",
		"define _rv (?i:argues?|argued|claims?|claimed|contends?|contended|asserts?|asser"
		"ted|notes?|noted|suggests?|suggested|shows?|showed|shown|states?|stated|maintain"
		"s?|maintained|holds?|held|observes?|observed|finds?|found|concludes?|concluded|p"
		"oints?\\s+out|pointed\\s+out|insists?|insisted|emphasi[sz]es|emphasi[sz]ed|stres"
		"ses|stressed|demonstrates?|demonstrated|proposes?|proposed|believes?|believed|re"
		"ports?|reported|writes?|wrote|acknowledges?|acknowledged|recogni[sz]es?|recogni["
		"sz]ed|indicates?|indicated|reveals?|revealed|confirms?|confirmed|implies|implied"
		")"},
	{"en", "define _v_lead",
		"define _v_lead (?i:(?:leads?|led)\\s+(?:(?:directly|ultimately|eventually|in\\s+"
		"turn)\\s+)?to|results?\\s+in|resulted\\s+in|gives?\\s+rise\\s+to|gave\\s+rise\\s"
		"+to|brings?\\s+about|brought\\s+about|contributes?\\s+to|contributed\\s+to|cause"
		"s?|caused|drives?|drove|triggers?|triggered|produces?|produced|generates?|genera"
		"ted|prompted|fuell?ed|spurred|undermines?|undermined|explains?|explained|account"
		"s?\\s+for|accounted\\s+for|enables?|enabled|forced|shaped|determines?|determined"
		")\\b"},
	/* the pieces: abbreviations behind a guard (en.rules says why) */
	{"en", "define _c",
		"define _c (?:\\([^()\\n]*\\)|\\[[^\\[\\]\\n]*\\]|\\bet\\s+al\\.|\\b(?i:e\\.g|i\\"
		".e|cf|vs|etc|viz|fig|figs|no|pp?|ch|eq|vol)\\.(?=\\s)|[^,;:.!?()\\[\\]\\n]|\\.(?"
		"=[^\\s.,;:]))"},
	{"en", "define _s",
		"define _s (?:\\([^()\\n]*\\)|\\[[^\\[\\]\\n]*\\]|\\bet\\s+al\\.|\\b(?i:e\\.g|i\\"
		".e|cf|vs|etc|viz|fig|figs|no|pp?|ch|eq|vol)\\.(?=\\s)|[^;.!?()\\[\\]\\n]|\\.(?=["
		"^\\s.,;:]))"},
	/* _at's guard (?<![a-z]) (en.rules says why) */
	{"en", "define _at",
		"define _at (?:^|(?<=[,;:.!?—]\\s)|(?<=[;:—]))\\s*"},
	{"zh", "rule zh.cause.influenced",
		"  pattern (?&_at)(?&_lead)(?<effect>(?&_ns)(?&_c)+?)(?&_advs)(?:受到了?|受)(?<cause>(?&_c)+?)(?:"
		"等(?:多方|多种|多方面|多重)?因素)?的?(?:影响|制约|驱动|左右)"},
	{"zh", "rule zh.cause.lead-to",
		"  pattern (?&_at)(?&_lead)(?<cause>(?&_ns)(?:(?!(?&_by))(?&_c))+?)(?&_advs)(?<!共同)(?&_v_leadto)("
		"?:了|着)?(?<effect>(?&_c)++)"},
	{"zh", "rule zh.cause.make",
		"  pattern (?&_at)(?&_lead)(?<cause>(?&_ns)(?&_c)+?)(?&_advs)(?:使得|迫使|驱使|(?<![致促迫驱"
		"指假即纵行出大天特公了以])使(?![用命馆者节团劲然]))(?<effect>(?&_c)++)"},
	{"zh", "rule zh.cause.source",
		"  pattern (?&_at)(?&_lead)(?<effect>(?&_ns)(?&_c)+?)(?&_advs)(?&_v_source)(?<cause>(?&_c)++)"},
	{"zh", "rule zh.cause.promote",
		"  pattern (?&_at)(?&_lead)(?<cause>(?&_ns)(?:(?!(?&_by))(?&_c))+?)(?&_advs)(?<!共同)(?&_v_promote)"
		"(?<effect>(?&_c)++)"},
	{"zh", "rule zh.report.verb",
		"  pattern (?&_at)(?:(?:但是?|而且?|然而|此外|同时|因此|所以|而|也|还|另外)[，,]?"
		")?(?!(?&_self))(?<asserter>(?&_ns)(?&_c)+?)(?&_advs)(?&_rv)(?:了|过|道)?[，,：:]?\\s*(?<claim>("
		"?&_claim))"},
	{"zh", "rule zh.prediction.verb",
		"  pattern (?&_at)(?:(?:但是?|而且?|然而|此外|同时|而|也|还)[，,]?)?(?!(?&_self))(?<ass"
		"erter>(?&_ns)(?&_c)+?)(?&_advs)(?&_pv)(?:了|过|道)?[，,：:]?\\s*(?<claim>(?&_claim))"},
	{"zh", "define _c",
		"define _c (?:（[^（）\\n]*）|\\([^()\\n]*\\)|《[^《》\\n]*》|“[^“”\\n]*”|「[^「」"
		"\\n]*」|[^，,。；;！？!?：:\\n（(《“「])"},
	{"zh", "define _s",
		"define _s (?:（[^（）\\n]*）|\\([^()\\n]*\\)|《[^《》\\n]*》|“[^“”\\n]*”|「[^「」"
		"\\n]*」|[^。；;！？!?\\n（(《“「])"},
	{"zh", "define _by",
		"define _by (?<![自理经缘来])由(?![于此衷])"},
	{"zh", "define _v_make",
		"define _v_make (?:使得|迫使|驱使|(?<![致促迫驱指假即纵行出大天特公了以])使(?![用命馆者节团劲然]))"},
	{"zh", "define _v_influence",
		"define _v_influence (?:等(?:多方|多种|多方面|多重)?因素)?的?(?:影响|制约|驱动|左右)"},
	{"zh", "rule zh.cause.therefore",
		"  pattern (?&_at)(?!由于|因为|鉴于|之所以|随着|伴随着)(?<cause>(?&_ns)(?&_c)+?)[，,]\\s"
		"*(?&_v_therefore)[，,]?(?:(?:为了|为|面对|通过|对于|针对|基于|在)(?&_c)+[，,]\\s*)?(?<"
		"effect>(?&_ns)(?&_c)++)"},
	{"zh", "rule zh.cause.is-because",
		"  pattern (?&_at)(?&_lead)(?<effect>(?&_ns)(?&_c)+?)(?:[，,]\\s*)?(?:这|"
		"这也|这主要|这正)?(?:主要|正|恰恰|根本上|很大程度上)?是(?:因为|由于)(?<cause>(?&_c)++)"},
	{"zh", "rule zh.cause.result",
		"  pattern (?&_at)(?&_lead)(?<effect>(?&_ns)(?&_c)+?)(?&_advs)(?:正是|就是|"
		"乃是|是)(?!否)(?<cause>(?&_c)+?)(?<!共同作用|共同影响|共同推动|共同决定|共同促成|共同塑造|作用下)的(?:"
		"直接|必然|间接|自然|最终)?(?:结果|产物|后果)"},
	{"en", "rule en.citation.paren",
		"  pattern (?=\\p{Lu}|(?:van|von|de|der|den|da|di|du|la|le|del|della|dos|ten|"
		"ter)\\s)(?:(?<=\\()|(?<=;)|(?<=;\\s)|(?<=\\(e\\.g\\.,\\s)|(?<=\\(e\\.g\\.\\s)"
		"|(?<=\\(see\\s)|(?<=\\(cf\\.\\s)|(?<=\\(see\\s also\\s)|(?<=\\(see, e\\.g\\.,\\s)"
		")(?<author>(?&_name)(?:(?:,\\s*(?&_name))*,?\\s+(?:and|&)\\s+(?&_name)|(?:,\\s*(?&_name)"
		")*,?\\s+et\\s+al\\.?)?)\\s*,?\\s*(?<year>(?&_year))(?:,\\s*(?:pp?\\.\\s*)?\\d+(?:[-–]\\d+)"
		"?)?(?=\\s*[;),])"},
	{"en", "rule en.citation.narrative",
		"  pattern (?<author>(?&_name)(?:\\s+(?:and|&)\\s+(?&_name)|\\s+et\\s+al\\.)?)"
		"(?:'s|’s)?\\s+\\((?<year>(?&_year))(?:[,:]\\s*(?:pp?\\.\\s*)?\\d+(?:[-–]\\d+)"
		"?)?\\)"},
	/* _cw: the one other character first (en.rules says why) */
	{"en", "define _cw",
		"define _cw (?:\\b(?=[eEiIcCvVfFnNpP])(?:et\\s+al\\.|(?i:e\\.g|i\\.e|cf|vs|etc|viz|fig|"
		"figs|no|pp?|ch|eq|vol)\\.(?=\\s))|\\w++|[^\\w,;:.!?()\\[\\]\\n]|\\([^()\\n]*\\)|"
		"\\[[^\\[\\]\\n]*\\]|\\.(?=[^\\s.,;:]))"},
};

/* text with the line named by key (a define line, or the pattern line of
 * a rule) replaced by line; *found: 1 when there was such a line and it
 * differed from line (the rewrite is still there). NULL: no such line. */
static char *revert(const char *text, const char *key, const char *line, int *found)
{
	size_t kl = strlen(key);
	const char *at = NULL;
	*found = 0;
	for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, kl) == 0 && p[kl] == ' ') {
			at = p;
			break;
		}
	if (at && strncmp(key, "rule ", 5) == 0) {
		const char *q = strstr(at, "\n  pattern ");
		const char *next = strstr(at + 1, "\nrule ");
		at = q && (!next || q < next) ? q + 1 : NULL;
	}
	if (!at)
		return NULL;
	const char *end = strchr(at, '\n');
	if (!end)
		end = at + strlen(at);
	*found = (size_t)(end - at) != strlen(line) || memcmp(at, line, strlen(line)) != 0;
	strbuf b = {0};
	strbuf_append(&b, text, (size_t)(at - text));
	strbuf_puts(&b, line);
	strbuf_puts(&b, end);
	return strbuf_detach(&b);
}

/* Texts that tell an exact rewrite from a near miss the generated texts
 * rarely hit. zh _lead: two lead-in verbs, where no cause can follow the
 * first (a cause does not start with 在), so the second must be tried
 * (a _lead that only tried the first would take the whole clause). */
static const char *const crafted[] = {
	"学者认为在联盟内部学者指出制度惯性导致联盟难以解体。",
	"有学者认为，在冷战后，学者指出制度惯性导致联盟难以解体。",
	"研究表明在此基础上，分析显示经济全球化使得国家间的相互依赖不断加深。",
};

/* Each \b before a word (that starts with a letter) that en.rules writes
 * as (?<!\w): the new text, the old. */
static const char *const word_starts[][2] = {
	/* at the start of a cue or a pattern, with the cheaper class first */
	{"(?<![a-zA-Z])(?<!\\w)", "\\b"},
	{"(?<!\\w)(?&_", "\\b(?&_"},
};

/* Cue lines added to rules of en.rules for speed (each a necessary
 * condition of its pattern, en.rules says why): test_reverted() takes
 * them out of the old file, so it also checks that they lose no match. */
static const char *const added_cues[] = {
	"  cue     [%<=>≤≥]|(?i:per\\s?cent|fold)\n",
	"  cue     (?i:view\\s*,|is\\s+that)\n",
	"  cue     \\((?:(?:1[5-9]|20)\\d\\d|n\\.d\\.|in\\s+press|forthcoming)\n",
	/* not added but rewritten: without them the old file has no cue there */
	"  cue     (?&_ws)(?&_v_result)\n",
	"  cue     (?&_ws)(?&_v_becof)\n",
	"  cue     (?<![a-zA-Z])(?<=\\s)(?&_v_because)\n",
	"  cue     (?&_ws)(?=(?&_v_lead)\\s+(?&_obj))\n",
	"  cue     (?&_ws)(?&_v_passive)\n",
	"  cue     (?&_ws)(?&_v_stem)\n",
	"  cue     (?&_ws)(?&_v_attr)\n",
	"  cue     (?&_ws)(?=(?&_rv_that))(?i:(?<!\\bwe\\s|\\bus\\s))\n",
	"  cue     (?&_ws)(?&_pv)\\s\n",
};

static void test_reverted(void)
{
	size_t zl, el;
	char *zh = test_slurp_in(srcdir, "rules/zh.rules", &zl), *en = test_slurp_in(srcdir, "rules/en.rules", &el);
	if (!zh || !en)
		return;
	char *old[2] = {strdup(zh), strdup(en)};
	/* \b before a word written (?<!\w) (en.rules says why): put back first,
	 * then the reverted lines. */
	for (size_t i = 0; i < sizeof word_starts / sizeof word_starts[0]; i++) {
		size_t k;
		char *r = replace(old[1], word_starts[i][0], word_starts[i][1], &k);
		OK(k >= 1);
		free(old[1]);
		old[1] = r;
	}
	for (size_t i = 0; i < sizeof reverted / sizeof reverted[0]; i++) {
		char **t = &old[reverted[i].lang[0] == 'e'];
		int found;
		char *r = revert(*t, reverted[i].key, reverted[i].line, &found);
		if (!found)
			fprintf(stderr, "%s: not there, or not rewritten\n", reverted[i].key);
		OK(found);
		if (r) {
			free(*t);
			*t = r;
		}
	}
	/* Cues added for speed: the old file is without them. */
	for (size_t i = 0; i < sizeof added_cues / sizeof added_cues[0]; i++) {
		size_t k;
		char *r = replace(old[1], added_cues[i], "", &k);
		INT_EQ(k, 1);
		free(old[1]);
		old[1] = r;
	}
	compare_old_new("test_reverted", old[0], old[1], zh, en, crafted,
		sizeof crafted / sizeof *crafted, srcdir, 0x5eed);
	free(old[0]);
	free(old[1]);
	free(zh);
	free(en);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_same();
	test_reverted();
	return TEST_DONE();
}
