/* SPDX-License-Identifier: MIT */
/*
 * test_reader_inline_attrs.c — the attributes of an inline record, read
 * in one pass over the element's attributes, against what each one read
 * alone gives: @ref (else @target) as target and key, @when (else @from)
 * as a date's key, @type, @n, @ana, a non-empty xml:id. Generated
 * elements carry random subsets of them in random order, next to
 * look-alikes in another namespace (f:ref, f:type, f:n, f:id) or in none
 * (@id is not xml:id) that must be ignored.
 */
#include "argraph/argraph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/strbuf.h"

enum { REF, TARGET, WHEN, FROM, TYPE, N, ANA, ID, F_REF, F_TYPE, F_N, F_ID, PLAIN_ID, NATTR };
static const char *const attr_xml[NATTR] = {
	"ref", "target", "when", "from", "type", "n", "ana", "xml:id", "f:ref", "f:type", "f:n",
	"f:id", "id"};
static const char *const elements[] = {"ref", "date", "seg", "persName", "term", "title"};

typedef struct expect {
	char value[NATTR][32];
	int has[NATTR];
	int date;
} expect;

static const char *want_or_null(const expect *e, int a)
{
	return e->has[a] ? e->value[a] : NULL;
}

static int same(const char *got, const char *want)
{
	return got && want ? strcmp(got, want) == 0 : got == want;
}

int main(int argc, char **argv)
{
	test_seed(0x853C49E6748FEA9Bull);
	size_t wrong = 0, checked = 0;
	for (int doc = 0; doc < 200; doc++) {
		enum { PER_DOC = 40 };
		expect ex[PER_DOC];
		strbuf xml = {0};
		strbuf_puts(&xml, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xmlns:f=\"urn:f\">"
			"<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt></fileDesc>"
			"</teiHeader><text><body><p>");
		for (int k = 0; k < PER_DOC; k++) {
			expect *e = &ex[k];
			memset(e, 0, sizeof *e);
			/* a <seg> always gets an xml:id or @ana: a plain one makes no record */
			int el = (int)test_rnd(sizeof elements / sizeof *elements);
			e->date = el == 1;
			strbuf_printf(&xml, "w%d <%s", k, elements[el]);
			int order[NATTR];
			for (int a = 0; a < NATTR; a++)
				order[a] = a;
			for (int a = NATTR - 1; a > 0; a--) {
				int b = (int)test_rnd((unsigned)a + 1), t = order[a];
				order[a] = order[b];
				order[b] = t;
			}
			for (int i = 0; i < NATTR; i++) {
				int a = order[i];
				if (test_rnd(3) && !(el == 2 && (a == ID || a == ANA)))
					continue;
				e->has[a] = 1;
				switch (test_rnd(4)) {
				case 0: snprintf(e->value[a], sizeof e->value[a], "#x%d-%d", k, a); break;
				case 1: snprintf(e->value[a], sizeof e->value[a], "#p%d #q%d", k, a); break;
				case 2: snprintf(e->value[a], sizeof e->value[a], "%s", a == TARGET ? "" : "v"); break;
				default: snprintf(e->value[a], sizeof e->value[a], "v%d", a);
				}
				if (a == ID || a == F_ID || a == PLAIN_ID) /* an xml:id must be an NCName */
					snprintf(e->value[a], sizeof e->value[a], "i%d_%d", doc, k);
				strbuf_printf(&xml, " %s=\"%s\"", attr_xml[a], e->value[a]);
			}
			strbuf_printf(&xml, ">t%d</%s> ", k, elements[el]);
		}
		strbuf_puts(&xml, "</p></body></text></TEI>");
		argraph_doc *d = test_read_tei(xml.data, xml.len, "attrs.xml");
		if (!d)
			wrong++;
		size_t ni = d ? argraph_doc_inline_count(d) : 0;
		for (int k = 0, i = 0; d && k < PER_DOC; k++) {
			const expect *e = &ex[k];
			if ((size_t)i >= ni) {
				wrong++;
				break;
			}
			const argraph_inline *in = argraph_doc_inline_at(d, (size_t)i++);
			const char *target = e->has[REF] ? e->value[REF] : want_or_null(e, TARGET);
			char key[32] = "";
			const char *want_key = NULL;
			if (target) {
				const char *t = target[0] == '#' ? target + 1 : target;
				size_t len = strcspn(t, " \t\n");
				memcpy(key, t, len);
				key[len] = '\0';
				want_key = len ? key : NULL;
			} else if (e->date) {
				want_key = e->has[WHEN] ? e->value[WHEN] : want_or_null(e, FROM);
			}
			const char *want_id = e->has[ID] && e->value[ID][0] ? e->value[ID] : NULL;
			int ok = same(in->target, target) && same(in->key, want_key)
			    && same(in->type, want_or_null(e, TYPE)) && same(in->n, want_or_null(e, N))
			    && same(in->ana, want_or_null(e, ANA)) && same(in->xml_id, want_id);
			checked++;
			if (!ok && wrong++ < 5)
				fprintf(stderr, "inline %d of document %d: target %s key %s type %s n %s "
					"ana %s id %s\n", k, doc, in->target ? in->target : "-",
					in->key ? in->key : "-", in->type ? in->type : "-",
					in->n ? in->n : "-", in->ana ? in->ana : "-",
					in->xml_id ? in->xml_id : "-");
		}
		argraph_doc_free(d);
		strbuf_release(&xml);
	}
	INT_EQ(wrong, 0);
	OK(checked > 5000);
	argraph_tei_cleanup();
	return TEST_DONE();
}
