/* SPDX-License-Identifier: MIT */
/*
 * test_rules_cues.c — a rule's cue only skips texts its pattern cannot
 * match (docs/rules.md): the bundled rule files with every `cue` line and
 * without any must give exactly the same matches (rule, span, roles), on
 * the bundled texts, on texts crafted for the edges of the cues, and on
 * 40,000 generated texts (2,000 under valgrind), with the defines inlined
 * and not (rule_diff.h). This holds whatever the cues and patterns become:
 * a pattern edited so that its cue no longer follows from it fails here
 * once a text shows it (and the load-time examples check the examples).
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
	"由于冷战结束，就失去了原有的防御目标。",
	"因为威胁消失，才使北约开始转型；由于冷战结束，故而联盟扩大，于是成员增加。",
	/* English: white space of other kinds and lengths before the verb, a
	 * word before it that a subject cannot end with, we/us, "because" at
	 * the start, years in brackets */
	"Rising costs  led to the collapse of the alliance.",
	"Rising costs\xc2\xa0led to the collapse of the alliance.",
	"Rising costs\nled to the collapse of the alliance.",
	"The members are led to new missions by the threat.",
	"The members and led to new missions.",
	"These assets can\tusually explain how the alliance could adapt.",
	"Scholars and we argue that alliances persist.",
	"As we argue that alliances persist, Waltz (1979) shows that states balance.",
	"Smith (n.d.) argues that states balance, and Jones (in press) notes that they bandwagon.",
	"Because of the war, trade fell because  of the blockade.",
	"Trade fell\u2028because the war began.",
	"The collapse was the direct result of bad luck and poor planning.",
};

/* The rule file `text` without its `cue` lines; *count gets how many. */
static char *without_cues(const char *text, size_t *count)
{
	strbuf b = {0};
	*count = 0;
	for (const char *line = text, *nl; *line; line = nl) {
		nl = strchr(line, '\n');
		nl = nl ? nl + 1 : line + strlen(line);
		if (strncmp(line, "  cue ", 6) == 0)
			++*count;
		else
			strbuf_append(&b, line, (size_t)(nl - line));
	}
	return strbuf_detach(&b);
}

static void test_cues(void)
{
	size_t zl, el, zc, ec;
	char *zh = test_slurp_in(srcdir, "rules/zh.rules", &zl), *en = test_slurp_in(srcdir, "rules/en.rules", &el);
	if (!zh || !en)
		return;
	char *zh_bare = without_cues(zh, &zc), *en_bare = without_cues(en, &ec);
	/* most causal and reporting rules have one: the test compares something */
	OK(zc >= 10 && ec >= 10);
	compare_old_new("test_cues", zh_bare, en_bare, zh, en, crafted,
		sizeof crafted / sizeof *crafted, srcdir, 0x2c0e);
	free(zh_bare);
	free(en_bare);
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
