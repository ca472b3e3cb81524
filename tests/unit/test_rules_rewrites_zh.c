/* SPDX-License-Identifier: MIT */
/*
 * test_rules_rewrites_zh.c — cues of rules/zh.rules added or made
 * stronger for speed must not change what any rule matches. A cue is a
 * necessary condition of its rule's pattern: a text without it skips the
 * rule. The old file here is the bundled zh.rules with each such cue line
 * put back as it was (or taken out, for an added cue); the old and the
 * new rule sets must give exactly the same matches (rule, span, roles) on
 * the bundled texts, on texts crafted for the cues, and on 40,000
 * generated texts (2,000 under valgrind), with the defines inlined and
 * not (rule_diff.h). Rewrites of defines and patterns are checked by
 * test_rules_rewrites.c (its reverted[]).
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

/* Each cue line as it is now, and as it was ("" for a cue added). */
static const char *const cues[][2] = {
	{"  cue     是(?:(?<!但是)|(?<=[^，,。；;！？!?：:\\n（(《“「]但是))(?:因为|由于)\n",
		"  cue     是(?:因为|由于)\n"},
	{"  cue     的(?<!共同作用的|共同影响的|共同推动的|共同决定的|共同促成的|共同塑造的|作用下的)"
		"(?:直接|必然|间接|自然|最终)?(?:结果|产物|后果)\n",
		"  cue     结果|产物|后果\n"},
	{"  cue     受(?:(?!(?&_v_influence))(?&_c))*+(?&_v_influence)\n", "  cue     受\n"},
	{"  cue     (?=(?&_v_make))(?<=[^，,。；;！？!?：:\\n（(《“「])(?&_v_make)(?&_c)\n",
		"  cue     使\n"},
	{"  cue     (?=(?&_rv))(?<=[^，,。；;！？!?：:\\n（(《“「])(?&_rv)\n", "  cue     (?&_rv)\n"},
	{"  cue     [，,]\\s*(?:1[5-9]|20)\\d{2}[a-z]?年?(?:[，,:：]\\s*(?:第?\\s*\\d+(?:[-–]\\d+)?\\s*页?"
		"|pp?\\.\\s*\\d+(?:[-–]\\d+)?))?\\s*[）)；;]\n",
		""},
	{"  cue     [，,]\\s*(?:所以|因此|因而|从而|于是|故而|才|就)\n", "  cue     由于|因为\n"},
};

/* Texts at the edges of the cues: the verb opening a clause or the text,
 * after a closing bracket or quote, inside brackets; 但是因为 with and
 * without a piece before 但; the joint form of 的结果; the verb of
 * zh.cause.influenced in the next clause; author-year pairs with pages. */
static const char *const crafted[] = {
	"但是由于北约对俄罗斯的战略考量，并不愿意接纳俄罗斯。",
	"他但是由于冷战结束。",
	"谈判失败，但是因为双方缺乏互信。",
	"谈判失败但是因为双方缺乏互信，这是因为制度。",
	"（注）但是由于双方缺乏互信。",
	"“但”是因为双方缺乏互信。",
	"联盟之所以能够存续，是因为其成员国找到了新的共同威胁。",
	"联盟的转型是外部威胁与内部改革共同作用的结果。",
	"冷战的终结是苏联内部改革失败的结果，也是共同作用的直接结果。",
	"冷战的终结是苏联内部改革失败的直接后果。",
	"国家的外交政策受到国内政治、经济利益和国际环境等多方因素的影响。",
	"欧洲国家都受到了重创，影响很大。",
	"国家受到（国内的）政治左右。",
	"平衡各国间的关系，使国际秩序达到权力和道德相协调的格局。",
	"使得国家间的相互依赖不断加深。",
	"（全球化）使得国家间的相互依赖不断加深。",
	"经济全球化使得国家间的相互依赖不断加深。",
	"《全球化》迫使各国合作。",
	"“全球化”驱使各国合作，为了使扩张的行为具有合法性。",
	"经济全球化使。",
	"俄罗斯反对美国，指出乌克兰的政局动荡背后存在美国的支持。",
	"指出乌克兰的政局动荡。",
	"米尔斯海默等学者断言，当北约失去了苏联这一威胁，北约将解体。",
	"学者们（2001）认为联盟将会解体。",
	"学者们“认为”联盟将会解体。",
	"学者\n认为联盟将会解体。",
	"这一点已有讨论（张三，2001；李四等，2003）。",
	"联盟理论的经典论述（Keohane，1984：25）。",
	"联盟理论（Keohane, 1984, pp. 25-30）与（王五，2005年，第3页）。",
	"联盟理论（Keohane，1984a ）与（王五， 2005 ；赵六，1999b）。",
	"2008年俄罗斯与格鲁吉亚的战争，2022年的俄乌冲突。",
	"（张三，2001",
	"由于冷战结束，因此北约失去了原有的防御目标。",
	"由于冷战结束，北约就俄美双方的分歧进行了协商。",
	"因为（冷战，结束）\n，\n所以北约失去了目标。",
};

/* text with from replaced by to, which must occur exactly once. */
static char *replace_once(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	OK(at != NULL);
	if (!at)
		return strdup(text);
	OK(strstr(at + 1, from) == NULL);
	strbuf b = {0};
	strbuf_append(&b, text, (size_t)(at - text));
	strbuf_puts(&b, to);
	strbuf_puts(&b, at + strlen(from));
	return strbuf_detach(&b);
}

static void test_cues(void)
{
	size_t zl, el;
	char *zh = test_slurp_in(srcdir, "rules/zh.rules", &zl), *en = test_slurp_in(srcdir, "rules/en.rules", &el);
	if (!zh || !en)
		return;
	char *old = strdup(zh);
	for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++) {
		char *r = replace_once(old, cues[i][0], cues[i][1]);
		free(old);
		old = r;
	}
	size_t generated = test_under_valgrind() ? 2000 : 40000;
	argraph_ruleset *a = load_pair(old, en, 1);
	for (int inl = 1; inl >= 0; inl--) {
		argraph_ruleset *b = load_pair(zh, en, inl);
		size_t before = compared;
		compare_bundled(a, b, srcdir);
		compare_each(a, b, crafted, sizeof crafted / sizeof *crafted);
		compare_generated(a, b, srcdir, generated, 0x2c0e + (uint64_t)inl);
		OK(compared - before > generated);
		argraph_rules_free(b);
	}
	fprintf(stderr, "test_cues: %zu texts, %zu matches, %zu differed\n", compared, matched,
		differed);
	INT_EQ(differed, 0);
	OK(matched > generated / 2);
	argraph_rules_free(a);
	free(old);
	free(zh);
	free(en);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		srcdir = argv[1];
	test_cues();
	return TEST_DONE();
}
